"""PDF files with a text layer to text: lines in reading order, ruled tables as grids.

Each page's tables are found from their ruling lines (pdfplumber's line strategy, see
`pdf_layout`) and written as grids where they stand, in place of their words; the rest of
the page is read line by line from top to bottom. Inside a cell, a label wrapped over
several lines is joined back and a number cut by glyph gaps (`1 171`) is rejoined. A table
that runs on from the foot of one page to the head of the next (same frame, or same number
of columns) is stitched into one grid, a repeated header row dropped. Lines of a paragraph
wrapped by the page width are joined back, so sentences stay whole; page numbers are left
out.

A PDF without any text (a scan) or with text that cannot be mapped to characters is
refused with the reason; so is an encrypted PDF, and one beyond the bounds `pdf_limits`
checks before any page is read.

Pages are read by PDFium (`pdf_page`) one at a time and let go of once their text lines
and tables are made: only those are kept. A page ruled with more lines than any table
needs is read as text without looking for tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.errors import ReadError, ScannedPdf
from parsers.read.grid import Grid, GridRows, RenderOptions, TextBuilder, clean_cell, clean_line
from parsers.read.pdf_layout import Glyph, find_tables, table_texts, text_lines
from parsers.read.pdf_limits import check_pdf
from parsers.read.pdf_page import PageContent, open_document, read_page

MAX_TABLE_RULES = 4000
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}])")
_PAGE_NUMBER = re.compile(r"^[-—–·\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／共]\s*\d{1,4}\s*页?)?[-—–·\s]*$")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d))")
_NUMERIC = re.compile(r"^[\d.,]$")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class _Block:
    """One element of a page in reading order: a text line or a table."""

    top: float
    line: _Line | None = None
    table: list[_Table] | None = None


@dataclass
class _Table:
    """A ruled table as found: per row, the cells that start in it as (x0, x1, text)."""

    x0: float
    x1: float
    rows: list[list[tuple[float, float, str]]]


def _raw_table(
    bbox: tuple[float, float, float, float],
    rows: list[list[tuple[float, float, float, float] | None]],
    texts: list[list[str | None]],
) -> _Table:
    cells = []
    for row, row_texts in zip(rows, texts):
        cells.append([(box[0], box[2], clean_cell(text or "")) for box, text in zip(row, row_texts) if box])
    return _Table(bbox[0], bbox[2], cells)


def _boundaries(tables: list[_Table]) -> list[float]:
    """The column lines of one or more table parts, lines closer than 2 pt merged."""
    xs = sorted({x for t in tables for row in t.rows for x0, x1, _ in row for x in (x0, x1)})
    merged: list[float] = []
    for x in xs:
        if not merged or x - merged[-1] > 2.0:
            merged.append(x)
    return merged


def _to_grid(tables: list[_Table]) -> Grid:
    """The parts of a table on their common columns; positions no cell starts at are covered."""
    xs = _boundaries(tables)
    width = max(len(xs) - 1, 0)

    def col(x: float) -> int:
        return min(range(len(xs)), key=lambda i: abs(xs[i] - x))

    texts: list[list[str]] = []
    covered: list[list[bool]] = []
    for table in tables:
        for row in table.rows:
            row_t, row_c = [""] * width, [True] * width
            for x0, _x1, text in row:
                a = min(col(x0), width - 1)
                row_t[a], row_c[a] = text, False
            texts.append(row_t)
            covered.append(row_c)
    return Grid(texts, covered)


def _same_table(first: _Table, more: _Table) -> bool:
    """A table at the head of a page continuing the one at the foot of the page before."""
    same_frame = abs(first.x0 - more.x0) < 3 and abs(first.x1 - more.x1) < 3
    return same_frame or len(_boundaries([first])) == len(_boundaries([more]))


def _inside(g: Glyph, boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (g.x0 + g.x1) / 2
    cy = (g.top + g.bottom) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _line_text(glyphs: list[Glyph]) -> str:
    """A line's text from its glyphs, a space only where the gap is a real word gap.

    Between two digits the gap must be wider, since PDFs often place each digit of a
    number separately (`1 171`).
    """
    out: list[str] = []
    prev: Glyph | None = None
    for g in sorted(glyphs, key=lambda g: g.x0):
        if prev is not None and g.text.strip() and out and not out[-1].isspace():
            size = max(prev.size, g.size, 1.0)
            numeric = _NUMERIC.match(prev.text) and _NUMERIC.match(g.text)
            if g.x0 - prev.x1 > (0.6 if numeric else 0.25) * size:
                out.append(" ")
        out.append(g.text)
        prev = g
    return "".join(out)


def page_blocks(page: PageContent) -> list[_Block]:
    """A page's text lines and tables, top to bottom."""
    blocks: list[_Block] = []
    boxes: list[tuple[float, float, float, float]] = []
    for found in find_tables(page.edges) if page.shapes <= MAX_TABLE_RULES else []:
        table = _raw_table(found.bbox, found.rows, table_texts(found, page.glyphs))
        if len(_boundaries([table])) < 3 or _to_grid([table]).is_blank():
            continue  # a frame around the page, not a table
        boxes.append(found.bbox)
        blocks.append(_Block(found.bbox[1], table=[table]))
    rest = [g for g in page.glyphs if not _inside(g, boxes)] if boxes else page.glyphs
    for glyphs in text_lines(rest):
        text = _CJK_GAP.sub("", clean_line(_line_text(glyphs)))
        if text:
            line = _Line(
                text,
                min(g.x0 for g in glyphs),
                max(g.x1 for g in glyphs),
                min(g.top for g in glyphs),
                max(g.bottom for g in glyphs),
            )
            blocks.append(_Block(line.top, line=line))
    blocks.sort(key=lambda b: b.top)
    # Page numbers and running heads sit first or last on the page.
    while blocks and blocks[-1].line and _PAGE_NUMBER.match(blocks[-1].line.text):
        blocks.pop()
    while blocks and blocks[0].line and _PAGE_NUMBER.match(blocks[0].line.text):
        blocks.pop(0)
    return blocks


def _joined_lines(lines: list[_Line]) -> list[str]:
    """Running text of consecutive lines, a paragraph wrapped at the right margin joined."""
    if not lines:
        return []
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    out = [lines[0].text]
    for prev, cur in zip(lines, lines[1:]):
        height = max(prev.bottom - prev.top, 1.0)
        wraps = (
            prev.x1 >= right - 2 * height
            and cur.x0 <= left + 0.5 * height
            and cur.top - prev.bottom < 1.2 * height
            and not _HEADING.match(cur.text)
        )
        if wraps:
            glue = "" if re.match(rf"[{_CJK}]", cur.text) or re.search(rf"[{_CJK}]$", out[-1]) else " "
            out[-1] += glue + cur.text
        else:
            out.append(cur.text)
    return out


def _stitch(pages: list[list[_Block]]) -> list[_Block]:
    """All pages' blocks, a table continued at the head of the next page joined to its start."""
    out: list[_Block] = []
    for blocks in pages:
        if blocks and out and out[-1].table is not None and blocks[0].table is not None:
            parts, more = out[-1].table, blocks[0].table[0]
            if _same_table(parts[-1], more):
                head = parts[0].rows[0]
                if len(more.rows) > 1 and [t for *_, t in more.rows[0]] == [t for *_, t in head]:
                    more = _Table(more.x0, more.x1, more.rows[1:])  # header repeated on the new page
                out[-1] = _Block(out[-1].top, table=parts + [more])
                blocks = blocks[1:]
        out.extend(blocks)
    return out


def _check_text_layer(chars: int, unmapped: int, images: bool) -> None:
    """Refuse a PDF without usable text, from the counts of all its pages."""
    if chars == 0:
        if images:
            raise ScannedPdf("该 PDF 是扫描图片，没有文字层。")
        raise ReadError("该 PDF 中没有可读取的文字。")
    if unmapped > chars // 2:
        raise ReadError("该 PDF 的文字无法转换为字符（字体缺少编码映射），请另存为 Word 或文本后再打开。")


def read_pdf(data: bytes, options: RenderOptions) -> tuple[str, str, list[GridRows]]:
    """Rendered text and grids of a PDF with a text layer."""
    pages = check_pdf(data)
    with open_document(data) as document:
        # Only pages both parsers see: those are the pages whose drawing work was bounded.
        blocks = _read_pages(document, min(pages, len(document)))
    return render_blocks(blocks, options)


def _read_pages(document: object, count: int) -> list[list[_Block]]:
    """Every page's blocks. Pages are read one at a time and let go of once their blocks
    are made: a page's glyphs and rules are never all held at once."""
    pages = []
    chars = unmapped = 0
    images = False
    for index in range(count):
        page = read_page(document, index, MAX_TABLE_RULES)
        chars += page.chars
        unmapped += page.unmapped
        images = images or (not page.chars and page.images)
        pages.append(page_blocks(page) if page.chars else [])
    _check_text_layer(chars, unmapped, images)
    return pages


def render_blocks(pages: list[list[_Block]], options: RenderOptions) -> tuple[str, str, list[GridRows]]:
    out = TextBuilder(options)
    pending: list[_Line] = []
    for block in _stitch(pages) + [_Block(0.0)]:
        if block.line is not None and (not pending or block.line.top >= pending[-1].top):
            pending.append(block.line)
            continue
        for text in _joined_lines(pending):
            out.line(text)
        pending = [block.line] if block.line is not None else []
        if block.table is not None:
            out.grid(_to_grid(block.table))
    return out.text(), "pdf", out.grids
