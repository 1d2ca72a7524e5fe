//! Rules: the facts that must stay consistent, loaded from TOML rule files.
//!
//! `load` reads rule files (spanned TOML), `compile` validates them — reporting *every* problem at once
//! as a [`Finding`](crate::finding::Finding) pointing into the TOML — and turns them into a
//! [`RuleSet`] of typed [`Rule`]s with their terms ready for the matcher
//! ([`crate::extract::terms`]). Loading is in `load.rs`, key-by-key reading in `table.rs`,
//! validation in `compile.rs`, suggestions in `suggest.rs`; this file holds
//! the compiled types every later step reads.

pub(crate) mod compile;
pub mod load;
pub(crate) mod suggest;
pub(crate) mod table;
#[cfg(test)]
pub(crate) mod tests;

use crate::finding::Severity;
use crate::span::Span;
use crate::value::date::DateValue;

pub use load::{load_rules, load_rules_within};

/// All rules of a run, in a stable order (by rule file path, then position in the file).
#[derive(Debug, Default)]
pub struct RuleSet {
    /// The rules; a [`RuleIdx`] indexes this.
    pub rules: Vec<Rule>,
}

/// Index of a rule in [`RuleSet::rules`].
pub type RuleIdx = usize;

impl RuleSet {
    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rule with this id.
    pub fn by_id(&self, id: &str) -> Option<(RuleIdx, &Rule)> {
        self.rules.iter().enumerate().find(|(_, r)| r.id == id)
    }
}

/// One compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique kebab-case id.
    pub id: String,
    /// One line saying what the fact is ("Death toll of the Kerman bombings").
    pub description: Option<String>,
    /// Severity override for this rule's findings; `None` uses the code's default.
    pub severity: Option<Severity>,
    /// Where subject and mention must co-occur.
    pub scope: Scope,
    /// Patterns whose matches never count as mentions.
    pub exclude: Vec<Term>,
    /// Span of the rule's table in its TOML file (for "defined here" labels).
    pub origin: Span,
    /// `path:line` of the rule, for notes (`rules/demo.toml:3`).
    pub location: String,
    /// What kind of fact.
    pub kind: RuleKind,
    /// Examples carried by the rule, run by `factlint test`.
    pub examples: Vec<Example>,
}

/// The three kinds of fact.
#[derive(Debug, Clone)]
pub enum RuleKind {
    /// A name that must be written one way.
    Entity(EntityRule),
    /// A number that must agree.
    Quantity(QuantityRule),
    /// A date that must agree.
    Date(DateRule),
}

impl RuleKind {
    /// `entity`, `quantity` or `date`: the TOML table name.
    pub fn name(&self) -> &'static str {
        match self {
            RuleKind::Entity(_) => "entity",
            RuleKind::Quantity(_) => "quantity",
            RuleKind::Date(_) => "date",
        }
    }
}

/// Where a rule's subject and its mention must co-occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The same sentence (default).
    #[default]
    Sentence,
    /// The same paragraph.
    Paragraph,
    /// Anywhere in the document.
    Document,
}

/// A term as the rule wrote it, compiled.
#[derive(Debug, Clone)]
pub struct Term {
    /// As written in the rule file (`"IS-K"`, `"/IS-?KP?/"`).
    pub written: String,
    /// What to match.
    pub pattern: Pattern,
    /// Whether case must match exactly.
    pub case_sensitive: bool,
    /// Where the term is written in its rule file.
    pub at: Span,
}

/// A literal or a regular expression.
#[derive(Debug, Clone)]
pub enum Pattern {
    /// A literal, already normalized like document text (quotes, dashes, spaces, NFC).
    Literal(String),
    /// A regular expression (the term was written `/.../`); case-insensitivity is compiled in.
    Regex(regex::Regex),
}

/// `[[entity]]`: the forms of one name.
#[derive(Debug, Clone)]
pub struct EntityRule {
    /// The accepted form.
    pub canonical: Term,
    /// Other forms of the same name.
    pub variants: Vec<Term>,
    /// How forms are judged.
    pub mode: EntityMode,
    /// Whether `--fix` may rewrite variants (the rule's `fix`, default true).
    pub fix: bool,
}

/// How an entity rule judges the forms it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EntityMode {
    /// Every variant is a finding; the canonical form is the fix.
    #[default]
    Canonical,
    /// One form per document: the first form used in a document wins there.
    Consistent,
    /// One form across all documents: forms used by fewer documents are findings.
    Corpus,
}

/// `[[quantity]]`: a number that must agree.
#[derive(Debug, Clone)]
pub struct QuantityRule {
    /// The mention's scope must name one of these.
    pub subject: Vec<Term>,
    /// The number must sit in a frame with one of these.
    pub cue: Vec<Term>,
    /// The known value, if any.
    pub value: Option<f64>,
    /// How loose "about / some / around N" is, as a fraction (0.05 = 5%).
    pub tolerance: f64,
    /// What is counted.
    pub unit: Unit,
    /// For `unit = "money"`: the currency code or symbol, if fixed.
    pub currency: Option<String>,
    /// Whether round numbers widen approximate readings (default true).
    pub roundness: bool,
    /// How bare round numbers are read.
    pub bare_round: BareRound,
    /// A figure that legitimately moves over time.
    pub monotone: Option<Monotone>,
}

/// The unit of a quantity rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    /// Non-negative integers (default).
    #[default]
    Count,
    /// Decimals (a magnitude of 6.8).
    Number,
    /// Percentages.
    Percent,
    /// Amounts of money.
    Money,
    /// Ages in years ("aged 45", "a 45-year-old", "Kim, 45,"): only ages are read, and they
    /// need no cue — the age phrase is its own frame.
    Age,
}

/// How a bare round number ("140 victims") is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BareRound {
    /// As exactly that number (default, strict).
    #[default]
    Exact,
    /// As "about" that number (the pragmatic halo of round numbers).
    Approx,
}

/// Direction in which a figure legitimately moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Monotone {
    /// Rises over time (a death toll).
    Increasing,
    /// Falls over time.
    Decreasing,
}

/// `[[date]]`: a date that must agree.
#[derive(Debug, Clone)]
pub struct DateRule {
    /// The mention's scope must name one of these.
    pub subject: Vec<Term>,
    /// The date must sit in a frame with one of these.
    pub cue: Vec<Term>,
    /// The known date, if any.
    pub value: Option<DateValue>,
    /// The year to assume when a mention has none.
    pub year: Option<i32>,
    /// Allows numeric dates (`03/08/2024`) in this order.
    pub order: Option<DateOrder>,
}

/// Field order of numeric dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// Day, month, year.
    Dmy,
    /// Month, day, year.
    Mdy,
}

/// An example carried by a rule (`[[quantity.examples]]`).
#[derive(Debug, Clone, Default)]
pub struct Example {
    /// A single text to read.
    pub text: Option<String>,
    /// The expected readings of `text` (`"144"`, `"at least 139"`, `"none"`).
    pub expect: Vec<String>,
    /// A multi-file case: file name → content.
    pub files: Vec<(String, String)>,
    /// For a multi-file case: the expected findings, as `"path:code"` or codes.
    pub findings: Option<Vec<String>>,
    /// Where the example is defined.
    pub origin: Option<Span>,
}

/// The most a rule file or `factlint.toml` may hold: far past any real rule pack, so that a
/// file from a pull request cannot make factlint read without end.
pub const MAX_RULE_FILE: u64 = 16 << 20;

/// Reads a rule file or config as bytes, at most [`MAX_RULE_FILE`] of them.
///
/// # Errors
/// The I/O error, or `InvalidData` when the file is larger than that.
pub fn read_bounded(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_RULE_FILE + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_RULE_FILE {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than {MAX_RULE_FILE} bytes"),
        ));
    }
    Ok(bytes)
}
