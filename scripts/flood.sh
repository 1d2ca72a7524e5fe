#!/usr/bin/env bash
# The near-duplicate flood of issue 22: N documents that are copies of the demo's eight
# (fixtures/demo, cycled), checked with the demo's rules. Prints, for the human, JSON and SARIF
# reports: the exit status, the report's size in bytes, its widest line, the time and the
# peak memory (GNU time's maximum resident set size). The corpus is built under target/ and
# deleted at the end.
#
#   scripts/flood.sh 1500          # the size the issue checks: JSON ≤ 3 MB, human ≤ 1 MB
#   scripts/flood.sh 20000         # measured in docs/output.md
#
# Needs GNU time at /usr/bin/time. Asserts nothing: it measures.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1500}
cargo build --release --locked --quiet
bin=$(pwd)/target/release/factlint
work=$(pwd)/target/flood-$n
rm -rf "$work"
mkdir -p "$work/docs"
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
sources=(fixtures/demo/*)
for ((k = 0; k < n; k++)); do
  src=${sources[$((k % ${#sources[@]}))]}
  cp "$src" "$work/docs/$(printf '%06d' "$k")-$(basename "$src")"
done
cp rules/demo.toml "$work/rules.toml"
# Its own config, so that the repository's factlint.toml (found upward) plays no part.
printf 'rules = ["rules.toml"]\n[documents]\npaths = ["docs"]\n' > "$work/factlint.toml"
cd "$work"
echo "flood: $n documents ($(du -sh docs | cut -f1)), copies of the ${#sources[@]} demo documents"
for format in human json sarif junit concise; do
  set +e
  /usr/bin/time -f "%e %M" -o time.txt "$bin" check --format "$format" --color never \
    > "out.$format"
  status=$?
  set -e
  read -r seconds kib < <(tail -n 1 time.txt)
  bytes=$(wc -c < "out.$format")
  widest=$(wc -L < "out.$format")   # in characters (display columns), not bytes
  printf '%-6s exit %d  %10d bytes  widest line %8d  %6.2f s  peak %5d MB\n' \
    "$format" "$status" "$bytes" "$widest" "$seconds" "$((kib / 1024))"
done
