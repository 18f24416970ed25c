"""A PDF page's glyphs and rules as text lines and ruled tables, the way pdfplumber sees them.

The PDF reader used to ask pdfplumber for its lines of text (`extract_text_lines`), its
ruled tables (`find_tables` with the line strategy) and their cells' text. The page is now
read by PDFium, and these are the same steps on plain tuples, so that what the reader
makes of a page does not change with the engine:

- Text lines: glyphs grouped by orientation, clustered into lines by their tops (3 pt),
  split into words at gaps over 3 pt and at real spaces, and the words clustered by their
  tops again, neighbours in reading order forming one line.
- Tables: every rule (rectangle sides, lines, straight pieces of curves) as a horizontal
  or vertical edge; edges within 3 pt snapped to one position and joined end to end; their
  crossings; the smallest rectangles those crossings close; cells sharing a corner are one
  table.
- A cell's text: its glyphs (centres inside it) in lines and words, as above.

Each step keeps pdfplumber's tolerances and its quirks (a diagonal line counts as a
vertical edge at its left end), and the tests hold the results equal to pdfplumber's own
functions on generated pages. Coordinates are points from the page's top-left corner.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import groupby
from operator import attrgetter, itemgetter
from typing import NamedTuple

TOLERANCE = 3.0  # pdfplumber's x/y tolerance for words and lines, and its snap, join and crossing tolerances
MIN_EDGE_BEFORE = 1.0  # edges shorter than this are left out before snapping
MIN_EDGE = 3.0  # and after joining
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


class Glyph(NamedTuple):
    """One character drawn on the page; `text` is whitespace for a space the PDF draws."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    upright: bool


class Edge(NamedTuple):
    """A horizontal ("h") or vertical ("v") rule. A diagonal line is a "v" edge whose x1
    differs from its x0, as pdfplumber has it; only x0 places it."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float


class Table(NamedTuple):
    """A ruled table: its box, and per row the box of the cell starting in each column
    (None where a cell from another row or column covers it)."""

    bbox: Box
    rows: list[list[Box | None]]


# ---- shapes → edges -------------------------------------------------------------------------


def rect_edges(x0: float, top: float, x1: float, bottom: float) -> list[Edge]:
    """The four sides of a rectangle."""
    edge = tuple.__new__  # a third of the time of Edge(...): pages of table borders have thousands
    return [
        edge(Edge, ("h", x0, top, x1, top)),
        edge(Edge, ("h", x0, bottom, x1, bottom)),
        edge(Edge, ("v", x0, top, x0, bottom)),
        edge(Edge, ("v", x1, top, x1, bottom)),
    ]


def line_edge(x0: float, top: float, x1: float, bottom: float) -> Edge:
    """A line: horizontal when flat, otherwise (even slanted) vertical."""
    return Edge("h" if top == bottom else "v", x0, top, x1, bottom)


def curve_edges(points: Sequence[tuple[float, float]]) -> list[Edge]:
    """The straight horizontal and vertical pieces between a curve's points (x, top)."""
    out = []
    for (ax, at), (bx, bt) in zip(points, points[1:]):
        if ax == bx or at == bt:
            out.append(Edge("v" if ax == bx else "h", min(ax, bx), min(at, bt), max(ax, bx), max(at, bt)))
    return out


# ---- clustering -----------------------------------------------------------------------------


def cluster_ids(values: Iterable[float], tolerance: float = TOLERANCE) -> dict[float, int]:
    """Each value's cluster: sorted values within `tolerance` of the previous one chain."""
    ids: dict[float, int] = {}
    n = -1
    last = 0.0
    for value in sorted(set(values)):
        if n < 0 or value > last + tolerance:
            n += 1
        ids[value] = n
        last = value
    return ids


# ---- words and lines ------------------------------------------------------------------------


def _words(glyphs: Sequence[Glyph], upright: bool) -> list[list[Glyph]]:
    """Glyphs of one orientation as words: lines by their tops (by x0 when turned), each
    line read left to right (top to bottom), cut at gaps, jumps back and real spaces."""
    if upright:
        line_key, order_key = attrgetter("top"), attrgetter("x0")
    else:
        line_key, order_key = attrgetter("x0"), attrgetter("top", "bottom")
    ids = cluster_ids(map(line_key, glyphs))
    ordered = sorted(glyphs, key=lambda g: ids[line_key(g)])
    words: list[list[Glyph]] = []
    for _, line in groupby(ordered, key=lambda g: ids[line_key(g)]):
        word: list[Glyph] = []
        for g in sorted(line, key=order_key):
            if g.text.isspace():
                if word:
                    words.append(word)
                word = []
                continue
            if word:
                p = word[-1]
                if upright:
                    new = g.x0 < p.x0 or g.x0 > p.x1 + TOLERANCE or abs(g.top - p.top) > TOLERANCE
                else:
                    new = g.top < p.top or g.top > p.bottom + TOLERANCE or abs(g.x0 - p.x0) > TOLERANCE
                if new:
                    words.append(word)
                    word = []
            word.append(g)
        if word:
            words.append(word)
    return words


def words(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """All words, each run of glyphs of one orientation taken in turn."""
    out: list[list[Glyph]] = []
    for upright, run in groupby(glyphs, key=attrgetter("upright")):
        out += _words(list(run), upright)
    return out


def _word_top(word: list[Glyph]) -> float:
    return min(g.top for g in word)


def text_lines(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """The glyphs of each line of text, in reading order (pdfplumber's
    `extract_text_lines`): words whose tops cluster together and come one after another."""
    found = words(glyphs)
    ids = cluster_ids(map(_word_top, found))
    return [[g for word in group for g in word] for _, group in groupby(found, key=lambda w: ids[_word_top(w)])]


def word_text(word: list[Glyph]) -> str:
    return "".join(LIGATURES.get(g.text, g.text) for g in word)


def cell_text(glyphs: Sequence[Glyph]) -> str:
    """A cell's text (pdfplumber's `extract_text`): its words, a line per cluster of tops."""
    found = words(glyphs)
    ids = cluster_ids(map(_word_top, found))
    found.sort(key=lambda w: ids[_word_top(w)])
    return "\n".join(
        " ".join(word_text(w) for w in line) for _, line in groupby(found, key=lambda w: ids[_word_top(w)])
    )


# ---- edges → tables -------------------------------------------------------------------------


def merge_edges(edges: Iterable[Edge]) -> list[Edge]:
    """Edges of some length, snapped to shared positions and joined end to end, then those
    still too short left out (pdfplumber's `merge_edges` and the filters around it)."""
    # Each edge as (position across, start, end, far side across): x0, top, bottom, x1 for a
    # vertical edge; top, x0, x1, bottom for a horizontal one.
    vertical: list[_Span] = []
    horizontal: list[_Span] = []
    for e in edges:
        if e.orientation == "v":
            if e.bottom - e.top >= MIN_EDGE_BEFORE:
                vertical.append((e.x0, e.top, e.bottom, e.x1))
        elif e.x1 - e.x0 >= MIN_EDGE_BEFORE:
            horizontal.append((e.top, e.x0, e.x1, e.bottom))
    out = [
        Edge("v", at, start, far, end) for at, start, end, far in _joined(_snapped(vertical)) if end - start >= MIN_EDGE
    ]
    out += [
        Edge("h", start, at, end, far)
        for at, start, end, far in _joined(_snapped(horizontal))
        if end - start >= MIN_EDGE
    ]
    return out


_Span = tuple[float, float, float, float]


def _snapped(spans: list[_Span]) -> list[_Span]:
    """Spans moved across to the mean position of their cluster, with pdfplumber's
    arithmetic (the mean by `sum`, each side moved by the mean less the position), so that
    positions compare equal as they do there."""
    ids = cluster_ids(span[0] for span in spans)
    members: dict[int, list[float]] = {}
    for span in spans:
        members.setdefault(ids[span[0]], []).append(span[0])
    means = {n: sum(values) / len(values) for n, values in members.items()}
    out = []
    for at, start, end, far in spans:
        shift = means[ids[at]] - at
        out.append((at + shift, start, end, far + shift))
    return out


def _joined(spans: list[_Span]) -> list[_Span]:
    """Spans on one line that overlap or nearly touch, joined into one (the first keeps
    its far side)."""
    out: list[_Span] = []
    for _, group in groupby(sorted(spans, key=itemgetter(0)), key=itemgetter(0)):
        first = len(out)
        for span in sorted(group, key=itemgetter(1)):
            last = out[-1] if len(out) > first else None
            if last is not None and span[1] <= last[2] + TOLERANCE:
                if span[2] > last[2]:
                    out[-1] = (last[0], last[1], span[2], last[3])
            else:
                out.append(span)
    return out


Point = tuple[float, float]


def intersections(edges: Sequence[Edge]) -> dict[Point, tuple[set[Box], set[Box]]]:
    """Where a vertical edge meets a horizontal one (within 3 pt): the point, and the
    boxes of the vertical and of the horizontal edges through it."""
    vertical = sorted((e for e in edges if e.orientation == "v"), key=attrgetter("x0", "top"))
    horizontal = sorted((e for e in edges if e.orientation == "h"), key=attrgetter("top", "x0"))
    tops = [h.top for h in horizontal]
    out: dict[Point, tuple[set[Box], set[Box]]] = {}
    for v in vertical:
        # Only the horizontal edges near the vertical one's reach (a point of slack either
        # side; the test below is pdfplumber's, to the last bit).
        for h in horizontal[bisect_left(tops, v.top - TOLERANCE - 1) :]:
            if h.top > v.bottom + TOLERANCE + 1:
                break
            if (
                v.top <= h.top + TOLERANCE
                and v.bottom >= h.top - TOLERANCE
                and h.x0 - TOLERANCE <= v.x0 <= h.x1 + TOLERANCE
            ):
                vs, hs = out.setdefault((v.x0, h.top), (set(), set()))
                vs.add((v.x0, v.top, v.x1, v.bottom))
                hs.add((h.x0, h.top, h.x1, h.bottom))
    return out


def cells(crossings: dict[Point, tuple[set[Box], set[Box]]]) -> list[Box]:
    """For each crossing, the smallest rectangle it opens whose four sides are edges
    (pdfplumber's `intersections_to_cells`)."""
    points = sorted(crossings)
    below: dict[float, list[Point]] = {}
    right: dict[float, list[Point]] = {}
    for p in points:
        below.setdefault(p[0], []).append(p)
        right.setdefault(p[1], []).append(p)

    def vertical_link(a: Point, b: Point) -> bool:
        return not crossings[a][0].isdisjoint(crossings[b][0])

    def horizontal_link(a: Point, b: Point) -> bool:
        return not crossings[a][1].isdisjoint(crossings[b][1])

    first_below = {p: i + 1 for column in below.values() for i, p in enumerate(column)}
    first_right = {p: i + 1 for row in right.values() for i, p in enumerate(row)}
    out = []
    for pt in points:
        acrosses: list[Point] | None = None
        found = None
        for b in below[pt[0]][first_below[pt] :]:
            if not vertical_link(pt, b):
                continue
            if acrosses is None:
                acrosses = [r for r in right[pt[1]][first_right[pt] :] if horizontal_link(pt, r)]
            for r in acrosses:
                corner = (r[0], b[1])
                if corner in crossings and vertical_link(corner, r) and horizontal_link(corner, b):
                    found = (pt[0], pt[1], r[0], b[1])
                    break
            if found:
                out.append(found)
                break
    return out


def tables_of(found: list[Box]) -> list[list[Box]]:
    """Cells grouped into tables by shared corners, top first; a lone cell is no table."""
    parent = list(range(len(found)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[Point, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(found):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            if corner in owner:
                parent[root(i)] = root(owner[corner])
            else:
                owner[corner] = i
    groups: dict[int, list[Box]] = {}
    for i, cell in enumerate(found):
        groups.setdefault(root(i), []).append(cell)
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda t: min((c[1], c[0]) for c in t))


def find_tables(edges: Iterable[Edge]) -> list[Table]:
    """The ruled tables the edges make, top first."""
    out = []
    for group in tables_of(cells(intersections(merge_edges(edges)))):
        xs = sorted({c[0] for c in group})
        rows: list[list[Box | None]] = []
        for _, row in groupby(sorted(group, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
            starts = {c[0]: c for c in row}
            rows.append([starts.get(x) for x in xs])
        bbox = (min(c[0] for c in group), min(c[1] for c in group), max(c[2] for c in group), max(c[3] for c in group))
        out.append(Table(bbox, rows))
    return out


def table_texts(table: Table, glyphs: Sequence[Glyph]) -> list[list[str | None]]:
    """Each cell's text (None for a covered position): the glyphs whose centre is inside
    the cell (left and top edges included, right and bottom not)."""
    # Centres doubled (x0 + x1, top + bottom): halving is exact, so the tests are pdfplumber's.
    across = [g.x0 + g.x1 for g in glyphs]
    down = [g.top + g.bottom for g in glyphs]
    by_down = sorted(range(len(glyphs)), key=down.__getitem__)
    downs = [down[i] for i in by_down]
    out = []
    for row in table.rows:
        boxes = [c for c in row if c is not None]
        top, bottom = min(c[1] for c in boxes), max(c[3] for c in boxes)
        band = sorted(by_down[bisect_left(downs, 2 * top) : bisect_left(downs, 2 * bottom)], key=across.__getitem__)
        acrosses = [across[i] for i in band]
        texts: list[str | None] = []
        for cell in row:
            if cell is None:
                texts.append(None)
                continue
            x0, top, x1, bottom = cell
            inside = band[bisect_left(acrosses, 2 * x0) : bisect_left(acrosses, 2 * x1)]
            # Back in page order, the order words are built in.
            mine = [glyphs[i] for i in sorted(inside) if 2 * top <= down[i] < 2 * bottom]
            texts.append(cell_text(mine) if mine else "")
        out.append(texts)
    return out
