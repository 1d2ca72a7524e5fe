//! Quantity mentions: amounts near a rule's subject, in a cue frame, read as intervals.
//!
//! The number grammar (`number`) and the hedge table (`hedge`) find the amounts of a scope
//! region; `bind` decides which of them are the rule's; `hedge::to_quantity` reads each as an
//! interval with the rule's tolerance, roundness and unit.

use super::bind::{AGE_FRAME, Binder, Candidate, QUANTITY_FRAME, Rejection, implicit_counts};
use super::hedge::{self, Amount, ReadParams};
use super::number::NumUnit;
use super::terms::Hit;
use super::{Mention, Rejected};
use crate::finding::Finding;
use crate::rules::{RuleKind, RuleSet, Unit};
use crate::source::Document;
use crate::source::offsets::TextRange;
use crate::value::Value;
use crate::value::interval::Hedge;

/// The quantity mentions of every quantity rule in `doc`.
pub fn extract(
    rules: &RuleSet,
    doc: &Document,
    hits: &[Hit],
) -> (Vec<Mention>, Vec<Rejected>, Vec<Finding>) {
    let binder = Binder::new(doc, hits, rules, |k| matches!(k, RuleKind::Quantity(_)));
    let mut mentions = Vec::new();
    let mut rejected = Vec::new();
    if !binder.has_subjects() {
        return (mentions, rejected, Vec::new());
    }
    for (idx, rule) in rules.rules.iter().enumerate() {
        let RuleKind::Quantity(q) = &rule.kind else {
            continue;
        };
        let params = ReadParams::of_rule(q);
        let style = match q.unit {
            Unit::Age => AGE_FRAME,
            _ => QUANTITY_FRAME,
        };
        // The singular persons read in this document ("a man"), by range.
        let mut singulars: Vec<TextRange> = Vec::new();
        let (bound, mut rejections) = binder.bind(idx, style, |region| {
            let mut amounts = hedge::amounts(&doc.text, region.range());
            if q.unit == Unit::Count {
                amounts = with_implicit_counts(&doc.text, region, amounts, &mut singulars);
            }
            amounts
                .into_iter()
                .map(|a: Amount| Candidate {
                    range: TextRange::new(a.span.start, a.span.end),
                    excluded: a
                        .unfit_for(q.unit, q.currency.as_deref())
                        .map(|u| u.reason().to_string()),
                    data: a,
                })
                .collect()
        });
        // "A 46-year-old woman died" in a story that says "two people died" is one of them:
        // a singular person is read only where the document states no larger count.
        let larger = bound
            .iter()
            .find(|b| !singulars.contains(&b.candidate.range) && b.candidate.data.value > 1.0);
        // "Jo Reyes was killed … Sam Kim was killed": two people named, each one of the toll.
        let surname = |b: &super::bind::Bound<Amount>| {
            let text = doc.text.get(b.candidate.range.range()).unwrap_or("");
            let named = text.starts_with(|c: char| c.is_uppercase())
                && !text.split_whitespace().next().is_some_and(|w| {
                    ["a", "an", "another", "he", "she", "him", "her", "both"]
                        .iter()
                        .any(|x| w.eq_ignore_ascii_case(x))
                });
            named.then(|| text.rsplit(' ').next().unwrap_or(text).to_string())
        };
        let names: std::collections::BTreeSet<String> = bound
            .iter()
            .filter(|b| singulars.contains(&b.candidate.range))
            .filter_map(surname)
            .collect();
        let several = (names.len() > 1).then(|| {
            let names = names.iter().cloned().collect::<Vec<_>>().join("`, `");
            format!("one of several people named in the document (`{names}`)")
        });
        let larger_text = larger.map(|l| {
            let count = doc.text.get(l.candidate.range.range()).unwrap_or("?");
            format!("one of a larger count in the document (`{count}`)")
        });
        let (bound, parts): (Vec<_>, Vec<_>) = match larger_text.or(several) {
            Some(reason) => {
                let (keep, parts) = bound
                    .into_iter()
                    .partition(|b| !singulars.contains(&b.candidate.range));
                (
                    keep,
                    parts.into_iter().map(|b| (b, reason.clone())).collect(),
                )
            }
            None => (bound, Vec::new()),
        };
        rejections.extend(parts.into_iter().map(|(b, reason): (_, String)| Rejection {
            range: b.candidate.range,
            reason,
        }));
        for b in bound {
            let (amount, range, note) = match change_target(&doc.text, &b.candidate.data) {
                Some((target, range)) => (target, range, Some("the figure it changed to".into())),
                None => (b.candidate.data.clone(), b.candidate.range, None),
            };
            let quantity = hedge::to_quantity(&amount, &params);
            mentions.extend(binder.mention(idx, range, b.frame, Value::Quantity(quantity), note));
        }
        rejected.extend(binder.rejected(idx, rejections));
    }
    (mentions, rejected, binder.cap_warnings())
}

/// `amounts` of `region` with the counts written without a number added ("a man", "two
/// adults and four children", [`implicit_counts`]); a number inside a sum is read as part of
/// it, not alone.
/// The singular persons among them are added to `singulars`.
fn with_implicit_counts(
    text: &str,
    region: TextRange,
    amounts: Vec<Amount>,
    singulars: &mut Vec<TextRange>,
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
    singulars.extend(implicit.iter().filter(|c| c.singular).map(|c| c.range));
    let mut out: Vec<Amount> = amounts.into_iter().filter(|a| !inside(a)).collect();
    out.extend(implicit.iter().map(|c| Amount {
        span: c.range.range(),
        number_span: c.range.range(),
        hedge_span: None,
        hedge: Hedge::Exact,
        value: c.value,
        high: None,
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
