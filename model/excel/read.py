"""Reading a report workbook the program wrote back into a `Report` and its change log.

The hidden data sheet is the record; the visible table sheets are then compared with it,
so a figure the officer corrected in Excel (or WPS) comes back as a correction with its
own change-log line. Positions are found through the workbook's defined names, which
spreadsheet programs keep up to date when rows are inserted or deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import zipfile
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from model.changes import Change
from model.errors import ReadError
from model.excel import data as excel_data
from model.excel.labels import DATA_SHEET, META_SHEET, WORKBOOK_KIND, shown_value
from model.report import Cell, Number, Report


class NotReportWorkbook(ReadError):
    """The workbook was not written by this program as a per-report workbook."""


_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def is_report_workbook(wb: Workbook) -> bool:
    """A workbook of ours: its 元数据 sheet names our kind and the data sheet is there."""
    if META_SHEET not in wb.sheetnames or DATA_SHEET not in wb.sheetnames:
        return False
    ws = wb[META_SHEET]
    for _key, value in ws.iter_rows(min_row=1, max_row=10, max_col=2, values_only=True):
        if value == WORKBOOK_KIND:
            return True
    return False


def read_report_workbook(path: str | os.PathLike[str]) -> tuple[Report, list[Change]]:
    """The report and change log saved in `path` (NotReportWorkbook / ReadError when it cannot)."""
    name = os.path.basename(os.fspath(path))
    try:
        wb = load_workbook(path)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise NotReportWorkbook(f"{name} 不是有效的 Excel 工作簿（.xlsx）。") from exc
    except OSError as exc:
        raise ReadError(f"无法打开 {name}：{exc.strerror or exc}。") from exc
    if not is_report_workbook(wb):
        raise NotReportWorkbook(f"{name} 不是年报审核助手导出的审核工作簿，无法读回。")
    try:
        report, names, changes = _from_data_sheet(wb)
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise ReadError(f"{name} 中的审核数据已损坏，无法读回。") from exc
    when = dt.datetime.fromtimestamp(os.path.getmtime(path))
    changes += _edits_in_sheets(wb, report, names, when)
    return report, changes


def _from_data_sheet(
    wb: Workbook,
) -> tuple[Report, dict[tuple[str, str, str], tuple[str, str]], list[Change]]:
    meta: dict[str, Any] | None = None
    text_parts: list[str] = []
    cells: list[tuple[str, str, str, Cell]] = []
    names: dict[tuple[str, str, str], tuple[str, str]] = {}  # cell -> (defined name, "sheet!address")
    changes: list[Change] = []
    ws = wb[DATA_SHEET]
    for line in ws.iter_rows(min_row=2, values_only=True):
        kind, name, table, row, col, sheet, address, blob = (list(line) + [None] * 8)[:8]
        if kind == excel_data.META:
            meta = json.loads(blob)
        elif kind == excel_data.TEXT:
            text_parts.append(blob or "")
        elif kind == excel_data.CELL:
            key = (str(table), str(row), str(col))
            cells.append((*key, excel_data.cell_from_record(json.loads(blob))))
            if address:  # shown on a table sheet (cells of another format are only kept)
                names[key] = (str(name or ""), f"{sheet}!{address}")
        elif kind == excel_data.CHANGE:
            changes.append(Change.from_json(json.loads(blob)))
    if meta is None:
        raise KeyError("meta")
    text = json.loads("".join(text_parts)) if text_parts else ""
    report = excel_data.report_from_meta(meta, text)
    for table, row, col, cell in cells:
        report.tables.setdefault(table, {})[(row, col)] = cell
    return report, names, changes


def _edits_in_sheets(
    wb: Workbook, report: Report, names: dict[tuple[str, str, str], tuple[str, str]], when: dt.datetime
) -> list[Change]:
    """Corrections typed into the visible sheets since the program wrote them."""
    out: list[Change] = []
    for key, (name, fallback) in names.items():
        found = _visible(wb, name, fallback)
        if found is _GONE:
            continue
        cell = report.cell(*key)
        assert cell is not None
        if _same(found, shown_value(cell)):
            continue
        value = _as_number(found)
        if value is _GONE or value == cell.value and (value is not None or cell.status == "blank"):
            continue
        old = report.set_value(*key, value)  # type: ignore[arg-type]
        out.append(Change(*key, old, value, when))  # type: ignore[arg-type]
    return out


_GONE = object()  # the position was deleted, or its content cannot be read as a figure


def _visible(wb: Workbook, name: str, fallback: str) -> Any:
    dn = wb.defined_names.get(name) if name else None
    if dn is not None:
        dests = list(dn.destinations) if "#REF!" not in (dn.attr_text or "") else []
        if not dests:
            return _GONE
        sheet, address = dests[0]
    else:
        sheet, _, address = fallback.rpartition("!")
    if sheet not in wb.sheetnames:
        return _GONE
    try:
        return wb[sheet][address.replace("$", "")].value
    except ValueError:
        return _GONE


def _same(found: Any, expected: Any) -> bool:
    if isinstance(found, str) and not found.strip():
        found = None
    if isinstance(found, (int, float)) and isinstance(expected, (int, float)):
        return abs(found - expected) <= 1e-9 * max(1.0, abs(expected))
    return bool(found == expected)


def _as_number(found: Any) -> Number | None | object:
    if found is None or (isinstance(found, str) and not found.strip()):
        return None
    if isinstance(found, bool):
        return _GONE
    if isinstance(found, str):
        text = found.strip().replace(",", "")
        if not _NUMBER.match(text):
            return _GONE  # words typed over a figure: keep the saved value
        found = float(text) if "." in text else int(text)
    if isinstance(found, float) and found.is_integer():
        return int(found)
    if isinstance(found, (int, float)):
        return found
    return _GONE
