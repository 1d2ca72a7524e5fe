#!/usr/bin/env bash
# End-to-end test of the pre-commit hook: install pre-commit from PyPI into a temporary
# virtualenv, make a temporary git repository of documents that uses the hook defined in this
# repository's .pre-commit-hooks.yaml, stage a document that contradicts the archive and check
# that the commit is refused with factlint's diagnostic; then that a clean document commits,
# even though the archive keeps an old disagreement of its own.
#
# The hook is taken from .pre-commit-hooks.yaml (entry, files, require_serial) and run as a
# `repo: local` hook with `language: system`, using the factlint built here: the manifest's
# `language: rust` would make pre-commit compile factlint from scratch, which tests cargo, not
# the hook.
#
# Needs python3 with venv, git, network access to PyPI. Takes about half a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
repo_root=$(pwd)

# docs/ci.md pins the hook to a commit (there are no release tags yet): it must be a commit of
# this repository that holds the hook manifest, or the documented set-up fails.
pinned=$(sed -n 's/^ *rev: \([0-9a-f]\{40\}\).*/\1/p' docs/ci.md | head -n 1)
if [ -z "$pinned" ]; then
  echo "pre-commit-e2e: docs/ci.md pins no 40-hex commit" >&2
  exit 1
fi
if git rev-parse --git-dir >/dev/null 2>&1; then
  git cat-file -e "$pinned:.pre-commit-hooks.yaml" || {
    echo "pre-commit-e2e: docs/ci.md pins $pinned, which has no .pre-commit-hooks.yaml here" >&2
    exit 1
  }
  echo "--- docs/ci.md pins $pinned, a commit with the hook manifest"
fi

if ! command -v python3 >/dev/null || ! python3 -c 'import venv' 2>/dev/null; then
  echo "pre-commit-e2e: SKIPPED: python3 with venv is not available" >&2
  exit 0
fi

cargo build --locked --quiet
bin_dir="${CARGO_TARGET_DIR:-$repo_root/target}/debug"
test -x "$bin_dir/factlint"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "--- installing pre-commit from PyPI into a temporary virtualenv"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
"$work/venv/bin/pre-commit" --version

# The documented example workflow is at least valid YAML with the steps it promises.
"$work/venv/bin/python" - "$repo_root/docs/examples/github-workflow.yml" <<'PY'
import sys, yaml
steps = yaml.safe_load(open(sys.argv[1]))["jobs"]["factlint"]["steps"]
runs = " ".join(s.get("run", "") for s in steps)
assert "--format sarif" in runs and "--changed" in runs, runs
assert any("upload-sarif" in s.get("uses", "") for s in steps)
PY

export PATH="$bin_dir:$work/venv/bin:$PATH"
export PRE_COMMIT_HOME="$work/cache"
export GIT_CONFIG_NOSYSTEM=1
export HOME="$work/home"   # no user git config or pre-commit config leaks in
mkdir -p "$HOME"

docs="$work/newsroom"
mkdir -p "$docs/rules" "$docs/archive"
cd "$docs"
git init -q -b main
git config user.name "Desk"
git config user.email "desk@example.com"
git config commit.gpgsign false

cat > factlint.toml <<'TOML'
rules = ["rules"]
[documents]
paths = ["archive"]
TOML
cat > rules/names.toml <<'TOML'
[[entity]]
id = "fsb-director-name"
description = "Transliteration of the FSB director's first name"
canonical = "Alexander Bortnikov"
variants = ["Aleksandr Bortnikov"]
mode = "corpus"
severity = "error"

[[entity]]
id = "iskp-name"
canonical = "IS-K"
variants = ["ISIS-K"]
TOML
cat > archive/monday.md <<'MD'
# Monday

FSB director Alexander Bortnikov spoke to reporters on Monday.
MD
cat > archive/tuesday.md <<'MD'
# Tuesday

Alexander Bortnikov repeated the claim on Tuesday.
MD
# An old disagreement the archive already has: a warning nobody has fixed.
cat > archive/old.md <<'MD'
# An old piece

ISIS-K was named in this piece.
MD

# The hook, from this repository's manifest, as a local hook.
"$work/venv/bin/python" - "$repo_root/.pre-commit-hooks.yaml" > .pre-commit-config.yaml <<'PY'
import sys, yaml
(hook,) = [h for h in yaml.safe_load(open(sys.argv[1])) if h["id"] == "factlint"]
hook = {k: v for k, v in hook.items() if k != "minimum_pre_commit_version"}
hook["language"] = "system"
print(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, sort_keys=False))
PY
cat .pre-commit-config.yaml

git add -A
git commit -q --no-verify -m "archive"
pre-commit install

echo "--- a draft that contradicts the archive: the commit must be refused"
cat > archive/wednesday.md <<'MD'
# Wednesday

Aleksandr Bortnikov said the investigation would take weeks.
MD
git add archive/wednesday.md
if git commit -m "wednesday" > "$work/refused.log" 2>&1; then
  cat "$work/refused.log"
  echo "pre-commit-e2e: FAIL: the conflicting commit was accepted" >&2
  exit 1
fi
cat "$work/refused.log"
grep -q "error\[fsb-director-name\]" "$work/refused.log"
grep -q "archive/wednesday.md:3:1" "$work/refused.log"
grep -q "archive/monday.md" "$work/refused.log"      # evidence from the archive
if grep -q "archive/old.md" "$work/refused.log"; then
  echo "pre-commit-e2e: FAIL: an untouched file's finding was reported" >&2
  exit 1
fi
test "$(git rev-list --count HEAD)" = 1

echo "--- the same draft, fixed: the commit goes through"
sed -i.bak 's/Aleksandr/Alexander/' archive/wednesday.md && rm archive/wednesday.md.bak
git add archive/wednesday.md
git commit -m "wednesday" > "$work/accepted.log" 2>&1 || {
  cat "$work/accepted.log"
  echo "pre-commit-e2e: FAIL: the clean commit was refused" >&2
  exit 1
}
cat "$work/accepted.log"
test "$(git rev-list --count HEAD)" = 2

echo "pre-commit-e2e: OK"
