"""The batch of open reports as a Qt model, and the proxy that sorts and filters it.

`ReportListModel` owns the `ReportSession`s; each row shows the file name, agency, year,
format and the error and warning counts, and a file that could not be read (or that holds
no annual report) shows why. A report with corrections not saved to its workbook — its
undo stack is not clean — is marked (● before its name) and bold. A report that changes
by an edit, an undo or a save is shown again at once; reports coming in from a batch are
gathered and shown once per turn of the event loop.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QUndoStack

from model.excel.pairs import APPLIED, SOURCE_CHANGED, cells_corrected
from ui import theme
from ui.labels import format_name
from ui.session import STATE_FAILED, STATE_LOADING, ReportSession

SortRole = Qt.ItemDataRole.UserRole + 20
SessionRole = Qt.ItemDataRole.UserRole + 21
_Index = QModelIndex | QPersistentModelIndex

COL_FILE, COL_AGENCY, COL_YEAR, COL_FORMAT, COL_ERRORS, COL_WARNINGS = range(6)
_COLUMNS = 6
_NUMBER_COLUMNS = (COL_YEAR, COL_ERRORS, COL_WARNINGS)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# Roles as plain ints: the view asks for several per cell at every paint.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_SORT = int(SortRole)
_SESSION = int(SessionRole)
_ANSWERED = frozenset((_DISPLAY, _TOOLTIP, _FOREGROUND, _FONT, _ALIGNMENT, _SORT, _SESSION))
UNSAVED_MARK = "● "


class Row(NamedTuple):
    """What one report's row shows, worked out when the report changes, not at every paint."""

    display: tuple[str, ...]
    sort: tuple[str | int, ...]
    foreground: tuple[Any, ...]  # QColor or None, per column
    tooltip: str
    unsaved: bool  # corrections not saved to the workbook yet: marked and bold


class ReportListModel(QAbstractTableModel):
    """The open reports, in the order they were opened."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sessions: list[ReportSession] = []
        self._by_path: dict[str, ReportSession] = {}
        self._rows: dict[ReportSession, Row] = {}
        # Rows to repaint, gathered so that a batch arriving report by report costs one
        # dataChanged (and one re-sort of the proxy) per pass of the event loop, not one each.
        self._dirty: set[ReportSession] = set()
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._emit_dirty)

    # ---- batch ---------------------------------------------------------------------

    def add(self, session: ReportSession) -> None:
        self.add_many([session])

    def add_many(self, sessions: list[ReportSession]) -> None:
        """Append sessions as one insertion: a batch of a thousand is one update of the views."""
        if not sessions:
            return
        first = len(self.sessions)
        self.beginInsertRows(QModelIndex(), first, first + len(sessions) - 1)
        for session in sessions:
            self.sessions.append(session)
            self._by_path.setdefault(session.path, session)
            # A change of agency, year or format is audited again, so findingsChanged
            # follows it too: one connection per row.
            session.findingsChanged.connect(self._session_changed)
            # An edit, undo, redo or save: shown in the same event (no deferral).
            session.edited.connect(self._session_edited)
            session.stack.cleanChanged.connect(self._session_edited)
        self.endInsertRows()

    def remove(self, session: ReportSession) -> None:
        self.remove_many([session])

    def remove_many(self, sessions: list[ReportSession]) -> None:
        """Remove sessions, one removal per run of adjacent rows (a cancelled batch is one)."""
        gone = set(sessions)
        rows = [i for i, s in enumerate(self.sessions) if s in gone]
        while rows:
            last = rows.pop()
            first = last
            while rows and rows[-1] == first - 1:
                first = rows.pop()
            self.beginRemoveRows(QModelIndex(), first, last)
            removed = self.sessions[first : last + 1]
            del self.sessions[first : last + 1]
            for session in removed:
                self._dirty.discard(session)
                self._rows.pop(session, None)
                if self._by_path.get(session.path) is session:
                    del self._by_path[session.path]
            self.endRemoveRows()
            for session in removed:
                session.deleteLater()

    def find(self, path: str) -> ReportSession | None:
        return self._by_path.get(path)

    def _session_changed(self) -> None:
        # One method for every row rather than a lambda per row: no closure holds on to a
        # session (and its report) once the session is removed.
        session = self.sender()
        if isinstance(session, ReportSession):
            self.refresh(session)

    def _session_edited(self, *_: object) -> None:
        sender = self.sender()
        session = sender.parent() if isinstance(sender, QUndoStack) else sender
        if isinstance(session, ReportSession):
            self.refresh_now(session)

    def refresh(self, session: ReportSession) -> None:
        """Show the session's row again on the next turn of the event loop (with others)."""
        self._rows.pop(session, None)
        self._dirty.add(session)
        if not self._flush.isActive():
            self._flush.start()

    def refresh_now(self, session: ReportSession) -> None:
        """Show the session's row again now (and any waiting to be)."""
        self._rows.pop(session, None)
        self._dirty.add(session)
        self.flush()

    def refresh_all(self) -> None:
        """Every row again (the interface language changed)."""
        self._rows.clear()
        self._dirty.update(self.sessions)
        self.flush()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, _COLUMNS - 1)

    def flush(self) -> None:
        """Emit now what waits for the next turn of the event loop."""
        self._flush.stop()
        self._emit_dirty()

    def _emit_dirty(self) -> None:
        rows = [i for i, s in enumerate(self.sessions) if s in self._dirty]
        self._dirty.clear()
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), _COLUMNS - 1))

    def session_at(self, row: int) -> ReportSession | None:
        return self.sessions[row] if 0 <= row < len(self.sessions) else None

    # ---- Qt model ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.sessions)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else _COLUMNS

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        # One call from the proxy instead of rowCount and columnCount for every index it maps.
        if parent.isValid() or not (0 <= row < len(self.sessions) and 0 <= column < _COLUMNS):
            return QModelIndex()
        return self.createIndex(row, column)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None
        r = index.row()
        if role == _SESSION:
            return r
        row = self.row(self.sessions[r])
        col = index.column()
        if role == _DISPLAY:
            return row.display[col]
        if role == _FOREGROUND:
            return row.foreground[col]
        if role == _ALIGNMENT:
            return _RIGHT if col in _NUMBER_COLUMNS else None
        if role == _SORT:
            return row.sort[col]
        if role == _FONT:
            return _bold() if row.unsaved else None
        return row.tooltip

    def row(self, s: ReportSession) -> Row:
        """What the session's row shows (kept until the session changes)."""
        row = self._rows.get(s)
        if row is None:
            row = self._rows[s] = self._make_row(s)
        return row

    def _make_row(self, s: ReportSession) -> Row:
        display = tuple(self._display(s, col) for col in range(_COLUMNS))
        sort: list[str | int] = list(display)
        for col in _NUMBER_COLUMNS:
            value = self._number(s, col)
            sort[col] = -1 if value is None else value
        failed = s.state == STATE_FAILED
        foreground: list[Any] = [theme.SEVERITY_FG["error"] if failed else None] * _COLUMNS
        if not failed and s.report is not None:
            errors, warnings = s.errors, s.warnings
            foreground[COL_ERRORS] = theme.SEVERITY_FG["error"] if errors else None
            foreground[COL_WARNINGS] = theme.SEVERITY_FG["warning"] if warnings else None
            if s.report.not_a_report:
                foreground[COL_AGENCY] = theme.SEVERITY_FG["error"]
        tooltip = f"{s.path}\n{s.report.error}" if failed and s.report is not None else s.path
        if s.sample:
            display = (self.tr("[Sample] %1").replace("%1", display[COL_FILE]),) + display[1:]
            tooltip += "\n" + self.tr(
                "A sample report bundled with the program; it closes when you open your own files."
            )
        book = s.book
        if book is not None and book.outcome == APPLIED:
            display = (self.tr("[+Workbook] %1").replace("%1", display[COL_FILE]),) + display[1:]
            text = self.tr(
                "Opened together with its audit workbook %1: the source's text, with the workbook's %2 "
                "correction(s) over it. Saving writes to that workbook."
            )
            tooltip += "\n" + text.replace("%1", book.book).replace("%2", str(cells_corrected(book.changes)))
        elif book is not None and book.outcome == SOURCE_CHANGED:
            display = (self.tr("[Workbook not applied] %1").replace("%1", display[COL_FILE]),) + display[1:]
            foreground[COL_FILE] = theme.SEVERITY_FG["warning"]
            text = self.tr(
                "Its audit workbook %1 was saved from an earlier version of this file: its corrections "
                "are not applied to the changed text. Open the workbook on its own to see them."
            )
            tooltip += "\n" + text.replace("%1", book.book)
        unsaved = s.unsaved
        if unsaved:
            display = (UNSAVED_MARK + display[COL_FILE],) + display[1:]
            tooltip += "\n" + self.tr("Corrections not saved to the workbook yet (Ctrl+S saves)")
        return Row(display, tuple(sort), tuple(foreground), tooltip, unsaved)

    def _number(self, s: ReportSession, col: int) -> int | None:
        if s.report is None or s.state == STATE_FAILED:
            return None
        if col == COL_YEAR:
            return s.report.year
        return s.errors if col == COL_ERRORS else s.warnings

    def _display(self, s: ReportSession, col: int) -> str:
        if col == COL_FILE:
            return s.name
        if s.state == STATE_LOADING:
            return self.tr("Reading…") if col == COL_AGENCY else ""
        assert s.report is not None
        if s.state == STATE_FAILED:
            return self.tr("Cannot read: %1").replace("%1", s.report.error or "") if col == COL_AGENCY else ""
        if col == COL_AGENCY:
            if s.report.not_a_report:
                return self.tr("Not an annual report")
            return s.report.agency or ""
        if col == COL_FORMAT:
            return format_name(s.report.format)
        value = self._number(s, col)
        return "" if value is None else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < _COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("File"),
                self.tr("Agency"),
                self.tr("Year"),
                self.tr("Format"),
                self.tr("Errors"),
                self.tr("Warnings"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("File name"),
                self.tr("Agency that published the report"),
                self.tr("Report year"),
                self.tr("Table format"),
                self.tr("Number of error findings"),
                self.tr("Number of warning findings"),
            )[section]
        return None


@functools.cache
def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class ReportFilterModel(QSortFilterProxyModel):
    """Sorts the report list by any column and filters it by text and by "problems only"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._problems_only = False

    def set_problems_only(self, on: bool) -> None:
        self.beginFilterChange()
        self._problems_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._problems_only:
            model = self.sourceModel()
            assert isinstance(model, ReportListModel)
            s = model.session_at(source_row)
            if s is not None and s.state != STATE_LOADING and not (s.errors or s.warnings or s.state == STATE_FAILED):
                return False
        return super().filterAcceptsRow(source_row, source_parent)
