"""`FindBar`: Ctrl+F finds in the source text, every match highlighted, F3 / Shift+F3 step.

The bar sits under the source text. What is typed is searched as the officer types, in
the text as shown (normalised: full-width forms half-width), ignoring case; the query is
normalised the same way, so `１２` finds `12`. Enter goes to the next match, Shift+Enter
to the previous one, Escape closes the bar and clears the marks. When another report is
shown, the search runs again on its text.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ui import theme
from ui.source_view import SourceView


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Every match of `query` in `text` (code point spans), case ignored, query normalised."""
    query = unicodedata.normalize("NFKC", query).strip()
    if not query:
        return []
    return [m.span() for m in re.finditer(re.escape(query), text, re.IGNORECASE)]


class QueryEdit(QLineEdit):
    """The query box: Enter / Shift+Enter step through the matches, Escape closes."""

    stepRequested = Signal(bool)  # forward
    closeRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.stepRequested.emit(not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.closeRequested.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """The search line under the source text."""

    def __init__(self, source: SourceView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.query = QueryEdit()
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(lambda _text: self.search())
        self.query.stepRequested.connect(self.step)
        self.query.closeRequested.connect(self.close_bar)
        self.previous = QToolButton()
        self.previous.setArrowType(Qt.ArrowType.UpArrow)
        self.previous.clicked.connect(lambda: self.step(False))
        self.next = QToolButton()
        self.next.setArrowType(Qt.ArrowType.DownArrow)
        self.next.clicked.connect(lambda: self.step(True))
        self.count = QLabel()
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.close_bar)
        row = QHBoxLayout(self)
        row.setContentsMargins(2, 2, 2, 2)
        row.setSpacing(2)
        row.addWidget(self.query, 1)
        row.addWidget(self.previous)
        row.addWidget(self.next)
        row.addWidget(self.count)
        row.addWidget(self.close_button)
        self._matches: list[tuple[int, int]] = []
        self._current = -1
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.query.setPlaceholderText(self.tr("Find in the text"))
        self.previous.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.next.setToolTip(self.tr("Next match (F3)"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))
        self._show_count()

    def open_bar(self) -> None:
        """Show the bar with the keyboard in it (what is selected in the text searched for)."""
        selected = self.source.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 80:
            self.query.setText(selected)
        self.show()
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.hide()
        self._matches, self._current = [], -1
        self.source.set_found([], -1)
        self.source.setFocus(Qt.FocusReason.OtherFocusReason)

    def search(self) -> None:
        """Find every match again (the query or the text changed) and go to the first."""
        if self.isHidden():
            return
        self._matches = find_all(self.source.shown_text(), self.query.text())
        self._current = 0 if self._matches else -1
        self.source.set_found(self._matches, self._current)
        self._show_count()

    def step(self, forward: bool = True) -> None:
        """The next (or previous) match, wrapping; opens the bar when it is closed."""
        if self.isHidden():
            self.open_bar()
            return
        if not self._matches:
            return
        n = len(self._matches)
        self._current = (self._current + (1 if forward else -1)) % n
        self.source.set_found(self._matches, self._current)
        self._show_count()

    def matches(self) -> list[tuple[int, int]]:
        return list(self._matches)

    def current(self) -> int:
        return self._current

    def _show_count(self) -> None:
        if not self.query.text().strip():
            self.count.setText("")
            self.query.setStyleSheet("")
        elif self._matches:
            text = self.tr("%1 of %2").replace("%1", str(self._current + 1)).replace("%2", str(len(self._matches)))
            self.count.setText(text)
            self.query.setStyleSheet("")
        else:
            self.count.setText(self.tr("Not found"))
            self.query.setStyleSheet(f"QLineEdit {{ background: {theme.ERROR_BG.name()}; }}")
