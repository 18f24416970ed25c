"""How a table's schema is laid out as grid rows: `DisplayRow` and `grid_layout`.

表三 and 表四 are plain grids: one grid row per schema row, one grid column per column id.
表二 is drawn as on the official form: its blocks (第二十条第(一)项, (五), …) each start
with a header row that holds the block's own column labels, and their rows follow with
their values in the first columns; the grid is only as wide as the widest block. A grid
column therefore means a different column id in each block, and `DisplayRow.cols` says which.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.schema import TABLE2, Row, TableSchema


@dataclass(frozen=True)
class DisplayRow:
    """One grid row: a block header (`row` is None) or a schema row (`index` into its rows).

    `cols` maps each grid column to a column id, None where the row has no value there.
    A header row's `label` is its block's name and its `cols` are the block's columns.
    """

    label: str
    cols: tuple[str | None, ...]
    row: Row | None = None
    index: int = -1

    @property
    def is_header(self) -> bool:
        return self.row is None


def _blocks(schema: TableSchema) -> list[tuple[str, list[int]]]:
    """Consecutive rows of the same group, as (group, row indexes)."""
    blocks: list[tuple[str, list[int]]] = []
    for i, row in enumerate(schema.rows):
        if blocks and blocks[-1][0] == row.group:
            blocks[-1][1].append(i)
        else:
            blocks.append((row.group, [i]))
    return blocks


def _block_cols(schema: TableSchema, indexes: list[int]) -> list[str]:
    cols: list[str] = []
    for i in indexes:
        for col in schema.rows[i].cols:
            if col not in cols:
                cols.append(col)
    return cols


def grid_layout(schema: TableSchema | None) -> tuple[list[DisplayRow], int]:
    """The grid rows of `schema` and its number of columns (([], 0) without a schema)."""
    if schema is None:
        return [], 0
    if schema.table != TABLE2:
        plain = tuple(schema.all_cols())
        return [DisplayRow(row.label, plain, row, i) for i, row in enumerate(schema.rows)], len(plain)
    blocks = [(group, indexes, _block_cols(schema, indexes)) for group, indexes in _blocks(schema)]
    width = max(len(cols) for _group, _indexes, cols in blocks)
    rows: list[DisplayRow] = []
    for group, indexes, cols in blocks:
        padded: tuple[str | None, ...] = tuple(cols) + (None,) * (width - len(cols))
        rows.append(DisplayRow(group, padded))
        for i in indexes:
            row = schema.rows[i]
            rows.append(DisplayRow(row.label, padded, row, i))
    return rows, width
