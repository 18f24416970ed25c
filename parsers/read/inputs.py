"""Which files a list of paths means: files as named, folders walked for report files."""

from __future__ import annotations

import os
from collections.abc import Iterable

from parsers.read.filetypes import FOLDER_SUFFIXES

REPORT_SUFFIXES = frozenset(s for s in FOLDER_SUFFIXES if s)


def expand_paths(paths: Iterable[str]) -> list[str]:
    """Files named, plus the report files of folders named (recursive, sorted, no hidden
    files), each once, as absolute paths. Pictures are opened when named, not when found
    in a folder: a saved web page keeps its pictures beside it."""
    out: list[str] = []
    for raw in paths:
        if os.path.isdir(raw):
            for root, dirs, files in os.walk(raw):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                # A file's name holds no separator: the folder's absolute path, made once,
                # and the name give the file's (a folder may hold thousands).
                base = os.path.abspath(root)
                for name in sorted(files):
                    if not name.startswith(".") and os.path.splitext(name)[1].lower() in REPORT_SUFFIXES:
                        out.append(os.path.join(base, name))
        else:
            out.append(os.path.abspath(raw))
    seen: set[str] = set()
    unique = []
    for p in out:
        if p not in seen:
            seen.add(p)
            unique.append(p)
    return unique
