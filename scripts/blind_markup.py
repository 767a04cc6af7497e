#!/usr/bin/env python3
"""Turn the hand-marked sources of a blind set into its batch files.

usage: python3 scripts/blind_markup.py tests/blind3   (or tests/blind4: the set's directory)

Each source file <set>/source/<half>/<id>.txt starts with header lines
  id: gov3-01
  published: 2012-03-05      (or: null)
then a blank line and the article text, in which every entity is marked in place:
  [Nguyễn Văn An]{P|h=ông|t=Giám đốc Sở Y tế}   PER, honorific, one t= per title phrase
  [Sở Y tế]{O}   [tỉnh Nam Định]{L}   [ngày 7/10]{D=2012-10-07}   ([năm Giáp Ngọ]{D=} : empty value)
The marks are removed; each entity becomes (type, text, occurrence) as in tests/blind/*.batch.jsonl,
occurrence counting every occurrence of the string in the clean text, as resolve_annotations.py does.
Output: <set>/<half>.batch.jsonl, one article a line, in file-name order.
"""
import json
import pathlib
import re
import sys

MARK = re.compile(r"\[([^\[\]{}]+)\]\{([^{}\[\]]*)\}")
TYPES = {"P": "PER", "O": "ORG", "L": "LOC", "D": "DATE"}


def occurrence(text, needle, start):
    n, pos = 0, -1
    while True:
        pos = text.find(needle, pos + 1)
        if pos < 0 or pos > start:
            raise ValueError(f"{needle!r} not found at {start}")
        n += 1
        if pos == start:
            return n


def parse(path, genre):
    raw = path.read_text(encoding="utf-8")
    head, body = raw.split("\n\n", 1)
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    body = body.rstrip("\n")
    clean, spans, last = [], [], 0
    length = 0
    for m in MARK.finditer(body):
        before = body[last : m.start()]
        clean.append(before)
        length += len(before)
        spans.append((length, m.group(1), m.group(2)))
        clean.append(m.group(1))
        length += len(m.group(1))
        last = m.end()
    clean.append(body[last:])
    text = "".join(clean)
    for ch in "[]{}":
        if ch in text:
            raise SystemExit(f"{path}: stray {ch!r} near {text[text.index(ch)-40:text.index(ch)+40]!r}")
    entities = []
    for start, span, tag in spans:
        parts = tag.split("|")
        kind = parts[0][0]
        if kind not in TYPES:
            raise SystemExit(f"{path}: bad tag {tag!r} on {span!r}")
        e = {"type": TYPES[kind], "text": span, "occurrence": occurrence(text, span, start)}
        if kind == "D":
            if not parts[0].startswith("D="):
                raise SystemExit(f"{path}: date without value {span!r}")
            e["value"] = parts[0][2:]
        if kind == "P":
            e["titles"] = [p[2:] for p in parts[1:] if p.startswith("t=")]
            hon = [p[2:] for p in parts[1:] if p.startswith("h=")]
            e["honorific"] = hon[0] if hon else ""
            for t in e["titles"]:
                if t not in text:
                    raise SystemExit(f"{path}: title {t!r} not in text")
        entities.append(e)
    published = None if meta["published"] == "null" else meta["published"]
    return {"id": meta["id"], "published": published, "genre": genre, "text": text, "entities": entities}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = pathlib.Path(sys.argv[1]) / "source"
    for half, genre in (("gov", "gov"), ("general", "general")):
        files = sorted((root / half).glob("*.txt"))
        if not files:
            continue
        out = root.parent / f"{half}.batch.jsonl"
        with open(out, "w", encoding="utf-8") as f:
            for p in files:
                a = parse(p, genre)
                words = len(a["text"].split())
                print(f"{a['id']}: {words} words, {len(a['entities'])} entities", file=sys.stderr)
                f.write(json.dumps(a, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
