//! `factlint init [DIR]`: a starter `factlint.toml` and `rules/example.toml` with commented
//! examples of each rule kind. Existing files are never overwritten: if either file exists,
//! nothing is written.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use anyhow::Context as _;

use super::ExitStatus;
use super::args::InitArgs;

/// The starter `factlint.toml`.
pub const CONFIG_TEMPLATE: &str = include_str!("templates/factlint.toml");
/// The starter `rules/example.toml`.
pub const RULES_TEMPLATE: &str = include_str!("templates/example.toml");

/// Runs `factlint init`.
///
/// # Errors
/// File system errors other than "already exists".
pub fn run(args: &InitArgs) -> anyhow::Result<ExitStatus> {
    let targets = [
        ("factlint.toml", CONFIG_TEMPLATE),
        ("rules/example.toml", RULES_TEMPLATE),
    ];
    let existing: Vec<&str> = targets
        .iter()
        .filter(|(rel, _)| args.dir.join(rel).exists())
        .map(|(rel, _)| *rel)
        .collect();
    if !existing.is_empty() {
        let mut stderr = io::stderr().lock();
        for rel in &existing {
            writeln!(
                stderr,
                "factlint: `{}` already exists; not overwriting it",
                shown(&args.dir, rel)
            )?;
        }
        writeln!(stderr, "factlint: nothing was written")?;
        return Ok(ExitStatus::Error);
    }
    let mut out = String::new();
    for (rel, text) in targets {
        let path = args.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create `{}`", parent.display()))?;
        }
        // `create_new`: a file that appeared since the check above is still not overwritten.
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| format!("cannot create `{}`", path.display()))?;
        file.write_all(text.as_bytes())
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        out.push_str(&format!("created {}\n", shown(&args.dir, rel)));
    }
    out.push_str(
        "next: `factlint test` runs the rules' examples, `factlint check` the documents\n",
    );
    let mut stdout = io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    Ok(ExitStatus::Success)
}

fn shown(dir: &Path, rel: &str) -> String {
    if dir == Path::new(".") {
        rel.to_string()
    } else {
        dir.join(rel).display().to_string()
    }
}
