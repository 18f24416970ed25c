"""PDF pages read through PDFium (pypdfium2): each page's glyphs, rules and images.

PDFium parses and interprets a page in C++; this module asks it only for what the layout
needs, a few calls a glyph and a few a path segment:

- Glyphs: the page's characters in drawing order, spaces PDFium inserts on its own left
  out (spaces the PDF draws are kept: they part words). A glyph's left and right are
  PDFium's loose box (the origin and the advance, as pdfminer has them); a level glyph
  (neither turned nor slanted on the page as shown) stands on its baseline and is as tall
  as its font size, whatever the font's descent, so glyphs of different fonts on one line
  share their top. Turned and slanted glyphs keep PDFium's box, their height their size.
  Where PDFium reads text otherwise than pdfminer did: a line drawn twice over itself
  (bold faked) is read once, and a glyph with no Unicode map gets PDFium's best guess
  (counted as unmapped) rather than "(cid:N)".
- Rules: each painted path split into subpaths, each made a line, a rectangle or a curve
  by pdfminer's rules, as edges (`pdf_layout`). Form XObjects are looked into.
- Coordinates: points from the top-left corner of the page as pdfplumber gives them (the
  page's /Rotate and MediaBox applied the same way), to a thousandth of a point: PDFium
  works in single precision, and rounded its positions are the producer's decimals again,
  so that a gap of exactly 3 pt is not read as 3.00001.

PDFium must not be entered from two threads at once, even for two documents: a document
is open only inside `open_document`, which holds one lock for the process.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as fpdf

from model.errors import ReadError
from parsers.read.pdf_layout import Edge, Glyph, curve_edges, line_edge, rect_edges

ENCRYPTED = "该 PDF 文件已加密（设有密码），无法读取，请取消密码后再打开。"
BROKEN = "该 PDF 文件已损坏或不是有效的 PDF，无法读取。"

_LOCK = threading.Lock()  # PDFium keeps global state: one caller at a time


def _returning_address(function: Any) -> Any:
    """`function` again, giving the pointer it returns as a number: two calls naming the
    same object then compare equal (ctypes pointer objects never do)."""
    copy = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    copy.argtypes = function.argtypes
    copy.restype = ctypes.c_void_p
    return copy


_text_object = _returning_address(fpdf.FPDFText_GetTextObject)


@dataclass
class PageContent:
    """What the layout uses of one page."""

    glyphs: list[Glyph]
    edges: list[Edge]  # empty when the page has more shapes than asked for
    shapes: int  # lines, rectangles and curves drawn (pdfplumber's rules)
    chars: int  # characters drawn, spaces included
    unmapped: int  # characters with no Unicode mapping
    images: bool


@contextmanager
def open_document(data: bytes) -> Iterator[Any]:
    """The PDFium document of `data`, closed on leaving; refused with the reason."""
    with _LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if exc.err_code in (fpdf.FPDF_ERR_PASSWORD, fpdf.FPDF_ERR_SECURITY):
                raise ReadError(ENCRYPTED) from exc
            raise ReadError(BROKEN) from exc
        try:
            yield document
        finally:
            document.close()


def read_page(document: Any, index: int, max_shapes: int) -> PageContent:
    """Page `index` (from 0) of an open document; its edges only if it draws no more
    than `max_shapes` lines, rectangles and curves."""
    page = fpdf.FPDF_LoadPage(document.raw, index)
    if not page:
        raise ReadError(BROKEN)
    try:
        frame = _frame(page)
        glyphs, chars, unmapped = _glyphs(page, frame)
        edges, shapes, images = _drawings(page, frame, max_shapes)
    finally:
        fpdf.FPDF_ClosePage(page)
    return PageContent(glyphs, edges, shapes, chars, unmapped, images)


# An affine map from PDF user space to (x, top): x = a·x + c·y + e, top = b·x + d·y + f.
Frame = tuple[float, float, float, float, float, float]

# pdfminer's device matrix for each /Rotate (as multiples of 90°), from the MediaBox.
_ROTATIONS = {
    0: lambda x0, y0, x1, y1: (1.0, 0.0, 0.0, 1.0, -x0, -y0),
    1: lambda x0, y0, x1, y1: (0.0, -1.0, 1.0, 0.0, -y0, x1),
    2: lambda x0, y0, x1, y1: (-1.0, 0.0, 0.0, -1.0, x1, y1),
    3: lambda x0, y0, x1, y1: (0.0, 1.0, -1.0, 0.0, y1, -x0),
}


def _frame(page: Any) -> Frame:
    """User space to pdfplumber's page coordinates: pdfminer's device space (rotated,
    moved to the MediaBox), turned top-down and moved back as pdfplumber does."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if fpdf.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        x0, x1 = sorted((left.value, right.value))
        y0, y1 = sorted((bottom.value, top.value))
    else:
        x0, y0, x1, y1 = 0.0, 0.0, fpdf.FPDF_GetPageWidthF(page), fpdf.FPDF_GetPageHeightF(page)
    turn = fpdf.FPDFPage_GetRotation(page) % 4
    a, b, c, d, e, f = _ROTATIONS[turn](x0, y0, x1, y1)
    box = (y0, x0, y1, x1) if turn in (1, 3) else (x0, y0, x1, y1)
    height = box[3] - box[1]
    return a, -b, c, -d, e + box[0], height - f + (height - box[3])


def _glyphs(page: Any, frame: Frame) -> tuple[list[Glyph], int, int]:
    """The page's glyphs, the characters drawn and how many of them have no Unicode."""
    textpage = fpdf.FPDFText_LoadPage(page)
    if not textpage:
        return [], 0, 0
    try:
        return _read_glyphs(textpage, frame)
    finally:
        fpdf.FPDFText_ClosePage(textpage)


def _page_text(textpage: Any, count: int) -> list[str]:
    """Every character of the text page, one string each."""
    units = (ctypes.c_ushort * (2 * count + 2))()
    written = fpdf.FPDFText_GetText(textpage, 0, count, units) - 1
    text = [chr(u) for u in units[: max(written, 0)]]
    if written != count or any("\ud800" <= ch <= "\udfff" for ch in text):
        # Characters beyond the basic plane come as two units: ask for each character.
        text = [chr(fpdf.FPDFText_GetUnicode(textpage, i)) for i in range(count)]
    return text


def _read_glyphs(textpage: Any, frame: Frame) -> tuple[list[Glyph], int, int]:
    count = fpdf.FPDFText_CountChars(textpage)
    if count <= 0:
        return [], 0, 0
    fa, fb, fc, fd, fe, ff = frame
    rect = fpdf.FS_RECTF()
    loose_box, text_object, new_glyph = fpdf.FPDFText_GetLooseCharBox, _text_object, tuple.__new__
    glyphs: list[Glyph] = []
    chars = unmapped = 0
    run: _Run | None = None
    for i, ch in enumerate(_page_text(textpage, count)):
        if ch.isspace() and fpdf.FPDFText_IsGenerated(textpage, i):
            continue  # a space or line break PDFium put in, not drawn
        chars += 1
        obj = text_object(textpage, i)
        loose_box(textpage, i, rect)
        if run is None or obj != run.obj or obj is None:
            run = _Run(textpage, i, obj, frame)
        if run.unmapped and fpdf.FPDFText_HasUnicodeMapError(textpage, i):
            unmapped += 1
        # The loose box on the page (corners to corners: the page turns by quarter turns).
        left, low, right, high = rect.left, rect.bottom, rect.right, rect.top
        x0, x1 = fa * left + fc * low + fe, fa * right + fc * high + fe
        if x1 < x0:
            x0, x1 = x1, x0
        if run.level:
            top, bottom = run.baseline - run.size, run.baseline
            if run.hangs:
                top, bottom = bottom, bottom + run.size
        else:
            top, bottom = fb * left + fd * low + ff, fb * right + fd * high + ff
            if bottom < top:
                top, bottom = bottom, top
        box = _thousandths(x0), _thousandths(x1), _thousandths(top), _thousandths(bottom)
        size = run.size or box[3] - box[2]  # pdfminer's: the glyph's height on the page
        # tuple.__new__: a third of the time of Glyph(...), on the page's busiest loop.
        glyphs.append(new_glyph(Glyph, (ch, *box, size, run.upright)))
    return glyphs, chars, unmapped


def _thousandths(value: float) -> float:
    return round(value * 1000) / 1000


class _Run:
    """What the glyphs of one text object (one show-text operator) share: font size,
    matrix, baseline and Unicode map. Asked of PDFium once an object, not once a glyph."""

    def __init__(self, textpage: Any, index: int, obj: int | None, frame: Frame) -> None:
        self.obj = obj
        matrix = fpdf.FS_MATRIX()
        fpdf.FPDFText_GetMatrix(textpage, index, matrix)
        # The glyph's matrix on the page as shown (its /Rotate applied), as pdfminer has it.
        pa, pb, pc, pd = frame[0], -frame[1], frame[2], -frame[3]
        a, b = matrix.a * pa + matrix.b * pc, matrix.a * pb + matrix.b * pd
        c, d = matrix.c * pa + matrix.d * pc, matrix.c * pb + matrix.d * pd
        # The font size on the page, for a glyph not turned; 0 for one turned (its height then).
        self.size = fpdf.FPDFText_GetFontSize(textpage, index) * abs(d) if b == 0 and c == 0 else 0.0
        self.upright = a * d > 0 and b * c <= 0  # pdfminer's test
        # Level glyphs stand on their baseline (hang from it, upside down), as tall as their
        # size; others keep PDFium's box. Horizontal writing keeps one baseline through the
        # object. (A font written vertically would too: its glyphs are then read as one
        # line, in their order.)
        self.level = b == 0 and c == 0 and a * d > 0
        self.hangs = d < 0  # upside down: below its baseline
        self.baseline = 0.0
        if self.level:
            x, y = ctypes.c_double(), ctypes.c_double()
            fpdf.FPDFText_GetCharOrigin(textpage, index, x, y)
            self.baseline = frame[1] * x.value + frame[3] * y.value + frame[5]
        # A font without a Unicode map misses it for its first glyph already.
        self.unmapped = bool(fpdf.FPDFText_HasUnicodeMapError(textpage, index))


# ---- drawings -------------------------------------------------------------------------------

Matrix = tuple[float, float, float, float, float, float]


def _times(m: Matrix, n: Matrix) -> Matrix:
    """`m` then `n` (row vectors, as PDF matrices are applied)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u


def _object_matrix(obj: Any, holder: Any) -> Matrix:
    fpdf.FPDFPageObj_GetMatrix(obj, holder)
    return holder.a, holder.b, holder.c, holder.d, holder.e, holder.f


def _drawings(page: Any, frame: Frame, max_shapes: int) -> tuple[list[Edge], int, bool]:
    """The edges of the page's paths (none when it has more than `max_shapes` shapes),
    the shapes counted, and whether it shows an image."""
    holder = fpdf.FS_MATRIX()
    page_space: Matrix = (frame[0], frame[1], frame[2], frame[3], frame[4], frame[5])
    paths: list[tuple[Any, Matrix]] = []
    images = False
    pending: list[tuple[Any, int, Matrix]] = [(None, fpdf.FPDFPage_CountObjects(page), page_space)]
    while pending:
        form, count, space = pending.pop()
        for k in range(count):
            obj = fpdf.FPDFFormObj_GetObject(form, k) if form else fpdf.FPDFPage_GetObject(page, k)
            kind = fpdf.FPDFPageObj_GetType(obj)
            if kind == fpdf.FPDF_PAGEOBJ_PATH:
                paths.append((obj, space))
            elif kind == fpdf.FPDF_PAGEOBJ_IMAGE:
                images = True
            elif kind == fpdf.FPDF_PAGEOBJ_FORM:
                inner = _times(_object_matrix(obj, holder), space)
                pending.append((obj, fpdf.FPDFFormObj_CountObjects(obj), inner))
    if len(paths) > max_shapes:  # every path holds a shape at least
        return [], len(paths), images
    edges: list[Edge] = []
    shapes = 0
    point = (ctypes.c_float(), ctypes.c_float())
    for obj, space in paths:
        for shape, points in _subpaths(obj, _times(_object_matrix(obj, holder), space), point):
            shapes += 1
            edges += _shape_edges(shape, points)
    if shapes > max_shapes:
        edges = []
    return edges, shapes, images


def _subpaths(obj: Any, m: Matrix, point: tuple[Any, Any]) -> list[tuple[str, list[tuple[float, float]]]]:
    """A path's subpaths as pdfminer writes them: the operators (m, l, c) and each one's
    end point in page coordinates (`point` holds PDFium's answers). PDFium closes a
    subpath with a line back to its start (when it is not there already), so closes need
    not be read: pdfminer's "h" is that line."""
    a, b, c, d, e, f = m
    x, y = point
    segment_at, point_of, kind_of = (
        fpdf.FPDFPath_GetPathSegment,
        fpdf.FPDFPathSegment_GetPoint,
        fpdf.FPDFPathSegment_GetType,
    )
    move, curve = fpdf.FPDF_SEGMENT_MOVETO, fpdf.FPDF_SEGMENT_BEZIERTO
    out: list[tuple[str, list[tuple[float, float]]]] = []
    ops = ""
    points: list[tuple[float, float]] = []
    controls = 0
    for s in range(fpdf.FPDFPath_CountSegments(obj)):
        segment = segment_at(obj, s)
        kind = kind_of(segment)
        if kind == curve:
            controls += 1
            if controls % 3:
                continue  # two control points, then the end point
        point_of(segment, x, y)
        px, py = x.value, y.value
        # To thousandths of a point, inline: this loop runs for every rule on the page.
        at = (round((a * px + c * py + e) * 1000) / 1000, round((b * px + d * py + f) * 1000) / 1000)
        if kind == move:
            if ops:
                out.append((ops, points))
            ops, points, controls = "m", [at], 0
        elif ops:  # a path must open with a move; pdfminer drops one that does not
            ops += "c" if kind == curve else "l"
            points.append(at)
    if ops:
        out.append((ops, points))
    return out


def _shape_edges(shape: str, pts: list[tuple[float, float]]) -> list[Edge]:
    """pdfminer's reading of one subpath (a line, a rectangle or a curve) as edges. A
    subpath closed back to its start reads as pdfminer's closed one ("mlh", "mlllh"); one
    drawn back by hand as well, where pdfminer would see a curve over the same line."""
    if shape == "ml" or (shape == "mll" and pts[2] == pts[0]):  # a line, or one closed ("mlh")
        (ax, at), (bx, bt) = pts[0], pts[1]
        return [line_edge(min(ax, bx), min(at, bt), max(ax, bx), max(at, bt))]
    if shape == "mllll":
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return rect_edges(min(x0, x2), min(y0, y2), max(x0, x2), max(y0, y2))
    return curve_edges(pts)
