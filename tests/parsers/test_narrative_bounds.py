"""The narrative parsers take time in proportion to the text, whatever it holds: hostile
texts (no sentence breaks, thousands of 其中, brackets or figures) each finish quickly."""

from __future__ import annotations

import time

import pytest

from parsers.recognize.cell_claims import find_cell_claims
from parsers.recognize.meta import find_agency, find_published, find_year
from parsers.recognize.narrative import find_sum_claims

HOSTILE = {
    "digit run": "共收到政府信息公开申请" + "1" * 300_000 + "件，其中" + "2" * 100_000 + "件。",
    "long lists": ("共发布信息500条，其中" + "政策文件10条、" * 1000 + "。") * 20,
    "nested brackets": "共发布信息500条" + "(" * 5000 + "其中政策文件10条、工作动态20条" + ")" * 5000,
    "many brackets": "共发布信息500条(其中政策文件10条、工作动态20条)" * 5000,
    "no breaks": "其中" * 50_000,
    "units": "1件" * 100_000,
    "numerals": "共" + "一" * 50_000 + "条，其中十条、二十条。",
    "claims": "共收到政府信息公开申请5件，" * 20_000,
    "spaces": "共收到政府信息公开申请" + " " * 200_000 + "5件",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_is_read_in_bounded_time(name: str) -> None:
    text = HOSTILE[name]
    start = time.perf_counter()
    find_sum_claims(text)
    find_cell_claims(text, "2021")
    find_year(text), find_agency(text), find_published(text)
    assert time.perf_counter() - start < 2.0
