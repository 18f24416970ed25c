"""What a table reader hands back, and the steps every table shares: reading a row's
values, settling the readings by the form's arithmetic, making the report's cells."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from model.report import Cell, LabelIssue, Uncertainty
from model.schema import Identity
from parsers.groups import candidates
from parsers.readings import NATURAL, NONE, RowReading, Shape, Value, read_row
from parsers.solve import Key, Pin, Run, solve, uncertain_cells
from parsers.stream import NUM, Token


@dataclass
class TableRead:
    """What one table reader found: cells, label issues, absent rows/cols, its span, and
    the cells it could not place with certainty."""

    cells: dict[Key, Cell] = field(default_factory=dict)
    label_issues: list[LabelIssue] = field(default_factory=list)
    missing_rows: list[str] = field(default_factory=list)
    missing_cols: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None
    uncertain: list[Uncertainty] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.cells)


def read_values(tokens: Sequence[Token], shape: Shape, money: dict[int, str] | None = None) -> RowReading:
    """The readings of a row's value tokens, layout blanks dropped as far as needed."""
    options = candidates(tokens, shape.width)
    for option in options:
        reading = read_row(option, shape, money=money)
        if reading.kind == NATURAL:
            return reading
    # Nothing reads as printed: the digits are split (blanks there are layout).
    reading = read_row(options[-1], shape, money=money)
    if reading.kind == NONE and not options[-1]:
        return read_row(options[0], shape, money=money)
    return reading


def run_together(tokens: Sequence[Token], width: int) -> bool:
    """Whether a row's figures may be digits printed together (fewer figures than cells,
    or a figure with a leading zero), rather than cells that are simply not there."""
    numbers = [t for t in tokens if t.kind == NUM]
    if any(t.text.isdigit() and len(t.text) > 1 and t.text[0] == "0" for t in numbers):
        return True
    return len(numbers) < width and any(sum(c.isdigit() for c in t.text) > 1 for t in numbers)


def settle(
    table: str,
    read: TableRead,
    runs: Sequence[Run],
    identities: Sequence[Identity],
    pins: Sequence[Pin] = (),
    *,
    has_rule: bool = True,
) -> None:
    """Choose between the runs' readings, then make the cells (certain or uncertain)."""
    solved = solve(table, runs, identities, pins, has_rule=has_rule)
    for key, v in solved.values.items():
        read.cells[key] = _cell(v)
    for key, v in uncertain_cells(table, solved.uncertain).items():
        read.cells[key] = _cell(v)
    read.uncertain.extend(solved.uncertain)


def _cell(v: Value) -> Cell:
    return Cell(v.value, v.raw, v.span, v.status, v.note, v.value, v.status)


def span_of(read: TableRead, start: int) -> tuple[int, int]:
    ends = [c.span[1] for c in read.cells.values() if c.span]
    return start, max([start + 1, *ends])
