"""With nothing open the window shows a start page; the samples open only on request,
labelled 示例, and close when the officer opens real files."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.ui.conftest import FLAGGED
from ui.app import parse_args, schedule_opening
from ui.main_window import MainWindow
from ui.report_list import COL_FILE
from ui.resources import sample_files
from ui.settings import Settings


def test_nothing_open_shows_the_start_page(qtbot, window: MainWindow) -> None:
    page = window.start_page
    assert window.pages.currentWidget() is page and page.isVisible()
    assert not window.reports.sessions
    assert page.no_recent.isVisible() and not page.recent.isVisible()
    page.open_files.click()  # a file dialog, not modal to the program
    dialogs = [d for d in window.findChildren(QFileDialog) if d.isVisible()]
    assert len(dialogs) == 1 and dialogs[0].fileMode() == QFileDialog.FileMode.ExistingFiles
    dialogs[0].reject()


def test_samples_open_on_request_labelled_and_close_for_real_files(qtbot, window: MainWindow, tmp_path: Path) -> None:
    with qtbot.waitSignal(window.batchFinished, timeout=15000):
        qtbot.mouseClick(window.start_page.samples, Qt.MouseButton.LeftButton)
    sessions = list(window.reports.sessions)
    assert len(sessions) == len(sample_files()) and all(s.sample for s in sessions)
    assert window.pages.currentWidget() is window.main_splitter
    assert all(window.reports.row(s).display[COL_FILE].startswith("[Sample] ") for s in sessions)
    assert window.settings.recent_files() == []  # samples are not the officer's files
    mine = tmp_path / "我的报告.txt"
    shutil.copy(FLAGGED, mine)
    with qtbot.waitSignal(window.batchFinished, timeout=15000):
        window.open_paths([str(mine)])
    assert [s.path for s in window.reports.sessions] == [str(mine)]
    assert not window.reports.sessions[0].sample
    # Closing the last report brings the start page back, with the file among the recent ones.
    window.menus.close_action.trigger()
    assert window.pages.currentWidget() is window.start_page
    assert window.start_page.recent.count() == 1
    item = window.start_page.recent.item(0)
    with qtbot.waitSignal(window.batchFinished, timeout=15000):
        window.start_page.recent.itemClicked.emit(item)
    assert [s.path for s in window.reports.sessions] == [str(mine)]


def test_the_program_opens_no_samples_by_itself(qtbot, settings: Settings, workspace) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(settings, workspace=workspace)
    qtbot.addWidget(win)
    win.show()
    schedule_opening(None, win, parse_args([]))  # type: ignore[arg-type]  # as `main.py` with no files
    qtbot.wait(50)
    assert not win.reports.sessions and not win.is_busy()
    assert win.pages.currentWidget() is win.start_page
