//! Quantifier shapes that make a governed count something other than the fact's value.
//!
//! A predicate may govern a count that is still not the figure for the event:
//!
//! - a **subset** (partitive): "killed three of his five victims", "two of the attackers";
//! - an **addition**: "N others", "N more" after an earlier count of the same fact ("two died
//!   at the scene and two others in hospital" — neither figure is the toll);
//! - an **aggregate** over a wider scope: the sentence counts several events or a period
//!   ("in shootings across the city", "this weekend", "so far this year", "in two separate
//!   shootings", "a series of shootings", "nationwide").
//!
//! Each is a rejection with its reason. Aggregate markers are found once per sentence, in one
//! pass over the region's tokens.

use super::lexicon::{DETERMINERS, PEOPLE_NOUNS, PREPOSITIONS};
use super::predicates::{Count, Predicate};
use super::region::RegionView;
use super::tokens::{Token, is_in};
use crate::rules::RuleIdx;
use crate::source::offsets::TextRange;

/// Plural nouns of events: a count of them makes the sentence an aggregate ("in two
/// shootings", "separate attacks").
const EVENT_PLURALS: &[&str] = &[
    "shootings",
    "attacks",
    "incidents",
    "bombings",
    "crashes",
    "collisions",
    "fires",
    "explosions",
    "blasts",
    "raids",
    "strikes",
    "accidents",
    "stabbings",
    "clashes",
];

/// Words a few words before an event plural that count several events ("several Fourth of
/// July shootings").
const SEVERAL: &[&str] = &[
    "separate",
    "several",
    "multiple",
    "different",
    "various",
    "unrelated",
    "dozens",
    "numerous",
    "series",
    "string",
    "spate",
    "wave",
    "rash",
    "pair",
];

/// Number words right before an event plural ("two shootings").
const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// Places and periods that widen a count past one event.
const WIDE_SCOPES: &[&[&str]] = &[
    &["across", "the", "city"],
    &["across", "the", "country"],
    &["across", "the", "state"],
    &["across", "the", "region"],
    &["around", "the", "city"],
    &["throughout", "the", "city"],
    &["so", "far", "this"],
    &["so", "far", "in"],
    &["this", "weekend"],
    &["this", "year"],
    &["this", "month"],
    &["last", "weekend"],
    &["over", "the", "weekend"],
    &["holiday", "weekend"],
    &["in", "gun", "violence"],
    &["nationwide"],
    &["statewide"],
    &["citywide"],
    &["year", "to", "date"],
    // "has claimed two lives over the past couple of years", "in the last 17 months".
    &["over", "the", "past"],
    &["in", "the", "past"],
    &["over", "the", "last"],
    &["in", "the", "last"],
    &["during", "the", "past"],
    // A roundup: "a violent night leaves two dead and six wounded".
    &["violent", "night"],
    &["violent", "weekend"],
    &["violent", "day"],
    &["bloody", "weekend"],
    &["bloody", "night"],
    &["weekend", "of", "violence"],
    &["night", "of", "violence"],
    &["weekend", "violence"],
];

/// Units of a period that, counted ("within four hours", "in two days"), make a count the
/// period's total.
const PERIOD_UNITS: &[&str] = &["hours", "days", "nights", "weeks"];

/// A number written as digits ("4"), or as a word from two to ten ("four").
fn is_numeral(t: &Token<'_>) -> bool {
    t.text.bytes().all(|b| b.is_ascii_digit()) || t.is_in(NUMBER_WORDS)
}

/// For each sentence number, the words of the first aggregate marker in it, if any.
pub(super) fn aggregates(tokens: &[Token<'_>], sentence_of: &[u32]) -> Vec<Option<String>> {
    let sentences = sentence_of.last().map_or(0, |&s| s as usize + 1);
    let mut out: Vec<Option<String>> = vec![None; sentences];
    for (i, t) in tokens.iter().enumerate() {
        if !t.word {
            continue;
        }
        let Some(&s) = sentence_of.get(i) else {
            continue;
        };
        if out[s as usize].is_some() {
            continue;
        }
        // Compared in place, without allocating: most tokens match no scope's first word.
        let found = WIDE_SCOPES.iter().find_map(|scope| {
            let run = tokens.get(i..i + scope.len())?;
            let same = run.iter().zip(scope.iter()).enumerate().all(|(k, (t, w))| {
                t.text.eq_ignore_ascii_case(w) && sentence_of.get(i + k) == Some(&s)
            });
            same.then(|| run.iter().map(|t| t.text).collect::<Vec<_>>().join(" "))
        });
        let found = found.or_else(|| {
            // "two shootings"; "several Fourth of July shootings" (a word, not a number, may
            // stand a few words before).
            let numeral = is_numeral(t);
            let counted = numeral || t.is_in(SEVERAL);
            // A numeral counts the plural after a few lowercase words ("two deadly
            // shootings", "two apparently random roadway shootings").
            let reach = 4;
            let plural = (1..=reach)
                .filter_map(|k| {
                    tokens
                        .get(i + k)
                        .filter(|_| sentence_of.get(i + k) == Some(&s))
                })
                // Not past a preposition: in "7 hurt after shootings" the 7 counts the hurt.
                .take_while(|n| {
                    n.word
                        && !n.is_in(PREPOSITIONS)
                        && !(numeral && n.text.starts_with(char::is_uppercase))
                })
                .find(|n| n.is_in(EVENT_PLURALS));
            let plural = plural.filter(|_| counted)?;
            let adjacent = tokens.get(i + 1).is_some_and(|n| n.start == plural.start);
            let gap = if adjacent { " " } else { " … " };
            Some(format!("{}{gap}{}", t.text, plural.text))
        });
        // "a string of three shooting deaths", "a rash of five killings": a count of events'
        // victims, one after another.
        let found = found.or_else(|| {
            let of = tokens.get(i + 1).filter(|n| n.is_in(&["of"]))?;
            let n = tokens
                .get(i + 2)
                .filter(|n| sentence_of.get(i + 2) == Some(&s) && is_numeral(n))?;
            t.is_in(&["string", "series", "spate", "wave", "rash"])
                .then(|| format!("{} {} {}", t.text, of.text, n.text))
        });
        // "in shootings", "in Wednesday shootings", "a series of overnight shootings".
        let found = found.or_else(|| {
            if !t.is_in(EVENT_PLURALS) && !t.text.to_ascii_lowercase().ends_with("shooting's") {
                return None;
            }
            let before = tokens[i.saturating_sub(4)..i]
                .iter()
                .rev()
                .find(|b| b.is_in(&["in", "series", "spate", "string", "wave", "pair"]))?;
            Some(format!("{} … {}", before.text, t.text))
        });
        // "across Chicago", "across the Bronx and Brooklyn": a count over a named area.
        let found = found.or_else(|| {
            if !t.is_in(&["across", "throughout"]) {
                return None;
            }
            let the = tokens.get(i + 1).is_some_and(|n| n.is_in(&["the"]));
            let k = i + 1 + usize::from(the);
            let place = tokens
                .get(k)
                .filter(|_| sentence_of.get(k) == Some(&s))
                .filter(|n| n.word && n.text.starts_with(|c: char| c.is_uppercase()))?;
            let the = if the { " the" } else { "" };
            Some(format!("{}{the} {}", t.text, place.text))
        });
        // "since 1966", "since Aug. 1, 1966", "since January": a count over a period.
        let found = found.or_else(|| {
            let next = tokens
                .get(i + 1)
                .filter(|_| t.is_in(&["since"]) && sentence_of.get(i + 1) == Some(&s))?;
            let year = next.text.len() == 4
                && next.text.bytes().all(|b| b.is_ascii_digit())
                && matches!(&next.text[..2], "19" | "20");
            let month = next.text.starts_with(char::is_uppercase)
                && next.is_in(crate::extract::number::MONTHS);
            (year || month).then(|| format!("{} {}", t.text, next.text))
        });
        // "within four hours", "in 2 days": several hours or days make a period's total
        // ("since Monday" does not: "in hospital since Monday").
        let found = found.or_else(|| {
            let same = |k: usize| tokens.get(k).filter(|_| sentence_of.get(k) == Some(&s));
            let next = same(i + 1)?;
            let unit = same(i + 2)?;
            let counted = is_numeral(next) && next.text != "1" || next.is_in(&["several", "few"]);
            (t.is_in(&["within", "in", "over"]) && counted && unit.is_in(PERIOD_UNITS))
                .then(|| format!("{} {} {}", t.text, next.text, unit.text))
        });
        // "in November alone", "this year alone": a period's total.
        let found = found.or_else(|| {
            let before = tokens.get(i.checked_sub(1)?)?;
            let period = before.is_in(&["year", "month", "week", "weekend", "summer", "weekend's"])
                || before.is_in(crate::extract::number::MONTHS);
            (t.is_in(&["alone"]) && period).then(|| format!("{} {}", before.text, t.text))
        });
        out[s as usize] = found;
    }
    out
}

/// Whether an aggregate marker ([`aggregates`]) counts over several events or places ("two
/// shootings", "across the city", "nationwide") rather than over a period ("this weekend",
/// "this month"), which a story of one event names as its own time as often as not.
pub(super) fn spans_events_or_places(marker: &str) -> bool {
    marker.split_whitespace().any(|w| {
        let w = w.to_ascii_lowercase();
        EVENT_PLURALS.contains(&w.as_str())
            || matches!(
                w.as_str(),
                "across" | "throughout" | "nationwide" | "statewide" | "citywide"
            )
    })
}

/// "three of his five victims", "two of the attackers": the count is a part. Returns the
/// words that say so.
pub(super) fn partitive(tokens: &[Token<'_>], last: usize) -> Option<String> {
    let of = tokens.get(last + 1)?;
    let next = tokens.get(last + 2)?;
    let whose = next.is_in(DETERMINERS)
        || next.is_in(&["them", "those", "whom", "which"])
        || next.text.bytes().all(|b| b.is_ascii_digit());
    (of.is_in(&["of"]) && next.word && whose).then(|| format!("of {}", next.text))
}

/// Whether the count at tokens `first..=last` adds to another: followed by "others", "more"
/// or "additional" ("two others"), or "another (man)" itself.
pub(super) fn is_addition(tokens: &[Token<'_>], first: usize, last: usize) -> bool {
    tokens.get(first).is_some_and(|t| t.is_in(&["another"]))
        || tokens
            .get(last + 1)
            .is_some_and(|t| t.is_in(&["others", "more", "additional", "other"]))
}

/// Words that make the count at tokens `first..=last` a part of a set: joined to people named
/// before it as the subject of one predicate ("Ann and Bob, along with four children, were
/// killed"), or the rest of a set partly counted before ("the four remaining victims", "the
/// six others").
pub(super) fn part_of_a_set(tokens: &[Token<'_>], first: usize, last: usize) -> Option<String> {
    const JOINED: &[&[&str]] = &[
        &["along", "with"],
        &["together", "with"],
        &["in", "addition", "to"],
    ];
    if let Some(rest) = tokens.get(last + 1).filter(|t| t.is_in(&["remaining"])) {
        return Some(rest.text.to_string());
    }
    // "the six others wounded were treated": the rest of a set, the others told first.
    let the = first.checked_sub(1).and_then(|k| tokens.get(k));
    if let Some(the) = the.filter(|t| t.is_in(&["the"]))
        && let Some(others) = tokens
            .get(last + 1)
            .filter(|t| t.is_in(&["others", "other"]))
    {
        return Some(format!("{} … {}", the.text, others.text));
    }
    JOINED.iter().find_map(|words| {
        let start = first.checked_sub(words.len())?;
        let run = tokens.get(start..first)?;
        run.iter()
            .zip(words.iter())
            .all(|(t, w)| t.text.eq_ignore_ascii_case(w))
            .then(|| words.join(" "))
    })
}

/// "then killed three more people": a count followed by "more" or "additional" (or "also" in
/// its next words: "Girl Hurt, 2 Men Also Wounded"), in a sentence that says the same fact of
/// someone before it (another predicate of `rule` before `p`), is
/// an addition to them. ("killed three officers and wounded three more" is the whole count of
/// the wounded: the earlier predicate is another fact's.)
pub(super) fn more_of_the_same(
    view: &RegionView<'_>,
    p: &Predicate,
    count: &Count,
    rule: RuleIdx,
) -> Option<String> {
    // "three more", "two additional victims", "2 Men Also Wounded", "two were also hurt".
    let more = (count.last + 1..count.last + 4)
        .map_while(|k| view.tokens.get(k).filter(|t| t.word))
        .take_while(|t| !t.is_in(&["and", "or", "but"]))
        .enumerate()
        .find(|(k, t)| *k == 0 && t.is_in(&["more", "additional"]) || t.is_in(&["also"]))
        .map(|(_, t)| t)?;
    let sentence = view.sentence_of.get(count.first)?;
    let said_before = view.predicates.iter().any(|q| {
        q.first < count.first
            && q.first != p.first
            && q.rules.contains(&rule)
            && view.sentence_of.get(q.first) == Some(sentence)
    });
    said_before.then(|| format!("{} …", more.text))
}

/// "Four people were wounded or killed": a count of either of two facts is a count of
/// neither. Returns the words when the predicate `p` is joined by `or` to a predicate of
/// another fact (or to a verb no rule of `rule`'s names).
pub(super) fn either_or(view: &RegionView<'_>, p: &Predicate, rule: RuleIdx) -> Option<String> {
    let tokens = &view.tokens;
    let preds = &view.predicates;
    let at = preds.partition_point(|q| q.first < p.first);
    let before = at.checked_sub(1).and_then(|k| preds.get(k));
    let after = preds.get(at..)?.iter().find(|q| q.first > p.last);
    let joined = |a: &Predicate, b: &Predicate| {
        b.first == a.last + 2 && tokens.get(a.last + 1).is_some_and(|t| t.is_in(&["or"]))
    };
    let other = before
        .filter(|q| joined(q, p))
        .or_else(|| after.filter(|q| joined(p, q)))
        .filter(|q| !q.rules.contains(&rule))?;
    let (a, b) = if other.first < p.first {
        (other, p)
    } else {
        (p, other)
    };
    Some(format!(
        "a count of either (`{} or {}`)",
        super::predicates::name(view, a),
        super::predicates::name(view, b)
    ))
}

/// Words that bring in one more of a fact already counted: "and a third died later".
const ONE_MORE: &[&str] = &["another", "second", "third", "fourth", "fifth", "others"];

/// "Two men were pronounced dead at the scene, and the third person died later", "three boys
/// were wounded and a girl was critically injured": a count that its sentence goes on to add
/// to, with the same fact's cue, is a part. Returns the words that add. The scan stops at the
/// sentence's end or after a few dozen words; it starts after both the predicate and the
/// count (`count_last`), whose own words ("her and three other people") add nothing.
pub(super) fn more_follow(
    view: &RegionView<'_>,
    p: &Predicate,
    count_last: usize,
    rule: RuleIdx,
) -> Option<String> {
    const REACH: usize = 30;
    const GAP: usize = 6;
    let tokens = &view.tokens;
    let sentence = view.sentence_of.get(p.last)?;
    let preds = &view.predicates;
    let start = p.last.max(count_last) + 1;
    let end = (start + REACH).min(tokens.len());
    let adds = (start..end)
        .take_while(|&i| view.sentence_of.get(i) == Some(sentence))
        .find(|&i| {
            // "… and a girl was critically injured": one more person, joined to the count.
            let joined = tokens[i].is_in(&["a", "an"])
                && i.checked_sub(1)
                    .and_then(|k| tokens.get(k))
                    .is_some_and(|t| t.is_in(&["and", "while"]));
            // "three other people": more people, as "others" is.
            let other_people = tokens[i].is_in(&["other"])
                && tokens.get(i + 1).is_some_and(|n| n.is_in(PEOPLE_NOUNS));
            tokens[i].is_in(ONE_MORE) || joined || other_people
        })?;
    // "killing two and injuring nine others": the words belong to another fact's verb, in
    // their own clause before them ("wounding two, killing a woman and leaving three other
    // people injured" adds to the wounded).
    let from = preds.partition_point(|q| q.first <= p.last);
    let at = preds.partition_point(|q| q.first <= adds);
    let clause = view.clauses.of(adds);
    if preds[from..at].iter().any(|q| {
        !q.rules.is_empty() && !q.rules.contains(&rule) && view.clauses.of(q.first) == clause
    }) {
        return None;
    }
    let cue = preds[at..]
        .iter()
        .take_while(|q| q.first <= adds + GAP && view.sentence_of.get(q.first) == Some(sentence))
        .find(|q| q.rules.contains(&rule))?;
    // "… and an adult male were shot and killed": a list of people, the count again.
    if tokens[adds].is_in(&["a", "an"])
        && tokens
            .get(adds..cue.first)
            .is_some_and(|between| between.iter().any(|t| t.is_in(&["were", "are", "have"])))
    {
        return None;
    }
    Some(format!(
        "a part: the sentence adds more (`{} … {}`)",
        tokens[adds].text,
        super::predicates::name(view, cue)
    ))
}

/// How many counts on either side of a count are looked at for another of its sentence: a
/// run-on sentence of thousands of counts costs no more per count than prose does.
const NEAR_COUNTS: usize = 8;

/// The other counts of count `ci`'s sentence, among the nearest [`NEAR_COUNTS`] on either
/// side: each with its index and its governing predicates (`owners`).
fn others_in_sentence<'c>(
    view: &'c RegionView<'_>,
    counts: &'c [Count],
    owners: &'c [Vec<usize>],
    ci: usize,
) -> impl Iterator<Item = (usize, &'c Count, &'c [usize])> + 'c {
    let sentence = counts
        .get(ci)
        .and_then(|c| view.sentence_of.get(c.first))
        .copied();
    counts
        .iter()
        .zip(owners)
        .enumerate()
        .skip(ci.saturating_sub(NEAR_COUNTS))
        .take(2 * NEAR_COUNTS + 1)
        .filter(move |&(k, (c, _))| {
            k != ci && sentence.is_some() && view.sentence_of.get(c.first).copied() == sentence
        })
        .map(|(k, (c, own))| (k, c, own.as_slice()))
}

/// Pronouns that name again someone already counted: "a man was shot, and he died".
const SAME_PEOPLE: &[&str] = &[
    "he", "she", "him", "her", "they", "them", "it", "who", "whom", "both", "all", "each",
];

/// Nouns of kin and partners: "his wife", "the father" name someone of their own.
const KIN: &[&str] = &[
    "mother",
    "father",
    "mom",
    "dad",
    "parents",
    "son",
    "sons",
    "daughter",
    "daughters",
    "wife",
    "husband",
    "brother",
    "brothers",
    "sister",
    "sisters",
    "girlfriend",
    "boyfriend",
    "fiancee",
    "fiance",
    "grandmother",
    "grandfather",
    "grandson",
    "granddaughter",
    "stepfather",
    "stepmother",
    "stepson",
    "stepdaughter",
    "uncle",
    "aunt",
    "nephew",
    "niece",
    "cousin",
];

/// "killed his girlfriend and then fatally shot three men", "the two children died of their
/// wounds, and the father died of his own": the sentence states the same fact again, of other
/// people, in a clause that "and" or "then" joins — each count is a part of the toll. `ci` is
/// the count's index in `counts`, `p` its predicate, `owners` each count's governing
/// predicates; `elsewhere` says whether a count is another event's, or says the fact of the
/// subject itself as this count's clause does (neither is of other people: "the Dunmore
/// attack killed 40 and the Dunmore attack killed 41" are two claims of one toll).
/// The other clause names its own people by a count of its own or by kin ("his wife"); a
/// pronoun or "both" names the same people again, "one of them" a part of them, "the two
/// victims" those already counted, and a repeat word for word (a caption run into its text)
/// the same count.
pub(super) fn shared_with_another_verb(
    view: &RegionView<'_>,
    p: &Predicate,
    ci: usize,
    counts: &[Count],
    owners: &[Vec<usize>],
    rule: RuleIdx,
    elsewhere: impl Fn(usize) -> bool,
) -> Option<String> {
    const NEAR: usize = 8;
    let tokens = &view.tokens;
    let words = |c: &Count| {
        tokens
            .get(c.first..=c.last)
            .map(|ts| ts.iter().map(|t| t.text).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    let same_words = |a: &Count, b: &Count| {
        let at = |c: &Count| tokens.get(c.first..=c.last).unwrap_or(&[]);
        at(a).len() == at(b).len() && at(a).iter().zip(at(b)).all(|(x, y)| x.text == y.text)
    };
    let count = counts.get(ci)?;
    // "he died": someone counted before; "among three people wounded": a set that holds the
    // others already.
    let same_or_among = |c: &Count| {
        tokens.get(c.first).is_some_and(|t| t.is_in(SAME_PEOPLE))
            || c.first
                .checked_sub(1)
                .and_then(|k| tokens.get(k))
                .is_some_and(|t| t.is_in(&["among", "including"]))
    };
    if same_or_among(count) {
        return None;
    }
    let sentence = view.sentence_of.get(count.first)?;
    let own_clause = view.clauses.of(count.first.min(p.first));
    // The first token of the clause that holds a count and its verb.
    let starts = |c: &Count, q: &Predicate| c.first.min(q.first);
    let opened_by_and = |i: usize| {
        view.clauses
            .opened_by(i)
            .and_then(|o| tokens.get(o))
            .is_some_and(|t| t.is_in(&["and", "then"]))
    };
    // Another count of the sentence under another verb of the rule, in a clause of its own.
    let by_count = others_in_sentence(view, counts, owners, ci)
        .filter(|&(_, c, _)| c.last < count.first || count.last < c.first)
        .find_map(|(k, c, own)| {
            // (A predicate governs one count, so the other's is never `p`.)
            let q = super::predicates::of_rule(view, own, rule)?;
            let re_counted = tokens.get(c.first).is_some_and(|t| t.is_in(DETERMINERS))
                && tokens.get(c.first + 1).is_some_and(is_numeral);
            let joined = if c.first > count.first {
                opened_by_and(starts(c, q))
            } else {
                opened_by_and(starts(count, p))
            };
            (joined
                && view.clauses.of(starts(c, q)) != own_clause
                && !same_words(c, count)
                && !same_or_among(c)
                && !re_counted
                && partitive(tokens, c.last).is_none()
                && !elsewhere(k))
            .then(|| format!("{} {}", words(c), super::predicates::name(view, q)))
        });
    // Another verb of the rule whose clause names kin: "and then killed his wife".
    let by_kin = || {
        let at = view.predicates.partition_point(|q| q.first < p.first);
        let near = view.predicates[at.saturating_sub(NEAR)..]
            .iter()
            .take(2 * NEAR + 1);
        near.filter(|q| {
            q.first != p.first
                && q.rules.contains(&rule)
                && view.sentence_of.get(q.first) == Some(sentence)
                && view.clauses.of(q.first) != own_clause
        })
        .find_map(|q| {
            let joined = if q.first > p.first {
                opened_by_and(q.first)
            } else {
                opened_by_and(starts(count, p))
            };
            // Kin as the verb's subject ("the father died", not "the aunt of a slain man")
            // or its object ("killed his wife").
            let clause = view.clauses.of(q.first);
            let kin = (q.first.saturating_sub(6)..(q.last + 6).min(tokens.len()))
                .filter(|&i| view.clauses.of(i) == clause)
                .find(|&i| {
                    let subject_joined = || {
                        tokens.get(i + 1..q.first).is_some_and(|between| {
                            !between
                                .iter()
                                .any(|t| t.is_in(&["of"]) || t.is_in(PREPOSITIONS))
                        })
                    };
                    tokens[i].is_in(KIN)
                        && i.checked_sub(1)
                            .and_then(|k| tokens.get(k))
                            .is_some_and(|t| t.is_in(&["his", "her", "their", "the"]))
                        && (i > q.last || subject_joined())
                })?;
            joined.then(|| format!("{} {}", super::predicates::name(view, q), tokens[kin].text))
        })
    };
    let others = by_count.or_else(by_kin)?;
    Some(format!(
        "a part: the sentence counts others too (`{others}`)"
    ))
}

/// Adverbs of how badly someone was hurt: "two critically injured".
const SEVERITY: &[&str] = &["critically", "seriously", "severely", "gravely"];

/// "Four shot, two critically injured", "one critically wounded, and the three others are
/// stable": a count of the badly hurt is a part of everyone hurt, when the same sentence
/// counts the people shot apart from it, or goes on to "the N others". `ci` is the count's
/// index in `counts`, `owners` each count's governing predicates ([`super::predicates::govern`]).
pub(super) fn severity_subset(
    view: &RegionView<'_>,
    p: &Predicate,
    ci: usize,
    counts: &[Count],
    owners: &[Vec<usize>],
) -> Option<String> {
    let tokens = &view.tokens;
    let severity = p
        .first
        .checked_sub(1)
        .and_then(|k| tokens.get(k))
        .filter(|t| t.is_in(SEVERITY))?;
    let count = counts.get(ci)?;
    let sentence = view.sentence_of.get(count.first)?;
    let same_sentence = |i: usize| view.sentence_of.get(i) == Some(sentence);
    // Another count of the sentence that a verb of being shot governs: "Four shot, two
    // critically injured" before it, "in a shooting of five" after it — not the pronoun of
    // the same person ("a woman was critically injured when she was shot").
    let shot = others_in_sentence(view, counts, owners, ci).any(|(_, c, own)| {
        let pronoun = tokens
            .get(c.first)
            .is_some_and(|t| t.is_in(&["he", "she", "him", "her", "they", "them"]));
        !pronoun
            && own.iter().any(|&pi| {
                view.predicates.get(pi).is_some_and(|q| {
                    tokens.get(q.first).is_some_and(|t| {
                        t.is_in(&["shooting"]) || c.first < count.first && t.is_in(&["shot"])
                    })
                })
            })
    });
    // "… and the three others": the rest of the people hurt follow.
    let others = (p.last + 1..tokens.len())
        .take(24)
        .take_while(|&i| same_sentence(i))
        .any(|i| {
            tokens[i].is_in(&["the"])
                && (tokens
                    .get(i + 1)
                    .is_some_and(|t| t.is_in(&["other", "others"]))
                    || tokens.get(i + 2).is_some_and(|t| t.is_in(&["others"])))
        });
    (shot || others).then(|| {
        format!(
            "a subset: those `{} {}`",
            severity.text,
            super::predicates::name(view, p)
        )
    })
}

/// Adverbs of degree of hurt that make a count a subset of everyone hurt, for judging: the
/// badly hurt of [`SEVERITY`] and the lightly hurt.
const DEGREES_OF_HURT: &[&str] = &["badly", "slightly", "lightly", "mildly"];

/// Whether the count in `frame` counts only those hurt to some degree ("two were critically
/// wounded", "critically injuring one", "one person was seriously hurt"): the words say that
/// many were hurt so badly (or so lightly), not how many were hurt in all. Looks at the
/// frame's words and the one before it, where a degree adverb before a fronted cue stands.
pub fn counts_by_degree(text: &str, frame: TextRange) -> bool {
    // Only the word right before the frame, in the same sentence: "critically wounding two",
    // not the last word of the paragraph before.
    let before = text
        .get(..frame.start)
        .and_then(|t| t.strip_suffix(' '))
        .and_then(|t| t.rsplit(' ').next())
        .filter(|w| w.chars().all(char::is_alphabetic))
        .unwrap_or("");
    let inside = text.get(frame.range()).unwrap_or("");
    std::iter::once(before)
        .chain(inside.split_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .any(|w| is_in(SEVERITY, w) || is_in(DEGREES_OF_HURT, w))
}

/// Places that count the dead of one place, right after a death's cue: "pronounced dead at
/// the scene", "died in hospital". Each is matched on the lowercase words after the frame.
const PLACES_OF_DEATH: &[&[&str]] = &[
    &["at", "the", "scene"],
    &["on", "the", "scene"],
    &["at", "the", "hospital"],
    &["at", "a", "hospital"],
    &["at", "a", "local", "hospital"],
    &["at", "an", "area", "hospital"],
    &["in", "hospital"],
    &["in", "the", "hospital"],
    &["on", "the", "way", "to"],
    &["en", "route", "to"],
];

/// Rooms and vehicles: the people found in one of them are some of those of the event
/// ("found two men dead in the living room", "one woman was dead in the car").
const ROOMS_AND_VEHICLES: &[&str] = &[
    "room", "bedroom", "kitchen", "basement", "garage", "car", "vehicle", "van", "suv", "truck",
];

/// Whether the count in `frame` counts the people of one place ("two were pronounced dead at
/// the scene", "one died at a local hospital", "two men dead in the living room"): those, not
/// how many in all, since others may have died or been hurt elsewhere. Looks at the words
/// right after the frame.
pub fn counts_by_place(text: &str, frame: TextRange) -> bool {
    // The first four words after the frame, punctuation trimmed; "" past the text's end,
    // which no place word matches.
    let mut words = [""; 4];
    let after = text.get(frame.end..).unwrap_or("");
    for (slot, w) in words.iter_mut().zip(after.split_whitespace()) {
        *slot = w.trim_end_matches(|c: char| !c.is_alphanumeric());
    }
    // "in the car", "inside their van", "in the living room" (one word may stand between).
    let in_a_room = is_in(&["in", "inside"], words[0])
        && is_in(&["the", "a", "an", "his", "her", "their"], words[1])
        && (is_in(ROOMS_AND_VEHICLES, words[2]) || is_in(ROOMS_AND_VEHICLES, words[3]));
    in_a_room
        || PLACES_OF_DEATH.iter().any(|place| {
            place
                .iter()
                .zip(&words)
                .all(|(p, w)| p.eq_ignore_ascii_case(w))
        })
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokens;
    use super::*;
    use crate::source::offsets::TextRange;

    fn marker(text: &str) -> Option<String> {
        let toks = tokens(text, TextRange::new(0, text.len()));
        let sentence = vec![0; toks.len()];
        aggregates(&toks, &sentence).pop().flatten()
    }

    #[test]
    fn aggregate_markers_of_periods_and_kinds() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "20 hurt in several Fourth of July shootings",
                Some("several … shootings"),
            ),
            (
                "the feud has claimed two lives over the past two years",
                Some("over the past"),
            ),
            (
                "eight children were hurt in the last 17 months",
                Some("in the last"),
            ),
            (
                "At least 80 were killed in November alone",
                Some("November alone"),
            ),
            (
                "70 people wounded over the holiday weekend",
                Some("holiday weekend"),
            ),
            ("9 killed in gun violence", Some("in gun violence")),
            (
                "8 killed in Labor Day weekend shootings",
                Some("in … shootings"),
            ),
            // A number must stand right before the plural; a lone victim is no period.
            ("two people were killed in the shooting", None),
            ("he was left alone at home", None),
            (
                "violence across the Bronx left 3 dead",
                Some("across the Bronx"),
            ),
            ("12 shot across Chicago", Some("across Chicago")),
            ("a man across the street was hurt", None),
            (
                "a violent night leaves two dead and six hurt",
                Some("violent night"),
            ),
            (
                "five were killed within four hours Saturday",
                Some("within four hours"),
            ),
            ("3 dead, 6 hurt in 2 days", Some("in 2 days")),
            // An hour is no period of several events; nor is a count of minutes.
            ("two died within 1 hours", None),
            ("two died within 10 minutes", None),
        ];
        for (text, want) in cases {
            assert_eq!(marker(text).as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn aggregate_markers() {
        assert_eq!(
            marker("4 killed in shootings across the city").as_deref(),
            Some("in … shootings")
        );
        assert_eq!(
            marker("two separate shootings left 6 hurt").as_deref(),
            Some("two … shootings")
        );
        assert_eq!(
            marker("So far this year 40 have died").as_deref(),
            Some("So far this")
        );
        assert_eq!(
            marker("4 killed across the city").as_deref(),
            Some("across the city")
        );
        assert_eq!(
            marker("Two deadly shootings in the city left two dead").as_deref(),
            Some("Two … shootings")
        );
        assert_eq!(
            marker("where four or more people died since Aug. 1, 1966").as_deref(),
            Some("since Aug")
        );
        assert_eq!(
            marker("12 have been killed since 2014").as_deref(),
            Some("since 2014")
        );
        assert_eq!(marker("Two Chicago shootings"), None);
        assert_eq!(
            marker("He has been in hospital since Monday, and 2 died"),
            None
        );
        assert_eq!(marker("A shooting at a bar left 2 dead"), None);
        assert_eq!(marker("The attack killed 5 in the city"), None);
    }

    #[test]
    fn partitives_and_additions() {
        let text = "killed three of his five victims and two of 9 and 4 others and 5 of whom";
        let toks = tokens(text, TextRange::new(0, text.len()));
        let at = |w: &str| toks.iter().position(|t| t.text == w).unwrap();
        assert_eq!(partitive(&toks, at("three")).as_deref(), Some("of his"));
        assert_eq!(partitive(&toks, at("two")).as_deref(), Some("of 9"));
        assert_eq!(partitive(&toks, at("five")), None);
        assert!(is_addition(&toks, at("4"), at("4")));
        assert!(!is_addition(&toks, at("three"), at("three")));
    }

    #[test]
    fn events_counted_in_a_sentence() {
        assert_eq!(
            marker("4 killed, 16 wounded in Monday shootings").as_deref(),
            Some("in … shootings")
        );
        assert_eq!(
            marker("5 are dead after a series of shootings").as_deref(),
            Some("series … shootings")
        );
        assert_eq!(
            marker("a pair of shootings left one dead").as_deref(),
            Some("pair … shootings")
        );
        assert_eq!(marker("a pair of gunmen killed one"), None);
    }

    /// Each case: a text, the frame inside it, and whether `test` holds of the frame.
    fn check_frames(test: fn(&str, TextRange) -> bool, cases: &[(&str, &str, bool)]) {
        for &(text, frame, expected) in cases {
            let start = text.find(frame).unwrap();
            let range = TextRange::new(start, start + frame.len());
            assert_eq!(test(text, range), expected, "{text:?}");
        }
    }

    #[test]
    fn counts_by_degree_of_hurt() {
        let cases: &[(&str, &str, bool)] = &[
            (
                "Two people were critically wounded.",
                "Two people were critically wounded",
                true,
            ),
            (
                "The gunman fled, critically wounding two.",
                "wounding two",
                true,
            ),
            ("One was slightly hurt.", "One was slightly hurt", true),
            ("Two people were wounded.", "Two people were wounded", false),
            // The last word of the sentence before is not the frame's.
            (
                "He was hurt critically. Two were wounded.",
                "Two were wounded",
                false,
            ),
            ("Seriously, two were wounded.", "two were wounded", false),
        ];
        check_frames(counts_by_degree, cases);
    }

    #[test]
    fn counts_by_place_of_death() {
        let cases: &[(&str, &str, bool)] = &[
            (
                "Two were pronounced dead at the scene.",
                "Two were pronounced dead",
                true,
            ),
            (
                "One died at a local hospital, police said.",
                "One died",
                true,
            ),
            ("One man died in hospital.", "One man died", true),
            ("Two died on the way to the hospital.", "Two died", true),
            (
                "Two were pronounced dead.",
                "Two were pronounced dead",
                false,
            ),
            ("Two died at the home.", "Two died", false),
            ("Two died, at the scene of a crash.", "Two died", false),
            (
                "He found two men dead in the living room.",
                "two men dead",
                true,
            ),
            (
                "One woman was dead inside the car.",
                "One woman was dead",
                true,
            ),
            (
                "Two were found dead in the home.",
                "Two were found dead",
                false,
            ),
            ("Two died in the shooting.", "Two died", false),
        ];
        check_frames(counts_by_place, cases);
    }
}
