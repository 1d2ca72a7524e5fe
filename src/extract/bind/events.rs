//! Event context: which event each clause is about.
//!
//! A news story is about one event, named in its headline and first paragraph (the document's
//! **topic**); later paragraphs say "the shooting", "police said two people died" and mean it.
//! A clause is about
//!
//! 1. the rule's subject, when the clause names it — unless a time opens the clause and dates
//!    it to another event ("August 1982: eight killed at a Miami shop");
//! 2. otherwise **another event**, when the clause carries its own anchor: another year than
//!    the document's ("in 2005"), "another shooting", "a similar attack", "last year's", "last
//!    month", "earlier this year", "previously", "a year ago", "three months earlier",
//!    "a December shooting" (an indefinite event noun dated by its month),
//!    "eight months after a …" (an indefinite noun: "weeks after the shooting" is this one),
//!    "came after …" (what this event came after),
//!    an anniversary, a superlative measured from a past event ("the deadliest since");
//! 3. otherwise the event of the clause before it in the paragraph, and the first clause of a
//!    paragraph the document's topic (or, when the topic is not the rule's subject, whatever
//!    the scope region says).
//!
//! So an anchor holds until a later clause of its paragraph names the subject again, and a new
//! paragraph returns to the story's event. Only "another event" rejects a count: the rest keeps
//! what the scope region already decided. Anchors are found once per region, for every rule;
//! each rule's walk over the clauses is one pass.

use super::days;
use super::lexicon::{EVENT_NOUNS, PEOPLE_NOUNS, PERSON_NOUNS, PREPOSITIONS};
use super::tokens::Token;

/// Words that, before an event noun ("another shooting", "a similar attack", "a previous
/// case"), make a clause about another event than the story's. Alone they do not: "another
/// man was wounded" is one more victim of this one.
pub(super) const OTHER_EVENT_WORDS: &[&str] = &[
    "other",
    "another",
    "similar",
    "previous",
    "prior",
    "unrelated",
    "separate",
    "earlier",
];

/// Units of a time long enough, before "ago" or "earlier", to be another event's: "two years
/// ago", "a month earlier" (not "minutes earlier").
const LONG_AGO: &[&str] = &[
    "year", "years", "decade", "decades", "month", "months", "week", "weeks",
];

/// Superlatives that, before "since", measure this event against a past one ("the deadliest
/// since 2005, when four were killed"): what follows is the past event.
const SUPERLATIVES: &[&str] = &[
    "deadliest",
    "worst",
    "bloodiest",
    "largest",
    "biggest",
    "first",
];

/// Words in a clause that tie it to another event than the story's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Anchor {
    /// The words, as `explain` names them: "in 2005", "another shooting".
    pub words: String,
    /// Whether they outweigh a subject named in the same clause: a time that opens the clause
    /// ("In 2005, four died"; "August 1982: eight killed") frames the whole clause, and so
    /// does an event called another ("in another Dunmore shooting"), while a date in passing
    /// ("… six dead on July 9, 2014, in Spring") does not outweigh the subject.
    pub decisive: bool,
    /// Whether it is a time told from the story's date ("last month", "in July", "two years
    /// ago"): a lede uses such a time of its own event ("charged Tuesday in a shooting that
    /// killed three last month"), so in the lede it dates no other.
    pub relative: bool,
}

/// Which event a clause is about, for one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Event {
    /// Nothing in the paragraph so far said: the scope region (or the document's topic)
    /// decides.
    Inherited,
    /// The clause, or an earlier one of its paragraph, names the rule's subject.
    Subject,
    /// Another event, with the words that say so.
    Other(String),
}

/// What dates a clause against its story.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct When {
    /// The document's publication year and month, if known.
    pub year: Option<(i32, Option<u8>)>,
    /// The document's full date (year, month, day), if known.
    pub date: Option<(i32, u8, u8)>,
    /// The day of the story's event ([`days`]), if the lead names one.
    pub story_day: Option<i64>,
    /// Where the lede's first sentence ends, if the story has a lead ([`spare_the_lede`]).
    pub lede_end: Option<usize>,
}

/// For each clause (numbered as in `clause_of`), the words that anchor it to another event,
/// if any. `when.year` is the document's publication year: a year other than it (or, early in
/// a year, the one before) dates another event; a clause that opens on a day before the
/// story's ([`days`]) is another event's.
pub(super) fn anchors(tokens: &[Token<'_>], clause_of: &[u32], when: When) -> Vec<Option<Anchor>> {
    let year = when.year;
    let clauses = clause_of.last().map_or(0, |&c| c as usize + 1);
    let mut out: Vec<Option<Anchor>> = vec![None; clauses];
    let mut clause_start = 0;
    for (i, t) in tokens.iter().enumerate() {
        let Some(&c) = clause_of.get(i) else {
            continue;
        };
        if i == 0 || clause_of.get(i - 1) != Some(&c) {
            clause_start = i;
            if let (Some(date), Some(story_day)) = (when.date, when.story_day) {
                let end = (i..tokens.len())
                    .find(|&k| clause_of.get(k) != Some(&c))
                    .unwrap_or(tokens.len());
                out[c as usize] =
                    days::opens_on_earlier_day(tokens, i, end, date, story_day).map(|words| {
                        Anchor {
                            words,
                            decisive: true,
                            relative: false,
                        }
                    });
            }
        }
        if !t.word || out[c as usize].is_some() {
            continue;
        }
        let next = |k: usize| {
            tokens
                .get(i + k)
                .filter(|_| clause_of.get(i + k) == Some(&c))
        };
        let before = i.checked_sub(1).and_then(|k| tokens.get(k));
        let mut named_month = false;
        let mut outweighs_subject = false;
        let mut relative = false;
        let found = if t.is_in(OTHER_EVENT_WORDS)
            && let Some(k) = (1..=3)
                // "wounding another in an attack" is a pronoun's: the words between are the
                // noun's modifiers, never a preposition or an article.
                .take_while(|&k| k == 1 || next(k - 1).is_some_and(|n| !n.is_in(PREPOSITIONS) && !n.is_in(&["a", "an", "the"])))
                .find(|&k| next(k).is_some_and(|n| n.is_in(EVENT_NOUNS)))
            // "another shooting victim" is one more victim of this event.
            && !next(k + 1).is_some_and(|n| n.is_in(PEOPLE_NOUNS) || n.is_in(PERSON_NOUNS) || n.is_in(&["victim"]))
            && let Some(noun) = next(k)
        {
            outweighs_subject = true;
            Some(format!("{} {}", t.text, noun.text))
        } else if t.is_in(&["earlier"])
            && next(1).is_some_and(|n| n.is_in(&["this"]))
            && next(2).is_some_and(|n| n.is_in(&["year", "month"]))
        {
            Some(format!(
                "{} this {}",
                t.text,
                next(2).map_or("", |n| n.text)
            ))
        } else if t.is_in(&["in"])
            && let Some(m) = next(1).and_then(month_number)
            && let Some((_, Some(doc_month))) = year
            // "in January", in a story filed in March: another time, another event. The
            // story's own month is the story's, and so is the month before it in a story
            // filed in the first ten days of a month (not "In December" on January 26).
            && m != doc_month
            && (m != if doc_month == 1 { 12 } else { doc_month - 1 }
                || when.date.is_some_and(|(_, _, day)| day > 10))
            // "in March 2024" is dated by its year above; "in March 3" is a day.
            && !(2..=3)
                .filter_map(&next)
                .take_while(|n| n.word || n.is_punct("."))
                .any(|n| n.text.bytes().all(|b| b.is_ascii_digit()))
        {
            // A month alone is a weak date: an explainer filed in March still says "in
            // January" of the event it explains.
            named_month = true;
            relative = true;
            Some(format!("{} {}", t.text, next(1).map_or("", |n| n.text)))
        } else if t.is_in(&["after"])
            && let Some(k) = (1..=6).find(|&k| {
                i.checked_sub(k)
                    .and_then(|j| tokens.get(j))
                    .is_some_and(|b| b.is_in(&["comes", "came", "come", "coming"]))
            })
            && tokens[i + 1 - k..i].iter().all(|b| b.word)
            && !next(1).is_some_and(|n| n.is_in(&["the", "this", "that", "his", "her", "their"]))
        {
            // "The shooting came after a gunman killed 49 in Orlando", "This comes weeks
            // after a man was killed", "comes a little over a month after": what came before is another event ("The arrest came
            // after the shooting" is this one), even where it names the subject.
            Some(format!("{} … {}", tokens[i - k].text, t.text))
        } else if t.is_in(&["a", "an"])
            && next(1).is_some_and(|n| month_number(n).is_some())
            && let Some(noun) = next(2).filter(|n| n.is_in(EVENT_NOUNS))
        {
            // "a December shooting": an event brought in by its month is another one than
            // the story's, even in the month before the story's. A day makes it as often the
            // story's own event in a later piece ("sentenced for an April 7 shooting"), and
            // so does "last week" ("arrested in a shooting that killed three last week").
            Some(format!(
                "{} {} {}",
                t.text,
                next(1).map_or("", |n| n.text),
                noun.text
            ))
        } else if t.is_in(&["previously", "anniversary"]) {
            Some(t.text.to_string())
        } else if t.is_in(&["last"])
            && next(1).is_some_and(|n| n.is_in(&["week", "week's"]))
            && let (Some(date), Some(story_day)) = (when.date, when.story_day)
            && days::named_day(tokens, i, date).is_some_and(|(day, _)| story_day - day >= 2)
        {
            // "a vigil for a man killed last week", in a story whose lead dates its event in
            // this week: another event. A later piece that says "last week" of its own event
            // says so in its lead (then the story's day is a week back, and this is not
            // before it). A day the story's day rules out outweighs a subject named in the
            // clause ("police identified two people killed last week in Dunmore").
            relative = true;
            outweighs_subject = true;
            Some(format!("{} {}", t.text, next(1).map_or("", |n| n.text)))
        } else if t.is_in(&["last"])
            && next(1).is_some_and(|n| n.is_in(&["year", "year's", "month", "month's"]))
        {
            // Not "last week" nor "last August": in a later piece about the story's event
            // (an arrest, a trial) "killed last August" is that event.
            relative = true;
            Some(format!("{} {}", t.text, next(1).map_or("", |n| n.text)))
        } else if t.is_in(&["ago", "earlier"]) && before.is_some_and(|b| b.is_in(LONG_AGO)) {
            // "two years ago", "a year earlier" (not "minutes earlier": the same event).
            // "Earlier" counts from a time the story gave before, never from its date.
            relative = t.is_in(&["ago"]);
            Some(format!("{} {}", before.map_or("", |b| b.text), t.text))
        } else if t.is_in(&["after", "before"])
            && before.is_some_and(|b| b.is_in(LONG_AGO))
            && i >= 2
            && tokens.get(i - 2).is_some_and(|n| {
                n.is_in(&["a", "an", "few", "several"])
                    || super::implicit::is_number_word(n)
                    || n.text.bytes().all(|b| b.is_ascii_digit())
            })
            // "eight months after a bystander was killed": an indefinite noun brings in
            // another event; "two weeks after the shooting" is this one, and so are days
            // ("one day after a shooting spree ended").
            && next(1).is_some_and(|n| n.is_in(&["a", "an"]))
        {
            named_month = true;
            Some(format!(
                "{} {} {}",
                tokens[i - 2].text,
                tokens[i - 1].text,
                t.text
            ))
        } else if t.is_in(&["ago"])
            // "a year and a half ago"
            && before.is_some_and(|b| b.is_in(&["half"]))
            && tokens[i.saturating_sub(5)..i]
                .iter()
                .any(|b| b.is_in(&["year", "years"]))
            || t.is_in(&["since"])
                && tokens[i.saturating_sub(3)..i]
                    .iter()
                    .any(|b| b.is_in(SUPERLATIVES))
        {
            Some(format!("… {}", t.text))
        } else if let Some(y) = as_year(t)
            && let Some((doc_year, month)) = year
            && y != doc_year
            // A story filed early in a year still dates its event in the last one.
            && !(y == doc_year - 1 && month.is_some_and(|m| m <= 2))
            // "the 1990 law", "a 2004 Toyota": only a year that dates something, after a
            // preposition or a month, anchors.
            && let Some(b) = before
            && (b.is_in(PREPOSITIONS) || b.is_punct(",") || is_month(b))
        {
            Some(if b.word && !is_month(b) {
                format!("{} {}", b.text, t.text)
            } else {
                t.text.to_string()
            })
        } else {
            None
        };
        out[c as usize] = found.map(|words| Anchor {
            relative,
            decisive: outweighs_subject
                || !named_month && phrase_start(tokens, i).saturating_sub(clause_start) <= 1,
            words,
        });
    }
    out
}

/// A time at the end of a coordinated verb phrase dates the verbs before it too: in "killing
/// 12 and wounding 70 in a theater three years ago" the years are the killing's as much as the
/// wounding's. So a clause opened by "and" or "or" and a predicate at once (no subject of its
/// own) lends its anchor to the clause before it, when that one has none. A clause with its
/// own subject ("Three were killed Sunday and two died in 2005") lends nothing.
pub(super) fn share_trailing_times(
    anchors: &mut [Option<Anchor>],
    tokens: &[Token<'_>],
    opener: &[Option<usize>],
    in_predicate: &[bool],
) {
    for c in (1..anchors.len()).rev() {
        let Some(o) = opener.get(c).copied().flatten() else {
            continue;
        };
        let verb_phrase = tokens.get(o).is_some_and(|t| t.is_in(&["and", "or"]))
            && in_predicate.get(o + 1).copied().unwrap_or(false);
        if verb_phrase && anchors[c - 1].is_none() {
            anchors[c - 1] = anchors[c].clone();
        }
    }
}

/// In the lede, a time told from the story's date in passing is the story's own ("charged in
/// a shooting that killed three last month"): such anchors of clauses that start before
/// `lede_end` are dropped. One that opens its clause ("Three months ago, four died at the
/// fair") still frames another event.
pub(super) fn spare_the_lede(
    anchors: &mut [Option<Anchor>],
    tokens: &[Token<'_>],
    clause_of: &[u32],
    lede_end: usize,
) {
    for (i, (t, &c)) in tokens.iter().zip(clause_of).enumerate() {
        if t.start >= lede_end {
            break;
        }
        let opens = i == 0 || clause_of.get(i - 1) != Some(&c);
        if let Some(slot) = anchors.get_mut(c as usize).filter(|_| opens)
            && slot.as_ref().is_some_and(|a| a.relative && !a.decisive)
        {
            *slot = None;
        }
    }
}

/// The words with which a paragraph turns to other events than the story's, if it opens
/// with them: "In a separate incident", "In another shooting Monday", "In other shootings",
/// "Separately,", "Elsewhere". ("In another video" turns nowhere: the noun must be an event's.)
pub(super) fn opens_elsewhere(tokens: &[Token<'_>]) -> Option<String> {
    let start = usize::from(tokens.first().is_some_and(|t| t.is_in(&["and", "but"])));
    let first = tokens.get(start)?;
    if first.is_in(&["separately", "elsewhere"])
        && tokens
            .get(start + 1)
            .is_some_and(|n| n.is_punct(",") || n.is_in(&["in", "on"]))
    {
        return Some(first.text.to_string());
    }
    if !first.is_in(&["in"]) {
        return None;
    }
    let other = (start + 1..start + 3)
        .find(|&k| tokens.get(k).is_some_and(|t| t.is_in(OTHER_EVENT_WORDS)))?;
    let noun = (other + 1..other + 4)
        .map_while(|k| tokens.get(k).filter(|t| t.word))
        .find(|t| t.is_in(EVENT_NOUNS))?;
    Some(format!(
        "{} {} … {}",
        first.text, tokens[other].text, noun.text
    ))
}

/// The words with which a paragraph says that other events happened besides the story's
/// ("Several other incidents were reported across the county"), if it says so: the story
/// tells of them after it.
pub(super) fn tells_of_other_events(tokens: &[Token<'_>]) -> Option<String> {
    tokens.iter().enumerate().find_map(|(i, t)| {
        let noun = tokens
            .get(i + 1)
            .filter(|n| n.is_in(EVENT_NOUNS) && n.text.ends_with('s'))?;
        let reported =
            (i + 2..i + 5).any(|k| tokens.get(k).is_some_and(|r| r.is_in(&["reported"])));
        (t.is_in(&["other", "separate", "unrelated"]) && reported)
            .then(|| format!("{} {} … reported", t.text, noun.text))
    })
}

/// Where the time phrase that ends or starts at anchor word `i` begins: "a year and a half
/// ago", "three months ago", "in 2005" (the preposition is allowed for by the caller).
fn phrase_start(tokens: &[Token<'_>], i: usize) -> usize {
    const TIME_WORDS: &[&str] = &[
        "a", "an", "and", "half", "year", "years", "decade", "decades", "few", "several", "couple",
        "of", "nearly", "about", "almost", "more", "than", "over",
    ];
    let Some(t) = tokens.get(i) else {
        return i;
    };
    if as_year(t).is_some() {
        // "August 1982", "March 3, 2011": the month and day before the year.
        return (i.saturating_sub(4)..i)
            .find(|&k| tokens.get(k).is_some_and(is_month))
            .unwrap_or(i);
    }
    if !t.is_in(&["ago"]) {
        return i;
    }
    let mut start = i;
    while start > 0
        && tokens.get(start - 1).is_some_and(|b| {
            b.is_in(TIME_WORDS) || b.is_in(LONG_AGO) || super::implicit::is_number_word(b)
        })
    {
        start -= 1;
    }
    start
}

/// A year between 1900 and 2099 written as four digits.
fn as_year(t: &Token<'_>) -> Option<i32> {
    let b = t.text.as_bytes();
    if b.len() != 4 || !b.iter().all(u8::is_ascii_digit) || !matches!(&b[..2], b"19" | b"20") {
        return None;
    }
    t.text.parse().ok()
}

/// The month (1–12) a capitalized month name stands for.
pub(super) fn month_number(t: &Token<'_>) -> Option<u8> {
    if !t.text.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let lower = t.text.to_ascii_lowercase();
    let i = crate::extract::number::MONTHS
        .iter()
        .position(|m| lower.trim_end_matches('.') == *m)?;
    // MONTHS lists the twelve names, then their abbreviations ("may" has none; "sep" and
    // "sept" are both September).
    const ABBREVIATED: [u8; 12] = [1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12];
    match i {
        0..=11 => u8::try_from(i + 1).ok(),
        _ => ABBREVIATED.get(i - 12).copied(),
    }
}

fn is_month(t: &Token<'_>) -> bool {
    t.is_in(crate::extract::number::MONTHS)
}

/// The event of every clause for one rule: `names_subject[c]` says whether clause `c` names
/// the rule's subject, `anchors` comes from [`anchors`], and `opens_paragraph[c]` whether
/// clause `c` is the first of its paragraph (where the walk returns to the story's event).
pub(super) fn walk(
    names_subject: &[bool],
    anchors: &[Option<Anchor>],
    opens_paragraph: &[bool],
) -> Vec<Event> {
    let mut state = Event::Inherited;
    let mut out = Vec::with_capacity(anchors.len());
    for (c, anchor) in anchors.iter().enumerate() {
        if opens_paragraph.get(c).copied().unwrap_or(false) {
            state = Event::Inherited;
        }
        let names = names_subject.get(c).copied().unwrap_or(false);
        match anchor {
            Some(a) if a.decisive || !names => state = Event::Other(a.words.clone()),
            _ if names => state = Event::Subject,
            _ => {}
        }
        out.push(state.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::bind::tokens::tokens;
    use crate::source::offsets::TextRange;

    /// A story filed in June 2016, day unknown.
    fn june_2016() -> When {
        When {
            year: Some((2016, Some(6))),
            ..When::default()
        }
    }

    /// The anchor of each sentence of `text` read as one clause.
    fn anchor_of(text: &str) -> Option<String> {
        let toks = tokens(text, TextRange::new(0, text.len()));
        let clause_of = vec![0; toks.len()];
        anchors(&toks, &clause_of, june_2016())
            .into_iter()
            .next()
            .flatten()
            .map(|a| a.words)
    }

    #[test]
    fn anchors_table() {
        let cases: &[(&str, Option<&str>)] = &[
            ("in 2005 four people were killed", Some("in 2005")),
            ("on March 3, 2011 two died", Some("2011")),
            ("in another shooting two died", Some("another shooting")),
            ("a similar attack killed three", Some("similar attack")),
            ("in an unrelated fatal crash", Some("unrelated crash")),
            ("on the anniversary one died", Some("anniversary")),
            ("last year's shooting left two dead", Some("last year's")),
            ("last month a boy was killed", Some("last month")),
            // In a later piece (a trial), "last August" is as often the story's own event.
            ("he was killed last August outside a store", None),
            (
                "where five were hurt in a May shooting",
                Some("a May shooting"),
            ),
            // A day, or "last week", is as often the story's event in a later piece.
            ("jailed for an April 7 shooting that killed one", None),
            ("arrested in a shooting that killed three last week", None),
            ("earlier this year three died", Some("earlier this year")),
            ("he had previously shot two men", Some("previously")),
            ("two were shot in January", Some("in January")),
            (
                "two other shootings left three hurt",
                Some("other shootings"),
            ),
            // The story's month, the month before it, a day, a victim of this event.
            ("two were shot in June", None),
            ("two were shot in May", None),
            ("two were shot in Jan. 4", None),
            ("another shooting victim died", None),
            ("two years ago a man was killed", Some("years ago")),
            ("a year and a half ago a boy was killed", Some("… ago")),
            ("the deadliest since the mall attack", Some("… since")),
            // Not anchors: the story's own year, a year that names no time, other words.
            ("in 2016 four people were killed", None),
            ("a 2004 Toyota was found", None),
            ("since Sunday two more have died", None),
            ("two other people were hurt", None),
            ("another man was wounded", None),
            ("earlier on Sunday one man died", None),
        ];
        for (text, want) in cases {
            assert_eq!(anchor_of(text).as_deref(), *want, "{text:?}");
        }
        // Early in a year, last year's date is still the story's.
        let toks = tokens("on Dec. 30, 2015 two died", TextRange::new(0, 25));
        let early = anchors(
            &toks,
            &vec![0; toks.len()],
            When {
                year: Some((2016, Some(1))),
                ..When::default()
            },
        );
        assert_eq!(early, vec![None]);
    }

    #[test]
    fn paragraphs_that_turn_the_story_to_other_events() {
        let turn = |text: &str| {
            let toks = tokens(text, TextRange::new(0, text.len()));
            opens_elsewhere(&toks).or_else(|| tells_of_other_events(&toks))
        };
        let cases: &[(&str, Option<&str>)] = &[
            (
                "In a separate shooting, a man was hurt",
                Some("In separate … shooting"),
            ),
            (
                "And in another Monday incident two were hurt",
                Some("in another … incident"),
            ),
            ("In other shootings:", Some("In other … shootings")),
            ("Separately, two men were shot", Some("Separately")),
            ("Elsewhere in the city a boy was hurt", Some("Elsewhere")),
            (
                "Several other incidents were reported at schools",
                Some("other incidents … reported"),
            ),
            // Not an event's noun, not at the paragraph's start, not a turn at all.
            ("In another video, a man runs past", None),
            ("Police said another shooting was likely", None),
            ("Elsewhere is a word too", None),
            ("Other incidents are under review", None),
        ];
        for (text, want) in cases {
            assert_eq!(turn(text).as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn walk_holds_an_anchor_until_the_subject_and_resets_per_paragraph() {
        let names = [true, false, false, false, true, false];
        let in_2005 = Some(Anchor {
            words: "in 2005".into(),
            decisive: false,
            relative: false,
        });
        let anchors = [None, in_2005, None, None, None, None];
        let opens = [true, false, false, true, false, false];
        let events = walk(&names, &anchors, &opens);
        assert_eq!(
            events,
            [
                Event::Subject,
                Event::Other("in 2005".into()),
                Event::Other("in 2005".into()),
                Event::Inherited,
                Event::Subject,
                Event::Subject,
            ]
        );
    }

    #[test]
    fn a_fronted_time_outweighs_the_subject_in_its_clause() {
        let clause = |text: &str| {
            let toks = tokens(text, TextRange::new(0, text.len()));
            let anchors = anchors(&toks, &vec![0; toks.len()], june_2016());
            walk(&[true], &anchors, &[true]).remove(0)
        };
        assert_eq!(
            clause("August 1982: eight were killed at a Dunmore shop"),
            Event::Other("1982".into())
        );
        assert_eq!(
            clause("A year and a half ago a boy was killed in Dunmore"),
            Event::Other("… ago".into())
        );
        assert_eq!(
            clause("six died on Wednesday, July 9, 2014, in Dunmore"),
            Event::Subject
        );
        assert_eq!(
            clause("In January a bomb in Dunmore killed 90"),
            Event::Subject
        );
        assert_eq!(
            clause("three were hurt in another Dunmore shooting"),
            Event::Other("another shooting".into())
        );
    }
}
