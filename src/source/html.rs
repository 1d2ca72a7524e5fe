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

fn is_one_of(name: &str, list: &[&str]) -> bool {
    list.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Appends the visible text of `source[start..]` to `builder`.
pub(crate) fn build(source: &str, start: usize, builder: &mut TextBuilder) -> Parsed {
    let mut state = State {
        src: source,
        pos: start.min(source.len()),
        builder,
        block: None,
        pending_space: None,
        skip: None,
        parsed: Parsed::default(),
        attrs: Vec::new(),
        title: None,
        og_title: None,
        meta_date: None,
        time_date: None,
        quote_depth: 0,
    };
    state.run();
    state.close_block();
    let mut parsed = state.parsed;
    parsed.title = state.og_title.or(state.title);
    parsed.date = state.meta_date.map(|(_, d)| d).or(state.time_date);
    parsed
}

/// A start tag's attribute: name and value ranges in the source.
#[derive(Debug, Clone)]
struct Attr {
    name: Range<usize>,
    value: Range<usize>,
}

struct State<'s, 'b> {
    src: &'s str,
    pos: usize,
    builder: &'b mut TextBuilder,
    /// Text offset where the open block started.
    block: Option<usize>,
    /// White space seen since the last prose, in the open block: its source range.
    pending_space: Option<Range<usize>>,
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

impl State<'_, '_> {
    fn run(&mut self) {
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() {
            let Some(lt) = memchr::memchr(b'<', &bytes[self.pos..]).map(|i| self.pos + i) else {
                let end = bytes.len();
                self.text(self.pos, end);
                self.pos = end;
                break;
            };
            if lt > self.pos {
                self.text(self.pos, lt);
            }
            self.pos = lt;
            self.markup(lt);
        }
    }

    /// Handles the markup starting with the `<` at `lt`; advances `pos` past it (or past the
    /// `<` alone, when it is text).
    fn markup(&mut self, lt: usize) {
        let bytes = self.src.as_bytes();
        let next = bytes.get(lt + 1).copied();
        match next {
            Some(b'!') => {
                if bytes[lt..].starts_with(b"<!--") {
                    self.pos = comment_end(bytes, lt + 4);
                } else {
                    // `<!DOCTYPE>`, `<![CDATA[ ]]>` outside foreign content: a bogus comment.
                    self.pos = find_byte(bytes, lt + 2, b'>');
                }
            }
            Some(b'?') => self.pos = find_byte(bytes, lt + 2, b'>'),
            Some(b'/') => match bytes.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let (name, end) = self.tag(lt + 2);
                    self.pos = end;
                    if let Some(name) = name {
                        self.end_tag(&name, lt);
                    }
                }
                // `</>` is dropped; `</ x>` and `</3>` are bogus comments.
                Some(b'>') => self.pos = lt + 3,
                Some(_) => self.pos = find_byte(bytes, lt + 2, b'>'),
                None => self.pos = bytes.len(),
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, end) = self.tag(lt + 1);
                self.pos = end;
                if let Some(name) = name {
                    self.start_tag(&name, lt, end);
                }
            }
            // A `<` that starts no tag (`a < b`, `<3`) is text.
            _ => {
                self.text(lt, lt + 1);
                self.pos = lt + 1;
            }
        }
    }

    /// Reads a tag's name (lowercased) and attributes from `at` (just after `<` or `</`);
    /// returns the name and the offset just past the closing `>`. A tag cut off by the end of
    /// the input has no name: it is dropped.
    fn tag(&mut self, at: usize) -> (Option<String>, usize) {
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
        self.attrs.clear();
        loop {
            while i < len && matches!(bytes[i], b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/') {
                i += 1;
            }
            if i >= len {
                return (None, len);
            }
            if bytes[i] == b'>' {
                return (name, i + 1);
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
                        let Some(close) = memchr::memchr(q, &bytes[i + 1..]) else {
                            return (None, len);
                        };
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
            self.attrs.push(Attr {
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
        self.attrs.iter().find_map(|a| {
            let n = self.src.get(a.name.clone())?;
            n.eq_ignore_ascii_case(name).then(|| a.value.clone())
        })
    }

    fn has_attr(&self, name: &str) -> bool {
        self.attrs.iter().any(|a| {
            self.src
                .get(a.name.clone())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
    }

    fn start_tag(&mut self, name: &str, lt: usize, end: usize) {
        if is_one_of(name, RAW_TEXT) {
            // Raw text runs to the matching end tag even inside a skipped subtree: it must be
            // consumed either way, or a `<div>` in a script string would count as a tag.
            let close = raw_text_end(self.src.as_bytes(), end, name);
            if name == "title" && self.title.is_none() && self.skip.is_none() {
                let inner = self.src.get(end..close.start).unwrap_or("");
                self.title = non_empty(collapse(&entities::decode_str(inner)));
                if self.title.is_some() && self.title != self.og_title {
                    self.headline(end..close.start);
                }
            }
            self.pos = close.end;
            return;
        }
        if let Some((skipped, depth)) = &mut self.skip {
            if skipped == name {
                *depth += 1;
            }
            return;
        }
        match name {
            "meta" => self.meta(),
            "time" if self.time_date.is_none() => {
                self.time_date = self.attr("datetime").as_deref().and_then(parse_date);
            }
            _ => {}
        }
        if is_one_of(name, BLOCK) {
            self.close_block();
            if name == "blockquote" {
                self.quote_depth += 1;
            }
        } else if is_one_of(name, GAP) {
            self.gap(lt);
        }
        let self_closing = self.src.as_bytes().get(end.wrapping_sub(2)) == Some(&b'/');
        let skips_subtree = (is_one_of(name, SKIPPED_SUBTREES) && !self_closing)
            || (self.is_hidden() && !is_one_of(name, VOID) && !is_one_of(name, OPTIONAL_END));
        if skips_subtree {
            self.skip = Some((name.to_string(), 1));
        }
    }

    fn end_tag(&mut self, name: &str, lt: usize) {
        if let Some((skipped, depth)) = &mut self.skip {
            if skipped == name {
                *depth -= 1;
                if *depth == 0 {
                    self.skip = None;
                }
            } else if name == "body" || name == "html" {
                // A hidden element left open never hides past the end of the page body.
                self.skip = None;
            }
            return;
        }
        if is_one_of(name, BLOCK) {
            self.close_block();
            if name == "blockquote" {
                self.quote_depth = self.quote_depth.saturating_sub(1);
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
            if self.og_title.is_none() {
                self.og_title = self.attr("content").and_then(|c| non_empty(collapse(&c)));
                if let Some(value) = self.attr_range("content")
                    && self.og_title.is_some()
                    && self.og_title != self.title
                {
                    self.headline(value);
                }
            }
            return;
        }
        if let Some(rank) = DATE_META.iter().position(|k| *k == key)
            && self.meta_date.as_ref().is_none_or(|(r, _)| rank < *r)
            && let Some(date) = self.attr("content").as_deref().and_then(parse_date)
        {
            self.meta_date = Some((rank, date));
        }
    }

    /// Reads the title text at `range` as a block of its own, while no body prose has been
    /// read: the page's headline.
    fn headline(&mut self, range: Range<usize>) {
        if self.parsed.blocks.len() != self.parsed.headlines || self.block.is_some() {
            return;
        }
        self.text(range.start, range.end);
        self.close_block();
        self.parsed.headlines = self.parsed.blocks.len();
    }

    /// Appends the text `src[start..end]`: entities decoded, white space collapsed.
    fn text(&mut self, start: usize, end: usize) {
        if self.skip.is_some() {
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
                    if self.block.is_some() && self.pending_space.is_none() {
                        self.pending_space = Some(ws..i);
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
                        self.builder.push_replaced(text, i..i + len);
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
        self.builder.push_source(piece, start);
    }

    /// Opens a block, or emits the pending space, before prose that starts at `at`.
    fn before_prose(&mut self, at: usize) {
        if self.block.is_none() {
            if !self.parsed.blocks.is_empty() {
                self.builder.push_synthetic("\n\n", at);
            }
            self.block = Some(self.builder.text().len());
            self.pending_space = None;
            return;
        }
        if let Some(ws) = self.pending_space.take() {
            if self.builder.text().ends_with(' ') {
                return;
            }
            if self.src.get(ws.clone()) == Some(" ") {
                self.builder.push_source(" ", ws.start);
            } else {
                self.builder.push_replaced(" ", ws);
            }
        }
    }

    /// An image or control sits at `at`: the words around it stay apart.
    fn gap(&mut self, at: usize) {
        if self.block.is_some() && self.pending_space.is_none() {
            self.pending_space = Some(at..at);
        }
    }

    /// Ends the open block, recording its range without surrounding white space.
    fn close_block(&mut self) {
        self.pending_space = None;
        let Some(start) = self.block.take() else {
            return;
        };
        if let Some(block) = self.builder.block_since(start) {
            self.parsed.blocks.push(block);
            if self.quote_depth > 0 {
                self.parsed.quoted.push(block);
            }
        }
    }
}

/// Offset just past the `-->` ending a comment whose body starts at `at`, or the end of the
/// input. `<!-->` and `<!--->` are (abruptly closed) empty comments.
fn comment_end(bytes: &[u8], at: usize) -> usize {
    if bytes.get(at) == Some(&b'>') {
        return at + 1;
    }
    if bytes.get(at..at + 2) == Some(b"->") {
        return at + 2;
    }
    let mut i = at;
    while let Some(off) = bytes.get(i..).and_then(|rest| memchr::memchr(b'>', rest)) {
        let gt = i + off;
        if gt >= at + 2 && &bytes[gt - 2..gt] == b"--" {
            return gt + 1;
        }
        // `--!>` also closes a comment.
        if gt >= at + 3 && &bytes[gt - 3..gt] == b"--!" {
            return gt + 1;
        }
        i = gt + 1;
    }
    bytes.len()
}

/// Offset just past the next `byte` from `at`, or the end of the input.
fn find_byte(bytes: &[u8], at: usize, byte: u8) -> usize {
    bytes
        .get(at..)
        .and_then(|rest| memchr::memchr(byte, rest))
        .map_or(bytes.len(), |i| at + i + 1)
}

/// The end tag closing raw text that starts at `at`: its range (`</script >`), or an empty
/// range at the end of the input when there is none.
fn raw_text_end(bytes: &[u8], at: usize, name: &str) -> Range<usize> {
    let mut i = at;
    while let Some(off) = bytes.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        let lt = i + off;
        let name_at = lt + 2;
        if bytes.get(lt + 1) == Some(&b'/')
            && bytes
                .get(name_at..name_at + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && matches!(
                bytes.get(name_at + name.len()),
                Some(b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>') | None
            )
        {
            return lt..find_byte(bytes, name_at + name.len(), b'>');
        }
        i = lt + 1;
    }
    bytes.len()..bytes.len()
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
