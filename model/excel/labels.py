"""Words and safe strings for the Excel workbooks: form labels, short cell titles, text cells.

The schema keeps labels normalised (ASCII brackets and commas) so the recognizer can match
them; the workbooks print them as the form does, with full-width punctuation. Text that
comes from a report is made safe for a worksheet here: never a formula, no control
characters, no longer than a cell holds.
"""

from __future__ import annotations

import re

from model.excel.marks import is_uncertain
from model.findings import Finding
from model.messages import RULE_NAMES, TABLE_SHORT, row_label
from model.report import Cell
from model.schema import TABLE3, table_schema

# Marker and sheet names: the reader recognises a workbook of ours by META_SHEET's marker.
WORKBOOK_KIND = "report-auditor/report-workbook"
WORKBOOK_VERSION = 1
SUMMARY_KIND = "report-auditor/summary-workbook"
META_SHEET = "元数据"
FINDINGS_SHEET = "问题清单"
CHANGES_SHEET = "修改记录"
DATA_SHEET = "_auditor_data"
SUMMARY_SHEET = "汇总"
DATA_DUMP_SHEET = "全部数据"

MAX_CELL_TEXT = 32767
_FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FORMULA_START = ("=", "+", "-", "@")
_STEP = re.compile(r"^\d+\.")
_GROUP_NUMBER = re.compile(r"^\([一二三四五六七八九十]+\)")

_T3_SHORT = {
    "new": "本年新收",
    "carried_over": "上年结转",
    "granted": "予以公开",
    "partial": "部分公开",
    "other": "其他处理",
    "other.no_correction": "其他处理-逾期不补正",
    "other.unpaid_fee": "其他处理-逾期未缴纳费用",
    "other.other": "其他处理-其他",
    "total_processed": "办理结果总计",
    "carried_forward": "结转下年度",
}


OTHER_RULE = "其他检查"


def rule_title(rule: str) -> str:
    """A rule as printed: its Chinese name (`model.messages.RULE_NAMES`), never its id."""
    return RULE_NAMES.get(rule, OTHER_RULE)


def form_text(label: str) -> str:
    """A schema label printed as on the form (full-width brackets, commas and colons)."""
    return label.translate(_FULL_WIDTH)


def safe_text(text: str) -> str:
    """Text a worksheet can hold: control characters and lone surrogates dropped, cut to size."""
    text = _CONTROL.sub("", text)
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text[:MAX_CELL_TEXT]


UNCERTAIN_SHOWN = "?"


def shown_value(cell: Cell | None) -> int | float | str | None:
    """What a figure's cell shows in the workbook and on paper: the figure, else `?` where
    the recognizer could not place one, else the text the report had there (/, —, 无 …)."""
    if cell is None:
        return None
    if cell.value is not None:
        return cell.value
    if is_uncertain(cell):
        return UNCERTAIN_SHOWN
    raw = cell.raw.strip()
    return safe_text(raw) if raw else None


def formula_like(text: str) -> bool:
    """True when a spreadsheet could take the text for a formula (=, +, - or @ first)."""
    return text.startswith(_FORMULA_START)


def short_row(table: str, fmt: str, row: str) -> str:
    """A row name short enough for a column header (表三's long labels are abridged)."""
    if table == TABLE3:
        if row in _T3_SHORT:
            return _T3_SHORT[row]
        schema = table_schema(table, fmt)
        if schema is not None:
            r = schema.row(row)
            group = _GROUP_NUMBER.sub("", r.group)
            return form_text(f"{group}-{_STEP.sub('', r.label)}")
    return form_text(row_label(table, fmt, row))


def form_row(table: str, fmt: str, row: str) -> str:
    """A row as the form names it; a numbered item under a group keeps its group: （三）不予公开 1.…"""
    schema = table_schema(table, fmt)
    if table == TABLE3 and schema is not None and row in schema.row_ids():
        r = schema.row(row)
        if _GROUP_NUMBER.match(r.group):
            return form_text(f"{r.group} {r.label}")
        return form_text(r.label)
    return form_text(row_label(table, fmt, row))


def form_col(table: str, fmt: str, col: str) -> str:
    schema = table_schema(table, fmt)
    return form_text(schema.col_labels.get(col, col) if schema else col)


def cell_title(table: str, fmt: str, row: str, col: str) -> str:
    """A readable name for one cell, e.g. 表三·本年新收·自然人."""
    return f"{TABLE_SHORT.get(table, table)}·{short_row(table, fmt, row)}·{form_col(table, fmt, col)}"


def finding_place(finding: Finding, fmt: str, most: int | None = None) -> tuple[str, str, str]:
    """The 表, 行 and 列 a finding concerns, in the form's words (several joined by 、); with
    `most`, a longer list of rows or columns is cut to its first ones and 等 N 行 / 列."""
    tables: list[str] = []
    rows: list[str] = []
    cols: list[str] = []
    for ref in finding.cells:
        _add(tables, TABLE_SHORT.get(ref.table, ref.table))
        _add(rows, form_row(ref.table, fmt, ref.row))
        if ref.col is not None:
            _add(cols, form_col(ref.table, fmt, ref.col))
    fig = finding.figures
    if not tables:
        if fig.get("table") in TABLE_SHORT:
            _add(tables, TABLE_SHORT[fig["table"]])
        elif fig.get("table_short"):
            _add(tables, str(fig["table_short"]))
    if not rows and fig.get("row_label"):
        _add(rows, form_text(str(fig["row_label"])))
    if not cols and fig.get("col_label"):
        _add(cols, form_text(str(fig["col_label"])))
    return "、".join(tables), _joined(rows, most, "行"), _joined(cols, most, "列")


def _joined(items: list[str], most: int | None, unit: str) -> str:
    if most is None or len(items) <= most:
        return "、".join(items)
    return "、".join(items[:most]) + f" 等 {len(items)} {unit}"


def _add(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)
