//! Sports clubs named by their city in match reports: "Nam Định thắng Hà Nội FC", "Công an Hà
//! Nội đánh bại Hải Phòng 2-1", "làm khách của Quảng Nam". A bare province name (no type word
//! before it, no capital after it) is a club when a match verb stands right before or after it and
//! its sentence is about a match (a score "3-0" or a word of [`OrgClass::SportContext`]).

use super::parse::{squash, Org, Scanner};
use super::rules::OrgClass;
use super::{OrgKind, OrgRule};
use crate::ner::phrase::{Sym, UNKNOWN};

/// The most words of a match verb ("làm khách của").
const MAX_VERB_WORDS: usize = 3;

impl<'a> Scanner<'a> {
    /// The club named by the province at word `i`, if the words around it make it one.
    #[inline]
    pub(super) fn club_at(&self, i: usize) -> Option<Org> {
        let word = self.words.get(i)?;
        // A province name of the lexicon starts here.
        if !word.capital || word.acronym || !self.lex.places.starts_with(word.id) {
            return None;
        }
        self.club_from(i)
    }

    fn club_from(&self, i: usize) -> Option<Org> {
        let end = self.known_place(i)?;
        let bare_before = !(self.soft(i) && (self.capital(i - 1) || self.type_word_at(i - 1)));
        let name_goes_on =
            self.soft(end) && self.words.get(end).is_some_and(|w| w.capital || w.acronym);
        // National teams are their country's place in the gold ("Việt Nam thắng Thái Lan").
        if !bare_before || name_goes_on || self.country_at(i).is_some() {
            return None;
        }
        let verb_before = (1..=MAX_VERB_WORDS.min(i)).any(|n| {
            let first = i - n;
            (first + 1..=i).all(|k| self.soft(k)) && {
                let mut ids = [UNKNOWN; MAX_VERB_WORDS];
                for (slot, k) in ids.iter_mut().zip(first..i) {
                    *slot = self.id(k);
                }
                self.is(OrgClass::MatchVerb, &ids[..n])
            }
        });
        let verb_after = self.soft(end)
            && (1..=MAX_VERB_WORDS).any(|n| {
                (end + 1..end + n).all(|k| self.soft(k)) && {
                    let ids: [Sym; MAX_VERB_WORDS] = std::array::from_fn(|m| self.id(end + m));
                    self.is(OrgClass::MatchVerb, &ids[..n])
                }
            });
        if !(verb_before || verb_after) || !self.match_sentence(i) {
            return None;
        }
        Some(Org {
            first: i,
            last: end,
            rule: OrgRule::Club,
            name: squash(self.surface(i, end)),
            kind: OrgKind::Association,
            abbreviated: false,
            parent: None,
            place: None,
            successor: None,
        })
    }

    /// The sentence of word `i` reports a match: a score ("3-0") or a sports word in it.
    fn match_sentence(&self, i: usize) -> bool {
        let ends = |k: usize| {
            let gap = self.gap(k);
            gap.contains('\n') || gap.contains(['.', '!', '?', ';'])
        };
        let mut first = i;
        while first > 0 && !ends(first) {
            first -= 1;
        }
        let mut last = i + 1;
        while last < self.words.len() && !ends(last) {
            last += 1;
        }
        (first..last).any(|k| {
            self.is(OrgClass::SportContext, &[self.id(k)])
                || (self.words[k].number
                    && self.gap(k + 1) == "-"
                    && self.words.get(k + 1).is_some_and(|w| w.number)
                    && self.word_text(k).len() <= 2
                    && self.word_text(k + 1).len() <= 2)
        })
    }
}
