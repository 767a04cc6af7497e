//! Resolved spans of every field -> the [`Entities`] of one record.
//!
//! Offsets become code points of their field. Dates stay one item per mention; the mentions of one
//! place (same unit, or same name when no unit), one organisation (same canonical name) and one
//! person (same name) are merged into one item, in order of first appearance.

use std::collections::HashMap;

use super::piece::Piece;
use super::resolve::Resolved;
use super::text::{canonical_key, CharOffsets};
use super::FieldText;
use crate::model::{
    DateMention, Entities, Organization, Person, PersonMention, Place, Span, Title,
};

#[derive(Default)]
pub struct Merger {
    entities: Entities,
    place_index: HashMap<String, usize>,
    org_index: HashMap<String, usize>,
    person_index: HashMap<String, usize>,
}

impl Merger {
    /// Adds the spans found in one piece of a field (byte offsets into the piece).
    pub fn add(&mut self, field: &FieldText<'_>, piece: &Piece<'_>, resolved: Resolved) {
        let offsets = CharOffsets::new(piece.text);
        let span = |start: usize, end: usize, rule: &str| Span {
            field: field.field,
            caption: field.caption,
            start: piece.char_start + offsets.to_char(start),
            end: piece.char_start + offsets.to_char(end),
            text: piece.text.get(start..end).unwrap_or_default().to_string(),
            rule: rule.to_string(),
        };

        for d in resolved.dates {
            self.entities.dates.push(DateMention {
                span: span(d.start, d.end, d.rule.as_str()),
                value: d.value,
                granularity: d.granularity,
                kind: d.kind,
                part_of_day: d.part_of_day,
                time: d.time,
            });
        }

        for p in resolved.places {
            let mention = span(p.start, p.end, p.rule.as_str());
            let key = match &p.unit {
                Some(unit) => format!("{}:{}", unit.era, unit.code),
                None => canonical_key(&p.name),
            };
            let places = &mut self.entities.places;
            let at = *self.place_index.entry(key).or_insert_with(|| {
                places.push(Place {
                    name: p.name.clone(),
                    kind: p.kind.as_str().to_string(),
                    code: p.unit.as_ref().map(|u| u.code.clone()),
                    era: p.unit.as_ref().map(|u| u.era.clone()),
                    province: p.province.clone(),
                    current: p.current.clone(),
                    mentions: Vec::new(),
                });
                places.len() - 1
            });
            places[at].mentions.push(mention);
        }

        for o in resolved.orgs {
            let mention = span(o.start, o.end, o.rule.as_str());
            let organizations = &mut self.entities.organizations;
            let at = *self
                .org_index
                .entry(canonical_key(&o.name))
                .or_insert_with(|| {
                    organizations.push(Organization {
                        name: o.name.clone(),
                        kind: o.kind.as_str().to_string(),
                        abbreviation: None,
                        parent: None,
                        place: None,
                        successor: None,
                        mentions: Vec::new(),
                    });
                    organizations.len() - 1
                });
            let org = &mut organizations[at];
            org.abbreviation = org.abbreviation.take().or(o.abbreviation);
            org.parent = org.parent.take().or(o.parent);
            org.place = org.place.take().or(o.place);
            org.successor = org.successor.take().or(o.successor);
            org.mentions.push(mention);
        }

        for p in resolved.people {
            let mention = PersonMention {
                span: span(p.start, p.end, p.rule.as_str()),
                honorific: p.honorific.clone(),
                titles: p.titles.iter().map(|t| t.text.clone()).collect(),
            };
            let people = &mut self.entities.people;
            let at = *self
                .person_index
                .entry(canonical_key(&p.name))
                .or_insert_with(|| {
                    people.push(Person {
                        name: p.name.clone(),
                        honorific: None,
                        gender: None,
                        titles: Vec::new(),
                        mentions: Vec::new(),
                    });
                    people.len() - 1
                });
            let person = &mut people[at];
            person.honorific = person.honorific.take().or(p.honorific);
            person.gender = person.gender.or(p.gender);
            // Repeated titles are folded once, in `finish`.
            person.titles.extend(p.titles.into_iter().map(|t| Title {
                text: t.text,
                role: t.role,
                organization: t.organization,
                modifiers: t.modifiers,
            }));
            person.mentions.push(mention);
        }
    }

    pub fn finish(mut self) -> Entities {
        merge_short_references(&mut self.entities.people);
        // Titles repeated across mentions fold into one here; a title written with the
        // organisation in full and abbreviated ("... Bộ Nội vụ", "... BNV") is one title, as
        // organisations compare by their canonical names.
        let canonical_org: HashMap<String, String> = self
            .entities
            .organizations
            .iter()
            .flat_map(|o| {
                o.mentions
                    .iter()
                    .map(move |m| (canonical_key(&m.text), canonical_key(&o.name)))
            })
            .collect();
        for person in &mut self.entities.people {
            let mut seen = std::collections::HashSet::new();
            person.titles.retain(|t| {
                let org = t.organization.as_deref().map(|o| {
                    let key = canonical_key(o);
                    canonical_org.get(&key).cloned().unwrap_or(key)
                });
                seen.insert((canonical_key(&t.role), org))
            });
        }
        self.entities
    }
}

/// "ông Lâm" after "ông Trần Văn Lâm": a person named by the last syllables of exactly one other,
/// longer name in the record is that person; their mentions and titles are merged into it.
fn merge_short_references(people: &mut Vec<Person>) {
    let keys: Vec<Vec<String>> = people
        .iter()
        .map(|p| {
            canonical_key(&p.name)
                .split(' ')
                .map(str::to_string)
                .collect()
        })
        .collect();
    let mut target_of: Vec<Option<usize>> = vec![None; people.len()];
    for (short, short_key) in keys.iter().enumerate() {
        let longer: Vec<usize> = keys
            .iter()
            .enumerate()
            .filter(|(i, key)| {
                *i != short && key.len() > short_key.len() && key.ends_with(short_key)
            })
            .map(|(i, _)| i)
            .collect();
        if let [only] = longer[..] {
            target_of[short] = Some(only);
        }
    }
    let mut slots: Vec<Option<Person>> = people.drain(..).map(Some).collect();
    for (short, target) in target_of.iter().enumerate() {
        // A target that is itself a short reference stays as it is (no chains).
        let Some(target) = target.filter(|&t| target_of[t].is_none()) else {
            continue;
        };
        let Some(moved) = slots[short].take() else {
            continue;
        };
        let Some(person) = slots[target].as_mut() else {
            continue;
        };
        person.mentions.extend(moved.mentions);
        person
            .mentions
            .sort_by_key(|m| (m.span.field, m.span.caption, m.span.start));
        person.honorific = person.honorific.take().or(moved.honorific);
        person.gender = person.gender.or(moved.gender);
        person.titles.extend(moved.titles);
    }
    people.extend(slots.into_iter().flatten());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Field;

    fn person(name: &str, start: usize) -> Person {
        Person {
            name: name.to_string(),
            honorific: None,
            gender: None,
            titles: Vec::new(),
            mentions: vec![PersonMention {
                span: Span {
                    field: Field::Text,
                    caption: None,
                    start,
                    end: start + name.chars().count(),
                    text: name.to_string(),
                    rule: "test".into(),
                },
                honorific: None,
                titles: Vec::new(),
            }],
        }
    }

    #[test]
    fn a_given_name_joins_the_one_full_name_it_ends() {
        let mut people = vec![
            person("Trần Văn Lâm", 0),
            person("Lâm", 40),
            person("Hoàng Phong", 60),
        ];
        merge_short_references(&mut people);
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Trần Văn Lâm", "Hoàng Phong"]);
        assert_eq!(people[0].mentions.len(), 2);
    }

    #[test]
    fn an_ambiguous_given_name_stays_apart() {
        let mut people = vec![
            person("Trần Văn Lâm", 0),
            person("Nguyễn Thị Lâm", 20),
            person("Lâm", 40),
        ];
        merge_short_references(&mut people);
        assert_eq!(people.len(), 3);
    }
}
