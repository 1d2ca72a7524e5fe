//! Hostile input (issue 23): special files, sparse files, standard input past the size limit,
//! memory bounds, control characters, paths outside the repository. Sizes keep the suite fast;
//! `scripts/hostile.py` runs the full sizes. Memory bounds are checked by running the binary
//! under `prlimit --as` (Linux): a run that would allocate past the cap fails.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use common::{factlint, finding_codes as codes, write};

/// A watchdog, not a timing assertion: a run that blocks (a FIFO) fails instead of hanging CI.
const WATCHDOG: Duration = Duration::from_secs(120);

/// A corpus folder with its own config (`extra` goes at the config's top level) and the demo
/// rules.
fn corpus(extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let rules = fs::read_to_string(common::repo().join("rules/demo.toml")).unwrap();
    write(dir.path(), "rules.toml", &rules);
    write(
        dir.path(),
        "factlint.toml",
        &format!("rules = [\"rules.toml\"]\n{extra}\n[documents]\npaths = [\"docs\"]\n"),
    );
    write(dir.path(), "docs/a.md", "Analysts blamed IS-K.\n");
    dir
}

/// `factlint` under a cap of `bytes` of address space.
#[cfg(target_os = "linux")]
fn capped(bytes: u64, dir: &Path) -> assert_cmd::Command {
    let mut cmd = std::process::Command::new("prlimit");
    cmd.arg(format!("--as={bytes}"))
        .arg(assert_cmd::cargo::cargo_bin("factlint"))
        .current_dir(dir)
        .env("NO_COLOR", "1");
    let mut cmd = assert_cmd::Command::from_std(cmd);
    cmd.timeout(WATCHDOG);
    cmd
}

#[cfg(unix)]
#[test]
fn a_named_fifo_is_refused_not_waited_on() {
    let dir = corpus("");
    let fifo = dir.path().join("docs/pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let out = factlint()
        .current_dir(dir.path())
        .args(["check", "docs/pipe.md", "docs/a.md", "--format", "json"])
        .timeout(WATCHDOG)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let codes = codes(&out.stdout);
    assert!(
        codes.contains(&("unreadable-file".into(), "docs/pipe.md".into())),
        "{codes:?}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("not a regular file"), "{text}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_sparse_gigabyte_is_recognized_from_its_first_bytes() {
    // With the limit raised, the whole file used to be read before its NULs were noticed.
    let dir = corpus("max_file_size = \"2GiB\"");
    let sparse = fs::File::create(dir.path().join("docs/sparse.md")).unwrap();
    sparse.set_len(1 << 30).unwrap();
    let out = capped(512 << 20, dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(codes(&out.stdout).contains(&("binary-file".into(), "docs/sparse.md".into())));
}

#[test]
fn standard_input_obeys_the_size_limit() {
    let dir = corpus("max_file_size = 100");
    let big = "Analysts blamed ISIS-K. ".repeat(20);
    let out = factlint()
        .current_dir(dir.path())
        .args(["check", "-", "--format", "json"])
        .write_stdin(big.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        codes(&out.stdout),
        [("file-too-large".to_string(), "<stdin>".to_string())]
    );
    // As a filter, a document it cannot read must not come out empty: exit 2, nothing printed.
    let out = factlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin(big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("size limit"), "{err}");
    // Within the limit, standard input is read as before.
    let out = factlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin("Analysts blamed ISIS-K.\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Analysts blamed IS-K.\n"
    );
}
