"""The words around the tables: title, the six sections' sentences, the signature.

Every figure a sentence states agrees with the table set (收到申请N件 is `new.total`,
行政复议N件 is `review.total` …), and every 共…其中… sentence adds up, so a correct reading
of the tables draws no narrative error. The other figures are dates and counts the form
does not hold.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tests.zoo.form import F2021, SECTION_TITLES, T3, T4
from tests.zoo.tablesets import TableSet


def self_word(agency: str) -> str:
    """How the report names its own agency: 我厅, 我局, 我区 …"""
    for end, word in (
        ("厅", "我厅"),
        ("局", "我局"),
        ("委员会", "我委"),
        ("办事处", "我街道"),
        ("区人民政府", "我区"),
        ("县人民政府", "我县"),
        ("市人民政府", "我市"),
        ("实验区", "我区"),
    ):
        if agency.endswith(end):
            return word
    return "本机关"


@dataclass
class Prose:
    title: str
    date: dt.date
    intro: list[str]
    sections: dict[int, list[str]]  # section number -> paragraphs before its table (or its body)
    after_table: dict[int, list[str]]  # paragraphs after the table of sections 二–四
    signature: list[str]


def _split_sum(rng: random.Random, total: int, k: int) -> list[int]:
    if total < k:
        return [total] + [0] * (k - 1)
    cuts = sorted(rng.sample(range(1, total), k - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


def make_prose(ts: TableSet, rng: random.Random) -> Prose:
    me = self_word(ts.agency)
    year = ts.year
    title = f"{ts.agency}{year}年{rng.choice(['', '度'])}政府信息公开工作年度报告"
    date = dt.date(year + 1, 1, rng.randint(8, 25))
    intro = [
        f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，{ts.agency}编制了{year}年度政府信息公开工作年度报告。"
        f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    ]
    published = rng.randint(40, 3000)
    parts = _split_sum(rng, published, 3)
    new = ts.get(T3, "new", "total")
    done = ts.get(T3, "total_processed", "total")
    forward = ts.get(T3, "carried_forward", "total")
    if new:
        applications = f"本年度共收到政府信息公开申请{new}件，办结{done}件，结转下年度继续办理{forward}件。"
    else:
        applications = "本年度未收到政府信息公开申请。"
    one = [
        f"{year}年，{me}认真贯彻落实《条例》，坚持以公开为常态、不公开为例外，全面推进政务公开工作。",
        f"（一）主动公开。全年通过门户网站主动公开政府信息{published}条，其中政策文件{parts[0]}条、工作动态{parts[1]}条、其他信息{parts[2]}条。",
        f"（二）依申请公开。{applications}",
        "（三）政府信息管理。严格落实信息发布保密审查制度，坚持先审后发，确保信息准确规范。",
        f"（四）平台建设。持续优化门户网站栏目设置，全年网站访问量{rng.randint(2, 90)}万余次。",
        f"（五）监督保障。组织政务公开业务培训{rng.randint(1, 6)}次，将政务公开纳入年度考核。",
    ]
    review = ts.get(T4, "review", "total")
    suits = ts.get(T4, "litigation_direct", "total") + ts.get(T4, "litigation_after_review", "total")
    if review or suits:
        four = [f"本年度因政府信息公开申请引发行政复议{review}件、行政诉讼{suits}件。"]
    else:
        four = ["本年度未发生政府信息公开方面的行政复议和行政诉讼。"]
    five = [
        "一是政策解读形式还不够丰富，图解、视频等解读方式运用较少；二是个别单位信息更新不够及时。",
        "下一步，我们将加强业务培训，完善信息发布审核机制，进一步提升政务公开质量。",
    ]
    if ts.format == F2021:
        six = [
            rng.choice(
                ["本年度未收取信息处理费。", "本年度本机关发出收费通知的件数和总金额以及实际收取的总金额均为0。"]
            )
        ]
    else:
        six = [rng.choice(["无。", "无其他需要报告的事项。"])]
    sign = [ts.agency, f"{date.year}年{date.month}月{date.day}日"]
    return Prose(
        title,
        date,
        intro,
        {1: one, 2: [], 3: [], 4: [], 5: five, 6: six},
        {2: [], 3: [], 4: four if rng.random() < 0.5 else []},
        sign,
    )


def heading(number: int) -> str:
    return SECTION_TITLES[number - 1]


def spaced_sentence(ts: TableSet) -> str:
    """A sentence with spaced figures, as a report may open section 三 (its figures are the
    table's; a reader must not take it for the 本年新收 row)."""
    me = self_word(ts.agency)
    new = ts.get(T3, "new", "total")
    done = ts.get(T3, "total_processed", "total")
    return f"{ts.year}年{me}新收申请 {new} 件，办理完毕 {done} 件。"
