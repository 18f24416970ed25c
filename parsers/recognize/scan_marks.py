"""What OCR was not sure of, left blank and uncertain in a scanned report's tables.

A cell holding a digit read with too little confidence (`parsers.read.scan_reader`) is
left blank, its reading offered (UNCERTAIN_OCR). A table whose arithmetic fails where one
digit of a cell, changed for the digit OCR commonly takes it for (8↔3, 1↔7, 0↔6 …), would
make it hold has that cell left blank too, the readings that mend it offered
(UNCERTAIN_OCR_CONFUSABLE): nothing OCR may have guessed is shown as certain.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from model.report import (
    STATUS_UNCERTAIN,
    UNCERTAIN_OCR,
    UNCERTAIN_OCR_CONFUSABLE,
    Number,
    Report,
    Uncertainty,
)

# Digits OCR commonly takes one for another, each with the digits it may really be.
CONFUSABLE: dict[str, str] = {
    "0": "689",
    "1": "74",
    "2": "7",
    "3": "85",
    "4": "1",
    "5": "63",
    "6": "058",
    "7": "12",
    "8": "3069",
    "9": "08",
}
_ARITHMETIC = ("T3_BALANCE", "T3_OUTCOME_SUM", "T3_ROW_TOTAL", "T4_TOTAL")


def mark_uncertain(report: Report, positions: Sequence[int]) -> None:
    """Leave blank and uncertain every cell of a scanned report OCR did not read for sure:
    a cell holding a low-confidence digit (shown-text `positions`), and a cell whose figure
    breaks the arithmetic where one confusable digit changed would mend it."""
    marks = sorted(positions)
    for table, cells in report.tables.items():
        for (row, col), cell in cells.items():
            if cell.span is None or cell.value is None:
                continue
            start, end = cell.span
            i = bisect_left(marks, start)
            if i < len(marks) and marks[i] < end:
                report.uncertain.append(
                    Uncertainty(table, ((row, col),), cell.raw, cell.span, UNCERTAIN_OCR, ((cell.value,),))
                )
                cell.value, cell.status = None, STATUS_UNCERTAIN
                cell.remember_parsed()
    _mark_confusable(report)


def variants(value: object) -> list[int]:
    """The counts one confusable digit changed makes of `value` (whole numbers only)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        return []
    text = str(value)
    out = []
    for i, ch in enumerate(text):
        for other in CONFUSABLE.get(ch, ""):
            changed = text[:i] + other + text[i + 1 :]
            if len(changed) > 1 and changed[0] == "0":
                continue
            out.append(int(changed))
    return out


def _mark_confusable(report: Report) -> None:
    """Cells of failing arithmetic that one confusable digit would mend, left uncertain."""
    from model.rules import audit

    def failing() -> int:
        return sum(1 for f in audit(report) if f.rule in _ARITHMETIC)

    before = [f for f in audit(report) if f.rule in _ARITHMETIC]
    if not before:
        return
    base = len(before)
    suspects = list(dict.fromkeys((c.table, c.row, c.col) for f in before for c in f.cells if c.col is not None))
    found: dict[tuple[str, str, str], list[int]] = {}
    for table, row, col in suspects:
        cell = report.cell(table, row, col)
        if cell is None or cell.value is None or cell.span is None:
            continue
        kept = cell.value
        for value in variants(kept):
            cell.value = value
            if failing() < base:
                found.setdefault((table, row, col), []).append(value)
        cell.value = kept
    for (table, row, col), values in found.items():
        cell = report.cell(table, row, col)
        if cell is None:
            continue
        readings: list[Number] = [*values, *([cell.value] if cell.value is not None else [])]
        options = tuple((v,) for v in dict.fromkeys(readings))
        report.uncertain.append(
            Uncertainty(table, ((row, col),), cell.raw, cell.span, UNCERTAIN_OCR_CONFUSABLE, options)
        )
        cell.value, cell.status = None, STATUS_UNCERTAIN
        cell.remember_parsed()
