"""The data dictionary as data: every metric the dashboard shows, and every named query with its columns.

Each metric has one written definition here; docs/metrics.md is rendered from this module
(`python -m xxgk.dictionary > docs/metrics.md`) and a test keeps both, and the queries, in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xxgk import keys
from xxgk.queries import QUERY_DIR

FILTERS = ("year_from", "year_to", "provinces", "cities", "districts", "bureaus", "agency_ids", "templates", "dataset",
           "scope")

COMPARABLE = "可比：表三（不含（六）分项）与表四两版格式相同"
BLANK_SUM = "空白单元格不计入合计（不当作0），另计空白报告数"


@dataclass(frozen=True, slots=True)
class Metric:
    """One number an official reads: its name, formula, source cells, comparability and blank handling."""

    key: str
    name_zh: str
    formula: str
    source_cells: str
    comparability: str
    blanks: str
    caveat: str = ""
    queries: tuple[str, ...] = ()
    scope: str = ""  # which scope it counts (口径); when empty, derived from the tables of source_cells (scope_of)


@dataclass(frozen=True, slots=True)
class Query:
    """A named query: what it is for, its own parameters (besides the filters) and its result columns."""

    name: str
    title_zh: str
    params: tuple[str, ...]
    columns: tuple[str, ...]
    example: dict[str, object] = field(default_factory=dict)  # own parameters for a typical call


METRICS: tuple[Metric, ...] = (
    Metric("reports", "报告数", "count(当年现行报告)", "reports.is_current", "可比", "—",
           "同一部门同一年只计一份现行报告", ("overview_kpis", "yearly_trend", "applications_by_group"),
           "按年报计数：所选口径下至少有一张表计入的年报（按某张表汇总的结果只计该表计入的年报）"),
    Metric("synthetic_reports", "示例报告数（示例数据，虚构）", "count(synthetic 报告)", "reports.synthetic", "可比", "—",
           "凡含示例数据的结果都带此列，界面与下载据此标注", ("overview_kpis", "yearly_trend", "filter_options")),
    Metric("received", "本年新收申请数", "Σ 本年新收 总计", "t3_new_received__total", COMPARABLE, BLANK_SUM, "",
           ("overview_kpis", "yearly_trend", "applications_by_group", "yoy_change", "agency_profile")),
    Metric("carried_over", "上年结转申请数", "Σ 上年结转 总计", "t3_carried_over__total", COMPARABLE, BLANK_SUM, "",
           ("applications_by_group", "carried_forward")),
    Metric("processed", "办理总数", "Σ （七）总计", "t3_total_processed__total", COMPARABLE, BLANK_SUM, "",
           ("overview_kpis", "applications_by_group", "outcome_shares")),
    Metric("open_rate", "公开率", "(予以公开 + 部分公开) / （七）总计",
           "t3_granted__total, t3_partially_granted__total, t3_total_processed__total", COMPARABLE,
           "只计（七）总计有数的报告；其中空白的结果格不计入分子；总计为0时比率为空（不是0%）",
           "表三内部不平（R3未通过）时各项占比之和可能不等于1",
           ("overview_kpis", "applications_by_group", "outcome_shares", "rankings", "compare")),
    Metric("denied", "不予公开", "Σ （三）1–8", "t3_denied_*__total", COMPARABLE, "空白分项不计入", "",
           ("applications_by_group", "outcome_shares")),
    Metric("unavailable", "无法提供", "Σ （四）1–3", "t3_unavailable_*__total", COMPARABLE, "空白分项不计入", "",
           ("applications_by_group", "outcome_shares")),
    Metric("not_processed", "不予处理", "Σ （五）1–5", "t3_not_processed_*__total", COMPARABLE, "空白分项不计入", "",
           ("applications_by_group", "outcome_shares")),
    Metric("other_handled", "其他处理", "（六）单行；2021版为三个分项之和",
           "t3_other__total 或 t3_other_no_correction/no_fee/misc__total",
           "合计可比；2021版的三个分项只在2021年起存在", "空白分项不计入", "",
           ("applications_by_group", "outcome_shares")),
    Metric("outcome_share", "办理结果占比", "该类结果数 / （七）总计", "表三各结果行 总计列", COMPARABLE,
           "只计（七）总计有数的报告", "", ("outcome_shares",)),
    Metric("refusal_reason", "未公开原因排名", "各原因行 Σ 总计，按数量排序；占比 = 该原因 / 全部原因",
           "t3_denied_*, t3_unavailable_*, t3_not_processed_*, t3_other* (总计列)",
           "16项可比；（六）单行仅2019版，三个分项仅2021版起", "空白不计入", "在所选年份范围内合计，不分年",
           ("refusal_reasons",)),
    Metric("refusal_reason_agency", "某一理由的使用机关", "该机关该理由行 Σ 总计；占本机关办理 = 该数 / 填报该格年报的（七）总计之和",
           "t3_<理由>__total, t3_total_processed__total", "16项可比；（六）单行仅2019版，三个分项仅2021版起", "空白不计入",
           "在所选年份范围内合计，不分年", ("refusal_agencies",)),
    Metric("applicant_share", "申请人类型占比", "某类申请人本年新收 / 六类之和", "t3_new_received__<申请人列>",
           COMPARABLE, "空白不计入；reports_printed 为填报该格的报告数", "", ("applicant_types",)),
    Metric("carried_forward", "结转下年度", "Σ 结转下年度继续办理 总计", "t3_carried_forward__total", COMPARABLE,
           BLANK_SUM, "", ("carried_forward", "yearly_trend")),
    Metric("backlog_rate", "结转率", "Σ 结转下年度 / Σ(本年新收 + 上年结转)", "t3_carried_forward__total, "
           "t3_new_received__total, t3_carried_over__total", COMPARABLE, "只计三格都有数的报告", "",
           ("carried_forward",)),
    Metric("yoy_change", "同比变化", "本年值 − 上年值；变化率 = 变化 / 上年值", "received, open_rate, reviews",
           "2021年与2020年相比跨越格式变化（yoy_change.crosses_template_change），所用指标两版可比",
           "上年为空或为0时变化率为空", "报告部门的构成变化也会使合计变化：请对照 reports 与 reports_prev",
           ("yoy_change",)),
    Metric("zero_applications", "零申请", "本年新收 总计 = 0", "t3_new_received__total", COMPARABLE,
           "空白不是0：空白时标记为空（未知）", "", ("zero_activity", "zero_activity_share", "zero_peers")),
    Metric("zero_all_tables", "各表全为零", "表二、三、四所有填报的数字均为0", "所有 t2_*, t3_*, t4_* 列（report_derived.all_zero）",
           "两版均可判断（各自填报的格）", "全部空白时为空（未知），不算零",
           "由 xxgk.store.derive 在写入后生成", ("zero_activity", "zero_activity_share")),
    Metric("zero_streak", "连续零申请年数", "截至当年连续零申请的年数；缺一年报告即中断",
           "t3_new_received__total（按部门、年份）", COMPARABLE, "空白年份中断连续", "连续年数按全部年份计算，不受起始年筛选影响",
           ("zero_activity", "zero_streaks")),
    Metric("zero_share", "零申请部门占比", "零申请部门数 / 填报了本年新收的部门数", "t3_new_received__total",
           COMPARABLE, "空白部门不进分母", "", ("zero_activity_share", "compare")),
    Metric("peers_zero_share", "同类部门零申请占比", "同一部门类别、其他区县的部门中零申请的占比",
           "agencies.bureau, agencies.district, t3_new_received__total", COMPARABLE, "空白部门不计入", "",
           ("zero_peers",)),
    Metric("gap_to_peer_median", "与同类部门中位数之差", "本部门本年新收 − 同类部门（其他区县）本年新收中位数；比值 = 本部门 / 中位数",
           "t3_new_received__total, agencies.bureau, agencies.district", COMPARABLE, "中位数为0或未知时比值为空",
           "xxgk.metrics.peer_gap 在 zero_peers 结果上计算", ("zero_peers",)),
    Metric("review_correction_rate", "复议纠错率", "结果纠正 / (结果维持 + 结果纠正 + 其他结果)",
           "t4_review__upheld/corrected/other", "可比：表四两版相同", "尚未审结不计入分母；空白不计入",
           "分母很小时比率不稳定；排名只列审结案件数不少于所设最小基数的", ("review_litigation", "rankings", "compare",
                                                          "correction_rates")),
    Metric("suit_correction_rate", "诉讼纠错率", "两类诉讼的结果纠正 / (维持 + 纠正 + 其他)",
           "t4_suit_direct__*, t4_suit_after_review__*", "可比：表四两版相同", "尚未审结不计入分母", "",
           ("review_litigation", "correction_rates")),
    Metric("suits_per_100_applications", "每百件申请的诉讼数", "100 × 诉讼总计 / 本年新收",
           "t4_suit_direct__total, t4_suit_after_review__total, t3_new_received__total", COMPARABLE,
           "只计两项都有数的报告", "诉讼多由往年申请引起，只作量级参考", ("review_litigation", "compare")),
    Metric("disclosure_volume", "主动公开数量（表二）", "各项各列 Σ",
           "t2_<项>__<列>（见 disclosure_volumes.measure）",
           "只有行政许可、行政处罚、行政强制的处理决定数两版可比；第（一）项规章/规范性文件2021年起改为制发/废止/现行有效，"
           "第（八）项收费由项目数改为金额（万元），第（九）项政府集中采购仅2019–2020年",
           "空白或未填不计入；reports_blank 为应填未填的报告数", "template_scope 指明该列属于哪一版格式",
           ("disclosure_volumes", "disclosure_by_group")),
    Metric("proactive_items", "主动公开信息条数（正文）", "正文所述“主动公开政府信息N条”的 Σ N", "narrative.key = proactive_items",
           "取自正文，不是表格数字；口径因部门而异", "正文未写明的报告不计入", "from_text 列为 true",
           ("disclosure_volumes", "disclosure_by_group", "agency_profile")),
    Metric("checks_failed", "校验未通过项数", "R1–R5 未通过的次数", "reports.checks_failed, checks", "可比", "—", "",
           ("quality_checks", "data_quality", "rankings")),
    Metric("carry_over_break", "结转不衔接", "本年 上年结转 ≠ 上年报告 结转下年度：七列（六类申请人与总计）中两年都有数的任一列不等",
           "t3_carried_over__*（本年）, t3_carried_forward__*（上年）", COMPARABLE,
           "空白不当作0：没有一列两年都有数、或上年无报告时为空（未知）",
           "上年报告指该机关上一年的现行年报，不受筛选条件限制；标记由 xxgk.store.derive 在每次写入后生成（report_quality）",
           ("carry_over_breaks", "data_quality", "rankings")),
    Metric("near_identical", "与上年雷同", "表二至表四逐格与上年相同（空白对空白），且当年有实际业务（新收申请、复议、诉讼或许可/处罚/强制决定大于0）；"
           "或正文去掉数字、空白、标点、符号后与上年相同", "所有 t2/t3/t4 列与正文（report_derived）",
           "跨2020→2021时表格列不同、不会相同，只能由正文判断",
           "正文（规范化后）不足100字时不判断（为空）；两年都无业务、只有存量数字不变的不算雷同（见零申请）",
           "表格摘要与正文指纹由 xxgk.store.derive 在写入后生成；只列出判为雷同的报告，pairs_compared 为比较的总数；"
           "正文须完全相同（仅数字不同）才算，改写过措辞的抄袭查不出",
           ("near_identical", "data_quality", "rankings")),
    Metric("narrative_mismatch", "正文与表三不一致", "正文所述收到申请数 ≠ 表三 本年新收申请 总计（规则 X3）",
           "narrative.applications_received（正文）, t3_new_received__total", COMPARABLE,
           "任一方空白（正文未说明或表格空白）时为空（未知），不比较",
           "两个数字都照原样保留，不判断哪一个正确；正文中的数字只在明确说明本年收到申请总数时读取（见 docs/parser.md）",
           ("narrative_mismatches", "data_quality", "rankings")),
    Metric("blank_cells", "解析留空的单元格", "每份现行年报：印有数字但未能读出的单元格（数字连在一起无法拆分、标签叠印无法配对、"
           "1e30 等不是件数的写法）+ 模板中没有找到的单元格（缺行、缺表：文件不完整、节选、表格为图片）",
           "cells（value 为空且原文含数字）, cells 按模板应有的单元格数（2019版198格，2021版200格，（六）印成一行时186格）",
           "两版模板各按本版应有的单元格计", "原文印为空白（空、/、-、无）的单元格不计：照原样空白不是解析问题",
           "原因列出解析时的全部提示；留空的单元格不当作0，也不参与合计",
           ("blank_cells",)),
    Metric("in_force_drift", "现行有效件数不衔接", "本年 现行有效件数 − (上年 现行有效件数 + 本年制发件数 − 本年废止件数)，规章与行政规范性文件分别计（规则 X2）",
           "t2_regulations__*, t2_normative_documents__*（issued, repealed, in_force；上年 in_force）",
           "仅2021版模板、且上年也是2021版（2022年起）：2019版统计口径不同，不比较",
           "四个数字任一空白时不比较（不当作0）",
           "近似关系：修订的文件可能计为制发、口径可能调整，不衔接是需要向机关核实的问题，不计入数据质量提示",
           ("in_force_drift",)),
    Metric("fees_unreported", "未报告信息处理费情况", "2021版模板年报的第六部分（其他需要报告的事项）没有提到信息处理费或收费（规则 X4）；"
           "表三（六）2“逾期未按收费通知要求缴纳费用”大于0（确有收费）的排在前面",
           "正文第六部分（找不到第六部分标题时查全文）, t3_other_no_fee__total", "仅2021版模板（2021年起要求报告）",
           "表三该行空白时不当作0",
           "从保存的正文中查找，图片形式的第六部分查不到；只查是否提到，不判断所报内容是否属实",
           ("fees_unreported",)),
    Metric("missing_report", "缺报", "此前有报告、本年没有（连续缺报的每一年各计一次）", "reports（按部门、年份）", "可比",
           "—", "只计到库中最新的报告年份；首份报告之前的年份不计（机关可能尚未设立或尚未收录）", ("missing_reports",)),
    Metric("on_time_share", "按时公开率",
           "按时公开的年报数 / 公开日期已知的年报数。期限（《政府信息公开条例》第四十九条）：政府本级年报（省、市、"
           "区县人民政府及代其发布的办公室/办公厅）为次年3月31日，其他机关（部门、乡镇街道等）为次年1月31日；"
           "公开日期不晚于期限为按时；2018年及以前的年报适用2007年条例第三十一条，所有机关均为次年3月31日",
           "current_reports.published_date（来源依次为：网页发布日期 web、年报落款日期 text、文件元数据 metadata）, "
           "publish_deadline, on_time", "可比（与模板无关）",
           "公开日期不详的年报既不算按时也不算逾期，不计入分母，另计“日期不详”年报数",
           "按年报计，与统计范围（scope）无关：政府的年报无论表格统计本级还是全域，都是一份年报；"
           "文件元数据（如PDF创建日期）可能早于或晚于实际公开日，来源列出供核对",
           ("timeliness",),
           "按年报计数，不涉及表格数字：各口径的年报都算"),
    Metric("days_late", "逾期天数", "公开日期 − 公开期限（天）；按时为0",
           "current_reports.published_date, publish_deadline, days_late", "可比（与模板无关）",
           "公开日期不详时为空（不是0）", "", ("timeliness", "late_reports"),
           "按年报计数，不涉及表格数字：各口径的年报都算"),
    Metric("region_coverage", "覆盖/差额（政府汇总与下级之和）",
           "差额 = 政府汇总数 − 区域内其他机关本机关口径年报之和；覆盖率 = 下级之和 / 政府汇总数",
           "t3_new_received__total, t2_licensing/penalty/coercion__decisions, t4_review__total, "
           "t4_suit_direct/after_review__total; reports.scope_table2/3/4; agencies.province/city/district/township",
           "所比各项两版可比", "任一方空白不比较；只列两边都有数的项目；政府汇总数为0时覆盖率为空",
           "差额为正：库中缺少部分下级机关的年报，或汇总口径更宽（如含垂直管理单位）；为负：汇总数或某份下级年报可能有误。"
           "下级指同一数据集中位于该政府区域内的其他机关（市政府：全市各机关，含区县）",
           ("region_coverage",),
           "两种口径只比较、不相加：一方是政府汇总（该表为全区域口径），另一方是区域内各机关的本机关口径"),
    Metric("missing_subordinate", "下级缺报", "某年区域（同一区县；区县以上机关为同一城市）内其他机关有年报，而该机关没有",
           "reports（按机关、年份）, agencies.province/city/district", "可比", "—",
           "机关名单来自库中该数据集任一年有年报的机关：从未入库的机关查不出；机构改革撤并的机关也会被列出，请对照最近报告年度",
           ("missing_subordinates",), "按年报计数，不涉及表格数字：各口径的年报都算（该机关当年有任何一份现行年报即不缺报）"),
    Metric("caveat", "数据质量提示", "示例数据、经文字识别（OCR）读出、校验未通过、同年版本冲突、本年新收空白、结转不衔接、表格与上年相同、正文与表三不一致、比率分母小于5",
           "report_quality（data_quality 各标记）", "可比", "—", "排名的每一行都附带此提示", ("data_quality", "rankings")),
)

# The lists of 数据质量 whose lengths quality_counts gives (as NAME_rows), in the page's order
QUALITY_LISTS = ("quality_checks", "carry_over_breaks", "near_identical", "narrative_mismatches", "in_force_drift",
                 "fees_unreported", "missing_reports", "late_reports", "ingest_errors", "unresolved_agencies",
                 "blank_cells", "missing_subordinates")

QUERIES: tuple[Query, ...] = (
    # $columns as xxgk.metrics.measures.patterns(["counts_t3", "district"], [RECEIVED], [RECEIVED], [RECEIVED])
    # gives it (tests/metrics/test_facts.py holds the two the same)
    Query("view_facts", "筛选后的年报事实（按年度与分组键合计，各聚合的输入）", ("columns",), (
        "year", "synthetic", "district", "counts_t3", "year__sign", "t3_new_received__total__sign", "reports",
        "checks_failed", "t3_new_received__total", "year__n", "t3_new_received__total__n"),
        {"columns": {"read": "^(agency_id|synthetic|checks_failed|counts_t3|district|t3_new_received__total)$",
                     "t2": "^(t2_regulations__new_made)$", "t3": "^(t3_new_received__total)$",
                     "t4": "^(t4_review__total)$", "keys": "^(synthetic|counts_t3|district)$",
                     "sums": "^(checks_failed|t3_new_received__total)$", "signs": "^(year|t3_new_received__total)$",
                     "counts": "^(year|t3_new_received__total)$", "first_of_agency": False}}),
    Query("filter_options", "筛选项", (), ("kind", "value", "label", "province", "city", "district", "bureau", "reports",
                                          "synthetic_reports")),
    Query("datasets", "数据集", ("shipped",), ("dataset", "reports", "agencies", "provinces", "year_min", "year_max",
                                             "own_reports", "synthetic_reports"), {"shipped": []}),
    Query("overview_kpis", "总览指标", (), (
        "reports", "agencies", "districts", "year_min", "year_max", "synthetic_reports", "received",
        "reports_blank_received", "processed", "disclosed", "open_rate", "zero_application_reports", "reviews", "suits",
        "reports_failing_checks")),
    Query("yearly_trend", "年度趋势", (), (
        "year", "template_era", "templates", "reports", "agencies", "synthetic_reports", "received",
        "reports_blank_received", "carried_over", "processed", "disclosed", "open_rate", "carried_forward",
        "zero_application_reports", "reviews", "suits")),
    Query("applications_by_group", "依申请公开（按部门/区县/类别/年份）", ("group_by",), (
        "year", "group_key", "agency_id", "reports", "synthetic_reports", "received", "reports_blank_received",
        "carried_over", "processed", "carried_forward", "granted", "partially_granted", "denied", "unavailable",
        "not_processed", "other_handled", "open_rate"), {"group_by": "district"}),
    Query("outcome_shares", "办理结果占比", ("group_by",), (
        "year", "group_key", "outcome", "outcome_label", "count", "processed", "share", "reports", "synthetic_reports"),
          {"group_by": "all"}),
    Query("refusal_reasons", "未公开原因排名", (), (
        "rank", "reason", "group_label", "reason_label", "count", "reports_with_reason", "share", "template_scope",
        "synthetic_reports")),
    Query("refusal_agencies", "某一理由最多的机关", ("reason", "limit"), (
        "agency_id", "agency", "district", "bureau", "reports", "reports_with_reason", "count", "processed", "share",
        "share_of_reason", "synthetic_reports", "total_rows"), {"reason": "unavailable_not_held"}),
    Query("applicant_types", "申请人类型", ("group_by",), (
        "year", "group_key", "applicant", "applicant_label", "new_received", "carried_over", "share",
        "reports_printed", "reports", "synthetic_reports"), {"group_by": "all"}),
    Query("carried_forward", "结转情况", ("group_by",), (
        "year", "group_key", "carried_over", "carried_forward", "received", "backlog_rate", "reports_with_backlog",
        "reports_blank_carried_forward", "reports", "synthetic_reports"), {"group_by": "district"}),
    Query("yoy_change", "同比变化", ("group_by",), (
        "year", "group_key", "reports", "reports_prev", "received", "received_prev", "received_change",
        "received_change_pct", "open_rate", "open_rate_prev", "open_rate_change", "reviews", "reviews_prev",
        "crosses_template_change", "synthetic_reports"), {"group_by": "district"}),
    Query("disclosure_volumes", "主动公开数量", ("group_by",), (
        "year", "group_key", "measure", "item_label", "column_label", "unit", "template_scope", "comparable",
        "from_text", "value", "reports_printed", "reports_blank", "synthetic_reports"), {"group_by": "all"}),
    Query("disclosure_by_group", "主动公开单项（按部门/区县/类别）", ("measure", "group_by"), (
        "year", "group_key", "measure", "item_label", "column_label", "unit", "template_scope", "comparable",
        "from_text", "value", "reports_printed", "reports_blank", "synthetic_reports"),
          {"measure": "t2_penalty__decisions", "group_by": "agency"}),
    Query("zero_activity", "零申请部门（逐年）", (), (
        "agency_id", "agency", "district", "bureau", "year", "template", "report_id", "synthetic", "received",
        "zero_applications", "zero_all_tables", "streak_years", "streak_start")),
    Query("zero_activity_share", "零申请部门占比", ("group_by",), (
        "year", "group_key", "agencies", "agencies_with_received", "zero_agencies", "zero_share",
        "zero_all_tables_agencies", "synthetic_reports"), {"group_by": "district"}),
    Query("zero_streaks", "连续零申请", ("limit", "min_years"), (
        "agency_id", "agency", "district", "bureau", "streak_start", "streak_end", "streak_years", "is_latest",
        "synthetic_reports", "total_rows")),
    Query("zero_peers", "与同类部门比较（零申请）", ("agency_id",), (
        "year", "agency_id", "agency", "bureau", "received", "zero_applications", "peers", "peers_zero",
        "peers_zero_share", "peers_median_received", "peer_synthetic_reports"), {"agency_id": 1}),
    Query("review_litigation", "行政复议与行政诉讼", ("group_by",), (
        "year", "group_key", "review_upheld", "review_corrected", "review_other", "review_pending", "review_total",
        "review_correction_rate", "suit_upheld", "suit_corrected", "suit_other", "suit_pending", "suit_total",
        "suit_correction_rate", "received", "suits_per_100_applications", "reports", "reports_blank_table4",
        "synthetic_reports"), {"group_by": "district"}),
    Query("correction_rates", "纠错率排名（复议/诉讼）", ("group_by", "kind"), (
        "group_key", "agency_id", "reports", "reports_printed", "concluded", "corrected", "correction_rate", "pending",
        "total", "synthetic_reports"), {"group_by": "district", "kind": "review"}),
    Query("quality_checks", "校验结果", ("limit",), (
        "report_id", "agency_id", "agency", "district", "bureau", "year", "template", "synthetic", "checks_failed",
        "checks_run", "failed_rules", "conflict", "reports_in_scope", "total_rows")),
    Query("carry_over_breaks", "结转衔接", ("limit",), (
        "agency_id", "agency", "district", "bureau", "year", "report_id", "prev_report_id", "carried_over",
        "prev_carried_forward", "difference", "columns_differing", "is_break", "synthetic", "pairs_compared", "total_rows")),
    Query("near_identical", "与上年雷同", ("limit",), (
        "agency_id", "agency", "district", "bureau", "year", "report_id", "prev_report_id", "tables_identical",
        "text_identical", "near_identical", "synthetic", "pairs_compared", "total_rows")),
    Query("narrative_mismatches", "正文与表三不一致", ("limit",), (
        "agency_id", "agency", "district", "bureau", "year", "report_id", "narrative_received", "table_received",
        "difference", "synthetic", "pairs_compared", "total_rows")),
    Query("blank_cells", "解析留空的单元格", ("limit",), (
        "agency_id", "agency", "district", "bureau", "year", "report_id", "template", "unread_cells", "missing_cells",
        "blank_cells", "template_cells", "tables_missing", "reasons", "synthetic", "total_rows")),
    Query("in_force_drift", "现行有效件数不衔接", ("limit",), (
        "agency_id", "agency", "district", "bureau", "year", "report_id", "prev_report_id", "item", "item_label",
        "prev_in_force", "issued", "repealed", "in_force", "expected", "drift", "synthetic", "pairs_compared", "total_rows")),
    Query("fees_unreported", "未报告信息处理费情况", ("limit",), (
        "agency_id", "agency", "district", "bureau", "year", "report_id", "fee_notices_unpaid", "section_six_found",
        "synthetic", "reports_checked", "total_rows")),
    Query("missing_reports", "缺报", ("limit",), (
        "agency_id", "agency", "district", "bureau", "last_year", "missing_year", "synthetic", "total_rows")),
    Query("timeliness", "按时公开（按年度/地区/部门类型）", ("group_by",), (
        "year", "group_key", "reports", "dated_reports", "on_time_reports", "late_reports", "undated_reports",
        "on_time_share", "median_days_late", "max_days_late", "synthetic_reports"), {"group_by": "all"}),
    Query("late_reports", "逾期与日期不详的年报", ("limit",), (
        "report_id", "agency_id", "agency", "province", "city", "district", "bureau", "year", "status",
        "status_label", "publish_deadline", "published_date", "published_source", "days_late", "synthetic", "total_rows")),
    Query("data_quality", "数据质量", ("limit",), (
        "report_id", "agency_id", "agency", "district", "bureau", "year", "template", "synthetic", "checks_failed",
        "conflict", "received_blank", "carry_over_break", "tables_repeat_last_year", "narrative_mismatch", "ocr",
        "issues", "caveat", "total_rows")),
    Query("rankings", "排名（附数据质量提示）", ("metric", "ascending", "limit"), (
        "year", "rank", "agency_id", "agency", "district", "bureau", "metric", "value", "denominator", "synthetic",
        "checks_failed", "conflict", "received_blank", "carry_over_break", "tables_repeat_last_year",
        "narrative_mismatch", "issues", "caveat"), {"metric": "open_rate", "ascending": True, "limit": 20}),
    Query("agency_profile", "部门档案", ("agency_id",), (
        "year", "report_id", "agency_id", "agency", "district", "bureau", "template", "synthetic", "received",
        "carried_over", "processed", "granted", "partially_granted", "open_rate", "carried_forward", "reviews",
        "review_corrected", "suits", "licensing_decisions", "penalty_decisions", "coercion_decisions",
        "proactive_items", "checks_failed", "conflict", "scope_table2", "scope_table3", "scope_table4",
        "published_date", "published_source", "publish_deadline", "days_late", "on_time", "placed_by",
        "placement_note"), {"agency_id": 1}),
    Query("report_warnings", "解析提示", ("report_id",), ("report_id", "n", "warning", "parser_version", "synthetic"),
          {"report_id": "r4-2019"}),
    Query("stored_reports", "已入库的文件", ("report_ids",), ("report_id", "agency", "year", "first_seen", "synthetic"),
          {"report_ids": ["0" * 64]}),
    Query("agency_cells", "报告原始单元格", ("report_id",), (
        "report_id", "agency", "year", "synthetic", "table_name", "row_key", "col_key", "value", "raw", "label",
        "page", "position"), {"report_id": ""}),
    Query("report_checks", "单份报告校验", ("report_id",), (
        "report_id", "rule", "rule_text", "ok", "location", "detail", "synthetic"), {"report_id": ""}),
    Query("ingest_errors", "导入失败的文件", ("limit",), ("at", "path", "sha256", "code", "message", "total_rows")),
    Query("source_document", "报告原始文件", ("report_id",), (
        "report_id", "sha256", "format", "size_bytes", "file_name", "first_seen", "content", "synthetic"),
          {"report_id": ""}),
    Query("export_cells", "全部单元格（批量下载）", (), (
        "report_id", "agency", "district", "bureau", "year", "template", "synthetic", "table_name", "row_key",
        "col_key", "value", "raw", "label", "page", "position")),
    Query("source_cells", "数字来源单元格（简报附录）", ("places", "source_agencies"), (
        "report_id", "agency_id", "agency", "district", "year", "template", "synthetic", "table_name", "row_key",
        "col_key", "value", "raw", "label", "page", "position"),
          {"places": ["table3.new_received.total", "table4.review.total"], "source_agencies": []}),
    Query("unresolved_agencies", "未能定位的部门", ("limit",), (
        "agency_id", "agency", "printed_names", "aliases", "reports", "years", "synthetic_reports", "total_rows")),
    Query("quality_counts", "数据质量各清单条数", (), (*(f"{name}_rows" for name in QUALITY_LISTS), "reports",
                                                  "synthetic_reports")),
    Query("region_coverage", "覆盖/差额（政府汇总与下级之和）", ("limit",), (
        "year", "agency_id", "agency", "level", "province", "city", "district", "report_id", "measure", "measure_label",
        "table_name", "region_value", "parts_value", "parts_reports", "difference", "coverage", "synthetic", "total_rows")),
    Query("missing_subordinates", "下级缺报", ("limit",), (
        "year", "province", "city", "district", "agency_id", "agency", "bureau", "region_reports", "region_agencies",
        "last_report_year", "next_report_year", "synthetic", "total_rows")),
    Query("compare", "对比（部门/同类/区县）", ("mode", "agency_a", "agency_b", "district_a", "district_b"), (
        "year", "side", "side_label", "reports", "agencies", "received", "received_per_agency", "processed",
        "open_rate", "zero_agencies", "zero_share", "reviews", "review_correction_rate", "suits",
        "suits_per_100_applications", "synthetic_reports"),
          {"mode": "peers", "agency_a": 1, "agency_b": None, "district_a": None, "district_b": None}),
)


def _fact_labels() -> dict[str, str]:
    """`t3_new_received__total` → 本年新收·总计: every facts column named from xxgk.keys."""
    out = {f"t3_{row}__{col}": f"{(group + printed) if group else printed}·{name}"
           for row, (group, printed) in keys.TABLE3_ROWS.items() for col, name in keys.TABLE3_COLUMNS.items()}
    out |= {f"t4_{block}__{col}": f"{bname}·{name}"
            for block, bname in keys.TABLE4_BLOCKS.items() for col, name in keys.TABLE4_COLUMNS.items()}
    for items in keys.TABLE2_COLUMNS.values():
        out |= {f"t2_{item}__{col}": f"{keys.TABLE2_ITEMS[item]}·{name}"
                for item, cols in items.items() for col, name in cols.items() if f"t2_{item}__{col}" not in out}
    return out


TEMPLATE_NAMES = keys.TEMPLATE_NAMES  # the one name of each template (defined where the command line reads it too)

# Chinese names of the columns the named queries and aggregates return, for axes, tables and CSV headers: the one
# label table (xxgk.charts and the dashboard's tables and downloads take it by default).
LABELS: dict[str, str] = {
    "year": "年度", "group_key": "分组", "agency": "机关", "agency_id": "机关编号", "district": "区县",
    "bureau": "部门类型", "template": "模板版本", "template_era": "模板时期", "templates": "模板版本",
    "reports": "年报数", "agencies": "机关数", "synthetic_reports": "其中示例报告数",
    "received": "本年新收申请", "reports_blank_received": "新收申请未填报的年报数",
    "carried_over": "上年结转", "processed": "办理总计", "carried_forward": "结转下年度",
    "disclosed": "予以公开+部分公开", "open_rate": "公开率", "granted": "予以公开",
    "partially_granted": "部分公开", "denied": "不予公开", "unavailable": "无法提供",
    "not_processed": "不予处理", "other_handled": "其他处理", "zero_application_reports": "零申请年报数",
    "reviews": "行政复议", "suits": "行政诉讼", "outcome": "办理结果代码", "outcome_label": "办理结果",
    "count": "件数", "share": "占比", "measure": "指标代码", "item_label": "事项", "column_label": "统计项",
    "unit": "单位", "value": "数值", "reports_printed": "填报该项的年报数", "reports_blank": "未填报该项的年报数",
    "template_scope": "适用模板", "comparable": "跨2021年可比", "from_text": "取自正文",
    "zero_applications": "零申请", "zero_all_tables": "三表全为零", "streak_years": "连续零申请年数",
    "streak_start": "起始年度", "streak_end": "截止年度", "is_latest": "持续至最新年度",
    "agencies_with_received": "填报新收申请的机关数", "zero_agencies": "零申请机关数", "zero_share": "零申请机关占比",
    "zero_all_tables_agencies": "三表全为零的机关数", "report_id": "年报编号", "synthetic": "示例数据",
    "peers": "同类机关数", "peers_zero": "同类零申请机关数", "peers_zero_share": "同类零申请占比",
    "peers_median_received": "同类机关新收申请中位数", "peer_synthetic_reports": "同类示例报告数",
    "review_upheld": "复议·结果维持", "review_corrected": "复议·结果纠正", "review_other": "复议·其他结果",
    "review_pending": "复议·尚未审结", "review_total": "行政复议总计", "review_correction_rate": "复议纠错率",
    "suit_upheld": "诉讼·结果维持", "suit_corrected": "诉讼·结果纠正", "suit_other": "诉讼·其他结果",
    "suit_pending": "诉讼·尚未审结", "suit_total": "行政诉讼总计", "suit_correction_rate": "诉讼纠错率",
    "suits_per_100_applications": "每百件申请被诉数", "reports_blank_table4": "表四未填报的年报数",
    "rank": "名次", "metric": "指标", "denominator": "分母", "checks_failed": "未通过校验数", "conflict": "多来源数字不一致",
    "received_blank": "新收申请未填报", "carry_over_break": "结转不衔接", "tables_repeat_last_year": "表格与上年相同",
    "issues": "问题数", "caveat": "数据提示", "side": "对比方", "side_label": "对比对象",
    "received_per_agency": "机关平均新收申请", "review_correction_rate_pct": "复议纠错率",
    "reason": "理由代码", "group_label": "类别", "reason_label": "理由", "reports_with_reason": "涉及年报数",
    "applicant": "申请人代码", "applicant_label": "申请人类型", "new_received": "本年新收",
    "prev_report_id": "上年年报编号", "prev_carried_forward": "上年结转下年度", "difference": "差额",
    "is_break": "不衔接", "columns_differing": "不一致的列", "numbers_printed": "填报数字个数",
    "unread_cells": "印有数字未读出", "missing_cells": "未找到的单元格", "blank_cells": "解析留空合计",
    "template_cells": "模板单元格数", "tables_missing": "未找到的表", "reasons": "原因（解析提示）",
    "pairs_compared": "参与比较的年报数", "total_rows": "清单总条数", "fee_notices_unpaid": "逾期未缴信息处理费的申请",
    "section_six_found": "找到第六部分", "reports_checked": "检查的年报数", "ocr": "经文字识别（OCR）读出", "n": "序号", "warning": "解析提示", "parser_version": "解析器版本", "item": "事项代码", "prev_in_force": "上年现行有效件数",
    "issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数", "expected": "按上年推算",
    "drift": "相差", "reports_in_scope": "范围内年报数",
    "reports_failing_checks": "校验未通过的年报数", "reports_blank_carried_forward": "结转下年度未填报的年报数",
    "year_min": "最早年度", "year_max": "最晚年度", "districts": "区县数", "kind": "筛选项类别", "format": "格式",
    "file_name": "文件名", "first_seen": "首次导入", "size_bytes": "大小（字节）", "content": "原始文件", "narrative_received": "正文所述收到申请", "table_received": "表三本年新收", "narrative_mismatch": "正文与表三不一致",
    "tables_identical": "表格与上年完全相同", "text_identical": "正文与上年相同", "near_identical": "疑似照抄",
    "last_year": "最后报告年度", "missing_year": "缺报年度", "checks_run": "校验条数", "failed_rules": "未通过的规则",
    "at": "时间", "path": "文件", "sha256": "文件指纹", "code": "错误代码", "message": "原因",
    "printed_names": "年报所印名称", "aliases": "别名", "years": "年度",
    "table_name": "表", "row_key": "行代码", "col_key": "列代码", "raw": "原文", "label": "行名称（原文）",
    "page": "页码", "position": "位置", "rule": "规则", "rule_text": "规则说明", "ok": "通过", "location": "位置",
    "detail": "说明", "received_change": "新收申请变化", "received_change_pct": "新收申请变化率",
    "received_prev": "上年新收申请", "reports_prev": "上年年报数", "open_rate_prev": "上年公开率",
    "open_rate_change": "公开率变化", "reviews_prev": "上年行政复议", "crosses_template_change": "跨模板年份",
    "licensing_decisions": "行政许可决定", "penalty_decisions": "行政处罚决定",
    "coercion_decisions": "行政强制决定", "proactive_items": "主动公开信息（正文）",
    "backlog_rate": "结转率", "reports_with_backlog": "有结转的年报数",
    "concluded": "审结案件数", "corrected": "结果纠正", "correction_rate": "纠错率", "pending": "尚未审结",
    "total": "案件总计", "share_of_reason": "占该理由全部件数", "cell_table": "所在表", "marked": "来源单元格",
    "province": "省", "city": "市", "dated_reports": "公开日期已知的年报数", "on_time_reports": "按时公开的年报数",
    "late_reports": "逾期公开的年报数", "undated_reports": "公开日期不详的年报数", "on_time_share": "按时公开率",
    "median_days_late": "逾期天数中位数", "max_days_late": "最长逾期天数", "status": "状态代码", "status_label": "状态",
    "publish_deadline": "公开期限", "published_date": "公开日期", "published_source": "公开日期来源",
    "days_late": "逾期天数", "scope_table2": "表二统计范围", "scope_table3": "表三统计范围",
    "scope_table4": "表四统计范围", "on_time": "按时公开", "placed_by": "定位依据", "placement_note": "定位说明",
    "counts_t2": "表二计入所选口径", "counts_t3": "表三计入所选口径", "counts_t4": "表四计入所选口径",
    "all_zero": "三表全为零", "agency_printed": "年报所印机关名称", "agency_name": "机关", "township": "乡镇/街道",
    "file": "文件", "size_kb": "大小（KB）", "cells": "读出数字", "problem": "问题",
    **_fact_labels(),
}
LABELS["column"] = "列名称（模板）"
# The region hierarchy, datasets and the 覆盖/差额 and 下级缺报 checks.
LABELS.update({
    "province": "省份", "city": "城市", "level": "行政层级", "dataset": "数据集", "provinces": "省份数",
    "own_reports": "自行导入的年报数", "measure_label": "指标", "region_value": "政府汇总数（全区域）",
    "parts_value": "下级机关合计", "parts_reports": "下级年报数", "coverage": "覆盖率", "region_reports": "区域内年报数",
    "region_agencies": "区域内机关数", "last_report_year": "此前最近报告年度", "next_report_year": "此后最早报告年度",
})
# view_facts (the aggregates' input, summed per year and key): how many reports print a number, and its sign.
LABELS["first_of_agency"] = "机关在所选范围内的首个年度"
LABELS.update({f"{q.name}_rows": f"{q.title_zh}·条数" for q in QUERIES if q.name in QUALITY_LISTS})
LABELS.update({f"{c}__n": f"{LABELS[c]}·填报年报数" for c in [*_fact_labels(), "proactive_items", "checks_failed", "year"]})
LABELS.update({f"{c}__sign": f"{LABELS[c]}·正负（1 / 0 / -1，空白为空）"
               for c in [*_fact_labels(), "checks_failed", "agency_id", "year"]})

_TABLE = re.compile(r"t([234])_|表([二三四])")
_NUMERAL = {"2": "二", "3": "三", "4": "四"}
LIST_SCOPE = "逐份年报列出、不求和：所选数据集的全部现行年报都列（部门自身与政府汇总的年报都在内）"
# Queries that list single reports and add nothing up: they read every table whatever its scope (in_view's 'any').
LIST_QUERIES = frozenset({"data_quality", "quality_checks", "narrative_mismatches", "near_identical", "fees_unreported",
                          "carry_over_breaks", "in_force_drift", "export_cells", "unresolved_agencies",
                          "missing_reports", "agency_profile", "filter_options", "blank_cells",
                          "timeliness", "late_reports", "quality_counts"})


def scope_of(m: Metric) -> str:
    """Which scope a metric counts (口径), from its own text or else from the tables its source cells lie in."""
    if m.scope:
        return m.scope
    if set(m.queries) <= LIST_QUERIES:
        return LIST_SCOPE
    tables = sorted({_NUMERAL.get(a, a) or b for a, b in _TABLE.findall(m.source_cells)}, key="二三四".index)
    if not tables:
        return LIST_SCOPE
    t = "、".join(f"表{x}" for x in tables)
    return (f"部门自身（默认）：只计{t}统计本机关的年报；政府汇总：只计{t}统计全区域（全市/全区/全县）的政府年报；"
            "每张表按其口径单独取舍，两种口径从不相加")


def query(name: str) -> Query:
    """The dictionary entry of a named query."""
    return next(q for q in QUERIES if q.name == name)


def to_markdown() -> str:
    """docs/metrics.md: every metric and every named query, rendered from this module."""
    out = ["# 指标说明 (metrics)", "",
           "Generated from `xxgk/dictionary.py` by `python -m xxgk.dictionary > docs/metrics.md`; a test keeps it current.",
           "", "Rates are fractions (0–1). Blank cells are never read as 0. Every query takes the dashboard filters "
           f"({', '.join('$' + f for f in FILTERS)}) unless its header says otherwise.", "",
           "Per-report summaries that would otherwise need every cell or the running text (all-zero tables, "
           "repeated tables, the text fingerprint) are kept in `report_derived`, and the data-quality flags of every "
           "current report against the agency's report of the year before and against its own text (carry-over "
           "break, repeated tables, text vs table 三, issues, caveat) in `report_quality`, so that data_quality, "
           "carry_over_breaks, narrative_mismatches and rankings flag alike; both are filled by "
           "`xxgk.store.derive.derive(con)` after each write, as is `current_reports`, the table the queries start from. "
           "What a page waits for, per query and per aggregate (the facts read and the Polars build), is measured by "
           "`python bench/queries.py --reports 100000` (targets: p95 ≤ 100 ms at 100,000 reports, ≤ 400 ms at "
           "1,000,000); how well the copy, carry-over and text-vs-table checks find the faults "
           "injected into the demo corpus by `python bench/detectors.py`.", "",
           "The dashboard's aggregates (marked Polars below: disclosure volumes, application outcomes, zero-activity "
           "shares, applicant types, review and litigation, on-time publication, the overview's numbers) are built by "
           "`xxgk.metrics` in Polars from one named query, `view_facts`: the reports the filters leave in view, summed "
           "in the database per year and combination of the keys the aggregates read (group columns, template, the "
           "sign of a number where a measure depends on whether it is printed, 0 or positive), with each number's sum "
           "and how many reports print it; read once per page and filter set and cached by the dashboard. Every "
           "aggregate is the same as over the reports one by one (tests/metrics compares them with the former SQL). "
           "Detectors that pair an "
           "agency's years, lists of single reports and look-ups are named SQL queries (one `.sql` file each in "
           "`queries/`); every one reads the filters from the one macro `in_view` in `queries/schema.sql`. Group keys "
           "(`group_by`) are built in one place, `xxgk.metrics.groups`: a district whose name stands under more than "
           "one city in view is shown with its city (南京市·鼓楼区), a township likewise with its district.", "",
           "## Datasets and scope", "",
           "Every figure comes from one dataset (`$dataset`): `demo`, the fictional demo city (示例数据，虚构), or "
           "`real`, reports of real agencies; the two are never added together. Every figure also has a scope "
           "(`$scope`, 口径): a table of a report counts either the issuing agency's own work (`agency`, 部门自身, the "
           "default; also a table the parser did not mark) or a government's whole area (`region`, 政府汇总: "
           "全市/全区/全县 figures, `reports.scope_table2/3/4 = 'region'`). Totals, rankings and shares count one "
           "scope at a time, table by table: a region-wide figure is never added to the agencies inside its region, "
           "and a government's area total is never ranked beside single bureaus. Lists of single reports (data "
           "quality) show every report of the dataset. The region filters (`$provinces`, `$cities`, `$districts`) "
           "follow the hierarchy 省 → 市 → 区县 of `agencies`; `group_by` takes `province`, `city`, `district`, "
           "`township` as well as `agency`, `bureau` and `all`.", "",
           "## Metrics", ""]
    for m in METRICS:
        out += [f"### {m.name_zh} (`{m.key}`)", "",
                f"- Formula: {m.formula}", f"- Source cells: {m.source_cells}", f"- Scope (口径): {scope_of(m)}",
                f"- Across 2020→2021: {m.comparability}", f"- Blanks: {m.blanks}"]
        if m.caveat:
            out.append(f"- Caveat: {m.caveat}")
        out += [f"- Queries: {', '.join(f'`{q}`' for q in m.queries)}", ""]
    out += ["## Named queries and aggregates", "",
            "| query | 名称 | built by | own parameters | columns |", "|---|---|---|---|---|"]
    for q in QUERIES:
        params = ", ".join(f"`${p}`" for p in q.params) or "—"
        built = f"SQL `queries/{q.name}.sql`" if (QUERY_DIR / f"{q.name}.sql").is_file() else "Polars `xxgk.metrics`"
        out.append(f"| `{q.name}` | {q.title_zh} | {built} | {params} | {', '.join(q.columns)} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(to_markdown(), end="")
