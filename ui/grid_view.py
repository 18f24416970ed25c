"""`GridView`: one table of the form as an editable grid.

The view lays the model's `FormGrid` out as the form: merged label cells (`setSpan`), the
grouped headings in a `FormHeader`, no row header (the labels are cells). Its columns are
fitted to the width it has: the figures in compact columns of one width, the label
columns sharing what is left (long labels elided, whole in their tooltip), so 表三's seven
columns fit a laptop screen without scrolling sideways.

Keys: Enter or typing edits; Enter again commits — on a flagged cell it asks for the next
problem (`nextProblemRequested`), elsewhere it moves to the cell below, as in a
spreadsheet; Tab inside an editor commits and moves right. Tab outside an editor leaves
the grid (the window cycles its panes). What is not a number is refused with the reason
at the cell (`entryRejected` carries it to the status bar) and stays in the editor.
Right-click offers 还原 (revert) for corrected cells.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QToolTip,
    QWidget,
)

from ui.cell_delegate import CellDelegate, acceptable
from ui.form_header import FormHeader
from ui.table_layout import LABEL, FormGrid
from ui.table_model import ReportTableModel

_CELL_PAD = 10  # a cell's text margins and a little air
_MIN_DIGITS = "0000"  # a figure column is at least this wide
_WRAP_LINES = 2  # a heading over one figure column may take two lines
_MIN_LABEL_CHARS = 4  # a label column shrinks no further (its labels are elided)


def share_widths(natural: list[int], minimum: list[int], available: int, grow: list[int]) -> list[int]:
    """Column widths within `available` pixels.

    Each column wants `natural`; with room to spare, the columns in `grow` share the rest.
    Short of room, the columns give up what they have above their `minimum`, in proportion;
    below the sum of the minimums the columns keep their minimums (the view scrolls)."""
    total = sum(natural)
    if total <= available:
        widths = list(natural)
        if grow:
            extra, n = available - total, len(grow)
            for k, c in enumerate(grow):
                widths[c] += extra // n + (1 if k < extra % n else 0)
        return widths
    slack = [max(0, n - m) for n, m in zip(natural, minimum, strict=True)]
    room = sum(slack)
    if room == 0:
        return [max(n, m) for n, m in zip(natural, minimum, strict=True)]
    cut = min(total - available, room)
    widths = [n - (s * cut) // room for n, s in zip(natural, slack, strict=True)]
    short = total - cut - sum(widths)  # what rounding left uncut
    for c in sorted(range(len(widths)), key=lambda c: -slack[c]):
        if short >= 0:
            break
        widths[c] -= 1
        short += 1
    return widths


class TextWidths:
    """Widths of texts in a grid's fonts, remembered: the same labels and numbers recur."""

    def __init__(self, view: QTableView) -> None:
        bold = QFont(view.font())
        bold.setBold(True)
        self._metrics = (view.fontMetrics(), QFontMetrics(bold))
        self._known: dict[tuple[int, str], int] = {}

    def width(self, text: str, bold: bool = False) -> int:
        which = 1 if bold else 0
        width = self._known.get((which, text))
        if width is None:
            width = self._known[(which, text)] = self._metrics[which].horizontalAdvance(text)
        return width


class GridView(QTableView):
    """A grid of one table in the form's layout: Enter or typing edits, right-click reverts."""

    entryRejected = Signal(str)  # why what was typed was refused
    nextProblemRequested = Signal()  # Enter committed an edit of a flagged cell

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = FormHeader(self)
        self.setHorizontalHeader(self.header)
        self.header.levelsChanged.connect(self.updateGeometries)
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(False)  # Tab moves between the window's panes
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        v = self.verticalHeader()
        v.hide()
        v.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        v.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.delegate = CellDelegate(self)
        self.delegate.rejected.connect(self._rejected)
        self.setItemDelegate(self.delegate)
        self._widths = TextWidths(self)
        self._grid: FormGrid | None = None
        self.revert_action = QAction(self)
        self.revert_action.triggered.connect(self.revert_current)
        model.modelReset.connect(self.apply_layout)
        self.retranslate()
        self.apply_layout()

    def retranslate(self) -> None:
        self.revert_action.setText(self.tr("Revert to parsed value"))

    def table_model(self) -> ReportTableModel:
        model = self.model()
        assert isinstance(model, ReportTableModel)
        return model

    # ---- layout --------------------------------------------------------------------

    def apply_layout(self) -> None:
        """Merge the cells and set the headings of the model's grid (after a reset)."""
        grid = self.table_model().grid
        if grid is not self._grid:
            self._grid = grid
            self.clearSpans()
            if grid is not None:
                for row, col, rows, cols in grid.spans:
                    self.setSpan(row, col, rows, cols)
            self.header.set_blocks(grid.header if grid else (), grid.levels if grid else 0)
            self.header.setVisible(grid is not None and grid.levels > 0)
        self.fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_columns()

    def fit_columns(self) -> None:
        """Figures in compact columns of one width, labels sharing the rest of the width."""
        grid = self._grid
        if grid is None or grid.width == 0:
            return
        widths = self._widths
        digits = max([widths.width(t) for t in self.table_model().value_texts()] + [widths.width(_MIN_DIGITS)])
        compact = digits + _CELL_PAD
        for block in grid.header:  # a heading over one figure column wraps onto two lines
            if block.cols == 1 and block.col not in grid.label_cols:
                half = block.text[: (len(block.text) + _WRAP_LINES - 1) // _WRAP_LINES]
                compact = max(compact, widths.width(half, block.total) + _CELL_PAD)
        natural = [compact] * grid.width
        minimum = [compact] * grid.width
        char = widths.width("中")
        for c in grid.label_cols:
            natural[c] = minimum[c] = _MIN_LABEL_CHARS * char // 2 + _CELL_PAD
        for text in grid.texts.values():
            if text.cols != 1:
                continue
            c = text.col
            bold = text.kind != LABEL or text.total
            need = widths.width(text.text, bold) + _CELL_PAD
            if text.rows > 1:  # wraps down its rows: a few characters a line will do
                need = min(need, 3 * char + _CELL_PAD)
            natural[c] = max(natural[c], need)
            if c in grid.label_cols and text.rows == 1:
                minimum[c] = max(minimum[c], min(need, _MIN_LABEL_CHARS * char + _CELL_PAD))
        grow = list(grid.label_cols[-1:]) or grid.value_cols()
        available = self.viewport().width()
        if self.verticalScrollBar().isHidden() and self._needs_vertical_scrolling():
            available -= self.verticalScrollBar().sizeHint().width()
        sizes = share_widths(natural, minimum, available, grow)
        h = self.horizontalHeader()
        for c, size in enumerate(sizes):
            if h.sectionSize(c) != size:
                h.resizeSection(c, size)
        self.header.fit_levels()

    def _needs_vertical_scrolling(self) -> bool:
        rows = self.model().rowCount()
        return rows * self.verticalHeader().defaultSectionSize() > self.viewport().height()

    # ---- keys and editing ----------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.state() != QAbstractItemView.State.EditingState
            and self.currentIndex().isValid()
        ):
            self.edit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter ends the edit on the next problem when the cell was one, else on the cell
        below, as in a spreadsheet (Tab still moves right)."""
        enter = hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and self.delegate.enter_pressed
        self.delegate.enter_pressed = False
        super().closeEditor(editor, hint)
        if not enter:
            return
        if self.delegate.began_on_problem:
            self.nextProblemRequested.emit()
            return
        below = self.moveCursor(QAbstractItemView.CursorAction.MoveDown, Qt.KeyboardModifier.NoModifier)
        if below.isValid() and below != self.currentIndex():
            self.setCurrentIndex(below)
            self.scrollTo(below)

    def commitData(self, editor: QWidget) -> None:
        """Hand the editor's figure to the model; what is not a number is refused, with why."""
        if isinstance(editor, QLineEdit) and not acceptable(editor.text()):
            self._rejected(editor, editor.text())
            return
        super().commitData(editor)

    def _rejected(self, editor: QWidget, text: str) -> None:
        message = self.tr("Not a number: “%1”. Enter a number, or leave the cell blank.").replace("%1", text)
        if isinstance(editor, QLineEdit):
            CellDelegate.mark_rejected(editor, message)
        index = self.currentIndex()
        rect = self.visualRect(index)
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), message, self.viewport(), rect, 8000)
        self.entryRejected.emit(message)

    def editor(self) -> QLineEdit | None:
        """The open editor, if any."""
        if self.state() != QAbstractItemView.State.EditingState:
            return None
        widget = self.indexWidget(self.currentIndex())
        return widget if isinstance(widget, QLineEdit) else None

    def finish_editing(self) -> None:
        """Commit and close an open editor, as if the officer had left the cell."""
        editor = self.editor()
        if editor is not None:
            self.commitData(editor)
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    # ---- reverting -----------------------------------------------------------------

    def revert_current(self) -> None:
        self.table_model().revert_cell(self.currentIndex())

    def menu_for(self, index: QModelIndex) -> QMenu:
        """The context menu for a cell (built separately so tests can inspect it)."""
        menu = QMenu(self)
        cell_key = self.table_model().key(index)
        session = self.table_model().session
        cell = session.cell(*cell_key) if session and cell_key else None
        self.revert_action.setEnabled(cell is not None and cell.edited)
        menu.addAction(self.revert_action)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        if not self.table_model().is_applicable(index):
            return
        self.setCurrentIndex(index)
        menu = self.menu_for(index)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.viewport().mapToGlobal(pos))
