"""The batch summary workbook: a list to print, every finding, and every figure.

- 汇总: one report per row with its counts and its problems in words (rules by their
  Chinese names, how many times each), wrapped to print on A4 landscape, one page wide.
- 问题清单: every finding of every report, wrapped, for paper too.
- 全部数据: one line per report with every canonical figure (about 230 columns): for
  filtering and pivoting on screen, not for paper (fitted to the page width like the
  others, so printing the whole workbook by mistake costs a page, not dozens).
- 元数据: what the workbook is, when and by which version it was written.

With more than one report, the overview (概览, `model.overview`) follows 问题清单: 单位排名,
问题规则, 年度 and 热力图 with their native charts (`model.excel.overview`).

Written in openpyxl's streaming (write-only) mode so a thousand reports take a second or
two: rows are sized as they are written (spreadsheet programs do not grow a row for
wrapped text when they open a file).
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from model import __version__
from model.atomic import write_atomic
from model.excel.labels import (
    DATA_DUMP_SHEET,
    FINDINGS_SHEET,
    META_SHEET,
    SUMMARY_KIND,
    SUMMARY_SHEET,
    cell_title,
    finding_place,
    formula_like,
    rule_title,
    safe_text,
)
from model.excel.style import (
    BORDER,
    CENTER,
    DATETIME_FORMAT,
    HEADER_FILL,
    HEADER_FONT,
    TOP_LEFT,
    excel_value,
    print_setup,
    row_height,
)
from model.findings import ERROR, INFO, WARNING, Finding
from model.messages import FORMAT_NAMES, SEVERITY_NAMES
from model.report import Report
from model.schema import FORMAT_2019, FORMAT_2021, TABLES, table_schema

Item = tuple[Report, list[Finding]]
CellId = tuple[str, str, str]

LIST_COLUMNS = ["序号", "单位", "年度", "表格格式", "错误", "警告", "提示", "主要问题", "文件"]
LIST_WIDTHS = [5.0, 26.0, 6.0, 11.0, 5.0, 5.0, 5.0, 50.0, 36.0]
LIST_WRAPPED = {2, 8, 9}  # columns of text, left-aligned
REPORT_COLUMNS = ["文件", "单位", "年度", "表格格式", "错误", "警告", "读取失败原因"]
FINDING_COLUMNS = ["文件", "单位", "年度", "表", "行", "列", "规则", "严重程度", "说明"]
FINDING_WIDTHS = [24.0, 18.0, 6.0, 5.0, 24.0, 14.0, 14.0, 7.0, 56.0]
FINDING_WRAPPED = {1, 2, 5, 6, 7, 9}
NO_PROBLEMS = "未发现问题"
_SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


def summary_columns(items: Sequence[Item]) -> list[tuple[CellId, str]]:
    """Every canonical cell of the formats in the batch, 2021 first, with its header."""
    formats = {r.format for r, _ in items}
    order = [f for f in (FORMAT_2021, FORMAT_2019) if f in formats] or [FORMAT_2021]
    out: list[tuple[CellId, str]] = []
    seen: set[CellId] = set()
    for table in TABLES:
        for fmt in order:
            schema = table_schema(table, fmt)
            assert schema is not None
            for row, col in schema.cells():
                key = (table, row, col)
                if key not in seen:
                    seen.add(key)
                    out.append((key, cell_title(table, fmt, row, col)))
    return out


def problems_text(report: Report, findings: Sequence[Finding]) -> str:
    """A report's problems in words, one rule a line, errors first: 表三勾稽关系（错误）3 处."""
    if report.error:
        return report.error  # says itself what went wrong (could not be read, or written)
    if not findings:
        return NO_PROBLEMS
    counts = Counter((f.severity, f.rule) for f in findings)
    order = sorted(counts, key=lambda key: (_SEVERITY_ORDER.get(key[0], 3), -counts[key], rule_title(key[1])))
    return "\n".join(
        f"{rule_title(rule)}（{SEVERITY_NAMES.get(severity, severity)}）{counts[(severity, rule)]} 处"
        for severity, rule in order
    )


def write_summary(
    path: str | os.PathLike[str], items: Sequence[Item], *, exported_at: dt.datetime | None = None
) -> None:
    """Write the batch summary workbook to `path` atomically (WriteError when it cannot)."""
    exported_at = exported_at or dt.datetime.now()

    def write(tmp: str) -> None:
        wb = Workbook(write_only=True)
        wb.properties.creator = "年报审核助手"
        _list_sheet(wb.create_sheet(SUMMARY_SHEET), items)
        _findings_sheet(wb.create_sheet(FINDINGS_SHEET), items)
        if len(items) > 1:
            _overview_sheets(wb, items)
        _data_sheet(wb.create_sheet(DATA_DUMP_SHEET), items)
        _meta_sheet(wb.create_sheet(META_SHEET), items, exported_at)
        wb.save(tmp)

    write_atomic(path, write)


def _overview_sheets(wb: Workbook, items: Sequence[Item]) -> None:
    from model.excel.overview import add_overview_sheets  # pandas: only for a batch
    from model.overview import overview

    add_overview_sheets(wb, overview(items))


def _text(ws: WriteOnlyWorksheet, value: Any) -> Any:
    """A plain value, or a text cell when the text could pass for a formula."""
    if not isinstance(value, str):
        return value
    value = safe_text(value)
    if not formula_like(value):
        return value
    cell = WriteOnlyCell(ws, value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _header_row(ws: WriteOnlyWorksheet, labels: Sequence[str]) -> list[WriteOnlyCell]:
    out = []
    for label in labels:
        cell = WriteOnlyCell(ws, label)
        cell.font, cell.fill, cell.alignment, cell.border = HEADER_FONT, HEADER_FILL, CENTER, BORDER
        out.append(cell)
    return out


def _setup(ws: WriteOnlyWorksheet, widths: Sequence[float], freeze: str, n_rows: int) -> None:
    """Sizes, frozen header, filter and print set-up; must come before the first row."""
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = freeze
    ws.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{max(n_rows + 1, 2)}"
    print_setup(ws, (1, 1))


def _wrapped_row(
    ws: WriteOnlyWorksheet, r: int, values: list[Any], widths: Sequence[float], left: set[int]
) -> list[Any]:
    """A printed row: every cell bordered and wrapped, the row as tall as its longest text.
    Must be called just before the row is appended (its height goes first)."""
    height = row_height(values, list(widths))
    if height is not None:
        ws.row_dimensions[r].height = height
    out = []
    for c, value in enumerate(values, start=1):
        cell = WriteOnlyCell(ws, excel_value(value))
        if isinstance(cell.value, str) and formula_like(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
        cell.alignment = TOP_LEFT if c in left else CENTER
        cell.border = BORDER
        out.append(cell)
    return out


def _counts(findings: Sequence[Finding]) -> tuple[int, int, int]:
    return tuple(sum(1 for f in findings if f.severity == s) for s in (ERROR, WARNING, INFO))  # type: ignore[return-value]


def _list_sheet(ws: WriteOnlyWorksheet, items: Sequence[Item]) -> None:
    _setup(ws, LIST_WIDTHS, "C2", len(items))
    ws.append(_header_row(ws, LIST_COLUMNS))
    for i, (report, findings) in enumerate(items, start=1):
        errors, warnings, notes = _counts(findings)
        failed = bool(report.error)
        values = [
            i,
            report.agency or "",
            report.year,
            FORMAT_NAMES.get(report.format, report.format),
            None if failed else errors,
            None if failed else warnings,
            None if failed else notes,
            problems_text(report, findings),
            report.path,
        ]
        ws.append(_wrapped_row(ws, i + 1, values, LIST_WIDTHS, LIST_WRAPPED))


def _findings_sheet(ws: WriteOnlyWorksheet, items: Sequence[Item]) -> None:
    total = sum(len(f) for _, f in items)
    _setup(ws, FINDING_WIDTHS, "A2", total)
    ws.append(_header_row(ws, FINDING_COLUMNS))
    r = 1
    for report, findings in items:
        for f in findings:
            r += 1
            table, row, col = finding_place(f, report.format)
            values = [report.path, report.agency or "", report.year, table, row, col, rule_title(f.rule),
                      SEVERITY_NAMES.get(f.severity, f.severity), f.message]  # fmt: skip
            ws.append(_wrapped_row(ws, r, values, FINDING_WIDTHS, FINDING_WRAPPED))


def _data_sheet(ws: WriteOnlyWorksheet, items: Sequence[Item]) -> None:
    columns = summary_columns(items)
    widths = [40, 28, 7, 10, 6, 6, 24] + [12] * len(columns)
    _setup(ws, widths, "C2", len(items))
    ws.append(_header_row(ws, REPORT_COLUMNS + [title for _, title in columns]))
    for report, findings in items:
        errors, warnings, _notes = _counts(findings)
        row: list[Any] = [
            _text(ws, report.path),
            _text(ws, report.agency or ""),
            report.year,
            FORMAT_NAMES.get(report.format, report.format),
            errors,
            warnings,
            _text(ws, report.error or ""),
        ]
        tables = report.tables
        for (table, r, c), _ in columns:
            cell = tables.get(table, {}).get((r, c))
            row.append(None if cell is None else excel_value(cell.value))
        ws.append(row)


def _meta_sheet(ws: WriteOnlyWorksheet, items: Sequence[Item], exported_at: dt.datetime) -> None:
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 60
    print_setup(ws, (1, 1))
    ws.append(_header_row(ws, ["项目", "内容"]))
    when = WriteOnlyCell(ws, excel_value(exported_at))
    when.number_format = DATETIME_FORMAT
    for key, value in (
        ("工作簿类型", SUMMARY_KIND),
        ("报告数", len(items)),
        ("程序版本", f"年报审核助手 {__version__}"),
        ("导出时间", when),
    ):
        ws.append([key, value])
