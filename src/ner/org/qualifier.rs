//! What may follow an organisation name: a place ("tỉnh Lâm Đồng", "TP. Đà Nẵng", "Thành phố",
//! "Hà Nội", or a span of the place recogniser) or a parent body ("Bộ Nội vụ", "cơ quan Sở Tư
//! pháp"). Lists of unit types ("UBND tỉnh, thành phố") are plural and qualify nothing.

use super::lexicon::Mode;
use super::parse::{squash, Scanner};
use super::rules::OrgClass;
use crate::ner::phrase::ROOT;

impl<'a> Scanner<'a> {
    /// A place qualifier at word `k`: a recognised place span, a type word with its name, or a
    /// bare province name. Returns the word after it and its text.
    pub(super) fn place_at(&self, k: usize) -> Option<(usize, &'a str)> {
        let word = self.words.get(k)?;
        if let Some(end) = self.place_span_at(word.start) {
            let last = (k..self.words.len())
                .take_while(|&m| self.words[m].end <= end)
                .last()?;
            if self.words[last].end == end {
                return Some((last + 1, self.surface(k, last + 1)));
            }
        }
        if self.unit_body_at(k) {
            return None;
        }
        let type_words = self.type_words(k);
        if type_words > 0 {
            let after = k + type_words;
            // "UBND tỉnh, thành phố", "UBND quận, huyện": a list of unit types is plural.
            // ... but "Hội Liên hiệp Phụ nữ tỉnh, Tỉnh đoàn" names a body after the comma.
            let bare = if self.sig(after) == ","
                && self.type_word_at(after)
                && !self.unit_body_at(after)
            {
                None
            } else {
                Some((after, self.surface(k, after)))
            };
            let dotted =
                self.is(OrgClass::UnitAbbreviation, &[self.id(k)]) && self.gap(after).trim() == ".";
            let name_start = match self.gap(after).trim() {
                "" if after < self.words.len() => after,
                // "UBND TP." at the end of the text: no name after the dot.
                "." if dotted && after < self.words.len() && !self.gap(after).contains('\n') => {
                    after
                }
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
            // An unknown name that starts with a surname is the person after the body ("Phó Chủ
            // tịch UBND tỉnh Nguyễn / Văn An" broken by a line), not a place.
            let person_next = self.is(OrgClass::Surname, &[self.id(name_start)]);
            if (1..=2).contains(&names) && !person_next && !(self.soft(end) && self.capital(end)) {
                return Some((end, self.surface(k, end)));
            }
            return bare;
        }
        self.known_place(k).map(|end| (end, self.surface(k, end)))
    }

    /// A unit's Party committee or youth union starts at word `k` ("Tỉnh ủy", "Huyện đoàn"): a
    /// body, not a place.
    fn unit_body_at(&self, k: usize) -> bool {
        self.is_any_key(k + 1, &[self.kw.uy, self.kw.doan]) && self.soft(k + 1)
    }

    /// An administrative type word starts at word `k` ("tỉnh", "thành phố", "huyện" ...).
    pub(super) fn type_word_at(&self, k: usize) -> bool {
        // "thành" alone is the short "thành phố" of lists ("các tỉnh, thành").
        self.type_words(k) > 0 || self.is_key(k, self.kw.thanh)
    }

    /// How many words the administrative type word at `k` has ("tỉnh" 1, "thành phố" 2), or 0.
    fn type_words(&self, k: usize) -> usize {
        if self.soft(k + 1) && self.is(OrgClass::UnitType, &[self.id(k), self.id(k + 1)]) {
            2
        } else if self.is(OrgClass::UnitType, &[self.id(k)]) {
            1
        } else {
            0
        }
    }

    /// A bare place name of `places.tsv` at word `k` (no comma inside): the word after it.
    pub(super) fn known_place(&self, k: usize) -> Option<usize> {
        if !self.capital(k) {
            return None;
        }
        let places = &self.lex.places;
        let mut node = places.step(ROOT, self.words[k].id)?;
        let mut best = places.value(node).map(|_| k + 1);
        let mut end = k + 1;
        while end < self.words.len() && !self.gap(end).contains(',') {
            let Some(next) = places.step(node, self.words[end].id) else {
                break;
            };
            node = next;
            end += 1;
            if places.value(node).is_some() {
                best = Some(end);
            }
        }
        best
    }

    /// A place or a parent body starts at word `k`.
    pub(super) fn qualifier_at(&self, k: usize) -> bool {
        self.place_at(k).is_some() || self.starts_parent(k)
    }

    /// Another body may start at word `k` ("Bộ Nội vụ", "Sở TT&TT", "Thành ủy"): a lexicon name
    /// or a head there. Checked without parsing it, so that name words never recurse.
    pub(super) fn starts_parent(&self, k: usize) -> bool {
        if !self.capital(k) {
            return false;
        }
        self.name_at(k, true).is_some()
            || self.head_at(k).is_some_and(|(end, head)| {
                let one_word =
                    head.keys.len() == 1 && matches!(head.mode, Mode::Name | Mode::LowerName);
                let title_case = one_word && self.title_case_before(k);
                let common_noun = self.is(OrgClass::NotName, &[head.last, self.id(end)]);
                // An owner head ("Viễn thông", "Công an") is a body only with its qualifier;
                // parsing it goes one level deep at most (no parents at depth 2).
                let bare_owner = head.mode == Mode::Owner && self.org_at(k, 2).is_none();
                !(title_case || common_noun || bare_owner)
            })
    }

    /// Qualifiers after word `k`: a place, or else a parent body.
    pub(super) fn qualifiers(
        &self,
        k: usize,
        depth: usize,
    ) -> (usize, Option<String>, Option<String>) {
        if !self.soft(k) {
            return (k, None, None);
        }
        let line_break = self.gap(k).contains('\n');
        if let Some((end, place)) = self.place_at(k) {
            // Across a line break only a span of the place recogniser or a type word + name
            // counts ("Thành đoàn\nHà Nội"), not a bare name from the fallback list.
            let recognised = self.place_span_at(self.words[k].start).is_some();
            if !line_break || recognised || self.type_word_at(k) {
                return (end, Some(squash(place)), None);
            }
            return (k, None, None);
        }
        // A parent is written on the same line, and only bodies that own units qualify
        // ("Trường Đại học A\nTrường Đại học B" are two schools).
        if depth < 2 && !line_break {
            if let Some(parent) = self.org_at(k, depth + 1).filter(|p| p.kind.owns_units()) {
                return (parent.last, None, Some(parent.name));
            }
            // "Đoàn Thanh niên cơ quan Sở Tư pháp": the agency's own union, party cell ...
            if self.is_key(k, self.kw.co)
                && self.is_key(k + 1, self.kw.quan_agency)
                && self.soft(k + 1)
                && self.soft(k + 2)
            {
                if let Some(parent) = self
                    .org_at(k + 2, depth + 1)
                    .filter(|p| p.kind.owns_units())
                {
                    return (parent.last, None, Some(parent.name));
                }
            }
        }
        (k, None, None)
    }
}
