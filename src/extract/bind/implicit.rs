//! Counts written without a number: "a man was killed" is one death, and "two adults and
//! four children were killed" six.
//!
//! News states a single victim with an indefinite noun phrase far more often than with "one",
//! and a toll of several groups as a coordinated list. Both are counts a reader reads:
//!
//! - a **singular person**: `a`/`an`, at most three modifiers, and a noun for a person ("a
//!   man", "a 16-year-old", "an off-duty officer", "a 23-year-old Dunmore woman") counts 1 —
//!   unless a plural verb follows ("a man and a woman were killed" is a list, below);
//! - a **person's name** before a singular auxiliary ("Jo Reyes was shot and killed", "Kim
//!   has died") counts 1;
//! - a **personal pronoun** ("he was pronounced dead", "police shot him") counts 1 ("both"
//!   does not count: on real reporting it as often means the victim and the suspect, or the
//!   two people shot of whom one died);
//! - an **explicit sum**: two or more such phrases, or counts of people ("two adults", "four
//!   children"), joined by commas and `and`, count their total.
//!
//! They are candidates like any number: a predicate must still govern them in its own clause
//! ([`super::predicates`]), so "a man was arrested" or "a woman said" count nothing.

use super::lexicon::{
    AUXILIARIES, COORDINATORS, DETERMINERS, PERSON_NOUNS, PREPOSITIONS, WEEKDAYS, is_age_compound,
    is_people_plural,
};
use super::tokens::{Token, tokens};
use crate::source::offsets::TextRange;

/// Most modifiers between the article and the noun ("a 23-year-old Dunmore woman").
const MODIFIERS: usize = 3;

/// Words that make "a … man" one more rather than one.
const ORDINALS: &[&str] = &[
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "another",
    "other",
    "additional",
    "further",
    "last",
    "latest",
    "fresh",
    "new",
];

/// A capitalized word that may be part of a person's name.
pub(super) fn is_name(t: &Token<'_>) -> bool {
    t.word
        && t.text.chars().next().is_some_and(char::is_uppercase)
        && t.text
            .chars()
            .skip(1)
            .all(|c| c.is_lowercase() || c == '\'' || c == '-')
        && !t.is_in(NOT_NAMES)
        && !t.is_in(crate::extract::number::MONTHS)
        && !t.is_in(WEEKDAYS)
        && !t.is_in(DETERMINERS)
        && !t.is_in(PREPOSITIONS)
}

/// "Four", "Dozens": a capitalized count, not a name ("Four Shot, Man Dead").
pub(super) fn is_number_word(t: &Token<'_>) -> bool {
    t.text.bytes().all(|b| b.is_ascii_digit())
        || t.is_in(&["several", "multiple"])
        || crate::extract::number::is_count_word(&t.text.to_ascii_lowercase())
}

/// Capitalized words that open a sentence but name nobody.
const NOT_NAMES: &[&str] = &[
    "nobody",
    "everyone",
    "everybody",
    "someone",
    "somebody",
    "no",
    "none",
    "nothing",
    "it",
    "there",
    "what",
    "who",
    "which",
    "police",
    "officials",
    "authorities",
    "he",
    "she",
    "they",
    "we",
    "i",
    "one",
    "each",
    "all",
    "neither",
    "either",
    "both",
];

/// "8th", "21st": an ordinal written with digits.
fn is_numbered_ordinal(t: &Token<'_>) -> bool {
    let lower = t.text.to_ascii_lowercase();
    let digits = lower.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&lower[digits..], "st" | "nd" | "rd" | "th")
}

/// A count of people written without a number: its bytes and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct ImplicitCount {
    /// The whole phrase: "a 16-year-old boy", "two adults and four children".
    pub range: TextRange,
    /// How many people it counts.
    pub value: f64,
    /// How many of them some tolls leave out and others count: an unborn child ("five adults
    /// and an unborn child" is five or six).
    pub uncertain: f64,
    /// The one person it names, when it is not a sum.
    pub person: Option<Person>,
}

/// The one person an implicit count names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Person {
    /// Without a name: "a man", "a 16-year-old", "he".
    Unnamed,
    /// One more after others counted: "another", "another man" ("one killed and another
    /// injured" counts the injured, it names no victim in passing).
    OneMore,
    /// By name ("Jo Reyes"), with the surname that tells two people apart ("Reyes").
    Named(String),
}

/// One item of a list: its last token, its value, and the person it names (`None` for a
/// number of people, which the number scanner reads when it stands alone).
type Item = (usize, f64, Option<Person>);

/// The implicit counts of `region` of `text`. `numbers` are the region's plain exact counts
/// (bytes and value, in text order), which may be items of a sum.
pub fn implicit_counts(
    text: &str,
    region: TextRange,
    numbers: &[(TextRange, f64)],
) -> Vec<ImplicitCount> {
    let toks = tokens(text, region);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // The first item is a full count ("a man"), or an item that counts only inside a
        // list ("Conley and seven others", "Father and two children").
        let (first, first_strength) = match item(&toks, i, numbers) {
            Some(found) => (found, Strength::Alone),
            None => match list_item(&toks, i, numbers) {
                Some((found, strength)) => (found, strength),
                None => {
                    i += 1;
                    continue;
                }
            },
        };
        let (mut end, mut value, person) = first;
        let mut named = first_strength == Strength::Name;
        let mut counted = first_strength <= Strength::Counted;
        let mut last_named = named;
        let mut items = 1;
        // ", a boy and two women": the list goes on while a separator and an item follow.
        let mut k = end + 1;
        loop {
            let mut next = k;
            let comma = toks.get(next).is_some_and(|t| t.is_punct(","));
            if comma {
                next += 1;
            }
            let and = toks.get(next).is_some_and(|t| t.is_in(&["and"]));
            // ", and" after one item opens a clause: a list of two takes no comma ("killed,
            // including the suspect, and four people were injured").
            if and && comma && items == 1 {
                break;
            }
            if and {
                next += 1;
                // "two women and and one man": a doubled word is a slip, not a new clause.
                if toks.get(next).is_some_and(|t| t.is_in(&["and"])) {
                    next += 1;
                }
            } else if next == k {
                break;
            }
            let found = item(&toks, next, numbers)
                .map(|found| (found, Strength::Alone))
                .or_else(|| list_item(&toks, next, numbers));
            let Some(((e, v, _), strength)) = found else {
                break;
            };
            // "his father, Christopher Few", "Jamar Clark, a 24-year-old man": a name
            // beside a comma is the same person again (an apposition), not one more — but
            // "Val Jackson, her husband and six children" are eight.
            let restates = strength == Strength::Name
                || last_named
                    && toks
                        .get(next)
                        .is_none_or(|t| !t.is_in(&["his", "her", "their"]));
            if !and && restates {
                break;
            }
            last_named = strength == Strength::Name;
            named |= last_named;
            counted |= strength <= Strength::Counted;
            end = e;
            value += v;
            items += 1;
            k = e + 1;
            if and {
                break;
            }
        }
        let after = toks.get(end + 1);
        let keep = if items > 1 {
            // A list counts only as the subject or object of one verb: "were killed",
            // "killing a man and a woman"; not "a man and a woman who …", nor "his daughter
            // and passenger was hurt" (one person). A name counts only beside a count of
            // people: "Reyes and Kim" may as well be places or firms.
            !after.is_some_and(|t| t.is_in(&["who", "whose", "of", "was", "is"]))
                && (counted || !named)
        } else if first_strength != Strength::Alone {
            false
        } else {
            // "a man were …" is the tail of a list this reading did not see.
            person.is_some() && !after.is_some_and(|t| t.is_in(&["were", "are", "have"]))
        };
        if keep {
            let (Some(first), Some(last)) = (toks.get(i), toks.get(end)) else {
                break;
            };
            let unborn = toks[i..=end]
                .iter()
                .filter(|t| t.is_in(&["unborn"]))
                .count();
            out.push(ImplicitCount {
                range: TextRange::new(first.start, last.end),
                value,
                uncertain: unborn as f64,
                person: person.filter(|_| items == 1),
            });
        }
        // A name or bare noun that made no list may start a count one word on.
        i = if keep || first_strength == Strength::Alone {
            end + 1
        } else {
            i + 1
        };
    }
    out
}

/// One item of a count at token `i`: a singular person ("a young man", "he", "Jo Reyes"),
/// or a number of people ("four children").
fn item(toks: &[Token<'_>], i: usize, numbers: &[(TextRange, f64)]) -> Option<Item> {
    let t = toks.get(i)?;
    let one = |end: usize| Some((end, 1.0, Some(Person::Unnamed)));
    // "he was pronounced dead", "police shot him": a person named before, one of them.
    if t.is_in(&["he", "she", "him"]) {
        return one(i);
    }
    // "killing her", "shot her in the back" — not "her son" (a possessive).
    if t.is_in(&["her"])
        && toks
            .get(i + 1)
            .is_none_or(|n| !n.word || n.is_in(PREPOSITIONS) || n.is_in(COORDINATORS))
    {
        return one(i);
    }
    // "Collier was shot and killed": a person's name before a singular auxiliary.
    if let Some(named) = name_at(toks, i)
        && toks
            .get(named.0 + 1)
            .is_some_and(|n| n.is_in(&["was", "has", "is"]))
    {
        return Some(named);
    }
    if t.is_in(&["a", "an", "another"]) {
        let head = noun_after(toks, i + 1, |t| t.is_in(PERSON_NOUNS) || is_age_compound(t));
        // "three were killed and another critically injured": `another` alone is one more
        // person, when no noun follows it.
        let alone = t.is_in(&["another"])
            && toks.get(i + 1).is_none_or(|n| {
                !n.word
                    || n.is_in(AUXILIARIES)
                    || n.text.len() > 4 && (n.text.ends_with("ly") || n.text.ends_with("ed"))
            });
        let person = if t.is_in(&["another"]) {
            Person::OneMore
        } else {
            Person::Unnamed
        };
        return match head {
            Some(head) => Some((head, 1.0, Some(person))),
            None if alone => Some((i, 1.0, Some(person))),
            None => None,
        };
    }
    // A plain count: the number's tokens, then a plural noun for people.
    let at = numbers.partition_point(|(r, _)| r.end <= t.start);
    let &(range, value) = numbers.get(at).filter(|(r, _)| r.start == t.start)?;
    let last = toks
        .partition_point(|t| t.start < range.end)
        .checked_sub(1)?;
    // "her and three other people": inside a list, `other` joins the count to the items
    // before it.
    let skip = usize::from(toks.get(last + 1).is_some_and(|t| t.is_in(&["other"])));
    // "five men and one woman": a count of one takes a singular noun.
    let head = noun_after(toks, last + 1 + skip, |t| {
        is_people_plural(t) || value == 1.0 && t.is_in(PERSON_NOUNS)
    })?;
    Some((head, value, None))
}

/// A person's name starting at token `i` (at most four capitalized words), as an item that
/// names them — not the tail of a longer name, nor a place after a preposition ("among the
/// wounded at Millbrook was …").
fn name_at(toks: &[Token<'_>], i: usize) -> Option<Item> {
    if !is_name(toks.get(i)?) {
        return None;
    }
    let starts_name = i == 0 || !is_name(&toks[i - 1]) && !toks[i - 1].is_in(PREPOSITIONS);
    if !starts_name {
        return None;
    }
    let mut end = i;
    while end + 1 < toks.len() && end < i + 3 && is_name(&toks[end + 1]) {
        end += 1;
    }
    let surname = toks[end].text.to_string();
    Some((end, 1.0, Some(Person::Named(surname))))
}

/// How an item of a list stands on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    /// A count by itself: "a man", "two adults", "he".
    Alone,
    /// A count of people only inside a list: "a mother and her two children".
    Counted,
    /// A person only inside a list: "Father and two children".
    InList,
    /// A bare name, a person only inside a list with a count of people: "Conley and seven
    /// others".
    Name,
}

/// An item that counts only inside a list: a bare name ("Conley"), a noun for one person
/// without an article ("Father and two children", "his father and brother"), or a count after
/// a possessive or `the` ("a mother and her two children", "the two boys").
fn list_item(
    toks: &[Token<'_>],
    i: usize,
    numbers: &[(TextRange, f64)],
) -> Option<(Item, Strength)> {
    let t = toks.get(i)?;
    if is_name(t) && !t.is_in(PERSON_NOUNS) && !t.is_in(PAIRS) && !is_number_word(t) {
        return name_at(toks, i).map(|named| (named, Strength::Name));
    }
    let from = if t.is_in(&["the", "his", "her", "their"]) {
        i + 1
    } else {
        i
    };
    if from > i {
        let numbered = item(toks, from, numbers).filter(|(_, _, person)| person.is_none());
        if let Some(found) = numbered {
            return Some((found, Strength::Counted));
        }
    }
    let head = noun_after(toks, from, |t| t.is_in(PERSON_NOUNS) || t.is_in(PAIRS))?;
    // "Parents, 2 children dead", "his parents and sister": a pair is two.
    let value = if toks[head].is_in(PAIRS) { 2.0 } else { 1.0 };
    Some(((head, value, Some(Person::Unnamed)), Strength::InList))
}

/// Nouns for two people, counted as two inside a list ("the couple and their son").
const PAIRS: &[&str] = &["parents", "grandparents", "twins", "couple"];

/// The head noun at or after token `from`: at most [`MODIFIERS`] modifier words, then a word
/// accepted by `is_head`. The last accepted word wins ("a 16-year-old boy", "a 16-year-old").
fn noun_after(
    toks: &[Token<'_>],
    from: usize,
    is_head: impl Fn(&Token<'_>) -> bool,
) -> Option<usize> {
    let mut head = None;
    for (k, t) in toks.iter().enumerate().skip(from).take(MODIFIERS + 1) {
        // "a second man", "a third victim": one more, an addition to a count said before.
        // After the noun such a word starts another phrase ("his uncle last month").
        if t.is_in(ORDINALS) || is_numbered_ordinal(t) {
            return head;
        }
        if !t.word
            || t.is_in(PREPOSITIONS)
            || t.is_in(AUXILIARIES)
            || t.is_in(DETERMINERS)
            || t.is_in(COORDINATORS)
            || t.is_in(&["who", "that", "which", "whose", "one", "of"])
        {
            break;
        }
        if is_head(t) {
            head = Some(k);
        }
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, f64)> {
        let numbers: Vec<(TextRange, f64)> = crate::extract::hedge::amounts(text, 0..text.len())
            .iter()
            .map(|a| (TextRange::new(a.span.start, a.span.end), a.value))
            .collect();
        implicit_counts(text, TextRange::new(0, text.len()), &numbers)
            .into_iter()
            .map(|c| (text[c.range.range()].to_string(), c.value))
            .collect()
    }

    #[test]
    fn an_unborn_child_is_counted_by_some_tolls_only() {
        let text = "five adults and an unborn child were killed";
        let numbers = [(TextRange::new(0, 4), 5.0)];
        let counts = implicit_counts(text, TextRange::new(0, text.len()), &numbers);
        let sums: Vec<(f64, f64)> = counts.iter().map(|c| (c.value, c.uncertain)).collect();
        assert_eq!(sums, [(6.0, 1.0)]);
        let text = "five adults and a child were killed";
        let counts = implicit_counts(text, TextRange::new(0, text.len()), &numbers);
        let sums: Vec<(f64, f64)> = counts.iter().map(|c| (c.value, c.uncertain)).collect();
        assert_eq!(sums, [(6.0, 0.0)]);
    }

    #[test]
    fn implicit_counts_table() {
        let cases: &[(&str, &[(&str, f64)])] = &[
            ("A man was killed on Sunday.", &[("A man", 1.0)]),
            ("Police said a 16-year-old died.", &[("a 16-year-old", 1.0)]),
            (
                "An off-duty officer was hurt.",
                &[("An off-duty officer", 1.0)],
            ),
            (
                "a 23-year-old Dunmore woman died",
                &[("a 23-year-old Dunmore woman", 1.0)],
            ),
            (
                "A man and a woman were killed.",
                &[("A man and a woman", 2.0)],
            ),
            (
                "Two adults and four children were killed.",
                &[("Two adults and four children", 6.0)],
            ),
            (
                "a man, a woman and a boy were hurt",
                &[("a man, a woman and a boy", 3.0)],
            ),
            ("the gunman killed a man and wounded two", &[("a man", 1.0)]),
            (
                "police found two women and and one man dead",
                &[("two women and and one man", 3.0)],
            ),
            // ", and" after one item opens a clause; after two it ends a list.
            (
                "six died, including a guard, and four people were hurt",
                &[("a guard", 1.0)],
            ),
            (
                "a man, a woman, and a boy were hurt",
                &[("a man, a woman, and a boy", 3.0)],
            ),
            // Not counts of people: other nouns, a plural verb after a singular, "one of".
            ("A car was found.", &[]),
            ("a second man died", &[]),
            ("he was pronounced dead", &[("he", 1.0)]),
            ("Police said Jo Reyes was killed", &[("Jo Reyes", 1.0)]),
            ("Nobody was hurt", &[]),
            ("on Sunday March was cold and one died", &[]),
            ("among the hurt at Dunmore was a boy", &[("a boy", 1.0)]),
            ("Reyes and Kim were hurt", &[]),
            // A pair is two, inside a list; alone it is no count.
            ("Parents, 2 children dead", &[("Parents, 2 children", 4.0)]),
            (
                "his parents and sister were killed",
                &[("his parents and sister", 3.0)],
            ),
            ("The parents were hurt", &[]),
            // Items that count only in a list: a name, a bare noun, a possessive count.
            (
                "Conley and seven others were killed",
                &[("Conley and seven others", 8.0)],
            ),
            (
                "a mother and her two children were found dead",
                &[("a mother and her two children", 3.0)],
            ),
            (
                "Father and two children found dead",
                &[("Father and two children", 3.0)],
            ),
            (
                "his father and brother were killed",
                &[("his father and brother", 2.0)],
            ),
            ("the father said", &[]),
            ("Conley said seven others were hurt", &[]),
            ("her two children were hurt", &[]),
            (
                "he killed her and three other people",
                &[("he", 1.0), ("her and three other people", 4.0)],
            ),
            // Not sums: an apposition, a singular verb after the list, capitalized counts.
            ("Police shot his father, Al Few, on Monday", &[]),
            (
                "they killed Jo Clark, a 24-year-old man",
                &[("a 24-year-old man", 1.0)],
            ),
            ("His daughter and passenger was wounded", &[]),
            (
                "Val Jackson, her husband and six children were killed",
                &[("Val Jackson, her husband and six children", 8.0)],
            ),
            ("Four Shot, Man Dead", &[]),
            ("1 Dead, 3 Others Injured", &[]),
            ("Video Man and Woman Killed", &[("Man and Woman", 2.0)]),
            ("he killed her in the kitchen", &[("he", 1.0), ("her", 1.0)]),
            ("her son died", &[]),
            ("both men died", &[]),
            (
                "three died and another critically injured",
                &[("another", 1.0)],
            ),
            ("another man was wounded", &[("another man", 1.0)]),
            ("another shooting", &[]),
            ("an 8th teen was hurt", &[]),
            ("A man were killed.", &[]),
            ("a woman who was hurt", &[("a woman", 1.0)]),
            ("two adults were killed", &[]),
            (
                "Five men and one woman were injured",
                &[("Five men and one woman", 6.0)],
            ),
            (
                "left three women and one man injured",
                &[("three women and one man", 4.0)],
            ),
            ("one man was injured", &[]),
            (
                "killed a 1-year-old boy and his 21-year-old uncle last month",
                &[("a 1-year-old boy and his 21-year-old uncle", 2.0)],
            ),
            ("a man and a woman who lived there", &[]),
        ];
        for (text, want) in cases {
            let want: Vec<(String, f64)> = want.iter().map(|(s, v)| (s.to_string(), *v)).collect();
            assert_eq!(read(text), want, "{text:?}");
        }
    }
}
