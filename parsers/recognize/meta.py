"""Find a report's agency, report year, signed and published dates, and table format.

The year comes from the title when there is one (…2024年政府信息公开工作年度报告), else
from the year the text talks about most, leaving out full dates (a report is signed in
the following year). The agency comes from the signature above the closing date, the
title (`parsers/recognize/title.py`), or the names the text gives itself. The publication date
comes from the page's header lines. The format comes from the form's labels only.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator

from model.deadline import FROM_NOWHERE, FROM_SIGNATURE, FROM_TEXT, FROM_TITLE
from model.schema import FORMAT_2019, FORMAT_2021
from parsers.read.normalize import label_key, positions
from parsers.recognize.title import REPORT_AFTER, find_title
from parsers.recognize.title import find_published as _header_published

_YEAR_TITLES = re.compile(r"((?:19|20)\d{2})\s*年度?\s*(?:政府)?信息公开" + REPORT_AFTER)
# A title that names the agency after the year: 2023年度某某市财政局政府信息公开工作年度报告
_YEAR_AGENCY_TITLES = re.compile(
    r"((?:19|20)\d{2})\s*年度?\s*([\u4e00-\u9fff()（）]{3,30}?)\s*(?:政府)?信息公开" + REPORT_AFTER
)
_FULL_DATES = re.compile(r"((?:19|20)\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})(?:\s*日)?")
# `(?<!\d..)` after the century is "no digit before the year".
_YEARS = re.compile(r"((?:19|20)(?<!\d..)\d{2})\s*(?:年度?|(?=[共全我本]))")
_AGENCY_ENDS = (
    *("人民政府办公室", "人民政府办公厅", "人民政府", "委员会", "办公室", "办公厅", "管理局", "管理处", "管理委员会"),
    "管委会",  # a zone's: 平潭综合实验区管委会, not 实验区管委
    *("局", "委", "厅", "办", "中心", "院", "署", "所", "馆", "队", "处", "街道办事处", "街道", "镇", "乡"),
)
_AGENCY_END = "(?:" + "|".join(_AGENCY_ENDS) + ")"
# The agency endings that end with each character.
_ENDS_BY_LAST = {last: tuple(end for end in _AGENCY_ENDS if end[-1] == last) for last in {e[-1] for e in _AGENCY_ENDS}}
# Characters a place or agency name does not contain: function words, verbs, punctuation.
_NOT_NAME = r"\s\d了的为在是对与及等关于做好编制按照根据结合认真我本各全、其中包括邀请通过向由从将把被使,，。.:：;；《》()（）“”\"'|/\-"
_NAME_CHAR = rf"[^{_NOT_NAME}]"
# Greedy `.*` jumps to the end of the slice and steps back to the last character that is
# not a name's, so the name characters before a point are found in their number of steps.
_UP_TO_NOT_NAME = re.compile(rf"(?s:.*)[{_NOT_NAME}]")
# Names are found from their ending (局, 委, 厅 …) backwards: far cheaper than scanning forwards.
_AGENCY_ENDING = re.compile(rf"{_AGENCY_END}(?![\u4e00-\u9fff]?(?:局|委|厅|办))")
# The last character of every place ending (省, 自治区, 市, 地区, 新区 …); none is in an agency ending.
_PLACE_ENDS = "省市州盟县区旗"
_SIGNATURE_NAME = re.compile(rf"^\s*([\u4e00-\u9fff()（）]{{3,40}}?{_AGENCY_END})\s*$")
_BAD_AGENCY = re.compile(r"^(?:本|我|该|各|全|上级|有关)|信息公开|年度报告|工作|条例")
# What a report calls itself: 我局, 本中心 …; one pattern for 我 and one for 本, each skipping
# ahead to its literal. Neither character is in a kind, so no match of one overlaps the other's.
_SELF = tuple(re.compile(rf"{word}(局|委|厅|办|院|署|中心|镇|乡|街道|县|区|市|州|省|所|站)") for word in "我本")
_NAME_TAIL = re.compile(rf"{_NAME_CHAR}+$")


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


_CN_DIGIT = dict(zip("〇零一二三四五六七八九", "00123456789"))
_CN_DATE = re.compile(
    r"([〇零一二三四五六七八九]{4})\s*年(?:\s*([一二三四五六七八九十]{1,3})\s*月(?:\s*([一二三四五六七八九十]{1,3})\s*日)?)?"
)


def _cn_small(text: str) -> int:
    """一 … 三十一 (months and days)."""
    if "十" not in text:
        return int(_CN_DIGIT[text])
    tens, _, ones = text.partition("十")
    return (int(_CN_DIGIT[tens]) if tens else 1) * 10 + (int(_CN_DIGIT[ones]) if ones else 0)


# A 年 after a numeral or a space: the only ones a Chinese-numeral year can end with. Most
# 年 follow Arabic digits, and the search for this one skips from 年 to 年.
_CN_YEAR_END = re.compile(r"年(?<=[〇零一二三四五六七八九\s]年)")


def _has_cn_year(text: str) -> bool:
    """Whether `_CN_DATE` matches anywhere: four numerals, spaces, 年. Looked for from each
    candidate 年 backwards, far cheaper than the pattern's search through the whole text."""
    m = _CN_YEAR_END.search(text)
    while m is not None:
        at = end = m.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if end >= 4 and all(ch in _CN_DIGIT for ch in text[end - 4 : end]):
            return True
        m = _CN_YEAR_END.search(text, at + 1)
    return False


def _has_cn_year_plain(text: str) -> bool:
    """The plain form of `_has_cn_year`. The property tests hold the two equal."""
    return _CN_DATE.search(text) is not None


def arabic_dates(text: str) -> str:
    """Years and dates written in Chinese numerals (二〇二四年一月二十日) in digits."""
    if not _has_cn_year(text):
        return text

    def repl(m: re.Match[str]) -> str:
        out = "".join(_CN_DIGIT[ch] for ch in m.group(1)) + "年"
        if m.group(2):
            out += f"{_cn_small(m.group(2))}月"
        if m.group(3):
            out += f"{_cn_small(m.group(3))}日"
        return out

    return _CN_DATE.sub(repl, text)


def find_year(text: str) -> int | None:
    """The report year: the title's, else the year the text talks about most."""
    title = find_title(text)
    if title is not None:
        return title.year
    text = arabic_dates(text)
    # Titles in the text start and end in the order of their 信息公开 (no 信 stands between
    # a title's year and its end), so the first one is the first in the head if it ends there.
    m = _YEAR_TITLES.search(text)
    if m is None or m.end() > 600:
        m = _YEAR_AGENCY_TITLES.search(text, 0, 600) or m
    if m:
        return int(m.group(1))
    pieces = []
    last = 0
    for date in _FULL_DATES.finditer(text):
        pieces.append(text[last : date.start()])
        pieces.append(" ")
        last = date.end()
    pieces.append(text[last:])
    without_dates = "".join(pieces)
    counts = Counter(int(m.group(1)) for m in _YEARS.finditer(without_dates))
    plausible = {y: n for y, n in counts.items() if 2000 <= y <= 2100}
    if not plausible:
        return None
    return max(plausible, key=lambda y: (plausible[y], y))


def find_title_agency(text: str) -> str | None:
    """The name before the year in the title, trimmed to the characters a name can hold."""
    m = _YEAR_TITLES.search(text, 0, 600)
    if not m:
        after = _YEAR_AGENCY_TITLES.search(text, 0, 600)
        name = after.group(2) if after else ""
        return name if len(name) >= 3 and not _BAD_AGENCY.search(name) else None
    before = re.sub(r"[\s(（]+$", "", text[max(0, m.start() - 40) : m.start()])
    tail = _NAME_TAIL.search(before)
    name = tail.group() if tail else ""
    if len(name) < 3 or _BAD_AGENCY.search(name):
        return None
    return name


def find_signature(text: str) -> tuple[str | None, dt.date | None]:
    """The agency name and date at the end of the report, where it is signed."""
    tail = arabic_dates(text[-400:])
    dates = list(_FULL_DATES.finditer(tail))
    if not dates:
        return None, None
    last = dates[-1]
    signed = _date(*last.groups())
    before = tail[: last.start()].rstrip().splitlines()
    name = None
    if before:
        m = _SIGNATURE_NAME.match(before[-1])
        if m and not _BAD_AGENCY.search(m.group(1)):
            name = m.group(1)
    # A date in the body text (2024年12月) is no signature unless it stands on its own line.
    after = tail[last.end() :].strip(" \n|。")
    if after and len(after) > 20:
        return name, None
    line_start = tail.rfind("\n", 0, last.start())
    if tail[line_start + 1 : last.start()].strip(" |") and name is None:
        return None, None
    return name, signed


def date_span(text: str, date: dt.date) -> tuple[int, int] | None:
    """Where `date` is written in the text (its last mention), in any of the usual forms."""
    for m in reversed(list(_FULL_DATES.finditer(text))):
        if _date(*m.groups()) == date:
            return m.start(), m.end()
    return None


def find_published(text: str) -> dt.date | None:
    """The publication date in the page's header lines (发布时间: …, 时间：…), not from the
    narrative."""
    return _header_published(text)


def _endings_after_places(text: str, places: list[int]) -> Iterator[re.Match[str]]:
    """The matches of `_AGENCY_ENDING` in `text` that start 1 to 28 characters after one of
    `places`: the endings a name with a place can have. As no agency ending holds a place
    ending, no match spans a place: the search from just after one finds the same matches
    as the search through the whole text."""
    k = 0
    while k < len(places):
        first = places[k] + 1
        stop = places[k] + 29  # matches that start before this
        k += 1
        while k < len(places) and places[k] <= stop:
            stop = places[k] + 29
            k += 1
        # A match and its look-ahead read at most 9 characters.
        for m in _AGENCY_ENDING.finditer(text, first, stop + 8):
            if m.start() >= stop:
                break
            yield m


def _place_length(text: str, at: int) -> int:
    """The most characters a place that ends at `at` holds: 8 and its ending, the longest of
    区 (省, 市 …), 地区 or 新区, and 自治区 (自治州, 自治县) that ends there."""
    if at >= 2 and text[at - 2 : at] == "自治" and text[at] in "区州县":
        return 11
    if text[at] == "区" and text[at - 1] in "地新":
        return 10
    return 9


_PLACE = rf"(?:{_NAME_CHAR}{{1,8}}?(?:省|自治区|市|自治州|州|盟|地区|县|自治县|区|旗|新区))"
# One to three places, at most 16 name characters and an agency ending, up to the end.
_AGENCY_BEFORE = re.compile(rf"({_PLACE}{{1,3}}{_NAME_CHAR}{{0,16}}?{_AGENCY_END})$")


def _name_start_plain(text: str, start: int, end: int) -> int | None:
    """What `_name_start` finds, the plain way: the start of the regex's leftmost match."""
    m = _AGENCY_BEFORE.search(text, start, end)
    return m.start() if m else None


def _name_start(text: str, start: int, end: int, places: list[int]) -> int | None:
    """Where the earliest name that ends at `end` starts, at or after `start`; `places` holds
    the positions of the place endings in `text`.

    A name is one to three places (1 to 8 characters and a place ending: 省, 自治区, 市 …),
    at most 16 characters more and an agency ending (局, 人民政府 …), all of them name
    characters but the agency ending. This is the start of the match of
    `({place}{{1,3}}{name_char}{{0,16}}?{agency_end})$` searched for in text[start:end],
    worked out from the place endings backwards: much cheaper than that regex, which tries
    every position and every way to split the characters there into places."""
    earliest = None
    for ending in _ENDS_BY_LAST.get(text[end - 1], ()):
        names_end = end - len(ending)  # places and the characters after them end here
        if names_end < start + 2 or not text.startswith(ending, names_end):
            continue
        m = _UP_TO_NOT_NAME.match(text, start, names_end)
        first = m.end() if m else start  # the name starts in the run of name characters here
        # From the last place ending back: the fewest places (up to 3) that lead from the place
        # ending there to the agency ending, the last of them at most 16 characters before it.
        # The earliest start is that of the longest place that ends at one that leads there.
        fewest: dict[int, int] = {}
        for at in reversed(places[bisect_right(places, first) : bisect_left(places, names_end)]):
            if names_end - 1 - at <= 16:
                n = 1
            else:
                n = 1 + min((k for nxt, k in fewest.items() if 2 <= nxt - at <= _place_length(text, nxt)), default=3)
            if n <= 3:
                fewest[at] = n
                place_start = max(first, at + 1 - _place_length(text, at))
                if earliest is None or place_start < earliest:
                    earliest = place_start
    return earliest


def _names(text: str) -> list[str]:
    """The agency names with a place in `text`, in order: a place or up to three, at most 16
    characters and an agency ending, starting at most 28 characters before the ending."""
    places = positions(text, _PLACE_ENDS)
    out = []
    for end in _endings_after_places(text, places):
        start = _name_start(text, max(0, end.start() - 28), end.end(), places)
        if start is not None:
            out.append(text[start : end.end()])
    return out


def _names_plain(text: str) -> list[str]:
    """What `_names` finds, the plain way: `_AGENCY_BEFORE` searched before every agency
    ending. Several times slower on a report; the property tests hold the two equal."""
    out = []
    for end in _AGENCY_ENDING.finditer(text):
        start = _name_start_plain(text, max(0, end.start() - 28), end.end())
        if start is not None:
            out.append(text[start : end.end()])
    return out


_OFFICE = re.compile(r"(?:办公室|办公厅)$")
_ZONE_BODY = re.compile(r"(?:管委会|管理委员会)$")


def _office_of(signed: str, agency: str) -> bool:
    """Whether `signed` is the office of `agency` (洪泽区人民政府办公室 of 淮安市洪泽区人民政府,
    平潭综合实验区管委会办公室 of 平潭综合实验区)."""
    core = _OFFICE.sub("", signed)
    if core == signed:
        return False
    return any(
        len(name) >= 3 and (agency.endswith(name) or name.endswith(agency)) for name in (core, _ZONE_BODY.sub("", core))
    )


def find_agency(text: str, signature: tuple[str | None, dt.date | None] | None = None) -> str | None:
    """The agency as the report names itself (see `read_agency`)."""
    return read_agency(text, signature)[0]


def read_agency(text: str, signature: tuple[str | None, dt.date | None] | None = None) -> tuple[str | None, str]:
    """The agency as the report names itself, and where the name was found ("signature",
    "title", "text" or "none"): the signature first (a title may shorten the name:
    襄城区人社局), unless it is an office of the agency the title names; then the title;
    then names in the text, favouring the kind the report calls itself (我局 → …局) and those
    that complete a mention of the report's own title. `signature` is the text's
    `find_signature`, if the caller has it already."""
    signed_name, _ = find_signature(text) if signature is None else signature
    titled = find_title(text)
    title_name = titled.name if titled is not None else None
    if signed_name:
        if title_name and _office_of(signed_name, title_name):
            return title_name, FROM_TITLE  # the office that signed for the agency: 某某区人民政府办公室
        return signed_name, FROM_SIGNATURE
    if title_name:
        return title_name, FROM_TITLE
    title = find_title_agency(text)
    # Names stand in the header, the opening paragraphs and the signature.
    scope = text[:12000] + "\n" + text[-2000:] if len(text) > 14000 else text
    counts = Counter(name for name in _names(scope) if not _BAD_AGENCY.search(name))
    if not counts:
        # A name before a year in the head is a weaker reading than a title's: a guess.
        return (title, FROM_TEXT) if title else (None, FROM_NOWHERE)
    selves = Counter(_SELF[0].findall(text) + _SELF[1].findall(text))

    def score(name: str) -> tuple[float, int]:
        s = float(counts[name])
        s += sum(3 * n for kind, n in selves.items() if name.endswith(kind))
        if title and (name == title or name.endswith(title)):
            s += 5
        return s, len(name)

    best = max(counts, key=score)
    if title and not best.endswith(title) and title not in counts and score(best)[0] < 5:
        return title, FROM_TEXT
    return best, FROM_TEXT


_SIGNALS_2019 = tuple(
    label_key(s)
    for s in (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "其他对外管理服务事项",
        "第二十条第(九)项",
        "政府集中采购",
        "采购项目数量",
    )
)
_SIGNALS_2021 = tuple(
    label_key(s)
    for s in (
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年收费金额",
        "逾期未按收费通知",
        "逾期不补正",
    )
)


def format_signals(text: str) -> tuple[int, int]:
    """How many distinct 2019-only and 2021-only labels the text holds."""
    key = label_key(text)
    return sum(1 for s in _SIGNALS_2019 if s in key), sum(1 for s in _SIGNALS_2021 if s in key)


def detect_format(table_text: str) -> str | None:
    """2019 or 2021 from the labels of the tables, or None when no label tells."""
    n2019, n2021 = format_signals(table_text)
    if n2019 == n2021 == 0:
        return None
    return FORMAT_2021 if n2021 > n2019 else FORMAT_2019
