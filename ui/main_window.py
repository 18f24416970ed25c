"""The main window: report list, source text, table grids and findings, linked together.

Selecting a finding or a cell scrolls the source to the words it came from; clicking a
number in the source selects its cell. Files are parsed off the GUI thread; edits are
undo commands on the report's own stack, gathered in one `QUndoGroup` for the menus.
The workspace (passed in) records every correction as it is made; saving, restoring and
the question before closing live in `ui.persistence`. The rules across the batch run
again after every load and edit. A suggested correction of the failing equations is
offered above the findings (`ui.suggestions`) and applied only when the officer accepts.

The keyboard runs the review: F8 / Shift+F8 go to the next / previous problem cell with the
keyboard in the grid, so typing replaces the figure and Enter commits and goes on; past a
report's last problem F8 goes on to the next report with problems (`ui.navigation`). Tab /
Shift+Tab go round the panes: list → source → grid → findings. Ctrl+F finds in the source.
The window opens within the screen (`ui.window_geometry`); the language can be switched
while it runs. With no report open it shows its start page (`ui.start_page`); 打印 / 导出PDF
live in `ui.print_actions`, the guide and the about box in `ui.help`.
"""

from __future__ import annotations

import functools
import gc
import os

from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt, QTimer, QTranslator, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QShowEvent,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from model.findings import Finding
from model.workspace import META_TABLE, Workspace
from ui import i18n
from ui import settings as opt
from ui import window_geometry as geometry
from ui.batch_findings import BatchRules
from ui.batch_loading import BatchLoading
from ui.find_bar import FindBar
from ui.findings_model import FindingsModel
from ui.grid_view import GridView
from ui.grids import TablesPanel
from ui.help import HelpWindow, about_box, shortcuts_of
from ui.i18n import normalise_language
from ui.navigation import Order, cell_order, finding_order, next_move
from ui.panels import FindingsPanel, ReportListPanel
from ui.persistence import Persistence
from ui.print_actions import PrintActions
from ui.report_list import ReportListModel
from ui.resources import resource_path, sample_files
from ui.session import ReportSession
from ui.settings import Settings
from ui.source_view import SourceView
from ui.start_page import StartPage
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
        translators: list[QTranslator] | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.language = normalise_language(language or settings.language or None)
        self.translators = list(translators or [])  # installed for `language` (see set_language)
        self.setObjectName("MainWindow")
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
        self._last_stop: tuple[ReportSession, Order] | None = None  # where F8 went last
        self._placed = False

        self.reports = ReportListModel(self)
        self.undo_group = QUndoGroup(self)
        self.findings_model = FindingsModel(self)
        self.persistence = Persistence(self, workspace)
        self.printing = PrintActions(self)
        self.loading = BatchLoading(self)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self.retranslate()
        self._restore_state()
        self.undo_group.cleanChanged.connect(self._clean_changed)
        self.persistence.offer_restore()

    # ---- construction --------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.list_panel = ReportListPanel(self.reports)
        self.list_panel.sessionSelected.connect(self.set_session)
        self.source = SourceView()
        self.source.positionClicked.connect(self._source_clicked)
        self.find_bar = FindBar(self.source)
        source_pane = QWidget()
        source_layout = QVBoxLayout(source_pane)
        source_layout.setContentsMargins(0, 0, 0, 0)
        source_layout.setSpacing(0)
        source_layout.addWidget(self.source, 1)
        source_layout.addWidget(self.find_bar)
        self.tables = TablesPanel()
        self.tables.cellActivated.connect(self._cell_activated)
        self.tables.entryRejected.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.tables.nextProblemRequested.connect(lambda: self.go_to_problem(True))
        self.findings = FindingsPanel(self.findings_model)
        self.findings.findingSelected.connect(self._finding_selected)
        self.findings.ruleHelpRequested.connect(self.show_rule_help)
        self.suggestions = SuggestionOffer(self.tables, self)
        self.suggestions.accepted.connect(self._suggestion_accepted)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(4, 2, 0, 0)
        bottom_layout.setSpacing(2)
        bottom_layout.addWidget(self.suggestions.bar)
        bottom_layout.addWidget(self.findings, 1)

        self.top_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.top_splitter.addWidget(source_pane)
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
        self.start_page = StartPage()
        self.start_page.openFilesRequested.connect(self.ask_open_files)
        self.start_page.openFolderRequested.connect(self.ask_open_folder)
        self.start_page.samplesRequested.connect(self.open_samples)
        self.start_page.recentChosen.connect(lambda path: self.open_paths([path]))
        self.pages = QStackedWidget()
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.main_splitter)
        for signal in (self.reports.rowsInserted, self.reports.rowsRemoved, self.reports.modelReset):
            signal.connect(self._update_page)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.persistence.restore_bar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._update_page()

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_loading)
        self.counts = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.persistence.saved_link, 1)
        self.persistence.saved_link.hide()  # until a file is written
        bar.addPermanentWidget(self.counts)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self.show_progress(False)

    def _build_actions(self) -> None:
        def action(slot: object, *keys: QKeySequence | QKeySequence.StandardKey | str) -> QAction:
            act = QAction(self)
            act.setShortcuts([k if isinstance(k, QKeySequence) else QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(slot)
            return act

        self.open_action = action(self.ask_open_files, QKeySequence.StandardKey.Open)
        self.open_folder_action = action(self.ask_open_folder, "Ctrl+Shift+O")
        self.close_action = action(self.close_current, "Ctrl+W", "Ctrl+F4")
        self.quit_action = action(self.close, "Ctrl+Q")
        self.undo_action = action(self.undo_group.undo, QKeySequence.StandardKey.Undo)
        # Ctrl+Y as on Windows, Ctrl+Shift+Z as elsewhere: both, whatever the platform.
        self.redo_action = action(self.undo_group.redo, "Ctrl+Y", "Ctrl+Shift+Z")
        self.undo_group.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_group.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_group.undoTextChanged.connect(lambda _text: self._undo_texts())
        self.undo_group.redoTextChanged.connect(lambda _text: self._undo_texts())
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.revert_action = action(lambda: self.tables.current_view().revert_current(), "Ctrl+Shift+R")
        self.next_action = action(lambda: self.go_to_problem(True), QKeySequence(Qt.Key.Key_F8))
        self.prev_action = action(lambda: self.go_to_problem(False), QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F8))
        self.find_action = action(self.find_bar.open_bar, QKeySequence.StandardKey.Find)
        self.find_next_action = action(lambda: self.find_bar.step(True), QKeySequence(Qt.Key.Key_F3))
        self.find_prev_action = action(
            lambda: self.find_bar.step(False), QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F3)
        )
        self.guide_action = action(self.show_guide, QKeySequence(Qt.Key.Key_F1))
        self.rule_help_action = action(lambda: self.show_rule_help(), QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F1))
        self.samples_action = action(self.open_samples)
        self.about_action = action(lambda: setattr(self, "about", about_box(self)))
        self.help_window: HelpWindow | None = None
        self.about: QMessageBox | None = None
        self.pane_actions = [
            action(lambda: self.focus_pane(0), "Alt+1"),
            action(lambda: self.focus_pane(1), "Alt+2"),
            action(lambda: self.focus_pane(2), "Alt+3"),
            action(lambda: self.focus_pane(3), "Alt+4"),
        ]

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("")
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.open_folder_action)
        self.recent_menu = QMenu(self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        for act in self.persistence.actions():
            self.file_menu.addAction(act)
        self.file_menu.addAction(self.persistence.place_action)
        self.file_menu.addSeparator()
        for act in self.printing.actions():
            self.file_menu.addAction(act)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.suggestions.action)
        for act in self.suggestions.reading_actions:
            self.edit_menu.addAction(act)
        self.edit_menu.addAction(self.revert_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.find_next_action)
        self.edit_menu.addAction(self.find_prev_action)
        self.go_menu = self.menuBar().addMenu("")
        self.go_menu.addAction(self.next_action)
        self.go_menu.addAction(self.prev_action)
        self.go_menu.addSeparator()
        for act in self.pane_actions:
            self.go_menu.addAction(act)
        self._build_language_menu()
        self.help_menu = self.menuBar().addMenu("")
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.rule_help_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.samples_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)
        self.toolbar = self.addToolBar("")
        self.toolbar.setObjectName("mainToolBar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        actions: tuple[QAction | None, ...] = (
            self.open_action,
            self.open_folder_action,
            self.persistence.save_action,
            self.persistence.export_action,
            self.printing.print_action,
            None,
            self.undo_action,
            self.redo_action,
            None,
            self.prev_action,
            self.next_action,
            self.suggestions.action,
            None,
            self.find_action,
        )
        for item in actions:
            if item is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(item)

    def _build_language_menu(self) -> None:
        menu = self.language_menu = self.menuBar().addMenu("")
        group = QActionGroup(self)
        # Language names are shown in their own language, untranslated.
        for code, name, key in (("zh_CN", "简体中文", "Ctrl+Alt+C"), ("en", "English", "Ctrl+Alt+E")):
            act = menu.addAction(name)
            act.setCheckable(True)
            act.setChecked(code == self.language)
            act.setData(code)
            act.setShortcut(QKeySequence(key))
            group.addAction(act)
        group.triggered.connect(self._language_chosen)

    def _language_chosen(self, act: QAction) -> None:
        self.settings.language = str(act.data())
        self.set_language(str(act.data()))

    def set_language(self, language: str) -> None:
        """Show the interface in `language` from now on (Qt's own texts too)."""
        language = normalise_language(language)
        app = QCoreApplication.instance()
        if app is None or language == self.language and self.translators:
            return
        self.translators = i18n.switch(app, language, self.translators)
        self.language = language
        if isinstance(app, QApplication):
            app.setApplicationDisplayName(self.tr("Report Auditor"))
        for act in self.language_menu.actions():
            act.setChecked(act.data() == language)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text of the window in the language now installed."""
        texts = (
            (self.open_action, self.tr("&Open Files…")),
            (self.open_folder_action, self.tr("Open &Folder…")),
            (self.close_action, self.tr("&Close Report")),
            (self.quit_action, self.tr("&Quit")),
            (self.revert_action, self.tr("Re&vert Cell")),
            (self.next_action, self.tr("&Next Problem")),
            (self.prev_action, self.tr("&Previous Problem")),
            (self.find_action, self.tr("&Find in Text…")),
            (self.find_next_action, self.tr("Find Ne&xt")),
            (self.find_prev_action, self.tr("Find Pre&vious")),
            (self.pane_actions[0], self.tr("Report &List")),
            (self.pane_actions[1], self.tr("Report &Text")),
            (self.pane_actions[2], self.tr("&Tables")),
            (self.pane_actions[3], self.tr("&Findings")),
            (self.guide_action, self.tr("&Guide")),
            (self.rule_help_action, self.tr("About This &Rule")),
            (self.samples_action, self.tr("View &Sample Reports")),
            (self.about_action, self.tr("&About Report Auditor")),
        )
        for act, text in texts:
            act.setText(text)
        self._undo_texts()
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.go_menu.setTitle(self.tr("&Go"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.recent_menu.setTitle(self.tr("Open &Recent"))
        self.toolbar.setWindowTitle(self.tr("Main"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.persistence.retranslate()
        self.printing.retranslate()
        self.start_page.retranslate()
        self.suggestions.retranslate()
        self.list_panel.retranslate()
        self.reports.refresh_all()
        self.findings_model.refresh_texts()
        self.tables.retranslate()
        self.find_bar.retranslate()
        self._update_title()
        self._update_counts()

    def _undo_texts(self) -> None:
        undo, redo = self.undo_group.undoText(), self.undo_group.redoText()
        self.undo_action.setText(self.tr("&Undo") + (f" {undo}" if undo else ""))
        self.redo_action.setText(self.tr("&Redo") + (f" {redo}" if redo else ""))
        # The toolbar keeps its width: the step is named in the menu and the tooltip.
        self.undo_action.setIconText(self.tr("Undo"))
        self.redo_action.setIconText(self.tr("Redo"))
        self.undo_action.setToolTip(self.undo_action.text().replace("&", ""))
        self.redo_action.setToolTip(self.redo_action.text().replace("&", ""))

    # ---- help ----------------------------------------------------------------------

    def _help(self) -> HelpWindow:
        """The guide's window, made on first use (with the shortcuts the menus have now)."""
        if self.help_window is None:
            menus = (self.file_menu, self.edit_menu, self.go_menu, self.language_menu, self.help_menu)
            self.help_window = HelpWindow(self, shortcuts_of([a for m in menus for a in m.actions()]))
        return self.help_window

    def show_guide(self) -> None:
        """F1: the guide; at the rule of the current finding when the findings have the keyboard."""
        finding = self.findings.current_finding() if self.findings.hasFocus() else None
        if finding is not None:
            self.show_rule_help(finding.rule)
        else:
            self._help().show_anchor("")

    def show_rule_help(self, rule: str | None = None) -> None:
        """The explanation of `rule`, else of the current finding's rule (Shift+F1, or "?")."""
        if rule is None:
            finding = self.findings.current_finding()
            rule = finding.rule if finding is not None else ""
        self._help().show_rule(rule)

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
        """The saved window and splitters, when they fit the screen; else defaults that do."""
        geometry.restore_or_place(self, self.settings.get(opt.GEOMETRY))
        state = self.settings.get(opt.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        for option, splitter in self._splitters():
            saved = self.settings.get(option)
            if saved.isEmpty() or not splitter.restoreState(saved):
                self._default_sizes(splitter)

    def place_on(self, available: QRect) -> None:
        """Open as on a screen whose available area is `available` (no saved geometry)."""
        geometry.place(self, geometry.default_frame(available))
        for _option, splitter in self._splitters():
            self._default_sizes(splitter)

    def _default_sizes(self, splitter: QSplitter) -> None:
        """Shares that favour the grids: the list narrow, the grids wider than the source."""
        if splitter is self.main_splitter:
            splitter.setSizes(geometry.shares(self.width(), geometry.MAIN_SHARES))
        elif splitter is self.top_splitter:
            splitter.setSizes(geometry.shares(self.width(), geometry.CENTER_SHARES))
        else:
            splitter.setSizes(geometry.shares(self.height(), geometry.VERTICAL_SHARES))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._placed:
            self._placed = True
            # The frame (title bar, borders) is known once shown: keep it all on screen.
            QTimer.singleShot(0, lambda: geometry.keep_on_screen(self))

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
        event loop, so find their sessions with `self.reports.find(path)`. The sample
        reports, if open, close: the officer's own files take their place."""
        paths = [p for p in paths if p]
        if not paths:
            return []
        self.close_samples()
        if remember:
            self.settings.add_recent([p for p in paths if os.path.exists(p)])
            self.settings.set(opt.LAST_FOLDER, os.path.dirname(os.path.abspath(paths[0])))
        return self.loading.open(paths)

    def open_samples(self) -> list[str]:
        """Open the bundled sample reports, labelled as samples (查看示例报告)."""
        return self.loading.open(sample_files(), pair=False, sample=True)

    def close_samples(self) -> None:
        """Close the sample reports (and forget what was done to them)."""
        samples = [s for s in self.reports.sessions if s.sample]
        for session in samples:
            self.persistence.removed(session)
        if samples:
            self.remove_sessions(samples)
            self.run_batch_rules()

    def _update_page(self, *_: object) -> None:
        """The start page while no report is open, else the report panes."""
        empty = self.reports.rowCount() == 0
        if empty:
            self.start_page.set_recent(self.settings.recent_files())
        self.pages.setCurrentWidget(self.start_page if empty else self.main_splitter)

    def batch_loaded(self, error: str | None, not_opened: int = 0) -> None:
        """The last batch is read and the rules across the batch have run: the list sorted
        again, the notes, the summary (and how many files a cancel left unopened)."""
        self.list_panel.release_order()
        self.update_actions()
        self.persistence.show_notes()
        self.show_progress(False)
        if not_opened:
            text = self.tr("Cancelled: %n file(s) not opened.", "", not_opened)
            text += " " + self.tr("%n report(s) open.", "", self.reports.rowCount())
            self.statusBar().showMessage(text)
        elif not error:
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
        self.update_actions()

    def run_batch_rules(self, full: bool = True) -> None:
        """The rules across the open reports (carry-over from last year, copied text)."""
        self.batch_rules.run(self.reports.sessions, full)

    def update_actions(self) -> None:
        """Enable what applies to the reports open and the current one."""
        self.persistence.update_actions()
        self.printing.update_actions()

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)
        self.update_actions()

    def _update_title(self) -> None:
        """The file name and the modified mark; the platform adds the program's name once
        (Qt appends the application display name to every window title)."""
        session = self.session
        self.setWindowTitle(f"{session.name}[*]" if session else self.tr("Report Auditor") + "[*]")
        self.setWindowModified(bool(session and session.unsaved))

    def report_edited(self, session: ReportSession, table: str) -> None:
        """After an edit, undo or redo of `session` and its audit: the batch rules, and every
        count shown, in the same event."""
        self.run_batch_rules(full=table == META_TABLE)
        self.reports.flush()
        if session is self.session:
            self._update_counts()

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
        self._update_title()
        self.update_actions()
        self._update_counts()
        if self.find_bar.isVisible():
            self.find_bar.search()

    def _show_text(self) -> None:
        self.source.show_session(self.session)
        if self.find_bar.isVisible():
            self.find_bar.search()

    def _findings_changed(self) -> None:
        self.source.refresh_marks(self.session)
        self._update_counts()
        self.update_actions()

    def _suggestion_accepted(self, cells: int) -> None:
        text = self.tr("Suggestion accepted (%n cell(s)); Ctrl+Z undoes it.", "", cells)
        self.statusBar().showMessage(text, 8000)

    # ---- the keyboard: problems and panes --------------------------------------------

    def _position(self) -> Order | None:
        """Where the review is in the current report: the focused grid's cell or finding,
        else where F8 went last."""
        session = self.session
        if session is None:
            return None
        focus = QApplication.focusWidget()
        view = self.tables.current_view()
        if focus is not None and (focus is view or view.isAncestorOf(focus)):
            key = self.tables.current_key()
            if key is not None:
                return cell_order(session, *key)
        if focus is not None and focus is self.findings:
            finding = self.findings_model.finding(self.findings.currentIndex().row())
            if finding is not None:
                return finding_order(session, finding)
        if self._last_stop is not None and self._last_stop[0] is session:
            return self._last_stop[1]
        return None

    def go_to_problem(self, forward: bool) -> bool:
        """F8 / Shift+F8: the next (previous) problem, in this report or the next one with
        problems; the keyboard goes to its cell (or to the finding when it names none)."""
        self.tables.finish_editing()
        move = next_move(self.list_panel.sessions_in_order(), self.session, self._position(), forward)
        if move is None:
            self.statusBar().showMessage(self.tr("No problems in the open reports."), 8000)
            return False
        if move.session is not self.session:
            self.list_panel.select(move.session)
            if self.session is not move.session:
                self.set_session(move.session)
        stop = move.stop
        self._last_stop = (move.session, stop.order)
        if stop.cell is not None:
            self.tables.select_cell(*stop.cell, focus=True)
            self._cell_activated(*stop.cell)
            self.findings.select_finding(stop.finding, notify=False)
        else:
            self.findings.select_finding(stop.finding, notify=False)
            self._finding_selected(stop.finding)
            self.findings.setFocus(Qt.FocusReason.OtherFocusReason)
        if move.crossed:
            if move.wrapped:
                text = (
                    self.tr("Back to the first report with problems: %1")
                    if forward
                    else self.tr("Back to the last report with problems: %1")
                )
            else:
                text = (
                    self.tr("Next report with problems: %1")
                    if forward
                    else self.tr("Previous report with problems: %1")
                )
            self.statusBar().showMessage(text.replace("%1", move.session.name), 8000)
        elif move.wrapped:
            text = self.tr("No other report has problems: back to the first problem of this one.")
            self.statusBar().showMessage(text, 8000)
        return True

    def _panes(self) -> list[QWidget]:
        return [self.list_panel.view, self.source, self.tables.current_view(), self.findings]

    def _pane_of(self, widget: QWidget | None) -> int | None:
        areas: list[QWidget] = [self.list_panel, self.source.parentWidget() or self.source, self.tables]
        areas.append(self.findings.parentWidget() or self.findings)
        for i, area in enumerate(areas):
            if widget is not None and (widget is area or area.isAncestorOf(widget)):
                return i
        return None

    def focus_pane(self, index: int, reason: Qt.FocusReason = Qt.FocusReason.ShortcutFocusReason) -> None:
        """Put the keyboard in a pane: 0 list, 1 source, 2 grid, 3 findings."""
        pane = self._panes()[index]
        pane.setFocus(reason)
        if index == 2 and isinstance(pane, GridView) and not pane.currentIndex().isValid():
            first = pane.moveCursor(QAbstractItemView.CursorAction.MoveHome, Qt.KeyboardModifier.ControlModifier)
            if first.isValid():
                pane.setCurrentIndex(first)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        """Tab / Shift+Tab go round the panes: list → source → grid → findings."""
        pane = self._pane_of(QApplication.focusWidget())
        if pane is None:
            return super().focusNextPrevChild(next)
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        self.focus_pane((pane + (1 if next else -1)) % 4, reason)
        return True

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
