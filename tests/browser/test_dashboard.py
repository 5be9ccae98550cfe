"""The dashboard in a real browser: every page renders in Chinese, a filter change reaches the URL and the
numbers, a CSV download carries the BOM, its headers and the synthetic label; a screenshot of each page is
saved under tests/artifacts/."""

import csv
import io

import pytest

from tests.browser.harness import PAGES, READY, ROOT, launch, streamlit_server, wait_charts, wait_ready
from xxgk import database
from xxgk.report import SYNTHETIC_MARK

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def browser_page(ingested_db):
    from playwright.sync_api import sync_playwright

    with streamlit_server(ingested_db, env={"XXGK_ADMIN_PASSWORD": ""}) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 3000}, accept_downloads=True)
        yield base, page, ingested_db
        browser.close()


def busiest_district(db) -> str:
    con = database.open_read(db)
    try:
        return con.execute("SELECT district FROM current_reports WHERE district IS NOT NULL "
                           "GROUP BY district ORDER BY count(*) DESC, district LIMIT 1").fetchall()[0][0]
    finally:
        con.close()


def agencies_in(db, district: str) -> int:
    con = database.open_read(db)
    try:
        return con.execute("SELECT count(DISTINCT agency_id) FROM current_reports WHERE district = ?",
                           [district]).fetchall()[0][0]
    finally:
        con.close()


def metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def test_every_page_renders_with_the_synthetic_label(browser_page):
    base, page, _ = browser_page
    ARTIFACTS.mkdir(exist_ok=True)
    for path, title in PAGES.items():
        page.goto(f"{base}/{path}")
        wait_ready(page, title)
        wait_charts(page)
        assert page.locator('[data-testid="stException"]').count() == 0, f"{title}: exception shown"
        assert page.locator('[data-testid="stAlertContentError"]').count() == 0, f"{title}: error shown"
        assert page.get_by_text(SYNTHETIC_MARK).first.is_visible(), f"{title}: synthetic label missing"
        page.screenshot(path=str(ARTIFACTS / f"{path or 'overview'}.png"), full_page=True)


def test_filter_change_reaches_the_url_the_numbers_and_other_pages(browser_page):
    base, page, db = browser_page
    page.goto(base)
    wait_ready(page, "总览")
    before = metric(page, "机关数")
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="区县").first
    box.click()
    district = busiest_district(db)
    page.get_by_role("option", name=district, exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('district=')")
    page.wait_for_selector(READY)
    page.wait_for_function(f"""() => {{
        const m = [...document.querySelectorAll('[data-testid="stMetric"]')].find(e => e.innerText.includes('机关数'));
        return m && !m.innerText.includes({before!r});
    }}""")
    assert metric(page, "机关数") == f"{agencies_in(db, district)} 个"
    page.get_by_role("link", name="零活动机关").click()
    wait_ready(page, "零活动机关")
    assert "district=" in page.url, "the filter must stay in the URL across pages"
    assert page.locator('[data-testid="stMultiSelect"]').filter(has_text=district).count() == 1


def test_csv_download_has_bom_headers_and_the_synthetic_label(browser_page):
    base, page, _ = browser_page
    page.goto(base)
    wait_ready(page, "总览")
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 CSV").first.click()
    data = open(info.value.path(), "rb").read()
    assert info.value.suggested_filename.endswith(".csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["数据性质", "年度（year）", "模板时期（template_era）"]
    assert len(rows) > 1 and all(SYNTHETIC_MARK in r[0] for r in rows[1:])
    years = [int(r[1]) for r in rows[1:]]
    assert years == sorted(years)


def test_clicking_an_agency_bar_opens_its_profile(browser_page):
    base, page, _ = browser_page
    page.goto(f"{base}/litigation")
    wait_ready(page, "复议诉讼")
    wait_charts(page)
    # the ranking of agencies by cases (the 纠错率 ranking below it groups by district unless told otherwise)
    chart = page.locator('xpath=//h3[contains(., "最多的机关")]/following::*[@data-testid="stPlotlyChart"][1]')
    top_bar = chart.locator(".bars .point").last  # Plotly draws the largest (top) bar last
    name = chart.locator(".ytick text").last.text_content()
    box = top_bar.bounding_box()  # Plotly's drag layer lies on top of the bars: click where the bar is
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_ready(page, "机关画像")
    assert "org=" in page.url
    shown = page.locator('[data-testid="stSelectbox"]').first.evaluate("e => e.outerHTML")
    assert name in shown, f"the profile did not open on {name}: {page.url}"


def test_bulk_cell_export_traces_every_number(browser_page):
    # one dataset at a time, as the view shows it: the demo city's cells or the real reports', never both
    base, page, db = browser_page
    for shown, synthetic, nature in (("示例市", True, SYNTHETIC_MARK), ("真实年报", False, "真实报告")):
        page.goto(f"{base}/about?dataset={shown}")
        wait_ready(page, "数据下载与说明")
        with page.expect_download() as info:
            page.get_by_role("button", name="下载 CSV（全部单元格）").click()
        assert ("_示例数据" in info.value.suggested_filename) == synthetic, info.value.suggested_filename
        rows = list(csv.reader(io.StringIO(open(info.value.path(), "rb").read().decode("utf-8-sig"))))
        head = rows[0]
        assert head[0] == "数据性质" and {"原文（raw）", "页码（page）", "位置（position）"} <= set(head)
        con = database.open_read(db)
        try:
            cells = con.execute("SELECT count(*) FROM cells JOIN current_reports USING (report_id) "
                                "WHERE synthetic = ?", [synthetic]).fetchall()[0][0]
        finally:
            con.close()
        assert cells and len(rows) - 1 == cells, f"{shown}: one row per stored number of the dataset"
        assert {r[0] for r in rows[1:]} == {nature}, f"{shown}: every row labelled as its dataset"
