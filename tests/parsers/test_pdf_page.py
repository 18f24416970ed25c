"""A page read through PDFium gives the rules and glyphs pdfplumber gives for it.

pdfplumber (pdfminer's interpreter) is the reference the reader used to be built on: on
PDFs written here object by object, the edges `pdf_page` makes of every kind of path
(rectangles, lines closed or not, slanted lines, curves, several subpaths, fills, scaled
drawings, Form XObjects drawn twice, under every /Rotate and a MediaBox away from the
origin) are pdfplumber's, and so are the glyphs' text, left and right, size and
orientation. Tops differ by design: a glyph stands on its baseline, as tall as its size,
where pdfminer drops it by its font's descent.
"""

from __future__ import annotations

import io
import threading
from typing import Any

import pdfplumber
import pytest

from parsers.read.grid import RenderOptions
from parsers.read.pdf_page import open_document, read_page
from parsers.read.pdf_reader import read_pdf
from tests.builders import pdf_of_objects
from tests.parsers.test_read_pdf import PdfPage, build_pdf, report_pages

PATHS = (
    b"0.5 w 50 700 100 20 re S\n"
    b"60 600 m 200 600 l S\n"
    b"60 580 m 200 580 l h S\n"
    b"60 560 m 200 560 l 200 540 l 60 540 l h S\n"
    b"60 520 m 200 520 l 200 500 l 60 500 l 60 520 l S\n"
    b"60 480 m 200 480 l 200 460 l S\n"
    b"60 440 m 200 400 l S\n"
    b"60 380 m 100 380 l 120 390 140 370 160 380 c 200 380 l S\n"
    b"60 340 m 200 340 l 60 330 m 200 330 l S\n"
    b"60 300 40 20 re 120 300 40 20 re f\n"
    b"60 260 m 200 260 l n\n"
    b"60 240 m 200 240 l 200 220 l h f\n"
    b"q 2 0 0 2 0 0 cm 30 100 50 10 re S Q\n"
    b"BT /F1 12 Tf 50 750 Td (Hello World) Tj ET\n"
)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _page(content: bytes, page_extra: bytes = b"", resources: bytes = b"", more: tuple[bytes, ...] = ()) -> bytes:
    return pdf_of_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R "
            + (page_extra or b"/MediaBox [0 0 595 842]")
            + b" /Resources << /Font << /F1 4 0 R >> "
            + resources
            + b">> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            _stream(content),
            *more,
        ]
    )


FORM = _stream(
    b"0 0 m 100 0 l S 0 0 50 20 re f BT /F1 10 Tf 5 5 Td (Form) Tj ET",
    b"/Type /XObject /Subtype /Form /BBox [0 0 200 200] /Matrix [1 0 0 1 10 10] "
    b"/Resources << /Font << /F1 4 0 R >> >> ",
)

PDFS = {
    "paths": _page(PATHS),
    "rotate 90": _page(PATHS, b"/MediaBox [0 0 595 842] /Rotate 90"),
    "rotate 180": _page(PATHS, b"/MediaBox [0 0 595 842] /Rotate 180"),
    "rotate 270": _page(PATHS, b"/MediaBox [0 0 595 842] /Rotate 270"),
    "mediabox offset": _page(PATHS, b"/MediaBox [20 30 615 872]"),
    "forms": _page(
        b"q 1 0 0 1 100 300 cm /X1 Do Q q 0.5 0 0 0.5 300 500 cm /X1 Do Q BT /F1 12 Tf 50 750 Td (Page) Tj ET",
        resources=b"/XObject << /X1 6 0 R >> ",
        more=(FORM,),
    ),
    "drawn report": build_pdf(report_pages()[:1]),
}


def _plumber(data: bytes) -> tuple[list[Any], int, list[dict[str, Any]]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        edges = sorted(
            (e["orientation"], round(e["x0"], 3), round(e["top"], 3), round(e["x1"], 3), round(e["bottom"], 3))
            for e in page.edges
            if e["orientation"] in ("h", "v")
        )
        return edges, len(page.rects) + len(page.lines) + len(page.curves), list(page.chars)


@pytest.mark.parametrize("name", list(PDFS))
def test_rules_and_glyphs_are_pdfplumbers(name: str) -> None:
    data = PDFS[name]
    edges, shapes, chars = _plumber(data)
    with open_document(data) as document:
        page = read_page(document, 0, 4000)
    assert sorted((e.orientation, e.x0, e.top, e.x1, e.bottom) for e in page.edges) == edges
    assert page.shapes == shapes
    assert [g.text for g in page.glyphs] == [c["text"] for c in chars]
    for g, c in zip(page.glyphs, chars):
        assert g.upright == c["upright"]
        if c["upright"]:
            assert (g.x0, g.x1, g.size) == pytest.approx((c["x0"], c["x1"], c["size"]), abs=1e-3)
            assert g.bottom - g.top == pytest.approx(g.size, abs=2e-3)
            assert abs(g.bottom - c["bottom"]) < 0.3 * g.size  # the baseline, or PDFium's box: a descent off
        else:  # a glyph turned with the page: pdfminer's height, PDFium's extent across
            assert (g.top, g.bottom, g.size) == pytest.approx((c["top"], c["bottom"], c["size"]), abs=1e-3)


def test_text_drawn_twice_over_itself_is_read_once() -> None:
    """Bold faked by drawing a line again a little to the right: PDFium reads it once,
    where pdfminer gave every character twice (重重复复)."""
    page = PdfPage()
    page.text(50, 50, "一、总体情况")
    page.text(50, 70, "本年度收到申请十件")
    page.text(50.3, 70, "本年度收到申请十件")
    text, _, _ = read_pdf(build_pdf([page]), RenderOptions())
    assert text.splitlines() == ["一、总体情况", "本年度收到申请十件"]


def test_threads_take_turns_in_pdfium() -> None:
    """PDFium keeps global state: documents read from several threads at once come out
    whole (one lock lets one thread in at a time)."""
    data = build_pdf(report_pages() * 3)
    expected = read_pdf(data, RenderOptions())
    results: list[Any] = []

    def read() -> None:
        results.append(read_pdf(data, RenderOptions()))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4
