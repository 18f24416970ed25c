"""The `main.py check` JSON contract of FORMAT.md §4, built from reports and findings."""

from __future__ import annotations

from typing import Any

from model import __version__
from model.findings import Finding
from model.report import Report

TOOL_NAME = "report-auditor"


def report_json(report: Report, findings: list[Finding]) -> dict[str, Any]:
    return {
        "path": report.path,
        "sha256": report.sha256,
        "agency": report.agency,
        "year": report.year,
        "format": report.format,
        "error": report.error,
        "tables": report.tables_json() if not report.error else {},
        "findings": [f.as_json() for f in findings],
    }


def run_json(items: list[tuple[Report, list[Finding]]]) -> dict[str, Any]:
    return {
        "tool": {"name": TOOL_NAME, "version": __version__},
        "reports": [report_json(r, f) for r, f in items],
    }
