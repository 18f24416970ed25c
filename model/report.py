"""The `Report`: one annual report as the audit sees it.

A report holds the text shown to the officer, what was found about it (agency, year,
format, dates, sections) and its cells. Each cell keeps the raw text it was read from,
the span of that text, and its value. Edits go through `set_value`, which keeps the
parsed value so a correction can always be shown and reverted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from model.claims import CellClaim, SumClaim
from model.schema import TABLE3, TABLES, TableSchema, table_schema

if TYPE_CHECKING:
    import pandas as pd

Number = int | float
CellKey = tuple[str, str, str]  # (table, row, col)

# How a cell's raw text was judged.
STATUS_OK = "ok"
STATUS_BLANK = "blank"  # nothing written, or a placeholder such as / or —
STATUS_TEXT = "text"  # words where a number belongs
STATUS_UNCERTAIN = "uncertain"  # the recognizer could not place a value here with certainty
STATUS_MISSING = "missing"  # the row or column is absent from the report


@dataclass(slots=True)
class Cell:
    """One cell of the form: parsed raw text, its span in the shown text, its value."""

    value: Number | None = None
    raw: str = ""
    span: tuple[int, int] | None = None
    status: str = STATUS_BLANK
    note: str = ""  # how the value was derived when not read literally (unit, split)
    parsed_value: Number | None = None
    parsed_status: str = STATUS_BLANK
    edited: bool = False

    def remember_parsed(self) -> None:
        self.parsed_value = self.value
        self.parsed_status = self.status

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as the call that makes it: a batch's reports come from worker processes,
        # hundreds of cells each, and this unpickles in half the time of the slots' default.
        return (
            Cell,
            (
                self.value,
                self.raw,
                self.span,
                self.status,
                self.note,
                self.parsed_value,
                self.parsed_status,
                self.edited,
            ),
        )


@dataclass
class Section:
    """One of the six sections: its number (1–6), title span and body span."""

    number: int
    title: str
    start: int
    end: int


@dataclass
class LabelIssue:
    """A label that differs from the official wording (LABEL_ALTERED)."""

    table: str
    row: str | None
    col: str | None
    found: str
    official: str
    span: tuple[int, int] | None


@dataclass(frozen=True)
class Uncertainty:
    """Cells the recognizer could not fill with certainty (UNCERTAIN_CELL), read from one
    stretch of the source.

    `options` are the readings that satisfy every identity of the form, each giving one
    value per cell of `cells` in order; it is empty when there are none, or too many to
    name. `reason` is a code the messages turn into words (see `UNCERTAIN_REASONS`).
    """

    table: str
    cells: tuple[tuple[str, str], ...]  # (row, col)
    raw: str
    span: tuple[int, int] | None
    reason: str
    options: tuple[tuple[Number, ...], ...] = ()


# Why cells were left uncertain.
UNCERTAIN_SPLITS = "splits"  # digits run together, several splits satisfy the arithmetic
UNCERTAIN_NO_SPLIT = "no_split"  # digits run together, no split satisfies the arithmetic
UNCERTAIN_TOO_MANY = "too_many"  # digits run together, too many ways to split them to name
UNCERTAIN_NO_RULE = "no_rule"  # digits run together in a row the form gives no arithmetic for
UNCERTAIN_TOO_LONG = "too_long"  # a figure far longer than any real count
UNCERTAIN_UNALIGNED = "unaligned"  # figures the recognizer could not tie to a row or column
UNCERTAIN_OCR = "ocr"  # a scan's digit read with too little confidence
UNCERTAIN_OCR_CONFUSABLE = "ocr_confusable"  # a scan's figure the arithmetic wants one confusable digit changed
UNCERTAIN_REASONS = (
    UNCERTAIN_SPLITS,
    UNCERTAIN_NO_SPLIT,
    UNCERTAIN_TOO_MANY,
    UNCERTAIN_NO_RULE,
    UNCERTAIN_TOO_LONG,
    UNCERTAIN_UNALIGNED,
    UNCERTAIN_OCR,
    UNCERTAIN_OCR_CONFUSABLE,
)


@dataclass(frozen=True)
class ScanPage:
    """One page of a scanned report as OCR read it: its size in pixels at the scan's dpi
    once turned upright, and the angle (degrees) it was turned by."""

    width: int
    height: int
    angle: float = 0.0


@dataclass
class ScanLayout:
    """Where a scanned report's figures stand on its pages, for the window to show the
    page image beside the cells: `places[offset]` is the page and box (pixels of the
    upright page at `dpi`) of the digit at that offset of the shown text."""

    dpi: int
    pages: list[ScanPage] = field(default_factory=list)
    places: dict[int, tuple[int, float, float, float, float]] = field(default_factory=dict)

    def boxes(self, start: int, end: int) -> list[tuple[int, float, float, float, float]]:
        """The boxes of the digits in the shown text's [start, end), merged per page."""
        merged: dict[int, list[float]] = {}
        for offset in range(start, end):
            place = self.places.get(offset)
            if place is None:
                continue
            page, x0, top, x1, bottom = place
            box = merged.get(page)
            if box is None:
                merged[page] = [x0, top, x1, bottom]
            else:
                box[:] = [min(box[0], x0), min(box[1], top), max(box[2], x1), max(box[3], bottom)]
        return [(page, *box) for page, box in sorted(merged.items())]  # type: ignore[misc]

    def offset_at(self, page: int, x: float, y: float) -> int | None:
        """The shown-text offset of the digit at (x, y) on a page, or of the nearest one
        within a line's height."""
        best, best_distance = None, 900.0
        for offset, (p, x0, top, x1, bottom) in self.places.items():
            if p != page:
                continue
            dx = max(x0 - x, 0.0, x - x1)
            dy = max(top - y, 0.0, y - bottom)
            distance = dx * dx + dy * dy
            if distance < best_distance:
                best, best_distance = offset, distance
        return best


@dataclass
class Report:
    """A parsed report: text, metadata, sections and the canonical cells."""

    path: str
    text: str = ""
    sha256: str = ""
    agency: str | None = None
    # Where the parser found the agency and the name it read there: ("signature" | "title" |
    # "text" | "none", name). The deadline rule judges the agency's kind only by a full name
    # from the title or the signature, or by the officer's correction (model/deadline.py).
    agency_read: tuple[str, str] | None = None
    year: int | None = None
    format: str = "unknown"
    signed_date: dt.date | None = None
    published_date: dt.date | None = None
    date_span: tuple[int, int] | None = None  # where the date the deadline is judged by stands
    error: str | None = None
    sections: list[Section] = field(default_factory=list)
    # tables[table][(row, col)] -> Cell; only tables found in the report are present
    tables: dict[str, dict[tuple[str, str], Cell]] = field(default_factory=dict)
    table_spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    label_issues: list[LabelIssue] = field(default_factory=list)
    # row or column ids absent from a table that is present: (table, row, col); one is None
    missing: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    # What the narrative states: totals with parts, and figures for table cells.
    sum_claims: list[SumClaim] = field(default_factory=list)
    cell_claims: list[CellClaim] = field(default_factory=list)
    # Cells left blank because the recognizer was not sure (UNCERTAIN_CELL).
    uncertain: list[Uncertainty] = field(default_factory=list)
    # The file holds no recognisable annual report (NOT_A_REPORT).
    not_a_report: bool = False
    # A scanned report: where its figures stand on the page images (None for other files).
    scan: ScanLayout | None = None

    # ---- reading -------------------------------------------------------------------

    def schema(self, table: str) -> TableSchema | None:
        """The table's rows and columns as this report prints them (see `table_schema`)."""
        single_other = table == TABLE3 and ("other", "total") in self.tables.get(TABLE3, {})
        return table_schema(table, self.format, single_other=single_other)

    def has_table(self, table: str) -> bool:
        return table in self.tables

    def cell(self, table: str, row: str, col: str) -> Cell | None:
        return self.tables.get(table, {}).get((row, col))

    def value(self, table: str, row: str, col: str) -> Number | None:
        cell = self.cell(table, row, col)
        return None if cell is None else cell.value

    def frame(self, table: str) -> pd.DataFrame:
        """The table as a DataFrame indexed by row ids, columns the column ids."""
        import pandas as pd

        schema = self.schema(table)
        if schema is None:
            return pd.DataFrame()
        cols = schema.all_cols()
        data: list[list[Any]] = []
        for row in schema.rows:
            data.append([self.value(table, row.id, c) if c in row.cols else None for c in cols])
        return pd.DataFrame(data, index=schema.row_ids(), columns=cols, dtype=object)

    def tables_json(self) -> dict[str, dict[str, dict[str, Number | None]]]:
        """Every cell of the report's format, blank or unreadable as None (FORMAT.md §4)."""
        out: dict[str, dict[str, dict[str, Number | None]]] = {}
        for table in TABLES:
            schema = self.schema(table)
            if schema is None:
                continue
            rows: dict[str, dict[str, Number | None]] = {}
            for row in schema.rows:
                rows[row.id] = {c: self.value(table, row.id, c) for c in row.cols}
            out[table] = rows
        return out

    # ---- editing -------------------------------------------------------------------

    def set_value(self, table: str, row: str, col: str, value: Number | None) -> Number | None:
        """Set a cell's value as the officer typed it; returns the previous value."""
        cells = self.tables.setdefault(table, {})
        cell = cells.get((row, col))
        if cell is None:
            cell = Cell(status="missing")
            cell.remember_parsed()
            cells[(row, col)] = cell
        old = cell.value
        cell.value = value
        cell.status = STATUS_OK if value is not None else STATUS_BLANK
        cell.edited = value != cell.parsed_value or cell.status != cell.parsed_status
        if not cell.edited:
            cell.status = cell.parsed_status
        return old

    def restore(self, table: str, row: str, col: str, value: Number | None, status: str, edited: bool) -> None:
        """Put a cell back exactly as it was (the inverse of an edit, for undo)."""
        cell = self.cell(table, row, col)
        if cell is None:
            return
        cell.value, cell.status, cell.edited = value, status, edited

    META_FIELDS = ("agency", "year", "format")

    def set_meta(self, field_name: str, value: Any) -> Any:
        """Correct the agency, report year or table format; returns the previous value."""
        if field_name not in self.META_FIELDS:
            raise KeyError(field_name)
        old = getattr(self, field_name)
        setattr(self, field_name, value)
        return old

    def revert(self, table: str, row: str, col: str) -> None:
        cell = self.cell(table, row, col)
        if cell is not None:
            cell.value = cell.parsed_value
            cell.status = cell.parsed_status
            cell.edited = False
