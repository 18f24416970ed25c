"""Suggested corrections for the equations of 表三 and 表四 that fail.

The smallest change that makes every equation of the table hold is offered: one cell
first — a blank that is the difference, transposed digits, a digit dropped or doubled,
two digits run together, or simply the value the equations require — and, failing that, a
row whose values slipped one column. A suggestion is never applied without the officer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from model import messages
from model.findings import Finding
from model.report import Number, Report
from model.rule_catalog import EMPTY_CELL, T3_BALANCE, T3_OUTCOME_SUM, T3_ROW_TOTAL, T4_TOTAL
from model.schema import T3_COLS, T4_COLS, TABLE3, TABLE4, identities

Key = tuple[str, str, str]
Equation = tuple[tuple[Key, ...], tuple[Key, ...]]  # sum(left) == sum(right)

EQUATION_RULES = (T3_BALANCE.id, T3_OUTCOME_SUM.id, T3_ROW_TOTAL.id, T4_TOTAL.id)


@dataclass(frozen=True)
class Suggestion:
    """New values for some cells, and why (in Chinese, for the officer)."""

    values: dict[Key, Number | None]
    reason: str


def equations(report: Report) -> list[Equation]:
    """Every equation of the form that the report's tables are held to."""
    out: list[Equation] = []
    for table in (TABLE3, TABLE4):
        schema = report.schema(table)
        if schema is None or not report.has_table(table):
            continue
        for left, right in identities(schema):
            out.append((tuple((table, r, c) for r, c in left), tuple((table, r, c) for r, c in right)))
    return out


def _value(report: Report, key: Key, override: dict[Key, Number | None]) -> Number | None:
    return override[key] if key in override else report.value(*key)


def _holds(report: Report, eq: Equation, override: dict[Key, Number | None]) -> bool | None:
    """True/False, or None when a cell of it is empty."""
    left = [_value(report, k, override) for k in eq[0]]
    right = [_value(report, k, override) for k in eq[1]]
    if any(v is None for v in left + right):
        return None
    return abs(sum(left) - sum(right)) < 1e-6  # type: ignore[arg-type]


def _all_hold(report: Report, eqs: list[Equation], override: dict[Key, Number | None]) -> bool:
    return all(_holds(report, eq, override) is not False for eq in eqs) and any(
        _holds(report, eq, override) for eq in eqs
    )


def _solve(report: Report, eq: Equation, key: Key) -> Number | None:
    """The value of `key` that makes `eq` hold, the other cells as they are."""
    others_left = [report.value(*k) for k in eq[0] if k != key]
    others_right = [report.value(*k) for k in eq[1] if k != key]
    if any(v is None for v in others_left + others_right):
        return None
    diff = sum(others_right) - sum(others_left)  # type: ignore[arg-type]
    value = diff if key in eq[0] else -diff
    return value if value >= 0 else None


def _typos(value: Number) -> Iterator[tuple[int, str]]:
    """Values a typist may have meant: transposed, dropped or doubled digits."""
    if not isinstance(value, int) or value < 0:
        return
    digits = str(value)
    for i in range(len(digits) - 1):
        swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
        if swapped[0] != "0" or len(swapped) == 1:
            yield int(swapped), "相邻数字颠倒"
    for i in range(len(digits)):
        shorter = digits[:i] + digits[i + 1 :]
        if shorter and (shorter[0] != "0" or len(shorter) == 1):
            yield int(shorter), "多了一位数字"
    for i in range(len(digits) + 1):
        for d in "0123456789":
            longer = digits[:i] + d + digits[i:]
            if longer[0] != "0":
                yield int(longer), "少了一位数字"


def suggest(report: Report, findings: list[Finding]) -> Suggestion | None:
    """The smallest correction that makes every equation hold, or None."""
    failing = [f for f in findings if f.rule in EQUATION_RULES]
    eqs = equations(report)
    blanks = {(c.table, c.row, c.col) for f in findings if f.rule == EMPTY_CELL.id for c in f.cells if c.col}
    if not failing and not blanks:
        return None
    suspects: list[Key] = []
    for f in failing:
        for c in f.cells:
            key = (c.table, c.row, c.col or "")
            if c.col and key not in suspects:
                suspects.append(key)

    # A blank that the equations determine: only when filling it leaves everything holding.
    for key in sorted(blanks):
        for eq in eqs:
            if key in eq[0] + eq[1]:
                value = _solve(report, eq, key)
                if value is not None and _all_hold(report, eqs, {key: value}):
                    return Suggestion(
                        {key: value}, f"{_name(report, key)} 为空，按勾稽关系应为 {messages.fmt_num(value)}"
                    )
    if not failing:
        return None

    # One cell: a typing slip first, then whatever value the equations need.
    typo_hits: list[tuple[Key, Number, str]] = []
    solved_hits: list[tuple[Key, Number]] = []
    broken = [eq for eq in eqs if _holds(report, eq, {}) is False]
    for key in suspects:
        current = report.value(*key)
        mine = [eq for eq in eqs if key in eq[0] or key in eq[1]]
        # One cell can only mend the equations it stands in.
        if current is None or any(eq not in mine for eq in broken):
            continue

        def fixes(value: Number, key: Key = key, mine: list[Equation] = mine) -> bool:
            return all(_holds(report, eq, {key: value}) is not False for eq in mine)

        for candidate, kind in _typos(current):
            if fixes(candidate):
                typo_hits.append((key, candidate, kind))
        for eq in broken:
            value = _solve(report, eq, key)
            if value is not None and fixes(value):
                solved_hits.append((key, value))
    if len({(k, v) for k, v, _ in typo_hits}) == 1:
        key, value, kind = typo_hits[0]
        old = messages.fmt_num(report.value(*key))
        return Suggestion({key: value}, f"{_name(report, key)} {old} 可能{kind}，应为 {messages.fmt_num(value)}")
    if len(set(solved_hits)) == 1:
        key, value = solved_hits[0]
        old = messages.fmt_num(report.value(*key))
        return Suggestion(
            {key: value}, f"只需把{_name(report, key)}由 {old} 改为 {messages.fmt_num(value)}，全部勾稽关系即成立"
        )
    # Several single cells would do: if the parts are right, the total is what is wrong.
    totals = [(k, v) for k, v in dict.fromkeys(solved_hits) if k[2] == "total" or k[1] == "total_processed"]
    if len(totals) == 1:
        key, value = totals[0]
        old = messages.fmt_num(report.value(*key))
        return Suggestion(
            {key: value}, f"若各分项无误，{_name(report, key)}应为 {messages.fmt_num(value)}（现为 {old}）"
        )
    return _shifted_row(report, eqs, suspects)


def _shifted_row(report: Report, eqs: list[Equation], suspects: list[Key]) -> Suggestion | None:
    """A row whose figures slipped one column left or right."""
    rows = []
    for table, row, _ in suspects:
        if (table, row) not in rows:
            rows.append((table, row))
    for table, row in rows:
        cols = list(T3_COLS if table == TABLE3 else T4_COLS)
        values = [report.value(table, row, c) for c in cols]
        for shifted, direction in ((values[1:] + [None], "左"), ([None] + values[:-1], "右")):
            override = {(table, row, c): v for c, v in zip(cols, shifted)}
            if shifted.count(None) == 1:
                # The slot the shift empties is what the row's own total requires.
                blank = cols[shifted.index(None)]
                eq = next(e for e in eqs if (table, row, blank) in e[0] + e[1] and e[1][0][1] == row)
                filled = _solve_with(report, eq, (table, row, blank), override)
                if filled is None:
                    continue
                override[(table, row, blank)] = filled
            if _all_hold(report, eqs, override):
                label = messages.row_label(table, report.format, row)
                return Suggestion(override, f"「{label}」行的数字整体错位（向{direction}移了一列），按勾稽关系还原")
    return None


def _solve_with(report: Report, eq: Equation, key: Key, override: dict[Key, Number | None]) -> Number | None:
    left = [_value(report, k, override) for k in eq[0] if k != key]
    right = [_value(report, k, override) for k in eq[1] if k != key]
    if any(v is None for v in left + right):
        return None
    diff = sum(right) - sum(left)  # type: ignore[arg-type]
    value = diff if key in eq[0] else -diff
    return value if value >= 0 else None


def _name(report: Report, key: Key) -> str:
    table, row, col = key
    return (
        f"{messages.TABLE_SHORT[table]}「{messages.row_label(table, report.format, row)}」"
        f"「{messages.col_label(table, report.format, col)}」"
    )
