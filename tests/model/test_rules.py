"""Each table and structure rule on its own: a report where it holds, one where it fires."""

from __future__ import annotations

import copy

import pytest

from model.report import STATUS_BLANK, STATUS_TEXT, Cell, Report
from model.rules import (
    audit,
    empty_cells,
    format_outdated,
    label_altered,
    negative,
    not_a_number,
    row_missing,
    section_missing,
    t3_balance,
    t3_outcome_sum,
    t3_row_total,
    t4_total,
    table_missing,
)
from parsers import load_report
from tests.conftest import sample


@pytest.fixture(scope="module")
def clean_2019() -> Report:
    """Seed 003: a 2019-format report whose tables all add up."""
    return load_report(sample("003"))


@pytest.fixture
def report(clean_2019: Report) -> Report:
    return copy.deepcopy(clean_2019)


def test_clean_report_passes_every_table_rule(report: Report) -> None:
    for rule in (t3_balance, t3_outcome_sum, t3_row_total, t4_total, empty_cells, not_a_number, negative):
        assert rule(report) == [], rule.__name__


def test_t3_balance_fires_with_the_arithmetic(report: Report) -> None:
    report.set_value("table3", "carried_forward", "natural_person", 7)
    # total_processed is unchanged, so only the balance of that column breaks
    findings = t3_balance(report)
    assert len(findings) == 1
    f = findings[0]
    assert f.rule == "T3_BALANCE" and f.severity == "error"
    assert "本年新收 127 + 上年结转 10 = 137" in f.message
    assert "132 + 结转下年度 7 = 139" in f.message
    assert {(c.row, c.col) for c in f.cells} >= {("carried_forward", "natural_person")}
    assert f.source is not None


def test_t3_outcome_sum_fires(report: Report) -> None:
    report.set_value("table3", "granted", "total", 75)
    rules = {f.rule for f in audit(report)}
    assert "T3_OUTCOME_SUM" in rules
    f = next(f for f in t3_outcome_sum(report) if f.cells[0].col == "total")
    assert "= 133" in f.message and "134" in f.message


def test_t3_row_total_fires(report: Report) -> None:
    report.set_value("table3", "new", "commercial", 3)
    findings = t3_row_total(report)
    assert [f.cells[0].row for f in findings] == ["new"]
    assert "自然人 127 + 商业企业 3" in findings[0].message


def test_t4_total_fires(report: Report) -> None:
    report.set_value("table4", "review", "total", 15)
    findings = t4_total(report)
    assert len(findings) == 1 and findings[0].cells[0].row == "review"
    assert "= 14" in findings[0].message and "15" in findings[0].message


def test_rules_never_fire_on_an_empty_cell(report: Report) -> None:
    report.set_value("table3", "new", "natural_person", None)
    assert t3_balance(report) == [] or all(f.cells[0].col != "natural_person" for f in t3_balance(report))
    assert all(f.cells[0].row != "new" for f in t3_row_total(report))
    blanks = empty_cells(report)
    assert [(c.row, c.col) for f in blanks for c in f.cells] == [("new", "natural_person")]
    assert blanks[0].severity == "warning"


def test_not_a_number_fires_on_words(report: Report) -> None:
    cell = report.tables["table4"][("review", "other")]
    cell.value, cell.raw, cell.status = None, "无", STATUS_TEXT
    findings = not_a_number(report)
    assert len(findings) == 1 and "“无”" in findings[0].message
    assert empty_cells(report) == []


def test_negative_fires_except_for_2019_change(report: Report) -> None:
    assert report.value("table2", "other_services", "change") == -3
    assert negative(report) == []
    report.set_value("table3", "partial", "natural_person", -1)
    findings = negative(report)
    assert [(f.cells[0].row, f.cells[0].col) for f in findings] == [("partial", "natural_person")]


def test_row_missing_once_per_row(report: Report) -> None:
    assert row_missing(report) == []
    report.missing.append(("table3", "refused.query", None))
    for col in ("natural_person", "total"):
        report.tables["table3"].pop(("refused.query", col))
    findings = row_missing(report)
    assert len(findings) == 1 and "属于行政查询事项" in findings[0].message


def test_table_missing_and_section_missing(report: Report) -> None:
    assert table_missing(report) == [] and section_missing(report) == []
    del report.tables["table4"]
    report.sections = [s for s in report.sections if s.number != 5]
    assert [f.rule for f in table_missing(report)] == ["TABLE_MISSING"]
    assert ["五" in f.message for f in section_missing(report)] == [True]


def test_pre2019_reports_are_not_held_to_the_tables() -> None:
    old = load_report(sample("002"))
    assert table_missing(old) == [] and section_missing(old) == []


@pytest.mark.parametrize(
    ("year", "fmt", "severity"),
    [(2022, "2019", "error"), (2020, "2021", "warning"), (2020, "2019", None), (2023, "2021", None)],
)
def test_format_outdated(report: Report, year: int, fmt: str, severity: str | None) -> None:
    report.year, report.format = year, fmt
    findings = format_outdated(report)
    assert [f.severity for f in findings] == ([severity] if severity else [])


def test_label_altered_from_the_text() -> None:
    text = sample("001").read_text(encoding="utf-8").replace("\n行政规范性文件 |", "\n规范性文件 |")
    from parsers.recognize.document import recognize

    report = recognize(text)
    findings = label_altered(report)
    assert len(findings) == 1
    assert "规范性文件" in findings[0].message and "行政规范性文件" in findings[0].message
    assert report.value("table2", "normative_documents", "issued") == 0
    assert label_altered(load_report(sample("001"))) == []


def test_blank_cell_status_is_blank() -> None:
    cell = Cell(None, "/", (0, 1), STATUS_BLANK)
    assert cell.status == "blank"


def test_edit_and_revert_keep_the_parsed_value(report: Report) -> None:
    old = report.set_value("table3", "new", "natural_person", 128)
    cell = report.cell("table3", "new", "natural_person")
    assert old == 127 and cell is not None and cell.edited and cell.parsed_value == 127
    report.set_value("table3", "new", "natural_person", 127)
    assert not cell.edited
    report.set_value("table3", "new", "natural_person", 1)
    report.revert("table3", "new", "natural_person")
    assert cell.value == 127 and not cell.edited


def test_every_reason_a_cell_is_uncertain_has_its_words() -> None:
    from model import messages
    from model.report import UNCERTAIN_REASONS

    assert set(messages.UNCERTAIN_WHY) == set(UNCERTAIN_REASONS)
