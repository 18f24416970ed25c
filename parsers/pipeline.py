"""The one pipeline from files to audited reports (`model.audited.AuditedReport`): read,
recognise, audit, the rules across the batch — each stage under the per-file guard
(`model.guard`), so one file's fault or slowness becomes that file's `error` and the batch
goes on. `main.py check` runs `audit_files`; the window runs its reading half
(`parsers.loading`) in the background and the rules across the batch in steps of the same
`BatchAudit`; a correction is audited again by `AuditedReport.reaudit`."""

from __future__ import annotations

import array
import logging
import os
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from model import guard
from model.audited import AuditedReport
from model.excel.pairs import APPLIED, SEPARATE, BookMerge, merge_book, replay
from model.findings import Finding
from model.report import Report
from parsers import load_report

if TYPE_CHECKING:
    from model.batch_rules import BatchAudit

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


@dataclass
class Loaded:
    """One parsed file, its first audit and the batch rules' fingerprint of its text; with
    what became of the audit workbook opened with it (`model.excel.pairs`), if any."""

    path: str
    report: Report
    findings: list[Finding] = field(default_factory=list)
    fingerprint: frozenset[int] | None = None
    book: BookMerge | None = None

    def unpack(self) -> Loaded:
        """Itself: read in this process, it was never packed."""
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # The fingerprint (hundreds of CRC-32 values) goes as one block of bytes rather than
        # an object per number: unpickling happens on the window's thread.
        shingles = None if self.fingerprint is None else array.array("I", self.fingerprint).tobytes()
        return (_unpickle_loaded, (self.path, self.report, self.findings, shingles, self.book))


def _unpickle_loaded(
    path: str, report: Report, findings: list[Finding], shingles: bytes | None, book: BookMerge | None = None
) -> Loaded:
    fingerprint = None
    if shingles is not None:
        numbers = array.array("I")
        numbers.frombytes(shingles)
        fingerprint = frozenset(numbers)
    return Loaded(path, report, findings, fingerprint, book)


@dataclass(frozen=True)
class Packed:
    """A `Loaded` pickled by the worker process that read it; `unpack()` gives it back."""

    path: str
    data: bytes

    def unpack(self) -> Loaded:
        loaded = pickle.loads(self.data)
        assert isinstance(loaded, Loaded)
        return loaded


def load_one(path: str, book: str | None = None) -> Loaded:
    """Parse and audit one file, with the corrections of its audit workbook `book` over it
    when they apply; never raises for a bad file (the reason is in `report.error`)."""
    report, findings, merge = read_with_book(path, book)  # within a time limit in worker processes
    fingerprint = guard.prepare_report(report)  # made here, off the GUI thread
    return Loaded(path, report, [] if report.error else findings, fingerprint, merge)


def load_packed(path: str, book: str | None = None) -> Packed:
    """`load_one`, pickled here (in a worker process) for the window's thread to unpack."""
    return Packed(path, pickle.dumps(load_one(path, book), protocol=pickle.HIGHEST_PROTOCOL))


def audit_files(
    paths: Sequence[str],
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    books: dict[str, str] | None = None,
    batch: BatchAudit | None = None,
) -> list[AuditedReport]:
    """Read, recognise and audit each file (with its audit workbook's corrections over it,
    `books`), then the rules across the batch: the one pipeline of `main.py check`. The
    window reads with the same `load_one` in the background (`parsers.loading`) and runs
    the rules across the batch in steps of its own `BatchAudit`.

    A workbook that is not its source's is audited as a report of its own, right after it.
    `batch` keeps what the rules across the batch may reuse (a guarded one by default).
    Never raises for a file; stops reading when `cancelled()` says so."""
    batch = batch or guard.batch_audit()
    read: list[AuditedReport] = []
    books = books or {}
    progress = progress or _quiet
    total, done = len(paths), 0
    for path in paths:
        if cancelled is not None and cancelled():
            break
        progress(done, total, os.path.basename(path))
        done += 1
        loaded = load_one(path, books.get(path))
        if loaded.fingerprint is not None:
            batch.prints.adopt(loaded.report, loaded.fingerprint)
        read.append(AuditedReport(loaded.report, loaded.findings, book=loaded.book))
        merge = loaded.book
        if merge is not None and merge.outcome == SEPARATE:
            alone, own = read_and_audit(merge.book)
            read.append(AuditedReport(alone, own))
    progress(done, total, "")
    found = batch.run([a.report for a in read])
    for i, audited in enumerate(read):
        audited.set_batch(found.get(i, []))
    return read


def _quiet(_done: int, _total: int, _text: str) -> None:
    pass
