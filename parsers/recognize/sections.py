"""Find the six section headings of a report and the regions the three tables live in.

Headings are searched in order (一 … 六), each after the previous one, so the item
numbers inside 表三 (一、本年新收 …) are never taken for headings. Where a heading is
missing, the tables are found by their own anchors instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from model.report import Section

_NUMERALS = "一二三四五六"
_TITLE_WORDS = (
    r"总体情况|概述|总体概况|基本情况",
    r"主动公开",
    r"收到和处理|依申请公开|收到和处理政府信息公开申请",
    r"行政复议|行政诉讼|复议.{0,3}诉讼",
    r"存在的?主要问题|主要问题|问题及改进|改进情况|存在的问题",
    r"其他需要报告|其它需要报告|其他事项|其他需要说明",
)
# A heading starts the text or follows a break (space, bar, full stop, colon, tag end). The
# check stands after the heading's first character, looking back two, so that a search
# jumps from numeral to numeral instead of trying every position.
_AFTER_BREAK = r"(?<![^\s|。；;:：>].)"
_HEADING = [
    re.compile(
        rf"(?:({n}){_AFTER_BREAK}\s*[、.．，,]|第{_AFTER_BREAK}({n})部分\s*[、.．，,:：]?)\s*(?:[^\n|。]{{0,12}}?)(?:{words})"
    )
    for n, words in zip(_NUMERALS, _TITLE_WORDS)
]
# The plain form of `_HEADING`: the break looked for before the heading's first character.
_HEADING_PLAIN = [
    re.compile(
        rf"(?<![^\s|。；;:：>])(?:({n})\s*[、.．，,]|第({n})部分\s*[、.．，,:：]?)\s*(?:[^\n|。]{{0,12}}?)(?:{words})"
    )
    for n, words in zip(_NUMERALS, _TITLE_WORDS)
]


# A heading run into the text before it (`…24252.311082三、收到和处理政府信息公开申请情况`,
# web pages flattened onto one line) or numbered wrongly (a second 四、): found by the
# section's full official title after any item number, where no break precedes it.
_FULL_TITLES = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政(?:法)?复议[、,]?行政诉讼情况",
    "(?:政府信息公开工作)?存在的主要问题及改进情况",
    "其他需要报告的事项",
)
_RUN_IN = [re.compile(rf"[一二三四五六七]、\s*{title}") for title in _FULL_TITLES]


def find_sections(text: str) -> list[Section]:
    """The headings found, in order; each section runs to the next heading found."""
    found: list[tuple[int, int, str]] = []
    pos = 0
    for number in range(1, len(_HEADING) + 1):
        m = _find_heading(text, number, pos)
        if m is None:
            continue
        line_end = _title_end(text, m.start())
        found.append((number, m.start(), text[m.start() : line_end].strip()))
        pos = m.end()
    sections = []
    for i, (number, start, title) in enumerate(found):
        end = found[i + 1][1] if i + 1 < len(found) else len(text)
        sections.append(Section(number, title, start, end))
    return sections


_LISTED = 24  # a heading followed this closely by the next is a list of the parts, not a heading


def _find_heading(text: str, number: int, pos: int) -> re.Match[str] | None:
    """The first heading of section `number` at or after `pos` that is not an item in a
    list of the report's parts (本报告由一、总体情况，二、主动公开…组成)."""
    while True:
        m = _search_heading(_HEADING[number - 1], _NUMERALS[number - 1], text, pos)
        run_in = _RUN_IN[number - 1].search(text, pos)
        if run_in is not None and (m is None or run_in.start() < m.start()):
            m = run_in
        if m is None or number == len(_HEADING):
            return m
        after = m.end()
        nxt = _HEADING[number]
        window = text[after : after + _LISTED]
        cut = min((i for i in (window.find("\n"), window.find("。")) if i >= 0), default=len(window))
        listed = any(
            nxt.match(text, after + i) or _RUN_IN[number].match(text, after + i)
            for i in range(cut)
            if window[i] in _NUMERALS
        )
        if not listed:
            return m
        pos = after


def _search_heading(pattern: re.Pattern[str], numeral: str, text: str, pos: int) -> re.Match[str] | None:
    """`pattern.search(text, pos)` for a heading, which starts with its numeral or 第N部分.

    The regex search tries the pattern at every position; `str.find` jumps from one
    possible start to the next far faster, and the pattern is tried only there."""
    part = f"第{numeral}部分"
    next_numeral = text.find(numeral, pos)
    next_part = text.find(part, pos)
    while next_numeral >= 0 or next_part >= 0:
        if next_part < 0 or 0 <= next_numeral < next_part:
            where, next_numeral = next_numeral, text.find(numeral, next_numeral + 1)
        else:
            where, next_part = next_part, text.find(part, next_part + 1)
        m = pattern.match(text, where)
        if m:
            return m
    return None


def _search_heading_plain(pattern: re.Pattern[str], numeral: str, text: str, pos: int) -> re.Match[str] | None:
    """The plain form of `_search_heading`: the plain pattern of the same heading searched
    through the text. The property tests hold the two equal."""
    return _HEADING_PLAIN[_HEADING.index(pattern)].search(text, pos)


_TITLE_END = re.compile(r"[\n|]|情况|事项|措施|概述")


def _title_end(text: str, start: int) -> int:
    m = _TITLE_END.search(text, start, start + 40)
    if m is None:
        return min(len(text), start + 20)
    return m.end() if m.group() not in ("\n", "|") else m.start()


@dataclass(frozen=True)
class Regions:
    """Character ranges [start, end) of the text where each table is looked for."""

    table2: tuple[int, int] | None
    table3: tuple[int, int] | None
    table4: tuple[int, int] | None


_T2_ANCHOR = re.compile(r"第二十条第\s*[(（]\s*一\s*[)）]\s*项|信息内容")
_T3_ANCHOR = re.compile(r"申请人情况|本年新收政府信息公开申请|本年新收")
_T4_ANCHOR = re.compile(r"行政复议[\s|]{0,40}行政诉讼|结果维持")
_T4_SPAN = 4000


def find_regions(text: str, sections: list[Section]) -> Regions:
    by_number = {s.number: s for s in sections}

    def start_of(n: int) -> int | None:
        s = by_number.get(n)
        return s.start if s else None

    s2, s3, s4, s5 = start_of(2), start_of(3), start_of(4), start_of(5)

    t3_start = s3
    if t3_start is None:
        m = _T3_ANCHOR.search(text, s2 or 0)
        t3_start = _line_start(text, m.start()) if m else None
    t2_start = s2
    if t2_start is None:
        m = _T2_ANCHOR.search(text)
        t2_start = _line_start(text, m.start()) if m else None
    t4_start = s4 if s4 is not None and (t3_start is None or s4 > t3_start) else None
    if t4_start is None:
        m = _T4_ANCHOR.search(text, t3_start or 0)
        t4_start = _line_start(text, m.start()) if m else None
    # A found 表三 header before the 表三 heading means the heading was a narrative line.
    if t3_start is not None and t4_start is not None and t4_start < t3_start:
        t4_start = None

    t2 = t3 = t4 = None
    if t2_start is not None:
        t2_end = _first([t3_start, t4_start, s5], after=t2_start, default=len(text))
        t2 = (t2_start, t2_end)
    if t3_start is not None:
        t3_end = _first([t4_start, s5], after=t3_start, default=len(text))
        t3 = (t3_start, t3_end)
    if t4_start is not None:
        t4_end = _first([s5], after=t4_start, default=min(len(text), t4_start + _T4_SPAN))
        t4 = (t4_start, min(t4_end, t4_start + _T4_SPAN))
    return Regions(t2, t3, t4)


def _first(points: list[int | None], *, after: int, default: int) -> int:
    later = [p for p in points if p is not None and p > after]
    return min(later) if later else default


def _line_start(text: str, pos: int) -> int:
    nl = text.rfind("\n", 0, pos)
    return nl + 1
