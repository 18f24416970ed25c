"""The report's title and the header lines a web page or a crawler puts before the body.

A title names the agency and the year: 平潭综合实验区2019年度政府信息公开工作年度报告,
2023年度某某市财政局政府信息公开工作年度报告. It stands in a crawler's header line
(`标题: …`), on a line of its own at the head of the text, or in a page's breadcrumb
(`当前位置： 首页…年报 平潭综合实验区2021年度…年度报告 来源：… 时间：2022-02-08 16:34`). A
mention of a report inside a sentence (按照《…2020年政府信息公开工作年度报告…的通知》,
编制了区民政局2020年度…年度报告) is no title.

The page's publication date comes from its header lines (`发布时间: 2020-01-20 15:22`,
`时间：2022-02-08`, `发布日期：2021-01-29`), never from a date in the narrative.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

# How far into the text a title or a header line may stand.
HEAD = 2000

# What follows 信息公开 in a title: 工作年度报告, 年报, 工作的年度报告 …
REPORT_AFTER = r"\s*(?:工作)?\s*的?\s*(?:年度)?\s*(?:报\s*告|年报)"
# A title's year and its ending: 2019年度政府信息公开工作年度报告, 2021年政府信息公开年报.
_TITLE_END = re.compile(rf"((?:19|20)\d{{2}})\s*年度?\s*(?:政府)?信息公开{REPORT_AFTER}")
# The same, with the agency between the year and its ending.
_TITLE_YEAR_FIRST = re.compile(
    rf"((?:19|20)\d{{2}})\s*年度?\s*([^\s\d,，。:：;；、《》“”\"|]{{2,30}}?)\s*(?:政府)?信息公开{REPORT_AFTER}"
)
_REPORT_AFTER = re.compile(REPORT_AFTER)
_HEADER_TITLE = re.compile(r"标[ \t]*题[ \t]*[:：|][ \t|]*([^\n|]+)")
# The characters of a name in a title: anything but spaces, digits and punctuation.
_NAME_RUN = re.compile(r"[^\s\d,，。.:：;；、《》“”\"'|/<>»›()（）\[\]【】]+$")
# What a title's name may stand after: the start of a line, a space, a breadcrumb's arrow.
_BEFORE_TITLE = frozenset(" \t\n\r>|»›:：")
# A breadcrumb run on to the name: 首页政务公开政府信息公开年报平潭综合实验区 → 平潭综合实验区
_BREADCRUMB = re.compile(r".*(?:年报|首页|当前位置|位置|专栏|栏目|正文)")
# What follows a mention of a report that is no title: …年度报告有关事项的通知, …年度报告编制
_NOT_AFTER_TITLE = ("有关", "的通知", "编制", "工作的", "考核", "格式", "》")
_ABOUT = re.compile(r"关于$")
_BAD_NAME = re.compile(r"^(?:本|我|该|各|全|上级|有关|关于)|信息公开|年度报告|条例|通知")


@dataclass(frozen=True)
class Title:
    """The agency a title names (None when it names none), its year, and its span."""

    name: str | None
    year: int
    start: int
    end: int


@lru_cache(maxsize=16)
def find_title(text: str) -> Title | None:
    """The report's title: from a `标题:` header line, else the first title standing on its
    own (at a line's start, after a space or a breadcrumb) in the head of the text.

    Several readers of a report ask for its title: the answer is kept for the last texts."""
    for header in _HEADER_TITLE.finditer(text, 0, HEAD):
        line_start = text.rfind("\n", 0, header.start()) + 1
        if text[line_start : header.start()].strip():
            continue
        title = _title_in(text, header.start(1), header.end(1), standalone=False)
        if title is not None:
            return title
    return _title_in(text, 0, min(len(text), HEAD), standalone=True)


def _title_in(text: str, start: int, end: int, standalone: bool) -> Title | None:
    for m in _title_matches(text, start, end):
        if text.startswith(_NOT_AFTER_TITLE, m.end()):
            continue
        run = _NAME_RUN.search(text, max(start, m.start() - 40), m.start())
        name = run.group() if run else ""
        name_start = run.start() if run else m.start()
        if standalone and name_start > 0 and text[name_start - 1] not in _BEFORE_TITLE:
            continue  # inside a sentence: 编制了区民政局2020年度…
        cut = _BREADCRUMB.match(name)
        if cut:
            name = name[cut.end() :]
        name = _ABOUT.sub("", name)  # 某某管委会关于2012年…工作的年度报告
        if not name and m.re is _TITLE_YEAR_FIRST:
            name = m.group(2)
        return Title(name if _good_name(name) else None, int(m.group(1)), name_start, m.end())
    return None


def _title_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The matches of both title patterns in text[start:end], in order; where both match at
    one place, the one with the year next to its ending.

    Every title holds 信息公开 at most 36 characters after its year: the patterns, which open
    with a year and so would be tried at every position, are tried only before each one."""
    found: dict[int, re.Match[str]] = {}
    at = text.find("信息公开", start, end)
    while at >= 0:
        if not _REPORT_AFTER.match(text, at + 4, end):
            at = text.find("信息公开", at + 4, end)
            continue
        window = (max(start, at - 40), min(end, at + 16))
        for pattern in (_TITLE_YEAR_FIRST, _TITLE_END):
            for m in pattern.finditer(text, *window):
                found[m.start()] = m
        at = text.find("信息公开", at + 4, end)
    return [found[k] for k in sorted(found)]


def _good_name(name: str) -> bool:
    return len(name) >= 3 and not _BAD_NAME.search(name)


def _title_matches_plain(text: str, start: int, end: int) -> list[re.Match[str]]:
    """What `_title_matches` finds, the plain way: both patterns searched through the whole
    slice. The property tests hold the two equal."""
    found = {m.start(): m for m in _TITLE_YEAR_FIRST.finditer(text, start, end)}
    found.update({m.start(): m for m in _TITLE_END.finditer(text, start, end)})
    return [found[k] for k in sorted(found)]


# A header date: 发布时间: 2020-01-20, 时间：2022-02-08 16:34, 发布日期：2021年1月29日. The label is a
# verb and 日期/时间, or 日期/时间 alone after a space, a `|` or a line's start, then a colon.
_LABEL_VERBS = ("发布", "生成", "成文", "印发", "公开", "发文")
_HEADER_DATE = re.compile(
    r"\s*[:：]?\s*\|?\s*((?:19|20)\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})(?![\d.])(?!\s*日?\s*(?:至|到|起|止|—|~))"
)
_COLON = re.compile(r"\s*[:：]")


def find_published(text: str) -> dt.date | None:
    """The publication date in the page's header lines, or None."""
    head = text[:3000]
    found: list[tuple[int, dt.date]] = []
    for word in ("日期", "时间"):
        at = head.find(word)
        while at >= 0:
            date = _header_date(head, at, word)
            if date is not None:
                found.append((at, date))
                break
            at = head.find(word, at + 1)
    return min(found)[1] if found else None


def _header_date(head: str, at: int, word: str) -> dt.date | None:
    verb = head[max(0, at - 2) : at]
    if verb not in _LABEL_VERBS:
        if at > 0 and head[at - 1] not in " \t\n|":
            return None  # 统计时间, 办理时间 …: no header label
        if not _COLON.match(head, at + len(word)):
            return None
    m = _HEADER_DATE.match(head, at + len(word))
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
