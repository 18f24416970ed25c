"""The window's 打印 (Ctrl+P, through Qt's print preview) and 导出PDF (Ctrl+Shift+P) of the
current report's audit (`ui.printing`).

The preview is shown with `open()`; its Print button hands the pages to the printer the
officer picks there. 导出PDF asks where (a non-modal file dialog, starting where the
report's workbook goes, `<stem>.审核.pdf`); `export_pdf` takes the path, so tests call it
directly. The status bar names the file written, a click from its folder (`fileWritten`).

`PrintActions` prints the current report of `OpenReports`; the report's workbook (`Saver`)
says where its PDF goes; its dialogs belong to the widget it is given.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from model import guard
from model.atomic import WriteError
from model.excel.pairs import BOOK_SUFFIX, PDF_SUFFIX
from ui.notices import show_message
from ui.open_reports import OpenReports
from ui.printing import print_audit, set_up_page
from ui.saving import Saver
from ui.session import ReportSession

log = logging.getLogger(__name__)


class PrintActions(QObject):
    """Print preview and PDF export of the current report."""

    message = Signal(str, int)  # for the status bar, and for how many ms (0: until the next)
    fileWritten = Signal(str, str)  # what was written (with %1 for the file) and the file

    def __init__(self, open_reports: OpenReports, saver: Saver, dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.open_reports = open_reports
        self.saver = saver
        self.dialog_parent = dialog_parent
        self.preview_dialog: QPrintPreviewDialog | None = None
        self.last_message: QMessageBox | None = None
        self._printer: QPrinter | None = None
        self.pages_painted = 0  # by the preview, so far
        self.print_action = QAction(dialog_parent)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(lambda: self.preview())
        self.pdf_action = QAction(dialog_parent)
        self.pdf_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.pdf_action.triggered.connect(self.ask_export_pdf)
        for action in self.actions():
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.update_actions()

    def actions(self) -> list[QAction]:
        return [self.print_action, self.pdf_action]

    def retranslate(self) -> None:
        self.print_action.setText(self.tr("&Print…"))
        self.print_action.setIconText(self.tr("Print"))
        self.print_action.setToolTip(self.tr("Print the audit of this report, with a preview first (Ctrl+P)"))
        self.pdf_action.setText(self.tr("Export &PDF…"))

    def update_actions(self) -> None:
        on = self._printable(self.open_reports.session)
        for action in self.actions():
            action.setEnabled(on)

    @staticmethod
    def _printable(session: ReportSession | None) -> bool:
        return session is not None and session.report is not None

    # ---- printing ------------------------------------------------------------------

    def preview(self, session: ReportSession | None = None) -> QPrintPreviewDialog | None:
        """Qt's print preview of `session`'s audit (the current report by default)."""
        session = session or self.open_reports.session
        if not self._printable(session):
            return None
        assert session is not None
        if self.preview_dialog is not None:
            self.preview_dialog.close()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        set_up_page(printer)
        printer.setDocName(Path(session.path).stem)
        dialog = QPrintPreviewDialog(printer, self.dialog_parent)
        dialog.setWindowTitle(self.tr("Print Preview: %1").replace("%1", session.name))
        dialog.paintRequested.connect(functools.partial(self._paint, session))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.destroyed.connect(lambda: setattr(self, "preview_dialog", None))
        self._printer = printer  # the dialog does not own it
        self.preview_dialog = dialog
        dialog.resize(self.dialog_parent.size() * 0.9)
        dialog.open()
        return dialog

    def _paint(self, session: ReportSession, printer: QPrinter) -> None:
        if session.report is None:
            return
        try:
            self.pages_painted += print_audit(printer, session.report, session.findings, session.changes)
        except OSError as exc:
            self._failed(self.tr("The printer could not be used: %1").replace("%1", str(exc)))

    # ---- PDF -----------------------------------------------------------------------

    def default_pdf(self, session: ReportSession) -> str:
        """Where the PDF goes unless the officer says otherwise: beside the report's workbook."""
        book = Path(self.saver.target(session))
        if book.name.endswith(BOOK_SUFFIX):
            return str(book.with_name(book.name[: -len(BOOK_SUFFIX)] + PDF_SUFFIX))
        return str(book.with_suffix(".pdf"))

    def ask_export_pdf(self) -> None:
        session = self.open_reports.session
        if not self._printable(session):
            return
        assert session is not None
        dialog = QFileDialog(self.dialog_parent, self.tr("Export PDF"), self.default_pdf(session))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([QCoreApplication.translate("PrintActions", "PDF files (*.pdf)")])
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(self.default_pdf(session))
        dialog.fileSelected.connect(lambda path: self.export_pdf(path, session))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()

    def export_pdf(self, path: str, session: ReportSession | None = None) -> bool:
        """Write `session`'s printed audit to `path` (the current report by default)."""
        from ui.printing import write_pdf

        session = session or self.open_reports.session
        if session is None or session.report is None or session not in self.open_reports.sessions:
            return False
        try:
            write_pdf(path, session.report, session.findings, session.changes)
        except WriteError as exc:
            self._failed(str(exc))
            return False
        except Exception:  # noqa: BLE001 - the guard's sentence; nothing else is touched
            log.exception("writing the PDF of %s failed", session.path)
            self._failed(f"{session.name}：{guard.internal_error(guard.EXPORT)}")
            return False
        self.fileWritten.emit(self.tr("PDF written to %1"), path)
        return True

    def _failed(self, message: str) -> None:
        self.message.emit(self.tr("Not written: %1").replace("%1", message), 0)
        self.last_message = show_message(self.dialog_parent, self.tr("Not written"), message)
