"""One report, one entry: a source and its own audit workbook open as one report, with the
workbook's corrections over the source's text (`model.excel.pairs`, and `main.py check`)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from openpyxl import load_workbook

from main import check
from model.changes import META_TABLE, Change
from model.excel.pairs import (
    APPLIED,
    SEPARATE,
    SOURCE_CHANGED,
    BookMerge,
    book_path,
    output_names,
    pair_files,
)
from model.excel.workbook import write_report
from model.findings import Finding
from model.report import Report
from model.rules import audit
from parsers import load_report
from parsers.pipeline import audit_files
from tests.conftest import sample

CELL = ("table3", "new", "natural_person")
WHEN = dt.datetime(2025, 3, 1, 9, 30)


def audit_paired(files: list[str], books: dict[str, str]) -> list[tuple[Report, list[Finding], BookMerge | None]]:
    """The headless pipeline over sources opened with their workbooks, as triples."""
    return [(a.report, a.findings, a.book) for a in audit_files(files, books=books)]


def _saved_pair(folder: Path, value: int = 999, name: str = "report.txt") -> tuple[Path, Path]:
    """A source in `folder` and its audit workbook beside it, saved with one correction of
    a figure and one of the agency."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / name
    shutil.copy(sample("003"), source)
    report = load_report(source)
    old = report.set_value(*CELL, value)
    agency = report.set_meta("agency", "改正后的机关")
    changes = [Change(*CELL, old, value, WHEN), Change(META_TABLE, "agency", "", agency, "改正后的机关", WHEN)]
    book = Path(book_path(str(source)))
    write_report(book, report, audit(report), changes)
    return source, book


def test_names_pair_a_source_with_its_workbook(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    files = [str(folder / n) for n in ("a.审核.xlsx", "a.txt", "b.2.审核.xlsx", "b.html", "b.txt", "c.xlsx")]
    for f in files:
        Path(f).write_bytes(b"x")
    shown, books = pair_files(files)
    assert shown == [str(folder / n) for n in ("a.txt", "b.html", "b.txt", "c.xlsx")]
    assert books == {
        str(folder / "a.txt"): str(folder / "a.审核.xlsx"),
        str(folder / "b.html"): str(folder / "b.2.审核.xlsx"),
    }
    # A source opened alone takes its workbook where it is saved: beside it, or in the chosen folder.
    other = tmp_path / "books"
    other.mkdir()
    (other / "b.审核.xlsx").write_bytes(b"x")
    assert pair_files([str(folder / "a.txt")]) == ([str(folder / "a.txt")], {str(folder / "a.txt"): files[0]})
    assert pair_files([str(folder / "b.txt")], str(other))[1] == {str(folder / "b.txt"): str(other / "b.审核.xlsx")}
    assert pair_files([str(folder / "b.txt")])[1] == {}
    # A workbook named on its own is a report of its own.
    assert pair_files([files[0]]) == ([files[0]], {})
    assert output_names(str(folder), ["x/a.txt", None, "y/a.html", "z/A.doc"], ".审核.pdf") == [
        "a.审核.pdf",
        None,
        "a.2.审核.pdf",
        "A.3.审核.pdf",
    ]


def test_a_folder_with_a_source_and_its_workbook_is_one_report(tmp_path: Path) -> None:
    source, book = _saved_pair(tmp_path / "f")
    files, books = pair_files([str(source), str(book)])
    ((report, findings, merge),) = audit_paired(files, books)
    assert merge is not None and merge.outcome == APPLIED and merge.book == str(book)
    assert report.path == str(source) and report.text == load_report(source).text  # the source's text
    assert report.value(*CELL) == 999 and report.cell(*CELL).edited  # type: ignore[union-attr]
    assert report.agency == "改正后的机关"
    assert findings == audit(report)
    assert [c.new for c in merge.changes] == [999, "改正后的机关"]


def test_a_figure_typed_into_the_workbook_comes_along(tmp_path: Path) -> None:
    source, book = _saved_pair(tmp_path / "f")
    wb = load_workbook(book)
    wb["表三"]["E6"] = 77  # 商业企业 of 本年新收, typed in Excel
    wb.save(book)
    ((report, _findings, merge),) = audit_paired(*pair_files([str(source), str(book)]))
    assert merge is not None and merge.outcome == APPLIED
    assert report.value("table3", "new", "commercial") == 77 and report.value(*CELL) == 999


def test_a_changed_source_keeps_its_text_and_is_told(tmp_path: Path) -> None:
    source, book = _saved_pair(tmp_path / "f")
    source.write_text(source.read_text(encoding="utf-8") + "\n附件：无", encoding="utf-8")
    ((report, _findings, merge),) = audit_paired(*pair_files([str(source), str(book)]))
    assert merge is not None and merge.outcome == SOURCE_CHANGED and not merge.changes
    assert report.value(*CELL) == load_report(source).value(*CELL) != 999


def test_a_workbook_of_another_file_is_a_report_of_its_own(tmp_path: Path) -> None:
    _source, book = _saved_pair(tmp_path / "f", name="other.txt")
    stranger = tmp_path / "f" / "report.txt"
    shutil.copy(sample("001"), stranger)
    shutil.move(book, tmp_path / "f" / "report.审核.xlsx")
    audited = audit_paired(*pair_files([str(stranger), str(tmp_path / "f" / "report.审核.xlsx")]))
    assert [r.path for r, _, _ in audited] == [str(stranger), str(tmp_path / "f" / "report.审核.xlsx")]
    assert audited[0][2] is not None and audited[0][2].outcome == SEPARATE
    assert audited[1][0].value(*CELL) == 999  # read back as it was saved


def test_check_opens_the_pair_as_one_report(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source, book = _saved_pair(tmp_path / "f")
    out = tmp_path / "out.json"
    assert check([str(tmp_path / "f"), "--json", str(out), "--xlsx-dir", str(tmp_path / "books")]) in (0, 1)
    reports = json.loads(out.read_text(encoding="utf-8"))["reports"]
    assert [r["path"] for r in reports] == [str(source)]
    assert reports[0]["tables"]["table3"]["new"]["natural_person"] == 999
    assert reports[0]["agency"] == "改正后的机关"
    written = load_workbook(tmp_path / "books" / book.name)
    log = [row for row in written["修改记录"].iter_rows(min_row=2, values_only=True)]
    assert [row[4] for row in log] == [999, "改正后的机关"]  # the corrections travel on
    capsys.readouterr()
    check([str(tmp_path / "f")])
    said = capsys.readouterr().out
    assert said.count("\n") == 1 and f"已合并审核工作簿 {book.name} 中的 2 处修改" in said
