//! The one multi-pattern matcher for every term of every rule. (Being written.)

use crate::rules::RuleSet;

/// Which part of a rule a term belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// An entity's canonical form (term 0) or variant (term `i + 1`).
    Form,
    /// A quantity's or date's subject.
    Subject,
    /// A quantity's or date's cue.
    Cue,
    /// An exclusion pattern.
    Exclude,
}

/// One whole-word match of a term in the matching text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// First byte in the matching text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The rule.
    pub rule: usize,
    /// The term's role in the rule.
    pub role: Role,
    /// Index of the term within its role's list.
    pub term: usize,
}

/// All terms of all rules, compiled.
#[derive(Debug)]
pub struct TermMatcher {}

impl TermMatcher {
    /// Compiles the terms of `rules`.
    pub fn new(rules: &RuleSet) -> TermMatcher {
        let _ = rules;
        TermMatcher {}
    }

    /// Every hit in `text`, sorted by position.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let _ = text;
        Vec::new()
    }
}
