//! Names announced by a lower-case noun that says what they are: "ban nhạc Bức Tường", "thương
//! hiệu Metfone (Campuchia), Unitel (Lào)", "công ty con Angkormilk". The noun stays outside the
//! span; each capitalised name after it (a list joined by commas and "và", each member perhaps
//! followed by a place in parentheses) is one organisation. Later bare uses of the same name in
//! the text are found again.

use super::parse::{squash, Org, Scanner};
use super::rules::OrgClass;
use super::{OrgKind, OrgRule};
use crate::ner::phrase::Sym;

/// The most words of a cue noun ("nhóm nhạc nữ") and of a name after it.
const MAX_CUE_WORDS: usize = 3;
const MAX_NAME_WORDS: usize = 4;

impl<'a> Scanner<'a> {
    /// The cue noun at word `i` and the names after it: the word after the last name, the names.
    #[inline]
    pub(super) fn cued_names(&self, i: usize) -> Option<(usize, Vec<Org>)> {
        let word = self.words.get(i)?;
        if word.capital || !self.lex.words.starts(OrgClass::GroupCue, word.id) {
            return None;
        }
        self.names_after_cue(i)
    }

    fn names_after_cue(&self, i: usize) -> Option<(usize, Vec<Org>)> {
        let ids: [Sym; MAX_CUE_WORDS] = std::array::from_fn(|n| self.id(i + n));
        let cue_end = (1..=MAX_CUE_WORDS).rev().find(|&n| {
            (i + 1..i + n).all(|k| self.soft(k)) && self.is(OrgClass::GroupCue, &ids[..n])
        })? + i;
        let mut members = Vec::new();
        let mut k = cue_end;
        while self.soft(k) || (k > cue_end && !members.is_empty()) {
            let end = self.cued_name_at(k)?;
            members.push(self.cued(k, end));
            k = end;
            // "Metfone (Campuchia)": the country of a member is no part of it.
            if self.gap(k).trim() == "(" && self.gap(k + 1).trim_start().starts_with(')') {
                k += 1;
            }
            let next_gap = self
                .gap(k)
                .trim()
                .trim_start_matches(')')
                .trim()
                .to_string();
            if next_gap == "," && self.cued_name_at(k).is_some() {
                continue;
            }
            if next_gap.is_empty() && self.is_key(k, self.kw.va) && self.soft(k + 1) {
                if let Some(end) = self.cued_name_at(k + 1) {
                    members.push(self.cued(k + 1, end));
                    k = end;
                }
            }
            break;
        }
        (!members.is_empty()).then_some((k, members))
    }

    /// The organisation a cue announced in words `first..last`.
    fn cued(&self, first: usize, last: usize) -> Org {
        Org {
            first,
            last,
            rule: OrgRule::Cue,
            name: squash(self.surface(first, last)),
            kind: OrgKind::Enterprise,
            abbreviated: false,
            parent: None,
            place: None,
            successor: None,
        }
    }

    /// A name of one to [`MAX_NAME_WORDS`] capitalised words at `k`, no person and no place
    /// with its type word: the word after it.
    fn cued_name_at(&self, k: usize) -> Option<usize> {
        if !self.words.get(k).is_some_and(|w| w.capital || w.acronym)
            || self.person_at(k)
            || self.type_word_at(k)
        {
            return None;
        }
        let mut end = k + 1;
        while end < self.words.len()
            && end < k + MAX_NAME_WORDS
            && self.soft(end)
            && (self.words[end].capital || self.words[end].acronym || self.words[end].number)
        {
            end += 1;
        }
        Some(end)
    }
}

/// Later bare uses of the names a cue announced ("Bức Tường đang chuẩn bị album mới"), in words
/// nobody has taken yet; a use inside a longer capitalised run is not one.
pub(super) fn repeated_names(scanner: &Scanner, orgs: &[Org], taken: &[bool]) -> Vec<Org> {
    let mut out: Vec<Org> = Vec::new();
    for org in orgs.iter().filter(|o| o.rule == OrgRule::Cue) {
        let n = org.last - org.first;
        let ids: Vec<Sym> = (org.first..org.last).map(|k| scanner.id(k)).collect();
        let written = scanner.surface(org.first, org.last);
        for k in 0..scanner.words.len().saturating_sub(n - 1) {
            let free = (k..k + n).all(|m| !taken.get(m).copied().unwrap_or(true));
            let run_before = scanner.soft(k) && scanner.capital(k - 1);
            let run_after = scanner.soft(k + n) && scanner.capital(k + n);
            let bounded = !run_before && !run_after;
            if free
                && bounded
                && (k..k + n).zip(&ids).all(|(m, &id)| scanner.id(m) == id)
                && scanner.surface(k, k + n) == written
                && !out.iter().any(|o| o.first == k)
            {
                out.push(Org {
                    first: k,
                    last: k + n,
                    rule: OrgRule::Alias,
                    ..org.clone()
                });
            }
        }
    }
    out
}
