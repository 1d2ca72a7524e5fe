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
    let Some(slice) = text.get(range.range()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut iter = slice.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                let joins = matches!(d, '\'' | '-' | '.')
                    && slice[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
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
