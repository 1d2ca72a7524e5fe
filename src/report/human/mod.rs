//! Human output: compiler-style diagnostics with codespan-reporting, then a table of findings
//! per rule and a summary line.
//!
//! A finding's primary label marks the offending mention; secondary labels mark the evidence
//! in other files, each rendered under its own file header. Info-level findings render as
//! codespan "note"s. Colour is decided by the caller (terminal, `NO_COLOR`, `--color`).

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label as CsLabel, LabelStyle};
use codespan_reporting::term::{self, Config, termcolor::Ansi};

use super::escape::Escaping;

mod group;
mod window;

use window::Windowed;

use super::{RenderOptions, Sort, Summary};
use crate::compare::plural;
use crate::files::Files;
use crate::finding::{Finding, Severity};
use crate::span::FileId;

/// Converts one finding to a codespan diagnostic.
pub fn to_diagnostic(files: &Files, finding: &Finding) -> Diagnostic<FileId> {
    let severity = match finding.severity {
        Severity::Error => codespan_reporting::diagnostic::Severity::Error,
        Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        Severity::Info => codespan_reporting::diagnostic::Severity::Note,
    };
    let code = super::shown_name(finding).to_string();
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

/// Renders every finding — errors first unless `options.sort` says path order, repeats
/// grouped — then the per-rule table and the summary line unless `quiet`.
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
    let mut ordered: Vec<&Finding> = findings.iter().collect();
    if options.sort == Sort::Severity {
        // Stable: within one severity the findings keep their path order.
        ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
    }
    let groups = group::groups(files, ordered);
    for g in &groups {
        let diagnostic = to_diagnostic(files, &g.merged(files));
        emit(files, diagnostic, options, out)?;
    }
    if !options.quiet {
        // Rule ids come from rule files: escaped like everything else shown.
        let mut out = Escaping::new(out);
        write!(out, "{}", statistics_table(findings))?;
        let mut line = summary_line(summary);
        if groups.len() < summary.findings {
            line.push_str(&format!(" (shown as {})", plural(groups.len(), "group")));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Findings per rule (or built-in check) and severity, most severe first, then most
/// frequent: the table `--statistics` prints and the human summary ends with. Empty when
/// there are no findings.
pub fn statistics_table(findings: &[Finding]) -> String {
    let rows = super::statistics(findings);
    if rows.is_empty() {
        return String::new();
    }
    let rule_width = rows
        .iter()
        .map(|r| r.rule.chars().count())
        .chain([4])
        .max()
        .unwrap_or(4);
    let mut table = format!(
        "{:>8}  {:<8}  {:<rule_width$}  check\n",
        "findings", "severity", "rule"
    );
    for r in &rows {
        table.push_str(&format!(
            "{:>8}  {:<8}  {:<rule_width$}  {}\n",
            r.count,
            r.severity.as_str(),
            r.rule,
            r.code
        ));
    }
    table
}

/// Writes one diagnostic, each long line shown as windows around its labels.
fn emit(
    files: &Files,
    mut diagnostic: Diagnostic<FileId>,
    options: RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let spans: Vec<(FileId, std::ops::Range<usize>)> = diagnostic
        .labels
        .iter()
        .map(|l| (l.file_id, l.range.clone()))
        .collect();
    // "   = " before a note: a long note wraps at the terminal's width instead.
    let room = options.width.saturating_sub(6).max(40);
    for note in &mut diagnostic.notes {
        *note = wrap(note, room);
    }
    let result = match Windowed::new(files, &spans, options.width) {
        Some(view) => {
            for label in &mut diagnostic.labels {
                label.range = view.map(label.file_id, label.range.start)
                    ..view.map(label.file_id, label.range.end);
            }
            emit_with(&view, &diagnostic, options.color, out)
        }
        None => emit_with(files, &diagnostic, options.color, out),
    };
    result.map_err(|e| match e {
        codespan_reporting::files::Error::Io(io) => io,
        other => io::Error::other(other.to_string()),
    })
}

/// `text` with line breaks between words so that no line is longer than `width` characters
/// (a single longer word stays whole).
fn wrap(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, paragraph) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut line = 0;
        for word in paragraph.split(' ') {
            let len = word.chars().count();
            if line > 0 && line + 1 + len > width {
                out.push('\n');
                line = 0;
            } else if line > 0 {
                out.push(' ');
                line += 1;
            }
            out.push_str(word);
            line += len;
        }
    }
    out
}

fn emit_with<'f, F>(
    files: &'f F,
    diagnostic: &Diagnostic<FileId>,
    color: bool,
    out: &mut dyn Write,
) -> Result<(), codespan_reporting::files::Error>
where
    F: codespan_reporting::files::Files<'f, FileId = FileId>,
{
    let config = Config::default();
    // Document text and file names are escaped on their way in; colour codes are written
    // below the escaping, so they stay codes.
    if color {
        let mut writer = Escaping::new(Ansi::new(&mut *out));
        term::emit_to_write_style(&mut writer, &config, files, diagnostic)
    } else {
        term::emit_to_io_write(&mut Escaping::new(&mut *out), &config, files, diagnostic)
    }
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

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn notes_wrap_between_words() {
        assert_eq!(wrap("short note", 40), "short note");
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
        assert_eq!(wrap("a verylongword b", 5), "a\nverylongword\nb");
        for line in wrap(&"word ".repeat(100), 50).lines() {
            assert!(line.chars().count() <= 50, "{line}");
        }
    }
}
