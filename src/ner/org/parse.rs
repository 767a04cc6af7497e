//! The organisation parser: head, body, qualifiers, over the words of one text.
//!
//! At each word the parser tries a complete name from the lexicon ("Bộ Nội vụ", "UNESCO") and a
//! head noun with the body its mode asks for (a domain after "Sở", name words after "Công ty", a
//! place or parent after "UBND"); the longer wins. After the body come the qualifiers, each
//! across plain white space only: a place ("tỉnh Lâm Đồng", "Thành phố", "Hà Nội", or a span the
//! place recogniser found) or a parent body parsed the same way, one level deeper ("Hội đồng thi
//! đua, khen thưởng" + "Bộ Nội vụ"). Term numbers ("khóa IX") are never taken in.

use super::lexicon::{Domain, Head, Lexicon, Mode, Name};
use super::words::{gap_signature, Word};

/// Lower-case words that end a run of name words ("Công ty Hanel đã ...").
const STOP_WORDS: &[&str] = &[
    "đã", "đang", "sẽ", "vừa", "của", "cho", "với", "tại", "về", "trong", "là", "được", "bị",
    "có", "do", "để", "theo", "các", "những", "này", "đó", "cùng", "trên", "từ", "khi", "nhằm",
    "làm", "và", "hoặc", "nhưng", "thì", "mà", "như", "đến", "qua", "sau", "trước", "ra", "vào",
    "lần", "khóa", "nhiệm", "năm", "ngày", "tháng", "thuộc", "gồm", "chủ", "trì", "tổ", "phối",
    "ban", "triển", "thực", "tham", "đề", "yêu", "chỉ", "báo", "giới", "trao", "tặng", "nhận",
    "ký", "đồng", "không", "cũng", "còn", "đều", "rất", "luôn", "hiện", "tiếp", "xin", "hơn", "bằng",
    "vì", "nên", "nếu", "tới", "ở", "lại", "ngoài", "giữa", "sáng", "chiều", "tối", "trưa",
];

/// Words after a head that turn it into a common noun or an event ("Hội nghị", "Ban Giám đốc").
const NOT_NAMES: &[(&str, &str)] = &[
    ("hội", "nghị"), ("hội", "thảo"), ("hội", "thi"), ("hội", "sách"), ("hội", "diễn"),
    ("hội", "khỏe"), ("hội", "chợ"), ("hội", "viên"), ("hội", "trường"), ("hội", "báo"),
    ("hội", "xuân"), ("hội", "làng"), ("hội", "giảng"), ("hội", "trại"), ("hội", "đồng"),
    ("tâm", "hội"), ("tâm", "triển"), ("tâm", "thương"), ("ban", "giám"), ("ban", "biên"),
    ("ban", "chủ"), ("ban", "lãnh"), ("ban", "ngành"), ("ban", "hành"), ("ban", "đầu"),
    ("ban", "ngày"), ("ban", "tổ"), ("đội", "ngũ"), ("đội", "thi"), ("đội", "hình"),
    ("đội", "tuyển"), ("quỹ", "đất"), ("quỹ", "lương"), ("quỹ", "thời"), ("viện", "phí"),
    ("trường", "hợp"), ("trường", "học"), ("báo", "cáo"), ("báo", "chí"), ("báo", "in"),
    ("báo", "điện"), ("báo", "hình"), ("báo", "nói"), ("đài", "truyền"), ("đài", "phát"),
    ("phòng", "họp"), ("phòng", "chống"), ("phòng", "ngừa"), ("phòng", "khám"), ("vụ", "việc"),
    ("vụ", "án"), ("đại", "học"), ("cục", "trưởng"), ("vụ", "trưởng"), ("viện", "trưởng"),
    ("đội", "trưởng"), ("hội", "trưởng"), ("ban", "nha"), ("trung", "tâm"),
];

/// Photo credits that name no body ("Ảnh: BTC" is the organising committee of an event).
pub const NOT_CREDITS: &[&str] = &["BTC", "TL", "ST", "NV", "PV", "CTV", "TTXVN/VNA"];

/// Heads that may be written lower case ("báo Kinh tế & Đô thị", "trường THCS Thăng Long").
const LOWER_HEADS: &[&str] = &[
    "báo", "báo điện tử", "trường thpt", "trường thcs", "trường tiểu học", "trường đại học",
    "phòng", "quỹ", "công ty", "công ty cổ phần", "công ty tnhh", "bệnh viện", "đài", "tạp chí",
];

/// Words before a head that make the reference generic or plural ("các Sở", "những Hội").
const GENERIC_BEFORE: &[&str] = &["các", "những", "mọi", "nhiều", "từng", "mỗi"];

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
    pub lex: &'static Lexicon,
    pub places: &'a [(usize, usize)],
}

impl<'a> Scanner<'a> {
    /// The text between word `i - 1` and word `i`.
    pub fn gap(&self, i: usize) -> &'a str {
        let end = self.words.get(i).map_or(self.text.len(), |w| w.start);
        let start = match i {
            0 => 0,
            _ => self.words.get(i - 1).map_or(0, |w| w.end),
        };
        self.text.get(start..end).unwrap_or("")
    }

    /// Word `i` exists and only white space separates it from word `i - 1`.
    pub fn soft(&self, i: usize) -> bool {
        i < self.words.len() && i > 0 && self.gap(i).chars().all(char::is_whitespace)
    }

    pub fn key(&self, i: usize) -> &str {
        self.words.get(i).map_or("", |w| w.key.as_str())
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
            .all(|(n, key)| self.words[i + n].key == *key)
            && gaps
                .iter()
                .enumerate()
                .all(|(n, gap)| gap_signature(self.gap(i + n + 1)) == *gap)
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
        let list = self.lex.heads.get(&word.key)?;
        list.iter()
            .find(|head| {
                self.matches(i, &head.keys, &head.gaps)
                    && (word.capital
                        || (LOWER_HEADS.contains(&head.keys.join(" ").as_str())
                            && self.capital(i + head.keys.len())))
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
            let mut letters: String = self.word_text(j).chars().filter(|c| c.is_alphabetic()).collect();
            while end < self.words.len() && self.gap(end) == "-" && self.words[end].acronym {
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
            let gap = gap_signature(self.gap(k));
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
            let joined = n > 0 && (k != content[n - 1].0 + 1 || gap_signature(self.gap(k)) != "");
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
        let type_words = match (self.key(k), self.key(k + 1)) {
            ("thành", "phố") | ("thị", "xã") | ("thị", "trấn") | ("đặc", "khu") if self.soft(k + 1) => 2,
            ("tỉnh" | "huyện" | "quận" | "xã" | "phường" | "tp" | "tx", _) => 1,
            _ => 0,
        };
        if type_words > 0 {
            let after = k + type_words;
            let dotted = matches!(self.key(k), "tp" | "tx") && self.gap(after).trim() == ".";
            let name_start = match self.gap(after).trim() {
                "" if after < self.words.len() => after,
                "." if dotted && !self.gap(after).contains('\n') => after,
                _ => return Some((after, self.surface(k, after))),
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
            return Some((after, self.surface(k, after)));
        }
        self.known_place(k).map(|end| (end, self.surface(k, end)))
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
                        self.words[k + n].key == *key && (n == 0 || !self.gap(k + n).contains(','))
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
        while k < self.words.len() {
            if k > j {
                let gap = gap_signature(self.gap(k));
                if !(gap.is_empty() || gap == "&") || (self.gap(k).contains('\n') && self.capital(k)) {
                    break;
                }
                if self.place_at(k).is_some() && self.capital(k) && last_capital.is_some() {
                    break;
                }
                if self.capital(k) && self.starts_parent(k) && last_capital.is_some() {
                    break;
                }
            }
            let word = &self.words[k];
            if word.capital || word.acronym || word.number {
                last_capital = Some(k);
            } else if word.key == "và" && self.soft(k + 1) && self.capital(k + 1) && !self.starts_parent(k + 1) {
                // "Ngân hàng Đầu tư và Phát triển Việt Nam"
            } else if STOP_WORDS.contains(&word.key.as_str())
                || k - last_capital.unwrap_or(j) > if lower_start { 9 } else { 6 }
            {
                break;
            }
            k += 1;
        }
        let last = last_capital.map_or(j, |c| c + 1);
        // Lower-case words after the last capital stay when the name ends there: "Báo Tiền
        // phong,", "Hội Cựu chiến binh Sở ...", "Quỹ viễn thông công ích;".
        let trailing = k - last;
        if trailing > 0 && trailing <= 2 && self.name_ends(k) {
            return Some(k);
        }
        (last > j || last_capital == Some(j)).then_some(last)
    }

    /// The name that ends before word `k` is followed by punctuation, a line end or a parent.
    fn name_ends(&self, k: usize) -> bool {
        if k >= self.words.len() {
            return true;
        }
        let gap = self.gap(k);
        !gap.chars().all(char::is_whitespace) || gap.contains('\n') || self.starts_parent(k) || self.place_at(k).is_some()
    }

    /// A body that can own another starts at word `k` ("Bộ Nội vụ", "Sở TT&TT", "Thành ủy").
    fn starts_parent(&self, k: usize) -> bool {
        self.org_at(k, 2).is_some()
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
        }
        (k, None, None)
    }

    /// The organisation that starts at word `i`, if any. `depth` counts parent levels.
    pub fn org_at(&self, i: usize, depth: usize) -> Option<Org> {
        let word = self.words.get(i)?;
        let lower_head = LOWER_HEADS.iter().any(|h| h.split(' ').next() == Some(word.key.as_str()));
        if !(word.capital || word.acronym || lower_head) {
            return None;
        }
        let named = self.name_at(i, true).map(|(end, name)| self.named(i, end, name, depth));
        let headed = self.head_at(i).and_then(|(end, head)| self.headed(i, end, head, depth));
        match (named, headed) {
            (Some(a), Some(b)) => Some(if b.last > a.last { b } else { a }),
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
        // Committees of the National Assembly name it after them ("... của Quốc hội").
        if name.canonical.starts_with("Ủy ban") && depth < 2 {
            let at = if self.key(end) == "của" && self.soft(end) { end + 1 } else { end };
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
                if !self.soft(h) {
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
                        return Some(Org { last: place_end, ..org });
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
                if self.key(end) == "số" && self.soft(end) && self.capital(end + 1) && self.soft(end + 1) {
                    org.name = format!("{} {}", org.name, squash(self.surface(end, end + 2)));
                    end + 2
                } else {
                    end
                }
            }
            Mode::Cluster => return self.cluster(org, h, depth),
        };
        let (end, place, parent) = self.qualifiers(body_end, depth);
        if head.mode == Mode::Owner && place.is_none() && parent.is_none() && !self.listed_council(i, h) {
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
                let gap = gap_signature(self.gap(k));
                let region = self.words[k].capital || matches!(self.key(k), "miền" | "khu" | "vực");
                if !region || !(gap.is_empty() || (gap == "," && self.words[k].capital || gap == "," && self.key(k) == "miền")) {
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
        let opening = gap_signature(self.gap(i + 1));
        if !(opening == ":" || opening.is_empty()) {
            return None;
        }
        let mut members = Vec::new();
        let mut k = i + 1;
        loop {
            if let Some(org) = self.org_at(k, 1).filter(|o| o.kind == "department" || o.kind == "ministry") {
                k = org.last;
                members.push(org);
            } else if let Some(domain) = self.domain_at(k).filter(|d| d.known.is_some() || !d.abbreviated) {
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
                    kind: if head == "Bộ" { "ministry" } else { "department" }.to_string(),
                    abbreviated: false,
                    parent: None,
                    place: None,
                    successor,
                });
                k = domain.end;
            } else {
                break;
            }
            let gap = gap_signature(self.gap(k));
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
        i > 0 && self.soft(i) && GENERIC_BEFORE.contains(&self.key(i - 1))
    }
}

/// Folds every run of white space (line breaks included) into one space.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
