//! Comparison: the mentions of each rule across documents → findings.
//!
//! Mentions are grouped by rule; each rule kind has its own judge (`entity`, and the quantity
//! and date judges built on [`consensus`]). Judges see every document's mentions of their rule
//! at once — the cross-document view no per-file linter has — and return findings whose
//! primary label is the offending mention and whose secondary labels are the evidence in other
//! files.

pub mod consensus;
pub mod date;
pub mod duplicates;
pub mod entity;
pub mod figures;
pub mod quantity;

use std::collections::BTreeMap;

use crate::extract::Mention;
use crate::files::Files;
use crate::finding::{Code, Finding, Severity};
use crate::rules::{Rule, RuleKind, RuleSet};
use crate::source::DocMeta;
use crate::span::FileId;

/// What comparison knows about one document besides its mentions.
#[derive(Debug, Clone)]
pub struct DocInfo {
    /// The document.
    pub file: FileId,
    /// Its metadata (date for time-aware facts).
    pub meta: DocMeta,
    /// Its near-duplicate group: documents of one group count once toward a consensus.
    pub group: usize,
}

/// Everything a judge may consult.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The documents of the run.
    pub docs: &'a [DocInfo],
    /// The file database (display paths).
    pub files: &'a Files,
    /// Lookups built once per run, so judges stay linear in the number of mentions.
    index: &'a DocIndex,
}

/// `FileId` → document, and group → its documents.
#[derive(Debug, Default)]
struct DocIndex {
    doc_of_file: Vec<Option<usize>>,
    members: BTreeMap<usize, Vec<FileId>>,
}

impl DocIndex {
    fn new(docs: &[DocInfo]) -> DocIndex {
        let mut index = DocIndex::default();
        for (i, d) in docs.iter().enumerate() {
            let slot = d.file.0 as usize;
            if index.doc_of_file.len() <= slot {
                index.doc_of_file.resize(slot + 1, None);
            }
            index.doc_of_file[slot] = Some(i);
            index.members.entry(d.group).or_default().push(d.file);
        }
        index
    }
}

impl<'a> Context<'a> {
    /// The document of `file`, if it is one.
    pub fn doc(&self, file: FileId) -> Option<&'a DocInfo> {
        let i = (*self.index.doc_of_file.get(file.0 as usize)?)?;
        self.docs.get(i)
    }

    /// The documents of `file`'s near-duplicate group, itself included, in document order.
    pub fn copies(&self, file: FileId) -> &'a [FileId] {
        self.index
            .members
            .get(&self.group_of(file))
            .map_or(&[], Vec::as_slice)
    }

    /// The documents of near-duplicate group `group`.
    pub fn index_members(&self, group: usize) -> &'a [FileId] {
        self.index.members.get(&group).map_or(&[], Vec::as_slice)
    }

    /// The near-duplicate group of a document (`usize::MAX` for a file that is none).
    pub fn group_of(&self, file: FileId) -> usize {
        self.doc(file).map_or(usize::MAX, |d| d.group)
    }
}

/// What comparison produced.
#[derive(Debug, Default)]
pub struct Comparison {
    /// The findings (unsorted).
    pub findings: Vec<Finding>,
    /// For each quantity or date rule with mentions: what the documents agree on, in words.
    pub consensus: BTreeMap<usize, String>,
}

/// Compares all mentions.
pub fn compare(
    rules: &RuleSet,
    docs: &[DocInfo],
    mentions: &[Mention],
    files: &Files,
) -> Comparison {
    let mut by_rule: BTreeMap<usize, Vec<&Mention>> = BTreeMap::new();
    for m in mentions {
        by_rule.entry(m.rule).or_default().push(m);
    }
    let index = DocIndex::new(docs);
    let cx = Context {
        docs,
        files,
        index: &index,
    };
    let mut findings = Vec::new();
    let mut consensus = BTreeMap::new();
    for (idx, mut group) in by_rule {
        let Some(rule) = rules.rules.get(idx) else {
            continue;
        };
        // Judges rely on document-then-position order.
        group.sort_by(|a, b| {
            (files.path(a.span.file), a.span.start).cmp(&(files.path(b.span.file), b.span.start))
        });
        match &rule.kind {
            RuleKind::Entity(e) => findings.extend(entity::judge(rule, e, &group)),
            RuleKind::Quantity(q) => {
                let judged = quantity::judge(rule, q, &group, cx);
                findings.extend(judged.findings);
                consensus.insert(idx, judged.summary);
            }
            RuleKind::Date(d) => {
                let judged = date::judge(rule, d, &group, cx);
                findings.extend(judged.findings);
                consensus.insert(idx, judged.summary);
            }
        }
    }
    Comparison {
        findings,
        consensus,
    }
}

/// The severity of a finding of `code` for `rule`: the rule's own severity if it sets one.
pub fn rule_severity(rule: &Rule, code: Code) -> Severity {
    rule.severity.unwrap_or(code.default_severity())
}

/// The note naming the rule and where it is defined.
pub fn rule_note(rule: &Rule, code: Code) -> String {
    format!("rule `{}` ({}), check {}", rule.id, rule.location, code)
}

/// `1 document`, `2 documents`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
