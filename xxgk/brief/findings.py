"""The briefing's findings: rankings with their base, zero-activity agencies and streaks, missing and late
reports, data-quality caveats. Pure: Facts in, Sections out; numbers registered in the source notes."""

from __future__ import annotations

import polars as pl

from xxgk import charts
from xxgk.brief.facts import LIST_ROWS, MIN_CONCLUDED_REVIEWS, MIN_PROCESSED, STREAK_YEARS, TOP, Facts
from xxgk.brief.model import Figure, Para, Section, Table
from xxgk.brief.sources import CellRef, Notes, describe
from xxgk.brief.wording import num, pct

UNPLACED, UNCLASSIFIED = "（未定位）", "（未分类）"  # as the group-by queries name them
RECEIVED = "table3.new_received.total"
OPEN = ["table3.granted.total", "table3.partially_granted.total", "table3.total_processed.total"]
REVIEW = ["table4.review.upheld", "table4.review.corrected", "table4.review.other"]
# data_quality's flags, as the briefing names them
FLAGS = {"checks_failed": "表内校验（R1–R5）未通过", "conflict": "同年另有数字不同的版本",
         "received_blank": "本年新收申请数空白", "carry_over_break": "上年结转与上年报告的结转下年度不一致",
         "tables_repeat_last_year": "表格数字与上年完全相同", "narrative_mismatch": "正文所述收到申请数与表三不一致",
         "ocr": "经文字识别（OCR）读出，数字可能有误"}


def sections(facts: Facts, notes: Notes) -> list[Section]:
    return [rankings(facts, notes), zero(facts, notes), missing(facts, notes), quality(facts, notes)]


def _cells(df: pl.DataFrame, places: list[str], year: str = "year") -> list[CellRef]:
    return [CellRef(p, a, y) for a, y in df.select("agency_id", year).rows() for p in places]


def _caveat(text: str | None) -> str:
    return "" if not text or text == "未发现数据问题" else text


def rankings(facts: Facts, notes: Notes) -> Section:
    year = facts.latest_year
    sec = Section(f"三、排名（{year}年度）")
    d = facts.apps_district.join(
        facts.law_district.select("group_key", "review_total", "review_correction_rate",
                                  (pl.sum_horizontal("review_upheld", "review_corrected", "review_other")
                                   ).alias("review_concluded")), on="group_key", how="left")
    ranked = d.filter(pl.col("processed") >= MIN_PROCESSED).sort("open_rate", nulls_last=True)
    m = notes.add(f"区县排名（{year}年度）", "见表3",
                  f"applications_by_group（按区县）：公开率 =（予以公开 + 部分公开）÷ 办理总计，单元格 {describe(OPEN)}；"
                  f"review_litigation（按区县）：复议纠错率，单元格 {describe(REVIEW)}；{year}年度")
    rows = [[str(i), r["group_key"], num(r["reports"]), num(r["processed"]), pct(r["open_rate"]),
             num(r["review_total"]), num(r["review_concluded"]), pct(r["review_correction_rate"])]
            for i, r in enumerate(ranked.iter_rows(named=True), 1)]
    left = d.height - ranked.height
    sec.add(Table(["序号", "区县", "年报数", "办理总计（基数）", "公开率", "行政复议", "已审结复议", "复议纠错率"], rows,
                  caption=f"表3 各区县公开率与复议纠错率（公开率由低到高）{m}",
                  note=f"办理总计少于 {MIN_PROCESSED} 件的区县不参与排名：{left} 个。" if left else
                  f"各区县办理总计均不少于 {MIN_PROCESSED} 件。"))
    if ranked.height >= 2:
        which = f"公开率最低的 {charts.TOP_N} 个区县" if ranked.height > charts.TOP_N else "各区县"
        fig = charts.ranked_bars(ranked.head(charts.TOP_N), "group_key", "open_rate", value_name="公开率", share=True,
                                 hover={"processed": "办理总计", "reports": "年报数"},
                                 title=f"{year}年度{which}公开率（办理总计≥{MIN_PROCESSED}件）")
        sec.add(Figure(f"图4 {which}公开率", fig, caption=f"数据：applications_by_group{m}"))

    top = facts.rank_received.sort("rank", "agency")
    m = notes.add(f"新收申请最多的机关（{year}年度）", "见表4",
                  f"rankings（received）：{describe([RECEIVED])}", _cells(top, [RECEIVED]))
    sec.add(Table(["名次", "机关", "区县", "新收申请", "数据提示"],
                  [[str(r["rank"]), r["agency"], r["district"] or UNPLACED, num(r["value"], "件"), _caveat(r["caveat"])]
                   for r in top.iter_rows(named=True)], caption=f"表4 新收申请最多的 {TOP} 个机关{m}"))

    for title, frame, base, unit, places, query, floor in (
            ("公开率最低", facts.rank_open, "办理总计", "件", OPEN, "rankings（open_rate，由低到高）", MIN_PROCESSED),
            ("复议纠错率最高", facts.rank_correction, "已审结复议", "件", REVIEW,
             "rankings（review_correction_rate，由高到低）", MIN_CONCLUDED_REVIEWS)):
        kept = frame.filter(pl.col("denominator") >= floor).sort("rank", "agency")
        shown = kept.head(TOP)
        m = notes.add(f"{title}的机关（{year}年度）", f"见表{5 if floor == MIN_PROCESSED else 6}",
                      f"{query}：比率与分母（{base}）；单元格 {describe(places)}", _cells(shown, places))
        sec.add(Table(["序号", "机关", "区县", title[:-2], f"{base}（基数）", "数据提示"],
                      [[str(i), r["agency"], r["district"] or UNPLACED, pct(r["value"]), num(r["denominator"], unit),
                        _caveat(r["caveat"])] for i, r in enumerate(shown.iter_rows(named=True), 1)],
                      caption=f"表{5 if floor == MIN_PROCESSED else 6} {title}的机关（{base}不少于 {floor} {unit}）{m}",
                      note=f"另有 {frame.height - kept.height} 个机关{base}不足 {floor} {unit}，比率不稳定，未参与排名；"
                           f"参与排名的共 {kept.height} 个。"))
    return sec


def zero(facts: Facts, notes: Notes) -> Section:
    sec = Section("四、零申请机关")
    share = facts.zero_share.sort("year")
    m = notes.add("零申请机关（逐年）", "见表7",
                  f"zero_activity_share（全部）：{describe([RECEIVED])} 填报为 0 的机关数 ÷ 填报了该格的机关数")
    sec.add(Table(["年度", "机关数", "填报新收申请的机关", "零申请机关", "零申请占比", "三表全为零的机关"],
                  [[str(r["year"]), num(r["agencies"]), num(r["agencies_with_received"]), num(r["zero_agencies"]),
                    pct(r["zero_share"]), num(r["zero_all_tables_agencies"])] for r in share.iter_rows(named=True)],
                  caption=f"表7 零申请机关逐年情况{m}", note="新收申请空白的机关既不算零申请，也不算有申请。"))
    long = facts.streaks.filter((pl.col("streak_years") >= STREAK_YEARS) & pl.col("is_latest"))
    shown = long.sort("streak_years", "agency", descending=[True, False]).head(LIST_ROWS)
    refs = [CellRef(RECEIVED, a, y) for a, lo, hi in shown.select("agency_id", "streak_start", "streak_end").rows()
            for y in range(lo, hi + 1)]
    m = notes.add(f"连续 {STREAK_YEARS} 年以上零申请且延续至今的机关", num(long.height, "个"),
                  f"zero_streaks：连续各年 {describe([RECEIVED])} 均为 0（缺年或空白即中断）", refs)
    sec.add(Para(f"连续 {STREAK_YEARS} 年及以上未收到任何政府信息公开申请、且延续到该机关最新一份年报的机关共 "
                 f"{num(long.height, '个')}{m}" + (f"，按连续年数列出如下（最多 {LIST_ROWS} 个）。"
                                                  if long.height else "。")))
    if long.height:
        sec.add(Table(["机关", "区县", "部门类型", "起止年度", "连续年数"],
                      [[r["agency"], r["district"] or UNPLACED, r["bureau"] or UNCLASSIFIED, f"{r['streak_start']}–{r['streak_end']}",
                        num(r["streak_years"], "年")] for r in shown.iter_rows(named=True)],
                      caption=f"表8 连续零申请机关{m}"))
    return sec


def missing(facts: Facts, notes: Notes) -> Section:
    sec = Section("五、缺报与迟报")
    miss = facts.missing
    m = notes.add("缺报", num(miss.height, "起"), "missing_reports：某机关上一年度有年报、下一年度没有（只计到所选范围最新年度）")
    sec.add(Para(f"上一年度有年报、下一年度未见年报的情形共 {num(miss.height, '起')}{m}"
                 + (f"，列出前 {min(miss.height, LIST_ROWS)} 起。" if miss.height else "。")))
    if miss.height:
        sec.add(Table(["机关", "区县", "部门类型", "最近一份年报", "缺报年度"],
                      [[r["agency"], r["district"] or UNPLACED, r["bureau"] or UNCLASSIFIED, f"{r['last_year']}年度",
                        f"{r['missing_year']}年度"] for r in miss.head(LIST_ROWS).iter_rows(named=True)],
                      caption=f"表9 缺报{m}"))
    if facts.late is None:
        sec.add(Para("迟报：年报的发布日期尚未采集，暂无法判断是否在法定期限（次年1月31日）前发布。", "note"))
    else:
        late = facts.late
        m = notes.add("迟报", num(late.height, "份"), "late_reports：发布日期晚于法定期限的年报")
        sec.add(Para(f"发布日期晚于法定期限的年报共 {num(late.height, '份')}{m}。"))
        cols = [c for c in ("agency", "district", "year", "published_date") if c in late.columns]
        if late.height and cols:
            names = {"agency": "机关", "district": "区县", "year": "年度", "published_date": "发布日期"}
            sec.add(Table([names[c] for c in cols], [["" if v is None else str(v) for v in r]
                                                     for r in late.head(LIST_ROWS).select(cols).rows()],
                          caption=f"表10 迟报{m}"))
    return sec


def quality(facts: Facts, notes: Notes) -> Section:
    sec = Section("六、数据质量提示")
    q = facts.quality
    counts = [(name, int(q.filter(pl.col(col) > 0 if q.schema[col].is_integer() else pl.col(col)).height))
              for col, name in FLAGS.items() if col in q.columns]
    m = notes.add("数据质量问题的年报数", "见表11", "data_quality：每份年报的校验与跨年核对结果（report_quality）")
    sec.add(Para("以下问题不影响原始数据的保存，但引用相关数字时应加注意。涉及的年报数如下；"
                 "同一份年报可能有多项问题。"))
    sec.add(Table(["问题", "涉及年报数"], [[n, num(c, "份")] for n, c in counts], caption=f"表11 数据质量问题{m}"))
    flagged = q.filter(pl.col("issues") > 0).head(LIST_ROWS)
    if flagged.height:
        sec.add(Table(["机关", "年度", "问题数", "提示"],
                      [[r["agency"] or "（未识别机关）", str(r["year"]), num(r["issues"]), r["caveat"]]
                       for r in flagged.iter_rows(named=True)],
                      caption=f"表12 问题最多的年报（前 {flagged.height} 份）{m}"))
    return sec
