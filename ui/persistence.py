"""Keeping the officer's work: the save actions, the restore offer and the unsaved question.

`Persistence` is the window's part that deals with the workspace and the Excel output:

- Save (Ctrl+S) writes the current report's audit workbook (`<stem>.审核.xlsx` beside the
  source or in the folder the officer chose, or wherever it was saved last); Save As… asks
  where; Save All saves every report with unsaved corrections; Export Summary… writes the
  batch summary on a worker thread. The first save asks where workbooks go
  (`ui.save_place`) and the answer is remembered. The status bar then names the file
  written, a click away from its folder.
- At start, when the workspace holds reports with corrections, a bar offers to reopen them;
  their corrections are replayed as they are read (only onto unchanged files).
- Closing the window or a report with unsaved corrections asks first, without `exec()`.
  A report closed (`OpenReports.closing`) leaves the workspace.

File dialogs only appear in the action handlers; `save`, `export_summary`, `restore` and
`discard_previous` take what they need as arguments, so tests call them directly; the
question of the first save is answered with `place_question.choose(…)`.

`Persistence` works on `OpenReports` and parents its dialogs to the widget it is given.
It asks for files to be opened (`restoreRequested`, `bookApart`), and tells the status bar
what it did (`message`, `fileWritten`) through signals.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from model.excel.pairs import APPLIED, SEPARATE, merged_changes
from model.workspace import Workspace
from ui import settings as opt
from ui.notices import CANCEL, DISCARD, SAVE, RestoreBar, UnsavedQuestion, show_message
from ui.open_reports import OpenReports
from ui.save_place import SavePlaceQuestion
from ui.saving import Saver, ask_save_path
from ui.session import ReportSession
from ui.tasks import Task
from ui.workspace_link import WorkspaceLink

if TYPE_CHECKING:
    from parsers.loading import Loaded


def void(_result: object) -> None:
    """Drop a result (a dialog's callback returns nothing)."""


class Persistence(QObject):
    """Save and export actions, restoring the previous session, asking before closing."""

    message = Signal(str, int)  # for the status bar, and for how many ms (0: until the next)
    fileWritten = Signal(str, str)  # what was written (with %1 for the file) and the file
    restoreRequested = Signal(list)  # the previous session's files, to be opened again
    bookApart = Signal(str)  # an audit workbook of another file, to be opened on its own

    def __init__(
        self,
        open_reports: OpenReports,
        workspace: Workspace | None,
        dialog_parent: QWidget,
        busy: Callable[[], bool],
    ) -> None:
        """`busy` says whether a batch is being opened (what goes wrong then is told at its end)."""
        super().__init__(dialog_parent)
        self.open_reports = open_reports
        self.dialog_parent = dialog_parent
        self._busy = busy
        self.link = WorkspaceLink(workspace, self) if workspace is not None else None
        self.saver = Saver(self.link, open_reports.settings, self)
        self.restore_bar = RestoreBar()
        self.question: UnsavedQuestion | None = None
        self.place_question: SavePlaceQuestion | None = None
        self._after_place: list[Callable[[], None]] = []  # saves waiting for the answer
        self.last_message: QMessageBox | None = None
        self.close_confirmed = False
        self._notes: list[str] = []
        self.saver.failed.connect(self._failed)
        self.saver.saved.connect(self._saved)
        self.saver.summaryWritten.connect(self._summary_written)
        self.restore_bar.restoreRequested.connect(self.restore)
        self.restore_bar.discardRequested.connect(self.discard_previous)
        if self.link is not None:
            self.link.problem.connect(self._problem)
        open_reports.closing.connect(self._closing)
        self._build_actions()

    def _build_actions(self) -> None:
        w = self.dialog_parent
        self.save_action = QAction(w)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(lambda: self.save())
        self.save_as_action = QAction(w)
        self.save_as_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.save_as_action.triggered.connect(self.ask_save_as)
        self.save_all_action = QAction(w)
        self.save_all_action.setShortcut(QKeySequence("Ctrl+Alt+S"))
        self.save_all_action.triggered.connect(self.save_all)
        self.export_action = QAction(w)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.ask_export_summary)
        for action in self.actions():
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.place_action = QAction(w)
        self.place_action.setShortcut(QKeySequence("Ctrl+Alt+D"))
        self.place_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.place_action.triggered.connect(lambda: self.ask_save_place())
        self.update_actions()

    def retranslate(self) -> None:
        self.save_action.setText(self.tr("&Save Audit Results"))
        self.save_as_action.setText(self.tr("Save Audit Results &As…"))
        self.save_all_action.setText(self.tr("Save A&ll"))
        self.export_action.setText(self.tr("&Export Summary…"))
        self.place_action.setText(self.tr("&Where to Save Audit Workbooks…"))
        self.restore_bar.retranslate()

    def actions(self) -> list[QAction]:
        return [self.save_action, self.save_as_action, self.save_all_action, self.export_action]

    def update_actions(self) -> None:
        current = self.saver.can_save(self.open_reports.session)
        self.save_action.setEnabled(current)
        self.save_as_action.setEnabled(current)
        ready = [s for s in self.open_reports.sessions if s.report is not None]
        self.save_all_action.setEnabled(any(s.unsaved for s in ready))
        self.export_action.setEnabled(bool(ready))

    # ---- reports coming and going ----------------------------------------------------

    def loaded(self, session: ReportSession, item: Loaded) -> None:
        """Hand a freshly read report to its session, with its earlier corrections replayed:
        those of its audit workbook, then the workspace's that the workbook does not hold."""
        book = item.book
        session.book = book
        book_changes = list(book.changes) if book is not None and book.outcome == APPLIED else []
        if book is not None and book.outcome == SEPARATE:
            # Not its workbook: a report of its own, once this batch has taken in this one.
            QTimer.singleShot(0, functools.partial(self.bookApart.emit, book.book))
        own_book = book.book if book is not None and book.outcome != SEPARATE else None
        if self.link is None:
            session.set_loaded(item.report, item.findings, book_changes)
            session.output_path = own_book
            return
        attached = self.link.attach(session, item.report)
        changes, later = merged_changes(book_changes, attached.changes)
        session.set_loaded(item.report, item.findings, changes)
        session.output_path = attached.output_path or own_book
        if attached.unsaved and later:
            session.stack.resetClean()  # restored corrections are not in a workbook yet
        if later:
            text = self.tr("%1: %2 correction(s) restored.")
            self._status(text.replace("%1", session.name).replace("%2", str(len(later))))

    def removed(self, session: ReportSession) -> None:
        if self.link is not None:
            self.link.detach(session)

    def _closing(self, sessions: list[ReportSession]) -> None:
        for session in sessions:
            self.removed(session)

    def close_current(self) -> None:
        """Close the current report; ask first when it has unsaved corrections."""
        session = self.open_reports.session
        if session is None:
            return
        if session.unsaved:
            self.ask_before_closing([session], False, functools.partial(self._close_report, session))
        else:
            self._close_report(session)

    def _close_report(self, session: ReportSession) -> None:
        if session in self.open_reports.sessions:
            self.open_reports.close([session])

    # ---- saving ------------------------------------------------------------------------

    def save(self, path: str | None = None, session: ReportSession | None = None) -> bool:
        """Save `session` (the current report by default) to `path` or its usual place.

        False when it was not written, also when the first save has to ask where workbooks
        go first: it is then written once the officer has answered."""
        session = session or self.open_reports.session
        if session is None:
            return False
        if path is None and self._must_ask([session]):
            self.ask_save_place(functools.partial(self._save_later, session))
            return False
        return self.saver.save(session, path)

    def _save_later(self, session: ReportSession) -> None:
        if session in self.open_reports.sessions:
            self.saver.save(session)

    def save_all(self) -> list[ReportSession]:
        """Save every report with unsaved corrections; returns those that failed (all of them
        while the first save asks where workbooks go; they are saved once it is answered)."""
        sessions = self.open_reports.sessions
        if self._must_ask([s for s in sessions if s.unsaved]):
            self.ask_save_place(lambda: void(self.saver.save_all(self.open_reports.sessions)))
            return [s for s in sessions if s.unsaved]
        return self.saver.save_all(sessions)

    # ---- where workbooks go --------------------------------------------------------------

    def _must_ask(self, sessions: list[ReportSession]) -> bool:
        """Whether saving `sessions` needs the officer's answer first: the place was never
        chosen and one of them has no workbook of its own yet."""
        return not self.open_reports.settings.save_place() and any(not s.output_path for s in sessions)

    def ask_save_place(self, then: Callable[[], None] | None = None) -> SavePlaceQuestion:
        """Ask where audit workbooks go (remembered), then `then()`; a cancel saves nothing."""
        if then is not None:
            self._after_place.append(then)
        if self.place_question is not None:
            self.place_question.raise_()
            return self.place_question
        settings = self.open_reports.settings
        box = SavePlaceQuestion(self.dialog_parent, settings.save_place(), settings.get(opt.SAVE_FOLDER))
        box.answered.connect(self._place_chosen)
        box.finished.connect(self._place_closed)
        self.place_question = box
        box.open()
        return box

    def _place_chosen(self, place: str, folder: str) -> None:
        self.open_reports.settings.set_save_place(place, folder)
        waiting, self._after_place = self._after_place, []
        for then in waiting:
            then()

    def _place_closed(self, _result: int) -> None:
        self.place_question = None
        self._after_place = []  # cancelled: nothing is saved

    def ask_save_as(self) -> None:
        session = self.open_reports.session
        if not self.saver.can_save(session):
            return
        assert session is not None
        title = self.tr("Save Audit Results As")
        ask_save_path(self.dialog_parent, title, self.saver.target(session), functools.partial(self._save_as, session))

    def _save_as(self, session: ReportSession, path: str) -> None:
        if session in self.open_reports.sessions:
            self.saver.save(session, path)

    def ask_export_summary(self) -> None:
        folder = self.open_reports.settings.get(opt.LAST_FOLDER) or os.path.expanduser("~")
        start = os.path.join(folder, self.tr("Audit summary.xlsx"))
        ask_save_path(
            self.dialog_parent, self.tr("Export Summary"), start, lambda path: void(self.export_summary(path))
        )

    def export_summary(self, path: str) -> Task | None:
        """Write the summary of every open report to `path` in the background."""
        sessions = [s for s in self.open_reports.sessions if s.report is not None]
        if not sessions:
            self._status(self.tr("No reports to export."))
            return None
        self._status(self.tr("Writing the summary of %1 report(s)…").replace("%1", str(len(sessions))))
        return self.saver.export_summary(path, sessions)

    def _saved(self, session: ReportSession, path: str) -> None:
        self.fileWritten.emit(self.tr("Saved %1"), path)
        self.update_actions()

    def _summary_written(self, path: str) -> None:
        self.fileWritten.emit(self.tr("Summary written to %1"), path)

    def _failed(self, message: str) -> None:
        self.message.emit(self.tr("Not saved: %1").replace("%1", message), 0)
        self.last_message = show_message(self.dialog_parent, self.tr("Not saved"), message)

    # ---- restoring the previous session --------------------------------------------------

    def offer_restore(self) -> bool:
        """Show the restore bar when the workspace holds reports with corrections."""
        if self.link is None:
            return False
        entries = self.link.restorable()
        if not entries:
            self.link.forget_previous(keep=set())
            return False
        assert self.link is not None
        count = sum(len(self.link.workspace.corrections(e.path, e.sha256)) for e in entries)
        self.restore_bar.offer(len(self.link.previous), count, sum(1 for e in entries if e.unsaved))
        return True

    def restore(self) -> None:
        """Reopen the previous session's reports (`restoreRequested`); their corrections are
        replayed as they load."""
        self.restore_bar.hide()
        if self.link is None:
            return
        paths = list(self.link.previous)
        missing = [p for p in paths if not os.path.exists(p)]
        if missing:
            text = self.tr("These files are no longer there; their corrections are kept in the workspace:\n%1")
            self.last_message = show_message(
                self.dialog_parent, self.tr("Files not found"), text.replace("%1", "\n".join(missing))
            )
        self.restoreRequested.emit([p for p in paths if p not in missing])

    def discard_previous(self) -> None:
        """Forget the previous session's reports that are not open now."""
        self.restore_bar.hide()
        if self.link is not None:
            self.link.forget_previous(keep={s.path for s in self.open_reports.sessions})
        self._status(self.tr("The previous corrections were discarded."))

    # ---- asking before closing -----------------------------------------------------------

    def unsaved(self) -> list[ReportSession]:
        return [s for s in self.open_reports.sessions if s.unsaved]

    def ask_before_closing(self, sessions: list[ReportSession], closing_window: bool, then: Callable[[], None]) -> None:
        """Ask save / close without saving / cancel about `sessions`; `then()` unless cancelled."""
        if self.question is not None:
            self.question.raise_()
            return
        box = UnsavedQuestion(self.dialog_parent, [s.name for s in sessions], closing_window)
        box.answered.connect(functools.partial(self._answered, sessions, then))
        box.destroyed.connect(lambda: setattr(self, "question", None))
        self.question = box
        box.open()

    def _answered(self, sessions: list[ReportSession], then: Callable[[], None], choice: str) -> None:
        self.question = None
        if choice == CANCEL:
            return
        if choice == SAVE:
            if self._must_ask([s for s in sessions if s.unsaved]):
                self.ask_save_place(functools.partial(self._save_then, sessions, then))
                return
            self._save_then(sessions, then)
            return
        if choice == DISCARD:
            then()

    def _save_then(self, sessions: list[ReportSession], then: Callable[[], None]) -> None:
        failed = [s for s in sessions if s.unsaved and not self.saver.save(s)]
        if not failed:  # else the reason is shown and nothing is closed
            then()

    def flush(self) -> None:
        """Before the program ends: let a summary being written and the workspace finish."""
        self.saver.wait()
        if self.link is not None:
            self.link.flush()

    def settled(self) -> bool:
        """Whether the workspace holds every report read so far."""
        return self.link is None or self.link.settled()

    # ---- messages ------------------------------------------------------------------------

    def _problem(self, message: str) -> None:
        self._status(message)
        self._notes.append(message)
        if not self._busy():
            self.show_notes()

    def show_notes(self) -> None:
        """After a batch: show together what the officer must know (files that changed …)."""
        if self._notes:
            text, self._notes = "\n".join(self._notes), []
            self.last_message = show_message(self.dialog_parent, self.tr("Corrections not restored"), text)

    def _status(self, text: str) -> None:
        self.message.emit(text, 8000)
