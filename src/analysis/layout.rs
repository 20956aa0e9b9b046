//! The paragraphs of a dump and what the headline rules know of each, kept from one
//! version of a document to the next. After an edit only the paragraphs it touched are
//! read again; the rules then run over the stretch the change can reach, which is
//! bounded by the rules' own reach (see [`Layout::update`]), not by the file's size.

use std::collections::HashMap;
use std::ops::Range;

use super::articles::{Article, BlockKind};
use super::blocks::{Blocks, Move};
use super::captions::is_caption;
use super::headlines::{
    Fact, Headlines, ParaFacts, REACH, Shape, Share, Summary, TextStats, share,
};
use super::rules::Rules;
use super::source::Source;
use super::text::{
    LineIndex, PackedParagraph, Paragraph, Splice, flatten, paragraphs, paragraphs_in, splice_lean,
    text_hash,
};
use super::turns::{is_section_heading, speaker_label};

/// A speaker label (`Q:`, `Wang:`), hashed.
type Label = std::num::NonZeroU64;

/// How far apart (in paragraphs) two turns of one interview may be.
const TURN_WINDOW: usize = 16;

/// How far a changed paragraph reaches through the interview-turn test: a label counts
/// when it recurs within the window next to another recurring label.
const TURN_REACH: usize = 2 * TURN_WINDOW;

#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// In blocks: an edit moves the paragraphs after it.
    paras: Blocks<PackedParagraph>,
    sums: Vec<Summary>,
    /// The speaker label opening each paragraph, hashed.
    labels: Vec<Option<Label>>,
    /// Whether each paragraph is an interview turn (of the speaker of its label).
    turns: Vec<bool>,
    shapes: Vec<Shape>,
    stats: TextStats,
    /// Each group's choice (rules 11 and 12), before the series of rule 14.
    raw: Vec<bool>,
    /// Headline or not, all rules applied.
    flags: Vec<bool>,
    /// The index of each article's first paragraph.
    starts: Vec<usize>,
}

/// The paragraphs an update re-read: `old` (indices before it) became `new_len`
/// paragraphs from `old.start` on.
struct Touched {
    old: Range<usize>,
    new_len: usize,
    /// The paragraphs whose interview turns were recomputed.
    turn_window: Range<usize>,
    /// The file-wide marks (see [`Layout::marks`]) of each text re-read, before.
    marks: HashMap<u64, (bool, bool)>,
}

/// What an update changed in the list of articles: `old` (indices into the list before)
/// gave way to `new`.
#[derive(Debug)]
pub struct ArticleSplice {
    pub old: Range<usize>,
    pub new: Vec<Article>,
}

impl Layout {
    /// The layout of `text`, and its articles.
    pub fn new(text: Source<'_>, lines: &LineIndex, rules: &Rules) -> (Layout, Vec<Article>) {
        let paras = paragraphs(text, lines);
        let read =
            crate::parallel::in_parallel(&paras, |chunk| read_paragraphs(text, chunk, rules));
        let n = paras.len();
        let mut layout = Layout {
            paras: Blocks::new(
                &paras
                    .iter()
                    .map(|&p| PackedParagraph::pack(p))
                    .collect::<Vec<_>>(),
            ),
            sums: read.iter().map(|r| r.0).collect(),
            labels: read.iter().map(|r| r.1).collect(),
            turns: vec![false; n],
            shapes: vec![Shape::Body; n],
            stats: TextStats::default(),
            raw: vec![false; n],
            flags: vec![false; n],
            starts: Vec::new(),
        };
        layout.mark_turns(0..n);
        for i in 0..n {
            layout.stats.add(layout.share(i));
        }
        let rules = layout.rules();
        let mut raw = vec![false; n];
        let mut flags = vec![false; n];
        rules.choose(0..n, &mut raw);
        rules.settle(0..n, &raw, &mut flags);
        layout.raw = raw;
        layout.flags = flags;
        let articles = layout.articles(text, 0..n);
        layout.starts = starts_of(&layout.flags, 0..n);
        (layout, articles)
    }

    fn rules(&self) -> Headlines<'_> {
        Headlines {
            sums: &self.sums,
            shapes: &self.shapes,
            stats: &self.stats,
        }
    }

    fn share(&self, i: usize) -> Share {
        share(&self.sums, &self.shapes, i)
    }

    /// Recomputes interview turns and shapes for the paragraphs in `range`.
    fn mark_turns(&mut self, range: Range<usize>) {
        for i in range {
            let turn = is_interview_turn(&self.labels, i);
            self.turns[i] = turn;
            self.shapes[i] = self.sums[i].shape(turn);
        }
    }

    /// The speaker of paragraph `i`, if it is an interview turn.
    fn turn(&self, i: usize) -> Option<Label> {
        self.labels[i].filter(|_| self.turns[i])
    }

    /// Brings the layout up to date with `text` after `splice`; `lines` is already up to
    /// date and `line_delta` tells how many lines the splice added. Returns the articles
    /// that changed, last first, with indices into the list before the update; the
    /// others only moved, and the caller shifts those after the splice (see
    /// [`Article::shift`]).
    ///
    /// The paragraphs the splice touched are read again. A change reaches other
    /// paragraphs only through the rules: interview turns within [`TURN_REACH`]
    /// paragraphs, time stamps and neighbours within [`REACH`], the groups of rule 11,
    /// other copies of a text whose file-wide count changed (rules 8 and 13), and the
    /// series of rule 14, which never cross an anchor (a headline no series can drop, see
    /// `Headlines::anchors`). Those stretches are run again; the articles between the
    /// nearest unchanged anchors around them are rebuilt.
    pub fn update(
        &mut self,
        text: Source<'_>,
        lines: &LineIndex,
        splice: Splice,
        line_delta: isize,
        rules: &Rules,
    ) -> Vec<ArticleSplice> {
        let touched = self.reread(text, lines, splice, line_delta, rules);
        let dirty = self.dirty(&touched);
        let mut raw = std::mem::take(&mut self.raw);
        for r in &dirty {
            self.rules().choose(r.clone(), &mut raw);
        }
        self.raw = raw;
        // Rule 14 from the anchor before each stretch to the anchor after it; anchors
        // outside the stretches are anchors before and after the edit alike.
        let n = self.paras.len();
        let segments = coalesce(
            dirty
                .iter()
                .map(|r| {
                    let lo = (0..r.start.saturating_sub(1))
                        .rev()
                        .find(|&j| self.rules().anchors(j, &self.raw))
                        .unwrap_or(0);
                    let hi = (r.end + 1..n)
                        .find(|&j| self.rules().anchors(j, &self.raw))
                        .unwrap_or(n);
                    lo..hi
                })
                .collect(),
        );
        let mut flags = std::mem::take(&mut self.flags);
        for s in &segments {
            self.rules().settle(s.clone(), &self.raw, &mut flags);
        }
        self.flags = flags;
        self.rebuild(text, &segments, &touched)
    }

    /// Re-reads the paragraphs `splice` touched (the one before it, those it overlaps,
    /// the one after: a blank line typed or deleted splits or joins them), moves the
    /// ones after, and brings turns, shapes and the text stats up to date around them.
    fn reread(
        &mut self,
        text: Source<'_>,
        lines: &LineIndex,
        splice: Splice,
        line_delta: isize,
        rules: &Rules,
    ) -> Touched {
        let n_old = self.paras.len();
        let before = self
            .paras
            .partition_point(|p| (p.end as usize) < splice.start);
        let a = before.saturating_sub(1);
        let overlapped = self
            .paras
            .partition_point(|p| p.start as usize <= splice.old_end);
        let b = (overlapped + 1).min(n_old);
        let from = match self.paras.get(a) {
            Some(p) if before > 0 => p.start as usize,
            _ => 0,
        };
        let to = match self.paras.get(overlapped) {
            Some(p) => p.end as usize + splice.new_end - splice.old_end,
            None => text.len(),
        };
        let first_line = lines.line_of(from);
        let last_line = lines.line_of(to);
        let fresh = paragraphs_in(text, lines, first_line..last_line + 1);
        let read =
            crate::parallel::in_parallel(&fresh, |chunk| read_paragraphs(text, chunk, rules));
        let new_len = fresh.len();
        let n = n_old - (b - a) + new_len;

        // Shares of the stats that may change: paragraphs whose own or next shape may.
        let old_window = a.saturating_sub(TURN_REACH + 1)..(b + TURN_REACH).min(n_old);
        let new_window = a.saturating_sub(TURN_REACH + 1)..(a + new_len + TURN_REACH).min(n);
        let mut marks = HashMap::new();
        for h in old_window
            .clone()
            .map(|i| self.sums[i].hash)
            .chain(read.iter().map(|r| r.0.hash))
        {
            marks.insert(h, self.marks(h));
        }
        for i in old_window {
            self.stats.remove(self.share(i));
        }
        let bytes = splice.new_end as isize - splice.old_end as isize;
        self.paras.splice(
            a..b,
            fresh.iter().map(|&p| PackedParagraph::pack(p)),
            Move::new(bytes, line_delta),
        );
        splice_lean(&mut self.sums, a..b, read.iter().map(|r| r.0));
        splice_lean(&mut self.labels, a..b, read.iter().map(|r| r.1));
        splice_lean(&mut self.turns, a..b, std::iter::repeat_n(false, new_len));
        let body = std::iter::repeat_n(Shape::Body, new_len);
        splice_lean(&mut self.shapes, a..b, body);
        splice_lean(&mut self.raw, a..b, std::iter::repeat_n(false, new_len));
        splice_lean(&mut self.flags, a..b, std::iter::repeat_n(false, new_len));
        let turn_window = a.saturating_sub(TURN_REACH)..(a + new_len + TURN_REACH).min(n);
        self.mark_turns(turn_window.clone());
        for i in new_window {
            self.stats.add(self.share(i));
        }
        Touched {
            old: a..b,
            new_len,
            turn_window,
            marks,
        }
    }

    /// Where the rules must run again, as whole groups: around the re-read paragraphs
    /// as far as the rules reach, and at the copies of texts whose file-wide marks
    /// changed (the rules read a section title's mark only on a candidate, a trailer's
    /// only above one).
    fn dirty(&self, touched: &Touched) -> Vec<Range<usize>> {
        let n = self.paras.len();
        let around = &touched.turn_window;
        let mut dirty = Vec::new();
        dirty.push(around.start.saturating_sub(REACH)..(around.end + REACH).min(n));
        // A mark that flipped matters only where the rules read it: a walk over every
        // paragraph finds those copies, so it is skipped when the counts say there are
        // none (a body text typed into, whose copies are all body text).
        let changed: Vec<(u64, (bool, bool))> = touched
            .marks
            .iter()
            .filter_map(|(&h, &(title, trailer))| {
                let (t, r) = self.marks(h);
                let (candidate, above) = self.stats.read_at(h);
                let (title, trailer) = (t != title && candidate, r != trailer && above);
                (title || trailer).then_some((h, (title, trailer)))
            })
            .collect();
        if !changed.is_empty() {
            let candidate = |i: usize| self.shapes.get(i) == Some(&Shape::Candidate);
            for (i, s) in self.sums.iter().enumerate() {
                let Some(&(_, (title, trailer))) = changed.iter().find(|c| c.0 == s.hash) else {
                    continue;
                };
                if (title && candidate(i)) || (trailer && candidate(i + 1)) {
                    dirty.push(i..(i + 2).min(n));
                }
            }
        }
        coalesce(
            dirty
                .into_iter()
                .map(|r| self.rules().whole_groups(r))
                .collect(),
        )
    }

    /// The articles of each segment (from anchor to anchor: whole articles before the
    /// update and after), with the indices of the articles they replace.
    fn rebuild(
        &mut self,
        text: Source<'_>,
        segments: &[Range<usize>],
        touched: &Touched,
    ) -> Vec<ArticleSplice> {
        let (a, b, new_len) = (touched.old.start, touched.old.end, touched.new_len);
        let shift = new_len as isize - (b - a) as isize;
        // Where a segment's start and end were: before the splice nothing moved, after it
        // everything did (a segment holding the splice starts before and ends after it).
        let was = |i: usize| (i as isize - shift) as usize;
        let old_start = |i: usize| if i <= a { i } else { was(i) };
        let old_end = |i: usize| if i < a + new_len { i } else { was(i) };
        // An old article start kept: where it is now.
        let now = |s: usize| {
            if s >= b {
                (s as isize + shift) as usize
            } else {
                s
            }
        };
        let mut starts = Vec::with_capacity(self.starts.len());
        let mut kept = 0;
        let mut changed = Vec::with_capacity(segments.len());
        for seg in segments {
            let old = self.starts.partition_point(|&s| s < old_start(seg.start))
                ..self.starts.partition_point(|&s| s < old_end(seg.end));
            starts.extend(self.starts[kept..old.start].iter().map(|&s| now(s)));
            starts.extend(starts_of(&self.flags, seg.clone()));
            kept = old.end;
            changed.push(ArticleSplice {
                old,
                new: self.articles(text, seg.clone()),
            });
        }
        starts.extend(self.starts[kept..].iter().map(|&s| now(s)));
        self.starts = starts;
        changed.reverse();
        changed
    }

    /// The file-wide marks of a text: section title (rule 13), trailer (rule 8).
    fn marks(&self, hash: u64) -> (bool, bool) {
        (self.stats.section_title(hash), self.stats.trailer(hash))
    }

    /// The articles of the paragraphs in `range`, which starts an article.
    fn articles(&self, text: Source<'_>, range: Range<usize>) -> Vec<Article> {
        let mut out: Vec<Article> = Vec::new();
        let paras: Vec<Paragraph> = self
            .paras
            .range(range.clone())
            .map(PackedParagraph::unpack)
            .collect();
        let span = match (paras.first(), paras.last()) {
            (Some(first), Some(last)) => first.start..last.end,
            _ => 0..0,
        };
        let mut reader = text.reader(span);
        let mut interviewer: Option<Label> = None;
        for (i, para) in range.zip(paras) {
            let sum = &self.sums[i];
            let kind = if self.flags[i] || i == 0 || out.is_empty() {
                interviewer = None;
                BlockKind::Headline
            } else if sum.is(Fact::Caption) {
                BlockKind::Caption
            } else if sum.is(Fact::SectionHeading) {
                BlockKind::SectionHeading
            } else if let Some(label) = self.turn(i) {
                // The first speaker of an article asks; everyone else answers.
                if *interviewer.get_or_insert(label) == label {
                    BlockKind::Question
                } else {
                    BlockKind::Answer
                }
            } else {
                BlockKind::Body
            };
            // Body text and answers are never read on one line again; keeping them would
            // double the memory.
            let flat = if matches!(kind, BlockKind::Body | BlockKind::Answer) {
                String::new()
            } else {
                flatten(reader.get(para.range()))
            };
            match (kind, out.last_mut()) {
                (BlockKind::Headline, _) | (_, None) => out.push(Article::new(para, &flat)),
                (_, Some(article)) => article.push(kind, para, &flat),
            }
        }
        // Kept until the article changes: no room to grow.
        out.iter_mut().for_each(Article::shrink_to_fit);
        out
    }
}

/// The first paragraph of each article among `range`, which starts one.
fn starts_of(flags: &[bool], range: Range<usize>) -> Vec<usize> {
    let first = range.start;
    range
        .filter(|&i| flags[i] || i == 0 || i == first)
        .collect()
}

/// Sorts and merges overlapping or touching ranges.
fn coalesce(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Reads each paragraph once: its summary for the headline rules and its speaker label.
fn read_paragraphs(
    text: Source<'_>,
    paras: &[Paragraph],
    rules: &Rules,
) -> Vec<(Summary, Option<Label>)> {
    let span = match (paras.first(), paras.last()) {
        (Some(first), Some(last)) => first.start..last.end,
        _ => 0..0,
    };
    let mut reader = text.reader(span);
    paras
        .iter()
        .map(|p| {
            let flat = flatten(reader.get(p.range()));
            let facts = ParaFacts {
                flat: &flat,
                lines: p.line_count(),
                caption: is_caption(&flat, rules),
                section_heading: is_section_heading(&flat),
            };
            (
                Summary::new(&facts, rules),
                // A hash of 0 (one in 2⁶⁴) counts as 1: the niche halves the lists.
                speaker_label(&flat).map(|l| Label::new(text_hash(l)).unwrap_or(Label::MIN)),
            )
        })
        .collect()
}

/// Whether paragraph `i` is an interview turn: its label recurs within the window and
/// another recurring label alternates with it. A lone `GT Voice: ...` headline is then
/// no turn.
fn is_interview_turn(labels: &[Option<Label>], i: usize) -> bool {
    let window = |i: usize| i.saturating_sub(TURN_WINDOW)..(i + TURN_WINDOW + 1).min(labels.len());
    let recurring =
        |i: usize| labels[i].filter(|l| window(i).any(|j| j != i && labels[j] == Some(*l)));
    recurring(i).is_some_and(|label| window(i).any(|j| recurring(j).is_some_and(|o| o != label)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One summary per flat, all one-line paragraphs, with their shares of the stats.
    fn shares(flats: &[&str]) -> Vec<Share> {
        let rules = Rules::default();
        let sums: Vec<Summary> = flats
            .iter()
            .map(|flat| {
                let facts = ParaFacts {
                    flat,
                    lines: 1,
                    caption: false,
                    section_heading: false,
                };
                Summary::new(&facts, &rules)
            })
            .collect();
        let shapes: Vec<Shape> = sums.iter().map(|s| s.shape(false)).collect();
        (0..sums.len()).map(|i| share(&sums, &shapes, i)).collect()
    }

    #[test]
    fn records_kept_per_paragraph_stay_small() {
        assert_eq!(size_of::<PackedParagraph>(), 16);
        assert_eq!(size_of::<Summary>(), 16);
        assert_eq!(size_of::<Option<Label>>(), 8);
    }

    #[test]
    fn text_stats_follow_what_comes_after_each_copy() {
        let title = "Today so far";
        let s = shares(&[title, "The bridge closes.", title, "The ferry runs."]);
        let hash = text_hash(title);
        let mut stats = TextStats::default();
        s.iter().for_each(|&x| stats.add(x));
        // Above two different paragraphs: a section title.
        assert!(stats.section_title(hash));
        stats.remove(s[2]);
        assert!(!stats.section_title(hash));
        stats.add(s[2]);
        assert!(stats.section_title(hash));
        // Both copies above the same paragraph: a repeated article, not a section.
        stats.remove(s[2]);
        stats.add(s[0]);
        assert!(!stats.section_title(hash));
        stats.remove(s[0]);
        stats.remove(s[0]);
        assert!(!stats.section_title(hash));
        // Counted afresh once every copy is gone.
        stats.add(s[0]);
        stats.add(s[2]);
        assert!(stats.section_title(hash));
    }

    #[test]
    fn text_stats_find_boilerplate_above_candidates() {
        let note = "This article was first published by Harbour Daily.";
        let headline = "Harbour city opens its new ferry terminal";
        let s = shares(&[note, headline, note, headline, note, "It rained."]);
        let hash = text_hash(note);
        let mut stats = TextStats::default();
        s.iter().for_each(|&x| stats.add(x));
        // Three copies, two of them above a candidate.
        assert!(stats.trailer(hash));
        // Where the rules read the marks: the headline's copies are candidates, the
        // note's stand above them.
        assert_eq!(stats.read_at(hash), (false, true));
        assert_eq!(stats.read_at(text_hash(headline)), (true, false));
        assert_eq!(stats.read_at(text_hash("It rained.")), (false, false));
        stats.remove(s[0]);
        assert!(!stats.trailer(hash));
    }
}
