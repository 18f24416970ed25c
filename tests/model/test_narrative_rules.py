"""Narrative rules on real sentences from the seed reports, passing and failing."""

from __future__ import annotations

import datetime as dt

import pytest

from model.narrative_rules import (
    deadline,
    fee_not_reported,
    late_publication,
    narrative_sum,
    narrative_table,
    percent,
)
from model.rules import audit
from parsers import load_report
from parsers.read.normalize import normalize
from parsers.recognize.document import recognize
from parsers.recognize.narrative import chinese_number, find_sum_claims
from tests.conftest import sample


def _report(text: str):  # type: ignore[no-untyped-def]
    return recognize(normalize(text).text)


def test_001_stated_total_below_its_parts_is_an_error() -> None:
    findings = narrative_sum(load_report(sample("001")))
    assert len(findings) == 1
    f = findings[0]
    assert f.severity == "error"
    assert "20 + 24 + 14 + 20 + 26 = 104" in f.message and "84" in f.message
    report = load_report(sample("001"))
    assert report.text[f.source[0] : f.source[1]].startswith("共主动公示84条信息")


@pytest.mark.parametrize("seed", ["000", "003", "004"])
def test_sums_that_add_up_raise_nothing(seed: str) -> None:
    report = load_report(sample(seed))
    assert report.sum_claims, "the seed states sums; they must be found"
    assert narrative_sum(report) == [] and percent(report) == []


def test_parts_short_of_the_total_are_a_warning() -> None:
    text = "2020年共收集回应各类网上诉求190条，其中网上信访10条，市长热线4条，其他渠道160条。"
    findings = narrative_sum(_report(text))
    assert [f.severity for f in findings] == ["warning"]


def test_a_selection_short_of_the_total_is_no_finding() -> None:
    """其中 often names a few items only: short of the total is no error unless the list
    says it is complete (its last item is the rest, 其他…)."""
    text = "2020年共收集回应各类网上诉求190条，其中网上信访10条，市长热线4条。"
    assert narrative_sum(_report(text)) == []


def test_approximate_figures_are_skipped() -> None:
    text = "我局2020年共接受市民咨询共400余次，其中咨询电话接听200余次，当面咨询190余次，网上咨询10次。"
    assert find_sum_claims(normalize(text).text) == []


def test_chinese_numerals_and_units() -> None:
    assert chinese_number("三十六") == 36 and chinese_number("一百零五") == 105 and chinese_number("十二") == 12
    text = "全年共发布信息三十六条，其中政策文件十条，其他信息二十条。"
    findings = narrative_sum(_report(text))
    assert len(findings) == 1 and findings[0].severity == "warning" and "30" in findings[0].message


def test_several_lists_in_one_sentence() -> None:
    text = "共公开文件10件，其中规章4件、规范性文件6件；共发布解读5篇，其中图解3篇、视频3篇。"
    findings = narrative_sum(_report(text))
    assert len(findings) == 1 and "3 + 3 = 6" in findings[0].message


def test_list_ends_where_the_figures_end() -> None:
    report = load_report(sample("003"))
    claim = next(c for c in report.sum_claims if c.total.value == 153)
    assert [p.value for p in claim.parts] == [41, 112]


def test_percent_against_its_parts() -> None:
    good = "2016年我局主动公开政府信息26条。其中我局公开16条，占61.5%；区社保局公开10条，占38.5%。"
    assert percent(_report(good)) == []
    bad = good.replace("61.5%", "65.5%")
    findings = percent(_report(bad))
    assert len(findings) == 1 and "65.5" in findings[0].message and "61.54" in findings[0].message


def test_shares_of_another_base_are_not_checked() -> None:
    # The nearest figure before 其中 (上年结转2件) is not the base of the shares.
    text = "本年度共收到申请8件，上年结转2件，其中予以公开6件，占60%；部分公开1件，占10%；无法提供3件，占30%。"
    assert percent(_report(text)) == [] and narrative_sum(_report(text)) == []


def test_narrative_against_the_table() -> None:
    text = sample("004").read_text(encoding="utf-8")
    assert narrative_table(load_report(sample("004"))) == []
    report = _report(text.replace("共受理政府信息公开申请0件", "共受理政府信息公开申请3件"))
    findings = narrative_table(report)
    assert len(findings) == 1 and "3" in findings[0].message and findings[0].cells[0].row == "new"


def test_narrative_fee_and_review_of_001() -> None:
    report = load_report(sample("001"))
    assert narrative_table(report) == []
    text = sample("001").read_text(encoding="utf-8").replace("行政事业性收费共计19万元", "行政事业性收费共计21万元")
    findings = narrative_table(_report(text))
    assert len(findings) == 1 and "21" in findings[0].message and "19" in findings[0].message


def test_fee_statement_required_in_2021_format() -> None:
    assert fee_not_reported(load_report(sample("001"))) == []
    text = (
        sample("001")
        .read_text(encoding="utf-8")
        .replace("政府信息处理费收取情况", "收费情况")
        .replace("处理费", "费用")
    )
    assert [f.rule for f in fee_not_reported(_report(text))] == ["FEE_NOT_REPORTED"]
    assert fee_not_reported(load_report(sample("003"))) == []  # 2019 format: not required


@pytest.mark.parametrize(
    ("agency", "due"),
    [
        ("襄城区人力资源和社会保障局", dt.date(2025, 1, 31)),
        ("某某市人民政府", dt.date(2025, 3, 31)),
        ("某某镇人民政府", dt.date(2025, 3, 31)),
        (None, dt.date(2025, 3, 31)),
    ],
)
def test_deadline_by_agency_kind(agency: str | None, due: dt.date) -> None:
    assert deadline(agency, 2024)[0] == due


def test_late_publication() -> None:
    report = load_report(sample("001"))  # signed 2025-01-17, a department: in time
    assert late_publication(report) == []
    assert report.date_span is not None
    assert report.text[slice(*report.date_span)] == "2025年1月17日"
    report.signed_date = dt.date(2025, 2, 20)
    findings = late_publication(report)
    assert len(findings) == 1 and "2025-01-31" in findings[0].message
    assert findings[0].source == report.date_span


def test_seeds_raise_no_narrative_noise() -> None:
    for seed in ("000", "002", "003", "004"):
        rules = {f.rule for f in audit(load_report(sample(seed)))}
        assert not rules & {"NARRATIVE_SUM", "NARRATIVE_TABLE", "PERCENT", "LATE_PUBLICATION", "FEE_NOT_REPORTED"}, seed


def test_comparisons_and_restatements_are_not_parts() -> None:
    text = "全年共受理政府信息公开申请15件，其中予以公开10件，不予公开5件，已全部办结15件。"
    assert narrative_sum(_report(text)) == []
    text = "全年共主动公开信息120条，其中政策文件70条、工作动态50条，较上年增长20条。"
    assert narrative_sum(_report(text)) == []


def test_reviews_not_about_disclosure_are_not_table4() -> None:
    text = (
        sample("003")
        .read_text(encoding="utf-8")
        .replace("五、存在的主要问题及改进情况", "全年办理行政复议案件35件。\n五、存在的主要问题及改进情况")
    )
    assert narrative_table(_report(text)) == []
    text = text.replace("全年办理行政复议案件35件", "因政府信息公开被申请行政复议案件35件")
    assert [f.cells[0].row for f in narrative_table(_report(text))] == ["review"]


def test_handled_count_including_carried_over_is_accepted() -> None:
    text = (
        sample("003")
        .read_text(encoding="utf-8")
        .replace("2019年,我厅共办理依申请公开129件", "2019年,我厅共受理政府信息公开申请139件")
    )
    assert narrative_table(_report(text)) == []  # 129 new + 10 carried over


def test_list_complete_before_other_news() -> None:
    text = "全年共受理政府信息公开申请15件，其中网上申请10件、信函申请5件，予以公开8件。"
    assert narrative_sum(_report(text)) == []


def test_fee_reductions_are_not_the_fee() -> None:
    text = (
        sample("001")
        .read_text(encoding="utf-8")
        .replace(
            "2024年,区人社局行政事业性收费共计19万元。",
            "2024年,区人社局行政事业性收费共计19万元。另有行政事业性收费减免3万元。",
        )
    )
    assert narrative_table(_report(text)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共发布信息{big}条，其中政策文件10条，工作动态20条。",
        "全年共发布信息30条，其中政策文件{big}条，工作动态20条。",
        "全年共发布信息30条(政策文件{big}条、工作动态20条)。",
        "全年共受理政府信息公开申请{big}件。",
        "全年共发布信息30条，其中政策文件10条，占{big}%；工作动态20条。",
        "全年共发布信息0.{big}条，其中政策文件0.{big}条、工作动态20条。",
    ],
)
def test_overlong_numbers_in_the_text_are_no_figures(tmp_path, sentence: str) -> None:  # type: ignore[no-untyped-def]
    """A number of hundreds of digits in running text (a float would overflow) is not a count:
    the audit goes through, exactly, and states no sum about it."""
    text = (
        sample("003")
        .read_text(encoding="utf-8")
        .replace("五、存在的主要问题及改进情况", sentence.format(big="9" * 320) + "\n五、存在的主要问题及改进情况")
    )
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    report = load_report(path)
    assert report.error is None
    findings = audit(report)
    assert not any("9" * 11 in f.message for f in findings)
    assert all(len(str(c.total.value)) <= 10 for c in report.sum_claims)


def test_figures_are_exact() -> None:
    from decimal import Decimal

    from parsers.recognize.narrative import figure_value

    assert figure_value("1,171") == 1171 and isinstance(figure_value("1171"), int)
    assert figure_value("24252.311082") == Decimal("24252.311082")
    assert figure_value("9999999999") == 9999999999
    assert figure_value("12345678901") is None  # eleven digits: no count of a report
    text = "全年共发布信息0.3条，其中政策文件0.1条，工作动态0.2条。"
    assert narrative_sum(_report(text)) == []  # 0.1 + 0.2 is 0.3 exactly
