//! Discovery and reading over a real directory tree: ignore files, hidden files, globs,
//! explicit paths, and the warnings for files that cannot be read as UTF-8 text.

use std::fs;
use std::path::{Path, PathBuf};

use factlint::discover::{DiscoverOptions, Input, discover, read_input};
use factlint::finding::{Code, Finding, Severity};

const MAX: u64 = 10 * 1024 * 1024;

/// A tree with every kind of file discovery has to deal with.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let write = |rel: &str, bytes: &[u8]| {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    };
    write("news/crocus.md", b"# Crocus\n\nAt least 139 dead.\n");
    write("news/kerman.txt", b"The blast killed 96.\n");
    write("news/drafts/wip.md", b"Draft 94.\n");
    write("archive/old.md", b"Old piece.\n");
    write("img/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write("latin1.txt", b"T\xfcrkiye caf\xe9\n");
    write("ignored.md", b"Ignored by .gitignore.\n");
    write("build/out.md", b"Ignored directory.\n");
    write(".hidden.md", b"Hidden file.\n");
    write(".secret/inside.md", b"Inside a hidden directory.\n");
    write(".gitignore", b"ignored.md\nbuild/\n");
    dir
}

fn opts(root: &Path, paths: &[&str]) -> DiscoverOptions {
    DiscoverOptions {
        paths: paths.iter().map(PathBuf::from).collect(),
        include: Vec::new(),
        exclude: Vec::new(),
        root: root.to_path_buf(),
        display_base: root.to_path_buf(),
        boundary: None,
    }
}

fn displays(inputs: &[Input]) -> Vec<&str> {
    inputs.iter().map(|i| i.display.as_str()).collect()
}

fn input(root: &Path, rel: &str) -> Input {
    Input {
        path: root.join(rel),
        display: rel.to_string(),
    }
}

fn assert_skip(result: Result<String, Box<Finding>>, code: Code, display: &str, says: &str) {
    let finding = result.expect_err("should be skipped");
    assert_eq!(finding.code, code, "{}", finding.message);
    assert_eq!(finding.severity, Severity::Warning);
    assert_eq!(finding.path.as_deref(), Some(display));
    assert!(
        finding.message.contains(&format!("`{display}`")) && finding.message.contains(says),
        "{}",
        finding.message
    );
}

#[test]
fn walk_honours_gitignore_and_hidden_files_outside_git() {
    let dir = tree();
    let (inputs, findings) = discover(&opts(dir.path(), &["."]));
    assert!(findings.is_empty(), "{findings:?}");
    // The walk lists every non-ignored, non-hidden file; reading decides what is text.
    assert_eq!(
        displays(&inputs),
        [
            "archive/old.md",
            "img/logo.png",
            "latin1.txt",
            "news/crocus.md",
            "news/drafts/wip.md",
            "news/kerman.txt",
        ]
    );
    for i in &inputs {
        assert!(i.path.is_file(), "{:?}", i.path);
    }
}

#[test]
fn reading_reports_binary_latin1_too_large_and_unreadable() {
    let dir = tree();
    let root = dir.path();
    assert_eq!(
        read_input(&input(root, "news/kerman.txt"), MAX).unwrap(),
        "The blast killed 96.\n"
    );
    assert_skip(
        read_input(&input(root, "img/logo.png"), MAX),
        Code::BinaryFile,
        "img/logo.png",
        "binary file",
    );
    // `T\xfc`: the first bad byte is at offset 1.
    assert_skip(
        read_input(&input(root, "latin1.txt"), MAX),
        Code::InvalidUtf8,
        "latin1.txt",
        "offset 1",
    );
    assert_skip(
        read_input(&input(root, "news/kerman.txt"), 5),
        Code::FileTooLarge,
        "news/kerman.txt",
        "limit of 5 bytes",
    );
    // Exactly at the limit is fine.
    assert!(read_input(&input(root, "news/kerman.txt"), 21).is_ok());
    // A directory where a file is expected cannot be read, whoever runs the test.
    assert_skip(
        read_input(&input(root, "news"), MAX),
        Code::UnreadableFile,
        "news",
        "directory",
    );
    assert_skip(
        read_input(&input(root, "vanished.md"), MAX),
        Code::UnreadableFile,
        "vanished.md",
        "cannot read",
    );
    fs::write(root.join("utf16.txt"), b"\xff\xfeh\x00i\x00").unwrap();
    assert_skip(
        read_input(&input(root, "utf16.txt"), MAX),
        Code::InvalidUtf8,
        "utf16.txt",
        "UTF-16",
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree();
    let path = dir.path().join("news/kerman.txt");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    // Root (as in many CI containers) reads a mode-000 file anyway; the permission check is
    // then meaningless and only the directory-as-file case above covers unreadable files.
    if fs::read(&path).is_ok() {
        return;
    }
    assert_skip(
        read_input(&input(dir.path(), "news/kerman.txt"), MAX),
        Code::UnreadableFile,
        "news/kerman.txt",
        "cannot read",
    );
}

#[test]
fn include_and_exclude_globs() {
    let dir = tree();
    let mut o = opts(dir.path(), &["."]);
    o.include = vec!["*.md".to_string()];
    let (inputs, _) = discover(&o);
    assert_eq!(
        displays(&inputs),
        ["archive/old.md", "news/crocus.md", "news/drafts/wip.md"]
    );
    o.exclude = vec!["drafts".to_string(), "archive/*".to_string()];
    let (inputs, _) = discover(&o);
    assert_eq!(displays(&inputs), ["news/crocus.md"]);
    // A glob with `/` matches the whole relative path, and `*` does not cross `/`.
    let mut o = opts(dir.path(), &["."]);
    o.include = vec!["news/*.md".to_string()];
    let (inputs, _) = discover(&o);
    assert_eq!(displays(&inputs), ["news/crocus.md"]);
    // As in `.gitignore`, a glob matching a directory takes everything under it.
    o.include = vec!["news/*".to_string()];
    let (inputs, _) = discover(&o);
    assert_eq!(
        displays(&inputs),
        ["news/crocus.md", "news/drafts/wip.md", "news/kerman.txt"]
    );
}

#[test]
fn explicit_files_beat_ignore_files_but_not_exclude() {
    let dir = tree();
    let mut o = opts(
        dir.path(),
        &[
            "ignored.md",
            ".hidden.md",
            "news/drafts/wip.md",
            "news/kerman.txt",
        ],
    );
    o.include = vec!["*.txt".to_string()];
    o.exclude = vec!["drafts/**".to_string(), "news/drafts".to_string()];
    let (inputs, findings) = discover(&o);
    assert!(findings.is_empty(), "{findings:?}");
    // Gitignored, hidden and not-included files are taken when named; excluded ones are not.
    assert_eq!(
        displays(&inputs),
        [".hidden.md", "ignored.md", "news/kerman.txt"]
    );
}

#[test]
fn missing_paths_warn_and_the_rest_goes_on() {
    let dir = tree();
    let (inputs, findings) = discover(&opts(dir.path(), &["nope.md", "news/kerman.txt"]));
    assert_eq!(displays(&inputs), ["news/kerman.txt"]);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].code, Code::UnreadableFile);
    assert_eq!(findings[0].severity, Severity::Warning);
    assert_eq!(findings[0].path.as_deref(), Some("nope.md"));
    assert!(findings[0].message.contains("does not exist"));
}

#[test]
fn bad_glob_is_a_config_error() {
    let dir = tree();
    let mut o = opts(dir.path(), &["."]);
    o.exclude = vec!["news/[".to_string()];
    let (inputs, findings) = discover(&o);
    assert!(inputs.is_empty());
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].code, Code::InvalidConfig);
}

#[test]
fn order_is_stable_and_duplicates_collapse() {
    let dir = tree();
    let o = opts(
        dir.path(),
        &["news", "news/crocus.md", "./news/kerman.txt", "news"],
    );
    let (first, _) = discover(&o);
    assert_eq!(
        displays(&first),
        ["news/crocus.md", "news/drafts/wip.md", "news/kerman.txt"]
    );
    let mut reversed = o.clone();
    reversed.paths.reverse();
    let (second, _) = discover(&reversed);
    assert_eq!(first, second);
}

#[test]
fn display_paths_are_relative_to_the_display_base() {
    let dir = tree();
    let mut o = opts(dir.path(), &["news/crocus.md", "archive"]);
    o.display_base = dir.path().join("news");
    let (inputs, _) = discover(&o);
    assert_eq!(displays(&inputs), ["../archive/old.md", "crocus.md"]);
    // A root with `.` and `..` components gives the same display paths.
    let mut o = opts(dir.path(), &["news/kerman.txt"]);
    o.root = dir.path().join("news/../.");
    let (inputs, _) = discover(&o);
    assert_eq!(displays(&inputs), ["news/kerman.txt"]);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_in_walks() {
    let dir = tree();
    std::os::unix::fs::symlink(dir.path().join("archive"), dir.path().join("news/link")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("archive/old.md"),
        dir.path().join("news/old-link.md"),
    )
    .unwrap();
    let (inputs, _) = discover(&opts(dir.path(), &["news"]));
    assert_eq!(
        displays(&inputs),
        ["news/crocus.md", "news/drafts/wip.md", "news/kerman.txt"]
    );
}
