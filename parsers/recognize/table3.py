"""Read 表三 (收到和处理政府信息公开申请情况) from a region's token stream.

The label text is aligned with the form's sequence of group and row labels
(`parsers.recognize.align`), so labels cut by spaces or page breaks, mistyped, numbered `1、` or
printed out of order are still placed; each row's values are read (`parsers.recognize.readings`),
and run-together digits are split by the whole table's arithmetic at once
(`parsers.recognize.solve`). The column header tells which of the seven columns are printed.
A 2021 report printing the single （六）其他处理 row keeps it under `other`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.report import STATUS_UNCERTAIN, UNCERTAIN_UNALIGNED, Cell, LabelIssue, Uncertainty
from model.schema import (
    FORMAT_2019,
    T3_COLS,
    T3_OTHER_SUB_ROWS,
    TABLE3,
    table_schema,
)
from parsers.read.normalize import bare_label_key, label_key
from parsers.recognize.align import GROUP, ROW, Item, Matcher, Piece, align, join_wrapped, pieces, units
from parsers.recognize.readings import Shape
from parsers.recognize.solve import Pin, Run
from parsers.recognize.stream import Token
from parsers.recognize.tableread import TableRead, read_values, settle, span_of

_EXTRA: dict[str, tuple[str, ...]] = {
    "new": ("本年新收政府信息公开申请",),
    "carried_over": ("上年结转政府信息公开申请", "上年度结转"),
    "partial": ("部分公开",),
    "other.no_correction": ("逾期不补正",),
    "other.unpaid_fee": ("逾期未按收费通知要求缴纳费用",),
    "total_processed": ("合计",),
    "carried_forward": ("结转下年度继续办理",),
}
_GROUPS = {
    "三、本年度办理结果": "granted",
    "(三)不予公开": "refused.state_secret",
    "(四)无法提供": "unable.not_held",
    "(五)不予处理": "not_processed.complaint",
}
_OTHER_GROUP = "(六)其他处理"


def _numbering(label: str) -> str:
    m = re.match(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d+\.)", label)
    return m.group() if m else ""


def _items(fmt: str) -> list[Item]:
    """The form's labels in order: group labels before their first row; in 2021 the
    （六） label may stand as a group or as the single row `other`."""
    schema = table_schema(TABLE3, fmt)
    assert schema is not None
    out: list[Item] = []
    for row in schema.rows:
        for group, first in _GROUPS.items():
            if row.id == first:
                out.append(Item("group:" + group, GROUP, group, _numbering(group)))
        if row.id == "other.no_correction":
            out.append(Item("group:" + _OTHER_GROUP, GROUP, _OTHER_GROUP, "(六)"))
            out.append(Item("other", ROW, _OTHER_GROUP, "(六)", needs_values=True))
        label = row.label if row.id != "other" else _OTHER_GROUP
        out.append(Item(row.id, ROW, label, _numbering(label), _EXTRA.get(row.id, ())))
    return out


_ITEMS = {fmt: _items(fmt) for fmt in ("2019", "2021")}
_MATCHERS = {fmt: Matcher(items) for fmt, items in _ITEMS.items()}

_COL_WORDS = (
    ("natural_person", ("自然人",)),
    ("commercial", ("商业企业", "商业")),
    ("research", ("科研机构", "科研")),
    ("social", ("社会公益组织", "社会公益")),
    ("legal", ("法律服务机构", "法律服务")),
    ("other_org", ("其他", "其它")),
    ("total", ("总计", "合计")),
)
_HEADER_WORDS = ("申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益", "法律服务机构")
_SHAPE = Shape(len(T3_COLS), ((0, len(T3_COLS) - 1),))


def _is_header(piece: Piece) -> bool:
    key = label_key(piece.text)
    return sum(1 for w in _HEADER_WORDS if w in key) >= 2


_LAST_HEADER_WORD = re.compile(
    r"(?:自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|其它|总计|合计)(?!.*(?:自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|其它|总计|合计))"
)


def _after_header(piece: Piece) -> Piece | None:
    """The label text after the header's last column word, with the piece's values."""
    m = _LAST_HEADER_WORD.search(piece.text)
    if m is None or len(piece.text) - m.end() < 4:
        return None
    text = piece.text[m.end() :]
    return Piece(text, piece.end - len(text), piece.end, piece.values, "")


def _header_cols(header: str) -> list[str]:
    """The columns the header names (its words, with 法人或其他组织 not taken for 其他)."""
    key = label_key(header).replace("法人或其他组织", "").replace("申请人情况", "")
    return [col for col, words in _COL_WORDS if any(w in key for w in words)]


def read_table3(tokens: Sequence[Token], fmt: str, pins: Sequence[Pin] = ()) -> TableRead:
    read = TableRead()
    items, matcher = _ITEMS[fmt], _MATCHERS[fmt]

    def names_a_label(text: str) -> bool:
        return max(matcher.scores(text).values(), default=0.0) >= 0.5

    found = pieces(units(tokens, names_a_label), width=len(T3_COLS))
    start = 0
    header_text = ""
    for p, piece in enumerate(found):
        if not _is_header(piece):
            continue
        if piece.has_values:
            # The header run on into the first row's label (no number to cut them apart).
            rest = _after_header(piece)
            if rest is None:
                continue
            found[p] = rest
            start, header_text = p, piece.text[: len(piece.text) - len(rest.text)]
        else:
            start, header_text = p + 1, piece.text
    body = join_wrapped(found[start:], matcher)
    alignment = align(body, items, matcher, len(T3_COLS))
    by_item = alignment.of_item()
    rows = [(i, body[p]) for i, p in sorted(by_item.items()) if items[i].kind == ROW]
    if len([1 for _, piece in rows if piece.has_values]) < 3:
        return read

    cols = _columns(header_text, [piece for _, piece in rows], read)
    shape = _SHAPE if len(cols) == len(T3_COLS) else Shape(len(cols))
    runs: list[Run] = []
    single_other = False
    for i, piece in rows:
        row_id = items[i].key
        if row_id == "other" and fmt != FORMAT_2019:
            single_other = True
        keys = tuple((row_id, c) for c in cols)
        if not piece.has_values:
            # The row's label without its figures: they stand somewhere the layout hides.
            read.uncertain.append(Uncertainty(TABLE3, keys, piece.text, (piece.start, piece.end), UNCERTAIN_UNALIGNED))
            for key in keys:
                read.cells[key] = Cell(None, "", (piece.start, piece.end), STATUS_UNCERTAIN, "", None, STATUS_UNCERTAIN)
            continue
        reading = read_values(piece.values, shape)
        runs.append(Run(keys, reading))
    printed = table_schema(TABLE3, fmt, single_other=single_other)
    assert printed is not None
    settle(TABLE3, read, runs, printed.identities if shape is _SHAPE else [], pins)

    seen = {items[i].key for i, _ in rows}
    read.missing_rows = [row.id for row in printed.rows if row.id not in seen and row.counted]
    if single_other:
        read.missing_rows.append(T3_OTHER_SUB_ROWS[0])  # the three sub-rows, one finding
    read.span = span_of(read, rows[0][1].start)
    _label_issues(read, rows, items)
    return read


def _columns(header: str, rows: list[Piece], read: TableRead) -> list[str]:
    """The columns printed: all seven, unless the header names fewer and the rows agree."""
    named = _header_cols(header)
    if 4 <= len(named) < len(T3_COLS):
        widths = [len([t for t in piece.values if t.text.strip()]) for piece in rows if piece.has_values]
        typical = max(set(widths), key=widths.count) if widths else len(T3_COLS)
        if typical == len(named):
            read.missing_cols = [c for c in T3_COLS if c not in named]
            return [c for c in T3_COLS if c in named]
    return list(T3_COLS)


def _label_issues(read: TableRead, rows: list[tuple[int, Piece]], items: list[Item]) -> None:
    """Labels whose wording differs from the form beyond punctuation, spacing, numbering
    and the cuts of the layout."""
    for i, piece in rows:
        item = items[i]
        found = bare_label_key(piece.text)
        official = bare_label_key(item.label)
        if not found or found == official or official.startswith(found) or found.startswith(official):
            continue
        if _similar(found, official):
            continue
        read.label_issues.append(LabelIssue(TABLE3, item.key, None, piece.text, item.label, (piece.start, piece.end)))


def _similar(a: str, b: str) -> bool:
    """Most characters of the official label appear, in a label that is not much longer."""
    common = sum(1 for ch in set(b) if ch in a)
    return common >= 0.9 * len(set(b)) and len(a) <= len(b) + 2
