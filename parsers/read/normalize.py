"""Normalise decoded text for reading, keeping a map back to the original characters.

The shown text is what the officer sees and what every span points into. It differs from
the decoded file only where reading needs it: line ends, zero-width and ruby pinyin
removed (`號(hào)` → `號`), traditional characters made simplified, full-width ASCII made
half-width. `OffsetMap` turns a position in the shown text back into the original.

`label_key` is the looser form used to compare labels: no spaces, quotes or punctuation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Pinyin in parentheses glued after a CJK character, as pages with ruby annotations
# flatten to: 號(hào), 機(jī)構(gòu). The bracket comes first so that the search skips from
# bracket to bracket; the look-behind then checks the character before it.
_RUBY = re.compile(
    r"\((?<=[\u3400-\u9fff]\()(?=[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]*[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])"
    r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,7}\)"
)
# The plain form of `_RUBY`: the character before the bracket looked for first.
_RUBY_PLAIN = re.compile(
    r"(?<=[\u3400-\u9fff])\((?=[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]*[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])"
    r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]{1,7}\)"
)
_DROP = re.compile(r"\r(?=\n)|[\u200b-\u200f\u2028\u2029\u2060\ufeff\u00ad]")
# Every character `_DROP` removes: most texts hold none, and looking for each with `in` is
# several times faster than a search for the class.
_DROP_CHARS = "\r\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u2060\ufeff\u00ad"

# Full-width forms and wide spaces, each with the ASCII character it is shown as.
_HALF = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
_HALF.update(dict.fromkeys("\u3000\u00a0\u2002\u2003\u2009", " "))
_WIDE_CHAR = re.compile("[\uff01-\uff5e\u3000\u00a0\u2002\u2003\u2009]")


@dataclass(frozen=True)
class OffsetMap:
    """Piecewise-linear map from shown-text positions to original-text positions."""

    shown_starts: tuple[int, ...] = (0,)
    orig_starts: tuple[int, ...] = (0,)

    def to_original(self, pos: int) -> int:
        i = bisect.bisect_right(self.shown_starts, pos) - 1
        return self.orig_starts[i] + (pos - self.shown_starts[i])


@dataclass(frozen=True)
class NormText:
    """Shown text and the map from its positions back to the original text."""

    text: str
    original: str
    offsets: OffsetMap

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_original(start), self.offsets.to_original(end)


def _delete(text: str, pattern: re.Pattern[str], chars: str | None = None) -> tuple[str, OffsetMap]:
    """Remove every match of `pattern`; the map points shown positions to `text`.

    `chars`, the characters every match of `pattern` starts with, skips texts without any."""
    if chars is not None and not any(ch in text for ch in chars):
        return text, OffsetMap()
    pieces: list[str] = []
    shown_starts = [0]
    orig_starts = [0]
    last = 0
    shown = 0
    for m in pattern.finditer(text):
        if m.start() == m.end():
            continue
        pieces.append(text[last : m.start()])
        shown += m.start() - last
        last = m.end()
        shown_starts.append(shown)
        orig_starts.append(last)
    pieces.append(text[last:])
    if len(shown_starts) == 1:
        return text, OffsetMap()
    return "".join(pieces), OffsetMap(tuple(shown_starts), tuple(orig_starts))


_CJK = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified, same length, only when the text is mostly traditional.

    Simplified text is left alone: converting it would change words such as 显著.
    """
    if not _CJK.search(text):
        return text
    converted = _converted(text)
    if converted == text:
        return text
    # Enough changes for a text of Chinese characters only is enough for any text: the
    # characters need not be counted.
    if _differ_in_at_least(text, converted, max(3, len(text) * 0.02)):
        return converted
    cjk = len(text) - len(_CJK.sub("", text))
    return converted if _differ_in_at_least(text, converted, max(3, cjk * 0.02)) else text


def _converted(text: str) -> str:
    """`text` in simplified characters, character for character (same length)."""
    conv = _t2s()
    converted: str = conv.convert(text)
    if len(converted) != len(text):
        table: dict[str, str] = {}
        out = []
        for ch in text:
            sub = table.get(ch)
            if sub is None:
                sub = conv.convert(ch)
                table[ch] = sub if len(sub) == 1 else ch
                sub = table[ch]
            out.append(sub)
        converted = "".join(out)
    return converted


def _differ_in_at_least(text: str, converted: str, needed: float, block: int = 256) -> bool:
    """Whether two texts of the same length differ in at least `needed` positions.

    Compared a block at a time, equal blocks whole, stopping once enough differ: a
    traditional text shows it in its first lines."""
    changed = 0
    for i in range(0, len(text), block):
        a, b = text[i : i + block], converted[i : i + block]
        if a != b:
            changed += sum(1 for x, y in zip(a, b) if x != y)
            if changed >= needed:
                return True
    return False


def normalize(original: str) -> NormText:
    """The shown text of a decoded document, with its offset map."""
    text, first = _delete(original, _DROP, _DROP_CHARS)
    text = text.replace("\r", "\n")  # a lone CR (old Mac line ends)
    text2, second = _delete(text, _RUBY)
    offsets = first if len(second.shown_starts) == 1 else _compose(first, second)
    if _WIDE_CHAR.search(text2):
        # A report uses a few dozen such characters hundreds of times (，（）：；): each
        # is replaced throughout at once.
        for wide in set(_WIDE_CHAR.findall(text2)):
            text2 = text2.replace(wide, _HALF[wide])
    text2 = to_simplified(text2)
    return NormText(text2, original, offsets)


def normalize_plain(original: str) -> NormText:
    """The plain form of `normalize`: each pattern applied to the whole text whatever it
    holds, the maps always composed, the wide characters replaced one by one, and the
    changes of the simplified text counted in full. The property tests hold the two equal
    (the shown text, and where each of its positions comes from)."""
    text, first = _delete(original, _DROP)
    text = text.replace("\r", "\n")
    text2, second = _delete(text, _RUBY_PLAIN)
    text2 = _WIDE_CHAR.sub(lambda m: _HALF[m.group()], text2)
    return NormText(to_simplified_plain(text2), original, _compose(first, second))


def to_simplified_plain(text: str) -> str:
    """The plain form of `to_simplified`: the changed characters counted in full against
    the text's Chinese characters."""
    if not _CJK.search(text):
        return text
    converted = _converted(text)
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    cjk = sum(len(run) for run in _CJK.findall(text))
    return converted if changed >= max(3, cjk * 0.02) else text


def _compose(outer: OffsetMap, inner: OffsetMap) -> OffsetMap:
    """Map positions of the latest text (inner) through to the original (outer)."""
    if len(outer.shown_starts) == 1:
        return inner
    points = set(inner.shown_starts)
    # Where the outer map breaks, find the corresponding inner positions.
    for s in outer.shown_starts:
        i = bisect.bisect_right(inner.orig_starts, s) - 1
        p = inner.shown_starts[i] + (s - inner.orig_starts[i])
        points.add(p)
    ordered = sorted(points)
    return OffsetMap(tuple(ordered), tuple(outer.to_original(inner.to_original(p)) for p in ordered))


_KEY_DROP = re.compile(r"[\s\"'“”‘’「」『』《》〈〉<>()（）\[\]【】,，.。、:：;；!！?？·•_\-—–－~～|/]")


@lru_cache(maxsize=4096)
def label_key(text: str) -> str:
    """A label reduced for comparison: no whitespace, quotes or punctuation.

    Works on shown text, which is already half-width."""
    return _KEY_DROP.sub("", text)


_NUMBERING = re.compile(r"^\s*(?:[(（]?[一二三四五六七八九十]+[)）、.．]|[(（]\d+[)）]|\d+[.．、)）](?!\d))\s*")


@lru_cache(maxsize=4096)
def bare_label_key(text: str) -> str:
    """`label_key` of a label without its item number: the form's labels recur in every report."""
    return label_key(strip_numbering(text))


def strip_numbering(text: str) -> str:
    """Drop a leading item number: 一、 (一) 1. 2、"""
    prev = None
    while prev != text:
        prev = text
        text = _NUMBERING.sub("", text, count=1)
    return text


def positions(text: str, words: Iterable[str]) -> list[int]:
    """Where any of `words` (or characters) occurs in `text`, in order.

    `str.find` skips ahead far faster than a regex that opens with a choice of words or a
    character class, which tries every position."""
    found = []
    for word in words:
        where = text.find(word)
        while where >= 0:
            found.append(where)
            where = text.find(word, where + 1)
    return sorted(found)


def positions_plain(text: str, words: Iterable[str]) -> list[int]:
    """The plain form of `positions`: every place where one of `words` starts, word by word
    and place by place. The property tests hold the two equal."""
    return sorted(at for word in words for at in range(len(text)) if text.startswith(word, at))
