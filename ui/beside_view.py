"""A report beside the roll-up of others: a county government's own report beside the sum
of its departments, cell by cell.

The officer chooses the report (the current one to begin with) and, in a checkable list,
the reports to sum (to begin with the others the report list shows, as filtered). For
each table the form's rows show, per column, the report's figure, the others' sum, the
difference (report − sum) and the reports behind the sum. A cell that differs is filled
orange, its difference printed and its tooltip says it in words; a report of one form
beside reports of the other is compared only over the cells both forms share (the rest
grey, and named above the tables). It can be saved as a workbook
(`model.excel.beside`). The work is `model.rollup.beside_others`, done when the view
opens or the choice changes, never while reports load.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from model.excel.beside import signed, unshared_names
from model.messages import FORMAT_NAMES, TABLE_SHORT, fmt_num, row_label
from model.rollup import FORMS, SHARED, Beside, beside_others
from model.schema import FORMAT_2021, TABLES
from ui.compare_view import ready
from ui.saving import ask_save_path, write_told
from ui.session import ReportSession, choice_title

DIFF_COLOR = QColor("#FDE0BD")
NOT_SHARED_COLOR = QColor("#e6e6e6")
PARTS = 4  # per column of the form: the report, the sum, the difference, the reports behind the sum


def comparable(session: ReportSession) -> bool:
    """True when the report holds tables of a form (2019 or 2021) to put beside others."""
    return session.report is not None and not session.report.error and session.report.format in FORMS


class BesideView(QWidget):
    """A window with one report beside the sum of others (see the module's docstring)."""

    exported = Signal(str)  # the path of the workbook written

    def __init__(
        self,
        sessions: Sequence[ReportSession],
        current: ReportSession | None = None,
        listed: Sequence[ReportSession] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("BesideView")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.sessions = ready(sessions)
        self.seen: Beside | None = None
        self.report = QComboBox()
        for s in self.sessions:
            if comparable(s):
                self.report.addItem(choice_title(s), s)
        self.report_label = QLabel()
        self.report_label.setBuddy(self.report)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.ask_export)
        top = QHBoxLayout()
        top.addWidget(self.report_label)
        top.addWidget(self.report, 1)
        top.addWidget(self.export_button)
        self.others_label = QLabel()
        self.others = QListWidget()
        self.others_label.setBuddy(self.others)
        for s in self.sessions:
            item = QListWidgetItem(choice_title(s))
            item.setData(Qt.ItemDataRole.UserRole, s)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.others.addItem(item)
        self.listed_button, self.all_button, self.none_button = QPushButton(), QPushButton(), QPushButton()
        self.listed = [s for s in listed if s in self.sessions]
        self.listed_button.clicked.connect(lambda: self.check(self.listed))
        self.all_button.clicked.connect(lambda: self.check(self.sessions))
        self.none_button.clicked.connect(lambda: self.check([]))
        buttons = QHBoxLayout()
        for b in (self.listed_button, self.all_button, self.none_button):
            buttons.addWidget(b)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.others_label)
        left_layout.addWidget(self.others, 1)
        left_layout.addLayout(buttons)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget()
        self.grids: dict[str, QTableWidget] = {}
        for table in TABLES:
            grid = QTableWidget()
            grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.grids[table] = grid
            self.tabs.addTab(grid, TABLE_SHORT[table])
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.tabs, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([300, 900])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.resize(1280, 760)
        self._quiet = True
        self.retranslate()
        if current is not None and comparable(current):
            self.report.setCurrentIndex(max(self.report.findData(current), 0))
        self.report.currentIndexChanged.connect(self._report_changed)
        self.others.itemChanged.connect(self.refresh)
        self.check(self.listed)  # refreshes

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Report Beside the Sum of Others"))
        self.report_label.setText(self.tr("&Report:"))
        self.others_label.setText(self.tr("&Beside the sum of (checked):"))
        self.listed_button.setText(self.tr("&Listed"))
        self.listed_button.setToolTip(self.tr("Check the reports the list shows (as filtered)"))
        self.all_button.setText(self.tr("&All"))
        self.none_button.setText(self.tr("&None"))
        self.export_button.setText(self.tr("&Save as Workbook…"))
        self.refresh()

    # ---- the choice ----------------------------------------------------------------------

    def current(self) -> ReportSession | None:
        s: ReportSession | None = self.report.currentData()
        return s

    def check(self, sessions: Sequence[ReportSession]) -> None:
        """Check exactly `sessions` among the others (the report itself is never summed)."""
        chosen = set(map(id, sessions))
        self._quiet = True
        for i in range(self.others.count()):
            item = self.others.item(i)
            on = id(item.data(Qt.ItemDataRole.UserRole)) in chosen
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._quiet = False
        self._report_changed()

    def checked(self) -> list[ReportSession]:
        """The reports summed: those checked, but the report itself."""
        me = self.current()
        out = []
        for i in range(self.others.count()):
            item = self.others.item(i)
            s = item.data(Qt.ItemDataRole.UserRole)
            if item.checkState() == Qt.CheckState.Checked and s is not me:
                out.append(s)
        return out

    def _report_changed(self, *_: object) -> None:
        me = self.current()
        for i in range(self.others.count()):  # the report itself is not offered for the sum
            item = self.others.item(i)
            item.setHidden(item.data(Qt.ItemDataRole.UserRole) is me)
        self.refresh()

    # ---- showing ---------------------------------------------------------------------------

    def refresh(self, *_: object) -> None:
        if self._quiet:
            return
        me = self.current()
        others = self.checked()
        if me is None or me.report is None:
            self.seen = None
            self.summary.setText(self.tr("No report with tables of the 2019 or 2021 form is open."))
        else:
            self.seen = beside_others(me.report, [s.report for s in others if s.report is not None])
            self.summary.setText(self._summary(self.seen, others))
        for table, grid in self.grids.items():
            self._fill(grid, table)
        self.export_button.setEnabled(self.seen is not None and self.seen.rollup.reports > 0)

    def _fill(self, grid: QTableWidget, table: str) -> None:
        grid.clear()
        seen = self.seen
        schema = seen.rollup.schemas.get(table) if seen is not None else None
        if seen is None or schema is None or seen.rollup.reports == 0:
            grid.setRowCount(0)
            grid.setColumnCount(0)
            return
        fmt = FORMAT_2021 if seen.rollup.format == SHARED else seen.rollup.format  # the shared cells: 2021 layout
        cols = schema.all_cols()
        parts = (self.tr("This report"), self.tr("Sum of others"), self.tr("Difference"), self.tr("Reports"))
        grid.setColumnCount(PARTS * len(cols))
        grid.setHorizontalHeaderLabels([f"{schema.col_labels.get(c, c)}\n{p}" for c in cols for p in parts])
        grid.setRowCount(len(schema.rows))
        grid.setVerticalHeaderLabels([row_label(table, fmt, r.id) for r in schema.rows])
        bold = QFont(grid.font())
        bold.setBold(True)
        for i, row in enumerate(schema.rows):
            for j, col in enumerate(cols):
                items = [QTableWidgetItem("") for _ in range(PARTS)]
                if col not in row.cols:
                    for item in items:
                        item.setFlags(Qt.ItemFlag.NoItemFlags)
                elif not seen.shown(table, row.id, col):
                    tip = self.tr("Not on both forms: not summed, not compared")
                    items[0].setText("—")
                    for item in items:
                        item.setBackground(QBrush(NOT_SHARED_COLOR))
                        item.setToolTip(tip)
                else:
                    self._cell(items, seen, table, row.id, col, bold)
                for k, item in enumerate(items):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    grid.setItem(i, PARTS * j + k, item)
        grid.resizeColumnsToContents()

    def _cell(self, items: list[QTableWidgetItem], seen: Beside, table: str, row: str, col: str, bold: QFont) -> None:
        own, total = seen.own_value(table, row, col), seen.rollup.value(table, row, col)
        n, blank = seen.rollup.count(table, row, col), seen.rollup.blank(table, row, col)
        diff = seen.diff(table, row, col)
        items[0].setText(_shown(own))
        items[1].setText(_shown(total))
        items[2].setText(signed(diff))
        items[3].setText(str(n))
        counted = self.tr("%n report(s) behind the sum", "", n)
        if blank:
            counted += self.tr("; %n left it blank (not summed)", "", blank)
        if diff is None:
            tip = self.tr("Not compared: a side is blank") + "\n" + counted
        elif diff == 0:
            tip = self.tr("Equal to the sum of the others") + "\n" + counted
        else:
            tip = (
                self.tr("Differs: this report %1, the others' sum %2, difference %3")
                .replace("%1", _shown(own))
                .replace("%2", _shown(total))
                .replace("%3", signed(diff))
                + "\n"
                + counted
            )
            for item in items:
                item.setBackground(QBrush(DIFF_COLOR))
            items[2].setFont(bold)
        for item in items:
            item.setToolTip(tip)

    def _summary(self, seen: Beside, others: list[ReportSession]) -> str:
        if not others:
            return self.tr("Check the reports whose sum the report is put beside.")
        words = self.tr("%1 beside the sum of %2 report(s): %3 cell(s) differ (orange).")
        me = seen.report
        for k, value in enumerate(
            (
                f"{me.agency or os.path.basename(me.path)} {me.year or ''}".strip(),
                seen.rollup.reports,
                len(seen.differing()),
            ),
            start=1,
        ):
            words = words.replace(f"%{k}", str(value))
        if seen.rollup.format == SHARED:
            named = [f"{FORMAT_NAMES.get(fmt, fmt)}：{'、'.join(cells)}" for fmt, cells in unshared_names().items()]
            words += " " + self.tr(
                "The reports are of both forms: only the cells both forms share are summed and compared; "
                "not compared (grey): %1."
            ).replace("%1", " / ".join(named))
        if seen.left_out:
            names = "、".join(os.path.basename(p) for p, _ in seen.left_out)
            words += " " + self.tr("Not summed (no tables of the form): %1.").replace("%1", names)
        return words

    # ---- the workbook ----------------------------------------------------------------------

    def ask_export(self) -> None:
        if self.seen is None:
            return
        r = self.seen.report
        name = f"{r.agency or 'report'}_{r.year or ''}.对照合计.xlsx"
        ask_save_path(
            self, self.tr("Save Comparison with the Sum"), os.path.join(os.path.dirname(r.path), name), self.export_to
        )

    def export_to(self, path: str) -> None:
        """Write the workbook to `path` (the status is told through `exported`)."""
        from model.excel.beside import write_beside

        seen = self.seen
        if seen is not None:
            write_told(path, lambda p: write_beside(p, seen), self.summary.setText, self.exported.emit)


def _shown(value: object) -> str:
    return "" if value is None else fmt_num(value)  # type: ignore[arg-type]
