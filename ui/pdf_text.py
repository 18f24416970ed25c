"""The text layer of Qt's PDFs, put right for Chinese: 人 copied as 人, not as the radical ⼈.

A PDF maps each glyph back to its character (the font's ToUnicode map), so that readers
can search, copy and extract the text. Qt writes that map by asking, for every character
from U+0000 up, which glyph the font draws it with, and keeps the first character found
for each glyph. Chinese fonts draw the Kangxi radicals (U+2F00…) and the radical
supplement (U+2E80…) with the very glyphs of the ideographs they look like, and those come
first: the PDF then says ⼈⼒资源 where the page shows 人力资源, and a search for 人力 finds
nothing.

`to_unicode_fixed` rewrites those entries to the ideograph the same font draws with the
same glyph (`radical_ideographs`, worked out from the fonts themselves, so no table of
radicals is kept here). A code is four hex digits either way, so the file keeps its length
and every offset in it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from PySide6.QtGui import QFont, QRawFont

RADICALS = range(0x2E80, 0x2FE0)  # CJK Radicals Supplement and Kangxi Radicals
IDEOGRAPHS = [*range(0x4E00, 0xA000), *range(0x3400, 0x4DC0)]  # the common block first

_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)
_ARRAY = re.compile(rb"\[([^\]]*)\]")
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")


@functools.cache
def radical_ideographs(families: tuple[str, ...]) -> dict[int, int]:
    """Each radical that one of `families` draws with an ideograph's glyph, and that
    ideograph."""
    radicals = "".join(chr(c) for c in RADICALS)
    ideographs = "".join(chr(c) for c in IDEOGRAPHS)
    out: dict[int, int] = {}
    for family in families:
        font = QRawFont.fromFont(QFont(family))
        if not font.isValid() or not font.supportsCharacter("人"):
            continue
        by_glyph: dict[int, int] = {}
        for code, glyph in zip(IDEOGRAPHS, font.glyphIndexesForString(ideographs)):
            if glyph:
                by_glyph.setdefault(glyph, code)
        for code, glyph in zip(RADICALS, font.glyphIndexesForString(radicals)):
            if glyph and glyph in by_glyph:
                out.setdefault(code, by_glyph[glyph])
    return out


def to_unicode_fixed(pdf: bytes, families: Iterable[str]) -> bytes:
    """`pdf` with the radicals of its ToUnicode maps turned into the ideographs they stand
    for (the same length: offsets stay valid)."""
    mapping = radical_ideographs(tuple(families))
    if not mapping:
        return pdf

    def code(m: re.Match[bytes]) -> bytes:
        value = int(m.group(1), 16)
        return b"<%04X>" % mapping[value] if value in mapping else m.group(0)

    def array(m: re.Match[bytes]) -> bytes:
        return b"[" + _CODE.sub(code, m.group(1)) + b"]"

    def cmap(m: re.Match[bytes]) -> bytes:
        # Qt lists the characters of a run of glyphs in brackets; a run of ten or more
        # consecutive characters is written as its first one instead, and radicals never
        # come ten in a row.
        return _ARRAY.sub(array, m.group(0))

    return _CMAP.sub(cmap, pdf)
