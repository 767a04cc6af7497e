//! Reading the numbers of a date phrase back out of its span: which number is the day, the
//! month or the year, by the words before them ("ngày", "tháng", "năm") or by their order.

use super::context;

/// Relative years written after a month or quarter ("tháng 11 năm trước").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Relative {
    /// "năm nay": the publication year.
    This,
    /// "năm trước", "năm sau", "năm tới", "năm ngoái": relative to a year the text may not give.
    Other,
}

/// The numbers of a date phrase, by the slot the words or their order put them in.
#[derive(Debug, Default, Clone, Copy)]
pub struct Parts {
    pub day: Option<u32>,
    pub month: Option<u32>,
    pub year: Option<i32>,
    pub relative: Option<Relative>,
    pub has_ngay: bool,
    pub has_words: bool,
    pub spaced_slash: bool,
    pub dash: bool,
    pub dot: bool,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Slot {
    Day,
    Month,
    Year,
}

pub fn parts(s: &str, first: Slot) -> Parts {
    let mut p = Parts {
        spaced_slash: s
            .as_bytes()
            .windows(2)
            .any(|pair| pair == b" /" || pair == b"/ "),
        ..Parts::default()
    };
    let mut slot = first;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_ascii_digit() {
            let mut j = i + c.len_utf8();
            while let Some(&(k, d)) = chars.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                j = k + d.len_utf8();
                chars.next();
            }
            let Ok(n) = s[i..j].parse::<u32>() else {
                continue;
            };
            match slot {
                Slot::Day if p.day.is_none() => {
                    p.day = Some(n);
                    slot = Slot::Month;
                }
                Slot::Month if p.month.is_none() => {
                    p.month = Some(n);
                    slot = Slot::Year;
                }
                Slot::Year if p.year.is_none() => p.year = i32::try_from(n).ok(),
                _ => {}
            }
        } else if c.is_alphabetic() {
            let mut j = i + c.len_utf8();
            while let Some(&(k, d)) = chars.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                j = k + d.len_utf8();
                chars.next();
            }
            // The words that matter are mostly written in lower case: lower-case the others only.
            let lowered;
            let word = match &s[i..j] {
                w @ ("ngày" | "mùng" | "mồng" | "tháng" | "năm" | "nay" | "trước" | "sau"
                | "tới" | "ngoái") => w,
                w => {
                    lowered = context::lower(w);
                    lowered.as_str()
                }
            };
            match word {
                "ngày" | "mùng" | "mồng" => {
                    p.has_ngay = true;
                    slot = Slot::Day;
                }
                "tháng" => {
                    p.has_words = true;
                    slot = Slot::Month;
                }
                "năm" => {
                    p.has_words = true;
                    slot = Slot::Year;
                }
                "nay" if slot == Slot::Year => p.relative = Some(Relative::This),
                "trước" | "sau" | "tới" | "ngoái" if slot == Slot::Year => {
                    p.relative = Some(Relative::Other)
                }
                _ => {}
            }
        } else if c == '-' {
            p.dash = true;
        } else if c == '.' {
            p.dot = true;
        }
    }
    p
}

/// Numbers in a span, in order ("quý III/2023" has none but the year).
pub fn numbers(s: &str) -> Vec<u32> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .filter_map(|t| t.parse().ok())
        .collect()
}

pub fn roman(s: &str) -> Option<u32> {
    match s.to_ascii_uppercase().as_str() {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}
