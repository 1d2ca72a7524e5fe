//! GitHub Actions workflow annotations (`--format github`): one workflow command per finding,
//! which GitHub shows on the pull request's diff and in the run summary.
//!
//! ```text
//! ::warning file=desk/b.md,line=9,endLine=9,col=12,endColumn=18,title=iskp-name (entity-variant)::`ISIS-K` should be written `IS-K`%0A…
//! ```
//!
//! - levels: error, warning, notice (for info);
//! - `col`/`endColumn` only when the range is on one line: GitHub rejects them otherwise;
//! - escaping: in the message `%` `\r` `\n` become `%25` `%0D` `%0A`; in properties `:` and
//!   `,` also become `%3A` and `%2C`;
//! - the message carries the evidence in other files (`path:line:col: label`) and the notes,
//!   since an annotation has only one location;
//! - GitHub displays at most [`PER_LEVEL`] annotations of each level per step (and 50 per
//!   job), dropping the rest silently; factlint prints that many of each and then one notice
//!   saying how many more there are and where to see them (SARIF, or the human output).

use std::io::{self, Write};

use super::{Summary, line_column};
use crate::files::Files;
use crate::finding::{CodeKind, Finding, Severity};

/// Annotations of one level that GitHub shows per step.
pub const PER_LEVEL: usize = 10;

/// Escapes a workflow command's message.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a workflow command's property value (`file=`, `title=`).
pub fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_data(text).chars() {
        match c {
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// One finding as a workflow command (without the final newline).
pub fn annotation(files: &Files, finding: &Finding) -> String {
    let mut props = Vec::new();
    if let Some(label) = finding.primary() {
        let span = label.span;
        let (line, col) = line_column(files, span.file, span.start);
        let (end_line, end_col) = line_column(files, span.file, span.end);
        props.push(format!("file={}", escape_property(files.path(span.file))));
        props.push(format!("line={line}"));
        props.push(format!("endLine={end_line}"));
        if line == end_line {
            props.push(format!("col={col}"));
            props.push(format!("endColumn={end_col}"));
        }
    } else if let Some(path) = &finding.path {
        props.push(format!("file={}", escape_property(path)));
    }
    let title = match (&finding.rule, finding.code.kind()) {
        (Some(rule), CodeKind::Fact) => format!("{rule} ({})", finding.code),
        _ => finding.code.name().to_string(),
    };
    props.push(format!("title={}", escape_property(&title)));

    let mut message = finding.message.clone();
    if let Some(label) = finding.primary() {
        message.push_str(&format!(": {}", label.message));
    }
    message.push_str(&super::evidence_and_notes(files, finding));
    format!(
        "::{} {}::{}",
        level(finding.severity),
        props.join(","),
        escape_data(&message)
    )
}

/// Writes one annotation per finding, up to [`PER_LEVEL`] of each level, then a notice
/// counting the rest.
///
/// # Errors
/// Only the writer's I/O errors.
pub fn render(
    files: &Files,
    findings: &[Finding],
    _summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    // A CI log is a terminal too: no control character reaches it raw.
    let mut out = super::escape::Escaping::new(out);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let truncated = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .any(|&s| count(s) > PER_LEVEL);
    // The closing notice needs a notice slot of its own.
    let cap = |s: Severity| match s {
        Severity::Info if truncated => PER_LEVEL - 1,
        _ => PER_LEVEL,
    };
    let mut shown = [0usize; 3];
    let mut hidden = 0;
    for finding in findings {
        let slot = &mut shown[finding.severity as usize];
        if *slot < cap(finding.severity) {
            *slot += 1;
            writeln!(out, "{}", annotation(files, finding))?;
        } else {
            hidden += 1;
        }
    }
    if hidden > 0 {
        writeln!(
            out,
            "::notice title=factlint::{}",
            escape_data(&format!(
                "{hidden} more finding{} not shown: GitHub displays {PER_LEVEL} annotations of \
                 each level per step. Upload `--format sarif` to code scanning, or read the \
                 `factlint check` output, for all {} findings.",
                if hidden == 1 { " is" } else { "s are" },
                findings.len()
            ))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Code, Label};
    use crate::span::Span;

    #[test]
    fn escaping_table() {
        let cases = [
            ("plain", "plain", "plain"),
            ("100%", "100%25", "100%25"),
            ("a\nb", "a%0Ab", "a%0Ab"),
            ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
            ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
            ("%0A", "%250A", "%250A"),
            ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
            ("Türkiye, 22:00", "Türkiye, 22:00", "Türkiye%2C 22%3A00"),
        ];
        for (input, data, property) in cases {
            assert_eq!(escape_data(input), data, "{input:?}");
            assert_eq!(escape_property(input), property, "{input:?}");
        }
    }

    fn setup() -> (Files, Vec<Finding>) {
        let mut files = Files::new();
        let a = files.add("dir,x/a:1.md", "Analysts blamed\nISIS-K, 100%.\n");
        let b = files.add("b.md", "IS-K\n");
        let one_line = Finding::new(Code::EntityVariant, "`ISIS-K` should be written `IS-K`")
            .with_rule("iskp-name")
            .with_label(Label::primary(Span::new(a, 16..22), "variant"))
            .with_label(Label::secondary(Span::new(b, 0..4), "`IS-K` here"))
            .with_note("rule note");
        let two_lines = Finding::new(Code::QuantityMismatch, "read as 100%")
            .with_rule("toll")
            .with_label(Label::primary(Span::new(a, 9..29), "spans lines"));
        (files, vec![one_line, two_lines])
    }

    #[test]
    fn annotations_have_escaped_properties_and_columns_only_on_one_line() {
        let (files, findings) = setup();
        assert_eq!(
            annotation(&files, &findings[0]),
            "::warning file=dir%2Cx/a%3A1.md,line=2,endLine=2,col=1,endColumn=7,\
             title=iskp-name (entity-variant)::`ISIS-K` should be written `IS-K`: variant\
             %0Ab.md:1:1: `IS-K` here%0Arule note"
        );
        assert_eq!(
            annotation(&files, &findings[1]),
            "::error file=dir%2Cx/a%3A1.md,line=1,endLine=2,title=toll (quantity-mismatch)::\
             read as 100%25: spans lines"
        );
        let problem = Finding::new(Code::BinaryFile, "looks binary").with_path("logo.png");
        assert_eq!(
            annotation(&files, &problem),
            "::warning file=logo.png,title=binary-file::looks binary"
        );
    }

    fn rendered(findings: &[Finding], files: &Files) -> Vec<String> {
        let mut out = Vec::new();
        let summary = Summary::new(1, 1, 1, findings);
        let result = render(files, findings, &summary, &mut out);
        assert!(result.is_ok());
        String::from_utf8_lossy(&out)
            .lines()
            .map(String::from)
            .collect()
    }

    #[test]
    fn at_most_ten_per_level_then_one_summary_notice() {
        let (files, findings) = setup();
        assert_eq!(
            rendered(&findings, &files).len(),
            2,
            "no summary when all fit"
        );

        let mut many: Vec<Finding> = std::iter::repeat_n(findings[0].clone(), 12).collect();
        many.extend(std::iter::repeat_n(
            findings[0].clone().with_severity(Severity::Info),
            10,
        ));
        many.push(findings[1].clone());
        let lines = rendered(&many, &files);
        let count = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
        assert_eq!(count("::warning "), 10);
        assert_eq!(count("::error "), 1);
        assert_eq!(count("::notice "), 10, "9 infos and the summary");
        let last = lines.last().map_or("", String::as_str);
        assert!(
            last.starts_with("::notice title=factlint::3 more findings are not shown"),
            "{last}"
        );
        assert!(last.contains("all 23 findings"), "{last}");
    }
}
