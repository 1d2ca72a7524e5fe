//! Dates as partial dates and ranges, and the algebra the comparison step needs.
//!
//! A mention such as `22 March` knows its month and day but not its year; `August 2022` knows
//! no day. We keep those gaps instead of filling them from "now" (the classic date-parser trap
//! that silently invents a year), and compare two dates only on what both know. Concretely, a
//! [`DateValue`] denotes a set of possible calendar days; two values [agree](DateValue::agrees)
//! when some choice of the unknown year makes their day intervals overlap.
//!
//! The calendar is the proleptic Gregorian one, computed with Howard Hinnant's
//! `days_from_civil` / `civil_from_days` algorithms (no dependency needed; they are exact for
//! every `i32` year because we work in `i64`).
//!
//! Year inference ([`infer_year`]) fills a missing year from the rule, then from the document
//! date (HeidelTime's news strategy), and records where the year came from ([`YearSource`]) so
//! a diagnostic can say so.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

/// Smallest year the text grammar accepts as written (`1000`).
pub const MIN_YEAR: i32 = 1000;
/// Largest year the text grammar accepts as written (`2999`).
pub const MAX_YEAR: i32 = 2999;

/// Full English month names, index 0 = January.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `year` is a Gregorian leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; 0 for a month outside 1–12.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Whether `year-month-day` is a real calendar day.
pub fn is_valid_ymd(year: i32, month: u8, day: u8) -> bool {
    day >= 1 && day <= days_in_month(year, month)
}

/// Days since 1970-01-01 of a civil date (Hinnant's `days_from_civil`). The date is not
/// validated: out-of-range days simply count on (`31 February` is `3 March`).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let m = i64::from(month);
    let d = i64::from(day);
    let y = i64::from(year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12; // March = 0, so the leap day is the last day of the "year"
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01 (Hinnant's `civil_from_days`). Years
/// outside `i32` saturate.
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let y = i32::try_from(y).unwrap_or(if y < 0 { i32::MIN } else { i32::MAX });
    // m is 1..=12 and d is 1..=31 by construction.
    (y, m as u8, d as u8)
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// All days, Monday first (ISO 8601).
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The weekday of a day count since 1970-01-01 (a Thursday).
    pub fn from_days(days: i64) -> Weekday {
        // rem_euclid is in 0..7, so the index is always in range.
        Weekday::ALL[(days + 3).rem_euclid(7) as usize]
    }

    /// The English name, `"Friday"`.
    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The weekday of a real calendar day; `None` if the day does not exist.
pub fn weekday(year: i32, month: u8, day: u8) -> Option<Weekday> {
    is_valid_ymd(year, month, day).then(|| Weekday::from_days(days_from_civil(year, month, day)))
}

/// A date of which any field may be unknown (`22 March` has no year).
///
/// The derived order (unknown before known, then year, month, day) is total and deterministic;
/// for chronology use [`DateValue::bounds`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct PartialDate {
    /// The year, if known.
    pub year: Option<i32>,
    /// The month 1–12, if known.
    pub month: Option<u8>,
    /// The day 1–31, if known.
    pub day: Option<u8>,
}

impl PartialDate {
    /// A partial date from its fields.
    pub const fn new(year: Option<i32>, month: Option<u8>, day: Option<u8>) -> PartialDate {
        PartialDate { year, month, day }
    }

    /// A full date.
    pub const fn ymd(year: i32, month: u8, day: u8) -> PartialDate {
        PartialDate::new(Some(year), Some(month), Some(day))
    }

    /// A month of a year (`March 2024`).
    pub const fn ym(year: i32, month: u8) -> PartialDate {
        PartialDate::new(Some(year), Some(month), None)
    }

    /// A day of a month, year unknown (`22 March`).
    pub const fn md(month: u8, day: u8) -> PartialDate {
        PartialDate::new(None, Some(month), Some(day))
    }

    /// A year alone.
    pub const fn y(year: i32) -> PartialDate {
        PartialDate::new(Some(year), None, None)
    }

    /// Whether year, month and day are all known.
    pub fn is_complete(&self) -> bool {
        self.year.is_some() && self.month.is_some() && self.day.is_some()
    }

    /// Whether this can be a real day or period: something is known, a day comes with a month,
    /// the month is 1–12 and the day exists in it (29 February needs a leap year when the year
    /// is known; with the year unknown it is allowed).
    pub fn is_valid(&self) -> bool {
        if self.year.is_none() && self.month.is_none() && self.day.is_none() {
            return false;
        }
        match (self.month, self.day) {
            (None, Some(_)) => false,
            (None, None) => true,
            (Some(m), None) => (1..=12).contains(&m),
            // 2000 is a leap year: with the year unknown, 29 February stays possible.
            (Some(m), Some(d)) => is_valid_ymd(self.year.unwrap_or(2000), m, d),
        }
    }

    /// This date with `year` filled in when it has none.
    pub fn or_year(self, year: i32) -> PartialDate {
        PartialDate {
            year: self.year.or(Some(year)),
            ..self
        }
    }

    /// Its weekday, when the date is complete and real.
    pub fn weekday(&self) -> Option<Weekday> {
        weekday(self.year?, self.month?, self.day?)
    }

    /// First day this date can denote, with `year` standing in for an unknown year.
    fn first_day(&self, year: i32) -> Option<i64> {
        let y = self.year.unwrap_or(year);
        let (m, d) = match self.month {
            Some(m) => (m, self.day.unwrap_or(1)),
            None => (1, 1),
        };
        is_valid_ymd(y, m, d).then(|| days_from_civil(y, m, d))
    }

    /// Last day this date can denote, with `year` standing in for an unknown year.
    fn last_day(&self, year: i32) -> Option<i64> {
        let y = self.year.unwrap_or(year);
        let (m, d) = match self.month {
            Some(m) => (m, self.day.unwrap_or(days_in_month(y, m))),
            None => (12, 31),
        };
        is_valid_ymd(y, m, d).then(|| days_from_civil(y, m, d))
    }

    /// ISO 8601 / TIMEX-style text: `2024-03-22`, `2024-03`, `2024`, `XXXX-03-22`.
    pub fn to_iso(&self) -> String {
        let y = match self.year {
            Some(y) => format!("{y:04}"),
            None => "XXXX".to_owned(),
        };
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{y}-{m:02}"),
            (None, Some(d)) => format!("{y}-XX-{d:02}"),
            (None, None) => y,
        }
    }
}

fn month_name(m: u8) -> &'static str {
    usize::from(m)
        .checked_sub(1)
        .and_then(|i| MONTH_NAMES.get(i))
        .copied()
        .unwrap_or("?")
}

impl fmt::Display for PartialDate {
    /// `5 September 2022`, `September 2022`, `5 September`, `2022`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::with_capacity(3);
        if let Some(d) = self.day {
            parts.push(d.to_string());
        }
        if let Some(m) = self.month {
            parts.push(month_name(m).to_owned());
        }
        if let Some(y) = self.year {
            parts.push(y.to_string());
        }
        if parts.is_empty() {
            f.write_str("unknown date")
        } else {
            f.write_str(&parts.join(" "))
        }
    }
}

/// A single partial date or a range of them.
///
/// Ranges are inclusive. An end without a year borrows the other end's year (`8 March – 10
/// April 2024`); with neither year known, a range whose end precedes its start wraps into the
/// next year (`28 December – 2 January`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum DateValue {
    /// One date.
    Single {
        /// The date.
        date: PartialDate,
    },
    /// A range, both ends inclusive.
    Range {
        /// First day.
        from: PartialDate,
        /// Last day.
        to: PartialDate,
    },
}

/// Representative years for comparing two values that both lack a year: a leap year, the
/// years around it, and a common year followed by a leap year (so a wrapping range can end on
/// 29 February). Pairs within one year of each other are tried, which is symmetric.
const FREE_YEARS: [i32; 6] = [1999, 2000, 2001, 2002, 2003, 2004];

impl DateValue {
    /// One date.
    pub const fn single(date: PartialDate) -> DateValue {
        DateValue::Single { date }
    }

    /// A range; equal ends collapse to a single date.
    pub fn range(from: PartialDate, to: PartialDate) -> DateValue {
        if from == to {
            DateValue::Single { date: from }
        } else {
            DateValue::Range { from, to }
        }
    }

    /// The first end (the date itself for a single date).
    pub fn start(&self) -> PartialDate {
        match *self {
            DateValue::Single { date } => date,
            DateValue::Range { from, .. } => from,
        }
    }

    /// The last end (the date itself for a single date).
    pub fn end(&self) -> PartialDate {
        match *self {
            DateValue::Single { date } => date,
            DateValue::Range { to, .. } => to,
        }
    }

    /// Whether this is a range.
    pub fn is_range(&self) -> bool {
        matches!(self, DateValue::Range { .. })
    }

    /// Whether any end knows its year (the others then borrow it).
    pub fn has_year(&self) -> bool {
        self.start().year.is_some() || self.end().year.is_some()
    }

    /// The years written on the ends, start first.
    fn years(&self) -> impl Iterator<Item = i32> {
        [self.start().year, self.end().year].into_iter().flatten()
    }

    /// Whether both ends are valid and, for a range, the end does not precede the start.
    pub fn is_valid(&self) -> bool {
        match self {
            DateValue::Single { date } => date.is_valid(),
            DateValue::Range { from, to } => {
                from.is_valid()
                    && to.is_valid()
                    && (from.month.is_some() == to.month.is_some()
                        || from.year.is_some() && to.year.is_some())
                    && self
                        .bounds_in(if self.has_year() { 0 } else { 2000 })
                        .is_some()
            }
        }
    }

    /// The years of both ends once an unknown year is taken to be `year`; an end without a
    /// year borrows the other end's, moving one year on when the range would otherwise run
    /// backwards (`28 December – 2 January`).
    fn end_years(&self, year: i32) -> (i32, i32) {
        let (from, to) = (self.start(), self.end());
        let wraps = |y: i32| match (from.first_day(y), to.last_day(y)) {
            (Some(a), Some(b)) => b < a,
            _ => false,
        };
        match (from.year, to.year) {
            (Some(a), Some(b)) => (a, b),
            (Some(a), None) => (a, if wraps(a) { a.saturating_add(1) } else { a }),
            (None, Some(b)) => {
                let a = if wraps(b) { b.saturating_sub(1) } else { b };
                (a, b)
            }
            (None, None) => (
                year,
                if wraps(year) {
                    year.saturating_add(1)
                } else {
                    year
                },
            ),
        }
    }

    /// The inclusive interval of days (since 1970-01-01) this value can denote once an unknown
    /// year is taken to be `year`; `None` if that makes it impossible (29 February of a common
    /// year, a range running backwards).
    pub fn bounds_in(&self, year: i32) -> Option<(i64, i64)> {
        let (yf, yt) = self.end_years(year);
        let lo = self.start().first_day(yf)?;
        let hi = self.end().last_day(yt)?;
        (lo <= hi).then_some((lo, hi))
    }

    /// The interval of days this value denotes, when it knows its year.
    pub fn bounds(&self) -> Option<(i64, i64)> {
        if self.has_year() {
            self.bounds_in(0)
        } else {
            None
        }
    }

    /// Whether some choice of the unknown years satisfies `pred` on the two day intervals.
    /// A value with a year is taken as is; a value without one is tried at the other's years
    /// (and the year before, for ranges wrapping over New Year), or, when neither has a year,
    /// at representative years within one year of each other.
    fn exists(&self, other: &DateValue, pred: impl Fn((i64, i64), (i64, i64)) -> bool) -> bool {
        let test = |ya: i32, yb: i32| match (self.bounds_in(ya), other.bounds_in(yb)) {
            (Some(a), Some(b)) => pred(a, b),
            _ => false,
        };
        match (self.has_year(), other.has_year()) {
            (true, true) => test(0, 0),
            (true, false) => self
                .years()
                .any(|k| test(0, k) || test(0, k.saturating_sub(1))),
            (false, true) => other
                .years()
                .any(|k| test(k, 0) || test(k.saturating_sub(1), 0)),
            (false, false) => FREE_YEARS.iter().any(|&ya| {
                FREE_YEARS
                    .iter()
                    .any(|&yb| (ya - yb).abs() <= 1 && test(ya, yb))
            }),
        }
    }

    /// Whether the two values can denote a common day, comparing only what both know:
    /// `22 March` agrees with `22 March 2024` and with `March 2024`; `March 2024` agrees with
    /// `8–10 March 2024`; two ranges agree when they overlap; `August 2022` and
    /// `5 September 2022` disagree. Invalid values agree with nothing. Symmetric.
    pub fn agrees(&self, other: &DateValue) -> bool {
        self.exists(other, |a, b| a.0 <= b.1 && b.0 <= a.1)
    }

    /// Whether this value can contain every day `inner` denotes (partial-aware: `March 2024`
    /// contains `8–10 March 2024`; `22 March` contains `22 March 2024`). This is the "supports"
    /// test of consensus counting.
    pub fn contains(&self, inner: &DateValue) -> bool {
        self.exists(inner, |outer, inner| {
            outer.0 <= inner.0 && inner.1 <= outer.1
        })
    }

    /// This value with an unknown year filled in: the start takes `year`, an end before it
    /// moves into the next year.
    pub fn with_year(&self, year: i32) -> DateValue {
        match *self {
            DateValue::Single { date } => DateValue::Single {
                date: date.or_year(year),
            },
            DateValue::Range { from, to } => {
                let (yf, yt) = self.end_years(year);
                DateValue::Range {
                    from: from.or_year(yf),
                    to: to.or_year(yt),
                }
            }
        }
    }

    /// ISO 8601 text: `2024-03-22`, `2024-03`, ranges as `2024-03-08/2024-03-10`; an unknown
    /// year is `XXXX` (TIMEX style). [`parse_iso`] reads it back.
    pub fn to_iso(&self) -> String {
        match self {
            DateValue::Single { date } => date.to_iso(),
            DateValue::Range { from, to } => format!("{}/{}", from.to_iso(), to.to_iso()),
        }
    }

    /// The chronological sort key: start, end, then single before range.
    fn key(&self) -> (PartialDate, PartialDate, bool) {
        (self.start(), self.end(), self.is_range())
    }
}

impl PartialOrd for DateValue {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateValue {
    /// A total order for grouping and deterministic output: by start, then end (unknown years
    /// first), then single before range. Consistent with `Eq`.
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl fmt::Display for DateValue {
    /// `5 September 2022`, `8–10 March 2024`, `8 March – 10 April 2024`,
    /// `28 December 2023 – 2 January 2024`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DateValue::Single { date } => date.fmt(f),
            DateValue::Range { from, to } => {
                if from.year == to.year {
                    if from.month == to.month
                        && from.month.is_some()
                        && let (Some(a), Some(b)) = (from.day, to.day)
                    {
                        // 8–10 March 2024
                        return write!(f, "{a}\u{2013}{b} {}", PartialDate { day: None, ..to });
                    }
                    let head = PartialDate { year: None, ..from };
                    if head.month.is_some() && head.day.is_none() && to.day.is_none() {
                        // March–April 2024
                        return write!(f, "{head}\u{2013}{to}");
                    }
                    if head.month.is_some() {
                        return write!(f, "{head} \u{2013} {to}");
                    }
                }
                write!(f, "{from} \u{2013} {to}")
            }
        }
    }
}

/// Reads one ISO field of exactly `len` ASCII digits.
fn iso_field(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn parse_iso_date(s: &str) -> Option<PartialDate> {
    let mut parts = s.split('-');
    let y = parts.next()?;
    let year = if y == "XXXX" {
        None
    } else {
        Some(i32::try_from(iso_field(y, 4)?).ok()?)
    };
    let month = match parts.next() {
        Some(m) => Some(u8::try_from(iso_field(m, 2)?).ok()?),
        None => None,
    };
    let day = match parts.next() {
        Some(d) => Some(u8::try_from(iso_field(d, 2)?).ok()?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let date = PartialDate { year, month, day };
    date.is_valid().then_some(date)
}

/// Reads a rule value: `2022-09-05`, `2022-09`, `2022`, a range `2024-03-08/2024-03-10`
/// (ends of any precision), and `XXXX-03-22` for a year left unknown. Surrounding whitespace
/// is ignored; anything else, an impossible day or a backwards range gives `None`.
pub fn parse_iso(s: &str) -> Option<DateValue> {
    let s = s.trim();
    let value = match s.split_once('/') {
        Some((a, b)) => DateValue::range(parse_iso_date(a)?, parse_iso_date(b)?),
        None => DateValue::single(parse_iso_date(s)?),
    };
    value.is_valid().then_some(value)
}

/// Whether a written weekday fits the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "check", rename_all = "kebab-case")]
pub enum WeekdayCheck {
    /// The date is not complete (or not real), so the weekday cannot be checked.
    Unknown,
    /// The weekday is right.
    Agrees,
    /// The weekday is wrong: `Thursday, 22 March 2024` was a Friday.
    Contradicts {
        /// The weekday the text gives.
        written: Weekday,
        /// The weekday the date really was.
        actual: Weekday,
    },
}

/// Checks a written weekday against a date; needs year, month and day.
pub fn check_weekday(written: Weekday, date: &PartialDate) -> WeekdayCheck {
    match date.weekday() {
        None => WeekdayCheck::Unknown,
        Some(actual) if actual == written => WeekdayCheck::Agrees,
        Some(actual) => WeekdayCheck::Contradicts { written, actual },
    }
}

/// Where the year of a date came from, for diagnostics ("year from the document date
/// 2024-03-29").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "source", rename_all = "kebab-case")]
pub enum YearSource {
    /// The mention wrote it.
    Written,
    /// The rule's `year` key or the year of its `value`.
    Rule {
        /// The year used.
        year: i32,
    },
    /// The document's own date, HeidelTime-style: the latest such day on or shortly after it.
    DocumentDate {
        /// The document date used.
        date: PartialDate,
        /// The year it gave.
        year: i32,
    },
    /// The document's date, over the rule's year: that year would put the date after the
    /// document was written ("Dec. 16" in a piece of 12 January 2025, for an event of 2025).
    DocumentOverRule {
        /// The document date used.
        date: PartialDate,
        /// The year it gave.
        year: i32,
        /// The rule's year, which it replaced.
        rule_year: i32,
    },
    /// Nothing said; the date is compared on month and day only.
    Unknown,
}

impl fmt::Display for YearSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            YearSource::Written => f.write_str("year as written"),
            YearSource::Rule { year } => write!(f, "year {year} from the rule"),
            YearSource::DocumentDate { date, year } => {
                write!(f, "year {year} from the document date {}", date.to_iso())
            }
            YearSource::DocumentOverRule {
                date,
                year,
                rule_year,
            } => write!(
                f,
                "year {year} from the document date {}: the rule's {rule_year} would put it \
                 after the document",
                date.to_iso()
            ),
            YearSource::Unknown => f.write_str("year unknown"),
        }
    }
}

/// What year inference may draw on, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearContext {
    /// The rule's `year` key.
    pub rule_year: Option<i32>,
    /// The rule's `value`.
    pub rule_value: Option<DateValue>,
    /// The document's date (front matter, meta tag, dateline); needs at least a year.
    pub document_date: Option<PartialDate>,
    /// How many days after the document date a yearless date may still fall (news is
    /// sometimes about the coming days: "the summit on 2 April" in a 29 March piece).
    pub slack_days: i64,
}

impl Default for YearContext {
    fn default() -> Self {
        YearContext {
            rule_year: None,
            rule_value: None,
            document_date: None,
            slack_days: 7,
        }
    }
}

/// A value after year inference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Inferred {
    /// The value, with its year filled in when one was found.
    pub value: DateValue,
    /// Where the year came from.
    pub source: YearSource,
}

/// Fills a missing year: a written year wins; then the rule's `year`; then the year of the
/// rule's `value` (of the end that makes the mention agree with it, if any); then the document
/// date, taking the latest occurrence that starts no later than the document date plus
/// `slack_days` (so `28 December` in a piece of 3 January 2024 is 2023); otherwise the year
/// stays unknown.
pub fn infer_year(value: DateValue, ctx: &YearContext) -> Inferred {
    if value.has_year() {
        return Inferred {
            value,
            source: YearSource::Written,
        };
    }
    if let Some(rule_year) = rule_year(&value, ctx) {
        // A report cannot date its event after itself (beyond the coming days): "Dec. 16" in
        // a piece of 12 January 2025 is last December's, whatever the rule's year.
        if let Some(doc) = ctx.document_date
            && let Some(limit) = latest_day(&doc, ctx.slack_days)
            && value
                .with_year(rule_year)
                .bounds()
                .is_some_and(|(start, _)| start > limit)
            && let Some(year) = year_from_document(&value, &doc, ctx.slack_days)
        {
            return Inferred {
                value: value.with_year(year),
                source: YearSource::DocumentOverRule {
                    date: doc,
                    year,
                    rule_year,
                },
            };
        }
        return Inferred {
            value: value.with_year(rule_year),
            source: YearSource::Rule { year: rule_year },
        };
    }
    if let Some(doc) = ctx.document_date
        && let Some(year) = year_from_document(&value, &doc, ctx.slack_days)
    {
        return Inferred {
            value: value.with_year(year),
            source: YearSource::DocumentDate { date: doc, year },
        };
    }
    Inferred {
        value,
        source: YearSource::Unknown,
    }
}

/// The year the rule gives a yearless date: its `year` key, else the year of its `value`
/// (of the end that makes the date agree with it, if any).
fn rule_year(value: &DateValue, ctx: &YearContext) -> Option<i32> {
    if let Some(year) = ctx.rule_year {
        return Some(year);
    }
    let rule_value = ctx.rule_value?;
    let mut years = rule_value.years().peekable();
    let first = *years.peek()?;
    Some(
        years
            .find(|&y| value.with_year(y).agrees(&rule_value))
            .unwrap_or(first),
    )
}

/// The last day a report dated `doc` may still name as its own: its date (the end of its
/// month for a date without a day) plus `slack` days.
fn latest_day(doc: &PartialDate, slack: i64) -> Option<i64> {
    doc.year?;
    Some(DateValue::single(*doc).bounds()?.1.saturating_add(slack))
}

/// The latest year in which `value` starts on or before the document date plus `slack`.
fn year_from_document(value: &DateValue, doc: &PartialDate, slack: i64) -> Option<i32> {
    let doc_year = doc.year?;
    // A document dated only "March 2024" counts as written at the end of that month.
    let limit = latest_day(doc, slack)?;
    // Nine years back always reaches a leap year, for 29 February.
    (0..10).find_map(|back| {
        let year = doc_year.saturating_add(1).saturating_sub(back);
        let (start, _) = value.with_year(year).bounds()?;
        (start <= limit).then_some(year)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> DateValue {
        parse_iso(s).unwrap_or_else(|| panic!("bad test date {s}"))
    }

    #[test]
    fn known_weekdays() {
        assert_eq!(weekday(2024, 3, 22), Some(Weekday::Friday));
        assert_eq!(weekday(2000, 1, 1), Some(Weekday::Saturday));
        assert_eq!(weekday(2024, 2, 29), Some(Weekday::Thursday));
        assert_eq!(weekday(1970, 1, 1), Some(Weekday::Thursday));
        assert_eq!(weekday(2022, 9, 5), Some(Weekday::Monday));
        assert_eq!(weekday(1969, 12, 31), Some(Weekday::Wednesday));
        assert_eq!(weekday(1600, 3, 1), Some(Weekday::Wednesday));
        assert_eq!(weekday(2023, 2, 29), None);
        assert_eq!(weekday(2024, 13, 1), None);
    }

    #[test]
    fn calendar() {
        assert!(is_leap(2000) && is_leap(2024) && !is_leap(1900) && !is_leap(2023));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(2100, 2), 28);
        assert_eq!(days_in_month(2024, 4), 30);
        assert_eq!(days_in_month(2024, 12), 31);
        assert_eq!(days_in_month(2024, 0), 0);
        assert_eq!(days_in_month(2024, 13), 0);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(
            days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28),
            2
        );
        for z in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert!(is_valid_ymd(y, m, d));
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn validity() {
        assert!(PartialDate::md(2, 29).is_valid());
        assert!(!PartialDate::ymd(2023, 2, 29).is_valid());
        assert!(PartialDate::ymd(2024, 2, 29).is_valid());
        assert!(!PartialDate::md(4, 31).is_valid());
        assert!(!PartialDate::new(Some(2024), None, Some(3)).is_valid());
        assert!(!PartialDate::default().is_valid());
        assert!(!PartialDate::ym(2024, 13).is_valid());
        assert!(
            !DateValue::range(PartialDate::ymd(2024, 3, 10), PartialDate::ymd(2024, 3, 8))
                .is_valid()
        );
        assert!(DateValue::range(PartialDate::md(12, 28), PartialDate::md(1, 2)).is_valid());
    }

    #[test]
    fn iso_parsing() {
        assert_eq!(
            iso("2022-09-05"),
            DateValue::single(PartialDate::ymd(2022, 9, 5))
        );
        assert_eq!(iso("2022-09"), DateValue::single(PartialDate::ym(2022, 9)));
        assert_eq!(iso(" 2022 "), DateValue::single(PartialDate::y(2022)));
        assert_eq!(iso("XXXX-03-22"), DateValue::single(PartialDate::md(3, 22)));
        assert_eq!(
            iso("2024-03-08/2024-03-10"),
            DateValue::range(PartialDate::ymd(2024, 3, 8), PartialDate::ymd(2024, 3, 10))
        );
        for bad in [
            "",
            "2022-9-5",
            "22-09-05",
            "2023-02-29",
            "2024-03-32",
            "2024-13",
            "2024-03-10/2024-03-08",
            "2024/",
            "2024-03-08/",
            "20240322",
            "2024-03-22-01",
            "+2024",
            "２０２４",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn display() {
        let cases = [
            ("2022-09-05", "5 September 2022"),
            ("2024-03", "March 2024"),
            ("XXXX-03-22", "22 March"),
            ("2022", "2022"),
            ("2024-03-08/2024-03-10", "8\u{2013}10 March 2024"),
            ("2024-03-08/2024-04-10", "8 March \u{2013} 10 April 2024"),
            ("2024-03/2024-04", "March\u{2013}April 2024"),
            (
                "2023-12-28/2024-01-02",
                "28 December 2023 \u{2013} 2 January 2024",
            ),
            ("XXXX-03-08/XXXX-03-10", "8\u{2013}10 March"),
        ];
        for (text, shown) in cases {
            assert_eq!(iso(text).to_string(), shown, "{text}");
            assert_eq!(parse_iso(&iso(text).to_iso()), Some(iso(text)), "{text}");
        }
    }

    macro_rules! agreement {
        ($($a:literal ~ $b:literal => $agree:expr;)*) => {
            #[test]
            fn agreement_table() {
                $(
                    let (a, b) = (iso($a), iso($b));
                    assert_eq!(a.agrees(&b), $agree, "{} ~ {}", $a, $b);
                    assert_eq!(b.agrees(&a), $agree, "{} ~ {} (swapped)", $b, $a);
                )*
            }
        };
    }

    agreement! {
        "2022-09-05" ~ "2022-09-05" => true;
        "2022-08" ~ "2022-09-05" => false;     // August 2022 vs 5 September 2022
        "2022-08" ~ "2022-09" => false;
        "XXXX-03-07" ~ "XXXX-03-08" => false;  // March 7 vs March 8
        "2024-03-07" ~ "XXXX-03-08" => false;
        "XXXX-03-22" ~ "2024-03-22" => true;   // year unknown on one side
        "XXXX-03-22" ~ "2024-03" => true;
        "XXXX-03-22" ~ "2024-04" => false;
        "2024-03" ~ "2024-03-08/2024-03-10" => true;
        "2024-04" ~ "2024-03-08/2024-03-10" => false;
        "2024-03-09" ~ "2024-03-08/2024-03-10" => true;
        "2024-03-11" ~ "2024-03-08/2024-03-10" => false;
        "XXXX-03-09" ~ "2024-03-08/2024-03-10" => true;
        "XXXX-03-22" ~ "2024-03-08/2024-03-10" => false;
        "2024-03-08/2024-03-10" ~ "2024-03-10/2024-03-12" => true; // overlapping ranges
        "2024-03-08/2024-03-10" ~ "2024-03-11/2024-03-12" => false;
        "XXXX-03-08/XXXX-03-10" ~ "XXXX-03-09" => true;
        "XXXX-12-28/XXXX-01-02" ~ "XXXX-01-01" => true;            // wraps over New Year
        "XXXX-12-28/XXXX-01-02" ~ "2024-01-01" => true;
        "XXXX-12-28/XXXX-01-02" ~ "XXXX-01-05" => false;
        "2022" ~ "XXXX-09-05" => true;
        "2022" ~ "2022-09-05" => true;
        "2021" ~ "2022-09-05" => false;
        "2023" ~ "XXXX-02-29" => false;         // no 29 February in 2023
        "XXXX-02-29" ~ "XXXX-02-29" => true;
        "2024" ~ "XXXX-02-29" => true;
        "2023-12-28/2024-01-02" ~ "2024-01" => true;
    }

    #[test]
    fn containment() {
        assert!(iso("2024-03").contains(&iso("2024-03-08/2024-03-10")));
        assert!(!iso("2024-03-08/2024-03-10").contains(&iso("2024-03")));
        assert!(iso("2024-03-08/2024-03-10").contains(&iso("2024-03-09")));
        assert!(iso("XXXX-03-22").contains(&iso("2024-03-22")));
        assert!(iso("2024-03-22").contains(&iso("XXXX-03-22")));
        assert!(!iso("2024-03-22").contains(&iso("2024-03")));
    }

    #[test]
    fn order_is_chronological_for_known_dates() {
        let mut v = [
            iso("2024-03-22"),
            iso("2022-09"),
            iso("2024-03-08/2024-03-10"),
            iso("2024-03-08"),
        ];
        v.sort();
        let shown: Vec<String> = v.iter().map(DateValue::to_iso).collect();
        assert_eq!(
            shown,
            [
                "2022-09",
                "2024-03-08",
                "2024-03-08/2024-03-10",
                "2024-03-22"
            ]
        );
    }

    #[test]
    fn weekday_check() {
        let d = PartialDate::ymd(2024, 3, 22);
        assert_eq!(
            check_weekday(Weekday::Thursday, &d),
            WeekdayCheck::Contradicts {
                written: Weekday::Thursday,
                actual: Weekday::Friday
            }
        );
        assert_eq!(check_weekday(Weekday::Friday, &d), WeekdayCheck::Agrees);
        assert_eq!(
            check_weekday(Weekday::Friday, &PartialDate::md(3, 22)),
            WeekdayCheck::Unknown
        );
    }

    fn doc(date: &str) -> YearContext {
        YearContext {
            document_date: Some(iso(date).start()),
            ..YearContext::default()
        }
    }

    macro_rules! inference {
        ($($mention:literal with $ctx:expr => $want:literal from $source:expr;)*) => {
            #[test]
            fn year_inference() {
                $(
                    let got = infer_year(iso($mention), &$ctx);
                    assert_eq!(got.value.to_iso(), $want, "{} with {:?}", $mention, $ctx);
                    assert_eq!(got.source, $source, "{}", $mention);
                )*
            }
        };
    }

    inference! {
        "XXXX-03-22" with doc("2024-03-29") => "2024-03-22" from YearSource::DocumentDate { date: PartialDate::ymd(2024, 3, 29), year: 2024 };
        "XXXX-12-28" with doc("2024-01-03") => "2023-12-28" from YearSource::DocumentDate { date: PartialDate::ymd(2024, 1, 3), year: 2023 };
        // within the 7-day slack: the coming days
        "XXXX-04-02" with doc("2024-03-29") => "2024-04-02" from YearSource::DocumentDate { date: PartialDate::ymd(2024, 3, 29), year: 2024 };
        "XXXX-01-02" with doc("2023-12-30") => "2024-01-02" from YearSource::DocumentDate { date: PartialDate::ymd(2023, 12, 30), year: 2024 };
        // beyond the slack: last year's
        "XXXX-04-10" with doc("2024-03-29") => "2023-04-10" from YearSource::DocumentDate { date: PartialDate::ymd(2024, 3, 29), year: 2023 };
        "XXXX-02-29" with doc("2023-06-01") => "2020-02-29" from YearSource::DocumentDate { date: PartialDate::ymd(2023, 6, 1), year: 2020 };
        "XXXX-03-20" with doc("2024-03") => "2024-03-20" from YearSource::DocumentDate { date: PartialDate::ym(2024, 3), year: 2024 };
        "XXXX-12-28/XXXX-01-02" with doc("2024-01-03") => "2023-12-28/2024-01-02" from YearSource::DocumentDate { date: PartialDate::ymd(2024, 1, 3), year: 2023 };
        "2022-03-22" with doc("2024-03-29") => "2022-03-22" from YearSource::Written;
        "XXXX-03-22" with YearContext::default() => "XXXX-03-22" from YearSource::Unknown;
        "XXXX-03-22" with YearContext { rule_year: Some(2021), ..doc("2024-03-29") } => "2021-03-22" from YearSource::Rule { year: 2021 };
        "XXXX-03-22" with YearContext { rule_value: Some(iso("2024-03-22")), ..doc("2025-03-29") } => "2024-03-22" from YearSource::Rule { year: 2024 };
        // Across the new year: the rule's year would put the date after the document.
        "XXXX-12-16" with YearContext { rule_value: Some(iso("2025-01-09")), ..doc("2025-01-12") } => "2024-12-16" from YearSource::DocumentOverRule { date: PartialDate::ymd(2025, 1, 12), year: 2024, rule_year: 2025 };
        "XXXX-12-16" with YearContext { rule_year: Some(2025), ..doc("2025-01-12") } => "2024-12-16" from YearSource::DocumentOverRule { date: PartialDate::ymd(2025, 1, 12), year: 2024, rule_year: 2025 };
        // The coming days are still the rule's year; a date before the document is too.
        "XXXX-01-15" with YearContext { rule_value: Some(iso("2025-01-09")), ..doc("2025-01-12") } => "2025-01-15" from YearSource::Rule { year: 2025 };
        "XXXX-01-03" with YearContext { rule_value: Some(iso("2024-01-03")), ..doc("2024-12-20") } => "2024-01-03" from YearSource::Rule { year: 2024 };
        // A December piece naming "Jan. 3" as past: this year's, not the coming one.
        "XXXX-01-03" with doc("2024-12-20") => "2024-01-03" from YearSource::DocumentDate { date: PartialDate::ymd(2024, 12, 20), year: 2024 };
        "XXXX-01-01" with YearContext { rule_value: Some(iso("2023-12-28/2024-01-02")), ..YearContext::default() } => "2024-01-01" from YearSource::Rule { year: 2024 };
    }

    #[test]
    fn year_source_notes() {
        let s = YearSource::DocumentDate {
            date: PartialDate::ymd(2024, 3, 29),
            year: 2024,
        };
        assert_eq!(s.to_string(), "year 2024 from the document date 2024-03-29");
        let s = YearSource::DocumentOverRule {
            date: PartialDate::ymd(2025, 1, 12),
            year: 2024,
            rule_year: 2025,
        };
        assert_eq!(
            s.to_string(),
            "year 2024 from the document date 2025-01-12: the rule's 2025 would put it after \
             the document"
        );
        assert_eq!(
            YearSource::Rule { year: 2024 }.to_string(),
            "year 2024 from the rule"
        );
    }
}
