//! The blocks of a document — paragraphs, headings, list items, table cells — held compactly.
//!
//! As a list of ranges a block costs 16 bytes however short it is, so a file of one-letter
//! paragraphs ("a", a blank line, "a", …) would cost five times its size in blocks alone, and
//! the blocks are kept for the whole document while it is read. Here a block is two LEB128
//! numbers, the gap from the end of the block before and its length: two bytes for a short
//! block, a third of its three bytes of source. Every [`MARK_EVERY`]-th block is marked with
//! where its entry lies and where the block before it ends, so that the i-th block is found by
//! decoding at most `MARK_EVERY` entries, and a search is a binary search over the marks.

use super::offsets::TextRange;

/// One block in this many is marked: a mark costs 8 bytes, a quarter of a byte a block.
const MARK_EVERY: usize = 32;

/// How many blocks a lookup near the last one found walks on before it searches.
const NEAR_STEPS: usize = 8;

/// Where a marked block's entry starts, and where the block before it ends (0 for the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mark {
    at: u32,
    end_before: u32,
}

/// A document's blocks in text order; they never overlap.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blocks {
    /// Per block: the gap from the end of the block before (or from 0), then its length.
    entries: Vec<u8>,
    /// Block `k * MARK_EVERY`'s mark is `marks[k]`.
    marks: Vec<Mark>,
    len: usize,
    /// Where the last block ends.
    end: usize,
}

impl Blocks {
    /// No blocks.
    pub fn new() -> Blocks {
        Blocks::default()
    }

    /// How many blocks.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends `block`. Blocks come in text order (every loader opens a block after the last
    /// one closed): one starting before the last one's end is taken to start there.
    pub fn push(&mut self, block: TextRange) {
        let start = block.start.max(self.end);
        let end = block.end.max(start);
        if self.len.is_multiple_of(MARK_EVERY) {
            self.marks.push(Mark {
                at: narrow(self.entries.len()),
                end_before: narrow(self.end),
            });
        }
        write_number(&mut self.entries, start - self.end);
        write_number(&mut self.entries, end - start);
        self.len += 1;
        self.end = end;
    }

    /// Puts `front` (blocks that end before the first of these starts: the headlines of front
    /// matter, read before the body) before the blocks, in place: only the first entry is
    /// written again and the marks counted again, so that a document of a million paragraphs
    /// never holds its blocks twice.
    pub fn prepend(&mut self, front: &[TextRange]) {
        if front.is_empty() {
            return;
        }
        let mut head: Blocks = front.iter().copied().collect();
        let Some(first) = self.first() else {
            *self = head;
            return;
        };
        head.push(first);
        let mut first_len = 0;
        read_number(&self.entries, &mut first_len);
        read_number(&self.entries, &mut first_len);
        self.entries.splice(..first_len, head.entries);
        self.len += front.len();
        // The marks fall on other blocks now: count them again in one pass.
        self.marks.clear();
        let mut at = 0;
        let mut end = 0;
        for index in 0..self.len {
            if index.is_multiple_of(MARK_EVERY) {
                self.marks.push(Mark {
                    at: narrow(at),
                    end_before: narrow(end),
                });
            }
            end += read_number(&self.entries, &mut at);
            end += read_number(&self.entries, &mut at);
        }
    }

    /// Lets go of the room grown for blocks that never came.
    pub fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
        self.marks.shrink_to_fit();
    }

    /// Block `index`.
    pub fn get(&self, index: usize) -> Option<TextRange> {
        self.iter_from(index).next()
    }

    /// The first block.
    pub fn first(&self) -> Option<TextRange> {
        self.get(0)
    }

    /// The blocks in order.
    pub fn iter(&self) -> Iter<'_> {
        self.iter_from(0)
    }

    /// The blocks from block `index` on.
    pub fn iter_from(&self, index: usize) -> Iter<'_> {
        let Some(mark) = self.marks.get(index / MARK_EVERY) else {
            return Iter {
                entries: &self.entries,
                at: self.entries.len(),
                end: self.end,
                left: 0,
            };
        };
        let mut iter = Iter {
            entries: &self.entries,
            at: mark.at as usize,
            end: mark.end_before as usize,
            left: self.len - index / MARK_EVERY * MARK_EVERY,
        };
        for _ in 0..index % MARK_EVERY {
            iter.next();
        }
        iter
    }

    /// The index of the first block for which `pred` is false, where `pred` is true of every
    /// block before some index and false from there on (as [`slice::partition_point`]).
    pub fn partition_point(&self, pred: impl FnMut(TextRange) -> bool) -> usize {
        self.partition(pred).0
    }

    /// The block holding byte `pos` (an empty block holds its start), with its index.
    pub fn holding(&self, pos: usize) -> Option<(usize, TextRange)> {
        self.find_holding(pos, None).map(|f| (f.index, f.block))
    }

    /// The block holding byte `pos`, looked for first in `near` (the last found) and the few
    /// blocks after it: lookups in text order cost a step each, not a search.
    pub fn find_holding(&self, pos: usize, near: Option<Found>) -> Option<Found> {
        if let Some(near) = near {
            if holds(near.block, pos) {
                return Some(near);
            }
            if pos >= near.block.end {
                let mut rest = Iter {
                    entries: &self.entries,
                    at: near.next_at,
                    end: near.block.end,
                    left: self.len.saturating_sub(near.index + 1),
                };
                for step in 1..=NEAR_STEPS {
                    let block = rest.next()?;
                    if block.start > pos {
                        return None;
                    }
                    if holds(block, pos) {
                        return Some(Found {
                            index: near.index + step,
                            block,
                            next_at: rest.at,
                        });
                    }
                }
            }
        }
        let (index, mut rest) = self.partition(|b| b.end.max(b.start + 1) <= pos);
        let block = rest.next().filter(|b| b.start <= pos)?;
        Some(Found {
            index,
            block,
            next_at: rest.at,
        })
    }

    /// [`partition_point`](Blocks::partition_point), with the blocks from that index on: one
    /// walk, where asking for the index and then for the blocks would decode twice.
    pub fn partition(&self, mut pred: impl FnMut(TextRange) -> bool) -> (usize, Iter<'_>) {
        let entries = &self.entries;
        let marked = self.marks.partition_point(|mark| {
            let mut iter = Iter {
                entries,
                at: mark.at as usize,
                end: mark.end_before as usize,
                left: 1,
            };
            iter.next().is_some_and(&mut pred)
        });
        // Every block before the last marked block that holds is true, and the first marked
        // block that fails bounds the walk.
        let mut index = marked.saturating_sub(1) * MARK_EVERY;
        let mut rest = self.iter_from(index);
        loop {
            let before = rest.clone();
            match rest.next() {
                Some(block) if pred(block) => index += 1,
                _ => return (index, before),
            }
        }
    }

    /// The blocks as a list (for tests and small documents).
    pub fn to_vec(&self) -> Vec<TextRange> {
        self.iter().collect()
    }
}

impl FromIterator<TextRange> for Blocks {
    fn from_iter<I: IntoIterator<Item = TextRange>>(iter: I) -> Blocks {
        let mut blocks = Blocks::new();
        blocks.extend(iter);
        blocks
    }
}

impl Extend<TextRange> for Blocks {
    fn extend<I: IntoIterator<Item = TextRange>>(&mut self, iter: I) {
        for block in iter {
            self.push(block);
        }
    }
}

impl<'a> IntoIterator for &'a Blocks {
    type Item = TextRange;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// Whether `block` holds byte `pos` (an empty block holds its start).
fn holds(block: TextRange, pos: usize) -> bool {
    block.start <= pos && pos < block.end.max(block.start + 1)
}

/// A block found by [`Blocks::find_holding`], and where the blocks after it are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Its index.
    pub index: usize,
    /// The block.
    pub block: TextRange,
    /// Where the next block's entry starts.
    next_at: usize,
}

/// The blocks in order, decoded one after another.
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    entries: &'a [u8],
    at: usize,
    /// Where the block before the next ends.
    end: usize,
    left: usize,
}

impl Iterator for Iter<'_> {
    type Item = TextRange;

    fn next(&mut self) -> Option<TextRange> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let start = self.end + read_number(self.entries, &mut self.at);
        self.end = start + read_number(self.entries, &mut self.at);
        Some(TextRange::new(start, self.end))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl std::iter::FusedIterator for Iter<'_> {}

/// An offset as a mark holds it (saturating: never reached within
/// [`MAX_DOCUMENT`](super::offsets::MAX_DOCUMENT)).
fn narrow(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// Appends `value` in LEB128: seven bits a byte, the high bit set on all but the last.
pub(super) fn write_number(out: &mut Vec<u8>, mut value: usize) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The LEB128 number at `*at`, moving `*at` past it (0 past the end).
pub(super) fn read_number(bytes: &[u8], at: &mut usize) -> usize {
    let mut value = 0usize;
    let mut shift = 0u32;
    while let Some(&byte) = bytes.get(*at) {
        *at += 1;
        value |= usize::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
        if byte & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Sorted, non-overlapping ranges from gaps and lengths.
    fn ranges(shape: &[(usize, usize)]) -> Vec<TextRange> {
        let mut end = 0;
        shape
            .iter()
            .map(|&(gap, len)| {
                let start = end + gap;
                end = start + len;
                TextRange::new(start, end)
            })
            .collect()
    }

    #[test]
    fn a_short_block_takes_two_bytes() {
        let blocks: Blocks = ranges(&[(0, 1); 320].map(|(g, l)| (g + 2, l)))
            .into_iter()
            .collect();
        assert_eq!(blocks.entries.len(), 640);
        assert_eq!(blocks.marks.len(), 10);
        // A long block or gap takes more, and reads back.
        let long = ranges(&[(0, 300), (70_000, 5), (1 << 30, 1 << 20)]);
        let blocks: Blocks = long.iter().copied().collect();
        assert_eq!(blocks.to_vec(), long);
    }

    #[test]
    fn overlapping_blocks_are_clamped_not_lost() {
        let mut blocks = Blocks::new();
        blocks.push(TextRange::new(5, 10));
        blocks.push(TextRange::new(8, 12));
        blocks.push(TextRange::new(0, 3));
        assert_eq!(
            blocks.to_vec(),
            [
                TextRange::new(5, 10),
                TextRange::new(10, 12),
                TextRange::new(12, 12)
            ]
        );
    }

    #[test]
    fn nothing_to_find_in_no_blocks() {
        let blocks = Blocks::new();
        assert_eq!(blocks.get(0), None);
        assert_eq!(blocks.iter().count(), 0);
        assert_eq!(blocks.partition_point(|_| true), 0);
        let mut front = Blocks::new();
        front.prepend(&[TextRange::new(0, 4)]);
        assert_eq!(front.to_vec(), [TextRange::new(0, 4)]);
    }

    proptest! {
        /// Whatever the blocks: reading back, indexing, reading from an index, searching and
        /// putting blocks before them agree with a plain list.
        #[test]
        fn blocks_read_as_a_list(
            shape in prop::collection::vec((0usize..300, 0usize..300), 0..200),
            front in prop::collection::vec((0usize..5, 0usize..5), 0..40),
            probe in 0usize..70_000,
        ) {
            let list = ranges(&shape);
            let blocks: Blocks = list.iter().copied().collect();
            prop_assert_eq!(blocks.len(), list.len());
            prop_assert_eq!(blocks.to_vec(), list.clone());
            for i in 0..=list.len() {
                prop_assert_eq!(blocks.get(i), list.get(i).copied());
                prop_assert_eq!(blocks.iter_from(i).collect::<Vec<_>>(), list[i..].to_vec());
                prop_assert_eq!(blocks.iter_from(i).len(), list.len() - i);
            }
            prop_assert_eq!(
                blocks.partition_point(|b| b.start <= probe),
                list.partition_point(|b| b.start <= probe)
            );
            prop_assert_eq!(
                blocks.partition_point(|b| b.end <= probe),
                list.partition_point(|b| b.end <= probe)
            );
            let (at, rest) = blocks.partition(|b| b.end <= probe);
            prop_assert_eq!(rest.collect::<Vec<_>>(), list[at..].to_vec());
            let holding = list
                .iter()
                .position(|b| b.start <= probe && probe < b.end.max(b.start + 1))
                .map(|i| (i, list[i]));
            prop_assert_eq!(blocks.holding(probe), holding);
            // Found near another block, before it or after it, far or near: the same.
            for near in [0, list.len() / 2, list.len().saturating_sub(2)] {
                let near = list.get(near).and_then(|b| blocks.find_holding(b.start, None));
                let found = blocks.find_holding(probe, near).map(|f| (f.index, f.block));
                prop_assert_eq!(found, holding);
            }
            // Headlines before the body: shift the body past them, as a loader writes it.
            let head = ranges(&front);
            let shift = head.last().map_or(0, |b| b.end + 2);
            let body: Vec<TextRange> =
                list.iter().map(|b| TextRange::new(b.start + shift, b.end + shift)).collect();
            let mut joined: Blocks = body.iter().copied().collect();
            joined.prepend(&head);
            let whole: Vec<TextRange> = head.iter().chain(&body).copied().collect();
            prop_assert_eq!(joined.to_vec(), whole.clone());
            prop_assert_eq!(&joined, &whole.iter().copied().collect::<Blocks>());
        }
    }
}
