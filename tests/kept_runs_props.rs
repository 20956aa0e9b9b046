//! The outline and the articles' own diagnostics of a dump with many articles and many
//! findings, kept in runs from one answer to the next (runs of articles in the outline,
//! runs of diagnostics), equal those of the same text opened afresh, byte for byte:
//! after edits anywhere (headlines, captions, line breaks, whole articles deleted),
//! several updates between two answers, older snapshots answered after newer ones, and
//! the encoding or the severities switched between answers.

use std::str::FromStr;
use std::sync::Arc;

use newsdump_ls::analysis::Rules;
use newsdump_ls::lsp::diagnostics::article_diagnostics;
use newsdump_ls::lsp::documents::{ChangeOutcome, Documents};
use newsdump_ls::lsp::position::Encoding;
use newsdump_ls::lsp::settings::Settings;
use newsdump_ls::lsp::symbols::document_symbols_json;
use proptest::prelude::*;
use tower_lsp_server::ls_types::{Range, TextDocumentContentChangeEvent, Uri};

mod model;
use model::{ENCODINGS, Held, line_starts, opened_afresh, position, severity_off, snap};

const PLACES: [&str; 8] = [
    "Harbour",
    "Ferry",
    "Market",
    "Bridge",
    "Library",
    "Stadium",
    "Orchard",
    "Lighthouse",
];
const DEEDS: [&str; 6] = ["opens", "closes", "reopens", "expands", "floods", "wins"];

/// Article `k`: a headline of its own, a byline, a caption copied within the article, a
/// caption every article reuses, and a body line.
fn article(k: usize) -> String {
    let place = PLACES[k % PLACES.len()];
    let deed = DEEDS[(k / PLACES.len()) % DEEDS.len()];
    format!(
        "{place} {deed} in week {k}\n\nBy Ann Lee\n\n\
         Boat {k} at the quay. Photo: Lin Bo\n\nBoat {k} at the quay. Photo: Lin Bo\n\n\
         The pier at dawn. Photo: Lin Bo\n\nShe spoke on day {k} of the month.\n\n"
    )
}

/// Enough articles for several runs of each kind, and more runs than are looked
/// through before a map is made.
fn dump() -> String {
    (0..90).map(article).collect()
}

#[derive(Debug, Clone)]
enum Op {
    /// At the start or end of the line at a fraction of the text: deletes up to `gone`
    /// bytes before it, then types `insert`.
    Type {
        at: f64,
        at_end: bool,
        gone: usize,
        insert: &'static str,
    },
    /// Deletes the lines from a fraction of the text, `lines` of them.
    DeleteLines {
        at: f64,
        lines: usize,
    },
    /// Replaces the whole text: with nothing, one article, or the dump again.
    Whole {
        with: usize,
    },
    Analyse,
    /// Answers for the newest snapshot (`which` 0) or one held from before.
    Answer {
        which: usize,
        enc: usize,
        off: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (
            0.0..1.0f64,
            any::<bool>(),
            prop::sample::select(vec![0usize, 0, 0, 1, 2, 5]),
            prop::sample::select(vec![
                "", "x", "x", "x", "é", "😀", "\n", "\n\n", "\r\n", "Photo: Lin Bo",
                "\n\nBoat 7 at the quay. Photo: Lin Bo\n\n",
            ]),
        )
            .prop_map(|(at, at_end, gone, insert)| Op::Type {
                at,
                at_end,
                gone,
                insert
            }),
        1 => (0.0..1.0f64, 1usize..60).prop_map(|(at, lines)| Op::DeleteLines { at, lines }),
        1 => (0usize..4).prop_map(|with| Op::Whole { with }),
        2 => Just(Op::Analyse),
        3 => (
            prop::sample::select(vec![0usize, 0, 0, 1, 2]),
            prop::sample::select(vec![0usize, 0, 0, 1, 2]),
            prop::bool::weighted(0.15),
        )
            .prop_map(|(which, enc, off)| Op::Answer { which, enc, off }),
    ]
}

/// Sends the change replacing `start..end` of `model` by `insert`, and applies it to
/// `model`.
fn replace(
    docs: &Documents,
    uri: &Uri,
    version: &mut i32,
    model: &mut String,
    (start, end): (usize, usize),
    insert: &str,
) -> Result<(), TestCaseError> {
    let enc = Encoding::Utf16;
    let range = Range::new(position(model, start, enc), position(model, end, enc));
    model.replace_range(start..end, insert);
    let change = TextDocumentContentChangeEvent {
        range: Some(range),
        range_length: None,
        text: insert.to_string(),
    };
    *version += 1;
    prop_assert_eq!(
        docs.change(uri, *version, &[change], enc),
        ChangeOutcome::Applied
    );
    Ok(())
}

fn check(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let rules = Arc::new(Rules::default());
    let uri = Uri::from_str("file:///runs.newsdump").unwrap();
    let docs = Documents::default();
    let mut model = dump();
    docs.open(uri.clone(), &model, 0);
    let mut version = 0;
    let off = severity_off();
    let mut held = Held::default();
    for op in ops {
        match op {
            Op::Type {
                at,
                at_end,
                gone,
                insert,
            } => {
                let starts = line_starts(&model);
                let line = ((at * starts.len() as f64) as usize).min(starts.len() - 1);
                let mut end = starts[line];
                if at_end {
                    let rest = &model[end..];
                    end += rest.find(['\r', '\n']).unwrap_or(rest.len());
                }
                let start = snap(&model, end.saturating_sub(gone));
                replace(&docs, &uri, &mut version, &mut model, (start, end), insert)?;
            }
            Op::DeleteLines { at, lines } => {
                let starts = line_starts(&model);
                let first = ((at * starts.len() as f64) as usize).min(starts.len() - 1);
                let end = starts.get(first + lines).copied().unwrap_or(model.len());
                let range = (starts[first], end);
                replace(&docs, &uri, &mut version, &mut model, range, "")?;
            }
            Op::Whole { with } => {
                let with = match with {
                    0 => String::new(),
                    1 => article(3),
                    2 => "Lone headline".to_string(),
                    _ => dump(),
                };
                let all = (0, model.len());
                replace(&docs, &uri, &mut version, &mut model, all, &with)?;
            }
            Op::Analyse => {
                held.take(&docs, &uri, &rules);
            }
            Op::Answer { which, enc, off: o } => {
                let snap = held.pick(&docs, &uri, &rules, which);
                let settings = if o { off.clone() } else { Settings::default() };
                let enc = ENCODINGS[enc];
                let text = snap.rope.to_string();
                let afresh = opened_afresh(&uri, &rules, &text);
                let bytes = |json: newsdump_ls::lsp::json::Json| {
                    String::from_utf8_lossy(&json.to_vec()).into_owned()
                };
                prop_assert_eq!(
                    bytes(article_diagnostics(&uri, &snap, &settings, enc).json_array()),
                    bytes(article_diagnostics(&uri, &afresh, &settings, enc).json_array()),
                    "diagnostics of {:?}",
                    text
                );
                prop_assert_eq!(
                    bytes(document_symbols_json(&snap, enc)),
                    bytes(document_symbols_json(&afresh, enc)),
                    "outline of {:?}",
                    text
                );
            }
        }
    }
    Ok(())
}

/// The dump holds what the test needs: many articles, many findings.
#[test]
fn the_dump_has_many_articles_and_findings() {
    let rules = Arc::new(Rules::default());
    let uri = Uri::from_str("file:///runs.newsdump").unwrap();
    let docs = Documents::default();
    docs.open(uri.clone(), &dump(), 0);
    let snap = docs.snapshot(&uri, &rules, usize::MAX).unwrap();
    assert!(
        snap.dump.articles.len() >= 80,
        "{}",
        snap.dump.articles.len()
    );
    assert!(
        snap.dump.findings.len() >= 100,
        "{}",
        snap.dump.findings.len()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]
    #[test]
    fn kept_runs_answer_as_made_afresh(ops in prop::collection::vec(op(), 1..30)) {
        check(ops)?;
    }
}
