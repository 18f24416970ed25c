"""Rules on what the text says: sums in sentences, shares, figures that describe table
cells, the fee statement of 2021-format reports, and the publication deadline."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from model import messages
from model.claims import Exact, SumClaim, exact
from model.deadline import deadline as deadline  # where callers found it before model/deadline.py
from model.deadline import report_deadline
from model.findings import ERROR, WARNING, CellRef, Finding
from model.report import Report
from model.schema import FORMAT_2021


def _make(rule: str, severity: str, figures: dict[str, Any], span: tuple[int, int] | None, cells=()) -> Finding:  # type: ignore[no-untyped-def]
    figures = {**figures, "severity": severity}
    return Finding(rule, severity, messages.render(rule, figures), list(cells), span, figures)


def _n(value: Exact) -> Exact:
    """An integral amount as an int (19, not 19.00), for the message."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def narrative_sum(report: Report) -> list[Finding]:
    """共N…，其中a、b…: parts over the total is an error, parts short of it a warning; one
    count over the count it is part of (受理117件，办结171件) an error.

    Only when every reading the text allows disagrees: the total surely heads the list,
    no single item exceeds it (a different base), no run of the first items makes it (the
    rest is other news), the shortest list the text allows already exceeds it, or the list
    says it is complete and falls short.

    The figures keep where the total and each part stand (`marks`), so that the source pane
    can mark them when the finding is selected."""
    out = []
    for claim in report.sum_claims:
        verdict = _sum_verdict(claim)
        if verdict is None:
            continue
        severity, parts = verdict
        s = sum(parts, start=0)
        figures = {
            "total": _n(claim.total.value),
            "unit": claim.total.unit,
            "parts": [_n(p) for p in parts],
            "sum": _n(s),
            "quote": _quote(report.text, claim),
            "marks": [(claim.total.start, claim.total.end)] + [(p.start, p.end) for p in claim.parts[: len(parts)]],
        }
        if claim.order is not None:
            figures["whole_word"], figures["part_word"] = claim.order
        out.append(_make("NARRATIVE_SUM", severity, figures, (claim.start, claim.end)))
    return out


_CLAUSE_BREAKS = "，,；;。！？!?\n"


def _quote(text: str, claim: SumClaim) -> str:
    """The words that state the total: from its 共 (or the start of its clause) to its unit."""
    start = claim.start
    if start == claim.total.start:
        lo = max(0, start - 30)
        start = max(text.rfind(ch, lo, start) for ch in _CLAUSE_BREAKS) + 1 or lo
        start = max(start, lo)
    return text[start : claim.total.end].strip()[-40:]


def _sum_verdict(claim: SumClaim) -> tuple[str, list[Exact]] | None:
    """ERROR or WARNING with the parts it concerns, or None when the claim may add up."""
    total = claim.total.value
    parts = [p.value for p in claim.parts]
    if claim.order is not None:
        return (ERROR, parts) if claim.certain and sum(parts, start=0) > total else None
    if not claim.certain or len(parts) < 2 or any(p > total for p in parts):
        return None
    running: Exact = 0
    for value in parts:
        running += value
        if running == total:
            return None
    shortest = parts[: claim.shortest or len(parts)]
    if sum(shortest, start=0) > total:
        return ERROR, shortest
    if claim.closed and len(shortest) == len(parts) and sum(parts, start=0) < total:
        return WARNING, parts
    return None


def percent(report: Report) -> list[Finding]:
    """A stated share (占61.5%) against its part and total, allowing the printed rounding."""
    out = []
    for claim in report.sum_claims:
        total = claim.total.value
        if claim.order is not None or total <= 0 or not claim.certain or any(p.value > total for p in claim.parts):
            continue  # a share of another base than this total
        for part in claim.parts:
            if part.percent is None:
                continue
            actual = Decimal(part.value) * 100 / Decimal(total)
            decimals = -part.percent.as_tuple().exponent  # type: ignore[operator]
            if abs(actual - part.percent) <= Decimal(5).scaleb(-decimals - 1):
                continue
            figures = {
                "part": _n(part.value),
                "total": _n(total),
                "stated": part.percent,
                "actual": _n(round(actual, 2)),
                "marks": [(claim.total.start, claim.total.end), (part.start, part.end)],
            }
            out.append(_make("PERCENT", WARNING, figures, (part.start, min(len(report.text), part.end + 12))))
    return out


def narrative_table(report: Report) -> list[Finding]:
    """A figure in the text that disagrees with the table cell(s) it describes (in every
    reading its words allow)."""
    out = []
    seen: set[tuple[str, tuple[tuple[str, str], ...], Exact]] = set()
    for claim in report.cell_claims:
        if not report.has_table(claim.table):
            continue
        table_value = _cells_sum(report, claim.table, claim.cells)
        key = (claim.table, claim.cells, claim.value)
        if table_value is None or table_value == claim.value or key in seen:
            continue
        readings = list(claim.alternatives)
        if claim.cells == (("new", "total"),):
            # Some reports count what they handled this year: new plus carried over.
            readings.append((("new", "total"), ("carried_over", "total")))
        if any(_cells_sum(report, claim.table, cells) == claim.value for cells in readings):
            continue
        seen.add(key)
        figures = {
            "what": claim.what,
            "stated": _n(claim.value),
            "table_value": _n(table_value),
            "table_short": messages.TABLE_SHORT[claim.table],
            "cells_label": "＋".join(
                f"{messages.row_label(claim.table, report.format, r)}·{messages.col_label(claim.table, report.format, c)}"
                for r, c in claim.cells
            ),
        }
        refs = [CellRef(claim.table, r, c) for r, c in claim.cells]
        out.append(_make("NARRATIVE_TABLE", ERROR, figures, (claim.start, claim.end), refs))
    return out


def _cells_sum(report: Report, table: str, cells: tuple[tuple[str, str], ...]) -> Exact | None:
    """The exact sum of the cells' values, or None when one is blank."""
    values = [report.value(table, r, c) for r, c in cells]
    if any(v is None for v in values):
        return None
    return sum((exact(v) for v in values if v is not None), start=0)


def fee_not_reported(report: Report) -> list[Finding]:
    """A 2021-format report must state 信息处理费 in section 六."""
    if report.format != FORMAT_2021:
        return []
    six = next((s for s in report.sections if s.number == 6), None)
    body = report.text[six.start : six.end] if six else report.text
    if "处理费" in body:
        return []
    span = (six.start, six.end) if six else None
    return [_make("FEE_NOT_REPORTED", WARNING, {"has_section": six is not None}, span)]


def late_publication(report: Report) -> list[Finding]:
    """The report published or signed after its deadline: the regulation in force for its
    year and the kind of agency its full name describes (model/deadline.py)."""
    when = report.published_date or report.signed_date
    judged = report_deadline(report)
    if when is None or judged is None:
        return []
    due, kind, regulation = judged
    if when <= due:
        return []
    figures = {
        "date": when.isoformat(),
        "dated": "published" if report.published_date else "signed",
        "due": due.isoformat(),
        "kind": kind,
        "regulation": regulation,
        "year": report.year,
    }
    return [_make("LATE_PUBLICATION", WARNING, figures, report.date_span)]


NARRATIVE_RULES = (narrative_sum, percent, narrative_table, fee_not_reported, late_publication)
