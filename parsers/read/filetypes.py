"""Every file type the program opens, declared once (light: no reader is imported here).

A `FileType` names its kind, the file name endings it goes by, the first bytes that tell it
whatever its name (`magic`; the formats whose telling takes more are told in
`parsers.read.sniff`), its reader, whether the Open dialog offers it, and the reader's module
for the packaged program (build.spec). `parsers.read.readers` chooses and runs the reader from
here, `parsers.read.inputs` walks folders for these endings, the Open dialog's filter is made
from them.

Adding a file type: its reader (a module under parsers/ with a function
`(data, options) -> (text, encoding, grids)`), one line in `FILE_TYPES`, a test.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT, HTML, DOCX, OLD_WORD, PDF, XLSX, XLS = "text", "html", "docx", "old_word", "pdf", "xlsx", "xls"
IMAGE = "image"  # a scan or photo of pages, read by OCR


@dataclass(frozen=True)
class FileType:
    """One kind of file the program opens."""

    kind: str
    suffixes: tuple[str, ...]  # lower case, with the dot; "" for a file without one
    reader: str | None  # "module.function" reading (data, options); None: text, or refused
    binary: bool = True  # a binary format (a text report saved under its ending is read as text)
    magic: tuple[bytes, ...] = ()  # how a file of this kind begins, when that tells it
    in_dialog: bool = True  # offered by the Open dialog's filter
    with_suffix: bool = False  # the reader takes the file's ending too: (data, suffix, options)
    in_folders: bool = True  # taken when a folder is walked (a saved web page's pictures are not reports)

    @property
    def module(self) -> str | None:
        """The reader's module (build.spec names it: it is imported only when needed)."""
        return None if self.reader is None else self.reader.rsplit(".", 1)[0]


FILE_TYPES: tuple[FileType, ...] = (
    FileType(TEXT, (".txt", ".text", ".md", ".csv", ""), None, binary=False),
    FileType(HTML, (".html", ".htm", ".shtml", ".xhtml"), "parsers.read.html_reader.read_html", binary=False),
    FileType(DOCX, (".docx",), "parsers.read.docx_reader.read_docx"),
    FileType(OLD_WORD, (".doc", ".wps"), "parsers.read.docx_reader.read_old_word", with_suffix=True),
    FileType(PDF, (".pdf",), "parsers.read.pdf_reader.read_pdf"),
    FileType(XLSX, (".xlsx",), "parsers.read.xlsx_reader.read_xlsx"),
    FileType(XLS, (".xls",), None, in_dialog=False),  # refused with the reason (save it as .xlsx)
    FileType(
        IMAGE,
        (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"),
        "parsers.read.scan_reader.read_image",
        magic=(b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*"),
        in_folders=False,
    ),
)

BY_KIND = {t.kind: t for t in FILE_TYPES}
BY_SUFFIX = {s: t for t in FILE_TYPES for s in t.suffixes}
KNOWN_SUFFIXES = frozenset(BY_SUFFIX)
FOLDER_SUFFIXES = frozenset(s for t in FILE_TYPES if t.in_folders for s in t.suffixes)
TEXT_SUFFIXES = set(BY_KIND[TEXT].suffixes)
HTML_SUFFIXES = set(BY_KIND[HTML].suffixes)
WORD_SUFFIXES = set(BY_KIND[DOCX].suffixes)
OLD_WORD_SUFFIXES = set(BY_KIND[OLD_WORD].suffixes)


def kind_of_suffix(suffix: str) -> str:
    """The kind a file name ending names (text for one not declared)."""
    found = BY_SUFFIX.get(suffix)
    return TEXT if found is None else found.kind


def kind_of_magic(data: bytes) -> str | None:
    """The kind whose declared first bytes the data begins with, if any."""
    for t in FILE_TYPES:
        if any(data.startswith(m) for m in t.magic):
            return t.kind
    return None


def dialog_patterns() -> str:
    """The Open dialog's filter patterns: `*.txt *.text …`, every ending it offers."""
    return " ".join(f"*{s}" for t in FILE_TYPES if t.in_dialog for s in t.suffixes if s)


def hidden_imports() -> list[str]:
    """The readers' modules, imported only when a file of their kind is read."""
    return sorted({m for t in FILE_TYPES if (m := t.module) is not None})
