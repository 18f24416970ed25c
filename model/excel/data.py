"""The machine-readable part of a report workbook: a hidden sheet of JSON records.

The visible sheets are for people; this sheet lets the program read a workbook back
exactly. Each line is `kind | name | table | row | col | sheet | address | json`:

- `meta`   the report's details (path, sha256, agency, year, format, dates, sections …)
- `text`   the report's text, as a JSON string cut into pieces a cell can hold
- `cell`   one canonical cell: every attribute of `Cell`, and where it is shown; `name` is
           the workbook's defined name for that position, which Excel keeps pointing at the
           cell when rows are inserted or deleted
- `change` one line of the change log

JSON is written ASCII-only, so any text survives whatever characters it holds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from decimal import Decimal
from typing import Any

from model.report import Cell, Report

HEADER = ("kind", "name", "table", "row", "col", "sheet", "address", "json")
META, TEXT, CELL, CHANGE = "meta", "text", "cell", "change"
CHUNK = 30000  # characters of JSON per cell, below Excel's 32,767
_APART = ("text", "tables", "scan")  # Report fields kept on lines of their own (a scan's layout: not kept)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=True, separators=(",", ":"))


def chunks(text: str) -> list[str]:
    encoded = dumps(text)
    return [encoded[i : i + CHUNK] for i in range(0, len(encoded), CHUNK)] or [dumps("")]


def encode(obj: Any) -> Any:
    """Plain JSON data for a dataclass tree (dataclasses, lists, tuples, str-keyed dicts, dates)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [encode(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): encode(v) for k, v in obj.items()}
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, Decimal):
        return str(obj)  # exact, as written; JSON numbers would be read back as floats
    return obj


def decode(tp: Any, data: Any) -> Any:
    """The inverse of `encode`, led by the type hints; a field the data lacks keeps its default."""
    if data is None or tp is Any:
        return data
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        for option in options:
            if _fits(option, data):
                return decode(option, data)
        raise TypeError(f"{data!r} is none of {options}")
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        values = {f.name: decode(hints[f.name], data[f.name]) for f in dataclasses.fields(tp) if f.name in data}
        return tp(**values)
    if origin is list:
        return [decode(args[0], x) for x in data]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], x) for x in data)
        return tuple(decode(a, x) for a, x in zip(args, data, strict=True))
    if origin is dict:
        return {decode(args[0], k): decode(args[1], v) for k, v in data.items()}
    if tp is dt.datetime:
        return dt.datetime.fromisoformat(data)
    if tp is dt.date:
        return dt.date.fromisoformat(data)
    if tp is Decimal:
        return Decimal(data)
    if tp is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    if isinstance(tp, type) and not isinstance(data, tp):
        raise TypeError(f"{data!r} is not {tp.__name__}")
    return data


def _fits(tp: Any, data: Any) -> bool:
    origin = typing.get_origin(tp) or tp
    if dataclasses.is_dataclass(origin) or origin is dict:
        return isinstance(data, dict)
    if origin in (list, tuple):
        return isinstance(data, list)
    if origin in (dt.date, dt.datetime, Decimal):
        return isinstance(data, str)
    if origin is float:
        return isinstance(data, (int, float)) and not isinstance(data, bool)
    return isinstance(origin, type) and isinstance(data, origin)


def cell_record(cell: Cell) -> dict[str, Any]:
    return encode(cell)  # type: ignore[no-any-return]


def cell_from_record(data: dict[str, Any]) -> Cell:
    return decode(Cell, data)  # type: ignore[no-any-return]


def meta_record(report: Report) -> dict[str, Any]:
    """Every field of the report but its text and cells; `tables` lists the tables found."""
    data = {f.name: encode(getattr(report, f.name)) for f in dataclasses.fields(Report) if f.name not in _APART}
    data["tables"] = sorted(report.tables)
    return data


def report_from_meta(data: dict[str, Any], text: str) -> Report:
    fields = {k: v for k, v in data.items() if k not in _APART}
    report: Report = decode(Report, fields)
    report.text = text
    report.tables = {t: {} for t in data.get("tables", [])}  # a table found with no cells stays found
    return report
