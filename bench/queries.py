"""Speed of the named queries on a generated database: p50 and p95 per query, and last `p95 max N ms`.

    uv run --frozen python bench/queries.py --reports 100000 [--runs 15] [--rebuild]

The database (agencies, reports, facts, cells, checks, narrative; every report marked synthetic) is built
once with DuckDB SQL and cached under bench/out/. Each query the dashboard runs is timed with three typical
filter sets (everything; one district; a year range, a province and city of the region cascade, and one bureau type), reading the full result into
Polars as the dashboard does. Target: p95 at most 150 ms for every query at 100,000 reports.
Wall-clock times grow with other work on the machine (the load average is printed); `cpu p50`/`cpu p95` are
the processor time of the process per call (all DuckDB threads together), which other work inflates far less.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import os
import statistics
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xxgk import dictionary, queries  # noqa: E402
from xxgk.filters import Filters  # noqa: E402
from xxgk.keys import TABLE2_COLUMNS  # noqa: E402
from xxgk.store.derive import derive  # noqa: E402

OUT = ROOT / "bench" / "out"
# Bulk downloads (every cell in scope) are not page queries: timed with one district only, outside the target.
BULK = {"export_cells"}
# Besides each query's typical call (xxgk.dictionary example), the other calls the dashboard's pages make.
EXTRA_CALLS = [
    ("applications_by_group", {"group_by": "agency"}),
    ("zero_activity_share", {"group_by": "all"}),
    ("yoy_change", {"group_by": "agency", "agency_ids": "AGENCY"}),
    ("disclosure_volumes", {"group_by": "district"}),
]
YEARS = list(range(2019, 2025))
BUREAUS = ["区县政府", "发改", "经信", "教育", "科技", "公安", "民政", "司法", "财政", "人社", "自然资源", "生态环境",
           "住建", "交通", "水利", "农业农村", "商务", "文旅", "卫健", "应急", "审计", "市场监管", "统计", "医保",
           "街道/乡镇"]
DISTRICTS = 120
PHRASES = ["坚持以公开为常态、不公开为例外，", "围绕重点领域做好主动公开工作，", "及时回应社会关切，",
           "进一步规范依申请公开办理流程，", "加强政府信息管理和平台建设，", "强化监督保障和考核评议，",
           "政策解读形式还比较单一，", "下一步将加强业务培训，"]


def t2_columns_of(template: str) -> set[str]:
    return {f"t2_{item}__{col}" for item, cols in TABLE2_COLUMNS[template].items() for col in cols}


def cell_expr(col: str) -> str:
    """A realistic random value for one facts column (about 2 % blank)."""
    if col.startswith("t3_"):
        scale = "40" if col.startswith(("t3_new_received", "t3_total_processed", "t3_granted")) else "4"
        value = f"CASE WHEN zero THEN 0 ELSE floor(random() * random() * {scale}) END"
    elif col.startswith("t4_"):
        value = "floor(random() * random() * random() * 4)"
    elif col.endswith("amount_yuan"):
        value = "round(random() * 5e6)"
    elif col.endswith("amount_wan_yuan"):
        value = "round(random() * 500, 2)"
    elif col.endswith("__change"):
        value = "floor(random() * 7) - 3"
    else:
        value = "floor(random() * random() * 300)"
    in_2019, in_2021 = col in t2_columns_of("2019"), col in t2_columns_of("2021")
    if col.startswith("t2_") and not (in_2019 and in_2021):
        template = "2019" if in_2019 else "2021"
        return f"CASE WHEN template <> '{template}' OR random() < 0.02 THEN NULL ELSE {value} END AS {col}"
    return f"CASE WHEN random() < 0.02 THEN NULL ELSE {value} END AS {col}"


def build(path: Path, n_reports: int) -> None:
    """Generate the benchmark database with DuckDB SQL (values bound where they are values)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / ".gitignore").write_text("*\n")
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    con.execute((ROOT / "queries" / "schema.sql").read_text(encoding="utf-8"))
    n_agencies = int(n_reports / len(YEARS) / 0.95) + 1
    con.execute(
        """INSERT INTO agencies (agency_id, name, province, city, district, code, level, bureau, resolved)
           SELECT i, '示例市示例' || lpad(CAST(i % $d AS VARCHAR), 3, '0') || '区' || ($b)[1 + (hash(i) % len($b))::BIGINT]
                     || '部门' || i,
                  '示例省', '示例市', CASE WHEN i % 50 = 0 THEN NULL ELSE '示例' || lpad(CAST(i % $d AS VARCHAR), 3, '0') || '区' END,
                  NULL, 'county', CASE WHEN i % 50 = 0 THEN NULL ELSE ($b)[1 + (hash(i) % len($b))::BIGINT] END, i % 50 <> 0
           FROM range(1, $n + 1) t(i)""",
        {"d": DISTRICTS, "b": BUREAUS, "n": n_agencies},
    )
    con.execute(
        """INSERT INTO reports (report_id, agency_id, agency_printed, year, template, format, title, parsed_at,
                                parser_version, synthetic, is_current, conflict, checks_failed, warnings, body_text)
           SELECT md5(a.agency_id || '-' || y), a.agency_id, a.name, y, CASE WHEN y <= 2020 THEN '2019' ELSE '2021' END,
                  'pdf', y || '年政府信息公开工作年度报告', TIMESTAMP '2026-01-01', 'bench', true, true,
                  random() < 0.01, CASE WHEN random() < 0.1 THEN 1 + floor(random() * 3)::INTEGER ELSE 0 END, [],
                  a.name || y || '年政府信息公开工作年度报告。'
                  || repeat(($p)[1 + (a.agency_id % len($p))], 10 + (hash(a.agency_id, y) % 90)::INTEGER)
                  || '全年收到申请' || (hash(y, a.agency_id) % 100) || '件。'
           FROM agencies a, unnest($years) u(y)
           WHERE hash(a.agency_id * 31 + y) % 100 < 95
           LIMIT $n""",
        {"p": PHRASES, "years": YEARS, "n": n_reports},
    )
    columns = [c[0] for c in con.execute("DESCRIBE facts").fetchall() if c[0] != "report_id"]
    exprs = ",\n".join(cell_expr(c) for c in columns)
    con.execute(f"""INSERT INTO facts (report_id, {', '.join(columns)})
                    SELECT report_id, {exprs}
                    FROM (SELECT report_id, template, random() < 0.3 AS zero FROM reports)""")
    con.execute("""INSERT INTO cells
                   SELECT report_id, 'table' || substr(col, 2, 1), split_part(substr(col, 4), '__', 1),
                          split_part(col, '__', 2), value, coalesce(CAST(value AS VARCHAR), ''), NULL, 1, NULL
                   FROM (UNPIVOT facts ON COLUMNS('^t[234]_') INTO NAME col VALUE value)
                   ORDER BY report_id""")
    con.execute("""INSERT INTO checks
                   SELECT report_id, 'R' || (1 + (hash(report_id) % 4)), false, 'table3/total', '不平'
                   FROM reports WHERE checks_failed > 0""")
    con.execute("""INSERT INTO narrative
                   SELECT report_id, 'proactive_items', floor(random() * 2000) FROM reports WHERE random() < 0.5""")
    # the applications the text states: for about 60 % of reports, 1 in 20 of them not matching table 三 (X3)
    con.execute("""INSERT INTO narrative
                   SELECT report_id, 'applications_received',
                          t3_new_received__total + CASE WHEN random() < 0.05 THEN 1 ELSE 0 END
                   FROM facts WHERE t3_new_received__total IS NOT NULL AND random() < 0.6""")
    derive(con)  # as the writer does after writing
    con.execute("CHECKPOINT")
    con.close()
    tmp.rename(path)


def scenarios(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Three typical filter sets of the dashboard."""
    district, agency_id = con.execute(
        "SELECT district, agency_id FROM current_reports WHERE district IS NOT NULL LIMIT 1").fetchall()[0]
    # every report of the benchmark is synthetic: the demo dataset; the third set goes down the region cascade
    return [
        Filters(dataset="demo").params(),
        Filters(dataset="demo", districts=(district,)).params(),
        Filters(dataset="demo", year_from=2021, year_to=2023, provinces=("示例省",), cities=("示例市",),
                bureaus=("公安",)).params(),
    ], agency_id, district


def own_params(name: str, con: duckdb.DuckDBPyConnection, agency_id: int, district: str) -> dict:
    entry = dictionary.query(name)
    params = dict(entry.example)
    if "agency_id" in params:
        params["agency_id"] = agency_id
    if "report_id" in params:
        params["report_id"] = con.execute("SELECT report_id FROM reports WHERE agency_id = $a LIMIT 1",
                                          {"a": agency_id}).fetchall()[0][0]
    if name == "compare":
        params["agency_a"] = agency_id
    return params


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=15, help="timed runs per filter set and query")
    ap.add_argument("--rebuild", action="store_true", help="build the database again even if cached")
    ap.add_argument("--only", nargs="*", help="time only these queries")
    args = ap.parse_args(argv)

    # The cache is keyed by the schema and this generator, so a changed schema builds a new database.
    recipe = (ROOT / "queries" / "schema.sql").read_text(encoding="utf-8") + inspect.getsource(build) \
        + inspect.getsource(cell_expr) + repr((YEARS, BUREAUS, DISTRICTS, PHRASES))
    key = hashlib.sha256(recipe.encode()).hexdigest()[:8]
    path = OUT / f"bench_{args.reports}_{key}.duckdb"
    if args.rebuild or not path.exists():
        t0 = time.perf_counter()
        build(path, args.reports)
        print(f"built {path.name} in {time.perf_counter() - t0:.1f} s", flush=True)
    con = duckdb.connect(str(path), read_only=True)
    n = con.execute("SELECT count(*) FROM current_reports").fetchall()[0][0]
    sets, agency_id, district = scenarios(con)
    print(f"{n} current reports; {args.runs} runs × {len(sets)} filter sets per query")
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} (other work on the machine inflates times)")
    print(f"{'query':<44}{'p50 ms':>9}{'p95 ms':>9}{'cpu p50':>9}{'cpu p95':>9}{'rows':>9}")
    worst = worst_cpu = 0.0
    names = [n for n in (args.only or queries.names()) if n not in BULK]
    calls = [(n, own_params(n, con, agency_id, district), n) for n in names]
    for n, extra in EXTRA_CALLS:
        if n in names:
            extra = {k: ([agency_id] if v == "AGENCY" else v) for k, v in extra.items()}
            label = f"{n}[{','.join(f'{k}={v}' for k, v in extra.items() if k != 'agency_ids')}]"
            calls.append((n, {**own_params(n, con, agency_id, district), **extra}, label))
    calls += [(n, own_params(n, con, agency_id, district), n) for n in (args.only or queries.names()) if n in BULK]
    for name, own, label in calls:
        if name in BULK:
            print("bulk downloads, one district only (not in the target):")
        times, cpu, rows = [], [], 0
        for filters in (sets[1:2] if name in BULK else sets):
            queries.run(con, name, {**filters, **own})  # warm-up
            for _ in range(args.runs):
                t0, c0 = time.perf_counter(), time.process_time()
                rows = queries.run(con, name, {**filters, **own}).height
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
        times.sort()
        p50 = statistics.median(times)
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        if name not in BULK:
            worst = max(worst, p95)
        cpu.sort()
        cpu95 = cpu[min(len(cpu) - 1, int(round(0.95 * (len(cpu) - 1))))]
        if name not in BULK:
            worst_cpu = max(worst_cpu, cpu95)
        print(f"{label:<44}{p50:>9.1f}{p95:>9.1f}{statistics.median(cpu):>9.1f}{cpu95:>9.1f}{rows:>9}", flush=True)
    print(f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"cpu p95 max {worst_cpu:.0f} ms (processor time, all threads)")
    print(f"p95 max {worst:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
