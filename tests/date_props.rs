//! Property tests for the date grammar and the partial-date algebra: every supported written
//! form of a random real date reads back as that date, spanning the whole text; scanning
//! arbitrary text never panics and yields spans on char boundaries; agreement is symmetric.

use factlint::extract::date::{DateToken, ScanOptions, parse_exact, scan, scan_in};
use factlint::rules::DateOrder;
use factlint::value::date::{
    DateValue, MONTH_NAMES, PartialDate, Weekday, WeekdayCheck, YearContext, days_in_month,
    infer_year, parse_iso, weekday,
};
use proptest::prelude::*;

const ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
];

fn month_name(m: u8) -> &'static str {
    MONTH_NAMES[usize::from(m - 1)]
}

fn ordinal(d: u8) -> &'static str {
    match (d % 10, d % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// A real calendar day in the grammar's year range.
fn real_date() -> impl Strategy<Value = (i32, u8, u8)> {
    (1000i32..=2999, 1u8..=12, 0u8..31)
        .prop_map(|(y, m, raw)| (y, m, 1 + raw % days_in_month(y, m)))
}

/// Zeller's congruence, written independently of the crate's day counting (0 = Monday).
fn zeller(y: i32, m: u8, d: u8) -> usize {
    let (y, m) = if m < 3 {
        (y - 1, i32::from(m) + 12)
    } else {
        (y, i32::from(m))
    };
    let (k, j) = (y.rem_euclid(100), y.div_euclid(100));
    let h = (i32::from(d) + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j).rem_euclid(7);
    // h: 0 = Saturday, 1 = Sunday, 2 = Monday ...
    ((h + 5) % 7) as usize
}

fn read(text: &str, opts: &ScanOptions) -> DateToken {
    match parse_exact(text, opts) {
        Some(t) => t,
        None => panic!("{text:?} did not read as one date: {:?}", scan(text, opts)),
    }
}

fn partial() -> impl Strategy<Value = PartialDate> {
    (
        prop::option::of(1999i32..=2005),
        prop::option::of(1u8..=12),
        prop::option::of(1u8..=31),
    )
        .prop_map(|(year, month, day)| PartialDate { year, month, day })
}

fn value() -> impl Strategy<Value = DateValue> {
    prop_oneof![
        partial().prop_map(DateValue::single),
        (partial(), partial()).prop_map(|(from, to)| DateValue::Range { from, to }),
    ]
}

/// Text built from date-ish fragments and arbitrary chars, to reach the grammar's corners.
fn datey_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("March".to_owned()),
        Just("May".to_owned()),
        Just("Sept.".to_owned()),
        Just("Friday,".to_owned()),
        Just("22".to_owned()),
        Just("8".to_owned()),
        Just("2024".to_owned()),
        Just("31".to_owned()),
        Just("nd".to_owned()),
        Just("-".to_owned()),
        Just(",".to_owned()),
        Just(".".to_owned()),
        Just("/".to_owned()),
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        Just("between".to_owned()),
        Just("and".to_owned()),
        Just("from".to_owned()),
        Just("to".to_owned()),
        Just("the evening of".to_owned()),
        Just("on".to_owned()),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn check_spans(text: &str, tokens: &[DateToken]) {
    let mut last_end = 0;
    for t in tokens {
        let full = t.full_span();
        assert!(full.start >= last_end, "overlap in {text:?}: {tokens:?}");
        last_end = full.end;
        let mut spans = vec![t.span.clone(), t.date_span.clone(), full.clone()];
        spans.extend(t.weekday.as_ref().map(|w| w.span.clone()));
        spans.extend(t.qualifier.as_ref().map(|q| q.span.clone()));
        for s in spans {
            assert!(s.start < s.end && s.end <= text.len(), "{s:?} in {text:?}");
            assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            assert!(full.start <= s.start && s.end <= full.end);
        }
        assert!(
            t.value.is_valid(),
            "invalid value {:?} from {text:?}",
            t.value
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn full_forms_read_back((y, m, d) in real_date(), wd_abbr in any::<bool>()) {
        let opts = ScanOptions::default();
        let want = DateValue::single(PartialDate::ymd(y, m, d));
        let name = month_name(m);
        let abbr = ABBR[usize::from(m - 1)];
        let dot = if abbr == "May" { "" } else { "." };
        let wd = weekday(y, m, d).expect("real date");
        let wd_text = if wd_abbr { wd.name()[..3].to_owned() } else { wd.name().to_owned() };
        let forms = [
            format!("{d} {name} {y}"),
            format!("{name} {d}, {y}"),
            format!("{name} {d} {y}"),
            format!("{d} {abbr}{dot} {y}"),
            format!("{abbr}{dot} {d}, {y}"),
            format!("{abbr} {d}, {y}"),
            format!("{d}{} of {name} {y}", ordinal(d)),
            format!("{name} {d}{}, {y}", ordinal(d)),
            format!("{d} {name}, {y}"),
            format!("{y}-{m:02}-{d:02}"),
            format!("{} {y}", format!("{d} {name}").to_uppercase()),
            format!("{wd_text}, {d} {name} {y}"),
            format!("{wd_text} {name} {d}, {y}"),
        ];
        for text in forms {
            let t = read(&text, &opts);
            prop_assert_eq!(t.value, want, "{}", text);
            prop_assert_eq!(t.span.clone(), 0..text.len(), "{}", text);
            prop_assert!(t.year_written);
            if t.weekday.is_some() {
                prop_assert_eq!(t.weekday_check(&t.value), Some(WeekdayCheck::Agrees));
            }
        }
    }

    #[test]
    fn partial_forms_read_back((y, m, d) in real_date()) {
        let opts = ScanOptions::default();
        let name = month_name(m);
        let md = DateValue::single(PartialDate::md(m, d));
        for text in [format!("{d} {name}"), format!("{name} {d}"), format!("{name} {d}{}", ordinal(d))] {
            let t = read(&text, &opts);
            prop_assert_eq!(t.value, md, "{}", text);
            prop_assert_eq!(t.span.clone(), 0..text.len());
            prop_assert!(!t.year_written);
        }
        let text = format!("{name} {y}");
        let t = read(&text, &opts);
        prop_assert_eq!(t.value, DateValue::single(PartialDate::ym(y, m)));
        prop_assert_eq!(t.span.clone(), 0..text.len());
        let text = format!("on the evening of {d} {name} {y}");
        let t = read(&text, &opts);
        prop_assert_eq!(t.value, DateValue::single(PartialDate::ymd(y, m, d)));
        prop_assert_eq!(t.full_span(), 0..text.len());
    }

    #[test]
    fn numeric_forms_read_back((y, m, d) in real_date(), sep in prop::sample::select(vec!['/', '.', '-'])) {
        let want = DateValue::single(PartialDate::ymd(y, m, d));
        let dmy = ScanOptions { order: Some(DateOrder::Dmy), ..ScanOptions::default() };
        let mdy = ScanOptions { order: Some(DateOrder::Mdy), ..ScanOptions::default() };
        let text = format!("{d:02}{sep}{m:02}{sep}{y}");
        prop_assert_eq!(read(&text, &dmy).value, want);
        let text = format!("{m}{sep}{d}{sep}{y}");
        prop_assert_eq!(read(&text, &mdy).value, want);
        prop_assert!(scan(&text, &ScanOptions::default()).is_empty());
    }

    #[test]
    fn ranges_read_back((y, m, d) in real_date(), len in 1u8..5) {
        prop_assume!(d + len <= days_in_month(y, m));
        let opts = ScanOptions::default();
        let e = d + len;
        let want = DateValue::range(PartialDate::ymd(y, m, d), PartialDate::ymd(y, m, e));
        let name = month_name(m);
        let abbr = ABBR[usize::from(m - 1)];
        for text in [
            format!("{d}-{e} {name} {y}"),
            format!("{name} {d}-{e}, {y}"),
            format!("{abbr} {d} to {e}, {y}"),
            format!("between {d} and {e} {name} {y}"),
            format!("from {name} {d} to {e}, {y}"),
            format!("{y}-{m:02}-{d:02}/{y}-{m:02}-{e:02}"),
        ] {
            let t = read(&text, &opts);
            prop_assert_eq!(t.value, want, "{}", text);
            prop_assert_eq!(t.span.clone(), 0..text.len());
            prop_assert_eq!(t.value.to_string(), format!("{d}\u{2013}{e} {name} {y}"));
        }
    }

    #[test]
    fn weekday_matches_zeller((y, m, d) in real_date()) {
        let wd = weekday(y, m, d).expect("real date");
        prop_assert_eq!(wd, Weekday::ALL[zeller(y, m, d)]);
    }

    #[test]
    fn scanning_never_panics(text in "\\PC{0,60}") {
        let opts = ScanOptions { order: Some(DateOrder::Dmy), bare_years: true };
        check_spans(&text, &scan(&text, &opts));
    }

    #[test]
    fn scanning_datey_text(text in datey_text(), a in 0usize..200, b in 0usize..200) {
        for opts in [
            ScanOptions::default(),
            ScanOptions { order: Some(DateOrder::Mdy), bare_years: true },
        ] {
            let tokens = scan(&text, &opts);
            check_spans(&text, &tokens);
            let window = a.min(b)..a.max(b);
            let part = scan_in(&text, window.clone(), &opts);
            check_spans(&text, &part);
            for t in &part {
                prop_assert!(t.full_span().start >= window.start && t.full_span().end <= window.end);
            }
        }
    }

    #[test]
    fn agreement_is_symmetric(a in value(), b in value()) {
        prop_assert_eq!(a.agrees(&b), b.agrees(&a), "{:?} vs {:?}", a, b);
        if a.is_valid() {
            prop_assert!(a.agrees(&a));
            prop_assert!(a.contains(&a));
        }
        if a.contains(&b) {
            prop_assert!(a.agrees(&b));
        }
        prop_assert_eq!(a.cmp(&b) == std::cmp::Ordering::Equal, a == b);
    }

    #[test]
    fn iso_round_trip(a in value()) {
        if a.is_valid() {
            prop_assert_eq!(parse_iso(&a.to_iso()), Some(DateValue::range(a.start(), a.end())));
        }
        let _ = a.to_string();
    }

    #[test]
    fn inference_keeps_agreement(a in value(), (y, m, d) in real_date()) {
        prop_assume!(a.is_valid());
        let ctx = YearContext { document_date: Some(PartialDate::ymd(y, m, d)), ..YearContext::default() };
        let got = infer_year(a, &ctx);
        if got.value.is_valid() {
            prop_assert!(got.value.agrees(&a), "{:?} -> {:?}", a, got);
        }
        if !a.has_year() && got.value.has_year() {
            // the year chosen is the latest start not after the document date plus the slack
            let (start, _) = got.value.bounds().expect("valid");
            let (_, doc_end) = DateValue::single(PartialDate::ymd(y, m, d)).bounds().expect("real");
            prop_assert!(start <= doc_end + 7);
        }
    }
}
