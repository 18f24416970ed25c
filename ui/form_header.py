"""`FormHeader`: a grid's column headings in levels, grouped and merged as on the form.

Qt's header draws one label per column. The form's headings are nested — 表三's 申请人情况
over 自然人 | 法人或其他组织 (five columns) | 总计, 表四's 行政复议 | 行政诉讼 over two groups
of five — so this header draws the headings of `ui.table_layout.FormGrid.header` itself,
each over the columns and levels it spans, with the header's own style. Headings wrap
within their width (Chinese breaks between any two characters), are elided past three
lines, and show their full text and the groups above them in a tooltip. The heading of a
总计 column is bold and tinted like its column.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QToolTip, QWidget

from ui import theme
from ui.table_layout import Text

_MAX_LINES = 3
_PAD = 3  # pixels around a heading's text


def balanced(text: str, width: int, metrics: QFontMetrics) -> str:
    """`text` in as few lines of even length as fit `width` (结果维持 as 结果 / 维持, not
    结果维 / 持); unchanged when it fits on one line or needs more than `_MAX_LINES`."""
    if metrics.horizontalAdvance(text) <= width or " " in text:
        return text
    for lines in range(2, _MAX_LINES + 1):
        size = -(-len(text) // lines)
        parts = [text[i : i + size] for i in range(0, len(text), size)]
        if all(metrics.horizontalAdvance(part) <= width for part in parts):
            return "\n".join(parts)
    return text


class FormHeader(QHeaderView):
    """A horizontal header drawing the form's grouped headings (`set_blocks`)."""

    levelsChanged = Signal()  # the header's height changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self._blocks: tuple[Text, ...] = ()
        self._levels: list[int] = []
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self._heights: dict[tuple[str, int, bool], int] = {}  # (text, width, bold) -> text height

    # ---- content -------------------------------------------------------------------

    def set_blocks(self, blocks: tuple[Text, ...], levels: int) -> None:
        """Draw `blocks` (headings with their level, column and spans) in `levels` levels."""
        self._blocks = blocks
        self._levels = [0] * levels
        self.fit_levels()

    def blocks(self) -> tuple[Text, ...]:
        return self._blocks

    def level_heights(self) -> list[int]:
        return list(self._levels)

    def fit_levels(self) -> None:
        """Make each level as tall as its headings need at the columns' present widths (the
        view calls it when it has sized its columns)."""
        if not self._levels:
            return
        line = self.fontMetrics().height()
        levels = [line + 2 * _PAD] * len(self._levels)
        # Single-level headings first, then the ones over several levels take what they lack
        # from their last level.
        for block in sorted(self._blocks, key=lambda b: b.rows):
            need = self._text_height(block) + 2 * _PAD
            span = range(block.row, min(block.row + block.rows, len(levels)))
            have = sum(levels[i] for i in span)
            if need > have and span:
                levels[span[-1]] += need - have
        if levels != self._levels:
            self._levels = levels
            self.updateGeometry()
            self.levelsChanged.emit()  # the view lays its viewport out below the new height
        self.viewport().update()

    def _font(self, block: Text) -> QFont:
        return self._bold if block.total else self.font()

    def _text_height(self, block: Text) -> int:
        width = max(1, self._width(block) - 2 * _PAD)
        key = (block.text, width, block.total)
        height = self._heights.get(key)
        if height is None:
            metrics = QFontMetrics(self._font(block))
            text = balanced(block.text, width, metrics)
            rect = metrics.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text)
            height = self._heights[key] = min(rect.height(), metrics.lineSpacing() * _MAX_LINES)
        return height

    def _width(self, block: Text) -> int:
        return sum(self.sectionSize(c) for c in range(block.col, block.col + block.cols))

    def sizeHint(self) -> QSize:
        size = super().sizeHint()
        if self._levels:
            size.setHeight(sum(self._levels))
        return size

    # ---- drawing -------------------------------------------------------------------

    def block_rect(self, block: Text) -> QRect:
        """Where `block` is drawn, in viewport coordinates."""
        x = self.sectionViewportPosition(block.col)
        top = sum(self._levels[: block.row])
        height = sum(self._levels[block.row : block.row + block.rows])
        return QRect(x, top, self._width(block), height)

    def block_at(self, pos: QPoint) -> Text | None:
        for block in self._blocks:
            if self.block_rect(block).contains(pos):
                return block
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._blocks:
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        for block in self._blocks:
            rect = self.block_rect(block)
            if rect.intersects(event.rect()):
                self._paint_block(painter, rect, block)
        painter.end()

    def _paint_block(self, painter: QPainter, rect: QRect, block: Text) -> None:
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect  # type: ignore[attr-defined]
        option.section = block.col  # type: ignore[attr-defined]
        option.position = QStyleOptionHeader.SectionPosition.Middle  # type: ignore[attr-defined]
        option.text = ""  # type: ignore[attr-defined]
        option.state |= QStyle.StateFlag.State_Enabled  # type: ignore[attr-defined]
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_HeaderSection, option, painter, self)
        if block.total:
            painter.fillRect(rect.adjusted(1, 1, -1, -1), theme.TOTAL_BG)
            painter.setPen(QPen(theme.TOTAL_RULE, 2))
            painter.drawLine(rect.topLeft() + QPoint(1, 0), rect.bottomLeft() + QPoint(1, 0))
        painter.setPen(QPen(theme.HEADER_GRID, 1))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        font = self._font(block)
        painter.setFont(font)
        painter.setPen(self.palette().color(self.foregroundRole()))
        inner = rect.adjusted(_PAD, _PAD, -_PAD, -_PAD)
        painter.drawText(
            inner, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self._shown_text(block, inner)
        )
        painter.restore()

    def _shown_text(self, block: Text, inner: QRect) -> str:
        """The heading as it fits in `inner`: whole (in even lines), or cut short with an ellipsis."""
        metrics = QFontMetrics(self._font(block))
        flags = int(Qt.TextFlag.TextWordWrap)
        text = balanced(block.text, inner.width(), metrics)
        if metrics.boundingRect(QRect(0, 0, max(1, inner.width()), 10_000), flags, text).height() <= inner.height():
            return text
        lines = max(1, inner.height() // max(1, metrics.lineSpacing()))
        budget = inner.width() * lines
        return metrics.elidedText(
            text, Qt.TextElideMode.ElideRight, max(1, budget - metrics.averageCharWidth() * lines)
        )

    # ---- tooltips ------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._blocks:
            assert isinstance(event, QHelpEvent)
            block = self.block_at(event.pos())
            if block is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_for(block), self, self.block_rect(block))
            return True
        return super().viewportEvent(event)

    def tooltip_for(self, block: Text) -> str:
        """The heading with the groups above it: 申请人情况 · 法人或其他组织 · 商业企业."""
        above = [
            b
            for b in self._blocks
            if b.row + b.rows <= block.row and b.col <= block.col and block.col + block.cols <= b.col + b.cols
        ]
        return " · ".join(b.text for b in sorted(above, key=lambda b: b.row)) + (" · " if above else "") + block.text
