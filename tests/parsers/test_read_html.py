"""HTML reader: saved pages built in the test, read back through `load_report`.

The strongest check rebuilds a seed report as a web page with the official tables laid
out as the form is (rowspan/colspan, wrapped header words) and asserts the same cells as
reading the seed's text. `official_blocks` is shared with the Word tests.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from parsers import load_report
from parsers.read.grid import COVERED_INPLACE, RenderOptions
from parsers.read.readers import read_document

SEEDS = Path("/work/shared/seeds")
SEED_2019 = SEEDS / "003_b7caf00a3cd44191.txt"
SEED_2021 = SEEDS / "001_f1295613e25d1688.txt"

# A cell of a built table: its lines (wrapped inside the cell), rowspan, colspan.
Cell = tuple[list[str], int, int]
Block = tuple[str, object]  # ("p", text) or ("table", list[list[Cell]])


def _seed_tables(src: str) -> list[Block]:
    """The seed as paragraphs and tables of `|` cells (blank cells dropped)."""
    blocks: list[Block] = []
    for line in src.split("\n"):
        if "|" in line:
            cells = [c.strip() for c in line.split("|") if c.strip()]
            if blocks and blocks[-1][0] == "rows":
                blocks[-1][1].append(cells)  # type: ignore[union-attr]
            else:
                blocks.append(("rows", [cells]))
        elif line.strip():
            blocks.append(("p", line.strip()))
    return blocks


def _is_value(text: str) -> bool:
    return bool(re.match(r"^[-+]?[\d,.]+(万元|元)?$", text))


def _layout_table3(rows: list[list[str]]) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    header, body = rows[:3], rows[3:]
    if body and body[0] and body[0][0] in ("企业",):  # header words cut over two rows
        header[2] = [f"{a}\n{b}" for a, b in zip(header[2], body[0])] + header[2][len(body[0]) :]
        body = body[1:]
    out.append([(header[0][0].split("\n"), 3, 3), ([header[0][1]], 1, 7)])
    out.append([([header[1][0]], 2, 1), ([header[1][1]], 1, 5), ([header[1][2]], 2, 1)])
    out.append([(h.split("\n"), 1, 1) for h in header[2]])
    active: list[int] = []  # rows left for each open rowspan (leftmost columns)
    for i, cells in enumerate(body):
        labels = [c for c in cells if not _is_value(c)]
        values = [c for c in cells if _is_value(c)]
        row: list[Cell] = []
        occupied = len(active)
        for label in labels[:-1]:
            if label.startswith("三、"):
                span = next(j for j in range(i, len(body)) if body[j][0].startswith("四、")) - i
            else:
                span = 1
                while i + span < len(body) and re.match(r"^\d\.", body[i + span][0]):
                    span += 1
            row.append(([label], span, 1))
            active.append(span)
        last_span = 3 - occupied - (len(labels) - 1)
        row.append(([labels[-1]], 1, last_span))
        row += [([v], 1, 1) for v in values]
        out.append(row)
        active = [a - 1 for a in active if a > 1]
    return out


def _layout_table4(rows: list[list[str]]) -> list[list[Cell]]:
    return [
        [([rows[0][0]], 1, 5), ([rows[0][1]], 1, 10)],
        [([c], 2, 1) for c in rows[1][:5]] + [([rows[1][5]], 1, 5), ([rows[1][6]], 1, 5)],
        [([c], 1, 1) for c in rows[2]],
        [([c], 1, 1) for c in rows[3]],
    ]


def _layout_table2(rows: list[list[str]]) -> list[list[Cell]]:
    width = max(len(r) for r in rows)
    return [[([c], 1, 1) for c in r[:-1]] + [([r[-1]], 1, width - len(r) + 1)] for r in rows]


def official_blocks(seed: Path) -> list[Block]:
    """A seed report with its three tables laid out as the official form (spans, wraps)."""
    out: list[Block] = []
    for kind, content in _seed_tables(seed.read_text(encoding="utf-8")):
        if kind == "p":
            out.append((kind, content))
            continue
        rows: list[list[str]] = content  # type: ignore[assignment]
        first = rows[0][0]
        if "勾稽" in first:
            out.append(("table", _layout_table3(rows)))
        elif first == "行政复议":
            out.append(("table", _layout_table4(rows)))
        else:
            out.append(("table", _layout_table2(rows)))
    return out


def blocks_to_html(blocks: list[Block], charset: str = "utf-8") -> bytes:
    parts = [
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">',
        "<style>td{border:1px solid}</style><script>var x='规章 | 9 | 9 | 9';</script></head><body>",
        '<div class="top-nav"><a href="/">首页</a> | <a href="/gk">政务公开</a></div>',
        '<table width="100%"><tr><td><table><tr><td>',
    ]
    for kind, content in blocks:
        if kind == "p":
            parts.append(f"<p>{html.escape(str(content))}</p>")
            continue
        parts.append('<table border="1">')
        for row in content:  # type: ignore[union-attr]
            tds = "".join(
                f'<td rowspan="{rs}" colspan="{cs}">{"<br>".join(html.escape(x) for x in lines)}</td>'
                for lines, rs, cs in row
            )
            parts.append(f"<tr>{tds}</tr>")
        parts.append("</table>")
    parts.append(
        '</td></tr></table></td></tr></table><div id="footer">主办单位：某某局 | 网站标识码</div></body></html>'
    )
    return "\n".join(parts).encode(charset if charset != "gb2312" else "gb18030")


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt") if not p.name.startswith("004")))
def test_seed_as_plain_html_table_reads_like_the_text(tmp_path: Path, seed: str) -> None:
    """Each `|` line of the seed as one table row: the same cells as the text."""
    src = (SEEDS / seed).read_text(encoding="utf-8")
    blocks: list[Block] = []
    for kind, content in _seed_tables(src):
        blocks.append((kind, [[([c], 1, 1) for c in r] for r in content] if kind == "rows" else content))
    blocks = [("table" if k == "rows" else k, c) for k, c in blocks]
    path = tmp_path / "report.html"
    path.write_bytes(blocks_to_html(blocks, "gb2312"))
    report = load_report(path)
    expected = load_report(SEEDS / seed)
    assert report.error is None
    assert (report.format, report.year) == (expected.format, expected.year)
    assert report.tables_json() == expected.tables_json()


@pytest.mark.parametrize("seed", [SEED_2019, SEED_2021])
def test_official_layout_with_spans_reads_like_the_text(tmp_path: Path, seed: Path) -> None:
    path = tmp_path / "report.htm"
    path.write_bytes(blocks_to_html(official_blocks(seed)))
    report = load_report(path)
    expected = load_report(seed)
    assert report.error is None
    assert report.format == expected.format
    got, want = report.tables_json(), expected.tables_json()
    for table in want:
        for row in want[table]:
            assert got[table][row] == want[table][row], (table, row)
    assert any(v not in (None, 0) for row in got["table3"].values() for v in row.values()) or "001" in seed.name


def test_page_chrome_and_scripts_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_bytes(blocks_to_html(official_blocks(SEED_2019)))
    text = read_document(path).text
    assert "首页" not in text and "网站标识码" not in text and "var x" not in text
    assert "三、收到和处理政府信息公开申请情况" in text


def test_grid_lines_and_spans(tmp_path: Path) -> None:
    page = """<html><body><p>前言</p><table>
    <tr><td rowspan="2">三、本年度<br>办理结果</td><td colspan="2">(一)予以公开</td><td>5</td></tr>
    <tr><td>(三)不予公开</td><td>1.属于<br>国家秘密</td><td></td></tr>
    </table><p>结尾</p></body></html>"""
    path = tmp_path / "g.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    lines = doc.text.split("\n")
    assert lines[1] == "三、本年度办理结果 | (一)予以公开 | 5 |  |"
    assert lines[2] == "(三)不予公开 | 1.属于国家秘密 |  |  |"
    (grid,) = doc.grids
    assert [[c[0] for c in row] for row in grid] == [
        ["三、本年度办理结果", "(一)予以公开", "", "5"],
        ["", "(三)不予公开", "1.属于国家秘密", ""],
    ]
    for row in grid:
        for text, start, end in row:
            assert doc.text[start:end] == text
    inplace = read_document(path, RenderOptions(covered=COVERED_INPLACE))
    assert inplace.text.split("\n")[1:3] == [
        "三、本年度办理结果 | (一)予以公开 |  | 5",
        "|  | (三)不予公开 | 1.属于国家秘密 |  |",
    ]


def test_hidden_cells_and_loose_span_values(tmp_path: Path) -> None:
    # Hidden cells are left out but keep their place in the width; "2px" reads as 2.
    page = """<html><body><table>
    <tr><td>办理结果</td><td hidden>隐藏</td><td>5</td></tr>
    <tr><td style="color:red">合计</td><td style="DISPLAY : none">x</td><td rowspan="2px" colspan="">7</td></tr>
    <tr><td><span style="display:none">注</span>其他</td><td>3</td></tr>
    </table><table><tr><td>甲</td><td style="display:none">乙</td></tr></table></body></html>"""
    path = tmp_path / "h.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert doc.text.split("\n")[:4] == ["办理结果 | 5 |  |", "合计 | 7 |  |", "其他 | 3 |  |", "甲"]
    assert [[c[0] for c in row] for row in doc.grids[0]] == [
        ["办理结果", "5", ""],
        ["合计", "7", ""],
        ["其他", "", "3"],
    ]
    assert [[c[0] for c in row] for row in doc.grids[1]] == [["甲"]]  # two columns wide, one shown


def test_gbk_page_without_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "gbk.html"
    path.write_bytes(
        "<html><body><p>政府信息公开工作年度报告</p><table><tr><td>规章</td><td>3</td></tr></table></body></html>".encode(
            "gbk"
        )
    )
    doc = read_document(path)
    assert "政府信息公开工作年度报告" in doc.text and "规章 | 3" in doc.text


def test_no_remote_fetch_and_no_entity_expansion(tmp_path: Path) -> None:
    page = (
        '<!DOCTYPE html [<!ENTITY a "啊啊啊啊啊啊啊啊">]><html><body><p>&a;&a;</p>'
        '<img src="http://127.0.0.1:9/x.png"><iframe src="http://127.0.0.1:9/"></iframe><p>正文</p></body></html>'
    )
    path = tmp_path / "e.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert "正文" in doc.text and "啊啊啊啊啊啊啊啊啊" not in doc.text


@pytest.mark.parametrize("data", [b"", b"   \n", bytes(range(256)) * 40, b"\x89PNG\r\n\x1a\n" + b"\x00" * 500])
def test_empty_or_binary_html_gives_an_error_sentence(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    report = load_report(path)
    assert report.error and report.error.endswith("。") and "\n" not in report.error
