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
        let slice = text.get(block.range()).unwrap_or("");
        let Some(source) = source else {
            out.push(block);
            if out.len() >= MAX_LINES {
                return out;
            }
            continue;
        };
        for (i, _) in slice.match_indices(' ') {
            let at = block.start + i;
            // A first block as long as a book (a run-on line) is not searched for lines past
            // the reach: it is one line from there.
            if at >= TEXT_REACH {
                break;
            }
            let src = map.to_source(TextRange::new(at, at + 1));
            if source.get(src).is_some_and(|s| s.contains('\n')) {
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
