"""Reading a batch of report files: pure functions the background task runs.

Nothing here touches Qt. Folders are expanded to the report files inside them; each file
is parsed and audited in turn, handed back one by one through `partial`, and a file that
cannot be read becomes a report with its `error` set while the others go on.
"""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.process
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from model.findings import Finding
from model.report import Report


@dataclass
class Loaded:
    """One parsed file, its first audit and the batch rules' fingerprint of its text."""

    path: str
    report: Report
    findings: list[Finding] = field(default_factory=list)
    fingerprint: frozenset[int] | None = None


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
    fingerprint = prepare(report)  # made here, off the GUI thread
    return Loaded(path, report, audit(report), fingerprint)


_WORK_SLICE = 0.02  # seconds of parsing between pauses, when reading in this process
_REST = 0.002
POOL_MIN_FILES = 40  # below this, starting worker processes costs more than it saves
_MAX_WORKERS = 2
_CHUNK = 4
_log = logging.getLogger(__name__)


def load_batch(
    paths: list[str],
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
    partial: Callable[[Loaded], None],
) -> int:
    """Load `paths` in order; returns how many were loaded before a cancel.

    A large batch is parsed in worker processes: parsing in this process would hold the
    interpreter lock the window's thread needs for every cell it paints."""
    if len(paths) >= POOL_MIN_FILES and (os.cpu_count() or 1) > 1:
        try:
            return _load_in_processes(paths, progress, cancelled, partial)
        except (OSError, RuntimeError, concurrent.futures.process.BrokenProcessPool) as exc:
            _log.warning("worker processes unavailable (%s); reading in this process", exc)
    return _load_here(paths, progress, cancelled, partial)


def _load_in_processes(
    paths: list[str],
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
    partial: Callable[[Loaded], None],
) -> int:
    workers = min(_MAX_WORKERS, os.cpu_count() or 1)
    context = multiprocessing.get_context("spawn")
    total, done = len(paths), 0
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        for item in pool.map(load_one, paths, chunksize=_CHUNK):
            if cancelled():
                break
            done += 1
            progress(done, total, os.path.basename(item.path))
            partial(item)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    progress(done, total, "")
    return done


def _load_here(
    paths: list[str],
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
    partial: Callable[[Loaded], None],
) -> int:
    total = len(paths)
    done = 0
    rested = time.monotonic()
    for path in paths:
        if cancelled():
            break
        progress(done, total, os.path.basename(path))
        partial(load_one(path))
        done += 1
        if time.monotonic() - rested > _WORK_SLICE:
            # Let the window's thread take the interpreter lock: without a real pause this
            # thread takes it straight back and the window stalls for a second at a time.
            time.sleep(_REST)
            rested = time.monotonic()
    progress(done, total, "")
    return done
