//! An answer's JSON kept with the places of the line numbers it holds, so that it can be
//! written again for lines that moved (a line typed above it) without making it anew:
//! an outline symbol moves with its article, a diagnostic with its finding.

use std::io::{self, Write};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Placed {
    pub json: Arc<[u8]>,
    /// Where each line number starts in `json`, and the line (counted from 0), in order.
    lines: Arc<[(u32, u32)]>,
    /// The index in `lines` of the number written counted from 1 (the line a message
    /// cites), if any.
    one_based: Option<u32>,
}

impl Placed {
    /// Position objects are the only place the key occurs, first or after `character`
    /// (a diagnostic's `data` is written with its keys in order). Inside a string a
    /// quote is escaped: an unescaped one after `{` or `,` opens a key.
    const LINE: &'static [u8] = br#""line":"#;

    /// `json` with the line numbers of its positions, and `cited`: where a line number
    /// counted from 1 stands in a string, if one does.
    pub fn new(json: Vec<u8>, cited: Option<usize>) -> Placed {
        let mut lines = Vec::new();
        let mut from = 0;
        while let Some(at) = find(&json[from..], Self::LINE) {
            let key = from + at;
            let number = key + Self::LINE.len();
            if key > 0 && matches!(json[key - 1], b'{' | b',') {
                lines.push((number as u32, number_at(&json, number)));
            }
            from = number + digits_at(&json, number);
        }
        let one_based = cited.map(|at| {
            let line = number_at(&json, at).saturating_sub(1);
            let index = lines.partition_point(|&(x, _)| (x as usize) < at);
            lines.insert(index, (at as u32, line));
            index as u32
        });
        Placed {
            json: json.into(),
            lines: lines.into(),
            one_based,
        }
    }

    /// The lines it holds, each as `moved` gives it: itself when no line moves.
    pub fn moved(&self, moved: impl Fn(u32) -> u32) -> Placed {
        if self.lines.iter().all(|&(_, line)| moved(line) == line) {
            return self.clone();
        }
        let mut json = Vec::with_capacity(self.json.len() + self.lines.len());
        let mut lines = Vec::with_capacity(self.lines.len());
        // Writing to a vector cannot fail.
        let _ = self.write_moved(&moved, &mut json, |at, line| lines.push((at, line)));
        Placed {
            json: json.into(),
            lines: lines.into(),
            one_based: self.one_based,
        }
    }

    /// Its JSON with every line moved down by `by` lines (up, when negative), written to
    /// `out`: a kept outline symbol whose article moved, written as it goes out.
    pub fn write_shifted(&self, by: i64, out: &mut impl Write) -> io::Result<()> {
        self.write_moved(|line| shifted(line, by), out, |_, _| {})
    }

    /// How long [`Placed::write_shifted`] writes it.
    pub fn shifted_len(&self, by: i64) -> usize {
        let shown = |i: usize, line: u32| digits(line.saturating_add(self.shown_from(i)));
        let (mut old, mut new) = (0, 0);
        for (i, &(_, line)) in self.lines.iter().enumerate() {
            old += shown(i, line);
            new += shown(i, shifted(line, by));
        }
        self.json.len() - old + new
    }

    /// 1 for the number written counted from 1, else 0.
    fn shown_from(&self, i: usize) -> u32 {
        u32::from(self.one_based == Some(i as u32))
    }

    /// Writes the JSON with each line as `moved` gives it, telling `placed` where each
    /// number went (counted in bytes written) and the line.
    fn write_moved(
        &self,
        moved: impl Fn(u32) -> u32,
        out: &mut impl Write,
        mut placed: impl FnMut(u32, u32),
    ) -> io::Result<()> {
        let mut number = Vec::with_capacity(10);
        let (mut from, mut written) = (0, 0);
        for (i, &(at, line)) in self.lines.iter().enumerate() {
            let at = at as usize;
            out.write_all(&self.json[from..at])?;
            written += at - from;
            let line = moved(line);
            placed(written as u32, line);
            number.clear();
            write_number(line.saturating_add(self.shown_from(i)), &mut number);
            out.write_all(&number)?;
            written += number.len();
            from = at + digits_at(&self.json, at);
        }
        out.write_all(&self.json[from..])
    }

    /// How many line numbers it holds.
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// How many digits `json` has from `at` on.
fn digits_at(json: &[u8], at: usize) -> usize {
    json[at..].iter().take_while(|b| b.is_ascii_digit()).count()
}

/// The number written at `at`.
fn number_at(json: &[u8], at: usize) -> u32 {
    std::str::from_utf8(&json[at..at + digits_at(json, at)])
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(0)
}

/// `line` moved by `by` lines, within the numbers a line can have.
fn shifted(line: u32, by: i64) -> u32 {
    (i64::from(line) + by).clamp(0, u32::MAX.into()) as u32
}

/// How many digits `n` has in decimal.
fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// `n` in decimal: the formatting machinery would take most of the time of moving.
fn write_number(mut n: u32, out: &mut Vec<u8>) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(base: u32) -> Vec<u8> {
        format!(
            r#"{{"range":{{"start":{{"line":{base},"character":3}},"end":{{"line":{},"character":0}}}},"message":"copy of line {}, {{\"line\":7}}, \"line\": 8 “quoted” 😀","related":{{"line":4}},"data":{{"end":{{"character":0,"line":{}}}}}}}"#,
            base + 1,
            base + 21,
            base + 2
        )
        .into_bytes()
    }

    fn cited(json: &[u8]) -> Option<usize> {
        Some(find(json, b"of line ")? + b"of line ".len())
    }

    /// Moved again and again, through numbers of other lengths, it reads as made there;
    /// the cited line is written from 1, the quoted key in a string is left alone, and a
    /// line the move leaves is kept.
    #[test]
    fn moved_lines_are_written_again() {
        let first = at(10);
        let kept = Placed::new(first.clone(), cited(&first));
        assert_eq!(kept.line_count(), 5);
        let mut moved = kept;
        let mut base = 10;
        for to in [0, 10, 15, 123_456, 9, 99_999, 100_000, 3] {
            let from = base;
            moved = moved.moved(|l| if l == 4 { 4 } else { l + to - from });
            base = to;
            assert_eq!(
                String::from_utf8_lossy(&moved.json),
                String::from_utf8_lossy(&at(to)),
                "at line {to}"
            );
        }
        // Written shifted as it goes out, it reads as moved, and is as long as said.
        for by in [0, 1, -3, 99_990, -2_000_000] {
            let mut written = Vec::new();
            moved.write_shifted(by, &mut written).unwrap();
            let eager = moved.moved(|l| shifted(l, by));
            assert_eq!(written, *eager.json, "by {by}");
            assert_eq!(moved.shifted_len(by), written.len(), "by {by}");
        }
        let same = moved.moved(|l| l);
        assert!(Arc::ptr_eq(&same.json, &moved.json));
    }
}
