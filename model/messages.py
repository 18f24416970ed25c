"""Audit messages in Chinese, built in one place from a rule id and its figures."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from model.report import Number
from model.schema import SECTION_TITLES, TABLE2, TABLE3, TABLE4, TABLE_TITLES, table_schema

TABLE_SHORT = {TABLE2: "表二", TABLE3: "表三", TABLE4: "表四"}
FORMAT_NAMES = {"2019": "2019版", "2021": "2021版", "pre2019": "2019年以前", "unknown": "未识别"}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}

RULE_NAMES = {
    "T3_BALANCE": "表三勾稽关系",
    "T3_OUTCOME_SUM": "表三办理结果合计",
    "T3_ROW_TOTAL": "表三行总计",
    "T4_TOTAL": "表四总计",
    "EMPTY_CELL": "空白单元格",
    "ROW_MISSING": "缺少行或列",
    "LABEL_ALTERED": "标签与官方格式不一致",
    "NOT_A_NUMBER": "非数字内容",
    "NEGATIVE": "负数",
    "TABLE_MISSING": "缺少表格",
    "SECTION_MISSING": "缺少章节",
    "FORMAT_OUTDATED": "表格格式与年度不符",
    "NARRATIVE_SUM": "正文数字加总不符",
    "NARRATIVE_TABLE": "正文与表格不一致",
    "PERCENT": "百分比不符",
    "CROSS_YEAR_CARRY": "跨年度结转不符",
    "DUPLICATE_CONTENT": "内容雷同",
    "LATE_PUBLICATION": "发布逾期",
    "FEE_NOT_REPORTED": "未说明信息处理费",
    "UNCERTAIN_CELL": "无法确定的单元格",
    "NOT_A_REPORT": "不是年度报告",
    "CROSS_YEAR_IN_FORCE": "跨年度件数不衔接",
    "COPIED_FROM_LAST_YEAR": "问题及改进照搬上年",
    "YEAR_SWING": "数量较上年大幅变化",
}
_UNCERTAIN_WHY = {
    "splits": "数字连在一起，有多种拆分都符合表格的勾稽关系",
    "no_split": "数字连在一起，没有一种拆分符合表格的勾稽关系",
    "too_many": "数字连在一起，可能的拆分过多",
    "no_rule": "数字连在一起，该行没有可用于拆分的勾稽关系",
    "too_long": "数字位数远超实际可能，无法读取",
    "unaligned": "无法确定这些数字属于哪一行或哪一列",
}
_MAX_OPTIONS_SHOWN = 3
# LATE_PUBLICATION: the kind of agency assumed, and the deadline the 2019 条例 sets for it.
_KINDS = {
    "department": "按县级以上人民政府部门计，2019年修订的《政府信息公开条例》第四十九条规定为次年1月31日前",
    "government": "按县级以上人民政府计，2019年修订的《政府信息公开条例》第四十九条规定为次年3月31日前",
    "zone": "按开发区、新区等管委会计，视同本级人民政府，2019年修订的《政府信息公开条例》第四十九条规定为次年3月31日前",
    "township": "按乡镇、街道计，为次年3月31日前",
    "other": "机关类型不明，按次年3月31日计",
}
_REGULATION_2008 = "2018年度及以前的报告适用2008年施行的《政府信息公开条例》第三十一条，各级行政机关均为次年3月31日前"

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)")


_HUGE_BITS = 100  # about 30 digits: far beyond any count or amount a report holds


def fmt_num(value: Number | Decimal | None) -> str:
    """A figure as the officer reads it; never raises, however large the figure.

    Python refuses to turn an integer of more than 4,300 digits into text (and printing
    one would fill the message), so a figure beyond about 30 digits is shown by its first
    digits and its length."""
    if value is None:
        return "空"
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) >= 1e30:
            return "一个位数过多的数" if not math.isfinite(value) else f"{value:.6g}"
        return f"{value:.6f}".rstrip("0").rstrip(".")
    if isinstance(value, int) and value.bit_length() > _HUGE_BITS:
        exponent = math.log10(abs(value))
        digits = math.floor(exponent) + 1
        if abs(value) < 10 ** (digits - 1):  # the logarithm rounded up to a power of ten
            digits -= 1
        lead = max(100_000, min(int(10 ** (exponent - digits + 6)), 999_999))
        return f"{'-' if value < 0 else ''}{lead}…（共 {digits} 位）"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # never in exponent form: 1E+2 is 100
    return str(value)


def row_label(table: str, fmt: str, row: str) -> str:
    schema = table_schema(table, fmt)
    if schema is None:
        return row
    try:
        r = schema.row(row)
    except KeyError:
        # The single （六）其他处理 row a 2021 report may print.
        variant = table_schema(table, fmt, single_other=True)
        if variant is None or row not in variant.row_ids():
            return row
        r = variant.row(row)
    label = r.label
    if table == TABLE3 and r.group and label[:1].isdigit():
        label = _NUMBERING.sub("", r.group) + label
    if table == TABLE4 and r.group != r.label:
        label = f"{r.group}（{label}）"
    return label


def col_label(table: str, fmt: str, col: str) -> str:
    schema = table_schema(table, fmt)
    if schema is None:
        return col
    return schema.col_labels.get(col, col)


def cell_label(table: str, fmt: str, row: str, col: str) -> str:
    """A cell named for the officer: 「row」col."""
    return f"「{row_label(table, fmt, row)}」{col_label(table, fmt, col)}"


_RAW_SHOWN = 40


def _shortened(raw: str) -> str:
    """Source text quoted in a message, cut when it is longer than a row can be."""
    return raw if len(raw) <= _RAW_SHOWN else f"{raw[:_RAW_SHOWN // 2]}…（共 {len(raw)} 字）"


def _uncertain(f: dict[str, Any]) -> str:
    rows = "、".join(f"「{r}」" for r in f["row_labels"])
    text = f"{f['table_short']}{rows}的数字“{_shortened(f['raw'])}”无法确定：{_UNCERTAIN_WHY[f['reason']]}"
    options = f["options"]
    if 0 < len(options) <= _MAX_OPTIONS_SHOWN:
        shown = "；".join(" ".join(fmt_num(v) for v in option) for option in options)
        text += f"。可能的读法：{shown}"
    return text + "。已留空，请对照原文填写"


def _sum_text(parts: list[tuple[str, Number]]) -> str:
    return " + ".join(f"{name} {fmt_num(v)}" for name, v in parts)


def _in_force(f: dict[str, Any]) -> str:
    """CROSS_YEAR_IN_FORCE: the 2021 form's 现行有效件数, or the 2019 form's 上一年项目数量."""
    last = f"{f['last_year']}年度报告"
    if f["format"] == "2021":
        return (
            f"表二「{f['row_label']}」：{last}现行有效 {fmt_num(f['before'])} 件 + 本年制发 {fmt_num(f['added'])} 件"
            f" − 本年废止 {fmt_num(f['removed'])} 件 = {fmt_num(f['expected'])} 件，"
            f"但{f['year']}年现行有效件数为 {fmt_num(f['now'])}（文件有效期届满失效、机构调整时可能属正常）"
        )
    return (
        f"表二「{f['row_label']}」：{last}上一年项目数量 {fmt_num(f['before'])} + 本年增/减 {fmt_num(f['change'])}"
        f" = {fmt_num(f['expected'])}，但{f['year']}年“上一年项目数量”为 {fmt_num(f['now'])}"
        f"（机构调整、事项划转时可能属正常）"
    )


def _swing(f: dict[str, Any]) -> str:
    """YEAR_SWING: how far a volume moved from last year's."""
    now, before = f["now"], f["before"]
    if before == 0 or now == 0:
        change = f"由 {fmt_num(before)} 变为 {fmt_num(now)}"
    elif now > before:
        change = f"为上年的 {fmt_num(round(now / before, 1))} 倍"
    else:
        share = now * 100 / before
        change = f"仅为上年的 {fmt_num(round(share))}%" if share >= 1 else "不足上年的 1%"
    return (
        f"{TABLE_SHORT[f['table']]}{f['cell_label']}：{f['year']}年 {fmt_num(now)}，"
        f"{f['last_year']}年度报告为 {fmt_num(before)}，{change}；变化较大，请核实是否填错"
    )


def render(rule: str, f: dict[str, Any]) -> str:
    """The message for `rule` with figures `f`."""
    if rule == "T3_BALANCE":
        return (
            f"{f['col_label']}列：本年新收 {fmt_num(f['new'])} + 上年结转 {fmt_num(f['carried_over'])} = "
            f"{fmt_num(f['left'])}，办理结果总计 {fmt_num(f['total_processed'])} + 结转下年度 "
            f"{fmt_num(f['carried_forward'])} = {fmt_num(f['right'])}，两边相差 {fmt_num(f['diff'])}"
        )
    if rule in ("T3_OUTCOME_SUM", "T3_ROW_TOTAL", "T4_TOTAL"):
        where = f"{f['col_label']}列" if rule == "T3_OUTCOME_SUM" else f"{f['row_label']}行"
        what = "各项办理结果之和" if rule == "T3_OUTCOME_SUM" else "各分项之和"
        return (
            f"{where}：{what} {_sum_text(f['parts'])} = {fmt_num(f['sum'])}，"
            f"但{f['total_label']}填写为 {fmt_num(f['total'])}，相差 {fmt_num(f['diff'])}"
        )
    if rule == "EMPTY_CELL":
        cols = "、".join(f["col_labels"])
        return f"{f['table_short']}「{f['row_label']}」行的 {cols} 未填写数字（空白或“/”“—”），无法核验，应填 0"
    if rule == "UNCERTAIN_CELL":
        return _uncertain(f)
    if rule == "NOT_A_REPORT":
        return "未能在文件中识别出政府信息公开工作年度报告（没有报告标题、章节或规定的表格）"
    if rule == "NOT_A_NUMBER":
        extra = f"（{f['note']}）" if f.get("note") else ""
        return f"{f['table_short']}「{f['row_label']}」行「{f['col_label']}」列应为数字，实际为“{f['raw']}”{extra}"
    if rule == "NEGATIVE":
        return f"{f['table_short']}「{f['row_label']}」行「{f['col_label']}」列为负数 {fmt_num(f['value'])}，该项不应为负"
    if rule == "ROW_MISSING":
        if f.get("col_label"):
            return f"{f['table_short']}缺少「{f['col_label']}」列，官方模板中的该栏目被删除"
        return f"{f['table_short']}缺少「{f['row_label']}」行，官方模板中的该项被删除"
    if rule == "LABEL_ALTERED":
        return f"{f['table_short']}标签“{f['found']}”与官方表述“{f['official']}”不一致"
    if rule == "TABLE_MISSING":
        return f"未找到{TABLE_TITLES[f['table']]}（{FORMAT_NAMES[f['format']]}格式要求必须包含）"
    if rule == "SECTION_MISSING":
        return f"未找到第{f['number_cn']}部分「{f['title']}」"
    if rule == "FORMAT_OUTDATED":
        if f["severity"] == "error":
            return f"{f['year']}年度报告应使用2021版表格（国办公开办函〔2021〕30号），但使用了2019版表格"
        return f"{f['year']}年度报告使用了2021版表格，应为2019版；年度或格式可能识别有误"
    if rule == "NARRATIVE_SUM" and f.get("part_word"):
        return (
            f"正文“{f['quote']}”：{f['part_word']} {fmt_num(f['sum'])}{f['unit']}，"
            f"多于{f['whole_word']} {fmt_num(f['total'])}{f['unit']}（{f['part_word']}数不应多于{f['whole_word']}数）"
        )
    if rule == "NARRATIVE_SUM":
        parts = " + ".join(fmt_num(p) for p in f["parts"])
        relation = "多于" if f["sum"] > f["total"] else "少于"
        return (
            f"正文“{f['quote']}”：其中各项 {parts} = {fmt_num(f['sum'])}{f['unit']}，"
            f"{relation}所述总数 {fmt_num(f['total'])}{f['unit']}"
        )
    if rule == "PERCENT":
        return (
            f"正文所述占比 {fmt_num(f['stated'])}% 与数字不符：{fmt_num(f['part'])} ÷ {fmt_num(f['total'])} = "
            f"{fmt_num(f['actual'])}%"
        )
    if rule == "NARRATIVE_TABLE":
        return (
            f"正文称{f['what']} {fmt_num(f['stated'])}，但{f['table_short']}「{f['cells_label']}」"
            f"为 {fmt_num(f['table_value'])}"
        )
    if rule == "CROSS_YEAR_CARRY":
        return (
            f"表三{f['col_label']}列：{f['year']}年“上年结转” {fmt_num(f['now'])}，"
            f"与{f['last_year']}年报告的“结转下年度继续办理” {fmt_num(f['before'])} 不一致（机构合并、更名时可能属正常）"
        )
    if rule == "CROSS_YEAR_IN_FORCE":
        return _in_force(f)
    if rule == "YEAR_SWING":
        return _swing(f)
    if rule == "COPIED_FROM_LAST_YEAR":
        return (
            f"第五部分「{_NUMBERING.sub('', SECTION_TITLES[4])}」约 {f['ratio']}% 的文字与{f['last_year']}年度报告相同，"
            f"可能照搬了上年的问题和改进情况"
        )
    if rule == "DUPLICATE_CONTENT":
        other = f["other_agency"] or f["other_path"]
        return f"正文约 {f['ratio']}% 的内容与“{other}”的报告相同，可能存在内容雷同"
    if rule == "FEE_NOT_REPORTED":
        where = "第六部分「其他需要报告的事项」" if f["has_section"] else "报告中"
        return f"2021版格式的报告应在{where}说明信息处理费的收取情况，但未找到“信息处理费”"
    if rule == "LATE_PUBLICATION":
        dated = "发布日期" if f.get("dated") == "published" else "落款日期"
        basis = _REGULATION_2008 if f.get("regulation") == "2008" else _KINDS[f["kind"]]
        return f"{f['year']}年度报告的{dated}为 {f['date']}，晚于发布期限 {f['due']}（{basis}）"
    raise KeyError(rule)
