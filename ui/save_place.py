"""Where audit workbooks go: asked at the first save, remembered in the settings.

`SavePlaceQuestion` offers the two places — next to each source file, or one folder the
officer picks — and says what each means. It is shown with `open()` (never `exec()`); the
answer comes back through `answered(place, folder)`, and `choose()` lets a test answer it
through the real widgets. File → 审核工作簿保存位置… shows it again to change the answer.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui.settings import PLACE_BESIDE, PLACE_FOLDER


class SavePlaceQuestion(QDialog):
    """Next to the source files, or in one folder; `answered(place, folder)` when accepted."""

    answered = Signal(str, str)  # PLACE_BESIDE / PLACE_FOLDER, the folder ("" beside)

    def __init__(self, parent: QWidget, place: str = "", folder: str = "") -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setWindowTitle(self.tr("Where should audit workbooks be saved?"))
        self.intro = QLabel(
            self.tr(
                "Each report's audit workbook (its tables, marks, findings and corrections) is saved as "
                "<name>.审核.xlsx. Where should these workbooks go? The choice is remembered; "
                "File → Where to Save Audit Workbooks… changes it."
            )
        )
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.beside = QRadioButton(self.tr("&Next to each source file"))
        self.beside_note = QLabel(self.tr("Opening the folder again opens each report together with its workbook."))
        self.in_folder = QRadioButton(self.tr("&All in one folder:"))
        self.folder = QLineEdit(folder)
        self.folder.setPlaceholderText(self.tr("Choose a folder"))
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.clicked.connect(self._browse)
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#b3261e;")
        self.problem.hide()
        self.beside_note.setWordWrap(True)
        self.beside_note.setStyleSheet("color:#666; margin-left:22px;")
        row = QHBoxLayout()
        row.addWidget(self.in_folder)
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addWidget(self.beside)
        layout.addWidget(self.beside_note)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        (self.in_folder if place == PLACE_FOLDER else self.beside).setChecked(True)
        # Typing or browsing a folder chooses it.
        self.folder.textEdited.connect(lambda _t: self.in_folder.setChecked(True))
        self.in_folder.toggled.connect(lambda _on: self.problem.hide())
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Folder for Audit Workbooks"), self.folder.text())
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.fileSelected.connect(self._browsed)
        dialog.open()

    def _browsed(self, folder: str) -> None:
        self.folder.setText(folder)
        self.in_folder.setChecked(True)

    def _accept(self) -> None:
        if self.beside.isChecked():
            self.answered.emit(PLACE_BESIDE, "")
            self.accept()
            return
        folder = self.folder.text().strip()
        if not folder or not os.path.isdir(folder):
            self.problem.setText(self.tr("Choose a folder that exists."))
            self.problem.show()
            return
        self.answered.emit(PLACE_FOLDER, os.path.abspath(folder))
        self.accept()

    def choose(self, place: str, folder: str = "") -> None:
        """Answer as the officer would: pick `place` (and type `folder`), then OK."""
        if place == PLACE_FOLDER:
            self.folder.setText(folder)
            self.in_folder.setChecked(True)
        else:
            self.beside.setChecked(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
