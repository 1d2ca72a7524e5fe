//! Writing a fixed document back: exactly the file that was read, or nothing.
//!
//! A fix rewrites somebody's document, so every step refuses rather than guesses:
//!
//! - the path written is the path *opened* when the document was read (never the cleaned
//!   display path: `link/../a.md` is not `a.md` when `link` is a symbolic link), resolved to
//!   the real file; a path whose last component is a symbolic link is refused unless the user
//!   asked to write through links (the link itself is then kept and its target written);
//! - the file must still hold exactly the text that was read: it is read again just before the
//!   rename, and an edit saved during the run wins (the fix is refused, the next run retries);
//! - a file the user could not write is refused (it is opened for writing first, so the
//!   kernel decides with the user's own rights; a rename would bypass them, since renaming
//!   needs only the directory's permission);
//! - the replacement goes to a temporary file in the same directory, gets the original's mode
//!   and owner, is flushed and renamed over the original: readers see the old file or the new
//!   one, never half of one. A temporary file is removed on every error path (a guard);
//!   after `kill -9` one may remain, and [`remove_stale_temps`] clears it on a later fix, while
//!   discovery never reads one ([`is_temp_name`]);
//! - where a rename would change what the file *is* — it has several hard links (a rename
//!   would split them), or its owner cannot be given to a new file (we are not root) — the
//!   text is written in place through the opened handle instead, which keeps inode, links,
//!   owner and mode, at the cost of atomicity.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// How to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Write a document named through a symbolic link to the link's target (the link stays).
    pub through_symlinks: bool,
}

/// How a fixed file was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// A new file was renamed over the old one (atomic).
    Replaced,
    /// The old file was overwritten in place (it has several links, or another owner).
    InPlace,
}

/// Why a fixed file was not written. The file is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The user may not write the file: factlint does not override permissions.
    #[error("`{0}` is read-only; not fixed")]
    ReadOnly(String),
    /// The path is a symbolic link and writing through links was not asked for.
    #[error(
        "`{0}` is a symbolic link; not fixed (pass --fix-through-symlinks to write its target)"
    )]
    Symlink(String),
    /// The file changed on disk after it was read.
    #[error("`{0}` changed on disk while factlint ran; not fixed (run again)")]
    Changed(String),
    /// The path no longer names a regular file.
    #[error("`{0}` is not a regular file; not fixed")]
    NotAFile(String),
    /// Any other I/O error, with the step that failed.
    #[error("cannot write `{path}`: {step}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What was being done.
        step: &'static str,
        /// The error.
        source: io::Error,
    },
}

/// Writes `contents` over the file that was opened as `opened` and read as `expected`;
/// `shown` names it in errors. See the module docs for every check.
///
/// # Errors
/// Every refusal and I/O failure; the file is then as it was.
pub fn write_fixed(
    opened: &Path,
    shown: &str,
    expected: &[u8],
    contents: &str,
    options: WriteOptions,
) -> Result<Written, WriteError> {
    let io_err = |step: &'static str| io_error(shown, step);
    let (target, meta, mut handle) = open_target(opened, shown, options)?;
    let unchanged = |target: &Path| -> Result<(), WriteError> {
        if still_as_read(target, &meta, expected).map_err(io_err("reading the file again"))? {
            Ok(())
        } else {
            Err(WriteError::Changed(shown.to_string()))
        }
    };
    if has_several_links(&meta) {
        unchanged(&target)?;
        write_in_place(&mut handle, contents).map_err(io_err("writing in place"))?;
        return Ok(Written::InPlace);
    }

    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().unwrap_or(OsStr::new("file"));
    let mut temp = TempFile::create(&dir, name).map_err(io_err("creating a temporary file"))?;
    temp.file
        .write_all(contents.as_bytes())
        .map_err(io_err("writing a temporary file"))?;
    temp.file
        .set_permissions(meta.permissions())
        .map_err(io_err("copying permissions"))?;
    if !keep_owner(&temp.file, &meta) {
        // Only root may give a file away: keep the owner by writing the original in place.
        drop(temp);
        unchanged(&target)?;
        write_in_place(&mut handle, contents).map_err(io_err("writing in place"))?;
        return Ok(Written::InPlace);
    }
    temp.file.sync_all().map_err(io_err("flushing to disk"))?;
    unchanged(&target)?;
    fs::rename(&temp.path, &target).map_err(io_err("replacing the file"))?;
    temp.persisted();
    Ok(Written::Replaced)
}

/// Why `write_fixed` would refuse the file, without writing anything (`--diff` shows only what
/// `--fix` would write).
///
/// # Errors
/// The refusal `write_fixed` would give before writing.
pub fn check_writable(
    opened: &Path,
    shown: &str,
    expected: &[u8],
    options: WriteOptions,
) -> Result<(), WriteError> {
    let (target, meta, _) = open_target(opened, shown, options)?;
    if still_as_read(&target, &meta, expected).map_err(io_error(shown, "reading the file again"))? {
        Ok(())
    } else {
        Err(WriteError::Changed(shown.to_string()))
    }
}

/// An I/O error of `step` on the file shown as `shown`.
fn io_error(shown: &str, step: &'static str) -> impl FnOnce(io::Error) -> WriteError {
    let path = shown.to_string();
    move |source| WriteError::Io { path, step, source }
}

/// The real file behind `opened`, its metadata and a handle open for writing, after every
/// check that needs no new file: a symbolic link (unless asked), not a regular file, no
/// permission to write.
fn open_target(
    opened: &Path,
    shown: &str,
    options: WriteOptions,
) -> Result<(PathBuf, fs::Metadata, fs::File), WriteError> {
    let link = fs::symlink_metadata(opened).map_err(io_error(shown, "reading the file"))?;
    if link.file_type().is_symlink() && !options.through_symlinks {
        return Err(WriteError::Symlink(shown.to_string()));
    }
    // The real file: every `..` and link on the way resolved by the kernel, as when reading.
    let target = fs::canonicalize(opened).map_err(io_error(shown, "resolving the path"))?;
    let meta = fs::metadata(&target).map_err(io_error(shown, "reading the file"))?;
    if !meta.is_file() {
        return Err(WriteError::NotAFile(shown.to_string()));
    }
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly(shown.to_string()));
    }
    let handle = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&target)
        .map_err(|e| match e.kind() {
            io::ErrorKind::PermissionDenied => WriteError::ReadOnly(shown.to_string()),
            _ => WriteError::Io {
                path: shown.to_string(),
                step: "opening the file for writing",
                source: e,
            },
        })?;
    Ok((target, meta, handle))
}

/// Whether the file at `target` is still the one read (same inode) with the same bytes.
fn still_as_read(target: &Path, read: &fs::Metadata, expected: &[u8]) -> io::Result<bool> {
    let now = fs::metadata(target)?;
    if !same_file(&now, read) || now.len() != expected.len() as u64 {
        return Ok(false);
    }
    Ok(fs::read(target)? == expected)
}

/// Overwrites the opened file with `contents` and cuts it to length.
fn write_in_place(handle: &mut fs::File, contents: &str) -> io::Result<()> {
    handle.seek(SeekFrom::Start(0))?;
    handle.write_all(contents.as_bytes())?;
    handle.set_len(contents.len() as u64)?;
    handle.sync_all()
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

#[cfg(unix)]
fn has_several_links(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
fn has_several_links(_: &fs::Metadata) -> bool {
    false
}

/// Gives `file` the owner and group of `original`; `false` when that is not allowed.
#[cfg(unix)]
fn keep_owner(file: &fs::File, original: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    let Ok(now) = file.metadata() else {
        return false;
    };
    if now.uid() == original.uid() && now.gid() == original.gid() {
        return true;
    }
    std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid())).is_ok()
}

#[cfg(not(unix))]
fn keep_owner(_: &fs::File, _: &fs::Metadata) -> bool {
    true
}

/// The marker in a temporary file's name: `.NAME.factlint-PID-N.tmp`.
const TEMP_MARK: &str = ".factlint-";

/// Whether a file name is one of factlint's temporary files (never read as a document).
pub fn is_temp_name(name: &OsStr) -> bool {
    temp_pid(name).is_some()
}

/// The process id in a temporary file's name.
fn temp_pid(name: &OsStr) -> Option<u32> {
    let name = name.to_str()?;
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tail) = rest.rsplit_once(TEMP_MARK)?;
    let (pid, n) = tail.split_once('-')?;
    n.parse::<u32>().ok()?;
    pid.parse().ok()
}

/// Removes temporary files left in `dir` by a factlint process that no longer runs (killed
/// during a fix). Only where that can be known (Linux `/proc`); best effort.
pub fn remove_stale_temps(dir: &Path) {
    let proc = Path::new("/proc/self");
    if !proc.exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Some(pid) = temp_pid(&entry.file_name()) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && !Path::new("/proc").join(pid.to_string()).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A temporary file that is removed when dropped, unless it was renamed into place.
struct TempFile {
    path: PathBuf,
    file: fs::File,
    keep: bool,
}

impl TempFile {
    /// Creates `.NAME.factlint-PID-N.tmp` in `dir`, a name no other file has (`create_new`).
    fn create(dir: &Path, name: &OsStr) -> io::Result<TempFile> {
        let pid = std::process::id();
        let mut last = None;
        for n in 0..100u32 {
            let mut temp_name = OsString::from(".");
            temp_name.push(name);
            temp_name.push(format!("{TEMP_MARK}{pid}-{n}.tmp"));
            let path = dir.join(temp_name);
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        file,
                        keep: false,
                    });
                }
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => last = Some(err),
                Err(err) => return Err(err),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no free temporary file name")))
    }

    /// The file was renamed into place: nothing to remove.
    fn persisted(mut self) {
        self.keep = true;
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            // Best effort: the temporary file is ours and useless now.
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read_dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn write(path: &Path, expected: &str, contents: &str) -> Result<Written, WriteError> {
        write_fixed(
            path,
            "a.md",
            expected.as_bytes(),
            contents,
            WriteOptions::default(),
        )
    }

    #[test]
    fn replaces_atomically_keeps_mode_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.md");
        fs::write(&path, "old").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        }
        assert_eq!(
            write(&path, "old", "new").expect("write"),
            Written::Replaced
        );
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        assert_eq!(names(dir.path()), ["a.md"]);
    }

    #[test]
    fn read_only_files_are_refused_and_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.md");
        fs::write(&path, "old").expect("write");
        let mut perms = fs::metadata(&path).expect("meta").permissions();
        perms.set_readonly(true);
        fs::set_permissions(&path, perms).expect("chmod");
        let err = write(&path, "old", "new").expect_err("read-only");
        assert!(matches!(err, WriteError::ReadOnly(_)), "{err}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "old");
        assert_eq!(names(dir.path()), ["a.md"]);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.md");
        fs::write(&path, "edited by a person").expect("write");
        let err = write(&path, "as read", "fixed").expect_err("changed");
        assert!(matches!(err, WriteError::Changed(_)), "{err}");
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "edited by a person"
        );
        assert_eq!(names(dir.path()), ["a.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_refused_unless_asked_and_then_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        fs::write(&target, "old").expect("write");
        std::os::unix::fs::symlink("real.md", &link).expect("symlink");
        let err = write(&link, "old", "new").expect_err("symlink");
        assert!(matches!(err, WriteError::Symlink(_)), "{err}");
        assert_eq!(fs::read_to_string(&target).expect("read"), "old");
        let through = WriteOptions {
            through_symlinks: true,
        };
        write_fixed(&link, "link.md", b"old", "new", through).expect("through");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).expect("read"), "new");
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_are_kept_by_writing_in_place() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.md");
        let b = dir.path().join("b.md");
        fs::write(&a, "a longer old text").expect("write");
        fs::hard_link(&a, &b).expect("link");
        let written = write(&a, "a longer old text", "short").expect("write");
        assert_eq!(written, Written::InPlace);
        assert_eq!(fs::read_to_string(&b).expect("read"), "short");
        assert_eq!(fs::metadata(&a).expect("meta").nlink(), 2);
        assert_eq!(names(dir.path()), ["a.md", "b.md"]);
    }

    #[test]
    fn temporary_names_are_recognized_and_stale_ones_removed() {
        assert!(is_temp_name(OsStr::new(".a.md.factlint-123-0.tmp")));
        assert!(!is_temp_name(OsStr::new("a.md")));
        assert!(!is_temp_name(OsStr::new(".a.md.factlint-x-0.tmp")));
        let dir = tempfile::tempdir().expect("tempdir");
        // A process id above the kernel's limit (2^22) is never running.
        let stale = dir.path().join(".a.md.factlint-99999999-0.tmp");
        let live = dir
            .path()
            .join(format!(".b.md.factlint-{}-0.tmp", std::process::id()));
        fs::write(&stale, "x").expect("write");
        fs::write(&live, "x").expect("write");
        remove_stale_temps(dir.path());
        if Path::new("/proc/self").exists() {
            assert!(!stale.exists());
        }
        assert!(live.exists(), "a running process's temporary file is kept");
    }
}
