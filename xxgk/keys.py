"""The canonical keys of the parse contract, with the printed Chinese labels they stand for.

Every layer (parser, database, queries, CSV headers, tests) names table cells with these keys.
"""

from __future__ import annotations

TEMPLATES = ("2019", "2021", "legacy")
# The one name of each template, wherever a template is shown (sidebar, tables, CSV, briefing, command line).
TEMPLATE_NAMES = {"2019": "2019版", "2021": "2021版", "legacy": "旧式"}

# Table 三 -----------------------------------------------------------------------------------
TABLE3_COLUMNS: dict[str, str] = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_org": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}
APPLICANT_COLUMNS = tuple(k for k in TABLE3_COLUMNS if k != "total")

# key -> (group label or "", printed label). Order is the printed order of the 2021 template;
# the 2019 template prints `other` instead of the three other_* rows.
TABLE3_ROWS: dict[str, tuple[str, str]] = {
    "new_received": ("", "一、本年新收政府信息公开申请数量"),
    "carried_over": ("", "二、上年结转政府信息公开申请数量"),
    "granted": ("", "（一）予以公开"),
    "partially_granted": ("", "（二）部分公开"),
    "denied_state_secret": ("（三）不予公开", "1.属于国家秘密"),
    "denied_law_prohibited": ("（三）不予公开", "2.其他法律行政法规禁止公开"),
    "denied_security_stability": ("（三）不予公开", "3.危及“三安全一稳定”"),
    "denied_third_party": ("（三）不予公开", "4.保护第三方合法权益"),
    "denied_internal_affairs": ("（三）不予公开", "5.属于三类内部事务信息"),
    "denied_process_info": ("（三）不予公开", "6.属于四类过程性信息"),
    "denied_enforcement_file": ("（三）不予公开", "7.属于行政执法案卷"),
    "denied_admin_query": ("（三）不予公开", "8.属于行政查询事项"),
    "unavailable_not_held": ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    "unavailable_needs_creation": ("（四）无法提供", "2.没有现成信息需要另行制作"),
    "unavailable_unclear": ("（四）无法提供", "3.补正后申请内容仍不明确"),
    "not_processed_petition": ("（五）不予处理", "1.信访举报投诉类申请"),
    "not_processed_duplicate": ("（五）不予处理", "2.重复申请"),
    "not_processed_publication": ("（五）不予处理", "3.要求提供公开出版物"),
    "not_processed_mass_repeat": ("（五）不予处理", "4.无正当理由大量反复申请"),
    "not_processed_confirmation": ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    "other": ("", "（六）其他处理"),
    "other_no_correction": ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    "other_no_fee": ("（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    "other_misc": ("（六）其他处理", "3.其他"),
    "total_processed": ("", "（七）总计"),
    "carried_forward": ("", "四、结转下年度继续办理"),
}

OTHER_DETAIL_ROWS = ("other_no_correction", "other_no_fee", "other_misc")
# Rows whose sum is （七）总计 (R3). `other` stands for the three detail rows when they are absent.
OUTCOME_ROWS = (
    "granted", "partially_granted",
    "denied_state_secret", "denied_law_prohibited", "denied_security_stability", "denied_third_party",
    "denied_internal_affairs", "denied_process_info", "denied_enforcement_file", "denied_admin_query",
    "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
    "not_processed_petition", "not_processed_duplicate", "not_processed_publication",
    "not_processed_mass_repeat", "not_processed_confirmation",
)

# The printed row order per template (used for positional alignment and for generators).
TABLE3_ROW_ORDER: dict[str, tuple[str, ...]] = {
    "2019": ("new_received", "carried_over", *OUTCOME_ROWS, "other", "total_processed", "carried_forward"),
    "2021": ("new_received", "carried_over", *OUTCOME_ROWS, *OTHER_DETAIL_ROWS, "total_processed",
             "carried_forward"),
}

# Table 四 -----------------------------------------------------------------------------------
TABLE4_BLOCKS: dict[str, str] = {
    "review": "行政复议",
    "suit_direct": "行政诉讼·未经复议直接起诉",
    "suit_after_review": "行政诉讼·复议后起诉",
}
TABLE4_COLUMNS: dict[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}

# Table 二 -----------------------------------------------------------------------------------
TABLE2_ITEMS: dict[str, str] = {
    "regulations": "规章",
    "normative_documents": "规范性文件",
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}

# template -> item -> column key -> printed column label
TABLE2_COLUMNS: dict[str, dict[str, dict[str, str]]] = {
    "2019": {
        "regulations": {"new_made": "本年新制作数量", "new_published": "本年新公开数量",
                        "total_published": "对外公开总数量"},
        "normative_documents": {"new_made": "本年新制作数量", "new_published": "本年新公开数量",
                                "total_published": "对外公开总数量"},
        "licensing": {"previous_count": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量"},
        "other_services": {"previous_count": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量"},
        "penalty": {"previous_count": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量"},
        "coercion": {"previous_count": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量"},
        "fees": {"previous_count": "上一年项目数量", "change": "本年增/减"},
        "procurement": {"count": "采购项目数量", "amount_yuan": "采购总金额"},
    },
    "2021": {
        "regulations": {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数"},
        "normative_documents": {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数"},
        "licensing": {"decisions": "本年处理决定数量"},
        "penalty": {"decisions": "本年处理决定数量"},
        "coercion": {"decisions": "本年处理决定数量"},
        "fees": {"amount_wan_yuan": "本年收费金额（单位：万元）"},
    },
}

# Columns whose values may be negative (R5 exception) or fractional (money).
SIGNED_COLUMNS = frozenset({"change"})
MONEY_COLUMNS = frozenset({"amount_yuan", "amount_wan_yuan"})

CHECK_RULES: dict[str, str] = {
    "R1": "表三每列：本年新收 + 上年结转 = 总计 + 结转下年度",
    "R2": "表三每行：总计 = 六类申请人之和",
    "R3": "表三每列：总计 = 各办理结果之和",
    "R4": "表四每组：总计 = 维持 + 纠正 + 其他 + 尚未审结",
    "R5": "数值为非负整数（本年增/减可为负，金额可为小数）",
}
