//! `factlint check --fix` and `--diff`: safe fixes after the run, before the report.
//!
//! `--diff` prints what `--fix` would change as unified diffs and writes nothing (exit 1 when
//! there is a change, like `cargo fmt --check`). `--fix` writes each changed file atomically
//! (exactly the file it read, unchanged since: see `factlint::fix::write`) and then lets the
//! report go on with the findings that remain; a document read from
//! standard input is not written anywhere: its fixed text goes to stdout and the report to
//! stderr, so `factlint check --fix - < a.md > b.md` works as a filter.

use std::io::{self, Write};

use anyhow::bail;

use super::ExitStatus;
use super::args::CheckArgs;
use super::check::exit_status;
use factlint::finding::Severity;
use factlint::fix;
use factlint::report::{self, Format, RenderOptions, Summary};
use factlint::{Outcome, Settings};

/// Applies or shows the safe fixes of `outcome`. `Ok(None)`: go on with the usual report
/// (with the fixed findings removed); `Ok(Some(status))`: the output is complete.
///
/// # Errors
/// Output errors, and files that could not be written (read-only, permissions), all named.
pub fn run(
    args: &CheckArgs,
    settings: &Settings,
    outcome: &mut Outcome,
) -> anyhow::Result<Option<ExitStatus>> {
    if !(args.fix || args.diff) || outcome.has_rule_errors() {
        return Ok(None);
    }
    let plans = fix::plan(&outcome.files, &outcome.findings);
    if args.diff {
        let mut out = String::new();
        for plan in &plans {
            out.push_str(&fix::unified_diff(&plan.path, &plan.before, &plan.after));
        }
        let mut stdout = io::stdout().lock();
        stdout.write_all(out.as_bytes())?;
        stdout.flush()?;
        return Ok(Some(if plans.is_empty() {
            ExitStatus::Success
        } else {
            ExitStatus::Failure
        }));
    }

    // The document read from stdin is the last file of the run (see `factlint::check`).
    let stdin_file = settings
        .stdin
        .as_ref()
        .and_then(|_| outcome.files.len().checked_sub(1))
        .and_then(|i| u32::try_from(i).ok())
        .map(factlint::span::FileId);
    let mut fixed: Vec<usize> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let mut written = 0;
    let options = fix::WriteOptions {
        through_symlinks: args.fix_through_symlinks,
    };
    let mut swept = std::collections::BTreeSet::new();
    for plan in &plans {
        if Some(plan.file) == stdin_file {
            fixed.extend(&plan.fixed);
            continue;
        }
        // Only the path the document was read from is ever written.
        let Some(opened) = &plan.opened else {
            continue;
        };
        if let Some(dir) = opened.parent()
            && swept.insert(dir.to_path_buf())
        {
            fix::write::remove_stale_temps(dir);
        }
        match fix::write_fixed(
            opened,
            &plan.path,
            plan.before.as_bytes(),
            &plan.after,
            options,
        ) {
            Ok(_) => {
                written += 1;
                fixed.extend(&plan.fixed);
            }
            Err(err) => errors.push(err.to_string()),
        }
    }
    let count = fixed.len();
    let mut index = 0;
    outcome.findings.retain(|_| {
        let keep = !fixed.contains(&index);
        index += 1;
        keep
    });

    if let Some(file) = stdin_file {
        let text = plans.iter().find(|p| p.file == file).map_or_else(
            || outcome.files.source(file).to_string(),
            |p| p.after.clone(),
        );
        let mut stdout = io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        stdout.flush()?;
        report_to_stderr(args, outcome)?;
        let fail_on = fail_on(args, settings);
        return Ok(Some(exit_status(outcome, fail_on)));
    }
    if !errors.is_empty() {
        bail!("{}", errors.join("\nfactlint: "));
    }
    if count > 0 {
        let mut stderr = io::stderr().lock();
        writeln!(
            stderr,
            "fixed {count} {} in {written} {}",
            if count == 1 { "finding" } else { "findings" },
            if written == 1 { "file" } else { "files" }
        )?;
    }
    Ok(None)
}

fn fail_on(args: &CheckArgs, settings: &Settings) -> Severity {
    use super::args::FailOn;
    match args.fail_on {
        Some(FailOn::Error) => Severity::Error,
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Info) => Severity::Info,
        None => settings.config.fail_on,
    }
}

fn report_to_stderr(args: &CheckArgs, outcome: &Outcome) -> anyhow::Result<()> {
    let summary = Summary::new(
        outcome.documents,
        outcome.rules.len(),
        outcome.mentions.len(),
        &outcome.findings,
    );
    let options = RenderOptions {
        color: false,
        quiet: args.quiet,
    };
    let mut buffer = Vec::new();
    report::render(
        Format::Human,
        &outcome.files,
        &outcome.findings,
        &summary,
        options,
        &mut buffer,
    )?;
    io::stderr().lock().write_all(&buffer)?;
    Ok(())
}
