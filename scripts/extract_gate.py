#!/usr/bin/env python3
"""Extraction quality gate on real portal pages.

usage: extract_gate.py TINTUC_BIN [--realpages DIR] [--html DIR] [--floors FILE] [--raise] [--misses]

Scores `TINTUC_BIN extract` twice, with the built-in profiles and with `--profiles none` (the
generic extractor alone), on
  * DIR = ../shared/realpages (real article and listing pages of portals of several CMS families,
    with reference title, date and body; scored by its own score.py), and
  * ../shared/html (real Liferay portal pages, VnExpress articles and news home pages, with
    sidecars: title and date label of the article pages, page type of the others),
prints the figures and fails (exit 1) when any is below its floor in FILE (default
.ci/extract_floors.json). Both folders are third-party pages that CI has at ../shared and a
user's clone has not; nothing of them is copied into the project. Floors only go up: `--raise`
lifts every floor to the measured figure, rounded down to 0.005, and never lowers one.
"""
import json
import math
import os
import pathlib
import re
import stat
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor


def realpages_scores(binary, folder, misses):
    """Runs the set's own score.py and reads its ALL line."""
    cmd = [sys.executable, str(folder / "score.py"), binary, str(folder), "--jobs", "2"]
    if misses:
        cmd.append("--misses")
    run = subprocess.run(cmd, capture_output=True, text=True, check=True)
    if misses:
        sys.stderr.write(run.stderr)
    print(run.stdout.rstrip())
    line = next(l for l in run.stdout.splitlines() if l.startswith("ALL"))
    fields = line.split()
    listings_refused, listings = (int(x) for x in fields[-1].split("/"))
    return {
        "title": float(fields[2]),
        "date": float(fields[4]),
        "body F1": float(fields[5]),
        "body F1>=0.9 share": float(fields[6]),
        "articles extracted share": 1.0 - int(fields[7]) / int(fields[1]),
        "listings refused share": listings_refused / listings,
    }


def html_scores(binary, folder, misses):
    """Title and day of the article pages, refusal of the others, from the sidecars."""
    pages = []
    for sidecar in sorted(folder.glob("*/*.json")):
        if sidecar.name.endswith(".expected.json"):
            continue
        page = sidecar.with_suffix(".html")
        if page.exists():
            pages.append((page, json.loads(sidecar.read_text(encoding="utf-8"))))

    def run(item):
        page, meta = item
        cmd = [binary, "extract", str(page)]
        if meta.get("original_url"):
            cmd += ["--url", meta["original_url"]]
        done = subprocess.run(cmd, capture_output=True)
        try:
            return json.loads(done.stdout.decode("utf-8"))
        except ValueError:
            return None

    with ThreadPoolExecutor(2) as pool:
        records = list(pool.map(run, pages))
    articles = right = others = refused = 0
    for (page, meta), record in zip(pages, records):
        kind = meta.get("page_type", "")
        if not kind.startswith("article"):
            others += 1
            refused += record is None
            if record is not None and misses:
                print(f"{page}: a {kind} was not refused", file=sys.stderr)
            continue
        articles += 1
        title = meta.get("title")
        label = re.search(r"(\d{2})/(\d{2})/(\d{4})", meta.get("published_label") or "")
        day = f"{label[3]}-{label[2]}-{label[1]}" if label else None
        ok = (record is not None and (title is None or record.get("title") == title)
              and (day is None or str(record.get("published") or "").startswith(day)))
        right += ok
        if not ok and misses:
            got = (record or {}).get("title"), (record or {}).get("published")
            print(f"{page}: got {got}, want {(title, day)}", file=sys.stderr)
    print(f"shared/html: {right}/{articles} article pages with title and date right, "
          f"{refused}/{others} other pages refused")
    return {
        "article title and date": right / articles if articles else 1.0,
        "non-articles refused share": refused / others if others else 1.0,
    }


def generic_only(binary, folder):
    """A wrapper that runs the binary with `--profiles none`."""
    wrapper = pathlib.Path(folder) / "tintuc-generic"
    wrapper.write_text(f'#!/bin/sh\nexec "{os.path.abspath(binary)}" "$@" --profiles none\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    return str(wrapper)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = {a.split("=")[0]: a.split("=", 1)[1] if "=" in a else True
            for a in sys.argv[1:] if a.startswith("--")}
    if len(args) != 1:
        sys.exit(__doc__)
    root = pathlib.Path(__file__).resolve().parent.parent
    shared = root.parent / "shared"
    realpages = pathlib.Path(opts.get("--realpages", shared / "realpages"))
    html = pathlib.Path(opts.get("--html", shared / "html"))
    floors_path = pathlib.Path(opts.get("--floors", root / ".ci" / "extract_floors.json"))
    floors = json.loads(floors_path.read_text()) if floors_path.exists() else {}
    misses = bool(opts.get("--misses"))
    binary = args[0]
    failed = []
    with tempfile.TemporaryDirectory() as tmp:
        for mode, exe in [("profiles", binary), ("generic", generic_only(binary, tmp))]:
            results = {}
            if (realpages / "truth.jsonl").exists():
                print(f"== realpages, {mode}")
                results.update({f"realpages {k}": v for k, v in realpages_scores(exe, realpages, misses).items()})
            if html.is_dir():
                print(f"== shared/html, {mode}")
                results.update({f"html {k}": v for k, v in html_scores(exe, html, misses).items()})
            mode_floors = floors.setdefault(mode, {})
            print(f"{'metric':40} {'measured':>8} {'floor':>6}")
            for name, measured in results.items():
                floor = mode_floors.get(name, 0.0)
                mark = "" if measured >= floor else "  BELOW FLOOR"
                print(f"{name:40} {measured:8.4f} {floor:6.3f}{mark}")
                if measured < floor:
                    failed.append(f"{mode} {name}")
                if opts.get("--raise"):
                    mode_floors[name] = max(floor, math.floor(measured * 200) / 200)
    if opts.get("--raise"):
        floors_path.write_text(json.dumps(floors, indent=2, ensure_ascii=False) + "\n")
    if failed:
        print("extraction gate FAILED: " + ", ".join(failed))
        sys.exit(1)
    print("extraction gate passed")


if __name__ == "__main__":
    main()
