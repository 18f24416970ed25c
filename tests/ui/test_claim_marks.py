"""A narrative finding selected marks the claim it read in the source: the total and each
of its parts, with the arithmetic shown over them; another selection clears the marks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from ui import theme
from ui.main_window import MainWindow

SENTENCE = "全年共受理政府信息公开申请12件，其中网上申请8件、当面申请3件、信函申请2件。"


def _report(tmp_path: Path) -> Path:
    path = tmp_path / "某某县某某局2021年政府信息公开工作年度报告.txt"
    text = "某某县某某局2021年政府信息公开工作年度报告\n一、总体情况\n" + SENTENCE + "\n二、主动公开政府信息情况\n"
    path.write_text(text, encoding="utf-8")
    return path


def test_selecting_a_sum_finding_marks_its_total_and_parts(qtbot, window: MainWindow, open_files, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (session,) = open_files([_report(tmp_path)])
    window.list_panel.select(session)
    finding = next(f for f in session.findings if f.rule == "NARRATIVE_SUM")
    text = session.report.text
    window.findings.select_finding(finding)
    marks = window.source.claim_marks()
    assert [text[a:b] for a, b in marks] == ["12件", "8件", "3件", "2件"]
    assert "8 + 3 + 2 = 13件" in finding.message
    # Each mark is drawn as an extra selection: the total in its colour, the parts in theirs.
    drawn = {
        (s.cursor.selectionStart(), s.cursor.selectionEnd()): s.format.background().color()
        for s in window.source.extraSelections()
    }
    assert drawn[marks[0]] == theme.SOURCE_TOTAL_BG
    assert all(drawn[m] == theme.SOURCE_PART_BG for m in marks[1:])
    # Hovering a marked figure shows the arithmetic; elsewhere nothing is added.
    assert window.source.note_at(marks[1][0]) == finding.message
    assert window.source.note_at(marks[0][0] - 3) == ""
    cursor = window.source.textCursor()
    cursor.setPosition(marks[2][0])
    rect = window.source.cursorRect(cursor)
    at = rect.center() + QPoint(2, 0)
    event = QHelpEvent(QEvent.Type.ToolTip, at, window.source.viewport().mapToGlobal(at))
    QApplication.sendEvent(window.source.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text() == finding.message
    QToolTip.hideText()
    # A finding without a claim (or a cell) clears the marks.
    other = next(f for f in session.findings if f.rule == "SECTION_MISSING")
    window.findings.select_finding(other)
    assert window.source.claim_marks() == []
    window.findings.select_finding(finding)
    assert len(window.source.claim_marks()) == 4
    window.source.show_span(None)
    assert window.source.claim_marks() == []
