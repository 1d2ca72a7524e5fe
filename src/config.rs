//! `factlint.toml`: where the rules are, which documents to read, and run defaults.
//! (Being written.)

use std::path::{Path, PathBuf};

use crate::files::Files;
use crate::finding::{Finding, Severity};

/// The name of the config file, searched from the current directory upward.
pub const CONFIG_FILE: &str = "factlint.toml";

/// Default size limit for one document: 10 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// A loaded configuration. Relative paths in it are relative to `root`.
#[derive(Debug, Clone)]
pub struct Config {
    /// The config file, if one was found.
    pub path: Option<PathBuf>,
    /// The directory relative paths are resolved against (the config file's directory).
    pub root: PathBuf,
    /// Rule files or directories of `*.toml` (default `["rules"]`).
    pub rules: Vec<PathBuf>,
    /// Which documents to read.
    pub documents: DocumentsConfig,
    /// The lowest severity that fails the run (default `error`).
    pub fail_on: Severity,
    /// Documents larger than this many bytes are skipped with a warning.
    pub max_file_size: u64,
    /// Built-in checks that need no rule.
    pub checks: ChecksConfig,
}

/// `[documents]`.
#[derive(Debug, Clone)]
pub struct DocumentsConfig {
    /// Files or directories (default `["."]`).
    pub paths: Vec<PathBuf>,
    /// Globs a walked file must match (default: all files).
    pub include: Vec<String>,
    /// Globs that exclude files, also files named explicitly.
    pub exclude: Vec<String>,
}

/// `[checks]`.
#[derive(Debug, Clone)]
pub struct ChecksConfig {
    /// Report a weekday that contradicts its full date (default true).
    pub weekday: bool,
}

impl Config {
    /// The configuration used when there is no config file: rules in `root/rules`, documents
    /// under `root`.
    pub fn default_for(root: &Path) -> Config {
        Config {
            path: None,
            root: root.to_path_buf(),
            rules: vec![PathBuf::from("rules")],
            documents: DocumentsConfig {
                paths: vec![PathBuf::from(".")],
                include: Vec::new(),
                exclude: Vec::new(),
            },
            fail_on: Severity::Error,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            checks: ChecksConfig { weekday: true },
        }
    }
}

/// Finds `factlint.toml` in `start` or the nearest directory above it.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE))
        .find(|p| p.is_file())
}

/// Loads a config file; problems are findings pointing into it.
pub fn load_config(path: &Path, files: &mut Files) -> Result<Config, Vec<Finding>> {
    let _ = files;
    let root = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let mut config = Config::default_for(&root);
    config.path = Some(path.to_path_buf());
    Ok(config)
}
