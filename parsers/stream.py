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


# Words that stand where a figure belongs and mean "nothing".
PLACEHOLDERS = frozenset({"/", "\\", "—", "——", "-", "--", "―", "─", "…", "...", "……", "*", "×", "－"})
_WORDY_NOTHING = re.compile(r"^(?:无|没有|暂无|空|未统计|不适用|不涉及|略)$")
_WORDY_VALUE = re.compile(r"^[+\-]?(?:零|[一二三四五六七八九十百千万两]+[件条个项]?)$|^[+\-](?:无|没有)$")
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
_ORDINAL_WORD = re.compile(r"^(?:\d{1,2}[.、．]|\(\d{1,2}\))$")

# Noise inside tables: page footers and notes after a figure. A footer stands alone
# between breaks; a dash footer needs dashes on both sides of a short page number.
_NOISE = re.compile(
    r"第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
    r"|(?:^|(?<=[\s|]))[-—–－―]{1,2}\s*\d{1,3}\s*[-—–－―]{1,2}(?=[\s|]|$)"
    r"|(?<=[\d\s])[(（]\s*(?:其中|含|包括|另有|注|备注)[^()（）\n|]{0,40}[)）]",
    re.M,
)

# A figure: optional sign, digits with optional thousands separators and decimals, an
# optional unit. Signs are told from dashes by what follows (a digit) and what precedes.
_FIGURE = re.compile(
    r"(?:(?<![\d\w.])[+\-−–])?\d+(?:,\d{3})*(?:\.\d+)?(?:万元|元|件|条|个|项|次|人|篇|%)?"
)
_SEP = re.compile(r"[ \t\u3000]+|\||\n")
_ORDINAL_AFTER = ".．、"
_CJK_OR_OPEN = re.compile(r"[\u3400-\u9fff(（“\"]")


def noise_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in _NOISE.finditer(text, start, end)]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of `text[start:end]`, spans in `text`.

    Whitespace between two bars is a blank cell; when it holds a line break the blank's
    text is "\n" (a row that ends with a bar and the next that opens with one give such a
    blank, which a reading may drop)."""
    end = len(text) if end is None else end
    out: list[Token] = []
    gap = GAP_LINE
    line = 0
    last_bar = False  # the previous separator was a bar with no word after it yet
    bar_end = start  # where the whitespace after that bar begins
    broke = False  # a line break since that bar
    pos = start
    noise = noise_spans(text, start, end)
    noise.append((end, end))
    k = 0
    while pos < end:
        noise_start, noise_end = noise[k]
        if pos >= noise_start:
            # Noise leaves a break, never a blank cell where it stood between two bars.
            pos = max(pos, noise_end)
            k += 1
            gap = max(gap, GAP_HARD)
            last_bar = False
            continue
        m = _SEP.search(text, pos, noise_start)
        word_end = m.start() if m else noise_start
        if word_end > pos:
            _words(text, pos, word_end, gap, line, out)
            gap = GAP_NONE
            last_bar = False
        if m is None:
            pos = noise_start
            continue
        sep = m.group()
        if sep == "|":
            if last_bar:
                # The blank's span is the whitespace it was read from (never empty).
                out.append(Token(BLANK, "\n" if broke else "", bar_end, max(m.start(), bar_end + 1), gap, line))
                gap = GAP_NONE
            gap = max(gap, GAP_HARD)
            last_bar, broke, bar_end = True, False, m.end()
        elif sep == "\n":
            line += 1
            gap = GAP_LINE
            broke = True
        elif "\t" in sep:
            gap = max(gap, GAP_HARD)
        else:
            gap = max(gap, GAP_SOFT)
        pos = m.end()
    return out


def _words(text: str, start: int, end: int, gap: int, line: int, out: list[Token]) -> None:
    """The tokens of one word (no spaces or bars inside): figures and text runs."""
    word = text[start:end]
    if word in PLACEHOLDERS or _WORDY_NOTHING.match(word):
        out.append(Token(MARK, word, start, end, gap, line))
        return
    if word.isdigit() and word.isascii():
        out.append(Token(NUM, word, start, end, gap, line))  # the common case
        return
    if _ORDINAL_WORD.match(word):
        out.append(Token(TEXT, word, start, end, gap, line))  # a label's number standing apart
        return
    if _FIGURE.fullmatch(word) is None and len(word) <= 16:
        if (not _HAS_CJK.search(word) and any(c.isalnum() or c in "=+-*/@#" for c in word)) or _WORDY_VALUE.match(word):
            out.append(Token(JUNK, word, start, end, gap, line))
            return
    pieces: list[Token] = []
    pos = start
    for m in _FIGURE.finditer(text, start, end):
        a, b = m.span()
        if a > pos:
            pieces.append(Token(TEXT, text[pos:a], pos, a, gap, line))
            gap = GAP_NONE
        pieces.append(Token(NUM, m.group(), a, b, gap, line))
        gap = GAP_NONE
        pos = b
    if pos < end:
        pieces.append(Token(TEXT, text[pos:end], pos, end, gap, line))
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
                label = Token(TEXT, prev.text[-1] + t, at, tok.end, GAP_NONE, tok.line)
                if len(prev.text) == 1:
                    out[-1] = label._replace(gap=prev.gap)
                else:
                    out[-1] = prev._replace(text=prev.text[:-1], end=at)
                    out.append(label)
                continue
            if t[:1] in ")）" and len(out) >= 2 and out[-2].kind == TEXT and out[-2].text[-1:] in "(（":
                before = out[-2]
                out[-2:] = [Token(TEXT, before.text + prev.text + t, before.start, tok.end, before.gap, before.line)]
                continue
        out.append(tok)
    return out
