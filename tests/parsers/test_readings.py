"""Readings of a row's printed values: the dynamic programme against brute force, the
worst cases within their time, and what the arithmetic settles or leaves open."""

from __future__ import annotations

import itertools
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.recognize.readings import ENUM_CAP, MANY, MAX_DIGITS, NATURAL, NONE, SPLIT, TOO_LONG, Shape, read_row
from parsers.recognize.stream import GAP_HARD, GAP_NONE, GAP_SOFT, NUM, Token, tokenize

T3 = Shape(7, ((0, 6),))
T4 = Shape(15, ((0, 4), (5, 9), (10, 14)))


def _values(text: str) -> list[Token]:
    return [t for t in tokenize(text) if t.is_value]


def _read(text: str, shape: Shape) -> tuple[str, list[list[int | float | None]]]:
    reading = read_row(_values(text), shape)
    return reading.kind, [[v.value for v in option] for option in reading.options]


def test_run_together_rows_of_real_reports() -> None:
    assert _read("230 000023", T3) == (SPLIT, [[23, 0, 0, 0, 0, 0, 23]])
    assert _read("23 0 00 0 023", T3) == (SPLIT, [[23, 0, 0, 0, 0, 0, 23]])
    assert _read("640020470", T3) == (SPLIT, [[64, 0, 0, 2, 0, 4, 70]])
    assert _read("1 010 2 0 0 0 0 1 012", T3) == (SPLIT, [[1010, 2, 0, 0, 0, 0, 1012]])
    assert _read("10203120001200000", T4) == (SPLIT, [[1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]])
    kind, options = _read("270020130", T3)
    assert kind == MANY and sorted(options) == [[2, 7, 0, 0, 20, 1, 30], [27, 0, 0, 2, 0, 1, 30]]


def test_as_printed_is_the_only_reading_when_it_fits() -> None:
    # Even when the row's own total fails: that is an error of the report, not of the reading.
    assert _read("12 3 0 0 0 0 16", T3) == (NATURAL, [[12, 3, 0, 0, 0, 0, 16]])


def test_no_arithmetic_no_guess() -> None:
    kind, options = _read("898989", Shape(3))
    assert kind == MANY and [89, 89, 89] in options and len(options) == 10


def test_refused_when_longer_than_any_row() -> None:
    assert _read("1" * (7 * MAX_DIGITS + 1), T3)[0] == TOO_LONG


def _brute(digits: list[str], gaps: list[int], shape: Shape) -> list[list[int]]:
    """Every reading by trying every set of cuts (the definition the search must meet)."""
    joined = "".join(digits)
    bounds = []  # (position, forced); gaps[k] stands before digits[k]
    pos = 0
    for k, d in enumerate(digits):
        for i in range(1, len(d)):
            bounds.append((pos + i, False))
        pos += len(d)
        if k + 1 < len(digits):
            bounds.append((pos, gaps[k + 1] != GAP_SOFT))
    forced = [p for p, f in bounds if f]
    optional = [p for p, f in bounds if not f]
    out = []
    for r in range(len(optional) + 1):
        for extra in itertools.combinations(optional, r):
            cuts = sorted(forced + list(extra))
            pieces = [joined[a:b] for a, b in itertools.pairwise([0, *cuts, len(joined)])]
            if len(pieces) != shape.width:
                continue
            if any((len(p) > 1 and p[0] == "0") or len(p) > MAX_DIGITS for p in pieces):
                continue
            values = [int(p) for p in pieces]
            if all(sum(values[a:b]) == values[b] for a, b in shape.groups):
                out.append(values)
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text("0012", min_size=1, max_size=4), min_size=1, max_size=4).filter(lambda ds: len("".join(ds)) <= 12),
    st.lists(st.sampled_from([GAP_SOFT, GAP_HARD]), min_size=5, max_size=5),
    st.sampled_from([T3, Shape(3), Shape(4, ((0, 3),)), Shape(10, ((0, 4), (5, 9)))]),
)
def test_search_finds_exactly_what_brute_force_finds(digits: list[str], gaps: list[int], shape: Shape) -> None:
    tokens = []
    pos = 0
    for k, d in enumerate(digits):
        gap = GAP_NONE if k == 0 else gaps[k]
        tokens.append(Token(NUM, d, pos, pos + len(d), gap, 0))
        pos += len(d) + 1
    expected = _brute(digits, gaps, shape)
    reading = read_row(tokens, shape)
    if reading.kind == NATURAL:
        assert [int(t.text) for t in tokens] in [[int(d) for d in digits]]
        return
    found = [[v.value for v in option] for option in reading.options]
    if len(expected) > ENUM_CAP:
        assert reading.count == len(expected)
        return
    assert sorted(found) == sorted(expected)
    assert reading.kind == {0: NONE, 1: SPLIT}.get(len(expected), MANY)


def test_worst_cases_finish_fast() -> None:
    """Runs of 20–60 digits with zeros, two runs, 表四 runs: each well under 100 ms."""
    cases = [("1" + "0" * (n - 1), T3) for n in (20, 40, 60)]
    cases += [("1" + "0" * 14 + " 1" + "0" * 14, T3), ("10" * 15, T3), ("12" * 20, T3)]
    cases += [("1" + "0" * (n - 1), T4) for n in (26, 30, 60)] + [("12" * 20, T4), ("1" * 40, T4)]
    cases += [("123456789" * 5, T3), ("9" * 45, T3)]
    for text, shape in cases:
        start = time.perf_counter()
        read_row(_values(text), shape)
        assert time.perf_counter() - start < 0.25, text  # 100 ms here; slack for a busy CI machine
