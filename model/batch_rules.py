"""Rules across a batch: carry-over between consecutive years, and copied narrative.

`CROSS_YEAR_CARRY` compares this year's 上年结转 with last year's 结转下年度 for reports
of one agency (names compared after normalisation). `DUPLICATE_CONTENT` finds reports of
different agencies whose narrative is largely the same text: character shingles sampled
by hash and an inverted index keep it fast for thousands of reports, and shingles most
reports share (the wording of the 条例, the form's labels) are ignored.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from model import messages
from model.findings import WARNING, CellRef, Finding
from model.report import Report
from model.schema import T3_COLS, TABLE3

_SHINGLE = 12
_SAMPLE_MOD = 4
_MIN_SHINGLES = 40
_SHARED = 0.5
_COMMON = 0.2

_ABBREVIATIONS = (
    ("人力资源和社会保障", "人社"),
    ("人力资源社会保障", "人社"),
    ("住房和城乡建设", "住建"),
    ("发展和改革", "发改"),
    ("委员会", "委"),
)
_NOISE = re.compile(r"[\s()（）·、,，.。]")


@lru_cache(maxsize=16384)
def agency_key(name: str | None) -> str | None:
    """An agency name reduced so that spellings of one agency compare equal."""
    if not name:
        return None
    key = _NOISE.sub("", name)
    for long, short in _ABBREVIATIONS:
        key = key.replace(long, short)
    return key


def _same_agency(a: str | None, b: str | None) -> bool:
    ka, kb = agency_key(a), agency_key(b)
    if not ka or not kb:
        return False
    return ka == kb or (min(len(ka), len(kb)) >= 4 and (ka.endswith(kb) or kb.endswith(ka)))


def cross_year_carry(reports: Sequence[Report]) -> dict[int, list[Finding]]:
    """Findings by index into `reports`: 上年结转 against last year's 结转下年度, per column."""
    out: dict[int, list[Finding]] = defaultdict(list)
    # Reports by year and by the end of their agency key: names of one agency share it.
    buckets: dict[tuple[int, str], list[Report]] = defaultdict(list)
    for r in reports:
        key = agency_key(r.agency)
        if r.year is not None and key and r.has_table(TABLE3):
            buckets[(r.year, key[-4:])].append(r)
    for i, this in enumerate(reports):
        key = agency_key(this.agency)
        if this.year is None or not key or not this.has_table(TABLE3):
            continue
        for last in buckets.get((this.year - 1, key[-4:]), []):
            if not _same_agency(this.agency, last.agency):
                continue
            for col in T3_COLS:
                now, before = this.value(TABLE3, "carried_over", col), last.value(TABLE3, "carried_forward", col)
                if now is None or before is None or now == before:
                    continue
                figures = {
                    "severity": WARNING,
                    "col_label": messages.col_label(TABLE3, this.format, col),
                    "year": this.year,
                    "last_year": last.year,
                    "now": now,
                    "before": before,
                    "last_path": last.path,
                }
                cell = this.cell(TABLE3, "carried_over", col)
                out[i].append(
                    Finding(
                        "CROSS_YEAR_CARRY",
                        WARNING,
                        messages.render("CROSS_YEAR_CARRY", figures),
                        [CellRef(TABLE3, "carried_over", col)],
                        cell.span if cell else None,
                        figures,
                    )
                )
    return out


_FINGERPRINTS: dict[tuple[str, tuple[tuple[int, int], ...]], frozenset[int]] = {}
_MAX_FINGERPRINTS = 20_000


def _fingerprint_key(report: Report) -> tuple[str, tuple[tuple[int, int], ...]]:
    return report.text, tuple(sorted(report.table_spans.values()))


def _fingerprint(report: Report) -> frozenset[int]:
    """The shingles of the report's narrative, kept by text so that a batch re-checked
    after an edit costs nothing for the reports whose text did not change."""
    key = _fingerprint_key(report)
    found = _FINGERPRINTS.get(key)
    if found is None:
        found = fingerprint(report)
        adopt(report, found)
    return found


def fingerprint(report: Report) -> frozenset[int]:
    """The shingles of the report's text outside its tables, without spaces and digits.

    Deterministic (CRC-32), so a fingerprint made in a worker process compares with ours."""
    text, spans = _fingerprint_key(report)
    pieces, pos = [], 0
    for a, b in spans:
        pieces.append(text[pos:a])
        pos = max(pos, b)
    pieces.append(text[pos:])
    return _shingles(_NOT_NARRATIVE.sub("", "".join(pieces)))


def adopt(report: Report, shingles: frozenset[int]) -> None:
    """Keep a fingerprint made elsewhere (a loading worker) for this report."""
    if len(_FINGERPRINTS) >= _MAX_FINGERPRINTS:
        _FINGERPRINTS.clear()
    _FINGERPRINTS[_fingerprint_key(report)] = shingles


_NOT_NARRATIVE = re.compile(r"[\s\d|]")


def _shingles(text: str) -> frozenset[int]:
    """A sample of the text's character shingles, by CRC-32."""
    data = text.encode("utf-32-le")  # four bytes a character: shingles are fixed slices
    width = 4 * _SHINGLE
    hashes = {zlib.crc32(data[k : k + width]) for k in range(0, len(data) - width + 1, 4)}
    return frozenset(h for h in hashes if h % _SAMPLE_MOD == 0)


def prepare(report: Report) -> frozenset[int] | None:
    """Fingerprint a report's narrative now (in a worker), so the batch check is quick later."""
    return None if report.error else _fingerprint(report)


def duplicate_content(reports: Sequence[Report]) -> dict[int, list[Finding]]:
    """Findings by index: narrative largely shared with another agency's report.

    Reports with the very same narrative are grouped first, so a batch with many copies of
    one text costs one comparison per distinct text, not one per pair of copies."""
    out: dict[int, list[Finding]] = defaultdict(list)
    groups: dict[frozenset[int], list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        if not r.error:
            shingles = _fingerprint(r)
            if len(shingles) >= _MIN_SHINGLES:
                groups[shingles].append(i)
    distinct = list(groups)
    if sum(len(g) for g in groups.values()) < 2:
        return out
    index: dict[int, list[int]] = defaultdict(list)
    for k, s in enumerate(distinct):
        for h in s:
            index[h].append(k)
    common_limit = max(3, int(_COMMON * len(distinct)))
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for owners in index.values():
        if len(owners) < 2 or len(owners) > common_limit:
            continue
        for a_pos, a in enumerate(owners):
            for b in owners[a_pos + 1 :]:
                shared[(a, b)] += 1
    similar: dict[int, list[tuple[int, float]]] = defaultdict(list)  # text → (other text, share)
    for k, members in enumerate(groups.values()):
        if len(members) > 1:
            similar[k].append((k, 1.0))
    for (a, b), count in shared.items():
        similar[a].append((b, count / len(distinct[a])))
        similar[b].append((a, count / len(distinct[b])))
    members_of = list(groups.values())
    agencies_of: list[dict[str | None, int]] = []
    for members in members_of:
        first: dict[str | None, int] = {}
        for i in members:
            first.setdefault(agency_key(reports[i].agency), i)
        agencies_of.append(first)
    for k, candidates in similar.items():
        for me in members_of[k]:
            best = _most_similar(reports, me, candidates, agencies_of)
            if best is not None:
                other, ratio = best
                figures = {
                    "severity": WARNING,
                    "ratio": round(ratio * 100),
                    "other_agency": reports[other].agency or "",
                    "other_path": reports[other].path,
                }
                out[me].append(
                    Finding("DUPLICATE_CONTENT", WARNING, messages.render("DUPLICATE_CONTENT", figures), [], None, figures)
                )
    return out


def _most_similar(
    reports: Sequence[Report], me: int, candidates: list[tuple[int, float]], agencies_of: list[dict[str | None, int]]
) -> tuple[int, float] | None:
    """The report of another agency whose narrative shares the most with `me`'s."""
    mine = reports[me]
    for text, ratio in sorted(candidates, key=lambda c: -c[1]):
        if ratio < _SHARED:
            break
        for other in agencies_of[text].values():  # one report per agency
            them = reports[other]
            if them is mine or _same_agency(mine.agency, them.agency) or (mine.sha256 and mine.sha256 == them.sha256):
                continue
            return other, ratio
    return None


def audit_batch(reports: Sequence[Report]) -> dict[int, list[Finding]]:
    """Every batch finding, by index into `reports`."""
    out: dict[int, list[Finding]] = defaultdict(list)
    for rule in (cross_year_carry, duplicate_content):
        for i, findings in rule(reports).items():
            out[i].extend(findings)
    return out
