"""One report, one entry: a source file and its own audit workbook open as one report.

An audit workbook is named after its source (`a.txt` → `a.审核.xlsx`) and saved beside it
or in a folder the officer chose. When both are opened — a folder holding the pair, or a
source whose workbook is where it is saved — they are one report: the source's text, read
afresh, with the workbook's corrections over it (`pair_files`, then `merge_book`).

The workbook proves it belongs to the source: it records the source's name and SHA-256.

- Same name and content: its corrections apply (`APPLIED`): the change log it carries,
  replayed in order, and any figure it holds corrected that the log does not reach (a
  figure typed in Excel, a log cut short).
- Same name, content changed since the workbook was saved: the corrections are not applied
  to a different text (`SOURCE_CHANGED`), as the workspace never replays onto a changed
  file; the officer is told and can open the workbook on its own.
- Not this source's workbook (another file of the same name, not a workbook of ours, or
  unreadable): it is opened as a report of its own (`SEPARATE`).

Output names (`output_names`) are made safe for Windows and kept apart within a folder, for
the workbooks, the PDFs and the pairing alike. Pure Python; the window and `check` share it.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from model.changes import Change
from model.errors import AuditError
from model.filenames import safe_name
from model.report import Report
from model.workspace import replay

BOOK_SUFFIX = ".审核.xlsx"
PDF_SUFFIX = ".审核.pdf"

APPLIED = "applied"
SOURCE_CHANGED = "source_changed"
SEPARATE = "separate"

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BookMerge:
    """What became of the audit workbook opened with a source."""

    book: str  # the workbook's path
    outcome: str  # APPLIED, SOURCE_CHANGED or SEPARATE
    changes: tuple[Change, ...] = field(default=())  # to replay on the source, in order (APPLIED)

    @property
    def name(self) -> str:
        return os.path.basename(self.book)


# ---- names ------------------------------------------------------------------------------


def output_names(folder: str, sources: Sequence[str | None], suffix: str) -> list[str | None]:
    """The output file name for each source (None for None): `<stem><suffix>`, made safe for
    Windows, each name once in the folder (case ignored, as there): `a.审核.xlsx`,
    `a.2.审核.xlsx` …"""
    used: set[str] = set()
    names: list[str | None] = []
    for source in sources:
        if source is None:
            names.append(None)
            continue
        stem = Path(source).stem
        name, n = safe_name(stem, suffix, folder), 2
        while name.casefold() in used:
            name, n = safe_name(f"{stem}.{n}", suffix, folder), n + 1
        used.add(name.casefold())
        names.append(name)
    return names


def book_path(source: str, folder: str | None = None) -> str:
    """Where the audit workbook of `source` goes: beside it, or in `folder`."""
    where = folder or os.path.dirname(os.path.abspath(source))
    return os.path.join(where, safe_name(Path(source).stem, BOOK_SUFFIX, where))


def _stem(path: str) -> str:
    """`Path(path).stem`, without making a Path (a batch asks it a thousand times)."""
    return os.path.splitext(os.path.basename(path))[0]


def is_book_name(path: str) -> bool:
    return os.path.basename(path).casefold().endswith(BOOK_SUFFIX.casefold())


def _book_stems(path: str) -> list[str]:
    """The source stems a workbook's name may stand for: `a` for `a.审核.xlsx`, and for
    `a.2.审核.xlsx` (the second source named `a` in one folder) `a.2`, then `a`."""
    stem = os.path.basename(path)[: -len(BOOK_SUFFIX)]
    out = [stem]
    base, dot, number = stem.rpartition(".")
    if dot and number.isdigit():
        out.append(base)
    return [s.casefold() for s in out]


def pair_files(files: Sequence[str], book_folder: str | None = None) -> tuple[list[str], dict[str, str]]:
    """The files to open as reports, and the audit workbook to open with each source.

    A workbook among `files` goes with a source among them in its folder whose name it
    carries; a source with no such workbook among them takes the one saved beside it, or in
    `book_folder`, when it exists. The workbooks paired leave the list."""
    by_folder: dict[tuple[str, str], list[str]] = {}
    for f in files:
        if not is_book_name(f):
            by_folder.setdefault((os.path.dirname(f), _stem(f).casefold()), []).append(f)
    books: dict[str, str] = {}
    taken: set[str] = set()
    for f in files:
        if not is_book_name(f):
            continue
        for stem in _book_stems(f):
            sources = [s for s in by_folder.get((os.path.dirname(f), stem), []) if s not in books]
            if sources:
                books[sources[0]] = f
                taken.add(f)
                break
    # Which folders hold a workbook at all, each listed once: a batch of a thousand sources
    # beside none costs no look per file.
    holds_books: dict[str, bool] = {}

    def may_hold(folder: str) -> bool:
        if folder not in holds_books:
            try:
                holds_books[folder] = any(is_book_name(name) for name in os.listdir(folder))
            except OSError:
                holds_books[folder] = False
        return holds_books[folder]

    for f in files:
        if is_book_name(f) or f in books:
            continue
        for folder in (None, book_folder):
            where = folder or os.path.dirname(os.path.abspath(f))
            if not may_hold(where):
                continue
            candidate = book_path(f, folder)
            if os.path.isfile(candidate) and candidate not in taken:
                books[f] = candidate
                taken.add(candidate)
                break
    return [f for f in files if f not in taken], books


# ---- merging ----------------------------------------------------------------------------


def _belongs(source: Report, book: Report) -> bool:
    return os.path.basename(book.path).casefold() == os.path.basename(source.path).casefold() or bool(
        book.sha256 and book.sha256 == source.sha256
    )


def book_corrections(source: Report, book: Report, log: Sequence[Change], when: dt.datetime) -> list[Change]:
    """The corrections that turn the freshly read `source` into what the workbook holds: its
    change log, then a change for each corrected figure the log does not reach (at `when`)."""
    probe = dataclasses.replace(source, tables=copy.deepcopy(source.tables))
    replay(probe, list(log))
    extra: list[Change] = []
    for table, cells in book.tables.items():
        for (row, col), cell in cells.items():
            if not cell.edited:
                continue
            now = probe.cell(table, row, col)
            if now is None or now.value != cell.value:
                extra.append(Change(table, row, col, None if now is None else now.value, cell.value, when))
    return list(log) + extra


def merge_book(source: Report, book: str) -> BookMerge:
    """Read the audit workbook `book` and work out what it brings to `source` (just read).
    Never raises: a workbook that cannot be read is opened on its own."""
    from model.excel.read import read_report_workbook

    if source.error:
        return BookMerge(book, SEPARATE)
    try:
        saved, log = read_report_workbook(book)
        when = dt.datetime.fromtimestamp(os.path.getmtime(book))
    except (AuditError, OSError):
        return BookMerge(book, SEPARATE)  # not one of ours, or damaged: it says why on its own
    except Exception:  # noqa: BLE001 - one file's fault must not stop the batch
        _log.exception("reading %s as the audit workbook of %s failed", book, source.path)
        return BookMerge(book, SEPARATE)
    if not _belongs(source, saved):
        return BookMerge(book, SEPARATE)
    if saved.sha256 != source.sha256:
        return BookMerge(book, SOURCE_CHANGED)
    return BookMerge(book, APPLIED, tuple(book_corrections(source, saved, log, when)))


def merged_changes(book: Sequence[Change], later: Sequence[Change]) -> tuple[list[Change], list[Change]]:
    """The workbook's corrections with `later` ones (the workspace's) that it does not hold,
    in the order they were made; and those later ones."""
    held = {(c.table, c.row, c.col, c.new, c.when) for c in book}
    extra = [c for c in later if (c.table, c.row, c.col, c.new, c.when) not in held]
    return sorted([*book, *extra], key=lambda c: c.when), extra


def cells_corrected(changes: Sequence[Change]) -> int:
    """How many figures (and details: agency, year, format) the changes touch."""
    return len({(c.table, c.row, c.col) for c in changes})
