//! The analysis of a news dump: plain Rust over text, byte offsets only, no protocol
//! types. The server and the command line both call into this.

pub mod articles;
mod blocks;
pub mod captions;
pub mod describe;
pub mod duplicates;
pub mod entities;
pub(crate) mod fast_hash;
pub mod figures;
pub mod findings;
mod gazetteer;
pub mod headlines;
mod layout;
pub mod people;
pub mod rules;
pub mod source;
pub mod text;
pub mod turns;
mod words;

pub use articles::{Article, ArticleFinder, Block, BlockKind};
use duplicates::ArticleCaptions;
pub use entities::{ArticleEntities, Entities, EntityRef};
pub use findings::{Edited, Finding, FindingsMark, Severity};
use findings::{LineShift, Moves};
use layout::{ArticleSplice, Layout};
pub use rules::{RulePatterns, Rules};
pub use source::Source;
use std::ops::Range;
use std::sync::{Arc, OnceLock};
use text::within_limit;
pub use text::{LineIndex, MAX_TEXT_LEN, Splice};

/// Everything the analysis knows about one text.
#[derive(Debug)]
pub struct Dump {
    pub lines: LineIndex,
    pub articles: Vec<Article>,
    /// What the articles show on their own (copied captions), in document order; made
    /// on every update. [`Dump::all_findings`] adds what needs the dump-wide joins.
    pub findings: Vec<Finding>,
    /// What moved the findings since they were made.
    moves: Moves,
    /// Paragraphs and what the headline rules know of them, for [`Dump::update`].
    layout: Layout,
    /// Per article, what it adds to the dump-wide joins; `None` when only the outline
    /// is analysed.
    scans: Option<Vec<Arc<ArticleScan>>>,
    /// People and figures, joined from the scans when first asked for: the join spans
    /// the whole dump, so an edit does not wait for it. Shared with the joins detached
    /// from this analysis (see [`Dump::detach_join`]), which fill it; an update gives the
    /// analysis a new one.
    entities: Arc<OnceLock<Entities>>,
}

/// A copy for the next update when a reader still holds this one. It shares the
/// articles' scans (an article's scan is the same in both) and leaves out the people and
/// figures, which the next update would drop anyway: copying them would cost more than
/// joining again.
impl Clone for Dump {
    fn clone(&self) -> Dump {
        Dump {
            lines: self.lines.clone(),
            articles: self.articles.clone(),
            findings: self.findings.clone(),
            moves: self.moves.clone(),
            layout: self.layout.clone(),
            scans: self.scans.clone(),
            entities: Arc::default(),
        }
    }
}

/// What one article adds to the dump-wide joins. An article that only moved adds the
/// same, so scans are kept from one update to the next, and shared between copies.
#[derive(Debug)]
struct ArticleScan {
    captions: ArticleCaptions,
    /// Read with the first request for people and figures (see [`Dump::entities`]):
    /// the first diagnostics of a new file need only the captions.
    entities: OnceLock<ArticleEntities>,
}

impl ArticleScan {
    fn all(text: Source<'_>, articles: &[Article], rules: &Rules) -> Vec<Arc<ArticleScan>> {
        crate::parallel::in_parallel(articles, |chunk| {
            chunk
                .iter()
                .map(|a| {
                    Arc::new(ArticleScan {
                        captions: ArticleCaptions::scan(text, a, rules),
                        entities: OnceLock::new(),
                    })
                })
                .collect()
        })
    }
}

/// The people and figures join of an analysis, holding only what it reads and where its
/// result goes (see [`Dump::detach_join`]).
pub struct DetachedJoin {
    text_len: usize,
    /// Each article's start, and its scan, read for people and figures.
    articles: Vec<(usize, Arc<ArticleScan>)>,
    /// The analysis's people and figures, as long as it is not updated.
    into: Arc<OnceLock<Entities>>,
}

impl DetachedJoin {
    /// Joins the people and figures into the analysis this was detached from, unless they
    /// are joined already; a join under way meanwhile (a hover's) is waited for, not
    /// repeated.
    pub fn run(&self) {
        self.into.get_or_init(|| self.join());
    }

    fn join(&self) -> Entities {
        // Skipping an article would leave its people out and number the articles after
        // it wrong (a mention's article is its index here): a scan not read is a bug,
        // not a case.
        let placed: Vec<(usize, &ArticleEntities)> = self
            .articles
            .iter()
            .map(|(at, s)| {
                let read = s.entities.get().expect("detach_join reads every article");
                (*at, read)
            })
            .collect();
        Entities::join(self.text_len, &placed)
    }
}

/// The stretches of articles an edit rebuilt, each with the article before it, whose
/// last copy's removal reads the stretch's first headline: where their caption findings
/// stood and what they held before the edit, for [`Dump::rejoin`].
struct Rebuilt {
    /// The findings of a stretch's articles are those starting in `from..to`, before
    /// the edit, in order.
    stretches: Vec<Range<usize>>,
    /// The reuse keys they held.
    gone: Vec<u64>,
    /// Their indices once rebuilt, in the same order.
    spans: Vec<Range<usize>>,
}

impl Rebuilt {
    /// Read before the edit moves or replaces any article; `changes` as the layout
    /// gives them, last first.
    fn new(articles: &[Article], scans: &[Arc<ArticleScan>], changes: &[ArticleSplice]) -> Rebuilt {
        // Each stretch's indices before and after, merged where they meet.
        let mut both: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        // How far the changes before this one moved the indices of the articles after.
        let mut moved = 0isize;
        for changed in changes.iter().rev() {
            let first = changed.old.start.saturating_sub(1);
            let new = first.saturating_add_signed(moved)
                ..changed.old.start.saturating_add_signed(moved) + changed.new.len();
            moved += changed.new.len() as isize - changed.old.len() as isize;
            match both.last_mut() {
                Some((old, span)) if first <= old.end => {
                    old.end = changed.old.end;
                    span.end = new.end;
                }
                _ => both.push((first..changed.old.end, new)),
            }
        }
        let start = |i: usize| articles.get(i).map_or(usize::MAX, Article::start);
        Rebuilt {
            stretches: both
                .iter()
                .map(|(old, _)| {
                    let from = if old.start == 0 { 0 } else { start(old.start) };
                    from..start(old.end)
                })
                .collect(),
            gone: both
                .iter()
                .flat_map(|(old, _)| &scans[old.clone()])
                .flat_map(|s| duplicates::reuse_keys(&s.captions))
                .collect(),
            spans: both.into_iter().map(|(_, new)| new).collect(),
        }
    }

    /// The stretch a finding from before the edit, at `start`, belongs to, if any.
    fn stretch_of(&self, start: usize) -> Option<usize> {
        let i = self.stretches.partition_point(|s| s.end <= start);
        self.stretches
            .get(i)
            .is_some_and(|s| s.start <= start)
            .then_some(i)
    }

    fn holds(&self, start: usize) -> bool {
        self.stretch_of(start).is_some()
    }
}

/// Whether the articles `new` (with their scans) give the caption join the same
/// findings, moved, as the articles `old` they replace (see [`duplicates::join_reads`]).
fn captions_read_alike(
    old: (&[Article], &[Arc<ArticleScan>]),
    new: (&[Article], &[Arc<ArticleScan>]),
) -> bool {
    old.0.len() == new.0.len()
        && duplicates::join_reads(old.0, old.1.iter().map(|s| &s.captions))
            == duplicates::join_reads(new.0, new.1.iter().map(|s| &s.captions))
}

impl Dump {
    /// The analysis of `text`. A text longer than [`MAX_TEXT_LEN`] (4 GiB) gets an empty
    /// one: no articles, no findings, no people or figures.
    pub fn analyse<'t>(text: impl Into<Source<'t>>, rules: &Rules) -> Dump {
        let text = text.into();
        let mut dump = Dump::outline_only(text, rules);
        dump.scans = Some(ArticleScan::all(text, &dump.articles, rules));
        dump.join(text);
        dump
    }

    /// Articles only: no findings, no people or figures. For files too big to analyse
    /// on every keystroke. Empty, as [`Dump::analyse`], for a text longer than
    /// [`MAX_TEXT_LEN`].
    pub fn outline_only<'t>(text: impl Into<Source<'t>>, rules: &Rules) -> Dump {
        let text = text.into();
        let lines = LineIndex::new(text);
        let (layout, articles) = if within_limit(text.len()) {
            Layout::new(text, &lines, rules)
        } else {
            (Layout::default(), Vec::new())
        };
        Dump {
            lines,
            articles,
            findings: Vec::new(),
            moves: Moves::default(),
            layout,
            scans: None,
            entities: Arc::default(),
        }
    }

    /// The analysis of `text`, which `splice` made from the text `self` analysed, with
    /// the same rules. Only what the splice can reach is analysed again, plus the
    /// caption join; the people and figures join waits until asked for.
    pub fn update<'t>(&mut self, text: impl Into<Source<'t>>, splice: Splice, rules: &Rules) {
        let text = text.into();
        let old_len = text.len() - splice.new_end + splice.old_end;
        if !within_limit(old_len) || !within_limit(text.len()) {
            // The analysis of a text past the limit is empty: nothing to update or move.
            // The new text is analysed afresh (to an empty analysis, if it is past too).
            *self = if self.scans.is_some() {
                Dump::analyse(text, rules)
            } else {
                Dump::outline_only(text, rules)
            };
            return;
        }
        let old_lines = self.lines.line_count() as isize;
        // The last line the splice edits, before: the lines after it move.
        let old_last = self.lines.line_of(splice.old_end);
        self.lines.splice(text, splice);
        let line_delta = self.lines.line_count() as isize - old_lines;
        let changes = self
            .layout
            .update(text, &self.lines, splice, line_delta, rules);
        let rebuilt = self
            .scans
            .as_ref()
            .map(|scans| Rebuilt::new(&self.articles, scans, &changes));
        let bytes = splice.new_end as isize - splice.old_end as isize;
        if bytes != 0 || line_delta != 0 {
            // Articles after the splice moved; those it touched are replaced below.
            let after = self
                .articles
                .partition_point(|a| a.start() <= splice.old_end);
            for a in &mut self.articles[after..] {
                a.shift(bytes, line_delta);
            }
        }
        // Whether the caption join would give the same findings, moved: every article
        // rebuilt holds the same captions, on the same lines, as the one it replaces, and
        // no finding reads the text the splice replaced. (Lines that moved change no
        // finding: a message writes the line it cites when read.)
        let mut same_captions = true;
        // Last first, so that the indices of the others stay valid.
        for changed in changes {
            if let Some(scans) = &mut self.scans {
                let new = ArticleScan::all(text, &changed.new, rules);
                let old = changed.old.clone();
                same_captions = same_captions
                    && captions_read_alike(
                        (&self.articles[old.clone()], &scans[old.clone()]),
                        (&changed.new, &new),
                    );
                scans.splice(old, new);
            }
            self.articles.splice(changed.old, changed.new);
        }
        self.drop_entities();
        if same_captions
            && !self
                .findings
                .iter()
                .any(|f| f.touches(splice.start, splice.old_end))
        {
            for f in &mut self.findings {
                f.shift_after(splice.old_end, bytes);
            }
            let shift = LineShift {
                after: old_last,
                by: line_delta,
            };
            self.moves.record(
                splice,
                self.whole_lines(splice.start..splice.new_end),
                shift,
            );
        } else if !rebuilt.is_some_and(|r| self.rejoin(text, splice, r, old_last, line_delta)) {
            self.join(text);
        }
    }

    /// The byte range of the lines holding `range`, its end included.
    fn whole_lines(&self, range: Range<usize>) -> Range<usize> {
        let first = self.lines.line_of(range.start);
        let last = self.lines.line_of(range.end);
        self.lines.line_start(first)..self.lines.line_start(last + 1)
    }

    /// Brings the caption join up to date after an edit that rebuilt the stretches of
    /// articles `rebuilt` (see [`duplicates::rejoin`]); `false`, with nothing changed,
    /// when a finding of an article outside them reads the splice, which needs the
    /// whole join.
    ///
    /// The findings count as moved, not made anew, when the rejoin changed none outside
    /// the stretches and each stretch holds as many as before: every finding then kept
    /// its place in the list, and those made again lie on the stretches' lines, recorded
    /// as edited (see [`Dump::edited_since`]). `old_last` is the last line the splice
    /// edited, before, and `line_delta` how many lines it added.
    fn rejoin(
        &mut self,
        text: Source<'_>,
        splice: Splice,
        rebuilt: Rebuilt,
        old_last: usize,
        line_delta: isize,
    ) -> bool {
        let Some(scans) = &self.scans else {
            return false;
        };
        // Outside the stretches, only a reused caption's finding may read the splice:
        // one pointing at a first use in them, which the rejoin makes again.
        let first_use_rebuilt = |f: &Finding| {
            f.code == duplicates::REUSED
                && f.related()
                    .next()
                    .is_some_and(|(r, _)| rebuilt.holds(r.start))
        };
        if self.findings.iter().any(|f| {
            f.touches(splice.start, splice.old_end)
                && !rebuilt.holds(f.range().start)
                && !first_use_rebuilt(f)
        }) {
            return false;
        }
        let bytes = splice.new_end as isize - splice.old_end as isize;
        // How many findings each stretch held.
        let mut taken = vec![0; rebuilt.stretches.len()];
        self.findings
            .retain_mut(|f| match rebuilt.stretch_of(f.range().start) {
                Some(i) => {
                    taken[i] += 1;
                    false
                }
                None => {
                    f.shift_after(splice.old_end, bytes);
                    true
                }
            });
        let rejoined = duplicates::rejoin(
            text,
            &self.lines,
            &self.articles,
            |a| &scans[a].captions,
            &rebuilt.spans,
            rebuilt.gone,
            &mut self.findings,
        );
        if rejoined.changed_others || rejoined.made != taken {
            self.moves = Moves::default();
            return true;
        }
        let shift = LineShift {
            after: old_last,
            by: line_delta,
        };
        let edited = self.whole_lines(splice.start..splice.new_end);
        self.moves.record(splice, edited, shift);
        for span in rebuilt.spans.iter().filter(|s| !s.is_empty()) {
            let articles =
                self.articles[span.start].start()..self.articles[span.end - 1].range().end;
            self.moves.also_edited(self.whole_lines(articles));
        }
        true
    }

    /// Where the findings stand against an earlier analysis of the same document (see
    /// [`Dump::edited_since`]).
    pub fn findings_mark(&self) -> FindingsMark {
        self.moves.mark()
    }

    /// The lines edited since `mark` was taken, as byte ranges into the text analysed, if
    /// the findings then are these findings, moved: outside those lines, each of them
    /// stands on the same column as it did, on the line [`Edited::line_now`] gives.
    /// `None` when the findings were made anew since.
    pub fn edited_since(&self, mark: FindingsMark) -> Option<Edited<'_>> {
        self.moves.edited_since(mark)
    }

    /// The article whose range holds `offset` (its end included).
    pub fn article_at(&self, offset: usize) -> Option<&Article> {
        let after = self.articles.partition_point(|a| a.start() <= offset);
        let article = &self.articles[after.checked_sub(1)?];
        (offset <= article.range().end).then_some(article)
    }

    /// Finds the articles holding offsets asked for mostly in document order.
    pub fn article_finder(&self) -> ArticleFinder<'_> {
        ArticleFinder::new(&self.articles)
    }

    /// The people and figures are joined again when next asked for. A join detached
    /// from the analysis as it was fills the old ones, then drops them.
    fn drop_entities(&mut self) {
        // Freeing the old people and figures takes a while on a big dump: not on the
        // way to the new diagnostics.
        if let Ok(old) = Arc::try_unwrap(std::mem::take(&mut self.entities))
            && let Some(old) = old.into_inner()
        {
            std::thread::spawn(move || drop(old));
        }
    }

    /// The findings of the caption join.
    fn join(&mut self, text: Source<'_>) {
        if let Some(scans) = &self.scans {
            let captions: Vec<&ArticleCaptions> = scans.iter().map(|s| &s.captions).collect();
            self.findings = duplicates::join(text, &self.lines, &self.articles, &captions);
            self.moves = Moves::default();
        }
    }

    /// People and figures of the whole dump (none when only the outline is analysed).
    /// `text` is the text analysed; articles not read for people and figures yet are
    /// read now.
    pub fn entities<'t>(&self, text: impl Into<Source<'t>>) -> &Entities {
        let text = text.into();
        self.entities.get_or_init(|| match self.detach_join(text) {
            Some(join) => join.join(),
            None => Entities::default(),
        })
    }

    /// The people and figures join, cut loose from this analysis: it holds the
    /// articles' scans (read for people and figures now, if they were not) and where
    /// the people go, not the analysis, so that while it runs (most of a second on a
    /// 50 MB dump) the next edit can update the analysis in place instead of copying
    /// it. [`DetachedJoin::run`] gives the people to this analysis, unless an
    /// update came first. `None` when only the outline is analysed.
    pub fn detach_join<'t>(&self, text: impl Into<Source<'t>>) -> Option<DetachedJoin> {
        let text = text.into();
        let scans = self.scans.as_ref()?;
        let pairs: Vec<(&Article, &Arc<ArticleScan>)> = self.articles.iter().zip(scans).collect();
        // Articles not read for people and figures yet are read now, on all cores.
        let articles = crate::parallel::in_parallel(&pairs, |chunk| {
            chunk
                .iter()
                .map(|&(a, s)| {
                    s.entities
                        .get_or_init(|| ArticleEntities::scan(&text.get(a.range())));
                    (a.range().start, s.clone())
                })
                .collect()
        });
        Some(DetachedJoin {
            text_len: text.len(),
            articles,
            into: self.entities.clone(),
        })
    }

    /// The people and figures, if they are joined already.
    pub fn entities_if_joined(&self) -> Option<&Entities> {
        self.entities.get()
    }

    /// Every finding, in document order: the articles' own and those of the people
    /// join (name variants). `text` is the text analysed.
    pub fn all_findings<'t>(&self, text: impl Into<Source<'t>>) -> Vec<Finding> {
        let text = text.into();
        let mut all = self.findings.clone();
        all.extend(self.entities(text).name_variants(text));
        all.sort_by_key(|f| f.range().start);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Harbour city opens a ferry terminal\n\nPhoto: Xinhua\n\nPhoto: Xinhua\n\n\
                        The council approved the plan on Monday, the mayor said.\n";

    #[test]
    fn the_finder_finds_what_article_at_finds() {
        let rules = Rules::default();
        // Far more articles than the finder walks past.
        let text = include_str!("../../examples/sample.newsdump").repeat(40);
        let dump = Dump::analyse(&text, &rules);
        assert!(
            dump.articles.len() > 2 * articles::WALK,
            "{}",
            dump.articles.len()
        );
        let offsets: Vec<usize> = (0..=text.len() + 2).collect();
        // Forward, backward, and jumping about.
        let mut orders = vec![offsets.clone(), offsets.iter().rev().copied().collect()];
        orders.push(
            offsets
                .iter()
                .map(|&x| (x * 37) % (text.len() + 3))
                .collect(),
        );
        // Ahead by many articles at a time.
        orders.push(offsets.iter().step_by(text.len() / 7).copied().collect());
        for order in orders {
            let mut finder = dump.article_finder();
            for x in order {
                assert_eq!(
                    finder.find(x).map(|a| a.id),
                    dump.article_at(x).map(|a| a.id),
                    "at {x}"
                );
            }
        }
    }

    /// A text of many rope chunks and reader windows is analysed from a rope as from a
    /// string, afresh and after an edit.
    #[test]
    fn a_rope_is_analysed_as_its_string() {
        let rules = Rules::default();
        let mut text = include_str!("../../examples/sample.newsdump").repeat(40);
        let mut rope = ropey::Rope::from_str(&text);
        fn same(from_rope: &Dump, rope: &ropey::Rope, from_str: &Dump, text: &str) {
            assert_eq!(from_rope.articles, from_str.articles);
            assert_eq!(from_rope.all_findings(rope), from_str.all_findings(text));
            assert_eq!(
                from_rope.entities(rope).people,
                from_str.entities(text).people
            );
            let lines = |d: &Dump| {
                let starts: Vec<usize> = (0..d.lines.line_count())
                    .map(|l| d.lines.line_start(l))
                    .collect();
                starts
            };
            assert_eq!(lines(from_rope), lines(from_str));
            // Hovers read sentences and mentions, some across the rope's chunks.
            let people = (0..from_str.entities(text).people.len()).map(EntityRef::Person);
            let figures = (0..from_str.entities(text).figures().count()).map(EntityRef::Figure);
            for e in people.chain(figures) {
                assert_eq!(
                    describe::describe(from_rope, rope, e),
                    describe::describe(from_str, text, e),
                    "{e:?}"
                );
            }
        }
        let mut dump = Dump::analyse(&rope, &rules);
        same(&dump, &rope, &Dump::analyse(&text, &rules), &text);
        let at = text.len() / 2 + text[text.len() / 2..].find("\n\n").unwrap();
        let typed = "\n\nPhoto: Xinhua\n\nPhoto: Xinhua\n\n“Quoted” 😀\r\n";
        text.insert_str(at, typed);
        rope.insert(rope.byte_to_char(at), typed);
        let splice = Splice {
            start: at,
            old_end: at,
            new_end: at + typed.len(),
        };
        dump.update(&rope, splice, &rules);
        same(&dump, &rope, &Dump::analyse(&text, &rules), &text);
    }

    /// `typed` inserted at `at` in `text`, and `dump` updated for it.
    fn type_into(dump: &mut Dump, text: &mut String, at: usize, typed: &str, rules: &Rules) {
        text.insert_str(at, typed);
        let splice = Splice {
            start: at,
            old_end: at,
            new_end: at + typed.len(),
        };
        dump.update(&*text, splice, rules);
    }

    /// Lines typed into the first article's body and headline, and into the second's
    /// body: the findings are those made afresh, their messages cite the lines where the
    /// first copies now stand, and they were moved, not made anew. A line typed between
    /// two copies makes their finding again, on lines the update counts as edited.
    #[test]
    fn a_line_typed_moves_the_caption_findings() {
        let rules = Rules::default();
        let second = "Storm closes the coast road\n\nPhoto: Lin Bo\n\nPhoto: Lin Bo\n\n\
                      The road reopens on Friday.\n\nCrews cleared the rocks by noon.\n";
        let mut text = format!("{TEXT}\n{second}");
        let mut dump = Dump::analyse(&text, &rules);
        let messages = |dump: &Dump| -> Vec<String> {
            dump.findings
                .iter()
                .map(|f| f.message(&dump.lines).into())
                .collect()
        };
        let mark = dump.findings_mark();
        let typed = [
            ("", [3, 11]),
            ("The council", [3, 12]),
            ("Harbour", [4, 13]),
            ("The road", [4, 13]),
            ("the rocks", [4, 13]),
        ];
        for (at, lines) in typed {
            if !at.is_empty() {
                let start = text.find(at).unwrap() + 3;
                type_into(&mut dump, &mut text, start, "\n", &rules);
            }
            assert_eq!(dump.findings, Dump::analyse(&text, &rules).findings);
            assert_eq!(
                messages(&dump),
                lines.map(|l| format!("identical copy of the caption on line {l}"))
            );
        }
        let edited = dump
            .edited_since(mark)
            .expect("findings moved, not made anew");
        assert!(edited.moved_lines());
        assert_eq!(edited.line_now(2), 3);
        assert_eq!(edited.line_now(30), 34);
        // Between the copies: the line count between them decides the removal. Their
        // article's findings are made again, on lines counted as edited.
        let start = text.rfind("\n\nPhoto: Lin Bo").unwrap() + 1;
        let mark = dump.findings_mark();
        type_into(&mut dump, &mut text, start, "\n", &rules);
        assert_eq!(dump.findings, Dump::analyse(&text, &rules).findings);
        let edited = dump.edited_since(mark).expect("the others moved");
        let copy = dump.findings.last().unwrap();
        assert!(edited.lines.iter().any(|r| copy.reaches_into(r)));
    }

    /// A line typed under a reused caption, or under its first use, joins its
    /// paragraph: the credit takes the word, so the caption reads as before, and the
    /// finding's ranges are not touched, but one of them is that paragraph, now a line
    /// longer. Words typed on the captions' lines or next to them reach the findings
    /// or change the captions.
    #[test]
    fn a_reused_caption_that_grows_gets_its_range_anew() {
        let rules = Rules::default();
        let article = |headline: &str| {
            format!(
                "{headline}\n\nThe pier at dawn. Photo: Lin Bo  \n\n\
                 The mayor spoke on Monday, the council said.\n\n"
            )
        };
        let text = format!(
            "{}{}",
            article("Ferry line opens"),
            article("Storm closes the road")
        );
        let second = text.rfind("Lin Bo  \n").unwrap() + "Lin Bo  \n".len();
        let first = text.find("Lin Bo  \n").unwrap() + "Lin Bo  ".len();
        for (at, typed) in [
            (second, "x\n"),
            (first + 1, "x\n"),
            (second, "x"),
            (first, "x"),
            (second - 1, "x"),
        ] {
            let mut text = text.clone();
            let mut dump = Dump::analyse(&text, &rules);
            assert_eq!(dump.findings.len(), 1, "{text:?}");
            type_into(&mut dump, &mut text, at, typed, &rules);
            assert_eq!(
                dump.findings,
                Dump::analyse(&text, &rules).findings,
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_detached_join_holds_neither_text_nor_analysis_and_gives_the_same_people() {
        let text = "Harbour master looks ahead to a busy winter season\n\n\
                    Harbour master Lena Marsh said 40 ships are due in December.\n\n\
                    Marsh said the second pier opens in March.\n\n\
                    Ferry fares rise for the first time in years\n\n\
                    Lena Marsch, the harbour master, said fares rise by 40 cents.\n";
        let rules = Rules::default();
        let fresh = Dump::analyse(text, &rules);
        let dump = Arc::new(Dump::analyse(text, &rules));
        let join = dump.detach_join(text).expect("analysed in full");
        // Only the caller holds the analysis: an edit would update it in place.
        assert_eq!(Arc::strong_count(&dump), 1);
        join.run();
        let people = &dump.entities_if_joined().expect("joined").people;
        assert_eq!(people, &fresh.entities(text).people);
        assert!(people.iter().any(|p| p.name == "Lena Marsh"));
        // Asked for again, they are the same, not joined anew.
        assert!(std::ptr::eq(
            dump.entities(text),
            dump.entities_if_joined().unwrap()
        ));

        // An update before the join ends: the updated analysis joins its own.
        let mut updated = Dump::analyse(text, &rules);
        let join = updated.detach_join(text).expect("analysed in full");
        let mut edited = text.to_string();
        type_into(&mut updated, &mut edited, 0, "A ", &rules);
        join.run();
        assert!(updated.entities_if_joined().is_none());
    }

    /// The people are the same for any text length from the last article's end on: a
    /// detached join may read the text's length of an analysis the text has since grown
    /// past, as long as no article changed. Its short `Marsh` goes to the
    /// Tom Marsh named after it in its own article, which the join looks for only up to
    /// that length (one cut short of him gives the short `Marsh` to Lena Marsh).
    #[test]
    fn a_join_gives_the_same_people_for_any_text_length_past_the_last_article() {
        let text = "Harbour master looks ahead to a busy winter season\n\n\
                    Harbour master Lena Marsh said 40 ships are due in December.\n\n\
                    Lena Marsh said the second pier opens in March.\n\n\
                    Ferry fares rise for the first time in years\n\n\
                    Marsh sails daily. Ferry captain Tom Marsh said fares rise by 40 cents.\n\n\n";
        let dump = Dump::analyse(text, &Rules::default());
        let join = dump.detach_join(text).expect("analysed in full");
        let people = join.join().people;
        let tom = people.iter().find(|p| p.name == "Tom Marsh").expect("Tom");
        let short = text.rfind("Marsh sails").unwrap();
        assert!(tom.mentions.iter().any(|m| m.range().start == short));
        let end = dump.articles.last().unwrap().range().end;
        for text_len in [end, text.len(), text.len() + 100] {
            let other = DetachedJoin {
                text_len,
                articles: join.articles.clone(),
                into: Arc::default(),
            };
            assert_eq!(other.join().people, people, "{text_len}");
        }
    }

    /// Only [`Dump::detach_join`] makes a join, with every article read; one made
    /// otherwise must not quietly leave articles out.
    #[test]
    #[should_panic(expected = "detach_join reads every article")]
    fn a_join_with_an_article_not_read_for_people_panics() {
        let text = "Harbour master looks ahead to a busy winter season\n\n\
                    Harbour master Lena Marsh said 40 ships are due in December.\n";
        let dump = Dump::analyse(text, &Rules::default());
        let scans = dump.scans.as_ref().expect("analysed in full");
        let join = DetachedJoin {
            text_len: text.len(),
            articles: dump
                .articles
                .iter()
                .zip(scans)
                .map(|(a, s)| (a.range().start, s.clone()))
                .collect(),
            into: Arc::default(),
        };
        join.run();
    }

    #[test]
    fn answers_keep_no_one_line_form() {
        let text = "Harbour master looks ahead to a busy winter season\n\n\
                    The port of Wexmouth expects more ships than ever this winter.\n\n\
                    GT: What will change on the quays?\n\n\
                    Hao: We are opening a second pier and hiring forty new staff.\n\n\
                    GT: And the ferries?\n\n\
                    Hao: They keep their timetable, with two more crossings at weekends.\n";
        let dump = Dump::analyse(text, &Rules::default());
        let blocks: Vec<(BlockKind, &str)> = dump.articles[0]
            .blocks()
            .map(|b| (b.kind, b.flat))
            .filter(|(kind, _)| matches!(kind, BlockKind::Question | BlockKind::Answer))
            .collect();
        assert_eq!(
            blocks,
            [
                (BlockKind::Question, "GT: What will change on the quays?"),
                (BlockKind::Answer, ""),
                (BlockKind::Question, "GT: And the ferries?"),
                (BlockKind::Answer, ""),
            ]
        );
    }

    /// No 4 GiB text here: the splice says the text it changed was that long, and the
    /// update starts afresh instead of moving offsets that did not fit.
    #[test]
    fn an_update_from_a_text_past_the_limit_analyses_anew() {
        let rules = Rules::default();
        let fresh = Dump::analyse(TEXT, &rules);
        assert_eq!(fresh.articles.len(), 1);
        assert_eq!(fresh.findings.len(), 1);
        for outline in [false, true] {
            let mut dump = if outline {
                Dump::outline_only("", &rules)
            } else {
                Dump::analyse("", &rules)
            };
            dump.update(
                TEXT,
                Splice {
                    start: 0,
                    old_end: MAX_TEXT_LEN + 1,
                    new_end: TEXT.len(),
                },
                &rules,
            );
            assert_eq!(dump.articles, fresh.articles);
            assert_eq!(dump.lines.line_count(), 8);
            assert_eq!(dump.scans.is_none(), outline);
            assert_eq!(dump.findings.len(), if outline { 0 } else { 1 });
        }
    }
}
