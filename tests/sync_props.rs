//! Property test of document sync: random sequences of ranged edits applied through the
//! server's sync path equal the same edits applied to a `String`, in each encoding; and
//! the outline and diagnostics of the edited document, analysed incrementally, equal
//! those of the same text opened afresh.

use std::str::FromStr;

use std::sync::Arc;

use newsdump_ls::analysis::Rules;
use newsdump_ls::lsp::diagnostics::{Diagnostics, article_diagnostics, diagnostics};
use newsdump_ls::lsp::documents::{ChangeOutcome, Documents, Snapshot};
use newsdump_ls::lsp::position::Encoding;
use newsdump_ls::lsp::settings::Settings;
use newsdump_ls::lsp::symbols::{document_symbols, document_symbols_json};
use proptest::prelude::*;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

mod model;
use model::{ENCODINGS, Held, line_end, line_starts, opened_afresh, position, severity_off, snap};

/// Pieces that stress position arithmetic (typographic quotes, emoji, CRLF, NBSP) and
/// the analysis (headlines, captions, names).
const PIECES: &[&str] = &[
    "a",
    "word ",
    " ",
    "\n",
    "\r\n",
    "“",
    "”",
    "’",
    "😀",
    "é",
    "\u{a0}",
    "\n\n",
    "🚢x",
    "\n\nFerry line opens\n\n",
    "Photo: Xinhua",
    "Mayor Ann Keller said. ",
    "\n\nFerry line opens\n\nPhoto: Xinhua\n\nMayor Ann Keller said.\n\nShe left.\n\n",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

/// One edit, as the fractions of the text where it starts and ends plus how it picks
/// its positions, and the text it inserts.
#[derive(Debug, Clone)]
struct EditSpec {
    start: f64,
    len: f64,
    past_line_end: bool,
    to_end: bool,
    insert: String,
}

fn edit_strategy() -> impl Strategy<Value = EditSpec> {
    (
        0.0..1.0f64,
        0.0..0.5f64,
        any::<bool>(),
        prop::bool::weighted(0.1),
        text_strategy(),
    )
        .prop_map(|(start, len, past_line_end, to_end, insert)| EditSpec {
            start,
            len,
            past_line_end,
            to_end,
            insert,
        })
}

/// Articles with evidence and a copied caption around the random text, so that edits
/// leave some articles untouched and their outline symbols and diagnostics are reused.
const ARTICLES: &str = "Harbour opens\n\nBy Ann Lee\n\nThe pier at dawn. Photo: Lin Bo\n\n\
                        The pier at dawn. Photo: Lin Bo\n\nShe spoke.\n\n";

fn check(initial: String, edits: Vec<EditSpec>, enc: Encoding) -> Result<(), TestCaseError> {
    let around = ARTICLES.repeat(12);
    let initial = format!("{around}{initial}{around}");
    let docs = Documents::default();
    let rules = Arc::new(Rules::default());
    let uri = Uri::from_str("file:///props.newsdump").unwrap();
    docs.open(uri.clone(), &initial, 0);
    let mut model = initial;
    for (n, e) in edits.into_iter().enumerate() {
        let start = snap(&model, (e.start * model.len() as f64) as usize);
        let mut end = snap(
            &model,
            start + (e.len * (model.len() - start) as f64) as usize,
        );
        let start_pos = position(&model, start, enc);
        let mut end_pos = position(&model, end, enc);
        if e.to_end {
            // A range past the last line means "to the end of the document".
            end = model.len();
            end_pos = Position::new(u32::MAX / 2, 7);
        } else if e.past_line_end {
            // A character past the end of the line means the end of that line.
            end = line_end(&model, end);
            end_pos.character += 1000;
        }
        model.replace_range(start..end, &e.insert);
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(start_pos, end_pos)),
            range_length: None,
            text: e.insert,
        };
        let outcome = docs.change(&uri, n as i32 + 1, &[change], enc);
        prop_assert_eq!(outcome, ChangeOutcome::Applied);
        let (rope, _) = docs.text(&uri).unwrap();
        prop_assert_eq!(rope.to_string(), model.clone());
        // Analysed after every other edit, so that some analyses catch up two edits.
        if n % 2 == 1 {
            let snap = docs.snapshot(&uri, &rules, usize::MAX).unwrap();
            prop_assert_eq!(snap.rope.to_string(), model.as_str());
            let afresh = opened_afresh(&uri, &rules, &model);
            let outline = document_symbols(&snap, enc);
            prop_assert_eq!(&outline, &document_symbols(&afresh, enc));
            // Asked again, from the symbols kept for this very analysis.
            prop_assert_eq!(&outline, &document_symbols(&snap, enc));
            let settings = Settings::default();
            // The two steps of publishing, in the server's order: the articles' own
            // diagnostics first, then all of them.
            prop_assert_eq!(
                article_diagnostics(&uri, &snap, &settings, enc),
                article_diagnostics(&uri, &afresh, &settings, enc)
            );
            prop_assert_eq!(
                diagnostics(&uri, &snap, &settings, enc),
                diagnostics(&uri, &afresh, &settings, enc)
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn utf16_edits_match_string_edits(t in text_strategy(), e in prop::collection::vec(edit_strategy(), 1..12)) {
        check(t, e, Encoding::Utf16)?;
    }

    #[test]
    fn utf8_edits_match_string_edits(t in text_strategy(), e in prop::collection::vec(edit_strategy(), 1..12)) {
        check(t, e, Encoding::Utf8)?;
    }

    #[test]
    fn utf32_edits_match_string_edits(t in text_strategy(), e in prop::collection::vec(edit_strategy(), 1..12)) {
        check(t, e, Encoding::Utf32)?;
    }
}

/// Edits far apart: the document brings its last analysis up to date before the jump
/// (instead of one splice spanning everything between), and the result is still the
/// analysis of the text opened afresh.
#[test]
fn edits_far_apart_are_analysed_as_separate_updates() {
    let docs = Documents::default();
    let rules = Arc::new(Rules::default());
    let uri = Uri::from_str("file:///far.newsdump").unwrap();
    let mut model = ARTICLES.repeat(3000);
    docs.open(uri.clone(), &model, 0);
    docs.snapshot(&uri, &rules, usize::MAX).unwrap();
    let lines = model.lines().count();
    for (n, line) in [10, lines - 10, 20, lines / 2, 30, lines - 20]
        .into_iter()
        .enumerate()
    {
        let at = model
            .match_indices('\n')
            .nth(line - 1)
            .map_or(0, |(i, _)| i + 1);
        let insert = if n % 2 == 0 {
            "\n\nPhoto: Xinhua\n\n"
        } else {
            "x"
        };
        model.insert_str(at, insert);
        let pos = Position::new(line as u32, 0);
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(pos, pos)),
            range_length: None,
            text: insert.to_string(),
        };
        docs.change(&uri, n as i32 + 1, &[change], Encoding::Utf16);
    }
    let snap = docs.snapshot(&uri, &rules, usize::MAX).unwrap();
    assert_eq!(snap.rope.to_string(), model);
    let afresh = opened_afresh(&uri, &rules, &model);
    assert_eq!(snap.dump.articles, afresh.dump.articles);
    assert_eq!(snap.dump.findings, afresh.dump.findings);
}

/// A document closed and opened again while an analysis of its old text runs: that
/// analysis must not become the base of the new document (the next edit would then
/// update the old text's analysis with the new text's splices).
#[test]
fn an_analysis_of_a_closed_document_is_not_the_next_ones_base() {
    let docs = Arc::new(Documents::default());
    let rules = Arc::new(Rules::default());
    let uri = Uri::from_str("file:///reopen.newsdump").unwrap();
    docs.open(uri.clone(), &ARTICLES.repeat(20_000), 5);
    let worker = {
        let (docs, rules, uri) = (docs.clone(), rules.clone(), uri.clone());
        std::thread::spawn(move || {
            docs.snapshot(&uri, &rules, usize::MAX).unwrap();
        })
    };
    // Long enough for the analysis to start, not to finish (in a debug build).
    std::thread::sleep(std::time::Duration::from_millis(300));
    docs.close(&uri);
    docs.open(
        uri.clone(),
        "Bridge toll scrapped\n\nBy Tom Reyes\n\nDrivers cheered.\n\n",
        1,
    );
    worker.join().unwrap();
    let pos = Position::new(0, 0);
    let change = TextDocumentContentChangeEvent {
        range: Some(Range::new(pos, pos)),
        range_length: None,
        text: "x".into(),
    };
    docs.change(&uri, 6, &[change], Encoding::Utf16);
    let snap = docs.snapshot(&uri, &rules, usize::MAX).unwrap();
    let afresh = opened_afresh(&uri, &rules, &snap.rope.to_string());
    assert_eq!(snap.dump.articles, afresh.dump.articles);
}

/// A copied caption that ends the text is removed from the end of the paragraph before
/// it: typing earlier on that paragraph's line moves the fix's start along the line
/// without touching the finding, which is kept. Its diagnostic is made again (the other
/// kept ones are reused), and equals the one made afresh.
#[test]
fn a_kept_finding_on_an_edited_line_gets_its_diagnostic_again() {
    let text = "Harbour opens\n\nThe pier at dawn. Photo: Lin Bo\n\n\
                She spoke on Monday.\n\nThe pier at dawn. Photo: Lin Bo";
    let rules = Arc::new(Rules::default());
    let settings = Settings::default();
    let uri = Uri::from_str("file:///end.newsdump").unwrap();
    for enc in [Encoding::Utf16, Encoding::Utf8] {
        let docs = Documents::default();
        docs.open(uri.clone(), text, 0);
        let first = docs.snapshot(&uri, &rules, usize::MAX).unwrap();
        let before = article_diagnostics(&uri, &first, &settings, enc);
        assert_eq!(before.len(), 1);
        drop(first);
        // “😀 ” at the start of the line of "She spoke on Monday.", analysed; then a
        // word in the headline, analysed too. The diagnostics are asked for only then:
        // the first edit's line must still count as edited.
        let typed = |line: u32, text: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(line, 0), Position::new(line, 0))),
            range_length: None,
            text: text.into(),
        };
        assert_eq!(
            docs.change(&uri, 1, &[typed(4, "“😀” ")], enc),
            ChangeOutcome::Applied
        );
        drop(docs.snapshot(&uri, &rules, usize::MAX));
        assert_eq!(
            docs.change(&uri, 2, &[typed(0, "Old ")], enc),
            ChangeOutcome::Applied
        );
        let edited = docs.snapshot(&uri, &rules, usize::MAX).unwrap();
        let after = article_diagnostics(&uri, &edited, &settings, enc);
        let afresh = opened_afresh(&uri, &rules, &edited.rope.to_string());
        assert_eq!(after, article_diagnostics(&uri, &afresh, &settings, enc));
        assert_ne!(after, before, "the fix's range moved along the line");
    }
}

// The articles' own diagnostics, kept from one conversion to the next for the findings
// no edit reached (see `article_diagnostics`), equal those made afresh: after several
// updates between two conversions, for an older snapshot converted after a newer one,
// with the encoding or the severities switched between conversions. Edits are small and
// mostly keep the line count, so that the findings are moved rather than made anew.

/// A near copy in an article with CRLF breaks.
const STORM_CRLF: &str = "Storm closes the road\r\n\r\nWaves 😀 on Feb. 21. Photo: Sea Watch\r\n\r\n\
                          Waves 😀 on February 21. Photo: Sea Watch\r\n\r\nThe road reopens.\r\n\r\n";

/// A copy in an article with lone CR breaks.
const FAIR_CR: &str = "Fair draws crowds\r\rStalls at the fair. Photo: Lin Bo\r\r\
                       Stalls at the fair. Photo: Lin Bo\r\rThe fair ran for a week.\n\n";

/// A copy that ends the text.
const KEEPER_AT_END: &str = "Keeper marks forty years\n\nThe keeper at the lamp. Photo: Ann Marsh\n\n\
                             She spoke.\n\nThe keeper at the lamp. Photo: Ann Marsh";

/// Copied, near and reused captions, CRLF and CR breaks, wide characters, and a copy
/// that ends the text.
fn kept_text() -> String {
    format!(
        "Harbour opens\n\nThe pier at dawn. Photo: Lin Bo\n\n\
         The pier at dawn. Photo: Lin Bo\n\nShe spoke on “Monday”.\n\n\
         The pier at dawn. Photo: Lin Bo\n\nHe left.\n\n\
         {STORM_CRLF}{FAIR_CR}\
         Ferry line links islands\n\nSchools share one timetable.\n\n\
         The pier at dawn. Photo: Lin Bo\n\nThe line runs in summer.\n\n\
         {KEEPER_AT_END}"
    )
}

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

fn change(model: &mut String, at: f64, len: usize, insert: &str) -> TextDocumentContentChangeEvent {
    let start = snap(model, (at * model.len() as f64) as usize);
    let end = snap(model, start + len).max(start);
    replace(model, start, end, insert)
}

fn check_kept(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let rules = Arc::new(Rules::default());
    let uri = Uri::from_str("file:///kept.newsdump").unwrap();
    let docs = Documents::default();
    let mut model = kept_text();
    docs.open(uri.clone(), &model, 0);
    let mut version = 0;
    let off = severity_off();
    let mut held = Held::default();
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
                send(&docs, &uri, &mut version, &changes)?;
            }
            Op::Analyse => {
                held.take(&docs, &uri, &rules);
            }
            Op::Convert { which, enc, off: o } => {
                let snap = held.pick(&docs, &uri, &rules, which);
                let settings = if o { off.clone() } else { Settings::default() };
                let enc = ENCODINGS[enc];
                let afresh = opened_afresh(&uri, &rules, &snap.rope.to_string());
                prop_assert_eq!(
                    article_diagnostics(&uri, &snap, &settings, enc).decode(),
                    article_diagnostics(&uri, &afresh, &settings, enc).decode(),
                    "text {:?}",
                    snap.rope.to_string()
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
        check_kept(ops)?;
    }
}

// Line breaks typed and deleted at the edges of the lines around copied captions, and
// lines typed or joined above them, converted now and then: the articles' own
// diagnostics (as bytes: cited line numbers rewritten in place), all diagnostics and
// the outline (as bytes and as the length a Content-Length header gives) equal those
// of the text opened afresh. The captions stand around line 100, so that cited lines
// cross a power of ten as lines come and go above them.

/// Tide tables printed / The office opened at nine: 96 lines before the captions.
const PREAMBLE: &str = "Tide tables printed\n\nThe office opened at nine.\n\n";

/// Identical, near and reused copies (quotes, a backslash and emoji in them), CRLF and
/// lone CR breaks, and a copy that ends the text.
fn copies() -> String {
    format!(
        "Harbour opens\n\n\
         The pier at “dawn” \\ 😀. Photo: Lin Bo\n\nThe pier at “dawn” \\ 😀. Photo: Lin Bo\n\n\
         She spoke on Monday.\n\n\
         {STORM_CRLF}\
         Ferry line links islands\n\nSchools share one timetable.\n\n\
         The pier at “dawn” \\ 😀. Photo: Lin Bo\n\nThe line runs in summer.\n\n\
         {FAIR_CR}{KEEPER_AT_END}"
    )
}

#[derive(Debug, Clone)]
enum LineOp {
    /// Types `insert` at the start or the end of a line near a caption (`near` picks it
    /// among the lines up to two away from one).
    Type {
        near: usize,
        at_end: bool,
        insert: &'static str,
    },
    /// Deletes the break ending a line near a caption.
    Join {
        near: usize,
    },
    /// Types `insert` at the start of a line of the preamble, or deletes the break
    /// ending it.
    Above {
        line: usize,
        insert: Option<&'static str>,
    },
    Analyse,
    Convert {
        enc: usize,
    },
}

fn line_op() -> impl Strategy<Value = LineOp> {
    let breaks = || prop::sample::select(vec!["\n", "\n", "\r\n", "\r", "\n\n", "x\n", " "]);
    prop_oneof![
        3 => (any::<usize>(), any::<bool>(), breaks())
            .prop_map(|(near, at_end, insert)| LineOp::Type { near, at_end, insert }),
        1 => any::<usize>().prop_map(|near| LineOp::Join { near }),
        3 => (0..96usize, prop::option::weighted(0.7, breaks()))
            .prop_map(|(line, insert)| LineOp::Above { line, insert }),
        1 => Just(LineOp::Analyse),
        2 => (0..3usize).prop_map(|enc| LineOp::Convert { enc }),
    ]
}

/// The lines up to two away from a line holding a caption's credit.
fn lines_near_captions(text: &str) -> Vec<usize> {
    let starts = line_starts(text);
    let count = starts.len();
    let mut near: Vec<usize> = (0..count)
        .filter(|&l| text[starts[l]..line_end(text, starts[l])].contains("Photo:"))
        .flat_map(|l| l.saturating_sub(2)..(l + 3).min(count))
        .collect();
    near.dedup();
    near
}

/// Each diagnostic's JSON, as text.
/// The document `docs` holds as `uri` and the same text opened afresh, once both show
/// `model` and give the same articles' diagnostics in `enc` (and, with `all`, the same
/// diagnostics of the people join too).
fn same_as_afresh(
    docs: &Documents,
    uri: &Uri,
    model: &str,
    rules: &Arc<Rules>,
    enc: Encoding,
    all: bool,
) -> Result<(Snapshot, Snapshot), TestCaseError> {
    let settings = Settings::default();
    let snap = docs.snapshot(uri, rules, usize::MAX).unwrap();
    prop_assert_eq!(snap.rope.to_string(), model);
    let afresh = opened_afresh(uri, rules, model);
    prop_assert_eq!(
        texts(&article_diagnostics(uri, &snap, &settings, enc)),
        texts(&article_diagnostics(uri, &afresh, &settings, enc)),
        "text {:?}",
        model
    );
    if all {
        prop_assert_eq!(
            texts(&diagnostics(uri, &snap, &settings, enc)),
            texts(&diagnostics(uri, &afresh, &settings, enc)),
            "text {:?}",
            model
        );
    }
    Ok((snap, afresh))
}

/// The diagnostics as sent: their JSON array, byte for byte.
fn texts(d: &Diagnostics) -> String {
    String::from_utf8_lossy(&d.json_array().to_vec()).into_owned()
}

/// Sends `changes` (UTF-16 positions) as the next version of the document, which
/// applies them.
fn send(
    docs: &Documents,
    uri: &Uri,
    version: &mut i32,
    changes: &[TextDocumentContentChangeEvent],
) -> Result<(), TestCaseError> {
    *version += 1;
    prop_assert_eq!(
        docs.change(uri, *version, changes, Encoding::Utf16),
        ChangeOutcome::Applied
    );
    Ok(())
}

/// The change replacing `start..end` of `model` by `insert`, applied to `model`.
fn replace(
    model: &mut String,
    start: usize,
    end: usize,
    insert: &str,
) -> TextDocumentContentChangeEvent {
    let range = Range::new(
        position(model, start, Encoding::Utf16),
        position(model, end, Encoding::Utf16),
    );
    model.replace_range(start..end, insert);
    TextDocumentContentChangeEvent {
        range: Some(range),
        range_length: None,
        text: insert.to_string(),
    }
}

fn check_lines(ops: Vec<LineOp>) -> Result<(), TestCaseError> {
    let rules = Arc::new(Rules::default());
    let uri = Uri::from_str("file:///lines.newsdump").unwrap();
    let docs = Documents::default();
    let mut model = format!("{}{}", PREAMBLE.repeat(24), copies());
    docs.open(uri.clone(), &model, 0);
    let mut version = 0;
    for op in ops {
        let starts = line_starts(&model);
        // The break ending line `l`, if one does.
        let break_after = |l: usize| {
            let next = *starts.get(l + 1)?;
            Some((line_end(&model, starts[l]), next))
        };
        let near = lines_near_captions(&model);
        let pick = |n: usize| near.get(n % near.len().max(1)).copied();
        let (start, end, insert) = match op {
            LineOp::Type {
                near,
                at_end,
                insert,
            } => {
                let Some(l) = pick(near) else { continue };
                let at = if at_end {
                    line_end(&model, starts[l])
                } else {
                    starts[l]
                };
                (at, at, insert)
            }
            LineOp::Join { near } => {
                let Some((start, end)) = pick(near).and_then(break_after) else {
                    continue;
                };
                (start, end, "")
            }
            LineOp::Above { line, insert } => {
                let Some(&at) = starts.get(line) else {
                    continue;
                };
                match insert {
                    Some(insert) => (at, at, insert),
                    None => {
                        let Some((start, end)) = break_after(line) else {
                            continue;
                        };
                        (start, end, "")
                    }
                }
            }
            LineOp::Analyse => {
                docs.snapshot(&uri, &rules, usize::MAX).unwrap();
                continue;
            }
            LineOp::Convert { enc } => {
                let enc = ENCODINGS[enc];
                let (snap, afresh) = same_as_afresh(&docs, &uri, &model, &rules, enc, true)?;
                // `Json` equality compares the lengths it tells too.
                prop_assert_eq!(
                    document_symbols_json(&snap, enc),
                    document_symbols_json(&afresh, enc),
                    "text {:?}",
                    &model
                );
                continue;
            }
        };
        let change = replace(&mut model, start, end, insert);
        send(&docs, &uri, &mut version, &[change])?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(250))]
    #[test]
    fn line_breaks_near_copies_keep_diagnostics_and_outline_afresh(
        ops in prop::collection::vec(line_op(), 1..40)
    ) {
        check_lines(ops)?;
    }
}

// Long dumps with photos reused far apart, edited line by line: the diagnostics kept
// and moved article by article equal those of the text opened afresh.

const FAR_CAPTIONS: &[&str] = &[
    "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]",
    "Ferry passengers wait at the pier on Tuesday. [Photo/Xinhua]",
    "Cranes lift the new bridge deck into place. [Photo/Xinhua]",
    "Photo: Xinhua",
    "Waves 😀 hit the wall on Feb. 21. Photo: Sea Watch",
    "Waves 😀 hit the wall on February 21. Photo: Sea Watch",
];

fn far_dump(spec: &[(Vec<usize>, usize)]) -> String {
    let mut s = String::new();
    for (n, (caps, body)) in spec.iter().enumerate() {
        s.push_str(&format!(
            "Harbour city opens ferry terminal number {n}\n\nBy Tom Reyes | Daily Harbour | Updated: 2024-03-01 07:13\n\nMayor Ann Keller said it would open.\n\n"
        ));
        for &c in caps {
            s.push_str(FAR_CAPTIONS[c]);
            s.push_str("\n\n");
        }
        for _ in 0..*body {
            s.push_str("The council approved the plan on Monday.\n\n");
        }
    }
    s
}

#[derive(Debug, Clone)]
enum FarOp {
    /// Types at the start or end of line `line` (as a fraction of the line count).
    Type {
        line: f64,
        at_end: bool,
        insert: &'static str,
    },
    /// Deletes the break ending line `line`.
    Join {
        line: f64,
    },
    /// Replaces the `which`th caption line by a caption.
    Caption {
        which: usize,
        with: usize,
    },
    Convert {
        enc: usize,
        all: bool,
    },
}

fn far_op() -> impl Strategy<Value = FarOp> {
    prop_oneof![
        4 => (0.0..1.0f64, any::<bool>(), prop::sample::select(vec!["\n", "\n", "\r\n", "x\n", "\n\n", "x", " "]))
            .prop_map(|(line, at_end, insert)| FarOp::Type { line, at_end, insert }),
        2 => (0.0..1.0f64).prop_map(|line| FarOp::Join { line }),
        2 => (any::<usize>(), 0..FAR_CAPTIONS.len()).prop_map(|(which, with)| FarOp::Caption { which, with }),
        3 => (0..3usize, any::<bool>()).prop_map(|(enc, all)| FarOp::Convert { enc, all }),
    ]
}

fn check_far(spec: Vec<(Vec<usize>, usize)>, ops: Vec<FarOp>) -> Result<(), TestCaseError> {
    let rules = Arc::new(Rules::default());
    let uri = Uri::from_str("file:///far.newsdump").unwrap();
    let docs = Documents::default();
    let mut model = far_dump(&spec);
    docs.open(uri.clone(), &model, 0);
    let mut version = 0;
    for op in ops {
        let starts = line_starts(&model);
        let pick = |f: f64| ((f * starts.len() as f64) as usize).min(starts.len() - 1);
        let (start, end, insert) = match op {
            FarOp::Type {
                line,
                at_end,
                insert,
            } => {
                let l = pick(line);
                let at = if at_end {
                    line_end(&model, starts[l])
                } else {
                    starts[l]
                };
                (at, at, insert.to_string())
            }
            FarOp::Join { line } => {
                let l = pick(line);
                let Some(&next) = starts.get(l + 1) else {
                    continue;
                };
                (line_end(&model, starts[l]), next, String::new())
            }
            FarOp::Caption { which, with } => {
                let caps: Vec<usize> = (0..starts.len())
                    .filter(|&l| model[starts[l]..line_end(&model, starts[l])].contains("Photo"))
                    .collect();
                if caps.is_empty() {
                    continue;
                }
                let l = caps[which % caps.len()];
                (
                    starts[l],
                    line_end(&model, starts[l]),
                    FAR_CAPTIONS[with].to_string(),
                )
            }
            FarOp::Convert { enc, all } => {
                same_as_afresh(&docs, &uri, &model, &rules, ENCODINGS[enc], all)?;
                continue;
            }
        };
        let change = replace(&mut model, start, end, &insert);
        send(&docs, &uri, &mut version, &[change])?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Reused photos far apart in long dumps (bylines make the headlines anchors, so an
    /// edit rebuilds only the articles near it): lines typed or joined between a
    /// finding's articles move each of its lines as its own article moved.
    #[test]
    fn long_dumps_keep_diagnostics_afresh(
        spec in prop::collection::vec((prop::collection::vec(0..FAR_CAPTIONS.len(), 0..3), 0..3usize), 20..80),
        ops in prop::collection::vec(far_op(), 1..40),
    ) {
        check_far(spec, ops)?;
    }
}
