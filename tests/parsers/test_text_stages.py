"""Each stage of reading text on its own: decoding, normalisation, cells, values, sections, metadata."""

from __future__ import annotations

import codecs

import pytest

from model.errors import ReadError
from parsers.read.decode import decode_bytes
from parsers.read.normalize import label_key, normalize, strip_numbering
from parsers.recognize.meta import detect_format, find_agency, find_signature, find_year
from parsers.recognize.sections import find_regions, find_sections
from parsers.recognize.values import parse_value

TEXT = "一、总体情况\n本年度收到政府信息公开申请数量为3件。"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "gb18030", "gbk"],
)
def test_decodes_the_encodings_officers_meet(data: bytes) -> None:
    text, _ = decode_bytes(data)
    assert text == TEXT


def test_decodes_big5_traditional() -> None:
    trad = "一、總體情況\n本年度收到政府資訊公開申請數量為3件，報告如下。"
    text, encoding = decode_bytes(trad.encode("big5"))
    assert text == trad and encoding == "big5"


@pytest.mark.parametrize("data", [b"", b"   \n", bytes(range(256)) * 50], ids=["empty", "blank", "binary"])
def test_refuses_empty_and_binary(data: bytes) -> None:
    with pytest.raises(ReadError):
        decode_bytes(data)


def test_normalise_drops_ruby_and_converts_traditional_with_offsets() -> None:
    original = "索引號(hào)：1\n發(fā)布機(jī)構(gòu)：靖遠縣人力資源和社會保障局\r\n"
    norm = normalize(original)
    assert norm.text == "索引号:1\n发布机构:靖远县人力资源和社会保障局\n"
    pos = norm.text.index("机构")
    start = norm.offsets.to_original(pos)
    assert original[start] == "機"
    end = norm.offsets.to_original(norm.text.index("靖"))
    assert original[end] == "靖"


def test_normalise_leaves_simplified_words_alone() -> None:
    text = "成效显著,著力推进政务公开。"
    assert normalize(text).text == text


def test_full_width_digits_and_spaces_become_half_width() -> None:
    assert normalize("共１２３件\u3000其中").text == "共123件 其中"


def test_label_key_ignores_punctuation_quotes_and_spaces() -> None:
    assert label_key("3.危及“三安全一稳定”") == label_key('3. 危及"三安全一稳定"')
    assert label_key("三、本年度办 理结果") == "三本年度办理结果"
    assert strip_numbering("(一)予以公开") == "予以公开"
    assert strip_numbering("三、本年度办理结果") == "本年度办理结果"
    assert strip_numbering("2.重复申请") == "重复申请"


@pytest.mark.parametrize(
    ("raw", "money", "value", "status"),
    [
        ("12", False, 12, "ok"),
        ("1,171.742", True, 1171.742, "ok"),
        ("3909.30万元", True, 3909.3, "ok"),
        ("251000元", True, 25.1, "ok"),
        ("-3", False, -3, "ok"),
        ("", False, None, "blank"),
        ("/", False, None, "blank"),
        ("—", False, None, "blank"),
        ("无", False, None, "text"),
        ("不涉及", False, None, "text"),
    ],
)
def test_parse_value(raw: str, money: bool, value: object, status: str) -> None:
    parsed = parse_value(raw, money=money)
    assert parsed.value == value and parsed.status == status


def test_money_in_yuan_by_header_is_converted_and_noted() -> None:
    parsed = parse_value("251000", money=True, header_unit="元")
    assert parsed.value == 25.1 and "万元" in parsed.note


def test_sections_in_order_and_not_the_table_item_numbers() -> None:
    text = (
        "一、总体情况\n…\n二、主动公开政府信息情况\n…\n三、收到和处理政府信息公开申请情况\n"
        "一、本年新收政府信息公开申请数量 | 1\n四、结转下年度继续办理 | 0\n"
        "四、政府信息公开行政复议、行政诉讼情况\n…\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n无"
    )
    sections = find_sections(text)
    assert [s.number for s in sections] == [1, 2, 3, 4, 5, 6]
    four = sections[3]
    assert text[four.start :].startswith("四、政府信息公开行政复议")
    regions = find_regions(text, sections)
    assert regions.table3 is not None and "本年新收" in text[slice(*regions.table3)]
    assert regions.table4 is not None and text[slice(*regions.table4)].startswith("四、政府信息公开")


def test_year_from_title_else_most_talked_about() -> None:
    assert find_year("某某局2023年政府信息公开工作年度报告\n2024年1月10日") == 2023
    assert find_year("2019年，我厅共办理申请。2019年共公开。2018年相比。\n2020年1月20日") == 2019


def test_signature_gives_agency_and_date() -> None:
    name, date = find_signature("正文。\n\n某某市财政局\n2025年1月17日")
    assert name == "某某市财政局"
    assert date is not None and (date.year, date.month, date.day) == (2025, 1, 17)


def test_agency_prefers_the_kind_the_report_calls_itself() -> None:
    text = "发布机构：某某县融媒体中心 | 某某县融媒体中心\n某某县教育局\n一、总体情况 我局认真落实。我局公开信息。"
    assert find_agency(text) == "某某县教育局"


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("信息内容 | 本年新制作数量 | 本年新公开数量", "2019"),
        ("政府集中采购 | 1 | 2", "2019"),
        ("信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数", "2021"),
        ("2.申请人逾期未按收费通知要求缴纳费用", "2021"),
        ("行政复议 | 行政诉讼", None),
    ],
)
def test_format_from_labels(text: str, fmt: str | None) -> None:
    assert detect_format(text) == fmt


def test_dates_in_chinese_numerals() -> None:
    assert find_year("某某县人民政府二〇二三年政府信息公开工作年度报告") == 2023
    name, date = find_signature("正文。\n某某县人民政府\n二〇二四年一月二十日")
    assert name == "某某县人民政府" and date is not None and (date.month, date.day) == (1, 20)


def test_sections_headed_as_parts() -> None:
    text = "第一部分 总体情况\n…\n第二部分 主动公开政府信息情况\n…\n第三部分 收到和处理政府信息公开申请情况\n"
    assert [s.number for s in find_sections(text)] == [1, 2, 3]
