//! Amounts: numbers with their hedges and ranges, and how each is read as an interval.
//!
//! [`amounts`] groups the numbers of a window ([`crate::extract::number::scan`]) into amounts:
//! "at least 139", "139 or more", "between 90 and 100", "some 140", "dozens". Each amount keeps
//! the span of the whole phrase and of its number part, so binding code can underline exactly
//! the right bytes, and the exclusion of its number, so `explain` can say why "in 2023" was not
//! read. [`to_quantity`] turns an amount into the interval of extraction.md §A4 under a rule's
//! `tolerance`, `roundness` and `bare_round`; [`describe`] says in words how it was read.

use std::ops::Range;

use crate::extract::number::{self, Exclusion, Form, NumUnit, NumberToken};
use crate::rules::{BareRound, QuantityRule, Unit};
use crate::value::interval::{Hedge, Interval, Quantity, number_text};

/// A number with its hedge or range, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    /// The whole phrase: "at least 139", "between 90 and 100", "$4.2 million", "139 or more".
    pub span: Range<usize>,
    /// The number part, without hedge or unit markers: "139", "90 and 100", "4.2 million".
    pub number_span: Range<usize>,
    /// The hedge words, if any ("at least", "or more", "between"); `None` for a bare number.
    pub hedge_span: Option<Range<usize>>,
    /// What the hedge means.
    pub hedge: Hedge,
    /// The number; for a range its lower end, for a vague count its lower bound.
    pub value: f64,
    /// For a range, its upper end.
    pub high: Option<f64>,
    /// For a vague count, its bounds.
    pub vague: Option<(f64, f64)>,
    /// Plain, percent or money.
    pub unit: NumUnit,
    /// Why the number is not a count, if it is not.
    pub exclusion: Option<Exclusion>,
    /// Whether a range was written high to low ("100-90") and swapped.
    pub swapped: bool,
}

/// Why an amount does not fit a rule: its own exclusion or a unit the rule does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfit {
    /// The number is not a quantity at all (a year, a time …).
    Excluded(Exclusion),
    /// Money where the rule does not count money.
    Money,
    /// A percentage where the rule does not count percentages.
    Percent,
    /// Money in another currency than the rule's.
    Currency,
    /// A fraction where the rule counts whole things ("6.8 people").
    NotInteger,
    /// A plain number where the rule wants money or a percentage.
    NoUnit,
    /// Any number but an age, where the rule reads ages.
    NotAge,
}

impl Unfit {
    /// A few words for `explain`.
    pub fn reason(self) -> &'static str {
        match self {
            Unfit::Excluded(e) => e.reason(),
            Unfit::Money => "an amount of money",
            Unfit::Percent => "a percentage",
            Unfit::Currency => "another currency",
            Unfit::NotInteger => "not a whole number",
            Unfit::NoUnit => "no unit",
            Unfit::NotAge => "not an age",
        }
    }
}

impl Amount {
    /// Why this amount cannot be a mention of a rule with this `unit` (and `currency`, an
    /// ISO code or anything [`number::currency_code`] reads), or `None` when it can.
    pub fn unfit_for(&self, unit: Unit, currency: Option<&str>) -> Option<Unfit> {
        if unit == Unit::Age {
            return (self.exclusion != Some(Exclusion::Age)).then_some(Unfit::NotAge);
        }
        if let Some(e) = self.exclusion {
            return Some(Unfit::Excluded(e));
        }
        match (unit, self.unit) {
            (Unit::Count | Unit::Number, NumUnit::Money(_)) => Some(Unfit::Money),
            (Unit::Count | Unit::Number, NumUnit::Percent) => Some(Unfit::Percent),
            (Unit::Count, NumUnit::Plain) => {
                let whole = self.value.fract() == 0.0 && self.high.is_none_or(|h| h.fract() == 0.0);
                (!whole).then_some(Unfit::NotInteger)
            }
            (Unit::Number, NumUnit::Plain) => None,
            (Unit::Percent, NumUnit::Percent) => None,
            (Unit::Percent, NumUnit::Money(_)) => Some(Unfit::Money),
            (Unit::Money, NumUnit::Money(code)) => {
                let want = currency.map(|c| number::currency_code(c).unwrap_or(""));
                want.is_some_and(|w| w != code).then_some(Unfit::Currency)
            }
            (Unit::Money, NumUnit::Percent) => Some(Unfit::Percent),
            (Unit::Percent | Unit::Money, NumUnit::Plain) => Some(Unfit::NoUnit),
            (Unit::Age, _) => Some(Unfit::NotAge), // answered above
        }
    }
}

/// Prefix hedges, longest first within each shared tail so the longest match wins.
const PREFIX: &[(&str, Hedge)] = &[
    ("no fewer than", Hedge::AtLeast),
    ("no less than", Hedge::AtLeast),
    ("not less than", Hedge::AtLeast),
    ("not fewer than", Hedge::AtLeast),
    ("a minimum of", Hedge::AtLeast),
    ("at least", Hedge::AtLeast),
    ("slightly more than", Hedge::JustOver),
    ("a little more than", Hedge::JustOver),
    ("just more than", Hedge::JustOver),
    ("no more than", Hedge::AtMost),
    ("not more than", Hedge::AtMost),
    ("more than", Hedge::MoreThan),
    ("a little over", Hedge::JustOver),
    ("just over", Hedge::JustOver),
    ("slightly over", Hedge::JustOver),
    ("over", Hedge::MoreThan),
    ("above", Hedge::MoreThan),
    ("upwards of", Hedge::MoreThan),
    ("in excess of", Hedge::MoreThan),
    ("exceeding", Hedge::MoreThan),
    ("greater than", Hedge::MoreThan),
    ("up to", Hedge::AtMost),
    ("at most", Hedge::AtMost),
    ("a maximum of", Hedge::AtMost),
    ("as many as", Hedge::AtMost),
    ("fewer than", Hedge::FewerThan),
    ("less than", Hedge::FewerThan),
    ("just under", Hedge::Nearly),
    ("under", Hedge::FewerThan),
    ("below", Hedge::FewerThan),
    ("more or less", Hedge::Approx),
    ("about", Hedge::Approx),
    ("around", Hedge::Approx),
    ("some", Hedge::Approx),
    ("roughly", Hedge::Approx),
    ("approximately", Hedge::Approx),
    ("approx", Hedge::Approx),
    ("an estimated", Hedge::Approx),
    ("estimated", Hedge::Approx),
    ("circa", Hedge::Approx),
    ("nearly", Hedge::Nearly),
    ("almost", Hedge::Nearly),
    ("close to", Hedge::Nearly),
    ("not quite", Hedge::Nearly),
    ("exactly", Hedge::Exact),
    ("precisely", Hedge::Exact),
];

/// Postfix hedges: "139 or more", "N+" is handled apart.
const POSTFIX: &[(&str, Hedge)] = &[
    ("or more", Hedge::AtLeast),
    ("or fewer", Hedge::AtMost),
    ("or less", Hedge::AtMost),
    ("or so", Hedge::Approx),
];

/// Matches `phrase` (words separated by single spaces) ending exactly at `end`, word by word
/// backwards, case-insensitively; returns its start.
fn phrase_before(text: &str, end: usize, phrase: &str) -> Option<usize> {
    let mut e = end;
    let mut start = end;
    for word in phrase.rsplit(' ') {
        let w = number::prev_word(text, e)?;
        if !text.get(w.clone())?.eq_ignore_ascii_case(word) {
            return None;
        }
        start = w.start;
        e = w.start;
    }
    Some(start)
}

fn phrase_after(text: &str, start: usize, phrase: &str) -> Option<usize> {
    let mut s = start;
    for word in phrase.split(' ') {
        let w = number::next_word(text, s)?;
        if !text.get(w.clone())?.eq_ignore_ascii_case(word) {
            return None;
        }
        s = w.end;
    }
    Some(s)
}

/// The prefix hedge ending at `end` (before the number or its currency symbol).
fn prefix_hedge(text: &str, end: usize) -> Option<(Range<usize>, Hedge)> {
    let b = text.as_bytes();
    // Symbols: "~140", "~ 140", "c. 140", "approx. 140".
    let k = skip_spaces_back(text, end);
    if k > 0 && b[k - 1] == b'~' {
        return Some((k - 1..end, Hedge::Approx));
    }
    if k > 0 && b[k - 1] == b'.' {
        for abbr in ["c", "ca", "approx", "est"] {
            if let Some(s) = phrase_before(text, k - 1, abbr)
                && number::prev_word(text, k - 1).is_some_and(|w| w.end == k - 1)
            {
                return Some((s..k, Hedge::Approx));
            }
        }
    }
    // Most numbers follow a word no hedge ends with: the word is read once, not per phrase.
    let last = number::prev_word(text, end).and_then(|w| text.get(w))?;
    let mut best: Option<(usize, Hedge)> = None;
    for &(phrase, hedge) in PREFIX {
        let ends_with = phrase.rsplit_once(' ').map_or(phrase, |(_, w)| w);
        if !ends_with.eq_ignore_ascii_case(last) {
            continue;
        }
        if let Some(s) = phrase_before(text, end, phrase)
            && best.is_none_or(|(bs, _)| s < bs)
        {
            best = Some((s, hedge));
        }
    }
    let (s, hedge) = best?;
    Some((s..skip_spaces_back(text, end), hedge))
}

fn skip_spaces_back(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i > 0 && matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'\r') {
        i -= 1;
    }
    i
}

/// The postfix hedge starting at `start` (after the number and its unit).
fn postfix_hedge(text: &str, start: usize) -> Option<(Range<usize>, Hedge)> {
    if text.as_bytes().get(start) == Some(&b'+')
        && !text
            .get(start + 1..)
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_alphanumeric)
    {
        return Some((start..start + 1, Hedge::AtLeast));
    }
    for &(phrase, hedge) in POSTFIX {
        if let Some(e) = phrase_after(text, start, phrase) {
            let s = number::next_word(text, start).map_or(start, |w| w.start);
            return Some((s..e, hedge));
        }
    }
    None
}

/// What joins two numbers into a range, if anything: "-", "to", "and" (after "between").
fn range_join(text: &str, a: &NumberToken, b: &NumberToken) -> Option<&'static str> {
    let gap = text.get(a.full_span().end..b.full_span().start)?.trim();
    match gap {
        "-" => Some("-"),
        _ if gap.eq_ignore_ascii_case("to") => Some("to"),
        _ if gap.eq_ignore_ascii_case("and") => Some("and"),
        _ => None,
    }
}

/// Every amount among the numbers starting in `window`.
pub fn amounts(text: &str, window: Range<usize>) -> Vec<Amount> {
    amounts_of(text, &number::scan(text, window))
}

/// The amounts made of already scanned `tokens` (in text order).
pub fn amounts_of(text: &str, tokens: &[NumberToken]) -> Vec<Amount> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut k = 0;
    while k < tokens.len() {
        let a = &tokens[k];
        let a_span = a.full_span();
        // Ranges: "90-100", "90 to 100", "between 90 and 100", "from 90 to 100".
        if let Some(b) = tokens.get(k + 1)
            && a.form != Form::Vague
            && b.form != Form::Vague
            && let Some(join) = range_join(text, a, b)
            // "2022-23", "F-16-22": codes joined by a dash are not ranges.
            && a.exclusion != Some(Exclusion::Identifier)
            && b.exclusion != Some(Exclusion::Identifier)
        {
            let lead = ["between", "from"]
                .iter()
                .find_map(|w| phrase_before(text, a_span.start, w).map(|s| (s, *w)));
            let ok = match join {
                "and" => lead.is_some_and(|(_, w)| w == "between"),
                _ => lead.is_none_or(|(_, w)| w != "between"),
            };
            // A year range ("2019-2023") stays a year; ranges of other excluded numbers are
            // excluded as a whole.
            if ok {
                let exclusion = a.exclusion.or(b.exclusion);
                let unit = if a.unit == NumUnit::Plain {
                    b.unit
                } else {
                    a.unit
                };
                let (mut lo, mut hi) = (a.value, b.value);
                let swapped = lo > hi;
                if swapped {
                    std::mem::swap(&mut lo, &mut hi);
                }
                let b_span = b.full_span();
                let start = lead.map_or(a_span.start, |(s, _)| s);
                let mut amount = Amount {
                    span: start..b_span.end,
                    number_span: a.span.start..b.span.end,
                    hedge_span: lead.map(|(s, w)| s..s + w.len()),
                    hedge: Hedge::Range,
                    value: lo,
                    high: Some(hi),
                    vague: None,
                    unit,
                    exclusion,
                    swapped,
                };
                // "more than 90-100" is rare; a prefix hedge on a range is kept in the span
                // only, the range reading wins.
                if lead.is_none()
                    && let Some((h, _)) = prefix_hedge(text, a_span.start)
                {
                    amount.span.start = h.start;
                }
                out.push(amount);
                k += 2;
                continue;
            }
        }
        let mut amount = Amount {
            span: a_span.clone(),
            number_span: a.span.clone(),
            hedge_span: None,
            hedge: if a.form == Form::Vague {
                Hedge::Vague
            } else {
                Hedge::Exact
            },
            value: a.value,
            high: None,
            vague: a.vague,
            unit: a.unit,
            exclusion: a.exclusion,
            swapped: false,
        };
        if a.form != Form::Vague {
            if let Some((h, hedge)) = prefix_hedge(text, a_span.start) {
                amount.span.start = h.start;
                amount.hedge_span = Some(h);
                amount.hedge = hedge;
            } else if let Some((h, hedge)) = postfix_hedge(text, a_span.end) {
                amount.span.end = h.end;
                amount.hedge_span = Some(h);
                amount.hedge = hedge;
            }
            // A hedge says this is an amount: "more than 2000" is not a year.
            if amount.hedge_span.is_some() && amount.exclusion == Some(Exclusion::LikelyYear) {
                amount.exclusion = None;
            }
        }
        out.push(amount);
        k += 1;
    }
    out
}

/// How a rule reads its amounts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadParams {
    /// The rule's tolerance t as a fraction (0.05).
    pub tolerance: f64,
    /// Whether the roundness term g(N)/2 widens approximate readings.
    pub roundness: bool,
    /// How bare round numbers are read.
    pub bare_round: BareRound,
    /// The rule's unit: counts get closed integer intervals, other units real ones.
    pub unit: Unit,
}

impl Default for ReadParams {
    fn default() -> ReadParams {
        ReadParams {
            tolerance: 0.05,
            roundness: true,
            bare_round: BareRound::Exact,
            unit: Unit::Count,
        }
    }
}

impl ReadParams {
    /// The parameters of a quantity rule.
    pub fn of_rule(rule: &QuantityRule) -> ReadParams {
        ReadParams {
            tolerance: rule.tolerance,
            roundness: rule.roundness,
            bare_round: rule.bare_round,
            unit: rule.unit,
        }
    }

    fn counts(&self) -> bool {
        self.unit == Unit::Count
    }
}

/// g(N): the place value of N's last non-zero digit (140 → 10, 1,500 → 100, 144 → 1,
/// 6.8 → 0.1). For counts it is at least 1.
pub fn granularity(n: f64) -> f64 {
    let n = n.abs();
    if !n.is_finite() || n == 0.0 {
        return 1.0;
    }
    let mut g = 1.0f64;
    if n.fract() == 0.0 {
        while g < 1e15 && (n / (g * 10.0)).fract() == 0.0 {
            g *= 10.0;
        }
    } else {
        // Decimals: the smallest power of ten that makes N whole, with a little slack for
        // binary rounding (6.8 is 6.7999…).
        while g > 1e-9 && ((n / g).round() - n / g).abs() > 1e-6 {
            g /= 10.0;
        }
    }
    g
}

/// w(N) = max(1, ⌈t·N⌉, g(N)/2) for counts (extraction.md §A4); max(t·N, g(N)/2) for other
/// units, where neither the floor of 1 nor the rounding up to a whole number makes sense.
/// The g(N)/2 term is dropped when `roundness` is off.
pub fn slack_width(n: f64, p: &ReadParams) -> f64 {
    let n = n.abs();
    let t = p.tolerance.max(0.0);
    let round = if p.roundness {
        granularity(n) / 2.0
    } else {
        0.0
    };
    if p.counts() {
        1f64.max((t * n).ceil()).max(round)
    } else {
        (t * n).max(round)
    }
}

/// Whether a bare number is "round" for `bare_round = "approx"`: a whole number ending in 0.
fn is_round(n: f64) -> bool {
    n >= 10.0 && n.fract() == 0.0 && granularity(n) >= 10.0
}

/// The interval a rule reads this amount as (extraction.md §A4).
///
/// Counts get closed integer intervals: strict bounds move by one ("more than 140" is
/// `[141, ∞)`), approximate ends round outwards (⌊N − w⌋, ⌈N + w⌉) so the interval holds every
/// whole number the real reading holds, and lower ends are clamped at 0 ("fewer than 0" reads
/// as `[0, 0]`). Other units get real intervals with open ends for strict bounds. A bare round
/// number is read as "about N" when the rule says `bare_round = "approx"`.
pub fn to_quantity(a: &Amount, p: &ReadParams) -> Quantity {
    let n = a.value;
    let counts = p.counts();
    let w = slack_width(n, p);
    let mut hedge = a.hedge;
    if hedge == Hedge::Exact
        && a.hedge_span.is_none()
        && p.bare_round == BareRound::Approx
        && is_round(n)
    {
        hedge = Hedge::Approx;
    }
    let closed = Interval::closed;
    let open_lo = |lo: f64, hi: f64| Interval {
        lo,
        hi,
        lo_open: true,
        hi_open: false,
    };
    let open_hi = |lo: f64, hi: f64| Interval {
        lo,
        hi,
        lo_open: false,
        hi_open: true,
    };
    let interval = match hedge {
        Hedge::Exact => closed(n, n),
        Hedge::AtLeast if counts => Interval::at_least(n.ceil().max(0.0)),
        Hedge::AtLeast => Interval::at_least(n),
        Hedge::MoreThan if counts => Interval::at_least((n.floor() + 1.0).max(0.0)),
        Hedge::MoreThan => open_lo(n, f64::INFINITY),
        Hedge::AtMost if counts => closed(0.0, n.floor().max(0.0)),
        Hedge::AtMost => closed(0.0_f64.min(n), n),
        Hedge::FewerThan if counts => closed(0.0, (n.ceil() - 1.0).max(0.0)),
        Hedge::FewerThan => open_hi(0.0_f64.min(n), n),
        Hedge::Approx if counts => closed((n - w).floor().max(0.0), (n + w).ceil()),
        Hedge::Approx => closed((n - w).max(0.0_f64.min(n)), n + w),
        Hedge::Nearly if counts => {
            let hi = (n.ceil() - 1.0).max(0.0);
            closed((n - w).floor().max(0.0).min(hi), hi)
        }
        Hedge::Nearly => open_hi((n - w).max(0.0_f64.min(n)), n),
        Hedge::JustOver if counts => closed(n.floor() + 1.0, (n + w).ceil().max(n.floor() + 1.0)),
        Hedge::JustOver => open_lo(n, n + w),
        Hedge::Range => closed(n, a.high.unwrap_or(n)),
        Hedge::Vague => {
            let (lo, hi) = a.vague.unwrap_or((n, n));
            closed(lo, hi)
        }
    };
    Quantity {
        interval,
        hedge,
        number: (hedge != Hedge::Vague).then_some(n),
        some_of: false,
    }
}

/// How a mention was read, in words: "139 or more", "133 to 147", "144".
pub fn describe(q: &Quantity) -> String {
    let i = &q.interval;
    let t = number_text;
    if i.is_point() {
        return t(i.lo);
    }
    if i.hi.is_infinite() {
        return if i.lo_open {
            format!("more than {}", t(i.lo))
        } else {
            format!("{} or more", t(i.lo))
        };
    }
    if matches!(q.hedge, Hedge::AtMost | Hedge::FewerThan) && i.lo <= 0.0 {
        return if i.hi_open {
            format!("less than {}", t(i.hi))
        } else {
            format!("at most {}", t(i.hi))
        };
    }
    let lo = if i.lo_open {
        format!("more than {}", t(i.lo))
    } else {
        t(i.lo)
    };
    let hi = if i.hi_open {
        format!("less than {}", t(i.hi))
    } else {
        t(i.hi)
    };
    format!("{lo} to {hi}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(t: f64) -> ReadParams {
        ReadParams {
            tolerance: t,
            ..ReadParams::default()
        }
    }

    /// The one usable amount of `text`.
    fn amount(text: &str) -> Amount {
        let all = amounts(text, 0..text.len());
        assert_eq!(all.len(), 1, "{text:?}: {all:?}");
        all.into_iter().next().unwrap()
    }

    fn read(text: &str, p: &ReadParams) -> Quantity {
        let a = amount(text);
        assert_eq!(a.exclusion, None, "{text:?}");
        to_quantity(&a, p)
    }

    fn end(x: &str) -> f64 {
        if x == "inf" {
            f64::INFINITY
        } else {
            x.parse().unwrap()
        }
    }

    /// Rows: text => [lo, hi] with hedge, under t = 5%, roundness on, bare exact.
    macro_rules! intervals {
        ($($name:ident: $text:expr, $p:expr => [$lo:expr, $hi:expr], $hedge:ident;)*) => {$(
            #[test]
            fn $name() {
                let q = read($text, &$p);
                assert_eq!(
                    (q.interval.lo, q.interval.hi),
                    (end(stringify!($lo)), end(stringify!($hi))),
                    "{:?} read as {}", $text, q.interval
                );
                assert_eq!(q.hedge, Hedge::$hedge, "{:?}", $text);
            }
        )*};
    }

    const T5: ReadParams = ReadParams {
        tolerance: 0.05,
        roundness: true,
        bare_round: BareRound::Exact,
        unit: Unit::Count,
    };
    const T2: ReadParams = ReadParams {
        tolerance: 0.02,
        ..T5
    };
    const T2_SHARP: ReadParams = ReadParams {
        tolerance: 0.02,
        roundness: false,
        ..T5
    };
    const BARE: ReadParams = ReadParams {
        bare_round: BareRound::Approx,
        ..T5
    };

    intervals! {
        // DESIGN §3 table.
        bare: "killed 144 people", T5 => [144, 144], Exact;
        at_least: "at least 139 people", T5 => [139, inf], AtLeast;
        no_fewer_than: "no fewer than 139 people", T5 => [139, inf], AtLeast;
        or_more: "139 or more people", T5 => [139, inf], AtLeast;
        more_than: "more than 140 people", T5 => [141, inf], MoreThan;
        over: "over 140 people", T5 => [141, inf], MoreThan;
        upwards_of: "upwards of 140 people", T5 => [141, inf], MoreThan;
        up_to: "up to 150 people", T5 => [0, 150], AtMost;
        at_most: "at most 150 people", T5 => [0, 150], AtMost;
        no_more_than: "no more than 150 people", T5 => [0, 150], AtMost;
        fewer_than: "fewer than 150 people", T5 => [0, 149], FewerThan;
        less_than: "less than 150 people", T5 => [0, 149], FewerThan;
        under: "under 150 people", T5 => [0, 149], FewerThan;
        nearly: "nearly 150 people", T5 => [142, 149], Nearly;
        almost: "almost 150 people", T5 => [142, 149], Nearly;
        about: "about 140 people", T5 => [133, 147], Approx;
        around: "around 140 people", T5 => [133, 147], Approx;
        some: "some 140 people", T5 => [133, 147], Approx;
        roughly: "roughly 140 people", T5 => [133, 147], Approx;
        approximately: "approximately 140 people", T5 => [133, 147], Approx;
        an_estimated: "an estimated 140 people", T5 => [133, 147], Approx;
        range_dash: "1,500-2,000 people", T5 => [1500, 2000], Range;
        range_between: "between 1,500 and 2,000 people", T5 => [1500, 2000], Range;
        range_to: "90 to 100 people", T5 => [90, 100], Range;
        range_from: "from 90 to 100 people", T5 => [90, 100], Range;
        range_swapped: "100-90 people", T5 => [90, 100], Range;
        range_words: "between ninety and one hundred people", T5 => [90, 100], Range;
        dozens: "dozens of people", T5 => [24, 99], Vague;
        hundreds: "hundreds of people", T5 => [200, 999], Vague;
        thousands: "thousands of people", T5 => [2000, 9999], Vague;
        // extraction.md §A4 table, the other triggers.
        not_less_than: "not less than 139", T5 => [139, inf], AtLeast;
        no_less_than: "no less than 139", T5 => [139, inf], AtLeast;
        minimum: "a minimum of 139", T5 => [139, inf], AtLeast;
        plus: "139+ people", T5 => [139, inf], AtLeast;
        above: "above 140", T5 => [141, inf], MoreThan;
        in_excess: "in excess of 140", T5 => [141, inf], MoreThan;
        exceeding: "exceeding 140", T5 => [141, inf], MoreThan;
        greater_than: "greater than 140", T5 => [141, inf], MoreThan;
        not_more_than: "not more than 150", T5 => [0, 150], AtMost;
        maximum: "a maximum of 150", T5 => [0, 150], AtMost;
        as_many_as: "as many as 150", T5 => [0, 150], AtMost;
        or_fewer: "150 or fewer", T5 => [0, 150], AtMost;
        or_less: "150 or less", T5 => [0, 150], AtMost;
        below: "below 150", T5 => [0, 149], FewerThan;
        estimated: "estimated 140", T5 => [133, 147], Approx;
        circa: "circa 140", T5 => [133, 147], Approx;
        c_dot: "c. 140", T5 => [133, 147], Approx;
        tilde: "~140", T5 => [133, 147], Approx;
        or_so: "140 or so", T5 => [133, 147], Approx;
        more_or_less: "more or less 140", T5 => [133, 147], Approx;
        close_to: "close to 150", T5 => [142, 149], Nearly;
        just_under: "just under 150", T5 => [142, 149], Nearly;
        not_quite: "not quite 150", T5 => [142, 149], Nearly;
        just_over: "just over 140", T5 => [141, 147], JustOver;
        slightly_more: "slightly more than 140", T5 => [141, 147], JustOver;
        a_little_over: "a little over 140", T5 => [141, 147], JustOver;
        exactly: "exactly 140", T5 => [140, 140], Exact;
        precisely: "precisely 140", T5 => [140, 140], Exact;
        handful: "a handful", T5 => [2, 5], Vague;
        several: "several", T5 => [3, 9], Vague;
        scores: "scores of people", T5 => [40, 99], Vague;
        tens_of_thousands: "tens of thousands", T5 => [20000, 99999], Vague;
        // Worked cases and boundaries.
        some_t2: "some 140", T2 => [135, 145], Approx;
        some_sharp: "some 140", T2_SHARP => [137, 143], Approx;
        some_sharp_number: "some 144", T5 => [136, 152], Approx;
        about_1500: "about 1,500", T2 => [1450, 1550], Approx;
        about_small: "about 5", T5 => [4, 6], Approx;
        about_one: "about one", T5 => [0, 2], Approx;
        nearly_sharp: "nearly 150", T2_SHARP => [147, 149], Nearly;
        bare_round_approx: "140 people", BARE => [133, 147], Approx;
        bare_sharp_stays: "144 people", BARE => [144, 144], Exact;
        exactly_round_stays: "exactly 140", BARE => [140, 140], Exact;
        fewer_than_zero: "fewer than 0", T5 => [0, 0], FewerThan;
        more_than_million: "more than 1.5 million", T5 => [1500001, inf], MoreThan;
        hedged_year_like: "more than 2000 people", T5 => [2001, inf], MoreThan;
        words_hedged: "at least ninety-six", T5 => [96, inf], AtLeast;
    }

    #[test]
    fn spans_cover_hedge_and_number() {
        let text = "killing at least 139 people";
        let a = amount(text);
        assert_eq!(&text[a.span.clone()], "at least 139");
        assert_eq!(&text[a.number_span.clone()], "139");
        assert_eq!(&text[a.hedge_span.clone().unwrap()], "at least");
        let text = "a toll of 139 or more.";
        let a = amount(text);
        assert_eq!(&text[a.span.clone()], "139 or more");
        let text = "between 90 and 100 died";
        let a = amount(text);
        assert_eq!(&text[a.span.clone()], "between 90 and 100");
        assert_eq!(&text[a.number_span.clone()], "90 and 100");
        let text = "cost more than $4.2 million";
        let a = amount(text);
        assert_eq!(&text[a.span.clone()], "more than $4.2 million");
        assert_eq!(&text[a.number_span.clone()], "4.2 million");
        assert_eq!(a.unit, NumUnit::Money("USD"));
        let text = "rose 12 per cent";
        let a = amount(text);
        assert_eq!(&text[a.span.clone()], "12 per cent");
        assert_eq!(&text[a.number_span.clone()], "12");
        let text = "the 2022-23 season";
        let all = amounts(text, 0..text.len());
        assert_eq!(all.len(), 2);
        assert!(
            all.iter()
                .all(|a| a.exclusion == Some(Exclusion::Identifier))
        );
        assert!(amount("100-90").swapped);
    }

    #[test]
    fn non_count_units_use_real_intervals() {
        let p = ReadParams {
            unit: Unit::Percent,
            ..T5
        };
        let q = read("more than 12%", &p);
        assert_eq!(q.interval.lo, 12.0);
        assert!(q.interval.lo_open);
        assert_eq!(describe(&q), "more than 12");
        let q = read("about 12%", &p);
        assert!((q.interval.lo - 11.4).abs() < 1e-9 && (q.interval.hi - 12.6).abs() < 1e-9);
        let q = read("under 12%", &p);
        assert!(q.interval.hi_open);
        assert_eq!(describe(&q), "less than 12");
        let p = ReadParams {
            unit: Unit::Number,
            ..T5
        };
        let q = read("nearly 7.0 magnitude", &p);
        assert!(q.interval.hi_open && q.interval.hi == 7.0);
    }

    #[test]
    fn describes_readings() {
        let d = |text: &str| describe(&read(text, &T5));
        assert_eq!(d("at least 139"), "139 or more");
        assert_eq!(d("some 140"), "133 to 147");
        assert_eq!(d("more than 140"), "141 or more");
        assert_eq!(d("dozens"), "24 to 99");
        assert_eq!(d("144"), "144");
        assert_eq!(d("under 150"), "at most 149");
    }

    #[test]
    fn worked_cases_of_a4() {
        let v = |text: &str, p: &ReadParams| read(text, p).interval;
        assert!(v("at least 139", &T5).overlaps(&v("144", &T5)));
        assert!(!v("144", &T5).overlaps(&v("139", &T5)));
        assert!(v("some 140", &T5).contains(144.0));
        assert!(v("some 140", &T2).contains(144.0));
        assert!(!v("some 140", &T2_SHARP).contains(144.0));
        assert!(!v("over 140", &T5).overlaps(&v("139", &T5)));
        assert!(v("over 140", &T5).overlaps(&v("at least 139", &T5)));
        assert!(v("nearly 150", &T5).contains(144.0));
        assert!(!v("killed 96", &T5).overlaps(&v("killing 94", &T5)));
    }

    #[test]
    fn unfit_units_and_exclusions() {
        let a = amount("in 2023 it");
        assert_eq!(
            a.unfit_for(Unit::Count, None),
            Some(Unfit::Excluded(Exclusion::Year))
        );
        let a = amount("cost $4.2 million");
        assert_eq!(a.unfit_for(Unit::Count, None), Some(Unfit::Money));
        assert_eq!(a.unfit_for(Unit::Money, None), None);
        assert_eq!(a.unfit_for(Unit::Money, Some("$")), None);
        assert_eq!(a.unfit_for(Unit::Money, Some("EUR")), Some(Unfit::Currency));
        let a = amount("12 per cent");
        assert_eq!(a.unfit_for(Unit::Count, None), Some(Unfit::Percent));
        assert_eq!(a.unfit_for(Unit::Percent, None), None);
        let a = amount("magnitude 6.8");
        assert_eq!(a.unfit_for(Unit::Count, None), Some(Unfit::NotInteger));
        assert_eq!(a.unfit_for(Unit::Number, None), None);
        let a = amount("one of the attackers");
        assert_eq!(
            a.unfit_for(Unit::Count, None),
            Some(Unfit::Excluded(Exclusion::Pronoun))
        );
        let a = amount("in 2019-2023 it");
        assert_eq!(a.exclusion, Some(Exclusion::Year));
        // A hedge lifts the "probably a year" guess from a bare 4-digit number.
        let a = amount("some 2000 years");
        assert_eq!(a.exclusion, None);
    }

    #[test]
    fn date_ranges_are_not_amount_ranges() {
        let a = amount("on Mar. 8-10 it");
        assert_eq!(a.exclusion, Some(Exclusion::DatePart));
    }

    #[test]
    fn roundness_and_granularity() {
        assert_eq!(granularity(140.0), 10.0);
        assert_eq!(granularity(1500.0), 100.0);
        assert_eq!(granularity(144.0), 1.0);
        assert!((granularity(6.8) - 0.1).abs() < 1e-12);
        assert_eq!(slack_width(140.0, &T5), 7.0);
        assert_eq!(slack_width(140.0, &T2), 5.0);
        assert_eq!(slack_width(140.0, &T2_SHARP), 3.0);
        assert_eq!(slack_width(150.0, &T5), 8.0);
        let _ = params(0.1);
    }
}
