"""Choose between a table's readings by the form's arithmetic, or say what stays unsure.

Each row comes with its readings (`parsers.recognize.readings`). Rows read as printed, or split in
only one way, are fixed. Rows with several readings are tried together against the
identities of the form (`model.schema.identities`): a combination must satisfy every
identity that involves a row still open. When exactly one combination does, it is taken;
when several do, the figures the narrative states (`pins`) may settle it; whatever still
differs between the combinations is left blank and reported as uncertain, naming the
readings when there are few. A cell on which every remaining reading agrees is certain
whatever the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from model.report import (
    STATUS_UNCERTAIN,
    UNCERTAIN_NO_RULE,
    UNCERTAIN_NO_SPLIT,
    UNCERTAIN_SPLITS,
    UNCERTAIN_TOO_LONG,
    UNCERTAIN_TOO_MANY,
    UNCERTAIN_UNALIGNED,
    Number,
    Uncertainty,
)
from model.schema import Identity
from parsers.recognize.readings import MANY, NONE, TOO_LONG, TOO_MANY, RowReading, Value
from parsers.recognize.stream import NUM, Token

Key = tuple[str, str]  # (row, col)
_SOLUTION_CAP = 24
_NODE_BUDGET = 20_000
_TOLERANCE = 1e-6


@dataclass(frozen=True)
class Pin:
    """A figure the narrative states for some cells of this table (their sum)."""

    cells: tuple[Key, ...]
    value: Number


@dataclass(frozen=True)
class Run:
    """A stretch of printed values read as the cells `keys` (a row, or 表四's 15 cells)."""

    keys: tuple[Key, ...]
    reading: RowReading


@dataclass
class Solved:
    """The cells decided, and what stays uncertain."""

    values: dict[Key, Value] = field(default_factory=dict)
    uncertain: list[Uncertainty] = field(default_factory=list)


def solve(
    table: str, runs: Sequence[Run], identities: Sequence[Identity], pins: Sequence[Pin] = (), *, has_rule: bool = True
) -> Solved:
    """Fill the cells of `runs`, choosing between readings by `identities` and `pins`."""
    out = Solved()
    fixed: dict[Key, Value] = {}
    open_runs: list[Run] = []
    for run in runs:
        reading = run.reading
        if reading.certain:
            fixed.update(zip(run.keys, reading.options[0]))
        elif reading.kind == MANY:
            open_runs.append(run)
        else:
            out.uncertain.append(_unknown(table, run, has_rule))
    out.values.update(fixed)
    if not open_runs:
        return out

    solutions = _combinations(open_runs, fixed, identities)
    if solutions is not None:
        chosen = _pinned(solutions, open_runs, pins) or solutions
        by_run = [sorted({s[r] for s in chosen}) for r in range(len(open_runs))]
        how = "按表格的勾稽关系确定拆分" if len(chosen) == len(solutions) else "按正文所述数字确定拆分"
    else:
        # No combination fits the table (an error in it, or a reading we lack): each row
        # keeps what all of its own readings agree on.
        by_run = [list(range(len(run.reading.options))) for run in open_runs]
        how = ""
    for run, picks in zip(open_runs, by_run):
        options = [run.reading.options[p] for p in picks]
        _settle(table, run, options, how, out, has_rule)
    return out


def _settle(table: str, run: Run, options: list[tuple[Value, ...]], how: str, out: Solved, has_rule: bool) -> None:
    """Cells every option agrees on are certain; the others are uncertain."""
    reading = run.reading
    unsure: list[int] = []
    for k, key in enumerate(run.keys):
        values = {opt[k].value for opt in options}
        if len(values) == 1:
            v = options[0][k]
            note = f"“{reading.raw}”{how}" if how and len(options) == 1 else f"“{reading.raw}”的各种读法均为此值"
            out.values[key] = Value(v.value, v.status, v.raw, v.span, note)
        else:
            unsure.append(k)
    if not unsure:
        return
    shown = tuple(dict.fromkeys(tuple(_number(opt[k].value) for k in unsure) for opt in options))
    reason = UNCERTAIN_SPLITS if has_rule else UNCERTAIN_NO_RULE
    out.uncertain.append(
        Uncertainty(table, tuple(run.keys[k] for k in unsure), reading.raw, reading.span, reason, shown)
    )


def _number(v: Number | None) -> Number:
    return 0 if v is None else v


def _unknown(table: str, run: Run, has_rule: bool) -> Uncertainty:
    kind = run.reading.kind
    if kind == TOO_LONG:
        reason = UNCERTAIN_TOO_LONG
    elif kind == TOO_MANY:
        reason = UNCERTAIN_TOO_MANY if has_rule else UNCERTAIN_NO_RULE
    elif kind == NONE and run_together(run.reading.tokens, len(run.keys)):
        reason = UNCERTAIN_NO_SPLIT if has_rule else UNCERTAIN_NO_RULE
    else:
        reason = UNCERTAIN_UNALIGNED
    return Uncertainty(table, run.keys, run.reading.raw, run.reading.span, reason)


def run_together(tokens: Sequence[Token], width: int) -> bool:
    """Whether a row's figures may be digits printed together (fewer figures than cells,
    or a figure with a leading zero), rather than cells that are simply not there."""
    numbers = [t for t in tokens if t.kind == NUM]
    if any(t.text.isdigit() and len(t.text) > 1 and t.text[0] == "0" for t in numbers):
        return True
    return len(numbers) < width and any(sum(c.isdigit() for c in t.text) > 1 for t in numbers)


def uncertain_cells(table: str, items: Iterable[Uncertainty]) -> dict[Key, Value]:
    """Blank cells for everything left uncertain."""
    out: dict[Key, Value] = {}
    for item in items:
        if item.table != table:
            continue
        for key in item.cells:
            out[key] = Value(None, STATUS_UNCERTAIN, item.raw, item.span, "无法确定，已留空")
    return out


class _Budget(Exception):
    pass


def _combinations(
    runs: list[Run], fixed: dict[Key, Value], identities: Sequence[Identity]
) -> list[tuple[int, ...]] | None:
    """Every combination of the open runs' readings (one index per run) under which each
    identity touching an open run holds; None when no identity touches them, none holds,
    or there are too many to list them all (then nothing can be concluded from them)."""
    owner: dict[Key, int] = {key: r for r, run in enumerate(runs) for key in run.keys}
    relevant = [eq for eq in identities if any(k in owner for k in eq[0] + eq[1])]
    if not relevant:
        return None
    # Each identity is checked as soon as the last open run it needs has been chosen.
    order = sorted(range(len(runs)), key=lambda r: len(runs[r].reading.options))
    position = {r: i for i, r in enumerate(order)}
    checks: list[list[Identity]] = [[] for _ in order]
    for eq in relevant:
        last = max(position[owner[k]] for k in eq[0] + eq[1] if k in owner)
        checks[last].append(eq)
    chosen: dict[Key, Number | None] = {k: v.value for k, v in fixed.items()}
    picks = [0] * len(runs)
    solutions: list[tuple[int, ...]] = []
    nodes = 0

    def holds(eq: Identity) -> bool:
        left = [chosen.get(k) for k in eq[0]]
        right = [chosen.get(k) for k in eq[1]]
        if None in left or None in right:
            return True  # a blank cell: the identity says nothing
        return abs(sum(left) - sum(right)) <= _TOLERANCE  # type: ignore[arg-type]

    def visit(depth: int) -> None:
        nonlocal nodes
        if depth == len(order):
            solutions.append(tuple(picks))
            if len(solutions) > _SOLUTION_CAP:
                raise _Budget
            return
        r = order[depth]
        run = runs[r]
        for p, option in enumerate(run.reading.options):
            nodes += 1
            if nodes > _NODE_BUDGET:
                raise _Budget
            for key, v in zip(run.keys, option):
                chosen[key] = v.value
            if all(holds(eq) for eq in checks[depth]):
                picks[r] = p
                visit(depth + 1)
        for key in run.keys:
            chosen.pop(key, None)

    try:
        visit(0)
    except _Budget:
        return None
    return solutions or None


def _pinned(solutions: list[tuple[int, ...]], runs: list[Run], pins: Sequence[Pin]) -> list[tuple[int, ...]]:
    """The solutions that agree with the narrative's figures on the open cells; empty when
    the pins tell nothing or no solution agrees (the text then disagrees with the table)."""
    owner: dict[Key, tuple[int, int]] = {key: (r, k) for r, run in enumerate(runs) for k, key in enumerate(run.keys)}
    useful = [pin for pin in pins if any(c in owner for c in pin.cells)]
    if not useful:
        return []

    def agrees(solution: tuple[int, ...], pin: Pin) -> bool:
        total: Number = 0
        for cell in pin.cells:
            if cell not in owner:
                return True  # a cell outside the open runs: not this pin's business here
            r, k = owner[cell]
            v = runs[r].reading.options[solution[r]][k].value
            if v is None:
                return True
            total += v
        return abs(total - pin.value) <= _TOLERANCE

    kept = [s for s in solutions if all(agrees(s, pin) for pin in useful)]
    return kept if len(kept) < len(solutions) else []
