"""The PDF as LibreOffice renders it, measured: layout cannot silently regress.

Documents of different lengths are picked so that every way a document can end is rendered: the
版记 under the text of an even page, alone on the next even page, and after a blank page; and the
last paragraph moving on with the 署名.
"""

from __future__ import annotations

import pytest

from mingjian.documents import OfficialDocument
from mingjian.documents import geometry as g
from mingjian.documents.layout import Colophon, Plan
from mingjian.documents.pdf import render_pdf
from mingjian.documents.tests import checks
from mingjian.documents.tests.examples import TITLE, document
from mingjian.documents.tests.measure import TOP, Page, measure
from mingjian.documents.titles import split_title
from mingjian.documents.word import plan_document

DATED = "2026年11月22日"
SIGNERS = "中共测试市纪律检查委员会测试市监察委员会"
PITCH_MM = g.LINE / g.MM


def _pick(wanted: str) -> OfficialDocument:
    for n in range(60):
        doc = document(n)
        plan = plan_document(doc)
        if _kind(plan) == wanted:
            return doc
    raise AssertionError(f"no length gives {wanted}")


def _kind(plan: Plan) -> str:
    return "keep_last" if plan.keep_last else plan.colophon.value


KINDS = ["same_page", "next_page", "after_blank", "keep_last"]
ALL = [*KINDS, "long"]


@pytest.fixture(scope="module")
def rendered(libreoffice: None) -> dict[str, tuple[OfficialDocument, list[Page]]]:
    long = next(doc for n in range(45, 60) if not plan_document(doc := document(n)).keep_last)
    docs = {kind: _pick(kind) for kind in KINDS} | {"long": long}
    return {kind: (doc, measure(render_pdf(doc))) for kind, doc in docs.items()}


@pytest.mark.parametrize("kind", ALL)
def test_page_numbers_odd_right_even_left_none_after_a_blank(
    rendered: dict[str, tuple[OfficialDocument, list[Page]]], kind: str
) -> None:
    _, pages = rendered[kind]
    unnumbered = set()
    if kind == "after_blank":
        blank = pages[-2]
        assert not blank.lines and not blank.rules, "the page before the 版记 is blank"
        unnumbered = {blank.number, pages[-1].number}
    checks.check_page_numbers(pages, unnumbered=unnumbered)


@pytest.mark.parametrize("kind", ALL)
def test_colophon_at_the_foot_of_the_even_last_page(
    rendered: dict[str, tuple[OfficialDocument, list[Page]]], kind: str
) -> None:
    _, pages = rendered[kind]
    checks.check_colophon(pages, with_cc=True)
    sig = checks.signature_page(pages, DATED)
    expected_gap = {"same_page": 0, "next_page": 1, "after_blank": 2}.get(kind)
    if expected_gap is not None:
        assert pages[-1].number - sig.number == expected_gap


@pytest.mark.parametrize("kind", ALL)
def test_signature_never_alone(rendered: dict[str, tuple[OfficialDocument, list[Page]]], kind: str) -> None:
    _, pages = rendered[kind]
    checks.check_signature_has_text(pages, DATED, SIGNERS)


def test_22_lines_a_page_and_28_characters_a_line(
    rendered: dict[str, tuple[OfficialDocument, list[Page]]],
) -> None:
    full_pages = sum(
        checks.check_full_pages(pages, DATED, last_moved=plan_document(doc).keep_last)
        for doc, pages in rendered.values()
    )
    full_lines = sum(checks.check_28_per_line(pages) for _, pages in rendered.values())
    assert full_pages >= 4 and full_lines >= 40  # the checks measured something


def test_title_broken_at_word_boundaries(rendered: dict[str, tuple[OfficialDocument, list[Page]]]) -> None:
    _, pages = rendered["same_page"]
    checks.check_title(pages, split_title(TITLE, keep=("测试县民政局",)))
    assert checks.full_width_lines(pages)  # and the body fills whole lines


def test_masthead_spacing(rendered: dict[str, tuple[OfficialDocument, list[Page]]]) -> None:
    """发文机关标志 35 mm under the 版心 top, 发文字号 two lines under it, the red rule 4 mm under
    the 发文字号, the title two lines under the rule, 主送 one line under the title."""
    _, pages = rendered["same_page"]
    first = pages[0]
    mark = [line for line in first.lines if line.size == g.SIZE_XIAOCHU]
    number = next(line for line in first.lines if line.text == "测纪建〔2026〕3号")
    title = [line for line in first.lines if line.size == g.SIZE_2]
    addressee = next(line for line in first.lines if line.text == "测试县民政局：")
    (rule_y, rule_x0, rule_x1, rule_width) = first.rules[0]
    rule_top, rule_bottom = rule_y - rule_width / 2 * 25.4 / 72, rule_y + rule_width / 2 * 25.4 / 72
    tolerance = checks.TOLERANCE
    assert [line.text for line in mark] == ["中共测试市纪律检查委员会", "测试市监察委员会"]
    assert abs(mark[0].face_top - TOP - 35) < tolerance
    assert abs(number.face_top - mark[-1].face_bottom - 2 * PITCH_MM) < tolerance
    assert abs(rule_top - number.face_bottom - 4) < tolerance
    assert (rule_x0, rule_x1) == (28.0, 184.0)  # as wide as the 版心
    assert abs(title[0].face_top - rule_bottom - 2 * PITCH_MM) < tolerance
    assert abs(addressee.face_top - title[-1].face_bottom - PITCH_MM) < tolerance


def test_each_plan_was_rendered() -> None:
    assert {_kind(plan_document(_pick(kind))) for kind in KINDS} == set(KINDS)
    assert Colophon.SAME_PAGE.value in KINDS
