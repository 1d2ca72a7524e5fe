//! The date grammar: finds written dates in normalized text, with exact byte spans.
//!
//! Pure and hand-written: the text is cut into ASCII words, digit runs and single punctuation
//! marks ([`lex`]), and a small recursive-descent grammar is tried at each word or number.
//! Every span therefore starts and ends on a token boundary, which is always a char boundary.
//! No regex: anchoring on month names and digits is faster and lets each guard say exactly
//! what it rejects.
//!
//! Input is text as `source` produces it for matching: ASCII quotes, `-` for every dash,
//! plain spaces; a blank line is a hard boundary no date may cross.
//!
//! # Forms
//!
//! `22 March`, `22nd of March`, `March 22`, `March 22nd`, `March 22, 2024`, `22 March 2024`,
//! `22 March, 2024`; month abbreviations `Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec`
//! with or without a dot; ranges `8-10 March`, `Mar. 8-10`, `March 8 to 10`,
//! `between 8 and 10 March`, `from 8 to 10 March`, `8 March - 10 April 2024`,
//! `March 8 - April 10, 2024`; month and year `August 2022`; ISO `2024-03-22` (and the ISO
//! interval `2024-03-08/2024-03-10`); numeric
//! `03/08/2024`, `3.8.2024`, `3-8-2024` only when a [`DateOrder`] is given. A weekday may lead
//! (`Friday, 22 March 2024`, `Fri 22 March`, `Fri. March 22`), and a time-of-day qualifier
//! before it is kept but does not change the value (`on the evening of`, `the night of`,
//! `in the early hours of`, `early on`, `late on`).
//!
//! # Decisions and guards
//!
//! * **Case.** Month and weekday words count only in Title case or ALL CAPS (`March`,
//!   `MARCH`); lowercase `march`/`may` never make a date. News style always capitalizes
//!   months, and lowercase is exactly where the verb and the modal live ("they may 5",
//!   "protesters march 22 km"). Function words (`from`, `to`, `of`, `the`, ...) take any case.
//! * **A month word needs a day or a four-digit year beside it**: "in May", "the March
//!   rally" give nothing; `May 2024`, `May 5` are dates.
//! * **Years** are four digits, 1000–2999. Two-digit years (`'24`) are not supported: they
//!   are rare in news copy and collide with figures. A number out of range is simply not a
//!   year (`22 March 3024` reads as `22 March`).
//! * **Numbers must stand alone**: a day or year glued to letters, digits, a decimal point, a
//!   thousands comma, a time colon, a `%` or a hyphenated word is not a date part
//!   (`1,500 March`, `22.5 March`, `March 8-year-old`, `March 10:30`).
//! * **Invalid days** (`31 February`, `31 April 2024`, `March 32`) give no token, and the
//!   words they span are not re-read as a shorter date (`April 2024` is not taken from
//!   `31 April 2024`).
//! * **Ranges** run forwards; only a range across New Year may wrap (`28 December - 2
//!   January`). The year written on one end is shared by both. `8 and 10 March` is two days,
//!   not a range: `and` makes a range only after `between`. A spaced dash after a month-first
//!   day followed by a lowercase word is read as punctuation, not a range (`March 8 - 10
//!   people died` is `March 8`).
//! * **Relative and anaphoric dates** (`yesterday`, `last Friday`, `the same day`, `two weeks
//!   earlier`) contain no month name or date number, so they never produce a token; a weekday
//!   alone is not a date.
//! * **Bare years** (`in 2022`) are off by default, being too vague to be a fact date;
//!   [`ScanOptions::bare_years`] reads a year right after `in`, `during`, `since`, `until`.
//! * Known limits: `On March 22, 1500 people ...` reads 1500 as the year (news style writes
//!   `1,500`, which the thousands guard handles); `In March 22 people ...` reads `March 22`
//!   (news style puts a comma after the month).

use std::ops::Range;

use serde::Serialize;

use crate::rules::DateOrder;
use crate::value::date::{
    DateValue, Inferred, MAX_YEAR, MIN_YEAR, MONTH_NAMES, PartialDate, Weekday, WeekdayCheck,
    YearContext, YearSource, check_weekday, infer_year,
};

/// What the scanner may read beyond the default forms.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanOptions {
    /// Field order for numeric dates (`03/08/2024`); `None` ignores numeric dates.
    pub order: Option<DateOrder>,
    /// Whether a year alone after `in`/`during`/`since`/`until` is a date.
    pub bare_years: bool,
}

/// A time-of-day or part-of-day qualifier: kept for display, ignored for comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// `the morning of`.
    Morning,
    /// `the afternoon of`.
    Afternoon,
    /// `the evening of`.
    Evening,
    /// `the night of`.
    Night,
    /// `the early hours of`.
    EarlyHours,
    /// `early on`.
    Early,
    /// `late on`.
    Late,
}

/// Which written form a date token has (the form of its first end, for a range).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateForm {
    /// `22 March [2024]`.
    DayMonth,
    /// `March 22[, 2024]`.
    MonthDay,
    /// `March 2024`.
    MonthYear,
    /// `2024-03-22`.
    Iso,
    /// `03/08/2024` with a given order.
    Numeric,
    /// `2022` alone (only with [`ScanOptions::bare_years`]).
    Year,
}

/// Something found next to a date, with its own span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marked<T> {
    /// What it is.
    pub kind: T,
    /// Its bytes in the scanned text.
    pub span: Range<usize>,
}

/// One date found in text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateToken {
    /// The weekday (if any) and the date: `Friday, 22 March 2024`, `between 8 and 10 March`.
    pub span: Range<usize>,
    /// The date proper, without the weekday: `22 March 2024`.
    pub date_span: Range<usize>,
    /// What the text says, years only where written.
    pub value: DateValue,
    /// The written form.
    pub form: DateForm,
    /// Whether a year was written (for a range: on either end).
    pub year_written: bool,
    /// A qualifier before the date (`on the evening of`), with its span.
    pub qualifier: Option<Marked<Qualifier>>,
    /// A weekday before the date (`Friday`), with the span of the word (and its dot).
    pub weekday: Option<Marked<Weekday>>,
}

impl DateToken {
    /// From the qualifier (or weekday, or date) to the end of the date.
    pub fn full_span(&self) -> Range<usize> {
        let start = self
            .qualifier
            .as_ref()
            .map_or(self.span.start, |q| q.span.start);
        start..self.span.end
    }

    /// `Written` or `Unknown`, before any inference.
    pub fn year_source(&self) -> YearSource {
        if self.year_written {
            YearSource::Written
        } else {
            YearSource::Unknown
        }
    }

    /// The value with its year inferred (rule, then document date), and where it came from.
    pub fn resolve(&self, ctx: &YearContext) -> Inferred {
        infer_year(self.value, ctx)
    }

    /// Checks the written weekday against `resolved` (this token's value after year
    /// inference; for a range, its first day). `None` when no weekday was written.
    pub fn weekday_check(&self, resolved: &DateValue) -> Option<WeekdayCheck> {
        let written = self.weekday.as_ref()?.kind;
        Some(check_weekday(written, &resolved.start()))
    }
}

/// All dates in `text`, left to right, never overlapping (leftmost, then longest).
pub fn scan(text: &str, opts: &ScanOptions) -> Vec<DateToken> {
    Scanner::new(text, *opts).run()
}

/// The dates inside `text[window]`, with spans in `text`'s coordinates. The window is
/// clamped to the text and shrunk to char boundaries; words outside it are not seen (a
/// `between` just before the window does not make a range).
pub fn scan_in(text: &str, window: Range<usize>, opts: &ScanOptions) -> Vec<DateToken> {
    let mut start = window.start.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = window.end.min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let shift = |r: Range<usize>| r.start + start..r.end + start;
    scan(slice, opts)
        .into_iter()
        .map(|t| DateToken {
            span: shift(t.span),
            date_span: shift(t.date_span),
            qualifier: t.qualifier.map(|q| Marked {
                kind: q.kind,
                span: shift(q.span),
            }),
            weekday: t.weekday.map(|w| Marked {
                kind: w.kind,
                span: shift(w.span),
            }),
            ..t
        })
        .collect()
}

/// The tokens (as returned by [`scan`], so sorted and disjoint) whose `span` lies inside
/// `window`: for binding code that scans a document once and asks per sentence or frame.
pub fn within(tokens: &[DateToken], window: Range<usize>) -> &[DateToken] {
    let lo = tokens.partition_point(|t| t.span.start < window.start);
    let rest = tokens.get(lo..).unwrap_or_default();
    let n = rest.partition_point(|t| t.span.end <= window.end);
    rest.get(..n).unwrap_or_default()
}

/// `text` read as exactly one date (surrounding whitespace allowed), qualifier included: for
/// rule examples and round-trip tests.
pub fn parse_exact(text: &str, opts: &ScanOptions) -> Option<DateToken> {
    let mut tokens = scan(text, opts);
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    match tokens.pop() {
        Some(t) if tokens.is_empty() && t.full_span() == (start..end) => Some(t),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Lexer

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// ASCII letters.
    Word,
    /// ASCII digits.
    Num,
    /// One ASCII punctuation byte.
    Punct(u8),
    /// One non-ASCII char.
    Other,
}

/// Whitespace before a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Glued to the previous token.
    None,
    /// Spaces or a single line break.
    Space,
    /// A blank line: a block boundary.
    Break,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
    gap: Gap,
}

fn lex(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    let mut gap = Gap::None;
    let mut newlines = 0;
    while let Some(&c) = bytes.get(i) {
        if matches!(c, b' ' | b'\t' | b'\r' | b'\n') {
            newlines += usize::from(c == b'\n');
            gap = if newlines >= 2 {
                Gap::Break
            } else {
                Gap::Space
            };
            i += 1;
            continue;
        }
        let start = i;
        let run = |i: &mut usize, f: fn(&u8) -> bool| {
            while bytes.get(*i).is_some_and(f) {
                *i += 1;
            }
        };
        let kind = if c.is_ascii_alphabetic() {
            run(&mut i, u8::is_ascii_alphabetic);
            Kind::Word
        } else if c.is_ascii_digit() {
            run(&mut i, u8::is_ascii_digit);
            Kind::Num
        } else if c.is_ascii() {
            i += 1;
            Kind::Punct(c)
        } else {
            // i is on a char boundary: we only ever step over ASCII bytes or whole chars.
            i += text
                .get(i..)
                .and_then(|s| s.chars().next())
                .map_or(1, char::len_utf8);
            Kind::Other
        };
        toks.push(Tok {
            kind,
            start,
            end: i,
            gap,
        });
        gap = Gap::None;
        newlines = 0;
    }
    toks
}

// ---------------------------------------------------------------------------------------
// Words

const MONTH_ABBRS: [(&str, u8); 12] = [
    ("Jan", 1),
    ("Feb", 2),
    ("Mar", 3),
    ("Apr", 4),
    ("Jun", 6),
    ("Jul", 7),
    ("Aug", 8),
    ("Sep", 9),
    ("Sept", 9),
    ("Oct", 10),
    ("Nov", 11),
    ("Dec", 12),
];

const WEEKDAY_ABBRS: [(&str, Weekday); 10] = [
    ("Mon", Weekday::Monday),
    ("Tue", Weekday::Tuesday),
    ("Tues", Weekday::Tuesday),
    ("Wed", Weekday::Wednesday),
    ("Thu", Weekday::Thursday),
    ("Thur", Weekday::Thursday),
    ("Thurs", Weekday::Thursday),
    ("Fri", Weekday::Friday),
    ("Sat", Weekday::Saturday),
    ("Sun", Weekday::Sunday),
];

/// `w` is `canon` (Title case) or its ALL CAPS form; lowercase never matches (see the guards).
fn cased(w: &str, canon: &str) -> bool {
    w == canon
        || (w.len() == canon.len()
            && w.bytes()
                .zip(canon.bytes())
                .all(|(a, b)| a == b.to_ascii_uppercase()))
}

/// A month word: `(month, abbreviated)`.
fn month_word(w: &str) -> Option<(u8, bool)> {
    if let Some(i) = MONTH_NAMES.iter().position(|n| cased(w, n)) {
        return u8::try_from(i + 1).ok().map(|m| (m, false));
    }
    MONTH_ABBRS
        .iter()
        .find(|(a, _)| cased(w, a))
        .map(|&(_, m)| (m, true))
}

/// A weekday word: `(weekday, abbreviated)`.
fn weekday_word(w: &str) -> Option<(Weekday, bool)> {
    if let Some(&d) = Weekday::ALL.iter().find(|d| cased(w, d.name())) {
        return Some((d, false));
    }
    WEEKDAY_ABBRS
        .iter()
        .find(|(a, _)| cased(w, a))
        .map(|&(_, d)| (d, true))
}

/// How a range is introduced: it decides which separators count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    None,
    From,
    Between,
}

/// A parse of the date proper starting at some token.
#[derive(Debug, Clone, Copy)]
struct Cand {
    /// One past the last token.
    end: usize,
    /// `None`: well formed but not a real date (`31 February`); it blocks shorter readings.
    value: Option<DateValue>,
    form: DateForm,
    year_written: bool,
}

struct Scanner<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    opts: ScanOptions,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, opts: ScanOptions) -> Scanner<'a> {
        Scanner {
            text,
            toks: lex(text),
            opts,
        }
    }

    fn run(&self) -> Vec<DateToken> {
        let mut out = Vec::new();
        let mut cands = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            match self.match_at(i, &mut cands) {
                Some((token, next)) => {
                    out.extend(token);
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }

    // -- token access; every index is checked, so no input can make us panic --

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.tok(i).map(|t| t.kind)
    }

    fn gap(&self, i: usize) -> Option<Gap> {
        self.tok(i).map(|t| t.gap)
    }

    /// Token `i` is glued to the one before.
    fn glued(&self, i: usize) -> bool {
        self.gap(i) == Some(Gap::None)
    }

    /// Token `i` is separated from the one before by spaces (not a blank line).
    fn spaced(&self, i: usize) -> bool {
        self.gap(i) == Some(Gap::Space)
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        let t = self.tok(i)?;
        if t.kind == Kind::Word {
            self.text.get(t.start..t.end)
        } else {
            None
        }
    }

    /// A function word, any case, spaced from what precedes it.
    fn keyword(&self, i: usize, words: &[&str]) -> bool {
        self.word(i)
            .is_some_and(|w| words.iter().any(|k| w.eq_ignore_ascii_case(k)))
    }

    fn punct(&self, i: usize, c: u8) -> bool {
        self.kind(i) == Some(Kind::Punct(c))
    }

    /// A digit run: `(value, digits)`; runs longer than 4 digits have no value for us.
    fn num(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        let digits = t.end - t.start;
        if t.kind != Kind::Num || digits > 4 {
            return None;
        }
        Some((self.text.get(t.start..t.end)?.parse().ok()?, digits))
    }

    /// A non-ASCII char token that is a letter or digit (so it glues like a word).
    fn other_alnum(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| {
            t.kind == Kind::Other
                && self
                    .text
                    .get(t.start..t.end)
                    .and_then(|s| s.chars().next())
                    .is_some_and(char::is_alphanumeric)
        })
    }

    fn wordlike(&self, i: usize) -> bool {
        matches!(self.kind(i), Some(Kind::Word | Kind::Num)) || self.other_alnum(i)
    }

    // -- boundary guards --

    /// Whether a date may start at token `i` given what is glued before it.
    fn clean_before(&self, i: usize) -> bool {
        if i == 0 || !self.glued(i) {
            return true;
        }
        let prev = i - 1;
        if self.wordlike(prev) {
            return false; // "A22 March", "22March"
        }
        if self.kind(i) != Some(Kind::Num) {
            return true;
        }
        match self.kind(prev) {
            // "$22", "#22", "+22"
            Some(Kind::Punct(b'$' | b'#' | b'+')) => false,
            // "1.22", "1,22", "10:22", "3/22", "2023-22": a number continues
            Some(Kind::Punct(b'.' | b',' | b':' | b'/' | b'-')) => {
                !(prev > 0 && self.glued(prev) && self.wordlike(prev - 1))
            }
            _ => true,
        }
    }

    /// Whether a date may end just before token `next`.
    fn clean_after(&self, next: usize) -> bool {
        if !self.glued(next) {
            return true; // spaced, or the end of the text
        }
        if self.wordlike(next) {
            return false; // "22ndx", "March2024", "2024a"
        }
        let last_is_num = next > 0 && self.kind(next - 1) == Some(Kind::Num);
        let glued_on = |k: usize| self.glued(k) && self.wordlike(k);
        match self.kind(next) {
            // decimal, thousands, time of day, fraction: the number goes on ("22.5", "10:30");
            // a letter after the stop is only a missing space ("22 March.The")
            Some(Kind::Punct(b'.' | b',' | b':' | b'/')) => {
                !(self.glued(next + 1) && self.kind(next + 1) == Some(Kind::Num))
            }
            // "2024-25", "8-year-old", "March-based"
            Some(Kind::Punct(b'-')) => !glued_on(next + 1),
            Some(Kind::Punct(b'%')) => !last_is_num,
            // "the 1990's"
            Some(Kind::Punct(b'\'')) => !last_is_num,
            _ => true,
        }
    }

    // -- pieces --

    /// A month word, with the dot of an abbreviation: `(month, next)`.
    fn month_at(&self, i: usize) -> Option<(u8, usize)> {
        let (m, abbr) = month_word(self.word(i)?)?;
        if abbr && self.punct(i + 1, b'.') && self.glued(i + 1) {
            Some((m, i + 2))
        } else {
            Some((m, i + 1))
        }
    }

    /// A day number 1–31 (one or two digits) with an optional ordinal suffix: `(day, next)`.
    fn day_at(&self, i: usize) -> Option<(u8, usize)> {
        let (v, digits) = self.num(i)?;
        if digits > 2 || !(1..=31).contains(&v) {
            return None;
        }
        let day = u8::try_from(v).ok()?;
        let suffix = self.word(i + 1).is_some_and(|w| {
            ["st", "nd", "rd", "th"].iter().any(|s| {
                w == *s || w.eq_ignore_ascii_case(s) && w.bytes().all(|b| b.is_ascii_uppercase())
            })
        });
        if suffix && self.glued(i + 1) {
            Some((day, i + 2))
        } else {
            Some((day, i + 1))
        }
    }

    /// A four-digit year 1000–2999.
    fn year_at(&self, i: usize) -> Option<i32> {
        let (v, digits) = self.num(i)?;
        let y = i32::try_from(v).ok()?;
        (digits == 4 && (MIN_YEAR..=MAX_YEAR).contains(&y)).then_some(y)
    }

    /// A year after a date part ending before token `k`: ` 2024` or `, 2024`.
    fn year_after(&self, k: usize) -> Option<(i32, usize)> {
        if self.spaced(k) {
            return self.year_at(k).map(|y| (y, k + 1));
        }
        if self.punct(k, b',') && self.glued(k) && self.spaced(k + 1) {
            return self.year_at(k + 1).map(|y| (y, k + 2));
        }
        None
    }

    /// A range separator at `k`: `(next, spaced_dash)`.
    fn sep_at(&self, k: usize, lead: Lead) -> Option<(usize, bool)> {
        if self.gap(k) == Some(Gap::Break) {
            return None;
        }
        if self.punct(k, b'-') {
            let next_gap = self.gap(k + 1)?;
            if next_gap == Gap::Break {
                return None;
            }
            let spaced = self.spaced(k) || next_gap == Gap::Space;
            return Some((k + 1, spaced));
        }
        let words: &[&str] = match lead {
            Lead::Between => &["and"],
            Lead::From => &["to", "until", "through", "till"],
            Lead::None => &["to", "through", "until"],
        };
        (self.spaced(k) && self.keyword(k, words) && self.spaced(k + 1)).then_some((k + 1, false))
    }

    /// `of` between a day and its month, if present.
    fn skip_of(&self, k: usize) -> usize {
        if self.spaced(k) && self.keyword(k, &["of"]) {
            k + 1
        } else {
            k
        }
    }

    /// A month word spaced after a day.
    fn spaced_month(&self, k: usize) -> Option<(u8, usize)> {
        let k = self.skip_of(k);
        if self.spaced(k) {
            self.month_at(k)
        } else {
            None
        }
    }

    /// A day spaced after a month word.
    fn spaced_day(&self, k: usize) -> Option<(u8, usize)> {
        if self.spaced(k) { self.day_at(k) } else { None }
    }

    fn single(&self, end: usize, date: PartialDate, form: DateForm) -> Cand {
        Cand {
            end,
            value: date.is_valid().then_some(DateValue::single(date)),
            form,
            year_written: date.year.is_some(),
        }
    }

    fn range(&self, end: usize, from: PartialDate, to: PartialDate, form: DateForm) -> Cand {
        Cand {
            end,
            value: range_value(from, to),
            form,
            year_written: from.year.is_some() || to.year.is_some(),
        }
    }

    // -- forms --

    fn iso(&self, s: usize, out: &mut Vec<Cand>) {
        let Some(y) = self.year_at(s) else { return };
        let two = |i: usize| match self.num(i) {
            Some((v, 2)) if self.glued(i) => u8::try_from(v).ok(),
            _ => None,
        };
        let dash = |i: usize| self.punct(i, b'-') && self.glued(i);
        if dash(s + 1)
            && dash(s + 3)
            && let (Some(m), Some(d)) = (two(s + 2), two(s + 4))
        {
            let from = PartialDate::ymd(y, m, d);
            out.push(self.single(s + 5, from, DateForm::Iso));
            // 2024-03-08/2024-03-10, the ISO 8601 interval
            let t = s + 6;
            if self.punct(s + 5, b'/')
                && self.glued(s + 5)
                && self.glued(t)
                && let Some(y2) = self.year_at(t)
                && dash(t + 1)
                && dash(t + 3)
                && let (Some(m2), Some(d2)) = (two(t + 2), two(t + 4))
            {
                out.push(self.range(t + 5, from, PartialDate::ymd(y2, m2, d2), DateForm::Iso));
            }
        }
    }

    fn numeric(&self, s: usize, out: &mut Vec<Cand>) {
        let Some(order) = self.opts.order else { return };
        let small = |i: usize| match self.num(i) {
            Some((v, 1 | 2)) => u8::try_from(v).ok(),
            _ => None,
        };
        let Some(Kind::Punct(sep)) = self.kind(s + 1) else {
            return;
        };
        if !matches!(sep, b'/' | b'.' | b'-') || !(s + 1..s + 5).all(|i| self.glued(i)) {
            return;
        }
        if let (Some(a), Some(b), true, Some(y)) = (
            small(s),
            small(s + 2),
            self.punct(s + 3, sep),
            self.year_at(s + 4),
        ) {
            let (m, d) = match order {
                DateOrder::Dmy => (b, a),
                DateOrder::Mdy => (a, b),
            };
            out.push(self.single(s + 5, PartialDate::ymd(y, m, d), DateForm::Numeric));
        }
    }

    /// `22 March [2024]`, `8-10 March [2024]`, `8 March [2024] - 10 April [2024]`.
    fn day_first(&self, s: usize, lead: Lead, out: &mut Vec<Cand>) {
        let form = DateForm::DayMonth;
        let Some((d1, k)) = self.day_at(s) else {
            return;
        };
        // 8-10 March [2024]
        if let Some((k2, _)) = self.sep_at(k, lead)
            && let Some((d2, k3)) = self.day_at(k2)
            && let Some((m, k4)) = self.spaced_month(k3)
        {
            out.push(self.range(k4, PartialDate::md(m, d1), PartialDate::md(m, d2), form));
            if let Some((y, k5)) = self.year_after(k4) {
                let (from, to) = (PartialDate::ymd(y, m, d1), PartialDate::ymd(y, m, d2));
                out.push(self.range(k5, from, to, form));
            }
        }
        let Some((m1, k1)) = self.spaced_month(k) else {
            return;
        };
        let first = PartialDate::md(m1, d1);
        let mut heads = vec![(k1, first)];
        if let Some((y, ky)) = self.year_after(k1) {
            heads.push((
                ky,
                PartialDate {
                    year: Some(y),
                    ..first
                },
            ));
        }
        for (end, from) in heads {
            out.push(self.single(end, from, form));
            // ... - 10 April [2024]
            if let Some((k2, _)) = self.sep_at(end, lead)
                && let Some((d2, k3)) = self.day_at(k2)
                && let Some((m2, k4)) = self.spaced_month(k3)
            {
                out.push(self.range(k4, from, PartialDate::md(m2, d2), form));
                if let Some((y, k5)) = self.year_after(k4) {
                    out.push(self.range(k5, from, PartialDate::ymd(y, m2, d2), form));
                }
            }
        }
    }

    /// `March 22[, 2024]`, `March 2024`, `Mar. 8-10[, 2024]`, `March 8 - April 10[, 2024]`.
    fn month_first(&self, s: usize, lead: Lead, out: &mut Vec<Cand>) {
        let form = DateForm::MonthDay;
        let Some((m1, k)) = self.month_at(s) else {
            return;
        };
        if lead == Lead::None
            && self.spaced(k)
            && let Some(y) = self.year_at(k)
        {
            out.push(self.single(k + 1, PartialDate::ym(y, m1), DateForm::MonthYear));
        }
        let Some((d1, k1)) = self.spaced_day(k) else {
            return;
        };
        let first = PartialDate::md(m1, d1);
        let mut heads = vec![(k1, first)];
        if let Some((y, ky)) = self.year_after(k1) {
            heads.push((
                ky,
                PartialDate {
                    year: Some(y),
                    ..first
                },
            ));
        }
        for (end, from) in heads {
            out.push(self.single(end, from, form));
            let Some((k2, spaced_dash)) = self.sep_at(end, lead) else {
                continue;
            };
            // March 8-10 [, 2024]
            if from.year.is_none()
                && let Some((d2, k3)) = self.day_at(k2)
            {
                let to = PartialDate::md(m1, d2);
                let year = self.year_after(k3);
                // "March 8 - 10 people died": a spaced dash then a lowercase word is prose.
                let prose = spaced_dash
                    && year.is_none()
                    && self.spaced(k3)
                    && self
                        .word(k3)
                        .is_some_and(|w| w.bytes().next().is_some_and(|b| b.is_ascii_lowercase()));
                if !prose {
                    out.push(self.range(k3, from, to, form));
                }
                if let Some((y, k4)) = year {
                    let (f, t) = (from.or_year(y), to.or_year(y));
                    out.push(self.range(k4, f, t, form));
                }
            }
            // March 8 - April 10[, 2024]
            if let Some((m2, k3)) = self.month_at(k2)
                && let Some((d2, k4)) = self.spaced_day(k3)
            {
                let to = PartialDate::md(m2, d2);
                out.push(self.range(k4, from, to, form));
                if let Some((y, k5)) = self.year_after(k4) {
                    out.push(self.range(k5, from, to.or_year(y), form));
                }
            }
        }
    }

    /// A qualifier at `i`: `(qualifier, next)`.
    fn qualifier_at(&self, i: usize) -> Option<(Qualifier, usize)> {
        let mut j = i;
        if self.keyword(j, &["on", "in"]) {
            j += 1;
        }
        let the = self.keyword(j, &["the"]);
        if the {
            j += 1;
        }
        let of_at = |k: usize| self.spaced(k) && self.keyword(k, &["of"]);
        let kind = if the {
            const PARTS: [(&str, Qualifier); 4] = [
                ("morning", Qualifier::Morning),
                ("afternoon", Qualifier::Afternoon),
                ("evening", Qualifier::Evening),
                ("night", Qualifier::Night),
            ];
            let w = self.word(j)?;
            if let Some(&(_, q)) = PARTS.iter().find(|(p, _)| w.eq_ignore_ascii_case(p)) {
                q
            } else if w.eq_ignore_ascii_case("early")
                && self.spaced(j + 1)
                && self.keyword(j + 1, &["hours"])
                && of_at(j + 2)
                && (i + 1..=j).all(|k| self.spaced(k))
            {
                return Some((Qualifier::EarlyHours, j + 3));
            } else {
                return None;
            }
        } else {
            if j != i {
                return None; // "on early ..." is not a qualifier
            }
            let kind = if self.keyword(j, &["early"]) {
                Qualifier::Early
            } else if self.keyword(j, &["late"]) {
                Qualifier::Late
            } else {
                return None;
            };
            return (self.spaced(j + 1) && self.keyword(j + 1, &["on"])).then_some((kind, j + 2));
        };
        // every word of the phrase is spaced from the previous one
        if (i + 1..=j).any(|k| !self.spaced(k)) || !of_at(j + 1) {
            return None;
        }
        Some((kind, j + 2))
    }

    /// A weekday at `i`: `(weekday, next token of its span, next after a comma)`.
    fn weekday_at(&self, i: usize) -> Option<(Weekday, usize, usize)> {
        let (day, abbr) = weekday_word(self.word(i)?)?;
        let mut end = i + 1;
        if abbr && self.punct(end, b'.') && self.glued(end) {
            end += 1;
        }
        let next = if self.punct(end, b',') && self.glued(end) {
            end + 1
        } else {
            end
        };
        Some((day, end, next))
    }

    fn span_of(&self, first: usize, end: usize) -> Option<Range<usize>> {
        Some(self.tok(first)?.start..self.tok(end.checked_sub(1)?)?.end)
    }

    /// The date (or bare year) starting at token `i`, if any, and the token after it. A
    /// `None` token with `Some(next)` means "well formed but invalid: skip these words".
    fn match_at(&self, i: usize, cands: &mut Vec<Cand>) -> Option<(Option<DateToken>, usize)> {
        if !matches!(self.kind(i), Some(Kind::Word | Kind::Num)) || !self.clean_before(i) {
            return None;
        }
        let (qualifier, j) = match self.qualifier_at(i) {
            Some((q, next)) if self.spaced(next) => (Some((q, i, next)), next),
            _ => (None, i),
        };
        let (weekday, k) = match self.weekday_at(j) {
            Some((d, end, next)) if self.spaced(next) => (Some((d, j, end)), next),
            _ => (None, j),
        };
        let (lead, s) = if weekday.is_none() && self.spaced(k + 1) {
            if self.keyword(k, &["from"]) {
                (Lead::From, k + 1)
            } else if self.keyword(k, &["between"]) {
                (Lead::Between, k + 1)
            } else {
                (Lead::None, k)
            }
        } else {
            (Lead::None, k)
        };
        cands.clear();
        if lead == Lead::None {
            // "from"/"between" introduce only the word ranges below
            self.iso(s, cands);
            self.numeric(s, cands);
        }
        self.day_first(s, lead, cands);
        self.month_first(s, lead, cands);
        cands.retain(|c| {
            self.clean_after(c.end)
                && (lead == Lead::None || c.value.is_none_or(|v| v.is_range()))
                && (weekday.is_none() || c.form != DateForm::MonthYear)
        });
        // Longest wins; among equals, a valid one, then the first pushed (the grammar's
        // preference). If the longest reading is not a real date ("February 29, 2023",
        // "31 April 2024"), its words give nothing rather than a shorter, wrong reading.
        let best = cands.iter().fold(None::<&Cand>, |b, c| match b {
            Some(b)
                if b.end > c.end
                    || (b.end == c.end && (b.value.is_some() || c.value.is_none())) =>
            {
                Some(b)
            }
            _ => Some(c),
        });
        let Some(best) = best else {
            if qualifier.is_none() && weekday.is_none() && lead == Lead::None {
                return self.bare_year(i);
            }
            return None;
        };
        if best.value.is_none() {
            return (qualifier.is_none() && weekday.is_none() && lead == Lead::None)
                .then_some((None, best.end));
        }
        let value = best.value?;
        let date_start = if lead == Lead::None { s } else { k };
        let date_span = self.span_of(date_start, best.end)?;
        let weekday = match weekday {
            Some((d, first, end)) => Some(Marked {
                kind: d,
                span: self.span_of(first, end)?,
            }),
            None => None,
        };
        let qualifier = match qualifier {
            Some((q, first, end)) => Some(Marked {
                kind: q,
                span: self.span_of(first, end)?,
            }),
            None => None,
        };
        let start = weekday.as_ref().map_or(date_span.start, |w| w.span.start);
        let token = DateToken {
            span: start..date_span.end,
            date_span,
            value,
            form: best.form,
            year_written: best.year_written,
            qualifier,
            weekday,
        };
        Some((Some(token), best.end))
    }

    /// `in 2022` with [`ScanOptions::bare_years`]: the year alone is the token.
    fn bare_year(&self, i: usize) -> Option<(Option<DateToken>, usize)> {
        if !self.opts.bare_years
            || !self.keyword(i, &["in", "during", "since", "until"])
            || !self.spaced(i + 1)
            || !self.clean_after(i + 2)
        {
            return None;
        }
        let y = self.year_at(i + 1)?;
        let span = self.span_of(i + 1, i + 2)?;
        let token = DateToken {
            span: span.clone(),
            date_span: span,
            value: DateValue::single(PartialDate::y(y)),
            form: DateForm::Year,
            year_written: true,
            qualifier: None,
            weekday: None,
        };
        Some((Some(token), i + 2))
    }
}

/// The value of a written range, or `None` if it is not a real forward range. An end without
/// a year takes the other's; without years, only a range across New Year may run "backwards"
/// (`28 December - 2 January`), and then by at most two months each side.
fn range_value(from: PartialDate, to: PartialDate) -> Option<DateValue> {
    if !from.is_valid() || !to.is_valid() {
        return None;
    }
    if from.year.is_none() || to.year.is_none() {
        let (m1, d1, m2, d2) = (from.month?, from.day?, to.month?, to.day?);
        let forward = (m1, d1) < (m2, d2);
        let wraps = m1 > m2 && m1 >= 11 && m2 <= 2;
        if !forward && !wraps {
            return None;
        }
    }
    let value = DateValue::Range { from, to };
    let value = if from.year.is_some() != to.year.is_some() {
        value.with_year(0) // the unknown end borrows the known end's year
    } else {
        value
    };
    let value = DateValue::range(value.start(), value.end());
    (value.is_valid() && value.is_range()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::date::parse_iso;

    /// One line per token: `span text => iso value`, then qualifier and weekday with their
    /// own span texts. Comparing these strings checks values and exact spans at once.
    fn describe(text: &str, t: &DateToken) -> String {
        let mut s = format!("{} => {}", &text[t.span.clone()], t.value.to_iso());
        if let Some(q) = &t.qualifier {
            s += &format!(" q:{:?}({})", q.kind, &text[q.span.clone()]);
        }
        if let Some(w) = &t.weekday {
            s += &format!(" wd:{}({})", w.kind, &text[w.span.clone()]);
        }
        s
    }

    fn check(text: &str, opts: &ScanOptions, want: &[&str]) {
        let got: Vec<String> = scan(text, opts).iter().map(|t| describe(text, t)).collect();
        assert_eq!(got, want, "scanning {text:?}");
    }

    macro_rules! scan_table {
        ($($name:ident: $text:expr => [$($want:expr),* $(,)?];)*) => {
            $(
                #[test]
                fn $name() {
                    check($text, &ScanOptions::default(), &[$($want),*]);
                }
            )*
        };
    }

    scan_table! {
        // -- forms --
        day_month: "It happened on 22 March." => ["22 March => XXXX-03-22"];
        month_day: "on March 22 in Moscow" => ["March 22 => XXXX-03-22"];
        ordinal_of: "on the 22nd of March" => ["22nd of March => XXXX-03-22"];
        month_ordinal: "by March 22nd, 2024, officials" => ["March 22nd, 2024 => 2024-03-22"];
        month_day_year: "On March 22, 2024, gunmen" => ["March 22, 2024 => 2024-03-22"];
        month_day_year_no_comma: "March 22 2024" => ["March 22 2024 => 2024-03-22"];
        day_month_year: "on 22 March 2024." => ["22 March 2024 => 2024-03-22"];
        day_month_comma_year: "on 22 March, 2024" => ["22 March, 2024 => 2024-03-22"];
        all_caps: "MOSCOW, MARCH 22 (Reuters)" => ["MARCH 22 => XXXX-03-22"];
        caps_ordinal: "22ND MARCH 2024" => ["22ND MARCH 2024 => 2024-03-22"];
        abbr_dot: "warned on Mar. 8 and on Sept. 5" => ["Mar. 8 => XXXX-03-08", "Sept. 5 => XXXX-09-05"];
        abbr_no_dot: "Mar 8, Sep 5, Jan 3, 2024" => ["Mar 8 => XXXX-03-08", "Sep 5 => XXXX-09-05", "Jan 3, 2024 => 2024-01-03"];
        day_abbr_year: "4 Feb. 2023" => ["4 Feb. 2023 => 2023-02-04"];
        dateline: "Mar 29, 2024 (AP)" => ["Mar 29, 2024 => 2024-03-29"];
        month_year: "in August 2022 and in September 2022" => ["August 2022 => 2022-08", "September 2022 => 2022-09"];
        may_year: "in May 2024" => ["May 2024 => 2024-05"];
        mid_month: "by mid-March 2024" => ["March 2024 => 2024-03"];
        iso: "published 2024-03-22." => ["2024-03-22 => 2024-03-22"];
        line_break_inside: "on 22\nMarch 2024" => ["22\nMarch 2024 => 2024-03-22"];
        // -- ranges --
        range_day_first: "on 8-10 March" => ["8-10 March => XXXX-03-08/XXXX-03-10"];
        range_day_first_year: "8-10 March 2024" => ["8-10 March 2024 => 2024-03-08/2024-03-10"];
        range_abbr: "Mar. 8-10" => ["Mar. 8-10 => XXXX-03-08/XXXX-03-10"];
        range_to: "March 8 to 10" => ["March 8 to 10 => XXXX-03-08/XXXX-03-10"];
        range_spaced_dash_year: "March 8 - 10, 2024" => ["March 8 - 10, 2024 => 2024-03-08/2024-03-10"];
        range_between: "between 8 and 10 March" => ["between 8 and 10 March => XXXX-03-08/XXXX-03-10"];
        range_from: "from 8 to 10 March" => ["from 8 to 10 March => XXXX-03-08/XXXX-03-10"];
        range_from_month_first: "From March 8 to 10" => ["From March 8 to 10 => XXXX-03-08/XXXX-03-10"];
        range_between_month_first: "between March 8 and 10, 2024" => ["between March 8 and 10, 2024 => 2024-03-08/2024-03-10"];
        range_cross_month: "8 March - 10 April 2024" => ["8 March - 10 April 2024 => 2024-03-08/2024-04-10"];
        range_cross_month_to: "from 8 March to 10 April" => ["from 8 March to 10 April => XXXX-03-08/XXXX-04-10"];
        range_month_first_cross: "March 8 - April 10, 2024" => ["March 8 - April 10, 2024 => 2024-03-08/2024-04-10"];
        range_years: "28 December 2023 - 2 January 2024" => ["28 December 2023 - 2 January 2024 => 2023-12-28/2024-01-02"];
        range_new_year_borrow: "28 December - 2 January 2024" => ["28 December - 2 January 2024 => 2023-12-28/2024-01-02"];
        range_new_year_no_year: "28 December - 2 January" => ["28 December - 2 January => XXXX-12-28/XXXX-01-02"];
        range_night_of: "the night of 22-23 March" => ["22-23 March => XXXX-03-22/XXXX-03-23 q:Night(the night of)"];
        // -- weekdays --
        weekday_comma: "On Friday, 22 March 2024, gunmen" => ["Friday, 22 March 2024 => 2024-03-22 wd:Friday(Friday)"];
        weekday_abbr: "Fri 22 March" => ["Fri 22 March => XXXX-03-22 wd:Friday(Fri)"];
        weekday_abbr_dot: "Fri. March 22" => ["Fri. March 22 => XXXX-03-22 wd:Friday(Fri.)"];
        weekday_on: "on Friday, March 22" => ["Friday, March 22 => XXXX-03-22 wd:Friday(Friday)"];
        weekday_wrong_kept: "Thursday, 22 March 2024" => ["Thursday, 22 March 2024 => 2024-03-22 wd:Thursday(Thursday)"];
        weekday_alone: "on Friday the gunmen" => [];
        weekday_month_year: "Friday, March 2024" => ["March 2024 => 2024-03"];
        // -- qualifiers --
        qual_evening: "on the evening of 22 March" => ["22 March => XXXX-03-22 q:Evening(on the evening of)"];
        qual_early: "early on 22 March" => ["22 March => XXXX-03-22 q:Early(early on)"];
        qual_late: "late on March 22" => ["March 22 => XXXX-03-22 q:Late(late on)"];
        qual_night: "The night of March 22" => ["March 22 => XXXX-03-22 q:Night(The night of)"];
        qual_morning: "the morning of 8 March" => ["8 March => XXXX-03-08 q:Morning(the morning of)"];
        qual_early_hours: "in the early hours of 22 March" => ["22 March => XXXX-03-22 q:EarlyHours(in the early hours of)"];
        qual_and_weekday: "On the evening of Friday, 22 March 2024" => ["Friday, 22 March 2024 => 2024-03-22 q:Evening(On the evening of) wd:Friday(Friday)"];
        qual_without_date: "on the evening of the attack" => [];
        // -- guards: May and March as verbs and modals --
        may_modal: "they may 5 times" => [];
        may_modal_caps_free: "It may 2024" => [];
        may_alone: "in May, officials said" => [];
        may_day: "on May 5" => ["May 5 => XXXX-05-05"];
        march_verb: "protesters march 22 km" => [];
        march_lowercase_date: "on march 22" => [];
        march_adjective: "the March rally" => [];
        may_thousands: "May 5,000 people" => [];
        // -- guards: relative and anaphoric --
        relative: "two weeks earlier, the same day, last Friday, yesterday, the next day" => [];
        anaphora: "announced on March 7; on the same day the embassy" => ["March 7 => XXXX-03-07"];
        // -- guards: invalid days --
        feb_31: "on 31 February" => [];
        march_32: "on March 32" => [];
        april_31_year: "on 31 April 2024" => [];
        feb_29_common: "February 29, 2023" => [];
        feb_29_leap: "February 29, 2024" => ["February 29, 2024 => 2024-02-29"];
        day_zero: "0 March" => [];
        backwards_range: "10-8 March" => [];
        // -- guards: numbers that are not dates --
        numeric_needs_order: "on 03/08/2024" => [];
        year_then_number: "In 2022, 5 people died" => [];
        bare_year_default: "in 2022" => [];
        decimal: "22.5 March" => [];
        thousands: "1,500 March" => [];
        hyphen_word: "a March 8-year-old" => [];
        time: "March 10:30" => [];
        glued_month: "22March" => [];
        glued_letter: "A22 March" => [];
        year_out_of_range: "22 March 3024" => ["22 March => XXXX-03-22"];
        month_year_fiscal: "March 2024-25 season" => [];
        percent: "March 8%" => [];
        blank_line: "22\n\nMarch" => [];
        spaced_dash_prose: "On March 8 - 10 people died" => ["March 8 => XXXX-03-08"];
        and_is_not_range: "on 8 and 10 March" => ["10 March => XXXX-03-10"];
        from_without_range: "from 22 March" => ["22 March => XXXX-03-22"];
        missing_space: "on 22 March.The next day" => ["22 March => XXXX-03-22"];
        iso_range: "from 2024-03-08/2024-03-10." => ["2024-03-08/2024-03-10 => 2024-03-08/2024-03-10"];
        iso_glued: "id 12024-03-22 and 2024-03-22a" => [];
        non_ascii_neighbours: "«22 March» — 8 März" => ["22 March => XXXX-03-22"];
    }

    #[test]
    fn every_abbreviation() {
        for (abbr, m) in MONTH_ABBRS {
            for dot in ["", "."] {
                let text = format!("{abbr}{dot} 8");
                let t =
                    parse_exact(&text, &ScanOptions::default()).unwrap_or_else(|| panic!("{text}"));
                assert_eq!(t.value, DateValue::single(PartialDate::md(m, 8)), "{text}");
            }
        }
    }

    #[test]
    fn exact_offsets() {
        let text = "On the evening of Friday, 22 March 2024, gunmen";
        let t = &scan(text, &ScanOptions::default())[0];
        assert_eq!(t.span, 18..39);
        assert_eq!(t.date_span, 26..39);
        assert_eq!(t.full_span(), 0..39);
        assert_eq!(t.weekday.as_ref().map(|w| w.span.clone()), Some(18..24));
        assert_eq!(t.qualifier.as_ref().map(|q| q.span.clone()), Some(0..17));
        assert!(t.year_written);
        assert_eq!(t.form, DateForm::DayMonth);
        assert_eq!(t.year_source(), YearSource::Written);
    }

    #[test]
    fn numeric_with_order() {
        let dmy = ScanOptions {
            order: Some(DateOrder::Dmy),
            ..ScanOptions::default()
        };
        let mdy = ScanOptions {
            order: Some(DateOrder::Mdy),
            ..ScanOptions::default()
        };
        check("on 03/08/2024.", &dmy, &["03/08/2024 => 2024-08-03"]);
        check("on 03/08/2024.", &mdy, &["03/08/2024 => 2024-03-08"]);
        check("3.8.2024", &dmy, &["3.8.2024 => 2024-08-03"]);
        check("3-8-2024", &mdy, &["3-8-2024 => 2024-03-08"]);
        check("13/08/2024", &mdy, &[]);
        check("31/02/2024", &dmy, &[]);
        check("3/8/24", &dmy, &[]);
        check("3/8.2024", &dmy, &[]);
        check("1.3/8/2024", &dmy, &[]);
    }

    #[test]
    fn bare_years_flag() {
        let opts = ScanOptions {
            bare_years: true,
            ..ScanOptions::default()
        };
        check("In 2022, 5 people died", &opts, &["2022 => 2022"]);
        check("since 1999 and in 2024-25", &opts, &["1999 => 1999"]);
        check("the 2022 budget", &opts, &[]);
        check("in March 2022", &opts, &["March 2022 => 2022-03"]);
    }

    #[test]
    fn weekday_check_on_token() {
        let opts = ScanOptions::default();
        let t = parse_exact("Thursday, 22 March 2024", &opts).expect("a date");
        assert_eq!(
            t.weekday_check(&t.value),
            Some(WeekdayCheck::Contradicts {
                written: Weekday::Thursday,
                actual: Weekday::Friday
            })
        );
        let t = parse_exact("Fri 22 March", &opts).expect("a date");
        assert_eq!(t.weekday_check(&t.value), Some(WeekdayCheck::Unknown));
        let ctx = YearContext {
            document_date: Some(PartialDate::ymd(2024, 3, 29)),
            ..YearContext::default()
        };
        let resolved = t.resolve(&ctx);
        assert_eq!(
            resolved.value,
            DateValue::single(PartialDate::ymd(2024, 3, 22))
        );
        assert_eq!(
            resolved.source,
            YearSource::DocumentDate {
                date: PartialDate::ymd(2024, 3, 29),
                year: 2024
            }
        );
        assert_eq!(t.weekday_check(&resolved.value), Some(WeekdayCheck::Agrees));
        let plain = parse_exact("22 March", &opts).expect("a date");
        assert_eq!(plain.weekday_check(&plain.value), None);
    }

    #[test]
    fn windows() {
        let text = "The FSB spoke on March 7. The embassy warned on March 8, 2024. Then 22 March.";
        let opts = ScanOptions::default();
        let all = scan(text, &opts);
        assert_eq!(all.len(), 3);
        let second = 26..62;
        let inside = within(&all, second.clone());
        assert_eq!(inside.len(), 1);
        assert_eq!(&text[inside[0].span.clone()], "March 8, 2024");
        assert_eq!(scan_in(text, second, &opts), inside.to_vec());
        assert!(within(&all, 0..5).is_empty());
        assert_eq!(within(&all, 0..text.len()).len(), 3);
        // windows that cut chars or run past the end are clamped, not a panic
        let text = "é 22 March é";
        let got = scan_in(text, 1..200, &opts);
        assert_eq!(got.len(), 1);
        assert_eq!(&text[got[0].span.clone()], "22 March");
    }

    #[test]
    fn parse_exact_rejects_extra_text() {
        let opts = ScanOptions::default();
        assert!(parse_exact(" 22 March 2024 ", &opts).is_some());
        assert!(parse_exact("22 March 2024 and", &opts).is_none());
        assert!(parse_exact("22 March and 23 March", &opts).is_none());
        assert!(parse_exact("", &opts).is_none());
    }

    #[test]
    fn rule_value_agrees_with_text() {
        // The seed conflict: one piece says August 2022, the rule says 5 September 2022.
        let rule = parse_iso("2022-09-05").expect("iso");
        let opts = ScanOptions::default();
        let aug = parse_exact("August 2022", &opts).expect("a date");
        let sep = parse_exact("5 September", &opts).expect("a date");
        assert!(!aug.value.agrees(&rule));
        assert!(sep.value.agrees(&rule));
    }
}
