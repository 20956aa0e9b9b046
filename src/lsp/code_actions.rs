//! `textDocument/codeAction`: the quick fixes a diagnostic carries, and a
//! `source.fixAll.newsdump` action that applies every preferred fix in the file.

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic, TextEdit, Uri,
    WorkspaceEdit,
};

use super::diagnostics::{FixData, FixOffer, SOURCE, fix_offer, text_hash};
use super::documents::Snapshot;
use super::position::{Encoding, to_offsets, to_range};
use super::settings::Settings;
use crate::analysis::findings::compatible_preferred_fixes;

pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.newsdump")
}

/// True when the client asked for actions of `kind` (or did not narrow the request).
fn wanted(params: &CodeActionParams, kind: &CodeActionKind) -> bool {
    match &params.context.only {
        None => true,
        Some(only) => only.iter().any(|o| {
            kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        }),
    }
}

pub fn code_actions(
    params: &CodeActionParams,
    snap: &Snapshot,
    settings: &Settings,
    enc: Encoding,
) -> Vec<CodeActionOrCommand> {
    let uri = &params.text_document.uri;
    let mut out = Vec::new();
    if wanted(params, &CodeActionKind::QUICKFIX) {
        for diag in &params.context.diagnostics {
            out.extend(quick_fixes(uri, diag, snap, enc));
        }
    }
    if wanted(params, &fix_all_kind())
        && let Some(action) = fix_all(uri, snap, settings, enc)
    {
        out.push(action);
    }
    out
}

/// The fixes in a diagnostic's data, each checked against the current text: an edit
/// whose range no longer holds the text it expects is not offered.
fn quick_fixes(
    uri: &Uri,
    diag: &Diagnostic,
    snap: &Snapshot,
    enc: Encoding,
) -> Vec<CodeActionOrCommand> {
    if diag.source.as_deref() != Some(SOURCE) {
        return Vec::new();
    }
    let Some(data) = diag
        .data
        .clone()
        .and_then(|d| serde_json::from_value::<FixData>(d).ok())
    else {
        return Vec::new();
    };
    data.fixes
        .iter()
        .filter_map(|fix| {
            let edit = checked_edit(uri, fix, snap, enc)?;
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag.clone()]),
                edit: Some(edit),
                is_preferred: Some(fix.preferred),
                ..CodeAction::default()
            }))
        })
        .collect()
}

fn checked_edit(
    uri: &Uri,
    fix: &FixOffer,
    snap: &Snapshot,
    enc: Encoding,
) -> Option<WorkspaceEdit> {
    let mut edits = Vec::new();
    for e in &fix.edits {
        let bytes = to_offsets(&snap.rope, e.range, enc);
        if text_hash(snap.rope.byte_slice(bytes.clone()).chunks()) != e.expected_hash {
            return None;
        }
        edits.push(TextEdit::new(
            to_range(&snap.rope, bytes, enc),
            e.new_text.clone(),
        ));
    }
    Some(WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    })
}

/// Every preferred fix of every finding that is not turned off, as one edit. Fixes
/// whose edits overlap an earlier one are left for a second run.
fn fix_all(
    uri: &Uri,
    snap: &Snapshot,
    settings: &Settings,
    enc: Encoding,
) -> Option<CodeActionOrCommand> {
    let findings = snap.dump.all_findings(&snap.rope);
    let enabled = findings
        .iter()
        .filter(|f| settings.severity(f.code, f.severity).is_some());
    let fixes = compatible_preferred_fixes(enabled);
    let count = fixes.len();
    let edits: Vec<TextEdit> = fixes
        .iter()
        .flat_map(|(_, fix)| fix_offer(snap, fix, enc).edits)
        .map(|e| TextEdit::new(e.range, e.new_text))
        .collect();
    if count == 0 {
        return None;
    }
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!(
            "Remove all duplicate captions ({count} caption{})",
            if count == 1 { "" } else { "s" }
        ),
        kind: Some(fix_all_kind()),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    }))
}
