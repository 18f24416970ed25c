"""The printed audit of a report: drawn by Qt on a printer, in the print preview, or into a
PDF file — the window's 打印 / 导出PDF and, headless, `main.py check --pdf-dir`.

The document is the HTML of `ui.print_document` in a `QTextDocument` laid out for the
device (A4 landscape, so 表四's fifteen columns fit), painted page by page with a footer
that says whose audit it is, when it was printed and the page number. A PDF is written
like every output: through a temporary file beside the target, then replaced
(`model.atomic`), with the permissions a new file gets.

Headless, a `QGuiApplication` is enough (fonts and painting, no window): outside Windows
on the offscreen platform. Qt's PDF text layer names some Chinese characters by their
radicals; `ui.pdf_text` puts that right.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from model import __version__
from model.atomic import write_atomic
from model.changes import Change
from model.findings import Finding
from model.report import Report
from ui.pdf_text import to_unicode_fixed
from ui.print_document import TITLE, audit_html, footer_text, heading_line

# A Latin font first, then Chinese ones (Windows' first): Qt takes each character from the
# first that has it. Latin text set in a CJK font is shaped with glyphs its character map
# does not reach, and a PDF reader then cannot copy it (a file name would come out empty).
FONT_FAMILIES = [
    "Segoe UI",
    "Microsoft YaHei",
    "SimSun",
    "DejaVu Sans",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
]
FONT_POINTS = 9.0
FOOTER_POINTS = 7.5
MARGINS_MM = QMarginsF(12, 10, 12, 10)
PDF_DPI = 300
FOOTER_GAP = 0.8  # of a footer line, between the body and the footer


def set_up_page(device: QPagedPaintDevice) -> None:
    """A4 landscape with the printed audit's margins."""
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )


def document_font(points: float = FONT_POINTS) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(points)
    return font


def audit_document(
    report: Report,
    findings: Sequence[Finding],
    changes: Sequence[Change],
    printed_at: dt.datetime,
    device: QPagedPaintDevice | None = None,
) -> QTextDocument:
    """The printed audit as a document, laid out for `device` when given."""
    doc = QTextDocument()
    if device is not None:
        doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(document_font())
    doc.setDocumentMargin(0)
    doc.setHtml(audit_html(report, findings, changes, printed_at))
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, f"{heading_line(report)} {TITLE}")
    return doc


def paint_pages(doc: QTextDocument, device: QPagedPaintDevice, footer: str) -> int:
    """Paint `doc` on `device` page by page, each with `footer` and its page number;
    returns the number of pages. Raises OSError when the device cannot be painted on (the
    file cannot be opened)."""
    doc.documentLayout().setPaintDevice(device)
    area = device.pageLayout().paintRectPixels(device.logicalDpiX())
    foot_font = document_font(FOOTER_POINTS)
    line = QFontMetricsF(foot_font, device).height()
    body = QSizeF(area.width(), area.height() - line * (1 + FOOTER_GAP))
    doc.setPageSize(body)
    pages = max(1, doc.pageCount())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(errno.EACCES, "the print device could not be opened")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            painter.save()
            clip = QRectF(0, page * body.height(), body.width(), body.height())
            painter.translate(0, -clip.top())
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            doc.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(foot_font)
            painter.setPen(QColor("#555555"))
            where = QRectF(0, body.height() + line * FOOTER_GAP, body.width(), line)
            painter.drawText(where, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), footer)
            number = f"第 {page + 1} 页，共 {pages} 页"
            painter.drawText(where, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), number)
    finally:
        painter.end()
    return pages


def print_audit(
    device: QPagedPaintDevice,
    report: Report,
    findings: Sequence[Finding],
    changes: Sequence[Change],
    printed_at: dt.datetime | None = None,
) -> int:
    """Print the audit of `report` on `device` (a printer, the preview, a PDF writer)."""
    printed_at = printed_at or dt.datetime.now()
    doc = audit_document(report, findings, changes, printed_at, device)
    return paint_pages(doc, device, footer_text(report, printed_at))


def write_pdf(
    path: str | os.PathLike[str],
    report: Report,
    findings: Sequence[Finding],
    changes: Sequence[Change],
    printed_at: dt.datetime | None = None,
) -> None:
    """Write the printed audit of `report` to the PDF file `path`, atomically
    (`model.atomic.WriteError` when it cannot be written)."""
    printed_at = printed_at or dt.datetime.now()

    def write(tmp: str) -> None:
        writer = QPdfWriter(tmp)
        set_up_page(writer)
        writer.setResolution(PDF_DPI)
        writer.setTitle(f"{heading_line(report)} {TITLE}")
        writer.setCreator(f"年报审核助手 {__version__}")
        print_audit(writer, report, findings, changes, printed_at)
        del writer  # the file is closed before it is read again and replaces the target
        with open(tmp, "r+b") as fh:
            data = fh.read()
            fixed = to_unicode_fixed(data, FONT_FAMILIES)
            if fixed != data:  # the same length: written over in place
                fh.seek(0)
                fh.write(fixed)

    write_atomic(path, write)


def gui_application() -> QCoreApplication:
    """The application Qt needs to lay out and paint text, made when there is none (the
    headless `check`). It shows no window, so outside Windows it takes the offscreen
    platform: a display that is named but gone would otherwise end the whole run."""
    app = QCoreApplication.instance()
    if app is not None:
        return app
    if sys.platform != "win32" and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QGuiApplication(["report-auditor"])
