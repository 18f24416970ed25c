"""The rules across the open batch, run again after loading and after every edit.

The rules and what they keep between runs are `model.batch_rules.BatchAudit`'s, the same
that `main.py check` runs: the narrative fingerprints of the open reports, and the text
rules' last findings, which a cell edit cannot change (so editing stays quick in a batch
of hundreds of reports). Here the findings are handed to the sessions.

After a batch is read the rules run in pieces (`steps`), one per turn of the event loop,
so that a thousand reports do not hold the window up at the end of their loading.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from model import guard
from model.findings import Finding
from model.fingerprints import Fingerprints
from ui.session import ReportSession

HAND_OUT_SLICE = 200  # sessions given their findings per step


class BatchRules:
    """Runs the batch rules over the sessions and hands each session its findings."""

    def __init__(self) -> None:
        self.audit = guard.batch_audit()
        self._runs = 0  # a stepped run stops when another run has started since

    @property
    def prints(self) -> Fingerprints:
        """The narrative fingerprints of the open reports (the loader makes them)."""
        return self.audit.prints

    def run(self, sessions: Sequence[ReportSession], full: bool = True) -> None:
        """Check the batch; `full` false after a cell edit (copied text cannot have changed)."""
        for _ in self.steps(sessions, full):
            pass

    def steps(self, sessions: Sequence[ReportSession], full: bool = True) -> Iterator[None]:
        """`run` in pieces of a few milliseconds, with a pause (a `yield`) between them.

        A run started meanwhile (after an edit, or when a report is closed) supersedes
        this one, which then stops without handing out what it found."""
        self._runs += 1
        run = self._runs
        ready = [s for s in sessions if s.report is not None and not s.report.error]
        reports = [s.report for s in ready if s.report is not None]
        found: dict[int, list[Finding]] = {}
        for step in self.audit.steps(reports, full):
            if step is None:
                yield
                if run != self._runs:
                    return
            else:
                found = step
        for start in range(0, len(ready), HAND_OUT_SLICE):
            yield
            if run != self._runs:
                return
            for i in range(start, min(start + HAND_OUT_SLICE, len(ready))):
                ready[i].set_batch_findings(found.get(i, []))
