//! `factlint check`: run the pipeline, render the findings, decide the exit status.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::args::{CheckArgs, FailOn, InputArgs, OutputFormat};
use super::{ExitStatus, use_color};
use factlint::config::{self, Config};
use factlint::files::Files;
use factlint::finding::{CodeKind, Finding, Severity};
use factlint::report::{self, Format, RenderOptions, Summary};
use factlint::{Outcome, Settings};

/// Settings from arguments and config, or the findings that stop the run (a bad config).
pub fn settings(
    input: &InputArgs,
    files: &mut Files,
) -> anyhow::Result<Result<Settings, Vec<Finding>>> {
    let cwd = std::env::current_dir().context("cannot determine the current directory")?;
    let (config, display_base) = match &input.config {
        Some(path) => {
            let path = cwd.join(path);
            anyhow::ensure!(path.is_file(), "config file `{}` not found", path.display());
            let base = path.parent().map_or_else(|| cwd.clone(), Path::to_path_buf);
            match config::load_config(&path, &base, files) {
                Ok(config) => (config, base),
                Err(problems) => return Ok(Err(problems)),
            }
        }
        None => match config::find_config(&cwd) {
            Some(path) => match config::load_config(&path, &cwd, files) {
                Ok(config) => (config, cwd.clone()),
                Err(problems) => return Ok(Err(problems)),
            },
            None => (Config::default_for(&cwd), cwd.clone()),
        },
    };

    let mut stdin = None;
    let mut paths: Vec<PathBuf> = Vec::new();
    for p in &input.paths {
        if p.as_os_str() == "-" {
            let mut text = String::new();
            io::stdin()
                .read_to_string(&mut text)
                .context("cannot read standard input as UTF-8 text")?;
            stdin = Some((input.stdin_filename.clone(), text));
        } else {
            paths.push(cwd.join(p));
        }
    }
    let rules =
        (!input.rules.is_empty()).then(|| input.rules.iter().map(|r| cwd.join(r)).collect());
    Ok(Ok(Settings {
        config,
        paths: (!input.paths.is_empty()).then_some(paths),
        rules,
        stdin,
        display_base,
    }))
}

/// The exit status of a finished run.
pub fn exit_status(outcome: &Outcome, fail_on: Severity) -> ExitStatus {
    if outcome.has_rule_errors() {
        ExitStatus::Error
    } else if outcome
        .findings
        .iter()
        .any(|f| f.code.kind() == CodeKind::Fact && f.severity >= fail_on)
    {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

/// Runs `factlint check`.
///
/// # Errors
/// Output I/O errors and problems that are not findings.
pub fn run(args: &CheckArgs) -> anyhow::Result<ExitStatus> {
    let mut files = Files::new();
    let settings = match settings(&args.input, &mut files)? {
        Ok(settings) => settings,
        Err(problems) => {
            let summary = Summary::new(0, 0, 0, &problems);
            write_report(args, &files, &problems, &summary)?;
            return Ok(ExitStatus::Error);
        }
    };
    let fail_on = match args.fail_on {
        Some(FailOn::Error) => Severity::Error,
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Info) => Severity::Info,
        None => settings.config.fail_on,
    };
    let mut outcome = factlint::check(&settings, files);
    // --- issue 7: `--fix` / `--diff` (safe fixes), see cli/fix.rs --------------------------
    if let Some(status) = super::fix::run(args, &settings, &mut outcome)? {
        return Ok(status);
    }
    // ---------------------------------------------------------------------------------------
    let summary = Summary::new(
        outcome.documents,
        outcome.rules.len(),
        outcome.mentions.len(),
        &outcome.findings,
    );
    write_report(args, &outcome.files, &outcome.findings, &summary)?;
    Ok(exit_status(&outcome, fail_on))
}

fn write_report(
    args: &CheckArgs,
    files: &Files,
    findings: &[Finding],
    summary: &Summary,
) -> anyhow::Result<()> {
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Json => Format::Json,
    };
    let options = RenderOptions {
        color: use_color(args.color),
        quiet: args.quiet,
    };
    let mut buffer = Vec::new();
    report::render(format, files, findings, summary, options, &mut buffer)?;
    let mut stdout = io::stdout().lock();
    stdout.write_all(&buffer)?;
    stdout.flush()?;
    Ok(())
}
