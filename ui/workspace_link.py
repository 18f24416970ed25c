"""The window's side of the workspace: where it lives, what goes in, what comes back.

`WorkspaceLink` registers every report the window reads, commits each `Change` a session
announces (edits, undo, redo) the moment it happens, and hands back the corrections made
earlier to the very same file content so they are replayed. It remembers what was open
when the program started, which is what the window offers to restore.

The workspace itself (`model.workspace.Workspace`) is created by the caller and passed
in; nothing here is process-wide, so tests use one in a temporary folder.

Registering a report is a transaction whose commit waits for the disk (the workspace syncs
every commit): a batch of a thousand did that a thousand times on the window's thread,
which stood still for as long as a quarter of a second when the disk was busy.
`Registrar` does the registrations in the background, through its own connection to
the same file; the link's other writes (corrections, closing, saving) first wait for the
registrations queued before them, so they reach the file in the order they were made.
"""

from __future__ import annotations

import functools
import logging
import os
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QThreadPool, Signal

from model.changes import Change
from model.report import Report
from model.workspace import OpenReport, Workspace, WorkspaceError
from ui.session import ReportSession
from ui.tasks import Task, start

log = logging.getLogger(__name__)

WORKSPACE_NAME = "workspace.sqlite"
_OUTPUT_KEY = "output:"  # + report path: where its audit workbook was last saved


def workspace_path() -> Path:
    """The workspace file in the user's data folder (AppDataLocation)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".report_auditor") / WORKSPACE_NAME


class Registrar:
    """Registers reports in a workspace file in the background, in the order given.

    A `ui.tasks.Task` on a pool of one thread of its own, so one writer at a time: the
    order of the writes is the point. The task opens its own connection when there is
    work, drains the queue, and closes it (and ends) once nothing more has come for a
    moment, so an idle window holds no second connection. `problem` is called on the
    pool's thread with the error message."""

    IDLE = 0.5  # seconds without work before the thread ends
    MAX_BATCH = 200  # registrations committed together at most

    def __init__(self, path: Path, problem: Callable[[str], None]) -> None:
        self._path = path
        self._problem = problem
        self._queue: queue.Queue[tuple[str, str]] = queue.Queue()
        self._lock = threading.Lock()  # guards _running against an add as the task ends
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)
        self._running = False
        self._task: Task | None = None  # the last one started, kept until the next one

    def add(self, path: str, sha256: str) -> None:
        with self._lock:
            self._queue.put((path, sha256))
            if not self._running:
                self._running = True
                self._task = start(Task(lambda _progress, _cancelled, _partial: self._run()), self._pool)

    def settled(self) -> bool:
        """Whether every registration given so far is committed."""
        return self._queue.unfinished_tasks == 0

    def wait(self) -> None:
        """Until every registration given so far is committed (at once when there is none)."""
        self._queue.join()

    def _run(self) -> None:
        workspace: Workspace | None = None
        try:
            while True:
                try:
                    waiting = [self._queue.get(timeout=self.IDLE)]
                except queue.Empty:
                    with self._lock:
                        if self._queue.empty():
                            self._running = False
                            return
                    continue
                # What has queued up meanwhile goes in the same commit, in order.
                while len(waiting) < self.MAX_BATCH:
                    try:
                        waiting.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                try:
                    if workspace is None:
                        workspace = Workspace(self._path)
                    workspace.add_reports(waiting)
                except WorkspaceError as exc:
                    self._problem(str(exc))
                finally:
                    for _ in waiting:
                        self._queue.task_done()
        finally:
            if workspace is not None:
                workspace.close()


@dataclass
class Attached:
    """What the workspace knows about a report that was just read."""

    changes: list[Change] = field(default_factory=list)  # to replay, in order
    unsaved: bool = False  # some of them are not in a saved workbook yet
    output_path: str | None = None


class WorkspaceLink(QObject):
    """Keeps the workspace in step with the reports open in the window."""

    problem = Signal(str)  # a message for the officer (file changed, workspace not writable)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        # A workspace in memory cannot be opened twice: its registrations stay here.
        in_file = str(workspace.path) != ":memory:"
        self.registrar = Registrar(workspace.path, self.problem.emit) if in_file else None
        self.previous: dict[str, OpenReport] = {}
        try:
            self.previous = {r.path: r for r in workspace.open_reports()}
        except WorkspaceError as exc:  # nothing to offer; new corrections still go in
            log.error("Could not read the workspace: %s", exc)

    # ---- restoring -----------------------------------------------------------------

    def restorable(self) -> list[OpenReport]:
        """Reports open in the previous session that carry corrections."""
        out = []
        for entry in self.previous.values():
            try:
                if self.workspace.corrections(entry.path, entry.sha256):
                    out.append(entry)
            except WorkspaceError as exc:
                self.problem.emit(str(exc))
        return out

    def forget_previous(self, keep: set[str]) -> None:
        """Drop the previous session's reports (and their corrections) except those in `keep`."""
        self.flush()
        for path in list(self.previous):
            if path in keep:
                continue
            try:
                self.workspace.remove_report(path)
            except WorkspaceError as exc:
                self.problem.emit(str(exc))
            del self.previous[path]

    # ---- reports -------------------------------------------------------------------

    def attach(self, session: ReportSession, report: Report) -> Attached:
        """Register a freshly read report; returns the earlier corrections of this content."""
        session.changeMade.connect(functools.partial(self._record, session))
        if report.error or not report.sha256:
            return Attached()
        path = session.path
        before = self.previous.get(path)
        try:
            if before is not None and before.sha256 != report.sha256:
                lost = len(self.workspace.corrections(path, before.sha256))
                if lost:
                    text = self.tr(
                        "%1 has changed since it was corrected; its %2 earlier correction(s) were not applied."
                    )
                    self.problem.emit(text.replace("%1", os.path.basename(path)).replace("%2", str(lost)))
            if self.registrar is not None:
                self.registrar.add(path, report.sha256)  # the corrections below are read all the same
            else:
                self.workspace.add_report(path, report.sha256)
            changes = self.workspace.corrections(path, report.sha256)
            output = self.workspace.state(_OUTPUT_KEY + path)
        except WorkspaceError as exc:
            self.problem.emit(str(exc))
            return Attached()
        unsaved = bool(changes) and (before is None or before.unsaved or before.sha256 != report.sha256)
        self.previous.pop(path, None)  # it is open now: no longer only "previous"
        return Attached(changes, unsaved, output if isinstance(output, str) else None)

    def settled(self) -> bool:
        """Whether every report read so far is registered in the file."""
        return self.registrar is None or self.registrar.settled()

    def flush(self) -> None:
        """Wait until every report read so far is registered (before other writes, and at the end)."""
        if self.registrar is not None:
            self.registrar.wait()

    def detach(self, session: ReportSession) -> None:
        """The report was closed: it and its corrections leave the workspace."""
        self.flush()
        try:
            self.workspace.remove_report(session.path)
        except WorkspaceError as exc:
            self.problem.emit(str(exc))

    def mark_saved(self, session: ReportSession, output: str) -> None:
        """The session's corrections are in the workbook at `output`."""
        self.flush()
        try:
            self.workspace.mark_saved(session.path)
            self.workspace.set_state(_OUTPUT_KEY + session.path, output)
        except WorkspaceError as exc:
            self.problem.emit(str(exc))

    def _record(self, session: ReportSession, change: Change) -> None:
        if not session.sha256:
            return
        self.flush()  # its report is registered first
        try:
            self.workspace.record(session.path, session.sha256, change)
        except WorkspaceError as exc:
            log.error("Could not record a correction: %s", exc)
            self.problem.emit(str(exc))
