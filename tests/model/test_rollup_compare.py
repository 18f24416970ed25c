"""The roll-up of a selection of reports and the comparison of an agency's two years.

Reports come from the bundled samples, read by the program from files: copies for the
roll-up, and for the comparison a sample carried into the year before with figures and
paragraphs changed on purpose, so each change found is one that was made."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.compare import DELETE, INSERT, KEEP, NEAR, NEW, REMOVED, SAME, compare, diff_notation, word_diff
from model.excel.rollup import build_comparison_workbook, build_rollup_workbook
from model.report import Report
from model.rollup import (
    LEFT_NO_FORM,
    SHARED,
    beside,
    beside_others,
    roll_up,
    roll_up_shared,
    shared_cells,
    unshared_rows,
)
from model.schema import FORMAT_2019, FORMAT_2021
from parsers import load_report
from tests.conftest import sample

S2019 = sample("000").read_text(encoding="utf-8")  # 驻马店市人社局, 2020, 2019 form
S2021 = sample("001").read_text(encoding="utf-8")  # 襄城区人社局, 2024, 2021 form


def _read(folder: Path, name: str, text: str) -> Report:
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return load_report(path)


def _cells(report: Report) -> dict[tuple[str, str, str], float | int | None]:
    return {
        (t, r, c): v for t, rows in report.tables_json().items() for r, cols in rows.items() for c, v in cols.items()
    }


# ---- roll-up -------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "003", "004"])
def test_rollup_of_n_copies_is_n_times_the_cells(prefix: str) -> None:
    report = load_report(sample(prefix))
    n = 7
    (summed,) = roll_up([report] * n).forms
    assert summed.format == report.format and summed.reports == n
    cells = _cells(report)
    assert cells
    for (table, row, col), value in cells.items():
        total = summed.value(table, row, col)
        if value is None:  # a blank is excluded and counted
            assert total is None and summed.count(table, row, col) == 0 and summed.blank(table, row, col) == n
        else:
            assert total == pytest.approx(n * value) and summed.count(table, row, col) == n
            assert summed.blank(table, row, col) == 0
    assert summed.as_json()["tables"] == {
        t: {r: {c: (None if v is None else pytest.approx(n * v)) for c, v in cols.items()} for r, cols in rows.items()}
        for t, rows in report.tables_json().items()
    }


def test_forms_are_not_mixed_and_older_reports_are_named() -> None:
    r2019, r2021, old = (load_report(sample(p)) for p in ("000", "001", "002"))
    rollups = roll_up([r2019, r2021, r2021, old])
    assert [r.format for r in rollups.forms] == [FORMAT_2021, FORMAT_2019]
    by_form = {r.format: r for r in rollups.forms}
    assert by_form[FORMAT_2021].reports == 2 and by_form[FORMAT_2019].reports == 1
    assert rollups.left_out == [(old.path, LEFT_NO_FORM)]
    # Each roll-up holds its own form's cells, from its own reports only.
    assert set(by_form[FORMAT_2019].as_json()["tables"]["table2"]) == set(r2019.tables_json()["table2"])
    assert "procurement" not in by_form[FORMAT_2021].as_json()["tables"]["table2"]
    for (t, r, c), v in _cells(r2019).items():
        assert by_form[FORMAT_2019].value(t, r, c) == (None if v is None else pytest.approx(v))
    for (t, r, c), v in _cells(r2021).items():
        assert by_form[FORMAT_2021].value(t, r, c) == (None if v is None else pytest.approx(2 * v))


def test_both_forms_are_summed_only_over_the_cells_they_share() -> None:
    r2019, r2021 = load_report(sample("000")), load_report(sample("001"))
    both, apart = shared_cells()
    assert ("table3", "new", "total") in both and ("table2", "licensing", "decisions") in both
    assert ("table3", "other", "total") in apart and ("table2", "regulations", "in_force") in apart
    shared = roll_up_shared([r2019, r2021])
    assert shared.format == SHARED and shared.reports == 2
    for table, row, col in both:
        a, b = r2019.value(table, row, col), r2021.value(table, row, col)
        expected = None if a is None and b is None else (a or 0) + (b or 0)
        assert shared.value(table, row, col) == expected
    for cell in shared.not_shared:
        assert (
            cell in apart
            and cell[1] not in shared.as_json()["tables"][cell[0]]
            or cell[2] not in (shared.as_json()["tables"][cell[0]].get(cell[1], {}))
        )
    assert ("table2", "regulations", "in_force") in shared.not_shared


def test_a_report_beside_the_rollup_of_others(tmp_path: Path) -> None:
    dept = load_report(sample("000"))
    county = _read(tmp_path, "county", S2019.replace("规范性文件 | 6 | 6 | 9 |", "规范性文件 | 14 | 12 | 20 |"))
    (others,) = roll_up([dept, dept]).forms
    seen = beside(county, others)
    differing = {cell: (own, total, diff) for cell, own, total, diff in seen.differing()}
    # Every cell where the county's figure is not twice the department's, and only those.
    expected = {}
    for (t, r, c), v in _cells(county).items():
        d = dept.value(t, r, c)
        if v is not None and d is not None and v != 2 * d:
            expected[(t, r, c)] = (v, 2 * d, v - 2 * d)
    assert differing == pytest.approx(expected)
    assert differing[("table2", "normative_documents", "made")] == (14, 12, 2)
    with pytest.raises(ValueError):
        beside(load_report(sample("001")), others)


def test_beside_others_sums_the_others_in_the_reports_form(tmp_path: Path) -> None:
    dept, old = load_report(sample("000")), load_report(sample("002"))
    county = _read(tmp_path, "county", S2019.replace("规范性文件 | 6 | 6 | 9 |", "规范性文件 | 14 | 12 | 20 |"))
    seen = beside_others(county, [county, dept, old, dept])  # itself and the older report are not summed
    assert seen.rollup.format == FORMAT_2019 and seen.rollup.reports == 2
    assert seen.left_out == [(old.path, LEFT_NO_FORM)]
    assert seen.differing() == beside(county, roll_up([dept, dept]).forms[0]).differing()
    assert seen.own_value("table2", "normative_documents", "made") == 14
    assert seen.diff("table2", "normative_documents", "made") == 2
    assert seen.rollup.count("table2", "normative_documents", "made") == 2
    assert seen.diff("table3", "new", "total") == county.value("table3", "new", "total") - 2 * dept.value(
        "table3", "new", "total"
    )
    alone = beside_others(county, [])
    assert alone.rollup.reports == 0 and alone.differing() == []
    with pytest.raises(ValueError):
        beside_others(old, [dept])


def test_beside_others_of_another_form_compares_only_the_shared_cells() -> None:
    r2019, r2021 = load_report(sample("000")), load_report(sample("001"))
    seen = beside_others(r2019, [r2021, r2021])
    assert seen.rollup.format == SHARED and seen.rollup.reports == 2
    both, apart = shared_cells()
    compared = 0
    for table, schema in seen.rollup.schemas.items():
        for row, col in schema.cells():
            cell = (table, row, col)
            if cell in apart:  # never mixed: not shown, nothing summed, nothing compared
                assert not seen.shown(*cell) and seen.diff(*cell) is None and seen.rollup.value(*cell) is None
                continue
            assert cell in both and seen.shown(*cell)
            mine, theirs = r2019.value(*cell), r2021.value(*cell)
            assert seen.own_value(*cell) == mine
            if mine is not None and theirs is not None:
                assert seen.diff(*cell) == pytest.approx(mine - 2 * theirs)
                compared += 1
    assert compared > 20
    named = unshared_rows([FORMAT_2019, FORMAT_2021])
    assert "regulations" in named[FORMAT_2021]["table2"] and "procurement" in named[FORMAT_2019]["table2"]
    assert named[FORMAT_2019]["table3"] == ["other"] and "table4" not in named[FORMAT_2019]


def test_beside_workbook_shows_the_figure_the_sum_and_the_difference(tmp_path: Path) -> None:
    from model.excel.beside import build_beside_workbook

    dept = load_report(sample("000"))
    county = _read(tmp_path, "county", S2019.replace("规范性文件 | 6 | 6 | 9 |", "规范性文件 | 14 | 12 | 20 |"))
    wb = build_beside_workbook(beside_others(county, [dept, dept]))
    assert wb.sheetnames == ["表二 对照", "表三 对照", "表四 对照", "差异", "说明"]
    ws = wb["表二 对照"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "规范性文件")
    figures = [(ws.cell(row, c).value, ws.cell(row, c + 1).value) for c in range(2, ws.max_column, 2)]
    assert figures[0] == (14, "合计12（2份），不一致：差+2")
    assert ws.cell(row, 2).fill.fgColor.rgb.endswith("FDE0BD")  # differs: orange
    equal = next(2 + 2 * k for k, (_, words) in enumerate(figures) if words.endswith("一致") and "不" not in words)
    assert ws.cell(row, equal).fill.fill_type is None
    differences = [[c.value for c in r] for r in wb["差异"].iter_rows(min_row=2)]
    assert ["表二·规范性文件·本年新制作数量", 14, 12, "+2", 2] in differences
    assert len(differences) == len(beside_others(county, [dept, dept]).differing())
    shared = build_beside_workbook(beside_others(dept, [load_report(sample("001"))]))
    notes = [[c.value for c in r] for r in shared["说明"].iter_rows(min_row=2)]
    assert any(n[1] == "两种表式不共有，未对照" and "规章" in n[2] for n in notes)


def test_rollup_workbook_is_the_official_layout_with_counts_beside() -> None:
    r2019, r2021 = load_report(sample("000")), load_report(sample("001"))
    rollups = roll_up([r2019, r2019, r2021])
    wb = build_rollup_workbook(rollups, roll_up_shared([r2019, r2019, r2021]))
    assert wb.sheetnames[:3] == ["2021版 表二", "2021版 表三", "2021版 表四"]
    assert "两种表式共有 表三" in wb.sheetnames and wb.sheetnames[-1] == "说明"
    ws = wb["2019版 表二"]
    found = [
        (ws.cell(r, c).value, ws.cell(r, c + 1).value)
        for r in range(1, ws.max_row + 1)
        for c in range(1, ws.max_column)
        if ws.cell(r, 1).value == "规范性文件" and c > 1
    ]
    assert found[0] == (12, "2份")  # 6 + 6, and the reports behind the sum beside it


# ---- comparison ----------------------------------------------------------------------


def _last_year(text: str) -> str:
    """Sample 000 as its agency's report of 2019: figures of 表二 and 表三 that differ, one
    paragraph of section 五 touched, section 一's first paragraph another."""
    out = text.replace("2020", "2019").replace("规范性文件 | 6 | 6 | 9 |", "规范性文件 | 5 | 5 | 8 |")
    out = out.replace(
        "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        "一、本年新收政府信息公开申请数量 | 12 | 0 | 0 | 0 | 0 | 0 | 12 |",
    )
    out = out.replace("(一)予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "(一)予以公开 | 12 | 0 | 0 | 0 | 0 | 0 | 12 |")
    out = out.replace("(七)总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |", "(七)总计 | 12 | 0 | 0 | 0 | 0 | 0 | 12 |")
    return out


def _problem_lines(text: str) -> list[str]:
    start, end = text.index("五、存在的主要问题"), text.index("六、其他需要报告")
    return [line.strip() for line in text[start:end].splitlines()[1:] if line.strip()]


def test_comparison_finds_the_changes_made_and_nothing_else(tmp_path: Path) -> None:
    new = load_report(sample("000"))
    problems = _problem_lines(S2019)
    touched = problems[-1]
    older = _last_year(S2019).replace(touched, touched[:-6] + "进一步改进。")
    rewritten = S2019.splitlines()[2].strip()  # a long paragraph of section 一
    older = older.replace(rewritten, "本年度我局认真贯彻落实条例要求,政务公开工作平稳有序。")
    old = _read(tmp_path, "2019", older)
    assert (old.year, new.year) == (2019, 2020)
    c = compare(old, new)
    changed = {}
    for table, t in c.tables.items():
        for (row, col), d in t.change.stack().dropna().items():
            if d:
                changed[(table, row, col)] = d
    assert changed == {
        ("table2", "normative_documents", "made"): 1,
        ("table2", "normative_documents", "published"): 1,
        ("table2", "normative_documents", "total_public"): 1,
        ("table3", "new", "natural_person"): -11,
        ("table3", "new", "total"): -11,
        ("table3", "granted", "natural_person"): -11,
        ("table3", "granted", "total"): -11,
        ("table3", "total_processed", "natural_person"): -11,
        ("table3", "total_processed", "total"): -11,
    }
    cell = c.tables["table2"].cell("normative_documents", "made")
    assert cell == {"old": 5, "new": 6, "change": 1, "percent": 20.0, "swing": False}
    assert math.isnan(c.tables["table2"].percent.at["regulations", "made"])  # 0 → 0: no per cent
    # 12 → 1 is a collapse (≤ 1/5, 12 cases): swings exactly where the 12s were.
    assert set(c.swings()) == {k for k in changed if k[0] == "table3"}
    sections = {s.number: s for s in c.sections}
    five = [p.state for p in sections[5].paragraphs]
    assert five == [SAME] * (len(problems) - 1) + [NEAR]
    one = sections[1].paragraphs
    # The rewritten paragraph is new, last year's in its place removed; a paragraph whose
    # only change is the year is near-unchanged; the others are unchanged.
    expected = [NEW if p.new == rewritten else NEAR if "2020" in p.new else SAME for p in one if p.new]
    assert [p.state for p in one if p.new] == expected and NEAR in expected
    assert [p.old for p in one if p.state == REMOVED] == ["本年度我局认真贯彻落实条例要求,政务公开工作平稳有序。"]
    assert all(p.state == SAME for s in c.sections if s.number not in (1, 5) for p in s.paragraphs)
    data = c.as_json()
    assert data["new"]["year"] == 2020 and data["tables"]["table3"]["new"]["total"]["swing"] is True
    assert data["tables"]["table3"]["new"]["total"]["percent"] == pytest.approx(-91.7)


def test_comparison_of_two_forms_compares_shared_cells_only(tmp_path: Path) -> None:
    old, new = load_report(sample("000")), load_report(sample("001"))
    c = compare(old, new)
    t2 = c.tables["table2"]
    assert ("regulations", "in_force") in t2.unmatched and ("procurement", "amount") in t2.unmatched
    assert math.isnan(t2.change.at["regulations", "in_force"])
    assert t2.cell("licensing", "decisions")["old"] == old.value("table2", "licensing", "decisions")
    assert not c.tables["table2"].swing.at["fees", "amount"]


def test_comparison_workbook_has_both_years_and_the_change_beside(tmp_path: Path) -> None:
    new = load_report(sample("000"))
    old = _read(tmp_path, "2019", _last_year(S2019))
    wb = build_comparison_workbook(compare(old, new))
    assert wb.sheetnames == [
        "2019 表二",
        "2020 表二 变化",
        "2019 表三",
        "2020 表三 变化",
        "2019 表四",
        "2020 表四 变化",
        "文字对比",
    ]
    ws = wb["2020 表三 变化"]
    row = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("一、本年新收"))
    values = [ws.cell(row, c).value for c in range(4, ws.max_column + 1)]
    assert values[:2] == [1, "−11（−91.7%）"] and values[-2:] == [1, "−11（−91.7%）"]
    assert ws.cell(row, 4).fill.fgColor.rgb.endswith("FDE0BD")  # the swing, orange
    old_ws = wb["2019 表三"]
    assert any(old_ws.cell(r, 4).value == 12 for r in range(1, old_ws.max_row + 1))


def test_workbooks_save(tmp_path: Path) -> None:
    from model.excel.rollup import write_comparison, write_rollup

    r = load_report(sample("000"))
    write_rollup(tmp_path / "r.xlsx", roll_up([r, r]))
    write_comparison(tmp_path / "c.xlsx", compare(r, r))
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames[0] == "2019版 表二"
    assert "文字对比" in openpyxl.load_workbook(tmp_path / "c.xlsx").sheetnames


# ---- overview --------------------------------------------------------------------------


def test_overview_figures_and_the_reports_behind_them(samples: Path) -> None:
    from model.excel.overview import build_overview_workbook
    from model.overview import overview
    from parsers.pipeline import audit_files

    paths = [str(p) for p in sorted(samples.glob("*.txt"))] * 2  # every report twice
    items = [(a.report, a.findings) for a in audit_files(paths)]
    o = overview(items)
    for agency, row in o.agencies.iterrows():
        mine = [i for i, (r, _) in enumerate(items) if r.agency == agency]
        assert o.reports_of(agency=str(agency)) == mine
        found = [f for i in mine for f in items[i][1]]
        assert row["reports"] == len(mine)
        assert row["problems"] == sum(1 for f in found if f.severity in ("error", "warning"))
    problems = list(o.agencies["problems"])
    assert problems == sorted(problems, reverse=True) and list(o.agencies["rank"]) == list(range(1, len(problems) + 1))
    for rule, row in o.rules.iterrows():
        having = [i for i, (_, fs) in enumerate(items) if any(f.rule == rule for f in fs)]
        assert o.reports_of(rule=str(rule)) == having and row["reports"] == len(having)
        assert row["findings"] == sum(1 for _, fs in items for f in fs if f.rule == rule)
        assert o.heat[rule].sum() == row["findings"]
    for year, row in o.years.iterrows():
        of_year = [r for r, _ in items if r.year == year]
        held = [v for r in of_year if (v := r.value("table3", "new", "total")) is not None]
        assert row["reports"] == len(of_year) and row["new_counted"] == len(held)
        assert (row["new"] == sum(held)) if held else np.isnan(row["new"])
    wb = build_overview_workbook(o)
    assert wb.sheetnames == ["单位排名", "问题规则", "年度", "热力图"]
    assert all(len(wb[name]._charts) == 1 for name in ("单位排名", "问题规则", "年度"))
    assert wb["单位排名"].cell(2, 1).value == o.agencies.index[0]
    assert wb["热力图"].conditional_formatting


# ---- word-level marks -------------------------------------------------------------------

FIGURES = "全年共主动公开政府信息1151条,其中包括市政府网站重点民生领域信息公开317条、局门户网站信息公开834条。"


def test_a_changed_figure_inside_a_sentence_is_marked_whole(tmp_path: Path) -> None:
    assert FIGURES in S2019
    before = FIGURES.replace("1151", "1000").replace("834", "683")
    old = _read(tmp_path, "2019", _last_year(S2019).replace(FIGURES, before))
    c = compare(old, load_report(sample("000")))
    (near,) = [p for s in c.sections for p in s.paragraphs if p.new == FIGURES]
    assert near.state == NEAR and near.old == before
    assert near.runs == [
        (KEEP, "全年共主动公开政府信息"),
        (DELETE, "1000"),
        (INSERT, "1151"),
        (KEEP, "条,其中包括市政府网站重点民生领域信息公开317条、局门户网站信息公开"),
        (DELETE, "683"),
        (INSERT, "834"),
        (KEEP, "条。"),
    ]
    assert all(not p.runs for s in c.sections for p in s.paragraphs if p.state != NEAR)
    marks = [p["marks"] for s in c.as_json()["sections"] for p in s["paragraphs"] if "marks" in p]
    assert "全年共主动公开政府信息[-1000-]{+1151+}条" in marks[0]
    # The workbook's text sheet: the marks beside the paragraph, deletions struck as rich text.
    path = tmp_path / "cmp.xlsx"
    build_comparison_workbook(c).save(path)
    ws = openpyxl.load_workbook(path, rich_text=True)["文字对比"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 3).value == FIGURES)
    rich = ws.cell(row, 6).value
    assert str(rich).startswith("全年共主动公开政府信息[-1000-]{+1151+}条")
    struck = [block for block in rich if not isinstance(block, str) and block.font.strike]
    assert [b.text for b in struck] == ["[-1000-]", "[-683-]"]


def test_word_diff_words_and_phrases() -> None:
    assert word_diff("我局进一步加强政务公开工作", "我局持续加强政务公开和政策解读工作") == [
        (KEEP, "我局"),
        (DELETE, "进一步"),
        (INSERT, "持续"),
        (KEEP, "加强政务公开"),
        (INSERT, "和政策解读"),
        (KEEP, "工作"),
    ]
    assert word_diff("增长10%", "增长12.5%") == [(KEEP, "增长"), (DELETE, "10%"), (INSERT, "12.5%")]
    assert word_diff("相同", "相同") == [(KEEP, "相同")]
    assert diff_notation(word_diff("旧文", "新文")) == "[-旧-]{+新+}文"


@given(
    st.text(alphabet="公开申请件条12340,.。、%ab ", max_size=40),
    st.text(alphabet="公开申请件条12340,.。、%ab ", max_size=40),
)
def test_word_diff_keeps_both_texts(old: str, new: str) -> None:
    runs = word_diff(old, new)
    assert "".join(t for k, t in runs if k != INSERT) == old
    assert "".join(t for k, t in runs if k != DELETE) == new
    assert all(t for _, t in runs) and all(a[0] != b[0] for a, b in zip(runs, runs[1:]))
