"""Read notice text from uploaded bytes (.txt in UTF-8/GB18030, .docx via python-docx)."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

import docx

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_TEXT_EXTENSIONS = frozenset({".txt", ".text"})
_DOCX_EXTENSIONS = frozenset({".docx"})


class NoticeSourceError(ValueError):
    """The uploaded file cannot be read as a notice (message in Chinese, for the user)."""


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise NoticeSourceError("无法识别文本文件的编码，请另存为 UTF-8 编码后重新上传。")


def _check_docx(data: bytes) -> None:
    if not data.startswith(_ZIP_MAGIC):
        raise NoticeSourceError("该文件不是有效的 Word（.docx）文档，请确认文件格式后重新上传。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise NoticeSourceError("该 Word 文档已损坏，无法读取。") from exc
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise NoticeSourceError("该文件不是有效的 Word（.docx）文档，请确认文件格式后重新上传。")


def _docx_text(data: bytes) -> str:
    _check_docx(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise NoticeSourceError("该 Word 文档无法读取，可能已损坏或受密码保护。") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def extract_text(data: bytes, filename: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of an uploaded notice file.

    Raises :class:`NoticeSourceError` for an unsupported extension, a file over ``max_bytes``,
    a non-Word file named .docx, or undecodable text.
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix not in _TEXT_EXTENSIONS | _DOCX_EXTENSIONS:
        raise NoticeSourceError(f"不支持的文件类型“{suffix or '无扩展名'}”，请上传 .txt 或 .docx 文件。")
    if len(data) > max_bytes:
        limit_mb = max_bytes / (1024 * 1024)
        raise NoticeSourceError(f"文件过大（超过 {limit_mb:g} MB），请删减后重新上传。")
    if not data.strip():
        raise NoticeSourceError("文件内容为空。")
    if suffix in _DOCX_EXTENSIONS:
        return _docx_text(data)
    return _decode(data)
