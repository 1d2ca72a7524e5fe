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

/// Parses a JSON document from command output.
pub fn json(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("valid JSON")
}
