"""Suggested corrections in the window: offered above the findings, marked in the grid,
accepted with Ctrl+Enter as one undoable step, never applied without the officer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from model.workspace import Workspace
from ui.main_window import MainWindow
from ui.session import ReportSession
from ui.table_model import FLAG_EDITED, FlagRole, SuggestedRole

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
CLEAN_2021 = next(SAMPLES.glob("003_*.txt"))  # no findings; 表四 行政复议 totals 14
RIGHT = "12 | 0 | 1 | 1 | 14 |"
WRONG = "12 | 0 | 1 | 1 | 15 |"


def rules(session: ReportSession) -> list[str]:
    return [f.rule for f in session.findings]


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """The clean 2021 sample with its 行政复议 total typed one too high."""
    text = CLEAN_2021.read_text(encoding="utf-8")
    assert text.count(RIGHT) == 1
    path = tmp_path / "seed.txt"
    path.write_text(text.replace(RIGHT, WRONG), encoding="utf-8")
    return path


def open_one(window: MainWindow, open_files, path: Path) -> ReportSession:  # type: ignore[no-untyped-def]
    (session,) = open_files([path])
    window.list_panel.select(session)
    assert window.session is session
    return session


def press_accept(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.tables.current_view()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_suggestion_shown_accepted_and_undone(qtbot, window: MainWindow, open_files, seed: Path) -> None:
    session = open_one(window, open_files, seed)
    offer = window.suggestions
    assert rules(session) == ["T4_TOTAL"]
    qtbot.waitUntil(lambda: offer.bar.isVisible(), timeout=2000)
    assert "14" in offer.bar.text.text() and "15" in offer.bar.text.text()
    assert offer.keys() in offer.bar.text.text()  # the key is named where the officer looks
    assert offer.action.isEnabled()
    model = window.tables.models["table4"]
    total = model.index_of("review", "total")
    # Marked in the grid, and nothing changed yet.
    assert total.data(SuggestedRole) == "14" and total.data() == "15"
    assert "14" in total.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index_of("review", "upheld").data(SuggestedRole) is None
    assert session.stack.count() == 0

    window.tables.select_cell("table4", "review", "upheld")
    press_accept(qtbot, window)
    assert total.data() == "14" and total.data(FlagRole) == FLAG_EDITED
    assert "T4_TOTAL" not in rules(session)
    assert session.stack.count() == 1 and window.isWindowModified()
    assert [(c.table, c.row, c.col, c.old, c.new) for c in session.changes] == [("table4", "review", "total", 15, 14)]
    qtbot.waitUntil(lambda: not offer.bar.isVisible(), timeout=2000)
    assert not offer.action.isEnabled() and total.data(SuggestedRole) is None

    window.menus.undo_action.trigger()
    assert total.data() == "15" and rules(session) == ["T4_TOTAL"]
    qtbot.waitUntil(lambda: offer.action.isEnabled(), timeout=2000)
    assert offer.bar.isVisible() and total.data(SuggestedRole) == "14"
    window.menus.redo_action.trigger()
    assert total.data() == "14" and "T4_TOTAL" not in rules(session)


def test_accepted_suggestion_is_in_the_workspace(
    qtbot, window: MainWindow, open_files, seed: Path, workspace: Workspace
) -> None:
    session = open_one(window, open_files, seed)
    qtbot.waitUntil(lambda: window.suggestions.action.isEnabled(), timeout=2000)
    window.suggestions.action.trigger()
    stored = workspace.corrections(session.path, session.sha256)
    assert [(c.table, c.row, c.col, c.old, c.new) for c in stored] == [("table4", "review", "total", 15, 14)]
    window.menus.undo_action.trigger()
    assert [c.new for c in workspace.corrections(session.path, session.sha256)][-1] == 15


def test_no_failing_equation_no_suggestion(qtbot, window: MainWindow, open_files) -> None:
    session = open_one(window, open_files, CLEAN_2021)
    offer = window.suggestions
    qtbot.wait(10)
    assert not offer.bar.isVisible() and not offer.action.isEnabled()
    press_accept(qtbot, window)  # the key does nothing
    assert session.stack.count() == 0 and not session.changes


def test_suggestion_follows_edits(qtbot, window: MainWindow, open_files) -> None:
    session = open_one(window, open_files, CLEAN_2021)
    offer = window.suggestions
    model = window.tables.models["table4"]
    assert model.setData(model.index_of("review", "total"), "41")  # digits swapped
    qtbot.waitUntil(lambda: offer.action.isEnabled(), timeout=2000)
    assert model.index_of("review", "total").data(SuggestedRole) == "14"
    assert model.setData(model.index_of("review", "total"), "14")  # the officer fixes it
    qtbot.waitUntil(lambda: not offer.action.isEnabled(), timeout=2000)
    assert not offer.bar.isVisible()
    assert "T4_TOTAL" not in rules(session)


def test_stale_suggestion_is_not_applied(qtbot, window: MainWindow, open_files, seed: Path) -> None:
    """Only what the officer was shown is applied: after a change, the key shows the new one."""
    session = open_one(window, open_files, seed)
    offer = window.suggestions
    qtbot.waitUntil(lambda: offer.action.isEnabled(), timeout=2000)
    shown = offer.tracker.shown
    assert shown is not None
    # The report changes and the key is pressed before the bar caught up.
    session.set_cell("table4", "review", "upheld", 13)
    assert offer.tracker.current() != shown
    assert offer.accept() == 0 and session.stack.count() == 0
    assert offer.tracker.shown == offer.tracker.current()  # the bar shows the new one now


def test_enter_after_editing_moves_down(qtbot, window: MainWindow, open_files) -> None:
    open_one(window, open_files, CLEAN_2021)
    tables = window.tables
    assert tables.select_cell("table3", "new", "research")  # a cell without a problem
    view = tables.views["table3"]
    model = tables.models["table3"]
    view.setFocus()
    qtbot.keyClicks(view, "3")
    assert view.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)
    assert model.index_of("new", "research").data() == "3"
    assert model.key(view.currentIndex()) == ("table3", "carried_over", "research")


def test_accept_while_editing_commits_the_edit_first(qtbot, window: MainWindow, open_files, seed: Path) -> None:
    session = open_one(window, open_files, seed)
    offer = window.suggestions
    qtbot.waitUntil(lambda: offer.action.isEnabled(), timeout=2000)
    tables = window.tables
    assert tables.select_cell("table4", "review", "upheld")
    view = tables.views["table4"]
    view.setFocus()
    qtbot.keyClicks(view, "1")  # typing starts the editor
    assert view.state() == QAbstractItemView.State.EditingState
    qtbot.keyClicks(view.focusWidget(), "2")  # the same figure again: the suggestion still holds
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.state() != QAbstractItemView.State.EditingState
    assert session.cell("table4", "review", "total").value == 14  # type: ignore[union-attr]
    assert session.cell("table4", "review", "upheld").value == 12  # type: ignore[union-attr]
    assert "T4_TOTAL" not in rules(session)
