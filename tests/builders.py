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


def pdf_of_objects(objects: list[bytes], root: int = 1, trailer_extra: str = "") -> bytes:
    """A PDF file of numbered objects (1 … n) with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R{trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
