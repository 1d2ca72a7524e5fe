//! Mentions as JSON Lines (`factlint extract --format jsonl`): one mention per line, so users
//! and tests can see exactly what was read, and batch systems can shard extraction.
//!
//! ```json
//! {"rule":"kerman-death-toll","path":"a.md","line":14,"column":58,"start":812,"end":814,
//!  "text":"94","frame":"killing 94","frame_start":804,"frame_end":814,
//!  "value":{"kind":"quantity","interval":{"lo":94,"hi":94},"hedge":"exact","number":94},
//!  "note":null}
//! ```
//!
//! `text` is exactly the file's bytes `start..end`; `value` is the normalized reading: an
//! interval (`null` for infinity), a partial date, or a name form.

use std::io::{self, Write};

use serde::Serialize;

use super::line_column;
use crate::extract::Mention;
use crate::files::Files;
use crate::rules::RuleSet;
use crate::value::Value;

#[derive(Serialize)]
struct MentionDto<'a> {
    rule: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    text: &'a str,
    frame: &'a str,
    frame_start: usize,
    frame_end: usize,
    value: &'a Value,
    note: Option<&'a str>,
}

/// Writes one JSON object per mention, in the given order.
///
/// # Errors
/// Only the writer's I/O errors.
pub fn render(
    files: &Files,
    rules: &RuleSet,
    mentions: &[Mention],
    out: &mut dyn Write,
) -> io::Result<()> {
    for m in mentions {
        let source = files.source(m.span.file);
        let (line, column) = line_column(files, m.span.file, m.span.start);
        let dto = MentionDto {
            rule: rules.rules.get(m.rule).map_or("?", |r| r.id.as_str()),
            path: files.path(m.span.file),
            line,
            column,
            start: m.span.start,
            end: m.span.end,
            text: source.get(m.span.range()).unwrap_or(""),
            frame: source.get(m.frame.range()).unwrap_or(""),
            frame_start: m.frame.start,
            frame_end: m.frame.end,
            value: &m.value,
            note: m.note.as_deref(),
        };
        serde_json::to_writer(&mut *out, &dto)?;
        writeln!(out)?;
    }
    Ok(())
}
