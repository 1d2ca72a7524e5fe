//! Grouping for the human report: a finding repeated through one document is one diagnostic,
//! and the same finding at the same places in several documents (copies of one article, a
//! site's boilerplate) is shown once.
//!
//! Real pieces repeat a name: a wire story writes `IS-KP` nine times, and nine diagnostics
//! that each reprint the same evidence drown the one worth reading. Findings that say the same
//! thing — severity, check, rule, message, label, notes and fix alike — in one document become
//! one [`Group`] with a label per occurrence (the first [`MAX_SHOWN`] drawn, the rest counted
//! with their lines). A group whose occurrences sit at the same lines and columns as an
//! earlier group's in another document is folded into it and named in a note (the first
//! [`MAX_NAMED`] documents, then a count): a flood of copies costs one diagnostic, not one per
//! copy. Only the human report groups: JSON, SARIF, JUnit and the concise format keep one
//! finding per location, so machines and editors still see every place.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::files::Files;
use crate::finding::{Finding, Label};
use crate::span::FileId;

/// Occurrences of a group drawn with their snippet; the rest are counted in a note.
pub const MAX_SHOWN: usize = 5;

/// Other documents named in a note, before "and N more".
pub const MAX_NAMED: usize = 3;

/// Line numbers listed for the occurrences not drawn.
const MAX_LINES_LISTED: usize = 10;

/// Findings shown as one diagnostic.
#[derive(Debug)]
pub struct Group<'f> {
    /// Every finding of the group in its document, in order (never empty).
    pub occurrences: Vec<&'f Finding>,
    /// Other documents holding the same findings at the same places, in order.
    pub elsewhere: Vec<FileId>,
}

impl<'f> Group<'f> {
    /// The first finding of the group.
    pub fn first(&self) -> &'f Finding {
        self.occurrences[0]
    }

    /// The finding to render: the first one, with the primary label of each occurrence
    /// drawn, and notes saying what was folded in.
    pub fn merged(&self, files: &Files) -> Finding {
        let first = self.first();
        let mut merged = first.clone();
        let count = self.occurrences.len();
        if count > 1 {
            merged.message = format!("{} ({count} times in this document)", first.message);
            let mut labels: Vec<Label> = self
                .occurrences
                .iter()
                .take(MAX_SHOWN)
                .filter_map(|f| f.primary().cloned())
                .collect();
            labels.extend(first.labels.iter().filter(|l| !l.primary).cloned());
            merged.labels = labels;
            if count > MAX_SHOWN {
                // "at lines 25 (×2), 27 (×6), 29": each line once, with its count.
                let mut lines: Vec<(usize, usize)> = Vec::new();
                for f in &self.occurrences[MAX_SHOWN..] {
                    let Some(l) = f.primary() else { continue };
                    let line = super::super::line_column(files, l.span.file, l.span.start).0;
                    match lines.last_mut() {
                        Some((last, n)) if *last == line => *n += 1,
                        _ => lines.push((line, 1)),
                    }
                }
                let listed: Vec<String> = lines
                    .iter()
                    .take(MAX_LINES_LISTED)
                    .map(|&(line, n)| match n {
                        1 => line.to_string(),
                        _ => format!("{line} (×{n})"),
                    })
                    .collect();
                let more = if lines.len() > MAX_LINES_LISTED {
                    ", …"
                } else {
                    ""
                };
                merged.notes.insert(
                    0,
                    format!(
                        "and {} more in this document, at {} {}{more}",
                        count - MAX_SHOWN,
                        if lines.len() == 1 { "line" } else { "lines" },
                        listed.join(", ")
                    ),
                );
            }
        }
        if !self.elsewhere.is_empty() {
            let named: Vec<&str> = self
                .elsewhere
                .iter()
                .take(MAX_NAMED)
                .map(|&f| files.path(f))
                .collect();
            let rest = self.elsewhere.len().saturating_sub(MAX_NAMED);
            let tail = if rest > 0 {
                format!(" and {rest} more")
            } else {
                String::new()
            };
            merged.notes.push(format!(
                "the same at the same place in {}: {}{tail}",
                crate::compare::plural(self.elsewhere.len(), "other document"),
                named.join(", ")
            ));
        }
        merged
    }
}

/// The document of a finding and what makes it the same as another apart from where it is;
/// `None` for a finding without a primary label (a whole file), which never groups.
fn sameness(finding: &Finding) -> Option<(FileId, String)> {
    let primary = finding.primary()?;
    let fix = finding.fix.as_ref().map(|f| {
        f.edits
            .iter()
            .map(|e| e.replacement.as_str())
            .collect::<Vec<_>>()
            .join("\u{1f}")
    });
    let key = format!(
        "{}\u{1e}{}\u{1e}{}\u{1e}{}\u{1e}{}\u{1e}{}\u{1e}{:?}\u{1e}{}",
        finding.severity,
        finding.code,
        finding.rule.as_deref().unwrap_or(""),
        finding.message,
        primary.message,
        finding.notes.join("\u{1f}"),
        fix,
        finding.labels.len(),
    );
    Some((primary.span.file, key))
}

/// Groups `findings` (in report order); groups come in the order of their first finding.
pub fn groups<'f>(
    files: &Files,
    findings: impl IntoIterator<Item = &'f Finding>,
) -> Vec<Group<'f>> {
    let alone = |finding| Group {
        occurrences: vec![finding],
        elsewhere: Vec::new(),
    };
    // Each group with what makes it the same as another (none for a whole-file finding).
    let mut out: Vec<(Group<'f>, Option<String>)> = Vec::new();
    let mut in_document: HashMap<(FileId, String), usize> = HashMap::new();
    for finding in findings {
        let Some(same) = sameness(finding) else {
            out.push((alone(finding), None));
            continue;
        };
        match in_document.entry(same) {
            Entry::Occupied(at) => out[*at.get()].0.occurrences.push(finding),
            Entry::Vacant(at) => {
                let key = at.key().1.clone();
                at.insert(out.len());
                out.push((alone(finding), Some(key)));
            }
        }
    }
    // Fold a group into an earlier one with the same findings at the same places.
    let mut seen: HashMap<(String, Vec<(usize, usize)>), usize> = HashMap::new();
    let mut folded: Vec<Group<'f>> = Vec::with_capacity(out.len());
    for (group, key) in out {
        let Some(key) = key else {
            folded.push(group);
            continue;
        };
        let places: Vec<(usize, usize)> = group
            .occurrences
            .iter()
            .filter_map(|f| f.primary())
            .map(|l| super::super::line_column(files, l.span.file, l.span.start))
            .collect();
        match seen.entry((key, places)) {
            Entry::Occupied(at) => {
                if let Some(label) = group.first().primary() {
                    folded[*at.get()].elsewhere.push(label.span.file);
                }
            }
            Entry::Vacant(at) => {
                at.insert(folded.len());
                folded.push(group);
            }
        }
    }
    folded
}
