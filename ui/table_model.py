"""`ReportTableModel`: one table of a report (表二, 表三 or 表四) as an editable Qt grid.

Rows and columns follow the official form of the report's format. The model is thin: it
reads the session's report, keeps each cell's flag (error, blank, warning, corrected) to
emit exact `dataChanged` ranges when the audit changes, and turns edits into undo commands.
The cells a suggested correction would change carry the proposed value (`SuggestedRole`)
and say so in their tooltip.

Grid rows map to schema rows through `ui.table_layout`: 表二 shows its blocks as on the
form, each with a header row of its own column labels (not editable, styled as a header),
so a grid column stands for a different column id in each block. `key`, `index_of` and
`is_applicable` are the only ways the views locate cells.
"""

from __future__ import annotations

import functools
import html
import unicodedata
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from model.findings import ERROR
from model.messages import fmt_num
from model.report import STATUS_TEXT, Number
from model.schema import T3_APPLICANT_COLS, TABLE2, TABLE3, TABLE4, Row, TableSchema
from ui import theme
from ui.commands import RevertCellCommand, SetCellCommand
from ui.session import ReportSession
from ui.table_layout import DisplayRow, grid_layout

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
_Pos = tuple[int, int]  # (grid row, grid column)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_FLAG_BG = {
    FLAG_ERROR: theme.ERROR_BG,
    FLAG_BLANK: theme.BLANK_BG,
    FLAG_WARNING: theme.WARNING_BG,
    FLAG_EDITED: theme.EDITED_BG,
}


class Shown(NamedTuple):
    """What a value cell shows, worked out when the cell changes rather than at every paint."""

    text: str  # as displayed: the number, or the parser's text when it found no number
    edit: str  # what an editor starts with
    edited: bool
    raw_text: bool  # the report has text here, not a number


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
        self._rows: list[DisplayRow] = []
        self._width = 0
        self._row_labels: list[str] = []  # the vertical header
        self._col_ids: list[str | None] = []  # what each grid column stands for in every row
        self._keys: dict[_Pos, tuple[str, str, str]] = {}  # grid cells that hold a value
        self._places: dict[tuple[str, str], _Pos] = {}  # (row id, col id) -> grid cell
        self._shown: dict[_Pos, Shown] = {}
        self._present = False
        self._flags: dict[_Pos, str] = {}
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
        """Lay out the grid and work out what every cell shows, once per report shown."""
        report = self.session.report if self.session else None
        self.schema = report.schema(self.table) if report else None
        self._rows, self._width = grid_layout(self.schema)
        schema = self.schema
        self._row_labels = [
            line.label if line.row is None or schema is None else row_header(schema, line.index) for line in self._rows
        ]
        self._col_ids = [self._column_id(c) for c in range(self._width)]
        self._keys, self._places = {}, {}
        if self.schema is not None and self.session is not None:
            for r, line in enumerate(self._rows):
                if line.row is None:
                    continue
                for c, col in enumerate(line.cols):
                    if col is not None and col in line.row.cols:
                        self._keys[(r, c)] = (self.table, line.row.id, col)
                        self._places.setdefault((line.row.id, col), (r, c))
        self._present = report is not None and report.has_table(self.table)
        self._shown = {pos: self._shown_of(key) for pos, key in self._keys.items()}
        self._flags = self._compute_flags()

    def _shown_of(self, key: tuple[str, str, str]) -> Shown:
        assert self.session is not None
        cell = self.session.cell(*key)
        if cell is None:
            return Shown("", "", False, False)
        if cell.value is None:
            raw = cell.status == STATUS_TEXT
            return Shown(cell.raw if raw else "", "", cell.edited, raw)
        text = fmt_num(cell.value)
        return Shown(text, text, cell.edited, False)

    def _compute_flags(self) -> dict[_Pos, str]:
        return {pos: self._flag_of(key[1], key[2]) for pos, key in self._keys.items()}

    def _flag_of(self, row: str, col: str) -> str:
        assert self.session is not None
        found = self.session.cell_findings(self.table, row, col)
        if found:  # most cells have none
            if any(f.severity == ERROR for f in found):
                return FLAG_ERROR
            if any(f.rule == "EMPTY_CELL" for f in found):
                return FLAG_BLANK
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
        pos = self._places.get((row, col))
        if pos is not None:
            self._shown[pos] = self._shown_of(self._keys[pos])
            idx = self.index(*pos)
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

    def _line(self, index: _Index) -> DisplayRow | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def is_header(self, index: _Index) -> bool:
        """Whether `index` is in a block's header row (表二)."""
        line = self._line(index)
        return line is not None and line.is_header

    def key(self, index: _Index) -> tuple[str, str, str] | None:
        """(table, row id, column id) of a grid cell; None for header rows and empty places."""
        line = self._line(index)
        if line is None or line.row is None or not 0 <= index.column() < len(line.cols):
            return None
        col = line.cols[index.column()]
        return None if col is None else (self.table, line.row.id, col)

    def index_of(self, row: str, col: str) -> QModelIndex:
        """The grid cell of a schema cell, invalid when the grid has none."""
        pos = self._places.get((row, col))
        if pos is not None:
            return self.index(*pos)
        for r, line in enumerate(self._rows):  # a column the row does not have (shown disabled)
            if line.row is not None and line.row.id == row and col in line.cols:
                return self.index(r, line.cols.index(col))
        return QModelIndex()

    def is_applicable(self, index: _Index) -> bool:
        """Whether the cell holds one of its row's values (else it is shown disabled)."""
        return index.isValid() and (index.row(), index.column()) in self._keys

    def table_present(self) -> bool:
        return self._present and self.session is not None and self.session.report is not None

    def column_texts(self, column: int) -> list[tuple[str, bool]]:
        """Every text shown in a grid column, with whether it is bold (a block's header row)."""
        out = []
        for r, line in enumerate(self._rows):
            if line.is_header:
                out.append((str(self._header_cell(line, column, Qt.ItemDataRole.DisplayRole)), True))
            else:
                shown = self._shown.get((r, column))
                if shown is not None:
                    out.append((shown.text, shown.edited))
        return out

    def problem_count(self) -> int:
        return sum(1 for f in self._flags.values() if f in (FLAG_ERROR, FLAG_BLANK, FLAG_WARNING))

    # ---- Qt model ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._width

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self.is_applicable(index):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self.table_present():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.session is None or not index.isValid():
            return None
        pos = (index.row(), index.column())
        shown = self._shown.get(pos)
        if shown is None:
            line = self._line(index)
            if line is None:
                return None
            if line.is_header:
                return self._header_cell(line, index.column(), role)
            return theme.DISABLED_BG if role == Qt.ItemDataRole.BackgroundRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return shown.text
        if role == Qt.ItemDataRole.EditRole:
            return shown.edit
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole:
            return _FLAG_BG.get(self._flags.get(pos, FLAG_NONE))
        if role == Qt.ItemDataRole.ForegroundRole:
            if shown.edited:
                return theme.EDITED_FG
            return theme.RAW_TEXT_FG if shown.raw_text else None
        if role == Qt.ItemDataRole.FontRole:
            return _edited_font() if shown.edited else None
        key = self._keys[pos]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key)
        if role == CellKeyRole:
            return "|".join(key)
        if role == FlagRole:
            return self._flags.get(pos, FLAG_NONE)
        if role == SuggestedRole:
            suggested = (key[1], key[2])
            return fmt_num(self._suggested[suggested]) if suggested in self._suggested else None
        return None

    def _header_cell(self, line: DisplayRow, column: int, role: int) -> Any:
        """A cell of a block's header row: the block's column label, bold on grey."""
        col = line.cols[column] if 0 <= column < len(line.cols) else None
        label = self.schema.col_labels.get(col, col) if col is not None and self.schema else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return label
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{line.label} · {label}" if label else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return theme.HEADER_BG
        if role == Qt.ItemDataRole.ForegroundRole:
            return theme.HEADER_FG
        if role == Qt.ItemDataRole.FontRole:
            return _bold()
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

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.schema is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            col = self._col_ids[section] if 0 <= section < len(self._col_ids) else None
            if col is None:
                return None
            label = self.schema.col_labels.get(col, col)
            if role == Qt.ItemDataRole.DisplayRole:
                return label
            if role == Qt.ItemDataRole.ToolTipRole:
                if self.table == TABLE3 and col in T3_APPLICANT_COLS[1:]:
                    return f"{_ORG_GROUP} · {label}"
                return label
            return None
        if not 0 <= section < len(self._rows):
            return None
        line = self._rows[section]
        if line.row is None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return line.label
            return _bold() if role == Qt.ItemDataRole.FontRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_labels[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row_tooltip(line.row)
        return None

    def has_header_rows(self) -> bool:
        """Whether the grid carries its column labels in header rows (表二), so the view
        hides its horizontal header."""
        return self.table == TABLE2

    def _column_id(self, section: int) -> str | None:
        """The column id a grid column stands for in every row, None when it differs by block."""
        ids = {line.cols[section] for line in self._rows if 0 <= section < len(line.cols)}
        return ids.pop() if len(ids) == 1 else None


@functools.cache
def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


@functools.cache
def _edited_font() -> QFont:
    font = QFont()
    font.setItalic(True)
    font.setBold(True)
    return font
