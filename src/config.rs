//! `factlint.toml`: where the rules are, which documents to read, and run defaults.
//!
//! The file is read like a rule file: parsed to spanned TOML and walked key by key, so every
//! problem (unknown key with a did-you-mean, wrong type, bad value, bad glob) is reported at
//! once as a finding pointing into the file. Keys are snake_case:
//!
//! ```toml
//! rules = ["rules"]             # a string or an array of rule files / directories
//! fail_on = "warning"           # error | warning | info
//! max_file_size = "10MB"        # bytes, or a size: B, KB, MB, GB (1000), KiB, MiB, GiB (1024)
//!
//! [documents]
//! paths = ["articles"]
//! include = ["*.md"]
//! exclude = ["drafts/**"]
//!
//! [checks]
//! weekday = true
//! near_duplicates = true
//! ```

use std::path::{Path, PathBuf};

use crate::files::Files;
use crate::finding::{Code, Finding, Severity};
use crate::rules::load::display_path;
use crate::rules::table::{self, At, Diag, TableRef, Value};

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
    /// Count near-duplicate documents once towards a consensus (default true).
    pub near_duplicates: bool,
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
            checks: ChecksConfig {
                weekday: true,
                near_duplicates: true,
            },
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

/// Keys of `factlint.toml`.
pub(crate) const TOP_KEYS: &[&str] = &["rules", "fail_on", "max_file_size", "documents", "checks"];
/// Keys of `[documents]`.
pub(crate) const DOCUMENT_KEYS: &[&str] = &["paths", "include", "exclude"];
/// Keys of `[checks]`.
pub(crate) const CHECK_KEYS: &[&str] = &["weekday", "near_duplicates"];

/// Loads a config file; problems are findings pointing into it (all of them, not the first).
/// The file is added to `files` under its path relative to `display_base`.
pub fn load_config(
    path: &Path,
    display_base: &Path,
    files: &mut Files,
) -> Result<Config, Vec<Finding>> {
    let display = display_path(path, display_base);
    let text = match crate::rules::read_bounded(path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => return Err(vec![unreadable(&display, "it is not valid UTF-8")]),
        Err(err) => return Err(vec![unreadable(&display, &err.to_string())]),
    };
    let file = files.add(display, text.as_str());
    let mut diag = Diag::new(file);
    let root = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut config = Config::default_for(&root);
    config.path = Some(path.to_path_buf());
    if let Some(doc) = table::parse(&mut diag, &text) {
        let span = doc.span();
        let top = TableRef {
            table: doc.get_ref(),
            span: &span,
            name: "factlint.toml",
        };
        read_config(&mut diag, top, &mut config);
    }
    if diag.findings.is_empty() {
        Ok(config)
    } else {
        Err(diag.findings)
    }
}

fn unreadable(display: &str, why: &str) -> Finding {
    Finding::new(
        Code::InvalidConfig,
        format!("cannot read config file `{display}`: {why}"),
    )
    .with_path(display)
}

/// Reads every key of the top-level table into `config`.
fn read_config(diag: &mut Diag, top: TableRef<'_, '_>, config: &mut Config) {
    top.check_keys(diag, TOP_KEYS, &|key| {
        if DOCUMENT_KEYS.contains(&key) {
            Some(format!("`{key}` belongs in the `[documents]` table"))
        } else if CHECK_KEYS.contains(&key) {
            Some(format!("`{key}` belongs in the `[checks]` table"))
        } else {
            None
        }
    });
    if let Some(rules) = top.string_or_strings(diag, "rules") {
        config.rules = paths(diag, "rules", rules.value);
    }
    if let Some(i) = top.choice(diag, "fail_on", &["error", "warning", "info"]) {
        config.fail_on = [Severity::Error, Severity::Warning, Severity::Info][i];
    }
    if let Some(size) = top
        .get("max_file_size")
        .and_then(|v| max_file_size(diag, v))
    {
        config.max_file_size = size;
    }
    if let Some((table, span)) = sub_table(diag, top, "documents") {
        let documents = TableRef {
            table,
            span: &span,
            name: "[documents]",
        };
        documents.check_keys(diag, DOCUMENT_KEYS, &|_| None);
        if let Some(p) = documents.strings(diag, "paths") {
            config.documents.paths = paths(diag, "paths", p.value);
        }
        if let Some(globs) = documents.strings(diag, "include") {
            config.documents.include = checked_globs(diag, globs.value);
        }
        if let Some(globs) = documents.strings(diag, "exclude") {
            config.documents.exclude = checked_globs(diag, globs.value);
        }
    }
    if let Some((table, span)) = sub_table(diag, top, "checks") {
        let checks = TableRef {
            table,
            span: &span,
            name: "[checks]",
        };
        checks.check_keys(diag, CHECK_KEYS, &|_| None);
        if let Some(b) = checks.boolean(diag, "weekday") {
            config.checks.weekday = b.value;
        }
        if let Some(b) = checks.boolean(diag, "near_duplicates") {
            config.checks.near_duplicates = b.value;
        }
    }
}

/// `key` of `top` as a table (with its span), reporting any other type.
fn sub_table<'t, 'i>(
    diag: &mut Diag,
    top: TableRef<'t, 'i>,
    key: &str,
) -> Option<(&'t toml::de::DeTable<'i>, std::ops::Range<usize>)> {
    let value = top.get(key)?;
    match value.get_ref().as_table() {
        Some(table) => Some((table, value.span())),
        None => {
            diag.wrong_type(key, "a table", value);
            None
        }
    }
}

/// Paths from strings, reporting empty ones.
fn paths(diag: &mut Diag, key: &str, items: Vec<At<String>>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for item in items {
        if item.value.trim().is_empty() {
            diag.invalid(
                format!("empty path in `{key}`"),
                item.span,
                "empty path",
                &[],
            );
        } else {
            out.push(PathBuf::from(item.value));
        }
    }
    out
}

/// Globs that `globset` accepts; each one it rejects is reported.
fn checked_globs(diag: &mut Diag, items: Vec<At<String>>) -> Vec<String> {
    let mut out = Vec::new();
    for item in items {
        match globset::Glob::new(&item.value) {
            Ok(_) => out.push(item.value),
            Err(err) => diag.push(
                diag.error(
                    Code::InvalidConfig,
                    format!("invalid glob `{}`", item.value),
                    item.span,
                    "does not parse",
                )
                .with_note(err.kind().to_string()),
            ),
        }
    }
    out
}

/// `max_file_size`: a positive integer of bytes or a size string such as `"10MB"`.
fn max_file_size(diag: &mut Diag, value: &Value<'_>) -> Option<u64> {
    let size = match value.get_ref() {
        toml::de::DeValue::Integer(_) => {
            table::as_i64(value.get_ref()).and_then(|n| u64::try_from(n).ok())
        }
        toml::de::DeValue::String(s) => parse_size(s),
        _ => {
            diag.wrong_type(
                "max_file_size",
                "a number of bytes or a size string (`\"10MB\"`)",
                value,
            );
            return None;
        }
    };
    match size {
        Some(n) if n > 0 => Some(n),
        _ => {
            diag.invalid(
                "invalid max_file_size",
                value.span(),
                "not a positive size",
                &[
                    "write a number of bytes or a size like `\"10MB\"`, `\"512KiB\"` or `\"2MiB\"`"
                        .to_string(),
                ],
            );
            None
        }
    }
}

/// Parses `10MB`, `512KiB`, `2 MiB`, `1.5GB`, `4096` (bytes). Units are case-insensitive;
/// KB/MB/GB are powers of 1000, KiB/MiB/GiB powers of 1024.
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let multiplier: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "kb" => 1e3,
        "mb" => 1e6,
        "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let bytes = (number * multiplier).round();
    if bytes.is_finite() && bytes >= 0.0 && bytes < u64::MAX as f64 {
        Some(bytes as u64)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `text` as `factlint.toml` in a temporary directory and loads it.
    fn load(text: &str) -> (Result<Config, Vec<Finding>>, Files, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(&path, text).expect("write");
        let mut files = Files::new();
        let result = load_config(&path, dir.path(), &mut files);
        (result, files, dir)
    }

    fn primary_text<'f>(files: &'f Files, finding: &Finding) -> &'f str {
        let label = finding.primary().expect("primary label");
        &files.source(label.span.file)[label.span.range()]
    }

    #[test]
    fn a_full_config_is_read() {
        let (result, files, dir) = load(
            "rules = \"checks\"\nfail_on = \"warning\"\nmax_file_size = \"2MiB\"\n\n\
             [documents]\npaths = [\"articles\", \"desk\"]\ninclude = [\"*.md\"]\n\
             exclude = [\"drafts/**\"]\n\n[checks]\nweekday = false\nnear_duplicates = false\n",
        );
        let config = result.expect("valid config");
        assert_eq!(files.path(crate::span::FileId(0)), "factlint.toml");
        assert_eq!(config.root, dir.path());
        assert_eq!(
            config.path.as_deref(),
            Some(dir.path().join(CONFIG_FILE).as_path())
        );
        assert_eq!(config.rules, [PathBuf::from("checks")]);
        assert_eq!(config.fail_on, Severity::Warning);
        assert_eq!(config.max_file_size, 2 * 1024 * 1024);
        assert_eq!(
            config.documents.paths,
            [PathBuf::from("articles"), PathBuf::from("desk")]
        );
        assert_eq!(config.documents.include, ["*.md"]);
        assert_eq!(config.documents.exclude, ["drafts/**"]);
        assert!(!config.checks.weekday);
        assert!(!config.checks.near_duplicates);
    }

    #[test]
    fn an_empty_config_keeps_the_defaults() {
        let (result, _, dir) = load("# nothing\n");
        let config = result.expect("valid config");
        assert_eq!(config.rules, [PathBuf::from("rules")]);
        assert_eq!(config.documents.paths, [PathBuf::from(".")]);
        assert_eq!(config.fail_on, Severity::Error);
        assert_eq!(config.max_file_size, DEFAULT_MAX_FILE_SIZE);
        assert!(config.checks.weekday && config.checks.near_duplicates);
        assert_eq!(config.root, dir.path());
        let (result, _, _) = load("rules = [\"a\", \"b\"]\nmax_file_size = 4096\n");
        let config = result.expect("valid config");
        assert_eq!(config.rules, [PathBuf::from("a"), PathBuf::from("b")]);
        assert_eq!(config.max_file_size, 4096);
    }

    #[test]
    fn each_mistake_is_reported_with_its_code_and_span() {
        // (config, code, message fragment, text under the label, note fragment)
        let cases: &[(&str, Code, &str, &str, &str)] = &[
            ("rules = [", Code::RuleSyntax, "invalid toml", "", ""),
            (
                "fail-on = \"warning\"\n",
                Code::UnknownKey,
                "unknown key `fail-on` in factlint.toml",
                "fail-on",
                "did you mean `fail_on`?",
            ),
            (
                "paths = [\"a\"]\n",
                Code::UnknownKey,
                "unknown key `paths`",
                "paths",
                "belongs in the `[documents]` table",
            ),
            (
                "[documents]\nexcludes = [\"x\"]\n",
                Code::UnknownKey,
                "unknown key `excludes` in [documents]",
                "excludes",
                "did you mean `exclude`?",
            ),
            (
                "[checks]\nweekdays = true\n",
                Code::UnknownKey,
                "unknown key `weekdays` in [checks]",
                "weekdays",
                "did you mean `weekday`?",
            ),
            (
                "rules = 5\n",
                Code::WrongType,
                "`rules` must be an array of strings",
                "5",
                "",
            ),
            (
                "[checks]\nweekday = \"yes\"\n",
                Code::WrongType,
                "`weekday` must be a boolean",
                "\"yes\"",
                "",
            ),
            (
                "documents = [\"a\"]\n",
                Code::WrongType,
                "`documents` must be a table",
                "[\"a\"]",
                "",
            ),
            (
                "fail_on = \"warnings\"\n",
                Code::InvalidValue,
                "invalid fail_on `warnings`",
                "\"warnings\"",
                "did you mean `warning`?",
            ),
            (
                "max_file_size = \"10 parsecs\"\n",
                Code::InvalidValue,
                "invalid max_file_size",
                "\"10 parsecs\"",
                "512KiB",
            ),
            (
                "max_file_size = 0\n",
                Code::InvalidValue,
                "invalid max_file_size",
                "0",
                "",
            ),
            (
                "max_file_size = true\n",
                Code::WrongType,
                "`max_file_size` must be",
                "true",
                "",
            ),
            (
                "[documents]\ninclude = [\"*.md\", \"a[b\"]\n",
                Code::InvalidConfig,
                "invalid glob `a[b`",
                "\"a[b\"",
                "unclosed character class",
            ),
            (
                "rules = [\"rules\", \"\"]\n",
                Code::InvalidValue,
                "empty path in `rules`",
                "\"\"",
                "",
            ),
        ];
        let mut failures = Vec::new();
        for (source, code, message, text, note) in cases {
            let (result, files, _dir) = load(source);
            let findings = match result {
                Ok(_) => {
                    failures.push(format!("{source}: accepted"));
                    continue;
                }
                Err(findings) => findings,
            };
            if findings.len() != 1 || findings[0].code != *code {
                failures.push(format!("{source}: expected one {code}, got {findings:#?}"));
                continue;
            }
            let f = &findings[0];
            if !f.message.contains(message) {
                failures.push(format!(
                    "{source}: message {:?} lacks {message:?}",
                    f.message
                ));
            }
            if primary_text(&files, f) != *text {
                failures.push(format!(
                    "{source}: label {:?}, expected {text:?}",
                    primary_text(&files, f)
                ));
            }
            if !note.is_empty() && !f.notes.iter().any(|n| n.contains(note)) {
                failures.push(format!("{source}: notes {:?} lack {note:?}", f.notes));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let (result, _, _) = load(
            "rule = \"r\"\nfail_on = \"fatal\"\n[documents]\nexclude = [\"{a\"]\n[checks]\nweekday = 1\n",
        );
        let findings = result.expect_err("invalid config");
        let codes: Vec<Code> = findings.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            [
                Code::UnknownKey,
                Code::InvalidValue,
                Code::InvalidConfig,
                Code::WrongType
            ]
        );
    }

    #[test]
    fn an_unreadable_config_is_a_config_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut files = Files::new();
        let findings = load_config(&dir.path().join("nope.toml"), dir.path(), &mut files)
            .expect_err("missing file");
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code, Code::InvalidConfig);
        assert_eq!(findings[0].path.as_deref(), Some("nope.toml"));
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("10MB"), Some(10_000_000));
        assert_eq!(parse_size("512KiB"), Some(512 * 1024));
        assert_eq!(parse_size("2MiB"), Some(2 * 1024 * 1024));
        assert_eq!(parse_size("2 mib"), Some(2 * 1024 * 1024));
        assert_eq!(parse_size("1.5GB"), Some(1_500_000_000));
        assert_eq!(parse_size("4096"), Some(4096));
        assert_eq!(parse_size("4096B"), Some(4096));
        for bad in ["", "MB", "10 parsecs", "-1MB", "1e3", "10MBs"] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
    }
}
