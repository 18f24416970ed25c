"""Typed access to the program's settings over `QSettings`.

Every key lives here once, with its type and default; the rest of the UI reads and writes
attributes of `Settings`. A version key lets later releases migrate old values. Tests pass
their own organisation name (and point `QSettings` at a temporary folder).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

SETTINGS_VERSION = 1
ORGANIZATION = "ReportAuditor"
APPLICATION = "ReportAuditor"
MAX_RECENT = 10


@dataclass(frozen=True)
class Option(Generic[T]):
    """One setting: its key, the type it is read as, and its default."""

    key: str
    type: type
    default: T


GEOMETRY = Option[QByteArray]("window/geometry", QByteArray, QByteArray())
WINDOW_STATE = Option[QByteArray]("window/state", QByteArray, QByteArray())
MAIN_SPLITTER = Option[QByteArray]("window/mainSplitter", QByteArray, QByteArray())
CENTER_SPLITTER = Option[QByteArray]("window/centerSplitter", QByteArray, QByteArray())
VERTICAL_SPLITTER = Option[QByteArray]("window/verticalSplitter", QByteArray, QByteArray())
RECENT_FILES = Option[list]("files/recent", list, [])
LANGUAGE = Option[str]("ui/language", str, "")
LAST_FOLDER = Option[str]("files/lastFolder", str, "")
# Where audit workbooks are saved: "" until the first save asks, then PLACE_BESIDE (next to
# each source) or PLACE_FOLDER (in SAVE_FOLDER).
SAVE_PLACE = Option[str]("saving/place", str, "")
SAVE_FOLDER = Option[str]("saving/folder", str, "")
PLACE_BESIDE = "beside"
PLACE_FOLDER = "folder"
VERSION = Option[int]("meta/version", int, SETTINGS_VERSION)


class Settings:
    """The program's settings, stored by `QSettings` in INI format in the user scope."""

    def __init__(self, organization: str = ORGANIZATION, application: str = APPLICATION) -> None:
        self._qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, organization, application)
        self._migrate()

    # ---- generic access ------------------------------------------------------------

    def get(self, option: Option[T]) -> T:
        raw = self._qs.value(option.key)
        if raw is None:
            return option.default
        try:
            if option.type is list:
                if isinstance(raw, str):  # QSettings gives a lone string for a 1-item list
                    return [raw]  # type: ignore[return-value]
                return [str(x) for x in raw]  # type: ignore[return-value]
            if option.type is QByteArray:
                return QByteArray(raw)  # type: ignore[return-value]
            return option.type(raw)  # type: ignore[no-any-return]
        except (TypeError, ValueError):
            return option.default

    def set(self, option: Option[Any], value: Any) -> None:
        self._qs.setValue(option.key, value)

    def sync(self) -> None:
        self._qs.sync()

    def file_name(self) -> str:
        return self._qs.fileName()

    def _migrate(self) -> None:
        stored = self._qs.value(VERSION.key)
        if stored is None or int(stored) != SETTINGS_VERSION:
            # Nothing to migrate yet; later versions convert old keys here.
            self._qs.setValue(VERSION.key, SETTINGS_VERSION)

    # ---- typed helpers -------------------------------------------------------------

    @property
    def language(self) -> str:
        return self.get(LANGUAGE)

    @language.setter
    def language(self, value: str) -> None:
        self.set(LANGUAGE, value)

    def save_place(self) -> str:
        """PLACE_BESIDE, PLACE_FOLDER, or "" when the officer has not been asked yet."""
        place = self.get(SAVE_PLACE)
        return place if place in (PLACE_BESIDE, PLACE_FOLDER) else ""

    def set_save_place(self, place: str, folder: str = "") -> None:
        self.set(SAVE_PLACE, place)
        self.set(SAVE_FOLDER, folder if place == PLACE_FOLDER else "")
        self.sync()

    def book_folder(self) -> str | None:
        """The folder audit workbooks go to, or None when they go beside their sources."""
        folder = self.get(SAVE_FOLDER)
        return folder if self.save_place() == PLACE_FOLDER and folder else None

    def recent_files(self) -> list[str]:
        """Recent files that still exist, newest first."""
        kept = [p for p in self.get(RECENT_FILES) if p and os.path.exists(p)]
        return kept[:MAX_RECENT]

    def add_recent(self, paths: list[str]) -> list[str]:
        recent = self.recent_files()
        for path in reversed(paths):
            path = os.path.abspath(path)
            if path in recent:
                recent.remove(path)
            recent.insert(0, path)
        recent = recent[:MAX_RECENT]
        self.set(RECENT_FILES, recent)
        return recent

    def clear_recent(self) -> None:
        self.set(RECENT_FILES, [])
