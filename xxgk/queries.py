"""The named queries: one `.sql` file per query in queries/, run with DuckDB named parameters into Polars.

A query's name is its file name; its first comment lines say what it returns and which $parameters
it takes. Values never enter SQL text: they are bound as DuckDB named parameters. Only the
parameters a query's SQL names are passed (DuckDB refuses extra ones), and the dashboard's filter
parameters default to "everything" (xxgk.filters.Filters()) when the caller leaves them out.
"""

from __future__ import annotations

import re
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from xxgk.errors import QueryError
from xxgk.filters import SCOPES, Filters

# Parameters that name one of a few choices: anything else is refused before the query runs.
CHOICES = {"dataset": ("demo", "real"), "scope": tuple(SCOPES)}

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
NOT_QUERIES = frozenset({"schema"})  # DDL applied by the store, not a named SELECT

_COMMENT = re.compile(r"--[^\n]*")
_STRING = re.compile(r"'(?:[^']|'')*'")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def names() -> list[str]:
    """Every named query, sorted."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql") if p.stem not in NOT_QUERIES)


@cache
def sql(name: str) -> str:
    """The SQL text of a named query (read once)."""
    path = QUERY_DIR / f"{name}.sql"
    if name in NOT_QUERIES or not path.is_file():
        raise QueryError(f"no named query {name!r}; known queries: {', '.join(names())}", "unknown_query")
    return path.read_text(encoding="utf-8")


@cache
def parameters(name: str) -> frozenset[str]:
    """The $parameters a query's SQL uses (comments and string literals ignored)."""
    body = _STRING.sub("''", _COMMENT.sub("", sql(name)))
    return frozenset(_PARAM.findall(body))


@cache
def header(name: str) -> str:
    """The leading comment lines of a query file: what it returns and which $parameters it takes."""
    lines = []
    for line in sql(name).splitlines():
        if not line.startswith("--"):
            break
        lines.append(line[2:].strip())
    return "\n".join(lines)


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pl.DataFrame:
    """Run a named query with its parameters and return the whole result as a Polars DataFrame."""
    given = {**Filters().params(), **(params or {})}
    needed = parameters(name)
    missing = sorted(needed - given.keys())
    if missing:
        raise QueryError(f"query {name!r} needs parameter(s): {', '.join('$' + m for m in missing)}",
                         "missing_parameter")
    for key, allowed in CHOICES.items():
        if key in needed and given[key] not in allowed:
            raise QueryError(f"${key} must be one of {', '.join(allowed)}, not {given[key]!r}", "bad_parameter")
    # execute() + an Arrow reader is markedly faster here than the relation API (con.sql(...).pl()), which
    # binds the statement a second time; the whole result is read before returning.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Arrow output on a DB-API result")
        table = con.execute(sql(name), {k: given[k] for k in needed}).to_arrow_reader().read_all()
    return pl.from_arrow(table)


# The one definition of the per-report summaries (report_derived): the normalised running text (no digits,
# whitespace, punctuation or symbols, so a copy with only its numbers and dates changed still matches), and over
# every cell of tables 二, 三, 四 the count of numbers, whether all are 0, and a hash of them all; and whether
# section 六 (其他需要报告的事项; the whole text when no such heading is found) mentions 信息处理费 (rule X4).
_DERIVE = r"""
INSERT OR REPLACE INTO report_derived BY NAME
SELECT report_id, length(norm) AS text_chars, md5(norm) AS text_fingerprint, numbers_printed,
       CASE WHEN numbers_printed > 0 THEN max_cell = 0 AND min_cell = 0 END AS all_zero, tables_hash,
       six <> '' AS section_six_found,
       regexp_matches(regexp_replace(CASE WHEN six <> '' THEN six ELSE body END, '\s', '', 'g'),
                      '信息处理费|收费|收取费用') AS fees_mentioned,
       parsed_at AS derived_from
FROM (SELECT r.report_id, r.parsed_at, coalesce(r.body_text, '') AS body,
             regexp_extract(coalesce(r.body_text, ''), '六[、.．]\s*其他需要报告的事项([\s\S]*)', 1) AS six,
             regexp_replace(coalesce(r.body_text, ''), '[0-9０-９\s\p{P}\p{S}]', '', 'g') AS norm,
             coalesce(list_aggregate([*COLUMNS('^t[234]_')], 'count'), 0) AS numbers_printed,
             greatest(*COLUMNS('^t[234]_')) AS max_cell,
             least(*COLUMNS('^t[234]_')) AS min_cell,
             hash(*COLUMNS('^t[234]_')) AS tables_hash
      FROM reports r
      LEFT JOIN facts f ON f.report_id = r.report_id
      LEFT JOIN report_derived d ON d.report_id = r.report_id
      WHERE d.report_id IS NULL OR d.derived_from IS DISTINCT FROM r.parsed_at)
"""


# The data-quality flags of every current report against its agency's current report of the year before
# (X1 carry-over, X5 repeated tables) and against its own text (X3: the applications the text says were
# received against table 三), computed again whole (which report is current can change with any write;
# about 0.1 s at 10^5 reports).
# A carry-over column counts as differing only when printed in both years: blank is not 0.
_QUALITY = """
DELETE FROM report_quality;
INSERT INTO report_quality BY NAME
WITH r AS (
    SELECT r.report_id, r.agency_id, r.year, r.template, r.synthetic, r.checks_failed, r.conflict,
           len(list_filter(coalesce(r.warnings, []), lambda w: w LIKE '%由文字识别（OCR%')) > 0 AS ocr,
           f.t3_new_received__total, COLUMNS('^t3_carried_(over|forward)__'),
           f.t2_regulations__in_force, f.t2_normative_documents__in_force,
           list_sum([f.t3_new_received__total, f.t4_review__total, f.t4_suit_direct__total,
                     f.t4_suit_after_review__total, f.t2_licensing__decisions, f.t2_penalty__decisions,
                     f.t2_coercion__decisions]) > 0 AS active,
           d.tables_hash, d.text_chars, d.text_fingerprint
    FROM reports r
    JOIN facts f ON f.report_id = r.report_id
    LEFT JOIN report_derived d ON d.report_id = r.report_id
    WHERE r.is_current
),
said AS (
    SELECT report_id, any_value(value) AS narrative_received
    FROM narrative
    WHERE key = 'applications_received'
    GROUP BY report_id
),
flags AS (
    SELECT cur.report_id, prev.report_id AS prev_report_id, prev.synthetic AS prev_synthetic,
           prev.t3_carried_forward__total AS prev_carried_forward, prev.template AS prev_template,
           prev.t2_regulations__in_force AS prev_regulations_in_force,
           prev.t2_normative_documents__in_force AS prev_normative_documents_in_force,
           cur.synthetic, cur.checks_failed, cur.conflict, cur.ocr,
           cur.t3_new_received__total IS NULL AS received_blank,
           CASE WHEN prev.report_id IS NOT NULL THEN
                 ((cur.t3_carried_over__natural_person <> prev.t3_carried_forward__natural_person) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__commercial <> prev.t3_carried_forward__commercial) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__research <> prev.t3_carried_forward__research) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__social_org <> prev.t3_carried_forward__social_org) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__legal_service <> prev.t3_carried_forward__legal_service) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__other_org <> prev.t3_carried_forward__other_org) IS TRUE)::INTEGER
               + ((cur.t3_carried_over__total <> prev.t3_carried_forward__total) IS TRUE)::INTEGER
           END AS carry_over_columns_differing,
           CASE WHEN carry_over_columns_differing > 0 THEN true
                WHEN coalesce(cur.t3_carried_over__natural_person + prev.t3_carried_forward__natural_person,
                              cur.t3_carried_over__commercial + prev.t3_carried_forward__commercial,
                              cur.t3_carried_over__research + prev.t3_carried_forward__research,
                              cur.t3_carried_over__social_org + prev.t3_carried_forward__social_org,
                              cur.t3_carried_over__legal_service + prev.t3_carried_forward__legal_service,
                              cur.t3_carried_over__other_org + prev.t3_carried_forward__other_org,
                              cur.t3_carried_over__total + prev.t3_carried_forward__total) IS NOT NULL THEN false
           END AS carry_over_break,
           coalesce(cur.active AND cur.tables_hash = prev.tables_hash, false) AS tables_repeat_last_year,
           CASE WHEN cur.text_chars >= 100 AND prev.text_chars >= 100
                THEN cur.text_fingerprint = prev.text_fingerprint END AS text_repeat_last_year,
           said.narrative_received,
           said.narrative_received <> cur.t3_new_received__total AS narrative_mismatch
    FROM r cur
    LEFT JOIN r prev ON prev.agency_id = cur.agency_id AND prev.year = cur.year - 1
    LEFT JOIN said ON said.report_id = cur.report_id
)
SELECT report_id, prev_report_id, prev_synthetic, prev_carried_forward, prev_template, prev_regulations_in_force,
       prev_normative_documents_in_force, received_blank,
       carry_over_columns_differing, carry_over_break,
       tables_repeat_last_year, text_repeat_last_year, narrative_received, narrative_mismatch, ocr,
       (checks_failed > 0)::INTEGER + conflict::INTEGER + received_blank::INTEGER
       + coalesce(carry_over_break, false)::INTEGER + tables_repeat_last_year::INTEGER
       + coalesce(narrative_mismatch, false)::INTEGER + ocr::INTEGER AS issues,
       coalesce(nullif(concat_ws('；',
           CASE WHEN synthetic THEN '示例数据，虚构' END,
           CASE WHEN ocr THEN '文字和数字经文字识别（OCR）读出，可能有误' END,
           CASE WHEN checks_failed > 0 THEN '表内校验未通过' || checks_failed || '项' END,
           CASE WHEN conflict THEN '同年另有数字不同的版本' END,
           CASE WHEN received_blank THEN '本年新收申请数空白' END,
           CASE WHEN carry_over_break THEN '上年结转与上年报告的结转下年度不一致' END,
           CASE WHEN tables_repeat_last_year THEN '表格数字与上年完全相同' END,
           CASE WHEN narrative_mismatch THEN '正文所述收到申请数与表三不一致' END), ''), '未发现数据问题') AS caveat
FROM flags
"""
# Raised whenever report_derived, current_reports or report_quality change meaning: a database derived by an
# older version is derived again by its next writer, even one that stores nothing new (xxgk.store). Also raised
# when a schema change adds a column a named query reads (12: agencies.placed_by): the writer's schema adds it.
DERIVED_VERSION = "12"


def derive(con: duckdb.DuckDBPyConnection) -> None:
    """Fill report_derived for reports new or parsed again since the last call, then current_reports and
    report_quality for every current report (the writer calls this once after its batches, in one transaction
    before its final checkpoint; the dashboard only reads)."""
    # Tables filled by an older version may lack columns this one writes: such a report_derived is derived
    # again from scratch, and report_quality, rebuilt whole anyway, is made again as schema.sql declares it.
    if _version(con) != DERIVED_VERSION:
        con.execute("DROP TABLE IF EXISTS report_derived")
    con.execute("DROP TABLE IF EXISTS report_quality")
    from xxgk import database  # (database imports this module)

    database.apply_schema(con)
    con.execute(_DERIVE)
    con.execute("CREATE OR REPLACE TABLE current_reports AS "
                "SELECT * FROM current_reports_live ORDER BY year, agency_id")
    con.execute(_QUALITY)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('derived_version', ?)", [DERIVED_VERSION])


def _version(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = 'derived_version'").fetchall()
    return row[0][0] if row else None


def derived_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether stored reports have summaries from another version of derive() (or none yet)."""
    if _version(con) == DERIVED_VERSION:
        return False
    return con.execute("SELECT count(*) FROM reports").fetchall()[0][0] > 0
