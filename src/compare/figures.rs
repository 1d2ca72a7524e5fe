//! The judge shared by quantities and dates: readings as intervals, compared with the rule's
//! `value` or with the consensus of the documents.
//!
//! - With a `value`, every reading that does not contain it is a finding.
//! - Without one, [`consensus`](super::consensus::consensus) sweeps the readings — each
//!   document (or near-duplicate group) counts once, exact readings beat bounded ones, vague
//!   ones never define it — and every reading that misses the consensus is a finding, with
//!   evidence labels at the documents that support it. A tie is one `no-consensus` finding
//!   listing each side.
//! - Within one document, a reading that contradicts the document's first reading is a finding
//!   too, unless it was already reported against the value or the consensus.
//! - For a `monotone` fact, a figure on the wrong side of the consensus in a document dated
//!   before every supporting document is *stale* (info), not wrong; and when no figure has
//!   a majority (each report gave the figure of its day), the newest report decides.

use std::collections::{BTreeMap, BTreeSet};

use super::consensus::{self, Consensus, Side, Support};
use super::{Context, plural, rule_note};
use crate::extract::Mention;
use crate::finding::{Code, Finding, Label, Severity};
use crate::rules::{Monotone, Rule};
use crate::value::Interval;
use crate::value::date::days_from_civil;
use crate::value::interval::Reading;

/// How many documents' evidence labels a finding shows at most, per side.
pub const MAX_EVIDENCE: usize = 3;

/// One mention as the judge sees it.
#[derive(Debug, Clone)]
pub struct Item<'m> {
    /// The mention.
    pub mention: &'m Mention,
    /// What it allows, for the sweep; `None` when it cannot take part (a date without year).
    pub support: Option<Support>,
    /// How far a tolerance widened it (0 for exact or bounded readings).
    pub slack: f64,
    /// The primary label's message: "read as 139 or more (`at least 139 lives`)".
    pub how: String,
    /// The normalized reading, for fingerprints (`94`, `[139, ∞)`, `2022-08`).
    pub key: String,
}

/// What judging one rule produced.
#[derive(Debug, Default)]
pub struct Judged {
    /// The findings.
    pub findings: Vec<Finding>,
    /// What the documents agree on, in words ("144 (5 documents)", "no consensus: 94 / 96").
    pub summary: String,
}

/// What differs between facts of different kinds.
pub struct Kind<'a> {
    /// The code of a disagreement.
    pub code: Code,
    /// Whether values are whole numbers (counts, days).
    pub integer: bool,
    /// Whether an item agrees with a reference.
    pub agrees: &'a dyn Fn(&Item<'_>, &Interval) -> bool,
    /// How serious a disagreement is, given the reference's own slack.
    pub grade: &'a dyn Fn(&Item<'_>, &Interval, f64) -> Severity,
    /// A reference in words ("144", "5 September 2022").
    pub show: &'a dyn Fn(&Interval) -> String,
}

/// The fact's name for messages: the description with a lowercase first letter, or the id.
pub fn fact_name(rule: &Rule) -> String {
    match &rule.description {
        Some(d) if !d.is_empty() => {
            let mut chars = d.chars();
            let first = chars.next().unwrap_or(' ');
            let second_upper = chars.next().is_some_and(char::is_uppercase);
            if second_upper {
                d.clone() // an acronym: "US embassy warning", keep as written
            } else {
                first.to_lowercase().chain(d.chars().skip(1)).collect()
            }
        }
        _ => format!("`{}`", rule.id),
    }
}

/// Applies the rule's severity: it replaces an error and caps anything milder.
fn severity(rule: &Rule, graded: Severity) -> Severity {
    match rule.severity {
        Some(s) if graded == Severity::Error => s,
        Some(s) => graded.min(s),
        None => graded,
    }
}

/// A document date as a day number, when it is complete.
fn doc_day(cx: Context<'_>, file: crate::span::FileId) -> Option<i64> {
    let d = cx.doc(file)?.meta.date?;
    Some(days_from_civil(d.year?, d.month?, d.day?))
}

/// Judges the items of one rule (sorted by document, then position).
pub fn judge(
    rule: &Rule,
    kind: &Kind<'_>,
    items: &[Item<'_>],
    value: Option<Interval>,
    monotone: Option<Monotone>,
    cx: Context<'_>,
) -> Judged {
    let what = fact_name(rule);
    let mut findings = Vec::new();
    let mut flagged: BTreeSet<usize> = BTreeSet::new();
    let group_of = |item: &Item<'_>| cx.group_of(item.mention.span.file);

    if let Some(v) = value {
        for (i, item) in items.iter().enumerate() {
            if (kind.agrees)(item, &v) {
                continue;
            }
            flagged.insert(i);
            findings.push(
                Finding::new(kind.code, format!("{what} disagrees with the rule's value"))
                    .with_rule(rule.id.clone())
                    .with_severity(severity(rule, (kind.grade)(item, &v, 0.0)))
                    .with_label(Label::primary(item.mention.span, item.how.clone()))
                    .with_note(format!("the rule says {}", (kind.show)(&v)))
                    .with_note(rule_note(rule, kind.code))
                    .with_key(item.key.clone()),
            );
        }
        return Judged {
            findings,
            summary: format!("{} (the rule's value)", (kind.show)(&v)),
        };
    }

    // One support set per group, in group order.
    let mut by_group: BTreeMap<usize, Vec<Support>> = BTreeMap::new();
    for item in items {
        if let Some(s) = item.support {
            by_group.entry(group_of(item)).or_default().push(s);
        }
    }
    let group_ids: Vec<usize> = by_group.keys().copied().collect();
    // The items of each group, in document order (built once: judges stay linear).
    let mut items_of: BTreeMap<usize, Vec<&Item<'_>>> = BTreeMap::new();
    for item in items {
        items_of.entry(group_of(item)).or_default().push(item);
    }
    let in_group = |g: usize| {
        items_of
            .get(&g)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
    };
    let sets: Vec<Vec<Support>> = by_group.into_values().collect();
    // The first item that agrees with the side of each of its first `limit` groups: a
    // finding's cost does not grow with the number of documents that agree.
    let evidence = |side: &Side, except: Option<usize>, limit: usize| -> Vec<&Item<'_>> {
        side.supporters
            .iter()
            .filter_map(|&g| group_ids.get(g).copied())
            .filter(|g| Some(*g) != except)
            .filter_map(|g| in_group(g).find(|it| (kind.agrees)(it, &side.interval)))
            .take(limit)
            .collect()
    };
    let side_labels = |side: &Side, except: Option<usize>| -> Vec<Label> {
        let n = side.supporters.len();
        let shown = evidence(side, except, MAX_EVIDENCE);
        // "also here, and 881 more documents": what the cap left out is counted.
        // Supporters are ascending indices into the sorted `group_ids`: two binary searches
        // say whether the finding's own group is among them.
        let own = except
            .and_then(|g| group_ids.binary_search(&g).ok())
            .is_some_and(|i| side.supporters.binary_search(&i).is_ok());
        let others = n - usize::from(own);
        let rest = others.saturating_sub(shown.len());
        let last = shown.len().saturating_sub(1);
        shown
            .into_iter()
            .enumerate()
            .map(|(k, it)| {
                let message = if k == 0 {
                    // "2 documents say 96" only when they all give exactly that; hedged
                    // readings ("at least 139") merely agree with it.
                    let verb = match (side.score.exact == n, n) {
                        (true, 1) => "says",
                        (true, _) => "say",
                        (false, 1) => "agrees with",
                        (false, _) => "agree with",
                    };
                    format!(
                        "{} {verb} {}",
                        plural(n, "document"),
                        (kind.show)(&side.interval)
                    )
                } else {
                    "also here".to_string()
                };
                let message = if k == last && k > 0 && rest > 0 {
                    format!("{message}, and {}", plural(rest, "more document"))
                } else {
                    message
                };
                Label::secondary(it.mention.span, message)
            })
            .collect()
    };

    let mut result = consensus::consensus(&sets, kind.integer);
    // A figure that only moves one way (a death toll) has no majority while it moves: every
    // report gives the figure of its day. Then the newest report decides.
    if monotone.is_some()
        && let Consensus::Tie(sides) = &result
    {
        let newest = |side: &Side| {
            side.supporters
                .iter()
                .filter_map(|&g| group_ids.get(g))
                .flat_map(|&g| in_group(g))
                .filter(|it| (kind.agrees)(it, &side.interval))
                .filter_map(|it| doc_day(cx, it.mention.span.file))
                .max()
        };
        let dated: Vec<(Option<i64>, &Side)> = sides.iter().map(|s| (newest(s), s)).collect();
        let best = dated.iter().filter_map(|(d, _)| *d).max();
        let winners: Vec<&Side> = dated
            .iter()
            .filter(|(d, _)| best.is_some() && *d == best)
            .map(|(_, s)| *s)
            .collect();
        if let [side] = winners.as_slice() {
            result = Consensus::Agreed((*side).clone());
        }
    }
    let summary;
    match result {
        Consensus::Nothing => {
            summary = "none: every reading is vague".to_string();
        }
        Consensus::Agreed(side) => {
            summary = format!(
                "{} ({})",
                (kind.show)(&side.interval),
                plural(side.supporters.len(), "document")
            );
            let reference = side.interval;
            let reference_slack = if side.score.exact > 0 || side.score.bounded > 0 {
                0.0
            } else {
                items
                    .iter()
                    .filter(|it| (kind.agrees)(it, &reference))
                    .map(|it| it.slack)
                    .fold(0.0, f64::max)
            };
            // When the consensus figure was first reported: by an exact reading of it if
            // there is one ("at least 139" does not report 144), else by any supporter.
            let supporting = |exact_only: bool| {
                side.supporters
                    .iter()
                    .filter_map(|&g| group_ids.get(g))
                    .flat_map(|&g| in_group(g))
                    .filter(|it| (kind.agrees)(it, &reference))
                    .filter(move |it| {
                        !exact_only || it.support.is_some_and(|s| s.reading == Reading::Exact)
                    })
                    .filter_map(|it| doc_day(cx, it.mention.span.file))
                    .min()
            };
            let supporters_from = supporting(true).or_else(|| supporting(false));
            for (i, item) in items.iter().enumerate() {
                if (kind.agrees)(item, &reference) {
                    continue;
                }
                flagged.insert(i);
                let mut labels = vec![Label::primary(item.mention.span, item.how.clone())];
                labels.extend(side_labels(&side, Some(group_of(item))));
                let stale = match (
                    monotone,
                    item.support,
                    doc_day(cx, item.mention.span.file),
                    supporters_from,
                ) {
                    (Some(dir), Some(s), Some(day), Some(from)) if day < from => match dir {
                        Monotone::Increasing => s.interval.hi < reference.lo,
                        Monotone::Decreasing => s.interval.lo > reference.hi,
                    },
                    _ => false,
                };
                let finding = if stale {
                    let from = supporters_from.map_or(String::new(), iso_day);
                    Finding::new(
                        Code::StaleFigure,
                        format!(
                            "{what}: superseded by {}, reported from {from}",
                            (kind.show)(&reference)
                        ),
                    )
                    .with_note(
                        "this document is older than the documents reporting the current figure, \
                         and the rule says the figure only moves one way (`monotone`)",
                    )
                    .with_severity(severity(rule, Severity::Info))
                } else {
                    Finding::new(kind.code, format!("{what} disagrees across documents"))
                        .with_severity(severity(
                            rule,
                            (kind.grade)(item, &reference, reference_slack),
                        ))
                };
                let code = finding.code;
                let mut finding = finding
                    .with_rule(rule.id.clone())
                    .with_key(item.key.clone());
                finding.labels = labels;
                finding = with_copies_note(finding, cx, item, &side, &group_ids);
                findings.push(finding.with_note(rule_note(rule, code)));
            }
        }
        Consensus::Tie(sides) => {
            summary = format!(
                "no consensus: {}",
                sides
                    .iter()
                    .map(|s| format!(
                        "{} ({})",
                        (kind.show)(&s.interval),
                        plural(s.supporters.len(), "document")
                    ))
                    .collect::<Vec<_>>()
                    .join(" / ")
            );
            let single_doc = sides
                .iter()
                .all(|s| s.supporters.len() == 1 && s.supporters == sides[0].supporters);
            if !single_doc {
                // One finding for the whole tie; its primary label is the first reading of
                // the first side (in document order), so the finding has a stable home.
                let primary = sides
                    .first()
                    .and_then(|s| evidence(s, None, 1).into_iter().next());
                if let Some(primary) = primary {
                    let mut f = Finding::new(
                        Code::NoConsensus,
                        format!("{what}: documents disagree and no reading has more support"),
                    )
                    .with_rule(rule.id.clone())
                    .with_severity(severity(rule, Severity::Error))
                    .with_key(primary.key.clone())
                    .with_label(Label::primary(primary.mention.span, primary.how.clone()));
                    for side in &sides {
                        f.labels.extend(
                            side_labels(side, None)
                                .into_iter()
                                .filter(|l| l.span != primary.mention.span),
                        );
                    }
                    let readings: Vec<String> =
                        sides.iter().map(|s| (kind.show)(&s.interval)).collect();
                    f = f
                        .with_note(format!("the sides: {}", readings.join(" / ")))
                        .with_note("set `value` in the rule once the right figure is known")
                        .with_note(rule_note(rule, Code::NoConsensus));
                    findings.push(f);
                    flagged.extend(0..items.len());
                }
            }
        }
    }

    // Contradictions within one document that the consensus did not already explain.
    let mut first_of_doc: BTreeMap<crate::span::FileId, usize> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        let Some(s) = item.support else { continue };
        let first = *first_of_doc.entry(item.mention.span.file).or_insert(i);
        if first == i || flagged.contains(&i) || flagged.contains(&first) {
            continue;
        }
        let earlier = &items[first];
        if (kind.agrees)(item, &earlier.support.map_or(s.interval, |e| e.interval)) {
            continue;
        }
        let reference = earlier.support.map_or(s.interval, |e| e.interval);
        flagged.insert(i);
        findings.push(
            Finding::new(kind.code, format!("{what} disagrees within one document"))
                .with_rule(rule.id.clone())
                .with_severity(severity(
                    rule,
                    (kind.grade)(item, &reference, earlier.slack),
                ))
                .with_label(Label::primary(item.mention.span, item.how.clone()))
                .with_label(Label::secondary(
                    earlier.mention.span,
                    format!("but {}", earlier.how),
                ))
                .with_note(rule_note(rule, kind.code))
                .with_key(item.key.clone()),
        );
    }
    Judged { findings, summary }
}

/// Says when near-duplicate copies were counted once: the mention's own document, or a
/// document supporting the consensus, has copies.
fn with_copies_note(
    mut finding: Finding,
    cx: Context<'_>,
    item: &Item<'_>,
    side: &Side,
    group_ids: &[usize],
) -> Finding {
    let own = cx.copies(item.mention.span.file);
    if own.len() > 1 {
        finding = finding.with_note(format!(
            "{} copies of one article ({}); each copy is reported, but they count once",
            own.len(),
            some_paths(cx, own)
        ));
    }
    for &g in &side.supporters {
        let Some(&group) = group_ids.get(g) else {
            continue;
        };
        let members = cx.index_members(group);
        if members.len() > 1 {
            finding = finding.with_note(format!(
                "{} copies of one article count once toward the consensus: {}",
                members.len(),
                some_paths(cx, members)
            ));
        }
    }
    finding
}

/// The first [`MAX_EVIDENCE`] paths of `files`, then how many more: a note about copies stays
/// one line whether an article has 2 copies or 2,000.
fn some_paths(cx: Context<'_>, files: &[crate::span::FileId]) -> String {
    let named: Vec<&str> = files
        .iter()
        .take(MAX_EVIDENCE)
        .map(|f| cx.files.path(*f))
        .collect();
    match files.len().saturating_sub(MAX_EVIDENCE) {
        0 => named.join(", "),
        rest => format!("{} and {rest} more", named.join(", ")),
    }
}

fn iso_day(day: i64) -> String {
    let (y, m, d) = crate::value::date::civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}
