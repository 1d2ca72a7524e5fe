//! Date judge: dates read as day intervals (a full date is one day, "August 2022" the whole
//! month), compared like figures. A date whose year stayed unknown takes no part in the
//! consensus but is still checked against it on the fields it knows ("March 7" vs 8 March
//! 2024). Every disagreement is an error: dates have no tolerance.

use super::Context;
use super::consensus::Support;
use super::figures::{self, Item, Kind};
use super::quantity::one_line;
use crate::extract::Mention;
use crate::finding::{Code, Severity};
use crate::rules::{DateRule, Rule};
use crate::value::date::{DateValue, PartialDate, civil_from_days};
use crate::value::interval::Reading;
use crate::value::{Interval, Value};

fn date(m: &Mention) -> Option<&DateValue> {
    match &m.value {
        Value::Date(d) => Some(d),
        _ => None,
    }
}

/// A day interval as a date value (one day, or a range of days).
fn to_date(i: &Interval) -> DateValue {
    let day = |d: f64| {
        let (y, m, d) = civil_from_days(d as i64);
        PartialDate::ymd(y, m, d)
    };
    DateValue::range(day(i.lo), day(i.hi))
}

fn to_interval(d: &DateValue) -> Option<Interval> {
    let (lo, hi) = d.bounds()?;
    Some(Interval::closed(lo as f64, hi as f64))
}

/// Judges the mentions of one date rule (sorted by document, then position).
pub fn judge(rule: &Rule, d: &DateRule, mentions: &[&Mention], cx: Context<'_>) -> figures::Judged {
    let items: Vec<Item<'_>> = mentions
        .iter()
        .filter_map(|m| {
            let value = date(m)?;
            let frame = m.as_written();
            let exact = !value.is_range() && value.start().is_complete();
            let mut how = format!("read as {value} (`{}`)", one_line(frame));
            if let Some(note) = &m.note {
                how.push_str(&format!("; {note}"));
            }
            Some(Item {
                mention: m,
                support: to_interval(value).map(|interval| Support {
                    interval,
                    reading: if exact {
                        Reading::Exact
                    } else {
                        Reading::Bounded
                    },
                }),
                slack: 0.0,
                how,
                key: value.to_iso(),
            })
        })
        .collect();
    let agrees = |item: &Item<'_>, reference: &Interval| match item.support {
        Some(s) => s.interval.overlaps(reference),
        None => date(item.mention).is_some_and(|v| v.agrees(&to_date(reference))),
    };
    let grade = |_: &Item<'_>, _: &Interval, _: f64| Severity::Error;
    let show = |i: &Interval| to_date(i).to_string();
    let kind = Kind {
        code: Code::DateMismatch,
        integer: true,
        agrees: &agrees,
        grade: &grade,
        show: &show,
    };
    let value = d.value.as_ref().and_then(to_interval);
    figures::judge(rule, &kind, &items, value, None, cx)
}
