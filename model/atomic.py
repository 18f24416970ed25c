"""Atomic file writes: a temporary file beside the target, then an atomic replace."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from model.errors import AuditError


class WriteError(AuditError):
    """The target could not be written (locked by another program, no permission …)."""


def write_atomic(path: str | os.PathLike[str], write: Callable[[str], None]) -> None:
    """Call `write(tmp_path)` and move the result over `path` only when it succeeded."""
    target = Path(path)
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
        os.close(fd)
        write(tmp)
        os.replace(tmp, target)
    except PermissionError as exc:
        raise WriteError(f"无法写入 {target.name}：文件可能正被其他程序（如 Excel、WPS）打开，请关闭后重试。") from exc
    except OSError as exc:
        raise WriteError(f"无法写入 {target.name}：{exc.strerror or exc}。") from exc
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())

    write_atomic(path, write)
