"""总览's 简报 button: the Word briefing (xxgk.brief) of the sidebar's selection, built only when pressed and
cached by selection, database version and day."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import streamlit as st

from pages import _ui as ui
from xxgk.brief import build, word, wording
from xxgk.brief.model import Brief, Para, Section
from xxgk.filters import Filters

log = logging.getLogger("xxgk.dashboard")
MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _filters(p: dict[str, Any]) -> Filters:
    return Filters(year_from=p["year_from"], year_to=p["year_to"], provinces=tuple(p["provinces"]),
                   cities=tuple(p["cities"]), districts=tuple(p["districts"]), bureaus=tuple(p["bureaus"]),
                   agency_ids=tuple(p["agency_ids"]), templates=tuple(p["templates"]), dataset=p["dataset"],
                   scope=p["scope"])


@st.cache_data(show_spinner=False, max_entries=8)
def briefing(params: dict[str, Any], version: str, day: str) -> bytes:
    """The .docx bytes of the selection `params` (xxgk.filters.Filters.params()) on database `version`."""
    con = ui._cursor(ui._connection(version))
    return build(con, _filters(params), today=dt.date.fromisoformat(day)).content


def _made(params: dict[str, Any], version: str, day: str) -> bytes:
    """The briefing; if it cannot be made, a one-page document saying why and what to do (not cached)."""
    try:
        return briefing(params, version, day)
    except Exception as e:  # the download runs after the page: its failure cannot reach ui.guard()
        log.exception("briefing failed")
        why = (f"简报生成时出错（{type(e).__name__}）。请刷新页面后重新下载；若问题持续，请把当前网址发给管理员，"
               "由管理员查看看板的运行日志。")
        return word.to_docx(Brief("简报未能生成", [], day, False, [Section("说明", [Para(why)])]), [])


def button(kpi: dict[str, Any]) -> None:
    """下载简报（Word）: the document is made when the button is pressed (charts take some seconds)."""
    params, version, today = ui.filters().params(), ui.db_version(), dt.date.today()
    st.download_button("下载简报（Word）", lambda: _made(params, version, today.isoformat()),
                       file_name=wording.file_name(ui.filters(), kpi, today), mime=MIME, key="dl_brief",
                       icon=":material/description:", on_click="ignore",
                       help="生成当前筛选范围的统计简报（.docx）：主要指标、图表、排名及基数、零申请、缺报、"
                            "数据质量提示与方法说明，每个数字注明来源单元格；生成约需半分钟。")
