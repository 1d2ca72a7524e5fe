//! The accuracy suite: factlint's reading of `fixtures/accuracy/` (documents of our own that
//! show the structures of real reporting) scored against an answer key written by reading
//! them (`fixtures/accuracy/answers.toml`).
//!
//! It reports precision and recall of mentions and of findings and fails when either falls
//! below its threshold, so a change to binding that reads worse is caught in CI. Run it alone
//! with `cargo test --test accuracy -- --nocapture` to see the table and every miss.

#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::collections::BTreeSet;
use std::path::Path;

use factlint::files::Files;
use factlint::{Outcome, Settings};

/// Thresholds: the suite is small and written for the model, and factlint reads all of it
/// (42 mentions, 3 findings), so any miss or extra reading fails: a change that reads one
/// structure worse must say so by editing the key, in review.
const MIN_PRECISION: f64 = 1.0;
const MIN_RECALL: f64 = 1.0;

/// One mention or finding, as the key names it: (document, line, rule, text or code).
type Item = (String, usize, String, String);

fn run() -> Outcome {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/accuracy");
    let mut files = Files::new();
    let config = factlint::config::load_config(&root.join("factlint.toml"), &root, &mut files)
        .expect("valid config");
    factlint::check(&Settings::new(config, root), files)
}

fn key() -> (BTreeSet<Item>, BTreeSet<Item>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/accuracy/answers.toml");
    let key: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let items = |name: &str, field: &str| -> BTreeSet<Item> {
        key[name]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                let t = v.as_table().unwrap();
                let s = |k: &str| t[k].as_str().unwrap().to_string();
                (
                    s("doc"),
                    t["line"].as_integer().unwrap() as usize,
                    s("rule"),
                    s(field),
                )
            })
            .collect()
    };
    (items("mentions", "text"), items("findings", "code"))
}

/// The document's name below `docs/`, its 1-based line, for a byte offset of a file.
fn place(outcome: &Outcome, file: factlint::span::FileId, byte: usize) -> (String, usize) {
    let path = outcome.files.path(file);
    let name = path.rsplit('/').next().unwrap_or(path).to_string();
    let line = outcome.files.get(file).map_or(0, |f| f.line_column(byte).0);
    (name, line)
}

fn read(outcome: &Outcome) -> (BTreeSet<Item>, BTreeSet<Item>) {
    let mentions = outcome
        .mentions
        .iter()
        .map(|m| {
            let (doc, line) = place(outcome, m.span.file, m.span.range().start);
            let rule = outcome.rules.rules[m.rule].id.clone();
            (doc, line, rule, m.text.clone())
        })
        .collect();
    let findings = outcome
        .findings
        .iter()
        .filter_map(|f| {
            let label = f.primary()?;
            let (doc, line) = place(outcome, label.span.file, label.span.range().start);
            Some((doc, line, f.rule.clone()?, f.code.name().to_string()))
        })
        .collect();
    (mentions, findings)
}

/// Precision and recall of `got` against `want`, and a report of the differences.
fn score(what: &str, got: &BTreeSet<Item>, want: &BTreeSet<Item>) -> (f64, f64, String) {
    let hits = got.intersection(want).count() as f64;
    let precision = if got.is_empty() {
        1.0
    } else {
        hits / got.len() as f64
    };
    let recall = if want.is_empty() {
        1.0
    } else {
        hits / want.len() as f64
    };
    let mut report = format!(
        "{what:8} precision {precision:.2} ({hits}/{}) recall {recall:.2} ({hits}/{})\n",
        got.len(),
        want.len()
    );
    for extra in got.difference(want) {
        report.push_str(&format!("  read but not in the key: {extra:?}\n"));
    }
    for missed in want.difference(got) {
        report.push_str(&format!("  in the key but not read: {missed:?}\n"));
    }
    (precision, recall, report)
}

#[test]
fn accuracy_suite_meets_its_thresholds() {
    let outcome = run();
    assert!(!outcome.has_rule_errors(), "{:?}", outcome.findings);
    let (want_mentions, want_findings) = key();
    assert!(!want_mentions.is_empty() && !want_findings.is_empty());
    let (got_mentions, got_findings) = read(&outcome);
    let (mp, mr, mreport) = score("mentions", &got_mentions, &want_mentions);
    let (fp, fr, freport) = score("findings", &got_findings, &want_findings);
    println!("{mreport}{freport}");
    assert!(
        mp >= MIN_PRECISION && mr >= MIN_RECALL && fp >= MIN_PRECISION && fr >= MIN_RECALL,
        "accuracy below the thresholds (precision and recall >= {MIN_PRECISION}):\n{mreport}{freport}"
    );
}

#[test]
fn the_scorer_counts_misses_and_extras() {
    let item = |line: usize| ("a.md".to_string(), line, "r".to_string(), "3".to_string());
    let want: BTreeSet<Item> = [item(1), item(2)].into();
    let got: BTreeSet<Item> = [item(2), item(3)].into();
    let (p, r, report) = score("mentions", &got, &want);
    assert_eq!((p, r), (0.5, 0.5));
    assert!(
        report.contains("read but not in the key") && report.contains("in the key but not read")
    );
}

/// `explain` names why each candidate of the suite was left: another predicate's count,
/// another clause, not prose (a URL, an e-mail address, a handle, a gallery counter), an age,
/// a count of something else, another event, a subset, an aggregate, an agent, one person of
/// a larger count, some people of it, a parent's children, a quotation, a link to another
/// story, the event this one came after; for dates, another predicate's or occasion's date, a
/// date relative to the event, another event of its kind, the page's stamps and dateline.
#[test]
fn explain_names_each_reason() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/accuracy");
    let mut out = String::new();
    for rule in [
        "millbrook-killed",
        "corran-dead",
        "pellham-killed",
        "pellham-injured",
        "carrow-killed",
        "carrow-injured",
        "brenmoor-killed",
        "brenmoor-injured",
        "tarrow-fire-date",
        "tarrow-killed",
    ] {
        let output = assert_cmd::Command::cargo_bin("factlint")
            .unwrap()
            .env("NO_COLOR", "1")
            .args(["explain", rule])
            .current_dir(&dir)
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        let rejected = text
            .split("\n\n")
            .find(|block| block.starts_with("rejected candidates"))
            .unwrap_or("");
        out.push_str(&format!("# {rule}\n{rejected}\n"));
    }
    for reason in [
        "the count of another predicate",
        "in another clause than",
        "not prose: a URL",
        "not prose: an e-mail address",
        "not prose: a handle",
        "not prose: a caption or gallery counter",
        "an age",
        "counts something else",
        "another event: `In 2019`",
        "another event: `another shooting`",
        "a subset: `Two of the`",
        "an aggregate over a wider scope",
        "the agent of `killed`",
        "one of a larger count in the document",
        "another event: `… ago`",
        "a subset: those `critically wounded`",
        "an aggregate over a wider scope: `over the past`",
        "some of a larger count in the document",
        "counts the children of one (`father of`)",
        "in a quotation: the speaker's words",
        "not prose: a link to another story (`RELATED:`)",
        "another event: `came … after`",
        "the date of another predicate: `arrested`",
        "the date of another occasion: `hearing`",
        "relative to the event, not its date",
        "another event: `another fire`",
        "part of a publication stamp",
        "part of an update stamp",
        "part of a byline",
        "part of a copyright line",
        "part of the dateline",
        "the count of another predicate: `evacuated`",
    ] {
        assert!(out.contains(reason), "no `{reason}` in:\n{out}");
    }
    insta::assert_snapshot!("explain_reasons", out);
}
