//! HTML: the visible text of a page, with exact spans into the original bytes.
//!
//! A small hand-written tokenizer rather than a crate: spans must be exact byte ranges of the
//! source for every piece of text and every entity, which html5ever cannot give and lol_html
//! gives only for raw, arbitrarily split chunks; the subset of the WHATWG tokenizer that
//! decides *which bytes are prose* is small, and owning it keeps it total (no panic, no
//! quadratic case) on broken real-world pages.
//!
//! What is prose: text outside tags, with character references decoded (the decoded char maps
//! to the whole reference). What is not: tags and their attribute values (quoted values may
//! hold `>`), comments (`<!-- -->`, and the bogus `<! >`, `<? >`, `</ >` forms), the raw-text
//! and RCDATA elements `script`, `style`, `noscript`, `textarea`, `title`, `iframe`, `xmp`,
//! `noembed`, `noframes` (their content is skipped up to the matching end tag, as a browser
//! does, so `"</div>"` inside a script string is not a tag), and the subtrees of `template`,
//! `svg`, `math`, `select` and of any element marked `hidden`, `aria-hidden="true"` or with an
//! inline `display:none`/`visibility:hidden` style.
//!
//! Blocks: a start or end tag of a block-level element (`p`, `div`, `li`, headings, table
//! cells, `blockquote`, `br`, `hr`, sectioning elements …) ends the current block. Inline tags
//! (`a`, `b`, `span`, `sup` …) and comments do not split words (`IS<sup>-K</sup>` is `IS-K`);
//! an `img` or form control between words keeps them apart. Runs of white space collapse to
//! one space, as a browser renders them; a no-break space (`&nbsp;`) is content.
//!
//! Tolerance: tag names are case-insensitive, end tags need not match anything, a `<` that
//! does not start a tag is text, a tag cut off by the end of the file is dropped (the WHATWG
//! rule), an unclosed comment or script runs to the end of the file (also the WHATWG rule).
//! Every step advances by at least one byte and every search is forward-only, so the work is
//! linear in the input.
//!
//! Pieces: a large page is read a piece at a time ([`HtmlPieces`]), the state between tags kept
//! in a [`Page`]; in any window but the last, reading stops before markup or a character
//! reference that the window's end may cut off, and those bytes are read again with the next
//! piece (at most [`CARRY_LIMIT`] of them, so that the work stays linear).
//!
//! Metadata: the title from `og:title`, else `<title>`; the date from
//! `<meta property="article:published_time">` (and the common aliases below), else the first
//! `<time datetime>`.

use std::ops::Range;

use super::blocks::Blocks;
use super::entities;
use super::frontmatter::parse_date;
use super::offsets::TextBuilder;
use crate::value::PartialDate;

/// What one HTML body yields besides its text.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    /// Blocks of prose, in text order.
    pub blocks: Blocks,
    /// `og:title`, else `<title>`.
    pub title: Option<String>,
    /// How many of the first blocks are the page's title (`<title>`, and `og:title` where it
    /// says something else), read as prose before the body.
    pub headlines: usize,
    /// The publication date from a `<meta>` tag, else from the first `<time datetime>`.
    pub date: Option<PartialDate>,
    /// The blocks inside `<blockquote>`: somebody's words, never rewritten by a fix.
    pub quoted: Blocks,
}

/// Elements whose content is raw text (or RCDATA): skipped up to the matching end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "noscript", "textarea", "title", "iframe", "xmp", "noembed", "noframes",
];

/// Elements whose whole subtree is not prose, though it is tokenized normally.
const SKIPPED_SUBTREES: &[&str] = &["template", "svg", "math", "select"];

/// Elements whose start or end ends a block.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Inline elements that are not text: the words on either side stay apart.
const GAP: &[&str] = &[
    "img", "input", "button", "video", "audio", "canvas", "object", "embed", "wbr",
];

/// Void elements: never have content, so `hidden` on them hides nothing after them.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out: a `hidden` on them is ignored rather than risk
/// hiding the rest of the page when the end tag is missing.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
    "colgroup", "caption", "rb", "rt", "rp",
];

/// `<meta>` names and properties that give the publication date, best first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
];

/// Whether an element named `name` keeps the words on either side of its tags apart: a block
/// or a gap element ([`crate::source::joints`] asks).
pub(crate) fn keeps_words_apart(name: &str) -> bool {
    is_one_of(name, BLOCK) || is_one_of(name, GAP)
}

fn is_one_of(name: &str, list: &[&str]) -> bool {
    list.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Appends the visible text of `source[start..]` to `builder`.
pub(crate) fn build(source: &str, start: usize, builder: &mut TextBuilder) -> Parsed {
    let mut page = Page::default();
    read(
        &mut page,
        source.get(start..).unwrap_or_default(),
        start,
        true,
        builder,
    );
    page.finish()
}

/// Reads the window `src`, which starts at byte `base` of the document, into `builder`;
/// returns how many of its bytes were read. A window that is not the `last` stops before
/// markup or a character reference that may run on past its end (left for the next window);
/// the last is read to its end and closes the open block.
fn read(page: &mut Page, src: &str, base: usize, last: bool, builder: &mut TextBuilder) -> usize {
    let mut state = State {
        src,
        base,
        pos: 0,
        last,
        builder,
        page,
    };
    state.run();
    if last {
        state.close_block();
    }
    state.pos
}

/// An HTML document read piece by piece, so that a large page is never held whole beside its
/// text: each piece is read up to the last markup or reference it may cut off, whose bytes are
/// carried into the next. The result is the whole page's [`build`] (tested). Markup longer than
/// [`CARRY_LIMIT`] (a script of megabytes) makes [`HtmlPieces::must_read_whole`] say so.
#[derive(Debug, Default)]
pub(crate) struct HtmlPieces {
    page: Page,
    /// The bytes pushed but not yet read: the start of the next window.
    carry: String,
    /// Where `carry` starts in the document.
    carry_at: usize,
    /// Whether some markup ran on past [`CARRY_LIMIT`].
    too_long: bool,
}

/// How many bytes of open markup are carried from piece to piece before the page is read whole
/// instead: a window is at most this plus a piece, so reading stays linear and its memory
/// bounded whatever the markup.
const CARRY_LIMIT: usize = 1 << 20;

impl HtmlPieces {
    /// Where the next piece may end in `buf`, not before `not_before` (the end of the front
    /// matter): before its last `<` (markup is then seldom carried), else at the last whole
    /// character.
    pub fn piece_end(buf: &[u8], not_before: usize) -> Option<usize> {
        let end = match memchr::memrchr(b'<', buf) {
            Some(lt) if lt > not_before => lt,
            _ => char_floor(buf),
        };
        (end > 0 && end >= not_before).then_some(end)
    }

    /// Reads the next piece, whose bytes from `body_start` are the body; it starts at byte
    /// `base` of the document.
    pub fn push(&mut self, piece: &str, body_start: usize, base: usize, builder: &mut TextBuilder) {
        if self.too_long {
            return;
        }
        if self.carry.is_empty() {
            self.carry_at = base + body_start;
        }
        self.carry
            .push_str(piece.get(body_start..).unwrap_or_default());
        let read = read(&mut self.page, &self.carry, self.carry_at, false, builder);
        self.carry.drain(..read.min(self.carry.len()));
        self.carry_at += read;
        if self.carry.len() > CARRY_LIMIT {
            self.too_long = true;
            self.carry = String::new();
        }
    }

    /// Whether the page must be read again whole: some markup ran on for more than
    /// [`CARRY_LIMIT`] bytes.
    pub fn must_read_whole(&self) -> bool {
        self.too_long
    }

    /// The page's blocks and metadata, once every piece was pushed.
    pub fn finish(mut self, builder: &mut TextBuilder) -> Parsed {
        read(&mut self.page, &self.carry, self.carry_at, true, builder);
        self.page.finish()
    }
}

/// The length of `buf` without a character its end cuts off.
fn char_floor(buf: &[u8]) -> usize {
    let len = buf.len();
    // A character is at most four bytes: look back at most three for its first byte.
    for back in 1..=len.min(3) {
        let first = buf[len - back];
        if first & 0xC0 == 0x80 {
            continue;
        }
        let width = match first {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
        return if width > back { len - back } else { len };
    }
    len
}

/// A start tag's attribute: name and value ranges in the window.
#[derive(Debug, Clone)]
struct Attr {
    name: Range<usize>,
    value: Range<usize>,
}

/// White space seen since the last prose: where it is in the document, and whether it is one
/// plain space (kept as written) rather than a run replaced by one.
#[derive(Debug, Clone)]
struct Space {
    range: Range<usize>,
    single: bool,
}

/// What reading a page keeps from window to window.
#[derive(Debug, Default)]
struct Page {
    /// Text offset where the open block started.
    block: Option<usize>,
    /// White space seen since the last prose, in the open block.
    pending_space: Option<Space>,
    /// The element whose subtree is being skipped, and how many of its kind are open.
    skip: Option<(String, usize)>,
    parsed: Parsed,
    /// The attributes of the last start tag (reused buffer).
    attrs: Vec<Attr>,
    title: Option<String>,
    og_title: Option<String>,
    /// The best `<meta>` date so far, with the rank of its name in [`DATE_META`].
    meta_date: Option<(usize, PartialDate)>,
    time_date: Option<PartialDate>,
    /// How many `<blockquote>` elements are open.
    quote_depth: usize,
}

impl Page {
    fn finish(self) -> Parsed {
        let mut parsed = self.parsed;
        parsed.title = self.og_title.or(self.title);
        parsed.date = self.meta_date.map(|(_, d)| d).or(self.time_date);
        parsed
    }
}

/// A page being read through one window of its source.
struct State<'w> {
    /// The window: the bytes of the document from `base`.
    src: &'w str,
    base: usize,
    /// Where reading is in the window.
    pos: usize,
    /// Whether the window runs to the end of the document.
    last: bool,
    builder: &'w mut TextBuilder,
    page: &'w mut Page,
}

impl State<'_> {
    fn run(&mut self) {
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() {
            let Some(lt) = memchr::memchr(b'<', &bytes[self.pos..]).map(|i| self.pos + i) else {
                let end = if self.last {
                    bytes.len()
                } else {
                    open_reference(bytes, self.pos)
                };
                self.text(self.pos, end);
                self.pos = end;
                break;
            };
            if lt > self.pos {
                self.text(self.pos, lt);
            }
            self.pos = lt;
            if !self.markup(lt) {
                // Cut off by the window's end: read again from its `<` with the next piece.
                self.pos = lt;
                break;
            }
        }
    }

    /// Handles the markup starting with the `<` at `lt`; advances `pos` past it (or past the
    /// `<` alone, when it is text). Returns false, having done nothing, when the markup may
    /// run on past the end of a window that is not the last.
    fn markup(&mut self, lt: usize) -> bool {
        let bytes = self.src.as_bytes();
        match bytes.get(lt + 1).copied() {
            None if !self.last => false,
            Some(b'!') => {
                if bytes[lt..].starts_with(b"<!--") {
                    self.skip_to(comment_end(bytes, lt + 4))
                } else {
                    // `<!DOCTYPE>`, `<![CDATA[ ]]>` outside foreign content: a bogus comment.
                    self.skip_to(find_byte(bytes, lt + 2, b'>'))
                }
            }
            Some(b'?') => self.skip_to(find_byte(bytes, lt + 2, b'>')),
            Some(b'/') => match bytes.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let Some((name, end)) = self.tag(lt + 2) else {
                        return self.skip_to(None);
                    };
                    self.pos = end;
                    self.end_tag(&name, lt);
                    true
                }
                // `</>` is dropped; `</ x>` and `</3>` are bogus comments.
                Some(b'>') => self.skip_to(Some(lt + 3)),
                Some(_) => self.skip_to(find_byte(bytes, lt + 2, b'>')),
                None => self.skip_to(None),
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let Some((name, end)) = self.tag(lt + 1) else {
                    return self.skip_to(None);
                };
                self.pos = end;
                self.start_tag(&name, lt, end)
            }
            // A `<` that starts no tag (`a < b`, `<3`) is text.
            _ => {
                self.text(lt, lt + 1);
                self.pos = lt + 1;
                true
            }
        }
    }

    /// Moves past markup that ends at `end`, or (`None`) runs on to the end of the window:
    /// past it in the last window (an unclosed comment, a cut-off tag: the WHATWG rules),
    /// while another window may still close it, not at all (false).
    fn skip_to(&mut self, end: Option<usize>) -> bool {
        match end {
            Some(end) => self.pos = end,
            None if self.last => self.pos = self.src.len(),
            None => return false,
        }
        true
    }

    /// Reads a tag's name (lowercased) and attributes from `at` (just after `<` or `</`);
    /// returns the name and the offset just past the closing `>`, or `None` for a tag the end
    /// of the window cuts off.
    fn tag(&mut self, at: usize) -> Option<(String, usize)> {
        let bytes = self.src.as_bytes();
        let len = bytes.len();
        let mut i = at;
        while i < len
            && !matches!(
                bytes[i],
                b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>'
            )
        {
            i += 1;
        }
        let name = self.src.get(at..i).map(str::to_ascii_lowercase);
        self.page.attrs.clear();
        loop {
            while i < len && matches!(bytes[i], b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/') {
                i += 1;
            }
            if i >= len {
                return None;
            }
            if bytes[i] == b'>' {
                return name.map(|name| (name, i + 1));
            }
            // An attribute name: up to white space, `/`, `>` or `=` (a leading `=` is part of
            // the name, as in the WHATWG tokenizer, so the loop always advances).
            let name_start = i;
            i += 1;
            while i < len
                && !matches!(
                    bytes[i],
                    b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>' | b'='
                )
            {
                i += 1;
            }
            let name_end = i;
            while i < len && matches!(bytes[i], b'\t' | b'\n' | b'\x0C' | b'\r' | b' ') {
                i += 1;
            }
            let mut value = i..i;
            if i < len && bytes[i] == b'=' {
                i += 1;
                while i < len && matches!(bytes[i], b'\t' | b'\n' | b'\x0C' | b'\r' | b' ') {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let close = memchr::memchr(q, &bytes[i + 1..])?;
                        value = i + 1..i + 1 + close;
                        i = i + 2 + close;
                    }
                    _ => {
                        let start = i;
                        while i < len
                            && !matches!(bytes[i], b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'>')
                        {
                            i += 1;
                        }
                        value = start..i;
                    }
                }
            }
            self.page.attrs.push(Attr {
                name: name_start..name_end,
                value,
            });
        }
    }

    /// The decoded value of the last tag's attribute `name`, if present.
    fn attr(&self, name: &str) -> Option<String> {
        let value = self.attr_range(name)?;
        Some(entities::decode_str(self.src.get(value).unwrap_or("")))
    }

    /// Where the value of the last tag's attribute `name` sits in the source, if present.
    fn attr_range(&self, name: &str) -> Option<Range<usize>> {
        self.page.attrs.iter().find_map(|a| {
            let n = self.src.get(a.name.clone())?;
            n.eq_ignore_ascii_case(name).then(|| a.value.clone())
        })
    }

    fn has_attr(&self, name: &str) -> bool {
        self.page.attrs.iter().any(|a| {
            self.src
                .get(a.name.clone())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
    }

    /// Handles a start tag whose `<` is at `lt` and whose `>` ends at `end`; false, having
    /// done nothing, for a raw-text element the end of a window that is not the last may cut
    /// off.
    fn start_tag(&mut self, name: &str, lt: usize, end: usize) -> bool {
        if is_one_of(name, RAW_TEXT) {
            // Raw text runs to the matching end tag even inside a skipped subtree: it must be
            // consumed either way, or a `<div>` in a script string would count as a tag.
            let Some(close) = raw_text_end(self.src.as_bytes(), end, name, self.last) else {
                return false;
            };
            if name == "title" && self.page.title.is_none() && self.page.skip.is_none() {
                let inner = self.src.get(end..close.start).unwrap_or("");
                self.page.title = non_empty(collapse(&entities::decode_str(inner)));
                if self.page.title.is_some() && self.page.title != self.page.og_title {
                    self.headline(end..close.start);
                }
            }
            self.pos = close.end;
            return true;
        }
        if let Some((skipped, depth)) = &mut self.page.skip {
            if skipped == name {
                *depth += 1;
            }
            return true;
        }
        match name {
            "meta" => self.meta(),
            "time" if self.page.time_date.is_none() => {
                self.page.time_date = self.attr("datetime").as_deref().and_then(parse_date);
            }
            _ => {}
        }
        if is_one_of(name, BLOCK) {
            self.close_block();
            if name == "blockquote" {
                self.page.quote_depth += 1;
            }
        } else if is_one_of(name, GAP) {
            self.gap(lt);
        }
        let self_closing = self.src.as_bytes().get(end.wrapping_sub(2)) == Some(&b'/');
        let skips_subtree = (is_one_of(name, SKIPPED_SUBTREES) && !self_closing)
            || (self.is_hidden() && !is_one_of(name, VOID) && !is_one_of(name, OPTIONAL_END));
        if skips_subtree {
            self.page.skip = Some((name.to_string(), 1));
        }
        true
    }

    fn end_tag(&mut self, name: &str, lt: usize) {
        if let Some((skipped, depth)) = &mut self.page.skip {
            if skipped == name {
                *depth -= 1;
                if *depth == 0 {
                    self.page.skip = None;
                }
            } else if name == "body" || name == "html" {
                // A hidden element left open never hides past the end of the page body.
                self.page.skip = None;
            }
            return;
        }
        if is_one_of(name, BLOCK) {
            self.close_block();
            if name == "blockquote" {
                self.page.quote_depth = self.page.quote_depth.saturating_sub(1);
            }
        } else if is_one_of(name, GAP) {
            self.gap(lt);
        }
    }

    /// Whether the last start tag hides its content from readers.
    fn is_hidden(&self) -> bool {
        if self.has_attr("hidden") {
            return true;
        }
        if self
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        {
            return true;
        }
        self.attr("style").is_some_and(|style| {
            let compact: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            compact.contains("display:none") || compact.contains("visibility:hidden")
        })
    }

    /// Reads the title and date `<meta>` tags.
    fn meta(&mut self) {
        let key = self
            .attr("property")
            .or_else(|| self.attr("name"))
            .or_else(|| self.attr("itemprop"));
        let Some(key) = key else {
            return;
        };
        let key = key.trim().to_ascii_lowercase();
        if key == "og:title" {
            if self.page.og_title.is_none() {
                self.page.og_title = self.attr("content").and_then(|c| non_empty(collapse(&c)));
                if let Some(value) = self.attr_range("content")
                    && self.page.og_title.is_some()
                    && self.page.og_title != self.page.title
                {
                    self.headline(value);
                }
            }
            return;
        }
        if let Some(rank) = DATE_META.iter().position(|k| *k == key)
            && self.page.meta_date.as_ref().is_none_or(|(r, _)| rank < *r)
            && let Some(date) = self.attr("content").as_deref().and_then(parse_date)
        {
            self.page.meta_date = Some((rank, date));
        }
    }

    /// Reads the title text at `range` as a block of its own, while no body prose has been
    /// read: the page's headline.
    fn headline(&mut self, range: Range<usize>) {
        if self.page.parsed.blocks.len() != self.page.parsed.headlines || self.page.block.is_some()
        {
            return;
        }
        self.text(range.start, range.end);
        self.close_block();
        self.page.parsed.headlines = self.page.parsed.blocks.len();
    }

    /// Appends the text `src[start..end]`: entities decoded, white space collapsed.
    fn text(&mut self, start: usize, end: usize) {
        if self.page.skip.is_some() {
            return;
        }
        let bytes = self.src.as_bytes();
        let mut i = start;
        let mut run = start;
        while i < end {
            match bytes[i] {
                b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' => {
                    self.prose(run, i);
                    let ws = i;
                    while i < end && matches!(bytes[i], b'\t' | b'\n' | b'\x0C' | b'\r' | b' ') {
                        i += 1;
                    }
                    let range = self.base + ws..self.base + i;
                    match &mut self.page.pending_space {
                        // A run a window's end cut in two is one run.
                        Some(space) if space.range.end == range.start => {
                            space.range.end = range.end;
                            space.single = false;
                        }
                        Some(_) => {}
                        None if self.page.block.is_some() => {
                            let single = &bytes[ws..i] == b" ";
                            self.page.pending_space = Some(Space { range, single });
                        }
                        None => {}
                    }
                    run = i;
                }
                b'&' => match self.src.get(i..end).and_then(entities::decode_at) {
                    Some((c, len)) => {
                        self.prose(run, i);
                        self.before_prose(i);
                        let mut buf = [0u8; 4];
                        // A decoded line break must not fake a line or block break.
                        let text = if c == '\n' || c == '\r' {
                            " "
                        } else {
                            c.encode_utf8(&mut buf)
                        };
                        let at = self.base + i;
                        self.builder.push_replaced(text, at..at + len);
                        i += len;
                        run = i;
                    }
                    None => i += 1,
                },
                _ => i += 1,
            }
        }
        self.prose(run, end);
    }

    /// Appends `src[start..end]`, which holds no white space and no reference, as written.
    fn prose(&mut self, start: usize, end: usize) {
        if start >= end {
            return;
        }
        let Some(piece) = self.src.get(start..end) else {
            return;
        };
        self.before_prose(start);
        self.builder.push_source(piece, self.base + start);
    }

    /// Opens a block, or emits the pending space, before prose that starts at `at`.
    fn before_prose(&mut self, at: usize) {
        let at = self.base + at;
        if self.page.block.is_none() {
            if !self.page.parsed.blocks.is_empty() {
                self.builder.push_synthetic("\n\n", at);
            }
            self.page.block = Some(self.builder.text().len());
            self.page.pending_space = None;
            return;
        }
        if let Some(ws) = self.page.pending_space.take() {
            if self.builder.text().ends_with(' ') {
                return;
            }
            if ws.single {
                self.builder.push_source(" ", ws.range.start);
            } else {
                self.builder.push_replaced(" ", ws.range);
            }
        }
    }

    /// An image or control sits at `at`: the words around it stay apart.
    fn gap(&mut self, at: usize) {
        if self.page.block.is_some() && self.page.pending_space.is_none() {
            let at = self.base + at;
            self.page.pending_space = Some(Space {
                range: at..at,
                single: false,
            });
        }
    }

    /// Ends the open block, recording its range without surrounding white space.
    fn close_block(&mut self) {
        self.page.pending_space = None;
        let Some(start) = self.page.block.take() else {
            return;
        };
        if let Some(block) = self.builder.block_since(start) {
            self.page.parsed.blocks.push(block);
            if self.page.quote_depth > 0 {
                self.page.parsed.quoted.push(block);
            }
        }
    }
}

/// Offset just past the `-->` ending a comment whose body starts at `at`, or `None` when the
/// input ends first. `<!-->` and `<!--->` are (abruptly closed) empty comments.
fn comment_end(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) == Some(&b'>') {
        return Some(at + 1);
    }
    if bytes.get(at..at + 2) == Some(b"->") {
        return Some(at + 2);
    }
    let mut i = at;
    while let Some(off) = bytes.get(i..).and_then(|rest| memchr::memchr(b'>', rest)) {
        let gt = i + off;
        if gt >= at + 2 && &bytes[gt - 2..gt] == b"--" {
            return Some(gt + 1);
        }
        // `--!>` also closes a comment.
        if gt >= at + 3 && &bytes[gt - 3..gt] == b"--!" {
            return Some(gt + 1);
        }
        i = gt + 1;
    }
    None
}

/// Offset just past the next `byte` from `at`, or `None` when the input ends first.
fn find_byte(bytes: &[u8], at: usize, byte: u8) -> Option<usize> {
    bytes
        .get(at..)
        .and_then(|rest| memchr::memchr(byte, rest))
        .map(|i| at + i + 1)
}

/// The end tag closing raw text that starts at `at`: its range (`</script >`). Without one,
/// an empty range at the end of the input when it is the `last` (the raw text runs to the end
/// of the page), else `None` (the next window may hold it).
fn raw_text_end(bytes: &[u8], at: usize, name: &str, last: bool) -> Option<Range<usize>> {
    let mut i = at;
    while let Some(off) = bytes.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        let lt = i + off;
        let name_at = lt + 2;
        let after = name_at + name.len();
        if bytes.get(lt + 1) == Some(&b'/')
            && bytes
                .get(name_at..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            match bytes.get(after) {
                Some(b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>') => {}
                None if last => {}
                None => return None,
                Some(_) => {
                    i = lt + 1;
                    continue;
                }
            }
            return match find_byte(bytes, after, b'>') {
                Some(end) => Some(lt..end),
                None if last => Some(lt..bytes.len()),
                None => None,
            };
        }
        // `</scr` cut off by the end of a window may be the end tag.
        if !last && bytes.len() - lt < name.len() + 2 {
            return None;
        }
        i = lt + 1;
    }
    last.then_some(bytes.len()..bytes.len())
}

/// Where text that runs to the end of a window may be read to: before its last `&` when the
/// bytes after it may still grow into a character reference in the next window.
fn open_reference(bytes: &[u8], from: usize) -> usize {
    let tail = &bytes[from..];
    match memchr::memrchr(b'&', tail) {
        Some(amp)
            if tail[amp + 1..]
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'#') =>
        {
            from + amp
        }
        _ => bytes.len(),
    }
}

/// White space collapsed to single spaces, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::offsets::{OffsetMap, TextRange, source_of};

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
    fn invisible_parts_never_reach_the_text() {
        let src = "<!DOCTYPE html><html><head><title>T 100</title>\
            <style>p { content: '102' }</style>\
            <script>var toll = 103; document.write('<p>104</p>');</script>\
            <meta name=\"description\" content=\"105 dead\"></head>\
            <body><p data-toll=\"106\" title='107 > 108'>Visible 144.</p>\
            <!-- editor: was 109 --><noscript>110</noscript>\
            <template><p>111</p></template><svg><text>112</text></svg>\
            <div hidden>113</div><span style=\"display: none\">114</span>\
            <p aria-hidden=\"true\">still shown: optional end</p>\
            <select><option>115</option></select><textarea>116</textarea>\
            <?php echo 117 ?><![CDATA[118]]></body></html>";
        let (text, _, _) = run(src);
        for n in 101..=118 {
            assert!(!text.contains(&n.to_string()), "{n} leaked into {text:?}");
        }
        assert!(text.contains("Visible 144."), "{text:?}");
    }

    #[test]
    fn page_titles_are_the_first_blocks() {
        // `<title>` and a different `og:title` are headlines, with spans into the file.
        let src = "<html><head><title>Two hurt in Rivertown &amp; more</title>\
            <meta property=\"og:title\" content=\"Rivertown: 2 hurt\"></head>\
            <body><h1>Rivertown</h1><p>Body.</p></body></html>";
        let (text, map, parsed) = run(src);
        assert_eq!(parsed.headlines, 2);
        let blocks: Vec<&str> = parsed.blocks.iter().map(|b| &text[b.range()]).collect();
        assert_eq!(
            blocks,
            [
                "Two hurt in Rivertown & more",
                "Rivertown: 2 hurt",
                "Rivertown",
                "Body."
            ]
        );
        let at = text.find("2 hurt").unwrap();
        assert_eq!(&src[map.to_source(TextRange::new(at, at + 6))], "2 hurt");
        // An og:title that says what `<title>` says is read once; a title inside the body
        // (an SVG's, say) is not a headline.
        let src = "<head><meta property=\"og:title\" content=\"Same\"><title>Same</title></head>\
            <p>Body.</p><svg><title>Icon</title></svg>";
        let (text, _, parsed) = run(src);
        assert_eq!(parsed.headlines, 1);
        assert_eq!(text, "Same\n\nBody.");
    }

    #[test]
    fn block_boundaries() {
        let src = "<h1>Title</h1><p>One <b>bold</b> para<br>after break</p>\
            <ul><li>item one<li>item two</ul><table><tr><td>144<td>139</table>\
            <div>div text<blockquote>quoted</blockquote>tail</div>";
        assert_eq!(
            blocks(src),
            [
                "Title",
                "One bold para",
                "after break",
                "item one",
                "item two",
                "144",
                "139",
                "div text",
                "quoted",
                "tail"
            ]
        );
        let (text, _, _) = run(src);
        assert!(
            text.starts_with("Title\n\nOne bold para\n\nafter"),
            "{text:?}"
        );
    }

    #[test]
    fn inline_tags_and_comments_do_not_split_words() {
        let (text, _, _) = run("<p>IS<sup>-K</sup> and Cro<!-- x -->cus, a<img src=x>b</p>");
        assert_eq!(text, "IS-K and Crocus, a b");
    }

    #[test]
    fn white_space_collapses_and_maps_back() {
        let src = "<p>\n   at\n   least   139\t killed  </p>";
        let (text, map, parsed) = run(src);
        assert_eq!(text, "at least 139 killed");
        assert_eq!(parsed.blocks.to_vec(), [TextRange::new(0, text.len())]);
        assert_eq!(source_of(src, &text, &map, "least 139"), "least   139");
        assert_eq!(source_of(src, &text, &map, "139"), "139");
    }

    #[test]
    fn entities_decode_and_map_to_the_reference() {
        let src = "<p>AT&amp;T&#8217;s &ldquo;deal&rdquo; cost &euro;3bn&nbsp;&#x2014; 12&#37;</p>";
        let (text, map, _) = run(src);
        assert_eq!(text, "AT&T's \"deal\" cost €3bn - 12%");
        assert_eq!(source_of(src, &text, &map, "AT&T's"), "AT&amp;T&#8217;s");
        assert_eq!(source_of(src, &text, &map, "€3bn"), "&euro;3bn");
        assert_eq!(source_of(src, &text, &map, "12%"), "12&#37;");
        // Unknown references and bare ampersands stay as written.
        let (text, _, _) = run("<p>R&D &bogus; A & B</p>");
        assert_eq!(text, "R&D &bogus; A & B");
    }

    #[test]
    fn broken_html_is_tolerated() {
        let cases: &[(&str, &str)] = &[
            ("<P>Upper <B>case</B></P>", "Upper case"),
            ("<p>unclosed <b>bold <i>and more", "unclosed bold and more"),
            ("a < b and 3<4 <3", "a < b and 3<4 <3"),
            ("<p title=\"a > b\">quoted gt</p>", "quoted gt"),
            ("<p title='x\" > y'>mixed quotes</p>", "mixed quotes"),
            ("</div></p>stray ends</span>", "stray ends"),
            ("<p>cut off <a href=\"x", "cut off"),
            ("text <!-- never closed 139", "text"),
            ("before<script>never closed 139", "before"),
            ("<scr<p>x</p>", "x"),
            ("<p>a</>b</ p>c", "abc"),
            ("<SCRIPT>var x = '</div>139';</SCRIPT >after", "after"),
            ("<!---->empty<!-->abrupt", "emptyabrupt"),
        ];
        for (src, want) in cases {
            let (text, _, _) = run(src);
            assert_eq!(text, *want, "{src:?}");
        }
    }

    #[test]
    fn markup_longer_than_the_carry_limit_asks_for_the_whole_page() {
        let mut b = TextBuilder::new();
        let mut page = HtmlPieces::default();
        page.push("<p>Before.</p><script>", 0, 0, &mut b);
        assert!(!page.must_read_whole());
        let code = "x".repeat(CARRY_LIMIT / 2);
        page.push(&code, 0, 22, &mut b);
        assert!(!page.must_read_whole(), "half the limit is carried");
        page.push(&code, 0, 22 + code.len(), &mut b);
        assert!(page.must_read_whole());
        // A long text is read as it comes, never carried.
        let mut page = HtmlPieces::default();
        for at in 0..3 {
            page.push(
                &"word ".repeat(CARRY_LIMIT / 4),
                0,
                at * CARRY_LIMIT,
                &mut b,
            );
        }
        assert!(!page.must_read_whole());
        assert!(page.carry.is_empty());
    }

    #[test]
    fn pieces_end_before_markup_and_never_inside_a_character() {
        assert_eq!(HtmlPieces::piece_end(b"<p>one</p><p>tw", 0), Some(10));
        assert_eq!(HtmlPieces::piece_end(b"<p>one</p><p>tw", 12), Some(15));
        assert_eq!(
            HtmlPieces::piece_end("no markup \u{e9}".as_bytes(), 0),
            Some(12)
        );
        let cut = "caf\u{e9}".as_bytes();
        assert_eq!(HtmlPieces::piece_end(&cut[..4], 0), Some(3));
        assert_eq!(
            HtmlPieces::piece_end("\u{1F600}".as_bytes().get(..3).unwrap_or_default(), 0),
            None
        );
        assert_eq!(HtmlPieces::piece_end(b"<p>", 0), Some(3));
    }

    #[test]
    fn metadata_from_head_and_time() {
        let src = "<html><head><title>Site | Toll &amp; more</title>\
            <meta property=\"og:title\" content=\"Toll rises to 144\">\
            <meta name=\"date\" content=\"2024-01-01\">\
            <meta property=\"article:published_time\" content=\"2024-03-26T08:00:00+03:00\">\
            </head><body><time datetime=\"2024-03-20\">then</time></body></html>";
        let (_, _, parsed) = run(src);
        assert_eq!(parsed.title.as_deref(), Some("Toll rises to 144"));
        assert_eq!(
            parsed.date,
            Some(PartialDate::new(Some(2024), Some(3), Some(26)))
        );
        let (_, _, parsed) =
            run("<title> Plain\n title </title><p><time datetime='2024-03-27'>x</time></p>");
        assert_eq!(parsed.title.as_deref(), Some("Plain title"));
        assert_eq!(
            parsed.date,
            Some(PartialDate::new(Some(2024), Some(3), Some(27)))
        );
        let (_, _, parsed) = run("<meta name=date content=garbage><p>no date</p>");
        assert_eq!(parsed.date, None);
    }
}
