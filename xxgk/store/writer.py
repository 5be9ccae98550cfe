"""The writer: parsed reports → DuckDB. The only writer of the database.

A `Writer` never writes the published database file. It works on a private copy beside it
(`.NAME.work`), commits each batch as one transaction there, and at the end renames the copy over
the database (os.replace), so readers only ever see whole ingests. A run that is killed leaves the
published file untouched and its working copy holding only whole batches: the next run resumes from
that copy when the published file has not changed since (see docs/storage.md).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from xxgk import settings
from xxgk.agencies import Agency, normalise
from xxgk.errors import StoreError, XxgkError
from xxgk.parse import carry
from xxgk.parse.version import PARSER_VERSION
from xxgk.pipeline import read_report
from xxgk.report import Report
from xxgk.store import current, derive, publish, schema
from xxgk.store.parsed import Parsed
from xxgk.store.rows import Row, Rows, insert_rows

# Bureaus whose agencies were renamed or merged by the 2018 institutional reform: a different name
# under the same key is recorded as a reform rename.
REFORMED = frozenset({"自然资源", "市场监管", "卫健", "经信", "农业农村", "生态环境", "应急", "医保", "文旅",
                      "综合执法", "退役军人", "行政审批"})


@dataclass(slots=True)
class BatchResult:
    stored: list[str] = field(default_factory=list)  # paths of newly stored reports
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (path, code, message)
    unchanged: int = 0


def _work_paths(path: Path) -> tuple[Path, Path]:
    return path.with_name(f".{path.name}.work"), path.with_name(f".{path.name}.work.base")


def _mb(n: int) -> str:
    return f"{n / 1048576:,.1f} MB"


class Writer:
    """The database's single writer: `with Writer(path) as w: w.write(batch)`; published on exit."""

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = settings.db_path(path)
        self.work, self.base = _work_paths(self.path)
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
        token = publish.version(self.path)
        if self.work.exists() and self.base.exists() and self.base.read_text() == token:
            self.resumed = True  # a killed run left whole batches here; the published file is unchanged
        else:
            self.base.unlink(missing_ok=True)
            for p in (self.work, self.work.with_name(self.work.name + ".wal")):
                p.unlink(missing_ok=True)
            if self.path.exists():
                self._copy_published()
            self.base.write_text(token)
        # a bounded buffer: the writer's memory stays flat however large the database grows
        self.con = duckdb.connect(str(self.work), config={"memory_limit": "640MB", "threads": "2"})
        self.con.execute("SET enable_progress_bar = false")
        schema.apply_schema(self.con)
        self._load_state()
        if derive.stale(self.con):
            self.dirty = True  # derived by an older version: derive again and publish even if nothing is new

    def _copy_published(self) -> None:
        """Copy the published file to the working copy; a copy that fails (a full disk) is removed, and
        the message says how much space the copy needs."""
        tmp = self.work.with_name(self.work.name + ".copying")
        tmp.unlink(missing_ok=True)  # left by a run killed while copying
        try:
            shutil.copyfile(self.path, tmp)
            tmp.replace(self.work)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            if e.errno not in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                raise
            need = self.path.stat().st_size
            free = shutil.disk_usage(self.work.parent).free
            short = (f"请腾出至少 {_mb(need - free + need // 10)} 后再运行同一命令" if free < need + need // 10 else
                     "磁盘看起来仍有空间：可能是文件大小限制或磁盘配额已满，请检查后再运行同一命令")
            raise StoreError(
                f"磁盘空间不足，无法写入数据库 {self.path.name}：写入前要先复制一份工作副本，需要约 {_mb(need)} 可用空间"
                f"（数据库本身的大小，另加新数据所需），{self.work.parent} 所在磁盘现在剩 {_mb(free)}。"
                f"未完成的副本已删除，数据库没有改动；{short}。",
                code="disk_full") from e

    def __exit__(self, exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        try:
            if self.con is not None and not (self.dirty or self.resumed):
                self.con.close()
                self.con = None
                for p in (self.work, self.work.with_name(self.work.name + ".wal"), self.base):
                    p.unlink(missing_ok=True)
            if self.con is not None:
                # Whatever was committed is whole: publish it even after an error or Ctrl-C.
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
        self.agency_by_key: dict[str, list[Any]] = {}  # key -> [agency_id, best year, name]
        self.agency_names: set[str] = set()
        for aid, key, name, year in con.execute(
                "SELECT a.agency_id, coalesce(a.key, a.name), a.name, max(r.year) FROM agencies a "
                "LEFT JOIN reports r USING (agency_id) GROUP BY ALL").fetchall():
            self.agency_by_key[key] = [aid, year if year is not None else -1, name]
            self.agency_names.add(name)
        # agencies placed by a portal alone: the first report whose printed name places them says so instead
        self.by_portal: set[int] = {r[0] for r in con.execute(
            "SELECT agency_id FROM agencies WHERE placed_by = 'portal'").fetchall()}
        self.in_force: dict[tuple[int, int], dict[str, float | None]] = {}  # (agency, year) → 现行有效件数 written
        self.aliases: set[str] = {r[0] for r in con.execute("SELECT alias FROM agency_aliases").fetchall()}
        self.next_agency = (con.execute("SELECT coalesce(max(agency_id), 0) FROM agencies").fetchone() or [0])[0] + 1
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
        new_agencies: list[Row] = []
        renamed: dict[int, str] = {}
        named: set[int] = set()  # agencies placed by a portal, now placed by a printed name
        new_aliases: list[Row] = []
        errors: list[Row] = []
        cleared_errors: list[str] = []
        seen: set[str] = set()
        later: list[tuple[int, int]] = []  # (agency, year) after a year written here: a glued row there may split
        # earlier years first: a glued table 二 row is split by the same agency's year before (_carry)
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
                agency_id = self._agency_id(item.agency, item.report.year, new_agencies, renamed, new_aliases)
                if agency_id in self.by_portal and item.agency.placed_by != "portal" and item.agency.resolved:
                    self.by_portal.discard(agency_id)
                    named.add(agency_id)
                item.report = self._carry(item.report, agency_id, later)
            rows.add_report(item, agency_id, now, self.next_seq, self.fact_columns)
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
            insert_rows(con, "agencies", ["agency_id", "name", "province", "city", "district", "township", "code",
                                      "level", "bureau", "resolved", "key", "fictional", "note", "placed_by"],
                    new_agencies, {"agency_id": pa.int32(), **{c: pa.string() for c in (
                        "province", "city", "district", "township", "code", "level", "note", "placed_by")}})
            for aid, name in renamed.items():
                con.execute("UPDATE agencies SET name = ? WHERE agency_id = ?", [name, aid])
            if named:
                con.execute("UPDATE agencies SET placed_by = 'name', note = NULL WHERE agency_id IN (SELECT unnest(?))",
                            [sorted(named)])
            insert_rows(con, "agency_aliases", ["alias", "agency_id", "reason"], new_aliases, {"agency_id": pa.int32()})
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
        self.known.update(ids)
        self.failed_known.update(e[0] for e in errors if e[0])
        self.failed_known.difference_update(cleared_errors)
        self._split_later(later, set(ids))
        return result

    def _carry(self, report: Report, agency_id: int, later: list[tuple[int, int]]) -> Report:
        """Glued table 二 rows split by the agency's report of the year before (xxgk.parse.carry: written
        earlier in this run, else stored); this report's 现行有效件数 kept for the year after, which `later`
        names for `_split_later`."""
        year = report.year
        if year is None:
            return report
        if carry.glued_rows(report):
            before = self.in_force.get((agency_id, year - 1))
            if before is None:
                row = self._con.execute(
                    "SELECT f.t2_regulations__in_force, f.t2_normative_documents__in_force FROM reports r "
                    "JOIN facts f USING (report_id) WHERE r.agency_id = ? AND r.year = ? AND r.is_current "
                    "ORDER BY r.ingest_seq DESC LIMIT 1", [agency_id, year - 1]).fetchone()
                before = dict(zip(carry.ROWS, row, strict=True)) if row else {}
            report = carry.split_by_previous(report, before, year - 1)
        now = {k: (report.table2 or {}).get(k, {}).get("in_force") for k in carry.ROWS}
        if any(v is not None for v in now.values()):
            self.in_force[(agency_id, year)] = now
            later.append((agency_id, year + 1))
        return report

    def _split_later(self, later: list[tuple[int, int]], written: set[str]) -> None:
        """The stored reports of the year after a year just written, whose glued table 二 row was left blank for
        want of this year (a crawl finds the latest report first): parsed again from their stored bytes and
        written again, split, when the year written now leaves exactly one split."""
        if not later:
            return
        found = self._con.execute(
            "SELECT r.report_id, r.agency_id, r.year, coalesce(s.path, s.file_name, r.report_id), s.content "
            "FROM reports r JOIN sources s ON s.sha256 = r.report_id "
            "JOIN (SELECT unnest(?) AS agency_id, unnest(?) AS year) c USING (agency_id, year) "
            "WHERE r.is_current AND r.template = '2021' "
            "AND len(list_filter(coalesce(r.warnings, []), lambda w: w LIKE '表二「%可能的拆分有%')) > 0",
            [[a for a, _ in later], [y for _, y in later]]).fetchall()
        again: list[Parsed] = []
        for sha, agency_id, year, path, content in found:
            if sha in written:
                continue
            try:
                report, agency = read_report(content, path, sha)
            except XxgkError:
                continue  # it was read before; a source that no longer parses keeps the report it has
            before = self.in_force.get((agency_id, year - 1), {})
            if carry.split_by_previous(report, before, year - 1) is not report:
                again.append(Parsed(sha, path, content, report=report, agency=agency, format=report.format))
        if again:
            self.write(again, replace=True)

    def _agency_id(self, a: Agency, year: int | None, new_agencies: list[Row], renamed: dict[int, str],
                   new_aliases: list[Row]) -> int:
        key = a.key or a.name
        entry = self.agency_by_key.get(key)
        y = year if year is not None else -1
        aliases = self._aliases_of(a, entry)
        if entry is None:
            aid = self.next_agency
            self.next_agency += 1
            name = a.name if a.name not in self.agency_names else f"{a.name}（{key}）"
            self.agency_names.add(name)
            self.agency_by_key[key] = [aid, y, name]
            placed_by = a.placed_by or ("name" if a.province or a.city else None)
            if placed_by == "portal":
                self.by_portal.add(aid)
            new_agencies.append((aid, name, a.province, a.city, a.district, a.township, a.code, a.level,
                                 a.bureau, a.resolved, key, a.fictional, a.note or None, placed_by))
        else:
            aid = entry[0]
            if y > entry[1]:
                entry[1] = y
                if a.name != entry[2] and a.name not in self.agency_names:
                    # the name printed in the latest year is the agency's name
                    self.agency_names.discard(entry[2])
                    self.agency_names.add(a.name)
                    entry[2] = a.name
                    renamed[aid] = a.name
        for alias, reason in aliases:
            if alias not in self.aliases:
                self.aliases.add(alias)
                new_aliases.append((alias, aid, reason))
        return aid

    @staticmethod
    def _aliases_of(a: Agency, entry: list[Any] | None) -> list[tuple[str, str]]:
        printed = normalise(a.printed) if a.printed else a.name
        out = []
        if entry is not None and a.name != entry[2]:
            out.append((a.name, "institutional reform rename" if a.bureau in REFORMED else "other printed form"))
        else:
            out.append((a.name, "as printed" if printed == a.name else "canonical form"))
        if printed != a.name:
            out.append((printed, "short form"))
        return out


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
