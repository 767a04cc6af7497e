//! The left-to-right pass that finds names and attaches honorifics and titles.
//!
//! At each token the rules are tried in order of evidence: honorific and name, credit and name,
//! title and name, byline line, bare name with a known surname. A rule that fires consumes its tokens
//! (name and titles), so mentions never overlap. See the module docs of `person` for the forms.

use super::lexicon::Lexicon;
use super::lexicon::{Opens, PersonClass};
use super::title::{self, Parsed};
use super::token::{line_break_between, Case, Token};
use super::{gender_of, is_capitalised, PersonFound, PersonRule, TitleFound};
use crate::model::Gender;
use crate::ner::phrase::{Sym, UNKNOWN};

/// Longest Vietnamese name, in syllables.
pub(super) const MAX_SYLLABLES: usize = 4;
/// Longest aside in parentheses between a name and its titles, in tokens ("(sinh năm 1978, trú
/// tại quận Cầu Giấy, Hà Nội)").
const MAX_ASIDE_TOKENS: usize = 24;
/// Bylines are looked for among this many last lines of a text.
pub(super) const BYLINE_LINES: usize = 3;

pub struct Names<'a> {
    pub lex: &'a Lexicon,
    pub text: &'a str,
    pub tokens: &'a [Token<'a>],
    pub orgs: &'a [(usize, usize)],
    /// For each token, the first capitalised foreign word at or after it (`cue::next_foreign`).
    pub next_foreign: &'a [usize],
}

/// An honorific matched at a position: tokens `[start, end)`.
struct HonorificAt {
    start: usize,
    end: usize,
    gender: Option<Gender>,
    address: bool,
    plural: bool,
}

impl<'a> Names<'a> {
    pub fn find_all(&self) -> Vec<PersonFound> {
        let mut out = Vec::new();
        let byline_from = self.byline_start();
        let mut i = 0;
        while i < self.tokens.len() {
            match self.at(i, byline_from) {
                Some((found, next)) => {
                    out.extend(found);
                    i = next.max(i + 1);
                }
                None => i += 1,
            }
        }
        self.add_aliases(&mut out);
        out
    }

    fn at(&self, i: usize, byline_from: usize) -> Option<(Vec<PersonFound>, usize)> {
        // The rules of a phrase are tried only at a word that opens one (most words open
        // nothing); bylines only where a line starts, the name rules only at capitalised words.
        let t = &self.tokens[i];
        let opens = self.lex.openers.of(t.id);
        let byline_line =
            i >= byline_from && (i == 0 || line_break_between(self.text, &self.tokens[i - 1], t));
        if opens == 0 && !byline_line && !is_capitalised(t) {
            return None;
        }
        let h = if opens & Opens::HONORIFIC != 0 {
            self.honorific(i)
        } else {
            None
        };
        // "Anh Thư" alone on a last line: a byline of a full name, not "Anh" and a name.
        let name_like =
            h.as_ref().is_some_and(|h| h.address) && self.lex.syllables.contains(self.key(i));
        if byline_line && name_like {
            if let Some(r) = self.byline(i) {
                return Some(r);
            }
        }
        if let Some(h) = h {
            if let Some(r) = self.after_honorific(&h) {
                return Some(r);
            }
        }
        if opens & Opens::CREDIT != 0 {
            if let Some(r) = self.credit(i) {
                return Some(r);
            }
        }
        if opens & Opens::TITLE != 0 {
            if let Some(r) = self.title_foreign_person(i) {
                return Some(r);
            }
            if let Some(r) = self.chained_title_person(i) {
                return Some(r);
            }
            if let Some(r) = self.title_then_name(i, None) {
                return Some(r);
            }
        }
        if byline_line {
            if let Some(r) = self.byline(i) {
                return Some(r);
            }
        }
        if let Some(r) = self.historical_bare(i) {
            return Some(r);
        }
        if opens & Opens::ROLE_NOUN != 0 {
            if let Some(r) = self.role_noun_person(i) {
                return Some(r);
            }
        }
        if let Some(r) = self.foreign_subject(i) {
            return Some(r);
        }
        self.bare(i)
    }

    /// The title phrase at token `i` ([`title::parse`]), its organisation ended by a name.
    pub(super) fn title_at(&self, i: usize) -> Option<Parsed> {
        title::parse(self.lex, self.text, self.tokens, i, self.orgs, &|k| {
            self.name_start(k)
        })
    }

    pub(super) fn tok(&self, i: usize) -> Option<&Token<'a>> {
        self.tokens.get(i)
    }

    /// The vocabulary number of token `i` ([`UNKNOWN`] past the end).
    pub(super) fn id(&self, i: usize) -> Sym {
        self.tokens.get(i).map_or(UNKNOWN, |t| t.id)
    }

    pub(super) fn key(&self, i: usize) -> &str {
        self.tokens.get(i).map(|t| t.key).unwrap_or("")
    }

    pub(super) fn slice(&self, from: usize, to: usize) -> &'a str {
        &self.text[self.tokens[from].start..self.tokens[to - 1].end]
    }

    pub(super) fn in_org(&self, from: usize, to: usize) -> bool {
        let (s, e) = (self.tokens[from].start, self.tokens[to - 1].end);
        self.orgs.iter().any(|&(os, oe)| s < oe && os < e)
    }

    /// Stacked honorifics at `i` ("Thượng tướng, GS.TS.", "PGS.TS", "các đồng chí").
    fn honorific(&self, i: usize) -> Option<HonorificAt> {
        let first = self.lex.honorifics.longest(self.tokens, i, false)?;
        let mut h = HonorificAt {
            start: i,
            end: first.end,
            gender: first.value.gender,
            address: first.value.address,
            plural: first.value.plural,
        };
        loop {
            let mut k = h.end;
            if matches!(self.key(k), "," | ".") {
                k += 1;
            }
            match self.lex.honorifics.longest(self.tokens, k, false) {
                Some(m) if !m.value.address || m.value.gender.is_none() => {
                    h.end = m.end;
                    h.gender = h.gender.or(m.value.gender);
                }
                _ => break,
            }
        }
        // Honorific text may end with its abbreviation dot ("TS."): keep it.
        if self.key(h.end) == "." && !h.address {
            h.end += 1;
        }
        Some(h)
    }

    fn honorific_text(&self, h: &HonorificAt) -> String {
        self.slice(h.start, h.end).to_string()
    }

    fn after_honorific(&self, h: &HonorificAt) -> Option<(Vec<PersonFound>, usize)> {
        let mut k = h.end;
        if self.key(k) == ":" {
            k += 1;
        }
        // "Hai Bà Trưng", "Mẹ Việt Nam Anh hùng": a capitalised honorific inside a capitalised run.
        let first = &self.tokens[h.start];
        if h.start > 0 && first.case == Case::Capitalised {
            let prev = &self.tokens[h.start - 1];
            // A rank after the first word of a sentence is one ("Theo Trung tướng A").
            let sentence_word = !h.address
                && (h.start == 1
                    || matches!(self.key(h.start - 2), "." | ":" | "!" | "?")
                    || line_break_between(self.text, &self.tokens[h.start - 2], prev));
            if is_capitalised(prev) && !line_break_between(self.text, prev, first) && !sentence_word
            {
                return None;
            }
        }
        if self.lex.roles.longest(self.tokens, k, false).is_some() {
            return self.title_then_name(k, Some(h));
        }
        let name_end = match self.name_run(k, true, if h.address { 1 } else { 2 }) {
            Some(e) => e,
            None => return self.title_then_name(k, Some(h)),
        };
        let historical = self.historical(k, name_end);
        // "ông Vũ Quang Thịnh": a full name may start with a district's name ("Vũ Quang").
        let after_place = name_end - k >= 3
            && !self.exact_place(k, name_end)
            && self.lex.is_strong_surname(self.key(k))
            && (k + 2..name_end).all(|j| self.lex.is_name_syllable(self.key(j)));
        if self.in_org(k, name_end)
            || (name_end - k >= 2 && self.is_place(k, name_end) && !historical && !after_place)
        {
            return None;
        }
        if self.key(h.start) == "em" && !self.has_surname(k) {
            return None;
        }
        let unknown = (k..name_end)
            .filter(|&j| {
                !self.lex.is_name_syllable(self.key(j)) && !super::cue::foreign_word(self.key(j))
            })
            .count();
        let n = name_end - k;
        // "đồng chí Ka H'Liên": a glued ethnic-minority syllable is evidence of a name by itself.
        let glued = (k..name_end).any(|j| super::lexicon::glued_syllable(self.key(j)));
        // Foreign words are a name by themselves when there are two ("bà Lesley Miller"; one,
        // "thầy cô Olympia", may name a school).
        let foreign = n >= 2 && (k..name_end).all(|j| super::cue::foreign_word(self.key(j)));
        // "Đại tá Lù Văn A": a middle name after an honorific makes a name of rare syllables.
        let middle = n >= 3 && matches!(self.key(k + 1), "văn" | "thị");
        let evidence = historical || glued || foreign || middle || self.has_surname(k);
        if !(evidence || unknown == 0 || (n >= 3 && unknown == 1)) {
            return None;
        }
        if n >= 3 && !self.has_surname(k) && self.place_suffix(k, name_end) {
            return None;
        }
        // "Anh\nTây Ban Nha" in a menu: a bare address word at a line end is not an honorific.
        if h.address
            && line_break_between(self.text, &self.tokens[h.end - 1], &self.tokens[k])
            && !self.has_surname(k)
        {
            return None;
        }
        let written = self.honorific_text(h);
        let honorific = if h.plural {
            written
                .split_once(' ')
                .map_or(written.as_str(), |x| x.1)
                .to_string()
        } else {
            written
        };
        let (titles, mut next) = self.appositive_titles(name_end);
        let mut out = vec![self.person(
            k,
            name_end,
            PersonRule::Honorific,
            Some(honorific.clone()),
            h.gender,
            titles,
        )];
        if h.plural {
            // "các đồng chí: A, Phó Giám đốc Sở; B và C": every member gets the honorific.
            loop {
                // "các ông A (năm 2000) và B (năm 2006)": an aside before the joiner.
                next = self.after_aside(next);
                if !matches!(self.key(next), "," | ";" | "và") {
                    break;
                }
                let start = next + 1;
                let vietnamese = self
                    .name_run(start, true, 2)
                    .filter(|_| self.has_surname(start));
                // A foreign member: two or more capitalised words, one of them foreign.
                let foreign = || {
                    let e = self.run_end(start);
                    let foreign = (start..e).any(|j| super::cue::foreign_word(self.key(j)));
                    (e >= start + 2 && foreign && !self.is_place(start, e)).then_some(e)
                };
                let Some(end) = vietnamese.or_else(foreign) else {
                    break;
                };
                if self.in_org(start, end) {
                    break;
                }
                let (titles, after) = self.appositive_titles(end);
                out.push(self.person(
                    start,
                    end,
                    PersonRule::HonorificList,
                    Some(honorific.clone()),
                    h.gender,
                    titles,
                ));
                next = after;
            }
        }
        Some((out, next))
    }

    /// `<title> [sep] [honorific] <Name>`: "Phó Chủ tịch UBND tỉnh Nguyễn Văn A", "Chủ tịch Hồ Chí Minh".
    fn title_then_name(
        &self,
        i: usize,
        h: Option<&HonorificAt>,
    ) -> Option<(Vec<PersonFound>, usize)> {
        let t = self.tok(i)?;
        if i > 0 && h.is_none() && self.lex.is(PersonClass::AppointmentWord, &[self.id(i - 1)]) {
            return None;
        }
        // "Phủ Chủ tịch, Thủ tướng A": a title glued to a capitalised thing word (not one opening
        // a sentence) is part of the name of a place.
        let prev_thing = i > 0 && self.lex.is(PersonClass::ThingWord, &[self.id(i - 1)]);
        if h.is_none() && i >= 2 && prev_thing && is_capitalised(&self.tokens[i - 1]) {
            let prev = &self.tokens[i - 1];
            let before = &self.tokens[i - 2];
            let opens = !before.is_word
                || line_break_between(self.text, before, prev)
                || is_capitalised(before);
            if before.case == Case::Lower && !opens && !line_break_between(self.text, prev, t) {
                return None;
            }
        }
        let lowercase_ok = t.case == Case::Lower;
        if !(matches!(t.case, Case::Capitalised | Case::Upper) || lowercase_ok) {
            return None;
        }
        let mut parsed_titles: Vec<Parsed> = Vec::new();
        let mut at = i;
        let plural = h.map_or(
            i > 0 && matches!(self.key(i - 1), "các" | "những"),
            |h| h.plural,
        );
        loop {
            let parsed = self.title_at(at)?;
            if self.tokens[at].case == Case::Lower
                && !parsed.personal
                && parsed.end == parsed.org_start
            {
                // "giám đốc" in prose with nothing after it is not a title of a name.
                let next_cap = self.tok(parsed.end).is_some_and(is_capitalised);
                if !next_cap {
                    return None;
                }
            }
            // The name may sit at the end of the organisation phrase.
            if let Some((k, end)) = self.name_inside(&parsed) {
                let mut titles: Vec<TitleFound> = parsed_titles
                    .iter()
                    .filter_map(|p| title::found(self.text, self.tokens, p, p.end))
                    .collect();
                let cut = trim_back(self.tokens, parsed.start, k);
                titles.extend(title::found(self.text, self.tokens, &parsed, cut));
                return Some(self.finish_title_person(k, end, h, titles, plural));
            }
            // Or after it: "Chủ tịch UBND huyện - Đinh Quốc Hưng", "Bộ trưởng, GS.TS. Nguyễn Văn A".
            let mut k = parsed.end;
            while matches!(self.key(k), "-" | "–" | "—" | ",") {
                k += 1;
            }
            if k > parsed.end && self.tok(k).is_some_and(|t| t.case == Case::Lower) {
                // "kiêm", "và": another title may follow.
            }
            // An honorific between a title and a name needs a separator ("Bộ trưởng, GS.TS. X").
            let inner = if k > parsed.end {
                self.honorific(k)
            } else {
                None
            };
            // "Trao đổi với phóng viên Báo X, ông Y cho biết": a title after a word that makes it
            // the other party ("với", "trả lời" ...) and then ", ông Y" names someone else; a title
            // opening the clause ("Phó Giám đốc Sở X, bà Y") or after "có" is Y's.
            if inner.as_ref().is_some_and(|x| x.address) {
                let first = h.map_or(i, |h| h.start);
                let other_party = first > 0 && {
                    let prev = &self.tokens[first - 1];
                    self.lex.is(PersonClass::OtherPartyWord, &[prev.id])
                        && !line_break_between(self.text, prev, &self.tokens[first])
                };
                if other_party {
                    return None;
                }
            }
            let name_at = inner.as_ref().map(|x| x.end).unwrap_or(k);
            // "Thủ tướng Kishida", "Tổng thống Pu-tin": one foreign word is a name by itself.
            let foreign_one = || {
                self.name_run(name_at, true, 1).filter(|&e| {
                    e == name_at + 1
                        && !parsed.personal
                        && super::cue::foreign_word(self.key(name_at))
                })
            };
            if let Some(end) = self.name_run(name_at, true, 2).or_else(foreign_one) {
                let ok = if name_at == k && k > parsed.end {
                    self.lex.is_strong_surname(self.key(name_at)) || self.key(name_at + 1) == "thị"
                } else {
                    true
                };
                if ok
                    && !self.in_org(name_at, end)
                    && self.plausible_name(name_at, end, parsed.personal)
                {
                    let mut titles: Vec<TitleFound> = parsed_titles
                        .iter()
                        .filter_map(|p| title::found(self.text, self.tokens, p, p.end))
                        .collect();
                    titles.extend(title::found(self.text, self.tokens, &parsed, parsed.end));
                    let hon = inner.as_ref().or(h);
                    return Some(self.finish_title_person(name_at, end, hon, titles, plural));
                }
            }
            // A chain of titles before the name: "Bí thư Đảng ủy, Giám đốc Sở Phan Lan Tú".
            let mut j = parsed.end;
            if matches!(self.key(j), "," | "kiêm") {
                j += 1;
            }
            if self.key(j) == "kiêm" {
                j += 1;
            }
            if j == parsed.end || parsed_titles.len() >= 3 || self.ends_with_other_name(&parsed) {
                return None;
            }
            parsed_titles.push(parsed);
            at = j;
        }
    }

    /// True when a title's organisation part ends with a capitalised run that is neither a place
    /// nor an organisation word: the name of someone else ("Chủ tịch IPU Saber Chowdhury, ...").
    fn ends_with_other_name(&self, parsed: &Parsed) -> bool {
        let mut run = parsed.end;
        while run > parsed.org_start && is_capitalised(&self.tokens[run - 1]) {
            run -= 1;
        }
        parsed.end - run >= 2
            && !self.exact_place(run, parsed.end)
            && !(run..parsed.end).any(|k| self.lex.org_head_at(self.tokens, k))
    }

    /// True when a title's organisation part ends with the name of a foreign holder: a run with a
    /// foreign word ("Tổng thống Pháp Emmanuel Macron") or two words after a country ("Thủ tướng
    /// Trung Quốc Lý Cường").
    fn ends_with_foreign_name(&self, parsed: &Parsed) -> bool {
        let mut run = parsed.end;
        while run > parsed.org_start
            && (is_capitalised(&self.tokens[run - 1])
                || self.lex.is(PersonClass::NameParticle, &[self.id(run - 1)]))
        {
            run -= 1;
        }
        // The name after a country that opens the run has two words or more ("Pháp Emmanuel
        // Macron"; not "Hà Nội Amsterdam", "của Bkav").
        let name = (1..=3)
            .rev()
            .find(|&n| run + n < parsed.end && self.exact_place(run, run + n))
            .map_or(run, |n| run + n);
        let foreign = parsed.end - name >= 2
            && (name..parsed.end).any(|k| super::cue::foreign_word(self.key(k)))
            && !(name..parsed.end).any(|k| self.lex.is(PersonClass::ForeignCommon, &[self.id(k)]))
            && !self.exact_place(run, parsed.end)
            && !(run..parsed.end).any(|k| self.lex.org_head_at(self.tokens, k));
        foreign
            || self.ends_with_other_name(parsed)
                && (1..=3).any(|n| run + n + 2 <= parsed.end && self.exact_place(run, run + n))
    }

    /// The person `[start, end)` named after its titles; after a plural title ("các Thứ trưởng A,
    /// B và C", "các đồng chí Phó Chủ tịch UBND tỉnh A, B") every member of the list gets them.
    fn finish_title_person(
        &self,
        start: usize,
        end: usize,
        h: Option<&HonorificAt>,
        titles: Vec<TitleFound>,
        plural: bool,
    ) -> (Vec<PersonFound>, usize) {
        let (after, mut next) = self.appositive_titles(end);
        let honorific = h.map(|h| self.honorific_text(h));
        let gender = h.and_then(|h| h.gender);
        let mut all = titles.clone();
        all.extend(after);
        let mut out = vec![self.person(
            start,
            end,
            PersonRule::Title,
            honorific.clone(),
            gender,
            all,
        )];
        while plural && matches!(self.key(next), "," | "và") {
            let from = next + 1;
            let Some(to) = self.name_run(from, true, 2) else {
                break;
            };
            if !self.has_surname(from)
                || self.in_org(from, to)
                || !self.plausible_name(from, to, false)
            {
                break;
            }
            let (after, later) = self.appositive_titles(to);
            let mut all = titles.clone();
            all.extend(after);
            out.push(self.person(
                from,
                to,
                PersonRule::TitleList,
                honorific.clone(),
                gender,
                all,
            ));
            next = later;
        }
        (out, next)
    }

    /// Where a name starts inside the organisation part of a title, if the part ends with one:
    /// the longest 2-4 syllable tail of its last capitalised run that starts with a surname and
    /// does not continue a place name ("UBND TP Hải Phòng Trần Văn Nam" -> "Trần Văn Nam").
    fn name_inside(&self, parsed: &Parsed) -> Option<(usize, usize)> {
        // "Chủ tịch HĐQT Hòa Phát Trần Văn A": the capitalised run goes on after the organisation
        // part: the name is after it, not at its end.
        let goes_on = self.tok(parsed.end).is_some_and(is_capitalised)
            && parsed.end > parsed.org_start
            && !line_break_between_at(self.text, self.tokens, parsed.end)
            && self.name_start(parsed.end);
        if goes_on {
            return None;
        }
        if let Some(k) = self.name_inside_ending(parsed, parsed.end) {
            return Some((k, parsed.end));
        }
        // "Chủ tịch Trung Quốc Tập Cận Bình hội đàm": the phrase took one verb syllable too many.
        let end = parsed.end;
        let lower_tail = end >= parsed.org_start + 3
            && self.tokens[end - 1].case == Case::Lower
            && is_capitalised(&self.tokens[end - 2]);
        if lower_tail {
            return self
                .name_inside_ending(parsed, end - 1)
                .map(|k| (k, end - 1));
        }
        None
    }

    /// True when the organisation span of a title ran on into the name of the title's holder
    /// ("Cục trưởng Cục Chuyển đổi số quốc gia Trần Thị Thu Phương"): the span starts where the
    /// title's organisation does, and `[k, end)` is a full name (three or four syllables, a strong
    /// surname, not a historical figure) after a lower-case descriptor, not after a word that names
    /// a thing after a person ("Trường Tiểu học Nguyễn Văn Cừ", "Công ty TNHH Lê Minh Tâm").
    fn swallowed_name(&self, parsed: &Parsed, k: usize, end: usize) -> bool {
        let Some(own) = self.tokens.get(parsed.org_start).map(|t| t.start) else {
            return false;
        };
        let (s, e) = (self.tokens[k].start, self.tokens[end - 1].end);
        let others = self
            .orgs
            .iter()
            .any(|&(os, oe)| s < oe && os < e && os != own);
        let prev = &self.tokens[k - 1];
        !others
            && (3..=MAX_SYLLABLES).contains(&(end - k))
            && self.lex.is_strong_surname(self.key(k))
            && !self.lex.is_historical(self.tokens, k, end)
            && prev.case == Case::Lower
            // "quốc gia" ends many descriptive names; as a thing word it guards "Vườn quốc gia X".
            && (prev.key == "gia" || !self.lex.is(PersonClass::ThingWord, &[prev.id]))
            && !self.tok(end).is_some_and(is_capitalised)
    }

    fn name_inside_ending(&self, parsed: &Parsed, end: usize) -> Option<usize> {
        if end <= parsed.org_start {
            return None;
        }
        let mut run = end;
        while run > parsed.org_start
            && is_capitalised(&self.tokens[run - 1])
            && (run == end
                || !line_break_between(self.text, &self.tokens[run - 1], &self.tokens[run]))
        {
            run -= 1;
        }
        if end - run < 2 && !(end - run == 1 && run == parsed.org_start) {
            return None;
        }
        let earliest = run.max(end.saturating_sub(MAX_SYLLABLES));
        for k in earliest..end.saturating_sub(1) {
            if self.in_org(k, end) && !self.swallowed_name(parsed, k, end) {
                continue;
            }
            if k > parsed.org_start && self.continues_place(k) {
                continue;
            }
            // "Tổng thống Mỹ Donald Trump", "Chủ tịch Trung Quốc Tập Cận Bình": after a country
            // any two or three capitalised syllables are the name.
            let after_country = k > parsed.org_start
                && (end - k == 2 || end - k == 3)
                && (1..=3).any(|n| k >= parsed.org_start + n && self.exact_place(k - n, k));
            if after_country && !self.is_place(k, end) && !self.lex.org_head_at(self.tokens, k) {
                return Some(k);
            }
            let surname = self.has_surname(k) || self.key(k + 1) == "thị";
            let at_start = k == parsed.org_start && (parsed.personal || surname);
            if (surname || at_start) && self.plausible_name(k, end, parsed.personal) {
                if k > 0
                    && self.lex.is(PersonClass::ThingWord, &[self.id(k - 1)])
                    && self.key(k) == "hồ"
                {
                    continue;
                }
                return Some(k);
            }
        }
        None
    }

    /// Titles in apposition after a name ending at token `end`; returns them and the next token.
    pub(super) fn appositive_titles(&self, end: usize) -> (Vec<TitleFound>, usize) {
        let mut titles = Vec::new();
        let mut k = self.after_aside(end);
        // "ông Lê Văn A Phó Chủ nhiệm ...": a role right after the name needs no separator.
        let sep_end = match self.separator(k) {
            Some(e) => e,
            None if self.lex.roles.longest(self.tokens, k, false).is_some()
                && !line_break_between_at(self.text, self.tokens, k) =>
            {
                k
            }
            None => return (titles, end),
        };
        let paren = self.key(k) == "(";
        k = sep_end;
        // "A, kiêm Giám đốc Trung tâm B": the joiner may open the appositive.
        let mut kiem = false;
        if self.key(k) == "kiêm" && k > end {
            kiem = true;
            k += 1;
        }
        // The title at `k`, parsed before the loop or, for the next link, at its end.
        let mut next = self.title_at(k);
        loop {
            let Some(parsed) = next.take() else {
                // "A, rapper lần đầu đóng phim": a role noun that is no post.
                if let Some((found, after)) = self.appositive_role_noun(k) {
                    titles.push(found);
                    k = after;
                }
                break;
            };
            // "A, Bí thư Thành ủy, Chủ tịch UBND Thành phố B": a title followed by a name is B's.
            // (Also a title that is all role: "A, Phó Chủ tịch Quốc hội B".)
            // "NSND A, nghệ sĩ B": a personal role before a name is B's (not before a subject,
            // "giáo viên Vật lý").
            let personal_next = parsed.personal
                && parsed.end == parsed.org_start
                && self.tok(parsed.end).is_some_and(is_capitalised)
                && self.has_surname(parsed.end)
                && !line_break_between_at(self.text, self.tokens, parsed.end);
            let other_holder = self.name_start(parsed.end)
                || personal_next
                || parsed.end > parsed.org_start
                    && (self.ends_with_foreign_name(&parsed)
                        || self.name_inside(&parsed).is_some_and(|(k, e)| e - k >= 3));
            if other_holder {
                break;
            }
            let Some(mut found) = title::found(self.text, self.tokens, &parsed, parsed.end) else {
                break;
            };
            if kiem {
                found.modifiers.insert(0, "kiêm".to_string());
            }
            titles.push(found);
            k = parsed.end;
            // Joiners: ",", "kiêm", ", kiêm", a dash between two titles.
            let mut j = k;
            kiem = false;
            if matches!(self.key(j), "," | "-" | "–")
                || self
                    .separator(j)
                    .is_some_and(|_| matches!(self.key(j), "&" | "ndash"))
            {
                j = self.separator(j).unwrap_or(j + 1);
            }
            if self.key(j) == "kiêm" {
                kiem = true;
                j += 1;
            }
            if j == k {
                break;
            }
            next = self.title_at(j);
            if next.is_none() {
                break;
            }
            k = j;
        }
        if titles.is_empty() {
            return (titles, end);
        }
        if paren && self.key(k) == ")" {
            k += 1;
        }
        (titles, k)
    }

    /// Where the appositive or the next member of a list after a name ending at `end` starts:
    /// after an aside in parentheses that holds no title, when a comma, ";" or "và" follows it
    /// ("A (sinh năm 1985), nguyên Kế toán trưởng", "A (năm 2000) và B").
    fn after_aside(&self, end: usize) -> usize {
        if self.key(end) != "(" {
            return end;
        }
        if self.title_at(end + 1).is_some() {
            return end;
        }
        let limit = self.tokens.len().min(end + MAX_ASIDE_TOKENS);
        let Some(close) = (end + 1..limit).find(|&j| matches!(self.key(j), ")" | "(")) else {
            return end;
        };
        let one_line = !line_break_between(self.text, &self.tokens[end], &self.tokens[close]);
        let joiner = matches!(self.key(close + 1), "," | ";" | "và");
        if self.key(close) == ")" && one_line && joiner {
            close + 1
        } else {
            end
        }
    }

    /// A separator between a name and its title at `k`: ",", a dash, "(", "&amp;ndash;", "ndash;".
    pub(super) fn separator(&self, k: usize) -> Option<usize> {
        match self.key(k) {
            "," | "(" | "-" | "–" | "—" => Some(k + 1),
            "ndash" | "mdash" if self.key(k + 1) == ";" => Some(k + 2),
            "&" => {
                let mut j = k + 1;
                while matches!(self.key(j), "amp" | ";" | "&") {
                    j += 1;
                }
                (matches!(self.key(j), "ndash" | "mdash") && self.key(j + 1) == ";")
                    .then_some(j + 2)
            }
            _ => None,
        }
    }

    /// A capitalised run with a known surname and name syllables, not inside a thing's name.
    fn bare(&self, i: usize) -> Option<(Vec<PersonFound>, usize)> {
        let t = self.tok(i)?;
        if !is_capitalised(t)
            || (i > 0
                && is_capitalised(&self.tokens[i - 1])
                && !line_break_between(self.text, &self.tokens[i - 1], t))
        {
            return None;
        }
        // "... Hội Tin học TP Cần Thơ Võ Thị Ngọc Lan": a place qualifier ends an organisation the
        // organisation recogniser did not take in full; the name starts after it.
        for len in [3, 2] {
            let j = i + len;
            if j < self.tokens.len()
                && (i..j).all(|k| is_capitalised(&self.tokens[k]))
                && self.exact_place(i, j)
            {
                let same_line =
                    !line_break_between(self.text, &self.tokens[j - 1], &self.tokens[j]);
                if same_line && self.lex.is_strong_surname(self.key(j)) {
                    return self.bare_at(j);
                }
            }
        }
        // "Cúp Lê Văn Tám", "Quỹ Nguyễn Văn A": a person named in a cup, prize or fund.
        if matches!(self.key(i), "cúp" | "giải" | "quỹ")
            && self.tok(i + 1).is_some_and(is_capitalised)
        {
            return self.bare_at(i + 1);
        }
        self.bare_at(i)
    }

    fn bare_at(&self, i: usize) -> Option<(Vec<PersonFound>, usize)> {
        // The evidence below needs a surname, a compound surname or a middle name: looked at
        // before the run is measured.
        let compound_surname = self
            .lex
            .compound_surnames
            .contains(&[self.id(i), self.id(i + 1)]);
        if !(self.has_surname(i) || compound_surname || matches!(self.key(i + 1), "văn" | "thị"))
        {
            return None;
        }
        let end = self.name_run(i, false, 2)?;
        if self.tok(end).is_some_and(is_capitalised)
            && !line_break_between(self.text, &self.tokens[end - 1], &self.tokens[end])
        {
            return None;
        }
        let compound = end - i >= 3 && compound_surname;
        // "Lò Văn A", "Lường Thị B": the middle name makes a weak surname a name's.
        let middle = end - i >= 3
            && (matches!(self.key(i + 1), "văn" | "thị")
                || self.key(i + 1) == "a" && self.has_surname(i));
        // A weak surname ("Châu", "Mai") with two or three usual name syllables after it.
        let weak_full = end - i >= 3
            && self.has_surname(i)
            && (i + 1..end).all(|k| self.lex.syllables.contains(self.key(k)));
        if !(self.lex.is_strong_surname(self.key(i)) || compound || middle || weak_full) {
            return None;
        }
        // Full names of three or four syllables may end in a rare given name ("Nguyễn Xuân Son").
        let unknown = (i + 1..end)
            .filter(|&k| !self.lex.is_name_syllable(self.key(k)))
            .count();
        let rare_given = end - i == 3
            && unknown == 1
            && !self.lex.is_name_syllable(self.key(end - 1))
            && !super::cue::foreign_word(self.key(end - 1));
        if unknown > 0 && !rare_given {
            return None;
        }
        if self.is_place(i, end)
            || self.in_org(i, end)
            || self.place_suffix(i, end)
            || (end - i >= 3 && self.exact_place(i, end))
        {
            return None;
        }
        if self.lex.org_head_at(self.tokens, i)
            || self.lex.roles.longest(self.tokens, i, false).is_some()
        {
            return None;
        }
        // "Lô E2, Dương Đình Nghệ", "Số 06, Phạm Văn Bạch": a street in an address.
        if i >= 2
            && self.key(i - 1) == ","
            && self.tokens[i - 2].is_word
            && self.tokens[i - 2].case == Case::Other
            && !(i.saturating_sub(6)..i - 2)
                .any(|k| self.lex.is(PersonClass::CountWord, &[self.id(k)]))
        {
            return None;
        }
        if i > 0 && !is_capitalised(&self.tokens[i - 1]) {
            let prev = &self.tokens[i - 1];
            let address = prev.is_word && prev.case == Case::Other;
            let abbreviated =
                prev.key == "." && i >= 2 && self.lex.is(PersonClass::ThingWord, &[self.id(i - 2)]);
            if prev.case == Case::Upper
                || address
                || abbreviated
                || self.lex.is(PersonClass::ThingWord, &[prev.id])
            {
                return None;
            }
        }
        let (titles, next) = self.appositive_titles(end);
        Some((
            vec![self.person(i, end, PersonRule::Surname, None, None, titles)],
            next,
        ))
    }

    pub(super) fn person(
        &self,
        start: usize,
        end: usize,
        rule: PersonRule,
        honorific: Option<String>,
        gender: Option<Gender>,
        titles: Vec<TitleFound>,
    ) -> PersonFound {
        let name_tokens = &self.tokens[start..end];
        PersonFound {
            start: self.tokens[start].start,
            end: self.tokens[end - 1].end,
            rule,
            name: self.slice(start, end).to_string(),
            honorific,
            gender: gender_of(gender, name_tokens),
            titles,
        }
    }
}

/// True when a line break separates token `k` from the token before it.
fn line_break_between_at(text: &str, tokens: &[Token], k: usize) -> bool {
    k == 0 || k >= tokens.len() || line_break_between(text, &tokens[k - 1], &tokens[k])
}

/// The token before `k` that ends a title cut before a name, skipping a trailing dash or comma.
pub(super) fn trim_back(tokens: &[Token], start: usize, k: usize) -> usize {
    let mut end = k;
    while end > start + 1 && matches!(tokens[end - 1].key, "-" | "–" | "," | "—") {
        end -= 1;
    }
    end
}
