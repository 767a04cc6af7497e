//! The report's embedded index: the directory and the articles as column arrays (one array per
//! field, entries referring to each other by position), compact to embed and quick to parse. The
//! page's script (`report.js`) reads exactly these names; change both together.
//!
//! The core ([`index`]) is parsed when the page opens; what only a person's page needs (flags,
//! namesakes) is in a second block ([`details`]) parsed on the first such page. Repeated strings
//! (roles, provinces) are tables referred to by position.
//!
//! ```text
//! roles, provinces: string tables
//! a:      t title, d day, s site, c text block, p people (per record entity: person or -1),
//!         o organisations (per record entity: organisation or -1)
//! people: id, n name, g gender (m/f/""), v provinces, lp latest position (-1 none),
//!         f/l first/last seen, na articles, ps positions, fc number of flags
//! pos:    pe person, r role, o organisation (-1 none), pt post as a title when it is not
//!         "role organisation" (else ""), m modifiers, f/l first/last seen, fs former since,
//!         a articles
//! orgs:   id, n name, k kind, pa parent, pl place, ab abbreviations, ws names seen,
//!         su successor (name), si successor (-1 none), pr predecessors, na articles
//! details: fl flags per person ("kind: detail"), ns namesakes per person
//! ```

use std::collections::HashMap;

use serde_json::{json, Value};

use super::html::script_json;
use crate::directory::body::post_title;
use crate::directory::{ArticleDigest, Directory};
use crate::model::Gender;

/// What the report knows of each article besides its digest.
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticleSlot {
    pub site: usize,
    pub chunk: Option<usize>,
}

pub fn index(
    title: &str,
    sites: &[String],
    digests: &[ArticleDigest],
    slots: &[ArticleSlot],
    directory: &Directory,
) -> String {
    let person_at = positions_by(directory.people.iter().map(|p| p.id.as_str()));
    let org_at = positions_by(directory.organizations.iter().map(|o| o.name.as_str()));
    let article_at = positions_by(digests.iter().map(|d| d.key.as_str()));
    let position_at = positions_by(directory.positions.iter().map(|p| p.id.as_str()));
    let at = |map: &HashMap<&str, usize>, key: Option<&str>| -> i64 {
        key.and_then(|k| map.get(k)).map_or(-1, |&i| i as i64)
    };

    let mut roles = Table::default();
    let mut provinces = Table::default();
    let mut out = JsonObject::default();
    out.field("title", &json!(title));
    out.field("sites", &json!(sites));
    out.field(
        "a",
        &json!({
            "t": digests.iter().map(|d| d.title.as_str()).collect::<Vec<_>>(),
            "d": digests.iter().map(|d| d.published.as_deref().unwrap_or("")).collect::<Vec<_>>(),
            "s": slots.iter().map(|s| s.site).collect::<Vec<_>>(),
            "c": slots.iter().map(|s| s.chunk.map_or(-1, |c| c as i64)).collect::<Vec<_>>(),
            "p": digests.iter().map(|d| {
                d.people.iter().map(|p| at(&person_at, Some(&p.person))).collect::<Vec<_>>()
            }).collect::<Vec<_>>(),
            "o": digests.iter().map(|d| {
                let count = d.orgs.iter().map(|o| o.entities.len()).sum();
                let mut slots = vec![-1i64; count];
                for obs in &d.orgs {
                    for &e in &obs.entities {
                        if let Some(slot) = slots.get_mut(e) {
                            *slot = at(&org_at, Some(&obs.body.name));
                        }
                    }
                }
                slots
            }).collect::<Vec<_>>(),
        }),
    );

    let people = &directory.people;
    let latest = |p: &crate::directory::entry::PersonEntry| -> i64 {
        p.positions
            .iter()
            .filter_map(|id| position_at.get(id.as_str()).copied())
            .filter(|&i| directory.positions[i].last_seen.is_some())
            .max_by(|&a, &b| {
                directory.positions[a]
                    .last_seen
                    .cmp(&directory.positions[b].last_seen)
            })
            .map_or(-1, |i| i as i64)
    };
    out.field(
        "people",
        &json!({
            "id": people.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            "n": people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            "g": people.iter().map(|p| match p.gender {
                Some(Gender::Male) => "m",
                Some(Gender::Female) => "f",
                None => "",
            }).collect::<Vec<_>>(),
            "v": people.iter().map(|p| {
                p.provinces.iter().map(|v| provinces.at(v)).collect::<Vec<_>>()
            }).collect::<Vec<_>>(),
            "lp": people.iter().map(latest).collect::<Vec<_>>(),
            "f": people.iter().map(|p| p.first_seen.as_deref().unwrap_or("")).collect::<Vec<_>>(),
            "l": people.iter().map(|p| p.last_seen.as_deref().unwrap_or("")).collect::<Vec<_>>(),
            "na": people.iter().map(|p| p.articles).collect::<Vec<_>>(),
            "ps": people.iter().map(|p| {
                p.positions.iter().map(|id| at(&position_at, Some(id))).collect::<Vec<_>>()
            }).collect::<Vec<_>>(),
            "fc": people.iter().map(|p| p.flags.len()).collect::<Vec<_>>(),
        }),
    );

    let positions = &directory.positions;
    out.field("pos", &json!({
        "pe": positions.iter().map(|p| at(&person_at, Some(&p.person))).collect::<Vec<_>>(),
        "r": positions.iter().map(|p| roles.at(&p.role)).collect::<Vec<_>>(),
        "pt": positions.iter().map(|p| {
            let title = post_title(&p.role, p.organization_name.as_deref());
            let plain = match &p.organization_name {
                Some(org) => format!("{} {org}", p.role),
                None => p.role.clone(),
            };
            if title == plain { String::new() } else { title }
        }).collect::<Vec<_>>(),
        "o": positions.iter().map(|p| at(&org_at, p.organization_name.as_deref())).collect::<Vec<_>>(),
        "m": positions.iter().map(|p| p.modifiers.join(", ")).collect::<Vec<_>>(),
        "f": positions.iter().map(|p| p.first_seen.as_deref().unwrap_or("")).collect::<Vec<_>>(),
        "l": positions.iter().map(|p| p.last_seen.as_deref().unwrap_or("")).collect::<Vec<_>>(),
        "fs": positions.iter().map(|p| p.former_since.as_deref().unwrap_or("")).collect::<Vec<_>>(),
        "a": positions.iter().map(|p| {
            p.articles.iter().map(|k| at(&article_at, Some(k))).collect::<Vec<_>>()
        }).collect::<Vec<_>>(),
    }));

    let orgs = &directory.organizations;
    out.field(
        "orgs",
        &json!({
            "id": orgs.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(),
            "n": orgs.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
            "k": orgs.iter().map(|o| o.kind.as_str()).collect::<Vec<_>>(),
            "pa": orgs.iter().map(|o| o.parent.as_deref().unwrap_or("")).collect::<Vec<_>>(),
            "pl": orgs.iter().map(|o| o.place.as_deref().unwrap_or("")).collect::<Vec<_>>(),
            "ab": orgs.iter().map(|o| o.abbreviations.join(", ")).collect::<Vec<_>>(),
            "ws": orgs.iter().map(|o| o.names_seen.join(", ")).collect::<Vec<_>>(),
            "su": orgs.iter().map(|o| o.successor.as_deref().unwrap_or("")).collect::<Vec<_>>(),
            "si": orgs.iter().map(|o| at(&org_at, o.successor.as_deref())).collect::<Vec<_>>(),
            "pr": orgs.iter().map(|o| {
                o.predecessors.iter().map(|p| at(&org_at, Some(p))).collect::<Vec<_>>()
            }).collect::<Vec<_>>(),
            "na": orgs.iter().map(|o| o.articles).collect::<Vec<_>>(),
        }),
    );
    out.field("roles", &json!(roles.values));
    out.field("provinces", &json!(provinces.values));
    out.finish()
}

/// A JSON object written field by field, each value serialised (script-safe) as soon as it is
/// made, so the whole index never exists as one tree of values.
#[derive(Default)]
struct JsonObject {
    text: String,
}

impl JsonObject {
    fn field(&mut self, name: &str, value: &Value) {
        self.text.push(if self.text.is_empty() { '{' } else { ',' });
        self.text.push_str(&script_json(name));
        self.text.push(':');
        self.text.push_str(&script_json(value));
    }

    fn finish(mut self) -> String {
        if self.text.is_empty() {
            self.text.push('{');
        }
        self.text.push('}');
        self.text
    }
}

/// What only a person's page needs: flags and namesakes per person, in the order of the index
/// (script-safe JSON).
pub fn details(directory: &Directory) -> String {
    let person_at = positions_by(directory.people.iter().map(|p| p.id.as_str()));
    let people = &directory.people;
    script_json(&json!({
        "fl": people.iter().map(|p| {
            p.flags.iter().map(|f| {
                let kind = crate::output::tables::serde_name(&f.kind);
                format!("{kind}: {}", f.detail)
            }).collect::<Vec<_>>()
        }).collect::<Vec<_>>(),
        "ns": people.iter().map(|p| {
            p.namesakes.iter().filter_map(|id| person_at.get(id.as_str()).copied()).collect::<Vec<_>>()
        }).collect::<Vec<_>>(),
    }))
}

/// Each key's position in `keys`.
fn positions_by<'a>(keys: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    keys.enumerate().map(|(i, k)| (k, i)).collect()
}

/// Distinct strings in order of first use, referred to by position.
#[derive(Default)]
struct Table {
    values: Vec<String>,
    positions: HashMap<String, usize>,
}

impl Table {
    fn at(&mut self, value: &str) -> usize {
        if let Some(&i) = self.positions.get(value) {
            return i;
        }
        self.values.push(value.to_string());
        self.positions
            .insert(value.to_string(), self.values.len() - 1);
        self.values.len() - 1
    }
}
