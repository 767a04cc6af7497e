//! Administrative units of both eras, parsed once from the derived TSVs in `data/lexicon/place/`.
//!
//! `scripts/derive_gazetteer.py` writes the TSVs from `../shared/gazetteer`; this module embeds them,
//! turns every row into a [`Unit`] (borrowing its strings from the embedded text, so building costs
//! no copies) and indexes the units by the [`canonical_key`](crate::ner::text::canonical_key) of their short name. A unit belongs to
//! one or more eras:
//!
//! - `2024`: the GSO list of 2024-02-01, and every older unit of the 2008-2025 history (a renamed or
//!   abolished unit keeps its old code and name, with the months it was seen);
//! - `2025-06`: the last GSO list before the reform of 1 July 2025 (Huế became a centrally-run city
//!   on 2025-01-01, some districts and many communes merged in late 2024);
//! - `2025`: the 34 provinces and 3,321 communes after the reform (no districts).
//!
//! Codes are only unique within an era (new province 15 is Lào Cai, old 15 was Yên Bái), so a unit
//! is named by (era, code), never by its code alone. `current` maps a `2025-06` unit to the
//! post-reform unit(s) it belongs to now.

use crate::model::UnitRef;
use crate::ner::lexicons::{LexiconError, Row, Sources};
use crate::ner::phrase::{PhraseTable, StrMap, Sym, Vocab};
use crate::ner::text::canonical_key;

/// Era flags of a unit (bit set).
pub const IN_2024: u8 = 1;
pub const IN_2025_06: u8 = 2;
pub const IN_HISTORY: u8 = 4;
pub const IN_2025: u8 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Province,
    District,
    Commune,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
        }
    }
}

/// The era a reference is given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Era {
    /// State of 2024-02-01 and older history.
    Y2024,
    /// Last state before the reform.
    Y2025June,
    /// After 1 July 2025.
    Y2025,
}

impl Era {
    pub fn as_str(self) -> &'static str {
        match self {
            Era::Y2024 => "2024",
            Era::Y2025June => "2025-06",
            Era::Y2025 => "2025",
        }
    }
}

/// One administrative unit as one list (or the history) names it.
#[derive(Debug, Clone)]
pub struct Unit {
    pub level: Level,
    pub code: &'static str,
    /// Type word, lower case: `tỉnh`, `thành phố`, `quận`, `huyện`, `thị xã`, `xã`, `phường`,
    /// `thị trấn`, `đặc khu`.
    pub type_word: &'static str,
    pub short: &'static str,
    /// Parent district code (communes before the reform), else "".
    pub district: &'static str,
    pub province: &'static str,
    pub eras: u8,
    /// First and last month seen in the history (`year * 12 + month - 1`), 0 when unknown.
    pub first: u32,
    pub last: u32,
}

impl Unit {
    pub fn is_post_reform(&self) -> bool {
        self.eras & IN_2025 != 0
    }

    /// "Tỉnh Quảng Nam", "Thành phố Tam Kỳ", "Quận 1".
    pub fn full_name(&self) -> String {
        let mut name = String::with_capacity(self.type_word.len() + 1 + self.short.len() + 2);
        push_capitalised(&mut name, self.type_word);
        name.push(' ');
        name.push_str(self.short);
        name
    }
}

/// Upper-cases the first letter ("thành phố" -> "Thành phố").
pub fn capitalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_capitalised(&mut out, s);
    out
}

/// Appends `s` with its first letter upper-cased.
fn push_capitalised(out: &mut String, s: &str) {
    let mut chars = s.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

/// Old unit -> new units.
#[derive(Debug, Clone, Default)]
struct Successor {
    province: &'static str,
    /// Space-separated codes, split when asked (most are never asked for).
    communes: &'static str,
}

/// Values keyed by (level, code).
#[derive(Debug)]
struct ByCode<V>([StrMap<&'static str, V>; 3]);

impl<V> Default for ByCode<V> {
    fn default() -> Self {
        ByCode([StrMap::default(), StrMap::default(), StrMap::default()])
    }
}

impl<V> ByCode<V> {
    fn get(&self, level: Level, code: &str) -> Option<&V> {
        self.0[level as usize].get(code)
    }
}

/// All units, indexed by name key and by (era group, level, code).
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub units: Vec<Unit>,
    /// The key words of a short name (or alias) -> unit ids.
    pub names: PhraseTable<Vec<u32>>,
    /// Pre-reform units by (level, code), the row of the most recent list first.
    pre_by_code: ByCode<Vec<u32>>,
    /// Post-reform units by (level, code).
    post_by_code: ByCode<u32>,
    successors: ByCode<Successor>,
    /// The longest name in words, to bound lookups.
    pub max_words: usize,
}

/// The words of the names indexed so far, while the gazetteer loads.
type KnownNames<'n> = StrMap<&'n str, Vec<Sym>>;

fn month_index(s: &str) -> u32 {
    let year: u32 = s.get(0..4).and_then(|y| y.parse().ok()).unwrap_or(0);
    let month: u32 = s.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    if year == 0 {
        0
    } else {
        year * 12 + month.saturating_sub(1)
    }
}

fn level_of(row: &Row<'_>, i: usize) -> Result<Level, LexiconError> {
    match row.get(i, "level")? {
        "p" => Ok(Level::Province),
        "d" => Ok(Level::District),
        "c" => Ok(Level::Commune),
        other => Err(row.error(format!("level {other:?}: not p, d or c"))),
    }
}

impl Gazetteer {
    /// The units of the embedded lists, and the aliases of every source.
    pub fn load(sources: &Sources, vocab: &mut Vocab) -> Result<Gazetteer, LexiconError> {
        let mut g = Gazetteer {
            units: Vec::with_capacity(17_000),
            ..Gazetteer::default()
        };
        let mut known = KnownNames::default();
        for f in Sources::builtin_rows("place/units_pre2025.tsv") {
            let level = level_of(&f, 0)?;
            let code = f.get(1, "code")?;
            let typ = f.get(2, "type")?;
            let short = f.get(3, "short name")?;
            let flags = f.optional(6);
            let mut eras = 0;
            for c in flags.chars() {
                eras |= match c {
                    'a' => IN_2024,
                    'b' => IN_2025_06,
                    'h' => IN_HISTORY,
                    _ => 0,
                };
            }
            let id = g.push(
                vocab,
                &mut known,
                Unit {
                    level,
                    code,
                    type_word: typ,
                    short,
                    district: f.optional(4),
                    province: f.optional(5),
                    eras,
                    first: f.fields.get(7).map_or(0, |s| month_index(s)),
                    last: f.fields.get(8).map_or(0, |s| month_index(s)),
                },
            );
            g.pre_by_code.0[level as usize]
                .entry(code)
                .or_default()
                .push(id);
        }
        for f in Sources::builtin_rows("place/units_2025.tsv") {
            let level = level_of(&f, 0)?;
            let code = f.get(1, "code")?;
            let typ = f.get(2, "type")?;
            let short = f.get(3, "short name")?;
            let id = g.push(
                vocab,
                &mut known,
                Unit {
                    level,
                    code,
                    type_word: typ,
                    short,
                    district: "",
                    province: f.optional(4),
                    eras: IN_2025,
                    first: 0,
                    last: 0,
                },
            );
            g.post_by_code.0[level as usize].insert(code, id);
            for alt in f.optional(5).split('|') {
                if !alt.is_empty() {
                    g.index_name(vocab, &mut known, alt, id);
                }
            }
        }
        for f in Sources::builtin_rows("place/current.tsv") {
            let level = level_of(&f, 0)?;
            let code = f.get(1, "old code")?;
            let province = f.get(2, "new province")?;
            let communes = f.optional(3);
            g.successors.0[level as usize].insert(code, Successor { province, communes });
        }
        for f in sources.rows("place/aliases.tsv") {
            let form = f.get(0, "surface form")?;
            let level = level_of(&f, 1)?;
            let eras = f.get(2, "eras")?;
            let code = f.get(3, "code")?;
            let mut ids: Vec<u32> = Vec::new();
            if eras.contains("pre") {
                ids.extend(g.pre_by_code.get(level, code).into_iter().flatten());
            }
            if eras.contains("2025") {
                ids.extend(g.post_by_code.get(level, code));
            }
            // "TP.HCM", "Tp. Hồ Chí Minh": the type abbreviation is matched as a type word, so the
            // name after it is indexed too ("HCM").
            let after_tp = ["TP.", "Tp.", "TP ", "Tp "]
                .iter()
                .find_map(|p| form.strip_prefix(p))
                .map(str::trim);
            for id in ids {
                g.index_name(vocab, &mut known, form, id);
                if let Some(rest) = after_tp.filter(|r| !r.is_empty()) {
                    g.index_name(vocab, &mut known, rest, id);
                }
            }
        }
        // Most recent row first, so a code's default row is its 2025-06 (or 2024) name.
        let units = &g.units;
        for ids in g.pre_by_code.0.iter_mut().flat_map(|m| m.values_mut()) {
            ids.sort_by_key(|&id| {
                let u = &units[id as usize];
                (
                    u.eras & IN_2025_06 == 0,
                    u.eras & IN_2024 == 0,
                    u32::MAX - u.last,
                )
            });
        }
        Ok(g)
    }

    fn push<'n>(&mut self, vocab: &mut Vocab, known: &mut KnownNames<'n>, unit: Unit) -> u32 {
        let id = self.units.len() as u32;
        let short = unit.short;
        self.units.push(unit);
        self.index_name(vocab, known, short, id);
        id
    }

    /// Indexes unit `id` under `name`. Half of the names are written again (communes of one
    /// name, the same units in both lists): their words are taken from `known`.
    fn index_name<'n>(
        &mut self,
        vocab: &mut Vocab,
        known: &mut KnownNames<'n>,
        name: &'n str,
        id: u32,
    ) {
        let words = known
            .entry(name)
            .or_insert_with(|| vocab.intern_words(&canonical_key(name)));
        self.max_words = self.max_words.max(words.len());
        let ids = self.names.slot(vocab, words).get_or_insert_with(Vec::new);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }

    pub fn unit(&self, id: u32) -> &Unit {
        &self.units[id as usize]
    }

    /// The reference to unit `id` in `era` (one of the eras the unit belongs to).
    pub fn unit_ref(&self, id: u32, era: Era) -> UnitRef {
        let u = self.unit(id);
        UnitRef {
            code: u.code.to_string(),
            name: u.full_name(),
            era: era.as_str().to_string(),
            kind: u.level.as_str().to_string(),
        }
    }

    /// The province a unit lies in, in the same era (None for provinces).
    pub fn province_ref(&self, id: u32, era: Era) -> Option<UnitRef> {
        let u = self.unit(id);
        if u.level == Level::Province {
            return None;
        }
        let pid = if era == Era::Y2025 {
            *self.post_by_code.get(Level::Province, u.province)?
        } else {
            self.pre_province(u.province, era)?
        };
        Some(self.unit_ref(pid, era))
    }

    /// The pre-reform province row of `code` that best fits `era`.
    fn pre_province(&self, code: &str, era: Era) -> Option<u32> {
        let ids = self.pre_by_code.get(Level::Province, code)?;
        let want = if era == Era::Y2024 {
            IN_2024
        } else {
            IN_2025_06
        };
        ids.iter()
            .copied()
            .find(|&id| self.unit(id).eras & want != 0)
            .or_else(|| ids.first().copied())
    }

    /// The pre-reform district row of `code`.
    pub fn pre_district(&self, code: &str) -> Option<u32> {
        self.pre_by_code
            .get(Level::District, code)?
            .first()
            .copied()
    }

    /// Post-reform unit(s) a pre-reform unit belongs to now: the new province for provinces and
    /// districts, the new commune(s) for communes (the new province when the commune's own
    /// mapping is unknown, e.g. units abolished before 2025-06).
    pub fn current(&self, id: u32) -> Vec<UnitRef> {
        let u = self.unit(id);
        if u.is_post_reform() {
            return Vec::new();
        }
        let post = |level: Level, code: &str| {
            self.post_by_code
                .get(level, code)
                .map(|&nid| self.unit_ref(nid, Era::Y2025))
        };
        let own = if u.eras & IN_2025_06 != 0 || u.level == Level::Province {
            self.successors.get(u.level, u.code)
        } else {
            None
        };
        if let Some(succ) = own {
            if u.level == Level::Commune && !succ.communes.is_empty() {
                return succ
                    .communes
                    .split(' ')
                    .filter_map(|c| post(Level::Commune, c))
                    .collect();
            }
            return post(Level::Province, succ.province).into_iter().collect();
        }
        // Fall back on the province's successor.
        self.successors
            .get(Level::Province, u.province)
            .and_then(|s| post(Level::Province, s.province))
            .into_iter()
            .collect()
    }

    /// The post-reform province codes a unit's province stands for now (for context matching
    /// across eras).
    pub fn province_now(&self, id: u32) -> Option<&'static str> {
        let u = self.unit(id);
        if u.is_post_reform() {
            return Some(u.province);
        }
        self.successors
            .get(Level::Province, u.province)
            .map(|s| s.province)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> (Gazetteer, Vocab) {
        let mut vocab = Vocab::default();
        let g = Gazetteer::load(&Sources::builtin(), &mut vocab).expect("built-in gazetteer");
        (g, vocab)
    }

    #[test]
    fn codes_are_keyed_by_era() {
        let (g, vocab) = builtin();
        let ids = g
            .names
            .get(vocab.words(&canonical_key("Yên Bái")))
            .expect("Yên Bái");
        let yen_bai = ids
            .iter()
            .map(|&id| g.unit(id))
            .find(|u| u.level == Level::Province)
            .expect("Yên Bái");
        assert_eq!(yen_bai.code, "15");
        assert!(!yen_bai.is_post_reform());
        let now = g.current(ids[0]);
        assert_eq!(now[0].name, "Tỉnh Lào Cai");
        assert_eq!(now[0].code, "15");
        assert_eq!(now[0].era, "2025");
    }

    #[test]
    fn commune_successors_are_many_to_many() {
        let (g, _) = builtin();
        let id = g.pre_by_code.get(Level::Commune, "00016").expect("00016")[0];
        assert_eq!(g.unit(id).short, "Ngọc Hà");
        assert_eq!(g.current(id).len(), 2);
    }
}
