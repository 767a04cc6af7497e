//! Domains after "Sở", "Bộ", "Phòng": written out ("Thông tin và Truyền thông", "Khoa học Công
//! nghệ"), abbreviated ("TT&TT", "LĐ-TB&XH") or both ("Văn hóa TT&DL"), resolved to the known
//! domains of `domains.tsv` by their content words or their initials.

use super::lexicon::Domain;
use super::parse::{squash, Scanner};
use crate::ner::phrase::Sym;

/// A domain after "Sở"/"Bộ"/"Phòng": the word after it and its canonical form.
pub(super) struct DomainMatch<'l> {
    pub end: usize,
    pub canonical: String,
    pub abbreviated: bool,
    pub known: Option<&'l Domain>,
}

impl<'a> Scanner<'a> {
    /// A domain at word `j`: its initials ("TT&TT") or its words ("Thông tin và Truyền thông").
    pub(super) fn domain_at(&self, j: usize) -> Option<DomainMatch<'a>> {
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
            let gap = self.sig(k);
            if k > j && !matches!(gap, "" | "-" | "&" | ",") {
                break;
            }
            if self.is_key(k, self.kw.va) {
                k += 1;
                continue;
            }
            if !self.lex.domain_words.contains(&[self.words[k].id]) {
                break;
            }
            content.push((k, gap == ","));
            k += 1;
        }
        let ids: Vec<Sym> = content.iter().map(|&(k, _)| self.words[k].id).collect();
        // A domain half written out, half abbreviated: "Văn hóa TT&DL", "Nông nghiệp và PTNT",
        // "Nông nghiệp & PTNT" (also with the ampersand escaped: "&amp;", "amp;").
        for n in (1..=content.len().min(3)).rev() {
            let mut after = content[n - 1].0 + 1;
            let mut joined = self.sig(after) == "&";
            if self.is_key(after, self.kw.va) && self.soft(after) && self.soft(after + 1) {
                after += 1;
                joined = true;
            }
            if (self.soft(after) || joined) && self.words.get(after).is_some_and(|w| w.acronym) {
                let mut letters: String = content[..n]
                    .iter()
                    .filter_map(|&(k, _)| self.key(k).chars().next())
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
        for n in (1..=content.len()).rev() {
            if let Some(known) = self.lex.domain(&ids[..n]) {
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
            let joined = n > 0 && (k != content[n - 1].0 + 1 || !self.sig(k).is_empty());
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
}
