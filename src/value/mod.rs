//! Values: what a mention means once read — an interval, a partial date, a name form.
//!
//! These types are shared by `extract` (which produces them) and `compare` (which judges them),
//! so neither step imports the other.

pub mod date;
pub mod interval;

use serde::Serialize;

pub use date::{DateValue, PartialDate};
pub use interval::{Hedge, Interval, Quantity};

/// The normalized reading of one mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Value {
    /// A figure, as an interval with the hedge that produced it.
    Quantity(Quantity),
    /// A (partial) date or a range of dates.
    Date(DateValue),
    /// A form of a name.
    Name(NameForm),
}

/// Which form of an entity a mention uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameForm {
    /// The form as written in the rule (`"ISIS-K"`).
    pub form: String,
    /// 0 for the canonical form, `i + 1` for `variants[i]`.
    pub index: usize,
    /// What the text around the mention says about rewriting it (see `fix::safety`).
    #[serde(skip)]
    pub fix: crate::fix::safety::FixContext,
}

impl NameForm {
    /// Whether this is the canonical form.
    pub fn is_canonical(&self) -> bool {
        self.index == 0
    }
}
