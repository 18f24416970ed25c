"""The workspace and the Excel output through the real window: every correction is recorded
the moment it is made, restored in a new window (even after the process was killed), saved
to a workbook that reads back, and never lost when a save fails or the window closes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from model.excel.workbook import read_report_workbook
from model.workspace import META_TABLE, Workspace
from ui.main_window import MainWindow
from ui.notices import CANCEL, DISCARD, SAVE
from ui.saving import default_output
from ui.session import ReportSession
from ui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"
FLAGGED = SAMPLES / "004_e5c4bfe1850351fa.txt"  # 表四 review/upheld is 0, agency 某某区民政局…
CELL = ("table4", "review", "upheld")


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    """A copy of the flagged sample in a folder of its own (workbooks are saved beside it)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    return Path(shutil.copy(FLAGGED, folder / "报告.txt"))


@pytest.fixture
def opened(window: MainWindow, open_files, report_file: Path) -> ReportSession:
    (session,) = open_files([report_file])
    window.list_panel.select(session)
    assert window.session is session
    return session  # type: ignore[return-value]


def edit(window: MainWindow, value: str = "7") -> None:
    model = window.tables.models["table4"]
    assert model.setData(model.index_of("review", "upheld"), value)


def answer(window: MainWindow, choice: str) -> None:
    """Click the question's button for `choice`."""
    question = window.persistence.question
    assert question is not None and question.isVisible()
    question.choose(choice)


@pytest.fixture
def new_window(qtbot, settings: Settings) -> Iterator[Callable[[Path], MainWindow]]:  # type: ignore[no-untyped-def]
    """Opens another window on a workspace file, as the next start of the program would."""
    opened: list[Workspace] = []

    def make(workspace_file: Path) -> MainWindow:
        opened.append(Workspace(workspace_file))
        win = MainWindow(settings, workspace=opened[-1])
        qtbot.addWidget(win)
        win.show()
        return win

    yield make
    for ws in opened:
        ws.close()


def restore(qtbot, win: MainWindow) -> list[ReportSession]:  # type: ignore[no-untyped-def]
    bar = win.persistence.restore_bar
    assert bar.isVisible()
    with qtbot.waitSignal(win.batchFinished, timeout=15000):
        bar.restore_button.click()
    assert not bar.isVisible()
    return list(win.reports.sessions)


def test_edit_undo_redo_recorded_at_once(window: MainWindow, opened: ReportSession, workspace: Workspace) -> None:
    edit(window)
    # Another connection to the same file sees the correction: it is committed, not pending.
    other = Workspace(workspace.path)
    try:
        (change,) = other.corrections(opened.path, opened.sha256)
        assert (change.table, change.row, change.col, change.old, change.new) == (*CELL, 0, 7)
        assert other.has_unsaved()
        window.menus.undo_action.trigger()
        window.menus.redo_action.trigger()
        window.tables.meta.year.setValue(2022)
        got = [(c.table, c.row, c.old, c.new) for c in other.corrections(opened.path)]
        assert got == [("table4", "review", 0, 7), ("table4", "review", 7, 0), ("table4", "review", 0, 7),
                       (META_TABLE, "year", 2020, 2022)]  # fmt: skip
    finally:
        other.close()
    assert len(opened.changes) == 4


def test_undo_restores_the_cell_exactly(window: MainWindow, opened: ReportSession) -> None:
    cell = opened.cell(*CELL)
    assert cell is not None
    before = (cell.value, cell.status, cell.edited)
    edit(window)
    edit(window, "8")
    window.menus.undo_action.trigger()
    assert (cell.value, cell.edited) == (7, True)
    window.menus.undo_action.trigger()
    assert (cell.value, cell.status, cell.edited) == before


def test_new_window_restores_the_corrections(
    qtbot, window: MainWindow, opened: ReportSession, new_window, workspace: Workspace
) -> None:
    edit(window)
    window.tables.meta.year.setValue(2021)
    second = new_window(workspace.path)
    (restored,) = restore(qtbot, second)
    assert restored.path == opened.path
    assert restored.report is not None and restored.report.value(*CELL) == 7 and restored.report.year == 2021
    assert restored.cell(*CELL).edited  # type: ignore[union-attr]
    assert restored.unsaved and len(restored.changes) == 2
    second.list_panel.select(restored)
    assert second.isWindowModified()
    assert [r.path for r in second.persistence.link.workspace.open_reports()] == [opened.path]  # type: ignore[union-attr]


def test_changed_file_is_not_corrected_and_the_officer_is_told(
    qtbot, window: MainWindow, opened: ReportSession, report_file: Path, new_window, workspace: Workspace
) -> None:
    edit(window)
    with report_file.open("a", encoding="utf-8") as fh:
        fh.write("\n附：修订说明。\n")
    second = new_window(workspace.path)
    (restored,) = restore(qtbot, second)
    assert restored.report is not None and restored.report.value(*CELL) == 0 and not restored.changes
    box = second.persistence.last_message
    assert box is not None and box.isVisible() and not box.isModal()
    assert "报告.txt" in box.text()


def test_discarding_the_offer_forgets_the_old_corrections(
    qtbot, window: MainWindow, opened: ReportSession, new_window, workspace: Workspace
) -> None:
    edit(window)
    second = new_window(workspace.path)
    second.persistence.restore_bar.discard_button.click()
    assert not second.reports.sessions and workspace.open_reports() == []
    assert not new_window(workspace.path).persistence.restore_bar.isVisible()


def test_save_writes_a_workbook_that_reads_back(
    qtbot, window: MainWindow, opened: ReportSession, report_file: Path, workspace: Workspace
) -> None:
    edit(window)
    assert window.isWindowModified() and window.persistence.save_action.isEnabled()
    window.persistence.save_action.trigger()  # Ctrl+S: beside the source, <stem>.审核.xlsx
    out = Path(default_output(str(report_file)))
    assert out.name == "报告.审核.xlsx" and out.exists()
    report, changes = read_report_workbook(out)
    assert report.value(*CELL) == 7
    assert [(c.table, c.row, c.col, c.old, c.new) for c in changes] == [(*CELL, 0, 7)]
    assert not window.isWindowModified() and opened.stack.isClean()
    assert not workspace.has_unsaved()
    link = window.status.saved_link
    assert link.isVisible() and "报告.审核.xlsx" in link.text() and link.path == str(out)
    # Save As goes elsewhere and is remembered for the next Ctrl+S.
    edit(window, "9")
    assert window.isWindowModified()
    other = report_file.parent / "另存" / "结果.xlsx"
    other.parent.mkdir()
    assert window.persistence.save(str(other))
    edit(window, "10")
    assert window.persistence.save()
    assert read_report_workbook(other)[0].value(*CELL) == 10
    assert read_report_workbook(out)[0].value(*CELL) == 7


def test_unwritable_target_gives_a_message_and_loses_nothing(
    window: MainWindow, opened: ReportSession, report_file: Path, workspace: Workspace
) -> None:
    edit(window)
    locked = report_file.parent / "locked.xlsx"
    locked.mkdir()  # a folder in the way: the replace fails as it does for a locked file
    assert not window.persistence.save(str(locked))
    box = window.persistence.last_message
    assert isinstance(box, QMessageBox) and box.isVisible() and not box.isModal()
    assert "locked.xlsx" in box.text() and "locked.xlsx" in window.statusBar().currentMessage()
    assert window.isWindowModified() and opened.unsaved and workspace.has_unsaved()
    assert opened.report is not None and opened.report.value(*CELL) == 7
    assert sorted(p.name for p in report_file.parent.iterdir()) == sorted(["locked.xlsx", "报告.txt"])
    box.close()


def test_closing_with_unsaved_changes_asks_first(
    qtbot, window: MainWindow, opened: ReportSession, report_file: Path, workspace: Workspace
) -> None:
    edit(window)
    window.close()
    question = window.persistence.question
    assert question is not None and question.isVisible() and window.isVisible()
    assert "报告.txt" in question.text() and question.informativeText()
    question.choose(CANCEL)
    assert window.isVisible() and window.persistence.question is None
    window.close()
    answer(window, DISCARD)
    assert not window.isVisible()
    # Closing without saving keeps the corrections in the workspace for next time.
    assert workspace.has_unsaved() and workspace.corrections(opened.path)


def test_save_all_on_close_writes_the_workbooks(
    qtbot, window: MainWindow, opened: ReportSession, report_file: Path, workspace: Workspace
) -> None:
    edit(window)
    window.close()
    answer(window, SAVE)
    assert not window.isVisible()
    assert read_report_workbook(default_output(str(report_file)))[0].value(*CELL) == 7
    assert not workspace.has_unsaved()


def test_closing_a_report_asks_and_discard_removes_it(
    window: MainWindow, opened: ReportSession, workspace: Workspace
) -> None:
    edit(window)
    window.menus.close_action.trigger()
    question = window.persistence.question
    assert question is not None and opened in window.reports.sessions
    question.choose(DISCARD)
    assert not window.reports.sessions and workspace.open_reports() == []


def test_export_summary_in_the_background(qtbot, window: MainWindow, opened: ReportSession, tmp_path: Path) -> None:
    out = tmp_path / "汇总.xlsx"
    with qtbot.waitSignal(window.persistence.saver.summaryWritten, timeout=15000):
        assert window.persistence.export_summary(str(out)) is not None
    link = window.status.saved_link
    assert out.exists() and "汇总.xlsx" in link.text() and link.isVisible() and link.path == str(out)
    blocked = tmp_path / "blocked.xlsx"
    blocked.mkdir()
    with qtbot.waitSignal(window.persistence.saver.failed, timeout=15000):
        window.persistence.export_summary(str(blocked))
    assert window.persistence.last_message is not None and window.persistence.last_message.isVisible()


def test_batch_rules_follow_edits(window: MainWindow, open_files, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    text = FLAGGED.read_text(encoding="utf-8")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(text + "\n", encoding="utf-8")  # other bytes, same agency
    a, b = open_files([folder / "a.txt", folder / "b.txt"])
    assert "DUPLICATE_CONTENT" not in [f.rule for f in a.findings]
    window.list_panel.select(a)
    window.tables.meta.agency.setText("另一个机关")
    window.tables.meta.agency.editingFinished.emit()
    assert "DUPLICATE_CONTENT" in [f.rule for f in a.findings]
    assert "DUPLICATE_CONTENT" in [f.rule for f in b.findings]
    warnings = window.reports.index(window.reports.sessions.index(b), 5).data()
    assert warnings == str(b.warnings)
    window.menus.undo_action.trigger()
    assert "DUPLICATE_CONTENT" not in [f.rule for f in b.findings]


_CHILD = """
import sys, time
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from model.workspace import Workspace
from ui.commands import SetCellCommand
from ui.main_window import MainWindow
from ui.settings import Settings
window = MainWindow(Settings("ReportAuditorTests", "kill"), workspace=Workspace(sys.argv[1]))
window.show()
loop = QEventLoop()
window.batchFinished.connect(loop.quit)
QTimer.singleShot(20000, loop.quit)
window.open_paths([sys.argv[2]], remember=False)
loop.exec()
session = window.reports.sessions[0]
session.stack.push(SetCellCommand(session, "table4", "review", "upheld", 7))
print("edited", flush=True)
time.sleep(120)
"""


def test_killed_process_loses_no_correction(qtbot, new_window, report_file: Path, tmp_path: Path) -> None:
    workspace_file = tmp_path / "killed" / "workspace.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home")}
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(workspace_file), str(report_file)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "edited"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    assert proc.returncode == -signal.SIGKILL
    second = new_window(workspace_file)
    (restored,) = restore(qtbot, second)
    assert restored.report is not None and restored.report.value(*CELL) == 7 and restored.unsaved


def test_carry_over_checked_against_last_year_after_cell_edits(window: MainWindow, open_files, tmp_path: Path) -> None:
    from model.schema import T3_COLS

    folder = tmp_path / "years"
    folder.mkdir()
    text = FLAGGED.read_text(encoding="utf-8")
    (folder / "2019.txt").write_text(text.replace("2020", "2019"), encoding="utf-8")  # the report of the year before
    this_year, last_year = open_files([shutil.copy(FLAGGED, folder / "2020.txt"), folder / "2019.txt"])
    col = T3_COLS[0]
    window.list_panel.select(last_year)
    window.tables.meta.year.setValue(2019)
    assert window.tables.models["table3"].setData(window.tables.models["table3"].index_of("carried_forward", col), "5")
    window.list_panel.select(this_year)
    model = window.tables.models["table3"]
    assert model.setData(model.index_of("carried_over", col), "3")
    carry = [f for f in this_year.findings if f.rule == "CROSS_YEAR_CARRY"]
    assert len(carry) == 1 and carry[0].figures["before"] == 5
    assert window.findings_model.rowCount() == len(this_year.findings)
    assert model.setData(model.index_of("carried_over", col), "5")
    assert "CROSS_YEAR_CARRY" not in [f.rule for f in this_year.findings]
