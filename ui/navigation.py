"""Going from problem to problem (F8 / Shift+F8): where the stops are, which comes next.

Pure logic over sessions and the form's layout, no widgets: the window asks for the next
stop and shows it. Each finding is one stop, at the first of its cells in reading order
(表二, 表三, 表四; row by row as the form prints them), a cell visited once however many
findings name it; the findings that name no cell of a grid (the narrative, the dates,
sections, a file that is not a report) follow, in the findings' order. After the last stop
of a report the next report with findings comes (in the list's order, wrapping at the end
of the batch). Positions are compared, not remembered stops, so a stop that an edit has
just fixed still leads to the one after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.findings import Finding
from model.schema import TABLES
from ui.session import STATE_READY, ReportSession
from ui.table_layout import form_grid

CellKey = tuple[str, str, str]
Order = tuple[int, int, int]  # (table, grid row, grid column), or (len(TABLES), finding, 0)

BEFORE_ALL: Order = (-1, -1, -1)
AFTER_ALL: Order = (len(TABLES) + 1, 0, 0)


@dataclass(frozen=True)
class Stop:
    """One problem to visit: where it is, its cell (None for a finding without one)."""

    order: Order
    cell: CellKey | None
    finding: Finding


def cell_order(session: ReportSession, table: str, row: str, col: str | None) -> Order | None:
    """Where a cell comes in reading order; for a whole row (`col` None), its first cell."""
    report = session.report
    if report is None or table not in TABLES:
        return None
    grid = form_grid(report.schema(table))
    if grid is None or not report.has_table(table):
        return None
    t = TABLES.index(table)
    if col is not None:
        place = grid.places.get((row, col))
        return (t, *place) if place is not None else None
    places = [place for (r, _c), place in grid.places.items() if r == row]
    return (t, *min(places)) if places else None


def _first_cell(session: ReportSession, finding: Finding) -> tuple[Order, CellKey] | None:
    best: tuple[Order, CellKey] | None = None
    for ref in finding.cells:
        order = cell_order(session, ref.table, ref.row, ref.col)
        if order is None:
            continue
        if ref.col is None:
            grid = form_grid(session.report.schema(ref.table)) if session.report else None
            assert grid is not None
            row_id, col_id = grid.values[(order[1], order[2])]
            key = (ref.table, row_id, col_id)
        else:
            key = (ref.table, ref.row, ref.col)
        if best is None or order < best[0]:
            best = (order, key)
    return best


def problem_stops(session: ReportSession) -> list[Stop]:
    """The session's stops in order."""
    if session.state != STATE_READY:
        return []
    stops: list[Stop] = []
    seen: set[CellKey] = set()
    for i, finding in enumerate(session.findings):
        first = _first_cell(session, finding)
        if first is None:
            stops.append(Stop((len(TABLES), i, 0), None, finding))
        elif first[1] not in seen:
            seen.add(first[1])
            stops.append(Stop(first[0], first[1], finding))
    stops.sort(key=lambda stop: stop.order)
    return stops


def finding_order(session: ReportSession, finding: Finding) -> Order | None:
    """Where a finding's stop is (None when it is not one of the session's)."""
    for i, f in enumerate(session.findings):
        if f is finding:
            first = _first_cell(session, finding)
            return first[0] if first is not None else (len(TABLES), i, 0)
    return None


def step(stops: list[Stop], position: Order | None, forward: bool) -> Stop | None:
    """The stop after (`forward`) or before `position`; None past the end."""
    if forward:
        start = BEFORE_ALL if position is None else position
        return next((s for s in stops if s.order > start), None)
    start = AFTER_ALL if position is None else position
    return next((s for s in reversed(stops) if s.order < start), None)


@dataclass(frozen=True)
class Move:
    """Where F8 goes: the session and stop, and whether it left the report or wrapped."""

    session: ReportSession
    stop: Stop
    crossed: bool  # another report
    wrapped: bool  # past the end (or start) of the batch, or of the only report with problems


def next_move(
    sessions: list[ReportSession], current: ReportSession | None, position: Order | None, forward: bool
) -> Move | None:
    """The next stop from `position` in `current`, else in the next report with problems in
    `sessions` (the list's order), wrapping; None when no report has any."""
    if current is not None:
        found = step(problem_stops(current), position, forward)
        if found is not None:
            return Move(current, found, False, False)
    n = len(sessions)
    here = sessions.index(current) if current in sessions else (-1 if forward else n)
    for k in range(1, n + 1):
        i = here + k if forward else here - k
        session = sessions[i % n]
        stops = problem_stops(session)
        if stops:
            wrapped = not 0 <= i < n
            stop = stops[0] if forward else stops[-1]
            return Move(session, stop, session is not current, wrapped or session is current)
    return None
