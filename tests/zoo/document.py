"""A report before it is laid out: prose, the tables as printed texts, and what to expect.

`build_doc` turns a table set into a `Doc`: every table cell as the text a report prints
(`Row.cells`), every label as printed, and the sentences around them. Transforms
(`tests.zoo.transforms`) and perturbations (`tests.zoo.perturb`) edit a doc in place —
a placeholder for a zero, a typo in a label, a page footer inside a row — and record in
the doc what that changes in the expectation. Layouts (`tests.zoo.layouts`) then write
the doc out as a file.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from tests.zoo import form
from tests.zoo.form import F2019, F2021, T2, T3, T4, CellKey
from tests.zoo.prose import Prose, heading, make_prose
from tests.zoo.tablesets import Number, TableSet


@dataclass
class Break:
    """A page break inside a table: the page's footer stands where the break falls (between
    two rows, or between two cells of one row)."""

    footer: str


Cell = str | Break


@dataclass
class Row:
    """One printed row: its id, its label, its cells as printed, the group labels to its left."""

    id: str
    label: str
    cells: list[Cell]
    groups: tuple[str, ...] = ()

    def texts(self) -> list[str]:
        return [c for c in self.cells if isinstance(c, str)]


@dataclass
class Block:
    """One block of 表二 as printed."""

    heading: str
    col_labels: list[str]
    rows: list[Row]
    break_after_heading: Break | None = None


@dataclass(frozen=True)
class Expected:
    """An error-severity finding the case legitimately draws, and the rows it may concern.

    `required`: the program must raise it (at least once)."""

    rule: str
    table: str | None = None
    rows: frozenset[str] | None = None
    required: bool = True


BLANK = "blank"  # printed as a placeholder (无, —, /): None with EMPTY_CELL
ABSENT = "absent"  # a row the report does not print: None (its ROW_MISSING is expected)


@dataclass
class Doc:
    ts: TableSet
    prose: Prose
    headings: dict[int, str]
    t2: list[Block]
    t3_note: str
    t3_col_labels: list[str]
    t3_items: list[Row | Break]
    t4_row_labels: list[str]
    t4_col_labels: list[str]
    t4_cells: list[Cell]
    t3_extra_col: str | None = None  # an 8th column the form does not have (备注)
    blank: set[CellKey] = field(default_factory=set)
    expected: list[Expected] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # what was done to it, for reports

    def t3_rows(self) -> list[Row]:
        return [item for item in self.t3_items if isinstance(item, Row)]

    def t2_rows(self) -> list[Row]:
        return [row for block in self.t2 for row in block.rows]

    def all_rows(self) -> list[tuple[str, Row]]:
        return [(T2, r) for r in self.t2_rows()] + [(T3, r) for r in self.t3_rows()]

    def expected_cells(self) -> dict[CellKey, Number | str]:
        """Every cell the program must show, with its value, or BLANK / ABSENT."""
        ts = self.ts
        out: dict[CellKey, Number | str] = {}
        printed = set(ts.cells())
        for key in form.form_cells(ts.format, ts.single_other):
            if key not in printed:
                out[key] = ABSENT
            elif key in self.blank:
                out[key] = BLANK
            else:
                out[key] = ts.values[key]
        return out


# ---- numbers as printed -------------------------------------------------------------------


def count_text(n: Number) -> str:
    return str(n)


def decimal_text(v: Number) -> str:
    """A figure as reports print it: whole numbers bare, money with at least two decimals."""
    if isinstance(v, int):
        return str(v)
    d = Decimal(repr(v))
    text = format(d, "f")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def yuan_text(v_wan: Number) -> str:
    """A sum in 万元 written in 元 (at most two decimals: the zoo's money has at most six in 万元)."""
    d = (Decimal(repr(v_wan)) * 10000).normalize()
    text = format(d, "f")
    return text


PROCUREMENT_STYLES = ("header", "cell", "yuan", "bare")


def _t2_blocks(ts: TableSet, rng: random.Random) -> list[Block]:
    style = rng.choice(PROCUREMENT_STYLES)
    blocks = []
    for block in form.T2_BLOCKS[ts.format]:
        col_labels = list(block.col_labels)
        rows = []
        for row in block.rows:
            cells: list[Cell] = []
            for col in row.cols:
                v = ts.get(T2, row.id, col)
                if form.is_amount(ts.format, row.id, col):
                    text = decimal_text(v)
                    if ts.format == F2019:
                        if style == "cell" and v:
                            text += "万元"
                        elif style == "yuan":
                            text = yuan_text(v) + "元"
                    cells.append(text)
                else:
                    cells.append(count_text(v))
            rows.append(Row(row.id, row.label, cells))
        if ts.format == F2019 and block.rows[-1].id == "procurement" and style == "header":
            col_labels[-1] = "采购总金额（单位：万元）"
        blocks.append(Block(block.heading, col_labels, rows))
    return blocks


def build_doc(ts: TableSet, rng: random.Random) -> Doc:
    """The plain printed form of a table set, with its prose."""
    prose = make_prose(ts, rng)
    t3_items: list[Row | Break] = [
        Row(row.id, row.label, [count_text(ts.get(T3, row.id, c)) for c in form.T3_COLS], row.groups)
        for row in form.t3_rows(ts.format, ts.single_other)
    ]
    t4_cells: list[Cell] = [count_text(ts.get(T4, r, c)) for r in form.T4_ROWS for c in form.T4_COLS]
    doc = Doc(
        ts,
        prose,
        {n: heading(n) for n in range(1, 7)},
        _t2_blocks(ts, rng),
        form.T3_NOTE,
        list(form.T3_COL_LABELS),
        t3_items,
        list(form.T4_ROW_LABELS),
        list(form.T4_COL_LABELS),
        t4_cells,
    )
    if ts.format == F2021 and ts.single_other:
        doc.expected.append(Expected("ROW_MISSING", T3, frozenset(form.OTHER_SUB_ROWS)))
    for (table, row, col), v in ts.values.items():
        if v < 0 and not (table == T2 and ts.format == F2019 and col == "change"):
            doc.expected.append(Expected("NEGATIVE", table, frozenset([row])))
    return doc
