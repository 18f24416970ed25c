"""Edits of a `Doc` that layouts use: number styles and the hostile variants of the issue.

Each transform changes how cells or labels are printed, never the values the tables
hold, and records in the doc what that does to the expectation (a placeholder cell is
expected blank with EMPTY_CELL). `applies(ts)` says when a transform has something to
work on (a negative 本年增/减, a figure of four digits …).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator

from tests.zoo import form
from tests.zoo.document import Break, Cell, Doc, Row
from tests.zoo.form import F2019, T2, T3, T4, CellKey
from tests.zoo.prose import spaced_sentence
from tests.zoo.tablesets import TableSet

_NUMBER = re.compile(r"^(-?)(\d+)(\.\d+)?(万元|元)?$")
_T2_COLS_BY_FORMAT = {
    fmt: {row.id: row.cols for block in blocks for row in block.rows} for fmt, blocks in form.T2_BLOCKS.items()
}


class Slot:
    """One printed cell of a doc: its key and where its text stands."""

    def __init__(self, key: CellKey, cells: list[Cell], index: int) -> None:
        self.key, self._cells, self._index = key, cells, index

    @property
    def text(self) -> str:
        text = self._cells[self._index]
        assert isinstance(text, str)
        return text

    @text.setter
    def text(self, value: str) -> None:
        self._cells[self._index] = value


def _row_slots(table: str, row: Row, cols: tuple[str, ...]) -> Iterator[Slot]:
    k = 0
    for i, cell in enumerate(row.cells):
        if isinstance(cell, Break):
            continue
        if k < len(cols):
            yield Slot((table, row.id, cols[k]), row.cells, i)
        k += 1


def slots(doc: Doc, tables: tuple[str, ...] = (T2, T3, T4)) -> list[Slot]:
    """Every printed cell of the doc's tables (an extra 备注 column is not one)."""
    out: list[Slot] = []
    if T2 in tables:
        for row in doc.t2_rows():
            out += _row_slots(T2, row, _T2_COLS_BY_FORMAT[doc.ts.format][row.id])
    if T3 in tables:
        for row in doc.t3_rows():
            out += _row_slots(T3, row, form.T3_COLS)
    if T4 in tables:
        keys = [(T4, r, c) for r in form.T4_ROWS for c in form.T4_COLS]
        k = 0
        for i, cell in enumerate(doc.t4_cells):
            if isinstance(cell, str):
                out.append(Slot(keys[k], doc.t4_cells, i))
                k += 1
    return out


def _group3(digits: str, sep: str) -> str:
    head = len(digits) % 3 or 3
    return sep.join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def thousands(doc: Doc, rng: random.Random, sep: str = ",") -> None:
    """Figures of four digits or more printed with a group separator (1,171.742 / 587 944)."""
    for slot in slots(doc):
        m = _NUMBER.match(slot.text)
        if m and len(m.group(2)) > 3:
            slot.text = m.group(1) + _group3(m.group(2), sep) + (m.group(3) or "") + (m.group(4) or "")
    doc.tags.append("thousands" if sep == "," else "space-grouped")


def space_grouped(doc: Doc, rng: random.Random) -> None:
    """Counts of four digits and more in 表二 and 表三 grouped by spaces (`1 010`, `587 944`)."""
    for slot in slots(doc, (T2, T3)):
        m = _NUMBER.match(slot.text)
        if m and not m.group(3) and not m.group(4) and len(m.group(2)) > 3:
            slot.text = m.group(1) + _group3(m.group(2), " ")
    doc.tags.append("space-grouped")


def has_big_count(ts: TableSet) -> bool:
    return any(isinstance(v, int) and abs(v) >= 1000 for (t, _, _), v in ts.values.items() if t in (T2, T3))


PLACEHOLDERS = ("无", "—", "/")


def zeros_as(placeholders: tuple[str, ...]) -> Callable[[Doc, random.Random], None]:
    """Zeros written as a placeholder (`无`, `—`, `/`) in some rows of 表三, in 表四 and in a
    few 表二 cells: each such cell is expected blank, with EMPTY_CELL and no error."""

    def transform(doc: Doc, rng: random.Random) -> None:
        rows3 = {row.id for row in doc.t3_rows() if rng.random() < 0.5}
        whole_t4 = rng.random() < 0.7
        for slot in slots(doc):
            if slot.text != "0":
                continue
            table, row, _ = slot.key
            if (table == T3 and row in rows3) or (table == T4 and whole_t4) or (table == T2 and rng.random() < 0.3):
                slot.text = rng.choice(placeholders)
                doc.blank.add(slot.key)
        doc.tags.append("zeros-as-" + "".join(placeholders))

    return transform


def has_negative_change(ts: TableSet) -> bool:
    return ts.format == F2019 and any(v < 0 for (t, _, c), v in ts.values.items() if t == T2 and c == "change")


def unicode_minus(doc: Doc, rng: random.Random) -> None:
    """A negative 本年增/减 written with the minus sign (−3) or an en dash (–3)."""
    for slot in slots(doc, (T2,)):
        if slot.text.startswith("-"):
            slot.text = rng.choice("−–") + slot.text[1:]
    doc.tags.append("unicode-minus")


def swap_t3_rows(doc: Doc, rng: random.Random) -> None:
    """表三 rows out of order: 一/二 swapped, and 不予公开 1/2 swapped."""
    items = doc.t3_items
    for a, b in (("new", "carried_over"), ("refused.state_secret", "refused.prohibited")):
        i = next(k for k, it in enumerate(items) if isinstance(it, Row) and it.id == a)
        j = next(k for k, it in enumerate(items) if isinstance(it, Row) and it.id == b)
        items[i], items[j] = items[j], items[i]
    doc.tags.append("t3-rows-swapped")


def extra_column(doc: Doc, rng: random.Random) -> None:
    """An 8th column of 表三 (备注) that the form does not have: mostly empty, some notes."""
    doc.t3_extra_col = "备注"
    for row in doc.t3_rows():
        note = rng.choice(["", "", "", "", "详见正文", "按期答复"])
        if row.id == "new":
            web = int(row.texts()[0]) // 2 if row.texts()[0].isdigit() else 0
            note = f"其中网络申请{web}件"
        row.cells.append(note)
    doc.tags.append("extra-column")


def footer_in_row(footer: str) -> Callable[[Doc, random.Random], None]:
    """A page footer falling between two cells of one 表三 row."""

    def transform(doc: Doc, rng: random.Random) -> None:
        rows = doc.t3_rows()
        busy = [r for r in rows if any(t not in ("0", "") for t in r.texts())] or rows
        row = rng.choice(busy)
        row.cells.insert(rng.randint(1, 6), Break(footer.format(page=rng.randint(2, 5), pages=rng.randint(5, 8))))
        doc.tags.append("footer-in-row")

    return transform


def spaced_sentence_first(doc: Doc, rng: random.Random) -> None:
    """Section 三 opens with a sentence whose figures stand apart (新收申请 129 件)."""
    doc.prose.sections[3].insert(0, spaced_sentence(doc.ts))
    doc.tags.append("spaced-sentence")


def numbered_with_comma(doc: Doc, rng: random.Random) -> None:
    """Sub-rows numbered `1、2、3、` instead of `1.`."""
    for row in doc.t3_rows():
        row.label = re.sub(r"^(\d)\.", r"\1、", row.label)
    doc.tags.append("numbered-1、")


def fixed_typos(doc: Doc, rng: random.Random) -> None:
    """The label slips seen in a real text-layer PDF: words lost in the middle of a label."""
    for row in doc.t3_rows():
        row.label = row.label.replace("其他法律行政法规禁止公开", "其他法律行政止公开")
        row.label = row.label.replace("无正当理由大量反复申请", "无正当理由大量反复 申请")
        row.label = row.label.replace("（七）总计", "（七）总 计")
    doc.tags.append("pdf-label-slips")


def make_negative(ts: TableSet) -> TableSet:
    """The set with one count a report printed negative (a real error: NEGATIVE expected)."""
    from dataclasses import replace

    key = (T2, "coercion", "decisions")
    values = dict(ts.values)
    values[key] = -(abs(values[key]) or 2)
    return replace(ts, name=ts.name + "-negative", source=ts.source + "+negative", values=values)


def issue_label_spaces(doc: Doc, rng: random.Random) -> None:
    """The label splits of the issue's web pages: `社会公益 组织`, `三、本年度办 理结果`."""
    doc.t3_col_labels = [x.replace("社会公益组织", "社会公益 组织") for x in doc.t3_col_labels]
    for row in doc.t3_rows():
        row.groups = tuple(g.replace("三、本年度办理结果", "三、本年度办 理结果") for g in row.groups)
    doc.tags.append("labels-split-by-spaces")


def notes_in_cells(doc: Doc, rng: random.Random) -> None:
    """A 表二 count followed by a note in its cell: `22（其中修订 16 件）`."""
    for slot in slots(doc, (T2,)):
        if slot.key[1] == "normative_documents" and slot.text.isdigit() and int(slot.text) >= 2:
            slot.text += f"（其中修订 {rng.randint(1, int(slot.text) - 1)} 件）"
            break
    doc.tags.append("notes-in-cells")


def ocr_slips(doc: Doc, rng: random.Random) -> None:
    """OCR slips: look-alike characters in several labels and in the agency's name."""
    from tests.zoo.perturb import CONFUSABLE, label_typos

    for _ in range(2):
        label_typos(doc, rng)
    doc.tags.remove("label-typos")
    doc.tags.remove("label-typos")
    agency = doc.ts.agency
    spots = [i for i, ch in enumerate(agency) if ch in CONFUSABLE]
    if spots:
        i = rng.choice(spots)
        slipped = agency[:i] + CONFUSABLE[agency[i]] + agency[i + 1 :]
        doc.prose.title = doc.prose.title.replace(agency, slipped)
        doc.prose.signature[0] = slipped
    doc.tags.append("ocr-slips")
