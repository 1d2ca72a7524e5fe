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

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::offsets::{TextBuilder, TextRange};

/// What one Markdown body yields besides its text.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    /// Blocks of prose, in text order.
    pub blocks: Vec<TextRange>,
    /// The text of the first level-1 heading, a fallback title.
    pub first_h1: Option<String>,
    /// The blocks inside block quotes (`> …`): somebody's words, never rewritten by a fix.
    pub quoted: Vec<TextRange>,
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

/// Appends the prose of `source[start..]` to `builder`.
pub(crate) fn build(source: &str, start: usize, builder: &mut TextBuilder) -> Parsed {
    let body = source.get(start..).unwrap_or("");
    let mut state = State {
        body,
        base: start,
        builder,
        skipped: Vec::new(),
        skip_depth: 0,
        block: None,
        parsed: Parsed::default(),
        in_h1: false,
        quote_depth: 0,
    };
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        state.event(event, range);
    }
    state.close_block();
    state.parsed
}

struct State<'s, 'b> {
    /// The Markdown being parsed (the document after its front matter).
    body: &'s str,
    /// Offset of `body` in the document: added to every event range.
    base: usize,
    builder: &'b mut TextBuilder,
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
}

impl State<'_, '_> {
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
                    self.in_h1 = true;
                }
                if let Tag::BlockQuote(_) = tag {
                    self.quote_depth += 1;
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
                    self.skip_depth += 1;
                }
                self.skipped.push(skip);
            }
            Event::End(end) => {
                if self.skipped.pop() == Some(true) {
                    self.skip_depth = self.skip_depth.saturating_sub(1);
                }
                if is_block_end(end) {
                    self.close_block();
                }
                if let TagEnd::Heading(HeadingLevel::H1) = end {
                    self.in_h1 = false;
                }
                if let TagEnd::BlockQuote(_) = end {
                    self.quote_depth = self.quote_depth.saturating_sub(1);
                }
            }
            Event::Text(text) if self.skip_depth == 0 => self.text(&text, range),
            // A line break before any prose of the block (or in skipped content) adds nothing.
            Event::SoftBreak | Event::HardBreak if self.skip_depth == 0 && self.block.is_some() => {
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
        if self.block.is_none() {
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
        if !self.parsed.blocks.is_empty() {
            self.builder.push_synthetic("\n\n", self.base + src_start);
        }
        self.block = Some(self.builder.text().len());
    }

    /// Ends the open block, recording its range without surrounding whitespace.
    fn close_block(&mut self) {
        let Some(start) = self.block.take() else {
            return;
        };
        let Some(block) = self.builder.block_since(start) else {
            return;
        };
        if self.in_h1 && self.parsed.first_h1.is_none() {
            self.parsed.first_h1 = self.builder.text().get(block.range()).map(str::to_string);
        }
        self.parsed.blocks.push(block);
        if self.quote_depth > 0 {
            self.parsed.quoted.push(block);
        }
    }

    /// Something that is not prose sat here: keep the words on either side apart.
    fn gap(&mut self) {
        if self.block.is_some()
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
}
