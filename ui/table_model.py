"""`ReportTableModel`: one table of a report (表二, 表三 or 表四) as an editable Qt grid.

The grid is the official form (`ui.table_layout.FormGrid`, read from the layout the Excel
writer uses): row labels sit in the grid's own label columns, merged as on the form, and
the figures beside them; the column headings are given to the view's header. The model is
thin: it reads the session's report, keeps each figure's flag (error, blank, warning,
uncertain, corrected) to emit exact `dataChanged` ranges when the audit changes, and turns
edits into undo commands. The cells a suggested correction would change carry the proposed
value (`SuggestedRole`) and say so in their tooltip.

`key`, `index_of` and `is_applicable` are the only ways the views locate figures; label
cells are neither selectable nor editable, so the keyboard passes over them.
"""

from __future__ import annotations

import functools
import html
import unicodedata
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from model.excel.marks import (
    MARK_BLANK,
    MARK_EDITED,
    MARK_ERROR,
    MARK_NONE,
    MARK_UNCERTAIN,
    MARK_WARNING,
    PROBLEM_MARKS,
    cell_mark,
    is_uncertain,
)
from model.messages import fmt_num
from model.report import STATUS_TEXT, Number
from model.schema import TableSchema
from ui import theme
from ui.commands import RevertCellCommand, SetCellCommand
from ui.session import ReportSession
from ui.table_layout import GROUP, HEADER, FormGrid, Text, form_grid

CellKeyRole = Qt.ItemDataRole.UserRole + 1
FlagRole = Qt.ItemDataRole.UserRole + 2
SuggestedRole = Qt.ItemDataRole.UserRole + 3  # the suggested value as text, or None
KindRole = Qt.ItemDataRole.UserRole + 4  # KIND_VALUE, a text kind (ui.table_layout) or ""
EdgeRole = Qt.ItemDataRole.UserRole + 5  # EDGE_LEFT | EDGE_TOP: the rules that set 总计 apart
WrapRole = Qt.ItemDataRole.UserRole + 6  # a label merged over several rows wraps its text

KIND_VALUE = "value"
EDGE_LEFT = 1
EDGE_TOP = 2

# A figure's flag is its mark (`model.excel.marks`), the same on paper and in Excel.
FLAG_NONE = MARK_NONE
FLAG_ERROR = MARK_ERROR
FLAG_WARNING = MARK_WARNING
FLAG_BLANK = MARK_BLANK
FLAG_UNCERTAIN = MARK_UNCERTAIN
FLAG_EDITED = MARK_EDITED
PROBLEM_FLAGS = PROBLEM_MARKS

UNCERTAIN_MARK = "?"

_Index = QModelIndex | QPersistentModelIndex
_Pos = tuple[int, int]  # (grid row, grid column)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class Shown(NamedTuple):
    """What a value cell shows, worked out when the cell changes rather than at every paint."""

    text: str  # as displayed: the number, the parser's text when it found no number, or "?"
    edit: str  # what an editor starts with
    edited: bool
    raw_text: bool  # the report has text here, not a number
    uncertain: bool  # left blank: the recognizer could not place a value here


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


class ReportTableModel(QAbstractTableModel):
    """One table of the current report; cells are flagged from the session's findings."""

    flagsChanged = Signal()  # the flags are up to date with the session's findings

    def __init__(self, table: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.table = table
        self.session: ReportSession | None = None
        self.schema: TableSchema | None = None
        self.grid: FormGrid | None = None
        self._keys: dict[_Pos, tuple[str, str, str]] = {}  # grid cells that hold a figure
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
        self.flagsChanged.emit()

    def _load(self) -> None:
        """Lay out the grid and work out what every cell shows, once per report shown."""
        report = self.session.report if self.session else None
        self.schema = report.schema(self.table) if report is not None and not report.error else None
        self.grid = form_grid(self.schema)
        self._keys = {}
        if self.grid is not None:
            self._keys = {pos: (self.table, row, col) for pos, (row, col) in self.grid.values.items()}
        self._present = report is not None and report.has_table(self.table)
        self._shown = {pos: self._shown_of(key) for pos, key in self._keys.items()}
        self._flags = self._compute_flags()

    def _shown_of(self, key: tuple[str, str, str]) -> Shown:
        assert self.session is not None
        cell = self.session.cell(*key)
        if cell is None:
            return Shown("", "", False, False, False)
        if cell.value is None:
            if is_uncertain(cell):
                return Shown(UNCERTAIN_MARK, "", cell.edited, False, True)
            raw = cell.status == STATUS_TEXT
            return Shown(cell.raw if raw else "", "", cell.edited, raw, False)
        text = fmt_num(cell.value)
        return Shown(text, text, cell.edited, False, False)

    def _compute_flags(self) -> dict[_Pos, str]:
        return {pos: self._flag_of(key[1], key[2]) for pos, key in self._keys.items()}

    def _flag_of(self, row: str, col: str) -> str:
        assert self.session is not None
        return cell_mark(self.session.cell(self.table, row, col), self.session.cell_findings(self.table, row, col))

    def _on_findings_changed(self) -> None:
        new = self._compute_flags()
        for pos, flag in new.items():
            if self._flags.get(pos) != flag:
                self._flags[pos] = flag
                idx = self.index(*pos)
                self.dataChanged.emit(idx, idx)
        self._flags = new
        self.flagsChanged.emit()

    def _on_cell_changed(self, table: str, row: str, col: str) -> None:
        if table != self.table or self.grid is None:
            return
        pos = self.grid.places.get((row, col))
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
            self.flagsChanged.emit()

    def refresh_texts(self) -> None:
        """Everything shown again (the interface language changed: tooltips and headings)."""
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    # ---- lookups -------------------------------------------------------------------

    def text_at(self, index: _Index) -> Text | None:
        """The heading, label or block title at `index` (its top-left place), else None."""
        if self.grid is None or not index.isValid():
            return None
        return self.grid.text_at(index.row(), index.column())

    def is_header(self, index: _Index) -> bool:
        """Whether `index` holds a heading inside the body (表二's block titles and headings)."""
        text = self.text_at(index)
        return text is not None and text.kind in (HEADER, GROUP)

    def key(self, index: _Index) -> tuple[str, str, str] | None:
        """(table, row id, column id) of a grid cell; None for labels and empty places."""
        if not index.isValid():
            return None
        return self._keys.get((index.row(), index.column()))

    def index_of(self, row: str, col: str) -> QModelIndex:
        """The grid cell of a schema cell, invalid when the grid has none."""
        pos = self.grid.places.get((row, col)) if self.grid is not None else None
        return self.index(*pos) if pos is not None else QModelIndex()

    def is_applicable(self, index: _Index) -> bool:
        """Whether the cell holds one of its row's figures (else it is a label or empty)."""
        return index.isValid() and (index.row(), index.column()) in self._keys

    def table_present(self) -> bool:
        return self._present and self.session is not None and self.session.report is not None

    def value_texts(self) -> list[str]:
        """Every figure shown in the grid (to size its columns)."""
        return [shown.text for shown in self._shown.values() if shown.text]

    def flag_at(self, index: _Index) -> str:
        return self._flags.get((index.row(), index.column()), FLAG_NONE) if index.isValid() else FLAG_NONE

    def problem_places(self) -> list[_Pos]:
        """The flagged figures, in reading order (row by row)."""
        return sorted(pos for pos, flag in self._flags.items() if flag in PROBLEM_FLAGS)

    def problem_count(self) -> int:
        return sum(1 for f in self._flags.values() if f in PROBLEM_FLAGS)

    # ---- Qt model ------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.grid is None else self.grid.height

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.grid is None else self.grid.width

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self.is_applicable(index):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self.table_present():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.session is None or self.grid is None or not index.isValid():
            return None
        pos = (index.row(), index.column())
        shown = self._shown.get(pos)
        if shown is None:
            text = self.grid.texts.get(pos)
            if text is not None:
                return self._text_data(text, role)
            if pos in self.grid.covered:
                return None
            if role == Qt.ItemDataRole.BackgroundRole:
                return theme.DISABLED_BG
            return "" if role == KindRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return shown.text
        if role == Qt.ItemDataRole.EditRole:
            return shown.edit
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER if shown.uncertain else _RIGHT
        flag = self._flags.get(pos, FLAG_NONE)
        if role == Qt.ItemDataRole.BackgroundRole:
            background = theme.MARK_BG.get(flag)
            if background is None and self._is_total(pos):
                return theme.TOTAL_BG
            return background
        if role == Qt.ItemDataRole.ForegroundRole:
            if shown.uncertain:
                return theme.UNCERTAIN_FG
            if shown.edited:
                return theme.EDITED_FG
            if shown.raw_text:
                return theme.RAW_TEXT_FG
            return None if self.grid.rows[pos[0]].counted else theme.UNCOUNTED_FG
        if role == Qt.ItemDataRole.FontRole:
            return _edited_font() if shown.edited else None
        if role == KindRole:
            return KIND_VALUE
        if role == EdgeRole:
            return self._edges(pos)
        key = self._keys[pos]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key, pos)
        if role == CellKeyRole:
            return "|".join(key)
        if role == FlagRole:
            return flag
        if role == SuggestedRole:
            suggested = (key[1], key[2])
            return fmt_num(self._suggested[suggested]) if suggested in self._suggested else None
        return None

    def _is_total(self, pos: _Pos) -> bool:
        assert self.grid is not None
        return pos[1] in self.grid.total_cols or pos[0] in self.grid.total_rows

    def _edges(self, pos: _Pos) -> int:
        assert self.grid is not None
        edges = EDGE_LEFT if pos[1] in self.grid.total_cols else 0
        return edges | (EDGE_TOP if pos[0] in self.grid.total_rows else 0)

    def _text_data(self, text: Text, role: int) -> Any:
        """A label, a block title or a heading of the body (表二's blocks)."""
        heading = text.kind in (HEADER, GROUP)
        if role == Qt.ItemDataRole.DisplayRole:
            return text.text
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = text.text
            if not text.counted:
                tip += "\n" + self.tr("Not printed in this report; not counted in the sums.")
            return tip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTER if heading or (text.rows > 1 and text.cols == 1) else _LEFT
        if role == Qt.ItemDataRole.BackgroundRole:
            if heading:
                return theme.HEADER_BG
            return theme.TOTAL_BG if text.total else theme.LABEL_BG
        if role == Qt.ItemDataRole.ForegroundRole:
            return theme.HEADER_FG if text.counted else theme.UNCOUNTED_FG
        if role == Qt.ItemDataRole.FontRole:
            return _bold() if heading or text.total else None
        if role == KindRole:
            return text.kind
        if role == WrapRole:
            return text.rows > 1
        if role == EdgeRole:
            return EDGE_TOP if text.total else 0
        return None

    def _tooltip(self, key: tuple[str, str, str], pos: _Pos) -> str | None:
        assert self.session is not None and self.grid is not None
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
        if not self.grid.rows[pos[0]].counted:
            lines.append(html.escape(self.tr("Not printed in this report; not counted in the sums.")))
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
        """The column's own heading (the lowest level over it) and, as its tooltip, the
        headings above it; row sections name the schema row they hold."""
        grid = self.grid
        if grid is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < grid.width:
                return None
            over = sorted((t for t in grid.header if t.col <= section < t.col + t.cols), key=lambda t: t.row)
            if role == Qt.ItemDataRole.DisplayRole:
                return over[-1].text if over else None
            if role == Qt.ItemDataRole.ToolTipRole:
                return " · ".join(t.text for t in over) or None
            return None
        if not 0 <= section < grid.height:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = grid.rows.get(section)
            if row is not None:
                return row.label
            texts = [t.text for (r, _c), t in sorted(grid.texts.items()) if r == section]
            return texts[0] if texts else None
        return None


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
