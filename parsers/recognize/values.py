"""Turn a cell's raw text into a value: numbers, separators, units, placeholders, words.

Never invents a value: a blank or a placeholder gives None with status `blank`, words give
None with status `text`. Money is kept in 万元; a figure written in 元 is converted and the
conversion is noted on the cell.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from model.report import STATUS_BLANK, STATUS_OK, STATUS_TEXT, Number
from parsers.recognize.stream import PLACEHOLDERS

_NUM = re.compile(r"^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(万元|元|件|条|个|项|次|人|篇)?$")


class Parsed(NamedTuple):
    value: Number | None
    status: str
    note: str = ""


def tidy_number(x: float) -> Number:
    """Integral figures as int, others rounded to drop float noise."""
    if abs(x - round(x)) < 1e-9:
        return int(round(x))
    return round(x, 6)


def parse_value(raw: str, *, money: bool = False, header_unit: str = "万元") -> Parsed:
    """Read one cell. `money` cells are in 万元; `header_unit` is the unit the header states."""
    text = raw.strip()
    if text.isdigit() and text.isascii() and not (money and header_unit == "元"):
        return Parsed(int(text), STATUS_OK)  # the common case
    text = text.replace(" ", "").replace("\u3000", "")
    if not text or text in PLACEHOLDERS:
        return Parsed(None, STATUS_BLANK)
    m = _NUM.match(text)
    if not m:
        return Parsed(None, STATUS_TEXT)
    sign, digits, unit = m.groups()
    number = float(digits.replace(",", ""))
    if sign == "-":
        number = -number
    note = ""
    if money:
        unit = unit if unit in ("万元", "元") else header_unit
        if unit == "元":
            converted = tidy_number(number / 10000)
            note = f"{raw.strip()} 按元换算为 {converted} 万元"
            return Parsed(converted, STATUS_OK, note)
    return Parsed(tidy_number(number), STATUS_OK, note)
