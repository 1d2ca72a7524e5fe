//! A scope region read once: its tokens, sentences, predicates and clauses, its non-prose
//! stretches, and running counts that make any distance between two points O(log n).
//!
//! Every rule whose subject falls in the region reuses the same view, so binding costs one
//! pass over the region whatever the number of rules, candidates or subjects in it.

use super::clauses::Clauses;
use super::events;
use super::predicates::{self, Predicate};
use super::prose;
use super::quantifiers;
use super::tokens::{Token, tokens};
use crate::extract::sentence;
use crate::extract::terms::Hit;
use crate::source::Blocks;
use crate::source::offsets::TextRange;

/// One region, tokenized and split.
#[derive(Debug)]
pub(super) struct RegionView<'a> {
    /// The whole matching text.
    pub text: &'a str,
    /// The region in the matching text.
    pub range: TextRange,
    /// Its tokens.
    pub tokens: Vec<Token<'a>>,
    /// The sentences of the region, in order.
    pub sentences: Vec<TextRange>,
    /// The sentence number of each token.
    pub sentence_of: Vec<u32>,
    /// Whether each token opens its block (a paragraph, heading, list item or caption).
    pub opens_block: Vec<bool>,
    /// The predicates (cues of every rule of the kind, and news verbs), by position.
    pub predicates: Vec<Predicate>,
    /// Whether each token is part of a predicate.
    pub in_predicate: Vec<bool>,
    /// The clauses.
    pub clauses: Clauses,
    /// For each clause, the words that anchor it to another event ("in 2005"), if any.
    pub anchors: Vec<Option<events::Anchor>>,
    /// For each clause, whether it is the first of its block (paragraph).
    pub clause_opens_block: Vec<bool>,
    /// For each sentence, the aggregate marker in it ("across the city"), if any.
    pub aggregates: Vec<Option<String>>,
    /// Non-prose stretches, by position, with what they are.
    pub not_prose: Vec<(TextRange, &'static str)>,
    /// Direct quotations ("…", “…”), by position; one left open runs to its block's end.
    quotations: Vec<TextRange>,
    /// Words among `tokens[..i]`, for `i` in `0..=len`.
    words_before: Vec<u32>,
    /// Commas and colons among `tokens[..i]`.
    marks_before: Vec<u32>,
    /// Hard breaks (sentence ends, brackets, semicolons) among `tokens[..i]`.
    breaks_before: Vec<u32>,
    /// Semicolons among `tokens[..i]`.
    semicolons_before: Vec<u32>,
}

impl<'a> RegionView<'a> {
    /// Reads `range` of `text`, whose blocks are `blocks`; `cues` are the cue hits of every
    /// rule of the kind being bound, by position; `when` dates the story (a clause dated in
    /// another year, or opening on an earlier day than the story's, is about another event).
    pub fn new(
        text: &'a str,
        range: TextRange,
        blocks: &Blocks,
        cues: &[Hit],
        when: events::When,
    ) -> Self {
        let tokens = tokens(text, range);
        // Sentences of every block the region touches, clipped to it.
        let (_, from_first) = blocks.partition(|b| b.end <= range.start);
        let mut sentences = Vec::new();
        let mut block_starts = Vec::new();
        for b in from_first.take_while(|b| b.start < range.end) {
            let clipped = TextRange::new(b.start.max(range.start), b.end.min(range.end));
            block_starts.push(clipped.start);
            sentences.extend(sentence::sentences(text, clipped));
        }
        if blocks.is_empty() {
            sentences = sentence::sentences(text, range);
        }
        let mut sentence_of = Vec::with_capacity(tokens.len());
        let mut opens_block = Vec::with_capacity(tokens.len());
        let (mut s, mut b) = (0usize, 0usize);
        let mut previous_block = usize::MAX;
        for t in &tokens {
            while s + 1 < sentences.len() && sentences[s].end <= t.start {
                s += 1;
            }
            while b + 1 < block_starts.len() && block_starts[b + 1] <= t.start {
                b += 1;
            }
            sentence_of.push(s as u32);
            opens_block.push(previous_block != b);
            previous_block = b;
        }
        let (predicates, in_predicate) = predicates::find(&tokens, cues);
        let clauses = Clauses::split(&tokens, &sentence_of, &in_predicate);
        let (mut words, mut marks, mut breaks, mut semis) = (vec![0], vec![0], vec![0], vec![0]);
        for t in &tokens {
            let (w, m, h) = match (t.word, t.text) {
                (true, _) => (1, 0, 0),
                (false, "," | ":") => (0, 1, 0),
                (false, ";" | "(" | ")" | "[" | "]" | "." | "!" | "?") => (0, 0, 1),
                _ => (0, 0, 0),
            };
            words.push(words.last().copied().unwrap_or(0) + w);
            marks.push(marks.last().copied().unwrap_or(0) + m);
            breaks.push(breaks.last().copied().unwrap_or(0) + h);
            semis.push(semis.last().copied().unwrap_or(0) + u32::from(t.is_punct(";")));
        }
        let aggregates = quantifiers::aggregates(&tokens, &sentence_of);
        let mut anchors = events::anchors(&tokens, &clauses.of_token, when);
        events::share_trailing_times(&mut anchors, &tokens, &clauses.opener, &in_predicate);
        if let Some(lede_end) = when.lede_end {
            events::spare_the_lede(&mut anchors, &tokens, &clauses.of_token, lede_end);
        }
        let mut clause_opens_block = vec![false; clauses.opener.len()];
        for (i, &c) in clauses.of_token.iter().enumerate() {
            if opens_block[i]
                && let Some(slot) = clause_opens_block.get_mut(c as usize)
            {
                *slot = true;
            }
        }
        let quotations = quotations(&tokens, &opens_block);
        RegionView {
            quotations,
            anchors,
            clause_opens_block,
            text,
            aggregates,
            range,
            not_prose: prose::chunks(text, range),
            tokens,
            sentences,
            sentence_of,
            opens_block,
            predicates,
            in_predicate,
            clauses,
            words_before: words,
            marks_before: marks,
            breaks_before: breaks,
            semicolons_before: semis,
        }
    }

    /// The index of the first token that ends after `pos` (the token containing `pos`, or the
    /// next one).
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= pos)
    }

    /// The index of the last token that starts before `end`.
    pub fn last_token_before(&self, end: usize) -> Option<usize> {
        self.tokens
            .partition_point(|t| t.start < end)
            .checked_sub(1)
    }

    /// The first and last token of `range`, if it holds any.
    pub fn token_span(&self, range: TextRange) -> Option<(usize, usize)> {
        let first = self.token_at(range.start);
        let last = self.last_token_before(range.end)?;
        (first <= last).then_some((first, last))
    }

    /// What separates `from` and `to` (byte positions, `from <= to`): words, plus one per
    /// comma or colon, plus one if any hard break lies between.
    pub fn distance(&self, from: usize, to: usize) -> usize {
        let i = self.tokens.partition_point(|t| t.start < from);
        let j = self.tokens.partition_point(|t| t.start < to).max(i);
        let at = |v: &[u32], k: usize| v.get(k).copied().unwrap_or(0) as usize;
        let words = at(&self.words_before, j) - at(&self.words_before, i);
        let marks = at(&self.marks_before, j) - at(&self.marks_before, i);
        let breaks = at(&self.breaks_before, j) - at(&self.breaks_before, i);
        words + marks + usize::from(breaks > 0)
    }

    /// The predicate token `i` is part of, if any (predicates never overlap: binary search).
    pub fn predicate_at(&self, i: usize) -> Option<&Predicate> {
        let k = self.predicates.partition_point(|p| p.last < i);
        self.predicates.get(k).filter(|p| p.first <= i)
    }

    /// The aggregate marker of the sentence of token `i`, if it has one.
    pub fn aggregate_at(&self, i: usize) -> Option<&str> {
        let s = *self.sentence_of.get(i)? as usize;
        self.aggregates.get(s)?.as_deref()
    }

    /// The sentence holding byte `pos`, if any.
    pub fn sentence_at(&self, pos: usize) -> Option<TextRange> {
        let i = self.sentences.partition_point(|s| s.end <= pos);
        self.sentences.get(i).filter(|s| s.start <= pos).copied()
    }

    /// What the non-prose stretch overlapping `range` is, if one does.
    pub fn not_prose_at(&self, range: TextRange) -> Option<&'static str> {
        let i = self
            .not_prose
            .partition_point(|(r, _)| r.end <= range.start);
        self.not_prose
            .get(i)
            .filter(|(r, _)| r.start < range.end)
            .map(|(_, kind)| *kind)
    }

    /// Whether byte `pos` is inside a direct quotation.
    pub fn in_quotation(&self, pos: usize) -> bool {
        let i = self.quotations.partition_point(|q| q.end <= pos);
        self.quotations.get(i).is_some_and(|q| q.start <= pos)
    }

    /// Whether a semicolon separates a subject hit from a frame, on whichever side it is.
    pub fn semicolon_apart(&self, subject: &Hit, frame: TextRange) -> bool {
        if subject.end <= frame.start {
            self.semicolon_between(subject.end, frame.start)
        } else if subject.start >= frame.end {
            self.semicolon_between(frame.end, subject.start)
        } else {
            false
        }
    }

    /// Whether a semicolon lies between byte positions `from <= to`.
    pub fn semicolon_between(&self, from: usize, to: usize) -> bool {
        let i = self.tokens.partition_point(|t| t.start < from);
        let j = self.tokens.partition_point(|t| t.start < to).max(i);
        let at = |k: usize| self.semicolons_before.get(k).copied().unwrap_or(0);
        at(j) > at(i)
    }
}

/// The direct quotations among `tokens`: from an opening mark to its closing one, or to the end
/// of the block when none closes it (a quotation that runs on into the next paragraph).
fn quotations(tokens: &[Token<'_>], opens_block: &[bool]) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut last_end = 0;
    for (t, &opens) in tokens.iter().zip(opens_block) {
        if opens && let Some(start) = open.take() {
            out.push(TextRange::new(start, last_end));
        }
        match (t.text, open) {
            ("\"" | "”", Some(start)) => {
                out.push(TextRange::new(start, t.end));
                open = None;
            }
            ("\"" | "“", None) => open = Some(t.start),
            _ => {}
        }
        last_end = t.end;
    }
    if let Some(start) = open {
        out.push(TextRange::new(start, last_end));
    }
    out
}
