//! Ascending records of a text (line starts, paragraphs) kept in blocks, each with a
//! move not yet applied to its records. An edit moves every record after it: the
//! records of the blocks it falls in are moved one by one, each later block only adds
//! the move to its own. A keystroke then costs a block or two and a pass over the
//! blocks (a few hundred on a 50 MB dump), not a pass over every line of the dump.

use std::ops::Range;

/// Records in a block, at most: what one edit moves one by one.
const BLOCK: usize = 1024;

/// How far records moved, in bytes and lines, in wrapping 32-bit arithmetic: records
/// are 32-bit offsets and lines, and every move after a splice keeps them within the
/// text, so the wrapped sum is exact (see [`super::text::MAX_TEXT_LEN`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Move {
    bytes: u32,
    lines: u32,
}

impl Move {
    /// `bytes` and `lines` within ±[`super::text::MAX_TEXT_LEN`].
    pub fn new(bytes: isize, lines: isize) -> Move {
        Move {
            bytes: bytes as u32,
            lines: lines as u32,
        }
    }

    pub fn bytes(self, n: u32) -> u32 {
        n.wrapping_add(self.bytes)
    }

    pub fn lines(self, n: u32) -> u32 {
        n.wrapping_add(self.lines)
    }

    fn then(self, next: Move) -> Move {
        Move {
            bytes: next.bytes(self.bytes),
            lines: next.lines(self.lines),
        }
    }
}

/// A record that an edit before it moves.
pub(crate) trait Movable: Copy {
    fn moved(self, by: Move) -> Self;
}

/// A line start.
impl Movable for u32 {
    fn moved(self, by: Move) -> u32 {
        by.bytes(self)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Blocks<T> {
    /// None empty.
    blocks: Vec<Block<T>>,
    /// The index of each block's first record.
    firsts: Vec<usize>,
    len: usize,
}

impl<T> Default for Blocks<T> {
    fn default() -> Blocks<T> {
        Blocks {
            blocks: Vec::new(),
            firsts: Vec::new(),
            len: 0,
        }
    }
}

#[derive(Debug, Clone)]
struct Block<T> {
    /// Each as it stood before `moved`.
    records: Vec<T>,
    moved: Move,
}

impl<T: Movable> Block<T> {
    fn new(records: &[T]) -> Block<T> {
        Block {
            records: records.to_vec(),
            moved: Move::default(),
        }
    }

    fn get(&self, i: usize) -> T {
        self.records[i].moved(self.moved)
    }

    fn first(&self) -> T {
        self.get(0)
    }
}

impl<T: Movable> Blocks<T> {
    pub fn new(records: &[T]) -> Blocks<T> {
        let blocks: Vec<Block<T>> = records.chunks(BLOCK).map(Block::new).collect();
        let mut made = Blocks {
            blocks,
            firsts: Vec::new(),
            len: records.len(),
        };
        made.count_from(0);
        made
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn get(&self, i: usize) -> Option<T> {
        if i >= self.len {
            return None;
        }
        let b = self.firsts.partition_point(|&f| f <= i) - 1;
        Some(self.blocks[b].get(i - self.firsts[b]))
    }

    /// The index of the first record for which `pred` is false, `pred` being true for
    /// every record before it and false for every one after (as
    /// [`slice::partition_point`]).
    pub fn partition_point(&self, pred: impl Fn(T) -> bool) -> usize {
        let b = self.blocks.partition_point(|block| pred(block.first()));
        let Some(b) = b.checked_sub(1) else {
            return 0;
        };
        let block = &self.blocks[b];
        self.firsts[b]
            + block
                .records
                .partition_point(|&r| pred(r.moved(block.moved)))
    }

    /// Every record, in order.
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        self.blocks
            .iter()
            .flat_map(|b| b.records.iter().map(|&r| r.moved(b.moved)))
    }

    /// The records `range`, in order.
    pub fn range(&self, range: Range<usize>) -> impl Iterator<Item = T> + '_ {
        let b = self
            .firsts
            .partition_point(|&f| f <= range.start)
            .saturating_sub(1);
        let skip = range.start - self.firsts.get(b).copied().unwrap_or(0);
        self.blocks[b.min(self.blocks.len())..]
            .iter()
            .flat_map(|b| b.records.iter().map(|&r| r.moved(b.moved)))
            .skip(skip)
            .take(range.len())
    }

    /// Replaces the records `old` by `new` (placed in the text as it is now) and moves
    /// every record after them by `after`.
    pub fn splice(&mut self, old: Range<usize>, new: impl IntoIterator<Item = T>, after: Move) {
        debug_assert!(old.start <= old.end && old.end <= self.len);
        let block_of = |i: usize| self.firsts.partition_point(|&f| f <= i).saturating_sub(1);
        // The blocks holding the records replaced, or the one the new ones go to; and
        // the next one, when they end up few, so that deletions leave no crumbs.
        let lo = block_of(old.start);
        let mut hi =
            (block_of(old.end.saturating_sub(1).max(old.start)) + 1).min(self.blocks.len());
        let base = self.firsts.get(lo).copied().unwrap_or(0);
        let mut records: Vec<T> = Vec::new();
        for block in &self.blocks[lo..hi] {
            records.extend(block.records.iter().map(|&r| r.moved(block.moved)));
        }
        let new: Vec<T> = new.into_iter().collect();
        self.len = self.len - old.len() + new.len();
        let kept_after: Vec<T> = records
            .drain(old.end - base..)
            .map(|r| r.moved(after))
            .collect();
        records.truncate(old.start - base);
        records.extend(new);
        records.extend(kept_after);
        if records.len() < BLOCK / 2
            && let Some(next) = self.blocks.get(hi)
        {
            let moved = next.moved.then(after);
            records.extend(next.records.iter().map(|&r| r.moved(moved)));
            hi += 1;
        }
        // As many blocks as it takes, of about the same size.
        let count = records.len().div_ceil(BLOCK);
        let size = records.len().div_ceil(count.max(1)).max(1);
        let made: Vec<Block<T>> = records.chunks(size).map(Block::new).collect();
        let next = lo + made.len();
        self.blocks.splice(lo..hi, made);
        for block in &mut self.blocks[next..] {
            block.moved = block.moved.then(after);
        }
        self.count_from(lo);
    }

    /// Counts the records of the blocks from `b` on again.
    fn count_from(&mut self, b: usize) {
        self.firsts.truncate(b);
        let mut at = match b.checked_sub(1) {
            Some(prev) => self.firsts[prev] + self.blocks[prev].records.len(),
            None => 0,
        };
        for block in &self.blocks[b..] {
            self.firsts.push(at);
            at += block.records.len();
        }
        debug_assert_eq!(at, self.len);
    }
}

/// Two are equal when they hold the same records, however blocked.
impl<T: Movable + PartialEq> PartialEq for Blocks<T> {
    fn eq(&self, other: &Blocks<T>) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Splices anywhere, of any size, with moves both ways: the records are those of a
    /// plain list edited alike, and lookups find what they find there.
    #[test]
    fn blocks_hold_what_a_list_holds() {
        let check = |ops: Vec<(usize, usize, usize, u32)>, start: usize| {
            let mut list: Vec<u32> = (0..start as u32).map(|i| 10 * i).collect();
            let mut blocks = Blocks::new(&list);
            for (at, gone, added, gap) in ops {
                let at = at % (list.len() + 1);
                let end = (at + gone).min(list.len());
                // Ascending, as offsets are: the new records after the one before, and
                // the records after them moved to follow, `gap` after the last.
                let from = if at == 0 { 0 } else { list[at - 1] + 1 };
                let new: Vec<u32> = (0..added as u32).map(|k| from + k).collect();
                let by = list.get(end).map_or(0, |&first| {
                    i64::from(from + added as u32 + gap) - i64::from(first)
                });
                let tail: Vec<u32> = list[end..]
                    .iter()
                    .map(|&r| (i64::from(r) + by) as u32)
                    .collect();
                list.splice(at.., new.iter().copied().chain(tail));
                blocks.splice(at..end, new, Move::new(by as isize, 0));
                prop_assert_eq!(blocks.iter().collect::<Vec<_>>(), list.clone());
                prop_assert_eq!(blocks.len(), list.len());
                prop_assert!(blocks.blocks.iter().all(|b| !b.records.is_empty()));
                // Deletions leave no crumbs: blocks stay about half full or more.
                prop_assert!(blocks.blocks.len() <= 2 * list.len().div_ceil(BLOCK / 2) + 1);
                for i in (0..list.len() + 1).step_by(97) {
                    prop_assert_eq!(blocks.get(i), list.get(i).copied());
                    let range = i..(i + 1500).min(list.len());
                    prop_assert!(blocks.range(range.clone()).eq(list[range].iter().copied()));
                }
                for x in [0, from, from + 5, list.last().map_or(0, |&l| l + 1)] {
                    prop_assert_eq!(
                        blocks.partition_point(|r| r <= x),
                        list.partition_point(|&r| r <= x)
                    );
                }
            }
            Ok(())
        };
        proptest!(ProptestConfig::with_cases(200), |(
            ops in proptest::collection::vec(
                (0usize..6000, 0usize..1500, 0usize..1500, 0u32..300),
                1..25,
            ),
            start in 0usize..5000,
        )| check(ops, start)?);
    }
}
