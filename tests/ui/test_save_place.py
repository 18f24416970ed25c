"""Saving as an officer expects: the first save asks where audit workbooks go and remembers;
the status bar names the file written, a click from its folder; a source and its own
workbook open as one report, the workbook's corrections over the source's text."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from model.excel.pairs import APPLIED, SOURCE_CHANGED
from model.excel.workbook import read_report_workbook
from model.workspace import Workspace
from parsers import load_report
from tests.ui.conftest import FLAGGED, OpenFiles
from ui.main_window import MainWindow
from ui.notices import SAVE
from ui.report_list import COL_FILE
from ui.session import ReportSession
from ui.settings import PLACE_BESIDE, PLACE_FOLDER, Settings

CELL = ("table4", "review", "upheld")


def edit(window: MainWindow, value: str = "7") -> None:
    model = window.tables.models["table4"]
    assert model.setData(model.index_of("review", "upheld"), value)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "reports"
    out.mkdir()
    shutil.copy(FLAGGED, out / "甲.txt")
    shutil.copy(FLAGGED, out / "乙.txt")
    with open(out / "乙.txt", "a", encoding="utf-8") as fh:
        fh.write("\n附件：无")  # another file, not a copy
    return out


@pytest.fixture
def first_start(qtbot, fresh_settings: Settings, workspace: Workspace) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A window on settings that have never been asked where workbooks go."""
    win = MainWindow(fresh_settings, workspace=workspace)
    qtbot.addWidget(win)
    win.show()
    yield win


def _open(qtbot, window: MainWindow, paths: list[Path]) -> list[ReportSession]:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.batchFinished, timeout=15000):
        files = window.open_paths([str(p) for p in paths], remember=False)
    return [s for s in (window.reports.find(f) for f in files) if s is not None]


def test_first_save_asks_where_and_remembers(qtbot, first_start: MainWindow, folder: Path, tmp_path: Path) -> None:
    window = first_start
    first, second = _open(qtbot, window, [folder / "甲.txt", folder / "乙.txt"])
    window.list_panel.select(first)
    edit(window)
    window.persistence.save_action.trigger()  # Ctrl+S
    question = window.persistence.place_question
    assert question is not None and question.isVisible()  # shown with open(), never exec()
    assert not list(folder.glob("*.xlsx"))  # nothing written before the answer
    books = tmp_path / "审核结果"
    books.mkdir()
    question.choose(PLACE_FOLDER, str(books))
    assert window.persistence.place_question is None
    out = books / "甲.审核.xlsx"
    assert out.exists() and read_report_workbook(out)[0].value(*CELL) == 7 and not first.unsaved
    if sys.platform != "win32":  # the permissions any new file gets here, not a temporary file's 0600
        umask = os.umask(0)
        os.umask(umask)
        assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    again = Settings("ReportAuditorTests", "first-start")
    assert again.save_place() == PLACE_FOLDER and again.book_folder() == str(books)
    # The next save does not ask: it goes to the folder chosen.
    window.list_panel.select(second)
    edit(window, "8")
    assert window.persistence.save() and window.persistence.place_question is None
    assert (books / "乙.审核.xlsx").exists()
    # The status bar names the file written; a click opens its folder.
    link = window.status.saved_link
    assert link.isVisible() and "乙.审核.xlsx" in link.text()
    opened: list[str] = []
    link.opener = opened.append
    link.linkActivated.emit("file")
    assert opened == [str(books / "乙.审核.xlsx")]


def test_a_cancelled_question_saves_nothing_and_asks_again(qtbot, first_start: MainWindow, folder: Path) -> None:
    window = first_start
    (session,) = _open(qtbot, window, [folder / "甲.txt"])
    window.list_panel.select(session)
    edit(window)
    assert not window.persistence.save()
    question = window.persistence.place_question
    assert question is not None
    question.reject()
    assert window.persistence.place_question is None and session.unsaved
    assert not list(folder.glob("*.xlsx")) and not window.settings.save_place()
    assert not window.persistence.save()
    box = window.persistence.place_question
    assert box is not None
    box.choose(PLACE_FOLDER, str(folder / "no such folder"))  # refused: the folder must exist
    assert box.isVisible() and box.problem.isVisible()
    box.choose(PLACE_BESIDE)
    assert (folder / "甲.审核.xlsx").exists() and window.settings.save_place() == PLACE_BESIDE


def test_save_all_when_closing_asks_first_then_closes(qtbot, first_start: MainWindow, folder: Path) -> None:
    window = first_start
    (session,) = _open(qtbot, window, [folder / "甲.txt"])
    window.list_panel.select(session)
    edit(window)
    window.close()
    assert window.persistence.question is not None
    window.persistence.question.choose(SAVE)
    assert window.isVisible()  # not before the place is known
    question = window.persistence.place_question
    assert question is not None
    question.choose(PLACE_BESIDE)
    assert not window.isVisible() and (folder / "甲.审核.xlsx").exists()


def test_a_folder_with_a_source_and_its_workbook_is_one_report(
    qtbot, window: MainWindow, open_files: OpenFiles, folder: Path
) -> None:
    (session,) = open_files([folder / "甲.txt"])
    window.list_panel.select(session)
    edit(window)
    assert window.persistence.save()
    book = folder / "甲.审核.xlsx"
    window.persistence.removed(session)  # closed: the workspace forgets it, the workbook stays
    window.open_reports.remove([session])

    sessions = _open(qtbot, window, [folder])
    assert sorted(s.name for s in sessions) == ["乙.txt", "甲.txt"]  # the workbook has no row of its own
    assert len(window.reports.sessions) == 2
    paired, other = sorted(sessions, key=lambda s: s.name != "甲.txt")
    assert paired.book is not None and paired.book.outcome == APPLIED and paired.book.book == str(book)
    assert paired.report is not None and paired.report.value(*CELL) == 7
    assert paired.report.text == load_report(folder / "甲.txt").text  # the source's text
    assert other.book is None
    assert paired.output_path == str(book) and not paired.unsaved
    assert [c.new for c in paired.changes] == [7]
    row = window.reports.row(paired)
    assert row.display[COL_FILE] == "[+Workbook] 甲.txt" and str(book) in row.tooltip
    # Saving writes back to that workbook, with the correction and the new one.
    window.list_panel.select(paired)
    edit(window, "9")
    assert window.persistence.save()
    back, changes = read_report_workbook(book)
    assert back.value(*CELL) == 9 and [c.new for c in changes] == [7, 9]


def test_a_changed_source_says_its_workbook_is_not_applied(
    qtbot, window: MainWindow, open_files: OpenFiles, folder: Path
) -> None:
    (session,) = open_files([folder / "甲.txt"])
    window.list_panel.select(session)
    edit(window)
    assert window.persistence.save()
    window.persistence.removed(session)
    window.open_reports.remove([session])
    source = folder / "甲.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\n附件：无", encoding="utf-8")
    (again,) = _open(qtbot, window, [source])  # its workbook beside it is found
    assert again.book is not None and again.book.outcome == SOURCE_CHANGED
    assert again.report is not None and again.report.value(*CELL) == 0
    assert window.reports.row(again).display[COL_FILE] == "[Workbook not applied] 甲.txt"


def test_a_workbook_of_another_file_gets_a_row_of_its_own(
    qtbot, window: MainWindow, open_files: OpenFiles, folder: Path
) -> None:
    (session,) = open_files([folder / "甲.txt"])
    window.list_panel.select(session)
    edit(window)
    assert window.persistence.save(str(folder / "乙.审核.xlsx"))  # 甲's workbook under 乙's name
    window.persistence.removed(session)
    window.open_reports.remove([session])
    with qtbot.waitSignal(window.batchFinished, timeout=15000):
        window.open_paths([str(folder / "乙.txt"), str(folder / "乙.审核.xlsx")], remember=False)
    qtbot.waitUntil(lambda: window.reports.find(str(folder / "乙.审核.xlsx")) is not None, timeout=15000)
    qtbot.waitUntil(lambda: not window.is_busy(), timeout=15000)
    alone = window.reports.find(str(folder / "乙.审核.xlsx"))
    assert alone is not None and alone.report is not None and alone.report.value(*CELL) == 7
    source = window.reports.find(str(folder / "乙.txt"))
    assert source is not None and source.report is not None and source.report.value(*CELL) == 0
