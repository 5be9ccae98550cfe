"""The briefing's charts as PNG images: Plotly's static export (kaleido ≥ 1) through the project's Chromium.

One browser is started for all the figures of a briefing. When it cannot be started or a figure fails, the
briefing is still made: each missing image gets a message in its place saying why and what to do.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path

import plotly.graph_objects as go

from xxgk import settings
from xxgk.brief.model import Figure

log = logging.getLogger("xxgk.brief")

WIDTH, HEIGHT, SCALE = 900, 460, 2  # pixels of the drawing; SCALE 2 keeps it sharp in print


def render(figures: list[Figure]) -> None:
    """Fill each figure's `image` (PNG bytes), or its `problem` when it could not be drawn."""
    if not figures:
        return
    browser = settings.get("chromium")
    if not Path(browser).is_file() or not os.access(browser, os.X_OK):
        _give_up(figures, f"未找到用于绘制图表的浏览器 {browser}。请在项目目录运行 make setup 安装 Debian 包 chromium，"
                          "或用环境变量 XXGK_CHROMIUM 指定 Chromium/Chrome 的位置，然后重新生成")
        return
    timeout = float(settings.get_int("chart_timeout_s"))
    try:
        images = asyncio.run(asyncio.wait_for(_draw([f.figure for f in figures], browser), timeout))
    except TimeoutError:
        log.warning("chart export timed out after %.0f s", timeout)
        _give_up(figures, f"图表绘制超过 {timeout:.0f} 秒未完成（机器繁忙时可能发生）。请稍后重新生成，"
                          "或用环境变量 XXGK_CHART_TIMEOUT_S 放宽时限")
        return
    except Exception as e:  # kaleido/choreographer raise their own types: any failure leaves text in place
        log.warning("chart export failed: %s: %s", type(e).__name__, e)
        _give_up(figures, f"图表未能绘制（{type(e).__name__}）。请确认 {browser} 能够启动（make setup 会安装 chromium），"
                          "然后重新生成")
        return
    for fig, image in zip(figures, images, strict=True):
        if isinstance(image, bytes) and image:
            fig.image = image
        else:
            log.warning("chart %s failed: %r", fig.title, image)
            fig.problem = f"此图未能绘制（{type(image).__name__}），数字见上表"


def _give_up(figures: list[Figure], why: str) -> None:
    for f in figures:
        f.problem = why + "；数字见上表。"


async def _draw(figures: list[go.Figure], browser: str) -> list[bytes | BaseException]:
    import kaleido

    out: list[bytes | BaseException] = []
    async with kaleido.Kaleido(n=1, path=browser) as k:
        for fig in figures:
            opts = {"format": "png", "width": WIDTH, "height": fig.layout.height or HEIGHT, "scale": SCALE}
            try:
                out.append(await k.calc_fig(_printable(fig), opts=opts))
            except Exception as e:  # one bad figure costs only its own image
                out.append(e)
    return out


def _printable(fig: go.Figure) -> go.Figure:
    """The figure on white, its height as drawn on the dashboard (ranked bars grow with their rows)."""
    f = go.Figure(fig)
    f.update_layout(paper_bgcolor="white", plot_bgcolor="white")
    f.update_xaxes(showgrid=True, gridcolor="#e5e5e5", linecolor="#999")
    f.update_yaxes(showgrid=True, gridcolor="#e5e5e5", linecolor="#999")
    return f
