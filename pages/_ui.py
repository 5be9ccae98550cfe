"""The dashboard's Streamlit side shared by every page: cached data access, the page header with the
synthetic label, tabs, chart/table + CSV download, and error display (the sidebar: pages/_sidebar.py).

It lives in pages/ because only pages/ and app.py import Streamlit; charts and CSV bytes are built by
the plain modules xxgk.charts and xxgk.downloads.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
import re
import threading
import urllib.parse
import uuid
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import plotly.graph_objects as go
import polars as pl
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from xxgk import database, dictionary, downloads, metrics, places, queries, settings
from xxgk.errors import StoreError, XxgkError
from xxgk.filters import Filters
from xxgk.lockout import Lockout
from xxgk.report import SYNTHETIC_MARK

log = logging.getLogger("xxgk.dashboard")
_run = threading.local()  # `routed` is True while a script run that went through app.py is on this thread

MAX_CELL_EXPORT_REPORTS = 2_000  # a long-form export beyond this is a job for `python -m xxgk export`
BATCH_THREADS = 3  # queries a page runs side by side (queries_at_once): more gained nothing on 2 cores
  # agency_ids that match nothing: a name search that found no agency


# -- data boundary: the only cached functions ---------------------------------------------------

def db_version() -> str:
    """The database's version: part of every cache key, so a stored import shows at once."""
    return database.version()


# Shown while a database is opened: at once, except the first time a file written by an older version is opened,
# when it is upgraded first (a national database of 10^6 reports takes about two minutes).
OPENING = "正在打开数据库……由旧版本生成的数据库第一次打开时要先升级，大型数据库可能需要几分钟，请稍候。"


@st.cache_resource(show_spinner=OPENING, max_entries=2)
def _connection(version: str) -> duckdb.DuckDBPyConnection:
    return database.open_read()


def _cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    # A cursor per call, since a DuckDB connection is not shared across Streamlit's script threads;
    # a cursor starts in the default catalog, so point it at the attached database file again.
    cur = con.cursor()
    cur.execute(f"USE {database.CATALOG}")
    return cur


@st.cache_data(show_spinner=False, max_entries=1024)
def _query(name: str, params: dict[str, Any], version: str) -> pl.DataFrame:
    return queries.run(_cursor(_connection(version)), name, params)


@st.cache_data(show_spinner=False, max_entries=32)
def _facts(columns: tuple[str, ...], params: dict[str, Any], version: str) -> pl.DataFrame:
    # the filtered facts (view_facts, summed per year and key): read once per filter set and column set, shared by
    # every aggregate of the page (a small frame: it is the parsed frame that is cached, not bytes)
    return metrics.facts(_cursor(_connection(version)), list(columns), params)


@st.cache_data(show_spinner=False, max_entries=1024)
def _aggregate(name: str, params: dict[str, Any], columns: tuple[str, ...], version: str) -> pl.DataFrame:
    return metrics.build(name, _facts(columns, metrics.facts_filters(name, params), version), **params)


def aggregates(*calls: tuple[str, dict[str, Any]]) -> list[pl.DataFrame]:
    """Aggregates (xxgk.metrics) drawn on one page, each as (name, its own parameters), under the sidebar's filters:
    built from one read of the facts per filter set (metrics.reads), each cached by name+params+version."""
    params = [{**filters().params(), **extra} for _, extra in calls]
    plan = metrics.reads([(name, p) for (name, _), p in zip(calls, params, strict=True)])
    return [_aggregate(name, p, tuple(cols), db_version())
            for (name, _), p, (cols, _filters) in zip(calls, params, plan, strict=True)]


def query(name: str, **extra: Any) -> pl.DataFrame:
    """A named query or aggregate (xxgk.metrics, built from the cached filtered facts) under the sidebar's filters
    (plus `extra` parameters), cached by name+params+version."""
    if name in metrics.AGGREGATES:
        return aggregates((name, extra))[0]
    return _query(name, {**filters().params(), **extra}, db_version())


def queries_at_once(*calls: tuple[str, dict[str, Any]]) -> list[pl.DataFrame]:
    """Named queries a page draws together, each as (name, its own parameters), under the sidebar's filters: run
    side by side, each on its own cursor (DuckDB plans one query while another runs), and each cached on its own,
    as query() caches it, so a rerun that changes one of them runs only that one."""
    base, version, ctx = filters().params(), db_version(), get_script_run_ctx()

    def run(call: tuple[str, dict[str, Any]]) -> pl.DataFrame:
        add_script_run_ctx(threading.current_thread(), ctx)  # the session's cache, as on the script's thread
        return _query(call[0], {**base, **call[1]}, version)

    with ThreadPoolExecutor(max_workers=BATCH_THREADS) as pool:
        return list(pool.map(run, calls))


def query_all(name: str, **params: Any) -> pl.DataFrame:
    """A named query without the sidebar's filters (e.g. the list of datasets)."""
    return _query(name, {**Filters().params(), **params}, db_version())


@st.cache_resource(show_spinner=False, max_entries=8)
def _parts(name: str, params: dict[str, Any], by: str, version: str) -> dict[str | None, pl.DataFrame]:
    df = queries.run(_cursor(_connection(version)), name, params)
    parts: dict[str | None, pl.DataFrame] = {key[0]: part for key, part in df.partition_by(by, as_dict=True).items()}
    parts[None] = df.clear()  # the columns, for a value with no rows
    return parts


def query_parts(name: str, by: str, **params: Any) -> dict[str | None, pl.DataFrame]:
    """A named query without the sidebar's filters, split by the values of column `by` (key None: no rows, the
    columns only), read once per database version and shared by every session and run. A resource, not data: the
    same frames at each call, never copied (Polars frames are not changed in place). The sidebar reads its choices
    so at every run of every page: as cached data, 175,000 agencies at national scale were copied at each of its
    nine reads."""
    return _parts(name, {**Filters().params(), **params}, by, db_version())


def source_file(report_id: str) -> dict[str, Any] | None:
    """The original file of a report without its bytes (format, file_name, size), or None if not kept."""
    df = _query("source_document", {"report_id": report_id}, db_version())
    return None if df.is_empty() else df.drop("content").row(0, named=True)


def source_loader(report_id: str) -> Any:
    """A callable that reads the original bytes only when the download is clicked."""
    con = _connection(db_version())

    def load() -> bytes:
        df = queries.run(_cursor(con), "source_document", {"report_id": report_id})
        return bytes(df["content"][0]) if not df.is_empty() else b""

    return load


def mark_routed() -> None:
    """Called by the sidebar, i.e. by app.py, on every run: see _through_app."""
    _run.routed = True


def filters() -> Filters:
    """The filters chosen in the sidebar (all data before the sidebar has run)."""
    return st.session_state.get("_filters", Filters())


def synthetic_in_view() -> bool:
    """True when the figures in view are generated demo reports: the demo dataset is all synthetic, the real
    dataset never is (in_view keeps the two apart), so the chosen dataset says it without reading the data."""
    return filters().synthetic


# -- page furniture ------------------------------------------------------------------------------

def _through_app() -> None:
    """Make sure this run went through app.py (page config, sidebar, navigation).

    Streamlit runs a file of a pages/ folder on its own, skipping app.py, until some session has
    called st.navigation; a shared link to a page opened first on a fresh server would do that.
    st.navigation switches the legacy mode off in the same way, then the rerun goes through app.py.
    """
    if getattr(_run, "routed", False):
        _run.routed = False
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    st.rerun()


def header(title: str, caption: str = "", *, label_view: bool = True) -> None:
    """The page title, a one-line explanation, and the synthetic label when demo data is in view
    (`label_view=False`: the page labels what it shows itself, with synthetic_notice)."""
    _through_app()
    st.title(title)
    if caption:
        st.caption(caption)
    if label_view and synthetic_in_view():
        synthetic_notice("当前视图包含生成的示例报告")


def synthetic_notice(subject: str) -> None:
    """The synthetic label: `subject` (e.g. 当前视图包含生成的示例报告) is demo data, not a real agency's."""
    st.warning(f"**{SYNTHETIC_MARK}**：{subject}，数字仅用于演示，不代表任何真实机关。"
               "真实机关的年报请在左侧「数据集」选择「真实年报」。", icon="⚠️")


def _synthetic(data: pl.DataFrame) -> bool:
    """Whether a frame holds demo data: by its own synthetic columns when it has them, else by the view."""
    if "synthetic" in data.columns:
        return bool(data["synthetic"].any())
    if "synthetic_reports" in data.columns:
        return bool((data["synthetic_reports"].fill_null(0) > 0).any())
    return synthetic_in_view()


def tabs(labels: list[str], key: str) -> tuple[str, Any]:
    """Tabs bound to the URL that draw only the open one: (its label, its container).

    Each switch reruns the page, so a page keeps one Plotly chart per render however many tabs it has.
    """
    containers = st.tabs(labels, key=key, bind="query-params")
    for label, container in zip(labels, containers, strict=True):
        if container.open:
            return label, container
    return labels[0], containers[0]


_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'^%@/])")


def plain(text: object) -> str:
    """Text from the data (agency, district, file names, titles) made safe inside Markdown: every ASCII
    punctuation mark is backslash-escaped and line breaks become spaces, so `![x](url)`, `[a](url)`,
    `<b>`, `**x**`, `$x$` or `:red[x]` show as typed and nothing is fetched, linked or styled."""
    return _MARKUP.sub(r"\\\1", " ".join(str(text).splitlines()))


def empty(message: str) -> None:
    """The plain-Chinese empty state."""
    st.info(message, icon="ℹ️")


def download(data: pl.DataFrame, stem: str, *, labels: Mapping[str, str] | None = None,
             label: str = "下载 CSV", key: str | None = None) -> None:
    """A CSV download (UTF-8 with BOM) of exactly `data`, labelled synthetic when it holds demo data; its column
    names in Chinese from `labels` (the data dictionary's by default)."""
    synthetic = _synthetic(data)
    labels = dictionary.LABELS if labels is None else labels
    st.download_button(label, lambda: downloads.csv_bytes(data, synthetic=synthetic, labels=labels),
                       file_name=downloads.file_name(stem, synthetic), mime="text/csv",
                       key=key or f"dl_{stem}", icon=":material/download:", on_click="ignore")


def download_query(name: str, stem: str, *, label: str, labels: Mapping[str, str] | None = None,
                   **extra: Any) -> None:
    """A CSV download of a whole named query or aggregate (xxgk.metrics) under the filters, run only when the
    button is pressed (a bulk export is too large to build on every rerun)."""
    params = {**filters().params(), **extra}
    synthetic = synthetic_in_view()
    con = _connection(db_version())
    labels = dictionary.LABELS if labels is None else labels

    def build() -> bytes:
        return downloads.csv_bytes(metrics.read(_cursor(con), name, params), synthetic=synthetic, labels=labels)

    st.download_button(label, build, file_name=downloads.file_name(stem, synthetic), mime="text/csv",
                       key=f"dl_{stem}", icon=":material/download:", on_click="ignore")


def download_source(report_id: str, source: Mapping[str, Any], agency: str, year: int) -> None:
    """The download of a report's original file, named 机关_年度 + its format's extension (never the uploaded
    name used as a path)."""
    st.download_button("下载原始文件", source_loader(report_id), file_name=places.file_name(agency, year, source["format"]),
                       mime="application/octet-stream", key=f"src_{report_id}", icon=":material/description:",
                       on_click="ignore")


def chart(fig: go.Figure, data: pl.DataFrame, stem: str, *, labels: Mapping[str, str] | None = None,
          agencies_on: str | None = None, year: int | None = None, cell: str | None = None) -> None:
    """A Plotly chart followed by the download of the very frame it draws.

    `agencies_on` ("x" or "y") names the axis that lists agencies: clicking a bar then opens that
    agency's profile, where each of its numbers is traced to the printed cell: `year` (the year the
    chart shows) and `cell` ('table3/granted,partially_granted/total': table/rows/columns) say which.
    """
    config = {"displaylogo": False, "displayModeBar": False}  # its tooltips are English; the CSV is the export
    if agencies_on is None:
        st.plotly_chart(fig, key=f"chart_{stem}", config=config)
    else:
        event = st.plotly_chart(fig, key=f"chart_{stem}", config=config, on_select="rerun",
                                selection_mode="points")
        points = event.selection.points if event else []
        if points and points[0].get(agencies_on):
            params = {"org": str(points[0][agencies_on])}
            if year is not None:
                params["org_year"] = str(year)
            if cell:
                params["org_cell"] = cell
                params["org_tab"] = places.TAB_LABELS.get(cell.split("/")[0], "")
            st.switch_page("pages/agency.py", query_params=params)
        st.caption("点击条形可打开该机关的画像，查看数字所在的年报单元格与原始文件。")
    download(data, stem, labels=labels)


PROFILE_LINK = "画像"


# Columns holding a fraction 0–1 (a rate, a share, a change in percent, last year's rate): shown as percentages.
_RATE = re.compile(r"(_rate|share|_pct)(_prev|_change)?$")


def table(data: pl.DataFrame, stem: str, *, labels: Mapping[str, str] | None = None, max_height: int = 420) -> None:
    """A table with Chinese column names, rates as percentages, a link from each agency to its profile,
    followed by its CSV download (of `data`, without the link column). Labels: the data dictionary's by default."""
    labels = dictionary.LABELS if labels is None else labels
    shown = data
    config: dict[str, Any] = {}
    if "agency" in data.columns:
        link = pl.lit("agency?org=") + pl.col("agency").map_elements(
            lambda n: urllib.parse.quote(n or ""), return_dtype=pl.String)
        if "year" in data.columns:
            link = link + pl.lit("&org_year=") + pl.col("year").cast(pl.String).fill_null("")
        shown = shown.with_columns(link.alias(PROFILE_LINK))
        config[PROFILE_LINK] = st.column_config.LinkColumn(PROFILE_LINK, display_text="查看",
                                                           help="打开该机关的画像：逐表原文、校验与原始文件")
    for col in data.columns:
        name = labels.get(col, col)
        dtype = data.schema[col]
        if _RATE.search(col) and dtype.is_float():  # shown as 45.8 % (×100 here; the CSV keeps the fraction)
            shown = shown.with_columns((pl.col(col) * 100).alias(col))
            config[name] = st.column_config.NumberColumn(name, format="%.1f%%")
        elif dtype.is_float():  # a whole count stays whole; any other number gets one decimal
            values = data[col].drop_nulls().drop_nans()
            whole = bool((values == values.round(0)).all())
            config[name] = st.column_config.NumberColumn(name, format="%d" if whole else "%.1f")
        elif dtype == pl.Boolean:  # 是 / 否 / blank, not a checkbox or "None"
            shown = shown.with_columns(pl.col(col).replace_strict({True: "是", False: "否"}, default=None,
                                                                  return_dtype=pl.String))
    if "report_id" in data.columns:  # a 64-digit hash: keep it narrow, it is there to be copied
        name = labels.get("report_id", "report_id")
        config[name] = st.column_config.TextColumn(name, width="small")
    shown = shown.rename({c: labels[c] for c in data.columns if c in labels})
    order = list(shown.columns)
    if PROFILE_LINK in order:  # the link right after the agency's name
        order.remove(PROFILE_LINK)
        order.insert(order.index(labels.get("agency", "agency")) + 1, PROFILE_LINK)
    height = min(max_height, 38 + 35 * max(shown.height, 1))
    shown = shown.with_columns(pl.col(pl.Float32, pl.Float64).fill_nan(None))
    st.dataframe(shown, hide_index=True, height=height, column_config=config, column_order=order, placeholder="")
    download(data, stem, labels=labels)


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Run a page; any failure becomes a Chinese message a person can act on, never a traceback."""
    try:
        yield
    except StoreError as e:
        log.warning("database error %s: %s", e.code, e.message)
        st.error(f"数据库暂时无法使用：{plain(e.message)}（代码 {e.code}）。请稍后刷新；若问题持续，请联系管理员"
                 "按部署说明重建数据库。")
    except XxgkError as e:
        log.warning("page error %s: %s", e.code, e.message)
        st.error(f"无法完成请求：{plain(e.message)}（代码 {e.code}）。请调整筛选条件后重试；若问题持续，请联系管理员。")
    except duckdb.Error as e:
        log.exception("database error")
        st.error("读取数据库时出错。请刷新页面重试；若问题持续，请管理员检查数据库文件"
                 f"（设置 XXGK_DB）是否存在且未被其他程序占用。错误类型：{type(e).__name__}")
    except Exception as e:  # the last line of defence: log the traceback, show a message
        log.exception("page failed")
        st.error(f"页面出现意外错误（{type(e).__name__}）。请刷新页面或清除筛选后重试；"
                 "若问题持续，请把当前网址发给管理员。")


# -- the import page's lock ------------------------------------------------------------------------

def admin_password() -> str:
    """The configured admin password: .streamlit/secrets.toml's admin_password, else XXGK_ADMIN_PASSWORD."""
    try:
        secret = st.secrets.get("admin_password", "")
    except Exception:  # no secrets.toml, or an unreadable one: fall back to the environment
        secret = ""
    return str(secret or settings.get("admin_password") or "")


def lockout() -> Lockout:
    """The password guard (xxgk.lockout): per browser session and server-wide, kept beside the database."""
    return _lockout(str(settings.db_path()))


@st.cache_resource
def _lockout(db: str) -> Lockout:
    return Lockout(settings.get_int("login_max_failures"), float(settings.get_int("login_lock_s")),
                   float(settings.get_int("login_interval_s")), Path(db + ".login.json"))


def session_key() -> str:
    """A random key of this browser session, for per-session limits (never shown, never from the URL)."""
    return str(st.session_state.setdefault("_login_key", uuid.uuid4().hex))


def password_ok(given: str, expected: str) -> bool:
    """Constant-time comparison of the typed password with the configured one."""
    return bool(expected) and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
