//! Rule examples: each rule's `[[….examples]]` run as tests (`factlint test`).
//!
//! An example is a tiny corpus — one `text`, or several named `files` — read by its rule
//! *alone* through [`crate::check_texts`], the same pipeline a real run uses. Two things can
//! be expected of it:
//!
//! - `expect`: the readings of the rule's mentions, as a multiset. `"none"` means no mention.
//!   Each expected string is read with the grammar of the rule's kind, so `"at least 139"`
//!   is compared as the interval `[139, ∞)` (under the rule's tolerance and roundness), not as
//!   text; a date as a date; an entity as the form written.
//! - `findings`: the fact findings, as `"path:code"` (the file of the primary label) or bare
//!   codes, also as a multiset.
//!
//! The result of each example is data ([`ExampleResult`]): the CLI renders it, tests inspect
//! it. Nothing here prints.

use crate::extract::Mention;
use crate::extract::date::{ScanOptions, parse_exact};
use crate::extract::hedge::{ReadParams, amounts, describe, to_quantity};
use crate::files::Files;
use crate::finding::{Code, CodeKind, Finding};
use crate::rules::{DateRule, Example, QuantityRule, Rule, RuleKind, RuleSet};
use crate::value::date::{YearContext, infer_year, parse_iso};
use crate::value::{DateValue, Interval, Value};

/// The document name a single-`text` example is read under (plain text: what is written is
/// what is read, with no Markdown to interpret).
pub const TEXT_NAME: &str = "example.txt";

/// What running one rule's examples gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleResult {
    /// The rule id.
    pub rule: String,
    /// `path:line` of the rule.
    pub location: String,
    /// One result per example, in the order written.
    pub examples: Vec<ExampleResult>,
}

impl RuleResult {
    /// Whether every example passed.
    pub fn passed(&self) -> bool {
        self.examples.iter().all(ExampleResult::passed)
    }
}

/// What running one example gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleResult {
    /// 1-based position among the rule's examples.
    pub index: usize,
    /// `path:line` of the example's table, when known.
    pub location: Option<String>,
    /// The documents of the example, by name (`example.txt` for a `text`).
    pub documents: Vec<String>,
    /// The text of a single-text example, for failure messages.
    pub text: Option<String>,
    /// Everything that did not match; empty when the example passed.
    pub problems: Vec<Problem>,
}

impl ExampleResult {
    /// Whether the example passed.
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

/// One way an example failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What was compared: `readings`, `findings`, or `example` for a malformed example.
    pub what: String,
    /// What the example says, one line per item.
    pub expected: Vec<String>,
    /// What the run gave, one line per item.
    pub actual: Vec<String>,
    /// Why, when a comparison was not possible ("`1x9` is not a quantity").
    pub note: Option<String>,
}

/// Runs the examples of every rule in `rules`. `files` holds the rule files (for example
/// locations). Rules without examples give a result with no examples.
pub fn run_all(rules: &RuleSet, files: &Files) -> Vec<RuleResult> {
    rules.rules.iter().map(|r| run_rule(r, files)).collect()
}

/// Runs the examples of one rule.
pub fn run_rule(rule: &Rule, files: &Files) -> RuleResult {
    RuleResult {
        rule: rule.id.clone(),
        location: rule.location.clone(),
        examples: rule
            .examples
            .iter()
            .enumerate()
            .map(|(i, ex)| run_example(rule, ex, i + 1, files))
            .collect(),
    }
}

/// Runs one example of `rule`.
pub fn run_example(rule: &Rule, example: &Example, index: usize, files: &Files) -> ExampleResult {
    let location = example.origin.map(|span| {
        let line = files
            .get(span.file)
            .map_or(1, |f| f.line_column(span.start).0);
        format!("{}:{line}", files.path(span.file))
    });
    let mut documents: Vec<(String, String)> = Vec::new();
    if let Some(text) = &example.text {
        documents.push((TEXT_NAME.to_string(), text.clone()));
    }
    documents.extend(example.files.iter().cloned());
    let mut result = ExampleResult {
        index,
        location,
        documents: documents.iter().map(|(n, _)| n.clone()).collect(),
        text: example.text.clone(),
        problems: Vec::new(),
    };
    if example.expect.is_empty() && example.findings.is_none() {
        result.problems.push(Problem {
            what: "example".to_string(),
            expected: Vec::new(),
            actual: Vec::new(),
            note: Some(
                "the example expects nothing: add `expect` (readings) or `findings`".to_string(),
            ),
        });
        return result;
    }
    if documents.is_empty() {
        result.problems.push(Problem {
            what: "example".to_string(),
            expected: Vec::new(),
            actual: Vec::new(),
            note: Some("the example has no `text` and no `files`".to_string()),
        });
        return result;
    }

    let outcome = crate::check_texts(
        RuleSet {
            rules: vec![rule.clone()],
        },
        &documents,
    );
    let mentions: Vec<&Mention> = outcome.mentions.iter().filter(|m| m.rule == 0).collect();
    if !example.expect.is_empty()
        && let Some(problem) = compare_readings(rule, &example.expect, &mentions, &outcome.files)
    {
        result.problems.push(problem);
    }
    if let Some(expected) = &example.findings
        && let Some(problem) = compare_findings(expected, &outcome.findings, &outcome.files)
    {
        result.problems.push(problem);
    }
    result
}

/// An expected reading, parsed with the rule kind's grammar.
#[derive(Debug, Clone, PartialEq)]
enum Expected {
    Quantity(Interval),
    Date(Vec<DateValue>),
    Name(String),
}

/// Compares the mentions' readings with `expect`; `None` when they match.
fn compare_readings(
    rule: &Rule,
    expect: &[String],
    mentions: &[&Mention],
    files: &Files,
) -> Option<Problem> {
    let none = expect.len() == 1 && expect[0].trim().eq_ignore_ascii_case("none");
    let mut wanted = Vec::new();
    let mut shown = Vec::new();
    if !none {
        for e in expect {
            match parse_expected(rule, e) {
                Ok((parsed, display)) => {
                    wanted.push(parsed);
                    shown.push(display);
                }
                Err(why) => {
                    return Some(Problem {
                        what: "readings".to_string(),
                        expected: expect.to_vec(),
                        actual: mentions.iter().map(|m| show_mention(m, files)).collect(),
                        note: Some(why),
                    });
                }
            }
        }
    }
    // Multiset match: each expected reading takes the first unmatched mention it fits.
    let mut taken = vec![false; mentions.len()];
    let mut unmatched = false;
    for w in &wanted {
        match (0..mentions.len()).find(|&i| !taken[i] && fits(rule, w, mentions[i])) {
            Some(i) => taken[i] = true,
            None => unmatched = true,
        }
    }
    if !unmatched && taken.iter().all(|t| *t) {
        return None;
    }
    Some(Problem {
        what: "readings".to_string(),
        expected: if none {
            vec!["none".to_string()]
        } else {
            shown
        },
        actual: if mentions.is_empty() {
            vec!["none".to_string()]
        } else {
            mentions.iter().map(|m| show_mention(m, files)).collect()
        },
        note: None,
    })
}

/// Reads one `expect` string as the rule's kind of value; returns it and how to show it.
fn parse_expected(rule: &Rule, text: &str) -> Result<(Expected, String), String> {
    let text = text.trim();
    match &rule.kind {
        RuleKind::Entity(_) => Ok((Expected::Name(text.to_string()), text.to_string())),
        RuleKind::Quantity(q) => {
            let interval = expected_quantity(q, text)?;
            let shown = if interval.to_string() == text {
                text.to_string()
            } else {
                format!("{text} → {interval}")
            };
            Ok((Expected::Quantity(interval), shown))
        }
        RuleKind::Date(d) => {
            let values = expected_date(d, text)?;
            let shown = match values.last() {
                Some(v) if v.to_string() != text => format!("{text} → {v}"),
                _ => text.to_string(),
            };
            Ok((Expected::Date(values), shown))
        }
    }
}

/// A quantity as a mention would read it: one amount ("at least 139", "some 140", "between
/// 90 and 100") under the rule's reading parameters, or an interval written out
/// (`[139, ∞)`, `[133, 147]`).
fn expected_quantity(rule: &QuantityRule, text: &str) -> Result<Interval, String> {
    if let Some(interval) = parse_interval(text) {
        return Ok(interval);
    }
    let found = amounts(text, 0..text.len());
    match found.as_slice() {
        [a] if a.span == (0..text.len()) => Ok(to_quantity(a, &ReadParams::of_rule(rule)).interval),
        [] => Err(format!("`{text}` is not a quantity")),
        [a] => Err(format!(
            "`{text}` is not one quantity: only `{}` reads as one",
            text.get(a.span.clone()).unwrap_or(text)
        )),
        _ => Err(format!(
            "`{text}` holds {} quantities; write one reading per `expect` item",
            found.len()
        )),
    }
}

/// `[a, b]`, `[a, ∞)`, `(a, b]`, `[a, b)`: an interval as [`Interval`]'s `Display` writes it.
fn parse_interval(text: &str) -> Option<Interval> {
    let lo_open = match text.chars().next()? {
        '[' => false,
        '(' => true,
        _ => return None,
    };
    let hi_open = match text.chars().last()? {
        ']' => false,
        ')' => true,
        _ => return None,
    };
    let inner = text.get(1..text.len() - 1)?;
    let (lo, hi) = inner.split_once(',')?;
    let end = |s: &str| -> Option<f64> {
        let s = s.trim();
        if s == "∞" || s.eq_ignore_ascii_case("inf") {
            Some(f64::INFINITY)
        } else {
            s.replace(',', "")
                .parse()
                .ok()
                .filter(|x: &f64| x.is_finite())
        }
    };
    let lo = end(lo)?;
    let hi = end(hi)?;
    (lo <= hi).then_some(Interval {
        lo,
        hi,
        lo_open,
        // An infinite end is open however it is written, as `Interval` displays it.
        hi_open: hi_open && hi.is_finite(),
    })
}

/// A date as a mention would read it ("22 March", "August 2022", "March 8-10") or ISO
/// (`2024-03-22`); returns the value as written and with its year inferred from the rule.
fn expected_date(rule: &DateRule, text: &str) -> Result<Vec<DateValue>, String> {
    let options = ScanOptions {
        order: rule.order,
        bare_years: true,
    };
    let written = match parse_exact(text, &options) {
        Some(token) => token.value,
        None => parse_iso(text).ok_or_else(|| format!("`{text}` is not a date"))?,
    };
    let context = YearContext {
        rule_year: rule.year,
        rule_value: rule.value,
        ..YearContext::default()
    };
    let inferred = infer_year(written, &context).value;
    Ok(if inferred == written {
        vec![written]
    } else {
        vec![written, inferred]
    })
}

/// Whether a mention has the expected reading.
fn fits(rule: &Rule, expected: &Expected, mention: &Mention) -> bool {
    match (expected, &mention.value) {
        (Expected::Quantity(want), Value::Quantity(q)) => same_interval(want, &q.interval),
        (Expected::Date(wants), Value::Date(d)) => wants.contains(d),
        (Expected::Name(want), Value::Name(form)) => {
            *want == mention.text
                || *want == form.form
                || matches!(&rule.kind, RuleKind::Entity(e) if !e.canonical.case_sensitive
                    && want.to_lowercase() == mention.text.to_lowercase())
        }
        _ => false,
    }
}

fn same_interval(a: &Interval, b: &Interval) -> bool {
    let hi_open = |i: &Interval| i.hi_open && i.hi.is_finite();
    a.lo == b.lo && a.hi == b.hi && a.lo_open == b.lo_open && hi_open(a) == hi_open(b)
}

/// A mention for failure messages: `"at least 139" → [139, ∞) (example.txt:1:12)`.
fn show_mention(m: &Mention, files: &Files) -> String {
    let (line, column) = files
        .get(m.span.file)
        .map_or((1, 1), |f| f.line_column(m.span.start));
    let at = format!("{}:{line}:{column}", files.path(m.span.file));
    let reading = match &m.value {
        Value::Quantity(q) => {
            let interval = q.interval.to_string();
            if interval == m.text {
                interval
            } else {
                format!("{} → {interval} ({})", m.text, describe(q))
            }
        }
        Value::Date(d) => format!("{} → {d}", m.text),
        Value::Name(form) if form.form == m.text => m.text.clone(),
        Value::Name(form) => format!("{} (form `{}`)", m.text, form.form),
    };
    format!("{reading}  at {at}")
}

/// Compares the fact findings with the expected `path:code` / `code` entries; `None` when
/// they match as multisets.
fn compare_findings(expected: &[String], findings: &[Finding], files: &Files) -> Option<Problem> {
    let facts: Vec<(String, Code)> = findings
        .iter()
        .filter(|f| f.code.kind() == CodeKind::Fact)
        .map(|f| {
            let path = f.primary().map_or_else(
                || f.path.clone().unwrap_or_default(),
                |l| files.path(l.span.file).to_string(),
            );
            (path, f.code)
        })
        .collect();
    let actual: Vec<String> = facts.iter().map(|(p, c)| format!("{p}:{c}")).collect();
    let mut wanted: Vec<(Option<&str>, Code)> = Vec::new();
    for e in expected {
        let e = e.trim();
        let (path, name) = match e.rsplit_once(':') {
            Some((p, c)) => (Some(p.trim()), c.trim()),
            None => (None, e),
        };
        let Some(code) = Code::from_name(name) else {
            return Some(Problem {
                what: "findings".to_string(),
                expected: expected.to_vec(),
                actual,
                note: Some(format!(
                    "`{name}` is not a finding code; codes of fact findings: {}",
                    fact_codes()
                )),
            });
        };
        wanted.push((path, code));
    }
    // Entries that name a file first, so a bare code cannot take a finding a path needs.
    wanted.sort_by_key(|(p, _)| p.is_none());
    let mut taken = vec![false; facts.len()];
    let mut unmatched = false;
    for (path, code) in &wanted {
        let found = (0..facts.len())
            .find(|&i| !taken[i] && facts[i].1 == *code && path.is_none_or(|p| p == facts[i].0));
        match found {
            Some(i) => taken[i] = true,
            None => unmatched = true,
        }
    }
    if !unmatched && taken.iter().all(|t| *t) {
        return None;
    }
    Some(Problem {
        what: "findings".to_string(),
        expected: if expected.is_empty() {
            vec!["none".to_string()]
        } else {
            expected.to_vec()
        },
        actual: if actual.is_empty() {
            vec!["none".to_string()]
        } else {
            actual
        },
        note: None,
    })
}

fn fact_codes() -> String {
    Code::ALL
        .iter()
        .filter(|c| c.kind() == CodeKind::Fact)
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{BareRound, Unit};

    fn quantity_rule() -> QuantityRule {
        QuantityRule {
            subject: Vec::new(),
            cue: Vec::new(),
            value: None,
            tolerance: 0.05,
            unit: Unit::Count,
            currency: None,
            roundness: true,
            bare_round: BareRound::Exact,
            monotone: None,
        }
    }

    /// Loads `toml` as a rule file and runs its examples.
    fn run(toml: &str) -> Vec<RuleResult> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("r.toml");
        std::fs::write(&path, toml).expect("write");
        let mut files = Files::new();
        let (rules, problems) = crate::rules::load_rules(&[path], dir.path(), &mut files);
        assert!(problems.is_empty(), "{problems:?}");
        run_all(&rules, &files)
    }

    #[test]
    fn entity_examples_pass_and_fail_on_readings_and_findings() {
        let results = run(r#"
[[entity]]
id = "iskp"
canonical = "IS-K"
variants = ["ISIS-K", "IS-KP"]

[[entity.examples]]
text = "ISIS-K and IS-K."
expect = ["ISIS-K", "IS-K"]

[[entity.examples]]
text = "ISIS-K and IS-K."
expect = "ISIS-K"

[[entity.examples]]
files = { "a.md" = "IS-KP.", "b.md" = "IS-K." }
findings = ["a.md:entity-variant"]

[[entity.examples]]
files = { "a.md" = "IS-KP.", "b.md" = "IS-K." }
findings = ["b.md:entity-variant"]

[[entity.examples]]
text = "Nothing here."
expect = "none"
"#);
        let passed: Vec<bool> = results[0]
            .examples
            .iter()
            .map(ExampleResult::passed)
            .collect();
        assert_eq!(passed, [true, false, true, false, true]);
        let readings = &results[0].examples[1].problems[0];
        assert_eq!(readings.what, "readings");
        assert_eq!(readings.expected, ["ISIS-K"]);
        assert_eq!(readings.actual.len(), 2);
        let findings = &results[0].examples[3].problems[0];
        assert_eq!(findings.expected, ["b.md:entity-variant"]);
        assert_eq!(findings.actual, ["a.md:entity-variant"]);
        assert_eq!(results[0].examples[0].location.as_deref(), Some("r.toml:7"));
    }

    #[test]
    fn expected_quantities_are_read_as_intervals() {
        let q = quantity_rule();
        let read = |t: &str| expected_quantity(&q, t).map(|i| i.to_string());
        assert_eq!(read("144").as_deref(), Ok("144"));
        assert_eq!(read("at least 139").as_deref(), Ok("[139, ∞)"));
        assert_eq!(read("more than 140").as_deref(), Ok("[141, ∞)"));
        assert_eq!(read("between 90 and 100").as_deref(), Ok("[90, 100]"));
        assert_eq!(read("[133, 147]").as_deref(), Ok("[133, 147]"));
        assert_eq!(read("[139, ∞)").as_deref(), Ok("[139, ∞)"));
        assert!(read("many").is_err());
        assert!(read("139 and 144").is_err());
    }

    #[test]
    fn intervals_parse_like_they_display() {
        for text in ["[1, 2]", "(1, 2]", "[1, 2)", "[139, ∞)", "[0, 149]"] {
            assert_eq!(
                parse_interval(text).map(|i| i.to_string()).as_deref(),
                Some(text)
            );
        }
        assert_eq!(parse_interval("[2, 1]"), None);
        assert_eq!(parse_interval("2, 1"), None);
    }

    #[test]
    fn expected_dates_take_the_rules_year() {
        let rule = DateRule {
            subject: Vec::new(),
            cue: Vec::new(),
            value: parse_iso("2024-03-22"),
            year: None,
            order: None,
        };
        let values = expected_date(&rule, "22 March").unwrap_or_default();
        assert_eq!(
            values.last().map(DateValue::to_iso).as_deref(),
            Some("2024-03-22")
        );
        assert_eq!(
            values.first().map(DateValue::to_iso).as_deref(),
            Some("XXXX-03-22")
        );
        assert!(expected_date(&rule, "2024-03-22").is_ok());
        assert!(expected_date(&rule, "soon").is_err());
    }
}
