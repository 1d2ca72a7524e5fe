//! Property tests of the number grammar, the interval algebra and the consensus sweep.

use factlint::compare::consensus::{Consensus, Support, consensus, grade, grade_pair};
use factlint::extract::hedge::{ReadParams, amounts, to_quantity};
use factlint::extract::number::scan;
use factlint::value::interval::{Hedge, Interval, Quantity, Reading};
use proptest::prelude::*;

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// 1..=999 in words; `hyphen` joins tens and units with "-" (else a space), `and` puts "and"
/// after "hundred".
fn below_thousand(n: u32, hyphen: bool, and: bool) -> String {
    let mut parts = Vec::new();
    let (h, r) = (n / 100, n % 100);
    if h > 0 {
        parts.push(format!("{} hundred", UNITS[h as usize]));
        if r > 0 && and {
            parts.push("and".to_string());
        }
    }
    if r > 0 {
        if r < 20 {
            parts.push(UNITS[r as usize].to_string());
        } else if r % 10 == 0 {
            parts.push(TENS[(r / 10) as usize].to_string());
        } else {
            let sep = if hyphen { "-" } else { " " };
            parts.push(format!(
                "{}{sep}{}",
                TENS[(r / 10) as usize],
                UNITS[(r % 10) as usize]
            ));
        }
    }
    parts.join(" ")
}

fn words(n: u32, hyphen: bool, and: bool) -> String {
    let (th, rest) = (n / 1000, n % 1000);
    let mut s = String::new();
    if th > 0 {
        s = format!("{} thousand", below_thousand(th, hyphen, and));
    }
    if rest > 0 {
        if !s.is_empty() {
            s.push(' ');
            if rest < 100 && and {
                s.push_str("and ");
            }
        }
        s.push_str(&below_thousand(rest, hyphen, and));
    }
    s
}

fn interval() -> impl Strategy<Value = Interval> {
    (
        0u32..200,
        0u32..50,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(lo, len, inf, lo_open, hi_open)| Interval {
            lo: f64::from(lo),
            hi: if inf {
                f64::INFINITY
            } else {
                f64::from(lo + len)
            },
            lo_open,
            hi_open: hi_open && !inf,
        })
}

fn reading() -> impl Strategy<Value = Reading> {
    prop_oneof![
        Just(Reading::Exact),
        Just(Reading::Bounded),
        Just(Reading::Approx),
        Just(Reading::Vague)
    ]
}

fn groups() -> impl Strategy<Value = Vec<Vec<Support>>> {
    prop::collection::vec(
        prop::collection::vec(
            (interval(), reading()).prop_map(|(interval, reading)| Support { interval, reading }),
            1..4,
        ),
        0..8,
    )
}

/// The hedged phrases around `n` that a document might use, for the unanimity property.
fn phrase(n: u32, kind: u8, k: u32) -> String {
    match kind % 8 {
        0 => format!("{n}"),
        1 => format!("at least {}", n.saturating_sub(k)),
        2 => format!("more than {}", n.saturating_sub(k + 1)),
        3 => format!("up to {}", n + k),
        4 => format!("fewer than {}", n + k + 1),
        5 => format!("about {}", n + k % 3),
        6 => format!("between {} and {}", n.saturating_sub(k), n + k),
        _ => format!("nearly {}", n + 1 + k % 2),
    }
}

fn read(text: &str) -> Option<Quantity> {
    let a = amounts(text, 0..text.len());
    let a = a.first()?;
    a.exclusion
        .is_none()
        .then(|| to_quantity(a, &ReadParams::default()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn agreement_is_symmetric(a in interval(), b in interval()) {
        prop_assert_eq!(a.overlaps(&b), b.overlaps(&a));
        prop_assert_eq!(a.gap(&b), b.gap(&a));
        prop_assert_eq!(a.overlaps(&b), a.intersect(&b).is_some());
        if a.overlaps(&b) {
            prop_assert_eq!(a.gap(&b), 0.0);
        }
    }

    #[test]
    fn grading_is_symmetric(x in 1u32..300, y in 1u32..300, i in 0u8..8, j in 0u8..8, k in 0u32..20) {
        let (Some(a), Some(b)) = (read(&phrase(x, i, k)), read(&phrase(y, j, k))) else {
            return Ok(());
        };
        prop_assert_eq!(grade_pair(&a, &b), grade_pair(&b, &a));
    }

    #[test]
    fn words_parse_like_digits(n in 1u32..=999_999, hyphen: bool, and: bool) {
        let w = words(n, hyphen, and);
        let text = format!("killing {w} people");
        let toks = scan(&text, 0..text.len());
        prop_assert_eq!(toks.len(), 1, "{:?}: {:?}", text, toks);
        prop_assert_eq!(toks[0].value, f64::from(n), "{:?}", text);
        prop_assert_eq!(&text[toks[0].span.clone()], w.as_str());
        let digits = format!("killing {n} people");
        let d = scan(&digits, 0..digits.len());
        prop_assert_eq!(d[0].value, f64::from(n));
    }

    #[test]
    fn unanimous_corpus_agrees(
        n in 1u32..5000,
        docs in prop::collection::vec(prop::collection::vec((0u8..8, 0u32..30), 1..3), 1..6),
    ) {
        let mut quantities: Vec<Vec<Quantity>> = Vec::new();
        for d in &docs {
            let qs: Vec<Quantity> = d
                .iter()
                .filter_map(|&(kind, k)| read(&phrase(n, kind, k)))
                .filter(|q| q.interval.contains(f64::from(n)))
                .collect();
            quantities.push(if qs.is_empty() {
                vec![read(&n.to_string()).unwrap_or(Quantity {
                    interval: Interval::point(f64::from(n)),
                    hedge: Hedge::Exact,
                    number: Some(f64::from(n)),
                    some_of: false,
                })]
            } else {
                qs
            });
        }
        let supports: Vec<Vec<Support>> =
            quantities.iter().map(|d| d.iter().map(Support::of).collect()).collect();
        match consensus(&supports, true) {
            Consensus::Agreed(side) => {
                prop_assert!(side.interval.contains(f64::from(n)), "{} not in {}", n, side.interval);
                prop_assert_eq!(side.supporters.len(), quantities.len());
                for q in quantities.iter().flatten() {
                    prop_assert_eq!(grade(q, &side.interval, 0.0), None);
                }
            }
            other => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn consensus_ignores_order(g in groups(), seed in any::<u64>()) {
        let base = consensus(&g, true);
        // A permutation of the groups (and of each group's mentions) from the seed.
        let mut order: Vec<usize> = (0..g.len()).collect();
        let mut s = seed | 1;
        for i in (1..order.len()).rev() {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            order.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let shuffled: Vec<Vec<Support>> = order
            .iter()
            .map(|&i| g[i].iter().rev().copied().collect())
            .collect();
        let back = |c: Consensus| -> Vec<(String, Vec<usize>)> {
            let sides = match c {
                Consensus::Agreed(s) => vec![s],
                Consensus::Tie(s) => s,
                Consensus::Nothing => vec![],
            };
            sides
                .into_iter()
                .map(|s| {
                    let mut sup: Vec<usize> = s.supporters.iter().map(|&k| order[k]).collect();
                    sup.sort_unstable();
                    (s.interval.to_string(), sup)
                })
                .collect()
        };
        let unmoved = back_identity(base);
        prop_assert_eq!(unmoved, back(consensus(&shuffled, true)));
    }

    #[test]
    fn scanning_never_panics(s in "\\PC{0,80}", a in 0usize..100, b in 0usize..100) {
        check_scan(&s, a, b)?;
    }

    #[test]
    fn scanning_number_soup_never_panics(
        parts in prop::collection::vec(prop_oneof![
            Just("one"), Just("hundred"), Just("and"), Just("a"), Just("dozen"), Just("-"),
            Just(" "), Just(","), Just("."), Just("1"), Just("500"), Just("2024"), Just("$"),
            Just("%"), Just("€"), Just("of"), Just("tens"), Just("thousands"), Just("March"),
            Just("at least"), Just("between"), Just("to"), Just("m"), Just("bn"), Just("\n"),
            Just("No."), Just("USD"), Just(":"), Just("+"), Just("or more"), Just("é"),
            Just("ninety"), Just("first"), Just("~"), Just("c."), Just("year-old"),
        ], 0..30),
        a in 0usize..200, b in 0usize..200,
    ) {
        check_scan(&parts.concat(), a, b)?;
    }
}

fn back_identity(c: Consensus) -> Vec<(String, Vec<usize>)> {
    let sides = match c {
        Consensus::Agreed(s) => vec![s],
        Consensus::Tie(s) => s,
        Consensus::Nothing => vec![],
    };
    sides
        .into_iter()
        .map(|s| (s.interval.to_string(), s.supporters))
        .collect()
}

fn check_scan(s: &str, a: usize, b: usize) -> Result<(), TestCaseError> {
    let (lo, hi) = (a.min(b), a.max(b));
    for t in scan(s, lo..hi) {
        prop_assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
        prop_assert!(t.span.start < t.span.end && t.span.end <= s.len());
        if let Some(u) = &t.unit_span {
            prop_assert!(s.is_char_boundary(u.start) && s.is_char_boundary(u.end));
        }
    }
    for am in amounts(s, 0..s.len()) {
        for r in [&am.span, &am.number_span] {
            prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            prop_assert!(r.start <= r.end && r.end <= s.len());
        }
        prop_assert!(am.span.start <= am.number_span.start && am.number_span.end <= am.span.end);
        let q = to_quantity(&am, &ReadParams::default());
        prop_assert!(!q.interval.is_empty(), "{:?} -> {:?}", am, q);
    }
    Ok(())
}
