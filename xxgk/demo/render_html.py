"""HTML reports as a government site serves them: GBK pages with chrome around the report.

The page has a banner, navigation, a breadcrumb, a metadata table (索引号/发布机构/发布日期 …) and
a footer; the report body holds paragraphs and the three tables with rowspan/colspan, blank cells
as &nbsp;, and on some pages the markup Word leaves when a report is pasted in (MsoNormal classes,
<o:p>, inline font styles).
"""

from __future__ import annotations

import random
from functools import lru_cache
from html import escape as _escape

from xxgk.demo.layout import Layout, table2_layout, table3_layout, table4_layout
from xxgk.demo.sheet import MARK_LINE, Sheet

escape = lru_cache(maxsize=4096)(_escape)  # labels and small numbers repeat on every page

_HEAD = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{title}</title>
<meta name="ArticleTitle" content="{article}" />
<meta name="PubDate" content="{date}" />
<style type="text/css">body{{font-family:"微软雅黑";}} .nav li{{display:inline;margin-right:1.5em;}} th{{font-weight:normal;}}</style>
<script type="text/javascript">var _site = "demo";</script>
</head>
<body>
<div class="banner" style="background:#fff3cd;color:#856404;text-align:center">{mark} 本页为演示用虚构内容，机关、地名、数字均非真实。</div>
<div class="header"><div class="logo">{city}人民政府门户网站（示例站点）</div>
<ul class="nav"><li><a href="#">首页</a></li><li><a href="#">政务公开</a></li><li><a href="#">政务服务</a></li><li><a href="#">互动交流</a></li><li><a href="#">走进{city}</a></li></ul></div>
<div class="position">当前位置：<a href="#">首页</a> &gt; <a href="#">政府信息公开</a> &gt; <a href="#">政府信息公开年报</a></div>
"""

_FOOT = """<div class="share">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
<div class="footer"><p>主办单位：{city}人民政府办公室（示例） 网站标识码：0000000000</p>
<p>示ICP备00000000号 &nbsp; 示公网安备00000000000000号</p></div>
</body>
</html>
"""


def _meta_table(sheet: Sheet, rng: random.Random) -> str:
    code = f"{sheet.agency.district.code}{rng.randint(100, 999)}/{sheet.year + 1}-{rng.randint(1, 99):05d}"
    rows = (("索引号", code, "主题分类", "政务公开"), ("发布机构", sheet.agency.name, "发文日期", sheet.published),
            ("名称", sheet.title, "发布日期", sheet.published), ("文号", "无", "有效性", "有效"))
    body = "".join(f"<tr><th>{a}</th><td>{escape(b)}</td><th>{c}</th><td>{escape(d)}</td></tr>" for a, b, c, d in rows)
    return f'<table class="xxgk_info" width="100%">{body}</table>\n'


def _cell(text: str, mso: bool, is_value: bool) -> str:
    if not text:
        return "<o:p>&nbsp;</o:p>" if mso else "&nbsp;"
    t = escape(text)
    if mso:
        font = "仿宋_GB2312" if is_value else "宋体"
        return f'<p class="MsoNormal" align="center"><span style="font-family:{font};font-size:10.5pt">{t}<o:p></o:p></span></p>'
    return t


def _table(layout: Layout, mso: bool, rng: random.Random) -> str:
    th = not mso and rng.random() < 0.3  # some CMS editors mark header cells as <th>
    attrs = ('class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" '
             'style="border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt"'
             if mso else f'border="1" cellspacing="0" cellpadding="{rng.choice((0, 2, 4))}" width="100%"')
    out = [f"<table {attrs}>", "<tbody>"]
    for row in layout.rows:
        tds = []
        for c in row:
            span = (f' rowspan="{c.rs}"' if c.rs > 1 else "") + (f' colspan="{c.cs}"' if c.cs > 1 else "")
            style = ' style="border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt"' if mso else ""
            tag = "th" if th and not c.value else "td"
            tds.append(f"<{tag}{span}{style}>{_cell(c.text, mso, c.value)}</{tag}>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


def _para(text: str, mso: bool) -> str:
    if mso:
        return (f'<p class="MsoNormal" style="text-indent:32.0pt"><span style="font-family:仿宋_GB2312;'
                f'font-size:16.0pt">{escape(text)}<o:p></o:p></span></p>')
    return f'<p style="text-indent:2em">{escape(text)}</p>'


def _heading(text: str, mso: bool) -> str:
    if mso:
        return f'<p class="MsoNormal"><b><span style="font-family:黑体;font-size:16.0pt">{escape(text)}</span></b></p>'
    return f"<p><strong>{escape(text)}</strong></p>"


def sheet_to_html(sheet: Sheet) -> bytes:
    """The report as a government web page, GBK-encoded on most pages."""
    rng = random.Random(sheet.style)
    mso = rng.random() < 0.4
    gbk = rng.random() < 0.75
    charset = rng.choice(("gbk", "gb2312")) if gbk else "utf-8"
    city = sheet.agency.district.city
    parts = [_HEAD.format(charset=charset, title=escape(f"{MARK_LINE}{sheet.title}"), article=escape(sheet.title),
                          date=sheet.published, mark=MARK_LINE, city=city)]
    # Older sites lay the page out with a table around the article.
    layout_table = rng.random() < 0.3
    parts.append('<table width="960" align="center"><tr><td class="main">' if layout_table else "")
    parts.append('<div class="article">')
    parts.append(f'<h1 class="title">{escape(sheet.title)}</h1>')
    parts.append(_meta_table(sheet, rng))
    trs = rng.random() < 0.6
    parts.append('<div class="TRS_Editor" id="zoom">' if trs else "<ucapcontent>")
    parts.append(f"<p>{MARK_LINE}</p>")
    one = sheet.sections["一"]
    parts.append(_para(one[0], mso))
    parts.append(_heading(sheet.headings["一"], mso))
    parts += [_para(p, mso) for p in one[1:]]
    for key, layout in (("二", table2_layout(sheet)), ("三", table3_layout(sheet)), ("四", table4_layout(sheet))):
        parts.append(_heading(sheet.headings[key], mso))
        parts.append(_table(layout, mso, rng))
    for key in ("五", "六"):
        parts.append(_heading(sheet.headings[key], mso))
        parts += [_para(p, mso) for p in sheet.sections[key]]
    parts.append(f'<p style="text-align:right">{escape(sheet.agency.name)}</p>')
    parts.append(f'<p style="text-align:right">{sheet.published_cn}</p>')
    parts.append("</div>" if trs else "</ucapcontent>")
    parts.append("</div>")
    parts.append("</td></tr></table>" if layout_table else "")
    parts.append(_FOOT.format(city=city))
    html = "\n".join(parts)
    return html.encode("gbk" if gbk else "utf-8", errors="xmlcharrefreplace")
