"""Rules across a batch: one agency's consecutive years, and copied narrative.

The rules that compare an agency's report with its report of the year before —
`CROSS_YEAR_CARRY` (表三 carry-over), `CROSS_YEAR_IN_FORCE` (表二 件数 and 项目数量 that
must follow from last year's), `YEAR_SWING` (a volume that changed fivefold) and
`COPIED_FROM_LAST_YEAR` (section 五 written again as last year) — find that report by the
agency's name (compared after normalisation, `agency_key`) and the year; the three newer
ones through `model.last_year.YearPairs`, which pairs only where the batch leaves no doubt.
`DUPLICATE_CONTENT` finds reports of different agencies whose narrative is largely the
same text: character shingles sampled by hash and an inverted index keep it fast for
thousands of reports, and shingles most reports share (the wording of the 条例, the form's
labels) are ignored. `cell_rules` and `text_rules` declare which rule is which kind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from model import messages
from model.findings import INFO, WARNING, CellRef, Finding
from model.fingerprints import NOT_NARRATIVE, Fingerprints, shingles
from model.last_year import CellId, YearPairs, agency_key
from model.report import Number, Report
from model.rule_catalog import (
    COPIED_FROM_LAST_YEAR,
    CROSS_YEAR_CARRY,
    CROSS_YEAR_IN_FORCE,
    DUPLICATE_CONTENT,
    YEAR_SWING,
)
from model.schema import FORMAT_2019, FORMAT_2021, T3_COLS, TABLE2, TABLE3, TABLE4

_MIN_SHINGLES = 40
_SHARED = 0.5
_COMMON = 0.2

# A rule across the batch: the reports, and the fingerprints of their narrative kept by
# whoever owns the batch (None: made afresh); findings by index into the reports.
BatchRule = Callable[[Sequence[Report], Fingerprints | None], dict[int, list[Finding]]]


def _same_agency(a: str | None, b: str | None) -> bool:
    ka, kb = agency_key(a), agency_key(b)
    if not ka or not kb:
        return False
    return ka == kb or (min(len(ka), len(kb)) >= 4 and (ka.endswith(kb) or kb.endswith(ka)))


def cross_year_carry(reports: Sequence[Report], prints: Fingerprints | None = None) -> dict[int, list[Finding]]:
    """Findings by index into `reports`: 上年结转 against last year's 结转下年度, per column."""
    out: dict[int, list[Finding]] = defaultdict(list)
    pairs = YearPairs(reports, prints)
    for i, this in enumerate(reports):
        lasts = pairs.last_year(i)
        if not lasts:
            continue
        for col in T3_COLS:
            now = pairs.own(i, (TABLE3, "carried_over", col))
            before = pairs.agreed(lasts, (TABLE3, "carried_forward", col))
            if now is None or before is None or now == before:
                continue
            figures = {
                "severity": WARNING,
                "col_label": messages.col_label(TABLE3, this.format, col),
                "year": this.year,
                "last_year": reports[lasts[0]].year,
                "now": now,
                "before": before,
                "last_path": reports[lasts[0]].path,
            }
            out[i].append(_cell_finding(CROSS_YEAR_CARRY.id, WARNING, this, (TABLE3, "carried_over", col), figures))
    return out


# 表二 figures that must follow from last year's. 2021 form: 现行有效件数 = last year's +
# 本年制发 − 本年废止. 2019 form: 上一年项目数量 = last year's 上一年项目数量 + 本年增/减.
# Neither has a counterpart in the other form (2019's 对外公开总数量 counts what was ever
# published, not what is in force), so a pair of reports in two forms is not compared.
_IN_FORCE_ROWS = {
    FORMAT_2021: ("regulations", "normative_documents"),
    FORMAT_2019: ("licensing", "other_services", "penalties", "coercion", "fees"),
}


def cross_year_in_force(reports: Sequence[Report], prints: Fingerprints | None = None) -> dict[int, list[Finding]]:
    """Findings by index: 表二 件数 / 项目数量 that do not follow from last year's report."""
    out: dict[int, list[Finding]] = defaultdict(list)
    pairs = YearPairs(reports, prints)
    for i, this in enumerate(reports):
        lasts = pairs.last_year(i)
        if not lasts or this.format not in _IN_FORCE_ROWS or any(reports[k].format != this.format for k in lasts):
            continue
        for row in _IN_FORCE_ROWS[this.format]:
            followed = _expected_count(pairs, i, lasts, row)
            if followed is None:
                continue
            cell, parts, expected = followed
            now = pairs.own(i, cell)
            if now is None or _equal(now, expected):
                continue
            figures = {
                "severity": WARNING,
                "format": this.format,
                "table": TABLE2,
                "row_label": messages.row_label(TABLE2, this.format, row),
                "year": this.year,
                "last_year": reports[lasts[0]].year,
                "now": now,
                "expected": expected,
                **parts,
            }
            out[i].append(_cell_finding(CROSS_YEAR_IN_FORCE.id, WARNING, this, cell, figures))
    return out


def _expected_count(
    pairs: YearPairs, i: int, lasts: list[int], row: str
) -> tuple[CellId, dict[str, Number], Number] | None:
    """The cell of `row` that follows from last year, the figures it follows from, and the
    count they make; None when one of them is blank or not agreed."""
    if pairs.reports[i].format == FORMAT_2021:
        cell = (TABLE2, row, "in_force")
        before = pairs.agreed(lasts, cell)
        added, removed = pairs.own(i, (TABLE2, row, "issued")), pairs.own(i, (TABLE2, row, "repealed"))
        if before is None or added is None or removed is None:
            return None
        return cell, {"before": before, "added": added, "removed": removed}, before + added - removed
    cell = (TABLE2, row, "prev_items")
    before, change = pairs.agreed(lasts, cell), pairs.agreed(lasts, (TABLE2, row, "change"))
    if before is None or change is None:
        return None
    return cell, {"before": before, "change": change}, before + change


# The volumes compared year on year (YEAR_SWING): what an officer reads first about an
# agency's year, and where a slipped digit or a figure of the wrong year shows as a
# fivefold change. A cell is compared only where both years' forms have it: the decisions
# of 表二 are on the 2019 and the 2021 form alike, 其他对外管理服务事项 only on 2019's;
# fees are item counts on the 2019 form and money on the 2021 form, so never compared.
SWING_CELLS: tuple[CellId, ...] = (
    (TABLE3, "new", "total"),
    (TABLE2, "licensing", "decisions"),
    (TABLE2, "other_services", "decisions"),
    (TABLE2, "penalties", "decisions"),
    (TABLE2, "coercion", "decisions"),
    (TABLE4, "review", "total"),
    (TABLE4, "litigation_direct", "total"),
    (TABLE4, "litigation_after_review", "total"),
)
SWING_FACTOR = 5
SWING_MIN_CASES = 10  # on one side at least: 1 → 6 is no news


def is_swing(now: Number, before: Number) -> bool:
    """YEAR_SWING's test: at least fivefold up or down, with `SWING_MIN_CASES` on one side
    (the comparison view marks its cells by it too)."""
    if now < 0 or before < 0 or max(now, before) < SWING_MIN_CASES:
        return False
    return now >= SWING_FACTOR * before or SWING_FACTOR * now <= before


def year_swing(reports: Sequence[Report], prints: Fingerprints | None = None) -> dict[int, list[Finding]]:
    """Findings by index: a volume of `SWING_CELLS` at least fivefold up or down on last year's."""
    out: dict[int, list[Finding]] = defaultdict(list)
    pairs = YearPairs(reports, prints)
    for i, this in enumerate(reports):
        lasts = pairs.last_year(i)
        if not lasts:
            continue
        for cell in SWING_CELLS:
            now, before = pairs.own(i, cell), pairs.agreed(lasts, cell)
            if now is None or before is None or not is_swing(now, before):
                continue
            table, row, col = cell
            figures = {
                "severity": INFO,
                "table": table,
                "cell_label": messages.cell_label(table, this.format, row, col),
                "year": this.year,
                "last_year": reports[lasts[0]].year,
                "now": now,
                "before": before,
            }
            out[i].append(_cell_finding(YEAR_SWING.id, INFO, this, cell, figures))
    return out


def _equal(a: Number, b: Number) -> bool:
    return abs(a - b) < 1e-9


def _cell_finding(rule: str, severity: str, report: Report, cell: CellId, figures: dict[str, Any]) -> Finding:
    span = found.span if (found := report.cell(*cell)) else None
    return Finding(rule, severity, messages.render(rule, figures), [CellRef(*cell)], span, figures)


def duplicate_content(reports: Sequence[Report], prints: Fingerprints | None = None) -> dict[int, list[Finding]]:
    """Findings by index: narrative largely shared with another agency's report.

    Reports with the very same narrative are grouped first, so a batch with many copies of
    one text costs one comparison per distinct text, not one per pair of copies."""
    prints = prints or Fingerprints()
    out: dict[int, list[Finding]] = defaultdict(list)
    groups: dict[frozenset[int], list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        if not r.error:
            found = prints.of(r)
            if len(found) >= _MIN_SHINGLES:
                groups[found].append(i)
    distinct = list(groups)
    if sum(len(g) for g in groups.values()) < 2:
        return out
    index: dict[int, list[int]] = defaultdict(list)
    for k, s in enumerate(distinct):
        for h in s:
            index[h].append(k)
    common_limit = max(3, int(_COMMON * len(distinct)))
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for owners in index.values():
        if len(owners) < 2 or len(owners) > common_limit:
            continue
        for a_pos, a in enumerate(owners):
            for b in owners[a_pos + 1 :]:
                shared[(a, b)] += 1
    similar: dict[int, list[tuple[int, float]]] = defaultdict(list)  # text → (other text, share)
    for k, members in enumerate(groups.values()):
        if len(members) > 1:
            similar[k].append((k, 1.0))
    for (a, b), count in shared.items():
        similar[a].append((b, count / len(distinct[a])))
        similar[b].append((a, count / len(distinct[b])))
    members_of = list(groups.values())
    agencies_of: list[dict[str | None, int]] = []
    for members in members_of:
        first: dict[str | None, int] = {}
        for i in members:
            first.setdefault(agency_key(reports[i].agency), i)
        agencies_of.append(first)
    for k, candidates in similar.items():
        for me in members_of[k]:
            best = _most_similar(reports, me, candidates, agencies_of)
            if best is not None:
                other, ratio = best
                figures = {
                    "severity": WARNING,
                    "ratio": round(ratio * 100),
                    "other_agency": reports[other].agency or "",
                    "other_path": reports[other].path,
                }
                out[me].append(
                    Finding(
                        DUPLICATE_CONTENT.id, WARNING, messages.render(DUPLICATE_CONTENT.id, figures), [], None, figures
                    )
                )
    return out


def _most_similar(
    reports: Sequence[Report], me: int, candidates: list[tuple[int, float]], agencies_of: list[dict[str | None, int]]
) -> tuple[int, float] | None:
    """The report of another agency whose narrative shares the most with `me`'s."""
    mine = reports[me]
    for text, ratio in sorted(candidates, key=lambda c: -c[1]):
        if ratio < _SHARED:
            break
        for other in agencies_of[text].values():  # one report per agency
            them = reports[other]
            if them is mine or _same_agency(mine.agency, them.agency) or (mine.sha256 and mine.sha256 == them.sha256):
                continue
            return other, ratio
    return None


_PROBLEMS = 5  # section 五, 存在的主要问题及改进情况
COPIED_SHARE = 0.7  # of this year's section 五 found in last year's: "largely the same"
_MIN_PROBLEM_SHINGLES = 60  # about 70 characters: a line or two (本年度无) proves nothing


def copied_from_last_year(reports: Sequence[Report], prints: Fingerprints | None = None) -> dict[int, list[Finding]]:
    """Findings by index: section 五 largely the text of the same agency's report of the year before.

    The section's text is compared without its heading, digits and spaces (a year changed
    is no rewriting). Wording that the sections of several agencies share — a template the
    city hands out, phrases of the 条例 — is left out of the comparison, so what counts is
    what the agency wrote itself."""
    out: dict[int, list[Finding]] = defaultdict(list)
    pairs = YearPairs(reports, prints)
    lasts_of = {i: lasts for i in range(len(reports)) if (lasts := pairs.last_year(i))}
    if not lasts_of:
        return out
    problems = {i: found for i, r in enumerate(reports) if not r.error and (found := _problems(r)) is not None}
    common = _common_wording(reports, problems)
    for i, lasts in lasts_of.items():
        if i not in problems:
            continue
        own = problems[i][0] - common
        if len(own) < _MIN_PROBLEM_SHINGLES:
            continue
        shares = [(len(own & problems[k][0]) / len(own), k) for k in lasts if k in problems]
        if not shares:
            continue
        ratio, k = max(shares)
        if ratio < COPIED_SHARE:
            continue
        figures = {
            "severity": WARNING,
            "ratio": round(ratio * 100),
            "year": reports[i].year,
            "last_year": reports[k].year,
            "last_path": reports[k].path,
        }
        out[i].append(
            Finding(
                "COPIED_FROM_LAST_YEAR",
                WARNING,
                messages.render(COPIED_FROM_LAST_YEAR.id, figures),
                [],
                problems[i][1],
                figures,
            )
        )
    return out


_Problems = tuple[frozenset[int], tuple[int, int]]  # shingles, span


def _problems(report: Report) -> _Problems | None:
    """Section 五's shingles and its span; None without the section."""
    for section in report.sections:
        if section.number == _PROBLEMS:
            start = section.start + (len(section.title) if report.text.startswith(section.title, section.start) else 0)
            body = report.text[start : section.end]
            for a, b in sorted(report.table_spans.values(), reverse=True):  # a table read inside it
                if a < section.end and b > start:
                    body = body[: max(a - start, 0)] + body[max(b - start, 0) :]
            return _problem_shingles(body), (section.start, section.end)
    return None


@lru_cache(maxsize=4096)
def _problem_shingles(body: str) -> frozenset[int]:
    """Every shingle of a section's text (it is short: no sampling), digits and spaces left out."""
    return shingles(NOT_NARRATIVE.sub("", body), 1)


def _common_wording(reports: Sequence[Report], problems: dict[int, _Problems]) -> frozenset[int]:
    """Shingles in the section 五 of more agencies than `_COMMON` of the batch's (at least 4)."""
    by_agency: dict[str | None, set[int]] = defaultdict(set)
    for i, (found, _) in problems.items():
        by_agency[agency_key(reports[i].agency) or reports[i].path].update(found)
    limit = max(3, int(_COMMON * len(by_agency)))
    if len(by_agency) <= limit:
        return frozenset()
    counts: dict[int, int] = defaultdict(int)
    for wording in by_agency.values():
        for h in wording:
            counts[h] += 1
    return frozenset(h for h, n in counts.items() if n > limit)


def cell_rules() -> tuple[BatchRule, ...]:
    """The batch rules that read table cells: run again after every edit of a cell.

    Looked up when called, so that a test may put a faulty rule in a rule's place."""
    return (cross_year_carry, cross_year_in_force, year_swing)


def text_rules() -> tuple[BatchRule, ...]:
    """The batch rules that read only the text, the agency and the year: run again when
    reports are opened or closed, or an agency or a year is corrected."""
    return (duplicate_content, copied_from_last_year)


def batch_rules() -> tuple[BatchRule, ...]:
    """Every rule across the batch, in the order its findings are listed."""
    return cell_rules() + text_rules()


Found = dict[int, list[Finding]]
Guard = Callable[[Callable[[Sequence[Report]], Found], Sequence[Report]], Found]


def _unguarded(rule: Callable[[Sequence[Report]], Found], reports: Sequence[Report]) -> Found:
    return rule(reports)


class BatchAudit:
    """The rules across one batch of reports, with what they keep from one run to the
    next: the narrative fingerprints, and the text rules' last findings (a cell edit
    cannot change them, so a run after one reuses them).

    `guard` runs one rule over the reports (`model.guard.run_batch_rule` sets aside a
    report the rule fails on); by default the rule runs as it is."""

    def __init__(self, guard: Guard = _unguarded) -> None:
        self.prints = Fingerprints()
        self._guard = guard
        self._text_reports: list[Report] = []
        self._text_found: Found = {}

    def _run(self, rule: BatchRule, reports: Sequence[Report]) -> Found:
        prints = self.prints

        def one(batch: Sequence[Report]) -> Found:
            return rule(batch, prints)

        one.__name__ = getattr(rule, "__name__", "batch rule")
        return self._guard(one, reports)

    def run(self, reports: Sequence[Report], full: bool = True) -> Found:
        """Every batch finding, by index into `reports`, in the order of `batch_rules`."""
        found: Found = {}
        for step in self.steps(reports, full):
            if step is not None:
                found = step
        return found

    def steps(self, reports: Sequence[Report], full: bool = True) -> Iterator[Found | None]:
        """`run` in pieces, one rule each: a None between two (a pause for the caller),
        then the findings. `full` false after a cell edit: the text rules' findings of the
        last run are kept when the reports are the same."""
        reports = list(reports)
        same = len(reports) == len(self._text_reports) and all(a is b for a, b in zip(reports, self._text_reports))
        if full or not same:
            text: Found = defaultdict(list)
            for rule in text_rules():
                for i, findings in self._run(rule, reports).items():
                    text[i].extend(findings)
                yield None
            self._text_reports, self._text_found = reports, dict(text)
        out: Found = defaultdict(list)
        for rule in cell_rules():
            for i, findings in self._run(rule, reports).items():
                out[i].extend(findings)
            yield None
        for i, findings in self._text_found.items():
            out[i].extend(findings)
        yield dict(out)


def audit_batch(reports: Sequence[Report]) -> dict[int, list[Finding]]:
    """Every batch finding, by index into `reports`."""
    return {i: f for i, f in BatchAudit().run(reports).items() if f}
