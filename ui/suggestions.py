"""Suggested corrections in the window: the line that offers one, and the tracker behind it.

`model.suggest` proposes the smallest change that makes the equations of 表三 and 表四 hold.
`SuggestionTracker` follows the current report, works the suggestion out again after every
change (once per burst of changes, on the next turn of the event loop) and tells the bar,
the grids and the action. Nothing is applied until the officer accepts: then the cells
change as one undoable step through the same undo stack as typed edits, so the workspace
records them and the audit runs again.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from model.messages import col_label, fmt_num, row_label
from model.suggest import Suggestion
from ui import theme
from ui.commands import push_suggestion
from ui.grids import TablesPanel
from ui.labels import table_name
from ui.session import ReportSession


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
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 3, 4, 3)
        row.addWidget(self.title)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.hide()

    def show_suggestion(self, session: ReportSession | None, suggestion: Suggestion | None, keys: str) -> None:
        """Show `suggestion` (hide the bar for None); `keys` names the shortcut that accepts it."""
        if session is None or suggestion is None:
            self.text.clear()
            self.setToolTip("")
            self.hide()
            return
        text = self.tr("%1 — press %2 to accept; Ctrl+Z undoes it.")
        self.text.setText(text.replace("%1", suggestion.reason).replace("%2", keys))
        self.button.setText(self.tr("Accept (%1)").replace("%1", keys))
        lines = [html.escape(line) for line in describe_changes(session, suggestion)]
        self.setToolTip("<p style='white-space:pre'>" + "<br>".join(lines) + "</p>")
        self.show()


class SuggestionOffer(QObject):
    """Ties the tracker to the bar, the marks in the grids and the 采纳建议 action."""

    accepted = Signal(int)  # how many cells the accepted suggestion changed

    def __init__(self, tables: TablesPanel, parent: QWidget) -> None:
        super().__init__(parent)
        self.tables = tables
        self.tracker = SuggestionTracker(self)
        self.bar = SuggestionBar()
        self.action = QAction(self.tr("Accept &Suggestion"), parent)
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

    def keys(self) -> str:
        """The accepting shortcut as the officer reads it (Ctrl+Enter)."""
        return self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    def set_session(self, session: ReportSession | None) -> None:
        self.tracker.set_session(session)

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
