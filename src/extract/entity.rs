//! Entity mentions: which form of a name each term hit is.
//!
//! The matcher already resolved overlaps between an entity's forms (longest wins), so every
//! `Form` hit is one mention, unless it overlaps a match of the rule's `exclude` patterns
//! ("Islamic State" excluded inside "Islamic State Khorasan Province", say).

use super::Mention;
use super::terms::{Hit, Role, rule_terms};
use crate::rules::{RuleKind, RuleSet};
use crate::source::Document;
use crate::source::offsets::TextRange;
use crate::span::Span;
use crate::value::{NameForm, Value};

/// The name-form mentions among `hits` (sorted by position).
pub fn extract(rules: &RuleSet, doc: &Document, hits: &[Hit]) -> Vec<Mention> {
    let excludes: Vec<Hit> = hits
        .iter()
        .filter(|h| h.role == Role::Exclude)
        .copied()
        .collect();
    hits.iter()
        .filter(|h| h.role == Role::Form)
        .filter(|h| !excluded(&excludes, h))
        .filter_map(|h| {
            let rule = rules.rules.get(h.rule)?;
            if !matches!(rule.kind, RuleKind::Entity(_)) {
                return None;
            }
            let forms = rule_terms(&rule.kind);
            let term = forms.first()?.1.get(h.term)?;
            let range = doc.map.to_source(TextRange::new(h.start, h.end));
            let span = Span::new(doc.file, range);
            Some(Mention {
                rule: h.rule,
                span,
                frame: span,
                text: doc.text.get(h.start..h.end)?.to_string(),
                value: Value::Name(NameForm {
                    form: term.written.clone(),
                    index: h.term,
                }),
                note: None,
            })
        })
        .collect()
}

/// Whether `hit` overlaps one of `excludes` (exclusion hits) of its own rule.
pub fn excluded(excludes: &[Hit], hit: &Hit) -> bool {
    excludes
        .iter()
        .any(|x| x.rule == hit.rule && x.start < hit.end && hit.start < x.end)
}
