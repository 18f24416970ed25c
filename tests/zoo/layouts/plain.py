"""Tidy text layouts, like the seeds: one table row per line, cells apart.

The separator is ` | ` (as the program's own readers and the seeds write tables), a tab,
or spaces; `flatten` puts each table on one line (seed 004). The encodings and number
styles (Big5, full width, thousands separators) are applied on top by the registry.
"""

from __future__ import annotations

import random

from tests.zoo.document import Break, Doc, Row
from tests.zoo.layouts.common import Rendered, report_parts, segments


def row_cells_lines(lead: list[str], cells: list, sep: str) -> list[str]:
    """A row's line(s): the leading label cells and its figures; a break inside the row
    ends the line, stands as its footer on a line of its own, and the rest follows."""
    lines: list[str] = []
    current = list(lead)
    for seg in segments(cells):
        if isinstance(seg, Break):
            lines.append(sep.join(current))
            lines.append(seg.footer)
            current = []
        else:
            current += seg
    lines.append(sep.join(current))
    return lines


def t3_group_cells(rows: list[Row | Break]) -> list[tuple[Row | Break, list[str]]]:
    """Each item with the group label cells printed before its label: a group's label
    stands on its first row only (outer 三、本年度办理结果, then （三）不予公开 …)."""
    out: list[tuple[Row | Break, list[str]]] = []
    prev: tuple[str, ...] = ()
    for item in rows:
        if isinstance(item, Break):
            out.append((item, []))
            continue
        lead = [g for level, g in enumerate(item.groups) if level >= len(prev) or prev[level] != g]
        out.append((item, lead))
        prev = item.groups
    return out


def t2_lines(doc: Doc, sep: str) -> list[str]:
    lines: list[str] = []
    for block in doc.t2:
        lines.append(block.heading)
        lines.append(sep.join(["信息内容", *block.col_labels]))
        if block.break_after_heading:
            lines.append(block.break_after_heading.footer)
        for row in block.rows:
            lines += row_cells_lines([row.label], row.cells, sep)
    return lines


def t3_lines(doc: Doc, sep: str) -> list[str]:
    labels = doc.t3_col_labels
    extra = [doc.t3_extra_col] if doc.t3_extra_col else []
    lines = [
        sep.join([doc.t3_note, "申请人情况"]),
        sep.join([labels[0], "法人或其他组织", labels[6], *extra]),
        sep.join(labels[1:6]),
    ]
    for item, lead in t3_group_cells(doc.t3_items):
        if isinstance(item, Break):
            lines.append(item.footer)
        else:
            lines += row_cells_lines([*lead, item.label], item.cells, sep)
    return lines


def t4_lines(doc: Doc, sep: str, run: bool = False) -> list[str]:
    """表四's header lines and its figures; with `run`, the 15 figures as one run of digits."""
    cols = doc.t4_col_labels
    rows = doc.t4_row_labels
    figures = row_cells_lines([], doc.t4_cells, "" if run else sep)
    return [sep.join([rows[0], "行政诉讼"]), sep.join([*cols, rows[1], rows[2]]), sep.join(cols + cols), *figures]


def table_lines(doc: Doc, n: int, sep: str, t4_run: bool = False) -> list[str]:
    if n == 2:
        return t2_lines(doc, sep)
    if n == 3:
        return t3_lines(doc, sep)
    return t4_lines(doc, sep, t4_run)


def plain_text(doc: Doc, sep: str = " | ", flatten: bool = False, t4_run: bool = False) -> str:
    def table(n: int) -> list[str]:
        lines = table_lines(doc, n, sep, t4_run)
        return [sep.join(lines)] if flatten else lines

    return "\n".join(report_parts(doc, table)) + "\n"


def pipes(doc: Doc, rng: random.Random) -> Rendered:
    return Rendered(plain_text(doc).encode("utf-8"), ".txt")


def tabs(doc: Doc, rng: random.Random) -> Rendered:
    return Rendered(plain_text(doc, "\t").encode("utf-8"), ".txt")


def spaces(doc: Doc, rng: random.Random) -> Rendered:
    return Rendered(plain_text(doc, " ").encode("utf-8"), ".txt")


def flattened(doc: Doc, rng: random.Random) -> Rendered:
    return Rendered(plain_text(doc, " | ", flatten=True).encode("utf-8"), ".txt")


def t4_run(doc: Doc, rng: random.Random) -> Rendered:
    """Clean `|` rows, but 表四's 15 figures printed as one run of digits."""
    return Rendered(plain_text(doc, t4_run=True).encode("utf-8"), ".txt")
