"""Cells the recognizer left blank because it could not be sure (UNCERTAIN_CELL): their own
colour and mark in the grid, the legend, and the readings offered as one undoable step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from model.report import STATUS_UNCERTAIN, Uncertainty
from tests.ui.conftest import OpenFiles
from ui import theme
from ui.main_window import MainWindow
from ui.session import ReportSession
from ui.suggestions import open_readings
from ui.table_model import FLAG_UNCERTAIN, UNCERTAIN_MARK, FlagRole

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
SEED_2021 = next(SAMPLES.glob("001_*.txt"))
CELLS = (("new", "natural_person"), ("new", "commercial"))


def with_uncertain_cells(window: MainWindow, session: ReportSession) -> ReportSession:
    """The report as the recognizer leaves `123` run together over two cells: blank, uncertain,
    read either as 1 | 23 or 12 | 3."""
    report = session.report
    assert report is not None
    for row, col in CELLS:
        cell = report.cell("table3", row, col)
        assert cell is not None
        cell.value, cell.raw, cell.status = None, "123", STATUS_UNCERTAIN
        cell.remember_parsed()
    span = report.cell("table3", *CELLS[0]).span  # type: ignore[union-attr]
    report.uncertain = [Uncertainty("table3", CELLS, "123", span, "splits", ((1, 23), (12, 3)))]
    window.set_session(None)
    session.set_loaded(report)
    window.set_session(session)
    return session


def test_uncertain_cells_are_shown_and_their_readings_offered(qtbot, window: MainWindow, open_files: OpenFiles) -> None:
    (session,) = open_files([SEED_2021])
    session = with_uncertain_cells(window, session)
    assert "UNCERTAIN_CELL" in [f.rule for f in session.findings]
    model = window.tables.models["table3"]
    index = model.index_of(*CELLS[0])
    assert index.data(FlagRole) == FLAG_UNCERTAIN
    assert index.data(Qt.ItemDataRole.BackgroundRole) == theme.UNCERTAIN_BG
    assert index.data() == UNCERTAIN_MARK and index.data(Qt.ItemDataRole.EditRole) == ""
    assert "123" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert any(chip.text() == "Uncertain" for chip in window.tables.legend.chips)
    # The readings: one button each, and the Edit menu's actions with their keys.
    bar = window.suggestions.bar
    assert bar.reading_row.isVisibleTo(window)
    shown = [b.text() for b in bar.reading_buttons if b.isVisibleTo(window)]
    assert len(shown) == 2 and shown[0].startswith("1 · 23") and shown[1].startswith("12 · 3")
    assert window.suggestions.reading_actions[1].isEnabled()
    assert not window.suggestions.reading_actions[2].isEnabled()
    # Accepting the second reading fills both cells in one step; one undo puts them back.
    before = session.stack.count()
    bar.reading_buttons[1].click()
    assert session.cell("table3", *CELLS[0]).value == 12  # type: ignore[union-attr]
    assert session.cell("table3", *CELLS[1]).value == 3  # type: ignore[union-attr]
    assert session.stack.count() == before + 1
    assert "UNCERTAIN_CELL" not in [f.rule for f in session.findings]
    assert index.data(FlagRole) != FLAG_UNCERTAIN
    qtbot.waitUntil(lambda: not bar.reading_row.isVisibleTo(window), timeout=2000)
    window.menus.undo_action.trigger()
    assert index.data(FlagRole) == FLAG_UNCERTAIN and index.data() == UNCERTAIN_MARK
    assert session.cell("table3", *CELLS[0]).status == STATUS_UNCERTAIN  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: bar.reading_row.isVisibleTo(window), timeout=2000)
    # Ctrl+1 accepts the first reading.
    window.suggestions.reading_actions[0].trigger()
    assert session.cell("table3", *CELLS[1]).value == 23  # type: ignore[union-attr]


def test_typing_into_an_uncertain_cell_leaves_one_reading(qtbot, window: MainWindow, open_files: OpenFiles) -> None:
    (session,) = open_files([SEED_2021])
    session = with_uncertain_cells(window, session)
    model = window.tables.models["table3"]
    assert model.setData(model.index_of(*CELLS[0]), "12")
    readings = open_readings(session.report)
    assert [(r.cells, r.options) for r in readings] == [((CELLS[1],), ((23,), (3,)))]
    assert window.tables.models["table3"].index_of(*CELLS[1]).data(FlagRole) == FLAG_UNCERTAIN
