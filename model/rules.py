"""The table and structure rules of FORMAT.md §3: a `Report` in, findings out.

Each rule is a small function. A rule never fires on an empty cell: the empty cell is its
own finding (EMPTY_CELL), so an equation with a blank in it is simply not checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, cast

from model import messages
from model.findings import ERROR, INFO, WARNING, CellRef, Finding
from model.report import STATUS_BLANK, STATUS_TEXT, STATUS_UNCERTAIN, Cell, Number, Report
from model.rule_catalog import (
    EMPTY_CELL,
    FORMAT_OUTDATED,
    LABEL_ALTERED,
    NEGATIVE,
    NOT_A_NUMBER,
    NOT_A_REPORT,
    ROW_MISSING,
    SECTION_MISSING,
    T3_BALANCE,
    T3_OUTCOME_SUM,
    T3_ROW_TOTAL,
    T4_TOTAL,
    TABLE_MISSING,
    UNCERTAIN_CELL,
)
from model.schema import (
    FORMAT_2019,
    FORMAT_2021,
    SECTION_TITLES,
    T3_APPLICANT_COLS,
    T3_COLS,
    T3_OTHER_SUB_ROWS,
    T4_COLS,
    TABLE3,
    TABLE4,
    TABLE_FORMATS,
    TABLES,
    may_be_negative,
    outcome_rows,
)

_CN = "一二三四五六"
_TOLERANCE = 1e-6


def _finding(rule: str, severity: str, figures: dict[str, Any], cells: list[CellRef], report: Report) -> Finding:
    figures = {**figures, "severity": severity}
    return Finding(rule, severity, messages.render(rule, figures), cells, _span(report, cells), figures)


def _span(report: Report, cells: Iterable[CellRef]) -> tuple[int, int] | None:
    spans = []
    for ref in cells:
        if ref.col is None:
            continue
        cell = report.cell(ref.table, ref.row, ref.col)
        if cell is not None and cell.span:
            spans.append(cell.span)
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _values(report: Report, table: str, keys: list[tuple[str, str]]) -> list[Number] | None:
    """The values of these cells, or None when any of them is empty."""
    cells = report.tables.get(table, {})
    # Read in one comprehension: the rules ask for hundreds of cells per report.
    try:
        out = [cells[key].value for key in keys]
    except KeyError:
        return None
    return None if None in out else cast(list[Number], out)


def _differs(a: Number, b: Number) -> bool:
    return abs(a - b) > _TOLERANCE


def _diff(a: Number, b: Number) -> Number:
    d = a - b
    return round(d, 6) if isinstance(d, float) else d


def t3_balance(report: Report) -> list[Finding]:
    out: list[Finding] = []
    if not report.has_table(TABLE3):
        return out
    for col in T3_COLS:
        vals = _values(
            report, TABLE3, [(r, col) for r in ("new", "carried_over", "total_processed", "carried_forward")]
        )
        if vals is None:
            continue
        new, carried, processed, forward = vals
        left, right = new + carried, processed + forward
        if not _differs(left, right):
            continue
        figures = {
            "col": col,
            "col_label": messages.col_label(TABLE3, report.format, col),
            "new": new,
            "carried_over": carried,
            "total_processed": processed,
            "carried_forward": forward,
            "left": left,
            "right": right,
            "diff": _diff(left, right),
        }
        cells = [CellRef(TABLE3, r, col) for r in ("new", "carried_over", "total_processed", "carried_forward")]
        out.append(_finding(T3_BALANCE.id, ERROR, figures, cells, report))
    return out


def _sum_rule(
    report: Report,
    rule: str,
    table: str,
    total: tuple[str, str],
    parts: list[tuple[str, str]],
    part_name: Callable[[str, str], str],
    figures: Callable[[], dict[str, Any]],
) -> Finding | None:
    """A finding when the parts do not add up to the total; `figures` gives the rest of
    the message's figures (worked out only for a finding)."""
    vals = _values(report, table, parts + [total])
    if vals is None:
        return None
    *part_vals, total_val = vals
    s = sum(part_vals)
    if not _differs(s, total_val):
        return None
    all_figures = {
        **figures(),
        "parts": [(part_name(r, c), v) for (r, c), v in zip(parts, part_vals)],
        "sum": s,
        "total": total_val,
        "diff": _diff(s, total_val),
    }
    cells = [CellRef(table, r, c) for r, c in [total] + parts]
    return _finding(rule, ERROR, all_figures, cells, report)


def _outcome_figures(fmt: str, col: str) -> dict[str, Any]:
    return {"col": col, "col_label": messages.col_label(TABLE3, fmt, col), "total_label": "(七)总计"}


def _row_figures(table: str, fmt: str, row: str) -> dict[str, Any]:
    return {"row": row, "row_label": messages.row_label(table, fmt, row), "total_label": "总计"}


def t3_outcome_sum(report: Report) -> list[Finding]:
    out: list[Finding] = []
    schema = report.schema(TABLE3)
    if not report.has_table(TABLE3) or schema is None:
        return out
    rows = outcome_rows(schema)
    for col in T3_COLS:
        f = _sum_rule(
            report,
            T3_OUTCOME_SUM.id,
            TABLE3,
            ("total_processed", col),
            [(r, col) for r in rows],
            lambda r, c: messages.row_label(TABLE3, report.format, r),
            partial(_outcome_figures, report.format, col),
        )
        if f:
            out.append(f)
    return out


def _row_totals(report: Report, rule: str, table: str, part_cols: tuple[str, ...]) -> list[Finding]:
    out: list[Finding] = []
    schema = report.schema(table)
    if schema is None or not report.has_table(table):
        return out
    for row in schema.rows:
        f = _sum_rule(
            report,
            rule,
            table,
            (row.id, "total"),
            [(row.id, c) for c in part_cols],
            lambda r, c: messages.col_label(table, report.format, c),
            partial(_row_figures, table, report.format, row.id),
        )
        if f:
            out.append(f)
    return out


def t3_row_total(report: Report) -> list[Finding]:
    return _row_totals(report, T3_ROW_TOTAL.id, TABLE3, T3_APPLICANT_COLS)


def t4_total(report: Report) -> list[Finding]:
    return _row_totals(report, T4_TOTAL.id, TABLE4, T4_COLS[:-1])


def _present_tables(report: Report) -> list[tuple[str, dict[tuple[str, str], Cell]]]:
    """(table, cells) of every table of the report's format, cells in the order read."""
    return [(table, cells) for table, cells in report.tables.items() if report.schema(table) is not None]


def empty_cells(report: Report) -> list[Finding]:
    """One finding per row, naming its blank cells."""
    by_row: dict[tuple[str, str], list[str]] = {}
    for table, cells in _present_tables(report):
        for (row, col), cell in cells.items():
            if cell.status == STATUS_BLANK and cell.value is None:
                by_row.setdefault((table, row), []).append(col)
    out = []
    for (table, row), cols in by_row.items():
        figures = {
            "table": table,
            "table_short": messages.TABLE_SHORT[table],
            "row": row,
            "row_label": messages.row_label(table, report.format, row),
            "col_labels": [messages.col_label(table, report.format, c) for c in cols],
        }
        out.append(_finding(EMPTY_CELL.id, WARNING, figures, [CellRef(table, row, c) for c in cols], report))
    return out


def not_a_number(report: Report) -> list[Finding]:
    """Words where numbers belong."""
    out = []
    words = [
        (table, row, col, cell)
        for table, cells in _present_tables(report)
        for (row, col), cell in cells.items()
        if cell.value is None and cell.status == STATUS_TEXT
    ]
    for table, row, col, cell in words:
        figures = {
            "table_short": messages.TABLE_SHORT[table],
            "row_label": messages.row_label(table, report.format, row),
            "col_label": messages.col_label(table, report.format, col),
            "raw": cell.raw,
            "note": cell.note,
        }
        out.append(_finding(NOT_A_NUMBER.id, ERROR, figures, [CellRef(table, row, col)], report))
    return out


def uncertain_cell(report: Report) -> list[Finding]:
    """Cells the recognizer left blank because it could not be sure: one finding per
    stretch of source, naming the cells still blank and the readings that fit."""
    out = []
    for item in report.uncertain:
        if report.schema(item.table) is None:
            continue
        still = [
            (k, (row, col))
            for k, (row, col) in enumerate(item.cells)
            if (cell := report.cell(item.table, row, col)) is not None
            and cell.status == STATUS_UNCERTAIN
            and cell.value is None
        ]
        if not still:
            continue  # the officer has filled them in
        rows = list(dict.fromkeys(row for _, (row, _) in still))
        figures = {
            "table": item.table,
            "table_short": messages.TABLE_SHORT[item.table],
            "row_labels": [messages.row_label(item.table, report.format, r) for r in rows],
            "cell_labels": [messages.cell_label(item.table, report.format, row, col) for _, (row, col) in still],
            "raw": item.raw,
            "reason": item.reason,
            "options": [[option[k] for k, _ in still] for option in item.options],
        }
        f = _finding(UNCERTAIN_CELL.id, WARNING, figures, [CellRef(item.table, r, c) for _, (r, c) in still], report)
        f.source = f.source or item.span
        out.append(f)
    return out


def not_a_report(report: Report) -> list[Finding]:
    if not report.not_a_report:
        return []
    return [_finding(NOT_A_REPORT.id, ERROR, {}, [], report)]


def negative(report: Report) -> list[Finding]:
    out = []
    below_zero = [
        (table, row, col, cell)
        for table, cells in _present_tables(report)
        for (row, col), cell in cells.items()
        if cell.value is not None and cell.value < 0
    ]
    for table, row, col, cell in below_zero:
        if may_be_negative(table, report.format, col):
            continue
        figures = {
            "table_short": messages.TABLE_SHORT[table],
            "row_label": messages.row_label(table, report.format, row),
            "col_label": messages.col_label(table, report.format, col),
            "value": cell.value,
        }
        out.append(_finding(NEGATIVE.id, ERROR, figures, [CellRef(table, row, col)], report))
    return out


def row_missing(report: Report) -> list[Finding]:
    out = []
    for table, row, col in report.missing:
        figures = {"table_short": messages.TABLE_SHORT[table]}
        schema = report.schema(table)
        if row in T3_OTHER_SUB_ROWS and schema is not None and "other" in schema.row_ids():
            # A 2021 report printing the single （六） row: its three sub-rows, one finding.
            figures["row_label"] = "(六)其他处理的三个分项（2021版格式应分列填写）"
            cells = [CellRef(table, r, None) for r in T3_OTHER_SUB_ROWS]
        elif row is not None:
            figures["row_label"] = messages.row_label(table, report.format, row)
            cells = [CellRef(table, row, None)]
        else:
            figures["col_label"] = messages.col_label(table, report.format, col or "")
            cells = []
        f = _finding(ROW_MISSING.id, ERROR, figures, cells, report)
        f.source = report.table_spans.get(table)
        out.append(f)
    return out


def label_altered(report: Report) -> list[Finding]:
    out = []
    for issue in report.label_issues:
        figures = {
            "table_short": messages.TABLE_SHORT[issue.table],
            "found": issue.found,
            "official": issue.official,
        }
        cells = [CellRef(issue.table, issue.row, issue.col)] if issue.row else []
        f = _finding(LABEL_ALTERED.id, WARNING, figures, cells, report)
        f.source = issue.span
        out.append(f)
    return out


def table_missing(report: Report) -> list[Finding]:
    if report.format not in TABLE_FORMATS:
        return []
    out = []
    for table in TABLES:
        if not report.has_table(table):
            out.append(_finding(TABLE_MISSING.id, ERROR, {"table": table, "format": report.format}, [], report))
    return out


def section_missing(report: Report) -> list[Finding]:
    if report.format not in TABLE_FORMATS:
        return []
    found = {s.number for s in report.sections}
    out = []
    for n in range(1, 7):
        if n not in found:
            figures = {"number": n, "number_cn": _CN[n - 1], "title": SECTION_TITLES[n - 1]}
            out.append(_finding(SECTION_MISSING.id, WARNING, figures, [], report))
    return out


def format_outdated(report: Report) -> list[Finding]:
    year = report.year
    if year is None:
        return []
    if year >= 2021 and report.format == FORMAT_2019:
        return [_finding(FORMAT_OUTDATED.id, ERROR, {"year": year}, [], report)]
    if year in (2019, 2020) and report.format == FORMAT_2021:
        return [_finding(FORMAT_OUTDATED.id, WARNING, {"year": year}, [], report)]
    return []


TABLE_RULES: tuple[Callable[[Report], list[Finding]], ...] = (
    not_a_report,
    table_missing,
    section_missing,
    format_outdated,
    row_missing,
    label_altered,
    not_a_number,
    uncertain_cell,
    negative,
    empty_cells,
    t3_balance,
    t3_outcome_sum,
    t3_row_total,
    t4_total,
)

_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
# What a scan's reading may have caused (a label or a figure read wrong): its message says
# so, for the officer to check against the page (its severity stays the format's).
_READ_DEPENDENT = {
    ROW_MISSING.id,
    NOT_A_NUMBER.id,
    NEGATIVE.id,
    TABLE_MISSING.id,
    SECTION_MISSING.id,
    LABEL_ALTERED.id,
    "NARRATIVE_SUM",  # the text's figures are read by OCR too
    "NARRATIVE_TABLE",
    "PERCENT",
}
SCAN_NOTE = "（扫描件：也可能是文字识别不清所致，请对照原件核对）"


def _as_scanned(finding: Finding) -> Finding:
    """A finding on a scanned report, with the scan's caveat when OCR may have caused it."""
    if finding.rule not in _READ_DEPENDENT:
        return finding
    finding.message += SCAN_NOTE
    return finding


def audit(report: Report) -> list[Finding]:
    """Every finding of the per-report rules, errors first, then by position."""
    from model.narrative_rules import NARRATIVE_RULES

    if report.error:
        return []
    if report.not_a_report:
        return not_a_report(report)
    findings = [f for rule in TABLE_RULES + NARRATIVE_RULES for f in rule(report)]
    if report.scan is not None:
        findings = [_as_scanned(f) for f in findings]
    findings.sort(key=lambda f: (_ORDER[f.severity], f.source[0] if f.source else -1))
    return findings
