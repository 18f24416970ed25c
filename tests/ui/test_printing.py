"""The printed audit: a PDF made headless (QPdfWriter) whose text holds the agency, the tables'
values, the findings with their arithmetic and the change log; `check --pdf-dir`; the
window's print preview and PDF export."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtGui import QFontDatabase

from model.changes import Change
from model.excel.pairs import book_path
from model.messages import RULE_NAMES
from model.rules import audit
from parsers import load_report
from tests.conftest import ROOT, SAMPLES, sample
from tests.ui.conftest import OpenFiles
from ui.main_window import MainWindow
from ui.printing import write_pdf

RULE_ID = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
WHEN = dt.datetime(2025, 3, 1, 9, 30)


@pytest.fixture(autouse=True)
def chinese_font(qapp) -> None:  # type: ignore[no-untyped-def]
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no Chinese font installed: the PDF would hold no Chinese text")


def raw_text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def pdf_text(path: Path) -> str:
    """The PDF's text, NFKC-normalised (full-width punctuation as the messages' own)."""
    return unicodedata.normalize("NFKC", raw_text(path))


def squeezed(text: str) -> str:
    """Without spaces and in the same normal form as `pdf_text`."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_pdf_holds_the_agency_the_tables_and_the_findings(tmp_path: Path) -> None:
    report = load_report(sample("001"))  # 2021 format, one error with its arithmetic
    report.set_value("table3", "new", "natural_person", 5)
    findings = audit(report)
    changes = [Change("table3", "new", "natural_person", 0, 5, WHEN)]
    out = tmp_path / "a.审核.pdf"
    write_pdf(out, report, findings, changes, WHEN)
    text = pdf_text(out)
    flat = squeezed(text)
    assert report.agency and squeezed(report.agency) in flat
    assert "2024年度" in flat and "2025-03-0109:30" in flat
    for title in (
        "表二主动公开政府信息情况",
        "表三收到和处理政府信息公开申请情况",
        "表四政府信息公开行政复议、行政诉讼情况",
    ):
        assert title in flat
    assert "本年新收政府信息公开申请数量" in flat and "结果维持" in flat
    assert {f.rule for f in findings} == {"NARRATIVE_SUM", "T3_ROW_TOTAL", "T3_BALANCE"}
    for f in findings:  # a long message wraps in its cell: its first line, and its rule's name
        assert squeezed(f.message)[:16] in flat, f.message
        assert RULE_NAMES[f.rule] in flat
    assert "20+24+14+20+26=104" in flat  # the arithmetic of the finding
    assert "表三·本年新收·自然人" in flat and "修改记录(1处)" in flat
    assert squeezed(Path(report.path).name) in flat
    assert "图例" in flat and "无法确定" in flat and "已更正" in flat
    assert not RULE_ID.search(text)
    # Characters as printed, not as the radicals that share their glyphs (Qt's text layer).
    raw = raw_text(out)
    assert "人力资源" in raw and "页" in raw and not re.search("[\u2e80-\u2fdf]", raw)
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 3 and pdf.pages[0].width > pdf.pages[0].height  # A4 landscape
        assert "第1页" in squeezed(pdf.pages[0].extract_text() or "")


def test_pdf_shows_the_figures_of_the_form(tmp_path: Path) -> None:
    report = load_report(sample("003"))
    out = tmp_path / "b.pdf"
    write_pdf(out, report, audit(report), [], WHEN)
    with pdfplumber.open(out) as pdf:
        words = [w["text"] for page in pdf.pages for w in page.extract_words()]
    assert report.value("table3", "new", "natural_person") == 127 and "127" in words
    total = report.value("table3", "total_processed", "total")
    assert str(total) in words


def test_unreadable_report_prints_why(tmp_path: Path) -> None:
    from model.report import Report

    out = tmp_path / "c.pdf"
    write_pdf(out, Report(path="坏.pdf", error="文件已损坏，无法打开。"), [], [], WHEN)
    assert "文件已损坏" in pdf_text(out)


@pytest.mark.skipif(sys.platform == "win32", reason="umask is POSIX")
def test_check_writes_a_pdf_per_report_headless(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("001", "004"):
        shutil.copy(sample(name), folder / f"{name}.txt")
    (folder / "bad.pdf").write_bytes(b"not a pdf")
    out = tmp_path / "pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(folder), "--pdf-dir", str(out)],
        check=False, cwd=ROOT, capture_output=True, text=True, env=env, timeout=120,
        preexec_fn=lambda: os.umask(0o002),  # noqa: PLW1509 - the child's umask only
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr  # bad.pdf cannot be read
    assert sorted(p.name for p in out.iterdir()) == ["001.审核.pdf", "004.审核.pdf"]
    assert (out / "004.审核.pdf").stat().st_mode & 0o777 == 0o664  # what the umask gives
    assert "襄州区民政局" in squeezed(pdf_text(out / "004.审核.pdf"))


def test_window_previews_and_exports_the_current_report(
    qtbot, window: MainWindow, open_files: OpenFiles, tmp_path: Path
) -> None:
    source = tmp_path / "报告.txt"
    shutil.copy(SAMPLES / "004_e5c4bfe1850351fa.txt", source)
    (session,) = open_files([source])
    window.list_panel.select(session)
    model = window.tables.models["table4"]
    assert model.setData(model.index_of("review", "upheld"), "7")
    assert window.printing.print_action.isEnabled() and window.printing.pdf_action.isEnabled()
    window.printing.print_action.trigger()  # Ctrl+P: Qt's print preview, not modal to the program
    dialog = window.printing.preview_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: window.printing.pages_painted > 0, timeout=10000)
    dialog.close()
    default = window.printing.default_pdf(session)
    assert default == str(Path(book_path(str(source))).with_name("报告.审核.pdf"))
    assert window.printing.export_pdf(default)
    assert "表四·行政复议·结果维持" in squeezed(pdf_text(Path(default)))
    link = window.status.saved_link
    assert link.isVisible() and "报告.审核.pdf" in link.text()
    window.set_session(None)
    assert not window.printing.print_action.isEnabled()
