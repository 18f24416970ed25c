"""Output file names every platform accepts, Windows first: one pure function and its rules.

Officers run the program on Windows, where a name may not hold `<>:"/\\|?*` or control
characters, may not be a reserved device name (CON, PRN, AUX, NUL, COM1–COM9, LPT1–LPT9,
also before a further dot: `con.审核.xlsx`), loses trailing dots and spaces, and a path
beyond 260 characters fails unless written in the extended form. A name is at most 255
bytes on Linux (a Chinese character takes three) and 255 characters on Windows. A name
that has to be shortened keeps its beginning and gets a short hash of the whole, so two
long names stay apart and the same source always gives the same name.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys

RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{dev}{n}" for dev in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]]
)
MAX_NAME_BYTES = 240  # under 255, leaving room for what a tool adds
MAX_PATH = 259  # Windows' MAX_PATH (260) less the terminating nul
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_HASH = 8


def _fits(name: str, limit_chars: int) -> bool:
    return len(name) <= limit_chars and len(name.encode("utf-8")) <= MAX_NAME_BYTES


def safe_name(stem: str, suffix: str = "", folder: str | None = None) -> str:
    """`stem` + `suffix` as a file name any platform accepts, inside `folder` if given.

    Forbidden characters become `_`; trailing dots and spaces go; a reserved device name
    gets a leading `_`; a name too long for the file system, or for a Windows path of at
    most 260 characters in `folder`, is cut and marked with a hash of the original."""
    clean = _FORBIDDEN.sub("_", stem).strip().rstrip(". ")
    if not clean:
        clean = "报告"
    if clean.split(".")[0].rstrip(" ").upper() in RESERVED:
        clean = "_" + clean
    limit = 255
    if folder is not None:
        limit = min(limit, MAX_PATH - len(os.path.abspath(folder)) - 1)
    name = clean + suffix
    if _fits(name, limit):
        return name
    tag = "~" + hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH]
    keep = len(clean)
    while keep > 1 and not _fits(clean[:keep].rstrip(". ") + tag + suffix, limit):
        keep -= 1
    return clean[:keep].rstrip(". ") + tag + suffix


def extended_path(path: str, platform: str = sys.platform) -> str:
    """On Windows, an absolute path beyond MAX_PATH in the `\\\\?\\` form that lifts the limit."""
    if platform != "win32" or len(path) <= MAX_PATH or path.startswith("\\\\?\\"):
        return path
    path = os.path.abspath(path) if platform == sys.platform else path
    if path.startswith("\\\\"):
        return "\\\\?\\UNC\\" + path[2:]
    return "\\\\?\\" + path
