//! Stamps: the dates a page carries about itself, not about its story.
//!
//! A crawled article says when it was posted and updated ("Posted: Sunday, March 8, 2015
//! 1:11 PM EDT Updated: …"), who wrote it and when ("By Dana Reyes | March 5, 2024"), whose
//! copyright it is ("© March 2024 Example Media"), and when an embedded post was sent ("— A
//! Reporter (@areporter) January 5, 2017"). None of these dates is the event's, whatever the
//! words around them; they are found here, once per document, and extraction never reads a
//! date inside one. The first publication stamp with a year is also the document's date when
//! nothing better gives one (front matter, a meta tag, a dateline).
//!
//! Each form is anchored on its label (a stamp word, a copyright mark, "By" opening a short
//! block, a closing parenthesis around a handle) and the date must follow it directly, so the
//! cost is one pass over the text plus a short date scan per label.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::offsets::TextRange;
use crate::extract::date::{ScanOptions, scan_in};
use crate::value::PartialDate;

/// What kind of stamp a date is part of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StampKind {
    /// "Posted:", "Published", "Created".
    Published,
    /// "Updated:", "Last updated", "Modified".
    Updated,
    /// A byline block: "By Dana Reyes, Staff Writer | March 5, 2024".
    Byline,
    /// "© 2024", "Copyright March 2024".
    Copyright,
    /// The date an embedded social-media post was sent: "(@handle) January 5, 2017".
    Post,
}

impl StampKind {
    /// How `explain` names it.
    pub fn describe(self) -> &'static str {
        match self {
            StampKind::Published => "a publication stamp",
            StampKind::Updated => "an update stamp",
            StampKind::Byline => "a byline",
            StampKind::Copyright => "a copyright line",
            StampKind::Post => "the date of an embedded post",
        }
    }
}

/// A stamp found in the matching text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// From its label through its date.
    pub range: TextRange,
    /// What it is.
    pub kind: StampKind,
    /// The date it states, when the year is written.
    pub date: Option<PartialDate>,
}

/// Stamp labels and what they stamp (matched ignoring ASCII case, without allocating).
const LABELS: &[(&str, StampKind)] = &[
    ("posted", StampKind::Published),
    ("published", StampKind::Published),
    ("created", StampKind::Published),
    ("filed", StampKind::Published),
    ("updated", StampKind::Updated),
    ("modified", StampKind::Updated),
    ("edited", StampKind::Updated),
    ("copyright", StampKind::Copyright),
];

/// Marks that open a stamp besides the labels: a copyright sign, the parenthesis that closes
/// an embedded post's handle.
const MARKS: &[&str] = &["\u{a9}", ")"];

/// The automaton over [`LABELS`] then [`MARKS`], built once.
fn anchors() -> Option<&'static AhoCorasick> {
    static ANCHORS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    ANCHORS
        .get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(LABELS.iter().map(|(l, _)| *l).chain(MARKS.iter().copied()))
                .ok()
        })
        .as_ref()
}

/// The stamp a label word at `start..after` opens: a whole word, capitalized or followed by a
/// colon ("was posted on March 3" is prose, and its verb owns that date anyway), the date right
/// after it.
fn label(
    text: &str,
    block: TextRange,
    start: usize,
    after: usize,
    kind: StampKind,
) -> Option<Stamp> {
    let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    if glued(text[block.start..start].chars().next_back())
        || glued(text[after..block.end].chars().next())
    {
        return None;
    }
    let capital = text[start..].starts_with(|c: char| c.is_ascii_uppercase());
    let colon = text[after..].starts_with(':');
    if kind != StampKind::Copyright && !capital && !colon {
        return None;
    }
    date_after(text, block, start, after, kind)
}

/// The stamp a closing parenthesis at `start` opens when it closes a handle: "(@handle)
/// January 5, 2017". Only the last few bytes are searched, so a block of brackets stays
/// linear.
fn post(text: &str, block: TextRange, start: usize) -> Option<Stamp> {
    let mut from = start.saturating_sub(MAX_HANDLE).max(block.start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let inside = text[from..start].rsplit('(').next().unwrap_or("");
    if inside.len() == start - from || !inside.starts_with('@') {
        return None;
    }
    date_after(text, block, start, start + 1, StampKind::Post)
}

/// Longest byline block, in bytes: a longer block opening with "By" is prose.
const MAX_BYLINE: usize = 160;

/// Longest "(@handle)" before an embedded post's date, in bytes.
const MAX_HANDLE: usize = 40;

/// How far after its label a stamp's date may start and run, in bytes.
const DATE_REACH: usize = 64;

/// The stamps of a document's matching text, by position.
pub fn find(text: &str, blocks: impl IntoIterator<Item = TextRange>) -> Vec<Stamp> {
    let mut out = Vec::new();
    for block in blocks {
        let Some(body) = text.get(block.range()) else {
            continue;
        };
        if is_byline(body) {
            out.extend(dates_in(text, block, StampKind::Byline));
            continue;
        }
        // One automaton finds every label and mark in one pass.
        for m in anchors().into_iter().flat_map(|ac| ac.find_iter(body)) {
            let start = block.start + m.start();
            let after = block.start + m.end();
            let stamp = match LABELS.get(m.pattern().as_usize()) {
                Some(&(_, kind)) => label(text, block, start, after, kind),
                None if text[start..].starts_with(')') => post(text, block, start),
                None => date_after(text, block, start, after, StampKind::Copyright),
            };
            out.extend(stamp);
        }
    }
    out.sort_by_key(|s| (s.range.start, s.range.end));
    out.dedup_by_key(|s| s.range);
    out
}

/// The document date a publication stamp gives: the first publication stamp with a year, else
/// the first update stamp with one.
pub fn publication_date(stamps: &[Stamp]) -> Option<PartialDate> {
    [StampKind::Published, StampKind::Updated]
        .iter()
        .find_map(|&kind| stamps.iter().find(|s| s.kind == kind)?.date)
}

/// Whether a block is a byline: short, and "By" and a capitalized name open it.
fn is_byline(body: &str) -> bool {
    let mut w = body.split_whitespace();
    body.len() <= MAX_BYLINE
        && w.next().is_some_and(|by| by == "By" || by == "BY")
        && w.next()
            .is_some_and(|name| name.starts_with(|c: char| c.is_uppercase()) && !is_month(name))
}

/// Whether a word is a month's name or abbreviation ("By March 5, the fire …" is no byline;
/// "By Mara Quill" is one).
fn is_month(word: &str) -> bool {
    let word = word.trim_end_matches([',', '.']).to_ascii_lowercase();
    crate::extract::number::MONTHS.contains(&word.as_str())
}

/// The date right after a label ending at `after` (past a colon, "on" or "at"), as a stamp
/// from `start`.
fn date_after(
    text: &str,
    block: TextRange,
    start: usize,
    after: usize,
    kind: StampKind,
) -> Option<Stamp> {
    let window = after..(after + DATE_REACH).min(block.end);
    let token = scan_in(text, window, &ScanOptions::default())
        .into_iter()
        .next()?;
    let between = text.get(after..token.span.start)?;
    let between = between.trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '|');
    let between = between
        .strip_prefix("on")
        .or_else(|| between.strip_prefix("at"))
        .unwrap_or(between)
        .trim();
    // Copyright lines put the holder's name first ("© Example Media, March 2024") rarely;
    // the date must follow the label directly for every kind.
    if !between.is_empty() {
        return None;
    }
    Some(Stamp {
        range: TextRange::new(start, token.span.end),
        kind,
        date: token.year_written.then(|| token.value.start()),
    })
}

/// Every date of a byline block, as byline stamps.
fn dates_in(text: &str, block: TextRange, kind: StampKind) -> Vec<Stamp> {
    scan_in(text, block.range(), &ScanOptions::default())
        .into_iter()
        .map(|t| Stamp {
            range: TextRange::new(t.span.start, t.span.end),
            kind,
            date: t.year_written.then(|| t.value.start()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stamps of a one-block text, as (kind, stamped text).
    fn stamps(text: &str) -> Vec<(StampKind, &str)> {
        find(text, [TextRange::new(0, text.len())])
            .into_iter()
            .map(|s| (s.kind, &text[s.range.range()]))
            .collect()
    }

    macro_rules! stamp_cases {
        ($($name:ident: $text:expr => [$(($kind:ident, $s:expr)),* $(,)?];)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(stamps($text), vec![$((StampKind::$kind, $s)),*]);
            }
        )*};
    }

    stamp_cases! {
        posted_and_updated:
            "Fire on Elm Street Posted: Sunday, March 8, 2015 1:11 PM EDT Updated: Monday, March 9, 2015"
            => [(Published, "Posted: Sunday, March 8, 2015"), (Updated, "Updated: Monday, March 9, 2015")];
        published_on: "Published on 4 May 2023, 10:02" => [(Published, "Published on 4 May 2023")];
        last_updated_lowercase_colon: "last updated: Jan. 5, 2024" => [(Updated, "updated: Jan. 5, 2024")];
        prose_verb_is_no_stamp: "The video was posted on March 3 by a neighbour." => [];
        label_far_from_date_is_no_stamp: "Updated with comment from the mayor on March 3." => [];
        copyright_mark: "\u{a9} March 2024 Harbour Gazette" => [(Copyright, "\u{a9} March 2024")];
        copyright_word: "Copyright 12 May 2023 Harbour Gazette" => [(Copyright, "Copyright 12 May 2023")];
        embedded_post: "Crews are still on scene. \u{2014} A. Reporter (@areporter) January 5, 2017"
            => [(Post, ") January 5, 2017")];
        parenthesis_without_handle: "The mayor (a former judge) March 5 said" => [];
        byline_block: "By Dana Reyes | March 5, 2024" => [(Byline, "March 5, 2024")];
        byline_name_like_a_month: "By Mara Quill | Jan. 6, 2025" => [(Byline, "Jan. 6, 2025")];
        by_a_month_abbreviation: "By Jan. 6, 2025, the mill had closed." => [];
        by_in_prose_is_no_byline: "By March 5, 2024, the fire had burned for a week and the town had emptied out entirely, from the school on the hill to the harbour, and nobody knew when it would end." => [];
    }

    #[test]
    fn publication_date_prefers_published() {
        let text = "Updated: March 9, 2015 Posted: March 8, 2015";
        let found = find(text, [TextRange::new(0, text.len())]);
        assert_eq!(publication_date(&found), Some(PartialDate::ymd(2015, 3, 8)));
    }
}
