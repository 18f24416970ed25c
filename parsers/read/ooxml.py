"""Safe opening of Office Open XML packages (.docx, .xlsx): zip and XML limits.

Before anything is parsed, the package is checked: a real zip, not an encrypted Office
file (those are OLE compound files), a bounded number of members, a bounded total
uncompressed size (zip bombs) and a bounded size of its XML parts (whose parsing costs
time and memory far beyond their bytes), and no DTD anywhere in any XML part (entity
bombs; OOXML never uses one). Sizes are the ones the zip declares: `zipfile` never
inflates a member past its declared size (a lying header ends in a CRC error). XML is
parsed with entities unresolved, network off and the huge-tree safeguards on.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Collection

from lxml import etree

from model.errors import ReadError
from parsers.read.decode import MAX_TEXT_BYTES
from parsers.read.sniff import OLE_MAGIC

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"  # Word's main namespace


def w_tag(tag: str) -> str:
    """A tag of Word's main namespace, as lxml names it."""
    return f"{{{W}}}{tag}"


MAX_UNZIPPED_BYTES = 4 * MAX_TEXT_BYTES
MAX_XML_BYTES = 48 * 1024 * 1024
# Markup (`<`) across the XML parts: each element costs memory and time far beyond its bytes.
MAX_XML_TAGS = 1_000_000
MAX_MEMBERS = 20_000
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_XML_PARTS = (".xml", ".rels", ".vml")
# A DTD or entity declaration in either encoding an XML part may use.
_DTD_MARKS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be"))
_BANG = b"!"
_CHUNK = 1 << 20


def is_encrypted_ole(data: bytes) -> bool:
    """An OLE compound file holding an encrypted OOXML package (a password-protected file)."""
    return data.startswith(OLE_MAGIC) and _ENCRYPTED_STREAM in data


def open_package(data: bytes, kind: str) -> zipfile.ZipFile:
    """The package as a ZipFile, after the size and DTD checks; `kind` names it in messages."""
    zf, _ = open_package_keeping(data, kind, ())
    return zf


def open_package_keeping(data: bytes, kind: str, keep: Collection[str]) -> tuple[zipfile.ZipFile, dict[str, bytes]]:
    """As `open_package`, with the bytes of the XML parts named in `keep` that the package
    holds: the checks inflate every XML part, so these need not be inflated again."""
    if is_encrypted_ole(data):
        raise ReadError(f"该{kind}文件设有打开密码（已加密），请取消密码后再打开。")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(f"该文件不是有效的{kind}文件，可能已损坏或扩展名有误。")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"该{kind}文件已损坏，无法读取。") from exc
    if len(infos) > MAX_MEMBERS:
        raise ReadError(
            f"该{kind}文件中的部件过多（{len(infos)} 个，上限 {MAX_MEMBERS} 个），疑似压缩炸弹，已拒绝读取。"
        )
    if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        raise ReadError(
            f"该{kind}文件解压后过大（上限 {MAX_UNZIPPED_BYTES // (1024 * 1024)} MB），疑似压缩炸弹，已拒绝读取。"
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise ReadError(f"该{kind}文件的压缩包设有密码（已加密），请取消密码后再打开。")
    xml_parts = [i for i in infos if i.filename.lower().endswith(_XML_PARTS)]
    if sum(i.file_size for i in xml_parts) > MAX_XML_BYTES:
        raise ReadError(
            f"该{kind}文件的内容部分解压后过大（上限 {MAX_XML_BYTES // (1024 * 1024)} MB），不像是一份年度报告。"
        )
    # A part holds no more `<` than bytes: parts that are smaller in all than the tag limit
    # need no counting.
    count_tags = sum(i.file_size for i in xml_parts) > MAX_XML_TAGS
    tags = 0
    kept: dict[str, bytes] = {}
    for info in xml_parts:
        part_tags, part = _scan_part(zf, info, kind, count_tags, info.filename in keep)
        tags += part_tags
        if tags > MAX_XML_TAGS:
            raise ReadError(f"该{kind}文件的内容元素过多（超过 {MAX_XML_TAGS // 10000} 万个），不像是一份年度报告。")
        if part is not None:
            kept[info.filename] = part  # a name twice in the zip: the last, as zf.read(name) gives
    return zf, kept


def _scan_part(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str, count_tags: bool, keep: bool
) -> tuple[int, bytes | None]:
    """The part's markup count (0 unless `count_tags`) and, if `keep`, its bytes, after
    checking it holds no DOCTYPE or ENTITY declaration anywhere (one may follow a long
    comment)."""
    overlap = max(len(m) for m in _DTD_MARKS) - 1
    tail = b""
    tags = 0
    chunks: list[bytes] = []
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                window = tail + chunk
                # Every mark holds a `!` byte: one quick search clears most parts.
                if _BANG in window and any(m in window for m in _DTD_MARKS):
                    raise ReadError(f"该{kind}文件含有不允许的 XML 声明，已拒绝读取。")
                if count_tags:
                    tags += chunk.count(b"<")
                if keep:
                    chunks.append(chunk)
                tail = window[-overlap:]
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError, NotImplementedError) as exc:
        raise ReadError(f"该{kind}文件已损坏（压缩数据出错），无法读取。") from exc
    return tags, (b"".join(chunks) if keep else None)


def read_member(zf: zipfile.ZipFile, name: str, kind: str) -> bytes:
    """One member's bytes; a missing or damaged member is a ReadError."""
    try:
        return zf.read(name)
    except KeyError as exc:
        raise ReadError(f"该{kind}文件缺少必要的内容（{name}），可能已损坏。") from exc
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
        raise ReadError(f"该{kind}文件已损坏（压缩数据出错），无法读取。") from exc


def parse_xml(data: bytes, kind: str) -> etree._Element:
    """Parse one XML part safely."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"该{kind}文件内容已损坏（XML 格式错误），无法读取。") from exc


def first_child(el: etree._Element | None, tag: str) -> etree._Element | None:
    """The first child of `el` with this tag, or None (as `el.find(tag)`, for an `el` of a
    few children: the list `el[:]` costs lxml less than setting up its tag matcher)."""
    if el is not None:
        for child in el[:]:
            if child.tag == tag:
                return child
    return None
