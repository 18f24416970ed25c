"""The exceptions the audit raises, each with a message an officer can act on.

The UI decides in one place how each kind is shown; `main.py check` prints the message
into the report's `error` field.
"""

from __future__ import annotations


class AuditError(Exception):
    """Base of every error the parsers and the model raise on purpose."""


class ReadError(AuditError):
    """The file could not be read as a report (empty, binary, corrupt, too large …)."""


class UnsupportedFile(ReadError):
    """The file type is not one the program reads."""


class ScannedPdf(ReadError):
    """A PDF whose pages are images without a text layer: the PDF reader's refusal, on
    which the reader of files turns to OCR (`parsers.read.scan_reader`)."""


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in words an officer reads (never the system's English)."""
    import errno

    reasons = {
        errno.ENOENT: "文件夹不存在",
        errno.EACCES: "没有权限",
        errno.EPERM: "没有权限",
        errno.EROFS: "所在磁盘或文件夹是只读的",
        errno.ENOSPC: "磁盘空间不足",
        errno.ENAMETOOLONG: "文件名或路径过长",
        errno.ENOTDIR: "路径中有一部分是文件而不是文件夹",
        errno.EISDIR: "这是一个文件夹",
        errno.ELOOP: "路径中的符号链接形成了循环",
        errno.EEXIST: "同名的文件已存在",
        errno.EBUSY: "文件正被其他程序使用",
    }
    edquot = getattr(errno, "EDQUOT", None)
    if edquot is not None:
        reasons[edquot] = "磁盘配额已用完"
    return reasons.get(exc.errno or 0, "系统拒绝了该操作")
