//! Git, for `check --changed`: the files a change touched, asked of the `git` command (the
//! user's git, with the user's configuration, so the answer matches what `git status` shows).
//!
//! "Changed since REV" is the working tree compared with REV: committed, staged and unstaged
//! changes alike, plus untracked files that are not ignored (a new draft is a change before it
//! is added). Deleted files are left out: there is nothing to check in them. Without REV the
//! base is the merge base of `HEAD` with the default branch (`origin/HEAD`, else `origin/main`,
//! `origin/master`, `main`, `master`), which is what a pull request will be compared with; on
//! the default branch itself that is `HEAD`, so only uncommitted work counts.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<Vec<u8>> {
    let out = Command::new("git")
        .args(["-c", "diff.relative=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .context("cannot run `git` (is it installed?)")?;
    if !out.status.success() {
        bail!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(out.stdout)
}

fn git_line(dir: &Path, args: &[&str]) -> Option<String> {
    let out = git(dir, args).ok()?;
    let line = String::from_utf8(out).ok()?.trim().to_string();
    (!line.is_empty()).then_some(line)
}

/// The commit the change is measured from.
fn base(top: &Path, rev: Option<&str>) -> anyhow::Result<String> {
    if let Some(rev) = rev {
        return git_line(
            top,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ],
        )
        .with_context(|| format!("`{rev}` is not a commit in this repository"));
    }
    if git_line(top, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_none() {
        // No commit yet: everything in the working tree is new.
        return git_line(top, &["hash-object", "-t", "tree", "/dev/null"])
            .context("cannot name git's empty tree");
    }
    let remote_head = git_line(
        top,
        &[
            "symbolic-ref",
            "--quiet",
            "--short",
            "refs/remotes/origin/HEAD",
        ],
    );
    let candidates = remote_head
        .into_iter()
        .chain(["origin/main", "origin/master", "main", "master"].map(String::from));
    for candidate in candidates {
        if let Some(base) = git_line(top, &["merge-base", "HEAD", &candidate]) {
            return Ok(base);
        }
    }
    Ok("HEAD".to_string())
}

fn paths(top: &Path, nul_separated: &[u8]) -> Vec<PathBuf> {
    nul_separated
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .filter_map(|p| std::str::from_utf8(p).ok())
        .map(|p| top.join(p))
        .collect()
}

/// The files changed since `rev` (see the module docs), absolute, sorted.
///
/// # Errors
/// When `dir` is not in a git repository, `rev` is not a commit, or git cannot run.
pub fn changed_files(dir: &Path, rev: Option<&str>) -> anyhow::Result<Vec<PathBuf>> {
    let top = git_line(dir, &["rev-parse", "--show-toplevel"])
        .map(PathBuf::from)
        .context("`--changed` needs a git repository")?;
    let base = base(&top, rev)?;
    let mut files = paths(
        &top,
        &git(
            &top,
            &["diff", "--name-only", "-z", "--diff-filter=d", &base, "--"],
        )?,
    );
    files.extend(paths(
        &top,
        &git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?,
    ));
    files.retain(|p| p.is_file());
    files.sort();
    files.dedup();
    Ok(files)
}
