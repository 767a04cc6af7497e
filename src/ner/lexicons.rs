//! Every lexicon of the recognisers, loaded once from data files into typed tables.
//!
//! The data lives in `data/lexicon/` (embedded in the binary): `shared/` holds the word classes
//! that several recognisers use, `date/`, `place/`, `org/` and `person/` the tables of one
//! recogniser each (see `data/lexicon/README.md` for every file and its format). [`Lexicons::builtin`]
//! parses the embedded files; [`Lexicons::with_dir`] adds a user's directory of the same layout
//! (`tintuc ner --lexicon DIR`): each file there extends the built-in table of the same path, its
//! rows read first, so they win where an entry repeats. The loaded [`Lexicons`] are shared, read
//! only, by every [`Recognizer`](super::Recognizer) built from them.
//!
//! A table is a tab-separated text file: one row a line, `#` comments and blank lines skipped.
//! A malformed row of a user file is an error that names the file, the line and the problem.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::value::{Error as ValueError, StrDeserializer};
use serde::Deserialize;

use super::phrase::Vocab;
use super::{date, org, person, place};

/// The embedded tables: path under `data/lexicon/` and text.
const BUILTIN: &[(&str, &str)] = &[
    (
        "date/words.tsv",
        include_str!("../../data/lexicon/date/words.tsv"),
    ),
    (
        "place/place_types.tsv",
        include_str!("../../data/lexicon/place/place_types.tsv"),
    ),
    (
        "place/regions.tsv",
        include_str!("../../data/lexicon/place/regions.tsv"),
    ),
    (
        "place/countries.tsv",
        include_str!("../../data/lexicon/place/countries.tsv"),
    ),
    (
        "place/foreign_cities.tsv",
        include_str!("../../data/lexicon/place/foreign_cities.tsv"),
    ),
    (
        "place/bare_units.tsv",
        include_str!("../../data/lexicon/place/bare_units.tsv"),
    ),
    (
        "place/venues.tsv",
        include_str!("../../data/lexicon/place/venues.tsv"),
    ),
    (
        "place/blockers.tsv",
        include_str!("../../data/lexicon/place/blockers.tsv"),
    ),
    (
        "place/aliases.tsv",
        include_str!("../../data/lexicon/place/aliases.tsv"),
    ),
    (
        "place/units_pre2025.tsv",
        include_str!("../../data/lexicon/place/units_pre2025.tsv"),
    ),
    (
        "place/units_2025.tsv",
        include_str!("../../data/lexicon/place/units_2025.tsv"),
    ),
    (
        "place/current.tsv",
        include_str!("../../data/lexicon/place/current.tsv"),
    ),
    (
        "org/heads.tsv",
        include_str!("../../data/lexicon/org/heads.tsv"),
    ),
    (
        "org/names.tsv",
        include_str!("../../data/lexicon/org/names.tsv"),
    ),
    (
        "org/domains.tsv",
        include_str!("../../data/lexicon/org/domains.tsv"),
    ),
    (
        "org/places.tsv",
        include_str!("../../data/lexicon/org/places.tsv"),
    ),
    (
        "org/words.tsv",
        include_str!("../../data/lexicon/org/words.tsv"),
    ),
    (
        "shared/surnames.tsv",
        include_str!("../../data/lexicon/shared/surnames.tsv"),
    ),
    (
        "person/compound_surnames.tsv",
        include_str!("../../data/lexicon/person/compound_surnames.tsv"),
    ),
    (
        "person/name_syllables.tsv",
        include_str!("../../data/lexicon/person/name_syllables.tsv"),
    ),
    (
        "person/roles.tsv",
        include_str!("../../data/lexicon/person/roles.tsv"),
    ),
    (
        "person/modifiers.tsv",
        include_str!("../../data/lexicon/person/modifiers.tsv"),
    ),
    (
        "person/honorifics.tsv",
        include_str!("../../data/lexicon/person/honorifics.tsv"),
    ),
    (
        "person/org_heads.tsv",
        include_str!("../../data/lexicon/person/org_heads.tsv"),
    ),
    (
        "person/place_names.tsv",
        include_str!("../../data/lexicon/person/place_names.tsv"),
    ),
    (
        "person/historical.tsv",
        include_str!("../../data/lexicon/person/historical.tsv"),
    ),
    (
        "person/words.tsv",
        include_str!("../../data/lexicon/person/words.tsv"),
    ),
];

/// Tables a user directory may not extend: the administrative units come from the official lists
/// (a spelling of a unit goes to `place/aliases.tsv`).
const BUILTIN_ONLY: &[&str] = &[
    "place/units_pre2025.tsv",
    "place/units_2025.tsv",
    "place/current.tsv",
];

/// Why a lexicon could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a lexicon table (known tables: {known})")]
    UnknownTable { path: String, known: String },
    #[error("{path}: the built-in table {table} cannot be extended")]
    BuiltinOnly { path: String, table: String },
    #[error("{file}:{line}: {message}")]
    Row {
        file: String,
        line: usize,
        message: String,
    },
}

/// One row of a table: its fields and where it was read.
#[derive(Debug, Clone)]
pub struct Row<'s> {
    pub file: &'s str,
    pub line: usize,
    pub fields: Vec<&'s str>,
}

impl<'s> Row<'s> {
    /// Field `i`, or an error naming the missing column.
    pub fn get(&self, i: usize, column: &str) -> Result<&'s str, LexiconError> {
        self.fields
            .get(i)
            .copied()
            .ok_or_else(|| self.error(format!("no column {} ({column})", i + 1)))
    }

    /// Field `i`, empty when the row stops before it.
    pub fn optional(&self, i: usize) -> &'s str {
        self.fields.get(i).copied().unwrap_or("")
    }

    /// Field `i` read as a value of the enum `T` (its serde name), or an error listing the field.
    pub fn parse<T: for<'de> Deserialize<'de>>(
        &self,
        i: usize,
        column: &str,
    ) -> Result<T, LexiconError> {
        let text = self.get(i, column)?;
        parse_name(text).map_err(|e| self.error(format!("{column} {text:?}: {e}")))
    }

    pub fn error(&self, message: String) -> LexiconError {
        LexiconError::Row {
            file: self.file.to_string(),
            line: self.line,
            message,
        }
    }
}

/// Reads a name ("owner", "province") as a unit variant of the serde enum `T`.
pub fn parse_name<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, ValueError> {
    T::deserialize(StrDeserializer::<ValueError>::new(text))
}

/// The texts of every table: a user's files first, then the embedded ones.
#[derive(Debug, Default)]
pub struct Sources {
    /// Table path -> (display name, text) in reading order.
    tables: BTreeMap<&'static str, Vec<(String, Text)>>,
}

#[derive(Debug)]
enum Text {
    Builtin(&'static str),
    User(String),
}

impl Text {
    fn as_str(&self) -> &str {
        match self {
            Text::Builtin(s) => s,
            Text::User(s) => s,
        }
    }
}

impl Sources {
    /// The embedded tables.
    pub fn builtin() -> Sources {
        let mut sources = Sources::default();
        for &(table, text) in BUILTIN {
            sources
                .tables
                .entry(table)
                .or_default()
                .push((format!("data/lexicon/{table}"), Text::Builtin(text)));
        }
        sources
    }

    /// Adds the tables of a user directory (same layout as `data/lexicon/`), read before the
    /// embedded ones.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), LexiconError> {
        let mut files = Vec::new();
        list_files(dir, &mut files)?;
        files.sort();
        for path in files.into_iter().rev() {
            let relative = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let display = path.display().to_string();
            let Some(&(table, _)) = BUILTIN.iter().find(|(t, _)| *t == relative) else {
                let known: Vec<&str> = BUILTIN.iter().map(|(t, _)| *t).collect();
                return Err(LexiconError::UnknownTable {
                    path: display,
                    known: known.join(", "),
                });
            };
            if BUILTIN_ONLY.contains(&table) {
                return Err(LexiconError::BuiltinOnly {
                    path: display,
                    table: table.to_string(),
                });
            }
            let text = std::fs::read_to_string(&path).map_err(|source| LexiconError::Io {
                path: display.clone(),
                source,
            })?;
            self.tables
                .entry(table)
                .or_default()
                .insert(0, (display, Text::User(text)));
        }
        Ok(())
    }

    /// The rows of one table, the user's first.
    pub fn rows(&self, table: &str) -> impl Iterator<Item = Row<'_>> {
        self.tables
            .get(table)
            .into_iter()
            .flatten()
            .flat_map(|(name, text)| rows_of(name, text.as_str()))
    }

    /// The rows of the embedded table alone (tables whose values borrow the embedded text).
    pub fn builtin_rows(table: &'static str) -> impl Iterator<Item = Row<'static>> {
        BUILTIN
            .iter()
            .filter(move |(t, _)| *t == table)
            .flat_map(|&(t, text)| rows_of(t, text))
    }
}

fn rows_of<'s>(name: &'s str, text: &'s str) -> impl Iterator<Item = Row<'s>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(move |(n, l)| Row {
            file: name,
            line: n + 1,
            fields: split_tabs(l),
        })
}

/// The tab-separated fields of a line (a byte scan: fields are short, and a tab is one byte).
fn split_tabs(line: &str) -> Vec<&str> {
    let mut fields = Vec::with_capacity(10);
    let mut start = 0;
    for (at, &b) in line.as_bytes().iter().enumerate() {
        if b == b'\t' {
            fields.push(&line[start..at]);
            start = at + 1;
        }
    }
    fields.push(&line[start..]);
    fields
}

/// Every `*.tsv` file under `dir`.
fn list_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LexiconError> {
    let io = |source| LexiconError::Io {
        path: dir.display().to_string(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            list_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tsv") {
            out.push(path);
        }
    }
    Ok(())
}

/// The loaded lexicons of every recogniser. Cheap to clone (the tables are shared).
#[derive(Debug, Clone)]
pub struct Lexicons {
    /// Every word key of the tables, numbered.
    pub(crate) vocab: Arc<Vocab>,
    pub(crate) dates: Arc<date::Lexicon>,
    pub(crate) gazetteer: Arc<place::gazetteer::Gazetteer>,
    pub(crate) places: Arc<place::Lexicon>,
    pub(crate) orgs: Arc<org::Lexicon>,
    pub(crate) people: Arc<person::Lexicon>,
}

impl Lexicons {
    /// The lexicons embedded in the binary.
    pub fn builtin() -> Lexicons {
        // The embedded tables are constants of the build, checked by every test.
        Lexicons::load(&Sources::builtin()).expect("the built-in lexicons are well-formed")
    }

    /// The embedded lexicons extended by the tables of a user directory.
    pub fn with_dir(dir: &Path) -> Result<Lexicons, LexiconError> {
        let mut sources = Sources::builtin();
        sources.add_dir(dir)?;
        Lexicons::load(&sources)
    }

    /// Builds every lexicon from the given tables.
    pub fn load(sources: &Sources) -> Result<Lexicons, LexiconError> {
        let mut vocab = Vocab::default();
        let gazetteer = place::gazetteer::Gazetteer::load(sources, &mut vocab)?;
        let places = place::Lexicon::load(sources, &mut vocab)?;
        let orgs = org::Lexicon::load(sources, &mut vocab)?;
        let people = person::Lexicon::load(sources, &mut vocab)?;
        let dates = date::Lexicon::load(sources, "date/words.tsv", &mut vocab)?;
        let longest = gazetteer.max_words.max(places.max_words);
        if 2 * longest > place::MAX_PHRASE_WORDS {
            return Err(LexiconError::Row {
                file: "data/lexicon/place".to_string(),
                line: 0,
                message: format!(
                    "a place name of {longest} words; at most {} are matched",
                    place::MAX_PHRASE_WORDS / 2
                ),
            });
        }
        Ok(Lexicons {
            vocab: Arc::new(vocab),
            dates: Arc::new(dates),
            gazetteer: Arc::new(gazetteer),
            places: Arc::new(places),
            orgs: Arc::new(orgs),
            people: Arc::new(people),
        })
    }
}
