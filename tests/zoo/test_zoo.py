"""The property the recognizer must hold on every layout of the zoo, and on the devset.

For every case: the file is read with `parsers.load_report` and audited with
`model.rules.audit`; every expected cell is exactly right, or None and named by an
UNCERTAIN_CELL finding — never a wrong value; the format and the year are right; no
error finding the case does not expect (no false T3_BALANCE, TABLE_MISSING, ROW_MISSING,
NOT_A_NUMBER …), and every finding it expects comes. One test per layout (and one per
layout's perturbed cases); a failure lists its cases' problems. `python -m tests.zoo`
prints the same as figures per layout.

The devset's two real reports must come out exactly as their `.expected.json`: the cells
printed as one run of digits None and flagged UNCERTAIN_CELL, no error finding.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.zoo.cases import DEFAULT_RANDOM_SETS, Case, build_cases, soffice_binary, write_cases
from tests.zoo.check import judge
from tests.zoo.layouts import LAYOUTS
from tests.zoo.tablesets import DEVSET_DIR, devset_expected

GROUPS = [x.name for x in LAYOUTS] + [x.name + "~perturbed" for x in LAYOUTS if x.perturbable]
SHOWN_CASES = 4


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, list[Case]], dict[str, Path]]:
    layouts = LAYOUTS if soffice_binary() else tuple(x for x in LAYOUTS if not x.soffice)
    cases = build_cases(DEFAULT_RANDOM_SETS, layouts)
    paths = write_cases(cases, tmp_path_factory.mktemp("zoo"))
    by_group: dict[str, list[Case]] = {}
    for case in cases:
        by_group.setdefault(case.group, []).append(case)
    return by_group, paths


@pytest.mark.parametrize("group", GROUPS)
def test_layout_is_read_right_or_honestly_unsure(
    zoo: tuple[dict[str, list[Case]], dict[str, Path]], group: str
) -> None:
    by_group, paths = zoo
    layout = next(x for x in LAYOUTS if x.name == group.split("~")[0])
    if layout.soffice and not soffice_binary():
        pytest.skip("LibreOffice (soffice) is not installed")
    cases = by_group[group]
    assert cases, f"the layout {group} has no case"
    failures = []
    for case in cases:
        if case.id not in paths:
            failures.append(f"{case.id}: LibreOffice made no PDF")
            continue
        result = judge(case, paths[case.id])
        if not result.ok:
            failures.append(
                f"{case.id} ({result.right} right, {result.uncertain} uncertain, {result.wrong} wrong):\n    "
                + "\n    ".join(result.problems(max_cells=6))
            )
    shown = "\n".join(failures[:SHOWN_CASES])
    more = f"\n… and {len(failures) - SHOWN_CASES} more failing cases" if len(failures) > SHOWN_CASES else ""
    assert not failures, f"{len(failures)} of {len(cases)} cases fail (python -m tests.zoo --dump DIR):\n{shown}{more}"


@pytest.mark.parametrize("name", sorted(devset_expected()))
def test_devset_report_reads_as_expected(name: str) -> None:
    from model.rules import audit
    from parsers import load_report

    exp = devset_expected()[name]
    report = load_report(DEVSET_DIR / f"{name}.txt")
    findings = audit(report)
    assert report.error is None
    assert (report.format, report.year) == (exp["format"], exp["year"])
    got = report.tables_json()
    flagged = {(c.table, c.row, c.col) for f in findings if f.rule == "UNCERTAIN_CELL" for c in f.cells}
    wrong = []
    for table, rows in exp["tables"].items():
        for row, cols in rows.items():
            for col, value in cols.items():
                have = got.get(table, {}).get(row, {}).get(col)
                if have is None or abs(have - value) > 1e-6:
                    wrong.append(f"{table}.{row}.{col}: expected {value}, got {have}")
    for item in exp["cells_that_cannot_be_known"]:
        row = got.get(item["table"], {}).get(item["row"], {})
        for col in row or ["?"]:
            key = (item["table"], item["row"], col)
            if row.get(col) is not None or key not in flagged:
                wrong.append(
                    f"{'.'.join(key)} (printed {item['as_printed']}): got {row.get(col)}, not flagged uncertain"
                )
        if not row:
            wrong.append(f"{item['table']}.{item['row']}: row not shown")
    errors = [f"{f.rule}: {f.message}" for f in findings if f.severity == "error"]
    assert not wrong and not errors, "\n".join(wrong[:20] + errors)
