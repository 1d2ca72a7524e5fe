//! Sources: a document's original text → matching text + offset map + metadata.
//!
//! Each format (plain text, Markdown) has its own module that decides which parts are prose
//! and feeds them to a [`TextBuilder`](offsets::TextBuilder). Conventions every format keeps:
//! a blank line (`"\n\n"`) in the matching text is a hard block boundary (paragraph, heading,
//! list item); a single `"\n"` is a soft line break inside a block. (Being written.)

pub mod offsets;

use crate::span::FileId;
use crate::value::PartialDate;

use offsets::{OffsetMap, TextBuilder};

/// The format of a document, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (`.txt` and anything unknown).
    Plain,
    /// Markdown (`.md`, `.markdown`, `.mdx`).
    Markdown,
}

/// What a document says about itself: front matter, meta tags, a dateline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// Publication date, if the document states one.
    pub date: Option<PartialDate>,
    /// Title, if the document states one.
    pub title: Option<String>,
}

/// A document ready for extraction.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file in the database.
    pub file: FileId,
    /// Its format.
    pub format: Format,
    /// Matching text: prose only, normalized.
    pub text: String,
    /// Matching-text offsets → source bytes.
    pub map: OffsetMap,
    /// The blocks of prose (paragraphs, headings, list items, table cells) in text order;
    /// sentences never cross a block boundary.
    pub blocks: Vec<offsets::TextRange>,
    /// Metadata.
    pub meta: DocMeta,
}

/// Reads a document's prose from its source text.
pub fn load(file: FileId, path: &str, source: &str) -> Document {
    let _ = path;
    let mut builder = TextBuilder::new();
    builder.push_source(source, 0);
    let (text, map) = builder.finish();
    Document {
        file,
        format: Format::Plain,
        blocks: vec![offsets::TextRange::new(0, text.len())],
        text,
        map,
        meta: DocMeta::default(),
    }
}
