//! Edits after which `Dump::update` may keep the caption findings it had, moved (see
//! `captions_read_alike`), give the findings of an analysis from scratch. Random edits
//! rarely leave the captions reading alike; these are made to: a line's content replaced
//! (paragraphs split, joined, turned into captions), a line break swapped for another
//! kind or for two, lines typed, a few bytes typed or deleted; and, in dumps made of
//! articles with copied and reused captions, line breaks typed or deleted at the edges
//! of the lines around the captions.

use newsdump_ls::analysis::{Dump, Rules, Splice};
use proptest::prelude::*;

const PARAGRAPHS: &[&str] = &[
    "Harbour city opens its new ferry terminal",
    "Mayor Ann Keller said the line would carry 10,000 passengers a day.",
    "By Tom Reyes | Daily Harbour | Updated: 2024-03-01 07:13",
    "Photo: Xinhua",
    "Photo: Xinhua",
    "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]",
    "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]",
    "Ferry passengers wait at the pier on Tuesday. [Photo/Xinhua]",
    "  Ferry passengers wait at the pier on Monday. [Photo/Xinhua]",
    "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]  ",
    "GT: What comes next for the harbour?",
    "Will the new line pay off?",
    "The council approved the plan.",
    "Harbour at dawn. Photo: Lin Bo",
];

/// What a line's content may become: blank, white space, or another paragraph.
const LINES: &[&str] = &[
    "",
    " ",
    "x",
    "Photo: Xinhua",
    "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]",
    "Ferry passengers wait at the pier on Tuesday. [Photo/Xinhua]",
    "Harbour city opens its new ferry terminal",
    "The council approved the plan.",
];

fn dump_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            0..PARAGRAPHS.len(),
            prop::sample::select(vec!["\n\n", "\n", "\r\n\r\n", "\n \n", "\n\n\n", "\r\r"]),
        ),
        0..40,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .map(|(i, sep)| format!("{}{sep}", PARAGRAPHS[i]))
            .collect()
    })
}

/// A line's content replaced, or a break swapped for another one, or a few bytes typed
/// or deleted inside a line.
#[derive(Debug, Clone)]
enum Edit {
    Line(f64, usize),
    Break(f64, &'static str),
    Type(f64, &'static str),
    Delete(f64, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0..=1.0f64, 0..LINES.len()).prop_map(|(a, l)| Edit::Line(a, l)),
        (
            0.0..=1.0f64,
            prop::sample::select(vec!["\n", "\r\n", "\r", "\n\n"])
        )
            .prop_map(|(a, b)| Edit::Break(a, b)),
        (
            0.0..=1.0f64,
            prop::sample::select(vec!["x", " ", "\r", "😀", "\n", "\n\n", "x\n"])
        )
            .prop_map(|(a, t)| Edit::Type(a, t)),
        (0.0..=1.0f64, 1..4usize).prop_map(|(a, n)| Edit::Delete(a, n)),
    ]
}

fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The splice an edit makes, or none when it would not apply.
fn splice_of(text: &str, edit: &Edit) -> Option<(usize, usize, String)> {
    let at = |f: f64| boundary(text, (f * text.len() as f64) as usize);
    let breaks: Vec<(usize, usize)> = {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\r' if b.get(i + 1) == Some(&b'\n') => {
                    out.push((i, i + 2));
                    i += 1;
                }
                b'\r' | b'\n' => out.push((i, i + 1)),
                _ => {}
            }
            i += 1;
        }
        out
    };
    match *edit {
        Edit::Line(f, l) => {
            let x = at(f);
            let start = breaks
                .iter()
                .rev()
                .find(|(_, e)| *e <= x)
                .map_or(0, |(_, e)| *e);
            let end = breaks
                .iter()
                .find(|(s, _)| *s >= start)
                .map_or(text.len(), |(s, _)| *s);
            Some((start, end, LINES[l].to_string()))
        }
        Edit::Break(f, new) => {
            if breaks.is_empty() {
                return None;
            }
            let (s, e) = breaks[((f * breaks.len() as f64) as usize).min(breaks.len() - 1)];
            Some((s, e, new.to_string()))
        }
        Edit::Type(f, t) => {
            let x = at(f);
            Some((x, x, t.to_string()))
        }
        Edit::Delete(f, n) => {
            let x = at(f);
            let end = boundary(text, x + n);
            Some((x, end, String::new()))
        }
    }
}

/// Applies each edit to `text` and its analysis, and compares the analysis with one
/// made from scratch.
fn check(mut text: String, edits: &[(usize, usize, String)]) -> Result<(), TestCaseError> {
    let rules = Rules::default();
    let mut dump = Dump::analyse(&text, &rules);
    for (start, old_end, typed) in edits {
        let (start, old_end) = (*start, *old_end);
        text.replace_range(start..old_end, typed);
        let splice = Splice {
            start,
            old_end,
            new_end: start + typed.len(),
        };
        dump.update(&text, splice, &rules);
        let full = Dump::analyse(&text, &rules);
        prop_assert_eq!(&dump.articles, &full.articles, "articles of {:?}", text);
        prop_assert_eq!(&dump.findings, &full.findings, "findings of {:?}", text);
        // The lines the messages cite.
        let messages = |d: &Dump| -> Vec<String> {
            d.findings
                .iter()
                .map(|f| f.message(&d.lines).into())
                .collect()
        };
        prop_assert_eq!(messages(&dump), messages(&full), "messages of {:?}", text);
    }
    Ok(())
}

/// The splices `edits` make one after the other, starting from `start` (those
/// `splice_of` cannot place left out).
fn splices<E>(
    start: &str,
    edits: &[E],
    splice_of: impl Fn(&str, &E) -> Option<(usize, usize, String)>,
) -> Vec<(usize, usize, String)> {
    let mut text = start.to_string();
    let mut splices = Vec::new();
    for edit in edits {
        let Some((start, old_end, typed)) = splice_of(&text, edit) else {
            continue;
        };
        text.replace_range(start..old_end, &typed);
        splices.push((start, old_end, typed));
    }
    splices
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn update_equals_full_analysis(
        start in dump_text(),
        edits in prop::collection::vec(edit(), 1..10),
    ) {
        let splices = splices(&start, &edits, splice_of);
        check(start, &splices)?;
    }

    #[test]
    fn lines_typed_next_to_captions_equal_full_analysis(
        start in articles_text(),
        edits in prop::collection::vec(line_edit(), 1..10),
    ) {
        let splices = splices(&start, &edits, line_splice_of);
        check(start, &splices)?;
    }
}

// Articles of a headline, captions and body paragraphs, and line breaks typed or
// deleted at the edges of the lines around the captions: where a line typed joins a
// caption, or moves it away from its neighbours, without touching a finding.

const HEADLINES: &[&str] = &[
    "Harbour city opens its new ferry terminal",
    "Storm closes the coast road",
    "Fair draws crowds",
];

/// Identical, near, credit-only and reused copies: an article takes a few of them.
const CAPTIONS: &[&str] = &[
    "Harbour at dawn. Photo: Lin Bo",
    "Harbour at dawn. Photo: Lin Bo",
    "Harbour at Dawn. Photo: Lin Bo",
    "Waves on Feb. 21 at the pier. Photo: Sea Watch",
    "Waves on February 21 at the pier. Photo: Sea Watch",
    "Photo: Xinhua",
    "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]",
];

const BODIES: &[&str] = &[
    "Mayor Ann Keller said the line would carry 10,000 passengers a day.",
    "The council approved the plan.",
];

fn articles_text() -> impl Strategy<Value = String> {
    let sep = || prop::sample::select(vec!["\n\n", "\n\n", "\r\n\r\n", "\r\r", "\n\n\n", "\n \n"]);
    let article = (
        0..HEADLINES.len(),
        prop::collection::vec(0..CAPTIONS.len(), 0..4),
        prop::collection::vec(0..BODIES.len(), 0..3),
        sep(),
    )
        .prop_map(|(h, captions, bodies, sep)| {
            std::iter::once(HEADLINES[h])
                .chain(captions.into_iter().map(|c| CAPTIONS[c]))
                .chain(bodies.into_iter().map(|b| BODIES[b]))
                .map(|p| format!("{p}{sep}"))
                .collect::<String>()
        });
    prop::collection::vec(article, 1..6).prop_map(|a| a.concat())
}

/// Text typed at the start or the end of a line near a caption (`None`: the break
/// ending that line deleted); `near` picks the line.
#[derive(Debug, Clone)]
struct LineEdit {
    near: usize,
    at_end: bool,
    typed: Option<&'static str>,
}

fn line_edit() -> impl Strategy<Value = LineEdit> {
    (
        any::<usize>(),
        any::<bool>(),
        prop::option::weighted(
            0.8,
            prop::sample::select(vec!["\n", "x\n", "\r", "\r\n", "\n\n", "x", " "]),
        ),
    )
        .prop_map(|(near, at_end, typed)| LineEdit {
            near,
            at_end,
            typed,
        })
}

/// The splice a line edit makes, or none when no line is near a caption.
fn line_splice_of(text: &str, edit: &LineEdit) -> Option<(usize, usize, String)> {
    // (start, end of content, end with the break) of each line.
    let mut lines = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let len = match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
            b'\r' | b'\n' => 1,
            _ => {
                i += 1;
                continue;
            }
        };
        lines.push((start, i, i + len));
        i += len;
        start = i;
    }
    lines.push((start, text.len(), text.len()));
    let near: Vec<usize> = (0..lines.len())
        .filter(|&l| text[lines[l].0..lines[l].1].contains("Photo"))
        .flat_map(|l| l.saturating_sub(2)..(l + 3).min(lines.len()))
        .collect();
    let (start, end, with_break) = lines[*near.get(edit.near % near.len().max(1))?];
    Some(match edit.typed {
        Some(typed) => {
            let at = if edit.at_end { end } else { start };
            (at, at, typed.to_string())
        }
        None => (end, with_break, String::new()),
    })
}
