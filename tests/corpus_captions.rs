//! Caption recognition and duplicate detection measured on the shared corpus.
//!
//! These tests read `../shared/corpus/` (or `$NEWSDUMP_CORPUS`);
//! the texts stay out of the repository. Each test skips, with a note on stderr, when the
//! corpus is absent.

mod common;

use std::collections::{HashMap, HashSet};

use common::corpus_dir as corpus;
use newsdump_ls::analysis::{BlockKind, Dump, Rules};
use serde_json::Value;

/// The kind of the paragraph starting at each 0-based line.
fn kinds_by_line(dump: &Dump) -> HashMap<usize, BlockKind> {
    dump.articles
        .iter()
        .flat_map(|a| a.blocks())
        .map(|b| (b.para.first_line, b.kind))
        .collect()
}

#[test]
fn caption_precision_and_recall_on_china_daily() {
    let Some(dir) = corpus() else { return };
    let dev = dir.join("dev");
    let (Ok(text), Ok(truth)) = (
        std::fs::read_to_string(dev.join("china_daily_232.txt")),
        std::fs::read_to_string(dev.join("china_daily_232.truth.json")),
    ) else {
        eprintln!("note: china_daily_232 not in the corpus, skipping");
        return;
    };
    let truth: Value = serde_json::from_str(&truth).expect("truth JSON");
    let dump = Dump::analyse(&text, &Rules::default());
    let kinds = kinds_by_line(&dump);

    let (mut found, mut missed, mut false_pos) = (0usize, Vec::new(), Vec::new());
    for item in truth["items"].as_array().expect("items") {
        if item["captions_marked_in_source"] != Value::Bool(true) {
            continue;
        }
        let captions: HashSet<usize> = item["caption_lines"]
            .as_array()
            .expect("caption_lines")
            .iter()
            .map(|v| v.as_u64().expect("line") as usize)
            .collect();
        let first = item["headline_line"].as_u64().expect("headline_line") as usize;
        let last = item["last_line"].as_u64().expect("last_line") as usize;
        for line in first..=last {
            let is_caption = kinds.get(&line) == Some(&BlockKind::Caption);
            match (captions.contains(&line), is_caption) {
                (true, true) => found += 1,
                (true, false) => missed.push(line),
                (false, true) => false_pos.push(line),
                (false, false) => {}
            }
        }
    }
    let recall = found as f64 / (found + missed.len()) as f64;
    let precision = found as f64 / (found + false_pos.len()).max(1) as f64;
    println!(
        "china_daily_232 captions: recall {recall:.3} ({found}/{}), precision {precision:.3} \
         ({found}/{}); missed lines {missed:?}; false positives {false_pos:?}",
        found + missed.len(),
        found + false_pos.len()
    );
    assert!(recall >= RECALL_FLOOR, "recall {recall:.3}");
    assert!(precision >= PRECISION_FLOOR, "precision {precision:.3}");
}

/// Measured: 76/76 found, no false positive (see the printed figures).
const RECALL_FLOOR: f64 = 0.97;
const PRECISION_FLOOR: f64 = 0.97;

#[test]
fn sample_has_exactly_the_seven_duplicates() {
    let Some(dir) = corpus() else { return };
    let Ok(text) = std::fs::read_to_string(dir.join("sample-dump.txt")) else {
        eprintln!("note: sample-dump.txt not in the corpus, skipping");
        return;
    };
    let dump = Dump::analyse(&text, &Rules::default());
    let duplicates: Vec<usize> = dump
        .findings
        .iter()
        .filter(|f| matches!(f.code, "duplicate-caption" | "near-duplicate-caption"))
        .map(|f| dump.lines.line_of(f.range().start) + 1)
        .collect();
    for f in &dump.findings {
        println!(
            "{}: {} [{}]",
            dump.lines.line_of(f.range().start) + 1,
            f.message(&dump.lines),
            f.code
        );
    }
    assert_eq!(duplicates, [5, 34, 54, 87, 117, 149, 177]);
    assert!(
        dump.findings
            .iter()
            .all(|f| !(22..24).contains(&dump.lines.line_of(f.range().start)))
    );
}
