//! `factlint extract`: every mention the rules find, one JSON object per line.

use std::io::{self, Write};

use super::ExitStatus;
use super::args::ExtractArgs;
use super::check::settings;
use factlint::files::Files;
use factlint::report::{self, Format, RenderOptions, Summary};

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

/// Rule or config problems: rendered for humans on stderr, exit 2.
fn report_problems(
    files: &Files,
    problems: &[factlint::finding::Finding],
) -> anyhow::Result<ExitStatus> {
    let mut buffer = Vec::new();
    let summary = Summary::new(0, 0, 0, problems);
    let options = RenderOptions {
        color: false,
        quiet: true,
    };
    report::render(
        Format::Human,
        files,
        problems,
        &summary,
        options,
        &mut buffer,
    )?;
    io::stderr().lock().write_all(&buffer)?;
    Ok(ExitStatus::Error)
}
