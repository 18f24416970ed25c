"""Files to `Report`s: readers per file type, normalisation and table recognition. No Qt."""

from __future__ import annotations

import os
from pathlib import Path

from model.errors import AuditError
from model.report import Report
from parsers.readers import read_document
from parsers.recognize import recognize


def _own_workbook(path: str | os.PathLike[str]) -> Report | None:
    """A workbook this program exported, read back exactly; None for any other workbook."""
    from model.excel import NotReportWorkbook, read_report_workbook

    try:
        report, _ = read_report_workbook(path)
    except NotReportWorkbook:
        return None
    report.path = str(path)
    return report


def load_report(path: str | os.PathLike[str]) -> Report:
    """Read and recognise one file; a file that cannot be read gives a report with `error` set."""
    try:
        if Path(path).suffix.lower() == ".xlsx":
            own = _own_workbook(path)
            if own is not None:
                return own
        doc = read_document(path)
    except AuditError as exc:
        return Report(path=str(path), error=str(exc))
    return recognize(doc.text, path=str(path), sha256=doc.sha256)
