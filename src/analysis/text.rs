//! Lines and paragraphs: the layout layer every other analysis reads.
//!
//! Line breaks are `\n`, `\r\n` and `\r`, the same three the LSP specification and the
//! server's rope use, so a line number here is a line number in the editor.

use std::ops::Range;

use super::blocks::{Blocks, Movable, Move};
use super::source::Source;

/// White space as a dump has it: Unicode white space (which includes the no-break space
/// U+00A0) plus the byte-order mark and zero-width space that scrapers leave behind.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// True when the line holds nothing but white space.
pub fn is_blank(line: &str) -> bool {
    line.chars().all(is_space)
}

/// `s` without leading and trailing white space (in the sense of [`is_space`]).
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// The longest text the analysis reads: it keeps offsets and line numbers in 32 bits,
/// which halves its records. A longer text (4 GiB or more) gets an empty analysis (see
/// [`crate::analysis::Dump::analyse`]) and an empty [`LineIndex`].
pub const MAX_TEXT_LEN: usize = u32::MAX as usize;

/// Whether a text of `len` bytes is short enough to analyse (see [`MAX_TEXT_LEN`]).
pub fn within_limit(len: usize) -> bool {
    len <= MAX_TEXT_LEN
}

/// An offset, length or line number inside a text within [`MAX_TEXT_LEN`], in 32 bits.
pub(crate) fn narrow(n: usize) -> u32 {
    debug_assert!(within_limit(n), "{n} is past the analysis's limit");
    n as u32
}

/// Byte offsets of the start of every line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// In 32 bits: see [`MAX_TEXT_LEN`]. In blocks: an edit moves the lines after it.
    starts: Blocks<u32>,
    len: usize,
}

impl LineIndex {
    /// The index of `text`; empty (one line, no text) when `text` is longer than
    /// [`MAX_TEXT_LEN`].
    pub fn new<'t>(text: impl Into<Source<'t>>) -> Self {
        let text = text.into();
        if !within_limit(text.len()) {
            return LineIndex::new("");
        }
        let mut starts = vec![0];
        push_line_starts(text, 0..text.len(), &mut starts);
        LineIndex {
            starts: Blocks::new(&starts),
            len: text.len(),
        }
    }

    /// Brings the index up to date after `splice` changed the text to `text`: only the
    /// lines around the change are scanned again, the others are shifted.
    pub fn splice<'t>(&mut self, text: impl Into<Source<'t>>, splice: Splice) {
        let text = text.into();
        // From the start of the line holding the byte before the change (a `\r` there may
        // pair with a `\n` typed after it) to the first line that starts past the byte
        // after the change: everything outside is untouched text with untouched breaks.
        let from = self.line_start(self.line_of(splice.start.saturating_sub(1)));
        let keep_after = self
            .starts
            .partition_point(|s| s as usize <= splice.old_end + 1);
        let to = self.starts.get(keep_after).map_or(text.len(), |s| {
            (s as usize + splice.new_end).saturating_sub(splice.old_end)
        });
        let mut inside = Vec::new();
        push_line_starts(text, from..to, &mut inside);
        // A break at the very end of the scanned stretch starts the first kept line.
        inside.retain(|&s| (s as usize) < to || keep_after == self.starts.len());
        let first_inside = self.starts.partition_point(|s| s as usize <= from);
        let bytes = splice.new_end as isize - splice.old_end as isize;
        self.starts
            .splice(first_inside..keep_after, inside, Move::new(bytes, 0));
        self.len = text.len();
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|s| s as usize <= offset) - 1
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).map_or(self.len, |s| s as usize)
    }

    /// Byte range of line `line` without its line break.
    pub fn line_range<'t>(&self, text: impl Into<Source<'t>>, line: usize) -> Range<usize> {
        let text = text.into();
        let start = self.line_start(line);
        let mut end = self.line_start(line + 1);
        if end > start && text.byte(end - 1) == Some(b'\n') {
            end -= 1;
        }
        if end > start && text.byte(end - 1) == Some(b'\r') {
            end -= 1;
        }
        start..end
    }
}

/// `line`, read with its line break, without it.
fn without_break(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// Pushes the start of each line that a break in `text[range]` opens (a `\r\n` ending
/// the range counts whole).
fn push_line_starts(text: Source<'_>, range: Range<usize>, out: &mut Vec<u32>) {
    // The `\n` of a `\r\n` split between two pieces, already counted.
    let mut skip = None;
    text.for_each_piece(range, |at, piece| {
        let bytes = piece.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let here = at + i;
            match b {
                b'\n' if skip == Some(here) => {}
                b'\n' => out.push(narrow(here + 1)),
                b'\r' => {
                    let next = match bytes.get(i + 1) {
                        Some(&next) => Some(next),
                        None => text.byte(here + 1),
                    };
                    if next == Some(b'\n') {
                        out.push(narrow(here + 2));
                        skip = Some(here + 1);
                    } else {
                        out.push(narrow(here + 1));
                    }
                }
                _ => {}
            }
        }
    });
}

/// Replaces `list[old]` by `new` in a list kept for every paragraph of a dump (what the
/// headline rules know of each). When the list must grow, it grows by a little more than
/// needed (a sixty-fourth), not to double as `Vec` does: an edit adding a paragraph must
/// not leave half the list unused.
pub(crate) fn splice_lean<T>(
    list: &mut Vec<T>,
    old: Range<usize>,
    new: impl ExactSizeIterator<Item = T>,
) {
    let extra = new.len().saturating_sub(old.len());
    if list.capacity() - list.len() < extra {
        list.reserve_exact(extra + list.len() / 64);
    }
    list.splice(old, new);
}

/// An edit as the analysis sees it: `start..old_end` of the old text became
/// `start..new_end` of the new one; the text before and after is unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Splice {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Splice {
    /// The one splice covering `self` followed by `next` (whose offsets are in the text
    /// `self` produced).
    pub fn then(self, next: Splice) -> Splice {
        let start = self.start.min(next.start);
        // The end of the changed stretch before `next`, in the text between the two.
        let mid_end = self.new_end.max(next.old_end);
        Splice {
            start,
            old_end: mid_end + self.old_end - self.new_end,
            new_end: mid_end + next.new_end - next.old_end,
        }
    }
}

/// A 64-bit hash of `s`, to count copies of a text without keeping it.
pub fn text_hash(s: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    static KEYS: std::sync::LazyLock<std::hash::RandomState> =
        std::sync::LazyLock::new(std::hash::RandomState::new);
    let mut h = KEYS.build_hasher();
    h.write(s.as_bytes());
    h.finish()
}

/// A run of non-blank lines. `start..end` covers the text from the first character of
/// the first line to the last character of the last line (line breaks inside included,
/// the final one not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub first_line: usize,
    pub last_line: usize,
}

impl Paragraph {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn line_count(&self) -> usize {
        self.last_line - self.first_line + 1
    }

    /// Moves the paragraph, as text before it grew or shrank.
    pub fn shift(&mut self, bytes: isize, lines: isize) {
        self.start = self.start.saturating_add_signed(bytes);
        self.end = self.end.saturating_add_signed(bytes);
        self.first_line = self.first_line.saturating_add_signed(lines);
        self.last_line = self.last_line.saturating_add_signed(lines);
    }
}

/// A [`Paragraph`] as the analysis keeps one for every paragraph of a dump: in 32 bits
/// (see [`MAX_TEXT_LEN`]), half the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PackedParagraph {
    pub start: u32,
    pub end: u32,
    pub first_line: u32,
    pub last_line: u32,
}

impl PackedParagraph {
    pub fn pack(p: Paragraph) -> PackedParagraph {
        PackedParagraph {
            start: narrow(p.start),
            end: narrow(p.end),
            first_line: narrow(p.first_line),
            last_line: narrow(p.last_line),
        }
    }

    pub fn unpack(self) -> Paragraph {
        Paragraph {
            start: self.start as usize,
            end: self.end as usize,
            first_line: self.first_line as usize,
            last_line: self.last_line as usize,
        }
    }
}

/// A paragraph after an edit: its offsets and lines move.
impl Movable for PackedParagraph {
    fn moved(self, by: Move) -> PackedParagraph {
        PackedParagraph {
            start: by.bytes(self.start),
            end: by.bytes(self.end),
            first_line: by.lines(self.first_line),
            last_line: by.lines(self.last_line),
        }
    }
}

/// Splits `text` into paragraphs: runs of lines that are not blank.
pub fn paragraphs<'t>(text: impl Into<Source<'t>>, lines: &LineIndex) -> Vec<Paragraph> {
    paragraphs_in(text.into(), lines, 0..lines.line_count())
}

/// The paragraphs of the given lines, as if the text held nothing else.
pub fn paragraphs_in(text: Source<'_>, lines: &LineIndex, range: Range<usize>) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut open: Option<Paragraph> = None;
    let mut reader = text.reader(lines.line_start(range.start)..lines.line_start(range.end));
    for line in range {
        let start = lines.line_start(line);
        let content = without_break(reader.get(start..lines.line_start(line + 1)));
        let range = start..start + content.len();
        if is_blank(content) {
            out.extend(open.take());
            continue;
        }
        match open.as_mut() {
            Some(p) => {
                p.end = range.end;
                p.last_line = line;
            }
            None => {
                open = Some(Paragraph {
                    start: range.start,
                    end: range.end,
                    first_line: line,
                    last_line: line,
                })
            }
        }
    }
    out.extend(open);
    out
}

/// The paragraph's text on one line: line breaks and runs of white space become one
/// space, the ends are trimmed. This is the form rules and comparisons look at.
pub fn flatten(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The first `max` characters of `s`, with an ellipsis when it was cut.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", s[..cut].trim_end()),
        None => s.to_string(),
    }
}

/// `1 caption`, `2 captions`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_handles_all_three_breaks() {
        let text = "a\nb\r\nc\rd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_range(text, 1), 2..3);
        assert_eq!(&text[idx.line_range(text, 2)], "c");
        assert_eq!(&text[idx.line_range(text, 3)], "d");
        assert_eq!(idx.line_of(4), 1);
        assert_eq!(idx.line_of(100), 3);
    }

    #[test]
    fn the_limit_is_the_last_length_offsets_fit_in_32_bits() {
        assert!(within_limit(0));
        assert!(within_limit(MAX_TEXT_LEN));
        assert_eq!(MAX_TEXT_LEN as u64, (4u64 << 30) - 1);
        assert!(!within_limit(MAX_TEXT_LEN + 1));
        assert!(!within_limit(usize::MAX));
        assert_eq!(narrow(MAX_TEXT_LEN), u32::MAX);
    }

    #[test]
    fn line_index_follows_splices_that_add_and_remove_lines() {
        let mut text = String::from("a\nb\r\nc\rd");
        let mut idx = LineIndex::new(&text);
        for (start, old_end, new) in [(1, 2, "\n\n\n"), (0, 3, ""), (3, 3, "\r"), (2, 6, "x\r\ny")]
        {
            text.replace_range(start..old_end, new);
            let splice = Splice {
                start,
                old_end,
                new_end: start + new.len(),
            };
            idx.splice(&text, splice);
            let fresh = LineIndex::new(&text);
            assert_eq!(idx.starts, fresh.starts, "after {splice:?}: {text:?}");
            assert_eq!(idx.len, fresh.len);
        }
    }

    #[test]
    fn packed_paragraphs_move_as_paragraphs_do() {
        let p = Paragraph {
            start: 10,
            end: 40,
            first_line: 2,
            last_line: 5,
        };
        let mut packed = PackedParagraph::pack(p);
        assert_eq!(packed.unpack(), p);
        for (bytes, lines) in [(7, 1), (-12, -3), (-5, 0)] {
            let mut moved = packed.unpack();
            moved.shift(bytes, lines);
            packed = packed.moved(Move::new(bytes, lines));
            assert_eq!(packed.unpack(), moved);
        }
        assert_eq!(packed.start, 0);
    }

    /// Down to 0 and up to the last offset in 32 bits: where wrapping arithmetic could
    /// go wrong.
    #[test]
    fn a_move_moves_each_as_shifting_one_does() {
        let top = u32::MAX - 10;
        for (after, by) in [
            (vec![5, 9, 1 << 31, top], -5),
            (vec![5, 9, 1 << 31, top], 10),
            (vec![5, 9, 1 << 31, top], 0),
            (vec![1 << 31, top], -(1 << 31)),
            (vec![top], -(top as isize)),
        ] {
            let bulk: Vec<u32> = after.iter().map(|n| n.moved(Move::new(by, 0))).collect();
            let one: Vec<u32> = after
                .iter()
                .map(|&n| narrow((n as usize).saturating_add_signed(by)))
                .collect();
            assert_eq!(bulk, one, "by {by}");
            let paras: Vec<PackedParagraph> = after
                .iter()
                .map(|&n| PackedParagraph {
                    start: n,
                    end: n,
                    first_line: n,
                    last_line: n,
                })
                .collect();
            let mut each: Vec<Paragraph> = paras.iter().map(|p| p.unpack()).collect();
            each.iter_mut().for_each(|p| p.shift(by, by));
            let paras: Vec<Paragraph> = paras
                .iter()
                .map(|p| p.moved(Move::new(by, by)).unpack())
                .collect();
            assert_eq!(paras, each, "by {by}");
        }
    }

    #[test]
    fn paragraphs_split_on_blank_and_whitespace_only_lines() {
        let text = "\u{feff}Head\n\nOne\ntwo \n\u{a0}\nThree\r\n\r\n\r\nFour";
        let idx = LineIndex::new(text);
        let ps = paragraphs(text, &idx);
        let got: Vec<_> = ps.iter().map(|p| &text[p.range()]).collect();
        assert_eq!(got, ["\u{feff}Head", "One\ntwo ", "Three", "Four"]);
        assert_eq!((ps[1].first_line, ps[1].last_line), (2, 3));
        assert_eq!(ps[3].first_line, 8);
    }

    #[test]
    fn empty_text_has_one_line_and_no_paragraphs() {
        let idx = LineIndex::new("");
        assert_eq!(idx.line_count(), 1);
        assert!(paragraphs("", &idx).is_empty());
    }

    proptest::proptest! {
        /// Read from a rope of many chunks, the line index (made afresh and brought up to
        /// date after an edit), line ranges and paragraphs are the string's, whatever
        /// breaks lie at the chunk and edit boundaries.
        #[test]
        fn a_rope_has_the_lines_and_paragraphs_of_its_string(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "é", "😀", " ", "\n", "\r", "\r\n", "\n\n", "\r\n\r\n",
                    "a line of body text, long enough to fill a chunk in a few dozen pieces",
                ]),
                0..600,
            ),
            edit in (0.0..=1.0f64, 0usize..40, proptest::sample::select(vec!["", "\n", "\r", "\r\n", "x\r", "\ny"])),
        ) {
            let mut text: String = pieces.concat();
            let mut rope = ropey::Rope::from_str(&text);
            let mut idx = LineIndex::new(&rope);
            let fresh = LineIndex::new(text.as_str());
            proptest::prop_assert_eq!(&idx.starts, &fresh.starts);
            for line in 0..fresh.line_count() {
                proptest::prop_assert_eq!(
                    idx.line_range(&rope, line),
                    fresh.line_range(text.as_str(), line)
                );
            }
            proptest::prop_assert_eq!(paragraphs(&rope, &idx), paragraphs(text.as_str(), &fresh));

            let boundary = |mut at: usize| {
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                at
            };
            let start = boundary((edit.0 * text.len() as f64) as usize);
            let old_end = boundary((start + edit.1).min(text.len()));
            let typed = edit.2;
            text.replace_range(start..old_end, typed);
            let chars = rope.byte_to_char(start)..rope.byte_to_char(old_end);
            rope.remove(chars.clone());
            rope.insert(chars.start, typed);
            idx.splice(&rope, Splice { start, old_end, new_end: start + typed.len() });
            let fresh = LineIndex::new(text.as_str());
            proptest::prop_assert_eq!(&idx.starts, &fresh.starts, "{:?}", text);
            proptest::prop_assert_eq!(idx.len, fresh.len);
        }
    }

    #[test]
    fn shorten_cuts_on_characters() {
        assert_eq!(shorten("“Hi” 😀 there", 6), "“Hi” 😀…");
        assert_eq!(shorten("“Hi” 😀 there", 5), "“Hi”…");
        assert_eq!(shorten("short", 5), "short");
        assert_eq!(plural(1, "caption"), "1 caption");
        assert_eq!(plural(0, "caption"), "0 captions");
    }

    #[test]
    fn flatten_joins_wrapped_lines_and_nbsp() {
        assert_eq!(
            flatten(" Svetlana\u{a0}in \nGabrielle  Chanel.\u{a0}"),
            "Svetlana in Gabrielle Chanel."
        );
    }
}
