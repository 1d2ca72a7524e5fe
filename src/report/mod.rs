//! Reporting: findings → bytes, one file per output format.
//!
//! Renderers never decide anything: they receive the findings already sorted and the summary
//! already counted, so every format says the same thing and the exit status never depends on
//! the format chosen.

pub mod concise;
pub mod escape;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;

pub mod github;
pub mod sarif;

use std::io::{self, Write};

use serde::Serialize;

use crate::files::Files;
use crate::finding::{Finding, SeverityCounts};

/// An output format of `factlint check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Compiler-style diagnostics (codespan-reporting) and a summary line.
    Human,
    /// The versioned JSON contract (docs/json.md).
    Json,
    /// SARIF 2.1.0 for code scanning (docs/ci.md).
    Sarif,
    /// GitHub Actions workflow annotations (docs/ci.md).
    Github,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// JUnit XML, for CI systems that read test reports (docs/ci.md).
    Junit,
}

/// Counts shown at the end of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Documents read.
    pub documents: usize,
    /// Rules loaded.
    pub rules: usize,
    /// Mentions found.
    pub mentions: usize,
    /// Findings reported.
    pub findings: usize,
    /// Findings by severity.
    #[serde(flatten)]
    pub by_severity: SeverityCounts,
    /// What suppressions, the baseline and draft mode hid, when any of them was at work.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gates: Option<crate::gates::GateStats>,
}

impl Summary {
    /// Counts a run's results.
    pub fn new(documents: usize, rules: usize, mentions: usize, findings: &[Finding]) -> Summary {
        Summary {
            documents,
            rules,
            mentions,
            findings: findings.len(),
            by_severity: SeverityCounts::of(findings),
            gates: None,
        }
    }
}

/// How to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenderOptions {
    /// Emit ANSI colours (human format only).
    pub color: bool,
    /// Leave out the summary line (human format only).
    pub quiet: bool,
    /// The terminal's width in columns: a source line longer than this is shown as a window
    /// around each label (human format only).
    pub width: usize,
    /// The order of the human report.
    pub sort: Sort,
}

/// The order of the human report (machine formats keep path order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Errors first, then warnings, then infos; path order within each.
    #[default]
    Severity,
    /// Path, then position, whatever the severity.
    Path,
}

/// One row of the statistics table: how many findings one rule (or built-in check) has at
/// one severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatisticsRow {
    /// The rule id, or the check's name for findings of no rule (an unreadable file).
    pub rule: String,
    /// The check.
    pub code: &'static str,
    /// The severity.
    pub severity: crate::finding::Severity,
    /// How many findings.
    pub count: usize,
}

/// Findings per rule, check and severity: most severe first, then most frequent, then by
/// rule.
pub fn statistics(findings: &[Finding]) -> Vec<StatisticsRow> {
    let mut counts: std::collections::BTreeMap<
        (String, &'static str, crate::finding::Severity),
        usize,
    > = std::collections::BTreeMap::new();
    for f in findings {
        let rule = f.rule.clone().unwrap_or_else(|| f.code.name().to_string());
        *counts.entry((rule, f.code.name(), f.severity)).or_default() += 1;
    }
    let mut rows: Vec<StatisticsRow> = counts
        .into_iter()
        .map(|((rule, code, severity), count)| StatisticsRow {
            rule,
            code,
            severity,
            count,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(b.count.cmp(&a.count))
            .then_with(|| a.rule.cmp(&b.rule))
            .then(a.code.cmp(b.code))
    });
    rows
}

impl Default for RenderOptions {
    fn default() -> RenderOptions {
        RenderOptions {
            color: false,
            quiet: false,
            width: DEFAULT_WIDTH,
            sort: Sort::Severity,
        }
    }
}

/// The width assumed when the output is not a terminal.
pub const DEFAULT_WIDTH: usize = 120;

/// Renders `findings` in `format` to `out`.
///
/// # Errors
/// Only the writer's I/O errors.
pub fn render(
    format: Format,
    files: &Files,
    findings: &[Finding],
    summary: &Summary,
    options: RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(files, findings, summary, options, out),
        Format::Json => json::render(files, findings, summary, out),
        Format::Sarif => sarif::render(files, findings, summary, &[], out),
        Format::Github => github::render(files, findings, summary, out),
        Format::Concise => concise::render(files, findings, summary, options, out),
        Format::Junit => junit::render(files, findings, summary, out),
    }
}

/// A finding's evidence (`path:line:col: label`) and notes, each on a line of its own after
/// a line break: what a format with one location per finding adds to its message.
pub fn evidence_and_notes(files: &Files, finding: &Finding) -> String {
    let mut text = String::new();
    for label in finding.labels.iter().filter(|l| !l.primary) {
        let (line, col) = line_column(files, label.span.file, label.span.start);
        text.push_str(&format!(
            "\n{}:{line}:{col}: {}",
            files.path(label.span.file),
            label.message
        ));
    }
    for note in &finding.notes {
        text.push('\n');
        text.push_str(note);
    }
    text
}

/// The name a finding goes by in a report: the user's rule for facts (`error[kerman-toll]`),
/// the built-in check for problems with rules or inputs (`error[unknown-key]`), which
/// `factlint explain` documents.
pub fn shown_name(finding: &Finding) -> &str {
    match (&finding.rule, finding.code.kind()) {
        (Some(rule), crate::finding::CodeKind::Fact) => rule,
        _ => finding.code.name(),
    }
}

/// 1-based line and column of a byte offset, as every format shows them.
pub fn line_column(files: &Files, file: crate::span::FileId, byte: usize) -> (usize, usize) {
    files.get(file).map_or((1, 1), |f| f.line_column(byte))
}

/// Where a span is in a document whose text was extracted from a container (DOCX): its
/// paragraph, `¶14`; `None` for documents whose lines are their own.
pub fn locator(files: &Files, span: crate::span::Span) -> Option<String> {
    let (line, _) = line_column(files, span.file, span.start);
    crate::source::locator(files.path(span.file), line)
}
