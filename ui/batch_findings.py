"""The rules across the open batch, run again after loading and after every edit.

`CROSS_YEAR_CARRY` compares a report's carry-over with last year's report of the same
agency, so it is checked again after each edit. `DUPLICATE_CONTENT` depends only on the
text and the agency, which a cell edit does not change: its last result is reused then,
which keeps editing quick in a batch of hundreds of reports.
"""

from __future__ import annotations

from collections.abc import Sequence

from model.findings import Finding
from ui.session import ReportSession


class BatchRules:
    """Runs the batch rules over the sessions and hands each session its findings."""

    def __init__(self) -> None:
        self._duplicates: dict[ReportSession, list[Finding]] = {}

    def run(self, sessions: Sequence[ReportSession], full: bool = True) -> None:
        """Check the batch; `full` false after a cell edit (copied text cannot have changed)."""
        from model.batch_rules import cross_year_carry, duplicate_content

        ready = [s for s in sessions if s.report is not None and not s.report.error]
        reports = [s.report for s in ready if s.report is not None]
        if full or set(self._duplicates) != set(ready):
            found = duplicate_content(reports)
            self._duplicates = {s: found.get(i, []) for i, s in enumerate(ready)}
        carry = cross_year_carry(reports)
        for i, session in enumerate(ready):
            session.set_batch_findings(carry.get(i, []) + self._duplicates.get(session, []))
