//! After any sequence of edits, the incremental analysis (`Dump::update`) equals the
//! analysis of the whole new text from scratch: same lines, articles, findings, people
//! and figures. The random edits are analysed from a rope, as the server reads its
//! documents, and compared with the analysis of a string.

use newsdump_ls::analysis::{Dump, Rules, Source, Splice};
use proptest::prelude::*;
use ropey::Rope;

/// Paragraphs of the kinds the rules tell apart, so random dumps exercise every rule:
/// headlines, bylines, stamps, captions (and their copies), interview turns, trailers.
const PARAGRAPHS: &[&str] = &[
    "Harbour city opens its new ferry terminal",
    "Mayor Ann Keller said the line would carry 10,000 passengers a day.",
    "The council approved $84.4 billion for the plan on Monday, about 92 percent more.",
    "By Tom Reyes | Daily Harbour | Updated: 2024-03-01 07:13",
    "10.42am GMT",
    "Photo: Xinhua",
    "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]",
    "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]",
    "Ferry passengers wait at the pier on Tuesday. [Photo/Xinhua]",
    "GT: What comes next for the harbour?",
    "Keller: We build a second pier.",
    "Editor’s Note:",
    "This article was first published by Harbour Daily.",
    "Today so far",
    "RIVERTON -- Officials said on Tuesday that the bridge would close.",
    "Will the new line pay off?",
    "“We won,” she said. “It took years.”",
    "Keller’s plan 😀 drew “cheers” from Minister Ann Keller and Anne Keller.",
    "Data vs. data",
    "The next wave",
];

/// Text typed or pasted by an edit.
const TYPED: &[&str] = &[
    "x",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    " ",
    "😀",
    "“",
    ". ",
    "Photo: Xinhua",
    "\n\nGT: Why now?\n\nKeller: Because.\n\n",
    "\n\nHarbour city opens its new ferry terminal\n\n",
    "10.42am GMT\n\n",
    "",
];

fn dump_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            0..PARAGRAPHS.len(),
            prop::sample::select(vec!["\n\n", "\n", "\r\n\r\n", "\n \n", "\n\n\n"]),
        ),
        0..120,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .map(|(i, sep)| format!("{}{sep}", PARAGRAPHS[i]))
            .collect()
    })
}

/// An edit as fractions of the text (where, how much to delete) and what is typed.
fn edit() -> impl Strategy<Value = (f64, f64, usize)> {
    (
        0.0..=1.0f64,
        prop_oneof![Just(0.0), 0.0..0.02f64, 0.0..0.3f64, Just(1.0)],
        0..TYPED.len(),
    )
}

fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `incremental` is the analysis of `read`, `full` that of `text`, the same text.
fn assert_same<'t>(incremental: &Dump, read: impl Into<Source<'t>>, full: &Dump, text: &str) {
    let read = read.into();
    assert_eq!(incremental.lines.line_count(), full.lines.line_count());
    for line in 0..full.lines.line_count() {
        assert_eq!(
            incremental.lines.line_start(line),
            full.lines.line_start(line)
        );
    }
    assert_eq!(incremental.articles, full.articles, "articles of {text:?}");
    // In the order the join makes them, which the server's diagnostics follow.
    assert_eq!(
        incremental.findings, full.findings,
        "caption findings of {text:?}"
    );
    assert_eq!(
        incremental.all_findings(read),
        full.all_findings(text),
        "findings of {text:?}"
    );
    assert_eq!(
        incremental.entities(read).people,
        full.entities(text).people
    );
    assert_eq!(
        incremental.entities(read).figures().collect::<Vec<_>>(),
        full.entities(text).figures().collect::<Vec<_>>()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn update_equals_full_analysis(
        start in dump_text(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let rules = Rules::default();
        let mut text = start;
        let mut rope = Rope::from_str(&text);
        let mut dump = Dump::analyse(&rope, &rules);
        for (at, del, typed) in edits {
            let start = boundary(&text, (at * text.len() as f64) as usize);
            let old_end = boundary(&text, start + (del * text.len() as f64) as usize).max(start);
            let typed = TYPED[typed];
            text.replace_range(start..old_end, typed);
            let chars = rope.byte_to_char(start)..rope.byte_to_char(old_end);
            rope.remove(chars.clone());
            rope.insert(chars.start, typed);
            let splice = Splice { start, old_end, new_end: start + typed.len() };
            dump.update(&rope, splice, &rules);
            assert_same(&dump, &rope, &Dump::analyse(&text, &rules), &text);
        }
    }
}

/// Splices compose: two edits in a row analysed as one splice give the same result.
#[test]
fn composed_splices() {
    let rules = Rules::default();
    let mut text = PARAGRAPHS.join("\n\n");
    let mut dump = Dump::analyse(&text, &rules);
    text.replace_range(10..12, "\n\n");
    let first = Splice {
        start: 10,
        old_end: 12,
        new_end: 12,
    };
    text.replace_range(300..300, "Photo: Xinhua\n\n");
    let second = Splice {
        start: 300,
        old_end: 300,
        new_end: 300 + "Photo: Xinhua\n\n".len(),
    };
    dump.update(&text, first.then(second), &rules);
    assert_same(&dump, &text, &Dump::analyse(&text, &rules), &text);
}

/// Edits the text at `at` (deleting `del` bytes, typing `typed`) and checks the update
/// against the analysis from scratch.
fn edit_and_compare(text: &str, at: usize, del: usize, typed: &str) {
    let rules = Rules::default();
    let mut dump = Dump::analyse(text, &rules);
    edit_and_check(&mut dump, &mut text.to_string(), at, del, typed, &rules);
}

/// Edits `text`, which `dump` analysed, as [`edit_and_compare`] does, and updates `dump`.
fn edit_and_check(
    dump: &mut Dump,
    text: &mut String,
    at: usize,
    del: usize,
    typed: &str,
    rules: &Rules,
) {
    text.replace_range(at..at + del, typed);
    let splice = Splice {
        start: at,
        old_end: at + del,
        new_end: at + typed.len(),
    };
    dump.update(&*text, splice, rules);
    assert_same(dump, &*text, &Dump::analyse(&*text, rules), text);
}

/// Emptying the indented first line of the paragraph after a copied caption (no line
/// moves, the captions stay as they were) changes where the copy's removal ends.
#[test]
fn emptying_the_line_after_a_copied_caption() {
    let cap = "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]";
    let text = format!(
        "Harbour city opens its new ferry terminal\n\n{cap}\n\n{cap}\n\n  x\n\nThe terminal opened on Monday.\n"
    );
    let at = text.find("  x").unwrap() + 2;
    edit_and_compare(&text, at, 1, "");
}

/// Emptying the indented last line of the paragraph before a copied caption.
#[test]
fn emptying_the_line_before_a_copied_caption() {
    let cap = "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]";
    let text = format!(
        "Harbour city opens its new ferry terminal\n\n{cap}\n\nThe terminal opened.\n  x\n\n{cap}\n\nThe terminal opened on Monday.\n"
    );
    let at = text.find("  x").unwrap() + 2;
    edit_and_compare(&text, at, 1, "");
}

/// Typing a paragraph on the empty last line, after a copied caption that ends the text.
#[test]
fn typing_after_a_copied_caption_at_the_end() {
    let cap = "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]";
    let text = format!(
        "Harbour city opens its new ferry terminal\n\nThe terminal opened.\n\n{cap}\n\n{cap}\n\n"
    );
    edit_and_compare(&text, text.len(), 0, "x");
}

/// Captions an article of [`reused_captions_follow_their_first_use`] may hold: two that
/// differ in a word, one unlike both, and none.
const CAPTIONS: &[&str] = &[
    "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]",
    "Ferry passengers wait at the pier on Tuesday. [Photo/Xinhua]",
    "Cranes lift the new bridge deck into place. [Photo/Xinhua]",
    "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]\n\n\
     Ferry passengers wait at the pier on Monday. [Photo/Xinhua]",
    "Ferry passengers wait at the pier on Monday x. [Photo/Xinhua]",
    "",
];

/// Articles, each holding the caption `captions[i]`, with their start offsets and the
/// range of each caption.
fn captioned(captions: &[usize]) -> (String, Vec<std::ops::Range<usize>>) {
    let mut text = String::new();
    let mut ranges = Vec::new();
    for (n, &c) in captions.iter().enumerate() {
        text.push_str(&format!(
            "Harbour city opens ferry terminal number {n}\n\n\
             Mayor Ann Keller said the line would carry 10,000 passengers a day.\n\n"
        ));
        let start = text.len();
        text.push_str(CAPTIONS[c]);
        ranges.push(start..text.len());
        text.push_str("\n\nThe council approved the plan on Monday.\n\n");
    }
    (text, ranges)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A caption used in many articles, changed in one of them: the findings of its
    /// other uses follow the first use as it moves into or out of the edited article.
    #[test]
    fn reused_captions_follow_their_first_use(
        start in prop::collection::vec(0..CAPTIONS.len(), 1..12),
        edits in prop::collection::vec((0.0..1.0f64, 0..CAPTIONS.len()), 1..6),
    ) {
        let rules = Rules::default();
        let mut captions = start;
        let (mut text, _) = captioned(&captions);
        let mut dump = Dump::analyse(&text, &rules);
        prop_assert_eq!(dump.articles.len(), captions.len());
        for (which, caption) in edits {
            let i = (which * captions.len() as f64) as usize;
            let range = captioned(&captions).1[i].clone();
            captions[i] = caption;
            edit_and_check(&mut dump, &mut text, range.start, range.len(), CAPTIONS[caption], &rules);
        }
    }
}

/// A title that stands twice in the file, far apart, is a section title; typed into at
/// one place, it no longer is, and the articles around its other copy are rebuilt too. A
/// caption standing above and below the title there is a copy while the title is a
/// section title, and a photo reused in the next article once the title is a headline.
#[test]
fn an_edit_that_changes_a_file_wide_mark_rejoins_both_places() {
    let rules = Rules::default();
    let cap = |day: &str| format!("Ferry passengers wait at the pier on {day}. [Photo/Xinhua]");
    let mut text = String::new();
    for n in 0..60 {
        text.push_str(&format!(
            "Harbour city opens ferry terminal number {n}\n\n\
             Mayor Ann Keller said the line would carry 10,000 passengers a day.\n\n"
        ));
        if n % 30 == 0 {
            let day = if n == 0 { cap("Monday") } else { cap("Sunday") };
            text.push_str(&format!(
                "{day}\n\nToday so far\n\nThe council approved item {n} on Monday.\n\n{day}\n\n"
            ));
        }
        text.push_str("The council approved the plan on Monday.\n\n");
    }
    let mut dump = Dump::analyse(&text, &rules);
    let far = text.rfind("Today so far").unwrap();
    let near = text.find("Today so far").unwrap();
    for (at, del, typed) in [
        (near + 2, 0, "x"),
        (far + 2, 0, "x"),
        (near + 2, 1, ""),
        (near, 0, "Cap"),
    ] {
        edit_and_check(&mut dump, &mut text, at, del, typed, &rules);
    }
}

// Caption-heavy long dumps, edits aimed at captions, paragraph starts and file-wide
// marks (a title typed twice, a trailer).

const HEADLINES: &[&str] = &[
    "Harbour city opens ferry terminal number",
    "Storm closes the coast road near",
    "Today so far",
    "Fair draws crowds to the square of",
];

const LONG_CAPTIONS: &[&str] = &[
    "Ferry passengers wait at the pier on Monday. [Photo/Xinhua]",
    "Ferry passengers wait at the pier on Tuesday. [Photo/Xinhua]",
    "Cranes lift the new bridge deck into place. [Photo/Xinhua]",
    "Photo: Xinhua",
    "Waves hit the wall on Feb. 21. Photo: Sea Watch",
    "Waves hit the wall on February 21. Photo: Sea Watch",
    "Stalls at the fair in the old town\nsquare at dusk. Photo: Lin Bo",
    "Stalls at the fair in the old town square at dusk. Photo: Lin Bo",
];

const BODIES: &[&str] = &[
    "Mayor Ann Keller said the line would carry 10,000 passengers a day.",
    "The council approved $84.4 billion for the plan on Monday, about 92 percent more.",
    "This article was first published by Harbour Daily.",
    "Today so far",
    "By Tom Reyes | Daily Harbour | Updated: 2024-03-01 07:13",
    "Keller: We build a second pier.",
];

#[derive(Debug, Clone)]
struct ArticleSpec {
    headline: usize,
    captions: Vec<usize>,
    bodies: Vec<usize>,
    sep: usize,
}

const SEPS: &[&str] = &["\n\n", "\n\n\n", "\r\n\r\n", "\n \n"];

fn article() -> impl Strategy<Value = ArticleSpec> {
    (
        prop::sample::select(vec![0usize, 0, 0, 0, 1, 1, 2, 3]),
        prop::collection::vec(0..LONG_CAPTIONS.len(), 0..4),
        prop::collection::vec(0..BODIES.len(), 0..3),
        prop::sample::select(vec![0usize, 0, 0, 0, 1, 2, 3]),
    )
        .prop_map(|(headline, captions, bodies, sep)| ArticleSpec {
            headline,
            captions,
            bodies,
            sep,
        })
}

fn render(n: usize, a: &ArticleSpec) -> String {
    let sep = SEPS[a.sep];
    let mut s = String::new();
    if a.headline == 2 {
        s.push_str(HEADLINES[2]);
    } else {
        s.push_str(&format!("{} {n}", HEADLINES[a.headline]));
    }
    s.push_str(sep);
    if a.sep != 3 {
        s.push_str("By Tom Reyes | Daily Harbour | Updated: 2024-03-01 07:13");
        s.push_str(sep);
    }
    s.push_str("Mayor Ann Keller said the line would open soon.");
    s.push_str(sep);
    for &c in &a.captions {
        s.push_str(LONG_CAPTIONS[c]);
        s.push_str(sep);
    }
    for &b in &a.bodies {
        s.push_str(BODIES[b]);
        s.push_str(sep);
    }
    s
}

#[derive(Debug, Clone)]
enum LongOp {
    /// Replaces the `which`th caption-like line (holding "Photo") with a caption.
    Caption { which: usize, with: Option<usize> },
    /// Types a character in the middle of the `which`th caption-like line.
    Type { which: usize, what: &'static str },
    /// Inserts a whole article at the start of the `which`th paragraph.
    Insert { which: usize, a: ArticleSpec },
    /// Deletes from the start of paragraph `which` to the start of paragraph `which + len`.
    Delete { which: usize, len: usize },
    /// Anywhere, as fractions.
    Any {
        at: f64,
        del: f64,
        typed: &'static str,
    },
}

fn long_op() -> impl Strategy<Value = LongOp> {
    prop_oneof![
        4 => (any::<usize>(), prop::option::weighted(0.8, 0..LONG_CAPTIONS.len()))
            .prop_map(|(which, with)| LongOp::Caption { which, with }),
        3 => (any::<usize>(), prop::sample::select(vec!["x", "\n", "\n\n", " ", ". ", "Photo: Xinhua"]))
            .prop_map(|(which, what)| LongOp::Type { which, what }),
        2 => (any::<usize>(), article()).prop_map(|(which, a)| LongOp::Insert { which, a }),
        2 => (any::<usize>(), 1..6usize).prop_map(|(which, len)| LongOp::Delete { which, len }),
        1 => (0.0..=1.0f64, prop_oneof![Just(0.0), 0.0..0.05f64], prop::sample::select(vec![
            "x", "\n", "\n\n", "Today so far", "\n\nToday so far\n\n", "This article was first published by Harbour Daily.\n\n", ""
        ])).prop_map(|(at, del, typed)| LongOp::Any { at, del, typed }),
    ]
}

fn caption_lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.contains("Photo") || content.contains("Stalls") {
            out.push((start, start + content.len()));
        }
        start += line.len();
    }
    out
}

fn para_starts(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut start = 0;
    let mut blank_before = false;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank_before && !blank {
            out.push(start);
        }
        blank_before = blank;
        start += line.len();
    }
    out.push(text.len());
    out
}

fn check_long(articles: Vec<ArticleSpec>, ops: Vec<LongOp>) -> Result<(), TestCaseError> {
    let rules = Rules::default();
    let mut text: String = articles
        .iter()
        .enumerate()
        .map(|(n, a)| render(n, a))
        .collect();
    let mut dump = Dump::analyse(&text, &rules);
    for (k, op) in ops.into_iter().enumerate() {
        let (start, end, typed): (usize, usize, String) = match op {
            LongOp::Caption { which, with } => {
                let lines = caption_lines(&text);
                if lines.is_empty() {
                    continue;
                }
                let (s, e) = lines[which % lines.len()];
                (
                    s,
                    e,
                    with.map_or(String::new(), |c| LONG_CAPTIONS[c].to_string()),
                )
            }
            LongOp::Type { which, what } => {
                let lines = caption_lines(&text);
                if lines.is_empty() {
                    continue;
                }
                let (s, e) = lines[which % lines.len()];
                let at = boundary(&text, (s + e) / 2);
                (at, at, what.to_string())
            }
            LongOp::Insert { which, a } => {
                let starts = para_starts(&text);
                let at = starts[which % starts.len()];
                let mut s = render(1000 + k, &a);
                if at == text.len() && !text.is_empty() && !text.ends_with("\n\n") {
                    s.insert_str(0, "\n\n");
                }
                (at, at, s)
            }
            LongOp::Delete { which, len } => {
                let starts = para_starts(&text);
                let i = which % starts.len();
                let j = (i + len).min(starts.len() - 1);
                (starts[i], starts[j], String::new())
            }
            LongOp::Any { at, del, typed } => {
                let s = boundary(&text, (at * text.len() as f64) as usize);
                let e = boundary(&text, s + (del * text.len() as f64) as usize).max(s);
                (s, e, typed.to_string())
            }
        };
        text.replace_range(start..end, &typed);
        let splice = Splice {
            start,
            old_end: end,
            new_end: start + typed.len(),
        };
        dump.update(&text, splice, &rules);
        prop_assert!(
            dump.findings
                .windows(2)
                .all(|w| w[0].range().start < w[1].range().start),
            "findings out of order"
        );
        assert_same(&dump, &text, &Dump::analyse(&text, &rules), &text);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Long dumps whose headlines have bylines (anchors), so that an edit rebuilds a few
    /// articles, or several stretches of them when a file-wide mark flips: the findings
    /// rejoined stay in order and equal those made from scratch.

    #[test]
    fn caption_edits_in_long_dumps(
        articles in prop::collection::vec(article(), 1..120),
        ops in prop::collection::vec(long_op(), 1..10),
    ) {
        check_long(articles, ops)?;
    }
}
