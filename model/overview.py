"""The batch at a glance (概览): figures over many audited reports, each with the reports
behind it.

`overview(items)` takes (report, findings) pairs and gives pandas DataFrames:

- `agencies`: one row per agency (spellings of one agency together, as the rules across
  years match them), its reports, errors, warnings, notes and problems (errors and
  warnings), ranked by problems;
- `rules`: one row per rule, its findings and the reports that have it;
- `years`: per report year, the reports and the 表三 figures summed (applications
  received, and each outcome), with the reports behind each sum;
- `heat`: agencies × rules, the findings of each rule in each agency's reports.

`reports_of(agency=…, rule=…, year=…)` gives the indices of the reports behind any of
these figures, so every number can lead to its reports. Reports that could not be read
count in `agencies` (as reports, with no findings) and nowhere else. Pure: no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.batch_rules import agency_key
from model.findings import ERROR, INFO, WARNING, Finding
from model.report import Report

Item = tuple[Report, list[Finding]]
NO_AGENCY = "（未识别单位）"

# The 表三 figures summed by year: (column of `years`, the rows added, the column).
YEAR_FIGURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("new", ("new",)),
    ("granted", ("granted",)),
    ("partial", ("partial",)),
    (
        "refused",
        tuple(
            f"refused.{k}"
            for k in (
                "state_secret",
                "prohibited",
                "security",
                "third_party",
                "internal",
                "process",
                "enforcement",
                "query",
            )
        ),
    ),  # fmt: skip
    ("unable", ("unable.not_held", "unable.needs_creation", "unable.unclear")),
    (
        "not_processed",
        tuple(f"not_processed.{k}" for k in ("complaint", "duplicate", "publication", "excessive", "confirmation")),
    ),  # fmt: skip
    ("other", ("other", "other.no_correction", "other.unpaid_fee", "other.other")),
    ("total_processed", ("total_processed",)),
)


@dataclass
class Overview:
    """The figures of a batch and the reports behind them (see the module's docstring)."""

    reports: pd.DataFrame  # one row per report (index = position in the items)
    findings: pd.DataFrame  # one row per finding: report, agency, rule, severity
    agencies: pd.DataFrame
    rules: pd.DataFrame
    years: pd.DataFrame
    heat: pd.DataFrame

    def reports_of(self, agency: str | None = None, rule: str | None = None, year: int | None = None) -> list[int]:
        """The reports behind a figure: of `agency`, having a finding of `rule`, of `year`."""
        if rule is not None:
            rows = self.findings[self.findings["rule"] == rule]
            if agency is not None:
                rows = rows[rows["agency"] == agency]
            found = set(rows["report"])
            frame = self.reports.loc[sorted(found)]
        else:
            frame = self.reports
        if agency is not None:
            frame = frame[frame["agency"] == agency]
        if year is not None:
            frame = frame[frame["year"] == year]
        return [int(i) for i in frame.index]


def _agency_names(reports: Sequence[Report]) -> list[str]:
    """The name each report is listed under: the first spelling the batch has of its agency."""
    shown: dict[str, str] = {}
    out = []
    for r in reports:
        key = agency_key(r.agency)
        if not key or r.agency is None:
            out.append(NO_AGENCY)
            continue
        out.append(shown.setdefault(key, r.agency))
    return out


def _sum_rows(report: Report, rows: tuple[str, ...]) -> float:
    """The 表三 总计 of `rows` added; NaN when none of them holds a figure."""
    cells = report.tables.get("table3")
    if not cells:
        return np.nan
    total, found = 0.0, False
    for row in rows:
        cell = cells.get((row, "total"))
        if cell is not None and cell.value is not None:
            total += cell.value
            found = True
    return total if found else np.nan


def overview(items: Sequence[Item]) -> Overview:
    """The batch at a glance."""
    reports = [r for r, _ in items]
    names = _agency_names(reports)
    counts = np.zeros((len(items), 3), dtype=int)
    finding_rows: list[tuple[int, str, str, str]] = []
    severities = {ERROR: 0, WARNING: 1, INFO: 2}
    for i, (_, findings) in enumerate(items):
        for f in findings:
            k = severities.get(f.severity)
            if k is not None:
                counts[i, k] += 1
            finding_rows.append((i, names[i], f.rule, f.severity))
    figures = np.full((len(items), len(YEAR_FIGURES)), np.nan)
    for i, report in enumerate(reports):
        if not report.error and "table3" in report.tables:
            for j, (_, rows) in enumerate(YEAR_FIGURES):
                figures[i, j] = _sum_rows(report, rows)
    frame = pd.DataFrame(
        {
            "agency": names,
            "year": pd.array([r.year for r in reports], dtype="Int64"),
            "format": [r.format for r in reports],
            "path": [r.path for r in reports],
            "read": [not r.error for r in reports],
            "errors": counts[:, 0],
            "warnings": counts[:, 1],
            "infos": counts[:, 2],
        }
    )
    frame["problems"] = frame["errors"] + frame["warnings"]
    for j, (name, _) in enumerate(YEAR_FIGURES):
        frame[name] = figures[:, j]
    found = pd.DataFrame(finding_rows, columns=["report", "agency", "rule", "severity"])

    agencies = frame.groupby("agency", sort=False).agg(
        reports=("path", "size"),
        errors=("errors", "sum"),
        warnings=("warnings", "sum"),
        infos=("infos", "sum"),
        problems=("problems", "sum"),
    )
    agencies = agencies.sort_values(["problems", "errors", "reports"], ascending=False, kind="stable")
    agencies["rank"] = np.arange(1, len(agencies) + 1)

    if len(found):
        rules = found.groupby("rule", sort=False).agg(
            findings=("report", "size"), reports=("report", "nunique"), severity=("severity", "first")
        )
        rules = rules.sort_values("findings", ascending=False, kind="stable")
        heat = pd.crosstab(found["agency"], found["rule"])
        heat = heat.reindex(index=[a for a in agencies.index if a in heat.index], columns=list(rules.index))
    else:
        rules = pd.DataFrame(columns=["findings", "reports", "severity"])
        heat = pd.DataFrame()

    dated = frame[frame["year"].notna() & frame["read"]]
    names_only = [name for name, _ in YEAR_FIGURES]
    years = dated.groupby("year").agg(reports=("path", "size"), **{n: (n, "sum") for n in names_only})
    behind = dated.groupby("year")[names_only].count().add_suffix("_counted")
    years = years.join(behind).sort_index()
    for n in names_only:  # a sum of no figures is no figure
        years.loc[years[f"{n}_counted"] == 0, n] = np.nan
    return Overview(frame, found, agencies, rules, years, heat)
