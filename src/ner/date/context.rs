//! What surrounds a candidate: the neighbouring words and characters that confirm or veto it,
//! and the clock time and part of day written next to a date.
//!
//! Word lists are data (the consts below): adding a cue word needs no new code path.

use regex::Regex;
use serde::Deserialize;

use crate::ner::words::{WordClass, WordClasses};

/// A class of words next to a candidate that confirms or vetoes it (`data/lexicon/date/words.tsv`,
/// compared with the lower-cased words of the text as written; heavenly stems with their capital).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateClass {
    /// Words after which a bare "15/7" or "15 tháng 7" (no "ngày", no year) is read as a date.
    DayCue,
    /// Words after which a dotted "2.8" (no year, no "ngày") is a day, not a decimal.
    DottedDayCue,
    /// Words after which a number is a count, a score, an address or an id, not a date.
    NumberNoun,
    /// Words before a bare year ("cùng kỳ 2014", "đến 2025") that make it a year.
    YearCue,
    /// Heads of the names of programmes, strategies, schemes and contests (ADJUDICATION 1): a year
    /// that closes such a name is a date even when a lower-case phrase sits between ("Chương trình
    /// giáo dục phổ thông 2018 đối với ...").
    ProgrammeHead,
    /// Words that may follow a programme's name with its year besides [`DateClass::AfterNamedYear`]:
    /// function words and verbs, never a counted noun ("Chương trình trao 2000 suất quà" is an
    /// amount).
    AfterProgrammeYear,
    /// Words that may follow an event name with its year ("Hội chợ Thương mại Quảng Trị 2018 được
    /// khai mạc").
    AfterNamedYear,
    /// Words after "tháng 2" that make it "twice a month", not February.
    AfterMonthVeto,
    /// Words before "tháng 2" that make it a frequency or a count.
    BeforeMonthVeto,
    /// Unit words: a year-like number before one of them is an amount ("2023 hộ dân").
    UnitWord,
    /// The ten heavenly stems that open the name of a lunar year ("Quý Mão", "Giáp Thìn").
    HeavenlyStem,
}

impl WordClass for DateClass {
    fn bit(self) -> u64 {
        1 << self as u64
    }

    fn as_written(self) -> bool {
        true
    }
}

/// The word classes of the date recogniser.
pub type Lexicon = WordClasses<DateClass>;

/// Whether a word found next to a candidate (lower case, with its start) is of `class`.
pub fn word_in(words: &Lexicon, word: Option<&(String, usize)>, class: DateClass) -> bool {
    word.is_some_and(|(w, _)| words.has_written(class, w))
}

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
    written_word_before(text, pos).map(|(word, start)| (lower(word), start))
}

/// Whether [`word_before`] is `word` (lower case); a cheap look at the last letter first.
pub fn word_before_is(text: &str, pos: usize, word: &str) -> bool {
    let head = text.get(..pos).unwrap_or("").trim_end_matches(BLANKS);
    let last = head
        .char_indices()
        .next_back()
        .and_then(|(i, _)| lower_chars(&head[i..]).last());
    if last != word.chars().next_back() {
        return false;
    }
    written_word_before(text, pos).is_some_and(|(w, _)| lower_is(w, word))
}

/// The blanks skipped between a word and a candidate.
const BLANKS: [char; 5] = [' ', '\t', '\u{a0}', '\n', '\r'];

/// [`word_before`] as written (not lower-cased).
fn written_word_before(text: &str, pos: usize) -> Option<(&str, usize)> {
    let head = text.get(..pos)?;
    let trimmed = head.trim_end_matches(BLANKS);
    let end = trimmed.len();
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map(|(i, _)| i)?;
    Some((&trimmed[start..end], start))
}

/// The word after `pos` (skipping blanks), lower-cased. `None` when punctuation comes first.
pub fn word_after(text: &str, pos: usize) -> Option<String> {
    written_word_after(text, pos).map(lower)
}

/// [`word_after`] as written (not lower-cased).
pub fn written_word_after(text: &str, pos: usize) -> Option<&str> {
    let tail = text.get(pos..)?;
    let trimmed = tail.trim_start_matches(BLANKS);
    let end = trimmed
        .char_indices()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(trimmed.len(), |(i, _)| i);
    (end > 0).then(|| &trimmed[..end])
}

/// The first non-blank character after `pos`.
pub fn next_visible(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?
        .chars()
        .find(|c| !matches!(c, ' ' | '\t' | '\u{a0}'))
}

/// Lower case, with the eth that stands in for "Đ" folded to "đ".
pub fn lower(s: &str) -> String {
    lower_chars(s).collect()
}

/// The characters of [`lower`], one by one.
fn lower_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ð' { 'đ' } else { c })
}

/// `lower(s) == word` for a lower-case `word`, without building the lower-case string.
pub fn lower_is(s: &str, word: &str) -> bool {
    lower_chars(s).eq(word.chars())
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
    // The pattern matches every window (all of it is optional); only a non-empty match has parts.
    let written_before = patterns.before.find(window).is_some_and(|m| !m.is_empty());
    if let Some(caps) = written_before
        .then(|| patterns.before.captures(window))
        .flatten()
    {
        let whole = caps.get(0).map_or(0, |m| m.start());
        let left_ok = char_before(window, whole).is_none_or(|c| !is_word_char(c));
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
            if char_before(window, pod.start()).is_none_or(|c| !is_word_char(c)) {
                out.part_of_day = Some(lower(pod.as_str()));
            }
        }
    }
    if out.time.is_none() && with_time_after {
        if let Some(caps) = text
            .get(end..)
            .filter(|tail| patterns.after.is_match(tail))
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
