//! Findings: what the analysis has to say about a dump, in plain terms. The server turns
//! them into diagnostics and code actions, the command line into `FILE:LINE:COL` lines
//! and `--fix` edits.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use super::text::{LineIndex, Splice};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "info",
            Severity::Hint => "hint",
        }
    }
}

/// A text edit in byte offsets, with the text it expects to replace, so that a fix
/// computed on one version can refuse to apply to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub expected: String,
    pub replacement: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// Part of "fix all": the safe, default fix for this finding.
    pub preferred: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
}

/// What a finding says. It may cite the line of the finding's first related range
/// (`identical copy of the caption on line 175`): that number is written when the
/// message is read, from the finding's offsets, so that a finding moved down a line by
/// an edit before it says the same and needs no new message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Message {
    text: String,
    /// Where in `text` the cited line's number goes.
    cite: Option<usize>,
}

impl Message {
    /// `before`, the line of the finding's first related range (1-based), then `after`.
    pub fn citing_line(before: &str, after: &str) -> Message {
        Message {
            text: format!("{before}{after}"),
            cite: Some(before.len()),
        }
    }
}

impl From<String> for Message {
    fn from(text: String) -> Message {
        Message { text, cite: None }
    }
}

/// Made with [`Finding::new`]; what it says is read only, its offsets move with edits.
///
/// They move in two groups: its own range with its fixes' edits, and its related ranges
/// (a reused photo's first use, far above the copy). Each group keeps its offsets as
/// made, with how far the group moved since: a keystroke before the finding moves two
/// numbers, not its lists, which on a big dump are thousands of small allocations read
/// after every keystroke.
#[derive(Debug, Clone)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    message: Message,
    range: Range<usize>,
    related: Vec<Related>,
    fixes: Vec<Fix>,
    /// A hash of all of the above but the offsets (see [`Finding::content`]).
    content: u64,
    /// Where each group's offsets lie now, the text its fixes copy included (its own
    /// again for the related group when it has none): read without following its lists.
    hulls: [Range<usize>; 2],
    /// How far each group moved since it was made.
    moved: [isize; 2],
}

/// The groups of a finding's offsets (see [`Finding`]).
const OWN: usize = 0;
const RELATED: usize = 1;

/// `range` moved by `by`; a move keeps offsets within the text, so the sum is exact.
fn placed(range: &Range<usize>, by: isize) -> Range<usize> {
    range.start.wrapping_add_signed(by)..range.end.wrapping_add_signed(by)
}

/// Two are equal when they say the same at the same offsets, however they got there.
impl PartialEq for Finding {
    fn eq(&self, other: &Finding) -> bool {
        (self.code, self.severity, &self.message, self.content)
            == (other.code, other.severity, &other.message, other.content)
            && self.range() == other.range()
            && self.related().eq(other.related())
            && self.fixes().eq(other.fixes())
    }
}

impl Eq for Finding {}

impl Finding {
    pub fn new(
        code: &'static str,
        severity: Severity,
        message: impl Into<Message>,
        range: Range<usize>,
        related: Vec<Related>,
        fixes: Vec<Fix>,
    ) -> Finding {
        let mut finding = Finding {
            code,
            severity,
            message: message.into(),
            range,
            related,
            fixes,
            content: 0,
            hulls: [0..0, 0..0],
            moved: [0, 0],
        };
        let mut h = DefaultHasher::new();
        finding.hash_content(&mut h);
        finding.content = h.finish();
        finding.hulls = finding.made_hulls();
        finding
    }

    /// The hulls of the groups, read from the lists.
    fn made_hulls(&self) -> [Range<usize>; 2] {
        let own = std::iter::once(self.range())
            .chain(self.edits().map(|(r, _)| r))
            .chain(self.copied());
        let own = hull(own).unwrap_or(0..0);
        let related = hull(self.related().map(|(r, _)| r));
        [own.clone(), related.unwrap_or(own)]
    }

    /// The range the finding is about.
    pub fn range(&self) -> Range<usize> {
        placed(&self.range, self.moved[OWN])
    }

    /// Each related range, with what it says.
    pub fn related(&self) -> impl Iterator<Item = (Range<usize>, &str)> + '_ {
        let by = self.moved[RELATED];
        self.related
            .iter()
            .map(move |r| (placed(&r.range, by), r.message.as_str()))
    }

    /// Each fix, its edits where they stand now.
    pub fn fixes(&self) -> impl Iterator<Item = Fix> + '_ {
        let by = self.moved[OWN];
        self.fixes.iter().map(move |f| Fix {
            title: f.title.clone(),
            preferred: f.preferred,
            edits: f
                .edits
                .iter()
                .map(|e| Edit {
                    range: placed(&e.range, by),
                    expected: e.expected.clone(),
                    replacement: e.replacement.clone(),
                })
                .collect(),
        })
    }

    pub fn has_fixes(&self) -> bool {
        !self.fixes.is_empty()
    }

    /// The range of each fix edit, and the edit.
    fn edits(&self) -> impl Iterator<Item = (Range<usize>, &Edit)> {
        let by = self.moved[OWN];
        self.fixes
            .iter()
            .flat_map(|f| &f.edits)
            .map(move |e| (placed(&e.range, by), e))
    }

    /// Before each fix edit, the text its replacement copies (the line break a removal
    /// keeps).
    fn copied(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.edits()
            .map(|(r, e)| r.start.saturating_sub(e.replacement.len())..r.start)
    }

    /// What the finding says, in the text whose lines are `lines`.
    pub fn message(&self, lines: &LineIndex) -> Cow<'_, str> {
        let Message { text, cite } = &self.message;
        match (cite, self.cited_offset()) {
            (Some(at), Some(offset)) => {
                let line = lines.line_of(offset) + 1;
                Cow::Owned(format!("{}{line}{}", &text[..*at], &text[*at..]))
            }
            _ => Cow::Borrowed(text),
        }
    }

    /// The offset whose line the message cites, if it cites one.
    pub fn cited_offset(&self) -> Option<usize> {
        self.message.cite?;
        self.related().next().map(|(r, _)| r.start)
    }

    /// Where the cited line's number starts in the message, if it cites one.
    pub fn cite_at(&self) -> Option<usize> {
        self.cited_offset().and(self.message.cite)
    }

    /// Whether any of its offsets lies in `range`.
    pub fn reaches_into(&self, range: &Range<usize>) -> bool {
        self.hulls
            .iter()
            .any(|h| h.start < range.end && h.end >= range.start)
            && self.offsets().any(|x| range.contains(&x))
    }

    /// A hash of what the finding says: everything but its offsets, so that a finding
    /// that only moved keeps it. Made once, with the finding: the server keys the
    /// diagnostic made for a finding by it after every edit, and hashing the captions
    /// quoted in the fixes each time took a millisecond on a big dump.
    pub fn content(&self) -> u64 {
        self.content
    }

    /// Every range the finding holds: its own, its related ranges, its fix edits'.
    fn ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        std::iter::once(self.range())
            .chain(self.related().map(|(r, _)| r))
            .chain(self.edits().map(|(r, _)| r))
    }

    /// Whether anything the finding reads or points at touches `start..=end` (ends
    /// included: text typed right at a paragraph's edge may belong to it). That is its
    /// ranges, and before each fix edit the text its replacement copies (the line break
    /// a removal keeps).
    pub fn touches(&self, start: usize, end: usize) -> bool {
        // Every range, the copied text included, lies in a hull: all but a few findings
        // are answered without their lists, on a keystroke.
        if !self.hulls.iter().any(|h| h.start <= end && h.end >= start) {
            return false;
        }
        let hits = |r: Range<usize>| r.start <= end && r.end >= start;
        // The copied text ends where its edit starts: one stretch with it.
        hits(self.range())
            || self.related().any(|(r, _)| hits(r))
            || self
                .edits()
                .any(|(r, e)| hits(r.start.saturating_sub(e.replacement.len())..r.end))
    }

    /// Every offset the finding holds: both ends of each of its ranges.
    pub fn offsets(&self) -> impl Iterator<Item = usize> + '_ {
        self.ranges().flat_map(|r| [r.start, r.end])
    }

    fn hash_content<H: Hasher>(&self, state: &mut H) {
        (self.code, self.severity, &self.message).hash(state);
        (self.related.len(), self.fixes.len()).hash(state);
        for r in &self.related {
            r.message.hash(state);
        }
        for f in &self.fixes {
            (&f.title, f.preferred, f.edits.len()).hash(state);
            for e in &f.edits {
                (&e.expected, &e.replacement).hash(state);
            }
        }
    }

    /// Moves every offset past `after` by `bytes`, as text before them grew or shrank.
    /// A group wholly past it moves as one; one that `after` falls inside (text typed
    /// between two of its ranges, touching neither) moves offset by offset.
    pub fn shift_after(&mut self, after: usize, bytes: isize) {
        for group in [OWN, RELATED] {
            let hull = &mut self.hulls[group];
            if hull.end <= after {
                continue;
            }
            if hull.start > after {
                self.moved[group] += bytes;
                *hull = placed(hull, bytes);
                continue;
            }
            hull.end = hull.end.saturating_add_signed(bytes);
            let by = std::mem::take(&mut self.moved[group]);
            let shift = |r: &mut Range<usize>| {
                *r = placed(r, by);
                for x in [&mut r.start, &mut r.end] {
                    if *x > after {
                        *x = x.saturating_add_signed(bytes);
                    }
                }
            };
            if group == OWN {
                shift(&mut self.range);
                self.fixes
                    .iter_mut()
                    .flat_map(|f| &mut f.edits)
                    .for_each(|e| shift(&mut e.range));
            } else {
                self.related.iter_mut().for_each(|r| shift(&mut r.range));
            }
        }
    }
}

/// From the first start of `ranges` to the last end; `None` when there are none.
fn hull(ranges: impl Iterator<Item = Range<usize>>) -> Option<Range<usize>> {
    ranges.reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))
}

/// The updates that moved a dump's findings without making them anew (an edit on
/// lines that no finding reads): the lines each one edited, and how it moved the lines
/// after them.
#[derive(Debug, Clone)]
pub(crate) struct Moves {
    /// Tells the findings made by one join from those of any other, in this process.
    made: u64,
    /// Byte ranges of whole lines in the current text, one per update, the earliest
    /// first.
    edited: Vec<Range<usize>>,
    /// One per update, in the same order.
    shifts: Vec<LineShift>,
}

/// The lines after line `after` (as the text before the update counted them) moved by
/// `by` lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineShift {
    pub(crate) after: usize,
    pub(crate) by: isize,
}

/// What the updates since a [`FindingsMark`] did: see
/// [`Dump::edited_since`](super::Dump::edited_since).
#[derive(Debug, Clone, Copy)]
pub struct Edited<'a> {
    /// Byte ranges of whole lines in the current text.
    pub lines: &'a [Range<usize>],
    shifts: &'a [LineShift],
}

impl Edited<'_> {
    /// Whether any line moved.
    pub fn moved_lines(&self) -> bool {
        self.shifts.iter().any(|s| s.by != 0)
    }

    /// Where a line of the text as it was at the mark stands now, for a line none of
    /// the updates edited.
    pub fn line_now(&self, line: usize) -> usize {
        self.shifts.iter().fold(line, |line, s| {
            if line > s.after {
                line.saturating_add_signed(s.by)
            } else {
                line
            }
        })
    }
}

/// See [`Dump::findings_mark`](super::Dump::findings_mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FindingsMark {
    made: u64,
    moves: usize,
}

/// Past this many updates, the findings count as made anew: readers start over.
const MAX_MOVES: usize = 256;

impl Default for Moves {
    fn default() -> Moves {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Moves {
            made: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            edited: Vec::new(),
            shifts: Vec::new(),
        }
    }
}

impl Moves {
    /// Records an update by `splice` that edited the lines `edited` (in the new text)
    /// and moved those after them by `shift`. The ranges recorded before are brought
    /// into the new text: moved when after the splice, widened over the new lines when
    /// they reach into it.
    pub(crate) fn record(&mut self, splice: Splice, edited: Range<usize>, shift: LineShift) {
        if self.edited.len() >= MAX_MOVES {
            *self = Moves::default();
        }
        let moved = |x: usize| {
            if x > splice.old_end {
                x.saturating_add_signed(splice.new_end as isize - splice.old_end as isize)
            } else {
                x.min(splice.new_end)
            }
        };
        for r in &mut self.edited {
            if r.end < splice.start {
                continue;
            }
            let end = moved(r.end);
            r.start = if r.start > splice.old_end {
                moved(r.start)
            } else {
                r.start.min(edited.start)
            };
            r.end = if r.start > edited.end {
                end
            } else {
                end.max(edited.end)
            };
        }
        self.edited.push(edited);
        self.shifts.push(shift);
    }

    /// Records the lines `edited` (in the current text) as edited by the update
    /// recorded last, which moved no line there: the lines of findings it made again
    /// away from its splice.
    pub(crate) fn also_edited(&mut self, edited: Range<usize>) {
        self.edited.push(edited);
        self.shifts.push(LineShift {
            after: usize::MAX,
            by: 0,
        });
    }

    pub(crate) fn mark(&self) -> FindingsMark {
        FindingsMark {
            made: self.made,
            moves: self.edited.len(),
        }
    }

    /// See [`Dump::edited_since`](super::Dump::edited_since).
    pub(crate) fn edited_since(&self, mark: FindingsMark) -> Option<Edited<'_>> {
        if mark.made != self.made {
            return None;
        }
        Some(Edited {
            lines: self.edited.get(mark.moves..)?,
            shifts: self.shifts.get(mark.moves..)?,
        })
    }
}

/// Why a set of edits could not be applied. Nothing is applied then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The range is outside the text or cuts a character in two.
    OutOfBounds(Range<usize>),
    /// Two edits touch the same text.
    Overlap(Range<usize>, Range<usize>),
    /// The text at the range is no longer what the edit was computed on.
    Stale(Range<usize>),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::OutOfBounds(r) => write!(f, "edit {r:?} is outside the text"),
            EditError::Overlap(a, b) => write!(f, "edits {a:?} and {b:?} overlap"),
            EditError::Stale(r) => write!(f, "the text at {r:?} has changed"),
        }
    }
}

/// Applies `edits` to `text`, from the end backwards. Every edit must still find its
/// `expected` text and none may overlap another (two insertions at one offset count as
/// overlapping); otherwise nothing is applied.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> Result<String, EditError> {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    for pair in sorted.windows(2) {
        let (a, b) = (&pair[0].range, &pair[1].range);
        if b.start < a.end || (a.start == b.start && a.is_empty()) {
            return Err(EditError::Overlap(a.clone(), b.clone()));
        }
    }
    for e in &sorted {
        match text.get(e.range.clone()) {
            None => return Err(EditError::OutOfBounds(e.range.clone())),
            Some(t) if t != e.expected => return Err(EditError::Stale(e.range.clone())),
            Some(_) => {}
        }
    }
    let mut out = text.to_string();
    for e in sorted.iter().rev() {
        out.replace_range(e.range.clone(), &e.replacement);
    }
    Ok(out)
}

/// The preferred fix of each finding, skipping any whose edits overlap a fix already
/// taken (in the order of `findings`), so that the result can go to [`apply_edits`].
pub fn compatible_preferred_fixes<'a>(
    findings: impl IntoIterator<Item = &'a Finding>,
) -> Vec<(&'a Finding, Fix)> {
    let mut taken: Vec<(&Finding, Fix)> = Vec::new();
    // The ranges taken so far, start → end; they never overlap, so a new range can only
    // clash with its nearest neighbours on either side.
    let mut ranges: BTreeMap<usize, usize> = BTreeMap::new();
    let clashes = |ranges: &BTreeMap<usize, usize>, r: &Range<usize>| {
        let before = ranges.range(..=r.start).next_back();
        let after = ranges.range(r.start..).next();
        [before, after]
            .into_iter()
            .flatten()
            .any(|(&s, &e)| overlaps(r, &(s..e)))
    };
    for f in findings {
        let Some(fix) = f.fixes().find(|x| x.preferred) else {
            continue;
        };
        if fix.edits.iter().any(|e| clashes(&ranges, &e.range)) {
            continue;
        }
        for e in &fix.edits {
            ranges.insert(e.range.start, e.range.end);
        }
        taken.push((f, fix));
    }
    taken
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || (a.start == b.start && (a.is_empty() || b.is_empty()))
}

/// One fix applied by [`fix_all`], placed in the text as it was before any fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedFix {
    pub code: &'static str,
    pub title: String,
    /// The finding's range in the original text.
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixAll {
    pub text: String,
    /// In the order of the original text.
    pub applied: Vec<AppliedFix>,
}

/// Passes of [`fix_all`]: one is the rule; another is needed only when two fixes
/// touched the same blank lines.
const MAX_FIX_PASSES: usize = 8;

/// Applies every preferred fix: the same as "fix all" in an editor and `check --fix`.
/// Fixes that overlap are left for another pass over the fixed text, so the result
/// has no preferred fix left (applying it again changes nothing).
pub fn fix_all(text: &str, rules: &super::Rules) -> FixAll {
    let mut current = text.to_string();
    let mut applied = Vec::new();
    // Each pass's edits as (range in that pass's text, replacement length), to place
    // later passes' findings back in the original text.
    let mut passes: Vec<Vec<(Range<usize>, usize)>> = Vec::new();
    for _ in 0..MAX_FIX_PASSES {
        let dump = super::Dump::analyse(&current, rules);
        // The articles' own findings: those of the people join (name variants) have
        // no preferred fix.
        let fixes = compatible_preferred_fixes(&dump.findings);
        let edits: Vec<&Edit> = fixes.iter().flat_map(|(_, fix)| &fix.edits).collect();
        if edits.is_empty() {
            break;
        }
        let Ok(next) = apply_edits(&current, &edits) else {
            break;
        };
        for (finding, fix) in &fixes {
            let back = |offset| to_original(&passes, offset);
            applied.push(AppliedFix {
                code: finding.code,
                title: fix.title.clone(),
                range: back(finding.range().start)..back(finding.range().end),
            });
        }
        let mut shifts: Vec<_> = edits
            .iter()
            .map(|e| (e.range.clone(), e.replacement.len()))
            .collect();
        shifts.sort_by_key(|(r, _)| r.start);
        passes.push(shifts);
        current = next;
    }
    applied.sort_by_key(|a| a.range.start);
    FixAll {
        text: current,
        applied,
    }
}

/// Maps an offset in the text after `passes` back to the original text. Offsets that
/// fell inside a replaced range map to its start.
fn to_original(passes: &[Vec<(Range<usize>, usize)>], mut offset: usize) -> usize {
    for edits in passes.iter().rev() {
        let mut shift: isize = 0;
        for (range, new_len) in edits {
            let new_start = (range.start as isize + shift) as usize;
            if offset < new_start {
                break;
            }
            if offset < new_start + new_len {
                offset = range.start;
                shift = 0;
                break;
            }
            shift += *new_len as isize - range.len() as isize;
        }
        offset = (offset as isize - shift) as usize;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Rules;

    fn edit(text: &str, range: Range<usize>, replacement: &str) -> Edit {
        Edit {
            expected: text[range.clone()].to_string(),
            range,
            replacement: replacement.to_string(),
        }
    }

    /// A removal that keeps the line break before it copies text from before every
    /// range of its finding: an edit there touches the finding, and one past either end
    /// does not.
    #[test]
    fn a_finding_is_touched_where_its_fix_copies_text() {
        let text = "Ferry line opens\n\nPhoto: Xinhua\n\nPhoto: Xinhua\n\nBody.\n";
        let copy = text.rfind("Photo").unwrap();
        let fix = Fix {
            title: "Remove duplicate caption".to_string(),
            edits: vec![edit(text, copy..copy + 15, "\n")],
            preferred: true,
        };
        let f = Finding::new(
            "duplicate-caption",
            Severity::Warning,
            "identical copy".to_string(),
            copy..copy + 13,
            Vec::new(),
            vec![fix],
        );
        assert!(
            f.touches(copy - 1, copy - 1),
            "the line break the removal keeps"
        );
        assert!(!f.touches(copy - 3, copy - 2));
        assert!(f.touches(copy + 15, copy + 20));
        assert!(!f.touches(copy + 16, copy + 20));
    }

    /// Text typed before a finding moves it as a whole; text typed between two of its
    /// ranges, touching neither, moves those after it one by one. Either way it reads
    /// as the finding made afresh at the moved offsets, and the hulls it answers
    /// `touches` from move with it.
    #[test]
    fn a_finding_moves_as_one_or_range_by_range() {
        let related = |ranges: &[Range<usize>]| {
            ranges
                .iter()
                .map(|r| Related {
                    range: r.clone(),
                    message: "first copy".to_string(),
                })
                .collect()
        };
        let made = |own: Range<usize>, others: &[Range<usize>]| {
            let text = "x".repeat(300);
            let fix = Fix {
                title: "Remove".to_string(),
                edits: vec![edit(&text, own.clone(), "")],
                preferred: true,
            };
            Finding::new(
                "duplicate-caption",
                Severity::Warning,
                "copy".to_string(),
                own,
                related(others),
                vec![fix],
            )
        };
        let mut f = made(100..110, &[10..20, 40..50]);
        // Between the related ranges: the later one moves alone.
        assert!(!f.touches(30, 30));
        f.shift_after(30, 5);
        assert_eq!(f, made(105..115, &[10..20, 45..55]));
        // Before it all: both groups move whole.
        f.shift_after(0, -3);
        assert_eq!(f, made(102..112, &[7..17, 42..52]));
        assert_ne!(f, made(102..112, &[7..17, 45..55]));
        // Between the groups: only its own.
        f.shift_after(60, 8);
        assert_eq!(f, made(110..120, &[7..17, 42..52]));
        assert_eq!(f.hulls, [110..120, 7..52]);
        assert!(f.touches(52, 52) && f.touches(120, 121) && f.touches(5, 7));
        assert!(!f.touches(53, 109) && !f.touches(121, 200) && !f.touches(0, 6));
        assert!(f.reaches_into(&(52..53)) && !f.reaches_into(&(53..110)));
    }

    /// Shifts from splices that touch nothing the finding reads (as [`Dump::update`]
    /// makes them): the finding reads as one made afresh at offsets moved one by one,
    /// and `touches` and `reaches_into`, answered from the hulls first, answer as the
    /// plain lists do.
    ///
    /// [`Dump::update`]: crate::analysis::Dump::update
    #[test]
    fn shifts_match_offsets_moved_one_by_one() {
        use proptest::prelude::*;
        type Ranges = Vec<Range<usize>>;
        fn made(own: &Range<usize>, edits: &[(Range<usize>, usize)], related: &Ranges) -> Finding {
            let fixes = edits
                .iter()
                .map(|(r, len)| Fix {
                    title: "Fix".to_string(),
                    edits: vec![Edit {
                        range: r.clone(),
                        expected: String::new(),
                        replacement: "\n".repeat(*len),
                    }],
                    preferred: false,
                })
                .collect();
            let related = related
                .iter()
                .map(|r| Related {
                    range: r.clone(),
                    message: "first".to_string(),
                })
                .collect();
            Finding::new(
                "c",
                Severity::Warning,
                "m".to_string(),
                own.clone(),
                related,
                fixes,
            )
        }
        let range = || (0usize..600, 0usize..40).prop_map(|(s, l)| s..s + l);
        let strategy = (
            range(),
            proptest::collection::vec((range(), 0usize..3), 0..3),
            proptest::collection::vec(range(), 0..3),
            proptest::collection::vec((0usize..700, 0usize..30, 0usize..30), 1..12),
            proptest::collection::vec((0usize..700, 0usize..30), 8),
        );
        proptest!(ProptestConfig::with_cases(2000), |(
            (mut own, mut edits, mut related, splices, queries) in strategy
        )| {
            let mut f = made(&own, &edits, &related);
            for (start, gone, added) in splices {
                let old_end = start + gone;
                let bytes = added as isize - gone as isize;
                let plain = made(&own, &edits, &related);
                if plain.touches(start, old_end) {
                    continue;
                }
                let shift = |r: &mut Range<usize>| {
                    for x in [&mut r.start, &mut r.end] {
                        if *x > old_end {
                            *x = x.checked_add_signed(bytes).expect("past the splice");
                        }
                    }
                };
                shift(&mut own);
                edits.iter_mut().for_each(|(r, _)| shift(r));
                related.iter_mut().for_each(shift);
                f.shift_after(old_end, bytes);
                let plain = made(&own, &edits, &related);
                prop_assert_eq!(&f, &plain);
                for &(a, len) in &queries {
                    prop_assert_eq!(f.touches(a, a + len), plain.touches(a, a + len));
                    let r = a..a + len;
                    prop_assert_eq!(f.reaches_into(&r), plain.reaches_into(&r));
                }
            }
        });
    }

    #[test]
    fn edits_apply_from_the_end_whatever_their_order() {
        let text = "one two three";
        let a = edit(text, 0..3, "1");
        let b = edit(text, 8..13, "3");
        assert_eq!(apply_edits(text, &[&a, &b]), Ok("1 two 3".to_string()));
        assert_eq!(apply_edits(text, &[&b, &a]), Ok("1 two 3".to_string()));
    }

    #[test]
    fn stale_overlapping_and_outside_edits_change_nothing() {
        let text = "one two three";
        let mut stale = edit(text, 4..7, "2");
        stale.expected = "TWO".into();
        assert_eq!(apply_edits(text, &[&stale]), Err(EditError::Stale(4..7)));
        let a = edit(text, 0..5, "");
        let b = edit(text, 4..7, "");
        assert_eq!(
            apply_edits(text, &[&b, &a]),
            Err(EditError::Overlap(0..5, 4..7))
        );
        let outside = Edit {
            range: 10..20,
            expected: String::new(),
            replacement: String::new(),
        };
        assert_eq!(
            apply_edits(text, &[&outside]),
            Err(EditError::OutOfBounds(10..20))
        );
    }

    /// Three copies at the end of the text: the two removals touch the same line
    /// break, so the second waits for a second pass, and is still reported at its
    /// place in the original text.
    #[test]
    fn fix_all_takes_a_second_pass_for_overlapping_fixes() {
        let copy = "The old mill at dawn. Photo: Mill Trust";
        let text = format!("Old mill reopens as a museum\n\n{copy}\n\n{copy}\n\n{copy}\n");
        let dump = crate::analysis::Dump::analyse(&text, &Rules::default());
        assert_eq!(dump.findings.len(), 2);
        assert_eq!(compatible_preferred_fixes(&dump.findings).len(), 1);
        let fixed = fix_all(&text, &Rules::default());
        assert_eq!(
            fixed.text,
            format!("Old mill reopens as a museum\n\n{copy}\n")
        );
        let lines = crate::analysis::LineIndex::new(&text);
        let at: Vec<_> = fixed
            .applied
            .iter()
            .map(|a| (lines.line_of(a.range.start) + 1, &text[a.range.clone()]))
            .collect();
        assert_eq!(at, [(5, copy), (7, copy)]);
        assert!(fix_all(&fixed.text, &Rules::default()).applied.is_empty());
    }

    #[test]
    fn preferred_fixes_that_clash_are_left_out() {
        let finding = |start, end| {
            Finding::new(
                "test",
                Severity::Warning,
                String::new(),
                start..end,
                Vec::new(),
                vec![Fix {
                    title: "fix".into(),
                    edits: vec![Edit {
                        range: start..end,
                        expected: String::new(),
                        replacement: String::new(),
                    }],
                    preferred: true,
                }],
            )
        };
        let findings = [finding(0, 4), finding(3, 6), finding(6, 8)];
        let taken: Vec<_> = compatible_preferred_fixes(&findings)
            .iter()
            .map(|(f, _)| f.range())
            .collect();
        assert_eq!(taken, [0..4, 6..8]);
    }
}
