"""The 分析 menu's views in the window: the comparison of two years, the overview with its
figures leading to their reports, the roll-up workbook of the listed reports."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt

from tests.conftest import sample
from tests.ui.conftest import OpenFiles
from ui.compare_view import SWING_COLOR
from ui.main_window import MainWindow

S2019 = sample("000").read_text(encoding="utf-8")  # 驻马店市人社局, 2020, 2019 form


def _last_year(folder: Path) -> Path:
    """Sample 000 as its agency's report of 2019: 表三's applications 12 where 2020 has 1."""
    text = S2019.replace("2020", "2019")
    for label in ("一、本年新收政府信息公开申请数量", "(一)予以公开", "(七)总计"):
        text = text.replace(f"{label} | 1 | 0 | 0 | 0 | 0 | 0 | 1 |", f"{label} | 12 | 0 | 0 | 0 | 0 | 0 | 12 |")
    path = folder / "zmd_2019.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_compare_view_pairs_the_years_and_marks_the_swings(
    qtbot, window: MainWindow, open_files: OpenFiles, tmp_path: Path
) -> None:
    old, new, other = open_files([_last_year(tmp_path), sample("000"), sample("001")])
    window.list_panel.select(new)
    assert window.batch_views.menu is not None and window.batch_views.menu.title()
    view = window.batch_views.open_compare()
    qtbot.addWidget(view)
    assert view.pair() == (old, new)  # the agency's year before, found by itself
    grid = view.grids["table3"]
    labels = [grid.verticalHeaderItem(r).text() for r in range(grid.rowCount())]
    row = labels.index("一、本年新收政府信息公开申请数量")
    total = grid.columnCount() - 3  # 总计: earlier, later, change
    assert [grid.item(row, total + k).text() for k in range(3)] == ["12", "1", "−11（−91.7%）"]
    assert grid.item(row, total).background().color() == SWING_COLOR
    carried = labels.index("二、上年结转政府信息公开申请数量")
    assert grid.item(carried, total).background().color() != SWING_COLOR
    assert "2019 → 2020" in view.summary.text()
    html = view.text.toHtml()
    assert "五、存在的主要问题及改进情况" in html
    view.swap()
    assert view.pair() == (new, old)
    view.set_pair(other, new)  # paired by hand: two forms, the shared cells compared
    assert view.comparison is not None and view.comparison.old is other.report
    out = tmp_path / "cmp.xlsx"
    view.export_to(str(out))
    assert "文字对比" in openpyxl.load_workbook(out).sheetnames


def test_overview_figures_lead_to_their_reports(
    qtbot, window: MainWindow, open_files: OpenFiles, samples: Path
) -> None:
    sessions = open_files(sorted(samples.glob("*.txt")))
    view = window.batch_views.open_overview()
    qtbot.addWidget(view)
    g = view.agencies
    assert g.rowCount() == 5
    problems = [int(g.item(r, 6).text()) for r in range(g.rowCount())]
    assert problems == sorted(problems, reverse=True)  # ranked
    top = g.item(0, 1).text()
    expected = [s for s in sessions if s.report and s.report.agency == top]
    assert problems[0] == sum(s.errors + s.warnings for s in expected)
    with qtbot.waitSignal(view.reportsChosen) as chosen:
        qtbot.mouseClick(g.viewport(), Qt.MouseButton.LeftButton, pos=g.visualItemRect(g.item(0, 6)).center())
    assert chosen.args[0] == expected
    assert window.list_panel.filter.text() == top and window.session is expected[0]
    assert window.list_panel.sessions_in_order() == expected
    heat = view.heat
    assert heat.rowCount() >= 1 and heat.columnCount() >= 1
    filled = [(r, c) for r in range(heat.rowCount()) for c in range(heat.columnCount()) if heat.item(r, c).text()]
    r, c = filled[0]
    behind = view.sessions_at(heat, r, c)
    assert behind and all(heat.verticalHeaderItem(r).text() == s.report.agency for s in behind if s.report)
    heat.cellClicked.emit(r, c)
    assert window.session is behind[0]
    years = view.years
    assert years.rowCount() == len({s.report.year for s in sessions if s.report and s.report.year})


def test_rollup_of_the_listed_reports(window: MainWindow, open_files: OpenFiles, samples: Path, tmp_path: Path) -> None:
    open_files(sorted(samples.glob("*.txt")))
    window.list_panel.filter.setText("人力资源")
    shown = window.list_panel.sessions_in_order()
    assert 0 < len(shown) < 5
    out = tmp_path / "sum.xlsx"
    assert window.batch_views.write_rollup(str(out), shown)
    wb = openpyxl.load_workbook(out)
    listed = [wb["说明"].cell(r, 4).value for r in range(2, wb["说明"].max_row + 1)]
    assert sorted(listed) == sorted(s.report.path for s in shown if s.report)


def test_the_views_speak_chinese(qapp, window: MainWindow, open_files: OpenFiles) -> None:
    from ui import i18n

    open_files([sample("000")])
    installed = i18n.install(qapp, "zh_CN")
    try:
        window.retranslate()
        assert window.batch_views.menu is not None and window.batch_views.menu.title() == "分析(&A)"
        view = window.batch_views.open_overview()
        assert view.windowTitle() == "概览" and view.tabs.tabText(3) == "热力图"
        assert view.agencies.horizontalHeaderItem(6).text() == "问题合计"
        compare = window.batch_views.open_compare()
        assert compare.windowTitle() == "年度对比" and compare.tabs.tabText(3) == "正文"
        assert compare.summary.text() == "请选择两份报告进行对比。"  # one report: nothing to pair it with
        view.close()
        compare.close()
    finally:
        for t in installed:
            qapp.removeTranslator(t)
        window.retranslate()


def test_year_sums_say_how_many_reports_are_behind_them(
    qtbot, window: MainWindow, open_files: OpenFiles, samples: Path
) -> None:
    sessions = open_files(sorted(samples.glob("*.txt")))
    view = window.batch_views.open_overview()
    qtbot.addWidget(view)
    g = view.years
    row = next(r for r in range(g.rowCount()) if g.item(r, 0).text() == "2020")
    in_2020 = [s for s in sessions if s.report and s.report.year == 2020]
    held = [s for s in in_2020 if s.report and s.report.value("table3", "new", "total") is not None]
    assert g.item(row, 1).text() == str(len(in_2020))
    assert g.item(row, 2).text() == str(sum(s.report.value("table3", "new", "total") for s in held if s.report))
    assert str(len(held)) in g.item(row, 2).toolTip()


def test_a_report_beside_the_sum_of_the_listed_others(
    qtbot, window: MainWindow, open_files: OpenFiles, tmp_path: Path
) -> None:
    from ui.beside_view import DIFF_COLOR, NOT_SHARED_COLOR, PARTS

    # A county's own report (2019 form) whose 规范性文件 is not the sum of its two departments'.
    county_text = S2019.replace("驻马店市人力资源和社会保障局", "驻马店市人民政府").replace(
        "规范性文件 | 6 | 6 | 9 |", "规范性文件 | 14 | 12 | 20 |"
    )
    (tmp_path / "county.txt").write_text(county_text, encoding="utf-8")
    county, dept_a, dept_b, other_form = open_files(
        [tmp_path / "county.txt", sample("000"), _last_year(tmp_path), sample("001")]
    )
    window.list_panel.select(county)
    window.list_panel.filter.setText("驻马店")  # the list shows the county and its departments
    assert set(window.list_panel.sessions_in_order()) == {county, dept_a, dept_b}
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    view = window.batch_views.beside_view
    assert view is not None
    qtbot.addWidget(view)
    assert view.current() is county and view.checked() == [dept_a, dept_b]
    grid = view.grids["table2"]
    labels = [grid.verticalHeaderItem(r).text() for r in range(grid.rowCount())]
    row = labels.index("规范性文件")
    made = [grid.item(row, k).text() for k in range(PARTS)]  # 本年新制作数量: report, sum, difference, reports
    assert made == ["14", "12", "+2", "2"]
    assert grid.item(row, 0).background().color() == DIFF_COLOR
    assert "+2" in grid.item(row, 2).toolTip() and "12" in grid.item(row, 2).toolTip()
    t3 = view.grids["table3"]
    new_row = [t3.verticalHeaderItem(r).text() for r in range(t3.rowCount())].index("一、本年新收政府信息公开申请数量")
    total = t3.columnCount() - PARTS
    assert [t3.item(new_row, total + k).text() for k in range(PARTS)] == ["1", "13", "−12", "2"]  # 1 + 12
    differing = {cell for cell, *_ in view.seen.differing()} if view.seen else set()
    assert ("table2", "normative_documents", "made") in differing and ("table3", "new", "total") in differing
    assert f"{len(differing)} cell(s) differ" in view.summary.text()
    # The other form checked too: only the shared cells are compared, the rest grey and named.
    other_item = next(
        view.others.item(i)
        for i in range(view.others.count())
        if view.others.item(i).data(Qt.ItemDataRole.UserRole) is other_form
    )
    other_item.setCheckState(Qt.CheckState.Checked)
    assert view.seen is not None and view.seen.rollup.reports == 3
    grid = view.grids["table2"]
    labels = [grid.verticalHeaderItem(r).text() for r in range(grid.rowCount())]
    assert grid.item(labels.index("规章"), 0).background().color() == NOT_SHARED_COLOR
    assert "规章" in view.summary.text()
    t3 = view.grids["table3"]
    assert t3.item(new_row, total + 1).text() == str(13 + other_form.report.value("table3", "new", "total"))
    view.none_button.click()
    assert view.checked() == [] and view.grids["table3"].rowCount() == 0 and not view.export_button.isEnabled()
    view.listed_button.click()
    out = tmp_path / "beside.xlsx"
    view.export_to(str(out))
    assert openpyxl.load_workbook(out).sheetnames[-2:] == ["差异", "说明"]


def test_compare_view_marks_the_words_changed_in_a_nearly_unchanged_paragraph(
    qtbot, window: MainWindow, open_files: OpenFiles, tmp_path: Path
) -> None:
    sentence = "全年共主动公开政府信息1151条,其中包括市政府网站重点民生领域信息公开317条、局门户网站信息公开834条。"
    older = _last_year(tmp_path)
    older.write_text(older.read_text(encoding="utf-8").replace(sentence, sentence.replace("1151", "1000")), "utf-8")
    old, new = open_files([older, sample("000")])
    window.list_panel.select(new)
    view = window.batch_views.open_compare()
    qtbot.addWidget(view)
    assert view.pair() == (old, new)
    doc = view.text.document()
    struck, underlined = [], []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().fontStrikeOut():
                struck.append(frag.text())
            if frag.charFormat().fontUnderline():
                underlined.append(frag.text())
            it += 1
        block = block.next()
    # The figure whole; else only the years the older copy rewrote (2020 → 2019) are marked.
    assert struck.count("1000") == 1 and set(struck) == {"1000", "2019"}
    assert underlined.count("1151") == 1 and set(underlined) == {"1151", "2020"}


def test_overview_charts_show_the_figures_and_lead_to_their_reports(
    qtbot, window: MainWindow, open_files: OpenFiles, samples: Path
) -> None:
    sessions = open_files(sorted(samples.glob("*.txt")))
    view = window.batch_views.open_overview()
    qtbot.addWidget(view)
    o = view.data
    chart = view.agency_chart
    assert [(b.label, b.value) for b in chart.bars] == [(str(n), int(a["problems"])) for n, a in o.agencies.iterrows()]
    assert [b.value for b in view.rule_chart.bars] == [int(r["findings"]) for _, r in o.rules.iterrows()]
    assert sum(b.value for b in view.rule_chart.bars) == sum(len(s.findings) for s in sessions)
    view.tabs.setCurrentIndex(4)
    qtbot.waitExposed(chart)
    top = [s for s in sessions if s.report and s.report.agency == chart.bars[0].label]
    with qtbot.waitSignal(view.reportsChosen) as chosen:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_rect(0).center())
    assert chosen.args[0] == top
    chart.setFocus()
    qtbot.keyClick(chart, Qt.Key.Key_Down)  # the keyboard reaches every bar
    second = chart.bars[1]
    assert chart.tip(1) == f"{second.label}：{second.value}"
    with qtbot.waitSignal(view.reportsChosen) as chosen:
        qtbot.keyClick(chart, Qt.Key.Key_Return)
    assert [s.report.agency for s in chosen.args[0] if s.report] == [second.label] * len(chosen.args[0])
