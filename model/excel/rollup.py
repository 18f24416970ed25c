"""Workbooks of the roll-up and of the comparison of two years, in the official layout.

Both reuse the form's layout (`model.excel.layout`): a table sheet is filled block by
block as in the audit workbook, with a figure in each cell of the form. Where something
belongs beside each figure — the reports behind a sum, the change on last year — the
layout is widened (`beside_layout`): every column of figures gets a narrower column at
its right, under the same headers, so the form keeps its shape and every figure has its
note next to it.

- `write_rollup(path, rollups, shared)` — per form present, 表二/表三/表四 summed, the
  reports behind each sum and the blanks beside it; 两种表式共有 when both forms are in;
  说明: the reports summed and those left out, and why.
- `write_comparison(path, comparison)` — the older year's tables as printed, the newer
  year's with the change (number and per cent) beside each figure, swings filled orange;
  文字对比: the narrative section by section, paragraph by paragraph, a near-unchanged
  paragraph with its word-level marks ([-deleted-]{+inserted+}, as rich text).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from model.atomic import write_atomic
from model.compare import (
    CHANGED,
    DELETE,
    KEEP,
    NEAR,
    NEW,
    REMOVED,
    SAME,
    Comparison,
    Run,
    TableComparison,
    diff_notation,
    percent_text,
)
from model.excel.labels import safe_text
from model.excel.layout import GROUP, HEADER, Block, Layout, table_layout
from model.excel.style import (
    BLANK_FILL,
    BORDER,
    CENTER,
    HEADER_FILL,
    HEADER_FONT,
    LEFT,
    MISSING_FILL,
    NOTE_FONT,
    TITLE_FONT,
    TOP_LEFT,
    WARNING_FILL,
    print_setup,
    put,
    row_height,
)
from model.messages import FORMAT_NAMES, TABLE_SHORT, fmt_num
from model.rollup import LEFT_NO_FORM, LEFT_UNREADABLE, SHARED, RollUp, RollUps

Value = int | float | str | None
Fill = Callable[[str, str], object]  # (row, col) -> a PatternFill or None
BESIDE_FONT = Font(color="595959", size=9)
SWING_FILL = WARNING_FILL
NEAR_FILL = BLANK_FILL
DELETED_FONT = InlineFont(color="C00000", strike=True)
INSERTED_FONT = InlineFont(color="0033CC", u="single")

LEFT_REASONS = {LEFT_UNREADABLE: "文件无法读取", LEFT_NO_FORM: "不是2019版或2021版表格（2019年以前的报告或格式未识别）"}
PARAGRAPH_NAMES = {SAME: "未改动", NEAR: "基本未改动", CHANGED: "有改写", NEW: "新增", REMOVED: "删去"}
SHARED_NAME = "两种表式共有"


def beside_layout(lay: Layout) -> tuple[Layout, dict[tuple[str, str], int]]:
    """`lay` with a column added right of every column of figures; and for each figure the
    sheet column of its note."""
    figures = sorted({c + k for _, c, span in lay.cells.values() for k in range(span)})

    def moved(col: int) -> int:
        return col + sum(1 for v in figures if v < col)

    def last(col: int) -> int:  # the last sheet column the original column `col` becomes
        return moved(col) + (1 if col in figures else 0)

    out = Layout(lay.table, lay.title, last(lay.width))
    out.blocks = [replace(b, col=moved(b.col), cols=last(b.col + b.cols - 1) - moved(b.col) + 1) for b in lay.blocks]
    notes: dict[tuple[str, str], int] = {}
    for key, (r, c, span) in lay.cells.items():
        end = last(c + span - 1)
        out.cells[key] = (r, moved(c), end - moved(c))
        notes[key] = end
    for col, width in lay.col_widths.items():
        out.col_widths[moved(col)] = width
        if col in figures:
            out.col_widths[moved(col) + 1] = max(8.0, width * 0.9)
    out.freeze = (lay.freeze[0], moved(lay.freeze[1]))
    out.title_rows = lay.title_rows
    return out, notes


def layout_sheet(
    ws: Worksheet,
    lay: Layout,
    title: str,
    details: str,
    value: Callable[[str, str], Value],
    note: Callable[[str, str], Value] | None = None,
    notes_at: dict[tuple[str, str], int] | None = None,
    fill: Fill | None = None,
) -> None:
    """One table on `ws` in the form's layout: `value(row, col)` in each figure's cell,
    `note(row, col)` in the column `notes_at` gives it (see `beside_layout`)."""
    put(ws, 1, 1, title, font=TITLE_FONT, alignment=CENTER)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=lay.width)
    put(ws, 2, 1, details, font=NOTE_FONT, alignment=LEFT)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=lay.width)
    ws.row_dimensions[1].height = 24
    for sheet_col, width in lay.col_widths.items():
        ws.column_dimensions[get_column_letter(sheet_col)].width = width
    print_setup(ws, lay.title_rows)
    for b in lay.blocks:
        _block(ws, b)
    for (row, col), (r, c, span) in lay.cells.items():
        xl = put(ws, r, c, value(row, col), alignment=CENTER, border=BORDER)
        shade = fill(row, col) if fill is not None else None
        if shade is not None:
            xl.fill = shade
        if span > 1:
            ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span - 1)
        if note is not None and notes_at is not None:
            put(ws, r, notes_at[(row, col)], note(row, col), alignment=CENTER, border=BORDER, font=BESIDE_FONT)
    ws.freeze_panes = ws.cell(row=lay.freeze[0], column=lay.freeze[1])


def _block(ws: Worksheet, b: Block) -> None:
    style = {"font": HEADER_FONT, "fill": HEADER_FILL} if b.kind in (HEADER, GROUP) else {}
    align = LEFT if b.kind == GROUP or (b.kind != HEADER and b.cols >= 2 and b.rows == 1) else CENTER
    put(ws, b.row, b.col, b.text, alignment=align, border=BORDER, **style)
    if b.rows > 1 or b.cols > 1:
        ws.merge_cells(start_row=b.row, start_column=b.col, end_row=b.row + b.rows - 1, end_column=b.col + b.cols - 1)


def _list_sheet(ws: Worksheet, header: list[str], widths: list[float], rows: list[list[object]]) -> None:
    for i, (label, width) in enumerate(zip(header, widths), start=1):
        put(ws, 1, i, label, font=HEADER_FONT, fill=HEADER_FILL, alignment=CENTER, border=BORDER)
        ws.column_dimensions[get_column_letter(i)].width = width
    for r, values in enumerate(rows, start=2):
        for c, v in enumerate(values, start=1):
            put(ws, r, c, v, alignment=TOP_LEFT, border=BORDER)
        height = row_height(values, widths)
        if height is not None:
            ws.row_dimensions[r].height = height
    ws.freeze_panes = "A2"
    print_setup(ws, (1, 1))


# ---- the roll-up ---------------------------------------------------------------------


def _count_note(rollup: RollUp, table: str) -> Callable[[str, str], Value]:
    def note(row: str, col: str) -> Value:
        n, blank = rollup.count(table, row, col), rollup.blank(table, row, col)
        return f"{n}份" + (f"，空{blank}" if blank else "")

    return note


def _rollup_sheets(wb: Workbook, rollup: RollUp, name: str) -> None:
    shared = set(rollup.not_shared)
    for table, schema in rollup.schemas.items():
        lay, notes = beside_layout(table_layout(schema))
        ws = wb.create_sheet(f"{name} {TABLE_SHORT[table]}")
        lacking = rollup.lacking.get(table, 0)
        details = f"合计 {rollup.reports} 份报告；每格右侧为计入合计的报告份数（空白单元格不计入，另计“空”）" + (
            f"；{lacking} 份报告缺少本表" if lacking else ""
        )
        if rollup.format == SHARED:
            details += "；灰色单元格两种表式不共有，未合计"

        def value(row: str, col: str, table: str = table) -> Value:
            if (table, row, col) in shared:
                return "—"
            return rollup.value(table, row, col)

        def fill(row: str, col: str, table: str = table) -> object:
            return MISSING_FILL if (table, row, col) in shared else None

        layout_sheet(ws, lay, f"{lay.title}（合计）", details, value, _count_note(rollup, table), notes, fill)


def build_rollup_workbook(rollups: RollUps, shared: RollUp | None = None) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for rollup in rollups.forms:
        _rollup_sheets(wb, rollup, FORMAT_NAMES.get(rollup.format, rollup.format))
    if shared is not None and len(rollups.forms) > 1:
        _rollup_sheets(wb, shared, SHARED_NAME)
    rows: list[list[object]] = []
    for rollup in rollups.forms:
        for path in rollup.paths:
            rows.append([os.path.basename(path), FORMAT_NAMES.get(rollup.format, rollup.format), "已合计", path])
    for path, reason in rollups.left_out:
        rows.append([os.path.basename(path), "", "未合计：" + LEFT_REASONS.get(reason, reason), path])
    _list_sheet(wb.create_sheet("说明"), ["文件", "表格格式", "情况", "路径"], [30.0, 10.0, 40.0, 60.0], rows)
    if not wb.worksheets[:-1]:
        wb.move_sheet("说明", 0)
    return wb


def write_rollup(path: str | os.PathLike[str], rollups: RollUps, shared: RollUp | None = None) -> None:
    """The roll-up workbook, written atomically."""
    write_atomic(path, build_rollup_workbook(rollups, shared).save)


# ---- the comparison of two years -----------------------------------------------------


def change_text(change: float | int | None, percent: float | int | None) -> Value:
    """The change beside a figure: +3（+25.0%）; "" where nothing was compared."""
    if change is None:
        return ""
    if change == 0:
        return "0"
    text = ("+" if change > 0 else "") + fmt_num(change).replace("-", "−")
    return text + (f"（{percent_text(percent)}）" if percent is not None else "")


def build_comparison_workbook(comparison: Comparison) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    old, new = comparison.old, comparison.new

    def details(report_year: int | None, fmt: str, extra: str = "") -> str:
        agency = new.agency or old.agency or "未识别"
        return f"单位：{agency}　　年度：{report_year or '未识别'}　　表格格式：{FORMAT_NAMES.get(fmt, fmt)}{extra}"

    for table, t in comparison.tables.items():
        old_schema = old.schema(table)
        if old_schema is not None:
            lay = table_layout(old_schema)
            ws = wb.create_sheet(f"{old.year or '上年'} {TABLE_SHORT[table]}")

            def before(row: str, col: str, table: str = table) -> Value:
                return old.value(table, row, col)

            layout_sheet(ws, lay, lay.title, details(old.year, old.format), before)
        lay, notes = beside_layout(table_layout(t.schema))
        ws = wb.create_sheet(f"{new.year or '本年'} {TABLE_SHORT[table]} 变化")

        def value(row: str, col: str, t: TableComparison = t) -> Value:
            return t.cell(row, col)["new"]  # type: ignore[no-any-return]

        def note(row: str, col: str, t: TableComparison = t) -> Value:
            cell = t.cell(row, col)
            return change_text(cell["change"], cell["percent"])

        def fill(row: str, col: str, t: TableComparison = t) -> object:
            return SWING_FILL if bool(t.swing.at[row, col]) else None

        extra = f"　　每格右侧为较{old.year or '上年'}的变化；橙色为大幅变化（5倍以上或五分之一以下，且一方不少于10件）"
        layout_sheet(ws, lay, f"{lay.title}（对比）", details(new.year, new.format, extra), value, note, notes, fill)
    rows: list[list[object]] = []
    marked: list[list[Run]] = []
    for section in comparison.sections:
        for p in section.paragraphs:
            notation = diff_notation(p.runs) if p.runs else ""
            rows.append(
                [section.title or "全文", PARAGRAPH_NAMES[p.state], p.new, p.old, round(p.ratio * 100), notation]
            )
            marked.append(p.runs)
    ws = wb.create_sheet("文字对比")
    _list_sheet(
        ws,
        ["章节", "情况", f"{new.year or '本年'}", f"{old.year or '上年'}", "相似度%", "逐字改动（[-删去-]{+新增+}）"],
        [18.0, 10.0, 60.0, 60.0, 8.0, 60.0],
        rows,
    )
    for r, (values, runs) in enumerate(zip(rows, marked), start=2):
        if values[1] in (PARAGRAPH_NAMES[SAME], PARAGRAPH_NAMES[NEAR]):
            ws.cell(row=r, column=2).fill = NEAR_FILL
        if runs:
            ws.cell(row=r, column=6).value = marked_text(runs)
    return wb


def marked_text(runs: list[Run]) -> CellRichText:
    """The word-level marks as rich text: the [-deleted-] runs struck through in red, the
    {+inserted+} underlined in blue (the brackets keep the marks when the styles are lost)."""
    parts: list[str | TextBlock] = []
    for kind, text in runs:
        if kind == KEEP:
            parts.append(safe_text(text))
        elif kind == DELETE:
            parts.append(TextBlock(DELETED_FONT, "[-" + safe_text(text) + "-]"))
        else:
            parts.append(TextBlock(INSERTED_FONT, "{+" + safe_text(text) + "+}"))
    return CellRichText(parts)


def write_comparison(path: str | os.PathLike[str], comparison: Comparison) -> None:
    """The comparison workbook, written atomically."""
    write_atomic(path, build_comparison_workbook(comparison).save)
