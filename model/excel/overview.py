"""The overview (概览) of a batch as a workbook, with native Excel charts (openpyxl).

- 单位排名: agencies ranked by problems, a bar chart of the first twenty;
- 问题规则: findings per rule (named in Chinese), a bar chart;
- 年度: reports, applications received and their outcomes per year (表三 总计 summed),
  a column chart of applications received and granted;
- 热力图: agencies × rules, the count in each cell, shaded by a colour scale.

`add_overview_sheets(wb, o)` adds these sheets to any workbook, an ordinary one or one in
openpyxl's streaming (write-only) mode: the batch summary (`model.excel.summary`) carries
them when it holds more than one report.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter

from model.atomic import write_atomic
from model.excel.labels import formula_like, rule_title
from model.excel.style import BORDER, CENTER, HEADER_FILL, HEADER_FONT, LEFT, excel_value, print_setup
from model.messages import SEVERITY_NAMES
from model.overview import YEAR_FIGURES, Overview
from model.rollup import _number

YEAR_NAMES = {
    "new": "本年新收申请",
    "granted": "予以公开",
    "partial": "部分公开",
    "refused": "不予公开",
    "unable": "无法提供",
    "not_processed": "不予处理",
    "other": "其他处理",
    "total_processed": "办理结果总计",
}
CHART_AGENCIES = 20


def _table(ws: Any, header: list[str], rows: list[list[Any]], widths: Sequence[float]) -> None:
    """A header and rows from the first cell, written row by row (as a streaming sheet must)."""
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "B2"
    print_setup(ws, (1, 1))
    ws.append([_cell(ws, label, font=HEADER_FONT, fill=HEADER_FILL, alignment=CENTER) for label in header])
    for values in rows:
        ws.append([_cell(ws, v, alignment=LEFT if isinstance(v, str) else CENTER) for v in values])


def _cell(ws: Any, value: Any, **style: Any) -> Any:
    cell = WriteOnlyCell(ws, excel_value(value))
    if isinstance(cell.value, str) and formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    cell.border = BORDER
    for name, v in style.items():
        setattr(cell, name, v)
    return cell


def _bar(ws: Any, title: str, data_col: int, rows: int, anchor: str, *, horizontal: bool = True) -> None:
    if rows == 0:
        return
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.title = title
    chart.legend = None
    chart.add_data(Reference(ws, min_col=data_col, min_row=1, max_row=rows + 1), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=rows + 1))
    chart.height, chart.width = max(7.5, 0.5 * rows + 2), 16
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # the first row at the top
    ws.add_chart(chart, anchor)


def build_overview_workbook(o: Overview) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    add_overview_sheets(wb, o)
    return wb


def add_overview_sheets(wb: Workbook, o: Overview) -> None:
    """单位排名, 问题规则, 年度 and 热力图 (see the module's docstring), added at the end of `wb`."""
    ws = wb.create_sheet("单位排名")
    cols = ["rank", "reports", "errors", "warnings", "infos", "problems"]
    rows: list[list[Any]] = [[name] + [int(a[c]) for c in cols] for name, a in o.agencies.iterrows()]
    _table(ws, ["单位", "排名", "报告", "错误", "警告", "提示", "问题合计"], rows, [34, 6, 6, 6, 6, 6, 9])
    _bar(ws, "问题最多的单位", 7, min(len(rows), CHART_AGENCIES), "I2")

    ws = wb.create_sheet("问题规则")
    rows = [
        [
            rule_title(str(rule)),
            SEVERITY_NAMES.get(str(r["severity"]), str(r["severity"])),
            int(r["findings"]),
            int(r["reports"]),
        ]
        for rule, r in o.rules.iterrows()
    ]
    _table(ws, ["规则", "严重程度", "问题数", "涉及报告"], rows, [24, 9, 8, 9])
    _bar(ws, "各规则的问题数", 3, len(rows), "F2")

    ws = wb.create_sheet("年度")
    names = [name for name, _ in YEAR_FIGURES]
    rows = [[int(str(year)), int(y["reports"])] + [_number(y[n]) for n in names] for year, y in o.years.iterrows()]
    _table(ws, ["年度", "报告"] + [YEAR_NAMES[n] for n in names], rows, [8, 6] + [10] * len(names))
    if rows:
        chart = BarChart()
        chart.type = "col"
        chart.title = "各年度收到与公开的申请"
        chart.add_data(Reference(ws, min_col=3, max_col=4, min_row=1, max_row=len(rows) + 1), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(rows) + 1))
        ws.add_chart(chart, f"A{len(rows) + 4}")

    ws = wb.create_sheet("热力图")
    rules = [str(r) for r in o.heat.columns]
    rows = [[name] + [int(v) for v in o.heat.loc[name]] for name in o.heat.index]
    _table(ws, ["单位"] + [rule_title(r) for r in rules], rows, [34] + [10] * len(rules))
    if rows and rules:
        last = f"{get_column_letter(len(rules) + 1)}{len(rows) + 1}"
        ws.conditional_formatting.add(
            f"B2:{last}",
            ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF", end_type="max", end_color="F8696B"),
        )


def write_overview(path: str | os.PathLike[str], o: Overview) -> None:
    """The overview workbook, written atomically."""
    write_atomic(path, build_overview_workbook(o).save)
