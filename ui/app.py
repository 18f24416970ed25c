"""Starting the window: `run(argv)` builds the application, shows the window at once and
then opens the files named in the background; with none, the window shows its start page
(open files, open a folder, recent files, the sample reports on request).

    main.py [FILES_OR_FOLDERS...] [--lang zh_CN|en]
            [--screenshot OUT.png [--screen-size WxH] [--table table2|table3|table4]]

With REPORT_AUDITOR_STARTUP_PROBE set in the environment, the program prints
`shown <epoch seconds>` once the window has been shown and painted, then quits (exit
code 0) without opening anything: the benchmark times the start-up with it.

`--screenshot` opens the files (the samples when none are named), waits for the parsing to finish, selects the report with
the most findings and its first finding (and the grid of `--table`), saves a picture of
the whole screen with the window on it and exits. `--screen-size WxH` makes the screen
that size (physical pixels; `QT_SCALE_FACTOR` divides it as Windows scaling does): a
virtual screen on the offscreen platform, elsewhere the window is placed as it would be
on such a screen. The window is placed as on any start, without a saved geometry.

The workspace file in the user's data folder is opened here and handed to the window.
When it holds corrections from last time, the window offers to restore them; files named
on the command line are opened all the same.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRect, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication

from ui import i18n
from ui.crash import CrashHandler, setup_logging
from ui.settings import APPLICATION, ORGANIZATION, Settings

if TYPE_CHECKING:
    from model.workspace import Workspace
    from ui.main_window import MainWindow

SCREENSHOT_TIMEOUT_MS = 120_000
STARTUP_PROBE = "REPORT_AUDITOR_STARTUP_PROBE"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", add_help=True)
    parser.add_argument("paths", nargs="*", help="report files or folders")
    parser.add_argument("--lang", help="interface language: zh_CN (default) or en")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a picture of the window and exit")
    parser.add_argument("--screen-size", metavar="WxH", type=screen_size, help="with --screenshot: the screen's size")
    parser.add_argument("--table", choices=("table2", "table3", "table4"), help="with --screenshot: the grid shown")
    args, _unknown = parser.parse_known_args(list(argv))
    return args


def screen_size(text: str) -> tuple[int, int]:
    """`1366x768` as (1366, 768)."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (expected WIDTHxHEIGHT)") from None
    if width < 320 or height < 240:
        raise argparse.ArgumentTypeError(f"too small: {text!r}")
    return width, height


def virtual_screen(size: tuple[int, int], folder: str) -> bool:
    """On the offscreen platform, give the application a screen of `size` (before it is
    made); False on another platform."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not platform.startswith("offscreen"):
        return False
    config = Path(folder) / "offscreen-screen.json"
    screen = {"name": "screen", "x": 0, "y": 0, "width": size[0], "height": size[1], "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    return True


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "report-auditor"])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(QCoreApplication.translate("MainWindow", "Report Auditor"))
    return app


def take_screenshot(window: MainWindow, out: str, table: str | None = None) -> bool:
    """Select the worst report's first finding (and `table`'s grid) and save the screen,
    with the window where it is on it, to `out`."""
    window.review.select_first_problem()
    if table:
        window.tables.tabs.setCurrentWidget(window.tables.views[table])
    QApplication.processEvents()
    return screen_picture(window).save(out)


def screen_picture(window: MainWindow) -> QPixmap:
    """The window drawn where it is on its screen (the rest of the screen grey), in the
    screen's physical pixels: what the officer would see."""
    screen = window.screen()
    area = screen.geometry()
    ratio = screen.devicePixelRatio()
    picture = QPixmap(area.size() * ratio)
    picture.setDevicePixelRatio(ratio)
    picture.fill(QColor("#5d6d7e"))
    painter = QPainter(picture)
    painter.drawPixmap(window.geometry().topLeft() - area.topLeft(), window.grab())
    painter.end()
    return picture


def report_shown(app: QApplication, window: MainWindow) -> None:
    """The start-up probe: paint the window now, say when on stdout, and quit."""
    window.repaint()  # the first paint, done before the time is taken
    app.processEvents()
    print(f"shown {time.time()}", flush=True)
    app.exit(0)


def open_workspace(screenshot: bool) -> tuple[Workspace | None, str]:
    """The user's workspace (a throwaway one in memory for a screenshot), or None and why not."""
    from model.workspace import Workspace, WorkspaceError
    from ui.workspace_link import workspace_path

    try:
        return Workspace(":memory:" if screenshot else workspace_path()), ""
    except WorkspaceError as exc:
        logging.getLogger(__name__).error("%s", exc)
        return None, str(exc)


def run(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    scratch = tempfile.TemporaryDirectory(prefix="report-auditor-")
    virtual = bool(args.screenshot and args.screen_size) and virtual_screen(args.screen_size, scratch.name)
    app = application()
    settings = Settings()
    language = i18n.normalise_language(args.lang or settings.language or None)
    translators = i18n.install(app, language)
    app.setApplicationDisplayName(QCoreApplication.translate("MainWindow", "Report Auditor"))
    log_path = setup_logging()

    from ui.main_window import MainWindow

    workspace, problem = open_workspace(args.screenshot is not None)
    window = MainWindow(settings, language, workspace=workspace, translators=translators)
    crash = CrashHandler(log_path, window)
    crash.install()
    if args.screenshot:
        area = window.screen().availableGeometry()
        if args.screen_size and not virtual:  # a real screen: place as on one of that size
            ratio = window.screen().devicePixelRatio()
            area = QRect(0, 0, int(args.screen_size[0] / ratio), int(args.screen_size[1] / ratio))
        window.place_on(area)
    window.show()
    if problem:
        from ui.notices import show_message

        text = QCoreApplication.translate("App", "%1\nCorrections cannot be kept between sessions: save often.")
        show_message(window, QCoreApplication.translate("App", "Workspace not available"), text.replace("%1", problem))

    if os.environ.get(STARTUP_PROBE):
        QTimer.singleShot(0, lambda: report_shown(app, window))
    else:
        schedule_opening(app, window, args)
    code = app.exec()
    if workspace is not None:
        workspace.close()
    scratch.cleanup()
    return code


def schedule_opening(app: QApplication, window: MainWindow, args: argparse.Namespace) -> None:
    """Open the files named once the event loop runs (none: the start page stays); for
    `--screenshot`, the samples when none are named, and the picture once they are read."""
    paths = list(args.paths)
    samples = args.screenshot is not None and not paths

    if args.screenshot:
        out = args.screenshot

        def finish() -> None:
            app.exit(0 if take_screenshot(window, out, args.table) else 1)

        def timeout() -> None:
            take_screenshot(window, out, args.table)
            app.exit(1)

        window.batchFinished.connect(finish)
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, timeout)

    def start() -> None:
        if samples:
            window.open_samples()
        else:
            window.open_paths(paths, remember=True)
        if args.screenshot and not window.is_busy():
            QTimer.singleShot(0, window.batchFinished.emit)  # nothing to wait for

    QTimer.singleShot(0, start)
