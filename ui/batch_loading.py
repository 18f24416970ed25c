"""Opening a batch of reports without stalling the window.

`BatchLoading` is the window's part that opens files. The files are read in the background
(`parsers.loading`: worker processes for a large batch); the window's own share is kept in small
pieces, each well under a frame, so the officer can scroll, select and read while a folder
of a thousand reports comes in:

- Each file gets its `ReportSession` (a row in the list, "Reading…"): the first slice at
  once, the others a slice per turn of the event loop, and those go into the list in one
  insertion when all are made (each insertion repaints the whole list). A parsed report
  whose session is not listed yet brings the sessions up to its own in first, so reports
  always arrive in order.
- Parsed reports are handed to their sessions in the order they arrive, as many per turn
  of the event loop as fit in `_HANDOVER_MS`. The readers can bring reports faster than
  the window takes them in: handled as they came, those that queued up while the window
  was busy were all taken in one turn, which then took longer, so that more queued up.
  Progress is repainted a few times a second, not once per report.
- At the end the rules across the batch run once, in pieces over the next turns of the
  event loop (`BatchRules.steps`); once they have, and the workspace holds every report
  (its own thread registers them), the window hears that the batch is in.

While a batch comes in, the list keeps its rows in the order they came (new ones at the
end) and sorts again when the batch is in. A cancel stops the reading; the files not read
yet leave the list, and the window says how many.

`BatchLoading` holds no widget: it lists the sessions in `OpenReports`, hands each report
read to `Persistence` (which replays its earlier corrections) and tells the window the
rest through its signals — a batch `started` (the list keeps its order until it is
`finished`), its `progress`, each report that `arrived`, a file asked for that is
`alreadyOpen`, and `message`s for the status bar.
"""

from __future__ import annotations

import functools
import gc
import os
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from PySide6.QtCore import QElapsedTimer, QObject, QThreadPool, QTimer, Signal

from model.excel.pairs import pair_files
from ui import settings as opt
from ui.open_reports import OpenReports
from ui.persistence import Persistence
from ui.resources import sample_files
from ui.session import STATE_LOADING, ReportSession
from ui.tasks import Task

if TYPE_CHECKING:  # the parsers are imported when the first file is opened, not with the window
    from parsers.loading import Loaded, Packed

SESSION_SLICE = 50  # sessions made per turn of the event loop (about 5 ms)
_PROGRESS_MS = 100  # the least time between two repaints of the progress
_SETTLE_MS = 20  # between looks at whether the workspace has registered every report
_HANDOVER_MS = 25  # the most time per turn of the event loop spent taking reports in


class BatchLoading(QObject):
    """Opens files and folders for the window: sessions in slices, reading in the background."""

    message = Signal(str, int)  # for the status bar, and for how many ms (0: until the next)
    started = Signal()  # new files are being listed
    progress = Signal(int, int)  # reports taken in, of the files being read
    arrived = Signal(object)  # the ReportSession a report read was handed to
    alreadyOpen = Signal(object)  # the ReportSession of a file asked for that is open already
    finished = Signal(object, int)  # the batch is in: the reading's error or None, files not opened

    def __init__(self, open_reports: OpenReports, persistence: Persistence, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.open_reports = open_reports
        self.persistence = persistence
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # batches run one after another, in order
        self.tasks: list[Task] = []
        self._waiting: deque[str] = deque()  # files without a session yet, in order
        self._unlisted: dict[str, ReportSession] = {}  # made, not in the list yet, in order
        self._queued: set[str] = set()  # the files of both
        self._samples: set[str] = set()  # those of them that are bundled samples
        self._slicer = QTimer(self)
        self._slicer.setSingleShot(True)
        self._slicer.setInterval(0)
        self._slicer.timeout.connect(self._next_slice)
        self._rules: Iterator[None] | None = None  # the batch rules, run step by step
        self._error: str | None = None
        self._stepper = QTimer(self)
        self._stepper.setSingleShot(True)
        self._stepper.setInterval(0)
        self._stepper.timeout.connect(self._next_step)
        self._pending = 0
        self._batch_total = 0
        self._progress_clock = QElapsedTimer()
        self._arrived: deque[Loaded | Packed] = deque()  # read, not handed to a session yet
        self._handover = QTimer(self)
        self._handover.setSingleShot(True)
        self._handover.setInterval(0)
        self._handover.timeout.connect(self._hand_over)
        self._read_all = False  # the reading is over (with `_error`), reports may wait still
        self._not_opened = 0  # files a cancel left unread, in the batch being finished

    # ---- opening -------------------------------------------------------------------

    def open_paths(self, paths: list[str], remember: bool = True) -> list[str]:
        """Open the files and folders the officer named; returns the report files they name.

        The sample reports, if open, close: the officer's own files take their place.
        `remember`: the paths go on the recent files, their folder is where the next file
        dialog starts."""
        paths = [p for p in paths if p]
        if not paths:
            return []
        self.open_reports.close_samples()
        if remember:
            settings = self.open_reports.settings
            settings.add_recent([p for p in paths if os.path.exists(p)])
            settings.set(opt.LAST_FOLDER, os.path.dirname(os.path.abspath(paths[0])))
        return self.open(paths)

    def open_samples(self) -> list[str]:
        """Open the bundled sample reports, labelled as samples (查看示例报告)."""
        return self.open(sample_files(), pair=False, sample=True)

    def open(self, paths: list[str], pair: bool = True, sample: bool = False) -> list[str]:
        """Open files and folders; returns the report files they name, each once.

        A source and its own audit workbook are one report (`model.excel.pairs`; unless
        `pair` is false): the workbook does not get a row of its own. A file already open is
        selected; new ones are listed (the first slice at once, the rest over the next turns
        of the event loop) and read in the background. `sample`: the bundled samples,
        labelled as such."""
        reports = self.open_reports
        gc.freeze()  # what is there now stays: see _loaded
        from parsers.read.inputs import expand_paths

        files = expand_paths(paths)
        books: dict[str, str] = {}
        if pair:
            files, books = pair_files(files, reports.settings.book_folder())
        new = [p for p in files if reports.find(p) is None and p not in self._queued]
        if sample:
            self._samples.update(new)
        if not files:
            self.message.emit(self.tr("No report files found."), 5000)
        if new:
            self.started.emit()
            self._waiting.extend(new)
            self._queued.update(new)
            self._make_sessions(SESSION_SLICE)
            self._list()
            self._start(new, {p: books[p] for p in new if p in books})
        elif files:
            known = reports.find(files[0])
            if known is not None:
                self.alreadyOpen.emit(known)
        # Otherwise the first report read is selected when it arrives (see _loaded): the
        # list is not painted twice as it fills, nor the placeholder shown for a moment.
        return files

    def _make_sessions(self, count: int, until: str | None = None) -> None:
        """Make the sessions of the next `count` waiting files, or of those up to `until`."""
        made = 0
        while self._waiting and (made < count or until is not None):
            path = self._waiting.popleft()
            session = self._unlisted[path] = ReportSession(path, self.open_reports)
            session.sample = path in self._samples
            self._samples.discard(path)
            made += 1
            if path == until:
                break

    def _list(self) -> None:
        """Put the sessions made so far into the list, one insertion for all of them."""
        sessions, self._unlisted = list(self._unlisted.values()), {}
        for session in sessions:
            self._queued.discard(session.path)
        self.open_reports.add(sessions)
        if self._waiting:
            self._slicer.start()

    def _next_slice(self) -> None:
        self._make_sessions(SESSION_SLICE)
        if self._waiting:
            self._slicer.start()
        else:
            self._list()

    def _start(self, paths: list[str], books: dict[str, str]) -> None:
        from parsers.loading import load_batch

        task = Task(functools.partial(load_batch, paths, books=books))
        task.signals.partial.connect(self._arrive)
        task.signals.progress.connect(self._progress)
        task.signals.finished.connect(lambda _n, t=task: self._done(t))
        task.signals.failed.connect(lambda msg, t=task: self._done(t, msg))
        self.tasks.append(task)
        self._read_all = False  # a batch still being taken in finishes with this one
        if self._pending == 0:
            self._batch_total = 0
        self._pending += len(paths)
        self._batch_total += len(paths)
        self._progress_clock.invalidate()
        self._progress(0, 0, "")
        self.pool.start(task)

    # ---- reports coming in ---------------------------------------------------------

    def _arrive(self, packed: Loaded | Packed) -> None:
        self._arrived.append(packed)
        if not self._handover.isActive():
            self._handover.start()

    def _hand_over(self) -> None:
        """Take in the reports that arrived, until this turn of the event loop has had its share."""
        clock = QElapsedTimer()
        clock.start()
        shown = self.open_reports.session
        while self._arrived:
            self._loaded(self._arrived.popleft())
            if clock.elapsed() >= _HANDOVER_MS or self.open_reports.session is not shown:
                break  # showing a report (the first, as a rule) is work enough for a turn
        self._progress(0, 0, "")  # the reading may be over: no more progress comes from it
        if self._arrived:
            self._handover.start()
        elif self._read_all and not self.tasks:
            self._finish()

    def _loaded(self, packed: Loaded | Packed) -> None:
        reports = self.open_reports
        item = packed.unpack()
        # Parsed reports live as long as the window: keep them out of the cyclic garbage
        # collector's full passes, which otherwise walk every report read so far (and all
        # of Qt's wrappers) and stall the window. Freezing takes no time.
        gc.freeze()
        self._pending = max(0, self._pending - 1)
        if item.path in self._queued:  # read before its turn to be listed came
            if item.path not in self._unlisted:
                self._make_sessions(0, until=item.path)
            self._list()
        session = reports.find(item.path)
        if session is None:
            return  # closed while it was read
        if item.fingerprint is not None:
            reports.batch_rules.prints.adopt(item.report, item.fingerprint)  # made by the loader, possibly elsewhere
        self.persistence.loaded(session, item)
        session.edited.connect(functools.partial(reports.report_edited, session))
        self.arrived.emit(session)

    def _progress(self, _done: int, _total: int, text: str) -> None:
        done = self._batch_total - self._pending
        clock = self._progress_clock
        if done < self._batch_total and clock.isValid() and clock.elapsed() < _PROGRESS_MS:
            return  # a repaint per report is more than the eye needs in a large batch
        clock.start()
        self.progress.emit(done, self._batch_total)
        if text:
            self.message.emit(self.tr("Reading %1").replace("%1", text), 0)

    def _done(self, task: Task, error: str | None = None) -> None:
        if task in self.tasks:
            self.tasks.remove(task)
        if error:
            self.message.emit(self.tr("Reading stopped: %1").replace("%1", error), 0)
        if self.tasks:
            return
        self._read_all = True
        self._error = error
        if not self._arrived:  # else once the last report is taken in
            self._finish()

    def _finish(self) -> None:
        """Every report is read and taken in: drop what was cancelled, run the batch rules."""
        reports = self.open_reports
        self._read_all = False
        self._pending = 0
        self._slicer.stop()
        for session in self._unlisted.values():  # cancelled before they were listed
            session.deleteLater()
        self._not_opened = len(self._unlisted) + len(self._waiting)
        self._unlisted.clear()
        self._queued.clear()
        unread = [s for s in reports.sessions if s.state == STATE_LOADING]
        self._waiting.clear()
        if unread:
            reports.remove(unread)  # cancelled before they were read
            self._not_opened += len(unread)
        self._rules = reports.batch_rules.steps(reports.sessions)
        self._next_step()

    def _next_step(self) -> None:
        """One piece of the batch rules; when they are done and the workspace holds every
        report read (its own thread registers them), the batch is."""
        if self._rules is None:
            return
        try:
            next(self._rules)
        except StopIteration:
            if not self.persistence.settled():
                self._rules = iter(())  # look again in a moment
                self._stepper.start(_SETTLE_MS)
                return
            self._rules = None
            if not self.tasks:  # else a newer batch is being read and will finish
                not_opened, self._not_opened = self._not_opened, 0
                self.finished.emit(self._error, not_opened)
        else:
            self._stepper.start(0)

    # ---- state ---------------------------------------------------------------------

    def cancel(self) -> None:
        for task in self.tasks:
            task.cancel()

    def is_busy(self) -> bool:
        return bool(self.tasks or self._queued or self._arrived or self._rules is not None)

    def wait(self, msecs: int) -> None:
        self.pool.waitForDone(msecs)
