"""表二 drawn as on the form: three value columns, a header row of labels per block."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from model.report import Cell
from tests.ui.conftest import OpenFiles
from tests.ui.test_models import loaded
from ui.main_window import MainWindow
from ui.session import ReportSession
from ui.table_model import ReportTableModel, SuggestedRole

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
SEED_2019 = next(SAMPLES.glob("003_*.txt"))
SEED_2021 = next(SAMPLES.glob("001_*.txt"))


def grid(model: ReportTableModel) -> list[list[str]]:
    """Each grid row as its cells' text ("" under a merge)."""
    return [[model.index(r, c).data() or "" for c in range(model.columnCount())] for r in range(model.rowCount())]


def licensing(session: ReportSession) -> Cell:
    """表二 行政许可 / 处理决定数量 of a loaded report."""
    cell = session.cell("table2", "licensing", "decisions")
    assert cell is not None
    return cell


def heading_rows(model: ReportTableModel) -> list[list[str]]:
    """The rows that head a block: its title (merged over the row) and its column labels."""
    rows = grid(model)
    return [rows[r] for r in range(model.rowCount()) if model.is_header(model.index(r, 0))]


def test_2019_blocks_with_their_own_labels(qtmodeltester) -> None:
    model = ReportTableModel("table2")
    model.set_session(loaded(SEED_2019))
    qtmodeltester.check(model, force_py=True)
    assert model.columnCount() == 4  # the label column and three figures, as on the form
    assert heading_rows(model) == [
        ["第二十条第（一）项", "", "", ""],
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["第二十条第（五）项", "", "", ""],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["第二十条第（六）项", "", "", ""],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["第二十条第（八）项", "", "", ""],
        ["信息内容", "上一年项目数量", "本年增/减", ""],
        ["第二十条第（九）项", "", "", ""],
        ["信息内容", "采购项目数量", "采购总金额", ""],
    ]
    labels = [row[0] for row in grid(model)]
    assert labels[:5] == ["第二十条第（一）项", "信息内容", "规章", "规范性文件", "第二十条第（五）项"]
    assert labels[-1] == "政府集中采购"
    # Headings and labels are neither editable nor selectable (the keyboard passes them), and look like headings.
    head = model.index(1, 1)
    assert model.flags(head) == Qt.ItemFlag.NoItemFlags and model.key(head) is None
    assert head.data(Qt.ItemDataRole.FontRole).bold()
    assert head.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.flags(model.index(2, 0)) == Qt.ItemFlag.NoItemFlags  # 规章
    # Each block's cells stand for its own columns; the places a row lacks are disabled.
    assert model.key(model.index_of("licensing", "decisions")) == ("table2", "licensing", "decisions")
    assert model.index_of("licensing", "decisions").column() == 3
    assert model.index_of("procurement", "amount").column() == 2
    fees = model.index_of("fees", "prev_items")
    empty = model.index(fees.row(), 3)
    assert model.key(empty) is None and model.flags(empty) == Qt.ItemFlag.NoItemFlags
    assert model.flags(fees) & Qt.ItemFlag.ItemIsEditable


def test_2021_blocks(qtmodeltester) -> None:
    model = ReportTableModel("table2")
    model.set_session(loaded(SEED_2021))
    qtmodeltester.check(model, force_py=True)
    assert model.columnCount() == 4
    assert heading_rows(model)[1::2] == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["信息内容", "本年处理决定数量", "", ""],  # one figure, as wide as three
        ["信息内容", "本年处理决定数量", "", ""],
        ["信息内容", "本年收费金额（单位：万元）", "", ""],
    ]
    assert model.index_of("fees", "amount").column() == 1
    assert [row[0] for row in grid(model)][-3:] == ["第二十条第（八）项", "信息内容", "行政事业性收费"]


def test_editing_table2_undoes_and_links_source(qtbot, window: MainWindow, open_files: OpenFiles) -> None:
    (session,) = open_files([SEED_2019])
    window.list_panel.select(session)
    assert window.session is session
    model = window.tables.models["table2"]
    view = window.tables.views["table2"]
    assert view.horizontalHeader().isHidden()
    index = model.index_of("licensing", "decisions")
    assert index.data() == "32"
    # Selecting the cell selects its number in the source text.
    assert window.tables.select_cell("table2", "licensing", "decisions")
    assert view.currentIndex() == index
    cell = session.cell("table2", "licensing", "decisions")
    assert cell is not None and cell.span
    assert window.source.selected_span() == cell.span
    # Typing a new figure edits the cell; undo puts it back.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_3)  # typing opens the editor with that key in it
    qtbot.keyClicks(view.focusWidget(), "3")
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: licensing(session).value == 33, timeout=2000)
    assert index.data() == "33" and "32" in index.data(Qt.ItemDataRole.ToolTipRole)
    # Enter moved to the cell below (a cell without a problem): the next row of the block.
    assert model.key(view.currentIndex()) == ("table2", "other_services", "decisions")
    window.menus.undo_action.trigger()
    assert index.data() == "32" and not licensing(session).edited
    window.menus.redo_action.trigger()
    assert index.data() == "33"
    # Clicking the number in the source selects the cell again.
    window.tables.select_cell("table4", "review", "total")
    window.links.source_clicked(cell.span[0])
    assert window.tables.current_view() is view and view.currentIndex() == index


def test_f8_and_suggestion_marks_reach_table2(qtbot, window: MainWindow, flagged) -> None:  # type: ignore[no-untyped-def]
    first = flagged.findings[0].cells[0]
    assert (first.table, first.row, first.col) == ("table2", "licensing", "decisions")
    window.list_panel.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F8)
    view = window.tables.current_view()
    assert view is window.tables.views["table2"]
    assert view.table_model().key(view.currentIndex()) == ("table2", "licensing", "decisions")
    model = window.tables.models["table2"]
    model.set_suggestion({("table2", "licensing", "decisions"): 5}, "Ctrl+Enter")
    index = model.index_of("licensing", "decisions")
    assert index.data(SuggestedRole) == "5" and "Ctrl+Enter" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(index.row() - 1, 3).data(SuggestedRole) is None  # the block's heading row
