//! Command-line arguments, as close to the flags as possible; meaning is given in the
//! subcommand modules.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// factlint: a linter for facts across documents.
///
/// Rules in TOML name the facts that must agree across documents (names, figures, dates);
/// factlint finds every mention, compares them across files and reports each mismatch.
#[derive(Debug, Parser)]
#[command(name = "factlint", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check documents against the rules and report every mismatch.
    Check(CheckArgs),
    /// Print every mention the rules find, one JSON object per line.
    Extract(ExtractArgs),
    /// Run the examples carried by the rules.
    Test(TestArgs),
    /// Explain a rule (its source and a census of its readings) or a built-in check code.
    Explain(ExplainArgs),
    /// Print the JSON Schema of rule files or of factlint.toml.
    Schema(SchemaArgs),
    /// Write a starter factlint.toml and rules/example.toml.
    Init(InitArgs),
    /// Record the current findings in a baseline file, so `check --baseline` reports only new
    /// ones.
    Baseline(BaselineArgs),
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Compiler-style diagnostics.
    Human,
    /// The versioned JSON contract (docs/json.md).
    Json,
    /// SARIF 2.1.0, for code scanning (docs/ci.md).
    Sarif,
    /// GitHub Actions workflow annotations (docs/ci.md).
    Github,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// JUnit XML, for CI systems that read test reports (docs/ci.md).
    Junit,
}

/// The order of the human report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortOrder {
    /// Errors first, then warnings, then infos; path order within each.
    Severity,
    /// Path and position, whatever the severity.
    Path,
}

/// The lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Only errors fail (default).
    Error,
    /// Warnings and errors fail.
    Warning,
    /// Any finding fails.
    Info,
}

/// Options shared by every subcommand that reads rules and documents.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Documents or directories to check ('-' reads standard input); default: the config's
    /// `documents`.
    pub paths: Vec<PathBuf>,

    /// Use this config file instead of searching for factlint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Rule file or directory; repeat for several. Replaces the config's `rules`.
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,

    /// The name to give standard input (its extension picks the format).
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    pub stdin_filename: String,

    /// Read rule files and documents that factlint.toml names outside its own directory
    /// (refused by default: a configuration from a pull request must not read the machine's
    /// files)
    #[arg(long)]
    pub allow_outside: bool,
}

/// `factlint check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rules and documents.
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// The lowest severity that makes the run fail (exit 1); default: the config's `fail_on`,
    /// else error.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Print findings only, without the summary.
    #[arg(long, short)]
    pub quiet: bool,

    /// The order of the human report.
    #[arg(long, value_enum, default_value_t = SortOrder::Severity)]
    pub sort: SortOrder,

    /// Print only the number of findings per rule and severity (a table; an array with
    /// `--format json`).
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    pub statistics: bool,

    /// Apply safe fixes (canonical entity forms) to the files; with '-', print the fixed text.
    #[arg(long)]
    pub fix: bool,

    /// Print the safe fixes as a unified diff instead of writing them (exit 1 if any).
    #[arg(long)]
    pub diff: bool,

    /// With --fix, write a document named through a symbolic link to the link's target (the
    /// link stays a link); without it such a document is reported and not written.
    #[arg(long, requires = "fix")]
    pub fix_through_symlinks: bool,

    /// Compare the named files with the documents under DIR (repeatable) and report only the
    /// named files' findings. With a config file, its documents are the corpus already.
    #[arg(long, value_name = "DIR")]
    pub corpus: Vec<PathBuf>,

    /// Check the files changed since REV (default: the merge base with the default branch),
    /// staged, unstaged and untracked ones included, against the corpus.
    #[arg(long, value_name = "REV", num_args = 0..=1, default_missing_value = "",
          conflicts_with = "paths")]
    pub changed: Option<String>,

    /// Write the report to FILE instead of standard output (the exit status is the same).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Report only findings that the baseline FILE (from `factlint baseline`) does not record.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Report inline suppressions that give no reason (`-- why`) as errors.
    #[arg(long)]
    pub require_reason: bool,

    /// Skip named files that the corpus does not hold (the pre-commit hook passes every staged
    /// file; `--changed` always skips them).
    #[arg(long)]
    pub skip_outside_corpus: bool,
}

/// `factlint baseline`.
#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// Rules and documents.
    #[command(flatten)]
    pub input: InputArgs,

    /// The baseline file to write.
    #[arg(
        long,
        short,
        value_name = "FILE",
        default_value = "factlint-baseline.json"
    )]
    pub output: PathBuf,
}

/// Formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per mention and line.
    Jsonl,
}

/// `factlint extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Rules and documents.
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
}

/// `factlint test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Use this config file instead of searching for factlint.toml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Rule file or directory; repeat for several. Replaces the config's `rules`.
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,

    /// Fail for every rule that carries no example.
    #[arg(long)]
    pub require_examples: bool,
}

/// `factlint explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id (`crocus-death-toll`) or a check code (`quantity-mismatch`).
    #[arg(value_name = "RULE-ID|CODE")]
    pub target: String,

    /// Rules and documents the census is taken over.
    #[command(flatten)]
    pub input: InputArgs,
}

/// Which schema `factlint schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// Rule files (`rules/*.toml`).
    Rules,
    /// `factlint.toml`.
    Config,
}

/// `factlint schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema.
    #[arg(value_enum, default_value_t = SchemaKind::Rules)]
    pub kind: SchemaKind,

    /// Write both schemas into this directory (as rules.schema.json and
    /// factlint.schema.json) instead of printing one.
    #[arg(long, value_name = "DIR")]
    pub write: Option<PathBuf>,
}

/// `factlint init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory to set up (default: the current directory).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}
