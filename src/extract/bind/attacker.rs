//! The attacker's death: a toll's convention, read as a range.
//!
//! "He killed two people before killing himself" counts two victims and three deaths; which one
//! a newsroom's toll means is its convention (the Gun Violence Archive counts the attacker, most
//! outlets count the victims). A count of deaths in a story where the attacker died too is
//! read as "N, or N + 1 with the attacker", so that neither convention reads as a mismatch.
//!
//! The attacker's death is found in the count's own sentence ("… before he was shot and killed
//! by police") or, failing that, anywhere in the document's prose ("The gunman was shot dead by
//! officers", "… then turned the gun on himself", "murder-suicide"): an editor knows whether the
//! gunman died from the story as a whole, not from the sentence that gives the toll.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::MAX_REGION_BYTES;
use super::tokens::{Token, first_tokens, tokens};
use crate::extract::parts::windows;
use crate::source::offsets::TextRange;

/// Verbs of killing: the cue of a count of deaths, and the verb of "killing himself".
const KILLING: &[&str] = &[
    "killed",
    "killing",
    "kills",
    "kill",
    "slew",
    "slaying",
    "murdered",
    "murdering",
    "fatally",
    "shot",
    "shooting",
];

/// Nouns for the one who attacks: "the gunman was shot dead".
const ATTACKERS: &[&str] = &[
    "gunman",
    "gunmen",
    "shooter",
    "suspect",
    "attacker",
    "assailant",
    "killer",
];

/// Words that say a person died, after the person: "was killed", "dead", "died".
const DIED: &[&str] = &["killed", "dead", "fatally", "died"];

/// Words of a count of deaths: a frame with one of them counts the dead, and the attacker's
/// death may be one of them.
const DEATHS: &[&str] = &[
    "killed", "killing", "kills", "kill", "dead", "died", "dies", "die", "death", "deaths",
    "fatally", "fatal", "lives", "slain", "slaying", "murdered",
];

/// The person at `i` of `sentence` dies a few words on: "the gunman was killed", "he was shot
/// and killed by police", "suspect dead", "the shooter later died" — not "the suspect killed
/// two" (the verb is his act), not "was not killed". Returns the index of the death word.
fn dies_after(sentence: &[&Token<'_>], i: usize) -> Option<usize> {
    let span = &sentence[i + 1..sentence.len().min(i + 6)];
    let d = span.iter().position(|w| w.is_in(DIED))?;
    let between = &span[..d];
    if between
        .iter()
        .any(|w| w.is_in(&["not", "never", "n't", "nearly", "almost"]))
    {
        return None;
    }
    let passive = between
        .iter()
        .any(|w| w.is_in(&["was", "were", "being", "been", "is"]));
    let by = span.get(d + 1).is_some_and(|w| w.is_in(&["by"]));
    let ends = i + 1 + d + 1 == sentence.len();
    // Words and commas between ("the gunman, who was later found dead"); a shot only as the
    // manner of the death ("was shot and killed"), which needs a passive: "the gunman shot
    // dead three people" is his act.
    let plain = between
        .iter()
        .all(|w| (w.word && (!w.is_in(KILLING) || w.is_in(&["shot", "and"]))) || w.is_punct(","));
    let shot = between.iter().any(|w| w.is_in(&["shot"]));
    let dead = !shot && span[d].is_in(&["dead", "died"]);
    (plain && (passive || by || ends || dead)).then_some(i + 1 + d)
}

/// The verb of a death by one's own hand, for the reflexive at `at`: "killing himself",
/// "turned the gun on herself", "and then himself" — not "turned himself in" to the police.
fn reflexive_verb(sentence: &[&Token<'_>], at: usize) -> Option<usize> {
    let from = at.saturating_sub(4);
    let verb = from
        + sentence[from..at]
            .iter()
            .rposition(|w| w.is_in(KILLING) || w.is_in(&["turning", "turned", "then"]))?;
    let turned = sentence[verb].is_in(&["turning", "turned"]);
    let on = at > 0 && sentence[at - 1].is_in(&["on", "upon"]);
    (!turned || on).then_some(verb)
}

/// Where the document says its attacker died, anywhere in its prose: by his own hand ("then
/// turned the gun on himself", "took his own life", "a murder-suicide"), or at others' ("the
/// gunman was shot dead by officers", "deputies killed the suspect"). Returns the words that
/// say so, for the reading's note. Blocks without one of the words are not tokenized: linear.
pub fn attacker_died_in(text: &str, blocks: impl IntoIterator<Item = TextRange>) -> Option<String> {
    const MARKS: &[&str] = &[
        "himself",
        "herself",
        "own life",
        "suicide",
        "gunm",
        "shooter",
        "suspect",
        "attacker",
        "assailant",
        "killer",
    ];
    // One automaton, ASCII case ignored: a block is not copied to be lowered (a run-on line
    // is one block of megabytes).
    static MARKED: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(MARKS)
            .ok()
    });
    let marked = MARKED.as_ref()?;
    for block in blocks {
        let Some(body) = text.get(block.range()) else {
            continue;
        };
        if !marked.is_match(body) {
            continue;
        }
        let sentences = crate::extract::sentence::sentences(text, block);
        // A "sentence" longer than a region window is read window by window.
        for sentence in sentences
            .into_iter()
            .flat_map(|s| windows(text, s, MAX_REGION_BYTES))
        {
            let toks = tokens(text, sentence);
            let sentence: Vec<&Token<'_>> = toks.iter().collect();
            if let Some((from, to)) = died_in_sentence(&sentence) {
                return text
                    .get(sentence[from].start..sentence[to].end)
                    .map(str::to_string);
            }
        }
    }
    None
}

/// The token span in `sentence` that says an attacker died, if any (see [`attacker_died_in`]).
fn died_in_sentence(sentence: &[&Token<'_>]) -> Option<(usize, usize)> {
    for (i, t) in sentence.iter().enumerate() {
        let back = |n: usize| i.checked_sub(n).and_then(|j| sentence.get(j));
        // "… before killing himself", "then turned the gun on herself", "killed his wife and
        // then himself", "before taking his own life": a death by his own hand after he
        // attacked another. Without "then" or "before" the one who shot himself may be the
        // only one who died ("a boy died after shooting himself").
        let own = if t.is_in(&["life"]) && back(1).is_some_and(|w| w.is_in(&["own"])) {
            back(3)
                .filter(|w| w.is_in(&["took", "take", "taking", "takes"]))
                .map(|_| i - 3)
        } else if t.is_in(&["himself", "herself"]) {
            reflexive_verb(sentence, i)
        } else {
            None
        };
        if let Some(verb) = own
            && sentence[verb.saturating_sub(6)..=verb]
                .iter()
                .any(|w| w.is_in(&["then", "before"]))
        {
            return Some((verb, i));
        }
        // "a murder-suicide".
        if t.is_in(&["murder-suicide"]) {
            return Some((i, i));
        }
        if t.is_in(&["suicide"]) && back(1).is_some_and(|w| w.is_in(&["murder"])) {
            return Some((i - 1, i));
        }
        if t.is_in(ATTACKERS) {
            // "the gunman was shot dead", "the suspect died".
            if let Some(death) = dies_after(sentence, i) {
                return Some((i, death));
            }
            // "deputies killed the suspect", "an officer fatally shot the gunman".
            if back(1).is_some_and(|w| w.is_in(&["the", "a", "an"]))
                && (back(2).is_some_and(|w| w.is_in(&["killed"]))
                    || back(2).is_some_and(|w| w.is_in(&["shot"]))
                        && back(3).is_some_and(|w| w.is_in(&["fatally"])))
            {
                let from = if back(3).is_some_and(|w| w.is_in(&["fatally"])) {
                    i - 3
                } else {
                    i - 2
                };
                return Some((from, i));
            }
        }
    }
    None
}

/// Whether `frame` counts deaths ("Four people were killed", "three dead"), so that the
/// attacker's death may be one more of them.
pub fn counts_deaths(text: &str, frame: TextRange) -> bool {
    tokens(text, frame).iter().any(|t| t.is_in(DEATHS))
}

/// The text from `from` to the end of its sentence, at most `max` bytes: what a count's
/// sentence says after it, read in bounded time whatever the sentence's length.
fn rest_of_sentence(text: &str, from: usize, max: usize) -> Option<&str> {
    let mut end = text.len().min(from + max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let tail = text.get(from..end)?;
    Some(&tail[..tail.find(['.', '!', '?']).unwrap_or(tail.len())])
}

/// The words by which the rest of a count's sentence, after its `frame`, says the count of
/// deaths includes one that some tolls leave out: the attacker ("five dead, including the
/// gunman", "among them the shooter") or an unborn child ("killing six people, including an
/// unborn child"). At most 200 bytes are read, so a run-on sentence stays linear.
pub fn counts_one_in_dispute(text: &str, frame: TextRange) -> Option<String> {
    let tail = rest_of_sentence(text, frame.end, 200)?;
    // The word (of the first eight) and up to three after it.
    let toks = first_tokens(text, TextRange::new(frame.end, frame.end + tail.len()), 12);
    toks.iter().take(8).enumerate().find_map(|(i, t)| {
        if !t.is_in(&["including", "includes", "among", "counting", "plus"]) {
            return None;
        }
        let end = toks[i + 1..toks.len().min(i + 4)]
            .iter()
            .position(|w| w.is_in(ATTACKERS) || w.is_in(&["himself", "herself", "unborn"]))?;
        let last = toks.get(i + 1 + end)?;
        text.get(t.start..last.end).map(str::to_string)
    })
}

/// "killed two people before killing himself": the count is of the attacker's victims, and a
/// toll that counts every death is one more. For a count of `frame` (the cue and the count at
/// `count`), the words later in its sentence that say the attacker died too, if any: by his
/// own hand ("killing himself", "turning the gun on herself"), or at the hands of others ("before
/// he was shot and killed by police", "police shot and killed him", "; suspect killed"). The
/// count must be of the victims: after its killing verb ("killed two"), or a subject that is
/// not one person ("Four people were killed …"; not "a boy died after shooting himself").
pub fn attacker_also_died(text: &str, frame: TextRange, count: TextRange) -> Option<String> {
    let cue = text.get(frame.start..count.start)?;
    let object = frame.start < count.start
        && cue
            .split_whitespace()
            .next()
            .is_some_and(|w| super::tokens::is_in(KILLING, w));
    let written = text.get(count.range())?.to_ascii_lowercase();
    let one = written.starts_with("a ")
        || written.starts_with("an ")
        || matches!(written.as_str(), "one" | "1" | "he" | "she" | "him" | "her");
    // A subject's predicate ends the frame: "Four people were killed", "three dead".
    let dies = text
        .get(count.end..frame.end)
        .and_then(|p| p.split_whitespace().last())
        .is_some_and(|w| {
            super::tokens::is_in(KILLING, w)
                || super::tokens::is_in(&["dead", "died", "slain", "die", "dies"], w)
        });
    if !object && (frame.start < count.start || one || !dies) {
        return None;
    }
    // The rest of the sentence, at most 24 tokens on. Most counts have no attacker's death
    // after them: look for its words before tokenizing.
    let tail = rest_of_sentence(text, frame.end, 400)?;
    if !["himself", "herself", "killed", "dead"]
        .iter()
        .any(|w| tail.contains(w))
    {
        return None;
    }
    // `tail` ends where the sentence does.
    let rest = first_tokens(text, TextRange::new(frame.end, frame.end + tail.len()), 24);
    let sentence: Vec<&Token<'_>> = rest.iter().collect();
    let words = |from: usize, to: usize| {
        text.get(sentence[from].start..sentence[to].end)
            .unwrap_or_default()
            .to_string()
    };
    // "… before killing himself", "… and then himself", "… turning the gun on himself".
    if let Some(at) = sentence
        .iter()
        .position(|t| t.is_in(&["himself", "herself"]))
        && let Some(verb) = reflexive_verb(&sentence, at)
    {
        return Some(words(verb, at));
    }
    for (i, t) in sentence.iter().enumerate() {
        // "he was shot and killed by police", "the gunman was killed", "suspect killed".
        if (t.is_in(ATTACKERS) || t.is_in(&["he", "she"]))
            && let Some(death) = dies_after(&sentence, i)
        {
            return Some(words(i, death));
        }
        // "police shot and killed him".
        if t.is_in(&["police", "officers", "deputies", "troopers"])
            && let Some(d) = sentence[i + 1..sentence.len().min(i + 5)]
                .iter()
                .position(|w| w.is_in(&["killed"]))
            && sentence
                .get(i + 1 + d + 1)
                .is_some_and(|w| w.is_in(&["him", "her"]))
        {
            return Some(words(i, i + d + 2));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attacker_who_killed_himself() {
        let read = |text: &str, frame: &str, count: &str| {
            let f = text.find(frame).unwrap_or(0);
            let c = text.find(count).unwrap_or(0);
            attacker_also_died(
                text,
                TextRange::new(f, f + frame.len()),
                TextRange::new(c, c + count.len()),
            )
        };
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            (
                "He killed two people before killing himself.",
                "killed two",
                "two",
                Some("killing himself"),
            ),
            (
                "She fatally shot three men and then turned the gun on herself.",
                "fatally shot three",
                "three",
                Some("turned the gun on herself"),
            ),
            (
                "A gunman killed four and wounded two before shooting himself.",
                "killed four",
                "four",
                Some("shooting himself"),
            ),
            // A count of victims before its verb; the attacker killed by others.
            (
                "Two people were killed before the gunman killed himself.",
                "Two people were killed",
                "Two",
                Some("killed himself"),
            ),
            (
                "He killed four people before he was shot and killed by police.",
                "killed four",
                "four",
                Some("he was shot and killed"),
            ),
            (
                "Four people were killed, and police shot and killed him.",
                "Four people were killed",
                "Four",
                Some("police shot and killed him"),
            ),
            (
                "3 members of family fatally shot; suspect killed",
                "3 members of family fatally",
                "3",
                Some("suspect killed"),
            ),
            // Not the attacker's death: he kills more, is only wounded, or is the one count.
            (
                "He killed two people, then he killed a third.",
                "killed two",
                "two",
                None,
            ),
            (
                "He killed two people before he was shot by police.",
                "killed two",
                "two",
                None,
            ),
            (
                "Nine injured before the gunman killed himself.",
                "Nine injured",
                "Nine",
                None,
            ),
            (
                "He killed two people. Later he shot himself.",
                "killed two",
                "two",
                None,
            ),
            (
                "A boy died after shooting himself.",
                "A boy died",
                "A boy",
                None,
            ),
            (
                "He killed two people and then turned himself in to police.",
                "killed two",
                "two",
                None,
            ),
            (
                "He injured two people before killing himself.",
                "injured two",
                "two",
                None,
            ),
        ];
        for (text, frame, count, want) in cases {
            assert_eq!(read(text, frame, count).as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn the_attacker_dead_anywhere_in_the_story() {
        let died = |text: &str| attacker_died_in(text, [TextRange::new(0, text.len())]);
        let cases: &[(&str, Option<&str>)] = &[
            (
                "Three people died. Later, the gunman was shot dead by officers.",
                Some("gunman was shot dead"),
            ),
            (
                "Police said the suspect later died.",
                Some("suspect later died"),
            ),
            (
                "Deputies killed the suspect after a chase.",
                Some("killed the suspect"),
            ),
            (
                "An officer fatally shot the gunman.",
                Some("fatally shot the gunman"),
            ),
            (
                "He shot his wife and then turned the gun on himself.",
                Some("turned the gun on himself"),
            ),
            (
                "She drove home before taking her own life.",
                Some("taking her own life"),
            ),
            ("Police called it a murder-suicide.", Some("murder-suicide")),
            (
                "It was a murder suicide, police said.",
                Some("murder suicide"),
            ),
            // The one who shot himself may be the one who died; a turn to the police; the
            // attacker alive; his act, not his death.
            ("A boy died after shooting himself in the chest.", None),
            ("The gunman turned himself in on Monday.", None),
            ("The suspect was not killed in the exchange.", None),
            ("The suspect killed two people at the store.", None),
            ("The shooter was wounded and taken into custody.", None),
            ("The gunman shot dead three people.", None),
        ];
        for (text, want) in cases {
            assert_eq!(died(text).as_deref(), *want, "{text:?}");
        }
    }

    #[test]
    fn a_count_of_deaths_and_a_count_with_the_attacker() {
        let whole = |t: &str| TextRange::new(0, t.len());
        assert!(counts_deaths(
            "three people were killed",
            whole("three people were killed")
        ));
        assert!(counts_deaths("two dead", whole("two dead")));
        assert!(!counts_deaths("four wounded", whole("four wounded")));
        let after = |s: &str, frame: &str| {
            let at = s.find(frame).unwrap_or(0);
            counts_one_in_dispute(s, TextRange::new(at, at + frame.len()))
        };
        let s = "Five people died, including the gunman.";
        assert_eq!(
            after(s, "Five people died").as_deref(),
            Some("including the gunman")
        );
        let s = "It killed six people, including an unborn child.";
        assert_eq!(
            after(s, "killed six").as_deref(),
            Some("including an unborn")
        );
        let s = "Five people died, including two children.";
        assert_eq!(after(s, "Five people died"), None);
        // Another sentence, or far on in this one, is not the count's.
        let s = "Five people died. Police shot the gunman, including himself.";
        assert_eq!(after(s, "Five people died"), None);
    }
}
