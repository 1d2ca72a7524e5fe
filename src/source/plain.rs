//! Plain text: blocks are runs of lines separated by blank (whitespace-only) lines.
//!
//! One exception, for text exported or scraped from the web: a run of lines in which some
//! line is longer than 120 chars is not hand-wrapped, so each of its lines is a paragraph
//! and a block of its own.
//!
//! Every byte of a block's prose is copied into the matching text (after the normalizations of
//! [`TextBuilder`]); a `\r\n` line ending becomes `"\n"` so that the matching text has one line
//! break convention whatever the file uses. Leading and trailing whitespace of a block is left
//! out, and blocks are joined by a synthetic `"\n\n"`.

use super::blocks::Blocks;
use super::offsets::{TextBuilder, fold_char};

/// Appends the prose of `source[start..]` to `builder` and returns its blocks.
pub(crate) fn build(source: &str, start: usize, builder: &mut TextBuilder) -> Blocks {
    let mut blocks = Blocks::new();
    build_piece(source, start, 0, builder, &mut blocks);
    blocks
}

/// [`build`] for one piece of a document read piece by piece ([`super::Pieces`]): `piece`
/// starts at byte `base` of the document and ends after a blank line (so that no block spans
/// two pieces); its blocks are added to `blocks`, those of the pieces before (the first one it
/// gives is joined to the last of them by `"\n\n"`).
pub(crate) fn build_piece(
    piece: &str,
    start: usize,
    base: usize,
    builder: &mut TextBuilder,
    blocks: &mut Blocks,
) {
    // Where the last block of this piece ended in it.
    let mut last_end = None;
    for range in block_ranges(piece, start) {
        if !blocks.is_empty() {
            match last_end {
                Some(end) => builder.push_block_break(&piece[end..range.start], base + end),
                None => builder.push_synthetic("\n\n", base + range.start),
            }
        }
        last_end = Some(range.end);
        let text_start = builder.text().len();
        push_lines(&piece[range.clone()], base + range.start, builder);
        // Trim again in the text: a dropped char (soft hyphen) can hide whitespace at an edge.
        blocks.extend(builder.block_since(text_start));
    }
}

/// A line longer than this many chars is not hard-wrapped prose: hand-wrapped text stays near
/// 72–80 columns, while text exported or scraped from the web puts each paragraph on one
/// long line and often has no blank lines at all.
const UNWRAPPED_LINE: usize = 120;

/// Byte ranges of the blocks of `source[start..]`, trimmed of surrounding whitespace.
///
/// A block is a run of non-blank lines; but when one of its lines is longer than
/// [`UNWRAPPED_LINE`] the block is not hard-wrapped, its line breaks are paragraph breaks, and
/// each line is a block of its own.
fn block_ranges(source: &str, start: usize) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    // The trimmed lines of the current block, and whether one of them is long.
    let mut lines: Vec<std::ops::Range<usize>> = Vec::new();
    let mut unwrapped = false;
    let mut flush = |lines: &mut Vec<std::ops::Range<usize>>, unwrapped: &mut bool| {
        if *unwrapped {
            ranges.append(lines);
        } else if let (Some(first), Some(last)) = (lines.first(), lines.last()) {
            ranges.push(first.start..last.end);
        }
        lines.clear();
        *unwrapped = false;
    };
    let mut pos = start.min(source.len());
    while pos < source.len() {
        let rest = &source[pos..];
        let line_len = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        let line = &rest[..line_len];
        if is_blank(line) {
            flush(&mut lines, &mut unwrapped);
        } else {
            let lead = line.len() - line.trim_start().len();
            lines.push(pos + lead..pos + line.trim_end().len());
            unwrapped |= line.chars().count() > UNWRAPPED_LINE;
        }
        pos += line_len;
    }
    flush(&mut lines, &mut unwrapped);
    ranges
}

/// Whether a line is blank: only whitespace and chars the matching text drops (a line holding
/// a lone zero-width space would otherwise put `"\n\n"` inside a block).
fn is_blank(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_whitespace() || fold_char(c).is_none())
}

/// Where a piece of a document read piece by piece may end in `buf` (its bytes read so far):
/// after its last blank line (an empty line, `\n\n` or `\n\r\n`), so that no block spans two
/// pieces; `None` while there is none. `not_before` keeps the front matter in the first piece.
pub(crate) fn piece_end(buf: &[u8], not_before: usize) -> Option<usize> {
    let lf = memchr::memmem::rfind(buf, b"\n\n").map(|i| i + 2);
    let crlf = memchr::memmem::rfind(buf, b"\n\r\n").map(|i| i + 3);
    lf.max(crlf).filter(|&end| end >= not_before)
}

/// Pushes one block's text, turning each `\r\n` into `"\n"`.
fn push_lines(text: &str, offset: usize, builder: &mut TextBuilder) {
    let mut run_start = 0;
    for (i, _) in text.match_indices("\r\n") {
        builder.push_source(&text[run_start..i], offset + run_start);
        builder.push_replaced("\n", offset + i..offset + i + 2);
        run_start = i + 2;
    }
    builder.push_source(&text[run_start..], offset + run_start);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::offsets::{OffsetMap, TextRange};

    fn run(src: &str) -> (String, OffsetMap, Vec<TextRange>) {
        let mut b = TextBuilder::new();
        let blocks = build(src, 0, &mut b);
        let (text, map) = b.finish();
        (text, map, blocks.to_vec())
    }

    fn block_texts<'a>(text: &'a str, blocks: &[TextRange]) -> Vec<&'a str> {
        blocks.iter().map(|b| &text[b.range()]).collect()
    }

    #[test]
    fn blocks_split_on_blank_lines() {
        let src =
            "  First line\nsecond line.\n\nNext block.\n \t \n\n\nLast  \n\u{200B}\nOne more.";
        let (text, _, blocks) = run(src);
        assert_eq!(
            text,
            "First line second line.\n\nNext block.\n\nLast\n\nOne more."
        );
        assert_eq!(
            block_texts(&text, &blocks),
            [
                "First line second line.",
                "Next block.",
                "Last",
                "One more."
            ]
        );
    }

    #[test]
    fn crlf_becomes_a_space_and_maps_back() {
        let src = "one\r\ntwo 144\r\n\r\nthree\r\n";
        let (text, map, blocks) = run(src);
        assert_eq!(text, "one two 144\n\nthree");
        assert_eq!(block_texts(&text, &blocks), ["one two 144", "three"]);
        let at = text.find("144").unwrap();
        assert_eq!(&src[map.to_source(TextRange::new(at, at + 3))], "144");
        let at = text.find("three").unwrap();
        assert_eq!(&src[map.to_source(TextRange::new(at, at + 5))], "three");
        // A range across the line break covers the whole `\r\n`.
        assert_eq!(&src[map.to_source(TextRange::new(0, 7))], "one\r\ntwo");
    }

    #[test]
    fn empty_and_blank_inputs_have_no_blocks() {
        for src in ["", "\n", "  \n\t\n", "\r\n\r\n"] {
            let (text, _, blocks) = run(src);
            assert_eq!(text, "", "{src:?}");
            assert!(blocks.is_empty(), "{src:?}");
        }
    }

    #[test]
    fn starts_after_the_given_offset() {
        let src = "skip me\n\nkeep me";
        let mut b = TextBuilder::new();
        let blocks = build(src, 9, &mut b);
        let (text, map) = b.finish();
        assert_eq!(text, "keep me");
        assert_eq!(blocks.len(), 1);
        assert_eq!(map.to_source(TextRange::new(0, 4)), 9..13);
    }

    #[test]
    fn long_lines_are_paragraphs_of_their_own() {
        let long = "word ".repeat(30);
        let long = long.trim_end();
        let src = format!("Headline\n{long}\n  {long}.\n\nwrapped line\nnext line\n");
        let (text, map, blocks) = run(&src);
        assert_eq!(
            block_texts(&text, &blocks),
            [
                "Headline",
                long,
                &format!("{long}."),
                "wrapped line next line"
            ]
        );
        let last = blocks[3];
        assert_eq!(&src[map.to_source(last)], "wrapped line\nnext line");
    }
}
