//! `factlint extract`: every mention the rules find, one JSON object per line.

use std::io::{self, Write};

use super::args::ExtractArgs;
use super::check::settings;
use super::{ExitStatus, report_problems};
use factlint::files::Files;
use factlint::report;

/// Runs `factlint extract`.
///
/// # Errors
/// Output I/O errors and problems that are not findings.
pub fn run(args: &ExtractArgs) -> anyhow::Result<ExitStatus> {
    let mut files = Files::new();
    let settings = match settings(&args.input, &mut files)? {
        Ok(settings) => settings,
        Err(problems) => return report_problems(&files, &problems),
    };
    let outcome = factlint::check(&settings, files);
    if outcome.has_rule_errors() {
        return report_problems(&outcome.files, &outcome.findings);
    }
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
