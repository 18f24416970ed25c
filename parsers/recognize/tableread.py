"""What a table reader hands back, and the steps every table shares: reading a row's
values, settling the readings by the form's arithmetic, making the report's cells."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from model.report import Cell, LabelIssue, Uncertainty
from model.schema import Identity
from parsers.recognize.groups import candidates
from parsers.recognize.readings import RowReading, Shape, Value, as_printed, natural, read_row
from parsers.recognize.solve import Key, Pin, Run, solve, uncertain_cells
from parsers.recognize.stream import BLANK, NUM, Token


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
    if as_printed(tokens, shape.width):
        return natural(tokens, money)  # most rows
    if len(tokens) > shape.width and tokens[-1].kind == BLANK:
        trimmed = tokens[: shape.width]  # the layout's blank cells after a row (`| 1 | ||`)
        if all(t.kind == BLANK for t in tokens[shape.width :]) and as_printed(trimmed, shape.width):
            return natural(trimmed, money)
    last: list[Token] = []
    for option in candidates(tokens, shape.width):
        if as_printed(option, shape.width):
            return read_row(option, shape, money=money)
        last = option
    stray = _without_stray_number(last, shape)
    if stray is not None:
        return stray
    # Nothing reads as printed: the digits are split (blanks there are layout).
    if not last:
        return read_row(tokens, shape, money=money)
    return read_row(last, shape, money=money)


def _without_stray_number(tokens: list[Token], shape: Shape) -> RowReading | None:
    """One figure too many, standing alone on a line of its own (a page number, a stray
    line of OCR): dropped when the rest reads as printed and the row's arithmetic holds
    then — and only then, so a real cell is never dropped on a guess."""
    if len(tokens) != shape.width + 1 or not shape.groups:
        return None
    lines: dict[int, int] = {}
    for t in tokens:
        lines[t.line] = lines.get(t.line, 0) + 1
    found = []
    for k, t in enumerate(tokens):
        if t.kind != NUM or lines[t.line] != 1:
            continue
        rest = tokens[:k] + tokens[k + 1 :]
        if not as_printed(rest, shape.width):
            continue
        reading = natural(rest)
        values = [v.value for v in reading.options[0]]
        numbers = [v for v in values if v is not None]
        if len(numbers) == len(values) and all(sum(numbers[a:b]) == numbers[b] for a, b in shape.groups):
            found.append((t, reading))
    if len(found) != 1:
        return None
    t, reading = found[0]
    note = f"已略去单独一行的数字“{t.text}”（可能是页码）"
    reading.options = [tuple(v._replace(note=note) for v in reading.options[0])]
    return reading


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
    cells = read.cells
    for key, (value, status, raw, span, note) in solved.values.items():
        cells[key] = Cell(value, raw, span, status, note, value, status)
    for key, v in uncertain_cells(table, solved.uncertain).items():
        read.cells[key] = _cell(v)
    read.uncertain.extend(solved.uncertain)


def _cell(v: Value) -> Cell:
    return Cell(v.value, v.raw, v.span, v.status, v.note, v.value, v.status)


def span_of(read: TableRead, start: int) -> tuple[int, int]:
    ends = [c.span[1] for c in read.cells.values() if c.span]
    return start, max([start + 1, *ends])
