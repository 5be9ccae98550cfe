"""Numbers the running text states: proactive items published and applications received.

Only a stated total is read (`全年主动公开政府信息1,234条`, `本年度新收政府信息公开申请7件`,
`收到申请三件`). Parts are not totals: counts after 其中, counts of one applicant type
(自然人申请5件), and per-channel counts when several are given (通过网站公开信息300条，通过微博公开200条)
give nothing unless the sentence also states their sum. Estimates (171余条, 约300条) give nothing.
A stated zero (本年度未收到政府信息公开申请, 无依申请公开事项) is 0; a sentence that states no number
gives nothing — blank is not zero.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_LIMIT = 20000  # narrative numbers sit in 总体情况 or, in free-form reports, the first sections

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CN = "零〇一二两三四五六七八九十百千万"
# A number: Arabic (thousands commas only between groups of three) or Chinese numerals.
_NUM = rf"(\d{{1,3}}(?:[,，]\d{{3}})+|\d+|[{_CN}]+)"
_TOTAL = r"(?:共计|合计|总计|累计|共)"
_APPROX_BEFORE = re.compile(r"(?:约|近|逾|超过|多于|不少于|不足|将近|大约)$")
_APPROX_AFTER = re.compile(r"^(?:以上|左右|上下|之多)")


def chinese_number(text: str) -> int | None:
    """A Chinese numeral as an int ("十二" → 12, "一百零五" → 105), or None when it is not one."""
    total = section = 0
    digit: int | None = None
    prev_digit = False
    for ch in text:
        if ch in _CN_DIGITS:
            if prev_digit and digit != 0:
                return None  # "二〇二一": digits read one by one are a year or a code, not a count
            digit = _CN_DIGITS[ch]
            prev_digit = True
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section = 0
            else:
                section += (1 if digit is None else digit) * unit
            digit, prev_digit = None, False
        else:
            return None
    return total + section + (digit or 0)


def _number(text: str) -> int | None:
    if text[0].isdigit():
        return int(text.replace(",", "").replace("，", ""))  # int() reads full-width digits too
    return chinese_number(text)


# ---- proactive items: 主动公开/发布/公布 … 信息 N 条 ----------------------------------------------
_GENERIC = r"(?:各类|各项|主动|公开|的|政府|政务|了)*"
_PROACTIVE = (
    # 全年共主动公开政府信息315条 · 主动发布各类政府信息 2428 条 · 共审核发布各类公开政府信息249条
    re.compile(rf"({_TOTAL})?(?:审核)?(?:主动)?(?:公开|发布|公布){_GENERIC}信息(?:条目)?\s*({_TOTAL})?(?:为|达)?\s*{_NUM}\s*条"),
    # 共发布77条信息 · 主动公开315条政府信息
    re.compile(rf"({_TOTAL})?(?:审核)?(?:主动)?(?:公开|发布|公布)(?:了)?()\s*{_NUM}\s*条(?:各类)?(?:政府)?信息"),
)
# a count of whatever a verb published ("公开200条"), to see whether a sentence lists several parts
_ANY_PUBLISHED = re.compile(rf"(?:公开|发布|公布)[^,，;；:：。\d]{{0,12}}?\s*{_NUM}\s*条")
_TAIL_TOTAL = re.compile(rf"(?:共计|合计|总计|累计)\s*(?:公开|发布)?\s*{_NUM}\s*条")
_CHANNEL = re.compile(r"通过|依托|利用|网站|微博|微信|公众号|新媒体|客户端|公报|公开栏|专栏|栏目|平台|报刊|广播|电视")
_PART = re.compile(r"其中|其他|另有|另外|此外")
# a count up to a date is a running total over the years, not the year's ("截至年底累计主动公开政府信息5928条")
_CUMULATIVE = re.compile(r"截至|截止|年底|至今|迄今|历年|累计至")
_THIS_YEAR_NEW = re.compile(r"(?:本年度?|今年|全年)新增")

# ---- applications received: 收到/受理/新收 … 申请 N 件 ------------------------------------------
_RECEIVE = r"(?:新收|收到|受理|接收|接到|收悉)"
_NOT_TIME = r"(?!工作日|自然日|日|月|小时|天)"  # "收到申请15个工作日内答复" is a time limit, not a count
_APPLICATIONS = (
    # 共收到政府信息公开申请7件 · 受理政府信息公开申请 21 件 · 收到申请三件 · 收到申请共计5件 · 新收申请数量为7件
    re.compile(rf"({_TOTAL})?{_RECEIVE}(?:了)?([^,，;；:：。()（）\d]{{0,24}}?)申请\s*({_TOTAL})?(?:数量|总数|总量)?(?:为|是|达)?\s*{_NUM}\s*(?:件|个|份|宗){_NOT_TIME}"),
    # 共收到依申请信息公开26件 · 全年受理依申请公开3件 · 共收到政府信息依申请公开1499件
    re.compile(rf"({_TOTAL})?{_RECEIVE}(?:了)?((?:各类)?(?:政府信息公开|(?:政府信息)?依申请(?:信息)?公开|依申请)(?:政府信息)?)"
               rf"(?:事项|事宜)?\s*({_TOTAL})?(?:为|达)?\s*{_NUM}\s*(?:件|个|份|宗){_NOT_TIME}"),
)
# words that make "申请" something else or a part: a kind of applicant, a channel, carry-over, reviews…
_NOT_RECEIVED = re.compile(r"自然人|法人|企业|组织|机构|网上|网络|在线|当面|现场|信函|邮寄|传真|电子邮件|电话|"
                           r"结转|人大|政协|建议|提案|复议|诉讼|投诉|举报|信访|因|对|关于|涉及|代理")
# every kind of applicant named together is all of them, not a part
_ALL_APPLICANTS = re.compile(r"(?:公民|自然人)[、,，和]?法人(?:和|或|或者|及|以及|、)其他组织")
# what, said of the subject of a count, makes the count a part: a channel of application, a kind of applicant
_PART_SUBJECT = re.compile(r"其中|自然人|法人|商业企业|科研机构|社会公益组织|法律服务机构|网上|网络|在线|当面|现场|"
                           r"信函|邮寄|传真|电子邮件|结转")
_ZERO = (
    # 本年度未收到政府信息公开申请 · 我单位未接到依申请公开办件 · 未受理政府信息公开申请
    re.compile(r"(?:未|没有|无)(?:新收|收到|受理|接收|接到|发生|产生)(?:过|任何)?([^,，;；:：。()（）\d]{0,24}?)"
               r"(依申请公开(?:政府信息)?(?:申请|事项|办件|件)?|申请|办件)(?!人|行政|复议|诉讼|被|费|的答复|答复|处理费)"),
    # 无依申请公开事项 · 无政府信息公开申请 · 本年度依申请公开为零
    re.compile(r"无(?:政府信息公开申请|依申请公开(?:政府信息)?(?:申请|事项|件|办件|情况)?)(?!人|行政|复议|诉讼|被|费|工作)"),
)
_COUNT_UNIT = re.compile(r"[件个份宗]")
_NONE = re.compile(r"[未没无]")
_APPLICATION_CONTEXT = re.compile(r"政府信息公开|依申请|信息公开")
_ZERO_CONTEXT = re.compile(r"公开|依申请")
# "共收到申请9件（含上年结转2件）": a count with last year's carried in is not the year's new applications
_WITH_CARRIED = re.compile(r"\s*[（(](?:含|包括|包含)[^）)]{0,12}?结转")
_ABOUT_REVIEWS = re.compile(r"复议|诉讼")  # "未收到因…申请提起的行政复议": about reviews and suits, not applications


def _sentences(text: str) -> Iterator[str]:
    """The text's sentences in order, lines broken by the page joined again and table rows left out
    (a generator: reading stops as soon as both numbers are found)."""
    pending = ""
    start, end = 0, min(len(text), _LIMIT)
    while start < end:  # line by line, without splitting the whole text (its tables included) up front
        stop = text.find("\n", start, end)
        if stop < 0:
            stop = end
        s = text[start:stop].strip()
        start = stop + 1
        if not s or "|" in s or "｜" in s or "\t" in s or _table_row(s):
            continue
        pending += s  # a line the page broke ("受理政府" / "信息公开申请 17 件") continues the one before
        if pending.endswith(_SENTENCE_END):
            yield from (x for x in _SPLIT(pending) if x)
            pending = ""
    if pending:
        yield from (x for x in _SPLIT(pending) if x)


_SENTENCE_END = ("。", ";", "；", "!", "！", "?", "？")
_SPLIT = re.compile(r"[。;；!！?？]").split
_CELLS = re.compile(r"(?<!\S)[-－\d,，.．/／无—]+[件条个项]?(?!\S)")


def _table_row(line: str) -> bool:
    """A row of a table printed as text: three numbers or more, or a line of numbers only (a line with a
    full stop is prose, even when a crawler ran a whole report and its tables into it)."""
    if "。" in line:
        return False
    cells = len(_CELLS.findall(line))
    return cells >= 3 or (cells > 0 and cells == len(line.split()))


def _exact(sentence: str, m: re.Match[str], num_group: int) -> bool:
    """False when the number is an estimate ("约300条", "300条以上")."""
    return not _APPROX_BEFORE.search(sentence[:m.start(num_group)]) and not _APPROX_AFTER.match(sentence[m.end():])


def _clause_before(sentence: str, start: int) -> str:
    """The words of the clause before a match (back to the previous comma or bracket)."""
    head = sentence[:start]
    cut = max(head.rfind(c) for c in ",，:：()（）")
    return _ALL_APPLICANTS.sub("", head[cut + 1:])


def _in_part_list(sentence: str, start: int) -> bool:
    return bool(_PART.search(_clause_before(sentence, start))) or "其中" in sentence[:start]


def _proactive(sentence: str) -> int | None:
    """The proactive total a sentence states, or None."""
    found: list[tuple[int, int, bool, bool]] = []  # start, value, total marker, channel
    for rx in _PROACTIVE:
        for m in rx.finditer(sentence):
            value = _number(m.group(3))
            clause = _clause_before(sentence, m.start())
            if value is None or not _exact(sentence, m, 3):
                continue
            if not _THIS_YEAR_NEW.search(clause) and (_CUMULATIVE.search(sentence[:m.start()])
                                                       or _in_part_list(sentence, m.start())):
                continue  # a running total or a part; but "累计…N条，其中本年度新增…M条" states the year's M
            channel = bool(_CHANNEL.search(clause))
            found.append((m.start(), value, bool(m.group(1) or m.group(2)), channel))
    if not found:
        return None
    found.sort()
    totals = [f for f in found if f[2]]
    if totals:
        return totals[0][1]
    by_channel = [m for m in _ANY_PUBLISHED.finditer(sentence)
                  if not _in_part_list(sentence, m.start()) and _CHANNEL.search(_clause_before(sentence, m.start()))]
    if len(by_channel) > 1:
        # several channels, each with its own count: parts; only a stated sum is the total
        tail = _TAIL_TOTAL.search(sentence, found[-1][0])
        return _number(tail.group(1)) if tail else None
    return found[0][1]


def _applications(sentence: str) -> int | None:
    """The number of applications received a sentence states (0 for a stated none), or None."""
    if "申请" not in sentence:
        return None
    found: list[tuple[int, int, bool]] = []
    for rx in _APPLICATIONS if _COUNT_UNIT.search(sentence) else ():
        for m in rx.finditer(sentence):
            value = _number(m.group(4))
            gap = _ALL_APPLICANTS.sub("", m.group(2))
            if (value is None or not _exact(sentence, m, 4) or _NOT_RECEIVED.search(gap)
                    or _in_part_list(sentence, m.start()) or _PART_SUBJECT.search(_clause_before(sentence, m.start()))):
                continue
            if _WITH_CARRIED.match(sentence, m.end()):
                continue
            if gap and not _APPLICATION_CONTEXT.search(gap) and not gap.endswith(("的", "各类", "群众", "并办理")):
                continue  # "收到X申请": X must say the application is one for government information
            found.append((m.start(), value, bool(m.group(1) or m.group(3))))
    if found:
        found.sort()
        totals = [f for f in found if f[2]]
        if totals:
            return totals[0][1]
        if len(found) > 1 and len({f[1] for f in found}) > 1:
            return None  # two different counts and no total: parts, or not clear which is meant
        return found[0][1]
    for rx in _ZERO if _NONE.search(sentence) else ():
        for m in rx.finditer(sentence):
            gap = _ALL_APPLICANTS.sub("", m.group(1)) if rx.groups else ""
            if gap and (_NOT_RECEIVED.search(gap) or not _ZERO_CONTEXT.search(gap + m.group(2))):
                continue  # "未收到行政复议申请", "未收到补正申请": not applications for information
            if (_in_part_list(sentence, m.start()) or _PART_SUBJECT.search(_clause_before(sentence, m.start()))
                    or _ABOUT_REVIEWS.search(sentence, m.end(), m.end() + 10)):
                continue
            return 0
    return None


def find_narrative(text: str) -> dict[str, int | float]:
    """Numbers the narrative states plainly: proactive items published, applications received (first stated)."""
    out: dict[str, int | float] = {}
    for sentence in _sentences(text):
        if "proactive_items" not in out and "条" in sentence and "信息" in sentence:
            n = _proactive(sentence)
            if n is not None:
                out["proactive_items"] = n
        if "applications_received" not in out:
            n = _applications(sentence)
            if n is not None:
                out["applications_received"] = n
        if len(out) == 2:
            break
    return out
