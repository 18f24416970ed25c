"""Layouts real reports come in: every one must give the same tables as the plain layout.

Each variant is made from a seed report by the transformation that publishing tools and
copy-paste apply; the tables read from it are compared cell by cell with the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import opencc
import pytest

from model.rules import audit
from parsers import load_report
from parsers.read.normalize import normalize
from parsers.recognize.document import recognize
from tests.conftest import sample

_S2T = opencc.OpenCC("s2t")

VARIANTS: dict[str, tuple[Callable[[str], str], str]] = {
    "spaces-for-bars": (lambda t: re.sub(r" ?\|+ ?", " ", t), "utf-8"),
    "rows-flattened": (lambda t: t.replace(" |\n", " | "), "utf-8"),
    "traditional-big5": (lambda t: _S2T.convert(t), "big5"),
    "gb18030": (lambda t: t, "gb18030"),
    "utf-16": (lambda t: t, "utf-16"),
    "crlf": (lambda t: t.replace("\n", "\r\n"), "utf-8"),
    "full-width": (lambda t: t.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}), "utf-8"),
    "tabs": (lambda t: t.replace(" | ", "\t"), "utf-8"),
    "labels-cut-by-spaces": (
        lambda t: (
            t.replace("本年度办理结果", "本年度办 理结果")
            .replace("上年结转", "上 年结转")
            .replace("予以公开", "予以 公开")
        ),
        "utf-8",
    ),
    "website-chrome": (
        lambda t: (
            "首页 | 政务公开 | 信息公开目录 | 互动交流\n当前位置:首页 > 信息公开\n"
            + t
            + "\n网站地图 | 联系我们 | 主办单位:某某市人民政府办公室\n"
        ),
        "utf-8",
    ),
}


@pytest.mark.parametrize("seed", ["000", "001", "003"])
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variant_reads_the_same_tables(tmp_path: Path, seed: str, variant: str) -> None:
    original = load_report(sample(seed))
    transform, encoding = VARIANTS[variant]
    path = tmp_path / f"{seed}-{variant}.txt"
    path.write_bytes(transform(sample(seed).read_text(encoding="utf-8")).encode(encoding, errors="replace"))
    report = load_report(path)
    assert report.error is None
    assert (report.format, report.year) == (original.format, original.year)
    assert report.tables_json() == original.tables_json()


def _read(text: str):  # type: ignore[no-untyped-def]
    return recognize(normalize(text).text)


def test_run_together_digits_split_by_the_row_total() -> None:
    text = sample("003").read_text(encoding="utf-8")
    text = text.replace(
        "一、本年新收政府信息公开申请数量 | 127 | 2 | 0 | 0 | 0 | 0 | 129",
        "一、本年新收政府信息公开申请数量 | 12720000129",
    )
    report = _read(text)
    row = report.tables_json()["table3"]["new"]
    assert row == {
        "natural_person": 127, "commercial": 2, "research": 0, "social": 0, "legal": 0, "other_org": 0, "total": 129,
    }  # fmt: skip
    assert "拆分" in (report.cell("table3", "new", "total").note or "")


def test_run_together_digits_with_several_splits_are_left_to_the_officer() -> None:
    text = sample("003").read_text(encoding="utf-8")
    text = text.replace("12 | 0 | 1 | 1 | 14 | 2 | 0 | 0 | 0 | 2 | 3 | 0 | 0 | 0 | 3", "120111420002300 0 3")
    report = _read(text)
    table4 = report.tables_json()["table4"]
    # 1 2 0 11 14 or 12 0 1 1 14: only where the two readings differ is left blank.
    assert table4["review"] == {"upheld": None, "corrected": None, "other": None, "pending": None, "total": 14}
    assert table4["litigation_direct"] == {"upheld": 2, "corrected": 0, "other": 0, "pending": 0, "total": 2}
    assert table4["litigation_after_review"] == {"upheld": 3, "corrected": 0, "other": 0, "pending": 0, "total": 3}
    findings = [f for f in audit(report) if f.rule == "UNCERTAIN_CELL"]
    assert len(findings) == 1 and "无法确定" in findings[0].message
    assert "1 2 0 11" in findings[0].message and "12 0 1 1" in findings[0].message
    assert {(c.row, c.col) for c in findings[0].cells} == {
        ("review", c) for c in ("upheld", "corrected", "other", "pending")
    }
    assert not [f for f in audit(report) if f.rule in ("NOT_A_NUMBER", "EMPTY_CELL")]


def test_narrative_mention_before_the_table_is_not_a_row() -> None:
    text = sample("003").read_text(encoding="utf-8")
    text = text.replace(
        "三、收到和处理政府信息公开申请情况\n", "三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请129件。\n"
    )
    report = _read(text)
    assert report.tables_json()["table3"]["new"]["natural_person"] == 127


def test_old_report_local_statistics_table_is_not_read_as_the_form() -> None:
    text = (
        "某某县统计局2016年政府信息公开工作年度报告\n一、概述\n2016年，我局认真贯彻条例。\n"
        "二、主动公开政府信息情况\n统计项目 | 数量\n主动公开信息 | 26\n行政复议 | 0\n行政诉讼 | 0\n"
        "三、依申请公开政府信息情况\n全年未收到申请。\n"
    )
    report = _read(text)
    assert report.format == "pre2019" and report.tables_json() == {}
    assert audit(report) == []


def test_2021_report_without_tables_is_told_what_is_missing() -> None:
    report = _read("某某区财政局2023年政府信息公开工作年度报告\n一、总体情况\n本年度……\n")
    rules = [f.rule for f in audit(report)]
    assert report.format == "2021"
    assert rules.count("TABLE_MISSING") == 3


def test_label_wrapped_over_two_lines_keeps_its_values() -> None:
    text = sample("003").read_text(encoding="utf-8")
    text = text.replace(
        "(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 6",
        "(二)部分公开(区分处理的,只计这一情形,\n不计其他情形) | 6",
    )
    report = _read(text)
    assert report.tables_json()["table3"]["partial"]["natural_person"] == 6
    assert report.tables_json()["table3"]["partial"]["total"] == 6


def test_table4_rows_on_separate_lines_between_bars() -> None:
    text = sample("003").read_text(encoding="utf-8")
    text = text.replace(
        "12 | 0 | 1 | 1 | 14 | 2 | 0 | 0 | 0 | 2 | 3 | 0 | 0 | 0 | 3",
        "12 | 0 | 1 | 1 | 14 |\n| 2 | 0 | 0 | 0 | 2 |\n| 3 | 0 | 0 | 0 | 3",
    )
    assert _read(text).tables_json()["table4"] == load_report(sample("003")).tables_json()["table4"]


def test_format_from_table3_alone() -> None:
    for seed, fmt in (("003", "2019"), ("001", "2021")):
        text = sample(seed).read_text(encoding="utf-8")
        start, end = text.index("二、主动公开政府信息情况"), text.index("三、收到和处理政府信息公开申请情况")
        report = _read(text[:start] + text[end:])  # 表二 removed: only 表三 tells the format
        assert report.format == fmt, seed
        assert "TABLE_MISSING" in {f.rule for f in audit(report)}


def test_year_and_agency_from_a_title_with_the_agency_after_the_year() -> None:
    from parsers.recognize.meta import find_title_agency, find_year

    title = "2023年度某某市财政局政府信息公开工作年度报告\n本报告由……"
    assert find_year(title) == 2023
    assert find_title_agency(title) == "某某市财政局"


def test_table4_as_three_labelled_rows() -> None:
    text = sample("003").read_text(encoding="utf-8")
    start = text.index("四、政府信息公开行政复议、行政诉讼情况")
    end = text.index("五、存在的主要问题及改进情况")
    table = (
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "项目 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n"
        "行政复议 | 12 | 0 | 1 | 1 | 14\n"
        "行政诉讼(未经复议直接起诉) | 2 | 0 | 0 | 0 | 2\n"
        "行政诉讼(复议后起诉) | 3 | 0 | 0 | 0 | 3\n"
    )
    report = _read(text[:start] + table + text[end:])
    assert report.tables_json()["table4"] == load_report(sample("003")).tables_json()["table4"]


def test_blank_cells_between_bars_with_spaces() -> None:
    text = (
        sample("003")
        .read_text(encoding="utf-8")
        .replace(
            "二、上年结转政府信息公开申请数量 | 10 | 0 | 0 | 0 | 0 | 0 | 10",
            "二、上年结转政府信息公开申请数量 | 10 |  |   | / | — |  | 10",
        )
    )
    row = _read(text).tables_json()["table3"]["carried_over"]
    assert row == {
        "natural_person": 10, "commercial": None, "research": None, "social": None, "legal": None,
        "other_org": None, "total": 10,
    }  # fmt: skip
    findings = [f for f in audit(_read(text)) if f.rule == "EMPTY_CELL"]
    assert len(findings) == 1 and len(findings[0].cells) == 5


def test_words_in_a_cell_are_not_numbers() -> None:
    text = sample("003").read_text(encoding="utf-8").replace("| 7 | -1 | 0 |", "| 7 | -1 | 若干 |")
    report = _read(text)
    assert report.tables_json()["table2"]["penalties"]["decisions"] is None
    assert [f.rule for f in audit(report) if f.cells and f.cells[0].row == "penalties"] == ["NOT_A_NUMBER"]


@pytest.mark.parametrize("nothing", ["无", "—", "/"])
def test_none_written_for_zero_is_a_blank_like_a_dash(nothing: str) -> None:
    text = sample("003").read_text(encoding="utf-8").replace("| 7 | -1 | 0 |", f"| 7 | -1 | {nothing} |")
    report = _read(text)
    assert report.tables_json()["table2"]["penalties"]["decisions"] is None
    assert [f.rule for f in audit(report) if f.cells and f.cells[0].row == "penalties"] == ["EMPTY_CELL"]


def test_narrative_subheading_naming_a_row_is_not_the_row() -> None:
    text = (
        sample("003")
        .read_text(encoding="utf-8")
        .replace("二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n(一)规范性文件\n本年度制发规范性文件4件。\n")
    )
    assert _read(text).tables_json()["table2"] == load_report(sample("003")).tables_json()["table2"]


def test_junk_in_number_cells_stays_in_its_cell() -> None:
    text = (
        sample("003")
        .read_text(encoding="utf-8")
        .replace(
            "一、本年新收政府信息公开申请数量 | 127 | 2 | 0 | 0 | 0 | 0 | 129",
            "一、本年新收政府信息公开申请数量 | =1+2 | @A1 | +无 | -2-3 | 0 | 0 | 129",
        )
    )
    report = _read(text)
    row = report.tables_json()["table3"]["new"]
    assert row["social"] is None and row["other_org"] == 0 and row["total"] == 129
    bad = {c.col for f in audit(report) if f.rule == "NOT_A_NUMBER" for c in f.cells}
    assert bad == {"natural_person", "commercial", "research", "social"}
    assert report.cell("table3", "new", "natural_person").raw == "=1+2"
