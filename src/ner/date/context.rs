//! What surrounds a candidate: the neighbouring words and characters that confirm or veto it,
//! and the clock time and part of day written next to a date.
//!
//! Word lists are data (the consts below): adding a cue word needs no new code path.

use regex::Regex;

/// Words after which a bare "15/7" or "15 tháng 7" (no "ngày", no year) is read as a date.
pub const DAY_CUES: &[&str] = &[
    "ngày", "hôm", "sáng", "trưa", "chiều", "tối", "đêm", "khuya", "từ", "đến", "tới", "vào",
    "lúc", "hết", "trước", "nay", "dịp", "nhân", "kể", "qua", "đầu", "cuối", "giữa", "rạng",
];

/// Words after which a dotted "2.8" (no year, no "ngày") is a day, not a decimal.
pub const DOTTED_DAY_CUES: &[&str] =
    &["hôm", "nay", "sáng", "trưa", "chiều", "tối", "đêm", "khuya"];

/// Words after which a number is a count, a score, an address or an id, not a date.
pub const NUMBER_NOUNS: &[&str] = &[
    "số",
    "hẻm",
    "ngõ",
    "ngách",
    "kiệt",
    "lô",
    "phòng",
    "nhà",
    "km",
    "tờ",
    "thửa",
    "tổ",
    "khu",
    "điểm",
    "mã",
    "câu",
    "bài",
    "điều",
    "khoản",
    "mục",
    "chương",
    "lệ",
    "đạt",
    "được",
    "chiếm",
    "gồm",
    "có",
    "là",
    "còn",
    "tăng",
    "giảm",
    "lên",
    "xuống",
    "khoảng",
    "hơn",
    "trên",
    "dưới",
    "gần",
    "tổng",
    "bằng",
    "hạng",
    "lần",
    "thứ",
    "tỷ",
    "tỉ",
    "với",
    "cộng",
    "trừ",
    "nhân",
    "chia",
    "xe",
    "biển",
    "kênh",
    "tuyến",
    "đường",
    "phố",
    "quốc",
    "tỉnh",
    "lộ",
    "ql",
    "tl",
    "dt",
    "đt",
    "fax",
    "lớp",
    "khối",
    "tầng",
    "tòa",
    "toà",
    "dãy",
    "căn",
    "ô",
    "kiốt",
    "sạp",
    "chuyến",
    "hẽm",
    "hotline",
    "tel",
    "điện",
    "thoại",
    "mức",
    "giá",
    "top",
    "vòng",
    "trận",
    "cỡ",
];

/// Words before a bare year ("cùng kỳ 2014", "đến 2025") that make it a year.
pub const YEAR_CUES: &[&str] = &[
    "kỳ", "từ", "đến", "tới", "trước", "sau", "mùa", "tết", "khóa", "khoá", "niên", "cuối", "đầu",
    "giữa", "hết", "nhìn",
];

/// Heads of the names of programmes, strategies, schemes and contests (ADJUDICATION 1): a year
/// that closes such a name is a date even when a lower-case phrase sits between ("Chương trình
/// giáo dục phổ thông 2018 đối với ...").
pub const PROGRAMME_HEADS: &[&str] = &[
    "chương trình",
    "chiến lược",
    "đề án",
    "dự án",
    "kế hoạch",
    "quy hoạch",
    "cuộc thi",
    "hội thi",
    "bộ luật",
    "luật",
    "giải",
];

/// Words that may follow a programme's name with its year besides [`AFTER_NAMED_YEAR`]: function
/// words and verbs, never a counted noun ("Chương trình trao 2000 suất quà" is an amount).
pub const AFTER_PROGRAMME_YEAR: &[&str] = &[
    "đối", "theo", "trên", "vào", "như", "mà", "cần", "phải", "bước", "triển", "thực", "tiếp",
    "từ", "đến", "sau", "khi",
];

/// Words that may follow an event name with its year ("Hội chợ Thương mại Quảng Trị 2018 được khai mạc").
pub const AFTER_NAMED_YEAR: &[&str] = &[
    "được", "với", "nhân", "sẽ", "đã", "là", "của", "tại", "diễn", "và", "do", "có", "vừa", "đang",
    "chính", "lần", "khai", "bế", "kết", "chào", "thu", "tổ", "trong", "ở", "này", "quy", "sửa",
    "nêu", "xác", "về", "cho", "để", "cũng", "mới", "gồm", "hướng", "nhằm", "thì",
];

/// Words after "tháng 2" that make it "twice a month", not February.
pub const AFTER_MONTH_VETO: &[&str] = &[
    "lần", "buổi", "kỳ", "đợt", "người", "ngày", "tuần", "giờ", "phút", "tuổi", "lượt", "cuộc",
];

/// Words before "tháng 2" that make it a frequency or a count.
pub const BEFORE_MONTH_VETO: &[&str] = &[
    "mỗi",
    "hằng",
    "hàng",
    "mọi",
    "từng",
    "các",
    "những",
    "số",
    "lương",
    "thưởng",
];

/// Unit words: a year-like number before one of them is an amount ("2023 hộ dân").
pub const UNIT_WORDS: &[&str] = &[
    "hộ",
    "người",
    "lượt",
    "đồng",
    "tỷ",
    "triệu",
    "nghìn",
    "ngàn",
    "km",
    "m",
    "ha",
    "tấn",
    "con",
    "cái",
    "chiếc",
    "bài",
    "tin",
    "trang",
    "đơn",
    "học",
    "thí",
    "ca",
    "trường",
    "xã",
    "cuốn",
    "bản",
    "tác",
    "kg",
    "lít",
    "sản",
    "doanh",
    "hồ",
    "văn",
    "thủ",
    "cán",
    "đảng",
    "gia",
    "căn",
    "phòng",
    "giường",
    "m2",
    "m3",
    "usd",
    "vnđ",
    "đ",
    "lao",
    "hội",
    "thành",
    "tuần",
    "năm",
    "tháng",
    "quý",
    "số",
    "phần",
];

/// The ten heavenly stems that open the name of a lunar year ("Quý Mão", "Giáp Thìn").
pub const HEAVENLY_STEMS: &[&str] = &[
    "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý",
];

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character just before `pos`.
pub fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

/// The character just after `pos`.
pub fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// The word before `pos` (skipping blanks), lower-cased, with its start offset. `None` when a
/// non-word character (punctuation) or the start of the text comes first.
pub fn word_before(text: &str, pos: usize) -> Option<(String, usize)> {
    let head = text.get(..pos)?;
    let trimmed = head.trim_end_matches([' ', '\t', '\u{a0}', '\n', '\r']);
    let end = trimmed.len();
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map(|(i, _)| i)?;
    Some((lower(&trimmed[start..end]), start))
}

/// The word after `pos` (skipping blanks), lower-cased. `None` when punctuation comes first.
pub fn word_after(text: &str, pos: usize) -> Option<String> {
    let tail = text.get(pos..)?;
    let trimmed = tail.trim_start_matches([' ', '\t', '\u{a0}', '\n', '\r']);
    let end = trimmed
        .char_indices()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(trimmed.len(), |(i, _)| i);
    (end > 0).then(|| lower(&trimmed[..end]))
}

/// The first non-blank character after `pos`.
pub fn next_visible(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?
        .chars()
        .find(|c| !matches!(c, ' ' | '\t' | '\u{a0}'))
}

/// Lower case, with the eth that stands in for "Đ" folded to "đ".
pub fn lower(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ð' { 'đ' } else { c })
        .collect()
}

/// A clock time and a part of day found around a date.
#[derive(Debug, Default)]
pub struct Attached {
    pub time: Option<String>,
    pub part_of_day: Option<String>,
}

/// The patterns of clock times and parts of day written before and after a date.
#[derive(Debug)]
pub struct TimePatterns {
    before: Regex,
    after: Regex,
}

impl TimePatterns {
    pub fn build() -> TimePatterns {
        // Constants of this module; a failure here is a bug caught by every test.
        TimePatterns {
            before: Regex::new(BEFORE_TIME).expect("time pattern compiles"),
            after: Regex::new(AFTER_TIME).expect("time pattern compiles"),
        }
    }
}

const BEFORE_TIME: &str = r"(?i)(?:(?P<h>[0-9]{1,2})[ \t]*(?:giờ|h|g|:)[ \t]*(?P<mi>[0-9]{1,2})?[ \t]*(?:phút[ \t]*|'[ \t]*)?(?:(?P<pod1>sáng|trưa|chiều|tối|đêm)[ \t]*)?[,\-–]?\s*)?(?:(?P<pod2>sáng|trưa|chiều|tối|đêm|khuya)[ \t]*,?\s*)?(?:vào\s+)?(?:lúc\s+)?(?:hôm\s+)?$";

const AFTER_TIME: &str = r"(?i)^[ \t]*(?:\||,|-|–|lúc)?[ \t]*(?:lúc[ \t]+)?(?P<h>[0-9]{1,2})(?:(?::|h)(?P<mi>[0-9]{2})|[ \t]*giờ(?:[ \t]*(?P<mi2>[0-9]{1,2}))?)(?:[ \t]*(?P<ap>AM|PM|SA|CH))?";

fn clock(hour: &str, minute: Option<&str>, meridiem: Option<&str>) -> Option<String> {
    let mut h: u32 = hour.parse().ok()?;
    let m: u32 = minute.map_or(Ok(0), str::parse).ok()?;
    match meridiem.map(lower).as_deref() {
        Some("pm") | Some("ch") if h < 12 => h += 12,
        Some("am") | Some("sa") if h == 12 => h = 0,
        _ => {}
    }
    (h < 24 && m < 60).then(|| format!("{h:02}:{m:02}"))
}

/// The time and part of day written just before `start` ("14 giờ 30, sáng ngày", "8h30 ngày",
/// "Chiều 16/3") or a time just after `end` ("24/08/2022 | 04:30 PM").
pub fn attached(
    patterns: &TimePatterns,
    text: &str,
    start: usize,
    end: usize,
    with_time_after: bool,
) -> Attached {
    let mut out = Attached::default();
    let mut from = start.saturating_sub(48);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let window = &text[from..start];
    if let Some(caps) = patterns.before.captures(window) {
        let whole = caps.get(0).map_or(0, |m| m.start());
        let left_ok = char_before(window, whole).map_or(true, |c| !is_word_char(c));
        if left_ok {
            if let Some(h) = caps.name("h") {
                out.time = clock(h.as_str(), caps.name("mi").map(|m| m.as_str()), None);
            }
            out.part_of_day = caps
                .name("pod2")
                .or_else(|| caps.name("pod1"))
                .map(|m| lower(m.as_str()));
        } else if let Some(pod) = caps.name("pod2") {
            // "buổi sáng ngày ..." : the part of day still counts when its own word is whole.
            if char_before(window, pod.start()).map_or(true, |c| !is_word_char(c)) {
                out.part_of_day = Some(lower(pod.as_str()));
            }
        }
    }
    if out.time.is_none() && with_time_after {
        if let Some(caps) = text
            .get(end..)
            .and_then(|tail| patterns.after.captures(tail))
        {
            if let Some(h) = caps.name("h") {
                let minute = caps
                    .name("mi")
                    .or_else(|| caps.name("mi2"))
                    .map(|m| m.as_str());
                out.time = clock(h.as_str(), minute, caps.name("ap").map(|m| m.as_str()));
            }
        }
    }
    out
}
