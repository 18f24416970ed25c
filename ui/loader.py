"""Reading a batch of report files: pure functions the background task runs.

Nothing here touches Qt. Folders are expanded to the report files inside them; each file
is parsed and audited in turn, handed back one by one through `partial`, and a file that
cannot be read becomes a report with its `error` set while the others go on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from model.findings import Finding
from model.report import Report


@dataclass
class Loaded:
    """One parsed file and its first audit."""

    path: str
    report: Report
    findings: list[Finding] = field(default_factory=list)


def expand_paths(paths: Iterable[str]) -> list[str]:
    from parsers.inputs import expand_paths as expand

    return expand(paths)


def load_one(path: str) -> Loaded:
    """Parse and audit one file; never raises for a bad file (the reason is in `report.error`)."""
    from model.batch_rules import prepare
    from model.rules import audit
    from parsers import load_report

    try:
        report = load_report(path)
    except Exception as exc:  # a parser bug must not stop the batch; the reason is shown
        report = Report(path=path, error=f"{type(exc).__name__}: {exc}")
    prepare(report)  # the batch rules' fingerprint, made here off the GUI thread
    return Loaded(path, report, audit(report))


def load_batch(
    paths: list[str],
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
    partial: Callable[[Loaded], None],
) -> int:
    """Load `paths` in order; returns how many were loaded before a cancel."""
    total = len(paths)
    done = 0
    for path in paths:
        if cancelled():
            break
        progress(done, total, os.path.basename(path))
        partial(load_one(path))
        done += 1
    progress(done, total, "")
    return done
