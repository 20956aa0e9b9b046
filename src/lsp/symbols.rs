//! `textDocument/documentSymbol`: one symbol per article, with its captions, section
//! headings and interview questions as children.

use std::sync::{Arc, Mutex};

use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

use super::documents::Snapshot;
use super::json::{Json, Piece};
use super::placed::Placed;
use super::position::Encoding;
use crate::analysis::articles::OUTLINE_KINDS;
use crate::analysis::fast_hash::FastMap;
use crate::analysis::text::shorten;
use crate::analysis::{Article, BlockKind};
use crate::parallel::in_parallel_for_answers;

/// Outline names are one line and not too long to read in a side bar.
const NAME_CHARS: usize = 100;

/// The last outline of a document, kept in runs of articles, each run's symbols as one
/// piece of JSON with the places of its line numbers. An article keeps its id as edits
/// move it, and its text: an outline asked for after an edit reuses every run whose
/// articles are the same and moved by as many lines, written with its lines moved if
/// they did, and makes again only the runs of the articles the edit rebuilt. On a
/// 50 MB dump that is a list of about a thousand pieces and one run made, not a piece
/// for each of sixteen thousand articles.
#[derive(Debug, Default)]
pub struct SymbolCache {
    encoding: Option<Encoding>,
    /// In the order of the outline.
    runs: Vec<Run>,
    /// The newest article in the runs: articles are numbered as they are made, so a
    /// run that starts with a newer one is new.
    newest: u64,
}

#[derive(Debug)]
struct Run {
    /// The id of its first article, here as well: looking a run up reads no list.
    first: u64,
    /// Each article's id, and the line it started on when the run was made.
    articles: Box<[(u64, u32)]>,
    /// The symbols, separated by commas.
    json: Arc<Placed>,
}

/// A run ends after an article whose id is one less than a multiple of this, or before
/// one whose id does not follow. Articles are numbered as they are made, and an
/// article's id never changes: the articles an edit rebuilt make runs of their own, and
/// the runs elsewhere stay as they were however many articles the edit added or
/// removed. Small, as the runs of the articles an edit rebuilt are written again in
/// full.
const RUN: u64 = 16;

/// The line an article starts on, as LSP counts lines.
fn base(a: &Article) -> u32 {
    u32::try_from(a.first_line()).unwrap_or(u32::MAX)
}

/// The articles cut into runs (see [`RUN`]).
fn runs(articles: &[Article]) -> impl Iterator<Item = &[Article]> {
    let mut rest = articles;
    std::iter::from_fn(move || {
        let len = rest
            .windows(2)
            .position(|w| w[0].id % RUN == RUN - 1 || w[1].id != w[0].id.wrapping_add(1))
            .map_or(rest.len(), |i| i + 1);
        let (run, after) = rest.split_at(len);
        rest = after;
        (!run.is_empty()).then_some(run)
    })
}

impl Run {
    /// The run of `articles`, its symbols written now.
    fn new(snap: &Snapshot, articles: &[Article], enc: Encoding) -> Run {
        let mut json = Vec::new();
        for (k, a) in articles.iter().enumerate() {
            if k > 0 {
                json.push(b',');
            }
            // Plain data: writing it cannot fail.
            let _ = serde_json::to_writer(&mut json, &article_symbol(snap, a, enc));
        }
        Run {
            first: articles.first().map_or(0, |a| a.id),
            articles: articles.iter().map(|a| (a.id, base(a))).collect(),
            json: Arc::new(Placed::new(json, None)),
        }
    }

    /// How many lines its articles moved since it was made, if they are `articles` and
    /// all moved alike.
    fn moved(&self, articles: &[Article]) -> Option<i64> {
        let by = i64::from(base(articles.first()?)) - i64::from(self.articles.first()?.1);
        let same = self.articles.len() == articles.len()
            && articles
                .iter()
                .zip(self.articles.iter())
                .all(|(a, &(id, b))| a.id == id && i64::from(base(a)) - i64::from(b) == by);
        same.then_some(by)
    }

    fn piece(&self, by: i64) -> Piece {
        match by {
            0 => Piece::Kept(self.json.json.clone()),
            by => Piece::Shifted(self.json.clone(), by),
        }
    }
}

/// The runs of the last outline, taken as the next one finds them again.
struct Kept {
    runs: Vec<Option<Run>>,
    newest: u64,
    /// Where to look first: the runs of an outline come in the order of the last one,
    /// less those of articles gone.
    next: usize,
    /// Where each run is, by its first article's id: made when a run is not near.
    by_first: Option<FastMap<u64, usize>>,
}

/// How many runs the next one is looked for in before the map is made.
const LOOK_AHEAD: usize = 4;

impl Kept {
    fn new(runs: Vec<Run>, newest: u64) -> Kept {
        Kept {
            runs: runs.into_iter().map(Some).collect(),
            newest,
            next: 0,
            by_first: None,
        }
    }

    /// The run of `articles`, and how many lines they moved since it was made, if it
    /// is kept and they all moved alike.
    fn take(&mut self, articles: &[Article]) -> Option<(i64, Run)> {
        let first = articles.first()?.id;
        if first > self.newest {
            return None;
        }
        let is_first = |r: &Option<Run>| r.as_ref().is_some_and(|r| r.first == first);
        let near = (self.next..self.runs.len().min(self.next + LOOK_AHEAD))
            .find(|&i| is_first(&self.runs[i]));
        let at = match near {
            Some(at) => at,
            None => {
                let runs = &self.runs;
                let by_first = self.by_first.get_or_insert_with(|| {
                    runs.iter()
                        .enumerate()
                        .filter_map(|(i, r)| Some((r.as_ref()?.first, i)))
                        .collect()
                });
                *by_first.get(&first)?
            }
        };
        self.next = at + 1;
        let run = self.runs[at].take()?;
        Some((run.moved(articles)?, run))
    }
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
    let mut old = Kept::new(std::mem::take(&mut cache.runs), cache.newest);
    let mut pieces: Vec<Option<Piece>> = Vec::new();
    let mut now: Vec<Option<Run>> = Vec::new();
    // The runs to make again, and where they go.
    let mut remade: Vec<(usize, &[Article])> = Vec::new();
    for run in runs(&snap.dump.articles) {
        let kept = old.take(run);
        if kept.is_none() {
            remade.push((pieces.len(), run));
        }
        pieces.push(kept.as_ref().map(|(by, k)| k.piece(*by)));
        now.push(kept.map(|(_, k)| k));
    }
    let made = in_parallel_for_answers(&remade, |chunk| {
        chunk
            .iter()
            .map(|&(at, run)| (at, Run::new(snap, run, enc)))
            .collect::<Vec<_>>()
    });
    let mut made_newest = 0;
    for (at, run) in made {
        made_newest = run.articles.iter().fold(made_newest, |n, a| n.max(a.0));
        pieces[at] = Some(run.piece(0));
        now[at] = Some(run);
    }
    cache.runs = now.into_iter().flatten().collect();
    cache.newest = cache.newest.max(made_newest);
    Json::array(pieces.into_iter().flatten())
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
    use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

    use super::*;
    use crate::analysis::Rules;
    use crate::lsp::documents::Documents;

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

    /// Deleting most articles in one edit: the outline is the one made afresh, and the
    /// runs after the deletion, far past where the next run was looked for, are kept
    /// and written with their lines moved.
    #[test]
    fn runs_far_past_an_edit_are_kept_and_moved() {
        let copy = include_str!("../../examples/sample.newsdump");
        let text = copy.repeat(40);
        // 90 articles: more runs than are looked through before the map is made.
        let (from, to) = (5 * copy.len(), 35 * copy.len());
        let line = |at: usize| text[..at].matches('\n').count() as u32;
        let (rules, enc) = (Arc::new(Rules::default()), Encoding::Utf16);
        let outline = |docs: &Documents, uri: &Uri| {
            let snap = docs.snapshot(uri, &rules, usize::MAX).expect("open");
            let json = document_symbols_json(&snap, enc).to_vec();
            let last = snap
                .symbols
                .lock()
                .unwrap()
                .runs
                .last()
                .map(|r| r.json.clone());
            (json, last.expect("runs"))
        };
        let uri: Uri = "file:///dump.txt".parse().unwrap();
        let docs = Documents::default();
        docs.open(uri.clone(), &text, 1);
        let (_, last_before) = outline(&docs, &uri);
        let deleted = TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(line(from), 0),
                Position::new(line(to), 0),
            )),
            range_length: None,
            text: String::new(),
        };
        docs.change(&uri, 2, &[deleted], enc);
        let (json, last_after) = outline(&docs, &uri);
        let afresh = Documents::default();
        afresh.open(uri.clone(), &format!("{}{}", &text[..from], &text[to..]), 1);
        assert_eq!(
            String::from_utf8(json).unwrap(),
            String::from_utf8(outline(&afresh, &uri).0).unwrap()
        );
        assert!(Arc::ptr_eq(&last_before, &last_after));
    }
}
