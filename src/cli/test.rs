//! `factlint test`: run every rule's examples, like unit tests of a rule pack.
//!
//! Each example prints one `ok` / `FAIL` line; each failure then shows what was expected and
//! what the rule actually read, and where the example is. Exit 1 when an example fails (or,
//! with `--require-examples`, when a rule has none), 2 when the rules do not load.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;

use super::args::{InputArgs, TestArgs};
use super::check::settings;
use super::{ExitStatus, report_problems};
use factlint::examples::{self, ExampleResult, RuleResult};
use factlint::files::Files;
use factlint::finding::CodeKind;
use factlint::rules::{RuleSet, load_rules};

/// Loads the rules named by `--config` / `--rules` (or the config found from the current
/// directory). `Err` holds the problems, already rendered to stderr by [`report_problems`].
pub fn load(
    config: Option<PathBuf>,
    rules: Vec<PathBuf>,
) -> anyhow::Result<Result<(RuleSet, Files), ExitStatus>> {
    let input = InputArgs {
        paths: Vec::new(),
        config,
        rules,
        stdin_filename: String::new(),
        allow_outside: false,
    };
    let mut files = Files::new();
    let settings = match settings(&input, &mut files)? {
        Ok(settings) => settings,
        Err(problems) => return Ok(Err(report_problems(&files, &problems)?)),
    };
    let paths: Vec<PathBuf> = settings.rules.clone().unwrap_or_else(|| {
        let config = &settings.config;
        config.rules.iter().map(|p| config.root.join(p)).collect()
    });
    let (rules, findings) = load_rules(&paths, &settings.display_base, &mut files);
    if findings.iter().any(|f| f.code.kind() == CodeKind::Rule) {
        return Ok(Err(report_problems(&files, &findings)?));
    }
    Ok(Ok((rules, files)))
}

/// Runs `factlint test`.
///
/// # Errors
/// Output I/O errors and problems that are not findings.
pub fn run(args: &TestArgs) -> anyhow::Result<ExitStatus> {
    let (rules, files) = match load(args.config.clone(), args.rules.clone())? {
        Ok(loaded) => loaded,
        Err(status) => return Ok(status),
    };
    let results = examples::run_all(&rules, &files);
    let (text, failed) = render(&results, args.require_examples);
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// The report, and whether the run failed.
fn render(results: &[RuleResult], require_examples: bool) -> (String, bool) {
    let mut out = String::new();
    let total: usize = results.iter().map(|r| r.examples.len()).sum();
    let _ = writeln!(
        out,
        "running {total} {} of {} {}",
        if total == 1 { "example" } else { "examples" },
        results.len(),
        if results.len() == 1 { "rule" } else { "rules" }
    );
    let mut failures: Vec<(&RuleResult, &ExampleResult)> = Vec::new();
    let mut bare: Vec<&RuleResult> = Vec::new();
    for rule in results {
        if rule.examples.is_empty() {
            bare.push(rule);
            let status = if require_examples { "FAIL" } else { "none" };
            let _ = writeln!(
                out,
                "{status:<4} {} has no examples ({})",
                rule.rule, rule.location
            );
        }
        for ex in &rule.examples {
            let status = if ex.passed() { "ok" } else { "FAIL" };
            let _ = writeln!(
                out,
                "{status:<4} {} example {} ({})",
                rule.rule,
                ex.index,
                ex.location.as_deref().unwrap_or(&rule.location)
            );
            if !ex.passed() {
                failures.push((rule, ex));
            }
        }
    }
    for (rule, ex) in &failures {
        let _ = writeln!(
            out,
            "\n---- {} example {} ({}) ----",
            rule.rule,
            ex.index,
            ex.location.as_deref().unwrap_or(&rule.location)
        );
        match &ex.text {
            Some(text) if ex.documents.len() == 1 => {
                let _ = writeln!(out, "text: {text:?}");
            }
            _ => {
                let _ = writeln!(out, "files: {}", ex.documents.join(", "));
            }
        }
        for problem in &ex.problems {
            if let Some(note) = &problem.note {
                let _ = writeln!(out, "{}: {note}", problem.what);
            }
            if problem.expected.is_empty() && problem.actual.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{} differ:", problem.what);
            write_list(&mut out, "expected:", &problem.expected);
            write_list(&mut out, "actual:  ", &problem.actual);
        }
    }
    let passed = results
        .iter()
        .flat_map(|r| &r.examples)
        .filter(|e| e.passed())
        .count();
    let failed = failures.len() + if require_examples { bare.len() } else { 0 };
    let verdict = if failed == 0 { "ok" } else { "FAILED" };
    let _ = write!(
        out,
        "\ntest result: {verdict}. {passed} passed; {} failed",
        failures.len()
    );
    if !bare.is_empty() {
        let _ = write!(
            out,
            "; {} {} without examples{}",
            bare.len(),
            if bare.len() == 1 { "rule" } else { "rules" },
            if require_examples {
                " (--require-examples)"
            } else {
                ""
            }
        );
    }
    out.push('\n');
    (out, failed > 0)
}

fn write_list(out: &mut String, name: &str, items: &[String]) {
    let pad = " ".repeat(name.len() + 3);
    for (i, item) in items.iter().enumerate() {
        if i == 0 {
            let _ = writeln!(out, "  {name} {item}");
        } else {
            let _ = writeln!(out, "{pad}{item}");
        }
    }
    if items.is_empty() {
        let _ = writeln!(out, "  {name} none");
    }
}
