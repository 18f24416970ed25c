"""The one pipeline from files to audited reports: read, recognise, audit, the rules across
the batch — each stage under the per-file guard (`model.guard`), so one file's fault or
slowness becomes that file's `error` and the batch goes on. `main.py check` and the window's
loader both run it."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from model import guard
from model.excel_pairs import APPLIED, SEPARATE, BookMerge, merge_book, replay
from model.findings import Finding
from model.report import Report
from parsers import load_report

_log = logging.getLogger(__name__)


def read_and_audit(path: str) -> tuple[Report, list[Finding]]:
    """Read, recognise and audit one file within `FILE_SECONDS`; never raises for the file."""
    try:
        with guard.time_limit(guard.FILE_SECONDS):
            try:
                report = load_report(path)
            except Exception:  # noqa: BLE001 - load_report guards itself; this is the last net
                report = Report(path=path)
                guard.fail(report, guard.READ)
            return report, guard.audit_report(report)
    except guard.TooSlow:
        _log.warning("%s took more than %s s and was left out", path, guard.FILE_SECONDS)
        return Report(path=path, error=guard.TOO_SLOW), []


def audit_files(paths: Sequence[str]) -> list[tuple[Report, list[Finding]]]:
    """Read, recognise and audit each file, then the batch rules: (report, findings) each.

    Never raises for a file: the one pipeline of `main.py check`."""
    reports: list[Report] = []
    own: list[list[Finding]] = []
    for path in paths:
        report, findings = read_and_audit(path)
        reports.append(report)
        own.append(findings)
    batch = guard.batch_findings(reports)
    return [(r, [] if r.error else own[i] + batch.get(i, [])) for i, r in enumerate(reports)]


def read_with_book(path: str, book: str | None) -> tuple[Report, list[Finding], BookMerge | None]:
    """Read and audit one source (`read_and_audit`) with its audit workbook's
    corrections over it, when it has one that applies."""
    report, findings = read_and_audit(path)
    if book is None:
        return report, findings, None
    merge = merge_book(report, book)
    if merge.outcome == APPLIED and merge.changes:
        replay(report, list(merge.changes))
        findings = guard.audit_report(report)
    return report, findings, merge


Audited = tuple[Report, list[Finding], BookMerge | None]


def audit_paired(files: Sequence[str], books: dict[str, str]) -> list[Audited]:
    """`audit_files` for sources opened with their workbooks: each read with its
    workbook's corrections (a workbook that is not its own audited as a report of its own,
    right after it), then the rules across the batch."""
    read: list[Audited] = []
    for path in files:
        report, findings, merge = read_with_book(path, books.get(path))
        read.append((report, findings, merge))
        if merge is not None and merge.outcome == SEPARATE:
            alone, found = read_and_audit(merge.book)
            read.append((alone, found, None))
    batch = guard.batch_findings([r for r, _, _ in read])
    return [(r, [] if r.error else f + batch.get(i, []), m) for i, (r, f, m) in enumerate(read)]
