"""Indicators that are always true: tab counts, list counts, the unsaved mark and the title
follow an edit and its undo in the same event; shortcuts in every menu; the language
switched while the program runs; Qt's own dialogs translated; the list's order while a
batch loads, and what a cancel left unopened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QApplication

from tests.ui.conftest import FLAGGED, OpenFiles
from tests.ui.test_models import loaded
from ui import i18n
from ui import settings as opt
from ui import window_geometry as geometry
from ui.main_window import MainWindow
from ui.panels import ReportListPanel
from ui.report_list import COL_ERRORS, COL_FILE, COL_WARNINGS, UNSAVED_MARK, ReportListModel
from ui.session import ReportSession
from ui.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def list_text(window: MainWindow, session: ReportSession, col: int) -> str:
    return str(window.reports.index(window.reports.sessions.index(session), col).data())


def test_counts_title_and_mark_follow_an_edit_and_its_undo(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    tables = window.tables
    assert tables.tab_title("table4") == "Table 4"
    assert window.windowTitle() == f"{flagged.name}[*]" and not window.isWindowModified()
    assert not list_text(window, flagged, COL_FILE).startswith(UNSAVED_MARK)
    view = tables.views["table4"]
    window.activateWindow()
    assert tables.select_cell("table4", "review", "upheld", focus=True)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view, timeout=2000)
    qtbot.keyClicks(view, "5")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)
    # No further turn of the event loop: everything already says so.
    assert tables.tab_title("table4") == "Table 4 (1)"
    assert list_text(window, flagged, COL_ERRORS) == "1"
    assert window.status.counts.text().startswith("Errors: 1")
    assert window.isWindowModified() and window.windowTitle() == f"{flagged.name}[*]"
    assert list_text(window, flagged, COL_FILE) == UNSAVED_MARK + flagged.name
    row = window.reports.sessions.index(flagged)
    assert window.reports.index(row, COL_WARNINGS).data(Qt.ItemDataRole.FontRole).bold()
    # Undone, the report is as read: nothing unsaved, counts back.
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tables.tab_title("table4") == "Table 4"
    assert list_text(window, flagged, COL_ERRORS) == "0"
    assert not window.isWindowModified() and not flagged.unsaved
    assert list_text(window, flagged, COL_FILE) == flagged.name
    assert window.reports.index(row, COL_WARNINGS).data(Qt.ItemDataRole.FontRole) is None


def test_every_menu_action_has_a_shortcut(window: MainWindow) -> None:
    menus = [window.menus.file_menu, window.menus.edit_menu, window.menus.go_menu, window.menus.language_menu]
    missing = []
    for menu in menus:
        for action in menu.actions():
            if action.isSeparator() or action.menu() is not None:
                continue  # the recent files are a list of files
            if action.shortcut().isEmpty():
                missing.append(action.text())
    assert not missing
    assert [k.toString() for k in window.menus.redo_action.shortcuts()] == ["Ctrl+Y", "Ctrl+Shift+Z"]


def test_language_switch_takes_effect_at_once(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    english = window.menus.file_menu.title()
    chinese = next(a for a in window.menus.language_menu.actions() if a.data() == "zh_CN")
    try:
        chinese.trigger()
        assert window.settings.language == "zh_CN"
        assert window.menus.file_menu.title() == "文件(&F)"
        assert window.tables.tab_title("table3").startswith("表三")
        assert window.list_panel.problems_only.text() == "只看有问题的"
        assert window.reports.headerData(COL_ERRORS, Qt.Orientation.Horizontal) == "错误"
        assert window.menus.next_action.text() == "下一个问题(&N)"
        # Qt's own texts too: the file dialog and the message box buttons.
        assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        english_action = next(a for a in window.menus.language_menu.actions() if a.data() == "en")
        english_action.trigger()
    assert window.menus.file_menu.title() == english
    assert not window.translators


def test_qt_translation_is_found_where_the_build_puts_it() -> None:
    build = (Path(__file__).resolve().parents[2] / "build.spec").read_text(encoding="utf-8")
    assert "qtbase_" in build and "resources/translations" in build
    folders = i18n.qt_translation_folders()
    assert folders[0].endswith("translations") and any(Path(f, "qtbase_zh_CN.qm").exists() for f in folders)


def test_rejected_entry_message_is_translated(qapp) -> None:  # type: ignore[no-untyped-def]
    installed = i18n.install(qapp, "zh_CN")
    try:
        text = QCoreApplication.translate("GridView", "Not a number: “%1”. Enter a number, or leave the cell blank.")
        assert "请输入数字，或留空" in text
    finally:
        for t in installed:
            qapp.removeTranslator(t)


def test_saved_geometry_used_only_when_it_fits(qtbot, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    big = MainWindow(settings)
    qtbot.addWidget(big)
    big.setGeometry(0, 0, 2200, 1300)
    settings.set(opt.GEOMETRY, big.saveGeometry())
    laptop = QRect(0, 0, 1366, 728)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert not geometry.restore_or_place(window, settings.get(opt.GEOMETRY), laptop)
    assert laptop.contains(window.frameGeometry())
    assert window.width() == 1366  # a small screen: all of it
    small = MainWindow(settings)  # a geometry that fits is used as it was
    qtbot.addWidget(small)
    small.setGeometry(20, 30, 700, 500)
    assert geometry.restore_or_place(window, small.saveGeometry(), laptop)
    assert (window.width(), window.height()) == (700, 500)
    frame = geometry.default_frame(QRect(0, 0, 3840, 2100))
    assert frame.width() < 3840 and QRect(0, 0, 3840, 2100).contains(frame)  # a share, centred


def test_batch_rows_keep_their_order_until_the_batch_is_in(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = ReportListModel()
    panel = ReportListPanel(model)
    qtbot.addWidget(panel)
    paths = sorted(SAMPLES.glob("*.txt"))
    model.add(loaded(paths[2]))
    panel.view.sortByColumn(COL_FILE, Qt.SortOrder.DescendingOrder)
    panel.hold_order()
    for path in (paths[0], paths[4], paths[1]):
        model.add(loaded(path))
    names = [s.name for s in panel.sessions_in_order()]
    assert names == [paths[i].name for i in (2, 0, 4, 1)]  # as they came
    panel.release_order()
    names = [s.name for s in panel.sessions_in_order()]
    assert names == sorted(names, reverse=True)


def test_cancel_says_how_many_files_were_not_opened(qtbot, window: MainWindow, tmp_path: Path) -> None:
    text = FLAGGED.read_text(encoding="utf-8")
    for i in range(60):
        (tmp_path / f"r{i:02}.txt").write_text(text, encoding="utf-8")
    with qtbot.waitSignal(window.batchFinished, timeout=15000):
        window.open_paths([str(tmp_path)], remember=False)
        window.status.cancel_button.click()
    opened = len(window.reports.sessions)
    message = window.statusBar().currentMessage()
    if opened < 60:
        assert f"{60 - opened} file(s) not opened" in message
    assert f"{opened} report(s) open" in message


@pytest.mark.parametrize("kind", ["not_a_report"])
def test_a_file_that_is_no_report(qtbot, window: MainWindow, open_files: OpenFiles, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "note.txt"
    path.write_text("会议通知\n请各单位于周五下午三点到会议室开会。\n", encoding="utf-8")
    (session,) = open_files([path])
    assert session.report is not None
    session.report.not_a_report = True  # as the recognizer marks such a file
    session.reaudit()
    window.list_panel.select(session)
    assert [f.rule for f in session.findings] == ["NOT_A_REPORT"]
    assert list_text(window, session, 1) == "Not an annual report"
    assert window.tables.placeholder.isVisibleTo(window) and not window.tables.tabs.isVisibleTo(window)
    assert "No annual report was recognised" in window.tables.placeholder.text()
    assert "会议通知" in window.source.toPlainText()  # the text is there to see
    window.list_panel.view.setFocus()
    qtbot.keyClick(window.list_panel.view, Qt.Key.Key_F8)
    assert window.findings_model.finding(window.findings.currentIndex().row()) is session.findings[0]
    assert QApplication.focusWidget() is window.findings


def test_actions_are_real_actions(window: MainWindow) -> None:
    assert isinstance(window.menus.find_action, QAction) and window.menus.find_action.shortcut().toString() == "Ctrl+F"
