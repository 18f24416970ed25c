"""Grids from cells with spans, and the text a grid is written into.

The HTML reader places a table's cells through `grid_from_rows` and writes it with
`TextBuilder.grid`; these cases pin the placing and the spans where a shortcut could
go wrong: free positions left of a span from above, the cell limit, and covered
positions in the middle of a row.
"""

from __future__ import annotations

import pytest

from model.errors import ReadError
from parsers.read.grid import (
    COVERED_INPLACE,
    MAX_GRID_CELLS,
    Grid,
    RenderOptions,
    TextBuilder,
    clean_line,
    grid_from_rows,
    grid_from_spans,
)


def test_free_positions_left_of_a_span_from_above_take_the_next_cells() -> None:
    grid = grid_from_spans([[("a", 1, 1), ("b", 1, 1), ("c", 2, 1)], [("d", 1, 1), ("e", 1, 1)]])
    assert grid.texts == [["a", "b", "c"], ["d", "e", ""]]
    assert grid.covered == [[False, False, False], [False, False, True]]


def test_a_free_position_no_cell_reaches_is_blank() -> None:
    grid = grid_from_spans([[("a", 1, 1), ("b", 2, 1)], []])
    assert grid.texts == [["a", "b"], ["", ""]]
    assert grid.covered == [[False, False], [False, True]]


def test_rows_given_with_their_spans_apart_make_the_same_grid() -> None:
    cells = [[("a", 2, 2), ("b", 1, 1)], [("c", 1, 1)], [("d", 1, 3)]]
    grid = grid_from_rows([(["a", "b"], [(0, 2, 2)]), (["c"], []), (["d"], [(0, 1, 3)])])
    assert grid == grid_from_spans(cells)
    assert grid.texts == [["a", "", "b"], ["", "", "c"], ["d", "", ""]]
    assert grid.covered == [[False, True, False], [True, True, False], [False, True, True]]


def test_cell_limit_counts_runs_of_plain_cells() -> None:
    assert grid_from_rows([(["x"] * MAX_GRID_CELLS, [])]).n_cols == MAX_GRID_CELLS
    with pytest.raises(ReadError):
        grid_from_rows([(["x"] * (MAX_GRID_CELLS // 2), []), (["x"] * (MAX_GRID_CELLS // 2 + 1), [])])


def test_covered_positions_in_the_middle_of_a_row() -> None:
    grid = Grid([["甲", "", "乙"], ["", "2", "3"]], [[False, True, False], [True, False, False]])
    trailing = TextBuilder()
    trailing.line("t")
    trailing.grid(grid)
    assert trailing.text() == "t\n甲 | 乙 |  |\n2 | 3 |  |\n"
    assert trailing.grids == [
        [[("甲", 2, 3), ("", 10, 10), ("乙", 6, 7)], [("", 21, 21), ("2", 13, 14), ("3", 17, 18)]]
    ]
    inplace = TextBuilder(RenderOptions(COVERED_INPLACE))
    inplace.line("t")
    inplace.grid(grid)
    assert inplace.text() == "t\n甲 |  | 乙\n|  | 2 | 3\n"
    assert inplace.grids == [[[("甲", 2, 3), ("", 6, 6), ("乙", 9, 10)], [("", 13, 13), ("2", 16, 17), ("3", 20, 21)]]]


def test_clean_line_with_the_line_break_after_it() -> None:
    assert clean_line("  段落 一\n") == "段落 一"
    assert clean_line("a\u200b  b\n") == "a b"
