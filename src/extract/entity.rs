//! Entity mentions: which form of a name each hit is. (Being written.)

use super::Mention;
use super::terms::Hit;
use crate::rules::RuleSet;
use crate::source::Document;

/// The name-form mentions among `hits`.
pub fn extract(rules: &RuleSet, doc: &Document, hits: &[Hit]) -> Vec<Mention> {
    let _ = (rules, doc, hits);
    Vec::new()
}
