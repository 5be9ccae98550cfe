"""Exports: every table and view, CSV with BOM, no raw bytes outside Parquet, the synthetic flag on every
row from a report, and a data dictionary describing every exported column."""

from __future__ import annotations

import zipfile

import polars as pl
import pytest

from tests.store.helpers import parsed, table3
from xxgk import database
from xxgk.export import export, objects
from xxgk.report import SYNTHETIC_MARK
from xxgk.store.writer import Writer


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "x.duckdb"
    with Writer(path) as w:
        w.write([parsed("示例市明湖区教育局", 2022, table3(3, 1), synthetic=True),
                 parsed("宁波市鄞州区教育局", 2022, table3(5, None))])
    return path


def test_csv_export_has_every_object_with_bom_and_the_synthetic_label(db, tmp_path):
    files = export(tmp_path / "out", "csv", db=db)
    con = database.open_read(db)
    names = {n for n, _ in objects(con)}
    con.close()
    assert {f.stem for f in files} == names | {"data_dictionary"}
    for f in files:
        assert f.read_bytes().startswith(b"\xef\xbb\xbf"), f.name
    cells = pl.read_csv(tmp_path / "out" / "cells.csv", encoding="utf8-lossy")
    cells = cells.rename({cells.columns[0]: cells.columns[0].lstrip("\ufeff")})
    assert set(cells["数据性质"]) == {SYNTHETIC_MARK, "真实报告"}
    # a blank cell stays blank in the file, not 0
    blank = cells.filter((pl.col("row_key") == "granted") & (pl.col("col_key") == "total")
                         & (pl.col("数据性质") == "真实报告"))
    assert blank["value"].to_list() == [None]
    header = (tmp_path / "out" / "sources.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "content" not in header.split(",") and "synthetic" in header


def test_parquet_keeps_the_source_bytes_and_the_dictionary_covers_every_column(db, tmp_path):
    export(tmp_path / "pq", "parquet", db=db)
    sources = pl.read_parquet(tmp_path / "pq" / "sources.parquet")
    assert sources["content"].dtype == pl.Binary and sources.height == 2
    dictionary = pl.read_parquet(tmp_path / "pq" / "data_dictionary.parquet")
    for f in (tmp_path / "pq").glob("*.parquet"):
        if f.stem == "data_dictionary":
            continue
        documented = set(dictionary.filter(pl.col("object") == f.stem)["column"])
        assert set(pl.read_parquet_schema(f)) == documented, f.stem
    facts = dictionary.filter(pl.col("column") == "t3_granted__natural_person")
    assert facts["description"][0] == "表三 （一）予以公开 / 自然人"


def test_xlsx_export_writes_one_workbook_per_object(db, tmp_path):
    files = export(tmp_path / "x", "xlsx", db=db)
    assert all(f.suffix == ".xlsx" and f.stat().st_size > 0 for f in files)
    with zipfile.ZipFile(tmp_path / "x" / "reports.xlsx") as z:
        strings = z.read("xl/sharedStrings.xml").decode()
        assert "<sheet " in z.read("xl/workbook.xml").decode()
    assert "synthetic" in strings and SYNTHETIC_MARK in strings and "真实报告" in strings
