"""`main.py check` as FORMAT.md §4 states it: JSON shape, folders, bad files, exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, SAMPLES, sample

_DATA_HOME = tempfile.mkdtemp(prefix="report-auditor-test-logs-")


def run_check(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """`main.py check`, its log in a folder of the test run's own."""
    env = {**os.environ, "XDG_DATA_HOME": _DATA_HOME, "LOCALAPPDATA": _DATA_HOME}
    streams = {"stderr": subprocess.PIPE} if "stdout" in kwargs else {"capture_output": True}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", *args],
        **streams,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
        **kwargs,
    )


def test_json_contract_on_the_samples_folder() -> None:
    proc = run_check(str(SAMPLES), "--json", "-")
    data = json.loads(proc.stdout)
    assert set(data["tool"]) == {"name", "version"}
    reports = data["reports"]
    assert [Path(r["path"]).name[:3] for r in reports] == ["000", "001", "002", "003", "004"]
    for r in reports:
        assert set(r) == {"path", "sha256", "agency", "year", "format", "error", "tables", "findings"}
        assert len(r["sha256"]) == 64
        for f in r["findings"]:
            assert set(f) == {"rule", "severity", "message", "cells", "source"}
            assert f["severity"] in ("error", "warning", "info")
    by_name = {Path(r["path"]).name[:3]: r for r in reports}
    assert by_name["004"]["tables"]["table3"]["new"]["natural_person"] is None
    assert by_name["003"]["tables"]["table2"]["procurement"]["amount"] == 3909.3
    # The one error among the samples: 001 states 84 items whose parts add up to 104.
    errors = [(name, f["rule"]) for name, r in by_name.items() for f in r["findings"] if f["severity"] == "error"]
    assert errors == [("001", "NARRATIVE_SUM")]
    assert proc.returncode == 1, proc.stderr


def test_exit_0_when_no_error(tmp_path: Path) -> None:
    proc = run_check(str(sample("003")), "--json", str(tmp_path / "o.json"))
    assert proc.returncode == 0, proc.stderr


def test_bad_file_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    good = tmp_path / "good.txt"
    good.write_bytes(sample("003").read_bytes())
    out = tmp_path / "out.json"
    proc = run_check(str(tmp_path), "--json", str(out))
    assert proc.returncode == 1
    reports = {Path(r["path"]).name: r for r in json.loads(out.read_text(encoding="utf-8"))["reports"]}
    assert reports["empty.txt"]["error"] and reports["binary.txt"]["error"]
    assert reports["good.txt"]["error"] is None and reports["good.txt"]["format"] == "2019"


def test_error_finding_gives_exit_1(tmp_path: Path) -> None:
    text = sample("003").read_text(encoding="utf-8").replace("| 132 | 2 |", "| 131 | 2 |")
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")
    proc = run_check(str(path), "--json", "-")
    assert proc.returncode == 1
    rules = {f["rule"] for f in json.loads(proc.stdout)["reports"][0]["findings"]}
    assert {"T3_BALANCE", "T3_OUTCOME_SUM"} <= rules


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_check().returncode == 2
    assert run_check(str(tmp_path / "nowhere.txt")).returncode == 2


def test_version() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and "0." in proc.stdout


def test_report_workbooks_read_back_to_the_same_tables(tmp_path: Path) -> None:
    books = tmp_path / "books"
    first = run_check(
        str(SAMPLES), "--json", str(tmp_path / "a.json"), "--xlsx-dir", str(books), "--xlsx", str(tmp_path / "sum.xlsx")
    )
    assert first.returncode in (0, 1), first.stderr
    assert len(list(books.glob("*.xlsx"))) == 5 and (tmp_path / "sum.xlsx").exists()
    second = run_check(str(books), "--json", str(tmp_path / "b.json"))
    assert second.returncode in (0, 1), second.stderr
    a = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["reports"]
    b = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["reports"]
    assert [r["tables"] for r in a] == [r["tables"] for r in b]
    assert [(r["agency"], r["year"], r["format"]) for r in a] == [(r["agency"], r["year"], r["format"]) for r in b]


def test_locked_or_impossible_target_gives_a_message(tmp_path: Path) -> None:
    proc = run_check(str(sample("003")), "--xlsx", str(tmp_path / "no" / "such" / "dir" / "x.xlsx"))
    assert proc.returncode == 1
    assert "无法写入" in proc.stderr and "Traceback" not in proc.stderr
