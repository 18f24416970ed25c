"""The token stream of a table region: what stands where, in every layout."""

from __future__ import annotations

from parsers.recognize.stream import BLANK, GAP_HARD, GAP_LINE, GAP_NONE, GAP_SOFT, JUNK, MARK, NUM, TEXT, tokenize


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in tokenize(text)]


def test_bars_blanks_and_line_breaks() -> None:
    text = "规章 | 0 | | 3 |\n|\n| 规范性文件 1 2 3"
    tokens = tokenize(text)
    assert [(t.text, t.kind) for t in tokens] == [
        ("规章", TEXT),
        ("0", NUM),
        ("", BLANK),
        ("3", NUM),
        ("\n", BLANK),  # between two bars across a line break: a blank a reading may drop
        ("\n", BLANK),
        ("规范性文件", TEXT),
        ("1", NUM),
        ("2", NUM),
        ("3", NUM),
    ]
    assert text[tokens[3].start : tokens[3].end] == "3"
    assert [t.gap for t in tokens[6:]] == [GAP_HARD, GAP_SOFT, GAP_SOFT, GAP_SOFT]


def test_cells_concatenated_with_no_separator() -> None:
    text = "一、本年新收政府信息公开申请数量230 000023二、上年结转政府信息公开申请数量0000000"
    tokens = tokenize(text)
    assert [(t.text, t.kind, t.gap) for t in tokens] == [
        ("一、本年新收政府信息公开申请数量", TEXT, GAP_LINE),
        ("230", NUM, GAP_NONE),
        ("000023", NUM, GAP_SOFT),
        ("二、上年结转政府信息公开申请数量", TEXT, GAP_NONE),
        ("0000000", NUM, GAP_NONE),
    ]


def test_a_sub_row_keeps_its_number_glued_after_figures() -> None:
    tokens = tokenize("1.属于国家秘密00000002.其他法律行政法规禁止公开0000000(四)无法提供1.本机关")
    assert [(t.text, t.kind) for t in tokens] == [
        ("1.属于国家秘密", TEXT),
        ("0000000", NUM),
        ("2.其他法律行政法规禁止公开", TEXT),
        ("0000000", NUM),
        ("(四)无法提供", TEXT),
        ("1.本机关", TEXT),
    ]


def test_decimals_units_signs_and_separators_stay_one_figure() -> None:
    kinds = _kinds("| 3909.30万元 | 1,171.742 | -3 | −3 | –3 | 24252.311082 |")
    assert kinds == [(t, NUM) for t in ("3909.30万元", "1,171.742", "-3", "−3", "–3", "24252.311082")]


def test_placeholders_and_junk_in_cells() -> None:
    kinds = _kinds("| — | / | 无 | =1+2 | @A1 | 三件 | 1、 |")
    assert kinds == [
        ("—", MARK),
        ("/", MARK),
        ("无", MARK),
        ("=1+2", JUNK),
        ("@A1", JUNK),
        ("三件", JUNK),
        ("1、", TEXT),
    ]


def test_page_footers_and_notes_are_not_part_of_the_table() -> None:
    text = "0 | 0 |\n- 3 -\n| 0 | 22(其中修订16件) | 第 3 页 共 5 页 | 5\n— 4 —\n法提供"
    kinds = _kinds(text)
    assert kinds == [("0", NUM), ("0", NUM), ("0", NUM), ("22", NUM), ("5", NUM), ("法提供", TEXT)]


def test_a_label_number_in_brackets_stays_in_the_label() -> None:
    assert _kinds("(1)加强组织领导") == [("(1)加强组织领导", TEXT)]
