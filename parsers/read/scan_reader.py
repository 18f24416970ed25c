"""Scanned reports: image-only PDF pages and photos of pages, read offline by OCR.

Each page is rendered by PDFium at `DPI` (an image file is read as it is), turned upright,
its text read by `parsers.read.ocr_engine`, and brought to what the PDF reader makes of a
page with a text layer: each character read as a glyph at its place, and the table's
ruling lines, found in the image, as edges. The PDF reader's own steps then find the
ruled tables, read their cells and put the rest of the page in reading order, so that
the one recognizer reads a scan as any other PDF. A table printed without rules is read
as lines of text, its figures parted by the gaps between them.

Every character keeps its confidence. A digit read with less than `MIN_CONFIDENCE` is
marked: the reading returns, beside the text, where those digits stand in it, and
`parsers.recognize.scan_marks` leaves the cells they fall in blank and uncertain.

Pages are read one at a time and let go of; `progress(page, pages)` is told before each
page and `cancelled()` asked between pages.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from model import guard
from model.errors import ReadError
from parsers.read.grid import GridRows, RenderOptions
from parsers.read.ocr_engine import Box, TextBox
from parsers.read.pdf_layout import Edge, Glyph, find_tables

DPI = 150
MIN_CONFIDENCE = 0.9  # a digit read with less is not trusted
MAX_PAGES = 60  # a scanned report of more pages is not an annual report
_PAGE_WIDTH = 1240  # an A4 page's width at `DPI`, in pixels
MAX_PIXELS = 60_000_000  # an image larger than this is refused before it is decoded
SECONDS_PER_PAGE = 20.0  # the time a file may take grows by this for each scanned page
INK = 140  # a pixel darker than this is ink (print; rules are looked for up to 200)
_BRIDGE = 3  # pixels of a gap along a rule that are closed

NO_TEXT = "扫描件中没有识别出文字。"
TOO_MANY_PAGES = f"扫描件页数过多（超过 {MAX_PAGES} 页），不像是一份年度报告。"
BAD_IMAGE = "图片已损坏或格式不正确，无法读取。"
TOO_LARGE_IMAGE = "图片尺寸过大，无法识别。"
NO_OCR = "该文件是扫描件，需要文字识别组件才能读取，但本程序未安装该组件。"
CANCELLED = "已取消扫描件的识别。"

# A digit picked out is drawn, in a rendering of its own, as its Arabic-Indic form: a digit
# to every step of the layout (`\d`), so the renderings keep one length and differ only
# where the digits picked out stand.
_MARK = {ord(d): chr(0x0660 + int(d)) for d in "0123456789"}
# What the models read for punctuation a report prints.
_FIXES = {ord("丶"): "、"}

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass
class ScanPage:
    """One page as OCR saw it: its size in pixels at `DPI` (upright) and its text boxes."""

    width: int
    height: int
    boxes: list[TextBox] = field(default_factory=list)
    angle: float = 0.0  # degrees the page was turned to stand upright


@dataclass
class Scan:
    """A scan read: the rendered text, its grids, where its untrusted digits stand in that
    text, each page as OCR saw it, and where each digit of the text stands on its page
    (text offset -> page, box in pixels)."""

    text: str
    grids: list[GridRows]
    uncertain: list[int]
    pages: list[ScanPage]
    places: dict[int, tuple[int, float, float, float, float]] = field(default_factory=dict)


def read_image(data: bytes, options: RenderOptions) -> tuple[str, str, list[GridRows]]:
    """An image file's text and grids (the declared reader of images; the reader of files
    calls `read_scan` to keep the confidences too)."""
    scan = read_scan(data, options, is_pdf=False)
    return scan.text, "ocr", scan.grids


def read_scan(
    data: bytes,
    options: RenderOptions,
    is_pdf: bool,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Scan:
    """A scanned PDF or an image file read by OCR, page by page."""
    from parsers.read.ocr_engine import OcrUnavailable, engine

    try:
        reader = engine()
    except OcrUnavailable as exc:
        raise ReadError(NO_OCR) from exc
    images = _pdf_pages(data) if is_pdf else _image_pages(data)
    guard.allow_more(SECONDS_PER_PAGE * len(images))
    pages: list[ScanPage] = []
    edges: list[list[Edge]] = []
    for index in range(len(images)):
        if cancelled is not None and cancelled():
            raise ReadError(CANCELLED)
        if progress is not None:
            progress(index, len(images))
        page, page_edges = read_page(reader, images[index])
        pages.append(page)
        edges.append(page_edges)
        images[index] = None  # the page's pixels are let go of once read
    if progress is not None:
        progress(len(images), len(images))
    if not any(p.boxes for p in pages):
        raise ReadError(NO_TEXT)
    text, grids = _render(pages, edges, options)
    digits = [(p, c) for p, page in enumerate(pages) for box in page.boxes for c in box.chars if c.text.isdigit()]
    low = {i for i, (_, c) in enumerate(digits) if c.confidence < MIN_CONFIDENCE}
    marked = _picked(text, _render(pages, edges, options, low))
    # When the renderings part, no digit is trusted.
    uncertain = [i for i, ch in enumerate(text) if ch.isdigit()] if marked is None else sorted(marked)
    return Scan(text, grids, uncertain, pages, _places(text, pages, edges, options, digits))


def _picked(text: str, rendering: tuple[str, list[GridRows]]) -> set[int] | None:
    """Where a rendering with some digits picked out differs from the text (None when the
    two part: the layout did not keep them in step)."""
    other = rendering[0]
    if len(other) != len(text):
        return None
    return {i for i, (a, b) in enumerate(zip(other, text)) if a != b}


def _places(
    text: str,
    pages: Sequence[ScanPage],
    edges: Sequence[list[Edge]],
    options: RenderOptions,
    digits: list[tuple[int, Any]],
) -> dict[int, tuple[int, float, float, float, float]]:
    """Where each digit of the text stands on its page: the digits' numbers (from 1) told
    bit by bit, one rendering a bit with the digits whose number has that bit picked out."""
    numbers: dict[int, int] = {}
    bit = 0
    while (1 << bit) <= len(digits):
        chosen = {i for i in range(len(digits)) if (i + 1) >> bit & 1}
        picked = _picked(text, _render(pages, edges, options, chosen))
        if picked is None:
            return {}
        for offset in picked:
            numbers[offset] = numbers.get(offset, 0) | 1 << bit
        bit += 1
    places = {}
    for offset, number in numbers.items():
        if 0 < number <= len(digits):
            page, c = digits[number - 1]
            places[offset] = (page, c.x0, c.top, c.x1, c.bottom)
    return places


def read_page(reader: Any, image: Any) -> tuple[ScanPage, list[Edge]]:
    """One page image read: its text boxes, and its ruling lines as edges in points."""
    from parsers.read.ocr_engine import deskew, skew_angle
    from parsers.read.pdf_reader import MAX_TABLE_RULES

    angle = skew_angle(image)
    upright = deskew(image, angle)
    rules = ruling_lines(upright)
    clean = without_rules(upright, rules)
    edges = [rule.edge(72 / DPI) for rule in rules]
    # A ruled table's cells are read line by line where their print is; the rest of the
    # page is left to the text detector.
    lines: list[Box] = []
    rest = clean
    for table in find_tables(edges) if len(edges) <= MAX_TABLE_RULES else []:
        frame = _pixels(table.bbox)
        if rest is clean:
            rest = clean.copy()
        rest[frame[1] : frame[3], frame[0] : frame[2]] = 255
        for row in table.rows:
            for cell in row:
                if cell is not None:
                    lines.extend(print_lines(clean, _pixels(cell)))
    boxes = reader.recognize(clean, reader.detect(rest), lines)
    page = ScanPage(int(upright.shape[1]), int(upright.shape[0]), [b for b in boxes if b.chars], angle)
    return page, edges


def _pixels(box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    """A box in points as whole pixels at `DPI`."""
    k = DPI / 72
    return round(box[0] * k), round(box[1] * k), round(box[2] * k), round(box[3] * k)


def print_lines(image: Any, cell: tuple[int, int, int, int]) -> list[Box]:
    """The lines of print inside a table's cell (its rules painted out), each as a box
    `LINE_MARGIN` wider than its ink all round: rows with ink, parted by empty rows."""
    import numpy as np

    from parsers.read.ocr_engine import LINE_MARGIN

    x0, top, x1, bottom = cell
    inner = image[top + 2 : bottom - 1, x0 + 2 : x1 - 1] < INK
    if inner.size == 0:
        return []
    rows = np.flatnonzero(inner.sum(axis=1) > 0)
    out: list[Box] = []
    if len(rows) == 0:
        return out
    breaks = np.flatnonzero(np.diff(rows) > 2)
    for first, last in zip(np.r_[0, breaks + 1], np.r_[breaks, len(rows) - 1]):
        a, b = int(rows[first]), int(rows[last]) + 1
        band = inner[a:b]
        if b - a < 5 or band.sum() < 12:
            continue  # a speck
        cols = np.flatnonzero(band.any(axis=0))
        left, right = int(cols[0]), int(cols[-1]) + 1
        m = LINE_MARGIN
        out.append(
            (
                max(x0 + 2 + left - m, 0),
                max(top + 2 + a - m, 0),
                min(x0 + 2 + right + m, image.shape[1]),
                min(top + 2 + b + m, image.shape[0]),
            )
        )
    return out


def _pdf_pages(data: bytes) -> list[Any]:
    """Grey images of the PDF's pages at `DPI` (numpy arrays)."""
    from parsers.read.pdf_page import open_document

    images: list[Any] = []
    with open_document(data) as document:
        if len(document) > MAX_PAGES:
            raise ReadError(TOO_MANY_PAGES)
        for index in range(len(document)):
            page = document[index]
            try:
                width, height = page.get_size()
                if width * height * (DPI / 72) ** 2 > MAX_PIXELS:
                    raise ReadError(TOO_LARGE_IMAGE)
                bitmap = page.render(scale=DPI / 72, grayscale=True, may_draw_forms=False)
                images.append(bitmap.to_numpy().copy())
                bitmap.close()
            finally:
                page.close()
    return images


def _image_pages(data: bytes) -> list[Any]:
    """The pages of an image file as grey numpy arrays (a TIFF may hold several)."""
    import numpy as np
    from PIL import Image, ImageSequence

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ReadError(TOO_LARGE_IMAGE)
            out: list[Any] = []
            for frame in ImageSequence.Iterator(image):
                grey = frame.convert("L")
                if grey.width > _PAGE_WIDTH * 1.4:  # a photo or a fine scan: brought to about 150 dpi
                    grey = grey.resize(
                        (_PAGE_WIDTH, round(grey.height * _PAGE_WIDTH / grey.width)), Image.Resampling.LANCZOS
                    )
                out.extend(pages_of(np.asarray(grey).copy()))
                if len(out) > MAX_PAGES:
                    raise ReadError(TOO_MANY_PAGES)
            return out
    except ReadError:
        raise
    except Image.DecompressionBombError as exc:
        raise ReadError(TOO_LARGE_IMAGE) from exc
    except Exception as exc:  # noqa: BLE001 - a damaged image gives its reason
        raise ReadError(BAD_IMAGE) from exc


@dataclass(frozen=True)
class Rule:
    """A straight rule of a page image: along rows ("h") or columns ("v"), in pixels."""

    orientation: str
    lead: int  # its first row (a column for "v")
    thick: int  # rows (columns) it covers
    start: int
    end: int

    def edge(self, scale: float) -> Edge:
        """The rule as the PDF layout's edge, in points (`scale` points a pixel)."""
        mid = (self.lead + self.thick / 2) * scale
        if self.orientation == "h":
            return Edge("h", self.start * scale, mid, self.end * scale, mid)
        return Edge("v", mid, self.start * scale, mid, self.end * scale)


def pages_of(image: Any) -> list[Any]:
    """A tall picture (pages shot or stitched one under another) cut into page-high
    pieces, each cut at the emptiest row near an A4 page's height."""
    height, width = image.shape
    page = round(width * 1.414)
    if height <= page * 1.2:
        return [image]
    out = []
    top = 0
    while height - top > page * 1.2:
        near = image[top + int(page * 0.85) : top + int(page * 1.15)]
        ink = (near < INK).sum(axis=1)
        cut = top + int(page * 0.85) + int(ink.argmin())
        out.append(image[top:cut])
        top = cut
    out.append(image[top:])
    return out


def ruling_lines(image: Any) -> list[Rule]:
    """The long straight rules of an upright page image: runs of ink longer than a table
    cell's text, joined with the runs touching them in the rows next to them (a rule is a
    few pixels thick)."""
    ink = image < ink_threshold(image)
    rules: list[Rule] = []
    for orientation, grid in (("h", ink), ("v", ink.T)):
        length = max(grid.shape[1] // 30, 20)
        for lead, start, end, thick in _long_runs(grid, length):
            rules.append(Rule(orientation, lead, thick, start, end))
    return rules


def ink_threshold(image: Any) -> int:
    """The grey level parting ink from paper on this page (Otsu's), kept within
    [`INK`, 200]: a faded or blurred rule is lighter than print."""
    import numpy as np

    counts = np.bincount(image.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256)
    weight = np.cumsum(counts)
    mass = np.cumsum(counts * levels)
    total, total_mass = weight[-1], mass[-1]
    behind = total - weight
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (total_mass * weight - mass * total) ** 2 / (weight * behind)
    between[~np.isfinite(between)] = 0
    return int(min(max(int(between.argmax()), INK), 200))


def without_rules(image: Any, rules: Sequence[Rule]) -> Any:
    """The page with its rules painted white: text touching a rule is found and read
    without the rule taken for a stroke (a `1` or a `[`)."""
    if not rules:
        return image
    clean = image.copy()
    for rule in rules:
        a, b = max(rule.lead - 1, 0), rule.lead + rule.thick + 1
        if rule.orientation == "h":
            clean[a:b, rule.start : rule.end] = 255
        else:
            clean[rule.start : rule.end, a:b] = 255
    return clean


def _long_runs(grid: Any, length: int) -> list[tuple[int, int, int, int]]:
    """Rules along the rows of a boolean image: (first row, start, end, rows thick)."""
    import numpy as np

    padded = np.zeros((grid.shape[0], grid.shape[1] + 2), np.int8)
    padded[:, 1:-1] = grid
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)
    # A rule faded in places breaks into pieces along its row: pieces of half the length,
    # parted by at most `_BRIDGE` pixels, are one run.
    keep = ends - starts >= length // 2
    pieces = sorted(zip(rows[keep].tolist(), starts[keep].tolist(), ends[keep].tolist()))
    joined: list[list[int]] = []
    for row, start, end in pieces:
        if joined and joined[-1][0] == row and start - joined[-1][2] <= _BRIDGE:
            joined[-1][2] = end
        else:
            joined.append([row, start, end])
    runs = [(row, start, end) for row, start, end in joined if end - start >= length]
    rules: list[list[int]] = []  # first row, last row, start, end
    open_rules: list[list[int]] = []
    for row, start, end in runs:
        for rule in open_rules:
            if rule[1] >= row - 1 and start <= rule[3] + 2 and rule[2] <= end + 2:
                rule[1] = row
                rule[2], rule[3] = min(rule[2], start), max(rule[3], end)
                break
        else:
            rule = [row, row, start, end]
            rules.append(rule)
            open_rules.append(rule)
        open_rules = [r for r in open_rules if r[1] >= row - 1]
    return [(first, start, end, last - first + 1) for first, last, start, end in rules if last - first < 12]


def glyphs(page: ScanPage, scale: float, picked: set[int] | None = None, first: int = 0) -> tuple[list[Glyph], int]:
    """The page's characters as glyphs in points, each at its place on its line, and the
    number of digits on the page.

    Each glyph stands on its box's middle with its box's print height, so the glyphs of a
    line share a top. Digits are numbered across the scan from `first`; those `picked` are
    drawn as their Arabic-Indic forms."""
    out: list[Glyph] = []
    number = first
    for box in page.boxes:
        middle = (box.box[1] + box.box[3]) / 2
        size = box.size or 0.75 * (box.box[3] - box.box[1])
        top, bottom = (middle - size / 2) * scale, (middle + size / 2) * scale
        for c in box.chars:
            text = c.text.translate(_FIXES)
            if c.text.isdigit():
                if picked and number in picked:
                    text = text.translate(_MARK)
                number += 1
            out.append(Glyph(text, c.x0 * scale, c.x1 * scale, top, bottom, size * scale, True))
    return out, number - first


def _render(
    pages: Sequence[ScanPage], edges: Sequence[list[Edge]], options: RenderOptions, picked: set[int] | None = None
) -> tuple[str, list[GridRows]]:
    from parsers.read.pdf_page import PageContent
    from parsers.read.pdf_reader import MAX_TABLE_RULES, page_blocks, render_blocks

    scale = 72 / DPI
    blocks = []
    first = 0
    for page, page_edges in zip(pages, edges):
        page_glyphs, count = glyphs(page, scale, picked, first)
        first += count
        shapes = min(len(page_edges), MAX_TABLE_RULES + 1)
        content = PageContent(page_glyphs, page_edges, shapes, len(page_glyphs), 0, True)
        blocks.append(page_blocks(content) if page_glyphs else [])
    text, _, grids = render_blocks(blocks, options)
    return text, grids


def page_image(path: str, index: int, angle: float) -> Any:
    """Page `index` of a scanned file as OCR read it: a grey numpy array at `DPI`, turned
    upright by `angle` (`ScanPage.angle`). For the window, which shows it beside the cells."""
    from parsers.read.ocr_engine import deskew

    with open(path, "rb") as file:
        data = file.read()
    if data[:5] == b"%PDF-" or b"%PDF-" in data[:1024]:
        from parsers.read.pdf_page import open_document

        with open_document(data) as document:
            page = document[index]
            try:
                bitmap = page.render(scale=DPI / 72, grayscale=True, may_draw_forms=False)
                image = bitmap.to_numpy().copy()
                bitmap.close()
            finally:
                page.close()
    else:
        image = _image_pages(data)[index]
    return deskew(image, angle)
