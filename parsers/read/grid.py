"""Tables as rectangular grids, and the text every reader renders them into.

Every reader (HTML, Word, PDF, Excel) brings its file to the same intermediate form the
text reader gives: readable text in which each table row is one line of cells separated
by ` | `. A `Grid` is a table with its spans resolved: every position holds a text, and
positions covered by a span (all but the top-left of a merged cell) are marked.

`TextBuilder` collects lines and grids and remembers, for each grid position, the span of
its cell in the rendered text, so the recognizer's spans and a later grid view point into
the same text.

How covered positions are written is a `RenderOptions` choice:

- ``"trailing"`` (default): a row lists its own cells in order and writes one blank cell
  per covered position at the end of the line. This is how the real exported text the
  recognizer was tuned on looks (see the seeds: `一、本年新收… | 1 | … | 1 | ||`), and it
  keeps a label spanned over several columns directly followed by its values.
- ``"inplace"``: covered positions are blank cells where they stand. The recognizer reads
  such a blank after a 表三 label as the first value, so this mode waits for it.

A blank cell is kept visible: a row whose first cell is blank opens with `| `, a row
whose last cell is blank closes with ` |`, so no blank cell merges into the line break.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import not_
from typing import cast

from model.errors import ReadError

# A cell as kept on the Document: its text and [start, end) in the text.
GridCell = tuple[str, int, int]
GridRows = list[list[GridCell]]
# A table row for `grid_from_rows`: its cells' texts, and (index, rowspan, colspan) of
# those of its cells that do not take just one position.
SpanRow = tuple[list[str], list[tuple[int, int, int]]]

COVERED_TRAILING = "trailing"
COVERED_INPLACE = "inplace"

MAX_GRID_CELLS = 50_000  # the official tables have a few hundred cells
MAX_SPAN = 1000
TABLE_TOO_LARGE = f"文件中有表格过大（超过 {MAX_GRID_CELLS // 10000} 万个单元格），不像是一份年度报告。"

_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_JOIN_TIGHT = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_WS = re.compile(r"[ \t\r\f\v\u00a0\u3000\u2002\u2003\u2009]+")
_DROP = re.compile(r"[\u200b-\u200f\u2028\u2029\u2060\ufeff\u00ad]")
_LINES = re.compile(r"[\r\n]+")
_SPACED_NUMBER = re.compile(r"^[+-]?\d[\d ,.]*\d(?:万元|元|件|条|个|项|次|%)?$")


@dataclass(frozen=True)
class RenderOptions:
    """How grids are written into text; validated on creation."""

    covered: str = COVERED_TRAILING

    def __post_init__(self) -> None:
        if self.covered not in (COVERED_TRAILING, COVERED_INPLACE):
            raise ValueError(f"covered must be {COVERED_TRAILING!r} or {COVERED_INPLACE!r}")


@dataclass
class Grid:
    """A rectangular table: `texts[r][c]`, and `covered[r][c]` for span-covered positions."""

    texts: list[list[str]]
    covered: list[list[bool]]

    @property
    def n_rows(self) -> int:
        return len(self.texts)

    @property
    def n_cols(self) -> int:
        return len(self.texts[0]) if self.texts else 0

    def is_blank(self) -> bool:
        return not any(t for row in self.texts for t in row)

    def trimmed(self) -> Grid:
        """Without rows and columns that hold no text at all (spacers of the layout).

        A grid with nothing to trim is returned as it is, not copied.
        """
        if all(map(any, self.texts)) and all(map(any, zip(*self.texts))):
            return self  # every row and every column holds text
        keep_rows = [r for r, row in enumerate(self.texts) if any(row)]
        # Columns read down the kept rows (the grid is rectangular).
        used = [any(column) for column in zip(*(self.texts[r] for r in keep_rows))]
        keep_cols = [c for c, is_used in enumerate(used) if is_used]
        return Grid(
            [[self.texts[r][c] for c in keep_cols] for r in keep_rows],
            [[self.covered[r][c] for c in keep_cols] for r in keep_rows],
        )

    def trimmed_plain(self) -> Grid:
        """The plain form of `trimmed`: the rows and columns that hold text, always copied."""
        keep_rows = [r for r in range(self.n_rows) if any(self.texts[r])]
        keep_cols = [c for c in range(self.n_cols) if any(self.texts[r][c] for r in range(self.n_rows))]
        return Grid(
            [[self.texts[r][c] for c in keep_cols] for r in keep_rows],
            [[self.covered[r][c] for c in keep_cols] for r in keep_rows],
        )

    def extended(self, other: Grid) -> Grid:
        """This grid with `other`'s rows appended (a table continued on the next page)."""
        return Grid(self.texts + other.texts, self.covered + other.covered)


def clean_cell(text: str) -> str:
    """One cell's text on one line: wrapped lines joined, spaces collapsed, no `|`.

    A line break next to a Chinese character is dropped (a label wrapped inside its cell);
    elsewhere it becomes a space. A number cut by spaces (`1 171`) is joined.
    """
    stripped = text.strip()
    if stripped.isprintable() and " " not in stripped and "|" not in stripped:
        # Nothing to clean inside: every character the steps below change is unprintable
        # (line breaks, tabs, the wide and zero-width spaces, soft hyphens), a space or `|`.
        return stripped
    text = _DROP.sub("", text).replace("|", "¦")
    # Spaces are collapsed once the lines are joined: lines are stripped of every kind of
    # whitespace, so no run of spaces crosses a join.
    lines = [line.strip() for line in _LINES.split(text)]
    joined = _WS.sub(" ", " ".join(line for line in lines if line))
    joined = _JOIN_TIGHT.sub("", joined)
    if " " in joined and _SPACED_NUMBER.match(joined):
        joined = joined.replace(" ", "")
    return joined


def clean_cell_plain(text: str) -> str:
    """The plain form of `clean_cell`: every step taken on every cell. The property tests
    hold the two equal."""
    text = _DROP.sub("", text).replace("|", "¦")
    lines = [line.strip() for line in _LINES.split(text)]
    joined = _JOIN_TIGHT.sub("", _WS.sub(" ", " ".join(line for line in lines if line)))
    return joined.replace(" ", "") if _SPACED_NUMBER.match(joined) else joined


def clean_line(text: str) -> str:
    """A line of running text: spaces collapsed and trimmed, invisible characters dropped."""
    stripped = text.strip()
    # Tested without the ends, which are only whitespace: a paragraph read with the line
    # break after it need not go through the patterns.
    if stripped.isprintable() and "  " not in stripped:
        return stripped  # no invisible character and no run of spaces (see `clean_cell`)
    return _WS.sub(" ", _DROP.sub("", text)).strip()


def clean_line_plain(text: str) -> str:
    """The plain form of `clean_line`: every step taken on every line."""
    return _WS.sub(" ", _DROP.sub("", text)).strip()


def grid_from_spans(rows: Sequence[Sequence[tuple[str, int, int]]]) -> Grid:
    """Resolve cells listed per row as (text, rowspan, colspan) into a rectangular grid.

    As in HTML, a cell takes the first free position of its row; positions still held by
    a cell from a row above are skipped. Spans are clipped to the table. A table of more
    than `MAX_GRID_CELLS` positions is a ReadError.
    """
    return grid_from_rows(
        [
            ([text for text, _, _ in cells], [(i, rs, cs) for i, (_, rs, cs) in enumerate(cells) if rs != 1 or cs != 1])
            for cells in rows
        ]
    )


def grid_from_rows(rows: Sequence[SpanRow]) -> Grid:
    """As `grid_from_spans`, with a row given as its cells' texts and, apart, the spans of
    the cells that have one: (index of the cell, rowspan, colspan), in the cells' order.

    Most cells take one position, and the runs of them between spans are placed at once.
    """
    n_rows = len(rows)
    # Row by row, the positions reached so far: None while free, else the text there
    # ("" where a span covers it). Positions past the end of a row's list are free.
    texts: list[list[str | None]] = [[] for _ in range(n_rows)]
    covered: list[list[bool]] = [[] for _ in range(n_rows)]
    # The rows given a free position left of a span from above: only their lists hold a
    # None, and only they need to be searched for one.
    gapped: set[int] = set()
    n_taken = 0
    width = 0
    for r, (row_texts, spans) in enumerate(rows):
        own, own_covered = texts[r], covered[r]
        free = r in gapped
        c = 0  # the positions left of c are taken
        start = 0  # the first cell not placed yet
        # The positions taken are counted as cells are placed, but checked against the
        # limit only before a span and at the end of the row: a run adds no more than
        # its length.
        for i, rowspan, colspan in spans:
            if start < i:
                c = _place_run(own, own_covered, c, row_texts[start:i], free)
                n_taken += i - start
            while c < len(own) and own[c] is not None:
                c += 1
            # Clipped to at least one position and at most MAX_SPAN and the rows left
            # (what max and min would do, at a fraction of their cost).
            rs = rowspan if 1 <= rowspan <= MAX_SPAN else (1 if rowspan < 1 else MAX_SPAN)
            if rs > n_rows - r:
                rs = n_rows - r
            cs = colspan if 1 <= colspan <= MAX_SPAN else (1 if colspan < 1 else MAX_SPAN)
            if n_taken + rs * cs > MAX_GRID_CELLS:
                raise ReadError(TABLE_TOO_LARGE)
            text = row_texts[i]
            if rs == 1 and c == len(own):
                # A span along its own row only, after all that is already there.
                own.append(text)
                own.extend([""] * (cs - 1))
                own_covered.append(False)
                own_covered.extend([True] * (cs - 1))
                n_taken += cs
            else:
                n_taken += _place(texts, covered, r, c, rs, cs, text, gapped)
            c += cs
            start = i + 1
        if start < len(row_texts):
            run = row_texts[start:] if start else row_texts
            if free:
                c = _place_run(own, own_covered, c, run, free)
            else:  # most rows: the cells go after all that spans from above cover
                own += run
                own_covered += [False] * len(run)
                c = len(own)
            n_taken += len(row_texts) - start
            if n_taken > MAX_GRID_CELLS:
                raise ReadError(TABLE_TOO_LARGE)
        if c > width:
            width = c
    if n_rows * width > MAX_GRID_CELLS:
        raise ReadError(TABLE_TOO_LARGE)
    for r in gapped:
        own = texts[r]
        if None in own:  # a position no cell reached, left of a span from above
            own[:] = [t or "" for t in own]
    for own, own_covered in zip(texts, covered):
        missing = width - len(own)
        if missing:
            own.extend([""] * missing)
            own_covered.extend([False] * missing)
    return Grid(cast(list[list[str]], texts), covered)  # no None is left


def grid_from_rows_plain(rows: Sequence[SpanRow]) -> Grid:
    """The plain form of `grid_from_rows`: each cell in turn takes the first position of
    its row no cell has taken, and its span covers the positions right and below (over
    any a span covered before). The property tests hold the two equal.

    A ReadError when the grid has more than `MAX_GRID_CELLS` positions; the fast form may
    give up sooner, where overlapping spans add up to more than that."""
    n_rows = len(rows)
    at: dict[tuple[int, int], tuple[str, bool]] = {}  # (row, column) -> text, covered
    for r, (row_texts, spans) in enumerate(rows):
        span_of = {i: (rowspan, colspan) for i, rowspan, colspan in spans}
        c = 0
        for i, text in enumerate(row_texts):
            rowspan, colspan = span_of.get(i, (1, 1))
            rs = min(max(rowspan, 1), MAX_SPAN, n_rows - r)
            cs = min(max(colspan, 1), MAX_SPAN)
            while (r, c) in at:
                c += 1
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    at[rr, cc] = ("", True)
            at[r, c] = (text, False)
            c += cs
    width = max((c for _, c in at), default=-1) + 1
    if n_rows * width > MAX_GRID_CELLS:
        raise ReadError(TABLE_TOO_LARGE)
    blank = ("", False)
    return Grid(
        [[at.get((r, c), blank)[0] for c in range(width)] for r in range(n_rows)],
        [[at.get((r, c), blank)[1] for c in range(width)] for r in range(n_rows)],
    )


def _place_run(own: list[str | None], own_covered: list[bool], c: int, run: list[str], free: bool) -> int:
    """Put cells of one position each into a row from position c on: first into the free
    positions a span from above left (if the row was given any), then at the end. The
    position after the last."""
    if not free or None not in own:  # nothing left free: the cells go after all that is there
        own += run
        own_covered += [False] * len(run)
        return len(own)
    for text in run:
        while c < len(own) and own[c] is not None:
            c += 1
        if c < len(own):
            own[c] = text
        else:
            own.append(text)
            own_covered.append(False)
        c += 1
    return c


def _place(
    texts: list[list[str | None]],
    covered: list[list[bool]],
    r: int,
    c: int,
    rs: int,
    cs: int,
    text: str,
    gapped: set[int],
) -> int:
    """Put a cell's text at (r, c) and cover the rest of its span; the positions newly taken.

    A row left free positions before the span is added to `gapped`."""
    taken = 0
    blank: list[str | None] = [""] * cs
    cover = [True] * cs
    for rr, (row_texts, row_covered) in enumerate(zip(texts[r : r + rs], covered[r : r + rs]), r):
        n = len(row_texts)
        if n <= c:
            # Most rows: the span's positions are past the row's end, all newly taken.
            if n < c:
                row_texts.extend([None] * (c - n))
                row_covered.extend([False] * (c - n))
                gapped.add(rr)
            row_texts += blank
            row_covered += cover
            taken += cs
            continue
        if n < c + cs:
            missing = c + cs - n
            row_texts.extend([None] * missing)
            row_covered.extend([False] * missing)
        for cc in range(c, c + cs):
            if row_texts[cc] is None:
                taken += 1
            row_texts[cc] = ""
            row_covered[cc] = True
    texts[r][c] = text
    covered[r][c] = False
    return taken


@dataclass
class TextBuilder:
    """Collects the rendered text line by line, with the spans of every grid cell."""

    options: RenderOptions = field(default_factory=RenderOptions)
    _parts: list[str] = field(default_factory=list)
    _length: int = 0
    grids: list[GridRows] = field(default_factory=list)

    def _append(self, text: str) -> int:
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        return start

    def line(self, text: str) -> None:
        """Add one line of running text (empty lines are skipped)."""
        text = text.strip("\n")
        if text.strip():
            self._parts.append(text + "\n")
            self._length += len(text) + 1

    def grid(self, grid: Grid) -> None:
        """Add a table, one line per row; blank rows and columns are left out."""
        grid = grid.trimmed()
        if grid.n_rows == 0:
            return
        trailing = self.options.covered == COVERED_TRAILING
        rows: GridRows = []
        lines: list[str] = []
        length = self._length  # where the row's line starts in the text
        for texts, covered in zip(grid.texts, grid.covered):
            shown = texts
            if True in covered:
                # Covered positions are written as blank cells: where they stand, or
                # (trailing) after the row's own cells, which keep their order.
                if trailing:
                    shown = list(compress(texts, map(not_, covered)))
                    n_own = len(shown)
                    shown += [""] * (len(texts) - n_own)
                else:
                    shown = ["" if is_covered else text for text, is_covered in zip(texts, covered)]
            line = joined = " | ".join(shown)
            pos = length
            if shown and not shown[0]:
                line = "| " + line
                pos += 2
            if shown and not shown[-1] and len(shown) > 1:
                line += " |"
            lines.append(line)
            length += len(line) + 1
            # Each cell's span: from the line's start, its text and a ` | ` after each cell.
            cells: list[GridCell] = []
            if shown is texts or not trailing:
                for text in shown:
                    end = pos + len(text)
                    cells.append((text, pos, end))
                    pos = end + 3
            else:
                # The blanks of the covered positions end the line: the first starts where
                # the line's length puts it, less a ` | ` for each.
                blank = pos + len(joined) + 3 - 3 * (len(shown) - n_own)
                for text, is_covered in zip(texts, covered):
                    if is_covered:
                        cells.append(("", blank, blank))
                        blank += 3
                    else:
                        end = pos + len(text)
                        cells.append((text, pos, end))
                        pos = end + 3
            rows.append(cells)
        lines.append("")  # the last row's line break
        self._append("\n".join(lines))
        self.grids.append(rows)

    def grid_plain(self, grid: Grid) -> None:
        """The plain form of `grid`: each row's cells written one after the other, each
        cell's span taken where it is written. The property tests hold the two equal."""
        grid = grid.trimmed_plain()
        if grid.n_rows == 0:
            return
        rows: GridRows = []
        for texts, covered in zip(grid.texts, grid.covered):
            if self.options.covered == COVERED_TRAILING:
                # The row's own cells in order, then a blank for each covered position.
                order = [c for c in range(len(texts)) if not covered[c]]
                order += [c for c in range(len(texts)) if covered[c]]
            else:
                order = list(range(len(texts)))
            shown = ["" if covered[c] else texts[c] for c in order]
            line = ""
            spans: dict[int, GridCell] = {}
            if not shown[0]:
                line = "| "
            for k, c in enumerate(order):
                if k:
                    line += " | "
                start = self._length + len(line)
                line += shown[k]
                spans[c] = (shown[k], start, start + len(shown[k]))
            if not shown[-1] and len(shown) > 1:
                line += " |"
            self._append(line + "\n")
            rows.append([spans[c] for c in range(len(texts))])
        self.grids.append(rows)

    def text(self) -> str:
        return "".join(self._parts)
