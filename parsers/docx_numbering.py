"""Automatic list numbers of Word paragraphs (一、 (一) 1.), as Word would show them.

Reports often number their sections and items through Word's list numbering rather than
typed text; without these the section headings (一、总体情况) would be lost. Numbers are
counted per list and level, deeper levels restarting when a higher one advances.
Numbering inherited from paragraph styles is not followed.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from parsers.ooxml import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(_w("val"))


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一; 100 and more fall back to digits."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def _roman(n: int) -> str:
    out = []
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return chinese_number(n)
    if fmt == "ideographDigital":
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiac") and 1 <= n <= 10:
        return _STEMS[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and n >= 1:
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)  # decimal, decimalZero, decimalFullWidth and the rest


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""


@dataclass
class Numbering:
    """The lists of one document and their running counters."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # startOverride
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, zf: zipfile.ZipFile, folder: str, kind: str) -> Numbering:
        name = posixpath.join(folder, "numbering.xml")
        try:
            data = zf.read(name)
        except KeyError:
            return cls()
        root = parse_xml(data, kind)
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.iterchildren(_w("abstractNum")):
            lvls: dict[int, _Level] = {}
            for lvl in an.iterchildren(_w("lvl")):
                ilvl = int(re.sub(r"\D", "", lvl.get(_w("ilvl"), "0")) or 0)
                start = _val(lvl.find(_w("start")))
                lvls[ilvl] = _Level(
                    int(start) if start and start.isdigit() else 1,
                    _val(lvl.find(_w("numFmt"))) or "decimal",
                    _val(lvl.find(_w("lvlText"))) or "",
                )
            abstract[an.get(_w("abstractNumId"), "")] = lvls
        out = cls()
        for num in root.iterchildren(_w("num")):
            num_id = num.get(_w("numId"), "")
            out.levels[num_id] = abstract.get(_val(num.find(_w("abstractNumId"))) or "", {})
            for ov in num.iterchildren(_w("lvlOverride")):
                start = _val(ov.find(_w("startOverride")))
                if start and start.isdigit():
                    out.starts[(num_id, int(ov.get(_w("ilvl"), "0") or 0))] = int(start)
        return out

    def label(self, p: etree._Element) -> str:
        """The list number of paragraph `p` followed by nothing (its text follows), or ''."""
        num_pr = p.find(f"{_w('pPr')}/{_w('numPr')}")
        if num_pr is None:
            return ""
        num_id = _val(num_pr.find(_w("numId"))) or ""
        ilvl_s = _val(num_pr.find(_w("ilvl"))) or "0"
        ilvl = int(ilvl_s) if ilvl_s.isdigit() else 0
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or ilvl > 8:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        if counts[ilvl] == 0:
            counts[ilvl] = self.starts.get((num_id, ilvl), levels[ilvl].start)
        else:
            counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lvl = levels.get(k)
            if lvl is None:
                return ""
            n = counts[k] or lvl.start
            return format_number(n, lvl.fmt)

        return re.sub(r"%([1-9])", sub, levels[ilvl].text)
