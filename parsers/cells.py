"""Cut a table region of the shown text into a stream of cells, each with its span.

Reports print tables as `|`-separated lines, as whole tables flattened onto one line, as
numbers separated by spaces, or with blank cells as runs of `|` (also across line
breaks). The stream keeps every cell in order; whitespace between two `|` is a blank
cell, while a line break on its own only separates cells. Runs of numbers inside one
piece of text (`规章 0 0 0`) become separate cells.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from parsers.normalize import label_key

KIND_EMPTY = "empty"
KIND_NUM = "num"
KIND_TEXT = "text"

# A value as printed in a cell: sign, digits with optional thousands separators and
# decimals, an optional unit; or a placeholder for "nothing".
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元|件|条|个|项|次|人|篇|%)?$")
PLACEHOLDERS = frozenset({"/", "\\", "—", "——", "-", "--", "―", "─", "…", "...", "*", "×"})
# Short words that stand where a number belongs (NOT_A_NUMBER).
_WORDY_VALUE = re.compile(
    r"^(?:无|没有|暂无|空|未统计|不适用|不涉及|略|零|[一二三四五六七八九十百千万两]+[件条个项]?)$"
)


class CellToken(NamedTuple):
    """One cell of the stream: its text (stripped), kind and span in the shown text.

    A named tuple: hundreds are made per report, and tuples are the cheapest to make."""

    text: str
    kind: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return label_key(self.text)


def _token(text: str, kind: str, start: int, end: int) -> CellToken:
    """A CellToken without the generated constructor's keyword handling (half the cost)."""
    return tuple.__new__(CellToken, (text, kind, start, end))


def _word_kind(word: str) -> str:
    """The kind of a word without spaces: a value (a number, or a placeholder) or text."""
    if word.isdigit() and word.isascii():
        return KIND_NUM  # plain digits, most values, need no pattern
    # Every `_NUMBER` match starts with a sign or a digit: other words skip the pattern.
    if word in PLACEHOLDERS or ((word[0] in "+-" or word[0].isdecimal()) and _NUMBER.match(word)):
        return KIND_NUM
    return KIND_TEXT


def classify(text: str) -> str:
    if not text:
        return KIND_EMPTY
    compact = text.replace(" ", "")
    if compact in PLACEHOLDERS or _NUMBER.match(compact):
        return KIND_NUM
    return KIND_TEXT


_NOT_CJK = re.compile(r"[^\u3400-\u9fff]")


def is_value_like(token: CellToken) -> bool:
    """A cell that may stand in a value position: number, blank, placeholder, a short word,
    or short junk with no Chinese at all (`=2`, `@A1`, `1-2`): never a label."""
    if token.kind != KIND_TEXT:
        return True
    words = _NOT_CJK.sub("", token.text)
    if not words:
        return len(token.text) <= 16
    return len(token.text) <= 8 and bool(_WORDY_VALUE.match(words))


_WS_PIECE = re.compile(r"\S+")


def _split_piece(text: str, base: int, out: list[CellToken]) -> None:
    """Split one non-blank piece into text runs and number cells."""
    stripped = text.strip()
    if " " not in stripped:
        # The common case: one word, one cell.
        lead = base + text.index(stripped[0])
        out.append(_token(stripped, _word_kind(stripped), lead, lead + len(stripped)))
        return
    words = [(m.group(), m.start(), m.end()) for m in _WS_PIECE.finditer(text)]
    if not words:
        return
    run_start: int | None = None
    run_end = 0
    for word, s, e in words:
        if _word_kind(word) == KIND_NUM:
            if run_start is not None:
                out.append(CellToken(text[run_start:run_end], KIND_TEXT, base + run_start, base + run_end))
                run_start = None
            out.append(CellToken(word, KIND_NUM, base + s, base + e))
        else:
            if run_start is None:
                run_start = s
            run_end = e
    if run_start is not None:
        piece = text[run_start:run_end]
        out.append(CellToken(piece, classify(piece), base + run_start, base + run_end))


_PIECES = re.compile(r"[^\n\t]+")


def _split_segment(segment: str, pos: int, out: list[CellToken]) -> None:
    """The cells of a segment holding more than one word: a line break between two rows
    separates cells, and so do spaces between numbers (see `_split_piece`)."""
    if "\n" not in segment and "\t" not in segment:
        _split_piece(segment, pos, out)
        return
    for m in _PIECES.finditer(segment):
        if not m.group().isspace():
            _split_piece(m.group(), pos + m.start(), out)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[CellToken]:
    """The cells of `text[start:end]`, with spans in `text`."""
    end = len(text) if end is None else end
    out: list[CellToken] = []
    # A report's tables give hundreds of cells: the common cases below are written out
    # in the loop (no call to `_token`), as they decide its cost.
    append, new = out.append, tuple.__new__
    segments = text[start:end].split("|")
    last = len(segments) - 1
    pos = start
    for k, segment in enumerate(segments):
        word = segment.strip()
        if not word:
            if 0 < k < last:
                # Whitespace between two bars is a blank cell of the table.
                append(new(CellToken, ("", KIND_EMPTY, pos, pos + len(segment))))
        elif " " in word or "\n" in word or "\t" in word:
            _split_segment(segment, pos, out)
        else:
            # One word between two bars (or a line break at its side).
            lead = pos + segment.find(word)
            # Plain digits, most values, are told without a call.
            kind = KIND_NUM if word.isdigit() and word.isascii() else _word_kind(word)
            append(new(CellToken, (word, kind, lead, lead + len(word))))
        pos += len(segment) + 1
    return out
