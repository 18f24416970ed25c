"""Sums and shares in every shape real reports state them, each right one silent and each
wrong one found with its numbers (sentences written after issue 22's real cases; names and
figures made up)."""

from __future__ import annotations

import pytest

from model.narrative_rules import narrative_sum, percent
from parsers.read.normalize import normalize
from parsers.recognize.document import recognize


def _found(sentence: str) -> list[tuple[str, str, str]]:
    report = recognize(normalize(sentence).text)
    return [(f.rule, f.severity, f.message) for f in narrative_sum(report) + percent(report)]


# (shape, right sentence, wrong sentence, (rule, severity, words the message must hold))
SHAPES = [
    (
        "bracketed list after its total",
        "今年共公布政府信息600条，(其中机构职能类信息25条，政策、规范性文件类信息68条，规划计划类信息28条，"
        "安全生产、应急管理类信息124条，其他应主动公开政府信息355条)对于主动公开的政府信息，主要通过网站发布。",
        "今年共公布政府信息600条，(其中机构职能类信息25条，政策、规范性文件类信息68条，规划计划类信息28条，"
        "安全生产、应急管理类信息124条，其他应主动公开政府信息289条)对于主动公开的政府信息，主要通过网站发布。",
        ("NARRATIVE_SUM", "warning", ["25 + 68 + 28 + 124 + 289 = 534条", "600条"]),
    ),
    (
        "total in a frame",
        "在本年度主动公开的425条政府信息中，机构职能类信息148条，政策文件类信息214条，安全生产、应急管理类信息63条。",
        "在本年度主动公开的425条政府信息中，机构职能类信息148条，政策文件类信息224条，安全生产、应急管理类信息63条。",
        ("NARRATIVE_SUM", "error", ["148 + 224 + 63 = 435条", "425条"]),
    ),
    (
        "parts in the next sentences, each with its share",
        "2012年主动公开政府信息1913条。其中，区直、县直各单位主动公开政府信息1379条，占72%。各乡镇主动公开政府信息534条，占28%。",
        "2012年主动公开政府信息1913条。其中，区直、县直各单位主动公开政府信息1397条，占73%。各乡镇主动公开政府信息534条，占27%。",
        ("NARRATIVE_SUM", "error", ["1397 + 534 = 1931条", "1913条"]),
    ),
    (
        "parts each with a share of the total",
        "全年主动公开政府信息1913条，其中政策文件133条，占6.95%；工作动态145条，占7.58%；其他信息1635条，占85.47%。",
        "全年主动公开政府信息1913条，其中政策文件133条，占6.95%；工作动态145条，占8.05%；其他信息1635条，占85.47%。",
        ("PERCENT", "warning", ["8.05%", "145 ÷ 1913 = 7.58%"]),
    ),
    (
        "outcomes against the replies, after 其中",
        "共答复申请805件，其中予以公开及部分公开347件，不予公开35件，无法提供265件，不予处理158件，其他处理0件。",
        "共答复申请805件，其中予以公开及部分公开258件，不予公开35件，无法提供265件，不予处理158件，其他处理0件。",
        ("NARRATIVE_SUM", "warning", ["258 + 35 + 265 + 158 + 0 = 716件", "805件"]),
    ),
    (
        "outcomes against the replies, in the next sentence without 其中",
        "本年度共答复政府信息公开申请805件。予以公开及部分公开347件，不予公开35件，无法提供265件，不予处理158件，其他处理0件。",
        "本年度共答复政府信息公开申请805件。予以公开及部分公开258件，不予公开35件，无法提供265件，不予处理158件，其他处理0件。",
        ("NARRATIVE_SUM", "warning", ["716件", "805件"]),
    ),
    (
        "a count over the count it is part of",
        "共受理审批事项117件，办结117件，办结率100%。",
        "共受理审批事项117件，办结171件，办结率100%。",
        ("NARRATIVE_SUM", "error", ["办结 171件", "受理 117件"]),
    ),
    (
        "granted within what was answered",
        "全年共答复政府信息公开申请30件，予以公开25件。",
        "全年共答复政府信息公开申请30件，予以公开35件。",
        ("NARRATIVE_SUM", "error", ["予以公开 35件", "答复 30件"]),
    ),
    (
        "list after 包括",
        "全年共主动公开政府信息500条，包括政策文件100条、工作动态300条、其他信息100条。",
        "全年共主动公开政府信息500条，包括政策文件100条、工作动态300条、其他信息150条。",
        ("NARRATIVE_SUM", "error", ["100 + 300 + 150 = 550条", "500条"]),
    ),
    (
        "selection after 主要类别有",
        "全年共发布信息500条，主要类别有政策文件100条、工作动态200条。",
        "全年共发布信息500条，主要类别有政策文件300条、工作动态300条。",
        ("NARRATIVE_SUM", "error", ["300 + 300 = 600条", "500条"]),
    ),
    (
        "one part with its share",
        "全年收到政府信息公开申请20件，其中网上申请15件，占75%。",
        "全年收到政府信息公开申请20件，其中网上申请15件，占80%。",
        ("PERCENT", "warning", ["80%", "15 ÷ 20 = 75%"]),
    ),
    (
        "list after 分别为",
        "共收到申请20件，分别为当面申请5件、网上申请15件。",
        "共收到申请20件，分别为当面申请5件、网上申请12件。",
        ("NARRATIVE_SUM", "warning", ["5 + 12 = 17件", "20件"]),
    ),
]


@pytest.mark.parametrize(("shape", "right", "wrong", "expected"), SHAPES, ids=[s[0] for s in SHAPES])
def test_each_shape_right_is_silent_and_wrong_is_found(shape: str, right: str, wrong: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert _found(right) == []
    rule, severity, words = expected
    found = [f for f in _found(wrong) if f[0] == rule]
    assert len(found) == 1, _found(wrong)
    assert found[0][1] == severity
    assert all(w in found[0][2] for w in words), found[0][2]


@pytest.mark.parametrize(
    "sentence",
    [
        # A selection (主要包括) short of its total says nothing wrong.
        "全年共发布信息500条，主要包括政策文件100条、工作动态200条。",
        "在全市主动公开的2000条政府信息中，本局公开100条，占5%。",
        # 办结 may include last year's cases: 办理完毕 134 of 新收 129 is no error.
        "2019年我厅新收申请 129 件，办理完毕 134 件。",
        "全年共收到申请20件，办结25件（含上年结转5件），办结率100%。",
        "共收到申请20件，予以公开25件。",  # 予以公开 may answer last year's applications too
        "全年共收到网上申请10件，办结12件，办结率100%。",  # 办结 of all, not of the online ones
        # A frame with two figures, or a list of the next sentence that is other news.
        "在2021年收到的20件和2020年结转的5件申请中，予以公开15件，部分公开8件。",
        "全年主动公开政府信息1913条。其中，区县单位公开1397条，占73%。各乡镇积极开展培训30次，占比100%。",
        "共答复805件。予以公开率达到90%以上，群众满意度不断提高。",
        # A share of another base (the whole city's) says nothing of this total.
        "共收到申请20件，其中网上申请15件，占全市的3%。",
        "全年共收到申请20件，其中网上申请15件。",
    ],
)
def test_what_does_not_say_a_sum_is_silent(sentence: str) -> None:
    assert _found(sentence) == []


def test_a_finding_keeps_where_its_total_and_parts_stand() -> None:
    sentence = (
        "在本年度主动公开的425条政府信息中，机构职能类信息148条，政策文件类信息224条，安全生产、应急管理类信息63条。"
    )
    report = recognize(normalize(sentence).text)
    (finding,) = narrative_sum(report)
    marks = finding.figures["marks"]
    assert [report.text[a:b] for a, b in marks] == ["425条", "148条", "224条", "63条"]
    assert finding.source is not None and finding.source[0] <= marks[0][0] and marks[-1][1] <= finding.source[1]
