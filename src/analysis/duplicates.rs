//! Duplicated captions. Scrapers pick a caption up twice (alt text and figure caption),
//! so a caption often stands twice in a row, identical or nearly so. Each second copy
//! becomes a finding pointing at the first, with fixes that remove one copy.
//!
//! - Identical copies (same text up to trailing white space) in one article:
//!   `duplicate-caption`.
//! - Near copies in one article: `near-duplicate-caption`. They are compared on their
//!   descriptions (the credit left out, so two photos that only share `Photo: Xinhua` are
//!   not copies), as normalised words: case folded, typographic quotes made straight,
//!   month abbreviations spelled out, punctuation at word ends dropped. Two descriptions
//!   are copies when their similarity (Dice coefficient over the longest common
//!   subsequence of words, `2·common / (words₁ + words₂)`) reaches
//!   [`NEAR_DUPLICATE_SIMILARITY`].
//! - The same caption in two articles is a photo used twice, not a scraping accident:
//!   `reused-caption`, for information, without a fix.
//!
//! Credit-only captions (`Illustration: Chen Xia/GT`) say nothing about their photo: a
//! pair of them standing next to each other is a copy, but a longer run is a gallery of
//! photos with one credit, and two in different articles are two photos.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use super::articles::{Article, BlockKind};
use super::captions::split_credit;
use super::findings::{Edit, Finding, Fix, Message, Related, Severity};
use super::rules::Rules;
use super::source::Source;
use super::text::{LineIndex, Paragraph, is_space};

pub const DUPLICATE: &str = "duplicate-caption";
pub const NEAR_DUPLICATE: &str = "near-duplicate-caption";
pub const REUSED: &str = "reused-caption";

/// From this similarity on, two descriptions in one article are copies of one caption:
/// one word in five may differ (`Feb.` → `February` and case do not count as
/// differences, they are normalised away). Two photos of a series
/// (`China's Lin Shidong in action.` / `China's Wang Manyu in action.`) stay below it.
pub const NEAR_DUPLICATE_SIMILARITY: f64 = 0.8;

/// How many earlier captions of the article a caption is compared with for near copies.
/// Copies stand close together; the bound keeps long galleries linear.
const NEAR_WINDOW: usize = 16;

/// At most this many word changes are spelled out in a message.
const MAX_CHANGES_SHOWN: usize = 5;

/// One article's captions compared among themselves: which caption copies which (by block
/// index), the word changes of near copies, and the normalised key each caption would be
/// reused under. No absolute offsets, no line numbers: an edit before the article moves it
/// but leaves its scan valid.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleCaptions {
    /// In block order: each caption that copies an earlier one, and each other caption
    /// with a description.
    entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    /// Block `block` copies block `first` of the same article.
    Copy {
        block: usize,
        first: usize,
        change: Change,
    },
    /// Block `block` is no copy; a caption elsewhere with the same key is a reused photo.
    Original { block: usize, key: ReuseKey },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    Identical,
    WhiteSpace,
    /// The word changes from the first copy, as the message spells them out.
    Words(String),
}

/// The normalised words of a description joined by spaces (words hold no white space, so
/// the join is unambiguous), with its hash computed once in the scan so that the join only
/// hashes a `u64`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ReuseKey {
    hash: u64,
    words: String,
}

impl ReuseKey {
    fn new(words: &[String]) -> ReuseKey {
        let words = words.join(" ");
        // `DefaultHasher::new` has fixed keys: equal words hash alike in every scan.
        let mut hasher = DefaultHasher::new();
        words.hash(&mut hasher);
        ReuseKey {
            hash: hasher.finish(),
            words,
        }
    }
}

impl Hash for ReuseKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

struct Caption<'a> {
    /// Index of the caption's block in its article.
    block: usize,
    flat: &'a str,
    /// The paragraph's text with trailing white space cut from each line.
    exact: String,
    /// Normalised words of the description (the caption without its credit).
    words: Vec<String>,
    credit_only: bool,
}

impl ArticleCaptions {
    /// `article`'s blocks hold absolute paragraphs into `text`; the result is the same
    /// wherever the article sits (it reads block indices and text slices only).
    pub fn scan<'t>(
        text: impl Into<Source<'t>>,
        article: &Article,
        rules: &Rules,
    ) -> ArticleCaptions {
        let mut reader = text.into().reader(article.range());
        let captions: Vec<Caption<'_>> = article
            .blocks()
            .enumerate()
            .filter(|(_, b)| b.kind == BlockKind::Caption)
            .map(|(block, b)| {
                let words = normalised_words(split_credit(b.flat, rules).description);
                Caption {
                    block,
                    flat: b.flat,
                    exact: exact_text(reader.get(b.para.range())),
                    credit_only: words.is_empty(),
                    words,
                }
            })
            .collect();
        let mut entries = Vec::new();
        let mut first_exact: HashMap<&str, usize> = HashMap::new();
        let mut originals: Vec<usize> = Vec::new();
        for (i, c) in captions.iter().enumerate() {
            let twin = if c.credit_only {
                (i > 0 && lone_adjacent_pair(&captions, i - 1)).then(|| i - 1)
            } else {
                first_exact.get(c.exact.as_str()).copied()
            };
            let near = || {
                originals
                    .iter()
                    .rev()
                    .take(NEAR_WINDOW)
                    .copied()
                    .find(|&o| near_copies(&captions[o], c))
            };
            let copy = match twin {
                Some(o) => Some((o, Change::Identical)),
                None => near().map(|o| {
                    let first = captions[o].flat;
                    let change = if first == c.flat {
                        Change::WhiteSpace
                    } else {
                        Change::Words(describe_changes(first, c.flat))
                    };
                    (o, change)
                }),
            };
            if let Some((o, change)) = copy {
                entries.push(Entry::Copy {
                    block: c.block,
                    first: captions[o].block,
                    change,
                });
                continue;
            }
            first_exact.entry(c.exact.as_str()).or_insert(i);
            originals.push(i);
            if !c.credit_only {
                entries.push(Entry::Original {
                    block: c.block,
                    key: ReuseKey::new(&c.words),
                });
            }
        }
        ArticleCaptions { entries }
    }
}

/// All caption findings of the dump, in document order, from the per-article scans
/// (`scans[i]` belongs to `articles[i]`). Messages (line numbers), ranges, related
/// information and fixes come from the current `articles` and `lines`; the join of
/// captions across articles (`reused-caption`) happens here.
pub fn join<'t>(
    text: impl Into<Source<'t>>,
    lines: &LineIndex,
    articles: &[Article],
    scans: &[&ArticleCaptions],
) -> Vec<Finding> {
    debug_assert_eq!(scans.len(), articles.len(), "one scan per article");
    let text = text.into();
    let mut out = Vec::new();
    // First use of each caption with a description, across articles: (article, block).
    let mut first_use: HashMap<&ReuseKey, (usize, usize)> = HashMap::new();
    for (a, scan) in scans.iter().enumerate() {
        article_findings(text, lines, articles, a, scan, &mut out, |key, block| {
            *first_use.entry(key).or_insert((a, block))
        });
    }
    out
}

/// The reuse keys an article's captions hold, hashed (see [`rejoin`]).
pub fn reuse_keys(scan: &ArticleCaptions) -> impl Iterator<Item = u64> + '_ {
    scan.entries.iter().filter_map(|e| match e {
        Entry::Original { key, .. } => Some(key.hash),
        Entry::Copy { .. } => None,
    })
}

/// The caption join brought up to date after an edit that changed the articles of
/// `spans` (ranges of indices into `articles`, in order, apart; `scan(i)` is the scan of
/// article `i`), without joining the others again. `findings` holds the join's
/// findings from before the edit, those of the spans' articles taken out and the
/// others moved into the current text; `gone` holds the reuse keys the spans' articles
/// had before the edit (see [`reuse_keys`]).
///
/// A span must hold every article whose copies read what the edit changed: a copy's
/// findings read its own article and the headline after it. Outside the spans, the edit
/// changes only `reused-caption` findings, and only those of the keys the spans held
/// before or hold now: their first use may have moved into or out of a span. Those keys
/// are looked up in every article's scan, which compares hashes only.
pub fn rejoin<'a, 't>(
    text: impl Into<Source<'t>>,
    lines: &LineIndex,
    articles: &[Article],
    scan: impl Fn(usize) -> &'a ArticleCaptions,
    spans: &[Range<usize>],
    gone: impl IntoIterator<Item = u64>,
    findings: &mut Vec<Finding>,
) -> Rejoined {
    let text = text.into();
    let in_spans = || spans.iter().flat_map(|s| s.clone());
    let mut keys: HashSet<u64> = gone.into_iter().collect();
    keys.extend(in_spans().flat_map(|a| reuse_keys(scan(a))));
    // Every use of those keys, in document order, and the first of each.
    let mut uses = Vec::new();
    if !keys.is_empty() {
        for a in 0..articles.len() {
            for entry in &scan(a).entries {
                if let Entry::Original { block, key } = entry
                    && keys.contains(&key.hash)
                {
                    uses.push((a, *block, key));
                }
            }
        }
    }
    let mut first_use: HashMap<&ReuseKey, (usize, usize)> = HashMap::new();
    for &(a, block, key) in &uses {
        first_use.entry(key).or_insert((a, block));
    }
    // The spans' findings, merged in where their articles start.
    let mut made: Vec<Finding> = Vec::new();
    let mut counts = Vec::with_capacity(spans.len());
    for span in spans {
        let from = made.len();
        for a in span.clone() {
            article_findings(text, lines, articles, a, scan(a), &mut made, |key, _| {
                first_use[key]
            });
        }
        counts.push(made.len() - from);
    }
    let mut rejoined = Rejoined {
        made: counts,
        changed_others: false,
    };
    let kept = std::mem::take(findings);
    findings.reserve(kept.len() + made.len());
    let mut made = made.into_iter().peekable();
    for f in kept {
        while let Some(m) = made.next_if(|m| m.range().start < f.range().start) {
            findings.push(m);
        }
        findings.push(f);
    }
    findings.extend(made);
    // The uses outside the spans; their findings stand in order of their paragraphs.
    let outside = |a: usize| !spans.iter().any(|s| s.contains(&a));
    for &(a, block, key) in uses.iter().filter(|u| outside(u.0)) {
        let start = articles[a].block(block).para.start;
        let i = findings.partition_point(|f| f.range().start < start);
        let had = findings.get(i).is_some_and(|f| f.range().start == start);
        debug_assert!(!had || findings[i].code == REUSED, "{:?}", findings[i]);
        match (had, reused_finding(articles, first_use[key], (a, block))) {
            (true, Some(f)) if f != findings[i] => findings[i] = f,
            (true, Some(_)) | (false, None) => continue,
            (true, None) => {
                findings.remove(i);
            }
            (false, Some(f)) => findings.insert(i, f),
        }
        rejoined.changed_others = true;
    }
    rejoined
}

/// What [`rejoin`] changed.
pub struct Rejoined {
    /// How many findings each span's articles hold now.
    pub made: Vec<usize>,
    /// Whether it made, or took out, a finding outside the spans: one whose first use
    /// moved into or out of them.
    pub changed_others: bool,
}

/// Article `a`'s findings from its scan, in block order, pushed to `out`: its copies',
/// and its reused photos', `first_use(key, block)` telling where the caption of `block`
/// was first used, as (article, block).
fn article_findings<'s>(
    text: Source<'_>,
    lines: &LineIndex,
    articles: &[Article],
    a: usize,
    scan: &'s ArticleCaptions,
    out: &mut Vec<Finding>,
    mut first_use: impl FnMut(&'s ReuseKey, usize) -> (usize, usize),
) {
    for entry in &scan.entries {
        match entry {
            Entry::Copy {
                block,
                first,
                change,
            } => out.push(copy_finding(
                text, lines, articles, a, *first, *block, change,
            )),
            Entry::Original { block, key } => {
                out.extend(reused_finding(
                    articles,
                    first_use(key, *block),
                    (a, *block),
                ));
            }
        }
    }
}

/// The finding for block `block` of article `a`, a reused photo first used in block
/// `first.1` of article `first.0`; none in that article itself (the first use, or the
/// caption again outside the near-copy window: not a reused photo).
fn reused_finding(
    articles: &[Article],
    first: (usize, usize),
    (a, block): (usize, usize),
) -> Option<Finding> {
    if first.0 == a {
        return None;
    }
    let first = articles[first.0].block(first.1).para;
    let para = articles[a].block(block).para;
    Some(Finding::new(
        REUSED,
        Severity::Information,
        Message::citing_line(
            "same caption as line ",
            ", in another article (a reused photo)",
        ),
        para.start..para.end,
        vec![Related {
            range: first.start..first.end,
            message: "first use".to_string(),
        }],
        Vec::new(),
    ))
}

/// What [`join`] reads of some articles: for each caption entry, what it says (without
/// block indices) and how the lines fall for the paragraphs its finding is made of: for
/// a copy, around it and its first copy; for a caption that copies none, its own span.
/// An edited stretch of articles that reads as it did gives the same findings, moved
/// (as long as none of those findings reads an edited byte; see `Dump::update`): a
/// finding's ranges and removals are bytes from the paragraph before a copy to the one
/// after it, and the lines between those paragraphs decide how a removal is made. A
/// reused caption's ranges are its paragraph and that of its first use: a line typed
/// next to one, joining it, reads no byte of the finding but grows its range.
/// Where the copies stand, and paragraphs typed into, split or joined elsewhere, leave
/// this as it is, unlike the articles' blocks.
pub fn join_reads<'a>(
    articles: &'a [Article],
    scans: impl Iterator<Item = &'a ArticleCaptions>,
) -> Vec<Vec<EntryRead<'a>>> {
    articles
        .iter()
        .zip(scans)
        .map(|(article, scan)| {
            // A caption is never an article's first block: the paragraph before it is in
            // the article. Past the last block, the next headline is outside the
            // articles compared: a line typed between them would be typed into what the
            // removal reads.
            let around = |b: usize| {
                let p = article.block(b).para;
                let before = article.block(b - 1).para;
                let after = (b + 1 < article.block_count()).then(|| article.block(b + 1).para);
                Around {
                    after_before: p.first_line - before.last_line,
                    spans: p.last_line - p.first_line,
                    before_after: after.map(|a| a.first_line - p.last_line),
                }
            };
            scan.entries
                .iter()
                .map(|entry| match entry {
                    Entry::Copy {
                        block,
                        first,
                        change,
                    } => EntryRead(Read::Copy(change, [around(*block), around(*first)])),
                    Entry::Original { block, key } => {
                        let p = article.block(*block).para;
                        EntryRead(Read::Original(key, p.last_line - p.first_line))
                    }
                })
                .collect()
        })
        .collect()
}

/// One caption entry as [`join_reads`] gives it.
#[derive(Debug, PartialEq)]
pub struct EntryRead<'a>(Read<'a>);

#[derive(Debug, PartialEq)]
enum Read<'a> {
    /// A copy: what changed, and how the lines fall around the caption and around its
    /// first copy.
    Copy(&'a Change, [Around; 2]),
    /// A caption that copies none: the key its reuses are found by, and the lines its
    /// paragraph spans past its first.
    Original(&'a ReuseKey, usize),
}

/// How the lines fall around a caption, in lines.
#[derive(Debug, PartialEq)]
struct Around {
    /// From the last line of the paragraph before to the caption's first.
    after_before: usize,
    /// From the caption's first line to its last.
    spans: usize,
    /// From the caption's last line to the first of the paragraph after, if that is in
    /// the article.
    before_after: Option<usize>,
}

/// The finding for block `copy` of article `a`, a copy of its block `first`.
fn copy_finding(
    text: Source<'_>,
    lines: &LineIndex,
    articles: &[Article],
    a: usize,
    first: usize,
    copy: usize,
    change: &Change,
) -> Finding {
    let article = &articles[a];
    let para = |b: usize| article.block(b).para;
    // A caption is never an article's first block: its paragraph before is in the article.
    let remove = |b: usize| {
        let next = if b + 1 < article.block_count() {
            Some(para(b + 1))
        } else {
            articles.get(a + 1).map(|n| n.headline().para)
        };
        removal(text, lines, para(b - 1), para(b), next)
    };
    let (first_para, copy_para) = (para(first), para(copy));
    let (code, message) = match change {
        Change::Identical => (
            DUPLICATE,
            Message::citing_line("identical copy of the caption on line ", ""),
        ),
        Change::WhiteSpace => (
            NEAR_DUPLICATE,
            Message::citing_line("differs from line ", " only in white space"),
        ),
        Change::Words(changes) => (
            NEAR_DUPLICATE,
            Message::citing_line("differs from line ", &format!(": {changes}")),
        ),
    };
    let mut fixes = vec![Fix {
        title: "Remove duplicate caption".to_string(),
        edits: vec![remove(copy)],
        preferred: true,
    }];
    if code == NEAR_DUPLICATE {
        fixes.push(Fix {
            title: "Keep this copy instead".to_string(),
            edits: vec![remove(first)],
            preferred: false,
        });
    }
    Finding::new(
        code,
        Severity::Warning,
        message,
        copy_para.start..copy_para.end,
        vec![Related {
            range: first_para.start..first_para.end,
            message: "first copy".to_string(),
        }],
        fixes,
    )
}

/// For credit-only captions `o` and `o + 1`: they stand next to each other with the
/// same text, and no third one of that text adjoins them.
fn lone_adjacent_pair(captions: &[Caption<'_>], o: usize) -> bool {
    let joined = |x: usize| {
        captions.get(x + 1).is_some_and(|next| {
            captions[x].block + 1 == next.block && captions[x].exact == next.exact
        })
    };
    joined(o) && !(o > 0 && joined(o - 1)) && !joined(o + 1)
}

fn near_copies(a: &Caption<'_>, b: &Caption<'_>) -> bool {
    if a.credit_only || b.credit_only {
        return false;
    }
    let total = (a.words.len() + b.words.len()) as f64;
    let dice = |common: usize| 2.0 * common as f64 / total;
    // The bag of words bounds the subsequence from above and is cheaper.
    dice(common_bag(&a.words, &b.words)) >= NEAR_DUPLICATE_SIMILARITY
        && dice(lcs_pairs(&a.words, &b.words).len()) >= NEAR_DUPLICATE_SIMILARITY
}

fn common_bag(a: &[String], b: &[String]) -> usize {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in a {
        *counts.entry(w).or_default() += 1;
    }
    b.iter()
        .filter(|w| {
            counts.get_mut(w.as_str()).is_some_and(|n| {
                let left = *n > 0;
                *n = n.saturating_sub(1);
                left
            })
        })
        .count()
}

/// Index pairs of a longest common subsequence of `a` and `b`, in order.
fn lcs_pairs<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // table[i][j]: LCS length of a[i..] and b[j..].
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] = if a[i] == b[j] {
                table[at(i + 1, j + 1)] + 1
            } else {
                table[at(i + 1, j)].max(table[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if table[at(i + 1, j)] >= table[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The word changes from `original` to `copy`, e.g. `` `Feb.` → `February`, added `on` ``.
fn describe_changes(original: &str, copy: &str) -> String {
    let a: Vec<&str> = original.split(' ').collect();
    let b: Vec<&str> = copy.split(' ').collect();
    let mut changes = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut pairs = lcs_pairs(&a, &b);
    pairs.push((a.len(), b.len()));
    for (pi, pj) in pairs {
        let (removed, added) = (&a[i..pi], &b[j..pj]);
        if removed.len() == added.len() {
            // Word for word: `southwest` → `Southwest`, `China's` → `China’s`.
            for (r, a) in removed.iter().zip(added) {
                changes.push(format!("`{r}` → `{a}`"));
            }
        } else {
            let (removed, added) = (removed.join(" "), added.join(" "));
            match (removed.is_empty(), added.is_empty()) {
                (true, true) => {}
                (false, false) => changes.push(format!("`{removed}` → `{added}`")),
                (false, true) => changes.push(format!("dropped `{removed}`")),
                (true, false) => changes.push(format!("added `{added}`")),
            }
        }
        (i, j) = (pi + 1, pj + 1);
    }
    let more = changes.len().saturating_sub(MAX_CHANGES_SHOWN);
    changes.truncate(MAX_CHANGES_SHOWN);
    let mut out = changes.join(", ");
    if more > 0 {
        out += &format!(
            " and {more} more change{}",
            if more == 1 { "" } else { "s" }
        );
    }
    out
}

/// The words of `s` as the comparison sees them.
fn normalised_words(s: &str) -> Vec<String> {
    s.split(is_space).filter_map(normalised_word).collect()
}

fn normalised_word(w: &str) -> Option<String> {
    let folded: String = w
        .chars()
        .map(|c| match c {
            '‘' | '’' | '‛' | '`' | '´' | '′' => '\'',
            '“' | '”' | '„' | '″' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let core = folded.trim_matches(|c: char| !c.is_alphanumeric());
    if core.is_empty() {
        return None;
    }
    let month = match core {
        "jan" => "january",
        "feb" => "february",
        "mar" => "march",
        "apr" => "april",
        "jun" => "june",
        "jul" => "july",
        "aug" => "august",
        "sep" | "sept" => "september",
        "oct" => "october",
        "nov" => "november",
        "dec" => "december",
        other => other,
    };
    Some(month.to_string())
}

fn exact_text(paragraph: &str) -> String {
    paragraph
        .lines()
        .map(|l| l.trim_end_matches(is_space))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The edit that removes paragraph `p` (with `before` and `after` around it) and leaves
/// exactly one blank line between its neighbours. It takes the paragraph and the blank
/// lines after it, so that removing two neighbouring paragraphs gives two edits that do
/// not overlap; only when the gap before it is not a single blank line does it reach back
/// to the paragraph before, and at the end of the text it takes the gap before instead.
fn removal(
    text: Source<'_>,
    lines: &LineIndex,
    before: Paragraph,
    p: Paragraph,
    after: Option<Paragraph>,
) -> Edit {
    let (range, replacement) = match after {
        Some(after) if p.first_line - before.last_line != 2 => {
            let gap_start = lines.line_start(before.last_line + 1);
            let eol = text.get(before.end..gap_start);
            (
                gap_start..lines.line_start(after.first_line),
                eol.into_owned(),
            )
        }
        Some(after) => (
            lines.line_start(p.first_line)..lines.line_start(after.first_line),
            String::new(),
        ),
        None => (before.end..p.end, String::new()),
    };
    Edit {
        expected: text.get(range.clone()).into_owned(),
        range,
        replacement,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every article scanned, then joined.
    fn findings(
        text: &str,
        lines: &LineIndex,
        articles: &[Article],
        rules: &Rules,
    ) -> Vec<Finding> {
        let scans: Vec<ArticleCaptions> = articles
            .iter()
            .map(|a| ArticleCaptions::scan(text, a, rules))
            .collect();
        join(text, lines, articles, &scans.iter().collect::<Vec<_>>())
    }
    use crate::analysis::{Dump, findings::apply_edits};

    fn dump(text: &str) -> Dump {
        Dump::analyse(text, &Rules::default())
    }

    fn fixture(name: &str) -> String {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// (1-based line, code) of each finding.
    fn summary(d: &Dump) -> Vec<(usize, &'static str)> {
        d.findings
            .iter()
            .map(|f| (d.lines.line_of(f.range().start) + 1, f.code))
            .collect()
    }

    #[test]
    fn normalisation_folds_case_quotes_and_months() {
        assert_eq!(
            normalised_words("On Feb. 3, “Harbour” City’s  fair. Sept"),
            [
                "on",
                "february",
                "3",
                "harbour",
                "city's",
                "fair",
                "september"
            ]
        );
    }

    #[test]
    fn changes_are_described_word_by_word() {
        assert_eq!(
            describe_changes(
                "Taken on Feb. 3 in the north of Lakeland's capital. Photo: Xinhua",
                "Taken on February 3 in the North of Lakeland’s capital. Photo: Xinhua"
            ),
            "`Feb.` → `February`, `north` → `North`, `Lakeland's` → `Lakeland’s`"
        );
        assert_eq!(
            describe_changes("A b c d", "A c d e"),
            "dropped `b`, added `e`"
        );
        assert_eq!(
            describe_changes("a b c d e f g", "A B C D E F G"),
            "`a` → `A`, `b` → `B`, `c` → `C`, `d` → `D`, `e` → `E` and 2 more changes"
        );
        assert_eq!(
            describe_changes("x on Feb. 3 y", "x on 3 February y"),
            "dropped `Feb.`, added `February`"
        );
    }

    #[test]
    fn fixture_copies_are_found() {
        let d = dump(&fixture("captions-pairs.newsdump"));
        assert_eq!(
            summary(&d),
            [
                (5, DUPLICATE),
                (15, NEAR_DUPLICATE),
                (25, DUPLICATE),
                (33, DUPLICATE),
                (42, REUSED),
            ]
        );
        let near = &d.findings[1];
        assert_eq!(
            near.message(&d.lines),
            "differs from line 13: `Mar.` → `March`, `harbour` → `Harbour`, \
             `city's` → `city’s`"
        );
        assert_eq!(
            d.findings[0].message(&d.lines),
            "identical copy of the caption on line 3"
        );
        assert_eq!(d.findings[0].severity, Severity::Warning);
        assert_eq!(d.findings[4].severity, Severity::Information);
        assert!(!d.findings[4].has_fixes());
        let (related, message) = d.findings[0].related().next().expect("related");
        assert_eq!(d.lines.line_of(related.start) + 1, 3);
        assert_eq!(message, "first copy");
    }

    /// The finding with every byte offset moved back by `by`, saying nothing (its
    /// message cites a line).
    fn moved_back(f: &Finding, by: usize) -> Finding {
        let back = |r: std::ops::Range<usize>| r.start - by..r.end - by;
        let related = f
            .related()
            .map(|(range, message)| Related {
                range: back(range),
                message: message.to_string(),
            })
            .collect();
        let mut fixes: Vec<Fix> = f.fixes().collect();
        for e in fixes.iter_mut().flat_map(|x| &mut x.edits) {
            e.range = back(e.range.clone());
        }
        Finding::new(
            f.code,
            f.severity,
            String::new(),
            back(f.range()),
            related,
            fixes,
        )
    }

    #[test]
    fn a_scan_does_not_depend_on_where_the_article_sits() {
        let fixture = fixture("captions-pairs.newsdump");
        let rules = Rules::default();
        // Preambles of one and of two articles, 4 and 11 lines long, before the fixture's
        // four articles.
        let preambles = [
            "Council approves the library budget\n\nThe vote was close.\n\n",
            "Council approves the library budget\n\nThe vote was close,\nseven to six.\n\n\n\
             Storm closes the coast road\n\nThe road reopens on Friday.\n\n",
        ];
        // The fixture's scans from the first placement, reused at the second.
        let mut cached: Vec<ArticleCaptions> = Vec::new();
        let mut placed = Vec::new();
        for preamble in preambles {
            let text = format!("{preamble}{fixture}");
            let lines = LineIndex::new(&text);
            let articles = Dump::outline_only(&text, &rules).articles;
            let skip = articles.len() - 4;
            assert_eq!(articles[skip].range().start, preamble.len());
            let mut scans: Vec<ArticleCaptions> = articles
                .iter()
                .map(|a| ArticleCaptions::scan(&text, a, &rules))
                .collect();
            let fresh = scans.split_off(skip);
            if cached.is_empty() {
                cached = fresh;
            } else {
                assert_eq!(fresh, cached);
            }
            let all: Vec<&ArticleCaptions> = scans.iter().chain(&cached).collect();
            let found = join(&text, &lines, &articles, &all);
            assert_eq!(found, findings(&text, &lines, &articles, &rules));

            let shift = preamble.lines().count();
            let messages: Vec<String> = found.iter().map(|f| f.message(&lines).into()).collect();
            assert_eq!(
                messages,
                [
                    format!("identical copy of the caption on line {}", 3 + shift),
                    format!(
                        "differs from line {}: `Mar.` → `March`, `harbour` → `Harbour`, \
                         `city's` → `city’s`",
                        13 + shift
                    ),
                    format!("identical copy of the caption on line {}", 23 + shift),
                    format!("identical copy of the caption on line {}", 31 + shift),
                    format!(
                        "same caption as line {}, in another article (a reused photo)",
                        3 + shift
                    ),
                ]
            );
            let moved: Vec<Finding> = found
                .iter()
                .map(|f| moved_back(f, preamble.len()))
                .collect();
            placed.push(moved);
        }
        assert_ne!(preambles[0].lines().count(), preambles[1].lines().count());
        assert_eq!(placed[0], placed[1]);
    }

    #[test]
    fn a_rewrapped_copy_differs_only_in_white_space() {
        let caption = "Boats in the harbour at dawn. Photo: Lakeland News Agency";
        let wrapped = caption
            .replacen(" at ", " at\n", 1)
            .replacen(" in ", "\u{a0}in ", 1);
        let text = format!(
            "Harbour city opens its new ferry terminal\n\n{wrapped}\n\n{caption}\n\n\
             The terminal opened on Monday.\n"
        );
        let d = dump(&text);
        assert_eq!(summary(&d), [(6, NEAR_DUPLICATE)]);
        assert_eq!(
            d.findings[0].message(&d.lines),
            "differs from line 3 only in white space"
        );
    }

    #[test]
    fn photos_sharing_a_credit_are_not_copies() {
        let d = dump(&fixture("captions-distinct.newsdump"));
        assert_eq!(summary(&d), []);
    }

    #[test]
    fn near_duplicates_offer_both_fixes() {
        let text = fixture("captions-pairs.newsdump");
        let d = dump(&text);
        let near = &d.findings[1];
        let fixes: Vec<Fix> = near.fixes().collect();
        let titles: Vec<_> = fixes
            .iter()
            .map(|f| (f.title.as_str(), f.preferred))
            .collect();
        assert_eq!(
            titles,
            [
                ("Remove duplicate caption", true),
                ("Keep this copy instead", false)
            ]
        );
        let keep = apply_edits(&text, &[&fixes[1].edits[0]]).unwrap();
        let kept = dump(&keep);
        assert!(keep.contains("Harbour city’s old market"));
        assert!(!keep.contains("harbour city's old market"));
        assert!(summary(&kept).iter().all(|(_, c)| *c != NEAR_DUPLICATE));
    }

    /// Removes paragraph `i` of `text` with its removal edit.
    fn remove(text: &str, i: usize) -> String {
        let lines = LineIndex::new(text);
        let paras = crate::analysis::text::paragraphs(text, &lines);
        let edit = removal(
            text.into(),
            &lines,
            paras[i - 1],
            paras[i],
            paras.get(i + 1).copied(),
        );
        assert_eq!(&text[edit.range.clone()], edit.expected);
        apply_edits(text, &[&edit]).unwrap()
    }

    #[test]
    fn removal_leaves_one_blank_line() {
        assert_eq!(remove("A\n\nB\n\nC\n", 1), "A\n\nC\n");
        assert_eq!(remove("A\n\nB\nb2 \n\n\nC", 1), "A\n\nC");
        assert_eq!(remove("A\n\n\nB\n\nC\n", 1), "A\n\nC\n");
        assert_eq!(remove("A\n \u{a0}\n\t\nB\n  \nC\n", 1), "A\n\nC\n");
        assert_eq!(remove("A\n\u{a0}\nB\n\nC\n", 1), "A\n\u{a0}\nC\n");
        assert_eq!(remove("A\r\n\r\n\r\nB\r\n\r\nC\r\n", 1), "A\r\n\r\nC\r\n");
        assert_eq!(remove("A\r\n\r\nB\r\n\r\nC", 1), "A\r\n\r\nC");
    }

    #[test]
    fn removal_at_the_end_of_the_text() {
        assert_eq!(remove("A\n\nB\n", 1), "A\n");
        assert_eq!(remove("A\n\nB", 1), "A");
        assert_eq!(remove("A\r\n\r\n\r\nB \r\n\r\n", 1), "A\r\n\r\n");
    }

    #[test]
    fn neighbouring_removals_do_not_overlap() {
        let text = "A\n\nB\n\nC\n\nD\n";
        let lines = LineIndex::new(text);
        let paras = crate::analysis::text::paragraphs(text, &lines);
        let b = removal(text.into(), &lines, paras[0], paras[1], Some(paras[2]));
        let c = removal(text.into(), &lines, paras[1], paras[2], Some(paras[3]));
        assert_eq!(apply_edits(text, &[&b, &c]).unwrap(), "A\n\nD\n");
    }

    #[test]
    fn crlf_fixture_gives_the_same_findings_and_fixes() {
        let lf = fixture("captions-pairs.newsdump");
        let crlf = lf.replace('\n', "\r\n");
        assert_eq!(summary(&dump(&lf)), summary(&dump(&crlf)));
        let fixed = crate::analysis::findings::fix_all(&crlf, &Rules::default());
        let fixed_lf = crate::analysis::findings::fix_all(&lf, &Rules::default());
        assert_eq!(fixed.text, fixed_lf.text.replace('\n', "\r\n"));
        assert_eq!(fixed.applied.len(), 4);
    }
}
