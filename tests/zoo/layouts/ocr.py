"""A PDF or a scan converted to Markdown by an OCR or PDF-to-Markdown tool.

表三 comes out as one small pipe table per row group under meaningless headers
(`数据1 … 数据7`); long row labels stand as free lines above value rows whose label cell is
empty, or are cut off (`…行政机关不再处理其政府信息公`); a group's label is cut into the
leading cells of its first rows (`| （三）不 | 4.保护第三方…`); header words come out in
fragments (`商业企科研机社会公法律服`); a lone page number stands on a line between two
tables; 表四 is a 6- or 12-cell header over its 15-cell data row.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tests.zoo.document import Break, Doc, Row
from tests.zoo.layouts.common import Rendered, flat_cells, report_parts, wrap


@dataclass(frozen=True)
class OcrStyle:
    t3_chunks: bool = True  # one small table per row group
    data_headers: bool = True  # the small tables' header is 数据1 … 数据N
    free_labels: bool = True  # long labels as free lines above an unlabelled row
    cut_labels: bool = False  # long labels lose their last characters
    group_cells: bool = True  # group labels cut into a leading cell of the group's rows
    header_fragments: bool = True
    stray_number: bool = True
    t4_header_cells: int = 6  # 6 or 12
    md_headings: bool = True


_LONG = 16


def md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def md_rule(n: int) -> str:
    return "|" + "---|" * n


def _chunks(items: list[Row | Break]) -> list[list[Row | Break]]:
    """表三's rows cut where the group changes (一/二, （一）（二）, （三）, （四） …)."""
    out: list[list[Row | Break]] = []
    key = None
    for item in items:
        if isinstance(item, Break):
            if not out:
                out.append([])
            out[-1].append(item)
            continue
        k = item.groups[1] if len(item.groups) > 1 else (item.groups[0] if item.groups else "top")
        if k != key or not out:
            out.append([])
            key = k
        out[-1].append(item)
    return out


def _t3(doc: Doc, style: OcrStyle, rng: random.Random) -> list[str]:
    labels = doc.t3_col_labels
    extra = [doc.t3_extra_col] if doc.t3_extra_col else []
    lines = ["表三 收到和处理政府信息公开申请情况" if rng.random() < 0.5 else doc.t3_note]
    if style.header_fragments:
        frag = "".join(x[:3] for x in labels[1:5])
        lines += [md_row(["申请人情况", "", ""]), md_rule(3), md_row([labels[0], frag, labels[6], *extra])]
    else:
        lines += [md_row(["", *labels, *extra]), md_rule(8 + len(extra))]
    width = 7 + len(extra)
    lead_cols = 2 if style.group_cells else 1
    chunks = _chunks(doc.t3_items) if style.t3_chunks else [doc.t3_items]
    for c, chunk in enumerate(chunks):
        free: list[str] = []
        rows: list[str] = []
        pieces: list[str] = []
        prev_group = None
        for item in chunk:
            if isinstance(item, Break):
                rows.append(item.footer)
                continue
            group = item.groups[1] if len(item.groups) > 1 else ""
            if group != prev_group:
                pieces = wrap(group, 4) if group else []
                prev_group = group
            label = item.label
            if len(label) > _LONG and style.free_labels:
                free += wrap(label, 20)
                label = ""
            elif len(label) > _LONG and style.cut_labels:
                label = label[: -rng.randint(1, 3)]
            lead = [pieces.pop(0) if pieces else ""] if style.group_cells else []
            rows.append(md_row([*lead, label, *flat_cells(item.cells)]))
        lines += free
        if style.data_headers:
            n = rng.choice((width - 1, width, width))
            lines.append(md_row([""] * lead_cols + [f"数据{i}" for i in range(1, n + 1)]))
            lines.append(md_rule(lead_cols + n))
        lines += rows
        if style.stray_number and c == len(chunks) // 2:
            lines.append(str(rng.randint(3, 9)))
    return lines


def _t2(doc: Doc) -> list[str]:
    lines: list[str] = []
    for block in doc.t2:
        n = 1 + len(block.col_labels)
        lines += [md_row([block.heading] + [""] * (n - 1)), md_rule(n), md_row(["信息内容", *block.col_labels])]
        if block.break_after_heading:
            lines.append(block.break_after_heading.footer)
        lines += [md_row([row.label, *flat_cells(row.cells)]) for row in block.rows]
    return lines


def _t4(doc: Doc, style: OcrStyle) -> list[str]:
    rows, cols = doc.t4_row_labels, doc.t4_col_labels
    if style.t4_header_cells == 6:
        head = [rows[0], "行政诉讼", rows[1], rows[2], cols[0], cols[1]]
    else:
        head = [rows[0], "行政诉讼", *cols, rows[1], rows[2], *cols[:3]]
    return [md_row(head), md_rule(len(head)), md_row(flat_cells(doc.t4_cells))]


def markdown(doc: Doc, rng: random.Random, style: OcrStyle) -> str:
    def table(n: int) -> list[str]:
        if n == 2:
            lines = _t2(doc)
        elif n == 3:
            lines = _t3(doc, style, rng)
        else:
            lines = _t4(doc, style)
        return ["\n".join(lines)]

    def heading(n: int, h: str) -> str:
        return ("## " if style.md_headings else "**") + h + ("" if style.md_headings else "**")

    parts = report_parts(doc, table, heading=heading)
    parts[0] = "# " + parts[0]
    return "\n\n".join(p for p in parts) + "\n"


def ocr(style: OcrStyle, suffix: str = ".md"):  # type: ignore[no-untyped-def]
    def render(doc: Doc, rng: random.Random) -> Rendered:
        return Rendered(markdown(doc, rng, style).encode("utf-8"), suffix)

    return render
