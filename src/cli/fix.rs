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
use factlint::compare::plural;
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
    if args.fix
        && let Some((_, Err(problem))) = &settings.stdin
    {
        // As a filter (`--fix - < a.md > b.md`), printing nothing would empty `b.md`.
        bail!("{}; nothing printed", problem.message);
    }
    let plans = fix::plan(&outcome.files, &outcome.findings);
    let options = fix::WriteOptions {
        through_symlinks: args.fix_through_symlinks,
    };
    if args.diff {
        // Exactly what --fix would write: a file it would refuse is named, not shown.
        let mut out = String::new();
        let mut errors: Vec<String> = Vec::new();
        let mut shown = 0;
        for plan in &plans {
            if let Some(opened) = &plan.opened
                && let Err(err) =
                    fix::write::check_writable(opened, &plan.path, plan.before.as_bytes(), options)
            {
                errors.push(err.to_string());
                continue;
            }
            shown += 1;
            out.push_str(&fix::unified_diff(&plan.path, &plan.before, &plan.after));
        }
        let mut stdout = io::stdout().lock();
        stdout.write_all(out.as_bytes())?;
        stdout.flush()?;
        if !errors.is_empty() {
            bail!("{}", errors.join("\nfactlint: "));
        }
        return Ok(Some(if shown == 0 {
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
    let mut fixed: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let mut errors: Vec<String> = Vec::new();
    let mut written = 0;
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
    // Findings a fix was held back from say why in their notes; the count points there.
    let held_back = outcome
        .findings
        .iter()
        .filter(|f| {
            f.notes
                .iter()
                .any(|n| n.starts_with(fix::safety::NOT_FIXED))
        })
        .count();
    let held = format!(
        "{} left where a fix would not be safe (each says why)",
        plural(held_back, "finding")
    );
    let line = match (count, held_back) {
        (0, 0) => None,
        (0, _) => Some(format!("nothing fixed; {held}")),
        (_, 0) => Some(format!(
            "fixed {} in {}",
            plural(count, "finding"),
            plural(written, "file")
        )),
        _ => Some(format!(
            "fixed {} in {}; {held}",
            plural(count, "finding"),
            plural(written, "file")
        )),
    };
    if let Some(line) = line {
        writeln!(io::stderr().lock(), "{line}")?;
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
        width: super::terminal_width(super::Stream::Stderr),
        ..RenderOptions::default()
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
