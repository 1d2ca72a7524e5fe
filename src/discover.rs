//! Discovery: command-line paths and config globs → the list of documents to read, and the
//! reading of one document into UTF-8 text.
//!
//! Directories are walked with `ignore` (ripgrep's walker): `.gitignore` (also outside a git
//! repository), `.ignore` and git's exclude file are honoured, hidden files and directories are
//! skipped and symbolic links are not followed. A file named explicitly is always taken, even
//! when an ignore file or `include` would leave it out, because the user asked for it; only
//! `exclude` removes it (typos' `--force-exclude`), so a pre-commit hook that passes every
//! staged file still respects the project's exclusions.
//!
//! Globs match the path relative to `root`, `/`-separated; `*` does not cross `/` (as in
//! `.gitignore`), and a pattern without `/` also matches the file name or any directory name
//! on the way (`drafts` excludes everything under a `drafts/` directory). Problems are
//! findings, never errors: a missing path or an unreadable directory is a warning and the run
//! goes on.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::WalkBuilder;

use crate::finding::{Code, Finding};
use crate::source::offsets::MAX_DOCUMENT;
use crate::source::{Format, Pieces, docx};

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
    /// The directory no document may lie outside of, if any: set for the paths a config file
    /// names (see `Settings::allow_outside`).
    pub boundary: Option<PathBuf>,
}

/// One document to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// How to show it: relative to the display base, `/`-separated.
    pub display: String,
}

/// How many leading bytes are searched for a NUL byte to call a file binary (ripgrep's
/// heuristic; text formats never contain NUL, UTF-16 text always does).
const BINARY_SNIFF_LEN: usize = 8 * 1024;

/// Walks the paths and returns the documents in a stable order (by display path), without
/// duplicates, and the problems met on the way.
pub fn discover(opts: &DiscoverOptions) -> (Vec<Input>, Vec<Finding>) {
    let mut findings = Vec::new();
    let root = clean(&absolute(&opts.root));
    let base = clean(&absolute(&opts.display_base));
    let (include, exclude) = match (Globs::new(&opts.include), Globs::new(&opts.exclude)) {
        (Ok(include), Ok(exclude)) => (include, exclude),
        (include, exclude) => {
            // A bad glob would silently select the wrong files: report it and read nothing.
            findings.extend(include.err().map(|f| *f));
            findings.extend(exclude.err().map(|f| *f));
            return (Vec::new(), findings);
        }
    };
    let walker = Walker {
        root,
        base,
        include,
        exclude,
        boundary: opts
            .boundary
            .as_ref()
            .map(|b| fs::canonicalize(b).unwrap_or_else(|_| b.clone())),
    };
    let mut inputs = Vec::new();
    for path in &opts.paths {
        walker.add(path, &mut inputs, &mut findings);
    }
    // One file named twice (`a.md`, `x/../a.md`) is read once; two files whose names only
    // look alike when shown (`bad\xff.md`, `bad\u{fffd}.md`) stay two.
    inputs.sort_by_cached_key(|i| (i.display.clone(), clean(&i.path)));
    inputs.dedup_by(|a, b| a.display == b.display && clean(&a.path) == clean(&b.path));
    (inputs, findings)
}

/// A path that exists and is one typo away from `path`, which does not: the first missing
/// component is compared with its directory's entries (`docz/a.md` → `docs/a.md`,
/// `artcle.md` → `article.md`). Reads one directory, and at most [`NEAR_NAME_ENTRIES`] of
/// its entries.
pub fn near_name(path: &Path) -> Option<PathBuf> {
    let mut existing = path;
    let mut missing = Vec::new();
    while !existing.as_os_str().is_empty() && fs::symlink_metadata(existing).is_err() {
        missing.push(existing.file_name()?);
        existing = existing.parent()?;
    }
    let dir = if existing.as_os_str().is_empty() {
        Path::new(".")
    } else {
        existing
    };
    let wanted = missing.last()?.to_str()?;
    let names: Vec<String> = fs::read_dir(dir)
        .ok()?
        .take(NEAR_NAME_ENTRIES)
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
    let close = crate::rules::suggest::did_you_mean(wanted, &candidates)?;
    let mut near = existing.join(close);
    for rest in missing.iter().rev().skip(1) {
        near.push(rest);
    }
    fs::symlink_metadata(&near).is_ok().then_some(near)
}

/// Entries of one directory [`near_name`] compares a missing name with, at most.
pub const NEAR_NAME_ENTRIES: usize = 10_000;

struct Walker {
    root: PathBuf,
    base: PathBuf,
    include: Globs,
    exclude: Globs,
    boundary: Option<PathBuf>,
}

impl Walker {
    /// Adds one command-line or config path: a file, or every file under a directory.
    fn add(&self, path: &Path, inputs: &mut Vec<Input>, findings: &mut Vec<Finding>) {
        let full = absolute(&self.root.join(path));
        let display = relative(&clean(&full), &self.base);
        if let Some(boundary) = &self.boundary
            && fs::canonicalize(&full).is_ok_and(|real| !real.starts_with(boundary))
        {
            findings.push(
                Finding::new(
                    Code::UnreadableFile,
                    format!(
                        "`{display}` lies outside the repository (`{}`); not read: pass \
                         `--allow-outside` to read it",
                        boundary.display()
                    ),
                )
                .with_path(display),
            );
            return;
        }
        match fs::metadata(&full) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => findings.push(
                Finding::new(Code::UnreadableFile, format!("`{display}` does not exist"))
                    .with_path(display),
            ),
            Err(e) => findings.push(
                Finding::new(
                    Code::UnreadableFile,
                    format!("cannot read `{display}`: {e}"),
                )
                .with_path(display),
            ),
            Ok(meta) if meta.is_dir() => self.walk(&full, inputs, findings),
            Ok(_) => {
                if !self.exclude.matches(&self.rel(&full)) {
                    inputs.push(Input {
                        path: full,
                        display,
                    });
                }
            }
        }
    }

    fn walk(&self, dir: &Path, inputs: &mut Vec<Input>, findings: &mut Vec<Finding>) {
        let mut builder = WalkBuilder::new(dir);
        builder
            .standard_filters(true)
            .hidden(true)
            .ignore(true)
            .git_ignore(true)
            .git_exclude(true)
            .require_git(false)
            .follow_links(false);
        // Prune excluded directories early instead of walking them to drop every file.
        let exclude = self.exclude.clone();
        let root = self.root.clone();
        builder.filter_entry(move |entry| {
            entry.depth() == 0
                || !entry.file_type().is_some_and(|t| t.is_dir())
                || !exclude.matches_one(&relative(&clean(entry.path()), &root))
        });
        // Directories are read on every core (as many threads as rayon's pool, so that one
        // setting governs the whole run); the order found is thrown away: `discover` sorts.
        builder.threads(rayon::current_num_threads());
        let found = std::sync::Mutex::new((Vec::new(), Vec::new()));
        builder.build_parallel().run(|| {
            let found = &found;
            Box::new(move |entry| {
                let item = self.entry(entry);
                if let Ok(mut found) = found.lock() {
                    match item {
                        Some(Ok(input)) => found.0.push(input),
                        Some(Err(finding)) => found.1.push(finding),
                        None => {}
                    }
                }
                ignore::WalkState::Continue
            })
        });
        let (mut walked, mut problems) = found.into_inner().unwrap_or_else(|e| e.into_inner());
        problems
            .sort_by(|a: &Finding, b: &Finding| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        inputs.append(&mut walked);
        findings.append(&mut problems);
    }

    /// What one entry of a walk gives: a document, a problem, or nothing (a directory, a
    /// link, an excluded or temporary file).
    fn entry(
        &self,
        entry: Result<ignore::DirEntry, ignore::Error>,
    ) -> Option<Result<Input, Finding>> {
        match entry {
            Ok(entry) => {
                // Symbolic links are not followed, so a link to a file is skipped too.
                if !entry.file_type().is_some_and(|t| t.is_file())
                    || crate::fix::write::is_temp_name(entry.file_name())
                {
                    return None;
                }
                let cleaned = clean(entry.path());
                let rel = relative(&cleaned, &self.root);
                if (!self.include.is_empty() && !self.include.matches(&rel))
                    || self.exclude.matches(&rel)
                {
                    return None;
                }
                Some(Ok(Input {
                    path: entry.into_path(),
                    display: relative(&cleaned, &self.base),
                }))
            }
            Err(e) => {
                let mut finding = Finding::new(Code::UnreadableFile, format!("cannot walk: {e}"));
                if let Some(path) = error_path(&e) {
                    let display = relative(&clean(path), &self.base);
                    finding = Finding::new(
                        Code::UnreadableFile,
                        format!("cannot walk `{display}`: {}", innermost(&e)),
                    )
                    .with_path(display);
                }
                Some(Err(finding))
            }
        }
    }

    fn rel(&self, path: &Path) -> String {
        relative(&clean(path), &self.root)
    }
}

/// Include or exclude globs, split by how they match (see the module docs).
#[derive(Debug, Clone)]
struct Globs {
    /// Every pattern, matched against the whole relative path.
    paths: GlobSet,
    /// Patterns without `/`, also matched against each path component.
    names: GlobSet,
    empty: bool,
}

impl Globs {
    fn new(patterns: &[String]) -> Result<Globs, Box<Finding>> {
        let mut paths = GlobSetBuilder::new();
        let mut names = GlobSetBuilder::new();
        for pattern in patterns {
            // `/x` anchors at the root as in `.gitignore`; `x/` means a directory, which the
            // component match below covers.
            let trimmed = pattern.trim_end_matches('/');
            let anchored = trimmed.strip_prefix('/');
            let body = anchored.unwrap_or(trimmed);
            let glob = GlobBuilder::new(body)
                .literal_separator(true)
                .backslash_escape(true)
                .build()
                .map_err(|e| {
                    Box::new(Finding::new(
                        Code::InvalidConfig,
                        format!("invalid glob `{pattern}`: {}", e.kind()),
                    ))
                })?;
            if anchored.is_none() && !body.contains('/') {
                names.add(glob.clone());
            }
            paths.add(glob);
        }
        let build = |b: GlobSetBuilder| {
            b.build().map_err(|e| {
                Box::new(Finding::new(
                    Code::InvalidConfig,
                    format!("invalid globs: {e}"),
                ))
            })
        };
        Ok(Globs {
            paths: build(paths)?,
            names: build(names)?,
            empty: patterns.is_empty(),
        })
    }

    fn is_empty(&self) -> bool {
        self.empty
    }

    /// Whether `rel` or a directory on its way matches.
    fn matches(&self, rel: &str) -> bool {
        if self.empty {
            return false;
        }
        rel.match_indices('/')
            .any(|(i, _)| self.matches_one(&rel[..i]))
            || self.matches_one(rel)
    }

    /// Whether `rel` itself matches, as a path or by its last component.
    fn matches_one(&self, rel: &str) -> bool {
        if self.empty {
            return false;
        }
        let name = rel.rsplit('/').next().unwrap_or(rel);
        self.paths.is_match(rel) || self.names.is_match(name)
    }
}

/// The path, absolute (relative to the current directory if it was relative).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Removes `.` components and resolves `..` lexically; for display and glob matching only,
/// never for reading (a symbolic link makes `..` mean something else).
fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to `base`, `/`-separated, with `..` where `path` is not under `base`; both
/// are cleaned absolute paths.
fn relative(path: &Path, base: &Path) -> String {
    let path_parts: Vec<Component<'_>> = path.components().collect();
    let base_parts: Vec<Component<'_>> = base.components().collect();
    let common = path_parts
        .iter()
        .zip(&base_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        // Nothing in common (another drive on Windows): the path as it is.
        return path.to_string_lossy().replace('\\', "/");
    }
    let mut parts: Vec<String> = vec!["..".to_string(); base_parts.len() - common];
    parts.extend(
        path_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// The path an `ignore` error is about, if it names one.
fn error_path(e: &ignore::Error) -> Option<&Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithLineNumber { err, .. } | ignore::Error::WithDepth { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}

/// The innermost error, without the path and depth wrappers the message already says.
fn innermost(e: &ignore::Error) -> &ignore::Error {
    match e {
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => {
            innermost(err)
        }
        other => other,
    }
}

/// Opens a document for reading after checking what it is: a regular file within `max_size`
/// (its length is returned), or a warning naming it.
pub fn open_input(input: &Input, max_size: u64) -> Result<(fs::File, u64), Box<Finding>> {
    let skip = |code: Code, reason: String| skipped(&input.display, code, reason);
    let unreadable = |e: std::io::Error| skip(Code::UnreadableFile, format!("cannot read: {e}"));
    // The size check comes before reading so that a huge file is never loaded.
    let meta = fs::metadata(&input.path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(skip(Code::UnreadableFile, "is a directory".to_string()));
    }
    if !meta.is_file() {
        // A FIFO blocks until someone writes to it, a device never ends: neither is a document.
        return Err(skip(
            Code::UnreadableFile,
            "not a regular file (a FIFO, socket or device)".to_string(),
        ));
    }
    let max_size = max_size.min(MAX_DOCUMENT);
    if meta.len() > max_size {
        return Err(skip(Code::FileTooLarge, over_limit(meta.len(), max_size)));
    }
    let file = fs::File::open(&input.path).map_err(unreadable)?;
    Ok((file, meta.len()))
}

/// Reads one document as UTF-8 text, or says why it cannot be read. Every problem is a
/// warning finding naming the file: the run goes on without it.
///
/// A `.docx` is read as bytes and returned as its *virtual source* (one paragraph per line,
/// then its properties; see [`crate::source::docx`]): that text is what the file database
/// holds and what diagnostics render against. A `.docx` that cannot be read (encrypted,
/// legacy `.doc`, corrupt, truncated) is an `unsupported-document` warning.
pub fn read_input(input: &Input, max_size: u64) -> Result<String, Box<Finding>> {
    let (file, len) = open_input(input, max_size)?;
    read_sized(file, &input.display, max_size, len)
}

/// [`read_input`] of a document [`open_input`] opened (`len` bytes long).
pub fn read_opened(
    file: fs::File,
    display: &str,
    max_size: u64,
    len: u64,
) -> Result<String, Box<Finding>> {
    read_sized(file, display, max_size, len)
}

/// How many bytes [`read_pieces`] reads at a time.
pub const PIECE_LEN: usize = 1 << 20;

/// Reads a plain-text, Markdown or HTML document [`open_input`] opened piece by piece into `loader`,
/// each piece ending where [`Pieces::piece_end`] allows, and gives each to `also` too (for the file
/// database's outline): the whole text is never held. The checks and warnings are
/// [`read_input`]'s (a binary file is recognized by its first bytes, a file that grows past
/// `max_size` while read is refused, invalid UTF-8 is named by its offset in the file).
pub fn read_pieces(
    file: fs::File,
    display: &str,
    max_size: u64,
    loader: &mut Pieces,
    mut also: impl FnMut(&str),
) -> Result<(), Box<Finding>> {
    let skip = |code: Code, reason: String| skipped(display, code, reason);
    let unreadable = |e: std::io::Error| skip(Code::UnreadableFile, format!("cannot read: {e}"));
    let max_size = max_size.min(MAX_DOCUMENT);
    let mut reader = file.take(max_size.saturating_add(1));
    let mut buf: Vec<u8> = Vec::with_capacity(2 * PIECE_LEN);
    // Bytes of the file before `buf`, and whether the first bytes were sniffed.
    let mut base = 0usize;
    let mut sniffed = false;
    loop {
        let fresh = buf.len();
        let read = (&mut reader)
            .take(PIECE_LEN as u64)
            .read_to_end(&mut buf)
            .map_err(unreadable)?;
        if !sniffed {
            sniff(&buf[..buf.len().min(BINARY_SNIFF_LEN)]).map_err(|(c, r)| skip(c, r))?;
            sniffed = true;
        }
        if (base + buf.len()) as u64 > max_size {
            return Err(skip(Code::FileTooLarge, grew_past(max_size)));
        }
        let end = if read == 0 {
            buf.len()
        } else {
            match loader.piece_end(&buf, fresh) {
                Some(end) => end,
                None => continue,
            }
        };
        let piece = std::str::from_utf8(&buf[..end])
            .map_err(|e| skip(Code::InvalidUtf8, not_utf8(base + e.valid_up_to())))?;
        loader.push(piece);
        also(piece);
        buf.drain(..end);
        base += end;
        // A document to be read again whole is read no further piece by piece.
        if read == 0 || loader.must_read_whole() {
            return Ok(());
        }
    }
}

/// Reads a document at `path` again, exactly as [`read_input`] read it with limit `max_size`
/// (a DOCX as its virtual source); `None` when it cannot be read now. The file database
/// ([`crate::files::Files::add_read`]) reads a document's text again with it when a report
/// needs the text it let go.
pub fn read_again(path: &Path, max_size: u64) -> Option<String> {
    let input = Input {
        path: path.to_path_buf(),
        display: path.to_string_lossy().into_owned(),
    };
    read_input(&input, max_size).ok()
}

/// Reads one document from `reader` (a file, standard input) as UTF-8 text, or says why it
/// cannot be read, as a warning naming `display`. Reading is bounded: at most `max_size + 1`
/// bytes are ever read, and a binary file is recognized by its first
/// [`BINARY_SNIFF_LEN`] bytes before the rest is read (a sparse file of a gigabyte of NULs
/// costs 8 KiB).
pub fn read_document(
    reader: impl Read,
    display: &str,
    max_size: u64,
) -> Result<String, Box<Finding>> {
    read_sized(reader, display, max_size, 0)
}

/// [`read_document`] of a reader expected to hold `expected` bytes: the buffer is sized for
/// them once (a 64 MB file read by doubling would reserve 128 MB).
fn read_sized(
    reader: impl Read,
    display: &str,
    max_size: u64,
    expected: u64,
) -> Result<String, Box<Finding>> {
    let skip = |code: Code, reason: String| skipped(display, code, reason);
    let unreadable = |e: std::io::Error| skip(Code::UnreadableFile, format!("cannot read: {e}"));
    // Whatever the configuration says, no document is longer than spans can address.
    let max_size = max_size.min(MAX_DOCUMENT);
    let mut reader = reader.take(max_size.saturating_add(1));
    let mut bytes = Vec::new();
    (&mut reader)
        .take(BINARY_SNIFF_LEN as u64)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    let docx = Format::from_path(display) == Format::Docx;
    if !docx {
        sniff(&bytes).map_err(|(code, reason)| skip(code, reason))?;
    }
    // Sized once for the rest, after the sniff (a sparse gigabyte reserves nothing), with a
    // byte more than expected, so that a file that grew is noticed without a second buffer.
    let rest = expected.min(max_size).saturating_sub(bytes.len() as u64);
    bytes.reserve_exact(usize::try_from(rest.saturating_add(1)).unwrap_or(0));
    reader.read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > max_size {
        // `take` stopped one byte past the limit: how long the rest is, nobody read.
        return Err(skip(Code::FileTooLarge, grew_past(max_size)));
    }
    if docx {
        // A Word document enters the file database as its virtual source (one paragraph per
        // line), since spans cannot point into the zip; see `source::docx`.
        return docx::virtual_source(&bytes, max_size)
            .map_err(|e| skip(Code::UnsupportedDocument, e.to_string()));
    }
    String::from_utf8(bytes)
        .map_err(|e| skip(Code::InvalidUtf8, not_utf8(e.utf8_error().valid_up_to())))
}

/// Why a document read past `max_size` bytes (it grew while read, or standard input) is not.
fn grew_past(max_size: u64) -> String {
    format!("more than {max_size} bytes, the size limit (reading stopped there)")
}

/// Why a document whose first bad UTF-8 byte is at `offset` is not read.
fn not_utf8(offset: usize) -> String {
    format!("not valid UTF-8 (first bad byte at offset {offset})")
}

/// Why a document's first bytes say it is no text to read: UTF-16, or binary (a NUL byte).
fn sniff(head: &[u8]) -> Result<(), (Code, String)> {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err((
            Code::InvalidUtf8,
            "UTF-16 text (a UTF-16 byte-order mark); convert it to UTF-8".to_string(),
        ));
    }
    match memchr::memchr(0, head) {
        Some(at) => Err((
            Code::BinaryFile,
            format!("binary file (NUL byte at byte {at})"),
        )),
        None => Ok(()),
    }
}

/// "N bytes is over the size limit of M bytes".
fn over_limit(len: u64, max_size: u64) -> String {
    format!("{len} bytes is over the size limit of {max_size} bytes")
}

/// The warning that skips document `display`.
fn skipped(display: &str, code: Code, reason: String) -> Box<Finding> {
    Box::new(
        Finding::new(code, format!("skipped `{display}`: {reason}")).with_path(display.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let r = |p: &str, b: &str| relative(Path::new(p), Path::new(b));
        assert_eq!(r("/a/b/c.md", "/a"), "b/c.md");
        assert_eq!(r("/a/c.md", "/a/b"), "../c.md");
        assert_eq!(r("/a", "/a"), ".");
        assert_eq!(clean(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
    }

    #[test]
    fn glob_semantics() {
        let g = Globs::new(&["*.md".to_string(), "drafts".to_string()]).unwrap();
        assert!(g.matches("a.md"));
        assert!(g.matches("deep/dir/a.md"));
        assert!(g.matches("drafts/x.txt"));
        assert!(g.matches("news/drafts/x.txt"));
        assert!(!g.matches("a.txt"));
        let g = Globs::new(&["news/*.md".to_string(), "/top.txt".to_string()]).unwrap();
        assert!(g.matches("news/a.md"));
        assert!(!g.matches("news/deep/a.md"));
        assert!(!g.matches("other/news/a.md"));
        assert!(g.matches("top.txt"));
        assert!(!g.matches("sub/top.txt"));
        let g = Globs::new(&["**/*.txt".to_string()]).unwrap();
        assert!(g.matches("a.txt") && g.matches("x/y/a.txt"));
        assert!(!Globs::new(&[]).unwrap().matches("a.md"));
        assert!(Globs::new(&["a[".to_string()]).is_err());
    }
}
