//! Positions: which file, and which bytes of it.
//!
//! A [`Span`] is a half-open byte range into the *original* bytes of a file in the
//! [`Files`](crate::files::Files) database. Text made from markup for matching lives in a
//! different coordinate system (see [`crate::source::offsets::TextRange`]); only
//! [`OffsetMap::to_source`](crate::source::offsets::OffsetMap::to_source) converts between the
//! two, so a span can never underline the wrong bytes.

use std::ops::Range;

/// Index of a file in the [`Files`](crate::files::Files) database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A half-open byte range `start..end` into the original bytes of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The file the bytes belong to.
    pub file: FileId,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span of `range` in `file`; an inverted range is clamped to empty.
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span {
            file,
            start: range.start,
            end: range.end.max(range.start),
        }
    }

    /// The byte range, for slicing and for codespan labels.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}
