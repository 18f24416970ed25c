"""The main window: report list, source text, table grids and findings, linked together.

Selecting a finding or a cell scrolls the source to the words it came from; clicking a
number in the source selects its cell. Files are parsed off the GUI thread; edits are
undo commands on the report's own stack, gathered in one `QUndoGroup` for the menus.
The workspace (passed in) records every correction as it is made; saving, restoring and
the question before closing live in `ui.persistence`. The rules across the batch run
again after every load and edit. A suggested correction of the failing equations is
offered above the findings (`ui.suggestions`) and applied only when the officer accepts.
"""

from __future__ import annotations

import functools
import gc
import os

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from model.findings import Finding
from model.workspace import Workspace
from ui import settings as opt
from ui.batch_findings import BatchRules
from ui.batch_loading import BatchLoading
from ui.findings_model import FindingsModel
from ui.grids import TablesPanel
from ui.i18n import normalise_language
from ui.panels import FindingsPanel, ReportListPanel
from ui.persistence import Persistence
from ui.report_list import ReportListModel
from ui.resources import resource_path
from ui.session import ReportSession
from ui.settings import Settings
from ui.source_view import SourceView
from ui.suggestions import SuggestionOffer


class MainWindow(QMainWindow):
    """The audit window over a batch of reports."""

    batchFinished = Signal()

    def __init__(
        self,
        settings: Settings,
        language: str | None = None,
        parent: QWidget | None = None,
        workspace: Workspace | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.language = normalise_language(language or settings.language or None)
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("Report Auditor") + "[*]")
        icon = resource_path("icons", "app.svg")
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self.setAcceptDrops(True)
        self._linking = False
        self._text_timer = QTimer(self)  # see set_session(text_later=True)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(0)
        self._text_timer.timeout.connect(self._show_text)
        self.session: ReportSession | None = None
        self.batch_rules = BatchRules()

        self.reports = ReportListModel(self)
        self.undo_group = QUndoGroup(self)
        self.findings_model = FindingsModel(self)
        self.persistence = Persistence(self, workspace)
        self.loading = BatchLoading(self)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._restore_state()
        self.undo_group.cleanChanged.connect(self._clean_changed)
        self.persistence.offer_restore()

    # ---- construction --------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.list_panel = ReportListPanel(self.reports)
        self.list_panel.sessionSelected.connect(self.set_session)
        self.source = SourceView()
        self.source.positionClicked.connect(self._source_clicked)
        self.tables = TablesPanel()
        self.tables.cellActivated.connect(self._cell_activated)
        self.findings = FindingsPanel(self.findings_model)
        self.findings.findingSelected.connect(self._finding_selected)
        self.suggestions = SuggestionOffer(self.tables, self)
        self.suggestions.accepted.connect(self._suggestion_accepted)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(4, 2, 0, 0)
        bottom_layout.setSpacing(2)
        bottom_layout.addWidget(self.suggestions.bar)
        bottom_layout.addWidget(self.findings, 1)

        self.top_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.top_splitter.addWidget(self.source)
        self.top_splitter.addWidget(self.tables)
        self.top_splitter.setStretchFactor(0, 5)
        self.top_splitter.setStretchFactor(1, 6)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.addWidget(self.top_splitter)
        self.right_splitter.addWidget(bottom)
        self.right_splitter.setStretchFactor(0, 4)
        self.right_splitter.setStretchFactor(1, 1)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.addWidget(self.list_panel)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(0, 2)
        self.main_splitter.setStretchFactor(1, 7)
        for splitter in (self.top_splitter, self.right_splitter, self.main_splitter):
            splitter.setChildrenCollapsible(False)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.persistence.restore_bar)
        layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel_loading)
        self.counts = QLabel()
        bar = self.statusBar()
        bar.addPermanentWidget(self.counts)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self.show_progress(False)

    def _build_actions(self) -> None:
        self.open_action = QAction(self.tr("&Open Files…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.ask_open_files)
        self.open_folder_action = QAction(self.tr("Open &Folder…"), self)
        self.open_folder_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.open_folder_action.triggered.connect(self.ask_open_folder)
        self.close_action = QAction(self.tr("&Close Report"), self)
        self.close_action.setShortcut(QKeySequence.StandardKey.Close)
        self.close_action.triggered.connect(self.close_current)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.revert_action = QAction(self.tr("Re&vert Cell"), self)
        self.revert_action.triggered.connect(lambda: self.tables.current_view().revert_current())
        self.next_action = QAction(self.tr("&Next Problem"), self)
        self.next_action.setShortcut(QKeySequence(Qt.Key.Key_F8))
        self.next_action.triggered.connect(lambda: self.findings.step(1))
        self.prev_action = QAction(self.tr("&Previous Problem"), self)
        self.prev_action.setShortcut(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F8))
        self.prev_action.triggered.connect(lambda: self.findings.step(-1))
        for action in (self.next_action, self.prev_action, self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.open_folder_action)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        for action in self.persistence.actions():
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.suggestions.action)
        edit_menu.addAction(self.revert_action)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        go_menu.addAction(self.next_action)
        go_menu.addAction(self.prev_action)
        self._build_language_menu()
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        actions: tuple[QAction | None, ...] = (
            self.open_action,
            self.open_folder_action,
            self.persistence.save_action,
            self.persistence.export_action,
            None,
            self.undo_action,
            self.redo_action,
            None,
            self.prev_action,
            self.next_action,
            self.suggestions.action,
        )
        for item in actions:
            if item is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(item)

    def _build_language_menu(self) -> None:
        menu = self.language_menu = self.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        # Language names are shown in their own language, untranslated.
        for code, name in (("zh_CN", "简体中文"), ("en", "English")):
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == self.language)
            action.setData(code)
            group.addAction(action)
        group.triggered.connect(self._language_chosen)

    def _language_chosen(self, action: QAction) -> None:
        self.settings.language = str(action.data())
        self.statusBar().showMessage(self.tr("The new language is used the next time the program starts."), 8000)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(functools.partial(self.open_paths, [path]))
        if not recent:
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear List"), self.settings.clear_recent)

    # ---- settings ------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.get(opt.GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1500, 900)
        state = self.settings.get(opt.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        for option, splitter in self._splitters():
            saved = self.settings.get(option)
            if saved.isEmpty() or not splitter.restoreState(saved):
                self._default_sizes(splitter)

    def _default_sizes(self, splitter: QSplitter) -> None:
        if splitter is self.main_splitter:
            splitter.setSizes([480, 1120])
        elif splitter is self.top_splitter:
            splitter.setSizes([500, 660])
        else:
            splitter.setSizes([640, 200])

    def _splitters(self) -> list[tuple[opt.Option, QSplitter]]:
        return [
            (opt.MAIN_SPLITTER, self.main_splitter),
            (opt.CENTER_SPLITTER, self.top_splitter),
            (opt.VERTICAL_SPLITTER, self.right_splitter),
        ]

    def save_state(self) -> None:
        self.settings.set(opt.GEOMETRY, self.saveGeometry())
        self.settings.set(opt.WINDOW_STATE, self.saveState())
        for option, splitter in self._splitters():
            self.settings.set(option, splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        unsaved = self.persistence.unsaved()
        if unsaved and not self.persistence.close_confirmed:
            event.ignore()
            self.persistence.ask_before_closing(unsaved, True, self._close_confirmed)
            return
        self.cancel_loading()
        self.loading.wait(3000)
        self.persistence.flush()
        self.save_state()
        super().closeEvent(event)

    def _close_confirmed(self) -> None:
        self.persistence.close_confirmed = True
        self.close()

    # ---- opening -------------------------------------------------------------------

    def ask_open_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Open Reports"), self.settings.get(opt.LAST_FOLDER))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters(
            [
                self.tr("Reports (*.txt *.html *.htm *.docx *.doc *.wps *.pdf *.xlsx)"),
                self.tr("All files (*)"),
            ]
        )
        dialog.filesSelected.connect(lambda files: self.open_paths(list(files), remember=True))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def ask_open_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("Open Folder"), self.settings.get(opt.LAST_FOLDER))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda folder: self.open_paths([folder], remember=True))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_paths(self, paths: list[str], remember: bool = True) -> list[str]:
        """Open files and folders; returns the report files they name.

        Files already open are selected. New ones are listed and read in the background
        (`ui.batch_loading`): a large batch fills the list over the next turns of the
        event loop, so find their sessions with `self.reports.find(path)`."""
        paths = [p for p in paths if p]
        if not paths:
            return []
        if remember:
            self.settings.add_recent([p for p in paths if os.path.exists(p)])
            self.settings.set(opt.LAST_FOLDER, os.path.dirname(os.path.abspath(paths[0])))
        return self.loading.open(paths)

    def batch_loaded(self, error: str | None) -> None:
        """The last batch is read and the rules across the batch have run: the notes, the summary."""
        self.persistence.update_actions()
        self.persistence.show_notes()
        self.show_progress(False)
        if not error:
            self.statusBar().showMessage(self.tr("%n report(s) open.", "", self.reports.rowCount()), 5000)
        self.batchFinished.emit()

    def show_progress(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)

    def cancel_loading(self) -> None:
        self.loading.cancel()

    def is_busy(self) -> bool:
        return self.loading.is_busy()

    def close_current(self) -> None:
        """Close the current report; ask first when it has unsaved corrections."""
        session = self.session
        if session is None:
            return
        if session.unsaved:
            self.persistence.ask_before_closing([session], False, functools.partial(self._close_report, session))
        else:
            self._close_report(session)

    def _close_report(self, session: ReportSession) -> None:
        if session in self.reports.sessions:
            self.persistence.removed(session)
            self.remove_sessions([session])
            self.run_batch_rules()

    def remove_sessions(self, sessions: list[ReportSession]) -> None:
        """Take reports out of the window (closed, or cancelled before they were read)."""
        if self.session in sessions:
            self.set_session(None)
        for session in sessions:
            self.undo_group.removeStack(session.stack)
        self.reports.remove_many(sessions)
        # Loading keeps the reports read out of the cyclic collector's way (`gc.freeze`);
        # what the closed ones leave in cycles must become collectable again.
        gc.unfreeze()
        self.persistence.update_actions()

    def run_batch_rules(self, full: bool = True) -> None:
        """The rules across the open reports (carry-over from last year, copied text)."""
        self.batch_rules.run(self.reports.sessions, full)

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)
        self.persistence.update_actions()

    # ---- drag and drop -------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths, remember=True)

    # ---- the current report --------------------------------------------------------

    def set_session(self, session: ReportSession | None, text_later: bool = False) -> None:
        """Show `session`; `text_later` shows its text on the next turn of the event loop,
        so a report that arrives while a batch is read does not hold the window up as long."""
        if self.session is not None and self.session is not session:
            self.session.findingsChanged.disconnect(self._findings_changed)
        if self.session is not session and session is not None:
            session.findingsChanged.connect(self._findings_changed)
        self.session = session
        if text_later:
            self._text_timer.start()
        else:
            self._text_timer.stop()
            self.source.show_session(session)
        self.tables.set_session(session)
        self.findings_model.set_session(session)
        self.undo_group.setActiveStack(session.stack if session else None)  # type: ignore[arg-type]
        self.suggestions.set_session(session)
        title = self.tr("Report Auditor")
        self.setWindowTitle(f"{session.name} — {title}[*]" if session else f"{title}[*]")
        self.setWindowModified(bool(session and session.unsaved))
        self.persistence.update_actions()
        self._update_counts()

    def _show_text(self) -> None:
        self.source.show_session(self.session)

    def _findings_changed(self) -> None:
        self.source.refresh_marks(self.session)
        self._update_counts()

    def _suggestion_accepted(self, cells: int) -> None:
        text = self.tr("Suggestion accepted (%n cell(s)); Ctrl+Z undoes it.", "", cells)
        self.statusBar().showMessage(text, 8000)

    def _update_counts(self) -> None:
        s = self.session
        if s is None or s.report is None or s.report.error:
            self.counts.setText("")
            return
        self.counts.setText(
            self.tr("Errors: %1  Warnings: %2").replace("%1", str(s.errors)).replace("%2", str(s.warnings))
        )

    # ---- linking -------------------------------------------------------------------

    def _finding_selected(self, finding: Finding) -> None:
        if self._linking:
            return
        self._linking = True
        try:
            ref = next((c for c in finding.cells if c.col is not None), None)
            if ref is not None:
                self.tables.select_cell(ref.table, ref.row, ref.col or "")
            self.source.show_span(finding.source)
        finally:
            self._linking = False

    def _cell_activated(self, table: str, row: str, col: str) -> None:
        if self._linking or self.session is None:
            return
        self._linking = True
        try:
            cell = self.session.cell(table, row, col)
            self.source.show_span(cell.span if cell else None)
            found = self.session.cell_findings(table, row, col)
            if found:
                self.findings.select_finding(found[0], notify=False)
        finally:
            self._linking = False

    def _source_clicked(self, pos: int) -> None:
        if self.session is None or self._linking or self._text_timer.isActive():
            return  # (the text shown is not the session's yet)
        key = self.session.cell_at(pos)
        if key is not None:
            self.tables.select_cell(*key)  # the cell's span is then highlighted
            return
        hit = [f for f in self.session.findings if f.source and f.source[0] <= pos < f.source[1]]
        if hit:
            hit.sort(key=lambda f: f.source[1] - f.source[0] if f.source else 0)
            self.findings.select_finding(hit[0])

    def select_first_problem(self) -> None:
        """Select the report with the most findings and its first finding."""
        ready = [s for s in self.reports.sessions if s.report is not None]
        if not ready:
            return
        best = max(ready, key=lambda s: len(s.findings))
        self.list_panel.select(best)
        if best is not self.session:
            self.set_session(best)
        self.findings.select_row(0)
