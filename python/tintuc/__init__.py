"""tintuc: Vietnamese government news pages to structured records.

The Rust library behind the ``tintuc`` command, called in-process (PyO3). Every function returns
what the command writes: ``extract`` the record of ``tintuc extract`` (title, published, lead,
text, images, entities ...), ``ner`` the entities of ``tintuc ner``, ``read_warc`` the records of
``tintuc extract --warc``, ``tables`` the rows of ``tintuc export``. A dict serialised with
``json.dumps(d, ensure_ascii=False, separators=(",", ":"))`` is the CLI's JSONL line.

The work runs with the GIL released; ``extract_many`` and ``ner_many`` use every core.

>>> import tintuc
>>> record = tintuc.extract(html_bytes, url="https://snv.khanhhoa.gov.vn/tin-tuc/x")
>>> record["title"], record["published"], record["entities"]["people"][0]["titles"]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, Union

from ._native import (
    EXTRACTOR_VERSION,
    DecodeError,
    NotAnArticle,
    PageTooLarge,
    TintucError,
    WarcError,
    WarcRecords,
    __version__,
    columns,
    extract,
    extract_many,
    ner,
    ner_many,
    ner_spans,
    read_warc,
    tables,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "EXTRACTOR_VERSION",
    "DecodeError",
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
    "to_pandas",
]

Record = Dict[str, Any]



def to_pandas(records: Iterable[Union[Record, str, bytes]]) -> Dict[str, "pandas.DataFrame"]:
    """The tables of ``tables(records)`` as pandas DataFrames, one per table.

    Keys: ``articles``, ``people``, ``organizations``, ``places``, ``dates``; columns in the
    order of ``tintuc schema csv``, every column present even when a table has no rows. Counts
    and offsets are nullable integers (``Int64``), everything else text (``None`` when empty).
    Needs pandas (``pip install pandas``); the rest of tintuc does not.
    """
    try:
        import pandas  # noqa: F811 - imported here: pandas is optional
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("tintuc.to_pandas needs pandas: pip install pandas") from err
    rows = tables(records)
    frames = {}
    for name, table_columns in columns().items():
        names = [column for column, _ in table_columns]
        frame = pandas.DataFrame.from_records(rows[name], columns=names)
        # Counts and offsets may be empty: nullable integers. Dates stay ISO 8601 / RFC 3339 text
        # as in the records (a column mixes days and timestamps with +07:00, which no single
        # datetime dtype holds); pandas.to_datetime turns them into what an analysis needs.
        integers = {column: "Int64" for column, kind in table_columns if kind == "integer"}
        frames[name] = frame.astype(integers)
    return frames
