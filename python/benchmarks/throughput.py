"""extract_many / read_warc against the CLI on the sample pages: pages per second per core, and
scaling from 1 to 2 threads. A benchmark, not a test: it prints figures and never fails on time.

    python python/benchmarks/throughput.py [--tintuc target/release/tintuc] [--copies 60]

The sample pages (samples/pages) are repeated `--copies` times. Each figure is the best of
`--rounds` runs. The CLI's start-up (building the lexicons once) is taken out by timing a run
on one page and subtracting it; the binding is warmed up the same way before timing.
Routes measured: files without URL (`tintuc extract DIR` vs `extract_many(pages)`), and a WARC
file with URLs (`tintuc extract --warc` vs `read_warc` vs `extract_many(pages, urls)`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tintuc

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python" / "tests"))
from conftest import SAMPLE_PAGES, write_warc  # noqa: E402


def best(rounds, run):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def cli_time(binary, args, rounds):
    def run():
        subprocess.run([str(binary), "extract", "-q", "-o", os.devnull, *args], check=False, capture_output=True)

    return best(rounds, run)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tintuc", default=str(ROOT / "target" / "release" / "tintuc"))
    parser.add_argument("--copies", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = [p.bytes for p in SAMPLE_PAGES] * args.copies
    urls = [p.url for p in SAMPLE_PAGES] * args.copies
    count = len(pages)
    megabytes = sum(map(len, pages)) / 1e6
    tintuc.extract_many(pages[:17])  # build the lexicons before timing

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = tmp / "pages"
        files.mkdir()
        for i, page in enumerate(pages):
            (files / f"{i:05}.html").write_bytes(page)
        one = tmp / "one"
        one.mkdir()
        (one / "0.html").write_bytes(pages[0])
        warc = write_warc(tmp / "pages.warc.gz", [p for p in SAMPLE_PAGES] * args.copies, extras=False)
        warc_one = write_warc(tmp / "one.warc.gz", SAMPLE_PAGES[:1], extras=False)

        results = {}
        startup = cli_time(args.tintuc, [str(one)], args.rounds)
        results["cli files -j1"] = cli_time(args.tintuc, [str(files), "-j", "1"], args.rounds) - startup
        results["cli files -j2"] = cli_time(args.tintuc, [str(files), "-j", "2"], args.rounds) - startup
        startup_warc = cli_time(args.tintuc, ["--warc", str(warc_one)], args.rounds)
        results["cli warc -j1"] = cli_time(args.tintuc, ["--warc", str(warc), "-j", "1"], args.rounds) - startup_warc
        results["cli warc -j2"] = cli_time(args.tintuc, ["--warc", str(warc), "-j", "2"], args.rounds) - startup_warc

        results["extract loop"] = best(args.rounds, lambda: [tintuc.extract(p) for p in pages])
        results["extract_many t1"] = best(args.rounds, lambda: tintuc.extract_many(pages, threads=1))
        results["extract_many t2"] = best(args.rounds, lambda: tintuc.extract_many(pages, threads=2))
        results["extract_many urls t1"] = best(args.rounds, lambda: tintuc.extract_many(pages, urls, threads=1))
        results["extract_many urls t2"] = best(args.rounds, lambda: tintuc.extract_many(pages, urls, threads=2))
        results["read_warc t1"] = best(args.rounds, lambda: list(tintuc.read_warc(warc, threads=1)))
        results["read_warc t2"] = best(args.rounds, lambda: list(tintuc.read_warc(warc, threads=2)))

    print(f"{count} pages, {megabytes:.1f} MB, best of {args.rounds}; load average {os.getloadavg()[0]:.1f}")
    for name, seconds in results.items():
        print(f"{name:24} {seconds:7.3f} s  {count / seconds:8.0f} pages/s  {megabytes / seconds:6.2f} MB/s")

    def ratio(a, b):
        return results[a] / results[b]

    print(f"per core, files:  extract_many / CLI = {ratio('cli files -j1', 'extract_many t1'):.3f}")
    print(f"per core, WARC:   read_warc / CLI    = {ratio('cli warc -j1', 'read_warc t1'):.3f}")
    print(f"per core, WARC:   extract_many(urls) / CLI = {ratio('cli warc -j1', 'extract_many urls t1'):.3f}")
    print(f"scaling 1->2 threads: extract_many {ratio('extract_many t1', 'extract_many t2'):.2f}x, "
          f"extract_many(urls) {ratio('extract_many urls t1', 'extract_many urls t2'):.2f}x, "
          f"read_warc {ratio('read_warc t1', 'read_warc t2'):.2f}x, "
          f"CLI files {ratio('cli files -j1', 'cli files -j2'):.2f}x, CLI warc {ratio('cli warc -j1', 'cli warc -j2'):.2f}x")


if __name__ == "__main__":
    main()
