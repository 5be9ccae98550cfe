"""CSV downloads: UTF-8 with BOM, Chinese headers with the key, blanks kept blank, the synthetic label."""

import csv
import io

import polars as pl

from xxgk import downloads
from xxgk.report import SYNTHETIC_MARK


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with the UTF-8 BOM"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_aggregate_with_demo_data_carries_the_label_on_every_row():
    df = pl.DataFrame({"year": [2021, 2022], "granted": [3.0, None]})
    rows = _rows(downloads.csv_bytes(df, synthetic=True, labels={"year": "年度", "granted": "予以公开"}))
    assert rows[0] == [downloads.NATURE_COLUMN, "年度（year）", "予以公开（granted）"]
    assert all(SYNTHETIC_MARK in r[0] for r in rows[1:])
    assert rows[2][2] == "", "a blank cell must stay blank, not 0"
    assert len(rows) == 1 + df.height


def test_real_aggregate_is_marked_real():
    rows = _rows(downloads.csv_bytes(pl.DataFrame({"n": [1]}), synthetic=False))
    assert rows == [[downloads.NATURE_COLUMN, "n"], [downloads.REAL, "1"]]


def test_per_row_synthetic_flag_labels_each_row_and_drops_the_flag():
    df = pl.DataFrame({"agency": ["甲局", "乙局"], "synthetic": [True, False], "w": [["a", "b"], []]})
    rows = _rows(downloads.csv_bytes(df, synthetic=True))
    assert rows[0] == [downloads.NATURE_COLUMN, "agency", "w"]
    assert rows[1][:2] == [SYNTHETIC_MARK, "甲局"] and rows[2][:2] == [downloads.REAL, "乙局"]
    assert rows[1][2] == "a；b"


def test_file_name_marks_demo_data():
    assert downloads.file_name("总览", True).endswith("_示例数据.csv")
    assert downloads.file_name("总览", False) == "总览.csv"
