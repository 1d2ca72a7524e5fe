//! Human output: compiler-style diagnostics with codespan-reporting, then a summary line.
//!
//! A finding's primary label marks the offending mention; secondary labels mark the evidence
//! in other files, each rendered under its own file header. Info-level findings render as
//! codespan "note"s. Colour is decided by the caller (terminal, `NO_COLOR`, `--color`).

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label as CsLabel, LabelStyle};
use codespan_reporting::term::{self, Config, termcolor::Ansi};

use super::{RenderOptions, Summary};
use crate::compare::plural;
use crate::files::Files;
use crate::finding::{CodeKind, Finding, Severity};
use crate::span::FileId;

/// Converts one finding to a codespan diagnostic.
pub fn to_diagnostic(files: &Files, finding: &Finding) -> Diagnostic<FileId> {
    let severity = match finding.severity {
        Severity::Error => codespan_reporting::diagnostic::Severity::Error,
        Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        Severity::Info => codespan_reporting::diagnostic::Severity::Note,
    };
    // Facts are named by the user's rule (`error[kerman-death-toll]`); problems with rules or
    // inputs by the built-in code (`error[unknown-key]`), which `factlint explain` documents.
    let code = match (&finding.rule, finding.code.kind()) {
        (Some(rule), CodeKind::Fact) => rule.clone(),
        _ => finding.code.name().to_string(),
    };
    let mut message = finding.message.clone();
    if finding.labels.is_empty()
        && let Some(path) = &finding.path
        && !message.contains(path.as_str())
    {
        message = format!("{path}: {message}");
    }
    let labels = finding
        .labels
        .iter()
        .map(|l| {
            let style = if l.primary {
                LabelStyle::Primary
            } else {
                LabelStyle::Secondary
            };
            CsLabel::new(style, l.span.file, l.span.range()).with_message(l.message.clone())
        })
        .collect();
    let mut notes = finding.notes.clone();
    for label in &finding.labels {
        if let Some(locator) = super::locator(files, label.span) {
            let (line, _) = super::line_column(files, label.span.file, label.span.start);
            let note = format!(
                "{}:{line} is {locator}: the text of a Word document, one paragraph per line",
                files.path(label.span.file)
            );
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
    }
    if let Some(fix) = &finding.fix
        && let [edit] = fix.edits.as_slice()
    {
        notes.push(format!("help: replace with `{}`", edit.replacement));
    }
    Diagnostic::new(severity)
        .with_code(code)
        .with_message(message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Renders every finding, then the summary unless `quiet`.
///
/// # Errors
/// Only the writer's I/O errors.
pub fn render(
    files: &Files,
    findings: &[Finding],
    summary: &Summary,
    options: RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let config = Config::default();
    for finding in findings {
        let diagnostic = to_diagnostic(files, finding);
        let result = if options.color {
            term::emit_to_write_style(&mut Ansi::new(&mut *out), &config, files, &diagnostic)
        } else {
            term::emit_to_io_write(&mut *out, &config, files, &diagnostic)
        };
        result.map_err(|e| match e {
            codespan_reporting::files::Error::Io(io) => io,
            other => io::Error::other(other.to_string()),
        })?;
    }
    if !options.quiet {
        writeln!(out, "{}", summary_line(summary))?;
    }
    Ok(())
}

/// `checked 8 documents against 6 rules: 3 errors, 2 warnings, 1 info`.
pub fn summary_line(summary: &Summary) -> String {
    let counts = summary.by_severity;
    let verdict = if summary.findings == 0 {
        "no findings".to_string()
    } else {
        format!(
            "{}, {}, {} info",
            plural(counts.error, "error"),
            plural(counts.warning, "warning"),
            counts.info
        )
    };
    format!(
        "factlint: checked {} against {}: {verdict}",
        plural(summary.documents, "document"),
        plural(summary.rules, "rule"),
    )
}
