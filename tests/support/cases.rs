//! Case tables: TOML files under `tests/cases/` holding one `[[case]]` array, checked case by case
//! with every failure reported at once, by case name.

use serde::de::DeserializeOwned;

#[derive(serde::Deserialize)]
struct Table<C> {
    case: Vec<C>,
}

/// The cases of `tests/cases/<file>`; panics naming the file when it does not parse.
pub fn load<C: DeserializeOwned>(file: &str) -> Vec<C> {
    let path = super::root().join("tests/cases").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("tests/cases/{file}: {e}"));
    match toml::from_str::<Table<C>>(&text) {
        Ok(table) => table.case,
        Err(e) => panic!("tests/cases/{file}: {e}"),
    }
}

/// Panics with every failure of a table, and when the table is smaller than `at_least` cases.
pub fn assert_all_pass(file: &str, total: usize, at_least: usize, failures: &[String]) {
    assert!(
        total >= at_least,
        "tests/cases/{file}: only {total} cases, expected at least {at_least}"
    );
    assert!(
        failures.is_empty(),
        "tests/cases/{file}: {} of {total} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
