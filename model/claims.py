"""What the narrative of a report states, as plain data the rules can check.

The parsers find these in the text (`parsers/recognize/narrative.py`); the rules in
`model/narrative_rules.py` compare them with each other and with the tables.

Figures are exact: a count is an `int`, an amount with decimals a `Decimal`, so that
sums and comparisons are exact and no figure can overflow a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

Exact = int | Decimal


def exact(value: int | float | Decimal) -> Exact:
    """A table value (int or float) or a figure as an exact number: floats by their shortest
    decimal form, so that 24252.311082 is Decimal("24252.311082"), not its binary value."""
    if isinstance(value, float):
        as_decimal = Decimal(repr(value))
        if not as_decimal.is_finite():
            return as_decimal
        return int(as_decimal) if as_decimal == as_decimal.to_integral_value() else as_decimal
    return value


@dataclass(frozen=True)
class Figure:
    """A figure as written: its value, unit, span, and whether it was approximate (余, 约 …)."""

    value: Exact
    unit: str
    start: int
    end: int
    approximate: bool
    percent: Decimal | None = None  # a share stated right after it: 16条，占61.5%


@dataclass(frozen=True)
class SumClaim:
    """A stated total and its stated parts, with the span of the words that state them.

    How sure the reading is decides what a mismatch means: `certain` when the total surely
    heads this list (共…N, or the only figure in its unit before it); `closed` when the list
    says it is complete (it ends with 其他…, opens with 分别为, or its shares make 100%), so
    that parts short of the total are an error of the text and not a selection; `shortest`,
    when not 0, the fewest parts the list may have (where its separators or the kind of its
    items change, what follows may be other news).

    With `order` the claim is no list but one count that is part of another (受理117件，办结
    171件): `order` holds the words of the whole and of the part, and the one part must not
    exceed the total."""

    total: Figure
    parts: tuple[Figure, ...]
    start: int
    end: int
    certain: bool = True
    closed: bool = False
    shortest: int = 0
    order: tuple[str, str] | None = None


@dataclass(frozen=True)
class CellClaim:
    """A figure in the text that describes one table cell (or the sum of several).

    With `alternatives` the words allow other readings: the figure is the sum of `cells`
    or of one of these (受理N件 may count this year's applications with those carried over).
    A claim without alternatives is exact: the recognizer may pin cells with it."""

    table: str
    cells: tuple[tuple[str, str], ...]  # (row, col) whose values add up to the figure
    value: Exact
    what: str  # the words that name it, for the message
    start: int
    end: int
    alternatives: tuple[tuple[tuple[str, str], ...], ...] = ()
