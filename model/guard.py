"""The per-file guard: a fault of the program on one file becomes that file's `error`.

Every stage that works on one file — reading and recognising it, the audit with its
narrative rules, the rules across the batch, the export — runs through here, in
`main.py check` and in the window alike. A program error (not an `AuditError`, which
already carries the officer's reason) is logged with its traceback, and the file gets one
Chinese sentence that says at which stage it failed; the other files go on.

The batch rules look at many reports at once: when one of them fails, the reports are
tried one at a time to find the one it fails on, which is then set aside with its
`error`, and the rule runs again on the others.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from model.errors import AuditError
from model.findings import Finding
from model.report import Report

if TYPE_CHECKING:
    from model.batch_rules import BatchAudit

_log = logging.getLogger(__name__)

# The stages, as the officer reads them in the sentence.
READ = "读取"
AUDIT = "审核"
BATCH = "跨报告核对"
EXPORT = "导出"

FILE_SECONDS = 60.0  # a report takes milliseconds; the largest PDF a few seconds
TOO_SLOW = "该文件处理时间过长（超过一分钟），已跳过；请将此文件反馈给开发者。"

BatchRule = Callable[[Sequence[Report]], dict[int, list[Finding]]]


def internal_error(stage: str) -> str:
    """The sentence a file gets when the program failed on it at `stage`."""
    return f"{stage}该文件时程序内部出错，已跳过；详细信息已写入日志，请将此文件反馈给开发者。"


def fail(report: Report, stage: str) -> None:
    """Log the exception being handled and mark `report` as not processed."""
    _log.exception("%s failed at stage %s", report.path, stage)
    report.error = internal_error(stage)


def audit_report(report: Report) -> list[Finding]:
    """`model.rules.audit`, with an internal error turned into the report's `error`."""
    from model.rules import audit

    try:
        return audit(report)
    except Exception:  # noqa: BLE001 - one file's fault must not stop the batch
        fail(report, AUDIT)
        return []


def prepare_report(report: Report) -> frozenset[int] | None:
    """The narrative fingerprint the batch rules compare (`model.fingerprints`), made
    where the report is read; guarded the same way, None for a report in error."""
    from model.fingerprints import fingerprint

    if report.error:
        return None
    try:
        return fingerprint(report)
    except Exception:  # noqa: BLE001 - one file's fault must not stop the batch
        fail(report, BATCH)
        return None


def run_batch_rule(rule: BatchRule, reports: Sequence[Report]) -> dict[int, list[Finding]]:
    """One batch rule over the reports not in error; findings by index into `reports`.

    A report the rule fails on gets its `error` and is left out; the rest are checked."""
    live = [i for i, r in enumerate(reports) if not r.error]
    try:
        found = rule([reports[i] for i in live])
    except Exception:  # noqa: BLE001 - find the file it fails on, check the others
        _log.exception("batch rule %s failed; looking for the file it fails on", rule.__name__)
        return _without_culprits(rule, reports, live)
    return {live[k]: findings for k, findings in found.items()}


def _without_culprits(rule: BatchRule, reports: Sequence[Report], live: list[int]) -> dict[int, list[Finding]]:
    for i in live:
        try:
            rule([reports[i]])
        except Exception:  # noqa: BLE001 - this file alone makes the rule fail
            fail(reports[i], BATCH)
    rest = [i for i in live if not reports[i].error]
    try:
        found = rule([reports[i] for i in rest])
    except Exception:  # noqa: BLE001 - only a pair of files fails: no finding of this rule
        _log.exception("batch rule %s fails on a combination of files; its findings are left out", rule.__name__)
        return {}
    return {rest[k]: findings for k, findings in found.items()}


def batch_audit() -> BatchAudit:
    """The rules across a batch, each rule guarded (`run_batch_rule`)."""
    from model.batch_rules import BatchAudit

    return BatchAudit(run_batch_rule)


def batch_findings(reports: Sequence[Report]) -> dict[int, list[Finding]]:
    """Every batch rule's findings by index into `reports`, each rule guarded."""
    return batch_audit().run(reports)


class TooSlow(BaseException):
    """A file took longer than `FILE_SECONDS` (a BaseException, so that no `except
    Exception` on the way turns it into a program error)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TooSlow in this block after `seconds`, where a timer signal can (the main
    thread of a POSIX process: `check`, and the window's loading worker processes);
    elsewhere the block runs unbounded."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(_signum: int, _frame: object) -> None:
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def allow_more(seconds: float) -> None:
    """Give the file being read `seconds` more than `FILE_SECONDS` (a scan's pages take
    seconds each), where `time_limit` runs a timer in this thread."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return
    remaining, _ = signal.getitimer(signal.ITIMER_REAL)
    if remaining > 0:
        signal.setitimer(signal.ITIMER_REAL, remaining + seconds)


Item = tuple[Report, list[Finding]]


def _failed_item(report: Report, stage: str) -> Item:
    """A report that could not be exported, as a report in error (its figures left out)."""
    _log.exception("%s failed at stage %s", report.path, stage)
    return Report(path=report.path, sha256=report.sha256, error=internal_error(stage)), []


def json_text(items: Sequence[Item]) -> str:
    """The JSON of FORMAT.md §4 for `items`; a report whose part cannot be written is
    given in error instead, the others as they are."""
    import json

    from model.audit_json import report_json, run_json

    def dump(batch: Sequence[Item]) -> str:
        return json.dumps(run_json(list(batch)), ensure_ascii=False, indent=1) + "\n"

    try:
        return dump(items)
    except Exception:  # noqa: BLE001 - find the report it fails on, write the others
        _log.exception("the JSON of the batch could not be written; looking for the report")
    fixed: list[Item] = []
    for report, findings in items:
        try:
            json.dumps(report_json(report, findings), ensure_ascii=False)
            fixed.append((report, findings))
        except Exception:  # noqa: BLE001 - this report's part cannot be written
            fixed.append(_failed_item(report, EXPORT))
    return dump(fixed)


def write_summary(path: str, items: Sequence[Item]) -> list[str]:
    """The batch summary workbook; a sentence for each report that had to be left without
    its figures (an internal error while writing its line). WriteError propagates."""
    import tempfile
    from pathlib import Path

    from model.excel.workbook import write_summary as write

    try:
        write(path, items)
        return []
    except AuditError:
        raise
    except Exception:  # noqa: BLE001 - find the report it fails on, write the others
        _log.exception("the summary workbook could not be written; looking for the report")
    fixed: list[Item] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="report-auditor-") as tmp:
        probe = Path(tmp) / "probe.xlsx"
        for report, findings in items:
            try:
                write(probe, [(report, findings)])
                fixed.append((report, findings))
            except Exception:  # noqa: BLE001 - this report's line cannot be written
                fixed.append(_failed_item(report, EXPORT))
                problems.append(f"{report.path}：{internal_error(EXPORT)}")
    write(path, fixed)
    return problems
