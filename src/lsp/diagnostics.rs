//! Findings as LSP diagnostics. Each diagnostic carries its fixes in `data` (ranges in
//! the positions of the version it was computed on, and a hash of the text each edit
//! expects), so a code action never has to recompute and can refuse to edit text that
//! moved.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range,
    Uri,
};

use super::documents::Snapshot;
use super::json::Json;
use super::placed::Placed;
use super::position::Encoding;
use super::settings::{Level, Settings};
use crate::analysis::entities::NAME_VARIANT;
use crate::analysis::fast_hash::FastMap;
use crate::analysis::{Finding, FindingsMark, Severity, findings::Fix};
use crate::parallel::in_parallel_for_answers;

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
    /// [`text_hash`] of the text the edit replaces: a caption pair's text would
    /// otherwise travel in every diagnostic, twice.
    pub expected_hash: String,
    pub new_text: String,
}

/// A hash of `chunks` joined, as 16 hex digits (a string: JSON numbers past 2⁵³ do not
/// survive every client). The keys are fixed, so the server that made a fix checks it.
pub fn text_hash<'a>(chunks: impl IntoIterator<Item = &'a str>) -> String {
    let mut h = DefaultHasher::new();
    for chunk in chunks {
        h.write(chunk.as_bytes());
    }
    format!("{:016x}", h.finish())
}

pub fn fix_offer(snap: &Snapshot, fix: &Fix, enc: Encoding) -> FixOffer {
    FixOffer {
        title: fix.title.clone(),
        preferred: fix.preferred,
        edits: fix
            .edits
            .iter()
            .map(|e| EditOffer {
                range: snap.range(e.range.clone(), enc),
                expected_hash: text_hash([e.expected.as_str()]),
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

/// Diagnostics in the form they are sent: their JSON, in runs of diagnostics in a row.
/// A diagnostic or a run kept from the version before (see [`DiagnosticCache`]) is the
/// same JSON, shared, so a big dump's list is put together rather than made and written
/// again after every edit.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    /// In document order, each the JSON of one or more diagnostics, separated by
    /// commas; none empty.
    runs: Vec<Arc<[u8]>>,
    len: usize,
    /// Some come from the people join (name variants).
    pub from_join: bool,
}

/// Two are equal when they write the same, however their runs are cut.
impl PartialEq for Diagnostics {
    fn eq(&self, other: &Diagnostics) -> bool {
        (self.len, self.from_join) == (other.len, other.from_join)
            && self.json_array() == other.json_array()
    }
}

impl Diagnostics {
    /// Each diagnostic's JSON, in document order.
    pub fn new(items: Vec<Arc<[u8]>>, from_join: bool) -> Diagnostics {
        Diagnostics {
            len: items.len(),
            runs: items,
            from_join,
        }
    }

    /// How many diagnostics there are.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The items as a JSON array.
    pub fn json_array(&self) -> Json {
        Json::array(self.runs.iter())
    }

    /// The params of `textDocument/publishDiagnostics`, as JSON.
    pub fn publish_params(&self, uri: &Uri, version: Option<i32>) -> Json {
        let mut head = br#"{"uri":"#.to_vec();
        head.extend(serde_json::to_vec(uri).unwrap_or_default());
        if let Some(version) = version {
            head.extend(format!(r#","version":{version}"#).into_bytes());
        }
        head.extend(br#","diagnostics":"#);
        let mut json = Json::from(head);
        json.append(self.json_array());
        json.fixed(b"}");
        json
    }

    /// A full pulled report (`textDocument/diagnostic`), as JSON.
    pub fn report(&self) -> Json {
        let mut json = Json::default();
        json.fixed(br#"{"kind":"full","items":"#);
        json.append(self.json_array());
        json.fixed(b"}");
        json
    }

    /// As protocol values, for the typed paths (tower-lsp-server's handlers, tests).
    pub fn decode(&self) -> Vec<Diagnostic> {
        serde_json::from_slice(&self.json_array().to_vec()).unwrap_or_default()
    }
}

/// Every diagnostic, those of the dump-wide people join (name variants) included.
pub fn diagnostics(uri: &Uri, snap: &Snapshot, settings: &Settings, enc: Encoding) -> Diagnostics {
    convert(
        uri,
        snap,
        &snap.dump.all_findings(&snap.rope),
        settings,
        enc,
    )
}

/// The diagnostics the articles give on their own (copied captions): ready as soon as
/// an edit is analysed, before the people join.
///
/// After an edit that moved the findings without making them anew, only those on the
/// lines edited since the last such conversion are converted again (see
/// [`Dump::edited_since`](crate::analysis::Dump::edited_since)); the others stand where
/// they stood, and their diagnostics are the same.
pub fn article_diagnostics(
    uri: &Uri,
    snap: &Snapshot,
    settings: &Settings,
    enc: Encoding,
) -> Diagnostics {
    let findings = &snap.dump.findings;
    let last = snap
        .diagnostics
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .articles
        .take()
        .filter(|l| {
            l.encoding == enc && l.severity == settings.severity && l.items.len() == findings.len()
        });
    let (items, runs) = match last.and_then(|l| Some((snap.dump.edited_since(l.mark)?, l))) {
        Some((edited, last)) => {
            let line_now = |line: u32| {
                let now = edited.line_now(line as usize);
                u32::try_from(now).unwrap_or(u32::MAX)
            };
            let again = |f: &Finding| edited.lines.iter().any(|r| f.reaches_into(r));
            let made = |f: &Finding| {
                let severity = settings.severity(f.code, f.severity)?;
                Some(diagnostic_json(uri, snap, f, severity, enc))
            };
            if edited.moved_lines() {
                // A line typed moves the diagnostics after it: thousands on a big
                // dump, written again on the answers' threads. Their runs are made
                // again by the next conversion that moves none.
                let pairs: Vec<(&Finding, Option<Placed>)> =
                    findings.iter().zip(last.items).collect();
                let items = in_parallel_for_answers(&pairs, |chunk| {
                    chunk
                        .iter()
                        .map(|(f, k)| match again(f) {
                            true => made(f),
                            false => k.as_ref().map(|k| k.moved(line_now)),
                        })
                        .collect()
                });
                (items, None)
            } else {
                // The runs none of whose findings were converted again are kept.
                let mut remade = vec![false; findings.len().div_ceil(RUN)];
                let items: Vec<Option<Placed>> = (findings.iter().zip(last.items).enumerate())
                    .map(|(i, (f, kept))| match again(f) {
                        true => {
                            remade[i / RUN] = true;
                            made(f)
                        }
                        false => kept,
                    })
                    .collect();
                let runs: Vec<Option<Arc<[u8]>>> = match last.runs {
                    Some(runs) => (runs.into_iter().zip(remade).zip(items.chunks(RUN)))
                        .map(|((run, remade), items)| if remade { run_of(items) } else { run })
                        .collect(),
                    None => items.chunks(RUN).map(run_of).collect(),
                };
                (items, Some(runs))
            }
        }
        None => {
            let made = convert_placed(uri, snap, findings, settings, enc).0;
            let mut made = made.into_iter();
            let items: Vec<Option<Placed>> = findings
                .iter()
                .map(|f| {
                    settings
                        .severity(f.code, f.severity)
                        .and_then(|_| made.next())
                })
                .collect();
            let runs: Vec<Option<Arc<[u8]>>> = items.chunks(RUN).map(run_of).collect();
            (items, Some(runs))
        }
    };
    // The articles' own findings are the captions': none comes from the people join.
    let diagnostics = match &runs {
        Some(runs) => Diagnostics {
            runs: runs.iter().flatten().cloned().collect(),
            len: items.iter().flatten().count(),
            from_join: false,
        },
        None => Diagnostics::new(
            items.iter().flatten().map(|p| p.json.clone()).collect(),
            false,
        ),
    };
    snap.diagnostics
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .articles = Some(LastArticles {
        mark: snap.dump.findings_mark(),
        encoding: enc,
        severity: settings.severity.clone(),
        items,
        runs,
    });
    diagnostics
}

/// A finding's diagnostic, as its JSON with the places of its line numbers.
fn diagnostic_json(
    uri: &Uri,
    snap: &Snapshot,
    f: &Finding,
    severity: Severity,
    enc: Encoding,
) -> Placed {
    let d = diagnostic(uri, snap, f, severity, enc);
    // Plain data: writing it cannot fail.
    let json = serde_json::to_vec(&d).unwrap_or_default();
    // The message is the first string under that key: the range before it holds none.
    let cited = f.cite_at().and_then(|at| {
        const KEY: &[u8] = br#""message":"#;
        let key = json.windows(KEY.len()).position(|w| w == KEY)?;
        let before = serde_json::to_vec(&d.message[..at]).ok()?;
        // The message's opening quote is the escaped text's.
        Some(key + KEY.len() + before.len() - 1)
    });
    Placed::new(json, cited)
}

/// The diagnostics made for a document's findings, kept from one version to the next.
/// A finding whose offsets all lie in articles is kept under a hash of the encoding, its
/// severity, what it says, and each offset as placed in its article: the article's id
/// and the offset from the article's start. An article an edit did not touch keeps its
/// id and text, so a finding that hashes alike has the same positions and the same
/// diagnostic, each line down by as many lines as its article moved (a line typed
/// above it). The articles of one finding may move apart: a reused photo's first use
/// stands far above it.
#[derive(Debug, Default)]
pub struct DiagnosticCache {
    /// Counts conversions.
    generation: u64,
    /// Each diagnostic's JSON with the last conversion that gave it and the first lines
    /// of its articles then (see [`Key`]). The keys are SipHash values already: the
    /// quicker hash spreads them as well.
    by_key: FastMap<u64, (u64, Placed, Box<[usize]>)>,
    /// The articles' own diagnostics as last made (see [`article_diagnostics`]).
    articles: Option<LastArticles>,
}

#[derive(Debug)]
struct LastArticles {
    mark: FindingsMark,
    encoding: Encoding,
    severity: BTreeMap<String, Level>,
    /// One for each finding, in order; `None` for those turned off.
    items: Vec<Option<Placed>>,
    /// The JSON of each [`RUN`] items in a row, if made; `None` for a run of items
    /// turned off.
    runs: Option<Vec<Option<Arc<[u8]>>>>,
}

/// Findings in a run of diagnostics: a keystroke on a finding's lines writes the JSON
/// of its run again.
const RUN: usize = 32;

/// The JSON of `items`, separated by commas; `None` when all are turned off.
fn run_of(items: &[Option<Placed>]) -> Option<Arc<[u8]>> {
    let mut json = Vec::new();
    for p in items.iter().flatten() {
        if !json.is_empty() {
            json.push(b',');
        }
        json.extend_from_slice(&p.json);
    }
    (!json.is_empty()).then(|| json.into())
}

/// The cache of one document, shared by its snapshots.
pub type SharedDiagnosticCache = Arc<Mutex<DiagnosticCache>>;

fn convert(
    uri: &Uri,
    snap: &Snapshot,
    findings: &[Finding],
    settings: &Settings,
    enc: Encoding,
) -> Diagnostics {
    let (made, from_join) = convert_placed(uri, snap, findings, settings, enc);
    Diagnostics::new(made.into_iter().map(|p| p.json).collect(), from_join)
}

/// A finding's key in [`DiagnosticCache`], and the first line of each article its
/// offsets lie in, in the order of the offsets.
type Key = (u64, Box<[usize]>);

/// The line where a line of a diagnostic made when its articles started on lines `was`
/// stands now that they start on lines `now`: each line moves as the article holding
/// it, the one starting last at or before it.
fn moved_line(was: &[usize], now: &[usize], line: u32) -> u32 {
    let line = line as usize;
    let holder = (0..was.len())
        .filter(|&i| was[i] <= line)
        .max_by_key(|&i| was[i])
        .unwrap_or(0);
    let moved = (line + now[holder]).saturating_sub(was[holder]);
    u32::try_from(moved).unwrap_or(u32::MAX)
}

/// The diagnostics of the findings not turned off, each with the places of its line
/// numbers, and whether any comes from the people join.
fn convert_placed(
    uri: &Uri,
    snap: &Snapshot,
    findings: &[Finding],
    settings: &Settings,
    enc: Encoding,
) -> (Vec<Placed>, bool) {
    let keyed: Vec<(&Finding, Severity, Option<Key>)> =
        in_parallel_for_answers(findings, |chunk| {
            let mut articles = snap.dump.article_finder();
            chunk
                .iter()
                .filter_map(|f| {
                    let severity = settings.severity(f.code, f.severity)?;
                    let mut h = DefaultHasher::new();
                    (enc, severity, f.content()).hash(&mut h);
                    // Each offset as the article holding it places it.
                    let mut firsts = Vec::with_capacity(2);
                    let mut last = None;
                    let placed = f.offsets().all(|x| {
                        let Some(a) = articles.find(x) else {
                            return false;
                        };
                        if last != Some(a.id) {
                            last = Some(a.id);
                            firsts.push(a.first_line());
                        }
                        (a.id, x - a.start()).hash(&mut h);
                        true
                    });
                    let key = placed.then(|| (h.finish(), firsts.into_boxed_slice()));
                    Some((f, severity, key))
                })
                .collect()
        });
    let mut cache = snap.diagnostics.lock().unwrap_or_else(|e| e.into_inner());
    // Thousands on a big dump: each one kept is shared, each other one made with several
    // position conversions; on all cores either way.
    let kept = &cache.by_key;
    let made: Vec<(Placed, bool)> = in_parallel_for_answers(&keyed, |chunk| {
        chunk
            .iter()
            .map(|(f, severity, key)| {
                let kept = key.as_ref().and_then(|(k, now)| Some((kept.get(k)?, now)));
                match kept {
                    Some(((_, d, was), now)) if was == now => (d.clone(), true),
                    // Its articles moved down or up.
                    Some(((_, d, was), now)) => (d.moved(|l| moved_line(was, now, l)), false),
                    None => (diagnostic_json(uri, snap, f, *severity, enc), false),
                }
            })
            .collect()
    });
    cache.generation += 1;
    let generation = cache.generation;
    for ((_, _, key), (d, was_kept)) in keyed.iter().zip(&made) {
        let Some((key, firsts)) = key else {
            continue;
        };
        match cache.by_key.get_mut(key) {
            Some(entry) if *was_kept => entry.0 = generation,
            _ => {
                cache
                    .by_key
                    .insert(*key, (generation, d.clone(), firsts.clone()));
            }
        }
    }
    // What the conversion before this one gave stays too: the two steps of publishing
    // (see `server.rs`) convert different sets of findings in turn.
    cache.by_key.retain(|_, (used, ..)| *used + 1 >= generation);
    (
        made.into_iter().map(|(d, _)| d).collect(),
        keyed.iter().any(|(f, ..)| f.code == NAME_VARIANT),
    )
}

fn diagnostic(
    uri: &Uri,
    snap: &Snapshot,
    f: &Finding,
    severity: Severity,
    enc: Encoding,
) -> Diagnostic {
    let related = f
        .related()
        .map(|(r, message)| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), snap.range(r, enc)),
            message: message.to_string(),
        })
        .collect::<Vec<_>>();
    let data = f.has_fixes().then(|| {
        serde_json::to_value(FixData {
            fixes: f.fixes().map(|fix| fix_offer(snap, &fix, enc)).collect(),
        })
        .expect("fix data is plain JSON")
    });
    Diagnostic {
        range: snap.range(f.range(), enc),
        severity: Some(lsp_severity(severity)),
        code: Some(NumberOrString::String(f.code.to_string())),
        source: Some(SOURCE.to_string()),
        message: f.message(&snap.dump.lines).into_owned(),
        related_information: (!related.is_empty()).then_some(related),
        data,
        ..Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use serde_json::Value;
    use tower_lsp_server::ls_types::{
        DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
        Position, PublishDiagnosticsParams, RelatedFullDocumentDiagnosticReport,
    };

    use super::*;

    /// A reused photo's diagnostic spans its article (from line 30) and that of the
    /// first use (from line 8): three lines typed between them move only the first.
    #[test]
    fn a_line_moves_as_the_article_holding_it() {
        let (was, now) = ([30, 8], [33, 8]);
        assert_eq!(moved_line(&was, &now, 41), 44);
        assert_eq!(moved_line(&was, &now, 30), 33);
        assert_eq!(moved_line(&was, &now, 29), 29);
        assert_eq!(moved_line(&was, &now, 8), 8);
        // Up, when lines were deleted.
        assert_eq!(moved_line(&[30, 8], &[27, 8], 41), 38);
    }

    /// The lists put together from each diagnostic's JSON read as the protocol types
    /// would have written them.
    #[test]
    fn json_forms_match_the_protocol_types() {
        let d = Diagnostic {
            range: Range::new(Position::new(3, 1), Position::new(3, 9)),
            code: Some(NumberOrString::String("copied-caption".into())),
            message: "A “copied” caption 😀".into(),
            ..Diagnostic::default()
        };
        let one = serde_json::to_vec(&d).unwrap();
        let diags = Diagnostics::new(vec![one.clone().into(), one.into()], false);
        let read = |json: Json| serde_json::from_slice::<Value>(&json.to_vec()).unwrap();
        let uri = Uri::from_str("file:///news%20dump.newsdump").unwrap();
        for version in [Some(3), None] {
            let typed = PublishDiagnosticsParams::new(uri.clone(), vec![d.clone(); 2], version);
            assert_eq!(
                read(diags.publish_params(&uri, version)),
                serde_json::to_value(typed).unwrap()
            );
        }
        let report = DocumentDiagnosticReportResult::Report(DocumentDiagnosticReport::Full(
            RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items: vec![d.clone(); 2],
                },
            },
        ));
        assert_eq!(read(diags.report()), serde_json::to_value(report).unwrap());
        assert_eq!(diags.decode(), vec![d.clone(), d]);
        assert_eq!(
            read(Diagnostics::default().json_array()),
            Value::Array(vec![])
        );
    }

    /// The code action hashes the rope's chunks; the diagnostic hashed one string.
    #[test]
    fn text_hash_does_not_see_chunk_boundaries() {
        let whole = "Harbour at dawn. Photo: Lin Bo\n\n";
        for cut in 0..whole.len() {
            assert_eq!(
                text_hash([&whole[..cut], &whole[cut..]]),
                text_hash([whole])
            );
        }
        assert_ne!(
            text_hash(["Harbour at dawn."]),
            text_hash(["Harbour at dusk."])
        );
        assert_eq!(text_hash([whole]).len(), 16);
    }
}
