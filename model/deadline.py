"""When an annual report must be published: by the regulation in force for its year and
the kind of agency that publishes it.

- Reports up to the 2018 report: the 2008 条例 (国务院令第492号), 第三十一条 — every agency
  by 31 March of the following year.
- From the 2019 report on: the 2019 条例 (国务院令第711号), 第四十九条 — departments of a
  government at county level or above by 31 January; the governments' own reports by
  31 March. A 管委会 of a development or pilot zone that acts as the area's government
  (两江新区、平潭综合实验区 …) reports as a government does.
- Townships, streets and agencies of unknown kind are held to 31 March (FORMAT.md): the
  rule never assumes the earlier deadline it cannot justify.

The kind is read from the agency's name only; a name the parser merely guessed from the
text is not judged (see `judged_name`).
"""

from __future__ import annotations

import datetime as dt
import re

from model.report import Report

DEPARTMENT = "department"
GOVERNMENT = "government"
ZONE = "zone"
TOWNSHIP = "township"
UNKNOWN = "other"
KINDS = (DEPARTMENT, GOVERNMENT, ZONE, TOWNSHIP, UNKNOWN)

REGULATION_2008 = "2008"
REGULATION_2019 = "2019"
FIRST_YEAR_OF_2019_REGULATION = 2019  # the first report year the 2019 条例 governs

# Where the parser found the agency's name (`Report.agency_read`).
FROM_SIGNATURE = "signature"
FROM_TITLE = "title"
FROM_TEXT = "text"
FROM_NOWHERE = "none"

_NOISE = re.compile(r"[\s()（）·]")
# A zone's own body: 平潭综合实验区管委会, 某某经济技术开发区管理委员会.
_ZONE_BODY = re.compile(r"(?:党工委)?(?:管委会|管理委员会)$")
# The names of development and pilot zones, as their names end.
_ZONE = re.compile(r"(?:新区|开发区|高新区|经开区|实验区|试验区|示范区|合作区|保税区|自贸区|园区)$")
# The last character of a place at county level or above: 省, 市, 州, 盟, 县, 区, 旗 — not
# the 区 of 社区 nor the 市 of 市场, 市政, 城市 …
_PLACE_END = r"(?:[省州盟县旗]|(?<!社)区|(?<![城超都门])市(?![场政民]))"
# Township-level places: 乡, 镇, 街道 — unless a county-level place follows (镇江市, 镇远县)
# or the word is a department's business (城乡建设, 乡村振兴, 乡镇企业).
_TOWNSHIP = re.compile(rf"(?:(?<!城)乡(?![村镇])|(?<!乡)镇|街道|社区)(?!.*{_PLACE_END})")
_COUNTY_OR_HIGHER = re.compile(_PLACE_END)
# A government, or a prefecture's 行政公署 (行署) that stands in for one.
_GOVERNMENT = re.compile(r"政府$|行政公署$|行署$")
# A government's or a zone's own office (政府办公室, 政府办, 管委会办公室): it often signs
# for the government or the zone.
_GOVERNMENT_OFFICE = re.compile(r"(?:政府|管委会|管理委员会)(?:办公室|办公厅|办)$")
# Endings that make a department of a government: 局, 委(员会), 办(公室), 厅, 署. Units
# such as 中心, 院, 所, 站, 队 are often not the government's departments: unknown.
_DEPARTMENT = re.compile(r"(?:局|委员会|委|办公室|办公厅|办|厅|署)$")
_PLACE = re.compile(rf"{_PLACE_END}$")


def zone_of(name: str) -> str:
    """The zone a zone's 管委会 speaks for (平潭综合实验区管委会 -> 平潭综合实验区); any other
    name as it is."""
    core = _ZONE_BODY.sub("", name)
    return core if core != name and _ZONE.search(core) else name


def agency_kind(name: str | None) -> str:
    """The kind of agency `name` (a full name, as a title or a signature gives it) describes."""
    name = _NOISE.sub("", name or "")
    if not name:
        return UNKNOWN
    if _TOWNSHIP.search(name):
        return TOWNSHIP
    core = _ZONE_BODY.sub("", name)
    if _ZONE.search(core):
        return ZONE  # the zone's own report, or its 管委会's
    if not _COUNTY_OR_HIGHER.search(name):
        return UNKNOWN
    if _GOVERNMENT.search(name) or _PLACE.search(name):
        return GOVERNMENT  # 某某县人民政府, or a place alone: the area's own report
    if _DEPARTMENT.search(name):
        return DEPARTMENT
    return UNKNOWN


def regulation(year: int) -> str:
    """The 条例 in force for the report of `year`."""
    return REGULATION_2019 if year >= FIRST_YEAR_OF_2019_REGULATION else REGULATION_2008


def due_date(year: int, kind: str) -> dt.date:
    """The last day on which the report of `year` by an agency of `kind` may be published."""
    if regulation(year) == REGULATION_2019 and kind == DEPARTMENT:
        return dt.date(year + 1, 1, 31)
    return dt.date(year + 1, 3, 31)


def deadline(agency: str | None, year: int) -> tuple[dt.date, str]:
    """The deadline of the report of `year` by the agency of full name `agency`, and the
    kind of agency it assumes."""
    kind = agency_kind(agency)
    return due_date(year, kind), kind


def judged_name(report: Report) -> str | None:
    """The name whose kind sets the report's deadline: the agency as the officer corrected
    it, or as the report's title or signature gives it. None when the name was only guessed
    from the text, or was read by a version that did not record where it came from; and
    for a government's office that only signed the report (it often signs for the
    government, whose report then is not a department's)."""
    if not report.agency or report.agency_read is None:
        return None
    where, name = report.agency_read
    if report.agency != name:
        return report.agency  # corrected by the officer
    if where == FROM_TITLE:
        return name
    if where == FROM_SIGNATURE and not _GOVERNMENT_OFFICE.search(_NOISE.sub("", name)):
        return name
    return None


def report_deadline(report: Report) -> tuple[dt.date, str, str] | None:
    """The report's deadline, the kind of agency assumed and the regulation applied; None
    without a report year."""
    if report.year is None:
        return None
    due, kind = deadline(judged_name(report), report.year)
    return due, kind, regulation(report.year)
