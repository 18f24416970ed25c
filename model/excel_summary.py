"""The batch summary workbook: one line per report with every figure, and all findings.

Written in openpyxl's streaming (write-only) mode so a thousand reports take a second or
two: only header cells carry styles, figures go in as plain values.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from model import __version__
from model.atomic import write_atomic
from model.excel_labels import (
    FINDINGS_SHEET,
    META_SHEET,
    SUMMARY_KIND,
    SUMMARY_SHEET,
    cell_title,
    finding_place,
    formula_like,
    safe_text,
)
from model.excel_style import (
    BORDER,
    CENTER,
    DATETIME_FORMAT,
    HEADER_FILL,
    HEADER_FONT,
    excel_value,
    print_setup,
)
from model.findings import ERROR, WARNING, Finding
from model.messages import FORMAT_NAMES, RULE_NAMES, SEVERITY_NAMES
from model.report import Report
from model.schema import FORMAT_2019, FORMAT_2021, TABLES, table_schema

Item = tuple[Report, list[Finding]]
CellId = tuple[str, str, str]

REPORT_COLUMNS = ["文件", "单位", "年度", "表格格式", "错误", "警告", "读取失败原因"]
FINDING_COLUMNS = ["文件", "单位", "年度", "表", "行", "列", "规则", "严重程度", "说明"]


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


def write_summary(
    path: str | os.PathLike[str], items: Sequence[Item], *, exported_at: dt.datetime | None = None
) -> None:
    """Write the batch summary workbook to `path` atomically (WriteError when it cannot)."""
    exported_at = exported_at or dt.datetime.now()

    def write(tmp: str) -> None:
        wb = Workbook(write_only=True)
        wb.properties.creator = "年报审核助手"
        _reports_sheet(wb.create_sheet(SUMMARY_SHEET), items)
        _findings_sheet(wb.create_sheet(FINDINGS_SHEET), items)
        _meta_sheet(wb.create_sheet(META_SHEET), items, exported_at)
        wb.save(tmp)

    write_atomic(path, write)


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
    """Sizes, frozen header, filter and A4 landscape; must come before the first row."""
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = freeze
    ws.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{max(n_rows + 1, 2)}"
    print_setup(ws, True, (1, 1))


def _reports_sheet(ws: WriteOnlyWorksheet, items: Sequence[Item]) -> None:
    columns = summary_columns(items)
    widths = [40, 28, 7, 10, 6, 6, 24] + [12] * len(columns)
    _setup(ws, widths, "C2", len(items))
    ws.append(_header_row(ws, REPORT_COLUMNS + [title for _, title in columns]))
    for report, findings in items:
        errors = sum(1 for f in findings if f.severity == ERROR)
        warnings = sum(1 for f in findings if f.severity == WARNING)
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


def _findings_sheet(ws: WriteOnlyWorksheet, items: Sequence[Item]) -> None:
    total = sum(len(f) for _, f in items)
    _setup(ws, [40, 28, 7, 6, 34, 24, 18, 9, 80], "A2", total)
    ws.append(_header_row(ws, FINDING_COLUMNS))
    for report, findings in items:
        path, agency = _text(ws, report.path), _text(ws, report.agency or "")
        for f in findings:
            table, row, col = finding_place(f, report.format)
            ws.append([path, agency, report.year, table, _text(ws, row), _text(ws, col),
                       RULE_NAMES.get(f.rule, f.rule), SEVERITY_NAMES.get(f.severity, f.severity),
                       _text(ws, f.message)])  # fmt: skip


def _meta_sheet(ws: WriteOnlyWorksheet, items: Sequence[Item], exported_at: dt.datetime) -> None:
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 60
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
