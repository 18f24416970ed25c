"""The right-hand panel: the report's agency, year and format, and its three tables as grids.

`TablesPanel` owns one model (`ui.table_model`) and one view (`ui.grid_view`) per table,
the small metadata form above them and the legend of the cell colours below. Each tab
names its table and the number of findings that concern it, worked out from the session's
findings as they change, so the counts are right in the same event as the edit. A file
that could not be read, holds no report or has no standard tables shows why instead.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from model.findings import ERROR
from model.report import Number
from model.schema import FORMATS, TABLES
from ui import theme
from ui.commands import SetMetaCommand
from ui.grid_view import GridView
from ui.labels import format_name, table_name
from ui.session import STATE_READY, ReportSession
from ui.table_model import ReportTableModel

_NO_YEAR = 1900  # the spin box minimum, shown as its special value text


class MetaForm(QWidget):
    """Agency, year and format of the current report; changes become undo commands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ReportSession | None = None
        self.agency = QLineEdit()
        self.year = QSpinBox()
        self.year.setRange(_NO_YEAR, 2100)
        self.year.setKeyboardTracking(False)
        self.format = QComboBox()
        for fmt in FORMATS:
            self.format.addItem(format_name(fmt), fmt)
        self.agency_label, self.year_label, self.format_label = QLabel(), QLabel(), QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, field, stretch in (
            (self.agency_label, self.agency, 3),
            (self.year_label, self.year, 1),
            (self.format_label, self.format, 1),
        ):
            form = QFormLayout()
            form.setContentsMargins(0, 0, 0, 0)
            label.setBuddy(field)
            form.addRow(label, field)
            layout.addLayout(form, stretch)
        self.agency.editingFinished.connect(self._agency_edited)
        self.year.valueChanged.connect(self._year_edited)
        self.format.activated.connect(self._format_edited)
        self._loading = False
        self.retranslate()
        self.set_session(None)

    def retranslate(self) -> None:
        self.agency.setPlaceholderText(self.tr("Not found in the report"))
        self.year.setSpecialValueText(self.tr("Unknown"))
        self.agency_label.setText(self.tr("Agency"))
        self.year_label.setText(self.tr("Year"))
        self.format_label.setText(self.tr("Format"))
        for i in range(self.format.count()):
            self.format.setItemText(i, format_name(str(self.format.itemData(i))))

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
    entryRejected = Signal(str)  # a grid refused what was typed, and why
    nextProblemRequested = Signal()  # Enter committed an edit of a flagged cell

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
            view.entryRejected.connect(self.entryRejected)
            view.nextProblemRequested.connect(self.nextProblemRequested)
            self.models[table], self.views[table] = model, view
            self.tabs.addTab(view, table_name(table))
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.hide()
        self.legend = Legend()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.meta)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.legend)
        self.session: ReportSession | None = None
        self._update_tabs()  # "No report selected." until one is (a batch selects its first report read)

    def retranslate(self) -> None:
        self.meta.retranslate()
        self.legend.retranslate()
        for table, view in self.views.items():
            view.retranslate()
            self.models[table].refresh_texts()
        self._update_tabs()

    def set_session(self, session: ReportSession | None) -> None:
        if self.session is not None:
            self.session.findingsChanged.disconnect(self._update_tabs)
            self.session.metaChanged.disconnect(self._meta_changed)
        self.session = session
        self.meta.set_session(session)
        for model in self.models.values():
            model.set_session(session)
        if session is not None:
            session.findingsChanged.connect(self._update_tabs)
            session.metaChanged.connect(self._meta_changed)
        self._update_tabs()

    def _meta_changed(self, field: str) -> None:
        if field == "format":
            self._update_tabs()

    def _update_tabs(self) -> None:
        session = self.session
        report = session.report if session else None
        has_tables = report is not None and not report.error and not report.not_a_report
        has_tables = has_tables and report is not None and report.schema("table3") is not None
        self.tabs.setVisible(has_tables)
        self.placeholder.setVisible(not has_tables)
        if report is None:
            self.placeholder.setText(self.tr("No report selected.") if session is None else self.tr("Reading…"))
        elif report.error:
            self.placeholder.setText(self.tr("This file could not be read:\n%1").replace("%1", report.error))
        elif report.not_a_report:
            self.placeholder.setText(
                self.tr(
                    "No annual report was recognised in this file: it has no report title, none of the six "
                    "sections and none of the form's tables. Its text is shown on the left."
                )
            )
        elif not has_tables:
            self.placeholder.setText(
                self.tr("This report has no standard tables (format: %1).").replace("%1", format_name(report.format))
            )
        for i, table in enumerate(TABLES):
            self.tabs.setTabText(i, self._tab_title(table))
            errors, warnings = self._counts(table)
            tip = self.tr("%1: %2 error(s), %3 warning(s)").replace("%1", table_name(table))
            self.tabs.setTabToolTip(i, tip.replace("%2", str(errors)).replace("%3", str(warnings)))

    def _counts(self, table: str) -> tuple[int, int]:
        """Errors and warnings (with notes) among the findings that concern `table`."""
        if self.session is None:
            return 0, 0
        concern = [f for f in self.session.findings if any(ref.table == table for ref in f.cells)]
        errors = sum(1 for f in concern if f.severity == ERROR)
        return errors, len(concern) - errors

    def _tab_title(self, table: str) -> str:
        report = self.session.report if self.session else None
        title = table_name(table)
        if report is not None and not report.error and not report.has_table(table):
            return title + " " + self.tr("(missing)")
        errors, others = self._counts(table)
        return f"{title} ({errors + others})" if errors + others else title

    def tab_title(self, table: str) -> str:
        """What the tab of `table` reads now."""
        return self.tabs.tabText(TABLES.index(table))

    def _current_changed(self, model: ReportTableModel, current: QModelIndex) -> None:
        key = model.key(current)
        if key is not None:
            self.cellActivated.emit(*key)

    def select_cell(self, table: str, row: str, col: str, focus: bool = False) -> bool:
        """Show `table`'s tab and make the cell current (`focus`: and put the keyboard
        there); False when the grid has no such cell."""
        if table not in self.views:
            return False
        index = self.models[table].index_of(row, col)
        if not index.isValid():
            return False
        view = self.views[table]
        self.tabs.setCurrentWidget(view)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        if focus:
            view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def current_key(self) -> tuple[str, str, str] | None:
        """The current cell of the grid on show."""
        view = self.current_view()
        return view.table_model().key(view.currentIndex())

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


class ElidedLabel(QLabel):
    """A one-line label that gives up width (cut short with …) instead of holding the panel wide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), shown)
        painter.end()


class Legend(QWidget):
    """A line under the grids that says what the cell colours mean."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(2, 2, 2, 2)
        row.setSpacing(4)
        self.chips: list[QLabel] = []
        for color in (theme.ERROR_BG, theme.BLANK_BG, theme.WARNING_BG, theme.UNCERTAIN_BG, theme.EDITED_BG):
            chip = QLabel()
            chip.setStyleSheet(f"background:{color.name()}; border:1px solid #bbb; padding:1px 6px;")
            row.addWidget(chip)
            self.chips.append(chip)
        total = QLabel()
        total.setStyleSheet(
            f"background:{theme.TOTAL_BG.name()}; border:1px solid #bbb;"
            f" border-left:3px solid {theme.TOTAL_RULE.name()}; padding:1px 6px;"
        )
        row.addWidget(total)
        self.chips.append(total)
        self.hint = ElidedLabel()
        self.hint.setStyleSheet("color:#666;")
        row.addWidget(self.hint, 1)
        self.retranslate()

    def retranslate(self) -> None:
        texts = (
            self.tr("Error"),
            self.tr("Blank"),
            self.tr("Warning"),
            self.tr("Uncertain"),
            self.tr("Corrected"),
            self.tr("Total"),
        )
        for chip, text in zip(self.chips, texts, strict=True):
            chip.setText(text)
        self.chips[3].setToolTip(
            self.tr("The figure could not be placed with certainty and was left blank (?): check the source")
        )
        self.hint.setText(self.tr("F8 next problem · type to correct · Enter commits · Ctrl+Enter accepts"))
        self.hint.setToolTip(
            self.tr(
                "F8 / Shift+F8 next / previous problem · type to replace a figure · Enter commits and goes to "
                "the next problem · Ctrl+Enter accepts a suggestion · right-click to revert · Ctrl+F finds in "
                "the text"
            )
        )
