"""The recognizer on the layouts and slips real reports show (issue: read every report):
each case is a seed or a devset report changed the way a real one was; every cell is
right or left blank and said to be uncertain, and no error is raised that the report
does not have."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.rules import audit
from parsers.read.normalize import normalize
from parsers.recognize.document import recognize
from tests.conftest import sample

DEVSET = Path(__file__).resolve().parents[1] / "data" / "devset"
SEED = sample("003").read_text(encoding="utf-8")
NEW = "一、本年新收政府信息公开申请数量 | 127 | 2 | 0 | 0 | 0 | 0 | 129"
CARRIED = "二、上年结转政府信息公开申请数量 | 10 | 0 | 0 | 0 | 0 | 0 | 10"
T4 = "12 | 0 | 1 | 1 | 14 | 2 | 0 | 0 | 0 | 2 | 3 | 0 | 0 | 0 | 3"


def _read(text: str):  # type: ignore[no-untyped-def]
    return recognize(normalize(text).text)


def _errors(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.rule for f in audit(report) if f.severity == "error"]


SEED_TABLES = _read(SEED).tables_json()


@pytest.mark.parametrize(
    "change",
    [
        # A sentence with spaced figures opening section 三 is not the 本年新收 row.
        lambda t: t.replace(
            "三、收到和处理政府信息公开申请情况\n",
            "三、收到和处理政府信息公开申请情况\n2019年我厅新收申请 129 件，办理完毕 134 件。\n",
        ),
        # Rows printed out of the form's order.
        lambda t: t.replace(NEW, "@").replace(CARRIED, NEW).replace("@", CARRIED),
        # Page footers inside a row.
        lambda t: t.replace("| 74 | 2 | 0 |", "| 74 | 2 |\n- 3 -\n| 0 |"),
        lambda t: t.replace("| 74 | 2 | 0 |", "| 74 | 2 | 第 3 页 共 5 页 | 0 |"),
        # A label split by spaces and a one-character slip.
        lambda t: t.replace("本年度办理结果", "本年度办 理结果").replace("属于国家秘密", "属于固家秘密"),
        # Notes in a column the form does not have.
        lambda t: t.replace(NEW, NEW + " | 其中网络申请").replace(CARRIED, CARRIED + " | 详见正文"),
    ],
    ids=["spaced-sentence", "rows-swapped", "dash-footer", "page-of-footer", "label-slips", "notes-column"],
)
def test_slips_of_real_reports_read_the_same_tables(change) -> None:  # type: ignore[no-untyped-def]
    report = _read(change(SEED))
    assert report.tables_json() == SEED_TABLES
    assert _errors(report) == []


def test_a_space_grouped_figure_is_one_figure() -> None:
    report = _read(SEED.replace(NEW, NEW.replace("| 127 | 2 |", "| 1 010 | 2 |").replace("129", "1 012")))
    assert report.tables_json()["table3"]["new"]["natural_person"] == 1010
    assert report.tables_json()["table3"]["new"]["total"] == 1012


def test_minus_signs_of_every_kind() -> None:
    for minus in ("-", "−", "–"):
        report = _read(SEED.replace("| 7 | -1 | 0 |", f"| 7 | {minus}1 | 0 |"))
        assert report.tables_json()["table2"]["penalties"] == {"prev_items": 7, "change": -1, "decisions": 0}


def test_a_run_of_digits_no_arithmetic_can_split_is_left_blank_and_said_so() -> None:
    report = _read(SEED.replace(T4, "1000000000000000"))
    assert all(v is None for row in report.tables_json()["table4"].values() for v in row.values())
    rules = [f.rule for f in audit(report)]
    assert rules.count("UNCERTAIN_CELL") == 1 and "T4_TOTAL" not in rules and "TABLE_MISSING" not in rules


def test_a_2021_report_printing_the_single_other_row() -> None:
    text = sample("001").read_text(encoding="utf-8")
    start = text.index("| (六)其他处理 |")
    end = text.index("| (七)总计")
    report = _read(text[:start] + "| (六)其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n" + text[end:])
    assert report.format == "2021"
    table3 = report.tables_json()["table3"]
    assert table3["other"]["total"] == 0
    assert all(table3[r]["total"] is None for r in ("other.no_correction", "other.unpaid_fee", "other.other"))
    findings = audit(report)
    missing = [f for f in findings if f.rule == "ROW_MISSING"]
    assert len(missing) == 1 and "三个分项" in missing[0].message
    assert not [f for f in findings if f.rule.startswith("T3_")]


@pytest.mark.parametrize("name", ["web-text-2019", "web-text-2021"])
def test_devset_web_text_has_every_cell_that_can_be_known(name: str) -> None:
    import json

    expected = json.loads((DEVSET / f"{name}.expected.json").read_text(encoding="utf-8"))
    report = _read((DEVSET / f"{name}.txt").read_text(encoding="utf-8"))
    got = report.tables_json()
    for table, rows in expected["tables"].items():
        for row, cols in rows.items():
            for col, value in cols.items():
                assert got[table][row][col] == pytest.approx(value), (table, row, col)
    flagged = {(c.table, c.row) for f in audit(report) if f.rule == "UNCERTAIN_CELL" for c in f.cells}
    for unknown in expected["cells_that_cannot_be_known"]:
        assert all(v is None for v in got[unknown["table"]][unknown["row"]].values())
        assert (unknown["table"], unknown["row"]) in flagged
    assert _errors(report) == []


@pytest.mark.parametrize(
    "text",
    [
        "某某市政府召开常务会议\n会议研究了2023年重点工作，强调要抓好落实。参会人员100人。\n",
        "规章 | 规范性文件 | 行政许可\n一、本年新收政府信息公开申请数量 | | |\n",
        "姓名 | 年龄 | 部门\n张三 | 30 | 办公室\n李四 | 40 | 财务科\n",
    ],
    ids=["news-page", "labels-only", "other-spreadsheet"],
)
def test_not_an_annual_report(text: str) -> None:
    report = _read(text)
    assert [f.rule for f in audit(report)] == ["NOT_A_REPORT"]
    assert report.format == "unknown"


def test_an_old_report_mentioning_the_new_forms_words_is_pre2019() -> None:
    text = (
        "某某县财政局2016年政府信息公开工作年度报告\n一、概述\n2016年，我局公开政府集中采购信息20条，"
        "本年新制作数量较多。\n二、主动公开政府信息情况\n统计项目 | 数量\n主动公开信息 | 26\n"
    )
    report = _read(text)
    assert report.format == "pre2019" and report.tables_json() == {}


def test_a_2018_report_with_the_2019_tables_really_in_it_is_read_as_such() -> None:
    report = _read(SEED.replace("2019", "2018"))
    assert report.year == 2018 and report.format == "2019"
    assert report.tables_json()["table3"] == SEED_TABLES["table3"]


def test_labels_printed_without_their_numbers() -> None:
    """The header runs on into the first row's label when no 一、 stands between them."""
    import re

    text = sample("004").read_text(encoding="utf-8")
    bare = re.sub(r"(?m)(\| |^)(?:[一二三四]、|\([一二三四五六七]\)|\d\.)", r"\1", text)
    report = _read(bare)
    assert report.tables_json() == _read(text).tables_json()
    assert _errors(report) == []
