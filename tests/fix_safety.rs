//! `check --fix` never damages text and never loses data: it writes exactly the file it read,
//! only documents, only from literal variants, only where the edit is safe, and a second run
//! changes nothing. Each test reproduces a way an earlier `--fix` went wrong.

#![allow(clippy::unwrap_used)]

mod common;

use std::fs;
use std::path::Path;

use common::{factlint, repo, write};

const RULES: &str = r#"
[[entity]]
id = "iskp-name"
canonical = "IS-K"
variants = ["ISIS-K", "IS-KP"]
"#;

/// A temporary tree holding `files` (relative path, text).
fn tree_of(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

/// A temporary tree with the name rule in `rules/names.toml`.
fn tree() -> tempfile::TempDir {
    tree_of(&[("rules/names.toml", RULES)])
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
    // --diff shows only what --fix would write, and names what it would refuse.
    let (code, out, err) = run(root, &["check", "--rules", "rules", "--diff", "link.md"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.contains("`link.md` is a symbolic link; not fixed"),
        "{err}"
    );

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
    let mut command = if is_root {
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        for p in [root.join("rules"), root.join("rules/names.toml")] {
            let mode = if p.is_dir() { 0o755 } else { 0o644 };
            fs::set_permissions(&p, fs::Permissions::from_mode(mode)).unwrap();
        }
        // The other user must reach the binary wherever the checkout lives: use a copy in the
        // world-readable tree.
        let binary = root.join("factlint-bin");
        fs::copy(assert_cmd::cargo::cargo_bin!("factlint"), &binary).unwrap();
        fs::set_permissions(&binary, fs::Permissions::from_mode(0o755)).unwrap();
        let mut cmd = std::process::Command::new(&binary);
        cmd.uid(65534).gid(65534);
        cmd
    } else {
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        std::process::Command::new(assert_cmd::cargo::cargo_bin!("factlint"))
    };
    command
        .arg("check")
        .arg("--rules")
        .arg(root.join("rules"))
        .args(["--fix", "docs"])
        .env("NO_COLOR", "1")
        .current_dir(root);
    // The binary copied just now may still be open for writing in a child another test thread
    // forked meanwhile (Linux's "text file busy" until that child execs): try again then.
    let output = (0..50)
        .find_map(|_| match command.output() {
            Err(e) if e.raw_os_error() == Some(26) => {
                std::thread::sleep(std::time::Duration::from_millis(20));
                None
            }
            other => Some(other),
        })
        .expect("the copied binary stayed busy")
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

// --- 2. only documents, only literal variants -------------------------------------------------

/// Runs `check` with extra arguments from `cwd` and returns (exit code, stdout, stderr).
fn run(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = factlint().args(args).current_dir(cwd).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn only_documents_are_written_never_rules_data_or_code() {
    let dir = tree();
    let root = dir.path();
    write(root, "notes.md", "Claimed by ISIS-K.\n");
    write(root, "data.json", "{\"group\": \"ISIS-K\"}\n");
    write(root, "tool.py", "GROUP = 'ISIS-K'  # ISIS-K\n");
    write(root, "README", "ISIS-K notes\n");
    let before: Vec<String> = ["rules/names.toml", "data.json", "tool.py", "README"]
        .iter()
        .map(|f| read(&root.join(f)))
        .collect();
    // No `include` glob: every file is read, the rule file itself among them.
    let (code, _, err) = run(root, &["check", "--rules", "rules", "--fix", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("fixed 1 finding in 1 file"), "{err}");
    assert_eq!(read(&root.join("notes.md")), "Claimed by IS-K.\n");
    let after: Vec<String> = ["rules/names.toml", "data.json", "tool.py", "README"]
        .iter()
        .map(|f| read(&root.join(f)))
        .collect();
    assert_eq!(before, after);
    // The rules still load, and every finding left says why it was not fixed.
    let (code, out, err) = run(
        root,
        &["check", "--rules", "rules", "--format", "json", "."],
    );
    assert_eq!(code, 0, "{err}");
    let json = common::json(out.as_bytes());
    let findings = json["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        assert!(f["fix"].is_null(), "{f}");
        let notes = f["notes"].to_string();
        assert!(
            notes.contains("not fixed: only Markdown, HTML and plain-text documents are fixed"),
            "{f}"
        );
    }
}

#[test]
fn a_regex_variant_reports_and_never_fixes() {
    let text = "Claimed by ISIS-K and its\nallies. The rest stays.\n";
    let dir = tree_of(&[
        (
            "rules/names.toml",
            "[[entity]]\nid = \"iskp-name\"\ncanonical = \"IS-K\"\nvariants = [\"/ISIS-K[^.]*/\"]\n",
        ),
        ("docs/a.md", text),
    ]);
    let root = dir.path();
    let (code, out, err) = run(root, &["check", "--rules", "rules", "--fix", "docs"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(&root.join("docs/a.md")), text);
    assert!(out.contains("should be written `IS-K`"), "{out}");
    assert!(
        out.contains("not fixed: matched by a regex variant, which only reports"),
        "{out}"
    );
}

#[test]
fn a_punctuation_or_one_letter_term_is_a_rule_error_and_nothing_is_written() {
    for term in [".", "A", "--"] {
        let rules =
            format!("[[entity]]\nid = \"x\"\ncanonical = \"IS-K\"\nvariants = [\"{term}\"]\n");
        let dir = tree_of(&[
            ("rules/names.toml", &rules),
            ("docs/a.md", "A sentence. Another one -- with ISIS-K.\n"),
        ]);
        let root = dir.path();
        let (code, out, err) = run(root, &["check", "--rules", "rules", "--fix", "docs"]);
        assert_eq!(code, 2, "{term}: {out}{err}");
        assert!(out.contains("error[short-term]"), "{out}");
        assert!(out.contains("rules/names.toml:4:"), "{out}");
        assert_eq!(
            read(&root.join("docs/a.md")),
            "A sentence. Another one -- with ISIS-K.\n"
        );
    }
}

#[test]
fn rules_that_rewrite_each_other_stop_the_run_before_any_fix() {
    let dir = tree_of(&[
        (
            "rules/a.toml",
            "[[entity]]\nid = \"short\"\ncanonical = \"IS-K\"\nvariants = [\"ISIS-K\"]\n",
        ),
        (
            "rules/b.toml",
            "[[entity]]\nid = \"long\"\ncanonical = \"ISIS-K\"\nvariants = [\"IS-K\"]\n",
        ),
        ("docs/a.md", "IS-K and ISIS-K.\n"),
    ]);
    let root = dir.path();
    let (code, out, _) = run(root, &["check", "--rules", "rules", "--fix", "docs"]);
    assert_eq!(code, 2, "{out}");
    assert_eq!(
        out.matches("error[conflicting-canonical]").count(),
        2,
        "{out}"
    );
    assert!(out.contains("on every run"), "{out}");
    assert_eq!(read(&root.join("docs/a.md")), "IS-K and ISIS-K.\n");
}

// --- 3. never damage text ---------------------------------------------------------------------

const DAMAGE_RULES: &str = r#"
[[entity]]
id = "iskp-name"
canonical = "IS-K"
variants = ["ISIS-K"]

[[entity]]
id = "us-name"
canonical = "US"
variants = ["U.S.", "USA"]

[[entity]]
id = "uk-name"
canonical = "UK"
variants = ["Britain"]

[[entity]]
id = "is-name"
canonical = "Islamic State"
variants = ["IS", "ISIS"]

[[entity]]
id = "police-name"
canonical = "police department"
variants = ["Police Department", "PD"]

[[entity]]
id = "aq-name"
canonical = "al-Qaeda"
variants = ["Al Qaeda"]

[[entity]]
id = "daesh-name"
canonical = "Daesh"
variants = ["Da'esh"]
fix = false
"#;

/// (file, text before, text after `--fix`, why it is not fixed when it is not).
const DAMAGE_CASES: &[(&str, &str, &str, &str)] = &[
    // Quotations are somebody's words.
    (
        "straight.md",
        "He said \"ISIS-K did it\" on Monday.\n",
        "He said \"ISIS-K did it\" on Monday.\n",
        "not fixed: inside a quotation",
    ),
    (
        "curly.md",
        "He said \u{201c}ISIS-K did it\u{201d} on Monday.\n",
        "He said \u{201c}ISIS-K did it\u{201d} on Monday.\n",
        "not fixed: inside a quotation",
    ),
    (
        "guillemets.md",
        "Il a dit \u{ab} ISIS-K \u{bb} lundi.\n",
        "Il a dit \u{ab} ISIS-K \u{bb} lundi.\n",
        "not fixed: inside a quotation",
    ),
    (
        "single-quotes.md",
        "She called it \u{2018}an ISIS-K plot\u{2019} on Monday, and 'ISIS-K again' later.\n",
        "She called it \u{2018}an ISIS-K plot\u{2019} on Monday, and 'ISIS-K again' later.\n",
        "not fixed: inside a quotation",
    ),
    (
        "apostrophes.md",
        "Don't blame the attackers' ISIS-K links; in the '90s ISIS-K was unknown.\n",
        "Don't blame the attackers' IS-K links; in the '90s IS-K was unknown.\n",
        "",
    ),
    (
        "continued-quote.md",
        "\"The cell answered to ISIS-K for months,\n",
        "\"The cell answered to ISIS-K for months,\n",
        "not fixed: inside a quotation",
    ),
    (
        "blockquote.md",
        "Her statement:\n\n> ISIS-K planned the attack.\n",
        "Her statement:\n\n> ISIS-K planned the attack.\n",
        "not fixed: inside a quotation",
    ),
    (
        "blockquote.html",
        "<p>Her statement:</p><blockquote><p>ISIS-K planned it.</p></blockquote>\n",
        "<p>Her statement:</p><blockquote><p>ISIS-K planned it.</p></blockquote>\n",
        "not fixed: inside a quotation",
    ),
    // A headline in capitals, where IS is a verb.
    (
        "capitals.md",
        "# WHAT IS KNOWN SO FAR\n",
        "# WHAT IS KNOWN SO FAR\n",
        "not fixed: in a run of capitals",
    ),
    // Longer names.
    (
        "usa-today.md",
        "She wrote for USA Today last year.\n",
        "She wrote for USA Today last year.\n",
        "not fixed: part of a longer capitalised name or token",
    ),
    (
        "great-britain.md",
        "He moved to Great Britain in 2010.\n",
        "He moved to Great Britain in 2010.\n",
        "not fixed: part of a longer capitalised name or token",
    ),
    (
        "us-gymnastics.md",
        "The ruling came from U.S. Gymnastics on Friday.\n",
        "The ruling came from U.S. Gymnastics on Friday.\n",
        "not fixed: part of a longer capitalised name or token",
    ),
    (
        "handle.md",
        "Follow @City_PD for updates.\n",
        "Follow @City_PD for updates.\n",
        "not fixed: part of a longer capitalised name or token",
    ),
    (
        "lost-space.md",
        "A U.S.military official spoke.\n",
        "A U.S.military official spoke.\n",
        "not fixed: part of a longer capitalised name or token",
    ),
    (
        "named-place.md",
        "The Springfield (Mo.) Police Department said so.\n",
        "The Springfield (Mo.) Police Department said so.\n",
        "not fixed: part of a longer capitalised name or token",
    ),
    (
        "introduced.md",
        "The Islamic State (ISIS) claimed it, and ISIS-K (or IS-KP) too.\n",
        "The Islamic State (ISIS) claimed it, and ISIS-K (or IS-KP) too.\n",
        "not fixed: where an abbreviation is introduced in parentheses",
    ),
    (
        "fix-false.md",
        "Da'esh was named in the report.\n",
        "Da'esh was named in the report.\n",
        "not fixed: the rule sets `fix = false`",
    ),
    // The sentence keeps its full stop and its capital.
    (
        "final-period.md",
        "She was admitted to the U.S. He argued it was late.\n",
        "She was admitted to the US. He argued it was late.\n",
        "",
    ),
    (
        "final-period-block.md",
        "She moved to the U.S.\n\nThen she wrote.\n",
        "She moved to the US.\n\nThen she wrote.\n",
        "",
    ),
    (
        "initial-capital.md",
        "Al Qaeda denied it.\n",
        "Al-Qaeda denied it.\n",
        "",
    ),
    // Plain variants in running prose are fixed.
    (
        "mid-sentence.md",
        "They blamed Al Qaeda for it, and ISIS-K too.\n",
        "They blamed al-Qaeda for it, and IS-K too.\n",
        "",
    ),
    (
        "abbreviation-mid-sentence.md",
        "The U.S. economy grew while Britain stalled.\n",
        "The US economy grew while UK stalled.\n",
        "",
    ),
    (
        "after-an-opener.md",
        "Later ISIS-K struck again. In Britain, prices rose.\n",
        "Later IS-K struck again. In UK, prices rose.\n",
        "",
    ),
    (
        "affixes.md",
        "A U.S.-led force met the PD's chief and anti-ISIS groups.\n",
        "A US-led force met the police department's chief and anti-Islamic State groups.\n",
        "",
    ),
    (
        "after-a-quotation.md",
        "\"It was planned,\" he said of the ISIS-K attack.\n",
        "\"It was planned,\" he said of the IS-K attack.\n",
        "",
    ),
];

fn damage_tree() -> tempfile::TempDir {
    let dir = tree_of(&[("rules/names.toml", DAMAGE_RULES)]);
    for (file, before, _, _) in DAMAGE_CASES {
        write(dir.path(), &format!("docs/{file}"), before);
    }
    dir
}

#[test]
fn fix_never_damages_text_and_says_why_it_left_each_case() {
    let dir = damage_tree();
    let root = dir.path();
    let (code, _, err) = run(root, &["check", "--rules", "rules", "--fix", "docs"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(
        err.contains("findings left where a fix would not be safe (each says why)"),
        "{err}"
    );
    let mut failures = Vec::new();
    for (file, _, after, _) in DAMAGE_CASES {
        let got = read(&root.join("docs").join(file));
        if got != *after {
            failures.push(format!("{file}: got {got:?}, expected {after:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // What was left is still reported, each with why it was not fixed.
    let (_, out, _) = run(
        root,
        &["check", "--rules", "rules", "--format", "json", "docs"],
    );
    let json = common::json(out.as_bytes());
    let findings = json["findings"].as_array().unwrap();
    for (file, _, _, why) in DAMAGE_CASES {
        let in_file: Vec<&serde_json::Value> = findings
            .iter()
            .filter(|f| f["labels"][0]["path"] == format!("docs/{file}"))
            .collect();
        if why.is_empty() {
            assert!(in_file.is_empty(), "{file}: {in_file:?}");
        } else {
            assert!(
                in_file.iter().any(|f| f["notes"].to_string().contains(why)),
                "{file}: {in_file:?}"
            );
            assert!(in_file.iter().all(|f| f["fix"].is_null()), "{file}");
        }
    }
}

// --- 4. convergence ---------------------------------------------------------------------------

/// Copies the tree at `from` to `to`.
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` (relative path → text), sorted.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, base, out);
            } else {
                let rel = path
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Every fixture corpus, copied into a temporary directory, with the `check` arguments that
/// read it there.
fn fixture_corpora() -> Vec<(String, tempfile::TempDir, Vec<&'static str>)> {
    let fixtures = repo().join("fixtures");
    let mut corpora = Vec::new();
    let demo = tempfile::tempdir().unwrap();
    copy_tree(&fixtures.join("demo"), &demo.path().join("docs"));
    fs::copy(
        repo().join("rules/demo.toml"),
        demo.path().join("rules.toml"),
    )
    .unwrap();
    corpora.push((
        "demo".to_string(),
        demo,
        vec!["--rules", "rules.toml", "docs"],
    ));
    let newsroom = tempfile::tempdir().unwrap();
    copy_tree(&fixtures.join("newsroom"), newsroom.path());
    corpora.push(("newsroom".to_string(), newsroom, vec![]));
    let mut cases: Vec<_> = fs::read_dir(fixtures.join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    for case in cases {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&case, dir.path());
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        corpora.push((name, dir, vec!["--rules", "rules.toml", "docs"]));
    }
    corpora
}

#[test]
fn fix_converges_and_diff_shows_exactly_what_fix_writes_on_every_fixture_corpus() {
    let mut fixed_somewhere = false;
    for (name, dir, args) in fixture_corpora() {
        let root = dir.path();
        let with = |flag: &'static str| {
            let mut all = vec!["check", flag];
            all.extend(&args);
            all
        };
        let before = snapshot(root);
        let (code, diff, err) = run(root, &with("--diff"));
        assert!(code == 0 || code == 1, "{name}: {err}");
        assert_eq!(snapshot(root), before, "{name}: --diff wrote something");

        let (code, _, err) = run(root, &with("--fix"));
        assert!(code == 0 || code == 1, "{name}: {err}");
        let after = snapshot(root);
        // The diff, file by file, is exactly the change --fix made.
        let mut expected = String::new();
        for ((path, old), (same, new)) in before.iter().zip(&after) {
            assert_eq!(path, same, "{name}: files came or went");
            if old != new {
                let shown = path.strip_prefix("docs/").unwrap_or(path);
                let text = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
                let display = if args.is_empty() {
                    path
                } else {
                    &format!("docs/{shown}")
                };
                expected.push_str(&factlint::fix::unified_diff(
                    display,
                    &text(old),
                    &text(new),
                ));
            }
        }
        assert_eq!(diff, expected, "{name}");
        fixed_somewhere |= !diff.is_empty();

        // A second --fix changes nothing, and --diff shows nothing.
        let (_, _, err) = run(root, &with("--fix"));
        assert!(
            !err.lines().any(|l| l.starts_with("fixed ")),
            "{name}: {err}"
        );
        assert_eq!(
            snapshot(root),
            after,
            "{name}: the second --fix changed files"
        );
        let (code, diff, _) = run(root, &with("--diff"));
        assert_eq!((code, diff.as_str()), (0, ""), "{name}");
    }
    assert!(fixed_somewhere, "no fixture corpus had anything to fix");
}

/// An edit saved while factlint runs wins: the fix planned from the old text is refused (the
/// same path `check --fix` takes, with the edit made between reading and writing).
#[test]
fn an_edit_saved_during_the_run_is_never_overwritten() {
    use factlint::config::Config;
    use factlint::fix::{self, WriteError, WriteOptions};
    let dir = tree();
    let root = dir.path();
    write(root, "docs/a.md", "Claimed by ISIS-K.\n");
    let mut config = Config::default_for(root);
    config.rules = vec!["rules".into()];
    config.documents.paths = vec!["docs".into()];
    let settings = factlint::Settings::new(config, root.to_path_buf());
    let outcome = factlint::check(&settings, factlint::files::Files::new());
    let plans = fix::plan(&outcome.files, &outcome.findings);
    assert_eq!(plans.len(), 1);
    let plan = &plans[0];
    assert_eq!(plan.after, "Claimed by IS-K.\n");

    let edited = "Claimed by ISIS-K, the editor wrote while factlint ran.\n";
    fs::write(root.join("docs/a.md"), edited).unwrap();
    let opened = plan.opened.as_ref().unwrap();
    let err = fix::write_fixed(
        opened,
        &plan.path,
        plan.before.as_bytes(),
        &plan.after,
        WriteOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err, WriteError::Changed(_)), "{err}");
    assert_eq!(read(&root.join("docs/a.md")), edited);
    assert_eq!(fs::read_dir(root.join("docs")).unwrap().count(), 1);
}
