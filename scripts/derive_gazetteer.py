#!/usr/bin/env python3
"""Derive tintuc's compact gazetteer (data/lexicon/place/{units_pre2025,units_2025,current,aliases}.tsv) from the shared gazetteer.

Reads  ../shared/gazetteer/{provinces,districts,communes}_{2024,2025-06}.csv, provinces_2025.csv,
       communes_2025.csv, units_pre2025_history.csv, mapping_2025*.csv,
       aliases_2025-06_spelling_variants.csv and ../shared/vocab/place_aliases.tsv
Writes data/lexicon/place/units_pre2025.tsv, units_2025.tsv, current.tsv, aliases.tsv
       (UTF-8 NFC, sorted, deterministic: rerunning on the same input gives the same bytes).

Rerun from the worktree root:  python3 scripts/derive_gazetteer.py [--shared ../shared]

Eras (see src/ner/place/gazetteer.rs): "2024" = the GSO list of 2024-02-01 plus every older unit of
units_pre2025_history.csv; "2025-06" = the last GSO list before the 1 July 2025 reform; "2025" = the
34 provinces / 3,321 communes after it. Codes repeat across eras for different units, so every row
carries its era flags and the Rust side keys units by (era, code).
"""
import argparse
import csv
import os
import sys
import unicodedata

TYPE_WORDS = {
    "thành phố trực thuộc trung ương": "thành phố",
    "thành phố thuộc tỉnh": "thành phố",
    "thành phố thuộc thành phố trực thuộc trung ương": "thành phố",
}
LEVEL = {"province": "p", "district": "d", "commune": "c"}


def nfc(s):
    return unicodedata.normalize("NFC", " ".join(s.replace("\u00a0", " ").split()))


def short_type(t):
    t = nfc(t).lower()
    return TYPE_WORDS.get(t, t)


def read(shared, name):
    with open(os.path.join(shared, "gazetteer", name), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def strip_type(name):
    """'Xã Nậm Tỵ' -> ('xã', 'Nậm Tỵ'); the longest type word first."""
    low = name.lower()
    for t in ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã"):
        if low.startswith(t + " "):
            return t, nfc(name[len(t) + 1 :])
    return "", nfc(name)


def month(d):
    return d[:7] if d else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "lexicon", "place"))
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "gazetteer")):
        args.shared = "../shared"
    shared, out = args.shared, args.out
    os.makedirs(out, exist_ok=True)

    # ---- pre-reform units: one row per (level, code, type, short name) with era flags ----
    pre = {}  # key -> dict

    def add(level, code, typ, short, district, province, flag, first="", last=""):
        key = (level, code, short_type(typ), nfc(short))
        row = pre.setdefault(key, {"district": district, "province": province, "flags": set(),
                                   "first": first, "last": last})
        row["flags"].add(flag)
        if first and (not row["first"] or first < row["first"]):
            row["first"] = first
        if last and last > row["last"]:
            row["last"] = last

    for era, flag in (("2024", "a"), ("2025-06", "b")):
        for r in read(shared, f"provinces_{era}.csv"):
            add("p", r["code"], r["type"], r["short_name"], "", r["code"], flag)
        for r in read(shared, f"districts_{era}.csv"):
            add("d", r["code"], r["type"], r["short_name"], "", r["province_code"], flag)
        for r in read(shared, f"communes_{era}.csv"):
            add("c", r["code"], r["type"], r["short_name"], r["district_code"], r["province_code"], flag)
    for r in read(shared, "units_pre2025_history.csv"):
        level = LEVEL[r["level"]]
        district = r["parent_code"] if level == "c" else ""
        add(level, r["code"], r["type"], r["short_name"], district, r["province_code"], "h",
            month(r["first_seen"]), month(r["last_seen"]))

    with open(os.path.join(out, "units_pre2025.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# level\tcode\ttype\tshort_name\tdistrict\tprovince\teras\tfirst\tlast\n")
        f.write("# eras: a = GSO list 2024-02-01, b = GSO list 2025-06, h = history 2008-2025 (first/last seen, YYYY-MM)\n")
        for (level, code, typ, short), row in sorted(pre.items(), key=lambda kv: ("pdc".index(kv[0][0]),) + kv[0]):
            flags = "".join(sorted(row["flags"]))
            f.write("\t".join([level, code, typ, short, row["district"], row["province"], flags,
                               row["first"], row["last"]]) + "\n")

    # ---- post-reform units (2025) with their spelling variants over time ----
    with open(os.path.join(out, "units_2025.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# level\tcode\ttype\tshort_name\tprovince\tother names (|, type word stripped)\n")
        for r in read(shared, "provinces_2025.csv"):
            alts = sorted({strip_type(r[c])[1] for c in ("name_2025_07_01", "name_nso_2026_01",
                           "name_thanglequoc_2026_07") if r.get(c)} - {nfc(r["short_name"])})
            f.write("\t".join(["p", r["code"], short_type(r["type"]), nfc(r["short_name"]), r["code"],
                               "|".join(alts)]) + "\n")
        for r in sorted(read(shared, "communes_2025.csv"), key=lambda r: r["code"]):
            alts = sorted({strip_type(r[c])[1] for c in ("name_2025_07_01", "name_nso_2026_01",
                           "name_thanglequoc_2026_07") if r.get(c)} - {nfc(r["short_name"])})
            f.write("\t".join(["c", r["code"], short_type(r["type"]), nfc(r["short_name"]),
                               r["province_code"], "|".join(alts)]) + "\n")

    # ---- old (2025-06) unit -> new unit(s) ----
    rows = []
    for r in read(shared, "mapping_2025_provinces.csv"):
        rows.append(("p", r["old_code"], r["new_code"], ""))
    for r in read(shared, "mapping_2025_districts.csv"):
        rows.append(("d", r["old_code"], r["new_province_code"], ""))
    communes = {}
    for r in read(shared, "mapping_2025.csv"):
        e = communes.setdefault(r["old_code"], [r["new_province_code"], []])
        if r["new_code"] and r["new_code"] not in e[1]:
            e[1].append(r["new_code"])
    for code, (prov, news) in communes.items():
        rows.append(("c", code, prov, " ".join(sorted(news))))
    with open(os.path.join(out, "current.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# level\told_code (2025-06)\tnew_province (2025)\tnew_communes (2025, space separated; communes only)\n")
        for row in sorted(set(rows), key=lambda r: ("pdc".index(r[0]), r[1])):
            f.write("\t".join(row) + "\n")

    # ---- aliases: irregular surface forms -> unit ----
    aliases = set()
    with open(os.path.join(shared, "vocab", "place_aliases.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            alias, canonical, code, valid, note = (line.rstrip("\n").split("\t") + [""] * 5)[:5]
            if code in ("", "-") or canonical.startswith("("):
                continue
            forms = {alias}
            # "also X, Y, Z" notes list more surface forms of the same unit
            if note.startswith("also "):
                for part in note[5:].split(";")[0].split(","):
                    part = part.strip()
                    if "(" in part:
                        part = part.split("(")[0].strip()
                    if part:
                        forms.add(part)
            if valid == "all":
                eras = "pre,2025"
            elif valid.startswith("until"):
                eras = "pre"
            else:
                eras = "2025"
            for form in forms:
                if form.lower().startswith("thành phố huế"):
                    continue  # era-dependent: resolved by the type word rules, not an alias
                aliases.add((nfc(form), "p", eras, code))
    for r in read(shared, "aliases_2025-06_spelling_variants.csv"):
        typ, short = strip_type(r["name_in_gso_conversion_table"])
        if short:
            aliases.add((short, "c", "pre", r["code"]))
    with open(os.path.join(out, "aliases.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# surface form\tlevel\teras (pre = 2024/2025-06, 2025)\tcode\n")
        for row in sorted(aliases):
            f.write("\t".join(row) + "\n")
    print("wrote", out, file=sys.stderr)


if __name__ == "__main__":
    main()
