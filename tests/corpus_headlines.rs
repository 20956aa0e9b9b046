//! Article boundaries measured on the real dumps of the shared corpus.
//!
//! These tests *read* the corpus (`$NEWSDUMP_CORPUS`, else `../shared/corpus` next to the
//! crate); its texts belong to their publishers and are never
//! copied into the repository. When the folder is absent each test returns early with a
//! note on stderr. Run with `--nocapture` to see precision and recall per file; set
//! `HEADLINES_SHOW=fp,fn` to also list the false positives / negatives.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::corpus_dir;
use newsdump_ls::analysis::{BlockKind, Dump, Rules};

/// Lowest acceptable (precision, recall) per dev file, a little under what the rules
/// achieve, so that a regression fails.
const FLOORS: &[(&str, f64, f64)] = &[("china_daily_232", 0.95, 0.97), ("western_240", 0.64, 0.88)];

fn headline_lines(dump: &Dump) -> BTreeSet<usize> {
    dump.articles
        .iter()
        .map(|a| a.headline().para.first_line)
        .collect()
}

fn truth_lines(path: &Path) -> BTreeSet<usize> {
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read truth")).expect("json");
    json["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["headline_line"].as_u64().expect("headline_line") as usize)
        .collect()
}

fn show(what: &str, text: &str, lines: impl Iterator<Item = usize>) {
    let wanted = std::env::var("HEADLINES_SHOW").unwrap_or_default();
    if !wanted.split(',').any(|w| w == what) {
        return;
    }
    let all: Vec<&str> = text.lines().collect();
    for l in lines {
        let line = all.get(l).copied().unwrap_or("");
        let next = all.get(l + 2).copied().unwrap_or("");
        let cut = |s: &str| s.chars().take(110).collect::<String>();
        println!("  {what} {l}: {}\n        next: {}", cut(line), cut(next));
    }
}

#[test]
fn dev_dumps_precision_and_recall() {
    let Some(dir) = corpus_dir() else { return };
    let dir = dir.join("dev");
    let mut truths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read dev dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .collect();
    truths.sort();
    assert!(!truths.is_empty(), "no truth files in {}", dir.display());
    let mut failures = Vec::new();
    for truth_path in truths {
        let name = truth_path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".truth.json"))
            .expect("name")
            .to_string();
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).expect("read dump");
        let truth = truth_lines(&truth_path);
        let found = headline_lines(&Dump::analyse(&text, &Rules::default()));
        let hits = found.intersection(&truth).count();
        let precision = hits as f64 / found.len().max(1) as f64;
        let recall = hits as f64 / truth.len().max(1) as f64;
        println!(
            "{name}: precision {precision:.3} ({hits}/{}), recall {recall:.3} ({hits}/{})",
            found.len(),
            truth.len()
        );
        show("fp", &text, found.difference(&truth).copied());
        show("fn", &text, truth.difference(&found).copied());
        if let Some(&(_, min_p, min_r)) = FLOORS.iter().find(|f| f.0 == name)
            && (precision < min_p || recall < min_r)
        {
            failures.push(format!(
                "{name}: precision {precision:.3} (floor {min_p}), recall {recall:.3} (floor {min_r})"
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn sample_articles_and_interview() {
    let Some(dir) = corpus_dir() else { return };
    let text = std::fs::read_to_string(dir.join("sample-dump.txt")).expect("read sample");
    let dump = Dump::analyse(&text, &Rules::default());
    let starts: Vec<usize> = dump
        .articles
        .iter()
        .map(|a| a.headline().para.first_line + 1)
        .collect();
    assert_eq!(starts, [1, 21, 30, 50, 113, 145, 173]);

    let interview = &dump.articles[3];
    let headings: Vec<&str> = interview
        .blocks()
        .filter(|b| b.kind == BlockKind::SectionHeading)
        .map(|b| b.flat)
        .collect();
    assert_eq!(headings, ["Editor’s Note:"]);
    let questions: Vec<usize> = interview
        .blocks()
        .filter(|b| b.kind == BlockKind::Question)
        .map(|b| b.para.first_line + 1)
        .collect();
    assert_eq!(questions, [62, 73, 89, 95, 105]);
}
