"""The layouts of the zoo: each a way a real report's file holds the same tables.

A `Layout` is a renderer (a `Doc` to a file) with the transforms it applies first. The
classes follow the issue: `web` (web-page text on one line), `pdf-text` (a text-layer
PDF's text), `ocr` (a PDF or scan converted to Markdown/text), `clean` (the tidy
seed-like text layouts and their encodings), `file` (web pages, Word, PDFs made by
LibreOffice), `hostile` (the hostile variants of a clean report the issue lists) and
`combo` (classes combined).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from tests.zoo import perturb
from tests.zoo import transforms as tf
from tests.zoo.document import Doc
from tests.zoo.form import F2021
from tests.zoo.layouts import files, ocr, pdftext, plain, web
from tests.zoo.layouts.common import Rendered, Renderer, encode_big5, full_width, traditional
from tests.zoo.tablesets import TableSet

Transform = Callable[[Doc, random.Random], None]


def _always(ts: TableSet) -> bool:
    return True


@dataclass(frozen=True)
class Layout:
    name: str
    cls: str
    render: Renderer
    transforms: tuple[Transform, ...] = ()
    applies: Callable[[TableSet], bool] = _always
    perturbable: bool = True  # random perturbations are also laid over it
    max_sets: int | None = None  # layouts slow to make or read take a few sets only
    variant: Callable[[TableSet], TableSet] | None = None  # the set it renders, from a given one
    about: str = ""
    soffice: bool = False  # its file is made by LibreOffice (skipped where it is absent)


def _recode(render: Renderer, fn: Callable[[str], bytes]) -> Renderer:
    def out(doc: Doc, rng: random.Random) -> Rendered:
        made = render(doc, rng)
        return Rendered(fn(made.data.decode("utf-8")), made.suffix, made.soffice)

    return out


def big5(render: Renderer) -> Renderer:
    return _recode(render, encode_big5)


def fullwidth(render: Renderer) -> Renderer:
    return _recode(render, lambda t: full_width(t).encode("utf-8"))


def trad_utf8(render: Renderer) -> Renderer:
    return _recode(render, lambda t: traditional(t).encode("utf-8"))


def gb18030_crlf(render: Renderer) -> Renderer:
    return _recode(render, lambda t: t.replace("\n", "\r\n").encode("gb18030"))


def _is_2021(ts: TableSet) -> bool:
    return ts.format == F2021


WEB = web.WebStyle()
PDF = pdftext.PdfStyle()
OCR = ocr.OcrStyle()
PDF_SETS = 3

LAYOUTS: tuple[Layout, ...] = (
    # ---- web-page text on one line --------------------------------------------------
    Layout("web-oneline", "web", web.web(WEB), about="crawler header, breadcrumb, cells run together, stray spaces"),
    Layout(
        "web-oneline-spaced",
        "web",
        web.web(web.WebStyle(t3_spaced=True, t4_spaced=True, chrome=False, repeat_result=False)),
        about="no breadcrumb; 表三 and 表四 figures space-separated",
    ),
    Layout(
        "web-oneline-renumbered",
        "web",
        web.web(web.WebStyle(renumbered=True, cell_space=0.3)),
        (tf.issue_label_spaces,),
        about="two 四、 headings, 行政法复议, labels split by spaces, many stray spaces",
    ),
    Layout(
        "web-oneline-tight",
        "web",
        web.web(web.WebStyle(cell_space=0.0, repeat_result=False)),
        about="cells run together with no space at all",
    ),
    # ---- text-layer PDFs ------------------------------------------------------------------
    Layout(
        "pdftext-pagebreaks",
        "pdf-text",
        pdftext.pdftext(pdftext.PdfStyle(force_breaks=True)),
        about="a 表二 block's heading ends a page; （四）无 / 法提供 across a page break; — N — footers",
    ),
    Layout(
        "pdftext-numbered-slips",
        "pdf-text",
        pdftext.pdftext(pdftext.PdfStyle(footer="第 {page} 页 共 {pages} 页", formfeed=False, numbers_mid=True)),
        (tf.numbered_with_comma, tf.fixed_typos),
        about="sub-rows 1、2、; 其他法律行政止公开, 大量反复 申请, 总 计; figures on the middle line",
    ),
    Layout(
        "pdftext-narrow",
        "pdf-text",
        pdftext.pdftext(pdftext.PdfStyle(footer="- {page} -", label_width=9, group_width=3, numbers_mid=True)),
        about="narrow label columns: labels wrapped over two to four lines",
    ),
    Layout(
        "pdftext-page-of",
        "pdf-text",
        pdftext.pdftext(
            pdftext.PdfStyle(
                footer="第 {page} 页 共 {pages} 页", force_breaks=True, wrap_t4_header=False, page_lines=30
            )
        ),
        about="short pages, 第 N 页 共 M 页 footers, forced breaks in 表二 and 表三",
    ),
    # ---- PDF / OCR converted to Markdown or text -----------------------------------------
    Layout(
        "ocr-md-chunks",
        "ocr",
        ocr.ocr(OCR),
        (perturb.page_footers,),
        about="表三 in small tables under 数据1…; free labels; group cells; page footers inside tables",
    ),
    Layout(
        "ocr-md-cut-labels",
        "ocr",
        ocr.ocr(ocr.OcrStyle(free_labels=False, cut_labels=True, t4_header_cells=12, md_headings=False)),
        (tf.notes_in_cells, perturb.reorder_t2_blocks),
        about="cut-off long labels, notes in cells, 表二 blocks out of order, 12-cell 表四 header",
    ),
    Layout(
        "ocr-text-one-table",
        "ocr",
        ocr.ocr(
            ocr.OcrStyle(t3_chunks=False, data_headers=False, free_labels=False, t4_header_cells=12), suffix=".txt"
        ),
        about="表三 as one pipe table with a group-fragment column and a stray page number",
    ),
    Layout(
        "ocr-md-slips",
        "ocr",
        ocr.ocr(ocr.OcrStyle(header_fragments=False, t4_header_cells=6)),
        (tf.ocr_slips,),
        about="look-alike characters in labels and in the agency's name",
    ),
    # ---- clean text -----------------------------------------------------------------------
    Layout("clean-pipes", "clean", plain.pipes, about="one row per line, ` | ` between cells (seed 000)"),
    Layout("clean-flattened", "clean", plain.flattened, about="each table on one line of ` | ` cells (seed 004)"),
    Layout("clean-tabs", "clean", plain.tabs, about="cells apart by tabs"),
    Layout("clean-spaces", "clean", plain.spaces, about="cells apart by single spaces"),
    Layout("clean-big5", "clean", big5(plain.pipes), about="traditional characters in Big5"),
    Layout("clean-fullwidth", "clean", fullwidth(plain.pipes), about="full-width digits and signs"),
    Layout("clean-thousands", "clean", plain.pipes, (tf.thousands,), about="thousands separators (1,171.742)"),
    Layout("clean-gb18030-crlf", "clean", gb18030_crlf(plain.tabs), about="GB18030 with CRLF line ends"),
    # ---- files with real cells ----------------------------------------------------------------
    Layout("html-official", "file", files.html_file(files.HtmlStyle()), about="rowspan/colspan"),
    Layout(
        "html-webpage",
        "file",
        files.html_file(files.HtmlStyle(chrome=True)),
        about="a site's page: navigation, styled spans, <br> in labels",
    ),
    Layout("docx-table", "file", files.docx_file(), about="python-docx tables with merged cells"),
    Layout(
        "pdf-docx-ruled",
        "file",
        files.pdf_from(files.docx_file(ruled=True)),
        perturbable=False,
        max_sets=PDF_SETS,
        soffice=True,
        about="LibreOffice PDF of the Word file, ruled tables",
    ),
    Layout(
        "pdf-html-ruled",
        "file",
        files.pdf_from(files.html_file(files.HtmlStyle())),
        perturbable=False,
        max_sets=PDF_SETS,
        soffice=True,
        about="LibreOffice PDF of the web page, ruled tables",
    ),
    Layout(
        "pdf-docx-unruled",
        "file",
        files.pdf_from(files.docx_file(ruled=False)),
        perturbable=False,
        max_sets=PDF_SETS,
        soffice=True,
        about="LibreOffice PDF of the Word file, tables without ruling lines",
    ),
    # ---- hostile variants of a clean report ------------------------------------------------------
    Layout(
        "hostile-spaced-sentence",
        "hostile",
        plain.pipes,
        (tf.spaced_sentence_first,),
        about="section 三 opens with 新收申请 129 件，办理完毕 134 件",
    ),
    Layout(
        "hostile-dash-footer-in-row",
        "hostile",
        plain.pipes,
        (tf.footer_in_row("- {page} -"),),
        about="a `- 3 -` footer between two cells of a 表三 row",
    ),
    Layout(
        "hostile-page-of-in-row",
        "hostile",
        plain.pipes,
        (tf.footer_in_row("第 {page} 页 共 {pages} 页"),),
        about="a `第 3 页 共 5 页` footer inside a 表三 row",
    ),
    Layout(
        "hostile-space-grouped",
        "hostile",
        plain.pipes,
        (tf.space_grouped,),
        applies=tf.has_big_count,
        about="1 010, 587 944",
    ),
    Layout("hostile-rows-swapped", "hostile", plain.pipes, (tf.swap_t3_rows,), about="一/二 and 不予公开 1/2 swapped"),
    Layout("hostile-wu-for-zero", "hostile", plain.pipes, (tf.zeros_as(("无",)),), about="无 written for zero"),
    Layout(
        "hostile-dash-slash-for-zero",
        "hostile",
        plain.pipes,
        (tf.zeros_as(("—", "/")),),
        about="— and / written for zero",
    ),
    Layout(
        "hostile-unicode-minus",
        "hostile",
        plain.pipes,
        (tf.unicode_minus,),
        applies=tf.has_negative_change,
        about="−3 / –3 in 2019 本年增/减",
    ),
    Layout("hostile-extra-column", "hostile", plain.pipes, (tf.extra_column,), about="an 8th 表三 column 备注"),
    Layout("hostile-t4-run", "hostile", plain.t4_run, about="表四 as one run of digits under `|` headers"),
    Layout(
        "hostile-negative-count",
        "hostile",
        plain.pipes,
        applies=_is_2021,
        variant=tf.make_negative,
        about="a negative 行政强制 count (NEGATIVE expected)",
    ),
    # ---- combinations -----------------------------------------------------------------------------
    Layout("combo-web-big5-fullwidth", "combo", big5(fullwidth(web.web(WEB))), about="web one-line, Big5, full width"),
    Layout(
        "combo-web-minus-footer",
        "combo",
        web.web(WEB),
        (tf.unicode_minus, tf.footer_in_row("- {page} -")),
        about="web one-line with − signs and a footer inside a row",
    ),
    Layout(
        "combo-pdftext-hostile",
        "combo",
        pdftext.pdftext(pdftext.PdfStyle(force_breaks=True, numbers_mid=True)),
        (tf.spaced_sentence_first, tf.swap_t3_rows, tf.zeros_as(("无",))),
        about="PDF text with the spaced sentence, swapped rows and 无 for zero",
    ),
    Layout(
        "combo-ocr-traditional-thousands",
        "combo",
        trad_utf8(ocr.ocr(OCR)),
        (tf.thousands,),
        about="Markdown chunks in traditional characters with thousands separators",
    ),
    Layout(
        "combo-html-placeholders",
        "combo",
        files.html_file(files.HtmlStyle(chrome=True)),
        (tf.zeros_as(("—", "/", "无")),),
        about="a site's page with —, / and 无 for zero",
    ),
    Layout(
        "combo-tabs-swapped-extra",
        "combo",
        plain.tabs,
        (tf.swap_t3_rows, tf.extra_column, tf.thousands),
        about="tabs, swapped rows, 备注 column, thousands separators",
    ),
)

CLASSES = ("web", "pdf-text", "ocr", "clean", "file", "hostile", "combo")


def layout(name: str) -> Layout:
    for item in LAYOUTS:
        if item.name == name:
            return item
    raise KeyError(name)
