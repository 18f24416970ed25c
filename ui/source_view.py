"""`SourceView`: the report's text, read-only, with the flagged spans highlighted.

Positions from the model are Python string indexes (code points); Qt counts UTF-16 units.
`OffsetMap` converts both ways so spans stay right when a report holds characters beyond
the Basic Multilingual Plane.

The marks (every cell's span, flagged ones in their colour, and the findings' spans) are
character formats that `SpanMarks` gives each line as Qt lays it out; only the current
span is an extra selection. Two hundred extra selections made Qt lay out the whole text
at once to find where each one is, which took most of the time it took to show a report.
The matches of a search (`ui.find_bar`) are extra selections too, but only while the
officer searches, and no more than `MAX_FIND_MARKS` of them. So are the figures of the
claim a selected finding reads (its total and its parts, `show_span(span, parts, note)`):
hovering one shows the finding's arithmetic.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from model.findings import ERROR
from model.report import STATUS_UNCERTAIN, Report
from model.rule_catalog import EMPTY_CELL
from ui import theme
from ui.session import ReportSession

_WIDE = re.compile("[\U00010000-\U0010ffff]")  # characters that take two UTF-16 units
_LINE_BREAK = re.compile("\r\n|[\n\r\u2029]")  # where QTextDocument starts a new block


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

    def line_breaks(self, text: str) -> list[int]:
        """The UTF-16 positions of the line breaks in `text` (the text this map is for)."""
        return [self.to_qt(m.start()) for m in _LINE_BREAK.finditer(text)]


Mark = tuple[int, int, QTextCharFormat]  # start, end (UTF-16 positions), format
MAX_FIND_MARKS = 2000


class SpanMarks(QSyntaxHighlighter):
    """Background marks over spans of the text, applied line by line (a line is a block).

    The marks are grouped by line when they are set, so formatting a line only looks up
    its own marks. Set them before the text they belong to, or call `rehighlight()`.
    A format cannot cover a line break, which is where a blank cell's span often is:
    `line_ends` gives the colour of such marks by line, for the view to paint."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._by_line: dict[int, list[Mark]] = {}
        self.line_ends: dict[int, QColor] = {}

    def set_marks(self, breaks: list[int], marks: list[Mark]) -> dict[int, list[Mark]]:
        """Take `marks` over the text with line breaks at `breaks` (the document's text, now
        or next); returns the marks it had, by line."""
        by_line: dict[int, list[Mark]] = {}
        line_ends: dict[int, QColor] = {}
        for start, end, fmt in marks:
            first = bisect.bisect_left(breaks, start)
            last = bisect.bisect_left(breaks, max(start, end - 1))
            for line in range(first, last + 1):
                by_line.setdefault(line, []).append((start, end, fmt))
                if line < len(breaks) and start <= breaks[line] < end:
                    line_ends[line] = fmt.background().color()
        old, self._by_line, self.line_ends = self._by_line, by_line, line_ends
        return old

    def highlightBlock(self, text: str) -> None:
        marks = self._by_line.get(self.currentBlock().blockNumber())
        if not marks:
            return
        block_start = self.currentBlock().position()
        length = len(text)
        for start, end, fmt in marks:
            a, b = max(0, start - block_start), min(length, end - block_start)
            if b > a:
                self.setFormat(a, b - a, fmt)

    def refresh(self, old: dict[int, list[Mark]]) -> bool:
        """Format again the lines whose marks differ from `old`; whether there were any."""
        document = self.document()
        changed = False
        for line in old.keys() | self._by_line.keys():
            if old.get(line) != self._by_line.get(line):
                changed = True
                block = document.findBlockByNumber(line)
                if block.isValid():
                    self.rehighlightBlock(block)
        return changed


class SourceView(QPlainTextEdit):
    """Shows one report's text; highlights cells and findings; reports clicks as positions."""

    positionClicked = Signal(int)  # a code point index in the report text
    reportShown = Signal(object)  # the Report whose text is now shown (or None)
    spanShown = Signal(object)  # the span `show_span` selected: (start, end) or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTabChangesFocus(True)  # Tab goes to the next pane
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)
        self._map = OffsetMap("")
        self._breaks: list[int] = []
        self._shown: Report | None = None  # the report whose text is shown
        self._formats: dict[int, QTextCharFormat] = {}  # background colour (rgba) -> format
        self._marks = SpanMarks(self.document())
        self._current: tuple[int, int] | None = None
        self._parts: list[tuple[int, int]] = []  # a claim's total, then its parts (code points)
        self._note = ""  # what hovering them shows
        self._found: list[tuple[int, int]] = []  # matches of a search (code points)
        self._found_current = -1

    # ---- content -------------------------------------------------------------------

    def show_session(self, session: ReportSession | None) -> None:
        report = session.report if session else None
        text = report.text if report else ""
        if report is not None and report.error:
            text = ""
        self._map = OffsetMap(text)
        self._breaks = self._map.line_breaks(text)
        self._shown = report
        self._current = None
        self._parts, self._note = [], ""
        self._found, self._found_current = [], -1
        self._marks.set_marks(self._breaks, self._spans(session))  # applied as the text is laid out
        self.setPlainText(text)
        self._apply()
        self.reportShown.emit(report)

    def refresh_marks(self, session: ReportSession | None) -> None:
        """Mark the spans again (the findings changed): only lines whose marks differ."""
        report = session.report if session else None
        if report is not self._shown:
            return  # not this report's text (it has just been read): show_session follows
        if self._marks.refresh(self._marks.set_marks(self._breaks, self._spans(session))):
            self.viewport().update()  # a mark over a line break may be all that changed

    def _spans(self, session: ReportSession | None) -> list[Mark]:
        """Every cell span and every finding's span, in the order they are painted."""
        spans: list[tuple[tuple[int, int], QColor]] = []
        report = session.report if session else None
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
                    elif cell.status == STATUS_UNCERTAIN and cell.value is None:
                        color = theme.SOURCE_UNCERTAIN_BG
                    elif found:
                        color = (
                            theme.SOURCE_BLANK_BG
                            if any(f.rule == EMPTY_CELL.id for f in found)
                            else (theme.SOURCE_WARNING_BG)
                        )
                    else:
                        color = theme.SOURCE_CELL_BG
                    spans.append((cell.span, color))
        to_qt = self._map.to_qt
        marks = []
        for (a, b), color in spans:
            start = to_qt(a)
            marks.append((start, max(to_qt(b), start + 1), self._format(color)))
        return marks

    def _format(self, color: QColor) -> QTextCharFormat:
        fmt = self._formats.get(color.rgba())
        if fmt is None:
            fmt = self._formats[color.rgba()] = QTextCharFormat()
            fmt.setBackground(color)
        return fmt

    def _selection(self, span: tuple[int, int], fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        start, end = self._map.to_qt(span[0]), self._map.to_qt(span[1])
        last = max(0, self.document().characterCount() - 1)
        cursor.setPosition(min(start, last))
        cursor.setPosition(min(max(end, start + 1), last), QTextCursor.MoveMode.KeepAnchor)
        sel.format = fmt  # type: ignore[attr-defined]
        sel.cursor = cursor  # type: ignore[attr-defined]
        return sel

    def _apply(self) -> None:
        """Show the matches of a search, and the current span (bold, in its colour) over the marks."""
        selections = []
        if self._found:
            found = QTextCharFormat()
            found.setBackground(theme.FIND_BG)
            current = QTextCharFormat()
            current.setBackground(theme.FIND_CURRENT_BG)
            current.setFontWeight(QFont.Weight.Bold)
            for i, span in enumerate(self._found[:MAX_FIND_MARKS]):
                selections.append(self._selection(span, current if i == self._found_current else found))
            if self._found_current >= MAX_FIND_MARKS:
                selections.append(self._selection(self._found[self._found_current], current))
        if self._current is not None:
            fmt = QTextCharFormat()
            fmt.setBackground(theme.SOURCE_CURRENT_BG)
            fmt.setForeground(theme.SOURCE_CURRENT_FG)
            fmt.setFontWeight(QFont.Weight.Bold)
            selections.append(self._selection(self._current, fmt))
        for i, span in enumerate(self._parts):
            fmt = QTextCharFormat()
            fmt.setBackground(theme.SOURCE_TOTAL_BG if i == 0 else theme.SOURCE_PART_BG)
            fmt.setForeground(theme.SOURCE_CLAIM_FG)
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontUnderline(i == 0)
            selections.append(self._selection(span, fmt))
        self.setExtraSelections(selections)

    # ---- search --------------------------------------------------------------------

    def shown_text(self) -> str:
        """The text on show (the report's, as code points)."""
        return self._shown.text if self._shown is not None and not self._shown.error else ""

    def set_found(self, spans: list[tuple[int, int]], current: int) -> None:
        """Mark every match of a search and select `current` (an index into `spans`, or -1)."""
        self._found, self._found_current = spans, current
        if 0 <= current < len(spans):
            self._current = None
            start, end = spans[current]
            cursor = QTextCursor(self.document())
            last = max(0, self.document().characterCount() - 1)
            cursor.setPosition(min(self._map.to_qt(start), last))
            cursor.setPosition(min(self._map.to_qt(end), last), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            self.centerCursor()
        self._apply()

    def found(self) -> list[tuple[int, int]]:
        return list(self._found)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The text, then the marks over line breaks (a space wide, as Qt marks a selected one)."""
        super().paintEvent(event)
        ends = self._marks.line_ends
        if not ends:
            return
        painter = QPainter(self.viewport())
        width = self.fontMetrics().horizontalAdvance(" ")
        offset = self.contentOffset()
        bottom = event.rect().bottom()
        block = self.firstVisibleBlock()
        while block.isValid():
            box = self.blockBoundingGeometry(block).translated(offset)
            if box.top() > bottom:
                break
            color = ends.get(block.blockNumber())
            layout = block.layout()
            if color is not None and block.isVisible() and layout.lineCount():
                line = layout.lineAt(layout.lineCount() - 1)
                x = box.left() + line.naturalTextRect().right()
                painter.fillRect(QRectF(x, box.top() + line.y(), width, line.height()), color)
            block = block.next()
        painter.end()

    # ---- current span --------------------------------------------------------------

    def current_span(self) -> tuple[int, int] | None:
        return self._current

    def selected_span(self) -> tuple[int, int]:
        """The text cursor's selection, as code point indexes."""
        c = self.textCursor()
        return self._map.from_qt(c.selectionStart()), self._map.from_qt(c.selectionEnd())

    def claim_marks(self) -> list[tuple[int, int]]:
        """The figures of the claim on show: its total first, then its parts."""
        return list(self._parts)

    def note_at(self, pos: int) -> str:
        """What hovering code point `pos` shows: the claim's arithmetic over one of its figures."""
        return self._note if any(a <= pos < b for a, b in self._parts) else ""

    def show_span(self, span: tuple[int, int] | None, parts: Sequence[tuple[int, int]] = (), note: str = "") -> None:
        """Select and highlight `span` and scroll it into the middle of the view; mark the
        figures of the claim it states (`parts`: the total first), with `note` over them."""
        self._current = span
        self._parts, self._note = [(int(a), int(b)) for a, b in parts], note
        if span is not None:
            cursor = QTextCursor(self.document())
            last = max(0, self.document().characterCount() - 1)
            cursor.setPosition(min(self._map.to_qt(span[0]), last))
            cursor.setPosition(min(self._map.to_qt(span[1]), last), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
            self.centerCursor()
        self._apply()
        self.spanShown.emit(span)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._parts and isinstance(event, QHelpEvent):
            note = self.note_at(self._map.from_qt(self.cursorForPosition(event.pos()).position()))
            if note:
                QToolTip.showText(event.globalPos(), note, self.viewport())
                return True
        return super().viewportEvent(event)

    # ---- clicks --------------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            pos = self.cursorForPosition(event.position().toPoint()).position()
            self.positionClicked.emit(self._map.from_qt(pos))
