"""The words the audit's messages are made of: figures, the form's rows, columns and cells,
tables, formats and severities, as the officer reads them (Chinese). Each rule's message is
its declaration's (`model.rule_catalog`), made of these."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from model.report import Number
from model.schema import TABLE2, TABLE3, TABLE4, table_schema

TABLE_SHORT = {TABLE2: "表二", TABLE3: "表三", TABLE4: "表四"}
FORMAT_NAMES = {"2019": "2019版", "2021": "2021版", "pre2019": "2019年以前", "unknown": "未识别"}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}

NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)")


_HUGE_BITS = 100  # about 30 digits: far beyond any count or amount a report holds


def fmt_num(value: Number | Decimal | None) -> str:
    """A figure as the officer reads it; never raises, however large the figure.

    Python refuses to turn an integer of more than 4,300 digits into text (and printing
    one would fill the message), so a figure beyond about 30 digits is shown by its first
    digits and its length."""
    if value is None:
        return "空"
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) >= 1e30:
            return "一个位数过多的数" if not math.isfinite(value) else f"{value:.6g}"
        return f"{value:.6f}".rstrip("0").rstrip(".")
    if isinstance(value, int) and value.bit_length() > _HUGE_BITS:
        exponent = math.log10(abs(value))
        digits = math.floor(exponent) + 1
        if abs(value) < 10 ** (digits - 1):  # the logarithm rounded up to a power of ten
            digits -= 1
        lead = max(100_000, min(int(10 ** (exponent - digits + 6)), 999_999))
        return f"{'-' if value < 0 else ''}{lead}…（共 {digits} 位）"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # never in exponent form: 1E+2 is 100
    return str(value)


def row_label(table: str, fmt: str, row: str) -> str:
    schema = table_schema(table, fmt)
    if schema is None:
        return row
    try:
        r = schema.row(row)
    except KeyError:
        # The single （六）其他处理 row a 2021 report may print.
        variant = table_schema(table, fmt, single_other=True)
        if variant is None or row not in variant.row_ids():
            return row
        r = variant.row(row)
    label = r.label
    if table == TABLE3 and r.group and label[:1].isdigit():
        label = NUMBERING.sub("", r.group) + label
    if table == TABLE4 and r.group != r.label:
        label = f"{r.group}（{label}）"
    return label


def col_label(table: str, fmt: str, col: str) -> str:
    schema = table_schema(table, fmt)
    if schema is None:
        return col
    return schema.col_labels.get(col, col)


def cell_label(table: str, fmt: str, row: str, col: str) -> str:
    """A cell named for the officer: 「row」col."""
    return f"「{row_label(table, fmt, row)}」{col_label(table, fmt, col)}"


_RAW_SHOWN = 40


def shortened(raw: str) -> str:
    """Source text quoted in a message, cut when it is longer than a row can be."""
    return raw if len(raw) <= _RAW_SHOWN else f"{raw[: _RAW_SHOWN // 2]}…（共 {len(raw)} 字）"
