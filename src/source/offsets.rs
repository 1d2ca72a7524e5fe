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

use super::blocks::{read_number, write_number};

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

/// One piece of the map, as decoded (the map holds its segments encoded, [`OffsetMap`]).
/// Offsets are `u32`, in the marks too, so a document is at most [`MAX_DOCUMENT`] bytes
/// ([`crate::discover::read_document`] refuses longer ones).
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
///
/// Held compactly, as [`Blocks`](super::Blocks) are: the segments tile the text in order, so a
/// segment is written as its text length (with whether it is copied), how far its source starts
/// from the last one's end, and (when replaced) its source length — three bytes or so, where a
/// [`Segment`] takes 20, and HTML of tiny elements has two segments an element. Every
/// [`MAP_MARK_EVERY`]-th segment is marked with where it starts, so a lookup decodes a few dozen
/// segments from the nearest mark. The last segment stays open: a copied run grows in place.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// Every segment but the last, encoded.
    entries: Vec<u8>,
    /// Encoded segment `k * MAP_MARK_EVERY`'s mark is `marks[k]`.
    marks: Vec<MapMark>,
    /// How many segments are encoded.
    encoded: usize,
    /// Where the last encoded segment's source ends.
    encoded_src_end: usize,
    /// The last segment.
    last: Option<Segment>,
    text_len: usize,
}

/// One encoded segment in this many is marked.
const MAP_MARK_EVERY: usize = 32;

/// Where a marked segment's entry starts, its text start, and where the source of the segment
/// before it ends.
#[derive(Debug, Clone, Copy)]
struct MapMark {
    at: u32,
    text_start: u32,
    src_end_before: u32,
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
        // The last non-empty segment starting at or before `offset`, if it holds it; else the
        // end of the last segment starting there (at or past the end: the end of the last).
        let mut last = None;
        let mut last_filled = None;
        for seg in self.segments_from(|start| start <= offset) {
            if seg.text_start() > offset {
                break;
            }
            if seg.text_len > 0 {
                last_filled = Some(seg);
            }
            last = Some(seg);
        }
        match last_filled {
            Some(seg) if offset < seg.text_end() => {
                if seg.copied {
                    seg.src_start() + (offset - seg.text_start())
                } else {
                    seg.src_start()
                }
            }
            _ => last.map_or(0, |s| s.src_end()),
        }
    }

    /// Source offset of a text offset used as a range end.
    fn end_to_source(&self, offset: usize) -> usize {
        // The last segment with text_start < offset <= text_end.
        let mut found = None;
        for seg in self.segments_from(|start| start < offset) {
            if seg.text_start() >= offset {
                break;
            }
            found = Some(seg);
        }
        match found {
            Some(seg) if seg.copied => {
                seg.src_start() + (offset - seg.text_start()).min(seg.src_len as usize)
            }
            Some(seg) => seg.src_end(),
            None => (self.segments_from(|_| false).next()).map_or(0, |s| s.src_start()),
        }
    }

    /// Whether `range` crosses source that was left out (inline code, a comment, markup) or
    /// text the source does not hold (the space put in code's place): a reading across it
    /// joins words the source keeps apart.
    pub fn holds_gap(&self, range: TextRange) -> bool {
        let mut before: Option<Segment> = None;
        for seg in self.segments_from(|start| start <= range.start) {
            if seg.text_end() <= range.start {
                continue;
            }
            if seg.text_start() >= range.end {
                break;
            }
            let inside = seg.text_start() > range.start;
            if inside && seg.src_len == 0 && seg.text_len > 0 {
                return true;
            }
            if inside && before.is_some_and(|b| seg.src_start() > b.src_end()) {
                return true;
            }
            before = Some(seg);
        }
        false
    }

    /// The segments holding text in `range`, in order, each as its text range, its source
    /// range and whether it is copied byte for byte (else its text replaces its source as a
    /// whole). One pass from the nearest mark: a caller walking a range reads each segment
    /// once, where a [`OffsetMap::to_source`] per offset decodes from the mark every time.
    pub fn spans_in(
        &self,
        range: TextRange,
    ) -> impl Iterator<Item = (TextRange, Range<usize>, bool)> + '_ {
        self.segments_from(|start| start <= range.start)
            .skip_while(move |seg| seg.text_end() <= range.start)
            .take_while(move |seg| seg.text_start() < range.end)
            .filter(|seg| seg.text_len > 0)
            .map(|seg| {
                (
                    TextRange::new(seg.text_start(), seg.text_end()),
                    seg.src_start()..seg.src_end(),
                    seg.copied,
                )
            })
    }

    /// Length of the matching text this map covers.
    pub fn text_len(&self) -> usize {
        self.text_len
    }

    /// The segments in order, from the last mark whose segment's text start satisfies
    /// `from_mark` (true of a prefix of the marks), or from the first.
    fn segments_from(&self, from_mark: impl Fn(usize) -> bool) -> MapSegments<'_> {
        let marked = self
            .marks
            .partition_point(|m| from_mark(m.text_start as usize));
        let (at, text_end, src_end, index) = match marked.checked_sub(1) {
            Some(k) => {
                let m = self.marks[k];
                let (at, text_start) = (m.at as usize, m.text_start as usize);
                (
                    at,
                    text_start,
                    m.src_end_before as usize,
                    k * MAP_MARK_EVERY,
                )
            }
            None => (0, 0, 0, 0),
        };
        MapSegments {
            entries: &self.entries,
            at,
            text_end,
            src_end,
            left: self.encoded - index,
            last: self.last,
        }
    }

    /// Appends a segment (the open one is written down).
    fn push(&mut self, segment: Segment) {
        let Some(done) = self.last.replace(segment) else {
            return;
        };
        if self.encoded.is_multiple_of(MAP_MARK_EVERY) {
            self.marks.push(MapMark {
                at: narrow(self.entries.len()),
                text_start: done.text_start,
                src_end_before: narrow(self.encoded_src_end),
            });
        }
        write_number(
            &mut self.entries,
            (done.text_len() << 1) | usize::from(done.copied),
        );
        // Zigzag: a synthetic break may sit before the last source end.
        let delta = done.src_start() as i64 - self.encoded_src_end as i64;
        write_number(&mut self.entries, ((delta << 1) ^ (delta >> 63)) as usize);
        if !done.copied {
            write_number(&mut self.entries, done.src_len as usize);
        }
        self.encoded += 1;
        self.encoded_src_end = done.src_end();
    }
}

/// The segments of an [`OffsetMap`], decoded in order.
struct MapSegments<'a> {
    entries: &'a [u8],
    at: usize,
    text_end: usize,
    src_end: usize,
    left: usize,
    last: Option<Segment>,
}

impl Iterator for MapSegments<'_> {
    type Item = Segment;

    fn next(&mut self) -> Option<Segment> {
        if self.left == 0 {
            return self.last.take();
        }
        self.left -= 1;
        let head = read_number(self.entries, &mut self.at);
        let (text_len, copied) = (head >> 1, head & 1 == 1);
        let zigzag = read_number(self.entries, &mut self.at) as i64;
        let delta = (zigzag >> 1) ^ -(zigzag & 1);
        let src_start = (self.src_end as i64 + delta).max(0) as usize;
        let src_len = if copied {
            text_len
        } else {
            read_number(self.entries, &mut self.at)
        };
        let seg = Segment::new(self.text_end, text_len, src_start, src_len, copied);
        self.text_end += text_len;
        self.src_end = src_start + src_len;
        Some(seg)
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
        self.map.last.as_ref().map_or(0, Segment::src_end)
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
        if let Some(last) = self.map.last.as_mut()
            && last.copied
            && last.text_end() == text_start
            && last.src_end() == src_offset
        {
            let len = narrow(src.len());
            last.text_len = last.text_len.saturating_add(len);
            last.src_len = last.src_len.saturating_add(len);
        } else {
            let segment = Segment::new(text_start, src.len(), src_offset, src.len(), true);
            self.map.push(segment);
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
        self.map.push(segment);
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
        self.map.entries.shrink_to_fit();
        self.map.marks.shrink_to_fit();
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
    use proptest::prelude::*;

    /// The map as a plain list, read the way the list was read before it was encoded: the
    /// oracle for the compact map.
    struct ListMap(Vec<Segment>);

    impl ListMap {
        fn push(&mut self, seg: Segment) {
            match self.0.last_mut() {
                Some(last)
                    if seg.copied
                        && last.copied
                        && last.text_end() == seg.text_start()
                        && last.src_end() == seg.src_start() =>
                {
                    last.text_len += seg.text_len;
                    last.src_len += seg.src_len;
                }
                _ => self.0.push(seg),
            }
        }

        fn start(&self, offset: usize) -> usize {
            let idx = self.0.partition_point(|s| s.text_start() <= offset);
            for seg in self.0[..idx].iter().rev() {
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
            self.0
                .get(idx.saturating_sub(1))
                .map_or(0, Segment::src_end)
        }

        fn end(&self, offset: usize) -> usize {
            let idx = self.0.partition_point(|s| s.text_start() < offset);
            match self.0[..idx].last() {
                Some(seg) if seg.copied => {
                    seg.src_start() + (offset - seg.text_start()).min(seg.src_len as usize)
                }
                Some(seg) => seg.src_end(),
                None => self.0.first().map_or(0, Segment::src_start),
            }
        }

        fn to_source(&self, range: TextRange) -> Range<usize> {
            let start = self.start(range.start);
            let end = if range.end <= range.start {
                start
            } else {
                self.end(range.end)
            };
            start..end.max(start)
        }

        fn holds_gap(&self, range: TextRange) -> bool {
            let from = self.0.partition_point(|s| s.text_end() <= range.start);
            self.0[from..]
                .iter()
                .take_while(|s| s.text_start() < range.end)
                .any(|s| s.src_len == 0 && s.text_len > 0 && s.text_start() > range.start)
                || self.0[from..]
                    .windows(2)
                    .take_while(|w| w[1].text_start() < range.end)
                    .any(|w| w[1].src_start() > w[0].src_end() && w[1].text_start() > range.start)
        }
    }

    proptest! {
        /// Whatever the pieces — copied runs that join or not, replacements, synthetic breaks
        /// placed before the source read so far, empty text — the compact map maps every
        /// range and finds every gap as the plain list does, across many marks.
        #[test]
        fn the_compact_map_reads_as_the_list(
            ops in prop::collection::vec((0u8..4, 0usize..6, 0usize..4), 0..300),
            probes in prop::collection::vec((0usize..1_000, 0usize..40), 1..40),
        ) {
            let mut builder = TextBuilder::new();
            let mut list = ListMap(Vec::new());
            let mut src = 0;
            for (kind, len, skip) in ops {
                let text_start = builder.text().len();
                let piece = "abcdef".get(..len).unwrap_or("");
                let seg = match kind {
                    0 | 1 => {
                        // A copied run, right after the last or past skipped source.
                        src += if kind == 0 { 0 } else { skip };
                        builder.push_copied(piece, src);
                        Segment::new(text_start, len, src, len, true)
                    }
                    2 => {
                        builder.push_replaced_raw(piece, src + skip..src + skip + 1);
                        Segment::new(text_start, len, src + skip, 1, false)
                    }
                    _ => {
                        // Synthetic text at or before the source read so far.
                        let at = src.saturating_sub(skip);
                        builder.push_synthetic(piece, at);
                        Segment::new(text_start, len, at, 0, false)
                    }
                };
                if kind <= 1 && len == 0 {
                    continue; // an empty copy is no segment
                }
                if kind <= 2 {
                    src = src.max(seg.src_end());
                }
                list.push(seg);
            }
            let (text, map) = builder.finish();
            for (start, len) in probes {
                let start = start % (text.len() + 2);
                let range = TextRange::new(start, start + len);
                prop_assert_eq!(map.to_source(range), list.to_source(range), "{:?}", range);
                prop_assert_eq!(map.holds_gap(range), list.holds_gap(range), "{:?}", range);
            }
        }
    }

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
