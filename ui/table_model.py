"""`ReportTableModel`: one table of a report (表二, 表三 or 表四) as an editable Qt grid.

Rows and columns follow the official form of the report's format. The model is thin: it
reads the session's report, keeps each cell's flag (error, blank, warning, corrected) to
emit exact `dataChanged` ranges when the audit changes, and turns edits into undo commands.
The cells a suggested correction would change carry the proposed value (`SuggestedRole`)
and say so in their tooltip.
"""

from __future__ import annotations

import html
import unicodedata
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from model.findings import ERROR
from model.messages import fmt_num
from model.report import STATUS_TEXT, Number
from model.schema import T3_APPLICANT_COLS, TABLE3, TABLE4, Row, TableSchema
from ui import theme
from ui.commands import RevertCellCommand, SetCellCommand
from ui.session import ReportSession

CellKeyRole = Qt.ItemDataRole.UserRole + 1
FlagRole = Qt.ItemDataRole.UserRole + 2
SuggestedRole = Qt.ItemDataRole.UserRole + 3  # the suggested value as text, or None

FLAG_NONE = ""
FLAG_ERROR = "error"
FLAG_WARNING = "warning"
FLAG_BLANK = "blank"
FLAG_EDITED = "edited"

_ORG_GROUP = "法人或其他组织"
_Index = QModelIndex | QPersistentModelIndex


def parse_number(text: str) -> tuple[bool, Number | None]:
    """(ok, value) for what the officer typed: blank is None, `1,171.5` and full-width work."""
    t = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    if t == "":
        return True, None
    try:
        if any(ch in t for ch in ".eE"):
            value = float(t)
            return True, int(value) if value.is_integer() and "." not in t else value
        return True, int(t)
    except ValueError:
        return False, None


def _level(text: str) -> int:
    """Outline level of a 表三 label: 一、 is 0, (一) is 1, 1. is 2."""
    if text[:1] == "(":
        return 1
    return 2 if text[:1].isdigit() else 0


def row_header(schema: TableSchema, index: int) -> str:
    """A row label as on the form: 表三 shows its outline (a group before its first row,
    nested rows indented); 表四 names the 行政诉讼 group; 表二 keeps the bare label."""
    row = schema.rows[index]
    if schema.table == TABLE4 and row.group != row.label:
        return f"{row.group} · {row.label}"
    if schema.table != TABLE3 or not row.group:
        return row.label
    first = all(r.group != row.group for r in schema.rows[:index])
    if first:
        return "\u3000" * _level(row.group) + f"{row.group} {row.label}"
    return "\u3000" * _level(row.label) + row.label


def row_tooltip(row: Row) -> str:
    return f"{row.group} · {row.label}" if row.group and row.group != row.label else row.label


class ReportTableModel(QAbstractTableModel):
    """One table of the current report; cells are flagged from the session's findings."""

    def __init__(self, table: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.table = table
        self.session: ReportSession | None = None
        self.schema: TableSchema | None = None
        self._cols: list[str] = []
        self._flags: dict[tuple[int, int], str] = {}
        self._suggested: dict[tuple[str, str], Number | None] = {}  # (row, col) -> value
        self._accept_keys = ""

    # ---- binding -------------------------------------------------------------------

    def set_session(self, session: ReportSession | None) -> None:
        self.beginResetModel()
        if self.session is not None:
            self.session.cellChanged.disconnect(self._on_cell_changed)
            self.session.findingsChanged.disconnect(self._on_findings_changed)
            self.session.metaChanged.disconnect(self._on_meta_changed)
        self.session = session
        if session is not None:
            session.cellChanged.connect(self._on_cell_changed)
            session.findingsChanged.connect(self._on_findings_changed)
            session.metaChanged.connect(self._on_meta_changed)
        self._load()
        self.endResetModel()

    def _load(self) -> None:
        report = self.session.report if self.session else None
        self.schema = report.schema(self.table) if report else None
        self._cols = self.schema.all_cols() if self.schema else []
        self._flags = self._compute_flags()

    def _compute_flags(self) -> dict[tuple[int, int], str]:
        flags: dict[tuple[int, int], str] = {}
        if self.schema is None or self.session is None:
            return flags
        for r, row in enumerate(self.schema.rows):
            for c, col in enumerate(self._cols):
                if col in row.cols:
                    flags[(r, c)] = self._flag_of(row.id, col)
        return flags

    def _flag_of(self, row: str, col: str) -> str:
        assert self.session is not None
        found = self.session.cell_findings(self.table, row, col)
        if any(f.severity == ERROR for f in found):
            return FLAG_ERROR
        if any(f.rule == "EMPTY_CELL" for f in found):
            return FLAG_BLANK
        if found:
            return FLAG_WARNING
        cell = self.session.cell(self.table, row, col)
        return FLAG_EDITED if cell is not None and cell.edited else FLAG_NONE

    def _on_findings_changed(self) -> None:
        new = self._compute_flags()
        for pos, flag in new.items():
            if self._flags.get(pos) != flag:
                self._flags[pos] = flag
                idx = self.index(*pos)
                self.dataChanged.emit(idx, idx)
        self._flags = new

    def _on_cell_changed(self, table: str, row: str, col: str) -> None:
        if table != self.table:
            return
        idx = self.index_of(row, col)
        if idx.isValid():
            self.dataChanged.emit(idx, idx)

    def set_suggestion(self, values: dict[tuple[str, str, str], Number | None], keys: str) -> None:
        """Mark the cells of this table that a suggestion would change (`keys` accepts it)."""
        new = {}
        for (table, row, col), value in values.items():
            cell = self.session.cell(table, row, col) if self.session else None
            unchanged = cell is not None and cell.value == value and type(cell.value) is type(value)
            if table == self.table and not unchanged:
                new[(row, col)] = value
        old, self._suggested, self._accept_keys = self._suggested, new, keys
        for row, col in old.keys() | new.keys():
            if old.get((row, col), ...) != new.get((row, col), ...):
                idx = self.index_of(row, col)
                if idx.isValid():
                    self.dataChanged.emit(idx, idx)

    def _on_meta_changed(self, field: str) -> None:
        if field == "format":
            self.beginResetModel()
            self._load()
            self.endResetModel()

    # ---- lookups -------------------------------------------------------------------

    def key(self, index: _Index) -> tuple[str, str, str] | None:
        if self.schema is None or not index.isValid():
            return None
        return self.table, self.schema.rows[index.row()].id, self._cols[index.column()]

    def index_of(self, row: str, col: str) -> QModelIndex:
        if self.schema is None or col not in self._cols:
            return QModelIndex()
        for r, row_def in enumerate(self.schema.rows):
            if row_def.id == row:
                return self.index(r, self._cols.index(col))
        return QModelIndex()

    def is_applicable(self, index: _Index) -> bool:
        if self.schema is None or not index.isValid():
            return False
        return self._cols[index.column()] in self.schema.rows[index.row()].cols

    def table_present(self) -> bool:
        return (
            self.session is not None
            and self.session.report is not None
            and self.session.report.has_table(self.table)
        )

    def problem_count(self) -> int:
        return sum(1 for f in self._flags.values() if f in (FLAG_ERROR, FLAG_BLANK, FLAG_WARNING))

    # ---- Qt model ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.schema is None else len(self.schema.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._cols)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self.is_applicable(index):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self.table_present():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        key = self.key(index)
        if key is None or self.session is None:
            return None
        if not self.is_applicable(index):
            return theme.DISABLED_BG if role == Qt.ItemDataRole.BackgroundRole else None
        cell = self.session.cell(*key)
        flag = self._flags.get((index.row(), index.column()), FLAG_NONE)
        if role == Qt.ItemDataRole.DisplayRole:
            if cell is None:
                return ""
            if cell.value is None:
                return cell.raw if cell.status == STATUS_TEXT else ""
            return fmt_num(cell.value)
        if role == Qt.ItemDataRole.EditRole:
            return "" if cell is None or cell.value is None else fmt_num(cell.value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return {
                FLAG_ERROR: theme.ERROR_BG,
                FLAG_BLANK: theme.BLANK_BG,
                FLAG_WARNING: theme.WARNING_BG,
                FLAG_EDITED: theme.EDITED_BG,
            }.get(flag)
        if role == Qt.ItemDataRole.ForegroundRole:
            if cell is not None and cell.edited:
                return theme.EDITED_FG
            if cell is not None and cell.value is None and cell.status == STATUS_TEXT:
                return theme.RAW_TEXT_FG
            return None
        if role == Qt.ItemDataRole.FontRole:
            if cell is not None and cell.edited:
                font = QFont()
                font.setItalic(True)
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key)
        if role == CellKeyRole:
            return "|".join(key)
        if role == FlagRole:
            return flag
        if role == SuggestedRole:
            suggested = (key[1], key[2])
            return fmt_num(self._suggested[suggested]) if suggested in self._suggested else None
        return None

    def _tooltip(self, key: tuple[str, str, str]) -> str | None:
        assert self.session is not None
        cell = self.session.cell(*key)
        lines = [html.escape(f.message) for f in self.session.cell_findings(*key)]
        if cell is not None:
            if cell.edited:
                lines.append(
                    html.escape(
                        self.tr("Corrected; the parser read %1 (right-click › Revert)").replace(
                            "%1", fmt_num(cell.parsed_value)
                        )
                    )
                )
            if cell.raw and cell.raw != fmt_num(cell.value):
                lines.append(html.escape(self.tr("Text in the report: %1").replace("%1", cell.raw)))
            if cell.note:
                lines.append(html.escape(cell.note))
        if (key[1], key[2]) in self._suggested:
            text = self.tr("Suggested: %1 (%2 accepts)").replace("%1", fmt_num(self._suggested[(key[1], key[2])]))
            lines.append(html.escape(text.replace("%2", self._accept_keys)))
        if not lines:
            return None
        return "<p style='white-space:pre-wrap'>" + "<br>".join(lines) + "</p>"

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        key = self.key(index)
        if role != Qt.ItemDataRole.EditRole or key is None or self.session is None:
            return False
        if not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        ok, number = parse_number(str(value) if value is not None else "")
        if not ok:
            return False
        cell = self.session.cell(*key)
        if cell is not None and cell.value == number and type(cell.value) is type(number):
            return True
        self.session.stack.push(SetCellCommand(self.session, *key, number))
        return True

    def revert_cell(self, index: _Index) -> bool:
        """Push a command that puts a corrected cell back to its parsed value."""
        key = self.key(index)
        if key is None or self.session is None:
            return False
        cell = self.session.cell(*key)
        if cell is None or not cell.edited:
            return False
        self.session.stack.push(RevertCellCommand(self.session, *key))
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self.schema is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._cols):
                return None
            col = self._cols[section]
            label = self.schema.col_labels.get(col, col)
            if role == Qt.ItemDataRole.DisplayRole:
                return label
            if role == Qt.ItemDataRole.ToolTipRole:
                if self.table == TABLE3 and col in T3_APPLICANT_COLS[1:]:
                    return f"{_ORG_GROUP} · {label}"
                return label
            return None
        if not 0 <= section < len(self.schema.rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row_header(self.schema, section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row_tooltip(self.schema.rows[section])
        return None
