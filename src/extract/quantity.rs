//! Quantity mentions: amounts near a rule's subject, in a cue frame, read as intervals.
//!
//! The number grammar (`number`) and the hedge table (`hedge`) find the amounts of a scope
//! region; `bind` decides which of them are the rule's; `hedge::to_quantity` reads each as an
//! interval with the rule's tolerance, roundness and unit.

use super::bind::{Binder, Candidate, QUANTITY_FRAME};
use super::hedge::{self, Amount, ReadParams};
use super::terms::Hit;
use super::{Mention, Rejected};
use crate::rules::{RuleKind, RuleSet};
use crate::source::Document;
use crate::source::offsets::TextRange;
use crate::span::Span;
use crate::value::Value;

/// The quantity mentions of every quantity rule in `doc`.
pub fn extract(rules: &RuleSet, doc: &Document, hits: &[Hit]) -> (Vec<Mention>, Vec<Rejected>) {
    let binder = Binder::new(doc, hits, rules, |k| matches!(k, RuleKind::Quantity(_)));
    let mut mentions = Vec::new();
    let mut rejected = Vec::new();
    if !binder.has_subjects() {
        return (mentions, rejected);
    }
    for (idx, rule) in rules.rules.iter().enumerate() {
        let RuleKind::Quantity(q) = &rule.kind else {
            continue;
        };
        let params = ReadParams::of_rule(q);
        let (bound, rejections) = binder.bind(idx, QUANTITY_FRAME, |region| {
            hedge::amounts(&doc.text, region.range())
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
        for b in bound {
            let quantity = hedge::to_quantity(&b.candidate.data, &params);
            let range = b.candidate.range;
            let Some(text) = doc.text.get(range.range()) else {
                continue;
            };
            mentions.push(Mention {
                rule: idx,
                span: Span::new(doc.file, doc.map.to_source(range)),
                frame: Span::new(doc.file, doc.map.to_source(b.frame)),
                text: text.to_string(),
                value: Value::Quantity(quantity),
                note: None,
            });
        }
        rejected.extend(rejections.into_iter().map(|r| Rejected {
            rule: idx,
            span: Span::new(doc.file, doc.map.to_source(r.range)),
            reason: r.reason,
        }));
    }
    (mentions, rejected)
}
