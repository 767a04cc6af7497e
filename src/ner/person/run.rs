//! Capitalised runs that can be names: how long a name runs (line breaks, lower-case syllables,
//! roles and honorifics end it), where one starts inside a title's organisation phrase, and the
//! place and syllable checks that keep place names and things out.
//!
//! These are the evidence tests the scanner in `super::name` combines; they read the token list
//! and the lexicon only.

use super::is_capitalised;
use super::lexicon::PersonClass;
use super::name::{Names, MAX_SYLLABLES};
use super::token::{line_break_between, Case};

impl Names<'_> {
    /// A name with a known surname starts at `k` and runs to the end of its capitalised run
    /// ("Trần Văn Nam" in "UBND TP Hải Phòng Trần Văn Nam"), not continuing a place name.
    pub(super) fn name_start(&self, k: usize) -> bool {
        // A strong surname, or any first syllable before the middle name "Thị" ("Tòng Thị Phóng").
        let evidence = self.lex.is_strong_surname(self.key(k)) || self.key(k + 1) == "thị";
        if !evidence || self.continues_place(k) || self.in_org(k, k + 1) {
            return false;
        }
        if k > 0 && self.lex.is(PersonClass::ThingWord, &[self.id(k - 1)]) && self.key(k) == "hồ"
        {
            return false;
        }
        // Company names are often person-like: "Công ty TNHH Hoàng Long", "Tập đoàn Minh Phát".
        if k > 0 && self.lex.is(PersonClass::CompanyWord, &[self.id(k - 1)]) {
            return false;
        }
        match self.name_run(k, true, 2) {
            Some(end) => {
                let run_ends = !self.tok(end).is_some_and(is_capitalised)
                    || line_break_between(self.text, &self.tokens[end - 1], &self.tokens[end]);
                run_ends && self.plausible_name(k, end, false)
            }
            None => false,
        }
    }

    /// True when token `k` is the second syllable of a place name ("Lâm Đồng", "Hà Nội").
    pub(super) fn continues_place(&self, k: usize) -> bool {
        if k == 0 {
            return false;
        }
        if self.lex.is_place_name(self.tokens, k - 1, k + 1) {
            return true;
        }
        k >= 2 && self.lex.is_place_name(self.tokens, k - 2, k + 1)
    }

    /// "Hoàng Anh Gia Lai", "Tin Tây Nguyên": a proper tail of the run is a place.
    pub(super) fn place_suffix(&self, start: usize, end: usize) -> bool {
        (start + 1..end.saturating_sub(1)).any(|j| self.exact_place(j, end))
    }

    pub(super) fn exact_place(&self, start: usize, end: usize) -> bool {
        self.lex.is_place_name(self.tokens, start, end)
    }

    pub(super) fn is_place(&self, start: usize, end: usize) -> bool {
        if self.lex.is_place_name(self.tokens, start, end) {
            return true;
        }
        end - start > 2 && self.lex.is_place_name(self.tokens, start, start + 2)
    }

    /// True when tokens `[start, end)` are exactly a historical figure's name ("Lê Chân").
    pub(super) fn historical(&self, start: usize, end: usize) -> bool {
        self.lex.historical_at(self.tokens, start) == Some(end)
    }

    pub(super) fn has_surname(&self, k: usize) -> bool {
        self.lex.is_surname(self.key(k))
    }

    /// Name-like syllables: not an organisation head first, not a place, known syllables.
    pub(super) fn plausible_name(&self, start: usize, end: usize, personal: bool) -> bool {
        if self.historical(start, end) {
            return true;
        }
        if self.is_place(start, end) {
            return false;
        }
        // Foreign and transliterated words count as name words ("Hun Ma-nét").
        let known = (start + 1..end)
            .filter(|&k| {
                self.lex.is_name_syllable(self.key(k)) || super::cue::foreign_word(self.key(k))
            })
            .count();
        let unknown = (end - start - 1) - known;
        // An organisation head that is also a strong surname ("Đoàn") opens a name only as a full
        // name of usual syllables ("HLV trưởng Đoàn Minh Tâm").
        if self.lex.org_head_at(self.tokens, start)
            && !(self.lex.is_strong_surname(self.key(start)) && end - start >= 3 && unknown == 0)
        {
            return false;
        }
        unknown == 0 || (personal && unknown <= 1) || (end - start >= 3 && unknown <= 1)
    }

    /// A run of capitalised syllables at `k` usable as a name: `min`..=4 syllables, stopping
    /// before a role or an honorific. With `strong` context a line break may sit inside the name
    /// when the name goes on after it in running text ("Chủ tịch Hồ Chí\nMinh đối với").
    pub(super) fn name_run(&self, k: usize, strong: bool, min: usize) -> Option<usize> {
        let mut end = k;
        while end < self.tokens.len() {
            let t = &self.tokens[end];
            let lower_inside =
                strong && end > k && t.case == Case::Lower && self.lowercase_syllable(k, end);
            if !is_capitalised(t) && !lower_inside {
                break;
            }
            if end > k {
                if line_break_between(self.text, &self.tokens[end - 1], t)
                    && !(strong && self.name_goes_on(k, end))
                {
                    break;
                }
                let role_end = self
                    .lex
                    .roles
                    .longest(self.tokens, end, false)
                    .map(|m| m.end);
                let honorific_end = self
                    .lex
                    .honorifics
                    .longest(self.tokens, end, false)
                    .filter(|m| !m.value.address)
                    .map(|m| m.end);
                if role_end
                    .or(honorific_end)
                    .is_some_and(|e| !self.spelt_by_name(end, e))
                {
                    break;
                }
            }
            end += 1;
            if end - k > MAX_SYLLABLES {
                return None;
            }
        }
        let n = end - k;
        if n < min || n == 0 || !is_capitalised(&self.tokens[k]) {
            return None;
        }
        if n == 1 {
            let key = self.key(k);
            if !self.lex.is_name_syllable(key) || self.lex.org_head_at(self.tokens, k) {
                return None;
            }
        }
        Some(end)
    }

    /// A lower-case syllable inside a name after an honorific or title ("Lê hồng Sơn", "Nguyễn
    /// Đình khuê"): a known name syllable, after a surname, and either between two capitalised
    /// syllables or the third and last syllable.
    pub(super) fn lowercase_syllable(&self, k: usize, at: usize) -> bool {
        let key = self.key(at);
        if !self.lex.syllables.contains(key)
            || self.lex.is(PersonClass::StopSyllable, &[self.id(at)])
            || !self.lex.is_strong_surname(self.key(k))
        {
            return false;
        }
        if (k..at).any(|j| self.tokens[j].case == Case::Lower) {
            return false;
        }
        let next = self.tok(at + 1);
        // Between two capitalised syllables only where the name can still end after the next one
        // ("Lê hồng Sơn"; not "Đoàn Minh Tâm tung Lê", a verb before another name).
        // Nor before an organisation's head ("Đào tạo Trường Đại học ...").
        let between = at - k + 2 <= MAX_SYLLABLES
            && next.is_some_and(|n| is_capitalised(n) && self.lex.is_name_syllable(n.key))
            && !self.lex.org_head_at(self.tokens, at + 1);
        let last = at - k == 2
            && !next.is_some_and(|n| {
                n.case == Case::Capitalised
                    || n.case == Case::Lower && self.lex.syllables.contains(n.key)
            });
        between || last
    }

    /// After a line break at token `at`: the name continues on the next line only when its first
    /// line held just the surname, or two syllables and one more follows ("Hồ Chí\nMinh đối với").
    pub(super) fn name_goes_on(&self, k: usize, at: usize) -> bool {
        let before = at - k;
        let mut j = at;
        while j < self.tokens.len() && is_capitalised(&self.tokens[j]) {
            if j + 1 < self.tokens.len()
                && line_break_between(self.text, &self.tokens[j], &self.tokens[j + 1])
            {
                return false;
            }
            j += 1;
        }
        let after = j - at;
        let fits =
            before == 1 || (before == 2 && after == 1 && self.lex.syllables.contains(self.key(at)));
        fits && self
            .tok(j)
            .is_some_and(|t| t.case == Case::Lower || matches!(t.key, "," | "-" | "–" | "(" | ")"))
    }
}
