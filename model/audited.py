"""A report with its audit: the one object the pipeline hands on, the window included.

`AuditedReport` holds the `Report`, its own findings (its rules), the batch rules' findings
for it, the change log of its corrections and the index of findings by cell. `findings` is
what the officer sees: the own ones then the batch's, none for a report in error. After a
correction `reaudit` runs the report's rules again (about a millisecond); `set_batch`
takes the batch rules' latest. No Qt: the window's `ReportSession` wraps one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from model.changes import Change
from model.excel.pairs import BookMerge
from model.findings import Finding
from model.report import Report

CellKey = tuple[str, str, str]  # (table, row, col)


@dataclass
class AuditedReport:
    """A report, its own and its batch findings, its corrections and its audit workbook."""

    report: Report
    own: list[Finding] = field(default_factory=list)
    batch: list[Finding] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    book: BookMerge | None = None  # what became of the audit workbook opened with it
    findings: list[Finding] = field(init=False, default_factory=list)
    _by_cell: dict[CellKey, list[Finding]] = field(init=False, default_factory=dict, repr=False)
    _by_row: dict[tuple[str, str], list[Finding]] = field(init=False, default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._merge()

    @property
    def path(self) -> str:
        return self.report.path

    def reaudit(self) -> None:
        """The report's own rules again, after a correction."""
        from model.rules import audit

        self.own = audit(self.report)
        self._merge()

    def set_own(self, findings: list[Finding]) -> None:
        self.own = list(findings)
        self._merge()

    def set_batch(self, findings: list[Finding]) -> bool:
        """The batch rules' findings for this report; False when they are what it had."""
        if [f.as_json() for f in findings] == [f.as_json() for f in self.batch]:
            return False
        self.batch = list(findings)
        self._merge()
        return True

    def cell_findings(self, table: str, row: str, col: str) -> list[Finding]:
        """Findings that concern this cell (directly, or through its whole row)."""
        own = self._by_cell.get((table, row, col), [])
        whole_row = self._by_row.get((table, row), [])
        return own + [f for f in whole_row if f not in own]

    def _merge(self) -> None:
        self.findings = [] if self.report.error else self.own + self.batch
        by_cell: dict[CellKey, list[Finding]] = defaultdict(list)
        rows: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        for f in self.findings:
            for ref in f.cells:
                if ref.col is None:
                    rows[(ref.table, ref.row)].append(f)
                else:
                    by_cell[(ref.table, ref.row, ref.col)].append(f)
        self._by_cell = dict(by_cell)
        self._by_row = dict(rows)
