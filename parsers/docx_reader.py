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
import shutil
import subprocess
import tempfile
from pathlib import Path

from lxml import etree

from model.errors import ReadError
from parsers.docx_numbering import Numbering
from parsers.grid import Grid, GridRows, RenderOptions, TextBuilder, clean_cell, clean_line
from parsers.ooxml import OLE_MAGIC, is_encrypted_ole, open_package, parse_xml, read_member

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = re.compile(r"/officeDocument$")
KIND = " Word "
CONVERT_TIMEOUT = 120


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _TBL, _TR, _TC, _T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("t")
_SKIP = frozenset(
    {
        _w("del"),
        _w("moveFrom"),
        _w("delText"),
        _w("instrText"),
        _w("pPr"),
        _w("rPr"),
        _w("tblPr"),
        _w("trPr"),
        _w("tcPr"),
        _w("sectPr"),
        f"{{{MC}}}Fallback",
        _w("footnoteReference"),
    }
)
_BREAKS = frozenset({_w("br"), _w("cr")})


def _main_part(zf) -> str:  # type: ignore[no-untyped-def]
    """The main document part named by the package relationships."""
    try:
        rels = parse_xml(zf.read("_rels/.rels"), KIND)
    except KeyError:
        return "word/document.xml"
    for rel in rels.iter(f"{{{_REL}}}Relationship"):
        if _OFFICE_DOC.search(rel.get("Type", "")):
            return posixpath.normpath(rel.get("Target", "word/document.xml").lstrip("/"))
    return "word/document.xml"


class _BodyRenderer:
    """Walks `w:body`, writing paragraphs as lines and tables as grids."""

    def __init__(self, options: RenderOptions, numbering: Numbering) -> None:
        self.out = TextBuilder(options)
        self.numbering = numbering

    def blocks(self, parent: etree._Element) -> None:
        for child in parent:
            tag = child.tag
            if tag == _P:
                self.out.line(clean_line(self.numbering.label(child) + _para_text(child)))
            elif tag == _TBL:
                if child.find(f".//{_TBL}") is not None:
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

    def visit(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _w("tab"):
                parts.append(" ")
            elif tag in _BREAKS:
                parts.append("\n")
            elif tag in (_w("noBreakHyphen"), _w("softHyphen")):
                parts.append("-" if tag == _w("noBreakHyphen") else "")
            elif tag == _P:
                parts.append("\n")
                visit(child)  # a text box's paragraphs
                parts.append("\n")
            else:
                visit(child)

    visit(p)
    return "".join(parts)


def _cell_text(tc: etree._Element) -> str:
    return "\n".join(_para_text(p) for p in tc.iter(_P))


def _int_attr(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    m = re.match(r"\d+", el.get(_w("val"), "") or "")
    return int(m.group()) if m else default


def table_grid(tbl: etree._Element) -> Grid:
    """The table on its grid, gridSpan and vMerge resolved."""
    texts: list[list[str]] = []
    covered: list[list[bool]] = []
    # For each grid column, the (row, col) of the vertically merged cell still open there.
    open_merge: dict[int, tuple[int, int]] = {}
    for r, tr in enumerate(tbl.iterchildren(_TR)):
        row_t: list[str] = []
        row_c: list[bool] = []
        trpr = tr.find(_w("trPr"))
        before = _int_attr(trpr.find(_w("gridBefore")) if trpr is not None else None, 0)
        row_t += [""] * before
        row_c += [False] * before
        for tc in tr.iterchildren(_TC):
            tcpr = tc.find(_w("tcPr"))
            span = max(1, min(_int_attr(tcpr.find(_w("gridSpan")) if tcpr is not None else None, 1), 1000))
            vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
            col = len(row_t)
            text = clean_cell(_cell_text(tc))
            cont = vmerge is not None and vmerge.get(_w("val"), "continue") == "continue" and col in open_merge
            if cont:
                top_r, top_c = open_merge[col]
                if text:  # text typed into a merged-away cell still belongs to the cell
                    texts[top_r][top_c] = clean_cell(texts[top_r][top_c] + "\n" + text)
                row_t += [""] * span
                row_c += [True] * span
            else:
                row_t += [text] + [""] * (span - 1)
                row_c += [False] + [True] * (span - 1)
                if vmerge is not None:
                    open_merge[col] = (r, col)
                else:
                    open_merge.pop(col, None)
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
    zf = open_package(data, KIND)
    part = _main_part(zf)
    root = parse_xml(read_member(zf, part, KIND), KIND)
    body = root.find(_w("body"))
    if body is None:
        raise ReadError("该 Word 文件中没有正文内容。")
    numbering = Numbering.load(zf, posixpath.dirname(part), KIND)
    renderer = _BodyRenderer(options, numbering)
    renderer.blocks(body)
    return renderer.out.text(), "docx", renderer.out.grids


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice", "soffice.exe"):
        found = shutil.which(name)
        if found:
            return found
    return None


def read_old_word(data: bytes, suffix: str, options: RenderOptions) -> tuple[str, str, list[GridRows]]:
    """An old .doc/.wps file, converted to .docx by LibreOffice when it is installed."""
    if is_encrypted_ole(data):
        raise ReadError("该 Word 文件设有打开密码（已加密），请取消密码后再打开。")
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
                    f"-env:UserInstallation=file://{Path(tmp).as_posix()}/profile",
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
