//! JSON text kept as a list of pieces, written out one after the other. A big answer
//! (the outline or diagnostics of a big dump, megabytes) is put together from the
//! pieces kept for its parts, without copying them into one buffer first: the writer
//! copies each piece once, into the pipe to the client.

use std::io::{self, Write};
use std::sync::Arc;

use super::placed::Placed;

#[derive(Debug, Clone, Default)]
pub struct Json {
    pieces: Vec<Piece>,
    len: usize,
}

#[derive(Debug, Clone)]
pub enum Piece {
    /// Kept by a cache, shared with it.
    Kept(Arc<[u8]>),
    /// Kept by a cache, written with its lines moved by so many.
    Shifted(Arc<Placed>, i64),
    Made(Vec<u8>),
    Fixed(&'static [u8]),
}

impl Piece {
    #[inline]
    fn len(&self) -> usize {
        match self {
            Piece::Kept(b) => b.len(),
            Piece::Shifted(p, by) => p.shifted_len(*by),
            Piece::Made(b) => b.len(),
            Piece::Fixed(b) => b.len(),
        }
    }

    fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        match self {
            Piece::Kept(b) => out.write_all(b),
            Piece::Shifted(p, by) => p.write_shifted(*by, out),
            Piece::Made(b) => out.write_all(b),
            Piece::Fixed(b) => out.write_all(b),
        }
    }
}

impl From<&Arc<[u8]>> for Piece {
    fn from(kept: &Arc<[u8]>) -> Piece {
        Piece::Kept(kept.clone())
    }
}

/// Two are equal when they write the same text.
impl PartialEq for Json {
    fn eq(&self, other: &Json) -> bool {
        self.len == other.len && self.to_vec() == other.to_vec()
    }
}

impl From<Vec<u8>> for Json {
    fn from(made: Vec<u8>) -> Json {
        let mut json = Json::default();
        json.push(made);
        json
    }
}

impl Json {
    /// Room for `pieces` pieces.
    pub fn with_capacity(pieces: usize) -> Json {
        Json {
            pieces: Vec::with_capacity(pieces),
            len: 0,
        }
    }

    /// The JSON array of `items`.
    pub fn array<T: Into<Piece>>(items: impl IntoIterator<Item = T>) -> Json {
        let items = items.into_iter();
        // The most items there can be: a filtered list is sized by its source.
        let (least, most) = items.size_hint();
        let mut json = Json::with_capacity(2 * most.unwrap_or(least) + 1);
        json.fixed(b"[");
        for (i, item) in items.enumerate() {
            if i > 0 {
                json.fixed(b",");
            }
            json.piece(item.into());
        }
        json.fixed(b"]");
        json
    }

    // Inlined into the loops that list thousands: a piece passed to a call was written
    // out and read back, and each one stalled on it.
    #[inline(always)]
    fn piece(&mut self, piece: Piece) {
        self.len += piece.len();
        self.pieces.push(piece);
    }

    pub fn push(&mut self, piece: Vec<u8>) {
        self.piece(Piece::Made(piece));
    }

    pub fn fixed(&mut self, piece: &'static [u8]) {
        self.piece(Piece::Fixed(piece));
    }

    /// Appends the pieces of `other`.
    pub fn append(&mut self, other: Json) {
        self.len += other.len;
        self.pieces.extend(other.pieces);
    }

    /// The length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Writes every piece to `out`, in order.
    pub fn write_to(&self, out: &mut impl Write) -> io::Result<()> {
        self.pieces.iter().try_for_each(|p| p.write_to(out))
    }

    /// The text in one buffer, for the typed paths and tests.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len);
        // Writing to a vector cannot fail.
        let _ = self.write_to(&mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_read_as_one_text() {
        let kept: Vec<Arc<[u8]>> = vec![br#"{"a":1}"#.as_slice().into(), b"2".as_slice().into()];
        let mut json = Json::from(br#"{"list":"#.to_vec());
        json.append(Json::array(kept.iter()));
        json.fixed(b"}");
        let whole = json.to_vec();
        assert_eq!(whole, br#"{"list":[{"a":1},2]}"#);
        assert_eq!(json.len(), whole.len());
        let mut written = Vec::new();
        json.write_to(&mut written).unwrap();
        assert_eq!(written, whole);
        assert_eq!(Json::array([].iter()).to_vec(), b"[]");
        assert!(Json::default().is_empty());
    }
}
