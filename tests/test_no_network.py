"""The whole pipeline stays off the network, and its exports never carry a formula.

Opening, parsing, auditing and exporting run with every way of opening a connection
replaced by one that fails the test: the bundled samples, the same report as Word, Excel,
PDF and a web page full of remote images, frames, scripts and style sheets, and the
headless `check` command over all of them.

`tests/model/test_excel.py` checks that formula-like values set on a report stay text;
here the values come from a file's own text (cells, labels, title, file name, and the
report text cut into the hidden data sheet right before an `=`), end to end.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from openpyxl import load_workbook

from main import check
from model.batch_rules import audit_batch
from model.excel import data as excel_data
from model.excel.workbook import read_report_workbook, write_report, write_summary
from model.report import Report
from model.rules import audit
from parsers import load_report
from tests.builders import docx_of_lines, xlsx_of_lines
from tests.conftest import SAMPLES, sample
from tests.parsers.test_read_pdf import build_pdf, report_pages

REMOTE = "http://192.0.2.1"  # TEST-NET-1: never routed


class _NoSocket(socket.socket):
    def __init__(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("the pipeline tried to open a network socket")


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("the pipeline tried to open a network connection")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "socket", _NoSocket)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    monkeypatch.setattr(socket, "gethostbyname", _refuse)


def _remote_page(lines: list[str]) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in lines)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<base href='{REMOTE}/'><link rel='stylesheet' href='{REMOTE}/a.css'>"
        f"<script src='{REMOTE}/a.js'></script><style>@import url({REMOTE}/b.css); "
        f"body{{background:url({REMOTE}/bg.png)}}</style>"
        f"<meta http-equiv='refresh' content='0;url={REMOTE}/'></head><body>"
        f"<img src='{REMOTE}/seal.png' srcset='{REMOTE}/2x.png 2x'><iframe src='{REMOTE}/frame'></iframe>"
        f"<frameset><frame src='{REMOTE}/f'></frameset><object data='{REMOTE}/o.swf'></object>"
        f"<embed src='{REMOTE}/e'><video src='{REMOTE}/v.mp4' poster='{REMOTE}/p.png'></video>"
        f"<svg><image href='{REMOTE}/s.png'/><use href='{REMOTE}/u.svg#a'/></svg>"
        f"<script>fetch('{REMOTE}/x'); new Image().src='{REMOTE}/y';</script>"
        f"{body}<table><tr><td><img src='{REMOTE}/cell.png'>附表</td><td>1</td></tr></table></body></html>"
    ).encode()


def test_pipeline_opens_no_socket(tmp_path: Path, no_network: None) -> None:
    folder = tmp_path / "报告 文件夹"
    folder.mkdir()
    lines = sample("003").read_text(encoding="utf-8").splitlines()
    for path in sorted(SAMPLES.glob("*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "网页 远程.html").write_bytes(_remote_page(lines))
    (folder / "网页 远程.htm").write_bytes(_remote_page(lines).replace(b"<p>", b"<p><img src='//192.0.2.1/i.gif'>"))
    (folder / "文档.docx").write_bytes(docx_of_lines(lines))
    (folder / "表格.xlsx").write_bytes(xlsx_of_lines(lines))
    (folder / "版式.pdf").write_bytes(build_pdf(report_pages()))

    paths = sorted(p for p in folder.iterdir())
    reports = [load_report(p) for p in paths]
    assert all(r.error is None for r in reports), [(r.path, r.error) for r in reports]
    web = next(r for r in reports if r.path.endswith(".html"))
    assert web.tables_json() == load_report(sample("003")).tables_json()
    batch = audit_batch(reports)
    items = [(r, audit(r) + batch.get(i, [])) for i, r in enumerate(reports)]

    for i, (report, findings) in enumerate(items):
        book = tmp_path / f"审核 {i}.xlsx"
        write_report(book, report, findings)
        back, _ = read_report_workbook(book)
        assert back.tables_json() == report.tables_json()
        assert load_report(book).tables_json() == report.tables_json()  # our own workbook, read back
    write_summary(tmp_path / "汇总 表.xlsx", items)

    out = tmp_path / "结果.json"
    assert check([str(folder), "--json", str(out), "--xlsx", str(tmp_path / "汇总2.xlsx")]) in (0, 1)
    assert len(json.loads(out.read_text(encoding="utf-8"))["reports"]) == len(paths)


# ---- no formula from report text ------------------------------------------------------

_PREFIXES = ["=", "+", "-", "@", "\t=", "=cmd|' /C calc'!A0"]


def _hostile_text() -> str:
    text = sample("003").read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    text = '=HYPERLINK("http://192.0.2.1","点此")' + first + "\n" + rest
    # a cell of 表三 holding formula-like text, and an altered label starting with `=`
    text = text.replace(
        "一、本年新收政府信息公开申请数量 | 127 | 2 |", "一、本年新收政府信息公开申请数量 | 127 | -无 |"
    )
    text = text.replace("(一)予以公开", "=(一)予以公开", 1)
    text += "\n@SUM(1+1) 本年度共收到申请=129件。\n"
    # The report text is cut into JSON pieces in the hidden data sheet: make one begin with `=`.
    start = len(excel_data.dumps(text + "\n")) - 1
    text += "\n" + "a" * ((-start) % excel_data.CHUNK) + "=SUM(1)"
    return text


def _cells_of(path: Path) -> list[tuple[str, str, object, str]]:
    wb = load_workbook(path)
    return [
        (ws.title, c.coordinate, c.value, c.data_type) for ws in wb.worksheets for row in ws.iter_rows() for c in row
    ]


def test_exports_carry_no_formula_from_report_text(tmp_path: Path, no_network: None) -> None:
    text = _hostile_text()
    assert any(piece.startswith("=") for piece in excel_data.chunks(text))
    path = tmp_path / "=SUM(1+1) 报告.txt"
    path.write_text(text, encoding="utf-8")
    report = load_report(path)
    assert report.error is None
    raws = {c.raw for cells in report.tables.values() for c in cells.values()}
    assert "-无" in raws
    findings = audit(report)
    other = Report(path="@cmd.txt", agency="-2+3局", text="+1\n=2")
    items = [(report, findings), (other, audit(other))]

    book, summary = tmp_path / "审核.xlsx", tmp_path / "汇总.xlsx"
    write_report(book, report, findings)
    write_summary(summary, items)
    for out in (book, summary):
        cells = _cells_of(out)
        formulas = [c for c in cells if c[3] == "f"]
        assert formulas == [], formulas
        shown = [c for c in cells if isinstance(c[2], str) and c[2].lstrip("\t").startswith(tuple(_PREFIXES))]
        assert shown, f"no formula-like text reached {out.name}: the test would prove nothing"
    back, _ = read_report_workbook(book)
    assert back.text == report.text and back.tables_json() == report.tables_json()
