"""Files to `Report`s: readers per file type, normalisation and table recognition. No Qt."""

from __future__ import annotations

import os

from model.errors import AuditError
from model.report import Report
from parsers.readers import read_document
from parsers.recognize import recognize


def load_report(path: str | os.PathLike[str]) -> Report:
    """Read and recognise one file; a file that cannot be read gives a report with `error` set."""
    try:
        doc = read_document(path)
    except AuditError as exc:
        return Report(path=str(path), error=str(exc))
    return recognize(doc.text, path=str(path), sha256=doc.sha256)
