//! `factlint extract`: every mention the rules find, one JSON object per line.

use std::io::{self, Write};

use super::ExitStatus;
use super::args::ExtractArgs;
use factlint::report;

/// Runs `factlint extract`.
///
/// # Errors
/// Output I/O errors and problems that are not findings.
pub fn run(args: &ExtractArgs) -> anyhow::Result<ExitStatus> {
    let outcome = match super::checked_outcome(&args.input, false)? {
        Ok(outcome) => outcome,
        Err(status) => return Ok(status),
    };
    let mut buffer = Vec::new();
    report::jsonl::render(
        &outcome.files,
        &outcome.rules,
        &outcome.mentions,
        &mut buffer,
    )?;
    let mut stdout = io::stdout().lock();
    stdout.write_all(&buffer)?;
    stdout.flush()?;
    Ok(ExitStatus::Success)
}
