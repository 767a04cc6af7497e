#!/usr/bin/env python3
"""Turn annotations written as (text, occurrence) into gold spans with code-point offsets.

usage: resolve_annotations.py BATCH.jsonl [-o GOLD.jsonl]

BATCH holds one article per line, annotated by the guidelines (../shared/eval/GUIDELINES.md):
  {"id", "published", "text", "entities": [{"type", "text", "occurrence", "titles"?, "honorific"?, "value"?}]}
"occurrence" is which occurrence (1-based) of that exact string in the text the entity is, counting
every occurrence, including ones inside longer entities. The output has the scorer's shape:
  {"id", "published", "text", "entities": [{"type", "start", "end", "text", ...}]}
sorted by offset. Every string that is not found, and every overlap between spans, is reported; the
exit code is 1 when there was any, so a batch with a mistake is never silently half-resolved.
"""
import json
import sys
import unicodedata

TYPES = {"PER", "ORG", "LOC", "DATE"}


def find_nth(text, needle, n):
    start = -1
    for _ in range(n):
        start = text.find(needle, start + 1)
        if start < 0:
            return -1
    return start


def resolve(article, problems):
    text = unicodedata.normalize("NFC", article["text"])
    out = []
    for entity in article.get("entities", []):
        needle = unicodedata.normalize("NFC", entity["text"])
        kind = entity.get("type")
        if kind not in TYPES:
            problems.append(f"{article['id']}: unknown type {kind!r} for {needle!r}")
            continue
        occurrence = int(entity.get("occurrence", 1))
        start = find_nth(text, needle, occurrence)
        if start < 0:
            problems.append(f"{article['id']}: {kind} {needle!r} occurrence {occurrence} not found")
            continue
        item = {"type": kind, "start": start, "end": start + len(needle), "text": needle}
        for key in ("titles", "honorific", "value"):
            if key in entity:
                item[key] = entity[key]
        if kind == "PER":
            item.setdefault("titles", [])
            item.setdefault("honorific", "")
            for title in item["titles"]:
                if title not in text:
                    problems.append(f"{article['id']}: title {title!r} of {needle!r} not in the text")
        if kind == "DATE":
            item.setdefault("value", "")
        out.append(item)
    out.sort(key=lambda e: (e["start"], e["end"]))
    for a, b in zip(out, out[1:]):
        if b["start"] < a["end"]:
            problems.append(f"{article['id']}: overlap {a['type']} {a['text']!r} / {b['type']} {b['text']!r}")
    seen = set()
    for e in out:
        key = (e["start"], e["end"])
        if key in seen:
            problems.append(f"{article['id']}: the same span twice: {e['text']!r}")
        seen.add(key)
    result = {"id": article["id"], "published": article.get("published"), "text": text, "entities": out}
    for key in ("genre", "source_kind"):
        if key in article:
            result[key] = article[key]
    return result


def main():
    args = sys.argv[1:]
    output = None
    if "-o" in args:
        i = args.index("-o")
        output = args[i + 1]
        del args[i : i + 2]
    if len(args) != 1:
        sys.exit(__doc__)
    problems = []
    lines = []
    with open(args[0], encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                article = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"line {number}: not JSON: {e}")
                continue
            lines.append(json.dumps(resolve(article, problems), ensure_ascii=False))
    text = "\n".join(lines) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    for p in problems:
        print(p, file=sys.stderr)
    counts = {}
    for line in lines:
        for e in json.loads(line)["entities"]:
            counts[e["type"]] = counts.get(e["type"], 0) + 1
    print(f"{len(lines)} articles, entities: {counts}, problems: {len(problems)}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
