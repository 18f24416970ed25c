"""Judging the program on one case: read the file, audit it, score every expected cell.

A cell is *right* when it holds exactly the expected value (a BLANK cell: None and named
by an EMPTY_CELL finding; an ABSENT one: None), *uncertain* when it is None and named by
an UNCERTAIN_CELL finding, and *wrong* otherwise — a wrong value, or a None no finding
explains. An error-severity finding is *false* unless the case expects it (`Expected`);
an expected finding that does not come is *missed*.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.zoo.cases import Case
from tests.zoo.document import ABSENT, BLANK, Expected
from tests.zoo.form import CellKey

RIGHT, UNCERTAIN, WRONG = "right", "uncertain", "wrong"
_TOLERANCE = 1e-6


@dataclass
class CellMiss:
    key: CellKey
    expected: Any
    got: Any
    flag: str  # the finding that names the cell: UNCERTAIN_CELL, EMPTY_CELL, or ""

    def __str__(self) -> str:
        t, r, c = self.key
        return f"{t}.{r}.{c}: expected {self.expected!r}, got {self.got!r}" + (f" [{self.flag}]" if self.flag else "")


@dataclass
class Result:
    case: Case
    right: int = 0
    uncertain: int = 0
    wrong: int = 0
    misses: list[CellMiss] = field(default_factory=list)
    format: str | None = None
    year: int | None = None
    read_error: str | None = None
    false_errors: list[str] = field(default_factory=list)
    missed_findings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def cells(self) -> int:
        return self.right + self.uncertain + self.wrong

    @property
    def meta_ok(self) -> bool:
        return self.read_error is None and self.format == self.case.format and self.year == self.case.year

    @property
    def ok(self) -> bool:
        return self.meta_ok and not self.wrong and not self.false_errors and not self.missed_findings

    def problems(self, max_cells: int = 12) -> list[str]:
        """What is wrong, one line each (the first `max_cells` wrong cells)."""
        out = []
        if self.read_error:
            out.append(f"file not read: {self.read_error}")
        if self.format != self.case.format or self.year != self.case.year:
            out.append(f"format/year: expected {self.case.format}/{self.case.year}, got {self.format}/{self.year}")
        out += [f"false error {f}" for f in self.false_errors]
        out += [f"missed finding {f}" for f in self.missed_findings]
        out += [f"wrong cell {m}" for m in self.misses[:max_cells]]
        if len(self.misses) > max_cells:
            out.append(f"… and {len(self.misses) - max_cells} more wrong cells")
        return out


def _same(got: Any, want: float) -> bool:
    return isinstance(got, int | float) and not isinstance(got, bool) and abs(got - want) <= _TOLERANCE


def _allowed(finding: Any, expected: list[Expected]) -> bool:
    for e in expected:
        if e.rule != finding.rule:
            continue
        if e.table is None:
            return True
        if finding.cells and all(c.table == e.table and (e.rows is None or c.row in e.rows) for c in finding.cells):
            return True
    return False


def _describe(finding: Any) -> str:
    cells = ", ".join(f"{c.table}.{c.row}.{c.col}" for c in finding.cells[:4])
    return f"{finding.rule}: {finding.message} [{cells}]"


def judge(case: Case, path: Path) -> Result:
    from model.rules import audit
    from parsers import load_report

    start = time.perf_counter()
    report = load_report(path)
    findings = audit(report)
    result = Result(case, seconds=time.perf_counter() - start)
    result.format, result.year, result.read_error = report.format, report.year, report.error
    tables = report.tables_json() if not report.error else {}
    flagged: dict[tuple[str, str, str], str] = {}
    for f in findings:
        if f.rule in ("UNCERTAIN_CELL", "EMPTY_CELL"):
            for c in f.cells:
                if c.col is not None:
                    flagged.setdefault((c.table, c.row, c.col), f.rule)
    for key, want in case.cells.items():
        table, row, col = key
        got = tables.get(table, {}).get(row, {}).get(col)
        flag = flagged.get(key, "")
        if want == ABSENT:
            verdict = RIGHT if got is None else WRONG
        elif got is None and flag == "UNCERTAIN_CELL":
            verdict = UNCERTAIN
        elif want == BLANK:
            verdict = RIGHT if got is None and flag == "EMPTY_CELL" else WRONG
        else:
            verdict = RIGHT if _same(got, want) else WRONG  # type: ignore[arg-type]
        if verdict == RIGHT:
            result.right += 1
        elif verdict == UNCERTAIN:
            result.uncertain += 1
        else:
            result.wrong += 1
            result.misses.append(CellMiss(key, want, got, flag))
    if not report.error:
        result.false_errors = [
            _describe(f) for f in findings if f.severity == "error" and not _allowed(f, case.expected)
        ]
        for e in case.expected:
            if e.required and not any(_allowed(f, [e]) for f in findings):
                result.missed_findings.append(f"{e.rule} on {e.table} {sorted(e.rows or [])}")
    return result
