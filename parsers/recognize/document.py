"""From shown text to a `Report`: sections, metadata, format and the three tables.

Each step is a small function of its own (sections and regions, the format, the table
readers over the region's token stream, the narrative's figures); this module runs them
in order and keeps what each found on the report. The figures the narrative states for
table cells are handed to the table readers as pins: they may settle between several
splits of run-together digits, never override a reading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from model.claims import CellClaim
from model.report import Report, Uncertainty
from model.schema import (
    FORMAT_2019,
    FORMAT_2021,
    FORMAT_PRE2019,
    FORMAT_UNKNOWN,
    TABLE2,
    TABLE3,
    TABLE4,
    TABLE_FORMATS,
)
from parsers.recognize import stream
from parsers.recognize.meta import date_span, detect_format, find_published, find_signature, find_year, read_agency
from parsers.recognize.narrative import find_cell_claims, find_sum_claims
from parsers.recognize.sections import Regions, find_regions, find_sections
from parsers.recognize.solve import Pin
from parsers.recognize.table2 import read_table2
from parsers.recognize.table3 import read_table3
from parsers.recognize.table4 import read_table4
from parsers.recognize.tableread import TableRead

# A report of a year before 2019 holds the new form's tables only if this much of them is
# really there: an old 政府信息公开情况统计表 names a row or two, not the form.
_REAL_T3_ROWS = 10
_REAL_T2_ROWS = 3


def _region_text(text: str, *regions: tuple[int, int] | None) -> str:
    return "\n".join(text[a:b] for r in regions if r for a, b in [r])


def decide_format(text: str, regions: Regions, year: int | None) -> str:
    """The table format, from labels; the year only decides when no label does."""
    tables_text = _region_text(text, regions.table2, regions.table3)
    fmt = detect_format(tables_text) if tables_text else None
    if fmt is None:
        fmt = detect_format(text)
    if fmt is not None:
        return fmt
    if regions.table3 is not None:
        read = read_table3(stream.tokenize(text, *regions.table3), FORMAT_2021)
        rows = {row for row, _ in read.cells}
        if "other" in rows and not rows & {"other.no_correction", "other.unpaid_fee", "other.other"}:
            # The single （六）其他处理 row is the 2019 form's (or a 2021 report's variant).
            return FORMAT_2021 if year is not None and year >= 2021 else FORMAT_2019
        if read.found:
            return FORMAT_2021
    if year is not None and year < 2019:
        return FORMAT_PRE2019
    if year is not None:
        # A report of the new era without any of the form's tables.
        return FORMAT_2021 if year >= 2021 else FORMAT_2019
    return FORMAT_UNKNOWN


def _pins(claims: Sequence[CellClaim], table: str) -> list[Pin]:
    """The exact claims on `table` as pins: a claim whose words allow other readings
    (受理N件 may count last year's too) pins nothing. The solver works in the cells' numbers;
    a claim's Decimal (fees in 万元) is at most ten digits, exact enough as a float."""
    return [
        Pin(tuple(c.cells), float(c.value) if isinstance(c.value, Decimal) else c.value)
        for c in claims
        if c.table == table and not c.alternatives
    ]


def read_tables(text: str, regions: Regions, fmt: str, claims: Sequence[CellClaim] = ()) -> dict[str, TableRead]:
    reads: dict[str, TableRead] = {}
    if fmt not in TABLE_FORMATS:
        return reads
    if regions.table2:
        reads[TABLE2] = read_table2(stream.tokenize(text, *regions.table2), fmt, _pins(claims, TABLE2))
    if regions.table3:
        reads[TABLE3] = read_table3(stream.tokenize(text, *regions.table3), fmt, _pins(claims, TABLE3))
    if regions.table4:
        reads[TABLE4] = read_table4(stream.tokenize(text, *regions.table4), _pins(claims, TABLE4))
    return reads


def _really_there(reads: dict[str, TableRead]) -> bool:
    """Whether the form's tables are in the text, not a row name or two."""
    t3 = reads.get(TABLE3)
    t2 = reads.get(TABLE2)
    t3_rows = {row for row, _ in t3.cells} if t3 else set()
    t2_rows = {row for row, _ in t2.cells} if t2 else set()
    return len(t3_rows) >= _REAL_T3_ROWS or len(t2_rows) >= _REAL_T2_ROWS


def recognize(text: str, path: str = "", sha256: str = "") -> Report:
    """Read a report from its shown (normalised) text."""
    report = Report(path=path, text=text, sha256=sha256)
    report.sections = find_sections(text)
    regions = find_regions(text, report.sections)
    report.year = find_year(text)
    signature = find_signature(text)
    report.agency, where = read_agency(text, signature)
    report.agency_read = (where, report.agency or "")
    _, report.signed_date = signature
    report.published_date = find_published(text)
    judged = report.published_date or report.signed_date
    report.date_span = date_span(text, judged) if judged else None
    fmt = decide_format(text, regions, report.year)
    claims = find_cell_claims(text, fmt) if fmt in TABLE_FORMATS else []
    reads = read_tables(text, regions, fmt, claims)
    if report.year is not None and report.year < 2019 and not _really_there(reads):
        fmt, reads, claims = FORMAT_PRE2019, {}, []
    report.format = fmt
    uncertain: list[Uncertainty] = []
    for table, read in reads.items():
        if not read.found:
            continue
        report.tables[table] = read.cells
        if read.span:
            report.table_spans[table] = read.span
        report.label_issues.extend(read.label_issues)
        report.missing.extend((table, row, None) for row in read.missing_rows)
        report.missing.extend((table, None, col) for col in read.missing_cols)
        uncertain.extend(read.uncertain)
    report.uncertain = uncertain
    spans = list(report.table_spans.values())

    def in_table(start: int) -> bool:
        return any(a <= start < b for a, b in spans)

    report.sum_claims = [c for c in find_sum_claims(text) if not in_table(c.start)]
    report.cell_claims = [c for c in claims if not in_table(c.start)] if fmt in TABLE_FORMATS else []
    report.not_a_report = _not_a_report(report)
    if report.not_a_report:
        report.format = FORMAT_UNKNOWN  # no form to speak of: no year-based guess either
    return report


_TITLE = re.compile(r"政府信息公开.{0,12}(?:年度报告|年报)")
_TITLE_SPAN = 600


def _not_a_report(report: Report) -> bool:
    """No title naming an annual report, no sections to speak of, none of the form's
    figures: a news page, a spreadsheet of something else, a sheet of bare labels."""
    if len(report.sections) >= 2 or _TITLE.search(report.text, 0, _TITLE_SPAN):
        return False
    return not any(cell.value is not None for cells in report.tables.values() for cell in cells.values())
