#!/usr/bin/env python3
"""Scores `tintuc extract` on the project's own page set (tests/pages/*/{source.html,truth.json}).

usage: score_pages.py TINTUC_BIN [PAGES_DIR] [--generic] [--misses] [--json]

Per family and overall: title exact match (whitespace folded; `title~` ignores case), date match
(the first 10 characters of `published`, null = null), mean body token F1 (multiset of lowercased
word tokens of `lead` + `text` against the truth's body; refused pages count 0), the share of
pages with F1 >= 0.9, refused article pages and refused non-article pages. The measures are
those of ../shared/realpages/score.py, so the figures compare. `--generic` runs with
`--profiles none`; `--json` prints the overall figures as JSON on the last line.
"""
import collections
import json
import pathlib
import re
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor


def fold(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip()


def tokens(s):
    return re.findall(r"\w+", fold(s).lower())


def f1(a, b):
    ca, cb = collections.Counter(a), collections.Counter(b)
    tp = sum((ca & cb).values())
    if not tp:
        return 1.0 if not ca and not cb else 0.0
    p, r = tp / sum(ca.values()), tp / sum(cb.values())
    return 2 * p * r / (p + r)


def run(binary, folder, generic):
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    cmd = [binary, "extract", str(folder / "source.html")]
    if truth.get("url"):
        cmd += ["--url", truth["url"]]
    if generic:
        cmd += ["--profiles", "none"]
    done = subprocess.run(cmd, capture_output=True, timeout=120)
    try:
        record = json.loads(done.stdout.decode("utf-8"))
    except ValueError:
        record = None
    return truth, record, done.stderr.decode("utf-8", "replace").strip()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = {a for a in sys.argv[1:] if a.startswith("--")}
    if not args:
        sys.exit(__doc__)
    binary = args[0]
    root = pathlib.Path(args[1]) if len(args) > 1 else pathlib.Path(__file__).resolve().parent.parent / "tests" / "pages"
    folders = sorted(p for p in root.iterdir() if (p / "truth.json").exists())
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda f: (f,) + run(binary, f, "--generic" in flags), folders))
    stats = collections.defaultdict(collections.Counter)
    f1s = collections.defaultdict(list)
    for folder, truth, record, err in results:
        keys = [truth["family"], "ALL"]
        if truth["kind"] != "article":
            for k in keys:
                stats[k]["others"] += 1
                stats[k]["others_refused"] += record is None
            if record is not None and "--misses" in flags:
                print(f"{folder.name}: a {truth['kind']} page was not refused: {record.get('title')!r}", file=sys.stderr)
            continue
        for k in keys:
            stats[k]["n"] += 1
        if record is None:
            for k in keys:
                stats[k]["refused"] += 1
                f1s[k].append(0.0)
            if "--misses" in flags:
                print(f"{folder.name}: refused: {err[:200]}", file=sys.stderr)
            continue
        ok_title = fold(record.get("title")) == fold(truth["title"])
        ok_title_ci = fold(record.get("title")).lower() == fold(truth["title"]).lower()
        published = record.get("published")
        ok_date = (published[:10] if published else None) == truth["published"]
        body = "\n".join(x for x in [record.get("lead") or "", record.get("text") or ""] if x)
        score = f1(tokens(body), tokens(truth["body"]))
        for k in keys:
            stats[k]["title"] += ok_title
            stats[k]["title_ci"] += ok_title_ci
            stats[k]["date"] += ok_date
            stats[k]["body90"] += score >= 0.9
            f1s[k].append(score)
        if "--misses" in flags:
            if not ok_title:
                print(f"{folder.name}: title {record.get('title')!r} != {truth['title']!r}", file=sys.stderr)
            if not ok_date:
                print(f"{folder.name}: published {published!r} != {truth['published']!r}", file=sys.stderr)
            if score < 0.9:
                print(f"{folder.name}: body F1 {score:.3f}", file=sys.stderr)
    print(f"{'family':14s} {'pages':>5s} {'title':>6s} {'title~':>6s} {'date':>6s} {'F1':>6s} {'F1>=.9':>6s} {'refused':>7s}   others refused")
    overall = {}
    for k in sorted(stats, key=lambda k: (k == "ALL", k)):
        s, n = stats[k], stats[k]["n"]
        mean = sum(f1s[k]) / len(f1s[k]) if f1s[k] else 0.0
        others = f"{s['others_refused']}/{s['others']}" if s["others"] else "-"
        if k == "ALL":
            print("-" * 80)
            overall = {"pages": n, "title": s["title"] / n, "date": s["date"] / n, "body F1": mean,
                       "body F1>=0.9 share": s["body90"] / n, "refused": s["refused"],
                       "others refused share": s["others_refused"] / s["others"] if s["others"] else 1.0}
        if n:
            print(f"{k:14s} {n:5d} {s['title']/n:6.2f} {s['title_ci']/n:6.2f} {s['date']/n:6.2f} {mean:6.3f} {s['body90']/n:6.2f} {s['refused']:7d}   {others}")
        else:
            print(f"{k:14s} {0:5d} {'-':>6s} {'-':>6s} {'-':>6s} {'-':>6s} {'-':>6s} {'-':>7s}   {others}")
    if "--json" in flags:
        print(json.dumps(overall))


if __name__ == "__main__":
    main()
