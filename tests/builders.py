"""Small files made inside tests: Word and Excel files holding lines of text."""

from __future__ import annotations

import io

import docx
import openpyxl


def docx_of_lines(lines: list[str]) -> bytes:
    """A .docx with one paragraph per line."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def xlsx_of_lines(lines: list[str]) -> bytes:
    """A .xlsx with one line per row of the first column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    for i, line in enumerate(lines, 1):
        ws.cell(i, 1, line)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
