"""The panes point at each other: a finding or a cell shows the words it came from, and a
number clicked in the source selects its cell.

Selecting a finding selects its first cell and highlights its words in the source (and
the figures of a claim it reads: its total and parts, the arithmetic shown over them);
selecting a cell highlights the words it was read from and selects its first finding
(quietly: that finding does not select a cell again); clicking in the source selects the
cell read there, else the smallest finding whose words are there. `PaneLinks` gets the
three panes and the reports; while one link is followed, the echoes it sets off are not.
"""

from __future__ import annotations

from collections.abc import Callable

from model.findings import Finding
from ui.grids import TablesPanel
from ui.open_reports import OpenReports
from ui.panels import FindingsPanel
from ui.source_view import SourceView


class PaneLinks:
    """Follows a selection from one pane to the others, for the current report."""

    def __init__(
        self,
        open_reports: OpenReports,
        source: SourceView,
        tables: TablesPanel,
        findings: FindingsPanel,
        text_pending: Callable[[], bool],
    ) -> None:
        """`text_pending` says whether the source shows another report's text still (the
        current one's comes on the next turn of the event loop)."""
        self.open_reports = open_reports
        self.source = source
        self.tables = tables
        self.findings = findings
        self.text_pending = text_pending
        self._linking = False

    def finding_selected(self, finding: Finding) -> None:
        if self._linking:
            return
        self._linking = True
        try:
            ref = next((c for c in finding.cells if c.col is not None), None)
            if ref is not None:
                self.tables.select_cell(ref.table, ref.row, ref.col or "")
            marks = finding.figures.get("marks") or ()
            self.source.show_span(finding.source, marks, finding.message if marks else "")
        finally:
            self._linking = False

    def cell_activated(self, table: str, row: str, col: str) -> None:
        session = self.open_reports.session
        if self._linking or session is None:
            return
        self._linking = True
        try:
            cell = session.cell(table, row, col)
            self.source.show_span(cell.span if cell else None)
            found = session.cell_findings(table, row, col)
            if found:
                self.findings.select_finding(found[0], notify=False)
        finally:
            self._linking = False

    def source_clicked(self, pos: int) -> None:
        session = self.open_reports.session
        if session is None or self._linking or self.text_pending():
            return  # (the text shown is not the session's yet)
        key = session.cell_at(pos)
        if key is not None:
            self.tables.select_cell(*key)  # the cell's span is then highlighted
            return
        hit = [f for f in session.findings if f.source and f.source[0] <= pos < f.source[1]]
        if hit:
            hit.sort(key=lambda f: f.source[1] - f.source[0] if f.source else 0)
            self.findings.select_finding(hit[0])
