//! The analysis never panics, whatever the text, and its ranges always make sense:
//! in order, inside the text, on character boundaries.

use newsdump_ls::analysis::describe::describe;
use newsdump_ls::analysis::entities::EntityRef;
use newsdump_ls::analysis::findings::fix_all;
use newsdump_ls::analysis::{Dump, Rules};
use proptest::prelude::*;

fn check_invariants(text: &str) {
    let dump = Dump::analyse(text, &Rules::default());
    let mut last_end = 0;
    for article in &dump.articles {
        for block in article.blocks() {
            let p = block.para;
            assert!(p.start >= last_end && p.start < p.end && p.end <= text.len());
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
            assert!(p.first_line <= p.last_line);
            last_end = p.end;
        }
    }
    for f in &dump.findings {
        let range = f.range();
        assert!(range.start <= range.end && range.end <= text.len());
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
    }
    // Every hover text can be made, and every occurrence is a real range.
    let e = &dump.entities(text);
    // (At most 50 of each: a hover lists related figures, so all of them is quadratic.)
    let refs = (0..e.people.len().min(50))
        .map(EntityRef::Person)
        .chain((0..e.figure_count().min(50)).map(EntityRef::Figure));
    for r in refs {
        assert!(!describe(&dump, text, r).is_empty());
        for range in e.occurrences(r) {
            assert!(range.end <= text.len() && text.is_char_boundary(range.start));
            assert!(text.is_char_boundary(range.end));
            // Overlapping spans keep the first, so the cursor finds *an* entity there.
            assert!(e.at(range.start).is_some());
        }
    }
    // Fixing everything leaves nothing more to fix.
    let fixed = fix_all(text, &Rules::default());
    assert_eq!(fix_all(&fixed.text, &Rules::default()).applied, Vec::new());
}

/// Pieces of dump-like text, so random strings hit the interesting rules.
const PIECES: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " ",
    "\u{a0}",
    "\u{feff}",
    "😀",
    "“",
    "”",
    "’",
    "Photo: Xinhua",
    "GT: ",
    "Zhang: ",
    "Editor’s Note:",
    "President Xi Jinping",
    "$240.11 billion",
    "92 percent",
    "By Ann Lee | Daily | Updated: 2020-01-01",
    "BEIJING -- ",
    "Headline here",
    ".",
    "?",
    ":",
    "[Photo provided to China Daily]",
    "a",
    "Z",
    "1,000",
    "Feb. 21, 2021",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        check_invariants(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn dump_like_pieces(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..300)) {
        check_invariants(&pieces.concat());
    }
}

#[test]
fn degenerate_dumps() {
    let huge_line = "word ".repeat(400_000);
    let only_blank = " \n\u{a0}\n\r\n\t\n".repeat(10_000);
    let only_captions = "Rescuers at work. Photo: Agency\n\n".repeat(5_000);
    let one_line_articles: String = (0..10_000)
        .map(|i| format!("Story number {i} opens here\n\n"))
        .collect();
    for text in [&huge_line, &only_blank, &only_captions, &one_line_articles] {
        check_invariants(text);
    }
    let dump = Dump::analyse(&only_blank, &Rules::default());
    assert!(dump.articles.is_empty());
}
