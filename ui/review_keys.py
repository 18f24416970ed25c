"""The review from the keyboard: F8 / Shift+F8 from problem to problem, Tab and Alt+1 … Alt+4
from pane to pane.

`ProblemSteps` asks `ui.navigation` for the next stop from where the review is — the cell
of the focused grid, the focused finding, else where F8 went last — and goes there: the
report in the list, the keyboard in the problem's cell (or on its finding, when it names
no cell), the source at its words. Going on into another report, or round to the start,
is said in the status bar (`message`). `select_first_problem` is where a review starts:
the report with the most findings, at its first.

`PaneCycle` knows the four panes in Tab order — list, source, grid, findings — and puts
the keyboard in one of them; Tab and Shift+Tab go round them rather than from widget to
widget.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from ui.grid_view import GridView
from ui.grids import TablesPanel
from ui.linking import PaneLinks
from ui.navigation import Order, cell_order, finding_order, next_move
from ui.open_reports import OpenReports
from ui.panels import FindingsPanel, ReportListPanel
from ui.session import ReportSession
from ui.source_view import SourceView


class ProblemSteps(QObject):
    """F8 / Shift+F8: the next or previous problem, across the open reports."""

    message = Signal(str, int)  # for the status bar, and for how many ms

    def __init__(
        self,
        open_reports: OpenReports,
        list_panel: ReportListPanel,
        tables: TablesPanel,
        findings: FindingsPanel,
        links: PaneLinks,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.open_reports = open_reports
        self.list_panel = list_panel
        self.tables = tables
        self.findings = findings
        self.links = links
        self._last_stop: tuple[ReportSession, Order] | None = None  # where F8 went last

    def _position(self) -> Order | None:
        """Where the review is in the current report: the focused grid's cell or finding,
        else where F8 went last."""
        session = self.open_reports.session
        if session is None:
            return None
        focus = QApplication.focusWidget()
        view = self.tables.current_view()
        if focus is not None and (focus is view or view.isAncestorOf(focus)):
            key = self.tables.current_key()
            if key is not None:
                return cell_order(session, *key)
        if focus is not None and focus is self.findings:
            finding = self.findings.current_finding()
            if finding is not None:
                return finding_order(session, finding)
        if self._last_stop is not None and self._last_stop[0] is session:
            return self._last_stop[1]
        return None

    def go_to_problem(self, forward: bool) -> bool:
        """The next (previous) problem, in this report or the next one with problems; the
        keyboard goes to its cell (or to the finding when it names none)."""
        self.tables.finish_editing()
        current = self.open_reports.session
        move = next_move(self.list_panel.sessions_in_order(), current, self._position(), forward)
        if move is None:
            self.message.emit(self.tr("No problems in the open reports."), 8000)
            return False
        if move.session is not current:
            self.list_panel.select(move.session)
            if self.open_reports.session is not move.session:
                self.open_reports.set_current(move.session)
        stop = move.stop
        self._last_stop = (move.session, stop.order)
        if stop.cell is not None:
            self.tables.select_cell(*stop.cell, focus=True)
            self.links.cell_activated(*stop.cell)
            self.findings.select_finding(stop.finding, notify=False)
        else:
            self.findings.select_finding(stop.finding, notify=False)
            self.links.finding_selected(stop.finding)
            self.findings.setFocus(Qt.FocusReason.OtherFocusReason)
        if move.crossed:
            if move.wrapped:
                text = (
                    self.tr("Back to the first report with problems: %1")
                    if forward
                    else self.tr("Back to the last report with problems: %1")
                )
            else:
                text = (
                    self.tr("Next report with problems: %1")
                    if forward
                    else self.tr("Previous report with problems: %1")
                )
            self.message.emit(text.replace("%1", move.session.name), 8000)
        elif move.wrapped:
            text = self.tr("No other report has problems: back to the first problem of this one.")
            self.message.emit(text, 8000)
        return True

    def select_first_problem(self) -> None:
        """Select the report with the most findings and its first finding."""
        ready = [s for s in self.open_reports.sessions if s.report is not None]
        if not ready:
            return
        best = max(ready, key=lambda s: len(s.findings))
        self.list_panel.select(best)
        if best is not self.open_reports.session:
            self.open_reports.set_current(best)
        self.findings.select_row(0)


class PaneCycle:
    """The four panes in Tab order: 0 list, 1 source, 2 grid, 3 findings."""

    def __init__(
        self, list_panel: ReportListPanel, source: SourceView, tables: TablesPanel, findings: FindingsPanel
    ) -> None:
        self.list_panel = list_panel
        self.source = source
        self.tables = tables
        self.findings = findings

    def _panes(self) -> list[QWidget]:
        # The source's side on show (its text, or a scan's page image) takes the keyboard.
        source = self.source.parentWidget() or self.source
        return [self.list_panel.view, source, self.tables.current_view(), self.findings]

    def _pane_of(self, widget: QWidget | None) -> int | None:
        areas: list[QWidget] = [self.list_panel, self.source.parentWidget() or self.source, self.tables]
        areas.append(self.findings.parentWidget() or self.findings)
        for i, area in enumerate(areas):
            if widget is not None and (widget is area or area.isAncestorOf(widget)):
                return i
        return None

    def focus_pane(self, index: int, reason: Qt.FocusReason = Qt.FocusReason.ShortcutFocusReason) -> None:
        """Put the keyboard in a pane (Alt+1 … Alt+4); in a grid, on a cell."""
        pane = self._panes()[index]
        pane.setFocus(reason)
        if index == 2 and isinstance(pane, GridView) and not pane.currentIndex().isValid():
            first = pane.moveCursor(QAbstractItemView.CursorAction.MoveHome, Qt.KeyboardModifier.ControlModifier)
            if first.isValid():
                pane.setCurrentIndex(first)

    def tab(self, widget: QWidget | None, forward: bool) -> bool:
        """Tab (Shift+Tab) from `widget`: the keyboard goes to the next (previous) pane.
        False when `widget` is in none of them (Qt's own Tab order then)."""
        pane = self._pane_of(widget)
        if pane is None:
            return False
        reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        self.focus_pane((pane + (1 if forward else -1)) % 4, reason)
        return True
