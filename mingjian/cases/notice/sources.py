"""Read notice text from uploaded bytes (.txt in UTF-8/GB18030, .docx via python-docx)."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

import docx
from django.core.exceptions import ValidationError

from mingjian.lib.office import check_office_archive, count_tags

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_NOTICE_CHARS = 60_000  # longest text accepted; a long 典型问题 list is ~30,000 characters
# A long 通报 has a few hundred paragraphs; Word files inflate ~10× at most in normal use.
MAX_PARAGRAPHS = 5_000
MAX_DOCX_XML_BYTES = 10 * 1024 * 1024
MAX_DOCX_TOTAL_BYTES = 40 * 1024 * 1024
MAX_DOCX_MEMBERS = 500
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
    """Refuse a non-Word file and one whose XML would inflate or hold too many paragraphs."""
    if not data.startswith(_ZIP_MAGIC):
        raise NoticeSourceError("该文件不是有效的 Word（.docx）文档，请确认文件格式后重新上传。")
    try:
        with check_office_archive(
            data,
            max_total_bytes=MAX_DOCX_TOTAL_BYTES,
            max_member_bytes=MAX_DOCX_XML_BYTES,
            max_members=MAX_DOCX_MEMBERS,
        ) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise NoticeSourceError("该文件不是有效的 Word（.docx）文档，请确认文件格式后重新上传。")
            count_tags(archive, "word/document.xml", b"<w:p", limit=MAX_PARAGRAPHS)
    except ValidationError as exc:
        raise NoticeSourceError(" ".join(exc.messages)) from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise NoticeSourceError("该 Word 文档已损坏，无法读取。") from exc


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


def extract_text(
    data: bytes,
    filename: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    max_chars: int = MAX_NOTICE_CHARS,
    what: str = "通报",
) -> str:
    """The text of an uploaded notice file (or, with `what` and `max_chars`, of another kind of
    document read the same bounded way: outlines reads speeches with it).

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
    text = _docx_text(data) if suffix in _DOCX_EXTENSIONS else _decode(data)
    if len(text) > max_chars:
        raise NoticeSourceError(
            f"{what}文本过长（{len(text):,} 字，上限 {max_chars:,} 字）。请只上传{what}正文，篇幅很长的汇编请分篇导入。"
        )
    return text
