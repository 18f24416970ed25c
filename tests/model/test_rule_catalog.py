"""Every rule is declared once (`model.rule_catalog`): the rules of FORMAT.md §3 each have
a declaration with its severities, a Chinese name, an English name, the guide's explanation
and example, the function that checks it, and a message rendered from sample figures —
word for word the message the program has always written (the check JSON must not change).
"""

from __future__ import annotations

import importlib
import re
from decimal import Decimal
from typing import Any

import pytest

from model import messages
from model.batch_rules import batch_rules
from model.narrative_rules import NARRATIVE_RULES
from model.rule_catalog import RULES, Rule
from model.rules import TABLE_RULES

# FORMAT.md §3, copied by hand: each rule id and the severities its findings may have.
FORMAT_RULES = {
    "T3_BALANCE": {"error"},
    "T3_OUTCOME_SUM": {"error"},
    "T3_ROW_TOTAL": {"error"},
    "T4_TOTAL": {"error"},
    "EMPTY_CELL": {"warning"},
    "ROW_MISSING": {"error"},
    "LABEL_ALTERED": {"warning"},
    "NOT_A_NUMBER": {"error"},
    "NEGATIVE": {"error"},
    "TABLE_MISSING": {"error"},
    "SECTION_MISSING": {"warning"},
    "FORMAT_OUTDATED": {"error", "warning"},
    "NARRATIVE_SUM": {"error", "warning"},
    "NARRATIVE_TABLE": {"error"},
    "PERCENT": {"warning"},
    "CROSS_YEAR_CARRY": {"warning"},
    "DUPLICATE_CONTENT": {"warning"},
    "LATE_PUBLICATION": {"warning"},
    "FEE_NOT_REPORTED": {"warning"},
    "UNCERTAIN_CELL": {"warning"},
    "NOT_A_REPORT": {"error"},
    "CROSS_YEAR_IN_FORCE": {"warning"},
    "COPIED_FROM_LAST_YEAR": {"warning"},
    "YEAR_SWING": {"info"},
}

# Figures as the rules make them, and the message the program has written for them.
SAMPLES: list[tuple[str, dict[str, Any], str]] = [
    (
        "CROSS_YEAR_IN_FORCE",
        {
            "severity": "warning",
            "format": "2019",
            "table": "table2",
            "row_label": "行政处罚",
            "year": 2020,
            "last_year": 2019,
            "now": 7,
            "expected": 9,
            "before": 9,
            "change": 0,
        },
        "表二「行政处罚」：2019年度报告上一年项目数量 9 + 本年增/减 0 = 9，但2020年“上一年项目数量”为 7（机构调整、事项划转时可能属正常）",
    ),
    (
        "CROSS_YEAR_IN_FORCE",
        {
            "severity": "warning",
            "format": "2021",
            "table": "table2",
            "row_label": "规章",
            "year": 2024,
            "last_year": 2023,
            "now": 9,
            "expected": 6,
            "before": 5,
            "added": 2,
            "removed": 1,
        },
        "表二「规章」：2023年度报告现行有效 5 件 + 本年制发 2 件 − 本年废止 1 件 = 6 件，但2024年现行有效件数为 9（文件有效期届满失效、机构调整时可能属正常）",
    ),
    (
        "FORMAT_OUTDATED",
        {"year": 2022, "severity": "error"},
        "2022年度报告应使用2021版表格（国办公开办函〔2021〕30号），但使用了2019版表格",
    ),
    (
        "FORMAT_OUTDATED",
        {"year": 2020, "severity": "warning"},
        "2020年度报告使用了2021版表格，应为2019版；年度或格式可能识别有误",
    ),
    (
        "ROW_MISSING",
        {"table_short": "表二", "row_label": "规章", "severity": "error"},
        "表二缺少「规章」行，官方模板中的该项被删除",
    ),
    (
        "COPIED_FROM_LAST_YEAR",
        {"severity": "warning", "ratio": 95, "year": 2024, "last_year": 2023},
        "第五部分「存在的主要问题及改进情况」约 95% 的文字与2023年度报告相同，可能照搬了上年的问题和改进情况",
    ),
    (
        "CROSS_YEAR_CARRY",
        {"severity": "warning", "col_label": "总计", "year": 2019, "last_year": 2018, "now": 10, "before": 12},
        "表三总计列：2019年“上年结转” 10，与2018年报告的“结转下年度继续办理” 12 不一致（机构合并、更名时可能属正常）",
    ),
    (
        "DUPLICATE_CONTENT",
        {"severity": "warning", "ratio": 100, "other_agency": "某某市人力资源和社会保障局", "other_path": "copy.txt"},
        "正文约 100% 的内容与“某某市人力资源和社会保障局”的报告相同，可能存在内容雷同",
    ),
    (
        "EMPTY_CELL",
        {
            "table": "table2",
            "table_short": "表二",
            "row": "licensing",
            "row_label": "行政许可",
            "col_labels": ["处理决定数量"],
            "severity": "warning",
        },
        "表二「行政许可」行的 处理决定数量 未填写数字（空白或“/”“—”），无法核验，应填 0",
    ),
    (
        "FEE_NOT_REPORTED",
        {"has_section": False, "severity": "warning"},
        "2021版格式的报告应在报告中说明信息处理费的收取情况，但未找到“信息处理费”",
    ),
    (
        "LABEL_ALTERED",
        {"table_short": "表二", "found": "规章¦", "official": "规章", "severity": "warning"},
        "表二标签“规章¦”与官方表述“规章”不一致",
    ),
    (
        "LATE_PUBLICATION",
        {
            "date": "2025-02-20",
            "due": "2025-01-31",
            "kind": "department",
            "year": 2024,
            "dated": "signed",
            "regulation": "2019",
            "severity": "warning",
        },
        "2024年度报告的落款日期为 2025-02-20，晚于发布期限 2025-01-31（按县级以上人民政府部门计，2019年修订的《政府信息公开条例》第四十九条规定为次年1月31日前）",
    ),
    (
        "LATE_PUBLICATION",
        {
            "date": "2014-04-02",
            "due": "2014-03-31",
            "kind": "department",
            "year": 2013,
            "dated": "published",
            "regulation": "2008",
            "severity": "warning",
        },
        "2013年度报告的发布日期为 2014-04-02，晚于发布期限 2014-03-31（2018年度及以前的报告适用2008年施行的《政府信息公开条例》第三十一条，各级行政机关均为次年3月31日前）",
    ),
    (
        "NARRATIVE_SUM",
        {"total": 5, "unit": "篇", "parts": [3, 3], "sum": 6, "quote": "共发布解读5篇", "severity": "error"},
        "正文“共发布解读5篇”：其中各项 3 + 3 = 6篇，多于所述总数 5篇",
    ),
    (
        "NARRATIVE_TABLE",
        {
            "what": "行政复议",
            "stated": 35,
            "table_value": 14,
            "table_short": "表四",
            "cells_label": "行政复议·总计",
            "severity": "error",
        },
        "正文称行政复议 35，但表四「行政复议·总计」为 14",
    ),
    (
        "NEGATIVE",
        {
            "table_short": "表三",
            "row_label": "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
            "col_label": "自然人",
            "value": -1,
            "severity": "error",
        },
        "表三「(二)部分公开(区分处理的,只计这一情形,不计其他情形)」行「自然人」列为负数 -1，该项不应为负",
    ),
    (
        "NOT_A_NUMBER",
        {
            "table_short": "表四",
            "row_label": "行政复议",
            "col_label": "其他结果",
            "raw": "无",
            "note": "",
            "severity": "error",
        },
        "表四「行政复议」行「其他结果」列应为数字，实际为“无”",
    ),
    (
        "NOT_A_REPORT",
        {"severity": "error"},
        "未能在文件中识别出政府信息公开工作年度报告（没有报告标题、章节或规定的表格）",
    ),
    (
        "PERCENT",
        {"part": 16, "total": 26, "stated": Decimal("65.5"), "actual": Decimal("61.54"), "severity": "warning"},
        "正文所述占比 65.5% 与数字不符：16 ÷ 26 = 61.54%",
    ),
    (
        "SECTION_MISSING",
        {"number": 1, "number_cn": "一", "title": "一、总体情况", "severity": "warning"},
        "未找到第一部分「一、总体情况」",
    ),
    (
        "T3_BALANCE",
        {
            "col": "other_org",
            "col_label": "其他",
            "new": 1,
            "carried_over": 0,
            "total_processed": 0,
            "carried_forward": 0,
            "left": 1,
            "right": 0,
            "diff": 1,
            "severity": "error",
        },
        "其他列：本年新收 1 + 上年结转 0 = 1，办理结果总计 0 + 结转下年度 0 = 0，两边相差 1",
    ),
    (
        "T3_OUTCOME_SUM",
        {
            "col": "total",
            "col_label": "总计",
            "total_label": "(七)总计",
            "parts": [
                ("(一)予以公开", 0),
                ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", 0),
                ("不予公开1.属于国家秘密", 0),
                ("不予公开2.其他法律行政法规禁止公开", 0),
                ("不予公开3.危及“三安全一稳定”", 0),
                ("不予公开4.保护第三方合法权益", 0),
                ("不予公开5.属于三类内部事务信息", 0),
                ("不予公开6.属于四类过程性信息", 0),
                ("不予公开7.属于行政执法案卷", 0),
                ("不予公开8.属于行政查询事项", 0),
                ("无法提供1.本机关不掌握相关政府信息", 0),
                ("无法提供2.没有现成信息需要另行制作", 0),
                ("无法提供3.补正后申请内容仍不明确", 0),
                ("不予处理1.信访举报投诉类申请", 0),
                ("不予处理2.重复申请", 0),
                ("不予处理3.要求提供公开出版物", 0),
                ("不予处理4.无正当理由大量反复申请", 0),
                ("不予处理5.要求行政机关确认或重新出具已获取信息", 0),
                ("(六)其他处理", 4),
            ],
            "sum": 4,
            "total": 0,
            "diff": 4,
            "severity": "error",
        },
        "总计列：各项办理结果之和 (一)予以公开 0 + (二)部分公开(区分处理的,只计这一情形,不计其他情形) 0 + 不予公开1.属于国家秘密 0 + 不予公开2.其他法律行政法规禁止公开 0 + 不予公开3.危及“三安全一稳定” 0 + 不予公开4.保护第三方合法权益 0 + 不予公开5.属于三类内部事务信息 0 + 不予公开6.属于四类过程性信息 0 + 不予公开7.属于行政执法案卷 0 + 不予公开8.属于行政查询事项 0 + 无法提供1.本机关不掌握相关政府信息 0 + 无法提供2.没有现成信息需要另行制作 0 + 无法提供3.补正后申请内容仍不明确 0 + 不予处理1.信访举报投诉类申请 0 + 不予处理2.重复申请 0 + 不予处理3.要求提供公开出版物 0 + 不予处理4.无正当理由大量反复申请 0 + 不予处理5.要求行政机关确认或重新出具已获取信息 0 + (六)其他处理 4 = 4，但(七)总计填写为 0，相差 4",
    ),
    (
        "T3_ROW_TOTAL",
        {
            "row": "granted",
            "row_label": "(一)予以公开",
            "total_label": "总计",
            "parts": [
                ("自然人", 74),
                ("商业企业", 2),
                ("科研机构", 0),
                ("社会公益组织", 0),
                ("法律服务机构", 0),
                ("其他", 0),
            ],
            "sum": 76,
            "total": 75,
            "diff": 1,
            "severity": "error",
        },
        "(一)予以公开行：各分项之和 自然人 74 + 商业企业 2 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0 = 76，但总计填写为 75，相差 1",
    ),
    (
        "T4_TOTAL",
        {
            "row": "review",
            "row_label": "行政复议",
            "total_label": "总计",
            "parts": [("结果维持", 12), ("结果纠正", 0), ("其他结果", 1), ("尚未审结", 1)],
            "sum": 14,
            "total": 15,
            "diff": -1,
            "severity": "error",
        },
        "行政复议行：各分项之和 结果维持 12 + 结果纠正 0 + 其他结果 1 + 尚未审结 1 = 14，但总计填写为 15，相差 -1",
    ),
    (
        "TABLE_MISSING",
        {"table": "table2", "format": "2021", "severity": "error"},
        "未找到表二 主动公开政府信息情况（2021版格式要求必须包含）",
    ),
    (
        "UNCERTAIN_CELL",
        {
            "table": "table2",
            "table_short": "表二",
            "row_labels": ["规章"],
            "cell_labels": ["「规章」本年新制作数量", "「规章」本年新公开数量", "「规章」对外公开总数量"],
            "raw": "0",
            "reason": "unaligned",
            "options": [],
            "severity": "warning",
        },
        "表二「规章」的数字“0”无法确定：无法确定这些数字属于哪一行或哪一列。已留空，请对照原文填写",
    ),
    (
        "YEAR_SWING",
        {
            "severity": "info",
            "table": "table2",
            "cell_label": "「行政许可」处理决定数量",
            "year": 2019,
            "last_year": 2018,
            "now": 10,
            "before": 2,
        },
        "表二「行政许可」处理决定数量：2019年 10，2018年度报告为 2，为上年的 5 倍；变化较大，请核实是否填错",
    ),
]

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_rule_of_the_format_is_declared_once_with_its_severities() -> None:
    assert set(RULES) == set(FORMAT_RULES)
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id
        assert set(rule.severities) == FORMAT_RULES[rule_id], rule_id
    names = [r.name for r in RULES.values()]
    assert len(set(names)) == len(names)  # no two rules share a name
    assert {r.id: r.name for r in RULES.values()} == messages.RULE_NAMES


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_a_declaration_names_explains_and_checks(rule: Rule) -> None:
    assert CJK.search(rule.name) and rule.english.isascii() and rule.english[:1].isupper()
    assert CJK.search(rule.explanation) and len(rule.explanation) > 8
    assert rule.example.startswith("例：")
    assert rule.id not in rule.explanation + rule.example  # ids never reach the officer
    module, name = rule.check.rsplit(".", 1)
    check = getattr(importlib.import_module(module), name)
    assert check in TABLE_RULES + NARRATIVE_RULES + batch_rules()  # and it runs


def test_every_rule_renders_its_message_from_sample_figures() -> None:
    assert {rule for rule, _, _ in SAMPLES} == set(RULES)
    for rule, figures, message in SAMPLES:
        assert messages.render(rule, figures) == message, rule


def test_a_rule_not_declared_has_no_message() -> None:
    with pytest.raises(KeyError):
        messages.render("NO_SUCH_RULE", {})
