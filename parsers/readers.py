"""Readers: a file on disk to a `Document`, the form every file type is brought to.

A document is the shown (normalised) text with its offset map back to the file's own text.
Only text files are read here so far; other types get a clear message.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from model.errors import ReadError, UnsupportedFile
from parsers.decode import MAX_TEXT_BYTES, decode_bytes
from parsers.normalize import NormText, normalize

TEXT_SUFFIXES = {".txt", ".text", ".md", ".csv", ""}
KNOWN_SUFFIXES = TEXT_SUFFIXES | {".html", ".htm", ".docx", ".doc", ".wps", ".pdf", ".xlsx"}


@dataclass(frozen=True)
class Document:
    """A file brought to text: shown text, offset map, hash and the encoding used."""

    path: str
    norm: NormText
    sha256: str
    encoding: str

    @property
    def text(self) -> str:
        return self.norm.text


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise ReadError(f"文件过大（{size // (1024 * 1024)} MB，上限 {MAX_TEXT_BYTES // (1024 * 1024)} MB），不像是一份年度报告。")
        return p.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError("文件不存在或已被移走。") from exc
    except IsADirectoryError as exc:
        raise ReadError("这是一个文件夹，不是文件。") from exc
    except PermissionError as exc:
        raise ReadError("没有读取该文件的权限，或文件正被其他程序占用。") from exc
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror or exc}。") from exc


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read any supported file into a Document; raises ReadError with a reason."""
    suffix = Path(path).suffix.lower()
    data = read_bytes(path)
    digest = hashlib.sha256(data).hexdigest()
    if suffix in TEXT_SUFFIXES or suffix not in KNOWN_SUFFIXES:
        text, encoding = decode_bytes(data)
        return Document(str(path), normalize(text), digest, encoding)
    raise UnsupportedFile(f"暂不支持读取 {suffix} 文件，请另存为 .txt 后再打开。")
