//! Dates bound to their own predicate: a date adverbial dates the verb of its clause.
//!
//! "He was arrested on February 18 over the killing" dates the arrest, not the killing; a
//! reader gives a date to the verb it modifies, not to the nearest cue word. So, in the clause
//! model ([`super::clauses`]):
//!
//! 1. a date right before a noun modifies that noun: "the March 22 attack" (a cue), "the
//!    Dec. 3 hearing" (another occasion: rejected);
//! 2. a **fronted** date — one that opens its sentence ("On 22 March, gunmen opened fire …")
//!    — dates the main clause: the first cue or verb after it, skipping a phrase that only
//!    relates the date to an event ("On March 8, two weeks before the attack, the embassy
//!    warned …" dates the warning, and never the attack);
//! 3. otherwise the date dates the **nearest verb before it in its clause**: a cue of the rule
//!    binds it; any other verb ("arrested", "said", "sentenced") owns it. A verb that only
//!    says the event took place ("happened", "occurred", "was") passes the date on to its
//!    subject ("the shooting, which happened on March 4");
//! 4. a date with no verb or cue before it in its clause dates the first one after it there
//!    ("Police on March 3 arrested …").
//!
//! The cue found is the frame's predicate; then the checks every binding shares: a modal or
//! negation before it, the subject competition, a semicolon or a coordinated second event
//! between subject and frame ("… in August 2022 and the attack on a hotel in December 2022").

use super::events::{Event, OTHER_EVENT_WORDS};
use super::lexicon::{
    COORDINATORS, DETERMINERS, EVENT_NOUNS, NEWS_PREDICATES, PREPOSITIONS, SUBORDINATORS,
};
use super::predicates;
use super::region::RegionView;
use super::tokens::{Token, tokens};
use super::{Binder, Candidate};
use crate::rules::RuleIdx;
use crate::source::offsets::TextRange;

/// Verbs that say only that the event took place: the date they carry is their subject's
/// ("the shooting happened on March 4", "the attack was on 22 March").
const LIGHT_VERBS: &[&str] = &[
    "happened", "happens", "occurred", "occurs", "unfolded", "came", "comes", "began", "begins",
    "started", "erupted", "was", "were", "is", "are",
];

/// Verbs of the law's and of reporting: their date is their own, whoever their subject
/// ("the gunmen appeared in court on March 24", "police said on Monday").
const PROCEDURAL_VERBS: &[&str] = &[
    "arrested",
    "detained",
    "charged",
    "indicted",
    "arraigned",
    "convicted",
    "sentenced",
    "acquitted",
    "appeared",
    "pleaded",
    "testified",
    "surrendered",
    "confessed",
    "admitted",
    "denied",
    "released",
    "questioned",
    "identified",
    "named",
    "buried",
    "said",
    "says",
    "told",
    "announced",
    "confirmed",
    "claimed",
    "died",
];

/// Verbs of the first response to an event, on its day: the date they carry is their
/// subject's or object's ("a shooting was reported on Oct. 19", "On Oct. 1, officers responded
/// to a shooting").
const RESPONSE_VERBS: &[&str] = &[
    "responded",
    "reported",
    "dispatched",
    "called",
    "summoned",
    "alerted",
];

/// Past-tense verbs that do not end in "-ed" and can carry a date of their own ("fled on
/// March 3", "went on trial on May 5", "said on Monday").
const IRREGULAR_VERBS: &[&str] = &[
    "shot", "went", "met", "held", "found", "took", "left", "ran", "fled", "struck", "told", "saw",
    "gave", "made", "fell", "led", "sent", "set", "won", "lost", "rose", "broke", "said", "says",
    "spoke", "wrote", "got", "hit", "stood", "sat", "paid", "brought", "caught", "fought", "kept",
    "heard", "threw", "drove", "chose", "became", "sought", "bought", "slew", "stole", "woke",
    "wore", "gone", "taken", "given", "seen", "known", "begun", "arose",
];

/// Words ending in "-ed" that are not verbs.
const NOT_VERBS_IN_ED: &[&str] = &[
    "hundred", "hundreds", "kindred", "sacred", "naked", "wicked", "beloved", "aged", "bed", "red",
    "need", "seed", "speed", "feed", "shed", "breed", "creed", "steed", "weed", "united",
];

/// Occasions other than the event that a date before them dates: "the Dec. 3 hearing".
const OCCASION_NOUNS: &[&str] = &[
    "hearing",
    "trial",
    "arraignment",
    "sentencing",
    "funeral",
    "vigil",
    "memorial",
    "meeting",
    "conference",
    "briefing",
    "appearance",
    "ruling",
    "verdict",
    "election",
    "report",
    "interview",
    "statement",
    "court",
    "deadline",
];

/// Words that relate a time to an event instead of naming it.
const RELATIVE_WORDS: &[&str] = &[
    "before",
    "after",
    "since",
    "until",
    "till",
    "prior",
    "ahead",
    "following",
    "preceding",
];

/// Words that may stand before a date that opens its sentence.
const FRONTING_WORDS: &[&str] = &[
    "on",
    "in",
    "by",
    "early",
    "late",
    "the",
    "evening",
    "morning",
    "afternoon",
    "night",
    "of",
    "at",
    "around",
    "during",
];

/// How many tokens away a date's predicate is looked for: a clause rarely holds more, and
/// the bound keeps judging linear.
const REACH: usize = 40;

/// How far (in bytes) before a frame a coordinated second event is looked for.
const COORDINATION_BYTES: usize = 600;

/// What governs a date: a cue of the rule (its predicate's tokens) or the reason it is not
/// the rule's.
type Governor = Result<(usize, usize), String>;

impl Binder<'_> {
    /// Judges a date candidate by the predicate that governs it.
    pub(super) fn judge_date<T>(
        &self,
        rule: RuleIdx,
        view: &RegionView<'_>,
        events: &[Event],
        candidate: &Candidate<T>,
    ) -> Result<TextRange, String> {
        if let Some(reason) = self.not_the_storys(rule, view, candidate) {
            return Err(reason);
        }
        let c = candidate.range;
        let Some((first, last)) = view.token_span(c) else {
            return Err("outside the region's words".into());
        };
        let (pf, pl) = governor(view, rule, first, last)?;
        // "In March 2019, another fire burned a shed at the marina": the cue names another
        // event of its kind.
        if let Some(other) = pf.checked_sub(1).and_then(|k| view.tokens.get(k))
            && other.is_in(OTHER_EVENT_WORDS)
        {
            let cue = view.text.get(view.tokens[pf].start..view.tokens[pl].end);
            return Err(format!(
                "another event: `{} {}`",
                other.text,
                cue.unwrap_or("?")
            ));
        }
        let cue = TextRange::new(view.tokens[pf].start, view.tokens[pl].end);
        let frame = TextRange::new(cue.start.min(c.start), cue.end.max(c.end));
        if let Some(word) = predicates::modal_before(view, pf.min(first)) {
            return Err(format!("hypothetical or negated (`{word}`)"));
        }
        // A date is itself a time, so only a worded anchor ("another shooting", "a year ago")
        // makes its clause another event's; a time anchor is the date being judged, or one
        // like it.
        if let Some(Event::Other(words)) = view.clauses.of(pf).and_then(|k| events.get(k as usize))
            && !names_a_time(words)
        {
            return Err(format!("another event: `{words}`"));
        }
        // The rules whose cue is this frame's cue compete for it.
        let rivals = view.predicate_at(pf).map(|p| p.rules.as_slice());
        let nearest = self.compete(rule, view, frame, rivals)?;
        if let Some(subject) = nearest {
            // "The Paris attacks killed 130; the Crocus toll was higher": another clause's.
            if view.semicolon_apart(&subject, frame) {
                return Err("the subject is in another clause (`;`)".into());
            }
            if subject.end <= frame.start
                && let Some(words) = coordination(
                    &self.story.doc.text,
                    subject
                        .end
                        .max(frame.start.saturating_sub(COORDINATION_BYTES)),
                    frame.start,
                )
            {
                return Err(format!("belongs to another event (`{words} …`)"));
            }
        }
        Ok(frame)
    }
}

/// The predicate that governs the date at tokens `first..=last`, if it is a cue of `rule`.
fn governor(view: &RegionView<'_>, rule: RuleIdx, first: usize, last: usize) -> Governor {
    let tokens = &view.tokens;
    let cue_at = |i: usize| -> Option<(usize, usize)> {
        let p = view.predicate_at(i)?;
        p.rules.contains(&rule).then_some((p.first, p.last))
    };
    let sentence = view.sentence_of.get(first).copied();
    let same_sentence = |i: usize| view.sentence_of.get(i).copied() == sentence;
    // 1. "the March 22 attack", "the May 25 fatal shooting", "the Dec. 3 hearing": the noun
    // the date modifies, after at most two lower-case modifiers.
    for next in (last + 1..tokens.len()).take(3) {
        let Some(t) = tokens.get(next).filter(|t| t.word && same_sentence(next)) else {
            break;
        };
        if let Some(cue) = cue_at(next) {
            return Ok(cue);
        }
        if t.is_in(OCCASION_NOUNS) || t.is_in(EVENT_NOUNS) {
            return Err(format!("the date of another occasion: `{}`", t.text));
        }
        let modifier = t.text.starts_with(|c: char| c.is_ascii_lowercase())
            && !is_verb(tokens, next)
            && !t.is_in(PREPOSITIONS)
            && !t.is_in(DETERMINERS)
            && !t.is_in(COORDINATORS)
            && !t.is_in(SUBORDINATORS);
        if !modifier {
            break;
        }
    }
    // 2. A fronted date dates the main clause.
    if is_fronted(view, first) {
        return main_clause(view, last + 1, &cue_at);
    }
    // 3. The nearest verb before the date; through a light verb, its subject. A clause with
    // no verb before the date is a phrase of the clause before it ("killed her father and
    // daughter July 18", "happened shortly after midnight on Sept. 11").
    let mut light: Option<&str> = None;
    // An active verb of the event's actors passes the date to its subject, in its clause
    // only: "Gunmen stormed the hall on 21 March".
    let mut through: Option<(usize, Option<u32>)> = None;
    let mut k = first;
    while k > first.saturating_sub(REACH) {
        k -= 1;
        if !same_sentence(k) {
            break;
        }
        if let Some((verb, clause)) = through
            && view.clauses.of(k) != clause
        {
            return Err(format!(
                "the date of another predicate: `{}`",
                tokens[verb].text
            ));
        }
        if let Some(cue) = cue_at(k)
            && !modifies_a_noun(tokens, cue.1)
        {
            return Ok(cue);
        }
        let t = &tokens[k];
        if through.is_some() {
            continue;
        }
        if t.is_in(OCCASION_NOUNS) {
            return Err(format!("the date of another occasion: `{}`", t.text));
        }
        // "took place", "broke out": the pair is one light verb.
        if t.is_in(&["place", "out"]) && k > 0 && tokens[k - 1].is_in(&["took", "broke"]) {
            k -= 1;
            light.get_or_insert(tokens[k].text);
            continue;
        }
        if t.is_in(LIGHT_VERBS) || t.is_in(RESPONSE_VERBS) {
            light.get_or_insert(t.text);
            continue;
        }
        if is_verb(tokens, k) {
            if light.is_none() && passes_to_subject(tokens, k) {
                through = Some((k, view.clauses.of(k)));
                continue;
            }
            return Err(format!("the date of another predicate: `{}`", t.text));
        }
    }
    if let Some((verb, _)) = through {
        return Err(format!(
            "the date of another predicate: `{}`",
            tokens[verb].text
        ));
    }
    // 4. No cue before it: the first cue or verb after it in its clause ("Police on March 3
    // arrested …", "responded on Oct. 1 to a shooting").
    let clause = view.clauses.of(first);
    for k in (last + 1..tokens.len()).take(REACH) {
        if !same_sentence(k) || view.clauses.of(k) != clause {
            break;
        }
        if let Some(cue) = cue_at(k) {
            return Ok(cue);
        }
        if is_verb(tokens, k) && !tokens[k].is_in(RESPONSE_VERBS) {
            return object_cue(view, k, &cue_at)
                .ok_or_else(|| format!("the date of another predicate: `{}`", tokens[k].text));
        }
    }
    Err(match light {
        Some(verb) => format!("what `{verb}` says of is not the rule's event"),
        None => "no cue of the rule governs it in its clause".into(),
    })
}

/// Nouns that a cue before them only modifies: "a vigil for the fire victims on March 6" dates
/// the vigil, not the fire.
const MODIFIED_HEADS: &[&str] = &[
    "victim",
    "victims",
    "suspect",
    "suspects",
    "investigation",
    "investigators",
    "probe",
    "case",
    "survivors",
    "families",
    "fund",
    "anniversary",
];

/// Whether the cue ending at token `last` modifies the noun after it ("fire victims").
fn modifies_a_noun(tokens: &[Token<'_>], last: usize) -> bool {
    tokens.get(last + 1).is_some_and(|t| {
        t.is_in(MODIFIED_HEADS) && t.text.starts_with(|c: char| c.is_ascii_lowercase())
    })
}

/// Whether the verb at token `k` is an active verb of the event's actors, which hands a date
/// on to a cue that is its subject ("Gunmen stormed …", "Gunmen killed …"): not a verb of
/// the law's or a reporter's (those have dates of their own), and not passive ("Gunmen were
/// arrested": the subject is who it was done to).
fn passes_to_subject(tokens: &[Token<'_>], k: usize) -> bool {
    if tokens[k].is_in(PROCEDURAL_VERBS) {
        return false;
    }
    let before = tokens[..k]
        .iter()
        .rev()
        .find(|t| !(t.word && t.text.len() > 4 && t.text.ends_with("ly")));
    !before.is_some_and(|t| t.is_in(&["was", "were", "been", "being", "be", "is", "are", "got"]))
}

/// A cue right after the verb at token `k` — its object, after at most a determiner and a
/// modifier ("issued a warning", "carried out an attack") — if there is one.
fn object_cue(
    view: &RegionView<'_>,
    k: usize,
    cue_at: &dyn Fn(usize) -> Option<(usize, usize)>,
) -> Option<(usize, usize)> {
    if view.tokens.get(k)?.is_in(PROCEDURAL_VERBS) {
        return None;
    }
    (k + 1..view.tokens.len())
        .take(3)
        .take_while(|&i| view.tokens[i].word && view.clauses.of(i) == view.clauses.of(k))
        .find_map(cue_at)
}

/// The cue of the main clause after a fronted date, from token `from`: the first cue or verb
/// of the sentence, skipping a phrase that relates the date to an event ("two weeks before
/// the attack,") up to its comma.
fn main_clause(
    view: &RegionView<'_>,
    from: usize,
    cue_at: &dyn Fn(usize) -> Option<(usize, usize)>,
) -> Governor {
    let tokens = &view.tokens;
    let sentence = view.sentence_of.get(from.saturating_sub(1)).copied();
    let mut relative: Option<String> = None;
    let mut skipping = false;
    for k in (from..tokens.len()).take(REACH) {
        if view.sentence_of.get(k).copied() != sentence {
            break;
        }
        let t = &tokens[k];
        if skipping {
            if t.is_punct(",") {
                skipping = false;
            } else if let Some((a, b)) = cue_at(k) {
                let words = view.text.get(tokens[a].start..tokens[b].end).unwrap_or("?");
                relative.get_or_insert_with(|| words.to_string());
            }
            continue;
        }
        if t.is_in(RELATIVE_WORDS) {
            skipping = true;
            continue;
        }
        if let Some(cue) = cue_at(k) {
            return Ok(cue);
        }
        if is_verb(tokens, k) && !t.is_in(LIGHT_VERBS) && !t.is_in(RESPONSE_VERBS) {
            if let Some(cue) = object_cue(view, k, cue_at) {
                return Ok(cue);
            }
            return Err(match relative {
                Some(words) => format!("relative to the event, not its date (`{words}`)"),
                None => format!("the date of another predicate: `{}`", t.text),
            });
        }
    }
    Err(match relative {
        Some(words) => format!("relative to the event, not its date (`{words}`)"),
        None => "no cue of the rule in the clause it opens".into(),
    })
}

/// Whether an anchor's words name a time (a year, a month): for a date these are not another
/// event's marks but dates like the one judged.
fn names_a_time(words: &str) -> bool {
    words.bytes().any(|b| b.is_ascii_digit())
        || words.split_whitespace().any(|w| {
            w.starts_with(|c: char| c.is_ascii_uppercase())
                && crate::extract::number::MONTHS
                    .contains(&w.trim_end_matches('.').to_ascii_lowercase().as_str())
        })
}

/// Whether token `k` reads as a finite or participle verb: a news verb, a past form that does
/// not end in "-ed", or a lower-case word in "-ed" that no determiner makes an adjective ("the
/// injured").
fn is_verb(tokens: &[Token<'_>], k: usize) -> bool {
    let Some(t) = tokens.get(k).filter(|t| t.word) else {
        return false;
    };
    if !t.text.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    let after_determiner = k > 0 && tokens[k - 1].is_in(DETERMINERS);
    if t.is_in(IRREGULAR_VERBS) || t.is_in(NEWS_PREDICATES) {
        return !after_determiner;
    }
    t.text.len() > 3 && t.text.ends_with("ed") && !t.is_in(NOT_VERBS_IN_ED) && !after_determiner
}

/// Whether the date at token `first` opens its sentence, after at most a few words such as
/// "On", "Early on", "On the evening of".
fn is_fronted(view: &RegionView<'_>, first: usize) -> bool {
    let sentence = view.sentence_of.get(first);
    let before: Vec<&Token<'_>> = view.tokens[..first.min(view.tokens.len())]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(i, _)| view.sentence_of.get(*i) == sentence)
        .take(5)
        .map(|(_, t)| t)
        .collect();
    before.len() <= 4 && before.iter().all(|t| t.is_in(FRONTING_WORDS))
}

/// The first coordination that starts a second noun phrase or clause between `from` and `to`
/// ("and the", "but a", "while"), if any: past it, a date is another event's.
fn coordination(text: &str, from: usize, to: usize) -> Option<String> {
    if from > to {
        return None;
    }
    let mut previous: Option<&str> = None;
    for t in tokens(text, TextRange::new(from, to)) {
        if !t.word {
            continue;
        }
        if t.is_in(&["while", "whereas", "although", "though"]) {
            return Some(t.text.to_ascii_lowercase());
        }
        if let Some(prev) = previous
            && super::tokens::is_in(&["and", "but", "or"], prev)
            && t.is_in(DETERMINERS)
        {
            return Some(format!(
                "{} {}",
                prev.to_ascii_lowercase(),
                t.text.to_ascii_lowercase()
            ));
        }
        previous = Some(t.text);
    }
    None
}
