//! Provinces as the directory uses them: the province a body belongs to, the province an article
//! is about, and whether two provinces of different eras can be the same place.
//!
//! A [`Province`] is a unit of one era (`2024`, `2025-06` before the 1 July 2025 reform, `2025`
//! after it) with, for pre-reform units, the post-reform province it is part of now. Two officials
//! with one name in provinces that cannot be the same place are two people, so
//! [`Province::compatible`] is the rule the linker keeps namesakes apart by.
//!
//! Names are turned into provinces by the place recogniser (`ner`), once per distinct name and era
//! ([`ProvinceResolver`] caches them); an article's province is the one its places and
//! organisations mention most, and its site's host name spells ([`article_province`]).

use std::collections::HashMap;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::{Entities, Field, Place, UnitRef, Ymd};
use crate::ner::text::fold_ascii;
use crate::pipeline::default_recognizer;

/// The era name of units after the 1 July 2025 reform, as in `UnitRef::era`.
pub const POST_REFORM_ERA: &str = "2025";

/// The first day of the post-reform units.
pub const REFORM_DAY: Ymd = Ymd {
    year: 2025,
    month: 7,
    day: 1,
};

/// The type words of province-level units, as they start a unit's canonical name.
const PROVINCE_TYPES: [&str; 2] = ["tỉnh", "thành phố"];

/// A province of one era.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Province {
    pub code: String,
    pub era: String,
    /// Canonical name with its type word ("Tỉnh Quảng Trị", "Thành phố Đà Nẵng").
    pub name: String,
    /// For pre-reform provinces: the province they are part of since the reform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<CurrentProvince>,
}

/// The post-reform province a pre-reform province belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CurrentProvince {
    pub code: String,
    pub name: String,
}

impl Province {
    /// A province from a unit reference and the post-reform units it maps to.
    pub fn from_unit(unit: &UnitRef, current: &[UnitRef]) -> Province {
        let current = current
            .iter()
            .find(|u| u.kind == "province")
            .map(|u| CurrentProvince {
                code: u.code.clone(),
                name: u.name.clone(),
            });
        Province {
            code: unit.code.clone(),
            era: unit.era.clone(),
            name: unit.name.clone(),
            current,
        }
    }

    /// The province a recognised place is or lies in.
    pub fn of_place(place: &Place) -> Option<Province> {
        if place.kind == "province" {
            let unit = UnitRef {
                code: place.code.clone()?,
                name: place.name.clone(),
                era: place.era.clone()?,
                kind: place.kind.clone(),
            };
            return Some(Province::from_unit(&unit, &place.current));
        }
        place
            .province
            .as_ref()
            .map(|unit| Province::from_unit(unit, &place.current))
    }

    pub fn is_post_reform(&self) -> bool {
        self.era == POST_REFORM_ERA
    }

    /// The type word in lower case ("tỉnh", "thành phố").
    pub fn type_word(&self) -> &'static str {
        self.split_type().0
    }

    /// The name without its type word ("Quảng Trị").
    pub fn short_name(&self) -> &str {
        self.split_type().1
    }

    /// (type word, rest of the name); "tỉnh" and the whole name when no type word leads.
    fn split_type(&self) -> (&'static str, &str) {
        for word in PROVINCE_TYPES {
            let mut chars = self.name.char_indices();
            let mut matched = true;
            for expected in word.chars() {
                match chars.next() {
                    Some((_, c)) if c.to_lowercase().eq(std::iter::once(expected)) => {}
                    _ => {
                        matched = false;
                        break;
                    }
                }
            }
            if matched {
                if let Some((at, ' ')) = chars.next() {
                    return (word, self.name[at..].trim_start());
                }
            }
        }
        ("tỉnh", &self.name)
    }

    /// True when the two can be the same place: the same unit of the same side of the reform, or
    /// a pre-reform province and the post-reform province it became part of.
    pub fn compatible(&self, other: &Province) -> bool {
        match (self.is_post_reform(), other.is_post_reform()) {
            (false, false) | (true, true) => self.code == other.code,
            (false, true) => self.current.as_ref().is_some_and(|c| c.code == other.code),
            (true, false) => other.current.as_ref().is_some_and(|c| c.code == self.code),
        }
    }

    /// For a pre-reform province merged into one of another name: that province.
    pub fn successor(&self) -> Option<Province> {
        let current = self.current.as_ref()?;
        if self.is_post_reform() || current.name == self.name {
            return None;
        }
        Some(Province {
            code: current.code.clone(),
            era: POST_REFORM_ERA.to_string(),
            name: current.name.clone(),
            current: None,
        })
    }
}

/// A province shared by every body and article that refers to it: one allocation per province
/// however many digests name it ([`ProvinceResolver::intern`]). Serialised as the province itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SharedProvince(Arc<Province>);

impl Deref for SharedProvince {
    type Target = Province;
    fn deref(&self) -> &Province {
        &self.0
    }
}

impl Serialize for SharedProvince {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for SharedProvince {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Province::deserialize(deserializer).map(|p| SharedProvince(Arc::new(p)))
    }
}

/// What a place name resolved to: the province, and whether the name is the province itself (not
/// a district or commune in it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub province: SharedProvince,
    pub is_province: bool,
}

/// Turns place names ("tỉnh Thái Bình", "Khánh Hòa", "huyện Nam Đàn") into provinces with the
/// place recogniser, once per name as written and side of the reform; hands out one shared copy
/// of each province.
#[derive(Debug, Default)]
pub struct ProvinceResolver {
    cache: HashMap<(String, bool), Option<Resolved>>,
    interned: HashMap<Province, SharedProvince>,
}

impl ProvinceResolver {
    pub fn new() -> Self {
        Self::default()
    }

    /// The shared copy of `province`.
    pub fn intern(&mut self, province: &Province) -> SharedProvince {
        if let Some(shared) = self.interned.get(province) {
            return shared.clone();
        }
        let shared = SharedProvince(Arc::new(province.clone()));
        self.interned.insert(province.clone(), shared.clone());
        shared
    }

    /// The province `name` stands for at `published` (the era decides between same-named units).
    pub fn resolve(&mut self, name: &str, published: Option<Ymd>) -> Option<Resolved> {
        let after_reform = published.is_some_and(|d| d >= REFORM_DAY);
        if let Some(hit) = self.cache.get(&(name.to_string(), after_reform)) {
            return hit.clone();
        }
        let found = default_recognizer()
            .recognize_text(name, published)
            .places
            .into_iter()
            .find_map(|place| {
                let province = Province::of_place(&place)?;
                Some(Resolved {
                    is_province: place.kind == "province",
                    province: self.intern(&province),
                })
            });
        self.cache
            .insert((name.to_string(), after_reform), found.clone());
        found
    }
}

/// How much a mention in the title or lead counts for the article's province, against 1 for the
/// body: the title says what the article is about.
const HEADLINE_WEIGHT: usize = 3;

/// How much it counts that the site's host name spells a province the article mentions
/// ("snv.quangtri.gov.vn" for Quảng Trị): the publisher is usually that province's body.
const HOST_WEIGHT: usize = 5;

/// The province an article is about: the one its places (provinces, and the provinces of its
/// districts and communes) and its organisations (`bodies`: each with the province its own name
/// gives, and its mentions) mention most, headline mentions counting more, and a province the
/// site's host name spells counting more still. Ties go to the province mentioned first.
pub fn article_province<'a>(
    entities: &Entities,
    bodies: impl IntoIterator<Item = (&'a SharedProvince, &'a [crate::model::Span])>,
    site: Option<&str>,
) -> Option<Province> {
    // (province, weight, first position) in order of first sight.
    let mut tally: Vec<(Province, usize, (Field, usize))> = Vec::new();
    let mut add = |province: &Province, weight: usize, at: (Field, usize)| match tally
        .iter_mut()
        .find(|(p, _, _)| p.code == province.code && p.era == province.era)
    {
        Some(entry) => {
            entry.1 += weight;
            entry.2 = entry.2.min(at);
        }
        None => tally.push((province.clone(), weight, at)),
    };
    let weight_of = |field: Field| match field {
        Field::Title | Field::Lead => HEADLINE_WEIGHT,
        Field::Text | Field::Caption => 1,
    };
    for place in &entities.places {
        if let Some(province) = Province::of_place(place) {
            for mention in &place.mentions {
                add(
                    &province,
                    weight_of(mention.field),
                    (mention.field, mention.start),
                );
            }
        }
    }
    for (province, mentions) in bodies {
        for mention in mentions {
            add(
                province,
                weight_of(mention.field),
                (mention.field, mention.start),
            );
        }
    }
    if let Some(site) = site {
        let labels: Vec<String> = site.split('.').map(fold_ascii).collect();
        for entry in &mut tally {
            let spelled: String = fold_ascii(entry.0.short_name())
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            if labels.contains(&spelled) {
                entry.1 += HOST_WEIGHT;
            }
        }
    }
    tally
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(province, _, _)| province)
}

/// A province for unit tests: code, era, name and the post-reform (code, name).
#[cfg(test)]
pub(crate) fn province(
    code: &str,
    era: &str,
    name: &str,
    current: Option<(&str, &str)>,
) -> Province {
    Province {
        code: code.into(),
        era: era.into(),
        name: name.into(),
        current: current.map(|(code, name)| CurrentProvince {
            code: code.into(),
            name: name.into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provinces_of_both_eras_meet_through_the_reform() {
        let thai_binh = province(
            "34",
            "2024",
            "Tỉnh Thái Bình",
            Some(("33", "Tỉnh Hưng Yên")),
        );
        let hung_yen_old = province("33", "2024", "Tỉnh Hưng Yên", Some(("33", "Tỉnh Hưng Yên")));
        let hung_yen = province("33", "2025", "Tỉnh Hưng Yên", None);
        assert!(thai_binh.compatible(&hung_yen));
        assert!(hung_yen.compatible(&thai_binh));
        assert!(hung_yen_old.compatible(&hung_yen));
        // Two pre-reform provinces merged into one are still two places before the reform.
        assert!(!thai_binh.compatible(&hung_yen_old));
        assert_eq!(thai_binh.successor(), Some(hung_yen.clone()));
        let mut resolver = ProvinceResolver::new();
        let (a, b) = (
            resolver.intern(&thai_binh),
            resolver.intern(&thai_binh.clone()),
        );
        assert!(Arc::ptr_eq(&a.0, &b.0), "one shared copy per province");
        assert_eq!(hung_yen_old.successor(), None);
        assert_eq!(hung_yen.successor(), None);
    }

    #[test]
    fn type_word_and_short_name() {
        let da_nang = province("48", "2025", "Thành phố Đà Nẵng", None);
        assert_eq!(da_nang.type_word(), "thành phố");
        assert_eq!(da_nang.short_name(), "Đà Nẵng");
        let nghe_an = province("40", "2024", "Tỉnh Nghệ An", None);
        assert_eq!(nghe_an.type_word(), "tỉnh");
        assert_eq!(nghe_an.short_name(), "Nghệ An");
    }
}
