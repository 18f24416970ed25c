"""Suggested corrections: the smallest change that makes every equation hold."""

from __future__ import annotations

import copy

import pytest

from model.report import Report
from model.rules import audit
from model.suggest import suggest
from parsers import load_report
from tests.conftest import sample


@pytest.fixture(scope="module")
def clean() -> Report:
    return load_report(sample("003"))


@pytest.fixture
def report(clean: Report) -> Report:
    return copy.deepcopy(clean)


def _apply(report: Report, values: dict) -> None:  # type: ignore[type-arg]
    for key, value in values.items():
        report.set_value(*key, value)


def test_nothing_to_suggest_on_a_clean_report(report: Report) -> None:
    assert suggest(report, audit(report)) is None


def test_transposed_digits(report: Report) -> None:
    report.set_value("table3", "granted", "natural_person", 47)  # printed 74
    s = suggest(report, audit(report))
    assert s is not None and s.values == {("table3", "granted", "natural_person"): 74}
    assert "颠倒" in s.reason


def test_value_the_equations_require(report: Report) -> None:
    report.set_value("table4", "review", "total", 15)  # 12 + 0 + 1 + 1 = 14
    s = suggest(report, audit(report))
    assert s is not None and s.values == {("table4", "review", "total"): 14}
    _apply(report, s.values)
    assert not [f for f in audit(report) if f.severity == "error"]


def test_blank_that_is_the_difference(report: Report) -> None:
    report.set_value("table3", "carried_forward", "natural_person", None)
    s = suggest(report, audit(report))
    assert s is not None and s.values == {("table3", "carried_forward", "natural_person"): 5}


def test_row_shifted_one_column(report: Report) -> None:
    values = [
        report.value("table3", "new", c)
        for c in ("natural_person", "commercial", "research", "social", "legal", "other_org", "total")
    ]
    shifted = [None] + values[:-1]
    for c, v in zip(("natural_person", "commercial", "research", "social", "legal", "other_org", "total"), shifted):
        report.set_value("table3", "new", c, v)
    s = suggest(report, audit(report))
    assert s is not None and "错位" in s.reason
    _apply(report, s.values)
    assert [report.value("table3", "new", c) for c in ("natural_person", "commercial", "total")] == [127, 2, 129]


def test_never_applied_without_the_officer(report: Report) -> None:
    report.set_value("table4", "review", "total", 15)
    suggest(report, audit(report))
    assert report.value("table4", "review", "total") == 15
