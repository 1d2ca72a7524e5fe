//! Sources: a document's original text → matching text + offset map + blocks + metadata.
//!
//! Each format (plain text, Markdown, HTML, DOCX) has its own module that decides which parts
//! are prose and feeds them to a [`TextBuilder`]. Conventions every format keeps:
//!
//! - the matching text holds prose only, normalized (DESIGN §3); spans go back to the original
//!   bytes through [`Document::map`] alone;
//! - each block of prose (paragraph, heading, list item, table cell, block-quote paragraph,
//!   footnote) is one [`TextRange`](offsets::TextRange) in [`Document::blocks`], trimmed of
//!   surrounding whitespace, in text order and never overlapping;
//! - consecutive blocks are joined by a synthetic `"\n\n"` (it maps to an empty source range),
//!   so a scanner that only looks at the text still sees the boundary; inside a block a line
//!   break folds to a space;
//! - front matter (`---` YAML or `+++` TOML at the very top) fills [`DocMeta`]; only its
//!   headline and standfirst (`title`, `subtitle`, `description`, `summary`) reach the text,
//!   with exact spans, as the document's first blocks ([`Document::headlines`] of them): a
//!   news story names its event there first. An HTML page's `<title>` (and its `og:title`
//!   where it says something else) are read the same way.
//!
//! A DOCX file is the exception to "the original bytes": its source in the file database is
//! the *virtual source* [`docx`] extracts (one paragraph per line), since spans cannot point
//! into a zip. [`crate::discover::read_input`] produces it, [`load`] reads it like any other
//! text, and [`locator`] names a line of it as a paragraph (`¶14`).
//!
//! The document date is decided here, in one place, best first: front matter `date`; the
//! HTML `<meta>` publication date or first `<time datetime>`; a [`dateline`] in the first
//! lines; for DOCX, the core properties' `created`, then `modified`. A DOCX dateline beats its
//! properties because the properties are stamped by software (a copy of a template keeps the
//! template's dates) while a dateline is what the author wrote.

pub mod dateline;
pub mod docx;
pub mod entities;
pub mod frontmatter;
mod html;
mod markdown;
pub mod offsets;
mod plain;
pub mod stamps;

use crate::span::FileId;
use crate::value::PartialDate;

use offsets::{OffsetMap, TextBuilder, TextRange};

/// The format of a document, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (`.txt` and anything unknown).
    Plain,
    /// Markdown (`.md`, `.markdown`, `.mdx`).
    Markdown,
    /// HTML (`.html`, `.htm`, `.xhtml`).
    Html,
    /// A Word document (`.docx`), held as its virtual source.
    Docx,
}

/// What a document says about itself: front matter, meta tags, a dateline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// Publication date, if the document states one.
    pub date: Option<PartialDate>,
    /// Title, if the document states one.
    pub title: Option<String>,
    /// The dateline in the matching text (`MOSCOW, March 23, 2024 (Wire) -`), if the document
    /// opens with one, whether or not it gave the date: its date is the filing date, not a
    /// fact of the story, so extraction may leave it out.
    pub dateline: Option<TextRange>,
    /// Publication and update stamps, bylines, copyright lines and embedded posts' dates, by
    /// position ([`stamps`]): dates about the page, never the story's.
    pub stamps: Vec<stamps::Stamp>,
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
    pub blocks: Vec<TextRange>,
    /// Metadata.
    pub meta: DocMeta,
    /// How many of the first [`blocks`](Document::blocks) are the headline and standfirst
    /// (front matter, an HTML title) rather than the body: with the body's first paragraph
    /// they are the lead that names the story's event.
    pub headlines: usize,
    /// The blocks that quote somebody (Markdown `>`, HTML `<blockquote>`), in text order: a fix
    /// never rewrites a quotation.
    pub quoted: Vec<TextRange>,
}

impl Format {
    /// The format of a file, by extension (case-insensitive): `.md`, `.markdown` and `.mdx`
    /// are Markdown, `.html`, `.htm` and `.xhtml` HTML, `.docx` a Word document, anything
    /// else plain text.
    pub fn from_path(path: &str) -> Format {
        let Some(ext) = extension(path) else {
            return Format::Plain;
        };
        match ext.as_str() {
            "md" | "markdown" | "mdx" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "docx" => Format::Docx,
            _ => Format::Plain,
        }
    }
}

/// The extension of a path's file name, lower-cased; `None` without one (`README`, `.md`).
pub fn extension(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => Some(ext.to_ascii_lowercase()),
        _ => None,
    }
}

/// How to name line `line` (1-based) of a file in a report, when a line number would mislead:
/// `Some("¶14")` for a `.docx`, whose virtual source has one paragraph per line; `None` for
/// formats whose lines are the file's own.
pub fn locator(path: &str, line: usize) -> Option<String> {
    (Format::from_path(path) == Format::Docx && line > 0).then(|| format!("\u{b6}{line}"))
}

/// Reads a document's prose from its source text; `path` chooses the format. Never fails and
/// never panics: whatever the input, the result is a (possibly empty) document.
pub fn load(file: FileId, path: &str, source: &str) -> Document {
    let format = Format::from_path(path);
    let mut builder = TextBuilder::for_source(source.len());
    let mut meta = DocMeta::default();
    let mut docx_dates = Vec::new();
    let mut quoted = Vec::new();
    let mut headlines = Vec::new();
    let body_blocks = if format == Format::Docx {
        let (body_end, props) = docx::split_properties(source);
        meta.title = props.title;
        docx_dates.extend(props.created.iter().chain(&props.modified).cloned());
        docx_lines(source, body_end, &mut builder)
    } else {
        let front = frontmatter::split(source);
        let body_start = front.as_ref().map_or(0, |f| f.body_start);
        if let Some(f) = front {
            meta = f.meta;
            headlines = headline_blocks(source, &f.prose, &mut builder);
            if !headlines.is_empty() {
                builder.push_synthetic("\n\n", body_start);
            }
        }
        match format {
            Format::Markdown => {
                let parsed = markdown::build(source, body_start, &mut builder);
                if meta.title.is_none() {
                    meta.title = parsed.first_h1;
                }
                quoted = parsed.quoted;
                parsed.blocks
            }
            Format::Html => {
                let parsed = html::build(source, body_start, &mut builder);
                meta.title = meta.title.or(parsed.title);
                meta.date = meta.date.or(parsed.date);
                quoted = parsed.quoted;
                // The page's own title blocks come first in the source (`<head>`).
                let (titles, body) = parsed
                    .blocks
                    .split_at(parsed.headlines.min(parsed.blocks.len()));
                headlines.extend_from_slice(titles);
                body.to_vec()
            }
            Format::Plain | Format::Docx => plain::build(source, body_start, &mut builder),
        }
    };
    let (text, map) = builder.finish();
    // Source line breaks mark dateline lines only where the source's lines are the author's.
    let lines_from = matches!(format, Format::Plain | Format::Markdown).then_some(source);
    if let Some(found) = dateline::find(&text, &body_blocks, &map, lines_from) {
        meta.dateline = Some(found.range);
        meta.date = meta.date.or(Some(found.date));
    }
    let headline_count = headlines.len();
    let mut blocks = headlines;
    blocks.extend(body_blocks);
    blocks.shrink_to_fit();
    meta.stamps = stamps::find(&text, &blocks);
    meta.date = meta.date.or(stamps::publication_date(&meta.stamps));
    if meta.date.is_none() {
        meta.date = docx_dates.iter().find_map(|d| frontmatter::parse_date(d));
    }
    Document {
        file,
        format,
        text,
        map,
        blocks,
        meta,
        headlines: headline_count,
        quoted,
    }
}

/// Appends the front matter's prose values to `builder`, one block each, and returns them.
fn headline_blocks(
    source: &str,
    prose: &[Vec<frontmatter::Piece>],
    builder: &mut TextBuilder,
) -> Vec<TextRange> {
    let mut blocks = Vec::new();
    for pieces in prose {
        let mut start = None;
        for piece in pieces {
            let at = match piece {
                frontmatter::Piece::Source(r) | frontmatter::Piece::Replaced(_, r) => r.start,
                frontmatter::Piece::Space(at) => *at,
            };
            if start.is_none() {
                if !blocks.is_empty() {
                    builder.push_synthetic("\n\n", at);
                }
                start = Some(builder.text().len());
            }
            match piece {
                frontmatter::Piece::Source(r) => {
                    builder.push_source(source.get(r.clone()).unwrap_or(""), r.start);
                }
                frontmatter::Piece::Replaced(text, r) => builder.push_replaced(text, r.clone()),
                frontmatter::Piece::Space(at) => builder.push_synthetic(" ", *at),
            }
        }
        let Some(start) = start else {
            continue;
        };
        blocks.extend(builder.block_since(start));
    }
    blocks
}

/// The blocks of a DOCX virtual source: each non-blank line of `source[..end]` (a paragraph)
/// is one block, copied as written.
fn docx_lines(source: &str, end: usize, builder: &mut TextBuilder) -> Vec<TextRange> {
    let mut blocks = Vec::new();
    let mut pos = 0;
    let body = source.get(..end).unwrap_or(source);
    for line in body.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() {
            continue;
        }
        let at = start + lead;
        if !blocks.is_empty() {
            builder.push_synthetic("\n\n", at);
        }
        let text_start = builder.text().len();
        builder.push_source(trimmed, at);
        // A dropped char (soft hyphen) at an edge can leave white space: trim in the text too.
        blocks.extend(builder.block_since(text_start));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u8, d: u8) -> Option<PartialDate> {
        Some(PartialDate {
            year: Some(y),
            month: Some(m),
            day: Some(d),
        })
    }

    #[test]
    fn format_by_extension() {
        assert_eq!(Format::from_path("a/b.md"), Format::Markdown);
        assert_eq!(Format::from_path("B.MARKDOWN"), Format::Markdown);
        assert_eq!(Format::from_path("x.mdx"), Format::Markdown);
        assert_eq!(Format::from_path("notes.txt"), Format::Plain);
        assert_eq!(Format::from_path("README"), Format::Plain);
        assert_eq!(Format::from_path(".md"), Format::Plain);
        assert_eq!(Format::from_path("dir.md/file"), Format::Plain);
    }

    #[test]
    fn front_matter_is_meta_and_its_headline_is_prose_in_both_formats() {
        let src = "---\ntitle: \"Crocus: 144 dead\"\ndate: 2024-03-29\nsummary: >\n  Toll\n  \
                   rises\n---\nThe toll is 139.\n";
        for path in ["a.md", "a.txt"] {
            let doc = load(FileId(0), path, src);
            assert_eq!(
                doc.text, "Crocus: 144 dead\n\nToll rises\n\nThe toll is 139.",
                "{path}"
            );
            assert_eq!(doc.headlines, 2);
            assert_eq!(doc.blocks.len(), 3);
            assert_eq!(doc.meta.title.as_deref(), Some("Crocus: 144 dead"));
            assert_eq!(doc.meta.date, ymd(2024, 3, 29));
            for number in ["139", "144"] {
                let at = doc.text.find(number).unwrap();
                assert_eq!(&src[doc.map.to_source(TextRange::new(at, at + 3))], number);
            }
        }
        let toml = "+++\ndate = 2024-03-22\n+++\n\n# Heading\n\nBody.";
        let doc = load(FileId(0), "t.md", toml);
        assert_eq!(doc.text, "Heading\n\nBody.");
        assert_eq!(doc.meta.date, ymd(2024, 3, 22));
        // No title in the front matter: the first level-1 heading stands in.
        assert_eq!(doc.meta.title.as_deref(), Some("Heading"));
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn markdown_entity_maps_back_through_load() {
        let src = "AT&amp;T said *so*.";
        let doc = load(FileId(3), "x.md", src);
        assert_eq!(doc.format, Format::Markdown);
        assert_eq!(doc.file, FileId(3));
        assert_eq!(doc.text, "AT&T said so.");
        assert_eq!(&src[doc.map.to_source(TextRange::new(0, 4))], "AT&amp;T");
        // The same bytes as plain text are copied as written.
        let doc = load(FileId(3), "x.txt", src);
        assert_eq!(doc.text, src);
    }

    #[test]
    fn plain_text_blocks() {
        let doc = load(FileId(0), "a.txt", "One.\n\nTwo\nlines.\n");
        assert_eq!(doc.format, Format::Plain);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| &doc.text[b.range()]).collect();
        assert_eq!(texts, ["One.", "Two lines."]);
        assert_eq!(doc.text, "One.\n\nTwo lines.");
    }
}
