//! The directory as three flat tables (`people`, `positions`, `organizations`), written by the
//! same CSV and XLSX writers as `tintuc export` (through their [`Layout`]). The column lists below
//! are the only place their order is defined; `schemas/directory_tables.schema.json` documents
//! each column and a test keeps the two in step. Columns are only ever appended.

use std::fmt;
use std::str::FromStr;

use super::build::Directory;
use super::entry::{OrganizationEntry, PersonEntry, PositionEntry};
use crate::output::tables::serde_name;
use crate::output::{Cell, Column, Layout};

/// The directory's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DirectoryTable {
    People,
    Positions,
    Organizations,
}

pub const PEOPLE_COLUMNS: &[Column] = &[
    Column::text("id"),
    Column::text("name"),
    Column::text("gender"),
    Column::text("provinces"),
    Column::text("latest_post"),
    Column::date("first_seen"),
    Column::date("last_seen"),
    Column::int("articles"),
    Column::int("mentions"),
    Column::int("positions"),
    Column::text("namesakes"),
    Column::text("flags"),
    Column::text("flag_details"),
];

pub const POSITION_COLUMNS: &[Column] = &[
    Column::text("id"),
    Column::text("person_id"),
    Column::text("person_name"),
    Column::text("role"),
    Column::text("organization"),
    Column::text("organization_id"),
    Column::text("successor"),
    Column::text("modifiers"),
    Column::date("first_seen"),
    Column::date("last_seen"),
    Column::date("former_since"),
    Column::text("titles"),
    Column::int("articles"),
    Column::text("evidence"),
];

pub const ORGANIZATION_COLUMNS: &[Column] = &[
    Column::text("id"),
    Column::text("name"),
    Column::text("kind"),
    Column::text("parent"),
    Column::text("place"),
    Column::text("abbreviations"),
    Column::text("names_seen"),
    Column::text("successor"),
    Column::text("predecessors"),
    Column::date("first_seen"),
    Column::date("last_seen"),
    Column::int("articles"),
    Column::int("people"),
    Column::text("posts"),
];

impl DirectoryTable {
    pub const ALL: [DirectoryTable; 3] = [
        DirectoryTable::People,
        DirectoryTable::Positions,
        DirectoryTable::Organizations,
    ];

    /// File stem, sheet name and `--table` value.
    pub fn name(self) -> &'static str {
        match self {
            DirectoryTable::People => "people",
            DirectoryTable::Positions => "positions",
            DirectoryTable::Organizations => "organizations",
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            DirectoryTable::People => PEOPLE_COLUMNS,
            DirectoryTable::Positions => POSITION_COLUMNS,
            DirectoryTable::Organizations => ORGANIZATION_COLUMNS,
        }
    }

    pub fn layout(self) -> Layout {
        Layout {
            name: self.name(),
            columns: self.columns(),
        }
    }

    /// The table's rows, one cell per column.
    pub fn rows(self, directory: &Directory) -> Vec<Vec<Cell>> {
        match self {
            DirectoryTable::People => directory.people.iter().map(person_row).collect(),
            DirectoryTable::Positions => directory.positions.iter().map(position_row).collect(),
            DirectoryTable::Organizations => directory
                .organizations
                .iter()
                .map(organization_row)
                .collect(),
        }
    }
}

fn joined(values: &[String]) -> Cell {
    Cell::joined(values.iter().map(String::as_str))
}

fn person_row(person: &PersonEntry) -> Vec<Cell> {
    let kinds: Vec<String> = person.flags.iter().map(|f| serde_name(&f.kind)).collect();
    let details: Vec<String> = person.flags.iter().map(|f| f.detail.clone()).collect();
    vec![
        Cell::Text(person.id.clone()),
        Cell::Text(person.name.clone()),
        person
            .gender
            .map_or(Cell::Empty, |g| Cell::Text(serde_name(&g))),
        joined(&person.provinces),
        Cell::opt_text(person.latest_post.as_deref()),
        Cell::opt_date(person.first_seen.as_deref()),
        Cell::opt_date(person.last_seen.as_deref()),
        Cell::count(person.articles),
        Cell::count(person.mentions),
        Cell::count(person.positions.len()),
        joined(&person.namesakes),
        joined(&kinds),
        joined(&details),
    ]
}

fn position_row(position: &PositionEntry) -> Vec<Cell> {
    vec![
        Cell::Text(position.id.clone()),
        Cell::Text(position.person.clone()),
        Cell::Text(position.person_name.clone()),
        Cell::Text(position.role.clone()),
        Cell::opt_text(position.organization_name.as_deref()),
        Cell::opt_text(position.organization.as_deref()),
        Cell::opt_text(position.successor.as_deref()),
        joined(&position.modifiers),
        Cell::opt_date(position.first_seen.as_deref()),
        Cell::opt_date(position.last_seen.as_deref()),
        Cell::opt_date(position.former_since.as_deref()),
        joined(&position.titles),
        Cell::count(position.articles.len()),
        joined(&position.articles),
    ]
}

fn organization_row(org: &OrganizationEntry) -> Vec<Cell> {
    let mut people: Vec<&str> = org
        .posts
        .iter()
        .flat_map(|p| p.holders.iter().map(|h| h.person.as_str()))
        .collect();
    people.sort_unstable();
    people.dedup();
    let posts: Vec<String> = org
        .posts
        .iter()
        .flat_map(|post| {
            post.holders.iter().map(move |h| {
                format!(
                    "{}: {} ({} - {})",
                    post.role,
                    h.name,
                    h.first_seen.as_deref().unwrap_or("?"),
                    h.last_seen.as_deref().unwrap_or("?")
                )
            })
        })
        .collect();
    vec![
        Cell::Text(org.id.clone()),
        Cell::Text(org.name.clone()),
        Cell::opt_text(Some(&org.kind)),
        Cell::opt_text(org.parent.as_deref()),
        Cell::opt_text(org.place.as_deref()),
        joined(&org.abbreviations),
        joined(&org.names_seen),
        Cell::opt_text(org.successor.as_deref()),
        joined(&org.predecessors),
        Cell::opt_date(org.first_seen.as_deref()),
        Cell::opt_date(org.last_seen.as_deref()),
        Cell::count(org.articles),
        Cell::count(people.len()),
        joined(&posts),
    ]
}

impl fmt::Display for DirectoryTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown directory table `{0}` (expected one of: people, positions, organizations)")]
pub struct UnknownDirectoryTable(pub String);

impl FromStr for DirectoryTable {
    type Err = UnknownDirectoryTable;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        DirectoryTable::ALL
            .into_iter()
            .find(|t| {
                t.name() == wanted
                    || (wanted == "organisations" && *t == DirectoryTable::Organizations)
            })
            .ok_or_else(|| UnknownDirectoryTable(s.to_string()))
    }
}

/// The documented column lists (`tintuc schema directory-csv`).
pub fn directory_tables_schema() -> &'static str {
    include_str!("../../schemas/directory_tables.schema.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The documented schema lists the same columns, in the same order and kind, as the code.
    #[test]
    fn schema_file_matches_the_column_constants() {
        let layouts: Vec<Layout> = DirectoryTable::ALL.iter().map(|t| t.layout()).collect();
        crate::output::tables::assert_schema_documents(directory_tables_schema(), &layouts);
    }
}
