//! Tests of rule loading: one table test per kind of mistake, compiled rules, includes,
//! duplicate ids across files, and the `fixtures/bad-rules` pack against its `EXPECTED.md`.

use std::path::{Path, PathBuf};

use super::{
    BareRound, DateOrder, EntityMode, Monotone, Pattern, RuleKind, RuleSet, Scope, Term, Unit,
    load_rules,
};
use crate::files::Files;
use crate::finding::{Code, Finding, Severity};
use crate::value::date::{DateValue, PartialDate};

/// Writes `files` (relative path → text) into a temporary directory and loads `load`
/// (relative paths) from it.
fn load_tree(files_in: &[(&str, &str)], load: &[&str]) -> (RuleSet, Vec<Finding>, Files) {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files_in {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    let paths: Vec<PathBuf> = load.iter().map(|p| dir.path().join(p)).collect();
    let mut files = Files::new();
    let (rules, findings) = load_rules(&paths, dir.path(), &mut files);
    (rules, findings, files)
}

/// Loads one rule file of `text` (also for other modules' tests).
pub(crate) fn load_one(text: &str) -> (RuleSet, Vec<Finding>, Files) {
    load_tree(&[("rules.toml", text)], &["rules.toml"])
}

/// The text under a finding's primary label.
fn primary_text<'f>(files: &'f Files, finding: &Finding) -> &'f str {
    let label = finding.primary().expect("primary label");
    &files.source(label.span.file)[label.span.range()]
}

const Q: &str = "[[quantity]]\nid = \"q\"\nsubject = [\"Kerman\"]\n";
const E: &str = "[[entity]]\nid = \"e\"\ncanonical = \"IS-K\"\n";
const D: &str = "[[date]]\nid = \"d\"\nsubject = [\"Kabul\"]\n";

fn with(base: &str, extra: &str) -> String {
    format!("{base}{extra}\n")
}

#[test]
fn each_mistake_is_reported_with_its_code_message_and_span() {
    // (rule file, code, message fragment, text under the primary label, note fragment)
    let cases: Vec<(String, Code, &str, &str, &str)> = vec![
        (
            "[[entity]\nid = \"a\"\n".into(),
            Code::RuleSyntax,
            "invalid toml",
            "",
            "",
        ),
        (
            with(Q, "cues = [\"killed\"]"),
            Code::UnknownKey,
            "unknown key `cues` in [[quantity]]",
            "cues",
            "did you mean `cue`?",
        ),
        (
            with(Q, "canonical = \"x\""),
            Code::UnknownKey,
            "unknown key `canonical`",
            "canonical",
            "key of [[entity]]",
        ),
        (
            format!("{Q}[[entities]]\nid = \"x\"\n"),
            Code::UnknownKey,
            "unknown table `[[entities]]`",
            "entities",
            "did you mean `entity`?",
        ),
        (
            with(E, "variants = \"IS-KP\""),
            Code::WrongType,
            "`variants` must be an array of strings, not a string",
            "\"IS-KP\"",
            "",
        ),
        (
            with(E, "variants = [\"IS-KP\", 5]"),
            Code::WrongType,
            "this item is an integer",
            "5",
            "",
        ),
        (
            with(Q, "tolerance = true"),
            Code::WrongType,
            "`tolerance` must be a percentage string",
            "true",
            "",
        ),
        (
            "[[date]]\nid = 5\nsubject = [\"Kabul\"]\n".into(),
            Code::WrongType,
            "`id` must be a string, not an integer",
            "5",
            "",
        ),
        (
            "[entity]\nid = \"e\"\ncanonical = \"Aa\"\nvariants = [\"Bb\"]\n".into(),
            Code::WrongType,
            "write `[[entity]]`",
            "[entity]",
            "",
        ),
        (
            "[[quantity]]\nsubject = [\"Kerman\"]\n".into(),
            Code::MissingKey,
            "missing key `id` in [[quantity]]",
            "[[quantity]]",
            "",
        ),
        (
            "[[entity]]\nid = \"e\"\nvariants = [\"Bb\"]\n".into(),
            Code::MissingKey,
            "missing key `canonical` in [[entity]]",
            "[[entity]]",
            "",
        ),
        (
            E.into(),
            Code::MissingKey,
            "missing key `variants`",
            "[[entity]]",
            "",
        ),
        (
            "[[date]]\nid = \"d\"\n".into(),
            Code::MissingKey,
            "missing key `subject` in [[date]]",
            "[[date]]",
            "",
        ),
        (
            "[[date]]\nid = \"Kabul_Embassy\"\nsubject = [\"Kabul\"]\n".into(),
            Code::InvalidId,
            "rule id `Kabul_Embassy` is not kebab-case",
            "\"Kabul_Embassy\"",
            "try `kabul-embassy`",
        ),
        (
            "[[quantity]]\nid = \"q\"\nsubject = []\n".into(),
            Code::EmptyTerms,
            "`subject` is an empty list",
            "[]",
            "",
        ),
        (
            with(E, "variants = []"),
            Code::EmptyTerms,
            "`variants` is an empty list",
            "[]",
            "",
        ),
        (
            with(Q, "cue = [\"killed\", \"\"]"),
            Code::EmptyTerms,
            "empty term",
            "\"\"",
            "",
        ),
        (
            with(Q, "exclude = [\"//\"]"),
            Code::EmptyTerms,
            "empty regex term",
            "\"//\"",
            "",
        ),
        (
            with(E, "variants = [\"/IS-(KP/\"]"),
            Code::InvalidRegex,
            "invalid regex `/IS-(KP/`",
            "\"/IS-(KP/\"",
            "unclosed group",
        ),
        (
            with(Q, "cue = [\"/x*/\"]"),
            Code::InvalidRegex,
            "matches the empty string",
            "\"/x*/\"",
            "",
        ),
        (
            with(E, "variants = [\".\"]"),
            Code::ShortTerm,
            "term `.` has fewer than two letters or digits",
            "\".\"",
            "a term must name something",
        ),
        (
            with(Q, "cue = [\"killed\", \"A\"]"),
            Code::ShortTerm,
            "term `A` has fewer than two letters or digits",
            "\"A\"",
            "",
        ),
        (
            format!(
                "{E}variants = [\"ISIS-K\"]\n[[entity]]\nid = \"f\"\ncanonical = \"ISIS-K\"\nvariants = [\"ISKP\"]\n"
            ),
            Code::ConflictingCanonical,
            "variant `ISIS-K` of `e` is the canonical form of `f`",
            "\"ISIS-K\"",
            "`e` rewrites `ISIS-K`, the form `f` accepts, to `IS-K`",
        ),
        (
            with(Q, "tolerance = \"200%\""),
            Code::InvalidValue,
            "tolerance 200% is out of range",
            "\"200%\"",
            "between 0% and 50%",
        ),
        (
            with(Q, "tolerance = 5"),
            Code::InvalidValue,
            "out of range",
            "5",
            "did you mean `\"5%\"`?",
        ),
        (
            with(Q, "tolerance = \"five percent\""),
            Code::InvalidValue,
            "invalid tolerance `five percent`",
            "\"five percent\"",
            "",
        ),
        (
            with(E, "variants = [\"Bb\"]\nmode = \"canonicl\""),
            Code::InvalidValue,
            "invalid mode `canonicl`",
            "\"canonicl\"",
            "did you mean `canonical`?",
        ),
        (
            with(Q, "scope = \"sentance\""),
            Code::InvalidValue,
            "invalid scope `sentance`",
            "\"sentance\"",
            "did you mean `sentence`?",
        ),
        (
            with(Q, "severity = \"fatal\""),
            Code::InvalidValue,
            "invalid severity `fatal`",
            "\"fatal\"",
            "`error`, `warning`, `info`",
        ),
        (
            with(Q, "unit = \"dollars\""),
            Code::InvalidValue,
            "invalid unit `dollars`",
            "\"dollars\"",
            "",
        ),
        (
            with(Q, "bare_round = \"aprox\""),
            Code::InvalidValue,
            "invalid bare_round",
            "\"aprox\"",
            "did you mean `approx`?",
        ),
        (
            with(Q, "monotone = \"up\""),
            Code::InvalidValue,
            "invalid monotone",
            "\"up\"",
            "",
        ),
        (
            with(Q, "value = 95.5"),
            Code::InvalidValue,
            "is not a count",
            "95.5",
            "",
        ),
        (
            with(Q, "currency = \"USD\""),
            Code::InvalidValue,
            "`currency` needs `unit = \"money\"`",
            "\"USD\"",
            "",
        ),
        (
            with(D, "order = \"ymd\""),
            Code::InvalidValue,
            "invalid order `ymd`",
            "\"ymd\"",
            "",
        ),
        (
            with(D, "value = \"2022-13-05\""),
            Code::InvalidValue,
            "invalid date `2022-13-05`",
            "\"2022-13-05\"",
            "",
        ),
        (
            with(D, "value = 2022-09-05T10:00:00"),
            Code::WrongType,
            "`value` must be a date string",
            "2022-09-05T10:00:00",
            "",
        ),
        (
            with(D, "value = \"2024-03-10/2024-03-08\""),
            Code::InvalidValue,
            "invalid date",
            "\"2024-03-10/2024-03-08\"",
            "",
        ),
        (
            with(D, "year = 0"),
            Code::InvalidValue,
            "year 0 is out of range",
            "0",
            "",
        ),
        (
            with(E, "variants = [\"IS\u{2013}K\"]"),
            Code::RedundantVariant,
            "is the canonical form",
            "\"IS\u{2013}K\"",
            "",
        ),
        (
            with(E, "case_sensitive = false\nvariants = [\"is-k\"]"),
            Code::RedundantVariant,
            "is the canonical form",
            "\"is-k\"",
            "",
        ),
        (
            with(E, "variants = [\"ISKP\", \"IS-KP\", \"ISKP\"]"),
            Code::RedundantVariant,
            "variant `ISKP` is listed twice",
            "\"ISKP\"",
            "",
        ),
        (
            format!("{Q}{}", Q.replace("\"Kerman\"", "\"Kabul\"")),
            Code::DuplicateId,
            "duplicate rule id `q`",
            "\"q\"",
            "",
        ),
        (
            with(
                Q,
                "[[quantity.examples]]\ntext = \"killing 94\"\nexpects = \"94\"",
            ),
            Code::UnknownKey,
            "unknown key `expects` in [[quantity.examples]]",
            "expects",
            "did you mean `expect`?",
        ),
        (
            with(Q, "include = [\"missing.toml\"]"),
            Code::UnknownKey,
            "unknown key `include` in [[quantity]]",
            "include",
            "",
        ),
    ];
    let mut failures = Vec::new();
    for (source, code, message, text, note) in &cases {
        let (rules, findings, files) = load_one(source);
        let Some(f) = findings.iter().find(|f| f.code == *code) else {
            failures.push(format!("{source}\n  expected {code}, got {findings:#?}"));
            continue;
        };
        if findings.len() != 1 {
            failures.push(format!(
                "{source}\n  expected one finding, got {findings:#?}"
            ));
        }
        if !f.message.contains(message) {
            failures.push(format!(
                "{source}\n  message {:?} lacks {message:?}",
                f.message
            ));
        }
        if primary_text(&files, f) != *text {
            failures.push(format!(
                "{source}\n  label {:?}, expected {text:?}",
                primary_text(&files, f)
            ));
        }
        if !note.is_empty() && !f.notes.iter().any(|n| n.contains(note)) {
            failures.push(format!("{source}\n  notes {:?} lack {note:?}", f.notes));
        }
        if f.message.chars().next().is_some_and(char::is_uppercase) {
            failures.push(format!("{source}\n  message not lowercase: {}", f.message));
        }
        // A rule with a problem is never compiled (the duplicate keeps its first definition).
        // A conflict between rules is found after both compiled; the run still stops (exit 2).
        let compiled_anyway = [
            Code::DuplicateId,
            Code::UnknownKey,
            Code::ConflictingCanonical,
        ];
        if !compiled_anyway.contains(code) && !rules.is_empty() {
            failures.push(format!("{source}\n  invalid rule compiled"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn rules_that_rewrite_each_other_are_both_reported_across_files() {
    let (_, findings, files) = load_tree(
        &[
            (
                "a.toml",
                "[[entity]]\nid = \"short\"\ncanonical = \"IS-K\"\nvariants = [\"ISIS-K\"]\n",
            ),
            (
                "b.toml",
                "[[entity]]\nid = \"long\"\ncanonical = \"isis-k\"\nvariants = [\"IS-K\"]\ncase_sensitive = false\n",
            ),
        ],
        &["a.toml", "b.toml"],
    );
    assert_eq!(findings.len(), 2, "{findings:#?}");
    for f in &findings {
        assert_eq!(f.code, Code::ConflictingCanonical);
        assert!(f.notes.iter().any(|n| n.contains("on every run")), "{f:#?}");
        assert_eq!(f.labels.len(), 2);
    }
    assert_eq!(primary_text(&files, &findings[0]), "\"ISIS-K\"");
    assert_eq!(primary_text(&files, &findings[1]), "\"IS-K\"");
    // Rules in other modes never fix, so they may share forms.
    let (_, findings, _) = load_one(
        "[[entity]]\nid = \"a\"\ncanonical = \"IS-K\"\nvariants = [\"ISIS-K\"]\n\
         [[entity]]\nid = \"b\"\ncanonical = \"ISIS-K\"\nvariants = [\"IS-K\"]\nmode = \"corpus\"\n",
    );
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn findings_carry_the_rule_id_once_known() {
    let (_, findings, _) = load_one(&with(Q, "cues = []\nunit = \"dollars\""));
    assert_eq!(findings.len(), 2);
    assert!(findings.iter().all(|f| f.rule.as_deref() == Some("q")));
    let (_, findings, _) = load_one("[[quantity]]\nsubject = []\n");
    assert!(findings.iter().all(|f| f.rule.is_none()));
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let source = "\
[[entity]]
id = \"Bad Id\"
canonical = \"\"
variants = []
mode = \"corpse\"
colour = 1

[[quantity]]
subject = [\"/(/\"]
tolerance = \"90%\"
";
    let (rules, findings, _) = load_one(source);
    let mut codes: Vec<Code> = findings.iter().map(|f| f.code).collect();
    codes.sort();
    let mut expected = vec![
        Code::InvalidId,
        Code::EmptyTerms,
        Code::EmptyTerms,
        Code::InvalidValue,
        Code::UnknownKey,
        Code::MissingKey,
        Code::InvalidRegex,
        Code::InvalidValue,
    ];
    expected.sort();
    assert_eq!(codes, expected, "{findings:#?}");
    assert!(rules.is_empty());
}

fn literal(term: &Term) -> &str {
    match &term.pattern {
        Pattern::Literal(s) => s,
        Pattern::Regex(_) => panic!("expected a literal, got {term:?}"),
    }
}

fn regex(term: &Term) -> &regex::Regex {
    match &term.pattern {
        Pattern::Regex(re) => re,
        Pattern::Literal(_) => panic!("expected a regex, got {term:?}"),
    }
}

#[test]
fn a_valid_file_compiles_with_defaults_and_normalized_terms() {
    let source = "\
# The demo pack.
[[entity]]
id = \"iskp-name\"
description = \"Name of the Khorasan branch\"
canonical = \"IS\u{2011}K\"
variants = [\"ISIS\u{2013}K\", \"/IS-?KP/\", \"Islamic\u{00A0}State Khorasan Province\"]

[[quantity]]
id = \"kerman-death-toll\"
subject = [\"Kerman\"]
cue = [\"killed\", \"/death tolls?/\"]
value = 95
scope = \"paragraph\"
severity = \"warning\"
exclude = [\"Kerman province\"]
[[quantity.examples]]
text = \"killing 94\"
expect = \"94\"
[[quantity.examples]]
files = { \"a.md\" = \"Kerman: 96 killed\", \"b.md\" = \"Kerman: 94 killed\" }
findings = [\"quantity-mismatch\"]

[[quantity]]
id = \"budget\"
subject = [\"budget\"]
unit = \"money\"
currency = \"EUR\"
tolerance = 0.1
roundness = false
bare_round = \"approx\"
monotone = \"increasing\"

[[date]]
id = \"kabul-embassy-bombing\"
subject = [\"Russian embassy in Kabul\"]
value = 2022-09-05
order = \"dmy\"
year = 2022

[[date]]
id = \"warning-window\"
subject = [\"warning\"]
value = \"2024-03-08/2024-03-10\"
case_sensitive = true
";
    let (rules, findings, files) = load_one(source);
    assert!(findings.is_empty(), "{findings:#?}");
    let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "iskp-name",
            "kerman-death-toll",
            "budget",
            "kabul-embassy-bombing",
            "warning-window"
        ]
    );

    let entity = &rules.rules[0];
    assert_eq!(entity.location, "rules.toml:2");
    assert_eq!(
        &files.source(entity.origin.file)[entity.origin.range()],
        "[[entity]]"
    );
    assert_eq!(entity.scope, Scope::Sentence);
    assert_eq!(entity.severity, None);
    assert_eq!(
        entity.description.as_deref(),
        Some("Name of the Khorasan branch")
    );
    let RuleKind::Entity(e) = &entity.kind else {
        panic!("not an entity")
    };
    assert_eq!(e.mode, EntityMode::Canonical);
    assert_eq!(literal(&e.canonical), "IS-K");
    assert_eq!(e.canonical.written, "IS\u{2011}K");
    assert!(e.canonical.case_sensitive);
    assert_eq!(literal(&e.variants[0]), "ISIS-K");
    let re = regex(&e.variants[1]);
    assert!(re.is_match("IS-KP") && re.is_match("ISKP"));
    assert!(
        !re.is_match("is-kp"),
        "entity regexes are case-sensitive by default"
    );
    assert_eq!(literal(&e.variants[2]), "Islamic State Khorasan Province");

    let toll = &rules.rules[1];
    assert_eq!(toll.location, "rules.toml:8");
    assert_eq!(toll.scope, Scope::Paragraph);
    assert_eq!(toll.severity, Some(Severity::Warning));
    assert_eq!(literal(&toll.exclude[0]), "Kerman province");
    assert!(!toll.exclude[0].case_sensitive);
    let RuleKind::Quantity(q) = &toll.kind else {
        panic!("not a quantity")
    };
    assert_eq!(q.value, Some(95.0));
    assert!((q.tolerance - 0.05).abs() < 1e-12);
    assert_eq!(q.unit, Unit::Count);
    assert!(q.roundness);
    assert_eq!(q.bare_round, BareRound::Exact);
    assert_eq!(q.monotone, None);
    assert!(!q.subject[0].case_sensitive);
    let re = regex(&q.cue[1]);
    assert!(re.is_match("Death Toll") && re.is_match("death tolls"));
    assert_eq!(toll.examples.len(), 2);
    assert_eq!(toll.examples[0].text.as_deref(), Some("killing 94"));
    assert_eq!(toll.examples[0].expect, ["94"]);
    assert_eq!(
        toll.examples[1].files,
        [
            ("a.md".to_string(), "Kerman: 96 killed".to_string()),
            ("b.md".to_string(), "Kerman: 94 killed".to_string())
        ]
    );
    assert_eq!(
        toll.examples[1].findings.as_deref(),
        Some(&["quantity-mismatch".to_string()][..])
    );
    assert!(toll.examples[0].origin.is_some());

    let RuleKind::Quantity(budget) = &rules.rules[2].kind else {
        panic!("not a quantity")
    };
    assert_eq!(budget.unit, Unit::Money);
    assert_eq!(budget.currency.as_deref(), Some("EUR"));
    assert!((budget.tolerance - 0.1).abs() < 1e-12);
    assert!(!budget.roundness);
    assert_eq!(budget.bare_round, BareRound::Approx);
    assert_eq!(budget.monotone, Some(Monotone::Increasing));

    let RuleKind::Date(d) = &rules.rules[3].kind else {
        panic!("not a date")
    };
    let day = |y, m, d| PartialDate {
        year: Some(y),
        month: Some(m),
        day: Some(d),
    };
    assert_eq!(
        d.value,
        Some(DateValue::Single {
            date: day(2022, 9, 5)
        })
    );
    assert_eq!(d.order, Some(DateOrder::Dmy));
    assert_eq!(d.year, Some(2022));
    let RuleKind::Date(w) = &rules.rules[4].kind else {
        panic!("not a date")
    };
    assert_eq!(
        w.value,
        Some(DateValue::Range {
            from: day(2024, 3, 8),
            to: day(2024, 3, 10)
        })
    );
    assert!(w.subject[0].case_sensitive);
}

#[test]
fn partial_dates_parse() {
    use super::compile::parse_date_value;
    let ok = |s: &str| parse_date_value(s).expect(s);
    assert_eq!(
        ok("2022-09"),
        DateValue::Single {
            date: PartialDate {
                year: Some(2022),
                month: Some(9),
                day: None
            }
        }
    );
    assert_eq!(
        ok("2022"),
        DateValue::Single {
            date: PartialDate {
                year: Some(2022),
                month: None,
                day: None
            }
        }
    );
    assert!(matches!(ok("2024-02-29"), DateValue::Single { .. }));
    for bad in [
        "",
        "22-09-05",
        "2022-9-5",
        "2022-09-31",
        "2023-02-29",
        "2022/2021",
        "2022-09/2022",
        "March 2022",
        "2022-09-05-01",
    ] {
        assert!(parse_date_value(bad).is_err(), "{bad}");
    }
}

#[test]
fn includes_load_each_file_once_and_report_cycles() {
    let (rules, findings, files) = load_tree(
        &[
            (
                "main.toml",
                "include = [\"shared/a.toml\", \"shared/b.toml\"]\n[[date]]\nid = \"main\"\nsubject = [\"Xanadu\"]\n",
            ),
            (
                "shared/a.toml",
                "include = [\"b.toml\"]\n[[date]]\nid = \"a\"\nsubject = [\"Xanadu\"]\n",
            ),
            (
                "shared/b.toml",
                "include = [\"../main.toml\"]\n[[date]]\nid = \"b\"\nsubject = [\"Xanadu\"]\n",
            ),
        ],
        &["main.toml"],
    );
    let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["main", "a", "b"]);
    assert_eq!(files.len(), 3, "each file is read once");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let cycle = &findings[0];
    assert_eq!(cycle.code, Code::InvalidConfig);
    assert_eq!(
        cycle.message,
        "include cycle: main.toml → shared/a.toml → shared/b.toml → main.toml"
    );
    let label = cycle.primary().expect("label");
    assert_eq!(files.path(label.span.file), "shared/b.toml");
    assert_eq!(primary_text(&files, cycle), "\"../main.toml\"");
    assert_eq!(rules.rules[2].location, "shared/b.toml:2");
}

#[test]
fn a_missing_include_points_at_the_entry() {
    let (_, findings, files) = load_one("include = [\"nope.toml\"]\n");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].code, Code::InvalidConfig);
    assert_eq!(primary_text(&files, &findings[0]), "\"nope.toml\"");
}

#[test]
fn duplicate_ids_across_files_point_at_both() {
    let (rules, findings, files) = load_tree(
        &[
            (
                "rules/a.toml",
                "[[date]]\nid = \"attack\"\nsubject = [\"Xanadu\"]\n",
            ),
            (
                "rules/b.toml",
                "# second\n[[quantity]]\nid = \"attack\"\nsubject = [\"Ypres\"]\n",
            ),
        ],
        &["rules"],
    );
    assert_eq!(rules.len(), 1);
    assert!(matches!(rules.rules[0].kind, RuleKind::Date(_)));
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f.code, Code::DuplicateId);
    assert_eq!(f.rule.as_deref(), Some("attack"));
    assert_eq!(f.labels.len(), 2);
    let (primary, secondary) = (&f.labels[0], &f.labels[1]);
    assert!(primary.primary && !secondary.primary);
    assert_eq!(files.path(primary.span.file), "rules/b.toml");
    assert_eq!(files.path(secondary.span.file), "rules/a.toml");
    assert_eq!(secondary.message, "first defined here");
    assert_eq!(
        &files.source(secondary.span.file)[secondary.span.range()],
        "\"attack\""
    );
}

#[test]
fn missing_paths_and_empty_directories_are_config_errors() {
    let (_, findings, _) = load_tree(&[("rules/readme.md", "hi")], &["nowhere", "rules"]);
    let messages: Vec<(&str, Option<&str>)> = findings
        .iter()
        .map(|f| (f.message.as_str(), f.path.as_deref()))
        .collect();
    assert_eq!(
        messages,
        [
            ("rules path `nowhere` does not exist", Some("nowhere")),
            (
                "no rule files found under `nowhere`, `rules`",
                Some("rules")
            ),
        ]
    );
    assert!(
        findings
            .iter()
            .all(|f| f.code == Code::InvalidConfig && f.labels.is_empty())
    );
}

#[test]
fn directories_are_searched_recursively_in_sorted_order() {
    let rule = |id: &str| format!("[[date]]\nid = \"{id}\"\nsubject = [\"Xanadu\"]\n");
    let (rules, findings, files) = load_tree(
        &[
            ("rules/b.toml", &rule("b")),
            ("rules/a/z.toml", &rule("az")),
            ("rules/c.txt", "not toml"),
            ("rules/a.toml", &rule("a")),
        ],
        &["rules"],
    );
    assert!(findings.is_empty(), "{findings:#?}");
    let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["az", "a", "b"]);
    let paths: Vec<&str> = files.iter().map(|(_, f)| f.path.as_str()).collect();
    assert_eq!(paths, ["rules/a/z.toml", "rules/a.toml", "rules/b.toml"]);
}

/// One line of `fixtures/bad-rules/EXPECTED.md`: `| rules/x.toml:12 | code | ... |`.
fn expected_mistakes(text: &str) -> Vec<(String, usize, String)> {
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let location = cells.get(1)?.trim_matches('`');
            let code = cells.get(2)?.trim_matches('`');
            let (path, line) = location.rsplit_once(':')?;
            Some((path.to_string(), line.parse().ok()?, code.to_string()))
        })
        .collect()
}

#[test]
fn the_bad_rules_fixture_reports_exactly_its_listed_mistakes() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bad-rules");
    let expected_md = std::fs::read_to_string(base.join("EXPECTED.md")).expect("EXPECTED.md");
    let mut expected = expected_mistakes(&expected_md);
    assert!(
        expected.len() >= 12,
        "EXPECTED.md lists {} mistakes",
        expected.len()
    );
    let mut files = Files::new();
    let (_, findings) = load_rules(&[base.join("rules")], &base, &mut files);
    let mut got: Vec<(String, usize, String)> = findings
        .iter()
        .map(|f| {
            let label = f.primary().expect("every rule finding has a span");
            let file = files.get(label.span.file).expect("file");
            let (line, _) = file.line_column(label.span.start);
            (file.path.clone(), line, f.code.name().to_string())
        })
        .collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected, "{findings:#?}");
    let distinct: std::collections::HashSet<&str> = expected.iter().map(|e| e.2.as_str()).collect();
    assert!(distinct.len() >= 10, "the fixture should cover most codes");
}
