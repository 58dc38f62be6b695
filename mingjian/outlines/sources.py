"""Reading a speech or 方案 from a file: the notice importer's bounded reader (.txt in UTF-8 or
GB18030; .docx checked with lib.office.check_office_archive before python-docx opens it), with
the outline parser's length limit."""

from __future__ import annotations

from mingjian.cases.notice import NoticeSourceError, extract_text
from mingjian.outlines.parser import MAX_OUTLINE_CHARS, ParsedOutline, parse_outline

MAX_UPLOAD = 5 * 1024 * 1024
SourceError = NoticeSourceError


def read_text(data: bytes, filename: str) -> str:
    return extract_text(data, filename, MAX_UPLOAD, max_chars=MAX_OUTLINE_CHARS, what="讲话或方案")


def read_file(data: bytes, filename: str) -> ParsedOutline:
    return parse_outline(read_text(data, filename))
