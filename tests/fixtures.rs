//! Fixture corpora under `fixtures/cases/`: each case is a `rules.toml` and a `docs/`
//! directory. For every case the human output, the findings and the mentions are pinned with
//! insta snapshots (`tests/snapshots/`), so a change in what factlint reads or reports shows up
//! as a reviewable diff. Every mention's span is also checked against its source bytes.

#![allow(clippy::unwrap_used)] // a fixture that cannot load should fail loudly

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use factlint::config::Config;
use factlint::files::Files;
use factlint::report::{self, Format, RenderOptions, Summary};
use factlint::source::offsets::normalize_str;
use factlint::{Outcome, Settings};

fn run_case(dir: &Path) -> Outcome {
    run_case_with(dir, |_| {})
}

fn run_case_with(dir: &Path, adjust: impl FnOnce(&mut Config)) -> Outcome {
    let mut config = Config::default_for(dir);
    config.rules = vec![PathBuf::from("rules.toml")];
    config.documents.paths = vec![PathBuf::from("docs")];
    adjust(&mut config);
    // The snapshots list the rejected candidates too, as `explain` would.
    let mut settings = Settings::new(config, dir.to_path_buf());
    settings.rejections = true;
    factlint::check(&settings, Files::new())
}

fn human(outcome: &Outcome) -> String {
    let summary = Summary::new(
        outcome.documents,
        outcome.rules.len(),
        outcome.mentions.len(),
        &outcome.findings,
    );
    let mut out = Vec::new();
    report::render(
        Format::Human,
        &outcome.files,
        &outcome.findings,
        &summary,
        RenderOptions::default(),
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

/// One line per finding: severity, code, rule, primary location and text.
fn findings(outcome: &Outcome) -> String {
    let mut out = String::new();
    for f in &outcome.findings {
        let at = f.primary().map_or_else(
            || f.path.clone().unwrap_or_default(),
            |l| {
                let file = outcome.files.get(l.span.file).unwrap();
                let (line, col) = file.line_column(l.span.start);
                format!(
                    "{}:{line}:{col} `{}`",
                    file.path,
                    &file.source()[l.span.range()]
                )
            },
        );
        let rule = f.rule.as_deref().unwrap_or("-");
        writeln!(out, "{} {} {rule} {at}", f.severity, f.code).unwrap();
    }
    out
}

/// One line per mention: rule, location, text and reading; plus rejected candidates.
fn mentions(outcome: &Outcome) -> String {
    let mut out = String::new();
    for m in &outcome.mentions {
        let file = outcome.files.get(m.span.file).unwrap();
        let (line, col) = file.line_column(m.span.start);
        let rule = &outcome.rules.rules[m.rule].id;
        let value = serde_json::to_string(&m.value).unwrap();
        let note = m
            .note
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        writeln!(
            out,
            "{rule} {}:{line}:{col} `{}` {value}{note}",
            file.path, m.text
        )
        .unwrap();
    }
    for r in &outcome.rejected {
        let file = outcome.files.get(r.span.file).unwrap();
        let (line, col) = file.line_column(r.span.start);
        let rule = &outcome.rules.rules[r.rule].id;
        writeln!(
            out,
            "rejected {rule} {}:{line}:{col} `{}`: {}",
            file.path,
            &file.source()[r.span.range()],
            r.reason
        )
        .unwrap();
    }
    out
}

/// Every mention's span lies on char boundaries and slices to what was read.
fn assert_spans(outcome: &Outcome) {
    for m in &outcome.mentions {
        let source = outcome.files.source(m.span.file);
        assert!(source.is_char_boundary(m.span.start) && source.is_char_boundary(m.span.end));
        assert_eq!(
            normalize_str(&source[m.span.range()]).replace('\n', " "),
            m.text
        );
        assert!(
            m.frame.start <= m.span.start && m.span.end <= m.frame.end,
            "{m:?}"
        );
    }
}

#[test]
fn fixture_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cases");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 8);
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let outcome = run_case(&case);
        assert!(!outcome.has_rule_errors(), "{name}: {:?}", outcome.findings);
        assert_spans(&outcome);
        insta::assert_snapshot!(format!("{name}__findings"), findings(&outcome));
        insta::assert_snapshot!(format!("{name}__mentions"), mentions(&outcome));
        insta::assert_snapshot!(format!("{name}__human"), human(&outcome));
    }
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    // Every fixture corpus at once: directories walked on several threads, documents read on
    // several, some turned away by the anchors and some not.
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let mut config = Config::default_for(Path::new(env!("CARGO_MANIFEST_DIR")));
            config.rules = vec![PathBuf::from("rules/demo.toml")];
            config.documents.paths = vec![case.clone()];
            let settings = Settings::new(config, PathBuf::from(env!("CARGO_MANIFEST_DIR")));
            human(&factlint::check(&settings, Files::new()))
        })
    };
    let one = run(1);
    assert!(one.contains("error["), "{one}");
    assert_eq!(one, run(4));
    assert_eq!(one, run(2));
}

fn codes_at(outcome: &Outcome) -> Vec<(String, String)> {
    outcome
        .findings
        .iter()
        .filter_map(|f| {
            let l = f.primary()?;
            Some((
                f.code.name().to_string(),
                outcome.files.path(l.span.file).to_string(),
            ))
        })
        .collect()
}

#[test]
fn copies_of_one_article_count_once_unless_switched_off() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cases/near-duplicates");
    let on = run_case(&dir);
    assert_eq!(
        on.duplicates.len(),
        1,
        "the original and its syndicated copy are one group"
    );
    let on_codes = codes_at(&on);
    assert!(
        !on_codes.iter().any(|(_, p)| p == "docs/independent.md"),
        "a copy cannot outvote an independent document: {on_codes:?}"
    );
    let off = run_case_with(&dir, |c| c.checks.near_duplicates = false);
    assert!(off.duplicates.is_empty());
    assert!(
        codes_at(&off).contains(&("quantity-mismatch".into(), "docs/independent.md".into())),
        "without grouping the two copies outvote it: {:?}",
        codes_at(&off)
    );
}

#[test]
fn newsroom_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/newsroom");
    let mut files = Files::new();
    let config = factlint::config::load_config(&root.join("factlint.toml"), &root, &mut files)
        .expect("valid config");
    let mut settings = Settings::new(config, root.clone());
    settings.rejections = true;
    let outcome = factlint::check(&settings, files);
    assert!(!outcome.has_rule_errors(), "{:?}", outcome.findings);
    assert_spans(&outcome);
    // Figures hidden in scripts, styles, comments and hidden elements are never read.
    for m in &outcome.mentions {
        assert!(
            !["150", "160", "170", "180"].contains(&m.text.as_str()),
            "{m:?}"
        );
    }
    // The rising toll: every older, lower figure is stale (info), none is an error.
    let toll: Vec<_> = outcome
        .findings
        .iter()
        .filter(|f| f.rule.as_deref() == Some("crocus-toll"))
        .map(|f| (f.code.name(), f.severity))
        .collect();
    assert_eq!(toll.len(), 4, "{toll:?}");
    assert!(
        toll.iter()
            .all(|(c, s)| *c == "stale-figure" && *s == factlint::finding::Severity::Info)
    );
    insta::assert_snapshot!("newsroom__findings", findings(&outcome));
    insta::assert_snapshot!("newsroom__mentions", mentions(&outcome));
    insta::assert_snapshot!("newsroom__human", human(&outcome));
}

#[test]
fn weekday_check_can_be_switched_off() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cases/weekday");
    let on = run_case(&dir);
    assert!(
        on.findings
            .iter()
            .any(|f| f.code.name() == "weekday-mismatch")
    );
    let off = run_case_with(&dir, |c| c.checks.weekday = false);
    assert!(
        !off.findings
            .iter()
            .any(|f| f.code.name() == "weekday-mismatch")
    );
}

#[test]
fn demo_extract_output() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut config = Config::default_for(&root);
    config.rules = vec![PathBuf::from("rules/demo.toml")];
    config.documents.paths = vec![PathBuf::from("fixtures/demo")];
    let outcome = factlint::check(&Settings::new(config, root), Files::new());
    let mut out = Vec::new();
    report::jsonl::render(&outcome.files, &outcome.rules, &outcome.mentions, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    // Inferred years are shown.
    assert!(
        text.contains("year 2024 from the document date 2024-03-29"),
        "{text}"
    );
    insta::assert_snapshot!("demo__extract", text);
}
