"""What a fetched page points to, in every list style Chinese government CMSs print.

- plain links, each with the date printed beside it in its list item;
- numbered static pages whose count only a script prints: `createPageHTML(count, current, "index", "html")`;
- 大汉 Hanweb lists: records in `<script type="text/xml"><datastore>` and further records from the data-proxy
  URL named in `<nextgroup>` (asked for by range, `startrecord`/`endrecord`);
- 下一页 / 尾页 / numbered links, query-string pages (`?page=2`), GB18030/GBK pages (decoded first);
- lists filled by a script from a JSON endpoint: the endpoint named in the page's script is read directly.
Pure functions: text in, links out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from xxgk.collect.classify import clean
from xxgk.collect.dates import find_date

PAGE = "page"    # a page that may be a list, an article or both
LIST = "list"    # a further page of a list (pagination): links only
PROXY = "proxy"  # a Hanweb data-proxy range (fetched by POST)
JSON = "json"    # a JSON endpoint a list page reads

_PAGER_WORDS = frozenset({"下一页", "下页", "后一页", "尾页", "末页", "最后一页", "上一页", "上页", "前一页", "首页",
                          "第一页", ">", ">>", "»", "next", "last"})
_CREATE_PAGE = re.compile(r"createPageHTML\s*\(([^)]*)\)")
_DATASTORE = re.compile(r"<datastore>(.*?)</datastore>", re.S | re.I)
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>\s*</nextgroup>", re.S | re.I)
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)
_TOTAL = re.compile(r"(?:<totalrecord>|totalRecord\s*[:=]\s*['\"]?)(\d+)", re.I)
_PERPAGE = re.compile(r"(?:<perpage>|perPage\s*[:=]\s*['\"]?)(\d+)", re.I)
_ENDPOINT = re.compile(r"""["']((?:https?://|/|\.{1,2}/)[^"'\s<>]*?(?:\.json|/api/|[Ll]ist[A-Za-z]*\.(?:do|action|jsp)|"""
                       r"""[?&](?:page|pageNo|pageNum|pageIndex|currentPage)=)[^"'\s<>]*)["']""")
_PAGE_PARAMS = ("page", "pageNo", "pageNum", "pageIndex", "currentPage", "p")
_TITLE_KEYS = ("title", "docTitle", "articleTitle", "name", "TITLE", "DOCTITLE", "showTitle")
_URL_KEYS = ("url", "link", "href", "docUrl", "articleUrl", "path", "URL", "DOCPUBURL", "pubUrl")
_DATE_KEYS = ("publishDate", "pubDate", "publishTime", "releaseDate", "releaseTime", "docRelTime", "date",
              "createTime", "PUBDATE", "DOCRELTIME", "time")
_PAGES_KEYS = ("totalPage", "totalPages", "pageCount", "pages", "pageTotal", "totalpage")


@dataclass(slots=True)
class Link:
    """A link as a list prints it: where it goes, its title, the date beside it, whether it turns the page."""

    url: str
    title: str
    date: dt.date | None = None
    pager: bool = False
    record: bool = False  # an entry of a list's data (Hanweb records, JSON entries): a list item by construction


@dataclass(slots=True)
class Request:
    """A further list request a page's scripts would make (Hanweb proxy range, JSON endpoint, numbered page)."""

    url: str
    kind: str


@dataclass(slots=True)
class Page:
    """Everything a page points to."""

    links: list[Link]
    requests: list[Request]
    title: str
    text: str
    tree: LexborHTMLParser


def absolute(base: str, href: str) -> str | None:
    """The absolute http(s) URL of a link, without its #fragment; None for javascript:, mailto: and the like."""
    href = (href or "").strip().replace("\\", "/")
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))


def directory(url: str) -> str:
    """The URL up to the last '/' of its path (the folder a column's pages sit in)."""
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc, p.path[: p.path.rfind("/") + 1] or "/", "", ""))


def same_list(current: str, other: str) -> bool:
    """Another page of the same list: same folder (index_2.html) or same path with another query (?page=2)."""
    return directory(current) == directory(other)


def html_to_page(url: str, html: str) -> Page:
    """Links, further list requests, title and visible text of one decoded HTML page."""
    tree = LexborHTMLParser(html)
    base_node = tree.css_first("base[href]")
    base = absolute(url, base_node.attributes.get("href") or "") if base_node else None
    base = base or url
    links = _anchors(base, tree.root, url) if tree.root is not None else []
    requests: list[Request] = []
    for m in _CREATE_PAGE.finditer(html):
        requests += _numbered_pages(url, m.group(1))
    for block in _DATASTORE.finditer(html):
        recs, req = datastore_links(base, block.group(0), html)
        links += recs
        requests += req
    for script in tree.css("script"):
        body = script.text() or ""
        if "<datastore>" in body.lower():
            continue
        for m in _ENDPOINT.finditer(body):
            target = m.group(1)
            if target.endswith("="):
                target += "1"
            endpoint = absolute(base, target)
            if endpoint and not urlsplit(endpoint).path.endswith(".js"):
                requests.append(Request(endpoint, JSON))
    title_node = tree.css_first("title")
    h1 = tree.css_first("h1")
    title = clean((h1.text() if h1 else "") or (title_node.text() if title_node else ""))
    page_body = tree.body
    text = page_body.text(separator="\n") if page_body is not None else ""
    return Page(links, requests, title, text, tree)


def _anchors(base: str, root: LexborNode, current: str, record: bool = False) -> list[Link]:
    out = []
    for a in root.css("a[href]"):
        target = absolute(base, a.attributes.get("href") or "")
        if target is None:
            continue
        text = clean(a.text(deep=True))
        named = clean(a.attributes.get("title") or "")
        title = named if len(named) > len(text.rstrip(".…")) else text
        pager = (text.lower() in _PAGER_WORDS or (text.isdigit() and len(text) <= 4)) and same_list(current, target)
        out.append(Link(target, title, None if pager else _date_beside(a, text), pager, record))
    return out


def _date_beside(a: LexborNode, text: str) -> dt.date | None:
    """The date printed in the link's list item (li, tr, dd, p), outside the link's own text."""
    node = a.parent
    for _ in range(3):
        if node is None:
            return None
        if node.tag in ("li", "tr", "dd", "dt", "p", "div", "td"):
            around = node.text(deep=True)
            if len(around) > 300:
                return None
            d = find_date(around.replace(a.text(deep=True), " "))
            if d or node.tag in ("li", "tr", "dd"):
                return d
        node = node.parent
    return None


def _numbered_pages(url: str, args: str) -> list[Request]:
    """createPageHTML(5, 0, "index", "html") and createPageHTML('div', 5, 1, 'index', 'html', 75):
    page 0 is index.html, page k is index_k.html, beside the current page."""
    ints = [int(x) for x in re.findall(r"(?<![\w'\"])\d+(?![\w'\"])", args)]
    strs = re.findall(r"['\"]([^'\"]*)['\"]", args)
    if len(ints) < 1:
        return []
    count = min(ints[0], 2000)
    names = [s for s in strs if s and not s.startswith(("page_", "div"))] or ["index", "html"]
    prefix, ext = (names + ["html"])[:2] if len(names) >= 2 else (names[0], "html")
    folder = directory(url)
    return [Request(urljoin(folder, f"{prefix}.{ext}" if k == 0 else f"{prefix}_{k}.{ext}"), LIST)
            for k in range(count)]


def datastore_links(base: str, block: str, page_html: str = "") -> tuple[list[Link], list[Request]]:
    """Records of a Hanweb <datastore> and the data-proxy range that follows them."""
    records = _RECORD.findall(block)
    links: list[Link] = []
    for rec in records:
        tree = LexborHTMLParser(f"<ul>{rec}</ul>")
        if tree.root is not None:
            links += _anchors(base, tree.root, "", record=True)
    requests = []
    nxt = _NEXTGROUP.search(block)
    href = _HREF.search(nxt.group(1)) if nxt else None
    if href and records:
        proxy = absolute(base, href.group(1))
        per = _PERPAGE.search(block) or _PERPAGE.search(page_html)
        total = _TOTAL.search(block) or _TOTAL.search(page_html)
        perpage = int(per.group(1)) if per else 15
        if proxy and (total is None or len(records) < int(total.group(1))):
            requests.append(Request(proxy_range(proxy, len(records) + 1, len(records) + max(len(records), perpage),
                                                perpage), PROXY))
    return links, requests


def proxy_range(proxy: str, start: int, end: int, perpage: int) -> str:
    """The data-proxy URL asking for records start..end (its other fields are posted as a form)."""
    p = urlsplit(proxy)
    fields = [(k, v) for k, v in parse_qsl(p.query, keep_blank_values=True)
              if k not in ("startrecord", "endrecord", "perpage")]
    query = urlencode([("startrecord", start), ("endrecord", end), ("perpage", perpage), *fields])
    return urlunsplit((p.scheme, p.netloc, p.path, query, ""))


def proxy_answer(url: str, text: str) -> tuple[list[Link], list[Request]]:
    """Records of a data-proxy answer, and the next range when this one came back full."""
    q = dict(parse_qsl(urlsplit(url).query))
    records = _RECORD.findall(text)
    links: list[Link] = []
    for rec in records:
        tree = LexborHTMLParser(f"<ul>{rec}</ul>")
        if tree.root is not None:
            links += _anchors(url, tree.root, "", record=True)
    start, end = int(q.get("startrecord", 1)), int(q.get("endrecord", 0))
    total = _TOTAL.search(text)
    more = records and len(records) >= end - start + 1 and (total is None or end < int(total.group(1)))
    nxt = [Request(proxy_range(url, end + 1, end + (end - start + 1), int(q.get("perpage", 15))), PROXY)] if more else []
    return links, nxt


def json_answer(url: str, text: str) -> tuple[list[Link], list[Request]]:
    """Entries (title + url + date) anywhere in a JSON list answer, and the next page when there is one."""
    try:
        data = json.loads(text)
    except ValueError:
        return [], []
    links: list[Link] = []
    pages: list[int] = []
    stack = [data]
    seen = 0
    while stack and seen < 100_000:
        node = stack.pop()
        seen += 1
        if isinstance(node, dict):
            title = next((node[k] for k in _TITLE_KEYS if isinstance(node.get(k), str)), None)
            href = next((node[k] for k in _URL_KEYS if isinstance(node.get(k), str)), None)
            if title and href and (target := absolute(url, href)):
                when = next((str(node[k]) for k in _DATE_KEYS if node.get(k) is not None), "")
                links.append(Link(target, clean(title), _json_date(when), record=True))
            pages += [int(node[k]) for k in _PAGES_KEYS if isinstance(node.get(k), int | str) and str(node[k]).isdigit()]
            stack.extend(v for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend(reversed(node))
    links.reverse()
    return links, _next_json_page(url, max(pages) if pages else None, bool(links))


def _json_date(value: str) -> dt.date | None:
    if value.isdigit() and len(value) in (10, 13):  # epoch seconds or milliseconds
        return dt.datetime.fromtimestamp(int(value[:10]), dt.UTC).date()
    return find_date(value)


def _next_json_page(url: str, pages: int | None, got: bool) -> list[Request]:
    p = urlsplit(url)
    query = parse_qsl(p.query, keep_blank_values=True)
    for i, (k, v) in enumerate(query):
        if k in _PAGE_PARAMS and v.isdigit():
            if not got or (pages is not None and int(v) >= pages):
                return []
            query[i] = (k, str(int(v) + 1))
            return [Request(urlunsplit((p.scheme, p.netloc, p.path, urlencode(query), "")), JSON)]
    return []
