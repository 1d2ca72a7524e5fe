//! Quantity mentions: amounts near a rule's subject, in a cue frame, read as intervals.
//!
//! The number grammar (`number`) and the hedge table (`hedge`) find the amounts of a scope
//! region; `bind` decides which of them are the rule's; `hedge::to_quantity` reads each as an
//! interval with the rule's tolerance, roundness and unit.

use std::collections::{BTreeMap, BTreeSet};

use super::bind::{
    AGE_FRAME, Binder, Bound, Candidate, Person, QUANTITY_FRAME, Rejection, Story,
    attacker_also_died, counts_by_degree, counts_by_place, counts_deaths, counts_one_in_dispute,
    implicit_counts,
};
use super::hedge::{self, Amount, ReadParams};
use super::number::NumUnit;
use super::terms::Hit;
use super::{Mention, Rejected};
use crate::finding::Finding;
use crate::rules::{RuleKind, Unit};
use crate::source::offsets::TextRange;
use crate::value::Value;
use crate::value::interval::Hedge;

/// The quantity mentions of every quantity rule in the part `within` of the story's document,
/// whose term hits are `hits`.
pub fn extract(
    story: &Story<'_>,
    within: TextRange,
    hits: &[Hit],
    keep_rejections: bool,
) -> (Vec<Mention>, Vec<Rejected>, Vec<Finding>) {
    let (rules, doc) = (story.rules, story.doc);
    let binder = Binder::new(
        story,
        within,
        hits,
        |k| matches!(k, RuleKind::Quantity(_)),
        keep_rejections,
    );
    let mut mentions = Vec::new();
    let mut rejected = Vec::new();
    if !binder.has_subjects() {
        return (mentions, rejected, Vec::new());
    }
    // Each region's amounts, read once for every rule (with the counts written without a
    // number merged in, for `unit = "count"`), and the single persons among them ("a man",
    // "Jo Reyes"), by range.
    let mut scanned: BTreeMap<(TextRange, bool), Vec<Amount>> = BTreeMap::new();
    let mut persons: BTreeMap<TextRange, Person> = BTreeMap::new();
    // The sums of several people among them ("his father and brother").
    let mut lists: BTreeSet<TextRange> = BTreeSet::new();
    for (idx, rule) in rules.rules.iter().enumerate() {
        let RuleKind::Quantity(q) = &rule.kind else {
            continue;
        };
        let params = ReadParams::of_rule(q);
        let style = match q.unit {
            Unit::Age => AGE_FRAME,
            _ => QUANTITY_FRAME,
        };
        let people = q.unit == Unit::Count;
        let (bound, mut rejections) = binder.bind(idx, style, |region| {
            let key = (region, people);
            let amounts = scanned.remove(&key).unwrap_or_else(|| {
                let amounts = hedge::amounts(&doc.text, region.range());
                if people {
                    with_implicit_counts(&doc.text, region, amounts, &mut persons, &mut lists)
                } else {
                    amounts
                }
            });
            // Kept only for a rule still to come (a document's amounts are not all held).
            let candidates = amounts
                .iter()
                .cloned()
                .map(|a: Amount| Candidate {
                    range: TextRange::new(a.span.start, a.span.end),
                    excluded: a
                        .unfit_for(q.unit, q.currency.as_deref())
                        .map(|u| u.reason().to_string()),
                    data: a,
                })
                .collect();
            if binder.read_again_later(region) {
                scanned.insert(key, amounts);
            }
            candidates
        });
        let (bound, parts) = without_parts(&doc.text, bound, &persons, &lists);
        rejections.extend(parts);
        for b in bound {
            let (amount, range, note) = match change_target(&doc.text, &b.candidate.data) {
                Some((target, range)) => (target, range, Some("the figure it changed to".into())),
                None => (b.candidate.data.clone(), b.candidate.range, None),
            };
            let mut quantity = hedge::to_quantity(&amount, &params);
            // "he was pronounced dead", "two were critically wounded", "one died at the
            // scene": some of them, at least.
            quantity.some_of = people
                // One person named ("he", "a 46-year-old woman", "Jo Reyes") is a victim the
                // story tells of, not how many there were; "another" counts one more.
                && (matches!(
                    persons.get(&b.candidate.range),
                    Some(Person::Unnamed | Person::Named(_))
                )
                    || counts_by_degree(&doc.text, b.frame)
                    || counts_by_place(&doc.text, b.frame));
            // "killed two before killing himself": two victims, three deaths. Which one a
            // toll means is the newsroom's convention, so the reading allows both.
            // A count of deaths that says it includes one some tolls leave out ("including
            // the gunman") reads one fewer as well; one that leaves out a dead attacker, one
            // more: in the count's own sentence, or else anywhere in the story.
            let deaths = people && counts_deaths(&doc.text, b.frame);
            let disputed = deaths
                .then(|| counts_one_in_dispute(&doc.text, b.frame))
                .flatten();
            let attacker = if people && quantity.interval.hi.is_finite() {
                attacker_also_died(&doc.text, b.frame, b.candidate.range).or_else(|| {
                    (story.attacker_died())
                        .filter(|_| deaths && disputed.is_none())
                        .map(str::to_string)
                })
            } else {
                None
            };
            let note = match (attacker, disputed) {
                (Some(words), _) => {
                    quantity.interval.hi += 1.0;
                    Some(format!("or one more with the attacker (`{words}`)"))
                }
                (None, Some(words)) if quantity.interval.lo >= 1.0 => {
                    quantity.interval.lo -= 1.0;
                    Some(format!("or one fewer without whom it includes (`{words}`)"))
                }
                _ => note,
            };
            mentions.extend(binder.mention(idx, range, b.frame, Value::Quantity(quantity), note));
        }
        rejected.extend(binder.rejected(idx, rejections));
    }
    (mentions, rejected, binder.cap_warnings())
}

/// "A 46-year-old woman died" in a story that says "two people died" is one of them, and so
/// is each of two people named for the fact ("Jo Reyes was killed … Sam Kim was killed"): a
/// single person is read only where the document states no larger count and names nobody
/// else. Likewise the people a list names ("killed his father and brother") are some of a
/// larger count the document states ("five dead"). Returns the readings kept and the
/// rejected parts.
fn without_parts(
    text: &str,
    bound: Vec<Bound<Amount>>,
    persons: &BTreeMap<TextRange, Person>,
    lists: &BTreeSet<TextRange>,
) -> (Vec<Bound<Amount>>, Vec<Rejection>) {
    let is_person = |b: &Bound<Amount>| persons.contains_key(&b.candidate.range);
    // "killed his father and brother" in a story of a rampage that left five dead: the
    // people a list names are some of the dead. The first larger count is found by a binary
    // search over the running maximum of the counts that are not single persons.
    let mut running: Vec<f64> = Vec::with_capacity(bound.len());
    for b in &bound {
        let value = if is_person(b) {
            f64::NEG_INFINITY
        } else {
            b.candidate.data.value
        };
        running.push(running.last().map_or(value, |m: &f64| m.max(value)));
    }
    let larger_than = |list: &Bound<Amount>| {
        let at = running.partition_point(|&m| m <= list.candidate.data.value);
        bound.get(at).map(|l| {
            let count = text.get(l.candidate.range.range()).unwrap_or("?");
            format!("some of a larger count in the document (`{count}`)")
        })
    };
    let reasons: Vec<Option<String>> = bound
        .iter()
        .map(|b| {
            lists
                .contains(&b.candidate.range)
                .then(|| larger_than(b))
                .flatten()
        })
        .collect();
    let mut rejected = Vec::new();
    let bound: Vec<Bound<Amount>> = bound
        .into_iter()
        .zip(reasons)
        .filter_map(|(b, reason)| match reason {
            Some(reason) => {
                rejected.push(Rejection {
                    range: b.candidate.range,
                    reason,
                });
                None
            }
            None => Some(b),
        })
        .collect();
    let larger = bound
        .iter()
        .find(|b| !is_person(b) && b.candidate.data.value > 1.0)
        .map(|l| {
            let count = text.get(l.candidate.range.range()).unwrap_or("?");
            format!("one of a larger count in the document (`{count}`)")
        });
    let names: BTreeSet<&str> = bound
        .iter()
        .filter_map(|b| match persons.get(&b.candidate.range) {
            Some(Person::Named(surname)) => Some(surname.as_str()),
            _ => None,
        })
        .collect();
    let several = (names.len() > 1).then(|| {
        let names: Vec<&str> = names.into_iter().collect();
        format!(
            "one of several people named in the document (`{}`)",
            names.join("`, `")
        )
    });
    let Some(reason) = larger.or(several) else {
        return (bound, rejected);
    };
    let (parts, keep): (Vec<_>, Vec<_>) = bound.into_iter().partition(is_person);
    rejected.extend(parts.into_iter().map(|b| Rejection {
        range: b.candidate.range,
        reason: reason.clone(),
    }));
    (keep, rejected)
}

/// `amounts` of `region` with the counts written without a number added ("a man", "two
/// adults and four children", [`implicit_counts`]); a number inside a sum is read as part of
/// it, not alone. The single persons among them are added to `persons`.
fn with_implicit_counts(
    text: &str,
    region: TextRange,
    amounts: Vec<Amount>,
    persons: &mut BTreeMap<TextRange, Person>,
    lists: &mut BTreeSet<TextRange>,
) -> Vec<Amount> {
    let plain: Vec<(TextRange, f64)> = amounts
        .iter()
        .filter(|a| {
            a.exclusion.is_none()
                && a.unit == NumUnit::Plain
                && a.hedge == Hedge::Exact
                && a.high.is_none()
                && a.vague.is_none()
        })
        .map(|a| (TextRange::new(a.span.start, a.span.end), a.value))
        .collect();
    let implicit = implicit_counts(text, region, &plain);
    if implicit.is_empty() {
        return amounts;
    }
    let inside = |a: &Amount| {
        let at = implicit.partition_point(|c| c.range.end <= a.span.start);
        implicit
            .get(at)
            .is_some_and(|c| c.range.start <= a.span.start && a.span.end <= c.range.end)
    };
    for c in &implicit {
        match &c.person {
            Some(person) => {
                persons.insert(c.range, person.clone());
            }
            None => {
                lists.insert(c.range);
            }
        }
    }
    let mut out: Vec<Amount> = amounts.into_iter().filter(|a| !inside(a)).collect();
    out.extend(implicit.iter().map(|c| Amount {
        span: c.range.range(),
        number_span: c.range.range(),
        hedge_span: None,
        hedge: if c.uncertain > 0.0 {
            Hedge::Range
        } else {
            Hedge::Exact
        },
        value: c.value - c.uncertain,
        high: (c.uncertain > 0.0).then_some(c.value),
        vague: None,
        unit: NumUnit::Plain,
        exclusion: None,
        swapped: false,
    }));
    out.sort_by_key(|a| (a.span.start, a.span.end));
    out
}

/// Verbs after which "from X to Y" is a change, not a range.
const CHANGE_VERBS: &[&str] = &[
    "rose",
    "risen",
    "rises",
    "climbed",
    "climbs",
    "increased",
    "increases",
    "jumped",
    "grew",
    "grown",
    "soared",
    "fell",
    "fallen",
    "dropped",
    "decreased",
    "declined",
    "revised",
    "raised",
    "lowered",
    "went",
    "moved",
    "changed",
    "updated",
];

/// "the toll rose from 139 to 144": the figure is 144, not the range 139–144. Returns the
/// target as an exact amount with its own span.
fn change_target(text: &str, amount: &Amount) -> Option<(Amount, TextRange)> {
    let high = amount.high?;
    let hedge = text.get(amount.hedge_span.clone()?)?;
    if !hedge.to_ascii_lowercase().starts_with("from") {
        return None;
    }
    let before = text.get(..amount.span.start)?.trim_end();
    let verb = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()?
        .to_lowercase();
    if !CHANGE_VERBS.contains(&verb.as_str()) {
        return None;
    }
    let last = super::number::scan(text, amount.span.clone()).pop()?;
    if last.value != high {
        return None;
    }
    let span = last.full_span();
    let target = Amount {
        span: span.clone(),
        number_span: last.span.clone(),
        hedge_span: None,
        hedge: Hedge::Exact,
        value: high,
        high: None,
        vague: None,
        ..amount.clone()
    };
    Some((target, TextRange::new(span.start, span.end)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(text: &str) -> Option<String> {
        let amounts = hedge::amounts(text, 0..text.len());
        let a = amounts.iter().find(|a| a.high.is_some())?;
        change_target(text, a).map(|(t, r)| format!("{} {}", t.value, &text[r.range()]))
    }

    #[test]
    fn a_change_reads_its_target() {
        assert_eq!(
            target("the toll rose from 139 to 144 on Monday").as_deref(),
            Some("144 144")
        );
        assert_eq!(
            target("the toll climbed from 133 to 137").as_deref(),
            Some("137 137")
        );
        assert_eq!(
            target("estimates ranged from 139 to 144"),
            None,
            "not a verb of change"
        );
        assert_eq!(
            target("between 139 and 144 died"),
            None,
            "a range, not a change"
        );
    }
}
