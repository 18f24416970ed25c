"""The page image of a scanned report beside its recognised text, linked both ways.

A scanned report (`Report.scan` set: an image file or a PDF without a text layer, read
by OCR) has its pages shown in `PageView`: one page at a time, with the selected cell's
digits framed (`ScanLayout.boxes`), the page turned to the frame and the frame scrolled
into view. A click on the page finds the digit there (`ScanLayout.offset_at`) and emits
its text offset, as a click in the text does, so the same link selects the cell.

Page images are read (`parsers.read.scan_reader.page_image`, a few tenths of a second)
only when a page is shown, and the last few are kept here, not in the model. `SourcePane`
puts the text and the page image on two tabs ("识别文字" / "原件图像"); a report that is
not a scan shows its text alone, as before, and costs nothing more.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from model.report import Report
from ui import theme

log = logging.getLogger(__name__)

PageLoader = Callable[[str, int, float], Any]  # (path, page index, angle) -> grey uint8 array
Box = tuple[int, float, float, float, float]  # page, x0, top, x1, bottom (pixels at the scan's dpi)

KEPT_PAGES = 4  # page images kept per view (a page at 200 dpi is a few megabytes)
MIN_SCALE, MAX_SCALE = 0.05, 8.0
ZOOM_STEP = 1.25
BOX_Z = 1.0  # the frames, over the page
READABLE_PX = 16  # screen pixels a framed figure is shown at, at least, until zoomed by hand
CLICK_SLOP = 4  # pixels the pointer may move between press and release for a click


def read_page(path: str, index: int, angle: float) -> Any:
    """The page image as OCR read it (imported here: the window starts without the parsers)."""
    from parsers.read.scan_reader import page_image

    return page_image(path, index, angle)


def to_image(array: Any) -> QImage:
    """A grey (or RGB) uint8 numpy array as a QImage that owns its pixels."""
    import numpy as np

    pixels = np.asarray(array)
    if pixels.ndim == 3:
        pixels = pixels[..., :3].mean(axis=2)
    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    height, width = pixels.shape
    image = QImage(pixels.data, width, height, pixels.strides[0], QImage.Format.Format_Grayscale8)
    return image.copy()  # the array goes away


class PageCanvas(QGraphicsView):
    """The page, zoomed and scrolled; a click reports where on the page it fell.

    Dragging pans the page. The keys that turn pages or zoom are left to the `PageView`."""

    pageClicked = Signal(QPointF)  # page pixels

    PAGE_KEYS = (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor("#8a8a8a")))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pressed: QPoint | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pressed, self._pressed = self._pressed, None
        if event.button() != Qt.MouseButton.LeftButton or pressed is None:
            return
        where = event.position().toPoint()
        if (where - pressed).manhattanLength() <= CLICK_SLOP:  # a click, not a drag
            self.pageClicked.emit(self.mapToScene(where))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            event.ignore()  # the page view zooms
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in self.PAGE_KEYS or PageView.zoom_key(event) is not None:
            event.ignore()  # the page view turns the page or zooms
            return
        super().keyPressEvent(event)


class PageView(QWidget):
    """One page of a scanned report with the current span's boxes; page and zoom buttons.

    `show_report` takes the report, `show_span` a text span (a cell's or a finding's); a
    click on a digit emits `positionClicked` with its offset in the report text."""

    positionClicked = Signal(int)  # a code point index in the report text

    def __init__(self, parent: QWidget | None = None, load_page: PageLoader | None = None) -> None:
        super().__init__(parent)
        self.load_page: PageLoader = load_page or read_page
        self._report: Report | None = None
        self._page = 0
        self._boxes: list[Box] = []
        self._pixmaps: OrderedDict[tuple[str, str, int], QPixmap] = OrderedDict()
        self._stale = False  # the page shown is not the one to show (drawn when visible)
        self._fit = True  # zoomed to the width of the view (until zoomed by hand)
        # ... or more, so that the framed figures can be read (until zoomed by hand or "fit width")
        self._readable = True
        self._scale = 1.0
        self._error = ""  # why the page image could not be shown
        self.canvas = PageCanvas()
        self.canvas.pageClicked.connect(self._clicked)
        self.prev_button = QToolButton()
        self.prev_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.prev_button.clicked.connect(lambda: self.set_page(self._page - 1))
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.clicked.connect(lambda: self.set_page(self._page + 1))
        self.page_label = QLabel()
        self.zoom_out_button = QToolButton()
        self.zoom_out_button.setText("−")
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.zoom_in_button = QToolButton()
        self.zoom_in_button.setText("+")
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.fit_button = QToolButton()
        self.fit_button.clicked.connect(self.fit_width)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        for widget in (self.prev_button, self.page_label, self.next_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)
        self.setFocusProxy(self.canvas)
        self.retranslate()

    def retranslate(self) -> None:
        self.prev_button.setToolTip(self.tr("Previous page (PgUp)"))
        self.next_button.setToolTip(self.tr("Next page (PgDn)"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl++)"))
        self.fit_button.setText(self.tr("Fit width"))
        self.fit_button.setToolTip(self.tr("Fit the page to the width of the pane (Ctrl+0)"))
        self._update_bar()

    # ---- what is shown -------------------------------------------------------------

    def report(self) -> Report | None:
        return self._report

    def page(self) -> int:
        """The index of the page shown."""
        return self._page

    def page_count(self) -> int:
        return len(self._report.scan.pages) if self._report is not None and self._report.scan else 0

    def boxes(self) -> list[Box]:
        """The boxes of the current span, on every page."""
        return list(self._boxes)

    def drawn_boxes(self) -> list[QRectF]:
        """The frames drawn on the page shown (page pixels)."""
        items = self.canvas.scene().items(Qt.SortOrder.AscendingOrder)
        return [item.rect() for item in items if isinstance(item, QGraphicsRectItem) and item.zValue() == BOX_Z]

    def error(self) -> str:
        return self._error

    def show_report(self, report: Report | None) -> None:
        """Show `report`'s first page (nothing if it is not a scan); its images are read
        once a page is on screen."""
        scan = report.scan if report is not None and not report.error else None
        if scan is None:
            report = None
        if report is not self._report:
            self._report = report
            self._page, self._boxes = 0, []
            self._fit = self._readable = True
            self._invalidate()

    def show_span(self, span: tuple[int, int] | None) -> None:
        """Frame the digits of `span` (a span of the report text), on the page of the first."""
        scan = self._report.scan if self._report is not None else None
        if scan is None:
            return  # not a scan: nothing shown, nothing to do
        self._boxes = scan.boxes(*span) if span is not None else []
        if self._boxes:
            self._page = self._boxes[0][0]
        self._invalidate()

    def set_page(self, index: int) -> None:
        if 0 <= index < self.page_count() and index != self._page:
            self._page = index
            self._invalidate()

    # ---- zoom ----------------------------------------------------------------------

    @staticmethod
    def zoom_key(event: QKeyEvent) -> float | None:
        """The zoom factor a key asks for (Ctrl++, Ctrl+-), 0 for fit width (Ctrl+0), else None."""
        if event.matches(QKeySequence.StandardKey.ZoomIn):
            return ZOOM_STEP
        if event.matches(QKeySequence.StandardKey.ZoomOut):
            return 1 / ZOOM_STEP
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                return ZOOM_STEP
            if event.key() == Qt.Key.Key_Minus:
                return 1 / ZOOM_STEP
            if event.key() == Qt.Key.Key_0:
                return 0.0
        return None

    def scale(self) -> float:
        """Screen pixels per page pixel."""
        return self._scale

    def zoom_by(self, factor: float) -> None:
        self._fit = self._readable = False
        self._set_scale(self._scale * factor)

    def fit_width(self) -> None:
        """The whole width of the page in the pane, however small the figures get."""
        self._fit, self._readable = True, False
        self._apply_fit()
        self._center_box()

    def _apply_fit(self) -> None:
        """The page as wide as the pane; wider if the framed figures would be too small to read."""
        rect = self.canvas.sceneRect()
        if rect.width() > 0:
            margin = self.canvas.frameWidth() * 2 + self.canvas.verticalScrollBar().sizeHint().width() + 4
            scale = (self.canvas.width() - margin) / rect.width()
            tallest = max((b[4] - b[2] for b in self._boxes if b[0] == self._page), default=0.0)
            if self._readable and tallest > 0:
                scale = max(scale, min(1.0, READABLE_PX / tallest))
            self._set_scale(scale)

    def _set_scale(self, scale: float) -> None:
        self._scale = min(MAX_SCALE, max(MIN_SCALE, scale))
        self.canvas.resetTransform()
        self.canvas.scale(self._scale, self._scale)

    # ---- events --------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_PageUp:
            self.set_page(self._page - 1)
            return
        if event.key() == Qt.Key.Key_PageDown:
            self.set_page(self._page + 1)
            return
        factor = self.zoom_key(event)
        if factor is not None:
            if factor == 0.0:
                self.fit_width()
            else:
                self.zoom_by(factor)
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms (the canvas leaves it to us)."""
        steps = event.angleDelta().y() / 120
        if steps and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(ZOOM_STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._draw()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit:
            self._apply_fit()

    def _clicked(self, where: QPointF) -> None:
        scan = self._report.scan if self._report is not None else None
        if scan is None or self._error:
            return
        offset = scan.offset_at(self._page, where.x(), where.y())
        if offset is not None:
            self.positionClicked.emit(offset)

    # ---- drawing -------------------------------------------------------------------

    def _invalidate(self) -> None:
        self._stale = True
        self._update_bar()
        if self.isVisible():
            self._draw()

    def _update_bar(self) -> None:
        count = self.page_count()
        self.page_label.setText(
            self.tr("Page %1 / %2").replace("%1", str(self._page + 1 if count else 0)).replace("%2", str(count))
        )
        self.prev_button.setEnabled(self._page > 0)
        self.next_button.setEnabled(self._page + 1 < count)

    def _pixmap(self, report: Report, index: int) -> QPixmap:
        """The page's image, read on first use and kept for the last few pages."""
        key = (report.path, report.sha256, index)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            assert report.scan is not None
            page = report.scan.pages[index]
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a few tenths of a second
            try:
                pixmap = QPixmap.fromImage(to_image(self.load_page(report.path, index, page.angle)))
            finally:
                QApplication.restoreOverrideCursor()
            self._pixmaps[key] = pixmap
            while len(self._pixmaps) > KEPT_PAGES:
                self._pixmaps.popitem(last=False)
        self._pixmaps.move_to_end(key)
        return pixmap

    def _draw(self) -> None:
        """The page shown, with the boxes on it, the first box in view."""
        self._stale = False
        scene = self.canvas.scene()
        scene.clear()
        self._error = ""
        report = self._report
        if report is None or report.scan is None or not 0 <= self._page < len(report.scan.pages):
            scene.setSceneRect(QRectF())
            return
        page = report.scan.pages[self._page]
        try:
            pixmap = self._pixmap(report, self._page)
        except Exception as exc:  # a moved or damaged file: say so on the pane, keep the text
            log.warning("page image of %s (page %d) not shown: %s", report.path, self._page, exc)
            self._error = str(exc) or type(exc).__name__
            scene.setSceneRect(QRectF(0, 0, page.width, page.height))
            scene.addRect(QRectF(0, 0, page.width, page.height), QPen(Qt.PenStyle.NoPen), QBrush(Qt.GlobalColor.white))
            note = scene.addText(self.tr("The page image cannot be shown: %1").replace("%1", self._error))
            note.setScale(max(1.0, page.width / 600))
        else:
            scene.addPixmap(pixmap)
            scene.setSceneRect(QRectF(pixmap.rect()))
        pen = QPen(theme.SCAN_BOX_FG, 3)
        pen.setCosmetic(True)  # as thick at every zoom
        fill = QBrush(theme.SCAN_BOX_BG)
        pad = 3.0  # around the digits, so the frame does not cover them
        for index, x0, top, x1, bottom in self._boxes:
            if index != self._page:
                continue
            rect = QRectF(x0 - pad, top - pad, x1 - x0 + 2 * pad, bottom - top + 2 * pad)
            item = scene.addRect(rect, pen, fill)
            item.setZValue(BOX_Z)
        if self._fit:
            self._apply_fit()
        self._center_box()

    def _center_box(self) -> None:
        """The first frame in the middle of the view, else the top of the page."""
        frames = self.drawn_boxes()
        if frames:
            self.canvas.centerOn(frames[0].center())
        else:
            self.canvas.centerOn(self.canvas.sceneRect().center().x(), 0)


class SourcePane(QWidget):
    """The source pane: the report's text, and for a scanned report its page image on a
    second tab (shown first); the find bar below."""

    TEXT, IMAGE = 0, 1

    def __init__(self, text: QWidget, pages: PageView, below: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.pages = pages
        self.tabs = QTabBar()
        self.tabs.addTab("")
        self.tabs.addTab("")
        self.tabs.setDocumentMode(True)
        self.tabs.setExpanding(False)
        self.tabs.hide()
        self.stack = QStackedWidget()
        self.stack.addWidget(text)
        self.stack.addWidget(pages)
        self.stack.setFocusProxy(text)  # the pane's keyboard goes to the side on show
        self._text_chosen = False  # the officer chose the text of a scan: keep it so
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.stack, 1)
        layout.addWidget(below)
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setTabText(self.TEXT, self.tr("Recognised text"))
        self.tabs.setTabText(self.IMAGE, self.tr("Page image"))
        self.tabs.setTabToolTip(self.IMAGE, self.tr("The scanned page, with the selected cell framed"))
        self.pages.retranslate()

    def show_report(self, report: Report | None) -> None:
        """The text alone for a report that is not a scan; else both, the image first."""
        scanned = report is not None and report.scan is not None and not report.error
        self.pages.show_report(report if scanned else None)
        self.tabs.setVisible(scanned)
        self._select(self.IMAGE if scanned and not self._text_chosen else self.TEXT)

    def show_text(self) -> None:
        """The text on top (to search it)."""
        if self.tabs.currentIndex() != self.TEXT:
            self.tabs.setCurrentIndex(self.TEXT)

    def image_shown(self) -> bool:
        return self.stack.currentWidget() is self.pages

    def _select(self, index: int) -> None:
        self.tabs.blockSignals(True)
        try:
            self.tabs.setCurrentIndex(index)
        finally:
            self.tabs.blockSignals(False)
        self._show(index)

    def _show(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.stack.setFocusProxy(self.pages if index == self.IMAGE else self.text)

    def _tab_changed(self, index: int) -> None:
        self._text_chosen = index == self.TEXT
        self._show(index)
