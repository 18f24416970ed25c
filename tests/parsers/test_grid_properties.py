"""The fast paths of the grids and the web-page reader against their plain forms
(`parsers/read/grid.py`, `parsers/read/html_reader.py`): cells cleaned, tables placed,
grids trimmed and written, and whole pages read must come out as the plain forms make
them, on cells, tables and pages generated from the pieces that reach every branch."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers.read import grid as G
from parsers.read import html_reader
from parsers.read.grid import COVERED_INPLACE, COVERED_TRAILING, RenderOptions, TextBuilder

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# What a cell's text is made of: words, figures, every kind of space and line break, the
# invisible characters, bars, and what a spaced number (1 171万元) holds.
CELL_PIECES = (
    *("收到", "申请", "甲", "a", "1", "171", "0", "3.5", "万元", "件", "%", "+", "-", ",", "."),
    *(" ", "  ", "\n", "\r\n", "\r", "\t", "\u3000", "\u00a0", "\u2002", "\u2009", "\f"),
    *("\u200b", "\u00ad", "\ufeff", "\u2028", "\x1c", "|", "（", "）", "："),
)
CELL_TEXTS = st.lists(st.sampled_from(CELL_PIECES), max_size=12).map("".join)


@SETTINGS
@given(CELL_TEXTS)
def test_cells_and_lines_are_cleaned_as_the_plain_steps_clean_them(text: str) -> None:
    assert G.clean_cell(text) == G.clean_cell_plain(text)
    assert G.clean_line(text) == G.clean_line_plain(text)


# A span as a table gives it, clipped or not: 0 and negative values, the usual ones, and
# one past MAX_SPAN.
_SPAN = st.sampled_from([-1, 0, 1, 1, 2, 2, 3, 4, G.MAX_SPAN + 1])
_ROW = st.lists(st.tuples(st.sampled_from(["", "a", "1", "甲", "乙 丙"]), _SPAN, _SPAN), max_size=6)
TABLES = st.lists(_ROW, max_size=7)


def _span_rows(table: list[list[tuple[str, int, int]]]) -> list[G.SpanRow]:
    return [
        ([text for text, _, _ in row], [(i, rs, cs) for i, (_, rs, cs) in enumerate(row) if (rs, cs) != (1, 1)])
        for row in table
    ]


@SETTINGS
@given(TABLES)
def test_tables_are_placed_as_cell_by_cell_placing_places_them(table: list[list[tuple[str, int, int]]]) -> None:
    rows = _span_rows(table)
    assert G.grid_from_rows(rows) == G.grid_from_rows_plain(rows)


@SETTINGS
@given(TABLES, st.sampled_from([COVERED_TRAILING, COVERED_INPLACE]), st.booleans())
def test_grids_are_trimmed_and_written_as_the_plain_writer_writes_them(
    table: list[list[tuple[str, int, int]]], covered: str, line_before: bool
) -> None:
    grid = G.grid_from_rows_plain(_span_rows(table))
    assert grid.trimmed() == grid.trimmed_plain()
    fast, plain = TextBuilder(RenderOptions(covered)), TextBuilder(RenderOptions(covered))
    for builder, write in ((fast, fast.grid), (plain, plain.grid_plain)):
        if line_before:
            builder.line("说明")
        write(grid)
        write(grid)
    assert fast.text() == plain.text()
    assert fast.grids == plain.grids


# Pages: paragraphs and tables whose cells carry every kind of attribute a page gives
# them (spans as numbers, padded, with units, broken; hidden cells), nested elements and
# whitespace between them, and now and then a table inside a table.
_ATTRS = st.lists(
    st.sampled_from(
        [
            'rowspan="2"',
            'rowspan="1"',
            'colspan="2"',
            'colspan="1"',
            'colspan=" 3"',
            'colspan="2px"',
            'rowspan="x"',
            'colspan="0"',
            'style="display:none"',
            'style="color: red"',
            "hidden",
            'class="c"',
        ]
    ),
    max_size=2,
    unique=True,
).map(" ".join)
_INLINE = st.sampled_from(
    ["收到", "12", " ", "\n", "  ", "|", "1 171", "\u3000", "<br>", "<p>段</p>", "<span>5</span>", "&nbsp;"]
    + ['<span style="display:none">隐</span>', '<span style="font-size:12pt">字</span>', "<b> 粗 </b>", "<i>斜</i>"]
)
_CELL = st.tuples(st.sampled_from(["td", "td", "th", "p"]), _ATTRS, st.lists(_INLINE, max_size=4).map("".join))
_TR = st.lists(_CELL, max_size=5).map(
    lambda cells: "<tr>" + "".join(f"<{t} {a}>{x}</{t}>" for t, a, x in cells) + "</tr>"
)
_TABLE = st.tuples(st.lists(_TR, max_size=5), st.sampled_from(["", "<caption>表一</caption>", "<tbody>"])).map(
    lambda parts: "<table>" + parts[1] + "".join(parts[0]) + "</table>"
)
_NESTED = _TABLE.map(lambda inner: f"<table><tr><td>外</td><td>{inner}</td></tr></table>")
_BLOCK = st.one_of(
    _TABLE,
    _TABLE,
    _NESTED,
    st.lists(_INLINE, max_size=4).map(lambda x: "<p>" + "".join(x) + "</p>"),
    st.sampled_from(["\n  ", "<div> 正文 </div>", "<nav>导航</nav>", '<div class="footer">页脚</div>', "尾"]),
)
PAGES = st.lists(_BLOCK, max_size=5).map(
    lambda blocks: ("<html><body>" + "".join(blocks) + "</body></html>").encode("utf-8")
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGES, st.sampled_from([COVERED_TRAILING, COVERED_INPLACE]))
def test_pages_are_read_as_the_plain_renderer_reads_them(page: bytes, covered: str) -> None:
    options = RenderOptions(covered)
    try:
        fast = html_reader.read_html(page, options)
    except Exception as exc:  # a page refused by one must be refused by the other, alike
        plain_error = None
        try:
            html_reader.read_html(page, options, html_reader._PlainRenderer)
        except Exception as other:
            plain_error = other
        assert plain_error is not None and str(plain_error) == str(exc)
        return
    assert fast == html_reader.read_html(page, options, html_reader._PlainRenderer)
