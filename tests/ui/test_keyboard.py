"""The review at the speed of the keyboard, driven by real key events on the focused widget:
F8 + typing + Enter, F8 across reports, Tab round the panes, Ctrl+Y, Ctrl+F, a refused entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QToolTip, QWidget

from tests.ui.conftest import OpenFiles
from ui.main_window import MainWindow
from ui.navigation import problem_stops
from ui.session import ReportSession
from ui.table_model import FLAG_EDITED, FlagRole

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
CLEAN_2021 = next(SAMPLES.glob("003_*.txt"))  # no findings
RIGHT = "12 | 0 | 1 | 1 | 14 |"  # 表四 行政复议 of the clean sample


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key pressed where the keyboard is (the focused widget), as the officer would."""
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Typed into the focused widget, key by key (Chinese as the key events an input method
    delivers: QTest types only ASCII)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(focused(), char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(focused(), QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def wait_edit_closed(qtbot, view: QAbstractItemView) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)


def current_key(window: MainWindow) -> tuple[str, str, str] | None:
    return window.tables.current_key()


@pytest.fixture
def with_errors(tmp_path: Path) -> list[Path]:
    """Two copies of the clean 2021 sample, each with one wrong 表四 total (one error each)."""
    text = CLEAN_2021.read_text(encoding="utf-8")
    assert text.count(RIGHT) == 1
    paths = []
    for name, wrong in (("a_first.txt", "12 | 0 | 1 | 1 | 15 |"), ("b_second.txt", "12 | 0 | 1 | 1 | 16 |")):
        path = tmp_path / name
        path.write_text(text.replace(RIGHT, wrong), encoding="utf-8")
        paths.append(path)
    return paths


def start_in_list(qtbot, window: MainWindow, session: ReportSession) -> None:  # type: ignore[no-untyped-def]
    """Click the report in the list: the keyboard is in the list, as after a mouse click."""
    window.list_panel.select(session)
    window.activateWindow()
    window.list_panel.view.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.list_panel.view, timeout=2000)


def test_f8_type_enter_corrects_and_goes_on(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    start_in_list(qtbot, window, flagged)
    stops = problem_stops(flagged)
    assert stops[0].cell == ("table2", "licensing", "decisions")
    press(qtbot, Qt.Key.Key_F8)
    view = window.tables.views["table2"]
    assert focused() is view  # the keyboard follows the problem
    assert current_key(window) == ("table2", "licensing", "decisions")
    type_text(qtbot, "0")  # typing replaces the blank ...
    assert view.state() == QAbstractItemView.State.EditingState
    press(qtbot, Qt.Key.Key_Return)  # ... and Enter commits it
    wait_edit_closed(qtbot, view)
    cell = flagged.cell("table2", "licensing", "decisions")
    assert cell is not None and cell.value == 0 and cell.edited
    assert window.tables.models["table2"].index_of("licensing", "decisions").data(FlagRole) == FLAG_EDITED
    assert "EMPTY_CELL" not in [f.rule for f in flagged.findings if f.cells and f.cells[0].table == "table2"]
    # Enter went on to the next problem, 表三's first blank, with the keyboard there.
    assert window.session is flagged  # the list's type-to-search never saw the "0"
    assert current_key(window) == stops[1].cell
    assert focused() is window.tables.views["table3"]
    # The next figure goes the same way: type, Enter, and on to the cell after it.
    type_text(qtbot, "1")
    press(qtbot, Qt.Key.Key_Return)
    wait_edit_closed(qtbot, window.tables.views["table3"])
    assert flagged.cell(*stops[1].cell).value == 1  # type: ignore[misc, union-attr]
    assert current_key(window) == ("table3", "new", "commercial")
    # Shift+F8 goes back; with nothing before (both fixed) and no other report, it wraps
    # round to this report's last problem and says so.
    press(qtbot, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert current_key(window) == problem_stops(flagged)[-1].cell
    assert "No other report has problems" in window.statusBar().currentMessage()


def test_f8_crosses_to_the_next_report_and_wraps(
    qtbot, window: MainWindow, open_files: OpenFiles, with_errors: list[Path]
) -> None:
    first, second = open_files(with_errors)
    assert problem_stops(first) and problem_stops(second)
    start_in_list(qtbot, window, first)
    for _ in problem_stops(first):
        press(qtbot, Qt.Key.Key_F8)
        assert window.session is first
    press(qtbot, Qt.Key.Key_F8)  # past the last problem of the first report
    assert window.session is second
    assert window.list_panel.current() is second
    assert second.name in window.statusBar().currentMessage()
    assert current_key(window) == problem_stops(second)[0].cell
    assert isinstance(focused(), QAbstractItemView) and focused() is window.tables.current_view()
    for _ in problem_stops(second)[1:]:
        press(qtbot, Qt.Key.Key_F8)
    press(qtbot, Qt.Key.Key_F8)  # the end of the batch: back to the first report
    assert window.session is first
    assert first.name in window.statusBar().currentMessage()
    press(qtbot, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # and back across
    assert window.session is second


def test_f8_on_a_clean_report_goes_to_one_with_problems(
    qtbot, window: MainWindow, open_files: OpenFiles, with_errors: list[Path]
) -> None:
    clean, bad = open_files([CLEAN_2021, with_errors[0]])
    assert not problem_stops(clean)
    start_in_list(qtbot, window, clean)
    press(qtbot, Qt.Key.Key_F8)
    assert window.session is bad and current_key(window) == problem_stops(bad)[0].cell


def test_tab_goes_round_the_panes(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    start_in_list(qtbot, window, flagged)
    panes = [window.list_panel.view, window.source, window.tables.current_view(), window.findings]
    for expected in panes[1:] + panes[:1]:
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is expected
    assert window.session is flagged  # Tab in the list did not move to another report
    for expected in reversed(panes):
        press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        assert focused() is expected
    # Tab reached the grid with a cell current: typing edits it.
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    view = window.tables.current_view()
    assert focused() is view and view.currentIndex().isValid()


def test_ctrl_z_ctrl_y_and_ctrl_shift_z(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    window.activateWindow()
    assert window.tables.select_cell("table4", "review", "upheld", focus=True)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tables.views["table4"], timeout=2000)
    type_text(qtbot, "7")
    press(qtbot, Qt.Key.Key_Return)
    wait_edit_closed(qtbot, window.tables.views["table4"])
    value = lambda: flagged.cell("table4", "review", "upheld").value  # type: ignore[union-attr]  # noqa: E731
    assert value() == 7
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert value() == 0
    press(qtbot, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert value() == 7
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert value() == 7


def test_ctrl_f_finds_every_match(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    start_in_list(qtbot, window, flagged)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and focused() is bar.query
    type_text(qtbot, "政府信息")
    assert flagged.report is not None
    expected = flagged.report.text.count("政府信息")
    assert expected > 2 and len(bar.matches()) == expected
    assert window.source.found() == bar.matches()  # every match is marked
    first = bar.matches()[0]
    assert window.source.selected_span() == first
    press(qtbot, Qt.Key.Key_Return)
    assert window.source.selected_span() == bar.matches()[1]
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.source.selected_span() == first
    press(qtbot, Qt.Key.Key_F3)
    press(qtbot, Qt.Key.Key_F3)
    assert bar.current() == 2
    press(qtbot, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current() == 1 and window.source.selected_span() == bar.matches()[1]
    assert "2" in bar.count.text() and str(expected) in bar.count.text()
    type_text(qtbot, "不存在的词")
    assert bar.matches() == [] and bar.count.text()
    press(qtbot, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.source.found() == []


def test_a_refused_entry_says_why_and_keeps_the_text(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    window.activateWindow()
    view = window.tables.views["table4"]
    assert window.tables.select_cell("table4", "review", "upheld", focus=True)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view, timeout=2000)
    type_text(qtbot, "abc")
    press(qtbot, Qt.Key.Key_Return)
    editor = focused()
    assert view.state() == QAbstractItemView.State.EditingState
    assert isinstance(editor, QLineEdit) and editor.text() == "abc"  # the text stays
    message = window.statusBar().currentMessage()
    assert "abc" in message and "Enter a number, or leave the cell blank" in message
    assert editor.toolTip() == message
    assert QToolTip.isVisible() and QToolTip.text() == message  # at the cell
    assert flagged.cell("table4", "review", "upheld").value == 0  # type: ignore[union-attr]
    # Corrected in the editor, Enter takes it.
    editor.selectAll()
    type_text(qtbot, "3")
    press(qtbot, Qt.Key.Key_Return)
    wait_edit_closed(qtbot, view)
    assert flagged.cell("table4", "review", "upheld").value == 3  # type: ignore[union-attr]
    QToolTip.hideText()


def test_tab_in_an_editor_commits_and_moves_right(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    window.activateWindow()
    view = window.tables.views["table4"]
    assert window.tables.select_cell("table4", "review", "upheld", focus=True)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view, timeout=2000)
    type_text(qtbot, "4")
    press(qtbot, Qt.Key.Key_Tab)
    assert flagged.cell("table4", "review", "upheld").value == 4  # type: ignore[union-attr]
    assert current_key(window) == ("table4", "review", "corrected")
    press(qtbot, Qt.Key.Key_Escape)
    wait_edit_closed(qtbot, view)
    press(qtbot, Qt.Key.Key_Tab)  # outside an editor, Tab leaves the grid
    assert focused() is window.findings
