"""`FindingsModel`: the findings of the current report as a table (severity, rule, message,
and a "?" that opens the rule's explanation)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from model.findings import Finding
from ui import theme
from ui.labels import rule_name, severity_name
from ui.session import ReportSession

FindingRole = Qt.ItemDataRole.UserRole + 10
_Index = QModelIndex | QPersistentModelIndex

COL_SEVERITY, COL_RULE, COL_MESSAGE, COL_HELP = range(4)
_COLUMNS = 4
HELP_MARK = "?"


class FindingsModel(QAbstractTableModel):
    """Lists the session's findings in audit order; reset whenever the audit runs again."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.session: ReportSession | None = None
        self._findings: list[Finding] = []

    def set_session(self, session: ReportSession | None) -> None:
        if self.session is not None:
            self.session.findingsChanged.disconnect(self._reload)
        self.session = session
        if session is not None:
            session.findingsChanged.connect(self._reload)
        self._reload()

    def _reload(self) -> None:
        self.beginResetModel()
        self._findings = list(self.session.findings) if self.session else []
        self.endResetModel()

    def refresh_texts(self) -> None:
        """Everything shown again (the interface language changed: severities, rule names)."""
        if self._findings:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._findings) - 1, _COLUMNS - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, _COLUMNS - 1)

    def finding(self, row: int) -> Finding | None:
        return self._findings[row] if 0 <= row < len(self._findings) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else _COLUMNS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        f = self._findings[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (severity_name(f.severity), rule_name(f.rule), f.message, HELP_MARK)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_HELP:
                return self.tr("What this rule checks, with an example (click, or Shift+F1)")
            return f.message
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_SEVERITY:
            return theme.SEVERITY_FG.get(f.severity)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_HELP:
            return theme.SUGGESTION_FG
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_HELP:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == FindingRole:
            return index.row()
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < _COLUMNS:
            return (self.tr("Severity"), self.tr("Rule"), self.tr("Message"), HELP_MARK)[section]
        return None
