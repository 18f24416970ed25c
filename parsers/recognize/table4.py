"""Read 表四 (行政复议、行政诉讼情况) from a region's token stream.

The form prints a two-level header (行政复议 / 行政诉讼 → 未经复议直接起诉 / 复议后起诉, each
结果维持 … 总计) over one row of 15 figures; reports also print three labelled rows, a
header of 6 or 12 cells over the 15 figures, or the 15 figures run together. When all
three rows are labelled with their figures, each row is read on its own; otherwise the
figures after the header are read as the 15 cells in the form's order. Run-together
digits are split only when each group's total holds (and, among several splits, by the
figures the narrative states).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.schema import T4_COLS, TABLE4, TABLE4_SCHEMA
from parsers.read.normalize import label_key
from parsers.recognize.align import units
from parsers.recognize.readings import Shape
from parsers.recognize.solve import Pin, Run
from parsers.recognize.stream import NUM, Token
from parsers.recognize.tableread import TableRead, read_values, settle, span_of

_ROW_LABELS = (
    ("review", re.compile(r"行政复议(?:案件)?(?:数量)?$")),
    ("litigation_direct", re.compile(r"直接起诉(?:案件)?(?:数量)?$")),
    ("litigation_after_review", re.compile(r"复议后起诉(?:案件)?(?:数量)?$")),
)
_ROWS = tuple(row.id for row in TABLE4_SCHEMA.rows)
_WIDTH = len(T4_COLS)
_ROW_SHAPE = Shape(_WIDTH, ((0, _WIDTH - 1),))
_BLOCK_SHAPE = Shape(_WIDTH * 3, tuple((k, k + _WIDTH - 1) for k in range(0, _WIDTH * 3, _WIDTH)))
# The words of the table's header and row labels: label text made only of these is the
# table's own, anything else is narrative around it.
_VOCABULARY = re.compile(
    r"行政复议|行政诉讼|未经复议|直接起诉|复议后起诉|结果维持|结果纠正|其他结果|尚未审结|总计|合计|维持|纠正|"
    r"其他|其它|尚未|审结|结果|起诉|复议|诉讼|案件|数量|项目|情况|单位|件|个|政府信息公开|行政"
)
_HEADER = re.compile(r"结果维持|维持|尚未审结|结果纠正")
_TITLE = re.compile(r"行政复议|行政诉讼")


def _table_like(text: str) -> bool:
    key = label_key(text)
    if not key:
        return True
    left = _VOCABULARY.sub("", key)
    return len(left) <= max(2, len(key) // 5)


def read_table4(tokens: Sequence[Token], pins: Sequence[Pin] = ()) -> TableRead:
    read = TableRead()
    found = units(tokens)
    start = next((k for k, (labels, _) in enumerate(found) if any(_HEADER.search(t.text) for t in labels)), None)
    if start is None:
        # A header broken into fragments (`结结其尚总` from narrow PDF columns): the
        # figures after the table's own title words.
        start = next((k for k, (labels, _) in enumerate(found) if any(_TITLE.search(t.text) for t in labels)), None)
    labelled = _labelled_rows(found[start or 0 :])
    runs: list[Run] = []
    if len(labelled) == len(_ROWS):
        for rid in _ROWS:
            values = labelled[rid]
            keys = tuple((rid, c) for c in T4_COLS)
            runs.append(Run(keys, read_values(values, _ROW_SHAPE)))
    else:
        if start is None:
            return read
        values = _block(found[start:])
        if not any(t.kind == NUM for t in values) and len(values) < _WIDTH * 3:
            return read  # no figures, and not the form's cells written as — or 无
        keys = tuple((rid, c) for rid in _ROWS for c in T4_COLS)
        runs.append(Run(keys, read_values(values, _BLOCK_SHAPE)))
    settle(TABLE4, read, runs, TABLE4_SCHEMA.identities, pins)
    first = min((c.span[0] for c in read.cells.values() if c.span), default=None)
    if first is not None:
        read.span = span_of(read, first)
    return read


def _labelled_rows(found: Sequence[tuple[list[Token], list[Token]]]) -> dict[str, list[Token]]:
    """Row labels directly followed by at least three figures (the three-row layout)."""
    out: dict[str, list[Token]] = {}
    for labels, values in found:
        if not labels or sum(1 for t in values if t.kind == NUM) < 1:
            continue
        key = label_key("".join(t.text for t in labels))
        for rid, pattern in _ROW_LABELS:
            if rid not in out and pattern.search(key):
                figures = sum(1 for t in values if t.kind == NUM)
                digits = sum(len(t.text) for t in values if t.kind == NUM)
                if figures >= 3 or digits >= _WIDTH:
                    out[rid] = list(values)
                break
    return out


def _block(found: Sequence[tuple[list[Token], list[Token]]]) -> list[Token]:
    """The figures after the header, up to the first words that are not the table's own."""
    out: list[Token] = []
    for labels, values in found:
        text = "".join(t.text for t in labels)
        if out and not _table_like(text):
            break
        out.extend(values)
    return out
