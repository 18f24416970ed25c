"""The right-hand panel: the report's agency, year and format, and its three tables as grids.

`GridView` is a `QTableView` that starts editing on Enter or typing, moves to the cell
below when Enter ends an edit (as a spreadsheet does), and offers 还原 (revert) for
corrected cells in its context menu. Cells a suggested correction would change get a
dashed frame. 表二's grid has no horizontal header: its blocks carry their own column
labels in header rows (see `ui.table_layout`). `TablesPanel` owns one model and one
view per table and the small metadata form above them.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from model.report import Number
from model.schema import FORMATS, TABLES
from ui import theme
from ui.commands import SetMetaCommand
from ui.labels import format_name, table_name
from ui.session import STATE_READY, ReportSession
from ui.table_model import ReportTableModel, SuggestedRole

_NO_YEAR = 1900  # the spin box minimum, shown as its special value text
_MIN_COLUMN, _MAX_COLUMN = 64, 140  # pixels
_CELL_PAD = 7  # a cell's text margins, as Qt's item size hint adds them
_HEADER_PAD = 4  # a header section's margins


class FlagDelegate(QStyledItemDelegate):
    """Keeps a selected cell's flag colour visible (framed in the selection colour) and frames
    a cell that a suggestion would change with a dashed line."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        rect = option.rect  # type: ignore[attr-defined]
        if not selected or index.data(Qt.ItemDataRole.BackgroundRole) is None:
            super().paint(painter, option, index)
        else:
            plain = QStyleOptionViewItem(option)
            plain.state &= ~QStyle.StateFlag.State_Selected  # type: ignore[attr-defined]
            super().paint(painter, plain, index)
            painter.save()
            painter.setPen(QPen(option.palette.highlight().color(), 2))  # type: ignore[attr-defined]
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
            painter.restore()
        if index.data(SuggestedRole) is not None:
            painter.save()
            pen = QPen(theme.SUGGESTION_FG, 2)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(2, 2, -2, -2))
            painter.restore()


class GridView(QTableView):
    """A grid of one table: Enter or typing edits, Tab and arrows move, right-click reverts."""

    def __init__(self, model: ReportTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        h = self.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setDefaultSectionSize(76)
        h.setMinimumSectionSize(48)
        h.setTextElideMode(Qt.TextElideMode.ElideRight)
        h.setVisible(not model.has_header_rows())  # 表二 labels its columns block by block
        v = self.verticalHeader()
        v.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        v.setDefaultSectionSize(self.fontMetrics().height() + 8)
        v.setMaximumWidth(330)
        v.setTextElideMode(Qt.TextElideMode.ElideRight)
        v.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setItemDelegate(FlagDelegate(self))
        self._text_widths = TextWidths(self)
        self.revert_action = QAction(self.tr("Revert to parsed value"), self)
        self.revert_action.triggered.connect(self.revert_current)

    def table_model(self) -> ReportTableModel:
        model = self.model()
        assert isinstance(model, ReportTableModel)
        return model

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
            and self.currentIndex().isValid()
        ):
            self.edit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Enter ends the edit on the cell below, as in a spreadsheet (Tab still moves right)."""
        enter = hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache
        super().closeEditor(editor, hint)
        if enter:
            below = self.moveCursor(QAbstractItemView.CursorAction.MoveDown, Qt.KeyboardModifier.NoModifier)
            if below.isValid() and below != self.currentIndex():
                self.setCurrentIndex(below)
                self.scrollTo(below)

    def finish_editing(self) -> None:
        """Commit and close an open editor, as if the officer had left the cell."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.focusWidget()
        if editor is not None and self.viewport().isAncestorOf(editor):
            self.commitData(editor)
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

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
        if not index.isValid():
            return
        self.setCurrentIndex(index)
        menu = self.menu_for(index)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.viewport().mapToGlobal(pos))

    def fit_headers(self) -> None:
        """Make each column as wide as its widest text, within bounds.

        The texts are measured here from what the model shows: Qt's resizeColumnsToContents
        asks every cell for its size hint through the model, which took most of the time
        it took to show a report."""
        model = self.table_model()
        h = self.horizontalHeader()
        widths = self._text_widths
        for c in range(model.columnCount()):
            widest = 0
            if not h.isHidden():
                label = model.headerData(c, Qt.Orientation.Horizontal)
                if label:
                    widest = widths.header(str(label)) + _HEADER_PAD
            for text, bold in model.column_texts(c):
                if text:
                    widest = max(widest, widths.cell(text, bold) + _CELL_PAD)
            width = max(_MIN_COLUMN, min(widest + 8, _MAX_COLUMN))
            if h.sectionSize(c) != width:
                h.resizeSection(c, width)


class TextWidths:
    """Widths of texts in a grid's fonts, remembered: the same labels and numbers recur."""

    def __init__(self, view: QTableView) -> None:
        bold = QFont(view.font())
        bold.setBold(True)
        self._metrics = (view.fontMetrics(), QFontMetrics(bold), view.horizontalHeader().fontMetrics())
        self._known: dict[tuple[int, str], int] = {}

    def _width(self, which: int, text: str) -> int:
        width = self._known.get((which, text))
        if width is None:
            width = self._known[(which, text)] = self._metrics[which].horizontalAdvance(text)
        return width

    def cell(self, text: str, bold: bool) -> int:
        return self._width(1 if bold else 0, text)

    def header(self, text: str) -> int:
        return self._width(2, text)


class MetaForm(QWidget):
    """Agency, year and format of the current report; changes become undo commands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ReportSession | None = None
        self.agency = QLineEdit()
        self.agency.setPlaceholderText(self.tr("Not found in the report"))
        self.year = QSpinBox()
        self.year.setRange(_NO_YEAR, 2100)
        self.year.setSpecialValueText(self.tr("Unknown"))
        self.year.setKeyboardTracking(False)
        self.format = QComboBox()
        for fmt in FORMATS:
            self.format.addItem(format_name(fmt), fmt)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Agency"), self.agency)
        layout.addLayout(form, 3)
        side = QFormLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addRow(self.tr("Year"), self.year)
        layout.addLayout(side, 1)
        side2 = QFormLayout()
        side2.setContentsMargins(0, 0, 0, 0)
        side2.addRow(self.tr("Format"), self.format)
        layout.addLayout(side2, 1)
        self.agency.editingFinished.connect(self._agency_edited)
        self.year.valueChanged.connect(self._year_edited)
        self.format.activated.connect(self._format_edited)
        self._loading = False
        self.set_session(None)

    def set_session(self, session: ReportSession | None) -> None:
        if self.session is not None:
            self.session.metaChanged.disconnect(self._load)
        self.session = session
        if session is not None:
            session.metaChanged.connect(self._load)
        self._load()

    def _load(self, *_: object) -> None:
        self._loading = True
        report = self.session.report if self.session else None
        enabled = self.session is not None and self.session.state == STATE_READY
        for w in (self.agency, self.year, self.format):
            w.setEnabled(enabled)
        self.agency.setText(report.agency or "" if report else "")
        self.year.setValue(report.year if report and report.year else _NO_YEAR)
        idx = self.format.findData(report.format if report else "unknown")
        self.format.setCurrentIndex(max(idx, 0))
        self._loading = False

    def _push(self, field: str, value: object) -> None:
        if self._loading or self.session is None or self.session.report is None:
            return
        if getattr(self.session.report, field) != value:
            self.session.stack.push(SetMetaCommand(self.session, field, value))

    def _agency_edited(self) -> None:
        self._push("agency", self.agency.text().strip() or None)

    def _year_edited(self, value: int) -> None:
        self._push("year", None if value == _NO_YEAR else value)

    def _format_edited(self, index: int) -> None:
        self._push("format", self.format.itemData(index))


class TablesPanel(QWidget):
    """The metadata form and the three table grids of the current report."""

    cellActivated = Signal(str, str, str)  # the current cell changed: table, row, col

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meta = MetaForm()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.models: dict[str, ReportTableModel] = {}
        self.views: dict[str, GridView] = {}
        for table in TABLES:
            model = ReportTableModel(table, self)
            view = GridView(model)
            view.selectionModel().currentChanged.connect(lambda cur, _prev, m=model: self._current_changed(m, cur))
            self.models[table], self.views[table] = model, view
            self.tabs.addTab(view, table_name(table))
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.meta)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self._legend())
        self.session: ReportSession | None = None
        self._update_tabs()  # "No report selected." until one is (a batch selects its first report read)

    def _legend(self) -> QWidget:
        """A line under the grids that says what the cell colours mean."""
        legend = QWidget()
        row = QHBoxLayout(legend)
        row.setContentsMargins(2, 2, 2, 2)
        entries = (
            (theme.ERROR_BG, self.tr("Error")),
            (theme.BLANK_BG, self.tr("Blank")),
            (theme.WARNING_BG, self.tr("Warning")),
            (theme.EDITED_BG, self.tr("Corrected")),
        )
        for color, text in entries:
            chip = QLabel(text)
            chip.setStyleSheet(f"background:{color.name()}; border:1px solid #bbb; padding:1px 8px;")
            row.addWidget(chip)
        hint = QLabel(
            self.tr("Enter or type to edit · F8 next problem · Ctrl+Enter accepts a suggestion · right-click to revert")
        )
        hint.setStyleSheet("color:#666;")
        row.addStretch(1)
        row.addWidget(hint)
        return legend

    def set_session(self, session: ReportSession | None) -> None:
        if self.session is not None:
            self.session.findingsChanged.disconnect(self._update_tabs)
            self.session.metaChanged.disconnect(self._meta_changed)
        self.session = session
        if session is not None:
            session.findingsChanged.connect(self._update_tabs)
            session.metaChanged.connect(self._meta_changed)
        self.meta.set_session(session)
        for table, model in self.models.items():
            model.set_session(session)
            self.views[table].fit_headers()
        self._update_tabs()

    def _meta_changed(self, field: str) -> None:
        if field == "format":
            for view in self.views.values():
                view.fit_headers()
            self._update_tabs()

    def _update_tabs(self) -> None:
        report = self.session.report if self.session else None
        has_tables = report is not None and not report.error and report.schema("table3") is not None
        self.tabs.setVisible(has_tables)
        self.placeholder.setVisible(not has_tables)
        if report is None:
            self.placeholder.setText(self.tr("No report selected.") if self.session is None else self.tr("Reading…"))
        elif report.error:
            self.placeholder.setText(self.tr("This file could not be read:\n%1").replace("%1", report.error))
        elif not has_tables:
            self.placeholder.setText(
                self.tr("This report has no standard tables (format: %1).").replace("%1", format_name(report.format))
            )
        for i, table in enumerate(TABLES):
            model = self.models[table]
            n = model.problem_count()
            title = table_name(table)
            if report is not None and not report.error and not report.has_table(table):
                title += " " + self.tr("(missing)")
            elif n:
                title += f" ({n})"
            self.tabs.setTabText(i, title)

    def _current_changed(self, model: ReportTableModel, current: QModelIndex) -> None:
        key = model.key(current)
        if key is not None:
            self.cellActivated.emit(*key)

    def select_cell(self, table: str, row: str, col: str) -> bool:
        """Show `table`'s tab and make the cell current; False when the grid has no such cell."""
        if table not in self.views:
            return False
        index = self.models[table].index_of(row, col)
        if not index.isValid():
            return False
        view = self.views[table]
        self.tabs.setCurrentWidget(view)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        return True

    def set_suggestion(self, values: dict[tuple[str, str, str], Number | None], keys: str) -> None:
        """Mark the cells a suggestion would change in every grid (`keys` accepts it)."""
        for model in self.models.values():
            model.set_suggestion(values, keys)

    def finish_editing(self) -> None:
        for view in self.views.values():
            view.finish_editing()

    def current_view(self) -> GridView:
        view = self.tabs.currentWidget()
        assert isinstance(view, GridView)
        return view
