"""Where the main window opens: always within the screen's available area.

A saved geometry is used only when the window it describes still fits the screen it opens
on (a laptop after a large monitor, a change of scaling); otherwise the window takes a
sensible share of the available area — all of it on a small screen, most of it, centred,
on a large one. Sizes are Qt's device-independent pixels, so 150 % scaling on a
1920×1080 screen is a 1280×720 screen here. The splitters' defaults are shares too,
favouring the grids.

`restore_state` and `save_state` keep the window's geometry, its toolbar and its
splitters in the settings from one start to the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QMargins, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from ui import settings as opt
from ui.settings import Settings

# Below this the window takes the whole available area; above, SHARE of it.
SMALL_SCREEN = QSize(1600, 1000)
SHARE = 0.86
MAX_SIZE = QSize(2200, 1350)

# Default splitter shares: report list | (source | grids), and (source + grids) / findings.
MAIN_SHARES = (23, 77)
CENTER_SHARES = (34, 66)
VERTICAL_SHARES = (74, 26)


def available_area(widget: QWidget) -> QRect:
    """The available area (without task bars) of the screen the widget is on, or the primary one."""
    screen: QScreen | None = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def default_frame(available: QRect) -> QRect:
    """The frame of a window with no usable saved geometry on `available`."""
    if available.width() <= SMALL_SCREEN.width() or available.height() <= SMALL_SCREEN.height():
        return QRect(available)
    size = QSize(
        min(int(available.width() * SHARE), MAX_SIZE.width()),
        min(int(available.height() * SHARE), MAX_SIZE.height()),
    )
    frame = QRect(available.topLeft(), size)
    frame.moveCenter(available.center())
    return frame


def frame_margins(window: QWidget) -> QMargins:
    """The window frame's margins (title bar, borders) as far as they are known yet."""
    frame, inner = window.frameGeometry(), window.geometry()
    return QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )


def place(window: QWidget, frame: QRect) -> None:
    """Move and size `window` so that its frame is `frame` (as far as its margins are known)."""
    margins = frame_margins(window)
    inner = frame.marginsRemoved(margins)
    window.resize(inner.size())
    window.move(frame.topLeft())  # move() places the frame


def fits(window: QWidget, available: QRect) -> bool:
    return available.contains(window.frameGeometry())


def restore_or_place(window: QWidget, saved: QByteArray, available: QRect | None = None) -> bool:
    """Restore `saved` if the window then fits `available`; else place it by default.
    Returns whether the saved geometry was used."""
    area = available or available_area(window)
    if not saved.isEmpty() and window.restoreGeometry(saved) and fits(window, area):
        return True
    place(window, default_frame(area))
    return False


def keep_on_screen(window: QWidget, available: QRect | None = None) -> None:
    """Once shown (the frame is known), pull a window that reaches off the screen back in."""
    area = available or available_area(window)
    if not fits(window, area):
        place(window, default_frame(area))


def shares(total: int, parts: tuple[int, ...]) -> list[int]:
    """`total` pixels split in the proportions of `parts`."""
    whole = sum(parts)
    return [total * p // whole for p in parts]


@dataclass(frozen=True)
class KeptSplitter:
    """One of the window's splitters: the setting that keeps its sizes, its default shares."""

    option: opt.Option[QByteArray]
    splitter: QSplitter
    shares: tuple[int, ...]


def default_sizes(window: QWidget, kept: KeptSplitter) -> None:
    """The splitter's default shares of the window's width (or height, for a vertical one)."""
    horizontal = kept.splitter.orientation() == Qt.Orientation.Horizontal
    kept.splitter.setSizes(shares(window.width() if horizontal else window.height(), kept.shares))


def restore_state(window: QMainWindow, settings: Settings, splitters: Sequence[KeptSplitter]) -> None:
    """The saved window and splitters, when they fit the screen; else defaults that do."""
    restore_or_place(window, settings.get(opt.GEOMETRY))
    state = settings.get(opt.WINDOW_STATE)
    if not state.isEmpty():
        window.restoreState(state)
    for kept in splitters:
        saved = settings.get(kept.option)
        if saved.isEmpty() or not kept.splitter.restoreState(saved):
            default_sizes(window, kept)


def place_on(window: QWidget, available: QRect, splitters: Sequence[KeptSplitter]) -> None:
    """Open as on a screen whose available area is `available` (no saved geometry)."""
    place(window, default_frame(available))
    for kept in splitters:
        default_sizes(window, kept)


def save_state(window: QMainWindow, settings: Settings, splitters: Sequence[KeptSplitter]) -> None:
    settings.set(opt.GEOMETRY, window.saveGeometry())
    settings.set(opt.WINDOW_STATE, window.saveState())
    for kept in splitters:
        settings.set(kept.option, kept.splitter.saveState())
    settings.sync()
