"""Bounded work on hostile input: archive checks, paragraph counts, text length (own examples)."""

import io
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError

from mingjian.cases.notice import (
    NoticeSourceError,
    NoticeTooLongError,
    extract_text,
    is_notice,
    parse_notices,
)
from mingjian.cases.notice.parser import windows
from mingjian.cases.notice.sources import MAX_NOTICE_CHARS
from mingjian.lib.office import check_office_archive, count_tags

_CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def test_member_over_the_declared_limit_is_refused() -> None:
    data = _zip({"a.xml": b"0" * 5000})
    with pytest.raises(ValidationError, match="解压后过大"):
        check_office_archive(data, max_total_bytes=10_000, max_member_bytes=1000, max_members=10)


def test_total_over_the_limit_is_refused() -> None:
    data = _zip({f"m{i}.xml": b"0" * 900 for i in range(5)})
    with pytest.raises(ValidationError, match="总大小过大"):
        check_office_archive(data, max_total_bytes=4000, max_member_bytes=1000, max_members=10)


def test_too_many_members_and_not_a_zip() -> None:
    with pytest.raises(ValidationError, match="内部文件过多"):
        check_office_archive(
            _zip({f"m{i}": b"" for i in range(4)}), max_total_bytes=9, max_member_bytes=9, max_members=3
        )
    with pytest.raises(ValidationError, match="无法作为压缩包打开"):
        check_office_archive(b"PK\x03\x04 not really", max_total_bytes=9, max_member_bytes=9, max_members=3)


def test_small_archive_passes_and_tags_are_counted_across_chunks() -> None:
    data = _zip({"word/document.xml": b"<w:p/>" * 30_000})
    archive = check_office_archive(data, max_total_bytes=10**6, max_member_bytes=10**6, max_members=5)
    assert count_tags(archive, "word/document.xml", b"<w:p", limit=10**6) == 30_000
    with pytest.raises(ValidationError, match="段落过多"):
        count_tags(archive, "word/document.xml", b"<w:p", limit=29_999)


def test_docx_inflating_to_megabytes_of_empty_paragraphs_is_refused_fast() -> None:
    body = b'<w:document xmlns:w="x"><w:body>' + b"<w:p/>" * 500_000 + b"</w:body></w:document>"
    data = _zip({"[Content_Types].xml": _CONTENT_TYPES, "word/document.xml": body})
    assert len(data) < 20_000 and len(body) > 3_000_000
    start = time.perf_counter()
    with pytest.raises(NoticeSourceError, match="段落过多"):
        extract_text(data, "炸弹.docx")
    assert time.perf_counter() - start < 2.0  # generous: refused before python-docx builds a tree


def test_docx_declaring_a_huge_member_is_refused() -> None:
    data = _zip({"[Content_Types].xml": _CONTENT_TYPES, "word/document.xml": b" " * (11 * 1024 * 1024)})
    with pytest.raises(NoticeSourceError, match="解压后过大"):
        extract_text(data, "大.docx")


def test_over_long_text_is_refused_with_a_chinese_message() -> None:
    text = "甲县民政局原局长李某某违规收受礼金问题。李某某受到党内警告处分。" * (MAX_NOTICE_CHARS // 30)
    assert len(text) > MAX_NOTICE_CHARS
    with pytest.raises(NoticeTooLongError, match="通报文本过长"):
        parse_notices(text)
    with pytest.raises(NoticeSourceError, match="上限"):
        extract_text(text.encode(), "长.txt")
    assert not is_notice(text)


def test_windows_cut_at_sentence_ends_and_cover_the_text() -> None:
    text = "".join(f"第{i}句话写了一些内容。" for i in range(2000))
    pieces = windows(text, size=500)
    assert "".join(pieces) == text
    assert all(len(p) <= 500 for p in pieces)
    assert all(p.endswith("。") for p in pieces)


def test_names_found_in_every_window_of_a_long_case() -> None:
    filler = "经查，该局存在管理漏洞，制度执行不严。" * 400
    text = f"甲县水利局局长王某某违规收受礼金问题。{filler}乙县林业局副局长赵某某违规吃喝问题。王某某、赵某某分别受到党内警告处分。"
    notice = parse_notices(text)[0]
    assert {p.name for p in notice.persons} == {"王某某", "赵某某"}
