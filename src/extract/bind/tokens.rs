//! Tokens: words and punctuation of the matching text, the unit every binding step counts in.
//!
//! A word is an alphanumeric run with inner `'`, `-` or `.` ("U.S.", "17-month-old",
//! "didn't"); every other non-space character is a token of its own. Word lists are matched
//! ASCII-case-insensitively without allocating.

use crate::source::offsets::TextRange;

/// One word or punctuation token of the matching text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token<'a> {
    /// First byte in the matching text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The token's text.
    pub text: &'a str,
    /// A word (alphanumeric run), not a punctuation character.
    pub word: bool,
}

impl Token<'_> {
    /// Whether this is a word in `list` (lower-case ASCII), ignoring case.
    pub fn is_in(&self, list: &[&str]) -> bool {
        self.word && is_in(list, self.text)
    }

    /// Whether this is the punctuation character `c`.
    pub fn is_punct(&self, c: &str) -> bool {
        !self.word && self.text == c
    }
}

/// Whether `word` is in `list` (lower-case ASCII), ignoring ASCII case; no allocation.
pub(super) fn is_in(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Words (alphanumeric runs, with inner `'` `-` `.`) and single punctuation chars.
pub(super) fn tokens(text: &str, range: TextRange) -> Vec<Token<'_>> {
    first_tokens(text, range, usize::MAX)
}

/// The first `n` tokens of `range`: what a look a few words ahead needs, read without
/// tokenizing the rest.
pub(super) fn first_tokens(text: &str, range: TextRange, n: usize) -> Vec<Token<'_>> {
    let Some(slice) = text.get(range.range()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if out.len() == n {
            break;
        }
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                let next = slice[j + d.len_utf8()..].chars().next();
                let joins = match d {
                    '\'' | '-' => next.is_some_and(char::is_alphanumeric),
                    // "U.S.", "3.5", "example.com" are one word; "scene.Two" (a crawl that
                    // lost the space after a sentence) is two.
                    '.' => next.is_some_and(|n| {
                        n.is_alphanumeric() && !(n.is_uppercase() && j - i > 1)
                            || n.is_uppercase() && slice[i..j].contains('.')
                    }),
                    _ => false,
                };
                if d.is_alphanumeric() || joins {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                start: range.start + i,
                end: range.start + end,
                text: &slice[i..end],
                word: true,
            });
        } else {
            out.push(Token {
                start: range.start + i,
                end: range.start + i + c.len_utf8(),
                text: &slice[i..i + c.len_utf8()],
                word: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text, TextRange::new(0, text.len()))
            .iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn words_keep_inner_marks() {
        assert_eq!(
            words("The U.S. toll, 3.5 at example.com: didn't 17-month-old"),
            vec![
                "The",
                "U.S",
                ".",
                "toll",
                ",",
                "3.5",
                "at",
                "example.com",
                ":",
                "didn't",
                "17-month-old"
            ]
        );
    }

    #[test]
    fn a_lost_space_after_a_sentence_splits_the_word() {
        assert_eq!(
            words("at the scene.Two others"),
            vec!["at", "the", "scene", ".", "Two", "others"]
        );
        assert_eq!(
            words("the N.Y.P.D. said"),
            vec!["the", "N.Y.P.D", ".", "said"]
        );
    }

    #[test]
    fn the_first_tokens_are_a_prefix_of_all_of_them() {
        let text = "  Four people, the U.S. says, were killed; didn't 17-month-old …";
        let range = TextRange::new(2, text.len());
        let all = tokens(text, range);
        for n in 0..=all.len() + 2 {
            assert_eq!(
                first_tokens(text, range, n),
                all[..n.min(all.len())],
                "n = {n}"
            );
        }
    }
}
