"""The store: parsed reports → DuckDB. The only module that writes the database.

A `Writer` never writes the published database file. It works on a private copy beside it
(`.NAME.work`), commits each batch as one transaction there, and at the end renames the copy over
the database (os.replace), so readers only ever see whole ingests. A run that is killed leaves the
published file untouched and its working copy holding only whole batches: the next run resumes from
that copy when the published file has not changed since (see docs/storage.md).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from xxgk import database, queries, settings
from xxgk.agencies import Agency
from xxgk.errors import StoreError
from xxgk.parse.version import PARSER_VERSION
from xxgk.report import Report

# Bureaus whose agencies were renamed or merged by the 2018 institutional reform: a different name
# under the same key is recorded as a reform rename.
REFORMED = frozenset({"自然资源", "市场监管", "卫健", "经信", "农业农村", "生态环境", "应急", "医保", "文旅",
                      "综合执法", "退役军人", "行政审批"})


@dataclass(slots=True)
class Parsed:
    """One file read and parsed (or failed), ready to store."""

    sha256: str
    path: str
    content: bytes
    report: Report | None = None
    agency: Agency | None = None
    error_code: str | None = None
    error_message: str | None = None
    format: str | None = None


@dataclass(slots=True)
class BatchResult:
    stored: list[str] = field(default_factory=list)  # paths of newly stored reports
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (path, code, message)
    unchanged: int = 0


def _work_paths(path: Path) -> tuple[Path, Path]:
    return path.with_name(f".{path.name}.work"), path.with_name(f".{path.name}.work.base")


class Writer:
    """The database's single writer: `with Writer(path) as w: w.write(batch)`; published on exit."""

    def __init__(self, path: str | Path | None = None):
        self.path = settings.db_path(path)
        self.work, self.base = _work_paths(self.path)
        self.con: duckdb.DuckDBPyConnection | None = None
        self.resumed = False
        self.dirty = False  # nothing written: nothing to publish, readers keep their cache
        self._lock = database.writer_lock(self.path)

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
        token = database.version(self.path)
        if self.work.exists() and self.base.exists() and self.base.read_text() == token:
            self.resumed = True  # a killed run left whole batches here; the published file is unchanged
        else:
            self.base.unlink(missing_ok=True)
            for p in (self.work, self.work.with_name(self.work.name + ".wal")):
                p.unlink(missing_ok=True)
            if self.path.exists():
                tmp = self.work.with_name(self.work.name + ".copying")
                shutil.copyfile(self.path, tmp)
                tmp.replace(self.work)
            self.base.write_text(token)
        # a bounded buffer: the writer's memory stays flat however large the database grows
        self.con = duckdb.connect(str(self.work), config={"memory_limit": "640MB", "threads": "2"})
        self.con.execute("SET enable_progress_bar = false")
        database.apply_schema(self.con)
        self._load_state()
        if queries.derived_stale(self.con):
            self.dirty = True  # derived by an older version: derive again and publish even if nothing is new

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
                database.publish(self.work, self.path)
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
        self.agency_by_key: dict[str, list] = {}  # key -> [agency_id, best year, name]
        self.agency_names: set[str] = set()
        for aid, key, name, year in con.execute(
                "SELECT a.agency_id, coalesce(a.key, a.name), a.name, max(r.year) FROM agencies a "
                "LEFT JOIN reports r USING (agency_id) GROUP BY ALL").fetchall():
            self.agency_by_key[key] = [aid, year if year is not None else -1, name]
            self.agency_names.add(name)
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
        rows = _Rows()
        new_agencies: list[tuple] = []
        renamed: dict[int, str] = {}
        new_aliases: list[tuple] = []
        errors: list[tuple] = []
        cleared_errors: list[str] = []
        seen: set[str] = set()
        for item in batch:
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
                _insert(con, "ingest_errors", ["sha256", "path", "code", "message", "at"], errors,
                        {"sha256": pa.string()})
            _insert(con, "agencies", ["agency_id", "name", "province", "city", "district", "township", "code",
                                      "level", "bureau", "resolved", "key", "fictional", "note"], new_agencies,
                    {"agency_id": pa.int32(), **{c: pa.string() for c in ("province", "city", "district",
                                                                           "township", "code", "level", "note")}})
            for aid, name in renamed.items():
                con.execute("UPDATE agencies SET name = ? WHERE agency_id = ?", [name, aid])
            _insert(con, "agency_aliases", ["alias", "agency_id", "reason"], new_aliases, {"agency_id": pa.int32()})
            rows.insert(con, self.fact_columns)
            if ids:
                _choose_current(con, ids, groups_before)
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
        return result

    def _agency_id(self, a: Agency, year: int | None, new_agencies: list[tuple], renamed: dict[int, str],
                   new_aliases: list[tuple]) -> int:
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
            new_agencies.append((aid, name, a.province, a.city, a.district, a.township, a.code, a.level,
                                 a.bureau, a.resolved, key, a.fictional, a.note or None))
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
    def _aliases_of(a: Agency, entry: list | None) -> list[tuple[str, str]]:
        from xxgk.agencies import normalise

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
    """The per-report summaries the named queries read (xxgk.queries.derive), filled once per write
    in one transaction. A failure here costs the summaries, never the stored reports: the next write
    derives what is missing."""
    try:
        con.execute("BEGIN TRANSACTION")
        queries.derive(con)
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


class _Rows:
    """The rows of one batch, column by column, inserted with one statement per table."""

    def __init__(self) -> None:
        self.sources: list[tuple] = []
        self.reports: list[tuple] = []
        self.cells: list[tuple] = []
        self.checks: list[tuple] = []
        self.narrative: list[tuple] = []
        self.facts: list[list] = []

    def add_report(self, item: Parsed, agency_id: int | None, now: dt.datetime, seq: int,
                   fact_columns: list[str]) -> None:
        r = item.report
        assert r is not None
        rid = item.sha256
        seen: set[tuple[str, str, str]] = set()
        warnings = list(r.warnings)
        filled = 0
        for c in r.cells:
            k = (c.table, c.row, c.col)
            if k in seen:
                continue  # one value per place; the parser reports the duplicate in its warnings
            seen.add(k)
            value = None if c.value is None else float(c.value)
            filled += value is not None
            self.cells.append((rid, c.table, c.row, c.col, value, c.raw, c.label or None, c.page, c.position))
        tables = sum(1 for t in (r.table2, r.table3, r.table4) if t)
        failed = sum(1 for c in r.checks if not c.ok)
        self.reports.append((rid, agency_id, r.agency, r.year, r.template, r.format, r.title, None, now,
                             PARSER_VERSION, bool(r.synthetic), True, False, failed, warnings, r.text or None,
                             tables, filled, seq, None))
        for c in r.checks:
            self.checks.append((rid, c.rule, bool(c.ok), c.where, c.detail))
        for key, v in (r.narrative or {}).items():
            self.narrative.append((rid, key, None if v is None else float(v)))
        index = {name: i for i, name in enumerate(fact_columns)}
        row: list = [None] * len(fact_columns)
        for prefix, table in (("t2", r.table2), ("t3", r.table3), ("t4", r.table4)):
            for rk, cols in (table or {}).items():
                for ck, v in (cols or {}).items():
                    i = index.get(f"{prefix}_{rk}__{ck}")
                    if i is not None and v is not None:
                        row[i] = float(v)
        self.facts.append([rid, *row])

    def insert(self, con: duckdb.DuckDBPyConnection, fact_columns: list[str]) -> None:
        _insert(con, "sources", ["sha256", "format", "size_bytes", "file_name", "path", "first_seen", "content"],
                self.sources, {"content": pa.binary(), "size_bytes": pa.int64()})
        _insert(con, "reports", ["report_id", "agency_id", "agency_printed", "year", "template", "format", "title",
                                 "published_date", "parsed_at", "parser_version", "synthetic", "is_current",
                                 "conflict", "checks_failed", "warnings", "body_text", "tables_found",
                                 "cells_filled", "ingest_seq", "current_reason"], self.reports,
                {"warnings": pa.list_(pa.string()), "published_date": pa.date32(), "agency_id": pa.int32(),
                 "year": pa.int32(), "checks_failed": pa.int32(), "tables_found": pa.int32(),
                 "cells_filled": pa.int32(), "ingest_seq": pa.int64(), "title": pa.string(),
                 "body_text": pa.string(), "agency_printed": pa.string(), "current_reason": pa.string()})
        _insert(con, "cells", ["report_id", "table_name", "row_key", "col_key", "value", "raw", "label", "page",
                               "position"], self.cells,
                {"value": pa.float64(), "page": pa.int32(), "label": pa.string(), "position": pa.string(),
                 "raw": pa.string()})
        _insert(con, "checks", ["report_id", "rule", "ok", "location", "detail"], self.checks,
                {"detail": pa.string()})
        _insert(con, "narrative", ["report_id", "key", "value"], self.narrative, {"value": pa.float64()})
        _insert(con, "facts", ["report_id", *fact_columns], [tuple(r) for r in self.facts],
                {c: pa.float64() for c in fact_columns})


def _insert(con: duckdb.DuckDBPyConnection, table: str, columns: list[str], rows: list[tuple],
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


def _choose_current(con: duckdb.DuckDBPyConnection, ids: list[str], extra_groups: list[tuple]) -> None:
    """Choose the current report of every agency and year the batch touched, and flag conflicts.

    Rule: most tables found, then most cells holding a number, then fewest failed checks, then the
    latest ingested. Reports without a placed agency or a year stand alone and are current.
    """
    placed = "agency_id IN (SELECT agency_id FROM agencies WHERE resolved)"
    con.execute("CREATE OR REPLACE TEMP TABLE touched AS SELECT DISTINCT agency_id, year FROM reports "
                f"WHERE report_id IN (SELECT unnest(?)) AND {placed} AND year IS NOT NULL", [ids])
    if extra_groups:
        con.executemany("INSERT INTO touched VALUES (?, ?)",
                        [g for g in extra_groups if g[0] is not None and g[1] is not None])
    # An unplaced agency name (鼓楼区人民政府 without context, a name with no place) may stand for
    # several agencies: its reports never compete, so none is hidden behind another.
    con.execute(f"""
        UPDATE reports SET is_current = true, conflict = false,
               current_reason = '机关未能对应行政区划或没有年度：不与其他报告比较，单独作为当前报告'
        WHERE report_id IN (SELECT unnest(?)) AND (agency_id IS NULL OR year IS NULL OR NOT {placed})""", [ids])
    con.execute("""
        WITH grp AS (
            SELECT r.report_id, r.agency_id, r.year,
                   row_number() OVER (PARTITION BY r.agency_id, r.year
                                      ORDER BY r.tables_found DESC, r.cells_filled DESC, r.checks_failed ASC,
                                               r.ingest_seq DESC, r.report_id) AS rank,
                   count(*) OVER (PARTITION BY r.agency_id, r.year) AS n
            FROM reports r JOIN (SELECT DISTINCT * FROM touched) t USING (agency_id, year)
        ),
        diff AS (
            SELECT cur.agency_id, cur.year, count(*) AS cells_differing
            FROM grp cur JOIN grp oth ON oth.agency_id = cur.agency_id AND oth.year = cur.year
                 AND cur.rank = 1 AND oth.rank > 1
            JOIN cells c1 ON c1.report_id = cur.report_id
            JOIN cells c2 ON c2.report_id = oth.report_id AND c1.table_name = c2.table_name
                 AND c1.row_key = c2.row_key AND c1.col_key = c2.col_key
            WHERE c1.value IS DISTINCT FROM c2.value
            GROUP BY ALL
        )
        UPDATE reports SET
            is_current = grp.rank = 1,
            conflict = coalesce(diff.cells_differing, 0) > 0,
            current_reason = CASE
                WHEN grp.n = 1 THEN '本机关本年度唯一一份报告'
                WHEN grp.rank = 1 THEN '本机关本年度共 ' || grp.n || ' 份报告，此份表格最完整（表格数、有数值单元格数），'
                                      || '其次校验失败最少，再次最晚导入，定为当前'
                ELSE '本机关本年度共 ' || grp.n || ' 份报告，另一份按规则定为当前；本份保留备查' END
                || CASE WHEN coalesce(diff.cells_differing, 0) > 0
                        THEN '；各份数字不一致（' || diff.cells_differing || ' 处），见 report_conflicts' ELSE '' END
        FROM grp LEFT JOIN diff USING (agency_id, year)
        WHERE reports.report_id = grp.report_id""")
    con.execute("DROP TABLE touched")
