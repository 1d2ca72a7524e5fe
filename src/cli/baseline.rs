//! `factlint baseline`: record the current fact findings, so that `check --baseline FILE`
//! reports only the ones that appear later.
//!
//! The whole corpus is checked (never draft mode: a baseline must know every document), inline
//! suppressions apply as in `check`, and the file is replaced in one rename so an interrupted
//! run never leaves half a baseline behind.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Context as _;

use super::ExitStatus;
use super::args::BaselineArgs;
use factlint::baseline::Baseline;

/// Runs `factlint baseline`.
///
/// # Errors
/// Writing the baseline file, and problems that are not findings.
pub fn run(args: &BaselineArgs) -> anyhow::Result<ExitStatus> {
    let outcome = match super::checked_outcome(&args.input, false)? {
        Ok(outcome) => outcome,
        Err(status) => return Ok(status),
    };
    let baseline = Baseline::from_findings(&outcome.findings, &outcome.files);
    write_atomically(&args.output, baseline.to_json().as_bytes())?;
    writeln!(
        io::stderr().lock(),
        "factlint: recorded {} in `{}`",
        match baseline.entries.len() {
            1 => "1 finding".to_string(),
            n => format!("{n} findings"),
        },
        args.output.display()
    )?;
    Ok(ExitStatus::Success)
}

/// Writes a sibling temporary file, then renames it over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let name = path
        .file_name()
        .with_context(|| format!("`{}` is not a file name", path.display()))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(".tmp");
    let tmp = path.with_file_name(tmp_name);
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write `{}`", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write `{}`", path.display()))
}
