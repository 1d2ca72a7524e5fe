//! Quantity judge: figures read as intervals, graded by extraction.md §A4 — an error when
//! exact or bounded readings disagree, a warning when only the tolerance separates them, info
//! when one side is vague ("dozens").

use super::Context;
use super::consensus::{self, Support};
use super::figures::{self, Item, Kind};
use crate::extract::Mention;
use crate::extract::hedge::describe;
use crate::finding::{Code, Severity};
use crate::rules::{QuantityRule, Rule, Unit};
use crate::value::{Interval, Quantity, Value};

fn quantity(m: &Mention) -> Option<&Quantity> {
    match &m.value {
        Value::Quantity(q) => Some(q),
        _ => None,
    }
}

/// Judges the mentions of one quantity rule (sorted by document, then position).
pub fn judge(
    rule: &Rule,
    q: &QuantityRule,
    mentions: &[&Mention],
    cx: Context<'_>,
) -> figures::Judged {
    let items: Vec<Item<'_>> = mentions
        .iter()
        .filter_map(|m| {
            let quantity = quantity(m)?;
            let frame = m.as_written();
            // "he was pronounced dead" says one died, not that one did: some of them are
            // compared as a lower bound (`Quantity::some_of`).
            let some = if quantity.some_of {
                ", some of them"
            } else {
                ""
            };
            Some(Item {
                mention: m,
                support: Some(Support::of(&quantity.as_compared())),
                slack: quantity.slack(),
                how: format!(
                    "read as {}{some} (`{}`)",
                    describe(quantity),
                    one_line(frame)
                ),
                key: quantity.interval.to_string(),
            })
        })
        .collect();
    let agrees = |item: &Item<'_>, reference: &Interval| {
        // The support is the reading as compared (`Quantity::as_compared`).
        item.support.is_some_and(|s| s.interval.overlaps(reference))
    };
    let grade = |item: &Item<'_>, reference: &Interval, slack: f64| {
        quantity(item.mention)
            .and_then(|q| consensus::grade(&q.as_compared(), reference, slack))
            .unwrap_or(Severity::Error)
    };
    let show = |i: &Interval| show_interval(i);
    let kind = Kind {
        code: Code::QuantityMismatch,
        integer: q.unit == Unit::Count,
        agrees: &agrees,
        grade: &grade,
        show: &show,
    };
    figures::judge(
        rule,
        &kind,
        &items,
        q.value.map(Interval::point),
        q.monotone,
        cx,
    )
}

/// "144", "139 or more", "133 to 147".
pub fn show_interval(i: &Interval) -> String {
    describe(&Quantity {
        interval: *i,
        hedge: crate::value::Hedge::Range,
        number: None,
        some_of: false,
    })
}

/// A frame on one line, for a label message.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
