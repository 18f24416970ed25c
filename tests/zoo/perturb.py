"""Random perturbations laid over any text layout: what copy-paste, OCR and page layout do
to a report that a careful reader still reads without doubt.

- `spaces_in_labels`: a space inside a few labels (`社会公益 组织`, `三、本年度办 理结果`);
- `label_typos`: one character of a long label swapped for a look-alike or dropped;
- `page_footers`: page footers (`— 4 —`, `第 3 页 共 5 页`, `- 3 -`) between rows of 表三,
  after a 表二 block heading, or inside 表四's figures;
- `reorder_t2_blocks`: 表二's blocks in another order.

`perturb(doc, rng)` applies one to three of them, chosen by the seeded RNG.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

from tests.zoo.document import Break, Doc, Row

# Look-alike or sound-alike characters (OCR and input-method slips).
CONFUSABLE = {
    "公": "工", "申": "甲", "请": "清", "政": "正", "处": "外", "理": "埋", "许": "午", "可": "司",
    "强": "弦", "罚": "罸", "费": "赀", "收": "牧", "信": "倍", "息": "忠", "法": "去", "律": "津",
    "决": "诀", "定": "走", "数": "敉", "量": "最", "复": "夏", "议": "仪", "诉": "拆", "讼": "松",
    "结": "洁", "果": "杲", "维": "准", "持": "特", "尚": "当", "审": "宙", "认": "队", "保": "堡",
    "护": "沪", "第": "弟", "权": "杈", "益": "盖", "属": "禹", "国": "固", "秘": "祕", "密": "蜜",
    "危": "厄", "稳": "隐", "内": "肉", "务": "各", "程": "桯", "案": "桉", "卷": "眷", "查": "杳",
    "询": "洵", "掌": "撑", "握": "渥", "现": "观", "需": "霄", "另": "叧", "补": "朴", "容": "客",
    "仍": "扔", "访": "仿", "举": "拳", "投": "设", "版": "板", "获": "荻", "管": "菅", "服": "肤",
    "采": "釆", "购": "构", "额": "頟", "制": "刺", "发": "友", "废": "度", "效": "郊", "件": "仵",
    "商": "商", "企": "仑", "研": "妍", "构": "沟", "组": "纽", "织": "识", "然": "燃",
}  # fmt: skip
CONFUSABLE = {k: v for k, v in CONFUSABLE.items() if k != v}

_NUMBERING = re.compile(r"^(?:[一二三四五六七]、|（[一二三四五六七]）|\d[.、])")


def _label_targets(doc: Doc) -> list[tuple[Callable[[], str], Callable[[str], None]]]:
    """(get, set) for every label a perturbation may touch."""
    out: list[tuple[Callable[[], str], Callable[[str], None]]] = []

    def row_label(row: Row) -> None:
        def put(text: str) -> None:
            row.label = text

        out.append((lambda: row.label, put))

    def list_item(items: list[str], i: int) -> None:
        def put(text: str) -> None:
            items[i] = text

        out.append((lambda: items[i], put))

    for block in doc.t2:
        for row in block.rows:
            row_label(row)
        for i in range(len(block.col_labels)):
            list_item(block.col_labels, i)
    for row in doc.t3_rows():
        row_label(row)
    for i in range(len(doc.t3_col_labels)):
        list_item(doc.t3_col_labels, i)
    for i in range(len(doc.t4_col_labels)):
        list_item(doc.t4_col_labels, i)
    for i in range(len(doc.t4_row_labels)):
        list_item(doc.t4_row_labels, i)
    # group labels stand on several rows: one edit for all of them
    groups = sorted({g for row in doc.t3_rows() for g in row.groups})
    for group in groups:

        def put_group(text: str, old: str = group) -> None:
            for row in doc.t3_rows():
                row.groups = tuple(text if g == old else g for g in row.groups)

        out.append((lambda g=group: g, put_group))
    return out


def _body_range(label: str) -> tuple[int, int]:
    """Where a label's words stand, after its numbering (（三）, 2., 一、)."""
    m = _NUMBERING.match(label)
    return (m.end() if m else 0), len(label)


def spaces_in_labels(doc: Doc, rng: random.Random) -> None:
    targets = [t for t in _label_targets(doc) if len(t[0]().strip()) >= 4]
    for get, put in rng.sample(targets, min(len(targets), rng.randint(2, 5))):
        label = get()
        start, end = _body_range(label)
        if end - start < 2:
            continue
        i = rng.randint(start + 1, end - 1)
        put(label[:i] + " " + label[i:])
    doc.tags.append("spaces-in-labels")


def label_typos(doc: Doc, rng: random.Random) -> None:
    targets = []
    for get, put in _label_targets(doc):
        label = get()
        start, end = _body_range(label)
        if end - start >= 6:
            targets.append((get, put))
    for get, put in rng.sample(targets, min(len(targets), rng.randint(1, 3))):
        label = get()
        start, end = _body_range(label)
        spots = [i for i in range(start + 1, end) if label[i] in CONFUSABLE]
        if spots and rng.random() < 0.75:
            i = rng.choice(spots)
            put(label[:i] + CONFUSABLE[label[i]] + label[i + 1 :])
        else:
            i = rng.randint(start + 1, end - 1)
            # A unit (单位：万元) changed is another meaning, not a slip to read past.
            if label[i] not in "“”（）" and not (label[i] in "万元" and "单位" in label):
                put(label[:i] + label[i + 1 :])
    doc.tags.append("label-typos")


FOOTERS = ("— {page} —", "第 {page} 页 共 {pages} 页", "- {page} -", "{page}")


def footer_text(rng: random.Random, page: int | None = None) -> str:
    page = page or rng.randint(2, 6)
    return rng.choice(FOOTERS[:3]).format(page=page, pages=page + rng.randint(1, 4))


def page_footers(doc: Doc, rng: random.Random) -> None:
    page = rng.randint(2, 5)
    for _ in range(rng.randint(1, 2)):
        i = rng.randint(1, len(doc.t3_items) - 1)
        doc.t3_items.insert(i, Break(footer_text(rng, page)))
        page += 1
    if rng.random() < 0.5:
        rng.choice(doc.t2).break_after_heading = Break(footer_text(rng, page))
    if rng.random() < 0.3:
        doc.t4_cells.insert(rng.choice((5, 10)), Break(footer_text(rng, page + 1)))
    doc.tags.append("page-footers")


def reorder_t2_blocks(doc: Doc, rng: random.Random) -> None:
    order = list(doc.t2)
    while order == doc.t2:
        rng.shuffle(order)
    doc.t2[:] = order
    doc.tags.append("t2-blocks-reordered")


PERTURBATIONS: dict[str, Callable[[Doc, random.Random], None]] = {
    "spaces": spaces_in_labels,
    "typos": label_typos,
    "footers": page_footers,
    "reorder": reorder_t2_blocks,
}


def perturb(doc: Doc, rng: random.Random) -> None:
    """One to three perturbations, chosen and applied by `rng`."""
    names = sorted(PERTURBATIONS)
    for name in sorted(rng.sample(names, rng.randint(1, 3))):
        PERTURBATIONS[name](doc, rng)
