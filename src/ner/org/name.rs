//! Name words after a head ("Công ty" + "cổ phần Phần mềm Minh Phát"): capitalised words, the
//! lower-case words between them, a lower-case tail when the name visibly ends (punctuation, a
//! qualifier, a stop word), and a parenthesised abbreviation when more name follows it. A spaced
//! dash joins two capitalised halves ("Kế hoạch – Tài chính"); a place name followed by more name
//! words is inside the name ("Sài Gòn Xanh"); a person's name after lower-case name words ends it.

use super::parse::Scanner;
use super::rules::OrgClass;
use super::words::gap_signature;
use crate::ner::phrase::UNKNOWN;

/// The most words of the subject a name takes after [`OrgClass::SubjectWord`] ("về người Việt Nam
/// ở nước ngoài" has six).
const MAX_SUBJECT_WORDS: usize = 7;

impl<'a> Scanner<'a> {
    /// Name words from `j` ("Cựu chiến binh", "THCS Thăng Long", "cổ phần Phần mềm Vitex").
    /// A `brand` (a company's name) ends at its last capitalised word: what follows it in lower
    /// case is what the company did ("Tập đoàn Hòa Phát lãi ...", "Tập đoàn Samsung ngỏ ý ...").
    pub(super) fn name_words(&self, j: usize, lower_start: bool, brand: bool) -> Option<usize> {
        let first = self.words.get(j)?;
        // "Liên hiệp các Hội Khoa học và Kỹ thuật": a plural inside the name itself.
        let plural_inside = self.is_key(j, self.kw.cac) && self.soft(j + 1) && self.capital(j + 1);
        if !(first.capital || first.acronym || first.number || lower_start || plural_inside) {
            return None;
        }
        // "Quân khu 4", "Vùng Cảnh sát biển 2": a number alone is the whole name.
        if first.number && !(self.soft(j + 1) && self.capital(j + 1)) {
            return Some(j + 1);
        }
        let mut last_capital: Option<usize> = None;
        let mut k = j;
        let mut after_bracket = false;
        while k < self.words.len() {
            if k > j && !std::mem::take(&mut after_bracket) {
                let gap = self.gap(k);
                let signature = gap_signature(gap);
                if signature == "(" && self.bracketed_abbreviation(k) {
                    // "Trung tâm Ươm tạo Doanh nghiệp Nông nghiệp công nghệ cao (NNCNC) Bắc Ninh"
                    last_capital = Some(k);
                    after_bracket = true;
                    k += 1;
                    continue;
                }
                let listed = signature == "," && last_capital.is_some() && self.comma_continues(k);
                // Companies spell out their trade: "Công ty CP cấp nước, xử lý nước thải Bình
                // Dương", "... điện tử - viễn thông ĐN".
                // An address after a comma ("..., xã Tân Kiều") is no trade.
                let trade = lower_start
                    && brand
                    && matches!(signature.as_str(), "," | "-")
                    && !gap.contains('\n')
                    && !self.capital(k)
                    && !self.type_word_at(k)
                    && self.bridges_to_capital(k);
                // "Vụ Kế hoạch – Tài chính", "Phòng Tổ chức - Biên chế": a spaced dash joins two
                // capitalised halves of one name.
                let dashed = signature == "-"
                    && last_capital.is_some()
                    && gap.starts_with(char::is_whitespace)
                    && gap.ends_with(char::is_whitespace)
                    && self.words[k].capital
                    && !self.words[k].acronym
                    && self.head_at(k).is_none()
                    && !self.qualifier_at(k)
                    && !self.person_at(k);
                // "phòng, chống dịch": a compound written with a comma; "COVID-19": a code.
                let compound = signature == ","
                    && self.is(OrgClass::NameCompound, &[self.id(k - 1), self.id(k)]);
                let code = gap == "-" && self.words[k - 1].acronym && self.words[k].number;
                if !(signature.is_empty()
                    || signature == "&"
                    || listed
                    || trade
                    || dashed
                    || compound
                    || code)
                    || gap.contains('\n')
                {
                    break;
                }
                let named_so_far = last_capital.is_some() || (k > j && !plural_inside);
                if named_so_far && self.capital(k) && self.qualifier_at(k) && !self.place_inside(k)
                {
                    break;
                }
                // "Ban Chỉ đạo diễn tập tỉnh", "Văn phòng Đăng ký đất đai tỉnh": a lower-case unit
                // type after the name is its place qualifier.
                if named_so_far && self.lower_unit_at(k) {
                    break;
                }
                // "Cục Chuyển đổi số quốc gia Trần Thị Thu Phương": a person's name after the
                // lower-case words of a name is the head of the body, not part of it.
                if k > j && !self.capital(k - 1) && self.person_at(k) {
                    break;
                }
                // "Nhà xuất bản Kim Đồng Bùi Tuấn Nghĩa": a full name of three syllables or more
                // after a Title Case name is its director, named after the body.
                if k >= j + 2
                    && self.words[k - 1].capital
                    && self.words[k - 2].capital
                    && self.person_syllables(k) >= 3
                {
                    break;
                }
            }
            let word = &self.words[k];
            if word.capital || word.acronym || word.number {
                last_capital = Some(k);
            } else if self.is_key(k, self.kw.va)
                && self.soft(k + 1)
                && self.capital(k + 1)
                && (self.head_at(k + 1).is_none() || self.comma_compound_at(k + 1))
                && !self.qualifier_at(k + 1)
            {
                // "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"
            } else if self.is_key(k, self.kw.va)
                && last_capital.is_some()
                && !self.capital(k - 1)
                && self.lower_run_to_punctuation(k + 1, 4)
            {
                // "Viện Khoa học tổ chức nhà nước và lao động,"
            } else if self.is(OrgClass::NameVerb, &[self.id(k), self.id(k + 1)])
                && self.soft(k + 1)
                && (if k == j {
                    lower_start
                } else {
                    // Two lower-case words before it: "Thủy sản" + "kiểm tra" is what a body did.
                    !self.capital(k - 1)
                        && (k - 1 == j && lower_start || k >= j + 2 && !self.capital(k - 2))
                })
            {
                // "Ban Chỉ đạo xây dựng nông thôn mới": a field, not what the body did.
                k += 1;
            } else if let Some(end) = self.subject_of_name(j, k) {
                // "Phòng Cảnh sát điều tra tội phạm về ma túy (PC47)": the subject ends the name.
                return Some(end);
            } else if (self.stops_name(k)
                && !(k == j && self.is_key(k, self.kw.cac) && (lower_start || plural_inside)))
                || k - last_capital.unwrap_or(j) > 11
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
            let qualified =
                self.soft(k) && (self.capital(k) && self.qualifier_at(k) || self.lower_unit_at(k));
            let punctuated = k >= self.words.len()
                || !self.gap(k).chars().all(char::is_whitespace)
                || self.gap(k).contains('\n');
            // A name without any capital must end at punctuation ("Quỹ viễn thông công ích;").
            let ended =
                punctuated || (last_capital.is_some() && (self.stops_name(k) || self.person_at(k)));
            // State bodies write long lower-case names ("Trung tâm Giám sát an toàn không gian
            // mạng quốc gia"); companies name themselves and then say what they do ("Công ty
            // Hanel sản xuất linh kiện").
            // ... but not up to a full stop: a sentence ends with what the body did.
            let sentence_end = k >= self.words.len()
                || self.gap(k).contains('\n')
                || matches!(
                    self.gap(k).trim_start().chars().next(),
                    Some('.' | '!' | '?')
                );
            let limit = match (lower_start, punctuated) {
                (true, true) => 4,
                (true, false) => 3,
                (false, true) if sentence_end => 4,
                (false, true) => 10,
                (false, false) => 5,
            };
            // ... unless the abbreviation it defines closes it ("Tổng công ty Đầu tư và Kinh
            // doanh vốn nhà nước (SCIC)").
            let defined = self.gap(k).trim() == "("
                && self.words.get(k).is_some_and(|w| w.acronym)
                && self.gap(k + 1).trim_start().starts_with(')');
            // A brand is written in Title Case ("Hòa Phát") or is a foreign word ("Samsung"); a
            // capitalised first syllable of a description ("Ngân hàng Chính sách xã hội") is not.
            let branded = brand
                && !defined
                && last_capital.is_some_and(|c| {
                    c > j && self.words[c - 1].capital
                        || crate::ner::person::foreign_word(self.key(c))
                });
            if (qualified && trailing <= 6) || (!branded && ended && trailing <= limit) {
                return Some(k);
            }
        }
        // "Ban Chỉ huy phòng chống ...": a capitalised first syllable keeps its second one, unless
        // the name capitalises every syllable ("Công ty Hoàng Gia") or the word is no Vietnamese
        // syllable ("Tập đoàn Samsung ngỏ ý").
        let extend = last_capital.is_some_and(|c| {
            let word = &self.words[c];
            let foreign_brand = brand && crate::ner::person::foreign_word(self.key(c));
            word.capital
                && !word.acronym
                && !word.number
                && !foreign_brand
                && (c == j || !self.words[c - 1].capital)
                && c + 1 < k
                && !self.stops_name(c + 1)
        });
        last_capital.map(|c| if extend { c + 2 } else { c + 1 })
    }

    /// The subject a name from word `j` takes at word `k` ([`OrgClass::SubjectWord`]: "về ma
    /// túy", "về người Việt Nam ở nước ngoài", "về Phòng, chống thiên tai"): the end of the
    /// subject. The name before it ends in lower-case name words or a word of
    /// [`OrgClass::SubjectScope`]; the subject has at most [`MAX_SUBJECT_WORDS`] words, no verb, no
    /// other body or person, and ends the sentence or the clause (punctuation after it).
    fn subject_of_name(&self, j: usize, k: usize) -> Option<usize> {
        if k <= j || !self.is(OrgClass::SubjectWord, &[self.id(k)]) || !self.soft(k + 1) {
            return None;
        }
        let scope = (1..=2).any(|n| {
            k >= j + n
                && (k + 1 - n..k).all(|m| self.soft(m) || m == j)
                && self.is(
                    OrgClass::SubjectScope,
                    &[self.id(k - n), self.id(k - 1)][2 - n..],
                )
        });
        if (!scope && self.capital(k - 1))
            || self.lex.words.starts(OrgClass::SubjectVeto, self.id(k + 1))
        {
            return None;
        }
        let mut m = k + 1;
        while m < self.words.len() && m <= k + MAX_SUBJECT_WORDS {
            let compound = self.sig(m) == ","
                && self.is(OrgClass::NameCompound, &[self.id(m - 1), self.id(m)]);
            if m > k + 1 && !(self.soft(m) || compound) {
                break;
            }
            let joiner = self.is(OrgClass::SubjectJoiner, &[self.id(m)]);
            let word_ok = if self.capital(m) {
                (self.head_at(m).is_none() || self.comma_compound_at(m)) && !self.person_at(m)
            } else {
                joiner || !self.stops_name(m)
            };
            if !word_ok || (joiner && m == k + 1) {
                return None;
            }
            m += 1;
        }
        let closed = m >= self.words.len()
            || self.gap(m).contains('\n')
            || matches!(
                self.gap(m).trim_start().chars().next(),
                Some(',' | '.' | ';' | ':' | '(' | ')' | '!' | '?')
            );
        (m > k + 1 && closed && !self.is(OrgClass::SubjectJoiner, &[self.id(m - 1)])).then_some(m)
    }

    /// Word `k` starts a compound written with a comma ("Phòng, chống"), not a body ("Phòng").
    fn comma_compound_at(&self, k: usize) -> bool {
        self.sig(k + 1) == "," && self.is(OrgClass::NameCompound, &[self.id(k), self.id(k + 1)])
    }

    /// A lower-case administrative type word that qualifies a name starts at word `k` ("tỉnh",
    /// "huyện Quỳ Châu").
    fn lower_unit_at(&self, k: usize) -> bool {
        // "xã", "phường" stand bare for no one unit and start words ("xã hội"): named only.
        let bare_ok = self.is_any_key(k, &[self.kw.tinh, self.kw.huyen, self.kw.quan_district])
            || (self.is_key(k, self.kw.thanh) && self.is_key(k + 1, self.kw.pho));
        self.words.get(k).is_some_and(|w| !w.capital && !w.acronym)
            && self.type_word_at(k)
            && self.place_at(k).is_some_and(|(end, _)| {
                bare_ok
                    || (self.words[end - 1].capital
                        && self.words[end - 1].start > self.words[k].end)
            })
    }

    /// Word `k` is an abbreviation in parentheses inside a name: more name follows the ")".
    pub(super) fn bracketed_abbreviation(&self, k: usize) -> bool {
        let closing = self.gap(k + 1);
        self.words[k].acronym
            && k + 1 < self.words.len()
            && gap_signature(closing) == ")"
            && closing.ends_with(' ')
            && !closing.contains('\n')
            && (self.qualifier_at(k + 1) || self.bridges_to_capital(k + 1))
    }

    /// After a comma at word `k` the same name goes on ("Trung tâm Kiểm định, Tư vấn KH&CN tỉnh
    /// Thái Bình"): a capitalised word that starts no other body or place, then name words up to an
    /// abbreviation or a qualifier, all before the next punctuation. A person's name in apposition
    /// ("Trung tâm CNTT, Nguyễn Văn A cho biết") reaches neither.
    pub(super) fn comma_continues(&self, k: usize) -> bool {
        if !(self.soft_after_comma(k) && self.words.get(k).is_some_and(|w| w.capital && !w.acronym))
            || self.head_at(k).is_some()
            || self.qualifier_at(k)
        {
            return false;
        }
        let mut m = k + 1;
        while m < self.words.len() && m < k + 7 && self.soft(m) {
            if self.words[m].acronym || (self.capital(m) && self.qualifier_at(m)) {
                return true;
            }
            if !self.capital(m) && self.stops_name(m) {
                return false;
            }
            m += 1;
        }
        false
    }

    /// The gap before word `k` is a comma and spaces on one line.
    fn soft_after_comma(&self, k: usize) -> bool {
        let gap = self.gap(k);
        gap.trim_start().starts_with(',') && !gap.contains('\n') && gap.ends_with(' ')
    }

    /// From word `k`, a few lower-case name words lead to a capital word ("đổi mới sáng tạo Hà Nội").
    pub(super) fn bridges_to_capital(&self, k: usize) -> bool {
        (k..self.words.len().min(k + 9))
            .take_while(|&m| m == k || self.soft(m))
            .take_while(|&m| self.capital(m) || !self.stops_name(m))
            .any(|m| self.capital(m))
    }

    /// Words from `m`, at most `n`, are lower-case name words that end at punctuation.
    fn lower_run_to_punctuation(&self, m: usize, n: usize) -> bool {
        let mut k = m;
        while k < self.words.len() && k < m + n {
            if !self.soft(k) || self.capital(k) || self.stops_name(k) {
                return false;
            }
            k += 1;
            if k >= self.words.len() {
                return true;
            }
            let closing = self.gap(k).trim_start().chars().next();
            if matches!(closing, Some(',' | '.' | ';' | ':' | ')' | '-' | '–')) {
                return true;
            }
        }
        false
    }

    /// The bare place name at `k` is inside a longer name: a capitalised word that starts no
    /// body, place or person follows it ("Công ty Cổ phần Truyền thông Sài Gòn Xanh").
    fn place_inside(&self, k: usize) -> bool {
        if self.type_word_at(k) {
            return false;
        }
        let Some((end, _)) = self.place_at(k) else {
            return false;
        };
        self.soft(end)
            && self.words[end].capital
            && !self.words[end].acronym
            && self.head_at(end).is_none()
            && !self.qualifier_at(end)
            && !self.person_at(end)
    }

    /// A person's name starts at word `k`: a common surname and one to three capitalised
    /// syllables, then no more capitals ("Trần Thị Thu Phương cho biết").
    pub(super) fn person_at(&self, k: usize) -> bool {
        self.person_syllables(k) > 0
    }

    /// The syllables of the person's name at `k` (see [`Scanner::person_at`]), or 0.
    fn person_syllables(&self, k: usize) -> usize {
        if !self.words.get(k).is_some_and(|w| w.capital && !w.acronym)
            || !self.is(OrgClass::Surname, &[self.id(k)])
            || self.known_place(k).is_some()
        {
            return 0;
        }
        let mut m = k + 1;
        while m < self.words.len()
            && self.soft(m)
            && self.words[m].capital
            && !self.words[m].acronym
            && m - k <= 3
        {
            m += 1;
        }
        let syllables = m - k;
        if (2..=4).contains(&syllables) && !(self.soft(m) && self.capital(m)) {
            syllables
        } else {
            0
        }
    }

    /// A lower-case word (or pair) at `k` that cannot be part of a name.
    pub(super) fn stops_name(&self, k: usize) -> bool {
        // "Cục Việc làm", "an toàn không gian mạng", "Viện Khoa học tổ chức nhà nước".
        let before = k.checked_sub(1).map_or(UNKNOWN, |b| self.id(b));
        if self.is(OrgClass::NameCompound, &[before, self.id(k)])
            || self.is(OrgClass::NameCompound, &[self.id(k), self.id(k + 1)])
            || (self.is_key(k, self.kw.to)
                && self.is_key(k + 1, self.kw.chuc)
                && self.is(OrgClass::OrganisingObject, &[self.id(k + 2)]))
        {
            return false;
        }
        self.is(OrgClass::StopWord, &[self.id(k)])
            || self.is(OrgClass::StopPair, &[self.id(k), self.id(k + 1)])
    }
}
