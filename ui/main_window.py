"""The main window: report list, source text, table grids and findings, linked together.

The window lays out the panes and connects them; the work is done below it. `OpenReports`
(`ui.open_reports`) holds the open reports, the current one and their undo stacks, and
holds no widget; `ui.batch_loading` opens files (read off the GUI thread), `ui.persistence`
saves, restores and asks before closing, `ui.print_actions` prints. The window shows the
current report in every pane when the controller says it changed.

Selecting a finding or a cell scrolls the source to the words it came from; clicking a
number in the source selects its cell (`ui.linking`). The keyboard runs the review: F8 /
Shift+F8 go from problem to problem, across reports, and Tab / Shift+Tab go round the
panes (`ui.review_keys`). The menus, the toolbar and the window's own shortcuts are
declared in `ui.window_menus`; the status bar's parts live in `ui.status_line`. A suggested
correction is offered above the findings (`ui.suggestions`). The window opens within the
screen (`ui.window_geometry`); the language can be switched while it runs. With no report
open it shows its start page (`ui.start_page`); the guide and the about box are in
`ui.help`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt, QTimer, QTranslator, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QIcon, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from model.workspace import Workspace
from ui import i18n
from ui import settings as opt
from ui import window_geometry as geometry
from ui.batch_loading import BatchLoading
from ui.batch_views import BatchViews
from ui.find_bar import FindBar
from ui.findings_model import FindingsModel
from ui.grids import TablesPanel
from ui.help import HelpWindow, about_box, shortcuts_of
from ui.i18n import normalise_language
from ui.linking import PaneLinks
from ui.open_reports import OpenReports
from ui.panels import FindingsPanel, ReportListPanel
from ui.persistence import Persistence
from ui.print_actions import PrintActions
from ui.resources import resource_path
from ui.review_keys import PaneCycle, ProblemSteps
from ui.scan_view import PageView, SourcePane
from ui.session import ReportSession
from ui.settings import Settings
from ui.source_view import SourceView
from ui.start_page import StartPage
from ui.status_line import StatusLine
from ui.suggestions import SuggestionOffer
from ui.window_menus import Parts, WindowMenus


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
        self._text_timer = QTimer(self)  # see set_session(text_later=True)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(0)
        self._text_timer.timeout.connect(self._show_text)
        self._placed = False
        self.help_window: HelpWindow | None = None
        self.about: QMessageBox | None = None

        self.open_reports = OpenReports(settings, self)
        self.reports = self.open_reports.model
        self.findings_model = FindingsModel(self)
        self.persistence = Persistence(self.open_reports, workspace, self, busy=lambda: self.loading.is_busy())
        self.printing = PrintActions(self.open_reports, self.persistence.saver, self)
        self.loading = BatchLoading(self.open_reports, self.persistence, self)
        self._build_panes()
        self._build_pages()
        self.status = StatusLine()
        self.setStatusBar(self.status)
        self._build_menus()
        self._connect_parts()
        self.retranslate()
        geometry.restore_state(self, settings, self._splitters())
        self.open_reports.undo_group.cleanChanged.connect(self._clean_changed)
        self.persistence.offer_restore()

    # ---- construction --------------------------------------------------------------

    def _build_panes(self) -> None:
        """The list, the source, the grids, the findings with the suggestion above them, and
        the splitters between them; the panes linked to each other."""
        self.list_panel = ReportListPanel(self.reports)
        self.source = SourceView()
        self.find_bar = FindBar(self.source)
        self.page_view = PageView()  # a scanned report's page image, on a tab beside the text
        self.source_pane = SourcePane(self.source, self.page_view, self.find_bar)
        self.source.reportShown.connect(self.source_pane.show_report)
        self.source.spanShown.connect(self.page_view.show_span)
        self.tables = TablesPanel()
        self.findings = FindingsPanel(self.findings_model)
        self.links = PaneLinks(self.open_reports, self.source, self.tables, self.findings, self._text_timer.isActive)
        self.review = ProblemSteps(self.open_reports, self.list_panel, self.tables, self.findings, self.links, self)
        self.panes = PaneCycle(self.list_panel, self.source, self.tables, self.findings)
        self.list_panel.sessionSelected.connect(self.set_session)
        self.source.positionClicked.connect(self.links.source_clicked)
        self.page_view.positionClicked.connect(self.links.source_clicked)
        self.tables.cellActivated.connect(self.links.cell_activated)
        self.tables.entryRejected.connect(lambda text: self.status.showMessage(text, 10000))
        self.tables.nextProblemRequested.connect(lambda: self.review.go_to_problem(True))
        self.findings.findingSelected.connect(self.links.finding_selected)
        self.findings.ruleHelpRequested.connect(self.show_rule_help)
        self.suggestions = SuggestionOffer(self.tables, self)  # after the links: it follows the cell too
        self.suggestions.accepted.connect(lambda cells: self.status.suggestion_accepted(cells))
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(4, 2, 0, 0)
        bottom_layout.setSpacing(2)
        bottom_layout.addWidget(self.suggestions.bar)
        bottom_layout.addWidget(self.findings, 1)

        self.top_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.top_splitter.addWidget(self.source_pane)
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

    def _build_pages(self) -> None:
        """The start page while no report is open, else the panes; the restore offer above."""
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

    def _build_menus(self) -> None:
        parts = Parts(self.persistence, self.printing, self.suggestions)
        m = self.menus = WindowMenus(
            self.menuBar(), self.addToolBar(""), self.open_reports.undo_group, self.settings, self.language, parts, self
        )
        m.open_action.triggered.connect(self.ask_open_files)
        m.open_folder_action.triggered.connect(self.ask_open_folder)
        m.close_action.triggered.connect(self.persistence.close_current)
        m.quit_action.triggered.connect(self.close)
        m.undo_action.triggered.connect(self.open_reports.undo_group.undo)
        m.redo_action.triggered.connect(self.open_reports.undo_group.redo)
        m.revert_action.triggered.connect(lambda: self.tables.current_view().revert_current())
        m.next_action.triggered.connect(lambda: self.review.go_to_problem(True))
        m.prev_action.triggered.connect(lambda: self.review.go_to_problem(False))
        m.find_action.triggered.connect(self.source_pane.show_text)  # a search shows the text
        m.find_action.triggered.connect(self.find_bar.open_bar)
        m.find_next_action.triggered.connect(self.source_pane.show_text)
        m.find_next_action.triggered.connect(lambda: self.find_bar.step(True))
        m.find_prev_action.triggered.connect(self.source_pane.show_text)
        m.find_prev_action.triggered.connect(lambda: self.find_bar.step(False))
        m.guide_action.triggered.connect(self.show_guide)
        m.rule_help_action.triggered.connect(lambda: self.show_rule_help())
        m.samples_action.triggered.connect(self.open_samples)
        m.about_action.triggered.connect(lambda: setattr(self, "about", about_box(self)))
        m.pane_actions[0].triggered.connect(lambda: self.panes.focus_pane(0))
        m.pane_actions[1].triggered.connect(lambda: self.panes.focus_pane(1))
        m.pane_actions[2].triggered.connect(lambda: self.panes.focus_pane(2))
        m.pane_actions[3].triggered.connect(lambda: self.panes.focus_pane(3))
        m.recentChosen.connect(lambda path: self.open_paths([path]))
        m.languageChosen.connect(self._language_chosen)
        self.batch_views = BatchViews(self.open_reports, self.list_panel, self)  # the 分析 menu
        self.batch_views.add_menu(self.menuBar(), m.help_menu.menuAction())
        self.batch_views.message.connect(self.status.showMessage)

    def _connect_parts(self) -> None:
        """What the controller and the window's parts announce, shown in the panes."""
        reports = self.open_reports
        reports.currentChanged.connect(self._show_session)
        reports.currentFindingsChanged.connect(self._findings_changed)
        reports.currentEdited.connect(lambda: self.status.show_counts(self.session))
        reports.removed.connect(self.update_actions)
        self.loading.started.connect(self.list_panel.hold_order)
        self.loading.alreadyOpen.connect(self.list_panel.select)
        self.loading.arrived.connect(self._report_arrived)
        self.loading.progress.connect(self.status.show_progress)
        self.loading.finished.connect(self._batch_loaded)
        self.persistence.restoreRequested.connect(lambda paths: self.open_paths(paths, remember=False))
        self.persistence.bookApart.connect(lambda book: self.loading.open([book], False))
        for part in (self.loading, self.persistence, self.printing, self.review):
            part.message.connect(self.status.showMessage)
        self.persistence.fileWritten.connect(self.status.show_written)
        self.printing.fileWritten.connect(self.status.show_written)
        self.status.cancelRequested.connect(self.loading.cancel)

    # ---- languages -----------------------------------------------------------------

    def _language_chosen(self, language: str) -> None:
        self.settings.language = language
        self.set_language(language)

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
        self.menus.check_language(language)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text of the window in the language now installed."""
        self.menus.retranslate()
        self.batch_views.retranslate()
        self.status.retranslate()
        self.persistence.retranslate()
        self.printing.retranslate()
        self.start_page.retranslate()
        self.suggestions.retranslate()
        self.list_panel.retranslate()
        self.reports.refresh_all()
        self.findings_model.refresh_texts()
        self.tables.retranslate()
        self.find_bar.retranslate()
        self.source_pane.retranslate()
        self._update_title()
        self.status.show_counts(self.session)

    # ---- help ----------------------------------------------------------------------

    def _help(self) -> HelpWindow:
        """The guide's window, made on first use (with the shortcuts the menus have now)."""
        if self.help_window is None:
            self.help_window = HelpWindow(self, shortcuts_of(self.menus.menu_actions()))
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

    # ---- the window on the screen --------------------------------------------------

    def _splitters(self) -> list[geometry.KeptSplitter]:
        return [
            geometry.KeptSplitter(opt.MAIN_SPLITTER, self.main_splitter, geometry.MAIN_SHARES),
            geometry.KeptSplitter(opt.CENTER_SPLITTER, self.top_splitter, geometry.CENTER_SHARES),
            geometry.KeptSplitter(opt.VERTICAL_SPLITTER, self.right_splitter, geometry.VERTICAL_SHARES),
        ]

    def place_on(self, available: QRect) -> None:
        """Open as on a screen whose available area is `available` (no saved geometry)."""
        geometry.place_on(self, available, self._splitters())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._placed:
            self._placed = True
            # The frame (title bar, borders) is known once shown: keep it all on screen.
            QTimer.singleShot(0, lambda: geometry.keep_on_screen(self))

    def closeEvent(self, event: QCloseEvent) -> None:
        unsaved = self.persistence.unsaved()
        if unsaved and not self.persistence.close_confirmed:
            event.ignore()
            self.persistence.ask_before_closing(unsaved, True, self._close_confirmed)
            return
        self.loading.cancel()
        self.loading.wait(3000)
        self.persistence.flush()
        geometry.save_state(self, self.settings, self._splitters())
        super().closeEvent(event)

    def _close_confirmed(self) -> None:
        self.persistence.close_confirmed = True
        self.close()

    # ---- opening -------------------------------------------------------------------

    def ask_open_files(self) -> None:
        dialog = QFileDialog(self, self.tr("Open Reports"), self.settings.get(opt.LAST_FOLDER))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        from parsers.read.filetypes import dialog_patterns  # the file types declared, light to import

        dialog.setNameFilters([self.tr("Reports (%1)").replace("%1", dialog_patterns()), self.tr("All files (*)")])
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
        return self.loading.open_paths(paths, remember)

    def open_samples(self) -> list[str]:
        """Open the bundled sample reports, labelled as samples (查看示例报告)."""
        return self.loading.open_samples()

    def is_busy(self) -> bool:
        return self.loading.is_busy()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths, remember=True)

    def _report_arrived(self, session: ReportSession) -> None:
        """A report is read: shown if it is the current one, or if none is."""
        if session is self.session:
            self.set_session(session, text_later=True)
        elif self.session is None:
            self.list_panel.select(session, notify=False)
            self.set_session(session, text_later=True)

    def _batch_loaded(self, error: str | None, not_opened: int) -> None:
        """The last batch is read and the rules across the batch have run: the list sorted
        again, the notes, the summary (and how many files a cancel left unopened)."""
        self.list_panel.release_order()
        self.update_actions()
        self.persistence.show_notes()
        self.status.batch_loaded(error, not_opened, self.reports.rowCount())
        self.batchFinished.emit()

    def _update_page(self, *_: object) -> None:
        """The start page while no report is open, else the report panes."""
        empty = self.reports.rowCount() == 0
        if empty:
            self.start_page.set_recent(self.settings.recent_files())
        self.pages.setCurrentWidget(self.start_page if empty else self.main_splitter)

    # ---- the current report --------------------------------------------------------

    @property
    def session(self) -> ReportSession | None:
        """The current report."""
        return self.open_reports.session

    def set_session(self, session: ReportSession | None, text_later: bool = False) -> None:
        """Make `session` the current report; `text_later` shows its text on the next turn of
        the event loop, so a report that arrives while a batch is read does not hold the
        window up as long."""
        self.open_reports.set_current(session, text_later)

    def _show_session(self, session: ReportSession | None, text_later: bool) -> None:
        if text_later:
            self._text_timer.start()
        else:
            self._text_timer.stop()
            self.source.show_session(session)
        self.tables.set_session(session)
        self.findings_model.set_session(session)
        self.suggestions.set_session(session)
        self._update_title()
        self.update_actions()
        self.status.show_counts(session)
        if self.find_bar.isVisible():
            self.find_bar.search()

    def _show_text(self) -> None:
        self.source.show_session(self.session)
        if self.find_bar.isVisible():
            self.find_bar.search()

    def _findings_changed(self) -> None:
        self.source.refresh_marks(self.session)
        self.status.show_counts(self.session)
        self.update_actions()

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

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        """Tab / Shift+Tab go round the panes: list → source → grid → findings."""
        return self.panes.tab(QApplication.focusWidget(), next) or super().focusNextPrevChild(next)
