"""Excel output and input: the import point for the rest of the program.

- `write_report(path, report, findings, changes=None)` — one report's audit workbook:
  表二/表三/表四 in the form's layout, 问题清单, 修改记录, 元数据 (and a hidden data sheet).
- `write_summary(path, items)` — the batch summary of many reports and all their findings.
- `read_report_workbook(path)` — a workbook `write_report` wrote, back as (Report, changes).

Every workbook is written atomically (`model.atomic.WriteError` when the target is locked
or not writable) and text from a report never becomes a formula. Pure Python and openpyxl.
"""

from __future__ import annotations

from model.changes import Change
from model.excel.read import NotReportWorkbook, is_report_workbook, read_report_workbook
from model.excel.report import build_report_workbook, write_report
from model.excel.summary import summary_columns, write_summary

__all__ = [
    "Change",
    "NotReportWorkbook",
    "build_report_workbook",
    "is_report_workbook",
    "read_report_workbook",
    "summary_columns",
    "write_report",
    "write_summary",
]
