#!/usr/bin/env python3
"""Date binding measured on real reporting: ../shared/realnews/ has no date rules, so this builds
one per incident — subject = the incident's place names (from its `r.toml`), cue = what an
editor would write in a minute, value = the Gun Violence Archive's incident date (from the
rule's description) — runs `factlint extract` with it and compares every date mention.

    python3 scripts/realnews_dates.py target/release/factlint [dump.jsonl]

Prints one line: mentions, `agree` (the mention's day interval contains the reference date),
`within1` (within one day: a shooting after midnight is dated either side, and the archive
sometimes gives the report's day), documents with a mention and with an agreeing one. The
rule files are written under target/realnews-dates/. The optional dump lists every mention
(for reading; keep it out of the repository: it holds the corpus's words).
"""
import json, pathlib, re, subprocess, sys, tomllib, random
binp = str(pathlib.Path(sys.argv[1]).resolve())
out = sys.argv[2] if len(sys.argv) > 2 else None
root = pathlib.Path(__file__).resolve().parent.parent.parent / "shared/realnews/gva-dev"
work = pathlib.Path(__file__).resolve().parent.parent / "target/realnews-dates"; work.mkdir(parents=True, exist_ok=True)
CUE = ["shooting", "shot", "killed", "opened fire", "gunfire", "wounded", "slain", "fatally"]
tot = dict(docs=0, mentions=0, agree=0, near=0, docs_with=0, docs_agree=0)
dump = []
import datetime as dt
for d in sorted(p for p in root.iterdir() if (p / "rules/r.toml").exists()):
    rules = tomllib.loads((d / "rules/r.toml").read_text())["quantity"]
    m = re.search(r"of (\d{4}-\d{2}-\d{2})", rules[0].get("description", ""))
    if not m: continue
    ref = dt.date.fromisoformat(m.group(1))
    subj = rules[0]["subject"]
    rf = work / f"{d.name}.toml"
    rf.write_text('[[date]]\nid = "when"\nsubject = %s\ncue = %s\nscope = "paragraph"\nvalue = "%s"\n'
                  % (json.dumps(subj), json.dumps(CUE), ref.isoformat()))
    p = subprocess.run([binp, "extract", "--rules", str(rf), "docs", "--format", "jsonl"],
                       cwd=d, capture_output=True, text=True, timeout=120)
    docs = sorted((d / "docs").glob("*")); tot["docs"] += len(docs)
    seen = {}
    for line in p.stdout.splitlines():
        try: j = json.loads(line)
        except ValueError: continue
        if j.get("rule") != "when": continue
        v = j.get("value"); s = json.dumps(v)
        parts = []
        def walk(x):
            if isinstance(x, dict):
                if "month" in x and ("day" in x or "year" in x): parts.append(x); return
                for y in x.values(): walk(y)
        walk(v)
        ok = near = False
        dd = []
        for x in parts:
            y, mo, da = x.get("year") or ref.year, x.get("month"), x.get("day")
            try:
                if da: dd.append((dt.date(y, mo, da), dt.date(y, mo, da)))
                elif mo:
                    e = (dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1))
                    dd.append((dt.date(y, mo, 1), e))
            except (ValueError, TypeError): pass
        if dd:
            lo = min(a for a, b in dd); hi = max(b for a, b in dd)
            ok = lo <= ref <= hi
            near = lo - dt.timedelta(days=1) <= ref <= hi + dt.timedelta(days=1)
        tot["mentions"] += 1; tot["agree"] += ok; tot["near"] += near or ok
        f = j.get("path")
        seen.setdefault(f, False); seen[f] |= ok
        dump.append(dict(inc=d.name, file=f, line=j.get("line"), text=j.get("text"), frame=j.get("frame"), start=j.get("start"), value=s, ref=ref.isoformat(), ok=ok, near=near or ok, note=j.get("note")))
    tot["docs_with"] += len(seen); tot["docs_agree"] += sum(seen.values())
n = max(tot["mentions"], 1)
print(f"dates docs={tot['docs']} mentions={tot['mentions']} agree={tot['agree']/n:.4f} within1={tot['near']/n:.4f} docs_with={tot['docs_with']} docs_agree={tot['docs_agree']}")
if out:
    with open(out, "w") as fh:
        for r in dump: fh.write(json.dumps(r) + "\n")
