"""A finding: one problem the audit found, with the cells and the text it concerns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class CellRef:
    table: str
    row: str
    col: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"table": self.table, "row": self.row, "col": self.col}


@dataclass
class Finding:
    """Rule id, severity, Chinese message, cells concerned and source span [start, end)."""

    rule: str
    severity: str
    message: str
    cells: list[CellRef] = field(default_factory=list)
    source: tuple[int, int] | None = None
    figures: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "cells": [c.as_json() for c in self.cells],
            "source": list(self.source) if self.source else None,
        }
