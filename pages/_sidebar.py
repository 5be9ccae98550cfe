"""The shared sidebar of filters: years, district, bureau type, agency search and selection, template,
demo data. Every widget is bound to a URL query parameter, so a view is shared by sharing its link; the
chosen filters become xxgk.filters.Filters, the parameters every named query takes.
"""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from pages import _ui as ui
from xxgk.filters import Filters

# Template choices as shown, which a bound widget also writes into the URL (?template=2021版).
TEMPLATE_NAMES = {"2019": "2019版", "2021": "2021版", "legacy": "旧格式"}
# Sidebar widgets and the URL query parameter each one is bound to (the widget key is the name).
URL_KEYS = ("years", "district", "bureau", "q", "agency", "template", "synthetic")
NO_MATCH = (-1,)  # agency_ids that match nothing: a name search that found no agency


def _options(kind: str) -> pl.DataFrame:
    # Every choice stays on offer whatever else is chosen, demo reports included.
    opts = ui.query_all("filter_options", include_synthetic=True)
    return opts.filter(pl.col("kind") == kind)


def sidebar() -> Filters:
    """Draw the shared filters in the sidebar; their values live in the URL so a view can be shared."""
    ui.mark_routed()
    with st.sidebar:
        st.markdown("### 筛选条件")
        years = sorted(int(v) for v in _options("year")["value"].to_list())
        if not years:
            st.info("数据库中还没有年报。请到「数据导入」上传，或请管理员载入示例数据。")
            st.session_state["_filters"] = Filters()
            return Filters()
        if len(years) > 1:
            lo, hi = st.slider("年度", min_value=years[0], max_value=years[-1], value=(years[0], years[-1]),
                               key="years", bind="query-params")
        else:
            lo = hi = years[0]
            st.caption(f"年度：{lo}年")
        sel_d = st.multiselect("区县", _options("district")["value"].to_list(), key="district",
                               bind="query-params", placeholder="全部区县")
        sel_b = st.multiselect("部门类型", _options("bureau")["value"].to_list(), key="bureau",
                               bind="query-params", placeholder="全部部门类型")
        agencies = _options("agency").select(
            pl.col("value").cast(pl.Int64).alias("agency_id"), pl.col("label").alias("name"),
            "district", "bureau")
        scope = agencies
        if sel_d:
            scope = scope.filter(pl.col("district").is_in(sel_d))
        if sel_b:
            scope = scope.filter(pl.col("bureau").is_in(sel_b))
        q = st.text_input("机关名称包含", key="q", bind="query-params", placeholder="如：公安、街道")
        sel_a = st.multiselect("指定机关", sorted(scope["name"].to_list()), key="agency", bind="query-params",
                               placeholder="全部机关")
        present = set(_options("template")["value"].to_list())
        shown_t = st.multiselect("模板版本", [n for t, n in TEMPLATE_NAMES.items() if t in present], key="template",
                                 bind="query-params", placeholder="全部版本",
                                 help="2019版：2019–2020 年度；2021版：2021 年度起；旧格式：2019 年以前")
        sel_t = [t for t, n in TEMPLATE_NAMES.items() if n in shown_t]
        synthetic = st.toggle("包含示例数据（虚构）", value=True, key="synthetic", bind="query-params")
        f = Filters(year_from=int(lo), year_to=int(hi), districts=tuple(sel_d), bureaus=tuple(sel_b),
                    agency_ids=_agency_ids(agencies, sel_a, q.strip()), templates=tuple(sel_t),
                    include_synthetic=bool(synthetic))
        st.session_state["_filters"] = f
        st.button("清除筛选", on_click=_reset, width="stretch")
        st.caption("筛选条件保存在网址中：复制地址栏即可分享当前视图。")
    return f


def agencies_in_scope() -> pl.DataFrame:
    """The agencies the sidebar's district, bureau and agency filters leave in view: agency_id, name, …"""
    f = ui.filters()
    a = _options("agency").select(pl.col("value").cast(pl.Int64).alias("agency_id"), pl.col("label").alias("name"),
                                  "district", "bureau", "reports")
    if f.districts:
        a = a.filter(pl.col("district").is_in(f.districts))
    if f.bureaus:
        a = a.filter(pl.col("bureau").is_in(f.bureaus))
    if f.agency_ids:
        a = a.filter(pl.col("agency_id").is_in(f.agency_ids))
    return a.sort("name")


def districts_in_view() -> list[str]:
    """The districts the sidebar's district filter leaves in view."""
    f = ui.filters()
    return [d for d in _options("district")["value"].to_list() if not f.districts or d in f.districts]


def pick_agency(label: str, key: str, *, exclude: str | None = None, where: Any = st) -> tuple[int, str] | None:
    """A selectbox of the agencies in view, bound to the URL; (agency_id, name) or None when none is in view."""
    a = agencies_in_scope()
    if exclude:
        a = a.filter(pl.col("name") != exclude)
    if a.is_empty():
        return None
    names = a["name"].to_list()
    # Open on the agency with the most reports: its profile has the most to show.
    busiest = names.index(a.sort("reports", descending=True, maintain_order=True)["name"][0])
    name = where.selectbox(label, names, index=busiest, key=key, bind="query-params")
    if name is None:
        return None
    return int(a.filter(pl.col("name") == name)["agency_id"][0]), name


def _agency_ids(agencies: pl.DataFrame, selected: list[str], q: str) -> tuple[int, ...]:
    chosen = agencies
    if selected:
        chosen = chosen.filter(pl.col("name").is_in(selected))
    if q:
        chosen = chosen.filter(pl.col("name").str.contains(q, literal=True))
    if not selected and not q:
        return ()
    ids = tuple(sorted(chosen["agency_id"].drop_nulls().to_list()))
    return ids or NO_MATCH


def _reset() -> None:
    for key in URL_KEYS:
        st.session_state.pop(key, None)
