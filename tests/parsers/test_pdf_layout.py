"""The PDF layout steps hold equal to pdfplumber's own, on generated glyphs and rules.

`parsers.read.pdf_layout` is pdfplumber's text-line, table and cell-text algorithms rewritten
on plain tuples (the reader no longer goes through pdfplumber's page objects). pdfplumber
is the plain version: each step, given the same glyphs or edges, must give what
pdfplumber's functions give, to the last bit of every coordinate.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber import table as pl_table
from pdfplumber.utils import text as pl_text
from pdfplumber.utils.geometry import filter_edges

from parsers.read import pdf_layout as L

# Coordinates on a coarse lattice with small offsets: ties and gaps right at the 3 pt
# tolerances are common, as in real producers' round numbers.
coord = st.builds(lambda n, k: n * 1.5 + k, st.integers(0, 60), st.sampled_from([0.0, 0.0, 0.25, 0.1, 3.0]))


@st.composite
def edges(draw: Any) -> list[L.Edge]:
    out = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.sampled_from(["rect", "line", "line", "curve"]))
        x0, x1 = sorted((draw(coord), draw(coord)))
        top, bottom = sorted((draw(coord), draw(coord)))
        if kind == "rect":
            out += L.rect_edges(x0, top, x1, bottom)
        elif kind == "line":
            flat = draw(st.sampled_from(["h", "v", "slant"]))
            if flat == "h":
                out.append(L.line_edge(x0, top, x1, top))
            elif flat == "v":
                out.append(L.line_edge(x0, top, x0, bottom))
            else:
                out.append(L.line_edge(x0, top, x1, bottom))
        else:
            out += L.curve_edges([(x0, top), (x1, top), (x1, bottom), (draw(coord), bottom)])
    return out


def _edge_dict(e: L.Edge) -> dict[str, Any]:
    return {
        "object_type": "line",
        "orientation": e.orientation,
        "x0": e.x0,
        "x1": e.x1,
        "top": e.top,
        "bottom": e.bottom,
        "doctop": e.top,
        "width": e.x1 - e.x0,
        "height": e.bottom - e.top,
    }


def _plumber_edges(found: list[L.Edge]) -> list[dict[str, Any]]:
    """pdfplumber's TableFinder.get_edges for the line strategy, on these edges."""
    dicts = [_edge_dict(e) for e in found]
    merged = pl_table.merge_edges(
        filter_edges(dicts, "v", min_length=1) + filter_edges(dicts, "h", min_length=1), 3, 3, 3, 3
    )
    return filter_edges(merged, min_length=3)


def _key(e: Any) -> tuple[str, float, float, float, float]:
    if isinstance(e, dict):
        return (e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"])
    return (e.orientation, e.x0, e.top, e.x1, e.bottom)


@settings(max_examples=150, deadline=None)
@given(edges())
def test_merged_edges_are_pdfplumbers(found: list[L.Edge]) -> None:
    assert sorted(map(_key, L.merge_edges(found))) == sorted(map(_key, _plumber_edges(found)))


@st.composite
def ruled_tables(draw: Any) -> list[L.Edge]:
    """Grids of rules with some rule pieces left out (merged cells), now and then a stray rule."""
    out: list[L.Edge] = []
    for _ in range(draw(st.integers(1, 3))):
        left, top = draw(coord), draw(coord) * 4
        xs = [left]
        for _ in range(draw(st.integers(1, 5))):
            xs.append(xs[-1] + draw(st.sampled_from([2.0, 3.0, 4.5, 20.0, 41.0])))
        ys = [top]
        for _ in range(draw(st.integers(1, 5))):
            ys.append(ys[-1] + draw(st.sampled_from([2.5, 3.0, 15.0, 22.0])))
        for r in range(len(ys) - 1):
            for c in range(len(xs) - 1):
                if draw(st.integers(0, 5)):
                    out.append(L.line_edge(xs[c], ys[r], xs[c + 1], ys[r]))
                if draw(st.integers(0, 5)):
                    out.append(L.line_edge(xs[c], ys[r], xs[c], ys[r + 1]))
        out.append(L.line_edge(xs[0], ys[-1], xs[-1], ys[-1]))
        out.append(L.line_edge(xs[-1], ys[0], xs[-1], ys[-1]))
    return out + draw(edges())


def _plumber_tables(found: list[L.Edge]) -> list[tuple[Any, list[list[Any]]]]:
    merged = _plumber_edges(found)
    cells = pl_table.intersections_to_cells(pl_table.edges_to_intersections(merged, 3, 3))
    tables = [pl_table.Table(None, group) for group in pl_table.cells_to_tables(cells)]  # type: ignore[arg-type]
    return [(t.bbox, [row.cells for row in t.rows]) for t in tables]


@settings(max_examples=150, deadline=None)
@given(ruled_tables())
def test_tables_are_pdfplumbers(found: list[L.Edge]) -> None:
    assert [(t.bbox, t.rows) for t in L.find_tables(found)] == _plumber_tables(found)


letters = st.sampled_from(list("一二三四五六七八九十") + list("ab12.,") + [" "])


@st.composite
def glyphs(draw: Any) -> list[L.Glyph]:
    """Lines of glyphs at jittered heights and gaps, some turned, in shuffled runs."""
    out = []
    for line in range(draw(st.integers(0, 6))):
        top = line * draw(st.sampled_from([4.0, 12.0, 14.5])) + draw(st.sampled_from([0.0, 0.0, 1.5, 3.0, 3.5]))
        x = draw(coord)
        upright = draw(st.integers(0, 9)) > 0
        for _ in range(draw(st.integers(1, 8))):
            width = draw(st.sampled_from([2.5, 6.0, 10.5, 12.0]))
            size = draw(st.sampled_from([10.0, 12.0]))
            jitter = draw(st.sampled_from([0.0, 0.0, 0.0, 1.0, 3.25]))
            out.append(L.Glyph(draw(letters), x, x + width, top + jitter, top + jitter + size, size, upright))
            x += width + draw(st.sampled_from([0.0, 0.0, 1.0, 3.0, 3.5, -2.0, 8.0]))
    return draw(st.permutations(out)) if draw(st.booleans()) else out


def _char_dicts(found: list[L.Glyph]) -> list[dict[str, Any]]:
    return [
        {
            "text": g.text,
            "x0": g.x0,
            "x1": g.x1,
            "top": g.top,
            "bottom": g.bottom,
            "doctop": g.top,
            "upright": g.upright,
            "size": g.size,
            "i": i,
        }
        for i, g in enumerate(found)
    ]


@settings(max_examples=150, deadline=None)
@given(glyphs())
def test_text_lines_are_pdfplumbers(found: list[L.Glyph]) -> None:
    chars = _char_dicts(found)
    theirs = pl_text.chars_to_textmap(chars, layout_bbox=(0, 0, 1, 1)).extract_text_lines(strip=True, return_chars=True)
    mine = L.text_lines(found)
    index = {id(g): i for i, g in enumerate(found)}
    assert [[index[id(g)] for g in line] for line in mine] == [[c["i"] for c in line["chars"]] for line in theirs]


@settings(max_examples=150, deadline=None)
@given(glyphs())
def test_cell_text_is_pdfplumbers(found: list[L.Glyph]) -> None:
    assert L.cell_text(found) == pl_text.extract_text(_char_dicts(found))


@settings(max_examples=100, deadline=None)
@given(ruled_tables(), glyphs())
def test_table_texts_are_pdfplumbers(found: list[L.Edge], text: list[L.Glyph]) -> None:
    page = SimpleNamespace(chars=_char_dicts(text))
    merged = _plumber_edges(found)
    cells = pl_table.intersections_to_cells(pl_table.edges_to_intersections(merged, 3, 3))
    theirs = [pl_table.Table(page, group).extract() for group in pl_table.cells_to_tables(cells)]  # type: ignore[arg-type]
    assert [L.table_texts(t, text) for t in L.find_tables(found)] == theirs
