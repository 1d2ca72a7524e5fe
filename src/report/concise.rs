//! Concise output (`--format concise`): one line per finding,
//! `path:line:col: severity[rule] message: label`, the form grep, editors' quickfix lists
//! and compilers' error parsers read.
//!
//! ```text
//! docs/a.md:3:632: warning[harbor-name] `Harbour Authority` should be written `Harbor Authority`: variant of `Harbor Authority`
//! ```
//!
//! Findings keep path order and one line each (no grouping: every place is a line to jump
//! to). A finding about a whole file (an unreadable document) has no line and column; line
//! breaks inside a message become spaces, so one finding is always one line. The summary
//! line follows unless `quiet`.

use std::io::{self, Write};

use super::{RenderOptions, Summary, line_column, shown_name};
use crate::files::Files;
use crate::finding::Finding;

/// One finding as one line (without the final newline).
pub fn line(files: &Files, finding: &Finding) -> String {
    let place = match (finding.primary(), &finding.path) {
        (Some(label), _) => {
            let (line, col) = line_column(files, label.span.file, label.span.start);
            format!("{}:{line}:{col}", files.path(label.span.file))
        }
        (None, Some(path)) => path.clone(),
        (None, None) => "factlint".to_string(),
    };
    let mut message = finding.message.clone();
    if let Some(label) = finding.primary()
        && !label.message.is_empty()
    {
        message.push_str(": ");
        message.push_str(&label.message);
    }
    let message: String = message
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    format!(
        "{place}: {}[{}] {message}",
        finding.severity,
        shown_name(finding)
    )
}

/// Writes one line per finding, then the summary line unless `quiet`.
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
    let mut out = super::escape::Escaping::new(out);
    for finding in findings {
        writeln!(out, "{}", line(files, finding))?;
    }
    if !options.quiet {
        writeln!(out, "{}", super::human::summary_line(summary))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Code, Label};
    use crate::span::Span;

    #[test]
    fn one_line_per_finding_in_the_grep_form() {
        let mut files = Files::new();
        let id = files.add("docs/a.md", "ab\nThe IS-KP said\nno more\n".to_string());
        let finding = Finding::new(Code::EntityVariant, "`IS-KP` should be\nwritten `IS-K`")
            .with_rule("iskp")
            .with_label(Label::primary(Span::new(id, 7..12), "variant of `IS-K`"));
        assert_eq!(
            line(&files, &finding),
            "docs/a.md:2:5: warning[iskp] `IS-KP` should be written `IS-K`: variant of `IS-K`"
        );
        let unreadable = Finding::new(Code::InvalidUtf8, "not UTF-8").with_path("docs/b.md");
        assert_eq!(
            line(&files, &unreadable),
            "docs/b.md: warning[invalid-utf8] not UTF-8"
        );
    }
}
