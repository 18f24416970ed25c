"""Read 表四 (行政复议、行政诉讼情况) from a cell stream.

The table is usually printed as a two-level header followed by one row of 15 numbers:
行政复议 (5), 未经复议直接起诉 (5), 复议后起诉 (5). Some reports print three labelled rows
instead. Both are read; run-together digits are split only when each group's total holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.report import STATUS_UNCERTAIN, Cell
from model.schema import T4_COLS, TABLE4_SCHEMA
from parsers.cells import KIND_EMPTY, KIND_NUM, KIND_TEXT, CellToken
from parsers.rowread import TableRead, place_row, split_run_together, value_run

_ROW_LABELS = (
    ("review", re.compile(r"^行政复议(?:案件)?(?:数量)?$")),
    ("litigation_direct", re.compile(r"未经复议直接起诉|直接起诉")),
    ("litigation_after_review", re.compile(r"复议后起诉")),
)
_WIDTH = len(T4_COLS)
_ROWS = [row.id for row in TABLE4_SCHEMA.rows]


def _groups_balanced(values: list[int]) -> bool:
    return all(
        sum(values[k : k + _WIDTH - 1]) == values[k + _WIDTH - 1] for k in range(0, len(values), _WIDTH)
    )


def _labelled_rows(tokens: Sequence[CellToken]) -> dict[str, int]:
    """Row labels directly followed by numbers (the three-row layout)."""
    found: dict[str, int] = {}
    for i, tok in enumerate(tokens):
        if tok.kind != KIND_TEXT:
            continue
        for rid, pattern in _ROW_LABELS:
            if rid not in found and pattern.search(tok.key):
                run = value_run(tokens, i + 1)
                if sum(1 for t in run if t.kind == KIND_NUM) >= 3:
                    found[rid] = i
                break
    return found


def read_table4(tokens: Sequence[CellToken]) -> TableRead:
    read = TableRead()
    labelled = _labelled_rows(tokens)
    if len(labelled) == len(_ROWS):
        for rid, i in labelled.items():
            run = value_run(tokens, i + 1)
            place_row(read, rid, T4_COLS, run[:_WIDTH], check=_groups_balanced)
    else:
        block = _value_block(tokens)
        if block is None:
            return read
        run = block
        width = _WIDTH * len(_ROWS)
        filled = [t for t in run if t.kind != KIND_EMPTY]
        if len(run) < width and filled:
            # Run-together digits: split the whole block, then hand out rows of five.
            values, count = split_run_together(run, width, _groups_balanced)
            if values is not None or count > 1:
                for k, rid in enumerate(_ROWS):
                    chunk = values[k * _WIDTH : (k + 1) * _WIDTH] if values else None
                    _place_split(read, rid, filled, chunk, count)
                _finish(read)
                return read
        for k, rid in enumerate(_ROWS):
            place_row(read, rid, T4_COLS, run[k * _WIDTH : (k + 1) * _WIDTH])
    _finish(read)
    return read


def _place_split(read: TableRead, rid: str, filled: list[CellToken], chunk: list[int] | None, count: int) -> None:
    raw = " ".join(t.text for t in filled)
    span = (filled[0].start, filled[-1].end)
    for j, col in enumerate(T4_COLS):
        if chunk is not None:
            cell = Cell(chunk[j], raw, span, "ok", f"“{raw}”按勾稽关系拆分")
        else:
            cell = Cell(None, raw, span, STATUS_UNCERTAIN, f"“{raw}”数字粘连，有多种符合勾稽关系的拆分，需人工核对")
        cell.remember_parsed()
        read.cells[(rid, col)] = cell


def _finish(read: TableRead) -> None:
    spans = [c.span for c in read.cells.values() if c.span]
    if spans:
        read.span = (min(s[0] for s in spans), max(s[1] for s in spans))


def _drop_layout_blanks(run: list[CellToken], width: int) -> list[CellToken]:
    """Blanks beyond the table's width are layout: first trailing ones, then those that
    only mark a line break between two bars (`0 |\n| 0`) when the numbers fill the width."""
    run = list(run)
    while len(run) > width and run[-1].kind == KIND_EMPTY:
        run.pop()
    numbers = sum(1 for t in run if t.kind != KIND_EMPTY)
    if len(run) > width and numbers == width:
        run = [t for t in run if t.kind != KIND_EMPTY]
    return run


def _value_block(tokens: Sequence[CellToken]) -> list[CellToken] | None:
    """The longest run of value cells after the header: the one-row layout's 15 numbers."""
    best: list[CellToken] | None = None
    i = 0
    saw_header = False
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == KIND_TEXT:
            saw_header = saw_header or "维持" in tok.key or "总计" in tok.key
            i += 1
            continue
        if tok.kind == KIND_EMPTY:
            i += 1
            continue
        run = _drop_layout_blanks(value_run(tokens, i), _WIDTH * len(_ROWS))
        numbers = sum(1 for t in run if t.kind == KIND_NUM)
        if saw_header and numbers >= 1 and (best is None or numbers > sum(1 for t in best if t.kind == KIND_NUM)):
            best = run
        i += max(1, len(run))
    return best
