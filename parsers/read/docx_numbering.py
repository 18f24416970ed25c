"""Automatic list numbers of Word paragraphs (一、 (一) 1.), as Word would show them.

Reports often number their sections and items through Word's list numbering rather than
typed text; without these the section headings (一、总体情况) would be lost. Numbers are
counted per list and level, deeper levels restarting when a higher one advances.
Numbering inherited from paragraph styles is not followed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from parsers.read.ooxml import first_child, parse_xml
from parsers.read.ooxml import w_tag as _w

_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


_ABSTRACT_NUM = _w("abstractNum")
_ABSTRACT_NUM_ID = _w("abstractNumId")
_NUM = _w("num")
_NUM_ID = _w("numId")
_LVL = _w("lvl")
_ILVL = _w("ilvl")
_START = _w("start")
_NUM_FMT = _w("numFmt")
_LVL_TEXT = _w("lvlText")
_LVL_OVERRIDE = _w("lvlOverride")
_START_OVERRIDE = _w("startOverride")
_PPR = _w("pPr")
_NUM_PR = _w("numPr")
_VAL = _w("val")
_NON_DIGITS = re.compile(r"\D")
_LEVEL_REF = re.compile(r"%([1-9])")


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(_VAL)


def _first_vals(el: etree._Element) -> dict[str, str | None]:
    """The `w:val` of the first child of each tag (what `_val(el.find(tag))` gives), in one
    pass over the children."""
    vals: dict[str, str | None] = {}
    for child in el[:]:
        if isinstance(child.tag, str) and child.tag not in vals:
            vals[child.tag] = child.get(_VAL)
    return vals


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


def _levels(abstract_num: etree._Element) -> dict[int, _Level]:
    """The levels of one `w:abstractNum`, by `w:ilvl`."""
    lvls: dict[int, _Level] = {}
    for lvl in abstract_num[:]:
        if lvl.tag != _LVL:
            continue
        ilvl = int(_NON_DIGITS.sub("", lvl.get(_ILVL, "0")) or 0)
        vals = _first_vals(lvl)
        start = vals.get(_START)
        lvls[ilvl] = _Level(
            int(start) if start and start.isdigit() else 1,
            vals.get(_NUM_FMT) or "decimal",
            vals.get(_LVL_TEXT) or "",
        )
    return lvls


@dataclass
class Numbering:
    """The lists of one document and their running counters."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # startOverride
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, data: bytes, kind: str) -> Numbering:
        """The lists of a numbering part (`word/numbering.xml`)."""
        root = parse_xml(data, kind)
        abstract: dict[str, dict[int, _Level]] = {}
        nums: list[etree._Element] = []
        for child in root[:]:
            if child.tag == _ABSTRACT_NUM:
                abstract[child.get(_ABSTRACT_NUM_ID, "")] = _levels(child)
            elif child.tag == _NUM:
                nums.append(child)
        out = cls()
        for num in nums:  # after every abstractNum: a num may name one further down
            num_id = num.get(_NUM_ID, "")
            out.levels[num_id] = abstract.get(_val(first_child(num, _ABSTRACT_NUM_ID)) or "", {})
            for ov in num[:]:
                if ov.tag != _LVL_OVERRIDE:
                    continue
                start = _val(first_child(ov, _START_OVERRIDE))
                if start and start.isdigit():
                    out.starts[(num_id, int(ov.get(_ILVL, "0") or 0))] = int(start)
        return out

    def label(self, p: etree._Element) -> str:
        """The list number of paragraph `p` followed by nothing (its text follows), or ''."""
        num_pr = None
        for ppr in p[:]:  # as p.find("pPr/numPr"): the first numPr of any pPr
            if ppr.tag == _PPR:
                num_pr = first_child(ppr, _NUM_PR)
                if num_pr is not None:
                    break
        if num_pr is None:
            return ""
        vals = _first_vals(num_pr)
        num_id = vals.get(_NUM_ID) or ""
        ilvl_s = vals.get(_ILVL) or "0"
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

        return _LEVEL_REF.sub(sub, levels[ilvl].text)
