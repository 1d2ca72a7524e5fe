//! Clauses: a sentence split where a new predicate starts.
//!
//! A reader does not give the number of one clause to the verb of the next: in "three people
//! were killed and one was wounded", `one` belongs to `wounded`. Clauses are found in one pass
//! over a sentence's tokens, with no parse:
//!
//! - a **coordinator** (`and`, `&`, `but`, `or`, …) opens a clause, unless it joins two predicates
//!   that share their count ("shot and killed", "wounded or killed");
//! - a **relative or subordinate** word opens one ("which killed 96", "when …", "after …");
//! - **parentheses**, **dashes** and **semicolons** open one at each mark (the text after a
//!   closing parenthesis or dash is a clause again, not the one before the pair);
//! - sentences, and the blocks they come from (headings, list items, captions), are never one
//!   clause together.
//!
//! Clauses are flat: a relative clause inside a subject ("three people who were inside were
//! killed") cuts the subject from its verb. That loses a reading rather than inventing one.

use super::lexicon::{COORDINATORS, SUBORDINATORS};
use super::tokens::Token;

/// The clauses of a run of tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Clauses {
    /// The clause number of each token (numbers grow along the text).
    pub of_token: Vec<u32>,
    /// For each clause, the token that opened it (`None` for a sentence's first clause).
    pub opener: Vec<Option<usize>>,
}

impl Clauses {
    /// Splits `tokens` into clauses. `sentence_of[i]` is token `i`'s sentence number;
    /// `is_predicate[i]` says whether token `i` is part of a predicate (a cue, a news verb).
    pub fn split(tokens: &[Token<'_>], sentence_of: &[u32], is_predicate: &[bool]) -> Clauses {
        let mut of_token = Vec::with_capacity(tokens.len());
        let mut opener: Vec<Option<usize>> = Vec::new();
        let predicate = |i: usize| is_predicate.get(i).copied().unwrap_or(false);
        let verbish = |i: usize| {
            predicate(i)
                || tokens
                    .get(i)
                    .is_some_and(|t| t.word && t.text.len() > 3 && t.text.ends_with("ed"))
        };
        for (i, t) in tokens.iter().enumerate() {
            let new_sentence = i == 0 || sentence_of.get(i) != sentence_of.get(i - 1);
            let opens = if new_sentence {
                opener.push(None);
                false
            } else if t.word || t.text == "&" {
                if t.is_in(SUBORDINATORS) {
                    true
                } else if t.is_in(COORDINATORS) || t.text == "&" {
                    // "shot and killed": two predicates sharing one count stay one clause.
                    let before = if i >= 2 && tokens[i - 1].is_punct(",") {
                        i - 2
                    } else {
                        i.saturating_sub(1)
                    };
                    let shared =
                        verbish(before) && predicate(i + 1) || predicate(before) && verbish(i + 1);
                    !shared
                } else {
                    false
                }
            } else {
                matches!(t.text, ";" | "(" | ")" | "[" | "]" | "—" | "–" | "-")
            };
            // "( which …": one clause opened by the mark, not two.
            let just_opened = i > 0 && opener.last() == Some(&Some(i - 1));
            if opens && !just_opened {
                opener.push(Some(i));
            }
            of_token.push(opener.len().saturating_sub(1) as u32);
        }
        Clauses { of_token, opener }
    }

    /// The clause of token `i`.
    pub fn of(&self, i: usize) -> Option<u32> {
        self.of_token.get(i).copied()
    }

    /// The token that opened the clause of token `i`, if a mark or word opened it.
    pub fn opened_by(&self, i: usize) -> Option<usize> {
        let clause = self.of(i)?;
        self.opener.get(clause as usize).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::NEWS_PREDICATES;
    use super::super::tokens::tokens;
    use super::*;
    use crate::source::offsets::TextRange;

    /// The clauses of `text` (one sentence), each as its text, with predicates taken from
    /// the built-in news verbs.
    fn clauses(text: &str) -> Vec<String> {
        let toks = tokens(text, TextRange::new(0, text.len()));
        let sentence = vec![0; toks.len()];
        let preds: Vec<bool> = toks.iter().map(|t| t.is_in(NEWS_PREDICATES)).collect();
        let c = Clauses::split(&toks, &sentence, &preds);
        let mut out: Vec<Vec<&str>> = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            let k = c.of(i).unwrap_or(0) as usize;
            if out.len() <= k {
                out.resize(k + 1, Vec::new());
            }
            out[k].push(t.text);
        }
        out.into_iter().map(|w| w.join(" ")).collect()
    }

    macro_rules! clause_cases {
        ($($name:ident: $text:expr => [$($c:expr),* $(,)?];)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(clauses($text), vec![$($c.to_string()),*]);
            }
        )*};
    }

    clause_cases! {
        coordinator_with_new_subject: "Three people were killed and one was wounded" =>
            ["Three people were killed", "and one was wounded"];
        coordinated_objects: "killing 12 and injuring 49" => ["killing 12", "and injuring 49"];
        shared_count: "Four people were shot and killed" => ["Four people were shot and killed"];
        shared_count_or: "131 people wounded or killed" => ["131 people wounded or killed"];
        comma_and: "Two died , and five were hurt" => ["Two died ,", "and five were hurt"];
        relative: "the blast , which killed 96 , was" => ["the blast ,", "which killed 96 , was"];
        subordinate_when: "since 2005 , when four others were killed" =>
            ["since 2005 ,", "when four others were killed"];
        parentheses: "The fire ( which hurt 4 ) killed 9" =>
            ["The fire", "( which hurt 4", ") killed 9"];
        dash_pair: "The attack — the third this year — killed 5" =>
            ["The attack", "— the third this year", "— killed 5"];
        semicolon: "Five died ; 4 were arrested" => ["Five died", "; 4 were arrested"];
        nouns_joined: "killed three men and two women" => ["killed three men", "and two women"];
        ampersand: "12 died & thousands fled" => ["12 died", "& thousands fled"];
        ampersand_shared: "Four were shot & killed" => ["Four were shot & killed"];
    }

    #[test]
    fn each_sentence_starts_a_clause() {
        let text = "Two died and three fled";
        let toks = tokens(text, TextRange::new(0, text.len()));
        // "three fled" is a sentence of its own here.
        let sentence = vec![0, 0, 0, 1, 1];
        let c = Clauses::split(&toks, &sentence, &[false, true, false, false, true]);
        assert_eq!(c.of_token, vec![0, 0, 1, 2, 2]);
        assert_eq!(c.opener, vec![None, Some(2), None]);
    }
}
