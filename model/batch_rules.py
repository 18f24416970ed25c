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
    with_t3 = [(i, r) for i, r in enumerate(reports) if r.year is not None and r.has_table(TABLE3)]
    for i, this in with_t3:
        for _, last in with_t3:
            if last.year != (this.year or 0) - 1 or not _same_agency(this.agency, last.agency):
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


def _narrative(report: Report) -> str:
    """The report's text outside its tables, without spaces and digits."""
    text = report.text
    spans = sorted(report.table_spans.values())
    pieces, pos = [], 0
    for a, b in spans:
        pieces.append(text[pos:a])
        pos = max(pos, b)
    pieces.append(text[pos:])
    return re.sub(r"[\s\d|]", "", "".join(pieces))


def _shingles(text: str) -> set[int]:
    out = set()
    for k in range(len(text) - _SHINGLE + 1):
        h = zlib.crc32(text[k : k + _SHINGLE].encode("utf-8"))
        if h % _SAMPLE_MOD == 0:
            out.add(h)
    return out


def duplicate_content(reports: Sequence[Report]) -> dict[int, list[Finding]]:
    """Findings by index: narrative largely shared with another agency's report."""
    out: dict[int, list[Finding]] = defaultdict(list)
    sets = {i: _shingles(_narrative(r)) for i, r in enumerate(reports) if not r.error}
    sets = {i: s for i, s in sets.items() if len(s) >= _MIN_SHINGLES}
    if len(sets) < 2:
        return out
    index: dict[int, list[int]] = defaultdict(list)
    for i, s in sets.items():
        for h in s:
            index[h].append(i)
    common_limit = max(3, int(_COMMON * len(sets)))
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for owners in index.values():
        if len(owners) < 2 or len(owners) > common_limit:
            continue
        for a_pos, a in enumerate(owners):
            for b in owners[a_pos + 1 :]:
                shared[(a, b)] += 1
    for (a, b), count in shared.items():
        ra, rb = reports[a], reports[b]
        if _same_agency(ra.agency, rb.agency) or ra.sha256 and ra.sha256 == rb.sha256:
            continue
        for me, other in ((a, b), (b, a)):
            ratio = count / len(sets[me])
            if ratio < _SHARED:
                continue
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


def audit_batch(reports: Sequence[Report]) -> dict[int, list[Finding]]:
    """Every batch finding, by index into `reports`."""
    out: dict[int, list[Finding]] = defaultdict(list)
    for rule in (cross_year_carry, duplicate_content):
        for i, findings in rule(reports).items():
            out[i].extend(findings)
    return out
