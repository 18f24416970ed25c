"""The rules across an agency's consecutive years: 表二 figures that follow from last year's
(CROSS_YEAR_IN_FORCE), section 五 copied from last year (COPIED_FROM_LAST_YEAR), volumes
that changed fivefold (YEAR_SWING) — and the batches on which they must stay silent.

Every pair is made from a bundled sample as the agency's next or previous report would
be: the years in its text changed, figures of its tables rewritten, its section 五
rewritten or kept, then read by the program from a file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model import guard
from model.batch_rules import audit_batch, copied_from_last_year, cross_year_in_force, year_swing
from model.findings import INFO, WARNING, Finding
from model.report import Report
from parsers import load_report, pipeline
from tests.conftest import sample

S2021 = sample("001").read_text(encoding="utf-8")  # 襄城区人社局, 2024, 2021 form, 表二 all 0
S2019 = sample("000").read_text(encoding="utf-8")  # 驻马店市人社局, 2020, 2019 form
S2019_OTHER = sample("003").read_text(encoding="utf-8")  # 江苏省人社厅, 2019, 2019 form

# A section 五 written afresh: the agency's report of another year, in its own words.
FRESH_PROBLEMS = (
    "五、存在的主要问题及改进情况\n"
    "本年度我局政府信息公开工作仍有短板:一是依申请公开答复文书的说理性不强,对不予公开的理由阐述过于简略;"
    "二是基层站所公开专栏维护不到位,部分办事指南长期未更新;三是政策解读多为文字稿,图解、视频等形式运用较少。"
    "针对上述问题,我局已制定整改清单,明确由办公室牵头,每季度通报各科室更新情况,并邀请法律顾问审核答复文书。\n"
)


def _section(text: str, number: str, following: str) -> str:
    start = text.index(f"{number}、存在的主要问题")
    return text[start : text.index(following, start)]


def _problems(text: str) -> str:
    return _section(text, "五", "六、其他需要报告")


def _read(folder: Path, name: str, text: str) -> Report:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return load_report(path)


YEAR_RULES = ("CROSS_YEAR_IN_FORCE", "COPIED_FROM_LAST_YEAR", "YEAR_SWING")


def _rules(found: dict[int, list[Finding]]) -> dict[int, list[str]]:
    """The findings of the rules under test, by report (DUPLICATE_CONTENT left to its tests)."""
    rules = {i: [f.rule for f in fs if f.rule in YEAR_RULES] for i, fs in found.items()}
    return {i: names for i, names in rules.items() if names}


def _year_2021(text: str, year: int, *, regulations: str, documents: str) -> str:
    """Sample 001 as the report of `year`: its rows of 规章 and 行政规范性文件 rewritten."""
    return (
        text.replace("2025年1月", f"{year + 1}年1月")
        .replace("2024", str(year))
        .replace("规章 | 0 | 0 | 0 |", f"规章 | {regulations} |")
        .replace("行政规范性文件 | 0 | 0 | 0 |", f"行政规范性文件 | {documents} |")
    )


def _fresh(text: str) -> str:
    return text.replace(_problems(text), FRESH_PROBLEMS)


# ---- CROSS_YEAR_IN_FORCE ---------------------------------------------------------------


def test_in_force_follows_last_years_in_the_2021_form(tmp_path: Path) -> None:
    last = _read(tmp_path, "2023", _fresh(_year_2021(S2021, 2023, regulations="1 | 0 | 5", documents="2 | 1 | 15")))
    good = _read(tmp_path, "2024", _year_2021(S2021, 2024, regulations="2 | 1 | 6", documents="4 | 2 | 17"))
    assert (last.year, good.year, last.format, good.format) == (2023, 2024, "2021", "2021")
    assert cross_year_in_force([good, last]) == {}
    bad = _read(tmp_path, "2024b", _year_2021(S2021, 2024, regulations="2 | 1 | 6", documents="4 | 2 | 20"))
    found = cross_year_in_force([bad, last])
    assert list(found) == [0]
    (f,) = found[0]
    assert f.rule == "CROSS_YEAR_IN_FORCE" and f.severity == WARNING
    assert (f.cells[0].table, f.cells[0].row, f.cells[0].col) == ("table2", "normative_documents", "in_force")
    assert f.figures["expected"] == 17 and f.figures["now"] == 20
    for figure in ("15", "4", "2", "17", "20", "2023", "行政规范性文件"):
        assert figure in f.message
    assert bad.text[f.source[0] : f.source[1]] == "20"  # the cell in the text


def test_blank_or_uncertain_cells_are_not_compared(tmp_path: Path) -> None:
    last = _read(tmp_path, "2023", _fresh(_year_2021(S2021, 2023, regulations="1 | 0 | 5", documents="2 | 1 | 15")))
    blank_now = _read(tmp_path, "a", _year_2021(S2021, 2024, regulations="2 | 1 | 9", documents="4 | / | 20"))
    assert blank_now.value("table2", "normative_documents", "repealed") is None
    assert _rules(cross_year_in_force([blank_now, last])) == {0: ["CROSS_YEAR_IN_FORCE"]}  # 规章 only
    assert cross_year_in_force([blank_now, last])[0][0].cells[0].row == "regulations"
    blank_before = _read(tmp_path, "b", _fresh(_year_2021(S2021, 2023, regulations="1 | 0 | ", documents="2 | 1 | —")))
    now = _read(tmp_path, "c", _year_2021(S2021, 2024, regulations="2 | 1 | 9", documents="4 | 2 | 20"))
    assert cross_year_in_force([now, blank_before]) == {}


def test_prev_items_follow_last_years_in_the_2019_form(tmp_path: Path) -> None:
    def year_2019(text: str, year: int, licensing: str, penalties: str) -> str:
        return (
            text.replace("2020", str(year))
            .replace("行政许可 | 4 | 0 | 0 |", f"行政许可 | {licensing} |")
            .replace("行政处罚 | 9 | 0 | 0 |", f"行政处罚 | {penalties} |")
        )

    last = _read(tmp_path, "2019", year_2019(S2019, 2019, "6 | -2 | 3", "9 | 0 | 12"))
    this = _read(tmp_path, "2020", year_2019(S2019, 2020, "4 | 0 | 2", "7 | 0 | 10"))
    assert (last.year, this.year, last.format, this.format) == (2019, 2020, "2019", "2019")
    found = cross_year_in_force([this, last])
    (f,) = found[0]  # 行政许可 follows (6 − 2 = 4); 行政处罚 does not (9 + 0 ≠ 7)
    assert f.cells[0].row == "penalties" and f.cells[0].col == "prev_items"
    assert "上一年项目数量 9" in f.message and "为 7" in f.message and "2019年度报告" in f.message
    assert 0 not in cross_year_in_force([last, this])  # the earlier report is never the one told


def test_the_2019_and_2021_forms_are_not_compared_in_force(tmp_path: Path) -> None:
    """2020 in the 2019 form, 2021 in the 2021 form: 对外公开总数量 is not 现行有效件数, and
    the 2021 form has no 上一年项目数量. Nothing of 表二 follows from the other form."""
    last = _read(tmp_path, "2020", S2019.replace("规范性文件 | 6 | 6 | 9 |", "规范性文件 | 6 | 6 | 90 |"))
    this_text = S2021.replace("襄城区人社局", "驻马店市人社局").replace(
        "襄城区人力资源和社会保障局", "驻马店市人力资源和社会保障局"
    )
    this = _read(tmp_path, "2021", _year_2021(this_text, 2021, regulations="0 | 0 | 0", documents="1 | 0 | 3"))
    assert (last.agency, last.year, last.format) == ("驻马店市人力资源和社会保障局", 2020, "2019")
    assert (this.agency, this.year, this.format) == ("驻马店市人力资源和社会保障局", 2021, "2021")
    assert cross_year_in_force([this, last]) == {}


# ---- pairing: years, agencies, one report twice ----------------------------------------


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Report, Report]:
    """2024 whose 行政规范性文件 does not follow from 2023's, and whose section 五 is 2023's."""
    last = _read(tmp_path, "2023", _year_2021(S2021, 2023, regulations="1 | 0 | 5", documents="2 | 1 | 15"))
    this = _read(tmp_path, "2024", _year_2021(S2021, 2024, regulations="2 | 1 | 6", documents="4 | 2 | 20"))
    return this, last


def test_the_pair_fixture_is_flagged(pair: tuple[Report, Report]) -> None:
    assert _rules(audit_batch(list(pair))) == {0: ["CROSS_YEAR_IN_FORCE", "COPIED_FROM_LAST_YEAR"]}


def test_a_missing_year_or_a_gap_pairs_nothing(pair: tuple[Report, Report]) -> None:
    this, last = pair
    last.set_meta("year", None)
    assert audit_batch([this, last]) == {}
    last.set_meta("year", 2022)  # two years apart
    assert audit_batch([this, last]) == {}
    last.set_meta("year", 2025)  # the other way round: 2025 is flagged against 2024, if at all
    assert 0 not in audit_batch([this, last])


def test_agencies_are_matched_by_name(tmp_path: Path, pair: tuple[Report, Report]) -> None:
    this, last = pair
    last.set_meta("agency", "襄城区人社局")  # the same agency, abbreviated
    assert _rules(audit_batch([this, last])) == {0: ["CROSS_YEAR_IN_FORCE", "COPIED_FROM_LAST_YEAR"]}
    last.set_meta("agency", "区人社局")  # the district left out: one district in the batch
    assert _rules(audit_batch([this, last])) == {0: ["CROSS_YEAR_IN_FORCE", "COPIED_FROM_LAST_YEAR"]}
    # Beside two districts' bureaus, 区人社局 could be either: it is paired with neither.
    other_text = S2021.replace("襄城区人社局", "樊城区人社局").replace(
        "襄城区人力资源和社会保障局", "樊城区人力资源和社会保障局"
    )
    neighbour = _read(
        tmp_path, "fancheng", _fresh(_year_2021(other_text, 2024, regulations="0 | 0 | 0", documents="0 | 0 | 0"))
    )
    assert neighbour.agency == "樊城区人力资源和社会保障局"
    assert _rules(audit_batch([this, last, neighbour])) == {}
    last.set_meta("agency", "襄城区自然资源局")  # another agency
    assert _rules(audit_batch([this, last])) == {}


def test_a_renamed_agency_is_not_compared(tmp_path: Path, pair: tuple[Report, Report]) -> None:
    """After a reorganisation the new name is another agency to the program: its figures are
    not held to the old body's (a merger's are not expected to follow)."""
    this, _ = pair
    old_text = S2021.replace("襄城区人社局", "襄城区劳动和社会保障局").replace(
        "襄城区人力资源和社会保障局", "襄城区劳动和社会保障局"
    )
    old = _read(tmp_path, "old", _year_2021(old_text, 2023, regulations="9 | 0 | 50", documents="9 | 0 | 90"))
    assert old.agency == "襄城区劳动和社会保障局" and old.year == 2023
    assert _rules(audit_batch([this, old])) == {}


def test_one_report_in_two_files(tmp_path: Path, pair: tuple[Report, Report]) -> None:
    """The web page and the PDF of one report: the same figures, told on both files."""
    this, last = pair
    again = _read(tmp_path, "2024-pdf", "\n".join(this.text.splitlines()) + "\n— 1 —\n")
    assert again.text != this.text and again.year == 2024
    last_again = _read(tmp_path, "2023-pdf", last.text + "\n")
    found = _rules(audit_batch([this, last, again, last_again]))
    assert found == {i: ["CROSS_YEAR_IN_FORCE", "COPIED_FROM_LAST_YEAR"] for i in (0, 2)}


def test_two_different_reports_for_one_year_leave_their_figures_uncompared(
    tmp_path: Path, pair: tuple[Report, Report]
) -> None:
    """2023 twice with different figures (one of them misdated): which one is last year's
    is not known, so the figures they disagree on are not compared."""
    this, last = pair
    other = _read(tmp_path, "2023-other", _year_2021(S2021, 2023, regulations="1 | 0 | 5", documents="2 | 1 | 16"))
    assert [f.rule for f in audit_batch([this, last, other])[0]] == ["COPIED_FROM_LAST_YEAR"]
    # Where they agree (规章: 5 in force) the figure is compared: 5 + 2 − 1 ≠ 9.
    nine = _read(tmp_path, "2024-nine", _year_2021(S2021, 2024, regulations="2 | 1 | 9", documents="4 | 2 | 20"))
    (f,) = cross_year_in_force([nine, last, other])[0]
    assert f.cells[0].row == "regulations"


def test_two_different_reports_for_this_year_are_not_told_what_they_disagree_on(
    tmp_path: Path, pair: tuple[Report, Report]
) -> None:
    """2024 twice: the real one, whose figures follow from 2023's, and the 2025 report whose
    title slipped to 2024. Neither is held to 2023 where they differ."""
    _, last = pair
    good = _read(
        tmp_path, "2024-good", _fresh(_year_2021(S2021, 2024, regulations="2 | 1 | 6", documents="4 | 2 | 17"))
    )
    later = _year_2021(S2021, 2025, regulations="0 | 0 | 6", documents="1 | 0 | 18")
    slipped = _read(tmp_path, "2025-slipped", _fresh(later.replace("襄城区人社局2025年", "襄城区人社局2024年", 1)))
    assert slipped.year == 2024 and good.year == 2024
    assert cross_year_in_force([good, last]) == {}
    assert cross_year_in_force([slipped, last])  # alone, it would be told
    assert cross_year_in_force([good, slipped, last]) == {}


def test_this_years_report_with_a_misread_year_is_not_last_years(tmp_path: Path, pair: tuple[Report, Report]) -> None:
    """A second file of the 2024 report whose title says 2023 (a slip on the web page): the
    same report, not the year before — no "copied" section 五, no figures that do not follow."""
    this, _ = pair
    slipped = this.text.replace("襄城区人社局2024年", "襄城区人社局2023年", 1) + "\n"
    misdated = _read(tmp_path, "2024-web", slipped)
    assert misdated.year == 2023
    assert audit_batch([this, misdated]) == {}


def test_too_many_different_reports_of_one_year_are_not_paired(tmp_path: Path, pair: tuple[Report, Report]) -> None:
    this, last = pair
    others = [
        _read(tmp_path, f"2023-{k}", _year_2021(S2021, 2023, regulations=f"1 | 0 | {k}", documents="2 | 1 | 15"))
        for k in range(5)
    ]
    assert audit_batch([this, last, *others]) == {}


# ---- COPIED_FROM_LAST_YEAR -----------------------------------------------------------


def test_section_five_copied_from_last_year(pair: tuple[Report, Report], tmp_path: Path) -> None:
    this, last = pair
    (f,) = copied_from_last_year([this, last])[0]
    assert f.severity == WARNING and f.figures["ratio"] == 100 and "2023年度报告" in f.message
    assert this.text[f.source[0] : f.source[1]].startswith("五、存在的主要问题及改进情况")
    rewritten = _read(tmp_path, "2024-new", _fresh(this.text))
    assert copied_from_last_year([rewritten, last]) == {}


def test_section_five_lightly_edited_is_still_copied(pair: tuple[Report, Report], tmp_path: Path) -> None:
    this, last = pair
    edited = this.text.replace("一是精准性还不够", "一是针对性还不足").replace("二是创新性还不够", "二是创造性仍不足")
    f = copied_from_last_year([_read(tmp_path, "edited", edited), last])[0][0]
    assert 70 <= f.figures["ratio"] < 100


def test_a_section_five_of_a_line_proves_nothing(tmp_path: Path) -> None:
    short = "五、存在的主要问题及改进情况\n本年度无。\n"
    last = _read(tmp_path, "2023", _year_2021(S2021, 2023, regulations="0 | 0 | 0", documents="0 | 0 | 0"))
    this = _read(tmp_path, "2024", _year_2021(S2021, 2024, regulations="0 | 0 | 0", documents="0 | 0 | 0"))
    last, this = (_read(tmp_path, r.path[-9:-4], r.text.replace(_problems(r.text), short)) for r in (last, this))
    assert copied_from_last_year([this, last]) == {}


def test_wording_many_agencies_share_is_not_copying(tmp_path: Path) -> None:
    """A section 五 the city's template dictates, used by every bureau both years: only
    what an agency writes itself can be copied."""
    template = _problems(S2021)
    reports = []
    for k, district in enumerate(("襄城区", "樊城区", "襄州区", "谷城县", "保康县")):
        text = S2021.replace("襄城区人社局", f"{district}人社局").replace(
            "襄城区人力资源和社会保障局", f"{district}人力资源和社会保障局"
        )
        for year in (2023, 2024):
            own = f"{district}{year}年另有{k}项具体问题。\n"
            body = text.replace(_problems(S2021), template + own)
            reports.append(
                _read(tmp_path, f"{k}-{year}", _year_2021(body, year, regulations="0 | 0 | 0", documents="0 | 0 | 0"))
            )
    assert {r.agency for r in reports} == {
        f"{d}人力资源和社会保障局" for d in ("襄城区", "樊城区", "襄州区", "谷城县", "保康县")
    }
    assert copied_from_last_year(reports) == {}
    # One bureau that also copies what it wrote itself is still told.
    own = "我局自查发现窗口人员对政府信息公开申请的登记、转办、答复各环节衔接不畅，已建立台账逐件跟踪并纳入科室考核。"
    for i in (0, 1):
        reports[i] = _read(
            tmp_path, f"own-{i}", reports[i].text.replace("六、其他需要报告", own + "\n六、其他需要报告")
        )
    assert _rules(copied_from_last_year(reports)) == {1: ["COPIED_FROM_LAST_YEAR"]}


# ---- YEAR_SWING ----------------------------------------------------------------------


def _licensing(text: str, year: int, decisions: int) -> str:
    """Sample 003 (2019 form) as the report of `year` with `decisions` 行政许可 decisions."""
    return text.replace("2019", str(year)).replace("行政许可 | 6 | 0 | 32 |", f"行政许可 | 6 | 0 | {decisions} |")


@pytest.mark.parametrize(
    ("before", "now", "told"),
    [
        (32, 200, True),
        (200, 32, True),
        (32, 100, False),
        (2, 9, False),
        (2, 10, True),
        (0, 12, True),
        (0, 0, False),
        (12, 0, True),
    ],
)
def test_a_volume_that_changed_fivefold(tmp_path: Path, before: int, now: int, told: bool) -> None:
    last = _read(tmp_path, "last", _fresh(_licensing(S2019_OTHER, 2018, before)))
    this = _read(tmp_path, "this", _licensing(S2019_OTHER, 2019, now))
    assert (last.year, this.year) == (2018, 2019) and last.format == "2019"
    found = year_swing([this, last])
    assert bool(found) is told
    if told:
        (f,) = found[0]
        assert f.severity == INFO and (f.cells[0].row, f.cells[0].col) == ("licensing", "decisions")
        assert str(now) in f.message and str(before) in f.message and "行政许可" in f.message


def test_a_swing_is_not_told_on_blank_cells_or_across_unlike_cells(tmp_path: Path) -> None:
    last = _read(tmp_path, "last", _fresh(_licensing(S2019_OTHER, 2018, 32)))
    blank = _read(tmp_path, "blank", _licensing(S2019_OTHER, 2019, 0).replace("| 6 | 0 | 0 |", "| 6 | 0 | / |", 1))
    assert blank.value("table2", "licensing", "decisions") is None
    assert year_swing([blank, last]) == {}


def test_a_swing_across_the_2019_and_2021_forms(tmp_path: Path) -> None:
    """表三's new applications and 表二's decisions mean the same on both forms; 2019's
    fees are item counts and 2021's are money (19 万元 against 1 item): never compared."""
    last = _read(
        tmp_path,
        "2020",
        S2019.replace(
            "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
            "一、本年新收政府信息公开申请数量 | 60 | 0 | 0 | 0 | 0 | 0 | 60 |",
        ),
    )
    this_text = S2021.replace("襄城区人社局", "驻马店市人社局").replace(
        "襄城区人力资源和社会保障局", "驻马店市人力资源和社会保障局"
    )
    this = _read(tmp_path, "2021", _fresh(_year_2021(this_text, 2021, regulations="0 | 0 | 0", documents="0 | 0 | 0")))
    assert (last.year, last.format, this.year, this.format) == (2020, "2019", 2021, "2021")
    assert this.value("table2", "fees", "amount") == 19 and last.value("table2", "fees", "prev_items") == 1
    (f,) = year_swing([this, last])[0]
    assert (f.cells[0].table, f.cells[0].row, f.cells[0].col) == ("table3", "new", "total")
    assert "60" in f.message and "2020年度报告" in f.message


# ---- through the pipeline ------------------------------------------------------------


def test_the_headless_audit_runs_the_new_rules(tmp_path: Path) -> None:
    texts = {
        "2023.txt": _year_2021(S2021, 2023, regulations="1 | 0 | 5", documents="2 | 1 | 15"),
        "2024.txt": _year_2021(S2021, 2024, regulations="2 | 1 | 6", documents="4 | 2 | 20"),
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    items = [(a.report, a.findings) for a in pipeline.audit_files([str(tmp_path / n) for n in texts])]
    rules = [[f.rule for f in findings] for _, findings in items]
    assert "CROSS_YEAR_IN_FORCE" in rules[1] and "COPIED_FROM_LAST_YEAR" in rules[1]
    assert not {"CROSS_YEAR_IN_FORCE", "COPIED_FROM_LAST_YEAR", "YEAR_SWING"} & set(rules[0])
    assert '"rule": "CROSS_YEAR_IN_FORCE"' in guard.json_text(items)


def test_the_seeds_raise_nothing_across_years() -> None:
    reports = [load_report(sample(s)) for s in ("000", "001", "002", "003", "004")]
    assert audit_batch(reports) == {}
