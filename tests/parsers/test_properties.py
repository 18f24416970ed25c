"""Properties of reading and auditing, checked on generated input (hypothesis).

- Mutated reports (the bundled samples with characters, lines and cells deleted,
  inserted, duplicated and swapped, `|` runs and random Unicode thrown in) never make
  `recognize` or `audit` raise, and each takes bounded time.
- A report written from random tables, in every layout the readers bring files to
  (`|` rows, a table flattened onto one line, space-separated cells, an HTML table, a
  Word table), reads back to the same tables, for both formats.
- Narrative with no figures, put before or after a report, changes neither its tables
  nor what the table rules find.
"""

from __future__ import annotations

import html
import io
import time
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.findings import Finding
from model.report import Report
from model.rules import audit
from model.schema import (
    FORMAT_2019,
    FORMAT_2021,
    SECTION_TITLES,
    T3_COL_LABELS,
    T4_COL_LABELS,
    TABLE2,
    TABLE3,
    TABLE4,
    TABLE4_SCHEMA,
    table_schema,
)
from parsers import load_report
from parsers.read.normalize import normalize
from parsers.recognize.document import recognize
from tests.conftest import SAMPLES

SAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
SECONDS_PER_TEXT = 3.0
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FILE_SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


def _read(text: str) -> Report:
    return recognize(normalize(text).text)


# ---- mutated samples --------------------------------------------------------------------

_NOISE = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
        st.sampled_from("|||| 0123456789,.、，。:：;（）()-—/\n\t\r一二三四五六七八九十项件万元总计其中共"),
    ),
    max_size=40,
)


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SAMPLE_TEXTS))
    for _ in range(draw(st.integers(1, 10))):
        op = draw(
            st.sampled_from(
                ["delete", "insert", "dup_span", "del_line", "dup_line", "swap_cells", "bars", "swap_lines"]
            )
        )
        n = len(text)
        a = draw(st.integers(0, n))
        b = min(n, a + draw(st.integers(0, 200)))
        lines = text.split("\n")
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            text = text[:a] + text[b:]
        elif op == "insert":
            text = text[:a] + draw(_NOISE) + text[a:]
        elif op == "dup_span":
            text = text[:b] + text[a:b] + text[b:]
        elif op == "bars":
            text = text[:a] + "|" * draw(st.integers(1, 30)) + text[a:]
        elif op == "del_line":
            text = "\n".join(lines[:i] + lines[i + 1 :])
        elif op == "dup_line":
            text = "\n".join(lines[: i + 1] + [lines[i]] * draw(st.integers(1, 5)) + lines[i + 1 :])
        elif op == "swap_lines":
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:  # swap two cells of a table row
            cells = lines[i].split("|")
            if len(cells) > 2:
                x, y = draw(st.integers(0, len(cells) - 1)), draw(st.integers(0, len(cells) - 1))
                cells[x], cells[y] = cells[y], cells[x]
                lines[i] = "|".join(cells)
                text = "\n".join(lines)
    return text


@SETTINGS
@given(mutated_text())
def test_mutated_reports_never_raise(text: str) -> None:
    start = time.perf_counter()
    report = _read(text)
    findings = audit(report)
    assert time.perf_counter() - start < SECONDS_PER_TEXT
    report.tables_json()
    assert all(isinstance(f, Finding) and f.message for f in findings)
    for f in findings:
        if f.source is not None:
            assert 0 <= f.source[0] <= f.source[1] <= len(report.text)


@SETTINGS
@given(st.text(max_size=3000))
def test_random_text_never_raises(text: str) -> None:
    start = time.perf_counter()
    audit(_read(text))
    assert time.perf_counter() - start < SECONDS_PER_TEXT


# ---- reports written from random tables -------------------------------------------------

Values = dict[str, dict[tuple[str, str], int]]
Row = list[str]


def _values(fmt: str) -> st.SearchStrategy[Values]:
    tables = {t: table_schema(t, fmt) for t in (TABLE2, TABLE3, TABLE4)}
    return st.fixed_dictionaries(
        {
            t: st.fixed_dictionaries({cell: st.integers(0, 99_999) for cell in schema.cells()})  # type: ignore[union-attr]
            for t, schema in tables.items()
        }
    )


def _table2_rows(fmt: str, values: dict[tuple[str, str], int]) -> list[Row]:
    schema = table_schema(TABLE2, fmt)
    assert schema is not None
    rows: list[Row] = []
    group = None
    for row in schema.rows:
        if row.group != group:
            group = row.group
            rows.append([group])
            rows.append(["信息内容", *(schema.col_labels[c] for c in row.cols)])
        rows.append([row.label, *(str(values[(row.id, c)]) for c in row.cols)])
    return rows


_T3_GROUP_HEADS = {
    "granted": "三、本年度办理结果",
    "refused.state_secret": "(三)不予公开",
    "unable.not_held": "(四)无法提供",
    "not_processed.complaint": "(五)不予处理",
    "other.no_correction": "(六)其他处理",
}


def _table3_rows(fmt: str, values: dict[tuple[str, str], int]) -> list[Row]:
    schema = table_schema(TABLE3, fmt)
    assert schema is not None
    rows: list[Row] = [
        ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况"],
        [T3_COL_LABELS["natural_person"], "法人或其他组织", T3_COL_LABELS["total"]],
        [T3_COL_LABELS[c] for c in ("commercial", "research", "social", "legal", "other_org")],
    ]
    for row in schema.rows:
        head = [_T3_GROUP_HEADS[row.id]] if row.id in _T3_GROUP_HEADS else []
        rows.append([*head, row.label, *(str(values[(row.id, c)]) for c in row.cols)])
    return rows


def _table4_rows(values: dict[tuple[str, str], int]) -> list[Row]:
    labels = [T4_COL_LABELS[c] for c in TABLE4_SCHEMA.rows[0].cols]
    return [
        ["行政复议", "行政诉讼"],
        [*labels, "未经复议直接起诉", "复议后起诉"],
        labels * 2,
        [str(values[(row.id, c)]) for row in TABLE4_SCHEMA.rows for c in row.cols],
    ]


Block = tuple[str, object]  # ("p", text) or ("table", rows)


def _report_blocks(fmt: str, values: Values) -> list[Block]:
    year = 2020 if fmt == FORMAT_2019 else 2022
    return [
        ("p", f"某某市某某局{year}年政府信息公开工作年度报告"),
        ("p", SECTION_TITLES[0]),
        ("p", "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。"),
        ("p", SECTION_TITLES[1]),
        ("table", _table2_rows(fmt, values[TABLE2])),
        ("p", SECTION_TITLES[2]),
        ("table", _table3_rows(fmt, values[TABLE3])),
        ("p", SECTION_TITLES[3]),
        ("table", _table4_rows(values[TABLE4])),
        ("p", SECTION_TITLES[4]),
        ("p", "公开内容的深度和广度仍需拓展，我局将进一步完善工作机制。"),
        ("p", SECTION_TITLES[5]),
        ("p", "本年度未收取信息处理费。"),
    ]


def _as_text(blocks: list[Block], layout: str) -> str:
    out: list[str] = []
    for kind, content in blocks:
        if kind == "p":
            out.append(str(content))
            continue
        rows: list[Row] = content  # type: ignore[assignment]
        if layout == "bars":
            out += [" | ".join(r) for r in rows]
        elif layout == "flat":
            out.append(" | ".join(" | ".join(r) for r in rows))
        else:  # spaces
            out += [" ".join(r) for r in rows]
    return "\n".join(out) + "\n"


def _as_html(blocks: list[Block]) -> bytes:
    parts = ["<html><head><meta charset='utf-8'></head><body>"]
    for kind, content in blocks:
        if kind == "p":
            parts.append(f"<p>{html.escape(str(content))}</p>")
        else:
            parts.append("<table border=1>")
            for row in content:  # type: ignore[attr-defined]
                parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
            parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")


def _as_docx(blocks: list[Block]) -> bytes:
    document = docx.Document()
    for kind, content in blocks:
        if kind == "p":
            document.add_paragraph(str(content))
            continue
        rows: list[Row] = content  # type: ignore[assignment]
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for line, row in zip(table.rows, rows):
            for cell, text in zip(line.cells, row):  # row by row: table.cell() rescans the table
                cell.text = text
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _expected(fmt: str, values: Values) -> dict[str, dict[str, dict[str, int]]]:
    out: dict[str, dict[str, dict[str, int]]] = {}
    for table, cells in values.items():
        rows: dict[str, dict[str, int]] = {}
        for (row, col), value in cells.items():
            rows.setdefault(row, {})[col] = value
        out[table] = rows
    return out


FORMATS = (FORMAT_2019, FORMAT_2021)


@pytest.mark.parametrize("layout", ["bars", "flat", "spaces"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_tables_written_as_text_read_back(fmt: str, layout: str) -> None:
    @SETTINGS
    @given(_values(fmt))
    def check(values: Values) -> None:
        report = _read(_as_text(_report_blocks(fmt, values), layout))
        assert report.format == fmt
        assert report.tables_json() == _expected(fmt, values)

    check()


@pytest.mark.parametrize("kind", ["html", "docx"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_tables_written_as_file_tables_read_back(fmt: str, kind: str, tmp_path: Path) -> None:
    @FILE_SETTINGS
    @given(_values(fmt))
    def check(values: Values) -> None:
        blocks = _report_blocks(fmt, values)
        path = tmp_path / f"报告 随机.{kind}"
        path.write_bytes(_as_html(blocks) if kind == "html" else _as_docx(blocks))
        report = load_report(path)
        assert report.error is None and report.format == fmt
        assert report.tables_json() == _expected(fmt, values)

    check()


# ---- unrelated narrative changes nothing in the tables ----------------------------------

_PROSE = [
    "我局始终坚持以人民为中心的发展思想，把政务公开作为密切联系群众的重要途径。",
    "进一步加强政务公开平台建设，不断提升公开质量和实效。",
    "严格落实保密审查制度，确保公开内容准确规范。",
    "持续优化办理流程，畅通群众获取信息的渠道。",
    "下一步，我们将继续深化政务公开工作，更好地服务经济社会发展。",
    "加强业务培训，提高工作人员的政策水平和业务能力。",
]
_TABLE_RULES = {
    "T3_BALANCE",
    "T3_OUTCOME_SUM",
    "T3_ROW_TOTAL",
    "T4_TOTAL",
    "EMPTY_CELL",
    "ROW_MISSING",
    "LABEL_ALTERED",
    "NOT_A_NUMBER",
    "NEGATIVE",
    "TABLE_MISSING",
}


def _table_findings(report: Report) -> list[tuple[object, ...]]:
    return sorted(
        (f.rule, f.severity, tuple((c.table, c.row, c.col or "") for c in f.cells), repr(sorted(f.figures.items())))
        for f in audit(report)
        if f.rule in _TABLE_RULES
    )


_BASELINES = {i: _read(t) for i, t in enumerate(SAMPLE_TEXTS)}


@SETTINGS
@given(
    st.integers(0, len(SAMPLE_TEXTS) - 1),
    st.lists(st.sampled_from(_PROSE), max_size=6),
    st.lists(st.sampled_from(_PROSE), max_size=6),
    st.sampled_from(["\n", "", "\n\n"]),
)
def test_unrelated_narrative_changes_no_table(index: int, before: list[str], after: list[str], joiner: str) -> None:
    base = _BASELINES[index]
    text = SAMPLE_TEXTS[index]
    if before:
        text = joiner.join(before) + "\n" + text
    if after:
        text = text.rstrip("\n") + "\n" + joiner.join(after) + "\n"
    report = _read(text)
    assert report.format == base.format
    assert report.tables_json() == base.tables_json()
    assert _table_findings(report) == _table_findings(base)
