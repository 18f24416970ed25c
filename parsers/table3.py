"""Read 表三 (收到和处理政府信息公开申请情况) from a cell stream.

Rows are found by the words that tell them apart, in the order of the form, so that a
label cut by spaces, renumbered or reworded is still placed, and the column headers 其他
and 总计 are never taken for the rows of the same name. Columns follow the header when
it shows which of the seven are present.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.report import LabelIssue
from model.schema import T3_COLS, TABLE3, TableSchema
from parsers.cells import KIND_TEXT, CellToken
from parsers.normalize import bare_label_key
from parsers.rowread import TableRead, place_row, value_run

# Words that identify each row; `None` marks rows that are only recognised in sequence.
_ROW_WORDS: dict[str, str] = {
    "new": r"新收",
    "carried_over": r"上年(?:度)?结转",
    "granted": r"予以公开",
    "partial": r"部分公开",
    "refused.state_secret": r"国家秘密",
    "refused.prohibited": r"禁止公开",
    "refused.security": r"三安全一稳定|危及",
    "refused.third_party": r"第三方",
    "refused.internal": r"内部事务",
    "refused.process": r"过程性",
    "refused.enforcement": r"执法案卷",
    "refused.query": r"查询事项",
    "unable.not_held": r"不掌握",
    "unable.needs_creation": r"另行制作|没有现成",
    "unable.unclear": r"仍不明确|补正后",
    "not_processed.complaint": r"信访|举报投诉",
    "not_processed.duplicate": r"重复申请",
    "not_processed.publication": r"出版物",
    "not_processed.excessive": r"大量反复",
    "not_processed.confirmation": r"重新出具|确认或",
    "other": r"^其他处理$|^其它处理$",
    "other.no_correction": r"不补正",
    "other.unpaid_fee": r"收费通知|缴纳费用",
    "other.other": r"^其他$|^其它$",
    "total_processed": r"^总计$|^合计$",
    "carried_forward": r"结转下年|下年度继续",
}
_ROW_RE = {k: re.compile(v) for k, v in _ROW_WORDS.items()}
# Any row's words: most text cells name no row, and one search tells so.
_ANY_ROW = re.compile("|".join(f"(?:{v})" for v in _ROW_WORDS.values()))
# Rows whose words are too common to be matched out of sequence.
_SEQUENCE_ONLY = {"other.other", "total_processed", "other"}
_MAX_LABEL = 60

_COL_WORDS = (
    ("natural_person", re.compile(r"自然人")),
    ("commercial", re.compile(r"商业企业|^商业$|商业")),
    ("research", re.compile(r"科研机构|^科研$|科研")),
    ("social", re.compile(r"社会公益")),
    ("legal", re.compile(r"法律服务")),
    ("other_org", re.compile(r"^其他$|^其它$")),
    ("total", re.compile(r"^总计$|^合计$")),
)


def match_row(label: str, schema: TableSchema, expected: int) -> int | None:
    """Index of the schema row this label names, searching from the expected row on."""
    ids = schema.row_ids()
    bare = bare_label_key(label)
    if not _ANY_ROW.search(bare):
        return None
    for i in range(expected, len(ids)):
        rid = ids[i]
        pattern = _ROW_RE[rid]
        if rid in _SEQUENCE_ONLY and i > expected + 1:
            continue
        if rid in _SEQUENCE_ONLY and expected == 0:
            continue
        if pattern.search(bare):
            return i
    return None


def _header_cols(tokens: Sequence[CellToken], end: int) -> list[str]:
    """The 表三 columns named in the header cells before the first row."""
    found: list[str] = []
    for tok in tokens[:end]:
        if tok.kind != KIND_TEXT:
            continue
        key = tok.key
        for col, pattern in _COL_WORDS:
            if col not in found and pattern.search(key) and len(key) <= 8:
                found.append(col)
                break
    return found


def _balanced(values: list[int]) -> bool:
    return sum(values[:-1]) == values[-1]


def read_table3(tokens: Sequence[CellToken], schema: TableSchema) -> TableRead:
    read = TableRead()
    ids = schema.row_ids()
    labels: list[tuple[int, int]] = []  # (token index, row index)
    expected = 0
    for i, tok in enumerate(tokens):
        if tok.kind != KIND_TEXT or len(tok.key) > _MAX_LABEL:
            continue
        row_index = match_row(tok.text, schema, expected)
        if row_index is None:
            continue
        if labels and labels[-1][1] == row_index:
            labels.pop()  # the earlier mention had no values: it was narrative
        labels.append((i, row_index))
        # A label with no values after it may be a sentence; let the row match again.
        expected = row_index + 1 if value_run(tokens, i + 1) else row_index
    if len(labels) < 3:
        return read

    cols = list(T3_COLS)
    header = _header_cols(tokens, labels[0][0])
    if 4 <= len(header) < len(T3_COLS):
        header_cols = [c for c in T3_COLS if c in header]
        runs = [len(value_run(tokens, i + 1)) for i, _ in labels]
        typical = max(set(runs), key=runs.count)
        if typical < len(T3_COLS):
            read.missing_cols = [c for c in T3_COLS if c not in header]
            cols = header_cols

    for n, (i, row_index) in enumerate(labels):
        stop = labels[n + 1][0] if n + 1 < len(labels) else None
        run = _row_values(tokens, i, stop)
        row_id = ids[row_index]
        check = _balanced if cols[-1] == "total" and len(cols) == len(T3_COLS) else None
        place_row(read, row_id, cols, run[: len(cols)] if len(run) > len(cols) else run, check=check)

    seen = {ids[r] for _, r in labels}
    read.missing_rows = [rid for rid in ids if rid not in seen]
    first, last = tokens[labels[0][0]], tokens[labels[-1][0]]
    tail = [c.span for c in read.cells.values() if c.span]
    read.span = (first.start, max([last.end] + [s[1] for s in tail]))
    _label_issues(read, tokens, labels, schema)
    return read


_CONTINUATION = 3


def _row_values(tokens: Sequence[CellToken], i: int, stop: int | None) -> list[CellToken]:
    """The values after label `i`; a label wrapped over a few cells is skipped first."""
    run = value_run(tokens, i + 1, stop)
    j = i + 1
    end = len(tokens) if stop is None else stop
    while not run and j < end and j <= i + _CONTINUATION and tokens[j].kind == KIND_TEXT:
        j += 1
        run = value_run(tokens, j, stop)
    return run


def _label_issues(
    read: TableRead, tokens: Sequence[CellToken], labels: list[tuple[int, int]], schema: TableSchema
) -> None:
    """Labels whose wording differs from the form beyond punctuation, spacing and numbering."""
    for i, row_index in labels:
        row = schema.rows[row_index]
        found = bare_label_key(tokens[i].text)
        official = bare_label_key(row.label)
        if found == official or official.startswith(found) or found.startswith(official):
            continue
        # Labels broken over cells keep their words; only report real rewording.
        if _similar(found, official):
            continue
        read.label_issues.append(
            LabelIssue(TABLE3, row.id, None, tokens[i].text, row.label, (tokens[i].start, tokens[i].end))
        )


def _similar(a: str, b: str) -> bool:
    """Most characters of the official label appear, in a label that is not much longer."""
    if not a or not b:
        return False
    common = sum(1 for ch in set(b) if ch in a)
    return common >= 0.9 * len(set(b)) and len(a) <= len(b) + 2
