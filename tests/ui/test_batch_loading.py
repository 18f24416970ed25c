"""Opening a large batch: the list fills in slices, the window stays usable meanwhile, the
officer's choice of report is kept, each file is read once, and the workspace holds the
batch when it is finished."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from model.workspace import Workspace
from parsers import loading as loader
from tests.ui.conftest import FLAGGED
from ui import batch_loading
from ui.batch_loading import SESSION_SLICE
from ui.main_window import MainWindow
from ui.session import STATE_LOADING, STATE_READY

CLEAN = FLAGGED.parent / "001_f1295613e25d1688.txt"


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    texts = [FLAGGED.read_text(encoding="utf-8"), CLEAN.read_text(encoding="utf-8")]
    for i in range(count):
        (folder / f"r{i:03}.txt").write_text(texts[i % 2], encoding="utf-8")
    return folder


@pytest.mark.parametrize("in_processes", [False, True], ids=["thread", "processes"])
def test_large_batch_fills_the_list_in_slices_and_keeps_the_selection(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_processes: bool
) -> None:
    monkeypatch.setattr(loader, "POOL_MIN_FILES", 40 if in_processes else 10_000)
    count = 2 * SESSION_SLICE + 17
    folder = _folder(tmp_path, count)
    with qtbot.waitSignal(window.batchFinished, timeout=60000):
        files = window.open_paths([str(folder)], remember=False)
        assert len(files) == count
        # Only the first slice is listed at once; nothing is chosen for the officer yet.
        assert window.reports.rowCount() == SESSION_SLICE
        assert window.is_busy() and window.status.progress.isVisibleTo(window)
        assert all(s.state == STATE_LOADING for s in window.reports.sessions)
        assert window.session is None
        # Opening the folder again reads nothing twice (and shows its first report).
        assert window.open_paths([str(folder)], remember=False) == files
        assert window.reports.rowCount() == SESSION_SLICE
        # The officer picks a report before it is read.
        picked = window.reports.sessions[3]
        window.list_panel.select(picked)
        assert window.session is picked
        qtbot.waitUntil(lambda: window.reports.rowCount() > SESSION_SLICE, timeout=10000)
        assert window.session is picked
    # Every file once, in order, read; the pick is still the report shown and selected.
    assert [s.path for s in window.reports.sessions] == files
    assert all(s.state == STATE_READY for s in window.reports.sessions)
    assert window.session is picked and window.list_panel.current() is picked
    assert window.source.toPlainText() == picked.report.text
    assert not window.is_busy() and not window.status.progress.isVisibleTo(window)


def test_first_report_read_is_shown(qtbot, window: MainWindow, tmp_path: Path) -> None:
    folder = _folder(tmp_path, 3)
    with qtbot.waitSignal(window.batchFinished, timeout=15000):
        files = window.open_paths([str(folder)], remember=False)
    first = window.reports.find(files[0])
    assert first is not None and window.session is first and window.list_panel.current() is first
    assert first.report is not None and window.source.toPlainText() == first.report.text
    assert window.tables.tabs.isVisibleTo(window)


def test_the_workspace_holds_the_batch_when_it_is_finished(
    qtbot, window: MainWindow, workspace: Workspace, tmp_path: Path
) -> None:
    folder = _folder(tmp_path, 12)
    with qtbot.waitSignal(window.batchFinished, timeout=15000):
        files = window.open_paths([str(folder)], remember=False)
    # Registered on a thread of their own, all of them, in the order they were read.
    assert [r.path for r in workspace.open_reports()] == files
    # A correction made at once is recorded after its report's registration.
    session = window.reports.find(files[-1])
    assert session is not None
    model = window.tables.models["table4"]
    window.list_panel.select(session)
    assert model.setData(model.index_of("review", "upheld"), "7")
    assert [c.new for c in workspace.corrections(session.path, session.sha256)] == [7]


def test_a_closed_report_is_freed(qtbot, window: MainWindow, tmp_path: Path) -> None:
    """Loading keeps reports out of the cyclic collector's way; closing one lets it go."""
    folder = _folder(tmp_path, 3)
    with qtbot.waitSignal(window.batchFinished, timeout=60000):
        window.open_paths([str(folder)], remember=False)
    qtbot.waitUntil(lambda: all(s.state == STATE_READY for s in window.reports.sessions))
    session = window.reports.sessions[-1]
    window.list_panel.select(session)
    qtbot.wait(100)
    assert window.session is session
    gone = weakref.ref(session.report)
    window.menus.close_action.trigger()
    qtbot.wait(100)
    assert window.reports.rowCount() == 2
    del session
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # as the event loop does
    gc.collect()
    assert gone() is None


def test_reports_read_all_at_once_are_taken_in_over_several_turns(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reports that arrive faster than the window takes them in do not stall it: each turn
    of the event loop takes in what fits its share (here none: one report a turn), and the
    batch is finished only when the last one is in."""
    monkeypatch.setattr(batch_loading, "_HANDOVER_MS", 0)

    def read_everything_at_once(paths, progress, cancelled, partial, books=None):  # type: ignore[no-untyped-def]
        for path in paths:
            partial(loader.load_one(path))  # all queued before the window takes any in
        return len(paths)

    monkeypatch.setattr(loader, "load_batch", read_everything_at_once)  # looked up when a batch starts
    taken: list[int] = []  # reports taken in per turn
    loading = window.loading
    real_loaded, real_hand_over = loading._loaded, loading._hand_over

    def counted_loaded(packed):  # type: ignore[no-untyped-def]
        taken[-1] += 1
        real_loaded(packed)

    def counted_hand_over() -> None:
        taken.append(0)
        real_hand_over()

    monkeypatch.setattr(loading, "_loaded", counted_loaded)
    monkeypatch.setattr(loading, "_hand_over", counted_hand_over)
    loading._handover.timeout.disconnect()
    loading._handover.timeout.connect(counted_hand_over)
    folder = _folder(tmp_path, 6)
    finished: list[list[str]] = []
    window.batchFinished.connect(lambda *_: finished.append([s.state for s in window.reports.sessions]))
    with qtbot.waitSignal(window.batchFinished, timeout=30000):
        window.open_paths([str(folder)], remember=False)
    assert taken == [1] * 6
    assert finished == [[STATE_READY] * 6]
    assert not window.is_busy()
