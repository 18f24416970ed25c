"""The one pipeline from files to audited reports (`model.audited.AuditedReport`): read,
recognise, audit, the rules across the batch — each stage under the per-file guard
(`model.guard`), so one file's fault or slowness becomes that file's `error` and the batch
goes on. `main.py check` runs `audit_files`; the window runs its reading half
(`parsers.loading`) in the background and the rules across the batch in steps of the same
`BatchAudit`; a correction is audited again by `AuditedReport.reaudit`."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from model import guard
from model.audited import AuditedReport
from model.excel_pairs import APPLIED, SEPARATE, BookMerge, merge_book, replay
from model.findings import Finding
from model.report import Report
from parsers import load_report

if TYPE_CHECKING:
    from model.batch_rules import BatchAudit
    from parsers.loading import Loaded, Packed

Progress = Callable[[int, int, str], None]

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


def audit_files(
    paths: Sequence[str],
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    books: dict[str, str] | None = None,
    batch: BatchAudit | None = None,
) -> list[AuditedReport]:
    """Read, recognise and audit each file (with its audit workbook's corrections over it,
    `books`), then the rules across the batch: the one pipeline of `main.py check`, whose
    reading half (`parsers.loading`) the window runs in the background too.

    A workbook that is not its source's is audited as a report of its own, right after it.
    `batch` keeps what the rules across the batch may reuse (a guarded one by default).
    Never raises for a file; stops reading when `cancelled()` says so."""
    from parsers.loading import load_batch

    batch = batch or guard.batch_audit()
    read: list[AuditedReport] = []

    def take(item: Loaded | Packed) -> None:
        loaded = item.unpack()
        if loaded.fingerprint is not None:
            batch.prints.adopt(loaded.report, loaded.fingerprint)
        read.append(AuditedReport(loaded.report, loaded.findings, book=loaded.book))
        merge = loaded.book
        if merge is not None and merge.outcome == SEPARATE:
            alone, found = read_and_audit(merge.book)
            read.append(AuditedReport(alone, found))

    load_batch(list(paths), progress or _quiet, cancelled or _never, take, books or {}, background=False)
    found = batch.run([a.report for a in read])
    for i, audited in enumerate(read):
        audited.set_batch(found.get(i, []))
    return read


def _quiet(_done: int, _total: int, _text: str) -> None:
    pass


def _never() -> bool:
    return False
