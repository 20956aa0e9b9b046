//! The articles' own diagnostics, kept from one conversion to the next for the findings
//! no edit reached (see `article_diagnostics`), equal those made afresh: after several
//! updates between two conversions, for an older snapshot converted after a newer one,
//! with the encoding or the severities switched between conversions. Edits are small
//! and mostly keep the line count, so that the findings are moved rather than made
//! anew.

use std::str::FromStr;
use std::sync::Arc;

use newsdump_ls::analysis::Rules;
use newsdump_ls::lsp::diagnostics::article_diagnostics;
use newsdump_ls::lsp::documents::{ChangeOutcome, Documents, Snapshot};
use newsdump_ls::lsp::position::Encoding;
use newsdump_ls::lsp::settings::Settings;
use proptest::prelude::*;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

/// Copied, near and reused captions, CRLF and CR breaks, wide characters, and a copy
/// that ends the text.
const TEXT: &str = "Harbour opens\n\nThe pier at dawn. Photo: Lin Bo\n\n\
                    The pier at dawn. Photo: Lin Bo\n\nShe spoke on “Monday”.\n\n\
                    The pier at dawn. Photo: Lin Bo\n\nHe left.\n\n\
                    Storm closes the road\r\n\r\nWaves 😀 on Feb. 21. Photo: Sea Watch\r\n\r\n\
                    Waves 😀 on February 21. Photo: Sea Watch\r\n\r\nThe road reopens.\r\n\r\n\
                    Fair draws crowds\r\rStalls at the fair. Photo: Lin Bo\r\r\
                    Stalls at the fair. Photo: Lin Bo\r\rThe fair ran for a week.\n\n\
                    Ferry line links islands\n\nSchools share one timetable.\n\n\
                    The pier at dawn. Photo: Lin Bo\n\nThe line runs in summer.\n\n\
                    Keeper marks forty years\n\nThe keeper at the lamp. Photo: Ann Marsh\n\n\
                    She spoke.\n\nThe keeper at the lamp. Photo: Ann Marsh";

#[derive(Debug, Clone)]
enum Op {
    /// Replaces `len` bytes at a fraction of the text with `insert`; with `twice`, the
    /// same notification carries a second such change after it.
    Edit {
        at: f64,
        len: usize,
        insert: &'static str,
        twice: bool,
    },
    Analyse,
    /// Converts the newest snapshot (`which` 0) or one held from before.
    Convert {
        which: usize,
        enc: usize,
        off: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (
            // Often near the end, where a kept finding's fix starts on the line of
            // the paragraph before the copy that ends the text.
            prop_oneof![0.0..=1.0f64, 0.9..=1.0f64],
            prop::sample::select(vec![0usize, 0, 0, 1, 1, 2, 3, 5, 9]),
            prop::sample::select(vec![
                "", "x", "x", " ", "é", "😀", "😀", "“", "\n", "\r", "a\nb", "\r\n", "Photo: Lin Bo"
            ]),
            prop::bool::weighted(0.2),
        )
            .prop_map(|(at, len, insert, twice)| Op::Edit {
                at,
                len,
                insert,
                twice
            }),
        2 => Just(Op::Analyse),
        3 => (
            prop::sample::select(vec![0usize, 0, 1, 2]),
            prop::sample::select(vec![0usize, 0, 0, 0, 1, 2]),
            prop::bool::weighted(0.1),
        )
            .prop_map(|(which, enc, off)| Op::Convert { which, enc, off }),
    ]
}

fn line_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            starts.push(i + 2);
            i += 2;
            continue;
        }
        if b[i] == b'\n' || b[i] == b'\r' {
            starts.push(i + 1);
        }
        i += 1;
    }
    starts
}

/// A char boundary not between the two bytes of a CRLF.
fn snap_to(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    if at > 0 && text.as_bytes()[at - 1] == b'\r' && text.as_bytes().get(at) == Some(&b'\n') {
        at -= 1;
    }
    at
}

fn position(text: &str, at: usize) -> Position {
    let starts = line_starts(text);
    let line = starts.partition_point(|&s| s <= at) - 1;
    Position::new(
        line as u32,
        text[starts[line]..at].encode_utf16().count() as u32,
    )
}

fn change(model: &mut String, at: f64, len: usize, insert: &str) -> TextDocumentContentChangeEvent {
    let start = snap_to(model, (at * model.len() as f64) as usize);
    let end = snap_to(model, start + len).max(start);
    let range = Range::new(position(model, start), position(model, end));
    model.replace_range(start..end, insert);
    TextDocumentContentChangeEvent {
        range: Some(range),
        range_length: None,
        text: insert.to_string(),
    }
}

const ENCODINGS: [Encoding; 3] = [Encoding::Utf16, Encoding::Utf8, Encoding::Utf32];

fn check(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let rules = Arc::new(Rules::default());
    let uri = Uri::from_str("file:///kept.newsdump").unwrap();
    let docs = Documents::default();
    docs.open(uri.clone(), TEXT, 0);
    let mut model = TEXT.to_string();
    let mut version = 0;
    let off = Settings::from_json(&serde_json::json!({
        "severity": {"duplicate-caption": "off", "reused-caption": "hint"}
    }))
    .unwrap();
    // The newest first.
    let mut held: Vec<Snapshot> = Vec::new();
    for op in ops {
        match op {
            Op::Edit {
                at,
                len,
                insert,
                twice,
            } => {
                let mut changes = vec![change(&mut model, at, len, insert)];
                if twice {
                    changes.push(change(&mut model, (at + 0.1).min(1.0), len, insert));
                }
                version += 1;
                prop_assert_eq!(
                    docs.change(&uri, version, &changes, Encoding::Utf16),
                    ChangeOutcome::Applied
                );
            }
            Op::Analyse => {
                held.insert(0, docs.snapshot(&uri, &rules, usize::MAX).unwrap());
                held.truncate(3);
            }
            Op::Convert { which, enc, off: o } => {
                let snap = if which == 0 || held.len() < which {
                    let s = docs.snapshot(&uri, &rules, usize::MAX).unwrap();
                    held.insert(0, s.clone());
                    held.truncate(3);
                    s
                } else {
                    held[which - 1].clone()
                };
                let settings = if o { off.clone() } else { Settings::default() };
                let enc = ENCODINGS[enc];
                let fresh = Documents::default();
                fresh.open(uri.clone(), &**snap.text, 0);
                let afresh = fresh.snapshot(&uri, &rules, usize::MAX).unwrap();
                prop_assert_eq!(
                    article_diagnostics(&uri, &snap, &settings, enc).decode(),
                    article_diagnostics(&uri, &afresh, &settings, enc).decode(),
                    "text {:?}",
                    &**snap.text
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn kept_article_diagnostics_are_those_made_afresh(
        ops in prop::collection::vec(op(), 1..40)
    ) {
        check(ops)?;
    }
}
