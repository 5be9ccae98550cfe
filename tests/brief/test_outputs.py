"""The briefing end to end: chart images through Chromium, the command line, real + demo reports, the button
on 总览."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from tests.brief.conftest import ROOT, number, percent, read
from xxgk import database, metrics
from xxgk.brief import build
from xxgk.filters import Filters
from xxgk.report import SYNTHETIC_MARK

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.mark.browser
def test_charts_are_images_drawn_by_chromium(con):
    b = build(con, Filters(), today=dt.date(2026, 3, 1))
    d = read(b.content)
    captions = [p for p in d.paragraphs if p.startswith("图") and " " in p]
    assert b.problems == () and b.figures == len(captions) >= 3
    images = d.images()
    assert len(images) == b.figures and all(i.startswith(PNG) and len(i) > 10_000 for i in images)
    assert not any("〔图未生成〕" in p for p in d.paragraphs)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk", "brief", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_command_line_writes_the_briefing_of_the_selection(fixture_db, tmp_path):
    out = tmp_path / "简报.docx"
    r = run_cli("--db", str(fixture_db), "--years", "2021-2022", "--district", "鄞州区", "--dataset", "real",
                "--no-charts", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "已生成简报" in r.stdout
    d = read(out.read_bytes())
    f = Filters(year_from=2021, year_to=2022, districts=("鄞州区",), dataset="real")
    con = database.open_read(fixture_db)
    k = metrics.read(con, "overview_kpis", f.params()).row(0, named=True)
    rows = {r[0]: r[1] for r in d.table("表1 主要指标")[1:]}
    assert number(rows["年报数"]) == k["reports"] and number(rows["新收政府信息公开申请"]) == k["received"]
    assert any("区县：鄞州区" in p for p in d.paragraphs)
    assert SYNTHETIC_MARK not in d.text


def test_command_line_names_an_agency_and_refuses_unknown_ones(fixture_db, tmp_path):
    out = tmp_path / "a.docx"
    r = run_cli("--db", str(fixture_db), "--agency", "宁波市公安局海曙分局", "--no-charts", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert any("机关：宁波市公安局海曙分局" in p for p in read(out.read_bytes()).paragraphs)
    r = run_cli("--db", str(fixture_db), "--agency", "不存在的机关", "--out", str(tmp_path / "b.docx"))
    assert r.returncode == 2 and "数据库中没有这些机关：不存在的机关" in r.stderr
    assert not (tmp_path / "b.docx").exists()
    r = run_cli("--db", str(tmp_path / "absent.duckdb"), "--out", str(tmp_path / "c.docx"))
    assert r.returncode == 1 and "不存在" in r.stderr and "Traceback" not in r.stderr
    r = run_cli("--db", str(fixture_db), "--years", "二〇二一", "--out", str(tmp_path / "d.docx"))
    assert r.returncode == 2 and "--years" in r.stderr


def test_real_and_demo_reports(sample_db):
    con = database.open_read(sample_db)
    both = read(build(con, Filters(dataset="demo"), charts=False).content)
    k = metrics.read(con, "overview_kpis", Filters(dataset="demo").params()).row(0, named=True)
    rows = {r[0]: r[1] for r in both.table("表1 主要指标")[1:]}
    assert number(rows["年报数"]) == k["reports"] and number(rows["办理总计"]) == k["processed"]
    assert rows["公开率"] == percent(k["open_rate"])
    assert k["synthetic_reports"] and SYNTHETIC_MARK in both.document.sections[0].header.paragraphs[0].text
    # three real reports; every table of 淮安市人民政府's counts the whole city (tests/parse/test_scope.py), so
    # the agencies' own briefing (the default scope) has the other two, the 政府汇总 briefing that one alone
    counted = {}
    for scope, reports, city_government in (("agency", 2, False), ("region", 1, True)):
        real_f = Filters(dataset="real", scope=scope)
        real = read(build(con, real_f, charts=False).content)
        kr = metrics.read(con, "overview_kpis", real_f.params()).row(0, named=True)
        assert kr["reports"] == reports
        assert number({r[0]: r[1] for r in real.table("表1 主要指标")[1:]}["年报数"]) == reports
        assert SYNTHETIC_MARK not in real.text
        # every cell behind the totals is quoted, as printed in the original documents, and no other: a
        # region-wide table never stands behind the agencies' totals, nor theirs behind the region's
        cells = real.table("附表二 单元格原文")
        received = metrics.read(con, "source_cells", {**real_f.params(), "places": ["table3.new_received.total"],
                                                      "source_agencies": []})
        quoted = {(r[1], r[2], r[6]) for r in cells[1:]
                  if r[4] == "一、本年新收政府信息公开申请数量" and r[5] == "总计"}
        assert {(a, str(y), raw) for a, y, raw in received.select("agency", "year", "raw").rows()} == quoted
        assert received.height == reports and received["value"].sum() == kr["received"]
        assert ("淮安市人民政府" in {a for a, _, _ in quoted}) == city_government
        counted[scope] = set(received["report_id"])
    assert not counted["agency"] & counted["region"]
    trend = metrics.read(con, "yearly_trend", Filters(dataset="demo").params())
    assert [int(r[0]) for r in both.table("表2 逐年主要指标")[1:]] == trend["year"].to_list()
    assert trend.filter(pl.col("synthetic_reports") > 0).height > 0


def test_overview_offers_the_briefing(fixture_db, monkeypatch):
    monkeypatch.setenv("XXGK_DB", str(fixture_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    buttons = [b for b in at.get("download_button") if b.label == "下载简报（Word）"]
    assert len(buttons) == 1
    assert buttons[0].proto.help.startswith("生成当前筛选范围的统计简报")



@pytest.mark.browser
def test_the_button_downloads_the_briefing_in_a_real_browser(fixture_db):
    from playwright.sync_api import sync_playwright

    from tests.browser.harness import launch, streamlit_server, wait_ready

    with streamlit_server(fixture_db) as base, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 2400}, accept_downloads=True)
            page.goto(f"{base}/?district=海曙区")
            wait_ready(page, "总览")
            with page.expect_download(timeout=240_000) as info:
                page.get_by_role("button", name="下载简报（Word）").click()
            name, data = info.value.suggested_filename, open(info.value.path(), "rb").read()
        finally:
            browser.close()
    assert name.startswith("政务公开年报简报_") and name.endswith(".docx")
    d = read(data)
    f = Filters(districts=("海曙区",))
    k = metrics.read(database.open_read(fixture_db), "overview_kpis", f.params()).row(0, named=True)
    assert number({r[0]: r[1] for r in d.table("表1 主要指标")[1:]}["年报数"]) == k["reports"]
    assert any("区县：海曙区" in p for p in d.paragraphs)
    assert d.images(), "the charts are drawn"


def test_a_failed_briefing_downloads_a_page_saying_what_to_do(monkeypatch):
    from pages import _brief

    def broken(*args):
        raise OSError("disk gone")

    monkeypatch.setattr(_brief, "briefing", broken)
    d = read(_brief._made(Filters().params(), "v", "2026-03-01"))
    assert "简报未能生成" in d.paragraphs
    assert any("简报生成时出错（OSError）" in p and "请刷新页面后重新下载" in p for p in d.paragraphs)
