"""PDF files with a text layer to text: lines in reading order, ruled tables as grids.

Each page's tables are found from their ruling lines (pdfplumber's line strategy) and
written as grids where they stand, in place of their words; the rest of the page is read
line by line from top to bottom. Inside a cell, a label wrapped over several lines is
joined back and a number cut by glyph gaps (`1 171`) is rejoined. A table that runs on
from the foot of one page to the head of the next (same frame, or same number of columns)
is stitched into one grid, a repeated header row dropped. Lines of a paragraph wrapped by
the page width are joined back, so sentences stay whole; page numbers are left out.

A PDF without any text (a scan) or with text that cannot be mapped to characters is
refused with the reason; so is an encrypted PDF.

pdfminer inflates every stream it reads whole and interprets content in pure Python, so
the work is bounded before it starts: no compressed stream (other than images, which are
never decoded) may inflate beyond `MAX_STREAM_BYTES`, nor all of them beyond
`MAX_INFLATED_BYTES` (compression bombs); the drawing operators of a page, Form XObjects
counted as often as they are drawn, are estimated from the decoded content and capped
per page and per file; and a page ruled with more lines than any table needs is read as
text without looking for tables (table finding grows with the square of the rules).
"""

from __future__ import annotations

import contextlib
import io
import re
import zlib
from dataclasses import dataclass
from typing import Any

from model.errors import ReadError
from parsers.grid import Grid, GridRows, RenderOptions, TextBuilder, clean_cell, clean_line

MAX_PAGES = 500
MAX_STREAM_BYTES = 64 * 1024 * 1024
MAX_INFLATED_BYTES = 160 * 1024 * 1024
MAX_PAGE_OPS = 150_000
MAX_FILE_OPS = 1_500_000
MAX_TABLE_RULES = 4000
MAX_STREAMS = 100_000
_STREAM_START = re.compile(rb"stream\r?\n")
_IMAGE_DICT = re.compile(rb"/Subtype\s*/Image\b")
# Content-stream operators: 1–3 letters (or ' " *) standing alone; names (/F1), strings and
# numbers are operands. Hex strings follow `<` and are not counted.
_OPERATOR = re.compile(rb"(?:(?<=[\s\])>}])|^)[A-Za-z'\"][A-Za-z*01]{0,2}(?=[\s\[(</%{]|$)")
_DO = re.compile(rb"(?<![A-Za-z])Do(?![A-Za-z])")
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


def _open(data: bytes) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else None
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(exc).lower():
            raise ReadError("该 PDF 文件已加密（设有密码），无法读取，请取消密码后再打开。") from exc
        raise ReadError("该 PDF 文件已损坏或不是有效的 PDF，无法读取。") from exc


@dataclass
class _Table:
    """A ruled table as found: per row, the cells that start in it as (x0, x1, text)."""

    x0: float
    x1: float
    rows: list[list[tuple[float, float, str]]]


def _raw_table(table: Any) -> _Table:
    rows = []
    for row, texts in zip(table.rows, table.extract()):
        rows.append([(bbox[0], bbox[2], clean_cell(text or "")) for bbox, text in zip(row.cells, texts) if bbox])
    return _Table(table.bbox[0], table.bbox[2], rows)


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


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _line_text(chars: list[dict[str, Any]]) -> str:
    """A line's text from its glyphs, a space only where the gap is a real word gap.

    Between two digits the gap must be wider, since PDFs often place each digit of a
    number separately (`1 171`).
    """
    out: list[str] = []
    prev: dict[str, Any] | None = None
    for ch in sorted(chars, key=lambda c: c["x0"]):
        text = ch.get("text", "")
        if prev is not None and text.strip() and out and not out[-1].isspace():
            size = max(float(prev.get("size") or 0), float(ch.get("size") or 0), 1.0)
            gap = ch["x0"] - prev["x1"]
            numeric = _NUMERIC.match(prev.get("text", "")) and _NUMERIC.match(text)
            if gap > (0.6 if numeric else 0.25) * size:
                out.append(" ")
        out.append(text)
        prev = ch
    return "".join(out)


def _page_blocks(page: Any) -> list[_Block]:
    """A page's text lines and tables, top to bottom."""
    blocks: list[_Block] = []
    boxes: list[tuple[float, float, float, float]] = []
    rules = len(page.rects) + len(page.lines) + len(page.curves)
    for found in page.find_tables() if rules <= MAX_TABLE_RULES else []:
        table = _raw_table(found)
        if len(_boundaries([table])) < 3 or _to_grid([table]).is_blank():
            continue  # a frame around the page, not a table
        boxes.append(found.bbox)
        blocks.append(_Block(found.bbox[1], table=[table]))
    rest = page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, boxes)) if boxes else page
    for ln in rest.extract_text_lines(strip=True, return_chars=True):
        text = _CJK_GAP.sub("", clean_line(_line_text(ln["chars"]) or ln["text"]))
        if text:
            blocks.append(_Block(ln["top"], line=_Line(text, ln["x0"], ln["x1"], ln["top"], ln["bottom"])))
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
            raise ReadError(f"该 PDF 中有数据流解压后超过 {MAX_STREAM_BYTES // (1024 * 1024)} MB，疑似压缩炸弹，已拒绝读取。")
        total += size
        if total > MAX_INFLATED_BYTES:
            raise ReadError(f"该 PDF 解压后的内容超过 {MAX_INFLATED_BYTES // (1024 * 1024)} MB，疑似压缩炸弹，已拒绝读取。")


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

        obj = page.page_obj
        ops = does = 0
        for ref in obj.contents:
            stream = resolve1(ref)
            if isinstance(stream, PDFStream):
                o, d = self.ops(stream)
                ops, does = ops + o, does + d
        if does:
            ops += does * max((self.form(f, obj.resources) for f in _forms(obj.resources)), default=0)
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


def _check_costs(pdf: Any) -> None:
    costs = _Costs()
    total = 0
    for number, page in enumerate(pdf.pages, 1):
        cost = costs.page(page)
        if cost > MAX_PAGE_OPS:
            raise ReadError(f"该 PDF 第 {number} 页的绘制指令过多（超过 {MAX_PAGE_OPS} 条），不像是一份年度报告。")
        total += cost
        if total > MAX_FILE_OPS:
            raise ReadError(f"该 PDF 的绘制指令过多（超过 {MAX_FILE_OPS} 条），不像是一份年度报告。")


def _check_text_layer(chars: int, unmapped: int, images: bool) -> None:
    """Refuse a PDF without usable text, from the counts of all its pages."""
    if chars == 0:
        if images:
            raise ReadError("该 PDF 是扫描图片，没有文字层，无法读取，请提供可复制文字的版本。")
        raise ReadError("该 PDF 中没有可读取的文字。")
    if unmapped > chars // 2:
        raise ReadError("该 PDF 的文字无法转换为字符（字体缺少编码映射），请另存为 Word 或文本后再打开。")


def read_pdf(data: bytes, options: RenderOptions) -> tuple[str, str, list[GridRows]]:
    """Rendered text and grids of a PDF with a text layer."""
    from pdfminer.pdftypes import PDFException
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    check_streams(data)
    pdf = _open(data)
    broken = (PdfminerException, PDFException, PSException)
    try:
        pages = _read_pages(pdf)
    except broken as exc:
        raise ReadError("该 PDF 文件已损坏或不是有效的 PDF，无法读取。") from exc
    finally:
        # Closing lists the pages again; a page tree too broken to list holds nothing more
        # to release than the in-memory stream, which is dropped with the object.
        with contextlib.suppress(*broken):
            pdf.close()
    return _render_blocks(pages, options)


def _read_pages(pdf: Any) -> list[list[_Block]]:
    """Every page's blocks, after the limits on pages and drawing work are checked.

    Pages are read one at a time and let go of once their blocks are made: a page's
    glyphs and rules (a few MB in pdfminer's objects) are never all held at once."""
    if len(pdf.pages) > MAX_PAGES:
        raise ReadError(f"该 PDF 页数过多（{len(pdf.pages)} 页，上限 {MAX_PAGES} 页），不像是一份年度报告。")
    _check_costs(pdf)
    pages = []
    chars = unmapped = 0
    images = False
    for page in pdf.pages:
        glyphs = page.chars
        chars += len(glyphs)
        unmapped += sum(1 for c in glyphs if c.get("text", "").startswith("(cid:"))
        images = images or (not glyphs and bool(page.images))
        pages.append(_page_blocks(page) if glyphs else [])
        page.close()  # the page's objects, layout and text map
    _check_text_layer(chars, unmapped, images)
    return pages


def _render_blocks(pages: list[list[_Block]], options: RenderOptions) -> tuple[str, str, list[GridRows]]:
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
