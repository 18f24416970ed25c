"""A table's grid in the official form's layout: `FormGrid`, read from `model.excel.layout`.

The Excel writer and the grids share one definition of the form: `table_layout(schema)`
places every heading, row label and figure on a worksheet, with its merged cells. Here
that layout is put in grid terms. The rows the worksheet freezes (`Layout.freeze`) are the
column headings: they go to the grid's header (`ui.form_header`), drawn in levels with
their groups (表三: 申请人情况 over 自然人 | 法人或其他组织 (five) | 总计; 表四: 行政复议 |
行政诉讼 over 未经复议直接起诉 | 复议后起诉, each 结果维持 … 总计). Everything below them is
the grid's body: row labels in their own columns with their merges (表三's three levels),
表二's blocks with their heading rows, and the figures, a figure spanning columns where
the form gives it the width of several.

The grid shows whatever `report.schema(table)` returns, so a 2021 表三 printed with the
single （六）其他处理 row shows that row and the three sub-rows it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.excel.layout import GROUP, HEADER, LABEL, TOP, table_layout
from model.schema import Row, TableSchema

TOTAL_COL = "total"
TOTAL_ROWS = frozenset({"total_processed"})

__all__ = ["GROUP", "HEADER", "LABEL", "FormGrid", "Text", "form_grid"]


@dataclass(frozen=True)
class Text:
    """A text cell of the grid (heading, row label or block title), merged over rows × cols.

    In the header `row` is the heading level (0 at the top); in the body it is the grid row.
    `total` marks the heading of a 总计 column or the label of a 总计 row."""

    row: int
    col: int
    text: str
    kind: str  # HEADER, LABEL or GROUP (model.excel.layout)
    rows: int = 1
    cols: int = 1
    total: bool = False
    counted: bool = True  # False for the label of a row the report does not print


@dataclass(frozen=True)
class FormGrid:
    """One table of one form, in grid terms (0-based rows and columns)."""

    table: str
    width: int  # grid columns
    height: int  # body rows
    levels: int  # heading levels in the header (0: the body carries its own headings)
    header: tuple[Text, ...]
    texts: dict[tuple[int, int], Text]  # body text cells by their top-left place
    values: dict[tuple[int, int], tuple[str, str]]  # figure places -> (row id, col id)
    places: dict[tuple[str, str], tuple[int, int]]  # (row id, col id) -> figure place
    spans: tuple[tuple[int, int, int, int], ...]  # (row, col, rows, cols) of every merge in the body
    covered: frozenset[tuple[int, int]]  # places under a merge, other than its top-left
    rows: dict[int, Row]  # body row -> the schema row whose figures it holds
    label_cols: tuple[int, ...]  # columns that hold no figure
    total_cols: frozenset[int]
    total_rows: frozenset[int]

    def text_at(self, row: int, col: int) -> Text | None:
        return self.texts.get((row, col))

    def value_cols(self) -> list[int]:
        return [c for c in range(self.width) if c not in self.label_cols]


_GRIDS: dict[int, tuple[TableSchema, FormGrid]] = {}


def form_grid(schema: TableSchema | None) -> FormGrid | None:
    """The grid of `schema` (None without one); worked out once per schema."""
    if schema is None:
        return None
    known = _GRIDS.get(id(schema))
    if known is not None and known[0] is schema:
        return known[1]
    grid = _make(schema)
    _GRIDS[id(schema)] = (schema, grid)  # the schema is kept, so its id is not reused
    return grid


def _make(schema: TableSchema) -> FormGrid:
    layout = table_layout(schema)
    body_top = layout.freeze[0]  # the first sheet row below the headings
    levels = body_top - TOP
    values: dict[tuple[int, int], tuple[str, str]] = {}
    places: dict[tuple[str, str], tuple[int, int]] = {}
    spans: list[tuple[int, int, int, int]] = []
    rows: dict[int, Row] = {}
    by_id = {row.id: row for row in schema.rows}
    for (row_id, col_id), (r, c, span) in layout.cells.items():
        place = (r - body_top, c - 1)
        values[place] = (row_id, col_id)
        places[(row_id, col_id)] = place
        rows[place[0]] = by_id[row_id]
        if span > 1:
            spans.append((place[0], place[1], 1, span))
    value_cols = {c for _, c in values}
    total_cols = frozenset(c for (r, c), (_, col_id) in values.items() if col_id == TOTAL_COL)
    total_rows = frozenset(r for r, row in rows.items() if row.id in TOTAL_ROWS)
    uncounted = {r for r, row in rows.items() if not row.counted}
    header: list[Text] = []
    texts: dict[tuple[int, int], Text] = {}
    for block in layout.blocks:
        cols = frozenset(range(block.col - 1, block.col - 1 + block.cols))
        if block.row < body_top:
            total = bool(cols) and cols <= total_cols
            header.append(Text(block.row - TOP, block.col - 1, block.text, block.kind, block.rows, block.cols, total))
            continue
        r = block.row - body_top
        body_rows = frozenset(range(r, r + block.rows))
        text = Text(
            r,
            block.col - 1,
            block.text,
            block.kind,
            block.rows,
            block.cols,
            total=block.kind == LABEL and body_rows <= total_rows,
            counted=not (block.kind == LABEL and body_rows <= uncounted),
        )
        texts[(r, block.col - 1)] = text
        if block.rows > 1 or block.cols > 1:
            spans.append((r, block.col - 1, block.rows, block.cols))
    covered = {(r + i, c + j) for r, c, n_rows, n_cols in spans for i in range(n_rows) for j in range(n_cols) if i or j}
    height = layout.last_row - body_top + 1
    return FormGrid(
        table=schema.table,
        width=layout.width,
        height=max(height, 0),
        levels=levels,
        header=tuple(header),
        texts=texts,
        values=values,
        places=places,
        spans=tuple(spans),
        covered=frozenset(covered),
        rows=rows,
        label_cols=tuple(c for c in range(layout.width) if c not in value_cols),
        total_cols=total_cols,
        total_rows=total_rows,
    )
