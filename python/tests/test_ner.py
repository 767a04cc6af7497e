"""ner / ner_spans / ner_many: the entities `tintuc ner` writes, byte for byte."""

from __future__ import annotations

import pytest

import tintuc
from conftest import SAMPLE_TEXTS, dumps, run_cli

# A publication date per sample text (the texts name their year; the day is arbitrary).
PUBLISHED = ["2025-03-01", "2024-05-20", "2023-07-18"]


def cli_ner(tintuc_bin, path, *options):
    done = run_cli(tintuc_bin, "ner", str(path), "--input-format", "text", *options)
    assert done.returncode == 0, done.stderr.decode()
    (line,) = done.stdout.decode().splitlines()
    return line


@pytest.mark.parametrize("path", SAMPLE_TEXTS, ids=lambda p: p.name)
@pytest.mark.parametrize("published", [None, "2023-07-18"])
def test_entities_are_the_cli_entities_byte_for_byte(tintuc_bin, path, published):
    text = path.read_text(encoding="utf-8")
    options = ["--published", published] if published else []
    line = cli_ner(tintuc_bin, path, *options)
    entities = tintuc.ner(text, published)
    assert line == '{"id":' + dumps(str(path)) + ',"entities":' + dumps(entities) + "}"
    assert entities["people"] and entities["organizations"] and entities["dates"]


@pytest.mark.parametrize("path", SAMPLE_TEXTS, ids=lambda p: p.name)
def test_spans_are_the_cli_spans_byte_for_byte(tintuc_bin, path):
    text = path.read_text(encoding="utf-8")
    line = cli_ner(tintuc_bin, path, "--spans", "--published", "2024-01-02")
    spans = tintuc.ner_spans(text, published="2024-01-02")
    assert line == '{"id":' + dumps(str(path)) + ',"mentions":' + dumps(spans) + "}"
    for mention in spans:
        assert text[mention["start"]:mention["end"]] == mention["text"]


def test_the_publication_date_resolves_years():
    without = tintuc.ner("Hội nghị diễn ra ngày 15/7.")
    with_date = tintuc.ner("Hội nghị diễn ra ngày 15/7.", published="2023-08-01")
    assert [d["value"] for d in with_date["dates"]] == ["2023-07-15"]
    assert [d["value"] for d in without["dates"]] != ["2023-07-15"]
    # An RFC 3339 timestamp (a record's `published`) is accepted too.
    assert tintuc.ner("ngày 15/7", published="2023-08-01T09:30:00+07:00") == tintuc.ner("ngày 15/7", "2023-08-01")


def test_bad_dates_are_value_errors():
    with pytest.raises(ValueError, match='published="15/7/2023": not a YYYY-MM-DD date'):
        tintuc.ner("x", published="15/7/2023")
    with pytest.raises(ValueError, match="not a YYYY-MM-DD date"):
        tintuc.ner_many(["x", "y"], published=["2023-01-01", "soon"])


def test_ner_many_gives_ner_for_every_text_in_order():
    texts = [p.read_text(encoding="utf-8") for p in SAMPLE_TEXTS] * 3
    dates = PUBLISHED * 3
    expected = [tintuc.ner(t, d) for t, d in zip(texts, dates)]
    for threads in (1, 2, 4):
        assert tintuc.ner_many(texts, dates, threads=threads) == expected
    one_date = [tintuc.ner(t, "2024-06-01") for t in texts]
    assert tintuc.ner_many(texts, "2024-06-01") == one_date
    assert tintuc.ner_many(iter(texts)) == [tintuc.ner(t) for t in texts]
    assert tintuc.ner_many([]) == []


def test_ner_many_checks_its_arguments():
    with pytest.raises(ValueError, match="2 texts but 1 published dates"):
        tintuc.ner_many(["a", "b"], ["2023-01-01"])
    with pytest.raises(TypeError):
        tintuc.ner_many([b"bytes are not text"])
    with pytest.raises(ValueError, match="threads must be at least 1"):
        tintuc.ner_many(["a"], threads=0)
