"""Finding LibreOffice, which converts old Word (.doc) and WPS (.wps) files.

On Linux and macOS it is on PATH (or in the application bundle); a Windows install never
puts it there: it lives under Program Files and is named in the registry's App Paths.
Every place is looked at, each through a parameter a test can fake. The profile folder
LibreOffice is given must be a `file:` URL: `file:///C:/...` on Windows, which
`Path.as_uri()` writes right on every platform.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePath

_NAMES = ("soffice", "libreoffice", "soffice.exe", "soffice.com")
_APP_PATHS = r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\soffice.exe"
_MAC_BUNDLE = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")


def install_folders(environ: Mapping[str, str]) -> list[Path]:
    """Where Windows installs of LibreOffice put `soffice.exe`, most likely first."""
    roots = []
    for var in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        value = environ.get(var)
        if value and value not in roots:
            roots.append(value)
    for default in ("C:\\Program Files", "C:\\Program Files (x86)"):
        if default not in roots:
            roots.append(default)
    folders = []
    for root in roots:
        base = Path(root)
        folders.append(base / "LibreOffice" / "program")
        # Older and portable installs carry the version in the folder's name.
        try:
            versions = sorted((p for p in base.glob("LibreOffice*") if p.is_dir()), reverse=True)
        except OSError:
            versions = []
        folders.extend(p / "program" for p in versions if p.name != "LibreOffice")
    return folders


def registry_paths() -> list[str]:
    """`soffice.exe` as the registry's App Paths name it (Windows only; else nothing)."""
    if sys.platform != "win32":
        return []
    import winreg

    found = []
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(hive, _APP_PATHS) as key:
                value, _ = winreg.QueryValueEx(key, "")
        except OSError:
            continue
        if isinstance(value, str) and value.strip():
            found.append(value.strip().strip('"'))
    return found


def find_soffice(
    which: Callable[[str], str | None] = shutil.which,
    environ: Mapping[str, str] | None = None,
    registry: Callable[[], Iterable[str]] = registry_paths,
    windows: bool | None = None,
) -> str | None:
    """LibreOffice's `soffice` program: on PATH, in the registry's App Paths, in the
    standard install folders; None when it is not installed."""
    for name in _NAMES:
        found = which(name)
        if found:
            return found
    windows = sys.platform == "win32" if windows is None else windows
    if windows:
        for path in registry():
            if os.path.isfile(path):
                return path
        for folder in install_folders(os.environ if environ is None else environ):
            exe = folder / "soffice.exe"
            if exe.is_file():
                return str(exe)
    elif _MAC_BUNDLE.is_file():
        return str(_MAC_BUNDLE)
    return None


def profile_url(folder: PurePath) -> str:
    """The `-env:UserInstallation` value for a profile in `folder` (an absolute path)."""
    return (folder / "profile").as_uri()
