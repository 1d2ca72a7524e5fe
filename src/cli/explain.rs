//! `factlint explain RULE-ID | CODE`.
//!
//! For a rule: the rule as written (with its file and line), then the census of its readings
//! over the corpus — each distinct reading with the documents and mentions behind it — the
//! rule's value, the findings, and the candidates that were rejected with the reason. For a
//! built-in code: its documentation (what it checks, why it matters, an example, how to
//! fix), as `ruff rule` does. A code name is looked up first, so `explain quantity-mismatch`
//! needs no rules or documents.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::ExitStatus;
use super::args::ExplainArgs;
use factlint::compare::plural;
use factlint::explain::{self, Census};
use factlint::finding::{Code, CodeKind};

/// Runs `factlint explain`.
///
/// # Errors
/// Output I/O errors and problems that are not findings.
pub fn run(args: &ExplainArgs) -> anyhow::Result<ExitStatus> {
    let target = args.target.trim();
    if let Some(code) = Code::from_name(target) {
        return print(&code_doc(code));
    }
    let outcome = match super::checked_outcome(&args.input, true)? {
        Ok(outcome) => outcome,
        Err(status) => return Ok(status),
    };
    let Some((idx, rule)) = outcome.rules.by_id(target) else {
        let mut candidates: Vec<&str> = outcome.rules.rules.iter().map(|r| r.id.as_str()).collect();
        candidates.extend(Code::ALL.iter().map(|c| c.name()));
        let mut message = format!("factlint: no rule or check code `{target}`\n");
        match explain::suggest(target, &candidates) {
            Some(close) => {
                let _ = writeln!(message, "  did you mean `{close}`?");
            }
            None => {
                let _ = writeln!(
                    message,
                    "  rules: {}",
                    outcome
                        .rules
                        .rules
                        .iter()
                        .map(|r| r.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
        io::stderr().lock().write_all(message.as_bytes())?;
        return Ok(ExitStatus::Error);
    };

    let mut out = String::new();
    let _ = writeln!(out, "rule {} ({})", rule.id, rule.location);
    if let Some(description) = &rule.description {
        let _ = writeln!(out, "{description}");
    }
    if let Some((_, _, text)) = explain::rule_source(&outcome.files, rule) {
        out.push('\n');
        for line in text.lines() {
            if line.trim().is_empty() {
                out.push('\n');
            } else {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    let census = explain::census(&outcome, idx);
    render_census(&mut out, &census, outcome.documents);
    if census.value.is_none()
        && let Some(consensus) = outcome.consensus.get(&idx)
    {
        let _ = writeln!(out, "\nconsensus: {consensus}");
    }
    if !outcome.duplicates.is_empty() {
        let _ = writeln!(out, "\nnear-duplicate documents, each group counted once:");
        for group in &outcome.duplicates {
            let paths: Vec<&str> = group.iter().map(|f| outcome.files.path(*f)).collect();
            let _ = writeln!(out, "  {}", paths.join(" = "));
        }
    }
    print(&out)
}

fn render_census(out: &mut String, census: &Census, documents: usize) {
    let _ = writeln!(
        out,
        "\ncensus over {}: {} in {}",
        plural(documents, "document"),
        plural(census.mentions, "mention"),
        plural(census.documents, "document")
    );
    let width = census
        .readings
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(0);
    for reading in &census.readings {
        let pad = width - reading.label.chars().count();
        let _ = writeln!(
            out,
            "  {}{}  {}",
            reading.label,
            " ".repeat(pad),
            plural(reading.documents.len(), "document")
        );
        for m in &reading.mentions {
            let _ = writeln!(out, "      {}:{}:{}  {}", m.path, m.line, m.column, m.text);
        }
    }
    if let Some(value) = &census.value {
        let _ = writeln!(out, "\n{value}");
    }
    if !census.findings.is_empty() {
        let parts: Vec<String> = census
            .findings
            .iter()
            .map(|(code, n)| format!("{n} {code}"))
            .collect();
        let _ = writeln!(out, "\nfindings: {}", parts.join(", "));
    }
    if !census.rejected.is_empty() {
        let _ = writeln!(out, "\nrejected candidates ({}):", census.rejected.len());
        for r in &census.rejected {
            let _ = writeln!(
                out,
                "  {}:{}:{}  `{}`: {}",
                r.at.path, r.at.line, r.at.column, r.at.text, r.reason
            );
        }
    }
}

/// The documentation of a code, as Markdown.
fn code_doc(code: Code) -> String {
    let kind = match code.kind() {
        CodeKind::Rule => "a problem in a rule or config file (exit 2)",
        CodeKind::Input => "a document that could not be read (the run goes on)",
        CodeKind::Fact => "facts that disagree",
    };
    let mut out = format!(
        "# {code}\n\nKind: {kind}. Default severity: {}.\n\n",
        code.default_severity()
    );
    for line in code.doc().lines() {
        // Doc comments keep the space after `///`.
        let line = line.strip_prefix(' ').unwrap_or(line);
        if line.starts_with("## ") && !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn print(text: &str) -> anyhow::Result<ExitStatus> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(ExitStatus::Success)
}
