//! The text of a dump as the analysis reads it: one string (a file read from disk, a
//! test) or a rope (a document open in the server). The server keeps each document in
//! its rope only; a second copy in one piece, for the analysis, would double the memory
//! a big dump costs.
//!
//! A rope's text lies in chunks of about a kilobyte. The analysis reads a paragraph or
//! an article at a time, through a [`Reader`] that copies a window of the rope (up to
//! 64 KiB) into one piece and reads on from that copy, so that reading a whole dump
//! costs a descent of the rope per window rather than per paragraph.

use std::borrow::Cow;
use std::ops::Range;

use ropey::Rope;

/// The text of a dump.
#[derive(Debug, Clone, Copy)]
pub enum Source<'t> {
    Str(&'t str),
    Rope(&'t Rope),
}

impl<'t> From<&'t str> for Source<'t> {
    fn from(text: &'t str) -> Source<'t> {
        Source::Str(text)
    }
}

impl<'t> From<&'t String> for Source<'t> {
    fn from(text: &'t String) -> Source<'t> {
        Source::Str(text)
    }
}

impl<'t> From<&'t Rope> for Source<'t> {
    fn from(text: &'t Rope) -> Source<'t> {
        Source::Rope(text)
    }
}

/// How much of a rope a [`Reader`] copies at a time (less at the end of its span, more
/// when one read is longer): enough to read many paragraphs in a row from one copy.
const WINDOW: usize = 64 * 1024;

impl<'t> Source<'t> {
    pub fn len(self) -> usize {
        match self {
            Source::Str(s) => s.len(),
            Source::Rope(r) => r.len_bytes(),
        }
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The text of `range` (byte offsets on character boundaries), borrowed where it
    /// lies in one piece.
    pub fn get(self, range: Range<usize>) -> Cow<'t, str> {
        match self {
            Source::Str(s) => Cow::Borrowed(&s[range]),
            Source::Rope(r) => {
                let slice = r.byte_slice(range);
                match slice.as_str() {
                    Some(s) => Cow::Borrowed(s),
                    None => Cow::Owned(slice.to_string()),
                }
            }
        }
    }

    /// The byte at `at`, if the text has one.
    pub fn byte(self, at: usize) -> Option<u8> {
        match self {
            Source::Str(s) => s.as_bytes().get(at).copied(),
            Source::Rope(r) => (at < r.len_bytes()).then(|| r.byte(at)),
        }
    }

    /// Calls `f` with each piece of the text of `range` in order, and the offset where
    /// the piece starts: one piece for a string, a chunk at a time for a rope.
    pub fn for_each_piece(self, range: Range<usize>, mut f: impl FnMut(usize, &str)) {
        match self {
            Source::Str(s) => f(range.start, &s[range]),
            Source::Rope(r) => {
                let mut at = range.start;
                for chunk in r.byte_slice(range).chunks() {
                    f(at, chunk);
                    at += chunk.len();
                }
            }
        }
    }

    /// A reader of the text in `span`, for reading pieces of it in order.
    pub fn reader(self, span: Range<usize>) -> Reader<'t> {
        let window = match self {
            Source::Str(s) => Cow::Borrowed(s),
            Source::Rope(_) => Cow::Borrowed(""),
        };
        Reader {
            source: self,
            span_end: span.end,
            at: 0,
            window,
        }
    }
}

/// Reads pieces of a [`Source`], in any order but quickest in the order of the text:
/// from a rope it copies a window of the text from the start of a read, [`WINDOW`] bytes
/// cut back to a character boundary, no further than the end of the span it was made
/// for unless the read goes on past it (the whole read, at least), and reads from that
/// copy while it can. A window that lies in one chunk is borrowed, not copied.
pub struct Reader<'t> {
    source: Source<'t>,
    span_end: usize,
    /// Where the window starts in the text.
    at: usize,
    window: Cow<'t, str>,
}

impl Reader<'_> {
    /// The text of `range` (byte offsets on character boundaries).
    pub fn get(&mut self, range: Range<usize>) -> &str {
        if range.start < self.at || range.end > self.at + self.window.len() {
            self.load(range.clone());
        }
        &self.window[range.start - self.at..range.end - self.at]
    }

    fn load(&mut self, range: Range<usize>) {
        let Source::Rope(rope) = self.source else {
            // A string's reader holds the whole string: the read goes past its end.
            panic!(
                "{range:?} is past the end of a text of {} bytes",
                self.window.len()
            );
        };
        let len = rope.len_bytes();
        let limit = if range.end <= self.span_end {
            self.span_end.min(len)
        } else {
            len
        };
        let want = (range.start + WINDOW).min(limit).max(range.end);
        // Cut on a character boundary: the start of the character holding `want`, which
        // is no earlier than `range.end`, itself a boundary.
        let end = rope.char_to_byte(rope.byte_to_char(want));
        let slice = rope.byte_slice(range.start..end);
        self.at = range.start;
        match slice.as_str() {
            Some(s) => self.window = Cow::Borrowed(s),
            None => {
                let mut buf = match std::mem::take(&mut self.window) {
                    Cow::Owned(buf) => buf,
                    Cow::Borrowed(_) => String::with_capacity(end - range.start),
                };
                buf.clear();
                for chunk in slice.chunks() {
                    buf.push_str(chunk);
                }
                self.window = Cow::Owned(buf);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A rope of many chunks, with typographic quotes, emoji and CRLF across them.
    fn text() -> String {
        (0..3000)
            .map(|i| format!("“Line {i}” 😀 é\r\n"))
            .collect::<String>()
    }

    fn boundary(s: &str, mut at: usize) -> usize {
        at = at.min(s.len());
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    proptest! {
        /// Whatever is read, in whatever order, from a rope's reader or pieces, is the
        /// string's text.
        #[test]
        fn a_rope_reads_as_its_string(
            reads in prop::collection::vec((0.0..=1.0f64, 0..300_000usize), 1..30),
            span in (0.0..=1.0f64, 0.0..=1.0f64),
        ) {
            let s = text();
            let rope = Rope::from_str(&s);
            let a = boundary(&s, (span.0 * s.len() as f64) as usize);
            let b = boundary(&s, (span.1 * s.len() as f64) as usize);
            let mut reader = Source::from(&rope).reader(a.min(b)..a.max(b));
            let mut whole = Source::from(s.as_str()).reader(0..0);
            for (at, len) in reads {
                let start = boundary(&s, (at * s.len() as f64) as usize);
                let end = boundary(&s, start + len);
                prop_assert_eq!(reader.get(start..end), &s[start..end]);
                prop_assert_eq!(whole.get(start..end), &s[start..end]);
                prop_assert_eq!(Source::from(&rope).get(start..end), &s[start..end]);
                let mut pieces = String::new();
                Source::from(&rope).for_each_piece(start..end, |at, p| {
                    assert_eq!(at, start + pieces.len());
                    pieces.push_str(p);
                });
                prop_assert_eq!(pieces, &s[start..end]);
            }
        }
    }

    #[test]
    #[should_panic(expected = "past the end of a text of 2 bytes")]
    fn a_read_past_the_end_of_a_string_panics_saying_so() {
        Source::from("ab").reader(0..2).get(1..3);
    }

    #[test]
    fn bytes_past_the_end_are_none() {
        let rope = Rope::from_str("ab");
        assert_eq!(Source::from(&rope).byte(1), Some(b'b'));
        assert_eq!(Source::from(&rope).byte(2), None);
        assert_eq!(Source::from("ab").byte(2), None);
    }

    #[test]
    fn a_reader_copies_a_window_and_reads_on_from_it() {
        let s = text();
        let rope = Rope::from_str(&s);
        let mut reader = Source::from(&rope).reader(0..s.len());
        reader.get(0..3);
        let (at, len) = (reader.at, reader.window.len());
        assert!(
            (WINDOW - 3..=WINDOW).contains(&len),
            "one window of {WINDOW} bytes cut back to a character, not {len}"
        );
        reader.get(boundary(&s, WINDOW - 100)..boundary(&s, WINDOW - 50));
        assert_eq!(
            (reader.at, reader.window.len()),
            (at, len),
            "read from the same copy"
        );
        let (a, b) = (boundary(&s, 100), boundary(&s, 200));
        let mut short = Source::from(&rope).reader(a..b);
        short.get(a..boundary(&s, 120));
        assert!(short.window.len() <= 100, "a window stays inside its span");
    }
}
