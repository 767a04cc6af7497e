//! Names outside running prose: photo and author credits ("Ảnh: Thu Lan", "Tác giả: A - B"),
//! bylines among the last lines of a text ("Quang Minh - Thu Hà", "Thanh Tâm - Cổng TTĐT Đồng
//! Tháp"), and historical figures named alone ("Trưng Trắc, Trưng Nhị"). Pen names in credits and
//! bylines often lack a surname, so these rules lean on the position instead of the surname list.
//!
//! Each rule is a method of the scanner in `super::name`, tried at one token, returning the people
//! found and the token after them.

use super::lexicon::PersonClass;
use super::name::{Names, BYLINE_LINES};
use super::title::is_dash;
use super::token::{line_break_between, Case};
use super::{is_capitalised, PersonFound, PersonRule};

/// The first word of a photo credit ("Ảnh: A").
const PHOTO: &str = "ảnh";
/// The first word of an author credit ("Tác giả: B").
const AUTHOR: &str = "tác";
/// The words a credit starts with (the scan looks for credits at these only).
pub(super) const FIRST_WORDS: [&str; 2] = [PHOTO, AUTHOR];

impl Names<'_> {
    /// "Ảnh: Thu Lan", "(Ảnh: Minh Hải)", "Tác giả: A - B - C - Giáo viên Trường X".
    pub(super) fn credit(&self, i: usize) -> Option<(Vec<PersonFound>, usize)> {
        let mut k = match self.key(i) {
            PHOTO => i + 1,
            AUTHOR if self.key(i + 1) == "giả" => i + 2,
            _ => return None,
        };
        if self.key(k) == ":" {
            k += 1;
        } else if self.key(i) == PHOTO {
            return None;
        }
        let mut members = Vec::new();
        let mut at = k;
        while let Some(end) = self.name_run(at, false, 2) {
            if !self.credit_name(at, end) {
                break;
            }
            members.push((at, end));
            if !is_dash(self.key(end)) {
                at = end;
                break;
            }
            let next = end + 1;
            if self.lex.roles.longest(self.tokens, next, false).is_some() {
                at = end;
                break;
            }
            at = next;
        }
        if members.is_empty() {
            return None;
        }
        let last = members.last().map(|m| m.1).unwrap_or(at);
        let (titles, next) = self.appositive_titles(last);
        let out = members
            .iter()
            .map(|&(s, e)| self.person(s, e, PersonRule::Credit, None, None, titles.clone()))
            .collect();
        Some((out, next))
    }

    fn credit_name(&self, start: usize, end: usize) -> bool {
        !self.lex.org_head_at(self.tokens, start)
            && !self.is_place(start, end)
            && !self.in_org(start, end)
            && (start..end).all(|k| self.lex.is_name_syllable(self.key(k)))
    }

    /// A line holding only names, among the last lines of the text: "Phạm Linh", "Thu Lan (tổng
    /// hợp)", two authors joined by a dash ("Quang Minh - Thu Hà"), or a name and its outlet after
    /// a dash ("Thanh Tâm - Cổng TTĐT Đồng Tháp"). Pen names without a surname are common here.
    pub(super) fn byline(&self, i: usize) -> Option<(Vec<PersonFound>, usize)> {
        if i > 0 && !line_break_between(self.text, &self.tokens[i - 1], &self.tokens[i]) {
            return None;
        }
        let n = self.tokens.len();
        let breaks = |k: usize| {
            k >= n || line_break_between(self.text, &self.tokens[k - 1], &self.tokens[k])
        };
        let mut members: Vec<(usize, usize)> = Vec::new();
        let mut at = i;
        let mut outlet = false;
        loop {
            let end = self
                .name_run(at, false, 2)
                .filter(|&e| self.byline_name(at, e));
            let Some(end) = end else {
                // After a dash the rest of the line may be the outlet.
                outlet = !members.is_empty()
                    && is_dash(self.key(at - 1))
                    && self.tok(at).is_some_and(|t| {
                        t.is_word && matches!(t.case, Case::Capitalised | Case::Upper)
                    });
                if !outlet {
                    return None;
                }
                break;
            };
            members.push((at, end));
            if breaks(end) || self.key(end) == "(" {
                break;
            }
            // Authors joined by a dash or a comma ("Quang Minh - Thu Hà", "Thu Trang, Hoàng Nam").
            let joiner = is_dash(self.key(end)) || self.key(end) == ",";
            if !joiner || breaks(end + 1) {
                return None;
            }
            at = end + 1;
        }
        // A line of one bare name keeps the old, looser test; joined parts must not be places.
        let joined = members.len() > 1 || outlet;
        if joined && members.iter().any(|&(s, e)| self.is_place(s, e)) {
            return None;
        }
        let next = members.last().map_or(i, |m| m.1);
        let out = members
            .iter()
            .map(|&(s, e)| self.person(s, e, PersonRule::Byline, None, None, Vec::new()))
            .collect();
        Some((out, next))
    }

    /// A name standing alone in a byline: name syllables, not an organisation or a place.
    fn byline_name(&self, start: usize, end: usize) -> bool {
        !(self.lex.org_head_at(self.tokens, start)
            || self.in_org(start, end)
            || self.place_suffix(start, end)
            || (end - start >= 3 && self.exact_place(start, end)))
            && (start..end).all(|k| self.lex.is_name_syllable(self.key(k)))
    }

    /// A historical figure named alone ("đã cùng Trưng Trắc, Trưng Nhị dựng cờ"): the whole
    /// capitalised run is the name, not a place name, not after a thing word ("đường Trưng Trắc").
    pub(super) fn historical_bare(&self, i: usize) -> Option<(Vec<PersonFound>, usize)> {
        let t = self.tok(i)?;
        if !is_capitalised(t) {
            return None;
        }
        let end = self.lex.historical_at(self.tokens, i)?;
        // The run must be the name alone: no capitalised word glued before or after it.
        let joined = |left: usize, right: usize, outside: usize| {
            is_capitalised(&self.tokens[outside])
                && !line_break_between(self.text, &self.tokens[left], &self.tokens[right])
        };
        if (i > 0 && joined(i - 1, i, i - 1))
            || (end < self.tokens.len() && joined(end - 1, end, end))
        {
            return None;
        }
        if self.in_org(i, end) {
            return None;
        }
        // A figure whose name is also a district ("Hai Bà Trưng", "Lê Chân") is the person only
        // after a lower-case word that is not a place word or a preposition of place
        // ("khởi nghĩa Hai Bà Trưng"; not "tại Lê Chân", "quận Lê Chân", "Hà Nội, Hai Bà Trưng").
        if self.is_place(i, end) {
            let person_context = i > 0 && {
                let prev = &self.tokens[i - 1];
                prev.case == Case::Lower
                    && !self.lex.is(PersonClass::PlacePreposition, &[prev.id])
                    && !line_break_between(self.text, prev, &self.tokens[i])
            };
            if !person_context {
                return None;
            }
        }
        if i > 0 {
            let prev = &self.tokens[i - 1];
            let abbreviated =
                prev.key == "." && i >= 2 && self.lex.is(PersonClass::ThingWord, &[self.id(i - 2)]);
            // "12 Nguyễn Văn Trỗi", "Lô E2, Dương Đình Nghệ": a street in an address.
            let address = (prev.is_word && prev.case == Case::Other)
                || (prev.key == ","
                    && i >= 2
                    && self.tokens[i - 2].is_word
                    && self.tokens[i - 2].case == Case::Other);
            if prev.case == Case::Upper
                || abbreviated
                || address
                || self.lex.is(PersonClass::ThingWord, &[prev.id])
            {
                return None;
            }
        }
        let (titles, next) = self.appositive_titles(end);
        Some((
            vec![self.person(i, end, PersonRule::Historical, None, None, titles)],
            next,
        ))
    }

    /// The first token of the last [`BYLINE_LINES`] lines.
    pub(super) fn byline_start(&self) -> usize {
        let mut lines = 0;
        let mut k = self.tokens.len();
        while k > 0 {
            k -= 1;
            if k == 0 || line_break_between(self.text, &self.tokens[k - 1], &self.tokens[k]) {
                lines += 1;
                if lines == BYLINE_LINES {
                    return k;
                }
            }
        }
        0
    }
}
