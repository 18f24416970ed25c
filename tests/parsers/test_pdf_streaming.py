"""PDF pages are read one at a time: no page's glyph objects are held once its blocks are
made, so the memory a PDF takes does not grow with its pages."""

from __future__ import annotations

from typing import Any

import pytest

from parsers import pdf_reader
from parsers.grid import RenderOptions
from tests.parsers.test_read_pdf import build_pdf, report_pages


def test_one_page_held_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []
    held: list[int] = []
    real = pdf_reader._page_blocks

    def page_blocks(page: Any) -> list[pdf_reader._Block]:
        seen.append(page)
        held.append(sum(1 for p in page.pdf.pages if hasattr(p, "_objects") or hasattr(p, "_layout")))
        return real(page)

    monkeypatch.setattr(pdf_reader, "_page_blocks", page_blocks)
    text, _, _ = pdf_reader.read_pdf(build_pdf(report_pages() * 4), RenderOptions())
    assert text.count("总体情况") == 4 and len(seen) == 8
    assert held == [1] * 8
    assert not any(hasattr(p, "_objects") or hasattr(p, "_layout") for p in seen)
