//! An answer's JSON kept with the places of the line numbers it holds, so that it can be
//! written again for lines that moved (a line typed above it) without making it anew:
//! an outline symbol moves with its article, a diagnostic with its finding.

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
        let mut from = 0;
        for (i, &(at, line)) in self.lines.iter().enumerate() {
            json.extend_from_slice(&self.json[from..at as usize]);
            let line = moved(line);
            lines.push((json.len() as u32, line));
            let shown = u32::from(self.one_based == Some(i as u32));
            write_number(line.saturating_add(shown), &mut json);
            from = at as usize + digits_at(&self.json, at as usize);
        }
        json.extend_from_slice(&self.json[from..]);
        Placed {
            json: json.into(),
            lines: lines.into(),
            one_based: self.one_based,
        }
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
        let same = moved.moved(|l| l);
        assert!(Arc::ptr_eq(&same.json, &moved.json));
    }
}
