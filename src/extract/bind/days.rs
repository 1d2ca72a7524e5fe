//! Days: which day a story's event fell on, and whether a clause opens on an earlier one.
//!
//! A news story is about its newest event: the lede dates it ("early Monday", "Wednesday
//! night", "on May 25"), and what happened after it — a death, an arrest, a vigil — is the
//! same event's. A clause that **opens** on an earlier day ("Sunday evening a man was also
//! wounded", "On Monday morning a man was found dead near the same corner", "And on April 24,
//! a boy was shot") tells of another event: a roundup's earlier incident, or a past case named
//! for context. So a day is read only where a clause opens with it, and only an earlier one
//! anchors: a later day is as often the story's own aftermath ("On Tuesday, the victim died";
//! "On Friday, police charged …").
//!
//! Days are counted from 1970-01-01 against the document's date: a weekday is the last one on
//! or before the document's day (news names a weekday of the past week), and a month and day
//! without a year is in the document's year, or the year before when it would fall well after
//! the document. A document without a full date has no days to compare, and nothing anchors.

use super::lexicon::WEEKDAYS;
use super::tokens::Token;
use crate::value::date::{PartialDate, days_from_civil};

/// Words that may stand before a day opening a clause: "And on April 24", "Early Sunday",
/// "Also Monday", "Then, on Friday".
const LEAD_INS: &[&str] = &[
    "and", "but", "then", "also", "on", "early", "earlier", "late", "later", "just", "about",
    "around", "by", "until",
];

/// Parts of a day after a weekday ("Sunday evening"). "night" and "late" are kept apart: the
/// night before the story's day may be the story's own event reported "early Monday".
const DAY_PARTS: &[&str] = &["morning", "afternoon", "evening", "night", "overnight"];

/// Words of a clause that tell of a death after the day it opens with ("On Sunday, the boy
/// died"): the death of a victim wounded earlier is no other event.
const LATER_DEATH: &[&str] = &["died", "dies", "die", "succumbed", "pronounced"];

/// The day (counted from 1970-01-01) that the words at `i` name, and how many tokens they
/// take, given the document's date `doc` (year, month and day).
pub(super) fn named_day(
    tokens: &[Token<'_>],
    i: usize,
    doc: (i32, u8, u8),
) -> Option<(i64, usize)> {
    let t = tokens.get(i)?;
    let today = days_from_civil(doc.0, doc.1, doc.2);
    if !t.word {
        return None;
    }
    if let Some(w) = WEEKDAYS.iter().position(|d| d.eq_ignore_ascii_case(t.text)) {
        // 1970-01-01 was a Thursday (index 3): the last such weekday on or before today.
        let today_index = (today + 3).rem_euclid(7);
        let back = (today_index - w as i64).rem_euclid(7);
        return Some((today - back, 1));
    }
    if t.is_in(&["today", "tonight"]) {
        return Some((today, 1));
    }
    if t.is_in(&["yesterday"]) {
        return Some((today - 1, 1));
    }
    if t.is_in(&["last"])
        && tokens
            .get(i + 1)
            .is_some_and(|w| w.is_in(&["week", "week's"]))
    {
        // A week back, as a day: before any weekday of the story's own week.
        return Some((today - 7, 2));
    }
    let month = super::events::month_number(t)?;
    let mut n = 1;
    if tokens.get(i + 1).is_some_and(|p| p.is_punct(".")) {
        n += 1;
    }
    let day: u8 = tokens
        .get(i + n)
        .filter(|d| d.word && d.text.len() <= 2)
        .and_then(|d| d.text.parse().ok())
        .filter(|d| (1..=31).contains(d))?;
    let mut date = days_from_civil(doc.0, month, day);
    // "Dec. 16" in a January story is last December's (a month's grace for a date filed late).
    if date > today + 31 {
        date = days_from_civil(doc.0 - 1, month, day);
    }
    Some((date, n + 1))
}

/// The document's full date (year, month, day), if it has one.
pub(super) fn full_date(date: Option<PartialDate>) -> Option<(i32, u8, u8)> {
    let d = date?;
    Some((d.year?, d.month?, d.day?))
}

/// The earliest day named in `tokens` (the lead's prose): the story's event's day. The
/// earliest, not the first: a later piece's lede names its news day first and the event's
/// after it ("Police on Saturday arrested a man in Thursday's shooting").
pub(super) fn earliest_day(tokens: &[Token<'_>], doc: (i32, u8, u8)) -> Option<i64> {
    (0..tokens.len())
        .filter_map(|i| named_day(tokens, i, doc).map(|(day, _)| day))
        .min()
}

/// The words of a day earlier than `story_day` that the clause `tokens[start..end]` opens
/// with, if it does: "Sunday evening", "on April 24".
pub(super) fn opens_on_earlier_day(
    tokens: &[Token<'_>],
    start: usize,
    end: usize,
    doc: (i32, u8, u8),
    story_day: i64,
) -> Option<String> {
    let clause = tokens.get(start..end)?;
    let mut i = start;
    while tokens
        .get(i)
        .is_some_and(|t| i < end && (t.is_in(LEAD_INS) || t.is_punct(",")))
    {
        i += 1;
    }
    let (day, len) = named_day(tokens, i, doc)?;
    let after = tokens.get(i + len);
    let late = after.is_some_and(|p| p.is_in(&["night", "overnight"]))
        || tokens[start..i].iter().any(|t| t.is_in(&["late"]));
    let earlier = story_day - day;
    // The night before the story's day may be the story's own event ("late Sunday" for a
    // shooting the lede dates "early Monday").
    if earlier < 1 || earlier == 1 && late || clause.iter().any(|t| t.is_in(LATER_DEATH)) {
        return None;
    }
    let last = i + len + usize::from(after.is_some_and(|p| p.is_in(DAY_PARTS)));
    let words: Vec<&str> = tokens[i..last.min(end)]
        .iter()
        .filter(|t| t.word)
        .map(|t| t.text)
        .collect();
    Some(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::bind::tokens::tokens;
    use crate::source::offsets::TextRange;

    /// Wednesday 25 May 2016.
    const DOC: (i32, u8, u8) = (2016, 5, 25);

    fn day_of(text: &str) -> Option<i64> {
        let toks = tokens(text, TextRange::new(0, text.len()));
        earliest_day(&toks, DOC)
    }

    fn opens(text: &str, story: &str) -> Option<String> {
        let toks = tokens(text, TextRange::new(0, text.len()));
        let story = day_of(story)?;
        opens_on_earlier_day(&toks, 0, toks.len(), DOC, story)
    }

    #[test]
    fn days_resolve_against_the_documents_date() {
        let wednesday = days_from_civil(2016, 5, 25);
        let cases: &[(&str, Option<i64>)] = &[
            ("police said Wednesday", Some(wednesday)),
            ("early Monday a man was shot", Some(wednesday - 2)),
            ("on Thursday night", Some(wednesday - 6)),
            ("on May 23 two were hurt", Some(wednesday - 2)),
            ("on Dec. 16 a man died", Some(days_from_civil(2015, 12, 16))),
            ("shot yesterday", Some(wednesday - 1)),
            ("arrested in last week's shooting", Some(wednesday - 7)),
            ("four were hurt tonight", Some(wednesday)),
            ("no day at all in May", None),
            ("a 2004 Toyota", None),
        ];
        for (text, want) in cases {
            assert_eq!(day_of(text), *want, "{text:?}");
        }
    }

    #[test]
    fn a_clause_opening_on_an_earlier_day_is_another_event() {
        let lede = "Two men were shot early Sunday.";
        let cases: &[(&str, Option<&str>)] = &[
            (
                "Saturday evening a man was also wounded",
                Some("Saturday evening"),
            ),
            (
                "On Friday morning a man was found dead nearby",
                Some("Friday morning"),
            ),
            ("And on April 24, a boy was shot", Some("April 24")),
            // The night before may be the story's own event; a later day is its aftermath.
            ("Late Saturday two men were shot", None),
            ("Saturday night two men were shot", None),
            ("On Tuesday police charged a man", None),
            // A victim who died on another day is this event's.
            ("On Friday the boy died", None),
            // Only a day that opens the clause.
            ("Two men were shot, police said Friday", None),
        ];
        for (text, want) in cases {
            assert_eq!(opens(text, lede).as_deref(), *want, "{text:?}");
        }
    }
}
