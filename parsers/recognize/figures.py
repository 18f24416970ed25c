"""Figures in running text: a number, in digits or in Chinese numerals, with its unit.

`16条`, `3909.30万元`, `二十件`, `约200次`, `190余条`, `16条，占61.5%`. Values are exact
(`int`, or `Decimal` when the figure has decimals); a number of more than `MAX_DIGITS`
digits is no figure of any report and is not read. Years, document numbers (〔2021〕39号),
ordinals (第3批) and percentages are no figures.

Also here: where the round brackets of a text pair up, and the text with the asides they
hold blanked out, which is how lists with nested sub-lists are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from model.claims import Exact, Figure

UNITS = ("万元", "人次", "元", "条", "件", "篇", "次", "个", "项", "场", "期", "家", "户", "人", "份", "批")
# Units that count things: a list that mixes two of them (件 and 条) is not one breakdown.
COUNT_UNITS = frozenset(UNITS) - {"万元", "元"}
# A count of more digits than this is no count of any report: the figure is not read.
MAX_DIGITS = 10

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN = "零〇一二两三四五六七八九十百千"

# A figure: the number, its approximation (余, 多), its unit, and a word after (左右 …).
# It opens with the number's first character, so that a search skips from digit to numeral,
# and its quantifiers are possessive where giving back could only leave a character that
# nothing after it takes; an absent approx or post group is "" rather than None.
_FIGURE = re.compile(
    rf"(?P<num>[\d{_CN}]"
    rf"(?:(?<=\d)\d*+(?:,\d\d\d)*+(?:\.\d++|)|(?<!\d)[{_CN}]*+))"
    rf"\s*+(?P<approx>[余多]?)\s*+(?P<unit>{'|'.join(UNITS)})(?P<post>左右|以上|以下|上下|多|)"
)
# The plain form of `_FIGURE`, as one reads it: digits (with thousands and decimals) or
# numerals, then the unit. No character that can follow the number (a space, 余, 多, a
# unit) can continue it, so what the possessive quantifiers keep, giving it back finds no
# other match; the property tests hold the two equal. Not for use: on a long run of digits,
# numerals or spaces with no unit after it, giving back at every start makes the plain
# form many times slower (20 times on 20,000 digits, seconds on 20,000 spaces).
_FIGURE_PLAIN = re.compile(
    rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|[{_CN}]+)"
    rf"\s*(?P<approx>[余多]?)\s*(?P<unit>{'|'.join(UNITS)})(?P<post>左右|以上|以下|上下|多|)"
)
# Words before a number that make it approximate: 约200次, 近百条, 超过50件.
_ABOUT_BEFORE = ("约", "近", "逾", "超", "达", "超过", "将近", "大约", "不足", "不到", "至少", "不少于")
# A share of the list's own total (占61.5%, 占总数的20%, 占比5%); not one of another base
# (占全市的3%), which says nothing of this list.
_SHARE = re.compile(
    r"\s*+[,，]?\s*+(?:占(?:比|总数|总量|全部|总体|总件数|总条数)?的?(?:比例|比重)?(?:为|达|约为|约)?)?"
    r"(\d{1,3}(?:\.\d{1,4})?)\s*[%％]"
)
# What the text right after a figure must start with for a share to follow: 16条，占61.5%
_SHARE_STARTS = frozenset(" \t,，占0123456789")


def chinese_number(text: str) -> int | None:
    """三十六 → 36, 一百零五 → 105, 两 → 2; None when the text is no well-formed numeral
    (一二, 十二五)."""
    if not text:
        return None
    total, digit, last_unit = 0, None, 10_000
    for ch in text:
        if ch in _CN_DIGITS:
            if digit:  # two digits in a row, other than after 零
                return None
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit >= last_unit:
                return None
            total += (digit or 1) * unit
            last_unit, digit = unit, None
        else:
            return None
    return total + (digit or 0)


def figure_value(num: str) -> Exact | None:
    """The exact value of a number as written (1,171 → 1171, 3909.30 → Decimal("3909.30"),
    三十六 → 36); None when it is no plausible figure (more than `MAX_DIGITS` digits before or
    after the point)."""
    if num[0].isdigit():
        whole, _, fraction = num.replace(",", "").partition(".")
        if len(whole) > MAX_DIGITS or len(fraction) > MAX_DIGITS:
            return None
        return Decimal(f"{whole}.{fraction}") if fraction else int(whole)
    return chinese_number(num)


def iter_figures(text: str, start: int, end: int, unit: str | None = None, shares: bool = False) -> Iterator[Figure]:
    """The figures in text[start:end] from left to right (those in `unit` only, if given),
    with the share stated after each when `shares`."""
    for m in _FIGURE.finditer(text, start, end):
        if unit is not None and m.group("unit") != unit:
            continue
        figure = _figure(text, m, start, shares)
        if figure is not None:
            yield figure


def figures(text: str, start: int, end: int, unit: str | None = None, shares: bool = False) -> list[Figure]:
    return list(iter_figures(text, start, end, unit, shares))


# The last characters of the words in `_ABOUT_BEFORE`.
_ABOUT_ENDS = frozenset(word[-1] for word in _ABOUT_BEFORE)
_NOT_BEFORE = frozenset("占第.")


def _figure(text: str, m: re.Match[str], lo: int, shares: bool) -> Figure | None:
    num, _, unit, post = m.groups()
    num_start, figure_end = m.span()
    before = text[num_start - 1] if num_start > lo else ""
    after = text[figure_end] if figure_end < len(text) else ""
    if after == "%" or after == "％" or before in _NOT_BEFORE:
        return None  # a share, an ordinal (第3批), or a piece of a longer number
    if not num[0].isdigit() and "\u4e00" <= after <= "\u9fff":
        return None  # 一件事, 十件实事, 三项制度: words, not figures
    value = figure_value(num)
    if value is None:
        return None
    approximate = bool(m.group(2) or post) or (
        before in _ABOUT_ENDS and text[max(lo, num_start - 3) : num_start].endswith(_ABOUT_BEFORE)
    )
    percent = share_after(text, figure_end) if shares and after in _SHARE_STARTS else None
    return Figure(value, unit, num_start, figure_end, approximate, percent)


_BARE = re.compile(r"(?<![\d.,])(\d{1,10})\s*$")


def bare_number(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """A whole number that ends text[start:end] with no unit after it (部分公开67): its value
    and span, or None."""
    m = _BARE.search(text, start, end)
    if m is None:
        return None
    return int(m.group(1)), m.start(1), m.end(1)


def share_after(text: str, end: int) -> Decimal | None:
    """The share stated right after a figure that ends at `end` (，占61.5%)."""
    share = _SHARE.match(text, end)
    return Decimal(share.group(1)) if share else None


def share_end(text: str, end: int) -> int:
    """Where the share stated right after a figure that ends at `end` ends (`end` if none)."""
    share = _SHARE.match(text, end)
    return share.end() if share else end


# ---- brackets ----------------------------------------------------------------------------


_BRACKET = re.compile(r"[(（)）]")


def brackets(text: str) -> list[int]:
    """Positions of the round brackets, half- and full-width, in order."""
    return [m.start() for m in _BRACKET.finditer(text)]


def bracket_pairs(text: str, positions: list[int]) -> list[tuple[int, int]]:
    """The pairs of brackets (opening, closing position), as nested brackets pair up: any
    opening bracket with any closing one. Unpaired brackets are left out. Ordered by opening."""
    opened: list[int] = []
    pairs = []
    for where in positions:
        if text[where] in "(（":
            opened.append(where)
        elif opened:
            pairs.append((opened.pop(), where))
    pairs.sort()
    return pairs


def outermost(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs not inside another, in order."""
    out: list[tuple[int, int]] = []
    for start, end in pairs:
        if not out or start > out[-1][1]:
            out.append((start, end))
    return out


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each pair of brackets in `spans` (ordered, not overlapping), and all it
    holds, made spaces: positions are kept."""
    if not spans:
        return text
    pieces = []
    last = 0
    for start, end in spans:
        pieces.append(text[last:start])
        pieces.append(" " * (end + 1 - start))
        last = end + 1
    pieces.append(text[last:])
    return "".join(pieces)
