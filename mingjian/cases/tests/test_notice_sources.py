"""Reading .txt and .docx uploads."""

import io

import docx
import pytest

from mingjian.cases.notice import NoticeSourceError, extract_text

SAMPLE = "甲县某局局长孙某违规吃喝问题。孙某受到党内警告处分。"


def _docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_utf8_utf8_bom_and_gb18030() -> None:
    assert extract_text(SAMPLE.encode("utf-8"), "a.txt") == SAMPLE
    assert extract_text(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "a.txt") == SAMPLE
    assert extract_text(SAMPLE.encode("gb18030"), "a.TXT") == SAMPLE


def test_docx_paragraphs() -> None:
    assert extract_text(_docx_bytes(SAMPLE), "notice.docx").strip() == SAMPLE


def test_fake_docx_is_rejected() -> None:
    with pytest.raises(NoticeSourceError, match="Word"):
        extract_text(b"%PDF-1.7 not a word file", "notice.docx")


def test_zip_without_word_parts_is_rejected() -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(NoticeSourceError):
        extract_text(buffer.getvalue(), "notice.docx")


def test_size_limit_and_extension() -> None:
    with pytest.raises(NoticeSourceError, match="文件过大"):
        extract_text(b"x" * 2048, "a.txt", max_bytes=1024)
    with pytest.raises(NoticeSourceError, match="不支持"):
        extract_text(SAMPLE.encode(), "a.pdf")
    with pytest.raises(NoticeSourceError):
        extract_text(b"  ", "a.txt")


def test_error_is_a_value_error() -> None:
    assert issubclass(NoticeSourceError, ValueError)
