"""The fast paths of the text stages against their plain forms: normalising
(`parsers/read/normalize.py`), finding words, section headings
(`parsers/recognize/sections.py`) and the page footers and notes inside tables
(`parsers/recognize/stream.py`), on text generated from the pieces that reach every branch:
traditional and simplified characters, full-width forms, wide and invisible spaces, line
ends of every system, ruby pinyin, headings with their breaks, dashes and brackets."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.read import normalize as N
from parsers.recognize import sections as S
from parsers.recognize import stream

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NORMALIZE_PIECES = (
    *("報告", "機構", "國務院", "資訊公開", "年度", "报告", "显著", "政府信息", "號", "於", "\u3400", "abc", "12"),
    *("，", "（", "）", "：", "１２３", "ＡＢ", "％", "\u3000", "\u00a0", "\u2002", "\u2003", "\u2009", " "),
    *("\u200b", "\u200d", "\ufeff", "\u00ad", "\u2028", "\u2060", "\r\n", "\r", "\n", "\t"),
    *("(hào)", "(jī)", "(gòu)", "(ǖ)", "(xyz)", "(abc)", "(1)", "(", ")", "a"),
)
NORMALIZE_TEXTS = st.lists(st.sampled_from(NORMALIZE_PIECES), max_size=40).map("".join)
# Mostly traditional, long enough that the share of changed characters decides.
TRADITIONAL = st.lists(
    st.sampled_from(("報告", "機構", "國務院", "資訊", "报告", "政府", "，", "12", "\n")), max_size=80
).map("".join)


@SETTINGS
@given(st.one_of(NORMALIZE_TEXTS, TRADITIONAL))
def test_normalize_as_the_plain_steps_make_it(text: str) -> None:
    fast, plain = N.normalize(text), N.normalize_plain(text)
    assert fast.text == plain.text
    where = range(len(fast.text) + 1)
    assert [fast.offsets.to_original(p) for p in where] == [plain.offsets.to_original(p) for p in where]


# Words inside words, and words that overlap themselves (一一 in 一一一).
WORDS = ("其中", "中", "其中包括", "包括", "分别为", "为", "我", "我局", "局", "一一")
WORD_TEXTS = st.lists(st.sampled_from((*WORDS, "共", "件", "，", "。", " ", "\n", "12", "一")), max_size=40).map(
    "".join
)


@SETTINGS
@given(WORD_TEXTS, st.lists(st.sampled_from(WORDS), max_size=4))
def test_positions_are_every_place_a_word_starts(text: str, words: list[str]) -> None:
    assert N.positions(text, words) == N.positions_plain(text, words)


HEADING_PIECES = (
    *("一", "二", "三", "四", "五", "六", "七", "第", "部分", "、", ".", "．", "，", ":"),
    *("总体情况", "概述", "主动公开", "收到和处理", "依申请公开", "行政复议", "行政诉讼", "复议、诉讼"),
    *("存在的主要问题", "改进情况", "其他需要报告", "其他事项", "政府信息", "情况"),
    *(" ", "\n", "|", "。", "；", "：", ">", "的", "工作", "x", "1"),
)
HEADING_TEXTS = st.lists(st.sampled_from(HEADING_PIECES), max_size=40).map("".join)


def _opt(*words: str) -> st.SearchStrategy[str]:
    return st.sampled_from(["", *words])


# Headings in their parts, each part there or not, after a break or a character that is none.
HEADINGS = st.lists(
    st.tuples(
        _opt(" ", "\n", "|", "。", "；", ":", "：", ">", "的", "1", "x"),
        st.sampled_from(["一", "二", "三", "四", "五", "六", "第一部分", "第三部分", "第六部分", "第"]),
        _opt("、", ".", "，", "：", " 、"),
        _opt("政府信息", "的", "\n"),
        st.sampled_from(HEADING_PIECES[14:]),
    ).map("".join),
    max_size=6,
).map("".join)


def _found(m):  # type: ignore[no-untyped-def]
    return None if m is None else (m.span(), m.groups())


@settings(max_examples=600, deadline=None)
@given(st.one_of(HEADING_TEXTS, HEADINGS), st.data())
def test_headings_are_found_where_the_plain_search_finds_them(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.one_of(st.just(0), st.integers(0, len(text))))
    for k, pattern in enumerate(S._HEADING):
        fast = S._search_heading(pattern, S._NUMERALS[k], text, pos)
        assert _found(fast) == _found(S._search_heading_plain(pattern, S._NUMERALS[k], text, pos))


NOISE_PIECES = (
    *("-", "—", "－", "―", "–", "--", "1", "12", "123", "1234", "0"),
    *(" ", "|", "\n", "\t", "(", "（", ")", "）", "其中", "含", "注", "备注", "包括", "第", "页", "共", "件", "收到"),
)
NOISE_TEXTS = st.lists(st.sampled_from(NOISE_PIECES), max_size=40).map("".join)
# Footers and notes in their parts: what stands before, the dashes or bracket, the page
# number or the note's word, and what stands after.
_BEFORE = _opt(" ", "|", "\n", "1", "x", "页", "（", "-")
_AFTER = _opt(" ", "|", "\n", "2", "x", "-")
FOOTERS = st.lists(
    st.one_of(
        st.tuples(
            _BEFORE,
            st.sampled_from(["-", "—", "－－", "――", "–"]),
            _opt(" "),
            st.sampled_from(["1", "12", "123", "1234", "x"]),
            _opt(" "),
            st.sampled_from(["", "-", "—", "--", "－―", "---"]),
            _AFTER,
        ).map("".join),
        st.tuples(
            _BEFORE,
            st.sampled_from(["(", "（"]),
            _opt(" "),
            _opt("其中", "含", "注", "备注", "包括", "另有", "说明"),
            _opt("12件", "x", "(", "|", "\n"),
            _opt(")", "）"),
            _AFTER,
        ).map("".join),
    ),
    max_size=6,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(st.one_of(NOISE_TEXTS, FOOTERS), st.data())
def test_footers_and_notes_are_found_where_the_plain_patterns_find_them(text: str, data: st.DataObject) -> None:
    start = data.draw(st.one_of(st.just(0), st.integers(0, len(text))))
    end = data.draw(st.one_of(st.just(len(text)), st.integers(start, len(text))))
    for fast, plain in ((stream._DASHED, stream._DASHED_PLAIN), (stream._NOTE, stream._NOTE_PLAIN)):
        assert [m.span() for m in fast.finditer(text, start, end)] == [
            m.span() for m in plain.finditer(text, start, end)
        ]
