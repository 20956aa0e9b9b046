//! The one place that converts between LSP positions and byte offsets, in the three
//! encodings a client may negotiate. Nothing else does arithmetic on `character`.
//!
//! Out-of-range positions clamp as the specification says: a character past the end of
//! a line means the end of that line, a line past the last line means the end of the
//! document.

use ropey::Rope;

use crate::analysis::LineIndex;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl Encoding {
    /// Picks from what the client offers: UTF-8, then UTF-32, else UTF-16 (which every
    /// client must support).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// How many code units `c` takes.
    pub fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }

    /// How many code units `s` takes.
    pub fn len(self, s: &str) -> usize {
        match self {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
            Encoding::Utf32 => s.chars().count(),
        }
    }
}

/// Length in bytes of line `line` without its line break.
fn line_content_len(rope: &Rope, line: usize) -> usize {
    let slice = rope.line(line);
    let mut len = slice.len_bytes();
    if len > 0 && slice.byte(len - 1) == b'\n' {
        len -= 1;
    }
    if len > 0 && slice.byte(len - 1) == b'\r' {
        len -= 1;
    }
    len
}

/// The byte offset of `pos`, clamped into the document. A position inside a character
/// (the middle of a surrogate pair, say) rounds down to the character's start, so an
/// edit never splits it. O(log n): the rope indexes chars and UTF-16 units.
pub fn to_offset(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let end = start + line_content_len(rope, line);
    let want = pos.character as usize;
    let char_idx = match enc {
        Encoding::Utf8 => rope.byte_to_char((start + want).min(end)),
        Encoding::Utf32 => (rope.byte_to_char(start) + want).min(rope.byte_to_char(end)),
        Encoding::Utf16 => {
            let base = rope.char_to_utf16_cu(rope.byte_to_char(start));
            let last = rope.char_to_utf16_cu(rope.byte_to_char(end));
            rope.utf16_cu_to_char((base + want).min(last))
        }
    };
    rope.char_to_byte(char_idx)
}

/// The position of byte `offset` (clamped to the document and rounded down to a
/// character boundary). O(log n).
pub fn to_position(rope: &Rope, offset: usize, enc: Encoding) -> Position {
    let char_idx = rope.byte_to_char(offset.min(rope.len_bytes()));
    let line = rope.char_to_line(char_idx);
    let line_char = rope.line_to_char(line);
    let character = match enc {
        Encoding::Utf8 => rope.char_to_byte(char_idx) - rope.line_to_byte(line),
        Encoding::Utf32 => char_idx - line_char,
        Encoding::Utf16 => rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_char),
    };
    Position::new(line as u32, character as u32)
}

/// The position of byte `offset`, as [`to_position`] gives it, from `lines`, the
/// rope's line index: one search over line starts and one descent of the rope to the
/// chunk holding the offset, where [`to_position`] takes five. For the many positions of
/// a big answer (diagnostics, outline symbols), made from the analysis of `rope`.
pub fn position_in(rope: &Rope, lines: &LineIndex, offset: usize, enc: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let line = lines.line_of(offset);
    let start = lines.line_start(line).min(offset);
    if offset == start {
        return Position::new(line as u32, 0);
    }
    let (chunk, chunk_start, _, _) = rope.chunk_at_byte(offset);
    if !chunk.is_char_boundary(offset - chunk_start) {
        return to_position(rope, offset, enc);
    }
    let units = match start.checked_sub(chunk_start) {
        Some(from) => enc.len(&chunk[from..offset - chunk_start]),
        // The line starts in an earlier chunk.
        None => rope
            .byte_slice(start..offset)
            .chunks()
            .map(|c| enc.len(c))
            .sum(),
    };
    Position::new(line as u32, units as u32)
}

/// [`position_in`] for both ends of `range`.
pub fn range_in(
    rope: &Rope,
    lines: &LineIndex,
    range: std::ops::Range<usize>,
    enc: Encoding,
) -> Range {
    Range::new(
        position_in(rope, lines, range.start, enc),
        position_in(rope, lines, range.end, enc),
    )
}

pub fn to_range(rope: &Rope, range: std::ops::Range<usize>, enc: Encoding) -> Range {
    Range::new(
        to_position(rope, range.start, enc),
        to_position(rope, range.end, enc),
    )
}

/// Byte range of an LSP range, clamped; a reversed range is made empty at its start.
pub fn to_offsets(rope: &Rope, range: Range, enc: Encoding) -> std::ops::Range<usize> {
    let start = to_offset(rope, range.start, enc);
    let end = to_offset(rope, range.end, enc).max(start);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“Hi” 😀 x\r\nsecond é\nthird";

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn offsets_in_each_encoding() {
        let rope = Rope::from_str(TEXT);
        // The x after the emoji: “ (3 bytes, 1 unit) H i ” space 😀 (4 bytes, 2 UTF-16 units) space.
        let x = TEXT.find('x').unwrap();
        assert_eq!(to_offset(&rope, pos(0, 8), Encoding::Utf16), x);
        assert_eq!(to_offset(&rope, pos(0, 7), Encoding::Utf32), x);
        assert_eq!(to_offset(&rope, pos(0, x as u32), Encoding::Utf8), x);
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(to_offset(&rope, to_position(&rope, x, enc), enc), x);
        }
        assert_eq!(to_position(&rope, x, Encoding::Utf16), pos(0, 8));
    }

    #[test]
    fn clamps_past_line_end_and_document_end() {
        let rope = Rope::from_str(TEXT);
        let line0_end = TEXT.find('\r').unwrap();
        assert_eq!(to_offset(&rope, pos(0, 999), Encoding::Utf16), line0_end);
        assert_eq!(
            to_offset(&rope, pos(1, 999), Encoding::Utf16),
            TEXT.find("\nthird").unwrap()
        );
        assert_eq!(to_offset(&rope, pos(99, 0), Encoding::Utf16), TEXT.len());
        assert_eq!(to_offset(&rope, pos(2, 999), Encoding::Utf8), TEXT.len());
    }

    #[test]
    fn inside_a_character_rounds_down() {
        let rope = Rope::from_str(TEXT);
        let emoji = TEXT.find('😀').unwrap();
        assert_eq!(to_offset(&rope, pos(0, 6), Encoding::Utf16), emoji);
        assert_eq!(
            to_offset(&rope, pos(0, emoji as u32 + 2), Encoding::Utf8),
            emoji
        );
        assert_eq!(to_position(&rope, emoji + 2, Encoding::Utf16), pos(0, 5));
    }

    #[test]
    fn empty_document() {
        let rope = Rope::from_str("");
        assert_eq!(to_offset(&rope, pos(3, 3), Encoding::Utf16), 0);
        assert_eq!(to_position(&rope, 10, Encoding::Utf32), pos(0, 0));
    }

    proptest::proptest! {
        /// From the line index, every offset (inside characters and past the end too)
        /// lands where the rope puts it, in each encoding.
        #[test]
        fn positions_from_the_line_index_are_the_ropes(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "é", "😀", "“", "”", " ", "\n", "\r\n", "\r", "\r\r\n", "\u{feff}", "a long line of text, longer than a word "]),
                0..400,
            ),
        ) {
            // Up to 16 KB: lines within a chunk of the rope and across chunks.
            let text: String = pieces.concat();
            let rope = Rope::from_str(&text);
            let lines = LineIndex::new(&rope);
            for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                for offset in 0..text.len() + 3 {
                    proptest::prop_assert_eq!(
                        position_in(&rope, &lines, offset, enc),
                        to_position(&rope, offset, enc),
                        "offset {} of {:?}", offset, text
                    );
                }
            }
        }
    }

    #[test]
    fn negotiation_prefers_utf8_then_utf32() {
        use PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF16, K::UTF32])),
            Encoding::Utf32
        );
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF16, K::UTF8, K::UTF32])),
            Encoding::Utf8
        );
    }
}
