"""The printed audit of one report, as HTML for a `QTextDocument`: what goes on paper.

In order: the title with the agency, the year and the date; the report's details and
counts; the legend of the marks; 表二, 表三 and 表四 in the form's layout (the one
`model.excel.layout` gives the workbook and the grids), each figure with its mark's colour;
the findings with their arithmetic and the rule's Chinese name; the change log.

The words are the workbook's: Chinese, whatever the window's language (the printed audit is
handed on like the workbook). Rules are named by `model.messages.RULE_NAMES`, never by id.
The colours are the window's (`ui.theme.MARK_BG`).
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Sequence
from pathlib import Path

from model import __version__
from model.changes import META_TABLE, Change
from model.excel.labels import cell_title, finding_place, rule_title, shown_value
from model.excel.layout import GROUP, HEADER, Layout, table_layout
from model.excel.marks import (
    MARK_BLANK,
    MARK_EDITED,
    MARK_ERROR,
    MARK_MEANINGS,
    MARK_MISSING,
    MARK_NAMES,
    MARK_UNCERTAIN,
    MARK_WARNING,
    CellKey,
    report_marks,
)
from model.findings import ERROR, INFO, WARNING, Finding
from model.messages import FORMAT_NAMES, SEVERITY_NAMES, fmt_num
from model.report import Report
from model.schema import TABLE3, TABLE4, TABLES
from ui import theme

TITLE = "政府信息公开工作年度报告审核结果"
LEGEND_ORDER = (MARK_ERROR, MARK_BLANK, MARK_WARNING, MARK_UNCERTAIN, MARK_EDITED, MARK_MISSING)
META_TITLES = {"agency": "机关名称", "year": "报告年度", "format": "表格格式"}
BORDER = "#8a8a8a"
GRID_POINTS = 8.5
PLACES_SHOWN = 2  # rows (columns) a finding's place names on paper before 等 N 行
HEADER_BG = "#eeeeee"
LABEL_BG = "#f8f8f8"
_SEVERITY_FG = {key: colour.name() for key, colour in theme.SEVERITY_FG.items()}


def e(text: object) -> str:
    """Text made safe for HTML (report text may hold anything)."""
    return html.escape("" if text is None else str(text))


def heading_line(report: Report) -> str:
    """`<agency> <year>年度报告`, as the title says whose audit this is."""
    agency = report.agency or Path(report.path).name
    year = f" {report.year}年度" if report.year else ""
    return f"{agency}{year}"


def footer_text(report: Report, printed_at: dt.datetime) -> str:
    """The line at the foot of each page (the page number is added by the painter)."""
    return f"{heading_line(report)} · {TITLE} · 打印于 {printed_at:%Y-%m-%d %H:%M}"


def audit_html(report: Report, findings: Sequence[Finding], changes: Sequence[Change], printed_at: dt.datetime) -> str:
    """The whole printed audit of `report` as HTML."""
    parts = [
        "<html><body>",
        f'<p align="center" style="font-size:15pt; font-weight:bold; margin:0">{e(TITLE)}</p>',
        f'<p align="center" style="font-size:11pt; margin-top:2px; margin-bottom:6px">{e(heading_line(report))}</p>',
        _details(report, findings, printed_at),
    ]
    if report.error:
        parts.append(f'<p style="color:{_SEVERITY_FG[ERROR]}">该文件无法读取：{e(report.error)}</p>')
    else:
        parts.append(_legend())
        parts.append(_tables(report, findings))
        parts.append(_findings(report, findings))
        parts.append(_changes(report, changes))
    parts.append("</body></html>")
    return "\n".join(parts)


def _table_open(padding: int = 2, points: float | None = None) -> str:
    size = f" font-size:{points}pt;" if points else ""
    return (
        f'<table border="1" cellspacing="0" cellpadding="{padding}" width="100%" '
        f'style="border-collapse:collapse; border-color:{BORDER}; border-style:solid;{size}">'
    )


def _section(title: str, new_page: bool = False) -> str:
    """A section's heading; `new_page` starts it on a new page (表三 is never cut in two: its
    labels merged over several rows would not survive the cut; 表四 stays with its heading)."""
    brk = " page-break-before:always;" if new_page else ""
    return f'<p style="font-size:11pt; font-weight:bold; margin-top:10px; margin-bottom:3px;{brk}">{e(title)}</p>'


def _details(report: Report, findings: Sequence[Finding], printed_at: dt.datetime) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in (ERROR, WARNING, INFO)}
    dates = []
    if report.signed_date:
        dates.append(f"落款 {report.signed_date:%Y-%m-%d}")
    if report.published_date:
        dates.append(f"发布 {report.published_date:%Y-%m-%d}")
    rows = [
        [
            ("单位", report.agency or "未识别", 28),
            ("报告年度", f"{report.year}年度" if report.year else "未识别", 12),
            ("表格格式", FORMAT_NAMES.get(report.format, report.format), 18),
            ("报告日期", "，".join(dates) or "未识别", 18),
        ],
        [
            ("源文件", os.path.basename(report.path), 28),
            ("打印日期", f"{printed_at:%Y-%m-%d %H:%M}", 12),
            ("审核发现", f"错误 {counts[ERROR]}，警告 {counts[WARNING]}，提示 {counts[INFO]}", 18),
            ("审核程序", f"年报审核助手 {__version__}", 18),
        ],
    ]
    out = [_table_open()]
    for row in rows:
        tds = "".join(
            f'<td width="6%" bgcolor="{HEADER_BG}">{e(key)}</td><td width="{width}%">{e(value)}</td>'
            for key, value, width in row
        )
        out.append(f"<tr>{tds}</tr>")
    out.append("</table>")
    return "".join(out)


def _legend() -> str:
    cells = []
    for mark in LEGEND_ORDER:
        colour = theme.MARK_BG[mark].name()
        sample = "?" if mark == MARK_UNCERTAIN else "&nbsp;"
        cells.append(
            f'<td width="2%" align="center" bgcolor="{colour}">{sample}</td>'
            f'<td width="14.6%"><b>{e(MARK_NAMES[mark])}</b>'
            f'<span style="font-size:7.5pt; color:#555">　{e(MARK_MEANINGS[mark])}</span></td>'
        )
    return (
        '<p style="font-size:9pt; font-weight:bold; margin-top:6px; margin-bottom:2px">'
        "图例（表格中单元格的底色即审核标记；修改过的数字另见“修改记录”）</p>"
        + _table_open()
        + "<tr>"
        + "".join(cells)
        + "</tr></table>"
    )


def _tables(report: Report, findings: Sequence[Finding]) -> str:
    marks = report_marks(report, findings)
    out = []
    shown = False
    for table in TABLES:
        schema = report.schema(table)
        if schema is None:
            continue
        shown = True
        lay = table_layout(schema)
        out.append(_section(lay.title, new_page=table in (TABLE3, TABLE4)))
        if not report.has_table(table):
            out.append(f'<p style="color:{_SEVERITY_FG[ERROR]}">报告中未找到本表。</p>')
            continue
        out.append(_grid(report, lay, marks))
    if not shown:
        fmt = FORMAT_NAMES.get(report.format, report.format)
        out.append(_section("统计表格"))
        out.append(f"<p>本报告的表格格式为“{e(fmt)}”，没有规定的统计表格可供核对。</p>")
    return "\n".join(out)


def _grid(report: Report, lay: Layout, marks: dict[CellKey, str]) -> str:
    """One table in the form's layout: headings and labels merged as on the form."""
    first = min([b.row for b in lay.blocks] + [r for r, _, _ in lay.cells.values()])
    last = lay.last_row
    total = sum(lay.col_widths.get(c, 9.0) for c in range(1, lay.width + 1))
    width = {c: round(100 * lay.col_widths.get(c, 9.0) / total, 1) for c in range(1, lay.width + 1)}
    starts: dict[tuple[int, int], str] = {}
    covered: set[tuple[int, int]] = set()

    def place(row: int, col: int, rows: int, cols: int, td: str) -> None:
        starts[(row, col)] = td
        for r in range(row, row + rows):
            for c in range(col, col + cols):
                if (r, c) != (row, col):
                    covered.add((r, c))

    for b in lay.blocks:
        bg = HEADER_BG if b.kind in (HEADER, GROUP) else LABEL_BG
        align = "left" if b.kind == GROUP or (b.kind != HEADER and (b.cols >= 2 or b.rows == 1)) else "center"
        weight = "bold" if b.kind in (HEADER, GROUP) else "normal"
        span = _span(b.rows, b.cols, width.get(b.col) if b.cols == 1 else None)
        td = f'<td{span} align="{align}" valign="middle" bgcolor="{bg}" style="font-weight:{weight}">{e(b.text)}</td>'
        place(b.row, b.col, b.rows, b.cols, td)
    for (row_id, col_id), (r, c, cols) in lay.cells.items():
        key = (lay.table, row_id, col_id)
        mark = marks.get(key, "")
        colour = theme.MARK_BG.get(mark)
        bg = f' bgcolor="{colour.name()}"' if colour is not None else ""
        text = _figure(report, key)
        place(
            r, c, 1, cols, f'<td{_span(1, cols, width.get(c) if cols == 1 else None)} align="center"{bg}>{e(text)}</td>'
        )
    rows = []
    for r in range(first, last + 1):
        tds = []
        for c in range(1, lay.width + 1):
            if (r, c) in starts:
                tds.append(starts[(r, c)])
            elif (r, c) not in covered:
                tds.append(f'<td width="{width[c]}%"></td>')
        rows.append("<tr>" + "".join(tds) + "</tr>")
    heads = lay.title_rows[1] - first + 1 if lay.title_rows[0] >= first else 0
    thead = "<thead>" + "".join(rows[:heads]) + "</thead>" if heads > 0 else ""
    # Compact, so that 表三 (up to 33 rows) fits a landscape page.
    return _table_open(padding=1, points=GRID_POINTS) + thead + "".join(rows[max(heads, 0) :]) + "</table>"


def _span(rows: int, cols: int, width: float | None) -> str:
    out = ""
    if rows > 1:
        out += f' rowspan="{rows}"'
    if cols > 1:
        out += f' colspan="{cols}"'
    if width is not None:
        out += f' width="{width}%"'
    return out


def _figure(report: Report, key: CellKey) -> str:
    """What a figure's cell shows on paper: as in the workbook (`shown_value`)."""
    value = shown_value(report.cell(*key))
    if value is None:
        return ""
    return fmt_num(value) if isinstance(value, (int, float)) else value


def _findings(report: Report, findings: Sequence[Finding]) -> str:
    out = [_section(f"审核发现的问题（{len(findings)} 项）")]
    if not findings:
        out.append("<p>未发现问题。</p>")
        return "".join(out)
    out.append(_table_open())
    out.append(
        f'<thead><tr bgcolor="{HEADER_BG}" style="font-weight:bold">'
        '<td width="4%" align="center">序号</td><td width="6%" align="center">严重程度</td>'
        '<td width="12%">规则</td><td width="20%">位置</td><td width="58%">说明</td></tr></thead>'
    )
    for i, f in enumerate(findings, start=1):
        table, row, col = finding_place(f, report.format, most=PLACES_SHOWN)
        where = "　".join(p for p in (table, row, col) if p) or ("正文" if f.source else "")
        severity = SEVERITY_NAMES.get(f.severity, f.severity)
        colour = _SEVERITY_FG.get(f.severity, "#000000")
        out.append(
            f'<tr><td align="center">{i}</td>'
            f'<td align="center" style="color:{colour}; font-weight:bold">{e(severity)}</td>'
            f"<td>{e(rule_title(f.rule))}</td><td>{e(where)}</td><td>{e(f.message)}</td></tr>"
        )
    out.append("</table>")
    return "".join(out)


def _changes(report: Report, changes: Sequence[Change]) -> str:
    out = [_section(f"修改记录（{len(changes)} 处）")]
    if not changes:
        out.append("<p>审核中未修改数字。</p>")
        return "".join(out)
    out.append(_table_open())
    out.append(
        f'<thead><tr bgcolor="{HEADER_BG}" style="font-weight:bold">'
        '<td width="5%" align="center">序号</td><td width="45%">单元格</td><td width="15%" align="center">原值</td>'
        '<td width="15%" align="center">新值</td><td width="20%" align="center">时间</td></tr></thead>'
    )
    for i, ch in enumerate(changes, start=1):
        if ch.table == META_TABLE:
            title = META_TITLES.get(ch.row, ch.row)
        else:
            title = cell_title(ch.table, report.format, ch.row, ch.col)
        out.append(
            f'<tr><td align="center">{i}</td><td>{e(title)}</td>'
            f'<td align="center">{e(_value(ch.old))}</td><td align="center">{e(_value(ch.new))}</td>'
            f'<td align="center">{ch.when:%Y-%m-%d %H:%M:%S}</td></tr>'
        )
    out.append("</table>")
    return "".join(out)


def _value(value: object) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt_num(value)
    if value in FORMAT_NAMES:
        return FORMAT_NAMES[str(value)]
    return str(value)
