//! `factlint explain`, as data: a rule's source as written, the census of its readings over a
//! corpus, and the candidates that were rejected and why.
//!
//! The census groups a rule's mentions by reading (an interval, a date, a name form) and
//! counts the documents behind each, most-supported first — the evidence an editor needs to
//! decide which figure is right ("144: 3 documents", "at least 139 → [139, ∞): 1 document").
//! Rendering is the CLI's job.

use std::collections::BTreeMap;

use crate::files::Files;
use crate::finding::Code;
use crate::rules::{EntityMode, Rule, RuleIdx, RuleKind};
use crate::value::Value;
use crate::value::interval::number_text;
use crate::{Outcome, rules};

/// A place in a document, with the text found there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    /// Display path.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The text (a mention's normalized text, or the source bytes of a rejected candidate).
    pub text: String,
}

/// One distinct reading of a rule and what supports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// How the reading is shown: `144`, `at least 139 → [139, ∞)`, `22 March 2024`, `ISIS-K`.
    pub label: String,
    /// The documents with at least one such mention, in path order.
    pub documents: Vec<String>,
    /// Every such mention, by path then position.
    pub mentions: Vec<At>,
}

/// A candidate that was not taken as a mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedAt {
    /// Where, and its text.
    pub at: At,
    /// Why ("bound to another subject", "modal frame", "excluded pattern").
    pub reason: String,
}

/// Everything `explain RULE` shows about one rule over a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Census {
    /// Distinct readings, most documents first, then by label.
    pub readings: Vec<Reading>,
    /// How many documents mention the fact.
    pub documents: usize,
    /// How many mentions there are.
    pub mentions: usize,
    /// What the rule itself says is right, as a line: `value: 131 (set by the rule)`,
    /// `canonical form: IS-K`; `None` when the documents decide.
    pub value: Option<String>,
    /// Rejected candidates, by path then position.
    pub rejected: Vec<RejectedAt>,
    /// How many findings the rule produced, by code, in code order.
    pub findings: Vec<(Code, usize)>,
}

fn at(files: &Files, span: crate::span::Span, text: String) -> At {
    let (line, column) = files
        .get(span.file)
        .map_or((1, 1), |f| f.line_column(span.start));
    At {
        path: files.path(span.file).to_string(),
        line,
        column,
        text,
    }
}

/// The census of rule `idx` in `outcome`.
pub fn census(outcome: &Outcome, idx: RuleIdx) -> Census {
    let files = &outcome.files;
    let rule = outcome.rules.rules.get(idx);
    // Group key: a sortable identity of the reading, and its label.
    let mut groups: BTreeMap<String, (String, Vec<&crate::extract::Mention>)> = BTreeMap::new();
    for m in outcome.mentions.iter().filter(|m| m.rule == idx) {
        let (key, label) = reading_of(m);
        groups
            .entry(key)
            .or_insert_with(|| (label, Vec::new()))
            .1
            .push(m);
    }
    let mut readings: Vec<Reading> = groups
        .into_values()
        .map(|(label, mut ms)| {
            ms.sort_by(|a, b| {
                (files.path(a.span.file), a.span.start)
                    .cmp(&(files.path(b.span.file), b.span.start))
            });
            let mut documents: Vec<String> = ms
                .iter()
                .map(|m| files.path(m.span.file).to_string())
                .collect();
            documents.dedup();
            let label = relabel(&label, &ms);
            Reading {
                label,
                documents,
                mentions: ms
                    .iter()
                    .map(|m| at(files, m.span, m.text.clone()))
                    .collect(),
            }
        })
        .collect();
    readings.sort_by(|a, b| {
        b.documents
            .len()
            .cmp(&a.documents.len())
            .then_with(|| a.label.cmp(&b.label))
    });
    let mut documents: Vec<&str> = readings
        .iter()
        .flat_map(|r| r.documents.iter().map(String::as_str))
        .collect();
    documents.sort_unstable();
    documents.dedup();

    let mut rejected: Vec<RejectedAt> = outcome
        .rejected
        .iter()
        .filter(|r| r.rule == idx)
        .map(|r| {
            let text = files
                .source(r.span.file)
                .get(r.span.range())
                .unwrap_or("")
                .to_string();
            RejectedAt {
                at: at(files, r.span, text),
                reason: r.reason.clone(),
            }
        })
        .collect();
    rejected.sort_by(|a, b| {
        (&a.at.path, a.at.line, a.at.column).cmp(&(&b.at.path, b.at.line, b.at.column))
    });

    let mut findings: BTreeMap<Code, usize> = BTreeMap::new();
    if let Some(rule) = rule {
        for f in &outcome.findings {
            if f.rule.as_deref() == Some(rule.id.as_str()) {
                *findings.entry(f.code).or_default() += 1;
            }
        }
    }
    Census {
        mentions: readings.iter().map(|r| r.mentions.len()).sum(),
        documents: documents.len(),
        readings,
        value: rule.and_then(rule_value),
        rejected,
        findings: findings.into_iter().collect(),
    }
}

/// A sortable key and a label for a mention's reading.
fn reading_of(m: &crate::extract::Mention) -> (String, String) {
    match &m.value {
        Value::Quantity(q) => {
            let i = &q.interval;
            // Bit patterns sort wrongly for negatives, but only identity matters for the key.
            let key = format!(
                "q:{:?}:{:?}:{}:{}:{}",
                i.lo, i.hi, i.lo_open, i.hi_open, q.some_of
            );
            // Some of them ("he was pronounced dead") is compared as that many or more.
            let label = if q.some_of {
                format!(
                    "{i}, some of them (compared as {})",
                    q.as_compared().interval
                )
            } else {
                i.to_string()
            };
            (key, label)
        }
        Value::Date(d) => (format!("d:{}", d.to_iso()), d.to_string()),
        Value::Name(form) => (
            format!("n:{:06}", form.index),
            if form.is_canonical() {
                format!("{} (canonical)", form.form)
            } else {
                form.form.clone()
            },
        ),
    }
}

/// A quantity label shows the wording when it differs from the interval: `at least 139 →
/// [139, ∞)`; several wordings of one interval are joined with ` / `.
fn relabel(label: &str, mentions: &[&crate::extract::Mention]) -> String {
    let Some(first) = mentions.first() else {
        return label.to_string();
    };
    if !matches!(first.value, Value::Quantity(_) | Value::Date(_)) {
        return label.to_string();
    }
    let mut wordings: Vec<&str> = mentions.iter().map(|m| m.text.as_str()).collect();
    wordings.sort_unstable();
    wordings.dedup();
    if wordings == [label] {
        return label.to_string();
    }
    format!("{} → {label}", wordings.join(" / "))
}

/// The rule's `value`, as text.
fn rule_value(rule: &Rule) -> Option<String> {
    match &rule.kind {
        RuleKind::Quantity(q) => q
            .value
            .map(|v| format!("value: {} (set by the rule)", number_text(v))),
        RuleKind::Date(d) => d
            .value
            .map(|v| format!("value: {v} ({}, set by the rule)", v.to_iso())),
        // Only a `canonical` rule names the right form; the other modes take a vote.
        RuleKind::Entity(e) if e.mode == EntityMode::Canonical => {
            Some(format!("canonical form: {}", e.canonical.written))
        }
        RuleKind::Entity(_) => None,
    }
}

/// The rule as written: from its table header to the next table that is not one of its own
/// sub-tables (`[[quantity.examples]]`), without trailing blank and comment lines. Returns the
/// rule file's path, the header's 1-based line and the text.
pub fn rule_source(files: &Files, rule: &Rule) -> Option<(String, usize, String)> {
    let file = files.get(rule.origin.file)?;
    let source: &str = file.source();
    let first = file.line_index(rule.origin.start);
    let kind = rule.kind.name();
    let own = |header: &str| {
        let name = header.trim_start_matches('[').trim();
        name.starts_with(&format!("{kind}.")) || name.starts_with(&format!("\"{kind}\"."))
    };
    let mut end_line = file.line_count();
    let mut in_string = false;
    for line in first..file.line_count() {
        let range = file.line_range(line)?;
        let text = source.get(range)?.trim();
        if line > first && !in_string && is_header(text) && !own(text) {
            end_line = line;
            break;
        }
        // A line starting with `[` inside a multi-line string is text, not a header.
        if (text.matches("\"\"\"").count() + text.matches("'''").count()) % 2 == 1 {
            in_string = !in_string;
        }
    }
    while end_line > first + 1 {
        let text = source.get(file.line_range(end_line - 1)?)?.trim();
        if text.is_empty() || text.starts_with('#') {
            end_line -= 1;
        } else {
            break;
        }
    }
    let start = file.line_range(first)?.start;
    let end = file.line_range(end_line - 1)?.end;
    let text = source.get(start..end)?.trim_end().to_string();
    Some((file.path.clone(), first + 1, text))
}

fn is_header(line: &str) -> bool {
    let line = line.split('#').next().unwrap_or("").trim();
    line.starts_with('[') && line.ends_with(']') && !line.contains('=')
}

/// The closest rule id or code name to a word that is neither, for a did-you-mean: a likely
/// typo, else the only candidate that contains the word (`crocus-toll` is not a typo of
/// `crocus-death-toll`, but it is its abbreviation).
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some(close) = rules::suggest::did_you_mean(word, candidates) {
        return Some(close);
    }
    let parts: Vec<&str> = word.split('-').filter(|p| !p.is_empty()).collect();
    let mut containing = candidates
        .iter()
        .filter(|c| !parts.is_empty() && parts.iter().all(|p| c.contains(p)));
    match (containing.next(), containing.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{FileId, Span};

    #[test]
    fn suggestions_take_typos_and_abbreviations() {
        let ids = [
            "crocus-death-toll",
            "kerman-death-toll",
            "crocus-attack-date",
        ];
        assert_eq!(suggest("crocus-deth-toll", &ids), Some("crocus-death-toll"));
        assert_eq!(suggest("crocus-toll", &ids), Some("crocus-death-toll"));
        assert_eq!(suggest("death-toll", &ids), None); // two rules: no guess
        assert_eq!(suggest("weather", &ids), None);
    }

    #[test]
    fn headers_are_told_from_arrays() {
        assert!(is_header("[[quantity]]"));
        assert!(is_header("[[quantity.examples]]  # the first"));
        assert!(is_header("[documents]"));
        assert!(!is_header("variants = [\"a\"]"));
        assert!(!is_header("\"ISIS-K\","));
    }

    #[test]
    fn rule_source_stops_at_the_next_rule_and_keeps_its_examples() {
        let toml = "[[entity]]\nid = \"a\"\ncanonical = \"Aa\"\nvariants = [\n  \"Bb\",\n]\n\n\
                    [[entity.examples]]\ntext = \"\"\"\n[not a header]\n\"\"\"\nexpect = \"none\"\n\n\
                    # --- next ---\n\n[[quantity]]\nid = \"b\"\n";
        let mut files = Files::new();
        let id = files.add("r.toml", toml);
        let (rules, findings) = {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("r.toml");
            std::fs::write(&path, toml).expect("write");
            let mut f = Files::new();
            rules::load_rules(&[path], dir.path(), &mut f)
        };
        assert!(
            findings.iter().all(|f| f.code != Code::RuleSyntax),
            "{findings:?}"
        );
        let mut rule = rules.rules[0].clone();
        rule.origin = Span::new(id, rule.origin.range());
        assert_eq!(rule.origin.file, FileId(0));
        let (path, line, text) = rule_source(&files, &rule).expect("source");
        assert_eq!((path.as_str(), line), ("r.toml", 1));
        assert!(text.ends_with("expect = \"none\""), "{text}");
        assert!(text.contains("[not a header]"));
        assert!(!text.contains("next"));
    }
}
