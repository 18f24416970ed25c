"""Year against year: one agency's report of year A beside its report of year B.

`compare(old, new)` gives, per table, the two years' figures as DataFrames indexed by the
canonical row ids (the newer report's form), the change per cell (number and per cent)
and the swings (`model.batch_rules.is_swing`, YEAR_SWING's own test). A cell is compared
only where both reports hold a figure under the same canonical id: a cell one form has and
the other has not is named in `TableComparison.unmatched`, never compared with a
neighbour. The narrative is compared section by section (一 … 六, tables left out),
paragraph by paragraph with difflib: each paragraph of the newer report is unchanged,
near-unchanged (`NEAR` of its wording or more), changed or new, and the older report's
paragraphs with no counterpart are listed as removed. A near-unchanged paragraph carries
its word-level marks (`word_diff`): the runs kept, deleted and inserted, a figure always
whole. Pure: no Qt.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from model.batch_rules import is_swing
from model.report import Number, Report
from model.rollup import _number
from model.schema import SECTION_TITLES, TABLES, TableSchema

SAME = "same"  # the paragraph is last year's, but for spaces
NEAR = "near"  # most of its wording is last year's (a figure or a word changed)
CHANGED = "changed"  # it has a counterpart last year, rewritten
NEW = "new"  # nothing like it last year
REMOVED = "removed"  # last year's paragraph with no counterpart this year
PARAGRAPH_STATES = (SAME, NEAR, CHANGED, NEW, REMOVED)

NEAR_RATIO = 0.8  # difflib's ratio from which a paragraph is near-unchanged
CHANGED_RATIO = 0.5  # below it a paragraph is new rather than rewritten
_SPACE = re.compile(r"\s+")
# Tokens of a paragraph for the word-level marks: a figure (with its separators and
# decimals), a run of Latin letters, else one character (Chinese has no spaces between words).
_TOKEN = re.compile(r"\d+(?:[,.，]\d+)*%?|[A-Za-z]+|\s+|.", re.S)
KEEP, DELETE, INSERT = "=", "-", "+"  # the kinds of a run of `word_diff`
Run = tuple[str, str]  # (KEEP | DELETE | INSERT, text)
# Sums of money (2021 收费金额, 2019 采购总金额) are no counts: a swing is not marked on them,
# as YEAR_SWING never compares the fees.
MONEY_COLS = frozenset({"amount"})


@dataclass
class TableComparison:
    """One table of both years, laid out as the newer report's form."""

    table: str
    schema: TableSchema
    old: pd.DataFrame
    new: pd.DataFrame
    change: pd.DataFrame  # new − old, NaN where either is blank or the cell is not shared
    percent: pd.DataFrame  # change / old × 100, NaN where old is 0 or blank
    swing: pd.DataFrame  # bool: YEAR_SWING's test holds
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (row, col) on one form only

    def cell(self, row: str, col: str) -> dict[str, Any]:
        return {
            "old": _number(self.old.at[row, col]),
            "new": _number(self.new.at[row, col]),
            "change": _number(self.change.at[row, col]),
            "percent": None if (p := _number(self.percent.at[row, col])) is None else round(float(p), 1),
            "swing": bool(self.swing.at[row, col]),
        }


@dataclass
class Paragraph:
    state: str
    new: str  # "" for a removed paragraph
    old: str  # the counterpart last year ("" for a new one)
    ratio: float
    runs: list[Run] = field(default_factory=list)  # NEAR only: `word_diff(old, new)`


def word_diff(old: str, new: str) -> list[Run]:
    """`old` → `new` as runs of text kept, deleted and inserted, in reading order (a
    replacement is its deletion, then its insertion). Compared token by token (`_TOKEN`:
    a figure whole, else character by character), adjacent runs of one kind merged, and a
    single kept character between two changes folded into them so a changed phrase reads
    as one."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    pieces: list[tuple[str, list[str], list[str]]] = []  # (tag, old tokens, new tokens)
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        olds, news = a[i1:i2], b[j1:j2]
        between = 0 < k < len(ops) - 1 and ops[k - 1][0] != "equal" and ops[k + 1][0] != "equal"
        if tag == "equal" and not (between and len(olds) == 1 and len(olds[0]) == 1):
            pieces.append((KEEP, olds, news))
        else:
            pieces.append(("change", olds, news))
    runs: list[Run] = []
    k = 0
    while k < len(pieces):
        if pieces[k][0] == KEEP:
            _add_run(runs, KEEP, "".join(pieces[k][1]))
            k += 1
            continue
        gone, came = [], []
        while k < len(pieces) and pieces[k][0] != KEEP:
            gone += pieces[k][1]
            came += pieces[k][2]
            k += 1
        _add_run(runs, DELETE, "".join(gone))
        _add_run(runs, INSERT, "".join(came))
    return runs


def _add_run(runs: list[Run], kind: str, text: str) -> None:
    if not text:
        return
    if runs and runs[-1][0] == kind:
        runs[-1] = (kind, runs[-1][1] + text)
    else:
        runs.append((kind, text))


def diff_notation(runs: list[Run]) -> str:
    """The runs as plain text: deletions [-删-], insertions {+增+} (for a workbook cell)."""
    marks = {KEEP: "{}", DELETE: "[-{}-]", INSERT: "{{+{}+}}"}
    return "".join(marks[kind].format(text) for kind, text in runs)


@dataclass
class SectionComparison:
    number: int  # 1–6, or 0 for a report whose sections were not found
    title: str
    paragraphs: list[Paragraph]

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for p in self.paragraphs if p.state == s) for s in PARAGRAPH_STATES}


@dataclass
class Comparison:
    old: Report
    new: Report
    tables: dict[str, TableComparison]
    sections: list[SectionComparison]

    def swings(self) -> list[tuple[str, str, str]]:
        """Every (table, row, col) that swings."""
        out = []
        for table, t in self.tables.items():
            for (row, col), flag in t.swing.stack().items():
                if flag:
                    out.append((table, str(row), str(col)))
        return out

    def as_json(self) -> dict[str, Any]:
        def meta(r: Report) -> dict[str, Any]:
            return {"path": r.path, "agency": r.agency, "year": r.year, "format": r.format}

        tables: dict[str, Any] = {}
        for table, t in self.tables.items():
            rows: dict[str, dict[str, Any]] = {}
            for row in t.schema.rows:
                rows[row.id] = {col: t.cell(row.id, col) for col in row.cols}
            tables[table] = rows
        sections = [
            {
                "number": s.number,
                "title": s.title,
                "paragraphs": [
                    {"state": p.state, "new": p.new, "old": p.old, "ratio": round(p.ratio, 3)}
                    | ({"marks": diff_notation(p.runs)} if p.runs else {})
                    for p in s.paragraphs
                ],
            }
            for s in self.sections
        ]
        return {"old": meta(self.old), "new": meta(self.new), "tables": tables, "sections": sections}


def _frame(report: Report, table: str, schema: TableSchema) -> pd.DataFrame:
    rows, cols = list(schema.row_ids()), schema.all_cols()
    data = np.full((len(rows), len(cols)), np.nan)
    row_at = {r: i for i, r in enumerate(rows)}
    col_at = {c: j for j, c in enumerate(cols)}
    for (row, col), cell in report.tables.get(table, {}).items():
        i, j = row_at.get(row), col_at.get(col)
        if cell.value is not None and i is not None and j is not None and col in schema.rows[i].cols:
            data[i, j] = cell.value
    return pd.DataFrame(data, index=rows, columns=cols)


def compare_tables(old: Report, new: Report) -> dict[str, TableComparison]:
    out: dict[str, TableComparison] = {}
    for table in TABLES:
        schema = new.schema(table) or old.schema(table)
        if schema is None:
            continue
        theirs = old.schema(table)
        their_cells = set(theirs.cells()) if theirs is not None else set()
        unmatched = [cell for cell in schema.cells() if cell not in their_cells]
        unmatched += [cell for cell in sorted(their_cells) if cell not in set(schema.cells())]
        a, b = _frame(old, table, schema), _frame(new, table, schema)
        change = b - a
        with np.errstate(divide="ignore", invalid="ignore"):
            percent = change / a.where(a != 0) * 100
        swing = pd.DataFrame(False, index=a.index, columns=a.columns)
        for (row, col), now in b.stack().dropna().items():
            before = a.at[row, col]
            if col not in MONEY_COLS and not np.isnan(before) and is_swing(float(now), float(before)):
                swing.at[row, col] = True
        out[table] = TableComparison(table, schema, a, b, change, percent, swing, unmatched)
    return out


def _narrative(report: Report) -> dict[int, tuple[str, list[str]]]:
    """Section number → (title, paragraphs), the tables read in it left out; {0: …} for a
    report whose sections were not found."""
    out: dict[int, tuple[str, list[str]]] = {}
    spans = sorted(report.table_spans.values(), reverse=True)
    for s in sorted(report.sections, key=lambda s: s.start):
        start = s.start + (len(s.title) if report.text.startswith(s.title, s.start) else 0)
        body = report.text[start : s.end]
        for a, b in spans:  # from the last: cutting one leaves the others' places
            if a < s.end and b > start:
                body = body[: max(a - start, 0)] + body[max(b - start, 0) :]
        title = SECTION_TITLES[s.number - 1] if 1 <= s.number <= len(SECTION_TITLES) else s.title
        out[s.number] = (title, _paragraphs(body))
    if not out:
        out[0] = ("", _paragraphs(report.text))
    return out


def _paragraphs(body: str) -> list[str]:
    return [p for line in body.splitlines() if (p := line.strip()) and "|" not in p]


def _key(paragraph: str) -> str:
    return _SPACE.sub("", paragraph)


def compare_section(number: int, title: str, old: list[str], new: list[str]) -> SectionComparison:
    """Each paragraph of `new` with its closest counterpart in `old`."""
    old_keys = [_key(p) for p in old]
    used: set[int] = set()
    out: list[Paragraph] = []
    for paragraph in new:
        key = _key(paragraph)
        best, best_ratio = -1, 0.0
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(key)
        for k, other in enumerate(old_keys):
            if other == key:
                best, best_ratio = k, 1.0
                break
            matcher.set_seq1(other)
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = k, ratio
        if best_ratio == 1.0:
            state = SAME
        elif best_ratio >= NEAR_RATIO:
            state = NEAR
        elif best_ratio >= CHANGED_RATIO:
            state = CHANGED
        else:
            state, best = NEW, -1
        if best >= 0:
            used.add(best)
        counterpart = old[best] if best >= 0 else ""
        runs = word_diff(counterpart, paragraph) if state == NEAR else []
        out.append(Paragraph(state, paragraph, counterpart, best_ratio, runs))
    out.extend(Paragraph(REMOVED, "", p, 0.0) for k, p in enumerate(old) if k not in used)
    return SectionComparison(number, title, out)


def compare_narrative(old: Report, new: Report) -> list[SectionComparison]:
    a, b = _narrative(old), _narrative(new)
    if (0 in a) != (0 in b):  # one report's sections were found, the other's not: compare whole texts
        a = {0: ("", [p for _, ps in sorted(a.items()) for p in ps[1]])}
        b = {0: ("", [p for _, ps in sorted(b.items()) for p in ps[1]])}
    out = []
    for number in sorted(set(a) | set(b)):
        title = (b.get(number) or a.get(number) or ("", []))[0]
        out.append(compare_section(number, title, a.get(number, ("", []))[1], b.get(number, ("", []))[1]))
    return out


def compare(old: Report, new: Report) -> Comparison:
    """`old` (year A) against `new` (year B): tables cell by cell, narrative paragraph by paragraph."""
    return Comparison(old, new, compare_tables(old, new), compare_narrative(old, new))


def percent_text(percent: Number | None) -> str:
    """A change in per cent as shown: +25.0%, −80.0%; "" when it has none."""
    if percent is None:
        return ""
    return f"{percent:+.1f}%".replace("-", "−")


def order_by_year(a: Report, b: Report) -> tuple[Report, Report]:
    """The two reports, the earlier year first (as given when a year is unknown or equal)."""
    if a.year is not None and b.year is not None and a.year > b.year:
        return b, a
    return a, b
