//! A dump as articles: each a headline followed by captions, section headings,
//! interview turns and body paragraphs, up to the next headline. Where articles start is
//! decided by the headline rules and kept up to date by the layout (`layout.rs`).

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::text::{PackedParagraph, Paragraph, narrow, plural};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    Headline,
    Caption,
    SectionHeading,
    /// The interviewer's turn.
    Question,
    /// The interviewee's turn, and the untitled paragraphs that continue it.
    Answer,
    Body,
}

impl BlockKind {
    /// The kind in one lower-case word, as outlines show it.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Headline => "headline",
            BlockKind::Caption => "caption",
            BlockKind::SectionHeading => "section",
            BlockKind::Question => "question",
            BlockKind::Answer => "answer",
            BlockKind::Body => "body",
        }
    }
}

/// The blocks an outline lists under their article's headline.
pub const OUTLINE_KINDS: &[BlockKind] = &[
    BlockKind::Caption,
    BlockKind::SectionHeading,
    BlockKind::Question,
];

/// A block of an article, where it stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block<'a> {
    pub kind: BlockKind,
    pub para: Paragraph,
    /// The paragraph on one line, white space folded; empty for `Body` and `Answer`
    /// blocks, whose one-line form nothing needs once they are classified.
    pub flat: &'a str,
}

/// A block as an article keeps it, in 24 bytes: placed relative to the article's
/// headline, its one-line form in the article's [`Blocks::flats`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct Kept {
    kind: BlockKind,
    /// Offsets and lines counted from the headline's start.
    para: PackedParagraph,
    /// Where the block's one-line form ends in `flats`; it starts where the one of the
    /// block before ends.
    flat_end: u32,
}

/// An article's blocks, and their one-line forms end to end in one string: one
/// allocation for the article, not one for each block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Blocks {
    kept: Vec<Kept>,
    flats: String,
}

#[derive(Debug, Clone, Eq)]
pub struct Article {
    /// Where the headline starts: byte offset and line. Blocks are kept relative to it,
    /// so that moving the article (an edit before it) changes only these two.
    start: usize,
    first_line: usize,
    /// `blocks.kept[0]` is the headline. Shared by the copies of an analysis.
    blocks: Arc<Blocks>,
    /// Where the last block ends, from `start`: kept here, so that finding the article
    /// that holds an offset reads no blocks.
    len: u32,
    /// Unique among the articles this process makes. An article keeps it as updates
    /// move it, so what callers derive from an article can be kept by its id.
    pub id: u64,
}

/// Two analyses of one text make equal articles, with different ids.
impl PartialEq for Article {
    fn eq(&self, other: &Self) -> bool {
        (self.start, self.first_line, &self.blocks)
            == (other.start, other.first_line, &other.blocks)
    }
}

impl Article {
    /// A new article under the headline `para`, with `flat` its one-line form.
    pub fn new(para: Paragraph, flat: &str) -> Article {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let mut article = Article {
            start: para.start,
            first_line: para.first_line,
            blocks: Arc::default(),
            len: 0,
            id: NEXT.fetch_add(1, Ordering::Relaxed),
        };
        article.push(BlockKind::Headline, para, flat);
        article
    }

    /// Adds a block after the last one.
    pub fn push(&mut self, kind: BlockKind, mut para: Paragraph, flat: &str) {
        para.shift(-(self.start as isize), -(self.first_line as isize));
        let blocks = Arc::make_mut(&mut self.blocks);
        blocks.flats.push_str(flat);
        blocks.kept.push(Kept {
            kind,
            para: PackedParagraph::pack(para),
            flat_end: narrow(blocks.flats.len()),
        });
        self.len = narrow(para.end);
    }

    /// Gives back the room left for more blocks.
    pub fn shrink_to_fit(&mut self) {
        let blocks = Arc::make_mut(&mut self.blocks);
        blocks.kept.shrink_to_fit();
        blocks.flats.shrink_to_fit();
    }

    /// How many blocks the article holds, the headline included.
    pub fn block_count(&self) -> usize {
        self.blocks.kept.len()
    }

    /// Block `i`, where it stands now.
    pub fn block(&self, i: usize) -> Block<'_> {
        let kept = &self.blocks.kept;
        let flat_start = i.checked_sub(1).map_or(0, |b| kept[b].flat_end as usize);
        let mut para = kept[i].para.unpack();
        para.shift(self.start as isize, self.first_line as isize);
        Block {
            kind: kept[i].kind,
            para,
            flat: &self.blocks.flats[flat_start..kept[i].flat_end as usize],
        }
    }

    /// The blocks in order, the headline first.
    pub fn blocks(&self) -> impl DoubleEndedIterator<Item = Block<'_>> + ExactSizeIterator {
        (0..self.block_count()).map(|i| self.block(i))
    }

    pub fn headline(&self) -> Block<'_> {
        self.block(0)
    }

    /// The line the headline starts on.
    pub fn first_line(&self) -> usize {
        self.first_line
    }

    /// The index of the last block starting at or before `offset` (0 before the
    /// article).
    pub fn block_before(&self, offset: usize) -> usize {
        let from_start = offset.saturating_sub(self.start);
        self.blocks
            .kept
            .partition_point(|b| b.para.start as usize <= from_start)
            .saturating_sub(1)
    }

    /// Moves the article by `bytes` and `lines`, as text before it grew or shrank.
    pub fn shift(&mut self, bytes: isize, lines: isize) {
        self.start = self.start.saturating_add_signed(bytes);
        self.first_line = self.first_line.saturating_add_signed(lines);
    }

    /// Where the article starts.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte range from the headline to the end of the last paragraph.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.start + self.len as usize
    }

    pub fn count(&self, kind: BlockKind) -> usize {
        self.blocks.kept.iter().filter(|b| b.kind == kind).count()
    }

    /// Paragraphs under the headline that are not captions.
    pub fn paragraph_count(&self) -> usize {
        self.block_count() - 1 - self.count(BlockKind::Caption)
    }

    /// `12 paragraphs, 2 captions, 5 questions`: what the article holds, at a glance.
    pub fn summary(&self) -> String {
        let mut parts = vec![plural(self.paragraph_count(), "paragraph")];
        for (kind, noun) in [
            (BlockKind::Caption, "caption"),
            (BlockKind::Question, "question"),
        ] {
            let n = self.count(kind);
            if n > 0 {
                parts.push(plural(n, noun));
            }
        }
        parts.join(", ")
    }

    /// The blocks of the given kinds, each with the byte range it spans (see
    /// [`Article::span_end`]). With [`OUTLINE_KINDS`] these are the children of the
    /// article in an outline.
    pub fn spans_of<'a>(
        &'a self,
        kinds: &'a [BlockKind],
    ) -> impl Iterator<Item = (Block<'a>, Range<usize>)> + 'a {
        self.blocks()
            .enumerate()
            .filter(|(_, b)| kinds.contains(&b.kind))
            .map(|(i, b)| {
                (
                    b,
                    b.para.start..self.start + self.blocks.kept[self.span_end(i)].para.end as usize,
                )
            })
    }

    /// For the block at `index`, the index of the last block of its span: a question
    /// runs through its answer up to the next question or section heading, an answer up
    /// to the next question; any other block is its own span.
    pub fn span_end(&self, index: usize) -> usize {
        let stops: &[BlockKind] = match self.blocks.kept[index].kind {
            BlockKind::Question => &[BlockKind::Question, BlockKind::SectionHeading],
            BlockKind::Answer => &[
                BlockKind::Question,
                BlockKind::SectionHeading,
                BlockKind::Answer,
            ],
            _ => return index,
        };
        let next = self.blocks.kept[index + 1..]
            .iter()
            .position(|b| stops.contains(&b.kind));
        match next {
            Some(n) => index + n,
            None => self.block_count() - 1,
        }
    }
}

/// Finds the article holding an offset, as [`Dump::article_at`](super::Dump::article_at) does, for offsets asked
/// for mostly in document order (those of findings): it walks on from the article where
/// the last offset ahead was found, reading starts in order, and searches only for an
/// offset behind or far ahead. A search per offset reads scattered memory, and took most
/// of the time of publishing a big dump's diagnostics.
pub struct ArticleFinder<'a> {
    articles: &'a [Article],
    at: usize,
}

/// How many articles the finder walks past before it searches instead.
pub(super) const WALK: usize = 32;

impl<'a> ArticleFinder<'a> {
    pub fn new(articles: &'a [Article]) -> ArticleFinder<'a> {
        ArticleFinder { articles, at: 0 }
    }

    pub fn find(&mut self, offset: usize) -> Option<&'a Article> {
        let starts_by = |i: usize| self.articles.get(i).is_some_and(|a| a.start() <= offset);
        let i = if starts_by(self.at) {
            // The last article starting at or before the offset: walked to when near.
            let mut i = self.at;
            while i < self.at + WALK && starts_by(i + 1) {
                i += 1;
            }
            if starts_by(i + 1) {
                let rest = &self.articles[i + 1..];
                i += rest.partition_point(|a| a.start() <= offset);
            }
            self.at = i;
            i
        } else {
            // Behind (a finding's related text earlier on): the place stays as it is.
            self.articles
                .partition_point(|a| a.start() <= offset)
                .checked_sub(1)?
        };
        let a = &self.articles[i];
        (offset <= a.range().end).then_some(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(start: usize, end: usize, line: usize) -> Paragraph {
        Paragraph {
            start,
            end,
            first_line: line,
            last_line: line,
        }
    }

    #[test]
    fn blocks_come_back_as_pushed_and_move_with_the_article() {
        assert_eq!(size_of::<Kept>(), 24);
        let mut a = Article::new(para(100, 120, 10), "Ferry terminal opens");
        a.push(BlockKind::Caption, para(122, 135, 12), "Photo: Xinhua");
        a.push(BlockKind::Body, para(137, 300, 14), "");
        a.push(BlockKind::Question, para(302, 320, 16), "GT: What next?");
        a.shrink_to_fit();
        let got: Vec<(BlockKind, usize, &str)> =
            a.blocks().map(|b| (b.kind, b.para.start, b.flat)).collect();
        assert_eq!(
            got,
            [
                (BlockKind::Headline, 100, "Ferry terminal opens"),
                (BlockKind::Caption, 122, "Photo: Xinhua"),
                (BlockKind::Body, 137, ""),
                (BlockKind::Question, 302, "GT: What next?"),
            ]
        );
        a.shift(-50, -5);
        assert_eq!(a.range(), 50..270);
        assert_eq!(a.block(3).para, para(252, 270, 11));
        assert_eq!(a.block_before(80), 1);
        assert_eq!(a.summary(), "2 paragraphs, 1 caption, 1 question");
    }
}
