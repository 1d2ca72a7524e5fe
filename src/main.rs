//! The `factlint` binary: parse arguments, call the library, render, map the outcome to an
//! exit code. A closed pipe (`factlint check | head`) is not an error.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli::run(cli) {
        Ok(status) => status.into(),
        Err(err) if cli::check::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            #[allow(clippy::print_stderr)] // the binary owns stderr
            {
                // An error may name a file from a stranger's pull request: no raw control codes.
                let message = format!("{err:#}");
                eprintln!(
                    "factlint: {}",
                    factlint::report::escape::escape_str(&message)
                );
            }
            cli::ExitStatus::Error.into()
        }
    }
}
