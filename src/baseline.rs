//! Baselines: adopting factlint on an archive that already disagrees with itself.
//!
//! `factlint baseline` records the fingerprint of every current fact finding in a JSON file;
//! `factlint check --baseline FILE` then hides findings whose fingerprint is recorded, so only
//! new disagreements fail the run, and counts the recorded entries that no longer match
//! anything (fixed, or changed beyond recognition) so the file can be refreshed.
//!
//! ```json
//! {"version": 1, "fingerprint": "v1",
//!  "entries": [{"fingerprint": "5f0c…", "rule": "iskp-name", "code": "entity-variant",
//!               "path": "desk/b.md", "text": "ISIS-K"}]}
//! ```
//!
//! Only `fingerprint` is matched; the other fields are there for the reviewer of the file.
//! Entries are sorted (path, rule, fingerprint, text) so that the file diffs well. Matching is
//! by count: two recorded entries with one fingerprint hide two findings, not three.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::files::Files;
use crate::finding::{CodeKind, Finding};
use crate::fingerprint::{self, finding_path, finding_text, normalize_text};

/// The version of the baseline file format.
pub const VERSION: u32 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// The finding's fingerprint ([`fingerprint::fingerprint`]).
    pub fingerprint: String,
    /// The rule id (empty for checks that need no rule).
    #[serde(default)]
    pub rule: String,
    /// The check name.
    #[serde(default)]
    pub code: String,
    /// The document.
    #[serde(default)]
    pub path: String,
    /// The offending text, normalized.
    #[serde(default)]
    pub text: String,
}

/// A baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// [`VERSION`].
    pub version: u32,
    /// The fingerprint recipe the entries were made with.
    pub fingerprint: String,
    /// The recorded findings, sorted.
    pub entries: Vec<Entry>,
}

/// What matching a baseline did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matched {
    /// The findings the baseline does not know.
    pub findings: Vec<Finding>,
    /// How many findings the baseline hid.
    pub known: usize,
    /// How many entries matched no finding.
    pub stale: usize,
}

impl Baseline {
    /// The baseline of the fact findings of a run.
    pub fn from_findings(findings: &[Finding], files: &Files) -> Baseline {
        let mut entries: Vec<Entry> = findings
            .iter()
            .filter(|f| f.code.kind() == CodeKind::Fact)
            .map(|f| Entry {
                fingerprint: fingerprint::fingerprint(f, files),
                rule: f.rule.clone().unwrap_or_default(),
                code: f.code.name().to_string(),
                path: finding_path(f, files).to_string(),
                text: normalize_text(finding_text(f, files)),
            })
            .collect();
        entries.sort_by(|a, b| {
            (&a.path, &a.rule, &a.fingerprint, &a.text).cmp(&(
                &b.path,
                &b.rule,
                &b.fingerprint,
                &b.text,
            ))
        });
        Baseline {
            version: VERSION,
            fingerprint: fingerprint::VERSION.to_string(),
            entries,
        }
    }

    /// The file's text: pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a baseline file's text.
    ///
    /// # Errors
    /// A message when the text is not a baseline this version understands.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let baseline: Baseline =
            serde_json::from_str(text).map_err(|e| format!("not a factlint baseline: {e}"))?;
        if baseline.version != VERSION {
            return Err(format!(
                "baseline version {} is not supported (this factlint writes version {VERSION})",
                baseline.version
            ));
        }
        if baseline.fingerprint != fingerprint::VERSION {
            return Err(format!(
                "baseline fingerprints are `{}`, this factlint makes `{}`: run `factlint baseline` again",
                baseline.fingerprint,
                fingerprint::VERSION
            ));
        }
        Ok(baseline)
    }

    /// Hides the fact findings the baseline records.
    pub fn apply(&self, findings: Vec<Finding>, files: &Files) -> Matched {
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &self.entries {
            *left.entry(e.fingerprint.as_str()).or_insert(0) += 1;
        }
        let mut kept = Vec::with_capacity(findings.len());
        let mut known = 0;
        for f in findings {
            if f.code.kind() == CodeKind::Fact {
                let fp = fingerprint::fingerprint(&f, files);
                if let Some(n) = left.get_mut(fp.as_str())
                    && *n > 0
                {
                    *n -= 1;
                    known += 1;
                    continue;
                }
            }
            kept.push(f);
        }
        Matched {
            findings: kept,
            known,
            stale: left.values().sum(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Code, Label};
    use crate::span::Span;

    fn setup() -> (Files, Vec<Finding>) {
        let mut files = Files::new();
        let a = files.add("a.md", "ISIS-K and ISIS-K and IS-KP\n");
        let f = |r: std::ops::Range<usize>| {
            Finding::new(Code::EntityVariant, "v")
                .with_rule("iskp-name")
                .with_label(Label::primary(Span::new(a, r), "x"))
        };
        (files, vec![f(0..6), f(11..17), f(22..27)])
    }

    #[test]
    fn round_trip_hides_everything_recorded() {
        let (files, findings) = setup();
        let baseline = Baseline::from_findings(&findings, &files);
        let parsed = Baseline::parse(&baseline.to_json());
        assert_eq!(parsed.as_ref(), Ok(&baseline));
        let m = baseline.apply(findings, &files);
        assert_eq!((m.findings.len(), m.known, m.stale), (0, 3, 0));
    }

    #[test]
    fn matching_counts_repeats_and_reports_stale_entries() {
        let (files, findings) = setup();
        let baseline = Baseline::from_findings(&findings[..2], &files);
        // One ISIS-K fixed, IS-KP new.
        let m = baseline.apply(vec![findings[0].clone(), findings[2].clone()], &files);
        assert_eq!((m.findings.len(), m.known, m.stale), (1, 1, 1));
        assert_eq!(m.findings[0].labels[0].span.start, 22);
    }

    #[test]
    fn rule_problems_are_never_baselined() {
        let (files, _) = setup();
        let problem = Finding::new(Code::InvalidValue, "bad");
        let baseline = Baseline::from_findings(std::slice::from_ref(&problem), &files);
        assert!(baseline.entries.is_empty());
        assert_eq!(baseline.apply(vec![problem], &files).findings.len(), 1);
    }

    #[test]
    fn foreign_files_are_refused() {
        assert!(Baseline::parse("{}").is_err());
        assert!(
            Baseline::parse(r#"{"version": 2, "fingerprint": "v1", "entries": []}"#)
                .is_err_and(|e| e.contains("version 2"))
        );
        assert!(
            Baseline::parse(r#"{"version": 1, "fingerprint": "v0", "entries": []}"#)
                .is_err_and(|e| e.contains("v0"))
        );
    }
}
