#!/usr/bin/env python3
"""Derive the organisation lexicons of tintuc from ../shared/vocab (and the province names of
../shared/gazetteer), merged with the hand-written override files data/lexicon/org/*_extra.tsv, into
data/lexicon/org/{heads,names,domains,places}.tsv. Deterministic: same inputs, same bytes out.

Outputs (all UTF-8 NFC, tab separated, sorted):
  heads.tsv    head<TAB>kind<TAB>mode<TAB>canonical   org head nouns and how their name continues
  names.tsv    surface<TAB>kind<TAB>canonical<TAB>successor<TAB>flags   complete names and acronyms
  domains.tsv  domain<TAB>ministry_successor<TAB>department_successor    "Sở/Bộ/Phòng" + domain
  places.tsv   bare place names that qualify an organisation without a type word ("Sở Y tế Hà Nội")

Head modes: domain (Sở, Bộ, Phòng: a domain from domains.tsv or its initials), owner (needs a place or
a parent: "UBND tỉnh", "Thanh tra Sở TT&TT"), alone (complete by itself: "Thành ủy"), name (needs
capitalised name words: "Công ty Hanel"), cluster ("Cụm thi đua ..."), lowername (name may start
lower case: "Công ty cổ phần ...").

Usage: python3 scripts/derive_org_lexicon.py [../shared] [data/lexicon/org]
"""
import csv
import os
import sys
import unicodedata

SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "data", "lexicon", "org")
VOCAB = os.path.join(SHARED, "vocab")


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


def rows(name):
    with open(os.path.join(VOCAB, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield [nfc(c) for c in line.split("\t")]


EXTRA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "lexicon", "org")


def extra(name):
    """The rows of a hand-written override file of data/lexicon/org (`*_extra.tsv`)."""
    with open(os.path.join(EXTRA, name), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
    return [[nfc(c) for c in r] for r in rows]


# The hand tables, kept as data in the repository (see each file's header).
# Kind groups of the vocabulary, mapped to the kinds tintuc reports.
GROUP_KIND = {g: k for g, k, f in extra("kinds_extra.tsv") if f == "org_kinds"}
GROUP_OF_CENTRAL = {g: k for g, k, f in extra("kinds_extra.tsv") if f == "central_bodies"}
# How each head of org_kinds.txt continues (heads not listed are "name" heads), and the kinds more
# precise than their group.
HEAD_MODE = {h: m for h, m, _ in extra("head_modes_extra.tsv") if m}
HEAD_KIND = {h: k for h, _, k in extra("head_modes_extra.tsv") if k}
EXTRA_HEADS = [tuple(r) for r in extra("heads_extra.tsv")]
EXTRA_NAMES = [tuple(r + [""] * (5 - len(r))) for r in extra("names_extra.tsv")]
NAME_RULES = extra("names_rules_extra.tsv")
NOT_BODIES = {n for n, rule in NAME_RULES if rule == "not_body"}
NOT_NAME_ABBREVIATIONS = {n for n, rule in NAME_RULES if rule == "not_abbreviation"}
MEDIA_BODIES = {n for n, rule in NAME_RULES if rule == "media"}
EXTRA_PLACES = [r[0] for r in extra("places_extra.tsv")]


def main():
    heads = {}
    for kind, group, *_ in rows("org_kinds.txt"):
        # "Trường" alone is too often a place ("Trường Sa", "Trường Sơn"): schools need their level.
        mode = HEAD_MODE.get(kind, "name")
        if mode == "skip":
            continue
        heads[kind] = (HEAD_KIND.get(kind, GROUP_KIND.get(group, "state")), mode, kind)
    for head, kind, mode, canonical in EXTRA_HEADS:
        heads[nfc(head)] = (kind, mode, nfc(canonical))

    names = {}

    def add_name(surface, kind, canonical, successor="", flags=""):
        names.setdefault(nfc(surface), (kind, nfc(canonical), nfc(successor), flags))

    # Ministries of both eras, with the body that carries on after the 2025 mergers.
    successor = {}
    for old, new, relation, *_ in rows("ministries_2025_mergers.tsv"):
        if old == "old_name":
            continue
        if relation in ("merged_into", "renamed_upgraded") and new != old:
            successor[old] = new
    ministry_abbr = {}
    for file in ("ministries_2021-2025.txt", "ministries_2025.txt"):
        for kind, name, abbr, *_ in rows(file):
            kind = "ministry" if kind == "bộ" else "central"
            add_name(name, kind, name, successor.get(name, ""))
            ministry_abbr[abbr] = name
    for group, name, *_ in rows("central_bodies.txt"):
        if name in NOT_BODIES:
            continue
        kind = "media" if name in MEDIA_BODIES else GROUP_OF_CENTRAL.get(group, "central")
        add_name(name, kind, name)
    for surface, kind, canonical, succ, flags in EXTRA_NAMES:
        add_name(surface, kind, canonical, succ, flags)

    # Domains of Sở / Bộ / Phòng. A department's successor follows its ministry's merger
    # ("Sở Kế hoạch và Đầu tư" -> "Sở Tài chính" as "Bộ Kế hoạch và Đầu tư" -> "Bộ Tài chính").
    department_domains = set()
    department_abbr = {}
    for name, abbr, *_ in rows("provincial_departments.tsv"):
        if name.startswith("Sở "):
            department_domains.add(name[len("Sở "):])
            department_abbr[abbr] = name
    domains = {}
    ministry_domains = set()
    for name in list(names):
        if names[name][0] == "ministry" and name.startswith("Bộ "):
            ministry_domains.add(name[len("Bộ "):])
    office_domains = set()
    for level, name, *_ in rows("district_and_commune_offices.tsv"):
        if name.startswith("Phòng "):
            office_domains.add(name[len("Phòng "):])
    for domain in sorted(ministry_domains | department_domains | office_domains):
        ministry = "Bộ " + domain
        ministry_next = successor.get(ministry, "")
        department_next = ""
        if domain in department_domains and ministry_next:
            candidate = "Sở " + ministry_next[len("Bộ "):]
            if candidate[len("Sở "):] in department_domains:
                department_next = candidate
        domains[domain] = (ministry_next, department_next)

    for abbr, expansion, kind, *_ in rows("abbreviations.tsv"):
        if kind != "org" or abbr in NOT_NAME_ABBREVIATIONS:
            continue
        target = ministry_abbr.get(abbr) or department_abbr.get(abbr) or expansion
        entry = names.get(target)
        if target in department_abbr.values():
            domain = target[len("Sở "):]
            add_name(abbr, "department", target, domains.get(domain, ("", ""))[1], "case bare")
        elif entry:
            add_name(abbr, entry[0], entry[1], entry[2], "case bare")
        else:
            add_name(abbr, "central", expansion, "", "case bare")

    places = set()
    gazetteer = os.path.join(SHARED, "gazetteer")
    for file in ("provinces_2024.csv", "provinces_2025.csv"):
        with open(os.path.join(gazetteer, file), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                places.add(nfc(row["short_name"]))
    places.update(EXTRA_PLACES)

    os.makedirs(OUT, exist_ok=True)
    header = ("# derived by scripts/derive_org_lexicon.py from ../shared/vocab and data/lexicon/org/*_extra.tsv;"
              " do not edit by hand\n")
    with open(os.path.join(OUT, "heads.tsv"), "w", encoding="utf-8") as f:
        f.write(header + "# head\tkind\tmode\tcanonical\n")
        for head in sorted(heads):
            f.write("\t".join((head,) + heads[head]) + "\n")
    with open(os.path.join(OUT, "names.tsv"), "w", encoding="utf-8") as f:
        f.write(header + "# surface\tkind\tcanonical\tsuccessor\tflags\n")
        for name in sorted(names):
            f.write("\t".join((name,) + names[name]) + "\n")
    with open(os.path.join(OUT, "domains.tsv"), "w", encoding="utf-8") as f:
        f.write(header + "# domain\tministry_successor\tdepartment_successor\n")
        for domain in sorted(domains):
            f.write("\t".join((domain,) + domains[domain]) + "\n")
    with open(os.path.join(OUT, "places.tsv"), "w", encoding="utf-8") as f:
        f.write(header + "# bare place names that qualify an organisation\n")
        for place in sorted(places):
            f.write(place + "\n")


if __name__ == "__main__":
    main()
