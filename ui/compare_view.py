"""The comparison view: one agency's report of one year beside another year's.

Two lists choose the reports (the older and the newer); opened on the current report they
hold it and its agency's report of the year before (or after) as `model.last_year` pairs
them, and any two reports can be paired by hand. For each table the figures of both
years stand side by side with the change (number and per cent) beside them; swings
(YEAR_SWING's test) are filled orange. The narrative is compared section by section:
unchanged paragraphs grey, near-unchanged yellow with their word-level changes marked
(deleted words struck through, added ones underlined), new ones plain, removed ones struck
through. The comparison can be saved as a workbook (`model.excel.rollup`).

The work is `model.compare`; this module only shows it.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from model.compare import (
    CHANGED,
    DELETE,
    INSERT,
    NEAR,
    NEW,
    REMOVED,
    SAME,
    Comparison,
    Run,
    TableComparison,
    compare,
)
from model.excel.rollup import change_text
from model.last_year import YearPairs
from model.messages import TABLE_SHORT, fmt_num, row_label
from model.report import Report
from model.rollup import _number
from model.schema import TABLES
from ui.saving import ask_save_path, write_told
from ui.session import ReportSession, choice_title

SWING_COLOR = QColor("#FDE0BD")
DELETED_COLOR, INSERTED_COLOR = "#c00000", "#0033cc"
STATE_COLORS = {SAME: "#e6e6e6", NEAR: "#fff2b3", CHANGED: "#ffffff", NEW: "#ffffff", REMOVED: "#ffffff"}


def ready(sessions: Sequence[ReportSession]) -> list[ReportSession]:
    """The reports that were read (a failed or loading one has nothing to compare)."""
    return [s for s in sessions if s.report is not None and not s.report.error]


def default_pair(
    sessions: Sequence[ReportSession], current: ReportSession | None
) -> tuple[ReportSession | None, ReportSession | None]:
    """(older, newer) to open with: the current report and its agency's year before, else
    its year after, as `model.last_year` pairs them; else the current one alone."""
    reports = ready(sessions)
    if current is None or current not in reports:
        return None, current
    pairs = YearPairs([s.report for s in reports if s.report is not None])
    i = reports.index(current)
    lasts = pairs.last_year(i)
    if lasts:
        return reports[lasts[0]], current
    for k in range(len(reports)):
        if i in pairs.last_year(k):
            return current, reports[k]
    return None, current


class CompareView(QWidget):
    """A window with two years of one agency side by side (see the module's docstring)."""

    exported = Signal(str)  # the path of the comparison workbook written

    def __init__(
        self,
        sessions: Sequence[ReportSession],
        current: ReportSession | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("CompareView")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.sessions = ready(sessions)
        self.comparison: Comparison | None = None
        self.older = QComboBox()
        self.newer = QComboBox()
        for combo in (self.older, self.newer):
            combo.addItem("—", None)
            for s in self.sessions:
                combo.addItem(choice_title(s), s)
            combo.currentIndexChanged.connect(self.refresh)
        self.swap_button = QPushButton()
        self.swap_button.clicked.connect(self.swap)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.ask_export)
        self.older_label, self.newer_label = QLabel(), QLabel()
        top = QHBoxLayout()
        top.addWidget(self.older_label)
        top.addWidget(self.older, 1)
        top.addWidget(self.swap_button)
        top.addWidget(self.newer_label)
        top.addWidget(self.newer, 1)
        top.addWidget(self.export_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self.grids: dict[str, QTableWidget] = {}
        for table in TABLES:
            grid = QTableWidget()
            grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            grid.setAlternatingRowColors(False)
            self.grids[table] = grid
            self.tabs.addTab(grid, TABLE_SHORT[table])
        self.text = QTextBrowser()
        self.tabs.addTab(self.text, "")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self.resize(1200, 720)
        self.retranslate()
        older, newer = default_pair(self.sessions, current)
        self.set_pair(older, newer)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Compare Years"))
        self.older_label.setText(self.tr("Earlier:"))
        self.newer_label.setText(self.tr("Later:"))
        self.swap_button.setText(self.tr("Swap"))
        self.export_button.setText(self.tr("Save as Workbook…"))
        self.tabs.setTabText(len(TABLES), self.tr("Text"))
        self.refresh()

    # ---- choosing the pair ---------------------------------------------------------------

    def set_pair(self, older: ReportSession | None, newer: ReportSession | None) -> None:
        """Compare `older` with `newer` (either may be None: nothing is compared then)."""
        for combo, s in ((self.older, older), (self.newer, newer)):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(s), 0) if s is not None else 0)
            combo.blockSignals(False)
        self.refresh()

    def pair(self) -> tuple[ReportSession | None, ReportSession | None]:
        return self.older.currentData(), self.newer.currentData()

    def swap(self) -> None:
        older, newer = self.pair()
        self.set_pair(newer, older)

    # ---- showing ---------------------------------------------------------------------------

    def refresh(self, *_: object) -> None:
        older, newer = self.pair()
        if older is None or newer is None or older.report is None or newer.report is None:
            self.comparison = None
            self.summary.setText(self.tr("Choose two reports to compare."))
            for grid in self.grids.values():
                grid.clear()
                grid.setRowCount(0)
                grid.setColumnCount(0)
            self.text.clear()
            self.export_button.setEnabled(False)
            return
        self.comparison = compare(older.report, newer.report)
        self.export_button.setEnabled(True)
        for table, grid in self.grids.items():
            t = self.comparison.tables.get(table)
            self._fill(grid, t, older.report, newer.report)
        self._show_text(self.comparison)
        self._summary(self.comparison)

    def _fill(self, grid: QTableWidget, t: TableComparison | None, old: Report, new: Report) -> None:
        grid.clear()
        if t is None:
            grid.setRowCount(0)
            grid.setColumnCount(0)
            return
        cols = t.schema.all_cols()
        years = (str(old.year or self.tr("Earlier")), str(new.year or self.tr("Later")))
        headers = []
        for col in cols:
            label = t.schema.col_labels.get(col, col)
            headers += [f"{label}\n{years[0]}", f"{label}\n{years[1]}", f"{label}\n" + self.tr("Change")]
        grid.setColumnCount(len(headers))
        grid.setHorizontalHeaderLabels(headers)
        grid.setRowCount(len(t.schema.rows))
        grid.setVerticalHeaderLabels([row_label(t.table, new.format, r.id) for r in t.schema.rows])
        swing_tip = self.tr(
            "Swing: at least fivefold up or down on the earlier year, with 10 cases or more on one side"
        )
        for i, row in enumerate(t.schema.rows):
            for j, col in enumerate(cols):
                if col not in row.cols:
                    for k in range(3):
                        item = QTableWidgetItem("")
                        item.setFlags(Qt.ItemFlag.NoItemFlags)
                        grid.setItem(i, 3 * j + k, item)
                    continue
                cell = t.cell(row.id, col)
                texts = (_shown(cell["old"]), _shown(cell["new"]), change_text(cell["change"], cell["percent"]))
                for k, text in enumerate(texts):
                    item = QTableWidgetItem(str(text))
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    if cell["swing"]:
                        item.setBackground(QBrush(SWING_COLOR))
                        item.setToolTip(swing_tip)
                    grid.setItem(i, 3 * j + k, item)
        grid.resizeColumnsToContents()

    def _show_text(self, c: Comparison) -> None:
        names = {
            SAME: self.tr("unchanged"),
            NEAR: self.tr("nearly unchanged"),
            CHANGED: self.tr("rewritten"),
            NEW: self.tr("new"),
            REMOVED: self.tr("removed"),
        }
        before = self.tr("Earlier year:")
        legend = self.tr(
            "In nearly unchanged paragraphs, words struck through in red were deleted since the earlier year "
            "and words underlined in blue were added."
        )
        parts = [f"<p style='color:#555'>{html.escape(legend)}</p>"]
        for section in c.sections:
            parts.append(f"<h3>{html.escape(section.title or self.tr('Whole text'))}</h3>")
            if not section.paragraphs:
                parts.append(f"<p style='color:#777'>{html.escape(self.tr('(no text outside the tables)'))}</p>")
            for p in section.paragraphs:
                color = STATE_COLORS[p.state]
                tag = f"<b>[{html.escape(names[p.state])}]</b> "
                if p.state == REMOVED:
                    body = f"<s>{html.escape(p.old)}</s>"
                elif p.runs:
                    body = marked_html(p.runs)
                else:
                    body = html.escape(p.new)
                    if p.state in (NEAR, CHANGED):
                        body += f"<br><span style='color:#666'>{html.escape(before)} {html.escape(p.old)}</span>"
                parts.append(f"<p style='background-color:{color}'>{tag}{body}</p>")
        self.text.setHtml("".join(parts))

    def _summary(self, c: Comparison) -> None:
        counts = {s: 0 for s in (SAME, NEAR, CHANGED, NEW, REMOVED)}
        for section in c.sections:
            for state, n in section.counts().items():
                counts[state] += n
        words = self.tr(
            "%1 → %2: %3 swing(s) in the tables; text: %4 paragraph(s) unchanged, %5 nearly unchanged, "
            "%6 rewritten, %7 new, %8 removed."
        )
        for k, value in enumerate(
            (
                f"{c.old.year or '?'}",
                f"{c.new.year or '?'}",
                len(c.swings()),
                counts[SAME],
                counts[NEAR],
                counts[CHANGED],
                counts[NEW],
                counts[REMOVED],
            ),
            start=1,
        ):
            words = words.replace(f"%{k}", str(value))
        self.summary.setText(words)

    # ---- the workbook ----------------------------------------------------------------------

    def ask_export(self) -> None:
        if self.comparison is None:
            return
        c = self.comparison
        name = f"{c.new.agency or 'report'}_{c.old.year}-{c.new.year}.对比.xlsx"
        ask_save_path(self, self.tr("Save Comparison"), os.path.join(os.path.dirname(c.new.path), name), self.export_to)

    def export_to(self, path: str) -> None:
        """Write the comparison workbook to `path` (the status is told through `exported`)."""
        from model.excel.rollup import write_comparison

        comparison = self.comparison
        if comparison is not None:
            write_told(path, lambda p: write_comparison(p, comparison), self.summary.setText, self.exported.emit)


def marked_html(runs: list[Run]) -> str:
    """A near-unchanged paragraph with its word-level marks: deletions struck through in
    red, insertions underlined in blue (marked by line as well as colour)."""
    out = []
    for kind, text in runs:
        t = html.escape(text)
        if kind == DELETE:
            out.append(f"<s style='color:{DELETED_COLOR};background-color:#fde2e2'>{t}</s>")
        elif kind == INSERT:
            out.append(f"<u style='color:{INSERTED_COLOR};background-color:#dde8ff'>{t}</u>")
        else:
            out.append(t)
    return "".join(out)


def _shown(value: object) -> str:
    number = _number(value)
    return "" if number is None else fmt_num(number)
