"""Read the sums the narrative states: a total and the parts it is made of.

Real reports state them as 共…N条，其中A a条，B b条…; N条。其中…; N条，(其中…); N条(a条、b条);
共N件，分别为…. Each is read as a pipeline of small steps: where the list stands (the
sentence, or the brackets, that hold the trigger word), its parts (clause by clause, the
figures in the total's unit, nested asides blanked out), and its total (the nearest figure
in that unit before the list). What the reading could not make sure of is kept on the
claim (`SumClaim.certain`, `closed`, `shortest`) for the rule to weigh: a list that is
only a selection, goes on to other news, or hangs on a total that may not be its own must
not raise an alarm.

The figures the narrative states for table cells are read in `parsers/recognize/cell_claims.py`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from model.claims import CellClaim, Figure, SumClaim
from parsers.read.normalize import positions
from parsers.recognize.cell_claims import find_cell_claims as _find_cell_claims
from parsers.recognize.figures import (
    COUNT_UNITS,
    bare_number,
    blank,
    bracket_pairs,
    brackets,
    chinese_number,
    figure_value,
    figures,
    iter_figures,
    outermost,
    share_after,
    share_end,
)

__all__ = ["chinese_number", "figure_value", "find_cell_claims", "find_sum_claims"]

# The words that open a breakdown; 分别为 says it is complete. 包括 right after 其中 is its
# lead (其中包括), and after 不 or 含 no list (不包括…); 主要包括 and 主要类别有 open a
# selection, which may fall short of its total.
_TRIGGERS = ("其中", "分别为", "分别是", "包括", "主要类别有", "主要类别为", "主要有")
_COMPLETE_TRIGGERS = ("分别为", "分别是")
_NOT_BEFORE_INCLUDING = ("其中", "不", "含")
_BREAKS = "。!?！？\n"
_SEPARATORS = ",，、;；"
# What may stand between a trigger and its first item: 其中：, 其中包括, 分别为：
_LEAD = re.compile(r"[\s:：,，]*+(?:包括|包含)?[\s:：]*+")
_CLAUSE = re.compile(r"[^,，、;；]+")
# Words that end a list from its second item on: a comparison, a restatement, a new total,
# a nested breakdown, other news.
_STOP = re.compile(
    r"较|同比|环比|比上年|比去年|增长|下降|减少|增加|提高|上升|全部|均|(?<!公)共(?![享同建治用性识商])|合计|总计|累计|总数"
    r"|其中|办结|答复|另有|另外|此外|同时"
)
# Words that make a total: 共, 共计, 合计 …
_TOTAL_WORD = re.compile(r"(?<!公)共(?![享同建治用性识商])|合计|总计|累计|总数|总量")
# A clause that notes what a figure includes is no total: 包括上年结转30件, 含…
_NOTE = re.compile(r"\s*(?:包括|包含|含|不含|其中)")
# The last item of a complete list: 其他信息145条, 其余…; not 其他部门, 其他县区 (other agencies'
# items, which need not be all the rest).
_REST = re.compile(
    r"[\s、]*(?:以及|及|和|还有|另有)?\s*(?:其他|其它|其余|剩余|余下)(?![^,，;；]*(?:部门|单位|机关|地区|省|市|县|区|乡|镇|街道))"
)
# The kinds of item an application list mixes when it runs on into other news: how the
# applications came, who made them, how they were answered.
_KINDS = (
    ("channel", re.compile(r"网上|网络|在线|当面|现场|信函|邮寄|传真|电子邮件|邮件|电话")),
    ("applicant", re.compile(r"自然人|公民|法人|企业|组织|律师")),
    ("outcome", re.compile(r"予以公开|同意公开|部分公开|不予公开|无法提供|不予处理|其他处理|不存在|非本机关")),
)


def find_cell_claims(text: str, fmt: str) -> list[CellClaim]:
    """Figures the narrative states for table cells (see `parsers.recognize.cell_claims`)."""
    return _find_cell_claims(text, fmt)


@dataclass
class ListRead:
    """The items of a list as read, with what the reading noticed about them."""

    parts: list[Figure] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    separators: list[str] = field(default_factory=list)  # the separator after each item
    unit: str | None = None
    mixed: bool = False  # an item in another count unit (件 among 条): no breakdown of one total
    end: int = 0  # where the last item ends

    def closed(self) -> bool:
        """Whether the list says it is complete: its last item is the rest (其他…), or the
        shares stated for every item make 100%."""
        if self.labels and _REST.match(self.labels[-1]):
            return True
        shares = [p.percent for p in self.parts]
        if len(shares) < 2 or any(s is None for s in shares):
            return False
        stated = [s for s in shares if s is not None]
        slack = sum((Decimal(5).scaleb(s.as_tuple().exponent - 1) for s in stated), start=Decimal(0))  # type: ignore[operator]
        return abs(sum(stated, start=Decimal(0)) - 100) <= slack

    def shortest(self) -> int:
        """The fewest items the list may have, or 0 for all of them: a list of items joined by
        、 may end at the first ，or ；(a list joined by ，holds 、 in its names), and any list
        where the kind of its items changes (网上申请10件，予以公开8件)."""
        n = len(self.parts)
        ends = []
        if n >= 2 and self.separators[0] == "、":
            for k in range(1, n - 1):
                if self.separators[k] != "、":
                    ends.append(k + 1)
                    break
        kinds = [_kind(label) for label in self.labels]
        for k in range(1, n):
            if kinds[k] and kinds[k - 1] and kinds[k] != kinds[k - 1]:
                ends.append(k)
                break
        return min(ends) if ends else 0


def _kind(label: str) -> str | None:
    for kind, words in _KINDS:
        if words.search(label):
            return kind
    return None


def read_list(view: str, start: int, end: int, unit: str | None = None) -> ListRead:
    """The items of the list in view[start:end], clause by clause, until a clause that is
    none: each holds one figure in the list's unit (that of the first figure, unless given).

    A clause without a figure is part of the next item's name when 、 follows it (政策、规范性
    文件类信息68条), a share of the last item when it holds % (占61.5%), an item written
    without its unit when it ends with a number (部分公开67); otherwise the list is over."""
    read = ListRead(unit=unit)
    lead = _LEAD.match(view, start, end)
    pos = lead.end() if lead else start
    # Figures are made as the clauses reach them: a list often ends long before its sentence.
    found = iter_figures(view, pos, end, shares=True)
    ahead = next(found, None)
    label_start: int | None = None
    for m in _CLAUSE.finditer(view, pos, end):
        seg_start, seg_end = m.span()
        sep = view[seg_end] if seg_end < end else ""
        body = m.group()
        if label_start is None:
            label_start = seg_start
        if read.parts and _STOP.search(body):
            break
        here = []
        while ahead is not None and ahead.start < seg_end:
            here.append(ahead)
            ahead = next(found, None)
        if read.unit is None and here:
            read.unit = here[0].unit
        same = [f for f in here if f.unit == read.unit]
        if len(same) == 1:
            _add(read, same[0], view[label_start : same[0].start], sep)
            label_start = None
        elif same:
            break  # two figures in one clause: no list item
        elif here:
            read.mixed = read.unit in COUNT_UNITS and any(f.unit in COUNT_UNITS for f in here)
            break
        elif "%" in body or "％" in body or "占" in body:
            if read.separators:
                read.separators[-1] = sep  # a share belongs to the item before
            label_start = None
        elif read.parts and read.unit is not None and (bare := bare_number(view, seg_start, seg_end)):
            value, num_start, num_end = bare
            figure = Figure(value, read.unit, num_start, num_end, False, share_after(view, num_end))
            _add(read, figure, view[label_start:num_start], sep)
            label_start = None
        elif sep == "、" or not body.strip():
            continue
        else:
            break
    return read


def _add(read: ListRead, figure: Figure, label: str, sep: str) -> None:
    read.parts.append(figure)
    read.labels.append(label.strip())
    read.separators.append(sep)
    read.end = figure.end


# A line break inside a sentence, as PDF text wraps its lines: between characters of a
# sentence (a CJK character, digit or comma before; one after that opens no heading such
# as 二、 or 3.). Led by the break itself, so that a search skips from line to line.
_WRAP = re.compile(
    r"\n(?<=[\u4e00-\u9fff\d，,、]\n)(?=[\u4e00-\u9fff\d])(?![一二三四五六七八九十]{1,3}、|\d{1,2}[.、．](?!\d))"
)


def unwrap(view: str) -> str:
    """`view` with the line breaks that wrap a sentence made spaces (positions are kept)."""
    return _WRAP.sub(" ", view) if "\n" in view else view


def find_sum_claims(text: str) -> list[SumClaim]:
    """Every breakdown of a total the text states: after 其中 or 分别为, and in brackets."""
    where = brackets(text)
    pairs = bracket_pairs(text, where)
    tops = outermost(pairs)
    top_view = unwrap(blank(text, tops))
    claims = []
    for trigger_at in positions(text, _TRIGGERS)[:MAX_TRIGGERS]:
        claim = _trigger_claim(text, top_view, tops, pairs, trigger_at)
        if claim is not None:
            claims.append(claim)
    claims.extend(_bracket_claims(text, pairs))
    claims.extend(_frame_claims(top_view))
    claims.extend(_outcome_claims(top_view))
    claims.extend(_order_claims(text, top_view))
    return _distinct(claims)


def _distinct(claims: list[SumClaim]) -> list[SumClaim]:
    """The claims, each list read once: two readings of one total and its parts (a frame
    that also has 其中) are one claim."""
    seen: set[tuple[int, tuple[int, ...]]] = set()
    out = []
    for claim in claims:
        key = (claim.total.start, tuple(p.start for p in claim.parts))
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out


# A frame that names the total a list breaks down: 在…主动公开的425条政府信息中，…
_FRAME = re.compile(r"在([^，,。；;:：!?！？\n在]{1,40}?)中[，,:：]")


def _frame_claims(view: str) -> list[SumClaim]:
    """在…N条…中，a条、b条…: the one figure in the frame is the total of the list after it."""
    out = []
    for m in _FRAME.finditer(view):
        inside = figures(view, m.start(1), m.end(1))
        if len(inside) != 1 or inside[0].unit not in COUNT_UNITS:
            continue
        total = inside[0]
        _, e = _sentence(view, m.end(), 0, len(view))
        read = read_list(view, m.end(), e, total.unit)
        if read.parts:
            read = _read_on(view, read, e, len(view))
        claim = _claim_of(total, read, m.start(), certain=True)
        if claim is not None:
            out.append(claim)
    return out


def _claim_of(total: Figure, read: ListRead, start: int, certain: bool, end: int | None = None) -> SumClaim | None:
    """The claim of a total and the list read for it, if the list has two items or more and
    no figure is approximate."""
    if not _enough(read) or total.approximate or any(p.approximate for p in read.parts):
        return None
    return SumClaim(
        total,
        tuple(read.parts),
        start,
        read.end if end is None else end,
        certain=certain and not read.mixed,
        closed=read.closed(),
        shortest=read.shortest(),
    )


# The clause that states the replies an outcome list breaks down: 答复805件, 办结69件.
_REPLIES = re.compile(r"答复|办结|办理完毕|处理完毕|完成办理")
_OUTCOME_START = "予以公开"


def _outcome_claims(view: str) -> list[SumClaim]:
    """予以公开a件，不予公开b件…其他处理c件 without 其中, after the replies it breaks down
    (答复N件, in its sentence or as the only such figure of the sentence before)."""
    out = []
    for at in positions(view, (_OUTCOME_START,))[:MAX_TRIGGERS]:
        s, e = _sentence(view, at, 0, len(view))
        clause_start = max(view.rfind(ch, s, at) for ch in _SEPARATORS) + 1
        clause_start = max(clause_start, s)
        if view[clause_start:at].strip() or any(t in view[s:at] for t in _TRIGGERS):
            continue  # inside a clause, or after a trigger (read there)
        read = read_list(view, clause_start, e)
        if len(read.parts) < 3 or read.unit is None:
            continue
        if not all(_kind(label) == "outcome" or _REST.match(label) for label in read.labels):
            continue
        read = _read_on(view, read, e, len(view))
        unit = read.unit or ""
        found = _total(view, s, clause_start, unit) if clause_start > s else None
        if found is None and clause_start == s and s > 0:
            ps, _ = _sentence(view, s - 1, 0, len(view))
            found = _total(view, ps, s, unit, only=True)
        if found is None:
            continue
        total, marker, certain = found
        clause = max(view.rfind(ch, 0, total.start) for ch in _SEPARATORS + _BREAKS) + 1
        if not _REPLIES.search(view, clause, total.start):
            continue  # a total of something else than the replies
        claim = _claim_of(total, read, marker, certain)
        if claim is not None:
            out.append(claim)
    return out


# One count that is part of the one before it: 共受理审批事项117件，办结171件，办结率100%. The
# part has no name of its own, so it counts the same things. What is 办结 or 答复 this year
# may include last year's cases (办结 ≤ 受理 + 上年结转): it is held to what was 受理 or 收到
# only when the sentence says all of them were done (办结率100%) and names no carried-over
# cases; what is 予以公开 is held to what was 办理 or 答复 (those carried over among them).
_ORDER = re.compile(
    r"(?P<whole>受理|收到|新收|接收|接到|办理|处理|办结|答复)(?P<noun>[^，,。；;:：\d]{0,14}?)(?:共计?|总计|合计)?\s*+"
    r"(?P<n1>\d{1,9})\s*+(?P<unit>件|条)[，,；;]\s*+(?:已|共|均|并|已经)?"
    r"(?P<part>办结|答复|办理完毕|予以公开|同意公开)(?:了)?(?:共计?)?\s*+(?P<n2>\d{1,9})\s*+(?P=unit)"
)
_RECEIVED = frozenset(("受理", "收到", "新收", "接收", "接到"))
_DONE = frozenset(("办结", "答复", "办理完毕"))
_GRANTED = frozenset(("予以公开", "同意公开"))
_ALL_DONE = re.compile(r"(?:办结|答复|办复|完成|按时办结|按期办结|按时答复|按期答复)率(?:为|达|达到)?\s*100\s*[%％]")
_NOT_ORDERED = re.compile(r"上一?年|去年|结转|转结|累计|以来|截至|截止|历年|同比|较|其中|包括|包含|含")
_ABOUT = frozenset("约近超逾")
_NARROW_NOUN = re.compile(r"网上|网络|在线|当面|现场|信函|邮寄|传真|邮件|电话|自然人|公民|法人|企业|组织|律师")


def _ordered(whole: str, part: str, sentence: str) -> bool:
    """Whether a count `part` must not exceed the count `whole` before it, in this sentence."""
    if whole in _RECEIVED:
        return part in _DONE and _ALL_DONE.search(sentence) is not None
    return part in _GRANTED or (whole in _DONE and part in _DONE and whole != part)


def _order_claims(text: str, view: str) -> list[SumClaim]:
    """受理N件，办结M件 (or 答复, 予以公开 M件): the part M must not exceed N."""
    out = []
    for m in _ORDER.finditer(view):
        s, e = _sentence(text, m.start(), 0, len(text))
        if _NOT_ORDERED.search(text, s, e) or _NARROW_NOUN.search(m.group("noun")):
            continue
        if not _ordered(m.group("whole"), m.group("part"), text[s:e]):
            continue
        if view[m.end() : m.end() + 1] in ("余", "多", "%", "％") or view[m.start("n1") - 1] in _ABOUT:
            continue
        whole = Figure(int(m.group("n1")), m.group("unit"), m.start("n1"), m.end("unit"), False)
        part = Figure(int(m.group("n2")), m.group("unit"), m.start("n2"), m.end(), False)
        marker = _TOTAL_WORD.search(view, max(s, m.start() - 3), m.start())
        start = marker.start() if marker else m.start()
        out.append(SumClaim(whole, (part,), start, m.end(), order=(m.group("whole"), m.group("part"))))
    return out


# No sentence is read beyond this many characters from the point looked at: real ones are
# far shorter, and a text without breaks must not make each look-up cost its length.
_SENTENCE_REACH = 1000
# Greedy `.*` jumps to the end of the slice and steps back to the last break, in C.
_UP_TO_BREAK = re.compile(rf"(?s:.*)[{_BREAKS}]")
_BREAK = re.compile(rf"[{_BREAKS}]")
# Beyond this many trigger words a text is no report's narrative: the rest are not read.
MAX_TRIGGERS = 500


def _sentence(view: str, at: int, lo: int, hi: int) -> tuple[int, int]:
    """The span of the sentence of view[lo:hi] that holds position `at`."""
    lo, hi = max(lo, at - _SENTENCE_REACH), min(hi, at + _SENTENCE_REACH)
    before = _UP_TO_BREAK.match(view, lo, at)
    after = _BREAK.search(view, at, hi)
    return before.end() if before else lo, after.start() if after else hi


def _sentence_plain(view: str, at: int, lo: int, hi: int) -> tuple[int, int]:
    """The plain form of `_sentence`: the last break before `at` and the first after it,
    looked for break by break. The property tests hold the two equal."""
    lo, hi = max(lo, at - _SENTENCE_REACH), min(hi, at + _SENTENCE_REACH)
    before = max(view.rfind(ch, lo, at) for ch in _BREAKS)
    after = [found for ch in _BREAKS if (found := view.find(ch, at, hi)) >= 0]
    return before + 1 if before >= 0 else lo, min(after, default=hi)


def _trigger_claim(
    text: str, top_view: str, tops: list[tuple[int, int]], pairs: list[tuple[int, int]], at: int
) -> SumClaim | None:
    """The claim of the trigger word at `at`, read at the top level or in the brackets that
    hold it (deeper asides are not read)."""
    trigger = next(t for t in _TRIGGERS if text.startswith(t, at))
    if trigger == "包括" and text[max(0, at - 2) : at].endswith(_NOT_BEFORE_INCLUDING):
        return None  # 其中包括 is read from its 其中; 不包括 opens no list
    k = bisect_right(tops, (at, len(text))) - 1
    inside = tops[k] if k >= 0 and tops[k][0] < at < tops[k][1] else None
    if inside is None:
        view, lo, hi = top_view, 0, len(text)
    else:
        p, q = inside
        children = outermost(_inside(pairs, p, q))
        if any(a < at < b for a, b in children):
            return None
        view, lo, hi = unwrap(blank(text, children)), p + 1, q
    s, e = _sentence(view, at, lo, hi)
    read = read_list(view, at + len(trigger), e)
    if read.unit is not None and read.parts:
        read = _read_on(view, read, e, hi)
    if not _enough(read) or read.unit is None:
        return None
    complete = trigger in _COMPLETE_TRIGGERS
    if complete and not all(read.labels):
        return None  # A、B分别为10条、20条: the names stand before, no breakdown of a total
    if inside is not None and not view[lo:at].strip():
        # (其中…) right after its total: 共公布政府信息2599条，(其中…)
        ts, _ = _sentence(top_view, inside[0], 0, len(text))
        found = _total(top_view, ts, inside[0], read.unit)
    else:
        found = _total(view, s, at, read.unit)
        if found is None and not re.search(r"[\w\u4e00-\u9fff]", view[s:at]):
            # 其中 opens its sentence: the total ends the one before (…26条。其中…)
            # and must be the only one there: a sentence of several totals (…共计2305条；…共
            # 发布视频1930条。其中被媒体采用41条…) does not say which the list breaks down.
            ps, _ = _sentence(view, s - 1, lo, hi) if s - 1 > lo else (s, s)
            found = _total(view, ps, s, read.unit, only=True)
    if found is None:
        return None
    total, marker, certain = found
    if total.approximate or any(p.approximate for p in read.parts):
        return None
    end = inside[1] + 1 if inside is not None and not view[lo:at].strip() else read.end
    return SumClaim(
        total,
        tuple(read.parts),
        marker,
        end,
        certain=certain and not read.mixed,
        closed=complete or read.closed(),
        shortest=read.shortest(),
    )


# How many sentences a list of items with shares may run on into.
_MAX_RUN_ON = 12


def _enough(read: ListRead) -> bool:
    """Whether a list makes a claim: two items or more, or one with its share of the total
    (checked by PERCENT alone: one item says nothing of the sum)."""
    return len(read.parts) >= 2 or (len(read.parts) == 1 and read.parts[0].percent is not None)


def _read_on(view: str, read: ListRead, end: int, hi: int) -> ListRead:
    """The list read on into the sentences after its own (at `end`) while each of them is one
    more item of it with its share, and the list so far gives a share for every item:
    …其中，区直单位公开1397条，占73%。各乡镇公开534条，占27%。"""
    for _ in range(_MAX_RUN_ON):
        if any(p.percent is None for p in read.parts) or not _only_share(view, read.end, end):
            break
        start = end + 1
        if start >= hi or view[end] not in "。；;":
            break
        _, next_end = _sentence(view, start, start, hi)
        more = read_list(view, start, next_end, read.unit)
        if not more.parts or more.mixed or any(p.percent is None for p in more.parts):
            break
        if not _only_share(view, more.end, next_end) or any(_STOP.search(label) for label in more.labels):
            break
        read.parts.extend(more.parts)
        read.labels.extend(more.labels)
        read.separators[-1] = view[end]
        read.separators.extend(more.separators)
        read.end = more.end
        end = next_end
    return read


def _only_share(view: str, start: int, end: int) -> bool:
    """Whether view[start:end] holds nothing but the share of the figure before it."""
    return not view[share_end(view, start) : end].strip(" \t\u3000,，")


def _total(view: str, start: int, end: int, unit: str, only: bool = False) -> tuple[Figure, int, bool] | None:
    """The nearest figure in `unit` before `end` (from `start`) that can head a list, where the
    claim's words start (at its 共 when it has one), and whether it surely heads the list:
    it has a word of totals (共, 合计 …) or is the only figure in that unit there (with
    `only`, it must be the only one)."""
    candidates = []
    for figure in figures(view, start, end, unit):
        clause_start = max(view.rfind(ch, start, figure.start) for ch in _SEPARATORS) + 1
        clause_start = max(clause_start, start)
        if _NOTE.match(view, clause_start, figure.start):
            continue
        candidates.append((figure, clause_start))
    if not candidates:
        return None
    total, clause_start = candidates[-1]
    marker = _TOTAL_WORD.search(view, clause_start, total.start)
    alone = len(candidates) == 1
    if marker:
        return total, marker.start(), alone or not only
    return total, total.start, alone


def _inside(pairs: list[tuple[int, int]], p: int, q: int) -> list[tuple[int, int]]:
    """The pairs (ordered by opening) that stand inside the pair (p, q)."""
    first = bisect_right(pairs, (p, q))  # (p, q) is the only pair that opens at p
    last = bisect_right(pairs, (q, -1), first)
    return [(a, b) for a, b in pairs[first:last] if b < q]


def _bracket_claims(text: str, pairs: list[tuple[int, int]]) -> list[SumClaim]:
    """A figure followed by its breakdown in brackets: 612条(3条、568条、41条)."""
    out = []
    for p, q in pairs:
        inner = text[p + 1 : q]
        if not 4 <= len(inner) <= 200 or not text[p - 1 : p].strip() or _NOTE.match(inner):
            continue
        before = figures(text, max(0, p - 20), p)
        if not before or before[-1].end != p:
            continue
        total = before[-1]
        children = outermost(_inside(pairs, p, q))
        view = unwrap(blank(text, children))
        read = read_list(view, p + 1, q, total.unit)
        if len(read.parts) < 2 or total.approximate or any(x.approximate for x in read.parts):
            continue
        out.append(
            SumClaim(
                total,
                tuple(read.parts),
                total.start,
                q + 1,
                certain=not read.mixed,
                closed=read.closed(),
                shortest=read.shortest(),
            )
        )
    return out
