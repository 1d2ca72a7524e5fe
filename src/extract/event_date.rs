//! Date mentions: dates near a rule's subject, in a cue frame, with the year inferred; and the
//! built-in weekday check, which needs no rule.
//!
//! Year inference follows extraction.md §A2: the year written in the mention; the rule's
//! `year` or `value`; the document's date (front matter, meta, dateline); otherwise unknown.
//! How the year was obtained is kept as the mention's note ("year 2024 from the document date
//! 2024-03-29"), so diagnostics and `extract` can show it.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::bind::{Binder, Candidate, DATE_FRAME, Rejection, Story};
use super::date::{self, DateToken, ScanOptions};
use super::terms::Hit;
use super::{Mention, Rejected};
use crate::finding::{Code, Finding, Label};
use crate::rules::RuleKind;
use crate::source::Document;
use crate::source::offsets::TextRange;
use crate::span::Span;
use crate::value::Value;
use crate::value::date::{DateValue, WeekdayCheck, YearContext, YearSource};

/// The date mentions of every date rule in the part `within` of the story's document, whose
/// term hits are `hits`.
pub fn extract(
    story: &Story<'_>,
    within: TextRange,
    hits: &[Hit],
    keep_rejections: bool,
) -> (Vec<Mention>, Vec<Rejected>, Vec<Finding>) {
    let (rules, doc) = (story.rules, story.doc);
    let binder = Binder::new(
        story,
        within,
        hits,
        |k| matches!(k, RuleKind::Date(_)),
        keep_rejections,
    );
    let mut mentions = Vec::new();
    let mut rejected = Vec::new();
    if !binder.has_subjects() {
        return (mentions, rejected, Vec::new());
    }
    for (idx, rule) in rules.rules.iter().enumerate() {
        let RuleKind::Date(d) = &rule.kind else {
            continue;
        };
        let opts = ScanOptions {
            order: d.order,
            bare_years: false,
        };
        let ctx = YearContext {
            rule_year: d.year,
            rule_value: d.value,
            document_date: doc.meta.date,
            ..YearContext::default()
        };
        let (bound, rejections) = binder.bind(idx, DATE_FRAME, |region| {
            date::scan_in(&doc.text, region.range(), &opts)
                .into_iter()
                .map(|t: DateToken| {
                    // "Thursday, `code` 22 March": a weekday read across skipped non-prose
                    // stays out of the mention, whose span must slice what was read.
                    let span = if weekday_crosses_a_skip(doc, &t) {
                        t.date_span.clone()
                    } else {
                        t.span.clone()
                    };
                    Candidate {
                        range: TextRange::new(span.start, span.end),
                        excluded: None,
                        data: t,
                    }
                })
                .collect()
        });
        let mut past = Vec::new();
        for b in bound {
            if let Some(reason) = past_event(&binder, idx, doc, &b.candidate) {
                past.push(Rejection {
                    range: b.candidate.range,
                    reason,
                });
                continue;
            }
            let inferred = b.candidate.data.resolve(&ctx);
            let note = match inferred.source {
                YearSource::Written => None,
                source => Some(source.to_string()),
            };
            let value = Value::Date(inferred.value);
            mentions.extend(binder.mention(idx, b.candidate.range, b.frame, value, note));
        }
        rejected.extend(binder.rejected(idx, rejections));
        rejected.extend(binder.rejected(idx, past));
    }
    (mentions, rejected, binder.cap_warnings())
}

/// How far from the story's date a date with its year written may lie and still be the
/// story's event without its sentence naming the subject: half a year.
const PAST_EVENT_DAYS: i64 = 183;

/// Why a bound date is a past (or later) event's: "Aug. 8, 2015, two boys were walking home
/// when …" in a story of October 2016. A date whose year is written and that lies more than
/// [`PAST_EVENT_DAYS`] from the document's date, in a sentence that does not name the subject,
/// dates another event; one whose sentence names the subject ("the Crocus attack of 22 March
/// 2024", in a piece of 2025) is read, since that is what a follow-up says of its event.
fn past_event(
    binder: &Binder<'_>,
    rule: usize,
    doc: &Document,
    candidate: &Candidate<DateToken>,
) -> Option<String> {
    let token = &candidate.data;
    if !token.year_written {
        return None;
    }
    let story = doc.meta.date?;
    let (story_start, story_end) = DateValue::single(story).bounds()?;
    let (start, end) = token.value.bounds()?;
    let days = (story_start - end).max(start - story_end);
    if days <= PAST_EVENT_DAYS || binder.sentence_names_subject(rule, candidate.range.start) {
        return None;
    }
    Some(format!(
        "another event: {days} days from the story's date {}, in a sentence that does not \
         name the subject",
        story.to_iso()
    ))
}

/// Whether the source between a date's weekday and the date proper holds more than the
/// matching text does: inline code, a comment or markup was skipped there.
fn weekday_crosses_a_skip(doc: &Document, t: &DateToken) -> bool {
    let Some(weekday) = &t.weekday else {
        return false;
    };
    let gap = TextRange::new(weekday.span.end, t.date_span.start);
    doc.map.to_source(gap).len() != gap.end - gap.start
}

/// The built-in weekday check: "Thursday, 22 March 2024" names the wrong day. Weekday names
/// are found with one automaton; only the text right after one is scanned for a date.
#[derive(Debug)]
pub struct WeekdayChecker {
    names: Option<AhoCorasick>,
}

/// The weekday names the check reads (case-sensitive), also anchors ([`super::anchors`]).
pub(crate) const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mon",
    "Tue",
    "Tues",
    "Wed",
    "Thu",
    "Thur",
    "Thurs",
    "Fri",
    "Sat",
    "Sun",
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];

impl Default for WeekdayChecker {
    fn default() -> WeekdayChecker {
        WeekdayChecker::new()
    }
}

impl WeekdayChecker {
    /// Compiles the weekday names.
    pub fn new() -> WeekdayChecker {
        WeekdayChecker {
            names: AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(WEEKDAYS)
                .ok(),
        }
    }

    /// Findings for weekdays that contradict a full date written with its year.
    ///
    /// Only dates whose year is written are checked: an inferred year could be wrong, and a
    /// wrong weekday finding on a right date would cost the tool its credibility.
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        let Some(names) = &self.names else {
            return Vec::new();
        };
        let opts = ScanOptions::default();
        let mut findings = Vec::new();
        let mut after = 0;
        for m in names.find_iter(&doc.text) {
            if m.start() < after {
                continue;
            }
            // Like a rule's mentions, a document's wrong weekdays are read to a cap.
            if findings.len() == super::MAX_MENTIONS_PER_RULE {
                let at = TextRange::new(m.start(), m.start());
                findings.push(
                    Finding::new(
                        Code::TooManyMentions,
                        format!(
                            "more than {} wrong weekdays in one document; the rest were not \
                             checked",
                            super::MAX_MENTIONS_PER_RULE
                        ),
                    )
                    .with_label(Label::primary(
                        Span::new(doc.file, doc.map.to_source(at)),
                        "the first not checked",
                    )),
                );
                break;
            }
            // "Wednesday, 22 March 2024" is at most ~40 bytes; scan a little more.
            let end = (m.start() + 64).min(doc.text.len());
            let tokens = date::scan_in(&doc.text, m.start()..end, &opts);
            let Some(token) = tokens.first() else {
                continue;
            };
            after = token.span.end;
            let Some(weekday) = &token.weekday else {
                continue;
            };
            if weekday.span.start != m.start() || !token.year_written {
                continue;
            }
            let Some(WeekdayCheck::Contradicts { written, actual }) =
                token.weekday_check(&token.value)
            else {
                continue;
            };
            let range = TextRange::new(token.date_span.start, token.date_span.end);
            let weekday_range = TextRange::new(weekday.span.start, weekday.span.end);
            let date_text = doc.text.get(token.date_span.clone()).unwrap_or("");
            findings.push(
                Finding::new(
                    Code::WeekdayMismatch,
                    format!("{date_text} was a {actual}, not a {written}"),
                )
                .with_label(Label::primary(
                    Span::new(doc.file, doc.map.to_source(weekday_range)),
                    format!("should be {actual}"),
                ))
                .with_label(Label::secondary(
                    Span::new(doc.file, doc.map.to_source(range)),
                    format!("read as {}", token.value),
                ))
                .with_note(
                    "check weekday-mismatch (turn off with `weekday = false` under [checks])",
                ),
            );
        }
        findings
    }
}
