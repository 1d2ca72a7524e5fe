//! Quantities as intervals: hedged figures ("at least 139", "some 140") and their algebra.
//!
//! Every figure a document gives is read as the set of values its wording allows
//! (extraction.md §A4): "144" is `[144, 144]`, "at least 139" is `[139, ∞)`. Two mentions agree
//! when their intervals overlap; a mention agrees with a known value when it contains it. The
//! reading itself (which hedge gives which interval) lives in [`crate::extract::hedge`]; this
//! module only holds the types and the algebra, so `compare` never depends on `extract`.

use std::fmt;

use serde::Serialize;
use serde::ser::SerializeMap;

/// An interval of reals; `hi = f64::INFINITY` for "no upper bound".
///
/// Counts use closed integer end points: strict bounds of counts are already shifted by one
/// ("more than 140" is `[141, ∞)`), so `lo_open`/`hi_open` are only set for real-valued units
/// (percentages, money, decimals), where "more than 12%" is `(12, ∞)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower bound (inclusive unless `lo_open`).
    pub lo: f64,
    /// Upper bound (inclusive unless `hi_open`); infinity for none.
    pub hi: f64,
    /// Whether `lo` itself is excluded (only for non-count units).
    pub lo_open: bool,
    /// Whether `hi` itself is excluded (only for non-count units).
    pub hi_open: bool,
}

impl Interval {
    /// The closed interval `[lo, hi]`.
    pub fn closed(lo: f64, hi: f64) -> Interval {
        Interval {
            lo,
            hi,
            lo_open: false,
            hi_open: false,
        }
    }

    /// The single value `x`.
    pub fn point(x: f64) -> Interval {
        Interval::closed(x, x)
    }

    /// `[lo, ∞)`.
    pub fn at_least(lo: f64) -> Interval {
        Interval::closed(lo, f64::INFINITY)
    }

    /// Whether no value lies in the interval (`lo > hi`, or `(x, x)`, or a NaN end).
    pub fn is_empty(&self) -> bool {
        // `partial_cmp` is `None` for a NaN end point, which counts as empty.
        match self.lo.partial_cmp(&self.hi) {
            Some(std::cmp::Ordering::Less) => false,
            Some(std::cmp::Ordering::Equal) => self.lo_open || self.hi_open,
            Some(std::cmp::Ordering::Greater) | None => true,
        }
    }

    /// Whether both ends are finite ("at least 139" is not bounded, "some 140" is).
    pub fn is_bounded(&self) -> bool {
        self.lo.is_finite() && self.hi.is_finite()
    }

    /// Whether the interval is one value.
    pub fn is_point(&self) -> bool {
        self.lo == self.hi && !self.lo_open && !self.hi_open
    }

    /// Whether `x` lies in the interval.
    pub fn contains(&self, x: f64) -> bool {
        let above = if self.lo_open {
            x > self.lo
        } else {
            x >= self.lo
        };
        let below = if self.hi_open {
            x < self.hi
        } else {
            x <= self.hi
        };
        above && below
    }

    /// The common part, if any.
    pub fn intersect(&self, other: &Interval) -> Option<Interval> {
        // The larger lower bound wins; on equal bounds an open end is the stricter one.
        let (lo, lo_open) = match self.lo.partial_cmp(&other.lo)? {
            std::cmp::Ordering::Greater => (self.lo, self.lo_open),
            std::cmp::Ordering::Less => (other.lo, other.lo_open),
            std::cmp::Ordering::Equal => (self.lo, self.lo_open || other.lo_open),
        };
        let (hi, hi_open) = match self.hi.partial_cmp(&other.hi)? {
            std::cmp::Ordering::Less => (self.hi, self.hi_open),
            std::cmp::Ordering::Greater => (other.hi, other.hi_open),
            std::cmp::Ordering::Equal => (self.hi, self.hi_open || other.hi_open),
        };
        let i = Interval {
            lo,
            hi,
            lo_open,
            hi_open,
        };
        (!i.is_empty()).then_some(i)
    }

    /// Whether the two intervals share a value: the agreement test between two mentions.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.intersect(other).is_some()
    }

    /// The distance between the two intervals: 0 when they overlap or only touch at an open
    /// end (`[0, 5)` and `[5, 9]` are disjoint but 0 apart), else the gap between the facing
    /// end points. For disjoint count intervals this is at least 1 (`[0, 143]` and `144`).
    pub fn gap(&self, other: &Interval) -> f64 {
        if self.overlaps(other) {
            return 0.0;
        }
        if self.hi <= other.lo {
            other.lo - self.hi
        } else {
            (self.lo - other.hi).max(0.0)
        }
    }

    /// The smallest interval holding both.
    pub fn hull(&self, other: &Interval) -> Interval {
        let (lo, lo_open) = if self.lo < other.lo || (self.lo == other.lo && !self.lo_open) {
            (self.lo, self.lo_open)
        } else {
            (other.lo, other.lo_open)
        };
        let (hi, hi_open) = if self.hi > other.hi || (self.hi == other.hi && !self.hi_open) {
            (self.hi, self.hi_open)
        } else {
            (other.hi, other.hi_open)
        };
        Interval {
            lo,
            hi,
            lo_open,
            hi_open,
        }
    }
}

/// Writes a number the way a reader wrote it: integers without a fractional part, infinity
/// as `∞`.
pub(crate) fn fmt_number(x: f64, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if x == f64::INFINITY {
        f.write_str("∞")
    } else if x == f64::NEG_INFINITY {
        f.write_str("-∞")
    } else if x.fract() == 0.0 && x.abs() < 1e15 {
        // Group thousands from 10,000 on, so "4200000" reads as "4,200,000"; years and
        // four-digit counts stay as they are written.
        let n = x as i64;
        let digits = n.unsigned_abs().to_string();
        if digits.len() < 5 {
            return write!(f, "{n}");
        }
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(d);
        }
        write!(f, "{}{grouped}", if n < 0 { "-" } else { "" })
    } else {
        write!(f, "{x}")
    }
}

/// A number as text, as [`fmt_number`] writes it.
pub fn number_text(x: f64) -> String {
    struct N(f64);
    impl fmt::Display for N {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            fmt_number(self.0, f)
        }
    }
    N(x).to_string()
}

/// `144` for a single value, `[139, ∞)`, `[133, 147]`, `(12, 15]`.
impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_point() {
            return fmt_number(self.lo, f);
        }
        f.write_str(if self.lo_open { "(" } else { "[" })?;
        fmt_number(self.lo, f)?;
        f.write_str(", ")?;
        fmt_number(self.hi, f)?;
        // An infinite end is never included, whatever the flag says.
        f.write_str(if self.hi_open || self.hi.is_infinite() {
            ")"
        } else {
            "]"
        })
    }
}

/// A JSON number for an end point: an integer when integral, `null` for an infinite end.
struct End(f64);

impl Serialize for End {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        if !x.is_finite() {
            s.serialize_none()
        } else if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_992.0 {
            // Exactly representable integers print as `94`, not `94.0` (DESIGN §5).
            s.serialize_i64(x as i64)
        } else {
            s.serialize_f64(x)
        }
    }
}

/// `{"lo": 94, "hi": 94}`, `{"lo": 139, "hi": null}`; `lo_open`/`hi_open` only when set.
impl Serialize for Interval {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let len = 2 + usize::from(self.lo_open) + usize::from(self.hi_open);
        let mut m = s.serialize_map(Some(len))?;
        m.serialize_entry("lo", &End(self.lo))?;
        m.serialize_entry("hi", &End(self.hi))?;
        if self.lo_open {
            m.serialize_entry("lo_open", &true)?;
        }
        if self.hi_open {
            m.serialize_entry("hi_open", &true)?;
        }
        m.end()
    }
}

/// How a figure was hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hedge {
    /// "144", "exactly 144".
    Exact,
    /// "at least 139", "139 or more".
    AtLeast,
    /// "more than 140", "over 140".
    MoreThan,
    /// "up to 150", "at most 150", "as many as 150".
    AtMost,
    /// "fewer than 150", "under 150".
    FewerThan,
    /// "about / some / around 140".
    Approx,
    /// "nearly / almost 150".
    Nearly,
    /// "just over 140".
    JustOver,
    /// "90-100", "between 90 and 100".
    Range,
    /// "dozens", "hundreds".
    Vague,
}

/// The four kinds of reading that grading and consensus distinguish (extraction.md §A4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reading {
    /// One value: "144", "exactly 144".
    Exact,
    /// A sharp bound or range: "at least 139", "under 150", "90-100".
    Bounded,
    /// A tolerance-widened reading: "about 140", "nearly 150", "just over 140".
    Approx,
    /// A vague count: "dozens", "hundreds". Never defines a consensus.
    Vague,
}

impl Hedge {
    /// Which kind of reading this hedge gives.
    pub fn reading(self) -> Reading {
        match self {
            Hedge::Exact => Reading::Exact,
            Hedge::AtLeast | Hedge::MoreThan | Hedge::AtMost | Hedge::FewerThan | Hedge::Range => {
                Reading::Bounded
            }
            Hedge::Approx | Hedge::Nearly | Hedge::JustOver => Reading::Approx,
            Hedge::Vague => Reading::Vague,
        }
    }
}

/// A figure as read from a mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The interval the wording allows.
    pub interval: Interval,
    /// The hedge that produced it.
    pub hedge: Hedge,
    /// The number as written (the lower end for a range), if there is one.
    #[serde(serialize_with = "serialize_number")]
    pub number: Option<f64>,
    /// Whether the reading counts only some of those the fact counts: a person named ("he
    /// was pronounced dead", "Jo Reyes was injured"), a subset by severity ("two were
    /// critically wounded") or by place ("one died at the scene"). The text says that many at least, not how many in all, so
    /// judging compares it as a lower bound ([`Quantity::as_compared`]); the interval keeps
    /// what the words count.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub some_of: bool,
}

fn serialize_number<S: serde::Serializer>(n: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    End(n.unwrap_or(f64::NAN)).serialize(s)
}

impl Quantity {
    /// The reading as judging compares it: a count of some of them ([`Quantity::some_of`])
    /// is that many or more, so it disagrees with a smaller count and never with a larger
    /// one; every other reading is itself.
    pub fn as_compared(&self) -> Quantity {
        if !self.some_of {
            return self.clone();
        }
        Quantity {
            interval: Interval::at_least(self.interval.lo),
            hedge: Hedge::AtLeast,
            number: self.number,
            some_of: true,
        }
    }

    /// Exact, bounded, approximate or vague.
    pub fn reading(&self) -> Reading {
        self.hedge.reading()
    }

    /// How far the tolerance widened the reading beyond the written number: the `w` of
    /// extraction.md §A4 for approximate readings (the larger side, since a lower end clamped
    /// at 0 is narrower), 0 for every other reading. Grading uses it to tell "disjoint only
    /// because of the tolerance" from a real disagreement.
    pub fn slack(&self) -> f64 {
        let Some(n) = self.number else { return 0.0 };
        let i = &self.interval;
        let w = match self.hedge {
            Hedge::Approx => (i.hi - n).max(n - i.lo),
            Hedge::Nearly => n - i.lo,
            Hedge::JustOver => i.hi - n,
            _ => 0.0,
        };
        if w.is_finite() { w.max(0.0) } else { 0.0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(lo: f64, hi: f64, lo_open: bool, hi_open: bool) -> Interval {
        Interval {
            lo,
            hi,
            lo_open,
            hi_open,
        }
    }

    #[test]
    fn overlaps_and_contains() {
        let at_least = Interval::at_least(139.0);
        assert!(at_least.overlaps(&Interval::point(144.0)));
        assert!(!Interval::point(144.0).overlaps(&Interval::point(139.0)));
        assert!(!Interval::at_least(141.0).overlaps(&Interval::point(139.0)));
        assert!(Interval::at_least(141.0).overlaps(&at_least));
        assert!(Interval::closed(133.0, 147.0).contains(144.0));
        assert!(!Interval::closed(137.0, 143.0).contains(144.0));
        // Open ends exclude their value, closed ones include it.
        assert!(!open(12.0, 15.0, true, false).contains(12.0));
        assert!(open(12.0, 15.0, true, false).contains(15.0));
        assert!(!open(0.0, 5.0, false, true).overlaps(&Interval::closed(5.0, 9.0)));
        assert!(Interval::closed(0.0, 5.0).overlaps(&Interval::closed(5.0, 9.0)));
        assert!(Interval::at_least(0.0).contains(1e300));
    }

    #[test]
    fn gap_is_zero_when_overlapping_and_symmetric() {
        let a = Interval::closed(137.0, 143.0);
        let b = Interval::point(144.0);
        assert_eq!(a.gap(&b), 1.0);
        assert_eq!(b.gap(&a), 1.0);
        assert_eq!(a.gap(&Interval::point(140.0)), 0.0);
        assert_eq!(Interval::at_least(141.0).gap(&Interval::point(139.0)), 2.0);
        assert_eq!(Interval::point(139.0).gap(&Interval::at_least(141.0)), 2.0);
        assert_eq!(
            open(0.0, 5.0, false, true).gap(&Interval::closed(5.0, 9.0)),
            0.0
        );
    }

    #[test]
    fn intersect_keeps_the_stricter_ends() {
        let i = Interval::at_least(139.0)
            .intersect(&Interval::closed(133.0, 147.0))
            .unwrap();
        assert_eq!(i, Interval::closed(139.0, 147.0));
        let j = open(12.0, 20.0, true, false)
            .intersect(&Interval::closed(12.0, 15.0))
            .unwrap();
        assert_eq!(j, open(12.0, 15.0, true, false));
        assert!(
            open(12.0, 12.0, true, false)
                .intersect(&Interval::point(12.0))
                .is_none()
        );
        assert!(
            Interval::point(1.0)
                .intersect(&Interval::point(2.0))
                .is_none()
        );
    }

    #[test]
    fn bounded_and_empty() {
        assert!(Interval::closed(133.0, 147.0).is_bounded());
        assert!(!Interval::at_least(139.0).is_bounded());
        assert!(Interval::closed(2.0, 1.0).is_empty());
        assert!(Interval::closed(f64::NAN, 1.0).is_empty());
        assert!(!Interval::point(1.0).is_empty());
    }

    #[test]
    fn display() {
        assert_eq!(Interval::point(144.0).to_string(), "144");
        assert_eq!(Interval::at_least(139.0).to_string(), "[139, ∞)");
        assert_eq!(Interval::closed(133.0, 147.0).to_string(), "[133, 147]");
        assert_eq!(open(12.0, 12.5, true, false).to_string(), "(12, 12.5]");
        assert_eq!(Interval::point(6.8).to_string(), "6.8");
        assert_eq!(Interval::point(2024.0).to_string(), "2024");
        assert_eq!(Interval::point(12_000.0).to_string(), "12,000");
        assert_eq!(Interval::point(4_200_000.0).to_string(), "4,200,000");
        assert_eq!(Interval::point(-150_000.0).to_string(), "-150,000");
        let j = serde_json::to_string(&Interval::point(4_200_000.0)).unwrap();
        assert_eq!(
            j, r#"{"lo":4200000,"hi":4200000}"#,
            "JSON keeps plain numbers"
        );
    }

    #[test]
    fn serializes_infinity_as_null_and_integers_as_integers() {
        let j = serde_json::to_string(&Interval::point(94.0)).unwrap();
        assert_eq!(j, r#"{"lo":94,"hi":94}"#);
        let j = serde_json::to_string(&Interval::at_least(139.0)).unwrap();
        assert_eq!(j, r#"{"lo":139,"hi":null}"#);
        let j = serde_json::to_string(&open(6.5, 7.0, true, false)).unwrap();
        assert_eq!(j, r#"{"lo":6.5,"hi":7,"lo_open":true}"#);
        let q = Quantity {
            interval: Interval::at_least(139.0),
            hedge: Hedge::AtLeast,
            number: Some(139.0),
            some_of: false,
        };
        let j = serde_json::to_string(&q).unwrap();
        assert_eq!(
            j,
            r#"{"interval":{"lo":139,"hi":null},"hedge":"at-least","number":139}"#
        );
    }

    #[test]
    fn slack_is_the_tolerance_width() {
        let q = Quantity {
            interval: Interval::closed(133.0, 147.0),
            hedge: Hedge::Approx,
            number: Some(140.0),
            some_of: false,
        };
        assert_eq!(q.slack(), 7.0);
        let q = Quantity {
            interval: Interval::closed(142.0, 149.0),
            hedge: Hedge::Nearly,
            number: Some(150.0),
            some_of: false,
        };
        assert_eq!(q.slack(), 8.0);
        let q = Quantity {
            interval: Interval::at_least(139.0),
            hedge: Hedge::AtLeast,
            number: Some(139.0),
            some_of: false,
        };
        assert_eq!(q.slack(), 0.0);
    }

    #[test]
    fn some_of_them_compares_as_a_lower_bound() {
        let one = |some_of| Quantity {
            interval: Interval::point(1.0),
            hedge: Hedge::Exact,
            number: Some(1.0),
            some_of,
        };
        let person = one(true).as_compared();
        assert_eq!(person.interval, Interval::at_least(1.0));
        assert_eq!(person.hedge, Hedge::AtLeast);
        assert!(person.interval.contains(5.0) && !person.interval.contains(0.0));
        // A count is itself; and the reading as written keeps what the words count.
        assert_eq!(one(false).as_compared(), one(false));
        assert_eq!(one(true).interval, Interval::point(1.0));
        let j = serde_json::to_string(&one(true)).unwrap();
        assert!(j.ends_with(r#""number":1,"some_of":true}"#), "{j}");
    }
}
