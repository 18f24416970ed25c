"""Excel reader: workbooks written with openpyxl in the test, read back cell by cell."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from parsers import load_report
from parsers.read.readers import read_document
from tests.parsers.test_read_html import SEED_2019, official_blocks


def blocks_to_xlsx(blocks: list, path: Path) -> None:  # type: ignore[type-arg]
    """Narrative in column A of one sheet, each table laid out with merged ranges."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "年报"
    r = 1
    for kind, content in blocks:
        if kind == "p":
            ws.cell(r, 1, content)
            r += 1
            continue
        taken: set[tuple[int, int]] = set()
        for i, row in enumerate(content):
            c = 0
            for lines, rs, cs in row:
                while (i, c) in taken:
                    c += 1
                text = "\n".join(lines)
                ws.cell(r + i, c + 1, int(text) if text.isdigit() else text)
                if rs > 1 or cs > 1:
                    ws.merge_cells(start_row=r + i, start_column=c + 1, end_row=r + i + rs - 1, end_column=c + cs)
                taken |= {(i + a, c + b) for a in range(rs) for b in range(cs)}
                c += cs
        r += len(content)
    wb.save(path)


def test_official_layout_in_excel_reads_like_the_text(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    blocks_to_xlsx(official_blocks(SEED_2019), path)
    report = load_report(path)
    expected = load_report(SEED_2019)
    assert report.error is None
    assert report.format == expected.format
    assert report.tables_json() == expected.tables_json()


def test_sheets_merged_cells_and_values(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表三"
    ws["B2"] = "申请人情况"
    ws.merge_cells("B2:D2")
    ws["A3"] = "一、本年新收\n政府信息公开申请数量"
    ws["B3"], ws["C3"], ws["D3"] = 12, 3.0, 1171.742
    ws["A4"] = "合计"
    ws.merge_cells("A4:A5")
    ws["B5"] = "—"
    hidden = wb.create_sheet("隐藏")
    hidden["A1"], hidden["B1"] = "不应读取", 1
    hidden.sheet_state = "hidden"
    notes = wb.create_sheet("说明")
    notes["A1"] = "一、总体情况"
    path = tmp_path / "t.xlsx"
    wb.save(path)
    doc = read_document(path)
    assert doc.text.split("\n")[:6] == [
        "表三",
        "|  | 申请人情况 |  |  |",
        "一、本年新收政府信息公开申请数量 | 12 | 3 | 1171.742",
        "合计 |  |  |  |",
        "— |  |  |  |",  # A5 is covered by 合计: written at the end
        "说明",
    ]
    assert "不应读取" not in doc.text
    (grid,) = doc.grids
    assert [[c[0] for c in row] for row in grid] == [
        ["", "申请人情况", "", ""],
        ["一、本年新收政府信息公开申请数量", "12", "3", "1171.742"],
        ["合计", "", "", ""],
        ["", "—", "", ""],
    ]
    assert all(doc.text[s:e] == t for row in grid for t, s, e in row)


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04broken", "纯文本".encode()])
def test_damaged_xlsx_gives_an_error_sentence(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(data)
    report = load_report(path)
    assert report.error and report.error.endswith("。")


def test_old_xls_asks_for_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert ".xlsx" in (load_report(path).error or "")
