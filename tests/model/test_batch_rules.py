"""Batch rules: carry-over across consecutive years, and copied narrative."""

from __future__ import annotations

import copy
from pathlib import Path

from model.batch_rules import agency_key, audit_batch, cross_year_carry, duplicate_content
from parsers import load_report
from tests.conftest import sample


def test_agency_names_compare_after_normalisation() -> None:
    assert agency_key("襄城区人力资源和社会保障局") == agency_key("襄城区人社局")


def test_a_zones_management_committee_is_the_zone() -> None:
    # The zone's report is signed by the zone one year and by its 管委会 the next.
    assert agency_key("平潭综合实验区管委会") == agency_key("平潭综合实验区")
    assert agency_key("某某经济技术开发区管理委员会") == agency_key("某某经济技术开发区")
    # A committee that is not a zone's body keeps its name.
    assert agency_key("某某县卫生健康委员会") != agency_key("某某县卫生健康")


def test_carry_over_against_last_year(tmp_path: Path) -> None:
    this = load_report(sample("003"))  # 2019; 上年结转: 自然人 10, 总计 10
    (tmp_path / "2018.txt").write_text(
        sample("003").read_text(encoding="utf-8").replace("2019", "2018"), encoding="utf-8"
    )
    last = load_report(tmp_path / "2018.txt")  # the agency's report of the year before
    assert (last.year, last.agency) == (2018, this.agency)
    last.set_value("table3", "carried_forward", "natural_person", 10)
    last.set_value("table3", "carried_forward", "total", 10)
    assert cross_year_carry([this, last]) == {}
    last.set_value("table3", "carried_forward", "total", 12)
    found = cross_year_carry([this, last])
    assert list(found) == [0]
    (f,) = found[0]
    assert f.rule == "CROSS_YEAR_CARRY" and f.cells[0].col == "total" and "12" in f.message
    other = copy.deepcopy(last)
    other.agency = "某某市财政局"
    assert cross_year_carry([this, other]) == {}
    # The very report again, its year corrected to 2018: not the year before.
    again = copy.deepcopy(this)
    again.year = 2018
    again.set_value("table3", "carried_forward", "total", 12)
    assert cross_year_carry([this, again]) == {}


def test_copied_narrative_between_agencies() -> None:
    original = load_report(sample("003"))
    copied = copy.deepcopy(original)
    copied.agency, copied.sha256, copied.path = "某某市人力资源和社会保障局", "x", "copy.txt"
    found = duplicate_content([original, copied, load_report(sample("001"))])
    assert set(found) == {0, 1}
    assert "某某市人力资源和社会保障局" in found[0][0].message


def test_seeds_are_not_copies_of_each_other() -> None:
    reports = [load_report(sample(s)) for s in ("000", "001", "002", "003", "004")]
    assert audit_batch(reports) == {}
