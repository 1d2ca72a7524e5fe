//! The word-window frame: a cue within a few words of the value, no clause mark between.
//!
//! Dates still bind this way (their own-verb binding is the next step of the clause model):
//! a date is taken when a cue of the rule stands at most `max_gap` words before or after it,
//! with no sentence mark, no other number and — for dates — no "before the"/"after the"
//! between, and no coordinated second event ("… in August and the attack on a hotel in
//! December"). A date fronted as the sentence's adverbial ("On March 8, two weeks before the
//! attack, …") dates the main clause however long the interjection.

use super::lexicon::{CHANGE_VERB_GAP, DETERMINERS};
use super::predicates;
use super::region::RegionView;
use super::tokens::{Token, tokens};
use super::{Binder, Candidate};
use crate::rules::RuleIdx;
use crate::source::offsets::TextRange;

/// How strict a word-window frame is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowStyle {
    /// Most words between cue and value.
    pub max_gap: usize,
    /// Whether commas and colons may stand between cue and value.
    pub allow_commas: bool,
    /// Whether words of subject terms count toward the gap (dates: no).
    pub count_subject_words: bool,
    /// Whether a value related to the event rather than dating it is rejected: "March 8,
    /// two weeks before the attack".
    pub relative_break: bool,
    /// Whether a value in a coordinated clause after the subject belongs to another event:
    /// "the embassy bombing in August 2022 and the attack on a hotel in December 2022".
    pub coordination_break: bool,
}

/// How far (in bytes) around a candidate cues and subjects are looked for.
const WINDOW_BYTES: usize = 600;

/// What lies between two positions.
#[derive(Debug, Default)]
pub(super) struct Gap {
    pub words: usize,
    pub commas: usize,
    pub hard_break: bool,
    pub has_number: bool,
    /// "before the", "after the", "ahead of the" still open at the end of the gap: the value
    /// and the cue are two points in time (a comma closes such a phrase).
    pub relative: Option<String>,
    /// A semicolon: the two ends are in different clauses.
    pub semicolon: bool,
    /// "and the", "but a", "while": a new clause or noun phrase starts.
    pub coordination: Option<String>,
}

/// Words that relate a time to an event instead of naming it.
const RELATIVE_WORDS: &[&str] = &[
    "before",
    "after",
    "since",
    "until",
    "till",
    "prior",
    "ahead",
    "following",
    "preceding",
];

/// Words that may stand before a date that opens its sentence.
const FRONTING_WORDS: &[&str] = &[
    "on",
    "in",
    "by",
    "early",
    "late",
    "the",
    "evening",
    "morning",
    "afternoon",
    "night",
    "of",
    "at",
    "around",
    "during",
];

pub(super) fn gap(text: &str, from: usize, to: usize, skip: &[TextRange]) -> Gap {
    let mut g = Gap::default();
    if from > to {
        return g;
    }
    let mut previous: Option<String> = None;
    for t in tokens(text, TextRange::new(from, to)) {
        if skip.iter().any(|s| s.start <= t.start && t.end <= s.end) {
            continue;
        }
        if t.word {
            let lower = t.text.to_lowercase();
            if let Some(prev) = &previous {
                let determiner = DETERMINERS.contains(&lower.as_str());
                if RELATIVE_WORDS.contains(&prev.as_str())
                    && (determiner || lower == "of" || lower == "to")
                {
                    g.relative.get_or_insert_with(|| format!("{prev} {lower}"));
                }
                if matches!(prev.as_str(), "and" | "but" | "or") && determiner {
                    g.coordination
                        .get_or_insert_with(|| format!("{prev} {lower}"));
                }
            }
            if matches!(lower.as_str(), "while" | "whereas" | "although" | "though") {
                g.coordination.get_or_insert_with(|| lower.clone());
            }
            previous = Some(lower);
            g.words += 1;
            if t.text.bytes().any(|b| b.is_ascii_digit()) {
                g.has_number = true;
            }
        } else {
            if matches!(t.text, "," | ":" | ";") {
                g.relative = None;
            }
            if t.text == ";" {
                g.semicolon = true;
            }
            match t.text {
                "," | ":" => g.commas += 1,
                ";" | "(" | ")" | "[" | "]" | "." | "!" | "?" | "\n" => g.hard_break = true,
                _ => {}
            }
        }
    }
    g
}
impl Binder<'_> {
    /// Judges a candidate by the word window.
    pub(super) fn judge_window<T>(
        &self,
        rule: RuleIdx,
        style: WindowStyle,
        view: &RegionView<'_>,
        candidate: &Candidate<T>,
    ) -> Result<TextRange, String> {
        self.common_checks(rule, candidate)?;
        let region = view.range;
        let c = candidate.range;
        let text = &self.doc.text;
        // Only cues and subjects this near are looked at, so judging stays linear.
        let near = TextRange::new(
            c.start.saturating_sub(WINDOW_BYTES).max(region.start),
            (c.end + WINDOW_BYTES).min(region.end),
        );
        let skip: Vec<TextRange> = if style.count_subject_words {
            Vec::new()
        } else {
            let lo = self.subjects.partition_point(|h| h.start < near.start);
            self.subjects[lo..]
                .iter()
                .take_while(|h| h.start < near.end)
                .map(|h| TextRange::new(h.start, h.end))
                .collect()
        };
        let first = view.token_at(c.start);
        // "The death toll from the attack rose to 137": a verb of change right before the
        // value links it to a cue further back in the same clause.
        let reach_before = if predicates::after_change_verb(&view.tokens, first) {
            style.max_gap.max(CHANGE_VERB_GAP)
        } else {
            style.max_gap
        };
        // "On March 8, two weeks before the attack, the embassy warned …": a date fronted as
        // the sentence's adverbial dates its main clause, however long the interjection.
        let reach_after = if style.relative_break && is_fronted(view, first) {
            usize::MAX
        } else {
            style.max_gap
        };
        let frame_ok = |g: &Gap, before: bool| {
            g.words <= if before { reach_before } else { reach_after }
                && !g.hard_break
                && !g.has_number
                && (style.allow_commas || g.commas == 0)
                && !(style.coordination_break && g.coordination.is_some())
        };
        // The nearest cue of the rule on either side, in the region, that forms a frame.
        let mut best: Option<(usize, TextRange, bool)> = None; // (gap words, frame, cue before)
        let cues = self.cues_of(rule);
        let lo = cues.partition_point(|h| h.start < near.start);
        for cue in cues[lo..]
            .iter()
            .take_while(|h| h.start < near.end)
            .filter(|h| h.end <= region.end)
        {
            let (g, frame, before) = if cue.end <= c.start {
                (
                    gap(text, cue.end, c.start, &skip),
                    TextRange::new(cue.start, c.end),
                    true,
                )
            } else if cue.start >= c.end {
                (
                    gap(text, c.end, cue.start, &skip),
                    TextRange::new(c.start, cue.end),
                    false,
                )
            } else {
                continue; // overlapping: the cue is part of the value phrase
            };
            if frame_ok(&g, before) && best.is_none_or(|(w, _, _)| g.words < w) {
                best = Some((g.words, frame, before));
            }
        }
        let Some((_, frame, cue_before)) = best else {
            return Err("no cue of the rule next to it".into());
        };
        if style.relative_break {
            let g = if cue_before {
                gap(text, frame.start, c.start, &skip)
            } else {
                gap(text, c.end, frame.end, &skip)
            };
            if let Some(words) = g.relative {
                return Err(format!("relative to the event, not its date (`{words}`)"));
            }
        }
        if let Some(word) = predicates::modal_before(view, view.token_at(frame.start)) {
            return Err(format!("hypothetical or negated (`{word}`)"));
        }
        // The rules whose cue is this frame's cue compete for it.
        let cue_at = if cue_before {
            frame.start
        } else {
            frame.end.saturating_sub(1)
        };
        let at = view.predicates.partition_point(|p| p.span.end <= cue_at);
        let rivals = view
            .predicates
            .get(at)
            .filter(|p| p.span.start <= cue_at)
            .map(|p| p.rules.as_slice());
        let nearest = self.compete(rule, view, frame, rivals)?;
        // "The Paris attacks killed 130; the Crocus toll was higher": another clause's subject.
        if let Some(subject) = nearest
            && view.semicolon_apart(&subject, frame)
        {
            return Err("the subject is in another clause (`;`)".into());
        }
        // Only the last stretch before the frame is read for a coordinated second event.
        if style.coordination_break
            && let Some(subject) = nearest
            && subject.end <= frame.start
            && let Some(words) = gap(
                text,
                subject.end.max(frame.start.saturating_sub(WINDOW_BYTES)),
                frame.start,
                &[],
            )
            .coordination
        {
            return Err(format!("belongs to another event (`{words} …`)"));
        }
        Ok(frame)
    }
}

/// Whether the value at token `first` opens its sentence, after at most a few words such as
/// "On", "Early on", "On the evening of".
fn is_fronted(view: &RegionView<'_>, first: usize) -> bool {
    let sentence = view.sentence_of.get(first);
    let before: Vec<&Token<'_>> = view.tokens[..first.min(view.tokens.len())]
        .iter()
        .enumerate()
        .rev()
        .take_while(|(i, _)| view.sentence_of.get(*i) == sentence)
        .take(5)
        .map(|(_, t)| t)
        .collect();
    before.len() <= 4 && before.iter().all(|t| t.is_in(FRONTING_WORDS))
}
