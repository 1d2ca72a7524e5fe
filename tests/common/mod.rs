//! Helpers shared by the CLI test files: the binary without colour, the repository root,
//! writing files into a temporary tree, parsing JSON output.

#![allow(dead_code, clippy::unwrap_used)] // each test file uses some of them

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The `factlint` binary, colour off.
pub fn factlint() -> Command {
    let mut cmd = Command::cargo_bin("factlint").expect("binary built");
    cmd.env("NO_COLOR", "1");
    // Snapshots are taken at the width of a report that goes to no terminal.
    cmd.env_remove("COLUMNS");
    cmd
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes `text` to `dir/rel`, creating directories.
pub fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// The rules of the TOML text `rules`, loaded from a temporary file (no problems allowed).
pub fn rule_set(rules: &str) -> factlint::rules::RuleSet {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.toml");
    fs::write(&path, rules).unwrap();
    let mut files = factlint::files::Files::new();
    let (set, problems) = factlint::rules::load_rules(&[path], dir.path(), &mut files);
    assert!(problems.is_empty(), "{problems:?}");
    set
}

/// The texts of `rule`'s mentions, in order, when `text` is read as `doc.md` with `rules`.
pub fn mentions_of(rules: &str, text: &str, rule: &str) -> Vec<String> {
    let outcome = factlint::check_texts(rule_set(rules), &[("doc.md".into(), text.into())]);
    outcome
        .mentions
        .iter()
        .filter(|m| outcome.rules.rules[m.rule].id == rule)
        .map(|m| m.text.clone())
        .collect()
}

/// Parses a JSON document from command output.
pub fn json(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("valid JSON")
}

/// The (code, path) of each finding of a JSON report, the path of its first label when it
/// has no path of its own.
pub fn finding_codes(output: &[u8]) -> Vec<(String, String)> {
    json(output)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"]
                .as_str()
                .or_else(|| f["labels"][0]["path"].as_str())
                .unwrap_or_default();
            (f["code"].as_str().unwrap().to_string(), path.to_string())
        })
        .collect()
}

/// Table tests of binding: each case names a test, a rule id and a text, and lists the texts
/// of that rule's mentions in order. The invoking file defines `mentions(text, rule)`.
#[macro_export]
macro_rules! mention_cases {
    ($($name:ident: $rule:literal, $text:literal => [$($m:literal),*];)*) => {$(
        #[test]
        fn $name() {
            let expected: Vec<&str> = vec![$($m),*];
            assert_eq!(mentions($text, $rule), expected, "{}", $text);
        }
    )*};
}

/// Compact JSON text indented two spaces per level, keys in the order they were written
/// (parsing into a `Value` would sort them): how a snapshot of a JSON report stays readable.
pub fn indent_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.trim().chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.push(chars.next().unwrap_or(']'));
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}
