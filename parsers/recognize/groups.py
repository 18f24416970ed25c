"""A row's value tokens made ready for reading: blanks that are layout, not cells, dropped.

Rendered tables leave blank cells that are not cells of the form (and notes in a column
the form does not have): covered positions at a
row's end (`| 1 | … | 1 | ||`), a label column left empty on a continuation line, a blank
"between" two rows where one line ends with a bar and the next begins with one. The
candidates below drop such blanks step by step; the first that gives the row's width of
well-formed values is the natural reading, and the last is what the digit readings work on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from parsers.recognize.stream import BLANK, JUNK, Token


def _strip_line_ends(tokens: Sequence[Token]) -> list[Token]:
    """Without blanks at the start and end of each line the values run over."""
    lines: list[list[Token]] = []
    for tok in tokens:
        if not lines or tok.line != lines[-1][-1].line:
            lines.append([])
        lines[-1].append(tok)
    out: list[Token] = []
    for line in lines:
        a, b = 0, len(line)
        while a < b and line[a].kind == BLANK:
            a += 1
        while b > a and line[b - 1].kind == BLANK:
            b -= 1
        out.extend(line[a:b])
    return out


def candidates(tokens: Sequence[Token], width: int) -> Iterator[list[Token]]:
    """Ways to read the group's tokens as cells, from the most literal to the least (each
    one differs from those before it)."""
    as_is = list(tokens)
    yield as_is
    if not any(t.kind in (BLANK, JUNK) for t in as_is):
        return
    seen = [as_is]
    trailing = list(as_is)
    # Beyond the row's cells, blanks are layout and words are notes (a 备注 column).
    while len(trailing) > width and trailing and trailing[-1].kind in (BLANK, JUNK):
        trailing.pop()
    for option in (
        trailing,
        [t for t in trailing if not (t.kind == BLANK and t.text == "\n")],
        _strip_line_ends(as_is),
        [t for t in as_is if t.kind != BLANK],
    ):
        if option not in seen:
            seen.append(option)
            yield option
