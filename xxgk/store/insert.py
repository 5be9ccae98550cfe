"""Rows into a table through one Arrow table: a single INSERT statement however many rows."""

from __future__ import annotations

from typing import Any

import duckdb
import pyarrow as pa

# One row of a table, its values in the order of the table's columns as insert_rows lists them.
Row = tuple[Any, ...]


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[Row] | list[list[Any]],
                types: dict[str, pa.DataType]) -> None:
    """Insert rows through one Arrow table: a single statement however many rows."""
    if not rows:
        return
    arrays = []
    for i, name in enumerate(columns):
        values = [r[i] for r in rows]
        arrays.append(pa.array(values, type=types.get(name)))
    batch = pa.Table.from_arrays(arrays, names=columns)  # noqa: F841 - read by DuckDB by its name
    cols = ", ".join(f'"{c}"' for c in columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM batch")
