"""From shown text to a `Report`: sections, metadata, format and the three tables.

Each step is a small function of its own (sections, regions, format, table readers); this
module only runs them in order and keeps what each found on the report.
"""

from __future__ import annotations

from model.report import STATUS_UNCERTAIN, UNCERTAIN_SPLITS, Report, Uncertainty
from model.schema import (
    FORMAT_2019,
    FORMAT_2021,
    FORMAT_PRE2019,
    FORMAT_UNKNOWN,
    TABLE2,
    TABLE3,
    TABLE3_2019,
    TABLE4,
    table_schema,
)
from parsers.cells import tokenize
from parsers.meta import date_span, detect_format, find_agency, find_published, find_signature, find_year
from parsers.narrative import find_cell_claims, find_sum_claims
from parsers.rowread import TableRead
from parsers.sections import Regions, find_regions, find_sections
from parsers.table2 import read_table2
from parsers.table3 import read_table3
from parsers.table4 import read_table4


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
        a, b = regions.table3
        read = read_table3(tokenize(text, a, b), TABLE3_2019)
        if read.found:
            # The 2019 form has one (六)其他处理 row with figures; the 2021 form splits it.
            other = [c for (row, _), c in read.cells.items() if row == "other" and c.raw]
            return FORMAT_2019 if other else FORMAT_2021
    if year is not None and year < 2019:
        return FORMAT_PRE2019
    if year is not None:
        # A report of the new era without any of the form's tables.
        return FORMAT_2021 if year >= 2021 else FORMAT_2019
    return FORMAT_UNKNOWN


def read_tables(text: str, regions: Regions, fmt: str) -> dict[str, TableRead]:
    reads: dict[str, TableRead] = {}
    schema2, schema3 = table_schema(TABLE2, fmt), table_schema(TABLE3, fmt)
    if schema2 is None or schema3 is None:
        return reads
    if regions.table2:
        reads[TABLE2] = read_table2(tokenize(text, *regions.table2), schema2)
    if regions.table3:
        reads[TABLE3] = read_table3(tokenize(text, *regions.table3), schema3)
    if regions.table4:
        reads[TABLE4] = read_table4(tokenize(text, *regions.table4))
    return reads


def _uncertainties(report: Report) -> list[Uncertainty]:
    """Cells left uncertain, grouped by the stretch of source they were read from."""
    groups: dict[tuple[str, tuple[int, int] | None, str], list[tuple[str, str]]] = {}
    for table, cells in report.tables.items():
        for key, cell in cells.items():
            if cell.status == STATUS_UNCERTAIN:
                groups.setdefault((table, cell.span, cell.raw), []).append(key)
    return [Uncertainty(table, tuple(keys), raw, span, UNCERTAIN_SPLITS) for (table, span, raw), keys in groups.items()]


def recognize(text: str, path: str = "", sha256: str = "") -> Report:
    """Read a report from its shown (normalised) text."""
    report = Report(path=path, text=text, sha256=sha256)
    report.sections = find_sections(text)
    regions = find_regions(text, report.sections)
    report.year = find_year(text)
    signature = find_signature(text)
    report.agency = find_agency(text, signature)
    _, report.signed_date = signature
    report.published_date = find_published(text)
    judged = report.published_date or report.signed_date
    report.date_span = date_span(text, judged) if judged else None
    report.format = decide_format(text, regions, report.year)
    for table, read in read_tables(text, regions, report.format).items():
        if not read.found:
            continue
        report.tables[table] = read.cells
        if read.span:
            report.table_spans[table] = read.span
        report.label_issues.extend(read.label_issues)
        report.missing.extend((table, row, None) for row in read.missing_rows)
        report.missing.extend((table, None, col) for col in read.missing_cols)
    report.uncertain = _uncertainties(report)
    spans = list(report.table_spans.values())

    def in_table(start: int) -> bool:
        return any(a <= start < b for a, b in spans)

    report.sum_claims = [c for c in find_sum_claims(text) if not in_table(c.start)]
    report.cell_claims = [c for c in find_cell_claims(text, report.format) if not in_table(c.start)]
    return report
