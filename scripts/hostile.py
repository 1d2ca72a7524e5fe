#!/usr/bin/env python3
"""The hostile benchmark (docs/reliability.md): time per MB and peak memory of `factlint check`
on shapes of input a documentation repository receives from strangers, beside ordinary prose.

    python3 scripts/hostile.py                 # the 60 KB shapes and the full sizes
    python3 scripts/hostile.py --small         # the 60 KB shapes only (seconds)
    python3 scripts/hostile.py --bin PATH      # another build (an older commit's, to compare)

Every corpus is built under target/hostile-bench/ (deleted at the end unless --keep) from our
own text: the demo's eight articles (fixtures/demo) and generated lines; nothing is downloaded.
Each run has its own factlint.toml (so the repository's plays no part), runs under
`prlimit --as` (a cap on address space: a run that would go past it fails instead of taking the
machine); its peak memory is GNU time's (/usr/bin/time `%M`) and its time the wall clock. A
60 KB shape is run REPEAT times and its time is the least (the run least disturbed); s/MB takes off the start-up time
(a run on one empty document), so that the ratio to prose compares the cost of reading.

Asserts nothing: it measures, and prints one table row per shape.
"""
import argparse
import pathlib
import shutil
import subprocess
import sys
import time
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORK = ROOT / "target" / "hostile-bench"
BIN = ROOT / "target" / "release" / "factlint"
CAP = 4_000_000_000  # bytes of address space per run
REPEAT = 15
STARTUP = 0.0  # seconds of a run on one empty document, measured first
RULES = """
[[entity]]
id = "group-name"
canonical = "IS-K"
variants = ["ISIS-K", "IS-KP", "Islamic State Khorasan Province"]
mode = "canonical"

[[quantity]]
id = "crocus-toll"
subject = ["Crocus"]
cue = ["killed", "dead", "death toll"]

[[date]]
id = "crocus-date"
subject = ["Crocus"]
cue = ["attack"]
"""

# Rules whose terms the prose never names: the cost of reading a document, without mentions.
NO_READINGS = """
[[entity]]
id = "absent"
canonical = "Zorblat"
variants = ["Zorblatt"]

[[quantity]]
id = "absent-toll"
subject = ["Zorblat"]
cue = ["killed"]
"""


def prose(size):
    """Ordinary prose: the demo's articles, one after another, to `size` bytes."""
    parts = [p.read_text() for p in sorted((ROOT / "fixtures" / "demo").iterdir())]
    return repeat_to(lambda i: parts[i % len(parts)] + "\n\n", size)[:size]


def repeat_to(unit, size):
    """`unit(i)` for i = 0, 1, … until `size` bytes."""
    out, n, i = [], 0, 0
    while n < size:
        s = unit(i)
        out.append(s)
        n += len(s)
        i += 1
    return "".join(out)


def runon(size):
    """One line, no sentence end: counts and cues all the way."""
    return repeat_to(lambda i: f"the Crocus attack killed {i % 300} people and ", size)


def csv(size):
    """A data file: short cells, numbers everywhere, one row per line."""
    return "id,place,count,verb,day\n" + repeat_to(
        lambda i: f"{i},Crocus,{i * 7 % 1000},killed,2024-03-{i % 28 + 1:02d}\n", size)


def paragraphs(size):
    """Many short paragraphs, each with a subject, a cue and a count."""
    return repeat_to(lambda i: f"Crocus: {i % 300} dead.\n\n", size)


def minified(size):
    """A minified page: one line of markup, no newline."""
    return "<html><body>" + repeat_to(
        lambda i: f'<div class="c{i % 9}"><p>The Crocus attack killed <b>{i % 300}</b>'
                  f' people, said <a href="/x/{i}">IS-KP</a>.</p></div>', size) + "</body></html>"


def controls(size):
    """Prose full of terminal control sequences."""
    return repeat_to(lambda i: f"\x1b[2J\x1b]0;title\x07 The Crocus attack killed {i % 300}"
                               f" people.\x08\r \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\\n\n", size)


def docx_bytes(body_xml, path):
    """A minimal Word document whose body is `body_xml`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType='
                   '"application/xml"/></Types>')
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://'
                       b'schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for chunk in body_xml:
                part.write(chunk)
            part.write(b"</w:body></w:document>")


def docx_paragraphs(n):
    """`n` paragraphs, each with a count, in chunks."""
    def chunks():
        for start in range(0, n, 10_000):
            yield "".join(f"<w:p><w:r><w:t>Crocus: {i % 300} dead.</w:t></w:r></w:p>"
                          for i in range(start, min(n, start + 10_000))).encode()
    return chunks()


def docx_bomb(inflated):
    """One paragraph of `inflated` bytes of the same letter: deflate packs it ~1000:1."""
    def chunks():
        yield b"<w:p><w:r><w:t>"
        block = b"a" * (1 << 20)
        for _ in range(inflated >> 20):
            yield block
        yield b"</w:t></w:r></w:p>"
    return chunks()


def setup(case, files, rules=RULES, max_size=None):
    """A folder `case` holding `files` (name → str or a callable writing to a path)."""
    d = WORK / case
    shutil.rmtree(d, ignore_errors=True)
    (d / "docs").mkdir(parents=True)
    for name, content in files.items():
        p = d / "docs" / name
        if callable(content):
            content(p)
        else:
            p.write_text(content)
    (d / "rules.toml").write_text(rules)
    config = 'rules = ["rules.toml"]\n'
    if max_size:
        config += f"max_file_size = {max_size}\n"
    (d / "factlint.toml").write_text(config + '[documents]\npaths = ["docs"]\n')
    return d


def run(d, repeat=1):
    """Least seconds and the largest peak RSS (MB) of `repeat` runs of `check` in `d`."""
    times, peaks, status = [], [], 0
    for _ in range(repeat):
        began = time.perf_counter()
        p = subprocess.run(["prlimit", f"--as={CAP}", "/usr/bin/time", "-f", "%e %M", "-o",
                            str(d / "time.txt"), str(BIN), "check", "--format", "json",
                            "--color", "never"], cwd=d, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=600)
        times.append(time.perf_counter() - began)
        status = p.returncode
        kib = (d / "time.txt").read_text().split()[-1]
        peaks.append(int(kib) / 1024)
    return min(times), max(peaks), status


def size_of(d):
    return sum(p.stat().st_size for p in (d / "docs").iterdir())


def report(name, d, repeat, base=None):
    seconds, peak, status = run(d, repeat)
    mb = size_of(d) / 1e6
    # Start-up (the same for every shape) is taken off, so that the ratio compares reading.
    per_mb = max(seconds - STARTUP, 0.0) / mb if mb else 0.0
    ratio = f"{per_mb / base:5.1f}×" if base else "     "
    print(f"| {name:<34} | {mb:9.2f} | {seconds:7.3f} | {per_mb:7.2f} | {ratio} | {peak:8.0f} |"
          f" {status} |")
    sys.stdout.flush()
    return per_mb


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", action="store_true", help="only the 60 KB shapes")
    ap.add_argument("--keep", action="store_true", help="keep target/hostile-bench")
    ap.add_argument("--bin", type=pathlib.Path, help="the factlint to measure (default: build"
                    " this checkout's)")
    a = ap.parse_args()
    global BIN
    if a.bin:
        BIN = a.bin.resolve()
    else:
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT,
                       check=True)
    WORK.mkdir(parents=True, exist_ok=True)
    try:
        print(f"| shape | MB | s | s/MB | × prose | peak MB | exit |")
        print("|---|---|---|---|---|---|---|")
        small = 60_000
        global STARTUP
        STARTUP = run(setup("empty", {"a.md": "Nothing.\n"}), REPEAT)[0]
        print(f"| start-up (one empty document) | 0 | {STARTUP:.3f} | | | | |")
        base = report("prose, 60 KB", setup("prose-60k", {"a.md": prose(small)}), REPEAT)
        for name, text, file in [("run-on line", runon, "a.txt"), ("CSV", csv, "a.csv"),
                                 ("short paragraphs", paragraphs, "a.md"),
                                 ("minified HTML", minified, "a.html"),
                                 ("control characters", controls, "a.md")]:
            report(f"{name}, 60 KB", setup(name, {file: text(small)}), REPEAT, base)
        term = "a" * small
        report("one 60,000-character term, 60 KB",
               setup("term", {"a.md": f"x {term}b y\n"}, rules=f'[[entity]]\nid = "t"\n'
                     f'canonical = "{term}"\nvariants = ["{term}b"]\nmode = "canonical"\n'),
               REPEAT, base)
        variants = [f"Name{i:04d}" for i in range(1500)]
        page = "<html><body>" + "".join(f"<p>{v} and {v}.</p>" for v in variants) + "</body></html>"
        report("1,500 variants, minified page",
               setup("variants", {"a.html": page},
                     rules='[[entity]]\nid = "v"\ncanonical = "Canon"\nvariants = ['
                     + ", ".join(f'"{v}"' for v in variants) + ']\nmode = "canonical"\n'),
               REPEAT)
        if a.small:
            return
        big = 64 * 1000 * 1000
        text = prose(big)
        # The bound (peak under twice the document): plain text is read piece by piece
        # and never held whole; Markdown is parsed whole, so its source and matching text meet.
        report("plain text, 64 MB, no readings", setup("plain-64m", {"a.txt": text},
                                                       rules=NO_READINGS, max_size=2 * big), 1)
        report("Markdown, 64 MB, no readings", setup("md-64m", {"a.md": text},
                                                     rules=NO_READINGS, max_size=2 * big), 1)
        report("plain text, 64 MB, a reading every 300 bytes",
               setup("plain-64m-dense", {"a.txt": text}, max_size=2 * big), 1)
        report("prose (Markdown), 64 MB, a reading every 300 bytes",
               setup("prose-64m", {"a.md": text}, max_size=2 * big), 1)
        del text
        report("run-on line, 16 MB", setup("runon-16m", {"a.txt": runon(16_000_000)},
                                           max_size=10**9), 1)
        report("10^6 short paragraphs (Markdown)",
               setup("paras-1e6", {"a.md": "".join(f"Crocus: {i % 300} dead.\n\n"
                                                     for i in range(10**6))}, max_size=10**9), 1)
        letters = "Crocus: 3 dead.\n\n" + "a\n\n" * 6_000_000 + "Crocus: 4 dead.\n"
        report("6·10^6 one-letter paragraphs (Markdown)",
               setup("letters-md", {"a.md": letters}, max_size=10**9), 1)
        report("6·10^6 one-letter paragraphs (plain text)",
               setup("letters-txt", {"a.txt": letters}, max_size=10**9), 1)
        del letters
        report("2·10^6 one-letter elements (HTML)",
               setup("letters-html", {"a.html": "<html><body><p>Crocus: 3 dead.</p>"
                                      + "<p>a</p>" * 2_000_000
                                      + "<p>Crocus: 4 dead.</p></body></html>"},
                     max_size=10**9), 1)
        report("minified HTML, 16 MB", setup("minified-16m", {"a.html": minified(16_000_000)},
                                             max_size=10**9), 1)
        report("10^6 paragraphs (DOCX)",
               setup("docx-1e6", {"a.docx": lambda p: docx_bytes(docx_paragraphs(10**6), p)},
                     max_size=10**9), 1)
        report("one 1 GiB DOCX bomb (limit raised)",
               setup("bomb-1g", {"a.docx": lambda p: docx_bytes(docx_bomb(1 << 30), p)},
                     max_size=2 << 30), 1)
        bombs = {f"b{k}.docx": (lambda p: docx_bytes(docx_bomb(300 << 20), p)) for k in range(8)}
        report("eight 300 MB DOCX bombs", setup("bombs-8", bombs), 1)
    finally:
        if not a.keep:
            shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
