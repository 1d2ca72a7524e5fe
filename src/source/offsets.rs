//! Text for matching, and the map from its offsets back to the original bytes.
//!
//! Every source format (plain text, Markdown, …) builds its matching text with a
//! [`TextBuilder`], which also applies the matching normalizations of DESIGN §3 (NFC, curly
//! quotes, dashes, no-break and thin spaces). The builder records an [`OffsetMap`] of segments:
//! a *copied* segment maps byte for byte (its text is the source's, but for line breaks and
//! tabs folded to a space of the same length), a *replaced* segment (a curly quote folded to `'`, a
//! decoded entity, a synthetic paragraph break) maps as a whole to its source range. Ranges in
//! the matching text are [`TextRange`]s; only [`OffsetMap::to_source`] turns them into source
//! byte ranges, which always fall on char boundaries of the source.

use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A byte range in a document's *matching text* (not the source).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextRange {
    /// First byte in the matching text.
    pub start: usize,
    /// One past the last byte in the matching text.
    pub end: usize,
}

impl TextRange {
    /// `start..end`, clamped so that `start <= end`.
    pub fn new(start: usize, end: usize) -> TextRange {
        TextRange {
            start,
            end: end.max(start),
        }
    }

    /// As a `Range` for slicing the matching text.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One piece of the map. Offsets are held as `u32` — a segment is 20 bytes, not 40, and
/// paragraph-dense text has a segment or two per paragraph — so a document is at most
/// [`MAX_DOCUMENT`] bytes ([`crate::discover::read_document`] refuses longer ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    text_start: u32,
    text_len: u32,
    src_start: u32,
    src_len: u32,
    /// Copied byte for byte (`text_len == src_len`), or replaced as a whole.
    copied: bool,
}

/// The longest document the offset map can address: 2 GiB leaves room for the text a
/// builder adds (paragraph breaks) within `u32`.
pub const MAX_DOCUMENT: u64 = 1 << 31;

/// An offset as stored in a [`Segment`] (saturating: never reached within [`MAX_DOCUMENT`]).
fn narrow(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

impl Segment {
    fn new(
        text_start: usize,
        text_len: usize,
        src_start: usize,
        src_len: usize,
        copied: bool,
    ) -> Segment {
        Segment {
            text_start: narrow(text_start),
            text_len: narrow(text_len),
            src_start: narrow(src_start),
            src_len: narrow(src_len),
            copied,
        }
    }

    fn text_start(&self) -> usize {
        self.text_start as usize
    }

    fn text_len(&self) -> usize {
        self.text_len as usize
    }

    fn src_start(&self) -> usize {
        self.src_start as usize
    }

    fn src_end(&self) -> usize {
        self.src_start as usize + self.src_len as usize
    }

    fn text_end(&self) -> usize {
        self.text_start() + self.text_len()
    }
}

/// Maps offsets in the matching text back to byte offsets in the source.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    segments: Vec<Segment>,
    text_len: usize,
}

impl OffsetMap {
    /// Maps a text range to the smallest source byte range that produced it.
    ///
    /// A boundary inside a replaced segment widens to the whole segment, so the result always
    /// lies on char boundaries of the source.
    pub fn to_source(&self, range: TextRange) -> Range<usize> {
        let start = self.start_to_source(range.start);
        let end = if range.end <= range.start {
            start
        } else {
            self.end_to_source(range.end)
        };
        start..end.max(start)
    }

    /// Source offset of a text offset used as a range start.
    fn start_to_source(&self, offset: usize) -> usize {
        // The segment with text_start <= offset < text_end (skipping empty segments).
        let idx = self.segments.partition_point(|s| s.text_start() <= offset);
        for seg in self.segments[..idx].iter().rev() {
            if offset < seg.text_end() {
                return if seg.copied {
                    seg.src_start() + (offset - seg.text_start())
                } else {
                    seg.src_start()
                };
            }
            if seg.text_len > 0 {
                break;
            }
        }
        // At or past the end: the end of the last segment.
        self.segments
            .get(idx.saturating_sub(1))
            .map_or(0, Segment::src_end)
    }

    /// Source offset of a text offset used as a range end.
    fn end_to_source(&self, offset: usize) -> usize {
        // The segment with text_start < offset <= text_end.
        let idx = self.segments.partition_point(|s| s.text_start() < offset);
        match self.segments[..idx].last() {
            Some(seg) if seg.copied => {
                seg.src_start() + (offset - seg.text_start()).min(seg.src_len as usize)
            }
            Some(seg) => seg.src_end(),
            None => self.segments.first().map_or(0, Segment::src_start),
        }
    }

    /// Whether `range` crosses source that was left out (inline code, a comment, markup) or
    /// text the source does not hold (the space put in code's place): a reading across it
    /// joins words the source keeps apart.
    pub fn holds_gap(&self, range: TextRange) -> bool {
        let from = self
            .segments
            .partition_point(|s| s.text_end() <= range.start);
        self.segments[from..]
            .iter()
            .take_while(|s| s.text_start() < range.end)
            .any(|s| s.src_len == 0 && s.text_len > 0 && s.text_start() > range.start)
            || self.segments[from..]
                .windows(2)
                .take_while(|w| w[1].text_start() < range.end)
                .any(|w| w[1].src_start() > w[0].src_end() && w[1].text_start() > range.start)
    }

    /// Length of the matching text this map covers.
    pub fn text_len(&self) -> usize {
        self.text_len
    }
}

/// Builds matching text and its [`OffsetMap`] from pieces of a source.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    map: OffsetMap,
}

impl TextBuilder {
    /// An empty builder.
    pub fn new() -> TextBuilder {
        TextBuilder::default()
    }

    /// A builder for the text of a source of `len` bytes: the text is prose of the source, so
    /// about as long, and reserving it at once spares the doubling that leaves up to twice the
    /// text allocated.
    pub fn for_source(len: usize) -> TextBuilder {
        let mut builder = TextBuilder::default();
        builder.text.reserve(len);
        builder
    }

    /// The text built so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the source consumed so far ends: the end of the last piece's source range (0 when
    /// empty). Synthetic text placed here keeps the map monotonic.
    pub fn src_end(&self) -> usize {
        self.map.segments.last().map_or(0, Segment::src_end)
    }

    /// Appends `src`, which sits at byte `src_offset` of the source, normalized for matching.
    pub fn push_source(&mut self, src: &str, src_offset: usize) {
        if is_nfc_quick(src.chars()) == IsNormalized::Yes {
            self.push_folded(src, src_offset);
            return;
        }
        // Compose only the clusters that need it: a starter and the combining marks after it.
        let mut cluster_start = 0;
        for (i, c) in src.char_indices().skip(1) {
            if canonical_combining_class(c) == 0 {
                self.push_cluster(&src[cluster_start..i], src_offset + cluster_start);
                cluster_start = i;
            }
        }
        if cluster_start < src.len() {
            self.push_cluster(&src[cluster_start..], src_offset + cluster_start);
        }
    }

    fn push_cluster(&mut self, cluster: &str, src_offset: usize) {
        let composed: String = cluster.nfc().collect();
        if composed == cluster {
            self.push_folded(cluster, src_offset);
        } else {
            let folded: String = composed.chars().filter_map(fold_char).collect();
            self.push_replaced(&folded, src_offset..src_offset + cluster.len());
        }
    }

    /// Appends NFC text, folding quotes, dashes and spaces char by char.
    fn push_folded(&mut self, src: &str, src_offset: usize) {
        let bytes = src.as_bytes();
        let mut run_start = 0;
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: printable ASCII never folds; only decode the rest.
            let b = bytes[i];
            if b < 0x80 && !matches!(b, b'\n' | b'\r' | b'\t') {
                i += 1;
                continue;
            }
            let Some(c) = src.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            let folded = fold_char(c);
            if folded == Some(c) {
                i += c.len_utf8();
                continue;
            }
            self.push_copied(&src[run_start..i], src_offset + run_start);
            let mut buf = [0u8; 4];
            let replacement = folded.map_or("", |f| f.encode_utf8(&mut buf));
            if replacement.len() == c.len_utf8() {
                // A line break or tab folded to a space keeps its length: it maps byte for
                // byte, so it extends the copied run instead of costing a segment per line
                // (a segment per line made the map larger than the text).
                self.push_copied(replacement, src_offset + i);
            } else {
                self.push_replaced_raw(replacement, src_offset + i..src_offset + i + c.len_utf8());
            }
            i += c.len_utf8();
            run_start = i;
        }
        self.push_copied(&src[run_start..], src_offset + run_start);
    }

    /// Appends `src`, which stands byte for byte for the source at `src_offset`.
    fn push_copied(&mut self, src: &str, src_offset: usize) {
        if src.is_empty() {
            return;
        }
        let text_start = self.text.len();
        self.text.push_str(src);
        if let Some(last) = self.map.segments.last_mut()
            && last.copied
            && last.text_end() == text_start
            && last.src_end() == src_offset
        {
            let len = narrow(src.len());
            last.text_len = last.text_len.saturating_add(len);
            last.src_len = last.src_len.saturating_add(len);
        } else {
            let segment = Segment::new(text_start, src.len(), src_offset, src.len(), true);
            self.map.segments.push(segment);
        }
        self.map.text_len = self.text.len();
    }

    /// Appends `text` standing for the whole of `src_range` (a decoded entity, say); the text
    /// is folded like any other.
    pub fn push_replaced(&mut self, text: &str, src_range: Range<usize>) {
        let folded: String = text.chars().filter_map(fold_char).collect();
        self.push_replaced_raw(&folded, src_range);
    }

    fn push_replaced_raw(&mut self, text: &str, src_range: Range<usize>) {
        let text_start = self.text.len();
        self.text.push_str(text);
        let src_len = src_range.end.saturating_sub(src_range.start);
        let segment = Segment::new(text_start, text.len(), src_range.start, src_len, false);
        self.map.segments.push(segment);
        self.map.text_len = self.text.len();
    }

    /// Appends text that stands for no source bytes (a paragraph break between blocks),
    /// placed at source offset `at`.
    pub fn push_synthetic(&mut self, text: &str, at: usize) {
        self.push_replaced_raw(text, at..at);
    }

    /// Appends the `"\n\n"` that joins two blocks, for `gap`, the source between them at
    /// `gap_start`: a gap of exactly `"\n\n"` (a blank line between paragraphs) maps byte for
    /// byte, so a run of paragraphs costs one segment rather than two each; any other gap is
    /// synthetic at its end (the next block's start).
    pub fn push_block_break(&mut self, gap: &str, gap_start: usize) {
        if gap == "\n\n" {
            self.push_copied(gap, gap_start);
        } else {
            self.push_synthetic("\n\n", gap_start + gap.len());
        }
    }

    /// The block of text appended since text offset `start`, without white space at its
    /// edges (a dropped char such as a soft hyphen can leave some); `None` when it is blank.
    pub fn block_since(&self, start: usize) -> Option<TextRange> {
        let content = self.text.get(start..)?;
        let first = start + (content.len() - content.trim_start().len());
        let end = start + content.trim_end().len();
        (first < end).then(|| TextRange::new(first, end))
    }

    /// Finishes: the matching text and its map.
    pub fn finish(mut self) -> (String, OffsetMap) {
        // Both grew by doubling; a large document's slack would outlive the reading.
        self.text.shrink_to_fit();
        self.map.segments.shrink_to_fit();
        (self.text, self.map)
    }
}

/// The matching form of one char: quotes, dashes, spaces and line breaks folded; `None` drops it
/// (soft hyphen, zero-width space and joiners, byte-order mark).
pub fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        // A line break inside a block is a space for matching, so that a term wrapped over two
        // lines ("Islamic State\nKhorasan Province") still matches; blocks are separated by
        // synthetic text that is never folded.
        '\u{00A0}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}'
        | '\n'
        | '\r'
        | '\t' => ' ',
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            return None;
        }
        c => c,
    })
}

/// Normalizes a standalone string (a rule term) exactly as document text is normalized.
pub fn normalize_str(s: &str) -> String {
    let mut builder = TextBuilder::new();
    builder.push_source(s, 0);
    builder.finish().0
}

/// Test helper for the loaders: the source bytes behind the first occurrence of `needle` in
/// the matching text.
#[cfg(test)]
pub(crate) fn source_of<'a>(src: &'a str, text: &str, map: &OffsetMap, needle: &str) -> &'a str {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    &src[map.to_source(TextRange::new(at, at + needle.len()))]
}

/// The nearest character boundary of `text` at or before byte `i` (at most its length).
pub fn floor_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest character boundary of `text` at or after byte `i` (at most its length).
pub fn ceil_char_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(src: &str) -> (String, OffsetMap) {
        let mut b = TextBuilder::new();
        b.push_source(src, 0);
        b.finish()
    }

    #[test]
    fn folds_quotes_dashes_spaces() {
        let (text, _) = build("it\u{2019}s 90\u{2013}100\u{00A0}dead \u{201C}ok\u{201D}");
        assert_eq!(text, "it's 90-100 dead \"ok\"");
    }

    #[test]
    fn spans_map_back_over_replaced_chars() {
        let src = "\u{201C}IS-K\u{201D} killed 96";
        let (text, map) = build(src);
        let at = text.find("IS-K").unwrap();
        let r = map.to_source(TextRange::new(at, at + 4));
        assert_eq!(&src[r], "IS-K");
        let q = text.find('"').unwrap();
        let r = map.to_source(TextRange::new(q, q + 1));
        assert_eq!(&src[r], "\u{201C}");
        let n = text.find("96").unwrap();
        assert_eq!(&src[map.to_source(TextRange::new(n, n + 2))], "96");
    }

    #[test]
    fn composes_decomposed_letters() {
        let src = "Tu\u{0308}rkiye 5";
        let (text, map) = build(src);
        assert_eq!(text, "Türkiye 5");
        let r = map.to_source(TextRange::new(0, "Türkiye".len()));
        assert_eq!(&src[r], "Tu\u{0308}rkiye");
    }

    #[test]
    fn synthetic_text_maps_to_an_empty_range() {
        let mut b = TextBuilder::new();
        b.push_source("one", 0);
        b.push_synthetic("\n\n", 5);
        b.push_source("two", 10);
        let (text, map) = b.finish();
        assert_eq!(text, "one\n\ntwo");
        assert_eq!(map.to_source(TextRange::new(0, 3)), 0..3);
        assert_eq!(map.to_source(TextRange::new(5, 8)), 10..13);
        // A range ending exactly at a segment boundary ends where the earlier piece ends.
        assert_eq!(map.to_source(TextRange::new(0, 5)), 0..5);
    }

    #[test]
    fn dropped_chars_vanish_from_text() {
        let (text, map) = build("Kerman\u{00AD}shah");
        assert_eq!(text, "Kermanshah");
        assert_eq!(map.to_source(TextRange::new(0, 10)), 0..12);
    }
}
