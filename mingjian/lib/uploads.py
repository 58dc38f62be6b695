"""Checking uploaded files by their content, not their name, before anything is stored."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# extension → (label, magic-byte check)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip_member(data: bytes, prefix: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in data


CHECKS: dict[str, tuple[str, Callable[[bytes], bool]]] = {
    "pdf": ("PDF 文档", lambda d: d.startswith(b"%PDF-")),
    "docx": ("Word 文档", lambda d: _zip_member(d, "word/")),
    "xlsx": ("Excel 表格", lambda d: _zip_member(d, "xl/")),
    "doc": ("Word 97-2003 文档", lambda d: d.startswith(_OLE)),
    "xls": ("Excel 97-2003 表格", lambda d: d.startswith(_OLE)),
    "jpg": ("JPEG 图片", lambda d: d.startswith(b"\xff\xd8\xff")),
    "jpeg": ("JPEG 图片", lambda d: d.startswith(b"\xff\xd8\xff")),
    "png": ("PNG 图片", lambda d: d.startswith(b"\x89PNG\r\n\x1a\n")),
    "txt": ("文本文件", _is_text),
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    data: bytes
    kind: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def check_upload(name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> CheckedFile:
    """The file if its content matches an allowed type; a ValidationError naming the problem otherwise."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in CHECKS:
        allowed = "、".join(sorted({f".{e}" for e in CHECKS}))
        raise ValidationError(f"文件“{name}”的类型不受支持，允许：{allowed}。")
    if not data:
        raise ValidationError(f"文件“{name}”是空文件。")
    if len(data) > max_bytes:
        raise ValidationError(
            f"文件“{name}”大小 {len(data) / 1048576:.1f} MB，超过上限 {max_bytes // 1048576} MB。"
        )
    label, matches = CHECKS[ext]
    if not matches(data):
        raise ValidationError(f"文件“{name}”的内容不是有效的{label}，可能是改了扩展名的其他文件。")
    return CheckedFile(name=name, data=data, kind=ext, sha256=hashlib.sha256(data).hexdigest())
