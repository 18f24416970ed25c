"""`SourceView`: the report's text, read-only, with the flagged spans highlighted.

Positions from the model are Python string indexes (code points); Qt counts UTF-16 units.
`OffsetMap` converts both ways so spans stay right when a report holds characters beyond
the Basic Multilingual Plane.
"""

from __future__ import annotations

import bisect
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from model.findings import ERROR
from model.report import Report
from ui import theme
from ui.session import ReportSession

_WIDE = re.compile("[\U00010000-\U0010ffff]")  # characters that take two UTF-16 units


class OffsetMap:
    """Code point index ↔ UTF-16 position for one text."""

    def __init__(self, text: str) -> None:
        # Code point indexes of the characters that take two UTF-16 units.
        self._wide = [m.start() for m in _WIDE.finditer(text)]
        self._wide_q = [i + n for n, i in enumerate(self._wide)]  # their UTF-16 positions

    def to_qt(self, index: int) -> int:
        return index + bisect.bisect_left(self._wide, index)

    def from_qt(self, pos: int) -> int:
        return pos - bisect.bisect_left(self._wide_q, pos)


class SourceView(QPlainTextEdit):
    """Shows one report's text; highlights cells and findings; reports clicks as positions."""

    positionClicked = Signal(int)  # a code point index in the report text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)
        self._map = OffsetMap("")
        self._shown: Report | None = None  # the report whose text is shown
        self._formats: dict[int, QTextCharFormat] = {}  # background colour (rgba) -> format
        self._marks: list[QTextEdit.ExtraSelection] = []
        self._current: tuple[int, int] | None = None

    # ---- content -------------------------------------------------------------------

    def show_session(self, session: ReportSession | None) -> None:
        report = session.report if session else None
        text = report.text if report else ""
        if report is not None and report.error:
            text = ""
        self._map = OffsetMap(text)
        self._shown = report
        self._current = None
        self.setPlainText(text)
        self.refresh_marks(session)

    def refresh_marks(self, session: ReportSession | None) -> None:
        """Rebuild the background marks: every cell span and every finding's span."""
        spans: list[tuple[tuple[int, int], QColor]] = []
        report = session.report if session else None
        if report is not self._shown:
            return  # not this report's text (it has just been read): show_session follows
        if session is not None and report is not None and not report.error:
            for f in session.findings:
                if f.source and not f.cells:
                    color = theme.SOURCE_ERROR_BG if f.severity == ERROR else theme.SOURCE_WARNING_BG
                    spans.append((f.source, color))
            for table, cells in report.tables.items():
                for (row, col), cell in cells.items():
                    if cell.span is None:
                        continue
                    found = session.cell_findings(table, row, col)
                    if any(f.severity == ERROR for f in found):
                        color = theme.SOURCE_ERROR_BG
                    elif found:
                        color = (
                            theme.SOURCE_BLANK_BG
                            if any(f.rule == "EMPTY_CELL" for f in found)
                            else (theme.SOURCE_WARNING_BG)
                        )
                    else:
                        color = theme.SOURCE_CELL_BG
                    spans.append((cell.span, color))
        last = max(0, self.document().characterCount() - 1)
        self._marks = [self._mark(span, color, last=last) for span, color in spans]
        self._apply()

    def _mark(
        self, span: tuple[int, int], color: QColor, fg: QColor | None = None, last: int | None = None
    ) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        start, end = self._map.to_qt(span[0]), self._map.to_qt(span[1])
        if last is None:
            last = max(0, self.document().characterCount() - 1)
        cursor.setPosition(min(start, last))
        cursor.setPosition(min(max(end, start + 1), last), QTextCursor.MoveMode.KeepAnchor)
        if fg is None:
            fmt = self._formats.get(color.rgba())
            if fmt is None:
                fmt = self._formats[color.rgba()] = QTextCharFormat()
                fmt.setBackground(color)
        else:
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            fmt.setForeground(fg)
            fmt.setFontWeight(QFont.Weight.Bold)
        sel.format = fmt  # type: ignore[attr-defined]
        sel.cursor = cursor  # type: ignore[attr-defined]
        return sel

    def _apply(self) -> None:
        extra = list(self._marks)
        if self._current is not None:
            extra.append(self._mark(self._current, theme.SOURCE_CURRENT_BG, theme.SOURCE_CURRENT_FG))
        self.setExtraSelections(extra)

    # ---- current span --------------------------------------------------------------

    def current_span(self) -> tuple[int, int] | None:
        return self._current

    def selected_span(self) -> tuple[int, int]:
        """The text cursor's selection, as code point indexes."""
        c = self.textCursor()
        return self._map.from_qt(c.selectionStart()), self._map.from_qt(c.selectionEnd())

    def show_span(self, span: tuple[int, int] | None) -> None:
        """Select and highlight `span` and scroll it into the middle of the view."""
        self._current = span
        if span is not None:
            cursor = QTextCursor(self.document())
            last = max(0, self.document().characterCount() - 1)
            cursor.setPosition(min(self._map.to_qt(span[0]), last))
            cursor.setPosition(min(self._map.to_qt(span[1]), last), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            self.centerCursor()
        self._apply()

    # ---- clicks --------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            pos = self.cursorForPosition(event.position().toPoint()).position()
            self.positionClicked.emit(self._map.from_qt(pos))
