"""Shared steps of reading a table from a cell stream: value runs and run-together digits.

A row's values are the cells that follow its label up to the next label. A run of digits
printed with no separator (`713000074`) can only be split by the table's own arithmetic:
every split into the expected number of cells is tried, and only a unique split that
satisfies the arithmetic is used.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from model.report import STATUS_BLANK, STATUS_OK, STATUS_UNCERTAIN, Cell, LabelIssue
from parsers.cells import KIND_EMPTY, KIND_TEXT, CellToken, is_value_like
from parsers.values import parse_value

_DIGITS = re.compile(r"^\d{2,}$")
MAX_SPLITS = 200_000


@dataclass
class TableRead:
    """What one table reader found: cells, label issues, absent rows/cols, its span."""

    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    label_issues: list[LabelIssue] = field(default_factory=list)
    missing_rows: list[str] = field(default_factory=list)
    missing_cols: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None

    @property
    def found(self) -> bool:
        return bool(self.cells)


def value_run(tokens: Sequence[CellToken], start: int, stop: int | None = None) -> list[CellToken]:
    """The value-like cells from `start` up to the next text cell (or `stop`)."""
    out: list[CellToken] = []
    end = len(tokens) if stop is None else min(stop, len(tokens))
    # By index: a run is a few cells, and a slice would copy the rest of the table first.
    for k in range(start, end):
        tok = tokens[k]
        if tok.kind == KIND_TEXT and not is_value_like(tok):
            break
        out.append(tok)
    return out


def _splits(digits: str, parts: int) -> list[list[int]]:
    """Every way to cut `digits` into `parts` numbers without leading zeros."""
    n = len(digits)
    if parts > n:
        return []
    out = []
    for cuts in itertools.combinations(range(1, n), parts - 1):
        bounds = (0, *cuts, n)
        pieces = [digits[a:b] for a, b in itertools.pairwise(bounds)]
        if any(len(p) > 1 and p[0] == "0" for p in pieces):
            continue
        out.append([int(p) for p in pieces])
        if len(out) > MAX_SPLITS:
            break
    return out


def split_run_together(
    run: Sequence[CellToken], width: int, check: Callable[[list[int]], bool]
) -> tuple[list[int] | None, int]:
    """Split digit runs in `run` so it gives `width` numbers satisfying `check`.

    Returns (values, number_of_valid_splits); values is set only for a unique split.
    """
    texts = [t.text.replace(",", "") for t in run if t.kind != KIND_EMPTY]
    if not texts or not all(t.isdigit() for t in texts) or len(texts) >= width:
        return None, 0
    if not any(_DIGITS.match(t) for t in texts):
        return None, 0
    lens = [len(t) for t in texts]
    extra = width - len(texts)
    valid: list[list[int]] = []
    # Distribute the extra cells over the tokens, each token taking at most len-1 more.
    for alloc in _allocations(extra, [n - 1 for n in lens]):
        options = [_splits(t, k + 1) for t, k in zip(texts, alloc)]
        for combo in itertools.product(*options):
            values = [v for part in combo for v in part]
            if check(values):
                valid.append(values)
                if len(valid) > 1:
                    return None, len(valid)
    return (valid[0], 1) if len(valid) == 1 else (None, len(valid))


def _allocations(total: int, caps: list[int]) -> list[tuple[int, ...]]:
    if not caps:
        return [()] if total == 0 else []
    out = []
    for k in range(min(total, caps[0]) + 1):
        for rest in _allocations(total - k, caps[1:]):
            out.append((k, *rest))
    return out


def place_row(
    read: TableRead,
    row: str,
    cols: Sequence[str],
    run: Sequence[CellToken],
    *,
    check: Callable[[list[int]], bool] | None = None,
    money_cols: dict[str, str] | None = None,
) -> None:
    """Put a row's value run into `read.cells`, splitting run-together digits if needed."""
    width = len(cols)
    if check is not None and len(run) < width:
        filled = [t for t in run if t.kind != KIND_EMPTY]
        if filled and _place_split(read, row, cols, run, filled, check):
            return
    cells = read.cells
    units = money_cols or {}
    for col, (text, _, start, end) in zip(cols, run):
        unit = units.get(col)
        # Cells are made with their parsed value remembered (as `remember_parsed` would do):
        # a report has hundreds, most of them plain counts.
        if unit is None and text.isdigit() and text.isascii():
            value = int(text)
            cells[(row, col)] = Cell(value, text, (start, end), STATUS_OK, "", value, STATUS_OK)
            continue
        parsed = parse_value(text, money=unit is not None, header_unit=unit or "万元")
        cells[(row, col)] = Cell(parsed.value, text, (start, end), parsed.status, parsed.note, parsed.value, parsed.status)
    for col in cols[len(run) :]:
        cells[(row, col)] = Cell(None, "", None, STATUS_BLANK, "", None, STATUS_BLANK)


def _place_split(
    read: TableRead,
    row: str,
    cols: Sequence[str],
    run: Sequence[CellToken],
    filled: list[CellToken],
    check: Callable[[list[int]], bool],
) -> bool:
    """A short run of run-together digits, split by the arithmetic (or marked ambiguous);
    False when no split applies and the run is placed as it stands."""
    values, count = split_run_together(run, len(cols), check)
    span = (filled[0].start, filled[-1].end)
    raw = " ".join(t.text for t in filled)
    if values is not None:
        for col, v in zip(cols, values):
            cell = Cell(v, raw, span, "ok", f"“{raw}”按勾稽关系拆分")
            cell.remember_parsed()
            read.cells[(row, col)] = cell
        return True
    if count > 1:
        for col in cols:
            note = f"“{raw}”数字粘连，有多种符合勾稽关系的拆分，需人工核对"
            cell = Cell(None, raw, span, STATUS_UNCERTAIN, note)
            cell.remember_parsed()
            read.cells[(row, col)] = cell
        return True
    return False
