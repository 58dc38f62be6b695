from __future__ import annotations

import pytest

from mingjian.documents import geometry as g
from mingjian.documents.flow import Run, build_flow
from mingjian.documents.layout import Colophon, EndOfBody, Plan, estimate_end_of_body, plan_for, wrap
from mingjian.documents.tests.examples import SENTENCE, document


def test_pitch_and_characters_fill_the_type_area() -> None:
    assert g.LINES_PER_PAGE * g.LINE <= g.TEXT_HEIGHT < (g.LINES_PER_PAGE + 1) * g.LINE
    assert (g.LINE_TWIPS + 1) / 20 * g.LINES_PER_PAGE > g.TEXT_HEIGHT  # 580 twips would not fit
    advance = g.SIZE_3 + g.CONDENSE_TWIPS / 20
    assert g.CHARS_PER_LINE * advance <= g.TEXT_WIDTH < (g.CHARS_PER_LINE + 1) * advance


def test_wrap_gives_28_characters_a_line_and_26_after_the_indent() -> None:
    text = "国" * 80
    lines = wrap((Run(text),), g.TEXT_WIDTH - 2 * g.SIZE_3, g.TEXT_WIDTH)
    assert [len(line) for line in lines] == [26, 28, 26]


def test_wrap_hangs_a_closing_mark_and_carries_an_opening_one() -> None:
    lines = wrap((Run("国" * 28 + "。" + "国" * 3),), g.TEXT_WIDTH, g.TEXT_WIDTH)
    assert lines == ["国" * 28 + "。", "国" * 3]  # 。 never starts a line; it hangs in the margin
    lines = wrap((Run("国" * 27 + "“国国”"),), g.TEXT_WIDTH, g.TEXT_WIDTH)
    assert lines == ["国" * 27, "“国国”"]  # “ never ends a line


def test_wrap_keeps_numbers_whole() -> None:
    lines = wrap((Run("国" * 27 + "2026年"),), g.TEXT_WIDTH, g.TEXT_WIDTH)
    assert lines == ["国" * 27, "2026年"]


def test_example_sentence_is_one_full_line() -> None:
    assert len(SENTENCE) == g.CHARS_PER_LINE
    assert wrap((Run(SENTENCE),), g.TEXT_WIDTH, g.TEXT_WIDTH) == [SENTENCE]


@pytest.mark.parametrize(
    ("end", "plan"),
    [
        # An odd page: the 版记 goes to the next, even page, which keeps its number.
        (EndOfBody(page=1, free_lines=10, last_para_lines=2), Plan(2, False, Colophon.NEXT_PAGE)),
        # An even page with room under the date: same page.
        (EndOfBody(page=2, free_lines=10, last_para_lines=2), Plan(2, False, Colophon.SAME_PAGE)),
        # An even page without room: a blank page, then the 版记 page.
        (EndOfBody(page=2, free_lines=5, last_para_lines=2), Plan(2, False, Colophon.AFTER_BLANK)),
        # Room once one of the two blank lines before the 署名 goes.
        (EndOfBody(page=2, free_lines=6, last_para_lines=2), Plan(1, False, Colophon.SAME_PAGE)),
        (EndOfBody(page=2, free_lines=7, last_para_lines=2), Plan(2, False, Colophon.SAME_PAGE)),
        # Room for the 署名 and date only if the blank lines before them shrink.
        (EndOfBody(page=3, free_lines=3, last_para_lines=2), Plan(1, False, Colophon.NEXT_PAGE)),
        # No room at all: the last paragraph moves on with them, to page 4.
        (EndOfBody(page=3, free_lines=1, last_para_lines=3), Plan(2, True, Colophon.SAME_PAGE)),
    ],
)
def test_plan_for_the_end_of_the_body(end: EndOfBody, plan: Plan) -> None:
    assert plan_for(end, signature_lines=2, colophon_lines=2.2) == plan


def test_estimate_counts_lines_onto_pages() -> None:
    short, long = (
        estimate_end_of_body(build_flow(document(1))),
        estimate_end_of_body(build_flow(document(30))),
    )
    assert short.page == 1 and long.page > 2
    extra = estimate_end_of_body(build_flow(document(31)))
    # One more paragraph of 1–3 lines: the same page with fewer free lines, or the next page.
    assert (extra.page, -extra.free_lines) > (long.page, -long.free_lines)
