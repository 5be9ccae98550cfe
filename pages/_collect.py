"""The import page's 从政府网站采集 section: start URLs in, a polite crawl with progress, the summary out.

It runs the same crawl as `python -m xxgk collect`, in a process of its own (xxgk.collect.job.collect_in_child):
each document's parse keeps the ingest's time limit, and nothing a document does can stop the dashboard.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from xxgk.collect.crawl import Options
from xxgk.collect.job import collect_in_child
from xxgk.collect.summary import Summary
from xxgk.errors import XxgkError

FAILED_LABELS = {"url": "网址", "reason": "原因"}


def start_urls(text: str) -> tuple[list[str], list[str]]:
    """(the http(s) URLs, one per line, in order and once each; the lines that are not URLs)."""
    good: list[str] = []
    bad: list[str] = []
    for line in (text or "").splitlines():
        u = line.strip()
        if not u:
            continue
        (good if u.lower().startswith(("http://", "https://")) and " " not in u else bad).append(u)
    return list(dict.fromkeys(good)), bad


def failures(summary: Summary) -> pl.DataFrame:
    """The failed URLs and their reasons, for the table under the summary."""
    return pl.DataFrame({"url": [u for u, _ in summary.failed], "reason": [r for _, r in summary.failed]},
                        schema={"url": pl.String, "reason": pl.String})


def section() -> None:
    """The form, and the crawl when it is sent."""
    st.subheader("从政府网站采集")
    with st.form("collect"):
        text = st.text_area("起始网址（每行一个：门户首页、政府信息公开年报栏目、部门子栏目或年报页面）", key="collect_urls")
        left, right = st.columns(2)
        delay = left.number_input("两次请求间隔（秒）", min_value=0.0, max_value=30.0, value=1.0, step=0.5,
                                  key="collect_delay")
        pages = right.number_input("最多抓取页面数", min_value=1, max_value=100_000, value=2_000, step=100,
                                   key="collect_max_pages")
        sent = st.form_submit_button("开始采集", key="collect_start")
    st.caption("只抓取起始网址所在的网站，遵守 robots.txt，每个网站同一时间只有一个连接。中断后再次采集同样的网址会接着上次继续。")
    if not sent:
        return
    urls, bad = start_urls(text)
    if bad or not urls:
        st.error("请每行填写一个以 http:// 或 https:// 开头的网址" + (f"；无法识别：{'、'.join(bad[:5])}" if bad else "。"))
        return
    with st.status("正在采集……", expanded=True) as status:
        bar = st.progress(0.0, text="准备中")

        def progress(done: int, pending: int, found: int) -> None:
            bar.progress(done / max(done + pending, 1),
                         text=f"已抓取 {done} 个页面和文件，待抓取 {pending} 个；找到年报 {found} 份")

        try:
            summary = collect_in_child(Options(urls, delay=float(delay), max_pages=int(pages)), progress=progress)
        except XxgkError as e:
            status.update(label="采集未完成", state="error")
            st.error(f"采集未完成：{e.message}")
            return
        status.update(label="采集完成" if summary.finished else "采集未抓完", state="complete")
    lines = summary.lines()
    (st.success if summary.exit_code() == 0 else st.error)("\n\n".join(line for line in lines if not line.startswith("  ")))
    if summary.failed:
        st.dataframe(failures(summary).rename(FAILED_LABELS), hide_index=True)
