"""extract_many / read_warc against the CLI on the sample pages: pages per CPU-second (per core),
and wall-clock scaling from 1 to 2 threads. A benchmark, not a test: it prints figures and never
fails on time.

    python python/benchmarks/throughput.py [--tintuc target/release/tintuc] [--copies 60]

The sample pages (samples/pages) are repeated `--copies` times. Each figure is the best of
`--rounds` runs. Per core means per CPU-second of the process (user + system, all its threads):
the CLI runs a reader and a writer thread beside its `-j` workers, so its wall time at `-j 1` is
not one core's work. The CLI's start-up (building the lexicons once) is taken out by timing a
run on one page and subtracting it; the binding is warmed up before timing.
Routes measured: files without URL (`tintuc extract DIR` vs `extract_many(pages)`), and a WARC
file with URLs (`tintuc extract --warc` vs `read_warc` vs `extract_many(pages, urls)`).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tintuc

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python" / "tests"))
from conftest import SAMPLE_PAGES, write_warc  # noqa: E402


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def best(rounds, run, cpu_clock=time.process_time):
    """(wall seconds, CPU seconds), each the best of the rounds."""
    walls, cpus = [], []
    for _ in range(rounds):
        cpu, start = cpu_clock(), time.perf_counter()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_clock() - cpu)
    return min(walls), min(cpus)


def cli_time(binary, args, rounds):
    def run():
        subprocess.run([str(binary), "extract", "-q", "-o", os.devnull, *args], check=False, capture_output=True)

    return best(rounds, run, children_cpu)


def minus(a, b):
    return (a[0] - b[0], a[1] - b[1])


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
        results["cli files -j1"] = minus(cli_time(args.tintuc, [str(files), "-j", "1"], args.rounds), startup)
        results["cli files -j2"] = minus(cli_time(args.tintuc, [str(files), "-j", "2"], args.rounds), startup)
        startup_warc = cli_time(args.tintuc, ["--warc", str(warc_one)], args.rounds)
        results["cli warc -j1"] = minus(cli_time(args.tintuc, ["--warc", str(warc), "-j", "1"], args.rounds), startup_warc)
        results["cli warc -j2"] = minus(cli_time(args.tintuc, ["--warc", str(warc), "-j", "2"], args.rounds), startup_warc)

        results["extract loop"] = best(args.rounds, lambda: [tintuc.extract(p) for p in pages])
        results["extract_many t1"] = best(args.rounds, lambda: tintuc.extract_many(pages, threads=1))
        results["extract_many t2"] = best(args.rounds, lambda: tintuc.extract_many(pages, threads=2))
        results["extract_many urls t1"] = best(args.rounds, lambda: tintuc.extract_many(pages, urls, threads=1))
        results["extract_many urls t2"] = best(args.rounds, lambda: tintuc.extract_many(pages, urls, threads=2))
        results["read_warc t1"] = best(args.rounds, lambda: list(tintuc.read_warc(warc, threads=1)))
        results["read_warc t2"] = best(args.rounds, lambda: list(tintuc.read_warc(warc, threads=2)))

    print(f"{count} pages, {megabytes:.1f} MB, best of {args.rounds}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'':24} {'wall':>8} {'CPU':>8} {'pages/CPU-s':>12} {'MB/CPU-s':>9}")
    for name, (wall, cpu) in results.items():
        print(f"{name:24} {wall:7.3f}s {cpu:7.3f}s {count / cpu:12.0f} {megabytes / cpu:9.2f}")

    def per_core(binding, cli):
        return results[cli][1] / results[binding][1]

    def scaling(one, two):
        return results[one][0] / results[two][0]

    print(f"per core (CPU), files: extract_many / CLI       = {per_core('extract_many t1', 'cli files -j1'):.3f}")
    print(f"per core (CPU), WARC:  read_warc / CLI          = {per_core('read_warc t1', 'cli warc -j1'):.3f}")
    print(f"per core (CPU), WARC:  extract_many(urls) / CLI = {per_core('extract_many urls t1', 'cli warc -j1'):.3f}")
    print(f"scaling (wall) 1->2 threads: extract_many {scaling('extract_many t1', 'extract_many t2'):.2f}x, "
          f"extract_many(urls) {scaling('extract_many urls t1', 'extract_many urls t2'):.2f}x, "
          f"read_warc {scaling('read_warc t1', 'read_warc t2'):.2f}x, "
          f"CLI files {scaling('cli files -j1', 'cli files -j2'):.2f}x, CLI warc {scaling('cli warc -j1', 'cli warc -j2'):.2f}x")


if __name__ == "__main__":
    main()
