"""The batch of open reports as a Qt model, and the proxy that sorts and filters it.

`ReportListModel` owns the `ReportSession`s; each row shows the file name, agency, year,
format and the error and warning counts, and a file that could not be read shows why.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)

from ui import theme
from ui.labels import format_name
from ui.session import STATE_FAILED, STATE_LOADING, ReportSession

SortRole = Qt.ItemDataRole.UserRole + 20
SessionRole = Qt.ItemDataRole.UserRole + 21
_Index = QModelIndex | QPersistentModelIndex

COL_FILE, COL_AGENCY, COL_YEAR, COL_FORMAT, COL_ERRORS, COL_WARNINGS = range(6)
_COLUMNS = 6


class ReportListModel(QAbstractTableModel):
    """The open reports, in the order they were opened."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sessions: list[ReportSession] = []
        self._by_path: dict[str, ReportSession] = {}
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
            session.findingsChanged.connect(lambda s=session: self.refresh(s))
            session.metaChanged.connect(lambda _f, s=session: self.refresh(s))
        self.endInsertRows()

    def remove(self, session: ReportSession) -> None:
        row = self.sessions.index(session)
        self.beginRemoveRows(QModelIndex(), row, row)
        self.sessions.pop(row)
        self._dirty.discard(session)
        if self._by_path.get(session.path) is session:
            del self._by_path[session.path]
        self.endRemoveRows()
        session.deleteLater()

    def find(self, path: str) -> ReportSession | None:
        return self._by_path.get(path)

    def refresh(self, session: ReportSession) -> None:
        self._dirty.add(session)
        if not self._flush.isActive():
            self._flush.start()

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

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self.sessions[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(s, col)
        if role == SortRole:
            if col in (COL_ERRORS, COL_WARNINGS, COL_YEAR):
                value = self._number(s, col)
                return -1 if value is None else value
            return self._display(s, col) or ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if s.state == STATE_FAILED and s.report is not None:
                return f"{s.path}\n{s.report.error}"
            return s.path
        if role == Qt.ItemDataRole.ForegroundRole:
            if s.state == STATE_FAILED:
                return theme.SEVERITY_FG["error"]
            if col == COL_ERRORS and s.errors:
                return theme.SEVERITY_FG["error"]
            if col == COL_WARNINGS and s.warnings:
                return theme.SEVERITY_FG["warning"]
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_YEAR, COL_ERRORS, COL_WARNINGS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == SessionRole:
            return index.row()
        return None

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
            return s.report.agency or ""
        if col == COL_FORMAT:
            return format_name(s.report.format)
        value = self._number(s, col)
        return "" if value is None else str(value)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
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
            if (
                s is not None
                and s.state != STATE_LOADING
                and not (s.errors or s.warnings or s.state == STATE_FAILED)
            ):
                return False
        return super().filterAcceptsRow(source_row, source_parent)
