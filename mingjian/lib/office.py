"""Bounded reading of Office Open XML archives (.docx, .xlsx) before any parser sees them.

A few kilobytes of zip can declare gigabytes of XML. The check reads only the central
directory (each member's declared uncompressed size) and, on request, counts elements of one
member with a bounded streaming read, so a hostile file is refused in milliseconds.
"""

from __future__ import annotations

import io
import zipfile

from django.core.exceptions import ValidationError

DEFAULT_MAX_TOTAL_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_MEMBER_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_MEMBERS = 2_000
_CHUNK = 64 * 1024


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


def check_office_archive(
    data: bytes,
    *,
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
    max_member_bytes: int = DEFAULT_MAX_MEMBER_BYTES,
    max_members: int = DEFAULT_MAX_MEMBERS,
) -> zipfile.ZipFile:
    """The opened archive, after checking its declared sizes; :class:`ValidationError` (Chinese) if not.

    Refuses a file that is not a zip, has more than ``max_members`` entries, a member that
    inflates past ``max_member_bytes`` or members that together inflate past ``max_total_bytes``.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ValidationError("文件已损坏或不是有效的 Office 文档（无法作为压缩包打开）。") from exc
    infos = archive.infolist()
    if len(infos) > max_members:
        raise ValidationError(f"文档内部文件过多（{len(infos)} 个，上限 {max_members} 个），拒绝读取。")
    total = 0
    for info in infos:
        if info.file_size > max_member_bytes:
            raise ValidationError(
                f"文档内部文件“{info.filename}”解压后过大（{_mb(info.file_size)}，上限 {_mb(max_member_bytes)}），拒绝读取。"
            )
        total += info.file_size
    if total > max_total_bytes:
        raise ValidationError(
            f"文档解压后总大小过大（{_mb(total)}，上限 {_mb(max_total_bytes)}），拒绝读取。"
        )
    return archive


def count_tags(archive: zipfile.ZipFile, member: str, tag: bytes, *, limit: int) -> int:
    """Occurrences of ``tag`` in ``member`` (streamed); :class:`ValidationError` past ``limit``.

    The read stops at the declared size, which :func:`check_office_archive` has bounded.
    """
    count = 0
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            block = tail + chunk
            count += block.count(tag) - tail.count(tag)
            tail = block[-(len(tag) - 1) :] if len(tag) > 1 else b""
            if count > limit:
                raise ValidationError(f"文档段落过多（超过 {limit:,} 段），请删减后重新上传。")
    return count
