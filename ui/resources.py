"""Locating the program's bundled resources, in a source checkout and in a PyInstaller build.

Everything under `resources/` (samples, translations, icons) is found through `resource_path`,
the one place that knows about the frozen case (`sys._MEIPASS`).
"""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder that holds `resources/`: the unpacked bundle when frozen, else the checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. `resource_path("samples")`."""
    return app_root().joinpath("resources", *parts)


def sample_files() -> list[str]:
    """The bundled sample reports, sorted by name."""
    folder = resource_path("samples")
    if not folder.is_dir():
        return []
    return [str(p) for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")]
