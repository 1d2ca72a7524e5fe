//! The command line: arguments (clap) and one module per subcommand.
//!
//! Everything here runs in the binary; it turns arguments into library calls, writes to
//! stdout/stderr and maps outcomes to [`ExitStatus`].

pub mod args;
pub mod baseline;
pub mod check;
pub mod explain;
pub mod extract;
pub mod fix;
pub mod git;
pub mod init;
pub mod schema;
pub mod test;

use std::io::{self, IsTerminal};
use std::process::ExitCode;

pub use args::{Cli, Command};

/// How a run ended. Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage,
/// rule, config or I/O error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Nothing at or above the threshold.
    Success,
    /// Findings at or above the threshold.
    Failure,
    /// The run could not be trusted: bad usage, rules or config.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        })
    }
}

/// Runs a parsed command line.
///
/// # Errors
/// I/O errors writing output, and problems that are not findings (an unreadable `--config`).
pub fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Extract(args) => extract::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Baseline(args) => baseline::run(&args),
    }
}

/// Where a report goes, for its width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// The width of the terminal `stream` writes to, in columns: a long source line is shown as
/// windows that fit it. Not a terminal: `COLUMNS` when set, else
/// [`factlint::report::DEFAULT_WIDTH`].
pub fn terminal_width(stream: Stream) -> usize {
    let size = match stream {
        Stream::Stdout => terminal_size::terminal_size_of(io::stdout()),
        Stream::Stderr => terminal_size::terminal_size_of(io::stderr()),
    };
    if let Some((terminal_size::Width(w), _)) = size
        && w > 0
    {
        return usize::from(w);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
        .unwrap_or(factlint::report::DEFAULT_WIDTH)
}

/// Whether to colour output written to stdout.
pub fn use_color(choice: args::ColorChoice) -> bool {
    match choice {
        args::ColorChoice::Always => true,
        args::ColorChoice::Never => false,
        args::ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
        }
    }
}

/// Rule or config problems: rendered for humans on stderr; exit 2.
///
/// # Errors
/// Only I/O errors writing to stderr.
pub fn report_problems(
    files: &factlint::files::Files,
    problems: &[factlint::finding::Finding],
) -> anyhow::Result<ExitStatus> {
    use factlint::report::{self, Format, RenderOptions, Summary};
    use std::io::Write as _;
    let mut buffer = Vec::new();
    let summary = Summary::new(0, 0, 0, problems);
    let options = RenderOptions {
        color: false,
        quiet: true,
        width: terminal_width(Stream::Stderr),
        ..RenderOptions::default()
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

/// Runs the pipeline for a subcommand that reads rules and documents. A bad config or bad
/// rules are rendered on stderr and come back as `Err(ExitStatus::Error)`.
///
/// `rejections`: keep the candidates that were not taken, with their reasons (`explain`).
///
/// # Errors
/// Problems that are not findings (an unreadable `--config`, stdin), and stderr I/O errors.
pub fn checked_outcome(
    input: &args::InputArgs,
    rejections: bool,
) -> anyhow::Result<Result<factlint::Outcome, ExitStatus>> {
    let mut files = factlint::files::Files::new();
    let mut settings = match check::settings(input, &mut files)? {
        Ok(settings) => settings,
        Err(problems) => return Ok(Err(report_problems(&files, &problems)?)),
    };
    settings.rejections = rejections;
    let outcome = factlint::check(&settings, files);
    if outcome.has_rule_errors() {
        let problems: Vec<_> = outcome
            .findings
            .iter()
            .filter(|f| f.code.kind() == factlint::finding::CodeKind::Rule)
            .cloned()
            .collect();
        return Ok(Err(report_problems(&outcome.files, &problems)?));
    }
    Ok(Ok(outcome))
}
