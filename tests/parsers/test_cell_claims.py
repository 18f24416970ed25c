"""Figures the narrative states for table cells: right or absent, on sentences as real
reports write them (the devset's, and others after the phrasing of published reports)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from model.claims import CellClaim
from parsers.read.normalize import normalize
from parsers.recognize.cell_claims import find_cell_claims

GOVERNMENT = "平潭综合实验区2021年度政府信息公开工作年度报告\n"
COUNTY = "某某县人民政府2022年政府信息公开工作年度报告\n"
DEPARTMENT = "某某市财政局2021年政府信息公开工作年度报告\n"
ABOUT = "（二）依申请公开方面。我局按照《条例》规范办理依申请公开。"

NEW = (("table3", "new", "total"),)
LITIGATION = ("litigation_direct", "litigation_after_review")


def claims(text: str, fmt: str = "2021") -> set[tuple[str, tuple[tuple[str, str], ...], object]]:
    return {(c.table, c.cells, c.value) for c in find_cell_claims(normalize(text).text, fmt)}


def t3(row: str, value: object) -> tuple[str, tuple[tuple[str, str], ...], object]:
    return ("table3", ((row, "total"),), value)


REVIEW = ("table4", (("review", "total"),))
SUITS = ("table4", (("litigation_direct", "total"), ("litigation_after_review", "total")))

STATED: list[tuple[str, str, set[tuple[str, tuple[tuple[str, str], ...], object]]]] = [
    (
        GOVERNMENT + ABOUT + "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。",
        "2021",
        {t3("new", 70), t3("total_processed", 69), t3("carried_forward", 1)},
    ),
    (
        "三、收到和处理政府信息公开申请情况\n2019年我厅新收申请 129 件，办理完毕 134 件。",
        "2019",
        {t3("new", 129), t3("total_processed", 134)},
    ),
    (
        COUNTY
        + "2022年，我县收到政府信息依申请公开9件，上年转结1件，其中网络申请数5件，信函申请数5件，已按程序按时办理，发生行政复议1件。",
        "2021",
        {t3("new", 9), t3("carried_over", 1), (*REVIEW, 1)},
    ),
    (
        COUNTY + "2022年，全县共收到政府信息公开申请42件，上年结转0件，全年依法办结41件。",
        "2021",
        {t3("new", 42), t3("carried_over", 0), t3("total_processed", 41)},
    ),
    (
        "2022年，新受理政府信息公开申请17件，办结17件，上年转结政府信息公开申请0件，转下一年办理0件。",
        "2021",
        {t3("new", 17), t3("carried_over", 0), t3("carried_forward", 0)},
    ),
    ("今年共收到依申请公开7件，皆为自然人申请，答复7件。", "2021", {t3("new", 7), t3("total_processed", 7)}),
    ("2019年，我局主动公开规范性文件89件。", "2019", {("table2", (("normative_documents", "published"),), 89)}),
    ("2019年，我局主动公开规范性文件89件。", "2021", set()),
    (
        "全年共制发行政规范性文件5件，废止规范性文件2件，现行有效规范性文件30件。",
        "2021",
        {
            ("table2", (("normative_documents", "issued"),), 5),
            ("table2", (("normative_documents", "repealed"),), 2),
            ("table2", (("normative_documents", "in_force"),), 30),
        },
    ),
    ("全年共制发规范性文件5件。", "2019", {("table2", (("normative_documents", "made"),), 5)}),
    ("因政府信息公开被申请行政复议2件、提起行政诉讼1件。", "2021", {(*REVIEW, 2), (*SUITS, 1)}),
    (
        "2021年度，我局行政事业性收费24252.311082万元。",
        "2021",
        {("table2", (("fees", "amount"),), Decimal("24252.311082"))},
    ),
    ("2021年度，我局收取行政事业性收费251000元。", "2021", {("table2", (("fees", "amount"),), Decimal("25.1"))}),
    ("2021年度，我局收取行政事业性收费19万元。", "2019", set()),  # 2019 fees count items
    ("本年度未收到政府信息公开申请。", "2021", {t3("new", 0)}),
    ("2016年，全局未接到公民或组织通过任何形式的政府信息公开申请。", "2021", {t3("new", 0)}),
    ("全年未发生因政府信息公开引起的行政复议和行政诉讼。", "2021", {(*REVIEW, 0), (*SUITS, 0)}),
    ("街道未发生有关政府信息公开工作的举报、投诉、行政复议或提起行政诉讼等情况。", "2021", {(*REVIEW, 0), (*SUITS, 0)}),
    ("街道未收到任何公民、法人和其他组织提出的公开政府信息的申请。", "2021", {t3("new", 0)}),
    ("2021年，全街共受理政府信息公开申请总数1件。", "2021", {t3("new", 1)}),
    ("今年以来，本单位主动公开各类信息54条，收到政府信息公开申请1条。", "2021", {t3("new", 1)}),
    ("信息公开类行政复议1起，正在办理中。", "2021", {(*REVIEW, 1)}),
    ("全年未收到因政府信息公开申请引起的行政复议和行政诉讼。", "2021", {(*REVIEW, 0), (*SUITS, 0)}),
    # ---- about something else: no claim ----
    (ABOUT + "上年共收到政府信息公开申请10件。", "2021", set()),
    (ABOUT + "截至目前累计收到政府信息公开申请120件。", "2021", set()),
    (ABOUT + "历年累计共受理政府信息公开申请0件。", "2021", set()),
    (ABOUT + "全年共收到行政许可申请3000件。", "2021", set()),
    (ABOUT + "全年收到网上申请10件，当面申请2件。", "2021", set()),
    (ABOUT + "其中自然人申请18件，法人或其他组织申请2件。", "2021", set()),
    ("全年办理行政复议案件35件。", "2021", set()),
    ("全年共收到群众来信200件，办结198件。", "2021", set()),
    ("行政许可方面，共收到70件申请。", "2021", set()),
    (DEPARTMENT + ABOUT + "全市共收到政府信息公开申请500件，办结498件，2件结转下年度。", "2021", set()),
    (ABOUT + "全县共收到政府信息公开申请42件。\n某某县人民政府\n2022年1月20日", "2021", {t3("new", 42)}),
    (ABOUT + "全县共收到政府信息公开申请42件。\n某某县财政局\n2022年1月20日", "2021", set()),
    (ABOUT + "各部门共收到政府信息公开申请50件。", "2021", set()),
    (ABOUT + "2021年收到申请数量同比增长20%，达到36件。", "2021", set()),
    ("2021年度行政事业性收费减免3万元。", "2021", set()),
    ("2021年，无收取信息处理费情况，收取信息处理费0.3万元。", "2021", set()),
    ("主动公开规范性文件解读5篇，清理规范性文件50件，备案审查规范性文件10件。", "2019", set()),
    ("公开政策、规范性文件类信息68条。", "2019", set()),
    ("一、本年新收政府信息公开申请数量230 000023二、上年结转政府信息公开申请数量0000000", "2019", set()),
    ("（七）总计23 0 00 0 023四、结转下年度继续办理 0 0 00 00 0 四、政府信息公开行政复议、行政诉讼情况", "2019", set()),
    (ABOUT + "局机关收到政府信息公开申请5件，收到政府信息公开申请3件。", "2021", set()),  # two figures: neither
    (ABOUT + "全年共收到政府信息公开申请约30件。", "2021", set()),
    (ABOUT + "全年共收到政府信息公开申请" + "9" * 320 + "件。", "2021", set()),
    ("2021年度行政复议被纠错0件，行政诉讼败诉0件，均与政府信息公开无关。", "2021", set()),
    # ---- issue 22: outcomes stated together, cases all upheld ----
    (
        ABOUT + "共答复805件，其中予以公开及部分公开258件，不予公开35件。",
        "2021",
        {("table3", (("granted", "total"), ("partial", "total")), 258)},
    ),
    (ABOUT + "全年网上申请100件，予以公开及部分公开80件。", "2021", set()),  # of the online ones only
    (ABOUT + "上年予以公开和部分公开40件。", "2021", set()),
    (
        "本年度发生信息公开类行政复议7件，诉讼9件，均获维持。",
        "2021",
        {
            (*REVIEW, 7),
            ("table4", (("review", "upheld"),), 7),
            ("table4", (("litigation_direct", "upheld"), ("litigation_after_review", "upheld")), 9),
        },
    ),
    ("全年政府信息公开行政复议3件，均被维持。", "2021", {(*REVIEW, 3), ("table4", (("review", "upheld"),), 3)}),
    ("全年行政复议3件，均被维持。", "2021", set()),  # not said to be about information disclosure
    # ---- issue 22: a 0 only where the words say none came of the whole count ----
    (ABOUT + "本年度未收到涉及国家秘密的政府信息公开申请。", "2021", set()),
    (ABOUT + "未收到对政府信息公开申请答复不服的投诉。", "2021", set()),
    (ABOUT + "除网上申请外，未收到其他政府信息公开申请。", "2021", set()),
    (ABOUT + "上年未收到政府信息公开申请，本年收到3件。", "2021", set()),
    ("全年未发生政府信息公开行政复议被纠错的情况。", "2021", set()),
    ("本年度没有发生因政府信息公开引起的行政复议败诉案件。", "2021", set()),
    ("未发生政府信息公开行政诉讼被撤销或确认违法的情形。", "2021", set()),
    (
        "未发生任何针对本部门有关政府信息公开事务的行政复议和行政诉讼案件，未收到政府信息公开申请。",
        "2021",
        {t3("new", 0), (*REVIEW, 0), (*SUITS, 0)},
    ),
]


@pytest.mark.parametrize(("text", "fmt", "expected"), STATED, ids=[t[-24:] for t, _, _ in STATED])
def test_cell_claims(text: str, fmt: str, expected: set[tuple[str, tuple[tuple[str, str], ...], object]]) -> None:
    assert claims(text, fmt) == expected


def test_accepted_counts_may_include_last_years() -> None:
    """受理N件 may count this year's applications with those carried over: not a pin."""
    (claim,) = find_cell_claims("2022年，新受理政府信息公开申请17件。", "2021")
    assert claim.cells == (("new", "total"),) and claim.alternatives == ((("new", "total"), ("carried_over", "total")),)
    (received,) = find_cell_claims("本年度共收到政府信息公开申请17件。", "2021")
    assert received.alternatives == ()
    text = "2021年共收到政府信息公开申请36件，其中本年度新收34件，上年结转2件。"
    received = next(c for c in find_cell_claims(text, "2021") if c.cells == (("new", "total"),))
    assert received.alternatives  # the 36 holds last year's 2


def test_claims_point_at_their_words() -> None:
    text = GOVERNMENT + ABOUT + "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。"
    found: list[CellClaim] = find_cell_claims(text, "2021")
    spans = {c.cells[0][0]: text[c.start : c.end] for c in found}
    assert spans == {"new": "收到70件申请", "total_processed": "办结69件", "carried_forward": "1件结转下年度"}


def _devset_report(name: str):  # type: ignore[no-untyped-def]
    """The devset report with the cells its .expected.json lists, as a reader would give them
    (the narrative rules are tested apart from the table recognizer)."""
    import json

    from model.report import STATUS_OK, Cell
    from parsers import load_report
    from tests.parsers.test_meta import _devset

    report = load_report(_devset(name))
    expected = json.loads(_devset(name.replace(".txt", ".expected.json")).read_text(encoding="utf-8"))
    for table, rows in expected["tables"].items():
        cells = report.tables.setdefault(table, {})
        for row, cols in rows.items():
            for col, value in cols.items():
                number = int(value) if float(value).is_integer() else value
                cells[(row, col)] = Cell(value=number, raw=str(value), status=STATUS_OK)
    return report


def test_devset_2021_narrative_agrees_with_its_table() -> None:
    from model.narrative_rules import narrative_table

    report = _devset_report("web-text-2021.txt")
    assert {(c.cells[0][0], c.value) for c in report.cell_claims} == {
        ("new", 70),
        ("total_processed", 69),
        ("carried_forward", 1),
    }
    assert narrative_table(report) == []
    report.tables["table3"][("new", "total")].value = 71
    (finding,) = narrative_table(report)
    assert "70" in finding.message and "71" in finding.message and finding.cells[0].row == "new"


def test_devset_2021_outcomes_and_upheld_cases_against_the_table() -> None:
    """予以公开及部分公开 against 予以公开 + 部分公开; 均获维持 against the 维持 column: the
    right figures are silent, the wrong ones found with both numbers."""
    from model.narrative_rules import narrative_table

    right = "全年予以公开及部分公开35件。信息公开类行政复议3件，诉讼12件，均获维持。"
    report = _devset_report_with("web-text-2021.txt", right)
    assert {c.what for c in report.cell_claims} >= {"予以公开及部分公开", "行政诉讼均获维持"}
    found = narrative_table(report)
    # 表四 of the devset: of 3 review cases 1 upheld and 2 other results: 均获维持 is wrong.
    assert [(f.figures["what"], f.figures["stated"], f.figures["table_value"]) for f in found] == [
        ("行政复议均获维持", 3, 1)
    ]
    wrong = "全年予以公开及部分公开38件。"
    (finding,) = narrative_table(_devset_report_with("web-text-2021.txt", wrong))
    assert "38" in finding.message and "35" in finding.message
    assert {(c.row, c.col) for c in finding.cells} == {("granted", "total"), ("partial", "total")}


def _devset_report_with(name: str, sentence: str):  # type: ignore[no-untyped-def]
    """The devset report with `sentence` after its applications paragraph."""
    from parsers.recognize.document import recognize

    report = _devset_report(name)
    at = report.text.index("1件结转下年度继续办理。") + len("1件结转下年度继续办理。")
    text = report.text[:at] + sentence + report.text[at:]
    tables = report.tables
    report = recognize(text)
    report.tables = tables  # the expected cells, as the reader of _devset_report gives them
    return report


def test_devset_2019_states_no_cell() -> None:
    report = _devset_report("web-text-2019.txt")
    assert report.cell_claims == []


def test_only_exact_claims_pin_the_recognizer() -> None:
    from parsers.recognize.document import _pins

    text = "2022年，新受理政府信息公开申请17件。本年度行政事业性收费24252.311082万元。"
    found = find_cell_claims(text, "2021")
    assert {c.what for c in found} >= {"受理政府信息公开申请", "行政事业性收费"}
    assert _pins(found, "table3") == []  # 受理17件 may hold last year's: no pin
    (fee,) = _pins(found, "table2")
    assert fee.value == 24252.311082 and isinstance(fee.value, float)
