//! Datelines: the date a wire story or a desk file states in its first lines.
//!
//! Two forms are read, at the start of one of the first [`MAX_LINES`] non-empty lines of the
//! matching text (a line is a block, or a line of a block whose source has a line break):
//!
//! - a date alone on its line: `Mar 29, 2024`, `Friday, 29 March 2024`, `2024-03-29`;
//! - a place, a comma, a date, an optional `(Source)` and a dash or colon:
//!   `MOSCOW, March 23, 2024 (Wire) —`, `TEHRAN, March 28, 2024 (Desk) -`,
//!   `Kerman, Jan. 4 -`. The place is one to five capitalized words without digits.
//!
//! Anything else is not a dateline, on purpose: a headline that opens with a date or holds a
//! figure ("March 22, 2024: 144 killed", "144 dead in Crocus attack") must not become the
//! document's date. The date grammar is [`crate::extract::date`], so a dateline is read exactly
//! as a date in the body would be; a date range is not a dateline.

use super::offsets::{OffsetMap, TextRange};
use crate::extract::date::{DateToken, ScanOptions, scan_in};
use crate::value::PartialDate;
use crate::value::date::DateValue;

/// How many non-empty lines from the top may hold the dateline.
pub const MAX_LINES: usize = 3;

/// Longest place name before the comma, in bytes.
const MAX_PLACE: usize = 48;

/// How far into the matching text lines are looked for: a dateline opens the document.
const TEXT_REACH: usize = 16 * 1024;

/// How much of a document's source is needed to find its lines within [`TEXT_REACH`] (markup
/// and front matter included), with room to spare.
pub const SOURCE_REACH: usize = 1 << 20;

/// A dateline found in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline {
    /// The date it states (the year may be unknown: `MOSCOW, March 23 (AP) -`).
    pub date: PartialDate,
    /// The dateline in the matching text, from its first char through the dash or colon.
    pub range: TextRange,
}

/// Finds the dateline of a document from its matching text and blocks. With `source` (for
/// formats whose source lines are the author's lines: plain text, Markdown), a space of the
/// text that the map traces to a source line break also starts a line; without it (HTML,
/// where a source line break is just white space, and DOCX, whose lines are blocks already),
/// lines are blocks.
pub fn find(
    text: &str,
    blocks: impl IntoIterator<Item = TextRange>,
    map: &OffsetMap,
    source: Option<&str>,
) -> Option<Dateline> {
    lines(text, blocks, map, source)
        .into_iter()
        .take(MAX_LINES)
        .find_map(|line| read_line(text, line))
}

/// The first lines of the document (at most [`MAX_LINES`]), as text ranges.
fn lines(
    text: &str,
    blocks: impl IntoIterator<Item = TextRange>,
    map: &OffsetMap,
    source: Option<&str>,
) -> Vec<TextRange> {
    let mut out = Vec::new();
    for block in blocks {
        let mut start = block.start;
        let Some(source) = source else {
            out.push(block);
            if out.len() >= MAX_LINES {
                return out;
            }
            continue;
        };
        // A space of the text that stands for a source line break starts a line. Only the
        // first [`TEXT_REACH`] bytes are searched: a first block as long as a book (a run-on
        // line) is one line from there. The segments are walked once, in order.
        let upto = TextRange::new(block.start, block.end.min(TEXT_REACH).max(block.start));
        for (seg, src, copied) in map.spans_in(upto) {
            let (from, to) = (seg.start.max(upto.start), seg.end.min(upto.end));
            let Some(text_bytes) = text.as_bytes().get(from..to) else {
                continue;
            };
            let breaks: Vec<usize> = if copied {
                // Byte for byte: a space here is a line break where the source holds one.
                let at_src = src.start + (from - seg.start);
                let src_bytes = source.as_bytes().get(at_src..at_src + (to - from));
                memchr::memchr_iter(b'\n', src_bytes.unwrap_or_default())
                    .filter(|&i| text_bytes.get(i) == Some(&b' '))
                    .collect()
            } else if source.get(src).is_some_and(|s| s.contains('\n')) {
                // Replaced as a whole: each of its spaces stands for source holding a break.
                memchr::memchr_iter(b' ', text_bytes).collect()
            } else {
                Vec::new()
            };
            for i in breaks {
                let at = from + i;
                out.push(TextRange::new(start, at));
                start = at + 1;
                if out.len() >= MAX_LINES {
                    return out;
                }
            }
        }
        out.push(TextRange::new(start, block.end));
        if out.len() >= MAX_LINES {
            return out;
        }
    }
    out
}

/// The dateline at the start of `line`, if it is one.
fn read_line(text: &str, line: TextRange) -> Option<Dateline> {
    let slice = text.get(line.range())?;
    let opts = ScanOptions::default();
    // A dateline's date starts the line or follows a short place name: never scan a whole
    // long first paragraph (this runs on every document).
    let window_end = line.end.min(line.start + MAX_PLACE + 64);
    let first = scan_in(text, line.start..window_end, &opts)
        .into_iter()
        .next()?;
    let date = single(&first)?;
    let span = first.full_span();
    // A date alone on its line.
    if span.start == line.start && text.get(span.end..line.end)?.trim().is_empty() {
        return Some(Dateline {
            date,
            range: TextRange::new(line.start, span.end),
        });
    }
    // PLACE, DATE (Source) -
    let comma = slice.find(',')?;
    if comma == 0 || comma > MAX_PLACE || !is_place(&slice[..comma]) {
        return None;
    }
    let after_comma = line.start + comma + 1;
    let gap = text.get(after_comma..span.start)?;
    if span.start <= after_comma || !gap.trim().is_empty() {
        return None;
    }
    let mut rest = text.get(span.end..line.end)?.trim_start();
    if let Some(inner) = rest.strip_prefix('(') {
        let close = inner.find(')')?;
        rest = inner[close + 1..].trim_start();
    }
    let end_of = |rest: &str| line.end - rest.len();
    let end = if rest.is_empty() {
        line.end
    } else if let Some(after) = rest.strip_prefix(['-', ':']) {
        end_of(after.trim_start_matches('-'))
    } else {
        return None;
    };
    Some(Dateline {
        date,
        range: TextRange::new(line.start, end),
    })
}

/// One date, not a range.
fn single(token: &DateToken) -> Option<PartialDate> {
    match token.value {
        DateValue::Single { date } if date.month.is_some() => Some(date),
        _ => None,
    }
}

/// One to five words, each starting with an upper-case letter (`MOSCOW`, `Kerman`,
/// `NEW YORK`, `St. Petersburg`, `Rostov-on-Don` has a lower-case part after a hyphen), with
/// no digits.
fn is_place(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::load;
    use crate::span::FileId;

    fn date_of(src: &str) -> Option<PartialDate> {
        let doc = load(FileId(0), "a.txt", src);
        find(&doc.text, &doc.blocks, &doc.map, Some(src)).map(|d| d.date)
    }

    fn ymd(y: i32, m: u8, d: u8) -> Option<PartialDate> {
        Some(PartialDate::new(Some(y), Some(m), Some(d)))
    }

    #[test]
    fn datelines_are_read() {
        let cases: &[(&str, Option<PartialDate>)] = &[
            ("Mar 29, 2024\n\nThe toll rose.", ymd(2024, 3, 29)),
            ("Mar 29, 2024\nThe toll rose.", ymd(2024, 3, 29)),
            (
                "MOSCOW, March 23, 2024 (Wire) \u{2014} The toll rose.",
                ymd(2024, 3, 23),
            ),
            (
                "TEHRAN, March 28, 2024 (Desk) -\n\nThe Kerman blasts.",
                ymd(2024, 3, 28),
            ),
            (
                "Headline about the toll\n\nST. PETERSBURG, 24 March 2024 - Body.",
                ymd(2024, 3, 24),
            ),
            (
                "Headline\nby A. Writer\nKerman, Jan. 4 - Body.",
                Some(PartialDate::new(None, Some(1), Some(4))),
            ),
            ("Friday, 29 March 2024\n\nBody.", ymd(2024, 3, 29)),
            ("  2024-03-29  \n\nBody.", ymd(2024, 3, 29)),
        ];
        for (src, want) in cases {
            assert_eq!(date_of(src), *want, "{src:?}");
        }
    }

    #[test]
    fn other_first_lines_are_not_datelines() {
        for src in [
            "144 killed in Crocus attack on March 22, 2024\n\nBody.",
            "March 22, 2024: the day 144 died\n\nBody.",
            "The attack on March 22, 2024 killed 144.",
            "Moscow 2024, March 22, 2024 - x",
            "MOSCOW, the city, March 22 - x",
            "MOSCOW, March 22-24, 2024 - x",
            "MOSCOW, March 22, 2024 said the report",
            "One\n\nTwo\n\nThree\n\nMOSCOW, March 23, 2024 - late.",
            "",
            "In May people march.",
        ] {
            assert_eq!(date_of(src), None, "{src:?}");
        }
    }

    /// The lines as found one space at a time, through [`OffsetMap::to_source`]: the
    /// definition that the one-pass walk of the map must agree with.
    fn lines_by_lookup(
        text: &str,
        blocks: &[TextRange],
        map: &OffsetMap,
        source: &str,
    ) -> Vec<TextRange> {
        let mut out = Vec::new();
        for block in blocks {
            let mut start = block.start;
            for (i, _) in text[block.range()].match_indices(' ') {
                let at = block.start + i;
                if at >= TEXT_REACH {
                    break;
                }
                let src = map.to_source(TextRange::new(at, at + 1));
                if source.get(src).is_some_and(|s| s.contains('\n')) {
                    out.push(TextRange::new(start, at));
                    start = at + 1;
                }
            }
            out.push(TextRange::new(start, block.end));
        }
        out.truncate(MAX_LINES);
        out
    }

    #[test]
    fn lines_walk_the_map_as_lookups_would() {
        let long_line = "word ".repeat(5000);
        let sources = [
            "Headline\nby A. Writer\nKerman, Jan. 4 - Body.".to_string(),
            "One \u{201C}quoted\u{201D}\r\ntwo\tthree\n\nFour &amp; five\nsix".to_string(),
            "---\ntitle: A\n---\n\n*Emph* and `code`\nnext line\n\n> quoted\n> more".to_string(),
            "caf\u{65}\u{301}\nnext\u{A0}word\nthird\nfourth".to_string(),
            format!("{long_line}\ntail line\nlast"),
            format!("short\n\n{long_line}\nafter"),
        ];
        for (i, src) in sources.iter().enumerate() {
            for name in ["a.txt", "a.md"] {
                let doc = load(FileId(0), name, src);
                let blocks: Vec<TextRange> = doc.blocks.iter().collect();
                assert_eq!(
                    lines(&doc.text, blocks.iter().copied(), &doc.map, Some(src)),
                    lines_by_lookup(&doc.text, &blocks, &doc.map, src),
                    "source {i} as {name}"
                );
            }
        }
    }

    #[test]
    fn range_covers_the_dateline() {
        let src = "MOSCOW, March 23, 2024 (Wire) -- The toll rose.";
        let doc = load(FileId(0), "a.txt", src);
        let d = find(&doc.text, &doc.blocks, &doc.map, Some(src)).unwrap();
        assert_eq!(
            &doc.text[d.range.range()],
            "MOSCOW, March 23, 2024 (Wire) --"
        );
    }
}
