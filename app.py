"""xxgk 政府信息公开年报看板: page config, the shared sidebar, the pages by section, st.navigation."""

import streamlit as st

from pages import _sidebar as sidebar
from pages import _ui as ui
from pages import _uploads as uploads

st.set_page_config(page_title="政府信息公开年报看板", page_icon="📊", layout="wide")
uploads.install()  # uploads only from admin sessions, within caps (pages/_uploads.py)

PAGES = {
    "看板": [
        st.Page("pages/overview.py", title="总览", icon=":material/dashboard:", default=True),
        st.Page("pages/disclosure.py", title="主动公开", icon=":material/campaign:"),
        st.Page("pages/applications.py", title="依申请公开", icon=":material/inbox:"),
        st.Page("pages/zero_activity.py", title="零活动机关", icon=":material/do_not_disturb_on:"),
        st.Page("pages/litigation.py", title="复议诉讼", icon=":material/gavel:"),
    ],
    "机关": [
        st.Page("pages/agency.py", title="机关画像", icon=":material/account_balance:"),
        st.Page("pages/compare.py", title="对比", icon=":material/compare_arrows:"),
    ],
    "数据": [
        st.Page("pages/quality.py", title="数据质量", icon=":material/fact_check:"),
        st.Page("pages/upload.py", title="数据导入", icon=":material/upload_file:"),
        st.Page("pages/about.py", title="数据下载与说明", icon=":material/download:"),
    ],
}

page = st.navigation(PAGES)
with ui.guard():
    sidebar.sidebar()
    page.run()
