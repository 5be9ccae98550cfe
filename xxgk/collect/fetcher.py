"""Polite HTTP: robots.txt, one connection, a delay per host, retries with backoff, redirects only within
the allowed hosts, a size limit, conditional requests. Never raises for a network failure: a Fetched
with `error` says what went wrong, in Chinese, for the summary.
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

import httpx

from xxgk import __version__ as VERSION
from xxgk import settings

# ASCII only (HTTP headers): names the program so a webmaster can tell it from a browser.
USER_AGENT = f"xxgk/{VERSION} (annual government information disclosure report collector; polite, obeys robots.txt)"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 5


def allowed(url: str, hosts: frozenset[str]) -> bool:
    """`url`'s host:port, or its host when named without a port, is in `hosts`."""
    parts = urlsplit(url)
    return parts.netloc.lower() in hosts or (parts.hostname or "").lower() in hosts


@dataclass(slots=True)
class Fetched:
    """One answer: the final URL, status, headers that matter, the body (None on failure or 304), the reason."""

    url: str
    status: int = 0
    body: bytes | None = None
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    not_modified: bool = False
    requests: int = 0


@dataclass
class Fetcher:
    """A polite client for the allowed hosts. Use as a context manager."""

    hosts: frozenset[str]
    delay: float = 1.0
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 2.0
    max_bytes: int = field(default_factory=settings.max_file_bytes)  # the one file size limit
    requested: list[str] = field(default_factory=list)  # every URL asked for, in order (tests and the summary)
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        # One connection in all: requests go one at a time, so no host ever sees two at once.
        self._client = httpx.Client(headers={"User-Agent": USER_AGENT, "Accept-Language": "zh-CN,zh;q=0.9"},
                                    timeout=self.timeout, follow_redirects=False, trust_env=False,
                                    limits=httpx.Limits(max_connections=1, max_keepalive_connections=1))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def allowed_host(self, url: str) -> bool:
        """A host named (with its port, when one was given) by a start URL or by --host."""
        return allowed(url, self.hosts)

    def robots_allow(self, url: str) -> bool:
        """What the host's robots.txt says for our User-Agent (no robots.txt, or a broken one: allowed)."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        rp = self._robots.get(key)
        if rp is None:
            rp = urllib.robotparser.RobotFileParser()
            got = self._get(f"{key}/robots.txt", "GET", None, {}, retries=1)
            if got.status == 200 and got.body is not None:
                rp.parse(got.body.decode("utf-8", "replace").splitlines())
            elif got.status in (401, 403):
                rp.disallow_all = True  # type: ignore[attr-defined]  # set as RobotFileParser.parse sets it
            else:
                rp.allow_all = True  # type: ignore[attr-defined]
            self._robots[key] = rp
        return rp.can_fetch(USER_AGENT, url)

    def fetch(self, url: str, post: bool = False, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET (or POST, a Hanweb data-proxy range) one URL, following redirects within the allowed hosts."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        form = None
        target = url
        if post:  # the range stays in the URL; the proxy's other fields go in the form, as the browser sends them
            p = urlsplit(url)
            pairs = parse_qsl(p.query, keep_blank_values=True)
            keep = [(k, v) for k, v in pairs if k in ("startrecord", "endrecord", "perpage")]
            form = {k: v for k, v in pairs if k not in ("startrecord", "endrecord", "perpage")}
            target = urlunsplit((p.scheme, p.netloc, p.path, "&".join(f"{k}={v}" for k, v in keep), ""))
        total = 0
        for _ in range(MAX_REDIRECTS + 1):
            got = self._get(target, "POST" if post else "GET", form, headers)
            total += got.requests
            got.requests = total
            if got.status in (301, 302, 303, 307, 308) and got.error is None:
                nxt = urljoin(target, got.body.decode("latin-1") if got.body else "")
                if not self.allowed_host(nxt):
                    got.error = f"重定向到未允许的主机 {urlsplit(nxt).netloc}，未跟随"
                    return got
                if not self.robots_allow(nxt):
                    got.error = f"重定向目标 {nxt} 被 robots.txt 禁止，未跟随"
                    return got
                target, post, form = nxt, post and got.status in (307, 308), form if got.status in (307, 308) else None
                continue
            got.url = target
            return got
        return Fetched(url, error=f"重定向超过 {MAX_REDIRECTS} 次", requests=total)

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)

    def _get(self, url: str, method: str, form: dict | None, headers: dict, retries: int | None = None) -> Fetched:
        assert self._client is not None, "Fetcher used outside its with-block"
        host = urlsplit(url).netloc.lower()
        if not allowed(url, self.hosts):  # the last guard: nothing leaves for a host not named
            return Fetched(url, error=f"主机 {host} 不在允许范围内，未请求")
        attempts = retries or self.retries
        reason = ""
        for attempt in range(attempts):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            self._wait(host)
            self.requested.append(url)
            try:
                with self._client.stream(method, url, data=form, headers=headers) as r:
                    self._last[host] = time.monotonic()
                    if r.status_code in RETRY_STATUS:
                        reason = f"服务器返回 HTTP {r.status_code}"
                        continue
                    if r.status_code in (301, 302, 303, 307, 308):
                        loc = r.headers.get("location", "")
                        return Fetched(url, r.status_code, loc.encode("latin-1", "replace"), requests=attempt + 1)
                    length = int(r.headers.get("content-length") or 0)
                    if length > self.max_bytes:
                        return Fetched(url, r.status_code, error=f"文件过大（{length / 1048576:.1f} MB），超过 {self.max_bytes // 1048576} MB 上限，未下载",
                                       requests=attempt + 1)
                    chunks, size = [], 0
                    for chunk in r.iter_bytes():
                        size += len(chunk)
                        if size > self.max_bytes:
                            return Fetched(url, r.status_code, error=f"文件超过 {self.max_bytes // 1048576} MB 上限，未下载完",
                                           requests=attempt + 1)
                        chunks.append(chunk)
                    out = Fetched(url, r.status_code, b"".join(chunks), r.headers.get("content-type", ""),
                                  r.headers.get("etag"), r.headers.get("last-modified"), requests=attempt + 1)
                    if r.status_code == 304:
                        out.not_modified, out.body = True, None
                    elif r.status_code >= 400:
                        out.error, out.body = f"HTTP {r.status_code}" + ("（页面不存在）" if r.status_code == 404 else ""), None
                    return out
            except httpx.TimeoutException:
                self._last[host] = time.monotonic()
                reason = f"超时（{self.timeout:g} 秒无响应）"
            except httpx.HTTPError as e:
                self._last[host] = time.monotonic()
                reason = f"连接失败（{type(e).__name__}）"
        return Fetched(url, error=f"{reason}，已重试 {attempts} 次", requests=attempts)
