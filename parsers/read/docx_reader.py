"""Word files to text: paragraphs in body order, tables as grids in between.

The body XML of a .docx is walked directly (content controls and inserted revisions
included, deleted revisions and fallback copies of drawings left out), so paragraphs and
tables keep their order. Table cells are placed on the table grid with `w:gridSpan`
(columns) and `w:vMerge` (rows) resolved; a table that holds another table is flattened
into lines, the inner one written as a grid. Automatic list numbers (一、 (一) 1.) are
written in front of their paragraphs, as Word shows them.

Old .doc and .wps files are converted with LibreOffice when it is installed.
"""

from __future__ import annotations

import posixpath
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from model.errors import ReadError
from parsers.read.docx_numbering import Numbering
from parsers.read.grid import Grid, GridRows, RenderOptions, TextBuilder, clean_cell, clean_line
from parsers.read.ooxml import (
    OLE_MAGIC,
    first_child,
    is_encrypted_ole,
    open_package_keeping,
    parse_xml,
    read_member,
)
from parsers.read.ooxml import w_tag as _w

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = re.compile(r"/officeDocument$")
KIND = " Word "
# The parts read here, where a package made by Word keeps them; the checks hand over their bytes.
_KEPT_PARTS = ("_rels/.rels", "word/document.xml", "word/numbering.xml")
CONVERT_TIMEOUT = 120


# Tags are compared as strings made once here. Children are listed with `el[:]`, one call
# that builds the list: iterating an lxml element, or filtering it by tag (`find`,
# `iterchildren(tag)`), first sets up a matcher, which costs more than the loop itself on
# the few children a Word element has.
_BODY = _w("body")
_P = _w("p")
_TBL = _w("tbl")
_TR = _w("tr")
_TC = _w("tc")
_T = _w("t")
_TR_PR = _w("trPr")
_TC_PR = _w("tcPr")
_GRID_BEFORE = _w("gridBefore")
_GRID_SPAN = _w("gridSpan")
_V_MERGE = _w("vMerge")
_VAL = _w("val")
_ANY_TBL = f".//{_TBL}"
_SKIP = frozenset(
    {
        _w("del"),
        _w("moveFrom"),
        _w("delText"),
        _w("instrText"),
        _w("pPr"),
        _w("rPr"),
        _w("tblPr"),
        _TR_PR,
        _TC_PR,
        _w("sectPr"),
        f"{{{MC}}}Fallback",
        _w("footnoteReference"),
    }
)
# Run content that stands for a character, and how it is written.
_CHARS = {_w("tab"): " ", _w("br"): "\n", _w("cr"): "\n", _w("noBreakHyphen"): "-", _w("softHyphen"): ""}
_LEADING_DIGITS = re.compile(r"\d+")


def _read_part(zf: zipfile.ZipFile, kept: dict[str, bytes], name: str) -> bytes | None:
    """A part's bytes, kept from the package checks or read now; None if the package lacks it."""
    if name in kept:
        return kept[name]
    try:
        return zf.read(name)
    except KeyError:
        return None


def _main_part(zf: zipfile.ZipFile, kept: dict[str, bytes]) -> str:
    """The main document part named by the package relationships."""
    data = _read_part(zf, kept, "_rels/.rels")
    if data is None:
        return "word/document.xml"
    for rel in parse_xml(data, KIND).iter(f"{{{_REL}}}Relationship"):
        if _OFFICE_DOC.search(rel.get("Type", "")):
            return posixpath.normpath(rel.get("Target", "word/document.xml").lstrip("/"))
    return "word/document.xml"


class _BodyRenderer:
    """Walks `w:body`, writing paragraphs as lines and tables as grids."""

    def __init__(self, options: RenderOptions, numbering: Numbering) -> None:
        self.out = TextBuilder(options)
        self.numbering = numbering

    def blocks(self, parent: etree._Element) -> None:
        for child in parent:  # a body may hold thousands: met one at a time, not listed
            tag = child.tag
            if tag == _P:
                self.out.line(clean_line(self.numbering.label(child) + _para_text(child)))
            elif tag == _TBL:
                if child.find(_ANY_TBL) is not None:
                    self._flatten(child)
                else:
                    self.out.grid(table_grid(child))
            elif isinstance(tag, str) and tag not in _SKIP:
                self.blocks(child)  # w:sdt, w:sdtContent, w:customXml, w:ins …

    def _flatten(self, tbl: etree._Element) -> None:
        for tr in tbl.iter(_TR):
            if _owner_table(tr) is not tbl:
                continue
            for tc in tr.iterchildren(_TC):
                self.blocks(tc)


def _owner_table(el: etree._Element) -> etree._Element | None:
    for anc in el.iterancestors(_TBL):
        return anc
    return None


def _para_text(p: etree._Element) -> str:
    """A paragraph's visible text; tabs as spaces, line breaks kept."""
    parts: list[str] = []
    _collect_text(p, parts)
    return "".join(parts)


def _collect_text(el: etree._Element, parts: list[str]) -> None:
    for child in el[:]:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag in _SKIP:
            continue
        elif tag in _CHARS:
            parts.append(_CHARS[tag])
        elif tag == _P:  # a text box's paragraphs
            parts.append("\n")
            _collect_text(child, parts)
            parts.append("\n")
        elif isinstance(tag, str):  # not a comment or processing instruction
            _collect_text(child, parts)


def _cell_texts(tbl: etree._Element) -> dict[etree._Element | None, str]:
    """The text of each cell of a table that holds no other table: its paragraphs at any
    depth, in document order, one per line. One search of the table rather than one per
    cell; keyed by the cell elements (lxml hands out the same object for a node while one
    is alive, and these are kept alive by the keys)."""
    lines: dict[etree._Element | None, list[str]] = {}
    for p in tbl.iter(_P):
        cell = p.getparent()
        while cell is not None and cell.tag != _TC:
            cell = cell.getparent()
        lines.setdefault(cell, []).append(_para_text(p))
    return {cell: "\n".join(texts) for cell, texts in lines.items()}


def _int_attr(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    m = _LEADING_DIGITS.match(el.get(_VAL, "") or "")
    return int(m.group()) if m else default


def _cell_layout(tc: etree._Element) -> tuple[int, etree._Element | None]:
    """A cell's column span (`w:gridSpan`, 1 to 1000) and its `w:vMerge`, from its first `w:tcPr`."""
    span = vmerge = None
    for props in tc[:]:
        if props.tag == _TC_PR:
            for prop in props[:]:
                tag = prop.tag
                if tag == _GRID_SPAN and span is None:
                    span = prop
                elif tag == _V_MERGE and vmerge is None:
                    vmerge = prop
            break
    return (1 if span is None else max(1, min(_int_attr(span, 1), 1000))), vmerge


def table_grid(tbl: etree._Element) -> Grid:
    """The table on its grid, gridSpan and vMerge resolved."""
    texts: list[list[str]] = []
    covered: list[list[bool]] = []
    # For each grid column, the (row, col) of the vertically merged cell still open there.
    open_merge: dict[int, tuple[int, int]] = {}
    cell_texts = _cell_texts(tbl)
    rows = [child for child in tbl if child.tag == _TR]
    for r, tr in enumerate(rows):
        before = _int_attr(first_child(first_child(tr, _TR_PR), _GRID_BEFORE), 0)
        row_t: list[str] = [""] * before
        row_c: list[bool] = [False] * before
        for tc in tr[:]:
            if tc.tag != _TC:
                continue
            span, vmerge = _cell_layout(tc)
            col = len(row_t)
            text = clean_cell(cell_texts.get(tc, ""))
            cont = vmerge is not None and vmerge.get(_VAL, "continue") == "continue" and col in open_merge
            if cont:
                top_r, top_c = open_merge[col]
                if text:  # text typed into a merged-away cell still belongs to the cell
                    texts[top_r][top_c] = clean_cell(texts[top_r][top_c] + "\n" + text)
                row_t += [""] * span
                row_c += [True] * span
            else:
                row_t.append(text)
                row_c.append(False)
                if span > 1:
                    row_t += [""] * (span - 1)
                    row_c += [True] * (span - 1)
                if vmerge is not None:
                    open_merge[col] = (r, col)
                elif col in open_merge:
                    del open_merge[col]
        texts.append(row_t)
        covered.append(row_c)
    width = max((len(r) for r in texts), default=0)
    for row_t, row_c in zip(texts, covered):
        row_c += [False] * (width - len(row_t))
        row_t += [""] * (width - len(row_t))
    return Grid(texts, covered)


def read_docx(data: bytes, options: RenderOptions) -> tuple[str, str, list[GridRows]]:
    """Rendered text and grids of a .docx file."""
    if data.startswith(OLE_MAGIC) and not is_encrypted_ole(data):
        return read_old_word(data, ".doc", options)
    zf, kept = open_package_keeping(data, KIND, _KEPT_PARTS)
    part = _main_part(zf, kept)
    root = parse_xml(kept[part] if part in kept else read_member(zf, part, KIND), KIND)
    body = first_child(root, _BODY)
    if body is None:
        raise ReadError("该 Word 文件中没有正文内容。")
    numbering_xml = _read_part(zf, kept, posixpath.join(posixpath.dirname(part), "numbering.xml"))
    numbering = Numbering() if numbering_xml is None else Numbering.load(numbering_xml, KIND)
    renderer = _BodyRenderer(options, numbering)
    renderer.blocks(body)
    return renderer.out.text(), "docx", renderer.out.grids


def read_old_word(data: bytes, suffix: str, options: RenderOptions) -> tuple[str, str, list[GridRows]]:
    """An old .doc/.wps file, converted to .docx by LibreOffice when it is installed."""
    if is_encrypted_ole(data):
        raise ReadError("该 Word 文件设有打开密码（已加密），请取消密码后再打开。")
    from parsers.read.soffice import find_soffice, profile_url

    soffice = find_soffice()
    if soffice is None:
        raise ReadError(f"无法直接读取 {suffix} 格式，请用 Word 或 WPS 将其另存为 .docx 后再打开。")
    with tempfile.TemporaryDirectory(prefix="report-auditor-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        try:
            subprocess.run(
                [
                    soffice,
                    "--headless",
                    "--norestore",
                    f"-env:UserInstallation={profile_url(Path(tmp))}",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    tmp,
                    str(src),
                ],
                check=True,
                capture_output=True,
                timeout=CONVERT_TIMEOUT,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise ReadError(f"用 LibreOffice 转换 {suffix} 文件失败，请另存为 .docx 后再打开。") from exc
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise ReadError(f"用 LibreOffice 转换 {suffix} 文件失败，请另存为 .docx 后再打开。")
        converted = out.read_bytes()
    if converted.startswith(OLE_MAGIC):
        raise ReadError(f"用 LibreOffice 转换 {suffix} 文件失败，请另存为 .docx 后再打开。")
    text, _, grids = read_docx(converted, options)
    return text, f"{suffix.lstrip('.')}→docx", grids
