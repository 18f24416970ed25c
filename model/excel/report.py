"""The per-report workbook: the three tables in the form's layout, findings, change log, metadata.

Each figure is filled by its mark (`model.excel.marks`, as in the window): red error,
yellow blank, orange warning, violet uncertain, blue corrected (with a comment
原值 X → 新值 Y), grey for an item the report lacks. Every sheet prints A4 landscape, one
page wide, with its header rows on every page; 问题清单 and 修改记录 wrap their text and
name rules in Chinese (never by their ids). A hidden sheet (see `model.excel.data`) and one defined name per
figure let `model.excel.read` get the report back exactly.
"""

from __future__ import annotations

import datetime as dt
import math
import os

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import absolute_coordinate, get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from model import __version__
from model.atomic import write_atomic
from model.changes import META_TABLE, Change
from model.excel import data as excel_data
from model.excel.labels import (
    CHANGES_SHEET,
    DATA_SHEET,
    FINDINGS_SHEET,
    META_SHEET,
    WORKBOOK_KIND,
    WORKBOOK_VERSION,
    cell_title,
    finding_place,
    rule_title,
    safe_text,
    shown_value,
)
from model.excel.layout import GROUP, HEADER, Layout, table_layout
from model.excel.marks import CellKey, report_marks
from model.excel.style import (
    BLANK_FILL,
    BORDER,
    CENTER,
    ERROR_FILL,
    HEADER_FILL,
    HEADER_FONT,
    LEFT,
    MARK_FILLS,
    NOTE_FONT,
    TITLE_FONT,
    TOP_LEFT,
    print_setup,
    put,
    row_height,
)
from model.findings import ERROR, INFO, WARNING, Finding
from model.messages import FORMAT_NAMES, SEVERITY_NAMES, TABLE_SHORT, fmt_num
from model.report import Cell, Report
from model.schema import TABLES

AUTHOR = "年报审核助手"
NAME_PREFIX = "RA_C"
META_KEYS = {  # label on the 元数据 sheet -> what the reader looks for
    "kind": "工作簿类型",
    "version": "工作簿格式版本",
}
NOT_FOUND = "报告中未找到本表。"


def write_report(
    path: str | os.PathLike[str],
    report: Report,
    findings: list[Finding],
    changes: list[Change] | None = None,
    *,
    exported_at: dt.datetime | None = None,
) -> None:
    """Write one report's audit workbook to `path` atomically (WriteError when it cannot)."""
    wb = build_report_workbook(report, findings, changes or [], exported_at or dt.datetime.now())
    write_atomic(path, wb.save)


def build_report_workbook(
    report: Report, findings: list[Finding], changes: list[Change], exported_at: dt.datetime
) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = AUTHOR
    wb.properties.title = safe_text(f"{report.agency or os.path.basename(report.path)} 政府信息公开工作年度报告审核")
    marks = report_marks(report, findings)
    data: list[list[object]] = [list(excel_data.HEADER)]
    data.append([excel_data.META, "", "", "", "", "", "", excel_data.dumps(excel_data.meta_record(report))])
    for piece in excel_data.chunks(report.text):
        data.append([excel_data.TEXT, "", "", "", "", "", "", piece])
    positions: dict[tuple[str, str, str], str] = {}
    for table in TABLES:
        schema = report.schema(table)
        if schema is not None:
            ws = wb.create_sheet(TABLE_SHORT[table])
            _table_sheet(wb, ws, report, table_layout(schema), marks, data, positions)
    for table, cells in report.tables.items():
        for (row_id, col_id), cell in cells.items():
            if (table, row_id, col_id) not in positions:  # not on the form of this format: kept, not shown
                record = excel_data.dumps(excel_data.cell_record(cell))
                data.append([excel_data.CELL, "", table, row_id, col_id, "", "", record])
    _findings_sheet(wb.create_sheet(FINDINGS_SHEET), report, findings)
    _changes_sheet(wb.create_sheet(CHANGES_SHEET), report, changes, positions)
    for ch in changes:
        data.append([excel_data.CHANGE, "", ch.table, ch.row, ch.col, "", "", excel_data.dumps(ch.as_json())])
    _meta_sheet(wb.create_sheet(META_SHEET), report, findings, exported_at)
    data_ws = wb.create_sheet(DATA_SHEET)
    for r, values in enumerate(data, start=1):
        for c, value in enumerate(values, start=1):
            if value != "":
                put(data_ws, r, c, value)
    data_ws.sheet_state = "veryHidden"
    wb.active = 0
    return wb


def _title_rows(ws: Worksheet, report: Report, title: str, width: int) -> None:
    put(ws, 1, 1, title, font=TITLE_FONT, alignment=CENTER)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    fmt = FORMAT_NAMES.get(report.format, report.format)
    details = f"单位：{report.agency or '未识别'}　　年度：{report.year or '未识别'}　　表格格式：{fmt}"
    put(ws, 2, 1, details, font=NOTE_FONT, alignment=LEFT)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.row_dimensions[1].height = 24


def _table_sheet(
    wb: Workbook,
    ws: Worksheet,
    report: Report,
    lay: Layout,
    marks: dict[CellKey, str],
    data: list[list[object]],
    positions: dict[tuple[str, str, str], str],
) -> None:
    _title_rows(ws, report, lay.title, lay.width)
    for col, width in lay.col_widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    print_setup(ws, lay.title_rows)
    if not report.has_table(lay.table):
        put(ws, 3, 1, NOT_FOUND, alignment=LEFT)
        return
    for b in lay.blocks:
        style = {"font": HEADER_FONT, "fill": HEADER_FILL} if b.kind in (HEADER, GROUP) else {}
        align = LEFT if b.kind == GROUP or (b.kind != HEADER and b.cols >= 2 and b.rows == 1) else CENTER
        put(ws, b.row, b.col, b.text, alignment=align, border=BORDER, **style)
        if b.rows > 1 or b.cols > 1:  # merging outlines the whole range with the first cell's border
            ws.merge_cells(
                start_row=b.row, start_column=b.col, end_row=b.row + b.rows - 1, end_column=b.col + b.cols - 1
            )
    _row_heights(ws, lay)
    sheet_ref = quote_sheetname(ws.title)
    for (row_id, col_id), (r, c, span) in lay.cells.items():
        key = (lay.table, row_id, col_id)
        cell = report.cell(*key)
        shown = shown_value(cell)
        xl = put(ws, r, c, shown, alignment=CENTER, border=BORDER)
        fill = MARK_FILLS.get(marks.get(key, ""))
        if fill is not None:
            xl.fill = fill
        comment = _comment(cell)
        if comment:
            xl.comment = Comment(comment, AUTHOR, width=260, height=90)
        if span > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span - 1)
        address = xl.coordinate
        positions[key] = f"{ws.title}!{address}"
        if cell is None:
            continue  # a cell the report lacks has nothing to read back
        name = f"{NAME_PREFIX}{len(positions):04d}"
        wb.defined_names[name] = DefinedName(name, attr_text=f"{sheet_ref}!{absolute_coordinate(address)}", hidden=True)
        record = excel_data.dumps(excel_data.cell_record(cell))
        data.append([excel_data.CELL, name, lay.table, row_id, col_id, ws.title, address, record])
    ws.freeze_panes = ws.cell(row=lay.freeze[0], column=lay.freeze[1])


def _row_heights(ws: Worksheet, lay: Layout) -> None:
    """Tall enough rows for wrapped labels (Excel does not grow them when it opens a file)."""
    needed: dict[int, float] = {}
    for b in lay.blocks:
        width = sum(lay.col_widths.get(c, 9) for c in range(b.col, b.col + b.cols))
        chars = sum(2 if ord(ch) > 0x2E7F else 1 for ch in b.text)
        lines = max(1, math.ceil(chars / max(width - 1, 1)))
        per_row = 15.0 * lines / b.rows
        needed[b.row] = max(needed.get(b.row, 15.0), per_row)
    for row, height in needed.items():
        if height > 15.0:
            ws.row_dimensions[row].height = min(height, 120.0)


def _old_text(cell: Cell) -> str:
    if cell.parsed_value is not None:
        return fmt_num(cell.parsed_value)
    return cell.raw.strip() or "空"


def _comment(cell: Cell | None) -> str:
    if cell is None:
        return ""
    lines = []
    if cell.edited:
        lines.append(f"原值 {_old_text(cell)} → 新值 {fmt_num(cell.value)}")
    if cell.note:
        lines.append(cell.note)
    return safe_text("\n".join(lines))


def _header(ws: Worksheet, labels: list[str], widths: list[float]) -> None:
    for i, (label, width) in enumerate(zip(labels, widths), start=1):
        put(ws, 1, i, label, font=HEADER_FONT, fill=HEADER_FILL, alignment=CENTER, border=BORDER)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"


def _text_row(ws: Worksheet, r: int, values: list[object], widths: list[float], left: set[int]) -> None:
    """One row of a list sheet: bordered, wrapped, tall enough for its longest text."""
    for c, v in enumerate(values, start=1):
        put(ws, r, c, v, alignment=TOP_LEFT if c in left else CENTER, border=BORDER)
    height = row_height(values, widths)
    if height is not None:
        ws.row_dimensions[r].height = height


FINDING_COLUMNS = ["序号", "表", "行", "列", "规则", "严重程度", "说明", "状态"]
FINDING_WIDTHS = [6.0, 6.0, 30.0, 22.0, 16.0, 9.0, 64.0, 9.0]
_SEVERITY_FILL = {ERROR: ERROR_FILL, WARNING: BLANK_FILL}


def _findings_sheet(ws: Worksheet, report: Report, findings: list[Finding]) -> None:
    _header(ws, FINDING_COLUMNS, FINDING_WIDTHS)
    for i, f in enumerate(findings, start=1):
        table, row, col = finding_place(f, report.format)
        values: list[object] = [i, table, row, col, rule_title(f.rule), SEVERITY_NAMES.get(f.severity, f.severity),
                                f.message, "已修改" if _touches_edited(report, f) else "待核实"]  # fmt: skip
        _text_row(ws, i + 1, values, FINDING_WIDTHS, {3, 4, 7})
        if f.severity in _SEVERITY_FILL:
            ws.cell(row=i + 1, column=6).fill = _SEVERITY_FILL[f.severity]
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FINDING_COLUMNS))}{max(len(findings) + 1, 2)}"
    print_setup(ws, (1, 1))


def _touches_edited(report: Report, finding: Finding) -> bool:
    """True when the officer corrected one of the cells the finding names."""
    for ref in finding.cells:
        cell = report.cell(ref.table, ref.row, ref.col) if ref.col is not None else None
        if cell is not None and cell.edited:
            return True
    return False


CHANGE_COLUMNS = ["序号", "单元格", "位置", "原值", "新值", "时间"]
CHANGE_WIDTHS = [6.0, 40.0, 12.0, 14.0, 14.0, 21.0]


META_TITLES = {"agency": "机关名称", "year": "报告年度", "format": "表格格式"}


def _changes_sheet(
    ws: Worksheet, report: Report, changes: list[Change], positions: dict[tuple[str, str, str], str]
) -> None:
    _header(ws, CHANGE_COLUMNS, CHANGE_WIDTHS)
    for i, ch in enumerate(changes, start=1):
        title = (
            META_TITLES.get(ch.row, ch.row)
            if ch.table == META_TABLE
            else cell_title(ch.table, report.format, ch.row, ch.col)
        )
        values = [i, title, positions.get((ch.table, ch.row, ch.col), ""),
                  "（空）" if ch.old is None else ch.old, "（空）" if ch.new is None else ch.new, ch.when]  # fmt: skip
        _text_row(ws, i + 1, values, CHANGE_WIDTHS, {2})
    print_setup(ws, (1, 1))


def _meta_sheet(ws: Worksheet, report: Report, findings: list[Finding], exported_at: dt.datetime) -> None:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in (ERROR, WARNING, INFO)}
    rows: list[tuple[str, object]] = [
        (META_KEYS["kind"], WORKBOOK_KIND),
        (META_KEYS["version"], WORKBOOK_VERSION),
        ("源文件", report.path),
        ("SHA-256", report.sha256),
        ("单位", report.agency or ""),
        ("年度", report.year if report.year is not None else ""),
        ("表格格式", FORMAT_NAMES.get(report.format, report.format)),
        ("签署日期", report.signed_date.isoformat() if report.signed_date else ""),
        ("发布日期", report.published_date.isoformat() if report.published_date else ""),
        ("读取错误", report.error or ""),
        ("错误", counts[ERROR]),
        ("警告", counts[WARNING]),
        ("提示", counts[INFO]),
        ("程序版本", f"{AUTHOR} {__version__}"),
        ("导出时间", exported_at),
    ]
    _header(ws, ["项目", "内容"], [16, 80])
    for r, (key, value) in enumerate(rows, start=2):
        put(ws, r, 1, key, font=HEADER_FONT, alignment=LEFT, border=BORDER)
        put(ws, r, 2, value, alignment=LEFT, border=BORDER)
        height = row_height([key, value], [16, 80])
        if height is not None:
            ws.row_dimensions[r].height = height
    print_setup(ws, (1, 1))
