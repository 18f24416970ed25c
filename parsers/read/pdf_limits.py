"""Bounds a PDF must keep before any page of it is interpreted.

The pages are read by PDFium, which inflates streams and interprets content in C++, but
still without bounds of its own: a compression bomb inflates to gigabytes, and Form
XObjects drawing one another ten times over make millions of drawings from a few bytes
(PDFium takes seconds and gigabytes on one such page). So the work is bounded before it
starts, on the raw file and on its structure as pdfminer parses it (pdfminer only lists
the pages, their content streams and their forms here; it interprets nothing):

- no compressed stream (other than images, which are never decoded) may inflate beyond
  `MAX_STREAM_BYTES`, nor all of them beyond `MAX_INFLATED_BYTES`, nor may there be more
  than `MAX_STREAMS` streams;
- at most `MAX_PAGES` pages;
- the drawing operators of a page, Form XObjects counted as often as they are drawn, are
  estimated from the decoded content and capped per page and per file.

An encrypted PDF is refused here too, and so is one whose structure cannot be parsed.
"""

from __future__ import annotations

import io
import re
import zlib
from typing import Any

from model.errors import ReadError
from parsers.read.pdf_page import BROKEN, ENCRYPTED

MAX_PAGES = 500
MAX_STREAM_BYTES = 64 * 1024 * 1024
MAX_INFLATED_BYTES = 160 * 1024 * 1024
MAX_PAGE_OPS = 150_000
MAX_FILE_OPS = 1_500_000
MAX_STREAMS = 100_000
_STREAM_START = re.compile(rb"stream\r?\n")
_IMAGE_DICT = re.compile(rb"/Subtype\s*/Image\b")
# Content-stream operators: 1–3 letters (or ' " *) standing alone, after whitespace or a
# closing delimiter and before whitespace or an opening one; names (/F1), strings and
# numbers are operands. Hex strings follow `<` and are not counted.
_OPERATOR = re.compile(rb"(?<![^\s\])>}])[A-Za-z'\"][A-Za-z*01]{0,2}(?![^\s\[(</%{])")
_DO = re.compile(rb"(?<![A-Za-z])Do(?![A-Za-z])")


def check_pdf(data: bytes) -> int:
    """The number of pages of a PDF within every bound; a ReadError with the reason else."""
    check_streams(data)
    pages = _pages(data)
    if len(pages) > MAX_PAGES:
        raise ReadError(f"该 PDF 页数过多（{len(pages)} 页，上限 {MAX_PAGES} 页），不像是一份年度报告。")
    _check_costs(pages)
    return len(pages)


def _pages(data: bytes) -> list[Any]:
    """pdfminer's pages of the file (each its attributes only: nothing is interpreted)."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        return list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ReadError(ENCRYPTED) from exc
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer fails on a damaged file in many ways
        if "password" in str(exc).lower():
            raise ReadError(ENCRYPTED) from exc
        raise ReadError(BROKEN) from exc


def check_streams(data: bytes) -> None:
    """Refuse a file whose compressed streams would inflate beyond the limits.

    Every `stream` keyword is tried as the start of zlib data; zlib stops by itself at the
    end of its data, so no /Length needs to be trusted. Image streams are left out.
    """
    total = 0
    for count, m in enumerate(_STREAM_START.finditer(data), 1):
        if count > MAX_STREAMS:
            raise ReadError(f"该 PDF 中的数据流过多（超过 {MAX_STREAMS} 个），不像是一份年度报告。")
        start = m.end()
        if not _zlib_header(data[start : start + 2]):
            continue
        # This stream's own dictionary: from its `obj` keyword, looking back 4 KB at most.
        window = max(0, m.start() - 4096)
        head = data.rfind(b"obj", window, m.start())
        if _IMAGE_DICT.search(data, head if head >= 0 else window, m.start()):
            continue
        size = _inflated_size(data, start, MAX_STREAM_BYTES)
        if size > MAX_STREAM_BYTES:
            raise ReadError(
                f"该 PDF 中有数据流解压后超过 {MAX_STREAM_BYTES // (1024 * 1024)} MB，疑似压缩炸弹，已拒绝读取。"
            )
        total += size
        if total > MAX_INFLATED_BYTES:
            raise ReadError(
                f"该 PDF 解压后的内容超过 {MAX_INFLATED_BYTES // (1024 * 1024)} MB，疑似压缩炸弹，已拒绝读取。"
            )


def _zlib_header(head: bytes) -> bool:
    """The two bytes that open zlib data: deflate method, and a check sum of 31."""
    return len(head) == 2 and head[0] & 0x0F == 8 and (head[0] * 256 + head[1]) % 31 == 0


def _inflated_size(data: bytes, start: int, limit: int) -> int:
    """Bytes the zlib data at `start` inflates to, counting at most `limit` + 1; what
    inflated before an error when the data is damaged or not zlib at all."""
    view = memoryview(data)  # slices without copies
    inflater = zlib.decompressobj()
    size = 0
    pos = start
    try:
        while pos < len(data) and not inflater.eof and size <= limit:
            out = inflater.decompress(view[pos : pos + 65536], limit + 1 - size)
            size += len(out)
            while inflater.unconsumed_tail and size <= limit:
                out = inflater.decompress(inflater.unconsumed_tail, limit + 1 - size)
                size += len(out)
            pos += 65536
    except zlib.error:
        return size
    return size


class _Costs:
    """Estimates of the operators a page runs, memoised per stream and per form."""

    def __init__(self) -> None:
        self._ops: dict[int, tuple[int, int]] = {}
        self._forms: dict[tuple[int, int], int] = {}

    def ops(self, stream: Any) -> tuple[int, int]:
        """Operators and `Do` operators of a decoded stream."""
        key = id(stream)
        if key not in self._ops:
            from pdfminer.pdftypes import PDFException
            from pdfminer.psparser import PSException

            try:
                data = stream.get_data() or b""
            except (PDFException, PSException):
                data = b""  # undecodable: the interpreter will not run it either
            self._ops[key] = (len(_OPERATOR.findall(data)), len(_DO.findall(data)))
        return self._ops[key]

    def form(self, form: Any, parent_resources: Any) -> int:
        """Operators one drawing of a Form XObject runs, nested forms included.

        A form without resources of its own uses its parent's, as the interpreter does; a
        form met again while it is being counted (a cycle, which the interpreter refuses
        to run) counts nothing."""
        resources = form.get("Resources") or parent_resources
        key = (id(form), id(resources))
        if key in self._forms:
            return self._forms[key]
        self._forms[key] = 0
        ops, does = self.ops(form)
        if does:
            ops += does * max((self.form(f, resources) for f in _forms(resources)), default=0)
        self._forms[key] = ops
        return ops

    def page(self, page: Any) -> int:
        """Operators drawing the page runs, forms counted as often as they are drawn."""
        from pdfminer.pdftypes import PDFStream, resolve1

        ops = does = 0
        for ref in page.contents:
            stream = resolve1(ref)
            if isinstance(stream, PDFStream):
                o, d = self.ops(stream)
                ops, does = ops + o, does + d
        if does:
            ops += does * max((self.form(f, page.resources) for f in _forms(page.resources)), default=0)
        return ops


def _forms(resources: Any) -> list[Any]:
    """The Form XObjects named in a resource dictionary."""
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import LIT

    resources = resolve1(resources)
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if not isinstance(xobjects, dict):
        return []
    forms = []
    for ref in xobjects.values():
        obj = resolve1(ref)
        if isinstance(obj, PDFStream) and resolve1(obj.get("Subtype")) == LIT("Form"):
            forms.append(obj)
    return forms


def _check_costs(pages: list[Any]) -> None:
    from pdfminer.pdftypes import PDFException
    from pdfminer.psparser import PSException

    costs = _Costs()
    total = 0
    for number, page in enumerate(pages, 1):
        try:
            cost = costs.page(page)
        except (PDFException, PSException) as exc:
            raise ReadError(BROKEN) from exc
        if cost > MAX_PAGE_OPS:
            raise ReadError(f"该 PDF 第 {number} 页的绘制指令过多（超过 {MAX_PAGE_OPS} 条），不像是一份年度报告。")
        total += cost
        if total > MAX_FILE_OPS:
            raise ReadError(f"该 PDF 的绘制指令过多（超过 {MAX_FILE_OPS} 条），不像是一份年度报告。")
