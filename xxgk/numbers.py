"""Numbers written the Chinese way, one rule for every page: counts whole, other values and percentages with one
decimal, 万/亿 from 10,000 on cards, bar labels and axis ticks (never SI's k/M/G); a blank is 未填报, never 0."""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go

# One rule for every page: counts whole, other values with one decimal, percentages with one decimal;
# from 10,000 up, a number on an axis or a card is written with 万 or 亿 (never SI's k/M/G).
WAN, YI = 10_000, 100_000_000


def cn_number(value: float | int, *, digits: int = 1) -> str:
    """A number the Chinese way: 9,999 · 1.2万 · 350万 · 1.05亿 (trailing zeros dropped)."""
    v = float(value)
    for size, suffix in ((YI, "亿"), (WAN, "万")):
        if abs(v) >= size:
            text = f"{v / size:,.{digits + 1}f}".rstrip("0").rstrip(".")
            return f"{text}{suffix}"
    return f"{v:,.0f}" if v.is_integer() else f"{v:,.{digits}f}"


def number(value: float | int | None, unit: str = "") -> str:
    """A number for a metric card: 万/亿 from 10,000, one decimal when not whole; a blank stays 未填报 (never 0)."""
    if value is None:
        return "未填报"
    return f"{cn_number(value)} {unit}".strip()


def percent(value: float | None) -> str:
    """A share 0–1 as a percentage with one decimal; no denominator gives —."""
    return "—" if value is None else f"{100 * value:.1f}%"


def _nice_step(top: float, ticks: int = 5) -> float:
    raw = top / ticks
    mag = 10 ** math.floor(math.log10(raw))
    return next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)


def cn_ticks(fig: go.Figure, values: Sequence[float | None], axis: str = "y", *, log: bool = False) -> None:
    """Axis ticks in Chinese units: explicit tick values labelled 1万, 50万, 1亿 … (Plotly would print 10k, 4M).

    Below 10,000 the axis keeps Plotly's own ticks without SI suffixes (2,000 not 2k).
    """
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    nums = [float(v) for v in values if v is not None and math.isfinite(float(v))]
    update(exponentformat="none", separatethousands=True)
    if log:
        top = max((v for v in nums if v > 0), default=1.0)
        tickvals = [10.0 ** k for k in range(0, max(1, math.ceil(math.log10(top))) + 1)]
        update(tickvals=tickvals, ticktext=[cn_number(t) for t in tickvals])
        return
    top, bottom = max(nums, default=0.0), min(nums, default=0.0)
    if max(abs(top), abs(bottom)) < WAN:
        return
    step = _nice_step(max(top, 0) - min(bottom, 0))
    start = math.floor(min(bottom, 0) / step) * step
    tickvals = [start + i * step for i in range(int((max(top, 0) - start) / step) + 2)]
    update(tickvals=tickvals, ticktext=[cn_number(t, digits=2) for t in tickvals])
