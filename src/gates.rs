//! Gates: which findings a run reports, for pre-commit hooks and CI.
//!
//! After comparison has judged every document, three filters apply, in this order and only to
//! fact findings (problems with rules, config or inputs always show):
//!
//! 1. inline suppressions ([`crate::suppress`]), which add their own `unused-suppression` and
//!    `missing-suppression-reason` findings;
//! 2. the baseline ([`crate::baseline`]), matched against the whole corpus so that its stale
//!    count is right even when only a draft is reported;
//! 3. draft mode: when files are named against a corpus (`--corpus`, a config's documents,
//!    `--changed`, pre-commit), only findings whose primary label is in a named file are kept.
//!    Their evidence labels still point into the corpus, and a disagreement entirely inside
//!    untouched files never fails the run.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::Settings;
use crate::baseline::Baseline;
use crate::discover::{self, DiscoverOptions, Input};
use crate::files::Files;
use crate::finding::{Code, CodeKind, Finding};
use crate::fingerprint::finding_path;
use crate::rules::RuleSet;
use crate::suppress;

/// The gate options of a run.
#[derive(Debug, Clone, Default)]
pub struct GateSettings {
    /// Draft mode: documents read as evidence only (absolute paths, or relative to the config's
    /// root). Fact findings are then reported only in the files named by
    /// [`Settings::paths`] and standard input.
    pub corpus: Option<Vec<PathBuf>>,
    /// Whether `corpus` is the config file's documents (held inside its directory unless
    /// `--allow-outside`), not `--corpus`.
    pub corpus_from_config: bool,
    /// With `corpus`: a named file the corpus does not hold is skipped (`--changed` names every
    /// changed file, source code and rule files included).
    pub named_within_corpus: bool,
    /// Every inline suppression must give a reason.
    pub require_reason: bool,
    /// Findings known before, hidden from the report.
    pub baseline: Option<Baseline>,
}

/// What the gates hid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct GateStats {
    /// Findings allowed by inline suppressions.
    pub suppressed: usize,
    /// Findings hidden by the baseline.
    pub baselined: usize,
    /// Baseline entries that matched nothing (`None` without a baseline).
    pub baseline_stale: Option<usize>,
    /// Findings in documents read as evidence only (draft mode).
    pub outside: usize,
    /// Whether draft mode was on.
    pub draft: bool,
}

/// Adds the corpus to the named inputs (draft mode) and returns the display paths whose
/// findings are reported, or `None` when every document is reported.
pub fn draft_inputs(
    settings: &Settings,
    inputs: &mut Vec<Input>,
    findings: &mut Vec<Finding>,
) -> Option<BTreeSet<String>> {
    let corpus = settings.gates.corpus.as_ref()?;
    let config = &settings.config;
    let (found, problems) = discover::discover(&DiscoverOptions {
        paths: corpus.clone(),
        include: config.documents.include.clone(),
        exclude: config.documents.exclude.clone(),
        root: config.root.clone(),
        display_base: settings.display_base.clone(),
        boundary: (settings.gates.corpus_from_config && !settings.allow_outside)
            .then(|| config.root.clone()),
    });
    findings.extend(problems);
    let in_corpus: BTreeSet<String> = found.iter().map(|i| i.display.clone()).collect();
    let mut named: BTreeSet<String> = inputs.iter().map(|i| i.display.clone()).collect();
    if settings.gates.named_within_corpus {
        named.retain(|d| in_corpus.contains(d));
        inputs.retain(|i| in_corpus.contains(&i.display));
    }
    if let Some((name, _)) = &settings.stdin {
        named.insert(name.clone());
    }
    inputs.extend(found);
    inputs.sort_by(|a, b| a.display.cmp(&b.display));
    inputs.dedup_by(|a, b| a.display == b.display);
    Some(named)
}

/// Applies suppressions, the baseline and draft filtering to a run's findings.
pub fn apply(
    settings: &GateSettings,
    rules: &RuleSet,
    files: &Files,
    suppressions: Vec<suppress::Suppression>,
    report_only: Option<&BTreeSet<String>>,
    findings: Vec<Finding>,
) -> (Vec<Finding>, GateStats) {
    let mut stats = GateStats {
        draft: report_only.is_some(),
        ..GateStats::default()
    };
    let known = |id: &str| rules.rules.iter().any(|r| r.id == id) || Code::from_name(id).is_some();
    let applied = suppress::apply(findings, &suppressions, &known, settings.require_reason);
    stats.suppressed = applied.suppressed;
    let mut findings = applied.findings;

    if let Some(baseline) = &settings.baseline {
        let matched = baseline.apply(findings, files);
        stats.baselined = matched.known;
        stats.baseline_stale = Some(matched.stale);
        findings = matched.findings;
    }

    if let Some(named) = report_only {
        let before = findings.len();
        findings
            .retain(|f| f.code.kind() != CodeKind::Fact || named.contains(finding_path(f, files)));
        stats.outside = before - findings.len();
    }
    (findings, stats)
}
