"""Read the figures the narrative states for table cells: 收到申请N件, 行政复议N件, 收费N万元."""

from __future__ import annotations

import re
from collections.abc import Iterator

from model.claims import CellClaim
from parsers.figures import figure_value
from parsers.normalize import positions

_NUM = r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
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
