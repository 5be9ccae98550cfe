"""The crawl loop: take the next URL from the frontier, fetch it politely, read what it points to, decide
what is a report, hand reports to the store (or print them, for --dry-run), record the outcome.

Documents go through the ingest path (xxgk.workers.parse_one, then the Writer); the crawl state goes
through the same Writer's connection, one transaction per URL, so a killed run loses nothing and a
resumed one fetches nothing it had finished.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from xxgk import settings
from xxgk.collect import classify, dates, lists
from xxgk.collect.classify import COLUMN, OUT, REPORT, title_kind
from xxgk.collect.fetcher import Fetched, Fetcher
from xxgk.collect.state import Item, Provenance, State
from xxgk.collect.summary import Found, Summary
from xxgk.read.html import decode_html
from xxgk.store.parsed import Parsed
from xxgk.store.writer import Writer
from xxgk.workers import parse_one

FILE = "file"
_DOC_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


@dataclass
class Options:
    """What to crawl and how politely."""

    start_urls: list[str]
    hosts: list[str] = field(default_factory=list)  # further hosts the user names
    delay: float = 1.0
    max_pages: int = 20_000
    max_depth: int = 6
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 2.0
    out: Path | None = None  # also keep each report file here (host/path)


def start_items(urls: list[str]) -> list[Item]:
    """The start URLs as frontier rows: a home page has no column yet; any other page is its own column."""
    items = []
    for u in urls:
        url = lists.absolute(u, u)
        if url is None:
            continue
        path = urlsplit(url).path
        home = path.rsplit("/", 1)[0] == "" and (path.endswith("/") or path.rsplit("/", 1)[-1].startswith(("index", "default")))
        items.append(Item(url, lists.PAGE, 0, None if home else lists.directory(url)))
    return items


class Crawler:
    """One run over the frontier; `writer` is None for a dry run."""

    def __init__(self, opts: Options, state: State, writer: Writer | None, emit: Callable[[Found], None] | None,
                 progress: Callable[[Summary, int], None] | None):
        self.opts, self.state, self.writer = opts, state, writer
        self.emit, self.progress = emit, progress
        self.summary = Summary(dry_run=writer is None, db=str(writer.path) if writer else "")
        self.seen_sha: set[str] = set()
        self.timeout_s = settings.get_int("parse_timeout_s")
        hosts = {urlsplit(u).netloc for u in opts.start_urls} | {h.lower() for h in opts.hosts}
        self.fetcher = Fetcher(frozenset(h.lower() for h in hosts if h), delay=opts.delay, timeout=opts.timeout,
                               retries=opts.retries, backoff=opts.backoff,
                               max_bytes=settings.max_file_bytes())

    def run(self) -> Summary:
        t0 = time.monotonic()
        seeds = start_items(self.opts.start_urls)
        self.state.begin([i.url for i in seeds], sorted(self.fetcher.hosts), seeds)
        self.summary.resumed = self.state.resumed
        with self.fetcher:
            while True:
                if self.summary.pages_fetched >= self.opts.max_pages:
                    self.summary.limit_reached = self.state.next_pending() is not None
                    break
                item = self.state.next_pending()
                if item is None:
                    break
                self._one(item)
                self.summary.seconds = time.monotonic() - t0
                if self.progress:
                    self.progress(self.summary, self.state.pending_count())
        s = self.summary
        s.finished = not s.limit_reached
        s.seconds = time.monotonic() - t0
        if s.finished:
            self.state.finish(s.pages_fetched, len(s.found), s.new, s.unchanged, len(s.failed))
        return s

    # -- one URL ----------------------------------------------------------------------------------

    def _one(self, item: Item) -> None:
        if not self.fetcher.robots_allow(item.url):
            self._fail(item, "robots.txt 禁止抓取此网址，已跳过", "skipped")
            return
        etag = modified = None
        if item.kind in (REPORT, FILE, lists.PAGE) and self.writer is not None:
            # asked for conditionally only when what it gave last time is a stored report: a list is read again
            etag, modified, sha = self.state.last_fetch(item.url)
            if sha is None or not self.writer.is_known(sha):
                etag = modified = None
        got = self.fetcher.fetch(item.url, post=item.kind == lists.PROXY, etag=etag, last_modified=modified)
        self.summary.pages_fetched += 1
        if got.error:
            self._fail(item, got.error)
            return
        self.summary.answered += 1
        if got.not_modified:  # nothing changed since the last run: the reports it gave are unchanged
            for p in self.state.collected_from(got.url if got.url != item.url else item.url):
                self._found(Found(p.url, p.title, p.published, p.published_from, p.article_url, p.sha256, "unchanged"))
                self.summary.unchanged += 1
            self.state.complete(item.url, "done", "未改变（HTTP 304）")
            return
        body = got.body or b""
        log = (item.url, got.status, got.etag, got.last_modified, hashlib.sha256(body).hexdigest(),
               got.content_type, len(body))
        if item.kind == lists.JSON:
            links, requests = lists.json_answer(got.url, body.decode("utf-8", "replace"))
            self.state.complete(item.url, "done", new=self._follow(item, links, requests, records=True), fetch=log)
        elif item.kind == lists.PROXY:
            links, requests = lists.proxy_answer(item.url, decode_html(body))
            self.state.complete(item.url, "done", new=self._follow(item, links, requests, records=True), fetch=log)
        elif not _is_html(got):
            self._document(item, got, body, log)
        else:
            self._page(item, got, body, log)

    def _page(self, item: Item, got: Fetched, body: bytes, log: tuple) -> None:
        page = lists.html_to_page(got.url, decode_html(body))
        title = item.title or page.title
        if item.kind in (lists.PAGE, REPORT):
            parsed = self._parse(got.url, body, log)
            attachments = [ln for ln in page.links if classify.is_document_url(ln.url) and title_kind(ln.title) != OUT
                           and self.fetcher.allowed_host(ln.url)]
            wrapper = bool(attachments) and (item.kind == REPORT or title_kind(title) == REPORT)
            # the page holds the report when the parser reads its tables (or, for a report title, reads it at
            # all and there is no attached file to prefer)
            if _has_tables(parsed) or (parsed.report is not None and item.kind == REPORT and not wrapper):
                published, source = dates.best(item.list_date, dates.meta_date(page.tree), dates.page_date(page.text))
                self._store(item, parsed, body, Found(got.url, title, published, source), log)
                return
            if wrapper:
                meta, text = dates.meta_date(page.tree), dates.page_date(page.text)
                when, source = (meta, dates.META) if meta else (text, dates.PAGE if text else None)
                new = [Item(ln.url, FILE, item.depth + 1, item.scope, title, item.list_date, got.url, when, source)
                       for ln in attachments]
                self.state.complete(item.url, "done", new=new, fetch=log)
                return
            if item.kind == REPORT and not any(ln.pager or title_kind(ln.title) == REPORT for ln in page.links):
                self._fail(item, "标题是年报，但页面中既没有读到年报正文，也没有 PDF/Word 附件", fetch=log)
                return
            # a report title on what is a list of reports after all: read it as a list
        self.state.complete(item.url, "done", new=self._follow(item, page.links, page.requests), fetch=log)

    def _document(self, item: Item, got: Fetched, body: bytes, log: tuple) -> None:
        parsed = self._parse(got.url, body, log)
        if parsed.report is None and title_kind(item.title or "") != REPORT and item.article_url is None:
            self.summary.not_reports += 1  # an unclear title, and the parser says it is no report
            self.state.complete(item.url, "done", parsed.error_message, fetch=log)
            return
        published: dt.date | None
        source: str | None
        if item.list_date is not None:
            published, source = item.list_date, dates.LIST
        else:
            published, source = item.article_date, item.article_date_from
        self._store(item, parsed, body, Found(got.url, item.title, published, source, item.article_url), log)

    def _store(self, item: Item, parsed: Parsed, body: bytes, found: Found, log: tuple) -> None:
        sha = log[4]  # the body's sha256, computed once when it arrived
        found.sha256 = sha
        if sha in self.seen_sha:  # the same file under a second address: one report, listed once
            self.state.complete(item.url, "done", "与本次已找到的文件相同", fetch=log)
            return
        self.seen_sha.add(sha)
        provenance = None
        if self.writer is None:
            found.status = "found"
        elif self.writer.is_known(sha):
            found.status = "unchanged"
            self.summary.unchanged += 1
        else:
            parsed.content, parsed.path = body, found.url
            result = self.writer.write([parsed])
            if result.failed:
                found.status = "failed"
                self.summary.failed.append((found.url, f"已下载，但无法解析：{result.failed[0][2]}"))
            else:
                found.status = "new"
                self.summary.new += 1
        if self.writer is not None:
            provenance = Provenance(sha, found.url, found.article, found.title, found.published, found.published_from,
                                    self.opts.start_urls[0] if len(self.opts.start_urls) == 1 else
                                    self._start_of(item))
            self._keep(found.url, body)
        self.state.complete(item.url, "done", fetch=log, provenance=provenance)
        self._found(found)

    def _start_of(self, item: Item) -> str:
        host = urlsplit(item.url).netloc
        return next((u for u in self.opts.start_urls if urlsplit(u).netloc == host), self.opts.start_urls[0])

    def _found(self, found: Found) -> None:
        self.summary.found.append(found)
        if self.emit:
            self.emit(found)

    def _fail(self, item: Item, reason: str, state: str = "failed", fetch: tuple | None = None) -> None:
        self.summary.failed.append((item.url, reason))
        self.state.complete(item.url, state, reason, fetch=fetch)

    def _parse(self, url: str, body: bytes, log: tuple) -> Parsed:
        """The ingest path's parse, with its time limit (the body's sha256 from the fetch log)."""
        return parse_one(url, body, self.timeout_s, log[4], for_store=True)

    def _keep(self, url: str, body: bytes) -> None:
        if self.opts.out is None:
            return
        p = urlsplit(url)
        rel = [part for part in (p.path.strip("/") or "index.html").split("/") if part not in ("", ".", "..")]
        target = Path(self.opts.out, p.hostname or "host", *rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)

    # -- which links to follow -------------------------------------------------------------------

    def _follow(self, item: Item, links: list[lists.Link], requests: list[lists.Request],
                records: bool = False) -> list[Item]:
        """The links of a list page worth fetching: reports by title, report files, further pages of the
        list, columns of 信息公开 / 年报, and, inside a 年报 column, anything unclear (the parser decides)."""
        out: list[Item] = []
        deeper = item.depth + 1
        for r in requests:
            if self.fetcher.allowed_host(r.url):
                out.append(Item(r.url, r.kind, item.depth, item.scope))
        for link in links:
            if not self.fetcher.allowed_host(link.url):
                self.summary.offsite += 1
                continue
            if link.pager:
                out.append(Item(link.url, lists.LIST, item.depth, item.scope))
                continue
            kind = title_kind(link.title)
            inside = records or link.record or (item.scope is not None and link.url.startswith(item.scope))
            if kind == OUT:
                continue
            if classify.is_document_url(link.url):
                if kind == REPORT or inside:
                    out.append(Item(link.url, FILE, deeper, item.scope, link.title, link.date))
            elif not classify.is_page_url(link.url) or deeper > self.opts.max_depth:
                continue
            elif kind == REPORT:
                out.append(Item(link.url, REPORT, deeper, item.scope, link.title, link.date))
            elif kind == COLUMN:
                scope = lists.directory(link.url) if classify.is_report_column(link.title) else item.scope
                out.append(Item(link.url, lists.PAGE, deeper, scope, None, None))
            elif inside:
                out.append(Item(link.url, lists.PAGE, deeper, item.scope, link.title, link.date))
        return out


def _is_html(got: Fetched) -> bool:
    body = got.body or b""
    if body[:8].startswith(_DOC_MAGIC):
        return False
    ctype = got.content_type.lower()
    if "html" in ctype or "xml" in ctype:
        return True
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head


def _has_tables(parsed: Parsed) -> bool:
    r = parsed.report
    return r is not None and bool(r.table2 or r.table3 or r.table4)
