"""Audit messages in Chinese, built in one place from a rule id and its figures.

Each rule's name and message are its declaration's (`model.rule_catalog`); the words they
are made of (figures, the form's rows, columns and cells) are `model.wording`'s. The rules
and the exports render through here.
"""

from __future__ import annotations

from model.rule_catalog import RULE_NAMES, UNCERTAIN_WHY, render
from model.wording import (
    FORMAT_NAMES,
    SEVERITY_NAMES,
    TABLE_SHORT,
    cell_label,
    col_label,
    fmt_num,
    row_label,
)

__all__ = [
    "FORMAT_NAMES",
    "RULE_NAMES",
    "SEVERITY_NAMES",
    "TABLE_SHORT",
    "UNCERTAIN_WHY",
    "cell_label",
    "col_label",
    "fmt_num",
    "render",
    "row_label",
]
