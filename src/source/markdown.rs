//! Markdown: prose is the text of paragraphs, headings, list items, table cells, block quotes
//! and footnotes, read through pulldown-cmark's offset iterator.
//!
//! Not prose: fenced and indented code blocks, inline code, HTML blocks and inline HTML
//! (comments included), image alt text, autolinks, link and image destinations and titles
//! (these never appear as text events), and front matter (cut off before parsing by
//! [`frontmatter`](super::frontmatter)). Link *text* is prose.
//!
//! Each `Text` event is copied from the source when its text is the source slice of its range
//! (the common case), and otherwise recorded as a replacement of that range: this is how a
//! decoded entity (`&amp;` → `&`) still points at its original bytes. pulldown-cmark splits
//! text at escapes and entities, and a backslash escape's range leaves out the backslash; both
//! are harmless here because every piece maps on its own.

use std::borrow::Cow;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::blocks::Blocks;
use super::offsets::TextBuilder;

/// What one Markdown body yields besides its text.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    /// Blocks of prose, in text order.
    pub blocks: Blocks,
    /// The text of the first level-1 heading, a fallback title.
    pub first_h1: Option<String>,
    /// The blocks inside block quotes (`> …`): somebody's words, never rewritten by a fix.
    pub quoted: Blocks,
}

/// The parser options. Metadata blocks stay off on purpose: pulldown-cmark 0.13 recognizes a
/// `---` metadata block at the start of *any* block, not only at the top of the document, so
/// prose between two thematic breaks would vanish. Front matter at the top is cut off by
/// [`frontmatter::split`](super::frontmatter::split) before parsing instead.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// About how many bytes of Markdown are parsed at a time: pulldown-cmark's block tree takes
/// about three bytes per byte of prose and some fifty per byte of one-letter paragraphs (two
/// nodes for three bytes), so a document longer than this is parsed in parts of about this
/// size, cut where no block can span the cut ([`cuts`]): the tree never takes more than a few
/// megabytes, whatever the shape.
const PART_LEN: usize = 64 << 10;

/// Appends the prose of `source[start..]` to `builder`.
pub(crate) fn build(source: &str, start: usize, builder: &mut TextBuilder) -> Parsed {
    build_in_parts(source, start, builder, PART_LEN)
}

/// [`build`], parsing parts of at least `part_len` bytes (the last may be shorter): the
/// result is the same whatever `part_len` (tested).
fn build_in_parts(
    source: &str,
    start: usize,
    builder: &mut TextBuilder,
    part_len: usize,
) -> Parsed {
    let body = source.get(start..).unwrap_or("");
    let mut carry = Carry::default();
    read_parts(body, start, builder, &mut carry, part_len);
    finish(builder, carry)
}

/// Reads `body`, which starts at byte `base` of the document, in parts of at least
/// `part_len` bytes.
fn read_parts(
    body: &str,
    base: usize,
    builder: &mut TextBuilder,
    carry: &mut Carry,
    part_len: usize,
) {
    let mut from = 0;
    for to in cuts(body, part_len).chain([body.len()]) {
        if let Some(part) = body.get(from..to) {
            read_part(part, base + from, builder, carry);
        }
        from = to;
    }
}

/// Reads one part of a Markdown body (one that [`cuts`] allows), which starts at byte `base` of
/// the document, into `builder`.
fn read_part(part: &str, base: usize, builder: &mut TextBuilder, carry: &mut Carry) {
    let mut state = State {
        body: part,
        base,
        builder,
        carry,
    };
    for (event, range) in Parser::new_ext(part, options()).into_offset_iter() {
        state.event(event, range);
    }
    let from = builder.src_end();
    carry.tail = (from.checked_sub(base))
        .and_then(|f| part.get(f..))
        .filter(|tail| tail.len() <= 2)
        .map(|tail| (from, tail.to_string()));
}

/// What the body's parts yielded, once the last is read.
fn finish(builder: &mut TextBuilder, mut carry: Carry) -> Parsed {
    State {
        body: "",
        base: 0,
        builder,
        carry: &mut carry,
    }
    .close_block();
    carry.parsed
}

/// Where `body` may be cut into parts parsed one by one, each at least `part_len` bytes long:
/// at the start of a line that opens with a letter after a blank line, which always starts a
/// new paragraph in CommonMark (it closes any list, quote, table or indented code), unless it
/// is inside a fenced code block or an HTML block that blank lines do not end (`<!--`,
/// `<pre>`, `<script>`, `<style>`, `<textarea>`, `<?`, `<!X`, `<![CDATA[`), both of which run
/// on to their closing line. A link reference or footnote definition (`[x]: …`) is read
/// document-wide, so a body that may hold one (any `]:`) is never cut.
fn cuts(body: &str, part_len: usize) -> impl Iterator<Item = usize> + '_ {
    let cuttable = body.len() > part_len && !defines_references(body);
    let mut cutter = Cutter::default();
    let mut last_cut = 0;
    let mut pos = 0;
    body.split_inclusive('\n')
        .take_while(move |_| cuttable)
        .filter_map(move |line| {
            let at = pos;
            pos += line.len();
            (cutter.line(line) && at - last_cut >= part_len).then(|| {
                last_cut = at;
                at
            })
        })
}

/// Whether `text` may define a link reference or a footnote (`[x]: …`), which is read
/// document-wide: such a body is parsed whole.
pub(crate) fn defines_references(text: &str) -> bool {
    text.contains("]:")
}

/// Reads a body line by line and says where a part may start ([`cuts`]).
#[derive(Debug, Clone, Copy, Default)]
struct Cutter {
    /// The block open at the end of the lines read, that blank lines do not end.
    open: Option<Open>,
    /// Whether the last line read was blank.
    blank_before: bool,
}

impl Cutter {
    /// The state at a place where a part may start.
    const AT_CUT: Cutter = Cutter {
        open: None,
        blank_before: true,
    };

    /// Reads `line`; returns whether a part may start at it.
    fn line(&mut self, line: &str) -> bool {
        let cut = self.open.is_none() && self.blank_before && line.starts_with(char::is_alphabetic);
        self.blank_before = line.trim().is_empty();
        // A line that starts with a letter opens nothing, so a cut changes nothing here.
        self.open = match self.open.take() {
            Some(o) if !o.closes(line) => Some(o),
            Some(_) => None,
            None => Open::starts(line),
        };
        cut
    }
}

/// A Markdown document's body read piece by piece as the file is read ([`super::Pieces`]):
/// each piece ends where [`cuts`] allows, so the document is never held whole, and the result
/// is the whole body's (tested), unless a piece after the first may define a link reference,
/// which earlier pieces could use: then [`MarkdownPieces::must_read_whole`] says so.
#[derive(Debug, Default)]
pub(crate) struct MarkdownPieces {
    carry: Carry,
    cutter: Cutter,
    /// How far into the buffer of unread pieces lines were read (by `cutter`).
    scanned: usize,
    pieces: usize,
    references: bool,
}

impl MarkdownPieces {
    /// Where the next piece may end in `buf` (the bytes after the pieces pushed), not before
    /// `not_before` (the end of the front matter): at the last place a part may start.
    pub fn piece_end(&mut self, buf: &[u8], not_before: usize) -> Option<usize> {
        let from = self.scanned.max(not_before);
        let lines = buf.get(from..)?;
        let whole = lines.iter().rposition(|&b| b == b'\n')? + 1;
        let valid = match std::str::from_utf8(&lines[..whole]) {
            Ok(valid) => valid,
            // Invalid UTF-8 ends the piece reading's cuts; the reader names it.
            Err(e) => std::str::from_utf8(&lines[..e.valid_up_to()]).unwrap_or_default(),
        };
        let mut at = from;
        let mut last_cut = None;
        for line in valid
            .split_inclusive('\n')
            .take_while(|l| l.ends_with('\n'))
        {
            if self.cutter.line(line) && at > 0 {
                last_cut = Some(at);
            }
            at += line.len();
        }
        self.scanned = at;
        let cut = last_cut?;
        self.cutter = Cutter::AT_CUT;
        self.scanned = 0;
        Some(cut)
    }

    /// Reads the next piece: `piece[start..]` is Markdown (after the front matter in the
    /// first), and `piece` starts at byte `base` of the document.
    pub fn push(&mut self, piece: &str, start: usize, base: usize, builder: &mut TextBuilder) {
        let body = piece.get(start..).unwrap_or("");
        self.references |= defines_references(body);
        self.pieces += 1;
        // A piece (a megabyte) is parsed in parts too; it starts where a part may start.
        read_parts(body, base + start, builder, &mut self.carry, PART_LEN);
    }

    /// Whether the pieces must be read again as one (a piece after the first may define a link
    /// reference that an earlier one uses).
    pub fn must_read_whole(&self) -> bool {
        self.references && self.pieces > 1
    }

    /// What the body yielded.
    pub fn finish(self, builder: &mut TextBuilder) -> Parsed {
        finish(builder, self.carry)
    }
}

/// A block that blank lines do not end, open at the end of a line.
#[derive(Debug, Clone, Copy)]
enum Open {
    /// A fenced code block: its fence character and length.
    Fence(u8, usize),
    /// An HTML block of CommonMark's kinds 1–5: the text that closes it.
    Html(&'static str),
}

impl Open {
    /// The block `line` opens and leaves open, if any (indented at most three spaces).
    fn starts(line: &str) -> Option<Open> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 3 {
            return None;
        }
        let rest = &line[indent..];
        let bytes = rest.as_bytes();
        if let Some(&c @ (b'`' | b'~')) = bytes.first() {
            let run = bytes.iter().take_while(|&&b| b == c).count();
            // A backtick fence's info string holds no backtick.
            if run >= 3 && !(c == b'`' && rest[run..].contains('`')) {
                return Some(Open::Fence(c, run));
            }
            return None;
        }
        let lower = bytes[..bytes.len().min(12)].to_ascii_lowercase();
        let opens_tag = |tag: &str| {
            lower
                .strip_prefix(b"<")
                .and_then(|l| l.strip_prefix(tag.as_bytes()))
                .is_some_and(|after| {
                    after.is_empty() || matches!(after[0], b' ' | b'\t' | b'>' | b'\n' | b'\r')
                })
        };
        let close = if opens_tag("pre") {
            "</pre>"
        } else if opens_tag("script") {
            "</script>"
        } else if opens_tag("style") {
            "</style>"
        } else if opens_tag("textarea") {
            "</textarea>"
        } else if lower.starts_with(b"<!--") {
            "-->"
        } else if lower.starts_with(b"<?") {
            "?>"
        } else if lower.starts_with(b"<![cdata[") {
            "]]>"
        } else if lower.starts_with(b"<!") && lower.get(2).is_some_and(u8::is_ascii_alphabetic) {
            ">"
        } else {
            return None;
        };
        // The opening line may close it too ("<!-- note -->").
        let open = Open::Html(close);
        (!open.closes(&rest[1..])).then_some(open)
    }

    /// Whether `line` closes this block.
    fn closes(self, line: &str) -> bool {
        match self {
            Open::Fence(c, len) => {
                let indent = line.len() - line.trim_start_matches(' ').len();
                let rest = &line.as_bytes()[indent..];
                let run = rest.iter().take_while(|&&b| b == c).count();
                indent <= 3 && run >= len && rest[run..].iter().all(u8::is_ascii_whitespace)
            }
            Open::Html(close) if close.starts_with("</") => {
                line.to_ascii_lowercase().contains(close)
            }
            Open::Html(close) => line.contains(close),
        }
    }
}

/// What the reading of a Markdown body carries from one part to the next.
#[derive(Debug, Default)]
pub(crate) struct Carry {
    /// For every open tag, whether its content is not prose.
    skipped: Vec<bool>,
    /// How many open tags are not prose; text counts only at depth 0.
    skip_depth: usize,
    /// Text offset where the open block started, if a block is open.
    block: Option<usize>,
    parsed: Parsed,
    in_h1: bool,
    /// How many block quotes are open.
    quote_depth: usize,
    /// The end of the last part from where its last block's source ended, with that offset,
    /// when it is short enough to be part of a blank line between two blocks: a gap that
    /// runs across two parts then maps as it would parsed whole ([`State::open_block`]).
    tail: Option<(usize, String)>,
}

struct State<'s, 'b, 'c> {
    /// The Markdown being parsed (the document after its front matter, or a part of it).
    body: &'s str,
    /// Offset of `body` in the document: added to every event range.
    base: usize,
    builder: &'b mut TextBuilder,
    carry: &'c mut Carry,
}

impl State<'_, '_, '_> {
    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        match event {
            Event::Start(tag) => {
                if is_block(&tag) {
                    self.close_block();
                }
                if let Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                } = tag
                {
                    self.carry.in_h1 = true;
                }
                if let Tag::BlockQuote(_) = tag {
                    self.carry.quote_depth += 1;
                }
                let skip = matches!(
                    tag,
                    Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Image { .. } | Tag::MetadataBlock(_)
                ) || matches!(
                    tag,
                    Tag::Link {
                        link_type: LinkType::Autolink | LinkType::Email,
                        ..
                    }
                );
                if skip {
                    // An image or autolink inside a sentence still separates the words around it.
                    self.gap();
                    self.carry.skip_depth += 1;
                }
                self.carry.skipped.push(skip);
            }
            Event::End(end) => {
                if self.carry.skipped.pop() == Some(true) {
                    self.carry.skip_depth = self.carry.skip_depth.saturating_sub(1);
                }
                if is_block_end(end) {
                    self.close_block();
                }
                if let TagEnd::Heading(HeadingLevel::H1) = end {
                    self.carry.in_h1 = false;
                }
                if let TagEnd::BlockQuote(_) = end {
                    self.carry.quote_depth = self.carry.quote_depth.saturating_sub(1);
                }
            }
            Event::Text(text) if self.carry.skip_depth == 0 => self.text(&text, range),
            // A line break before any prose of the block (or in skipped content) adds nothing.
            Event::SoftBreak | Event::HardBreak
                if self.carry.skip_depth == 0 && self.carry.block.is_some() =>
            {
                let range = self.clamp(range);
                if self.builder.text().ends_with(['\n', ' ']) {
                    // A line that folded to nothing (a lone zero-width space) must not make
                    // two breaks in a row: `"\n\n"` is reserved for block boundaries.
                } else if &self.body[range.clone()] == "\n" {
                    self.builder.push_source("\n", self.base + range.start);
                } else {
                    // `\r\n`, trailing spaces or a backslash before the line ending.
                    self.builder
                        .push_replaced("\n", self.base + range.start..self.base + range.end);
                }
            }
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_) => self.gap(),
            Event::InlineHtml(html) if is_break_tag(&html) => self.gap(),
            // Other inline HTML (`<em>`, `<!-- note -->`) is dropped without a gap: a tag
            // inside a word (`IS<sup>-K</sup>`) must not split it.
            _ => {}
        }
    }

    /// Appends one text event.
    fn text(&mut self, text: &str, range: std::ops::Range<usize>) {
        if self.carry.block.is_none() {
            if text.trim().is_empty() {
                return;
            }
            self.open_block(range.start);
        }
        let range = self.clamp(range);
        let src = &self.body[range.clone()];
        if src == text {
            self.builder.push_source(src, self.base + range.start);
        } else {
            // A decoded `&#10;` must not fake a line or block break.
            let text = text.replace(['\n', '\r'], " ");
            self.builder
                .push_replaced(&text, self.base + range.start..self.base + range.end);
        }
    }

    fn open_block(&mut self, src_start: usize) {
        if !self.carry.parsed.blocks.is_empty() {
            // The source between the last block and this one: a blank line maps byte for byte
            // (a run of paragraphs is then one segment of the map, not two per paragraph).
            let from = self.builder.src_end();
            let gap: Option<Cow<'_, str>> = match from.checked_sub(self.base) {
                Some(f) => self.body.get(f..src_start).map(Cow::Borrowed),
                // The gap began in the part before (its tail).
                None => (self.carry.tail.as_ref())
                    .filter(|(at, tail)| at + tail.len() == self.base)
                    .and_then(|(_, tail)| Some(format!("{tail}{}", self.body.get(..src_start)?)))
                    .map(Cow::Owned),
            };
            match gap {
                Some(gap) => self.builder.push_block_break(&gap, from),
                None => self.builder.push_synthetic("\n\n", self.base + src_start),
            }
        }
        self.carry.block = Some(self.builder.text().len());
    }

    /// Ends the open block, recording its range without surrounding whitespace.
    fn close_block(&mut self) {
        let Some(start) = self.carry.block.take() else {
            return;
        };
        let Some(block) = self.builder.block_since(start) else {
            return;
        };
        if self.carry.in_h1 && self.carry.parsed.first_h1.is_none() {
            self.carry.parsed.first_h1 = self.builder.text().get(block.range()).map(str::to_string);
        }
        self.carry.parsed.blocks.push(block);
        if self.carry.quote_depth > 0 {
            self.carry.parsed.quoted.push(block);
        }
    }

    /// Something that is not prose sat here: keep the words on either side apart.
    fn gap(&mut self) {
        if self.carry.block.is_some()
            && self
                .builder
                .text()
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace())
        {
            let at = self.builder.src_end();
            self.builder.push_synthetic(" ", at);
        }
    }

    /// `range` within the body and on char boundaries, whatever pulldown-cmark reported.
    fn clamp(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let len = self.body.len();
        let mut start = range.start.min(len);
        let mut end = range.end.clamp(start, len);
        while !self.body.is_char_boundary(start) {
            start -= 1;
        }
        while !self.body.is_char_boundary(end) {
            end += 1;
        }
        start..end
    }
}

/// Tags whose start or end is a block boundary in the matching text.
fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::MetadataBlock(_)
    )
}

fn is_block_end(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::MetadataBlock(_)
    )
}

/// `<br>`, `<br/>`, `<br />`: a line break written in HTML.
fn is_break_tag(html: &str) -> bool {
    let lower = html.trim().to_ascii_lowercase();
    lower.starts_with("<br") && !lower[3..].starts_with(|c: char| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::offsets::{OffsetMap, source_of};

    fn run(src: &str) -> (String, OffsetMap, Parsed) {
        let mut b = TextBuilder::new();
        let parsed = build(src, 0, &mut b);
        let (text, map) = b.finish();
        (text, map, parsed)
    }

    fn blocks(src: &str) -> Vec<String> {
        let (text, _, parsed) = run(src);
        parsed
            .blocks
            .iter()
            .map(|b| text[b.range()].to_string())
            .collect()
    }

    #[test]
    fn code_html_urls_are_not_prose() {
        let src = "# Toll\n\nKilled `144` people <!-- said 139 --> per [the report](https://x.test/140 \"title 141\").\n\n```\n142 in code\n```\n\n    143 indented\n\n<div>\n145 in html\n</div>\n\n![146 alt](img.png) <https://147.test>\n";
        let (text, _, _) = run(src);
        for absent in [
            "144", "139", "140", "141", "142", "143", "145", "146", "147", "https",
        ] {
            assert!(!text.contains(absent), "{absent} leaked into {text:?}");
        }
        assert!(text.contains("the report"), "{text:?}");
        assert!(text.contains("Killed"), "{text:?}");
    }

    #[test]
    fn emphasis_and_link_text_are_prose_and_map_back() {
        let src = "The *Crocus* attack killed **144**, says [TASS](https://tass.test).";
        let (text, map, _) = run(src);
        assert_eq!(text, "The Crocus attack killed 144, says TASS.");
        assert_eq!(source_of(src, &text, &map, "144"), "144");
        assert_eq!(source_of(src, &text, &map, "TASS"), "TASS");
        // A range across markup covers the markup between the words.
        assert_eq!(
            source_of(src, &text, &map, "Crocus attack"),
            "Crocus* attack"
        );
    }

    #[test]
    fn entities_decode_and_map_to_the_entity() {
        let src = "Shares of AT&amp;T fell &#8212; by 5&nbsp;%.";
        let (text, map, _) = run(src);
        assert_eq!(text, "Shares of AT&T fell - by 5 %.");
        assert_eq!(source_of(src, &text, &map, "AT&T"), "AT&amp;T");
        assert_eq!(source_of(src, &text, &map, "&"), "&amp;");
        assert_eq!(source_of(src, &text, &map, "5 %"), "5&nbsp;%");
    }

    #[test]
    fn backslash_escapes_map_to_the_escaped_char() {
        let src = r"IS\-K claimed 1\*2 \[sic]";
        let (text, map, _) = run(src);
        assert_eq!(text, "IS-K claimed 1*2 [sic]");
        // The escape's range leaves the backslash out; a word across it still covers it.
        assert_eq!(source_of(src, &text, &map, "IS-K"), r"IS\-K");
        assert_eq!(source_of(src, &text, &map, "-K"), "-K");
        assert_eq!(source_of(src, &text, &map, "[sic]"), r"[sic]");
    }

    #[test]
    fn blocks_are_headings_paragraphs_items_cells_quotes() {
        let src = "# Title\n\nOne\ntwo.\n\n- tight item\n- second *item*\n  - nested\n\n1. loose\n\n2. items\n\n> quoted\n> text\n\n| a | b |\n|---|---|\n| 144 | 139 |\n\nNote.[^1]\n\n[^1]: The footnote.\n";
        assert_eq!(
            blocks(src),
            [
                "Title",
                "One two.",
                "tight item",
                "second item",
                "nested",
                "loose",
                "items",
                "quoted text",
                "a",
                "b",
                "144",
                "139",
                "Note.",
                "The footnote.",
            ]
        );
        let (text, _, parsed) = run(src);
        assert!(
            text.starts_with("Title\n\nOne two.\n\ntight item\n\n"),
            "{text:?}"
        );
        assert_eq!(parsed.first_h1.as_deref(), Some("Title"));
    }

    #[test]
    fn inline_code_and_images_keep_words_apart() {
        let (text, _, _) = run("before`code`after and x![alt](u)y");
        assert_eq!(text, "before after and x y");
        // Inline HTML tags do not split a word.
        let (text, _, _) = run("IS<sup>-K</sup> and a<br>b");
        assert_eq!(text, "IS-K and a b");
    }

    #[test]
    fn line_breaks_are_single_spaces() {
        let src = "soft\r\nbreak and hard  \nbreak and\\\nescaped";
        let (text, map, parsed) = run(src);
        assert_eq!(text, "soft break and hard break and escaped");
        assert_eq!(parsed.blocks.len(), 1);
        assert_eq!(source_of(src, &text, &map, "soft break"), "soft\r\nbreak");
    }

    #[test]
    fn thematic_breaks_do_not_hide_prose() {
        // pulldown-cmark would read this as a metadata block if metadata blocks were enabled.
        let src = "Intro.\n\n---\nMiddle 144 text.\n---\n\nEnd.";
        let (text, _, _) = run(src);
        assert!(text.contains("Middle 144 text."), "{text:?}");
    }

    #[test]
    fn multiline_comments_and_html_blocks_vanish() {
        let src =
            "Before <!-- a\nmulti-line 139\ncomment --> after.\n\n<!--\nblock 140\n-->\n\nLast.";
        let (text, _, _) = run(src);
        assert!(!text.contains("139") && !text.contains("140"), "{text:?}");
        assert!(text.contains("Before") && text.contains("after.") && text.ends_with("Last."));
    }

    #[test]
    fn no_double_line_break_inside_a_block() {
        let (text, _, parsed) = run("a\n\u{200B}\nb &#10; c");
        assert_eq!(text, "a b   c");
        assert_eq!(parsed.blocks.len(), 1);
    }

    /// Markdown whose blocks run across blank lines, each followed by lines a part could
    /// start at: parsed in parts, it must read exactly as parsed whole.
    const SPANNING: &[&str] = &[
        "Intro.\n\n```\ncode 1\n\nNot prose 2\n```\n\nAfter fence.\n\nMore.\n",
        "Intro.\n\n~~~~ rust\nx\n\nStill code 3\n~~~\n\nStill code 4\n~~~~\n\nOut.\n",
        "Intro.\n\n  ```\nindented fence\n\nLetters 5\n  ```\n\nOut.\n",
        "Intro.\n\n<!--\na comment\n\nLetters 6\n-->\n\nOut.\n",
        "Intro.\n<!-- opens in a paragraph\n\nLetters 7 -->\n\nOut.\n",
        "Intro.\n\n<PRE>\nkept\n\nLetters 8\n</pre>\n\nOut.\n",
        "Intro.\n\n<script>\nlet a;\n\nLetters 9\n</script>\n\nOut.\n",
        "Intro.\n\n<?php\n\nLetters 10 ?>\n\nOut.\n",
        "Intro.\n\n<!DOCTYPE\n\nLetters 11>\n\nOut.\n",
        "Intro.\n\n<![CDATA[\n\nLetters 12]]>\n\nOut.\n",
        "<!-- one line --> closed.\n\nNext one.\n\n<div>\nA div\n\nends at a blank.\n",
        "- a list\n- tight\n\nThen prose.\n\n1. loose\n\n2. list\n\n   continued\n\nAfter.\n",
        "> quoted\n> lines\n\nThen prose.\n\n> again\n\nEnd.\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter table.\n\n    indented\n\n    code\n\nEnd.\n",
        "Windows\r\n\r\nlines\r\n\r\n```\r\ncode\r\n\r\nx\r\n```\r\n\r\nend\r\n",
        "A [ref] here.\n\nMiddle.\n\n[ref]: https://x.test\n\nEnd [^1].\n\n[^1]: Note.\n",
        "# Title\n\nÉcole first.\n\nSetext\n======\n\nWords *across\nlines* and `code`.\n\nLast.",
    ];

    #[test]
    fn markdown_parsed_in_parts_reads_as_parsed_whole() {
        for src in SPANNING {
            let mut whole = TextBuilder::new();
            let expected = build_in_parts(src, 0, &mut whole, usize::MAX);
            let (text, map) = whole.finish();
            for part_len in 0..src.len() {
                let mut b = TextBuilder::new();
                let parsed = build_in_parts(src, 0, &mut b, part_len);
                let (t, m) = b.finish();
                let at = format!("{src:?} in parts of {part_len}");
                assert_eq!(t, text, "{at}");
                assert_eq!(format!("{m:?}"), format!("{map:?}"), "{at}");
                assert_eq!(parsed.blocks, expected.blocks, "{at}");
                assert_eq!(parsed.quoted, expected.quoted, "{at}");
                assert_eq!(parsed.first_h1, expected.first_h1, "{at}");
            }
        }
    }

    #[test]
    fn parts_are_cut_only_where_a_paragraph_must_start() {
        let cut_at = |src: &str| -> Vec<String> {
            cuts(src, 0)
                .map(|at| src[at..].lines().next().unwrap_or("").to_string())
                .collect()
        };
        assert_eq!(cut_at(SPANNING[0]), ["After fence.", "More."]);
        assert_eq!(cut_at(SPANNING[3]), ["Out."]);
        assert_eq!(cut_at(SPANNING[4]), ["Out."]);
        assert_eq!(cut_at(SPANNING[10]), ["Next one.", "ends at a blank."]);
        assert_eq!(cut_at(SPANNING[11]), ["Then prose.", "After."]);
        // A document that may define a link reference is never cut.
        assert!(cut_at(SPANNING[15]).is_empty());
        // Parts are at least `part_len` long.
        let after = SPANNING[0].find("After fence.");
        assert_eq!(cuts(SPANNING[0], 30).next(), after);
        assert_eq!(cuts(SPANNING[0], 30).count(), 1);
    }
}
