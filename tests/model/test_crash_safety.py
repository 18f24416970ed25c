"""A process killed while saving or while reading a batch leaves no half-written file and
loses no committed correction."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

from model.changes import Change
from model.workspace import Workspace
from tests.conftest import ROOT, SAMPLES


def _run_until(script: str, marker: str, count: int) -> None:
    """Start `script`, wait until it has printed `marker` `count` times, then SIGKILL it."""
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    seen = 0
    deadline = time.monotonic() + 60
    while seen < count and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen += line.strip() == marker
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert seen >= count, "the child did not get far enough"


def test_killed_during_save_leaves_the_last_good_workbook(tmp_path: Path) -> None:
    target = tmp_path / "审核 结果.xlsx"
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from model.excel.workbook import write_summary
        from model.rules import audit
        from parsers import load_report
        from parsers.read.inputs import expand_paths
        reports = [load_report(p) for p in expand_paths([{str(SAMPLES)!r}])] * 40
        items = [(r, audit(r)) for r in reports]
        while True:
            write_summary({str(target)!r}, items)
            print("saved", flush=True)
        """
    )
    _run_until(script, "saved", 2)
    # Whatever moment the kill came, the target is a whole workbook.
    with zipfile.ZipFile(target) as book:
        assert book.testzip() is None
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != target.name]
    assert all(name.endswith(".tmp") for name in leftovers)


def test_killed_during_a_batch_keeps_the_corrections(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite"
    ws = Workspace(db)
    ws.add_report("a.txt", "h")
    ws.record("a.txt", "h", Change("table3", "new", "total", 1, 2, dt.datetime(2026, 1, 1)))
    ws.close()
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from model.workspace import Workspace
        from parsers import load_report
        from parsers.read.inputs import expand_paths
        ws = Workspace({str(db)!r})
        paths = expand_paths([{str(SAMPLES)!r}])
        while True:
            for p in paths:
                report = load_report(p)
                ws.add_report(p, report.sha256)
                print("read", flush=True)
        """
    )
    _run_until(script, "read", 7)
    again = Workspace(db)
    assert [c.new for c in again.corrections("a.txt")] == [2]
    assert len(again.open_reports()) >= 5
