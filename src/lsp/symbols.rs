//! `textDocument/documentSymbol`: one symbol per article, with its captions, section
//! headings and interview questions as children.

use std::sync::{Arc, Mutex, Weak};

use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

use super::documents::Snapshot;
use super::position::{Encoding, to_range};
use crate::analysis::articles::OUTLINE_KINDS;
use crate::analysis::fast_hash::FastMap;
use crate::analysis::text::shorten;
use crate::analysis::{Article, BlockKind, Dump};
use crate::parallel::in_parallel;

/// Outline names are one line and not too long to read in a side bar.
const NAME_CHARS: usize = 100;

/// The symbols made for a document's articles, as JSON, by article id. An article an
/// edit did not touch keeps its id and its text, so its symbol differs at most in the
/// lines it spans, which move with the article: each is kept as JSON with the line
/// numbers left out, and written out with them filled in for where the article starts.
/// An outline is then put together, not made and written again after every edit.
#[derive(Debug, Default)]
pub struct SymbolCache {
    encoding: Option<Encoding>,
    /// Counts outlines made.
    generation: u64,
    by_article: FastMap<u64, Kept>,
    /// The length of the last outline written, to size the next one.
    written: usize,
    /// The analysis the symbols are up to date with: asked again for its outline, as
    /// editors do while nothing changes, the cache only writes them out.
    made_for: Weak<Dump>,
}

#[derive(Debug)]
struct Kept {
    /// The last outline that used the symbol.
    used: u64,
    symbol: Template,
}

/// A symbol's JSON without its line numbers, and where they go.
#[derive(Debug)]
struct Template {
    json: Box<[u8]>,
    /// Where each line number goes in `json`, and the number, for an article starting on
    /// line `base`.
    lines: Box<[(u32, u32)]>,
    base: u32,
}

impl Template {
    /// Position objects are the only place the key occurs: a quote inside a string is
    /// escaped.
    const LINE: &'static [u8] = br#"{"line":"#;

    fn new(symbol: &DocumentSymbol, base: u32) -> Template {
        // Plain data: writing it cannot fail.
        let whole = serde_json::to_vec(symbol).unwrap_or_default();
        let mut json = Vec::with_capacity(whole.len());
        let mut lines = Vec::new();
        let mut from = 0;
        while let Some(at) = whole[from..]
            .windows(Self::LINE.len())
            .position(|w| w == Self::LINE)
        {
            let number = from + at + Self::LINE.len();
            json.extend_from_slice(&whole[from..number]);
            let digits = whole[number..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let line = std::str::from_utf8(&whole[number..number + digits])
                .ok()
                .and_then(|d| d.parse().ok())
                .unwrap_or(0);
            lines.push((json.len() as u32, line));
            from = number + digits;
        }
        json.extend_from_slice(&whole[from..]);
        Template {
            json: json.into(),
            lines: lines.into(),
            base,
        }
    }

    /// Writes the symbol for its article starting on line `base`.
    fn write(&self, base: u32, out: &mut Vec<u8>) {
        let mut from = 0;
        for &(at, line) in &self.lines {
            out.extend_from_slice(&self.json[from..at as usize]);
            let moved = i64::from(line) - i64::from(self.base) + i64::from(base);
            write_number(moved.clamp(0, u32::MAX.into()) as u32, out);
            from = at as usize;
        }
        out.extend_from_slice(&self.json[from..]);
    }
}

/// `n` in decimal: the formatting machinery would take most of an outline's time.
fn write_number(mut n: u32, out: &mut Vec<u8>) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// The line an article starts on, as LSP counts lines.
fn base(a: &Article) -> u32 {
    u32::try_from(a.first_line()).unwrap_or(u32::MAX)
}

/// The outline of `snap`, as the JSON of `textDocument/documentSymbol`'s answer.
pub fn document_symbols_json(snap: &Snapshot, enc: Encoding) -> Vec<u8> {
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
        let mut missing = Vec::new();
        for a in articles {
            match cache.by_article.get_mut(&a.id) {
                Some(kept) => kept.used = generation,
                None => missing.push(a),
            }
        }
        // Making a symbol converts positions: on all cores when there are many.
        let made = in_parallel(&missing, |chunk| {
            chunk
                .iter()
                .map(|a| (a.id, Template::new(&article_symbol(snap, a, enc), base(a))))
                .collect()
        });
        for (id, symbol) in made {
            cache.by_article.insert(
                id,
                Kept {
                    used: generation,
                    symbol,
                },
            );
        }
        cache.by_article.retain(|_, k| k.used == generation);
        cache.made_for = Arc::downgrade(&snap.dump);
    }
    let mut out = Vec::with_capacity(cache.written + cache.written / 16);
    out.push(b'[');
    // Every article has its symbol by now; the test keeps the JSON whole regardless.
    for (a, kept) in articles
        .iter()
        .filter_map(|a| Some((a, cache.by_article.get(&a.id)?)))
    {
        if out.len() > 1 {
            out.push(b',');
        }
        kept.symbol.write(base(a), &mut out);
    }
    out.push(b']');
    cache.written = out.len();
    out
}

/// The outline of `snap` as protocol values, for the typed paths (tower-lsp-server's
/// handler, tests).
pub fn document_symbols(snap: &Snapshot, enc: Encoding) -> Vec<DocumentSymbol> {
    serde_json::from_slice(&document_symbols_json(snap, enc)).unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::{Position, Range};

    use super::*;

    fn lines(from: u32, to: u32) -> Range {
        Range::new(Position::new(from, 0), Position::new(to, 4))
    }

    /// A kept symbol written for an article that moved reads as the symbol made there.
    #[test]
    fn a_template_moves_its_lines() {
        let at = |base: u32| {
            let child = symbol(
                r#"Caption {"line":7} “quoted” 😀"#.into(),
                Some("caption".into()),
                SymbolKind::FIELD,
                lines(base + 2, base + 2),
                lines(base + 2, base + 2),
                None,
            );
            symbol(
                "Harbour opens".into(),
                None,
                SymbolKind::STRING,
                lines(base, base + 9),
                lines(base, base),
                Some(vec![child]),
            )
        };
        let template = Template::new(&at(10), 10);
        assert_eq!(template.lines.len(), 8);
        for base in [0, 10, 15, 123_456] {
            let mut out = Vec::new();
            template.write(base, &mut out);
            assert_eq!(
                out,
                serde_json::to_vec(&at(base)).unwrap(),
                "at line {base}"
            );
        }
    }
}
