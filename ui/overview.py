"""The overview (概览) of the open batch: reports by agency with their problem counts (the
agencies ranked by problems), problems by rule, applications received and their outcomes
by year, a heat map of agencies × rules, and bar charts of the agencies with the most
problems, the problems by rule and the applications received by year (`ui.bar_chart`).

Every figure leads to its reports: clicking a row of agencies, rules or years, or a cell of
the heat map, or a bar of a chart, announces the reports behind it (`reportsChosen`), which the window selects
in its list. The figures are `model.overview`'s; the summary workbook with native Excel
charts is `model.excel.overview`'s.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from model.excel.overview import CHART_AGENCIES
from model.messages import RULE_NAMES, SEVERITY_NAMES
from model.overview import YEAR_FIGURES, Overview, overview
from model.rollup import _number
from ui.bar_chart import Bar, BarChart
from ui.saving import ask_save_path, write_told
from ui.session import ReportSession

HEAT_HIGH = QColor("#F8696B")
_REPORTS = Qt.ItemDataRole.UserRole + 1  # the report indices behind an item


def _heat(count: int, most: int) -> QColor:
    """White for none, deepening to red for the most."""
    if count <= 0 or most <= 0:
        return QColor("#ffffff")
    share = 0.15 + 0.85 * count / most
    r = round(255 + (HEAT_HIGH.red() - 255) * share)
    g = round(255 + (HEAT_HIGH.green() - 255) * share)
    b = round(255 + (HEAT_HIGH.blue() - 255) * share)
    return QColor(r, g, b)


def _grid() -> QTableWidget:
    grid = QTableWidget()
    grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    grid.verticalHeader().hide()
    return grid


def _item(value: object, reports: list[int] | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem("" if value is None else str(value))
    if isinstance(value, int | float):
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    if reports is not None:
        item.setData(_REPORTS, reports)
    return item


class OverviewView(QWidget):
    """A window with the batch at a glance (see the module's docstring)."""

    reportsChosen = Signal(list)  # the ReportSessions behind a figure clicked
    exported = Signal(str)  # the path of the overview workbook written

    def __init__(self, sessions: Sequence[ReportSession], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("OverviewView")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.sessions = [s for s in sessions if s.report is not None]
        self.data: Overview = overview([(s.report, s.findings) for s in self.sessions if s.report is not None])
        self.summary = QLabel()
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.ask_export)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)
        self.tabs = QTabWidget()
        self.agencies, self.rules, self.years, self.heat = _grid(), _grid(), _grid(), _grid()
        self.heat.verticalHeader().show()
        for grid in (self.agencies, self.rules, self.years, self.heat):
            grid.cellClicked.connect(lambda row, col, grid=grid: self._clicked(grid, row, col))
            self.tabs.addTab(grid, "")
        self.agency_chart, self.rule_chart, self.year_chart = BarChart(), BarChart(), BarChart()
        charts = QWidget()
        chart_grid = QGridLayout(charts)
        chart_grid.addWidget(self.agency_chart, 0, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
        chart_grid.addWidget(self.rule_chart, 0, 1, Qt.AlignmentFlag.AlignTop)
        chart_grid.addWidget(self.year_chart, 1, 1, Qt.AlignmentFlag.AlignTop)
        chart_grid.setRowStretch(1, 1)
        for chart in (self.agency_chart, self.rule_chart, self.year_chart):
            chart.barChosen.connect(self._chosen)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(charts)
        self.tabs.addTab(scroll, "")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.resize(1100, 700)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Batch Overview"))
        tabs = (self.tr("Agencies"), self.tr("Rules"), self.tr("Years"), self.tr("Heat Map"), self.tr("Charts"))
        for k, text in enumerate(tabs):
            self.tabs.setTabText(k, text)
        self.export_button.setText(self.tr("Save as Workbook…"))
        self.fill()

    # ---- the figures -----------------------------------------------------------------------

    def fill(self) -> None:
        o = self.data
        text = self.tr("%1 report(s) of %2 agency(ies); %3 problem(s). Click a figure to select its reports.")
        for k, value in enumerate((len(o.reports), len(o.agencies), int(o.reports["problems"].sum())), start=1):
            text = text.replace(f"%{k}", str(value))
        self.summary.setText(text)
        self._fill_agencies(o)
        self._fill_rules(o)
        self._fill_years(o)
        self._fill_heat(o)
        self._fill_charts(o)

    def _fill_agencies(self, o: Overview) -> None:
        g = self.agencies
        headers = [self.tr("Rank"), self.tr("Agency"), self.tr("Reports"), self.tr("Errors"), self.tr("Warnings"),
                   self.tr("Notes"), self.tr("Problems")]  # fmt: skip
        g.clear()
        g.setColumnCount(len(headers))
        g.setHorizontalHeaderLabels(headers)
        g.setRowCount(len(o.agencies))
        for i, (name, a) in enumerate(o.agencies.iterrows()):
            behind = o.reports_of(agency=str(name))
            values: list[object] = [int(a["rank"]), str(name)] + [
                int(a[c]) for c in ("reports", "errors", "warnings", "infos", "problems")
            ]
            for j, value in enumerate(values):
                g.setItem(i, j, _item(value, behind))
        g.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def _fill_rules(self, o: Overview) -> None:
        g = self.rules
        headers = [self.tr("Rule"), self.tr("Severity"), self.tr("Problems"), self.tr("Reports")]
        g.clear()
        g.setColumnCount(len(headers))
        g.setHorizontalHeaderLabels(headers)
        g.setRowCount(len(o.rules))
        for i, (rule, r) in enumerate(o.rules.iterrows()):
            behind = o.reports_of(rule=str(rule))
            values: list[object] = [
                RULE_NAMES.get(str(rule), str(rule)),
                SEVERITY_NAMES.get(str(r["severity"]), str(r["severity"])),
                int(r["findings"]),
                int(r["reports"]),
            ]
            for j, value in enumerate(values):
                g.setItem(i, j, _item(value, behind))
        g.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _fill_years(self, o: Overview) -> None:
        g = self.years
        names = {
            "new": self.tr("Received"),
            "granted": self.tr("Granted"),
            "partial": self.tr("Partly granted"),
            "refused": self.tr("Refused"),
            "unable": self.tr("Unable to provide"),
            "not_processed": self.tr("Not processed"),
            "other": self.tr("Other outcome"),
            "total_processed": self.tr("Total processed"),
        }
        headers = [self.tr("Year"), self.tr("Reports")] + [names[n] for n, _ in YEAR_FIGURES]
        g.clear()
        g.setColumnCount(len(headers))
        g.setHorizontalHeaderLabels(headers)
        g.setRowCount(len(o.years))
        for i, (year, y) in enumerate(o.years.iterrows()):
            behind = o.reports_of(year=int(str(year)))
            values: list[object] = [int(str(year)), int(y["reports"])] + [_number(y[n]) for n, _ in YEAR_FIGURES]
            for j, value in enumerate(values):
                item = _item(value, behind)
                if j >= 2:  # a sum: how many reports hold the figure (blanks are left out)
                    counted = int(y[f"{YEAR_FIGURES[j - 2][0]}_counted"])
                    item.setToolTip(self.tr("%n report(s) behind the sum", "", counted))
                g.setItem(i, j, item)
        g.resizeColumnsToContents()

    def _fill_heat(self, o: Overview) -> None:
        g = self.heat
        g.clear()
        rules = [str(r) for r in o.heat.columns]
        g.setColumnCount(len(rules))
        g.setRowCount(len(o.heat.index))
        g.setHorizontalHeaderLabels([RULE_NAMES.get(r, r) for r in rules])
        g.setVerticalHeaderLabels([str(a) for a in o.heat.index])
        most = int(o.heat.to_numpy().max()) if o.heat.size else 0
        for i, agency in enumerate(o.heat.index):
            for j, rule in enumerate(rules):
                count = int(o.heat.iat[i, j])
                item = _item(count if count else "", o.reports_of(agency=str(agency), rule=rule) if count else [])
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setBackground(QBrush(_heat(count, most)))
                g.setItem(i, j, item)
        g.resizeColumnsToContents()

    def _fill_charts(self, o: Overview) -> None:
        top = o.agencies.head(CHART_AGENCIES)
        self.agency_chart.set_bars(
            self.tr("Agencies with the most problems"),
            [Bar(str(name), int(a["problems"]), o.reports_of(agency=str(name))) for name, a in top.iterrows()],
        )
        self.rule_chart.set_bars(
            self.tr("Problems by rule"),
            [
                Bar(RULE_NAMES.get(str(rule), str(rule)), int(r["findings"]), o.reports_of(rule=str(rule)))
                for rule, r in o.rules.iterrows()
            ],
        )
        received = [(int(str(y)), _number(v["new"])) for y, v in o.years.iterrows()]
        self.year_chart.set_bars(
            self.tr("Applications received by year"),
            [Bar(str(y), n, o.reports_of(year=y)) for y, n in received if n is not None],
        )

    def _chosen(self, behind: object) -> None:
        if isinstance(behind, list) and behind:
            self.reportsChosen.emit([self.sessions[i] for i in behind])

    # ---- through to the reports ----------------------------------------------------------------

    def _clicked(self, grid: QTableWidget, row: int, col: int) -> None:
        item = grid.item(row, col)
        behind = item.data(_REPORTS) if item is not None else None
        if behind:
            self.reportsChosen.emit([self.sessions[i] for i in behind])

    def sessions_at(self, grid: QTableWidget, row: int, col: int) -> list[ReportSession]:
        """The reports behind the figure at (`row`, `col`) of `grid`."""
        item = grid.item(row, col)
        behind = item.data(_REPORTS) if item is not None else None
        return [self.sessions[i] for i in behind or []]

    # ---- the workbook -------------------------------------------------------------------------

    def ask_export(self) -> None:
        folder = os.path.dirname(self.sessions[0].path) if self.sessions else ""
        ask_save_path(self, self.tr("Save Overview"), os.path.join(folder, "概览.xlsx"), self.export_to)

    def export_to(self, path: str) -> None:
        """Write the overview workbook to `path` (the status is told through `exported`)."""
        from model.excel.overview import write_overview

        data = self.data
        write_told(path, lambda p: write_overview(p, data), self.summary.setText, self.exported.emit)
