"""Shared fixtures: the repository's samples, the `tintuc` binary to compare with, WARC files.

The binary is `$TINTUC_BIN` when set (.ci/run sets it to the one `cargo test` just built), else
`cargo build --bin tintuc` is run once so the comparison is always with the same source tree.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
WARC_FIXTURES = ROOT / "tests" / "fixtures" / "warc"


@dataclass
class Page:
    name: str
    path: Path
    url: Optional[str]

    @property
    def bytes(self) -> bytes:
        return self.path.read_bytes()


def _pages(folder: Path) -> List[Page]:
    pages = []
    for entry in sorted(folder.iterdir()):
        source = entry / "source.html" if entry.is_dir() else entry
        if not source.is_file():
            continue
        url_file = entry / "url.txt"
        url = url_file.read_text(encoding="utf-8").strip() if url_file.is_file() else None
        pages.append(Page(entry.name, source, url))
    return pages


SAMPLE_PAGES = _pages(SAMPLES / "pages")
BAD_PAGES = _pages(SAMPLES / "bad")
SAMPLE_TEXTS = sorted((SAMPLES / "texts").glob("*.txt"))


@pytest.fixture(scope="session")
def tintuc_bin() -> Path:
    given = os.environ.get("TINTUC_BIN")
    if given:
        path = Path(given)
        if not path.is_absolute():
            path = ROOT / path
        assert path.is_file(), f"TINTUC_BIN={given} does not exist"
        return path
    subprocess.run(["cargo", "build", "--quiet", "--bin", "tintuc"], cwd=ROOT, check=True)
    return ROOT / "target" / "debug" / "tintuc"


def run_cli(binary: Path, *args: str, stdin: Optional[bytes] = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(binary), *args], input=stdin, capture_output=True, cwd=ROOT, check=False
    )


def dumps(value) -> str:
    """A value serialised as the CLI serialises JSONL lines."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def warc_record(warc_type: str, uri: str, block: bytes, extra: str = "") -> bytes:
    """One WARC/1.1 record (headers, block, CRLF CRLF), as the spec lays it out."""
    head = (
        f"WARC/1.1\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2024-05-06T07:08:09Z\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, warc_type + uri)}>\r\n"
        f"{extra}Content-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK") -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


def write_warc(path: Path, pages: List[Page], extras: bool = True) -> Path:
    """A .warc.gz (one gzip member per record) holding the pages as HTTP responses, plus (with
    `extras`) a warcinfo record, a request, an image, a redirect and a 404."""
    records = [warc_record("warcinfo", "", b"software: tintuc tests\r\n", "Content-Type: application/warc-fields\r\n")]
    for index, page in enumerate(pages):
        uri = page.url or f"https://example.gov.vn/tin-tuc/sample-{index}.html"
        if extras:
            records.append(warc_record("request", uri, f"GET / HTTP/1.1\r\nHost: x\r\n\r\n".encode(), "Content-Type: application/http; msgtype=request\r\n"))
        records.append(
            warc_record("response", uri, http_response(page.bytes, "text/html"), "Content-Type: application/http; msgtype=response\r\n")
        )
    if extras:
        http = "Content-Type: application/http; msgtype=response\r\n"
        records.append(warc_record("response", "https://example.gov.vn/logo.png", http_response(b"\x89PNG\r\n\x1a\n....", "image/png"), http))
        records.append(warc_record("response", "https://example.gov.vn/old", http_response(b"", "text/html", "301 Moved Permanently"), http))
        records.append(warc_record("response", "https://example.gov.vn/gone", http_response(b"<html>gone</html>", "text/html", "404 Not Found"), http))
    with open(path, "wb") as out:
        for record in records:
            out.write(gzip.compress(record))
    return path


def write_damaged_warc(path: Path, pages: List[Page]) -> Path:
    """A plain .warc with the pages as responses and, after the first one, a record whose block
    is longer than its Content-Length says (corrupt: reading resumes at the next record)."""
    http = "Content-Type: application/http; msgtype=response\r\n"
    records = [
        warc_record("response", page.url or f"https://example.gov.vn/tin-tuc/damaged-{i}.html", http_response(page.bytes, "text/html"), http)
        for i, page in enumerate(pages)
    ]
    broken = b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.gov.vn/x\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"
    path.write_bytes(records[0] + broken + b"".join(records[1:]))
    return path
