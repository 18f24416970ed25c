"""Hostile and broken files: every reader gives a one-sentence reason (or reads the report
after all), within a few seconds and bounded memory, and the batch goes on.

Every file is generated here, in a folder whose name has Chinese characters and spaces.
The limits the readers apply are stated in their messages; a case that stops being fast
fails on `LIMIT_SECONDS`, not on a timeout of the whole run.
"""

from __future__ import annotations

import io
import json
import os
import random
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest

from model.report import Report
from model.rules import audit
from parsers import load_report
from tests.builders import docx_of_lines, pdf_of_objects, xlsx_of_lines
from tests.conftest import sample
from tests.parsers.test_read_pdf import PdfPage, build_pdf, report_pages

LIMIT_SECONDS = 5.0
MEMORY_LIMIT_MB = 800
FOLDER = "年报 审核/测试 文件夹"

SEED = sample("003")  # a 2019-format report with all three tables
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = SEED_TEXT.splitlines()


# ---- building blocks ----------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _replace_members(package: bytes, changes: dict[str, bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(package))
    members = {i.filename: src.read(i.filename) for i in src.infolist()}
    members.update(changes)
    return _zip(members)


def _html_of_lines(lines: list[str], head: str = "", wrap: tuple[str, str] = ("", "")) -> bytes:
    body = "".join(f"<p>{line.replace('&', '&amp;').replace('<', '&lt;')}</p>" for line in lines)
    page = f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{wrap[0]}{body}{wrap[1]}</body></html>"
    return page.encode("utf-8")


def _random_bytes(n: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(n)


def _flipped(data: bytes, count: int = 40, seed: int = 3) -> bytes:
    rnd = random.Random(seed)
    out = bytearray(data)
    for _ in range(count):
        pos = rnd.randrange(len(out) // 4, len(out))
        out[pos] = rnd.randrange(256)
    return bytes(out)


_LAUGHS = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
LAUGHS_DTD = f'<!DOCTYPE r [<!ENTITY l0 "哈哈哈哈哈哈哈哈哈哈">{_LAUGHS}]>'


def _docx_entity_bomb(after_comment: bool) -> bytes:
    good = docx_of_lines(["某某局2020年政府信息公开工作年度报告"])
    doc = zipfile.ZipFile(io.BytesIO(good)).read("word/document.xml").decode()
    decl, rest = doc.split("?>", 1)
    filler = "<!--" + "x" * 20000 + "-->" if after_comment else ""
    bomb = decl + "?>" + filler + LAUGHS_DTD + rest.replace("某某局", "&l9;", 1)
    return _replace_members(good, {"word/document.xml": bomb.encode()})


def _xlsx_entity_bomb(part: str) -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "某某局2020年政府信息公开工作年度报告"
    buf = io.BytesIO()
    wb.save(buf)
    good = buf.getvalue()
    xml = zipfile.ZipFile(io.BytesIO(good)).read(part).decode()
    decl, _, rest = xml.rpartition("?>")
    return _replace_members(good, {part: (decl + _ + LAUGHS_DTD + rest).encode()})


def _xlsx_many_cells(n: int) -> bytes:
    wb = openpyxl.Workbook()
    wb.active["A1"] = 1
    buf = io.BytesIO()
    wb.save(buf)
    cells = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDEFGHIJ") + "</row>"
        for r in range(1, n // 10 + 1)
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><sheetData>{cells}</sheetData></worksheet>'
    )
    return _replace_members(buf.getvalue(), {"xl/worksheets/sheet1.xml": sheet.encode()})


def _docx_many_tags(n: int) -> bytes:
    good = docx_of_lines(["某某局2020年政府信息公开工作年度报告"])
    doc = zipfile.ZipFile(io.BytesIO(good)).read("word/document.xml").decode()
    para = "<w:p><w:r><w:t>段</w:t></w:r></w:p>"
    return _replace_members(good, {"word/document.xml": doc.replace("<w:body>", "<w:body>" + para * n, 1).encode()})


def _docx_many_tables(n: int) -> bytes:
    document = docx.Document()
    for line in SEED_LINES:
        document.add_paragraph(line)
    for i in range(n):
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "附表", str(i)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _zip_bomb() -> bytes:
    """A Word package with a member that inflates to 280 MB (above the 256 MB limit)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("word/document.xml", b"<w:document/>")
        with zf.open("word/media/image1.png", "w", force_zip64=True) as fh:
            chunk = bytes(4 << 20)
            for _ in range(70):
                fh.write(chunk)
    return buf.getvalue()


def _zip_many_members() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/document.xml", b"<w:document/>")
        for i in range(20_001):
            zf.writestr(f"word/media/{i}.bin", b"")
    return buf.getvalue()


def _encrypted_zip_flag() -> bytes:
    """A package whose members carry the zip 'encrypted' flag."""
    data = bytearray(docx_of_lines(["报告"]))
    pos = 0
    while (pos := data.find(b"PK\x03\x04", pos)) >= 0:  # local headers
        data[pos + 6] |= 1
        pos += 4
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) >= 0:  # central directory
        data[pos + 8] |= 1
        pos += 4
    return bytes(data)


OLE_ENCRYPTED = (
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512
)


# ---- PDFs written object by object ----------------------------------------------------


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _one_page_pdf(content: bytes, resources: bytes = b"", more: list[bytes] | None = None) -> bytes:
    return pdf_of_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> "
            + resources
            + b">> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            content,
            *(more or []),
        ]
    )


HELLO = b"BT /F1 12 Tf 50 700 Td (hello) Tj ET\n"


def _pdf_flate_bomb() -> bytes:
    inflater = __import__("zlib").compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(inflater.compress(chunk) for _ in range(80)) + inflater.compress(HELLO) + inflater.flush()
    return _one_page_pdf(_stream(data, b"/Filter /FlateDecode "))


def _pdf_many_operators() -> bytes:
    ops = b"".join(b"BT /F1 1 Tf %d %d Td (x) Tj ET\n" % (i % 500, i % 800) for i in range(60_000))
    return _one_page_pdf(_stream(__import__("zlib").compress(ops), b"/Filter /FlateDecode "))


def _pdf_nested_forms() -> bytes:
    """Forms that each draw the next ten times: a million drawings from a few bytes."""
    names = b"".join(b"/X%d %d 0 R " % (k + 1, 6 + k) for k in range(6))
    forms = [
        _stream(
            b"/X%d Do " % (k + 2) * 10 if k < 5 else b"0 0 1 1 re S",
            b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] ",
        )
        for k in range(6)
    ]
    return _one_page_pdf(_stream(HELLO + b"/X1 Do " * 10), b"/XObject << " + names + b">> ", forms)


def _pdf_many_rules() -> bytes:
    rects = b"".join(b"%d %d 5 5 re S\n" % (i % 100 * 5, 300 + i // 100 * 5) for i in range(8000))
    return _one_page_pdf(_stream(rects + HELLO))


def _pdf_many_pages(n: int) -> bytes:
    pages = []
    for i in range(n):
        page = PdfPage()
        page.text(50, 50, f"第{i}页")
        pages.append(page)
    return build_pdf(pages)


def _report_pdf() -> bytes:
    return build_pdf(report_pages())


# ---- the cases --------------------------------------------------------------------------

Expect = tuple[str, str]  # ("error", words in the reason) | ("seed", "") | ("read", "")


def _error(words: str = "") -> Expect:
    return ("error", words)


SAME_AS_SEED: Expect = ("seed", "")
READ: Expect = ("read", "")  # read without an error; content not compared
ANY: Expect = ("any", "")  # a one-sentence reason, or read


def _honest(suffix: str) -> Expect:
    """Read exactly as the same bytes under their true extension."""
    return ("same-as", suffix)


CASES: dict[str, tuple[str, Callable[[], bytes], Expect]] = {
    # empty and binary files under every extension
    **{f"empty{ext}": (ext, lambda: b"", _error("为空")) for ext in (".txt", ".html", ".docx", ".pdf", ".xlsx")},
    "blank.txt": (".txt", lambda: b" \r\n\t\n" * 100, _error("为空")),
    **{
        f"binary{ext}": (ext, lambda: _random_bytes(65536), _error())
        for ext in (".txt", ".html", ".docx", ".pdf", ".xlsx")
    },
    "png.txt": (".txt", lambda: b"\x89PNG\r\n\x1a\n" + _random_bytes(5000), _error()),
    # damaged packages and PDFs
    "truncated.docx": (".docx", lambda: (d := docx_of_lines(SEED_LINES))[: len(d) // 2], _error()),
    "head-only.docx": (".docx", lambda: docx_of_lines(SEED_LINES)[:100], _error()),
    "flipped.docx": (".docx", lambda: _flipped(docx_of_lines(SEED_LINES)), ANY),
    "truncated.xlsx": (".xlsx", lambda: (d := xlsx_of_lines(SEED_LINES))[: len(d) // 2], _error()),
    "flipped.xlsx": (".xlsx", lambda: _flipped(xlsx_of_lines(SEED_LINES)), ANY),
    "truncated.pdf": (".pdf", lambda: (d := _report_pdf())[: len(d) // 2], _error()),
    "flipped.pdf": (".pdf", lambda: _flipped(_report_pdf()), ANY),
    "pdf-header-only.pdf": (".pdf", lambda: b"%PDF-1.7\n%%EOF\n", _error()),
    # bombs
    "zip-bomb.docx": (".docx", _zip_bomb, _error("过大")),
    "zip-members.docx": (".docx", _zip_many_members, _error("部件过多")),
    "entity-bomb.docx": (".docx", lambda: _docx_entity_bomb(False), _error("XML 声明")),
    "entity-bomb-late.docx": (".docx", lambda: _docx_entity_bomb(True), _error("XML 声明")),
    "entity-bomb-workbook.xlsx": (".xlsx", lambda: _xlsx_entity_bomb("xl/workbook.xml"), _error("XML 声明")),
    "entity-bomb-sheet.xlsx": (".xlsx", lambda: _xlsx_entity_bomb("xl/worksheets/sheet1.xml"), _error("XML 声明")),
    "entity-bomb.html": (
        ".html",
        lambda: (LAUGHS_DTD + "<html><body><p>&l9;</p></body></html>").encode() + _html_of_lines(SEED_LINES),
        SAME_AS_SEED,
    ),
    "flate-bomb.pdf": (".pdf", _pdf_flate_bomb, _error("压缩炸弹")),
    "operators.pdf": (".pdf", _pdf_many_operators, _error("绘制指令过多")),
    "nested-forms.pdf": (".pdf", _pdf_nested_forms, _error("绘制指令过多")),
    "rules.pdf": (".pdf", _pdf_many_rules, READ),
    "streams.pdf": (".pdf", lambda: b"%PDF-1.4\n" + b"stream\nx\x9cjunk" * 110_000, _error("数据流过多")),
    "pages.pdf": (".pdf", lambda: _pdf_many_pages(520), _error("页数过多")),
    "cells.xlsx": (".xlsx", lambda: _xlsx_many_cells(150_000), _error("单元格过多")),
    "tags.docx": (".docx", lambda: _docx_many_tags(300_000), _error("元素过多")),
    # pages with active or remote content: read, nothing fetched (sockets are off here)
    "active.html": (
        ".html",
        lambda: _html_of_lines(
            SEED_LINES,
            head="<script src='http://192.0.2.1/a.js'></script><link rel=stylesheet href='http://192.0.2.1/a.css'>"
            "<style>@import url(http://192.0.2.1/b.css);</style><meta http-equiv=refresh content='0;url=http://192.0.2.1/'>"
            "<base href='http://192.0.2.1/'>",
            wrap=(
                "<img src='http://192.0.2.1/x.png'><iframe src='http://192.0.2.1/'></iframe><frameset><frame "
                "src='http://192.0.2.1/f'></frameset><object data='http://192.0.2.1/o'></object><embed src='http://192.0.2.1/e'>"
                "<script>document.write('规章 | 9 | 9 | 9');fetch('http://192.0.2.1/');</script>"
                "<svg><image href='http://192.0.2.1/s.png'/></svg>",
                "",
            ),
        ),
        SAME_AS_SEED,
    ),
    # enormous inputs
    "nested-tags.html": (
        ".html",
        lambda: _html_of_lines(SEED_LINES, wrap=("<div>" * 100_000, "</div>" * 100_000)),
        SAME_AS_SEED,
    ),
    "unclosed-tags.html": (
        ".html",
        lambda: _html_of_lines(SEED_LINES, wrap=("<font size=3><span>" * 150, "")),
        SAME_AS_SEED,
    ),
    "tables.html": (
        ".html",
        lambda: _html_of_lines(
            SEED_LINES, wrap=("", "".join(f"<table><tr><td>附表</td><td>{i}</td></tr></table>" for i in range(3000)))
        ),
        SAME_AS_SEED,
    ),
    "span-table.html": (
        ".html",
        lambda: _html_of_lines(
            SEED_LINES, wrap=("", "<table>" + "<tr><td colspan=1000 rowspan=1000>1</td></tr>" * 200 + "</table>")
        ),
        _error("表格过大"),
    ),
    "tables.docx": (".docx", lambda: _docx_many_tables(2000), SAME_AS_SEED),
    "one-line-10mb.txt": (".txt", lambda: ("政府信息公开" * (10 * 1024 * 1024 // 18)).encode(), _error("文字过多")),
    "one-line-10mb.html": (
        ".html",
        lambda: b"<html><body><p>" + b"1 | " * (10 * 1024 * 1024 // 4) + b"</p></body></html>",
        _error(),
    ),
    # extensions that lie
    "docx-as.txt": (".txt", lambda: docx_of_lines(SEED_LINES), SAME_AS_SEED),
    "xlsx-as.txt": (".txt", lambda: xlsx_of_lines(SEED_LINES), _honest(".xlsx")),
    "pdf-as.docx": (".docx", _report_pdf, _honest(".pdf")),
    "text-as.docx": (".docx", lambda: SEED_TEXT.encode("utf-8"), SAME_AS_SEED),
    "text-as.pdf": (".pdf", lambda: SEED_TEXT.encode("gb18030"), SAME_AS_SEED),
    "html-as.pdf": (".pdf", lambda: _html_of_lines(SEED_LINES), SAME_AS_SEED),
    "html-as.doc": (".doc", lambda: _html_of_lines(SEED_LINES), SAME_AS_SEED),
    "docx-as.xlsx": (".xlsx", lambda: docx_of_lines(SEED_LINES), SAME_AS_SEED),
    "xlsx-as.pdf": (".pdf", lambda: xlsx_of_lines(SEED_LINES), _honest(".xlsx")),
    "prose-as.docx": (".docx", lambda: "这是一段普通文字，不是 Word 文件。".encode(), _error()),
    "ole-as.txt": (".txt", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096), _error()),
    # password protection
    "password.docx": (".docx", lambda: OLE_ENCRYPTED, _error("密码")),
    "password.xlsx": (".xlsx", lambda: OLE_ENCRYPTED, _error("密码")),
    "password-as.txt": (".txt", lambda: OLE_ENCRYPTED, _error("密码")),
    "zip-password.docx": (".docx", _encrypted_zip_flag, _error("密码")),
    "password.pdf": (".pdf", lambda: build_pdf([report_pages()[0]], encrypt=True), _error("加密")),
    # NUL bytes and invalid byte sequences
    "trailing-nuls.txt": (".txt", lambda: SEED_TEXT.encode() + bytes(4000), SAME_AS_SEED),
    "nul-every-line.txt": (".txt", lambda: "\x00\n".join(SEED_LINES).encode(), ANY),
    "nuls-only.txt": (".txt", lambda: bytes(10000), _error()),
    "invalid-utf8.txt": (
        ".txt",
        lambda: SEED_TEXT.encode().replace("总体情况".encode(), b"\xff\xfe\xc0" + "总体情况".encode()),
        SAME_AS_SEED,
    ),
    "utf16-odd.txt": (".txt", lambda: b"\xff\xfe" + SEED_TEXT.encode("utf-16-le") + b"\x00", READ),
    "surrogates.html": (
        ".html",
        lambda: _html_of_lines(SEED_LINES).replace(b"<body>", b"<body>&#xD800;&#0;&#x110000;"),
        SAME_AS_SEED,
    ),
}


@pytest.fixture(scope="module")
def seed_tables() -> dict:  # type: ignore[type-arg]
    return load_report(SEED).tables_json()


def _peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _one_sentence(reason: str) -> bool:
    return reason.endswith("。") and "\n" not in reason and "Traceback" not in reason and reason.count("。") == 1


def _load_timed(path: Path) -> tuple[Report, float]:
    start = time.perf_counter()
    report = load_report(path)
    if report.error is None:
        audit(report)
    return report, time.perf_counter() - start


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reader tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file(name: str, tmp_path: Path, seed_tables: dict, no_network: None) -> None:  # type: ignore[type-arg]
    suffix, build, (kind, words) = CASES[name]
    folder = tmp_path / FOLDER
    folder.mkdir(parents=True)
    path = folder / f"{Path(name).stem} 报告{suffix}"
    path.write_bytes(build())
    before = _peak_rss_mb()

    report, seconds = _load_timed(path)

    assert seconds < LIMIT_SECONDS, f"{name} took {seconds:.1f} s"
    after = _peak_rss_mb()
    if before is not None and after is not None:
        assert after - before < MEMORY_LIMIT_MB, f"{name} grew the peak memory by {after - before:.0f} MB"
    assert report.path == str(path)
    if kind == "error":
        assert report.error, f"{name} was read: {report.text[:80]!r}"
        assert _one_sentence(report.error), report.error
        assert words in report.error, report.error
    elif kind == "any":
        assert report.error is None or _one_sentence(report.error), report.error
    else:
        assert report.error is None, report.error
        if kind == "seed":
            assert report.tables_json() == seed_tables
        if kind == "same-as":
            honest = path.with_name(f"honest{words}")
            honest.write_bytes(path.read_bytes())
            expected = load_report(honest)
            assert (report.text, report.tables_json()) == (expected.text, expected.tables_json())


def test_size_limit_refuses_100_mb_quickly(tmp_path: Path) -> None:
    path = tmp_path / FOLDER / "巨大 文件.txt"
    path.parent.mkdir(parents=True)
    line = ("政府信息公开工作年度报告 | 1 | 2 | 3\n" * 1000).encode()
    with path.open("wb") as fh:
        while fh.tell() < 100 * 1024 * 1024:
            fh.write(line)
    report, seconds = _load_timed(path)
    assert seconds < 1.0
    assert report.error and "过大" in report.error and _one_sentence(report.error)


def test_a_file_grown_since_it_was_measured_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader takes as much as the file measured, then whatever it has grown by."""
    from parsers.read.readers import read_bytes

    path = tmp_path / "报告.txt"
    path.write_bytes(SEED.read_bytes())
    real_stat = os.stat

    def measured_early(target: str | os.PathLike[str], *args: object, **kwargs: object) -> os.stat_result:
        st = real_stat(target, *args, **kwargs)  # type: ignore[arg-type]
        if Path(target) != path:
            return st
        fields = list(st)
        fields[6] = 100  # st_size, as it was before the rest was written
        return os.stat_result(fields)

    monkeypatch.setattr(os, "stat", measured_early)
    assert read_bytes(path) == SEED.read_bytes()


def test_folders_missing_files_and_pipes(tmp_path: Path) -> None:
    folder = tmp_path / FOLDER
    folder.mkdir(parents=True)
    assert "文件夹" in (load_report(folder).error or "")
    assert "不存在" in (load_report(folder / "没有 这个.txt").error or "")
    if hasattr(os, "mkfifo"):
        fifo = folder / "管道 文件.txt"
        os.mkfifo(fifo)
        report, seconds = _load_timed(fifo)  # reading a pipe would wait for a writer forever
        assert seconds < 1.0 and report.error and _one_sentence(report.error)


def test_batch_goes_on_past_every_bad_file(tmp_path: Path, seed_tables: dict) -> None:  # type: ignore[type-arg]
    """`main.py check` over a folder of bad files and one good report: every file has its line."""
    from main import check

    folder = tmp_path / FOLDER
    folder.mkdir(parents=True)
    quick = [
        "empty.txt",
        "binary.docx",
        "truncated.xlsx",
        "flipped.pdf",
        "password.docx",
        "entity-bomb.docx",
        "prose-as.docx",
        "docx-as.txt",
        "html-as.pdf",
        "nuls-only.txt",
    ]
    for name in quick:
        suffix, build, _ = CASES[name]
        (folder / f"{Path(name).stem} 报告{suffix}").write_bytes(build())
    (folder / "正常 报告.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "结果 输出.json"
    assert check([str(folder), "--json", str(out)]) == 1
    reports = json.loads(out.read_text(encoding="utf-8"))["reports"]
    assert len(reports) == len(quick) + 1
    by_name = {Path(r["path"]).name: r for r in reports}
    assert by_name["正常 报告.txt"]["error"] is None and by_name["正常 报告.txt"]["tables"] == seed_tables
    for name in quick:
        kind = CASES[name][2][0]
        entry = by_name[f"{Path(name).stem} 报告{CASES[name][0]}"]
        if kind != "any":
            assert (entry["error"] is not None) == (kind == "error"), (name, entry["error"])
