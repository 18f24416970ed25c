"""One open report in the window: the `Report`, its current findings and its undo stack.

`ReportSession` is the only place that changes a report on behalf of the UI. Every change
(an edit, its undo or its redo) becomes a `Change` in the session's change log and is
announced through `changeMade` before anything else happens, so the workspace can commit
it at once. Then the audit runs again (about a millisecond) and the views are told what
changed, so the grids, the source highlights, the findings panel and the report list
follow. The batch rules' findings are handed in from outside and shown with the report's.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from model.changes import Change
from model.excel_pairs import BookMerge
from model.findings import ERROR, WARNING, Finding
from model.report import Cell, Number, Report
from model.rules import audit
from model.suggest import Suggestion, suggest
from model.workspace import META_TABLE, replay

CellKey = tuple[str, str, str]  # (table, row, col)

STATE_LOADING = "loading"
STATE_READY = "ready"
STATE_FAILED = "failed"


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
        self.report: Report | None = None
        self.findings: list[Finding] = []
        self.stack = QUndoStack(self)
        self.changes: list[Change] = []  # every correction, undo and redo, in order
        self.output_path: str | None = None  # where the audit workbook was last saved
        self.book: BookMerge | None = None  # the audit workbook opened with the source, if any
        self.sample = False  # a bundled sample report, opened from the start page
        self._own: list[Finding] = []  # the report's own audit
        self._batch: list[Finding] = []  # findings of the rules across the open batch
        self._by_cell: dict[CellKey, list[Finding]] = {}
        self._row_findings: dict[tuple[str, str], list[Finding]] = {}
        self._suggestion: Suggestion | None = None
        self._suggestion_stale = True

    # ---- state ---------------------------------------------------------------------

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
        self.report = report
        if changes:
            replay(report, changes)
            self.changes = list(changes)
            findings = None
        self._own = audit(report) if findings is None else list(findings)
        self._set_findings(self._own + self._batch)

    # ---- lookups -------------------------------------------------------------------

    def cell(self, table: str, row: str, col: str) -> Cell | None:
        return None if self.report is None else self.report.cell(table, row, col)

    def cell_findings(self, table: str, row: str, col: str) -> list[Finding]:
        """Findings that concern this cell (directly, or through its whole row)."""
        own = self._by_cell.get((table, row, col), [])
        whole_row = self._row_findings.get((table, row), [])
        return own + [f for f in whole_row if f not in own]

    def suggestion(self) -> Suggestion | None:
        """The correction proposed for the failing equations of 表三 / 表四, or None.

        Worked out on first request after the findings change and kept until they change
        again, so only the report on screen pays for it. Never applied here: the officer
        accepts it through an undo command.
        """
        if self._suggestion_stale:
            report = self.report
            ok = report is not None and not report.error
            self._suggestion = suggest(report, self._own) if ok and report is not None else None
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

    def restore_cell(
        self, table: str, row: str, col: str, value: Number | None, status: str, edited: bool
    ) -> None:
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
        if self.report is not None:
            self._own = audit(self.report)
            self._set_findings(self._own + self._batch)

    def set_batch_findings(self, findings: list[Finding]) -> None:
        """The batch rules' findings for this report; views are told only when they differ."""
        if [f.as_json() for f in findings] == [f.as_json() for f in self._batch]:
            return
        self._batch = list(findings)
        self._set_findings(self._own + self._batch)

    def _after_cell(self, table: str, row: str, col: str, old: Number | None) -> None:
        assert self.report is not None
        self._note(table, row, col, old, self.report.value(table, row, col))
        self.cellChanged.emit(table, row, col)
        self.reaudit()
        self.edited.emit(table)

    def _note(self, table: str, row: str, col: str, old: Any, new: Any) -> None:
        change = Change(table, row, col, old, new, dt.datetime.now())
        self.changes.append(change)
        self.changeMade.emit(change)

    def _set_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        self._suggestion_stale = True
        by_cell: dict[CellKey, list[Finding]] = defaultdict(list)
        rows: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        for f in findings:
            for ref in f.cells:
                if ref.col is None:
                    rows[(ref.table, ref.row)].append(f)
                else:
                    by_cell[(ref.table, ref.row, ref.col)].append(f)
        self._by_cell = dict(by_cell)
        self._row_findings = dict(rows)
        self.findingsChanged.emit()
