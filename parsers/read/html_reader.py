"""Saved web pages (.html/.htm) to text: block elements as lines, data tables as grids.

The charset comes from a byte-order mark or the page's meta tag; without either, the
bytes are decoded as any text file is (GBK/GB18030 common). Scripts, styles, forms'
controls, navigation, headers and footers outside the article are left out. Nothing is
ever fetched: the parser runs with network access off.

Pages nested deeper than the HTML parser allows (unclosed inline tags repeated down a
page, or a hostile page) would be cut off there; they are read again with the tags that
carry no structure taken out, and failing that as lines of text. A page with more
elements than any report needs is refused before it is walked.

Government pages often wrap their content in layout tables. Only innermost tables (no
table inside) with at least two columns are written as grids; tables that hold other
tables, and one-column tables, are flattened into lines of text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from lxml import etree

from model.errors import ReadError
from parsers.read.decode import decode_bytes
from parsers.read.grid import GridRows, RenderOptions, SpanRow, TextBuilder, clean_cell, clean_line, grid_from_rows

# fmt: off
# `embed` is not here: it is void in HTML5 but not to libxml2, which nests what follows an
# `<embed>` inside it; skipping it would drop the rest of the page.
_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "frame", "frameset",
    "object", "svg", "math", "canvas", "audio", "video", "select", "option", "textarea", "button", "input", "map",
    "area",
})
_PAGE_CHROME = frozenset({"nav", "header", "footer", "aside", "menu"})
_CONTENT_TAGS = frozenset({"article", "main"})
_CHROME_MARKED_TAGS = frozenset({"div", "ul", "ol", "span", "section"})  # judged by class, id and role
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "main", "blockquote", "pre", "hr", "center", "form", "fieldset", "address", "figure", "figcaption", "caption",
    "table", "tr", "td", "th", "tbody", "thead", "tfoot", "body",
})
# fmt: on
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|share|toolbar|topbar|skip)(?:$|[\s_\d-])", re.I
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030", "big5": "big5hkscs"}
_MIN_CONTENT = 200
MAX_ELEMENTS = 300_000
# Tags kept when a page too deep to parse is read again: tables, paragraphs and lines.
_STRUCTURE_TAGS = frozenset(
    {"table", "tr", "td", "th", "caption", "thead", "tbody", "tfoot", "p", "br", "li"}
    | {"h1", "h2", "h3", "h4", "h5", "h6"}
)
_LINE_TAGS = frozenset({"p", "br"})
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*>")
_HIDDEN_BLOCK = re.compile(r"<(script|style|noscript|template|head)\b.*?</\1\s*>", re.S | re.I)


def decode_html(data: bytes) -> tuple[str, str]:
    """The page's text and the charset used: BOM, then meta tag, then detection."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    if data.count(0) > max(8, len(data) // 100):
        raise ReadError("文件含有大量二进制数据，不是网页文件。")
    m = _META_CHARSET.search(data[:8192])
    if m:
        declared = m.group(1).decode("ascii", "ignore").lower()
        name = _CHARSET_ALIASES.get(declared, declared)
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common: detect instead
    return decode_bytes(data)


StyleHides = Callable[[str], bool]


def _style_hides(style: str) -> bool:
    """Whether a style attribute hides its element: `display: none`."""
    return _HIDDEN_STYLE.search(style) is not None


class _PageStyles:
    """`_style_hides` with each style of one page judged once: a page gives most of its
    elements the same few styles. Made for each page, so the styles go with it."""

    def __init__(self) -> None:
        self._judged: dict[str, bool] = {}

    def __call__(self, style: str) -> bool:
        hides = self._judged.get(style)
        if hides is None:
            hides = self._judged[style] = _style_hides(style)
        return hides


def _hides(attrs: list[tuple[str, str]], style_hides: StyleHides) -> bool:
    """Whether an element with these attributes is hidden: `hidden`, or a style of `display: none`."""
    return any(name == "hidden" or (name == "style" and style_hides(value)) for name, value in attrs)


def _is_skipped(el: etree._Element, tag: object, use_chrome: bool, style_hides: StyleHides) -> bool:
    """Whether the element (of this tag) and what it holds are left out of the text."""
    if not isinstance(tag, str) or not tag or tag in _SKIP_TAGS:
        return True
    attrs = el.items()  # all at once: most elements have none, and a `get` costs as much
    if attrs and _hides(attrs, style_hides):
        return True
    if not use_chrome:
        return False
    if tag in _PAGE_CHROME and not any(a.tag in _CONTENT_TAGS for a in el.iterancestors()):
        return True
    if tag not in _CHROME_MARKED_TAGS:
        return False
    values = dict(attrs)
    marks = f"{values.get('class', '')} {values.get('id', '')} {values.get('role', '')}"
    return bool(marks.strip()) and bool(_CHROME_CLASS.search(marks))


class _Renderer:
    """Walks the parsed page, writing lines and grids into a TextBuilder."""

    def __init__(self, options: RenderOptions, use_chrome: bool) -> None:
        self.out = TextBuilder(options)
        self.use_chrome = use_chrome
        self._line: list[str] = []
        self.style_hides: StyleHides = _PageStyles()

    def flush(self) -> None:
        if self._line:
            text = "".join(self._line)
            if not text.isspace():  # half the flushes hold only the line breaks between blocks
                self.out.line(clean_line(text))
            self._line = []

    def walk(self, el: etree._Element) -> None:
        # An element's tag, text and tail are each read once: lxml makes a new string at
        # every read.
        tag = el.tag
        if _is_skipped(el, tag, self.use_chrome, self.style_hides):
            pass
        elif tag == "table" and (found := _data_table_rows(el, self.style_hides)) is not None:
            self.flush()
            self._table(*found)
        else:
            block = tag in _BLOCK_TAGS
            if block:
                self.flush()
            text = el.text
            if text:
                self._line.append(text)
            for child in el[:]:  # listed at once: cheaper than lxml's iterator
                self.walk(child)
            if block:
                self.flush()
        tail = el.tail
        # Whitespace that would open a line is left out: `clean_line` drops it anyway.
        if tail and (self._line or not tail.isspace()):
            self._line.append(tail)

    def _table(self, rows: list[SpanRow], caption: etree._Element | None) -> None:
        if caption is not None:
            self.out.line(clean_line("".join(caption.itertext())))
        self.out.grid(grid_from_rows(rows))


def _rows(table: etree._Element) -> tuple[list[etree._Element], etree._Element | None]:
    """The table's rows, its own and those of its head, bodies and foot, in page order;
    and its (first) caption, met on the way."""
    rows: list[etree._Element] = []
    caption = None
    for child in table[:]:
        tag = child.tag
        if tag == "tr":
            rows.append(child)
        elif tag in _ROW_GROUPS:
            rows += child.iterchildren("tr")
        elif tag == "caption" and caption is None:
            caption = child
    return rows, caption


_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_SPAN = re.compile(r"\s*(\d+)")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.I)


def _span(value: str | None) -> int:
    if not value:
        return 1
    if value.isdigit():
        return int(value)
    m = _SPAN.match(value)
    return int(m.group(1)) if m else 1


def _data_table_rows(
    table: etree._Element, style_hides: StyleHides
) -> tuple[list[SpanRow], etree._Element | None] | None:
    """Each row's shown cells as their texts and their spans, and the table's caption, if
    the table is one of the report's.

    A table of the report is innermost (no table inside) and at least two columns wide;
    None for a table of the page's layout. Hidden cells (as `_hides` judges) are left
    out, but they count for the width.
    """
    if next(table.iterdescendants("table"), None) is not None:  # (`find` goes through Python)
        return None
    rows: list[SpanRow] = []
    width = 0
    # A table has hundreds of cells, each read with as few calls as can be: a row's
    # children listed at once and told by their tag (cheaper than a tag filter of
    # `iterchildren`), a cell's attributes read at once and looked at only when they
    # differ from the cell's before (most cells of a table share them), the usual span
    # "1" taken as it is, and the texts of a row cleaned together.
    attrs: list[tuple[str, str]] = []  # the attributes last looked at, and what they say:
    rowspan = colspan = 1
    hidden = special = False
    trs, caption = _rows(table)
    for tr in trs:
        texts: list[str] = []
        spans: list[tuple[int, int, int]] = []
        row_width = 0
        for td in tr[:]:
            tag = td.tag
            if tag != "td" and tag != "th":
                continue
            items = td.items()
            if items != attrs:
                attrs = items
                rowspan = colspan = 1
                hidden = False
                for name, value in items:
                    if name == "rowspan":
                        if value != "1":
                            rowspan = _span(value)
                    elif name == "colspan":
                        if value != "1":
                            colspan = _span(value)
                    elif name == "hidden" or (name == "style" and style_hides(value)):
                        hidden = True
                special = hidden or rowspan != 1 or colspan != 1
            # The row's width: one position for each shown cell, counted at the end,
            # and what hidden cells and spans add to that.
            if special:
                if hidden:
                    row_width += colspan
                    continue
                spans.append((len(texts), rowspan, colspan))
                row_width += colspan - 1
            # Most cells hold only text, read here without the walk of `_cell_text`.
            texts.append(_cell_text(td, style_hides) if len(td) else (td.text or ""))
        row_width += len(texts)
        # The texts of a row are cleaned together: most rows need no more than a strip,
        # as `clean_cell`'s test shows for all of them at once on the stripped texts joined.
        stripped = list(map(str.strip, texts))
        joined = "".join(stripped)
        if not (joined.isprintable() and " " not in joined and "|" not in joined):
            stripped = list(map(clean_cell, texts))
        rows.append((stripped, spans))
        if row_width > width:
            width = row_width
    return (rows, caption) if width >= 2 else None


def _data_table_rows_plain(
    table: etree._Element, style_hides: StyleHides = _style_hides
) -> tuple[list[SpanRow], etree._Element | None] | None:
    """The plain form of `_data_table_rows`: each cell's spans, visibility and text read
    on their own, each text cleaned on its own. The property tests hold the two equal."""
    if any(True for _ in table.iterdescendants("table")):
        return None
    rows: list[SpanRow] = []
    width = 0
    trs, caption = _rows(table)
    for tr in trs:
        texts: list[str] = []
        spans: list[tuple[int, int, int]] = []
        row_width = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            rowspan, colspan = _span(td.get("rowspan")), _span(td.get("colspan"))
            row_width += colspan
            if _hides(td.items(), style_hides):
                continue
            if rowspan != 1 or colspan != 1:
                spans.append((len(texts), rowspan, colspan))
            texts.append(clean_cell(_cell_text(td, style_hides)))
        rows.append((texts, spans))
        width = max(width, row_width)
    return (rows, caption) if width >= 2 else None


def _cell_text(td: etree._Element, style_hides: StyleHides) -> str:
    """A cell's text with its own line breaks (joined later by `clean_cell`)."""
    parts: list[str] = []

    def visit(el: etree._Element) -> None:
        tag = el.tag
        if not _is_skipped(el, tag, False, style_hides):
            block = tag in _BLOCK_TAGS
            if block:
                parts.append("\n")
            text = el.text
            if text:
                parts.append(text)
            for child in el[:]:
                visit(child)
            if block:
                parts.append("\n")
        tail = el.tail
        if tail:
            parts.append(tail)

    text = td.text
    if text:
        parts.append(text)
    for child in td[:]:
        visit(child)
    return "".join(parts)


class _PlainRenderer(_Renderer):
    """The plain form of `_Renderer`: every text and tail kept and every line cleaned, the
    tables read by `_data_table_rows_plain`. The property tests hold the two equal."""

    def flush(self) -> None:
        if self._line:
            self.out.line(clean_line("".join(self._line)))
            self._line = []

    def walk(self, el: etree._Element) -> None:
        tag = el.tag
        if _is_skipped(el, tag, self.use_chrome, _style_hides):
            pass
        elif tag == "table" and (found := _data_table_rows_plain(el)) is not None:
            self.flush()
            self._table(*found)
        else:
            block = tag in _BLOCK_TAGS
            if block:
                self.flush()
            self._line.append(el.text or "")
            for child in el:
                self.walk(child)
            if block:
                self.flush()
        self._line.append(el.tail or "")


class _TooDeep(Exception):
    """The parser stopped at its nesting limit: the rest of the page would be lost."""


def _parse_once(text: str) -> etree._Element:
    # The plain etree parser: lxml.html's element classes cost a lookup per element visited.
    parser = etree.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, default_doctype=False
    )
    root = etree.fromstring(text, parser=parser)
    if root is None:
        raise etree.ParserError("Document is empty")  # as lxml.html says it
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or entry.level_name == "FATAL":
            if "depth" in entry.message.lower():
                raise _TooDeep()
            raise ReadError("网页中有超长的文字段或标记，超出读取上限，不像是一份年度报告。")
    return root


def _keep_tags(text: str, keep: frozenset[str]) -> str:
    """The page with only the `keep` tags left (and hidden blocks such as scripts removed)."""
    text = _HIDDEN_BLOCK.sub(" ", text)
    return _TAG.sub(lambda m: m.group() if m.group(2).lower() in keep else "", text)


def _parse(text: str) -> etree._Element:
    text = _XML_DECL.sub("", text, count=1)
    for keep in (None, _STRUCTURE_TAGS, _LINE_TAGS):
        try:
            root = _parse_once(text if keep is None else _keep_tags(text, keep))
        except _TooDeep:
            continue
        if root.xpath("count(//*)") > MAX_ELEMENTS:  # counted in C, no element objects made
            raise ReadError(f"网页中的元素过多（超过 {MAX_ELEMENTS // 10000} 万个），不像是一份年度报告。")
        return root
    raise ReadError("网页的标记嵌套过深，无法读取。")


def _render(
    root: etree._Element, options: RenderOptions, use_chrome: bool, renderer_class: type[_Renderer] = _Renderer
) -> TextBuilder:
    renderer = renderer_class(options, use_chrome)
    body = root.find("body")
    renderer.walk(body if body is not None else root)
    renderer.flush()
    return renderer.out


def read_html(
    data: bytes, options: RenderOptions, renderer_class: type[_Renderer] = _Renderer
) -> tuple[str, str, list[GridRows]]:
    """Rendered text, charset and grids of a saved web page (`_PlainRenderer` as the
    renderer for the plain form)."""
    text, encoding = decode_html(data)
    if not text.strip():
        raise ReadError("文件为空，没有可读取的内容。")
    try:
        root = _parse(text)
    except (etree.ParserError, ValueError) as exc:
        raise ReadError("网页文件已损坏或不是 HTML 格式，无法读取。") from exc
    out = _render(root, options, True, renderer_class)
    # The page-chrome guesses must never cost the report itself.
    if len(out.text()) < _MIN_CONTENT:
        plain = _render(root, options, False, renderer_class)
        if len(plain.text()) > 2 * len(out.text()):
            out = plain
    return out.text(), encoding, out.grids
