"""The pure parts: title classes, list styles, dates and their order of trust."""

from __future__ import annotations

import datetime as dt

import pytest
from selectolax.lexbor import LexborHTMLParser

from xxgk.collect import classify, dates, lists


@pytest.mark.parametrize("title, kind", [
    ("示例市教育局2023年政府信息公开工作年度报告", "report"),
    ("2023年度政务公开工作年度报告", "report"),
    ("示例县人民政府2022年政府信息公开年报", "report"),
    ("市自然资源和规划局2023年政府信息公开年度报告", "report"),   # 规划 is part of a name, not a plan
    ("示例镇人民政府政府信息公开工作年度报告", "report"),         # an agency and no year
    ("政府信息公开年报", "column"),
    ("乡镇街道年报", "column"),
    ("政府信息公开", "column"),
    ("政府信息公开指南", "out"),
    ("2023年法治政府建设年度报告", "out"),
    ("2023年工作总结", "out"),
    ("2024年部门预算公开", "out"),
    ("关于做好2023年政府信息公开工作年度报告编制工作的通知", "out"),
    ("图解：2023年政府信息公开工作年度报告解读", "out"),
    ("教育局 2021", "unclear"),
    ("2023年", "unclear"),
])
def test_title_kind(title, kind):
    assert classify.title_kind(title) == kind


def test_create_page_html_variants():
    one = lists.html_to_page("http://h/a/b/index.html", "<script>createPageHTML(3, 0, 'index', 'html');</script>")
    two = lists.html_to_page("http://h/a/b/index_2.html", "<script>createPageHTML('page_div',2, 1,'index','shtml',30);</script>")
    assert [r.url for r in one.requests] == ["http://h/a/b/index.html", "http://h/a/b/index_1.html", "http://h/a/b/index_2.html"]
    assert [r.url for r in two.requests] == ["http://h/a/b/index.shtml", "http://h/a/b/index_1.shtml"]


def test_hanweb_datastore_and_proxy_ranges():
    rec = '<li><a href="/art/2024/1/2/art_5_1.html" title="某局2023年年报">某局</a><span>2024-01-02</span></li>'
    page = lists.html_to_page("http://h/col/col5/index.html", (
        '<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&'
        f'columnid=5"></a>]]></nextgroup><recordset><record><![CDATA[{rec}]]></record></recordset></datastore>'
        "</script><script>x.jpage({perPage: 15, totalRecord: 40})</script>"))
    assert [(ln.url, ln.title, ln.date, ln.record) for ln in page.links] == [
        ("http://h/art/2024/1/2/art_5_1.html", "某局2023年年报", dt.date(2024, 1, 2), True)]
    [req] = page.requests
    assert req.kind == "proxy" and "startrecord=2&endrecord=16&perpage=15" in req.url and "columnid=5" in req.url
    answer = "".join(f"<record><![CDATA[{rec}]]></record>" for _ in range(15))
    links, nxt = lists.proxy_answer(req.url, f"<datastore><recordset>{answer}</recordset></datastore>")
    assert len(links) == 15 and "startrecord=17&endrecord=31" in nxt[0].url
    assert lists.proxy_answer(req.url, f"<datastore><recordset><record><![CDATA[{rec}]]></record></recordset></datastore>")[1] == []


def test_json_endpoint_entries_and_next_page():
    page = lists.html_to_page("http://h/l/index.html", '<script>$.get("/api/list?col=9&pageNo=" + n)</script>')
    assert [(r.url, r.kind) for r in page.requests] == [("http://h/api/list?col=9&pageNo=1", "json")]
    body = '{"data": {"pages": 3, "rows": [{"docTitle": "某局2023年年报", "docUrl": "/c/1.html", "pubDate": 1705276800000}]}}'
    links, nxt = lists.json_answer("http://h/api/list?col=9&pageNo=1", body)
    assert [(ln.url, ln.title, ln.date) for ln in links] == [("http://h/c/1.html", "某局2023年年报", dt.date(2024, 1, 15))]
    assert nxt[0].url == "http://h/api/list?col=9&pageNo=2"
    assert lists.json_answer("http://h/api/list?col=9&pageNo=3", body)[1] == []


def test_pager_links_and_dates_beside_links():
    page = lists.html_to_page("http://h/l/list.jsp?page=1", (
        '<ul><li><a href="/a/1.html">某局2023年年报</a> <span>[2024年1月5日]</span></li></ul>'
        '<a href="list.jsp?page=2">下一页</a><a href="list.jsp?page=9">尾页</a><a href="/index.html">首页</a>'))
    assert [(ln.url, ln.pager, ln.date) for ln in page.links] == [
        ("http://h/a/1.html", False, dt.date(2024, 1, 5)), ("http://h/l/list.jsp?page=2", True, None),
        ("http://h/l/list.jsp?page=9", True, None), ("http://h/index.html", False, None)]


def test_dates_in_order_of_trust():
    tree = LexborHTMLParser('<html><head><meta name="PubDate" content="2024-02-03 10:00"></head><body>'
                            "<p>发布时间：2024年2月4日</p></body></html>")
    meta, page = dates.meta_date(tree), dates.page_date("来源：某局 发布时间：2024年2月4日 浏览次数")
    assert (meta, page) == (dt.date(2024, 2, 3), dt.date(2024, 2, 4))
    assert dates.best(dt.date(2024, 2, 1), meta, page) == (dt.date(2024, 2, 1), "list")
    assert dates.best(None, meta, page) == (meta, "meta")
    assert dates.best(None, None, page) == (page, "page")
    assert dates.best(None, None, None) == (None, None)
    assert dates.find_date("2024-02-30 与 2024-03-01") == dt.date(2024, 3, 1)


def test_runs_resume_only_their_own_unfinished_frontier():
    import duckdb

    from xxgk.collect.state import Item, State
    from xxgk.store import schema

    con = duckdb.connect()
    schema.apply_schema(con)

    def begin(url: str) -> State:
        st = State(con)
        st.begin([url], ["a", "b"], [Item(url, "page", 0)])
        return st

    a = begin("http://a/")
    assert not a.resumed and a.next_pending().url == "http://a/"
    again = begin("http://a/")  # killed, then the same start URL: continued
    assert again.resumed and again.run_id == a.run_id
    b = begin("http://b/")  # other start URLs: a is over, its frontier gone
    assert not b.resumed and b.run_id != a.run_id
    assert con.execute("SELECT finished_at IS NOT NULL FROM crawl_runs WHERE run_id = ?", [a.run_id]).fetchone()[0]
    fresh = begin("http://a/")
    assert not fresh.resumed and fresh.next_pending().url == "http://a/"
    con.close()
