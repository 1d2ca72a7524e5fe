#!/usr/bin/env python3
"""Draw the hand-judged sample of docs/accuracy.md: a seeded random draw of factlint's findings
on real reporting, printed with each finding's sentence so that a reader can judge it.

    python3 scripts/accuracy_sample.py --factlint target/release/factlint \
        --corpus ../shared/realnews/gva-dev --n 100 --seed 21 > /tmp/sample.txt

A corpus is either realnews' layout (`<incident>/docs/*` and `<incident>/rules/r.toml`, one
`check` per incident) or, with --rules, a folder of documents checked once with that rule pack
(the five seed articles: `--corpus ../shared/seeds --rules rules/newsroom`). Every finding of
the run is listed in a stable order (corpus path, document, line, column, rule); the sample is
`random.Random(seed).sample` of that list, so the same binary, corpus, seed and size always
redraw the same findings. `--codes` keeps only findings of those checks (default: the value
checks, `quantity-mismatch` and `date-mismatch`, where a misreading is possible).

With `--verdicts scripts/accuracy_verdicts.tsv` each finding shows the verdict already given
to it (verdicts carry over by place: incident, document, line, rule), and a last line counts
the real findings among those judged, in the sample and in every finding of the run; a finding
no one has judged yet is marked `unjudged`. Add its verdict to the file once judged.

The sentences printed are the corpus's own text, for judging only: keep them out of the
repository (docs/accuracy.md records each finding by place and verdict, not by its words).
"""
import argparse
import json
import pathlib
import random
import subprocess

ap = argparse.ArgumentParser()
ap.add_argument("--factlint", required=True)
ap.add_argument("--corpus", required=True)
ap.add_argument("--rules", help="a rule pack for a plain folder of documents")
ap.add_argument("--n", type=int, default=100)
ap.add_argument("--seed", type=int, default=21)
ap.add_argument("--codes", default="quantity-mismatch,date-mismatch")
ap.add_argument("--verdicts", help="a TSV of verdicts given (scripts/accuracy_verdicts.tsv)")
a = ap.parse_args()
binary = str(pathlib.Path(a.factlint).resolve())
codes = set(a.codes.split(","))
root = pathlib.Path(a.corpus).resolve()


def findings(cwd, rules, docs):
    p = subprocess.run([binary, "check", "--rules", rules, docs, "--format", "json"],
                       cwd=cwd, capture_output=True, text=True, timeout=300)
    try:
        return json.loads(p.stdout)["findings"]
    except (ValueError, KeyError):
        return []


runs = []
if a.rules:
    runs.append((root.parent, str(pathlib.Path(a.rules).resolve()), root.name))
else:
    for d in sorted(p for p in root.iterdir() if (p / "rules/r.toml").exists()):
        runs.append((d, "rules", "docs"))

every = []
for cwd, rules, docs in runs:
    for f in findings(cwd, rules, docs):
        if f.get("code") not in codes:
            continue
        primary = next((l for l in f["labels"] if l.get("primary")), f["labels"][0])
        every.append(dict(
            where=str(cwd.relative_to(root.parent)), rule=f["rule"], code=f["code"],
            path=primary["path"], line=primary["line"], column=primary["column"],
            text=primary["text"], read=primary["message"], notes=f.get("notes", []),
            cwd=cwd))
every.sort(key=lambda x: (x["where"], x["path"], x["line"], x["column"], x["rule"]))
sample = random.Random(a.seed).sample(every, min(a.n, len(every)))

verdicts = {}
if a.verdicts:
    for row in pathlib.Path(a.verdicts).read_text().splitlines():
        cells = row.split("\t")
        if len(cells) == 5 and not row.startswith("#") and cells[2].isdigit():
            verdicts[(cells[0], cells[1], int(cells[2]), cells[3])] = cells[4]


def verdict(x):
    """The verdict given to finding `x`, found by place, or None."""
    incident = pathlib.Path(x["where"]).name
    document = pathlib.Path(x["path"]).name[:8]
    return verdicts.get((incident, document, x["line"], x["rule"]))
print(f"# {len(every)} findings of {sorted(codes)}; sample of {len(sample)}, seed {a.seed}")
for i, x in enumerate(sample, 1):
    source = (x["cwd"] / x["path"]).read_text(errors="replace").splitlines()
    line = source[x["line"] - 1] if 0 < x["line"] <= len(source) else ""
    start = max(0, x["column"] - 1 - 220)
    context = line[start:x["column"] - 1 + 160]
    print(f"\n[{i}] {x['where']} {x['path']}:{x['line']}:{x['column']} {x['rule']} "
          f"{x['code']}: `{x['text']}` {x['read']} | {'; '.join(x['notes'][:1])}")
    print(f"    … {context} …")
    if a.verdicts:
        print(f"    verdict: {verdict(x) or 'unjudged'}")


def tally(findings):
    """`real/judged (share), unjudged N` over `findings`."""
    given = [verdict(x) for x in findings]
    judged = [g for g in given if g]
    real = sum(g == "real" for g in judged)
    share = f"{real / len(judged):.1%}" if judged else "-"
    return f"{real} real of {len(judged)} judged ({share}), {len(given) - len(judged)} unjudged"


if a.verdicts:
    print(f"\n# sample: {tally(sample)}; every finding: {tally(every)}")
