"""What a file really holds, told from its first bytes rather than its extension.

Extensions lie: a Word file saved as .txt, a web page saved as .pdf or .doc (old "Word
HTML" exports), a text report renamed .docx. Readers are chosen by the content when the
content says clearly what it is; otherwise the extension decides and the reader for it
gives its own reason.
"""

from __future__ import annotations

import codecs
import re

PDF = "pdf"
DOCX = "docx"
XLSX = "xlsx"
OLE = "ole"  # an OLE compound file: old .doc/.xls/.wps, or an encrypted .docx/.xlsx
HTML = "html"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.S
)
# Words every report holds in its title; a file that claims to be another format but is
# plain text is read as text only when it is a report after all.
_REPORT_MARKS = ("信息公开", "資訊公開", "信息公開", "年度报告", "年度報告")


def _head_text(data: bytes) -> str:
    head = data[:2048]
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(name, "ignore").lower()
    return head.removeprefix(codecs.BOM_UTF8).decode("latin-1").lower()


def sniff(data: bytes) -> str | None:
    """The kind of file the bytes are, when they say so clearly; None otherwise."""
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(_ZIP_MAGIC):
        # The part names stand in the zip's headers as plain bytes: no need to unzip.
        if b"word/document.xml" in data:
            return DOCX
        if b"xl/workbook.xml" in data:
            return XLSX
        return None
    if data.startswith(OLE_MAGIC):
        return OLE
    if _HTML_START.match(_head_text(data)):
        return HTML
    return None


def looks_like_report(text: str) -> bool:
    """Text that names itself a government information-disclosure report."""
    head = text[:20000]
    return any(mark in head for mark in _REPORT_MARKS)
