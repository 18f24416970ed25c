"""One open report in the window: the `Report`, its current findings and its undo stack.

`ReportSession` is the only place that changes a report on behalf of the UI. Every change
re-runs the audit (about a millisecond) and tells the views what changed, so the grids,
the source highlights, the findings panel and the report list follow at once.
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from model.findings import ERROR, WARNING, Finding
from model.report import Cell, Number, Report
from model.rules import audit

CellKey = tuple[str, str, str]  # (table, row, col)

STATE_LOADING = "loading"
STATE_READY = "ready"
STATE_FAILED = "failed"


class ReportSession(QObject):
    """A report open in the window; emits signals when its cells, metadata or findings change."""

    cellChanged = Signal(str, str, str)  # table, row, col
    metaChanged = Signal(str)  # "agency", "year" or "format"
    findingsChanged = Signal()

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = os.path.abspath(path)
        self.report: Report | None = None
        self.findings: list[Finding] = []
        self.stack = QUndoStack(self)
        self._by_cell: dict[CellKey, list[Finding]] = {}
        self._row_findings: dict[tuple[str, str], list[Finding]] = {}

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

    def set_loaded(self, report: Report, findings: list[Finding] | None = None) -> None:
        """Take the parsed report (from the loader) and its first audit."""
        self.report = report
        self._set_findings(audit(report) if findings is None else findings)

    # ---- lookups -------------------------------------------------------------------

    def cell(self, table: str, row: str, col: str) -> Cell | None:
        return None if self.report is None else self.report.cell(table, row, col)

    def cell_findings(self, table: str, row: str, col: str) -> list[Finding]:
        """Findings that concern this cell (directly, or through its whole row)."""
        own = self._by_cell.get((table, row, col), [])
        whole_row = self._row_findings.get((table, row), [])
        return own + [f for f in whole_row if f not in own]

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
        self.report.set_value(table, row, col, value)
        self._after_cell(table, row, col)

    def revert_cell(self, table: str, row: str, col: str) -> None:
        assert self.report is not None
        self.report.revert(table, row, col)
        self._after_cell(table, row, col)

    def restore_cell(self, table: str, row: str, col: str, value: Number | None, edited: bool) -> None:
        """Put a cell back as it was: reverted when it was not edited, else the old value."""
        if edited:
            self.set_cell(table, row, col, value)
        else:
            self.revert_cell(table, row, col)

    def set_meta(self, field: str, value: Any) -> None:
        assert self.report is not None
        self.report.set_meta(field, value)
        self.metaChanged.emit(field)
        self.reaudit()

    def reaudit(self) -> None:
        if self.report is not None:
            self._set_findings(audit(self.report))

    def _after_cell(self, table: str, row: str, col: str) -> None:
        self.cellChanged.emit(table, row, col)
        self.reaudit()

    def _set_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
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
