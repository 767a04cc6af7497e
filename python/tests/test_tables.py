"""tables / columns / to_pandas: the rows `tintuc export` writes."""

from __future__ import annotations

import csv
import json
import sys

import pytest

import tintuc
from conftest import SAMPLE_PAGES, dumps, run_cli

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def records():
    return [tintuc.extract(p.bytes, url=p.url) for p in SAMPLE_PAGES]


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_tables_are_the_export_tables(tintuc_bin, records, tmp_path):
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(dumps(r) + "\n" for r in records), encoding="utf-8")
    done = run_cli(tintuc_bin, "export", str(jsonl), "--format", "csv", "-o", str(tmp_path / "csv"))
    assert done.returncode == 0, done.stderr.decode()
    tables = tintuc.tables(records)
    columns = tintuc.columns()
    assert list(tables) == list(columns) == ["articles", "people", "organizations", "places", "dates"]
    for name, rows in tables.items():
        header, csv_rows = read_csv(tmp_path / "csv" / f"{name}.csv")
        assert header == [c for c, _ in columns[name]]
        assert len(rows) == len(csv_rows), name
        for row, csv_row in zip(rows, csv_rows):
            assert list(row) == header
            for (column, kind), value, cell in zip(columns[name], row.values(), csv_row):
                if value is None:
                    assert cell == "", (name, column)
                elif kind == "integer":
                    assert isinstance(value, int) and cell == str(value), (name, column)
                elif cell != value:
                    # CSV neutralises what a spreadsheet would run as a formula.
                    assert value.startswith(FORMULA_TRIGGERS) and cell == "'" + value, (name, column)
    assert len(tables["articles"]) == len(records)
    assert sum(len(r["entities"]["people"]) for r in records) == len(tables["people"])


def test_tables_take_json_lines_too(records):
    lines = [dumps(r) for r in records]
    assert tintuc.tables(lines) == tintuc.tables(records)
    assert tintuc.tables(line.encode() for line in lines) == tintuc.tables(records)


def test_a_bad_record_is_named_by_its_index(records):
    with pytest.raises(ValueError, match="record 1: not a record"):
        tintuc.tables([records[0], {"title": 5}])
    with pytest.raises(ValueError, match="record 0: not a record"):
        tintuc.tables(["{not json"])


def test_empty_input_gives_empty_tables():
    assert tintuc.tables([]) == {name: [] for name in tintuc.columns()}


def test_counts_and_dates(records):
    article = tintuc.tables(records[:1])["articles"][0]
    record = records[0]
    assert article["url"] == record["url"] and article["title"] == record["title"]
    assert article["people_count"] == len(record["entities"]["people"])
    assert article["word_count"] == len(record["text"].split())
    assert article["published"] == record["published"]


def test_to_pandas(records):
    pandas = pytest.importorskip("pandas", reason="pandas is optional: pip install pandas to test to_pandas")
    frames = tintuc.to_pandas(records)
    tables = tintuc.tables(records)
    for name, table_columns in tintuc.columns().items():
        frame = frames[name]
        assert list(frame.columns) == [c for c, _ in table_columns]
        assert len(frame) == len(tables[name])
        for column, kind in table_columns:
            if kind == "integer":
                assert str(frame[column].dtype) == "Int64"
    assert frames["articles"]["title"].tolist() == [r["title"] for r in records]
    empty = tintuc.to_pandas([])
    assert list(empty["people"].columns) == [c for c, _ in tintuc.columns()["people"]]
    assert isinstance(empty["people"], pandas.DataFrame) and empty["people"].empty


def test_to_pandas_without_pandas_says_what_to_install(records, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` fails as when it is absent
    with pytest.raises(ImportError, match="pip install pandas"):
        tintuc.to_pandas(records)


def test_records_round_trip_through_json(records):
    back = [json.loads(dumps(r)) for r in records]
    assert tintuc.tables(back) == tintuc.tables(records)
