//! Extraction: a document × the rule set → the mentions of each fact, with their readings.
//!
//! Anchor-first: all rules' terms are compiled once into one multi-pattern matcher
//! ([`terms::TermMatcher`]); each document is scanned once and only the neighbourhood of a
//! match is examined further. Every mention leaves this module with a span in *source* bytes.

pub mod anchors;
pub mod bind;
pub mod date;
pub mod entity;
pub mod event_date;
pub mod hedge;
pub mod number;
pub mod parts;
pub mod quantity;
pub mod sentence;
pub mod terms;

use crate::finding::{Code, Finding, Label};
use crate::rules::{RuleIdx, RuleSet};
use crate::source::Document;
use crate::source::offsets::TextRange;
use crate::span::Span;
use crate::value::Value;

/// One mention of a fact in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The rule whose fact this is.
    pub rule: RuleIdx,
    /// The value's bytes in the source ("at least 139", "IS-KP", "5 September 2022").
    pub span: Span,
    /// The whole frame the value was read in ("killing at least 139"); equals `span` for names.
    pub frame: Span,
    /// The matching text of `span`, normalized.
    pub text: String,
    /// The frame as written in the source (markup and all), filled when the document is loaded
    /// ([`Mention::quote_from`]), so that no report needs the document's text to quote it.
    pub quote: String,
    /// What the mention means.
    pub value: Value,
    /// How the value was obtained, when that is worth saying ("year from the rule").
    pub note: Option<String>,
}

impl Mention {
    /// Fills [`Mention::quote`] from the document's `source`. A name is not quoted (its frame
    /// is itself, and an archive holds many): its quote stays empty.
    pub fn quote_from(&mut self, source: &str) {
        if !matches!(self.value, Value::Name(_)) {
            self.quote = source
                .get(self.frame.range())
                .unwrap_or_default()
                .to_string();
        }
    }

    /// The frame as written, or the value's matching text where it was not quoted (a name, a
    /// file that changed while it was read).
    pub fn as_written(&self) -> &str {
        if self.quote.is_empty() {
            &self.text
        } else {
            &self.quote
        }
    }
}

/// Why a candidate near a subject was not taken as a mention (for `explain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The rule that considered it.
    pub rule: RuleIdx,
    /// Its bytes in the source.
    pub span: Span,
    /// Why it was rejected ("bound to another subject (`Kerman`, rule kerman-death-toll)").
    pub reason: String,
}

/// What extraction found in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    /// The mentions, sorted by position.
    pub mentions: Vec<Mention>,
    /// Candidates near a subject that were not taken, sorted by position.
    pub rejected: Vec<Rejected>,
    /// Findings of built-in checks that need one document only (a wrong weekday).
    pub findings: Vec<Finding>,
}

/// Switches for the built-in per-document checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Report a weekday that contradicts its full date.
    pub weekday: bool,
    /// Keep the candidates that were not taken, with their reasons ([`Extraction::rejected`]):
    /// only `explain` shows them, and a dense document has many.
    pub rejections: bool,
}

impl Default for ExtractOptions {
    fn default() -> ExtractOptions {
        ExtractOptions {
            weekday: true,
            rejections: true,
        }
    }
}

/// Most mentions of one rule read in one document; the rest are not read, with a
/// `too-many-mentions` warning. No article names a fact ten thousand times; a data dump or a
/// hostile file may name it millions of times, and every mention is held to the end of the
/// run (and may become a finding), so the cap is what keeps memory bounded by the size of the
/// text rather than by how dense it is (docs/reliability.md).
pub const MAX_MENTIONS_PER_RULE: usize = 10_000;

/// The compiled extraction machinery for one rule set; build once, use for every document.
#[derive(Debug)]
pub struct Extractor<'r> {
    rules: &'r RuleSet,
    anchors: anchors::Anchors,
    matcher: terms::TermMatcher,
    weekdays: Option<event_date::WeekdayChecker>,
    rejections: bool,
}

impl<'r> Extractor<'r> {
    /// Compiles every rule's terms into one matcher.
    pub fn new(rules: &'r RuleSet, options: ExtractOptions) -> Extractor<'r> {
        Extractor {
            rules,
            anchors: anchors::Anchors::new(rules, options.weekday),
            matcher: terms::TermMatcher::new(rules),
            weekdays: options.weekday.then(event_date::WeekdayChecker::new),
            rejections: options.rejections,
        }
    }

    /// Whether a document whose source is `source`, read as `format`, may hold anything
    /// [`Extractor::extract`] finds: `false` only when it surely holds nothing
    /// ([`anchors`], judged on the raw bytes before any parsing).
    pub fn may_hold(&self, source: &str, format: crate::source::Format) -> bool {
        self.anchors.may_hold(source, format)
    }

    /// All mentions of all rules in one document, sorted by position, and the candidates
    /// that were rejected. The document is read part by part ([`parts`]): what is held at
    /// once (term hits, binders, region readings) is one part's, and a news story is one part.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let story = bind::Story::new(doc, self.rules, &self.matcher);
        let mut scanner = crate::fix::safety::Scanner::new(doc);
        let mut mentions = Vec::new();
        let mut rejected = Vec::new();
        let mut findings = Vec::new();
        let whole = TextRange::new(0, doc.text.len());
        for part in parts::parts(&doc.text, &doc.blocks, whole) {
            let mut hits = self.matcher.find_in(&doc.text, part);
            let names = entity::extract(
                self.rules,
                doc,
                &hits,
                MAX_MENTIONS_PER_RULE + 1,
                &mut scanner,
            );
            // The names are read; the binders read subjects, cues and exclusions only.
            hits.retain(|h| h.role != terms::Role::Form);
            let (quantities, rejected_quantities, quantity_warnings) =
                quantity::extract(&story, part, &hits, self.rejections);
            let (dates, rejected_dates, date_warnings) =
                event_date::extract(&story, part, &hits, self.rejections);
            drop(hits);
            let from = mentions.len();
            mentions.extend(names);
            mentions.extend(quantities);
            mentions.extend(dates);
            mentions[from..].sort_by_key(|m| (m.span, m.rule));
            // Past the cap a rule's mentions are not kept from part to part (one more than the
            // cap is, to warn at).
            story.set_read_before(self.keep_to_cap(&mut mentions, MAX_MENTIONS_PER_RULE + 1));
            findings.extend(quantity_warnings);
            findings.extend(date_warnings);
            if self.rejections {
                rejected.extend(rejected_quantities);
                rejected.extend(rejected_dates);
            }
        }
        // Sorted already: each part's mentions are sorted, and parts come in order.
        self.cap_mentions(&mut mentions, &mut findings);
        rejected.sort_by(|a, b| (a.span, a.rule, &a.reason).cmp(&(b.span, b.rule, &b.reason)));
        if let Some(w) = &self.weekdays {
            findings.extend(w.check(doc));
        }
        Extraction {
            mentions,
            rejected,
            findings,
        }
    }

    /// Keeps the first `most` mentions of each rule (`mentions` sorted by position); returns
    /// how many of each rule are kept.
    fn keep_to_cap(&self, mentions: &mut Vec<Mention>, most: usize) -> Vec<usize> {
        let mut count = vec![0usize; self.rules.rules.len()];
        mentions.retain(|m| {
            count.get_mut(m.rule).is_none_or(|n| {
                *n += 1;
                *n <= most
            })
        });
        count.iter_mut().for_each(|n| *n = (*n).min(most));
        count
    }

    /// Keeps the first [`MAX_MENTIONS_PER_RULE`] mentions of each rule (`mentions` sorted by
    /// position) and warns, once per rule, at the first one left out. A binder that stopped
    /// reading a rule warned where it stopped; when mentions before that are left out here,
    /// the warning moves to the first of them.
    fn cap_mentions(&self, mentions: &mut Vec<Mention>, findings: &mut Vec<Finding>) {
        let mut count = vec![0usize; self.rules.rules.len()];
        let mut first_left_out: Vec<Option<Span>> = vec![None; self.rules.rules.len()];
        mentions.retain(|m| {
            let Some(n) = count.get_mut(m.rule) else {
                return true;
            };
            *n += 1;
            if *n <= MAX_MENTIONS_PER_RULE {
                return true;
            }
            if let Some(first) = first_left_out.get_mut(m.rule) {
                first.get_or_insert(m.span);
            }
            false
        });
        for (rule, at) in first_left_out.into_iter().enumerate() {
            let (Some(rule), Some(at)) = (self.rules.rules.get(rule), at) else {
                continue;
            };
            findings.retain(|f| {
                f.code != Code::TooManyMentions || f.rule.as_deref() != Some(rule.id.as_str())
            });
            findings.push(too_many_mentions(&rule.id, at));
        }
    }
}

/// The `too-many-mentions` warning for rule `rule`, at `at`: the first mention not read.
pub fn too_many_mentions(rule: &str, at: Span) -> Finding {
    Finding::new(
        Code::TooManyMentions,
        format!(
            "more than {MAX_MENTIONS_PER_RULE} mentions of `{rule}` in one document; the rest \
             were not read"
        ),
    )
    .with_rule(rule)
    .with_label(Label::primary(at, "the first not read"))
}
