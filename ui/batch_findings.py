"""The rules across the open batch, run again after loading and after every edit.

`CROSS_YEAR_CARRY` compares a report's carry-over with last year's report of the same
agency, so it is checked again after each edit. `DUPLICATE_CONTENT` depends only on the
text and the agency, which a cell edit does not change: its last result is reused then,
which keeps editing quick in a batch of hundreds of reports.

After a batch is read the rules run in pieces (`steps`), one per turn of the event loop,
so that a thousand reports do not hold the window up at the end of their loading.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from model.findings import Finding
from ui.session import ReportSession

HAND_OUT_SLICE = 200  # sessions given their findings per step


class BatchRules:
    """Runs the batch rules over the sessions and hands each session its findings."""

    def __init__(self) -> None:
        self._duplicates: dict[ReportSession, list[Finding]] = {}
        self._runs = 0  # a stepped run stops when another run has started since

    def run(self, sessions: Sequence[ReportSession], full: bool = True) -> None:
        """Check the batch; `full` false after a cell edit (copied text cannot have changed)."""
        for _ in self.steps(sessions, full):
            pass

    def steps(self, sessions: Sequence[ReportSession], full: bool = True) -> Iterator[None]:
        """`run` in pieces of a few milliseconds, with a pause (a `yield`) between them.

        A run started meanwhile (after an edit, or when a report is closed) supersedes
        this one, which then stops without handing out what it found."""
        from model.batch_rules import cross_year_carry, duplicate_content
        from model.guard import run_batch_rule

        self._runs += 1
        run = self._runs
        ready = [s for s in sessions if s.report is not None and not s.report.error]
        reports = [s.report for s in ready if s.report is not None]
        if full or set(self._duplicates) != set(ready):
            found = run_batch_rule(duplicate_content, reports)  # a file it fails on gets an error
            yield
            if run != self._runs:
                return
            self._duplicates = {s: found.get(i, []) for i, s in enumerate(ready)}
        carry = run_batch_rule(cross_year_carry, reports)
        for start in range(0, len(ready), HAND_OUT_SLICE):
            yield
            if run != self._runs:
                return
            for i in range(start, min(start + HAND_OUT_SLICE, len(ready))):
                ready[i].set_batch_findings(carry.get(i, []) + self._duplicates.get(ready[i], []))
