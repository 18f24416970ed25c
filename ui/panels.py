"""The report list panel (left) and the findings panel (bottom) of the main window.

Neither moves its current row with Tab: Tab goes from pane to pane (the window decides).
While a batch is read the list keeps its rows in the order they came and sorts and
filters again when the batch is in (`hold_order` / `release_order`), so rows do not move
under the pointer.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from model.findings import Finding
from ui.findings_model import COL_HELP, COL_MESSAGE, COL_RULE, COL_SEVERITY, FindingsModel
from ui.report_list import (
    COL_AGENCY,
    COL_ERRORS,
    COL_FILE,
    COL_FORMAT,
    COL_WARNINGS,
    COL_YEAR,
    ReportFilterModel,
    ReportListModel,
)
from ui.session import ReportSession


class ReportListPanel(QWidget):
    """The batch: a filter box, a "with problems only" switch and the sortable report list."""

    sessionSelected = Signal(object)  # ReportSession or None

    def __init__(self, model: ReportListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._quiet = False
        self.proxy = ReportFilterModel(self)
        self.proxy.setSourceModel(model)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.problems_only = QCheckBox()
        self.problems_only.toggled.connect(self.proxy.set_problems_only)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.setWordWrap(False)
        # A scroll bar that comes and goes has the whole list laid out and painted twice
        # as a batch starts to fill it (and the columns jump while filtering).
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.view.setAlternatingRowColors(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        h = self.view.horizontalHeader()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        char = self.fontMetrics().horizontalAdvance("中")
        digit = self.fontMetrics().horizontalAdvance("0")
        widths = {
            COL_FILE: 8 * char,
            COL_YEAR: 4 * digit + 14,
            COL_FORMAT: 5 * char,
            COL_ERRORS: 3 * char,
            COL_WARNINGS: 3 * char,
        }
        for col, width in widths.items():
            h.resizeSection(col, width)
        h.setSectionResizeMode(COL_AGENCY, QHeaderView.ResizeMode.Stretch)
        self._optional_width = widths[COL_YEAR] + widths[COL_FORMAT]
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 0)
        layout.addLayout(top)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problems_only)
        bottom.addStretch(1)
        bottom.addWidget(self.count)
        layout.addLayout(bottom)
        layout.addWidget(self.view, 1)
        model.rowsInserted.connect(self._update_count)
        model.rowsRemoved.connect(self._update_count)
        self.retranslate()

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter by file or agency"))
        self.problems_only.setText(self.tr("With problems only"))
        self._update_count()

    def _update_count(self, *_: object) -> None:
        self.count.setText(self.tr("%n report(s)", "", self.model.rowCount()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrow list leaves out the year and format (the form above the grids shows
        them) so that the agency keeps room."""
        super().resizeEvent(event)
        fixed = sum(self.view.horizontalHeader().sectionSize(c) for c in (COL_FILE, COL_ERRORS, COL_WARNINGS))
        wide = self.view.viewport().width() >= fixed + self._optional_width + 10 * self.fontMetrics().horizontalAdvance(
            "中"
        )
        for col in (COL_YEAR, COL_FORMAT):
            self.view.setColumnHidden(col, not wide)

    def hold_order(self) -> None:
        """Keep rows where they are (new ones at the end) until `release_order`."""
        self.proxy.setDynamicSortFilter(False)

    def release_order(self) -> None:
        """Sort and filter again, and follow changes again."""
        if not self.proxy.dynamicSortFilter():
            self.proxy.setDynamicSortFilter(True)
            self.proxy.invalidate()

    def sessions_in_order(self) -> list[ReportSession]:
        """The reports as the list shows them (sorted and filtered)."""
        out = []
        for r in range(self.proxy.rowCount()):
            session = self.model.session_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            if session is not None:
                out.append(session)
        return out

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        source = self.proxy.mapToSource(current)
        self.sessionSelected.emit(self.model.session_at(source.row()) if source.isValid() else None)

    def select(self, session: ReportSession, notify: bool = True) -> None:
        """Make `session` the current row; `notify` false when the caller shows it itself."""
        if session not in self.model.sessions:
            return
        source = self.model.index(self.model.sessions.index(session), 0)
        index = self.proxy.mapFromSource(source)
        if index.isValid():
            self._quiet = not notify
            try:
                self.view.setCurrentIndex(index)
            finally:
                self._quiet = False
            self.view.scrollTo(index)

    def current(self) -> ReportSession | None:
        source = self.proxy.mapToSource(self.view.currentIndex())
        return self.model.session_at(source.row()) if source.isValid() else None


class FindingsPanel(QTableView):
    """The findings of the current report; the current row is the selected finding. A click
    on a finding's "?" asks for its rule's explanation."""

    findingSelected = Signal(object)  # Finding
    ruleHelpRequested = Signal(str)  # the rule id

    def __init__(self, model: FindingsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings_model = model
        self._quiet = False
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        h = self.horizontalHeader()
        h.resizeSection(COL_SEVERITY, 60)
        h.resizeSection(COL_RULE, 150)
        h.setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(COL_HELP, QHeaderView.ResizeMode.Fixed)
        h.resizeSection(COL_HELP, self.fontMetrics().horizontalAdvance("??") + 12)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.activated.connect(lambda idx: self._emit(idx.row()))
        self.clicked.connect(self._clicked)

    def _clicked(self, index: QModelIndex) -> None:
        self._emit(index.row())
        if index.column() == COL_HELP:
            finding = self.findings_model.finding(index.row())
            if finding is not None:
                self.ruleHelpRequested.emit(finding.rule)

    def current_finding(self) -> Finding | None:
        return self.findings_model.finding(self.currentIndex().row())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._emit(current.row())

    def _emit(self, row: int) -> None:
        if self._quiet:
            return
        finding = self.findings_model.finding(row)
        if finding is not None:
            self.findingSelected.emit(finding)

    def select_row(self, row: int) -> None:
        index = self.findings_model.index(row, 0)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def select_finding(self, finding: Finding, notify: bool = True) -> None:
        for row in range(self.findings_model.rowCount()):
            if self.findings_model.finding(row) is finding:
                self._quiet = not notify
                try:
                    self.select_row(row)
                finally:
                    self._quiet = False
                return

    def step(self, delta: int) -> None:
        """Move to the next (+1) or previous (-1) finding, wrapping around."""
        n = self.findings_model.rowCount()
        if n == 0:
            return
        row = self.currentIndex().row()
        row = (0 if delta > 0 else n - 1) if row < 0 else (row + delta) % n
        self.select_row(row)
