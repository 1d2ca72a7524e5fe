//! Gates from the outside: draft mode, `--changed`, suppressions, baselines, output options
//! and the machine formats (snapshots of the demo in every format, SARIF against its schema).
//! Each test runs the real binary.

#![allow(clippy::unwrap_used)] // a test that cannot set itself up should fail loudly

mod common;

use std::fs;
use std::path::Path;
use std::process::Command as StdCommand;

use common::{factlint, json, repo, write};
use serde_json::Value;

/// `(code, rule, primary path, primary text)` of every finding of a JSON report.
fn findings(v: &Value) -> Vec<(String, String, String, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let label = &f["labels"][0];
            (
                f["code"].as_str().unwrap_or("").to_string(),
                f["rule"].as_str().unwrap_or("").to_string(),
                label["path"]
                    .as_str()
                    .or(f["path"].as_str())
                    .unwrap_or("")
                    .to_string(),
                label["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn paths(v: &Value) -> Vec<String> {
    findings(v).into_iter().map(|f| f.2).collect()
}

const RULES: &str = r#"
[[entity]]
id = "iskp-name"
canonical = "IS-K"
variants = ["ISIS-K", "IS-KP", "ISKP"]

[[entity]]
id = "fsb-name"
canonical = "Alexander Bortnikov"
variants = ["Aleksandr Bortnikov"]
mode = "corpus"
"#;

/// An archive that agrees with itself except for one old piece (`archive/old.md`).
fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules/names.toml", RULES);
    write(
        dir.path(),
        "archive/a.md",
        "# A\n\nThe group IS-K claimed it. Alexander Bortnikov spoke.\n",
    );
    write(
        dir.path(),
        "archive/b.md",
        "Alexander Bortnikov said IS-K was behind it.\n",
    );
    write(
        dir.path(),
        "archive/old.md",
        "An old piece that says ISIS-K.\n",
    );
    dir
}

// --- Draft mode -----------------------------------------------------------------------------

#[test]
fn draft_against_corpus_reports_only_the_draft_with_archive_evidence() {
    let dir = archive();
    write(
        dir.path(),
        "draft.md",
        "A draft: Aleksandr Bortnikov blamed IS-KP.\n",
    );
    let out = factlint()
        .args([
            "check", "draft.md", "--corpus", "archive", "--format", "json",
        ])
        .args(["--rules", "rules", "--fail-on", "warning"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out.stdout);
    assert_eq!(v["summary"]["documents"], 4);
    assert_eq!(paths(&v), ["draft.md", "draft.md"], "{v:#}");
    // The Bortnikov finding's evidence is in the archive.
    let bortnikov = &v["findings"][0];
    assert_eq!(bortnikov["labels"][0]["text"], "Aleksandr Bortnikov");
    let evidence: Vec<&str> = bortnikov["labels"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["primary"] == false)
        .map(|l| l["path"].as_str().unwrap())
        .collect();
    assert!(
        !evidence.is_empty() && evidence.iter().all(|p| p.starts_with("archive/")),
        "{evidence:?}"
    );
    // archive/old.md's own variant is not reported, but counted.
    assert_eq!(v["summary"]["gates"]["outside"], 1);
    assert_eq!(v["summary"]["gates"]["draft"], true);
}

#[test]
fn a_disagreement_inside_the_archive_never_fails_a_clean_draft() {
    let dir = archive();
    write(dir.path(), "draft.md", "Alexander Bortnikov blamed IS-K.\n");
    let out = factlint()
        .args([
            "check", "draft.md", "--corpus", "archive", "--rules", "rules",
        ])
        .args(["--fail-on", "info"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("no findings"), "{text}");
    assert!(
        text.contains("factlint: not reported: 1 in other documents"),
        "{text}"
    );
}

#[test]
fn named_files_with_a_config_are_checked_against_its_documents() {
    let dir = archive();
    write(
        dir.path(),
        "factlint.toml",
        "rules = [\"rules\"]\n[documents]\npaths = [\"archive\"]\n",
    );
    write(dir.path(), "archive/new.md", "Aleksandr Bortnikov again.\n");
    let out = factlint()
        .args(["check", "archive/new.md", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let v = json(&out.stdout);
    assert_eq!(v["summary"]["documents"], 4);
    assert_eq!(paths(&v), ["archive/new.md"]);
    assert_eq!(v["findings"][0]["rule"], "fsb-name");
}

#[test]
fn skip_outside_corpus_ignores_staged_files_that_are_not_documents() {
    // What the pre-commit hook does: every staged Markdown file is passed, the README too.
    let dir = archive();
    write(
        dir.path(),
        "factlint.toml",
        "rules = [\"rules\"]\n[documents]\npaths = [\"archive\"]\n",
    );
    write(dir.path(), "README.md", "Rules say IS-K, not ISIS-K.\n");
    write(dir.path(), "archive/new.md", "New piece on IS-KP.\n");
    let run = |extra: &[&str]| {
        let out = factlint()
            .args(["check", "README.md", "archive/new.md", "--format", "json"])
            .args(extra)
            .current_dir(dir.path())
            .output()
            .unwrap();
        json(&out.stdout)
    };
    assert_eq!(paths(&run(&[])), ["README.md", "archive/new.md"]);
    let v = run(&["--skip-outside-corpus"]);
    assert_eq!(paths(&v), ["archive/new.md"]);
    assert_eq!(v["summary"]["documents"], 4);
}

#[test]
fn corpus_without_named_files_is_a_usage_error() {
    let dir = archive();
    factlint()
        .args(["check", "--corpus", "archive", "--rules", "rules"])
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("name the files to check"));
}

// --- --changed ------------------------------------------------------------------------------

fn git(dir: &Path, args: &[&str]) {
    let status = StdCommand::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn changed_checks_the_files_changed_since_the_merge_base() {
    let dir = archive();
    let root = dir.path();
    write(
        root,
        "factlint.toml",
        "rules = [\"rules\"]\n[documents]\npaths = [\"archive\"]\n",
    );
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "archive"]);
    git(root, &["checkout", "-q", "-b", "feature"]);
    write(root, "archive/committed.md", "Committed with IS-KP.\n");
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "on the branch"]);
    write(root, "archive/staged.md", "Staged with ISKP.\n");
    git(root, &["add", "archive/staged.md"]);
    write(root, "archive/untracked.md", "Untracked with ISIS-K.\n");
    // Changed, but not a document: never read.
    write(root, "notes/todo.md", "Fix ISIS-K.\n");

    let run = |args: &[&str]| {
        let out = factlint()
            .args(["check", "--format", "json"])
            .args(args)
            .current_dir(root)
            .output()
            .unwrap();
        (out.status.code(), json(&out.stdout))
    };
    let (code, v) = run(&["--changed"]);
    assert_eq!(code, Some(0), "warnings only");
    assert_eq!(
        paths(&v),
        [
            "archive/committed.md",
            "archive/staged.md",
            "archive/untracked.md"
        ],
        "archive/old.md is untouched: {v:#}"
    );
    assert_eq!(v["summary"]["documents"], 6);

    let (_, v) = run(&["--changed", "HEAD"]);
    assert_eq!(paths(&v), ["archive/staged.md", "archive/untracked.md"]);

    // From a subdirectory, paths stay relative to where the run started.
    let out = factlint()
        .args(["check", "--format", "json", "--changed", "main"])
        .current_dir(root.join("archive"))
        .output()
        .unwrap();
    assert_eq!(paths(&json(&out.stdout)).len(), 3);

    factlint()
        .args(["check", "--changed", "no-such-branch"])
        .current_dir(root)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a commit"));
}

#[test]
fn changed_with_nothing_changed_reports_nothing() {
    let dir = archive();
    let root = dir.path();
    write(
        root,
        "factlint.toml",
        "rules = [\"rules\"]\n[documents]\npaths = [\"archive\"]\n",
    );
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "archive"]);
    factlint()
        .args(["check", "--changed", "--fail-on", "info"])
        .current_dir(root)
        .assert()
        .code(0)
        .stdout(predicates::str::contains("no findings"));
}

#[test]
fn changed_outside_a_repository_is_an_error() {
    let dir = archive();
    factlint()
        .args(["check", "--changed", "--rules", "rules"])
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs a git repository"));
}

// --- Suppressions ---------------------------------------------------------------------------

#[test]
fn suppression_forms_used_and_unused() {
    let dir = archive();
    write(
        dir.path(),
        "archive/old.md",
        "<!-- factlint: allow iskp-name -- quoted from the 2019 report -->\n\
         An old piece that says ISIS-K.\n\
         \n\
         Another paragraph with IS-KP.\n\
         \n\
         <!-- factlint: allow iskp-name, fsb-name -- both? -->\n\
         ISKP here, and nothing about the FSB.\n",
    );
    write(
        dir.path(),
        "archive/plain.txt",
        "factlint: allow all -- a wire copy\n\
         Wire copy with ISIS-K.\n\
         Next line with IS-KP. factlint: allow iskp-name -- same wire\n\
         Unmarked ISKP.\n\
         factlint: allow kerman-toll\n",
    );
    let out = factlint()
        .args(["check", "archive", "--rules", "rules", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let v = json(&out.stdout);
    let got = findings(&v);
    let expected = [
        ("entity-variant", "iskp-name", "archive/old.md", "IS-KP"),
        ("unused-suppression", "", "archive/old.md", "fsb-name"),
        ("entity-variant", "iskp-name", "archive/plain.txt", "ISKP"),
        ("unused-suppression", "", "archive/plain.txt", "kerman-toll"),
    ];
    let got: Vec<(&str, &str, &str, &str)> = got
        .iter()
        .map(|(a, b, c, d)| (a.as_str(), b.as_str(), c.as_str(), d.as_str()))
        .collect();
    assert_eq!(got, expected, "{v:#}");
    assert_eq!(v["summary"]["gates"]["suppressed"], 4);
    assert!(
        v["findings"][3]["message"]
            .as_str()
            .unwrap()
            .contains("names no rule")
    );

    // Without reasons, --require-reason fails the run; a reason satisfies it.
    let out = factlint()
        .args(["check", "archive", "--rules", "rules", "--format", "json"])
        .arg("--require-reason")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out.stdout);
    let missing: Vec<_> = findings(&v)
        .into_iter()
        .filter(|f| f.0 == "missing-suppression-reason")
        .collect();
    assert_eq!(missing.len(), 1, "{v:#}");
    assert_eq!(missing[0].2, "archive/plain.txt");
    assert_eq!(missing[0].3, "factlint: allow kerman-toll");
}

#[test]
fn allow_file_and_draft_mode_ignore_suppressions_in_the_archive() {
    let dir = archive();
    write(
        dir.path(),
        "draft.md",
        "<!-- factlint: allow-file iskp-name -- style differs in this series -->\n\
         # Draft\n\nIS-KP struck. Later ISKP again.\n",
    );
    // An unused suppression in the archive is the archive's business.
    write(
        dir.path(),
        "archive/b.md",
        "<!-- factlint: allow fsb-name -->\nAlexander Bortnikov said IS-K was behind it.\n",
    );
    let out = factlint()
        .args([
            "check", "draft.md", "--corpus", "archive", "--rules", "rules",
        ])
        .args(["--format", "json", "--fail-on", "info"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out.stdout);
    assert!(findings(&v).is_empty(), "{v:#}");
    assert_eq!(v["summary"]["gates"]["suppressed"], 2);
}

// --- Baseline -------------------------------------------------------------------------------

#[test]
fn baseline_round_trip() {
    let dir = archive();
    let root = dir.path();
    write(root, "archive/c.md", "Analysts blamed IS-KP.\n");
    let check = |extra: &[&str]| {
        let out = factlint()
            .args([
                "check",
                "archive",
                "--rules",
                "rules",
                "--fail-on",
                "warning",
            ])
            .args(["--baseline", "base.json"])
            .args(extra)
            .current_dir(root)
            .output()
            .unwrap();
        (out.status.code(), out.stdout)
    };

    factlint()
        .args(["baseline", "archive", "--rules", "rules", "-o", "base.json"])
        .current_dir(root)
        .assert()
        .code(0)
        .stderr(predicates::str::contains(
            "recorded 2 findings in `base.json`",
        ));
    let base: Value = serde_json::from_slice(&fs::read(root.join("base.json")).unwrap()).unwrap();
    assert_eq!(base["version"], 1);
    let entries = base["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["path"], "archive/c.md");
    assert_eq!(entries[0]["text"], "IS-KP");

    // Write, then check is clean.
    let (code, out) = check(&[]);
    let text = String::from_utf8(out).unwrap();
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("no findings"), "{text}");
    assert!(text.contains("not reported: 2 in the baseline"), "{text}");

    // Moving a known finding down the file keeps it known.
    write(
        root,
        "archive/c.md",
        "A new first paragraph.\n\nAnalysts blamed IS-KP.\n",
    );
    assert_eq!(check(&[]).0, Some(0));

    // A new conflict: only it is reported.
    write(root, "archive/d.md", "Now ISKP too.\n");
    let (code, out) = check(&["--format", "json"]);
    assert_eq!(code, Some(1));
    let v = json(&out);
    assert_eq!(paths(&v), ["archive/d.md"]);
    assert_eq!(v["summary"]["gates"]["baselined"], 2);
    assert_eq!(v["summary"]["gates"]["baseline_stale"], 0);

    // One fixed: its entry is stale.
    write(root, "archive/old.md", "An old piece that says IS-K.\n");
    let (_, out) = check(&["--format", "json"]);
    let v = json(&out);
    assert_eq!(v["summary"]["gates"]["baseline_stale"], 1);
    let (_, out) = check(&[]);
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("1 baseline entry no longer matches (refresh with `factlint baseline`)"),
        "{text}"
    );
}

#[test]
fn a_bad_baseline_file_is_an_error() {
    let dir = archive();
    write(dir.path(), "base.json", "{\"version\": 7}");
    factlint()
        .args([
            "check",
            "archive",
            "--rules",
            "rules",
            "--baseline",
            "base.json",
        ])
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("base.json"));
    factlint()
        .args([
            "check",
            "archive",
            "--rules",
            "rules",
            "--baseline",
            "missing.json",
        ])
        .current_dir(dir.path())
        .assert()
        .code(2);
}

// --- Output options -------------------------------------------------------------------------

#[test]
fn exit_status_never_depends_on_format_or_destination() {
    let dir = archive();
    for fail_on in ["warning", "error"] {
        let expected = if fail_on == "warning" { 1 } else { 0 };
        for format in ["human", "json", "sarif", "github"] {
            factlint()
                .args(["check", "archive", "--rules", "rules", "--format", format])
                .args(["--fail-on", fail_on])
                .current_dir(dir.path())
                .assert()
                .code(expected);
            let out = factlint()
                .args(["check", "archive", "--rules", "rules", "--format", format])
                .args(["--fail-on", fail_on, "--quiet", "--output", "report.out"])
                .current_dir(dir.path())
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(expected), "{format} {fail_on}");
            assert!(out.stdout.is_empty(), "the report went to the file");
            let written = fs::read_to_string(dir.path().join("report.out")).unwrap();
            assert!(written.contains("ISIS-K"), "{format}: {written}");
        }
    }
}

#[test]
fn quiet_drops_the_summary_lines_only() {
    let dir = archive();
    let out = factlint()
        .args(["check", "archive", "--rules", "rules", "--quiet"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("warning[iskp-name]"), "{text}");
    assert!(!text.contains("factlint: checked"), "{text}");
}

// --- Formats on the demo --------------------------------------------------------------------

fn demo(format: &str) -> String {
    let out = factlint()
        .args(["check", "--format", format])
        .current_dir(repo())
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn demo_snapshots_in_every_format() {
    insta::assert_snapshot!("demo_human", demo("human"));
    // JSON is written on one line; the snapshot is indented to stay readable.
    insta::assert_snapshot!("demo_json", common::indent_json(&demo("json")));
    insta::assert_snapshot!("demo_sarif", common::indent_json(&demo("sarif")));
    insta::assert_snapshot!("demo_github", demo("github"));
}

/// The published SARIF 2.1.0 schema (tests/data/README.md says where it comes from).
fn sarif_validator() -> jsonschema::Validator {
    let text = fs::read_to_string(repo().join("tests/data/sarif-schema-2.1.0.json")).unwrap();
    // The published schema's pattern for `language` has a stray `]` that a strict regex
    // engine rejects, and the validator checks the schema itself first. factlint never writes
    // `language`; the pattern is replaced by what it evidently means.
    let bad = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(text.matches(bad).count(), 2);
    let text = text.replace(bad, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid_sarif(text: &str) {
    let instance: Value = serde_json::from_str(text).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_validates_against_the_schema() {
    assert_valid_sarif(&demo("sarif"));
    // Rule problems, input problems and draft mode too.
    let out = factlint()
        .args([
            "check",
            "--rules",
            "fixtures/bad-rules/rules",
            "--format",
            "sarif",
        ])
        .current_dir(repo())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_valid_sarif(&String::from_utf8(out.stdout).unwrap());
    let dir = archive();
    fs::write(dir.path().join("archive/logo.png"), b"\x89PNG\0\0").unwrap();
    let out = factlint()
        .args(["check", "archive", "--rules", "rules", "--format", "sarif"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_valid_sarif(&text);
    assert!(text.contains("binary-file"), "{text}");
}

#[test]
fn the_schema_check_can_fail() {
    // A result without a message is invalid SARIF; the validator must say so.
    let mut v: Value = serde_json::from_str(&demo("sarif")).unwrap();
    v["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    v["runs"][0]["columnKind"] = Value::from("bytes");
    assert!(!sarif_validator().is_valid(&v));
}

#[test]
fn sarif_fingerprints_survive_moving_a_finding() {
    let dir = archive();
    let fingerprint = || {
        let out = factlint()
            .args([
                "check",
                "archive/old.md",
                "--rules",
                "rules",
                "--format",
                "sarif",
            ])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let r = &v["runs"][0]["results"][0];
        (
            r["partialFingerprints"]["factlint/v1"]
                .as_str()
                .unwrap()
                .to_string(),
            r["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
        )
    };
    let (before, line_before) = fingerprint();
    write(
        dir.path(),
        "archive/old.md",
        "A new lede.\n\nAn old piece that says ISIS-K.\n",
    );
    let (after, line_after) = fingerprint();
    assert_eq!(before, after);
    assert_ne!(line_before, line_after);
}

#[test]
fn github_format_escapes_and_summarises_overflow() {
    let dir = archive();
    let many: String = (0..12).map(|i| format!("Line {i}: ISIS-K.\n")).collect();
    write(dir.path(), "archive/many, copies.md", &many);
    let out = factlint()
        .args(["check", "archive", "--rules", "rules", "--format", "github"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::warning ")).count(),
        10,
        "{text}"
    );
    assert!(
        text.contains("file=archive/many%2C copies.md,line=1,endLine=1,col=9,endColumn=15"),
        "{text}"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("::notice title=factlint::3 more findings"),
        "{text}"
    );
}
