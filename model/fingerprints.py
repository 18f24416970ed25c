"""The fingerprint of a report's narrative: a sample of its character shingles.

`DUPLICATE_CONTENT` compares reports by it, and the pairing of an agency's years
(`model.last_year`) tells by it a report read twice. A `Fingerprints` keeps the ones made
so far, by text: whoever owns a batch of reports owns one (the audit of the batch, the
window's open reports), so a batch checked again after an edit costs nothing for the
reports whose text did not change. Deterministic (CRC-32), so a fingerprint made in a
worker process compares with one made here.
"""

from __future__ import annotations

import re
import zlib

from model.report import Report

SHINGLE = 12
SAMPLE_MOD = 4
NOT_NARRATIVE = re.compile(r"[\s\d|]")
_MAX_KEPT = 20_000

_Key = tuple[str, tuple[tuple[int, int], ...]]


def _key(report: Report) -> _Key:
    return report.text, tuple(sorted(report.table_spans.values()))


def shingles(text: str, sample_mod: int = SAMPLE_MOD) -> frozenset[int]:
    """A sample of the text's character shingles (one in `sample_mod`), by CRC-32."""
    data = text.encode("utf-32-le")  # four bytes a character: shingles are fixed slices
    width = 4 * SHINGLE
    hashes = {zlib.crc32(data[k : k + width]) for k in range(0, len(data) - width + 1, 4)}
    return frozenset(h for h in hashes if h % sample_mod == 0)


def fingerprint(report: Report) -> frozenset[int]:
    """The shingles of the report's text outside its tables, without spaces and digits."""
    text, spans = _key(report)
    pieces, pos = [], 0
    for a, b in spans:
        pieces.append(text[pos:a])
        pos = max(pos, b)
    pieces.append(text[pos:])
    return shingles(NOT_NARRATIVE.sub("", "".join(pieces)))


class Fingerprints:
    """The fingerprints of the reports of one batch, made once per text."""

    def __init__(self, limit: int = _MAX_KEPT) -> None:
        self._known: dict[_Key, frozenset[int]] = {}
        self._limit = limit

    def of(self, report: Report) -> frozenset[int]:
        key = _key(report)
        found = self._known.get(key)
        if found is None:
            found = fingerprint(report)
            self._keep(key, found)
        return found

    def adopt(self, report: Report, made: frozenset[int]) -> None:
        """Keep a fingerprint made elsewhere (a loading worker) for this report."""
        self._keep(_key(report), made)

    def _keep(self, key: _Key, made: frozenset[int]) -> None:
        if len(self._known) >= self._limit:
            self._known.clear()
        self._known[key] = made
