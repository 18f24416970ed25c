"""Word reader: .docx files written with python-docx in the test, read back cell by cell.

Seeds are rebuilt as Word documents with real tables (merged cells through gridSpan and
vMerge, header words wrapped over two paragraphs) and must give the same cells as the
seed's text.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from parsers import load_report
from parsers.read.readers import read_document
from tests.parsers.test_read_html import SEED_2019, SEED_2021, Block, official_blocks


def _fill_table(document: docx.document.Document, rows: list) -> None:  # type: ignore[type-arg]
    """Lay out cells (lines, rowspan, colspan) on a Word table, merging as HTML would."""
    taken: set[tuple[int, int]] = set()
    placed = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for lines, rs, cs in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, rs, cs, lines))
            taken |= {(r + i, c + j) for i in range(rs) for j in range(cs)}
            c += cs
            width = max(width, c)
    table = document.add_table(rows=len(rows), cols=width)
    for r, c, rs, cs, lines in placed:
        cell = table.cell(r, c)
        if rs > 1 or cs > 1:
            cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
        cell.text = lines[0]
        for extra in lines[1:]:
            cell.add_paragraph(extra)


def blocks_to_docx(blocks: list[Block], path: Path) -> None:
    document = docx.Document()
    for kind, content in blocks:
        if kind == "p":
            document.add_paragraph(str(content))
        else:
            _fill_table(document, content)  # type: ignore[arg-type]
    document.save(str(path))


@pytest.mark.parametrize("seed", [SEED_2019, SEED_2021])
def test_official_layout_in_word_reads_like_the_text(tmp_path: Path, seed: Path) -> None:
    path = tmp_path / "report.docx"
    blocks_to_docx(official_blocks(seed), path)
    report = load_report(path)
    expected = load_report(seed)
    assert report.error is None
    assert (report.format, report.year, report.agency) == (expected.format, expected.year, expected.agency)
    got, want = report.tables_json(), expected.tables_json()
    for table in want:
        for row in want[table]:
            assert got[table][row] == want[table][row], (table, row)


def test_body_order_merges_and_wrapped_labels(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("第一段")
    table = document.add_table(rows=3, cols=3)
    top = table.cell(0, 0).merge(table.cell(1, 0))  # vMerge
    top.text = "行政"
    top.add_paragraph("复议")
    table.cell(0, 1).merge(table.cell(0, 2)).text = "结果"  # gridSpan
    table.cell(1, 1).text = "7"
    table.cell(1, 2).text = ""
    table.cell(2, 0).text = "合计"
    table.cell(2, 1).text = "1 171"
    table.cell(2, 2).text = "x|y"
    document.add_paragraph("第二段")
    path = tmp_path / "t.docx"
    document.save(str(path))
    doc = read_document(path)
    assert doc.text.split("\n")[:5] == ["第一段", "行政复议 | 结果 |  |", "7 |  |  |", "合计 | 1171 | x¦y", "第二段"]
    (grid,) = doc.grids
    assert [[c[0] for c in row] for row in grid] == [["行政复议", "结果", ""], ["", "7", ""], ["合计", "1171", "x¦y"]]
    assert all(doc.text[s:e] == t for row in grid for t, s, e in row)


def test_list_numbers_are_written(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("总体情况", style="List Number")
    document.add_paragraph("主动公开政府信息情况", style="List Number")
    path = tmp_path / "n.docx"
    document.save(str(path))
    text = read_document(path).text
    # python-docx's template numbers the style through the style, which is not followed:
    # the text is kept either way.
    assert "总体情况" in text and "主动公开政府信息情况" in text


def test_direct_list_numbering_chinese(tmp_path: Path) -> None:
    from parsers.read.docx_numbering import chinese_number, format_number

    assert [chinese_number(n) for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]
    assert format_number(3, "decimalEnclosedCircle") == "③"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _bad_files() -> dict[str, bytes]:
    good = io.BytesIO()
    docx.Document().save(good)
    raw = good.getvalue()
    entity = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    return {
        "empty": b"",
        "truncated": raw[: len(raw) // 2],
        "garbage": b"PK\x03\x04" + bytes(range(256)) * 8,
        "not_zip": "这是一段普通文字，不是 Word 文件。".encode(),
        "encrypted": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 512
        + "EncryptedPackage".encode("utf-16-le")
        + b"\x00" * 512,
        "old_doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048,
        "entity_bomb": _zip({"word/document.xml": entity}),
        "no_body": _zip({"[Content_Types].xml": b"<Types/>"}),
        "bad_xml": _zip({"word/document.xml": b"<w:document><w:body>"}),
        "zip_bomb": _zip({"word/document.xml": b"<a/>", "word/media/big.bin": b"\x00" * (3 * 1024 * 1024)}),
    }


BAD_FILES = _bad_files()


@pytest.fixture(autouse=True)
def _small_unzip_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """A 2 MB limit so the zip bomb of the test stays small."""
    monkeypatch.setattr("parsers.read.ooxml.MAX_UNZIPPED_BYTES", 2 * 1024 * 1024)


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_damaged_docx_gives_an_error_sentence(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.docx"
    path.write_bytes(BAD_FILES[name])
    report = load_report(path)
    assert report.error, name
    assert report.error.endswith("。") and "\n" not in report.error and "Traceback" not in report.error


def test_encrypted_and_old_doc_messages(tmp_path: Path) -> None:
    files = BAD_FILES
    (tmp_path / "e.docx").write_bytes(files["encrypted"])
    assert "密码" in (load_report(tmp_path / "e.docx").error or "")
    (tmp_path / "z.docx").write_bytes(files["zip_bomb"])
    assert "过大" in (load_report(tmp_path / "z.docx").error or "")
    (tmp_path / "old.doc").write_bytes(files["old_doc"])
    error = load_report(tmp_path / "old.doc").error or ""
    assert ".docx" in error or "LibreOffice" in error
