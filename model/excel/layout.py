"""Where each table's headers, labels and figures go on its worksheet, as on the official form.

A layout is plain data (1-based rows and columns, merges as row/column spans) computed
from the schema, so the writer only styles and fills it and the reader knows where every
cell id sits. Rows 1 and 2 are left for the sheet's title and the report's details.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from model.excel.labels import form_text
from model.schema import TABLE2, TABLE3, TABLE4, TABLE_TITLES, TableSchema

TOP = 3  # first row of the table itself

HEADER = "header"
LABEL = "label"
GROUP = "group"

T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANTS = "申请人情况"
T3_ORGS = "法人或其他组织"
T2_CONTENT = "信息内容"

_SUB_GROUP = re.compile(r"^\([一二三四五六七八九十]+\)")


@dataclass(frozen=True)
class Block:
    """A text cell of the layout (header, row label or block title), merged over rows × cols."""

    row: int
    col: int
    text: str
    kind: str
    rows: int = 1
    cols: int = 1


@dataclass
class Layout:
    """One table on its sheet: text blocks, the position of every figure, sizes and the rows printed on every page."""

    table: str
    title: str
    width: int  # columns used
    blocks: list[Block] = field(default_factory=list)
    # (row id, col id) -> (sheet row, sheet col, columns merged)
    cells: dict[tuple[str, str], tuple[int, int, int]] = field(default_factory=dict)
    col_widths: dict[int, float] = field(default_factory=dict)
    freeze: tuple[int, int] = (TOP, 1)  # first unfrozen row and column
    title_rows: tuple[int, int] = (TOP, TOP)  # rows repeated on every printed page

    @property
    def last_row(self) -> int:
        rows = [b.row + b.rows - 1 for b in self.blocks] + [r for r, _, _ in self.cells.values()]
        return max(rows, default=TOP)


def table_layout(schema: TableSchema) -> Layout:
    if schema.table == TABLE2:
        return _table2(schema)
    if schema.table == TABLE3:
        return _table3(schema)
    if schema.table == TABLE4:
        return _table4(schema)
    raise KeyError(schema.table)


def _table2(schema: TableSchema) -> Layout:
    """Blocks 第二十条第（一）项 …, each with its own header row 信息内容 | columns."""
    lay = Layout(TABLE2, TABLE_TITLES[TABLE2], width=4, freeze=(TOP, 1), title_rows=(1, 2))
    lay.col_widths = {1: 26, 2: 20, 3: 20, 4: 20}
    r = TOP
    groups: list[str] = []
    for row in schema.rows:
        if row.group not in groups:
            groups.append(row.group)
    for group in groups:
        rows = [row for row in schema.rows if row.group == group]
        cols = rows[0].cols
        span = 3 if len(cols) == 1 else 1  # a single figure spans the three value columns
        lay.blocks.append(Block(r, 1, form_text(group), GROUP, cols=4))
        lay.blocks.append(Block(r + 1, 1, T2_CONTENT, HEADER))
        for j, col in enumerate(cols):
            lay.blocks.append(Block(r + 1, 2 + j, _col(schema, col), HEADER, cols=span))
        r += 2
        for row in rows:
            lay.blocks.append(Block(r, 1, form_text(row.label), LABEL))
            for j, col in enumerate(row.cols):
                lay.cells[(row.id, col)] = (r, 2 + j, span)
            r += 1
    return lay


def _table3(schema: TableSchema) -> Layout:
    """Three label columns (一、… / （三）不予公开 / 1.…) and the 申请人情况 header over seven."""
    lay = Layout(TABLE3, TABLE_TITLES[TABLE3], width=10, freeze=(TOP + 3, 4))
    lay.title_rows = (TOP, TOP + 2)
    lay.col_widths = {1: 12.0, 2: 14.0, 3: 40.0} | {c: 10.0 for c in range(4, 11)}
    cols = schema.all_cols()  # natural_person, five organisations, total
    lay.blocks += [
        Block(TOP, 1, T3_CORNER, HEADER, rows=3, cols=3),
        Block(TOP, 4, T3_APPLICANTS, HEADER, cols=7),
        Block(TOP + 1, 4, _col(schema, cols[0]), HEADER, rows=2),
        Block(TOP + 1, 5, T3_ORGS, HEADER, cols=5),
        Block(TOP + 1, 10, _col(schema, cols[-1]), HEADER, rows=2),
    ]
    for j, col in enumerate(cols[1:-1]):
        lay.blocks.append(Block(TOP + 2, 5 + j, _col(schema, col), HEADER))
    first = TOP + 3
    result_group = next((row.group for row in schema.rows if row.group and not _SUB_GROUP.match(row.group)), "")
    result_rows: list[int] = []
    sub_runs: list[tuple[str, int, int]] = []  # (group, first row, count)
    for i, row in enumerate(schema.rows):
        r = first + i
        for j, col in enumerate(row.cols):
            lay.cells[(row.id, col)] = (r, 4 + j, 1)
        if not row.group:
            lay.blocks.append(Block(r, 1, form_text(row.label), LABEL, cols=3))
            continue
        result_rows.append(r)
        if _SUB_GROUP.match(row.group):
            if sub_runs and sub_runs[-1][0] == row.group and sub_runs[-1][1] + sub_runs[-1][2] == r:
                g, start, n = sub_runs[-1]
                sub_runs[-1] = (g, start, n + 1)
            else:
                sub_runs.append((row.group, r, 1))
            lay.blocks.append(Block(r, 3, form_text(row.label), LABEL))
        else:
            lay.blocks.append(Block(r, 2, form_text(row.label), LABEL, cols=2))
    if result_rows:
        lay.blocks.append(Block(result_rows[0], 1, form_text(result_group), LABEL, rows=len(result_rows)))
    for group, start, n in sub_runs:
        lay.blocks.append(Block(start, 2, form_text(group), LABEL, rows=n))
    return lay


def _table4(schema: TableSchema) -> Layout:
    """One line of fifteen figures under 行政复议 | 行政诉讼（未经复议直接起诉 | 复议后起诉）."""
    lay = Layout(TABLE4, TABLE_TITLES[TABLE4], width=15, freeze=(TOP + 3, 1))
    lay.title_rows = (TOP, TOP + 2)
    lay.col_widths = {c: 9.5 for c in range(1, 16)}
    data_row = TOP + 3
    litigation = [row for row in schema.rows if row.group != row.label]
    if litigation:
        lay.blocks.append(Block(TOP, 6, form_text(litigation[0].group), HEADER, cols=5 * len(litigation)))
    for i, row in enumerate(schema.rows):
        c0 = 1 + 5 * i
        if row.group == row.label:
            lay.blocks.append(Block(TOP, c0, form_text(row.label), HEADER, rows=2, cols=len(row.cols)))
        else:
            lay.blocks.append(Block(TOP + 1, c0, form_text(row.label), HEADER, cols=len(row.cols)))
        for j, col in enumerate(row.cols):
            lay.blocks.append(Block(TOP + 2, c0 + j, _col(schema, col), HEADER))
            lay.cells[(row.id, col)] = (data_row, c0 + j, 1)
    return lay


def _col(schema: TableSchema, col: str) -> str:
    return form_text(schema.col_labels.get(col, col))
