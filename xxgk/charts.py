"""Plotly figure builders for the dashboard: a DataFrame in, a Figure out, Chinese labels and hover text.

Plain functions (no Streamlit) so they are tested on their own. A builder draws every row it is given:
a page cuts the frame first (`top_n`) and offers that same frame as the chart's CSV download, so the
download holds exactly what the chart shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go
import polars as pl

from xxgk import dictionary, keys, numbers
from xxgk.numbers import cn_number, cn_ticks

FONT = "Noto Sans CJK SC, Noto Sans SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif"
# A qualitative palette that stays readable in print and for the common colour-vision deficiencies.
COLORS = ("#b22222", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
          "#bcbd22", "#17becf", "#393b79", "#637939")
TOP_N = 20
number, percent = numbers.number, numbers.percent  # what the pages call charts.number / charts.percent

# Chinese names of columns: the data dictionary (xxgk.dictionary.LABELS) is their one source.
LABELS = dictionary.LABELS


# Printed names of the columns of tables 二, 三 and 四 by column key, for showing stored cells.
CELL_COLUMNS: dict[str, str] = {
    **{c: n for cols in keys.TABLE2_COLUMNS.values() for item in cols.values() for c, n in item.items()},
    **keys.TABLE3_COLUMNS, **keys.TABLE4_COLUMNS,
}


SCOPE_NAMES = {"agency": "本机关", "region": "全域（政府汇总）"}
SOURCE_NAMES = {"web": "网页发布日期", "text": "年报落款日期", "metadata": "文件元数据"}


def report_facts(row: Mapping[str, object]) -> str:
    """One report's scope per table and publication (date, source, deadline, on time or late) as a sentence."""
    tables = "、".join(f"{label} {SCOPE_NAMES.get(str(row.get(key)), '未印该表')}"
                       for key, label in (("scope_table2", "表二"), ("scope_table3", "表三"), ("scope_table4", "表四")))
    deadline = row.get("publish_deadline")
    if row.get("published_date") is None:
        when = f"公开日期不详（期限 {deadline}），不计入按时公开率"
    else:
        verdict = "按时" if row.get("on_time") else f"逾期 {row.get('days_late')} 天"
        when = (f"公开日期 {row['published_date']}（{SOURCE_NAMES.get(str(row.get('published_source')), '来源不详')}），"
                f"期限 {deadline}，{verdict}")
    return f"统计范围：{tables}。{when}。"


def placement(row: Mapping[str, object]) -> str:
    """How an agency was placed in its region (agencies.placed_by), for 机关画像."""
    if row.get("placed_by") == "portal":
        return f"定位依据：采集网站（{row.get('placement_note') or '网站域名'}）"
    if row.get("placed_by") == "name":
        return "定位依据：年报所印机关名称"
    return "未能定位：名称和来源都不足以确定所在地区"


def _plain(v: object) -> object:
    """Text that Plotly shows as text: it reads <b>, <a href=…> in titles, labels and names as markup."""
    return v.replace("<", "&lt;").replace(">", "&gt;") if isinstance(v, str) else v


def _plain_data(fig: go.Figure) -> None:
    """Agency names and other data in a figure's categories, texts, names and hover data, as plain text."""
    for trace in fig.data:
        for attr in ("x", "y", "text", "name", "customdata"):
            value = getattr(trace, attr, None)
            if isinstance(value, str):
                trace[attr] = _plain(value)
            elif value is not None and len(value) and any(isinstance(v, str | tuple | list) for v in value):
                trace[attr] = [[_plain(c) for c in v] if isinstance(v, tuple | list) else _plain(v) for v in value]


def _layout(fig: go.Figure, title: str | None, height: int = 420) -> go.Figure:
    legend = len(fig.data) > 1
    _plain_data(fig)
    fig.update_layout(
        showlegend=legend,
        title={"text": _plain(title), "x": 0, "xanchor": "left", "xref": "paper", "y": 0.98, "yanchor": "top",
               "yref": "container", "font": {"size": 15}} if title else None,
        font={"family": FONT, "size": 13},
        height=height + (40 if title else 0),
        margin={"l": 10, "r": 10, "t": (60 if title else 10) + (40 if legend else 0), "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "title": None, "traceorder": "normal"},
        colorway=list(COLORS),
        hoverlabel={"font": {"family": FONT}},
        separators=".,",
    )
    return fig


def _integer_ticks(fig: go.Figure, values: Sequence[float | None], axis: str = "y") -> None:
    """Counts are whole numbers: with a small maximum, tick every 1 (or 2) instead of 0.5, 1.5, …"""
    top = max((v for v in values if v is not None), default=0)
    if 0 < top <= 10:
        (fig.update_yaxes if axis == "y" else fig.update_xaxes)(dtick=1 if top <= 6 else 2, tick0=0)


def _fmt(unit: str) -> str:
    return f" {unit}" if unit and unit != "%" else unit


def top_n(df: pl.DataFrame, value: str, n: int = TOP_N, *, descending: bool = True) -> pl.DataFrame:
    """The n rows with the largest (or smallest) `value`, nulls last: what a ranked bar chart shows."""
    if df.is_empty():
        return df
    return df.sort(value, descending=descending, nulls_last=True).head(n)


def line_by_year(df: pl.DataFrame, series: Mapping[str, str], *, unit: str = "件",
                 title: str | None = None, year: str = "year", share: bool = False) -> go.Figure:
    """One line per column of `series` (column -> Chinese name) over the years; blanks stay gaps.

    `share` draws 0–1 columns as percentages.
    """
    fig = go.Figure()
    d = df.sort(year) if year in df.columns else df
    shown = "%{y:.1f}%" if share else f"%{{y:,.0f}}{_fmt(unit)}"
    for col, name in series.items():
        if col not in d.columns:
            continue
        ys = d[col].to_list()
        if share:
            ys = [None if v is None else 100 * v for v in ys]
        fig.add_trace(go.Scatter(
            x=d[year].to_list(), y=ys, name=name, mode="lines+markers",
            hovertemplate=f"{name}<br>%{{x}}年：{shown}<extra></extra>",
        ))
    fig.update_xaxes(title="年度", dtick=1, tickformat="d")
    fig.update_yaxes(title="占比（%）" if share else unit, rangemode="tozero", ticksuffix="%" if share else "")
    if not share:
        _integer_ticks(fig, [v for t in fig.data for v in t.y])
        cn_ticks(fig, [v for t in fig.data for v in t.y])
    fig.update_layout(hovermode="x unified")
    return _layout(fig, title)


def bars_by_year(df: pl.DataFrame, parts: Mapping[str, str], *, unit: str = "件", title: str | None = None,
                 stacked: bool = True, percent: bool = False, year: str = "year") -> go.Figure:
    """Bars per year, one segment per column of `parts`; `percent` shows each year's shares of 100%."""
    fig = go.Figure()
    d = df.sort(year) if year in df.columns else df
    cols = [c for c in parts if c in d.columns]
    totals = None
    if percent and cols:
        totals = d.select(pl.sum_horizontal([pl.col(c).fill_null(0) for c in cols])).to_series().to_list()
    for col in cols:
        name = parts[col]
        values = d[col].to_list()
        if totals is not None:
            shares = [None if v is None or not t else 100.0 * v / t for v, t in zip(values, totals, strict=True)]
            fig.add_trace(go.Bar(
                x=d[year].to_list(), y=shares, name=name, customdata=values,
                hovertemplate=f"{name}<br>%{{x}}年：%{{y:.1f}}%（%{{customdata:,.0f}} {unit}）<extra></extra>",
            ))
        else:
            fig.add_trace(go.Bar(
                x=d[year].to_list(), y=values, name=name,
                hovertemplate=f"{name}<br>%{{x}}年：%{{y:,.0f}}{_fmt(unit)}<extra></extra>",
            ))
    fig.update_layout(barmode="stack" if stacked else "group")
    fig.update_xaxes(title="年度", dtick=1, tickformat="d", type="category")
    fig.update_yaxes(title="占比（%）" if percent else unit, ticksuffix="%" if percent else "")
    if not percent:
        cn_ticks(fig, _stack_tops(fig, stacked))
    return _layout(fig, title)


def ranked_bars(df: pl.DataFrame, label: str, value: str, *, value_name: str, unit: str = "件",
                title: str | None = None, hover: Mapping[str, str] | None = None,
                share: bool = False, base: Mapping[str, str] | None = None,
                lowest_on_top: bool = False) -> go.Figure:
    """Horizontal bars, largest on top, one per row (cut the frame with `top_n` first).

    `hover` maps extra columns to the Chinese names shown when pointing at a bar; `share` draws a
    0–1 column as a percentage; `base` (column -> unit, e.g. {"reports": "份", "processed": "件"}) prints
    what a rate rests on beside its bar: 45.8%（3 份 · 120 件）.
    """
    d = df.sort(value, descending=lowest_on_top, nulls_last=lowest_on_top) if not df.is_empty() else df
    hover = {k: v for k, v in (hover or {}).items() if k in d.columns}
    extra = "".join(f"<br>{name}：%{{customdata[{i}]{':,' if d.schema[col].is_numeric() else ''}}}"
                    for i, (col, name) in enumerate(hover.items()))
    custom = d.select(list(hover)).rows() if hover else None
    xs = [None if v is None else (100 * v if share else v) for v in d[value].to_list()]
    unit = "%" if share else unit
    shown_fmt = "%{x:.1f}%" if share else f"%{{x:,.0f}}{_fmt(unit)}"
    fig = go.Figure(go.Bar(
        x=xs, y=d[label].cast(pl.String).to_list(), orientation="h",
        marker_color=COLORS[0], customdata=custom, name=value_name,
        text=[None if v is None else (f"{v:.1f}%" if share else cn_number(v)) + _base_text(d, base, i)
              for i, v in enumerate(xs)],
        textposition="outside", cliponaxis=False,
        hovertemplate=f"%{{y}}<br>{value_name}：{shown_fmt}{extra}<extra></extra>",
    ))
    fig.update_xaxes(title=f"{value_name}（{unit}）" if unit else value_name, rangemode="tozero",
                     ticksuffix="%" if share else "")
    top = max((v for v in xs if v is not None), default=0)
    if top > 0:  # room on the right for the value and its base printed beside the longest bar
        fig.update_xaxes(range=[0, top * (1.45 if base else 1.15)])
    if not share:
        _integer_ticks(fig, xs, "x")
        cn_ticks(fig, xs, "x")
    fig.update_yaxes(title=None, automargin=True, type="category")
    return _layout(fig, title, height=max(260, 90 + 26 * d.height))


def _base_text(d: pl.DataFrame, base: Mapping[str, str] | None, i: int) -> str:
    parts = [f"{cn_number(d[col][i])} {unit}" for col, unit in (base or {}).items()
             if col in d.columns and d[col][i] is not None]
    return f"（{' · '.join(parts)}）" if parts else ""


def min_base(df: pl.DataFrame, column: str, minimum: float) -> tuple[pl.DataFrame, int]:
    """The rows whose base `column` reaches `minimum`, and how many rows were left out (a blank base counts
    as below it): a rate on a handful of cases is not ranked."""
    kept = df.filter(pl.col(column).fill_null(0) >= minimum)
    return kept, df.height - kept.height


def grouped_bars(df: pl.DataFrame, category: str, series: Mapping[str, str], *, unit: str = "件",
                 title: str | None = None, horizontal: bool = True) -> go.Figure:
    """Side-by-side bars: one group per row of `category`, one bar per column of `series`."""
    fig = go.Figure()
    cats = df[category].cast(pl.String).to_list() if category in df.columns else []
    for col, name in series.items():
        if col not in df.columns:
            continue
        vals = df[col].to_list()
        if horizontal:
            fig.add_trace(go.Bar(y=cats, x=vals, name=name, orientation="h",
                                 hovertemplate=f"%{{y}}<br>{name}：%{{x:,.0f}}{_fmt(unit)}<extra></extra>"))
        else:
            fig.add_trace(go.Bar(x=cats, y=vals, name=name,
                                 hovertemplate=f"%{{x}}<br>{name}：%{{y:,.0f}}{_fmt(unit)}<extra></extra>"))
    fig.update_layout(barmode="group")
    if horizontal:
        fig.update_yaxes(automargin=True, type="category", autorange="reversed")
        fig.update_xaxes(title=unit, rangemode="tozero")
        height = max(280, 100 + 22 * len(cats) * max(1, len(fig.data)))
        cn_ticks(fig, [v for t in fig.data for v in t.x], "x")
    else:
        fig.update_xaxes(type="category", tickangle=-30 if len(cats) > 6 else 0)
        fig.update_yaxes(title=unit, rangemode="tozero")
        cn_ticks(fig, [v for t in fig.data for v in t.y])
        height = 440
    return _layout(fig, title, height=min(height, 1600))


def heatmap(df: pl.DataFrame, x: str, y: str, z: str, *, z_name: str, unit: str = "个",
            title: str | None = None, x_name: str = "", y_name: str = "") -> go.Figure:
    """A grid of `z` by `x` (columns) and `y` (rows) from a long frame; missing combinations stay blank."""
    xs = sorted({v for v in df[x].cast(pl.String).to_list() if v is not None}) if not df.is_empty() else []
    ys = sorted({v for v in df[y].cast(pl.String).to_list() if v is not None}) if not df.is_empty() else []
    grid: dict[tuple[str, str], float | None] = {
        (str(a), str(b)): c for a, b, c in df.select(x, y, z).rows()
    } if not df.is_empty() else {}
    zs = [[grid.get((xv, yv)) for xv in xs] for yv in ys]
    fig = go.Figure(go.Heatmap(
        x=xs, y=ys, z=zs, colorscale="Reds", colorbar={"title": unit, "exponentformat": "none"}, xgap=1, ygap=1,
        hovertemplate=f"{y_name or y}：%{{y}}<br>{x_name or x}：%{{x}}<br>{z_name}：%{{z:,.0f}}{_fmt(unit)}"
                      "<extra></extra>",
        texttemplate="%{z:,.0f}", hoverongaps=False,
    ))
    fig.update_xaxes(title=x_name or None, type="category", tickangle=-30 if len(xs) > 8 else 0)
    fig.update_yaxes(title=y_name or None, type="category", automargin=True)
    return _layout(fig, title, height=max(300, 120 + 28 * len(ys)))


def scatter(df: pl.DataFrame, x: str, y: str, label: str, *, x_name: str, y_name: str,
            unit_x: str = "件", unit_y: str = "%", title: str | None = None,
            highlight: Sequence[str] = ()) -> go.Figure:
    """One point per row (e.g. an agency in its peer group); rows named in `highlight` drawn apart."""
    fig = go.Figure()
    names = df[label].cast(pl.String).to_list() if label in df.columns else []
    mark = [n in set(highlight) for n in names]
    for flag, name, color, size in ((False, "同类机关", COLORS[1], 8), (True, "所选机关", COLORS[0], 13)):
        idx = [i for i, m in enumerate(mark) if m == flag]
        if not idx:
            continue
        fig.add_trace(go.Scatter(
            x=[df[x][i] for i in idx], y=[df[y][i] for i in idx], text=[names[i] for i in idx],
            mode="markers", name=name, marker={"color": color, "size": size, "opacity": 0.8},
            hovertemplate=f"%{{text}}<br>{x_name}：%{{x:,.0f}}{_fmt(unit_x)}<br>{y_name}：%{{y:,.1f}}"
                          f"{_fmt(unit_y)}<extra></extra>",
        ))
    fig.update_xaxes(title=f"{x_name}（{unit_x}）", rangemode="tozero")
    fig.update_yaxes(title=f"{y_name}（{unit_y}）", rangemode="tozero")
    cn_ticks(fig, [v for t in fig.data for v in t.x], "x")
    cn_ticks(fig, [v for t in fig.data for v in t.y])
    return _layout(fig, title)


def lines_long(df: pl.DataFrame, series: str, value: str, *, unit: str = "件", title: str | None = None,
               year: str = "year", percent: bool = False) -> go.Figure:
    """One line per distinct `series` value over the years, from a long frame (year, series, value)."""
    fig = go.Figure()
    d = df.sort(year)
    for name in d[series].unique(maintain_order=True).to_list():
        part = d.filter(pl.col(series) == name)
        ys = part[value].to_list()
        if percent:
            ys = [None if v is None else 100 * v for v in ys]
        fig.add_trace(go.Scatter(
            x=part[year].to_list(), y=ys, name=str(name), mode="lines+markers",
            hovertemplate=f"{name}<br>%{{x}}年：" + ("%{y:.1f}%" if percent else f"%{{y:,.0f}}{_fmt(unit)}")
            + "<extra></extra>",
        ))
    fig.update_xaxes(title="年度", dtick=1, tickformat="d")
    fig.update_yaxes(title="占比（%）" if percent else unit, rangemode="tozero", ticksuffix="%" if percent else "")
    if not percent:
        cn_ticks(fig, [v for t in fig.data for v in t.y])
    fig.update_layout(hovermode="x unified")
    return _layout(fig, title)


def bars_long(df: pl.DataFrame, series: str, value: str, *, unit: str = "件", title: str | None = None,
              year: str = "year", share: str | None = None, stacked: bool = True, log: bool = False) -> go.Figure:
    """Bars per year, one segment per distinct `series` value, from a long frame.

    With `share` (a 0–1 column) the bars show shares of 100% and the hover adds the count.
    """
    fig = go.Figure()
    d = df.sort(year)
    for name in d[series].unique(maintain_order=True).to_list():
        part = d.filter(pl.col(series) == name)
        xs = [str(y) for y in part[year].to_list()]
        counts = part[value].to_list()
        if share:
            ys = [None if v is None else 100 * v for v in part[share].to_list()]
            hover = f"{name}<br>%{{x}}年：%{{y:.1f}}%（%{{customdata:,.0f}} {unit}）<extra></extra>"
        else:
            ys = counts
            hover = f"{name}<br>%{{x}}年：%{{y:,.0f}}{_fmt(unit)}<extra></extra>"
        fig.add_trace(go.Bar(x=xs, y=ys, name=str(name), customdata=counts, hovertemplate=hover))
    fig.update_layout(barmode="stack" if stacked else "group")
    fig.update_xaxes(title="年度", type="category")
    fig.update_yaxes(title="占比（%）" if share else (f"{unit}（对数坐标）" if log else unit),
                     ticksuffix="%" if share else "", type="log" if log and not share else None)
    if not share:
        cn_ticks(fig, _stack_tops(fig, stacked) if not log else [v for t in fig.data for v in t.y], log=log)
    return _layout(fig, title)


def _stack_tops(fig: go.Figure, stacked: bool) -> list[float]:
    """The tallest a bar reaches: per x, the sum of the stacked segments (or each bar when grouped)."""
    if not stacked:
        return [v for t in fig.data for v in (t.y or ()) if v is not None]
    tops: dict[object, float] = {}
    for t in fig.data:
        for x, y in zip(t.x or (), t.y or (), strict=False):
            tops[x] = tops.get(x, 0.0) + (y or 0)
    return list(tops.values())


def mark_year(fig: go.Figure, year: int | None) -> go.Figure:
    """A dotted vertical line at `year` on a by-year chart: the year a profile was opened on."""
    if year is not None:
        fig.add_vline(x=year, line_dash="dot", line_color=COLORS[7],
                      annotation_text=f"{year}年", annotation_position="top")
    return fig


def mark_cells(cells: pl.DataFrame, rows: set[str], cols: set[str], *, on: bool) -> pl.DataFrame:
    """Stored cells with a `marked` column (◀ 图表数字 on the cells a chart used, blank elsewhere), marked first."""
    hit = pl.lit(on) & (pl.col("row_key").is_in(list(rows)) if rows else pl.lit(on)) & (
        pl.col("col_key").is_in(list(cols)) if cols else pl.lit(on))
    out = cells.with_columns(pl.when(hit).then(pl.lit("◀ 图表数字")).otherwise(None).alias("marked"))
    return out.sort(pl.col("marked").is_null(), maintain_order=True)
