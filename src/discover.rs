//! Discovery: command-line paths and config globs → the list of documents to read.
//! (Being written.)

use std::path::PathBuf;

use crate::finding::Finding;

/// What to discover.
#[derive(Debug, Clone)]
pub struct DiscoverOptions {
    /// Files or directories; relative ones are relative to `root`.
    pub paths: Vec<PathBuf>,
    /// Globs a walked file must match (empty: all files).
    pub include: Vec<String>,
    /// Globs that exclude files, even files named explicitly.
    pub exclude: Vec<String>,
    /// The directory relative paths and globs are resolved against.
    pub root: PathBuf,
    /// The directory display paths are made relative to.
    pub display_base: PathBuf,
}

/// One document to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// How to show it: relative to the display base, `/`-separated.
    pub display: String,
}

/// Walks the paths and returns the documents in a stable order (by display path).
pub fn discover(opts: &DiscoverOptions) -> (Vec<Input>, Vec<Finding>) {
    let _ = opts;
    (Vec::new(), Vec::new())
}

/// Reads one document as UTF-8 text, or says why it cannot be read.
pub fn read_input(input: &Input, max_size: u64) -> Result<String, Box<Finding>> {
    let _ = max_size;
    std::fs::read_to_string(&input.path).map_err(|e| {
        Box::new(
            Finding::new(
                crate::finding::Code::UnreadableFile,
                format!("cannot read `{}`: {e}", input.display),
            )
            .with_path(input.display.clone()),
        )
    })
}
