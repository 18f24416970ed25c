"""Undo commands: every correction of a report is one `QUndoCommand` on its session's stack.

Each command captures the old state when it is built, calls one session method in `redo()`
and its inverse in `undo()` (`Report.restore` puts a cell back exactly). The session logs
and records every one of these calls, so undo and redo reach the workspace too. An
accepted suggestion is a macro of cell commands: one step to undo, however many cells.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from model.messages import col_label, fmt_num, row_label
from model.report import STATUS_MISSING, Cell, Number
from model.suggest import Suggestion
from ui.session import ReportSession

CellState = tuple[Number | None, str, bool]  # value, status, edited


def _state(cell: Cell | None) -> CellState:
    """What `Report.restore` needs to put the cell back exactly (a new cell was missing)."""
    if cell is None:
        return None, STATUS_MISSING, False
    return cell.value, cell.status, cell.edited


def _cell_name(session: ReportSession, table: str, row: str, col: str) -> str:
    fmt = session.report.format if session.report else "unknown"
    return f"{row_label(table, fmt, row)} / {col_label(table, fmt, col)}"


class SetCellCommand(QUndoCommand):
    """Set one cell to the value the officer typed (None for blank)."""

    def __init__(self, session: ReportSession, table: str, row: str, col: str, value: Number | None) -> None:
        super().__init__()
        self.session, self.key, self.value = session, (table, row, col), value
        cell = session.cell(table, row, col)
        self.old = _state(cell)
        text = QCoreApplication.translate("Commands", "Set %1 to %2")
        self.setText(text.replace("%1", _cell_name(session, table, row, col)).replace("%2", fmt_num(value)))

    def redo(self) -> None:
        self.session.set_cell(*self.key, self.value)

    def undo(self) -> None:
        self.session.restore_cell(*self.key, *self.old)


class RevertCellCommand(QUndoCommand):
    """Put a corrected cell back to the value the parser read."""

    def __init__(self, session: ReportSession, table: str, row: str, col: str) -> None:
        super().__init__()
        self.session, self.key = session, (table, row, col)
        cell = session.cell(table, row, col)
        self.old = _state(cell)
        text = QCoreApplication.translate("Commands", "Revert %1")
        self.setText(text.replace("%1", _cell_name(session, table, row, col)))

    def redo(self) -> None:
        self.session.revert_cell(*self.key)

    def undo(self) -> None:
        self.session.restore_cell(*self.key, *self.old)


class SetMetaCommand(QUndoCommand):
    """Correct the report's agency, year or table format."""

    def __init__(self, session: ReportSession, field: str, value: Any) -> None:
        super().__init__()
        assert session.report is not None
        self.session, self.field, self.value = session, field, value
        self.old = getattr(session.report, field)
        labels = {
            "agency": QCoreApplication.translate("Commands", "Change agency"),
            "year": QCoreApplication.translate("Commands", "Change year"),
            "format": QCoreApplication.translate("Commands", "Change format"),
        }
        self.setText(labels[field])

    def redo(self) -> None:
        self.session.set_meta(self.field, self.value)

    def undo(self) -> None:
        self.session.set_meta(self.field, self.old)


def push_suggestion(session: ReportSession, suggestion: Suggestion, label: str | None = None) -> int:
    """Apply an accepted suggestion as one undoable step; returns how many cells changed.
    `label` names the step in the undo history (else "Accept suggestion …").

    Cells already holding the proposed value are left alone, so they are not marked as
    corrected (a row shifted back keeps the figures that were already right).
    """
    changes = []
    for (table, row, col), value in suggestion.values.items():
        cell = session.cell(table, row, col)
        current = None if cell is None else cell.value
        if cell is None or current != value or type(current) is not type(value):
            changes.append((table, row, col, value))
    if not changes:
        return 0
    if len(changes) == 1:
        table, row, col, value = changes[0]
        text = QCoreApplication.translate("Commands", "Accept suggestion: %1 = %2")
        text = text.replace("%1", _cell_name(session, table, row, col)).replace("%2", fmt_num(value))
    else:
        text = QCoreApplication.translate("Commands", "Accept suggestion: %1 cells").replace("%1", str(len(changes)))
    text = label or text
    stack = session.stack
    stack.beginMacro(text)
    try:
        for table, row, col, value in changes:
            stack.push(SetCellCommand(session, table, row, col, value))
    finally:
        stack.endMacro()
    return len(changes)
