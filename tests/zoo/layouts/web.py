"""Web-page text as a crawler saves it: a header block, then the whole page on one line.

Like the devset: `标题:` / `发布时间:` / `原文链接:` / `本地目录:` lines, the page's
breadcrumb and toolbar (当前位置：首页… 全真版 文字版 文件下载 … -->), headings inline after
。, and the tables' cells run together with no separator (`行政许可3960181`,
`1.属于国家秘密00000002.其他…`) with stray spaces at some cell boundaries and inside
some labels; 表四 as its header words and one run of 15 figures, or the figures
space-separated.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from tests.zoo.document import Break, Cell, Doc
from tests.zoo.layouts.common import Rendered, report_parts


@dataclass(frozen=True)
class WebStyle:
    cell_space: float = 0.12  # chance of a stray space at a cell boundary
    t4_spaced: bool = False  # 表四's figures space-separated rather than run together
    t3_spaced: bool = False  # 表三's figures space-separated
    repeat_result: bool = True  # 三、本年度办理结果 printed again before （四）无法提供 (a rowspan split)
    renumbered: bool = False  # section numbers reused (two 四、) and mistyped (行政法复议)
    chrome: bool = True  # breadcrumb and toolbar before the body


def _cells(cells: list[Cell], rng: random.Random, p_space: float, spaced: bool) -> str:
    out = ""
    for i, cell in enumerate(cells):
        text = f" {cell.footer} " if isinstance(cell, Break) else cell
        if i and (spaced or rng.random() < p_space):
            out += " "
        out += text
    return out


def _t2(doc: Doc, rng: random.Random, style: WebStyle) -> str:
    out = ""
    for block in doc.t2:
        out += block.heading + "信息内容" + "".join(block.col_labels)
        if block.break_after_heading:
            out += f" {block.break_after_heading.footer} "
        for row in block.rows:
            out += row.label + _cells(row.cells, rng, style.cell_space, False)
            if rng.random() < 0.15:
                out += " "
    return out


def _t3(doc: Doc, rng: random.Random, style: WebStyle) -> str:
    labels = doc.t3_col_labels
    extra = doc.t3_extra_col or ""
    out = doc.t3_note + "申请人情况" + labels[0] + "法人或其他组织" + labels[6] + extra + "".join(labels[1:6])
    prev: tuple[str, ...] = ()
    for item in doc.t3_items:
        if isinstance(item, Break):
            out += f" {item.footer} "
            continue
        lead = [g for level, g in enumerate(item.groups) if level >= len(prev) or prev[level] != g]
        if style.repeat_result and item.groups[1:2] == ("（四）无法提供",) and lead and lead[0] != item.groups[0]:
            lead = [item.groups[0], *lead]  # the devset's page repeats the merged cell here
        out += "".join(lead) + item.label + _cells(item.cells, rng, style.cell_space, style.t3_spaced)
        prev = item.groups
    return out


def _t4(doc: Doc, rng: random.Random, style: WebStyle) -> str:
    cols = "".join(doc.t4_col_labels)
    rows = doc.t4_row_labels
    head = rows[0] + "行政诉讼" + cols + rows[1] + rows[2] + cols + cols
    return head + _cells(doc.t4_cells, rng, 0.0, style.t4_spaced) + " "


def web_text(doc: Doc, rng: random.Random, style: WebStyle) -> str:
    p = doc.prose
    date = f"{p.date.isoformat()} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}"
    site = rng.choice(["www.gov.cn.example", "xxgk.example.gov.cn", "www.example.gov.cn"])
    page = f"t{p.date.strftime('%Y%m%d')}_{rng.randint(10000, 99999)}"
    header = [
        f"标题: {p.title}",
        f"发布时间: {date}",
        "文号: ",
        "发布机构: ",
        "栏目: 政府信息公开年报",
        f"原文链接: https://{site}/zwgk/zfxxgk/zfxxgknb/{p.date.strftime('%Y%m')}/{page}.htm",
        f"本地目录: zwgk/zfxxgk/zfxxgknb/{p.date.strftime('%Y%m')}/{page[-5:]}_{p.title}",
        "页面链接与图片详见 links.tsv(同目录)",
        "==================== 正文 ====================",
    ]

    def heading(n: int, h: str) -> str:
        if style.renumbered and n == 4:
            h = h.replace("行政复议", "行政法复议")
        if style.renumbered and n == 5:
            h = "四、" + h[2:]
        return h

    def table(n: int) -> list[str]:
        text = {2: _t2, 3: _t3, 4: _t4}[n](doc, rng, style)
        return [" " + text if rng.random() < 0.5 else text]

    parts = report_parts(doc, table, heading=heading)
    body = ""
    if style.chrome:
        body += (
            f"当前位置： 首页政务公开政府信息公开政府信息公开年报 {p.title} 来源：{doc.ts.agency} 时间：{date} "
            "微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： --> "
        )
    body += "".join(parts[1:])  # the title stands in the header block and the breadcrumb
    if not style.chrome:
        body = p.title + " " + body
    return "\n".join(header) + "\n" + body + " 附件下载\n"


def web(style: WebStyle):  # type: ignore[no-untyped-def]
    def render(doc: Doc, rng: random.Random) -> Rendered:
        return Rendered(web_text(doc, rng, style).encode("utf-8"), ".txt")

    return render
