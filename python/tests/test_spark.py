"""examples/spark_warc.py in Spark local mode: both routes write the records read_warc gives.

Skipped, saying why, when pyspark or Java is missing (`pip install pyspark`; Java 17).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys

import pytest

import tintuc
from conftest import BAD_PAGES, ROOT, SAMPLE_PAGES, WARC_FIXTURES, write_warc

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark): the Spark example is not run")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("no Java (java on PATH or JAVA_HOME): the Spark example is not run", allow_module_level=True)


def load_example():
    spec = importlib.util.spec_from_file_location("spark_warc", ROOT / "examples" / "spark_warc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("tintuc-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_both_routes_write_the_records_as_parquet(spark, tintuc_bin, tmp_path):
    example = load_example()
    listing = next(p for p in BAD_PAGES if p.name == "listing-liferay")
    paths = [
        str(write_warc(tmp_path / "a.warc.gz", SAMPLE_PAGES[:9] + [listing])),
        str(write_warc(tmp_path / "b.warc.gz", SAMPLE_PAGES[9:], extras=False)),
        str(WARC_FIXTURES / "damaged.warc"),
    ]
    out = tmp_path / "out"
    summary = example.run(spark, paths, str(out), tintuc_bin=str(tintuc_bin))

    readers = [tintuc.read_warc(p, errors="skip") for p in paths]
    records = [r for reader in readers for r in reader]
    expected_tables = tintuc.tables(records)
    assert summary["pipe"] == len(records) >= len(SAMPLE_PAGES)
    assert summary["binding"]["failures"] == sum(r.failed for r in readers) > 0

    def key(row):
        return (row["warc_file"], row["warc_offset"])

    articles = [r.asDict() for r in spark.read.parquet(str(out / "binding" / "articles")).collect()]
    assert sorted(articles, key=key) == sorted(expected_tables["articles"], key=key)
    for table, rows in expected_tables.items():
        written = spark.read.parquet(str(out / "binding" / table))
        assert written.count() == len(rows) == summary["binding"][table], table
        assert written.columns == [c for c, _ in tintuc.columns()[table]]

    piped = spark.read.parquet(str(out / "pipe" / "records"))
    got = sorted((r["warc_file"], r["warc_offset"], r["url"], r["title"], r["published"]) for r in piped.collect())
    want = sorted((r["warc_file"], r["warc_offset"], r["url"], r["title"], r["published"]) for r in records)
    assert got == want
    people = piped.selectExpr("explode(entities.people) AS person").count()
    assert people == len(expected_tables["people"])
