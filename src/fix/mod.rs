//! Safe fixes: applying the edits of fact findings to document text, writing files
//! atomically, and showing the change as a unified diff (`factlint check --fix`, `--diff`).
//!
//! Only fixes marked `safe` on findings about facts are applied — today the canonical form of
//! a name in a `canonical` entity rule. Numbers and dates are never rewritten, and neither are
//! forms chosen by a consensus (`consistent`, `corpus`), which are guesses. Edits that overlap
//! an earlier one are dropped (the next run will offer them again if they still apply), and
//! edits are applied from the end of the text backwards so earlier offsets stay valid.
//!
//! Writing a fixed file back is [`write`]'s job: exactly the file that was read, unchanged
//! since, with its owner, mode and links.

pub mod safety;
pub mod write;

pub use write::{WriteError, WriteOptions, Written, write_fixed};

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::files::{Files, SourceFile};
use crate::finding::{CodeKind, Edit, Finding};
use crate::span::FileId;

/// The fixes of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFix {
    /// The file.
    pub file: FileId,
    /// Its display path.
    pub path: String,
    /// The path it was read from (`None` for standard input): the only path ever written.
    pub opened: Option<PathBuf>,
    /// The text before.
    pub before: String,
    /// The text after.
    pub after: String,
    /// How many edits were applied.
    pub applied: usize,
    /// Indices (into the findings given to [`plan`]) of the findings whose fix was applied.
    pub fixed: Vec<usize>,
}

/// Extensions of the documents `--fix` may write: Markdown, HTML and plain text. Never rule
/// files or config (TOML), data (JSON, CSV, YAML), code, or a Word document (its text was
/// extracted from a zip, so writing it back would destroy it).
const DOCUMENT_EXTENSIONS: &[&str] = &[
    "md", "markdown", "mdx", "html", "htm", "xhtml", "txt", "text",
];

/// Whether `--fix` may write this file: a document by its extension, or text that came from
/// no file (standard input is printed, never written).
pub fn is_writable_document(file: &SourceFile) -> bool {
    file.opened.is_none()
        || crate::source::extension(&file.path)
            .is_some_and(|ext| DOCUMENT_EXTENSIONS.contains(&ext.as_str()))
}

/// Takes the fix off every fact finding in a file `--fix` may not write (its primary label's
/// file, or a file an edit falls in), and says why in a note — that reason, rather than any
/// the text gave — so the report never promises a fix that will not be made.
pub fn settle(files: &Files, findings: &mut [Finding]) {
    let writable = |file| files.get(file).is_some_and(is_writable_document);
    for finding in findings {
        if finding.code.kind() != CodeKind::Fact {
            continue;
        }
        let primary_ok = finding.primary().is_none_or(|l| writable(l.span.file));
        let edits_ok = finding
            .fix
            .as_ref()
            .is_none_or(|fix| fix.edits.iter().all(|e| writable(e.span.file)));
        let had_reason = finding
            .notes
            .iter()
            .any(|n| n.starts_with(safety::NOT_FIXED));
        if primary_ok && edits_ok {
            continue;
        }
        if finding.fix.is_none() && !had_reason {
            // Nothing promised and nothing said: no note needed.
            continue;
        }
        finding.fix = None;
        finding.notes.retain(|n| !n.starts_with(safety::NOT_FIXED));
        finding.notes.push(safety::NoFix::NotADocument.note());
    }
}

/// Whether a finding carries a fix that `--fix` may apply.
pub fn is_safely_fixable(finding: &Finding) -> bool {
    finding.code.kind() == CodeKind::Fact && finding.fix.as_ref().is_some_and(|f| f.safe)
}

/// The fixes of `findings`, one per file that changes, in file order.
pub fn plan(files: &Files, findings: &[Finding]) -> Vec<FileFix> {
    // (finding index, edit) per file; a finding's fix is applied whole or not at all, so all
    // of its edits must stay in one file.
    let mut per_file: BTreeMap<FileId, Vec<(usize, &Edit)>> = BTreeMap::new();
    for (i, finding) in findings.iter().enumerate() {
        if !is_safely_fixable(finding) {
            continue;
        }
        let Some(fix) = &finding.fix else { continue };
        let Some(first) = fix.edits.first() else {
            continue;
        };
        if fix.edits.iter().any(|e| e.span.file != first.span.file) {
            continue;
        }
        let list = per_file.entry(first.span.file).or_default();
        list.extend(fix.edits.iter().map(|e| (i, e)));
    }
    let mut out = Vec::new();
    for (file, edits) in per_file {
        let Some(source) = files.get(file) else {
            continue;
        };
        if !is_writable_document(source) {
            continue;
        }
        let before = source.source().to_string();
        let (after, applied_by) = apply(&before, &edits);
        if after == before {
            continue;
        }
        let applied = applied_by.len();
        let mut fixed: Vec<usize> = applied_by;
        fixed.sort_unstable();
        fixed.dedup();
        out.push(FileFix {
            file,
            path: source.path.clone(),
            opened: source.opened.clone(),
            applied,
            before,
            after,
            fixed,
        });
    }
    out
}

/// Applies `edits` (tagged with the finding they belong to) to `text`: sorted by position,
/// an edit that overlaps an earlier kept one is dropped with every other edit of its finding,
/// and an edit outside the text or off a character boundary is dropped the same way. Returns
/// the new text and the tags of the findings applied.
pub fn apply(text: &str, edits: &[(usize, &Edit)]) -> (String, Vec<usize>) {
    let valid = |e: &Edit| {
        e.span.start <= e.span.end
            && e.span.end <= text.len()
            && text.is_char_boundary(e.span.start)
            && text.is_char_boundary(e.span.end)
            && !drops_markup(text.get(e.span.range()).unwrap_or(""), &e.replacement)
    };
    let mut sorted: Vec<(usize, &Edit)> = edits.to_vec();
    // Stable: edits at the same place keep the order of their findings, so the first wins.
    sorted.sort_by_key(|(_, e)| (e.span.start, e.span.end));
    let mut rejected: Vec<usize> = sorted
        .iter()
        .filter(|(_, e)| !valid(e))
        .map(|(tag, _)| *tag)
        .collect();
    let mut kept: Vec<(usize, &Edit)> = Vec::new();
    for &(tag, edit) in &sorted {
        if rejected.contains(&tag) {
            continue;
        }
        let overlaps = kept.last().is_some_and(|(_, last)| {
            edit.span.start < last.span.end
                // Two insertions at one point would be ambiguous too.
                || (edit.span.start == last.span.start && edit.span.is_empty())
        });
        if overlaps {
            rejected.push(tag);
            continue;
        }
        kept.push((tag, edit));
    }
    kept.retain(|(tag, _)| !rejected.contains(tag));
    let mut out = text.to_string();
    for (_, edit) in kept.iter().rev() {
        out.replace_range(edit.span.range(), &edit.replacement);
    }
    let applied = kept.iter().map(|(tag, _)| *tag).collect();
    (out, applied)
}

/// Whether replacing `old` by `new` would delete Markdown or HTML markup inside a name
/// (`*ISIS*-K`, `IS-<b>K</b>`): the name was matched in the prose, but the source bytes hold
/// more than the name, so the edit is not safe after all and is left to the author.
fn drops_markup(old: &str, new: &str) -> bool {
    old.chars()
        .any(|c| matches!(c, '*' | '_' | '`' | '<' | '[' | ']') && !new.contains(c))
}

/// A unified diff of one file (`--- a/path`, `+++ b/path`, hunks with 3 lines of context).
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Code, Fix};
    use crate::span::Span;

    fn edit(start: usize, end: usize, text: &str) -> Edit {
        Edit {
            span: Span::new(FileId(0), start..end),
            replacement: text.to_string(),
        }
    }

    #[test]
    fn edits_apply_from_the_end_and_overlaps_keep_the_first() {
        let text = "ISIS-K and IS-KP met ISKP.";
        let a = edit(0, 6, "IS-K");
        let b = edit(11, 16, "IS-K");
        let c = edit(12, 14, "XX"); // overlaps b: dropped
        let d = edit(21, 25, "IS-K");
        let (out, applied) = apply(text, &[(0, &a), (1, &b), (2, &c), (3, &d)]);
        assert_eq!(out, "IS-K and IS-K met IS-K.");
        assert_eq!(applied, vec![0, 1, 3]);
    }

    #[test]
    fn edits_off_boundaries_or_outside_the_text_are_dropped() {
        let text = "Türkiye";
        let inside_char = edit(2, 3, "x");
        let outside = edit(5, 99, "x");
        let (out, applied) = apply(text, &[(0, &inside_char), (1, &outside)]);
        assert_eq!(out, text);
        assert!(applied.is_empty());
    }

    #[test]
    fn edits_that_would_delete_markup_are_dropped() {
        let text = "Claimed by *ISIS*-K and by ISIS-K.";
        let marked = edit(11, 19, "IS-K");
        let plain = edit(27, 33, "IS-K");
        let (out, applied) = apply(text, &[(0, &marked), (1, &plain)]);
        assert_eq!(out, "Claimed by *ISIS*-K and by IS-K.");
        assert_eq!(applied, vec![1]);
    }

    #[test]
    fn only_safe_fact_fixes_are_planned() {
        let mut files = Files::new();
        let id = files.add("a.md", "ISIS-K and ISIS-K");
        let fixable = |start, end, safe| {
            Finding::new(Code::EntityVariant, "variant").with_fix(Fix {
                edits: vec![Edit {
                    span: Span::new(id, start..end),
                    replacement: "IS-K".to_string(),
                }],
                safe,
            })
        };
        let rule_problem = Finding::new(Code::UnknownKey, "x").with_fix(Fix {
            edits: vec![Edit {
                span: Span::new(id, 0..1),
                replacement: "Z".to_string(),
            }],
            safe: true,
        });
        let findings = vec![fixable(0, 6, true), fixable(11, 17, false), rule_problem];
        let plan = plan(&files, &findings);
        assert_eq!(plan.len(), 1);
        assert_eq!(plan[0].after, "IS-K and ISIS-K");
        assert_eq!(plan[0].fixed, vec![0]);
        // Fixing the result again changes nothing: no finding points at a variant any more.
        let (again, _) = apply(&plan[0].after, &[]);
        assert_eq!(again, plan[0].after);
    }

    #[test]
    fn diffs_are_unified() {
        let diff = unified_diff("a.md", "one\nISIS-K\nthree\n", "one\nIS-K\nthree\n");
        assert!(
            diff.starts_with("--- a/a.md\n+++ b/a.md\n@@ -1,3 +1,3 @@\n"),
            "{diff}"
        );
        assert!(diff.contains("-ISIS-K\n+IS-K\n"), "{diff}");
    }
}
