"""数据导入 Import: upload report files, preview what was read and its checks, store on confirm (admin only)."""

import time

import streamlit as st

from pages import _collect
from pages import _import as imp
from pages import _ui as ui
from pages import _uploads as uploads
from xxgk import settings

ui.header("数据导入", "上传年报文件，预览解析结果与校验，确认后存入数据库（仅限管理员）")

expected = ui.admin_password()
if not expected:
    st.warning("导入功能未开启：尚未设置管理员密码。请在 `.streamlit/secrets.toml` 中写入 "
               '`admin_password = "…"`，或设置环境变量 `XXGK_ADMIN_PASSWORD`，然后重启看板。', icon="🔒")
    st.stop()
if not st.session_state.get("_admin"):
    with st.form("login"):
        typed = st.text_input("管理员密码", type="password", key="admin_pw")
        if st.form_submit_button("进入导入", key="admin_login"):
            outcome = ui.lockout().attempt(ui.session_key(), lambda: ui.password_ok(typed, expected),
                                           time.time, time.sleep)
            if outcome.ok:
                st.session_state["_admin"] = True
                st.rerun()
            st.warning(outcome.message, icon="🔒")
    st.stop()

uploads.admit()  # this session may now send files to the server (pages/_uploads.py)
_collect.section()
max_mb = settings.get_int("max_file_mb")
files = st.file_uploader(f"选择年报文件（{', '.join(imp.UPLOAD_TYPES)}；每个不超过 {max_mb} MB）",
                         type=list(imp.UPLOAD_TYPES), accept_multiple_files=True, key="upload_files")
if not files:
    ui.empty("请选择一个或多个年报文件。文件先解析预览，确认后才会存入数据库；同一文件重复上传不会重复存储。")
    st.stop()

parsed = imp.parse_uploads(files)
stored = set(ui.query("stored_reports", report_ids=[p.sha256 for p in parsed])["report_id"])
preview = imp.preview(parsed, stored)
st.subheader("解析预览")
ui.table(preview, "导入预览")
for item in parsed:
    if item.report is not None and any(not c.ok for c in item.report.checks):
        with st.expander(f"{ui.plain(item.name)}：{sum(not c.ok for c in item.report.checks)} 条校验未通过"):
            st.dataframe(imp.checks_frame(item.report), hide_index=True, placeholder="")

good = [p for p in parsed if p.report is not None and p.sha256 not in stored]
if not good:
    st.warning("没有需要存入的新年报：请查看上表「问题」一列（已在库中的文件不会重复存储；无法读取的请修正后重新上传）。",
               icon="⚠️")
    st.stop()
if st.button(f"确认存入 {len(good)} 份年报", type="primary", key="upload_store"):
    st.success(imp.store(good))
