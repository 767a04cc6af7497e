"""WARC files -> tintuc records -> Parquet, with PySpark.

`tintuc extract --warc` is a map step, so Spark can run it over an archive of any size, one WARC
file per task. Two routes, the same records:

* ``binding``: each task reads its WARC files with the Python package (``tintuc.read_warc``,
  in-process, no subprocess) and turns the records into the rows of the five export tables
  (``tintuc.tables``); each table is written as typed Parquet under ``OUT/binding/<table>/``
  (``articles``, ``people``, ``organizations``, ``places``, ``dates``), and the records that could
  not be read under ``OUT/binding/failures/``. Needs the ``tintuc`` wheel on every executor.
* ``pipe``: each task pipes its WARC paths to the ``tintuc`` binary
  (``tintuc extract -q --format jsonl --warc -`` reads paths on stdin) and Spark reads the JSONL
  lines as nested records, written under ``OUT/pipe/records/``. Needs the binary on every executor.

Usage::

    spark-submit examples/spark_warc.py OUT archive/*.warc.gz
    python examples/spark_warc.py --master 'local[2]' --route binding OUT archive/*.warc.gz

Paths must be readable by every executor (a shared file system, or local mode).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

import tintuc

ROUTES = ("binding", "pipe")
# Records turned into table rows at a time inside a task: keeps a task's memory flat on large
# WARC files.
RECORDS_PER_CHUNK = 200
FAILURE_COLUMNS = [("input", "string"), ("warc_file", "string"), ("warc_offset", "integer"), ("cause", "string")]


def table_rows(paths: Iterable[str], profiles: Optional[str] = None) -> Iterator[Tuple[str, tuple]]:
    """(table, row) for every row of every table of the records of these WARC files; records
    that could not be read become rows of a ``failures`` table. Runs on the executors."""

    def rows_of(records: List[dict]) -> Iterator[Tuple[str, tuple]]:
        for table, rows in tintuc.tables(records).items():
            for row in rows:
                yield table, tuple(row.values())

    for path in paths:
        chunk: List[dict] = []
        for item in tintuc.read_warc(path, profiles, errors="return"):
            if isinstance(item, tintuc.TintucError):
                yield "failures", (item.input or item.warc_file, item.warc_file, item.warc_offset, item.cause)
                continue
            chunk.append(item)
            if len(chunk) == RECORDS_PER_CHUNK:
                yield from rows_of(chunk)
                chunk = []
        yield from rows_of(chunk)


def spark_schema(columns: Sequence[Tuple[str, str]]):
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    return StructType([StructField(name, LongType() if kind == "integer" else StringType(), True) for name, kind in columns])


def run_binding(spark, paths: List[str], out: str, profiles: Optional[str] = None) -> Dict[str, int]:
    """The binding route; returns the number of rows written per table."""
    tables: Dict[str, Sequence[Tuple[str, str]]] = dict(tintuc.columns())
    tables["failures"] = FAILURE_COLUMNS
    rows = spark.sparkContext.parallelize(paths, len(paths)).mapPartitions(lambda part: table_rows(part, profiles))
    rows = rows.persist()  # extraction runs once for all the tables
    written = {}
    for table, columns in tables.items():
        values = rows.filter(lambda row, table=table: row[0] == table).map(lambda row: row[1])
        frame = spark.createDataFrame(values, spark_schema(columns))
        frame.write.mode("overwrite").parquet(os.path.join(out, "binding", table))
        written[table] = frame.count()
    rows.unpersist()
    return written


def run_pipe(spark, paths: List[str], out: str, tintuc_bin: str = "tintuc") -> int:
    """The pipe route; returns the number of records written."""
    command = f"{shlex.quote(tintuc_bin)} extract -q --format jsonl --warc -"
    lines = spark.sparkContext.parallelize(paths, len(paths)).pipe(command).cache()
    records = spark.read.json(lines)  # schema inferred from the records (nested)
    records.write.mode("overwrite").parquet(os.path.join(out, "pipe", "records"))
    count = records.count()
    lines.unpersist()
    return count


def run(spark, paths: List[str], out: str, routes=ROUTES, tintuc_bin: str = "tintuc", profiles: Optional[str] = None) -> dict:
    paths = [os.path.abspath(p) for p in paths]
    summary: Dict[str, object] = {}
    if "binding" in routes:
        summary["binding"] = run_binding(spark, paths, out, profiles)
    if "pipe" in routes:
        summary["pipe"] = run_pipe(spark, paths, out, tintuc_bin)
    return summary


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="output folder (Parquet datasets are written under it)")
    parser.add_argument("warcs", nargs="+", help="WARC files (.warc or .warc.gz)")
    parser.add_argument("--route", choices=ROUTES + ("both",), default="both")
    parser.add_argument("--tintuc", default=shutil.which("tintuc") or "tintuc", help="the tintuc binary (pipe route)")
    parser.add_argument("--profiles", help="extra site profiles (TOML), binding route")
    parser.add_argument("--master", help="Spark master, e.g. local[4] (default: from spark-submit)")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    # In local mode the Python workers must be this interpreter (the one with tintuc installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("tintuc-warc")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        routes = ROUTES if args.route == "both" else (args.route,)
        summary = run(spark, args.warcs, args.out, routes, args.tintuc, args.profiles)
    finally:
        spark.stop()
    for route, written in summary.items():
        print(f"{route}: {written}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
