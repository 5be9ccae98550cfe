"""The prose of a report: sections 一 to 六 in the varied wording agencies use.

The numbers the prose states (主动公开政府信息 N 条, 共收到政府信息公开申请 N 件) agree with the
tables, except in the few reports where a mismatch is injected (rule X3, recorded in the sheet).
"""

from __future__ import annotations

import random

from xxgk.demo.sheet import Sheet

P_MISMATCH = 0.03

_SELF = {"gov": "本机关", "street": "我街道", "town": "我镇"}

_INTRO = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息与政务公开办公室有关要求编制。"
    "报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。本报告电子版可在“{city}人民政府”门户网站下载。"
    "如对本报告有任何疑问，请与{name}联系（示例地址：{city}示例路1号；示例电话：0000-0000000）。",
    "根据《中华人民共和国政府信息公开条例》规定，现公布{name}{y}年政府信息公开工作年度报告。"
    "本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
    "存在的主要问题及改进情况、其他需要报告的事项等部分组成。",
    "{y}年，{self}认真贯彻落实《中华人民共和国政府信息公开条例》，按照上级关于政务公开工作的部署，"
    "结合工作实际编制本年度报告。所列数据统计期限为{y}年1月1日至{y}年12月31日。",
)
_PROACTIVE = (
    "（一）主动公开。{y}年，{self}通过政府门户网站、政务新媒体等渠道主动公开政府信息{n}条，"
    "内容涵盖机构职能、政策文件、财政预决算、重点领域信息等。",
    "（一）主动公开情况。全年共主动公开政府信息{n}条，其中政策文件类信息占比较高，"
    "同时做好政策解读和回应关切工作，发布解读材料{k}篇。",
    "（一）主动公开方面。{self}坚持“以公开为常态、不公开为例外”，全年主动公开政府信息{n}条，"
    "及时更新机构概况、部门文件、规划计划、人事信息等栏目。",
)
_REQUEST = (
    "（二）依申请公开。{y}年，{self}共收到政府信息公开申请{n}件，均在法定期限内予以答复。",
    "（二）依申请公开情况。全年共收到政府信息公开申请{n}件，上年结转{c}件，按照《条例》规定依法依规办理。",
    "（二）依申请公开方面。本年度{self}新收政府信息公开申请{n}件，办理过程中严格执行登记、审核、答复等环节。",
)
_REQUEST_ZERO = (
    "（二）依申请公开。{y}年，{self}未收到政府信息公开申请。",
    "（二）依申请公开情况。本年度共收到政府信息公开申请0件，无上年结转申请。",
)
_MANAGE = (
    "（三）政府信息管理。严格落实公开前保密审查制度，坚持“先审查、后公开”和“一事一审”原则，全年未发生泄密事件。",
    "（三）政府信息管理。进一步规范信息发布流程，完善公文公开属性源头认定机制，动态更新政府信息公开指南和目录。",
    "（三）政府信息管理情况。对现行有效的规范性文件进行集中清理，及时公布清理结果，确保公开信息准确、完整。",
)
_PLATFORM = (
    "（四）政府信息公开平台建设。依托政府门户网站政府信息公开专栏，优化栏目设置，提升检索和浏览体验。",
    "（四）平台建设。加强政务新媒体管理，做好与门户网站的联动发布，确保信息发布及时、内容准确。",
    "（四）公开平台建设情况。按照集约化要求做好网站栏目维护，全年网站运行平稳，未发生安全事故。",
)
_OVERSIGHT = (
    "（五）监督保障。将政务公开工作纳入年度目标管理，明确分管领导和责任科室，定期开展自查整改。",
    "（五）监督保障情况。组织政务公开业务培训{k}次，{y}年未发生因政府信息公开工作被责任追究的情况。",
    "（五）监督保障。畅通社会评议渠道，主动接受社会监督，对发现的问题及时整改落实。",
)
_PROBLEMS = (
    "{y}年，{self}政府信息公开工作取得了一定成效，但仍存在一些不足：一是政策解读形式较为单一；二是部分栏目更新不够及时。"
    "下一步，{self}将加强业务培训，丰富解读形式，建立栏目更新台账，确保信息发布及时准确。",
    "存在的主要问题：公开内容的深度和广度有待拓展，依申请公开办理的规范化水平有待提升。"
    "改进措施：进一步完善工作机制，加强与上级部门的沟通对接，提升公开质量和实效。",
    "一是工作人员业务能力有待提高；二是主动公开的针对性不够强。针对上述问题，{self}将加大培训力度，"
    "聚焦群众关切，持续提升政务公开工作水平。",
)
_OTHER = (
    "{y}年，{self}未收取信息处理费。",
    "本年度未发生收取信息处理费的情况。无其他需要报告的事项。",
    "无。",
    "{self}{y}年度无其他需要报告的事项，未收取政府信息公开信息处理费。",
)


def _self_name(sheet: Sheet) -> str:
    kind = sheet.agency.kind
    if kind in _SELF:
        return _SELF[kind]
    name = sheet.agency.name
    return "我委" if name.endswith("委员会") else "我办" if name.endswith("办公室") else "我局"


def write_narrative(sheet: Sheet, proactive: int, rng: random.Random) -> None:
    """Fill the sheet's sections 一–六 and headings, recording the numbers the prose states."""
    y, self_ = sheet.year, _self_name(sheet)
    fmt = {"y": y, "self": self_, "name": sheet.agency.name, "city": sheet.agency.district.city,
           "k": rng.randint(1, 12)}
    received = sheet.table3["new_received"]["total"].value or 0
    carried = sheet.table3["carried_over"]["total"].value or 0
    stated = int(received)
    if rng.random() < P_MISMATCH:
        stated = stated + rng.choice((1, 2, 3, 5)) if stated < 3 or rng.random() < 0.5 else stated - 1
        sheet.injected.append({"rule": "X3", "where": "narrative/applications_received", "fault": "narrative"})
    request = rng.choice(_REQUEST_ZERO if stated == 0 and carried == 0 else _REQUEST)
    sheet.sections["一"] = [
        rng.choice(_INTRO).format(**fmt),
        rng.choice(_PROACTIVE).format(n=proactive, **fmt),
        request.format(n=stated, c=int(carried), **fmt),
        rng.choice(_MANAGE).format(**fmt),
        rng.choice(_PLATFORM).format(**fmt),
        rng.choice(_OVERSIGHT).format(**fmt),
    ]
    sheet.sections["五"] = [rng.choice(_PROBLEMS).format(**fmt)]
    sheet.sections["六"] = [rng.choice(_OTHER).format(**fmt)]
    sheet.narrative = {"proactive_items": proactive, "applications_received": stated}
    four = "四、政府信息公开行政复议、行政诉讼情况"
    if rng.random() < 0.2:
        four = "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    five = "五、存在的主要问题及改进情况" if rng.random() < 0.7 else "五、政府信息公开工作存在的主要问题及改进情况"
    sheet.headings = {"一": "一、总体情况", "二": "二、主动公开政府信息情况",
                      "三": "三、收到和处理政府信息公开申请情况", "四": four, "五": five,
                      "六": "六、其他需要报告的事项"}
