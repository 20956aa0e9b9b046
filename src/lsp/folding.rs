//! `textDocument/foldingRange`: one range per article and one per interview answer.

use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeKind};

use super::documents::Snapshot;
use crate::analysis::BlockKind;

pub fn folding_ranges(snap: &Snapshot) -> Vec<FoldingRange> {
    let lines = &snap.dump.lines;
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize| {
        let (first, last) = (lines.line_of(start), lines.line_of(end));
        if last > first {
            out.push(FoldingRange {
                start_line: first as u32,
                end_line: last as u32,
                kind: Some(FoldingRangeKind::Region),
                ..FoldingRange::default()
            });
        }
    };
    for article in &snap.dump.articles {
        push(article.range().start, article.range().end);
        for (_, span) in article.spans_of(&[BlockKind::Answer]) {
            push(span.start, span.end);
        }
    }
    out
}
