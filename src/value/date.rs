//! Dates as partial dates and ranges. (Being written.)

use serde::Serialize;

/// A date of which any field may be unknown (`22 March` has no year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct PartialDate {
    /// The year, if known.
    pub year: Option<i32>,
    /// The month 1–12, if known.
    pub month: Option<u8>,
    /// The day 1–31, if known.
    pub day: Option<u8>,
}

/// A single partial date or a range of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
