"""The 分析 menu: views over several reports of the batch — the comparison of two years
(`ui.compare_view`), a report beside the sum of others (`ui.beside_view`), the overview
(`ui.overview`) and the roll-up of the listed reports saved as a workbook (`model.rollup`,
`model.excel.rollup`).

`BatchViews` holds its actions and opens the views; a figure clicked in the overview
selects its reports in the list (filtered to the agency when they are one agency's).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from model.batch_rules import agency_key
from ui.open_reports import OpenReports
from ui.panels import ReportListPanel
from ui.saving import ask_save_path
from ui.session import ReportSession

if TYPE_CHECKING:  # the views import pandas and openpyxl: only when first opened
    from ui.beside_view import BesideView
    from ui.compare_view import CompareView
    from ui.overview import OverviewView


class BatchViews(QObject):
    """The actions of the 分析 menu and the windows they open."""

    message = Signal(str, int)  # a status bar message and how long it shows (ms)

    def __init__(self, reports: OpenReports, panel: ReportListPanel, window: QWidget) -> None:
        super().__init__(window)
        self.reports = reports
        self.panel = panel
        self.window = window
        self.compare_action = QAction(self)
        self.compare_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.compare_action.triggered.connect(self.open_compare)
        self.beside_action = QAction(self)
        self.beside_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.beside_action.triggered.connect(self.open_beside)
        self.overview_action = QAction(self)
        self.overview_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.overview_action.triggered.connect(self.open_overview)
        self.rollup_action = QAction(self)
        self.rollup_action.triggered.connect(self.ask_rollup)
        self.menu: QMenu | None = None
        self.compare_view: CompareView | None = None
        self.beside_view: BesideView | None = None
        self.overview_view: OverviewView | None = None

    def add_menu(self, bar: QMenuBar, before: QAction) -> None:
        """The 分析 menu in the menu bar, before `before` (the Help menu)."""
        menu = self.menu = QMenu(bar)
        for act in (self.compare_action, self.beside_action, self.overview_action, self.rollup_action):
            menu.addAction(act)
        bar.insertMenu(before, menu)

    def retranslate(self) -> None:
        self.compare_action.setText(self.tr("&Compare Years…"))
        self.beside_action.setText(self.tr("Report &Beside the Sum of Others…"))
        self.overview_action.setText(self.tr("Batch &Overview"))
        self.rollup_action.setText(self.tr("Save &Roll-up of Listed Reports…"))
        if self.menu is not None:
            self.menu.setTitle(self.tr("&Analysis"))
        for view in (self.compare_view, self.beside_view, self.overview_view):
            if view is not None:
                view.retranslate()

    # ---- the views -----------------------------------------------------------------------

    def open_compare(self) -> CompareView:
        """The comparison of the current report with its agency's other year."""
        from ui.compare_view import CompareView

        view = self.compare_view = CompareView(self.reports.sessions, self.reports.session, self.window)
        view.exported.connect(lambda path: self.message.emit(self.tr("Saved %1").replace("%1", path), 10000))
        view.destroyed.connect(lambda: setattr(self, "compare_view", None))
        view.show()
        return view

    def open_beside(self) -> BesideView:
        """The current report beside the sum of the others the list shows (the officer may
        check others)."""
        from ui.beside_view import BesideView

        listed = self.panel.sessions_in_order()
        view = self.beside_view = BesideView(self.reports.sessions, self.reports.session, listed, self.window)
        view.exported.connect(lambda path: self.message.emit(self.tr("Saved %1").replace("%1", path), 10000))
        view.destroyed.connect(lambda: setattr(self, "beside_view", None))
        view.show()
        return view

    def open_overview(self) -> OverviewView:
        """The overview of every report open."""
        from ui.overview import OverviewView

        view = self.overview_view = OverviewView(self.reports.sessions, self.window)
        view.reportsChosen.connect(self.select_reports)
        view.exported.connect(lambda path: self.message.emit(self.tr("Saved %1").replace("%1", path), 10000))
        view.destroyed.connect(lambda: setattr(self, "overview_view", None))
        view.show()
        return view

    def select_reports(self, sessions: list[ReportSession]) -> None:
        """Show the reports behind a figure: the list filtered to their agency when they are
        one agency's (else unfiltered), the first of them selected."""
        if not sessions:
            return
        keys = {agency_key(s.report.agency if s.report else None) for s in sessions}
        first = sessions[0]
        agency = first.report.agency if first.report else None
        self.panel.filter.setText(agency if len(keys) == 1 and agency else "")
        self.panel.select(first)
        self.message.emit(self.tr("%n report(s) behind the figure", "", len(sessions)), 10000)

    # ---- the roll-up ---------------------------------------------------------------------

    def ask_rollup(self) -> None:
        """Sum the reports the list shows (as filtered) into a workbook chosen by the officer."""
        shown = self.panel.sessions_in_order()
        folder = os.path.dirname(shown[0].path) if shown else ""
        start = os.path.join(folder, "合计.xlsx")
        ask_save_path(self.window, self.tr("Save Roll-up"), start, lambda path: self.write_rollup(path, shown))

    def write_rollup(self, path: str, sessions: list[ReportSession]) -> bool:
        from model.atomic import WriteError
        from model.excel.rollup import write_rollup
        from model.rollup import roll_up, roll_up_shared

        reports = [s.report for s in sessions if s.report is not None]
        try:
            write_rollup(path, roll_up(reports), roll_up_shared(reports))
        except WriteError as exc:
            self.message.emit(str(exc), 10000)
            return False
        self.message.emit(self.tr("Saved %1").replace("%1", path), 10000)
        return True
