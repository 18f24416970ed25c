"""The readings of one row's printed values: which figures fill which cells.

A row's values come as tokens (see `parsers.recognize.stream`). When they are as many as the row
has cells and each is a well-formed figure, that natural reading is the only one. When
they are not — digits run together (`7000007`), stray spaces (`230 000023`), a number
grouped by a space (`1 010`) — every reading that the layout allows is a candidate: a cut
may fall inside a digit run or at a space, a space may also sit inside a number; bars,
tabs and line breaks always separate cells. A candidate must give exactly the row's
cells, no figure with a leading zero, none longer than `MAX_DIGITS`, and must satisfy the
row's own arithmetic (`Shape.groups`: cells that add up to a total).

The search is a dynamic programme over (position, cells placed, running sum of the
current group): the number of readings is counted exactly for any input, and at most
`ENUM_CAP` of them are listed. Runs longer than any real row are refused up front.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from model.report import STATUS_BLANK, STATUS_OK, STATUS_TEXT, Number
from parsers.recognize.stream import BLANK, GAP_SOFT, JUNK, MARK, NUM, TEXT, Token
from parsers.recognize.values import parse_value

MAX_DIGITS = 10  # a count of more digits than this is not a count any report holds
ENUM_CAP = 200  # readings listed for the table's arithmetic to choose from
_STATE_BUDGET = 3_000  # states a row's search may visit; real rows take a few hundred at most

# How a row was read.
NATURAL = "natural"  # one figure per cell, as printed
SPLIT = "split"  # one reading only, found by the arithmetic
MANY = "many"  # several readings; `options` lists them
TOO_MANY = "too_many"  # more readings than `ENUM_CAP` (or than the search may visit)
NONE = "none"  # no reading gives the row's cells
TOO_LONG = "too_long"  # a run of digits longer than any real row


@dataclass(frozen=True)
class Shape:
    """A row's cells and its arithmetic: in each group, the cells `first … last-1` add up
    to cell `last`."""

    width: int
    groups: tuple[tuple[int, int], ...] = ()

    def role(self, k: int) -> tuple[int, bool] | None:
        """(group, is_total) of cell `k`, or None for a cell in no group."""
        for g, (first, last) in enumerate(self.groups):
            if first <= k < last:
                return g, False
            if k == last:
                return g, True
        return None


class Value(NamedTuple):
    """One cell's content under a reading: the figure, how it was judged, where it stands.

    A named tuple: a report's tables make hundreds."""

    value: Number | None
    status: str
    raw: str
    span: tuple[int, int] | None
    note: str = ""


@dataclass
class RowReading:
    """The readings of one row: its kind, the candidate cell values, and the tokens they
    were read from."""

    kind: str
    options: list[tuple[Value, ...]] = field(default_factory=list)
    count: int = 0  # readings in all (exact, unless the search ran out of budget)
    tokens: Sequence[Token] = ()

    @property
    def certain(self) -> bool:
        return self.kind in (NATURAL, SPLIT)

    @property
    def raw(self) -> str:
        """The values as printed (for messages; worked out only when one is written)."""
        return " ".join(t.text for t in self.tokens if t.text.strip())

    @property
    def span(self) -> tuple[int, int] | None:
        return (self.tokens[0].start, self.tokens[-1].end) if self.tokens else None


def token_value(tok: Token, *, money: bool = False, unit: str = "万元") -> Value:
    """The cell a single token gives."""
    if tok.kind in (BLANK, MARK):
        return Value(None, STATUS_BLANK, tok.text.strip(), (tok.start, tok.end))
    if tok.kind in (TEXT, JUNK):
        return Value(None, STATUS_TEXT, tok.text, (tok.start, tok.end))
    text = tok.text
    if text.isdigit() and text.isascii() and not money:
        if len(text) > MAX_DIGITS:
            return Value(None, STATUS_TEXT, text, (tok.start, tok.end), "位数过多，不是有效的数字")
        return Value(int(text), STATUS_OK, text, (tok.start, tok.end))
    parsed = parse_value(text.replace("−", "-").replace("–", "-"), money=money, header_unit=unit)
    if parsed.value is not None and abs(parsed.value) >= 10**MAX_DIGITS:
        return Value(None, STATUS_TEXT, text, (tok.start, tok.end), "位数过多，不是有效的数字")
    return Value(parsed.value, parsed.status, text, (tok.start, tok.end), parsed.note)


def _well_formed(tok: Token) -> bool:
    """A token that stands as one cell as it is (a plain count has no leading zero)."""
    t = tok.text
    if tok.kind != NUM or not t.isdigit():
        return True
    return (t[0] != "0" or t == "0") and len(t) <= MAX_DIGITS


def as_printed(tokens: Sequence[Token], width: int) -> bool:
    """Whether the tokens read as printed, one well-formed figure (or blank) per cell."""
    if len(tokens) != width:
        return False
    for tok in tokens:
        t = tok.text
        if tok.kind == NUM and t.isdigit() and ((t[0] == "0" and t != "0") or len(t) > MAX_DIGITS):
            return False
    return True


def natural(tokens: Sequence[Token], money: dict[int, str] | None = None) -> RowReading:
    """The reading of tokens as printed (see `as_printed`)."""
    if not money and all(t.kind == NUM and t.text.isdigit() and t.text.isascii() for t in tokens):
        # Plain counts, most rows: made at once.
        new = tuple.__new__
        values = tuple(new(Value, (int(t.text), STATUS_OK, t.text, (t.start, t.end), "")) for t in tokens)
    else:
        money = money or {}
        values = tuple(token_value(t, money=k in money, unit=money.get(k, "万元")) for k, t in enumerate(tokens))
    return RowReading(NATURAL, [values], 1, tokens)


def read_row(
    tokens: Sequence[Token],
    shape: Shape,
    *,
    money: dict[int, str] | None = None,
) -> RowReading:
    """Every reading of `tokens` as the row's `shape.width` cells.

    `money` maps a cell index to the unit its header states; such cells are read as money
    and never split."""
    money = money or {}
    if as_printed(tokens, shape.width):
        return natural(tokens, money)
    if money:
        # Money cells hold decimals and units: their figures are not cut by arithmetic.
        return RowReading(NONE, [], 0, tokens)
    return _search(tokens, shape)


@dataclass
class _Symbols:
    """The row flattened: digits one by one, other tokens whole; where a cut must fall
    (`forced`) and where it may (`soft`: at a space, `inner`: inside a digit run)."""

    chars: list[str]
    spans: list[tuple[int, int]]
    fixed: dict[int, Value]
    forced: list[bool]  # forced[i]: a cell boundary before symbol i is required
    soft: list[bool]  # soft[i]: the boundary before symbol i is a space
    negative: set[int]  # symbols that open a figure printed with a minus sign


_SIGNED = re.compile(r"^[+\-−–]\d+$")


def _symbols(tokens: Sequence[Token]) -> _Symbols:
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    fixed: dict[int, Value] = {}
    forced: list[bool] = []
    soft: list[bool] = []
    negative: set[int] = set()
    prev_digits = False
    for tok in tokens:
        text = tok.text
        signed = tok.kind == NUM and _SIGNED.match(text) is not None
        digits = signed or (tok.kind == NUM and text.isdigit() and text.isascii())
        between = len(chars) > 0
        # A sign opens a figure: digits before it never run on into it.
        joinable = digits and not signed and prev_digits and tok.gap == GAP_SOFT
        if digits:
            lead = 1 if signed else 0
            if signed and text[0] != "+":
                negative.add(len(chars))
            for i, ch in enumerate(text[lead:], start=lead):
                chars.append(ch)
                spans.append((tok.start + (0 if i == lead else i), tok.start + i + 1))
                first = i == lead
                forced.append(first and between and not joinable)
                soft.append(first and joinable)
        else:
            fixed[len(chars)] = token_value(tok)
            chars.append("")
            spans.append((tok.start, tok.end))
            forced.append(True)
            soft.append(False)
        prev_digits = digits
    forced.append(True)  # the end of the row
    soft.append(False)
    return _Symbols(chars, spans, fixed, forced, soft, negative)


class _OutOfBudget(Exception):
    pass


class _Search:
    """Counts and lists the readings of a row (see the module docstring).

    A group's total is placed first — every place it may stand, which fixes its value —
    and its parts are then cut from the symbols before it so that they add up to that
    value: a part is never more than what is left of the total, and never longer than
    it, which keeps the search small for any run a row can hold."""

    def __init__(self, sym: _Symbols, shape: Shape) -> None:
        self.sym = sym
        self.n = len(sym.chars)
        self.width = shape.width
        self.roles = [shape.role(k) for k in range(shape.width)]
        self.groups = shape.groups
        # The furthest a cell may reach from position i: the next forced boundary.
        reach = [0] * (self.n + 1)
        nxt = self.n
        for i in range(self.n - 1, -1, -1):
            reach[i] = nxt
            if sym.forced[i]:
                nxt = i
        self.reach = reach
        # Casting out nines: a number is its digits' sum modulo 9 however the digits are
        # cut, so parts from [i, t) can only add up to a total ≡ their digits' sum. Prefix
        # sums of the digits (and of fixed whole figures), and of what defeats the test
        # (a blank, a decimal, a minus sign) to know where it holds.
        nines = [0] * (self.n + 1)
        unknown = [0] * (self.n + 1)
        for i, ch in enumerate(sym.chars):
            fixed = sym.fixed.get(i)
            if ch:
                add, bad = int(ch), i in sym.negative
            elif fixed is not None and isinstance(fixed.value, int):
                add, bad = fixed.value, fixed.value < 0
            else:
                add, bad = 0, True
            nines[i + 1] = (nines[i] + add) % 9
            unknown[i + 1] = unknown[i] + bad
        self._nines, self._unknown = nines, unknown
        self._cells: dict[int, list[tuple[int, Value]]] = {}
        self._ends: dict[int, dict[int, Value]] = {}
        self._rest: dict[tuple[int, int], int] = {}
        self._parts: dict[tuple[int, int, int, Number | None], int] = {}
        self.visits = 0

    def cell_at(self, i: int, j: int) -> Value | None:
        """The cell [i, j), if the layout allows it."""
        ends = self._ends.get(i)
        if ends is None:
            ends = self._ends[i] = dict(self.cells(i))
        return ends.get(j)

    def cells(self, i: int) -> list[tuple[int, Value]]:
        """The cells that may start at symbol i, as (end, value)."""
        found = self._cells.get(i)
        if found is not None:
            return found
        sym = self.sym
        if i in sym.fixed:
            found = [(i + 1, sym.fixed[i])]
        else:
            limit = i + 1 if sym.chars[i] == "0" else min(self.reach[i], i + MAX_DIGITS)
            found = []
            text = ""
            sign = -1 if i in sym.negative else 1
            for j in range(i + 1, limit + 1):
                text += sym.chars[j - 1]
                raw = "-" + text if sign < 0 else text
                found.append((j, Value(sign * int(text), STATUS_OK, raw, (sym.spans[i][0], sym.spans[j - 1][1]))))
        self._cells[i] = found
        return found

    def _tick(self) -> None:
        self.visits += 1
        if self.visits > _STATE_BUDGET:
            raise _OutOfBudget

    def rest(self, i: int, k: int) -> int:
        """Readings of cells k… from symbol i to the end."""
        if k == self.width:
            return 1 if i == self.n else 0
        left = self.n - i
        if left < self.width - k or left > (self.width - k) * MAX_DIGITS:
            return 0
        key = (i, k)
        if key in self._rest:
            return self._rest[key]
        self._tick()
        total = 0
        for _, _, count, _ in self._choices(i, k):
            total += count
        self._rest[key] = total
        return total

    def _choices(self, i: int, k: int) -> Iterator[tuple[int, int, int, tuple[int, int, Value] | None]]:
        """The ways to go on from (i, k): (next symbol, next cell, readings, total cell);
        a free cell is one step, a group is all its parts and its total at once."""
        role = self.roles[k]
        if role is None:
            for j, _ in self.cells(i):
                count = self.rest(j, k + 1)
                if count:
                    yield j, k + 1, count, None
            return
        g, _ = role
        first, last = self.groups[g]
        parts = last - first
        nines, unknown = self._nines, self._unknown
        for t in range(i + parts, self.n):
            checkable = unknown[t] == unknown[i]
            for b, total in self.cells(t):
                if checkable and isinstance(total.value, int) and (nines[t] - nines[i] - total.value) % 9:
                    continue  # the parts' digits cannot add up to this total
                after = self.rest(b, last + 1)  # cheap, and most places of the total fail here
                if not after:
                    continue
                ways = self.parts(i, t, parts, total.value)
                if ways:
                    yield b, last + 1, ways * after, (t, b, total)

    def parts(self, i: int, t: int, p: int, rem: Number | None) -> int:
        """Ways to cut symbols [i, t) into p cells adding up to `rem` (None: any sum)."""
        if p == 0:
            return 1 if i == t and (rem is None or rem == 0) else 0
        if p == 1:
            # The last part is all that is left: one look, no search.
            v = self.cell_at(i, t)
            return 1 if v is not None and (rem is None or v.value is None or v.value == rem) else 0
        span = t - i
        if span < p:
            return 0
        if rem is not None and rem >= 0:
            longest = len(str(rem)) if rem else 1
            if span > p * longest:
                return 0  # a part is never longer than what it adds up to
        if (
            isinstance(rem, int)
            and self._unknown[t] == self._unknown[i]
            and (self._nines[t] - self._nines[i] - rem) % 9
        ):
            return 0  # casting out nines: these digits cannot add up to `rem`
        if p == 2:
            # The first part, and the second is all that is left: a look each.
            total = 0
            for j, _, rem2 in self._first_parts(i, t, p, rem):
                v = self.cell_at(j, t)
                total += v is not None and (rem2 is None or v.value is None or v.value == rem2)
            return total
        key = (i, t, p, rem)
        if key in self._parts:
            return self._parts[key]
        self._tick()
        total = sum(self.parts(j, t, p - 1, rem2) for j, _, rem2 in self._first_parts(i, t, p, rem))
        self._parts[key] = total
        return total

    def _first_parts(self, i: int, t: int, p: int, rem: Number | None) -> Iterator[tuple[int, Value, Number | None]]:
        """The first of p parts cut from [i, t): (its end, it, what the others must add up to)."""
        for j, v in self.cells(i):
            if j > t - (p - 1):
                break
            if rem is not None and v.value is not None and v.value > rem >= 0:
                break
            yield j, v, None if rem is None or v.value is None else rem - v.value

    def listing(self, out: list[tuple[Value, ...]]) -> None:
        self._list_rest(0, 0, [], out)

    def _list_rest(self, i: int, k: int, acc: list[Value], out: list[tuple[Value, ...]]) -> None:
        if len(out) >= ENUM_CAP:
            return
        if k == self.width:
            if i == self.n:
                out.append(tuple(acc))
            return
        for j, k2, _, total in list(self._choices(i, k)):
            if total is None:
                acc.append(next(v for e, v in self.cells(i) if e == j))
                self._list_rest(j, k2, acc, out)
                acc.pop()
                continue
            t, _, total_value = total
            for parts in self._list_parts(i, t, k2 - 1 - k, total_value.value):
                acc.extend(parts)
                acc.append(total_value)
                self._list_rest(j, k2, acc, out)
                del acc[len(acc) - len(parts) - 1 :]
                if len(out) >= ENUM_CAP:
                    return

    def _list_parts(self, i: int, t: int, p: int, rem: Number | None) -> Iterator[list[Value]]:
        if p == 0:
            if i == t and (rem is None or rem == 0):
                yield []
            return
        for j, v, rem2 in self._first_parts(i, t, p, rem):
            if self.parts(j, t, p - 1, rem2):
                for more in self._list_parts(j, t, p - 1, rem2):
                    yield [v, *more]


def _search(tokens: Sequence[Token], shape: Shape) -> RowReading:
    if not tokens:
        return RowReading(NONE, [], 0, tokens)
    sym = _symbols(tokens)
    if sum(1 for c in sym.chars if c) > shape.width * MAX_DIGITS:
        return RowReading(TOO_LONG, [], 0, tokens)
    search = _Search(sym, shape)
    try:
        total = search.rest(0, 0)
    except _OutOfBudget:
        return RowReading(TOO_MANY, [], 0, tokens)
    if total == 0:
        return RowReading(NONE, [], 0, tokens)
    if total > ENUM_CAP:
        return RowReading(TOO_MANY, [], total, tokens)
    options: list[tuple[Value, ...]] = []
    search.listing(options)
    if total == 1:
        reading = RowReading(SPLIT, [], 1, tokens)
        note = f"“{reading.raw}”按勾稽关系拆分" if shape.groups else f"“{reading.raw}”按位置读取"
        reading.options = [tuple(_noted(v, note) for v in options[0])]
        return reading
    return RowReading(MANY, options, total, tokens)


def _noted(v: Value, note: str) -> Value:
    return v if v.value is None else Value(v.value, v.status, v.raw, v.span, note)
