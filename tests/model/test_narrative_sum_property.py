"""For claims generated in every shape the sum reader knows, with random parts, NARRATIVE_SUM
fires exactly when the parts do not add up: an error when they exceed the total, a warning
when a complete list falls short (hypothesis).

The claims are those whose reading is certain: each part within the total (a part over it
is of another base) and no first few parts making the total alone (the rest may be other
news); the rule is silent on the others by design."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from model.narrative_rules import narrative_sum
from parsers.read.normalize import normalize
from parsers.recognize.document import recognize

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LABELS = (
    "机构职能类信息",
    "政策文件类信息",
    "规划计划类信息",
    "重大建设项目信息",
    "财政预决算信息",
    "人事任免信息",
    "科教文卫类信息",
    "安全生产、应急管理类信息",
)


def _items(parts: list[int], unit: str, rest: bool = True) -> list[str]:
    labels = [*LABELS[: len(parts) - 1], "其他信息" if rest else LABELS[len(parts) - 1]]
    return [f"{label}{p}{unit}" for label, p in zip(labels, parts, strict=True)]


def _share(part: int, whole: int) -> str:
    return str((Decimal(part) * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def after_qizhong(total: int, parts: list[int]) -> str:
    return f"全年共主动公开政府信息{total}条，其中{'，'.join(_items(parts, '条'))}。"


def in_brackets(total: int, parts: list[int]) -> str:
    return f"今年共公布政府信息{total}条，(其中{'，'.join(_items(parts, '条'))})对于主动公开的信息，主要通过网站发布。"


def in_a_frame(total: int, parts: list[int]) -> str:
    return f"在本年度主动公开的{total}条政府信息中，{'，'.join(_items(parts, '条'))}。"


def next_sentences_with_shares(total: int, parts: list[int]) -> str:
    whole = sum(parts) or 1  # the shares the list gives its own parts: together 100%
    items = [f"{item}，占{_share(p, whole)}%" for item, p in zip(_items(parts, "条", rest=False), parts, strict=True)]
    return f"2012年主动公开政府信息{total}条。其中，{'。'.join(items)}。"


def including(total: int, parts: list[int]) -> str:
    return f"全年共主动公开政府信息{total}条，包括{'，'.join(_items(parts, '条'))}。"


def respectively(total: int, parts: list[int]) -> str:
    labels = ("当面申请", "网上申请", "信函申请", "传真申请")
    items = [f"{label}{p}件" for label, p in zip(labels, parts, strict=False)]
    return f"共收到政府信息公开申请{total}件，分别为{'、'.join(items)}。"


def outcomes(total: int, parts: list[int]) -> str:
    labels = ("予以公开及部分公开", "不予公开", "无法提供", "不予处理", "其他处理")
    items = [f"{label}{p}件" for label, p in zip(labels, parts, strict=False)]
    return f"本年度共答复政府信息公开申请{total}件。{'，'.join(items)}。"


SHAPES: dict[str, tuple[Callable[[int, list[int]], str], int]] = {
    "其中": (after_qizhong, 8),
    "brackets": (in_brackets, 8),
    "frame": (in_a_frame, 8),
    "next sentences": (next_sentences_with_shares, 6),
    "包括": (including, 8),
    "分别为": (respectively, 4),
    "outcomes": (outcomes, 5),
}


def _severities(sentence: str) -> list[str]:
    return [f.severity for f in narrative_sum(recognize(normalize(sentence).text))]


@st.composite
def claims(draw):  # type: ignore[no-untyped-def]
    name = draw(st.sampled_from(sorted(SHAPES)))
    make, most = SHAPES[name]
    fixed = name == "outcomes"
    n = most if fixed else draw(st.integers(2, most))
    parts = draw(st.lists(st.integers(0, 3000), min_size=n, max_size=n))
    off = draw(st.one_of(st.just(0), st.integers(-60, -1), st.integers(1, 500)))
    return name, make, parts, sum(parts) + off


@SETTINGS
@given(claims())
def test_the_rule_fires_exactly_when_the_parts_do_not_add_up(claim) -> None:  # type: ignore[no-untyped-def]
    name, make, parts, total = claim
    assume(total > 0 and all(p <= total for p in parts))
    running = 0
    for p in parts[:-1]:
        running += p
        assume(running != total)
    found = _severities(make(total, parts))
    if sum(parts) == total:
        assert found == [], name
    elif sum(parts) > total:
        assert found == ["error"], name
    else:
        assert found == ["warning"], name


@SETTINGS
@given(st.integers(1, 5000), st.integers(0, 6000), st.sampled_from(["受理审批事项", "受理申请", "受理"]))
def test_a_count_over_the_count_it_is_part_of_is_an_error(whole: int, part: int, noun: str) -> None:
    found = _severities(f"全年共{noun}{whole}件，办结{part}件，办结率100%。")
    assert found == (["error"] if part > whole else [])
