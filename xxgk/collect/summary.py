"""What one collect run did: the figures a person reads at the end, and one JSON line per report found."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class Found:
    """One report found: the document's URL, its article page (for an attachment), the listed title, the date."""

    url: str
    title: str | None
    published: dt.date | None
    published_from: str | None
    article: str | None = None
    sha256: str = ""
    status: str = "found"  # found (dry run) | new | unchanged | failed

    def line(self) -> dict:
        """The --dry-run JSON object."""
        out = {"url": self.url, "title": self.title,
               "published": self.published.isoformat() if self.published else None,
               "published_from": self.published_from, "sha256": self.sha256 or None}
        if self.article:
            out["article"] = self.article
        return out


@dataclass(slots=True)
class Summary:
    """Figures of one run; `failed` holds (URL, reason in Chinese)."""

    pages_fetched: int = 0  # URLs asked for (robots.txt aside), answered or not
    answered: int = 0  # of those, the ones with a usable answer (200 or 304)
    found: list[Found] = field(default_factory=list)
    new: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    not_reports: int = 0
    offsite: int = 0
    resumed: bool = False
    finished: bool = False
    limit_reached: bool = False
    dry_run: bool = False
    seconds: float = 0.0
    db: str = ""

    def lines(self) -> list[str]:
        head = "试运行（未存储）" if self.dry_run else "采集"
        state = "完成" if self.finished else ("达到页数上限，未抓完（再次运行同一命令将接着抓取）" if self.limit_reached
                                               else "未完成（再次运行同一命令将接着抓取）")
        out = [f"{head}{state}（{self.seconds:.1f} 秒{'，接着上次未完成的抓取' if self.resumed else ''}"
               f"{'，数据库 ' + self.db if self.db else ''}）：",
               f"抓取页面和文件 {self.pages_fetched} 个，找到年报 {len(self.found)} 份"
               + ("" if self.dry_run else f"，新存 {self.new} 份，未变 {self.unchanged} 份")
               + f"，失败 {len(self.failed)} 个。"]
        if self.not_reports:
            out.append(f"另有 {self.not_reports} 个标题不明的页面或文件经解析不是年报，未收录。")
        if self.offsite:
            out.append(f"{self.offsite} 个指向其他网站的链接未抓取（只抓取起始网址所在的网站和 --host 指定的网站）。")
        if self.failed:
            out.append("失败的网址：")
            out += [f"  {url} — {reason}" for url, reason in self.failed[:100]]
            if len(self.failed) > 100:
                out.append(f"  ……另有 {len(self.failed) - 100} 个")
        return out

    def exit_code(self) -> int:
        """0 when the crawl ran (failures are in the summary); 1 only when nothing could be fetched at all."""
        return 0 if self.answered or self.found else 1
