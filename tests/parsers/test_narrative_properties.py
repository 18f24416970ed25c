"""The fast paths of the narrative and title readers find what their plain versions find,
on text generated from the words and figures reports are made of (hypothesis): the
clauses with figures, the titles, the figures themselves and the bounds of a clause or
sentence."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.recognize import cell_claims, figures, narrative, title
from parsers.recognize.cell_claims import KINDS

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_PIECES = st.sampled_from(
    [
        *("共", "全年", "本年度", "全区", "全县", "上年", "其中", "我局", "某某县", "平潭综合实验区", "人民政府"),
        *("收到", "新收", "受理", "办结", "结转", "下年度", "上年结转", "转入下一年", "申请", "依申请公开"),
        *("政府信息公开", "信息公开", "工作", "年度", "报告", "年报", "行政复议", "行政诉讼", "案件"),
        *("行政事业性收费", "规范性文件", "制发", "主动公开", "废止", "现行有效", "行政"),
        *("件", "条", "起", "宗", "元", "万元", "年", "2021", "2019", "0", "7", "15", "一", "二十", "两"),
        *("，", "。", "、", "；", " ", "\n", "(", ")", "《", "》", "标题:", "当前位置：", "约", "余", "%"),
        # Runs of spaces between a count's words, its number and its unit, and digits of
        # other scripts (the patterns' \d takes them).
        *(" " * 45, "\t\u3000 ", "٣", "５"),
    ]
)
TEXTS = st.lists(_PIECES, max_size=60).map("".join)
_TITLE_PIECES = st.sampled_from(
    [
        *("某某县", "平潭综合实验区", "人民政府", "财政局", "2021", "2019", "202", "年", "年度", "政府"),
        *("信息公开", "工作", "报告", "报 告", "年报", "有关事项的通知", " ", "\n", "，", "《", "》", "标题:"),
    ]
)
TITLE_TEXTS = st.lists(_TITLE_PIECES, max_size=30).map("".join)


def _opt(*words: str) -> st.SearchStrategy[str]:
    return st.sampled_from(["", *words])


# Titles in their parts, each part there or not, in a run of other pieces.
TITLES = st.lists(
    st.tuples(
        _opt("某某县", "平潭综合实验区人民政府", "财政局", "了", "《"),
        _opt("2021", "2019", "20"),
        _opt("年", "年度", " 年"),
        _opt("某某市财政局", "政府"),
        _opt("信息公开"),
        _opt("工作", " "),
        _opt("年度", "\n"),
        _opt("报告", "年报", "报 告"),
        _TITLE_PIECES,
    ).map("".join),
    max_size=6,
).map("".join)


def _spans(found):  # type: ignore[no-untyped-def]
    return [(kind.what, m.span(), clause) for kind, _, m, clause in found]


# Counts of applications in their parts, each part there or not: the verb, the noun, the
# words before the number, spaces, the number (digits of any script, numerals), its unit.
_SPACES = _opt(" ", " " * 45, "\t\u3000 ")
COUNTS = st.lists(
    st.tuples(
        _opt("本年度", "全区", "上年"),
        _opt("收到", "受理", "新收", "结转"),
        _opt("政府信息公开", "依"),
        _opt("申请", "申请公开", "件"),
        _opt("事项", "共", "总数为"),
        _SPACES,
        st.sampled_from(["7", "15", "1,171", "二十", "٣", "５", "x"]),
        _SPACES,
        st.sampled_from(["件", "条", "起", "万元", "元", ""]),
        _opt("，", "。", "申请", "\n"),
    ).map("".join),
    max_size=4,
).map("".join)


@SETTINGS
@given(st.one_of(TEXTS, COUNTS), st.sampled_from(["2019", "2021"]))
def test_clauses_with_figures_find_every_match(text: str, fmt: str) -> None:
    kinds = [(kind, cells) for kind in KINDS if (cells := kind.cells_for(fmt)) is not None]
    fast = sorted(_spans(cell_claims._matches(text, kinds)))
    plain = sorted(_spans(cell_claims._matches_plain(text, kinds)))
    assert fast == plain


@SETTINGS
@given(st.one_of(TEXTS, TITLE_TEXTS, TITLES))
def test_titles_looked_for_before_each_report_word(text: str) -> None:
    fast = [m.span() for m in title._title_matches(text, 0, len(text))]
    plain = [m.span() for m in title._title_matches_plain(text, 0, len(text))]
    assert fast == plain


# Sentences of every length around a point: break characters, words, and runs of words
# long enough to pass the reach of the look-up.
_SENTENCE_PIECES = st.sampled_from(["。", "!", "?", "！", "？", "\n", "，", "其中", "共", "12件", " "])
SENTENCE_TEXTS = st.tuples(
    st.lists(_SENTENCE_PIECES, max_size=20).map("".join),
    st.integers(0, 1200).map(lambda n: "字" * n),
    st.lists(_SENTENCE_PIECES, max_size=20).map("".join),
).map("".join)


@SETTINGS
@given(SENTENCE_TEXTS, st.data())
def test_sentences_end_where_the_plain_look_up_ends_them(text: str, data: st.DataObject) -> None:
    lo = data.draw(st.one_of(st.just(0), st.integers(0, len(text))))
    hi = data.draw(st.one_of(st.just(len(text)), st.integers(lo, len(text))))
    at = data.draw(st.integers(lo, hi))
    assert narrative._sentence(text, at, lo, hi) == narrative._sentence_plain(text, at, lo, hi)


# Figures in their parts: numbers in digits (with thousands and decimals, well formed or
# not) and numerals, what may stand between them and their unit, units, and what follows.
_FIGURE_PIECES = st.sampled_from(
    [
        *("1", "12", "1,171", "1,17", "3.5", "3.", ".5", "0", "1,000.25", "一", "二十", "两", "百", "零", "三千"),
        *(" ", "  ", "\n", "余", "多", "万元", "元", "件", "条", "人次", "人", "次", "批", "左右", "以上", "上下"),
        *("，", "%", "。", "约", "第", "(", "收到", "x", ","),
    ]
)
FIGURE_TEXTS = st.lists(_FIGURE_PIECES, max_size=30).map("".join)


@SETTINGS
@given(st.one_of(FIGURE_TEXTS, TEXTS), st.data())
def test_figures_are_found_where_the_plain_pattern_finds_them(text: str, data: st.DataObject) -> None:
    start = data.draw(st.one_of(st.just(0), st.integers(0, len(text))))
    end = data.draw(st.one_of(st.just(len(text)), st.integers(start, len(text))))
    fast = [(m.span(), m.groups()) for m in figures._FIGURE.finditer(text, start, end)]
    assert fast == [(m.span(), m.groups()) for m in figures._FIGURE_PLAIN.finditer(text, start, end)]


@SETTINGS
@given(SENTENCE_TEXTS, st.data())
def test_clauses_end_where_the_plain_look_up_ends_them(text: str, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(at, min(len(text), at + 3)))
    for breaks in (cell_claims._CLAUSE_BREAKS, cell_claims._SENTENCE_BREAKS):
        assert cell_claims._bounds(text, at, end, breaks) == cell_claims._bounds_plain(text, at, end, breaks)
