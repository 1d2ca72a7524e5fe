//! Quantities as intervals: hedged figures ("at least 139", "some 140") and their algebra.
//! (Being written.)

use serde::Serialize;

/// A closed interval of reals; `hi = f64::INFINITY` for "no upper bound".
/// Counts use integer end points; strict bounds of counts are already shifted by one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// Lower bound (inclusive unless `lo_open`).
    pub lo: f64,
    /// Upper bound (inclusive unless `hi_open`); infinity for none.
    pub hi: f64,
    /// Whether `lo` itself is excluded (only for non-count units).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub lo_open: bool,
    /// Whether `hi` itself is excluded (only for non-count units).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hi_open: bool,
}

/// How a figure was hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

/// A figure as read from a mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The interval the wording allows.
    pub interval: Interval,
    /// The hedge that produced it.
    pub hedge: Hedge,
    /// The number as written (the lower end for a range), if there is one.
    pub number: Option<f64>,
}
