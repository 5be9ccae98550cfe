"""A small government portal for the collect tests, in every list style the crawler reads, served on 127.0.0.1.

The reports are real files (tests/fixtures/real) and generated demo reports (示例数据，虚构); around them sit
the look-alikes a real 年报 column holds, a robots.txt-disallowed page, a link to another host, a page that
fails once, a slow page, a redirect within the site and one to another host, a 404, and one report
listed twice. `Site.expected` is what the crawler must find: URL → (published date, where it came from).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from xxgk.demo.corpus import Options, agency_sheets, all_agencies
from xxgk.demo.render_docx import sheet_to_docx
from xxgk.demo.render_html import sheet_to_html

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
HTML = "text/html; charset=utf-8"


@dataclass
class Route:
    body: bytes
    ctype: str = HTML
    status: int = 200
    location: str = ""
    fail_first: int = 0  # answer 503 this many times first
    delay: float = 0.0


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    expected: dict[str, tuple[str, str]] = field(default_factory=dict)  # path → (date, list|meta|page)
    articles: dict[str, str] = field(default_factory=dict)  # attachment path → its article's path
    never: set[str] = field(default_factory=set)  # paths the crawler must not ask for
    failing: set[str] = field(default_factory=set)  # paths the summary must list as failed
    hanweb: list[str] = field(default_factory=list)  # Hanweb records (li HTML)
    log: list[tuple[str, str, int]] = field(default_factory=list)  # (method, path?query, status answered)
    agents: set[str] = field(default_factory=set)  # User-Agent headers seen
    on_request: object = None  # called with the path before answering; True: drop the request (the kill test)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, body: bytes | str, **kw: object) -> None:
        self.routes[path] = Route(body.encode() if isinstance(body, str) else body, **kw)  # type: ignore[arg-type]

    def answered(self, path: str, status: int = 200) -> int:
        return sum(1 for _, p, st in self.log if p == path and st == status)


def page(title: str, body: str, charset: str = "utf-8", head: str = "") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{html.escape(title)}</title>{head}</head>'
            f'<body><div class="nav"><a href="/index.html">首页</a> <a href="/xxgk/index.html">政府信息公开</a> '
            f'<a href="/news/index.html">新闻动态</a></div><h1>{html.escape(title)}</h1>{body}</body></html>')


def li(href: str, title: str, date: str = "") -> str:
    short = title if len(title) <= 16 else title[:16] + "..."
    return (f'<li><a href="{href}" title="{html.escape(title)}" target="_blank">{html.escape(short)}</a>'
            + (f'<span class="date">{date}</span>' if date else "") + "</li>")


def _sheets() -> list:
    """One demo report (html) of each of the first agencies of the fictional city, latest year first."""
    out = []
    for agency in all_agencies(1)[:20]:
        sheets = [s for s, _ in agency_sheets(agency, Options(seed=11, formats=("html",)))]
        out.append(sheets)
    return out


def build(other_host: str) -> Site:
    """The portal. `other_host` (host:port) is a second server the crawler must never ask."""
    s = Site()
    sheets = _sheets()
    doc = iter(range(len(sheets)))

    def report_page(i: int | None = None, year_index: int = -1, meta: bool = True) -> tuple[bytes, object]:
        sheet = sheets[next(doc) if i is None else i][year_index]
        body = sheet_to_html(sheet)
        if not meta:
            body = re.sub(rb'<meta name="PubDate"[^>]*>', b"", body)
        return body, sheet

    def expect(path: str, date: str, source: str, article: str | None = None) -> None:
        y, m, d = (int(x) for x in date.split("-"))
        s.expected[path] = (f"{y:04d}-{m:02d}-{d:02d}", source)
        if article:
            s.articles[path] = article

    s.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", ctype="text/plain")

    # home page: the 信息公开 section, a report linked without a date (its meta tag dates it), another host
    b, sheet = report_page()
    s.add("/xxgk/sy/t_home.html", b)
    expect("/xxgk/sy/t_home.html", sheet.published, "meta")
    s.add("/index.html", page("示例市人民政府门户网站", (
        '<ul><li><a href="/xxgk/index.html">政府信息公开</a></li><li><a href="/news/index.html">新闻</a></li>'
        f'<li><a href="/xxgk/sy/t_home.html">{html.escape(sheet.title)}</a></li>'
        f'<li><a href="http://{other_host}/ndbg/t1.html">2023年外市政府信息公开工作年度报告</a></li></ul>')))
    s.add("/news/index.html", page("新闻", "<p>新闻</p>"))
    s.never.add("/news/index.html")
    s.add("/xxgk/index.html", page("政府信息公开", (
        '<ul><li><a href="/xxgk/zn.html">政府信息公开指南</a></li><li><a href="/xxgk/zd.html">政府信息公开制度</a></li>'
        '<li><a href="/xxgk/ndbg/index.html">政府信息公开年报</a></li><li><a href="/xxgk/fd.html">法定主动公开内容</a></li>'
        '</ul>')))
    s.never |= {"/xxgk/zn.html", "/xxgk/zd.html", "/xxgk/fd.html"}

    # the 年报 column: numbered static pages (createPageHTML), departments below, look-alikes among the reports
    twice = "/xxgk/ndbg/jyj/2023/t20240115_1.html"
    city = []
    for k in range(2):
        b, sheet = report_page()
        path = f"/xxgk/ndbg/{'t' if k == 0 else 'u'}2024{k}_city.html"
        s.add(path, b)
        date = f"2024-02-{10 + k:02d}"
        expect(path, date, "list")
        city.append(li(path, sheet.title, date))
    distractors = [("/xxgk/ndbg/fzzf.html", "2023年法治政府建设年度报告"), ("/xxgk/ndbg/zj.html", "2023年工作总结"),
                   ("/xxgk/ndbg/ys.html", "2024年部门预算公开"),
                   ("/xxgk/ndbg/tz.html", "关于做好2023年政府信息公开工作年度报告编制工作的通知"),
                   ("/xxgk/ndbg/jd.html", "图解：2023年政府信息公开工作年度报告解读")]
    for path, title in distractors:
        s.add(path, page(title, '<p><img src="/img/jd.png"></p>'))
        s.never.add(path)
    s.add("/private/t2023.html", page("内部", "<p>x</p>"))
    s.never.add("/private/t2023.html")
    s.failing.add("/private/t2023.html")
    pager = '<div class="page"><script>createPageHTML(2, {cur}, "index", "html");</script></div>'
    s.add("/xxgk/ndbg/index.html", page("政府信息公开年报", (
        '<div class="columns"><a href="/xxgk/ndbg/jyj/index.html">市教育局</a> <a href="/xxgk/ndbg/czj/index.html">市财政局</a> '
        '<a href="/xxgk/ndbg/qzf/list.jsp?page=1">区政府</a> <a href="/col/col123/index.html">乡镇街道年报</a> '
        '<a href="/xxgk/ndbg/dt/index.html">开发区年报</a></div><ul>' + city[0]
        + li(twice, "示例市教育局2023年政府信息公开工作年度报告", "2024-01-15")
        + "".join(li(p, t, "2024-01-20") for p, t in distractors)
        + li("/private/t2023.html", "2023年示例市政府信息公开工作年度报告（内部稿）", "2024-01-01")
        + "</ul>" + pager.format(cur=0))))
    s.add("/xxgk/ndbg/index_1.html", page("政府信息公开年报", "<ul>" + city[1] + "</ul>" + pager.format(cur=1)))

    # two levels: a department's column of years; an article, a wrapper of a DOCX, an unclear title or two
    edu = sheets[next(doc)]
    s.add("/xxgk/ndbg/jyj/index.html", page("市教育局", (
        '<ul><li><a href="/xxgk/ndbg/jyj/2023/index.html">2023年</a></li><li><a href="/xxgk/ndbg/jyj/2022/index.html">'
        '2022年</a></li><li><a href="/xxgk/ndbg/jyj/jj.html">教育局机构简介</a></li>'
        '<li><a href="/xxgk/ndbg/jyj/t2021.html">教育局 2021</a><span>2022-01-25</span></li></ul>')))
    s.add("/xxgk/ndbg/jyj/jj.html", page("教育局机构简介", "<p>示例市教育局是市政府工作部门。</p>"))
    s.add(twice, sheet_to_html(edu[-1]))
    expect(twice, "2024-01-15", "list")  # listed in the column and in the department's 2023 list
    s.add("/xxgk/ndbg/jyj/2023/index.html", page("2023年", "<ul>" + li(twice, edu[-1].title, "2024-01-15") + "</ul>"))
    s.add("/xxgk/ndbg/jyj/2022/P020230120.docx", sheet_to_docx(edu[-2]),
          ctype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    s.add("/xxgk/ndbg/jyj/2022/t20230120_2.html", page(edu[-2].title, (
        '<p>发布时间：2023-01-21</p><p>附件：<a href="P020230120.docx">年度报告.docx</a></p>')))
    s.add("/xxgk/ndbg/jyj/2022/index.html", page("2022年", "<ul>" + li("/xxgk/ndbg/jyj/2022/t20230120_2.html",
                                                                         edu[-2].title, "2023-01-20") + "</ul>"))
    expect("/xxgk/ndbg/jyj/2022/P020230120.docx", "2023-01-20", "list", "/xxgk/ndbg/jyj/2022/t20230120_2.html")
    s.add("/xxgk/ndbg/jyj/t2021.html", sheet_to_html(edu[-3]))
    expect("/xxgk/ndbg/jyj/t2021.html", "2022-01-25", "list")

    # a GBK list: a real PDF linked directly, a real HTML report as an article
    czj = ('<ul>' + li("/xxgk/ndbg/czj/W020250110.pdf", "洪泽区人民政府2024年政府信息公开工作年度报告", "2025-01-10")
           + li("/xxgk/ndbg/czj/t20240117_5.html", "沭阳县发展和改革局2023年政府信息公开年度报告", "2024-01-17") + "</ul>")
    s.add("/xxgk/ndbg/czj/index.html", page("市财政局", czj, charset="gbk").encode("gbk"), ctype="text/html")
    s.add("/xxgk/ndbg/czj/W020250110.pdf", (REAL / "004.pdf").read_bytes(), ctype="application/pdf")
    s.add("/xxgk/ndbg/czj/t20240117_5.html", (REAL / "104.html").read_bytes())
    expect("/xxgk/ndbg/czj/W020250110.pdf", "2025-01-10", "list")
    expect("/xxgk/ndbg/czj/t20240117_5.html", "2024-01-17", "list")

    # query-string pages with 下一页 / 尾页: a slow page, one that fails once, a redirect, a 404, one
    # dated only by 发布日期 in its text, a redirect to another host
    b1, s1 = report_page(meta=False)
    b2, s2 = report_page()
    b3, s3 = report_page()
    b4, s4 = report_page()
    s.add("/xxgk/ndbg/qzf/t_text.html", b1)
    s.add("/xxgk/ndbg/qzf/t_slow.html", b2, delay=1.0)
    s.add("/xxgk/ndbg/qzf/t_flaky.html", b3, fail_first=1)
    s.add("/xxgk/ndbg/qzf/new_t.html", b4)
    s.add("/xxgk/ndbg/qzf/old.html", b"", status=301, location="/xxgk/ndbg/qzf/new_t.html")
    s.add("/xxgk/ndbg/qzf/away.html", b"", status=302, location=f"http://{other_host}/ndbg/away.html")
    expect("/xxgk/ndbg/qzf/t_text.html", s1.published, "page")
    expect("/xxgk/ndbg/qzf/t_slow.html", "2024-03-05", "list")
    expect("/xxgk/ndbg/qzf/t_flaky.html", "2024-03-06", "list")
    expect("/xxgk/ndbg/qzf/new_t.html", "2024-03-07", "list")
    s.failing |= {"/xxgk/ndbg/qzf/gone.html", "/xxgk/ndbg/qzf/away.html"}
    nav = '<div class="pages"><a href="list.jsp?page={n}">下一页</a> <a href="list.jsp?page=2">尾页</a></div>'
    s.add("/xxgk/ndbg/qzf/list.jsp?page=1", page("区政府", "<ul>" + li("/xxgk/ndbg/qzf/t_text.html", s1.title)
                                                   + li("/xxgk/ndbg/qzf/t_slow.html", s2.title, "2024-03-05")
                                                   + li("/xxgk/ndbg/qzf/gone.html", "2020年示例区政府信息公开工作年度报告",
                                                        "2021-03-01") + "</ul>" + nav.format(n=2)))
    s.add("/xxgk/ndbg/qzf/list.jsp?page=2", page("区政府", "<ul>" + li("/xxgk/ndbg/qzf/t_flaky.html", s3.title, "2024-03-06")
                                                   + li("/xxgk/ndbg/qzf/old.html", s4.title, "2024-03-07")
                                                   + li("/xxgk/ndbg/qzf/away.html", "2022年示例区某局政府信息公开工作年度报告",
                                                        "2023-01-30") + "</ul>" + nav.format(n=2)))

    # Hanweb: two records in the page's <datastore>, the rest from the data proxy, two at a time
    for k in range(5):
        b, sheet = report_page()
        path = f"/art/2024/1/{k + 2}/art_123_{k}.html"
        s.add(path, b)
        title = sheet.title if k != 3 else f"{sheet.agency.name[-6:]}（{sheet.year}）"  # unclear: the parser decides
        date = f"2024-01-{k + 2:02d}"
        s.hanweb.append(li(path, title, date))
        expect(path, date, "list")
    records = "".join(f"<record><![CDATA[{r}]]></record>" for r in s.hanweb[:2])
    s.add("/col/col123/index.html", page("乡镇街道年报", (
        '<div id="4553143"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/'
        'dataproxy.jsp?page=1&appid=1&webid=1&path=/&columnid=123&unitid=456&permissiontype=0"></a>]]></nextgroup>'
        f"<recordset>{records}</recordset></datastore></script></div>"
        "<script>$('#4553143').jpage({perPage: 2, totalRecord: 5, proxyUrl: '/module/web/jpage/dataproxy.jsp'});"
        "</script>")))

    # a list filled by script from a JSON endpoint
    entries = []
    for k in range(2):
        b, sheet = report_page()
        path = f"/xxgk/ndbg/dt/content_{k}.html"
        s.add(path, b)
        entries.append({"title": sheet.title, "url": path, "publishDate": f"2024-02-{20 + k} 09:30:00"})
        expect(path, f"2024-02-{20 + k}", "list")
    s.add("/xxgk/ndbg/dt/index.html", page("开发区年报", (
        '<ul id="list"></ul><script>function load(p){fetch("/api/ndbg/list?columnId=9&pageNo=" + p)'
        '.then(r => r.json()).then(show);} load(1);</script>')))
    for k in range(2):
        s.add(f"/api/ndbg/list?columnId=9&pageNo={k + 1}",
              json.dumps({"code": 0, "data": {"totalPage": 2, "list": [entries[k]]}}, ensure_ascii=False),
              ctype="application/json")
    return s


class _Handler(BaseHTTPRequestHandler):
    site: Site
    served: dict[str, int]

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        form = parse_qs(self.rfile.read(length).decode())
        q = parse_qs(urlsplit(self.path).query)
        if not self.path.startswith("/module/web/jpage/dataproxy.jsp") or form.get("columnid") != ["123"]:
            return self._send(404, b"", HTML)
        a, b = int(q["startrecord"][0]), int(q["endrecord"][0])
        recs = "".join(f"<record><![CDATA[{r}]]></record>" for r in self.site.hanweb[a - 1:b])
        body = f'<?xml version="1.0" encoding="utf-8"?><datastore><recordset>{recs}</recordset></datastore>'
        self._send(200, body.encode(), "text/xml; charset=utf-8")

    def do_GET(self) -> None:
        site = self.site
        with site.lock:
            site.agents.add(self.headers.get("User-Agent", ""))
        if callable(site.on_request) and site.on_request(self.path):
            self.close_connection = True
            return
        route = site.routes.get(self.path)
        if route is None:
            return self._send(404, page("404", "<p>页面不存在</p>").encode(), HTML)
        if route.delay:
            time.sleep(route.delay)
        with site.lock:
            n = self.served.get(self.path, 0)
            self.served[self.path] = n + 1
        if n < route.fail_first:
            return self._send(503, b"busy", HTML)
        if route.location:
            self.send_response(route.status)
            self.send_header("Location", route.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            with site.lock:
                site.log.append(("GET", self.path, route.status))
            return
        etag = f'"{hashlib.sha1(route.body).hexdigest()[:16]}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            with site.lock:
                site.log.append(("GET", self.path, 304))
            return
        self._send(route.status, route.body, route.ctype, etag)

    def _send(self, status: int, body: bytes, ctype: str, etag: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)
        with self.site.lock:
            self.site.log.append((self.command, self.path, status))


def serve(site: Site) -> tuple[ThreadingHTTPServer, str]:
    """Serve the site on 127.0.0.1 (a free port) in a daemon thread; returns the server and its base URL."""
    handler = type("Handler", (_Handler,), {"site": site, "served": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
