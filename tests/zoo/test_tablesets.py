"""The zoo's own ground: its table sets are complete and consistent, its frozen seed
figures are those the seed files print, its form names the program's cells, and its
case list is the same on every run."""

from __future__ import annotations

import re

import pytest

from tests.zoo import form
from tests.zoo.cases import build_cases
from tests.zoo.document import yuan_text
from tests.zoo.layouts import CLASSES, LAYOUTS
from tests.zoo.tablesets import (
    DEVSET_DIR,
    RANDOM_KINDS,
    SAMPLES_DIR,
    devset_expected,
    devset_sets,
    random_set,
    seed_data,
    seed_sets,
    table_sets,
)


@pytest.mark.parametrize("ts", table_sets(2 * len(RANDOM_KINDS)), ids=lambda ts: ts.name)
def test_every_set_fills_its_form_consistently(ts) -> None:  # type: ignore[no-untyped-def]
    assert ts.problems() == []


def test_random_sets_are_the_same_on_every_run() -> None:
    assert random_set(5) == random_set(5)
    assert random_set(5).values != random_set(6).values


def test_random_sets_are_realistic() -> None:
    sets = [random_set(i) for i in range(4 * len(RANDOM_KINDS))]
    values = [v for ts in sets for v in ts.values.values()]
    zeros = sum(v == 0 for v in values) / len(values)
    assert 0.6 < zeros < 0.95, zeros  # mostly zeros
    digits = {len(str(abs(int(v)))) for v in values}
    assert {1, 2, 3, 4, 5, 6, 7} <= digits  # and some counts of every size up to seven digits
    amounts = [ts.get("table2", "fees", "amount") for ts in sets if ts.format == form.F2021]
    assert any(isinstance(a, float) and not a.is_integer() for a in amounts)
    assert any(ts.single_other for ts in sets) and any(ts.format == form.F2019 for ts in sets)
    assert any(v < 0 for ts in sets for (t, _, c), v in ts.values.items() if c == "change")


# ---- the seeds, read again from their files ----------------------------------------------------

_NUMBER_CELL = re.compile(r"^(-?[\d,]+(?:\.\d+)?)(?:万元|元)?$")


def _printed_numbers(text: str) -> list[float]:
    """Every cell of the `|` table lines between section 二 and section 五 that is a number,
    in the order printed (a blank cell is no number)."""
    start = text.index("二、主动公开政府信息情况")
    end = text.index("五、存在的主要问题")
    out = []
    for line in text[start:end].splitlines():
        if "|" not in line:
            continue
        for cell in line.split("|"):
            m = _NUMBER_CELL.match(cell.strip())
            if m:
                out.append(float(m.group(1).replace(",", "")))
    return out


@pytest.mark.parametrize("file", sorted(seed_data()["seeds"]))
def test_frozen_seed_figures_are_the_seed_files_figures(file: str) -> None:
    seed = seed_data()["seeds"][file]
    fmt = seed["format"]
    printed = seed["printed"]
    want = [printed[t][r][c] for t, r, c in form.printed_cells(fmt) if printed[t][r][c] is not None]
    text = (SAMPLES_DIR / file).read_text(encoding="utf-8")
    assert _printed_numbers(text) == [float(v) for v in want]
    assert f"{seed['year']}年" in text


def test_seed_004_blanks_are_the_only_blanks_and_become_zeros() -> None:
    data = seed_data()
    for ts in seed_sets():
        assert None not in ts.values.values()
    blanks = {
        file
        for file, seed in data["seeds"].items()
        for rows in seed["printed"].values()
        for cols in rows.values()
        for v in cols.values()
        if v is None
    }
    assert blanks == set(data["blank_as_zero"])


# ---- the devset ----------------------------------------------------------------------------------


def test_devset_is_in_the_repository() -> None:
    names = sorted(p.name for p in DEVSET_DIR.iterdir())
    assert "web-text-2019.txt" in names and "web-text-2021.expected.json" in names


def test_devset_splits_rejoin_to_the_printed_digits() -> None:
    """The values the zoo renders for the devset's run-together rows print as the run."""
    sets = {ts.year: ts for ts in devset_sets()}
    for name, exp in devset_expected().items():
        ts = sets[exp["year"]]
        text = (DEVSET_DIR / f"{name}.txt").read_text(encoding="utf-8")
        for item in exp["cells_that_cannot_be_known"]:
            row = item["row"]
            (t2row,) = [r for b in form.T2_BLOCKS[ts.format] for r in b.rows if r.id == row]
            parts = []
            for col in t2row.cols:
                v = ts.get("table2", row, col)
                parts.append(yuan_text(v) + "元" if form.is_amount(ts.format, row, col) else str(v))
            assert "".join(parts) == item["as_printed"]
            assert t2row.label + item["as_printed"] in text


# ---- the form against the program's ----------------------------------------------------------------


@pytest.mark.parametrize("fmt", [form.F2019, form.F2021])
@pytest.mark.parametrize("single_other", [False, True])
def test_the_zoo_form_names_the_program_cells(fmt: str, single_other: bool) -> None:
    from model.schema import TABLES, table_schema

    if single_other and fmt == form.F2019:
        pytest.skip("the single （六） row is the 2019 form's own")
    program = {
        (t, row.id, col)
        for t in TABLES
        for row in table_schema(t, fmt, single_other=single_other).rows  # type: ignore[union-attr]
        for col in row.cols
    }
    assert set(form.form_cells(fmt, single_other)) == program


# ---- the layouts and cases -----------------------------------------------------------------------


def test_the_zoo_covers_every_class_with_thirty_layouts() -> None:
    assert len(LAYOUTS) >= 30
    assert len({x.name for x in LAYOUTS}) == len(LAYOUTS)
    assert {x.cls for x in LAYOUTS} == set(CLASSES)


def test_the_case_list_is_the_same_on_every_run() -> None:
    text_layouts = tuple(x for x in LAYOUTS if x.cls in ("web", "ocr", "hostile"))
    first = build_cases(2, text_layouts)
    again = build_cases(2, text_layouts)
    assert [c.id for c in first] == [c.id for c in again]
    assert [c.rendered.data for c in first] == [c.rendered.data for c in again]


@pytest.mark.parametrize("ts", devset_sets(), ids=lambda ts: ts.name)
def test_the_web_layout_prints_the_devset_tables_as_the_real_pages_do(ts) -> None:  # type: ignore[no-untyped-def]
    """The one-line web layout, given the devset's own values, writes the same table text
    as the real pages (whitespace aside): the layout is the class, not a caricature."""
    import random as _random

    from tests.zoo.document import build_doc
    from tests.zoo.layouts.web import WebStyle, web_text

    def tables(text: str) -> str:
        return re.sub(r"\s+", "", text[text.index("第二十条第（一）项") : text.index("五、存在的主要问题")])

    doc = build_doc(ts, _random.Random(0))
    doc.prose.after_table[4] = []
    mine = web_text(doc, _random.Random(0), WebStyle(cell_space=0.0, repeat_result=ts.format == form.F2019))
    real = (DEVSET_DIR / f"web-text-{ts.year}.txt").read_text(encoding="utf-8")
    assert tables(mine) == tables(real)


def _figure(text: str) -> float:
    if text.endswith("万元"):
        return float(text[:-2])
    if text.endswith("元"):
        return float(text[:-1]) / 10000
    return float(text)


def test_clean_pipes_files_print_the_expected_values() -> None:
    """A reader of a dozen lines, knowing nothing but the form, finds every expected value
    of every clean `|` case where the case says it is: the renderer and the expectation
    agree."""
    from tests.zoo.document import ABSENT
    from tests.zoo.layouts import layout

    for case in build_cases(len(RANDOM_KINDS), (layout("clean-pipes"),)):
        if case.perturbed:
            continue
        text = case.rendered.data.decode("utf-8")
        single = case.cells.get(("table3", "other", "total"), ABSENT) != ABSENT and case.format == form.F2021
        t2 = {r.label: r for b in form.T2_BLOCKS[case.format] for r in b.rows}
        t3 = {r.label: r.id for r in form.t3_rows(case.format, single)}
        got: dict[tuple[str, str, str], float] = {}
        s2, s3, s4, s5 = (text.index(h) for h in form.SECTION_TITLES[1:5])
        for line in text[s2:s3].splitlines():
            fields = line.split(" | ")
            if fields[0] in t2:
                row = t2[fields[0]]
                got.update({("table2", row.id, c): _figure(v) for c, v in zip(row.cols, fields[1:])})
        for line in text[s3:s4].splitlines():
            fields = line.split(" | ")
            if len(fields) >= 8 and fields[-8] in t3:
                got.update({("table3", t3[fields[-8]], c): float(v) for c, v in zip(form.T3_COLS, fields[-7:])})
        figures = [line for line in text[s4:s5].splitlines() if re.fullmatch(r"[\d | ]+", line)]
        keys = [("table4", r, c) for r in form.T4_ROWS for c in form.T4_COLS]
        got.update({k: float(v) for k, v in zip(keys, figures[-1].split(" | "))})
        want = {k: v for k, v in case.cells.items() if v != ABSENT}
        assert set(got) == set(want), case.id
        assert all(abs(got[k] - want[k]) < 1e-6 for k in want), case.id  # type: ignore[operator]
