"""Roll-up: a selection of reports summed into one set of tables in the official layout.

`roll_up(reports)` sums each form apart (2021 with 2021, 2019 with 2019): one `RollUp` per
form present, each table a pandas DataFrame indexed by the canonical row ids with the
column ids as columns (FORMAT.md §2), beside it the number of reports behind each sum
(`counted`) and the number that left the cell blank (`blanks`: blank, uncertain, not a
number or a deleted row — excluded from the sum, and counted). A cell no report of the
selection holds is None, never 0. Reports that hold no form (older reports, files that
could not be read) are named in `left_out` with the reason.

`roll_up_shared(reports)` sums reports of both forms only over the cells the two forms
share (表三 but （六）其他处理, 表四, 表二's 处理决定数量) and names the cells it left out.
`beside(report, rollup)` puts one report next to the roll-up of others (a county
government's own report beside the sum of its departments), with the difference per cell;
`beside_others(report, others)` chooses that roll-up: the report's own form when every
other report is in it, else the cells both forms share (the rest named, never mixed).
Pure: pandas and numpy, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from model.report import Number, Report
from model.schema import (
    FORMAT_2019,
    FORMAT_2021,
    TABLE3,
    TABLE3_2021_SINGLE_OTHER,
    TABLES,
    TableSchema,
    table_schema,
)

FORMS = (FORMAT_2021, FORMAT_2019)  # the order in which roll-ups are listed
SHARED = "shared"  # the `format` of a roll-up of both forms over the cells they share

# Why a report is not in any roll-up.
LEFT_UNREADABLE = "unreadable"  # the file could not be read
LEFT_NO_FORM = "no_form"  # an older report, or one whose format is unknown: no tables of the form

CellId = tuple[str, str, str]
_DECIMALS = 6  # sums of money in 万元: float noise is cut, real decimals kept


@dataclass
class RollUp:
    """The sum of reports in one form (or over the cells both forms share)."""

    format: str
    paths: list[str]
    schemas: dict[str, TableSchema]
    sums: dict[str, pd.DataFrame]  # table -> rows × cols, NaN where nothing was summed
    counted: dict[str, pd.DataFrame]  # reports behind each sum
    blanks: dict[str, pd.DataFrame]  # reports holding the table but not a figure in the cell
    lacking: dict[str, int]  # reports without the table at all
    not_shared: list[CellId] = field(default_factory=list)  # SHARED only: the cells left out

    @property
    def reports(self) -> int:
        return len(self.paths)

    def cells(self, table: str) -> list[tuple[str, str]]:
        """The (row, col) of `table` this roll-up holds, in the form's order."""
        return [(r, c) for r, c in self.schemas[table].cells() if (table, r, c) not in self._left]

    @property
    def _left(self) -> set[CellId]:
        return set(self.not_shared)

    def value(self, table: str, row: str, col: str) -> Number | None:
        """The sum in one cell; None when no report holds a figure there."""
        frame = self.sums.get(table)
        if frame is None or row not in frame.index or col not in frame.columns:
            return None
        return _number(frame.at[row, col])

    def count(self, table: str, row: str, col: str) -> int:
        frame = self.counted.get(table)
        if frame is None or row not in frame.index or col not in frame.columns:
            return 0
        return int(frame.at[row, col])

    def blank(self, table: str, row: str, col: str) -> int:
        frame = self.blanks.get(table)
        if frame is None or row not in frame.index or col not in frame.columns:
            return 0
        return int(frame.at[row, col])

    def as_json(self) -> dict[str, Any]:
        """`{"reports": N, "format": ..., "tables": {…FORMAT.md §4…}, "counted": {…}}`."""
        tables: dict[str, dict[str, dict[str, Number | None]]] = {}
        counted: dict[str, dict[str, dict[str, int]]] = {}
        for table in self.schemas:
            tables[table], counted[table] = {}, {}
            for row, col in self.cells(table):
                tables[table].setdefault(row, {})[col] = self.value(table, row, col)
                counted[table].setdefault(row, {})[col] = self.count(table, row, col)
        return {"reports": self.reports, "format": self.format, "tables": tables, "counted": counted}


@dataclass
class RollUps:
    """Every roll-up of a selection: one per form present, and the reports left out."""

    forms: list[RollUp]
    left_out: list[tuple[str, str]]  # (path, LEFT_*)

    def of(self, fmt: str) -> RollUp | None:
        return next((r for r in self.forms if r.format == fmt), None)

    def as_json(self) -> list[dict[str, Any]]:
        return [r.as_json() for r in self.forms]


def _number(value: Any) -> Number | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    as_float = round(float(value), _DECIMALS)
    return int(as_float) if as_float.is_integer() and abs(as_float) < 2**53 else as_float


def form_schemas(fmt: str, reports: Iterable[Report] = ()) -> dict[str, TableSchema]:
    """The tables of `fmt` as the roll-up lays them out: a 2021 表三 gains the single
    （六）其他处理 row when a report summed prints it (its figures count in the sums)."""
    schemas = {t: s for t in TABLES if (s := table_schema(t, fmt)) is not None}
    if fmt == FORMAT_2021 and any(("other", "total") in r.tables.get(TABLE3, {}) for r in reports):
        schemas[TABLE3] = TABLE3_2021_SINGLE_OTHER
    return schemas


def _summed(fmt: str, reports: Sequence[Report], schemas: dict[str, TableSchema], skip: set[CellId]) -> RollUp:
    """Sum `reports` over the cells of `schemas` (but `skip`): numpy for the arithmetic,
    a DataFrame per table for the result."""
    sums: dict[str, pd.DataFrame] = {}
    counted: dict[str, pd.DataFrame] = {}
    blanks: dict[str, pd.DataFrame] = {}
    lacking: dict[str, int] = {}
    for table, schema in schemas.items():
        rows, cols = list(schema.row_ids()), schema.all_cols()
        row_at = {r: i for i, r in enumerate(rows)}
        col_at = {c: j for j, c in enumerate(cols)}
        on_form = np.zeros((len(rows), len(cols)), dtype=bool)
        for row in schema.rows:
            for col in row.cols:
                if (table, row.id, col) not in skip:
                    on_form[row_at[row.id], col_at[col]] = True
        values = np.full((len(reports), len(rows), len(cols)), np.nan)
        holding = np.zeros(len(reports), dtype=bool)
        for k, report in enumerate(reports):
            cells = report.tables.get(table)
            if not cells:
                continue
            holding[k] = True
            plane = values[k]
            for (row_id, col_id), cell in cells.items():
                if cell.value is None:
                    continue
                i, j = row_at.get(row_id), col_at.get(col_id)
                if i is not None and j is not None:
                    plane[i, j] = cell.value
        values[:, ~on_form] = np.nan
        has = ~np.isnan(values)
        count = has.sum(axis=0)
        total = np.where(count > 0, np.nansum(values, axis=0), np.nan)
        blank = np.where(on_form, holding.sum() - count, 0)
        sums[table] = pd.DataFrame(total, index=rows, columns=cols)
        counted[table] = pd.DataFrame(np.where(on_form, count, 0), index=rows, columns=cols)
        blanks[table] = pd.DataFrame(blank, index=rows, columns=cols)
        lacking[table] = int(len(reports) - holding.sum())
    return RollUp(fmt, [r.path for r in reports], schemas, sums, counted, blanks, lacking, sorted(skip))


def roll_up(reports: Sequence[Report]) -> RollUps:
    """The selection summed, each form apart (see the module's docstring)."""
    by_form: dict[str, list[Report]] = {f: [] for f in FORMS}
    left: list[tuple[str, str]] = []
    for report in reports:
        if report.error:
            left.append((report.path, LEFT_UNREADABLE))
        elif report.format in by_form:
            by_form[report.format].append(report)
        else:
            left.append((report.path, LEFT_NO_FORM))
    forms = [_summed(f, rs, form_schemas(f, rs), set()) for f, rs in by_form.items() if rs]
    return RollUps(forms, left)


def shared_cells() -> tuple[set[CellId], set[CellId]]:
    """(the cells both forms have, the cells only one has): by canonical id, which FORMAT.md
    gives the same meaning on both forms."""
    of = {f: {(t, r, c) for t, s in form_schemas(f).items() for r, c in s.cells()} for f in FORMS}
    both = of[FORMAT_2021] & of[FORMAT_2019]
    return both, (of[FORMAT_2021] | of[FORMAT_2019]) - both


def roll_up_shared(reports: Sequence[Report]) -> RollUp:
    """Reports of both forms summed over the cells the forms share, laid out as the 2021
    form; `not_shared` names the 2021 cells left out (the 2019-only cells are in the
    2019 roll-up)."""
    readable = [r for r in reports if not r.error and r.format in FORMS]
    both, _ = shared_cells()
    schemas = form_schemas(FORMAT_2021)
    skip = {(t, r, c) for t, s in schemas.items() for r, c in s.cells() if (t, r, c) not in both}
    return _summed(SHARED, readable, schemas, skip)


@dataclass
class Beside:
    """One report next to a roll-up of others in its form: per table the report's figures,
    the sums and the difference (report − sum) where both hold a figure."""

    report: Report
    rollup: RollUp
    own: dict[str, pd.DataFrame]
    difference: dict[str, pd.DataFrame]
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (path, LEFT_*): others not summed

    def __post_init__(self) -> None:
        self._skip = set(self.rollup.not_shared)

    def shown(self, table: str, row: str, col: str) -> bool:
        """True when the cell is compared (False for a cell the two forms do not share)."""
        return (table, row, col) not in self._skip

    def own_value(self, table: str, row: str, col: str) -> Number | None:
        frame = self.own.get(table)
        if frame is None or row not in frame.index or col not in frame.columns:
            return None
        return _number(frame.at[row, col])

    def diff(self, table: str, row: str, col: str) -> Number | None:
        """The report's figure minus the sum; None where either is blank."""
        frame = self.difference.get(table)
        if frame is None or row not in frame.index or col not in frame.columns:
            return None
        return _number(frame.at[row, col])

    def differing(self) -> list[tuple[CellId, Number, Number, Number]]:
        """(cell, the report's figure, the sum, the difference) for every cell that differs."""
        out: list[tuple[CellId, Number, Number, Number]] = []
        for table, frame in self.difference.items():
            for (row, col), diff in frame.stack().dropna().items():
                d = _number(diff)
                if d:
                    own, total = _number(self.own[table].at[row, col]), self.rollup.value(table, row, col)
                    assert own is not None and total is not None
                    out.append(((table, str(row), str(col)), own, total, d))
        return out


def beside(report: Report, rollup: RollUp) -> Beside:
    """`report` beside `rollup` (which should not include it); the report's form must be the
    roll-up's, or the roll-up is over the cells both forms share (`SHARED`)."""
    if report.format != rollup.format and not (rollup.format == SHARED and report.format in FORMS):
        raise ValueError(f"a {report.format} report beside a {rollup.format} roll-up")
    left = rollup._left
    own: dict[str, pd.DataFrame] = {}
    difference: dict[str, pd.DataFrame] = {}
    for table, sums in rollup.sums.items():
        mine = pd.DataFrame(np.nan, index=sums.index, columns=sums.columns)
        for (row, col), cell in report.tables.get(table, {}).items():
            if cell.value is not None and row in mine.index and col in mine.columns and (table, row, col) not in left:
                mine.at[row, col] = cell.value
        own[table] = mine
        difference[table] = mine - sums  # NaN wherever either side is blank
    return Beside(report, rollup, own, difference)


def beside_others(report: Report, others: Sequence[Report]) -> Beside:
    """`report` beside the sum of `others` (the report itself is never summed): the roll-up in
    the report's form when every other report with tables is in it, else the roll-up over the
    cells both forms share, the others named in `not_shared`. Reports without a form are
    left out and named in `left_out`."""
    if report.error or report.format not in FORMS:
        raise ValueError(f"a {report.format} report has no tables of the form to compare")
    rest = [r for r in others if r is not report]
    ups = roll_up(rest)
    if all(f.format == report.format for f in ups.forms):
        summed = [r for r in rest if not r.error and r.format == report.format]
        rollup = _summed(report.format, summed, form_schemas(report.format, [report, *summed]), set())
    else:
        rollup = roll_up_shared(rest)
    result = beside(report, rollup)
    result.left_out = ups.left_out
    return result


def unshared_rows(formats: Iterable[str]) -> dict[str, dict[str, list[str]]]:
    """{format: {table: [row ids]}}: the rows of each form holding a cell the other form
    lacks (what a roll-up over the shared cells leaves out), in the form's order."""
    _, only = shared_cells()
    out: dict[str, dict[str, list[str]]] = {}
    for fmt in formats:
        for table, schema in form_schemas(fmt).items():
            rows = [r.id for r in schema.rows if any((table, r.id, c) in only for c in r.cols)]
            if rows:
                out.setdefault(fmt, {})[table] = rows
    return out
