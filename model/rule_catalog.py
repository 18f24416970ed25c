"""Every audit rule, declared once: its id, severities, Chinese name, name in the English
interface, message, the function that checks it, and its explanation in the guide.

What reads a rule reads it here: `model.messages` (the names and `render`), the interface
(`ui.labels`), the guide (`ui.help`), the workbooks and the printed audit (through
`RULE_NAMES`). A rule's check lives with its kind — `model.rules` (one report's tables),
`model.narrative_rules` (its text), `model.batch_rules` (across a batch) — and its
declaration names it (`check`, a test holds the name to the function registered there).

Adding a rule: its check in one of those modules, its declaration here, a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from model.findings import ERROR, INFO, WARNING
from model.schema import SECTION_TITLES, TABLE_TITLES
from model.wording import FORMAT_NAMES, NUMBERING, SEVERITY_NAMES, TABLE_SHORT, fmt_num, shortened

Figures = dict[str, Any]


@dataclass(frozen=True)
class Rule:
    """One audit rule as the program knows it."""

    id: str  # as FORMAT.md §3 names it, in the JSON and the workspace
    severities: tuple[str, ...]  # the severities its findings have
    name: str  # Chinese: the findings panel, the workbooks, the printed audit, the guide
    english: str  # its name in the English interface
    message: Callable[[Figures], str]  # the finding's message from its figures
    check: str  # the function that finds it, "module.function"
    explanation: str  # the guide's paragraph (HTML; {{rule:ID}} names another rule)
    example: str  # the guide's example
    severity_note: str = ""  # the guide's words for the severity, where the case decides it

    @property
    def severity_words(self) -> str:
        """The severity as the guide's heading says it: 错误, 错误或警告 …"""
        return self.severity_note or "或".join(SEVERITY_NAMES[s] for s in self.severities)


# ---- the messages --------------------------------------------------------------------


def _t3_balance(f: Figures) -> str:
    return (
        f"{f['col_label']}列：本年新收 {fmt_num(f['new'])} + 上年结转 {fmt_num(f['carried_over'])} = "
        f"{fmt_num(f['left'])}，办理结果总计 {fmt_num(f['total_processed'])} + 结转下年度 "
        f"{fmt_num(f['carried_forward'])} = {fmt_num(f['right'])}，两边相差 {fmt_num(f['diff'])}"
    )


def _sum_text(parts: list[tuple[str, Any]]) -> str:
    return " + ".join(f"{name} {fmt_num(v)}" for name, v in parts)


def _sum_message(where: str, what: str, f: Figures) -> str:
    return (
        f"{where}：{what} {_sum_text(f['parts'])} = {fmt_num(f['sum'])}，"
        f"但{f['total_label']}填写为 {fmt_num(f['total'])}，相差 {fmt_num(f['diff'])}"
    )


def _t3_outcome_sum(f: Figures) -> str:
    return _sum_message(f"{f['col_label']}列", "各项办理结果之和", f)


def _t3_row_total(f: Figures) -> str:
    return _sum_message(f"{f['row_label']}行", "各分项之和", f)


def _t4_total(f: Figures) -> str:
    return _sum_message(f"{f['row_label']}行", "各分项之和", f)


def _empty_cell(f: Figures) -> str:
    cols = "、".join(f["col_labels"])
    return f"{f['table_short']}「{f['row_label']}」行的 {cols} 未填写数字（空白或“/”“—”），无法核验，应填 0"


UNCERTAIN_WHY = {
    "splits": "数字连在一起，有多种拆分都符合表格的勾稽关系",
    "no_split": "数字连在一起，没有一种拆分符合表格的勾稽关系",
    "too_many": "数字连在一起，可能的拆分过多",
    "no_rule": "数字连在一起，该行没有可用于拆分的勾稽关系",
    "too_long": "数字位数远超实际可能，无法读取",
    "unaligned": "无法确定这些数字属于哪一行或哪一列",
    "ocr": "扫描件中该数字识别的把握不大，请对照原件核对",
    "ocr_confusable": "扫描件中的数字与勾稽关系不符，只改动一个容易认错的数字（如 8 与 3、1 与 7、0 与 6）即可相符，请对照原件核对",
}
_MAX_OPTIONS_SHOWN = 3


def _uncertain_cell(f: Figures) -> str:
    rows = "、".join(f"「{r}」" for r in f["row_labels"])
    text = f"{f['table_short']}{rows}的数字“{shortened(f['raw'])}”无法确定：{UNCERTAIN_WHY[f['reason']]}"
    options = f["options"]
    if 0 < len(options) <= _MAX_OPTIONS_SHOWN:
        shown = "；".join(" ".join(fmt_num(v) for v in option) for option in options)
        text += f"。可能的读法：{shown}"
    return text + "。已留空，请对照原文填写"


def _not_a_report(_f: Figures) -> str:
    return "未能在文件中识别出政府信息公开工作年度报告（没有报告标题、章节或规定的表格）"


def _not_a_number(f: Figures) -> str:
    extra = f"（{f['note']}）" if f.get("note") else ""
    return f"{f['table_short']}「{f['row_label']}」行「{f['col_label']}」列应为数字，实际为“{f['raw']}”{extra}"


def _negative(f: Figures) -> str:
    return f"{f['table_short']}「{f['row_label']}」行「{f['col_label']}」列为负数 {fmt_num(f['value'])}，该项不应为负"


def _row_missing(f: Figures) -> str:
    if f.get("col_label"):
        return f"{f['table_short']}缺少「{f['col_label']}」列，官方模板中的该栏目被删除"
    return f"{f['table_short']}缺少「{f['row_label']}」行，官方模板中的该项被删除"


def _label_altered(f: Figures) -> str:
    return f"{f['table_short']}标签“{f['found']}”与官方表述“{f['official']}”不一致"


def _table_missing(f: Figures) -> str:
    return f"未找到{TABLE_TITLES[f['table']]}（{FORMAT_NAMES[f['format']]}格式要求必须包含）"


def _section_missing(f: Figures) -> str:
    return f"未找到第{f['number_cn']}部分「{f['title']}」"


def _format_outdated(f: Figures) -> str:
    if f["severity"] == ERROR:
        return f"{f['year']}年度报告应使用2021版表格（国办公开办函〔2021〕30号），但使用了2019版表格"
    return f"{f['year']}年度报告使用了2021版表格，应为2019版；年度或格式可能识别有误"


def _narrative_sum(f: Figures) -> str:
    if f.get("part_word"):  # one count over the count it is part of
        return (
            f"正文“{f['quote']}”：{f['part_word']} {fmt_num(f['sum'])}{f['unit']}，"
            f"多于{f['whole_word']} {fmt_num(f['total'])}{f['unit']}（{f['part_word']}数不应多于{f['whole_word']}数）"
        )
    parts = " + ".join(fmt_num(p) for p in f["parts"])
    relation = "多于" if f["sum"] > f["total"] else "少于"
    return (
        f"正文“{f['quote']}”：其中各项 {parts} = {fmt_num(f['sum'])}{f['unit']}，"
        f"{relation}所述总数 {fmt_num(f['total'])}{f['unit']}"
    )


def _percent(f: Figures) -> str:
    return (
        f"正文所述占比 {fmt_num(f['stated'])}% 与数字不符：{fmt_num(f['part'])} ÷ {fmt_num(f['total'])} = "
        f"{fmt_num(f['actual'])}%"
    )


def _narrative_table(f: Figures) -> str:
    return (
        f"正文称{f['what']} {fmt_num(f['stated'])}，但{f['table_short']}「{f['cells_label']}」"
        f"为 {fmt_num(f['table_value'])}"
    )


def _cross_year_carry(f: Figures) -> str:
    return (
        f"表三{f['col_label']}列：{f['year']}年“上年结转” {fmt_num(f['now'])}，"
        f"与{f['last_year']}年报告的“结转下年度继续办理” {fmt_num(f['before'])} 不一致（机构合并、更名时可能属正常）"
    )


def _cross_year_in_force(f: Figures) -> str:
    """The 2021 form's 现行有效件数, or the 2019 form's 上一年项目数量."""
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


def _year_swing(f: Figures) -> str:
    """How far a volume moved from last year's."""
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


def _copied_from_last_year(f: Figures) -> str:
    return (
        f"第五部分「{NUMBERING.sub('', SECTION_TITLES[4])}」约 {f['ratio']}% 的文字与{f['last_year']}年度报告相同，"
        f"可能照搬了上年的问题和改进情况"
    )


def _duplicate_content(f: Figures) -> str:
    other = f["other_agency"] or f["other_path"]
    return f"正文约 {f['ratio']}% 的内容与“{other}”的报告相同，可能存在内容雷同"


def _fee_not_reported(f: Figures) -> str:
    where = "第六部分「其他需要报告的事项」" if f["has_section"] else "报告中"
    return f"2021版格式的报告应在{where}说明信息处理费的收取情况，但未找到“信息处理费”"


# LATE_PUBLICATION: the kind of agency assumed, and the deadline the 2019 条例 sets for it.
DEADLINE_KINDS = {
    "department": "按县级以上人民政府部门计，2019年修订的《政府信息公开条例》第四十九条规定为次年1月31日前",
    "government": "按县级以上人民政府计，2019年修订的《政府信息公开条例》第四十九条规定为次年3月31日前",
    "zone": "按开发区、新区等管委会计，视同本级人民政府，2019年修订的《政府信息公开条例》第四十九条规定为次年3月31日前",
    "township": "按乡镇、街道计，为次年3月31日前",
    "other": "机关类型不明，按次年3月31日计",
}
REGULATION_2008 = "2018年度及以前的报告适用2008年施行的《政府信息公开条例》第三十一条，各级行政机关均为次年3月31日前"


def _late_publication(f: Figures) -> str:
    dated = "发布日期" if f.get("dated") == "published" else "落款日期"
    basis = REGULATION_2008 if f.get("regulation") == "2008" else DEADLINE_KINDS[f["kind"]]
    return f"{f['year']}年度报告的{dated}为 {f['date']}，晚于发布期限 {f['due']}（{basis}）"


# ---- the declarations, in the guide's order -------------------------------------------

T3_BALANCE = Rule(
    "T3_BALANCE",
    (ERROR,),
    "表三勾稽关系",
    "Table 3 balance",
    _t3_balance,
    "model.rules.t3_balance",
    explanation="表三每一列都应满足表样上印明的关系：本年新收 + 上年结转 = 办理结果总计 + 结转下年度。",
    example="例：总计列本年新收 120、上年结转 5，共 125；办理结果总计 118、结转下年度 4，共 122，两边相差 3。",
)

T3_OUTCOME_SUM = Rule(
    "T3_OUTCOME_SUM",
    (ERROR,),
    "表三办理结果合计",
    "Table 3 outcome total",
    _t3_outcome_sum,
    "model.rules.t3_outcome_sum",
    explanation="表三每一列的“（七）总计”应等于（一）至（六）各项办理结果之和。",
    example="例：自然人列予以公开 50、部分公开 10、不予公开 5、无法提供 20、不予处理 3、其他处理 2，合计 90，但总计填写为 95。",
)

T3_ROW_TOTAL = Rule(
    "T3_ROW_TOTAL",
    (ERROR,),
    "表三行总计",
    "Table 3 row total",
    _t3_row_total,
    "model.rules.t3_row_total",
    explanation="表三每一行的“总计”应等于自然人和五类法人或其他组织之和。",
    example="例：本年新收一行自然人 100、商业企业 8、其余为 0，合计 108，但总计填写为 110。",
)

T4_TOTAL = Rule(
    "T4_TOTAL",
    (ERROR,),
    "表四总计",
    "Table 4 total",
    _t4_total,
    "model.rules.t4_total",
    explanation="表四每一组的“总计”应等于结果维持、结果纠正、其他结果、尚未审结四项之和。",
    example="例：行政复议结果维持 3、结果纠正 1、其他结果 0、尚未审结 1，合计 5，但总计填写为 4。",
)

EMPTY_CELL = Rule(
    "EMPTY_CELL",
    (WARNING,),
    "空白单元格",
    "Blank cell",
    _empty_cell,
    "model.rules.empty_cells",
    explanation="表格中的单元格没有填写数字，或只写了“/”“—”。这样的数字无法核验，按要求应填 0。",
    example="例：表二“行政许可”的处理决定数量空着。",
)

ROW_MISSING = Rule(
    "ROW_MISSING",
    (ERROR,),
    "缺少行或列",
    "Row or column missing",
    _row_missing,
    "model.rules.row_missing",
    explanation="官方表样中的某一行或某一列整个不见了，即报告删改了模板。每缺一行只报一次，不按单元格重复。",
    example="例：表三中没有“8.属于行政查询事项”这一行。",
)

LABEL_ALTERED = Rule(
    "LABEL_ALTERED",
    (WARNING,),
    "标签与官方格式不一致",
    "Label differs from the form",
    _label_altered,
    "model.rules.label_altered",
    explanation="行名或列名与官方表述不同（标点、空格的差别不算）。程序仍会读取该行，但提醒您核对是否用了正确的表样。",
    example="例：2021 版表二中写成“规范性文件”，官方表述为“行政规范性文件”。",
)

NOT_A_NUMBER = Rule(
    "NOT_A_NUMBER",
    (ERROR,),
    "非数字内容",
    "Not a number",
    _not_a_number,
    "model.rules.not_a_number",
    explanation="应填数字的单元格里写的是文字。",
    example="例：表三某格写着“无”。",
)

NEGATIVE = Rule(
    "NEGATIVE",
    (ERROR,),
    "负数",
    "Negative number",
    _negative,
    "model.rules.negative",
    explanation="数量出现负数。只有 2019 版表二的“本年增/减”可以为负。",
    example="例：表四“尚未审结”为 -1。",
)

TABLE_MISSING = Rule(
    "TABLE_MISSING",
    (ERROR,),
    "缺少表格",
    "Table missing",
    _table_missing,
    "model.rules.table_missing",
    explanation="2019 版或 2021 版格式的报告缺少表二、表三或表四（表格确实不存在；表格在但读不清的情况见“{{rule:UNCERTAIN_CELL}}”）。",
    example="例：报告第四部分只有文字，没有行政复议、行政诉讼情况表。",
)

SECTION_MISSING = Rule(
    "SECTION_MISSING",
    (WARNING,),
    "缺少章节",
    "Section missing",
    _section_missing,
    "model.rules.section_missing",
    explanation="报告应有六个部分（总体情况、主动公开、依申请公开、复议诉讼、存在的问题及改进情况、其他需要报告的事项），其中某一部分没有找到。",
    example="例：找不到“五、存在的主要问题及改进情况”。",
)

FORMAT_OUTDATED = Rule(
    "FORMAT_OUTDATED",
    (ERROR, WARNING),
    "表格格式与年度不符",
    "Format does not match the year",
    _format_outdated,
    "model.rules.format_outdated",
    explanation=(
        "2021 年度及以后的报告必须使用 2021 版表格（国办公开办函〔2021〕30号），仍用 201"
        "9 版为错误；2019、2020 年度的报告用了 2021 版则为警告（年度或格式可能识别有误）。"
    ),
    example="例：2022 年度报告的表二仍有“本年新制作数量”“上一年项目数量”等 2019 版栏目。",
)

NARRATIVE_SUM = Rule(
    "NARRATIVE_SUM",
    (ERROR, WARNING),
    "正文数字加总不符",
    "Figures in the text do not add up",
    _narrative_sum,
    "model.narrative_rules.narrative_sum",
    explanation=(
        "正文中的“共……其中……”等句子，各分项之和与所述总数不符。分项可以写在“其中”“包括”“分别为”之后、括号里、"
        "“在……的N条信息中，……”之后，或在下一句逐项列出并注明占比；办理结果（予以公开……其他处理）也与答复总数相加核对。"
        "分项少于总数只在列举完整时才提示（如最后一项是“其他”，以“分别为”开头，或各项占比合计100%）；"
        "“主要包括”“主要类别有”只是列举，少于总数不提示。一个数是另一个数的一部分时也不能多于它，"
        "如答复数中的予以公开数，以及写明“办结率100%”时的办结数与受理数。"
        "在问题清单中选中此类问题，原文中的总数和各分项会被标出，鼠标悬停可看到加总结果。"
    ),
    example=(
        "例：“共主动公开信息 84 条，其中……20 条、24 条、14 条、20 条、26 条”，各项之和为 104 条，多于 84 条；"
        "“共受理审批事项 117 件，办结 171 件，办结率 100%”，办结数多于受理数。"
    ),
    severity_note="分项多于总数为错误，少于为警告",
)

NARRATIVE_TABLE = Rule(
    "NARRATIVE_TABLE",
    (ERROR,),
    "正文与表格不一致",
    "Text contradicts the table",
    _narrative_table,
    "model.narrative_rules.narrative_table",
    explanation="正文中说到的数字与表格中对应的单元格不一致。",
    example="例：正文称“共收到政府信息公开申请 35 件”，但表三“本年新收”总计为 53。",
)

PERCENT = Rule(
    "PERCENT",
    (WARNING,),
    "百分比不符",
    "Percentage does not match",
    _percent,
    "model.narrative_rules.percent",
    explanation="正文所述的百分比与其分子、分母算出的结果不符（允许四舍五入的误差）。",
    example="例：“予以公开 30 件，占 50%”，而总数为 40 件，实际占 75%。",
)

CROSS_YEAR_CARRY = Rule(
    "CROSS_YEAR_CARRY",
    (WARNING,),
    "跨年度结转不符",
    "Carry-over differs from last year",
    _cross_year_carry,
    "model.batch_rules.cross_year_carry",
    explanation="同时打开同一机关相邻两年的报告时，今年表三的“上年结转”应等于去年报告的“结转下年度继续办理”。机构合并、更名时可能属于正常情况。",
    example="例：2023 年度报告上年结转 6 件，2022 年度报告结转下年度为 4 件。",
)

CROSS_YEAR_IN_FORCE = Rule(
    "CROSS_YEAR_IN_FORCE",
    (WARNING,),
    "跨年度件数不衔接",
    "Counts do not follow from last year",
    _cross_year_in_force,
    "model.batch_rules.cross_year_in_force",
    explanation=(
        "同时打开同一机关相邻两年的报告时，表二的件数应与去年衔接。2021 版表格：去年的“现行有效件数” "
        "+ 今年“本年制发件数” − 今年“本年废止件数”应等于今年的“现行有效件数”（规章、行政规范性文件"
        "各算一次）。2019 版表格：今年的“上一年项目数量”应等于去年报告的“上一年项目数量” + “本年"
        "增/减”。两年使用不同版本表格时（如 2020 年度用 2019 版、2021 年度用 2021 版"
        "）无可比项，不作比较。文件有效期届满失效、机构调整时可能属于正常情况。"
    ),
    example="例：2022 年度报告行政规范性文件现行有效 15 件，2023 年度本年制发 4 件、废止 2 件，应为 17 件，报告却写现行有效 20 件。",
)

COPIED_FROM_LAST_YEAR = Rule(
    "COPIED_FROM_LAST_YEAR",
    (WARNING,),
    "问题及改进照搬上年",
    "Problems section copied from last year",
    _copied_from_last_year,
    "model.batch_rules.copied_from_last_year",
    explanation=(
        "第五部分“存在的主要问题及改进情况”的文字约七成以上与同一机关上一年度报告相同，可能照搬了去年的内容"
        "。比较时不计标题、数字和空格；同批多个机关共用的文字（例如上级下发的模板）不计在内；只有一两句话的第"
        "五部分不作判断。"
    ),
    example="例：2024 年度报告第五部分约 95% 的文字与 2023 年度报告相同，只改了年份。",
)

YEAR_SWING = Rule(
    "YEAR_SWING",
    (INFO,),
    "数量较上年大幅变化",
    "Large change from last year",
    _year_swing,
    "model.batch_rules.year_swing",
    explanation=(
        "同一机关相邻两年的主要数量变化很大：今年是去年的 5 倍以上，或不到去年的五分之一，且两年中至少有一"
        "年达到 10 件。只比较最能反映工作量、也最容易填错的数字：表三本年新收申请总计，表二行政许可、其他"
        "对外管理服务事项、行政处罚、行政强制的处理决定数量，表四行政复议、行政诉讼各行的总计；2019 版的"
        "收费项目数和 2021 版的收费金额含义不同，不作比较。这只是提示：请核实是否多写、漏写了数位或填成"
        "了别的年度的数字。"
    ),
    example="例：2023 年度行政处罚决定 12 件，2024 年度报告写 1200 件，为上年的 100 倍。",
)

DUPLICATE_CONTENT = Rule(
    "DUPLICATE_CONTENT",
    (WARNING,),
    "内容雷同",
    "Duplicate content",
    _duplicate_content,
    "model.batch_rules.duplicate_content",
    explanation="一份报告的正文与同批另一份报告大部分相同，或者写的是其他机关的地区名称（内容雷同）。",
    example="例：甲局报告的正文约 85% 与乙局报告相同。",
)

LATE_PUBLICATION = Rule(
    "LATE_PUBLICATION",
    (WARNING,),
    "发布逾期",
    "Published late",
    _late_publication,
    "model.narrative_rules.late_publication",
    explanation=(
        "报告的发布日期（网页上的“发布日期”，没有时按落款日期）晚于报告年度适用的《政府信息公开条例》规定的期限：</p>\n"
        "<ul>\n<li>2018 年度及以前的报告适用 2008 年施行的条例第三十一条：各级行政机关均为次年 3 月 31 日前。</li>\n"
        "<li>2019 年度起的报告适用 2019 年修订的条例第四十九条：县级以上人民政府部门（局、委、办、厅等）为次年 "
        "1 月 31 日前；县级以上人民政府为次年 3 月 31 日前，作为本区域政府的开发区、新区、实验区等管委会视同人民政府；"
        "乡镇、街道及类型不明的机关按 3 月 31 日计。</li>\n</ul>\n"
        "<p>机关类型按标题或落款中的机关全称判断，提示中写明按哪类机关、哪条规定计算。只从正文推测出的机关名称不作判断"
        "（按 3 月 31 日计）；在表格上方改正单位名称后，按改正后的名称判断。"
    ),
    example=(
        "例：某区民政局 2023 年度报告落款日期为 2024 年 2 月 20 日，晚于 1 月 31 日；"
        "某县国家税务局 2013 年度报告 2014 年 2 月 25 日发布，未逾期。"
    ),
)

FEE_NOT_REPORTED = Rule(
    "FEE_NOT_REPORTED",
    (WARNING,),
    "未说明信息处理费",
    "Fees not reported",
    _fee_not_reported,
    "model.narrative_rules.fee_not_reported",
    explanation="使用 2021 版格式的报告，应在第六部分“其他需要报告的事项”中说明信息处理费的收取情况。",
    example="例：第六部分只写“无”，没有提到信息处理费。",
)

UNCERTAIN_CELL = Rule(
    "UNCERTAIN_CELL",
    (WARNING,),
    "无法确定的单元格",
    "Cell not read with certainty",
    _uncertain_cell,
    "model.rules.uncertain_cell",
    explanation=(
        "表格存在，但程序无法确定某些数字应放在哪一格：常见的是数字连在一起，有几种拆法都符合表格的勾稽关系。"
        "程序把这些单元格留空（紫色“?”），列出可能的读法供您采纳，绝不替您猜一个。"
    ),
    example="例：原文“123”横跨自然人、商业企业两格，可读作 1 | 23 或 12 | 3，请对照原文选择或直接填写。",
)

NOT_A_REPORT = Rule(
    "NOT_A_REPORT",
    (ERROR,),
    "不是年度报告",
    "Not an annual report",
    _not_a_report,
    "model.rules.not_a_report",
    explanation="文件中找不到政府信息公开工作年度报告：没有报告标题，没有六个部分，也没有规定的表格。列表中显示“不是年度报告”，原文仍可查看。",
    example="例：误把一份会议通知放进了待审核的文件夹。",
)

RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        T3_BALANCE,
        T3_OUTCOME_SUM,
        T3_ROW_TOTAL,
        T4_TOTAL,
        EMPTY_CELL,
        ROW_MISSING,
        LABEL_ALTERED,
        NOT_A_NUMBER,
        NEGATIVE,
        TABLE_MISSING,
        SECTION_MISSING,
        FORMAT_OUTDATED,
        NARRATIVE_SUM,
        NARRATIVE_TABLE,
        PERCENT,
        CROSS_YEAR_CARRY,
        CROSS_YEAR_IN_FORCE,
        COPIED_FROM_LAST_YEAR,
        YEAR_SWING,
        DUPLICATE_CONTENT,
        LATE_PUBLICATION,
        FEE_NOT_REPORTED,
        UNCERTAIN_CELL,
        NOT_A_REPORT,
    )
}


RULE_NAMES: dict[str, str] = {r.id: r.name for r in RULES.values()}


def render(rule: str, f: Figures) -> str:
    """The message for `rule` with figures `f` (KeyError for a rule not declared)."""
    return RULES[rule].message(f)
