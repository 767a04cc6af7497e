//! A [`Record`] as rows of five flat tables, the shape analysts open in a spreadsheet.
//!
//! Every table format (CSV, XLSX) goes through here: [`Table::rows`] turns one record into rows of
//! [`Cell`]s, in the column order of [`Table::columns`]. The column lists below are the only place
//! that order is defined; `schemas/tables.schema.json` documents each column and a test keeps the
//! two in step. Columns are only ever appended, so scripts that select by position keep working.
//!
//! - `articles`: one row per record.
//! - `people`, `organizations`, `places`: one row per entity per record (mentions merged, counted).
//! - `dates`: one row per date mention (dates are not merged in the record either).
//!
//! Entity rows end with `article_url`, `article_title` and `article_id` (the record's `id`, also
//! the `id` column of `articles`), so each row stands on its own after a filter and joins back
//! to its article.

use std::fmt;
use std::str::FromStr;

use crate::model::{days_in_month, Record, Title};

/// Separator for lists inside one cell (titles, codes): unlikely in the values themselves and
/// easy to split on in a spreadsheet ("Text to columns") or a script.
pub const LIST_SEPARATOR: &str = " ; ";

/// Separator between the levels of the breadcrumb in `articles.category`.
pub const CATEGORY_SEPARATOR: &str = " > ";

/// The five tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    Articles,
    People,
    Organizations,
    Places,
    Dates,
}

/// What a column holds, which decides how a spreadsheet cell is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Free text; neutralised if a spreadsheet would run it as a formula.
    Text,
    /// A whole number; never neutralised (so `-5` stays a number).
    Integer,
    /// An ISO 8601 date (`2023-07-15`) or RFC 3339 timestamp, as text in CSV and as a real date in
    /// XLSX (the wall-clock time as written; spreadsheets have no time zones).
    Date,
}

impl ColumnKind {
    /// The name used in `schemas/tables.schema.json`.
    pub fn name(self) -> &'static str {
        match self {
            ColumnKind::Text => "string",
            ColumnKind::Integer => "integer",
            ColumnKind::Date => "date",
        }
    }
}

/// One column: its header and its kind. Descriptions live in `schemas/tables.schema.json` (and
/// `schemas/directory_tables.schema.json` for the tables of `tintuc directory`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: ColumnKind,
}

impl Column {
    pub const fn text(name: &'static str) -> Column {
        Column {
            name,
            kind: ColumnKind::Text,
        }
    }
    pub const fn int(name: &'static str) -> Column {
        Column {
            name,
            kind: ColumnKind::Integer,
        }
    }
    pub const fn date(name: &'static str) -> Column {
        Column {
            name,
            kind: ColumnKind::Date,
        }
    }
}

const fn text(name: &'static str) -> Column {
    Column::text(name)
}
const fn int(name: &'static str) -> Column {
    Column::int(name)
}
const fn date(name: &'static str) -> Column {
    Column::date(name)
}

/// The shape of one table: its name (file stem, sheet name) and its columns in order. The CSV and
/// XLSX writers take rows of any table through one of these, so the tables of `export` and those
/// of `directory` are written by the same code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub name: &'static str,
    pub columns: &'static [Column],
}

pub const ARTICLE_COLUMNS: &[Column] = &[
    text("url"),
    text("site"),
    text("site_name"),
    text("category"),
    text("title"),
    date("published"),
    text("author"),
    text("source"),
    text("lead"),
    int("word_count"),
    int("people_count"),
    int("organizations_count"),
    int("places_count"),
    int("dates_count"),
    date("fetched_at"),
    text("warc_file"),
    int("warc_offset"),
    int("version"),
    date("supersedes"),
    date("removed"),
    text("id"),
    text("input"),
];

pub const PEOPLE_COLUMNS: &[Column] = &[
    text("name"),
    text("honorific"),
    text("gender"),
    text("titles"),
    text("roles"),
    text("organizations"),
    int("mentions"),
    text("article_url"),
    text("article_title"),
    text("article_id"),
];

pub const ORGANIZATION_COLUMNS: &[Column] = &[
    text("name"),
    text("kind"),
    text("abbreviation"),
    text("parent"),
    text("place"),
    text("successor"),
    int("mentions"),
    text("article_url"),
    text("article_title"),
    text("article_id"),
];

pub const PLACE_COLUMNS: &[Column] = &[
    text("name"),
    text("kind"),
    text("code"),
    text("era"),
    text("province_code"),
    text("province_name"),
    text("current_codes"),
    text("current_names"),
    int("mentions"),
    text("article_url"),
    text("article_title"),
    text("article_id"),
];

pub const DATE_COLUMNS: &[Column] = &[
    text("text"),
    text("value"),
    date("first_day"),
    date("last_day"),
    text("granularity"),
    text("kind"),
    text("part_of_day"),
    text("time"),
    text("field"),
    text("article_url"),
    text("article_title"),
    text("article_id"),
];

/// One cell of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    /// ISO 8601 date or RFC 3339 timestamp, as written in the record.
    Date(String),
}

impl Cell {
    /// A text cell, or an empty one for `None` and "".
    pub fn opt_text(value: Option<&str>) -> Cell {
        match value {
            Some(v) if !v.is_empty() => Cell::Text(v.to_string()),
            _ => Cell::Empty,
        }
    }
    /// A date cell, or an empty one for `None` and "".
    pub fn opt_date(value: Option<&str>) -> Cell {
        match value {
            Some(v) if !v.is_empty() => Cell::Date(v.to_string()),
            _ => Cell::Empty,
        }
    }
    /// The distinct non-empty parts joined with [`LIST_SEPARATOR`], in first-seen order.
    pub fn joined<'a>(parts: impl IntoIterator<Item = &'a str>) -> Cell {
        let mut seen: Vec<&str> = Vec::new();
        for part in parts {
            if !part.is_empty() && !seen.contains(&part) {
                seen.push(part);
            }
        }
        if seen.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(seen.join(LIST_SEPARATOR))
        }
    }
    /// A count as an integer cell.
    pub fn count(n: usize) -> Cell {
        Cell::Integer(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl Table {
    /// Every table, in the order of files in a folder and sheets in a workbook.
    pub const ALL: [Table; 5] = [
        Table::Articles,
        Table::People,
        Table::Organizations,
        Table::Places,
        Table::Dates,
    ];

    /// The table's name: file stem (`people.csv`), sheet name and `--table` value.
    pub fn name(self) -> &'static str {
        match self {
            Table::Articles => "articles",
            Table::People => "people",
            Table::Organizations => "organizations",
            Table::Places => "places",
            Table::Dates => "dates",
        }
    }

    /// Name and columns, for the CSV and XLSX writers.
    pub fn layout(self) -> Layout {
        Layout {
            name: self.name(),
            columns: self.columns(),
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Articles => ARTICLE_COLUMNS,
            Table::People => PEOPLE_COLUMNS,
            Table::Organizations => ORGANIZATION_COLUMNS,
            Table::Places => PLACE_COLUMNS,
            Table::Dates => DATE_COLUMNS,
        }
    }

    /// The record's rows in this table, each with one cell per column.
    pub fn rows(self, record: &Record) -> Vec<Vec<Cell>> {
        let link = ArticleLink::of(record);
        let entities = &record.entities;
        match self {
            Table::Articles => vec![article_row(record)],
            Table::People => entities
                .people
                .iter()
                .map(|person| {
                    let titles = &person.titles;
                    vec![
                        Cell::Text(person.name.clone()),
                        Cell::opt_text(person.honorific.as_deref()),
                        person
                            .gender
                            .map_or(Cell::Empty, |g| Cell::Text(serde_name(&g))),
                        Cell::joined(titles.iter().map(|t| t.text.as_str())),
                        Cell::joined(titles.iter().map(|t| t.role.as_str())),
                        Cell::joined(titles.iter().filter_map(title_organization)),
                        Cell::count(person.mentions.len()),
                        link.url(),
                        link.title(),
                        link.id(),
                    ]
                })
                .collect(),
            Table::Organizations => entities
                .organizations
                .iter()
                .map(|org| {
                    vec![
                        Cell::Text(org.name.clone()),
                        Cell::opt_text(Some(&org.kind)),
                        Cell::opt_text(org.abbreviation.as_deref()),
                        Cell::opt_text(org.parent.as_deref()),
                        Cell::opt_text(org.place.as_deref()),
                        Cell::opt_text(org.successor.as_deref()),
                        Cell::count(org.mentions.len()),
                        link.url(),
                        link.title(),
                        link.id(),
                    ]
                })
                .collect(),
            Table::Places => entities
                .places
                .iter()
                .map(|place| {
                    let province = place.province.as_ref();
                    vec![
                        Cell::Text(place.name.clone()),
                        Cell::opt_text(Some(&place.kind)),
                        Cell::opt_text(place.code.as_deref()),
                        Cell::opt_text(place.era.as_deref()),
                        Cell::opt_text(province.map(|p| p.code.as_str())),
                        Cell::opt_text(province.map(|p| p.name.as_str())),
                        Cell::joined(place.current.iter().map(|u| u.code.as_str())),
                        Cell::joined(place.current.iter().map(|u| u.name.as_str())),
                        Cell::count(place.mentions.len()),
                        link.url(),
                        link.title(),
                        link.id(),
                    ]
                })
                .collect(),
            Table::Dates => entities
                .dates
                .iter()
                .map(|mention| {
                    let (first, last) = day_range(&mention.value).unzip();
                    vec![
                        Cell::Text(mention.span.text.clone()),
                        Cell::opt_text(Some(&mention.value)),
                        first.map_or(Cell::Empty, |d| Cell::Date(d.to_string())),
                        last.map_or(Cell::Empty, |d| Cell::Date(d.to_string())),
                        Cell::Text(serde_name(&mention.granularity)),
                        Cell::Text(serde_name(&mention.kind)),
                        Cell::opt_text(mention.part_of_day.as_deref()),
                        Cell::opt_text(mention.time.as_deref()),
                        Cell::Text(serde_name(&mention.span.field)),
                        link.url(),
                        link.title(),
                        link.id(),
                    ]
                })
                .collect(),
        }
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown table name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown table `{0}` (expected one of: articles, people, organizations, places, dates)")]
pub struct UnknownTable(pub String);

impl FromStr for Table {
    type Err = UnknownTable;
    fn from_str(s: &str) -> Result<Table, UnknownTable> {
        let wanted = s.trim().to_ascii_lowercase();
        Table::ALL
            .into_iter()
            .find(|t| {
                t.name() == wanted || (wanted == "organisations" && *t == Table::Organizations)
            })
            .ok_or_else(|| UnknownTable(s.to_string()))
    }
}

/// The documented column lists (`schemas/tables.schema.json`), printed by `tintuc schema csv`.
pub fn tables_schema() -> &'static str {
    include_str!("../../schemas/tables.schema.json")
}

/// The article a row of an entity table belongs to.
struct ArticleLink<'a> {
    url: Option<&'a str>,
    title: &'a str,
    id: Option<String>,
}

impl<'a> ArticleLink<'a> {
    fn of(record: &'a Record) -> Self {
        ArticleLink {
            url: record.known_url(),
            title: &record.article.title,
            id: record.article_id(),
        }
    }
    fn url(&self) -> Cell {
        Cell::opt_text(self.url)
    }
    fn title(&self) -> Cell {
        Cell::opt_text(Some(self.title))
    }
    fn id(&self) -> Cell {
        Cell::opt_text(self.id.as_deref())
    }
}

fn article_row(record: &Record) -> Vec<Cell> {
    let link = ArticleLink::of(record);
    let article = &record.article;
    let entities = &record.entities;
    let provenance = &record.provenance;
    let category = if article.category.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(article.category.join(CATEGORY_SEPARATOR))
    };
    vec![
        link.url(),
        Cell::opt_text(article.site.as_deref()),
        Cell::opt_text(article.site_name.as_deref()),
        category,
        Cell::opt_text(Some(&article.title)),
        Cell::opt_date(article.published.as_deref()),
        Cell::opt_text(article.author.as_deref()),
        Cell::opt_text(article.source.as_deref()),
        Cell::opt_text(article.lead.as_deref()),
        // Vietnamese writes one syllable per space-separated token, so this is the usual "số chữ".
        Cell::count(article.text.split_whitespace().count()),
        Cell::count(entities.people.len()),
        Cell::count(entities.organizations.len()),
        Cell::count(entities.places.len()),
        Cell::count(entities.dates.len()),
        Cell::opt_date(provenance.fetched_at.as_deref()),
        Cell::opt_text(provenance.warc_file.as_deref()),
        provenance.warc_offset.map_or(Cell::Empty, |o| {
            Cell::Integer(i64::try_from(o).unwrap_or(i64::MAX))
        }),
        provenance
            .version
            .map_or(Cell::Empty, |v| Cell::Integer(i64::from(v))),
        Cell::opt_date(provenance.supersedes.as_deref()),
        Cell::opt_date(provenance.removed.as_deref()),
        link.id(),
        Cell::opt_text(provenance.input.as_deref()),
    ]
}

fn title_organization(title: &Title) -> Option<&str> {
    title.organization.as_deref()
}

/// The serde name of a unit enum (`male`, `day`, `range`, `title`), so tables and JSON agree.
pub fn serde_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A calendar day, for the first and last day a date value covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Day {
    year: i32,
    month: u32,
    day: u32,
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// First and last day covered by an ISO value: `2023` -> 2023-01-01..2023-12-31, `2023-02` ->
/// 2023-02-01..2023-02-28, `2021/2025` -> 2021-01-01..2025-12-31. `None` for values that do not
/// resolve to calendar days (empty, lunar, recurring, or any other shape).
fn day_range(value: &str) -> Option<(Day, Day)> {
    let (start, end) = match value.split_once('/') {
        Some((a, b)) => (a, b),
        None => (value, value),
    };
    let first = parse_partial(start)?.0;
    let last = parse_partial(end)?.1;
    (first <= last).then_some((first, last))
}

impl PartialOrd for Day {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Day {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.year, self.month, self.day).cmp(&(other.year, other.month, other.day))
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` -> (first day, last day).
fn parse_partial(s: &str) -> Option<(Day, Day)> {
    let mut parts = s.split('-');
    let year_text = parts.next()?;
    if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let number = |p: &str| -> Option<u32> {
        (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let month = parts.next().map(number);
    let day = parts.next().map(number);
    if parts.next().is_some() {
        return None;
    }
    match (month, day) {
        (None, _) => Some((
            Day {
                year,
                month: 1,
                day: 1,
            },
            Day {
                year,
                month: 12,
                day: 31,
            },
        )),
        (Some(Some(month)), None) if (1..=12).contains(&month) => Some((
            Day {
                year,
                month,
                day: 1,
            },
            Day {
                year,
                month,
                day: days_in_month(year, month),
            },
        )),
        (Some(Some(month)), Some(Some(day)))
            if (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day) =>
        {
            let d = Day { year, month, day };
            Some((d, d))
        }
        _ => None,
    }
}

/// Panics unless `schema` (shaped like `schemas/tables.schema.json`) documents every layout's
/// columns in order, with their kinds and a description each.
#[cfg(test)]
pub(crate) fn assert_schema_documents(schema: &str, layouts: &[Layout]) {
    let schema: serde_json::Value = serde_json::from_str(schema).expect("valid JSON");
    for layout in layouts {
        let table = layout.name;
        let documented = schema["tables"][table]["columns"]
            .as_array()
            .unwrap_or_else(|| panic!("schema lacks table {table}"));
        let names: Vec<(&str, &str)> = documented
            .iter()
            .map(|c| {
                (
                    c["name"].as_str().unwrap_or(""),
                    c["type"].as_str().unwrap_or(""),
                )
            })
            .collect();
        let expected: Vec<(&str, &str)> = layout
            .columns
            .iter()
            .map(|c| (c.name, c.kind.name()))
            .collect();
        assert_eq!(names, expected, "{table}");
        for column in documented {
            let description = column["description"].as_str().unwrap_or("");
            assert!(
                description.len() > 10,
                "{table}.{} needs a description",
                column["name"]
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_ranges_cover_the_value() {
        let cases = [
            ("2023-07-15", Some(("2023-07-15", "2023-07-15"))),
            ("2023-07", Some(("2023-07-01", "2023-07-31"))),
            ("2024-02", Some(("2024-02-01", "2024-02-29"))),
            ("2023", Some(("2023-01-01", "2023-12-31"))),
            ("2023-01-01/2023-06-30", Some(("2023-01-01", "2023-06-30"))),
            ("2021/2025", Some(("2021-01-01", "2025-12-31"))),
            ("", None),
            ("2023-02-30", None),
            ("2025/2021", None),
            ("199x", None),
            ("2023-7-1", None),
        ];
        for (value, expected) in cases {
            let got = day_range(value).map(|(a, b)| (a.to_string(), b.to_string()));
            let expected = expected.map(|(a, b)| (a.to_string(), b.to_string()));
            assert_eq!(got, expected, "{value}");
        }
    }

    /// The documented schema lists the same columns, in the same order and kind, as the code.
    #[test]
    fn schema_file_matches_the_column_constants() {
        let layouts: Vec<Layout> = Table::ALL.iter().map(|t| t.layout()).collect();
        assert_schema_documents(tables_schema(), &layouts);
    }

    #[test]
    fn every_row_has_one_cell_per_column() {
        let record = Record::default();
        for table in Table::ALL {
            for row in table.rows(&record) {
                assert_eq!(row.len(), table.columns().len(), "{table}");
            }
        }
    }

    #[test]
    fn table_names_parse() {
        assert_eq!("people".parse::<Table>(), Ok(Table::People));
        assert_eq!("Organisations".parse::<Table>(), Ok(Table::Organizations));
        assert!("persons".parse::<Table>().is_err());
    }
}
