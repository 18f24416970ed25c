"""Files with real table cells: web pages, Word documents, and PDFs LibreOffice renders
from them.

The three tables are laid out as the official forms are, merged cells and all (表三's
三、本年度办理结果 spans its rows, （三）不予公开 its eight, 表四's 行政诉讼 ten columns …),
once as a grid of (text, rowspan, colspan) that both the HTML and the Word writer use.
A PDF layout hands LibreOffice the Word or HTML file (`Rendered.soffice`); the cases
module converts all of them in one run, and skips them where LibreOffice is absent.
"""

from __future__ import annotations

import html
import io
import random
from dataclasses import dataclass

from tests.zoo.document import Doc
from tests.zoo.layouts.common import Rendered, report_parts

GridCell = tuple[str, int, int]  # text, rowspan, colspan
Grid = list[list[GridCell]]


def t2_grid(doc: Doc) -> Grid:
    width = 1 + max(len(b.col_labels) for b in doc.t2)
    grid: Grid = []
    for block in doc.t2:
        grid.append([(block.heading, 1, width)])
        labels = ["信息内容", *block.col_labels]
        head: list[GridCell] = [(t, 1, 1) for t in labels[:-1]] + [(labels[-1], 1, width - len(labels) + 1)]
        grid.append(head)
        for row in block.rows:
            cells = [row.label, *row.texts()]
            grid.append([(t, 1, 1) for t in cells[:-1]] + [(cells[-1], 1, width - len(cells) + 1)])
    return grid


def t3_grid(doc: Doc) -> Grid:
    labels = doc.t3_col_labels
    grid: Grid = [
        [(doc.t3_note, 3, 3), ("申请人情况", 1, 7)],
        [(labels[0], 2, 1), ("法人或其他组织", 1, 5), (labels[6], 2, 1)],
        [(x, 1, 1) for x in labels[1:6]],
    ]
    rows = doc.t3_rows()
    for i, row in enumerate(rows):
        out: list[GridCell] = []
        depth = len(row.groups)
        for level in range(depth):
            group = row.groups[level]
            if i and len(rows[i - 1].groups) > level and rows[i - 1].groups[: level + 1] == row.groups[: level + 1]:
                continue  # covered by the span above
            span = 1
            while i + span < len(rows) and rows[i + span].groups[: level + 1] == row.groups[: level + 1]:
                span += 1
            out.append((group, span, 1))
        out.append((row.label, 1, 3 - depth))
        out += [(t, 1, 1) for t in row.texts()[:7]]
        grid.append(out)
    return grid


def t4_grid(doc: Doc) -> Grid:
    rows, cols = doc.t4_row_labels, doc.t4_col_labels
    return [
        [(rows[0], 1, 5), ("行政诉讼", 1, 10)],
        [(c, 2, 1) for c in cols] + [(rows[1], 1, 5), (rows[2], 1, 5)],
        [(c, 1, 1) for c in cols + cols],
        [(t, 1, 1) for t in doc.t4_cells if isinstance(t, str)],
    ]


GRIDS = {2: t2_grid, 3: t3_grid, 4: t4_grid}


def positions(grid: Grid) -> tuple[list[tuple[int, int, int, int, str]], int, int]:
    """Each cell's (row, col, rowspan, colspan, text) on the full grid, and its size."""
    taken: set[tuple[int, int]] = set()
    out = []
    n_cols = 0
    for r, row in enumerate(grid):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, rs, cs, text))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            c += cs
            n_cols = max(n_cols, c)
    return out, len(grid), n_cols


# ---- HTML -------------------------------------------------------------------------------


@dataclass(frozen=True)
class HtmlStyle:
    chrome: bool = False  # a government site's page: navigation, breadcrumb, styled spans
    border: bool = True


def _html_cell(text: str, rs: int, cs: int, style: HtmlStyle) -> str:
    attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
    body = html.escape(text)
    if style.chrome:
        if len(text) > 14:
            body = body[:14] + "<br/>" + body[14:]
        body = f'<p style="text-align:center"><span style="font-family:仿宋_GB2312;font-size:14px">{body or "&nbsp;"}</span></p>'
    return f"<td{attrs}>{body}</td>"


def html_table(grid: Grid, style: HtmlStyle) -> str:
    border = ' border="1" cellspacing="0" cellpadding="0"' if style.border else ""
    rows = ["<tr>" + "".join(_html_cell(t, rs, cs, style) for t, rs, cs in row) + "</tr>" for row in grid]
    return f"<table{border}><tbody>" + "".join(rows) + "</tbody></table>"


def html_page(doc: Doc, rng: random.Random, style: HtmlStyle) -> str:
    def table(n: int) -> list[str]:
        return ["\x01" + html_table(GRIDS[n](doc), style)]

    def heading(n: int, h: str) -> str:
        return "\x02" + h

    parts = report_parts(doc, table, heading=heading)
    body = [f"<h1>{html.escape(parts[0])}</h1>"]
    for part in parts[1:]:
        if part.startswith("\x01"):
            body.append(part[1:])
        elif part.startswith("\x02"):
            h = html.escape(part[1:])
            body.append(f"<p><strong>{h}</strong></p>" if style.chrome else f"<h2>{h}</h2>")
        else:
            body.append(f"<p>{html.escape(part)}</p>")
    chrome_top = chrome_end = ""
    if style.chrome:
        chrome_top = (
            '<div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hdjl/">互动交流</a></div>'
            f'<div class="crumb">当前位置：<a href="/">首页</a> &gt; 政府信息公开 &gt; 年度报告</div>'
            f'<div class="info">发布时间：{doc.prose.date.isoformat()} 来源：{html.escape(doc.ts.agency)} '
            '字号：[ 大 中 小 ] [打印本页] [关闭窗口]</div><div class="TRS_Editor">'
        )
        chrome_end = '</div><div class="foot">主办单位：本机关办公室 | 网站地图 | 联系我们</div>'
    title = html.escape(doc.prose.title)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
        + chrome_top
        + "\n".join(body)
        + chrome_end
        + "</body></html>"
    )


def html_file(style: HtmlStyle):  # type: ignore[no-untyped-def]
    def render(doc: Doc, rng: random.Random) -> Rendered:
        return Rendered(html_page(doc, rng, style).encode("utf-8"), ".html")

    return render


# ---- Word -------------------------------------------------------------------------------


def docx_bytes(doc: Doc, ruled: bool = True) -> bytes:
    import docx

    document = docx.Document()

    def table(n: int) -> list[str]:
        return [f"\x01{n}"]

    parts = report_parts(doc, table, heading=lambda n, h: "\x02" + h)
    document.add_heading(parts[0], level=1)
    for part in parts[1:]:
        if part.startswith("\x01"):
            cells, n_rows, n_cols = positions(GRIDS[int(part[1:])](doc))
            t = document.add_table(rows=n_rows, cols=n_cols)
            if ruled:
                t.style = "Table Grid"
            # `Table.cell` walks the whole table on every call; the merged regions do not
            # overlap, so the cells listed once before any merge stay valid.
            grid = t._cells
            for r, c, rs, cs, text in cells:
                cell = grid[r * n_cols + c]
                cell.text = text
                if rs > 1 or cs > 1:
                    cell.merge(grid[(r + rs - 1) * n_cols + c + cs - 1])
        elif part.startswith("\x02"):
            document.add_heading(part[1:], level=2)
        else:
            document.add_paragraph(part)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def docx_file(ruled: bool = True):  # type: ignore[no-untyped-def]
    def render(doc: Doc, rng: random.Random) -> Rendered:
        return Rendered(docx_bytes(doc, ruled), ".docx")

    return render


def pdf_from(source):  # type: ignore[no-untyped-def]
    """A PDF that LibreOffice makes from what `source` renders (a .docx or .html)."""

    def render(doc: Doc, rng: random.Random) -> Rendered:
        made = source(doc, rng)
        return Rendered(made.data, ".pdf", soffice=made.suffix)

    return render
