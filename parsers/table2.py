"""Read 表二 (主动公开政府信息情况) from a cell stream.

Rows are found by their labels (exact after normalisation, or containing the official
words when reworded); each takes as many values as its row has columns in the format.
Block headers give the unit of money columns and are checked against the official
column labels; a header cut short by wrapping (本年新) is accepted as is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.report import LabelIssue
from model.schema import TABLE2, TableSchema
from parsers.cells import KIND_TEXT, CellToken
from parsers.normalize import bare_label_key, label_key
from parsers.rowread import TableRead, place_row, value_run

# Label keys of every 表二 row in either format, to the row id.
_ROW_KEYS = {
    "规章": "regulations",
    "规范性文件": "normative_documents",
    "行政规范性文件": "normative_documents",
    "行政许可": "licensing",
    "其他对外管理服务事项": "other_services",
    "行政处罚": "penalties",
    "行政强制": "coercion",
    "行政事业性收费": "fees",
    "政府集中采购": "procurement",
}
_GROUP = re.compile(r"第二十条第[一二三四五六七八九十]+项")
_YUAN = re.compile(r"单位元|(?<!万)元$")
_NOT_COL = {"信息内容", "项目", "内容"}


def match_row(key: str, schema: TableSchema) -> str | None:
    row_ids = schema.row_ids()
    rid = _ROW_KEYS.get(key)
    if rid in row_ids:
        return rid
    if len(key) > 14:
        return None
    # Reworded: the official words inside a short label (其他对外管理服务事项 → 其他对外管理服务).
    best = None
    for official, candidate in _ROW_KEYS.items():
        if candidate not in row_ids:
            continue
        if official in key or (len(key) >= 4 and key in official):
            if best is None or len(official) > len(best[0]):
                best = (official, candidate)
    return best[1] if best else None


def read_table2(tokens: Sequence[CellToken], schema: TableSchema) -> TableRead:
    read = TableRead()
    seen: dict[str, int] = {}
    header: list[CellToken] = []
    header_for: dict[str, list[CellToken]] = {}
    for i, tok in enumerate(tokens):
        if tok.kind != KIND_TEXT:
            continue
        key = bare_label_key(tok.text) or tok.key
        rid = match_row(key, schema) if len(key) <= 20 else None
        if rid is None and " " in tok.text.strip():
            # Space-separated layouts run header words into the label: 对外公开总数量 规章.
            rid = match_row(label_key(tok.text.split()[-1]), schema)
        if rid is None and _GROUP.search(tok.key):
            header = []
            continue
        if rid is None:
            if len(key) <= 20:
                header.append(tok)
            continue
        if rid in seen and value_run(tokens, seen[rid] + 1):
            continue  # the row was read already; a later mention is not the table
        # A mention with no figures after it (a subheading in the narrative) gives way.
        seen[rid] = i
        header_for[rid] = list(header)
        header = []

    if not seen:
        return read
    for rid, i in seen.items():
        row = schema.row(rid)
        run = value_run(tokens, i + 1)
        units = _money_units(row.cols, header_for.get(rid, []), schema)
        place_row(read, rid, row.cols, run[: len(row.cols)], money_cols=units)
        _check_labels(read, tokens[i], row.label, rid, schema)
        _check_headers(read, header_for.get(rid, []), row.cols, schema)

    read.missing_rows = [rid for rid in schema.row_ids() if rid not in seen]
    starts = [tokens[i].start for i in seen.values()]
    ends = [c.span[1] for c in read.cells.values() if c.span] + [tokens[i].end for i in seen.values()]
    read.span = (min(starts), max(ends))
    return read


def _money_units(cols: Sequence[str], header: list[CellToken], schema: TableSchema) -> dict[str, str]:
    """For money columns, the unit their header states (万元 unless it says 元)."""
    units = {}
    for col in cols:
        if col != "amount":
            continue
        unit = "万元"
        for tok in header:
            key = tok.key
            if "金额" in key and _YUAN.search(key):
                unit = "元"
        units[col] = unit
    return units


def _check_labels(read: TableRead, tok: CellToken, official: str, rid: str, schema: TableSchema) -> None:
    if bare_label_key(tok.text) != label_key(official):
        read.label_issues.append(LabelIssue(TABLE2, rid, None, tok.text, official, (tok.start, tok.end)))


def _check_headers(read: TableRead, header: list[CellToken], cols: Sequence[str], schema: TableSchema) -> None:
    """Compare a block's column headers with the form's, in order."""
    names = [t for t in header if t.key not in _NOT_COL]
    if len(names) != len(cols):
        return  # a header we cannot line up with the columns; nothing reliable to say
    for tok, col in zip(names, cols):
        official = label_key(schema.col_labels[col])
        found = tok.key
        bare_official = re.sub(r"单位万?元$", "", official)
        bare_found = re.sub(r"单位万?元$", "", found)
        if bare_found == bare_official or (len(bare_found) >= 2 and bare_official.startswith(bare_found)):
            continue
        if any(issue.col == col and issue.found == tok.text for issue in read.label_issues):
            continue
        read.label_issues.append(LabelIssue(TABLE2, None, col, tok.text, schema.col_labels[col], (tok.start, tok.end)))
