"""Running a pure function off the GUI thread and getting its result back on the GUI thread.

`Task` wraps a callable that takes `progress(done, total, text)`, `cancelled()` and
`partial(item)` callables. A `QRunnable` is not a QObject, so its signals live on a
separate `TaskSignals` object created on the GUI thread: their delivery is queued there.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
Partial = Callable[[Any], None]
Job = Callable[[Progress, Cancelled, Partial], Any]


class TaskSignals(QObject):
    """The signals of one task; emitted on the worker thread, delivered on the GUI thread."""

    progress = Signal(int, int, str)
    partial = Signal(object)
    finished = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """Runs `job(progress, cancelled, partial)` on a pool thread; the result comes back by signal."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the window keeps it until its result is in
        self.job = job
        self.signals = TaskSignals()
        self._cancel = threading.Event()
        self.done = False

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        signals = self.signals
        try:
            result = self.job(signals.progress.emit, self._cancel.is_set, signals.partial.emit)
        except Exception as exc:  # handed to the GUI thread, which decides how to show it
            log.error("Background task failed\n%s", traceback.format_exc())
            signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            signals.finished.emit(result)


def start(task: Task, pool: QThreadPool | None = None) -> Task:
    """Start `task` on `pool` (the global pool by default) and return it."""
    (pool or QThreadPool.globalInstance()).start(task)
    return task
