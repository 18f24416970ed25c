"""Shared look of the workbooks: fills, fonts, borders, safe cell writing and A4 print set-up.

Every printed sheet is A4 landscape, one page wide, its header rows on every page, the sheet
name and page number in the footer. Spreadsheet programs do not grow a row for wrapped
text when they open a file (LibreOffice and WPS print it cut off), so sheets of long text
give each row the height its text needs (`row_height`).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from model.excel.labels import formula_like, safe_text
from model.excel.marks import MARK_BLANK, MARK_EDITED, MARK_ERROR, MARK_MISSING, MARK_UNCERTAIN, MARK_WARNING
from model.messages import fmt_num

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")  # red: a cell an error finding names
BLANK_FILL = PatternFill("solid", fgColor="FFEB9C")  # yellow: nothing written in the cell
EDITED_FILL = PatternFill("solid", fgColor="DDEBF7")  # blue: corrected by the officer
MISSING_FILL = PatternFill("solid", fgColor="D9D9D9")  # grey: the report lacks this item
UNCERTAIN_FILL = PatternFill("solid", fgColor="E4D7F5")  # violet: the figure could not be placed
WARNING_FILL = PatternFill("solid", fgColor="FDE0BD")  # orange: a warning names the cell
MARK_FILLS = {
    MARK_ERROR: ERROR_FILL,
    MARK_BLANK: BLANK_FILL,
    MARK_WARNING: WARNING_FILL,
    MARK_UNCERTAIN: UNCERTAIN_FILL,
    MARK_EDITED: EDITED_FILL,
    MARK_MISSING: MISSING_FILL,
}
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")

TITLE_FONT = Font(bold=True, size=14)
HEADER_FONT = Font(bold=True)
NOTE_FONT = Font(color="595959")

_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)

DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


EXCEL_DIGITS = 15  # Excel keeps numbers as doubles: 15 significant digits at most


def excel_value(value: Any) -> Any:
    """A value a worksheet cell can hold: safe text, naive datetimes, numbers as they are.

    A number no worksheet can hold (more digits than a double keeps, or not finite) is
    written as its text, so the workbook neither fails nor shows a different figure."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**EXCEL_DIGITS:
        return fmt_num(value)
    if isinstance(value, float) and not math.isfinite(value):
        return fmt_num(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)  # Excel has no time zones: local time
        return value.replace(microsecond=0)  # Excel keeps milliseconds at best; show seconds
    return value


def put(ws: Worksheet, row: int, col: int, value: Any, **style: Any) -> Any:
    """Write one cell of an ordinary worksheet; text that looks like a formula stays text."""
    cell = ws.cell(row=row, column=col)
    value = excel_value(value)
    cell.value = value
    if isinstance(value, str) and formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel keeps it text even when the officer edits the cell
    if isinstance(value, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    for name, v in style.items():
        setattr(cell, name, v)
    return cell


PAGE_FOOTER = "&A　第 &P 页，共 &N 页"  # sheet name, page of pages
LINE_HEIGHT = 15.0  # points per line of 11-point text
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def print_setup(ws: Any, title_rows: tuple[int, int] | None = None) -> None:
    """A4 landscape, one page wide, `title_rows` on every page, the sheet's name and the
    page number at the foot of each page."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.footer = 0.25
    ws.oddFooter.center.text = PAGE_FOOTER
    if title_rows is not None:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"


def text_width(text: str) -> int:
    """How many columns of Excel's width unit the text takes: two for a Chinese character."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def text_lines(value: Any, width: float) -> int:
    """The lines a wrapped cell `width` units wide needs for `value`."""
    if value is None:
        return 1
    text = value if isinstance(value, str) else str(value)
    room = max(width - 1.5, 1.0)  # the cell's padding
    return sum(max(1, math.ceil(text_width(line) / room)) for line in text.split("\n"))


def row_height(values: list[Any], widths: list[float]) -> float | None:
    """The height a row of wrapped cells needs, or None when one line is enough."""
    lines = max((text_lines(v, w) for v, w in zip(values, widths)), default=1)
    return None if lines <= 1 else min(LINE_HEIGHT * lines + 2, MAX_ROW_HEIGHT)
