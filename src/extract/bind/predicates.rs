//! Predicates govern counts: each cue occurrence takes at most one count of its own clause.
//!
//! News puts a count in a few positions around its predicate, and nowhere else:
//!
//! | position | shape |
//! |---|---|
//! | subject | "N people were killed", "N died", "N dead" (the result of "left N dead") |
//! | object | "killed N", "killing at least N people", "the toll rose to N" |
//! | nominal | "a death toll of N", "N deaths", "N fatalities" (a cue noun, either side) |
//!
//! A subject stands at most three words before its predicate, with nothing but its noun
//! phrase and auxiliaries between ("N people have been killed"); an object at most three
//! words after it (ten after a verb of change: "the toll from the attack rose to N"). Neither
//! crosses punctuation, another number, a coordinator or a clause boundary, and a subject never
//! spans a determiner ("12 a woman died" is a caption number and a sentence). A count followed
//! by a noun that is not a word for people nor a cue counts that noun ("three gunmen").
//!
//! Every predicate — a cue of any rule of the kind, or a news verb from the lexicon — competes
//! for the counts around it, nearest first, so a count belongs to one predicate only: in
//! "killing 12 and injuring 49", 12 is `killing`'s and 49 is `injuring`'s. Two predicates
//! joined by a coordinator with nothing between ("shot and killed", "wounded or killed") share
//! their count. Each predicate looks at a bounded window of tokens, so governing a region is
//! linear in its length.

use super::lexicon::{
    AUXILIARIES, CHANGE_VERB_GAP, CHANGE_VERBS, CHANGE_VERBS_DIRECT, COORDINATORS, DETERMINERS,
    MODALS, NEWS_PREDICATES, PEOPLE_NOUNS, PERSON_NOUNS, blocks_object, ends_phrase,
    is_people_plural,
};
use super::region::RegionView;
use super::tokens::Token;
use crate::extract::terms::Hit;
use crate::rules::RuleIdx;
use crate::source::offsets::TextRange;

/// Most words between a subject count and its predicate.
const SUBJECT_GAP: usize = 3;
/// Most words between a predicate and its object count.
const OBJECT_GAP: usize = 3;
/// How many tokens around a predicate are searched for its count.
const WINDOW: usize = 16;

/// One predicate occurrence: a cue of one or more rules (overlapping cues merged), or a news
/// verb no rule names (`rules` empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Predicate {
    /// Its bytes in the matching text.
    pub span: TextRange,
    /// Its first token.
    pub first: usize,
    /// Its last token.
    pub last: usize,
    /// The rules whose cue it is.
    pub rules: Vec<RuleIdx>,
}

/// A count candidate located in the region's tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Count {
    /// Its bytes (hedge included: "at least 139").
    pub range: TextRange,
    /// Its first token.
    pub first: usize,
    /// Its last token.
    pub last: usize,
}

/// The predicates among `tokens`: the cue hits (by position) merged where they overlap, and
/// every news verb that no cue covers; and, for each token, whether it is part of one.
pub(super) fn find(tokens: &[Token<'_>], cues: &[Hit]) -> (Vec<Predicate>, Vec<bool>) {
    let mut out: Vec<Predicate> = Vec::new();
    for h in cues {
        if no_death_in(tokens, h) {
            continue;
        }
        // "fatally wounded": an adverb cue right before another cue decides what the pair
        // means; the second word adds nothing of its own.
        if let Some(last) = out.last_mut()
            && adverb_before(tokens, last, h)
        {
            last.span.end = h.end;
            continue;
        }
        if let Some(last) = out.last_mut()
            && h.start < last.span.end
        {
            last.span.end = last.span.end.max(h.end);
            if !last.rules.contains(&h.rule) {
                last.rules.push(h.rule);
            }
            continue;
        }
        out.push(Predicate {
            span: TextRange::new(h.start, h.end),
            first: 0,
            last: 0,
            rules: vec![h.rule],
        });
    }
    for p in &mut out {
        p.first = tokens.partition_point(|t| t.end <= p.span.start);
        p.last = tokens
            .partition_point(|t| t.start < p.span.end)
            .saturating_sub(1)
            .max(p.first);
    }
    let mut covered = vec![false; tokens.len()];
    for p in &out {
        for flag in covered.iter_mut().take(p.last + 1).skip(p.first) {
            *flag = true;
        }
    }
    for (i, t) in tokens.iter().enumerate() {
        if !covered[i] && t.is_in(NEWS_PREDICATES) {
            covered[i] = true;
            out.push(Predicate {
                span: TextRange::new(t.start, t.end),
                first: i,
                last: i,
                rules: Vec::new(),
            });
        }
    }
    out.sort_by_key(|p| (p.first, p.last));
    (out, covered)
}

/// Whether cue hit `h`, one word, is that word in a sense that says nothing of a death:
/// "lives" as a verb ("where she lives", not "claimed two lives"), "dead" in an idiom
/// ("looked him dead in the eye", "a dead end", "dead serious").
fn no_death_in(tokens: &[Token<'_>], h: &Hit) -> bool {
    let at = tokens.partition_point(|t| t.end <= h.start);
    let Some(word) = tokens
        .get(at)
        .filter(|t| t.start == h.start && t.end == h.end)
    else {
        return false;
    };
    let near = |k: isize| at.checked_add_signed(k).and_then(|i| tokens.get(i));
    let is = |k: isize, words: &[&str]| near(k).is_some_and(|t| t.is_in(words));
    if word.is_in(&["lives"]) {
        return is(-1, &["he", "she", "it", "who", "one", "someone", "nobody"]);
    }
    word.is_in(&["dead"])
        && (is(
            1,
            &[
                "end", "ends", "center", "centre", "serious", "wrong", "silent",
            ],
        ) || is(1, &["in"]) && is(2, &["the"]) && is(3, &["face", "eye", "eyes"]))
}

/// Whether cue hit `h` follows predicate `p`, an adverb ("fatally"), with nothing between.
fn adverb_before(tokens: &[Token<'_>], p: &Predicate, h: &Hit) -> bool {
    let at = tokens.partition_point(|t| t.end <= p.span.start);
    let Some(word) = tokens
        .get(at)
        .filter(|t| t.start == p.span.start && t.end == p.span.end)
    else {
        return false;
    };
    let next = tokens.get(at + 1);
    word.text.len() > 4
        && word.text.to_ascii_lowercase().ends_with("ly")
        && next.is_some_and(|n| n.start == h.start)
}

/// Who governs each count: the indices (into `view.predicates`) of the predicates that took
/// it, empty when none did.
/// `number` marks the tokens of every count ([`number_marks`]).
pub(super) fn govern(view: &RegionView<'_>, counts: &[Count], number: &[bool]) -> Vec<Vec<usize>> {
    let mut pairs = Vec::new();
    for (pi, p) in view.predicates.iter().enumerate() {
        let lo = counts.partition_point(|c| c.first + WINDOW < p.first);
        for (ci, c) in counts
            .iter()
            .enumerate()
            .skip(lo)
            .take_while(|(_, c)| c.first <= p.last + WINDOW)
        {
            if let Ok(score) = position(view, p, c, number) {
                pairs.push((score, c.first, pi, ci));
            }
        }
    }
    pairs.sort_unstable();
    let mut taken: Vec<bool> = vec![false; view.predicates.len()];
    let mut owners: Vec<Vec<usize>> = vec![Vec::new(); counts.len()];
    for &(_, _, pi, ci) in &pairs {
        if !taken[pi] && owners[ci].is_empty() {
            taken[pi] = true;
            owners[ci].push(pi);
        }
    }
    // "shot and killed": a predicate joined to the count's owner shares it.
    for &(_, _, pi, ci) in &pairs {
        if !taken[pi]
            && owners[ci]
                .iter()
                .any(|&q| joined(view, &view.predicates[pi], &view.predicates[q]))
        {
            taken[pi] = true;
            owners[ci].push(pi);
        }
    }
    owners
}

/// The predicate among `owned` (a count's governing predicates, [`govern`]) that is a cue of
/// `rule`, if any.
pub(super) fn of_rule<'v>(
    view: &'v RegionView<'_>,
    owned: &[usize],
    rule: RuleIdx,
) -> Option<&'v Predicate> {
    owned
        .iter()
        .filter_map(|&pi| view.predicates.get(pi))
        .find(|p| p.rules.contains(&rule))
}

/// Which tokens are part of a count.
pub(super) fn number_marks(view: &RegionView<'_>, counts: &[Count]) -> Vec<bool> {
    let mut number = vec![false; view.tokens.len()];
    for c in counts {
        for flag in number.iter_mut().take(c.last + 1).skip(c.first) {
            *flag = true;
        }
    }
    number
}

/// Whether nothing but a coordinator (and a comma) stands between two predicates.
fn joined(view: &RegionView<'_>, a: &Predicate, b: &Predicate) -> bool {
    let (x, y) = if a.first <= b.first { (a, b) } else { (b, a) };
    let Some(between) = view.tokens.get(x.last + 1..y.first) else {
        return x.last + 1 >= y.first; // adjacent or overlapping
    };
    match between {
        [] => true,
        [c] => c.is_in(COORDINATORS),
        [comma, c] => comma.is_punct(",") && c.is_in(COORDINATORS),
        _ => false,
    }
}

/// The text of a predicate, for reasons.
pub(super) fn name<'t>(view: &RegionView<'t>, p: &Predicate) -> &'t str {
    view.text.get(p.span.range()).unwrap_or("?")
}

/// One parent, named by the children's number: "a father of three", "mother of 5" (not "a
/// family of five", which counts its members).
const PARENTS: &[&str] = &[
    "father",
    "mother",
    "dad",
    "mom",
    "mum",
    "parent",
    "grandfather",
    "grandmother",
    "grandparent",
];

/// Whether the count at token `first` follows a verb of change ("rose to", "reached").
pub(super) fn after_change_verb(tokens: &[Token<'_>], first: usize) -> bool {
    let words: Vec<&Token<'_>> = tokens[..first.min(tokens.len())]
        .iter()
        .rev()
        .take_while(|t| t.word)
        .take(2)
        .collect();
    match words.as_slice() {
        [last, verb, ..] if last.is_in(&["to", "at", "by"]) => verb.is_in(CHANGE_VERBS),
        [last, ..] => last.is_in(CHANGE_VERBS_DIRECT),
        [] => false,
    }
}

/// Whether predicate `p` can govern count `c`, and how tightly (words between): the reason
/// when it cannot.
pub(super) fn position(
    view: &RegionView<'_>,
    p: &Predicate,
    c: &Count,
    number: &[bool],
) -> Result<usize, String> {
    let tokens = &view.tokens;
    let cue = name(view, p);
    if view.sentence_of.get(p.first) != view.sentence_of.get(c.first) {
        return Err(format!("in another sentence than `{cue}`"));
    }
    // "Father of 3 fatally shot": one parent, and the number counts the children.
    if let Some(parent) = c.first.checked_sub(2).and_then(|k| tokens.get(k))
        && parent.is_in(PARENTS)
        && tokens.get(c.first - 1).is_some_and(|t| t.is_in(&["of"]))
    {
        return Err(format!("counts the children of one (`{} of`)", parent.text));
    }
    // The count's end nearest the predicate decides: a list ("a man and a woman") may span
    // the clauses its coordinator opens.
    let near = if c.last < p.first { c.last } else { c.first };
    if view.clauses.of(p.first) != view.clauses.of(near) {
        let later = if near > p.first { near } else { p.first };
        let opener = view
            .clauses
            .opened_by(later)
            .and_then(|o| tokens.get(o))
            .map_or(String::new(), |t| format!(" (`{}` opens it)", t.text));
        return Err(format!("in another clause than `{cue}`{opener}"));
    }
    // "two of the four victims had died": the part is the verb's subject, and the whole
    // ("four") only says of which.
    if c.last < p.first
        && let Some(part) = partitive_part(view, c, number)
        && is_main_verb(tokens, p)
    {
        let part = tokens.get(part).map_or("?", |t| t.text);
        return Err(format!("the whole a part is taken from: `{part} of`"));
    }
    let whole_end = (c.last < p.first && is_main_verb(tokens, p))
        .then(|| partitive_whole_end(tokens, c.last, number))
        .flatten();
    let (from, to, subject) = if c.last < p.first {
        // "shot and killed": the first predicate of a coordinated pair stands between.
        let mut k = p.first;
        while k >= 2
            && k - 2 > c.last
            && tokens[k - 1].is_in(COORDINATORS)
            && view.in_predicate.get(k - 2).copied().unwrap_or(false)
        {
            k -= 2;
            while k > c.last + 1 && view.in_predicate.get(k - 1).copied().unwrap_or(false) {
                k -= 1;
            }
        }
        (whole_end.map_or(c.last + 1, |end| end + 1), k, true)
    } else if c.first > p.last {
        (p.last + 1, c.first, false)
    } else {
        return Err(format!("part of the cue `{cue}`"));
    };
    // "Ross Anderson is accused of killing …", "a man suspected of fatally shooting …":
    // the count is the one accused, not a victim.
    if subject
        && let Some(t) = tokens
            .get(from..to)
            .and_then(|between| between.iter().find(|t| t.is_in(ACCUSED)))
    {
        return Err(format!("the one `{}` of `{cue}`, not a victim", t.text));
    }
    let changed = !subject && after_change_verb(tokens, c.first);
    let mut words = 0;
    for (i, t) in tokens.iter().enumerate().take(to).skip(from) {
        if !t.word {
            if matches!(t.text, "'" | "’") {
                continue;
            }
            return Err(format!("`{}` stands between it and `{cue}`", t.text));
        }
        if number.get(i).copied().unwrap_or(false) || t.text.bytes().any(|b| b.is_ascii_digit()) {
            return Err(format!("another number stands between it and `{cue}`"));
        }
        if t.is_in(COORDINATORS) {
            return Err(format!("`{}` stands between it and `{cue}`", t.text));
        }
        // "another child was not killed", "two could have died".
        if subject && t.is_in(MODALS) && !is_month_and_day(tokens, i) {
            return Err(format!("hypothetical or negated (`{}`)", t.text));
        }
        // "three other people were hurt": `other` right after the count is its own phrase.
        if subject && t.is_in(DETERMINERS) && !(i == from && t.is_in(&["other"])) {
            return Err(format!(
                "another noun phrase starts after it (`{}`)",
                t.text
            ));
        }
        // After a verb of change the words between are the noun's own phrase ("the toll from
        // the attack rose to 137").
        // "budgeted at $4.5 million", "amounted to 12": `at` or `to` right after the cue
        // introduces its figure.
        // But "died at 25", "dead at 25": after a verb or adjective, `at` and a bare
        // number of up to three digits give an age or a time, not a figure.
        let verb_like = tokens.get(p.last).is_some_and(|w| {
            let w = w.text.to_ascii_lowercase();
            w.ends_with("ed") || matches!(w.as_str(), "dead" | "die" | "dies")
        });
        let bare = view
            .text
            .get(c.range.range())
            .is_some_and(|n| n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()));
        let introduces =
            i == from && (t.is_in(&["to"]) || t.is_in(&["at"]) && !(verb_like && bare));
        if !subject && !changed && !introduces && blocks_object(t) {
            return Err(format!("`{}` stands between `{cue}` and it", t.text));
        }
        words += 1;
    }
    let reach = match (subject, changed) {
        (true, _) => SUBJECT_GAP,
        (false, true) => CHANGE_VERB_GAP,
        (false, false) => OBJECT_GAP,
    };
    if words > reach {
        return Err(format!("too far from `{cue}`"));
    }
    // "A gunman killed four people", "two men killed a woman": a verb with its own object
    // after it is active, and the count before it is its agent, not its victims.
    // An adverb cue's verb stands between: "A man fatally shot his partner" (not "Man
    // fatally shot outside a store").
    let adverb = tokens
        .get(p.last)
        .is_some_and(|t| t.text.len() > 4 && t.text.to_ascii_lowercase().ends_with("ly"))
        && tokens
            .get(p.last + 1)
            .is_some_and(|t| t.is_in(&["shot", "stabbed", "struck", "wounded", "injured", "hit"]));
    let object = p.last + 1 + usize::from(adverb);
    if subject
        && let Some(next) = tokens.get(object)
        && (number.get(object).copied().unwrap_or(false)
            || next.is_in(&[
                "a",
                "an",
                "his",
                "her",
                "their",
                "him",
                "them",
                "himself",
                "herself",
                "themselves",
            ])
            || adverb && next.is_in(&["the", "two", "three", "four", "five"])
            || the_people_after(tokens, c, p, object)
            || names_its_object(tokens, c, p, object))
    {
        return Err(format!("the agent of `{cue}`, which has its own object"));
    }
    let head = Count {
        last: whole_end.unwrap_or(c.last),
        ..*c
    };
    counted_noun(view, &head, subject)?;
    if let Some(word) = modal_before(view, from.min(p.first).min(c.first)) {
        return Err(format!("hypothetical or negated (`{word}`)"));
    }
    // "The toll from the attack rose to 137": the verb of change links the count to the
    // noun before it as tightly as to the verb itself, and the earlier predicate wins a tie.
    Ok(if changed { words.min(1) } else { words })
}

/// Whether predicate `p` is the verb of its clause rather than a word of the noun phrase
/// before it: after an auxiliary ("had died", "were killed", "was pronounced dead"), or a verb
/// that modifies no noun
/// ("died"). "one of the five people injured" ends its noun phrase with the cue.
fn is_main_verb(tokens: &[Token<'_>], p: &Predicate) -> bool {
    let before = |n: usize| p.first.checked_sub(n).and_then(|k| tokens.get(k));
    before(1).is_some_and(|t| t.is_in(AUXILIARIES))
        // "was pronounced dead", "were found dead".
        || before(1).is_some_and(|t| t.is_in(&["pronounced", "found", "declared"]))
            && before(2).is_some_and(|t| t.is_in(AUXILIARIES))
        || tokens
            .get(p.first)
            .is_some_and(|t| t.is_in(&["died", "dies", "die"]))
}

/// Whether count `c` is the part that heads a partitive subject of `p`'s verb: "two of the
/// four victims had died" counts two deaths, not a subset of them.
pub(super) fn heads_partitive(
    view: &RegionView<'_>,
    p: &Predicate,
    c: &Count,
    number: &[bool],
) -> bool {
    c.last < p.first
        && is_main_verb(&view.tokens, p)
        && partitive_whole_end(&view.tokens, c.last, number).is_some()
}

/// For a part ("two" in "two of the four victims"), the last token of the partitive's whole,
/// when it has a number ("four"), or of its determiner ("two of the victims") — if the whole
/// is of victims, not of attackers ("two of the gunmen were killed" stays a subset).
fn partitive_whole_end(tokens: &[Token<'_>], last: usize, number: &[bool]) -> Option<usize> {
    super::quantifiers::partitive(tokens, last)?;
    let mut end = last + 1;
    if tokens.get(end + 1).is_some_and(|t| t.is_in(DETERMINERS)) {
        end += 1;
    }
    while number.get(end + 1).copied().unwrap_or(false) {
        end += 1;
    }
    let victims = tokens
        .iter()
        .skip(end + 1)
        .take(3)
        .take_while(|t| t.word && !t.is_in(AUXILIARIES))
        .any(|t| {
            (t.is_in(PEOPLE_NOUNS) || is_people_plural(t))
                && !t.is_in(&["gunmen", "shooters", "suspects", "attackers", "assailants"])
        });
    victims.then_some(end)
}

/// For a whole ("four" in "two of the four victims"), the token of its part ("two").
fn partitive_part(view: &RegionView<'_>, c: &Count, number: &[bool]) -> Option<usize> {
    let tokens = &view.tokens;
    let mut k = c.first.checked_sub(1)?;
    if tokens.get(k).is_some_and(|t| t.is_in(DETERMINERS)) {
        k = k.checked_sub(1)?;
    }
    let of = tokens.get(k).filter(|t| t.is_in(&["of"]))?;
    let part = k.checked_sub(1)?;
    // "One of the four was pronounced dead": "one" is read as a pronoun, not a number.
    let numeric = number.get(part).copied().unwrap_or(false)
        || tokens
            .get(part)
            .is_some_and(|t| t.text.bytes().all(|b| b.is_ascii_digit()) || t.is_in(&["one"]));
    (numeric && of.word).then_some(part)
}

/// Vague multiples that take "of" before what they count: "dozens of people".
const VAGUE_MULTIPLES: &[&str] = &[
    "dozens",
    "hundreds",
    "thousands",
    "scores",
    "millions",
    "tens",
];

/// Rejects a count attached to a noun that is neither a cue nor a word for people: "three
/// gunmen", "five rifles".
fn counted_noun(view: &RegionView<'_>, c: &Count, subject: bool) -> Result<(), String> {
    let after: Vec<(usize, &Token<'_>)> = view
        .tokens
        .iter()
        .enumerate()
        .skip(c.last + 1)
        .take_while(|(_, t)| t.word)
        .take(4)
        .collect();
    let is_predicate = |i: usize| view.in_predicate.get(i).copied().unwrap_or(false);
    let Some(&(i, first)) = after.first() else {
        return Ok(()); // punctuation or the end: the number stands alone
    };
    if is_predicate(i) || first.is_in(PEOPLE_NOUNS) || first.is_in(AUXILIARIES) {
        return Ok(());
    }
    // "Dozens of people died": a vague multiple counts the people its "of" names ("hundreds
    // of homes" counts homes).
    if first.is_in(&["of"])
        && view
            .tokens
            .get(c.last)
            .is_some_and(|t| t.is_in(VAGUE_MULTIPLES))
    {
        return match after
            .iter()
            .skip(1)
            .take(2)
            .find(|&&(k, t)| is_predicate(k) || t.is_in(PEOPLE_NOUNS))
        {
            Some(_) => Ok(()),
            None => Err(format!(
                "counts something else (`of {}`)",
                after.get(1).map_or("", |(_, t)| t.text)
            )),
        };
    }
    if ends_phrase(first) {
        return if subject {
            Err(format!(
                "not counting what the cue names (`{}`)",
                first.text
            ))
        } else {
            Ok(())
        };
    }
    // An unknown word: a modifier of a noun cue ("140 civilian victims") or the head of
    // another noun phrase ("three militants").
    for &(k, t) in after.iter().skip(1).take(2) {
        if t.is_in(AUXILIARIES) || ends_phrase(t) {
            break;
        }
        if is_predicate(k) || t.is_in(PEOPLE_NOUNS) {
            return Ok(());
        }
    }
    Err(format!("counts something else (`{}`)", first.text))
}

/// Whether an auxiliary stands between a count and the cue after it ("two were killed"):
/// then the cue is passive and takes no object.
fn is_passive(tokens: &[Token<'_>], c: &Count, p: &Predicate) -> bool {
    tokens
        .get(c.last + 1..p.first)
        .is_some_and(|between| between.iter().any(|t| t.is_in(AUXILIARIES)))
}

/// Whether an active cue verb takes "the" and people as its object: "he shot and killed the
/// residents" (not "two died the next day", nor a passive "was killed the same night").
fn the_people_after(tokens: &[Token<'_>], c: &Count, p: &Predicate, object: usize) -> bool {
    // An adjective or intransitive cue takes no object: "two dead the sheriff said".
    let transitive = tokens
        .get(p.last)
        .is_some_and(|t| !t.is_in(&["dead", "died", "dies", "die", "deaths", "lives", "toll"]));
    !is_passive(tokens, c, p)
        && transitive
        && tokens.get(object).is_some_and(|t| t.is_in(&["the"]))
        && tokens
            .get(object + 1..(object + 3).min(tokens.len()))
            .is_some_and(|words| {
                words
                    .iter()
                    .take_while(|t| t.word)
                    .any(|t| t.is_in(PERSON_NOUNS) || is_people_plural(t))
            })
}

/// Words that make a verb's subject its suspect: "accused of killing".
const ACCUSED: &[&str] = &[
    "accused",
    "charged",
    "suspected",
    "convicted",
    "indicted",
    "sentenced",
    "wanted",
    "blamed",
];

/// Whether an active cue verb takes a name as its object: "He shot and killed Lusk" (the
/// count before it is the agent). A passive ("was killed") or a time after the verb ("killed
/// Tuesday", "killed Christmas Eve") is no object.
fn names_its_object(tokens: &[Token<'_>], c: &Count, p: &Predicate, object: usize) -> bool {
    const HOLIDAYS: &[&str] = &[
        "christmas",
        "thanksgiving",
        "easter",
        "halloween",
        "memorial",
        "labor",
        "independence",
        "new",
    ];
    let Some(next) = tokens.get(object) else {
        return false;
    };
    // "four slain Dearborn siblings": a participle right after a number is its adjective.
    if c.last + 1 == p.first
        && tokens.get(c.last).is_some_and(|t| {
            t.text.starts_with(|ch: char| ch.is_ascii_digit())
                || crate::extract::number::is_count_word(&t.text.to_ascii_lowercase())
        })
    {
        return false;
    }
    let passive = is_passive(tokens, c, p);
    // "killed 37-year-old Ann Lee": an age before the victim's name or noun.
    let aged = next.text.starts_with(|ch: char| ch.is_ascii_digit())
        && tokens
            .get(object..(object + 4).min(tokens.len()))
            .is_some_and(|run| {
                run.iter()
                    .any(|t| t.text.to_ascii_lowercase().contains("year"))
            });
    if aged && !passive {
        return true;
    }
    // In a title-case headline ("4 Others Injured In Crash") every word is capitalized.
    let title_case = tokens
        .get(p.last)
        .is_some_and(|t| t.text.starts_with(|ch: char| ch.is_uppercase()));
    // A name, not a weekday or month ("killed Tuesday"), nor a holiday ("killed Christmas Eve").
    super::implicit::is_name(next) && !next.is_in(HOLIDAYS) && !title_case && !passive
}

/// A modal or negating word among the three words before token `start`, in its clause.
pub(super) fn modal_before(view: &RegionView<'_>, start: usize) -> Option<String> {
    let clause = view.clauses.of(start);
    view.tokens[..start.min(view.tokens.len())]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(i, _)| view.clauses.of(*i) == clause)
        .filter(|(_, t)| t.word)
        .take(3)
        .find(|(i, t)| t.is_in(MODALS) && !is_month_and_day(&view.tokens, *i))
        .map(|(_, t)| t.text.to_string())
}

/// Whether token `i` is "May" the month, before its day ("On May 3, four were hurt"), not
/// the modal.
fn is_month_and_day(tokens: &[Token<'_>], i: usize) -> bool {
    tokens
        .get(i)
        .is_some_and(|t| t.text.starts_with(char::is_uppercase))
        && tokens.get(i + 1).is_some_and(|d| {
            d.word && d.text.len() <= 2 && d.text.bytes().all(|b| b.is_ascii_digit())
        })
}
