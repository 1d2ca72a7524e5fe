//! JUnit XML (`--format junit`), for CI systems that read test reports (GitLab, Jenkins,
//! Azure Pipelines, CircleCI).
//!
//! One `<testsuite>` per document with findings, one `<testcase>` per finding: errors and
//! warnings carry a `<failure>` whose `type` is the severity, infos pass and say what they
//! found in `<system-out>` (an info never fails a run). A run without findings is one suite
//! with one passing test case, so the CI system shows the check ran. Findings keep path order
//! and are not grouped: each is a place to look at. Text is escaped for XML 1.0, and the
//! characters XML 1.0 cannot carry at all (most control characters) become U+FFFD.

use std::io::{self, Write};

use super::{Summary, line_column, shown_name};
use crate::files::Files;
use crate::finding::{Finding, Severity};

/// Escapes text for an XML attribute or element.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => {
                out.push('\u{fffd}');
            }
            c => out.push(c),
        }
    }
    out
}

/// Where a finding is: `path:line:col`, a file's path, or nothing.
fn place(files: &Files, finding: &Finding) -> (String, Option<(usize, usize)>) {
    match (finding.primary(), &finding.path) {
        (Some(label), _) => (
            files.path(label.span.file).to_string(),
            Some(line_column(files, label.span.file, label.span.start)),
        ),
        (None, Some(path)) => (path.clone(), None),
        (None, None) => ("factlint".to_string(), None),
    }
}

/// The body of a failure: the finding as the concise format writes it, then the evidence
/// and the notes, one per line.
fn details(files: &Files, finding: &Finding) -> String {
    super::concise::line(files, finding) + &super::evidence_and_notes(files, finding)
}

/// Writes the report.
///
/// # Errors
/// Only the writer's I/O errors.
pub fn render(
    files: &Files,
    findings: &[Finding],
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let failing = |f: &Finding| f.severity >= Severity::Warning;
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="factlint" tests="{}" failures="{}" errors="0">"#,
        findings.len().max(1),
        findings.iter().filter(|f| failing(f)).count()
    )?;
    if findings.is_empty() {
        writeln!(
            out,
            r#"  <testsuite name="factlint" tests="1" failures="0" errors="0">"#
        )?;
        writeln!(
            out,
            r#"    <testcase classname="factlint" name="{}"/>"#,
            escape(&super::human::summary_line(summary))
        )?;
        writeln!(out, "  </testsuite>")?;
    }
    // Findings come in path order: each run of one path is a suite.
    let places: Vec<(String, Option<(usize, usize)>)> =
        findings.iter().map(|f| place(files, f)).collect();
    let mut start = 0;
    while start < findings.len() {
        let path = &places[start].0;
        let end = start
            + places[start..]
                .iter()
                .take_while(|(p, _)| p == path)
                .count();
        let suite = &findings[start..end];
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{}" errors="0">"#,
            escape(path),
            suite.len(),
            suite.iter().filter(|f| failing(f)).count()
        )?;
        for (finding, (path, at)) in suite.iter().zip(&places[start..end]) {
            let at = *at;
            let name = match at {
                Some((line, col)) => format!(
                    "{}: {} ({line}:{col})",
                    shown_name(finding),
                    finding.message
                ),
                None => format!("{}: {}", shown_name(finding), finding.message),
            };
            let line_attr = at.map_or(String::new(), |(line, _)| format!(r#" line="{line}""#));
            writeln!(
                out,
                r#"    <testcase classname="{}" name="{}" file="{}"{line_attr}>"#,
                escape(path),
                escape(&name),
                escape(path)
            )?;
            let body = escape(&details(files, finding));
            if failing(finding) {
                writeln!(
                    out,
                    r#"      <failure type="{}" message="{}">{body}</failure>"#,
                    finding.severity,
                    escape(&finding.message)
                )?;
            } else {
                writeln!(out, "      <system-out>{body}</system-out>")?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
        start = end;
    }
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_characters_xml_cannot_carry() {
        assert_eq!(
            escape(r#"a<b & "c" 'd'>"#),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
        assert_eq!(escape("bell\u{7}\ttab"), "bell\u{fffd}\ttab");
    }
}
