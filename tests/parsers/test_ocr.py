"""Scans read by OCR: the steps around the models (regions, rules, skew, a digit's shapes),
confidence kept as uncertainty, the confusable-digit check, images as file types, the OCR
libraries left unimported until a scan is read, and one real scan read end to end against
the text it was printed from (the rest of the corpus: `python -m tests.scans`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.report import STATUS_UNCERTAIN, UNCERTAIN_OCR, UNCERTAIN_OCR_CONFUSABLE
from model.rules import SCAN_NOTE, audit
from parsers import load_report
from parsers.read.filetypes import IMAGE
from parsers.read.inputs import expand_paths
from parsers.read.ocr_engine import deskew, regions, skew_angle
from parsers.read.readers import _kind_of
from parsers.read.scan_reader import ink_threshold, print_lines, ruling_lines, without_rules
from parsers.recognize.scan_marks import mark_uncertain, variants

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "000_c7ecebbd36c0ed3c.txt"
SCAN = ROOT / "tests" / "data" / "scans" / "seed-000-150dpi.pdf"  # SAMPLE printed, rasterised


def _flood_regions(mask: np.ndarray) -> set[tuple[int, int, int, int]]:
    """The plain way: 4-connected regions by flood fill."""
    seen = np.zeros_like(mask, dtype=bool)
    out = set()
    h, w = mask.shape
    for y in range(h):
        for x in range(w):
            if mask[y, x] and not seen[y, x]:
                stack, xs, ys = [(y, x)], [], []
                seen[y, x] = True
                while stack:
                    cy, cx = stack.pop()
                    xs.append(cx)
                    ys.append(cy)
                    for ny, nx in ((cy + 1, cx), (cy - 1, cx), (cy, cx + 1), (cy, cx - 1)):
                        if 0 <= ny < h and 0 <= nx < w and mask[ny, nx] and not seen[ny, nx]:
                            seen[ny, nx] = True
                            stack.append((ny, nx))
                out.add((min(xs), min(ys), max(xs) + 1, max(ys) + 1))
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.booleans(), min_size=9, max_size=9), min_size=1, max_size=9))
def test_regions_are_the_connected_regions(rows: list[list[bool]]) -> None:
    mask = np.array(rows, dtype=bool)
    assert set(regions(mask)) == _flood_regions(mask)


def _ruled_page() -> np.ndarray:
    page = np.full((400, 600), 255, np.uint8)
    for y in (50, 120, 190):
        page[y : y + 2, 40:560] = 0
    for x in (40, 300, 558):
        page[50:192, x : x + 2] = 0
    page[70:82, 100:108] = 0  # a stroke of print inside a cell
    return page


def test_rules_are_found_and_painted_out_leaving_the_print() -> None:
    page = _ruled_page()
    rules = ruling_lines(page)
    assert sorted((r.orientation, r.lead) for r in rules) == [
        ("h", 50),
        ("h", 120),
        ("h", 190),
        ("v", 40),
        ("v", 300),
        ("v", 558),
    ]
    clean = without_rules(page, rules)
    assert (clean[50:52, 40:560] == 255).all() and (clean[70:82, 100:108] == 0).all()


def test_a_faded_rule_is_one_rule() -> None:
    page = np.full((100, 600), 255, np.uint8)
    page[50:52, 40:560] = 0
    page[50:52, 200:202] = 255  # a gap of two pixels
    page[50:52, 400:401] = 200  # a light pixel
    assert [(r.start, r.end) for r in ruling_lines(page) if r.orientation == "h"] == [(40, 560)]


def test_print_lines_in_a_cell() -> None:
    page = _ruled_page()
    page[140:160, 320:360] = 0  # two lines of print in the second row's right cell
    page[170:185, 320:340] = 0
    clean = without_rules(page, ruling_lines(page))
    lines = print_lines(clean, (300, 120, 558, 190))
    assert len(lines) == 2
    assert lines[0][1] < 140 < 160 < lines[0][3] <= lines[1][1] + 8


@pytest.mark.parametrize("degrees", [-1.5, -0.6, 0.8, 2.0])
def test_a_turned_page_is_set_upright(degrees: float) -> None:
    from PIL import Image

    page = np.full((1600, 1200), 255, np.uint8)  # a page at 150 dpi: lines of print
    for y in range(200, 1400, 40):
        page[y : y + 20, 150:1050:4] = 0
    turned = np.asarray(Image.fromarray(page).rotate(degrees, fillcolor=255))
    angle = skew_angle(turned)
    assert abs(angle - degrees) <= 0.25  # a quarter degree: 4 px across a page at 150 dpi
    upright = deskew(turned, angle)
    assert abs(skew_angle(upright)) <= 0.25


def test_ink_threshold_parts_ink_from_paper() -> None:
    page = np.full((50, 50), 240, np.uint8)
    page[10:20] = 60
    assert 60 < ink_threshold(page) < 240


def test_confusable_variants_change_one_digit() -> None:
    assert 3 in variants(8) and 9 in variants(8)
    assert 17 in variants(11) and 71 in variants(11)
    assert all(len(str(v)) == 3 for v in variants(108))
    assert variants(1.5) == [] and variants(-3) == []


def _sample_report():  # type: ignore[no-untyped-def]
    return load_report(SAMPLE)


def test_low_confidence_digit_leaves_its_cell_uncertain_with_the_reading() -> None:
    report = _sample_report()
    cell = report.cell("table3", "new", "natural_person")
    assert cell is not None and cell.value is not None and cell.span is not None
    value = cell.value
    mark_uncertain(report, [cell.span[0]])
    assert cell.value is None and cell.status == STATUS_UNCERTAIN
    item = [u for u in report.uncertain if u.reason == UNCERTAIN_OCR]
    assert len(item) == 1 and item[0].options == ((value,),)
    assert any("扫描件" in f.message for f in audit(report) if f.rule == "UNCERTAIN_CELL")


def test_no_mark_no_change() -> None:
    report = _sample_report()
    before = report.tables_json()
    mark_uncertain(report, [])
    assert report.tables_json() == before and not report.uncertain


def test_arithmetic_mended_by_one_confusable_digit_is_not_shown_as_certain() -> None:
    report = _sample_report()
    cell = report.cell("table3", "new", "natural_person")
    assert cell is not None and cell.value == 1
    cell.value = 7  # its 1 read as a 7
    assert any(f.rule in ("T3_ROW_TOTAL", "T3_BALANCE") for f in audit(report))
    mark_uncertain(report, [])
    assert cell.value is None and cell.status == STATUS_UNCERTAIN
    item = next(u for u in report.uncertain if u.reason == UNCERTAIN_OCR_CONFUSABLE)
    assert (1,) in item.options and (7,) in item.options
    assert not [f for f in audit(report) if f.rule in ("T3_ROW_TOTAL", "T3_BALANCE", "T3_OUTCOME_SUM")]


@pytest.mark.parametrize("head", [b"\x89PNG\r\n\x1a\n\0\0", b"\xff\xd8\xff\xe0\0\x10JFIF", b"II*\0\x08\0\0\0"])
def test_images_are_told_by_their_bytes(head: bytes) -> None:
    assert _kind_of(".txt", head + b"\0" * 64) == IMAGE


def test_pictures_are_opened_when_named_not_when_found_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("报告", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert expand_paths([str(tmp_path)]) == [str(tmp_path / "report.txt")]
    assert expand_paths([str(tmp_path / "logo.png")]) == [str(tmp_path / "logo.png")]


def test_a_damaged_picture_gives_a_reason(tmp_path: Path) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    bad = tmp_path / "page.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    report = load_report(bad)
    assert report.error and "图片" in report.error


def test_reading_other_files_does_not_import_ocr() -> None:
    code = (
        "import sys\nfrom parsers.pipeline import audit_files\n"
        f"audit_files([{str(SAMPLE)!r}])\n"
        "bad = [m for m in ('onnxruntime', 'cv2', 'rapidocr_onnxruntime', 'PIL') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_a_scanned_report_is_read_as_the_text_it_was_printed_from() -> None:
    """The sample printed and rasterised at 150 dpi, image only: every cell reads as the
    text file does or is left uncertain; none is wrong. Its digits are placed on the page."""
    pytest.importorskip("rapidocr_onnxruntime")
    truth = _sample_report().tables_json()
    scan = load_report(SCAN)
    assert scan.error is None and scan.format == "2019" and scan.year == 2020
    uncertain = {(u.table, r, c) for u in scan.uncertain for r, c in u.cells}
    got = scan.tables_json()
    cells = right = 0
    for table, rows in truth.items():
        for row, cols in rows.items():
            for col, want in cols.items():
                cells += 1
                value = got.get(table, {}).get(row, {}).get(col)
                if value == want:
                    right += 1
                else:
                    assert value is None and (table, row, col) in uncertain, (table, row, col, want, value)
    assert right >= 0.95 * cells
    assert scan.scan is not None and len(scan.scan.pages) == 4
    cell = scan.cell("table3", "new", "natural_person")
    assert cell is not None and cell.span is not None
    [(page, x0, top, x1, bottom)] = scan.scan.boxes(*cell.span)
    assert 0 <= page < 4 and 0 < x0 < x1 < scan.scan.pages[page].width and 0 < top < bottom
    assert scan.scan.offset_at(page, (x0 + x1) / 2, (top + bottom) / 2) == cell.span[0]
    assert all(SCAN_NOTE in f.message for f in audit(scan) if f.rule in ("ROW_MISSING", "TABLE_MISSING"))
