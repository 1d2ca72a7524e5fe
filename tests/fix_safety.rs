//! `check --fix` never damages text and never loses data: it writes exactly the file it read,
//! only documents, only from literal variants, only where the edit is safe, and a second run
//! changes nothing. Each test reproduces a way an earlier `--fix` went wrong.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;

use common::{factlint, write};

const RULES: &str = r#"
[[entity]]
id = "iskp-name"
canonical = "IS-K"
variants = ["ISIS-K", "IS-KP"]
"#;

/// A temporary tree with the name rule in `rules/names.toml`.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "rules/names.toml", RULES);
    dir
}

/// Runs `check --fix` with the tree's rules on `paths`, from `cwd`; returns (exit code, stderr).
fn fix(root: &Path, cwd: &Path, extra: &[&str]) -> (i32, String) {
    let rules = root.join("rules");
    let out = factlint()
        .arg("check")
        .arg("--rules")
        .arg(&rules)
        .arg("--fix")
        .args(extra)
        .current_dir(cwd)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

// --- 1. write exactly the file that was read --------------------------------------------------

#[cfg(unix)]
#[test]
fn fix_writes_the_file_it_read_through_a_linked_directory() {
    let dir = tree();
    let root = dir.path();
    write(root, "ws/a.md", "The workspace's own ISIS-K text.\n");
    write(root, "other/a.md", "Another ISIS-K text.\n");
    fs::create_dir_all(root.join("other/sub")).unwrap();
    std::os::unix::fs::symlink("../other/sub", root.join("ws/link")).unwrap();
    // `link/..` is `other/`, not `ws/`: the display path `a.md` must not decide what is written.
    let (code, err) = fix(root, &root.join("ws"), &["link/.."]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&root.join("other/a.md")), "Another IS-K text.\n");
    assert_eq!(
        read(&root.join("ws/a.md")),
        "The workspace's own ISIS-K text.\n"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn fix_writes_a_non_utf8_name_and_not_its_look_alike() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tree();
    let docs = dir.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    let raw = docs.join(OsStr::from_bytes(b"bad\xff.md"));
    let look_alike = docs.join("bad\u{fffd}.md");
    fs::write(&raw, "A raw-named ISIS-K text.\n").unwrap();
    fs::write(&look_alike, "A look-alike ISIS-K text.\n").unwrap();
    let (code, err) = fix(dir.path(), dir.path(), &["docs"]);
    assert_eq!(code, 0, "{err}");
    // Both are documents of their own; each got its own fix.
    assert_eq!(read(&raw), "A raw-named IS-K text.\n");
    assert_eq!(read(&look_alike), "A look-alike IS-K text.\n");
}

#[cfg(unix)]
#[test]
fn a_named_symbolic_link_is_refused_unless_asked_and_stays_a_link() {
    let dir = tree();
    let root = dir.path();
    write(root, "real.md", "Claimed by ISIS-K.\n");
    std::os::unix::fs::symlink("real.md", root.join("link.md")).unwrap();
    let (code, err) = fix(root, root, &["link.md"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("`link.md` is a symbolic link; not fixed"),
        "{err}"
    );
    assert_eq!(read(&root.join("real.md")), "Claimed by ISIS-K.\n");

    let (code, err) = fix(root, root, &["--fix-through-symlinks", "link.md"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        fs::symlink_metadata(root.join("link.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(read(&root.join("real.md")), "Claimed by IS-K.\n");
}

#[cfg(unix)]
#[test]
fn hard_links_stay_linked() {
    use std::os::unix::fs::MetadataExt;
    let dir = tree();
    let root = dir.path();
    write(root, "docs/a.md", "Claimed by ISIS-K.\n");
    fs::hard_link(root.join("docs/a.md"), root.join("archive.md")).unwrap();
    let (code, err) = fix(root, root, &["docs"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&root.join("archive.md")), "Claimed by IS-K.\n");
    assert_eq!(fs::metadata(root.join("docs/a.md")).unwrap().nlink(), 2);
}

#[cfg(unix)]
#[test]
fn owner_and_mode_are_kept() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tree();
    let root = dir.path();
    write(root, "docs/a.md", "Claimed by ISIS-K.\n");
    let path = root.join("docs/a.md");
    let is_root = fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    if is_root {
        std::os::unix::fs::chown(&path, Some(1234), Some(1234)).unwrap();
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o604)).unwrap();
    let before = fs::metadata(&path).unwrap();
    let (code, err) = fix(root, root, &["docs"]);
    assert_eq!(code, 0, "{err}");
    let after = fs::metadata(&path).unwrap();
    assert_eq!(read(&path), "Claimed by IS-K.\n");
    assert_eq!(after.mode() & 0o7777, 0o604);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
}

/// Run as another user in a world-writable directory, `--fix` must not replace a file that
/// user cannot write (a rename needs only the directory's permission). Needs root to set up;
/// as any other user the same refusal is checked on a file without write permission.
#[cfg(unix)]
#[test]
fn a_file_the_user_cannot_write_is_refused_even_in_a_world_writable_directory() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let dir = tree();
    let root = dir.path();
    fs::set_permissions(root, fs::Permissions::from_mode(0o777)).unwrap();
    write(root, "docs/a.md", "Claimed by ISIS-K.\n");
    let docs = root.join("docs");
    fs::set_permissions(&docs, fs::Permissions::from_mode(0o777)).unwrap();
    let path = docs.join("a.md");
    let is_root = fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    let output = if is_root {
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        for p in [root.join("rules"), root.join("rules/names.toml")] {
            let mode = if p.is_dir() { 0o755 } else { 0o644 };
            fs::set_permissions(&p, fs::Permissions::from_mode(mode)).unwrap();
        }
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("factlint"));
        cmd.uid(65534).gid(65534);
        cmd
    } else {
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        std::process::Command::new(assert_cmd::cargo::cargo_bin!("factlint"))
    }
    .arg("check")
    .arg("--rules")
    .arg(root.join("rules"))
    .args(["--fix", "docs"])
    .env("NO_COLOR", "1")
    .current_dir(root)
    .output()
    .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("`docs/a.md` is read-only; not fixed"), "{err}");
    assert_eq!(read(&path), "Claimed by ISIS-K.\n");
    let uid = fs::metadata(&path).unwrap().uid();
    assert_eq!(is_root, uid == 0);
    assert_eq!(
        fs::read_dir(&docs).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn stale_temporary_files_are_never_read_and_are_cleared_by_the_next_fix() {
    let dir = tree();
    let root = dir.path();
    write(root, "docs/a.md", "Claimed by ISIS-K.\n");
    // What `kill -9` during a fix leaves: a temporary file of a process that is gone.
    let stale = root.join("docs/.a.md.factlint-99999999-0.tmp");
    fs::write(&stale, "Half a fixed ISIS-K text").unwrap();
    let out = factlint()
        .arg("check")
        .arg("--rules")
        .arg(root.join("rules"))
        .args(["--format", "json", "docs"])
        .current_dir(root)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("factlint-99999999"), "{text}");
    let (code, err) = fix(root, root, &["docs"]);
    assert_eq!(code, 0, "{err}");
    if Path::new("/proc/self").exists() {
        assert!(!stale.exists());
    }
    assert_eq!(read(&root.join("docs/a.md")), "Claimed by IS-K.\n");
}
