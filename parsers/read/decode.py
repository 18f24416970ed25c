"""Bytes to text: the encodings officers meet (UTF-8 ± BOM, UTF-16, GB18030/GBK, Big5).

Strict decodings are tried first; when both GB18030 and Big5 decode a file, the one whose
text holds more of the characters every report uses wins. A file that is none of these
is refused with a clear reason rather than shown as mojibake.
"""

from __future__ import annotations

import codecs
import re

from model.errors import ReadError

MAX_TEXT_BYTES = 64 * 1024 * 1024
# A long report runs to some tens of thousands of characters; a million is far beyond any.
MAX_TEXT_CHARS = 1_000_000

# Characters that fill any annual report, in simplified and traditional forms.
_COMMON = set("政府信息公开工作年度报告情况申请的一是在和有本局年月日件条数")
_COMMON |= set("資訊開報告況請總體")


# The share of common report characters below which BOM-less UTF-16 is taken for noise.
_MIN_UTF16_SCORE = 0.02


def _score(text: str) -> float:
    if not text:
        return 0.0
    # Counted character by character in C: GBK and Big5 files score every decoding.
    hits = sum(text.count(ch) for ch in _COMMON)
    return hits / len(text)


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\ufffd]")


def _binary(text: str) -> bool:
    """Control characters that no written report holds, in more than 1% of the text."""
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) > max(4, len(sample) // 100)


def _looks_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from the NUL bytes of ASCII and CJK text."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.2 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.2 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _few_errors(text: str) -> bool:
    """Few enough replacement characters for a damaged file of that encoding."""
    return text.count("\ufffd") <= max(8, len(text) // 1000)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode `data`; returns (text, encoding name). Raises ReadError when it is not text.

    NUL bytes padding the end of a file (a copy cut short, a disk image) are dropped. A
    file of one encoding with a few damaged bytes is decoded in that encoding, the damage
    marked, rather than as another encoding that happens to accept every byte."""
    text, name = _decode(data)
    if not text.strip():
        raise ReadError("文件中只有空白或空字节，没有可读取的内容。")
    return text, name


def _decode(data: bytes) -> tuple[str, str]:
    if not data.strip():
        raise ReadError("文件为空，没有可读取的内容。")
    if len(data) > MAX_TEXT_BYTES:
        raise ReadError(f"文件过大（超过 {MAX_TEXT_BYTES // (1024 * 1024)} MB），不像是一份年度报告。")
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name).rstrip("\x00"), name
            except UnicodeDecodeError:
                text = data.decode(name, errors="replace").rstrip("\x00")
                if _few_errors(text) and not _binary(text):
                    return text, name + "(有损)"
                break
    utf16 = _looks_utf16(data)
    if utf16:
        try:
            return data.decode(utf16).rstrip("\x00"), utf16
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("utf-8").rstrip("\x00")
    except UnicodeDecodeError:
        lossy = data.decode("utf-8", errors="replace").rstrip("\x00")
        if _few_errors(lossy) and not _binary(lossy):
            return lossy, "utf-8(有损)"
    else:
        if _binary(text):
            raise ReadError("文件含有大量二进制数据，不是文本格式的报告。")
        return text, "utf-8"
    candidates: list[tuple[float, str, str]] = []
    names = ["gb18030", "big5"]
    if len(data) % 2 == 0:
        names += ["utf-16-le", "utf-16-be"]  # BOM-less UTF-16 of mostly CJK text has no NULs
    for name in names:
        try:
            text = data.decode(name).rstrip("\x00")
        except UnicodeDecodeError:
            continue
        if name.startswith("utf-16") and _score(text) < _MIN_UTF16_SCORE:
            continue  # nearly any even-length bytes decode as UTF-16: only real text counts
        candidates.append((_score(text), name, text))
    candidates = [c for c in candidates if not _binary(c[2])]
    if candidates:
        candidates.sort(key=lambda c: c[0], reverse=True)
        _, name, text = candidates[0]
        return text, name
    if _binary(data.decode("latin-1")):
        raise ReadError("文件含有大量二进制数据，不是文本格式的报告。")
    # Mixed or damaged bytes: keep what decodes, mark the rest, and tell which encoding.
    utf8 = data.decode("utf-8", errors="replace")
    gb = data.decode("gb18030", errors="replace")
    bad_utf8, bad_gb = utf8.count("\ufffd"), gb.count("\ufffd")
    text, name = (utf8, "utf-8") if bad_utf8 <= bad_gb else (gb, "gb18030")
    if min(bad_utf8, bad_gb) > len(text) // 10:
        raise ReadError("无法识别文件的文字编码（不是 UTF-8、GBK/GB18030 或 Big5），文件可能已损坏。")
    return text, name + "(有损)"
