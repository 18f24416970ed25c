"""The text layer of a PDF as `pdftotext -layout` gives it.

Paragraphs wrapped at the page width; pages of a fixed number of lines, each ended by
its footer (`— 4 —`, `第 3 页 共 5 页`, `- 3 -`) and, in some files, a form feed; table
rows as columns of text padded with spaces: the group labels in narrow columns wrapped
over the rows of their group (`（四）无` / `法提供`), long row labels wrapped over several
lines with the figures on the first or the middle one. `force_breaks` puts a page break
after a 表二 block's heading (its rows on the next page) and between the two lines of
（四）无法提供's group label.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from tests.zoo.document import Break, Doc
from tests.zoo.layouts.common import Rendered, report_parts, segments, wrap


@dataclass(frozen=True)
class PdfStyle:
    footer: str = "— {page} —"
    formfeed: bool = True
    numbers_mid: bool = False  # figures on the middle line of a wrapped label
    force_breaks: bool = False
    page_lines: int = 44
    label_width: int = 15
    group_width: int = 4
    wrap_t4_header: bool = True


BREAK = "\x00break"  # a line that forces a page break after the line before it
_TABLE = "\x01"  # marks a table's lines among the report's parts: they are not wrapped


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, cols: int) -> str:
    return text + " " * max(1, cols - width(text))


def numbers(cells: list[str], field: int = 9) -> str:
    return "".join(c.rjust(field) for c in cells)


def _t2(doc: Doc, style: PdfStyle, rng: random.Random) -> list[str]:
    lines: list[str] = []
    forced = rng.randrange(len(doc.t2)) if style.force_breaks else -1
    for k, block in enumerate(doc.t2):
        lines.append(block.heading)
        lines.append(pad("信息内容", 24) + "".join(pad(c, 18) for c in block.col_labels).rstrip())
        if block.break_after_heading:
            lines.append(block.break_after_heading.footer)
        if k == forced:
            lines.append(BREAK)
        for row in block.rows:
            for seg in segments(row.cells):
                if isinstance(seg, Break):
                    lines.append(seg.footer)
                else:
                    lines.append(pad(row.label, 24) + "".join(c.rjust(12) + " " * 6 for c in seg).rstrip())
    return lines


def _t3_header(doc: Doc) -> list[str]:
    labels = doc.t3_col_labels
    note = wrap(doc.t3_note, 20)
    extra = doc.t3_extra_col or ""
    return [
        pad(note[0], 44) + "申请人情况",
        pad(note[1] if len(note) > 1 else "", 44)
        + pad(labels[0], 10)
        + pad("法人或其他组织", 44)
        + labels[6]
        + "  "
        + extra,
        pad(note[2] if len(note) > 2 else "", 54) + "".join(pad(x, 9) for x in labels[1:6]).rstrip(),
    ]


def _t3(doc: Doc, style: PdfStyle, rng: random.Random) -> list[str]:
    lines = _t3_header(doc)
    # Each group label is wrapped into its narrow column and its pieces go on the
    # successive lines of the group's rows.
    pieces: dict[int, list[str]] = {0: [], 1: []}
    prev_groups: tuple[str, ...] = ()
    for item in doc.t3_items:
        if isinstance(item, Break):
            lines.append(" " * 30 + item.footer)
            continue
        for level in (0, 1):
            group = item.groups[level] if level < len(item.groups) else ""
            old = prev_groups[level] if level < len(prev_groups) else ""
            if group != old:
                pieces[level] = wrap(group, style.group_width) if group else []
        prev_groups = item.groups
        label_lines = wrap(item.label, style.label_width)
        at = len(label_lines) // 2 if style.numbers_mid else 0
        for i, text in enumerate(label_lines):
            left = "".join(pad(pieces[level].pop(0) if pieces[level] else "", 10) for level in (0, 1))
            line = left + pad(text, 34)
            if i == at:
                segs = segments(item.cells)
                line += numbers(segs[0])  # type: ignore[arg-type]
                lines.append(line.rstrip())
                for seg in segs[1:]:
                    if isinstance(seg, Break):
                        lines.append(" " * 30 + seg.footer)
                    else:
                        lines.append((" " * 54 + numbers(seg)).rstrip())
            else:
                lines.append(line.rstrip())
        if style.force_breaks and item.id == "unable.not_held":
            lines.append(BREAK)
        # a group label longer than its rows' lines: the rest on lines of its own
    return lines


def _t4(doc: Doc, style: PdfStyle) -> list[str]:
    rows = doc.t4_row_labels
    cols = doc.t4_col_labels
    head = [pad(rows[0], 46) + "行政诉讼", " " * 46 + pad(rows[1], 46) + rows[2]]
    if style.wrap_t4_header:
        head.append("".join(pad(c[:2], 9) for c in cols * 3).rstrip())
        head.append("".join(pad(c[2:], 9) for c in cols * 3).rstrip())
    else:
        head.append("".join(pad(c, 9) for c in cols * 3).rstrip())
    out = list(head)
    for seg in segments(doc.t4_cells):
        out.append(seg.footer if isinstance(seg, Break) else "".join(c.rjust(5) + "    " for c in seg).rstrip())
    return out


def pdf_text(doc: Doc, rng: random.Random, style: PdfStyle) -> str:
    def table(n: int) -> list[str]:
        if n == 2:
            lines = _t2(doc, style, rng)
        elif n == 3:
            lines = _t3(doc, style, rng)
        else:
            lines = _t4(doc, style)
        return [_TABLE + line for line in lines]

    lines: list[str] = []
    for part in report_parts(doc, table):
        if part.startswith(_TABLE):
            lines.append(part.removeprefix(_TABLE))
        elif width(part) <= 72:
            lines.append(part)
        else:
            lines += wrap("　　" + part, 36)
    return paginate(lines, style, rng)


def paginate(lines: list[str], style: PdfStyle, rng: random.Random) -> str:
    pages: list[list[str]] = [[]]
    for line in lines:
        if line == BREAK:
            pages.append([])
            continue
        if len(pages[-1]) >= style.page_lines:
            pages.append([])
        pages[-1].append(line)
    total = len(pages)
    out = []
    for n, page in enumerate(pages, 1):
        footer = style.footer.format(page=n, pages=total)
        out.append("\n".join(page) + "\n\n" + " " * 30 + footer + "\n")
    return ("\f" if style.formfeed else "\n").join(out)


def pdftext(style: PdfStyle):  # type: ignore[no-untyped-def]
    def render(doc: Doc, rng: random.Random) -> Rendered:
        return Rendered(pdf_text(doc, rng, style).encode("utf-8"), ".txt")

    return render
