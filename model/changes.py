"""The change log of a report: one record per correction an officer made to a cell.

The UI appends a `Change` for each edit; the per-report workbook writes them to its
修改记录 sheet and reads them back, so the history of corrections travels with the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from model.report import Number

META_TABLE = "meta"  # Change.table of agency / year / format corrections


@dataclass(frozen=True)
class Change:
    """Cell (table, row, col) went from `old` to `new` at `when`; None is a blank cell.

    Corrections of the agency, year or format have table "meta", the field as row, col ""."""

    table: str
    row: str
    col: str
    old: Number | str | None
    new: Number | str | None
    when: dt.datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "row": self.row,
            "col": self.col,
            "old": self.old,
            "new": self.new,
            "when": self.when.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        return cls(
            str(data["table"]),
            str(data["row"]),
            str(data["col"]),
            data.get("old"),
            data.get("new"),
            dt.datetime.fromisoformat(data["when"]),
        )
