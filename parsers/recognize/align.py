"""Tie the label text of a table region to the official form's rows, by order and likeness.

A region's stream (`parsers.recognize.stream`) is cut into units: the label text up to a group of
values, and those values. The label text is cut again where a numbered label begins
(`三、`, `(一)`, `1.`), so that `三、本年度办理结果(一)予以公开` gives the group label and
the row label, and only the last piece owns the values.

Each piece is compared with each item of the form (group labels and row labels) by the
weighted share of the item's character pairs it holds, pairs that few labels share
weighing more; so typos, cut-off labels, spaces and OCR slips still match, and a long
narrative line does not. The pieces are then aligned with the form in order (a dynamic
programme that maximises the total likeness with both sequences kept in order); a piece
with values that no label names but that stands alone between two aligned rows, with one
row of the form left between them, takes that row; and a piece that names a row
unmistakably takes it even out of order (rows printed swapped).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from parsers.read.normalize import label_key
from parsers.recognize.stream import BLANK, GAP_HARD, JUNK, TEXT, Token

ROW = "row"
GROUP = "group"

_CACHE_SIZE = 20_000
_KEPT = 0.4  # likeness below this is no likeness at all
_THRESHOLD = 0.5  # likeness for a piece to be taken for an item in order
_MARGIN = 0.2  # a piece is a candidate for the items it names nearly as well as its best
_STRONG = 0.75  # likeness for a label without values to be taken for its row
_SWAPPED = 0.6  # likeness for a piece with values to be taken for a row out of order
_NUMBERED = re.compile(
    r"[一二三四五六七八九十]{1,2}、|\([一二三四五六七八九十]{1,2}\)|(?<![\d.])\d{1,2}[.、．](?!\d)|\(\d{1,2}\)"
)
_NUMBER_ONLY = re.compile(
    r"^(?:[一二三四五六七八九十]{1,2}、|\([一二三四五六七八九十]{1,2}\)|\d{1,2}[.、．]|\(\d{1,2}\))"
)


@dataclass(frozen=True)
class Item:
    """One label of the form: a row (which owns values) or a group label (which does not).

    `values`: whether the item is a row that holds figures; an item may stand in the
    same place as another (the 2021 (六) printed as a group or as the single row)."""

    key: str
    kind: str
    label: str
    numbering: str = ""
    extra: tuple[str, ...] = ()  # other wordings real reports use
    needs_values: bool = False  # taken only with figures (an alternative to a group label)


@dataclass(slots=True)
class Piece:
    """A piece of label text, and the values that follow it (for the last piece of a unit)."""

    text: str
    start: int
    end: int
    values: list[Token] = field(default_factory=list)
    numbering: str = ""

    @property
    def has_values(self) -> bool:
        return bool(self.values)


_WORD_IN_ROW = 6  # a word this short in a row of figures is a cell's content, not a label


def _word_in_values(tokens: Sequence[Token], k: int, is_label: Callable[[str], bool]) -> bool:
    """A short word standing as a cell among a row's figures (`| 7 | -1 | 若干 |`): after a
    figure on its line, a bar before it, the line's end or a figure after it, and not a
    label of the form."""
    tok = tokens[k]
    prev = tokens[k - 1] if k else None
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    if prev is None or prev.kind == TEXT or prev.line != tok.line or tok.gap < GAP_HARD:
        return False
    if len(tok.text) > _WORD_IN_ROW or _NUMBER_ONLY.match(tok.text):
        return False
    if nxt is not None and nxt.line == tok.line and (nxt.kind == TEXT or nxt.gap < GAP_HARD):
        return False
    return not is_label(tok.text)


def units(
    tokens: Sequence[Token], is_label: Callable[[str], bool] | None = None
) -> list[tuple[list[Token], list[Token]]]:
    """(label tokens, value tokens) in order; values before any label open a unit of their own.

    With `is_label`, a short word standing as a cell among figures is taken as a value."""
    out: list[tuple[list[Token], list[Token]]] = []
    labels: list[Token] = []
    values: list[Token] = []
    for k, tok in enumerate(tokens):
        if tok.kind == TEXT and is_label is not None and values and _word_in_values(tokens, k, is_label):
            values.append(tok._replace(kind=JUNK))
            continue
        if tok.kind == TEXT:
            if values:
                out.append((labels, values))
                labels, values = [], []
            labels.append(tok)
        else:
            values.append(tok)
    if labels or values:
        out.append((labels, values))
    return out


def char_positions(labels: Sequence[Token]) -> list[int]:
    """Where each character of the joined label text stands in the shown text, and the end."""
    return [t.start + i for t in labels for i in range(len(t.text))] + [labels[-1].end]


def _rows_of_values(values: list[Token], width: int) -> list[list[Token]]:
    """The values cut where a further line holds a whole row of its own (an unlabelled
    row printed under a labelled one); shorter lines stay with the row before."""
    if values[0].line == values[-1].line:
        return [values]  # one line: one row (most units)
    lines: list[list[Token]] = []
    for tok in values:
        if tok.kind == BLANK and tok.text == "\n":
            continue
        if not lines or tok.line != lines[-1][-1].line:
            lines.append([])
        lines[-1].append(tok)
    full = [len([t for t in line if t.kind != BLANK]) >= width - 1 for line in lines]
    if sum(full) < 2:
        return [values]
    out: list[list[Token]] = []
    seen_full = False
    for line, whole in zip(lines, full):
        if whole and seen_full:
            out.append([])
        seen_full = seen_full or whole
        if not out:
            out.append([])
        out[-1].extend(line)
    return out


def pieces(
    unit_list: Sequence[tuple[list[Token], list[Token]]], *, numbered: bool = True, width: int | None = None
) -> list[Piece]:
    """The pieces of every unit; `numbered`: cut label text where a numbered label begins;
    `width`: an unlabelled row under a labelled one is a piece of its own."""
    out: list[Piece] = []
    for labels, values in unit_list:
        more: list[list[Token]] = []
        if width is not None and values:
            first, *more = _rows_of_values(values, width)
            values = first
        _unit_pieces(labels, values, numbered, out)
        out.extend(Piece("", row[0].start, row[0].start, row) for row in more)
    return out


def _unit_pieces(labels: list[Token], values: list[Token], numbered: bool, out: list[Piece]) -> None:
    """The pieces of one unit: its label text cut at numbered labels, the last piece
    owning the values."""
    if not labels:
        out.append(Piece("", values[0].start, values[0].start, list(values)))
        return
    text = "".join(t.text for t in labels)
    cuts = [m.start() for m in _NUMBERED.finditer(text) if m.start() > 0] if numbered else []
    if not cuts:
        m = _NUMBER_ONLY.match(text)
        if text.strip():
            out.append(Piece(text, labels[0].start, labels[-1].end, list(values), m.group() if m else ""))
        return
    at = char_positions(labels)
    made = []
    for a, b in zip([0, *cuts], [*cuts, len(text)]):
        chunk = text[a:b]
        if not chunk.strip():
            continue
        m = _NUMBER_ONLY.match(chunk)
        made.append(Piece(chunk, at[a], at[b - 1] + 1, [], m.group() if m else ""))
    if made:
        made[-1].values = list(values)
        out.extend(made)


def join_wrapped(found: list[Piece], matcher: Matcher) -> list[Piece]:
    """A label wrapped after its row's figures (`5.要 | 0 | … |` then `求行政机关确认…`):
    the words after the figures join the label when together they name a row better."""
    out: list[Piece] = []
    for piece in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.has_values
            and all(t.kind == BLANK for t in piece.values)  # the rest of a wrapped row is blank
            and not piece.numbering
            and prev.text
        ):
            alone = max(matcher.scores(prev.text).values(), default=0.0)
            joined = prev.text + piece.text
            together = max(matcher.scores(joined).values(), default=0.0)
            if alone < _STRONG <= together:
                out[-1] = Piece(joined, prev.start, piece.end, prev.values, prev.numbering)
                continue
        out.append(piece)
    return out


def _pairs(key: str) -> set[str]:
    """The character pairs of a label: neighbours, and characters one apart, so that a
    character dropped or mistyped (`属国家秘密`, `国家祕密`) still leaves pairs in common."""
    if len(key) <= 2:
        return {key} if key else set()
    return {key[i : i + 2] for i in range(len(key) - 1)} | {key[i] + key[i + 2] for i in range(len(key) - 2)}


def _bare(text: str) -> str:
    return label_key(_NUMBER_ONLY.sub("", text.strip()))


class Matcher:
    """Likeness of label text to the items of one form, by weighted character pairs."""

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = list(items)
        pair_sets: list[list[set[str]]] = []
        df: dict[str, int] = {}
        for item in self.items:
            variants = [_pairs(_bare(item.label))] + [_pairs(label_key(w)) for w in item.extra]
            pair_sets.append(variants)
            for pair in set().union(*variants):
                df[pair] = df.get(pair, 0) + 1
        n = len(self.items)
        self.weight = {pair: math.log(1 + n / count) for pair, count in df.items()}
        self._unknown = math.log(1 + 2 * n)
        self.forms: list[list[tuple[set[str], float]]] = [
            [(v, math.fsum(self.weight[p] for p in v)) for v in variants] for variants in pair_sets
        ]
        self._cache: dict[str, dict[int, float]] = {}
        self.index: dict[str, list[int]] = {}
        for i, weighed in enumerate(self.forms):
            for pair in set().union(*(v for v, _ in weighed)):
                self.index.setdefault(pair, []).append(i)

    def scores(self, text: str) -> dict[int, float]:
        """Likeness of `text` to each item it shares a pair with (0 … 1).

        Remembered: the form's own labels recur in every report of a batch."""
        found = self._cache.get(text)
        if found is None:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            found = self._cache[text] = self._scores(text)
        return found

    def _scores(self, text: str) -> dict[int, float]:
        key = _bare(text)
        pairs = _pairs(key)
        if not pairs:
            return {}
        # Summed exactly (fsum): a sum in the order a set of strings iterates in, which
        # the hash seed changes between processes, could differ in its last bit and make
        # one file read differently in two runs.
        text_weight = math.fsum(self.weight.get(p, self._unknown) for p in pairs)
        candidates = {i for p in pairs for i in self.index.get(p, ())}
        out = {}
        for i in candidates:
            best = 0.0
            for item_pairs, item_weight in self.forms[i]:
                common = math.fsum(self.weight[p] for p in pairs & item_pairs)
                if not common:
                    continue
                recall = common / item_weight
                precision = common / text_weight
                # Recall counts four times precision: a piece may carry other words.
                f = 5 * precision * recall / (4 * precision + recall)
                best = max(best, f)
            if best >= _KEPT:
                out[i] = best
        return out


@dataclass
class Alignment:
    """Which item each piece was taken for (piece index -> item index)."""

    of_piece: dict[int, int] = field(default_factory=dict)

    def of_item(self) -> dict[int, int]:
        return {i: p for p, i in self.of_piece.items()}


def _gain(piece: Piece, item: Item, s: float, substantive: bool) -> float:
    """What taking `piece` for `item` is worth (0: not to be taken in order)."""
    if s < _THRESHOLD:
        return 0.0
    if item.kind == ROW and not substantive:
        if item.needs_values:
            return 0.0
        return 0.0 if s < _STRONG else s * 0.5  # a row's label with its values elsewhere
    if item.kind == GROUP:
        # A group's label only marks a place; its pieces are often wrapped into the rows'
        # (`(三)不` … `予公开`), and must not outweigh a row.
        return 0.0 if piece.has_values else s * 0.2
    bonus = 0.0
    if piece.numbering and item.numbering:
        bonus = 0.1 if _same_number(piece.numbering, item.numbering) else -0.1
    return s + bonus


def align(found: Sequence[Piece], items: Sequence[Item], matcher: Matcher, width: int) -> Alignment:
    """Align pieces with the form's items in order; then fill gaps and take swapped rows."""
    scores = [matcher.scores(p.text) for p in found]
    # The pairs worth taking, in order; the best chain of pairs increasing in both the
    # pieces and the items is the in-order alignment (few pairs: a label resembles few items).
    pairs: list[tuple[int, int, float]] = []
    for p, piece in enumerate(found):
        full = _substantive(piece, width)
        gains = {i: g for i, s in scores[p].items() if (g := _gain(piece, items[i], s, full)) > 0}
        if not gains:
            continue
        # Only the items the piece names about as well as its best: a label that shares
        # the form's common words with another row is not a candidate for that row.
        top = max(gains.values())
        pairs.extend((p, i, g) for i, g in gains.items() if g >= top - _MARGIN)
    # By piece: the best chain ending at each item so far, and its running maximum over
    # the items before, give each pair's best chain in one pass.
    ending = [0.0] * (len(items) + 1)  # ending[i + 1]: best chain ending at item i
    owner: list[int] = [-1] * (len(items) + 1)  # the pair that chain ends with
    value: list[float] = []
    back: list[int] = []
    pairs.sort()
    fast = _each_best_in_order(pairs)
    if fast is not None:
        out = Alignment(fast)
        _fill_gaps(found, items, scores, out, width)
        _take_swapped(found, items, scores, out)
        return out
    k = 0
    while k < len(pairs):
        p = pairs[k][0]
        upto = list(itertools.accumulate(ending, max))
        mine = []
        while k < len(pairs) and pairs[k][0] == p:
            _, i, g = pairs[k]
            before = upto[i]  # the best chain ending at an item before i
            prev = -1
            if before > 0:
                prev = next(owner[j] for j in range(i, -1, -1) if ending[j] == before)
            value.append(before + g)
            back.append(prev)
            mine.append((i, k))
            k += 1
        for i, kk in mine:
            if value[kk] > ending[i + 1]:
                ending[i + 1], owner[i + 1] = value[kk], kk
    out = Alignment()
    if pairs:
        k = max(range(len(pairs)), key=value.__getitem__)
        while k >= 0:
            p, i, _ = pairs[k]
            out.of_piece[p] = i
            k = back[k]
    _fill_gaps(found, items, scores, out, width)
    _take_swapped(found, items, scores, out)
    return out


def _each_best_in_order(pairs: list[tuple[int, int, float]]) -> dict[int, int] | None:
    """The alignment when each piece's best item comes after the previous piece's: no
    chain can do better than every piece's best (the common case of a clean table)."""
    best: dict[int, tuple[float, int]] = {}
    for p, i, g in pairs:
        if p not in best or g > best[p][0]:
            best[p] = (g, i)
    last = -1
    for p in sorted(best):
        i = best[p][1]
        if i <= last:
            return None
        last = i
    return {p: i for p, (_, i) in best.items()}


def _same_number(a: str, b: str) -> bool:
    return a.strip("()、.．") == b.strip("()、.．")


def _substantive(piece: Piece, width: int) -> bool:
    """Whether a piece's values can be a row's: a figure or mark among them, or a whole
    row of blanks (a label column left blank on a continuation line is not)."""
    return any(t.kind != BLANK for t in piece.values) or len(piece.values) >= width


def _fill_gaps(
    found: Sequence[Piece], items: Sequence[Item], scores: list[dict[int, float]], out: Alignment, width: int
) -> None:
    """Between two rows surely aligned, the rows of the form not yet given figures take
    the figures no label surely claims, in order, when there are as many of each: a
    garbled or missing label, or labels printed as free lines above unlabelled rows."""
    sure = sorted(
        (p, i)
        for p, i in out.of_piece.items()
        if items[i].kind == ROW and _substantive(found[p], width) and scores[p].get(i, 0.0) >= _STRONG
    )
    for (p0, i0), (p1, i1) in itertools.pairwise(sure):
        rows = [i for i in range(i0 + 1, i1) if items[i].kind == ROW and not items[i].needs_values]
        free = [p for p in range(p0 + 1, p1) if _substantive(found[p], width)]
        if not rows or len(free) != len(rows):
            continue
        if all(out.of_piece.get(p) == i for p, i in zip(free, rows)):
            continue
        for p in range(p0 + 1, p1):
            if p in out.of_piece and items[out.of_piece[p]].kind == ROW:
                del out.of_piece[p]  # labels without figures, and weak matches, give way
        for p, i in zip(free, rows):
            out.of_piece[p] = i


def _take_swapped(
    found: Sequence[Piece], items: Sequence[Item], scores: list[dict[int, float]], out: Alignment
) -> None:
    """Rows printed out of the form's order: a piece with values that names an unaligned
    row unmistakably takes it."""
    used = set(out.of_piece.values())
    for p, piece in enumerate(found):
        if p in out.of_piece or not piece.has_values:
            continue
        ranked = sorted(
            (
                (_gain(piece, items[i], s, True), i)
                for i, s in scores[p].items()
                if items[i].kind == ROW and i not in used
            ),
            reverse=True,
        )
        if not ranked:
            continue
        s, i = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        if s >= _SWAPPED and s - runner_up >= _MARGIN:
            out.of_piece[p] = i
            used.add(i)
