"""Streamlit's own interface text in Chinese: the strings its widgets print in English.

Streamlit has no setting for the language of its widgets (the hint under a text box "Press Enter to
apply", a list's "No results", the uploader's "Upload" button and "200MB per file", its "… files are not
allowed." error, the table and chart toolbars' tooltips, the "Running…" indicator). The dashboard
therefore adds, on every run, one small script that replaces exactly these strings where Streamlit puts
them: text nodes and the title, aria-label and placeholder attributes whose whole text matches one of the
patterns below. Data never matches (a pattern is a whole English phrase of Streamlit's); a phrase a new
Streamlit version adds shows in English until it is added to TEXT, and the browser test walking every
page fails on it.

Plotly's mode bar is hidden instead (the CSV download is the chart's export), and st.dataframe's own CSV
export is off (client.disableDataExport): the download buttons beside every table give the labelled file.
"""

from __future__ import annotations

import json

import streamlit as st

# (regular expression on the whole text, its Chinese) — JavaScript syntax, `$1` is the first group.
TEXT: tuple[tuple[str, str], ...] = (
    (r"^Press Enter to apply$", "按回车键确认"),
    (r"^Press Enter to submit form$", "按回车键提交"),
    (r"^Press (?:⌘|Ctrl)\+Enter to apply$", "按 Ctrl+回车键确认"),
    (r"^Press (?:⌘|Ctrl)\+Enter to submit form$", "按 Ctrl+回车键提交"),
    (r"^No results$", "没有匹配项"),
    (r"^Choose an option$", "请选择"),
    (r"^Choose options$", "请选择"),
    (r"^Upload$", "选择文件"),
    (r"^Browse files$", "选择文件"),
    (r"^Drag and drop (?:a file|files) here$", "把文件拖到这里"),
    (r"^(?:Limit )?([\d.]+\s*[KMG]?B) per file$", "每个文件不超过 $1"),
    (r"^(.*) files are not allowed\.$", "不接受这种类型的文件，请上传上面列出的格式"),
    (r"^Error:?$", "错误："),
    (r"^add icon$", "添加"),
    (r"^File must be ([\d.]+\s*[KMG]?B) or smaller\.$", "文件不能超过 $1"),
    (r"^Download as CSV$", "下载 CSV"),
    (r"^Search$", "搜索"),
    (r"^Fullscreen$", "全屏"),
    (r"^Close fullscreen$", "退出全屏"),
    (r"^Show/hide columns$", "显示/隐藏列"),
    (r"^Clear all$", "全部清除"),
    (r"^Clear value$", "清除"),
    (r"^Remove file$", "移除文件"),
    (r"^Running\.\.\.$", "正在计算…"),
    (r"^Stop$", "停止"),
    (r"^Skip to main content$", "跳到正文"),
)

_SCRIPT = """
<div id="xxgk-locale"></div>
<script>
(() => {
  const rules = %s.map(([p, t]) => [new RegExp(p), t]);
  const swap = (s) => {
    if (!s || s.length > 80) return null;
    const t = s.trim();
    for (const [re, zh] of rules) if (re.test(t)) return s.replace(t, t.replace(re, zh));
    return null;
  };
  const fix = (root) => {
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const zh = swap(n.nodeValue);
      if (zh !== null) n.nodeValue = zh;
    }
    const els = root.querySelectorAll ? root.querySelectorAll('[title],[aria-label],[placeholder]') : [];
    for (const el of [root, ...els]) {
      if (!el.getAttribute) continue;
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const zh = swap(el.getAttribute(a));
        if (zh !== null) el.setAttribute(a, zh);
      }
    }
  };
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  if (doc.__xxgkLocale) return;
  doc.__xxgkLocale = true;
  fix(doc.body);
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.type === 'characterData') { const zh = swap(c.target.nodeValue); if (zh !== null) c.target.nodeValue = zh; }
      else if (c.type === 'attributes') fix(c.target);
      else for (const n of c.addedNodes) fix(n.nodeType === 3 ? n.parentNode || doc.body : n);
    }
  }).observe(doc.body, {subtree: true, childList: true, characterData: true, attributes: true,
                       attributeFilter: ['title', 'aria-label', 'placeholder']});
})();
</script>
"""

# The script's own element takes no room; the uploader's size line gives way to our label, which states it.
_STYLE = """
<style>
[data-testid="stElementContainer"]:has(#xxgk-locale) { display: none; }
.modebar-container { display: none !important; }
</style>
"""

# The script with its table of phrases filled in once (constants only: no data reaches it).
_PAGE_SCRIPT = _SCRIPT % json.dumps(TEXT, ensure_ascii=False)  # tuples become JSON arrays


def chinese_widgets() -> None:
    """Put Streamlit's own English strings into Chinese on this page (see the module's docstring)."""
    st.html(_STYLE)
    st.sidebar.html(_PAGE_SCRIPT, unsafe_allow_javascript=True)
