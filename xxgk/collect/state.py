"""The crawl's state in the database: runs, the frontier, the fetch log, and each report's web provenance.

Every change is one transaction on the connection it is given: the store's Writer connection when
collecting (so state and documents are published together), an in-memory database for --dry-run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import duckdb


@dataclass(slots=True)
class Item:
    """One frontier row."""

    url: str
    kind: str
    depth: int
    scope: str | None = None
    title: str | None = None
    list_date: dt.date | None = None
    article_url: str | None = None
    article_date: dt.date | None = None
    article_date_from: str | None = None


@dataclass(slots=True)
class Provenance:
    """Where a stored report was found (a collected_documents row)."""

    sha256: str
    url: str
    article_url: str | None
    title: str | None
    published: dt.date | None
    published_from: str | None
    start_url: str


class State:
    """Runs, frontier and fetch log on one connection; `touched` is called before every write."""

    def __init__(self, con: duckdb.DuckDBPyConnection, touched: Callable[[], None] = lambda: None):
        self.con = con
        self.touched = touched
        self.run_id = 0
        self.resumed = False
        self.queued: set[str] = set()
        self._seq = 0

    def begin(self, start_urls: list[str], hosts: list[str], seeds: Iterable[Item]) -> None:
        """Continue the unfinished run with these start URLs, or start a new one from `seeds`."""
        key = sorted(start_urls)
        row = self.con.execute("SELECT run_id FROM crawl_runs WHERE finished_at IS NULL AND start_urls = ? "
                               "ORDER BY run_id DESC LIMIT 1", [key]).fetchone()
        self.touched()
        if row is not None:
            self.run_id, self.resumed = row[0], True
        else:
            self.run_id = (self.con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM crawl_runs").fetchone() or [1])[0]
            self._tx(lambda: (
                # one frontier at a time: an older run's rows (finished, or abandoned for other start URLs) go
                self.con.execute("DELETE FROM crawl_frontier WHERE run_id <> ?", [self.run_id]),
                # an unfinished run of other start URLs loses its frontier: it is over (its figures stay NULL)
                self.con.execute("UPDATE crawl_runs SET finished_at = ? WHERE finished_at IS NULL",
                                 [dt.datetime.now()]),
                self.con.execute("INSERT INTO crawl_runs (run_id, start_urls, hosts, started_at) VALUES (?, ?, ?, ?)",
                                 [self.run_id, key, sorted(hosts), dt.datetime.now()])))
        self.queued = {r[0] for r in self.con.execute("SELECT url FROM crawl_frontier WHERE run_id = ?",
                                                       [self.run_id]).fetchall()}
        self._seq = (self.con.execute("SELECT coalesce(max(seq), 0) FROM crawl_frontier WHERE run_id = ?",
                                      [self.run_id]).fetchone() or [0])[0]
        if not self.resumed:
            self._tx(lambda: self._insert(list(seeds)))

    def next_pending(self) -> Item | None:
        row = self.con.execute("SELECT url, kind, depth, scope, title, list_date, article_url, article_date, "
                               "article_date_from FROM crawl_frontier WHERE run_id = ? AND state = 'pending' "
                               "ORDER BY seq LIMIT 1", [self.run_id]).fetchone()
        return Item(*row) if row else None

    def pending_count(self) -> int:
        return (self.con.execute("SELECT count(*) FROM crawl_frontier WHERE run_id = ? AND state = 'pending'",
                                 [self.run_id]).fetchone() or [0])[0]

    def last_fetch(self, url: str) -> tuple[str | None, str | None, str | None]:
        """(ETag, Last-Modified, sha256) of the last answer for this URL."""
        row = self.con.execute("SELECT etag, last_modified, sha256 FROM crawl_fetches WHERE url = ? AND status = 200",
                               [url]).fetchone()
        return (row[0], row[1], row[2]) if row else (None, None, None)

    def collected_from(self, url: str) -> list[Provenance]:
        """Reports stored earlier from this URL, or attached to this article page."""
        rows = self.con.execute("SELECT sha256, url, article_url, list_title, published, published_from, start_url "
                                "FROM collected_documents WHERE url = ? OR article_url = ? ORDER BY url",
                                [url, url]).fetchall()
        return [Provenance(*r) for r in rows]

    def complete(self, url: str, state: str, reason: str | None = None, new: Iterable[Item] = (),
                 fetch: tuple | None = None, provenance: Provenance | None = None) -> None:
        """Record one URL's outcome, the links it led to, its fetch-log row and a report's provenance, in one
        transaction: a run killed after this call never fetches the URL again."""
        new = list(new)

        def work() -> None:
            for i in new:
                if i.url in self.queued:
                    self._update_dates(i)
            self.con.execute("UPDATE crawl_frontier SET state = ?, reason = ?, done_at = ? WHERE run_id = ? AND url = ?",
                             [state, reason, dt.datetime.now(), self.run_id, url])
            self._insert(new)
            if fetch is not None:
                self.con.execute("INSERT OR REPLACE INTO crawl_fetches VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 [*fetch, dt.datetime.now()])
            if provenance is not None:
                p = provenance
                self.con.execute("INSERT OR IGNORE INTO collected_documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                 [p.sha256, p.url, p.article_url, p.title, p.published, p.published_from,
                                  p.start_url, dt.datetime.now()])
                if p.published is not None:  # the web's date wins over the one the parser found in the text
                    self.con.execute("UPDATE reports SET published_date = ?, published_source = 'web' "
                                     "WHERE report_id = ? AND (published_date IS DISTINCT FROM ? "
                                     "OR published_source IS DISTINCT FROM 'web')",
                                     [p.published, p.sha256, p.published])

        self._tx(work)

    def finish(self, pages: int, found: int, new: int, unchanged: int, failed: int) -> None:
        self._tx(lambda: self.con.execute(
            "UPDATE crawl_runs SET finished_at = ?, pages_fetched = ?, reports_found = ?, reports_new = ?, "
            "reports_unchanged = ?, failed = ? WHERE run_id = ?",
            [dt.datetime.now(), pages, found, new, unchanged, failed, self.run_id]))

    def _update_dates(self, item: Item) -> None:
        """A URL reached again from another list: keep it once, taking a date the first list did not print."""
        if item.list_date is not None:
            self.con.execute("UPDATE crawl_frontier SET list_date = ? WHERE run_id = ? AND url = ? AND list_date IS NULL "
                             "AND state = 'pending'", [item.list_date, self.run_id, item.url])

    def _insert(self, items: list[Item]) -> None:
        rows = []
        for i in items:
            if i.url in self.queued:
                continue
            self.queued.add(i.url)
            self._seq += 1
            rows.append([self.run_id, i.url, self._seq, i.kind, i.depth, i.scope, i.title, i.list_date,
                         i.article_url, i.article_date, i.article_date_from, "pending"])
        if rows:
            self.con.executemany("INSERT INTO crawl_frontier (run_id, url, seq, kind, depth, scope, title, list_date, "
                                 "article_url, article_date, article_date_from, state) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def _tx(self, work: Callable[[], object]) -> None:
        self.touched()
        self.con.execute("BEGIN TRANSACTION")
        try:
            work()
            self.con.execute("COMMIT")
        except BaseException:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise
