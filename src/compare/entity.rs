//! Entity judge: name forms, by the rule's mode.
//!
//! - `canonical`: every variant is a finding, with the canonical form as a safe fix where
//!   the text allows one (`fix::safety`: not in a quotation, a run of capitals or a longer
//!   name; an initial capital and a sentence's final period kept) and the rule is literal
//!   and does not say `fix = false`; otherwise the finding says why it is not fixed;
//! - `consistent`: within one document, the first form used wins and other forms are findings;
//! - `corpus`: the form used by the most documents wins (ties go to the canonical form, then
//!   to the form listed first) and the others are findings.
//!
//! Evidence labels point at the first use of the winning form in up to
//! [`MAX_EVIDENCE`] other documents (one in `canonical` mode, where the rule decides).

use std::collections::BTreeMap;

use super::{plural, rule_note, rule_severity};
use crate::extract::Mention;
use crate::finding::{Code, Edit, Finding, Fix, Label};
use crate::fix::safety::NoFix;
use crate::rules::{EntityMode, EntityRule, Pattern, Rule};
use crate::span::FileId;
use crate::value::{NameForm, Value};

/// How many documents' evidence labels a finding shows at most.
pub const MAX_EVIDENCE: usize = 3;

fn form_of(m: &Mention) -> Option<&NameForm> {
    match &m.value {
        Value::Name(form) => Some(form),
        _ => None,
    }
}

/// Judges the mentions of one entity rule (sorted by document, then position).
pub fn judge(rule: &Rule, entity: &EntityRule, mentions: &[&Mention]) -> Vec<Finding> {
    let forms: Vec<(&Mention, &NameForm)> = mentions
        .iter()
        .filter_map(|m| Some((*m, form_of(m)?)))
        .collect();
    match entity.mode {
        EntityMode::Canonical => judge_canonical(rule, entity, &forms),
        EntityMode::Consistent => judge_consistent(rule, &forms),
        EntityMode::Corpus => judge_corpus(rule, entity, &forms),
    }
}

/// The replacement text for a form: the term as written, unless it is a regex.
fn replacement(entity: &EntityRule, index: usize) -> Option<String> {
    let term = if index == 0 {
        &entity.canonical
    } else {
        entity.variants.get(index - 1)?
    };
    match term.pattern {
        Pattern::Literal(_) => Some(term.written.clone()),
        Pattern::Regex(_) => None,
    }
}

/// The first mention of form `index` in each document, in document order. Built once per
/// form, so a rule with thousands of variant mentions stays linear.
fn first_per_doc<'m>(forms: &[(&'m Mention, &NameForm)], index: usize) -> Vec<&'m Mention> {
    let mut seen = std::collections::BTreeSet::new();
    forms
        .iter()
        .filter(|(m, f)| f.index == index && seen.insert(m.span.file))
        .map(|(m, _)| *m)
        .collect()
}

/// Evidence for a finding in `except`: the first `limit` documents of `firsts` other than it.
fn evidence<'m>(firsts: &[&'m Mention], except: FileId, limit: usize) -> (Vec<&'m Mention>, usize) {
    let others = firsts
        .iter()
        .filter(|m| m.span.file != except)
        .take(limit)
        .copied()
        .collect();
    (others, firsts.len())
}

/// The evidence labels; `rest` is how many other documents use the form without a label,
/// counted on the last label when there is more than one ("and 881 more documents").
fn evidence_labels(evidence: &[&Mention], total: usize, written: &str, rest: usize) -> Vec<Label> {
    let last = evidence.len().min(MAX_EVIDENCE).saturating_sub(1);
    evidence
        .iter()
        .take(MAX_EVIDENCE)
        .enumerate()
        .map(|(i, m)| {
            let message = if i == 0 {
                format!("`{written}` is used in {}", plural(total, "document"))
            } else if i == last && rest > 0 {
                format!("`{written}` here, and {}", plural(rest, "more document"))
            } else {
                format!("`{written}` here")
            };
            Label::secondary(m.span, message)
        })
        .collect()
}

fn finding(rule: &Rule, code: Code, message: String) -> Finding {
    let mut f = Finding::new(code, message)
        .with_rule(rule.id.clone())
        .with_severity(rule_severity(rule, code));
    if let Some(description) = &rule.description {
        f = f.with_note(description.clone());
    }
    f
}

fn with_fix(f: Finding, m: &Mention, replacement: Option<String>, safe: bool) -> Finding {
    match replacement {
        Some(text) => f.with_fix(Fix {
            edits: vec![Edit {
                span: m.span,
                replacement: text,
            }],
            safe,
        }),
        None => f,
    }
}

/// The fix of a canonical rule's variant mention, or why there is none.
fn canonical_fix(entity: &EntityRule, m: &Mention, form: &NameForm) -> Result<String, NoFix> {
    if !entity.fix {
        return Err(NoFix::RuleSaysNo);
    }
    let variant = entity.variants.get(form.index.wrapping_sub(1));
    if variant.is_some_and(|v| matches!(v.pattern, Pattern::Regex(_))) {
        return Err(NoFix::RegexVariant);
    }
    if let Some(blocked) = form.fix.blocked {
        return Err(blocked);
    }
    let canonical = replacement(entity, 0).ok_or(NoFix::RegexVariant)?;
    Ok(form.fix.replacement(&canonical, &m.text))
}

fn judge_canonical(
    rule: &Rule,
    entity: &EntityRule,
    forms: &[(&Mention, &NameForm)],
) -> Vec<Finding> {
    let canonical = &entity.canonical.written;
    let firsts = first_per_doc(forms, 0);
    // The rule, not the documents, decides the accepted form: one place that uses it, with
    // the count, is evidence enough (more would repeat on every variant of an archive).
    let limit = 1;
    forms
        .iter()
        .filter(|(_, f)| !f.is_canonical())
        .filter_map(|(m, form)| {
            let fix = canonical_fix(entity, m, form);
            // The canonical form, capitalised to open a sentence, is no variant.
            (fix.as_deref() != Ok(m.text.as_str())).then_some((m, fix))
        })
        .map(|(m, fix)| {
            let (others, total) = evidence(&firsts, m.span.file, limit);
            let mut f = finding(
                rule,
                Code::EntityVariant,
                format!("`{}` should be written `{canonical}`", m.text),
            )
            .with_label(Label::primary(m.span, format!("variant of `{canonical}`")));
            f.labels
                .extend(evidence_labels(&others, total, canonical, 0));
            f = f.with_note(rule_note(rule, Code::EntityVariant));
            match fix {
                Ok(text) => with_fix(f, m, Some(text), true),
                Err(why) => f.with_note(why.note()),
            }
        })
        .collect()
}

fn judge_consistent(rule: &Rule, forms: &[(&Mention, &NameForm)]) -> Vec<Finding> {
    let mut first_in_doc: BTreeMap<FileId, &Mention> = BTreeMap::new();
    let mut first_form: BTreeMap<FileId, usize> = BTreeMap::new();
    let mut findings = Vec::new();
    for (m, f) in forms {
        let file = m.span.file;
        let winner = *first_form.entry(file).or_insert(f.index);
        let first = *first_in_doc.entry(file).or_insert(m);
        if f.index == winner {
            continue;
        }
        let written = form_of(first).map_or("", |f| f.form.as_str());
        let finding = finding(
            rule,
            Code::MixedEntityForms,
            format!("`{}` mixed with `{}` in one document", m.text, first.text),
        )
        .with_label(Label::primary(m.span, "another form of the same name"))
        .with_label(Label::secondary(
            first.span,
            format!("first written `{}` here", first.text),
        ))
        .with_note(rule_note(rule, Code::MixedEntityForms));
        findings.push(with_fix(finding, m, Some(written.to_string()), false));
    }
    findings
}

fn judge_corpus(rule: &Rule, entity: &EntityRule, forms: &[(&Mention, &NameForm)]) -> Vec<Finding> {
    // Documents per form.
    let mut docs_per_form: BTreeMap<usize, Vec<FileId>> = BTreeMap::new();
    for (m, f) in forms {
        let docs = docs_per_form.entry(f.index).or_default();
        // Mentions come in document order: a new document is a new last entry.
        if docs.last() != Some(&m.span.file) {
            docs.push(m.span.file);
        }
    }
    // Most documents wins; ties go to the lowest index (canonical first).
    let Some((&winner, winner_docs)) = docs_per_form
        .iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(a.0)))
    else {
        return Vec::new();
    };
    let winner_count = winner_docs.len();
    let firsts = first_per_doc(forms, winner);
    let winner_files: std::collections::BTreeSet<FileId> =
        firsts.iter().map(|m| m.span.file).collect();
    let winner_written = forms
        .iter()
        .find(|(_, f)| f.index == winner)
        .map_or(String::new(), |(_, f)| f.form.clone());
    forms
        .iter()
        .filter(|(_, f)| f.index != winner)
        .map(|(m, f)| {
            let count = docs_per_form.get(&f.index).map_or(0, Vec::len);
            let (others, total) = evidence(&firsts, m.span.file, MAX_EVIDENCE);
            let mut finding = finding(
                rule,
                Code::MinorityEntityForm,
                format!(
                    "`{}` is used in {}, `{winner_written}` in {}",
                    m.text,
                    plural(count, "document"),
                    winner_count
                ),
            )
            .with_label(Label::primary(
                m.span,
                format!("most documents write `{winner_written}`"),
            ));
            let rest = total - others.len() - usize::from(winner_files.contains(&m.span.file));
            finding
                .labels
                .extend(evidence_labels(&others, total, &winner_written, rest));
            finding = finding.with_note(rule_note(rule, Code::MinorityEntityForm));
            with_fix(finding, m, replacement(entity, winner), false)
        })
        .collect()
}
