"""Safe opening of Office Open XML packages (.docx, .xlsx): zip and XML limits.

Before anything is parsed, the package is checked: a real zip, not an encrypted Office
file (those are OLE compound files), a bounded number of members and a bounded total
uncompressed size (zip bombs), and no DTD in any XML part (entity bombs; OOXML never
uses one). XML is parsed with entities unresolved, network off and the huge-tree
safeguards on.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from model.errors import ReadError
from parsers.decode import MAX_TEXT_BYTES

MAX_UNZIPPED_BYTES = 4 * MAX_TEXT_BYTES
MAX_MEMBERS = 20_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def is_encrypted_ole(data: bytes) -> bool:
    """An OLE compound file holding an encrypted OOXML package (a password-protected file)."""
    return data.startswith(OLE_MAGIC) and _ENCRYPTED_STREAM in data


def open_package(data: bytes, kind: str) -> zipfile.ZipFile:
    """The package as a ZipFile, after the size and DTD checks; `kind` names it in messages."""
    if is_encrypted_ole(data):
        raise ReadError(f"该{kind}文件设有打开密码（已加密），请取消密码后再打开。")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError(f"该文件不是有效的{kind}文件，可能已损坏或扩展名有误。")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"该{kind}文件已损坏，无法读取。") from exc
    if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        raise ReadError(f"该{kind}文件解压后过大，疑似压缩炸弹，已拒绝读取。")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            try:
                with zf.open(info) as fh:
                    head = fh.read(4096)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError) as exc:
                raise ReadError(f"该{kind}文件已损坏（压缩数据出错），无法读取。") from exc
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ReadError(f"该{kind}文件含有不允许的 XML 声明，已拒绝读取。")
    return zf


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
