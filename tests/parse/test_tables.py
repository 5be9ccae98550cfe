"""Table layouts seen in real reports, built inline: index and remarks columns, labels merged in one cell."""

from __future__ import annotations

from xxgk import keys
from xxgk.pipeline import parse_bytes


def _page(rows: list[str], header: str) -> bytes:
    return ("<html><head><title>示范市测试局2022年政府信息公开工作年度报告</title></head><body>"
            "<p>三、收到和处理政府信息公开申请情况</p><table>" + header + "".join(rows)
            + "</table><p>五、存在的主要问题及改进情况</p></body></html>").encode()


def test_index_column_remarks_column_and_all_labels_in_one_cell():
    rows = []
    for i, key in enumerate(keys.TABLE3_ROW_ORDER["2021"]):
        group, label = keys.TABLE3_ROWS[key]
        merged = ("" if key in ("new_received", "carried_over", "carried_forward") else "三、本年度办理结果") + group + label
        cells = "".join(f"<td>{v}</td>" for v in [i, 0, 0, 0, 0, 0, i])
        rows.append(f"<tr><td>{i + 1}</td><td>{merged}</td>{cells}<td>已按期答复</td></tr>")
    header = ("<tr><td>序号</td><td>项目</td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>"
              "<td>法律服务机构</td><td>其他</td><td>总计</td><td>备注</td></tr>")
    report = parse_bytes(_page(rows, header), "x.html")
    assert report.template == "2021"
    assert list(report.table3) == list(keys.TABLE3_ROW_ORDER["2021"])
    for i, key in enumerate(keys.TABLE3_ROW_ORDER["2021"]):
        assert report.table3[key] == {"natural_person": i, "commercial": 0, "research": 0, "social_org": 0,
                                      "legal_service": 0, "other_org": 0, "total": i}


def test_unreadable_row_label_is_placed_by_position_with_a_warning():
    rows = []
    for key in keys.TABLE3_ROW_ORDER["2019"]:
        label = keys.TABLE3_ROWS[key][1] if key != "denied_third_party" else "4.##########"
        rows.append(f"<tr><td>{label}</td>" + "<td>1</td>" * 6 + "<td>6</td></tr>")
    report = parse_bytes(_page(rows, ""), "x.html")
    assert report.table3["denied_third_party"]["total"] == 6
    assert any("按位置" in w for w in report.warnings)


def test_values_follow_the_header_columns_despite_an_empty_artefact_column():
    header = ("<tr><td rowspan=2>项目</td><td rowspan=2>自然人</td><td rowspan=2></td><td colspan=5>法人或其他组织</td>"
              "<td rowspan=2>总计</td></tr><tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>"
              "<td>法律服务机构</td><td>其他</td></tr>")
    rows = []
    for key in keys.TABLE3_ROW_ORDER["2019"]:
        rows.append(f"<tr><td>{keys.TABLE3_ROWS[key][1]}</td><td>2</td><td></td><td>1</td><td></td><td></td>"
                    "<td></td><td>0</td><td>3</td></tr>")
    report = parse_bytes(_page(rows, header), "x.html")
    assert report.table3["granted"] == {"natural_person": 2, "commercial": 1, "research": None, "social_org": None,
                                        "legal_service": None, "other_org": 0, "total": 3}
    assert all(c.ok for c in report.checks if c.rule == "R2")


def test_a_2021_report_printing_old_column_labels_in_one_block_is_read_as_printed():
    t3 = "\n".join(f"| {keys.TABLE3_ROWS[k][1]} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" for k in keys.TABLE3_ROW_ORDER["2021"])
    text = f"""示范市测试局2021年政府信息公开工作年度报告
二、主动公开政府信息情况
| 第二十条第（一）项 |
| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
| 规章 | 0 | 0 | 0 |
| 规范性文件 | 4 | 4 | 20 |
| 第二十条第（五）项 |
| 信息内容 | 本年处理决定数量 |
| 行政许可 | 12 |
| 第二十条第（八）项 |
| 信息内容 | 本年收费金额（单位：万元） |
| 行政事业性收费 | 0.5 |
三、收到和处理政府信息公开申请情况
| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |
{t3}
五、存在的主要问题及改进情况
"""
    report = parse_bytes(text.encode(), "x.txt")
    assert report.template == "2021"
    assert report.table2 == {
        "regulations": {"new_made": 0, "new_published": 0, "total_published": 0},
        "normative_documents": {"new_made": 4, "new_published": 4, "total_published": 20},
        "licensing": {"decisions": 12},
        "fees": {"amount_wan_yuan": 0.5},
    }
    assert any("表头" in w for w in report.warnings)
