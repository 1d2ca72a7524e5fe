//! Cutting a long text into pieces read one after another, so that what reading holds at
//! once is bounded by the piece, not by the document.
//!
//! Two sizes: a document is read in **parts** of at most [`MAX_PART_BYTES`] (its term hits,
//! binders and region readings are those of one part at a time), and a region longer than a
//! window ([`crate::extract::bind::MAX_REGION_BYTES`]) is read in **windows**. A part ends
//! where a block starts; a block longer than a part (a run-on line) is cut after a space, like
//! a window. No news story is a megabyte long: a part is the whole of every article.

use crate::source::Blocks;
use crate::source::offsets::{TextRange, floor_char_boundary};

/// Longest part of a document read at once, in bytes of matching text.
pub const MAX_PART_BYTES: usize = 1 << 20;

/// `region` cut into consecutive windows of at most `size` bytes, each ending after a space or
/// line break where one lies in its last quarter (else at a character boundary), so that a
/// window rarely splits a phrase.
pub fn windows(text: &str, region: TextRange, size: usize) -> impl Iterator<Item = TextRange> + '_ {
    let size = size.max(4);
    let mut start = region.start;
    std::iter::from_fn(move || {
        if start >= region.end {
            return None;
        }
        let end = if region.end - start > size {
            first_cut(text, start, size)
        } else {
            region.end
        };
        let window = TextRange::new(start, end);
        start = end;
        Some(window)
    })
}

/// Where a window of at most `size` bytes from `start` ends: after the last space or line
/// break in its last quarter, else at the last character boundary (always past `start`).
fn first_cut(text: &str, start: usize, size: usize) -> usize {
    let limit = floor_char_boundary(text, start + size);
    let floor = floor_char_boundary(text, limit - size / 4).max(start);
    let cut = text
        .get(floor..limit)
        .and_then(|tail| tail.rfind([' ', '\n']))
        .map_or(limit, |i| floor + i + 1);
    if cut > start {
        cut
    } else {
        // A window shorter than one character: the character whole.
        text.get(start..)
            .and_then(|rest| rest.chars().next())
            .map_or(text.len(), |c| start + c.len_utf8())
    }
}

/// `range` of `text` cut into consecutive parts of at most [`MAX_PART_BYTES`] (a block longer
/// than that is cut as [`windows`] cut): each part but the last ends where the last block
/// starting inside it starts, so that no block is split unless it alone is too long.
/// `blocks` are sorted by start.
pub fn parts<'t>(
    text: &'t str,
    blocks: &'t Blocks,
    range: TextRange,
) -> impl Iterator<Item = TextRange> + 't {
    parts_of(text, blocks, range, MAX_PART_BYTES)
}

fn parts_of<'t>(
    text: &'t str,
    blocks: &'t Blocks,
    range: TextRange,
    size: usize,
) -> impl Iterator<Item = TextRange> + 't {
    let size = size.max(4);
    let end = range.end.min(text.len());
    let mut start = range.start.min(end);
    std::iter::from_fn(move || {
        if start >= end {
            return None;
        }
        let mut cut = end;
        if end - start > size {
            let limit = start + size;
            let next = blocks.partition_point(|b| b.start <= limit);
            cut = match next.checked_sub(1).and_then(|i| blocks.get(i)) {
                Some(b) if b.start > start => b.start,
                _ => first_cut(text, start, size),
            };
        }
        let part = TextRange::new(start, cut);
        start = cut;
        Some(part)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn blocks_of(text: &str) -> Blocks {
        let mut blocks = Blocks::new();
        let mut at = 0;
        for para in text.split("\n\n") {
            blocks.push(TextRange::new(at, at + para.len()));
            at += para.len() + 2;
        }
        blocks
    }

    #[test]
    fn parts_end_where_blocks_start() {
        let text = "aaaa bbbb\n\ncc\n\ndddd eeee ffff";
        let blocks = blocks_of(text);
        let cut: Vec<&str> = parts_of(text, &blocks, TextRange::new(0, text.len()), 14)
            .map(|p| &text[p.range()])
            .collect();
        // The first part reaches the start of "cc" (the last block starting within 14 bytes),
        // the second the start of the last block.
        assert_eq!(cut, vec!["aaaa bbbb\n\n", "cc\n\n", "dddd eeee ffff"]);
        // A block longer than a part is cut after a space in the part's last quarter.
        let text = "dddd eeee ffff gggg";
        let cut: Vec<&str> = parts_of(text, &blocks_of(text), TextRange::new(0, text.len()), 12)
            .map(|p| &text[p.range()])
            .collect();
        assert_eq!(cut, vec!["dddd eeee ", "ffff gggg"]);
    }

    #[test]
    fn a_text_shorter_than_a_part_is_one_part() {
        let text = "One paragraph.\n\nAnother.";
        let blocks = blocks_of(text);
        let all: Vec<TextRange> = parts(text, &blocks, TextRange::new(0, text.len())).collect();
        assert_eq!(all, vec![TextRange::new(0, text.len())]);
        assert_eq!(parts("", &Blocks::new(), TextRange::new(0, 0)).count(), 0);
    }

    proptest! {
        /// Parts tile the range in order, each at most the size (or one character), and cut
        /// only at character boundaries.
        #[test]
        fn parts_tile_the_range(text in "[a-c é\n]{0,200}", size in 1usize..40) {
            let blocks = blocks_of(&text);
            let mut at = 0;
            for part in parts_of(&text, &blocks, TextRange::new(0, text.len()), size) {
                prop_assert_eq!(part.start, at);
                prop_assert!(part.end > part.start);
                prop_assert!(text.is_char_boundary(part.end));
                prop_assert!(part.end - part.start <= size.max(4));
                at = part.end;
            }
            prop_assert_eq!(at, text.len());
        }

        #[test]
        fn windows_tile_the_region(text in "[a-c é\n]{0,200}", size in 1usize..40) {
            let mut at = 0;
            for w in windows(&text, TextRange::new(0, text.len()), size) {
                prop_assert_eq!(w.start, at);
                prop_assert!(w.end > w.start && text.is_char_boundary(w.end));
                prop_assert!(w.end - w.start <= size.max(4));
                at = w.end;
            }
            prop_assert_eq!(at, text.len());
        }
    }
}
