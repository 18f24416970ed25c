"""帮助: the guide inside the program, a rule's explanation one click from a finding, and the
about box.

The guide is `resources/help/guide_zh_CN.html` (Chinese, as officers read it), filled in
here from the program's own declarations: each rule's section (name, severity,
explanation, example) from its declaration in `model.rule_catalog`, each mark's name and
colour from `model.excel.marks` and `ui.theme`, the shortcuts from the window's menu
actions, the version. A rule's section is the anchor `rule-<id>`, so a finding opens its
rule's explanation (`HelpWindow.show_rule`).

The about box names the version, Qt's and Python's, and the licences of the libraries the
program ships (`resources/third_party.json`).
"""

from __future__ import annotations

import html
import json
import platform
import re
from collections.abc import Sequence

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from model import __version__
from model.excel.marks import MARK_NAMES
from model.rule_catalog import RULE_NAMES, RULES
from ui import theme
from ui.resources import resource_path

GUIDE = ("help", "guide_zh_CN.html")
LICENCES = ("third_party.json",)
_PLACEHOLDER = re.compile(r"\{\{(\w+)(?::(\w+))?\}\}")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
STYLE = """
<style>
h1 { font-size: 17pt; }
h2 { font-size: 13pt; margin-top: 18px; }
h3 { font-size: 11pt; margin-top: 12px; margin-bottom: 2px; }
p.example { color: #555; margin-left: 12px; }
</style>
"""

Shortcut = tuple[str, str]  # what the action does, its keys


def rule_anchor(rule: str) -> str:
    return f"rule-{rule}"


def shortcuts_of(actions: Sequence[QAction]) -> list[Shortcut]:
    """The menu actions that have keys, as the guide lists them (text, keys)."""
    out = []
    for action in actions:
        keys = " / ".join(k.toString(k.SequenceFormat.NativeText) for k in action.shortcuts())
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()
        if keys and text:
            out.append((text, keys))
    return out


def _shortcuts_table(shortcuts: Sequence[Shortcut]) -> str:
    rows = "".join(
        f"<tr><td width='40%'>{html.escape(keys)}</td><td>{html.escape(text)}</td></tr>" for text, keys in shortcuts
    )
    return f"<table border='1' cellspacing='0' cellpadding='3' width='100%'>{rows}</table>"


def rule_sections() -> str:
    """A section of the guide for every rule, in the order they are declared."""
    return "\n".join(
        f'<h3><a name="{rule_anchor(r.id)}"></a>{{{{rule:{r.id}}}}}（{r.severity_words}）</h3>\n'
        f"<p>{r.explanation}</p>\n"
        f'<p class="example">{r.example}</p>\n'
        for r in RULES.values()
    )


def guide_html(shortcuts: Sequence[Shortcut] = ()) -> str:
    """The guide, filled in; raises KeyError for a placeholder it does not know."""
    text = _COMMENT.sub("", resource_path(*GUIDE).read_text(encoding="utf-8"))
    text = text.replace("{{rules}}\n", rule_sections(), 1)

    def fill(m: re.Match[str]) -> str:
        kind, key = m.group(1), m.group(2)
        if kind == "rule" and key in RULE_NAMES:
            return html.escape(RULE_NAMES[key])
        if kind == "mark" and key in MARK_NAMES:
            return html.escape(MARK_NAMES[key])
        if kind == "colour" and key in theme.MARK_BG:
            return theme.MARK_BG[key].name()
        if kind == "shortcuts" and key is None:
            return _shortcuts_table(shortcuts)
        if kind == "version" and key is None:
            return html.escape(__version__)
        raise KeyError(m.group(0))

    return STYLE + _PLACEHOLDER.sub(fill, text)


class HelpWindow(QDialog):
    """The guide in a window of its own, beside the main window (not modal)."""

    def __init__(self, parent: QWidget, shortcuts: Sequence[Shortcut]) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("HelpWindow")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(guide_html(shortcuts))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.shown_anchor = ""
        self.resize(760, 680)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Report Auditor Guide"))

    def show_anchor(self, anchor: str = "") -> None:
        """Show the guide at `anchor` (its top when empty), in front."""
        self.shown_anchor = anchor
        self.show()
        self.raise_()
        self.activateWindow()
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)

    def show_rule(self, rule: str) -> None:
        """Show the explanation of `rule` (the guide's top for a rule it does not explain)."""
        self.show_anchor(rule_anchor(rule) if rule in RULE_NAMES else "")


def licences() -> list[dict[str, str]]:
    """The libraries the program ships, with their licences."""
    data = json.loads(resource_path(*LICENCES).read_text(encoding="utf-8"))
    return list(data["libraries"])


def about_box(parent: QWidget) -> QMessageBox:
    """The about box, shown without blocking the program."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("About", "About Report Auditor"))
    box.setTextFormat(Qt.TextFormat.RichText)
    version = QCoreApplication.translate("About", "Version %1").replace("%1", __version__)
    box.setText(f"<b>年报审核助手 Report Auditor</b><br/>{html.escape(version)}")
    rows = "".join(
        f"<tr><td>{html.escape(lib['name'])}</td><td>&nbsp;&nbsp;{html.escape(lib['license'])}</td></tr>"
        for lib in licences()
    )
    runtime = QCoreApplication.translate("About", "Python %1, Qt %2, PySide6 %3")
    runtime = runtime.replace("%1", platform.python_version()).replace("%2", qVersion()).replace("%3", pyside_version)
    what = QCoreApplication.translate("About", "Audits annual reports on government information disclosure, offline.")
    shipped = QCoreApplication.translate("About", "Libraries shipped with the program and their licences:")
    box.setInformativeText(
        f"<p>{html.escape(what)}</p><p>{html.escape(runtime)}</p><p>{html.escape(shipped)}</p>"
        f"<table cellspacing='0' cellpadding='1'>{rows}</table>"
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.setModal(False)
    box.show()
    return box
