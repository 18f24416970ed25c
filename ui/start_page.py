"""What the window shows with no report open: how to begin.

Open files, open a folder, the files opened recently (a click opens one again), and the
bundled sample reports on request (查看示例报告): they open labelled 示例 and close when
the officer opens files of their own. Files can also be dropped anywhere on the window.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PathRole = Qt.ItemDataRole.UserRole + 1


class StartPage(QWidget):
    """Open files, open a folder, recent files, the samples."""

    openFilesRequested = Signal()
    openFolderRequested = Signal()
    samplesRequested = Signal()
    recentChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StartPage")
        self.title = QLabel()
        self.title.setStyleSheet("font-size:20pt; font-weight:bold;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color:#444;")
        self.open_files = QPushButton()
        self.open_folder = QPushButton()
        self.samples = QPushButton()
        for button in (self.open_files, self.open_folder, self.samples):
            button.setMinimumHeight(34)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.open_files.clicked.connect(self.openFilesRequested)
        self.open_folder.clicked.connect(self.openFolderRequested)
        self.samples.clicked.connect(self.samplesRequested)
        self.samples_note = QLabel()
        self.samples_note.setWordWrap(True)
        self.samples_note.setStyleSheet("color:#666;")
        self.recent_title = QLabel()
        self.recent_title.setStyleSheet("font-weight:bold; margin-top:10px;")
        self.recent = QListWidget()
        self.recent.setFrameShape(QFrame.Shape.StyledPanel)
        self.recent.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.recent.setMaximumHeight(self.fontMetrics().height() * 14)
        self.recent.itemActivated.connect(self._chosen)
        self.recent.itemClicked.connect(self._chosen)
        self.no_recent = QLabel()
        self.no_recent.setStyleSheet("color:#888;")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#666; margin-top:8px;")

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_files)
        buttons.addWidget(self.open_folder)
        buttons.addStretch(1)
        buttons.addWidget(self.samples)
        column = QVBoxLayout()
        column.addWidget(self.title)
        column.addWidget(self.intro)
        column.addSpacing(12)
        column.addLayout(buttons)
        column.addWidget(self.samples_note)
        column.addWidget(self.recent_title)
        column.addWidget(self.recent)
        column.addWidget(self.no_recent)
        column.addWidget(self.hint)
        column.addStretch(1)
        box = QWidget()
        box.setLayout(column)
        box.setMaximumWidth(760)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addStretch(1)
        outer.addWidget(box, 4)
        outer.addStretch(1)
        self._paths: list[str] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Report Auditor"))
        self.intro.setText(
            self.tr(
                "Audits annual reports on government information disclosure: open report files (text, web "
                "pages, Word, PDF, Excel) or a whole folder, then check the marked cells and findings. "
                "Everything stays on this computer."
            )
        )
        self.open_files.setText(self.tr("Open Files… (Ctrl+O)"))
        self.open_folder.setText(self.tr("Open Folder… (Ctrl+Shift+O)"))
        self.samples.setText(self.tr("View Sample Reports"))
        self.samples_note.setText(
            self.tr("The samples open labelled as samples, and close when you open your own files.")
        )
        self.recent_title.setText(self.tr("Recent files"))
        self.no_recent.setText(self.tr("No files opened yet."))
        self.hint.setText(self.tr("Files and folders can also be dropped on this window. F1 opens the guide."))

    def set_recent(self, paths: list[str]) -> None:
        """List `paths` (newest first); a click opens one."""
        self._paths = list(paths)
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{os.path.basename(path)}    {os.path.dirname(path)}")
            item.setData(PathRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        self.recent.setVisible(bool(paths))
        self.no_recent.setVisible(not paths)

    def _chosen(self, item: QListWidgetItem) -> None:
        path = item.data(PathRole)
        if path:
            self.recentChosen.emit(str(path))
