"""The agency scan's fast path against its plain form (`parsers/recognize/meta.py`): names worked out
from their place endings backwards must be the names the plain regex finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.recognize import meta

# Pieces of text that exercise every branch: place endings (自治区, 地区, 新区 …), agency
# endings (局, 人民政府办公室, 管委会 …), name characters, and characters no name holds.
PIECES = (
    *("省", "市", "州", "盟", "县", "区", "旗", "自治", "地", "新", "社"),
    *("局", "委", "厅", "办", "中心", "院", "署", "所", "馆", "队", "处", "街道", "镇", "乡"),
    *("人民政府", "办公室", "办公厅", "管委会", "管理委员会", "委员会", "管理", "会", "公室"),
    *("平潭", "综合", "实验", "开发", "某", "江苏", "人力资源和社会保障", "财政", "襄城"),
    *("，", "。", "的", "我", "本", "在", "2", " ", "\n", "、", "（", "）"),
)
TEXTS = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
# Long runs of name characters and places: the starts the regex must try the most ways.
DENSE = st.lists(
    st.sampled_from(
        ("区", "市", "县", "某", "平潭", "自治", "新", "地", "局", "管委会", "人力资源和社会保障", "综合实验")
    ),
    max_size=80,
).map("".join)


@settings(max_examples=400)
@given(st.one_of(TEXTS, DENSE))
def test_names_as_the_plain_regex_finds_them(text: str) -> None:
    assert meta._names(text) == meta._names_plain(text)


@settings(max_examples=300)
@given(st.one_of(TEXTS, DENSE), st.data())
def test_name_start_as_the_plain_regex_finds_it(text: str, data: st.DataObject) -> None:
    places = meta.positions(text, meta._PLACE_ENDS)
    for end in meta._AGENCY_ENDING.finditer(text):
        start = data.draw(st.integers(0, end.start()))
        fast = meta._name_start(text, start, end.end(), places)
        assert fast == meta._name_start_plain(text, start, end.end())


# Years in Chinese numerals and what stands near them: numerals, spaces, 年, digits.
CN_YEARS = st.lists(
    st.sampled_from(
        ("〇", "零", "一", "二", "九", "十", "二〇二三", "二零一九", "二〇二", "年", " ", "\n", "\u3000", "2", "某")
    ),
    max_size=30,
).map("".join)


@settings(max_examples=400)
@given(CN_YEARS)
def test_a_year_in_numerals_is_found_where_the_plain_pattern_finds_it(text: str) -> None:
    assert meta._has_cn_year(text) == meta._has_cn_year_plain(text)
