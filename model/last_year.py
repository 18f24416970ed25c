"""Which report of the batch is an agency's report of the year before: the pairing the
rules across years (`CROSS_YEAR_IN_FORCE`, `COPIED_FROM_LAST_YEAR`, `YEAR_SWING`) share.

A wrong pair makes every one of those rules speak falsely, so a pair is made only where
the batch leaves no doubt:

- the agency is matched as `agency_key` spells it, a longer and a shorter
  spelling of one name included (襄州区民政局 / 区民政局) — unless the shorter one ends
  the names of several agencies in the batch (区民政局 beside 襄州区 and 襄城区民政局):
  then it is matched only to itself;
- a report with no year or no agency is compared with nothing;
- one report can be in the batch more than once (the web page and the PDF of one
  report, a copy in another folder): a figure is taken from one agency's year only where
  every report of that agency and year that holds it holds the same figure — two
  different reports claiming one year (one of them with its year misread) leave the
  figures they disagree on uncompared;
- a report of the year before that is really this report again (the same text, or the
  same figures, wording and year talked about, its year misread) is no report of the
  year before;
- more than `MAX_VERSIONS` different reports of one agency in one year: nothing there is
  compared.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from model.deadline import zone_of
from model.fingerprints import Fingerprints
from model.report import Number, Report

MAX_VERSIONS = 4  # different reports of one agency and year beyond which none is paired
_SAME_WORDING = 0.8  # share of narrative shingles two files of one report have in common

CellId = tuple[str, str, str]  # (table, row, col)

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
    key = zone_of(_NOISE.sub("", name))  # a zone's 管委会 reports as the zone
    for long, short in _ABBREVIATIONS:
        key = key.replace(long, short)
    return key


def _keys_matching(keys: Iterable[str]) -> dict[str, frozenset[str]]:
    """For each agency key, the keys that name the same agency in this batch.

    Two keys match when they are equal, or one of at least four characters ends the
    other (as `model.batch_rules` compares agencies), and the shorter one is no abbreviation
    of several agencies: the longer keys it ends must all end one another (区民政局 ⊂
    襄州区民政局 ⊂ 襄阳市襄州区民政局), else it stands for none of them."""
    by_tail: dict[str, list[str]] = defaultdict(list)
    for key in set(keys):
        by_tail[key[-4:]].append(key)
    matching: dict[str, set[str]] = {}
    for bucket in by_tail.values():
        for key in bucket:
            matching.setdefault(key, {key})
            if len(key) < 4:
                continue
            longer = sorted((k for k in bucket if len(k) > len(key) and k.endswith(key)), key=len)
            if all(b.endswith(a) for a, b in zip(longer, longer[1:])):
                for other in longer:
                    matching[key].add(other)
                    matching.setdefault(other, {other}).add(key)
    return {key: frozenset(found) for key, found in matching.items()}


_YEAR_WORD = re.compile(r"(20\d{2})\s*年")


@lru_cache(maxsize=4096)
def _year_talked_about(text: str) -> str | None:
    """The year the text names most (a report misdated by its title still talks about its
    own year)."""
    counts = Counter(_YEAR_WORD.findall(text))
    return counts.most_common(1)[0][0] if counts else None


def _cells_agree(a: Report, b: Report) -> bool:
    """No cell both reports hold differs between them."""
    for table, cells in a.tables.items():
        theirs = b.tables.get(table)
        if not theirs:
            continue
        for key, cell in cells.items():
            other = theirs.get(key)
            if cell.value is not None and other is not None and other.value is not None and other.value != cell.value:
                return False
    return True


def same_report(a: Report, b: Report, prints: Fingerprints | None = None) -> bool:
    """`a` and `b` are one report read twice (two files, or one file twice), whatever
    years were read for them; `prints` keeps the narrative fingerprints of the batch."""
    if (a.sha256 and a.sha256 == b.sha256) or a.text == b.text:
        return True
    if not _cells_agree(a, b) or _year_talked_about(a.text) != _year_talked_about(b.text):
        return False
    prints = prints or Fingerprints()
    mine, theirs = prints.of(a), prints.of(b)
    if not mine or not theirs:
        return False
    return len(mine & theirs) >= _SAME_WORDING * min(len(mine), len(theirs))


class YearPairs:
    """For each report of a batch, the reports of its agency in its year and in the
    year before, as far as the batch makes them certain (see the module's docstring)."""

    def __init__(self, reports: Sequence[Report], prints: Fingerprints | None = None) -> None:
        self.reports = reports
        self.prints = prints or Fingerprints()
        keys: dict[int, str] = {}
        self._by_year: dict[tuple[int, str], list[int]] = defaultdict(list)
        for i, r in enumerate(reports):
            key = agency_key(r.agency)
            if r.year is None or not key or r.error:
                continue
            keys[i] = key
            self._by_year[(r.year, key)].append(i)
        self._keys = keys
        self._matching = _keys_matching(keys.values())
        self._groups: dict[tuple[int, str], tuple[list[int], list[int]]] = {}

    def _of(self, year: int, key: str) -> list[int]:
        """The reports of the agency `key` names in `year`, under any of its spellings."""
        return [i for k in sorted(self._matching[key]) for i in self._by_year.get((year, k), [])]

    def _group(self, year: int, key: str) -> tuple[list[int], list[int]]:
        """(this year's reports, last year's) of one agency, worked out once per agency."""
        found = self._groups.get((year, key))
        if found is None:
            peers, lasts = self._of(year, key), self._of(year - 1, key)
            if lasts:
                lasts = self._not_this_report(peers, lasts)
            found = self._groups[(year, key)] = (peers, lasts)
        return found

    def _not_this_report(self, peers: list[int], lasts: list[int]) -> list[int]:
        """Last year's reports that are not one of this year's read again; none when
        either year holds too many different reports to tell them apart."""
        reports = self.reports
        mine, theirs = _by_text(reports, peers), _by_text(reports, lasts)
        if len(mine) > MAX_VERSIONS or len(theirs) > MAX_VERSIONS:
            return []
        kept = {
            text
            for text, t in theirs.items()
            if not any(same_report(reports[m], reports[t], self.prints) for m in mine.values())
        }
        return [i for i in lasts if reports[i].text in kept]

    def last_year(self, i: int) -> list[int]:
        """The reports of the same agency's year before `reports[i]`'s, [] when none is sure."""
        key = self._keys.get(i)
        if key is None:
            return []
        year = self.reports[i].year
        assert year is not None
        return self._group(year, key)[1]

    def peers(self, i: int) -> list[int]:
        """The reports of `reports[i]`'s agency and year, itself included."""
        key = self._keys.get(i)
        if key is None:
            return [i]
        year = self.reports[i].year
        assert year is not None
        return self._group(year, key)[0]

    def own(self, i: int, cell: CellId) -> Number | None:
        """`reports[i]`'s figure, unless another report of its agency and year says otherwise."""
        value = self.reports[i].value(*cell)
        if value is None:
            return None
        for p in self.peers(i):
            other = self.reports[p].value(*cell)
            if other is not None and other != value:
                return None
        return value

    def agreed(self, indices: Sequence[int], cell: CellId) -> Number | None:
        """The figure these reports hold, when those that hold it agree on it."""
        found: Number | None = None
        for i in indices:
            value = self.reports[i].value(*cell)
            if value is None:
                continue
            if found is not None and value != found:
                return None
            found = value
        return found


def _by_text(reports: Sequence[Report], indices: Sequence[int]) -> dict[str, int]:
    """The different texts among `indices`, each with the first report that has it."""
    first: dict[str, int] = {}
    for i in indices:
        first.setdefault(reports[i].text, i)
    return first
