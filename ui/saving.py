"""Saving the audit results as Excel: one report's workbook, and the summary of the batch.

A report's workbook (`<stem>.审核.xlsx` beside the source or in the folder chosen for
workbooks, unless it was saved elsewhere before: remembered per report) is small and
written at once; saving marks the report's undo
stack clean and the workspace saved. The summary of a whole batch is written on a worker
thread from a copy of the reports, so the officer can go on correcting meanwhile. Write
errors (`model.atomic.WriteError`, e.g. the file is open in Excel or WPS) come back as a
message through `failed`; nothing is changed when a write fails.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import logging
import os
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from model import guard
from model.excel.pairs import book_path
from model.findings import Finding
from model.report import Report
from ui.session import ReportSession
from ui.settings import Settings
from ui.tasks import Task
from ui.workspace_link import WorkspaceLink

log = logging.getLogger(__name__)


def default_output(source: str, folder: str | None = None) -> str:
    """The audit workbook's default place: beside the source (or in `folder`),
    `<stem>.审核.xlsx` (a name made safe for Windows and for the length of the path)."""
    return book_path(source, folder)


def documents_folder() -> str:
    """The user's documents folder (where a bundled sample's workbook goes, not beside it
    inside the program's own folder)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder or os.path.expanduser("~")


def snapshot(report: Report) -> Report:
    """A copy of the report whose cells the GUI thread cannot change under a worker."""
    tables = {t: {k: dataclasses.replace(c) for k, c in cells.items()} for t, cells in report.tables.items()}
    return dataclasses.replace(report, tables=tables, missing=list(report.missing))


def _write_summary(
    path: str, items: list[tuple[Report, list[Finding]]], _progress: Any, _cancelled: Any, _partial: Any
) -> str | None:
    """The worker's job: write the summary; returns the error message, or None when written."""
    from model.atomic import WriteError

    try:
        problems = guard.write_summary(path, items)
    except WriteError as exc:
        return str(exc)
    return "\n".join(problems) or None


class Saver(QObject):
    """Writes audit workbooks for the window and reports how it went."""

    saved = Signal(object, str)  # session, path
    summaryWritten = Signal(str)  # path
    failed = Signal(str)  # a message the officer can act on

    def __init__(self, link: WorkspaceLink | None, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.link = link
        self.settings = settings
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.tasks: list[Task] = []

    def target(self, session: ReportSession) -> str:
        """Where `session` is saved: its workbook's place, else the place chosen for workbooks."""
        if session.output_path:
            return session.output_path
        folder = self.settings.book_folder()
        if folder is None and session.sample:
            folder = documents_folder()
        return default_output(session.path, folder)

    def can_save(self, session: ReportSession | None) -> bool:
        return session is not None and session.report is not None and not session.report.error

    def save(self, session: ReportSession, path: str | None = None) -> bool:
        """Write the session's workbook to `path` (or its remembered / default place)."""
        if not self.can_save(session):
            self.failed.emit(self.tr("%1 could not be read; there is nothing to save.").replace("%1", session.name))
            return False
        from model.atomic import WriteError
        from model.excel.workbook import write_report

        assert session.report is not None
        out = os.path.abspath(path or self.target(session))
        try:
            write_report(out, session.report, session.findings, session.changes)
        except WriteError as exc:
            self.failed.emit(str(exc))
            return False
        except Exception:  # noqa: BLE001 - the guard's sentence; the corrections stay unsaved, not lost
            log.exception("writing the workbook of %s failed", session.path)
            self.failed.emit(f"{session.name}：{guard.internal_error(guard.EXPORT)}")
            return False
        session.output_path = out
        session.stack.setClean()
        if self.link is not None:
            self.link.mark_saved(session, out)
        self.saved.emit(session, out)
        return True

    def save_all(self, sessions: Sequence[ReportSession]) -> list[ReportSession]:
        """Save every session with unsaved corrections; returns those that failed."""
        return [s for s in sessions if s.unsaved and self.can_save(s) and not self.save(s)]

    # ---- the batch summary ---------------------------------------------------------

    def export_summary(self, path: str, sessions: Sequence[ReportSession]) -> Task:
        """Write the summary of `sessions` to `path` on a worker thread."""
        items = [(snapshot(s.report), copy.copy(s.findings)) for s in sessions if s.report is not None]
        task = Task(functools.partial(_write_summary, os.path.abspath(path), items))
        task.signals.finished.connect(lambda error, t=task: self._summary_done(t, path, error))
        task.signals.failed.connect(lambda error, t=task: self._summary_done(t, path, error))
        self.tasks.append(task)
        self.pool.start(task)
        return task

    def _summary_done(self, task: Task, path: str, error: str | None) -> None:
        if task in self.tasks:
            self.tasks.remove(task)
        if error:
            self.failed.emit(error)
        else:
            self.summaryWritten.emit(path)

    def is_busy(self) -> bool:
        return bool(self.tasks)

    def wait(self, msecs: int = 30000) -> None:
        """Let a summary being written finish (before the program ends)."""
        self.pool.waitForDone(msecs)


def write_told(
    path: str, write: Callable[[str], object], failed: Callable[[str], None], done: Callable[[str], None]
) -> None:
    """Write a view's workbook to `path`: `failed(reason)` when it cannot be written (the
    reason in the officer's words), else `done(path)`."""
    from model.atomic import WriteError

    try:
        write(path)
    except WriteError as exc:
        failed(str(exc))
        return
    done(path)


def ask_save_path(parent: QWidget, title: str, start: str, chosen: Callable[[str], object]) -> QFileDialog:
    """A non-modal "save as" dialog for an Excel workbook; `chosen(path)` when accepted."""
    dialog = QFileDialog(parent, title, start)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters([QCoreApplication.translate("Saver", "Excel workbooks (*.xlsx)")])
    dialog.setDefaultSuffix("xlsx")
    if start and not os.path.isdir(start):
        dialog.selectFile(start)
    dialog.fileSelected.connect(chosen)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog
