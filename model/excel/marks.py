"""How each figure of a report is marked: the one judgement the grids, the workbook and the
printed audit share.

A figure is an error (red) when an error finding names it or its row; else uncertain
(violet, `?`) when the recognizer left it blank for want of certainty; else blank (yellow)
when a finding says nothing was written there; else warning (orange) when another finding
names it; else corrected (blue) when the officer changed it. A figure the report lacks
altogether (its row or column is not printed) is missing (grey) on paper and in Excel.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from model.findings import ERROR, Finding
from model.report import STATUS_MISSING, STATUS_UNCERTAIN, Cell, Report
from model.rule_catalog import EMPTY_CELL

CellKey = tuple[str, str, str]  # (table, row, col)

MARK_NONE = ""
MARK_ERROR = "error"
MARK_WARNING = "warning"
MARK_BLANK = "blank"
MARK_UNCERTAIN = "uncertain"
MARK_EDITED = "edited"
MARK_MISSING = "missing"
PROBLEM_MARKS = frozenset({MARK_ERROR, MARK_WARNING, MARK_BLANK, MARK_UNCERTAIN})

# The words the printed audit and the guide use (the window's legend says the same).
MARK_NAMES = {
    MARK_ERROR: "错误",
    MARK_BLANK: "空白",
    MARK_WARNING: "警告",
    MARK_UNCERTAIN: "无法确定（?）",
    MARK_EDITED: "已更正",
    MARK_MISSING: "报告中无此项",
}
MARK_MEANINGS = {
    MARK_ERROR: "不合勾稽关系等规定",
    MARK_BLANK: "未填数字，应填 0",
    MARK_WARNING: "需要核实",
    MARK_UNCERTAIN: "原文数字无法确定，留空待填",
    MARK_EDITED: "审核中改过的数字",
    MARK_MISSING: "报告删去了该行或该列",
}


def is_uncertain(cell: Cell | None) -> bool:
    """A cell the recognizer left blank because it could not be sure of its value."""
    return cell is not None and cell.status == STATUS_UNCERTAIN and cell.value is None


def cell_mark(cell: Cell | None, found: Iterable[Finding]) -> str:
    """The mark of one figure, given the findings that concern it (directly or by its row)."""
    found = list(found)
    if found:  # most cells have none
        if any(f.severity == ERROR for f in found):
            return MARK_ERROR
        if is_uncertain(cell):
            return MARK_UNCERTAIN
        if any(f.rule == EMPTY_CELL.id for f in found):
            return MARK_BLANK
        return MARK_WARNING
    if is_uncertain(cell):
        return MARK_UNCERTAIN
    return MARK_EDITED if cell is not None and cell.edited else MARK_NONE


def findings_by_cell(report: Report, findings: Iterable[Finding]) -> dict[CellKey, list[Finding]]:
    """The findings of each figure; a finding on a whole row counts for each of its figures."""
    out: dict[CellKey, list[Finding]] = defaultdict(list)
    for f in findings:
        for ref in f.cells:
            if ref.col is not None:
                out[(ref.table, ref.row, ref.col)].append(f)
                continue
            schema = report.schema(ref.table)
            if schema is not None and ref.row in schema.row_ids():
                for col in schema.row(ref.row).cols:
                    if f not in out[(ref.table, ref.row, col)]:
                        out[(ref.table, ref.row, col)].append(f)
    return dict(out)


def report_marks(report: Report, findings: Iterable[Finding]) -> dict[CellKey, str]:
    """The mark of every figure of the report's form (missing ones included)."""
    found = findings_by_cell(report, findings)
    marks: dict[CellKey, str] = {}
    for table in report.tables:
        schema = report.schema(table)
        if schema is None:
            continue
        for row, col in schema.cells():
            key = (table, row, col)
            cell = report.cell(*key)
            mark = cell_mark(cell, found.get(key, ()))
            if mark == MARK_NONE and (cell is None or cell.status == STATUS_MISSING):
                mark = MARK_MISSING
            marks[key] = mark
    return marks
