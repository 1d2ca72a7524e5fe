//! CLI behaviour: exit codes, formats, configuration, bad input. Each test runs the real
//! binary in a temporary directory or on the repository's fixtures.

#![allow(clippy::unwrap_used)] // a test that cannot set itself up should fail loudly

mod common;

use std::fs;
use std::path::Path;

use common::{factlint, json, repo, write};
use serde_json::Value;

const ENTITY_RULES: &str = r#"
[[entity]]
id = "iskp-name"
canonical = "IS-K"
variants = ["ISIS-K", "IS-KP"]
"#;

/// A small corpus with one variant in one document.
fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules/names.toml", ENTITY_RULES);
    write(
        dir.path(),
        "docs/a.md",
        "# A\n\nThe group IS-K claimed it.\n",
    );
    write(
        dir.path(),
        "docs/b.md",
        "Analysts blamed ISIS-K for the attack.\n",
    );
    write(
        dir.path(),
        "factlint.toml",
        "rules = [\"rules\"]\n[documents]\npaths = [\"docs\"]\n",
    );
    dir
}

#[test]
fn clean_run_exits_zero() {
    let dir = corpus();
    write(dir.path(), "docs/b.md", "Analysts blamed IS-K.\n");
    factlint()
        .arg("check")
        .current_dir(dir.path())
        .assert()
        .code(0)
        .stdout(predicates::str::contains("no findings"));
}

#[test]
fn warnings_pass_by_default_and_fail_with_fail_on_warning() {
    let dir = corpus();
    factlint()
        .arg("check")
        .current_dir(dir.path())
        .assert()
        .code(0);
    factlint()
        .args(["check", "--fail-on", "warning"])
        .current_dir(dir.path())
        .assert()
        .code(1);
}

#[test]
fn fail_on_comes_from_the_config_too() {
    let dir = corpus();
    write(
        dir.path(),
        "factlint.toml",
        "rules = [\"rules\"]\nfail_on = \"warning\"\n[documents]\npaths = [\"docs\"]\n",
    );
    factlint()
        .arg("check")
        .current_dir(dir.path())
        .assert()
        .code(1);
}

#[test]
fn exit_status_does_not_depend_on_format() {
    let dir = corpus();
    for format in ["human", "json"] {
        factlint()
            .args(["check", "--fail-on", "warning", "--format", format])
            .current_dir(dir.path())
            .assert()
            .code(1);
    }
}

#[test]
fn human_output_points_at_both_files() {
    let dir = corpus();
    let out = factlint()
        .arg("check")
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("warning[iskp-name]: `ISIS-K` should be written `IS-K`"),
        "{text}"
    );
    assert!(text.contains("docs/b.md:1:17"), "{text}");
    assert!(text.contains("docs/a.md:3:11"), "{text}");
    assert!(text.contains("`IS-K` is used in 1 document"), "{text}");
    assert!(text.contains("rules/names.toml:2"), "{text}");
    assert!(
        text.contains("factlint: checked 2 documents against 1 rule"),
        "{text}"
    );
}

#[test]
fn json_labels_slice_their_files() {
    let dir = corpus();
    let out = factlint()
        .args(["check", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let v = json(&out.stdout);
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["documents"], 2);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["code"], "entity-variant");
    assert_eq!(findings[0]["rule"], "iskp-name");
    assert_eq!(findings[0]["fix"]["edits"][0]["replacement"], "IS-K");
    for label in findings[0]["labels"].as_array().unwrap() {
        let source = fs::read(dir.path().join(label["path"].as_str().unwrap())).unwrap();
        let (start, end) = (
            label["start"].as_u64().unwrap() as usize,
            label["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &source[start..end],
            label["text"].as_str().unwrap().as_bytes()
        );
    }
}

#[test]
fn usage_error_exits_two() {
    factlint()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    factlint().arg("frobnicate").assert().code(2);
}

#[test]
fn bad_rules_exit_two_with_every_problem() {
    let out = factlint()
        .args([
            "check",
            "--rules",
            "fixtures/bad-rules/rules",
            "--format",
            "json",
        ])
        .current_dir(repo())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out.stdout);
    let findings = v["findings"].as_array().unwrap();
    assert!(findings.len() >= 12, "{} findings", findings.len());
    for f in findings {
        let label = &f["labels"][0];
        assert!(
            label["path"]
                .as_str()
                .unwrap()
                .starts_with("fixtures/bad-rules/rules/"),
            "{f}"
        );
    }
}

#[test]
fn bad_config_key_exits_two_with_a_span() {
    let dir = corpus();
    write(dir.path(), "factlint.toml", "rulez = [\"rules\"]\n");
    let out = factlint()
        .arg("check")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("error[unknown-key]"), "{text}");
    assert!(text.contains("factlint.toml:1:1"), "{text}");
    assert!(text.contains("did you mean `rules`?"), "{text}");
}

#[test]
fn explicit_config_makes_paths_relative_to_it() {
    let dir = corpus();
    let out = factlint()
        .args(["check", "--format", "json", "--config"])
        .arg(dir.path().join("factlint.toml"))
        .output()
        .unwrap();
    let v = json(&out.stdout);
    assert_eq!(v["findings"][0]["labels"][0]["path"], "docs/b.md");
}

#[test]
fn cli_paths_and_rules_override_the_config() {
    let dir = corpus();
    write(dir.path(), "other/c.md", "IS-KP again.\n");
    write(
        dir.path(),
        "alt/rules.toml",
        "[[entity]]\nid = \"alt\"\ncanonical = \"IS-KP\"\nvariants = [\"IS-K\"]\n",
    );
    let out = factlint()
        .args([
            "check",
            "--format",
            "json",
            "--rules",
            "alt/rules.toml",
            "other",
            "docs/a.md",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let v = json(&out.stdout);
    // Named files are checked against the config's documents (draft mode): docs/a.md,
    // docs/b.md and other/c.md are read.
    assert_eq!(v["summary"]["documents"], 3);
    assert_eq!(v["findings"][0]["rule"], "alt");
    assert_eq!(v["findings"][0]["labels"][0]["path"], "docs/a.md");
}

#[test]
fn stdin_is_checked_under_its_given_name() {
    let dir = corpus();
    let out = factlint()
        .args([
            "check",
            "--format",
            "json",
            "-",
            "--stdin-filename",
            "draft.md",
        ])
        .current_dir(dir.path())
        .write_stdin("A draft about IS-KP.\n")
        .output()
        .unwrap();
    let v = json(&out.stdout);
    // Standard input is a draft checked against the config's two documents.
    assert_eq!(v["summary"]["documents"], 3);
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["findings"][0]["labels"][0]["path"], "draft.md");
    assert_eq!(v["findings"][0]["labels"][0]["text"], "IS-KP");
}

#[test]
fn bad_documents_warn_and_the_run_goes_on() {
    let dir = corpus();
    let docs = dir.path().join("docs");
    fs::write(docs.join("logo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(docs.join("latin1.txt"), b"Caf\xe9 IS-KP\n").unwrap();
    write(dir.path(), "docs/.gitignore", "ignored.md\n");
    write(dir.path(), "docs/ignored.md", "IS-KP is ignored here.\n");
    let unreadable = docs.join("unreadable.txt");
    fs::write(&unreadable, "IS-KP").unwrap();
    make_unreadable(&unreadable);

    let out = factlint()
        .args(["check", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "warnings do not fail the run");
    let codes = common::finding_codes(&out.stdout);
    let has = |code: &str, path: &str| codes.contains(&(code.to_string(), path.to_string()));
    assert!(has("binary-file", "docs/logo.png"), "{codes:?}");
    assert!(has("invalid-utf8", "docs/latin1.txt"), "{codes:?}");
    assert!(
        has("entity-variant", "docs/b.md"),
        "the real finding survives: {codes:?}"
    );
    assert!(
        !codes.iter().any(|(_, p)| p.contains("ignored")),
        "{codes:?}"
    );
    if is_really_unreadable(&unreadable) {
        assert!(has("unreadable-file", "docs/unreadable.txt"), "{codes:?}");
    }
}

#[cfg(unix)]
fn make_unreadable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o000)).unwrap();
}

#[cfg(not(unix))]
fn make_unreadable(_: &Path) {}

/// Root reads files whatever their mode; the assertion only holds for other users.
fn is_really_unreadable(path: &Path) -> bool {
    fs::read(path).is_err()
}

#[test]
fn demo_reports_findings_across_files_and_fails() {
    let out = factlint()
        .arg("check")
        .current_dir(repo())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("fixtures/demo/"), "{text}");
}

#[test]
fn extract_writes_one_json_line_per_mention() {
    let dir = corpus();
    let out = factlint()
        .arg("extract")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["path"], "docs/a.md");
    assert_eq!(lines[0]["value"]["form"], "IS-K");
    assert_eq!(lines[1]["text"], "ISIS-K");
}
