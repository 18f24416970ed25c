"""A scanned report's page image beside its text: the selected cell framed on its page, a
click on a figure selects its cell, zoom and pages; a report that is not a scan shows its
text alone and reads no image.

The scan is made by hand (no OCR here: it is slow): the flagged sample's figures are given
places on made-up pages, and the page images come from a loader that paints them, or
from a PNG file read by the real `page_image`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from model.report import Report, ScanLayout, ScanPage
from ui.main_window import MainWindow
from ui.scan_view import READABLE_PX, PageView
from ui.session import ReportSession

PAGE_W, PAGE_H = 800, 1100


def place_cells(report: Report) -> list[tuple[str, str, str]]:
    """Give every digit of every cell with a figure a box: cells in reading order, one line each, 40 lines
    to a page. Returns the cells placed, in that order."""

    def digits(span: tuple[int, int] | None) -> bool:
        return span is not None and any(ch.isdigit() for ch in report.text[span[0] : span[1]])

    keys = sorted(
        ((t, r, c) for t, cells in report.tables.items() for (r, c), cell in cells.items() if digits(cell.span)),
        key=lambda k: report.tables[k[0]][(k[1], k[2])].span or (0, 0),
    )
    places: dict[int, tuple[int, float, float, float, float]] = {}
    for n, (t, r, c) in enumerate(keys):
        span = report.tables[t][(r, c)].span
        assert span is not None
        page, line = divmod(n, 40)
        top = 40.0 + line * 25
        for i in range(span[0], span[1]):
            if report.text[i].isdigit():
                x0 = 100.0 + (i - span[0]) * 12
                places[i] = (page, x0, top, x0 + 10, top + 18)
    pages = max(1, (len(keys) + 39) // 40)
    report.scan = ScanLayout(dpi=100, pages=[ScanPage(PAGE_W, PAGE_H)] * pages, places=places)
    return keys


class Loader:
    """Paints white pages and counts what it was asked for."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def __call__(self, path: str, index: int, angle: float) -> np.ndarray:
        self.calls.append(index)
        return np.full((PAGE_H, PAGE_W), 255, dtype=np.uint8)


def show_again(window: MainWindow, session: ReportSession) -> None:
    window.set_session(None)
    window.set_session(session)


@pytest.fixture
def scanned(window: MainWindow, flagged: ReportSession) -> tuple[ReportSession, list[tuple[str, str, str]], Loader]:
    """The flagged sample made a scan of several pages, shown again."""
    assert flagged.report is not None
    keys = place_cells(flagged.report)
    loader = Loader()
    window.page_view.load_page = loader
    show_again(window, flagged)
    return flagged, keys, loader


def test_plain_report_shows_no_page_view(window: MainWindow, flagged: ReportSession) -> None:
    loader = Loader()
    window.page_view.load_page = loader
    show_again(window, flagged)
    assert not window.source_pane.tabs.isVisible()
    assert not window.page_view.isVisible()
    assert window.source.isVisible()
    view = window.tables.views["table2"]
    view.setCurrentIndex(window.tables.models["table2"].index_of("licensing", "decisions"))
    assert window.page_view.report() is None and window.page_view.drawn_boxes() == []
    assert loader.calls == []  # no image read for a report that is not a scan


def test_selected_cell_is_framed_on_its_page(qtbot, window: MainWindow, scanned) -> None:  # type: ignore[no-untyped-def]
    session, keys, loader = scanned
    page_view = window.page_view
    assert window.source_pane.tabs.isVisible() and page_view.isVisible()  # the image first
    pages = len(session.report.scan.pages)
    assert pages >= 2 and page_view.page_count() == pages
    assert page_view.page_label.text() == f"Page 1 / {pages}"
    table, row, col = keys[45]  # the 46th cell: on the second page, 6th line
    window.tables.select_cell(table, row, col)
    assert page_view.page() == 1 and page_view.page_label.text() == f"Page 2 / {pages}"
    (box,) = page_view.drawn_boxes()
    top = 40.0 + 5 * 25
    assert box.top() < top and box.bottom() > top + 18 and box.left() < 100.0
    visible = page_view.canvas.mapToScene(page_view.canvas.viewport().rect()).boundingRect()
    assert visible.contains(box.center())  # scrolled into view
    assert page_view.scale() * 18 >= READABLE_PX  # zoomed in enough to read the figure
    page_view.fit_button.click()  # the whole width, the frame still in view
    assert page_view.scale() * PAGE_W <= page_view.canvas.width()
    visible = page_view.canvas.mapToScene(page_view.canvas.viewport().rect()).boundingRect()
    assert visible.contains(box.center())
    assert loader.calls[-1] == 1
    # A cell on the first page turns back to it.
    window.tables.select_cell(*keys[2])
    assert page_view.page() == 0 and len(page_view.drawn_boxes()) == 1
    assert page_view.drawn_boxes()[0].top() < 40.0 + 2 * 25 < page_view.drawn_boxes()[0].bottom()


def test_click_on_a_figure_selects_its_cell(qtbot, window: MainWindow, scanned) -> None:  # type: ignore[no-untyped-def]
    session, keys, _ = scanned
    page_view = window.page_view
    page_view.set_page(1)
    target = keys[47]
    span = session.cell(*target).span
    place = session.report.scan.places[next(i for i in range(*span) if i in session.report.scan.places)]
    assert place[0] == 1
    x, y = (place[1] + place[3]) / 2, (place[2] + place[4]) / 2
    page_view.canvas.centerOn(x, y)
    where = page_view.canvas.mapFromScene(x, y)
    qtbot.mouseClick(page_view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=where)
    view = window.tables.current_view()
    assert view.table_model().key(view.currentIndex()) == target
    assert window.source.current_span() == span  # the text follows too
    assert len(page_view.drawn_boxes()) == 1
    # A click far from any figure selects nothing else.
    page_view.canvas.centerOn(PAGE_W - 20, PAGE_H - 20)
    far = page_view.canvas.mapFromScene(PAGE_W - 20, PAGE_H - 20)
    qtbot.mouseClick(page_view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=far)
    assert view.table_model().key(view.currentIndex()) == target


def test_pages_zoom_and_tabs(qtbot, window: MainWindow, scanned) -> None:  # type: ignore[no-untyped-def]
    page_view = window.page_view
    page_view.canvas.setFocus()
    qtbot.keyClick(page_view.canvas, Qt.Key.Key_PageDown)
    assert page_view.page() == 1 and page_view.prev_button.isEnabled()
    qtbot.keyClick(page_view.canvas, Qt.Key.Key_PageUp)
    assert page_view.page() == 0 and not page_view.prev_button.isEnabled()
    for _ in range(page_view.page_count() + 2):
        qtbot.keyClick(page_view.canvas, Qt.Key.Key_PageDown)
    assert page_view.page() == page_view.page_count() - 1 and not page_view.next_button.isEnabled()
    page_view.set_page(0)
    fit = page_view.scale()
    assert 0 < fit * PAGE_W <= page_view.canvas.width()
    qtbot.keyClick(page_view.canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert page_view.scale() == pytest.approx(fit * 1.25)
    qtbot.keyClick(page_view.canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page_view.canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert page_view.scale() == pytest.approx(fit / 1.25)
    page_view.fit_button.click()
    assert page_view.scale() == pytest.approx(fit)
    # The text tab, kept for the next scan; a search shows the text.
    window.source_pane.tabs.setCurrentIndex(window.source_pane.TEXT)
    assert window.source.isVisible() and not page_view.isVisible()
    window.source_pane.tabs.setCurrentIndex(window.source_pane.IMAGE)
    window.menus.find_action.trigger()
    assert window.source.isVisible()


def test_page_read_from_an_image_file(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The real reader: a PNG page, its figure framed where its place says."""
    pixels = np.full((300, 400), 255, dtype=np.uint8)
    pixels[100:120, 200:230] = 0  # the "figure"
    path = tmp_path / "page.png"
    Image.fromarray(pixels).save(path)
    report = Report(path=str(path), text="合计 12")
    report.scan = ScanLayout(
        dpi=100,
        pages=[ScanPage(400, 300)],
        places={3: (0, 200.0, 100.0, 215.0, 120.0), 4: (0, 215.0, 100.0, 230.0, 120.0)},
    )
    view = PageView()
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show_report(report)
    view.show_span((3, 5))
    assert view.drawn_boxes() == []  # nothing read while hidden
    view.show()
    qtbot.waitExposed(view)
    assert view.error() == ""
    (box,) = view.drawn_boxes()
    assert box.left() < 200 and box.right() > 230 and box.top() < 100 and box.bottom() > 120
    with qtbot.waitSignal(view.positionClicked) as clicked:
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=view.canvas.mapFromScene(222, 110))
    assert clicked.args == [4]
    # A file gone: the pane says so instead of a page.
    gone = Report(path=str(tmp_path / "gone.png"), text="合计 12", scan=report.scan)
    view.show_report(gone)
    assert view.error() != "" and view.drawn_boxes() == []


def test_click_drag_is_not_a_click(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = PageView(load_page=Loader())
    qtbot.addWidget(view)
    report = Report(path="x.png", text="12")
    report.scan = ScanLayout(dpi=100, pages=[ScanPage(PAGE_W, PAGE_H)], places={0: (0, 10.0, 10.0, 20.0, 30.0)})
    view.show_report(report)
    view.show()
    qtbot.waitExposed(view)
    start = view.canvas.mapFromScene(15, 20)
    with qtbot.assertNotEmitted(view.positionClicked):
        qtbot.mousePress(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseRelease(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(40, 40))


def test_pane_keys_reach_the_page_image(qtbot, window: MainWindow, scanned) -> None:  # type: ignore[no-untyped-def]
    """Alt+2 (the source pane) puts the keyboard on the page image while it is shown, on
    the text once the text tab is chosen; Tab goes on to the grid."""
    window.activateWindow()
    window.panes.focus_pane(1)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.page_view.canvas, timeout=2000)
    qtbot.keyClick(window.page_view.canvas, Qt.Key.Key_PageDown)
    assert window.page_view.page() == 1
    window.panes.tab(window.page_view.canvas, True)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tables.current_view(), timeout=2000)
    window.source_pane.tabs.setCurrentIndex(window.source_pane.TEXT)
    window.panes.focus_pane(1)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.source, timeout=2000)


def test_page_view_speaks_chinese(qapp, window: MainWindow, scanned) -> None:  # type: ignore[no-untyped-def]
    from ui import i18n

    installed = i18n.install(qapp, "zh_CN")
    try:
        window.retranslate()
        tabs = window.source_pane.tabs
        assert (tabs.tabText(0), tabs.tabText(1)) == ("识别文字", "原件图像")
        pages = window.page_view.page_count()
        assert window.page_view.page_label.text() == f"第 1 / {pages} 页"
        assert window.page_view.fit_button.text() == "适合宽度"
    finally:
        for t in installed:
            qapp.removeTranslator(t)
        window.retranslate()
    assert window.source_pane.tabs.tabText(1) == "Page image"
