#!/usr/bin/env python3
"""Derive the people lexicons of tintuc from the shared data folder.

usage: python3 scripts/derive_person_lexicon.py [SHARED_DIR] [OUT_DIR]
       (defaults: ../shared and data/lexicon/person, relative to the repository root)

Reads names/* (surnames, middle-name syllables, given names, compound surnames), vocab/titles.tsv
(roles and, at its end, the modifiers), vocab/honorifics.tsv, vocab/org_kinds.txt and the gazetteer's
province and district names; writes data/lexicon/person/*. Deterministic: sorted output, no dates, no
randomness. Hand additions (roles of ADJUDICATION 9, abbreviations, honorific spellings) are kept
in this file as data tables so the derived files stay pure output.
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

# Surnames missing from the samples but common in public life (hand list).
EXTRA_SURNAMES = ["Chử", "Khuất", "Hầu", "Giáp", "Kha", "Lạc", "Cung", "Hoa", "Nguyên", "Đàm", "Thái"]
# Surnames that are also frequent ordinary words or place/organisation words: kept as surnames,
# but they are not evidence enough for a bare name without an honorific or a title.
WEAK_SURNAMES = {
    "Văn", "Hồng", "Quang", "Danh", "Kim", "Sơn", "Hữu", "Phương", "Liên", "Công", "Sinh", "Ánh", "Lộc",
    "Giang", "Trang", "Hoà", "Hòa", "Thượng", "Bá", "Phú", "Song", "Tướng", "Khang", "Kinh", "Kỳ", "Bao",
    "Thi", "Trình", "Trinh", "Nguyên", "Hoa", "Tiêu", "Cái", "Xa", "Sơ", "Lao", "Lành", "Vàng", "Ma", "Cà",
    "Mộc", "Mộng", "Nghi", "Tránh", "Chống", "Lỡ", "Lầm", "Hàng", "Viên", "Thới", "Luyện", "Buôn", "Hạ",
    "Lai", "Le", "Hong", "Nhiêu", "Trác", "Trượng", "Đống", "Văng", "Sấm", "Tiếu", "Lộ", "Lư", "Mông",
    "Ninh", "Châu", "Chung", "Nhan", "Thân", "Tôn", "Dư", "Y", "La", "Thạch", "Đồng", "Lăng", "Tạ",
    "Phó", "Cung", "Kỷ", "Giáp", "Ất", "Mạc",
}

# Roles not in titles.tsv: ADJUDICATION 9 (pupils, teachers, writers ...), common heads of units,
# and the abbreviations the genre writes before names.
EXTRA_ROLES = [
    ("học sinh", "role"), ("sinh viên", "role"), ("giáo viên", "role"), ("giảng viên", "role"),
    ("nhà văn", "role"), ("nhà thơ", "role"), ("nhà báo", "role"), ("nhạc sĩ", "role"), ("họa sĩ", "role"),
    ("nghệ sĩ", "role"), ("nghệ nhân", "role"), ("kỹ sư", "role"), ("kiến trúc sư", "role"),
    ("phóng viên", "role"), ("biên tập viên", "role"), ("chuyên viên", "role"), ("bác sĩ", "role"), ("điều dưỡng", "role"), ("luật sư", "role"),
    ("chiến sĩ", "role"), ("trợ lý", "role"), ("thư ký", "role"),
    # Epithets of historical figures, written before the name like a title ("Nữ tướng Lê Chân").
    ("Nữ tướng", "role"), ("danh tướng", "role"), ("danh nhân", "role"), ("Nữ anh hùng", "role"),
    ("Trưởng đoàn", "both"), ("Trưởng Ban", "both"), ("Chủ nhiệm", "both"), ("Trưởng khoa", "both"),
    ("Đội trưởng", "both"), ("Tổ trưởng", "both"), ("Trưởng ấp", "local"), ("Trưởng bản", "local"),
    ("Trưởng phố", "local"), ("Kế toán trưởng", "both"), ("Tổng Thư ký", "both"), ("Hiệu phó", "both"),
    ("Tổng Lãnh sự", "state"), ("Đại sứ", "state"), ("Tổng thống", "state"), ("Thủ hiến", "state"),
    ("Trưởng trạm", "both"), ("Trạm trưởng", "both"), ("Trưởng Văn phòng", "both"), ("Trưởng đại diện", "both"),
    ("PGĐ", "abbr"), ("GĐ", "abbr"), ("PCT", "abbr"), ("PBT", "abbr"), ("TGĐ", "abbr"), ("PTGĐ", "abbr"),
    ("TBT", "abbr"), ("ĐBQH", "abbr"), ("UVTW", "abbr"), ("UV BCH", "abbr"),
]

# Spellings of honorifics the file gives only in its notes.
EXTRA_HONORIFICS = [
    ("Đ/c", "đồng chí", "address"), ("đ.c", "đồng chí", "address"), ("Đc", "đồng chí", "address"),
    ("đ/chí", "đồng chí", "address"), ("GS", "Giáo sư", "academic"), ("PGS", "Phó Giáo sư", "academic"),
    ("TS", "Tiến sĩ", "academic"), ("ThS", "Thạc sĩ", "academic"), ("Ths.", "Thạc sĩ", "academic"), ("Th.S", "Thạc sĩ", "academic"), ("Th.S.", "Thạc sĩ", "academic"),
    ("Th.s", "Thạc sĩ", "academic"), ("ThS.BS.", "Thạc sĩ, Bác sĩ", "professional"), ("PGS.TSKH", "Phó Giáo sư, Tiến sĩ khoa học", "academic"),
    ("TSKH", "Tiến sĩ khoa học", "academic"), ("KS", "Kỹ sư", "academic"), ("BS", "Bác sĩ", "professional"),
    ("BSCKI", "Bác sĩ chuyên khoa I", "professional"), ("BSCKII", "Bác sĩ chuyên khoa II", "professional"),
    ("BS.CKI", "Bác sĩ chuyên khoa I", "professional"), ("BS.CKII", "Bác sĩ chuyên khoa II", "professional"),
    ("ThS.BS", "Thạc sĩ, Bác sĩ", "professional"), ("LS", "Luật sư", "professional"),
    ("GS.TS", "Giáo sư, Tiến sĩ", "academic"), ("GS. TS.", "Giáo sư, Tiến sĩ", "academic"),
    ("GS-TS", "Giáo sư, Tiến sĩ", "academic"), ("PGS.TS", "Phó Giáo sư, Tiến sĩ", "academic"),
    ("PGS. TS.", "Phó Giáo sư, Tiến sĩ", "academic"), ("PGS-TS", "Phó Giáo sư, Tiến sĩ", "academic"),
    ("GS.TSKH", "Giáo sư, Tiến sĩ khoa học", "academic"), ("Bác", "Bác", "address"), ("Cụ", "Cụ", "address"),
    ("Đại uý", "Đại úy", "rank"), ("Thượng uý", "Thượng úy", "rank"), ("Trung uý", "Trung úy", "rank"),
    ("Thiếu uý", "Thiếu úy", "rank"), ("Hoà thượng", "Hòa thượng", "clergy"), ("Thượng toạ", "Thượng tọa", "clergy"),
    ("Giáo sư", "Giáo sư", "academic"), ("Phó Giáo sư", "Phó Giáo sư", "academic"),
    ("Tiến sĩ", "Tiến sĩ", "academic"), ("Thạc sĩ", "Thạc sĩ", "academic"), ("Đức cha", "Đức cha", "clergy"),
    ("Liệt sĩ", "Liệt sĩ", "honour"), ("Liệt sỹ", "Liệt sĩ", "honour"), ("Anh hùng", "Anh hùng", "honour"),
    ("Anh hùng Lao động", "Anh hùng Lao động", "honour"),
    ("Anh hùng Lực lượng vũ trang nhân dân", "Anh hùng Lực lượng vũ trang nhân dân", "honour"), ("Mẹ", "Mẹ", "address"),
]
# Countries and regions written like two-syllable names ("Hàn Quốc" starts with a surname).
COUNTRIES = ["Việt Nam", "Trung Quốc", "Hàn Quốc", "Nhật Bản", "Hoa Kỳ", "Thái Lan", "Ấn Độ", "Triều Tiên",
             "Đài Loan", "Hồng Kông", "Ma Cao", "Tây Nguyên", "Nam Bộ", "Bắc Bộ", "Trung Bộ", "Đông Nam Á",
             "Cu Ba", "Lào", "Tây Ban Nha", "Bồ Đào Nha", "Đan Mạch", "Thụy Điển", "Thụy Sĩ", "Na Uy", "Ba Lan",
             "Hy Lạp", "Ai Cập", "Mỹ", "Nga", "Pháp", "Đức", "Anh", "Úc", "Ý", "Lào", "Nhật", "Hàn", "Ấn", "Canada", "Nam Phi", "Mông Cổ", "Tân Tây Lan", "Ả Rập Xê Út", "Triều Tiên", "Miến Điện", "Cam Pu Chia", "Thủ Đô", "Trường Sa", "Hoàng Sa", "Điện Biên Phủ", "Ba Đình"]
# Historical figures the genre commemorates (festivals, anniversaries, streets named after them).
# Many are also district or street names, or use syllables the name samples lack ("Trưng Trắc"),
# so the general name rules miss them; a place word before them ("quận", "đường") still makes
# them places.
HISTORICAL = [
    "Hai Bà Trưng", "Trưng Trắc", "Trưng Nhị", "Bà Triệu", "Triệu Thị Trinh", "Lê Chân", "Thánh Thiên",
    "Ngô Quyền", "Đinh Bộ Lĩnh", "Đinh Tiên Hoàng", "Lê Hoàn", "Lê Đại Hành", "Lý Công Uẩn", "Lý Thái Tổ",
    "Lý Thường Kiệt", "Lý Bí", "Lý Nam Đế", "Triệu Quang Phục", "Mai Thúc Loan", "Phùng Hưng",
    "Dương Đình Nghệ", "Khúc Thừa Dụ", "Trần Hưng Đạo", "Trần Quốc Tuấn", "Trần Nhân Tông",
    "Trần Thánh Tông", "Trần Quốc Toản", "Trần Khánh Dư", "Phạm Ngũ Lão", "Lê Lợi", "Lê Thái Tổ",
    "Nguyễn Trãi", "Lê Lai", "Lê Thánh Tông", "Nguyễn Huệ", "Quang Trung", "Nguyễn Du", "Chu Văn An",
    "Hồ Xuân Hương", "Phan Bội Châu", "Phan Châu Trinh", "Huỳnh Thúc Kháng", "Nguyễn Đình Chiểu",
    "Trương Định", "Nguyễn Trung Trực", "Hoàng Hoa Thám", "Đề Thám", "Hàm Nghi", "Duy Tân", "Thành Thái",
    "Phan Đình Phùng", "Nguyễn Thái Học", "Võ Thị Sáu", "Nguyễn Văn Trỗi", "Lê Văn Tám", "Kim Đồng",
    "Bế Văn Đàn", "Tô Vĩnh Diện", "Phan Đình Giót", "Cù Chính Lan", "Nguyễn Thị Minh Khai",
    "Trường Chinh", "Lê Hồng Phong", "Trần Phú", "Nguyễn Văn Cừ", "Hà Huy Tập", "Võ Nguyên Giáp",
    "Tôn Đức Thắng", "Phạm Văn Đồng", "Lê Duẩn", "Nguyễn Văn Linh", "Hoàng Văn Thụ", "Ngô Gia Tự",
]
# Capitalised phrases that start with a surname but name a thing ("Hoàng Thành Thăng Long",
# "Đoàn Thanh niên"): never a bare person name.
NOT_NAMES = ["Hoàng Thành", "Đoàn Thanh", "Hà Lan", "Hồng Kông", "Lê Mật", "Phan Xi Păng", "Trần Quốc Toản Tuyên"]
STEMS = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"]
BRANCHES = ["Tý", "Sửu", "Dần", "Mão", "Mẹo", "Thìn", "Tỵ", "Tị", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"]
# Head nouns the org kinds list lacks (units, teams, classes, outlets).
EXTRA_HEADS = ["Đội", "Phòng", "Đoàn", "Nhóm", "Lớp", "Tổ", "Khoa", "Câu lạc bộ", "Quân đội", "Tạp chí", "Báo",
               "Đài", "Trạm", "Nhà", "Hội", "Cổng", "Cung", "Vườn", "Tượng đài", "Trung đoàn", "Sư đoàn", "Binh đoàn", "Thành đoàn", "Huyện đoàn"]
GENDER = {"ông": "M", "anh": "M", "thầy": "M", "bà": "F", "chị": "F", "cô": "F", "mẹ": "F"}

# Modifiers: where they stand in a title. titles.tsv gives them; the position is ours.
MODIFIER_POSITION = {"Phó": "part", "Thường trực": "suffix", "Quyền": "prefix", "Phụ trách": "suffix",
                     "nguyên": "prefix", "kiêm": "joiner", "chuyên trách": "suffix"}
EXTRA_MODIFIERS = [("tân", "prefix"), ("Q.", "prefix"), ("Phó", "part")]


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


def write(name, header, lines):
    path = os.path.join(OUT, name)
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
          "# derived by scripts/derive_person_lexicon.py from names/surnames.tsv (UIT count >= 2 or national share)",
          sorted(f"{s}\t{k}" for s, k in surnames.items()))

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
    write("name_syllables.tsv", "# syllable<TAB>uses (m: middle name, g: given name)\n"
          "# derived from names/middle_name_syllables.tsv, given_names.tsv, given_names_boy.txt, given_names_girl.txt",
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
          "# derived from vocab/titles.tsv plus the hand table EXTRA_ROLES of the script",
          sorted(f"{r}\t{g}" for r, g in roles.items()))
    write("modifiers.tsv", "# modifier<TAB>position (prefix: before the role; suffix: after it; joiner: between titles; part: part of the role)\n"
          "# derived from the modifiers at the end of vocab/titles.tsv", sorted(f"{m}\t{p}" for m, p in modifiers.items()))

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
          "# derived from vocab/honorifics.tsv plus the hand table EXTRA_HONORIFICS of the script",
          sorted(f"{h}\t{e}\t{g}\t{GENDER.get(h.lower(), '')}" for h, (e, g) in honorifics.items()))

    heads = set(EXTRA_HEADS)
    for r in rows(os.path.join(vocab, "org_kinds.txt"), skip_header=False):
        heads.add(nfc(r[0]))
    write("org_heads.tsv", "# head nouns of organisation names; derived from vocab/org_kinds.txt", sorted(heads))

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
    places.discard("Hồ Chí Minh")  # a person first; "thành phố/TP" before it marks the place
    write("historical.tsv", "# historical figures commemorated in the genre: a person even when also a place name\n"
          "# hand table HISTORICAL of scripts/derive_person_lexicon.py", sorted(set(nfc(h) for h in HISTORICAL)))
    write("place_names.tsv", "# multi-syllable province and district names (2024, 2025-06, 2025): never a bare person name\n"
          "# derived from gazetteer/provinces_*.csv and districts_*.csv (short_name)", sorted(places))


if __name__ == "__main__":
    main()
