"""Read 表二 (主动公开政府信息情况) from a region's token stream.

Rows are found by their labels: the last row label in the text before a group of values
owns those values (the text before it is the block's header, `第二十条第(一)项 信息内容
本年新制作数量 …`). Labels are matched exactly after normalisation, or by likeness when
mistyped or reworded (`parsers.recognize.align.Matcher`). Each row takes as many values as it has
columns in the format; digits printed together cannot be split by any arithmetic here,
so such a row is left uncertain unless the narrative states its figures. Block headers
give the unit of money columns and are checked against the official column labels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.report import LabelIssue
from model.schema import TABLE2, TableSchema, table_schema
from parsers.read.normalize import bare_label_key, label_key
from parsers.recognize.align import ROW, Item, Matcher, char_positions, units
from parsers.recognize.readings import MANY, NATURAL, SPLIT, RowReading, Shape
from parsers.recognize.solve import Pin, Run
from parsers.recognize.stream import BLANK, TEXT, Token
from parsers.recognize.tableread import TableRead, read_values, settle, span_of

# Label keys of every 表二 row in either format, to the row id (longest first).
_ROW_KEYS = (
    ("其他对外管理服务事项", "other_services"),
    ("行政规范性文件", "normative_documents"),
    ("行政事业性收费", "fees"),
    ("政府集中采购", "procurement"),
    ("规范性文件", "normative_documents"),
    ("行政许可", "licensing"),
    ("行政处罚", "penalties"),
    ("行政强制", "coercion"),
    ("规章", "regulations"),
)
_ROW_WORDS = re.compile("|".join(key for key, _ in _ROW_KEYS))
_YUAN = re.compile(r"单位元|(?<!万)元$")
_NOT_COL = {"信息内容", "项目", "内容"}
_GROUP = re.compile(r"第二十条第[一二三四五六七八九十]+项")


def _matcher(schema: TableSchema) -> tuple[list[Item], Matcher]:
    items = [Item(row.id, ROW, row.label) for row in schema.rows]
    return items, Matcher(items)


_MATCHERS = {fmt: _matcher(s) for fmt in ("2019", "2021") if (s := table_schema(TABLE2, fmt)) is not None}


_TABLE_START = re.compile(r"第二十条|信息内容|本年新制作数量|本年制发件数|上一年项目数量|本年处理决定数量")
_ROW_IDS = dict(_ROW_KEYS)
_TYPO_LIKENESS = 0.5
_UNNAMED_LABEL = 10
_TAIL = 4  # words a label may carry after the row's name (数量, (项) …)


def _starts_table(labels: Sequence[Token]) -> bool:
    return any(_TABLE_START.search(label_key(t.text)) for t in labels)


def _row_of(labels: Sequence[Token], fmt: str, fuzzy: bool = True) -> tuple[str, str, tuple[int, int]] | None:
    """The row the label text ends with: (row id, the label as printed, its span)."""
    text = "".join(t.text for t in labels)
    at = char_positions(labels)
    ids = {item.key for item in _MATCHERS[fmt][0]}
    last = None
    for m in _ROW_WORDS.finditer(text):
        rid = _ROW_IDS[m.group()]
        if rid in ids:
            last = (rid, m.start(), m.group())
    if last is not None:
        rid, start, word = last
        printed = text[start:].strip()
        if len(label_key(printed)) - len(word) <= _TAIL:
            return rid, printed, (at[start], at[len(text)])
        return None
    if not fuzzy:
        return None
    # A mistyped label (`行事业性收费`): the end of the text, as long as a row's label
    # give or take a character, most like that label.
    items, matcher = _MATCHERS[fmt]
    ranked = []
    for i, item in enumerate(items):
        n = len(item.label)
        best = max(
            ((matcher.scores(text[-k:]).get(i, 0.0), k) for k in (n - 1, n, n + 1) if 1 < k <= len(text)),
            default=(0.0, 0),
        )
        ranked.append((best[0], best[1], i))
    ranked.sort(reverse=True)
    if ranked and ranked[0][0] >= _TYPO_LIKENESS and (len(ranked) < 2 or ranked[0][0] - ranked[1][0] >= 0.2):
        s, k, i = ranked[0]
        start = len(text) - k
        return items[i].key, text[start:], (at[start], at[len(text)])
    return None


_QUALITY = {NATURAL: 3, SPLIT: 2, MANY: 1}


def read_table2(tokens: Sequence[Token], fmt: str, pins: Sequence[Pin] = ()) -> TableRead:
    read = TableRead()
    schema = table_schema(TABLE2, fmt)
    assert schema is not None
    found_units = units(tokens, lambda text: _ROW_WORDS.search(label_key(text)) is not None)
    # Narrative before the table names rows too (公开行政许可信息1200条): the table starts
    # at its first block header when it prints one.
    first = next((k for k, (labels, _) in enumerate(found_units) if _starts_table(labels)), 0)
    seen: dict[str, tuple[RowReading, str, tuple[int, int]]] = {}
    header: list[Token] = []
    unnamed: list[tuple[list[Token], list[Token]]] = []  # figures after a label no row's
    for labels, values in found_units[first:]:
        if not labels:
            continue
        found = _row_of(labels, fmt, fuzzy=any(t.kind != BLANK for t in values))
        if found is None and values and len(label_key(labels[-1].text)) <= _UNNAMED_LABEL:
            unnamed.append((labels, values))
        if found is None:
            header = list(labels) if _GROUP.search(label_key("".join(t.text for t in labels))) else header + labels
            continue
        rid, printed, span = found
        block_header = [t for t in (header + labels) if t.kind == TEXT]
        header = []
        if not values:
            continue  # a mention with no figures (a narrative heading)
        row = schema.row(rid)
        money = {k: _unit(block_header) for k, col in enumerate(row.cols) if col == "amount"}
        reading = read_values(values, Shape(len(row.cols)), money=money)
        if rid in seen and _QUALITY.get(reading.kind, 0) <= _QUALITY.get(seen[rid][0].kind, 0):
            continue  # the row was read already, as well or better
        seen[rid] = (reading, printed, span)
        _check_headers(read, block_header, row.cols, schema)
    if not seen:
        return read
    missing = [row for row in schema.rows if row.id not in seen]
    last_row = max(span[0] for _, _, span in seen.values())
    unnamed = [(labels, values) for labels, values in unnamed if labels[-1].start < last_row]
    if len(unnamed) == 1 and len(missing) == 1:
        # Within the table, one row's label beyond recognition and one set of figures no
        # label claims.
        labels, values = unnamed[0]
        row, last = missing[0], labels[-1]
        money = {k: "万元" for k, col in enumerate(row.cols) if col == "amount"}
        reading = read_values(values, Shape(len(row.cols)), money=money)
        seen[row.id] = (reading, last.text, (last.start, last.end))

    runs: list[Run] = []
    starts = []
    for rid, (reading, printed, span) in seen.items():
        row = schema.row(rid)
        keys = tuple((rid, c) for c in row.cols)
        runs.append(Run(keys, reading))
        starts.append(span[0])
        if bare_label_key(printed) != label_key(row.label):
            read.label_issues.append(LabelIssue(TABLE2, rid, None, printed, row.label, span))
    settle(TABLE2, read, runs, [], pins, has_rule=False)
    read.missing_rows = [rid for rid in schema.row_ids() if rid not in seen]
    read.span = span_of(read, min(starts))
    return read


def _unit(header: Sequence[Token]) -> str:
    """The unit a money column's header states (万元 unless it says 元)."""
    for tok in header:
        key = label_key(tok.text)
        if "金额" in key and _YUAN.search(key):
            return "元"
    return "万元"


def _check_headers(read: TableRead, header: Sequence[Token], cols: Sequence[str], schema: TableSchema) -> None:
    """Compare a block's column headers with the form's, in order, when they stand in
    cells of their own (a header run together into one text tells nothing reliable)."""
    names = [t for t in header if label_key(t.text) not in _NOT_COL and not _GROUP.search(label_key(t.text))]
    names = [t for t in names if not _ROW_WORDS.fullmatch(bare_label_key(t.text))]
    if len(names) != len(cols):
        return
    for tok, col in zip(names, cols):
        official = label_key(schema.col_labels[col])
        found = _ROW_WORDS.split(label_key(tok.text))[0]  # a row's label run on after the header
        bare_official = re.sub(r"单位万?元$", "", official)
        bare_found = re.sub(r"单位万?元$", "", found)
        if bare_found == bare_official or (len(bare_found) >= 2 and bare_official.startswith(bare_found)):
            continue
        if any(issue.col == col and issue.found == tok.text for issue in read.label_issues):
            continue
        read.label_issues.append(LabelIssue(TABLE2, None, col, tok.text, schema.col_labels[col], (tok.start, tok.end)))
