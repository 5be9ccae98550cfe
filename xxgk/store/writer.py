"""The writer: parsed reports → DuckDB. The only writer of the database.

A `Writer` never writes the published database file. It works on a private copy beside it
(`.NAME.work`), commits each batch as one transaction there, and at the end renames the copy over
the database (os.replace), so readers only ever see whole ingests. A run that is killed leaves the
published file untouched and its working copy holding only whole batches: the next run resumes from
that copy when the published file has not changed since (see docs/storage.md).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from xxgk import settings
from xxgk.errors import StoreError
from xxgk.parse.version import PARSER_VERSION
from xxgk.store import batch_checks, current, derive, publish, schema, workcopy
from xxgk.store.agency_ids import AgencyIds
from xxgk.store.carried import Carried
from xxgk.store.insert import Row, insert_rows
from xxgk.store.parsed import Parsed
from xxgk.store.rows import Rows

# The writer's DuckDB memory. A batch's work is the size of the batch: a larger buffer only kept pages of the
# growing file, and the ingest's parent grew with it (1.1 GB at 100k reports under 640 MB). The opening's upgrades
# of an older file and the derived tables, made at the end of a write over every report, need more at 10^6 reports
# (256 MB ran out there).
BATCH_MEMORY = "256MB"
DERIVE_MEMORY = "640MB"


@dataclass(slots=True)
class BatchResult:
    stored: list[str] = field(default_factory=list)  # paths of newly stored reports
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (path, code, message)
    unchanged: int = 0
    checks_failed: int = 0  # stored reports with a failed check (R1–R5)


class Writer:
    """The database's single writer: `with Writer(path) as w: w.write(batch)`; published on exit."""

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = settings.db_path(path)
        self.work, self.base = workcopy.work_paths(self.path)
        self.con: duckdb.DuckDBPyConnection | None = None
        self.resumed = False
        self.dirty = False  # nothing written: nothing to publish, readers keep their cache
        self._lock = publish.writer_lock(self.path)

    # -- opening and publishing ---------------------------------------------------------------

    def __enter__(self) -> Writer:
        self._lock.__enter__()
        try:
            self._open_work()
        except (OSError, duckdb.Error) as e:
            self._lock.__exit__(None, None, None)
            raise StoreError(f"无法准备写入数据库 {self.path.name}：{e}（磁盘已满或没有写权限？）") from e
        except BaseException:
            self._lock.__exit__(None, None, None)
            raise
        return self

    def _open_work(self) -> None:
        self.resumed = workcopy.prepare(self.path)
        self.con = _connect(self.work, DERIVE_MEMORY)
        schema.apply_schema(self.con)
        self._load_state()
        # the rules' terms of this version, and a file that stored passed checks too: published even if nothing
        # else is new (a file without reports gets them with its first)
        if (batch_checks.write_terms(self.con) | batch_checks.upgrade(self.con)) and self.known:
            self.dirty = True
        if derive.stale(self.con):
            self.dirty = True  # derived by an older version: derive again and publish even if nothing is new
        self.con.execute("SET memory_limit = ?", [BATCH_MEMORY])  # the opening's upgrades done: batches from here

    def __exit__(self, exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        try:
            if self.con is not None and not (self.dirty or self.resumed):
                self.con.close()
                self.con = None
                workcopy.discard(self.path)
            if self.con is not None:
                # Whatever was committed is whole: publish it even after an error or Ctrl-C. The derived tables on a
                # connection of their own, made with their memory (raising the batches' limit in place ran out at 10^6)
                self.con.close()
                self.con = _connect(self.work, DERIVE_MEMORY)
                _derive(self.con)
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('parser_version', ?), ('written_at', ?)",
                                 [PARSER_VERSION, dt.datetime.now().isoformat(timespec="seconds")])
                self.con.execute("CHECKPOINT")
                self.con.close()
                self.con = None
                publish.publish(self.work, self.path)
                self.base.unlink(missing_ok=True)
        except (OSError, duckdb.Error, RuntimeError) as e:
            # the working copy keeps every committed batch: the next run resumes from it
            if exc_type is None:
                raise StoreError(f"新数据未能发布到 {self.path.name}：{e}。已写入的批次保留在工作副本中，"
                                 "问题解决后再次运行同一命令即可继续。") from e
        finally:
            self._lock.__exit__(exc_type, exc, tb)

    # -- state kept in memory for the run ------------------------------------------------------

    def _load_state(self) -> None:
        con = self._con
        self.known: set[str] = {r[0] for r in con.execute("SELECT report_id FROM reports").fetchall()}
        self.failed_known: set[str] = {
            r[0] for r in con.execute("SELECT sha256 FROM ingest_errors WHERE sha256 IS NOT NULL").fetchall()}
        self.sources: set[str] = {r[0] for r in con.execute("SELECT sha256 FROM sources").fetchall()}
        self.agency_ids = AgencyIds(con)
        self.carried = Carried(con)
        self.next_seq = (con.execute("SELECT coalesce(max(ingest_seq), 0) FROM reports").fetchone() or [0])[0] + 1
        self.fact_columns: list[str] = [
            r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'facts' "
                                      "AND database_name = current_database() ORDER BY column_index").fetchall()
            if r[0] != "report_id"]

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:
        assert self.con is not None, "Writer used outside its with-block"
        return self.con

    def is_known(self, sha256: str) -> bool:
        """True when these bytes were stored before (as a report, or as a failure of this parser version)."""
        return sha256 in self.known or sha256 in self.failed_known

    # -- one batch, one transaction ----------------------------------------------------------

    def write(self, batch: Iterable[Parsed], replace: bool = False) -> BatchResult:
        """Store a batch in one transaction. With replace=True, reports of the same bytes are parsed anew
        (reparse); otherwise bytes already stored are counted unchanged."""
        con = self._con
        result = BatchResult()
        now = dt.datetime.now()
        rows = Rows()
        self.agency_ids.start_batch()
        self.carried.later = []
        errors: list[Row] = []
        cleared_errors: list[str] = []
        seen: set[str] = set()
        # earlier years first: a glued table 二 row is split by the same agency's year before (store.carried)
        for item in sorted(batch, key=lambda p: (p.report.year or 0) if p.report is not None else 0):
            if item.sha256 and (item.sha256 in seen or (not replace and self.is_known(item.sha256))):
                result.unchanged += 1
                continue
            seen.add(item.sha256)
            if item.sha256 and item.sha256 not in self.sources and item.content is not None:
                rows.sources.append((item.sha256, item.format or (item.report.format if item.report else "unknown"),
                                     len(item.content), Path(item.path).name, item.path, now, item.content))
                self.sources.add(item.sha256)
            if item.report is None:
                errors.append((item.sha256 or None, item.path, item.error_code or "error",
                               item.error_message or "无法读取", now))
                result.failed.append((item.path, item.error_code or "error", item.error_message or ""))
                continue
            cleared_errors.append(item.sha256)
            agency_id = None
            if item.agency is not None:
                agency_id = self.agency_ids.assign(item.agency, item.report.year)
                self.carried.split(item, agency_id)
            rows.add_report(item, agency_id, now, self.next_seq)
            self.next_seq += 1
            result.stored.append(item.path)
        ids = [r[0] for r in rows.reports]
        if not (ids or errors or rows.sources):
            return result
        self.dirty = True
        con.execute("BEGIN TRANSACTION")
        try:
            if replace and ids:
                groups_before = con.execute(
                    "SELECT DISTINCT agency_id, year FROM reports WHERE report_id IN (SELECT unnest(?))",
                    [ids]).fetchall()
                for table in ("reports", "cells", "checks", "narrative", "facts"):
                    con.execute(f"DELETE FROM {table} WHERE report_id IN (SELECT unnest(?))", [ids])
            else:
                groups_before = []
            if cleared_errors:
                con.execute("DELETE FROM ingest_errors WHERE sha256 IN (SELECT unnest(?))", [cleared_errors])
            if errors:
                con.execute("DELETE FROM ingest_errors WHERE sha256 IN (SELECT unnest(?)) OR (sha256 IS NULL AND "
                            "path IN (SELECT unnest(?)))",
                            [[e[0] for e in errors if e[0]], [e[1] for e in errors if not e[0]]])
                insert_rows(con, "ingest_errors", ["sha256", "path", "code", "message", "at"], errors,
                        {"sha256": pa.string()})
            self.agency_ids.insert(con)
            rows.insert(con, self.fact_columns)
            if ids:
                current.choose(con, ids, groups_before)
            con.execute("COMMIT")
        except duckdb.Error as e:
            _rollback(con)
            raise StoreError(f"写入数据库失败，本批未写入，已存的数据不受影响：{e}") from e
        except RuntimeError as e:
            _rollback(con)
            if "interrupt" in str(e).lower():  # Ctrl-C while DuckDB was running the batch
                raise KeyboardInterrupt from e
            raise
        except BaseException:
            _rollback(con)
            raise
        result.checks_failed = rows.failing
        self.known.update(ids)
        self.failed_known.update(e[0] for e in errors if e[0])
        self.failed_known.difference_update(cleared_errors)
        self.carried.rewrite_later(set(ids), lambda again: self.write(again, replace=True))
        return result


def _connect(path: Path, memory: str) -> duckdb.DuckDBPyConnection:
    """The working copy opened with a bounded buffer: the writer's memory stays flat however large the file grows."""
    con = duckdb.connect(str(path), config={"memory_limit": memory, "threads": "2"})
    con.execute("SET enable_progress_bar = false")
    return con


def _derive(con: duckdb.DuckDBPyConnection) -> None:
    """The derived tables the named queries read (xxgk.store.derive), filled once per write
    in one transaction. A failure here costs the summaries, never the stored reports: the next write
    derives what is missing."""
    try:
        con.execute("BEGIN TRANSACTION")
        derive.derive(con)
        con.execute("COMMIT")
    except Exception as e:  # noqa: BLE001 - reported, and retried by the next write
        _rollback(con)
        print(f"警告：报告摘要（report_derived、report_quality）未能更新：{e}", file=sys.stderr)


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back if a transaction is still open: after a failed COMMIT (a full disk) there is none, and the
    error that ended it, not "no transaction is active", is the one to report."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass


def upgrade(path: Path) -> None:
    """Apply the schema to an existing file and derive again, through the writer (skipped while an ingest
    runs: it applies the schema itself)."""
    try:
        with Writer(path) as w:
            w.dirty = True
    except StoreError:
        pass
