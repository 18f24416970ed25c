"""What the narrative of a report states, as plain data the rules can check.

The parsers find these in the text (`parsers/narrative.py`); the rules in
`model/narrative_rules.py` compare them with each other and with the tables.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """A figure as written: its value, unit, span, and whether it was approximate (余, 约 …)."""

    value: float
    unit: str
    start: int
    end: int
    approximate: bool
    percent: float | None = None  # a share stated right after it: 16条，占61.5%


@dataclass(frozen=True)
class SumClaim:
    """A stated total and its stated parts, with the span of the words that state them."""

    total: Figure
    parts: tuple[Figure, ...]
    start: int
    end: int


@dataclass(frozen=True)
class CellClaim:
    """A figure in the text that describes one table cell (or the sum of several)."""

    table: str
    cells: tuple[tuple[str, str], ...]  # (row, col) whose values add up to the figure
    value: float
    what: str  # the words that name it, for the message
    start: int
    end: int
