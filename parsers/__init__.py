"""Files to `Report`s: readers per file type, normalisation and table recognition. No Qt."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from model import guard
from model.errors import AuditError
from model.report import Report, ScanLayout, ScanPage

_log = logging.getLogger(__name__)


def _own_workbook(path: str | os.PathLike[str]) -> Report | None:
    """A workbook this program exported, read back exactly; None for any other workbook.

    The workbook passes the same safety checks as any other before openpyxl opens it."""
    from model.excel.workbook import NotReportWorkbook, read_report_workbook
    from parsers.read import sniff
    from parsers.read.readers import read_bytes
    from parsers.read.xlsx_reader import check_workbook

    data = read_bytes(path)
    if sniff.sniff(data) != sniff.XLSX:
        return None
    check_workbook(data)
    try:
        report, _ = read_report_workbook(path)
    except NotReportWorkbook:
        return None
    except AuditError:
        raise
    except Exception:  # noqa: BLE001 - a damaged workbook is read (and refused) as any other
        _log.warning("reading %s back as an audit workbook failed", path, exc_info=True)
        return None
    report.path = str(path)
    return report


def load_report(path: str | os.PathLike[str]) -> Report:
    """Read and recognise one file; a file that cannot be read gives a report with `error` set.

    Never raises: a fault of the program itself on some file is logged with its traceback
    and that file gets a reason, so a batch goes on."""
    from parsers.read.readers import read_document
    from parsers.recognize.document import recognize

    try:
        if Path(path).suffix.lower() == ".xlsx":
            own = _own_workbook(path)
            if own is not None:
                return own
        doc = read_document(path)
        report = recognize(doc.text, path=str(path), sha256=doc.sha256)
        if doc.ocr is not None:
            from parsers.recognize.scan_marks import mark_uncertain

            mark_uncertain(report, doc.ocr.uncertain)
            report.scan = scan_layout(doc.ocr)
        return report
    except AuditError as exc:
        return Report(path=str(path), error=str(exc))
    except (MemoryError, RecursionError):
        return Report(path=str(path), error="文件结构过于庞大或嵌套过深，无法读取。")
    except Exception:  # noqa: BLE001 - one file's fault must not stop the batch
        report = Report(path=str(path))
        guard.fail(report, guard.READ)
        return report


def scan_layout(ocr: object) -> ScanLayout:
    """What the window needs of a scan's reading to show its pages beside the cells."""
    from parsers.read.scan_reader import DPI

    pages = [ScanPage(p.width, p.height, p.angle) for p in ocr.pages]  # type: ignore[attr-defined]
    return ScanLayout(DPI, pages, dict(ocr.places))  # type: ignore[attr-defined]
