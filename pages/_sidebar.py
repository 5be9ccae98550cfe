"""The shared sidebar of filters: dataset (the demo city or real reports, never both), scope (agencies' own
figures or governments' region-wide ones), years, the region cascade 省 → 市 → 区县, bureau type, agency search
and selection, template. Every widget is bound to a URL query parameter, so a view is shared by sharing its
link; the chosen filters become xxgk.filters.Filters, the parameters every named query takes.
"""

from __future__ import annotations

from typing import Any

import polars as pl
import streamlit as st

from pages import _ui as ui
from xxgk import datasets, dictionary
from xxgk.filters import DISTRICT_MARK, SCOPES, Filters

# Template choices as shown, which a bound widget also writes into the URL (?template=2021版).
# Sidebar widgets and the URL query parameter each one is bound to (the widget key is the name).
URL_KEYS = ("dataset", "scope", "years", "province", "city", "district", "bureau", "q", "agency", "template")
# The URL shows the short names: ?dataset=示例市 / 真实年报, ?scope=部门自身 / 政府汇总.
DATASET_NAMES = {datasets.DEMO: "示例市", datasets.REAL: "真实年报"}
SCOPE_NAMES = SCOPES
NO_MATCH = (-1,)  # agency_ids that match nothing: a name search that found no agency
# The most agencies a list offers (指定机关, the profile's and comparison's pickers). A national database has
# ~175,000: a list of all of them is megabytes sent to the browser at every click and a list nobody scrolls.
# Beyond this the agencies with the most reports are listed, the chosen ones always, and a caption says how to
# narrow the list (region filters, 机关名称包含).
MAX_AGENCY_CHOICES = 2_000


def agency_choices(agencies: pl.DataFrame, chosen: list[str], limit: int | None = None) -> list[str]:
    """The names a list of agencies offers, sorted: every name when there are at most `limit`
    (MAX_AGENCY_CHOICES), else the `limit` with the most reports; names in `chosen` are always kept (a link
    may carry any)."""
    limit = MAX_AGENCY_CHOICES if limit is None else limit
    if agencies.height > limit:
        # the `limit` first by reports (most first), then name: picked without sorting every name (a national
        # database's 175,000 took 80 ms to sort, and a set of them 60 ms more, at every click)
        top = agencies.top_k(limit, by=["reports", "name"], reverse=[False, True])["name"].to_list()
        kept = agencies.filter(pl.col("name").is_in(chosen))["name"].to_list() if chosen else []
        return sorted(set(top) | set(kept))
    return sorted(agencies["name"].to_list())


def _too_many(total: int, where: Any = st) -> None:
    """Under a capped list of agencies: how many there are and how to narrow them (nothing when all are listed)."""
    if total > MAX_AGENCY_CHOICES:
        where.caption(f"范围内有 {total:,} 个机关，列表只列出年报最多的 {MAX_AGENCY_CHOICES:,} 个：在侧栏输入机关名称关键字，"
                      "或选择省份、城市、区县，可缩小范围。")


def _chosen(key: str) -> list[str]:
    """What a bound widget holds now, or what the URL gives it before its first run."""
    held = st.session_state.get(key)
    if held is None:
        held = st.query_params.get_all(key)
    return [held] if isinstance(held, str) else list(held or [])


def _options(kind: str, dataset: str | None = None) -> pl.DataFrame:
    # Every choice of the dataset in view stays on offer whatever else is chosen.
    parts = ui.query_parts("filter_options", "kind", dataset=dataset or ui.filters().dataset)
    return parts.get(kind, parts[None])


def _dataset() -> str:
    """The 数据集 choice: the user's own reports once there are any, else the demo city (see xxgk.datasets)."""
    held = ui.query_all("datasets", shipped=list(datasets.shipped()))
    offered = datasets.offered(held)
    default = datasets.default(held)
    names = [DATASET_NAMES[d] for d in offered]
    if st.session_state.get("dataset") not in names:
        st.session_state.pop("dataset", None)
    shown = st.segmented_control(
        "数据集", names, default=DATASET_NAMES[default], key="dataset", bind="query-params",
        help="示例市是生成的虚构数据（示例数据，虚构），真实年报是真实机关的年报：两者从不相加。")
    return next((d for d, n in DATASET_NAMES.items() if n == shown), default)


def _cascade(name: str, label: str, options: pl.DataFrame, parents: dict[str, list[str]]) -> list[str]:
    """One level of the region cascade 省 → 市 → 区县: only the choices under the levels chosen above."""
    for col, chosen in parents.items():
        if chosen:
            options = options.filter(pl.col(col).is_in(chosen))
    values = list(dict.fromkeys(options["value"].to_list()))
    bare = _bare_districts(options, values) if name == "district" else {}
    chosen = st.multiselect(label, values + list(bare), key=name, bind="query-params", placeholder=f"全部{label}")
    for d in (d for d in chosen if d in bare):
        st.caption(f"「{d}」在多个城市都有（{'、'.join(bare[d])}），现包含全部同名区县；"
                   "只看其中一个时，请改选带城市名的选项。")
    return chosen


def _bare_districts(options: pl.DataFrame, values: list[str]) -> dict[str, list[str]]:
    """A district name without its city, from a link made before districts carried their city (?district=鼓楼区),
    that now stands for several choices: name -> those choices (南京市·鼓楼区, 福州市·鼓楼区). Offered as a choice of
    its own so the link keeps working; it keeps every district of that name (the in_view macro)."""
    asked = st.session_state.get("district", st.query_params.get_all("district"))
    out: dict[str, list[str]] = {}
    for d in asked or []:
        if d not in values:
            named = options.filter(pl.col("district") == d)["value"].to_list()
            if named:
                out[d] = named
    return out


def _in_districts(chosen: list[str] | tuple[str, ...]) -> pl.Expr:
    """Rows (agencies, districts) whose district is among the 区县 choices: by name, or by 市·区县 (in_view's rule)."""
    named = pl.concat_str(pl.col("city"), pl.lit(DISTRICT_MARK), pl.col("district"))
    return pl.col("district").is_in(list(chosen)) | named.is_in(list(chosen)).fill_null(False)


def sidebar() -> Filters:
    """Draw the shared filters in the sidebar; their values live in the URL so a view can be shared."""
    ui.mark_routed()
    with st.sidebar:
        st.markdown("### 筛选条件")
        dataset = _dataset()
        if dataset == datasets.DEMO:
            st.caption("当前为示例市：示例数据，虚构。")
        shown_scope = st.segmented_control(
            "统计口径", list(SCOPE_NAMES.values()), default=SCOPE_NAMES["agency"], key="scope", bind="query-params",
            help="部门自身：各机关只计本机关的数字（默认）；政府汇总：人民政府年报中统计全市/全区/全县的表格，"
                 "单独查看，从不与其下属部门相加。")
        scope = next((k for k, n in SCOPE_NAMES.items() if n == shown_scope), "agency")
        years = sorted(int(v) for v in _options("year", dataset)["value"].to_list())
        if not years:
            st.info("数据库中还没有年报。请到「数据导入」上传，或请管理员载入示例数据。")
            st.session_state["_filters"] = Filters(dataset=dataset, scope=scope)
            return Filters(dataset=dataset, scope=scope)
        if len(years) > 1:
            lo, hi = st.slider("年度", min_value=years[0], max_value=years[-1], value=(years[0], years[-1]),
                               key="years", bind="query-params")
        else:
            lo = hi = years[0]
            st.caption(f"年度：{lo}年")
        sel_p = _cascade("province", "省份", _options("province", dataset), {})
        sel_c = _cascade("city", "城市", _options("city", dataset), {"province": sel_p})
        sel_d = _cascade("district", "区县", _options("district", dataset), {"province": sel_p, "city": sel_c})
        sel_b = st.multiselect("部门类型", _options("bureau", dataset)["value"].to_list(), key="bureau",
                               bind="query-params", placeholder="全部部门类型")
        agencies = _options("agency", dataset).select(
            pl.col("value").cast(pl.Int64).alias("agency_id"), pl.col("label").alias("name"),
            "province", "city", "district", "bureau", "reports")
        in_scope = agencies.filter(_in_districts(sel_d)) if sel_d else agencies
        for col, chosen in (("province", sel_p), ("city", sel_c), ("bureau", sel_b)):
            if chosen:
                in_scope = in_scope.filter(pl.col(col).is_in(chosen))
        q = st.text_input("机关名称包含", key="q", bind="query-params", placeholder="如：公安、街道")
        if q.strip():  # only names the search keeps can be chosen with it
            in_scope = in_scope.filter(pl.col("name").str.contains(q.strip(), literal=True))
        sel_a = st.multiselect("指定机关", agency_choices(in_scope, _chosen("agency")), key="agency",
                               bind="query-params", placeholder="全部机关")
        _too_many(in_scope.height)
        present = set(_options("template", dataset)["value"].to_list())
        shown_t = st.multiselect("模板版本", [n for t, n in dictionary.TEMPLATE_NAMES.items() if t in present], key="template",
                                 bind="query-params", placeholder="全部版本",
                                 help="2019版：2019–2020 年度；2021版：2021 年度起；旧式：2019 年以前")
        sel_t = [t for t, n in dictionary.TEMPLATE_NAMES.items() if n in shown_t]
        f = Filters(year_from=int(lo), year_to=int(hi), provinces=tuple(sel_p), cities=tuple(sel_c),
                    districts=tuple(sel_d), bureaus=tuple(sel_b), agency_ids=_agency_ids(agencies, sel_a, q.strip()),
                    templates=tuple(sel_t), dataset=dataset, scope=scope)
        st.session_state["_filters"] = f
        st.button("清除筛选", on_click=_reset, width="stretch")
        st.caption("筛选条件保存在网址中：复制地址栏即可分享当前视图。")
    return f


def agencies_in_scope() -> pl.DataFrame:
    """The agencies the sidebar's district, bureau and agency filters leave in view: agency_id, name, … (in no
    particular order: the lists built from it sort what they show)."""
    f = ui.filters()
    a = _options("agency").select(pl.col("value").cast(pl.Int64).alias("agency_id"), pl.col("label").alias("name"),
                                  "province", "city", "district", "bureau", "reports")
    if f.districts:
        a = a.filter(_in_districts(f.districts))
    for col, chosen in (("province", f.provinces), ("city", f.cities), ("bureau", f.bureaus)):
        if chosen:
            a = a.filter(pl.col(col).is_in(chosen))
    if f.agency_ids:
        a = a.filter(pl.col("agency_id").is_in(f.agency_ids))
    return a


def districts_in_view() -> list[str]:
    """The districts the sidebar's region filters (省, 市, 区县) leave in view, named as the 区县 choices are."""
    f = ui.filters()
    d = _options("district")
    if f.districts:
        d = d.filter(_in_districts(f.districts))
    for col, chosen in (("province", f.provinces), ("city", f.cities)):
        if chosen:
            d = d.filter(pl.col(col).is_in(chosen))
    return list(dict.fromkeys(d["value"].to_list()))


def pick_agency(label: str, key: str, *, exclude: str | None = None, where: Any = st) -> tuple[int, str] | None:
    """A selectbox of the agencies in view, bound to the URL; (agency_id, name) or None when none is in view."""
    a = agencies_in_scope()
    if exclude:
        a = a.filter(pl.col("name") != exclude)
    if a.is_empty():
        return None
    names = agency_choices(a, _chosen(key))
    # Open on the agency with the most reports (the first by name among equals): its profile has the most to show.
    busiest = names.index(str(a.filter(pl.col("reports") == a["reports"].max())["name"].min()))
    name = where.selectbox(label, names, index=busiest, key=key, bind="query-params")
    _too_many(a.height, where)
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
