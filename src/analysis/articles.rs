//! A dump as articles: each a headline followed by captions, section headings,
//! interview turns and body paragraphs, up to the next headline.

use std::ops::Range;

use super::captions::is_caption;
use super::headlines::{ParaFacts, headline_flags};
use super::rules::Rules;
use super::text::{LineIndex, Paragraph, flatten, paragraphs, plural};
use super::turns::{is_section_heading, speaker_label};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// `blocks[0]` is the headline.
    pub blocks: Vec<Block>,
}

impl Article {
    pub fn headline(&self) -> &Block {
        &self.blocks[0]
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

/// Splits `text` into articles.
pub fn articles(text: &str, lines: &LineIndex, rules: &Rules) -> Vec<Article> {
    let paras = paragraphs(text, lines);
    let flats: Vec<String> = paras.iter().map(|p| flatten(p.text(text))).collect();
    let labels: Vec<Option<&str>> = flats.iter().map(|f| speaker_label(f)).collect();
    let turns = interview_turns(&labels);
    let facts: Vec<ParaFacts<'_>> = paras
        .iter()
        .zip(&flats)
        .enumerate()
        .map(|(i, (p, flat))| ParaFacts {
            flat,
            lines: p.line_count(),
            caption: is_caption(flat, rules),
            section_heading: is_section_heading(flat),
            turn: turns[i].is_some(),
        })
        .collect();
    let headlines = headline_flags(&facts, rules);

    let mut interviewer: Option<&str> = None;
    let kinds: Vec<BlockKind> = (0..paras.len())
        .map(|i| {
            if headlines[i] || i == 0 {
                interviewer = None;
                BlockKind::Headline
            } else if facts[i].caption {
                BlockKind::Caption
            } else if facts[i].section_heading {
                BlockKind::SectionHeading
            } else if let Some(label) = turns[i] {
                // The first speaker of an article asks; everyone else answers.
                if *interviewer.get_or_insert(label) == label {
                    BlockKind::Question
                } else {
                    BlockKind::Answer
                }
            } else {
                BlockKind::Body
            }
        })
        .collect();
    drop(facts);
    drop(turns);

    let mut out: Vec<Article> = Vec::new();
    for ((para, flat), kind) in paras.into_iter().zip(flats).zip(kinds) {
        // Body text is never read on one line again; keeping it would double the memory.
        let flat = if kind == BlockKind::Body {
            String::new()
        } else {
            flat
        };
        let block = Block { kind, para, flat };
        match (kind, out.last_mut()) {
            (BlockKind::Headline, _) | (_, None) => out.push(Article {
                blocks: vec![block],
            }),
            (_, Some(article)) => article.blocks.push(block),
        }
    }
    out
}

/// How far apart (in paragraphs) two turns of one interview may be.
const TURN_WINDOW: usize = 16;

/// Marks the paragraphs that are interview turns: a label counts as a speaker when it
/// recurs within the window and another recurring label alternates with it. A lone
/// `GT Voice: ...` headline is then no turn.
fn interview_turns<'a>(labels: &[Option<&'a str>]) -> Vec<Option<&'a str>> {
    let recurs = |i: usize, label: &str| {
        let lo = i.saturating_sub(TURN_WINDOW);
        let hi = (i + TURN_WINDOW + 1).min(labels.len());
        (lo..hi).any(|j| j != i && labels[j] == Some(label))
    };
    let recurring: Vec<Option<&str>> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| l.filter(|l| recurs(i, l)))
        .collect();
    recurring
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let l = (*l)?;
            let lo = i.saturating_sub(TURN_WINDOW);
            let hi = (i + TURN_WINDOW + 1).min(labels.len());
            (lo..hi)
                .any(|j| recurring[j].is_some_and(|o| o != l))
                .then_some(l)
        })
        .collect()
}
