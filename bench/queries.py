"""What the dashboard waits for, on a generated database: p50 and p95 per named query and per aggregate, the data
of each page's first view, and last `p95 max N ms`.

    uv run --frozen python bench/queries.py --reports 100000 [--runs 15] [--rebuild]
    uv run --frozen python bench/queries.py --reports 1000000 --runs 5

The database (agencies, reports, facts, cells, checks, narrative; every report marked synthetic) is built
once with DuckDB SQL and cached under bench/out/ (10^6 reports: about 10 minutes on 2 cores; the printed-cell
table `cells`, used only by single-report look-ups, the briefing's sources and bulk downloads, is generated
for the first --cells-max reports). Each named SQL query the dashboard runs is timed with three typical filter
sets (everything; one district; a year range, a province and city of the region cascade, and one bureau type),
reading the full result into Polars as the dashboard does. Each aggregate (xxgk.metrics) is timed as a page
waits for it after a filter change: the filtered facts summed by view_facts, then built in Polars (`p95 ms`); and
as it waits on a rerun with the facts already cached (`warm p95`). Each page's first view runs every call the
page makes with its default controls, the facts of its aggregates read once per filter set as pages/_ui.py does.
`floor` is a plain scan and group-by of the same table, for scale. A full list no page runs (FULL_LISTS) is printed,
marked, and left out of `p95 max`. Targets (issue figures): every query and aggregate p95 ≤ 100 ms at 100,000 reports,
≤ 400 ms at 1,000,000.
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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xxgk import dictionary, metrics, queries  # noqa: E402
from xxgk.filters import Filters  # noqa: E402
from xxgk.keys import TABLE2_COLUMNS  # noqa: E402
from xxgk.store.derive import DERIVED_VERSION, derive  # noqa: E402

OUT = ROOT / "bench" / "out"
# Bulk downloads (every cell in scope) are not page queries: timed with one district only, outside the target.
BULK = {"export_cells"}
# Full lists no page runs (every row, for downloads and the command line): timed under the three filter sets like the
# page queries, marked and left out of the target (zero_activity: every zero agency-year, ~375,000 rows at 10^6).
FULL_LISTS = {"zero_activity"}
# Downloads built when their button is pressed (数据下载与说明's 每个机关每年一行: every agency, every year), timed
# under the three filter sets, outside the target.
BULK_AGGREGATES = [("applications_by_group", {"group_by": "agency"})]
# "LAST": the last year of the filter set, as a page ranks one year (its last) rather than every year. The typical
# call of disclosure_by_group is 主动公开's: the ranked measure of the ranked year.
LAST = "LAST"
OWN_YEAR = {"disclosure_by_group": {"year_from": LAST, "year_to": LAST}}


def at(filters: dict, own: dict) -> dict:
    """A call's parameters: the filter set, then the call's own (LAST: the filter set's last year)."""
    return {**filters, **{k: (filters["year_to"] if v == LAST else v) for k, v in own.items()}}


# Besides each query's typical call (xxgk.dictionary example), the other calls the dashboard's pages make.
EXTRA_CALLS = [
    ("applications_by_group", {"group_by": "agency", "year_from": LAST, "year_to": LAST}),  # 依申请公开's ranking
    ("zero_activity_share", {"group_by": "all"}),
    ("yoy_change", {"group_by": "agency", "agency_ids": "AGENCY"}),
    ("disclosure_volumes", {"group_by": "district"}),
]
# The places a briefing of 10^5 reports quotes cell by cell (xxgk.brief: received, processed, disclosed, reviews)
BRIEF_PLACES = ["table3.new_received.total", "table3.total_processed.total", "table3.granted.total",
                "table3.partially_granted.total", "table4.review.upheld", "table4.review.corrected",
                "table4.review.other"]
# The rows of a list a page shows (pages/quality.py, pages/zero_activity.py: SHOWN)
LIST_ROWS = 200
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


def build(path: Path, n_reports: int, cells_max: int) -> None:
    """Generate the benchmark database with DuckDB SQL (values bound where they are values)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / ".gitignore").write_text("*\n")
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    # a bounded share of the machine; what does not fit spills to bench/out
    con.execute("SET memory_limit = '6GB'")
    con.execute("SET temp_directory = $d", {"d": str(path.parent / "spill")})
    con.execute("SET preserve_insertion_order = false")
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
                   FROM (UNPIVOT (SELECT f.* FROM facts f JOIN (SELECT report_id FROM reports
                                                                ORDER BY agency_id, year LIMIT $m) USING (report_id))
                         ON COLUMNS('^t[234]_') INTO NAME col VALUE value)
                   ORDER BY report_id""", {"m": cells_max})
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
    if "limit" in entry.params and "limit" not in params:
        params["limit"] = LIST_ROWS  # a list as a page asks for it: its head and its length (the download takes all)
    if name == "zero_streaks":
        params["min_years"] = 2  # 零活动机关's default
    if "agency_id" in params:
        params["agency_id"] = agency_id
    if "report_id" in params:
        params["report_id"] = con.execute("SELECT report_id FROM reports WHERE agency_id = $a LIMIT 1",
                                          {"a": agency_id}).fetchall()[0][0]
    if name == "compare":
        params["agency_a"] = agency_id
    if name == "source_cells":
        # as the briefing of a large selection asks (SMALL_SCOPE): the cells of its notes' places for the 70 or so
        # agencies its rankings and lists name, not every report's cells
        params["places"] = BRIEF_PLACES
        params["source_agencies"] = [a for (a,) in con.execute(
            "SELECT DISTINCT agency_id FROM current_reports ORDER BY hash(agency_id) LIMIT 70").fetchall()]
    return params


# The calls of each dashboard page's first view (default controls: every aggregate and named query it draws); the
# facts of its aggregates are read once per filter set (xxgk.metrics.reads), as pages/_ui.py does.
PAGES = {
    "总览": [("overview_kpis", {}), ("yearly_trend", {})],
    "依申请公开": [("outcome_shares", {"group_by": "all"})],
    "主动公开": [("disclosure_volumes", {"group_by": "all"}),
             ("disclosure_by_group", {"group_by": "agency", "measure": "t2_penalty__decisions", "year_from": LAST,
                                      "year_to": LAST})],
    "复议诉讼": [("review_litigation", {"group_by": "all"}),
             ("rankings", {"metric": "reviews", "ascending": False, "limit": 20, "year_from": LAST, "year_to": LAST}),
             ("correction_rates", {"group_by": "district", "kind": "review"})],
    "零活动机关": [("zero_activity_share", {"group_by": "all"}),
              ("zero_activity_share", {"group_by": "district"}),
              ("zero_streaks", {"min_years": 2, "limit": LIST_ROWS})],
    "按时公开": [("timeliness", {"group_by": "all"})],
    # the lists' lengths, 覆盖/差额's short list and the open tab's list (the first: 勾稽未通过), side by side
    "数据质量": [("quality_counts", {}), ("region_coverage", {"limit": LIST_ROWS}), ("quality_checks", {"limit": LIST_ROWS})],
}


# Pages whose first named queries run side by side (pages/_ui.queries_at_once, BATCH_THREADS threads): how many
AT_ONCE = {"数据质量": 3}
BATCH_THREADS = 3


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


class Timer:
    """Wall-clock and process CPU milliseconds of repeated calls."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __call__(self, fn):  # noqa: ANN001, ANN204
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        self.wall.append((time.perf_counter() - t0) * 1000)
        self.cpu.append((time.process_time() - c0) * 1000)
        return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=15, help="timed runs per filter set and query")
    ap.add_argument("--rebuild", action="store_true", help="build the database again even if cached")
    ap.add_argument("--only", nargs="*", help="time only these queries or aggregates")
    ap.add_argument("--cells-max", type=int, default=200_000, help="reports given printed cells (the cells table)")
    args = ap.parse_args(argv)

    # The cache is keyed by the schema, what derive() fills and this generator: a changed schema or derived table
    # builds a new database (one derived by another version would be upgraded by the dashboard when it opens it).
    derived = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "queries" / "derive").glob("*.sql")))
    recipe = (ROOT / "queries" / "schema.sql").read_text(encoding="utf-8") + derived + DERIVED_VERSION \
        + inspect.getsource(build) + inspect.getsource(cell_expr) \
        + repr((YEARS, BUREAUS, DISTRICTS, PHRASES, args.cells_max))
    key = hashlib.sha256(recipe.encode()).hexdigest()[:8]
    path = OUT / f"bench_{args.reports}_{key}.duckdb"
    if args.rebuild or not path.exists():
        t0 = time.perf_counter()
        build(path, args.reports, args.cells_max)
        print(f"built {path.name} in {time.perf_counter() - t0:.1f} s", flush=True)
    con = duckdb.connect(str(path), read_only=True)
    n = con.execute("SELECT count(*) FROM current_reports").fetchall()[0][0]
    sets, agency_id, district = scenarios(con)
    print(f"{n} current reports; {args.runs} runs × {len(sets)} filter sets per query")
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} (other work on the machine inflates times)")

    floor = Timer()
    for filters in sets:
        for _ in range(args.runs):
            floor(lambda f=filters: con.execute(
                "SELECT year, district, count(*), sum(t3_new_received__total), sum(t3_total_processed__total) "
                "FROM current_reports WHERE synthetic AND (len($d) = 0 OR list_contains($d, district)) "
                "GROUP BY ALL", {"d": f["districts"]}).fetchall())
    print(f"floor (scan and group-by of current_reports): p50 {statistics.median(floor.wall):.1f} ms, "
          f"p95 {percentile(floor.wall, 0.95):.1f} ms")

    wanted = set(args.only or metrics.every_name())
    sql_names = [q for q in queries.names() if q in wanted and q not in BULK and q != metrics.FACTS_QUERY]
    calls = [(q, own_params(q, con, agency_id, district), q) for q in sql_names]
    calls += [(a, {**dictionary.query(a).example, **OWN_YEAR.get(a, {})}, a) for a in metrics.names() if a in wanted]
    for q, extra in EXTRA_CALLS:
        if q in wanted:
            extra = {k: ([agency_id] if v == "AGENCY" else v) for k, v in extra.items()}
            label = f"{q}[{','.join(f'{k}={v}' for k, v in extra.items() if k not in ('agency_ids', 'year_from'))}]"
            base = own_params(q, con, agency_id, district) if q in queries.names() else dict(dictionary.query(q).example)
            calls.append((q, {**base, **extra}, label))

    print(f"{'query or aggregate':<44}{'p50 ms':>9}{'p95 ms':>9}{'cpu p95':>9}{'warm p95':>9}{'rows':>9}")
    worst, worst_name = 0.0, ""
    for name, own, label in calls:
        cold, warm, rows = Timer(), Timer(), 0
        for filters in sets:
            params = at(filters, own)
            if name in metrics.AGGREGATES:
                cols, by = metrics.columns(name, **params), metrics.facts_filters(name, params)
                facts = metrics.facts(con, cols, by)  # warm-up
                metrics.build(name, facts, **params)
                for _ in range(args.runs):
                    rows = cold(lambda n=name, p=params, c=cols, b=by: metrics.build(n, metrics.facts(con, c, b), **p)
                                ).height
                    warm(lambda n=name, p=params, f=facts: metrics.build(n, f, **p))
            else:
                queries.run(con, name, params)  # warm-up
                for _ in range(args.runs):
                    rows = cold(lambda n=name, p=params: queries.run(con, n, p)).height
        p95 = percentile(cold.wall, 0.95)
        if p95 > worst and name not in FULL_LISTS:
            worst, worst_name = p95, label
        if name in FULL_LISTS:
            label = f"{label} (full list, no page)"
        warm95 = f"{percentile(warm.wall, 0.95):>9.1f}" if warm.wall else f"{'—':>9}"
        print(f"{label:<44}{statistics.median(cold.wall):>9.1f}{p95:>9.1f}{percentile(cold.cpu, 0.95):>9.1f}"
              f"{warm95}{rows:>9}", flush=True)

    print("page first views (every call of the page's first view; facts read once per page and filter set):")
    worst_page, worst_page_name = 0.0, ""
    for page, page_calls in PAGES.items():
        if not {c for c, _ in page_calls} <= wanted:
            continue
        wall, side_by_side = Timer(), AT_ONCE.get(page, 0)
        for filters in sets:
            for _ in range(args.runs):
                def first_view(f=filters, page_calls=page_calls, together=side_by_side) -> None:
                    aggs = [(name, at(f, own)) for name, own in page_calls if name in metrics.AGGREGATES]
                    facts: dict[str, object] = {}  # one facts read per filter set and column union, as the page
                    for (name, params), (cols, by) in zip(aggs, metrics.reads(aggs), strict=True):
                        k = repr((cols, sorted(by.items())))
                        if k not in facts:
                            facts[k] = metrics.facts(con, cols, by)
                        metrics.build(name, facts[k], **params)
                    named = [(name, at(f, own)) for name, own in page_calls if name not in metrics.AGGREGATES]
                    if together:  # side by side, each on its own cursor, as pages/_ui.queries_at_once
                        cursors = [con.cursor() for _ in named[:together]]
                        with ThreadPoolExecutor(max_workers=BATCH_THREADS) as pool:
                            list(pool.map(lambda call, cur: queries.run(cur, *call), named[:together], cursors))
                    for name, params in named[together:]:
                        queries.run(con, name, params)
                wall(first_view)
        p95 = percentile(wall.wall, 0.95)
        if p95 > worst_page:
            worst_page, worst_page_name = p95, page
        print(f"  {page:<40}{statistics.median(wall.wall):>9.1f}{p95:>9.1f}  ({len(page_calls)} calls)", flush=True)

    if "filter_options" in wanted:
        # The sidebar's work in Python at every rerun of any page (every click): its 指定机关 list, the agencies with
        # the most reports among all of the dataset's, from filter_options as read (and cached) once.
        import logging

        logging.getLogger("streamlit").setLevel(logging.ERROR)  # its caches' notice that no app is running
        from pages._sidebar import agency_choices

        options = queries.run(con, "filter_options", {"dataset": "demo"})
        agencies = options.filter(options["kind"] == "agency").select(
            options["label"].alias("name"), options["reports"])
        t = Timer()
        for _ in range(args.runs * len(sets)):
            t(lambda: agency_choices(agencies, []))
        print(f"{'sidebar agency list (Python, every rerun)':<44}{statistics.median(t.wall):>9.1f}"
              f"{percentile(t.wall, 0.95):>9.1f}{percentile(t.cpu, 0.95):>9.1f}{'—':>9}{agencies.height:>9}")

    for name in BULK & wanted:
        print("bulk downloads, one district only (not in the target):")
        t = Timer()
        for _ in range(args.runs):
            params = {**sets[1], **own_params(name, con, agency_id, district)}
            rows = t(lambda n=name, p=params: queries.run(con, n, p)).height
        print(f"{name:<44}{statistics.median(t.wall):>9.1f}{percentile(t.wall, 0.95):>9.1f}"
              f"{percentile(t.cpu, 0.95):>9.1f}{'—':>9}{rows:>9}")
    for name, own in BULK_AGGREGATES:
        if name in wanted:
            print("downloads built when pressed (not in the target):")
            t = Timer()
            for filters in sets:
                for _ in range(args.runs):
                    params = {**filters, **own}
                    rows = t(lambda n=name, p=params: metrics.run(con, n, p)).height
            label = f"{name}[{','.join(f'{k}={v}' for k, v in own.items())}]"
            print(f"{label:<44}{statistics.median(t.wall):>9.1f}{percentile(t.wall, 0.95):>9.1f}"
                  f"{percentile(t.cpu, 0.95):>9.1f}{'—':>9}{rows:>9}")
    print(f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"page first view p95 max {worst_page:.0f} ms ({worst_page_name})")
    print(f"p95 max {worst:.0f} ms ({worst_name}); floor p95 {percentile(floor.wall, 0.95):.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
