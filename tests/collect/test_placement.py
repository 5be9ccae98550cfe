"""Agencies placed by the portal a report was collected from (xxgk/portals.py), collected from a local server
that answers for a district's portal host (www.hongze.gov.cn resolves to 127.0.0.1 inside this test only)."""

from __future__ import annotations

import csv
import html
import socket
from pathlib import Path

import pytest

from tests.collect import portal
from xxgk import database, portals
from xxgk.collect.crawl import Options
from xxgk.collect.job import collect
from xxgk.divisions import registry

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HOST = "www.hongze.gov.cn"  # 淮安市洪泽区's portal, in xxgk/data/portal_hosts.csv
BARE = FIXTURES / "damaged" / "c7_short_name_no_place.txt"  # 区财政局, its text names no place
NAMED = FIXTURES / "real" / "104.html"  # 沭阳县发展和改革局 2023: its printed name places it


def _as_page(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(lines[0])}</title></head>' \
           f"<body>{body}</body></html>"


@pytest.fixture()
def district_portal(monkeypatch):
    """The district's 年报 column on 127.0.0.1, reached under the district portal's host name."""
    s = portal.Site()
    s.add("/robots.txt", "User-agent: *\nAllow: /\n", ctype="text/plain")
    s.add("/index.html", portal.page("淮安市洪泽区人民政府", '<ul><li><a href="/xxgk/ndbg/index.html">政府信息公开年报</a></li></ul>'))
    s.add("/xxgk/ndbg/index.html", portal.page("政府信息公开年报", "<ul>" + portal.li(
        "/xxgk/ndbg/t1.html", "区财政局2023年政府信息公开工作年度报告", "2024-01-20") + portal.li(
        "/xxgk/ndbg/t2.html", "沭阳县发展和改革局2023年政府信息公开工作年度报告", "2024-01-18") + "</ul>"))
    s.add("/xxgk/ndbg/t1.html", _as_page(BARE))
    s.add("/xxgk/ndbg/t2.html", NAMED.read_bytes())
    server, base = portal.serve(s)
    port = server.server_address[1]
    real = socket.getaddrinfo

    def local(host, *args, **kw):  # only this name, only to this machine
        return real("127.0.0.1" if host == HOST else host, *args, **kw)

    monkeypatch.setattr(socket, "getaddrinfo", local)
    yield s, f"http://{HOST}:{port}"
    server.shutdown()


def test_a_name_without_its_place_is_placed_by_the_portal_and_the_printed_name_wins(district_portal, tmp_path):
    site, base = district_portal
    db = tmp_path / "x.duckdb"
    summary = collect(Options([base + "/index.html"], delay=0, backoff=0.05, timeout=10), db=db)
    assert summary.new == 2, (summary.failed, site.log)
    con = database.open_read(db)
    try:
        rows = {r[0]: r[1:] for r in con.execute(
            "SELECT r.agency_printed, a.name, a.province, a.city, a.district, a.resolved, a.placed_by, a.note "
            "FROM reports r JOIN agencies a USING (agency_id)").fetchall()}
    finally:
        con.close()
    name, province, city, district, resolved, placed_by, note = rows["区财政局"]
    assert (name, province, city, district, resolved, placed_by) == (
        "淮安市洪泽区财政局", "江苏省", "淮安市", "洪泽区", True, "portal")
    assert HOST in note and "区财政局" in note
    # 沭阳县 is not 洪泽区: the name places it, whatever site carried it
    assert rows["沭阳县发展和改革局"][:6] == ("宿迁市沭阳县发展和改革局", "江苏省", "宿迁市", "沭阳县", True, "name")


def test_the_placement_is_shown_on_the_agency_profile(district_portal, tmp_path):
    from xxgk import charts, queries

    _site, base = district_portal
    db = tmp_path / "x.duckdb"
    collect(Options([base + "/index.html"], delay=0, backoff=0.05, timeout=10), db=db)
    con = database.open_read(db)
    try:
        aid = con.execute("SELECT agency_id FROM agencies WHERE placed_by = 'portal'").fetchone()[0]
        row = queries.run(con, "agency_profile", {"agency_id": aid, "year_from": 0, "year_to": 9999,
                                                  "dataset": "real"}).row(0, named=True)
    finally:
        con.close()
    assert row["placed_by"] == "portal" and HOST in row["placement_note"]
    assert charts.placement(row).startswith("定位依据：采集网站") and HOST in charts.placement(row)


def test_a_crawl_that_finds_the_glued_year_first_splits_it_once_the_year_before_is_stored(tmp_path):
    """The 年报 column lists the latest report first: the glued 2023 report is stored before 2022, and split
    when 2022 arrives (xxgk/parse/carry.py through the writer)."""
    damaged = FIXTURES / "damaged"
    s = portal.Site()
    s.add("/robots.txt", "User-agent: *\nAllow: /\n", ctype="text/plain")
    s.add("/index.html", portal.page("政府信息公开年报", "<ul>" + portal.li(
        "/ndbg/t2023.html", "示范市西岭县科学技术局2023年政府信息公开工作年度报告", "2024-01-20") + portal.li(
        "/ndbg/t2022.html", "示范市西岭县科学技术局2022年政府信息公开工作年度报告", "2023-01-18") + "</ul>"))
    s.add("/ndbg/t2023.html", _as_page(damaged / "c6_previous_year_2023_glued.txt"))
    s.add("/ndbg/t2022.html", _as_page(damaged / "c6_previous_year_2022.txt"))
    server, base = portal.serve(s)
    try:
        db = tmp_path / "x.duckdb"
        summary = collect(Options([base + "/index.html"], delay=0, backoff=0.05, timeout=10), db=db)
    finally:
        server.shutdown()
    assert summary.new == 2, summary.failed
    fetched = [p for _m, p, _st in s.log if p.startswith("/ndbg/")]
    assert fetched == ["/ndbg/t2023.html", "/ndbg/t2022.html"]  # the glued year was stored first
    con = database.open_read(db)
    try:
        got = con.execute("SELECT t2_regulations__issued, t2_regulations__repealed, t2_regulations__in_force "
                          "FROM current_reports WHERE year = 2023").fetchall()
    finally:
        con.close()
    assert got == [(51.0, 28.0, 310.0)]


def test_the_host_table_names_real_divisions_and_matches_by_domain():
    with open(portals.TABLE, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len({r["host"] for r in rows}) == len(rows)
    for r in rows:  # every row's name is the registry's name for its code: a typo in the code cannot hide
        assert registry().by_code[r["code"]].name == r["name"], r
        assert r["host"] == r["host"].lower() and not r["host"].startswith(("www.", "http"))
    assert portals.portal_of("https://xxgk.huaian.gov.cn/a.html").division.name == "淮安市"
    assert portals.portal_of("http://www.hongze.gov.cn:8080/x").division.name == "洪泽区"
    assert portals.portal_of("http://nothuaian.gov.cn/") is None  # a suffix counts only at a dot
    assert portals.portal_of("/data/reports/a.pdf") is None


def test_place_by_portal_rules():
    from xxgk.agencies import resolve

    def place(name: str, url: str):
        return portals.place(resolve(name), name, "", url)

    city = place("区财政局", "https://www.huaian.gov.cn/x")  # a city's portal: the district is not known
    assert (city.city, city.district, city.resolved, city.placed_by) == ("淮安市", None, False, "portal")
    assert place("市财政局", "https://www.huaian.gov.cn/x").name == "淮安市财政局"
    assert place("县发改局", "http://www.shuyang.gov.cn/").name == "宿迁市沭阳县发展和改革局"
    assert place("鼓楼区人民政府", "http://www.fujian.gov.cn/").city == "福州市"  # the portal settles 鼓楼区
    unplaced = resolve("区财政局")
    assert portals.place(unplaced, "区财政局", "", "/tmp/a.txt") is unplaced  # no portal: as the registry says
