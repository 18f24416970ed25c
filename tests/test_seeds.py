"""The five seed reports end to end: every cell as the report prints it, read by hand.

Rows are written as the report prints them, one figure per column in form order;
`_` is a blank cell (null).
"""

from __future__ import annotations

import pytest

from model.rules import audit
from parsers import load_report
from tests.conftest import sample

Z7 = "0 0 0 0 0 0 0"
B6 = "_ _ _ _ _ _"
T3_ROWS_2019 = [
    "new", "carried_over", "granted", "partial",
    "refused.state_secret", "refused.prohibited", "refused.security", "refused.third_party",
    "refused.internal", "refused.process", "refused.enforcement", "refused.query",
    "unable.not_held", "unable.needs_creation", "unable.unclear",
    "not_processed.complaint", "not_processed.duplicate", "not_processed.publication",
    "not_processed.excessive", "not_processed.confirmation", "other",
    "total_processed", "carried_forward",
]  # fmt: skip
T3_ROWS_2021 = T3_ROWS_2019[:20] + ["other.no_correction", "other.unpaid_fee", "other.other"] + T3_ROWS_2019[21:]
T3_COLS = ["natural_person", "commercial", "research", "social", "legal", "other_org", "total"]
T4_ROWS = ["review", "litigation_direct", "litigation_after_review"]
T4_COLS = ["upheld", "corrected", "other", "pending", "total"]


def _num(text: str) -> int | float | None:
    if text == "_":
        return None
    return float(text) if "." in text else int(text)


def _t3(overrides: dict[str, str], rows: list[str], default: str = Z7) -> dict:
    return {r: dict(zip(T3_COLS, map(_num, overrides.get(r, default).split()))) for r in rows}


def _t4(line: str) -> dict:
    nums = [_num(x) for x in line.split()]
    return {r: dict(zip(T4_COLS, nums[i * 5 : i * 5 + 5])) for i, r in enumerate(T4_ROWS)}


def _t2_2019(lines: dict[str, str]) -> dict:
    cols = {
        "regulations": ["made", "published", "total_public"],
        "normative_documents": ["made", "published", "total_public"],
        "licensing": ["prev_items", "change", "decisions"],
        "other_services": ["prev_items", "change", "decisions"],
        "penalties": ["prev_items", "change", "decisions"],
        "coercion": ["prev_items", "change", "decisions"],
        "fees": ["prev_items", "change"],
        "procurement": ["items", "amount"],
    }
    return {r: dict(zip(c, map(_num, lines[r].split()))) for r, c in cols.items()}


EXPECTED = {
    "000": {
        "format": "2019",
        "year": 2020,
        "agency": "驻马店市人力资源和社会保障局",
        "table2": _t2_2019(
            {
                "regulations": "0 0 0",
                "normative_documents": "6 6 9",
                "licensing": "4 0 0",
                "other_services": "0 0 0",
                "penalties": "9 0 0",
                "coercion": "0 0 0",
                "fees": "1 0",
                "procurement": "168 1171.742",
            }
        ),
        "table3": _t3(
            {"new": "1 0 0 0 0 0 1", "granted": "1 0 0 0 0 0 1", "total_processed": "1 0 0 0 0 0 1"},
            T3_ROWS_2019,
        ),
        "table4": _t4(" ".join(["0"] * 15)),
    },
    "001": {
        "format": "2021",
        "year": 2024,
        "agency": "襄城区人力资源和社会保障局",
        "table2": {
            "regulations": {"issued": 0, "repealed": 0, "in_force": 0},
            "normative_documents": {"issued": 0, "repealed": 0, "in_force": 0},
            "licensing": {"decisions": 0},
            "penalties": {"decisions": 0},
            "coercion": {"decisions": 0},
            "fees": {"amount": 19},
        },
        "table3": _t3({}, T3_ROWS_2021),
        "table4": _t4(" ".join(["0"] * 15)),
    },
    "003": {
        "format": "2019",
        "year": 2019,
        "agency": "江苏省人力资源和社会保障厅",
        "table2": _t2_2019(
            {
                "regulations": "0 0 0",
                "normative_documents": "4 4 305",
                "licensing": "6 0 32",
                "other_services": "18 -3 587944",
                "penalties": "7 -1 0",
                "coercion": "0 0 0",
                "fees": "26 0",
                "procurement": "106 3909.30",
            }
        ),
        "table3": _t3(
            {
                "new": "127 2 0 0 0 0 129",
                "carried_over": "10 0 0 0 0 0 10",
                "granted": "74 2 0 0 0 0 76",
                "partial": "6 0 0 0 0 0 6",
                "refused.enforcement": "1 0 0 0 0 0 1",
                "unable.not_held": "33 0 0 0 0 0 33",
                "unable.needs_creation": "11 0 0 0 0 0 11",
                "not_processed.complaint": "4 0 0 0 0 0 4",
                "not_processed.duplicate": "3 0 0 0 0 0 3",
                "total_processed": "132 2 0 0 0 0 134",
                "carried_forward": "5 0 0 0 0 0 5",
            },
            T3_ROWS_2019,
        ),
        "table4": _t4("12 0 1 1 14 2 0 0 0 2 3 0 0 0 3"),
    },
    "004": {
        "format": "2019",
        "year": 2020,
        "agency": "襄州区民政局",
        "table2": _t2_2019(
            {
                "regulations": "0 0 0",
                "normative_documents": "0 0 0",
                "licensing": "0 0 _",
                "other_services": "0 0 0",
                "penalties": "0 0 0",
                "coercion": "0 0 0",
                "fees": "0 0",
                "procurement": "0 0",
            }
        ),
        # Only the 总计 column is filled in; 8.属于行政查询事项 is blank throughout.
        "table3": _t3({"refused.query": B6 + " _"}, T3_ROWS_2019, default=B6 + " 0"),
        "table4": _t4(" ".join(["0"] * 15)),
    },
}


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_cells(seed: str) -> None:
    report = load_report(sample(seed))
    want = EXPECTED[seed]
    assert report.error is None
    assert report.format == want["format"]
    assert report.year == want["year"]
    assert report.agency == want["agency"]
    got = report.tables_json()
    for table in ("table2", "table3", "table4"):
        assert got[table] == want[table], table


def test_pre2019_seed_has_no_tables() -> None:
    report = load_report(sample("002"))
    assert report.format == "pre2019"
    assert report.year == 2016
    assert report.agency == "靖远县人力资源和社会保障局"
    assert report.tables_json() == {}
    assert audit(report) == []


@pytest.mark.parametrize("seed", ["000", "002", "003"])
def test_clean_seeds_have_no_errors(seed: str) -> None:
    findings = audit(load_report(sample(seed)))
    assert [f.message for f in findings if f.severity == "error"] == []


def test_blank_columns_of_004_are_flagged_not_unbalanced() -> None:
    findings = audit(load_report(sample("004")))
    rules = {f.rule for f in findings}
    assert "T3_BALANCE" not in rules and "T3_ROW_TOTAL" not in rules and "T3_OUTCOME_SUM" not in rules
    blank_t3 = {(c.row, c.col) for f in findings if f.rule == "EMPTY_CELL" for c in f.cells if c.table == "table3"}
    assert ("new", "natural_person") in blank_t3
    assert ("carried_forward", "other_org") in blank_t3
    assert ("refused.query", "total") in blank_t3
    assert ("new", "total") not in blank_t3


def test_spans_point_at_the_printed_figures() -> None:
    report = load_report(sample("003"))
    cell = report.cell("table3", "new", "natural_person")
    assert cell is not None and cell.span is not None
    assert report.text[cell.span[0] : cell.span[1]] == "127"
    money = report.cell("table2", "procurement", "amount")
    assert money is not None and money.span is not None
    assert report.text[money.span[0] : money.span[1]] == "3909.30万元"
