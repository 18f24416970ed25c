"""The official forms as the zoo knows them, written from FORMAT.md alone.

The zoo judges the program, so it does not borrow the program's schema: the ids, labels
and identities below are copied from FORMAT.md §2 by hand. `test_tablesets` checks that
they name the same cells as the program's `tables_json()`, so a drift on either side
shows.
"""

from __future__ import annotations

from dataclasses import dataclass

F2019 = "2019"
F2021 = "2021"

T2, T3, T4 = "table2", "table3", "table4"
CellKey = tuple[str, str, str]  # (table, row, col)


@dataclass(frozen=True)
class T2Row:
    id: str
    label: str
    cols: tuple[str, ...]


@dataclass(frozen=True)
class T2Block:
    """One block of 表二: its heading (第二十条第（一）项), column labels and rows."""

    heading: str
    col_labels: tuple[str, ...]
    rows: tuple[T2Row, ...]


_DOCS19 = ("made", "published", "total_public")
_ITEMS19 = ("prev_items", "change", "decisions")
_DOCS21 = ("issued", "repealed", "in_force")

T2_BLOCKS: dict[str, tuple[T2Block, ...]] = {
    F2019: (
        T2Block(
            "第二十条第（一）项",
            ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
            (T2Row("regulations", "规章", _DOCS19), T2Row("normative_documents", "规范性文件", _DOCS19)),
        ),
        T2Block(
            "第二十条第（五）项",
            ("上一年项目数量", "本年增/减", "处理决定数量"),
            (T2Row("licensing", "行政许可", _ITEMS19), T2Row("other_services", "其他对外管理服务事项", _ITEMS19)),
        ),
        T2Block(
            "第二十条第（六）项",
            ("上一年项目数量", "本年增/减", "处理决定数量"),
            (T2Row("penalties", "行政处罚", _ITEMS19), T2Row("coercion", "行政强制", _ITEMS19)),
        ),
        T2Block(
            "第二十条第（八）项",
            ("上一年项目数量", "本年增/减"),
            (T2Row("fees", "行政事业性收费", ("prev_items", "change")),),
        ),
        T2Block(
            "第二十条第（九）项",
            ("采购项目数量", "采购总金额"),
            (T2Row("procurement", "政府集中采购", ("items", "amount")),),
        ),
    ),
    F2021: (
        T2Block(
            "第二十条第（一）项",
            ("本年制发件数", "本年废止件数", "现行有效件数"),
            (T2Row("regulations", "规章", _DOCS21), T2Row("normative_documents", "行政规范性文件", _DOCS21)),
        ),
        T2Block("第二十条第（五）项", ("本年处理决定数量",), (T2Row("licensing", "行政许可", ("decisions",)),)),
        T2Block(
            "第二十条第（六）项",
            ("本年处理决定数量",),
            (T2Row("penalties", "行政处罚", ("decisions",)), T2Row("coercion", "行政强制", ("decisions",))),
        ),
        T2Block(
            "第二十条第（八）项",
            ("本年收费金额（单位：万元）",),
            (T2Row("fees", "行政事业性收费", ("amount",)),),
        ),
    ),
}

# Money cells: the only ones that may hold decimals.
AMOUNT_CELLS = {(F2019, "procurement", "amount"), (F2021, "fees", "amount")}

# ---- 表三 ------------------------------------------------------------------------------

T3_COLS = ("natural_person", "commercial", "research", "social", "legal", "other_org", "total")
T3_APPLICANTS = T3_COLS[:-1]
T3_COL_LABELS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

RESULT = "三、本年度办理结果"


@dataclass(frozen=True)
class T3Row:
    """One row of 表三: id, its own label, and the group cells printed to its left
    (outer first): `groups[0]` is the 三、本年度办理结果 column, `groups[1]` the （三）… column."""

    id: str
    label: str
    groups: tuple[str, ...] = ()


_REFUSED = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"

_T3_HEAD = (
    T3Row("new", "一、本年新收政府信息公开申请数量"),
    T3Row("carried_over", "二、上年结转政府信息公开申请数量"),
    T3Row("granted", "（一）予以公开", (RESULT,)),
    T3Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (RESULT,)),
    T3Row("refused.state_secret", "1.属于国家秘密", (RESULT, _REFUSED)),
    T3Row("refused.prohibited", "2.其他法律行政法规禁止公开", (RESULT, _REFUSED)),
    T3Row("refused.security", "3.危及“三安全一稳定”", (RESULT, _REFUSED)),
    T3Row("refused.third_party", "4.保护第三方合法权益", (RESULT, _REFUSED)),
    T3Row("refused.internal", "5.属于三类内部事务信息", (RESULT, _REFUSED)),
    T3Row("refused.process", "6.属于四类过程性信息", (RESULT, _REFUSED)),
    T3Row("refused.enforcement", "7.属于行政执法案卷", (RESULT, _REFUSED)),
    T3Row("refused.query", "8.属于行政查询事项", (RESULT, _REFUSED)),
    T3Row("unable.not_held", "1.本机关不掌握相关政府信息", (RESULT, _UNABLE)),
    T3Row("unable.needs_creation", "2.没有现成信息需要另行制作", (RESULT, _UNABLE)),
    T3Row("unable.unclear", "3.补正后申请内容仍不明确", (RESULT, _UNABLE)),
    T3Row("not_processed.complaint", "1.信访举报投诉类申请", (RESULT, _NOT_PROCESSED)),
    T3Row("not_processed.duplicate", "2.重复申请", (RESULT, _NOT_PROCESSED)),
    T3Row("not_processed.publication", "3.要求提供公开出版物", (RESULT, _NOT_PROCESSED)),
    T3Row("not_processed.excessive", "4.无正当理由大量反复申请", (RESULT, _NOT_PROCESSED)),
    T3Row("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", (RESULT, _NOT_PROCESSED)),
)
_T3_OTHER_SINGLE = (T3Row("other", "（六）其他处理", (RESULT,)),)
_T3_OTHER_2021 = (
    T3Row("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", (RESULT, _OTHER)),
    T3Row(
        "other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", (RESULT, _OTHER)
    ),
    T3Row("other.other", "3.其他", (RESULT, _OTHER)),
)
_T3_TAIL = (
    T3Row("total_processed", "（七）总计", (RESULT,)),
    T3Row("carried_forward", "四、结转下年度继续办理"),
)
OTHER_SUB_ROWS = tuple(r.id for r in _T3_OTHER_2021)


def t3_rows(fmt: str, single_other: bool = False) -> tuple[T3Row, ...]:
    """The rows of 表三 as a report prints them: the 2019 form and a 2021 report that
    prints the single （六） row have `other`; the 2021 form has the three sub-rows."""
    middle = _T3_OTHER_SINGLE if fmt == F2019 or single_other else _T3_OTHER_2021
    return _T3_HEAD + middle + _T3_TAIL


def t3_outcome_rows(fmt: str, single_other: bool = False) -> list[str]:
    """The rows whose sum is （七）总计: granted … the （六） row(s)."""
    ids = [r.id for r in t3_rows(fmt, single_other)]
    return ids[ids.index("granted") : ids.index("total_processed")]


# ---- 表四 ------------------------------------------------------------------------------

T4_ROWS = ("review", "litigation_direct", "litigation_after_review")
T4_COLS = ("upheld", "corrected", "other", "pending", "total")
T4_COL_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
T4_ROW_LABELS = ("行政复议", "未经复议直接起诉", "复议后起诉")

SECTION_TITLES = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)


def printed_cells(fmt: str, single_other: bool = False) -> list[CellKey]:
    """Every cell a report of this form prints, in reading order."""
    out: list[CellKey] = []
    for block in T2_BLOCKS[fmt]:
        out += [(T2, row.id, col) for row in block.rows for col in row.cols]
    out += [(T3, row.id, col) for row in t3_rows(fmt, single_other) for col in T3_COLS]
    out += [(T4, row, col) for row in T4_ROWS for col in T4_COLS]
    return out


def form_cells(fmt: str, single_other: bool = False) -> list[CellKey]:
    """Every cell the program must show for this form: the printed ones, and for a 2021
    report printing the single （六） row also the three sub-rows it leaves out (null)."""
    cells = printed_cells(fmt, single_other)
    if fmt == F2021 and single_other:
        cells += [(T3, row, col) for row in OTHER_SUB_ROWS for col in T3_COLS]
    return cells


def is_amount(fmt: str, row: str, col: str) -> bool:
    return (fmt, row, col) in AMOUNT_CELLS
