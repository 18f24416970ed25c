"""The log file and the handler for uncaught exceptions.

An uncaught exception is written to the log in the user data folder and a non-modal
message tells the officer where that log is and that the corrections are safe.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from model.logfile import LOG_NAME, setup_file_log

log = logging.getLogger("report_auditor")


def log_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or Path.home() / ".report_auditor") / "logs"


def setup_logging(folder: Path | None = None) -> Path:
    """Log to a file in the user data folder; returns the log file's path."""
    return setup_file_log((folder or log_folder()) / LOG_NAME)


class CrashHandler:
    """`sys.excepthook` replacement: log the traceback, then show where the log is."""

    def __init__(self, log_path: Path, parent: QWidget | None = None) -> None:
        self.log_path = log_path
        self.parent = parent
        self.last_box: QMessageBox | None = None

    def install(self) -> None:
        sys.excepthook = self

    def __call__(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("Uncaught exception\n%s", text)
        sys.stderr.write(text)
        if QApplication.instance() is None:
            return
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(QCoreApplication.translate("Crash", "Unexpected error"))
        what = QCoreApplication.translate("Crash", "Something went wrong: %1")
        box.setText(what.replace("%1", f"{kind.__name__}: {value}"))
        where = QCoreApplication.translate(
            "Crash", "The details were written to the log:\n%1\nYour corrections are not lost."
        )
        box.setInformativeText(where.replace("%1", str(self.log_path)))
        box.setDetailedText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.setModal(False)
        box.show()  # never exec(): the program goes on
        self.last_box = box
