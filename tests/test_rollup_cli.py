"""`main.py rollup` and `main.py compare`: the JSON shapes the issue states, the workbooks,
the exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

from parsers import load_report
from tests.conftest import ROOT, SAMPLES, sample

_DATA_HOME = tempfile.mkdtemp(prefix="report-auditor-test-logs-")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": _DATA_HOME, "LOCALAPPDATA": _DATA_HOME}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
    )


def test_rollup_json_is_one_object_per_form(tmp_path: Path) -> None:
    proc = run("rollup", str(SAMPLES), "--json", "-", "--xlsx", str(tmp_path / "sum.xlsx"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [d["format"] for d in data] == ["2021", "2019"]
    for d in data:
        assert set(d) == {"reports", "format", "tables", "counted"}
        assert set(d["tables"]) == set(d["counted"]) == {"table2", "table3", "table4"}
        for table, rows in d["tables"].items():
            assert set(rows) == set(d["counted"][table])
            for row, cols in rows.items():
                assert set(cols) == set(d["counted"][table][row])
                for col, value in cols.items():
                    n = d["counted"][table][row][col]
                    assert 0 <= n <= d["reports"] and (value is None) == (n == 0)
    by_form = {d["format"]: d for d in data}
    assert by_form["2019"]["reports"] == 3 and by_form["2021"]["reports"] == 1
    reports = [load_report(p) for p in sorted(SAMPLES.glob("*.txt"))]
    expected = sum(r.value("table3", "new", "total") or 0 for r in reports if r.format == "2019")
    assert by_form["2019"]["tables"]["table3"]["new"]["total"] == expected
    assert "002_" in proc.stderr and "未计入合计" in proc.stderr  # the older report, named
    assert openpyxl.load_workbook(tmp_path / "sum.xlsx").sheetnames[-1] == "说明"


def test_rollup_usage_and_unreadable_files(tmp_path: Path) -> None:
    assert run("rollup", str(tmp_path / "nowhere.txt")).returncode == 2
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    good = tmp_path / "good.txt"
    good.write_text(sample("000").read_text(encoding="utf-8"), encoding="utf-8")
    proc = run("rollup", str(bad), str(good), "--json", "-")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)[0]["reports"] == 1


def test_compare_json_and_workbook(tmp_path: Path) -> None:
    old = tmp_path / "2019.txt"
    text = sample("000").read_text(encoding="utf-8")
    old.write_text(
        text.replace("2020", "2019").replace("规范性文件 | 6 | 6 | 9 |", "规范性文件 | 1 | 1 | 4 |"), encoding="utf-8"
    )
    out = tmp_path / "cmp.xlsx"
    proc = run("compare", str(old), str(sample("000")), "--json", "-", "--xlsx", str(out))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"old", "new", "tables", "sections"}
    assert (data["old"]["year"], data["new"]["year"]) == (2019, 2020)
    made = data["tables"]["table2"]["normative_documents"]["made"]
    assert made == {"old": 1, "new": 6, "change": 5, "percent": 500.0, "swing": False}  # 6 cases: no swing
    assert {s["number"] for s in data["sections"]} == {1, 2, 3, 4, 5, 6}
    assert {p["state"] for s in data["sections"] for p in s["paragraphs"]} <= {
        "same",
        "near",
        "changed",
        "new",
        "removed",
    }
    assert "文字对比" in openpyxl.load_workbook(out).sheetnames
    text_out = run("compare", str(old), str(sample("000")))
    assert text_out.returncode == 0 and "五、存在的主要问题及改进情况：未改动" in text_out.stdout
    assert run("compare", str(old)).returncode == 2
