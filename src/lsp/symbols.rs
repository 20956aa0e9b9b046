//! `textDocument/documentSymbol`: one symbol per article, with its captions, section
//! headings and interview questions as children.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

use super::documents::Snapshot;
use super::position::{Encoding, to_range};
use crate::analysis::articles::OUTLINE_KINDS;
use crate::analysis::text::shorten;
use crate::analysis::{Article, BlockKind, Dump};
use crate::parallel::in_parallel;

/// From this many articles on, kept symbols are copied out on all cores.
const PARALLEL_COPY: usize = 8192;

/// Outline names are one line and not too long to read in a side bar.
const NAME_CHARS: usize = 100;

/// The symbols made for a document's articles, by article id. An article an edit did
/// not touch keeps its id, so its symbol is reused, moved to the line the article starts
/// on now: its text, and so every column in it, is unchanged.
#[derive(Debug, Default)]
pub struct SymbolCache {
    encoding: Option<Encoding>,
    /// Counts outlines made.
    generation: u64,
    by_article: HashMap<u64, Kept>,
    /// The analysis the symbols are up to date with: asked again for its outline, as
    /// editors do while nothing changes, the cache only copies them out.
    made_for: Weak<Dump>,
}

#[derive(Debug)]
struct Kept {
    /// The last outline that used the symbol.
    used: u64,
    /// The line the article started on when the symbol was last moved.
    line: usize,
    symbol: DocumentSymbol,
}

impl SymbolCache {
    /// Moves the symbols kept for `dump`'s articles to the lines they start on now, and
    /// marks them used by a new outline.
    fn move_to(&mut self, dump: &Dump) {
        self.generation += 1;
        for a in &dump.articles {
            if let Some(kept) = self.by_article.get_mut(&a.id) {
                let line = a.headline().para.first_line;
                move_lines(&mut kept.symbol, line as i64 - kept.line as i64);
                kept.line = line;
                kept.used = self.generation;
            }
        }
    }

    /// Keeps the new ones of `symbols` (those of `dump`'s articles, in order) and drops
    /// the symbols of articles gone.
    fn keep(&mut self, dump: &Arc<Dump>, symbols: &[DocumentSymbol]) {
        for (a, symbol) in dump.articles.iter().zip(symbols) {
            self.by_article.entry(a.id).or_insert_with(|| Kept {
                used: self.generation,
                line: a.headline().para.first_line,
                symbol: symbol.clone(),
            });
        }
        let generation = self.generation;
        self.by_article.retain(|_, k| k.used == generation);
        self.made_for = Arc::downgrade(dump);
    }
}

pub fn document_symbols(snap: &Snapshot, enc: Encoding) -> Vec<DocumentSymbol> {
    let mut cache = snap.symbols.lock().unwrap_or_else(|e| e.into_inner());
    if cache.encoding != Some(enc) {
        *cache = SymbolCache {
            encoding: Some(enc),
            ..SymbolCache::default()
        };
    }
    let up_to_date = cache
        .made_for
        .upgrade()
        .is_some_and(|d| Arc::ptr_eq(&d, &snap.dump));
    if !up_to_date {
        cache.move_to(&snap.dump);
    }
    let articles = &snap.dump.articles;
    let kept = &cache.by_article;
    let copy = |chunk: &[Article]| -> Vec<DocumentSymbol> {
        chunk
            .iter()
            .map(|a| match kept.get(&a.id) {
                Some(k) => k.symbol.clone(),
                None => article_symbol(snap, a, enc),
            })
            .collect()
    };
    // Making a symbol converts positions: worth both cores when most are new. Copying a
    // kept one is cheap: below a few thousand, the threads' start and their contention
    // in the allocator cost more than they save.
    let symbols = if articles.len() >= PARALLEL_COPY || kept.len() < articles.len() / 2 {
        in_parallel(articles, copy)
    } else {
        copy(articles)
    };
    if !up_to_date {
        cache.keep(&snap.dump, &symbols);
    }
    symbols
}

/// The cache of one document, shared by its snapshots.
pub type SharedSymbolCache = std::sync::Arc<Mutex<SymbolCache>>;

fn move_lines(s: &mut DocumentSymbol, by: i64) {
    if by == 0 {
        return;
    }
    for r in [&mut s.range, &mut s.selection_range] {
        for p in [&mut r.start, &mut r.end] {
            p.line = (i64::from(p.line) + by) as u32;
        }
    }
    for child in s.children.iter_mut().flatten() {
        move_lines(child, by);
    }
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
        name(headline.flat),
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
