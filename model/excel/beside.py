"""The workbook of a report beside the roll-up of others (`model.rollup.Beside`).

Per table one sheet in the official layout (`model.excel.layout`) widened as the roll-up's
(`beside_layout`): the report's own figure in each cell of the form and, at its right, the
sum of the others, the difference (report − sum) and the reports behind the sum; cells
that differ are filled orange and say so in words, cells the two forms do not share are
grey and not compared. 差异 lists the differing cells; 说明 names the report, the reports
summed, those left out and the rows the forms do not share.
"""

from __future__ import annotations

import os

from openpyxl import Workbook

from model.atomic import write_atomic
from model.excel.labels import cell_title, form_col, short_row
from model.excel.layout import table_layout
from model.excel.rollup import LEFT_REASONS, _list_sheet, beside_layout, layout_sheet
from model.excel.style import MISSING_FILL, WARNING_FILL
from model.messages import FORMAT_NAMES, TABLE_SHORT, fmt_num
from model.report import Number
from model.rollup import FORMS, SHARED, Beside, shared_cells, unshared_rows
from model.schema import table_schema

Value = int | float | str | None
DIFF_FILL = WARNING_FILL


def signed(value: Number | None) -> str:
    """+3, −2, 0; "" for no figure."""
    if value is None:
        return ""
    if value == 0:
        return "0"
    return ("+" if value > 0 else "") + fmt_num(value).replace("-", "−")


def unshared_names() -> dict[str, list[str]]:
    """{form: ["表二 规章", "表二 行政许可（上一年项目数量、本年增/减）", …]}: what a roll-up over
    the shared cells leaves out, a row named alone when none of its cells is shared."""
    _, only = shared_cells()
    out: dict[str, list[str]] = {}
    for fmt, tables in unshared_rows(FORMS).items():
        for table, rows in tables.items():
            schema = table_schema(table, fmt)
            assert schema is not None
            for row in rows:
                cols = schema.row(row).cols
                left = [c for c in cols if (table, row, c) in only]
                name = f"{TABLE_SHORT[table]} {short_row(table, fmt, row)}"
                if len(left) < len(cols):
                    name += "（" + "、".join(form_col(table, fmt, c) for c in left) + "）"
                out.setdefault(fmt, []).append(name)
    return out


def beside_note(seen: Beside, table: str, row: str, col: str) -> str:
    """The words beside a figure: 合计12（3份）差+2, or why nothing was compared."""
    if not seen.shown(table, row, col):
        return "两种表式不共有"
    total = seen.rollup.value(table, row, col)
    n = seen.rollup.count(table, row, col)
    text = f"合计{fmt_num(total)}（{n}份）" if total is not None else "其他报告均空白"
    diff = seen.diff(table, row, col)
    if diff is not None:
        text += "，一致" if diff == 0 else f"，不一致：差{signed(diff)}"
    return text


def _title(seen: Beside) -> str:
    r = seen.report
    return f"{r.agency or os.path.basename(r.path)} {r.year or ''}".strip()


def build_beside_workbook(seen: Beside) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    rollup, report = seen.rollup, seen.report
    form = "两种表式共有单元格" if rollup.format == SHARED else FORMAT_NAMES.get(rollup.format, rollup.format)
    for table, schema in rollup.schemas.items():
        lay, notes = beside_layout(table_layout(schema))
        ws = wb.create_sheet(f"{TABLE_SHORT[table]} 对照")
        details = (
            f"本报告：{_title(seen)}　　对照：其他 {rollup.reports} 份报告的合计（{form}）　　"
            "每格为本报告的数字，右侧为其他报告的合计（计入份数）与差额（本报告−合计）；橙色为不一致"
        )
        if rollup.format == SHARED:
            details += "；灰色为两种表式不共有，未对照"

        def value(row: str, col: str, table: str = table) -> Value:
            return seen.own_value(table, row, col) if seen.shown(table, row, col) else "—"

        def note(row: str, col: str, table: str = table) -> Value:
            return beside_note(seen, table, row, col)

        def fill(row: str, col: str, table: str = table) -> object:
            if not seen.shown(table, row, col):
                return MISSING_FILL
            return DIFF_FILL if seen.diff(table, row, col) else None

        layout_sheet(ws, lay, f"{lay.title}（对照合计）", details, value, note, notes, fill)
    fmt = report.format
    rows: list[list[object]] = [
        [cell_title(t, fmt, r, c), own, total, signed(diff), rollup.count(t, r, c)]
        for (t, r, c), own, total, diff in seen.differing()
    ]
    _list_sheet(
        wb.create_sheet("差异"),
        ["单元格", "本报告", "其他报告合计", "差额", "计入份数"],
        [36.0, 10.0, 12.0, 10.0, 10.0],
        rows,
    )
    about: list[list[object]] = [[os.path.basename(report.path), "本报告", report.path]]
    about += [[os.path.basename(p), "计入合计", p] for p in rollup.paths]
    about += [[os.path.basename(p), "未计入：" + LEFT_REASONS.get(why, why), p] for p, why in seen.left_out]
    if rollup.format == SHARED:
        for f, names in unshared_names().items():
            about.append([FORMAT_NAMES.get(f, f), "两种表式不共有，未对照", "、".join(names)])
    _list_sheet(wb.create_sheet("说明"), ["文件", "情况", "路径"], [30.0, 30.0, 70.0], about)
    return wb


def write_beside(path: str | os.PathLike[str], seen: Beside) -> None:
    """The workbook, written atomically."""
    write_atomic(path, build_beside_workbook(seen).save)
