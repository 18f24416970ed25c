"""What every layout shares: the file it makes, the report's run of parts, text encodings."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from tests.zoo.document import Break, Cell, Doc


@dataclass(frozen=True)
class Rendered:
    """A layout's file: its bytes and suffix. With `soffice`, `data` is a document of that
    suffix that LibreOffice must still turn into the PDF the case reads."""

    data: bytes
    suffix: str
    soffice: str | None = None


Renderer = Callable[[Doc, random.Random], Rendered]


def segments(cells: list[Cell]) -> list[list[str] | Break]:
    """A row's cells cut at the page breaks that fall inside it: runs of texts and breaks."""
    out: list[list[str] | Break] = [[]]
    for cell in cells:
        if isinstance(cell, Break):
            out += [cell, []]
        else:
            last = out[-1]
            assert isinstance(last, list)
            last.append(cell)
    return out


def flat_cells(cells: list[Cell], break_text: Callable[[Break], str] = lambda b: b.footer) -> list[str]:
    """The cells in order, a break standing as its footer text."""
    return [break_text(c) if isinstance(c, Break) else c for c in cells]


def report_parts(
    doc: Doc,
    table: Callable[[int], list[str]],
    *,
    heading: Callable[[int, str], str] = lambda n, h: h,
) -> list[str]:
    """The report as a run of parts (a paragraph, a heading, a table's lines), in order:
    title, opening, the six sections with the tables under 二/三/四, signature."""
    p = doc.prose
    parts = [p.title, *p.intro]
    for n in range(1, 7):
        parts.append(heading(n, doc.headings[n]))
        parts += p.sections[n]
        if n in (2, 3, 4):
            parts += table(n)
            parts += p.after_table.get(n, [])
    parts += p.signature
    return parts


@cache
def _s2t():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("s2tw")


def traditional(text: str) -> str:
    return _s2t().convert(text)


def encode_big5(text: str) -> bytes:
    """Traditional characters (Taiwan standard) in Big5. A character Big5 lacks (only a
    perturbation's rare look-alike) becomes `?`, as converters write it."""
    return traditional(text).encode("big5", errors="replace")


_FULL = {c: c + 0xFEE0 for c in range(0x21, 0x7F) if chr(c) not in "|"}


def full_width(text: str) -> str:
    """ASCII letters, digits and signs in their full-width forms (the `|` of tables kept)."""
    return text.translate(_FULL)


def wrap(text: str, width: int) -> list[str]:
    """A paragraph cut into lines of `width` characters, as a PDF's text layer holds it."""
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]
