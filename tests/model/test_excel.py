"""The Excel workbooks: per-report round trip, fills and comments, formula safety, summary."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from model.atomic import WriteError
from model.changes import Change
from model.excel.style import BLANK_FILL, EDITED_FILL, ERROR_FILL
from model.excel.workbook import (
    NotReportWorkbook,
    read_report_workbook,
    summary_columns,
    write_report,
    write_summary,
)
from model.messages import RULE_NAMES
from model.report import STATUS_TEXT, Report
from model.rules import audit
from model.schema import TABLES
from parsers import load_report
from tests.conftest import ROOT, SAMPLES, sample

SEEDS = sorted(SAMPLES.glob("*.txt"))
WHEN = dt.datetime(2025, 3, 1, 9, 30, 15)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Report]:
    return {p.name[:3]: load_report(p) for p in SEEDS}


def _fresh(prefix: str) -> Report:
    return load_report(sample(prefix))


def _rgb(cell) -> str | None:  # type: ignore[no-untyped-def]
    return cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fill_type == "solid" else None


def _no_formulas(path: Path) -> None:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} = {cell.value!r}"


# ---- per-report workbook: round trip --------------------------------------------


@pytest.mark.parametrize("seed", [p.name[:3] for p in SEEDS])
def test_round_trip_every_cell(seed: str, seeds: dict[str, Report], tmp_path: Path) -> None:
    report = seeds[seed]
    out = tmp_path / "report.xlsx"
    write_report(out, report, audit(report), exported_at=WHEN)

    back, changes = read_report_workbook(out)

    assert changes == []
    assert (back.path, back.sha256, back.agency, back.year, back.format) == (
        report.path, report.sha256, report.agency, report.year, report.format,
    )  # fmt: skip
    assert back.text == report.text
    assert back.tables_json() == report.tables_json()  # every canonical cell, blanks None
    for table in TABLES:
        schema = report.schema(table)
        if schema is None:
            assert table not in back.tables
            continue
        for row, col in schema.cells():
            assert back.cell(table, row, col) == report.cell(table, row, col), (table, row, col)
    assert back == report  # and everything else the report holds (sections, claims …)
    assert audit(back) == audit(report)
    _no_formulas(out)


def test_layout_and_sheets(seeds: dict[str, Report], tmp_path: Path) -> None:
    report = seeds["001"]  # a 2021-format report
    out = tmp_path / "r.xlsx"
    write_report(out, report, audit(report), exported_at=WHEN)
    wb = load_workbook(out)
    assert wb.sheetnames[:6] == ["表二", "表三", "表四", "问题清单", "修改记录", "元数据"]
    assert wb["_auditor_data"].sheet_state == "veryHidden"

    t3 = wb["表三"]
    assert t3["D3"].value == "申请人情况" and "D3:J3" in t3.merged_cells
    assert t3["E4"].value == "法人或其他组织" and "E4:I4" in t3.merged_cells
    assert [t3.cell(5, c).value for c in range(5, 10)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert t3["A6"].value == "一、本年新收政府信息公开申请数量"
    assert t3["A8"].value == "三、本年度办理结果"
    assert t3["B10"].value == "（三）不予公开" and t3["C10"].value == "1.属于国家秘密"
    assert t3["C28"].value == "3.其他"  # 2021: （六）其他处理 has three items
    assert t3.freeze_panes == "D6"
    assert t3.page_setup.orientation == "landscape" and t3.page_setup.fitToWidth == 1
    assert int(t3.page_setup.paperSize) == int(t3.PAPERSIZE_A4)

    t4 = wb["表四"]
    assert (t4["A3"].value, t4["F3"].value, t4["F4"].value, t4["K4"].value) == (
        "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉",
    )  # fmt: skip
    assert isinstance(t4["O6"].value, int)  # numbers stay numbers

    t2 = wb["表二"]
    assert t2["A3"].value == "第二十条第（一）项"
    assert (t2["A4"].value, t2["B4"].value) == ("信息内容", "本年制发件数")
    assert t2["A6"].value == "行政规范性文件"

    names = [n for n in wb.defined_names if n.startswith("RA_C")]
    assert len(names) == sum(len(cells) for cells in report.tables.values())
    assert list(wb.defined_names[names[0]].destinations) == [("表二", "$B$5")]

    meta = {k: v for k, v in wb["元数据"].iter_rows(min_row=2, values_only=True)}
    assert meta["SHA-256"] == report.sha256 and meta["单位"] == report.agency
    assert meta["年度"] == report.year and meta["导出时间"] == WHEN
    assert meta["程序版本"].endswith(__import__("model").__version__)


def test_pre2019_report_has_no_table_sheets(seeds: dict[str, Report], tmp_path: Path) -> None:
    out = tmp_path / "old.xlsx"
    write_report(out, seeds["002"], audit(seeds["002"]))
    assert "表三" not in load_workbook(out).sheetnames
    assert read_report_workbook(out)[0].format == "pre2019"


# ---- fills, comments and the change log -------------------------------------------


def test_blank_cells_are_yellow(seeds: dict[str, Report], tmp_path: Path) -> None:
    report = seeds["004"]  # 表三's applicant columns are blank, the 总计 column is written
    assert report.value("table3", "new", "natural_person") is None
    out = tmp_path / "004.xlsx"
    write_report(out, report, audit(report))
    t3 = load_workbook(out)["表三"]
    yellow = BLANK_FILL.fgColor.rgb
    assert _rgb(t3["D6"]) == yellow  # 本年新收 · 自然人
    assert _rgb(t3["I28"]) == yellow  # 结转下年度 · 其他
    assert t3["D6"].value is None
    assert _rgb(t3["J6"]) is None and t3["J6"].value == 0  # 本年新收 · 总计
    assert _rgb(load_workbook(out)["表二"]["D9"]) == yellow  # 行政许可 · 处理决定数量


def test_error_cells_are_red_and_corrections_commented(tmp_path: Path) -> None:
    report = _fresh("000")
    old = report.value("table3", "new", "natural_person")
    assert old is not None
    report.set_value("table3", "new", "natural_person", old + 5)  # breaks 行总计 and 勾稽关系
    changes = [Change("table3", "new", "natural_person", old, old + 5, WHEN)]
    findings = audit(report)
    assert any(f.severity == "error" for f in findings)
    out = tmp_path / "000.xlsx"
    write_report(out, report, findings, changes)

    wb = load_workbook(out)
    t3 = wb["表三"]
    cell = t3["D6"]
    assert cell.value == old + 5
    assert _rgb(cell) == ERROR_FILL.fgColor.rgb
    assert _rgb(t3["J6"]) == ERROR_FILL.fgColor.rgb  # the 总计 the row total rule names
    assert cell.comment is not None and f"原值 {old} → 新值 {old + 5}" in cell.comment.text

    log = list(wb["修改记录"].iter_rows(min_row=2, values_only=True))
    assert log == [(1, "表三·本年新收·自然人", "表三!D6", old, old + 5, WHEN)]
    issues = list(wb["问题清单"].iter_rows(min_row=2, values_only=True))
    assert any(r[1] == "表三" and r[5] == "错误" and r[7] == "已修改" for r in issues)

    back, back_changes = read_report_workbook(out)
    assert back_changes == changes
    cell_back = back.cell("table3", "new", "natural_person")
    assert cell_back is not None and cell_back.edited and cell_back.parsed_value == old
    assert audit(back) == findings


def test_missing_row_is_red_across(tmp_path: Path) -> None:
    report = _fresh("000")
    report.missing.append(("table4", "review", None))  # ROW_MISSING names the whole row
    out = tmp_path / "missing.xlsx"
    write_report(out, report, audit(report))
    t4 = load_workbook(out)["表四"]
    assert [_rgb(t4.cell(6, c)) for c in range(1, 7)] == [ERROR_FILL.fgColor.rgb] * 5 + [None]


def test_unreadable_report_and_cells_of_another_format_survive(tmp_path: Path) -> None:
    broken = Report(path="broken.pdf", error="文件已损坏，无法读取")
    out = tmp_path / "broken.xlsx"
    write_report(out, broken, [])
    assert read_report_workbook(out)[0] == broken

    report = _fresh("001")  # 2021 format
    report.set_value("table3", "other", "total", 4)  # a 2019-only row, e.g. after a format change
    out = tmp_path / "extra.xlsx"
    write_report(out, report, audit(report))
    assert read_report_workbook(out)[0] == report


def test_corrected_cell_without_error_is_blue(tmp_path: Path) -> None:
    report = _fresh("004")
    report.set_value("table3", "new", "natural_person", 0)
    out = tmp_path / "fix.xlsx"
    write_report(out, report, audit(report), [Change("table3", "new", "natural_person", None, 0, WHEN)])
    cell = load_workbook(out)["表三"]["D6"]
    assert _rgb(cell) == EDITED_FILL.fgColor.rgb
    assert cell.comment is not None and cell.comment.text.startswith("原值 空 → 新值 0")


def test_figure_typed_in_excel_comes_back_as_a_change(tmp_path: Path) -> None:
    report = _fresh("004")
    out = tmp_path / "edit.xlsx"
    write_report(out, report, audit(report))
    wb = load_workbook(out)
    wb["表三"]["D6"] = 3  # the officer fills a blank cell in Excel
    wb["表三"]["J6"] = "多"  # words over a figure are not taken as a correction
    wb.save(out)

    back, changes = read_report_workbook(out)
    assert [(c.table, c.row, c.col, c.old, c.new) for c in changes] == [("table3", "new", "natural_person", None, 3)]
    assert back.value("table3", "new", "natural_person") == 3


# ---- formula safety ---------------------------------------------------------------

EVIL = "=cmd|' /C calc'!A0"


def test_formula_like_text_stays_text(tmp_path: Path) -> None:
    report = _fresh("000")
    report.agency = EVIL + "\x02"
    report.path = "@SUM(1+1)"
    cell = report.cell("table3", "new", "commercial")
    assert cell is not None
    cell.value, cell.raw, cell.status = None, "+1", STATUS_TEXT
    cell.remember_parsed()
    other = report.cell("table3", "new", "research")
    assert other is not None
    other.value, other.raw, other.status = None, "-2-3\x01", STATUS_TEXT
    other.remember_parsed()
    findings = audit(report)
    out = tmp_path / "evil.xlsx"
    write_report(out, report, findings)
    _no_formulas(out)

    wb = load_workbook(out)
    assert wb["表三"]["E6"].value == "+1"
    assert wb["表三"]["F6"].value == "-2-3"
    assert wb["元数据"]["B6"].value == EVIL  # the control character is dropped from what is shown
    back, _ = read_report_workbook(out)
    assert back.agency == EVIL + "\x02" and back.path == "@SUM(1+1)"  # and kept in the record
    assert back.cell("table3", "new", "research") == other  # exact, control character included

    summary = tmp_path / "summary.xlsx"
    write_summary(summary, [(report, findings)])
    _no_formulas(summary)
    row = next(load_workbook(summary)["全部数据"].iter_rows(min_row=2, values_only=True))
    assert row[:2] == ("@SUM(1+1)", EVIL)
    listed = next(load_workbook(summary)["汇总"].iter_rows(min_row=2, values_only=True))
    assert (listed[1], listed[-1]) == (EVIL, "@SUM(1+1)")
    issues = list(load_workbook(summary)["问题清单"].iter_rows(min_row=2, values_only=True))
    assert issues and all(r[1] == EVIL for r in issues)


# ---- errors -----------------------------------------------------------------------


def test_unwritable_target_raises_write_error_and_leaves_nothing(seeds: dict[str, Report], tmp_path: Path) -> None:
    target = tmp_path / "locked.xlsx"
    target.mkdir()  # something that cannot be replaced by a file
    with pytest.raises(WriteError):
        write_report(target, seeds["000"], [])
    with pytest.raises(WriteError):
        write_summary(target, [(seeds["000"], [])])
    assert [p.name for p in tmp_path.iterdir()] == ["locked.xlsx"]


def test_foreign_workbook_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    wb = Workbook()
    wb.active["A1"] = "hello"
    wb.save(other)
    with pytest.raises(NotReportWorkbook):
        read_report_workbook(other)
    text = tmp_path / "text.xlsx"
    text.write_text("not a zip", encoding="utf-8")
    with pytest.raises(NotReportWorkbook):
        read_report_workbook(text)


def test_summary_is_not_a_report_workbook(seeds: dict[str, Report], tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    write_summary(out, [(seeds["000"], [])])
    with pytest.raises(NotReportWorkbook):
        read_report_workbook(out)


# ---- summary ----------------------------------------------------------------------


def test_summary_rows_headers_and_findings(seeds: dict[str, Report], tmp_path: Path) -> None:
    items = [(r, audit(r)) for r in seeds.values()]
    unreadable = Report(path="broken.pdf", error="文件已损坏")
    items.append((unreadable, []))
    out = tmp_path / "summary.xlsx"
    write_summary(out, items)
    wb = load_workbook(out)
    rows = list(wb["全部数据"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:7] == ("文件", "单位", "年度", "表格格式", "错误", "警告", "读取失败原因")
    assert "表三·本年新收·自然人" in header and "表四·行政复议·总计" in header
    assert "表二·规章·本年制发件数" in header and "表二·规章·本年新制作数量" in header
    assert len(header) == 7 + len(summary_columns(items)) == len(set(header))
    assert len(rows) == 1 + len(items)
    for (report, findings), row in zip(items, rows[1:]):
        assert row[0] == report.path and row[2] == report.year
        assert row[4] == sum(f.severity == "error" for f in findings)
        assert row[5] == sum(f.severity == "warning" for f in findings)
        by_title = dict(zip(header, row))
        assert by_title["表三·本年新收·总计"] == report.value("table3", "new", "total")
    assert rows[-1][6] == "文件已损坏"
    issues = list(wb["问题清单"].iter_rows(values_only=True))
    assert issues[0] == ("文件", "单位", "年度", "表", "行", "列", "规则", "严重程度", "说明")
    assert len(issues) - 1 == sum(len(f) for _, f in items)
    assert wb["全部数据"].freeze_panes == "C2"

    listed = list(wb["汇总"].iter_rows(values_only=True))
    assert listed[0] == ("序号", "单位", "年度", "表格格式", "错误", "警告", "提示", "主要问题", "文件")
    assert len(listed) == 1 + len(items)
    for i, ((report, findings), row) in enumerate(zip(items, listed[1:]), start=1):
        assert row[0] == i and row[1] == (report.agency or None) and row[-1] == report.path
        if report.error:
            assert row[4] is None and row[7] == "文件已损坏"
            continue
        assert row[4] == sum(f.severity == "error" for f in findings)
        for rule in {f.rule for f in findings}:
            assert RULE_NAMES[rule] in row[7]  # each rule by its Chinese name, with its count
        assert (
            row[7] == "未发现问题"
            if not findings
            else row[7].count("\n") == len({(f.severity, f.rule) for f in findings}) - 1
        )


def test_summary_of_a_thousand_reports_lists_each(seeds: dict[str, Report], tmp_path: Path) -> None:
    # Its time is the benchmark's figure ("summary workbook of 1000 reports"), not a test's.
    base = [(r, audit(r)) for r in seeds.values()]
    items = [base[i % len(base)] for i in range(1000)]
    write_summary(tmp_path / "big.xlsx", items)
    sheet = load_workbook(tmp_path / "big.xlsx", read_only=True).worksheets[0]
    agencies = [row[1] for row in sheet.iter_rows(values_only=True) if row and isinstance(row[0], int)]
    assert len(agencies) == 1000 and agencies[:5] == [r.agency for r, _ in base]


def test_check_command_writes_summary(tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(SAMPLES), "--xlsx", str(out)],
        check=False, cwd=ROOT, capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "问题清单", "单位排名", "问题规则", "年度", "热力图", "全部数据", "元数据"]
    assert wb["汇总"].max_row == 1 + len(SEEDS)
    _holds_the_overview(wb, SEEDS)


def _holds_the_overview(wb: Workbook, paths: list[Path]) -> None:
    """The summary's 概览 sheets hold `model.overview`'s figures of the same audit, with charts."""
    from model.excel.labels import rule_title
    from model.overview import overview
    from parsers.pipeline import audit_files

    o = overview([(a.report, a.findings) for a in audit_files([str(p) for p in paths])])
    rows = [list(r) for r in wb["单位排名"].iter_rows(min_row=2, max_col=7, values_only=True)]
    assert rows == [
        [
            name,
            int(a["rank"]),
            int(a["reports"]),
            int(a["errors"]),
            int(a["warnings"]),
            int(a["infos"]),
            int(a["problems"]),
        ]
        for name, a in o.agencies.iterrows()
    ]
    assert sum(r[2] for r in rows) == len(paths)
    rules = {r[0]: (r[2], r[3]) for r in wb["问题规则"].iter_rows(min_row=2, max_col=4, values_only=True)}
    assert rules == {rule_title(str(k)): (int(v["findings"]), int(v["reports"])) for k, v in o.rules.iterrows()}
    years = {r[0]: list(r[1:4]) for r in wb["年度"].iter_rows(min_row=2, max_col=4, values_only=True)}
    assert years == {
        int(str(y)): [
            int(v["reports"]),
            None if v.isna()["new"] else int(v["new"]),
            None if v.isna()["granted"] else int(v["granted"]),
        ]
        for y, v in o.years.iterrows()
    }
    heat = wb["热力图"]
    assert [c.value for c in heat[1][1:]] == [rule_title(str(r)) for r in o.heat.columns]
    for r, name in enumerate(o.heat.index, start=2):
        assert [c.value for c in heat[r]] == [name] + [int(v) for v in o.heat.loc[name]]
    assert heat.conditional_formatting
    assert all(len(wb[name]._charts) == 1 for name in ("单位排名", "问题规则", "年度"))


def test_summary_of_one_report_has_no_overview(seeds: dict[str, Report], tmp_path: Path) -> None:
    report = next(iter(seeds.values()))
    out = tmp_path / "one.xlsx"
    write_summary(out, [(report, audit(report))])
    assert load_workbook(out).sheetnames == ["汇总", "问题清单", "全部数据", "元数据"]


def test_meta_corrections_in_the_change_log(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import datetime as _dt

    from model.changes import Change as _Change
    from model.excel.workbook import read_report_workbook as _read
    from model.excel.workbook import write_report as _write
    from model.rules import audit as _audit
    from model.workspace import META_TABLE
    from parsers import load_report as _load
    from tests.conftest import sample as _sample

    report = _load(_sample("003"))
    report.set_meta("agency", "江苏省人社厅")
    change = _Change(
        META_TABLE, "agency", "", "江苏省人力资源和社会保障厅", "江苏省人社厅", _dt.datetime(2026, 1, 2, 3, 4)
    )
    out = tmp_path / "meta.xlsx"
    _write(out, report, _audit(report), [change])
    back, changes = _read(out)
    assert back.agency == "江苏省人社厅"
    assert changes == [change]
