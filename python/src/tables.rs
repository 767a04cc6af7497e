//! `tables(records)` and `columns()`: the spreadsheet tables of `tintuc export`, as Python rows.
//!
//! Rows come from `output::tables` (the one place their columns are defined): one dict per row,
//! keys in column order, `None` for an empty cell, `int` for counts and offsets, `str` for text
//! and for dates (ISO 8601 / RFC 3339 as in the record).

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use tintuc::output::{Cell, Table};

use crate::convert::record_from_py;

/// The rows of the tables of `tintuc export` (`articles`, `people`, `organizations`, `places`,
/// `dates`) for these records (dicts, or JSONL lines as str or bytes): one dict per row, keys in
/// column order (`columns()`), None for an empty cell, int for counts and offsets, str for text
/// and dates.
#[pyfunction]
pub fn tables<'py>(records: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
    let py = records.py();
    let lists: Vec<Bound<'py, PyList>> = Table::ALL.iter().map(|_| PyList::empty(py)).collect();
    let names: Vec<Vec<Bound<'py, pyo3::types::PyString>>> = Table::ALL
        .iter()
        .map(|table| {
            table
                .columns()
                .iter()
                .map(|c| pyo3::types::PyString::intern(py, c.name))
                .collect()
        })
        .collect();
    for (index, item) in records.try_iter()?.enumerate() {
        let record = record_from_py(&item?).map_err(|e| {
            pyo3::exceptions::PyValueError::new_err(format!("record {index}: {}", e.value(py)))
        })?;
        for ((table, list), names) in Table::ALL.iter().zip(&lists).zip(&names) {
            for row in table.rows(&record) {
                let dict = PyDict::new(py);
                for (name, cell) in names.iter().zip(row) {
                    match cell {
                        Cell::Empty => dict.set_item(name, py.None())?,
                        Cell::Text(text) | Cell::Date(text) => dict.set_item(name, text)?,
                        Cell::Integer(n) => dict.set_item(name, n)?,
                    }
                }
                list.append(dict)?;
            }
        }
    }
    let out = PyDict::new(py);
    for (table, list) in Table::ALL.iter().zip(lists) {
        out.set_item(table.name(), list)?;
    }
    Ok(out)
}

/// Every table's columns in order, as `(name, kind)` with kind `string`, `integer` or `date`.
#[pyfunction]
pub fn columns(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let out = PyDict::new(py);
    for table in Table::ALL {
        let columns = table
            .columns()
            .iter()
            .map(|c| PyTuple::new(py, [c.name, c.kind.name()]))
            .collect::<PyResult<Vec<_>>>()?;
        out.set_item(table.name(), PyList::new(py, columns)?)?;
    }
    Ok(out)
}
