//! A dump as articles: each a headline followed by captions, section headings,
//! interview turns and body paragraphs, up to the next headline. Where articles start is
//! decided by the headline rules and kept up to date by the layout (`layout.rs`).

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use super::text::{Paragraph, plural};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub para: Paragraph,
    /// The paragraph on one line, white space folded; empty for `Body` blocks, whose
    /// one-line form nothing needs once they are classified.
    pub flat: String,
}

#[derive(Debug, Clone, Eq)]
pub struct Article {
    /// `blocks[0]` is the headline.
    pub blocks: Vec<Block>,
    /// Unique among the articles this process makes. An article keeps it as updates
    /// move it, so what callers derive from an article can be kept by its id.
    pub id: u64,
}

/// Two analyses of one text make equal articles, with different ids.
impl PartialEq for Article {
    fn eq(&self, other: &Self) -> bool {
        self.blocks == other.blocks
    }
}

impl Article {
    /// A new article under `headline`.
    pub fn new(headline: Block) -> Article {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Article {
            blocks: vec![headline],
            id: NEXT.fetch_add(1, Ordering::Relaxed),
        }
    }

    pub fn headline(&self) -> &Block {
        &self.blocks[0]
    }

    /// Moves the article by `bytes` and `lines`, as text before it grew or shrank.
    pub fn shift(&mut self, bytes: isize, lines: isize) {
        for b in &mut self.blocks {
            b.para.shift(bytes, lines);
        }
    }

    /// Byte range from the headline to the end of the last paragraph.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.blocks[0].para.start..self.blocks[self.blocks.len() - 1].para.end
    }

    pub fn count(&self, kind: BlockKind) -> usize {
        self.blocks.iter().filter(|b| b.kind == kind).count()
    }

    /// Paragraphs under the headline that are not captions.
    pub fn paragraph_count(&self) -> usize {
        self.blocks.len() - 1 - self.count(BlockKind::Caption)
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
    ) -> impl Iterator<Item = (&'a Block, Range<usize>)> + 'a {
        self.blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| kinds.contains(&b.kind))
            .map(|(i, b)| (b, b.para.start..self.blocks[self.span_end(i)].para.end))
    }

    /// For the block at `index`, the index of the last block of its span: a question
    /// runs through its answer up to the next question or section heading, an answer up
    /// to the next question; any other block is its own span.
    pub fn span_end(&self, index: usize) -> usize {
        let stops: &[BlockKind] = match self.blocks[index].kind {
            BlockKind::Question => &[BlockKind::Question, BlockKind::SectionHeading],
            BlockKind::Answer => &[
                BlockKind::Question,
                BlockKind::SectionHeading,
                BlockKind::Answer,
            ],
            _ => return index,
        };
        let next = self.blocks[index + 1..]
            .iter()
            .position(|b| stops.contains(&b.kind));
        match next {
            Some(n) => index + n,
            None => self.blocks.len() - 1,
        }
    }
}
