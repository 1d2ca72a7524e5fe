//! `factlint check`: run the pipeline, render the findings, decide the exit status.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::args::{CheckArgs, ColorChoice, FailOn, InputArgs, OutputFormat, SortOrder};
use super::{ExitStatus, git, use_color};
use factlint::baseline::Baseline;
use factlint::config::{self, Config};
use factlint::files::Files;
use factlint::finding::{CodeKind, Finding, Severity};
use factlint::gates::GateStats;
use factlint::report::sarif::RuleDoc;
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
            match std::fs::metadata(&path) {
                Err(_) => anyhow::bail!("config file `{}` not found", path.display()),
                Ok(meta) if !meta.is_file() => anyhow::bail!(
                    "config file `{}` is not a regular file (a directory, device or FIFO)",
                    path.display()
                ),
                Ok(_) => {}
            }
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
            // Read as a file is: bounded by `max_file_size`, a warning when it cannot be.
            let name = input.stdin_filename.clone();
            let read =
                factlint::discover::read_document(io::stdin().lock(), &name, config.max_file_size);
            stdin = Some((name, read));
        } else {
            // A path typed wrong must not pass a CI step: it is a usage error, not a warning.
            if std::fs::symlink_metadata(cwd.join(p)).is_err() {
                let hint = factlint::discover::near_name(&cwd.join(p))
                    .map(|near| match near.strip_prefix(&cwd) {
                        Ok(relative) if p.is_relative() => relative.to_path_buf(),
                        _ => near,
                    })
                    .map_or(String::new(), |near| {
                        format!(" (did you mean `{}`?)", near.display())
                    });
                anyhow::bail!("`{}` does not exist{hint}", p.display());
            }
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
        gates: Default::default(),
        allow_outside: input.allow_outside,
        rejections: false,
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
    let mut settings = match settings(&args.input, &mut files)? {
        Ok(settings) => settings,
        Err(problems) => {
            let summary = Summary::new(0, 0, 0, &problems);
            write_report(args, &files, &problems, &summary, &[])?;
            return Ok(ExitStatus::Error);
        }
    };
    let fail_on = match args.fail_on {
        Some(FailOn::Error) => Severity::Error,
        Some(FailOn::Warning) => Severity::Warning,
        Some(FailOn::Info) => Severity::Info,
        None => settings.config.fail_on,
    };
    gate_settings(args, &mut settings)?;
    let mut outcome = factlint::check(&settings, files);
    // --- issue 7: `--fix` / `--diff` (safe fixes), see cli/fix.rs --------------------------
    if let Some(status) = super::fix::run(args, &settings, &mut outcome)? {
        return Ok(status);
    }
    // ---------------------------------------------------------------------------------------
    let mut summary = Summary::new(
        outcome.documents,
        outcome.rules.len(),
        outcome.mentions.len(),
        &outcome.findings,
    );
    let stats = outcome.gates;
    if stats.draft || stats.baseline_stale.is_some() || stats.suppressed > 0 {
        summary.gates = Some(stats);
    }
    let rule_docs = report::sarif::rule_docs(&outcome.rules);
    write_report(
        args,
        &outcome.files,
        &outcome.findings,
        &summary,
        &rule_docs,
    )?;
    // A document is read again for its report (the file database lets large texts go); one
    // that changed in between was shown as blanks rather than with the wrong bytes.
    for file in outcome.files.changed() {
        writeln!(
            io::stderr().lock(),
            "warning: `{}` changed while factlint read it; its text is not shown",
            report::escape::escape_str(&file.path)
        )?;
    }
    Ok(exit_status(&outcome, fail_on))
}

fn write_report(
    args: &CheckArgs,
    files: &Files,
    findings: &[Finding],
    summary: &Summary,
    rules: &[RuleDoc],
) -> anyhow::Result<()> {
    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Json => Format::Json,
        OutputFormat::Sarif => Format::Sarif,
        OutputFormat::Github => Format::Github,
        OutputFormat::Concise => Format::Concise,
        OutputFormat::Junit => Format::Junit,
    };
    // A file is not a terminal: colour only when asked for explicitly.
    let color = match (&args.output, args.color) {
        (Some(_), ColorChoice::Auto) => false,
        (_, choice) => use_color(choice),
    };
    // A file is no terminal either: it gets the default width.
    let width = match &args.output {
        Some(_) => report::DEFAULT_WIDTH,
        None => super::terminal_width(super::Stream::Stdout),
    };
    let options = RenderOptions {
        color,
        quiet: args.quiet,
        width,
        sort: match args.sort {
            SortOrder::Severity => report::Sort::Severity,
            SortOrder::Path => report::Sort::Path,
        },
    };
    if args.statistics && !matches!(format, Format::Human | Format::Json) {
        anyhow::bail!("`--statistics` prints a table: use `--format human` or `json`");
    }
    let to_file = match &args.output {
        Some(path) => Some(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write `{}`", path.display()))?,
        ),
        None => None,
    };
    // Streamed as it is rendered: a report of an archive is never held whole in memory.
    let stdout = io::stdout();
    let mut out: Box<dyn Write> = match to_file {
        Some(file) => Box::new(io::BufWriter::new(file)),
        None => Box::new(io::BufWriter::new(stdout.lock())),
    };
    let written = (|| -> anyhow::Result<()> {
        if args.statistics {
            if format == Format::Human {
                write!(out, "{}", report::human::statistics_table(findings))?;
            } else {
                serde_json::to_writer_pretty(&mut out, &report::statistics(findings))?;
                writeln!(out)?;
            }
        } else if format == Format::Sarif {
            // SARIF describes each rule; only the run knows their descriptions.
            report::sarif::render(files, findings, summary, rules, &mut out)?;
        } else {
            report::render(format, files, findings, summary, options, &mut out)?;
        }
        if format == Format::Human
            && !args.quiet
            && !args.statistics
            && let Some(line) = summary.gates.as_ref().and_then(gates_line)
        {
            writeln!(out, "{line}")?;
        }
        out.flush()?;
        Ok(())
    })();
    match written {
        // The reader went away (`factlint check | head`): the report stops quietly, and the
        // exit status still says what the run found.
        Err(e) if is_broken_pipe(&e) => {}
        Err(e) => {
            return Err(e.context(match &args.output {
                Some(path) => format!("cannot write `{}`", path.display()),
                None => "cannot write the report".to_string(),
            }));
        }
        Ok(()) => {}
    }
    Ok(())
}

/// Whether `err` comes from writing to a pipe whose reader has gone.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(io::ErrorKind::BrokenPipe)
    })
}

/// Draft mode, suppression and baseline settings from the flags.
///
/// Draft mode is on when files are named (or come from `--changed`) and there is a corpus to
/// compare them with: `--corpus`, else the config file's documents.
fn gate_settings(args: &CheckArgs, settings: &mut Settings) -> anyhow::Result<()> {
    let cwd = std::env::current_dir().context("cannot determine the current directory")?;
    if let Some(rev) = &args.changed {
        let rev = (!rev.is_empty()).then_some(rev.as_str());
        settings.paths = Some(git::changed_files(&cwd, rev)?);
        settings.gates.named_within_corpus = true;
    }
    let named = args.changed.is_some()
        || settings.stdin.is_some()
        || settings.paths.as_ref().is_some_and(|p| !p.is_empty());
    if !args.corpus.is_empty() {
        anyhow::ensure!(
            named,
            "`--corpus` compares named files with a corpus: name the files to check"
        );
        settings.gates.corpus = Some(args.corpus.iter().map(|p| cwd.join(p)).collect());
    } else if named && (settings.config.path.is_some() || args.changed.is_some()) {
        let config = &settings.config;
        settings.gates.corpus_from_config = settings.config.path.is_some();
        settings.gates.corpus = Some(
            config
                .documents
                .paths
                .iter()
                .map(|p| config.root.join(p))
                .collect(),
        );
    }
    settings.gates.named_within_corpus |= args.skip_outside_corpus;
    settings.gates.require_reason = args.require_reason;
    if let Some(path) = &args.baseline {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read baseline `{}`", path.display()))?;
        let baseline = Baseline::parse(&text)
            .map_err(|e| anyhow::anyhow!("baseline `{}`: {e}", path.display()))?;
        settings.gates.baseline = Some(baseline);
    }
    Ok(())
}

/// `factlint: not reported: 2 suppressed inline, 3 in the baseline; 1 baseline entry no
/// longer matches` — what the gates hid, for the human report.
fn gates_line(stats: &GateStats) -> Option<String> {
    let mut hidden = Vec::new();
    if stats.suppressed > 0 {
        hidden.push(format!("{} suppressed inline", stats.suppressed));
    }
    if stats.baselined > 0 {
        hidden.push(format!("{} in the baseline", stats.baselined));
    }
    if stats.outside > 0 {
        hidden.push(format!("{} in other documents", stats.outside));
    }
    let mut line = String::new();
    if !hidden.is_empty() {
        line = format!("not reported: {}", hidden.join(", "));
    }
    if let Some(stale) = stats.baseline_stale.filter(|&n| n > 0) {
        if !line.is_empty() {
            line.push_str("; ");
        }
        line.push_str(&if stale == 1 {
            "1 baseline entry no longer matches".to_string()
        } else {
            format!("{stale} baseline entries no longer match")
        });
        line.push_str(" (refresh with `factlint baseline`)");
    }
    (!line.is_empty()).then(|| format!("factlint: {line}"))
}
