//! JSON output: the versioned machine contract (documented in `docs/json.md`).
//!
//! ## Wire format (version 1)
//!
//! ```json
//! {"version": 1,
//!  "findings": [{"rule": "kerman-death-toll", "code": "quantity-mismatch",
//!                "severity": "error", "message": "...",
//!                "labels": [{"path": "desk/a.md", "line": 14, "column": 58,
//!                            "end_line": 14, "end_column": 60, "start": 812, "end": 814,
//!                            "text": "94", "primary": true, "message": "read as 94"}],
//!                "notes": ["..."], "path": null,
//!                "fix": {"safe": true, "edits": [{"path": "...", "start": 1, "end": 2,
//!                                                 "replacement": "IS-K"}]}}],
//!  "summary": {"documents": 2, "rules": 1, "mentions": 3, "findings": 1,
//!              "error": 1, "warning": 0, "info": 0}}
//! ```
//!
//! A label in a DOCX document also has `"locator": "¶14"`: its offsets, lines and columns
//! are in the document's extracted text (one paragraph per line), not in the zip.
//!
//! Offsets are bytes into the original file; lines and columns are 1-based, columns count
//! characters. `text` is always exactly the file's bytes `start..end`. Fields are only ever
//! added, never removed or renamed, within one `version`.

use std::io::{self, Write};

use serde::Serialize;

use super::{Summary, line_column};
use crate::files::Files;
use crate::finding::{Finding, Label, Severity};

/// The version of the JSON contract.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    findings: Vec<FindingDto<'a>>,
    summary: &'a Summary,
}

#[derive(Serialize)]
struct FindingDto<'a> {
    rule: Option<&'a str>,
    code: &'static str,
    severity: Severity,
    message: &'a str,
    labels: Vec<LabelDto<'a>>,
    notes: &'a [String],
    path: Option<&'a str>,
    fix: Option<FixDto<'a>>,
}

/// One label, with everything a machine needs to find the bytes again.
#[derive(Serialize)]
pub struct LabelDto<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start: usize,
    end: usize,
    text: &'a str,
    primary: bool,
    message: &'a str,
    /// The paragraph of a DOCX document (`¶14`); absent for other formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    locator: Option<String>,
}

#[derive(Serialize)]
struct FixDto<'a> {
    safe: bool,
    edits: Vec<EditDto<'a>>,
}

#[derive(Serialize)]
struct EditDto<'a> {
    path: &'a str,
    start: usize,
    end: usize,
    replacement: &'a str,
}

/// The JSON form of a label.
pub fn label_dto<'a>(files: &'a Files, label: &'a Label) -> LabelDto<'a> {
    let span = label.span;
    let (line, column) = line_column(files, span.file, span.start);
    let (end_line, end_column) = line_column(files, span.file, span.end);
    LabelDto {
        path: files.path(span.file),
        line,
        column,
        end_line,
        end_column,
        start: span.start,
        end: span.end,
        text: files.source(span.file).get(span.range()).unwrap_or(""),
        primary: label.primary,
        message: &label.message,
        locator: super::locator(files, span),
    }
}

fn finding_dto<'a>(files: &'a Files, f: &'a Finding) -> FindingDto<'a> {
    FindingDto {
        rule: f.rule.as_deref(),
        code: f.code.name(),
        severity: f.severity,
        message: &f.message,
        labels: f.labels.iter().map(|l| label_dto(files, l)).collect(),
        notes: &f.notes,
        path: f.path.as_deref(),
        fix: f.fix.as_ref().map(|fix| FixDto {
            safe: fix.safe,
            edits: fix
                .edits
                .iter()
                .map(|e| EditDto {
                    path: files.path(e.span.file),
                    start: e.span.start,
                    end: e.span.end,
                    replacement: &e.replacement,
                })
                .collect(),
        }),
    }
}

/// Writes the findings and summary as one JSON document on one line: a machine format, and
/// on an archive the indentation alone was a third of the report (`jq .` pretty-prints it).
///
/// # Errors
/// Only the writer's I/O errors.
pub fn render(
    files: &Files,
    findings: &[Finding],
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let output = Output {
        version: VERSION,
        findings: findings.iter().map(|f| finding_dto(files, f)).collect(),
        summary,
    };
    serde_json::to_writer(&mut *out, &output)?;
    writeln!(out)
}
