"""Reading a batch of report files in the background of the window (`ui.tasks`), one by one
or in worker processes: the reading of `parsers.pipeline`, without stalling the window.

Each file is parsed and audited in turn (`parsers.pipeline.load_one`), handed back one by
one through `partial`, and a file that cannot be read becomes a report with its `error`
set while the others go on.

What `partial` receives has the file's `path` and an `unpack()` that gives its `Loaded`.
Reports read in worker processes come back still pickled (`Packed`): unpickling them in
the thread that collects the workers' results kept that thread busy for about a
millisecond a report, holding the interpreter lock the window's thread needs for every
cell it paints; unpacked by the window's thread when it takes each one, they cost it
less than that and it chooses when.
"""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.process
import contextlib
import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from model.logfile import current_log, setup_file_log
from parsers.pipeline import Loaded, Packed, load_one, load_packed

__all__ = ["POOL_MIN_FILES", "Loaded", "Packed", "load_batch", "load_one", "load_packed", "worker_setup"]


_WORK_SLICE = 0.02  # seconds of parsing between pauses, when reading in this process
_REST = 0.002
POOL_MIN_FILES = 40  # below this, starting worker processes costs more than it saves
_MAX_WORKERS = 2
_CHUNK = 4
_NICENESS = 10  # a loading worker's nice value, at least (POSIX)
_log = logging.getLogger(__name__)


def load_batch(
    paths: list[str],
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
    partial: Callable[[Loaded | Packed], None],
    books: dict[str, str] | None = None,
) -> int:
    """Load `paths` in order (each with its audit workbook in `books`, if any); returns how
    many were loaded before a cancel.

    A large batch is parsed in worker processes: parsing in this process would hold the
    interpreter lock the window's thread needs for every cell it paints."""
    books = books or {}
    if len(paths) >= POOL_MIN_FILES and (os.cpu_count() or 1) > 1:
        try:
            return _load_in_processes(paths, progress, cancelled, partial, books)
        except (OSError, RuntimeError, concurrent.futures.process.BrokenProcessPool) as exc:
            _log.warning("worker processes unavailable (%s); reading in this process", exc)
    return _load_here(paths, progress, cancelled, partial, books)


def _load_in_processes(
    paths: list[str],
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
    partial: Callable[[Packed], None],
    books: dict[str, str],
) -> int:
    workers = min(_MAX_WORKERS, os.cpu_count() or 1)
    context = multiprocessing.get_context("spawn")
    total, done = len(paths), 0
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=worker_setup, initargs=(current_log(),)
    )
    try:
        results = pool.map(load_packed, paths, [books.get(p) for p in paths], chunksize=_CHUNK)  # starts the workers
        _lower_children()
        for item in results:
            if cancelled():
                break
            done += 1
            progress(done, total, os.path.basename(item.path))
            partial(item)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    progress(done, total, "")
    return done


def worker_setup(log: Path | None) -> None:
    """A loading worker's start: the window's log file (tracebacks go there), low priority."""
    if log is not None:
        with contextlib.suppress(OSError):
            setup_file_log(log)
    background_priority()


def background_priority() -> None:
    """Lower this process's scheduling priority (a loading worker's).

    The workers use every core there is; at normal priority they took the processor from
    the window's thread whenever it had work to do, and it answered late. At a lower one
    they still have all the time the window leaves."""
    try:
        if sys.platform == "win32":
            import ctypes

            below_normal = 0x4000  # BELOW_NORMAL_PRIORITY_CLASS
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)
        else:
            _at_least_nice(0)
    except OSError as exc:  # not allowed here: the batch is read all the same
        _log.info("could not lower the priority of a loading worker: %s", exc)


def _at_least_nice(who: int) -> None:
    """Make the process `who` (0: this one) at least `_NICENESS` nice."""
    now = os.getpriority(os.PRIO_PROCESS, who)
    if now < _NICENESS:
        os.setpriority(os.PRIO_PROCESS, who, _NICENESS)


def _lower_children() -> None:
    """Lower the priority of the worker processes just started (POSIX), from here.

    They would lower it themselves only once set up, after taking the processor from the
    window for the first tenth of a second of a batch. (Lowering this thread's priority
    for them to inherit would leave threads of the window's process, which take the
    interpreter lock, waiting behind everything else on a busy machine.)"""
    if sys.platform == "win32":
        return  # the initializer does it there
    for child in multiprocessing.active_children():
        try:
            if child.pid is not None:
                _at_least_nice(child.pid)
        except OSError as exc:  # gone already, or not allowed: the batch is read all the same
            _log.info("could not lower the priority of a loading worker: %s", exc)


def _load_here(
    paths: list[str],
    progress: Callable[[int, int, str], None],
    cancelled: Callable[[], bool],
    partial: Callable[[Loaded], None],
    books: dict[str, str],
) -> int:
    total = len(paths)
    done = 0
    rested = time.monotonic()
    for path in paths:
        if cancelled():
            break
        progress(done, total, os.path.basename(path))
        partial(load_one(path, books.get(path)))
        done += 1
        if time.monotonic() - rested > _WORK_SLICE:
            # Let the window's thread take the interpreter lock: without a real pause this
            # thread takes it straight back and the window stalls for a second at a time.
            time.sleep(_REST)
            rested = time.monotonic()
    progress(done, total, "")
    return done
