#!/usr/bin/env python3
"""Fails when a tracked file of the project shares a long stretch of text with the dev gold set.

usage: check_gold_overlap.py [--eval DIR] [--min-chars N]

The development gold set (../shared/eval/dev_gold.jsonl) holds copyrighted third-party articles:
they are for measuring, never for copying into tests, samples, data or comments. This check runs
in CI (which has ../shared) over every file git tracks and lists each line that shares N or more
consecutive characters (default 50: stock phrases of the genre are shorter) with a gold text. The project's own seed article is exempt,
and so are the official names of real bodies listed in .ci/gold_overlap_allow.txt (facts).
"""
import json
import pathlib
import subprocess
import sys


def main():
    opts = dict(a.split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    root = pathlib.Path(__file__).resolve().parent.parent
    eval_dir = pathlib.Path(opts.get("--eval", root.parent / "shared" / "eval"))
    n = int(opts.get("--min-chars", 50))
    seed_path = eval_dir.parent / "seed_article.txt"
    seed = seed_path.read_text(encoding="utf-8") if seed_path.exists() else ""
    grams = set()
    for line in open(eval_dir / "dev_gold.jsonl", encoding="utf-8"):
        text = json.loads(line)["text"]
        for i in range(len(text) - n + 1):
            gram = text[i:i + n]
            if gram not in seed:
                grams.add(gram)
    allow_path = root / ".ci" / "gold_overlap_allow.txt"
    allowed = [l.strip() for l in allow_path.read_text(encoding="utf-8").splitlines()
               if l.strip() and not l.startswith("#")] if allow_path.exists() else []
    files = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True).stdout.split()
    hits = 0
    for name in files:
        try:
            content = (root / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for number, line in enumerate(content.splitlines(), 1):
            for official_name in allowed:
                line = line.replace(official_name, " | ")
            shared = next((line[i:i + n] for i in range(len(line) - n + 1) if line[i:i + n] in grams), None)
            if shared is not None:
                hits += 1
                print(f"{name}:{number}: shares {n}+ characters with the dev gold set: {shared!r}")
    if hits:
        print(f"{hits} line(s) copy the copyrighted dev gold texts: rewrite them in your own words")
        sys.exit(1)
    print(f"no tracked file shares {n} characters with the dev gold set")


if __name__ == "__main__":
    main()
