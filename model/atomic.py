"""Files written the way careful tools write them: a temporary file beside the target, then
an atomic replace.

- Only a regular file is written: a folder, a pipe (FIFO) or a device named as the target
  is refused with a sentence, never replaced by a file.
- A symbolic link is written through: its target gets the new content, the link stays.
- The new file has the permissions any new file gets here (the umask's), or those of the
  file it replaces; never the 0600 of a private temporary file.
- The temporary file is removed whatever happens (an exception, an interrupt). One left by
  a run that was killed (`kill -9`, a power cut) is removed by the next write to the same
  target once its process is gone, so they never accumulate.
- On Windows a target that another program holds open (a workbook open in Excel or WPS)
  cannot be replaced: the officer is told so, and the file and the data are as they were.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

from model.errors import AuditError, os_reason
from model.filenames import extended_path

LOCKED = "文件正被其他程序打开，请关闭后重试"
_STALE_SECONDS = 24 * 3600  # a leftover this old is removed even where liveness is unknown


class WriteError(AuditError):
    """The target could not be written (locked by another program, no permission …)."""


def target_of(path: str | os.PathLike[str]) -> Path:
    """The file that writing `path` changes: a symbolic link's final target.

    Raises WriteError for what is not a regular file (a folder, a pipe, a device) or
    cannot be reached (a link that loops)."""
    given = Path(path)
    real = Path(os.path.realpath(given))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return real  # a new file (or a dangling link: its target is made)
    except OSError as exc:
        raise WriteError(f"无法写入 {given.name}：{os_reason(exc)}。") from exc
    if stat.S_ISDIR(st.st_mode):
        raise WriteError(f"无法写入 {given.name}：这是一个文件夹，请指定文件名。")
    if not stat.S_ISREG(st.st_mode):
        raise WriteError(f"无法写入 {given.name}：这不是普通文件（可能是管道或设备），只能写入普通文件。")
    return real


def check_target(path: str | os.PathLike[str]) -> None:
    """Raise WriteError now for a target that could never be written (before long work)."""
    real = target_of(path)
    folder = real.parent
    if not folder.is_dir():
        reason = "所在文件夹不存在" if not folder.exists() else "路径中有一部分是文件而不是文件夹"
        raise WriteError(f"无法写入 {Path(path).name}：{reason}。")


def _tmp_prefix(name: str) -> str:
    """The start of the temporary files' names for target `name` (short for a long name)."""
    if len(name.encode("utf-8")) > 100:
        name = name[:20] + "~" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f".{name}."


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return True  # unknown: only the age tells there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by another user
    return True


def remove_leftovers(folder: Path, name: str) -> None:
    """Remove temporary files of earlier writes to `name` whose process is gone."""
    prefix = _tmp_prefix(name)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        pid_text = entry.name[len(prefix) :].split(".")[0]
        try:
            stale = not _alive(int(pid_text)) or now - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS
        except (ValueError, OSError):
            continue
        if stale:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _create_tmp(folder: Path, name: str) -> str:
    """A new empty file beside the target, made with the umask's permissions."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    while True:
        tmp = str(folder / f"{_tmp_prefix(name)}{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(extended_path(tmp), flags, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp


def write_atomic(path: str | os.PathLike[str], write: Callable[[str], None]) -> None:
    """Call `write(tmp_path)` and move the result over `path` only when it succeeded.

    Raises WriteError with a sentence when the target cannot be written; any other error
    of `write` propagates, the temporary file removed and the target untouched."""
    shown = Path(path).name
    target = target_of(path)
    folder = target.parent
    tmp = ""
    try:
        remove_leftovers(folder, target.name)
        try:
            tmp = _create_tmp(folder, target.name)
        except OSError as exc:
            raise WriteError(f"无法写入 {shown}：{_folder_reason(exc)}。") from exc
        try:
            write(extended_path(tmp))
            with contextlib.suppress(FileNotFoundError):
                os.chmod(extended_path(tmp), stat.S_IMODE(os.stat(extended_path(str(target))).st_mode))
        except OSError as exc:
            raise WriteError(f"无法写入 {shown}：{os_reason(exc)}。") from exc
        try:
            os.replace(extended_path(tmp), extended_path(str(target)))
        except PermissionError as exc:
            raise WriteError(f"无法写入 {shown}：{_replace_reason(target)}。") from exc
        except OSError as exc:
            raise WriteError(f"无法写入 {shown}：{os_reason(exc)}。") from exc
        tmp = ""
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(extended_path(tmp))


def _folder_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有在该文件夹中写入文件的权限"
    if isinstance(exc, FileNotFoundError):
        return "所在文件夹不存在"
    return os_reason(exc)


def _replace_reason(target: Path) -> str:
    """Why a replace was refused: a read-only file, or (as Windows says) one held open."""
    try:
        read_only = not os.stat(target).st_mode & stat.S_IWUSR
    except OSError:
        read_only = False
    return "文件是只读的" if read_only else LOCKED


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())

    write_atomic(path, write)
