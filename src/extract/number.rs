//! The number grammar: digits, separators, decimals, scale words, number words, vague counts.
//!
//! [`scan`] reads the numbers whose first byte lies in a byte window of (already normalized)
//! text and returns each with its exact byte span, its value and how it is used. Nothing is
//! silently dropped: a year, a time, an ordinal or "COVID-19" comes back with an
//! [`Exclusion`] saying why it is not a count, so `explain` can show it. Context (a month name
//! before "22", "aged" before "19") is read from the whole text, not only the window.
//!
//! Written by hand (no regex): the grammar is small, number words need a real parser (no crate
//! reads "a hundred and twelve" *and* "dozens" as factlint must, extraction.md §A1), and word
//! boundaries are checked on the neighbouring chars with `char::is_alphanumeric` rather than a
//! Unicode `\b`, which is a performance cliff. Every scan is linear in the window: each step
//! looks at a bounded number of neighbouring words.

use std::ops::Range;

use crate::source::offsets::{ceil_char_boundary, floor_char_boundary};

/// How a number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Digits, maybe with separators, decimals, a suffix or a scale word: `1,500`, `1.5 million`.
    Digits,
    /// Number words: `ninety-six`, `a hundred and twelve`, `a dozen`.
    Words,
    /// A vague count: `dozens`, `several`, `tens of thousands`.
    Vague,
}

/// What a number measures, as far as its own wording says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumUnit {
    /// A plain number ("144", "6.8").
    Plain,
    /// A percentage ("12%", "12 per cent").
    Percent,
    /// An amount of money, with the ISO code of its currency ("$4.2 million" is `USD`).
    Money(&'static str),
}

/// Why a number is not a count of anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exclusion {
    /// A year in context: "in 2023", "March 2024", "since 2019", "the 1990s".
    Year,
    /// A bare 4-digit number 1000–2100 with no other sign: probably a year. A hedge in front
    /// ("more than 2000") lifts it ([`crate::extract::hedge`] does that).
    LikelyYear,
    /// A clock time: "11:30", "9 p.m.".
    Time,
    /// The day of a date: "22 March", "March 22".
    DatePart,
    /// An ordinal: "22nd", "first", "twenty-first".
    Ordinal,
    /// An age: "aged 19", "19-year-old".
    Age,
    /// The number of a list item at the start of a line: "1. ", "2) ".
    ListNumber,
    /// Part of a name or code: "COVID-19", "B-52", "No. 5", "2022-23", "9/11", "10km".
    Identifier,
    /// A price quote glued to a currency code: "USD89.02".
    Ticker,
    /// The pronoun "one": "one of the attackers", "no one".
    Pronoun,
}

impl Exclusion {
    /// A few words for `explain` ("a year").
    pub fn reason(self) -> &'static str {
        match self {
            Exclusion::Year => "a year",
            Exclusion::LikelyYear => "probably a year",
            Exclusion::Time => "a time of day",
            Exclusion::DatePart => "the day of a date",
            Exclusion::Ordinal => "an ordinal",
            Exclusion::Age => "an age",
            Exclusion::ListNumber => "a list item number",
            Exclusion::Identifier => "part of a name or code",
            Exclusion::Ticker => "a price quote",
            Exclusion::Pronoun => "the pronoun \"one\"",
        }
    }
}

/// One number in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberToken {
    /// The number's bytes: "1.5 million", "ninety-six", "tens of thousands" (no "$", no "%").
    pub span: Range<usize>,
    /// Its value; for a vague count the lower bound.
    pub value: f64,
    /// For a vague count, the bounds it stands for ("dozens" is 24..=99).
    pub vague: Option<(f64, f64)>,
    /// How it was written.
    pub form: Form,
    /// Percent, money or plain.
    pub unit: NumUnit,
    /// The bytes that say percent or money: "$", "%", "per cent", "euros" (outside `span`).
    pub unit_span: Option<Range<usize>>,
    /// Why it is not a count, if it is not.
    pub exclusion: Option<Exclusion>,
}

impl NumberToken {
    /// The span of the number with its unit marker ("$4.2 million", "12 per cent").
    pub fn full_span(&self) -> Range<usize> {
        match &self.unit_span {
            Some(u) => self.span.start.min(u.start)..self.span.end.max(u.end),
            None => self.span.clone(),
        }
    }
}

/// Every number that starts inside `window` (byte offsets into `text`; clamped to the text
/// and to char boundaries), in order, with exclusions classified.
pub fn scan(text: &str, window: Range<usize>) -> Vec<NumberToken> {
    let end = floor_char_boundary(text, window.end.min(text.len()));
    let mut i = ceil_char_boundary(text, window.start.min(end));
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    while i < end {
        let Some(c) = char_at(text, i) else { break };
        let prev = char_before(text, i);
        let starts_word = !prev.is_some_and(char::is_alphanumeric);
        if c.is_ascii_digit() {
            // A digit glued to a preceding letter still makes a token ("MH17", "USD89.02"),
            // but one that carries an exclusion.
            let tok = parse_digits(text, i);
            i = tok.span.end.max(i + 1);
            out.push(tok);
            continue;
        }
        if c.is_alphabetic() && starts_word {
            if let Some(tok) = parse_words(text, i) {
                i = tok.span.end.max(i + 1);
                out.push(tok);
                continue;
            }
            // Skip the whole word: its inner letters are not word starts.
            i = word_end(text, i);
            continue;
        }
        i += c.len_utf8();
        debug_assert!(text.is_char_boundary(i) || i >= bytes.len());
    }
    classify(text, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Text helpers. All positions are byte offsets on char boundaries.

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// End of the alphabetic run starting at `i`.
fn word_end(text: &str, i: usize) -> usize {
    let rest = text.get(i..).unwrap_or("");
    let len = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(k, _)| k);
    i + len.max(char_at(text, i).map_or(0, char::len_utf8).min(rest.len()))
}

/// Skips spaces, tabs and at most one line break (a hard-wrapped line, not a paragraph break).
fn skip_ws(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    let mut newlines = 0;
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\r' => i += 1,
            b'\n' if newlines == 0 => {
                newlines += 1;
                i += 1;
            }
            _ => break,
        }
    }
    i
}

/// Like [`skip_ws`], backwards.
fn skip_ws_back(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    let mut newlines = 0;
    while i > 0 {
        match b[i - 1] {
            b' ' | b'\t' | b'\r' => i -= 1,
            b'\n' if newlines == 0 => {
                newlines += 1;
                i -= 1;
            }
            _ => break,
        }
    }
    i
}

/// The word (alphabetic run) starting at `i` after whitespace, if any.
pub(crate) fn next_word(text: &str, i: usize) -> Option<Range<usize>> {
    let s = skip_ws(text, i);
    let c = char_at(text, s)?;
    if !c.is_alphabetic() {
        return None;
    }
    Some(s..word_end(text, s))
}

/// The word (alphabetic run) ending at `i` before whitespace, if any.
pub(crate) fn prev_word(text: &str, i: usize) -> Option<Range<usize>> {
    let e = skip_ws_back(text, i);
    let mut s = e;
    while let Some(c) = char_before(text, s) {
        if !c.is_alphabetic() {
            break;
        }
        s -= c.len_utf8();
    }
    if s == e || char_before(text, s).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some(s..e)
}

/// Whether a list item ", 30;" (an age closed by a semicolon) comes in the 160 bytes before
/// `s`.
fn follows_ages_by_semicolons(text: &str, s: usize) -> bool {
    let b = text.as_bytes();
    let from = s.saturating_sub(160);
    (from..s).any(|i| {
        if b[i] != b';' {
            return false;
        }
        let d = b[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        (1..=3).contains(&d) && b[..i - d].ends_with(b", ")
    })
}

/// Whether the number at `s` continues a list of ages: "ages 13, 17 and 19", "between ages
/// 12 and 16". Looks back over at most eight list items.
fn in_age_list(text: &str, s: usize) -> bool {
    let b = text.as_bytes();
    let mut i = s;
    for _ in 0..8 {
        let e = skip_ws_back(text, i);
        let j = if e > 0 && b[e - 1] == b',' {
            e - 1
        } else {
            match prev_word(text, e) {
                Some(w) if ["and", "or", "to"].iter().any(|x| eq_ci(text, &w, x)) => w.start,
                _ => return false,
            }
        };
        let k = skip_ws_back(text, j);
        let mut d = k;
        while d > 0 && b[d - 1].is_ascii_digit() {
            d -= 1;
        }
        if d == k {
            return false;
        }
        if prev_word(text, d)
            .is_some_and(|w| ["aged", "ages", "age"].iter().any(|x| eq_ci(text, &w, x)))
        {
            return true;
        }
        i = d;
    }
    false
}

fn eq_ci(text: &str, r: &Range<usize>, word: &str) -> bool {
    text.get(r.clone())
        .is_some_and(|w| w.eq_ignore_ascii_case(word))
}

fn starts_with_ci(text: &str, i: usize, pat: &str) -> bool {
    text.as_bytes()
        .get(i..i + pat.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(pat.as_bytes()))
}

/// Whether the char at `i` (if any) cannot continue a word.
fn boundary_at(text: &str, i: usize) -> bool {
    !char_at(text, i).is_some_and(char::is_alphanumeric)
}

fn digit_run(b: &[u8], i: usize) -> usize {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    j
}

// ---------------------------------------------------------------------------------------------
// Digits.

/// Scale words after a number ("1.5 million") and glued suffixes ("2.3m", "3bn", "12k").
fn scale_word(w: &str) -> Option<f64> {
    Some(match Lower::of(w).as_str() {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mn" | "mln" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" | "tn" | "trn" => 1e12,
        _ => return None,
    })
}

fn suffix_scale(w: &str) -> Option<f64> {
    match w {
        "k" | "K" => Some(1e3),
        "m" | "M" => Some(1e6),
        "b" | "B" => Some(1e9),
        _ => scale_word(w).filter(|&s| s >= 1e6),
    }
}

fn parse_digits(text: &str, start: usize) -> NumberToken {
    let b = text.as_bytes();
    let mut mantissa = 0f64;
    let mut frac_digits = 0i32;
    let mut j = digit_run(b, start);
    let first_len = j - start;
    for &d in &b[start..j] {
        mantissa = mantissa * 10.0 + f64::from(d - b'0');
    }
    let mut exclusion = None;
    let mut grouped = false;
    // Thousands groups: a first run of 1–3 digits, then groups of exactly three after one
    // kind of separator, so "2024 150" stays two numbers and "1,2" is not 12.
    if first_len <= 3 {
        let mut sep = None;
        while let Some(&s) = b.get(j) {
            if !(s == b',' || s == b' ') || sep.is_some_and(|x| x != s) {
                break;
            }
            let g = digit_run(b, j + 1);
            if g - (j + 1) != 3 {
                break;
            }
            for &d in &b[j + 1..g] {
                mantissa = mantissa * 10.0 + f64::from(d - b'0');
            }
            sep = Some(s);
            grouped = true;
            j = g;
        }
    }
    // A clock time: "11:30".
    if !grouped && first_len <= 2 && b.get(j) == Some(&b':') {
        let g = digit_run(b, j + 1);
        if g - (j + 1) == 2 {
            return NumberToken {
                span: start..g,
                value: mantissa,
                vague: None,
                form: Form::Digits,
                unit: NumUnit::Plain,
                unit_span: None,
                exclusion: Some(Exclusion::Time),
            };
        }
    }
    if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        let g = digit_run(b, j + 1);
        for &d in &b[j + 1..g] {
            mantissa = mantissa * 10.0 + f64::from(d - b'0');
            frac_digits += 1;
        }
        j = g;
        // "1.2.3" is a version, not a number.
        if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
            j = digit_run(b, j + 1);
            exclusion = Some(Exclusion::Identifier);
        }
    }
    let mut value = mantissa / 10f64.powi(frac_digits.min(300));
    if !grouped && frac_digits == 0 && first_len > 15 {
        // Too long to be a count in prose: an id, a phone number.
        exclusion = Some(Exclusion::Identifier);
    }
    // Glued letters: a scale suffix, an ordinal suffix, a decade, "pm", or a code ("10km").
    if char_at(text, j).is_some_and(char::is_alphabetic) {
        let we = word_end(text, j);
        let w = text.get(j..we).unwrap_or("");
        let lower = Lower::of(w);
        if let Some(s) = suffix_scale(w) {
            value *= s;
        } else if matches!(lower.as_str(), "st" | "nd" | "rd" | "th") {
            exclusion = exclusion.or(Some(Exclusion::Ordinal));
        } else if lower == "s" && first_len == 4 && frac_digits == 0 {
            exclusion = exclusion.or(Some(Exclusion::Year));
        } else if (lower == "am" || lower == "pm") && value <= 12.0 {
            exclusion = exclusion.or(Some(Exclusion::Time));
        } else {
            exclusion = exclusion.or(Some(Exclusion::Identifier));
        }
        j = we;
        if !boundary_at(text, j) {
            // "4x4", "3G2": more alphanumerics follow; swallow them as one code.
            while char_at(text, j).is_some_and(char::is_alphanumeric) {
                j += char_at(text, j).map_or(1, char::len_utf8);
            }
            exclusion = Some(Exclusion::Identifier);
        }
    } else if let Some(w) = next_word(text, j)
        && let Some(s) = text.get(w.clone()).and_then(scale_word)
        && s > 100.0
    {
        // "1.5 million", "4 billion", "12 thousand" (not "3 hundred", which is rare and
        // would swallow "3 hundred-year-old" style compounds).
        value *= s;
        j = w.end;
    }
    NumberToken {
        span: start..j,
        value,
        vague: None,
        form: Form::Digits,
        unit: NumUnit::Plain,
        unit_span: None,
        exclusion,
    }
}

// ---------------------------------------------------------------------------------------------
// Number words.

/// 0–19 and the tens.
fn small_word(w: &str) -> Option<u32> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Ordinal words and the cardinal they name.
fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        "fortieth" => 40,
        "fiftieth" => 50,
        "sixtieth" => 60,
        "seventieth" => 70,
        "eightieth" => 80,
        "ninetieth" => 90,
        "hundredth" => 100,
        "thousandth" => 1000,
        "millionth" => 1_000_000,
        _ => return None,
    })
}

fn big_scale(w: &str) -> Option<f64> {
    match w {
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// Whether a lower-case word is a number word of the grammar: "four", "twenty", "dozens".
pub(crate) fn is_count_word(w: &str) -> bool {
    small_word(w).is_some() || vague_plural(w).is_some() || w == "dozen"
}

/// Plural scale words as vague counts: "hundreds" is 200..=999; their unit for
/// "hundreds of thousands".
fn vague_plural(w: &str) -> Option<(f64, f64, f64)> {
    Some(match w {
        "dozens" => (24.0, 99.0, 12.0),
        "hundreds" => (200.0, 999.0, 1e2),
        "thousands" => (2e3, 9_999.0, 1e3),
        "millions" => (2e6, 9_999_999.0, 1e6),
        "billions" => (2e9, 9_999_999_999.0, 1e9),
        _ => return None,
    })
}

/// The next word of a number phrase: after a hyphen or whitespace.
fn joined_word(text: &str, i: usize) -> Option<Range<usize>> {
    if text.as_bytes().get(i) == Some(&b'-')
        && char_at(text, i + 1).is_some_and(char::is_alphabetic)
    {
        return Some(i + 1..word_end(text, i + 1));
    }
    next_word(text, i)
}

/// A short word, ASCII-lowercased on the stack: the grammar compares every word of a window
/// against its tables, and a heap string per word would be the scan's main cost. Words too
/// long for the buffer (no number or hedge word is) read as empty and match nothing.
#[derive(Clone, Copy)]
pub(crate) struct Lower {
    buf: [u8; 16],
    len: usize,
}

impl Lower {
    pub(crate) fn of(w: &str) -> Lower {
        let mut buf = [0u8; 16];
        let len = if w.len() <= buf.len() && w.is_ascii() {
            buf[..w.len()].copy_from_slice(w.as_bytes());
            buf[..w.len()].make_ascii_lowercase();
            w.len()
        } else {
            0
        };
        Lower { buf, len }
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only whole ASCII strings are ever copied in, so this cannot fail.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

impl PartialEq<&str> for Lower {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::ops::Deref for Lower {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

fn lower(text: &str, r: &Range<usize>) -> Lower {
    Lower::of(text.get(r.clone()).unwrap_or(""))
}

fn words_token(span: Range<usize>, value: f64, form: Form) -> NumberToken {
    NumberToken {
        span,
        value,
        vague: None,
        form,
        unit: NumUnit::Plain,
        unit_span: None,
        exclusion: None,
    }
}

fn vague_token(span: Range<usize>, lo: f64, hi: f64) -> NumberToken {
    NumberToken {
        span,
        value: lo,
        vague: Some((lo, hi)),
        form: Form::Vague,
        unit: NumUnit::Plain,
        unit_span: None,
        exclusion: None,
    }
}

/// A vague count starting at the word `w0`, if one does.
fn parse_vague(text: &str, w0: &Range<usize>, first: &str) -> Option<NumberToken> {
    // "a handful", "a few", "several": optionally times a scale ("several hundred").
    let (quant, after) = match first {
        "several" => (Some((3.0, 9.0)), w0.end),
        "a" => {
            let w1 = next_word(text, w0.end)?;
            match lower(text, &w1).as_str() {
                "handful" | "few" => (Some((2.0, 5.0)), w1.end),
                _ => return None,
            }
        }
        _ => (None, w0.end),
    };
    if let Some((lo, hi)) = quant {
        if let Some(w) = next_word(text, after) {
            let s = match lower(text, &w).as_str() {
                "dozen" => Some(12.0),
                "hundred" => Some(1e2),
                other => big_scale(other),
            };
            if let Some(s) = s {
                return Some(vague_token(w0.start..w.end, lo * s, hi * s));
            }
        }
        return Some(vague_token(w0.start..after, lo, hi));
    }
    // "scores of": the plural alone is too often the verb or the noun ("he scores").
    if first == "scores" {
        let of = next_word(text, w0.end)?;
        return eq_ci(text, &of, "of").then(|| vague_token(w0.clone(), 40.0, 99.0));
    }
    // "tens of thousands", "hundreds of thousands", "hundreds", "dozens".
    let (lo, hi) = match first {
        "tens" => (20.0, 99.0),
        other => {
            let (lo, hi, _) = vague_plural(other)?;
            (lo, hi)
        }
    };
    if let Some(of) = next_word(text, w0.end)
        && eq_ci(text, &of, "of")
        && let Some(w2) = next_word(text, of.end)
        && let Some((_, _, unit)) = vague_plural(&lower(text, &w2))
        && unit >= 1e3
        && unit > lo
    {
        return Some(vague_token(
            w0.start..w2.end,
            lo * unit,
            (hi + 1.0) * unit - 1.0,
        ));
    }
    (first != "tens").then(|| vague_token(w0.clone(), lo, hi))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Start,
    Article,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    And,
}

/// A number phrase in words starting at `start`, if one does.
fn parse_words(text: &str, start: usize) -> Option<NumberToken> {
    let w0 = start..word_end(text, start);
    let first = lower(text, &w0);
    if let Some(t) = parse_vague(text, &w0, &first) {
        return Some(t);
    }
    if let Some(v) = ordinal_word(&first) {
        let mut t = words_token(w0, f64::from(v), Form::Words);
        t.exclusion = Some(Exclusion::Ordinal);
        return Some(t);
    }
    let mut total = 0f64;
    let mut cur = 0f64;
    let mut last = Last::Start;
    let mut scale_cap = f64::INFINITY;
    let mut end = start;
    // The phrase as it stood before an "and" that may not belong to it ("between one hundred
    // and two hundred"): (end, total, cur).
    let mut before_and: Option<(usize, f64, f64)> = None;
    let mut ordinal = false;
    let mut rollback = false;
    let mut w = Some(w0);
    while let Some(r) = w {
        let word = lower(text, &r);
        let mut consumed = true;
        if let Some(v) = small_word(&word) {
            let v = f64::from(v);
            let ok = match last {
                Last::Start | Last::Hundred | Last::Scale | Last::And => true,
                // "ninety-six", "ninety six".
                Last::Tens => v < 10.0 && v > 0.0,
                _ => false,
            } && !(v == 0.0 && last != Last::Start);
            if !ok {
                break;
            }
            cur += v;
            last = if v >= 20.0 {
                Last::Tens
            } else if v >= 10.0 {
                Last::Teen
            } else {
                Last::Unit
            };
        } else if let Some(v) = ordinal_word(&word).filter(|_| last != Last::Start) {
            // "twenty-first", "one hundredth".
            let v = f64::from(v);
            match (last, v) {
                (Last::Tens, v) if v < 10.0 => cur += v,
                (Last::Hundred | Last::Scale | Last::And, v) if v < 100.0 => cur += v,
                (Last::Unit | Last::Teen | Last::Article, v) if v >= 100.0 => {
                    cur = cur.max(1.0) * v;
                }
                _ => break,
            }
            ordinal = true;
            end = r.end;
            break;
        } else if word == "a" && last == Last::Start {
            let next = joined_word(text, r.end).map(|n| lower(text, &n));
            let ok = next
                .as_deref()
                .is_some_and(|n| n == "hundred" || n == "dozen" || big_scale(n).is_some());
            if !ok {
                return None;
            }
            cur = 1.0;
            last = Last::Article;
            consumed = false;
        } else if word == "hundred" {
            if !matches!(last, Last::Article | Last::Unit | Last::Teen) || cur % 100.0 == 0.0 {
                break;
            }
            if before_and.is_some() {
                // "one hundred and two hundred": the "and" joined two numbers.
                rollback = true;
                break;
            }
            let low = cur % 100.0;
            cur = cur - low + low * 100.0;
            last = Last::Hundred;
        } else if word == "dozen" {
            if !matches!(last, Last::Article | Last::Unit | Last::Teen) || cur >= 20.0 {
                break;
            }
            cur *= 12.0;
            end = r.end;
            break;
        } else if let Some(s) = big_scale(&word) {
            if matches!(last, Last::Start | Last::And | Last::Scale) || s >= scale_cap {
                break;
            }
            total += cur.max(1.0) * s;
            cur = 0.0;
            scale_cap = s;
            last = Last::Scale;
            before_and = None;
        } else if word == "and" && matches!(last, Last::Hundred | Last::Scale) {
            before_and = Some((end, total, cur));
            last = Last::And;
            consumed = false;
        } else {
            break;
        }
        if consumed {
            end = r.end;
        }
        w = joined_word(text, r.end);
    }
    if rollback || last == Last::And {
        // A dangling "and", or one that joined two numbers: the phrase ends before it.
        if let Some((e, t, c)) = before_and {
            end = e;
            total = t;
            cur = c;
        }
    }
    if end <= start {
        return None;
    }
    let mut tok = words_token(start..end, total + cur, Form::Words);
    if ordinal {
        tok.exclusion = Some(Exclusion::Ordinal);
    }
    Some(tok)
}

// ---------------------------------------------------------------------------------------------
// Classification: units and exclusions from the neighbours.

/// Month names and their abbreviations, lower case.
pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// A capitalized month name: "may" and "march" are also a modal and a verb.
fn is_month(text: &str, r: &Range<usize>) -> bool {
    let Some(w) = text.get(r.clone()) else {
        return false;
    };
    w.chars().next().is_some_and(char::is_uppercase)
        && MONTHS.iter().any(|m| w.eq_ignore_ascii_case(m))
}

/// The month word before `i`, allowing an abbreviation dot ("Mar. 8").
fn month_before(text: &str, i: usize) -> bool {
    let mut e = skip_ws_back(text, i);
    if e < i && text.as_bytes().get(e.wrapping_sub(1)) == Some(&b'.') {
        e -= 1;
    }
    prev_word(text, e).is_some_and(|w| is_month(text, &w))
}

fn month_after(text: &str, i: usize) -> bool {
    let Some(w) = next_word(text, i) else {
        return false;
    };
    if is_month(text, &w) {
        return true;
    }
    // "22nd of March".
    eq_ci(text, &w, "of") && next_word(text, w.end).is_some_and(|m| is_month(text, &m))
}

/// ISO code for a currency symbol, code or word.
pub fn currency_code(s: &str) -> Option<&'static str> {
    // Symbols first: they are not ASCII, so the lowercase buffer would not hold them.
    match s {
        "€" => return Some("EUR"),
        "£" => return Some("GBP"),
        "₽" => return Some("RUB"),
        "¥" => return Some("JPY"),
        "₹" => return Some("INR"),
        "₺" => return Some("TRY"),
        _ => {}
    }
    Some(match Lower::of(s).as_str() {
        "$" | "us$" | "usd" | "dollar" | "dollars" => "USD",
        "eur" | "euro" | "euros" => "EUR",
        "gbp" | "pound" | "pounds" | "sterling" => "GBP",
        "rub" | "rouble" | "roubles" | "ruble" | "rubles" => "RUB",
        "jpy" | "yen" => "JPY",
        "cny" | "rmb" | "yuan" => "CNY",
        "inr" | "rupee" | "rupees" => "INR",
        "chf" | "franc" | "francs" => "CHF",
        "try" | "lira" | "liras" => "TRY",
        "c$" | "cad" => "CAD",
        "a$" | "aud" => "AUD",
        "afn" | "afghani" | "afghanis" => "AFN",
        "irr" | "rial" | "rials" => "IRR",
        _ => return None,
    })
}

/// Whether `w` is a three-letter currency code written in capitals.
fn is_code(w: &str) -> bool {
    w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase()) && currency_code(w).is_some()
}

/// Money or percent around a token: sets `unit` and `unit_span`; may set a ticker exclusion.
fn classify_unit(text: &str, t: &mut NumberToken) {
    let b = text.as_bytes();
    let s = t.span.start;
    // A symbol before: "$4.2 million", "US$ 5", "€3bn".
    let before = skip_ws_back(text, s);
    if let Some(c) = char_before(text, before)
        && matches!(c, '$' | '€' | '£' | '¥' | '₽' | '₹' | '₺')
    {
        let mut us = before - c.len_utf8();
        let mut sym = c.to_string();
        if c == '$'
            && let Some(p) = char_before(text, us)
            && matches!(p, 'S' | 'C' | 'A')
        {
            // "US$", "C$", "A$" (unless the letter is the end of a longer word).
            let mut start = us - 1;
            if p == 'S' && char_before(text, start) == Some('U') {
                start -= 1;
            }
            if !char_before(text, start).is_some_and(char::is_alphanumeric) {
                sym = text.get(start..before).unwrap_or("$").to_string();
                us = start;
            }
        }
        if let Some(code) = currency_code(&sym) {
            t.unit = NumUnit::Money(code);
            t.unit_span = Some(us..before);
            return;
        }
    }
    // A code before: "USD 12,000"; glued, it is a ticker quote: "USD89.02".
    if let Some(w) = prev_word(text, s).or_else(|| {
        // prev_word refuses words glued to the number; look for a glued code directly.
        let st = s.checked_sub(3)?;
        (text.is_char_boundary(st) && !char_before(text, st).is_some_and(char::is_alphanumeric))
            .then_some(st..s)
    }) && let Some(word) = text.get(w.clone())
        && is_code(word)
        && let Some(code) = currency_code(word)
    {
        t.unit = NumUnit::Money(code);
        t.unit_span = Some(w.clone());
        if w.end == s {
            t.exclusion = Some(Exclusion::Ticker);
        }
        return;
    }
    let e = t.span.end;
    // Percent: "12%", "12 %", "12 per cent", "12 percent", "12 percentage points".
    let p = skip_ws(text, e);
    if b.get(p) == Some(&b'%') {
        t.unit = NumUnit::Percent;
        t.unit_span = Some(p..p + 1);
        return;
    }
    if let Some(w) = next_word(text, e) {
        let word = lower(text, &w);
        if word == "percent" || word == "percentage" {
            t.unit = NumUnit::Percent;
            let end = if word == "percentage" {
                next_word(text, w.end)
                    .filter(|n| eq_ci(text, n, "points") || eq_ci(text, n, "point"))
                    .map_or(w.end, |n| n.end)
            } else {
                w.end
            };
            t.unit_span = Some(w.start..end);
            return;
        }
        if word == "per"
            && let Some(n) = next_word(text, w.end)
            && eq_ci(text, &n, "cent")
        {
            t.unit = NumUnit::Percent;
            t.unit_span = Some(w.start..n.end);
            return;
        }
        // A currency after: "4.2m euros", "100 USD", "millions of dollars".
        let (cw, _) = if word == "of" {
            match next_word(text, w.end) {
                Some(n) => (n, true),
                None => return,
            }
        } else {
            (w, false)
        };
        if let Some(cword) = text.get(cw.clone()) {
            let code = if cword.len() == 3 {
                is_code(cword).then(|| currency_code(cword)).flatten()
            } else {
                currency_code(cword)
            };
            if let Some(code) = code {
                t.unit = NumUnit::Money(code);
                t.unit_span = Some(e..cw.end);
            }
        }
    }
}

/// Words after which a 4-digit number is a year.
const YEAR_CONTEXT: &[&str] = &[
    "in", "since", "by", "until", "till", "during", "from", "of", "before", "after", "year",
    "early", "late", "mid", "spring", "summer", "autumn", "fall", "winter", "between", "and", "to",
    "through", "the",
];

fn classify_one(text: &str, t: &mut NumberToken) {
    if t.exclusion.is_some() && t.exclusion != Some(Exclusion::Ordinal) {
        return;
    }
    let b = text.as_bytes();
    let s = t.span.start;
    let e = t.span.end;
    let src = text.get(t.span.clone()).unwrap_or("");
    let plain_int = t.form == Form::Digits && src.bytes().all(|c| c.is_ascii_digit());
    let small_day = t.value >= 1.0 && t.value <= 31.0 && t.value.fract() == 0.0;
    let before = char_before(text, s);
    // Glued to letters or to a hyphen after letters: "MH17", "COVID-19", "B-52", "mid-2023".
    if before.is_some_and(char::is_alphabetic) {
        t.exclusion = Some(Exclusion::Identifier);
        return;
    }
    if before == Some('-')
        && let Some(w) = prev_word(text, s - 1)
        && w.end == s - 1
    {
        let word = lower(text, &w);
        t.exclusion = Some(
            if plain_int && src.len() == 4 && matches!(word.as_str(), "mid" | "early" | "late") {
                Exclusion::Year
            } else {
                Exclusion::Identifier
            },
        );
        return;
    }
    // Digits joined by a slash ("9/11", "24/7", "2022/23") are codes or dates.
    if t.form == Form::Digits
        && ((before == Some('/') && s >= 2 && b[s - 2].is_ascii_digit())
            || (b.get(e) == Some(&b'/') && b.get(e + 1).is_some_and(u8::is_ascii_digit)))
    {
        t.exclusion = Some(Exclusion::Identifier);
        return;
    }
    // Season-like "2022-23", ISO dates "2024-03-22": a 4-digit year-like head and 2-digit tail.
    if plain_int && src.len() == 4 && (1000.0..=2100.0).contains(&t.value) {
        let tail = digit_run(b, e + 1);
        if b.get(e) == Some(&b'-') && tail - (e + 1) == 2 {
            t.exclusion = Some(if b.get(tail) == Some(&b'-') {
                Exclusion::DatePart
            } else {
                Exclusion::Identifier
            });
            return;
        }
    }
    if plain_int && src.len() <= 2 && before == Some('-') && s >= 5 {
        let head = &b[s.saturating_sub(5)..s - 1];
        if head.len() == 4 && head.iter().all(u8::is_ascii_digit) {
            let h0 = s - 5;
            if h0 == 0 || !b[h0 - 1].is_ascii_digit() {
                t.exclusion = Some(
                    if b.get(e) == Some(&b'-') || (h0 >= 1 && b[h0 - 1] == b'-') {
                        Exclusion::DatePart
                    } else {
                        Exclusion::Identifier
                    },
                );
                return;
            }
        }
    }
    // "No. 5", "No 5", "Nos. 5", "#5".
    if t.form == Form::Digits {
        let mut k = skip_ws_back(text, s);
        if b.get(k.wrapping_sub(1)) == Some(&b'#') {
            t.exclusion = Some(Exclusion::Identifier);
            return;
        }
        let dotted = b.get(k.wrapping_sub(1)) == Some(&b'.');
        if dotted {
            k -= 1;
        }
        if let Some(w) = prev_word(text, k)
            && w.end == k
        {
            let word = text.get(w.clone()).unwrap_or("");
            if (dotted && (word.eq_ignore_ascii_case("no") || word.eq_ignore_ascii_case("nos")))
                || word == "No"
            {
                t.exclusion = Some(Exclusion::Identifier);
                return;
            }
        }
    }
    // Dates: a day next to a month name; a year next to a month name or a date.
    if small_day
        && (t.exclusion == Some(Exclusion::Ordinal) || plain_int)
        && (month_before(text, s) || month_after(text, e))
    {
        t.exclusion = Some(Exclusion::DatePart);
        return;
    }
    if t.exclusion.is_some() {
        return;
    }
    if plain_int && src.len() == 4 && (1000.0..=2100.0).contains(&t.value) {
        let strong = month_before(text, s)
            || prev_word(text, s).is_some_and(|w| YEAR_CONTEXT.contains(&lower(text, &w).as_str()))
            || {
                // "March 22, 2024".
                let k = skip_ws_back(text, s);
                k > 0 && b[k - 1] == b',' && {
                    let d = skip_ws_back(text, k - 1);
                    let ds = (0..d).rev().take_while(|&x| b[x].is_ascii_digit()).last();
                    ds.is_some_and(|ds| month_before(text, ds))
                }
            };
        t.exclusion = Some(if strong {
            Exclusion::Year
        } else {
            Exclusion::LikelyYear
        });
        return;
    }
    // Times: "9 p.m.", "9 am", "10 o'clock".
    if t.value <= 12.0 && t.form != Form::Vague {
        let p = skip_ws(text, e);
        let time = ["a.m.", "p.m.", "a.m", "p.m"]
            .iter()
            .any(|m| starts_with_ci(text, p, m))
            || (["am", "pm", "o'clock"]
                .iter()
                .any(|m| starts_with_ci(text, p, m) && boundary_at(text, p + m.len())));
        if time {
            t.exclusion = Some(Exclusion::Time);
            return;
        }
    }
    // Ages: "aged 19", "19-year-old", "19 years old".
    if let Some(w) = prev_word(text, s) {
        let word = lower(text, &w);
        if matches!(word.as_str(), "aged" | "age" | "ages") {
            t.exclusion = Some(Exclusion::Age);
            return;
        }
    }
    if age_after(text, e) || apposed_age(text, s, e, t.value) || in_age_list(text, s) {
        t.exclusion = Some(Exclusion::Age);
        return;
    }
    // List numbers: at a line start, followed by "." or ")".
    if plain_int && matches!(b.get(e), Some(b'.' | b')')) {
        let after_ok = b.get(e + 1).is_none_or(|c| c.is_ascii_whitespace());
        let mut k = s;
        while k > 0 && matches!(b[k - 1], b' ' | b'\t') {
            k -= 1;
        }
        if after_ok && (k == 0 || b[k - 1] == b'\n') {
            t.exclusion = Some(Exclusion::ListNumber);
            return;
        }
    }
    // The pronoun "one": "one of the attackers", "no one", "one another".
    if t.form == Form::Words && eq_ci(text, &t.span, "one") {
        let next = next_word(text, e).map(|w| lower(text, &w));
        let prev = prev_word(text, s).map(|w| lower(text, &w));
        if matches!(next.as_deref(), Some("of" | "another"))
            || matches!(
                prev.as_deref(),
                Some("no" | "any" | "every" | "each" | "the" | "this" | "that" | "which")
            )
        {
            t.exclusion = Some(Exclusion::Pronoun);
        }
    }
}

fn classify(text: &str, toks: &mut [NumberToken]) {
    for t in toks.iter_mut() {
        classify_unit(text, t);
        if t.exclusion != Some(Exclusion::Ticker) {
            classify_one(text, t);
        }
    }
    // A day range after a month ("Mar. 8-10", "March 8 to 10") or before one ("8-10 March"):
    // the other end is a day too.
    for k in 1..toks.len() {
        let (a, b) = toks.split_at_mut(k);
        let (p, n) = (&mut a[k - 1], &mut b[0]);
        let joined = text
            .get(p.span.end..n.span.start)
            .is_some_and(|g| matches!(g.trim(), "-" | "to"));
        if !joined {
            continue;
        }
        let day = |t: &NumberToken| t.value >= 1.0 && t.value <= 31.0 && t.value.fract() == 0.0;
        if p.exclusion == Some(Exclusion::DatePart) && day(n) && n.exclusion.is_none() {
            n.exclusion = Some(Exclusion::DatePart);
        } else if n.exclusion == Some(Exclusion::DatePart) && day(p) && p.exclusion.is_none() {
            p.exclusion = Some(Exclusion::DatePart);
        }
    }
}

/// Units of an age: "19-year-old", "17-month-old", "9-yr-old", "3 weeks old".
const AGE_UNITS: &[&str] = &[
    "years", "year", "yrs", "yr", "months", "month", "mos", "mo", "weeks", "week", "wks", "wk",
    "days", "day",
];

/// Whether an age unit and "old" follow the number ending at `e`: "-year-old", " years old",
/// "-month-olds".
fn age_after(text: &str, e: usize) -> bool {
    let b = text.as_bytes();
    let p = if b.get(e) == Some(&b'-') {
        e + 1
    } else {
        skip_ws(text, e)
    };
    let Some(unit) = AGE_UNITS.iter().find(|u| starts_with_ci(text, p, u)) else {
        return false;
    };
    let q = p + unit.len();
    let q = if b.get(q) == Some(&b'-') {
        q + 1
    } else {
        skip_ws(text, q)
    };
    starts_with_ci(text, q, "old") && boundary_at(text, q + 3)
        || starts_with_ci(text, q, "olds") && boundary_at(text, q + 4)
}

/// "Kim, 45, was hurt": a small number set off by commas right after a capitalised name. A
/// list of names and ages ("Lee Powers, 30; Jo Burnett, 21; and Kim Cole, 31 all died") may
/// leave the last one's closing comma out.
fn apposed_age(text: &str, s: usize, e: usize, value: f64) -> bool {
    let b = text.as_bytes();
    let closed = matches!(b.get(e), Some(b',' | b';' | b')'));
    if !(1.0..=120.0).contains(&value) || !closed && !follows_ages_by_semicolons(text, s) {
        return false;
    }
    let before = text[..s].trim_end_matches([' ', '\u{a0}']);
    let Some(name) = before.strip_suffix(',') else {
        return false;
    };
    let word: String = name
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || matches!(c, '\'' | '-' | '.'))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<NumberToken> {
        scan(text, 0..text.len())
    }

    /// The one token of `text`: its text, value and exclusion.
    fn one(text: &str) -> (String, f64, Option<Exclusion>) {
        let toks = all(text);
        assert_eq!(toks.len(), 1, "{text:?}: {toks:?}");
        let t = &toks[0];
        (text[t.span.clone()].to_string(), t.value, t.exclusion)
    }

    macro_rules! values {
        ($($name:ident: $text:expr => $span:expr, $value:expr;)*) => {$(
            #[test]
            fn $name() {
                let (span, value, excl) = one($text);
                assert_eq!(span, $span, "span of {:?}", $text);
                assert_eq!(value, $value as f64, "value of {:?}", $text);
                assert_eq!(excl, None, "exclusion of {:?}", $text);
            }
        )*};
    }

    values! {
        digits: "killed 144 people" => "144", 144;
        comma_thousands: "some 1,500 homes" => "1,500", 1500;
        comma_millions: "1,500,000 voters" => "1,500,000", 1_500_000;
        space_thousands: "with 1 500 troops" => "1 500", 1500;
        decimal: "a magnitude 6.8 quake" => "6.8", 6.8;
        after_a_place_and_comma: "In Dunmore, 31 died" => "31", 31;
        scale_word: "1.5 million people" => "1.5 million", 1_500_000;
        billion: "4 billion people" => "4 billion", 4e9;
        suffix_m: "2.3m people" => "2.3m", 2_300_000;
        suffix_bn: "3bn people" => "3bn", 3e9;
        suffix_k: "12k people" => "12k", 12_000;
        word_four: "four gunmen" => "four", 4;
        word_thirteen: "thirteen people" => "thirteen", 13;
        word_hyphen: "killing ninety-six" => "ninety-six", 96;
        word_space: "killing ninety six people" => "ninety six", 96;
        word_hundreds: "one hundred forty-four victims" => "one hundred forty-four", 144;
        word_and: "one hundred and forty-four victims" => "one hundred and forty-four", 144;
        word_article: "a hundred and twelve dead" => "a hundred and twelve", 112;
        word_thousand: "two thousand troops" => "two thousand", 2000;
        word_dozen: "a dozen people" => "a dozen", 12;
        word_two_dozen: "two dozen people" => "two dozen", 24;
        word_twelve_hundred: "twelve hundred people" => "twelve hundred", 1200;
        word_compound: "two hundred and fifty thousand people" => "two hundred and fifty thousand", 250_000;
        word_million: "one million two hundred thousand" => "one million two hundred thousand", 1_200_000;
        word_case: "Forty-Four people" => "Forty-Four", 44;
        word_one: "killing one person" => "one", 1;
        unicode_neighbour: "élan 144 café" => "144", 144;
    }

    macro_rules! vague {
        ($($name:ident: $text:expr => $span:expr, $lo:expr, $hi:expr;)*) => {$(
            #[test]
            fn $name() {
                let toks = all($text);
                assert_eq!(toks.len(), 1, "{:?}: {toks:?}", $text);
                let t = &toks[0];
                assert_eq!(&$text[t.span.clone()], $span);
                assert_eq!(t.form, Form::Vague);
                assert_eq!(t.vague, Some(($lo as f64, $hi as f64)), "{:?}", $text);
                assert_eq!(t.exclusion, None);
            }
        )*};
    }

    vague! {
        handful: "a handful of people" => "a handful", 2, 5;
        several: "several people" => "several", 3, 9;
        several_hundred: "several hundred people" => "several hundred", 300, 900;
        dozens: "dozens of people" => "dozens", 24, 99;
        scores: "scores of people" => "scores", 40, 99;
        hundreds: "Hundreds died" => "Hundreds", 200, 999;
        thousands: "thousands fled" => "thousands", 2000, 9999;
        tens_of_thousands: "tens of thousands fled" => "tens of thousands", 20_000, 99_999;
        hundreds_of_thousands: "hundreds of thousands fled" => "hundreds of thousands", 200_000, 999_999;
    }

    #[test]
    fn scores_alone_is_not_a_count() {
        assert!(all("he scores a goal").is_empty());
        assert!(all("tens").is_empty());
    }

    #[test]
    fn separators_need_groups_of_three() {
        let toks = all("in 2024 150 people");
        let texts: Vec<_> = toks.iter().map(|t| t.value).collect();
        assert_eq!(texts, vec![2024.0, 150.0]);
        let toks = all("scores 1,2 and 3");
        assert_eq!(
            toks.iter().map(|t| t.value).collect::<Vec<_>>(),
            vec![1.0, 2.0, 3.0]
        );
        let toks = all("1,5000");
        assert_eq!(toks[0].value, 1.0);
    }

    #[test]
    fn and_between_two_numbers_is_not_joined() {
        let toks = all("between one hundred and two hundred people");
        let v: Vec<_> = toks
            .iter()
            .map(|t| {
                (
                    t.value,
                    &"between one hundred and two hundred people"[t.span.clone()],
                )
            })
            .collect();
        assert_eq!(v, vec![(100.0, "one hundred"), (200.0, "two hundred")]);
        let toks = all("between ninety and one hundred");
        assert_eq!(
            toks.iter().map(|t| t.value).collect::<Vec<_>>(),
            vec![90.0, 100.0]
        );
        let toks = all("one hundred and");
        assert_eq!(toks.len(), 1);
        assert_eq!(toks[0].span, 0..11);
    }

    macro_rules! excluded {
        ($($name:ident: $text:expr => $span:expr, $why:expr;)*) => {$(
            #[test]
            fn $name() {
                let toks = all($text);
                let t = toks.iter().find(|t| &$text[t.span.clone()] == $span)
                    .unwrap_or_else(|| panic!("{:?} not in {:?}: {toks:?}", $span, $text));
                assert_eq!(t.exclusion, Some($why), "{:?} in {:?}", $span, $text);
            }
        )*};
    }

    excluded! {
        year_in: "in 2023 the attack" => "2023", Exclusion::Year;
        year_since: "since 2019 there" => "2019", Exclusion::Year;
        year_month: "in March 2024 gunmen" => "2024", Exclusion::Year;
        year_after_date: "on March 22, 2024 gunmen" => "2024", Exclusion::Year;
        year_alone: "2024 was bad" => "2024", Exclusion::LikelyYear;
        year_decade: "the 1990s saw" => "1990s", Exclusion::Year;
        year_mid: "until mid-2023 it" => "2023", Exclusion::Year;
        time_colon: "at 11:30 gunmen" => "11:30", Exclusion::Time;
        time_pm: "at 9 p.m. gunmen" => "9", Exclusion::Time;
        time_pm_glued: "at 9pm gunmen" => "9pm", Exclusion::Time;
        date_day_month: "on 22 March gunmen" => "22", Exclusion::DatePart;
        date_month_day: "on March 22 gunmen" => "22", Exclusion::DatePart;
        date_abbrev: "on Mar. 8 it" => "8", Exclusion::DatePart;
        date_range_tail: "on Mar. 8-10 it" => "10", Exclusion::DatePart;
        date_range_head: "on 8-10 March it" => "8", Exclusion::DatePart;
        date_ordinal: "on the 22nd of March" => "22nd", Exclusion::DatePart;
        iso_date: "on 2024-03-22 it" => "2024", Exclusion::DatePart;
        iso_date_day: "on 2024-03-22 it" => "22", Exclusion::DatePart;
        ordinal_suffix: "the 22nd victim" => "22nd", Exclusion::Ordinal;
        ordinal_word: "the first victim" => "first", Exclusion::Ordinal;
        ordinal_third: "a third attack" => "third", Exclusion::Ordinal;
        ordinal_compound: "the twenty-first victim" => "twenty-first", Exclusion::Ordinal;
        age_aged: "a man aged 19 was" => "19", Exclusion::Age;
        age_year_old: "a 19-year-old man" => "19", Exclusion::Age;
        age_years_old: "he is 19 years old" => "19", Exclusion::Age;
        age_months: "her 17-month-old son" => "17", Exclusion::Age;
        age_apposed_in_a_semicolon_list: "Lee Powers, 30; Jo Burnett, 21; and Kim Cole, 31 all died" => "31", Exclusion::Age;
        age_apposed_before_semicolon: "Lee Powers, 30; Jo Burnett, 21" => "30", Exclusion::Age;
        age_yr_abbreviated: "a 9-yr-old boy" => "9", Exclusion::Age;
        age_weeks_plural: "two 6-week-olds" => "6", Exclusion::Age;
        age_apposed: "Kim, 45, was hurt" => "45", Exclusion::Age;
        age_ages: "ages 13, 17 and 19" => "13", Exclusion::Age;
        age_ages_last: "the others, ages 13, 17 and 19, were" => "19", Exclusion::Age;
        age_between_ages: "four boys between ages 12 and 16 were hurt" => "16", Exclusion::Age;
        list_dot: "intro\n1. First point" => "1", Exclusion::ListNumber;
        list_paren: "  2) Second point" => "2", Exclusion::ListNumber;
        covid: "COVID-19 deaths" => "19", Exclusion::Identifier;
        bomber: "a B-52 bomber" => "52", Exclusion::Identifier;
        fighter: "F-16 jets" => "16", Exclusion::Identifier;
        glued_code: "flight MH17 was" => "17", Exclusion::Identifier;
        number_sign: "Bunker No. 5 was" => "5", Exclusion::Identifier;
        number_sign_nodot: "at No 10 today" => "10", Exclusion::Identifier;
        season: "the 2022-23 season" => "2022", Exclusion::Identifier;
        season_tail: "the 2022-23 season" => "23", Exclusion::Identifier;
        slash: "after 9/11 the" => "9", Exclusion::Identifier;
        measure: "a 10km walk" => "10km", Exclusion::Identifier;
        ticker: "USD89.02 EUR95.74" => "89.02", Exclusion::Ticker;
        ticker_eur: "USD89.02 EUR95.74" => "95.74", Exclusion::Ticker;
        pronoun: "one of the attackers" => "one", Exclusion::Pronoun;
        pronoun_no_one: "no one died" => "one", Exclusion::Pronoun;
        version: "version 1.2.3 out" => "1.2.3", Exclusion::Identifier;
    }

    macro_rules! units {
        ($($name:ident: $text:expr => $span:expr, $value:expr, $unit:expr, $marker:expr;)*) => {$(
            #[test]
            fn $name() {
                let toks = all($text);
                assert_eq!(toks.len(), 1, "{:?}: {toks:?}", $text);
                let t = &toks[0];
                assert_eq!(&$text[t.span.clone()], $span);
                assert_eq!(t.value, $value as f64);
                assert_eq!(t.unit, $unit);
                let marker = t.unit_span.clone().map(|u| &$text[u]);
                assert_eq!(marker, $marker);
            }
        )*};
    }

    units! {
        dollars_symbol: "cost $4.2 million" => "4.2 million", 4_200_000, NumUnit::Money("USD"), Some("$");
        euro_suffix: "cost €3bn" => "3bn", 3e9, NumUnit::Money("EUR"), Some("€");
        euros_after: "cost 4.2m euros" => "4.2m", 4_200_000, NumUnit::Money("EUR"), Some(" euros");
        code_before: "cost USD 12,000" => "12,000", 12_000, NumUnit::Money("USD"), Some("USD");
        us_dollar: "cost US$5 now" => "5", 5, NumUnit::Money("USD"), Some("US$");
        of_dollars: "millions of dollars" => "millions", 2e6, NumUnit::Money("USD"), Some(" of dollars");
        percent_sign: "rose 12% in" => "12", 12, NumUnit::Percent, Some("%");
        per_cent: "rose 12 per cent in" => "12", 12, NumUnit::Percent, Some("per cent");
        percent_word: "rose 12 percent in" => "12", 12, NumUnit::Percent, Some("percent");
        plain: "killed 12 in" => "12", 12, NumUnit::Plain, None;
    }

    #[test]
    fn currency_codes() {
        assert_eq!(currency_code("€"), Some("EUR"));
        assert_eq!(currency_code("US$"), Some("USD"));
        assert_eq!(currency_code("Roubles"), Some("RUB"));
        assert_eq!(currency_code("people"), None);
        assert_eq!(currency_code("a very long word indeed"), None);
    }

    #[test]
    fn not_numbers() {
        assert!(all("a man and a woman").is_empty());
        assert!(all("someone, anyone, nonetheless").is_empty());
        assert!(all("").is_empty());
        // "may" is a modal, not the month: 5 is a count.
        assert_eq!(all("it may 5 times")[0].exclusion, None);
    }

    #[test]
    fn window_limits_starts_but_context_is_global() {
        let text = "in March 22 people died, 144 in all";
        let toks = scan(text, 12..text.len());
        assert_eq!(toks.len(), 1);
        assert_eq!(toks[0].value, 144.0);
        // Out-of-range and mid-char windows are clamped, never panic.
        let text = "Türkiye 5";
        assert_eq!(scan(text, 2..100).len(), 1);
        assert!(scan(text, 50..60).is_empty());
    }
}
