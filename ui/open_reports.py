"""The reports open in the window and which one is current: the controller below the window.

`OpenReports` holds no widget. It keeps the open reports in the list's model
(`ReportListModel`), each report's undo stack in one `QUndoGroup` (the Edit menu undoes and
redoes the current report's), and the rules across the batch, which run again after an
edit and when reports close. The parts that act on it — opening (`ui.batch_loading`),
keeping the officer's work (`ui.persistence`), printing, the keyboard's review — change it
through its methods; the window shows what it announces:

- `currentChanged`: another report (or none) is the current one;
- `currentFindingsChanged`, `currentEdited`: the current report's findings changed, or an
  edit of it (its undo, its redo) has been audited with the batch rules;
- `closing`: reports the officer closes, before they leave (the workspace forgets them);
- `removed`: reports left the list.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup

from model.workspace import META_TABLE
from ui.batch_findings import BatchRules
from ui.report_list import ReportListModel
from ui.session import ReportSession
from ui.settings import Settings


class OpenReports(QObject):
    """The open reports, the current one, their undo stacks and the rules across them."""

    currentChanged = Signal(object, bool)  # the current ReportSession or None; show its text later
    currentFindingsChanged = Signal()
    currentEdited = Signal()
    closing = Signal(list)  # the ReportSessions about to close
    removed = Signal()

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.model = ReportListModel(self)
        self.undo_group = QUndoGroup(self)
        self.batch_rules = BatchRules()
        self.session: ReportSession | None = None

    @property
    def sessions(self) -> list[ReportSession]:
        """Every open report, in the order they were opened."""
        return self.model.sessions

    def find(self, path: str) -> ReportSession | None:
        return self.model.find(path)

    def set_current(self, session: ReportSession | None, text_later: bool = False) -> None:
        """Make `session` the current report; `text_later`: the window shows its text on the
        next turn of the event loop (a report that arrives while a batch is read)."""
        old = self.session
        if old is not None and old is not session:
            old.findingsChanged.disconnect(self.currentFindingsChanged)
        if old is not session and session is not None:
            session.findingsChanged.connect(self.currentFindingsChanged)
        self.session = session
        self.undo_group.setActiveStack(session.stack if session else None)  # type: ignore[arg-type]
        self.currentChanged.emit(session, text_later)

    def add(self, sessions: list[ReportSession]) -> None:
        """List new reports (in one insertion: each one repaints the whole list)."""
        for session in sessions:
            self.undo_group.addStack(session.stack)
        self.model.add_many(sessions)

    def remove(self, sessions: list[ReportSession]) -> None:
        """Take reports out of the list (closed, or cancelled before they were read)."""
        if self.session in sessions:
            self.set_current(None)
        for session in sessions:
            self.undo_group.removeStack(session.stack)
        self.model.remove_many(sessions)
        # Loading keeps the reports read out of the cyclic collector's way (`gc.freeze`);
        # what the closed ones leave in cycles must become collectable again.
        gc.unfreeze()
        self.removed.emit()

    def close(self, sessions: list[ReportSession]) -> None:
        """Close reports the officer is done with: the workspace forgets them, they leave
        the list and the rules across the batch run again."""
        if not sessions:
            return
        self.closing.emit(sessions)
        self.remove(sessions)
        self.run_batch_rules()

    def close_samples(self) -> None:
        """Close the sample reports (and forget what was done to them)."""
        self.close([s for s in self.sessions if s.sample])

    def run_batch_rules(self, full: bool = True) -> None:
        """The rules across the open reports (carry-over from last year, copied text)."""
        self.batch_rules.run(self.sessions, full)

    def report_edited(self, session: ReportSession, table: str) -> None:
        """After an edit, undo or redo of `session` and its audit: the batch rules, and the
        list's counts, in the same event."""
        self.run_batch_rules(full=table == META_TABLE)
        self.model.flush()
        if session is self.session:
            self.currentEdited.emit()
