"""帮助: the guide explains every colour and every rule with an example, lists the shortcuts
and how saving and recovery work; a finding's rule is one click away; the about box names
the version and the licences of every library the program ships."""

from __future__ import annotations

import importlib.metadata as metadata
import re
import tomllib

from PySide6.QtCore import Qt

from model import __version__
from model.excel.marks import MARK_NAMES
from model.messages import RULE_NAMES
from tests.conftest import ROOT
from ui import theme
from ui.findings_model import COL_HELP
from ui.help import guide_html, licences, rule_anchor
from ui.main_window import MainWindow
from ui.session import ReportSession

RULE_ID = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")


def _sections(text: str) -> dict[str, str]:
    """Each rule's section of the guide, by rule id."""
    parts = re.split(r'<a name="rule-(\w+)"></a>', text)
    return {parts[i]: parts[i + 1].split("<h2")[0] for i in range(1, len(parts), 2)}


def test_the_guide_explains_every_rule_and_colour_with_an_example() -> None:
    text = guide_html()
    sections = _sections(text)
    assert set(sections) == set(RULE_NAMES)  # every rule, and no rule it does not know
    for rule, section in sections.items():
        assert RULE_NAMES[rule] in section and "例：" in section, rule
    for mark, name in MARK_NAMES.items():
        assert name in text and theme.MARK_BG[mark].name() in text, mark
    for words in ("Ctrl+S", "工作区", "恢复", "保存位置", "含审核工作簿", "Ctrl+P", "PDF"):
        assert words in text
    assert "{{" not in text and __version__ in text


def test_the_guide_window_shows_shortcuts_and_no_rule_ids(qtbot, window: MainWindow) -> None:
    window.menus.guide_action.trigger()  # F1
    help_window = window.help_window
    assert help_window is not None and help_window.isVisible() and not help_window.isModal()
    shown = help_window.browser.toPlainText()
    assert not RULE_ID.search(shown)
    for action in (window.persistence.save_action, window.menus.next_action, window.printing.print_action):
        assert action.shortcut().toString() in shown
    assert "Ctrl+Alt+D" in shown  # where workbooks are saved


def test_a_findings_rule_is_one_click_away(qtbot, window: MainWindow, flagged: ReportSession) -> None:
    view = window.findings
    index = view.model().index(3, COL_HELP)
    assert index.data() == "?"
    finding = window.findings_model.finding(3)
    assert finding is not None and finding.rule == "EMPTY_CELL"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    help_window = window.help_window
    assert help_window is not None and help_window.isVisible()
    assert help_window.shown_anchor == rule_anchor("EMPTY_CELL")
    assert help_window.browser.verticalScrollBar().value() > 0  # scrolled to the rule
    assert window.findings.current_finding() is finding  # the click selected the finding too
    help_window.hide()
    window.findings.setFocus()
    window.menus.rule_help_action.trigger()  # Shift+F1: the current finding's rule
    assert help_window.isVisible() and help_window.shown_anchor == rule_anchor("EMPTY_CELL")


def test_about_box_names_version_and_licences(qtbot, window: MainWindow) -> None:
    window.menus.about_action.trigger()
    box = window.about
    assert box is not None and box.isVisible() and not box.isModal()
    assert __version__ in box.text()
    info = box.informativeText()
    for lib in licences():
        assert lib["name"] in info and lib["license"] in info
    box.close()


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_licence_list_is_what_the_program_ships() -> None:
    """Every runtime dependency of pyproject.toml and all they require, no more, no less."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [re.split(r"[=<>\[; ]", d)[0] for d in project["dependencies"]]
    shipped: set[str] = set()
    while todo:
        name = _key(todo.pop())
        if name in shipped:
            continue
        shipped.add(name)
        for req in metadata.distribution(name).requires or []:
            if "extra ==" not in req:
                todo.append(re.split(r"[=<>\[; (!~]", req)[0])
    listed = {_key(lib.get("dist", lib["name"])) for lib in licences()} - {"python"}
    assert listed == shipped
