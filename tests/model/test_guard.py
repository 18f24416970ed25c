"""The per-file guard: a program error on one file becomes its `error`, the batch goes on.

The faults are of two kinds: real inputs that broke the pipeline (numbers of hundreds or
thousands of digits, in the text and in a table cell), and faults put into one stage on
purpose, so each stage is known to be guarded whatever its code does next year.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from model import batch_rules, guard, messages, rules
from model.findings import Finding
from model.report import Report
from parsers import pipeline
from tests.conftest import sample


def _items(paths: list[str]) -> list[tuple[Report, list[Finding]]]:
    """The headless pipeline's (report, findings) for each file."""
    return [(a.report, a.findings) for a in pipeline.audit_files(paths)]


GOOD = sample("003").read_text(encoding="utf-8")


def _files(folder: Path, **texts: str) -> list[str]:
    paths = []
    for name, text in texts.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def huge_in_text(digits: int) -> str:
    """The good report with a sentence whose total and parts have `digits` digits."""
    claim = f"共收到申请{'9' * digits}件，其中{'1' * (digits - 20)}件、2件。"
    return GOOD.replace("一、总体情况", "一、总体情况\n" + claim, 1)


def huge_in_cell(digits: int) -> str:
    return GOOD.replace("| 132 | 2 |", f"| {'9' * digits} | 2 |", 1)


def test_fmt_num_never_raises_on_a_huge_integer() -> None:
    assert messages.fmt_num(10**5000) == "100000…（共 5001 位）"
    assert messages.fmt_num(-(10**40) * 7) == "-700000…（共 41 位）"
    assert messages.fmt_num(int("9" * 4000) * 10**1000) == "999999…（共 5000 位）"
    assert messages.fmt_num(123) == "123" and messages.fmt_num(3.5) == "3.5"
    assert messages.fmt_num(float("inf")) and messages.fmt_num(1e300) == "1e+300"


@pytest.mark.parametrize("text", [huge_in_text(400), huge_in_text(5000), huge_in_cell(4400), huge_in_cell(60)])
def test_overlong_numbers_never_stop_the_batch(tmp_path: Path, text: str) -> None:
    paths = _files(tmp_path, a_bad=text, b_good=GOOD)
    items = _items(paths)
    (bad, _), (good, good_findings) = items
    assert good.error is None and good.format == "2019"
    assert bad.error is None or "程序内部出错" in bad.error
    json.loads(guard.json_text(items))  # every report's part can be written


def test_a_fault_in_the_audit_is_the_files_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real = rules.audit

    def audit(report: Report) -> list:  # type: ignore[type-arg]
        if "bad" in report.path:
            raise OverflowError("cannot convert float infinity to integer")
        return real(report)

    monkeypatch.setattr(rules, "audit", audit)
    with caplog.at_level(logging.ERROR):
        items = _items(_files(tmp_path, a_bad=GOOD, b_good=GOOD))
    (bad, bad_findings), (good, _) = items
    assert bad.error == guard.internal_error(guard.AUDIT) and bad_findings == []
    assert good.error is None
    assert "OverflowError" in caplog.text  # the traceback is in the log, not the sentence
    assert "Overflow" not in bad.error and bad.error.count("。") == 1


def test_a_fault_in_a_batch_rule_is_the_files_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch_rules.cross_year_carry

    def carry(reports, prints=None):  # type: ignore[no-untyped-def]
        if any("bad" in r.path for r in reports):
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")
        return real(reports, prints)

    monkeypatch.setattr(batch_rules, "cross_year_carry", carry)
    items = _items(_files(tmp_path, a_good=GOOD, b_bad=GOOD, c_good=GOOD))
    assert [r.error for r, _ in items] == [None, guard.internal_error(guard.BATCH), None]
    # The other rule still ran on the others: the two good copies are the same text, but
    # of one agency, so no DUPLICATE_CONTENT; their own findings are kept.
    assert items[0][1] == rules.audit(items[0][0])


def test_a_fault_in_the_json_is_the_files_error(tmp_path: Path) -> None:
    items = _items(_files(tmp_path, a_good=GOOD, b_bad=GOOD))
    bad = items[1][0]
    table, cells = next(iter(bad.tables.items()))
    next(iter(cells.values())).value = 10**5000  # json cannot write an integer this long
    data = json.loads(guard.json_text(items))
    assert [r["error"] for r in data["reports"]] == [None, guard.internal_error(guard.EXPORT)]
    assert data["reports"][0]["tables"]


def test_a_fault_in_the_summary_leaves_out_that_line(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    items = _items(_files(tmp_path, a_good=GOOD, b_bad=GOOD))
    cells = next(iter(items[1][0].tables.values()))
    next(iter(cells.values())).value = object()  # type: ignore[assignment]  # a fault of the program
    out = tmp_path / "sum.xlsx"
    problems = guard.write_summary(str(out), items)
    assert len(problems) == 1 and "b_bad.txt" in problems[0]
    rows = list(load_workbook(out, read_only=True).worksheets[0].values)
    assert len(rows) == 3 and guard.internal_error(guard.EXPORT) in rows[2]


def test_figures_no_worksheet_holds_are_written_as_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from model.excel.workbook import read_report_workbook, write_report

    items = _items(_files(tmp_path, a=GOOD))
    report, findings = items[0]
    cells = list(next(iter(report.tables.values())).values())
    cells[0].value, cells[1].value, cells[2].value = 10**400, 10**20, float("inf")
    assert guard.write_summary(str(tmp_path / "sum.xlsx"), items) == []
    row = list(load_workbook(tmp_path / "sum.xlsx", read_only=True)["全部数据"].values)[1]
    assert "100000…（共 401 位）" in row and "100000000000000000000" in row
    write_report(tmp_path / "a.xlsx", report, findings)
    back, _ = read_report_workbook(tmp_path / "a.xlsx")
    assert back.tables_json() == report.tables_json()  # the hidden data keeps the exact figures


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="timer signals are POSIX")
def test_a_file_that_takes_too_long_is_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Slowness in a stage (a digit run split for minutes) costs at most FILE_SECONDS."""
    import time

    import parsers

    real = parsers.load_report

    def slow(path: str) -> Report:
        if "slow" in str(path):
            while True:
                time.sleep(0.01)
        return real(path)

    monkeypatch.setattr(pipeline, "load_report", slow)
    monkeypatch.setattr(guard, "FILE_SECONDS", 0.3)
    start = time.perf_counter()
    items = _items(_files(tmp_path, a_slow=GOOD, b_good=GOOD))
    assert time.perf_counter() - start < 3
    assert [r.error for r, _ in items] == [guard.TOO_SLOW, None]
