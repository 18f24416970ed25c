"""Fixtures for the GUI tests: settings and the workspace in a temporary folder, a main window,
loaded reports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, QtMsgType

from model.workspace import Workspace
from ui.main_window import MainWindow
from ui.session import ReportSession
from ui.settings import PLACE_BESIDE, Settings
from ui.workspace_link import workspace_path

ROOT = Path(__file__).resolve().parents[2]
FLAGGED = ROOT / "resources" / "samples" / "004_e5c4bfe1850351fa.txt"

# Messages the offscreen platform prints that say nothing about our code.
_HARMLESS = ("propagateSizeHints", "does not support raise()", "QFont::setPointSizeF", "Populating font family aliases")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own settings folder and Qt's test-mode standard paths.

    The home folder points into the test's temporary folder too, so the user's data folder
    (`AppDataLocation`, where the workspace lives) is a fresh one under it.
    """
    folder = tmp_path / "settings"
    folder.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    QStandardPaths.setTestModeEnabled(True)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def fail_on_qt_warnings(qtlog: object) -> Iterator[None]:
    """Qt warnings fail the test (apart from the offscreen platform's own noise)."""
    yield
    bad = [
        r.message
        for r in qtlog.records  # type: ignore[attr-defined]
        if r.type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        and not any(h in r.message for h in _HARMLESS)
    ]
    assert not bad, f"Qt warnings: {bad}"


@pytest.fixture
def settings() -> Settings:
    """The program's settings, with the first save's question answered: workbooks go beside
    their sources (`fresh_settings` has it unanswered)."""
    s = Settings("ReportAuditorTests", "ui-tests")
    s.set_save_place(PLACE_BESIDE)
    return s


@pytest.fixture
def fresh_settings() -> Settings:
    """Settings as on the first start: nothing chosen yet."""
    return Settings("ReportAuditorTests", "first-start")


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """The workspace in the (temporary) user data folder."""
    path = workspace_path()
    assert path.is_relative_to(tmp_path)
    ws = Workspace(path)
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, settings: Settings, workspace: Workspace) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(settings, workspace=workspace)
    qtbot.addWidget(win)
    win.resize(1400, 850)
    win.show()
    qtbot.waitExposed(win)
    return win


OpenFiles = Callable[[list[str | Path]], list[ReportSession]]


@pytest.fixture
def open_files(qtbot, window: MainWindow) -> OpenFiles:  # type: ignore[no-untyped-def]
    """Open paths in the window and wait until the background batch is done."""

    def open_(paths: list[str | Path]) -> list[ReportSession]:
        with qtbot.waitSignal(window.batchFinished, timeout=15000):
            files = window.open_paths([str(p) for p in paths], remember=False)
        sessions = [window.reports.find(f) for f in files]
        assert all(sessions)
        return sessions  # type: ignore[return-value]

    return open_


@pytest.fixture
def flagged(window: MainWindow, open_files: OpenFiles) -> ReportSession:
    """The window with the flagged sample open and selected."""
    (session,) = open_files([FLAGGED])
    window.list_panel.select(session)
    assert window.session is session
    return session
