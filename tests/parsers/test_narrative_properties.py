"""The fast paths of the narrative and title readers find what their plain versions find,
on text generated from the words and figures reports are made of (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.recognize import cell_claims, title
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


@SETTINGS
@given(TEXTS, st.sampled_from(["2019", "2021"]))
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
