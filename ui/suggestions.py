"""Suggested corrections in the window: the lines that offer them, and the trackers behind.

`model.suggest` proposes the smallest change that makes the equations of 表三 and 表四 hold.
`SuggestionTracker` follows the current report, works the suggestion out again after every
change (once per burst of changes, on the next turn of the event loop) and tells the bar,
the grids and the action. Nothing is applied until the officer accepts: then the cells
change as one undoable step through the same undo stack as typed edits, so the workspace
records them and the audit runs again.

Cells the recognizer left blank because several readings fit (`Report.uncertain`,
UNCERTAIN_CELL) are offered on a second line: when two or three readings fit, one button
each (Ctrl+1 … Ctrl+3); accepting one fills those cells in one undoable step. The reading
offered is the one of the current cell, else the report's first still open.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from model.messages import TABLE_SHORT, col_label, fmt_num, row_label
from model.report import Number, Report
from model.suggest import Suggestion
from ui import theme
from ui.commands import push_suggestion
from ui.grids import TablesPanel
from ui.labels import table_name
from ui.session import ReportSession
from ui.table_model import is_uncertain

MAX_READINGS = 3  # readings offered as buttons; with more the officer reads the source


@dataclass(frozen=True)
class Reading:
    """The readings that fit some uncertain cells still blank: one value per cell, per option."""

    table: str
    cells: tuple[tuple[str, str], ...]
    raw: str
    options: tuple[tuple[Number, ...], ...]

    def values(self, option: int) -> dict[tuple[str, str, str], Number | None]:
        return {(self.table, row, col): v for (row, col), v in zip(self.cells, self.options[option], strict=True)}


def open_readings(report: Report | None) -> list[Reading]:
    """The report's uncertain stretches whose cells are still blank and that have two or
    three readings (one is offered as well: it is the only one that fits)."""
    if report is None or report.error:
        return []
    out = []
    for item in report.uncertain:
        still = [k for k, (row, col) in enumerate(item.cells) if is_uncertain(report.cell(item.table, row, col))]
        if not still:
            continue
        options = tuple(dict.fromkeys(tuple(option[k] for k in still) for option in item.options))
        if 1 <= len(options) <= MAX_READINGS:
            out.append(Reading(item.table, tuple(item.cells[k] for k in still), item.raw, options))
    return out


def describe_option(reading: Reading, option: int) -> str:
    """A reading as the officer reads it: the figures in order, 12 · 3 · 0."""
    return " · ".join(fmt_num(v) for v in reading.options[option])


class SuggestionTracker(QObject):
    """The suggestion for the current report; `changed` says when it is another one."""

    changed = Signal(object)  # Suggestion or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session: ReportSession | None = None
        self.shown: Suggestion | None = None  # what the officer has been shown
        # Several cells change at once (a macro, a restore): work it out once afterwards.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)

    def set_session(self, session: ReportSession | None) -> None:
        if self.session is not None:
            self.session.findingsChanged.disconnect(self._timer.start)
        self.session = session
        if session is not None:
            session.findingsChanged.connect(self._timer.start)
        self.refresh(force=True)

    def current(self) -> Suggestion | None:
        """The suggestion for the report as it is now (the session caches it)."""
        return self.session.suggestion() if self.session is not None else None

    def refresh(self, force: bool = False) -> None:
        self._timer.stop()
        suggestion = self.current()
        if force or suggestion != self.shown:
            self.shown = suggestion
            self.changed.emit(suggestion)

    def accept(self) -> int:
        """Apply what the officer was shown, if it still holds; the number of cells changed."""
        suggestion = self.current()
        if self.session is None or suggestion is None or suggestion != self.shown:
            self.refresh()  # the report changed under the bar: show the new one first
            return 0
        changed = push_suggestion(self.session, suggestion)
        self.refresh()
        return changed


def describe_changes(session: ReportSession, suggestion: Suggestion) -> list[str]:
    """The cells the suggestion changes, one line each: 表四 · 行政复议 / 总计: 15 → 14."""
    fmt = session.report.format if session.report else "unknown"
    lines = []
    for (table, row, col), value in suggestion.values.items():
        cell = session.cell(table, row, col)
        before = cell.value if cell is not None else None
        if cell is not None and before == value and type(before) is type(value):
            continue  # part of a shifted row that is already right
        name = f"{table_name(table)} · {row_label(table, fmt, row)} / {col_label(table, fmt, col)}"
        lines.append(f"{name}: {fmt_num(before)} → {fmt_num(value)}")
    return lines


class SuggestionBar(QFrame):
    """A line above the findings that offers the suggestion and the key that accepts it."""

    acceptRequested = Signal()
    readingRequested = Signal(int)  # the option chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SuggestionBar")
        self.setStyleSheet(
            f"#SuggestionBar {{ background:{theme.SUGGESTION_BG.name()};"
            f" border:1px dashed {theme.SUGGESTION_FG.name()}; border-radius:3px; }}"
        )
        self.title = QLabel(self.tr("Suggestion"))
        self.title.setStyleSheet(f"color:{theme.SUGGESTION_FG.name()}; font-weight:bold;")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self.tr("Accept"))
        self.button.clicked.connect(self.acceptRequested)
        self.equation_row = QWidget()
        row = QHBoxLayout(self.equation_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.title)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.reading_title = QLabel()
        self.reading_title.setStyleSheet(f"color:{theme.UNCERTAIN_FG.name()}; font-weight:bold;")
        self.reading_text = QLabel()
        self.reading_text.setWordWrap(True)
        self.reading_text.setTextFormat(Qt.TextFormat.PlainText)
        self.reading_buttons = [QPushButton() for _ in range(MAX_READINGS)]
        for i, button in enumerate(self.reading_buttons):
            button.clicked.connect(lambda _checked=False, i=i: self.readingRequested.emit(i))
        self.reading_row = QWidget()
        reading = QHBoxLayout(self.reading_row)
        reading.setContentsMargins(0, 0, 0, 0)
        reading.addWidget(self.reading_title)
        reading.addWidget(self.reading_text, 1)
        for button in self.reading_buttons:
            reading.addWidget(button)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(8, 3, 4, 3)
        rows.setSpacing(2)
        rows.addWidget(self.equation_row)
        rows.addWidget(self.reading_row)
        self.equation_row.hide()
        self.reading_row.hide()
        self._fmt = "unknown"  # the report's format, for the cells' labels
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Suggestion"))
        self.reading_title.setText(self.tr("Uncertain"))

    def _update_visible(self) -> None:
        self.setVisible(not self.equation_row.isHidden() or not self.reading_row.isHidden())

    def show_reading(self, reading: Reading | None, keys: list[str]) -> None:
        """Offer the readings of `reading` (hide the line for None); `keys` accept each."""
        if reading is None:
            self.reading_row.hide()
            self._update_visible()
            return
        cells = "、".join(
            f"「{row_label(reading.table, self._fmt, r)}」{col_label(reading.table, self._fmt, c)}"
            for r, c in reading.cells
        )
        text = self.tr("%1 %2: the figures “%3” can be read more than one way; choose the reading:")
        if len(reading.options) == 1:
            text = self.tr("%1 %2: the figures “%3” fit the form only one way:")
        self.reading_text.setText(
            text.replace("%1", TABLE_SHORT[reading.table]).replace("%2", cells).replace("%3", reading.raw)
        )
        for i, button in enumerate(self.reading_buttons):
            button.setVisible(i < len(reading.options))
            if i < len(reading.options):
                button.setText(f"{describe_option(reading, i)} ({keys[i]})")
                button.setToolTip(self.tr("Fill the cells with this reading; Ctrl+Z undoes it."))
        self.reading_row.show()
        self._update_visible()

    def set_format(self, fmt: str) -> None:
        self._fmt = fmt

    def show_suggestion(self, session: ReportSession | None, suggestion: Suggestion | None, keys: str) -> None:
        """Show `suggestion` (hide the bar for None); `keys` names the shortcut that accepts it."""
        if session is None or suggestion is None:
            self.text.clear()
            self.equation_row.setToolTip("")
            self.equation_row.hide()
            self._update_visible()
            return
        text = self.tr("%1 — press %2 to accept; Ctrl+Z undoes it.")
        self.text.setText(text.replace("%1", suggestion.reason).replace("%2", keys))
        self.button.setText(self.tr("Accept (%1)").replace("%1", keys))
        lines = [html.escape(line) for line in describe_changes(session, suggestion)]
        self.equation_row.setToolTip("<p style='white-space:pre'>" + "<br>".join(lines) + "</p>")
        self.equation_row.show()
        self._update_visible()


class SuggestionOffer(QObject):
    """Ties the tracker to the bar, the marks in the grids and the 采纳建议 action; offers
    the readings of uncertain cells (采纳读法 1–3)."""

    accepted = Signal(int)  # how many cells the accepted suggestion changed

    def __init__(self, tables: TablesPanel, parent: QWidget) -> None:
        super().__init__(parent)
        self.tables = tables
        self.tracker = SuggestionTracker(self)
        self.bar = SuggestionBar()
        self.reading: Reading | None = None
        self._cell: tuple[str, str, str] | None = None
        self._reading_timer = QTimer(self)
        self._reading_timer.setSingleShot(True)
        self._reading_timer.setInterval(0)
        self._reading_timer.timeout.connect(self.refresh_reading)
        self.reading_actions = []
        for i in range(MAX_READINGS):
            action = QAction(parent)
            action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key(Qt.Key.Key_1 + i)))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setEnabled(False)
            action.triggered.connect(lambda _checked=False, i=i: self.accept_reading(i))
            self.reading_actions.append(action)
        self.bar.readingRequested.connect(self.accept_reading)
        tables.cellActivated.connect(self._cell_activated)
        self.action = QAction(parent)
        # Ctrl with either Enter key; the keypad one is listed first as it reads better.
        self.action.setShortcuts(
            [
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter),
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return),
            ]
        )
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.setEnabled(False)
        self.action.triggered.connect(self.accept)
        self.bar.acceptRequested.connect(self.accept)
        self.tracker.changed.connect(self._show)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(self.tr("Accept &Suggestion"))
        for i, action in enumerate(self.reading_actions):
            action.setText(self.tr("Accept Reading &%1").replace("%1", str(i + 1)))
        self.bar.retranslate()
        self._show(self.tracker.shown)
        self.refresh_reading()

    def keys(self) -> str:
        """The accepting shortcut as the officer reads it (Ctrl+Enter)."""
        return self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    def set_session(self, session: ReportSession | None) -> None:
        old = self.tracker.session
        if old is not None:
            old.findingsChanged.disconnect(self._reading_timer.start)
        self._cell = None
        self.tracker.set_session(session)
        if session is not None:
            session.findingsChanged.connect(self._reading_timer.start)
        self.refresh_reading()

    def _cell_activated(self, table: str, row: str, col: str) -> None:
        self._cell = (table, row, col)
        self.refresh_reading()

    def refresh_reading(self) -> None:
        """Offer the readings of the current cell's uncertain stretch, else the first open one."""
        self._reading_timer.stop()
        session = self.tracker.session
        readings = open_readings(session.report if session is not None else None)
        chosen = None
        if self._cell is not None:
            table, row, col = self._cell
            chosen = next((r for r in readings if r.table == table and (row, col) in r.cells), None)
        self.reading = chosen or (readings[0] if readings else None)
        if session is not None and session.report is not None:
            self.bar.set_format(session.report.format)
        keys = [a.shortcut().toString(QKeySequence.SequenceFormat.NativeText) for a in self.reading_actions]
        self.bar.show_reading(self.reading, keys)
        for i, action in enumerate(self.reading_actions):
            action.setEnabled(self.reading is not None and i < len(self.reading.options))

    def accept_reading(self, option: int) -> int:
        """Fill the offered uncertain cells with reading `option` (one undoable step)."""
        session, reading = self.tracker.session, self.reading
        if session is None or reading is None or not 0 <= option < len(reading.options):
            return 0
        self.tables.finish_editing()
        label = QCoreApplication.translate("Commands", "Accept reading %1").replace(
            "%1", describe_option(reading, option)
        )
        changed = push_suggestion(session, Suggestion(reading.values(option), ""), label)
        self.refresh_reading()
        if changed:
            self.accepted.emit(changed)
        return changed

    def accept(self) -> int:
        """Accept the suggestion shown; an edit still open in a grid is committed first."""
        self.tables.finish_editing()
        changed = self.tracker.accept()
        if changed:
            self.accepted.emit(changed)
        return changed

    def _show(self, suggestion: Suggestion | None) -> None:
        keys = self.keys()
        self.bar.show_suggestion(self.tracker.session, suggestion, keys)
        self.tables.set_suggestion(suggestion.values if suggestion else {}, keys)
        self.action.setEnabled(suggestion is not None)
