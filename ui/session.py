"""One open report in the window: the `Report`, its current findings and its undo stack.

`ReportSession` is the only place that changes a report on behalf of the UI. Every change
(an edit, its undo or its redo) becomes a `Change` in the session's change log and is
announced through `changeMade` before anything else happens, so the workspace can commit
it at once. Then the audit runs again (about a millisecond) and the views are told what
changed, so the grids, the source highlights, the findings panel and the report list
follow. The report and its audit are a pure `model.audited.AuditedReport` (which merges
the report's own findings with those the batch rules hand in from outside); the session
adds the undo stack and the signals.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from model.audited import AuditedReport
from model.changes import Change
from model.excel.pairs import BookMerge
from model.findings import ERROR, WARNING, Finding
from model.report import Cell, Number, Report
from model.suggest import Suggestion, suggest
from model.workspace import META_TABLE, replay

CellKey = tuple[str, str, str]  # (table, row, col)

STATE_LOADING = "loading"
STATE_READY = "ready"
STATE_FAILED = "failed"


def choice_title(s: ReportSession) -> str:
    """How a loaded report is named where the officer picks one: agency, year and file."""
    r = s.report
    assert r is not None
    return f"{r.agency or s.name}  {r.year or '?'}  —  {s.name}"


class ReportSession(QObject):
    """A report open in the window; emits signals when its cells, metadata or findings change."""

    cellChanged = Signal(str, str, str)  # table, row, col
    metaChanged = Signal(str)  # "agency", "year" or "format"
    findingsChanged = Signal()
    changeMade = Signal(object)  # the Change, emitted the moment the report changed
    edited = Signal(str)  # after a change and its audit: the table changed, or META_TABLE

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = os.path.abspath(path)
        self.audited: AuditedReport | None = None  # None while the report is read
        self.stack = QUndoStack(self)
        self.output_path: str | None = None  # where the audit workbook was last saved
        self.book: BookMerge | None = None  # the audit workbook opened with the source, if any
        self.sample = False  # a bundled sample report, opened from the start page
        self._suggestion: Suggestion | None = None
        self._suggestion_stale = True

    # ---- state ---------------------------------------------------------------------

    @property
    def report(self) -> Report | None:
        return None if self.audited is None else self.audited.report

    @property
    def findings(self) -> list[Finding]:
        """The report's own findings, then the batch rules'."""
        return [] if self.audited is None else self.audited.findings

    @property
    def changes(self) -> list[Change]:
        """Every correction, undo and redo, in order."""
        return [] if self.audited is None else self.audited.changes

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    @property
    def state(self) -> str:
        if self.report is None:
            return STATE_LOADING
        return STATE_FAILED if self.report.error else STATE_READY

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.count(WARNING)

    @property
    def sha256(self) -> str:
        return self.report.sha256 if self.report is not None else ""

    @property
    def unsaved(self) -> bool:
        """Corrections made (or restored) since the audit workbook was last saved."""
        return not self.stack.isClean()

    def set_loaded(
        self, report: Report, findings: list[Finding] | None = None, changes: list[Change] | None = None
    ) -> None:
        """Take the parsed report (from the loader) and its first audit.

        `changes` are earlier corrections of this very file (from the workspace): they are
        replayed on the report and start its change log.
        """
        batch = [] if self.audited is None else self.audited.batch
        audited = AuditedReport(report, batch=batch)
        if changes:
            replay(report, changes)
            audited.changes = list(changes)
            findings = None
        if findings is None:
            audited.reaudit()
        else:
            audited.set_own(findings)
        self.audited = audited
        self._findings_changed()

    # ---- lookups -------------------------------------------------------------------

    def cell(self, table: str, row: str, col: str) -> Cell | None:
        return None if self.report is None else self.report.cell(table, row, col)

    def cell_findings(self, table: str, row: str, col: str) -> list[Finding]:
        """Findings that concern this cell (directly, or through its whole row)."""
        return [] if self.audited is None else self.audited.cell_findings(table, row, col)

    def suggestion(self) -> Suggestion | None:
        """The correction proposed for the failing equations of 表三 / 表四, or None.

        Worked out on first request after the findings change and kept until they change
        again, so only the report on screen pays for it. Never applied here: the officer
        accepts it through an undo command.
        """
        if self._suggestion_stale:
            report = self.report
            ok = report is not None and not report.error
            own = self.audited.own if self.audited is not None else []
            self._suggestion = suggest(report, own) if ok and report is not None else None
            self._suggestion_stale = False
        return self._suggestion

    def cell_at(self, pos: int) -> CellKey | None:
        """The cell whose source span holds text position `pos` (the narrowest one)."""
        if self.report is None:
            return None
        best: tuple[int, CellKey] | None = None
        for table, cells in self.report.tables.items():
            for (row, col), cell in cells.items():
                if cell.span is None:
                    continue
                start, end = cell.span
                if start <= pos < end or (pos == end and end > start):
                    width = end - start
                    if best is None or width < best[0]:
                        best = (width, (table, row, col))
        return None if best is None else best[1]

    # ---- changes (called by undo commands) -----------------------------------------

    def set_cell(self, table: str, row: str, col: str, value: Number | None) -> None:
        assert self.report is not None
        old = self.report.set_value(table, row, col, value)
        self._after_cell(table, row, col, old)

    def revert_cell(self, table: str, row: str, col: str) -> None:
        assert self.report is not None
        old = self.report.value(table, row, col)
        self.report.revert(table, row, col)
        self._after_cell(table, row, col, old)

    def restore_cell(self, table: str, row: str, col: str, value: Number | None, status: str, edited: bool) -> None:
        """Put a cell back exactly as it was before a command (undo)."""
        assert self.report is not None
        old = self.report.value(table, row, col)
        self.report.restore(table, row, col, value, status, edited)
        self._after_cell(table, row, col, old)

    def set_meta(self, field: str, value: Any) -> None:
        assert self.report is not None
        old = self.report.set_meta(field, value)
        self._note(META_TABLE, field, "", old, value)
        self.metaChanged.emit(field)
        self.reaudit()
        self.edited.emit(META_TABLE)

    def reaudit(self) -> None:
        if self.audited is not None:
            self.audited.reaudit()
            self._findings_changed()

    def set_batch_findings(self, findings: list[Finding]) -> None:
        """The batch rules' findings for this report; views are told only when they differ."""
        if self.audited is not None and self.audited.set_batch(findings):
            self._findings_changed()

    def _after_cell(self, table: str, row: str, col: str, old: Number | None) -> None:
        assert self.report is not None
        self._note(table, row, col, old, self.report.value(table, row, col))
        self.cellChanged.emit(table, row, col)
        self.reaudit()
        self.edited.emit(table)

    def _note(self, table: str, row: str, col: str, old: Any, new: Any) -> None:
        change = Change(table, row, col, old, new, dt.datetime.now())
        assert self.audited is not None
        self.audited.changes.append(change)
        self.changeMade.emit(change)

    def _findings_changed(self) -> None:
        self._suggestion_stale = True
        self.findingsChanged.emit()
