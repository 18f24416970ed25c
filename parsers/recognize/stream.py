"""A table region as one stream of tokens: label text, values, and the gaps between them.

Real reports print their tables in every way: `|`-separated lines, cells concatenated
with no separator at all (`行政许可3960181其他对外管理服务事项100153`), numbers separated
by spaces, or one cell per line. The stream does not decide what a layout means; it only
records what stands where:

- `TEXT` tokens are runs of label text (Chinese words, punctuation); a number glued to
  the start of a numbered sub-row label (`00000002.其他法律…`) gives its last digit to
  the label (`2.其他法律…`);
- `NUM` tokens are figures as printed (digits, optionally with separators, decimals, a
  unit, a sign); digit runs keep their digits whole, for the readings to split;
- `BLANK` tokens are empty cells (whitespace between two bars); `MARK` tokens are words
  that stand for nothing (`/`, `—`, `无`); `JUNK` tokens are words where a figure belongs
  that are neither figures nor labels (`=1+2`, `三件`);
- each token carries the gap before it: none (glued), soft (spaces), hard (a bar or a
  tab) or a line break, and the number of its line.

Page footers (`— 4 —`, `第 3 页 共 5 页`) and notes after a figure (`22（其中修订16件）`) are
not part of the table: they are dropped before the stream is cut, and leave a hard gap.
"""

from __future__ import annotations

import re
from typing import NamedTuple

TEXT = "text"
NUM = "num"
BLANK = "blank"
MARK = "mark"
JUNK = "junk"  # a cell's worth of something that is neither a figure nor a label (`=1+2`)

GAP_NONE = 0
GAP_SOFT = 1
GAP_HARD = 2
GAP_LINE = 3


class Token(NamedTuple):
    """One token of the stream; `start`/`end` are positions in the shown text."""

    kind: str
    text: str
    start: int
    end: int
    gap: int  # the gap before this token
    line: int

    @property
    def is_value(self) -> bool:
        return self.kind != TEXT


def _tok(kind: str, text: str, start: int, end: int, gap: int, line: int) -> Token:
    """A Token without the generated constructor's keyword handling (half the cost)."""
    return tuple.__new__(Token, (kind, text, start, end, gap, line))


# Words that stand where a figure belongs and mean "nothing".
PLACEHOLDERS = frozenset({"/", "\\", "—", "——", "-", "--", "―", "─", "…", "...", "……", "*", "×", "－"})
_WORDY_NOTHING = re.compile(r"^(?:无|没有|暂无|空|未统计|不适用|不涉及|略)$")
_WORDY_VALUE = re.compile(r"^[+\-]?(?:零|[一二三四五六七八九十百千万两]+[件条个项]?)$|^[+\-](?:无|没有)$")
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
# A cell that names a column with a number (数据1, 列3): a heading, not a label and a figure.
_COLUMN_NAME = re.compile(r"^[\u3400-\u9fff]{1,4}\d{1,2}$")
_ORDINAL_LABEL = re.compile(r"\d{1,2}[.、．](?=[\u3400-\u9fff(（“\"])")
_ORDINAL_WORD = re.compile(r"^(?:\d{1,2}[.、．]|\(\d{1,2}\))$")

# Noise inside tables: page footers and notes after a figure. A footer stands alone
# between breaks; a dash footer needs dashes on both sides of a short page number. Each
# pattern opens with the character it needs, so a search skips ahead to it.
_PAGE = re.compile(r"第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?")
_DASHED = re.compile(r"[-—–－―](?<![^\s|][-—–－―])[-—–－―]?\s*\d{1,3}\s*[-—–－―]{1,2}(?![^\s|])")
_NOTE = re.compile(r"[(（](?<=[\d\s][(（])\s*(?:其中|含|包括|另有|注|备注)[^()（）\n|]{0,40}[)）]")
# The plain forms of `_DASHED` and `_NOTE`: what stands before the first character looked
# for first. The property tests hold each equal to its fast form.
_DASHED_PLAIN = re.compile(r"(?<![^\s|])[-—–－―]{1,2}\s*\d{1,3}\s*[-—–－―]{1,2}(?![^\s|])")
_NOTE_PLAIN = re.compile(r"(?<=[\d\s])[(（]\s*(?:其中|含|包括|另有|注|备注)[^()（）\n|]{0,40}[)）]")

# A figure: optional sign, digits with optional thousands separators and decimals, an
# optional unit. Signs are told from dashes by what follows (a digit) and what precedes.
_FIGURE = re.compile(r"(?:(?<![A-Za-z.])[+\-−–])?\d+(?:,\d{3})*(?:\.\d+)?(?:万元|元|件|条|个|项|次|人|篇|%)?")
_HAS_DIGIT = re.compile(r"\d")
_ORDINAL_AFTER = ".．、"
_CJK_OR_OPEN = re.compile(r"[\u3400-\u9fff(（“\"]")


def noise_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where page footers and notes stand in text[start:end], in order, not overlapping."""
    found = sorted(m.span() for p in (_PAGE, _DASHED, _NOTE) for m in p.finditer(text, start, end))
    out: list[tuple[int, int]] = []
    for a, b in found:
        if out and a < out[-1][1]:
            continue
        out.append((a, b))
    return out


_RULE = re.compile(r"^:?-{3,}:?$")
_PIECE = re.compile(r"\n|\t|[ \u3000]+|[^\n\t \u3000]+")
_WORD = re.compile(r"[^ \u3000]+")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of `text[start:end]`, spans in `text`.

    Whitespace between two bars is a blank cell; when it holds a line break the blank's
    text is "\n" (a row that ends with a bar and the next that opens with one give such a
    blank, which a reading may drop)."""
    end = len(text) if end is None else end
    noise = noise_spans(text, start, end)
    if noise:
        # Each stretch between noise on its own, with a break where the noise stood.
        out: list[Token] = []
        pos = start
        for a, b in [*noise, (end, end)]:
            if a > pos:
                base_line = text.count("\n", start, pos)
                part = _tokenize(text, pos, a, base_line)
                if part and out:
                    part[0] = part[0]._replace(gap=max(part[0].gap, GAP_HARD))
                out.extend(part)
            pos = max(pos, b)
        return out
    return _tokenize(text, start, end, 0)


def _tokenize(text: str, start: int, end: int, line: int) -> list[Token]:
    """The stream of text[start:end] (no noise in it), cut at bars first: most table text
    is `|`-separated cells, and a cell of plain digits or one word is told at once."""
    out: list[Token] = []
    append, new = out.append, tuple.__new__  # hundreds of tokens a table: the cheapest way
    gap = GAP_LINE
    pos = start
    segments = text[start:end].split("|")
    last = len(segments) - 1
    for k, segment in enumerate(segments):
        if k:
            if gap < GAP_HARD:
                gap = GAP_HARD
        word = segment.strip(" \u3000")
        if word.isdigit() and word.isascii():
            # Most cells: a plain count between bars.
            at = pos + segment.index(word[0])
            append(new(Token, (NUM, word, at, at + len(word), gap, line)))
            gap = GAP_NONE
            pos += len(segment) + 1
            continue
        if word[:1] in "-:" and _RULE.match(word):
            pos += len(segment) + 1
            continue  # a Markdown table's rule under its header: not a cell
        if not word:
            if 0 < k < last and not segment.strip():
                # Nothing but spaces between two bars: a blank cell of the table.
                append(new(Token, (BLANK, "", pos, pos + max(1, len(segment)), gap, line)))
                gap = GAP_NONE
        elif "\t" in segment:
            gap, line = _pieces(text, pos, pos + len(segment), gap, line, out, 0 < k < last)
        elif "\n" in segment:
            if 0 < k < last and not word.strip():
                # Only line breaks between two bars: a blank a reading may drop.
                append(new(Token, (BLANK, "\n", pos, pos + len(segment), gap, line)))
                gap = GAP_NONE
                line += segment.count("\n")
            else:
                at = pos
                for part in segment.split("\n"):
                    if at > pos:
                        line += 1
                        gap = GAP_LINE
                    piece = part.strip(" \u3000")
                    if piece:
                        where = at + part.index(piece[0])
                        if " " in piece or "\u3000" in piece:
                            gap = _spaced(text, where, piece, gap, line, out)
                        else:
                            _words(text, where, where + len(piece), gap, line, out)
                            gap = GAP_NONE
                    at += len(part) + 1
        elif " " in word or "\u3000" in word:
            gap = _spaced(text, pos + segment.index(word[0]), word, gap, line, out)
        else:
            at = pos + segment.index(word[0])
            if len(word) > _LONG_LABEL and _HAS_DIGIT.search(word) is None:
                append(new(Token, (TEXT, word, at, at + len(word), gap, line)))  # a long label
            elif 0 < k < last and _COLUMN_NAME.match(word):
                append(new(Token, (TEXT, word, at, at + len(word), gap, line)))  # `数据1`: a heading
            else:
                _words(text, at, at + len(word), gap, line, out)
            gap = GAP_NONE
        pos += len(segment) + 1
    return out


def _spaced(text: str, at: int, word: str, gap: int, line: int, out: list[Token]) -> int:
    """The words of a cell with spaces inside (`规章 0 0 0`, `1 010`)."""
    for m in _WORD.finditer(word):
        _words(text, at + m.start(), at + m.end(), gap, line, out)
        gap = GAP_SOFT
    return GAP_NONE


def _pieces(
    text: str, start: int, end: int, gap: int, line: int, out: list[Token], between_bars: bool
) -> tuple[int, int]:
    """A segment between bars that holds line breaks or tabs: line by line. Only
    whitespace between two bars is a blank, whose text is "\n" when it spans a break."""
    if between_bars and not text[start:end].strip():
        out.append(_tok(BLANK, "\n", start, end, gap, line))
        return GAP_NONE, line + text.count("\n", start, end)
    for m in _PIECE.finditer(text, start, end):
        piece = m.group()
        first = piece[0]
        if first == "\n":
            line += 1
            gap = GAP_LINE
        elif first == "\t":
            if gap < GAP_HARD:
                gap = GAP_HARD
        elif first == " " or first == "\u3000":
            if gap < GAP_SOFT:
                gap = GAP_SOFT
        else:
            _words(text, m.start(), m.end(), gap, line, out)
            gap = GAP_NONE
    return gap, line


_SHORT = 16  # a word longer than this is never a cell's placeholder or junk
_LONG_LABEL = 8  # nor a word of Chinese longer than this with no digit in it: a label
# The first characters of the Chinese words that may stand for a value (无, 三件 …).
_VALUE_FIRST = frozenset("无没暂空未不略零一二三四五六七八九十百千万两")


def _words(text: str, start: int, end: int, gap: int, line: int, out: list[Token]) -> None:
    """The tokens of one word (no spaces or bars inside): figures and text runs."""
    word = text[start:end]
    if word.isdigit() and word.isascii():
        out.append(_tok(NUM, word, start, end, gap, line))  # the common case
        return
    short = len(word) <= _SHORT
    if _HAS_DIGIT.search(word) is None:
        # No figure in it: a label, unless a short word standing for a value.
        kind = TEXT
        if short and (word[0] in _VALUE_FIRST or word[0] < "\u3400"):
            if word in PLACEHOLDERS or _WORDY_NOTHING.match(word):
                kind = MARK
            elif _WORDY_VALUE.match(word) or (
                not _HAS_CJK.search(word) and any(c.isalnum() or c in "=+-*/@#" for c in word)
            ):
                kind = JUNK
        out.append(_tok(kind, word, start, end, gap, line))
        return
    lead = _ORDINAL_LABEL.match(word)
    if lead is not None and _HAS_DIGIT.search(word, lead.end()) is None:
        out.append(_tok(TEXT, word, start, end, gap, line))  # `1.属于国家秘密`: a numbered label
        return
    if short:
        if _ORDINAL_WORD.match(word):
            out.append(_tok(TEXT, word, start, end, gap, line))  # a label's number standing apart
            return
        if _FIGURE.fullmatch(word) is None and not _HAS_CJK.search(word):
            out.append(_tok(JUNK, word, start, end, gap, line))  # `=1+2`, `@A1`
            return
    pieces: list[Token] = []
    pos = start
    for m in _FIGURE.finditer(text, start, end):
        a, b = m.span()
        if a > pos:
            pieces.append(_tok(TEXT, text[pos:a], pos, a, gap, line))
            gap = GAP_NONE
        pieces.append(_tok(NUM, m.group(), a, b, gap, line))
        gap = GAP_NONE
        pos = b
    if pos < end:
        pieces.append(_tok(TEXT, text[pos:end], pos, end, gap, line))
    out.extend(_fix_ordinals(pieces) if len(pieces) > 1 else pieces)


def _fix_ordinals(pieces: list[Token]) -> list[Token]:
    """Numbers that belong to labels: a sub-row's number glued after figures
    (`00000002.其他法律` → `0000000` and `2.其他法律`), and `(1)` inside a label."""
    out: list[Token] = []
    for tok in pieces:
        prev = out[-1] if out else None
        if tok.kind == TEXT and prev is not None and prev.kind == NUM:
            t = tok.text
            if t[:1] in _ORDINAL_AFTER and len(t) > 1 and _CJK_OR_OPEN.match(t[1]) and prev.text.isdigit():
                at = prev.end - 1
                label = _tok(TEXT, prev.text[-1] + t, at, tok.end, GAP_NONE, tok.line)
                if len(prev.text) == 1:
                    out[-1] = label._replace(gap=prev.gap)
                else:
                    out[-1] = prev._replace(text=prev.text[:-1], end=at)
                    out.append(label)
                continue
            if t[:1] in ")）" and len(out) >= 2 and out[-2].kind == TEXT and out[-2].text[-1:] in "(（":
                before = out[-2]
                out[-2:] = [_tok(TEXT, before.text + prev.text + t, before.start, tok.end, before.gap, before.line)]
                continue
        out.append(tok)
    return out
