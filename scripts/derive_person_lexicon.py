#!/usr/bin/env python3
"""Derive the people lexicons of tintuc from the shared data folder.

usage: python3 scripts/derive_person_lexicon.py [SHARED_DIR] [OUT_DIR]
       (defaults: ../shared and data/lexicon/person, relative to the repository root; the surnames,
       which every recogniser reads, go to OUT_DIR/../shared/surnames.tsv)

Reads names/* (surnames, middle-name syllables, given names, compound surnames), vocab/titles.tsv
(roles and, at its end, the modifiers), vocab/honorifics.tsv, vocab/org_kinds.txt and the gazetteer's
province and district names, merges the hand-written override files data/lexicon/person/*_extra.tsv
(roles of ADJUDICATION 9, abbreviations, honorific spellings, weak surnames ...), and writes
data/lexicon/shared/surnames.tsv and data/lexicon/person/{compound_surnames,name_syllables,roles,modifiers,
honorifics,org_heads,place_names}.tsv. Deterministic: sorted output, no dates, no randomness. historical.tsv is hand-written.
"""
import csv
import os
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "data", "lexicon", "person")

VIET = set(
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)

EXTRA = os.path.join(ROOT, "data", "lexicon", "person")


def extra(name):
    """The rows of a hand-written override file of data/lexicon/person (`*_extra.tsv`)."""
    with open(os.path.join(EXTRA, name), encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]


# The hand tables, kept as data in the repository (see each file's header).
EXTRA_SURNAMES = [r[0] for r in extra("surnames_extra.tsv") if r[1] in ("extra", "minority")]
WEAK_SURNAMES = {r[0] for r in extra("surnames_extra.tsv") if r[1] in ("weak", "minority")}
EXTRA_SYLLABLES = [(r[0], r[1]) for r in extra("name_syllables_extra.tsv")]
EXTRA_ROLES = [(r[0], r[1]) for r in extra("roles_extra.tsv")]
EXTRA_HONORIFICS = [(r[0], r[1], r[2]) for r in extra("honorifics_extra.tsv")]
GENDER = {r[0]: r[1] for r in extra("genders_extra.tsv")}
MODIFIER_POSITION = {r[0]: r[1] for r in extra("modifiers_extra.tsv") if r[2] == "position"}
EXTRA_MODIFIERS = [(r[0], r[1]) for r in extra("modifiers_extra.tsv") if r[2] == "extra"]
EXTRA_HEADS = [r[0] for r in extra("org_heads_extra.tsv")]
PLACE_NAMES = extra("place_names_extra.tsv")
COUNTRIES = [r[0] for r in PLACE_NAMES if r[1] == "country"]
NOT_NAMES = [r[0] for r in PLACE_NAMES if r[1] == "not_name"]
STEMS = [r[0] for r in PLACE_NAMES if r[1] == "stem"]
BRANCHES = [r[0] for r in PLACE_NAMES if r[1] == "branch"]
NOT_PLACES = [r[0] for r in PLACE_NAMES if r[1] == "remove"]


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


def vietnamese(word):
    w = word.lower()
    if any(c not in VIET for c in w):
        return False
    return "aâ" not in w and "oâ" not in w and "aù" not in w


def rows(path, skip_header=True):
    with open(path, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    return [l.split("\t") for l in (lines[1:] if skip_header else lines)]


def write(name, header, lines, out=OUT):
    path = os.path.join(out, name)
    os.makedirs(out, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(header.rstrip("\n") + "\n")
        for line in lines:
            f.write(line + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    names = os.path.join(SHARED, "names")
    vocab = os.path.join(SHARED, "vocab")

    surnames = {}
    for r in rows(os.path.join(names, "surnames.tsv")):
        s = nfc(r[0])
        if not vietnamese(s):
            continue
        uit = int(r[1] or 0)
        national = r[5].strip() if len(r) > 5 else ""
        vietname = int(r[3] or 0) if len(r) > 3 else 0
        if uit >= 2 or national:
            surnames[s] = "weak" if s in WEAK_SURNAMES else "strong"
        elif uit >= 1 and vietname >= 300:
            surnames[s] = "weak"  # rare in the sample ("Lò", "Lường"): evidence only with context
    for s in EXTRA_SURNAMES:
        surnames.setdefault(s, "weak" if s in WEAK_SURNAMES else "strong")
    write("surnames.tsv", "# surname<TAB>strength (strong: evidence for a bare name; weak: only with an honorific or title)\n"
          "# derived by scripts/derive_person_lexicon.py from names/surnames.tsv (UIT count >= 2 or national share)\n"
          "# and data/lexicon/person/surnames_extra.tsv",
          sorted(f"{s}\t{k}" for s, k in surnames.items()),
          out=os.path.join(OUT, "..", "shared"))

    compounds = [nfc(l) for l in open(os.path.join(names, "compound_surnames.txt"), encoding="utf-8")
                 if l.strip() and not l.startswith("#")]
    write("compound_surnames.tsv", "# two-syllable surnames; derived from names/compound_surnames.txt", sorted(set(compounds)))

    syllables = {}
    for r in rows(os.path.join(names, "middle_name_syllables.tsv")):
        s = nfc(r[0])
        if vietnamese(s) and int(r[1] or 0) >= 1:
            syllables[s] = syllables.get(s, "") + "m"
    givens = [nfc(r[0]) for r in rows(os.path.join(names, "given_names.tsv"))]
    for f in ("given_names_boy.txt", "given_names_girl.txt"):
        givens += [nfc(l) for l in open(os.path.join(names, f), encoding="utf-8") if l.strip() and not l.startswith("#")]
    for g in givens:
        for s in g.split():
            if vietnamese(s):
                syllables[s] = syllables.get(s, "") + "g"
    for s, uses in EXTRA_SYLLABLES:
        syllables[s] = syllables.get(s, "") + uses
    write("name_syllables.tsv", "# syllable<TAB>uses (m: middle name, g: given name)\n"
          "# derived from names/middle_name_syllables.tsv, given_names.tsv, given_names_boy.txt, given_names_girl.txt\n"
          "# and data/lexicon/person/name_syllables_extra.tsv",
          sorted(f"{s}\t{''.join(sorted(set(u)))}" for s, u in syllables.items()))

    roles, modifiers = {}, {}
    in_modifiers = False
    with open(os.path.join(vocab, "titles.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("# modifiers"):
                in_modifiers = True
                continue
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            form = nfc(parts[0])
            if in_modifiers:
                modifiers[form] = MODIFIER_POSITION.get(form, "prefix")
            else:
                roles[form] = parts[1] if len(parts) > 1 else ""
    for form, group in EXTRA_ROLES:
        roles.setdefault(nfc(form), group)
    for form, pos in EXTRA_MODIFIERS:
        modifiers.setdefault(form, pos)
    write("roles.tsv", "# role<TAB>group; matched case-insensitively, \"Phó \"/\"Tổng \" variants are generated at load\n"
          "# derived from vocab/titles.tsv plus data/lexicon/person/roles_extra.tsv",
          sorted(f"{r}\t{g}" for r, g in roles.items()))
    write("modifiers.tsv", "# modifier<TAB>position (prefix: before the role; suffix: after it; joiner: between titles; part: part of the role)\n"
          "# derived from the modifiers at the end of vocab/titles.tsv and data/lexicon/person/modifiers_extra.tsv", sorted(f"{m}\t{p}" for m, p in modifiers.items()))

    honorifics = {}
    for r in rows(os.path.join(vocab, "honorifics.tsv"), skip_header=False):
        if r[0] == "form":
            continue
        form, group = nfc(r[0]), r[2] if len(r) > 2 else ""
        if form in ("CN.", "CN"):  # "CN" is far more often Chủ nhật (Sunday) than Cử nhân
            continue
        honorifics[form] = (nfc(r[1]), group)
        if form.endswith(".") and group in ("academic", "professional"):
            honorifics.setdefault(form[:-1], (nfc(r[1]), group))
    for form, exp, group in EXTRA_HONORIFICS:
        honorifics.setdefault(nfc(form), (exp, group))
    write("honorifics.tsv", "# form<TAB>expansion<TAB>group<TAB>gender (M/F when the form implies it)\n"
          "# derived from vocab/honorifics.tsv plus data/lexicon/person/honorifics_extra.tsv and genders_extra.tsv",
          sorted(f"{h}\t{e}\t{g}\t{GENDER.get(h.lower(), '')}" for h, (e, g) in honorifics.items()))

    heads = set(EXTRA_HEADS)
    for r in rows(os.path.join(vocab, "org_kinds.txt"), skip_header=False):
        heads.add(nfc(r[0]))
    write("org_heads.tsv", "# head nouns of organisation names; derived from vocab/org_kinds.txt and data/lexicon/person/org_heads_extra.tsv", sorted(heads))

    places = set()
    gaz = os.path.join(SHARED, "gazetteer")
    for f in ("provinces_2024.csv", "provinces_2025-06.csv", "provinces_2025.csv", "districts_2024.csv", "districts_2025-06.csv"):
        p = os.path.join(gaz, f)
        if not os.path.exists(p):
            continue
        with open(p, encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                s = nfc(r.get("short_name") or "")
                if s and not s[0].isdigit() and " " in s:
                    places.add(s)
    places.update(COUNTRIES)
    places.update(NOT_NAMES)
    # Sexagenary years ("Tết Kỷ Hợi", "năm Đinh Dậu") look like two-syllable names.
    places.update(f"{a} {b}" for a in STEMS for b in BRANCHES)
    for name in NOT_PLACES:  # a person first; "thành phố/TP" before it marks the place
        places.discard(name)
    write("place_names.tsv", "# multi-syllable province and district names (2024, 2025-06, 2025): never a bare person name\n"
          "# derived from gazetteer/provinces_*.csv and districts_*.csv (short_name) and\n"
          "# data/lexicon/person/place_names_extra.tsv", sorted(places))


if __name__ == "__main__":
    main()
