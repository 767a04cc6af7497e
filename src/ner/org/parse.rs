//! The organisation parser: head, body, qualifiers, over the words of one text.
//!
//! At each word the parser tries a complete name from the lexicon ("Bộ Nội vụ", "UNESCO") and a
//! head noun with the body its mode asks for (a domain after "Sở", name words after "Công ty", a
//! place or parent after "UBND"); the longer wins. After the body come the qualifiers, each
//! across plain white space only: a place ("tỉnh Lâm Đồng", "Thành phố", "Hà Nội", or a span the
//! place recogniser found) or a parent body parsed the same way, one level deeper ("Hội đồng thi
//! đua, khen thưởng" + "Bộ Nội vụ"). Term numbers ("khóa IX") are never taken in.

use super::keys::{RuleWord, RuleWords};
use super::lexicon::{Head, Lexicon, Mode, Name, OrgKind, MAX_ENTRY_WORDS};
use super::rules::{OrgClass, WRAPPED_LINE_CHARS};
use super::words::{gap_signature, push_gap_signature};
use super::{OrgFinder, OrgRule};
use crate::ner::phrase::{Node, PhraseTable, Sym, ROOT, UNKNOWN};
use crate::ner::tokens::{OrgWord, Tokens};

/// The most words of a Latin-script company name after its group's name ("Samsung Electronics").
const MAX_BRAND_WORDS: usize = 4;

/// An organisation found in words `first..last`.
#[derive(Debug, Clone)]
pub struct Org {
    pub first: usize,
    pub last: usize,
    pub rule: OrgRule,
    pub name: String,
    pub kind: OrgKind,
    pub abbreviated: bool,
    pub parent: Option<String>,
    pub place: Option<String>,
    pub successor: Option<String>,
}

/// The words of one text with the lexicon and the place spans.
pub struct Scanner<'a> {
    pub text: &'a str,
    pub words: &'a [OrgWord],
    tokens: &'a Tokens<'a>,
    /// The signatures of the gaps that have one, one after another.
    sig_text: String,
    /// `gaps[i]`: the gap before word `i`.
    gaps: Vec<Gap>,
    pub lex: &'a Lexicon,
    /// The numbers of the words the rules name.
    pub kw: &'a RuleWords,
    /// Place spans of the place recogniser, sorted by start.
    places: Vec<(usize, usize)>,
}

/// The gap before a word, read once per text.
#[derive(Debug, Clone, Copy)]
struct Gap {
    /// Where its signature lies in `sig_text` (see [`gap_signature`]).
    sig: (u32, u32),
    /// The number of the signature in the vocabulary.
    sig_id: Sym,
    /// See [`Scanner::soft`].
    soft: bool,
}

impl<'a> Scanner<'a> {
    pub fn new(
        tokens: &'a Tokens<'a>,
        finder: &'a OrgFinder,
        places: &'a [(usize, usize)],
    ) -> Scanner<'a> {
        let text = tokens.text;
        let words = &tokens.org[..];
        let mut scanner = Scanner {
            text,
            words,
            tokens,
            sig_text: String::new(),
            gaps: Vec::new(),
            lex: &finder.lexicon,
            kw: &finder.rule_words,
            places: {
                let mut sorted = places.to_vec();
                // The place recogniser reports its spans in order: nothing to sort, mostly.
                if !sorted.is_sorted() {
                    sorted.sort_unstable();
                }
                sorted
            },
        };
        // Most gaps are one space: no signature, and soft.
        let bytes = text.as_bytes();
        // Room for a signature every few words (commas, dots, dashes).
        let mut sig_text = String::with_capacity(words.len() / 4);
        let mut previous_end = 0;
        let gaps = words.iter().enumerate().map(|(i, w)| {
            let start = std::mem::replace(&mut previous_end, w.end);
            let at = sig_text.len() as u32;
            match bytes.get(start..w.start) {
                Some(b" ") => {
                    return Gap {
                        sig: (at, at),
                        sig_id: finder.gap_numbers.empty,
                        soft: i > 0,
                    }
                }
                // ", " and ". ": one mark (no entity's) and a space.
                Some(&[mark, b' ']) if mark.is_ascii_graphic() && !matches!(mark, b'&' | b';') => {
                    sig_text.push(char::from(mark));
                    return Gap {
                        sig: (at, at + 1),
                        sig_id: finder.gap_numbers.ascii(mark),
                        soft: false,
                    };
                }
                _ => {}
            }
            let gap = text.get(start..w.start).unwrap_or("");
            push_gap_signature(gap, &mut sig_text);
            let signature = &sig_text[at as usize..];
            Gap {
                sig: (at, sig_text.len() as u32),
                sig_id: finder.gap_numbers.of(signature, &finder.vocab),
                // A signature means something other than white space.
                soft: signature.is_empty() && scanner.soft_gap(i, gap),
            }
        });
        let gaps = gaps.collect();
        scanner.gaps = gaps;
        scanner.sig_text = sig_text;
        scanner
    }

    /// The text between word `i - 1` and word `i`.
    pub fn gap(&self, i: usize) -> &'a str {
        let end = self.words.get(i).map_or(self.text.len(), |w| w.start);
        let start = match i {
            0 => 0,
            _ => self.words.get(i - 1).map_or(0, |w| w.end),
        };
        self.text.get(start..end).unwrap_or("")
    }

    /// The end of the place span that starts at byte `start`, if the place recogniser found one.
    pub fn place_span_at(&self, start: usize) -> Option<usize> {
        let at = self.places.partition_point(|&(s, _)| s < start);
        self.places
            .get(at)
            .filter(|&&(s, _)| s == start)
            .map(|&(_, end)| end)
    }

    /// The signature of the gap before word `i` (see [`gap_signature`]).
    pub fn sig(&self, i: usize) -> &str {
        self.gaps.get(i).map_or("", |gap| {
            &self.sig_text[gap.sig.0 as usize..gap.sig.1 as usize]
        })
    }

    /// Word `i` exists and only white space separates it from word `i - 1`: on one line, at most
    /// two spaces and no tab (menu entries and table cells), or one line break after a
    /// hard-wrapped line of running text.
    #[inline]
    pub fn soft(&self, i: usize) -> bool {
        self.gaps.get(i).is_some_and(|gap| gap.soft)
    }

    /// Whether `gap`, the gap before word `i`, is soft (see [`Scanner::soft`]).
    fn soft_gap(&self, i: usize, gap: &str) -> bool {
        if i == 0 || i >= self.words.len() {
            return false;
        }
        if gap == " " {
            return true;
        }
        if !gap.chars().all(char::is_whitespace) {
            return false;
        }
        match gap.matches('\n').count() {
            // A run of spaces or a tab separates menu entries and table cells.
            0 => gap.len() < 3 && !gap.contains('\t'),
            1 => self.wrapped_line(i - 1),
            _ => false,
        }
    }

    /// The line that word `i` ends is long enough to be a hard-wrapped line of running text, not
    /// a heading or a menu entry ("Bộ\nThông tin và Truyền thông" inside a paragraph).
    pub(super) fn wrapped_line(&self, i: usize) -> bool {
        // Counted back from its end, up to the limit.
        let end = self.words[i].end;
        self.text[..end]
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .take(WRAPPED_LINE_CHARS)
            .count()
            >= WRAPPED_LINE_CHARS
    }

    pub fn key(&self, i: usize) -> &'a str {
        self.words.get(i).map_or("", |w| self.tokens.org_key(w))
    }

    /// Word `i` is the rule word `word` (compared by number; by key when the vocabulary lacks it).
    #[inline]
    pub fn is_key(&self, i: usize, word: RuleWord) -> bool {
        match word.sym() {
            Some(sym) => self.id(i) == sym,
            None => self.key(i) == word.key(),
        }
    }

    /// Word `i` is one of the rule words `words`.
    pub fn is_any_key(&self, i: usize, words: &[RuleWord]) -> bool {
        words.iter().any(|&word| self.is_key(i, word))
    }

    /// The vocabulary number of word `i` ([`UNKNOWN`] past the end).
    pub fn id(&self, i: usize) -> Sym {
        self.words.get(i).map_or(UNKNOWN, |w| w.id)
    }

    /// Whether the words (by number) are an entry of a word class.
    pub fn is(&self, class: OrgClass, words: &[Sym]) -> bool {
        // A phrase of the class starts with a word of the class's first words (a table look-up,
        // before the phrase is hashed).
        match words {
            [first, _, ..] if !self.lex.words.starts(class, *first) => false,
            _ => self.lex.words.has(class, words),
        }
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

    pub(super) fn word_text(&self, i: usize) -> &'a str {
        self.surface(i, i + 1)
    }

    /// The first entry that `accept`s, of the entries of `table` whose words and gaps the words
    /// from `i` start with, longest first: (the word after the entry, the entry).
    fn entry_at<V>(
        &self,
        table: &'a PhraseTable<Vec<V>>,
        i: usize,
        mut accept: impl FnMut(usize, &'a V) -> bool,
    ) -> Option<(usize, &'a V)> {
        // Most words start no entry: nothing more is done for them.
        let first = table.step(ROOT, self.words.get(i)?.id)?;
        self.longest_from(table, first, i + 1, &mut accept)
    }

    /// [`Scanner::entry_at`] from trie node `at`, reached with the words before `end`: the deeper
    /// entries first, then the entries of `at` in order.
    fn longest_from<V>(
        &self,
        table: &'a PhraseTable<Vec<V>>,
        at: Node,
        end: usize,
        accept: &mut impl FnMut(usize, &'a V) -> bool,
    ) -> Option<(usize, &'a V)> {
        let next = self.words.get(end).and_then(|word| {
            table
                .step(at, self.gaps[end].sig_id)
                .and_then(|gap| table.step(gap, word.id))
        });
        if let Some(found) = next.and_then(|next| self.longest_from(table, next, end + 1, accept)) {
            return Some(found);
        }
        let entries = table.value(at)?;
        entries
            .iter()
            .find(|entry| accept(end, entry))
            .map(|entry| (end, entry))
    }

    /// The longest complete name at word `i`.
    pub(super) fn name_at(&self, i: usize, standalone: bool) -> Option<(usize, &'a Name)> {
        self.entry_at(&self.lex.names, i, |_, name| {
            (!standalone || name.bare || !name.case)
                && if name.case {
                    name.written
                        .iter()
                        .enumerate()
                        .all(|(n, written)| self.word_text(i + n) == written)
                } else {
                    self.words[i].capital
                }
        })
    }

    /// A media name after "Báo"/"Đài", in any case ("Báo nhân dân", "báo Kinh tế & Đô thị").
    pub(super) fn outlet_at(&self, h: usize) -> Option<(usize, &'a Name)> {
        self.entry_at(&self.lex.names, h, |_, name| name.kind == OrgKind::Media)
    }

    /// The longest head noun at word `i`.
    pub(super) fn head_at(&self, i: usize) -> Option<(usize, &'a Head)> {
        let word = self.words.get(i)?;
        self.entry_at(&self.lex.heads, i, |_, head| {
            (word.capital
                || (head.lower_ok
                    && self
                        .words
                        .get(i + head.keys.len())
                        .is_some_and(|w| w.capital && !w.acronym)
                    && !self.gap(i + head.keys.len()).contains('\n')
                    && !(i > 0 && self.soft(i) && self.words[i - 1].capital)))
                && (!head.abbreviated
                    || !head.canonical.contains(' ')
                    || !word.acronym
                    || self.words[i].capital)
        })
    }

    /// Word `i` follows a capitalised word of the same phrase ("Dịch Vụ", "Tây Ban"), not a
    /// function word capitalised because it starts the sentence ("Theo Cục ...", "Tại Ban ...").
    pub(super) fn title_case_before(&self, i: usize) -> bool {
        if i == 0 || !self.soft(i) || !self.words[i - 1].capital {
            return false;
        }
        let before = i - 1;
        let sentence_start = before == 0 || {
            let gap = self.gap(before);
            gap.contains('\n')
                || matches!(
                    gap.trim_end().chars().last(),
                    Some('.' | '!' | '?' | ':' | '"' | '“')
                )
        };
        !(sentence_start && self.is(OrgClass::StopWord, &[self.id(before)]))
    }

    pub(super) fn capital(&self, i: usize) -> bool {
        self.words
            .get(i)
            .is_some_and(|w| w.capital || w.acronym || w.number)
    }

    /// The organisation that starts at word `i`, if any. `depth` counts parent levels.
    #[inline]
    pub fn org_at(&self, i: usize, depth: usize) -> Option<Org> {
        let word = self.words.get(i)?;
        let lower_head =
            || self.lex.words.starts(OrgClass::LowerHead, word.id) || self.lex.lower_start(word.id);
        if !(word.capital || word.acronym || lower_head()) {
            return None;
        }
        self.org_from(i, depth)
    }

    /// [`Scanner::org_at`] at a word that may start an organisation.
    fn org_from(&self, i: usize, depth: usize) -> Option<Org> {
        let word = &self.words[i];
        // "đội tuyển": a lower-case head does not start inside a longer one ("tuyển").
        if !word.capital
            && i > 0
            && self.soft(i)
            && self.lex.lower_start(self.id(i - 1))
            && self
                .entry_at(&self.lex.heads, i - 1, |end, _| end > i)
                .is_some()
        {
            return None;
        }
        // "nhà báo Nguyễn Văn A" is a journalist, not a newspaper.
        if self.is_key(i, self.kw.bao) && i > 0 && self.is_key(i - 1, self.kw.nha) && self.soft(i) {
            return None;
        }
        let named = self
            .name_at(i, true)
            .map(|(end, name)| self.named(i, end, name, depth));
        let headed = self
            .head_at(i)
            .and_then(|(end, head)| self.headed(i, end, head, depth));
        match (named, headed) {
            // A head parse beats a lexicon name only when it adds a capitalised word or a
            // qualifier ("Ngân hàng Thế giới" stays, "Ngân hàng Thế giới tài trợ" does not win).
            (Some(a), Some(b)) => {
                let adds_name = (a.last..b.last).any(|k| self.capital(k));
                let qualified = b.place.is_some() || b.parent.is_some();
                Some(if b.last > a.last && (adds_name || qualified) {
                    b
                } else {
                    a
                })
            }
            (a, b) => a.or(b),
        }
    }

    pub(super) fn named(&self, i: usize, end: usize, name: &Name, depth: usize) -> Org {
        let mut org = Org {
            first: i,
            last: end,
            rule: OrgRule::Lexicon,
            name: name_buffer(&name.canonical),
            kind: name.kind,
            abbreviated: name.surface != name.canonical,
            parent: None,
            place: None,
            successor: name.successor.clone(),
        };
        // A group's company in Latin script: "Samsung" + "Electronics", "Viettel" + "Global".
        let mut end = end;
        if name.kind == OrgKind::Enterprise {
            while end < i + MAX_BRAND_WORDS
                && self.soft(end)
                && self.words[end].capital
                && !self.words[end].acronym
                && crate::ner::person::foreign_word(self.key(end))
            {
                end += 1;
            }
            if end > org.last {
                org.last = end;
                org.name = squash(self.surface(i, end));
            }
        }
        // Branches of national enterprises: "VNPT Hà Nội", "Viettel Đà Nẵng".
        if name.kind == OrgKind::Enterprise && self.soft(end) {
            if let Some(place_end) = self.known_place(end) {
                let place = squash(self.surface(end, place_end));
                // A branch keeps its brand: "VNPT Hà Nội", not the group's full name + place.
                org.name = spaced(&squash(self.surface(i, end)), &place);
                org.place = Some(place);
                org.last = place_end;
                return org;
            }
        }
        // Committees of the National Assembly name it after them ("... của Quốc hội").
        if name.canonical.starts_with("Ủy ban") && depth < 2 {
            let at = if self.is_key(end, self.kw.cua) && self.soft(end) {
                end + 1
            } else {
                end
            };
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

    pub(super) fn headed(&self, i: usize, h: usize, head: &Head, depth: usize) -> Option<Org> {
        let mut org = Org {
            first: i,
            last: h,
            rule: OrgRule::Head,
            name: name_buffer(&head.canonical),
            kind: head.kind,
            abbreviated: head.abbreviated,
            parent: None,
            place: None,
            // A head that is itself a body merged in 2025 ("Ban Dân tộc" + "tỉnh Gia Lai").
            successor: head.successor.clone(),
        };
        let body_end = match head.mode {
            Mode::Domain => {
                // A known domain is strong evidence: any single line break may sit before it.
                let wrapped = h < self.words.len()
                    && self.gap(h).chars().all(char::is_whitespace)
                    && self.gap(h).matches('\n').count() == 1;
                if !(self.soft(h) || wrapped) {
                    return None;
                }
                let domain = self.domain_at(h)?;
                org.rule = OrgRule::HeadDomain;
                org.abbreviated |= domain.abbreviated;
                org.name = spaced(&head.canonical, &domain.canonical);
                org.successor = domain.known.and_then(|d| match head.kind {
                    OrgKind::Ministry => d.ministry_successor.clone(),
                    OrgKind::Department => d.department_successor.clone(),
                    _ => None,
                });
                let mut end = domain.end;
                // "Sở Khoa học và Công nghệ (KH&CN) Cần Thơ": the abbreviation stays inside.
                if self.gap(end).trim() == "("
                    && self.words.get(end).is_some_and(|w| w.acronym)
                    && self.gap(end + 1).trim() == ")"
                    && self.gap(end + 1).ends_with(char::is_whitespace)
                    && self.place_at(end + 1).is_some()
                {
                    end += 1;
                    if let Some((place_end, place)) = self.place_at(end) {
                        org.place = Some(squash(place));
                        org.name.push(' ');
                        push_canonical_place(place, &mut org.name);
                        return Some(Org {
                            last: place_end,
                            ..org
                        });
                    }
                }
                end
            }
            Mode::Owner | Mode::Alone => {
                // "Tỉnh ủy viên", "Thành ủy viên": a member's title, not the committee.
                if head.mode == Mode::Alone && self.is_key(h, self.kw.vien) && self.soft(h) {
                    return None;
                }
                org.rule = OrgRule::HeadOwner;
                h
            }
            Mode::Name | Mode::LowerName => {
                if !self.soft(h) {
                    return None;
                }
                // "Dịch Vụ Viễn Thông", "Tây Ban Nha": a one-word head inside a Title Case phrase.
                if head.keys.len() == 1 && self.title_case_before(i) {
                    return None;
                }
                if self.is(OrgClass::NotName, &[head.last, self.id(h)]) {
                    return None;
                }
                if head.kind == OrgKind::Media {
                    if let Some((end, name)) = self.outlet_at(h) {
                        org.rule = OrgRule::HeadOutlet;
                        org.name = name.canonical.clone();
                        return Some(Org { last: end, ..org });
                    }
                }
                let mut end = self.name_words(
                    h,
                    head.mode == Mode::LowerName,
                    head.kind == OrgKind::Enterprise,
                )?;
                if head.canonical == "Phòng" {
                    if let Some(domain) = self.domain_at(h).filter(|d| d.known.is_some()) {
                        end = end.max(domain.end);
                    }
                }
                org.rule = OrgRule::HeadName;
                org.name = name_buffer(&head.canonical);
                append_squashed(&mut org.name, self.surface(h, end));
                if self.is_key(end, self.kw.so_number)
                    && self.soft(end)
                    && self.capital(end + 1)
                    && self.soft(end + 1)
                {
                    append_squashed(&mut org.name, self.surface(end, end + 2));
                    end + 2
                } else {
                    end
                }
            }
            Mode::Cluster => return self.cluster(org, h, depth),
        };
        let (mut end, mut place, parent) = self.qualifiers(body_end, depth);
        // "Huyện ủy Ba Vì", "Quận đoàn Hai Bà Trưng": a unit's committee takes the unit's bare name
        // (one to three capitalised words, no person, no other body).
        if head.mode == Mode::Alone
            && matches!(head.kind, OrgKind::Party | OrgKind::Front)
            && place.is_none()
            && parent.is_none()
            && self.soft(body_end)
            && !self.gap(body_end).contains('\n')
        {
            if let Some(name_end) = self.bare_unit_name(body_end) {
                place = Some(squash(self.surface(body_end, name_end)));
                end = name_end;
            }
        }
        // "Hội Sinh viên Việt Nam" + "thành phố Hà Nội": a national body's chapter of one place.
        if place.is_some() && self.country_at(body_end) == Some(end) && self.soft(end) {
            // ... or its company in one province ("... Việt Nam Thái Nguyên").
            let chapter = self.type_word_at(end)
                || (self.known_place(end).is_some() && self.country_at(end).is_none());
            if let Some((chapter_end, _)) = self.place_at(end).filter(|_| chapter) {
                place = Some(squash(self.surface(body_end, chapter_end)));
                end = chapter_end;
            }
        }
        // "Đảng bộ xã", "Trung tâm Y tế huyện": a unit type without its name (in lower case:
        // "Đảng bộ Thành phố" is the capital's) is any unit of that type; only the bodies each unit has one of, of the one place the text is
        // about ("UBND tỉnh", "Hội Cựu chiến binh xã", "Liên minh Hợp tác xã tỉnh"), stand for one body.
        if let Some(place) = place.as_ref().filter(|p| p.starts_with(char::is_lowercase)) {
            // The place is the words `body_end..end` ([`Scanner::qualifiers`]).
            let words: Vec<Sym> = (body_end..end).map(|k| self.id(k)).collect();
            let lower_unit = self.is(OrgClass::LowerUnitType, &words);
            // "Đảng bộ tỉnh" is the province's organisation; "Đảng bộ thành phố" in lower case may
            // be any city's.
            let city = {
                // The key starts "th" only if the place does (in either case after the "t").
                let mut chars = place.chars();
                chars.next() == Some('t')
                    && matches!(chars.next(), Some('h' | 'H'))
                    && crate::ner::text::canonical_key(place) == "thành phố"
            };
            let bare_party =
                matches!(head.canonical.as_str(), "Đảng bộ" | "Đảng ủy") && (lower_unit || city);
            if bare_party || (lower_unit && !head.kind.one_per_unit()) {
                return None;
            }
        }
        if head.mode == Mode::Owner
            && place.is_none()
            && parent.is_none()
            && !self.listed_council(i, h)
        {
            return None;
        }
        if let Some(place) = &place {
            org.name.push(' ');
            push_canonical_place(place, &mut org.name);
        }
        if let Some(parent) = &parent {
            org.name.push(' ');
            org.name.push_str(parent);
        }
        Some(Org {
            last: end,
            place,
            parent,
            ..org
        })
    }

    /// The bare name of a unit at `k`: one to three capitalised words, then no capital; not a
    /// person, a body or an abbreviation. The word after it.
    fn bare_unit_name(&self, k: usize) -> Option<usize> {
        let word = self.words.get(k)?;
        if !word.capital || word.acronym || self.person_at(k) || self.starts_parent(k) {
            return None;
        }
        let mut end = k + 1;
        while end < k + 3
            && self.soft(end)
            && self.words.get(end).is_some_and(|w| w.capital && !w.acronym)
        {
            end += 1;
        }
        (!(self.soft(end) && self.capital(end))).then_some(end)
    }

    /// Bare "UBND"/"HĐND" in a list with another local body ("Thành ủy, HĐND, UBND").
    pub(super) fn listed_council(&self, i: usize, h: usize) -> bool {
        let council = |k: usize| {
            self.is_any_key(
                k,
                &[self.kw.ubnd, self.kw.hdnd, self.kw.uy, self.kw.hdnd_ascii],
            )
        };
        if !council(i) || !self.words[i].acronym {
            return false;
        }
        let joined = |gap: &str| matches!(gap_signature(gap).as_str(), "," | "-" | "");
        (i > 0 && joined(self.gap(i)) && council(i - 1))
            || (h < self.words.len() && joined(self.gap(h)) && council(h) && self.words[h].acronym)
    }

    /// "Cụm thi đua số II"; "Cụm thi đua Sở Nội vụ các tỉnh, thành miền Trung, Tây Nguyên".
    pub(super) fn cluster(&self, mut org: Org, h: usize, depth: usize) -> Option<Org> {
        org.rule = OrgRule::Cluster;
        if !self.soft(h) {
            return None;
        }
        if self.is_key(h, self.kw.so_number) && self.capital(h + 1) && self.soft(h + 1) {
            org.name = format!("{} {}", org.name, self.surface(h, h + 2));
            return Some(Org { last: h + 2, ..org });
        }
        let parent = self.org_at(h, depth + 1)?;
        let mut end = parent.last;
        org.parent = Some(parent.name);
        // Members: "các tỉnh, thành (phố)" and the regions they belong to.
        if self.is_key(end, self.kw.cac) && self.soft(end) && self.is_key(end + 1, self.kw.tinh) {
            let mut k = end + 2;
            if self.gap(k).trim() == "," && self.is_key(k, self.kw.thanh) {
                k += 1;
                if self.is_key(k, self.kw.pho) && self.soft(k) {
                    k += 1;
                }
            }
            end = k;
            while k < self.words.len() {
                if self.gap(k).contains('\n') {
                    break;
                }
                let gap = self.sig(k).to_string();
                let region = self.words[k].capital
                    || self.is_any_key(k, &[self.kw.mien, self.kw.khu, self.kw.vuc]);
                let listed = gap == "," && (self.words[k].capital || self.is_key(k, self.kw.mien));
                if !region || !(gap.is_empty() || listed) {
                    break;
                }
                k += 1;
                if self.words[k - 1].capital {
                    end = k;
                }
            }
        }
        org.name = squash_owned(spaced(&org.name, self.surface(h, end)));
        Some(Org { last: end, ..org })
    }

    /// Elided members of a list after "các sở:" ("Nội vụ, Xây dựng, Sở Y tế").
    /// Every member list starts after "các" (most words: none).
    #[inline]
    pub fn elided_list(&self, i: usize) -> Option<(usize, Vec<Org>)> {
        if i == 0 || !self.is_key(i - 1, self.kw.cac) || !self.soft(i) {
            return None;
        }
        self.elided_members(i)
    }

    fn elided_members(&self, i: usize) -> Option<(usize, Vec<Org>)> {
        let head = if self.is_key(i, self.kw.so_department) {
            "Sở"
        } else if self.is_key(i, self.kw.bo) {
            "Bộ"
        } else {
            return self.elided_places(i);
        };
        let opening = self.sig(i + 1);
        if !(opening == ":" || opening.is_empty()) {
            return None;
        }
        let mut members = Vec::new();
        let mut k = i + 1;
        loop {
            if let Some(org) = self
                .org_at(k, 1)
                .filter(|o| o.kind == OrgKind::Department || o.kind == OrgKind::Ministry)
            {
                k = org.last;
                members.push(org);
            } else if let Some(domain) = self
                .domain_at(k)
                .filter(|d| d.known.is_some() || !d.abbreviated)
            {
                let canonical = format!("{head} {}", domain.canonical);
                let successor = domain.known.and_then(|d| match head {
                    "Bộ" => d.ministry_successor.clone(),
                    _ => d.department_successor.clone(),
                });
                members.push(Org {
                    first: k,
                    last: domain.end,
                    rule: OrgRule::ElidedList,
                    name: canonical,
                    kind: if head == "Bộ" {
                        OrgKind::Ministry
                    } else {
                        OrgKind::Department
                    },
                    abbreviated: false,
                    parent: None,
                    place: None,
                    successor,
                });
                k = domain.end;
            } else {
                break;
            }
            let gap = self.sig(k);
            if gap == "," && k < self.words.len() {
                continue;
            }
            if gap.is_empty() && self.is_key(k, self.kw.va) {
                k += 1;
                continue;
            }
            break;
        }
        (members.len() >= 2).then_some((k, members))
    }

    /// Bodies of several places after a plural head in lower case: "các chi cục Cầu Giấy, Đống Đa
    /// và Hoàn Kiếm" is one organisation each ("Chi cục Cầu Giấy" ...). Members are bare place
    /// names (no type word: "các chi cục thuế các huyện" is generic), joined by commas and "và".
    fn elided_places(&self, i: usize) -> Option<(usize, Vec<Org>)> {
        let word = self.words.get(i)?;
        if word.capital
            || word.acronym
            || i == 0
            || !self.is_key(i - 1, self.kw.cac)
            || !self.soft(i)
        {
            return None;
        }
        let (h, head) = self.entry_at(&self.lex.heads, i, |end, head| {
            !head.abbreviated
                && matches!(head.mode, Mode::Name | Mode::LowerName | Mode::Owner)
                && (i..end).all(|k| !self.capital(k))
        })?;
        if !self.soft(h) {
            return None;
        }
        let mut members = Vec::new();
        let mut k = h;
        loop {
            if self.type_word_at(k) || self.head_at(k).is_some() || self.person_at(k) {
                break;
            }
            // A place the recognisers know, or the one to three capitalised words of a name.
            let end = match self.place_at(k) {
                Some((end, _)) => end,
                None => (k..self.words.len().min(k + 3))
                    .take_while(|&m| {
                        self.words[m].capital && !self.words[m].acronym && (m == k || self.soft(m))
                    })
                    .last()
                    .map(|m| m + 1)?,
            };
            if self.soft(end) && self.capital(end) {
                break;
            }
            let place = self.surface(k, end);
            members.push(Org {
                first: k,
                last: end,
                rule: OrgRule::ElidedList,
                name: format!("{} {}", head.canonical, squash(place)),
                kind: head.kind,
                abbreviated: false,
                parent: None,
                place: Some(squash(place)),
                successor: None,
            });
            k = end;
            match self.sig(k) {
                "," if k < self.words.len() => {}
                "" if self.is_key(k, self.kw.va) && self.soft(k + 1) => k += 1,
                _ => break,
            }
        }
        (members.len() >= 2).then_some((k, members))
    }

    /// The organ written before `org` ("Thường trực" HĐND tỉnh, "Cơ quan Cảnh sát điều tra"
    /// Công an tỉnh) joins it: the longest entry of [`OrgClass::SubBody`] that ends right before
    /// it across plain spaces, capitalised, and starts at or after word `floor`.
    pub(super) fn with_sub_body(&self, mut org: Org, floor: usize) -> Org {
        if !self.soft(org.first) {
            return org;
        }
        // The ids of the words before the body, nearest last.
        let reach = MAX_ENTRY_WORDS.min(org.first - floor.min(org.first));
        let ids = |first: usize, last: usize| {
            let mut buffer = [UNKNOWN; MAX_ENTRY_WORDS];
            for (slot, k) in buffer.iter_mut().zip(first..last) {
                *slot = self.id(k);
            }
            (buffer, last - first)
        };
        // Across plain spaces only: `n` words back need the `n` gaps up to the body soft.
        let reach = (0..reach).take_while(|&m| self.soft(org.first - m)).count();
        let (before, _) = ids(org.first - reach, org.first);
        let longest = (1..=reach).rev().find(|&n| {
            self.words[org.first - n].capital
                && self.is(OrgClass::SubBody, &before[reach - n..reach])
        });
        let titled = |first: usize| {
            (1..=2.min(first)).any(|m| {
                let (buffer, len) = ids(first - m, first);
                (first - m + 1..=first).all(|k| self.soft(k))
                    && self.is(OrgClass::TitleBefore, &buffer[..len])
            })
        };
        if let Some(n) = longest.filter(|&n| !titled(org.first - n)) {
            let first = org.first - n;
            org.name = spaced(&squash(self.surface(first, org.first)), &org.name);
            org.parent = Some(org.name.clone());
            org.first = first;
        }
        org
    }

    /// A branch after `org` joins it: "Agribank chi nhánh tỉnh Thái Bình", "NHNN Chi nhánh
    /// TP.HCM", "Bệnh viện ... cơ sở 2" ([`OrgClass::Branch`] and a place or a number).
    pub(super) fn with_branch(&self, mut org: Org) -> Org {
        let b = org.last;
        if !(self.soft(b)
            && self.soft(b + 1)
            && self.is(OrgClass::Branch, &[self.id(b), self.id(b + 1)]))
        {
            return org;
        }
        let after = b + 2;
        let end = if self.soft(after) && self.words.get(after).is_some_and(|w| w.number) {
            Some(after + 1)
        } else if self.soft(after) {
            self.place_at(after).map(|(end, _)| end)
        } else {
            None
        };
        if let Some(end) = end {
            append_squashed(&mut org.name, self.surface(b, end));
            org.last = end;
        }
        org
    }

    /// A foreign state's body and its country: "Chính phủ Pháp", "Quốc hội Lào", "Bộ Quốc phòng
    /// Nga" (a national body of the lexicon or a ministry, no place or parent of its own yet).
    pub(super) fn with_country(&self, mut org: Org) -> Org {
        let national = matches!(
            org.kind,
            OrgKind::Central | OrgKind::Ministry | OrgKind::Party | OrgKind::Security
        );
        if !national || org.place.is_some() || org.parent.is_some() || !self.soft(org.last) {
            return org;
        }
        // "Bộ Lao động và Đào tạo" + "nghề" + "Campuchia": a foreign ministry's domain (none of
        // ours) may end in lower-case words before its country.
        let foreign_domain = org.rule == OrgRule::HeadDomain
            && self
                .domain_at(org.first + 1)
                .is_some_and(|d| d.known.is_none());
        let country_after_words = foreign_domain
            .then(|| {
                (org.last + 1..=org.last + 2).find(|&k| {
                    (org.last..=k).all(|m| self.soft(m))
                        && (org.last..k).all(|m| !self.capital(m) && !self.stops_name(m))
                        && !self.is_key(k, self.kw.viet)
                        && self.country_at(k).is_some()
                })
            })
            .flatten();
        if let Some((at, end)) = country_after_words.and_then(|k| Some((k, self.country_at(k)?))) {
            let country = squash(self.surface(at, end));
            org.name = format!("{} {}", squash(self.surface(org.first, at)), country);
            org.place = Some(country);
            org.last = end;
            return org;
        }
        if let Some(end) = self.country_at(org.last) {
            let country = squash(self.surface(org.last, end));
            org.name.push(' ');
            org.name.push_str(&country);
            org.place = Some(country);
            org.last = end;
        }
        org
    }

    /// A foreign mission and the country it sits in: "Đại sứ quán Việt Nam" + "tại Lào"; a high
    /// court and the city it sits in: "TAND cấp cao" + "tại Hà Nội".
    pub(super) fn with_seat(&self, mut org: Org) -> Org {
        let k = org.last;
        let mission = org.kind == OrgKind::International && org.place.is_some();
        let court = org.kind == OrgKind::Court && org.place.is_none() && org.parent.is_none();
        if !(mission || court)
            || !(self.soft(k) && self.soft(k + 1))
            || !self.is(OrgClass::SeatWord, &[self.id(k)])
        {
            return org;
        }
        let seat = if mission {
            self.country_at(k + 1)
        } else {
            self.place_at(k + 1).map(|(end, _)| end)
        };
        if let Some(end) = seat {
            append_squashed(&mut org.name, self.surface(k, end));
            org.last = end;
        }
        org
    }

    /// A country name of the lexicon at word `k`, capitalised: the word after it.
    pub(super) fn country_at(&self, k: usize) -> Option<usize> {
        if !self.words.get(k).is_some_and(|w| w.capital) {
            return None;
        }
        let table = &self.lex.countries;
        let mut node = table.step(ROOT, self.words[k].id)?;
        let mut best = table.value(node).map(|_| k + 1);
        let mut end = k + 1;
        // Transliterations are hyphenated: "Cu-ba", "Ác-hen-ti-na".
        while end < self.words.len() && (self.soft(end) || self.gap(end) == "-") {
            let Some(next) = table.step(node, self.words[end].id) else {
                break;
            };
            node = next;
            end += 1;
            if table.value(node).is_some() {
                best = Some(end);
            }
        }
        best
    }

    /// A dynasty after its head at word `i`: "nhà Thanh", "triều Lê" (the head in the span) or
    /// "quân Tây Sơn", "nghĩa quân Tây Sơn" (the dynasty alone). The dynasty is capitalised and
    /// no capitalised word follows it ("nhà Lê Văn Hưu" is a person's house).
    #[inline]
    pub(super) fn dynasty_at(&self, i: usize) -> Option<Org> {
        if !self.is(OrgClass::DynastyStart, &[self.id(i)]) {
            return None;
        }
        self.dynasty_after_start(i)
    }

    fn dynasty_after_start(&self, i: usize) -> Option<Org> {
        // A capitalised dynasty one or two words on.
        let capital_at = |k: usize| self.words.get(k).is_some_and(|w| w.capital && !w.acronym);
        if !(capital_at(i + 1) || capital_at(i + 2)) {
            return None;
        }
        let pair = [self.id(i), self.id(i + 1)];
        // A one-word head before a capital, a two-word head two words before one.
        let head_of = |class: OrgClass| {
            (1..=2).rev().find(|&n| {
                capital_at(i + n) && (n == 1 || self.soft(i + 1)) && self.is(class, &pair[..n])
            })
        };
        let (n, in_span) = match head_of(OrgClass::DynastyHead) {
            Some(n) => (n, true),
            None => (head_of(OrgClass::DynastyArmy)?, false),
        };
        let d = i + n;
        if !self.soft(d) {
            return None;
        }
        let names = [self.id(d), self.id(d + 1)];
        let end = (1..=2).rev().map(|m| d + m).find(|&end| {
            end <= self.words.len()
                && (d..end).all(&capital_at)
                && (d + 1..end).all(|k| self.soft(k))
                && self.is(OrgClass::Dynasty, &names[..end - d])
        })?;
        if self.soft(end) && self.capital(end) {
            return None;
        }
        let first = if in_span { i } else { d };
        Some(Org {
            first,
            last: end,
            rule: OrgRule::Dynasty,
            name: squash(self.surface(first, end)),
            kind: OrgKind::State,
            abbreviated: false,
            parent: None,
            place: None,
            successor: None,
        })
    }

    /// A word before `i` makes a reference at `i` generic ("các Sở", "những Hội").
    #[inline]
    pub fn generic_before(&self, i: usize) -> bool {
        i > 0 && self.is(OrgClass::GenericBefore, &[self.id(i - 1)]) && self.soft(i)
    }
}

/// Appends a place qualifier for a canonical name to `out`: abbreviated type words written out
/// ("TP Hà Nội" -> "thành phố Hà Nội", "TP.HCM" -> "Thành phố Hồ Chí Minh").
fn push_canonical_place(place: &str, out: &mut String) {
    let squashed;
    let place = if is_squashed(place) {
        place
    } else {
        squashed = squash(place);
        &squashed
    };
    // Its letters, dots and spaces left out, in upper case; both targets start "TP" (no other
    // letters upper-case to them).
    let mut letters = place.chars().filter(|c| !matches!(c, '.' | ' '));
    let tp = matches!(letters.next(), Some('t' | 'T')) && matches!(letters.next(), Some('p' | 'P'));
    let folds_to = |target: &str| {
        let mut target = target.chars();
        place
            .chars()
            .filter(|c| !matches!(c, '.' | ' '))
            .flat_map(char::to_uppercase)
            .all(|c| target.next() == Some(c))
            && target.next().is_none()
    };
    if tp && (folds_to("TPHCM") || folds_to("TPHỒCHÍMINH")) {
        out.push_str("Thành phố Hồ Chí Minh");
        return;
    }
    for (short, long) in [
        ("TP.", "thành phố"),
        ("TP", "thành phố"),
        ("Tp.", "thành phố"),
        ("Tp", "thành phố"),
        ("TX.", "thị xã"),
        ("TX", "thị xã"),
    ] {
        if let Some(rest) = place.strip_prefix(short) {
            if rest.starts_with(' ') || (short.ends_with('.') && !rest.is_empty()) {
                out.push_str(long);
                out.push(' ');
                out.push_str(rest.trim_start());
                return;
            }
            if rest.is_empty() {
                out.push_str(long);
                return;
            }
        }
    }
    out.push_str(place);
}

/// The bytes a name usually grows by after its head or lexicon name (a place, a parent).
const NAME_GROWTH: usize = 40;

/// A name that starts as `start`, with room to grow (no reallocation per qualifier).
fn name_buffer(start: &str) -> String {
    let mut name = String::with_capacity(start.len() + NAME_GROWTH);
    name.push_str(start);
    name
}

/// `first` and `second` joined by a space.
fn spaced(first: &str, second: &str) -> String {
    let mut joined = String::with_capacity(first.len() + 1 + second.len());
    joined.push_str(first);
    joined.push(' ');
    joined.push_str(second);
    joined
}

/// Appends a space and [`squash`] of `more` to `name`.
fn append_squashed(name: &mut String, more: &str) {
    name.push(' ');
    if is_squashed(more) {
        name.push_str(more);
    } else {
        name.push_str(&squash(more));
    }
}

/// [`squash`] of an owned string, which is kept when it is squashed already (most names).
pub fn squash_owned(s: String) -> String {
    if is_squashed(&s) {
        s
    } else {
        squash(&s)
    }
}

/// Folds every run of white space (line breaks included) into one space.
pub fn squash(s: &str) -> String {
    if is_squashed(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether `s` holds no white space but single spaces between words (what [`squash`] makes), read
/// without branching per byte: white space outside ASCII starts with one of a few lead bytes
/// (U+0085, U+00A0: 0xC2; U+1680: 0xE1 0x9A; U+2000-U+205F: 0xE2; U+3000: 0xE3), and any of
/// them, or any ASCII control, sends `s` the long way (Vietnamese letters lead with 0xC3-0xC6,
/// 0xCC and 0xE1 0xBA/0xBB).
fn is_squashed(s: &str) -> bool {
    let bytes = s.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return true;
    };
    if first == b' ' || last == b' ' {
        return false;
    }
    let odd_byte = bytes.iter().fold(false, |odd, &b| {
        odd | (b < b' ') | (b == 0xC2) | (b == 0xE2) | (b == 0xE3)
    });
    let odd_pair = bytes.iter().zip(&bytes[1..]).fold(false, |odd, (&a, &b)| {
        odd | ((a == b' ') & (b == b' ')) | ((a == 0xE1) & (b == 0x9A))
    });
    !(odd_byte || odd_pair)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squashed_names_are_recognised_without_folding_them() {
        for s in [
            "",
            "Sở Nội vụ",
            "Ủy ban nhân dân tỉnh Khánh Hòa",
            "Bộ Nội  vụ",
            " Sở",
            "Sở ",
            "Sở\nNội vụ",
            "Sở\u{a0}Nội vụ",
            "Kế hoạch – Tài chính",
            "Sở\u{1680}Y tế",
            "Sở\u{3000}Y tế",
            "Sở\u{2003}Y tế",
        ] {
            let reference: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(squash(s), reference, "{s:?}");
            assert_eq!(squash_owned(s.to_string()), reference, "{s:?}");
            if is_squashed(s) {
                assert_eq!(s, reference, "{s:?}");
            }
        }
        assert!(is_squashed("Ủy ban nhân dân tỉnh Khánh Hòa"));
        assert!(!is_squashed("Bộ Nội  vụ"));
    }
}
