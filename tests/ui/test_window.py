"""The main window driven through its real widgets: opening, linking, editing, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView

from ui import theme
from ui.main_window import MainWindow
from ui.navigation import problem_stops
from ui.report_list import COL_AGENCY, COL_ERRORS, COL_WARNINGS
from ui.session import STATE_FAILED, STATE_READY, ReportSession
from ui.table_model import FLAG_BLANK, FLAG_EDITED, FLAG_ERROR, FlagRole

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
FLAGGED = SAMPLES / "004_e5c4bfe1850351fa.txt"  # 2019 format, 表三 left blank
CLEAN = SAMPLES / "001_f1295613e25d1688.txt"  # 2021 format, no findings


def commit(qtbot, view: QAbstractItemView) -> None:
    """Press Enter in the open editor and wait for the delegate's queued commit."""
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)


def rules(session: ReportSession) -> list[str]:
    return [f.rule for f in session.findings]


def test_open_folder_lists_every_sample(qtbot, window: MainWindow, open_files) -> None:
    sessions = open_files([SAMPLES])
    assert len(sessions) == len(list(SAMPLES.glob("*.txt")))
    assert all(s.state == STATE_READY for s in sessions)
    model = window.reports
    row = model.sessions.index(next(s for s in sessions if Path(s.path) == FLAGGED))
    assert model.index(row, COL_AGENCY).data() == sessions[row].report.agency
    assert model.index(row, COL_WARNINGS).data() == str(sessions[row].warnings)
    assert model.index(row, COL_ERRORS).data() == "0"
    assert not window.status.progress.isVisible()
    # Opening the same file again selects it instead of reading it twice.
    again = window.open_paths([str(FLAGGED)], remember=False)
    assert again == [sessions[row].path] and len(model.sessions) == len(sessions)
    assert window.session is sessions[row]


def test_unreadable_file_shows_reason_and_others_go_on(window: MainWindow, open_files, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    failed, good = open_files([bad, CLEAN])
    assert failed.state == STATE_FAILED and failed.report and failed.report.error
    assert good.state == STATE_READY
    row = window.reports.sessions.index(failed)
    text = window.reports.index(row, COL_AGENCY).data()
    assert failed.report.error in text
    window.list_panel.select(failed)
    assert window.tables.placeholder.isVisibleTo(window) and failed.report.error in window.tables.placeholder.text()


def test_filter_and_problems_only(window: MainWindow, open_files) -> None:
    open_files([SAMPLES])
    panel = window.list_panel
    panel.filter.setText("004_e5c4")
    assert panel.proxy.rowCount() == 1
    panel.filter.clear()
    panel.problems_only.setChecked(True)
    assert panel.proxy.rowCount() == sum(1 for s in window.reports.sessions if s.findings)
    panel.problems_only.setChecked(False)
    panel.view.sortByColumn(COL_WARNINGS, Qt.SortOrder.DescendingOrder)
    first = panel.proxy.mapToSource(panel.proxy.index(0, 0)).row()
    assert Path(window.reports.sessions[first].path) == FLAGGED


def test_flagged_cell_selects_its_source(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    model = window.tables.models["table2"]
    index = model.index_of("licensing", "decisions")
    assert index.data(FlagRole) == FLAG_BLANK
    assert index.data(Qt.ItemDataRole.BackgroundRole) == theme.BLANK_BG
    assert "未填写" in index.data(Qt.ItemDataRole.ToolTipRole)
    view = window.tables.views["table2"]
    view.setCurrentIndex(index)
    cell = flagged.cell("table2", "licensing", "decisions")
    assert cell is not None and cell.span
    assert window.source.current_span() == cell.span
    assert window.source.selected_span() == cell.span
    # The cell's finding is selected in the findings panel.
    current = window.findings.findings_model.finding(window.findings.currentIndex().row())
    assert current is not None and current.rule == "EMPTY_CELL"


def test_finding_selects_cell_and_source(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    window.findings.select_row(1)
    finding = flagged.findings[1]
    assert window.source.current_span() == finding.source
    ref = finding.cells[0]
    view = window.tables.current_view()
    assert view.table_model().key(view.currentIndex()) == (ref.table, ref.row, ref.col)


def test_click_in_source_selects_cell(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    cell = flagged.cell("table4", "review", "total")
    assert cell is not None and cell.span
    source = window.source
    source.show_span((cell.span[0], cell.span[0]))  # scroll the number into view
    cursor = source.textCursor()
    cursor.setPosition(cell.span[0])
    rect = source.cursorRect(cursor)
    qtbot.mouseClick(source.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.right() + 3, rect.center().y()))
    view = window.tables.current_view()
    assert window.tables.tabs.currentWidget() is window.tables.views["table4"]
    assert view.table_model().key(view.currentIndex()) == ("table4", "review", "total")


def test_f8_steps_through_findings(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    """F8 from the findings list goes to the next finding's cell, selects the finding and
    shows the cell's words; Shift+F8 comes back."""
    stops = problem_stops(flagged)
    window.findings.select_finding(stops[0].finding)
    window.findings.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F8)
    second = stops[1]
    assert second.cell is not None
    assert window.tables.current_key() == second.cell
    assert window.findings_model.finding(window.findings.currentIndex().row()) is second.finding
    cell = flagged.cell(*second.cell)
    assert cell is not None and window.source.current_span() == cell.span
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.tables.current_key() == stops[0].cell


def test_typing_a_number_reaudits_and_undo_restores(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    tables = window.tables
    assert tables.select_cell("table4", "review", "total")
    view = tables.views["table4"]
    view.setFocus()
    before = len(flagged.findings)
    qtbot.keyClicks(view, "5")  # typing starts the editor
    commit(qtbot, view)
    assert "T4_TOTAL" in rules(flagged)
    index = tables.models["table4"].index_of("review", "total")
    assert index.data() == "5" and index.data(FlagRole) == FLAG_ERROR
    assert "相差" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert window.reports.index(window.reports.sessions.index(flagged), COL_ERRORS).data() == "1"
    assert window.menus.undo_action.isEnabled() and window.isWindowModified()
    # Back to the right figure: the finding disappears, the cell stays marked as corrected.
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter starts the editor too
    assert view.state() == QAbstractItemView.State.EditingState
    editor = view.focusWidget()
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "0")
    commit(qtbot, view)
    assert "T4_TOTAL" not in rules(flagged)
    assert len(flagged.findings) == before
    # Undo brings the error back, a second undo the parsed value.
    window.menus.undo_action.trigger()
    assert "T4_TOTAL" in rules(flagged)
    window.menus.undo_action.trigger()
    assert index.data() == "0" and index.data(FlagRole) == "" and "T4_TOTAL" not in rules(flagged)
    window.menus.redo_action.trigger()
    assert "T4_TOTAL" in rules(flagged)


def test_filling_blank_cells_clears_empty_cell(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    model = window.tables.models["table2"]
    index = model.index_of("licensing", "decisions")
    assert model.setData(index, "0")
    assert index.data(FlagRole) == FLAG_EDITED
    assert not any(f.rule == "EMPTY_CELL" and f.cells[0].table == "table2" for f in flagged.findings)
    font = index.data(Qt.ItemDataRole.FontRole)
    assert font.italic()
    assert "空" in index.data(Qt.ItemDataRole.ToolTipRole)  # the parsed value was blank
    assert not model.setData(index, "abc")  # not a number: refused


def test_revert_from_context_menu(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    model = window.tables.models["table4"]
    view = window.tables.views["table4"]
    index = model.index_of("review", "upheld")
    model.setData(index, "7")
    assert "T4_TOTAL" in rules(flagged)
    menu = view.menu_for(index)
    assert view.revert_action in menu.actions() and view.revert_action.isEnabled()
    view.setCurrentIndex(index)
    view.revert_action.trigger()
    assert index.data() == "0" and "T4_TOTAL" not in rules(flagged)
    cell = flagged.cell("table4", "review", "upheld")
    assert cell is not None and not cell.edited
    window.menus.undo_action.trigger()
    assert index.data() == "7"


def test_year_and_format_corrections(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    meta = window.tables.meta
    assert flagged.report is not None and flagged.report.year == 2020
    meta.year.setValue(2022)
    assert flagged.report.year == 2022 and "FORMAT_OUTDATED" in rules(flagged)
    window.menus.undo_action.trigger()
    assert meta.year.value() == 2020 and "FORMAT_OUTDATED" not in rules(flagged)
    table2 = window.tables.models["table2"]
    assert table2.index_of("procurement", "amount").isValid()  # 2019 only
    meta.format.setCurrentIndex(meta.format.findData("2021"))
    meta.format.activated.emit(meta.format.currentIndex())
    assert flagged.report.format == "2021"
    assert not table2.index_of("procurement", "amount").isValid()
    assert table2.index_of("fees", "amount").isValid()  # the grid follows the 2021 form
    parsed_agency = flagged.report.agency
    meta.agency.setText("某某区民政局")
    meta.agency.editingFinished.emit()
    assert flagged.report.agency == "某某区民政局"
    window.menus.undo_action.trigger()
    window.menus.undo_action.trigger()
    assert flagged.report.format == "2019" and flagged.report.agency == parsed_agency


def test_one_undo_stack_per_report(window: MainWindow, open_files) -> None:
    a, b = open_files([FLAGGED, CLEAN])
    window.list_panel.select(a)
    window.tables.models["table4"].setData(window.tables.models["table4"].index_of("review", "upheld"), "3")
    window.list_panel.select(b)
    assert window.open_reports.undo_group.activeStack() is b.stack and not window.menus.undo_action.isEnabled()
    window.list_panel.select(a)
    assert window.menus.undo_action.isEnabled()


def test_drop_files_opens_them(qtbot, window: MainWindow) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(CLEAN))])
    event = QDropEvent(
        window.rect().center().toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.batchFinished, timeout=15000):
        window.dropEvent(event)
    assert [Path(s.path) for s in window.reports.sessions] == [CLEAN]
    assert window.settings.recent_files() == [str(CLEAN)]


def test_cancel_stops_the_batch(qtbot, window: MainWindow, tmp_path: Path) -> None:
    text = FLAGGED.read_text(encoding="utf-8")
    for i in range(40):
        (tmp_path / f"r{i:02}.txt").write_text(text, encoding="utf-8")
    with qtbot.waitSignal(window.batchFinished, timeout=15000):
        window.open_paths([str(tmp_path)], remember=False)
        assert window.status.progress.isVisibleTo(window)
        window.status.cancel_button.click()
    assert all(s.report is not None for s in window.reports.sessions)
    assert len(window.reports.sessions) <= 40
    assert not window.status.cancel_button.isVisibleTo(window)


def test_language_choice_is_saved(window: MainWindow) -> None:
    menu = window.menus.language_menu
    english = next(a for a in menu.actions() if a.data() == "en")
    english.trigger()
    assert window.settings.language == "en" and english.isChecked()


def _colour_after(window: MainWindow, pos: int) -> str:
    """The colour painted just after text position `pos` (code points) in the source view."""
    source = window.source
    source.show_span((pos, pos + 1))  # scrolls it into view
    source.show_span(None)
    cursor = source.textCursor()
    cursor.clearSelection()
    source.setTextCursor(cursor)
    cursor.setPosition(pos)  # the sample has no characters beyond the BMP: positions agree
    rect = source.cursorRect(cursor)
    image = source.viewport().grab().toImage()
    return image.pixelColor(rect.right() + 2, rect.center().y()).name()


def test_source_marks_cells_and_follows_findings(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    # A number the parser read is marked; a blank cell's mark sits on the line break it was read at.
    number = flagged.cell("table2", "regulations", "made")
    assert number is not None and number.span is not None
    block = window.source.document().findBlock(number.span[0])
    marked = [
        r.format.background().color().name()
        for r in block.layout().formats()
        if r.start <= number.span[0] - block.position() < r.start + r.length
    ]
    assert marked == [theme.SOURCE_CELL_BG.name()]
    blank = flagged.cell("table2", "licensing", "decisions")
    assert blank is not None and blank.span is not None and flagged.report is not None
    assert flagged.report.text[blank.span[0]] == "\n"
    assert _colour_after(window, blank.span[0]) == theme.SOURCE_BLANK_BG.name()
    # Filled in, it is no longer flagged, and its mark says so.
    model = window.tables.models["table2"]
    assert model.setData(model.index_of("licensing", "decisions"), "0")
    assert _colour_after(window, blank.span[0]) == theme.SOURCE_CELL_BG.name()
