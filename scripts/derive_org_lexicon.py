#!/usr/bin/env python3
"""Derive the organisation lexicons of tintuc from ../shared/vocab (and the province names of
../shared/gazetteer) into data/lexicon/org/*.tsv. Deterministic: same inputs, same bytes out.

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


# Kind groups of org_kinds.txt, mapped to the kinds tintuc reports.
GROUP_KIND = {
    "local_state": "local_state", "front": "front", "party": "party", "central_state": "central",
    "both": "state", "security": "security", "judicial": "court", "media": "media",
    "enterprise": "enterprise",
}

# How each head of org_kinds.txt continues; heads not listed here are "name" heads.
HEAD_MODE = {
    "Ủy ban nhân dân": "owner", "Hội đồng nhân dân": "owner", "Ủy ban Mặt trận Tổ quốc Việt Nam": "owner",
    "Mặt trận Tổ quốc": "owner", "Tỉnh ủy": "alone", "Thành ủy": "alone", "Huyện ủy": "alone",
    "Quận ủy": "alone", "Thị ủy": "alone", "Đảng ủy": "owner", "Đảng bộ": "owner", "Chi bộ": "owner",
    "Ban Chấp hành": "owner", "Ban Thường vụ": "owner", "Ban cán sự đảng": "owner", "Đảng đoàn": "owner",
    "Ủy ban Kiểm tra": "owner", "Ban Tổ chức": "owner", "Ban Tuyên giáo": "owner", "Ban Dân vận": "owner",
    "Ban Nội chính": "owner", "Bộ": "domain", "Cơ quan ngang bộ": "skip", "Tổng cục": "name", "Cục": "name",
    "Vụ": "name", "Văn phòng": "owner", "Thanh tra": "owner", "Sở": "domain", "Phòng": "name",
    "Chi cục": "name", "Trung tâm": "name", "Ban": "name", "Ban Chỉ đạo": "name", "Ban Quản lý": "lowername",
    "Hội đồng": "name", "Ủy ban": "name", "Cụm thi đua": "cluster", "Khối thi đua": "cluster",
    "Viện": "name", "Học viện": "name", "Trường": "skip", "Đại học": "name", "Bệnh viện": "name",
    "Kho bạc Nhà nước": "owner", "Bảo hiểm xã hội": "owner", "Công an": "owner",
    "Bộ Chỉ huy Quân sự": "owner", "Bộ Chỉ huy Bộ đội Biên phòng": "owner", "Tòa án nhân dân": "owner",
    "Viện kiểm sát nhân dân": "owner", "Liên đoàn Lao động": "owner", "Hội Liên hiệp Phụ nữ": "owner",
    "Tỉnh đoàn": "alone", "Hội Nông dân": "owner", "Hội Cựu chiến binh": "owner", "Hội Chữ thập đỏ": "owner",
    "Đài Phát thanh và Truyền hình": "owner", "Báo": "name", "Tạp chí": "name", "Tập đoàn": "name",
    "Tổng công ty": "name", "Công ty": "lowername", "Ngân hàng": "name", "Hợp tác xã": "lowername",
}

# Head kinds that org_kinds.txt files under a broad group but tintuc reports more precisely.
HEAD_KIND = {
    "Bộ": "ministry", "Sở": "department", "Phòng": "office", "Trường": "school", "Đại học": "school",
    "Học viện": "school", "Bệnh viện": "hospital", "Cụm thi đua": "emulation_cluster",
    "Khối thi đua": "emulation_cluster", "Viện": "institute",
}

# Heads the vocabulary does not list (or lists only as notes), with their kind and mode. Written
# forms of the same head (abbreviated, hyphenated) are separate rows with the canonical form last.
EXTRA_HEADS = [
    ("UBND", "local_state", "owner", "Ủy ban nhân dân"),
    ("UB nhân dân", "local_state", "owner", "Ủy ban nhân dân"),
    ("HĐND", "local_state", "owner", "Hội đồng nhân dân"),
    ("HDND", "local_state", "owner", "Hội đồng nhân dân"),
    ("UBMTTQ", "front", "owner", "Ủy ban Mặt trận Tổ quốc"),
    ("Ủy ban MTTQ", "front", "owner", "Ủy ban Mặt trận Tổ quốc"),
    ("Ủy ban MTTQ Việt Nam", "front", "owner", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    ("Ủy ban Mặt trận Tổ quốc", "front", "owner", "Ủy ban Mặt trận Tổ quốc"),
    ("MTTQ", "front", "owner", "Mặt trận Tổ quốc"),
    ("Thành đoàn", "front", "alone", "Thành đoàn"),
    ("Huyện đoàn", "front", "alone", "Huyện đoàn"),
    ("Quận đoàn", "front", "alone", "Quận đoàn"),
    ("Đảng ủy cơ quan", "party", "owner", "Đảng ủy cơ quan"),
    ("Đảng bộ cơ quan", "party", "owner", "Đảng bộ cơ quan"),
    ("Đảng ủy Khối các cơ quan", "party", "owner", "Đảng ủy Khối các cơ quan"),
    ("Đảng ủy Khối doanh nghiệp", "party", "owner", "Đảng ủy Khối doanh nghiệp"),
    ("BCH", "party", "owner", "Ban Chấp hành"),
    ("BTV", "party", "owner", "Ban Thường vụ"),
    ("UBKT", "party", "owner", "Ủy ban Kiểm tra"),
    ("Ban Tuyên giáo và Dân vận", "party", "owner", "Ban Tuyên giáo và Dân vận"),
    ("Ban Tổ chức", "party", "owner", "Ban Tổ chức"),
    ("Công đoàn", "front", "owner", "Công đoàn"),
    ("Công đoàn viên chức", "front", "owner", "Công đoàn viên chức"),
    ("Công đoàn ngành", "front", "owner", "Công đoàn ngành"),
    ("LĐLĐ", "front", "owner", "Liên đoàn Lao động"),
    ("Hội LHPN", "front", "owner", "Hội Liên hiệp Phụ nữ"),
    ("HLHPN", "front", "owner", "Hội Liên hiệp Phụ nữ"),
    ("Hội CCB", "front", "owner", "Hội Cựu chiến binh"),
    ("Hội Nhà báo", "association", "owner", "Hội Nhà báo"),
    ("Đoàn Thanh niên", "front", "owner", "Đoàn Thanh niên"),
    ("Đoàn TNCS Hồ Chí Minh", "front", "owner", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "front", "owner", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    ("Đoàn đại biểu Quốc hội", "central", "owner", "Đoàn đại biểu Quốc hội"),
    ("Đoàn ĐBQH", "central", "owner", "Đoàn đại biểu Quốc hội"),
    ("CA", "security", "owner", "Công an"),
    ("Bộ CHQS", "security", "owner", "Bộ Chỉ huy Quân sự"),
    ("Ban Chỉ huy Quân sự", "security", "owner", "Ban Chỉ huy Quân sự"),
    ("Ban CHQS", "security", "owner", "Ban Chỉ huy Quân sự"),
    ("Bộ Chỉ huy BĐBP", "security", "owner", "Bộ Chỉ huy Bộ đội Biên phòng"),
    ("Bộ đội Biên phòng", "security", "owner", "Bộ đội Biên phòng"),
    ("BĐBP", "security", "owner", "Bộ đội Biên phòng"),
    ("Cảnh sát PCCC", "security", "owner", "Cảnh sát phòng cháy và chữa cháy"),
    ("Cảnh sát PCCC và CNCH", "security", "owner", "Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ"),
    ("Cảnh sát phòng cháy và chữa cháy", "security", "owner", "Cảnh sát phòng cháy và chữa cháy"),
    ("Cảnh sát phòng cháy, chữa cháy", "security", "owner", "Cảnh sát phòng cháy, chữa cháy"),
    ("Phòng Cảnh sát giao thông", "security", "owner", "Phòng Cảnh sát giao thông"),
    ("TAND", "court", "owner", "Tòa án nhân dân"),
    ("VKSND", "court", "owner", "Viện kiểm sát nhân dân"),
    ("KBNN", "central", "owner", "Kho bạc Nhà nước"),
    ("BHXH", "central", "owner", "Bảo hiểm xã hội"),
    ("Cục Thuế", "central", "owner", "Cục Thuế"),
    ("Chi cục Thuế", "central", "owner", "Chi cục Thuế"),
    ("Cục Hải quan", "central", "owner", "Cục Hải quan"),
    ("Cục Thống kê", "central", "owner", "Cục Thống kê"),
    ("Thanh tra", "state", "owner", "Thanh tra"),
    ("Đài PTTH", "media", "owner", "Đài Phát thanh và Truyền hình"),
    ("Đài PT-TH", "media", "owner", "Đài Phát thanh và Truyền hình"),
    ("Đài PT&TH", "media", "owner", "Đài Phát thanh và Truyền hình"),
    ("Đài Phát thanh - Truyền hình", "media", "owner", "Đài Phát thanh và Truyền hình"),
    ("Đài Phát thanh Truyền hình", "media", "owner", "Đài Phát thanh và Truyền hình"),
    ("Đài Truyền hình", "media", "owner", "Đài Truyền hình"),
    ("Đài Phát thanh", "media", "owner", "Đài Phát thanh"),
    ("Báo và Phát thanh, Truyền hình", "media", "owner", "Báo và Phát thanh, Truyền hình"),
    ("Bưu điện", "enterprise", "owner", "Bưu điện"),
    ("Viễn thông", "enterprise", "owner", "Viễn thông"),
    ("Hội đồng thi đua, khen thưởng", "state", "owner", "Hội đồng thi đua, khen thưởng"),
    ("Hội đồng thi đua khen thưởng", "state", "owner", "Hội đồng thi đua, khen thưởng"),
    ("Hội đồng Thi đua - Khen thưởng", "state", "owner", "Hội đồng Thi đua - Khen thưởng"),
    ("Hội đồng TĐKT", "state", "owner", "Hội đồng thi đua, khen thưởng"),
    ("Ban Thi đua - Khen thưởng", "state", "owner", "Ban Thi đua - Khen thưởng"),
    ("Ban An toàn giao thông", "state", "owner", "Ban An toàn giao thông"),
    ("Ban ATGT", "state", "owner", "Ban An toàn giao thông"),
    ("Ban Pháp chế", "local_state", "owner", "Ban Pháp chế"),
    ("Ban Kinh tế - Ngân sách", "local_state", "owner", "Ban Kinh tế - Ngân sách"),
    ("Ban Văn hóa - Xã hội", "local_state", "owner", "Ban Văn hóa - Xã hội"),
    ("Ban Dân tộc", "local_state", "owner", "Ban Dân tộc"),
    ("Trung tâm Y tế", "hospital", "owner", "Trung tâm Y tế"),
    ("Trung tâm Phục vụ hành chính công", "local_state", "owner", "Trung tâm Phục vụ hành chính công"),
    ("Văn phòng HĐND và UBND", "local_state", "owner", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
    ("Văn phòng Đoàn ĐBQH và HĐND", "local_state", "owner", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân"),
    ("Tổng công ty", "enterprise", "name", "Tổng công ty"),
    ("Công ty TNHH", "enterprise", "lowername", "Công ty TNHH"),
    ("Công ty CP", "enterprise", "lowername", "Công ty cổ phần"),
    ("Công ty cổ phần", "enterprise", "lowername", "Công ty cổ phần"),
    ("Ngân hàng TMCP", "enterprise", "name", "Ngân hàng thương mại cổ phần"),
    ("HTX", "enterprise", "lowername", "Hợp tác xã"),
    ("Hội", "association", "name", "Hội"),
    ("Hiệp hội", "association", "name", "Hiệp hội"),
    ("Liên hiệp", "association", "name", "Liên hiệp"),
    ("Liên đoàn", "association", "name", "Liên đoàn"),
    ("Câu lạc bộ", "association", "name", "Câu lạc bộ"),
    ("Quỹ", "state", "lowername", "Quỹ"),
    ("Vườn ươm", "state", "lowername", "Vườn ươm"),
    ("Đội", "security", "name", "Đội"),
    ("Báo điện tử", "media", "name", "Báo điện tử"),
    ("Nhà xuất bản", "media", "name", "Nhà xuất bản"),
    ("NXB", "media", "name", "Nhà xuất bản"),
    ("Trường THPT", "school", "name", "Trường Trung học phổ thông"),
    ("Trường THPT chuyên", "school", "name", "Trường Trung học phổ thông chuyên"),
    ("Trường THCS", "school", "name", "Trường Trung học cơ sở"),
    ("Trường PTTH", "school", "name", "Trường Phổ thông trung học"),
    ("Trường Tiểu học", "school", "name", "Trường Tiểu học"),
    ("Trường Mầm non", "school", "name", "Trường Mầm non"),
    ("Trường Đại học", "school", "name", "Trường Đại học"),
    ("Trường Cao đẳng", "school", "name", "Trường Cao đẳng"),
    ("Trường Trung cấp", "school", "name", "Trường Trung cấp"),
    ("Trường Chính trị", "school", "owner", "Trường Chính trị"),
    ("Trung tâm", "state", "name", "Trung tâm"),
    # Commune health stations, disease control centres, military commands, household businesses,
    # provincial cooperative alliances, portals and city radio: heads of the genre the vocabulary
    # does not list.
    ("Trạm Y tế", "hospital", "owner", "Trạm Y tế"),
    ("CDC", "hospital", "owner", "Trung tâm Kiểm soát bệnh tật"),
    ("Bộ Tư lệnh", "security", "name", "Bộ Tư lệnh"),
    ("Hộ kinh doanh", "enterprise", "name", "Hộ kinh doanh"),
    ("Liên minh Hợp tác xã", "association", "owner", "Liên minh Hợp tác xã"),
    ("Liên minh HTX", "association", "owner", "Liên minh Hợp tác xã"),
    ("Cổng TTĐT", "media", "owner", "Cổng Thông tin điện tử"),
    ("Cổng Thông tin điện tử", "media", "owner", "Cổng Thông tin điện tử"),
    ("Đài Tiếng nói Nhân dân", "media", "owner", "Đài Tiếng nói Nhân dân"),
]

# Complete names the vocabulary does not hold: international bodies, national media and dateline
# tags, and national enterprises. flags: "case" = the written case must match (bare outlet names
# that are also common words), "bare" = counts without a head noun before it.
EXTRA_NAMES = [
    ("Liên hợp quốc", "international", "Liên hợp quốc", "", ""),
    ("Liên Hợp Quốc", "international", "Liên hợp quốc", "", ""),
    ("Liên hiệp quốc", "international", "Liên hợp quốc", "", ""),
    ("LHQ", "international", "Liên hợp quốc", "", "case bare"),
    ("UNESCO", "international", "UNESCO", "", "case bare"),
    ("UNICEF", "international", "UNICEF", "", "case bare"),
    ("UNDP", "international", "UNDP", "", "case bare"),
    ("WHO", "international", "Tổ chức Y tế Thế giới", "", "case bare"),
    ("WTO", "international", "Tổ chức Thương mại Thế giới", "", "case bare"),
    ("ASEAN", "international", "ASEAN", "", "case bare"),
    ("APEC", "international", "APEC", "", "case bare"),
    ("UPU", "international", "Liên minh Bưu chính Thế giới", "", "case bare"),
    ("ITU", "international", "Liên minh Viễn thông Quốc tế", "", "case bare"),
    ("ILO", "international", "Tổ chức Lao động Quốc tế", "", "case bare"),
    ("FAO", "international", "Tổ chức Lương thực và Nông nghiệp Liên hợp quốc", "", "case bare"),
    ("IMF", "international", "Quỹ Tiền tệ Quốc tế", "", "case bare"),
    ("OECD", "international", "OECD", "", "case bare"),
    ("ADB", "international", "Ngân hàng Phát triển châu Á", "", "case bare"),
    ("JICA", "international", "JICA", "", "case bare"),
    ("KOICA", "international", "KOICA", "", "case bare"),
    ("USAID", "international", "USAID", "", "case bare"),
    ("EU", "international", "Liên minh châu Âu", "", "case bare"),
    ("World Bank", "international", "Ngân hàng Thế giới", "", ""),
    ("Ngân hàng Thế giới", "international", "Ngân hàng Thế giới", "", ""),
    ("Liên minh châu Âu", "international", "Liên minh châu Âu", "", ""),
    ("Liên minh Châu Âu", "international", "Liên minh châu Âu", "", ""),
    ("Liên minh Viễn thông Quốc tế", "international", "Liên minh Viễn thông Quốc tế", "", ""),
    ("Liên minh Bưu chính Thế giới", "international", "Liên minh Bưu chính Thế giới", "", ""),
    ("Tổ chức Y tế Thế giới", "international", "Tổ chức Y tế Thế giới", "", ""),
    ("Tổ chức Thương mại Thế giới", "international", "Tổ chức Thương mại Thế giới", "", ""),
    ("Quỹ Tiền tệ Quốc tế", "international", "Quỹ Tiền tệ Quốc tế", "", ""),
    # national media: names that stand alone, in their written case
    ("Nhân Dân", "media", "Báo Nhân Dân", "", "case"),
    ("Hà Nội mới", "media", "Báo Hà Nội mới", "", "case bare"),
    ("Hànộimới", "media", "Báo Hà Nội mới", "", "case bare"),
    ("Kinh tế & Đô thị", "media", "Báo Kinh tế & Đô thị", "", "case bare"),
    ("Kinh tế và Đô thị", "media", "Báo Kinh tế & Đô thị", "", "case bare"),
    ("Kinh tế đô thị", "media", "Báo Kinh tế & Đô thị", "", "case"),
    ("KTĐT", "media", "Báo Kinh tế & Đô thị", "", "case"),
    ("An ninh Thủ đô", "media", "Báo An ninh Thủ đô", "", "case bare"),
    ("Lao động Thủ đô", "media", "Báo Lao động Thủ đô", "", "case bare"),
    ("Quốc phòng Thủ đô", "media", "Báo Quốc phòng Thủ đô", "", "case bare"),
    ("Pháp luật và Xã hội", "media", "Báo Pháp luật và Xã hội", "", "case"),
    ("Tiền phong", "media", "Báo Tiền phong", "", "case"),
    ("Tiền Phong", "media", "Báo Tiền Phong", "", "case"),
    ("Thiếu niên Tiền phong", "media", "Báo Thiếu niên Tiền phong", "", "case"),
    ("Quân đội nhân dân", "media", "Báo Quân đội nhân dân", "", "case"),
    ("Công an nhân dân", "media", "Báo Công an nhân dân", "", "case"),
    ("Thanh Niên", "media", "Báo Thanh Niên", "", "case"),
    ("Tuổi Trẻ", "media", "Báo Tuổi Trẻ", "", "case bare"),
    ("Lao Động", "media", "Báo Lao Động", "", "case"),
    ("Người Lao động", "media", "Báo Người Lao động", "", "case bare"),
    ("Sài Gòn Giải Phóng", "media", "Báo Sài Gòn Giải Phóng", "", "case bare"),
    ("Đại Đoàn Kết", "media", "Báo Đại Đoàn Kết", "", "case"),
    ("Dân trí", "media", "Báo Dân trí", "", "case"),
    ("VnExpress", "media", "VnExpress", "", "case bare"),
    ("VietNamNet", "media", "VietNamNet", "", "case bare"),
    ("Vietnamnet", "media", "VietNamNet", "", "case bare"),
    ("VietnamPlus", "media", "VietnamPlus", "", "case bare"),
    ("Tiếng nói Việt Nam", "media", "Đài Tiếng nói Việt Nam", "", "case bare"),
    ("VOV", "media", "Đài Tiếng nói Việt Nam", "", "case bare"),
    ("VOV.VN", "media", "Đài Tiếng nói Việt Nam", "", "case bare"),
    ("VTV", "media", "Đài Truyền hình Việt Nam", "", "case bare"),
    ("VTC", "media", "Đài Truyền hình KTS VTC", "", "case bare"),
    ("HTV", "media", "Đài Truyền hình Thành phố Hồ Chí Minh", "", "case bare"),
    ("TTXVN", "media", "Thông tấn xã Việt Nam", "", "case bare"),
    ("VNA", "media", "Thông tấn xã Việt Nam", "", "case bare"),
    ("TTO", "media", "Tuổi Trẻ Online", "", "case bare"),
    ("PLO", "media", "Pháp Luật TP.HCM Online", "", "case bare"),
    ("NDO", "media", "Nhân Dân điện tử", "", "case bare"),
    ("SGGP", "media", "Báo Sài Gòn Giải Phóng", "", "case bare"),
    ("HNP", "media", "Cổng Giao tiếp điện tử Hà Nội", "", "case bare"),
    ("Cổng Giao tiếp điện tử Hà Nội", "media", "Cổng Giao tiếp điện tử Hà Nội", "", ""),
    ("CĐVC", "front", "Công đoàn Viên chức", "", "case bare"),
    ("QĐND", "media", "Báo Quân đội nhân dân", "", "case"),
    ("ICTnews", "media", "ICTnews", "", "case bare"),
    ("Đài Truyền hình VN", "media", "Đài Truyền hình Việt Nam", "", ""),
    ("Đài Truyền hình TPHCM", "media", "Đài Truyền hình Thành phố Hồ Chí Minh", "", ""),
    ("Đài Truyền hình TP.HCM", "media", "Đài Truyền hình Thành phố Hồ Chí Minh", "", ""),
    # national enterprises and banks
    ("Vietcombank", "enterprise", "Ngân hàng TMCP Ngoại thương Việt Nam", "", "case bare"),
    ("BIDV", "enterprise", "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam", "", "case bare"),
    ("Agribank", "enterprise", "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam", "", "case bare"),
    ("VietinBank", "enterprise", "Ngân hàng TMCP Công Thương Việt Nam", "", "case bare"),
    ("Vietinbank", "enterprise", "Ngân hàng TMCP Công Thương Việt Nam", "", "case bare"),
    ("Techcombank", "enterprise", "Techcombank", "", "case bare"),
    ("VPBank", "enterprise", "VPBank", "", "case bare"),
    ("Sacombank", "enterprise", "Sacombank", "", "case bare"),
    ("VNPT", "enterprise", "Tập đoàn Bưu chính Viễn thông Việt Nam", "", "case bare"),
    ("Viettel", "enterprise", "Tập đoàn Công nghiệp - Viễn thông Quân đội", "", "case bare"),
    ("MobiFone", "enterprise", "Tổng công ty Viễn thông MobiFone", "", "case bare"),
    ("Mobifone", "enterprise", "Tổng công ty Viễn thông MobiFone", "", "case bare"),
    ("VinaPhone", "enterprise", "VinaPhone", "", "case bare"),
    ("Vinaphone", "enterprise", "VinaPhone", "", "case bare"),
    ("FPT", "enterprise", "FPT", "", "case bare"),
    ("Bkav", "enterprise", "Bkav", "", "case bare"),
    ("BKAV", "enterprise", "Bkav", "", "case bare"),
    ("CMC", "enterprise", "CMC", "", "case bare"),
    ("EVN", "enterprise", "Tập đoàn Điện lực Việt Nam", "", "case bare"),
    ("VNPost", "enterprise", "Tổng công ty Bưu điện Việt Nam", "", "case bare"),
    ("Vietnam Airlines", "enterprise", "Vietnam Airlines", "", "bare"),
    ("Petrolimex", "enterprise", "Petrolimex", "", "case bare"),
    ("Vingroup", "enterprise", "Vingroup", "", "case bare"),
    ("Hanel", "enterprise", "Hanel", "", "case"),
    # unique national bodies the vocabulary lists under other spellings
    ("Trung ương Đoàn", "front", "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", "", ""),
    ("Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", "front", "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", "", ""),
    ("Quân đội nhân dân Việt Nam", "security", "Quân đội nhân dân Việt Nam", "", ""),
    ("Tổng cục Chính trị", "security", "Tổng cục Chính trị Quân đội nhân dân Việt Nam", "", ""),
    ("Ủy ban Văn hóa, Giáo dục, Thanh niên, Thiếu niên và Nhi đồng", "central", "Ủy ban Văn hóa, Giáo dục, Thanh niên, Thiếu niên và Nhi đồng của Quốc hội", "", ""),
    ("Ủy ban Văn hóa, Giáo dục", "central", "Ủy ban Văn hóa, Giáo dục của Quốc hội", "", ""),
    ("Ban Tuyên giáo TW", "party", "Ban Tuyên giáo Trung ương", "", ""),
    ("Ban Tổ chức TW", "party", "Ban Tổ chức Trung ương", "", ""),
    ("Ban Chấp hành Trung ương", "party", "Ban Chấp hành Trung ương Đảng", "", ""),
    ("BCH Trung ương", "party", "Ban Chấp hành Trung ương Đảng", "", ""),
    ("Thông tấn xã Việt Nam", "media", "Thông tấn xã Việt Nam", "", ""),
    ("Tổng Liên đoàn Lao động Việt Nam", "front", "Tổng Liên đoàn Lao động Việt Nam", "", ""),
    # units of the ministry of information and communications (the genre's most cited ministry)
    ("Cục Báo chí", "central", "Cục Báo chí", "", ""),
    ("Cục Xuất bản", "central", "Cục Xuất bản, In và Phát hành", "", ""),
    ("Cục Xuất bản, In và Phát hành", "central", "Cục Xuất bản, In và Phát hành", "", ""),
    ("Cục Phát thanh, truyền hình và thông tin điện tử", "central", "Cục Phát thanh, truyền hình và thông tin điện tử", "", ""),
    ("Cục Phát thanh, Truyền hình và Thông tin điện tử", "central", "Cục Phát thanh, truyền hình và thông tin điện tử", "", ""),
    ("Cục An toàn thông tin", "central", "Cục An toàn thông tin", "", ""),
    ("Cục Viễn thông", "central", "Cục Viễn thông", "", ""),
    ("Cục Tần số vô tuyến điện", "central", "Cục Tần số vô tuyến điện", "", ""),
    ("Cục Thông tin cơ sở", "central", "Cục Thông tin cơ sở", "", ""),
    ("Cục Thông tin đối ngoại", "central", "Cục Thông tin đối ngoại", "", ""),
    ("Cục Tin học hóa", "central", "Cục Tin học hóa", "", ""),
    ("Cục Chuyển đổi số quốc gia", "central", "Cục Chuyển đổi số quốc gia", "", ""),
    ("Cục Bưu điện Trung ương", "central", "Cục Bưu điện Trung ương", "", ""),
    ("Trung tâm Ứng cứu khẩn cấp máy tính Việt Nam", "central", "Trung tâm Ứng cứu khẩn cấp máy tính Việt Nam", "", ""),
    ("VNCERT", "central", "Trung tâm Ứng cứu khẩn cấp máy tính Việt Nam", "", "case bare"),
    ("Quỹ Dịch vụ viễn thông công ích Việt Nam", "central", "Quỹ Dịch vụ viễn thông công ích Việt Nam", "", ""),
    # Hà Nội outlets that stand alone in lists of the city's press
    ("Tuổi trẻ Thủ đô", "media", "Báo Tuổi trẻ Thủ đô", "", "case bare"),
    ("Phụ nữ Thủ đô", "media", "Báo Phụ nữ Thủ đô", "", "case bare"),
    ("Người Hà Nội", "media", "Tạp chí Người Hà Nội", "", "case"),
    # technology companies named in the genre's IT news
    ("Microsoft", "enterprise", "Microsoft", "", "case bare"),
    ("Samsung", "enterprise", "Samsung", "", "case bare"),
    ("Intel", "enterprise", "Intel", "", "case bare"),
    ("IBM", "enterprise", "IBM", "", "case bare"),
    ("Cisco", "enterprise", "Cisco", "", "case bare"),
    ("Huawei", "enterprise", "Huawei", "", "case bare"),
    ("Nokia", "enterprise", "Nokia", "", "case bare"),
    ("Ericsson", "enterprise", "Ericsson", "", "case bare"),
    ("Qualcomm", "enterprise", "Qualcomm", "", "case bare"),
    ("Oracle", "enterprise", "Oracle", "", "case bare"),
    ("VNG", "enterprise", "VNG", "", "case bare"),
    ("MISA", "enterprise", "MISA", "", "case bare"),
    ("Gtel", "enterprise", "Gtel", "", "case bare"),
    ("Vietnamobile", "enterprise", "Vietnamobile", "", "case bare"),
    ("VTVcab", "media", "VTVcab", "", "case bare"),
    ("SCTV", "media", "SCTV", "", "case bare"),
    ("AVG", "enterprise", "AVG", "", "case bare"),
]

# Central bodies that are titles or generic references, not bodies: never names on their own.
NOT_BODIES = {"Thủ tướng Chính phủ", "Chủ tịch nước", "Tổng Thư ký Quốc hội", "Ban cán sự đảng",
              "Đảng đoàn", "Đoàn đại biểu Quốc hội", "Ủy ban Pháp luật", "Ủy ban Tư pháp", "Ủy ban Kinh tế",
              "Ủy ban Xã hội"}

# Abbreviations of abbreviations.tsv that are heads (need a qualifier) or too ambiguous to stand alone
# ("BBT" is the editorial board of a paper as often as the Party secretariat).
NOT_NAME_ABBREVIATIONS = {"BBT", "UBND", "HĐND", "MTTQ", "UBMTTQ", "BCH", "BTV", "UBKT", "BTC", "BCT", "CP", "QH",
                          "TAND", "VKSND", "BHXH", "KBNN", "BCĐ", "BQL", "BQLDA", "LĐLĐ", "HLHPN", "ĐTN",
                          "HND", "BĐBP", "CAND", "QĐND", "Đoàn ĐBQH", "STC", "SCT", "STP", "SXD", "SYT", "BXD",
                          "BTP", "BYT"}

GROUP_OF_CENTRAL = {"state": "central", "gov_agency": "central", "party": "party", "front": "front"}
MEDIA_BODIES = {"Thông tấn xã Việt Nam", "Đài Tiếng nói Việt Nam", "Đài Truyền hình Việt Nam"}


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
    # The provincial ethnic-affairs board follows its ministry-level body (Ủy ban Dân tộc).
    add_name("Ban Dân tộc", "local_state", "Ban Dân tộc", "Sở Dân tộc và Tôn giáo", "")

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
    places.update(["Việt Nam", "TP.HCM", "TPHCM", "TP HCM", "TP. HCM", "HN", "Trung ương", "TW", "Thủ đô"])

    os.makedirs(OUT, exist_ok=True)
    header = "# derived by scripts/derive_org_lexicon.py from ../shared/vocab; do not edit by hand\n"
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
