"""The workbooks on paper: print settings read back with openpyxl, wrapped rows sized to their
text, marks as in the window, and no rule id anywhere an officer can read it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from model.changes import Change
from model.excel.labels import DATA_SHEET
from model.excel.marks import MARK_UNCERTAIN, report_marks
from model.excel.style import UNCERTAIN_FILL
from model.excel.workbook import read_report_workbook, write_report, write_summary
from model.messages import RULE_NAMES
from model.report import STATUS_UNCERTAIN, Report, Uncertainty
from model.rules import audit
from parsers import load_report
from tests.conftest import SAMPLES, sample

SEEDS = sorted(SAMPLES.glob("*.txt"))
RULE_ID = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")  # T3_BALANCE, EMPTY_CELL …


@pytest.fixture(scope="module")
def seeds() -> dict[str, Report]:
    return {p.name[:3]: load_report(p) for p in SEEDS}


def _with_uncertain(report: Report) -> Report:
    cells = (("new", "natural_person"), ("new", "commercial"))
    for row, col in cells:
        cell = report.cell("table3", row, col)
        assert cell is not None
        cell.value, cell.raw, cell.status = None, "123", STATUS_UNCERTAIN
        cell.remember_parsed()
    report.uncertain = [Uncertainty("table3", cells, "123", None, "splits", ((1, 23), (12, 3)))]
    return report


def _printed(ws: Worksheet) -> bool:
    return ws.sheet_state == "visible" and ws.title != DATA_SHEET


def _no_rule_ids(path: Path) -> None:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if not _printed(ws):
            continue
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not RULE_ID.search(cell.value), f"{ws.title}!{cell.coordinate}: {cell.value!r}"
                    assert not any(rule in cell.value for rule in RULE_NAMES)


def _page_setup(ws: Worksheet) -> None:
    assert ws.page_setup.orientation == "landscape", ws.title
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, ws.title
    assert ws.print_title_rows, ws.title  # header rows on every page
    assert "&P" in (ws.oddFooter.center.text or ""), ws.title


def test_report_workbook_prints_landscape_one_page_wide(seeds: dict[str, Report], tmp_path: Path) -> None:
    report = seeds["004"]
    findings = audit(report)
    when = dt.datetime(2025, 3, 1, 9, 30)
    changes = [Change("table3", "new", "natural_person", None, 5, when)]
    out = tmp_path / "r.xlsx"
    write_report(out, report, findings, changes)
    wb = load_workbook(out)
    printed = [ws for ws in wb.worksheets if _printed(ws)]
    assert [ws.title for ws in printed] == ["表二", "表三", "表四", "问题清单", "修改记录", "元数据"]
    for ws in printed:
        _page_setup(ws)
    assert wb["表三"].print_title_rows == "$3:$5" and wb["问题清单"].print_title_rows == "$1:$1"

    issues = wb["问题清单"]
    header = [c.value for c in issues[1]]
    assert header == ["序号", "表", "行", "列", "规则", "严重程度", "说明", "状态"]
    message_col = header.index("说明") + 1
    for r in range(2, issues.max_row + 1):
        cell = issues.cell(r, message_col)
        assert cell.alignment.wrap_text
        long = len(cell.value) * 2 > issues.column_dimensions["G"].width
        assert not long or (issues.row_dimensions[r].height or 0) > 15, f"row {r} is one line tall"
    assert {issues.cell(r, 5).value for r in range(2, issues.max_row + 1)} <= set(RULE_NAMES.values())
    log = wb["修改记录"]
    assert log["B2"].alignment.wrap_text and log["B2"].value == "表三·本年新收·自然人"
    _no_rule_ids(out)


def test_every_seed_workbook_and_the_summary_name_rules_in_chinese(seeds: dict[str, Report], tmp_path: Path) -> None:
    items = [(r, audit(r)) for r in seeds.values()]
    uncertain = _with_uncertain(load_report(sample("001")))
    items.append((uncertain, audit(uncertain)))
    assert "UNCERTAIN_CELL" in {f.rule for f in items[-1][1]}
    for i, (report, findings) in enumerate(items):
        write_report(tmp_path / f"{i}.xlsx", report, findings)
        _no_rule_ids(tmp_path / f"{i}.xlsx")
    write_summary(tmp_path / "summary.xlsx", items)
    _no_rule_ids(tmp_path / "summary.xlsx")


def test_summary_prints_a_list_and_keeps_the_figures_off_paper(seeds: dict[str, Report], tmp_path: Path) -> None:
    items = [(r, audit(r)) for r in seeds.values()]
    out = tmp_path / "summary.xlsx"
    write_summary(out, items)
    wb = load_workbook(out)
    overview = ["单位排名", "问题规则", "年度", "热力图"]  # with a batch
    assert wb.sheetnames == ["汇总", "问题清单", *overview, "全部数据", "元数据"]
    for ws in wb.worksheets:
        _page_setup(ws)  # 全部数据 too: printed by mistake, it costs a page, not dozens
    listed = wb["汇总"]
    assert listed.max_column == 9  # a readable list, not a dump of figures
    widths = sum(listed.column_dimensions[c].width for c in "ABCDEFGHI")
    assert widths < 160  # about one landscape page at full size
    for r in range(2, listed.max_row + 1):
        problems = listed.cell(r, 8)
        assert problems.alignment.wrap_text
        lines = problems.value.count("\n") + 1
        assert lines == 1 or listed.row_dimensions[r].height >= 15 * lines
    issues = wb["问题清单"]
    assert all(issues.cell(r, 9).alignment.wrap_text for r in range(2, issues.max_row + 1))


def test_uncertain_cells_are_violet_as_in_the_window(tmp_path: Path) -> None:
    report = _with_uncertain(load_report(sample("001")))
    findings = audit(report)
    assert report_marks(report, findings)[("table3", "new", "natural_person")] == MARK_UNCERTAIN
    out = tmp_path / "u.xlsx"
    write_report(out, report, findings)
    cell = load_workbook(out)["表三"]["D6"]
    assert cell.fill.fgColor.rgb.endswith(UNCERTAIN_FILL.fgColor.rgb[-6:])
    assert cell.value == "?"  # as in the grid, not the digits it could not split
    back, changes = read_report_workbook(out)
    assert back.cell("table3", "new", "natural_person") == report.cell("table3", "new", "natural_person")
    assert changes == []
