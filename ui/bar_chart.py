"""A small horizontal bar chart painted with QPainter (the program ships without QtCharts).

Each bar has a label, a figure printed at its end (the length is never the only clue) and
a payload; clicking a bar, or moving to it with the arrow keys and pressing Enter, emits
the payload through `barChosen`. The tooltip names the bar and its figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from model.messages import fmt_num

BAR_COLOR = QColor("#5B8FD9")
CURRENT_COLOR = QColor("#2F5FA8")


@dataclass
class Bar:
    label: str
    value: float
    payload: object = None


class BarChart(QWidget):
    """Horizontal bars, largest first as given (see the module's docstring)."""

    barChosen = Signal(object)  # the payload of the bar clicked or entered

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.bars: list[Bar] = []
        self.current = -1
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def set_bars(self, title: str, bars: list[Bar]) -> None:
        self.title, self.bars = title, bars
        self.current = 0 if bars else -1
        self.setAccessibleName(title)
        self.updateGeometry()
        self.update()

    # ---- geometry --------------------------------------------------------------------------

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 8

    def _top(self) -> int:
        return self.fontMetrics().height() + 12

    def sizeHint(self) -> QSize:
        return QSize(420, self._top() + self._row_height() * max(len(self.bars), 1) + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self._top() + self._row_height() * min(max(len(self.bars), 1), 5))

    def _label_width(self) -> int:
        return min(
            self.width() * 2 // 5,
            max((self.fontMetrics().horizontalAdvance(b.label) for b in self.bars), default=0) + 8,
        )

    def bar_rect(self, k: int) -> QRect:
        """Where bar `k` is drawn (its full row, label included)."""
        return QRect(0, self._top() + k * self._row_height(), self.width(), self._row_height())

    def bar_at(self, pos: QPoint) -> int:
        for k in range(len(self.bars)):
            if self.bar_rect(k).contains(pos):
                return k
        return -1

    # ---- painting ----------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        fm = self.fontMetrics()
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        p.setPen(text_color)
        bold = p.font()
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRect(4, 2, self.width() - 8, self._top() - 4), Qt.AlignmentFlag.AlignVCenter, self.title)
        p.setFont(self.font())
        label_w = self._label_width()
        value_w = max((fm.horizontalAdvance(fmt_num(b.value)) for b in self.bars), default=0) + 12
        span = max(self.width() - label_w - value_w - 8, 10)
        most = max((b.value for b in self.bars), default=0) or 1
        for k, bar in enumerate(self.bars):
            row = self.bar_rect(k)
            label = fm.elidedText(bar.label, Qt.TextElideMode.ElideMiddle, label_w - 8)
            p.setPen(text_color)
            p.drawText(QRect(4, row.y(), label_w - 8, row.height()), Qt.AlignmentFlag.AlignVCenter, label)
            length = max(round(span * bar.value / most), 1 if bar.value else 0)
            rect = QRect(label_w, row.y() + 3, length, row.height() - 6)
            p.fillRect(rect, CURRENT_COLOR if k == self.current and self.hasFocus() else BAR_COLOR)
            p.drawText(
                QRect(label_w + length + 4, row.y(), value_w, row.height()),
                Qt.AlignmentFlag.AlignVCenter,
                fmt_num(bar.value),
            )
            if k == self.current and self.hasFocus():
                p.drawRect(row.adjusted(1, 1, -2, -2))
        p.end()

    # ---- choosing ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        k = self.bar_at(event.position().toPoint())
        if k >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self.current = k
            self.update()
            self.barChosen.emit(self.bars[k].payload)
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.bars and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            self.current = min(max(self.current + step, 0), len(self.bars) - 1)
            self.update()
            return
        if self.bars and self.current >= 0 and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.barChosen.emit(self.bars[self.current].payload)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def tip(self, k: int) -> str:
        return f"{self.bars[k].label}：{fmt_num(self.bars[k].value)}"

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            k = self.bar_at(event.pos())
            if k >= 0:
                QToolTip.showText(event.globalPos(), self.tip(k), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
