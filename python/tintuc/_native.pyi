"""Type stubs of the Rust module `tintuc._native` (re-exported by `tintuc`)."""

from os import PathLike
from typing import Any, Dict, Iterable, Iterator, List, Literal, Optional, Sequence, Tuple, Union, final, overload

_Record = Dict[str, Any]
"""A record as `tintuc extract` writes it: `schemas/record.schema.json`, keys in the CLI's order."""
_Entities = Dict[str, List[Dict[str, Any]]]
"""`{"dates": [...], "places": [...], "people": [...], "organizations": [...]}`."""
_Html = Union[bytes, bytearray, str]
_StrPath = Union[str, "PathLike[str]"]

__all__ = [
    "DecodeError",
    "EXTRACTOR_VERSION",
    "NotAnArticle",
    "PageTooLarge",
    "TintucError",
    "WarcError",
    "WarcRecords",
    "__version__",
    "columns",
    "extract",
    "extract_many",
    "ner",
    "ner_many",
    "ner_spans",
    "read_warc",
    "tables",
]

__version__: str
EXTRACTOR_VERSION: str

class TintucError(ValueError):
    """Base class of tintuc's errors. The message is `"{input}: {cause}"` (just `cause` when
    there is no input name), the line the CLI prints for the same failure."""

    cause: str
    """Why: "no article found: ...", "empty input", "not HTML: input is a PNG image", ..."""
    input: Optional[str]
    """What failed: the page's URL, `page N` in a batch, `FILE: offset N: URL` in a WARC file."""
    url: Optional[str]
    index: Optional[int]
    """Position in the batch (`extract_many`, `ner_many`)."""
    warc_file: Optional[str]
    warc_offset: Optional[int]

class NotAnArticle(TintucError):
    """The page holds no article: a listing, a home page, a page without a title or text."""

class DecodeError(TintucError):
    """The input is not an HTML page that can be decoded: empty, an image, a PDF, binary data."""

class PageTooLarge(TintucError):
    """The page is over a limit: its size (20 MiB), or its complexity (nesting, attributes or
    elements beyond what any real page has; the cause says which)."""

class WarcError(TintucError):
    """A WARC record that cannot be read (truncated, corrupt); `warc_file`, `warc_offset` say where."""

def extract(
    html: _Html,
    url: Optional[str] = None,
    profiles: Optional[_StrPath] = None,
    *,
    content_type: Optional[str] = None,
) -> _Record:
    """Extract the article of one HTML page: the record `tintuc extract` writes.

    `html` is the page as bytes (decoded as a browser would: BOM, the `content_type` charset,
    `<meta charset>`, a detector) or as str (already text). `url` is the page's original address
    (site profile, absolute links, the `url` field). `profiles` is a TOML file of extra site
    profiles, or `"none"` for the generic extractor alone.

    Raises `NotAnArticle` (listings, home pages), `DecodeError` (not an HTML page) or
    `PageTooLarge`, each with `.cause`. Releases the GIL while it works.
    """

@overload
def extract_many(
    pages: Iterable[_Html],
    urls: Optional[Sequence[Optional[str]]] = None,
    profiles: Optional[_StrPath] = None,
    *,
    threads: Optional[int] = None,
    errors: Literal["raise", "skip"],
) -> List[_Record]: ...
@overload
def extract_many(
    pages: Iterable[_Html],
    urls: Optional[Sequence[Optional[str]]] = None,
    profiles: Optional[_StrPath] = None,
    *,
    threads: Optional[int] = None,
    errors: Literal["return"] = "return",
) -> List[Union[_Record, TintucError]]:
    """Extract many pages on `threads` threads (all cores by default), without the GIL.

    `urls`, when given, has one URL (or None) per page. Results are in input order. A page
    without a record: `errors="return"` (default) puts the exception (with `.index`) in its
    place, so one refused page never costs the others; `"skip"` leaves it out; `"raise"` raises
    the first failure in input order after the whole batch ran.
    """

def ner(text: str, published: Optional[str] = None) -> _Entities:
    """_Entities of a plain text, as `tintuc ner` writes them. `published` (`YYYY-MM-DD`, or an
    RFC 3339 timestamp) resolves dates written without a year. Releases the GIL."""

def ner_spans(text: str, published: Optional[str] = None) -> List[Dict[str, Any]]:
    """Flat mentions of a plain text, as `tintuc ner --spans` writes them: `type`, `start`,
    `end` (code points), `text`, `rule` and, where they apply, `titles`, `honorific`, `value`."""

def ner_many(
    texts: Iterable[str],
    published: Union[None, str, Sequence[Optional[str]]] = None,
    *,
    threads: Optional[int] = None,
) -> List[_Entities]:
    """_Entities of many texts on `threads` threads (all cores by default), without the GIL, in
    input order. `published` is one date for all texts or one date (or None) per text."""

@final
class WarcRecords(Iterator[_Record]):
    """The records of one WARC file, in file order (from `read_warc`)."""

    @property
    def skipped(self) -> int:
        """Records passed over so far: no HTML page in them, or a page that is not an article."""
    @property
    def failed(self) -> int:
        """Records that failed so far: corrupt WARC records, undecodable pages."""
    @property
    def file(self) -> str:
        """The WARC file, as given."""
    def __iter__(self) -> "WarcRecords": ...
    def __next__(self) -> _Record: ...

@overload
def read_warc(
    path: _StrPath,
    profiles: Optional[_StrPath] = None,
    *,
    threads: Optional[int] = 1,
    errors: Literal["raise", "skip"] = "raise",
) -> WarcRecords: ...
@overload
def read_warc(
    path: _StrPath,
    profiles: Optional[_StrPath] = None,
    *,
    threads: Optional[int] = 1,
    errors: Literal["return"],
) -> Iterator[Union[_Record, TintucError]]:
    """The records of the article pages of a WARC file (tintuc, wget, Heritrix; `.warc` or
    `.warc.gz`), as `tintuc extract --warc` writes them, with `warc_file`, `warc_offset`,
    `fetched_at` and `status`.

    Read lazily, `threads` pages at a time (None: all cores). Records without an HTML page and
    pages that are not articles are skipped and counted (`.skipped`). A corrupt record or an
    undecodable page: `errors="raise"` raises `WarcError` / `DecodeError` (iterating again goes on
    with the next record), `"skip"` counts it (`.failed`), `"return"` yields the exception. A
    file that cannot be opened raises `OSError` at once.
    """

def tables(records: Iterable[Union[_Record, str, bytes]]) -> Dict[str, List[Dict[str, Any]]]:
    """The rows of the tables of `tintuc export`: `articles`, `people`, `organizations`,
    `places`, `dates`; one dict per row with the keys in column order (`columns()`), None for an
    empty cell, int for counts and offsets, str for text and dates. Records are dicts or JSONL
    lines."""

def columns() -> Dict[str, List[Tuple[str, Literal["string", "integer", "date"]]]]:
    """Each table's columns in order, with their kind (`tintuc schema csv` documents them)."""
