"""LATE_PUBLICATION by the regulation in force for the report year and the kind of agency
its title or signature names: the 2008 条例 (31 March for every agency) up to the 2018
report, the 2019 条例 (31 January for departments, 31 March for governments and zone
bodies of their rank) from the 2019 report on."""

from __future__ import annotations

import datetime as dt

import pytest

from model.deadline import (
    DEPARTMENT,
    GOVERNMENT,
    TOWNSHIP,
    UNKNOWN,
    ZONE,
    agency_kind,
    due_date,
    report_deadline,
)
from model.narrative_rules import late_publication
from parsers.read.normalize import normalize
from parsers.recognize.document import recognize

BODY = (
    "一、总体情况\n{year}年，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开。\n"
    "二、主动公开政府信息情况\n本年度主动公开政府信息情况见下表。\n"
    "三、收到和处理政府信息公开申请情况\n本年度未收到申请。\n"
    "四、政府信息公开行政复议、行政诉讼情况\n无。\n"
    "五、存在的主要问题及改进情况\n公开内容还不够全面。\n"
    "六、其他需要报告的事项\n无。\n"
)


def _titled(name: str, year: int, published: dt.date) -> str:
    """A web page's text: the title naming the agency, the page's publication date, the body."""
    return f"{name}{year}年政府信息公开工作年度报告\n发布日期：{published:%Y-%m-%d}\n" + BODY.format(year=year)


def _signed(name: str, year: int, signed: dt.date) -> str:
    """A document's text: a title without the agency, the body, the signature and its date."""
    return (
        f"{year}年政府信息公开工作年度报告\n"
        + BODY.format(year=year)
        + f"\n{name}\n{signed.year}年{signed.month}月{signed.day}日"
    )


def _late(text: str) -> list[str]:
    return [f.message for f in late_publication(recognize(normalize(text).text))]


# (the agency's full name, the report year, the date, late?)
CASES = [
    # Up to the 2018 report the 2008 条例 gives every agency until 31 March.
    ("某某县国家税务局", 2013, dt.date(2014, 2, 25), False),
    ("某某县国家税务局", 2013, dt.date(2014, 3, 31), False),
    ("某某县国家税务局", 2013, dt.date(2014, 4, 1), True),
    ("平潭综合实验区", 2012, dt.date(2013, 2, 25), False),
    ("某某市财政局", 2018, dt.date(2019, 2, 25), False),
    ("某某市人民政府", 2018, dt.date(2019, 4, 1), True),
    # From the 2019 report on: departments by 31 January …
    ("某某市财政局", 2019, dt.date(2020, 1, 31), False),
    ("某某市财政局", 2019, dt.date(2020, 2, 1), True),
    ("某某县住房和城乡建设局", 2023, dt.date(2024, 2, 20), True),
    ("江苏省人力资源和社会保障厅", 2021, dt.date(2022, 1, 30), False),
    ("国家税务总局某某县税务局", 2020, dt.date(2021, 2, 2), True),
    # … governments by 31 March …
    ("某某县人民政府", 2019, dt.date(2020, 3, 31), False),
    ("某某县人民政府", 2019, dt.date(2020, 4, 1), True),
    ("镇江市人民政府", 2022, dt.date(2023, 2, 28), False),
    # … and so do the 管委会 of zones that act as the area's government.
    ("平潭综合实验区", 2019, dt.date(2020, 2, 25), False),
    ("平潭综合实验区管委会", 2020, dt.date(2021, 3, 31), False),
    ("平潭综合实验区管委会", 2020, dt.date(2021, 4, 1), True),
    ("某某经济技术开发区管理委员会", 2021, dt.date(2022, 3, 1), False),
    ("两江新区管委会", 2023, dt.date(2024, 2, 10), False),
    # Townships and streets: only after 31 March.
    ("某某县某某镇人民政府", 2020, dt.date(2021, 2, 25), False),
    ("某某县某某镇人民政府", 2020, dt.date(2021, 4, 2), True),
    ("某某区某某街道办事处", 2021, dt.date(2022, 3, 15), False),
]


@pytest.mark.parametrize(("name", "year", "date", "late"), CASES)
def test_deadline_by_the_title_and_the_page_date(name: str, year: int, date: dt.date, late: bool) -> None:
    findings = _late(_titled(name, year, date))
    assert len(findings) == int(late), findings
    if late:
        assert date.isoformat() in findings[0] and "发布日期" in findings[0]


@pytest.mark.parametrize(("name", "year", "date", "late"), CASES)
def test_deadline_by_the_signature(name: str, year: int, date: dt.date, late: bool) -> None:
    findings = _late(_signed(name, year, date))
    assert len(findings) == int(late), findings
    if late:
        assert date.isoformat() in findings[0] and "落款日期" in findings[0]


def test_messages_name_the_regulation_and_the_kind_assumed() -> None:
    (old,) = _late(_titled("某某县国家税务局", 2013, dt.date(2014, 4, 1)))
    assert "2014-03-31" in old and "2008年" in old and "第三十一条" in old and "各级行政机关" in old
    (department,) = _late(_titled("某某市财政局", 2019, dt.date(2020, 2, 1)))
    assert "2020-01-31" in department and "第四十九条" in department and "县级以上人民政府部门" in department
    (government,) = _late(_titled("某某县人民政府", 2019, dt.date(2020, 4, 1)))
    assert "2020-03-31" in government and "按县级以上人民政府计" in government
    (zone,) = _late(_titled("平潭综合实验区管委会", 2020, dt.date(2021, 4, 1)))
    assert "2021-03-31" in zone and "管委会" in zone and "视同本级人民政府" in zone
    (township,) = _late(_titled("某某县某某镇人民政府", 2020, dt.date(2021, 4, 2)))
    assert "乡镇、街道" in township


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("襄城区人力资源和社会保障局", DEPARTMENT),
        ("襄城区人社局", DEPARTMENT),
        ("某某市发展和改革委员会", DEPARTMENT),
        ("县政府办", DEPARTMENT),
        ("某某县人民政府办公室", DEPARTMENT),
        ("镇江市财政局", DEPARTMENT),  # 镇 of a city's name, not a township
        ("某某县乡村振兴局", DEPARTMENT),
        ("某某县住房和城乡建设局", DEPARTMENT),
        ("平潭综合实验区财政金融局", DEPARTMENT),  # a department of the zone
        ("某某市人民政府", GOVERNMENT),
        ("县政府", GOVERNMENT),
        ("某某自治州人民政府", GOVERNMENT),
        ("某某地区行政公署", GOVERNMENT),
        ("淮安市洪泽区", GOVERNMENT),  # a place alone: the area's own report
        ("平潭综合实验区", ZONE),
        ("平潭综合实验区管委会", ZONE),
        ("实验区管委会", ZONE),
        ("两江新区管委会", ZONE),
        ("某某高新区管委会", ZONE),
        ("某某国家级经济技术开发区管理委员会", ZONE),
        ("某某综合保税区管理委员会", ZONE),
        ("某某县某某镇人民政府", TOWNSHIP),
        ("某某区某某街道办事处", TOWNSHIP),
        ("某某县某某乡人民政府", TOWNSHIP),
        ("某某县某某镇财政所", TOWNSHIP),
        ("某某市疾病预防控制中心", UNKNOWN),  # a unit, not surely a department
        ("某某市公安局交通警察支队", UNKNOWN),
        ("人社局", UNKNOWN),  # no place: the level is unknown
        ("市场监督管理局", UNKNOWN),
        ("", UNKNOWN),
        (None, UNKNOWN),
    ],
)
def test_agency_kind(name: str | None, kind: str) -> None:
    assert agency_kind(name) == kind


def test_the_2019_regulation_starts_with_the_2019_report() -> None:
    for kind in (DEPARTMENT, GOVERNMENT, ZONE, TOWNSHIP, UNKNOWN):
        assert due_date(2018, kind) == dt.date(2019, 3, 31)
    assert due_date(2019, DEPARTMENT) == dt.date(2020, 1, 31)
    for kind in (GOVERNMENT, ZONE, TOWNSHIP, UNKNOWN):
        assert due_date(2019, kind) == dt.date(2020, 3, 31)


def test_a_name_guessed_from_the_text_sets_no_early_deadline() -> None:
    # No title names the agency and no signature: the name comes from the narrative, where a
    # township's report names the county's departments as often as itself.
    text = (
        "2020年政府信息公开工作年度报告\n发布日期：2021-02-25\n"
        "2020年，在某某县财政局的指导下，本单位按时公开预决算信息，某某县财政局组织了两次培训。\n"
        + BODY.format(year=2020)
    )
    report = recognize(normalize(text).text)
    assert report.agency == "某某县财政局" and report.agency_read == ("text", "某某县财政局")
    assert report_deadline(report) == (dt.date(2021, 3, 31), UNKNOWN, "2019")
    assert late_publication(report) == []
    # A name the officer types is the agency's full name.
    report.set_meta("agency", "某某县人力资源和社会保障局")
    assert [f.rule for f in late_publication(report)] == ["LATE_PUBLICATION"]
    report.set_meta("agency", "某某县财政局")  # undone: a guess again
    assert late_publication(report) == []


def test_a_government_office_that_only_signs_sets_no_early_deadline() -> None:
    # The office often signs the government's report; alone it does not tell whose report it is.
    text = _signed("某某县人民政府办公室", 2020, dt.date(2021, 2, 20))
    report = recognize(normalize(text).text)
    assert report.agency == "某某县人民政府办公室" and late_publication(report) == []
    # Titled as the office's own report, it is a department's.
    assert len(_late(_titled("某某县人民政府办公室", 2020, dt.date(2021, 2, 20)))) == 1
