"""Questions and messages the window puts to the officer, all non-blocking.

- `RestoreBar`: a bar above the panes offering to reopen the previous session's reports
  with their corrections.
- `UnsavedQuestion`: save all / close without saving / cancel, when closing the window or
  a report with corrections not yet saved to Excel. Shown with `open()`; the choice comes
  back through `answered`, and `choose()` lets a test answer it through the real buttons.
- `show_message`: a non-modal message box (write errors and the like).
- `SavedLink`: the status bar's line that names the file just written; a click on it opens
  the folder that holds it (`reveal`).

None of them calls `exec()`: the event loop goes on and tests drive them directly.
"""

from __future__ import annotations

import html
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QDir, QProcess, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

SAVE = "save"
DISCARD = "discard"
CANCEL = "cancel"


class RestoreBar(QFrame):
    """The offer to restore the previous session, with Restore and Discard buttons."""

    restoreRequested = Signal()
    discardRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RestoreBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#RestoreBar { background: #e3edfb; border: 1px solid #9db8e0; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.restore_button = QPushButton()
        self.discard_button = QPushButton()
        self.restore_button.clicked.connect(self._restore)
        self.discard_button.clicked.connect(self._discard)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self._offered = (0, 0, 0)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.restore_button.setText(self.tr("Restore"))
        self.discard_button.setText(self.tr("Discard"))
        reports, corrections, unsaved = self._offered
        text = self.tr(
            "Last time %1 report(s) with %2 correction(s) were open; %3 of them have corrections "
            "not yet saved to Excel. Restore them? Discard forgets those corrections."
        )
        self.label.setText(text.replace("%1", str(reports)).replace("%2", str(corrections)).replace("%3", str(unsaved)))

    def offer(self, reports: int, corrections: int, unsaved: int) -> None:
        """Show the offer for `reports` files carrying `corrections` corrections."""
        self._offered = (reports, corrections, unsaved)
        self.retranslate()
        self.show()

    def _restore(self) -> None:
        self.hide()
        self.restoreRequested.emit()

    def _discard(self) -> None:
        self.hide()
        self.discardRequested.emit()


class UnsavedQuestion(QMessageBox):
    """Save all / close without saving / cancel; the answer comes through `answered`."""

    answered = Signal(str)  # SAVE, DISCARD or CANCEL

    def __init__(self, parent: QWidget, names: list[str], closing_window: bool) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(self.tr("Unsaved corrections"))
        shown = "\n".join(names[:10]) + ("\n…" if len(names) > 10 else "")
        self.setText(
            self.tr("%1 report(s) have corrections not yet saved to Excel:\n%2")
            .replace("%1", str(len(names)))
            .replace("%2", shown)
        )
        if closing_window:
            info = self.tr(
                "Save All writes each report's audit workbook. Close Without Saving writes no workbook; "
                "the corrections stay in the workspace and are offered for restoring the next time "
                "the program starts."
            )
        else:
            info = self.tr(
                "Save writes the report's audit workbook. Close Without Saving removes the report and "
                "its corrections from the workspace; they cannot be restored."
            )
        self.setInformativeText(info)
        save_text = self.tr("Save All") if closing_window else self.tr("Save")
        self.buttons_by_choice = {
            SAVE: self.addButton(save_text, QMessageBox.ButtonRole.AcceptRole),
            DISCARD: self.addButton(self.tr("Close Without Saving"), QMessageBox.ButtonRole.DestructiveRole),
            CANCEL: self.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole),
        }
        self.setDefaultButton(self.buttons_by_choice[SAVE])
        self.setEscapeButton(self.buttons_by_choice[CANCEL])
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self._sent = False
        self.buttonClicked.connect(self._clicked)
        self.finished.connect(lambda _r: self._send(CANCEL))  # closed another way: nothing happens

    def choose(self, choice: str) -> None:
        """Answer as if the officer clicked the button for `choice`."""
        self.buttons_by_choice[choice].click()

    def _clicked(self, button: object) -> None:
        for choice, b in self.buttons_by_choice.items():
            if b is button:
                self._send(choice)

    def _send(self, choice: str) -> None:
        if not self._sent:
            self._sent = True
            self.answered.emit(choice)


def show_message(
    parent: QWidget, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning
) -> QMessageBox:
    """A non-modal message; the program goes on while it is shown."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.setModal(False)
    box.show()
    return box


def reveal(path: str) -> None:
    """Show `path` in the system's file manager: selected in Explorer on Windows, else its
    folder opened."""
    if sys.platform == "win32":
        QProcess.startDetached("explorer.exe", [f"/select,{QDir.toNativeSeparators(path)}"])
    else:
        QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.dirname(path)))


class SavedLink(QLabel):
    """Names the file just written (已保存 D:\\报告\\a.审核.xlsx); a click opens its folder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.linkActivated.connect(lambda _link: self.open_folder())
        self.path = ""
        self.opener: Callable[[str], None] = reveal  # what a click does (a test puts its own)

    def show_written(self, text: str, path: str) -> None:
        """Show `text` with its `%1` as a link to `path`."""
        self.path = path
        shown = QDir.toNativeSeparators(path)
        link = f'<a href="file">{html.escape(shown)}</a>'
        self.setText(html.escape(text).replace("%1", link))
        self.setToolTip(self.tr("Click to open the folder that holds %1").replace("%1", shown))
        self.show()

    def open_folder(self) -> None:
        if self.path:
            self.opener(self.path)
