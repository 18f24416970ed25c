"""The canonical schema of FORMAT.md: formats, tables, row and column ids, official labels.

Everything that names a cell uses these ids. The Chinese labels are the official wording
of the form; the UI and the Excel export show them, the recognizer matches against them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

FORMAT_2019 = "2019"
FORMAT_2021 = "2021"
FORMAT_PRE2019 = "pre2019"
FORMAT_UNKNOWN = "unknown"
FORMATS = (FORMAT_2019, FORMAT_2021, FORMAT_PRE2019, FORMAT_UNKNOWN)
TABLE_FORMATS = (FORMAT_2019, FORMAT_2021)

TABLE2 = "table2"
TABLE3 = "table3"
TABLE4 = "table4"
TABLES = (TABLE2, TABLE3, TABLE4)

TABLE_TITLES = {
    TABLE2: "表二 主动公开政府信息情况",
    TABLE3: "表三 收到和处理政府信息公开申请情况",
    TABLE4: "表四 政府信息公开行政复议、行政诉讼情况",
}


@dataclass(frozen=True)
class Row:
    """One official row: its id, its label on the form, the group it sits in, its columns.

    `counted` is False for a row the report does not print in a variant of the form (the
    2021 （六） sub-rows when the report prints the single row): shown, blank, not summed."""

    id: str
    label: str
    group: str
    cols: tuple[str, ...]
    counted: bool = True


@dataclass(frozen=True)
class TableSchema:
    """The rows and columns of one table in one format."""

    table: str
    rows: tuple[Row, ...]
    col_labels: dict[str, str]

    def row(self, row_id: str) -> Row:
        for row in self.rows:
            if row.id == row_id:
                return row
        raise KeyError(row_id)

    def row_ids(self) -> tuple[str, ...]:
        return self._row_ids

    @cached_property
    def _row_ids(self) -> tuple[str, ...]:
        # Asked for once per label while a table is read: worth keeping.
        return tuple(row.id for row in self.rows)

    @cached_property
    def identities(self) -> tuple[Identity, ...]:
        """The identities of the form for this table (see `identities`), worked out once."""
        return tuple(identities(self))

    def cells(self) -> list[tuple[str, str]]:
        return [(row.id, col) for row in self.rows for col in row.cols]

    def all_cols(self) -> list[str]:
        seen: list[str] = []
        for row in self.rows:
            for col in row.cols:
                if col not in seen:
                    seen.append(col)
        return seen


# ---- 表二 ---------------------------------------------------------------------------

_T2_2019_DOCS = ("made", "published", "total_public")
_T2_2019_ITEMS = ("prev_items", "change", "decisions")
_T2_2021_DOCS = ("issued", "repealed", "in_force")

_G1 = "第二十条第(一)项"
_G5 = "第二十条第(五)项"
_G6 = "第二十条第(六)项"
_G8 = "第二十条第(八)项"
_G9 = "第二十条第(九)项"

TABLE2_2019 = TableSchema(
    TABLE2,
    (
        Row("regulations", "规章", _G1, _T2_2019_DOCS),
        Row("normative_documents", "规范性文件", _G1, _T2_2019_DOCS),
        Row("licensing", "行政许可", _G5, _T2_2019_ITEMS),
        Row("other_services", "其他对外管理服务事项", _G5, _T2_2019_ITEMS),
        Row("penalties", "行政处罚", _G6, _T2_2019_ITEMS),
        Row("coercion", "行政强制", _G6, _T2_2019_ITEMS),
        Row("fees", "行政事业性收费", _G8, ("prev_items", "change")),
        Row("procurement", "政府集中采购", _G9, ("items", "amount")),
    ),
    {
        "made": "本年新制作数量",
        "published": "本年新公开数量",
        "total_public": "对外公开总数量",
        "prev_items": "上一年项目数量",
        "change": "本年增/减",
        "decisions": "处理决定数量",
        "items": "采购项目数量",
        "amount": "采购总金额",
    },
)

TABLE2_2021 = TableSchema(
    TABLE2,
    (
        Row("regulations", "规章", _G1, _T2_2021_DOCS),
        Row("normative_documents", "行政规范性文件", _G1, _T2_2021_DOCS),
        Row("licensing", "行政许可", _G5, ("decisions",)),
        Row("penalties", "行政处罚", _G6, ("decisions",)),
        Row("coercion", "行政强制", _G6, ("decisions",)),
        Row("fees", "行政事业性收费", _G8, ("amount",)),
    ),
    {
        "issued": "本年制发件数",
        "repealed": "本年废止件数",
        "in_force": "现行有效件数",
        "decisions": "本年处理决定数量",
        "amount": "本年收费金额(单位:万元)",
    },
)

# ---- 表三 ---------------------------------------------------------------------------

T3_COLS = ("natural_person", "commercial", "research", "social", "legal", "other_org", "total")
T3_APPLICANT_COLS = T3_COLS[:-1]
T3_COL_LABELS = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social": "社会公益组织",
    "legal": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}

_RESULT = "三、本年度办理结果"
_REFUSED = "(三)不予公开"
_UNABLE = "(四)无法提供"
_NOT_PROCESSED = "(五)不予处理"
_OTHER = "(六)其他处理"

_T3_HEAD = (
    ("new", "一、本年新收政府信息公开申请数量", ""),
    ("carried_over", "二、上年结转政府信息公开申请数量", ""),
    ("granted", "(一)予以公开", _RESULT),
    ("partial", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", _RESULT),
    ("refused.state_secret", "1.属于国家秘密", _REFUSED),
    ("refused.prohibited", "2.其他法律行政法规禁止公开", _REFUSED),
    ("refused.security", "3.危及“三安全一稳定”", _REFUSED),
    ("refused.third_party", "4.保护第三方合法权益", _REFUSED),
    ("refused.internal", "5.属于三类内部事务信息", _REFUSED),
    ("refused.process", "6.属于四类过程性信息", _REFUSED),
    ("refused.enforcement", "7.属于行政执法案卷", _REFUSED),
    ("refused.query", "8.属于行政查询事项", _REFUSED),
    ("unable.not_held", "1.本机关不掌握相关政府信息", _UNABLE),
    ("unable.needs_creation", "2.没有现成信息需要另行制作", _UNABLE),
    ("unable.unclear", "3.补正后申请内容仍不明确", _UNABLE),
    ("not_processed.complaint", "1.信访举报投诉类申请", _NOT_PROCESSED),
    ("not_processed.duplicate", "2.重复申请", _NOT_PROCESSED),
    ("not_processed.publication", "3.要求提供公开出版物", _NOT_PROCESSED),
    ("not_processed.excessive", "4.无正当理由大量反复申请", _NOT_PROCESSED),
    ("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", _NOT_PROCESSED),
)
_T3_OTHER_2019 = (("other", "(六)其他处理", _RESULT),)
_T3_OTHER_2021 = (
    (
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _OTHER,
    ),
    (
        "other.unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _OTHER,
    ),
    ("other.other", "3.其他", _OTHER),
)
_T3_TAIL = (
    ("total_processed", "(七)总计", _RESULT),
    ("carried_forward", "四、结转下年度继续办理", ""),
)


def _t3(middle: tuple[tuple[str, str, str], ...], uncounted: tuple[str, ...] = ()) -> TableSchema:
    rows = tuple(
        Row(rid, label, group, T3_COLS, rid not in uncounted) for rid, label, group in _T3_HEAD + middle + _T3_TAIL
    )
    return TableSchema(TABLE3, rows, dict(T3_COL_LABELS))


TABLE3_2019 = _t3(_T3_OTHER_2019)
TABLE3_2021 = _t3(_T3_OTHER_2021)
# A real variant: a 2021 report that prints the 2019 form's single （六）其他处理 row. Its
# values count in the sums; the three sub-rows stay on the form, blank (ROW_MISSING).
T3_OTHER_SUB_ROWS = tuple(rid for rid, _, _ in _T3_OTHER_2021)
TABLE3_2021_SINGLE_OTHER = _t3(_T3_OTHER_2019 + _T3_OTHER_2021, uncounted=T3_OTHER_SUB_ROWS)

T3_OUTCOME_FIRST = "granted"
T3_OUTCOME_LAST = "total_processed"  # exclusive

# ---- 表四 ---------------------------------------------------------------------------

T4_COLS = ("upheld", "corrected", "other", "pending", "total")
T4_COL_LABELS = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}
TABLE4_SCHEMA = TableSchema(
    TABLE4,
    (
        Row("review", "行政复议", "行政复议", T4_COLS),
        Row("litigation_direct", "未经复议直接起诉", "行政诉讼", T4_COLS),
        Row("litigation_after_review", "复议后起诉", "行政诉讼", T4_COLS),
    ),
    dict(T4_COL_LABELS),
)


def table_schema(table: str, fmt: str, *, single_other: bool = False) -> TableSchema | None:
    """The schema of `table` in format `fmt`, or None when the format has no such table.

    `single_other`: a 2021 表三 printed with the single （六）其他处理 row of the 2019 form."""
    if fmt not in TABLE_FORMATS:
        return None
    if table == TABLE2:
        return TABLE2_2019 if fmt == FORMAT_2019 else TABLE2_2021
    if table == TABLE3:
        if fmt == FORMAT_2019:
            return TABLE3_2019
        return TABLE3_2021_SINGLE_OTHER if single_other else TABLE3_2021
    if table == TABLE4:
        return TABLE4_SCHEMA
    raise KeyError(table)


def outcome_rows(fmt: str | TableSchema) -> list[str]:
    """The 表三 outcome rows whose sum is `total_processed` (of a format, or of a schema
    as a report prints it)."""
    schema = fmt if isinstance(fmt, TableSchema) else table_schema(TABLE3, fmt)
    assert schema is not None
    ids = schema.row_ids()
    first, last = ids.index(T3_OUTCOME_FIRST), ids.index(T3_OUTCOME_LAST)
    return [row.id for row in schema.rows[first:last] if row.counted]


# An identity of the form: the cells on the left add up to the cells on the right.
CellPair = tuple[str, str]  # (row, col)
Identity = tuple[tuple[CellPair, ...], tuple[CellPair, ...]]


def identities(schema: TableSchema) -> list[Identity]:
    """Every identity the form holds one table to: the one declaration the rules'
    suggestions and the recognizer's choice between readings both use.

    表三: per column, 一 + 二 = （七） + 四 and the outcome rows add up to （七）; per row,
    the six applicant columns add up to 总计. 表四: per row, the four results add up to
    总计. 表二 has none."""
    out: list[Identity] = []
    if schema.table == TABLE3:
        outcomes = outcome_rows(schema)
        for col in T3_COLS:
            out.append(((("new", col), ("carried_over", col)), (("total_processed", col), ("carried_forward", col))))
            out.append((tuple((r, col) for r in outcomes), (("total_processed", col),)))
        for row in schema.rows:
            if row.counted:
                out.append((tuple((row.id, c) for c in T3_APPLICANT_COLS), ((row.id, "total"),)))
    elif schema.table == TABLE4:
        for row in schema.rows:
            out.append((tuple((row.id, c) for c in T4_COLS[:-1]), ((row.id, "total"),)))
    return out


def may_be_negative(table: str, fmt: str, col: str) -> bool:
    """Only the 2019 表二 `change` column (本年增/减) may hold a negative count."""
    return table == TABLE2 and fmt == FORMAT_2019 and col == "change"


SECTION_TITLES = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
