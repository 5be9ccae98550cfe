"""Datasets and scope, on a database mixing all four kinds of report: every named query, run for each dataset and
scope, neither adds the demo city to real reports nor a government's region-wide figure to the agencies inside its
region. The magnitudes tell: every number a real agency prints is 1–9, every number of a region-wide table is
1,000,000, every number of a demo report is 1,000. A sum over the real agencies' own tables stays under 1,000; a
sum that took in a demo report or a region-wide table cannot.

Agencies (all in 浙江省 宁波市, years 2021 and 2022):
  1 宁波市人民政府          city government, tables 二, 三, 四 region-wide (全市)
  2 宁波市鄞州区人民政府    county government, table 二 region-wide (全区), tables 三 and 四 its own office's
  3 宁波市鄞州区经济和信息化局, 4 宁波市公安局海曙分局   bureaus counting themselves (scope 'agency' and not marked)
  5 宁波市公安局鄞州分局    demo data (示例数据，虚构), in the same district as the real bureaus
"""

from __future__ import annotations

import datetime as dt
import re
import zlib

import duckdb
import polars as pl
import pytest

from tests.fixtures.db.builder import SCHEMA
from xxgk import dictionary, metrics
from xxgk.filters import Filters
from xxgk.store.derive import derive

REGION, DEMO = 1_000_000, 1_000
AGENCIES = [  # id, name, district, code, level, bureau, synthetic, scope of tables 二, 三, 四
    (1, "宁波市人民政府", None, "330200", "city", "市政府", False, ("region", "region", "region")),
    (2, "宁波市鄞州区人民政府", "鄞州区", "330212", "county", "区县政府", False, ("region", "agency", "agency")),
    (3, "宁波市鄞州区经济和信息化局", "鄞州区", "330212", "county", "经信", False, ("agency", "agency", "agency")),
    (4, "宁波市公安局海曙分局", "海曙区", "330203", "county", "公安", False, (None, None, None)),
    (5, "宁波市公安局鄞州分局", "鄞州区", "330212", "county", "公安", True, (None, None, None)),
]
YEARS = (2021, 2022)
# Ratios and figures worked out of one side only: not sums of printed numbers, left out of the magnitude test.
NOT_SUMS = re.compile(r"rate|share|coverage|pct|per_100|median|^(year|year_min|year_max|last_year|missing_year|"
                      r"agency_id|agency_a|agency_b|rank|n|page|size_bytes|issues|checks_failed|checks_run|"
                      r"columns_differing|streak_years|streak_start|streak_end|peers|peers_zero|pairs_compared|"
                      r"reports_checked|reports_in_scope|total_rows|text_chars|numbers_printed|last_report_year|"
                      r"next_report_year|region_reports|region_agencies|parts_reports|provinces|districts)$|"
                      r"reports|agencies|__sign$|__n$|_rows$")  # _rows: quality_counts, a list's length


def _value(agency: tuple, table: str, column: str) -> float:
    aid, *_, synthetic, scopes = agency
    if synthetic:
        return DEMO
    if scopes["234".index(table)] == "region":
        return REGION
    return 1 + zlib.crc32(column.encode()) % 9


@pytest.fixture(scope="module")
def mixed():
    con = duckdb.connect()
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    facts = [c[0] for c in con.execute("DESCRIBE facts").fetchall() if c[0] != "report_id"]
    when = dt.datetime(2026, 1, 15)
    for a in AGENCIES:
        aid, name, district, code, level, bureau, synthetic, scopes = a
        con.execute("INSERT INTO agencies (agency_id, name, province, city, district, code, level, bureau, resolved, "
                    "fictional) VALUES (?, ?, '浙江省', '宁波市', ?, ?, ?, ?, true, false)",
                    [aid, name, district, code, level, bureau])
        for y in YEARS:
            rid = f"m{aid}-{y}"
            text = f"{name}{y}年政府信息公开工作年度报告。" + ("全市" if aid == 1 else "") + "六、其他需要报告的事项。无。"
            con.execute("INSERT INTO sources VALUES (?, 'txt', ?, ?, ?, ?, ?)",
                        [rid, len(text.encode()), f"{rid}.txt", f"{rid}.txt", when, text.encode()])
            con.execute("INSERT INTO reports (report_id, agency_id, agency_printed, year, template, format, parsed_at, "
                        "parser_version, synthetic, body_text, scope_table2, scope_table3, scope_table4) "
                        "VALUES (?, ?, ?, ?, '2021', 'txt', ?, 'test', ?, ?, ?, ?, ?)",
                        [rid, aid, name, y, when, synthetic, text, *scopes])
            cols = [c for c in facts if c.startswith(("t3_", "t4_")) or c in {
                "t2_regulations__issued", "t2_regulations__repealed", "t2_regulations__in_force",
                "t2_normative_documents__issued", "t2_normative_documents__repealed",
                "t2_normative_documents__in_force", "t2_licensing__decisions", "t2_penalty__decisions",
                "t2_coercion__decisions", "t2_fees__amount_wan_yuan"}]
            con.execute(f"INSERT INTO facts (report_id, {', '.join(cols)}) VALUES (?{', ?' * len(cols)})",
                        [rid, *(_value(a, c[1], c) for c in cols)])
            con.execute("INSERT INTO narrative VALUES (?, 'proactive_items', ?)", [rid, _value(a, "2", "items")])
    con.execute("""INSERT INTO cells SELECT report_id, 'table' || substr(col, 2, 1), split_part(substr(col, 4), '__', 1),
                          split_part(col, '__', 2), value, CAST(value AS VARCHAR), NULL, 1, NULL
                   FROM (UNPIVOT facts ON COLUMNS('^t[234]_') INTO NAME col VALUE value)""")
    derive(con)
    yield con
    con.close()


def _params(con, name: str, dataset: str, scope: str) -> dict:
    entry = dictionary.query(name)
    aid = 5 if dataset == "demo" else 3
    own = {"agency_id": aid, "agency_a": aid, "report_id": f"m{aid}-2022", "report_ids": [f"m{aid}-2022"],
           "district_a": "鄞州区", "district_b": "海曙区", "metric": "received"}  # rankings: a sum, not a rate
    return {**Filters(dataset=dataset, scope=scope).params(), **entry.example,
            **{k: v for k, v in own.items() if k in entry.params}}


def _sums(out: pl.DataFrame) -> list[str]:
    return [c for c, t in out.schema.items() if t.is_numeric() and not NOT_SUMS.search(c)]


CASES = [(n, d, s) for n in metrics.every_name() for d in ("real", "demo") for s in ("agency", "region")]


@pytest.mark.parametrize("name,dataset,scope", CASES)
def test_no_query_mixes_datasets_or_adds_a_region_to_its_parts(mixed, name, dataset, scope):
    out = metrics.read(mixed, name, _params(mixed, name, dataset, scope))
    if "synthetic" in out.columns:
        assert out["synthetic"].drop_nulls().to_list() == [dataset == "demo"] * out["synthetic"].drop_nulls().len()
    if name == "datasets":  # one row per dataset, each counted apart
        assert out.select("dataset", "reports", "synthetic_reports").rows() == [("demo", 2, 2), ("real", 8, 0)]
        return
    if "synthetic_reports" in out.columns:
        if dataset == "real":
            assert (out["synthetic_reports"] == 0).all(), name
        elif "reports" in out.columns and "reports_prev" not in out.columns:
            assert (out["synthetic_reports"] == out["reports"]).all(), name
    for col in _sums(out):
        values = out[col].drop_nulls()
        if dataset == "demo":  # demo reports alone: every sum is of 1,000s
            assert (values % DEMO == 0).all(), f"{name}.{col} adds real reports to the demo city: {values.to_list()}"
        elif name == "region_coverage":
            continue  # checked by test_region_coverage_sets_a_region_beside_its_parts
        elif scope == "region" or name in dictionary.LIST_QUERIES:
            # region-wide tables alone (or single reports listed): never a region figure plus a part
            ok = (values % REGION == 0) | (values.abs() < DEMO)
            assert ok.all(), f"{name}.{col} adds a region-wide figure to agencies: {values.to_list()}"
        else:  # the agencies' own tables: no region-wide figure, no demo report
            assert (values.abs() < DEMO).all(), f"{name}.{col} takes in a region-wide or demo figure: {values.to_list()}"


def test_region_scope_shows_the_governments_region_wide_tables_only(mixed):
    own = metrics.read(mixed, "overview_kpis", {}).row(0, named=True)
    region = metrics.read(mixed, "overview_kpis", {"scope": "region"}).row(0, named=True)
    # table 三 is region-wide in the city government's reports only: 2 years × 1,000,000
    assert region["received"] == 2 * REGION
    assert region["reports"] == 4  # the city government's 2 reports, the county government's 2 (table 二)
    # agencies' own table 三: the county government's office and the two bureaus, 2 years each; no demo report
    assert own["reports"] == 6 and own["synthetic_reports"] == 0 and own["received"] < DEMO
    assert own["reports_blank_received"] == 0  # a region-wide table left out of view is not a blank one
    ranked = metrics.read(mixed, "rankings", {"metric": "received", "ascending": False, "limit": 10})
    assert 1 not in ranked["agency_id"].to_list()  # the city's area total is never ranked beside single bureaus
    ranked = metrics.read(mixed, "rankings", {"metric": "received", "ascending": False, "limit": 10, "scope": "region"})
    assert set(ranked["agency_id"]) == {1}


def test_region_coverage_sets_a_region_beside_its_parts(mixed):
    out = metrics.read(mixed, "region_coverage", {"year_from": 2022})
    received = out.filter(agency_id=1, measure="t3_new_received__total").row(0, named=True)
    # the city's 全市 table 三 against the three agencies inside it whose table 三 counts themselves
    parts = sum(_value(a, "3", "t3_new_received__total") for a in AGENCIES[1:4])
    assert (received["region_value"], received["parts_value"], received["parts_reports"]) == (REGION, parts, 3)
    assert received["difference"] == REGION - parts
    assert received["coverage"] == pytest.approx(parts / REGION)
    # the county government's 全区 table 二 against the one bureau of 鄞州区 counting itself (the demo one is
    # another dataset; the city government is above, not inside, the district)
    penalty = out.filter(agency_id=2, measure="t2_penalty__decisions").row(0, named=True)
    assert (penalty["level"], penalty["parts_reports"]) == ("county", 1)
    assert penalty["parts_value"] == _value(AGENCIES[2], "2", "t2_penalty__decisions")
    assert out["synthetic"].to_list() == [False] * out.height
    assert metrics.read(mixed, "region_coverage", {"dataset": "demo"}).is_empty()


def test_missing_subordinates_names_the_agency_without_a_report(mixed):
    mixed.execute("UPDATE reports SET is_current = false WHERE report_id = 'm3-2022'")
    derive(mixed)
    try:
        out = metrics.read(mixed, "missing_subordinates", {})
        # 鄞州区 2022: the county government reported, its 经信局 did not (the demo bureau is another dataset)
        assert out.select("year", "agency", "district", "region_reports", "last_report_year").rows() == [
            (2022, "宁波市鄞州区经济和信息化局", "鄞州区", 1, 2021)]
        assert metrics.read(mixed, "missing_subordinates", {"dataset": "demo"}).is_empty()
    finally:
        mixed.execute("UPDATE reports SET is_current = true WHERE report_id = 'm3-2022'")
        derive(mixed)


@pytest.mark.parametrize("printed,place", [
    ("淮安市人民政府", ("江苏省", "淮安市", None, "city")),
    ("淮安市洪泽区人民政府", ("江苏省", "淮安市", "洪泽区", "county")),
    ("洪泽区人民政府", ("江苏省", "淮安市", "洪泽区", "county")),
    ("沭阳县发展和改革局", ("江苏省", "宿迁市", "沭阳县", "county")),
    ("宁波市鄞州区经济和信息化局", ("浙江省", "宁波市", "鄞州区", "county")),
    ("平潭综合实验区", ("福建省", "福州市", "平潭县", "county")),
])
def test_the_shipped_real_reports_sit_in_their_province_city_and_county(printed, place):
    from xxgk.agencies import resolve

    a = resolve(printed)
    assert a.resolved and (a.province, a.city, a.district, a.level) == place
