"""The PDF renderer's own logic, without LibreOffice: reading an outcome, correcting a plan,
and failing with a clear message when LibreOffice is missing, fails or hangs."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import override_settings

from mingjian.documents.layout import Colophon, Plan
from mingjian.documents.pdf import Line, PdfError, convert, is_right, outcome, pdf_available, replan
from mingjian.documents.tests.examples import document

DOC = document(1)
DATED = "2026年11月22日"


def page(*texts: str, number: int | None = None) -> list[Line]:
    lines = [Line(100.0 + 29 * i, text) for i, text in enumerate(texts)]
    return lines + ([Line(770.0, f"— {number} —")] if number else [])


BODY = page("正文最后一行。", "中共测试市纪律检查委员会测试市监察委员会", DATED, number=1)
COLOPHON = page("抄送：测试县人民政府，测试县财政局。", "中共测试市纪律检查委员会办公室2026年11月22日印发")


def test_a_right_ending_needs_no_new_plan() -> None:
    pages = [BODY, [*COLOPHON, Line(770.0, "— 2 —")]]
    result = outcome(pages, DOC)
    assert (result.signature_page, result.colophon_page, result.pages) == (1, 2, 2)
    assert is_right(result) and replan(pages, DOC, Plan(colophon=Colophon.NEXT_PAGE)) is None


def test_colophon_on_an_odd_page_moves_to_the_next() -> None:
    pages = [[*BODY[:-1], *COLOPHON, Line(770.0, "— 1 —")]]  # 版记 under the text of page 1
    assert not is_right(outcome(pages, DOC))
    assert replan(pages, DOC, Plan()) == Plan(colophon=Colophon.NEXT_PAGE)


def test_colophon_that_did_not_fit_on_an_even_page_goes_after_a_blank() -> None:
    even_body = page("正文", "正文最后一行。", "中共测试市纪律检查委员会测试市监察委员会", DATED, number=2)
    pages = [page("正文", number=1), even_body, [*COLOPHON, Line(770.0, "— 3 —")]]
    assert replan(pages, DOC, Plan(colophon=Colophon.SAME_PAGE)) == Plan(colophon=Colophon.AFTER_BLANK)


def test_a_signature_alone_brings_the_last_paragraph_along() -> None:
    alone = page("中共测试市纪律检查委员会测试市监察委员会", DATED, number=2)
    pages = [page("正文", number=1), [*alone, *COLOPHON]]
    assert not outcome(pages, DOC).text_above_signature
    assert replan(pages, DOC, Plan(colophon=Colophon.SAME_PAGE)) == Plan(keep_last=True)


def test_blank_page_and_colophon_page_carry_no_number() -> None:
    even_body = page("正文", "正文最后一行。", "中共测试市纪律检查委员会测试市监察委员会", DATED, number=2)
    pages = [page("正文", number=1), even_body, [], COLOPHON]
    assert is_right(outcome(pages, DOC))
    assert not is_right(outcome([page("正文", number=1), even_body, page(number=3), COLOPHON], DOC))


def _fake_soffice(tmp_path: Path, script: str) -> str:
    path = tmp_path / "soffice"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return str(path)


def test_missing_libreoffice_is_reported_not_crashed(tmp_path: Path) -> None:
    with override_settings(MINGJIAN_SOFFICE=str(tmp_path / "nowhere")):
        assert not pdf_available()
        with pytest.raises(PdfError, match="未安装 LibreOffice"):
            convert(b"docx")


def test_a_failing_conversion_says_so(tmp_path: Path) -> None:
    soffice = _fake_soffice(tmp_path, "echo broken >&2; exit 3\n")
    with override_settings(MINGJIAN_SOFFICE=soffice), pytest.raises(PdfError, match="退出码 3"):
        convert(b"docx")


def test_a_hung_conversion_is_ended(tmp_path: Path) -> None:
    soffice = _fake_soffice(tmp_path, "sleep 30\n")
    with override_settings(MINGJIAN_SOFFICE=soffice), pytest.raises(PdfError, match="超时"):
        convert(b"docx", timeout=0.5)


def test_a_conversion_without_output_says_so(tmp_path: Path) -> None:
    soffice = _fake_soffice(tmp_path, "exit 0\n")
    with override_settings(MINGJIAN_SOFFICE=soffice), pytest.raises(PdfError, match="未能生成"):
        convert(b"docx")
