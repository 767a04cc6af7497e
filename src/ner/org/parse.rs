//! The organisation parser: head, body, qualifiers, over the words of one text.
//!
//! At each word the parser tries a complete name from the lexicon ("Bộ Nội vụ", "UNESCO") and a
//! head noun with the body its mode asks for (a domain after "Sở", name words after "Công ty", a
//! place or parent after "UBND"); the longer wins. After the body come the qualifiers, each
//! across plain white space only: a place ("tỉnh Lâm Đồng", "Thành phố", "Hà Nội", or a span the
//! place recogniser found) or a parent body parsed the same way, one level deeper ("Hội đồng thi
//! đua, khen thưởng" + "Bộ Nội vụ"). Term numbers ("khóa IX") are never taken in.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::lexicon::{Domain, Head, Lexicon, Mode, Name};
use super::words::{gap_signature, Word};

/// Lower-case words that end a run of name words ("Công ty Hanel đã ...").
const STOP_WORDS: &[&str] = &[
    "đã", "đang", "sẽ", "vừa", "của", "cho", "với", "tại", "về", "trong", "là", "được", "bị", "có",
    "do", "để", "theo", "các", "những", "này", "đó", "cùng", "trên", "từ", "khi", "nhằm", "làm",
    "và", "hoặc", "nhưng", "thì", "mà", "như", "đến", "qua", "sau", "trước", "ra", "vào", "lần",
    "khóa", "nhiệm", "năm", "ngày", "tháng", "thuộc", "gồm", "trao", "tặng", "nhận", "ký", "không",
    "cũng", "còn", "đều", "rất", "luôn", "hiện", "tiếp", "xin", "hơn", "bằng", "vì", "nên", "nếu",
    "tới", "ở", "lại", "ngoài", "giữa", "đoạt", "giành", "gửi", "mời", "chúc", "đạt", "nêu", "nói",
    "hỏi", "phải", "muốn", "sớm", "vẫn", "kiêm", "mua", "bán",
];

/// Lower-case word pairs (verbs mostly) that end a run of name words ("... tổ chức hội nghị").
const STOP_PAIRS: &[(&str, &str)] = &[
    ("triển", "khai"),
    ("thực", "hiện"),
    ("tham", "gia"),
    ("tham", "dự"),
    ("đề", "nghị"),
    ("đề", "xuất"),
    ("yêu", "cầu"),
    ("chỉ", "đạo"),
    ("tổ", "chức"),
    ("phối", "hợp"),
    ("giới", "thiệu"),
    ("chủ", "trì"),
    ("báo", "cáo"),
    ("ban", "hành"),
    ("ký", "kết"),
    ("đồng", "chí"),
    ("phát", "biểu"),
    ("phát", "động"),
    ("phát", "hành"),
    ("công", "bố"),
    ("khai", "giảng"),
    ("khai", "mạc"),
    ("bế", "mạc"),
    ("làm", "việc"),
    ("đánh", "giá"),
    ("cho", "biết"),
    ("hướng", "dẫn"),
    ("tiếp", "nhận"),
    ("quyết", "định"),
    ("lựa", "chọn"),
    ("đạt", "được"),
    ("trình", "bày"),
    ("biểu", "dương"),
    ("cảm", "ơn"),
    ("chúc", "mừng"),
    ("xây", "dựng"),
    ("kiểm", "tra"),
    ("giám", "sát"),
    ("cung", "cấp"),
    ("hỗ", "trợ"),
    ("ghi", "nhận"),
    ("nhấn", "mạnh"),
    ("khẳng", "định"),
    ("kiến", "nghị"),
    ("tiếp", "tục"),
    ("vừa", "qua"),
    ("hoạt", "động"),
    ("trực", "thuộc"),
    ("hàng", "năm"),
    ("hằng", "năm"),
    ("hàng", "ngày"),
    ("hằng", "ngày"),
    ("hàng", "tháng"),
    ("cần", "phải"),
    ("hy", "vọng"),
    ("mong", "muốn"),
    ("sau", "khi"),
    ("tài", "trợ"),
];

/// Words after a head that turn it into a common noun or an event ("Hội nghị", "Ban Giám đốc").
const NOT_NAMES: &[(&str, &str)] = &[
    ("hội", "nghị"),
    ("hội", "thảo"),
    ("hội", "thi"),
    ("hội", "sách"),
    ("hội", "diễn"),
    ("hội", "khỏe"),
    ("hội", "chợ"),
    ("hội", "viên"),
    ("hội", "trường"),
    ("hội", "báo"),
    ("hội", "xuân"),
    ("hội", "làng"),
    ("hội", "giảng"),
    ("hội", "trại"),
    ("hội", "đồng"),
    ("tâm", "hội"),
    ("tâm", "triển"),
    ("tâm", "thương"),
    ("ban", "giám"),
    ("ban", "biên"),
    ("ban", "chủ"),
    ("ban", "lãnh"),
    ("ban", "ngành"),
    ("ban", "hành"),
    ("ban", "đầu"),
    ("ban", "ngày"),
    ("ban", "tổ"),
    ("đội", "ngũ"),
    ("đội", "thi"),
    ("đội", "hình"),
    ("đội", "tuyển"),
    ("quỹ", "đất"),
    ("quỹ", "lương"),
    ("quỹ", "thời"),
    ("viện", "phí"),
    ("trường", "hợp"),
    ("trường", "học"),
    ("báo", "cáo"),
    ("báo", "chí"),
    ("báo", "in"),
    ("báo", "điện"),
    ("báo", "hình"),
    ("báo", "nói"),
    ("đài", "truyền"),
    ("đài", "phát"),
    ("phòng", "họp"),
    ("phòng", "chống"),
    ("phòng", "ngừa"),
    ("phòng", "khám"),
    ("vụ", "việc"),
    ("vụ", "án"),
    ("đại", "học"),
    ("cục", "trưởng"),
    ("vụ", "trưởng"),
    ("viện", "trưởng"),
    ("đội", "trưởng"),
    ("hội", "trưởng"),
    ("ban", "nha"),
    ("trung", "tâm"),
    ("ban", "điều"),
    ("đồng", "giám"),
    ("đồng", "chấm"),
    ("đồng", "quản"),
    ("đồng", "hương"),
    ("đồng", "bào"),
];

/// Photo credits that name no body ("Ảnh: BTC" is the organising committee of an event).
pub const NOT_CREDITS: &[&str] = &["BTC", "TL", "ST", "NV", "PV", "CTV", "TTXVN/VNA"];

/// Words before a head that make the reference generic or plural ("các Sở", "những Hội").
const GENERIC_BEFORE: &[&str] = &[
    "các", "những", "mọi", "nhiều", "từng", "mỗi", "một", "hai", "ba",
];

/// A line break inside a name is a hard wrap only when the line before it is at least this long.
const WRAPPED_LINE_CHARS: usize = 30;

/// An organisation found in words `first..last`.
#[derive(Debug, Clone)]
pub struct Org {
    pub first: usize,
    pub last: usize,
    pub rule: &'static str,
    pub name: String,
    pub kind: String,
    pub abbreviated: bool,
    pub parent: Option<String>,
    pub place: Option<String>,
    pub successor: Option<String>,
}

struct DomainMatch<'l> {
    end: usize,
    canonical: String,
    abbreviated: bool,
    known: Option<&'l Domain>,
}

/// The words of one text with the lexicon and the place spans.
pub struct Scanner<'a> {
    pub text: &'a str,
    pub words: Vec<Word>,
    /// The keys of all words, one after another (see [`Word::key`]).
    keys: String,
    /// `sigs[i]`: the signature of the gap before word `i`.
    pub sigs: Vec<String>,
    pub lex: &'static Lexicon,
    pub places: &'a [(usize, usize)],
}

impl<'a> Scanner<'a> {
    pub fn new(text: &'a str, lex: &'static Lexicon, places: &'a [(usize, usize)]) -> Scanner<'a> {
        let (words, keys) = super::words::words(text);
        let mut previous_end = 0;
        let sigs = words
            .iter()
            .map(|w| {
                let sig = gap_signature(text.get(previous_end..w.start).unwrap_or(""));
                previous_end = w.end;
                sig
            })
            .collect();
        Scanner {
            text,
            words,
            keys,
            sigs,
            lex,
            places,
        }
    }

    /// The text between word `i - 1` and word `i`.
    pub fn gap(&self, i: usize) -> &'a str {
        let end = self.words.get(i).map_or(self.text.len(), |w| w.start);
        let start = match i {
            0 => 0,
            _ => self.words.get(i - 1).map_or(0, |w| w.end),
        };
        self.text.get(start..end).unwrap_or("")
    }

    /// The signature of the gap before word `i` (see [`gap_signature`]).
    pub fn sig(&self, i: usize) -> &str {
        self.sigs.get(i).map_or("", String::as_str)
    }

    /// Word `i` exists and only white space separates it from word `i - 1`.
    pub fn soft(&self, i: usize) -> bool {
        if i == 0 || i >= self.words.len() {
            return false;
        }
        let gap = self.gap(i);
        if !gap.chars().all(char::is_whitespace) {
            return false;
        }
        match gap.matches('\n').count() {
            0 => true,
            1 => self.wrapped_line(i - 1),
            _ => false,
        }
    }

    /// The line that word `i` ends is long enough to be a hard-wrapped line of running text, not
    /// a heading or a menu entry ("Bộ\nThông tin và Truyền thông" inside a paragraph).
    fn wrapped_line(&self, i: usize) -> bool {
        let end = self.words[i].end;
        let line_start = self.text[..end].rfind('\n').map_or(0, |at| at + 1);
        self.text[line_start..end].chars().count() >= WRAPPED_LINE_CHARS
    }

    pub fn key(&self, i: usize) -> &str {
        self.words
            .get(i)
            .and_then(|w| self.keys.get(w.key.0..w.key.1))
            .unwrap_or("")
    }

    /// The text of words `first..last`.
    pub fn surface(&self, first: usize, last: usize) -> &'a str {
        if last <= first || last > self.words.len() {
            return "";
        }
        self.text
            .get(self.words[first].start..self.words[last - 1].end)
            .unwrap_or("")
    }

    fn word_text(&self, i: usize) -> &'a str {
        self.surface(i, i + 1)
    }

    /// Words from `i` have these keys, with these gap signatures between them.
    fn matches(&self, i: usize, keys: &[String], gaps: &[String]) -> bool {
        if i + keys.len() > self.words.len() {
            return false;
        }
        keys.iter()
            .enumerate()
            .all(|(n, key)| self.key(i + n) == key)
            && gaps
                .iter()
                .enumerate()
                .all(|(n, gap)| self.sig(i + n + 1) == gap)
    }

    /// The longest complete name at word `i`.
    fn name_at(&self, i: usize, standalone: bool) -> Option<(usize, &'static Name)> {
        let list = self.lex.names.get(self.key(i))?;
        list.iter()
            .filter(|name| !standalone || name.bare || !name.case)
            .find(|name| {
                self.matches(i, &name.keys, &name.gaps)
                    && if name.case {
                        name.written
                            .iter()
                            .enumerate()
                            .all(|(n, written)| self.word_text(i + n) == written)
                    } else {
                        self.words[i].capital
                    }
            })
            .map(|name| (i + name.keys.len(), name))
    }

    /// A media name after "Báo"/"Đài", in any case ("Báo nhân dân", "báo Kinh tế & Đô thị").
    fn outlet_at(&self, h: usize) -> Option<(usize, &'static Name)> {
        let list = self.lex.names.get(self.key(h))?;
        list.iter()
            .filter(|name| name.kind == "media")
            .find(|name| self.matches(h, &name.keys, &name.gaps))
            .map(|name| (h + name.keys.len(), name))
    }

    /// The longest head noun at word `i`.
    fn head_at(&self, i: usize) -> Option<(usize, &'static Head)> {
        let word = self.words.get(i)?;
        let list = self.lex.heads.get(self.key(i))?;
        list.iter()
            .find(|head| {
                self.matches(i, &head.keys, &head.gaps)
                    && (word.capital
                        || (head.lower_ok
                            && self
                                .words
                                .get(i + head.keys.len())
                                .is_some_and(|w| w.capital && !w.acronym)
                            && !self.gap(i + head.keys.len()).contains('\n')
                            && !(i > 0 && self.soft(i) && self.words[i - 1].capital)))
                    && (!head.abbreviated
                        || !head.canonical.contains(' ')
                        || !word.acronym
                        || self.words[i].capital)
            })
            .map(|head| (i + head.keys.len(), head))
    }

    fn capital(&self, i: usize) -> bool {
        self.words
            .get(i)
            .is_some_and(|w| w.capital || w.acronym || w.number)
    }

    /// A domain at word `j`: its initials ("TT&TT") or its words ("Thông tin và Truyền thông").
    fn domain_at(&self, j: usize) -> Option<DomainMatch<'static>> {
        let word = self.words.get(j)?;
        if word.acronym {
            let mut end = j + 1;
            let mut letters: String = self
                .word_text(j)
                .chars()
                .filter(|c| c.is_alphabetic())
                .collect();
            // "LĐ-TB&XH", "TT&amp;TT" (an escaped ampersand left in the text)
            while end < self.words.len()
                && matches!(self.sig(end), "-" | "&")
                && !self.gap(end).contains(char::is_whitespace)
                && self.words[end].acronym
            {
                letters.extend(self.word_text(end).chars().filter(|c| c.is_alphabetic()));
                end += 1;
            }
            let written = self.surface(j, end);
            if let Some(known) = self.lex.domain_by_initials(&letters) {
                return Some(DomainMatch {
                    end,
                    canonical: known.canonical.clone(),
                    abbreviated: true,
                    known: Some(known),
                });
            }
            if written.contains('&') {
                return Some(DomainMatch {
                    end,
                    canonical: written.to_string(),
                    abbreviated: true,
                    known: None,
                });
            }
            return None;
        }
        if !word.capital {
            return None;
        }
        // Content words with their word index, and whether a comma preceded them.
        let mut content: Vec<(usize, bool)> = Vec::new();
        let mut k = j;
        while k < self.words.len() {
            let key = self.key(k);
            let gap = self.sig(k).to_string();
            if k > j && !matches!(gap.as_str(), "" | "-" | "&" | ",") {
                break;
            }
            if key == "và" {
                k += 1;
                continue;
            }
            if !self.lex.domain_words.contains(key) {
                break;
            }
            content.push((k, gap == ","));
            k += 1;
        }
        let keys: Vec<&str> = content.iter().map(|&(k, _)| self.key(k)).collect();
        // A domain half written out, half abbreviated: "Văn hóa TT&DL".
        for n in (1..=keys.len().min(3)).rev() {
            let after = content[n - 1].0 + 1;
            if self.soft(after) && self.words.get(after).is_some_and(|w| w.acronym) {
                let mut letters: String = keys[..n]
                    .iter()
                    .filter_map(|k| k.chars().next())
                    .flat_map(char::to_uppercase)
                    .collect();
                letters.extend(self.word_text(after).chars().filter(|c| c.is_alphabetic()));
                if let Some(known) = self.lex.domain_by_initials(&letters) {
                    return Some(DomainMatch {
                        end: after + 1,
                        canonical: known.canonical.clone(),
                        abbreviated: true,
                        known: Some(known),
                    });
                }
            }
        }
        for n in (1..=keys.len()).rev() {
            if let Some(known) = self.lex.domain(&keys[..n]) {
                return Some(DomainMatch {
                    end: content[n - 1].0 + 1,
                    canonical: known.canonical.clone(),
                    abbreviated: false,
                    known: Some(known),
                });
            }
        }
        // An unknown domain: capitalised units joined by "và", "-", "&" ("Văn hóa - Thể thao").
        let mut end = None;
        for (n, &(k, comma)) in content.iter().enumerate() {
            if comma {
                break;
            }
            let joined =
                n > 0 && (k != content[n - 1].0 + 1 || !self.sig(k).to_string().is_empty());
            if joined && !self.words[k].capital {
                break;
            }
            if n >= 1 {
                end = Some(k + 1);
            }
        }
        let end = end?;
        let written = self.surface(j, end);
        Some(DomainMatch {
            end,
            canonical: squash(written),
            abbreviated: false,
            known: None,
        })
    }

    /// A place qualifier at word `k`: a recognised place span, a type word with its name, or a
    /// bare province name. Returns the word after it and its text.
    pub fn place_at(&self, k: usize) -> Option<(usize, &'a str)> {
        let word = self.words.get(k)?;
        if let Some(&(_, end)) = self.places.iter().find(|&&(start, _)| start == word.start) {
            let last = (k..self.words.len())
                .take_while(|&m| self.words[m].end <= end)
                .last()?;
            if self.words[last].end == end {
                return Some((last + 1, self.surface(k, last + 1)));
            }
        }
        // "Tỉnh ủy", "Huyện đoàn" are bodies, not places.
        if matches!(self.key(k + 1), "ủy" | "đoàn") && self.soft(k + 1) {
            return None;
        }
        let type_words = match (self.key(k), self.key(k + 1)) {
            ("thành", "phố") | ("thị", "xã") | ("thị", "trấn") | ("đặc", "khu")
                if self.soft(k + 1) =>
            {
                2
            }
            ("tỉnh" | "huyện" | "quận" | "xã" | "phường" | "tp" | "tx", _) => 1,
            _ => 0,
        };
        if type_words > 0 {
            let after = k + type_words;
            // "UBND tỉnh, thành phố", "UBND quận, huyện": a list of unit types is plural.
            let bare = if self.sig(after) == "," && self.type_word_at(after) {
                None
            } else {
                Some((after, self.surface(k, after)))
            };
            let dotted = matches!(self.key(k), "tp" | "tx") && self.gap(after).trim() == ".";
            let name_start = match self.gap(after).trim() {
                "" if after < self.words.len() => after,
                "." if dotted && !self.gap(after).contains('\n') => after,
                _ => return bare,
            };
            if let Some(end) = self.known_place(name_start) {
                return Some((end, self.surface(k, end)));
            }
            if self.words[name_start].number {
                return Some((name_start + 1, self.surface(k, name_start + 1)));
            }
            let mut end = name_start;
            while end < self.words.len()
                && (self.words[end].capital || self.words[end].acronym)
                && (end == name_start || self.soft(end))
                && end - name_start < 3
            {
                end += 1;
            }
            let names = end - name_start;
            if (1..=2).contains(&names) && !(self.soft(end) && self.capital(end)) {
                return Some((end, self.surface(k, end)));
            }
            return bare;
        }
        self.known_place(k).map(|end| (end, self.surface(k, end)))
    }

    /// An administrative type word starts at word `k` ("tỉnh", "thành phố", "huyện" ...).
    fn type_word_at(&self, k: usize) -> bool {
        match (self.key(k), self.key(k + 1)) {
            ("thành", "phố") | ("thị", "xã") | ("thị", "trấn") => true,
            (key, _) => matches!(
                key,
                "tỉnh" | "huyện" | "quận" | "xã" | "phường" | "thành" | "tp"
            ),
        }
    }

    /// A bare place name of `places.tsv` at word `k`.
    fn known_place(&self, k: usize) -> Option<usize> {
        if !self.capital(k) {
            return None;
        }
        let list = self.lex.places.get(self.key(k))?;
        list.iter()
            .find(|keys| {
                k + keys.len() <= self.words.len()
                    && keys.iter().enumerate().all(|(n, key)| {
                        self.key(k + n) == key && (n == 0 || !self.gap(k + n).contains(','))
                    })
            })
            .map(|keys| k + keys.len())
    }

    /// Name words from `j` ("Cựu chiến binh", "THCS Thăng Long", "cổ phần Phần mềm Vitex").
    fn name_words(&self, j: usize, lower_start: bool) -> Option<usize> {
        let first = self.words.get(j)?;
        if !(first.capital || first.acronym || first.number || lower_start) {
            return None;
        }
        let mut last_capital: Option<usize> = None;
        let mut k = j;
        let mut after_bracket = false;
        while k < self.words.len() {
            if k > j && !std::mem::take(&mut after_bracket) {
                let gap = self.gap(k);
                let signature = gap_signature(gap);
                if signature == "(" && self.bracketed_abbreviation(k) {
                    // "Vườn ươm Doanh nghiệp Công nghệ thông tin (CNTT) đổi mới sáng tạo Hà Nội"
                    last_capital = Some(k);
                    after_bracket = true;
                    k += 1;
                    continue;
                }
                if !(signature.is_empty() || signature == "&") || gap.contains('\n') {
                    break;
                }
                if last_capital.is_some() && self.capital(k) && self.qualifier_at(k) {
                    break;
                }
            }
            let word = &self.words[k];
            if word.capital || word.acronym || word.number {
                last_capital = Some(k);
            } else if self.key(k) == "và"
                && self.soft(k + 1)
                && self.capital(k + 1)
                && self.head_at(k + 1).is_none()
                && !self.qualifier_at(k + 1)
            {
                // "Ngân hàng Đầu tư và Phát triển Việt Nam"
            } else if (self.stops_name(k) && !(k == j && self.key(k) == "các"))
                || k - last_capital.unwrap_or(j) > 9
            {
                break;
            }
            k += 1;
        }
        let last = last_capital.map_or(j, |c| c + 1);
        // Lower-case words after the last capital stay when a qualifier follows ("Trung tâm Dữ
        // liệu nhà nước TP Hà Nội") or the name ends there ("Tạp chí Văn nghệ quân đội -").
        let trailing = k - last;
        if trailing > 0 {
            let qualified = self.soft(k) && self.capital(k) && self.qualifier_at(k);
            let punctuated = k >= self.words.len()
                || !self.gap(k).chars().all(char::is_whitespace)
                || self.gap(k).contains('\n');
            // A name without any capital must end at punctuation ("Quỹ viễn thông công ích;").
            let ended = punctuated || (last_capital.is_some() && self.stops_name(k));
            let limit = if punctuated { 4 } else { 3 };
            if (qualified && trailing <= 6) || (ended && trailing <= limit) {
                return Some(k);
            }
        }
        // "Ban Chỉ huy phòng chống ...": a capitalised first syllable keeps its second one, unless
        // the name capitalises every syllable ("Công ty Hoàng Gia").
        let extend = last_capital.is_some_and(|c| {
            let word = &self.words[c];
            word.capital
                && !word.acronym
                && !word.number
                && (c == j || !self.words[c - 1].capital)
                && c + 1 < k
                && !self.stops_name(c + 1)
        });
        last_capital.map(|c| if extend { c + 2 } else { c + 1 })
    }

    /// Word `k` is an abbreviation in parentheses inside a name: more name follows the ")".
    fn bracketed_abbreviation(&self, k: usize) -> bool {
        let closing = self.gap(k + 1);
        self.words[k].acronym
            && k + 1 < self.words.len()
            && gap_signature(closing) == ")"
            && closing.ends_with(' ')
            && !closing.contains('\n')
            && (self.qualifier_at(k + 1) || self.bridges_to_capital(k + 1))
    }

    /// From word `k`, a few lower-case name words lead to a capital word ("đổi mới sáng tạo Hà Nội").
    fn bridges_to_capital(&self, k: usize) -> bool {
        (k..self.words.len().min(k + 7))
            .take_while(|&m| m == k || self.soft(m))
            .take_while(|&m| self.capital(m) || !self.stops_name(m))
            .any(|m| self.capital(m))
    }

    /// A lower-case word (or pair) at `k` that cannot be part of a name.
    fn stops_name(&self, k: usize) -> bool {
        static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
        static PAIRS: OnceLock<HashSet<(&'static str, &'static str)>> = OnceLock::new();
        let words = WORDS.get_or_init(|| STOP_WORDS.iter().copied().collect());
        let pairs = PAIRS.get_or_init(|| STOP_PAIRS.iter().copied().collect());
        let key = self.key(k);
        words.contains(key) || pairs.contains(&(key, self.key(k + 1)))
    }

    /// A place or a parent body starts at word `k`.
    fn qualifier_at(&self, k: usize) -> bool {
        self.place_at(k).is_some() || self.starts_parent(k)
    }

    /// Another body may start at word `k` ("Bộ Nội vụ", "Sở TT&TT", "Thành ủy"): a lexicon name
    /// or a head there. Checked without parsing it, so that name words never recurse.
    fn starts_parent(&self, k: usize) -> bool {
        if !self.capital(k) {
            return false;
        }
        self.name_at(k, true).is_some()
            || self.head_at(k).is_some_and(|(end, head)| {
                let one_word =
                    head.keys.len() == 1 && matches!(head.mode, Mode::Name | Mode::LowerName);
                let head_last = head.keys.last().map_or("", String::as_str);
                let title_case = one_word && k > 0 && self.soft(k) && self.words[k - 1].capital;
                let common_noun = NOT_NAMES.contains(&(head_last, self.key(end)));
                !(title_case || common_noun)
            })
    }

    /// Qualifiers after word `k`: a place, or else a parent body.
    fn qualifiers(&self, k: usize, depth: usize) -> (usize, Option<String>, Option<String>) {
        if !self.soft(k) {
            return (k, None, None);
        }
        if let Some((end, place)) = self.place_at(k) {
            return (end, Some(squash(place)), None);
        }
        if depth < 2 {
            if let Some(parent) = self.org_at(k, depth + 1) {
                return (parent.last, None, Some(parent.name));
            }
            // "Đoàn Thanh niên cơ quan Sở Tư pháp": the agency's own union, party cell ...
            if self.key(k) == "cơ"
                && self.key(k + 1) == "quan"
                && self.soft(k + 1)
                && self.soft(k + 2)
            {
                if let Some(parent) = self.org_at(k + 2, depth + 1) {
                    return (parent.last, None, Some(parent.name));
                }
            }
        }
        (k, None, None)
    }

    /// The organisation that starts at word `i`, if any. `depth` counts parent levels.
    pub fn org_at(&self, i: usize, depth: usize) -> Option<Org> {
        let word = self.words.get(i)?;
        let lower_head = matches!(
            self.key(i),
            "báo" | "trường" | "phòng" | "quỹ" | "công" | "bệnh" | "đài" | "tạp"
        );
        if !(word.capital || word.acronym || lower_head) {
            return None;
        }
        let named = self
            .name_at(i, true)
            .map(|(end, name)| self.named(i, end, name, depth));
        let headed = self
            .head_at(i)
            .and_then(|(end, head)| self.headed(i, end, head, depth));
        match (named, headed) {
            // A head parse beats a lexicon name only when it adds a capitalised word or a
            // qualifier ("Ngân hàng Thế giới" stays, "Ngân hàng Thế giới tài trợ" does not win).
            (Some(a), Some(b)) => {
                let adds_name = (a.last..b.last).any(|k| self.capital(k));
                let qualified = b.place.is_some() || b.parent.is_some();
                Some(if b.last > a.last && (adds_name || qualified) {
                    b
                } else {
                    a
                })
            }
            (a, b) => a.or(b),
        }
    }

    fn named(&self, i: usize, end: usize, name: &Name, depth: usize) -> Org {
        let mut org = Org {
            first: i,
            last: end,
            rule: "lexicon",
            name: name.canonical.clone(),
            kind: name.kind.clone(),
            abbreviated: name.surface != name.canonical,
            parent: None,
            place: None,
            successor: name.successor.clone(),
        };
        // Branches of national enterprises: "VNPT Hà Nội", "Viettel Đà Nẵng".
        if name.kind == "enterprise" && self.soft(end) {
            if let Some(place_end) = self.known_place(end) {
                let place = squash(self.surface(end, place_end));
                org.name = format!("{} {}", org.name, place);
                org.place = Some(place);
                org.last = place_end;
                return org;
            }
        }
        // Committees of the National Assembly name it after them ("... của Quốc hội").
        if name.canonical.starts_with("Ủy ban") && depth < 2 {
            let at = if self.key(end) == "của" && self.soft(end) {
                end + 1
            } else {
                end
            };
            if self.soft(at) {
                if let Some((parent_end, parent)) = self.name_at(at, true) {
                    if parent.canonical == "Quốc hội" {
                        org.last = parent_end;
                        org.parent = Some(parent.canonical.clone());
                    }
                }
            }
        }
        org
    }

    fn headed(&self, i: usize, h: usize, head: &Head, depth: usize) -> Option<Org> {
        let mut org = Org {
            first: i,
            last: h,
            rule: "head",
            name: head.canonical.clone(),
            kind: head.kind.clone(),
            abbreviated: head.abbreviated,
            parent: None,
            place: None,
            successor: None,
        };
        let body_end = match head.mode {
            Mode::Domain => {
                // A known domain is strong evidence: any single line break may sit before it.
                let wrapped = h < self.words.len()
                    && self.gap(h).chars().all(char::is_whitespace)
                    && self.gap(h).matches('\n').count() == 1;
                if !(self.soft(h) || wrapped) {
                    return None;
                }
                let domain = self.domain_at(h)?;
                org.rule = "head+domain";
                org.abbreviated |= domain.abbreviated;
                org.name = format!("{} {}", head.canonical, domain.canonical);
                org.successor = domain.known.and_then(|d| match head.kind.as_str() {
                    "ministry" => d.ministry_successor.clone(),
                    "department" => d.department_successor.clone(),
                    _ => None,
                });
                let mut end = domain.end;
                // "Sở Thông tin và Truyền thông (TT&TT) Hà Nội": the abbreviation stays inside.
                if self.gap(end).trim() == "("
                    && self.words.get(end).is_some_and(|w| w.acronym)
                    && self.gap(end + 1).trim() == ")"
                    && self.gap(end + 1).ends_with(char::is_whitespace)
                    && self.place_at(end + 1).is_some()
                {
                    end += 1;
                    if let Some((place_end, place)) = self.place_at(end) {
                        org.place = Some(squash(place));
                        org.name = format!("{} {}", org.name, squash(place));
                        return Some(Org {
                            last: place_end,
                            ..org
                        });
                    }
                }
                end
            }
            Mode::Owner | Mode::Alone => {
                org.rule = "head+owner";
                h
            }
            Mode::Name | Mode::LowerName => {
                if !self.soft(h) {
                    return None;
                }
                // "Dịch Vụ Viễn Thông", "Tây Ban Nha": a one-word head inside a Title Case phrase.
                if head.keys.len() == 1 && i > 0 && self.soft(i) && self.words[i - 1].capital {
                    return None;
                }
                let head_last = head.keys.last().map_or("", String::as_str);
                if NOT_NAMES.contains(&(head_last, self.key(h))) {
                    return None;
                }
                if head.kind == "media" {
                    if let Some((end, name)) = self.outlet_at(h) {
                        org.rule = "head+outlet";
                        org.name = name.canonical.clone();
                        return Some(Org { last: end, ..org });
                    }
                }
                let mut end = self.name_words(h, head.mode == Mode::LowerName)?;
                if head.canonical == "Phòng" {
                    if let Some(domain) = self.domain_at(h).filter(|d| d.known.is_some()) {
                        end = end.max(domain.end);
                    }
                }
                org.rule = "head+name";
                org.name = format!("{} {}", head.canonical, squash(self.surface(h, end)));
                if self.key(end) == "số"
                    && self.soft(end)
                    && self.capital(end + 1)
                    && self.soft(end + 1)
                {
                    org.name = format!("{} {}", org.name, squash(self.surface(end, end + 2)));
                    end + 2
                } else {
                    end
                }
            }
            Mode::Cluster => return self.cluster(org, h, depth),
        };
        let (end, place, parent) = self.qualifiers(body_end, depth);
        if head.mode == Mode::Owner
            && place.is_none()
            && parent.is_none()
            && !self.listed_council(i, h)
        {
            return None;
        }
        if let Some(place) = &place {
            org.name = format!("{} {}", org.name, place);
        }
        if let Some(parent) = &parent {
            org.name = format!("{} {}", org.name, parent);
        }
        Some(Org {
            last: end,
            place,
            parent,
            ..org
        })
    }

    /// Bare "UBND"/"HĐND" in a list with another local body ("Thành ủy, HĐND, UBND").
    fn listed_council(&self, i: usize, h: usize) -> bool {
        let council = |k: usize| matches!(self.key(k), "ubnd" | "hđnd" | "ủy" | "hdnd");
        if !council(i) || !self.words[i].acronym {
            return false;
        }
        let joined = |gap: &str| matches!(gap_signature(gap).as_str(), "," | "-" | "");
        (i > 0 && joined(self.gap(i)) && council(i - 1))
            || (h < self.words.len() && joined(self.gap(h)) && council(h) && self.words[h].acronym)
    }

    /// "Cụm thi đua số II"; "Cụm thi đua Sở Nội vụ các tỉnh, thành miền Trung, Tây Nguyên".
    fn cluster(&self, mut org: Org, h: usize, depth: usize) -> Option<Org> {
        org.rule = "cluster";
        if !self.soft(h) {
            return None;
        }
        if self.key(h) == "số" && self.capital(h + 1) && self.soft(h + 1) {
            org.name = format!("{} {}", org.name, self.surface(h, h + 2));
            return Some(Org { last: h + 2, ..org });
        }
        let parent = self.org_at(h, depth + 1)?;
        let mut end = parent.last;
        org.parent = Some(parent.name);
        // Members: "các tỉnh, thành (phố)" and the regions they belong to.
        if self.key(end) == "các" && self.soft(end) && self.key(end + 1) == "tỉnh" {
            let mut k = end + 2;
            if self.gap(k).trim() == "," && self.key(k) == "thành" {
                k += 1;
                if self.key(k) == "phố" && self.soft(k) {
                    k += 1;
                }
            }
            end = k;
            while k < self.words.len() {
                if self.gap(k).contains('\n') {
                    break;
                }
                let gap = self.sig(k).to_string();
                let region = self.words[k].capital || matches!(self.key(k), "miền" | "khu" | "vực");
                let listed = gap == "," && (self.words[k].capital || self.key(k) == "miền");
                if !region || !(gap.is_empty() || listed) {
                    break;
                }
                k += 1;
                if self.words[k - 1].capital {
                    end = k;
                }
            }
        }
        org.name = squash(&format!("{} {}", org.name, self.surface(h, end)));
        Some(Org { last: end, ..org })
    }

    /// Elided members of a list after "các sở:" ("Kế hoạch và Đầu tư, Tài chính, Sở Tư pháp").
    pub fn elided_list(&self, i: usize) -> Option<(usize, Vec<Org>)> {
        let head = match self.key(i) {
            "sở" => "Sở",
            "bộ" => "Bộ",
            _ => return None,
        };
        if i == 0 || self.key(i - 1) != "các" || !self.soft(i) {
            return None;
        }
        let opening = self.sig(i + 1).to_string();
        if !(opening == ":" || opening.is_empty()) {
            return None;
        }
        let mut members = Vec::new();
        let mut k = i + 1;
        loop {
            if let Some(org) = self
                .org_at(k, 1)
                .filter(|o| o.kind == "department" || o.kind == "ministry")
            {
                k = org.last;
                members.push(org);
            } else if let Some(domain) = self
                .domain_at(k)
                .filter(|d| d.known.is_some() || !d.abbreviated)
            {
                let canonical = format!("{head} {}", domain.canonical);
                let successor = domain.known.and_then(|d| match head {
                    "Bộ" => d.ministry_successor.clone(),
                    _ => d.department_successor.clone(),
                });
                members.push(Org {
                    first: k,
                    last: domain.end,
                    rule: "elided_list",
                    name: canonical,
                    kind: if head == "Bộ" {
                        "ministry"
                    } else {
                        "department"
                    }
                    .to_string(),
                    abbreviated: false,
                    parent: None,
                    place: None,
                    successor,
                });
                k = domain.end;
            } else {
                break;
            }
            let gap = self.sig(k).to_string();
            if gap == "," && k < self.words.len() {
                continue;
            }
            if gap.is_empty() && self.key(k) == "và" {
                k += 1;
                continue;
            }
            break;
        }
        (members.len() >= 2).then_some((k, members))
    }

    /// A word before `i` makes a reference at `i` generic ("các Sở", "những Hội").
    pub fn generic_before(&self, i: usize) -> bool {
        i > 0 && GENERIC_BEFORE.contains(&self.key(i - 1)) && self.soft(i)
    }
}

/// Folds every run of white space (line breaks included) into one space.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
