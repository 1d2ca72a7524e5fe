//! Entity mentions: which form of a name each term hit is.
//!
//! The matcher already resolved overlaps between an entity's forms (longest wins), so every
//! `Form` hit is one mention, unless it overlaps a match of the rule's `exclude` patterns
//! ("Islamic State" excluded inside "Islamic State Khorasan Province", say), or lies inside a
//! longer form of another entity rule: `IS` inside `IS-K` is part of that name, not a
//! mention of its own (and a fix of it would break the longer name).

use super::Mention;
use super::terms::{Exclusions, Hit, Role, rule_terms};
use crate::fix::safety::{FixContext, Scanner};
use crate::rules::{EntityMode, RuleKind, RuleSet};
use crate::source::Document;
use crate::source::offsets::TextRange;
use crate::span::Span;
use crate::value::{NameForm, Value};

/// The name-form mentions among `hits` (sorted by position), each with what its context says
/// about fixing it (`scanner` reads the document's quotations in order, part after part): the
/// first `most` of each rule.
pub fn extract(
    rules: &RuleSet,
    doc: &Document,
    hits: &[Hit],
    most: usize,
    scanner: &mut Scanner<'_>,
) -> Vec<Mention> {
    let mut read = vec![0usize; rules.rules.len()];
    let excludes = Exclusions::of(hits);
    let entity_of = |h: &Hit| match rules.rules.get(h.rule).map(|r| &r.kind) {
        Some(RuleKind::Entity(entity)) => Some(entity),
        _ => None,
    };
    let forms: Vec<Hit> = hits
        .iter()
        .filter(|h| h.role == Role::Form && entity_of(h).is_some())
        .copied()
        .collect();
    outside_longer_names(forms)
        .into_iter()
        .filter(|h| !excludes.cover_hit(h))
        .filter(|h| {
            read.get_mut(h.rule).is_some_and(|n| {
                *n += 1;
                *n <= most
            })
        })
        .filter_map(|h| {
            let rule = rules.rules.get(h.rule)?;
            let entity = entity_of(&h)?;
            // Only a variant of a `canonical` rule can get a fix; the scanner catches up
            // over the matches it skips.
            let fix = if h.term > 0 && entity.mode == EntityMode::Canonical {
                scanner.context(h.start, h.end)
            } else {
                FixContext::default()
            };
            let forms = rule_terms(&rule.kind);
            let index = usize::try_from(h.term).ok()?;
            let term = forms.first()?.1.get(index)?;
            let range = doc.map.to_source(TextRange::new(h.start, h.end));
            let span = Span::new(doc.file, range);
            Some(Mention {
                rule: h.rule,
                span,
                frame: span,
                text: doc.text.get(h.start..h.end)?.to_string(),
                quote: String::new(),
                value: Value::Name(NameForm {
                    form: term.written.clone(),
                    index,
                    fix,
                }),
                note: None,
            })
        })
        .collect()
}

/// The form hits that do not lie inside a longer form hit of another rule, in position order.
/// One sweep: the hit reaching furthest so far contains every later hit that any earlier hit
/// contains.
fn outside_longer_names(mut forms: Vec<Hit>) -> Vec<Hit> {
    forms.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.rule));
    let mut furthest: Option<Hit> = None;
    let mut kept = Vec::with_capacity(forms.len());
    for hit in forms {
        let inside = furthest.is_some_and(|f| {
            f.rule != hit.rule && hit.end <= f.end && f.end - f.start > hit.end - hit.start
        });
        if furthest.is_none_or(|f| hit.end > f.end) {
            furthest = Some(hit);
        }
        if !inside {
            kept.push(hit);
        }
    }
    kept
}
