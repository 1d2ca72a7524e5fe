//! Rule authoring from the command line: `factlint test`, `explain`, `schema`, `init` and
//! `check --fix` / `--diff`. Each test runs the real binary, on the repository's packs or in a
//! temporary directory.

#![allow(clippy::unwrap_used)] // a test that cannot set itself up should fail loudly

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use common::{factlint, repo, write};

fn stdout(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code).get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

fn stderr(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code).get_output().clone();
    String::from_utf8(out.stderr).unwrap()
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// --- factlint test ---------------------------------------------------------------------------

#[test]
fn shipped_packs_pass_their_examples_and_every_rule_has_one() {
    let out = stdout(
        factlint()
            .args(["test", "--rules", "rules", "--require-examples"])
            .current_dir(repo()),
        0,
    );
    assert!(out.contains("test result: ok."), "{out}");
    assert!(!out.contains("FAIL"), "{out}");
    assert!(!out.contains("without examples"), "{out}");
}

#[test]
fn the_config_names_the_rules_when_no_rules_flag_is_given() {
    let out = stdout(factlint().arg("test").current_dir(repo()), 0);
    assert!(out.contains("crocus-death-toll example 1"), "{out}");
}

const FAILING_PACK: &str = r#"
[[quantity]]
id = "kerman-toll"
subject = ["Kerman"]
cue = ["killed", "died"]

[[quantity.examples]]
text = "The Kerman blasts killed at least 90 people."
expect = "at least 90"

[[quantity.examples]]
text = "The Kerman blasts killed some 90 people."
expect = "90"

[[quantity.examples]]
files = { "a.md" = "The Kerman blasts killed 95.", "b.md" = "In Kerman, 95 died.", "c.md" = "The Kerman blasts killed 70." }
findings = ["b.md:quantity-mismatch"]

[[quantity.examples]]
text = "The Kerman blasts killed 95."
expect = "ninety-something"

[[quantity.examples]]
files = { "a.md" = "The Kerman blasts killed 95.", "b.md" = "The Kerman blasts killed 95." }
findings = []
"#;

#[test]
fn failing_examples_show_expected_and_actual_and_exit_one() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules/kerman.toml", FAILING_PACK);
    let out = stdout(
        factlint()
            .args(["test", "--rules", "rules"])
            .current_dir(dir.path()),
        1,
    );
    insta::assert_snapshot!("test_failing_pack", out);
}

#[test]
fn require_examples_fails_rules_without_any() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rules/names.toml",
        r#"
[[entity]]
id = "with-example"
canonical = "IS-K"
variants = ["ISIS-K"]

[[entity.examples]]
text = "ISIS-K again."
expect = "ISIS-K"

[[entity]]
id = "without-example"
canonical = "Kyiv"
variants = ["Kiev"]
"#,
    );
    let out = stdout(
        factlint()
            .args(["test", "--rules", "rules"])
            .current_dir(dir.path()),
        0,
    );
    assert!(
        out.contains("none without-example has no examples"),
        "{out}"
    );
    let out = stdout(
        factlint()
            .args(["test", "--rules", "rules", "--require-examples"])
            .current_dir(dir.path()),
        1,
    );
    assert!(
        out.contains("FAIL without-example has no examples"),
        "{out}"
    );
    assert!(
        out.contains("1 rule without examples (--require-examples)"),
        "{out}"
    );
}

#[test]
fn an_example_that_expects_nothing_fails() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rules/names.toml",
        "[[entity]]\nid = \"a\"\ncanonical = \"IS-K\"\nvariants = [\"ISIS-K\"]\n\n\
         [[entity.examples]]\ntext = \"ISIS-K\"\n",
    );
    let out = stdout(
        factlint()
            .args(["test", "--rules", "rules"])
            .current_dir(dir.path()),
        1,
    );
    assert!(
        out.contains("add `expect` (readings) or `findings`"),
        "{out}"
    );
}

#[test]
fn broken_rules_exit_two_before_running_examples() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rules/bad.toml",
        "[[entity]]\nid = \"a\"\ncanonical = \"IS-K\"\nvariants = [\"ISIS-K\"]\n\n\
         [[entity.examples]]\ntxt = \"ISIS-K\"\n",
    );
    let err = stderr(
        factlint()
            .args(["test", "--rules", "rules"])
            .current_dir(dir.path()),
        2,
    );
    assert!(err.contains("unknown key `txt`"), "{err}");
}

// --- factlint explain ------------------------------------------------------------------------

#[test]
fn explain_rule_prints_its_source_and_the_census_of_the_demo() {
    let out = stdout(
        factlint()
            .args(["explain", "crocus-death-toll"])
            .current_dir(repo()),
        0,
    );
    insta::assert_snapshot!("explain_crocus_death_toll", out);
}

#[test]
fn explain_entity_rule_shows_each_form_and_the_canonical_one() {
    let out = stdout(
        factlint()
            .args(["explain", "iskp-name"])
            .current_dir(repo()),
        0,
    );
    assert!(out.contains("canonical form: IS-K"), "{out}");
    assert!(out.contains("IS-K (canonical)"), "{out}");
    assert!(out.contains("findings: "), "{out}");
}

#[test]
fn explain_code_prints_its_documentation() {
    let out = stdout(
        factlint()
            .args(["explain", "entity-variant"])
            .current_dir(std::env::temp_dir()),
        0,
    );
    insta::assert_snapshot!("explain_entity_variant", out);
}

#[test]
fn explain_unknown_target_exits_two_with_a_suggestion() {
    let err = stderr(
        factlint()
            .args(["explain", "crocus-deth-toll"])
            .current_dir(repo()),
        2,
    );
    assert!(
        err.contains("no rule or check code `crocus-deth-toll`"),
        "{err}"
    );
    assert!(err.contains("did you mean `crocus-death-toll`?"), "{err}");
    let err = stderr(
        factlint()
            .args(["explain", "quantity-missmatch"])
            .current_dir(repo()),
        2,
    );
    assert!(err.contains("did you mean `quantity-mismatch`?"), "{err}");
}

// --- factlint schema -------------------------------------------------------------------------

#[test]
fn committed_schemas_are_current() {
    for (path, schema) in [
        (
            factlint::schema::RULES_SCHEMA_PATH,
            factlint::schema::rules_schema(),
        ),
        (
            factlint::schema::CONFIG_SCHEMA_PATH,
            factlint::schema::config_schema(),
        ),
    ] {
        let committed = fs::read_to_string(repo().join(path)).unwrap();
        assert!(
            committed == factlint::schema::to_text(&schema),
            "{path} is stale: run `cargo run -- schema --write schemas`"
        );
    }
}

#[test]
fn schema_command_prints_the_committed_schemas() {
    for (kind, path) in [
        ("rules", "schemas/rules.schema.json"),
        ("config", "schemas/factlint.schema.json"),
    ] {
        let out = stdout(factlint().args(["schema", kind]).current_dir(repo()), 0);
        assert_eq!(
            out,
            fs::read_to_string(repo().join(path)).unwrap(),
            "{kind}"
        );
    }
}

#[test]
fn schema_describes_every_rule_kind_and_rejects_unknown_keys() {
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(repo().join("schemas/rules.schema.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    for kind in ["entity", "quantity", "date"] {
        let def = &schema["definitions"][kind];
        assert_eq!(def["additionalProperties"], false, "{kind}");
        assert!(def["properties"]["examples"].is_object(), "{kind}");
    }
    assert_eq!(
        schema["definitions"]["entity"]["properties"]["mode"]["enum"],
        serde_json::json!(["canonical", "consistent", "corpus"])
    );
}

#[test]
fn shipped_rule_files_name_the_schema_on_their_first_line() {
    for (file, line) in [
        ("rules/demo.toml", "#:schema ../schemas/rules.schema.json"),
        ("factlint.toml", "#:schema ./schemas/factlint.schema.json"),
        (
            "rules/newsroom/newsroom.toml",
            "#:schema ../../schemas/rules.schema.json",
        ),
    ] {
        let text = fs::read_to_string(repo().join(file)).unwrap();
        assert_eq!(text.lines().next(), Some(line), "{file}");
        let schema = line.trim_start_matches("#:schema ");
        let target = repo().join(file).parent().unwrap().join(schema);
        assert!(target.is_file(), "{file}: {}", target.display());
    }
}

// --- check --fix / --diff --------------------------------------------------------------------

const NAME_RULES: &str = r#"
[[entity]]
id = "iskp-name"
canonical = "IS-K"
variants = ["ISIS-K", "IS-KP", "Islamic State Khorasan Province"]

[[entity]]
id = "turkiye-name"
canonical = "Türkiye"
variants = ["Turkey"]
mode = "corpus"

[[quantity]]
id = "kerman-toll"
subject = ["Kerman"]
cue = ["killed"]
value = 95
"#;

/// Documents with canonical-rule variants (fixable), a corpus-rule minority form and a wrong
/// number (never fixed).
fn fix_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules/names.toml", NAME_RULES);
    write(
        dir.path(),
        "factlint.toml",
        "rules = [\"rules\"]\n[documents]\npaths = [\"docs\"]\n",
    );
    write(
        dir.path(),
        "docs/a.md",
        "# Claims\n\nISIS-K claimed the attack. Later IS-KP repeated it.\n\nTürkiye said little.\n",
    );
    write(
        dir.path(),
        "docs/b.md",
        "Islamic State Khorasan Province is active. The Kerman blasts killed 94.\n\nTürkiye agreed.\n",
    );
    write(dir.path(), "docs/c.md", "IS-K again. Turkey objected.\n");
    dir
}

#[test]
fn diff_shows_safe_fixes_and_writes_nothing() {
    let dir = fix_corpus();
    let before = fs::read_to_string(dir.path().join("docs/a.md")).unwrap();
    let out = stdout(
        factlint().args(["check", "--diff"]).current_dir(dir.path()),
        1,
    );
    insta::assert_snapshot!("diff_safe_fixes", out);
    assert_eq!(
        fs::read_to_string(dir.path().join("docs/a.md")).unwrap(),
        before
    );
    // Only canonical name forms: the wrong number stays, and c.md (whose only finding is the
    // corpus rule's minority form, a majority guess) is not touched.
    assert!(
        out.contains("+IS-K is active. The Kerman blasts killed 94."),
        "{out}"
    );
    assert!(!out.contains("c.md"), "{out}");
}

#[test]
fn fix_writes_files_and_converges() {
    let dir = fix_corpus();
    let first = factlint()
        .args(["check", "--fix"])
        .current_dir(dir.path())
        .assert()
        .code(1) // the wrong number remains, and it is an error
        .get_output()
        .clone();
    let err = String::from_utf8(first.stderr).unwrap();
    assert!(err.contains("fixed 3 findings in 2 files"), "{err}");
    let out = String::from_utf8(first.stdout).unwrap();
    assert!(
        !out.contains("entity-variant") && !out.contains("should be written"),
        "{out}"
    );
    assert!(out.contains("kerman-toll"), "{out}");
    let a = fs::read_to_string(dir.path().join("docs/a.md")).unwrap();
    assert_eq!(
        a,
        "# Claims\n\nIS-K claimed the attack. Later IS-K repeated it.\n\nTürkiye said little.\n"
    );
    let b = fs::read_to_string(dir.path().join("docs/b.md")).unwrap();
    assert!(
        b.starts_with("IS-K is active. The Kerman blasts killed 94."),
        "{b}"
    );
    assert_eq!(
        file_names(&dir.path().join("docs")),
        ["a.md", "b.md", "c.md"]
    );

    // A second run finds nothing left to fix and changes nothing.
    let snapshot: Vec<String> = ["a.md", "b.md", "c.md"]
        .iter()
        .map(|f| fs::read_to_string(dir.path().join("docs").join(f)).unwrap())
        .collect();
    let second = factlint()
        .args(["check", "--fix"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(
        !String::from_utf8(second.stderr)
            .unwrap()
            .lines()
            .any(|l| l.starts_with("fixed ")),
        "second run fixed something"
    );
    let again: Vec<String> = ["a.md", "b.md", "c.md"]
        .iter()
        .map(|f| fs::read_to_string(dir.path().join("docs").join(f)).unwrap())
        .collect();
    assert_eq!(snapshot, again);
    let diff = stdout(
        factlint().args(["check", "--diff"]).current_dir(dir.path()),
        0,
    );
    assert_eq!(diff, "");
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = fix_corpus();
    let path = dir.path().join("docs/a.md");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    factlint()
        .args(["check", "--fix"])
        .current_dir(dir.path())
        .assert()
        .code(1);
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert!(fs::read_to_string(&path).unwrap().contains("Later IS-K"));
}

#[test]
fn fix_refuses_a_read_only_file_with_a_clear_error() {
    let dir = fix_corpus();
    let path = dir.path().join("docs/a.md");
    let before = fs::read_to_string(&path).unwrap();
    let mut perms = fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).unwrap();
    let err = stderr(
        factlint().args(["check", "--fix"]).current_dir(dir.path()),
        2,
    );
    assert!(err.contains("a.md` is read-only; not fixed"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
    // The writable file was still fixed, and no temporary file was left behind.
    assert!(
        fs::read_to_string(dir.path().join("docs/b.md"))
            .unwrap()
            .starts_with("IS-K is active")
    );
    assert_eq!(
        file_names(&dir.path().join("docs")),
        ["a.md", "b.md", "c.md"]
    );
}

#[test]
fn fix_with_stdin_prints_the_fixed_text() {
    let dir = fix_corpus();
    let out = factlint()
        .args(["check", "--fix", "-", "--stdin-filename", "draft.md"])
        .current_dir(dir.path())
        .write_stdin("Analysts blamed ISIS-K.\n")
        .assert()
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Analysts blamed IS-K.\n"
    );
    // The report goes to stderr, without the finding that was fixed.
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains("draft.md"), "{err}");
}

// --- factlint init ---------------------------------------------------------------------------

#[test]
fn init_creates_a_starter_pack_whose_examples_pass() {
    let dir = tempfile::tempdir().unwrap();
    let out = stdout(factlint().arg("init").current_dir(dir.path()), 0);
    assert!(out.contains("created factlint.toml"), "{out}");
    assert!(out.contains("created rules/example.toml"), "{out}");
    let rules = fs::read_to_string(dir.path().join("rules/example.toml")).unwrap();
    for kind in ["[[entity]]", "[[quantity]]", "[[date]]", ".examples]]"] {
        assert!(rules.contains(kind), "{kind}");
    }
    let out = stdout(
        factlint()
            .args(["test", "--require-examples"])
            .current_dir(dir.path()),
        0,
    );
    assert!(out.contains("test result: ok."), "{out}");
    factlint()
        .arg("check")
        .current_dir(dir.path())
        .assert()
        .code(0);
}

#[test]
fn init_refuses_to_overwrite_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules/example.toml", "# mine\n");
    let err = stderr(factlint().arg("init").current_dir(dir.path()), 2);
    assert!(err.contains("`rules/example.toml` already exists"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("rules/example.toml")).unwrap(),
        "# mine\n"
    );
    assert!(!dir.path().join("factlint.toml").exists());
}
