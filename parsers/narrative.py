"""Read the figures the narrative states: totals with their parts, and numbers in words.

A sum claim is a sentence of the form 共…N条，其中A a条、B b条… (or a figure followed by
its parts in parentheses). Only figures in the same unit as the total count as parts;
approximate figures (余, 多, 约, 近, 左右, 以上) make the claim unverifiable, so it is skipped.
Percentages and years are never parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from model.claims import CellClaim, Exact, Figure, SumClaim
from parsers.normalize import positions

UNITS = ("万元", "人次", "元", "条", "件", "篇", "次", "个", "项", "场", "期", "家", "户", "人", "份", "批")
_UNIT = "|".join(UNITS)
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
_NUM = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
# A figure: (?P<pre>约|近|超过|逾)?(?P<num>{_NUM})\s*(?P<approx>余|多)?\s*(?P<unit>…)(?P<post>…)?
# Its pattern here is written to be cheap, finding the same:
# - It leaves out the optional word before the number, which `_iter_figures` looks at, and
#   opens with the number's first character (`_NUM`'s, taken out of each branch), so that a
#   search skips from digit to numeral instead of trying the whole pattern everywhere.
# - Quantifiers that could only give back characters nothing after them takes (a digit, a
#   numeral, `,` or `.` in front of the unit, a space before 余 or the unit) are possessive,
#   and the optional groups are written without `?` (`[余多]?`, an empty last branch), so
#   that a failed try backtracks through nothing and needs no repeat context: a missing
#   approx or post group is "" instead of None.
_FIGURE = re.compile(
    r"(?P<num>[\d零〇一二两三四五六七八九十百千]"
    r"(?:(?<=\d)\d*+(?:,\d\d\d)*+(?:\.\d++|)|(?<!\d)[零〇一二两三四五六七八九十百千]*+))"
    rf"\s*+(?P<approx>[余多]?)\s*+(?P<unit>{_UNIT})(?P<post>左右|以上|以下|多|)"
)
_TOTAL = re.compile(r"(?:共计|总计|合计|累计|共有|共)")
_SENTENCE = re.compile(r"[^。!?！？\n]+[。!?！？]?")
# Possessive spaces: giving some back leaves a space where a comma, 占 or a digit must be,
# and text with its asides blanked out has long runs of them.
_SHARE = re.compile(r"\s*+[,，]?\s*+(?:占[^,，。;；%]{0,8}?)?(\d+(?:\.\d+)?)\s*[%％]")
# The last character of any `_FIGURE` match: a unit's or that of 左右, 以上, 以下, 多.
_FIGURE_ENDS = frozenset(unit[-1] for unit in UNITS) | frozenset("右上下多")


def chinese_number(text: str) -> int | None:
    """三十六 → 36, 一百零五 → 105; None when the text is not a Chinese numeral."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        else:
            total += (digit if digit is not None else 1) * _CN_UNITS[ch]
            digit = None
    return total + (digit or 0)


# A count of more digits than this is no count of any report: the figure is not read.
MAX_DIGITS = 10


def figure_value(num: str) -> Exact | None:
    """The exact value of a figure as written (1,171 → 1171, 3909.30 → Decimal("3909.30"),
    三十六 → 36); None when it is no plausible figure (more than `MAX_DIGITS` digits before or
    after the point)."""
    if num[0].isdigit():
        whole, _, fraction = num.replace(",", "").partition(".")
        if len(whole) > MAX_DIGITS or len(fraction) > MAX_DIGITS:
            return None
        return Decimal(f"{whole}.{fraction}") if fraction else int(whole)
    return chinese_number(num)


def _figures(text: str, start: int, end: int, unit: str | None = None) -> list[Figure]:
    """The figures in text[start:end] (those in `unit` only, if given)."""
    return list(_iter_figures(text, start, end, unit))


def _iter_figures(text: str, start: int, end: int, unit: str | None = None) -> Iterator[Figure]:
    """The figures in text[start:end] from left to right (those in `unit` only, if given)."""
    searched_from = start
    for m in _FIGURE.finditer(text, start, end):
        num_start, figure_end = m.span()
        # The figure starts with the word before its number when there is one (and it lies
        # where this search went): the search for the whole figure would have found it
        # there, one or two characters before the number.
        first = num_start
        if first - 1 >= searched_from and text[first - 1] in "约近逾":
            first -= 1
        elif first - 2 >= searched_from and text.startswith("超过", first - 2):
            first -= 2
        searched_from = figure_end
        figure_unit = m.group("unit")
        if unit is not None and figure_unit != unit:
            continue
        after = text[figure_end : figure_end + 1]
        before = text[max(0, first - 1) : first]
        if after in ("%", "％") or before == "占" or text[figure_end - 1 : figure_end + 1] == "年度":
            continue
        value = figure_value(m.group("num"))
        if value is None:
            continue
        approx = bool(first < num_start or m.group("approx") or m.group("post"))
        share = _SHARE.match(text, figure_end)
        percent = Decimal(share.group(1)) if share else None
        yield Figure(value, figure_unit, num_start, figure_end, approx, percent)


def _brackets(text: str) -> list[int]:
    """Positions of the round brackets, half- and full-width, in order.

    `str.find` skips ahead far faster than a regex that starts with a character class."""
    found = []
    for bracket in "(（)）":
        where = text.find(bracket)
        while where >= 0:
            found.append(where)
            where = text.find(bracket, where + 1)
    found.sort()
    return found


def _mask_parens(text: str, brackets: list[int]) -> str:
    """Blank out parenthesised asides (nested lists, notes) keeping positions.

    Brackets pair up as nested brackets do, any opening one with any closing one; a pair
    and all it holds become spaces. Unpaired brackets stay."""
    opened: list[int] = []
    asides: list[tuple[int, int]] = []
    for where in brackets:
        if text[where] in "(（":
            opened.append(where)
        elif opened:
            start = opened.pop()
            while asides and asides[-1][0] > start:
                asides.pop()  # nested in this pair
            asides.append((start, where + 1))
    if not asides:
        return text
    pieces = []
    last = 0
    for start, end in asides:
        pieces.append(text[last:start])
        pieces.append(" " * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def find_sum_claims(text: str) -> list[SumClaim]:
    """Every 共…N，其中… claim and every N(a、b、c) list in the text."""
    claims: list[SumClaim] = []
    brackets = _brackets(text)
    near = _sentences_near_qizhong(text)
    masked = _mask_parens(text, brackets) if near else text
    for s, e in near:
        marks = [m.start() for m in _TOTAL.finditer(masked, s, e)]
        following = _SENTENCE.search(text, e) if "其中" not in masked[s:e] else None
        if following and following.group().lstrip().startswith("其中"):
            # 其中 opens the next sentence: 主动公开信息26条。其中我局公开16条……
            if not marks:
                figures = _figures(masked, s, e)
                marks = [figures[-1].start] if figures else []
            e = following.end()
        claims.extend(_claims_in(masked, marks, e))
    claims.extend(_paren_claims(text, brackets))
    return claims


# Greedy `.*` jumps to the end of the slice and steps back to the last break (or word
# character), so finding where a sentence starts costs its length, not the text's.
_UP_TO_BREAK = re.compile(r"(?s:.*)[。!?！？\n]")
_UP_TO_WORD = re.compile(r"(?s:.*)[^。!?！？\n]")


def _sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The span of the `_SENTENCE` that holds `pos`, a character that is not a break."""
    m = _UP_TO_BREAK.match(text, 0, pos)
    start = m.end() if m else 0
    sentence = _SENTENCE.match(text, start)
    assert sentence is not None
    return start, sentence.end()


def _sentences_near_qizhong(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences that hold 其中, and of those just before one that opens with it.

    Only these can open a claim; the rest of a report (table rows among them) is skipped,
    and its sentences are never looked for."""
    near: set[tuple[int, int]] = set()
    where = text.find("其中")
    while where >= 0:
        start, end = _sentence_at(text, where)
        near.add((start, end))
        if not text[start:where].strip():
            # The sentence before may hold the total: 主动公开信息26条。其中……
            before = _UP_TO_WORD.match(text, 0, start)
            if before:
                near.add(_sentence_at(text, before.end() - 1))
        where = text.find("其中", end)
    return sorted(near)


def _claims_in(text: str, marks: list[int], end: int) -> list[SumClaim]:
    """Claims opened at each mark (共 or an implicit total); several may share a sentence."""
    out = []
    for i, mark in enumerate(marks):
        stop = marks[i + 1] if i + 1 < len(marks) else end
        where = text.find("其中", mark, stop)
        if where < 0:
            continue
        total = next(_iter_figures(text, mark, where), None)
        if total is None:
            continue
        if text[mark : total.start].count("，") + text[mark : total.start].count(",") > 0:
            continue  # the figure after 共 belongs to another clause
        parts = _list_parts(text, where + 2, stop, total.unit)
        if len(parts) < 2 and not (len(parts) == 1 and parts[0].value > total.value):
            continue
        if total.approximate or any(p.approximate for p in parts):
            continue
        out.append(SumClaim(total, tuple(parts), mark, stop))
    return out


_CLAUSE = re.compile(r"[^,，、;；]+")
_NOT_A_PART = re.compile(
    r"较|同比|环比|比上年|增长|下降|减少|增加|全部|均已|均为|共|合计|累计|总计|总数|办结|答复|结转"
)


def _list_parts(text: str, start: int, end: int, unit: str) -> list[Figure]:
    """The figures of a contiguous list: clauses after 其中 up to the first without one."""
    parts: list[Figure] = []
    for m in _CLAUSE.finditer(text, start, end):
        if parts and _NOT_A_PART.search(m.group()):
            break  # a comparison or a restatement (较上年增长…, 已全部办结…) ends the list
        found = _figures(text, m.start(), m.end(), unit)
        if not found:
            if parts and not re.search(r"[%％]", m.group()):
                break  # the list is over; a share (占61.5%) does not end it
            continue
        parts.extend(found)
    return parts


def _paren_claims(text: str, brackets: list[int]) -> list[SumClaim]:
    """A figure followed by its breakdown in parentheses: 612条(3条、568条、41条)."""
    out = []
    for start, end in zip(brackets, brackets[1:]):
        # Brackets next to each other, the first opening, the second closing, with 4 to 200
        # characters between; the total's unit (or 左右, 多 …) must end right before.
        if text[start] not in "(（" or text[end] not in ")）" or not 4 <= end - start - 1 <= 200:
            continue
        if text[start - 1 : start] not in _FIGURE_ENDS:
            continue
        before = _figures(text, max(0, start - 12), start)
        if not before or before[-1].end != start:
            continue
        total = before[-1]
        inside = text[start + 1 : end]
        parts = _figures(text, start + 1, end, total.unit)
        if len(parts) < 2 or total.approximate or any(p.approximate for p in parts):
            continue
        if "其中" in inside or "含" in inside[:2]:
            continue
        out.append(SumClaim(total, tuple(parts), total.start, end + 1))
    return out


_N = rf"({_NUM})"
_CLAUSE_CHARS = r"[^。，,；;]"
# (pattern, table, cells, words for the message, what every match starts with, or None for
# the first, whose possible starts `_received_candidates` finds); group 1 is the figure.
_CELL_PATTERNS: tuple[tuple[re.Pattern[str], str, tuple[tuple[str, str], ...], str, tuple[str, ...] | None], ...] = (
    (
        re.compile(
            rf"(?:共|全年|本年度?|年度)\s*{_CLAUSE_CHARS}{{0,6}}?(?:收到|受理|新收|接收|接到){_CLAUSE_CHARS}{{0,15}}?申请\s*(?:共|总计)?\s*{_N}\s*件"
        ),
        "table3",
        (("new", "total"),),
        "收到政府信息公开申请",
        None,
    ),
    (
        re.compile(rf"上年(?:度)?结转{_CLAUSE_CHARS}{{0,12}}?{_N}\s*件"),
        "table3",
        (("carried_over", "total"),),
        "上年结转申请",
        ("上年",),
    ),
    (
        re.compile(rf"行政复议(?:案件|申请)?(?:共|总计)?\s*{_N}\s*(?:件|起|宗)"),
        "table4",
        (("review", "total"),),
        "行政复议",
        ("行政复议",),
    ),
    (
        re.compile(rf"行政诉讼(?:案件)?(?:共|总计)?\s*{_N}\s*(?:件|起|宗)"),
        "table4",
        (("litigation_direct", "total"), ("litigation_after_review", "total")),
        "行政诉讼",
        ("行政诉讼",),
    ),
    (
        re.compile(rf"行政事业性收费{_CLAUSE_CHARS}{{0,10}}?{_N}\s*万元"),
        "table2",
        (("fees", "amount"),),
        "行政事业性收费",
        ("行政事业性收费",),
    ),
)
_NO_APPLICATIONS = re.compile(rf"(?:未|没有)(?:收到|受理|接到|发生){_CLAUSE_CHARS}{{0,20}}?(?:政府信息公开)?申请")
_NO_STARTS = ("未", "没有")  # what every match of the two patterns starts with
_NO_REVIEW = re.compile(
    r"(?:未|没有)(?:发生|收到|有|接到)[^。；;，,]{0,30}?(?:(行政复议)(?:[和、及与](行政诉讼))?|(行政诉讼))"
)


# 表四 counts only reviews and suits about information disclosure: the sentence must say so.
_ABOUT_DISCLOSURE = re.compile(r"信息公开|依申请公开|公开申请")
_NEEDS_CONTEXT = {"table4"}
_NOT_THE_FIGURE = re.compile(r"减|免|退|降|增|少|比|较|节约|累计|历年")


def _matches(pattern: re.Pattern[str], text: str, candidates: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, for a pattern that can only match at the `candidates`.

    The regex search tries the pattern at every position, a few nanoseconds each even when
    it opens with a literal; trying it only where it can match is far cheaper."""
    pos = 0
    for where in candidates:
        if where < pos:
            continue  # inside the last match
        m = pattern.match(text, where)
        if m:
            yield m
            pos = m.end()


_RECEIVED = ("收到", "受理", "新收", "接收", "接到")
# How a match of the 收到…申请 pattern ends: 申请 and a figure in 件, at most 15 characters
# after the verb. It opens with a literal and is seldom in a text, so it is looked for first.
_APPLICATIONS_FIGURE = re.compile(rf"申请\s*(?:共|总计)?\s*{_NUM}\s*件")


def _received_candidates(text: str) -> list[int]:
    """Where the 收到…申请 pattern can match: at 共, 全年, 本年 or 年度 before a verb that
    ends at most 15 characters before an `_APPLICATIONS_FIGURE`.

    The opener and the words up to the verb hold at most nine characters besides
    whitespace, and no clause break."""
    verbs: set[int] = set()
    # No two matches overlap (none holds 申 after its start), so the search finds them all.
    for figure in _APPLICATIONS_FIGURE.finditer(text):
        end = figure.start()
        for word in _RECEIVED:
            where = text.find(word, max(0, end - 17), end)
            while where >= 0:
                verbs.add(where)
                where = text.find(word, where + 1, end)
    found: set[int] = set()
    for verb in verbs:
        start = verb
        budget = 9
        while start > 0 and budget > 0 and text[start - 1] not in "。，,；;":
            start -= 1
            if not text[start].isspace():
                budget -= 1
        found.update(i for i in range(start, verb) if text[i] in "共全本年")
    return sorted(found)


def _sentence_of(text: str, start: int, end: int) -> str:
    a = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    b_candidates = [i for i in (text.find("。", end), text.find("\n", end)) if i >= 0]
    b = min(b_candidates) if b_candidates else len(text)
    return text[a:b]


def find_cell_claims(text: str, fmt: str) -> list[CellClaim]:
    """Figures the narrative states for table cells (收到申请N件, 行政复议N件, 收费N万元 …)."""
    out: list[CellClaim] = []
    for pattern, table, cells, what, starts in _CELL_PATTERNS:
        if table == "table2" and fmt != "2021":
            continue  # 2019 fees count items, not money
        candidates = positions(text, starts) if starts else _received_candidates(text)
        for m in _matches(pattern, text, candidates):
            value = figure_value(m.group(1))
            after = text[m.end() : m.end() + 1]
            if value is None or after in ("余", "多") or text[m.start(1) - 1 : m.start(1)] in ("约", "近"):
                continue
            if table in _NEEDS_CONTEXT and not _ABOUT_DISCLOSURE.search(_sentence_of(text, m.start(), m.end())):
                continue
            if _NOT_THE_FIGURE.search(m.group()):
                continue  # 减免收费5万元, 同比增加3件: another figure than the table's
            out.append(CellClaim(table, cells, value, what, m.start(), m.end()))
    no_candidates = positions(text, _NO_STARTS)
    for m in _matches(_NO_APPLICATIONS, text, no_candidates):
        out.append(CellClaim("table3", (("new", "total"),), 0, "收到政府信息公开申请", m.start(), m.end()))
    for m in _matches(_NO_REVIEW, text, no_candidates):
        if not _ABOUT_DISCLOSURE.search(_sentence_of(text, m.start(), m.end())):
            continue
        if m.group(1):
            out.append(CellClaim("table4", (("review", "total"),), 0, "行政复议", m.start(), m.end()))
        if m.group(2) or m.group(3):
            cells = (("litigation_direct", "total"), ("litigation_after_review", "total"))
            out.append(CellClaim("table4", cells, 0, "行政诉讼", m.start(), m.end()))
    return out
