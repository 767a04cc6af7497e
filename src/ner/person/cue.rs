//! Names without a title or an honorific: after a role noun ("tiền đạo", "ca sĩ", "đạo diễn người
//! Pháp"), foreign and transliterated names ("Kim Sang-sik", "Xi-ha-núc", "von der Leyen"), and
//! short names that refer back to a full name found earlier in the same text ("Tuấn Hải" or "Hải"
//! after "Phạm Tuấn Hải", "Smith" after "Sophia Smith").
//!
//! `role_noun_person` is one more rule of the left-to-right scan of `super::name`; `add_aliases`
//! runs once after the scan over the people it found.

use super::is_capitalised;
use super::lexicon::{Opens, PersonClass, Position};
use super::name::{trim_back, Names};
use super::title;
use super::token::{line_break_between, Case};
use super::{PersonFound, PersonRule, TitleFound};
use crate::ner::phrase::UNKNOWN;
use crate::ner::text::vietnamese_only_letter;

/// Longest name after a role noun, in words ("Luiz Inácio Lula da Silva").
const MAX_CUED_WORDS: usize = 5;
/// Longest role noun, in words ("nhà nghiên cứu").
const MAX_ROLE_WORDS: usize = 3;
/// How far after a title its foreign holder's name may start, in words ("Bộ trưởng Bộ Lao động và
/// Đào tạo nghề Campuchia A B").
const TITLE_SCAN_WORDS: usize = 12;

/// True when a word cannot be one Vietnamese syllable: joined with hyphens ("Xi-ha-núc"), with a
/// letter Vietnamese does not write (f, j, w, z, "ö"), or not of the shape onset, vowels, coda
/// ("Kishida", "Davis", "Smith", "Hourn").
pub(crate) fn foreign_word(key: &str) -> bool {
    const ONSETS: [&str; 27] = [
        "ngh", "ng", "nh", "gh", "gi", "kh", "ph", "qu", "th", "tr", "ch", "b", "c", "d", "đ", "g",
        "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
    ];
    const CODAS: [&str; 9] = ["", "ng", "nh", "ch", "c", "m", "n", "p", "t"];
    if key.contains('-') {
        return true;
    }
    // One letter is an initial ("H' Nhi"), not a word of its own; a letter only Vietnamese writes
    // ("Đắk", "Krông") or a glued prefix ("N'drong") makes a minority-language word, written in
    // Vietnamese letters.
    if key.chars().nth(1).is_none() || vietnamese_letters(key) || key.contains(['\'', '’']) {
        return false;
    }
    if key
        .chars()
        .any(|c| c.is_alphabetic() && !is_vowel(c) && !is_consonant(c))
    {
        return true;
    }
    let onset = ONSETS
        .iter()
        .find(|o| key.starts_with(*o))
        .map_or(0, |o| o.len());
    let rest = &key[onset..];
    let vowels_end = rest
        .char_indices()
        .find(|&(_, c)| !is_vowel(c))
        .map_or(rest.len(), |(at, _)| at);
    // "gi" before a consonant is itself the vowel ("gìn"): the onset is "g".
    if vowels_end == 0 && !(onset == 2 && key.starts_with("gi")) {
        return true;
    }
    !CODAS.contains(&&rest[vowels_end..])
}

/// A vowel letter of Vietnamese, with or without its marks.
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'à'
            | 'á'
            | 'ả'
            | 'ã'
            | 'ạ'
            | 'ă'
            | 'ằ'
            | 'ắ'
            | 'ẳ'
            | 'ẵ'
            | 'ặ'
            | 'â'
            | 'ầ'
            | 'ấ'
            | 'ẩ'
            | 'ẫ'
            | 'ậ'
            | 'e'
            | 'è'
            | 'é'
            | 'ẻ'
            | 'ẽ'
            | 'ẹ'
            | 'ê'
            | 'ề'
            | 'ế'
            | 'ể'
            | 'ễ'
            | 'ệ'
            | 'i'
            | 'ì'
            | 'í'
            | 'ỉ'
            | 'ĩ'
            | 'ị'
            | 'o'
            | 'ò'
            | 'ó'
            | 'ỏ'
            | 'õ'
            | 'ọ'
            | 'ô'
            | 'ồ'
            | 'ố'
            | 'ổ'
            | 'ỗ'
            | 'ộ'
            | 'ơ'
            | 'ờ'
            | 'ớ'
            | 'ở'
            | 'ỡ'
            | 'ợ'
            | 'u'
            | 'ù'
            | 'ú'
            | 'ủ'
            | 'ũ'
            | 'ụ'
            | 'ư'
            | 'ừ'
            | 'ứ'
            | 'ử'
            | 'ữ'
            | 'ự'
            | 'y'
            | 'ỳ'
            | 'ý'
            | 'ỷ'
            | 'ỹ'
            | 'ỵ'
    )
}

/// A consonant letter of Vietnamese.
fn is_consonant(c: char) -> bool {
    matches!(
        c,
        'b' | 'c'
            | 'd'
            | 'đ'
            | 'g'
            | 'h'
            | 'k'
            | 'l'
            | 'm'
            | 'n'
            | 'p'
            | 'q'
            | 'r'
            | 's'
            | 't'
            | 'v'
            | 'x'
    )
}

/// For each token, the index of the first capitalised foreign word at or after it (the number of
/// tokens when none): the foreign-name rules look ahead with it instead of testing every word.
pub(super) fn next_foreign(tokens: &[super::token::Token]) -> Vec<usize> {
    let mut next = vec![tokens.len(); tokens.len() + 1];
    for k in (0..tokens.len()).rev() {
        let t = &tokens[k];
        // Words of the lexicons are Vietnamese or known places; only unknown ones are tested.
        let foreign = t.is_word && t.id == UNKNOWN && is_capitalised(t) && foreign_word(t.key);
        next[k] = if foreign { k } else { next[k + 1] };
    }
    next
}

/// True when a word (a lower-case key) has a letter only Vietnamese writes
/// ([`vietnamese_only_letter`]).
fn vietnamese_letters(key: &str) -> bool {
    !key.is_ascii() && key.chars().any(vietnamese_only_letter)
}

impl Names<'_> {
    /// The end of a role noun at `i` and whether it is a title of the name: a word of the
    /// `role_noun` or `name_cue` class or a personal role (`Lexicon::role_nouns`).
    pub(super) fn role_noun_at(&self, i: usize) -> Option<(usize, bool)> {
        let longest_at = |from: usize| {
            let ids = self.tokens.get(from..)?.iter().take(MAX_ROLE_WORDS);
            let (n, &title) = self.lex.role_nouns.longest(ids.map(|t| t.id))?;
            Some((from + n, title))
        };
        // Most words start no role noun (one bit test each). "nữ diễn viên": a gender word before
        // the role noun is part of it.
        let direct = if self.lex.role_nouns.starts_with(self.id(i)) {
            longest_at(i)
        } else {
            None
        };
        let gender = || {
            let next_lower = self.tok(i + 1).is_some_and(|t| t.case == Case::Lower);
            (next_lower && self.lex.is(PersonClass::RoleGender, &[self.id(i)]))
                .then(|| longest_at(i + 1))
                .flatten()
        };
        let (end, title) = direct.or_else(gender)?;
        // "nghệ sĩ piano", "nhà nghiên cứu âm nhạc": a field or instrument in lower case.
        let field = title::role_field(self.lex, self.tokens, end);
        Some((end + field.unwrap_or(0), title))
    }

    /// A role noun standing as a title in apposition after a name ("A, rapper lần đầu đóng
    /// phim", "B, chuyên gia kinh tế, nhận định"), when no name of its own follows it.
    pub(super) fn appositive_role_noun(&self, k: usize) -> Option<(TitleFound, usize)> {
        if !self.tok(k)?.is_word || self.tok(k)?.case != Case::Lower {
            return None;
        }
        let (end, is_title) = self.role_noun_at(k)?;
        // "A, tiền đạo người Brazil B": the role noun is B's.
        let (name_at, _) = self.skip_qualifiers(end);
        let own_name = self.tok(name_at).is_some_and(|t| {
            is_capitalised(t) && !line_break_between(self.text, &self.tokens[name_at - 1], t)
        });
        (is_title && !own_name).then(|| (self.role_noun_title(k, end), end))
    }

    /// The role noun `[i, end)` as a title ("HLV", "kỳ thủ người Na Uy").
    fn role_noun_title(&self, i: usize, end: usize) -> TitleFound {
        let (start, stop) = (self.tokens[i].start, self.tokens[end - 1].end);
        let text = self.text[start..stop].to_string();
        TitleFound {
            start,
            end: stop,
            role: text.clone(),
            text,
            organization: None,
            modifiers: Vec::new(),
        }
    }

    /// `<role noun> [người <country>] <Name>` and lists after a plural one: "tiền đạo Nguyễn Xuân
    /// A", "đạo diễn người Pháp gốc Việt B", "các ca sĩ C, D và E", "bút danh khác như F, G".
    pub(super) fn role_noun_person(&self, i: usize) -> Option<(Vec<PersonFound>, usize)> {
        if !self.tok(i)?.is_word {
            return None;
        }
        let (role_end, is_title) = self.role_noun_at(i)?;
        let plural = i > 0 && matches!(self.key(i - 1), "các" | "những");
        let (k, filler) = self.skip_qualifiers(role_end);
        if k == role_end && line_break_between(self.text, &self.tokens[k - 1], self.tok(k)?) {
            return None;
        }
        let (start, end) = self.cued_name(k)?;
        // Not the last word of a longer title ("Thủ tướng" is no "tướng").
        if self.inside_role(i) {
            return None;
        }
        let start0 = start;
        // The role noun with its nationality is the title of one name ("kỳ thủ người Na Uy"), the
        // bare role noun of each member of a list ("các ca sĩ A, B").
        let role_title = |from: usize| {
            // "tổng đốc Lưỡng Quảng Tôn Sĩ Nghị": the place the name was cut from stays in the title.
            let to = if plural || filler || from != start0 {
                role_end
            } else {
                start0
            };
            is_title.then(|| self.role_noun_title(i, to))
        };
        let (after, mut next) = self.appositive_titles(end);
        let titles: Vec<TitleFound> = role_title(start).into_iter().chain(after).collect();
        let mut out = vec![self.person(start, end, PersonRule::RoleNoun, None, None, titles)];
        // A list after a plural role noun or a filler; a foreign name after "và" also shares the
        // role ("hai diễn viên A B và C D").
        loop {
            let joiner = self.key(next);
            if !matches!(joiner, "," | "và") {
                break;
            }
            let Some((start, end)) = self.cued_name(next + 1) else {
                break;
            };
            let foreign = joiner == "và" && (start..end).any(|j| foreign_word(self.key(j)));
            if !(plural || filler || foreign) {
                break;
            }
            let (after, later) = self.appositive_titles(end);
            let titles: Vec<TitleFound> = role_title(start).into_iter().chain(after).collect();
            out.push(self.person(start, end, PersonRule::RoleNoun, None, None, titles));
            next = later;
        }
        Some((out, next))
    }

    /// `<title> [organisation or country] <foreign name>`: "Tổng thống Joko Widodo", "Bộ trưởng
    /// Ngoại giao Nga Xéc-gây La-vrốp", "Chủ tịch Ủy ban châu Âu Ursula von der Leyen". The name is
    /// the first capitalised run with a foreign word within a few words of the title, without the
    /// places and organisations that open the run; the title is cut before it.
    pub(super) fn title_foreign_person(&self, i: usize) -> Option<(Vec<PersonFound>, usize)> {
        // The role (with its modifiers) and the scan after it: a foreign word must be near.
        if self.next_foreign[i] > i + TITLE_SCAN_WORDS + 8 {
            return None;
        }
        // Prefix modifiers belong to the title ("cố Thủ tướng", "cựu Tổng thống").
        let mut r = i;
        while let Some(m) = self.lex.modifiers.longest(self.tokens, r, false) {
            if m.value.position != Position::Prefix {
                break;
            }
            r = m.end;
        }
        let role = self.lex.roles.longest(self.tokens, r, false)?;
        if self.inside_role(i) {
            return None;
        }
        let located = title::RoleTail::of(self.lex, &self.tokens[r..role.end]).located;
        let mut p = role.end;
        let limit = (role.end + TITLE_SCAN_WORDS).min(self.tokens.len());
        let (s, e) = loop {
            if p >= limit || line_break_between(self.text, &self.tokens[p - 1], &self.tokens[p]) {
                return None;
            }
            let t = &self.tokens[p];
            // A verb or function word ends the search in prose; after a capitalised word it is
            // part of a name ("Bộ Lao động và Đào tạo nghề").
            // "Đại sứ Mỹ tại Hà Nội A": the place of a post abroad.
            let joiner = t.key == "và" || located && t.key == "tại";
            let in_name = is_capitalised(&self.tokens[p - 1]) || joiner;
            if !t.is_word
                || self.lex.is(PersonClass::StopSyllable, &[t.id]) && !in_name && !is_capitalised(t)
                || self.lex.is(PersonClass::PlacePreposition, &[t.id]) && !joiner
            {
                return None;
            }
            if !is_capitalised(t) {
                p += 1;
                continue;
            }
            let e = self.run_end(p);
            let foreign = (p..e).filter(|&j| foreign_word(self.key(j))).count();
            // A name of usual words right after the title is for the other rules ("Nghệ nhân Y
            // A ở bon B").
            if foreign == 0 && p == role.end && e - p >= 2 && !self.lex.org_head_at(self.tokens, p)
            {
                return None;
            }
            // One foreign word is a name only right after a post ("Thủ tướng Kishida"; not
            // "học sinh Olympia").
            if foreign == 0 || e == p + 1 && (p > role.end || role.value.personal) {
                p = e.max(p + 1);
                continue;
            }
            break (self.name_in_run(p, e, p > role.end)?, e);
        };
        // An organisation that starts in the title's own organisation part and runs into the name
        // ("Liên hợp quốc A B") does not make the name part of it.
        let (s_at, e_at) = (self.tokens[s].start, self.tokens[e - 1].end);
        let org_of_name = self
            .orgs
            .iter()
            .any(|&(os, oe)| os >= s_at && os < e_at && oe > s_at);
        // A name after or inside the title's organisation is mostly foreign words ("Liên hợp
        // quốc A B", "Ủy ban Quốc vụ Triều Tiên Kim Jong-un"; not "Nhà máy Alumin Nhân Cơ"); no
        // name ends with a country ("Deloitte Việt Nam").
        let usual = (s..e).filter(|&j| !foreign_word(self.key(j))).count();
        // After a country or an acronym the run is the name ("ASEAN Kao Kim Hourn", "Campuchia Ith
        // Sam Heng"), not the end of the title's organisation.
        let after_qualifier = self.tokens[s - 1].case == Case::Upper
            || (1..=3).any(|n| s >= role.end + n && self.exact_place(s - n, s));
        let swallowed = self.in_org(s, e) || s > role.end && !after_qualifier;
        let country_end = (1..=3).any(|n| e > s + n && self.exact_place(e - n, e));
        // "Samsung Electronics", "Lotte Cinema": a firm, not a person.
        let common = (s..e).any(|j| self.lex.is(PersonClass::ForeignCommon, &[self.id(j)]));
        if self.is_place(s, e)
            || common
            || org_of_name
            || self.lex.org_head_at(self.tokens, s)
            || swallowed && usual * 2 > e - s
            || country_end
        {
            return None;
        }
        let title = self.title_at(i).and_then(|parsed| {
            let cut = trim_back(self.tokens, parsed.start, s.min(parsed.end.max(s)));
            title::found(
                self.text,
                self.tokens,
                &parsed,
                cut.min(parsed.end.max(cut)),
            )
        });
        let (after, next) = self.appositive_titles(e);
        let titles: Vec<_> = title.into_iter().chain(after).collect();
        Some((
            vec![self.person(s, e, PersonRule::Title, None, None, titles)],
            next,
        ))
    }

    /// A chain of titles whose last link is a foreign holder's title or a role noun: "Tổng Bí thư,
    /// Chủ tịch nước Lào A B", "Chủ tịch Ban giám khảo, đạo diễn C". The first title is added
    /// before the titles the last link gives (up to three links).
    pub(super) fn chained_title_person(&self, i: usize) -> Option<(Vec<PersonFound>, usize)> {
        // A cheap look first: within a few words a joiner and a word that opens another title or
        // a role noun, then a role here and a title or role noun at the link.
        if !self.lex.roles.starts(self.id(i)) {
            return None;
        }
        let limit = self.tokens.len().min(i + TITLE_SCAN_WORDS + 4);
        let joiner = self.tokens[i + 1..limit].iter().position(|t| {
            if t.is_word {
                t.key == "kiêm"
            } else {
                matches!(t.key, "," | ".")
            }
        })? + i
            + 1;
        let mut link = joiner + 1;
        if self.key(link) == "kiêm" {
            link += 1;
        }
        let opens = self.lex.openers.of(self.id(link));
        if self.key(joiner) == "." || opens & (Opens::TITLE | Opens::ROLE_NOUN) == 0 {
            return None;
        }
        self.lex.roles.longest(self.tokens, i, false)?;
        let linked = self.key(joiner) != "."
            && (self.lex.roles.longest(self.tokens, link, false).is_some()
                || self
                    .lex
                    .modifiers
                    .longest(self.tokens, link, false)
                    .is_some()
                || self.role_noun_at(link).is_some());
        if !linked {
            return None;
        }
        let mut links = Vec::new();
        let mut at = i;
        for _ in 0..3 {
            let parsed = self.title_at(at)?;
            let mut j = parsed.end;
            if self.key(j) == "," {
                j += 1;
            }
            if self.key(j) == "kiêm" {
                j += 1;
            }
            if j == parsed.end || line_break_between(self.text, &self.tokens[j - 1], self.tok(j)?) {
                return None;
            }
            links.push(title::found(self.text, self.tokens, &parsed, parsed.end)?);
            let last = self.title_foreign_person(j).or_else(|| {
                self.role_noun_at(j)
                    .filter(|r| r.1)
                    .and_then(|_| self.role_noun_person(j))
            });
            if let Some((mut people, next)) = last {
                let first = people.first_mut()?;
                links.append(&mut first.titles);
                first.titles = links;
                return Some((people, next));
            }
            at = j;
        }
        None
    }

    /// Where the name starts in a capitalised run `[p, e)` holding a foreign word: after the
    /// places and organisation words that open it ("Nga Xéc-gây La-vrốp", "Triều Tiên Kim
    /// Jong-un"), after a word ending a lower-case phrase ("châu Âu Ursula ..."), or at a
    /// Vietnamese full name at its end ("Vingroup Phạm Nhật A").
    fn name_in_run(&self, p: usize, e: usize, mid_phrase: bool) -> Option<usize> {
        let mut s = p;
        loop {
            if let Some(n) = self.place_words(s) {
                if s + n < e {
                    s += n;
                    continue;
                }
            }
            if s + 1 < e && self.org_opens_run(p, s) {
                s += 1;
                continue;
            }
            break;
        }
        if mid_phrase {
            let prev_lower = s > 0 && self.tokens[s - 1].case == super::token::Case::Lower;
            while prev_lower && s + 2 <= e && !foreign_word(self.key(s)) {
                s += 1;
            }
        }
        if let Some(j) = (s + 1..e.saturating_sub(1)).find(|&j| {
            self.lex.is_strong_surname(self.key(j))
                && (j..e).all(|x| !foreign_word(self.key(x)))
                && e - j <= 4
        }) {
            s = j;
        }
        (s < e).then_some(s)
    }

    /// True when token `s` lies in an organisation that starts inside the run starting at `p`
    /// ("Vingroup" of "Vingroup Phạm Nhật A"), not in one that ran into the run from before.
    fn org_opens_run(&self, p: usize, s: usize) -> bool {
        let (run_at, t) = (self.tokens[p].start, &self.tokens[s]);
        self.orgs
            .iter()
            .any(|&(os, oe)| os >= run_at && os < t.end && t.start < oe)
    }

    /// True when token `i` is a later word of a longer title or honorific ("tướng" of "Thủ
    /// tướng", "Trung tướng").
    fn inside_role(&self, i: usize) -> bool {
        (1..=2).any(|b| {
            i >= b
                && (self
                    .lex
                    .roles
                    .longest(self.tokens, i - b, false)
                    .is_some_and(|m| m.end > i)
                    || self
                        .lex
                        .honorifics
                        .longest(self.tokens, i - b, false)
                        .is_some_and(|m| m.end > i))
        })
    }

    /// A foreign name standing as the subject of a clause, without a cue: two or three capitalised
    /// words, one of them foreign, at a clause start and before a verb ("Phút 14, Sophia Smith
    /// đón bóng"); never a run with a word of the `foreign_common` class ("World Cup").
    pub(super) fn foreign_subject(&self, i: usize) -> Option<(Vec<PersonFound>, usize)> {
        if self.next_foreign[i] > i + 2 {
            return None;
        }
        let t = self.tok(i)?;
        if !is_capitalised(t) || i == 0 {
            return None;
        }
        let prev = &self.tokens[i - 1];
        let clause_start = matches!(prev.key, "," | ".")
            || prev.is_word
                && prev.case == super::token::Case::Lower
                && !foreign_word(prev.key)
                && !self.lex.is(PersonClass::ThingWord, &[prev.id])
                && !self.lex.is(PersonClass::PlacePreposition, &[prev.id])
                && !self.lex.is(PersonClass::PlaceType, &[prev.id]);
        if !clause_start || line_break_between(self.text, prev, t) {
            return None;
        }
        let e = self.run_end(i);
        let n = e - i;
        // A verb or a comma follows the subject ("Sophia Smith đón", "của Alex Morgan, ...").
        let verb_after = self
            .tok(e)
            .is_some_and(|n| n.key == "," || n.is_word && n.case == super::token::Case::Lower);
        if !(2..=3).contains(&n) || !verb_after {
            return None;
        }
        // Latin words only: one with letters only Vietnamese writes ("Đắk Glong") is a place.
        let words_ok = (i..e).all(|j| {
            self.tokens[j].case == super::token::Case::Capitalised
                && !vietnamese_letters(self.key(j))
                && !self.lex.is(PersonClass::ForeignCommon, &[self.id(j)])
                && !self.lex.is(PersonClass::PlacePreposition, &[self.id(j)])
                && !self.exact_place(j, j + 1)
        });
        if !words_ok
            || self.lex.honorifics.longest(self.tokens, i, false).is_some()
            || (i..e).filter(|&j| foreign_word(self.key(j))).count() + 1 < n
            || self.is_place(i, e)
            || self.in_org(i, e)
            || self.lex.org_head_at(self.tokens, i)
        {
            return None;
        }
        let (titles, next) = self.appositive_titles(e);
        Some((
            vec![self.person(i, e, PersonRule::Foreign, None, None, titles)],
            next,
        ))
    }

    /// Skips the nationality and fillers after a role noun ("người Pháp gốc Việt", "Thụy Điển",
    /// "khác như"); returns where the name starts and whether a filler was skipped.
    fn skip_qualifiers(&self, mut k: usize) -> (usize, bool) {
        let mut filler = false;
        for _ in 0..4 {
            if self.key(k) == "người" {
                if let Some(n) = self.place_words(k + 1) {
                    k += 1 + n;
                    continue;
                }
            }
            if self.key(k) == "gốc" && self.tok(k + 1).is_some_and(is_capitalised) {
                k += 2;
                continue;
            }
            if self
                .tok(k)
                .is_some_and(|t| t.case == super::token::Case::Lower)
                && self.lex.is(PersonClass::CueFiller, &[self.id(k)])
            {
                k += 1;
                filler = true;
                continue;
            }
            // A country before the name, when a name of its own follows: "kỳ thủ Nga A B", not
            // "ca sĩ Mỹ Tâm".
            if let Some(n) = self.place_words(k) {
                let rest = self.run_end(k + n);
                if rest > k + n && (rest - (k + n) >= 2 || foreign_word(self.key(k + n))) {
                    k += n;
                    continue;
                }
            }
            break;
        }
        (k, filler)
    }

    /// The length of a capitalised place name of one to three words at `k`.
    fn place_words(&self, k: usize) -> Option<usize> {
        (1..=3).rev().find(|&n| {
            k + n <= self.tokens.len()
                && (k..k + n).all(|j| is_capitalised(&self.tokens[j]))
                && self.exact_place(k, k + n)
        })
    }

    /// The end of the capitalised run at `k` on one line, with the lower-case particles of foreign
    /// names inside it, stopping before a role or an honorific.
    pub(super) fn run_end(&self, k: usize) -> usize {
        let mut j = k;
        while j < self.tokens.len() && j - k < MAX_CUED_WORDS + 1 {
            let t = &self.tokens[j];
            if j > k {
                if line_break_between(self.text, &self.tokens[j - 1], t) {
                    break;
                }
                // A title or honorific of someone else's name ends the run ("A Thượng tướng B");
                // one the run merely spells ("Trần Anh Hùng" is no "Anh hùng") does not.
                let role_end = self.lex.roles.longest(self.tokens, j, false).map(|m| m.end);
                let honorific_end = self
                    .lex
                    .honorifics
                    .longest(self.tokens, j, false)
                    .filter(|m| !m.value.address)
                    .map(|m| m.end);
                if role_end
                    .or(honorific_end)
                    .is_some_and(|e| !self.spelt_by_name(j, e))
                {
                    break;
                }
            }
            if j > k && self.lex.is(PersonClass::NameSuffix, &[t.id]) && is_capitalised(t) {
                // "Marcos Jr.": a generational suffix, with its dot, ends the name.
                let dot = self
                    .tok(j + 1)
                    .is_some_and(|d| d.key == "." && d.start == t.end);
                j += 1 + usize::from(dot);
                break;
            }
            if j > k && self.initial_at(j) {
                // "George W. Bush": an initial and its dot inside the name.
                j += 2;
            } else if is_capitalised(t) {
                j += 1;
            } else if j > k && self.lex.is(PersonClass::NameParticle, &[t.id]) {
                // "von der Leyen": particles, then a capitalised word.
                let mut after = j + 1;
                while self.lex.is(PersonClass::NameParticle, &[self.id(after)]) {
                    after += 1;
                }
                if !self.tok(after).is_some_and(is_capitalised) {
                    break;
                }
                j = after;
            } else {
                break;
            }
        }
        j
    }

    /// True when token `j` is an initial inside a foreign name: one capital letter, a glued dot,
    /// then a capitalised word ("W." of "George W. Bush").
    fn initial_at(&self, j: usize) -> bool {
        let (Some(t), Some(dot), Some(next)) = (self.tok(j), self.tok(j + 1), self.tok(j + 2))
        else {
            return false;
        };
        let letter = t.is_word
            && t.key.chars().count() == 1
            && self.text[t.start..t.end].chars().all(char::is_uppercase);
        letter && dot.key == "." && dot.start == t.end && is_capitalised(next)
    }

    /// True when a role or honorific matched at `[j, e)` inside a capitalised run is only spelt by
    /// the name's syllables: all its words capitalised and the run ends with it ("Trần Anh Hùng"
    /// is no "Anh hùng").
    pub(super) fn spelt_by_name(&self, j: usize, e: usize) -> bool {
        (j..e).all(|x| is_capitalised(&self.tokens[x]))
            && !self
                .tok(e)
                .is_some_and(|t| is_capitalised(t) || t.case == super::token::Case::Upper)
    }

    /// A name right after a role noun: one to five capitalised words, not a place, not an
    /// organisation; one word only when it can be a name and a verb or a mark follows it.
    fn cued_name(&self, k: usize) -> Option<(usize, usize)> {
        let end = self.run_end(k);
        // "Tổng đốc Lưỡng Quảng Tôn Sĩ Nghị": a long Vietnamese run is a place then a name; the
        // name is the tail of two or three syllables from a surname.
        let vietnamese = !(k..end).any(|j| foreign_word(self.key(j)));
        let k = if vietnamese && end - k >= 4 && !self.has_surname(k) {
            (end.saturating_sub(3)..end - 1)
                .find(|&j| j > k && self.has_surname(j))
                .unwrap_or(k)
        } else {
            k
        };
        let n = end - k;
        if vietnamese && n > 4 {
            return None;
        }
        if n == 0 || n > MAX_CUED_WORDS || self.in_org(k, end) {
            return None;
        }
        // After a role noun only the whole run being a place says it is none ("thẩm phán Vũ Quang
        // A" starts with a district's name).
        if (self.exact_place(k, end) && !self.historical(k, end))
            || self.lex.org_head_at(self.tokens, k)
        {
            return None;
        }
        if n == 1 {
            let key = self.key(k);
            let next_ok = self
                .tok(end)
                .is_none_or(|t| !t.is_word || self.lex.is(PersonClass::StopSyllable, &[t.id]));
            // A stage name of one word after an occupation ("rapper Đen và ...") need not be a
            // usual name syllable.
            let stage = self.lex.is(PersonClass::RoleNoun, &[self.id(k - 1)]);
            if !(stage || self.lex.is_name_syllable(key)) || !next_ok {
                return None;
            }
        }
        Some((k, end))
    }

    /// Short names that refer back to a full name found in the same text: the last one or two
    /// syllables of a Vietnamese name ("Tuấn Hải", "Hải" after "Phạm Tuấn Hải"), the first or last
    /// word of a foreign one ("Smith" after "Sophia Smith", "Pu-tin" after "Vla-đi-mia Pu-tin").
    pub(super) fn add_aliases(&self, out: &mut Vec<PersonFound>) {
        let mut aliases: Vec<(&[super::token::Token], usize)> = Vec::new();
        for p in out.iter() {
            let (Ok(a), Ok(last)) = (
                self.tokens.binary_search_by_key(&p.start, |t| t.start),
                self.tokens.binary_search_by_key(&p.end, |t| t.end),
            ) else {
                continue;
            };
            let b = last + 1;
            if b - a < 2 {
                continue;
            }
            // The full name itself, repeated ("Mỹ Tâm" after "ca sĩ Mỹ Tâm"): a two-word one only
            // when a cue of a person found it (a title may have read a unit as a name).
            let cued = matches!(
                p.rule,
                PersonRule::RoleNoun | PersonRule::Honorific | PersonRule::Foreign
            );
            if b - a >= 3 || cued {
                aliases.push((&self.tokens[a..b], p.start));
            }
            let foreign = (a..b).any(|j| foreign_word(self.key(j)));
            let mut add = |from: usize, to: usize| {
                let id = self.id(from);
                let single_ok = to - from > 1
                    || !(self.lex.is_place_name(self.tokens, from, to)
                        || self.lex.org_head_at(self.tokens, from)
                        || self.lex.is(PersonClass::ThingWord, &[id]));
                if single_ok {
                    aliases.push((&self.tokens[from..to], p.start));
                }
            };
            if !foreign && self.has_surname(a) {
                if b - a >= 3 {
                    add(b - 2, b);
                }
                add(b - 1, b);
            } else if foreign {
                for j in [a, b - 1] {
                    if !self.lex.is_name_syllable(self.key(j)) {
                        add(j, j + 1);
                    }
                }
            }
        }
        if aliases.is_empty() {
            return;
        }
        let mut covered: Vec<(usize, usize)> = out.iter().map(|p| (p.start, p.end)).collect();
        let mut added = Vec::new();
        let mut i = 0;
        while i < self.tokens.len() {
            let t = &self.tokens[i];
            // "Ông Yoon": a capitalised honorific before the short name does not join its run.
            let after_honorific = || {
                self.lex
                    .honorifics
                    .longest(self.tokens, i - 1, false)
                    .is_some_and(|m| m.end == i)
            };
            let starts_run = is_capitalised(t)
                && (i == 0
                    || !is_capitalised(&self.tokens[i - 1])
                    || after_honorific()
                    || line_break_between(self.text, &self.tokens[i - 1], t));
            if !starts_run || covered.iter().any(|&(s, e)| t.start < e && s < t.end) {
                i += 1;
                continue;
            }
            // "Ông Smit" opening a sentence: the short name starts after the honorific.
            if let Some(h) = self.lex.honorifics.longest(self.tokens, i, false) {
                if h.end > i && self.tok(h.end).is_some_and(is_capitalised) {
                    i = h.end;
                    continue;
                }
            }
            let mut end = i + 1;
            while end < self.tokens.len()
                && end - i < 3
                && is_capitalised(&self.tokens[end])
                && !line_break_between(self.text, &self.tokens[end - 1], &self.tokens[end])
            {
                end += 1;
            }
            let run = &self.tokens[i..end];
            // Equal numbers are equal keys; words no lexicon holds are compared by their keys.
            let same_word = |x: &super::token::Token, y: &super::token::Token| {
                x.id == y.id && (x.id != UNKNOWN || x.key == y.key)
            };
            let same = |alias: &[super::token::Token]| {
                alias.len() == run.len() && alias.iter().zip(run).all(|(x, y)| same_word(x, y))
            };
            // One word refers back only after the full name; two words also in a headline.
            let matched = aliases
                .iter()
                .any(|&(alias, at)| same(alias) && (run.len() > 1 || at < t.start));
            if matched && self.alias_fits(i, end) {
                let p = self.person(i, end, PersonRule::Alias, None, None, Vec::new());
                covered.push((p.start, p.end));
                added.push(p);
            }
            i = end;
        }
        if !added.is_empty() {
            out.extend(added);
            out.sort_by_key(|p| p.start);
        }
    }

    /// Whether the run `[i, end)` that repeats a name may refer back to it: not after a thing
    /// or place word, not inside an organisation, and one word only where it is no verb and, at
    /// a sentence start, a verb follows it.
    fn alias_fits(&self, i: usize, end: usize) -> bool {
        let t = &self.tokens[i];
        let prev_blocks = i > 0 && {
            let prev = self.id(i - 1);
            self.lex.is(PersonClass::ThingWord, &[prev])
                || self.lex.is(PersonClass::PlacePreposition, &[prev])
                || self.lex.is(PersonClass::PlaceType, &[prev])
        };
        // "Phát biểu ..." opening a sentence is no "Phát": one word there needs a verb after.
        let sentence_start = i == 0
            || matches!(self.key(i - 1), "." | ":" | "“" | "\"" | "!" | "?")
            || line_break_between(self.text, &self.tokens[i - 1], t);
        let verb_after = self
            .tok(end)
            .is_some_and(|n| !n.is_word || self.lex.is(PersonClass::StopSyllable, &[n.id]));
        // A verb or function word ("Phát biểu") never refers back by itself.
        let word = self.lex.is(PersonClass::StopSyllable, &[t.id]);
        let ambiguous = end - i == 1 && (word || sentence_start && !verb_after);
        !prev_blocks && !ambiguous && !self.in_org(i, end)
    }
}

#[cfg(test)]
mod tests {
    use super::{foreign_word, vietnamese_letters};

    #[test]
    fn vietnamese_letters_are_those_only_vietnamese_writes() {
        const ONLY_VIETNAMESE: &str = "đăâêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
        for c in ('\u{80}'..='\u{2FF}').chain('\u{1E00}'..='\u{1FFF}') {
            let word = format!("a{c}");
            assert_eq!(
                vietnamese_letters(&word),
                ONLY_VIETNAMESE.contains(c),
                "{c}"
            );
        }
        assert!(!vietnamese_letters("smith"));
    }

    #[test]
    fn foreign_words_by_shape() {
        for w in [
            "xi-ha-núc",
            "kishida",
            "davis",
            "östlund",
            "jae-in",
            "smith",
            "hourn",
            "ith",
        ] {
            assert!(foreign_word(w), "{w}");
        }
        for w in [
            "nguyễn", "khuê", "nghiêng", "hun", "kim", "yoon", "quyết", "gìn", "thoòng",
        ] {
            assert!(!foreign_word(w), "{w}");
        }
    }
}
