#!/usr/bin/env python3
"""Byte-for-byte equivalence check of entity recognition between two builds of tintuc.

usage:
    compare_ner.py --save DIR TINTUC_BIN      write the outputs of TINTUC_BIN to DIR (the baseline)
    compare_ner.py --against DIR TINTUC_BIN   run TINTUC_BIN the same way and compare with DIR
    compare_ner.py --list                     print how many texts each set holds

Refactors of `src/ner` must not change a single output byte. Build the baseline binary from the
commit you start from (`cargo build --release && cp target/release/tintuc /tmp/tintuc-base`),
`--save` its outputs once to a directory outside the repository, then `--against` that directory
after every step. Exit status 1 when any output differs (the first differences are shown).

The sets (each run through `tintuc ner` and `tintuc ner --spans`, or `tintuc extract` for pages):
- `gold`: the texts of ../shared/eval/dev_gold.jsonl, read at run time (skipped when absent; the
  texts are copyrighted and never copied into the project);
- `heldout`: tests/heldout/*.jsonl;
- `sample-texts`: samples/texts/*.txt as plain-text documents;
- `sample-pages`: every samples/**/source.html through `tintuc extract` (with its url.txt);
- `real-pages`: ../shared/realpages/html and ../shared/html through `tintuc extract` (when present);
- `generated`: GENERATED texts made deterministically from the project's own sentences (tests/cases
  texts, samples/texts, tests/heldout): recombined, with varied publication dates, ALL-CAPS and
  lower-case variants, both tone placements ("hòa"/"hoà"), decomposed tone marks, Đ look-alikes,
  line breaks, dashes and quotes of other kinds, HTML entities, joiner characters sprinkled in,
  and texts cut at arbitrary points.
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import tomllib
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# How many generated texts (TINTUC_COMPARE_GENERATED overrides; the baseline must use the same).
GENERATED = int(os.environ.get("TINTUC_COMPARE_GENERATED", "4000"))


class Rng:
    """A small xorshift generator: the same texts on every machine and Python version."""

    def __init__(self, seed):
        self.state = seed or 0x9E3779B97F4A7C15

    def next(self):
        x = self.state
        x ^= (x << 13) & 0xFFFFFFFFFFFFFFFF
        x ^= x >> 7
        x ^= (x << 17) & 0xFFFFFFFFFFFFFFFF
        self.state = x & 0xFFFFFFFFFFFFFFFF
        return self.state

    def below(self, n):
        return self.next() % n

    def chance(self, percent):
        return self.below(100) < percent

    def pick(self, items):
        return items[self.below(len(items))]


# --- the project's own sentences --------------------------------------------------------------


def case_texts():
    texts = []
    for path in sorted((ROOT / "tests" / "cases").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data.get("case", []):
            text = case.get("text")
            if isinstance(text, str) and text.strip():
                texts.append(text)
    return texts


def heldout_docs():
    docs = []
    for path in sorted((ROOT / "tests" / "heldout").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                docs.append({"id": d["id"], "text": d["text"], "published": d.get("published")})
    return docs


def sample_text_files():
    return sorted((ROOT / "samples" / "texts").glob("*.txt"))


def sentences(text):
    """Sentences and lines of a text, punctuation kept."""
    out = []
    for line in text.split("\n"):
        start = 0
        for i, c in enumerate(line):
            if c in ".!?" and (i + 1 == len(line) or line[i + 1] == " "):
                piece = line[start : i + 1].strip()
                if piece:
                    out.append(piece)
                start = i + 1
        piece = line[start:].strip()
        if piece:
            out.append(piece)
    return out


# --- variants ------------------------------------------------------------------------------------

TONES = "\u0300\u0301\u0303\u0309\u0323"


def move_tones(text, new_style):
    """Moves the tone of open "oa/oe/uy" syllables: new style on the last vowel ("hoà"), old style
    on the first ("hòa")."""
    words = text.split(" ")
    out = []
    for word in words:
        d = unicodedata.normalize("NFD", word)
        tone = [c for c in d if c in TONES]
        base = "".join(c for c in d if c not in TONES)
        low = base.lower()
        if len(tone) == 1:
            for pair in ("oa", "oe", "uy"):
                at = low.rfind(pair)
                if at < 0 or at + 2 != len(low.rstrip(".,;:!?)”\"")):
                    continue
                if at > 0 and low[at - 1] == "q":
                    continue
                target = at + 2 if new_style else at + 1
                d = base[:target] + tone[0] + base[target:]
                break
        out.append(unicodedata.normalize("NFC", d))
    return " ".join(out)


def decompose_some(text, rng):
    words = text.split(" ")
    return " ".join(unicodedata.normalize("NFD", w) if rng.chance(30) else w for w in words)


def line_breaks(text, rng):
    out = []
    for c in text:
        if c == " " and rng.chance(8):
            out.append(rng.pick(["\n", "\n\n", " \n", "\n  "]))
        else:
            out.append(c)
    return "".join(out)


# Characters at the edges of the tokenisers' rules: joiners, letters that are not word characters,
# entities, marks, dashes and spaces of every kind.
TRICKY = ["'", "\u2019", "\u02bc", "&", "&amp;", "&ndash;", "&#8211;", "\u00aa", "\u00b2", ".", "-", "\u2013",
          "(", ")", ":", ",", "\u201c", "\u201d", "\t", "\u00a0", "\u0300", "\u0323", "/", "5", "Đ", "\n"]


def sprinkle(text, rng):
    out = []
    for c in text:
        out.append(c)
        if rng.chance(4):
            out.append(rng.pick(TRICKY))
    return "".join(out)


def variant(text, rng):
    kind = rng.below(16)
    if kind == 0:
        return text.upper()
    if kind == 1:
        return text.lower()
    if kind == 2:
        return move_tones(text, True)
    if kind == 3:
        return move_tones(text, False)
    if kind == 4:
        return decompose_some(text, rng)
    if kind == 5:
        return text.replace("Đ", "\u00d0").replace("đ", "\u00f0")
    if kind == 6:
        return line_breaks(text, rng)
    if kind == 7:
        return text.replace(" - ", " – ").replace("-", "\u2013").replace("'", "\u2019")
    if kind == 8:
        return text.replace("“", '"').replace("”", '"').replace(",", " ,")
    if kind == 9:
        cut = rng.below(len(text) + 1)
        return text[:cut]
    if kind == 10:
        cut = rng.below(len(text) + 1)
        return text[cut:]
    if kind == 11:
        return " ".join(w.capitalize() if rng.chance(40) else w for w in text.split(" "))
    if kind == 12:
        return text.replace(" ", "  ").replace("\u00a0", " ")
    if kind == 13:
        return text.replace(" - ", " &ndash; ").replace("&", "&amp;").replace("–", "&#8211;")
    if kind == 14:
        return sprinkle(text, rng)
    return text


def published(rng):
    if rng.chance(15):
        return None
    year = 2008 + rng.below(19)
    return f"{year:04}-{1 + rng.below(12):02}-{1 + rng.below(28):02}"


def generated_docs(count):
    pool = []
    for text in case_texts():
        pool.extend(sentences(text))
    for path in sample_text_files():
        pool.extend(sentences(path.read_text(encoding="utf-8")))
    long_texts = [d["text"] for d in heldout_docs()]
    for text in long_texts:
        pool.extend(sentences(text))
    rng = Rng(20250711)
    docs = []
    for n in range(count):
        shape = rng.below(10)
        if shape < 6:
            parts = [rng.pick(pool) for _ in range(1 + rng.below(8))]
            joiner = rng.pick([" ", "\n", "\n\n", " "])
            text = joiner.join(variant(p, rng) if rng.chance(35) else p for p in parts)
        elif shape < 8:
            text = variant(rng.pick(pool), rng)
        elif shape < 9 and long_texts:
            text = variant(rng.pick(long_texts), rng)
        else:
            # A long article: several texts in a row, about 5-20 KB.
            parts = [rng.pick(long_texts or pool) for _ in range(2 + rng.below(5))]
            text = "\n".join(variant(p, rng) if rng.chance(25) else p for p in parts)
        docs.append({"id": f"gen-{n}", "text": text, "published": published(rng)})
    return docs


# --- running the binary ----------------------------------------------------------------------------


PANIC = re.compile(rb"thread '[^']*'(?: \(\d+\))? panicked at ([^\n]*)\n([^\n]*)")


def run(binary, args):
    env = dict(os.environ, RUST_BACKTRACE="0")
    result = subprocess.run([binary, *args], stdin=subprocess.DEVNULL, capture_output=True, cwd=ROOT, env=env)
    # A panic message names the thread id, which changes from run to run.
    stderr = PANIC.sub(lambda m: b"panicked at " + m.group(1) + b" " + m.group(2), result.stderr)
    return result.returncode, result.stdout, stderr


def run_documents(binary, docs, args, tmp):
    """`tintuc ner` over JSONL documents. A document that makes the binary panic is recorded (its id
    and the panic) and the run goes on with the documents after it, so one crash hides nothing else."""
    out, remaining, attempt = [], docs, 0
    while remaining:
        path = tmp / f"input-{attempt}.jsonl"
        attempt += 1
        path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in remaining), encoding="utf-8")
        code, stdout, stderr = run(binary, ["ner", "--input-format", "jsonl", *args, str(path)])
        lines = [line for line in stdout.split(b"\n") if line]
        out.extend(lines)
        panic = PANIC.search(stderr) or b"panicked at" in stderr
        if code != 101 or not panic or len(lines) >= len(remaining):
            out.append(f"--- exit {code}".encode())
            out.append(stderr)
            break
        crashed = remaining[len(lines)]
        message = next((line for line in stderr.split(b"\n") if b"panicked at" in line), b"")
        out.append(f"--- PANIC on {crashed['id']}: ".encode() + message)
        remaining = remaining[len(lines) + 1 :]
    return b"\n".join(out)


def outputs(binary):
    """Every output of `binary`, as {name: bytes}."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        jsonl_sets = []
        gold = SHARED / "eval" / "dev_gold.jsonl"
        if gold.exists():
            docs = []
            for line in gold.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    d = json.loads(line)
                    docs.append({"id": d["id"], "text": d["text"], "published": d.get("published")})
            jsonl_sets.append(("gold", docs))
        else:
            print("gold: ../shared/eval/dev_gold.jsonl not found, skipped", file=sys.stderr)
        jsonl_sets.append(("heldout", heldout_docs()))
        jsonl_sets.append(("generated", generated_docs(GENERATED)))
        for name, docs in jsonl_sets:
            for mode, args in (("entities", []), ("spans", ["--spans"])):
                out[f"{name}.{mode}"] = run_documents(binary, docs, args, tmp)
        for path in sample_text_files():
            rel = path.relative_to(ROOT)
            for mode, args in (("entities", []), ("spans", ["--spans"])):
                code, stdout, stderr = run(binary, ["ner", *args, "--published", "2024-06-15", str(rel)])
                out[f"sample-texts/{path.name}.{mode}"] = stdout + f"\n--- exit {code}\n".encode() + stderr
        for page in sorted((ROOT / "samples").glob("**/source.html")):
            rel = page.relative_to(ROOT)
            url_file = page.with_name("url.txt")
            args = ["extract", "--format", "json", str(rel)]
            if url_file.exists():
                args += ["--url", url_file.read_text(encoding="utf-8").strip()]
            code, stdout, stderr = run(binary, args)
            out[f"sample-pages/{rel.parent.name}"] = stdout + f"\n--- exit {code}\n".encode() + stderr
        for folder in (SHARED / "realpages" / "html", SHARED / "html"):
            if folder.is_dir():
                code, stdout, stderr = run(binary, ["extract", "--format", "jsonl", str(folder)])
                out[f"real-pages/{folder.parent.name}-{folder.name}"] = (
                    stdout + f"\n--- exit {code}\n".encode() + stderr
                )
    return out


def count_units(name, data):
    """Documents (output lines and recorded panics) or pages in one output."""
    if not (name.endswith(("entities", "spans")) or name.startswith("real-pages")):
        return 1
    body = data.split(b"\n--- exit ")[0]
    return sum(1 for line in body.split(b"\n") if line.startswith((b"{", b"--- PANIC")))


def file_name(name):
    return name.replace("/", "__") + ".out"


def save(directory, binary):
    directory.mkdir(parents=True, exist_ok=True)
    results = outputs(binary)
    for name, data in results.items():
        (directory / file_name(name)).write_bytes(data)
    (directory / "INDEX").write_text("".join(f"{name}\n" for name in results), encoding="utf-8")
    total = sum(count_units(n, d) for n, d in results.items())
    print(f"saved {len(results)} outputs ({total} documents and pages) of {binary} to {directory}")


def first_difference(old, new):
    old_lines, new_lines = old.split(b"\n"), new.split(b"\n")
    for n, (a, b) in enumerate(zip(old_lines, new_lines)):
        if a != b:
            return n + 1, a[:600], b[:600]
    n = min(len(old_lines), len(new_lines))
    return n + 1, b"".join(old_lines[n : n + 1])[:600], b"".join(new_lines[n : n + 1])[:600]


def document_lines(data):
    """The per-document lines of a `ner` output (one JSON line or one PANIC line per document) and
    the rest (exit status, standard error)."""
    body, _, rest = data.partition(b"\n--- exit ")
    return body.split(b"\n"), rest


def compare_documents(name, old, new, fixed):
    """Compares two `ner` outputs document by document. A document the baseline panicked on is no
    difference (the baseline had no output for it); it is listed in `fixed` with what it gives now."""
    old_lines, old_rest = document_lines(old)
    new_lines, new_rest = document_lines(new)
    if len(old_lines) != len(new_lines) or old_rest != new_rest:
        return False
    same = True
    for a, b in zip(old_lines, new_lines):
        if a == b:
            continue
        if a.startswith(b"--- PANIC") and not b.startswith(b"--- PANIC"):
            fixed.append((name, a.split(b":")[0], b))
            continue
        same = False
    return same


def compare(directory, binary):
    names = (directory / "INDEX").read_text(encoding="utf-8").split()
    results = outputs(binary)
    differing, documents, different_lines, fixed = [], 0, 0, []
    for name in names:
        old = (directory / file_name(name)).read_bytes()
        new = results.pop(name, None)
        documents += count_units(name, old)
        if new is None:
            if not name.startswith("gold") and not name.startswith("real-pages"):
                differing.append(name)
                print(f"MISSING {name}")
            continue
        documents_only = name.endswith(("entities", "spans")) and not name.startswith("sample-texts")
        if old != new and documents_only and compare_documents(name, old, new, fixed):
            continue
        if old != new:
            differing.append(name)
            lines = sum(1 for a, b in zip(old.split(b"\n"), new.split(b"\n")) if a != b)
            different_lines += lines
            line, a, b = first_difference(old, new)
            print(f"DIFF {name}: {lines} line(s) differ; first at line {line}")
            print(f"  before: {a.decode('utf-8', 'replace')}")
            print(f"  after:  {b.decode('utf-8', 'replace')}")
    for name in results:
        print(f"NEW {name} (not in the baseline)")
    for name, panic, now in fixed:
        print(f"baseline panicked, now an output: {name} {panic.decode()[4:]}: {now[:160].decode('utf-8', 'replace')}")
    print(f"compared {len(names)} outputs, {documents} documents and pages: {len(differing)} output(s) differ")
    return 1 if differing else 0


def main():
    args = sys.argv[1:]
    if args == ["--list"]:
        print(f"heldout {len(heldout_docs())}, generated {GENERATED}, case texts {len(case_texts())}")
        return 0
    if len(args) != 3 or args[0] not in ("--save", "--against"):
        sys.exit(__doc__)
    directory = pathlib.Path(args[1]).resolve()
    binary = str(pathlib.Path(args[2]).resolve())
    if args[0] == "--save":
        save(directory, binary)
        return 0
    return compare(directory, binary)


if __name__ == "__main__":
    sys.exit(main())
