"""Read the figures the narrative states for table cells: 收到申请N件, 行政复议N件, 收费N万元.

A cell claim must be right or absent: the table recognizer takes these figures as pins to
choose between splits of run-together digits, and NARRATIVE_TABLE reports a table cell
that disagrees with one as an error. So each kind of claim is declared once (`KINDS`),
read only in the clause that holds its words, and left out when the clause is about
something else: last year (上年), a running total (累计, 截至), a comparison (同比, 较), a
part (网上申请, 自然人申请), other matters (行政许可申请, 信访件), the whole city or county
in a department's report (全市, 全县), or every department (各部门). Two claims on the same
cells that disagree are both left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from model.claims import CellClaim, Exact
from model.schema import FORMAT_2019, FORMAT_2021
from parsers.read.normalize import positions
from parsers.recognize.figures import figure_value
from parsers.recognize.meta import find_signature
from parsers.recognize.title import find_title

_NUM = r"(?P<n>\d{1,10}(?:,\d{3})*(?:\.\d{1,10})?|[零〇一二两三四五六七八九十百千]{1,6})"
_CLAUSE_BREAKS = "，,。；;！？!?\n"
_SENTENCE_BREAKS = "。！？!?\n"
_REACH = 200  # no clause or sentence is looked at beyond this many characters from its word

Cells = tuple[tuple[str, str], ...]
NEW: Cells = (("new", "total"),)
NEW_AND_CARRIED: Cells = (("new", "total"), ("carried_over", "total"))


@dataclass(frozen=True)
class Kind:
    """One kind of cell claim: its words, the clause patterns that read its figure (group
    `n`), the cells by format (a dict: only those formats), and what the clause must not
    hold."""

    what: str
    table: str
    cells: Cells | dict[str, Cells]
    anchors: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    not_in_clause: re.Pattern[str] | None = None
    about_disclosure: bool = False  # the sentence must say it is about information disclosure
    not_in_sentence: re.Pattern[str] | None = None  # words before it in its sentence that narrow it
    alternatives: tuple[Cells, ...] = ()

    def cells_for(self, fmt: str) -> Cells | None:
        if isinstance(self.cells, dict):
            return self.cells.get(fmt)
        return self.cells


# Words that make a clause about something other than this year's own figure.
_OTHER_TIME = r"上年|去年|上一年|前年|累计|截至|截止|以来|历年|近[两三五]年|同比|环比|较|比上年|增长|下降|增加|减少"
_AGGREGATE = r"各部门|各单位|各级|各乡镇|各县|各区|各街道|各镇|下属|所属|各地"
_NOT_OWN = re.compile(rf"{_OTHER_TIME}|{_AGGREGATE}|数量")
# An application clause about a part of them or about other matters.
_NOT_DISCLOSURE_APPLICATION = re.compile(
    r"复议|诉讼|许可|审批|信访|投诉|举报|咨询|留言|来信|建议|提案|补贴|救助|登记|办件|服务事项|政务服务"
    r"|网上|网络|在线|当面|现场|信函|传真|邮件|邮寄|电话|自然人|法人|企业|组织|律师|公民|结转|转结|其中"
)
_DISCLOSURE = re.compile(r"信息公开|依申请公开|公开申请|申请公开")
# A count of applications broken down with last year's among them.
_WITH_CARRIED = re.compile(r"(?:其中|包括|包含|含)[^。；;]*?(?:上一?年|结转|转结)")
# Everyone who may apply, named together: no part of the applicants.
_ANYONE = re.compile(r"(?:公民|法人|其他组织|组织|个人)(?:[、或和及与]+(?:公民|法人|其他组织|组织|个人))+")
# Words before 申请 that leave it plain: 共收到70件申请, 收到申请3件.
_PLAIN = re.compile(r"[\s共了的各类总计合件]*")

# Words that make an outcome count one of a part of the applications (网上申请…予以公开8件).
_PART_OF_APPLICATIONS = re.compile(
    rf"{_OTHER_TIME}|{_AGGREGATE}|网上|网络|在线|当面|现场|信函|传真|邮件|邮寄|电话|自然人|法人|企业|组织|律师"
)

KINDS: tuple[Kind, ...] = (
    Kind(
        "收到政府信息公开申请",
        "table3",
        NEW,
        ("收到", "新收", "接收", "接到"),
        (
            re.compile(
                rf"(?:收到|新收|接收|接到)(?P<mid>[^，,。；;]{{0,24}}?)(?:申请|依申请公开)(?:事项|件)?"
                rf"(?:共|总计|合计|总数为?|数为)?\s*{_NUM}\s*[件条]"
            ),
            re.compile(
                rf"(?:收到|新收|接收|接到)(?P<mid>[^，,。；;\d]{{0,12}}?){_NUM}\s*件(?P<mid2>[^，,。；;\d]{{0,14}}?)(?:申请|依申请公开)"
            ),
        ),
    ),
    Kind(
        "受理政府信息公开申请",
        "table3",
        NEW,
        ("受理",),
        (
            re.compile(
                rf"受理(?P<mid>[^，,。；;]{{0,24}}?)(?:申请|依申请公开)(?:事项|件)?(?:共|总计|合计|总数为?|数为)?\s*{_NUM}\s*[件条]"
            ),
            re.compile(
                rf"受理(?P<mid>[^，,。；;\d]{{0,12}}?){_NUM}\s*件(?P<mid2>[^，,。；;\d]{{0,14}}?)(?:申请|依申请公开)"
            ),
        ),
        alternatives=(NEW_AND_CARRIED,),  # some reports count what they handled: new and carried over
    ),
    Kind(
        "上年结转申请",
        "table3",
        (("carried_over", "total"),),
        ("上年", "上一年"),
        (
            re.compile(rf"上一?年度?(?:结转|转结|转入)(?P<mid>[^，,。；;\d]{{0,14}}?)(?:共|为)?\s*{_NUM}\s*件"),
            re.compile(rf"{_NUM}\s*件(?:申请)?(?:为|系|是)?上一?年度?(?:结转|转结|转入)"),
        ),
        re.compile(r"办结|答复|处理|办理完毕|累计|截至"),
    ),
    Kind(
        "结转下年度继续办理",
        "table3",
        (("carried_forward", "total"),),
        ("下年", "下一年", "下一年度"),
        (
            re.compile(rf"{_NUM}\s*件(?:申请)?(?:需|将)?(?:结转|转入|转结|转)(?:至|到|入)?下一?年度?"),
            re.compile(
                rf"(?:结转|转入|转结|转)(?:至|到|入)?下一?年度?(?:继续)?(?:办理|处理|答复)?(?:的)?(?:申请)?(?:共|为)?\s*{_NUM}\s*件"
            ),
        ),
        re.compile(r"上一?年|累计|截至"),
    ),
    Kind(
        "予以公开及部分公开",
        "table3",
        (("granted", "total"), ("partial", "total")),
        ("部分公开",),
        (re.compile(rf"予以公开(?:及|和|与|、|以及)部分公开(?:的)?(?:申请)?(?:共|共计)?\s*{_NUM}\s*件"),),
        not_in_sentence=_PART_OF_APPLICATIONS,
    ),
    Kind(
        "行政复议",
        "table4",
        (("review", "total"),),
        ("行政复议",),
        (re.compile(rf"行政复议(?:案件|申请)?(?:共|总计|合计)?\s*{_NUM}\s*(?:件|起|宗)"),),
        re.compile(rf"{_OTHER_TIME}|纠正|纠错|维持|撤销|驳回|败诉|胜诉|审结"),
        about_disclosure=True,
    ),
    Kind(
        "行政诉讼",
        "table4",
        (("litigation_direct", "total"), ("litigation_after_review", "total")),
        ("行政诉讼",),
        (re.compile(rf"行政诉讼(?:案件)?(?:共|总计|合计)?\s*{_NUM}\s*(?:件|起|宗)"),),
        re.compile(rf"{_OTHER_TIME}|纠正|纠错|维持|撤销|驳回|败诉|胜诉|审结|复议后"),
        about_disclosure=True,
    ),
    Kind(
        "制发规范性文件",
        "table2",
        {FORMAT_2019: (("normative_documents", "made"),), FORMAT_2021: (("normative_documents", "issued"),)},
        ("规范性文件",),
        (re.compile(rf"(?:制定|制发|印发|出台)(?:了)?(?:行政)?规范性文件(?:共|总计)?\s*{_NUM}\s*件"),),
        re.compile(r"清理|审查|审核|备案|解读|征求|起草|修订|修改|评估"),
    ),
    Kind(
        "公开规范性文件",
        "table2",
        {FORMAT_2019: (("normative_documents", "published"),)},
        ("规范性文件",),
        (re.compile(rf"公开(?:了)?(?:行政)?规范性文件(?:共|总计)?\s*{_NUM}\s*件"),),
        re.compile(r"清理|审查|审核|备案|解读|征求|起草|修订|修改|评估|依申请"),
    ),
    Kind(
        "废止规范性文件",
        "table2",
        {FORMAT_2021: (("normative_documents", "repealed"),)},
        ("规范性文件",),
        (re.compile(rf"废止(?:了)?(?:行政)?规范性文件(?:共|总计)?\s*{_NUM}\s*件"),),
    ),
    Kind(
        "现行有效规范性文件",
        "table2",
        {FORMAT_2021: (("normative_documents", "in_force"),)},
        ("规范性文件",),
        (re.compile(rf"现行有效(?:的)?(?:行政)?规范性文件(?:共|总计)?\s*{_NUM}\s*件"),),
    ),
    Kind(
        "行政事业性收费",
        "table2",
        {FORMAT_2021: (("fees", "amount"),)},  # 2019 fees count items, not money
        ("行政事业性收费",),
        (re.compile(rf"行政事业性收费(?P<mid>[^，,。；;\d]{{0,10}}?){_NUM}\s*(?P<unit>万元|元)"),),
        re.compile(r"减|免|退|降|节约|信息处理费|项目"),
    ),
)

# A statement that there were none: 未收到政府信息公开申请, 未发生…行政复议和行政诉讼. The 0
# is stated only when the words say plainly that none came: nothing but who applied and how
# stands between the verb and 申请, and the clause ends there (未收到涉及国家秘密的申请 or
# 未发生行政复议被纠错的情况 state no 0 of the count).
_NO_APPLICATIONS = re.compile(
    r"(?:未|没有)(?:收到|受理|接到|发生)(?P<mid>[^。；;，,]{0,30}?)申请(?!引起|引发|产生|而|的行政|提起)"
)
_NO_APPLICATIONS_MID = re.compile(
    r"(?:任何|过|有关|关于|提出|提交|的|通过|形式|书面|向本?(?:机关|单位|部门|局|委|办)|本?(?:机关|单位|部门)"
    r"|政府信息公开|信息公开|公开政府信息|政府信息|依申请公开|公开|[或和及与、\s])*"
)
_NO_REVIEW = re.compile(
    r"(?:未|没有)(?:发生|收到|有|接到)[^。；;，,]{0,30}?(?:(行政复议)(?:(?:[和、及与或]|或者)(?:提起)?(行政诉讼))?|(行政诉讼))"
)
# What may follow the count's words when none is stated: the clause ends, or 案件, 的情况 …
_NONE_TAIL = re.compile(r"(?:案件|案|事项|的?(?:情况|情形|事件)|等)*(?:[，,。；;！!\n]|$)")
_NOT_NONE = re.compile(r"被|败诉|胜诉|纠错|纠正|撤销|确认违法|结果|应诉|维持|驳回|除|以外|之外")


# Cases stated all upheld: 信息公开类行政复议7件，诉讼9件，均获维持 (the 维持 column holds them all).
_ALL_UPHELD = re.compile(
    rf"行政复议(?:案件)?\s*{_NUM}\s*(?:件|起|宗)[，,、]\s*"
    rf"(?:(?:行政)?诉讼(?:案件)?\s*{_NUM.replace('?P<n>', '?P<m>')}\s*(?:件|起|宗)[，,]\s*)?"
    r"(?:均|全部|都)(?:已|已经)?(?:获|被|予以|得到|获得)?(?:依法)?维持"
)

# The processed count stated after the received one: 共收到70件申请，及时依法依规办结69件
_PROCESSED = re.compile(rf"(?:办结|办理完毕|处理完毕|答复|完成办理)(?:了)?(?:申请)?(?:共)?\s*{_NUM}\s*件")
_NOT_PROCESSED_TOTAL = re.compile(
    rf"{_OTHER_TIME}|结转|其中|予以公开|部分公开|不予|无法|同意|按时|按期|率|网上|当面|信函|自然人|法人"
)
_OWN_PLACE = re.compile(r"全(?:市|县|区|省|州|旗|镇|乡|盟|街道)")
# Names of agencies whose whole place is their own: a government, an area's committee.
_GOVERNMENT_NAME = re.compile(r"(?:政府|管委会|管理委员会|实验区|新区|开发区|[省市县区州旗镇乡盟])$")


# Greedy `.*` jumps to the end of the slice and steps back to the last break: one step in C
# per character looked at, instead of a search for each kind of break.
_UP_TO = {
    breaks: (re.compile(rf"(?s:.*)[{breaks}]"), re.compile(rf"[{breaks}]"))
    for breaks in (_CLAUSE_BREAKS, _SENTENCE_BREAKS)
}


def _bounds(text: str, at: int, end: int, breaks: str) -> tuple[int, int]:
    """The span of the clause (or sentence, by `breaks`) that holds text[at:end]."""
    lo, hi = max(0, at - _REACH), min(len(text), end + _REACH)
    back, forth = _UP_TO[breaks]
    before = back.match(text, lo, at)
    after = forth.search(text, end, hi)
    return before.end() if before else lo, after.start() if after else hi


def _clause(text: str, at: int) -> tuple[int, int] | None:
    """The clause that holds position `at`; None for one longer than `_REACH`, which no
    report writes and which is not read: so a clause is the same whichever of its
    characters it is looked up from."""
    start, end = _bounds(text, at, at + 1, _CLAUSE_BREAKS)
    return (start, end) if end - start <= _REACH else None


def _bounds_plain(text: str, at: int, end: int, breaks: str) -> tuple[int, int]:
    """The plain form of `_bounds`: the last break before `at` and the first from `end`,
    looked for break by break. The property tests hold the two equal."""
    lo, hi = max(0, at - _REACH), min(len(text), end + _REACH)
    before = max(text.rfind(ch, lo, at) for ch in breaks)
    after = [found for ch in breaks if (found := text.find(ch, end, hi)) >= 0]
    return before + 1 if before >= 0 else lo, min(after, default=hi)


def _value(m: re.Match[str]) -> Exact | None:
    value = figure_value(m.group("n"))
    if value is not None and m.re.groupindex.get("unit") and m.group("unit") == "元":
        value = Decimal(value) / 10000  # fees are in 万元: 251000元 is 25.1万元
    return value


def find_cell_claims(text: str, fmt: str) -> list[CellClaim]:
    """Figures the narrative states for table cells, each right or absent."""
    own_place = _OwnPlace(text)
    out: list[CellClaim] = []
    kinds = [(kind, cells) for kind in KINDS if (cells := kind.cells_for(fmt)) is not None]
    for kind, cells, m, clause in _matches(text, kinds):
        claim = _claim(text, kind, cells, m, clause, own_place)
        if claim is not None:
            out.append(claim)
    received = [c for c in out if c.table == "table3" and c.cells == NEW]
    out.extend(_processed(text, received, own_place))
    out.extend(_none_stated(text))
    out.extend(_all_upheld(text))
    return _consistent(out)


# Every claim's figure is a number followed by one of these: 件, 起, 宗, 元 or 万元; or by 条
# for applications (收到政府信息公开申请1条), looked at only with 申请 before it in its clause.
_UNIT_CHARS = "件起宗元条"
_NUMERALS = frozenset("0123456789零〇一二两三四五六七八九十百千")


# Beyond this many clauses with figures a text is no report's narrative: the rest are not read.
MAX_CLAUSES = 2000


def _figure_clauses(text: str) -> list[tuple[int, int]]:
    """The clauses that hold a number in 件, 起, 宗 or 元: only these can hold a claim. Found
    from the unit characters, which `str.find` skips to far faster than any word."""
    found: set[tuple[int, int]] = set()
    for unit in _UNIT_CHARS:
        at = text.find(unit)
        clause_end = -1
        while at >= 0:
            if at < clause_end:  # in the clause found last: nothing new
                at = text.find(unit, at + 1)
                continue
            j = at - 1
            if unit == "元" and j >= 0 and text[j] == "万":
                j -= 1
            while j >= 0 and text[j].isspace():
                j -= 1
            # A number ends with a digit (any the patterns' \d takes) or a numeral.
            if j >= 0 and (text[j] in _NUMERALS or text[j].isdecimal()):
                # For 条, the last 申请 within reach must stand in the clause.
                asked = text.rfind("申请", max(0, at - _REACH), at) if unit == "条" else at
                clause = _clause(text, at) if asked >= 0 else None
                if clause is not None and asked >= clause[0]:
                    found.add(clause)
                    clause_end = clause[1]
            at = text.find(unit, at + 1)
    return sorted(found)[:MAX_CLAUSES]


def _matches(
    text: str, kinds: list[tuple[Kind, Cells]]
) -> Iterator[tuple[Kind, Cells, re.Match[str], tuple[int, int]]]:
    """The matches of each kind's patterns in each clause that holds one of its words and a
    figure, the kinds in their order."""
    clauses = [(clause, text[clause[0] : clause[1]]) for clause in _figure_clauses(text)]
    for kind, cells in kinds:
        for clause, words in clauses:
            if any(anchor in words for anchor in kind.anchors):
                for pattern in kind.patterns:
                    for m in pattern.finditer(text, *clause):
                        yield kind, cells, m, clause


def _matches_plain(
    text: str, kinds: list[tuple[Kind, Cells]]
) -> Iterator[tuple[Kind, Cells, re.Match[str], tuple[int, int]]]:
    """What `_matches` finds, the plain way: each kind's patterns in every clause that holds
    one of its words. The property tests hold the two equal."""
    for kind, cells in kinds:
        clauses = sorted({c for at in positions(text, kind.anchors) if (c := _clause(text, at)) is not None})
        for clause in clauses:
            for pattern in kind.patterns:
                for m in pattern.finditer(text, *clause):
                    yield kind, cells, m, clause


def _claim(
    text: str, kind: Kind, cells: Cells, m: re.Match[str], clause: tuple[int, int], own_place: _OwnPlace
) -> CellClaim | None:
    value = _value(m)
    if (
        value is None
        or text[m.end() : m.end() + 1] in ("余", "多")
        or text[m.start("n") - 1 : m.start("n")] in ("约", "近")
    ):
        return None
    groups = m.groupdict()
    mid = "".join(groups.get(g) or "" for g in ("mid", "mid2"))
    # The kind's own words (上年结转) are no reason to doubt it; the words before and between are.
    if _NOT_OWN.search(text[clause[0] : m.start()] + mid):
        return None
    if kind.not_in_clause is not None and kind.not_in_clause.search(text, *clause):
        return None
    sentence_start, _ = _bounds(text, m.start(), m.end(), _SENTENCE_BREAKS)
    if kind.not_in_sentence is not None and kind.not_in_sentence.search(text, sentence_start, m.start()):
        return None
    if not own_place(text[sentence_start : m.start("n")]):
        return None
    alternatives = kind.alternatives
    if kind.table == "table3" and cells == NEW:
        if not _about_applications(text, m.group(), mid, m.start()):
            return None
        _, sentence_end = _bounds(text, m.start(), m.end(), _SENTENCE_BREAKS)
        if _WITH_CARRIED.search(text, m.end(), sentence_end):
            alternatives = (NEW_AND_CARRIED,)  # 共收到36件，其中本年度新收34件，上年结转2件
    if kind.about_disclosure:
        sentence = _bounds(text, m.start(), m.end(), _SENTENCE_BREAKS)
        if not _DISCLOSURE.search(text, *sentence):
            return None
    return CellClaim(kind.table, cells, value, kind.what, m.start(), m.end(), alternatives)


def _about_applications(text: str, words: str, mid: str, at: int) -> bool:
    """Whether a 收到…申请 clause (`words`, with `mid` between its verb and its noun) counts
    this agency's applications for information: it says 公开, or no word but 共 and the like
    stands between and the paragraph is about applications (…依申请公开方面。…共收到70件申请)."""
    mid = _ANYONE.sub("", mid)
    if _NOT_DISCLOSURE_APPLICATION.search(mid):
        return False
    if "公开" in words:
        return True
    if _PLAIN.fullmatch(mid) is None:
        return False
    return _DISCLOSURE.search(text, max(0, at - 400), at) is not None


class _OwnPlace:
    """Whether words like 全区 before a figure mean the report's own agency: only in the
    report of the place's government (平潭综合实验区, 某某县人民政府), as its title (or else
    its signature) names it."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._government: bool | None = None

    def __call__(self, before: str) -> bool:
        if not _OWN_PLACE.search(before):
            return True
        if self._government is None:
            title = find_title(self._text)
            name = title.name if title is not None else None
            if name is None:
                name, _ = find_signature(self._text)
            self._government = bool(name and _GOVERNMENT_NAME.search(name))
        return self._government


def _processed(text: str, received: list[CellClaim], own_place: Callable[[str], bool]) -> list[CellClaim]:
    """办结N件 in the sentence of a received count, after it: the applications processed."""
    out = []
    for claim in received:
        if claim.alternatives:
            continue
        _, sentence_end = _bounds(text, claim.start, claim.end, _SENTENCE_BREAKS)
        for m in _PROCESSED.finditer(text, claim.end, sentence_end):
            clause = _bounds(text, m.start(), m.end(), _CLAUSE_BREAKS)
            if "其中" in text[claim.end : m.start()] or _NOT_PROCESSED_TOTAL.search(text, *clause):
                break
            value = figure_value(m.group("n"))
            sentence_start, _ = _bounds(text, m.start(), m.end(), _SENTENCE_BREAKS)
            if value is not None and own_place(text[sentence_start : m.start()]):
                out.append(CellClaim("table3", (("total_processed", "total"),), value, "办结", m.start(), m.end()))
            break
    return out


def _none_stated(text: str) -> list[CellClaim]:
    """未收到政府信息公开申请: no applications; 未发生…行政复议和行政诉讼: none of either."""
    out = []
    starts = positions(text, ("未", "没有"))
    for m in _at(_NO_APPLICATIONS, text, starts):
        mid = _ANYONE.sub("", m.group("mid"))
        if not _none_stands_alone(text, m) or _NO_APPLICATIONS_MID.fullmatch(mid) is None:
            continue
        if "公开" in mid or _DISCLOSURE.search(text, max(0, m.start() - 400), m.start()):
            out.append(CellClaim("table3", NEW, 0, "收到政府信息公开申请", m.start(), m.end()))
    for m in _at(_NO_REVIEW, text, starts):
        sentence = _bounds(text, m.start(), m.end(), _SENTENCE_BREAKS)
        if not _DISCLOSURE.search(text, *sentence) or not _none_stands_alone(text, m):
            continue
        if m.group(1):
            out.append(CellClaim("table4", (("review", "total"),), 0, "行政复议", m.start(), m.end()))
        if m.group(2) or m.group(3):
            cells = (("litigation_direct", "total"), ("litigation_after_review", "total"))
            out.append(CellClaim("table4", cells, 0, "行政诉讼", m.start(), m.end()))
    return out


def _none_stands_alone(text: str, m: re.Match[str]) -> bool:
    """Whether a statement of none (`m`) says so of this year's whole count: the clause goes
    on with nothing that narrows it (被纠错, 败诉 …), and names no other time or a part."""
    if _NONE_TAIL.match(text, m.end()) is None:
        return False
    clause_start, _ = _bounds(text, m.start(), m.end(), _CLAUSE_BREAKS)
    return _NOT_NONE.search(text, clause_start, m.end()) is None and not _NOT_OWN.search(text, clause_start, m.end())


def _all_upheld(text: str) -> list[CellClaim]:
    """行政复议N件，诉讼M件，均获维持: every case upheld, none pending or corrected."""
    out = []
    for at in positions(text, ("行政复议",)):
        m = _ALL_UPHELD.match(text, at)
        if m is None:
            continue
        sentence = _bounds(text, m.start(), m.end(), _SENTENCE_BREAKS)
        clause_start, _ = _bounds(text, m.start(), m.end(), _CLAUSE_BREAKS)
        if not _DISCLOSURE.search(text, *sentence) or _NOT_OWN.search(text, clause_start, m.end()):
            continue
        review = figure_value(m.group("n"))
        if review is not None:
            out.append(CellClaim("table4", (("review", "upheld"),), review, "行政复议均获维持", m.start(), m.end()))
        suits = figure_value(m.group("m")) if m.group("m") else None
        if suits is not None:
            cells = (("litigation_direct", "upheld"), ("litigation_after_review", "upheld"))
            out.append(CellClaim("table4", cells, suits, "行政诉讼均获维持", m.start(), m.end()))
    return out


def _at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """The matches of a pattern that can only match at `starts`, without overlaps."""
    pos = 0
    for where in starts:
        if where < pos:
            continue
        m = pattern.match(text, where)
        if m:
            yield m
            pos = m.end()


def _consistent(claims: list[CellClaim]) -> list[CellClaim]:
    """The claims, less those on cells that another claim gives a different figure."""
    values: dict[tuple[str, Cells], set[Exact]] = {}
    for claim in claims:
        values.setdefault((claim.table, claim.cells), set()).add(claim.value)
    return [c for c in claims if len(values[(c.table, c.cells)]) == 1]
