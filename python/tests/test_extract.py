"""extract / extract_many: the CLI's records, byte for byte, and its refusals as exceptions."""

from __future__ import annotations

import json

import pytest

import tintuc
from conftest import BAD_PAGES, SAMPLE_PAGES, dumps, run_cli


def cli_line(tintuc_bin, page) -> str:
    args = [str(page.path), "--format", "jsonl"]
    if page.url:
        args += ["--url", page.url]
    done = run_cli(tintuc_bin, "extract", *args)
    assert done.returncode == 0, done.stderr.decode()
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 1
    return lines[0]


def cli_failure(tintuc_bin, page) -> str:
    """The cause the CLI prints for a refused page (`tintuc: PATH: CAUSE`)."""
    done = run_cli(tintuc_bin, "extract", str(page.path), "--format", "jsonl", "-q")
    assert done.returncode == 1 and done.stdout == b""
    prefix = f"tintuc: {page.path}: "
    (line,) = done.stderr.decode().splitlines()
    assert line.startswith(prefix), line
    return line[len(prefix):]


@pytest.mark.parametrize("page", SAMPLE_PAGES, ids=lambda p: p.name)
def test_record_is_the_cli_record_byte_for_byte(tintuc_bin, page):
    record = tintuc.extract(page.bytes, url=page.url)
    line = cli_line(tintuc_bin, page)
    # The CLI names the file it read (`input`, the first provenance field); a page handed over
    # as bytes has no file name, so that is the one difference.
    assert line == dumps(record)[:-1] + ',"input":' + dumps(str(page.path)) + "}"
    assert record["title"] and record["text"]
    assert list(record)[:4] == ["id", "url", "canonical_url", "site"]


def test_every_sample_is_covered():
    assert len(SAMPLE_PAGES) >= 15
    assert {"windows-1258", "mojibake", "snv-khanhhoa"} <= {p.name for p in SAMPLE_PAGES}


@pytest.mark.parametrize("page", SAMPLE_PAGES, ids=lambda p: p.name)
def test_text_input_gives_the_record_of_its_utf8_bytes(page):
    raw = page.bytes
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8 bytes: a str of it would be a different page")
    from_bytes = tintuc.extract(raw, url=page.url)
    from_text = tintuc.extract(text, url=page.url)
    assert from_text == from_bytes


def test_a_str_is_read_as_text_whatever_its_meta_charset_says():
    page = next(p for p in SAMPLE_PAGES if p.name == "windows-1258")
    expected = tintuc.extract(page.bytes, url=page.url)
    as_text = page.bytes.decode("cp1258")
    record = tintuc.extract(as_text, url=page.url)
    assert record["title"] == expected["title"]
    assert record["text"] == expected["text"]
    assert record["extractor"]["encoding"] == "UTF-8"


def test_content_type_charset_is_used_for_bytes():
    page = next(p for p in SAMPLE_PAGES if p.name == "windows-1258")
    right = tintuc.extract(page.bytes, url=page.url, content_type="text/html; charset=windows-1258")
    assert right["extractor"]["encoding"] == "windows-1258"
    with pytest.raises(tintuc.DecodeError, match="content type is application/pdf"):
        tintuc.extract(page.bytes, content_type="application/pdf")


@pytest.mark.parametrize(
    "name, exception",
    [("empty.html", tintuc.DecodeError), ("image.html", tintuc.DecodeError), ("listing-liferay", tintuc.NotAnArticle)],
)
def test_refused_pages_raise_with_the_cli_cause(tintuc_bin, name, exception):
    page = next(p for p in BAD_PAGES if p.name == name)
    with pytest.raises(exception) as caught:
        tintuc.extract(page.bytes)
    err = caught.value
    assert err.cause == cli_failure(tintuc_bin, page)
    assert str(err) == err.cause
    assert isinstance(err, tintuc.TintucError) and isinstance(err, ValueError)
    assert err.input is None and err.index is None


def test_a_refused_page_with_a_url_is_named_by_it():
    page = next(p for p in BAD_PAGES if p.name == "listing-liferay")
    with pytest.raises(tintuc.NotAnArticle) as caught:
        tintuc.extract(page.bytes, url=page.url)
    assert caught.value.url == page.url
    assert str(caught.value) == f"{page.url}: {caught.value.cause}"
    assert caught.value.cause.startswith("no article found")


def test_a_page_over_the_limit_is_refused_before_any_work():
    with pytest.raises(tintuc.PageTooLarge, match="over the limit of 20971520 bytes"):
        tintuc.extract(b"<html>" + b" " * (20 * 1024 * 1024))


def test_wrong_argument_types_are_type_errors():
    with pytest.raises(TypeError, match="bytes or str, not int"):
        tintuc.extract(42)
    with pytest.raises(TypeError):
        tintuc.extract_many([b"<p>a</p>", None])


def test_profiles_none_and_a_file(tmp_path):
    page = next(p for p in SAMPLE_PAGES if p.name == "vnexpress")
    with_profiles = tintuc.extract(page.bytes, url=page.url)
    generic = tintuc.extract(page.bytes, url=page.url, profiles="none")
    assert with_profiles["extractor"]["profile"] == "vnexpress"
    assert generic["extractor"]["profile"] == "generic"
    with pytest.raises(FileNotFoundError) as missing:
        tintuc.extract(page.bytes, profiles=tmp_path / "missing.toml")
    assert missing.value.filename.endswith("missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[profile]]\nname = 3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.toml"):
        tintuc.extract(page.bytes, profiles=str(broken))


def test_extract_many_gives_extract_for_every_page_in_order():
    pages = [p.bytes for p in SAMPLE_PAGES]
    urls = [p.url for p in SAMPLE_PAGES]
    expected = [tintuc.extract(b, url=u) for b, u in zip(pages, urls)]
    for threads in (1, 2, 3):
        assert tintuc.extract_many(pages, urls, threads=threads) == expected
    assert tintuc.extract_many(iter(pages), urls) == expected


def test_extract_many_errors_raise_skip_or_return():
    good = next(p for p in SAMPLE_PAGES if p.url)
    listing = next(p for p in BAD_PAGES if p.name == "listing-liferay")
    pages = [good.bytes, listing.bytes, b"", good.bytes]
    urls = [good.url, listing.url, None, good.url]

    with pytest.raises(tintuc.NotAnArticle) as caught:
        tintuc.extract_many(pages, urls, threads=2, errors="raise")
    assert caught.value.index == 1 and caught.value.url == listing.url

    kept = tintuc.extract_many(pages, urls, errors="skip")
    assert [r["url"] for r in kept] == [good.url, good.url]

    aligned = tintuc.extract_many(pages, urls)
    explicit = tintuc.extract_many(pages, urls, errors="return")
    # "return" is the default (exceptions are new objects each time: compare what they say).
    assert [repr(x) if isinstance(x, Exception) else x for x in aligned] == [
        repr(x) if isinstance(x, Exception) else x for x in explicit
    ]
    assert len(aligned) == 4
    assert isinstance(aligned[1], tintuc.NotAnArticle) and aligned[1].index == 1
    assert isinstance(aligned[2], tintuc.DecodeError) and aligned[2].cause == "empty input"
    assert aligned[2].input == "page 2" and str(aligned[2]) == "page 2: empty input"
    assert aligned[0] == aligned[3] == tintuc.extract(good.bytes, url=good.url)


def test_extract_many_checks_its_arguments():
    with pytest.raises(ValueError, match="2 pages but 1 urls"):
        tintuc.extract_many([b"<p>a</p>", b"<p>b</p>"], ["https://a.gov.vn/x"])
    with pytest.raises(ValueError, match="threads must be at least 1"):
        tintuc.extract_many([], threads=0)
    with pytest.raises(ValueError, match='errors="ignore"'):
        tintuc.extract_many([], errors="ignore")
    assert tintuc.extract_many([]) == []


def test_records_are_plain_json_values():
    page = SAMPLE_PAGES[0]
    record = tintuc.extract(page.bytes, url=page.url)
    assert json.loads(json.dumps(record)) == record
    assert set(record["entities"]) == {"dates", "places", "people", "organizations"}
