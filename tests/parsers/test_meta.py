"""The report's metadata on real layouts: titles in crawler headers, breadcrumbs and lines
of their own, the agency they name, the year, and the page's publication date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from model.narrative_rules import late_publication
from parsers import load_report
from parsers.read.normalize import normalize
from parsers.recognize.document import recognize
from parsers.recognize.meta import find_agency, find_published, find_year
from parsers.recognize.title import find_title
from tests.conftest import ROOT, sample

DEVSET = ROOT.parent / "shared" / "devset"

CRAWLER_HEAD = (
    "标题: 平潭综合实验区2019年度政府信息公开工作年度报告\n发布时间: 2020-01-20 15:22\n文号: \n发布机构: \n"
    "栏目: 政府信息公开年报\n==================== 正文 ====================\n"
)
BREADCRUMB = (
    "==================== 正文 ====================\n当前位置： 首页政务公开政府信息公开政府信息公开年报 "
    "平潭综合实验区2021年度政府信息公开工作年度报告 来源：平潭县人民政府 时间：2022-02-08 16:34 微信 微博 "
    "全真版 文字版 文件下载 相关链接： --> 根据《中华人民共和国政府信息公开条例》，我区编制完成了本报告。"
)


@pytest.mark.parametrize(
    ("text", "name", "year"),
    [
        (CRAWLER_HEAD + "平潭综合实验区2019年政府信息公开工作年度报告 根据《条例》……", "平潭综合实验区", 2019),
        (BREADCRUMB, "平潭综合实验区", 2021),
        ("淮安市洪泽区人民政府2020年政府信息公开工作年度报告\n一、总体情况", "淮安市洪泽区人民政府", 2020),
        ("2023年度某某市财政局政府信息公开工作年度报告\n一、总体情况", "某某市财政局", 2023),
        ("\n襄城区人社局2024年政府信息公开工作\n年度报告\n一、总体情况", "襄城区人社局", 2024),
        ("标   题 县政府办2022年度政府信息公开工作年度报告\n发布机构 县政府办公室", "县政府办", 2022),
    ],
)
def test_titles(text: str, name: str, year: int) -> None:
    title = find_title(text)
    assert title is not None and (title.name, title.year) == (name, year)
    assert find_year(text) == year


@pytest.mark.parametrize(
    "text",
    [
        "按照《关于做好2020年政府信息公开工作年度报告编制发布工作的通知》要求，我局编制了本报告。",
        "2020年，区民政局认真总结，编制了区民政局2020年度政府信息公开工作年度报告。",
        "根据《福建省人民政府办公厅关于编制公布2021年政府信息公开工作年度报告有关事项的通知》，我区编制完成了本报告。",
    ],
)
def test_mentions_of_a_report_are_no_title(text: str) -> None:
    assert find_title(text) is None


def test_year_from_the_title_first() -> None:
    # The body talks about 2022 more than about the report year; the title says 2021.
    text = "某某县人民政府2021年政府信息公开工作年度报告\n" + "2022年将继续推进。2022年计划……" * 5
    assert find_year(text) == 2021


def test_agency_as_the_title_names_it() -> None:
    text = (
        "淮安市洪泽区人民政府2020年政府信息公开工作年度报告\n一、总体情况\n2020年，洪泽区人民政府办公室认真落实……\n"
        "洪泽区人民政府办公室\n2021年1月20日"
    )
    assert find_agency(text) == "淮安市洪泽区人民政府"  # the office signs for the government
    assert find_agency(CRAWLER_HEAD + "我区认真贯彻落实《条例》。区管委会办公室编制完成了本报告。") == "平潭综合实验区"
    assert find_agency(BREADCRUMB) == "平潭综合实验区"


def test_a_signature_with_the_full_name_beats_a_short_title() -> None:
    report = load_report(sample("001"))  # title 襄城区人社局…, signed 襄城区人力资源和社会保障局
    assert report.agency == "襄城区人力资源和社会保障局"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (CRAWLER_HEAD, dt.date(2020, 1, 20)),
        (BREADCRUMB, dt.date(2022, 2, 8)),
        ("龙潭区人民政府2017年政府信息公开工作年度报告\n\n发布日期:2018-02-26    点击数:\n", dt.date(2018, 2, 26)),
        ("索引号 | 11/2017 | 生成日期: | 2017-01-06 |\n", dt.date(2017, 1, 6)),
        ("日期:2021-01-29\n字体:【 默认 超大\n", dt.date(2021, 1, 29)),
        ("发布日期：2021年1月29日\n", dt.date(2021, 1, 29)),
    ],
)
def test_publication_date_from_header_lines(text: str, date: dt.date) -> None:
    assert find_published(text) == date


@pytest.mark.parametrize(
    "text",
    [
        "本报告所列数据的统计时间：2021年1月1日至2021年12月31日。",
        "本报告所列数据统计时限为2021年1月1日至2021年12月31日。2022年1月10日，我局召开会议。",
        "时间：2021年1月1日至12月31日",
        "办理时间:2021-03-01",
    ],
)
def test_no_publication_date_from_the_narrative(text: str) -> None:
    assert find_published(text) is None


def _read(text: str):  # type: ignore[no-untyped-def]
    return recognize(normalize(text).text)


def _devset(name: str) -> Path:
    path = DEVSET / name
    if not path.exists():
        pytest.skip("the devset is not beside the repository")
    return path


def test_devset_metadata() -> None:
    for name, year, published in (
        ("web-text-2019.txt", 2019, dt.date(2020, 1, 20)),
        ("web-text-2021.txt", 2021, dt.date(2022, 2, 8)),
    ):
        report = load_report(_devset(name))
        assert (report.agency, report.year, report.published_date) == ("平潭综合实验区", year, published)
        assert late_publication(report) == []


def test_late_publication_from_the_header_date(tmp_path: Path) -> None:
    text = sample("004").read_text(encoding="utf-8")
    head = "标题: 襄州区民政局2020年度政府信息公开工作年度报告\n发布时间: 2021-02-20 09:30\n"
    path = tmp_path / "report.txt"
    path.write_text(head + text, encoding="utf-8")
    report = load_report(path)
    assert report.published_date == dt.date(2021, 2, 20) and report.agency == "襄州区民政局"
    findings = late_publication(report)
    assert len(findings) == 1 and "2021-01-31" in findings[0].message
    assert report.date_span is not None and report.text[slice(*report.date_span)] == "2021-02-20"


@pytest.mark.parametrize("zone", ["平潭综合实验区", "某某经济技术开发区", "两江新区", "某某高新区", "某某综合试验区"])
def test_a_zone_body_is_read_whole(zone: str) -> None:
    # No title names the agency: the name comes from the text, which names the zone's 管委会
    # (by its short name too); it is never cut to a 管委 that reads as a department.
    short = zone[-3:]
    text = (
        "2012年政府信息公开工作年度报告\n一、概述\n"
        f"2012年，{zone}管委会高度重视政府信息公开工作，{short}管委会办公室具体负责，"
        f"{short}管委会各部门积极配合。{zone}管委会将继续推进。\n"
    )
    name = find_agency(text)
    assert name is not None and name.endswith("管委会") and zone.endswith(name[: -len("管委会")])


def test_a_zone_named_in_its_title_or_signature() -> None:
    signed = "{}\n一、概述\n2012年，实验区管委会高度重视。\n平潭综合实验区管委会\n2013年2月25日"
    assert find_agency(signed.format("2012年政府信息公开工作年度报告")) == "平潭综合实验区管委会"
    # The 管委会's office signs the zone's own report.
    office = "平潭综合实验区2012年政府信息公开工作年度报告\n一、概述\n正文。\n平潭综合实验区管委会办公室\n2013年2月25日"
    report = _read(office)
    assert (report.agency, report.agency_read) == ("平潭综合实验区", ("title", "平潭综合实验区"))
    about = "平潭综合实验区管委会关于2012年政府信息公开工作的年度报告\n一、概述\n2012年，实验区管委会高度重视。\n"
    title = find_title(about)
    assert title is not None and (title.name, title.year) == ("平潭综合实验区管委会", 2012)


def test_the_zone_report_of_2012_is_in_time() -> None:
    # The 2008 条例 gave every agency until 31 March; the zone is no department either.
    text = (
        "平潭综合实验区2012年政府信息公开工作年度报告\n发布日期：2013-02-25\n一、概述\n"
        "2012年，实验区管委会高度重视政府信息公开工作，实验区管委会办公室具体负责。\n"
    )
    report = _read(text)
    assert report.agency == "平潭综合实验区" and report.published_date == dt.date(2013, 2, 25)
    assert late_publication(report) == []
