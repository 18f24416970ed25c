"""The workspace keeps every correction, even when the process is killed mid-session."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from model.changes import Change
from model.workspace import META_TABLE, Workspace, replay
from parsers import load_report
from tests.conftest import ROOT, sample


def _change(col: str, old: int | None, new: int | None) -> Change:
    return Change("table3", "new", col, old, new, dt.datetime(2026, 1, 1, 9, 0))


def test_corrections_survive_reopening(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "ws.sqlite")
    path = str(sample("003"))
    ws.add_report(path, "abc")
    ws.record(path, "abc", _change("natural_person", 127, 128))
    ws.record(path, "abc", Change(META_TABLE, "agency", "", "旧", "江苏省人社厅", dt.datetime(2026, 1, 1)))
    ws.close()
    again = Workspace(tmp_path / "ws.sqlite")
    assert [r.path for r in again.open_reports()] == [path]
    assert again.has_unsaved()
    report = load_report(path)
    replay(report, again.corrections(path, "abc"))
    assert report.value("table3", "new", "natural_person") == 128
    assert report.agency == "江苏省人社厅"
    again.mark_saved(path)
    assert not again.has_unsaved()


def test_a_changed_file_starts_a_fresh_history(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "ws.sqlite")
    ws.add_report("a.txt", "v1")
    ws.record("a.txt", "v1", _change("total", 1, 2))
    ws.add_report("a.txt", "v2")
    assert ws.corrections("a.txt") == []


def test_reports_added_together_keep_their_order_and_histories(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "ws.sqlite")
    ws.add_report("b.txt", "v1")
    ws.record("b.txt", "v1", _change("total", 1, 2))
    ws.add_reports([("c.txt", "x"), ("b.txt", "v1"), ("a.txt", "y")])
    assert [r.path for r in ws.open_reports()] == ["b.txt", "c.txt", "a.txt"]
    assert len(ws.corrections("b.txt")) == 1  # the same content keeps its corrections
    ws.add_reports([("b.txt", "v2")])
    assert ws.corrections("b.txt") == []


def test_ui_state_round_trip(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "ws.sqlite")
    ws.set_state("selected", {"path": "a.txt", "table": "table3"})
    assert Workspace(tmp_path / "ws.sqlite").state("selected") == {"path": "a.txt", "table": "table3"}


def test_killed_mid_edit_loses_no_committed_correction(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    script = textwrap.dedent(
        f"""
        import datetime as dt, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from model.changes import Change
        from model.workspace import Workspace
        ws = Workspace({str(db)!r})
        ws.add_report("r.txt", "h")
        i = 0
        while True:
            i += 1
            ws.record("r.txt", "h", Change("table3", "new", "total", i - 1, i, dt.datetime.now()))
            print(i, flush=True)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    last = 0
    deadline = time.monotonic() + 20
    while last < 50 and time.monotonic() < deadline:
        last = int(proc.stdout.readline())
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    changes = Workspace(db).corrections("r.txt")
    # Every correction reported as made before the kill is there, in order.
    assert len(changes) >= last
    assert [c.new for c in changes] == list(range(1, len(changes) + 1))
