//! Findings as LSP diagnostics. Each diagnostic carries its fixes in `data` (ranges in
//! the positions of the version it was computed on, and the text each edit expects), so
//! a code action never has to recompute and can refuse to edit text that moved.

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range,
    Uri,
};

use super::documents::Snapshot;
use super::position::{Encoding, to_range};
use super::settings::Settings;
use crate::analysis::entities::NAME_VARIANT;
use crate::analysis::{Finding, Severity, findings::Fix};
use crate::parallel::in_parallel;

pub const SOURCE: &str = "newsdump";

/// What a diagnostic's `data` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixData {
    pub fixes: Vec<FixOffer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixOffer {
    pub title: String,
    pub preferred: bool,
    pub edits: Vec<EditOffer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EditOffer {
    pub range: Range,
    pub expected: String,
    pub new_text: String,
}

pub fn fix_offer(snap: &Snapshot, fix: &Fix, enc: Encoding) -> FixOffer {
    FixOffer {
        title: fix.title.clone(),
        preferred: fix.preferred,
        edits: fix
            .edits
            .iter()
            .map(|e| EditOffer {
                range: to_range(&snap.rope, e.range.clone(), enc),
                expected: e.expected.clone(),
                new_text: e.replacement.clone(),
            })
            .collect(),
    }
}

fn lsp_severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Every diagnostic, those of the dump-wide people join (name variants) included.
pub fn diagnostics(
    uri: &Uri,
    snap: &Snapshot,
    settings: &Settings,
    enc: Encoding,
) -> Vec<Diagnostic> {
    convert(
        uri,
        snap,
        &snap.dump.all_findings(&snap.text),
        settings,
        enc,
    )
}

/// The diagnostics the articles give on their own (copied captions): ready as soon as
/// an edit is analysed, before the people join.
pub fn article_diagnostics(
    uri: &Uri,
    snap: &Snapshot,
    settings: &Settings,
    enc: Encoding,
) -> Vec<Diagnostic> {
    convert(uri, snap, &snap.dump.findings, settings, enc)
}

/// Whether the diagnostic comes from the people join (see [`article_diagnostics`]).
pub fn is_from_join(d: &Diagnostic) -> bool {
    d.code == Some(NumberOrString::String(NAME_VARIANT.into()))
}

fn convert(
    uri: &Uri,
    snap: &Snapshot,
    findings: &[Finding],
    settings: &Settings,
    enc: Encoding,
) -> Vec<Diagnostic> {
    // Thousands on a big dump, each several position conversions: on all cores.
    in_parallel(findings, |chunk| {
        chunk
            .iter()
            .filter_map(|f| {
                let severity = settings.severity(f.code, f.severity)?;
                Some(diagnostic(uri, snap, f, severity, enc))
            })
            .collect()
    })
}

fn diagnostic(
    uri: &Uri,
    snap: &Snapshot,
    f: &Finding,
    severity: Severity,
    enc: Encoding,
) -> Diagnostic {
    let related = f
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), to_range(&snap.rope, r.range.clone(), enc)),
            message: r.message.clone(),
        })
        .collect::<Vec<_>>();
    let data = (!f.fixes.is_empty()).then(|| {
        serde_json::to_value(FixData {
            fixes: f
                .fixes
                .iter()
                .map(|fix| fix_offer(snap, fix, enc))
                .collect(),
        })
        .expect("fix data is plain JSON")
    });
    Diagnostic {
        range: to_range(&snap.rope, f.range.clone(), enc),
        severity: Some(lsp_severity(severity)),
        code: Some(NumberOrString::String(f.code.to_string())),
        source: Some(SOURCE.to_string()),
        message: f.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        data,
        ..Diagnostic::default()
    }
}
