"""read_warc: the records `tintuc extract --warc` writes, with offsets, in file order."""

from __future__ import annotations

import re

import pytest

import tintuc
from conftest import BAD_PAGES, SAMPLE_PAGES, WARC_FIXTURES, dumps, run_cli, write_damaged_warc, write_warc


def cli_warc(tintuc_bin, path):
    """The CLI's JSONL lines, and its summary counts (extracted, failed, skipped)."""
    done = run_cli(tintuc_bin, "extract", "--warc", str(path), "--format", "jsonl")
    lines = done.stdout.decode().splitlines()
    summary = done.stderr.decode().splitlines()[-1]
    found = re.fullmatch(r"(\d+) extracted, (\d+) failed(?:, (\d+) WARC records without an article skipped)?", summary)
    assert found, summary
    extracted, failed, skipped = (int(n or 0) for n in found.groups())
    assert extracted == len(lines)
    return lines, failed, skipped


@pytest.fixture(scope="module")
def sample_warc(tmp_path_factory):
    listing = next(p for p in BAD_PAGES if p.name == "listing-liferay")
    return write_warc(tmp_path_factory.mktemp("warc") / "samples.warc.gz", SAMPLE_PAGES + [listing])


@pytest.fixture(scope="module")
def damaged_warc(tmp_path_factory):
    return write_damaged_warc(tmp_path_factory.mktemp("warc") / "damaged.warc", SAMPLE_PAGES[:3])


def test_records_are_the_cli_records_byte_for_byte(tintuc_bin, sample_warc, damaged_warc):
    fixtures = sorted(p for p in WARC_FIXTURES.iterdir() if ".warc" in p.name)
    assert len(fixtures) >= 5
    for path in fixtures + [sample_warc, damaged_warc]:
        lines, failed, skipped = cli_warc(tintuc_bin, path)
        records = tintuc.read_warc(str(path), errors="skip")
        assert [dumps(r) for r in records] == lines, path.name
        assert (records.failed, records.skipped) == (failed, skipped), path.name


def test_every_sample_page_comes_back_with_its_offset(sample_warc):
    records = list(tintuc.read_warc(sample_warc))
    assert [r["url"] for r in records] == [p.url or f"https://example.gov.vn/tin-tuc/sample-{i}.html" for i, p in enumerate(SAMPLE_PAGES)]
    offsets = [r["warc_offset"] for r in records]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)
    raw = sample_warc.read_bytes()
    for record in records:
        assert record["warc_file"] == str(sample_warc) == record["input"]
        assert raw[record["warc_offset"]:record["warc_offset"] + 2] == b"\x1f\x8b"  # a gzip member
        assert record["fetched_at"] == "2024-05-06T07:08:09Z" and record["status"] == 200
    # The listing, the image, the redirect and the 404 are passed over, not failures.
    assert records and (len(records), 0) == (len(SAMPLE_PAGES), 0)


def test_counts_grow_as_the_file_is_read(sample_warc):
    records = tintuc.read_warc(sample_warc)
    assert (records.skipped, records.failed) == (0, 0)
    assert records.file == str(sample_warc)
    assert iter(records) is records
    list(records)
    assert records.skipped == 4 and records.failed == 0
    assert next(records, None) is None


def test_threads_keep_file_order(sample_warc):
    one = list(tintuc.read_warc(sample_warc, threads=1))
    assert list(tintuc.read_warc(sample_warc, threads=3)) == one
    assert list(tintuc.read_warc(sample_warc, threads=None)) == one


def test_a_corrupt_record_raises_and_reading_goes_on(damaged_warc):
    damaged = damaged_warc
    expected = list(tintuc.read_warc(damaged, errors="skip"))
    assert len(expected) == 3
    records = tintuc.read_warc(damaged)
    seen, failures = [], []
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except tintuc.WarcError as err:
            failures.append(err)
            continue
        seen.append(record)
    assert seen == expected
    assert len(failures) == records.failed == 1
    for err in failures:
        assert err.warc_file == str(damaged) and isinstance(err.warc_offset, int)
        assert str(err).startswith(f"{damaged}: offset {err.warc_offset}: ")


def test_errors_return_puts_the_failure_in_file_order(damaged_warc):
    items = list(tintuc.read_warc(damaged_warc, errors="return"))
    assert [type(i) for i in items] == [dict, tintuc.WarcError, dict, dict]
    assert [i for i in items if isinstance(i, dict)] == list(tintuc.read_warc(damaged_warc, errors="skip"))
    assert items[0]["warc_offset"] < items[1].warc_offset < items[2]["warc_offset"]


def test_a_missing_file_is_an_os_error_at_once(tmp_path):
    with pytest.raises(FileNotFoundError) as caught:
        tintuc.read_warc(tmp_path / "none.warc.gz")
    assert caught.value.filename == str(tmp_path / "none.warc.gz")
    with pytest.raises(ValueError, match="errors="):
        tintuc.read_warc(WARC_FIXTURES / "plain.warc", errors="ignore")
