//! Findings: what the run reports, and the registry of built-in codes.
//!
//! A [`Finding`] is the domain type every step produces (bad rules, unreadable files, facts
//! that disagree). It is converted to codespan diagnostics, JSON, SARIF … in exactly one place
//! per format (`report/`). [`Code`] is the closed list of built-in checks: each has a
//! kebab-case name, a default severity and a documentation block that `factlint explain`
//! prints, and an exhaustive `match` keeps that list honest.

use std::fmt;

use serde::Serialize;

use crate::span::Span;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never fails a run unless `--fail-on info`.
    Info,
    /// Probably wrong.
    Warning,
    /// Wrong.
    Error,
}

impl Severity {
    /// The lowercase name used in rule files, JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a code is about, which decides how the run treats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// A problem in a rule or config file: the run cannot be trusted, exit 2.
    Rule,
    /// A document that could not be read: a warning, the run goes on.
    Input,
    /// Facts that disagree: the point of the tool.
    Fact,
}

macro_rules! codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal, $kind:ident, $sev:ident; )*) => {
        /// Every built-in check, by kebab-case name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Code {
            /// All codes, in declaration order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The kebab-case name (`quantity-mismatch`).
            pub fn name(self) -> &'static str {
                match self { $( Code::$variant => $name, )* }
            }

            /// Whether the code is about rules, inputs or facts.
            pub fn kind(self) -> CodeKind {
                match self { $( Code::$variant => CodeKind::$kind, )* }
            }

            /// The severity a finding of this code has unless a rule says otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// The documentation block printed by `factlint explain CODE`.
            pub fn doc(self) -> &'static str {
                match self { $( Code::$variant => concat!($($doc, "\n",)*), )* }
            }
        }
    };
}

codes! {
    /// ## What it checks
    /// A rule or config file that is not valid TOML.
    /// ## How to fix
    /// Fix the syntax at the marked position.
    RuleSyntax = "rule-syntax", Rule, Error;
    /// ## What it checks
    /// A key that the rule language does not know, usually a typo (`cues` for `cue`).
    /// ## Why it matters
    /// A misspelt key would silently do nothing; factlint refuses to guess.
    /// ## How to fix
    /// Use the suggested key, or remove it.
    UnknownKey = "unknown-key", Rule, Error;
    /// ## What it checks
    /// A key whose value has the wrong type (a number where a string is expected).
    WrongType = "wrong-type", Rule, Error;
    /// ## What it checks
    /// A rule that lacks a key it cannot work without (`id`, `canonical`, `subject`).
    MissingKey = "missing-key", Rule, Error;
    /// ## What it checks
    /// Two rules with the same `id`, in one file or across the rule pack.
    DuplicateId = "duplicate-id", Rule, Error;
    /// ## What it checks
    /// A rule `id` that is not kebab-case (`lowercase-words-with-dashes`).
    /// ## Why it matters
    /// Ids appear in diagnostics, suppressions and baselines; one spelling keeps them stable.
    InvalidId = "invalid-id", Rule, Error;
    /// ## What it checks
    /// An empty term list or an empty term (`subject = []`, `variants = [""]`).
    EmptyTerms = "empty-terms", Rule, Error;
    /// ## What it checks
    /// A term written `/.../` that is not a valid regular expression (Rust `regex` syntax).
    InvalidRegex = "invalid-regex", Rule, Error;
    /// ## What it checks
    /// A value outside what the key accepts (a tolerance of 200%, an unknown mode, a bad date).
    InvalidValue = "invalid-value", Rule, Error;
    /// ## What it checks
    /// An entity variant that is the same as the canonical form, or listed twice.
    RedundantVariant = "redundant-variant", Rule, Error;
    /// ## What it checks
    /// A literal term with fewer than two letters or digits (`"."`, `"A"`).
    /// ## Why it matters
    /// Such a term matches all over any text, and `--fix` would rewrite every match.
    ShortTerm = "short-term", Rule, Error;
    /// ## What it checks
    /// A variant of one `canonical` entity rule that is the canonical form of another.
    /// ## Why it matters
    /// `--fix` would rewrite one rule's accepted name into the other's: when the rules
    /// rewrite each other the name flips on every run, and a chain takes several runs.
    /// ## How to fix
    /// Decide which form is accepted and keep the name in one rule.
    ConflictingCanonical = "conflicting-canonical", Rule, Error;
    /// ## What it checks
    /// A configuration problem that is not tied to one key: no rules found, a rules path that
    /// does not exist, a glob that does not parse.
    InvalidConfig = "invalid-config", Rule, Error;
    /// ## What it checks
    /// A document that could not be read (permissions, a vanished file).
    /// ## Why it matters
    /// Its facts were not compared; the run goes on without it.
    UnreadableFile = "unreadable-file", Input, Warning;
    /// ## What it checks
    /// A file that looks binary (a NUL byte near its start): an image, an archive.
    BinaryFile = "binary-file", Input, Warning;
    /// ## What it checks
    /// A file that is not valid UTF-8 (Latin-1, Windows-1252, UTF-16).
    /// ## How to fix
    /// Convert it: `iconv -f latin1 -t utf-8`.
    InvalidUtf8 = "invalid-utf8", Input, Warning;
    /// ## What it checks
    /// A file over the size limit (`max-file-size` in factlint.toml, 10 MiB by default).
    FileTooLarge = "file-too-large", Input, Warning;
    /// ## What it checks
    /// A name written in a variant form where a rule with `mode = "canonical"` names the one
    /// accepted form ("ISIS-K" where the style is "IS-K").
    /// ## Why it matters
    /// Readers should not have to wonder whether two names mean two groups.
    /// ## Example
    /// `canonical = "IS-K"`, `variants = ["ISIS-K"]`: "claimed by ISIS-K" is reported.
    /// ## How to fix
    /// Replace the variant with the canonical form (`factlint check --fix` does it).
    EntityVariant = "entity-variant", Fact, Warning;
    /// ## What it checks
    /// A document that mixes forms of one name (`mode = "consistent"`): the first form used
    /// in the document wins.
    /// ## How to fix
    /// Use one form throughout the document.
    MixedEntityForms = "mixed-entity-forms", Fact, Warning;
    /// ## What it checks
    /// A form of a name used by fewer documents than another form (`mode = "corpus"`).
    /// ## How to fix
    /// Use the form most documents use, or make the rule `canonical`.
    MinorityEntityForm = "minority-entity-form", Fact, Warning;
    /// ## What it checks
    /// A figure that disagrees with the rule's `value` or with the figure most documents give.
    /// Hedges are read as intervals: "at least 139" agrees with 144, "killing 94" does not
    /// agree with "killed 96".
    /// ## Why it matters
    /// A death toll, a budget or a count that differs between pieces is a correction waiting
    /// to happen.
    /// ## How to fix
    /// Check the figure against the source; `factlint explain RULE` shows every reading.
    QuantityMismatch = "quantity-mismatch", Fact, Error;
    /// ## What it checks
    /// A date that disagrees with the rule's `value` or with the date most documents give.
    /// Partial dates agree when every field both know agrees.
    DateMismatch = "date-mismatch", Fact, Error;
    /// ## What it checks
    /// A fact on which the documents split evenly: no reading has more support than another.
    /// ## How to fix
    /// Decide which is right and set `value` in the rule, or correct the documents.
    NoConsensus = "no-consensus", Fact, Error;
    /// ## What it checks
    /// A figure of a fact that legitimately moves (`monotone`), reported by an older document
    /// before the figure was revised.
    StaleFigure = "stale-figure", Fact, Info;
    /// ## What it checks
    /// A weekday that contradicts the full date it names ("Thursday, 22 March 2024": that day
    /// was a Friday). Needs no rule.
    WeekdayMismatch = "weekday-mismatch", Fact, Warning;
    /// ## What it checks
    /// An inline suppression (`<!-- factlint: allow RULE -->` or a `factlint: allow RULE`
    /// line marker) that silenced nothing: the rule it names reported nothing where it
    /// applies, or it names no rule at all.
    /// ## Why it matters
    /// A stale suppression would silently hide the next real mismatch in that paragraph.
    /// ## How to fix
    /// Remove the suppression, or correct the rule id it names.
    UnusedSuppression = "unused-suppression", Fact, Warning;
    /// ## What it checks
    /// With `--require-reason`: an inline suppression without a reason after `--`
    /// (`<!-- factlint: allow kerman-death-toll -- the ministry's own figure -->`).
    /// ## Why it matters
    /// The next editor needs to know why a disagreement was accepted.
    /// ## How to fix
    /// Add ` -- ` and the reason before the end of the comment or line.
    MissingSuppressionReason = "missing-suppression-reason", Fact, Error;
    /// ## What it checks
    /// A document in a format factlint reads by its structure (`.docx`) that it could not
    /// read: a password-protected (encrypted) Word file, a Word 97-2003 `.doc` renamed to
    /// `.docx`, a corrupt or truncated archive, a zip without `word/document.xml`, malformed
    /// XML, or a part that inflates past the limit.
    /// ## Why it matters
    /// Its facts were not compared; the run goes on without it.
    /// ## How to fix
    /// Save an unprotected `.docx` copy of the file, or exclude it in `factlint.toml`.
    UnsupportedDocument = "unsupported-document", Input, Warning;
    /// ## What it checks
    /// A stretch of a document (a sentence or paragraph around a rule's subject) holding more
    /// numbers than binding reads in one region (5,000): a data table or log pasted as prose.
    /// ## Why it matters
    /// The numbers past the cap were not read, so a figure among them would go unchecked.
    /// The cap keeps a hostile file from making a run slow.
    /// ## How to fix
    /// Keep tables in data files, or exclude the file in `factlint.toml`.
    TooManyNumbers = "too-many-numbers", Input, Warning;
    /// ## What it checks
    /// A document naming one rule's fact more than 10,000 times, or holding more than 10,000
    /// wrong weekdays: a data dump, a log or a generated file rather than prose. The first
    /// 10,000 are read.
    /// ## Why it matters
    /// The mentions past the cap were not compared, so a mismatch among them would go
    /// unreported. The cap keeps a run's memory in proportion to its documents' size, however
    /// dense they are.
    /// ## How to fix
    /// Exclude the file in `factlint.toml`, or split it.
    TooManyMentions = "too-many-mentions", Input, Warning;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Code {
    /// Finds a code by its kebab-case name.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.name() == name)
    }
}

/// A labelled span: the primary label marks the offending text, secondary ones the evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// A few words ("read as 94", "2 documents say 96").
    pub message: String,
    /// Whether this is the offending text (true) or evidence (false).
    pub primary: bool,
}

impl Label {
    /// The offending text.
    pub fn primary(span: Span, message: impl Into<String>) -> Label {
        Label {
            span,
            message: message.into(),
            primary: true,
        }
    }

    /// Evidence elsewhere.
    pub fn secondary(span: Span, message: impl Into<String>) -> Label {
        Label {
            span,
            message: message.into(),
            primary: false,
        }
    }
}

/// One replacement of source bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes to replace.
    pub span: Span,
    /// What to put there.
    pub replacement: String,
}

/// A suggested change. Only `safe` fixes are applied by `--fix`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// Non-overlapping edits, sorted by position.
    pub edits: Vec<Edit>,
    /// Whether applying it can never change meaning (a canonical entity form).
    pub safe: bool,
}

/// One reported problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Which built-in check produced it.
    pub code: Code,
    /// The user rule id, for findings about facts or about one rule.
    pub rule: Option<String>,
    /// How serious it is.
    pub severity: Severity,
    /// The headline: lowercase, no final period, document text in backticks.
    pub message: String,
    /// Primary label first, then evidence.
    pub labels: Vec<Label>,
    /// Extra lines: where the rule is defined, how a value was read.
    pub notes: Vec<String>,
    /// For file-level findings without a span (an unreadable file): the file's path.
    pub path: Option<String>,
    /// A suggested replacement, if one exists.
    pub fix: Option<Fix>,
    /// The normalized reading of the offending mention (`94`, `2022-08`, an interval), which
    /// fingerprints prefer to the mention's text; `None` falls back to the text.
    pub key: Option<String>,
}

impl Finding {
    /// A finding of `code` at its default severity.
    pub fn new(code: Code, message: impl Into<String>) -> Finding {
        Finding {
            code,
            rule: None,
            severity: code.default_severity(),
            message: message.into(),
            labels: Vec::new(),
            notes: Vec::new(),
            path: None,
            fix: None,
            key: None,
        }
    }

    /// Sets the rule id.
    pub fn with_rule(mut self, rule: impl Into<String>) -> Finding {
        self.rule = Some(rule.into());
        self
    }

    /// Sets the severity.
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    /// Adds a label.
    pub fn with_label(mut self, label: Label) -> Finding {
        self.labels.push(label);
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Finding {
        self.notes.push(note.into());
        self
    }

    /// Sets the path of a file-level finding.
    pub fn with_path(mut self, path: impl Into<String>) -> Finding {
        self.path = Some(path.into());
        self
    }

    /// Sets the fix.
    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fix = Some(fix);
        self
    }

    /// Sets the normalized reading used by fingerprints.
    pub fn with_key(mut self, key: impl Into<String>) -> Finding {
        self.key = Some(key.into());
        self
    }

    /// The primary label, if any.
    pub fn primary(&self) -> Option<&Label> {
        self.labels.iter().find(|l| l.primary)
    }
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    /// Errors.
    pub error: usize,
    /// Warnings.
    pub warning: usize,
    /// Infos.
    pub info: usize,
}

impl SeverityCounts {
    /// Counts `findings`.
    pub fn of(findings: &[Finding]) -> SeverityCounts {
        let mut counts = SeverityCounts::default();
        for f in findings {
            match f.severity {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_names_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &code in Code::ALL {
            let name = code.name();
            assert!(seen.insert(name), "duplicate code name {name}");
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{name}"
            );
            assert_eq!(Code::from_name(name), Some(code));
            assert!(
                code.doc().contains("## What it checks"),
                "{name} lacks docs"
            );
        }
    }

    #[test]
    fn severities_order_from_info_to_error() {
        assert!(Severity::Info < Severity::Warning && Severity::Warning < Severity::Error);
        assert_eq!(Severity::parse("warning"), Some(Severity::Warning));
        assert_eq!(Severity::parse("fatal"), None);
    }
}
