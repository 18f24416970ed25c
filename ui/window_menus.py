"""The window's menus and toolbar, and its own actions with their keys.

`WindowMenus` declares the actions that belong to the window itself — open, close, quit,
undo and redo, revert a cell, the next and previous problem, find, the four panes, help,
the languages — each with its shortcuts (active anywhere in the window), lays them out with
the actions of the window's parts (saving, printing, suggestions) in the menu bar and the
toolbar, and gives them their words in the language installed. It does no work itself: the
window connects each action's `triggered`. Undo and Redo follow the undo group: enabled
when there is a step to undo or redo, which the menu names.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar

from ui.persistence import Persistence
from ui.print_actions import PrintActions
from ui.settings import Settings
from ui.suggestions import SuggestionOffer

Keys = QKeySequence | QKeySequence.StandardKey | str

# Language names are shown in their own language, untranslated.
LANGUAGES = (("zh_CN", "简体中文", "Ctrl+Alt+C"), ("en", "English", "Ctrl+Alt+E"))


@dataclass(frozen=True)
class Parts:
    """The window's parts whose actions the menus and the toolbar show too."""

    saving: Persistence
    printing: PrintActions
    suggestions: SuggestionOffer


class WindowMenus(QObject):
    """The window's own actions, its menus and its toolbar."""

    languageChosen = Signal(str)  # the language's code
    recentChosen = Signal(str)  # a recent file's path

    def __init__(
        self,
        bar: QMenuBar,
        toolbar: QToolBar,
        undo_group: QUndoGroup,
        settings: Settings,
        language: str,
        parts: Parts,
        parent: QObject | None = None,
    ) -> None:
        """Fill the window's menu `bar` and `toolbar`; `language` is checked in the 语言 menu."""
        super().__init__(parent)
        self.undo_group = undo_group
        self.settings = settings
        self.open_action = self._action(QKeySequence.StandardKey.Open)
        self.open_folder_action = self._action("Ctrl+Shift+O")
        self.close_action = self._action("Ctrl+W", "Ctrl+F4")
        self.quit_action = self._action("Ctrl+Q")
        self.undo_action = self._action(QKeySequence.StandardKey.Undo)
        # Ctrl+Y as on Windows, Ctrl+Shift+Z as elsewhere: both, whatever the platform.
        self.redo_action = self._action("Ctrl+Y", "Ctrl+Shift+Z")
        undo_group.canUndoChanged.connect(self.undo_action.setEnabled)
        undo_group.canRedoChanged.connect(self.redo_action.setEnabled)
        undo_group.undoTextChanged.connect(lambda _text: self._undo_texts())
        undo_group.redoTextChanged.connect(lambda _text: self._undo_texts())
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.revert_action = self._action("Ctrl+Shift+R")
        self.next_action = self._action(QKeySequence(Qt.Key.Key_F8))
        self.prev_action = self._action(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F8))
        self.find_action = self._action(QKeySequence.StandardKey.Find)
        self.find_next_action = self._action(QKeySequence(Qt.Key.Key_F3))
        self.find_prev_action = self._action(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F3))
        self.guide_action = self._action(QKeySequence(Qt.Key.Key_F1))
        self.rule_help_action = self._action(QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F1))
        self.samples_action = self._action()
        self.about_action = self._action()
        self.pane_actions = [self._action(f"Alt+{n}") for n in range(1, 5)]
        self._menus(bar, language, parts)
        self.toolbar = toolbar
        self._toolbar(toolbar, parts)

    def _action(self, *keys: Keys) -> QAction:
        act = QAction(self)
        act.setShortcuts([k if isinstance(k, QKeySequence) else QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        return act

    # ---- the menus and the toolbar ---------------------------------------------------

    def _menus(self, bar: QMenuBar, language: str, parts: Parts) -> None:
        saving, printing, suggestions = parts.saving, parts.printing, parts.suggestions
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.open_folder_action)
        self.recent_menu = QMenu(bar)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addSeparator()
        for act in saving.actions():
            self.file_menu.addAction(act)
        self.file_menu.addAction(saving.place_action)
        self.file_menu.addSeparator()
        for act in printing.actions():
            self.file_menu.addAction(act)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(suggestions.action)
        for act in suggestions.reading_actions:
            self.edit_menu.addAction(act)
        self.edit_menu.addAction(self.revert_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addAction(self.find_next_action)
        self.edit_menu.addAction(self.find_prev_action)
        self.go_menu = bar.addMenu("")
        self.go_menu.addAction(self.next_action)
        self.go_menu.addAction(self.prev_action)
        self.go_menu.addSeparator()
        for act in self.pane_actions:
            self.go_menu.addAction(act)
        self._language_menu(bar, language)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.rule_help_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.samples_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    def _toolbar(self, toolbar: QToolBar, parts: Parts) -> None:
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        actions: tuple[QAction | None, ...] = (
            self.open_action,
            self.open_folder_action,
            parts.saving.save_action,
            parts.saving.export_action,
            parts.printing.print_action,
            None,
            self.undo_action,
            self.redo_action,
            None,
            self.prev_action,
            self.next_action,
            parts.suggestions.action,
            None,
            self.find_action,
        )
        for item in actions:
            if item is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(item)

    def _language_menu(self, bar: QMenuBar, language: str) -> None:
        menu = self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        for code, name, key in LANGUAGES:
            act = menu.addAction(name)
            act.setCheckable(True)
            act.setChecked(code == language)
            act.setData(code)
            act.setShortcut(QKeySequence(key))
            group.addAction(act)
        group.triggered.connect(lambda act: self.languageChosen.emit(str(act.data())))

    def check_language(self, language: str) -> None:
        for act in self.language_menu.actions():
            act.setChecked(act.data() == language)

    def menu_actions(self) -> list[QAction]:
        """Every action of the menus, as the guide lists their shortcuts."""
        menus = (self.file_menu, self.edit_menu, self.go_menu, self.language_menu, self.help_menu)
        return [a for m in menus for a in m.actions()]

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _checked=False, path=path: self.recentChosen.emit(path))
        if not recent:
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear List"), self.settings.clear_recent)

    # ---- words ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text of the menus and the toolbar in the language now installed."""
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

    def _undo_texts(self) -> None:
        undo, redo = self.undo_group.undoText(), self.undo_group.redoText()
        self.undo_action.setText(self.tr("&Undo") + (f" {undo}" if undo else ""))
        self.redo_action.setText(self.tr("&Redo") + (f" {redo}" if redo else ""))
        # The toolbar keeps its width: the step is named in the menu and the tooltip.
        self.undo_action.setIconText(self.tr("Undo"))
        self.redo_action.setIconText(self.tr("Redo"))
        self.undo_action.setToolTip(self.undo_action.text().replace("&", ""))
        self.redo_action.setToolTip(self.redo_action.text().replace("&", ""))
