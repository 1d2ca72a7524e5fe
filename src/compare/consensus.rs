//! The consensus of a figure across documents, and how serious a disagreement is.
//!
//! Pure functions over intervals (extraction.md §A4, DESIGN §4). [`consensus`] takes one
//! support set per document — or per group of near-duplicate documents, so copies cannot
//! outvote originals — and sweeps over the interval end points to find the values the most
//! groups support. [`grade`] says how bad it is that a mention misses the consensus or the
//! rule's value.
//!
//! ## Semantics
//!
//! * A group *covers* a value when one of its non-vague mentions contains it. Vague mentions
//!   ("dozens") never define a consensus: they are only checked against it.
//! * Every value gets a score: (groups covering it, groups covering it with an exact mention,
//!   groups covering it with a bounded interval — one with two finite ends). Scores compare
//!   lexicographically, so among values with equal support, one an exact mention names wins,
//!   then one inside a finite interval: "more than 140" and "at least 139" cannot outvote
//!   "144" by agreeing somewhere near 10⁹.
//! * The best values form *runs*: maximal intervals of values with the best score **and the
//!   same covering groups**. One run is the consensus; several runs are a tie, each side with
//!   its supporting groups. With no non-vague mention there is nothing to agree on.
//! * With `integer = true` (counts) only whole numbers are values: open ends of a run are
//!   closed to the nearest whole number inside, and runs separated only by non-integer gaps
//!   stay apart.
//!
//! The sweep is O(m log m) in the number of mentions; supporters are found by binary search
//! over the runs, so a tie among many documents is not quadratic.

use std::cmp::Ordering;

use crate::finding::Severity;
use crate::value::interval::{Interval, Quantity, Reading};

/// One mention as consensus sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Support {
    /// What the mention allows.
    pub interval: Interval,
    /// Exact, bounded, approximate or vague.
    pub reading: Reading,
}

impl Support {
    /// The support of a read quantity.
    pub fn of(q: &Quantity) -> Support {
        Support {
            interval: q.interval,
            reading: q.reading(),
        }
    }
}

/// How strongly a value is supported; compared lexicographically (the derive's field order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Score {
    /// Groups (documents) covering the value.
    pub groups: usize,
    /// Of those, groups covering it with an exact mention.
    pub exact: usize,
    /// Of those, groups covering it with an interval whose both ends are finite.
    pub bounded: usize,
}

/// One candidate value range with the groups that support it.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// The values.
    pub interval: Interval,
    /// Indices of the groups covering them, ascending.
    pub supporters: Vec<usize>,
    /// How strongly.
    pub score: Score,
}

/// What the documents agree on.
#[derive(Debug, Clone, PartialEq)]
pub enum Consensus {
    /// One best-supported range of values.
    Agreed(Side),
    /// Several ranges with the same best score (in ascending order).
    Tie(Vec<Side>),
    /// No non-vague mention at all.
    Nothing,
}

/// Position of an end point in the sweep: pieces alternate gap, point, gap, …
/// (piece `2i` is the open gap before value `i`, piece `2i + 1` is value `i` itself).
fn start_piece(values: &[f64], i: &Interval) -> usize {
    if i.lo == f64::NEG_INFINITY {
        return 0;
    }
    let k = values.partition_point(|v| *v < i.lo);
    if i.lo_open { 2 * k + 2 } else { 2 * k + 1 }
}

fn end_piece(values: &[f64], i: &Interval) -> usize {
    if i.hi == f64::INFINITY {
        return 2 * values.len();
    }
    let k = values.partition_point(|v| *v < i.hi);
    if i.hi_open { 2 * k } else { 2 * k + 1 }
}

/// The values of a piece as an interval (open ends at gaps).
fn piece_bounds(values: &[f64], p: usize) -> (f64, bool, f64, bool) {
    if p % 2 == 1 {
        let v = values[p / 2];
        (v, false, v, false)
    } else {
        let i = p / 2;
        let lo = if i == 0 {
            f64::NEG_INFINITY
        } else {
            values[i - 1]
        };
        let hi = values.get(i).copied().unwrap_or(f64::INFINITY);
        (lo, true, hi, true)
    }
}

/// Whether a piece holds any value of the domain.
fn piece_nonempty(values: &[f64], p: usize, integer: bool) -> bool {
    if !integer {
        return true;
    }
    let (lo, _, hi, _) = piece_bounds(values, p);
    if p % 2 == 1 {
        lo.fract() == 0.0
    } else {
        // An integer strictly between lo and hi.
        !lo.is_finite() || !hi.is_finite() || lo.floor() + 1.0 < hi
    }
}

#[derive(Clone, Copy)]
struct Event {
    piece: usize,
    group: usize,
    enter: bool,
    exact: bool,
    bounded: bool,
}

/// The consensus of `groups` (one support set per document or near-duplicate group; see the
/// module docs for the exact semantics). `integer` restricts values to whole numbers (counts).
pub fn consensus<G: AsRef<[Support]>>(groups: &[G], integer: bool) -> Consensus {
    let usable = |s: &Support| s.reading != Reading::Vague && !s.interval.is_empty();
    let mut values: Vec<f64> = Vec::new();
    for g in groups {
        for s in g.as_ref().iter().filter(|s| usable(s)) {
            for v in [s.interval.lo, s.interval.hi] {
                if v.is_finite() {
                    values.push(v);
                }
            }
        }
    }
    values.sort_by(f64::total_cmp);
    values.dedup();
    let mut events = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        for s in g.as_ref().iter().filter(|s| usable(s)) {
            let (a, b) = (
                start_piece(&values, &s.interval),
                end_piece(&values, &s.interval),
            );
            if a > b {
                continue;
            }
            let exact = s.reading == Reading::Exact;
            let bounded = s.interval.is_bounded();
            events.push(Event {
                piece: a,
                group: gi,
                enter: true,
                exact,
                bounded,
            });
            events.push(Event {
                piece: b + 1,
                group: gi,
                enter: false,
                exact,
                bounded,
            });
        }
    }
    if events.is_empty() {
        return Consensus::Nothing;
    }
    events.sort_by_key(|e| e.piece);

    // Per group: how many of its mentions are open at this piece, in total / exact / bounded.
    let mut cover = vec![[0usize; 3]; groups.len()];
    let mut score = Score::default();
    // Which piece last touched a group, to tell whether the covering set changed.
    let mut stamp = vec![usize::MAX; groups.len()];
    let mut touched: Vec<(usize, bool)> = Vec::new();
    let mut best = Score::default();
    // Runs of best pieces: (first piece, last piece).
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut prev_best: Option<usize> = None; // last evaluated piece, if it was in a best run
    let mut ev = events.iter().peekable();
    for p in 0..=2 * values.len() {
        touched.clear();
        while let Some(e) = ev.next_if(|e| e.piece == p) {
            let c = &mut cover[e.group];
            if stamp[e.group] != p {
                stamp[e.group] = p;
                touched.push((e.group, c[0] > 0));
            }
            let before = *c;
            let d = |x: usize, on: bool| -> usize {
                match (e.enter, on) {
                    (_, false) => x,
                    (true, true) => x + 1,
                    (false, true) => x.saturating_sub(1),
                }
            };
            *c = [d(c[0], true), d(c[1], e.exact), d(c[2], e.bounded)];
            // Keep the global score in step with the per-group counters.
            for (k, field) in [&mut score.groups, &mut score.exact, &mut score.bounded]
                .into_iter()
                .enumerate()
            {
                match (before[k] > 0, c[k] > 0) {
                    (false, true) => *field += 1,
                    (true, false) => *field -= 1,
                    _ => {}
                }
            }
        }
        let set_changed = touched.iter().any(|&(g, was)| (cover[g][0] > 0) != was);
        if set_changed {
            prev_best = None;
        }
        if !piece_nonempty(&values, p, integer) || score.groups == 0 {
            if score.groups == 0 {
                prev_best = None;
            }
            continue;
        }
        match score.cmp(&best) {
            Ordering::Greater => {
                best = score;
                runs.clear();
                runs.push((p, p));
                prev_best = Some(p);
            }
            Ordering::Equal => {
                match (prev_best, runs.last_mut()) {
                    (Some(_), Some(last)) => last.1 = p,
                    _ => runs.push((p, p)),
                }
                prev_best = Some(p);
            }
            Ordering::Less => prev_best = None,
        }
    }
    if runs.is_empty() {
        return Consensus::Nothing;
    }

    // The runs as intervals, in the sweep's real representation (open ends at gaps).
    let raw: Vec<Interval> = runs
        .iter()
        .map(|&(a, b)| {
            let (lo, lo_open, _, _) = piece_bounds(&values, a);
            let (_, _, hi, hi_open) = piece_bounds(&values, b);
            Interval {
                lo,
                hi,
                lo_open: lo_open && lo.is_finite(),
                hi_open: hi_open && hi.is_finite(),
            }
        })
        .collect();
    let mut supporters: Vec<Vec<usize>> = vec![Vec::new(); raw.len()];
    for (gi, g) in groups.iter().enumerate() {
        for s in g.as_ref().iter().filter(|s| usable(s)) {
            // Runs are disjoint and ascending: start at the first that ends at or after lo.
            let first = raw.partition_point(|r| r.hi < s.interval.lo);
            for (k, r) in raw.iter().enumerate().skip(first) {
                if r.lo > s.interval.hi {
                    break;
                }
                if r.overlaps(&s.interval) && supporters[k].last() != Some(&gi) {
                    supporters[k].push(gi);
                }
            }
        }
    }
    let mut sides: Vec<Side> = raw
        .into_iter()
        .zip(supporters)
        .map(|(mut interval, supporters)| {
            if integer {
                if interval.lo_open {
                    interval.lo = interval.lo.floor() + 1.0;
                    interval.lo_open = false;
                }
                if interval.hi_open {
                    interval.hi = interval.hi.ceil() - 1.0;
                    interval.hi_open = false;
                }
            }
            Side {
                interval,
                supporters,
                score: best,
            }
        })
        .collect();
    if sides.len() == 1 {
        Consensus::Agreed(sides.remove(0))
    } else {
        Consensus::Tie(sides)
    }
}

/// How serious it is that `mention` misses `reference` (the rule's value as a point, or the
/// consensus interval); `None` when they agree (overlap). `reference_slack` is the tolerance
/// width of the reference when it is itself an approximate reading (0 for a value or a
/// consensus that an exact or bounded mention supports).
///
/// * **info** when the mention is vague ("dozens" vs 144);
/// * **error** when neither side is approximate, or the gap exceeds the larger slack `w` of
///   the approximate side(s): a real disagreement;
/// * **warning** otherwise: disjoint only because of the tolerance ("some 140" read at 2%
///   without roundness is [137, 143], 1 away from 144 with w = 3).
pub fn grade(mention: &Quantity, reference: &Interval, reference_slack: f64) -> Option<Severity> {
    if mention.interval.overlaps(reference) {
        return None;
    }
    if mention.reading() == Reading::Vague {
        return Some(Severity::Info);
    }
    let w = mention.slack().max(reference_slack.max(0.0));
    if w == 0.0 {
        return Some(Severity::Error);
    }
    let gap = mention.interval.gap(reference);
    Some(if gap <= w {
        Severity::Warning
    } else {
        Severity::Error
    })
}

/// How serious it is that two mentions disagree (within one document, or a mention against a
/// consensus carried by one other mention); `None` when they overlap. Symmetric.
pub fn grade_pair(a: &Quantity, b: &Quantity) -> Option<Severity> {
    if a.interval.overlaps(&b.interval) {
        return None;
    }
    if a.reading() == Reading::Vague || b.reading() == Reading::Vague {
        return Some(Severity::Info);
    }
    grade(a, &b.interval, b.slack())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::hedge::{self, ReadParams};
    use crate::value::interval::Hedge;

    fn q(text: &str) -> Quantity {
        let a = hedge::amounts(text, 0..text.len());
        assert_eq!(a.len(), 1, "{text:?}");
        hedge::to_quantity(&a[0], &ReadParams::default())
    }

    fn docs(texts: &[&[&str]]) -> Vec<Vec<Support>> {
        texts
            .iter()
            .map(|d| d.iter().map(|t| Support::of(&q(t))).collect())
            .collect()
    }

    fn agreed(texts: &[&[&str]]) -> Side {
        match consensus(&docs(texts), true) {
            Consensus::Agreed(s) => s,
            other => panic!("{texts:?}: {other:?}"),
        }
    }

    #[test]
    fn crocus_case() {
        let s = agreed(&[&["144"], &["at least 139"], &["some 140"], &["over 140"]]);
        assert_eq!(s.interval, Interval::point(144.0));
        assert_eq!(s.supporters, vec![0, 1, 2, 3]);
        assert_eq!(
            s.score,
            Score {
                groups: 4,
                exact: 1,
                bounded: 2
            }
        );
    }

    #[test]
    fn exact_breaks_ties_against_open_ends() {
        // Points ≥ 151 and the point 144 are both covered three times; 144 is named exactly.
        let s = agreed(&[
            &["144"],
            &["at least 139"],
            &["more than 140"],
            &["over 150"],
        ]);
        assert_eq!(s.interval, Interval::point(144.0));
        assert_eq!(s.supporters, vec![0, 1, 2]);
    }

    #[test]
    fn bounded_breaks_ties_against_open_ends() {
        let s = agreed(&[&["more than 140"], &["at least 139"], &["some 200"]]);
        // "some 200" is [150, 250] (round: w = 50), covered by all three; beyond only by two.
        assert_eq!(s.interval, Interval::closed(150.0, 250.0));
        let s = agreed(&[&["more than 140"], &["at least 139"]]);
        assert_eq!(s.interval, Interval::at_least(141.0));
    }

    #[test]
    fn tie_lists_each_side() {
        match consensus(&docs(&[&["killed 96"], &["killing 94"]]), true) {
            Consensus::Tie(sides) => {
                assert_eq!(sides.len(), 2);
                assert_eq!(sides[0].interval, Interval::point(94.0));
                assert_eq!(sides[0].supporters, vec![1]);
                assert_eq!(sides[1].interval, Interval::point(96.0));
                assert_eq!(sides[1].supporters, vec![0]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_document_counts_once() {
        // Group 0 says 144 twice; groups 1 and 2 say 139: 139 wins.
        let s = agreed(&[&["144", "144"], &["139"], &["139"]]);
        assert_eq!(s.interval, Interval::point(139.0));
        // Two mentions in one group do not outvote one mention in another.
        assert!(matches!(
            consensus(&docs(&[&["144", "144"], &["139"]]), true),
            Consensus::Tie(_)
        ));
    }

    #[test]
    fn vague_never_defines_consensus() {
        assert_eq!(
            consensus(&docs(&[&["dozens"], &["hundreds"]]), true),
            Consensus::Nothing
        );
        let s = agreed(&[&["dozens"], &["dozens"], &["144"]]);
        assert_eq!(s.interval, Interval::point(144.0));
        assert_eq!(consensus::<Vec<Support>>(&[], true), Consensus::Nothing);
    }

    #[test]
    fn adjacent_integers_with_same_support_merge() {
        let s = agreed(&[&["90-100"], &["95 to 110"]]);
        assert_eq!(s.interval, Interval::closed(95.0, 100.0));
        // Same score but different supporters: a tie, not one interval.
        assert!(matches!(
            consensus(&docs(&[&["90-100"], &["101-110"]]), true),
            Consensus::Tie(_)
        ));
    }

    #[test]
    fn real_domain_keeps_open_ends() {
        let more = Support {
            interval: Interval {
                lo: 12.0,
                hi: f64::INFINITY,
                lo_open: true,
                hi_open: false,
            },
            reading: Reading::Bounded,
        };
        let upto = Support {
            interval: Interval::closed(0.0, 15.0),
            reading: Reading::Bounded,
        };
        match consensus(&[vec![more], vec![upto]], false) {
            Consensus::Agreed(s) => {
                assert_eq!(s.interval.to_string(), "(12, 15]");
            }
            other => panic!("{other:?}"),
        }
    }

    fn quantity(lo: f64, hi: f64, hedge: Hedge, n: f64) -> Quantity {
        Quantity {
            interval: Interval::closed(lo, hi),
            hedge,
            number: Some(n),
            some_of: false,
        }
    }

    #[test]
    fn grading() {
        let value = Interval::point(144.0);
        // Exact vs exact: error.
        assert_eq!(grade(&q("139"), &value, 0.0), Some(Severity::Error));
        // Bounded vs exact: error.
        assert_eq!(grade(&q("over 150"), &value, 0.0), Some(Severity::Error));
        // Agreement.
        assert_eq!(grade(&q("at least 139"), &value, 0.0), None);
        // Disjoint only because of the tolerance: "some 140" at 2% without roundness.
        let some = quantity(137.0, 143.0, Hedge::Approx, 140.0);
        assert_eq!(grade(&some, &value, 0.0), Some(Severity::Warning));
        // Far beyond the tolerance: error.
        let about = quantity(95.0, 105.0, Hedge::Approx, 100.0);
        assert_eq!(grade(&about, &value, 0.0), Some(Severity::Error));
        // Vague: info.
        assert_eq!(grade(&q("dozens"), &value, 0.0), Some(Severity::Info));
        // The reference's own slack counts too.
        assert_eq!(
            grade(&q("150"), &Interval::closed(137.0, 143.0), 3.0),
            Some(Severity::Error)
        );
        assert_eq!(
            grade(&q("145"), &Interval::closed(137.0, 143.0), 3.0),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn grade_pair_is_symmetric_on_examples() {
        let cases = [
            "144",
            "139",
            "some 140",
            "dozens",
            "over 140",
            "nearly 150",
            "94",
        ];
        for a in cases {
            for b in cases {
                assert_eq!(
                    grade_pair(&q(a), &q(b)),
                    grade_pair(&q(b), &q(a)),
                    "{a} / {b}"
                );
            }
        }
        assert_eq!(
            grade_pair(&q("killed 96"), &q("killing 94")),
            Some(Severity::Error)
        );
    }
}
