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

pub mod blocks;
pub mod dateline;
pub mod docx;
pub mod entities;
pub mod frontmatter;
mod html;
pub mod joints;
mod markdown;
pub mod offsets;
mod plain;
pub mod stamps;

use crate::span::FileId;
use crate::value::PartialDate;

pub use blocks::Blocks;
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
    pub blocks: Blocks,
    /// Metadata.
    pub meta: DocMeta,
    /// How many of the first [`blocks`](Document::blocks) are the headline and standfirst
    /// (front matter, an HTML title) rather than the body: with the body's first paragraph
    /// they are the lead that names the story's event.
    pub headlines: usize,
    /// The blocks that quote somebody (Markdown `>`, HTML `<blockquote>`), in text order: a fix
    /// never rewrites a quotation.
    pub quoted: Blocks,
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
    let mut builder = TextBuilder::for_source(text_estimate(format, source.len()));
    let mut meta = DocMeta::default();
    let mut docx_dates = Vec::new();
    let mut front = Vec::new();
    let body = if format == Format::Docx {
        let (body_end, props) = docx::split_properties(source);
        meta.title = props.title;
        docx_dates.extend(props.created.iter().chain(&props.modified).cloned());
        BodyBlocks::plain(docx_lines(source, body_end, &mut builder))
    } else {
        let frontmatter = frontmatter::split(source);
        let body_start = frontmatter.as_ref().map_or(0, |f| f.body_start);
        if let Some(f) = frontmatter {
            meta = f.meta;
            front = headline_blocks(source, &f.prose, &mut builder);
            if !front.is_empty() {
                builder.push_synthetic("\n\n", body_start);
            }
        }
        match format {
            Format::Markdown => {
                BodyBlocks::markdown(markdown::build(source, body_start, &mut builder), &mut meta)
            }
            Format::Html => {
                BodyBlocks::page(html::build(source, body_start, &mut builder), &mut meta)
            }
            Format::Plain | Format::Docx => {
                BodyBlocks::plain(plain::build(source, body_start, &mut builder))
            }
        }
    };
    let lines_from = matches!(format, Format::Plain | Format::Markdown).then_some(source);
    finish_document(
        Parts {
            file,
            format,
            builder,
            meta,
            front,
            body,
        },
        &docx_dates,
        lines_from,
    )
}

/// What a loader gathered, before the document's dates are decided.
struct Parts {
    file: FileId,
    format: Format,
    builder: TextBuilder,
    meta: DocMeta,
    /// The front matter's headlines, read before the body and put before its blocks.
    front: Vec<TextRange>,
    body: BodyBlocks,
}

/// What a format's reader gathered of a document's body.
#[derive(Debug, Default)]
struct BodyBlocks {
    /// The body's blocks, an HTML page's titles first.
    blocks: Blocks,
    /// How many of `blocks` are an HTML page's titles.
    titles: usize,
    quoted: Blocks,
}

impl BodyBlocks {
    fn plain(blocks: Blocks) -> BodyBlocks {
        BodyBlocks {
            blocks,
            ..BodyBlocks::default()
        }
    }

    /// A Markdown body; its first level-1 heading is the title where `meta` has none.
    fn markdown(parsed: markdown::Parsed, meta: &mut DocMeta) -> BodyBlocks {
        if meta.title.is_none() {
            meta.title = parsed.first_h1;
        }
        BodyBlocks {
            blocks: parsed.blocks,
            titles: 0,
            quoted: parsed.quoted,
        }
    }

    /// An HTML body; its title and date are taken where `meta` (the front matter) has none.
    fn page(parsed: html::Parsed, meta: &mut DocMeta) -> BodyBlocks {
        meta.title = meta.title.take().or(parsed.title);
        meta.date = meta.date.or(parsed.date);
        BodyBlocks {
            // The page's own title blocks come first in the source (`<head>`).
            titles: parsed.headlines.min(parsed.blocks.len()),
            blocks: parsed.blocks,
            quoted: parsed.quoted,
        }
    }
}

/// The document from what its loader gathered: the dateline (in `lines_from`, the source or
/// its beginning, whose line breaks mark dateline lines where they are the author's), stamps
/// and the publication date.
fn finish_document(parts: Parts, docx_dates: &[String], lines_from: Option<&str>) -> Document {
    let Parts {
        file,
        format,
        builder,
        mut meta,
        front,
        body: BodyBlocks {
            mut blocks,
            titles,
            quoted,
        },
    } = parts;
    let (text, map) = builder.finish();
    // The headlines go before the body's blocks in place: a document of a million paragraphs
    // would otherwise hold its blocks twice.
    blocks.prepend(&front);
    blocks.shrink_to_fit();
    let headline_count = (front.len() + titles).min(blocks.len());
    if let Some(found) = dateline::find(&text, blocks.iter_from(headline_count), &map, lines_from) {
        meta.dateline = Some(found.range);
        meta.date = meta.date.or(Some(found.date));
    }
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

/// A plain-text, Markdown or HTML document read piece by piece, so that a large one is never
/// held whole beside its matching text: each piece ends where no block spans the end (after a
/// blank line in plain text, [`plain::piece_end`]; where a paragraph must start in Markdown,
/// [`markdown::MarkdownPieces`]) or the reader carries what it cuts off into the next
/// ([`html::HtmlPieces`]), and the result is the [`load`] of the whole text (tested).
#[derive(Debug)]
pub struct Pieces {
    file: FileId,
    builder: TextBuilder,
    meta: DocMeta,
    /// The front matter's headlines.
    front: Vec<TextRange>,
    body_blocks: Blocks,
    /// The first piece, to [`dateline::SOURCE_REACH`] bytes: a dateline is looked for in it.
    first: Option<String>,
    /// Bytes of the document pushed so far.
    len: usize,
    /// How long the document is said to be: the matching text is sized for it once the first
    /// piece is read (so a sparse gigabyte of NULs, refused on its first bytes, reserves
    /// nothing).
    expected: usize,
    /// The reader of the document's format.
    body: Body,
    /// How many bytes of an open front matter were looked at for its closing line.
    front_read: usize,
}

impl Pieces {
    /// A loader for a document of about `len` bytes at `path` (its name chooses the format:
    /// Markdown, HTML, or else plain text).
    pub fn new(file: FileId, path: &str, len: usize) -> Pieces {
        Pieces {
            file,
            builder: TextBuilder::new(),
            expected: len,
            meta: DocMeta::default(),
            front: Vec::new(),
            body_blocks: Blocks::new(),
            first: None,
            len: 0,
            body: match Format::from_path(path) {
                Format::Markdown => Body::Markdown(markdown::MarkdownPieces::default()),
                Format::Html => Body::Html(html::HtmlPieces::default()),
                Format::Plain | Format::Docx => Body::Plain,
            },
            front_read: 0,
        }
    }

    /// Whether a document at `path` can be read piece by piece.
    pub fn can_read(path: &str) -> bool {
        Format::from_path(path) != Format::Docx
    }

    /// Where the next piece may end in `buf`, the bytes read after the pieces pushed so far, of
    /// which those before `fresh` were looked at before (and had no place to end).
    pub fn piece_end(&mut self, buf: &[u8], fresh: usize) -> Option<usize> {
        let not_before = if self.first.is_some() {
            0
        } else {
            // While a front matter is open, only the new lines may close it: parse it once
            // they do, not on every read (a file that opens with `---` and never closes it
            // would be parsed again for each megabyte).
            if !self.closing_line_read(buf) {
                return None;
            }
            front_matter_end(buf)?
        };
        match &mut self.body {
            Body::Markdown(md) => return md.piece_end(buf, not_before),
            Body::Html(_) => return html::HtmlPieces::piece_end(buf, not_before),
            Body::Plain => {}
        }
        // A blank line is three bytes at most: look again only where it may end in new bytes.
        let from = fresh.saturating_sub(2);
        let end = from + plain::piece_end(buf.get(from..)?, 0)?;
        (end >= not_before).then_some(end)
    }

    /// Whether `buf` (the first bytes of the document) opens no front matter, or has a line
    /// that may close it among its complete lines; lines looked at before are not read again.
    fn closing_line_read(&mut self, buf: &[u8]) -> bool {
        let head = buf.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(buf);
        if head.len() < 3 && (b"---".starts_with(head) || b"+++".starts_with(head)) {
            // Too short to tell yet (a reader that may cut anywhere asks this early).
            return false;
        }
        if !(head.starts_with(b"---") || head.starts_with(b"+++")) {
            return true;
        }
        let Some(first_end) = buf.iter().position(|&b| b == b'\n') else {
            return false;
        };
        let from = self.front_read.max(first_end + 1);
        let mut at = from;
        for line in buf[from..].split_inclusive(|&b| b == b'\n') {
            if !line.ends_with(b"\n") {
                break;
            }
            at += line.len();
            if matches!(line.trim_ascii_end(), b"---" | b"..." | b"+++") {
                // Past it next time: a line that does not close this kind of front matter
                // ("+++" in YAML) is not parsed for again.
                self.front_read = at;
                return true;
            }
        }
        self.front_read = at;
        false
    }

    /// Reads the next piece of the document.
    pub fn push(&mut self, piece: &str) {
        let base = self.len;
        let mut body_start = 0;
        if self.first.is_none() {
            self.builder = TextBuilder::for_source(text_estimate(self.format(), self.expected));
            if let Some(f) = frontmatter::split(piece) {
                body_start = f.body_start;
                self.meta = f.meta;
                self.front = headline_blocks(piece, &f.prose, &mut self.builder);
                if !self.front.is_empty() {
                    self.builder.push_synthetic("\n\n", body_start);
                }
            }
            // Only the start is kept: a dateline stands in the first lines (a piece can be
            // a run-on line of many megabytes).
            let kept = offsets::floor_char_boundary(piece, dateline::SOURCE_REACH);
            self.first = Some(piece.get(..kept).unwrap_or_default().to_string());
        }
        match &mut self.body {
            Body::Markdown(md) => md.push(piece, body_start, base, &mut self.builder),
            Body::Html(page) => page.push(piece, body_start, base, &mut self.builder),
            Body::Plain => plain::build_piece(
                piece,
                body_start,
                base,
                &mut self.builder,
                &mut self.body_blocks,
            ),
        }
        self.len += piece.len();
    }

    /// The document's format.
    fn format(&self) -> Format {
        match self.body {
            Body::Plain => Format::Plain,
            Body::Markdown(_) => Format::Markdown,
            Body::Html(_) => Format::Html,
        }
    }

    /// Whether the document must be read again whole: a Markdown piece after the first may
    /// define a link reference that an earlier piece uses, or HTML markup ran on too long to
    /// be carried from piece to piece.
    pub fn must_read_whole(&self) -> bool {
        match &self.body {
            Body::Markdown(md) => md.must_read_whole(),
            Body::Html(page) => page.must_read_whole(),
            Body::Plain => false,
        }
    }

    /// The document.
    pub fn finish(mut self) -> Document {
        let format = self.format();
        let first = self.first.unwrap_or_default();
        let body = match self.body {
            Body::Markdown(md) => {
                BodyBlocks::markdown(md.finish(&mut self.builder), &mut self.meta)
            }
            Body::Html(page) => BodyBlocks::page(page.finish(&mut self.builder), &mut self.meta),
            Body::Plain => BodyBlocks::plain(self.body_blocks),
        };
        // A page's lines are not the author's: no dateline is looked for by them.
        let lines_from = (format != Format::Html).then_some(first.as_str());
        finish_document(
            Parts {
                file: self.file,
                format,
                builder: self.builder,
                meta: self.meta,
                front: self.front,
                body,
            },
            &[],
            lines_from,
        )
    }
}

/// About how long the matching text of a source of `len` bytes in `format` is, to reserve it at
/// once: as long, but for a page, whose markup is most of its bytes (a quarter is reserved,
/// and the text doubles from there when it is longer).
fn text_estimate(format: Format, len: usize) -> usize {
    if format == Format::Html { len / 4 } else { len }
}

/// How a document's body is read piece by piece, by format.
#[derive(Debug)]
enum Body {
    Plain,
    Markdown(markdown::MarkdownPieces),
    Html(html::HtmlPieces),
}

/// Where the front matter at the top of `buf` ends (0 without one); `None` while its closing
/// line may still come (a buffer that opens with `---` or `+++` and has not closed it).
fn front_matter_end(buf: &[u8]) -> Option<usize> {
    let head = buf.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(buf);
    if !(head.starts_with(b"---") || head.starts_with(b"+++")) {
        return Some(0);
    }
    let valid = match std::str::from_utf8(buf) {
        Ok(all) => all,
        Err(e) => std::str::from_utf8(&buf[..e.valid_up_to()]).unwrap_or_default(),
    };
    match frontmatter::split(valid) {
        Some(f) => Some(f.body_start),
        // An opening line that is not exactly `---`/`+++` opens no front matter.
        None if valid.lines().next().is_some_and(|l| {
            let l = l.trim_start_matches('\u{FEFF}').trim_end();
            l != "---" && l != "+++"
        }) =>
        {
            Some(0)
        }
        None => None,
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
fn docx_lines(source: &str, end: usize, builder: &mut TextBuilder) -> Blocks {
    let mut blocks = Blocks::new();
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

    /// `text` read piece by piece, each piece ending at the first place [`Pieces`] allows
    /// after `every` bytes (the reader's rhythm, in small).
    fn in_pieces(path: &str, text: &str, every: usize) -> (Document, usize) {
        let mut loader = Pieces::new(FileId(0), path, text.len());
        let bytes = text.as_bytes();
        let (mut start, mut pieces) = (0, 0);
        let mut until = every;
        while start < bytes.len() {
            let buf = &bytes[start..until.min(bytes.len())];
            let end = if until >= bytes.len() {
                Some(buf.len())
            } else {
                loader.piece_end(buf, 0)
            };
            match end {
                Some(end) if end > 0 => {
                    loader.push(&text[start..start + end]);
                    pieces += 1;
                    start += end;
                    until = start + every;
                }
                _ => until += every,
            }
        }
        (loader.finish(), pieces)
    }

    #[test]
    fn a_plain_text_read_in_pieces_is_the_text_read_whole() {
        let texts = [
            "---\ntitle: Gunmen storm a hall\n\ndate: 2024-03-23\n---\nMOSCOW, March 23 (Wire) -\nThe attack killed 139.\n\nSecond  paragraph\nwrapped here.\n\n\n\u{200B}\n\nThird \u{2014} \u{201C}quoted\u{201D}.\n",
            "First.\r\n\r\nSecond line one\r\nline two.\r\n\r\n  Third.  \r\n",
            "+++\ntitle = \"x\"\n+++\nOne.\n\nTwo.\n\nThree.",
            &format!("{}\nshort\n\nNext.\n\n", "long line ".repeat(20)),
            "---\nnot closed\n\nOne.\n\nTwo.\n",
            "----- a rule, not front matter\n\nOne.\n\nTwo.\n",
            "---\ntitle: x\n+++\n\nmore: y\n...\nBody.\n\nTwo.\n",
        ];
        let most = read_in_pieces_as_whole("a.txt", &texts);
        assert!(most >= 3, "the texts were read in {most} pieces at most");
    }

    /// Reads each of `texts` as a document at `path`, whole and in pieces of several sizes, and
    /// asserts the two read the same; returns the most pieces any text was read in.
    fn read_in_pieces_as_whole(path: &str, texts: &[&str]) -> usize {
        let mut most = 0;
        for text in texts {
            let whole = load(FileId(0), path, text);
            for every in [1, 3, 8, 20, 1000] {
                let (doc, pieces) = in_pieces(path, text, every);
                most = most.max(pieces);
                let why = format!("{text:?} in pieces of {every} ({pieces})");
                assert_eq!(doc.format, whole.format, "{why}");
                assert_eq!(doc.text, whole.text, "{why}");
                assert_eq!(doc.blocks, whole.blocks, "{why}");
                assert_eq!(doc.quoted, whole.quoted, "{why}");
                assert_eq!(doc.headlines, whole.headlines, "{why}");
                assert_eq!(doc.meta, whole.meta, "{why}");
                for b in &whole.blocks {
                    for i in b.start..b.end {
                        let one = TextRange::new(i, i + 1);
                        assert_eq!(doc.map.to_source(one), whole.map.to_source(one), "{why}");
                    }
                }
            }
        }
        most
    }

    #[test]
    fn a_markdown_text_read_in_pieces_is_the_text_read_whole() {
        let texts = [
            "---\ntitle: Gunmen storm a hall\n---\nMOSCOW, March 23 (Wire) -\n\nThe *attack* killed 139.\n\n> A witness\n> spoke.\n\nThen prose.\n",
            "# Heading\n\nIntro.\n\n```\ncode 1\n\nNot prose 2\n```\n\nAfter fence.\n\n- a\n- list\n\nMore.\n",
            "Intro.\n<!-- opens in a paragraph\n\nLetters 7 -->\n\nOut.\n\n<pre>\n\nkept\n</pre>\n\nEnd.",
            "Windows\r\n\r\nlines\r\n\r\n~~~\r\ncode\r\n\r\nx\r\n~~~\r\n\r\nend\r\n",
            "---\nnot closed\n\nOne.\n\nTwo.\n",
        ];
        let most = read_in_pieces_as_whole("a.md", &texts);
        assert!(most >= 3, "the texts were read in {most} pieces at most");
    }

    #[test]
    fn an_html_page_read_in_pieces_is_the_page_read_whole() {
        let texts = [
            "<!DOCTYPE html><html><head><title>Gunmen storm a hall &amp; more</title>\
             <meta property=\"og:title\" content=\"Hall attack: 139 dead\">\
             <meta property=\"article:published_time\" content=\"2024-03-23\"></head>\
             <body><h1>Hall  attack</h1><p>MOSCOW, March 23 -\n  The attack   killed\t139\
             &nbsp;people &ndash; officials&#8217; count, AT&ampT &#x2014; said.</p>\
             <script>var s = '</div><p>140</p>'; if (a<b) {}</script>\
             <!-- a comment with <p>141</p> --><style>p{}</style><div hidden><p>142</p></div>\
             <blockquote><p>\u{201C}We ran,\u{201D} she said.</p></blockquote>\
             <p title='a > b'>Caf\u{e9} na\u{ef}ve <b>IS</b>-K a<img src=x>b</p>\
             <p>a < b and 3<4</p><!--> <!---> <?pi x?><![CDATA[x]]></ x>\
             <svg><title>icon</title></svg><p>tail &amp</p></body></html>",
            "---\ntitle: Front\n---\n<p>One.</p>\n\n<p>Two \u{1F600} emoji.</p>",
            "<p>text <!-- never closed 139",
            "before<script>never closed </scrip",
            "<p>cut off <a href=\"x",
            "<p>ends on a reference &#x201",
            "<title>Only title</title>   \n\n   ",
        ];
        let most = read_in_pieces_as_whole("a.html", &texts);
        assert!(most >= 3, "the texts were read in {most} pieces at most");
    }

    #[test]
    fn a_markdown_piece_that_may_define_a_reference_asks_for_the_whole_text() {
        let text = "A [ref] here.\n\nMiddle.\n\n[ref]: https://x.test\n";
        let mut loader = Pieces::new(FileId(0), "a.md", text.len());
        let cut = loader.piece_end(text.as_bytes(), 0);
        assert_eq!(cut, text.find("Middle."));
        let (first, rest) = text.split_at(cut.unwrap_or(0));
        loader.push(first);
        assert!(!loader.must_read_whole());
        loader.push(rest);
        assert!(loader.must_read_whole());
    }

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
