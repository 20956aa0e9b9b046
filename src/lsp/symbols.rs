//! `textDocument/documentSymbol`: one symbol per article, with its captions, section
//! headings and interview questions as children.

use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

use super::documents::Snapshot;
use super::position::{Encoding, to_range};
use crate::analysis::articles::OUTLINE_KINDS;
use crate::analysis::text::shorten;
use crate::analysis::{Article, BlockKind};

/// Outline names are one line and not too long to read in a side bar.
const NAME_CHARS: usize = 100;

pub fn document_symbols(snap: &Snapshot, enc: Encoding) -> Vec<DocumentSymbol> {
    snap.dump
        .articles
        .iter()
        .map(|a| article_symbol(snap, a, enc))
        .collect()
}

#[allow(deprecated)] // `deprecated` is a required field of the struct.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: tower_lsp_server::ls_types::Range,
    selection_range: tower_lsp_server::ls_types::Range,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children,
    }
}

fn article_symbol(snap: &Snapshot, article: &Article, enc: Encoding) -> DocumentSymbol {
    let rope = &snap.rope;
    let headline = article.headline();
    let children: Vec<DocumentSymbol> = article
        .spans_of(OUTLINE_KINDS)
        .map(|(b, span)| {
            let kind = match b.kind {
                BlockKind::Caption => SymbolKind::FIELD,
                BlockKind::SectionHeading => SymbolKind::NAMESPACE,
                _ => SymbolKind::EVENT,
            };
            symbol(
                name(b.flat.trim_end_matches(':')),
                Some(b.kind.name().to_string()),
                kind,
                to_range(rope, span, enc),
                to_range(rope, b.para.start..b.para.end, enc),
                None,
            )
        })
        .collect();
    symbol(
        name(&headline.flat),
        Some(article.summary()),
        SymbolKind::STRING,
        to_range(rope, article.range(), enc),
        to_range(rope, headline.para.start..headline.para.end, enc),
        Some(children),
    )
}

/// A symbol name: one line, not too long for a side bar, never empty.
fn name(s: &str) -> String {
    if s.is_empty() {
        "(empty)".to_string()
    } else {
        shorten(s, NAME_CHARS)
    }
}
