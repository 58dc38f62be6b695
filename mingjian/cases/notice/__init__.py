"""Deterministic parser for Chinese disciplinary notices (通报).

Pure Python (``re``; python-docx only for .docx sources); importable without Django settings.
"""

from .model import CONTRACT_KEYS, ParsedNotice, ParsedPerson
from .parser import NoticeTooLongError, check_length, is_notice, parse_case, parse_notice, parse_notices
from .sources import NoticeSourceError, extract_text

__all__ = [
    "CONTRACT_KEYS",
    "NoticeSourceError",
    "NoticeTooLongError",
    "ParsedNotice",
    "ParsedPerson",
    "check_length",
    "extract_text",
    "is_notice",
    "parse_case",
    "parse_notice",
    "parse_notices",
]
