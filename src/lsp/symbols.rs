//! `textDocument/documentSymbol`: one symbol per article, with its captions, section
//! headings and interview questions as children.

use std::sync::{Arc, Mutex, Weak};

use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

use super::documents::Snapshot;
use super::json::{Json, Piece};
use super::placed::Placed;
use super::position::Encoding;
use crate::analysis::articles::OUTLINE_KINDS;
use crate::analysis::fast_hash::FastMap;
use crate::analysis::text::shorten;
use crate::analysis::{Article, BlockKind, Dump};
use crate::parallel::in_parallel_for_answers;

/// Outline names are one line and not too long to read in a side bar.
const NAME_CHARS: usize = 100;

/// The symbols made for a document's articles, as JSON, by article id. An article an
/// edit did not touch keeps its id and its text, so its symbol differs at most in the
/// lines it spans, which move with the article: each is kept as the JSON written for
/// where the article was, with the places of its line numbers, and goes out with its
/// lines moved when the article moved to other lines. An outline is then a list of kept
/// pieces (see [`Json`]), not made again after every edit, even a line typed above
/// every article.
#[derive(Debug, Default)]
pub struct SymbolCache {
    encoding: Option<Encoding>,
    /// Counts outlines made.
    generation: u64,
    by_article: FastMap<u64, Kept>,
    /// The analysis the symbols are up to date with: asked again for its outline, as
    /// editors do while nothing changes, the cache only lists them.
    made_for: Weak<Dump>,
}

#[derive(Debug)]
struct Kept {
    /// The last outline that used the symbol.
    used: u64,
    /// The JSON of `symbol`, here too: listing the outline reads only this, for the
    /// articles that did not move.
    json: Arc<[u8]>,
    symbol: Arc<Placed>,
    /// The line its article starts on.
    base: u32,
}

/// The line an article starts on, as LSP counts lines.
fn base(a: &Article) -> u32 {
    u32::try_from(a.first_line()).unwrap_or(u32::MAX)
}

/// The outline of `snap`, as the JSON of `textDocument/documentSymbol`'s answer.
pub fn document_symbols_json(snap: &Snapshot, enc: Encoding) -> Json {
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
    let articles = &snap.dump.articles;
    if !up_to_date {
        cache.generation += 1;
        let generation = cache.generation;
        let cache = &mut *cache;
        let mut missing = Vec::new();
        for a in articles {
            match cache.by_article.get_mut(&a.id) {
                Some(kept) => kept.used = generation,
                None => missing.push(a),
            }
        }
        let made = in_parallel_for_answers(&missing, |chunk| {
            chunk
                .iter()
                .map(|a| {
                    // Plain data: writing it cannot fail.
                    let json = serde_json::to_vec(&article_symbol(snap, a, enc));
                    (
                        a.id,
                        Arc::new(Placed::new(json.unwrap_or_default(), None)),
                        base(a),
                    )
                })
                .collect::<Vec<_>>()
        });
        for (id, symbol, base) in made {
            cache.by_article.insert(
                id,
                Kept {
                    used: generation,
                    json: symbol.json.clone(),
                    symbol,
                    base,
                },
            );
        }
        cache.by_article.retain(|_, k| k.used == generation);
        cache.made_for = Arc::downgrade(&snap.dump);
    }
    // Every article has its symbol by now; `filter_map` keeps the JSON whole regardless.
    Json::array(articles.iter().filter_map(|a| {
        let kept = cache.by_article.get(&a.id)?;
        Some(match i64::from(base(a)) - i64::from(kept.base) {
            0 => Piece::Kept(kept.json.clone()),
            by => Piece::Shifted(kept.symbol.clone(), by),
        })
    }))
}

/// The outline of `snap` as protocol values, for the typed paths (tower-lsp-server's
/// handler, tests).
pub fn document_symbols(snap: &Snapshot, enc: Encoding) -> Vec<DocumentSymbol> {
    serde_json::from_slice(&document_symbols_json(snap, enc).to_vec()).unwrap_or_default()
}

/// The cache of one document, shared by its snapshots.
pub type SharedSymbolCache = std::sync::Arc<Mutex<SymbolCache>>;

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
                snap.range(span, enc),
                snap.range(b.para.start..b.para.end, enc),
                None,
            )
        })
        .collect();
    symbol(
        name(headline.flat),
        Some(article.summary()),
        SymbolKind::STRING,
        snap.range(article.range(), enc),
        snap.range(headline.para.start..headline.para.end, enc),
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

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::{Position, Range};

    use super::*;

    fn lines(from: u32, to: u32) -> Range {
        Range::new(Position::new(from, 0), Position::new(to, 4))
    }

    /// A kept symbol moved with its article reads as the symbol made there.
    #[test]
    fn a_kept_symbol_moves_its_lines() {
        let at = |base: u32| {
            let child = symbol(
                r#"Caption {"line":7} “quoted” 😀"#.into(),
                Some("caption".into()),
                SymbolKind::FIELD,
                lines(base + 2, base + 2),
                lines(base + 2, base + 2),
                None,
            );
            let article = symbol(
                "Harbour opens".into(),
                None,
                SymbolKind::STRING,
                lines(base, base + 9),
                lines(base, base),
                Some(vec![child]),
            );
            serde_json::to_vec(&article).unwrap()
        };
        let kept = Placed::new(at(10), None);
        assert_eq!(kept.line_count(), 8);
        // Moved again and again, as edits move an article, through numbers of other lengths.
        let (mut moved, mut from) = (kept, 10);
        for to in [0, 10, 15, 123_456, 9, 99_999, 100_000, 3] {
            moved = moved.moved(|l| l - from + to);
            from = to;
            assert_eq!(*moved.json, *at(to), "at line {to}");
        }
    }
}
