//! `newsdump-ls outline`: the articles of each file, for people or (`--json`) machines.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::files::read_dump;
use crate::analysis::articles::OUTLINE_KINDS;
use crate::analysis::text::shorten;
use crate::analysis::{BlockKind, Dump, Rules};

pub fn run(files: &[PathBuf], as_json: bool) -> ExitCode {
    let rules = Rules::default();
    let mut ok = true;
    let mut outputs = Vec::new();
    for path in files {
        let text = match read_dump(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("newsdump-ls: {e}");
                ok = false;
                continue;
            }
        };
        let dump = Dump::outline_only(&text, &rules);
        let outline = outline_json(&dump);
        if as_json {
            outputs.push(json!({"file": path.display().to_string(), "articles": outline}));
        } else {
            out!("{}", render(&path.display().to_string(), &outline));
        }
    }
    if as_json {
        let out = serde_json::to_string_pretty(&outputs).expect("JSON of plain values");
        outln!("{out}");
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

/// The outline as JSON values with 1-based lines.
pub fn outline_json(dump: &Dump) -> Vec<Value> {
    let line = |offset: usize| dump.lines.line_of(offset) + 1;
    dump.articles
        .iter()
        .map(|a| {
            let children: Vec<Value> = a
                .spans_of(OUTLINE_KINDS)
                .map(|(b, span)| {
                    json!({
                        "kind": b.kind.name(),
                        "line": line(span.start),
                        "end_line": line(span.end),
                        "text": b.flat,
                    })
                })
                .collect();
            json!({
                "headline": a.headline().flat,
                "line": line(a.range().start),
                "end_line": line(a.range().end),
                "paragraphs": a.paragraph_count(),
                "captions": a.count(BlockKind::Caption),
                "summary": a.summary(),
                "children": children,
            })
        })
        .collect()
}

fn render(file: &str, outline: &[Value]) -> String {
    let mut out = format!("{file}: {} articles\n", outline.len());
    for a in outline {
        out += &format!(
            "{:>6}  {}  ({})\n",
            a["line"].as_u64().unwrap_or_default(),
            a["headline"].as_str().unwrap_or_default(),
            a["summary"].as_str().unwrap_or_default()
        );
        for c in a["children"].as_array().into_iter().flatten() {
            out += &format!(
                "{:>6}    {:<8} {}\n",
                c["line"].as_u64().unwrap_or_default(),
                c["kind"].as_str().unwrap_or_default(),
                shorten(c["text"].as_str().unwrap_or_default(), 90)
            );
        }
    }
    out
}
