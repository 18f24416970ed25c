"""Readers: a file on disk to a `Document`, the form every file type is brought to.

A document is the shown (normalised) text with its offset map back to the text the file
was read into. Text files are decoded as they are; web pages, Word, PDF and Excel files
are rendered to text by their own modules, each table as `|`-separated lines (see
`parsers.read.grid`), so that one recognizer serves every file type. The grids of those
tables are kept on the document with spans into the shown text.

The reader is chosen by what the bytes are when they say so clearly (`parsers.read.sniff`: a
Word file named .txt, a web page named .pdf), else by the extension. A file larger than
`MAX_TEXT_BYTES`, or whose text runs past `MAX_TEXT_CHARS`, is refused before the
recognizer spends time on it; so is anything that is not a regular file (a pipe would
block the read forever).
"""

from __future__ import annotations

import bisect
import hashlib
import importlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.errors import ReadError, ScannedPdf, UnsupportedFile
from parsers.read import sniff
from parsers.read.decode import MAX_TEXT_BYTES, MAX_TEXT_CHARS, decode_bytes
from parsers.read.filetypes import BY_KIND, DOCX, IMAGE, OLD_WORD, PDF, TEXT, XLS, XLSX, kind_of_magic, kind_of_suffix
from parsers.read.grid import GridRows, RenderOptions
from parsers.read.normalize import NormText, OffsetMap, normalize

# The readers are declared with their file types (`parsers.read.filetypes`).


@dataclass(frozen=True)
class OcrResult:
    """What OCR adds to a document: where its untrusted digits stand in the shown text,
    each page as OCR saw it (`parsers.read.scan_reader.ScanPage`), and where each digit of
    the shown text stands on its page (offset -> page, box in pixels)."""

    uncertain: tuple[int, ...]
    pages: tuple[Any, ...]
    places: dict[int, tuple[int, float, float, float, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """A file brought to text: shown text, offset map, hash, the encoding used, its tables.

    `grids` holds each table found as rows of (text, start, end), spans in the shown text;
    text files have none. A scan read by OCR has `ocr`.
    """

    path: str
    norm: NormText
    sha256: str
    encoding: str
    grids: list[GridRows] = field(default_factory=list, compare=False)
    ocr: OcrResult | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        return self.norm.text


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    # One `stat` tells what the path is and how large; `open` rather than `Path.open`,
    # which takes twice as long as the read of a report.
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise ReadError("这是一个文件夹，不是文件。")
        if not stat.S_ISREG(st.st_mode):
            raise ReadError("这不是一个普通文件（可能是设备或管道），无法读取。")
        size = st.st_size
        if size > MAX_TEXT_BYTES:
            raise ReadError(_too_large(size))
        with open(path, "rb") as fh:
            # As much as was measured, and one byte more: a read of the largest size allowed
            # would first set aside that much memory (64 MB) for a file of a few kilobytes.
            data = fh.read(size + 1)
            if len(data) > size:  # it has grown since it was measured
                data += fh.read(MAX_TEXT_BYTES + 1 - len(data))
        if len(data) > MAX_TEXT_BYTES:
            raise ReadError(_too_large(len(data)))
        return data
    except FileNotFoundError as exc:
        raise ReadError("文件不存在或已被移走。") from exc
    except IsADirectoryError as exc:
        raise ReadError("这是一个文件夹，不是文件。") from exc
    except PermissionError as exc:
        raise ReadError("没有读取该文件的权限，或文件正被其他程序占用。") from exc
    except OSError as exc:
        raise ReadError(f"无法读取文件：{exc.strerror or exc}。") from exc


def _too_large(size: int) -> str:
    return f"文件过大（{size // (1024 * 1024)} MB，上限 {MAX_TEXT_BYTES // (1024 * 1024)} MB），不像是一份年度报告。"


def _check_length(text: str) -> None:
    """Refuse text far longer than any report before the recognizer spends time on it."""
    if len(text) > MAX_TEXT_CHARS:
        raise ReadError(
            f"文件中的文字过多（约 {len(text) // 10000} 万字，上限 {MAX_TEXT_CHARS // 10000} 万字），不像是一份年度报告。"
        )


def _to_shown(offsets: OffsetMap, pos: int) -> int:
    """The inverse of `OffsetMap.to_original`: a rendered-text position in the shown text."""
    i = bisect.bisect_right(offsets.orig_starts, pos) - 1
    if i < 0:
        return pos
    shown = offsets.shown_starts[i] + (pos - offsets.orig_starts[i])
    if i + 1 < len(offsets.shown_starts):
        shown = min(shown, offsets.shown_starts[i + 1])
    return shown


def make_document(path: str, data: bytes, text: str, encoding: str, grids: list[GridRows] | None = None) -> Document:
    """Normalise rendered text into a Document, moving grid spans into the shown text."""
    norm = normalize(text)
    if norm.text == text:
        # Nothing changed: the grids already hold the shown text and its positions.
        return Document(path, norm, hashlib.sha256(data).hexdigest(), encoding, grids or [])
    if len(norm.offsets.shown_starts) == 1 and len(norm.text) == len(text):
        # Nothing was removed: positions are the same in both texts (only characters changed).
        shown_grids = [[[(norm.text[s:e], s, e) for _, s, e in row] for row in grid] for grid in grids or []]
        return Document(path, norm, hashlib.sha256(data).hexdigest(), encoding, shown_grids)
    shown_grids = []
    for grid in grids or []:
        rows: GridRows = []
        for row in grid:
            cells = []
            for _, start, end in row:
                s, e = _to_shown(norm.offsets, start), _to_shown(norm.offsets, end)
                cells.append((norm.text[s:e], s, e))
            rows.append(cells)
        shown_grids.append(rows)
    return Document(path, norm, hashlib.sha256(data).hexdigest(), encoding, shown_grids)


def _kind_of(suffix: str, data: bytes) -> str:
    """The reader for the file: its content when that is clear, else its extension."""
    kind = kind_of_suffix(suffix)
    found = sniff.sniff(data) or kind_of_magic(data)
    if found == sniff.OLE:
        # Old Office files and encrypted OOXML packages share this container.
        return kind if kind in (DOCX, OLD_WORD, XLSX, XLS) else OLD_WORD
    if found is not None:
        return found
    if BY_KIND[kind].binary and not data.startswith(b"PK"):
        # A text report saved under a binary format's extension is read as the report it is.
        try:
            text, _ = decode_bytes(data)
        except ReadError:
            return kind
        if sniff.looks_like_report(text):
            return TEXT
    return kind


def _render(kind: str, suffix: str, data: bytes, options: RenderOptions) -> tuple[str, str, list[GridRows]]:
    """Rendered text, encoding (or file kind) and grids of a non-text file, by its declared reader."""
    declared = BY_KIND[kind]
    if declared.reader is None:
        raise UnsupportedFile(f"暂不支持读取 {suffix} 文件，请另存为 .xlsx、.docx 或 .txt 后再打开。")
    module, name = declared.reader.rsplit(".", 1)
    read = getattr(importlib.import_module(module), name)
    if declared.with_suffix:
        result: tuple[str, str, list[GridRows]] = read(
            data, suffix if suffix in declared.suffixes else declared.suffixes[0], options
        )
    else:
        result = read(data, options)
    return result


def read_document(
    path: str | os.PathLike[str],
    options: RenderOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Document:
    """Read any supported file into a Document; raises ReadError with a reason.

    A scan (a picture, or a PDF without a text layer) is read by OCR, `progress(page,
    pages)` told before each page and `cancelled()` asked between pages."""
    suffix = Path(path).suffix.lower()
    data = read_bytes(path)
    if not data.strip():
        raise ReadError("文件为空，没有可读取的内容。")
    kind = _kind_of(suffix, data)
    if kind == TEXT:
        digest = hashlib.sha256(data).hexdigest()
        text, encoding = decode_bytes(data)
        _check_length(text)
        return Document(str(path), normalize(text), digest, encoding)
    if kind == IMAGE:
        return _read_scan(str(path), data, False, options or RenderOptions(), progress, cancelled)
    try:
        text, encoding, grids = _render(kind, suffix, data, options or RenderOptions())
    except ScannedPdf:
        return _read_scan(str(path), data, kind == PDF, options or RenderOptions(), progress, cancelled)
    except ReadError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise ReadError("文件结构过于庞大或嵌套过深，无法读取。") from exc
    except Exception as exc:  # noqa: BLE001 - a damaged file must give a reason, not a traceback
        raise ReadError(f"文件已损坏或格式不正确，无法读取（{type(exc).__name__}）。") from exc
    if not text.strip():
        raise ReadError("文件中没有可读取的文字。")
    _check_length(text)
    return make_document(str(path), data, text, encoding, grids)


def _read_scan(
    path: str,
    data: bytes,
    is_pdf: bool,
    options: RenderOptions,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> Document:
    """A scan read by OCR (`parsers.read.scan_reader`), its untrusted digits placed in the
    shown text."""
    from parsers.read.scan_reader import read_scan

    try:
        scan = read_scan(data, options, is_pdf, progress, cancelled)
    except ReadError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise ReadError("扫描件过大，无法识别。") from exc
    except Exception as exc:  # noqa: BLE001 - a damaged file must give a reason, not a traceback
        raise ReadError(f"扫描件无法识别（{type(exc).__name__}）。") from exc
    _check_length(scan.text)
    doc = make_document(path, data, scan.text, "ocr", scan.grids)
    uncertain = tuple(sorted({_to_shown(doc.norm.offsets, pos) for pos in scan.uncertain}))
    places = {_to_shown(doc.norm.offsets, pos): place for pos, place in scan.places.items()}
    ocr = OcrResult(uncertain, tuple(scan.pages), places)
    return Document(doc.path, doc.norm, doc.sha256, doc.encoding, doc.grids, ocr)
