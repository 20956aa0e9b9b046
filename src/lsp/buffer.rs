//! A document's text in one piece, as the analysis reads it, with room kept before it as
//! well as after. An edit shifts the shorter side of the text, the part before the edit
//! or the part after it, where a `String` always shifts everything after: on a 50 MB
//! dump that is half as many bytes moved per keystroke, on average.

use std::ops::{Deref, Range};

#[derive(Clone, Default)]
pub struct TextBuffer {
    /// The text is `buf[start..end]`; the rest is room, zeros never read.
    buf: Vec<u8>,
    start: usize,
    end: usize,
}

impl TextBuffer {
    /// Replaces `range` (byte offsets into the text, on character boundaries) by
    /// `new`, as [`String::replace_range`] does, and panics where it does.
    pub fn replace_range(&mut self, range: Range<usize>, new: &str) {
        let text: &str = self;
        assert!(
            range.start <= range.end
                && text.is_char_boundary(range.start)
                && text.is_char_boundary(range.end),
            "{range:?} is not a range of whole characters of a text of {} bytes",
            text.len()
        );
        let len = text.len();
        let (head, tail) = (range.start, len - range.end);
        let grow = new.len() as isize - range.len() as isize;
        let room_before = self.start;
        let room_after = self.buf.len() - self.end;
        if grow > 0 && room_before < grow as usize && room_after < grow as usize {
            self.make_room(range, new);
            return;
        }
        // The side that moves: the head, when it is the shorter and there is room
        // before it (shrinking always has room).
        let move_head = head < tail && (grow <= 0 || room_before >= grow as usize)
            || room_after < grow.max(0) as usize;
        // A replacement of the same length moves nothing.
        if grow != 0 && move_head {
            let new_start = self.start.wrapping_add_signed(-grow);
            self.buf
                .copy_within(self.start..self.start + head, new_start);
            self.start = new_start;
        } else if grow != 0 {
            let tail_from = self.start + range.end;
            self.buf
                .copy_within(tail_from..self.end, tail_from.wrapping_add_signed(grow));
            self.end = self.end.wrapping_add_signed(grow);
        }
        let at = self.start + head;
        self.buf[at..at + new.len()].copy_from_slice(new.as_bytes());
    }

    /// Copies the text, edited, into a new buffer with room on both sides (see
    /// [`room_for`]). The room is zeroed memory the system maps only once it is written.
    fn make_room(&mut self, range: Range<usize>, new: &str) {
        let text: &str = self;
        let len = text.len() - range.len() + new.len();
        let room = room_for(len);
        let mut buf = vec![0u8; room + len + room];
        let mut at = room;
        for piece in [&text[..range.start], new, &text[range.end..]] {
            buf[at..at + piece.len()].copy_from_slice(piece.as_bytes());
            at += piece.len();
        }
        *self = TextBuffer {
            buf,
            start: room,
            end: room + len,
        };
    }
}

/// Takes the string's memory, with room made around the text in it: growing a big
/// allocation moves no bytes (the system remaps its pages), so opening a big document
/// costs one shift of its text and no second copy.
impl From<String> for TextBuffer {
    fn from(text: String) -> TextBuffer {
        let mut buf = text.into_bytes();
        let len = buf.len();
        let room = room_for(len);
        // Exactly: `resize` alone would double the allocation, as a growing vector does.
        buf.reserve_exact(2 * room);
        buf.resize(room + len + room, 0);
        buf.copy_within(0..len, room);
        TextBuffer {
            buf,
            start: room,
            end: room + len,
        }
    }
}

/// The room kept on each side of a text of `len` bytes: 64 KiB, and a 256th of the
/// text more (200 KB on a 50 MB dump, where making room again copies the whole text).
/// Typed text takes a long time to fill it; a paste that does not fit makes new room
/// (see [`TextBuffer::replace_range`]).
fn room_for(len: usize) -> usize {
    (1 << 16) + len / 256
}

impl Deref for TextBuffer {
    type Target = str;

    fn deref(&self) -> &str {
        let bytes = &self.buf[self.start..self.end];
        // SAFETY: `buf[start..end]` is always whole UTF-8: it is put together only from
        // `&str` pieces cut at character boundaries (checked in `replace_range`).
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

impl std::fmt::Debug for TextBuffer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextBuffer")
            .field("len", &self.len())
            .field("room_before", &self.start)
            .field("room_after", &(self.buf.len() - self.end))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const PIECES: &[&str] = &[
        "",
        "x",
        "“quoted”",
        "😀",
        "\r\n",
        "é",
        "a longer piece of text\n\n",
    ];

    proptest! {
        /// Edits anywhere, growing and shrinking, through reallocations: the buffer
        /// always reads as a `String` edited alike.
        #[test]
        fn edits_read_as_a_string_edited_alike(
            start in 0..PIECES.len(),
            edits in prop::collection::vec((0.0..=1.0f64, 0.0..0.5f64, 0..PIECES.len(), 1..40usize), 1..60),
        ) {
            let mut model = PIECES[start].to_string();
            let mut buffer = TextBuffer::from(model.clone());
            for (at, del, piece, times) in edits {
                let boundary = |mut x: usize| {
                    x = x.min(model.len());
                    while !model.is_char_boundary(x) {
                        x -= 1;
                    }
                    x
                };
                let from = boundary((at * model.len() as f64) as usize);
                let to = boundary(from + (del * model.len() as f64) as usize).max(from);
                let new = PIECES[piece].repeat(times);
                model.replace_range(from..to, &new);
                buffer.replace_range(from..to, &new);
                prop_assert_eq!(&*buffer, model.as_str());
            }
        }
    }

    #[test]
    fn small_edits_move_the_shorter_side_in_place() {
        let text = "a".repeat(1000);
        let mut buffer = TextBuffer::from(text.clone());
        let before = buffer.buf.as_ptr();
        buffer.replace_range(10..10, "😀");
        buffer.replace_range(990..991, "");
        buffer.replace_range(500..500, "“");
        assert_eq!(buffer.buf.as_ptr(), before, "no new buffer for small edits");
        assert!(
            buffer.start < room_for(1000),
            "the head moved into the room before it"
        );
        assert_eq!(buffer.len(), 1000 + 4 - 1 + 3);
        assert!(buffer.starts_with("aaaaaaaaaa😀a"));
    }

    #[test]
    fn opening_allocates_the_text_and_its_room_only() {
        let text = "a".repeat(1 << 20);
        let buffer = TextBuffer::from(text);
        assert_eq!(buffer.buf.capacity(), (1 << 20) + 2 * room_for(1 << 20));
    }

    #[test]
    #[should_panic(expected = "not a range of whole characters")]
    fn a_range_inside_a_character_panics_as_for_a_string() {
        TextBuffer::from("😀".to_string()).replace_range(1..2, "");
    }
}
