"""The window's status bar: messages, the file just written, the current report's counts and
a batch's progress with its cancel button.

The window's parts say what happened through their `message(text, ms)` signals (0 ms: until
the next message) and the window hands them to `showMessage`; what a few events mean for the
officer is worded here: the counts of errors and warnings, how many reports a batch opened
(or how many files a cancel left), a suggestion accepted. A file just written stays named
(`SavedLink`: a click opens its folder) until the next one.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QSizePolicy, QStatusBar, QWidget

from ui.notices import SavedLink
from ui.session import ReportSession


class StatusLine(QStatusBar):
    """The status bar with its messages, the saved file, the counts and the batch's progress."""

    cancelRequested = Signal()  # the batch's Cancel button

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # as QMainWindow's own
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.counts = QLabel()
        self.saved_link = SavedLink()
        self.addWidget(self.saved_link, 1)
        self.saved_link.hide()  # until a file is written
        self.addPermanentWidget(self.counts)
        self.addPermanentWidget(self.progress)
        self.addPermanentWidget(self.cancel_button)
        self.hide_progress()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))

    def show_counts(self, session: ReportSession | None) -> None:
        """The errors and warnings of the current report (none for a report not read)."""
        if session is None or session.report is None or session.report.error:
            self.counts.setText("")
            return
        self.counts.setText(
            self.tr("Errors: %1  Warnings: %2").replace("%1", str(session.errors)).replace("%2", str(session.warnings))
        )

    def show_progress(self, done: int, total: int) -> None:
        """How far a batch is, with its Cancel button, until `hide_progress`."""
        bar = self.progress
        # QProgressBar.setValue repaints at once, and with it whatever else in the window
        # waits to be painted, inside this slot: let the next paint of the window show it.
        bar.setUpdatesEnabled(False)
        bar.setRange(0, max(1, total))
        bar.setValue(done)
        bar.setFormat(f"{done}/{total}")
        bar.setUpdatesEnabled(True)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)

    def hide_progress(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)

    def show_written(self, text: str, path: str) -> None:
        """Name the file just written (`text` with `%1`), a click from its folder."""
        self.clearMessage()
        self.saved_link.show_written(text, os.path.abspath(path))

    def batch_loaded(self, error: str | None, not_opened: int, reports: int) -> None:
        """A batch is in: the progress goes, and the number of `reports` open is said (and
        how many files a cancel left unopened; after a reading error, its message stays)."""
        self.hide_progress()
        if not_opened:
            text = self.tr("Cancelled: %n file(s) not opened.", "", not_opened)
            text += " " + self.tr("%n report(s) open.", "", reports)
            self.showMessage(text)
        elif not error:
            self.showMessage(self.tr("%n report(s) open.", "", reports), 5000)

    def suggestion_accepted(self, cells: int) -> None:
        text = self.tr("Suggestion accepted (%n cell(s)); Ctrl+Z undoes it.", "", cells)
        self.showMessage(text, 8000)
