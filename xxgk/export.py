"""Export every table and view of the database as CSV (UTF-8 with BOM), Parquet or XLSX, with a data
dictionary. Reads through database.open_read, so it runs while an ingest writes.

Every row that comes from a report carries `synthetic` and 数据性质 (示例数据，虚构 / 真实报告). The
original file bytes (sources.content) go only into Parquet; CSV and XLSX leave them out.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import duckdb
import polars as pl

from xxgk import database, downloads, keys
from xxgk.report import SYNTHETIC_MARK
from xxgk.store import schema

FORMATS = ("csv", "parquet", "xlsx")
NATURE = "数据性质"
REAL = "真实报告"
XLSX_ROWS = 1_000_000  # one sheet holds 1,048,576 rows: longer tables continue on further sheets
DICTIONARY = "data_dictionary"

# How each object finds the report its rows come from (for the synthetic column).
_REPORT_KEY = {"cells": "report_id", "checks": "report_id", "narrative": "report_id", "facts": "report_id",
               "sources": "sha256", "ingest_errors": "sha256"}


# Views whose rows another exported object already holds.
_SAME_AS = {"current_reports_live": "current_reports"}


def objects(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, 'table' | 'view') of every user table and view, tables first, in name order (current_reports_live
    is left out: current_reports holds its rows)."""
    rows = con.execute(
        "SELECT table_name, CASE WHEN table_type = 'VIEW' THEN 'view' ELSE 'table' END FROM information_schema.tables "
        "WHERE table_catalog = current_database() AND table_schema = 'main' ORDER BY 2, 1").fetchall()
    return [(r[0], r[1]) for r in rows if r[0] not in _SAME_AS]


def _select(con: duckdb.DuckDBPyConnection, name: str, fmt: str) -> str:
    cols = [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_catalog = current_database() "
        "AND table_schema = 'main' AND table_name = ? ORDER BY ordinal_position", [name]).fetchall()]
    keep = [c for c in cols if not (name == "sources" and c == "content" and fmt != "parquet")]
    body = ", ".join(f't."{c}"' for c in keep)
    nature = f"CASE WHEN {{s}} THEN '{SYNTHETIC_MARK}' WHEN NOT {{s}} THEN '{REAL}' END AS {NATURE}"
    if "synthetic" in cols:
        return f"SELECT {body}, {nature.format(s='t.synthetic')} FROM {name} t"
    if name in _REPORT_KEY:
        k = _REPORT_KEY[name]
        return (f"SELECT {body}, r.synthetic, {nature.format(s='r.synthetic')} FROM {name} t "
                f"LEFT JOIN reports r ON r.report_id = t.{k}")
    if name == "agencies":
        return f"SELECT {body}, CASE WHEN t.fictional THEN '{SYNTHETIC_MARK}' ELSE '{REAL}' END AS {NATURE} FROM {name} t"
    if name == "agency_aliases":
        return (f"SELECT {body}, CASE WHEN a.fictional THEN '{SYNTHETIC_MARK}' ELSE '{REAL}' END AS {NATURE} "
                f"FROM {name} t LEFT JOIN agencies a USING (agency_id)")
    return f"SELECT {body} FROM {name} t"


def _flat(df: pl.DataFrame) -> pl.DataFrame:
    """Lists become text (；-separated) and bytes are dropped: what CSV and XLSX can hold."""
    out = []
    for c, dtype in df.schema.items():
        if isinstance(dtype, pl.List):
            out.append(pl.col(c).list.join("；").alias(c))
    return df.with_columns(out) if out else df


def export(out_dir: str | os.PathLike[str], fmt: str = "csv", db: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write every table and view, and the data dictionary, into out_dir; returns the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"未知格式 {fmt}；可选：{', '.join(FORMATS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    con = database.open_read(db)
    written: list[Path] = []
    try:
        objs = objects(con)
        for name, _kind in objs:
            df = con.sql(_select(con, name, fmt)).pl()
            written.append(_write(df, out / name, fmt))
        written.append(_write(dictionary(con, objs), out / DICTIONARY, fmt))
    finally:
        con.close()
    return written


def _write(df: pl.DataFrame, stem: Path, fmt: str) -> Path:
    if fmt == "parquet":
        path = stem.with_suffix(".parquet")
        df.write_parquet(path)
    elif fmt == "csv":
        path = stem.with_suffix(".csv")
        # text cells that would start a spreadsheet formula get a leading apostrophe, as in the dashboard
        downloads.no_formulas(_flat(df)).write_csv(path, include_bom=True)
    else:
        import xlsxwriter

        path = stem.with_suffix(".xlsx")
        flat = _flat(df)
        with xlsxwriter.Workbook(str(path), {"strings_to_formulas": False}) as wb:  # raw text stays text
            for i in range(0, max(flat.height, 1), XLSX_ROWS):
                sheet = stem.name[:28] if i == 0 else f"{stem.name[:24]}_{i // XLSX_ROWS + 1}"
                flat.slice(i, XLSX_ROWS).write_excel(wb, worksheet=sheet, autofit=False)
    return path


# -- the data dictionary ------------------------------------------------------------------------

def _schema_comments() -> dict[tuple[str, str], str]:
    """(table, column) → the comment beside the column in queries/schema.sql."""
    out: dict[tuple[str, str], str] = {}
    table = None
    for line in schema.schema_sql().splitlines():
        m = re.match(r"CREATE TABLE IF NOT EXISTS (\w+)", line)
        if m:
            table = m.group(1)
            continue
        m = re.match(r"\s+(\w+) [A-Z].*?--\s*(.+)$", line)
        if table and m:
            out[(table, m.group(1))] = m.group(2).strip()
    return out


def _fact_label(col: str) -> str | None:
    """t3_granted__natural_person → 表三 （一）予以公开 / 自然人."""
    m = re.match(r"t([234])_(\w+?)__(\w+)$", col)
    if not m:
        return None
    t, row, c = m.groups()
    if t == "3":
        group, label = keys.TABLE3_ROWS.get(row, ("", row))
        return f"表三 {group}{label} / {keys.TABLE3_COLUMNS.get(c, c)}"
    if t == "4":
        return f"表四 {keys.TABLE4_BLOCKS.get(row, row)} / {keys.TABLE4_COLUMNS.get(c, c)}"
    labels = {k: v for cols in keys.TABLE2_COLUMNS.values() for item in cols.values() for k, v in item.items()}
    return f"表二 {keys.TABLE2_ITEMS.get(row, row)} / {labels.get(c, c)}"


_COMMON = {
    "synthetic": "true：生成的示例报告（示例数据，虚构）；false：真实报告",
    NATURE: f"{SYNTHETIC_MARK} 或 {REAL}：本行数据的性质",
    "report_id": "报告编号 = 原始文件的 sha256",
    "agency": "机关规范名称", "agency_id": "机关编号", "province": "省级", "city": "地级", "district": "县级",
    "township": "乡级（街道/乡镇）", "code": "区划代码", "level": "层级", "bureau": "部门类型",
    "year": "报告年度", "template": "模板版本：2019 | 2021 | legacy",
}


def dictionary(con: duckdb.DuckDBPyConnection, objs: list[tuple[str, str]]) -> pl.DataFrame:
    """One row per exported column: object, kind, column, type, description."""
    comments = _schema_comments()
    rows = []
    for name, kind in objs:
        df = con.sql(_select(con, name, "parquet") + " LIMIT 0").pl()
        for col, dtype in df.schema.items():
            desc = comments.get((name, col)) or _fact_label(col) or _COMMON.get(col, "")
            rows.append({"object": name, "kind": kind, "column": col, "type": str(dtype), "description": desc})
    return pl.DataFrame(rows, schema={"object": pl.String, "kind": pl.String, "column": pl.String,
                                      "type": pl.String, "description": pl.String})
