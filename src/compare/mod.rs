//! Comparison: the mentions of each rule across documents → findings. (Being written.)

pub mod consensus;

use crate::extract::Mention;
use crate::files::Files;
use crate::finding::Finding;
use crate::rules::RuleSet;
use crate::source::DocMeta;
use crate::span::FileId;

/// What comparison knows about one document besides its mentions.
#[derive(Debug, Clone)]
pub struct DocInfo {
    /// The document.
    pub file: FileId,
    /// Its metadata (date for time-aware facts).
    pub meta: DocMeta,
}

/// Compares all mentions and returns the findings (unsorted).
pub fn compare(
    rules: &RuleSet,
    docs: &[DocInfo],
    mentions: &[Mention],
    files: &Files,
) -> Vec<Finding> {
    let _ = (rules, docs, mentions, files);
    Vec::new()
}
