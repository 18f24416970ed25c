"""PDF pages are read one at a time: a page is closed in PDFium before its blocks are made,
and no page's glyphs or rules are kept once they are, so the memory a PDF takes does not
grow with its pages."""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pypdfium2.raw as fpdf
import pytest

from parsers.read import pdf_reader
from parsers.read.grid import RenderOptions
from tests.parsers.test_read_pdf import build_pdf, report_pages


def test_one_page_held_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    open_pages = 0
    held: list[int] = []
    seen: list[weakref.ref[Any]] = []
    load, close, blocks = fpdf.FPDF_LoadPage, fpdf.FPDF_ClosePage, pdf_reader.page_blocks

    def counted_load(document: Any, index: int) -> Any:
        nonlocal open_pages
        open_pages += 1
        return load(document, index)

    def counted_close(page: Any) -> None:
        nonlocal open_pages
        open_pages -= 1
        close(page)

    def page_blocks(page: Any) -> list[pdf_reader._Block]:
        held.append(open_pages)
        seen.append(weakref.ref(page))
        return blocks(page)

    monkeypatch.setattr(fpdf, "FPDF_LoadPage", counted_load)
    monkeypatch.setattr(fpdf, "FPDF_ClosePage", counted_close)
    monkeypatch.setattr(pdf_reader, "page_blocks", page_blocks)
    text, _, _ = pdf_reader.read_pdf(build_pdf(report_pages() * 4), RenderOptions())
    gc.collect()
    assert text.count("总体情况") == 4 and len(seen) == 8
    assert held == [0] * 8 and open_pages == 0
    assert all(ref() is None for ref in seen)
