"""The layout rules of GB/T 9704-2012 as checks on a measured PDF, shared by the tests of the
generator and of the demo's 建议书. Each returns nothing and fails with the page it found wrong."""

from __future__ import annotations

from mingjian.documents import geometry as g
from mingjian.documents.tests.measure import BOTTOM, LEFT, PAGE_NUMBER, PITCH, RIGHT, TOP, Page

TOLERANCE = 0.6  # mm
ONE_CHAR_4 = g.SIZE_4 / g.MM  # 一字 of 四号, the page number's inset


def signature_page(pages: list[Page], dated: str) -> Page:
    found = [p for p in pages if dated in p.texts]
    assert found, f"成文日期 {dated} not found"
    return found[-1]


def check_page_numbers(pages: list[Page], *, unnumbered: set[int]) -> None:
    for page in pages:
        if page.number in unnumbered:
            assert page.footer is None, f"page {page.number} must not carry a number"
            continue
        assert page.footer is not None, f"page {page.number} has no page number"
        match = PAGE_NUMBER.match(page.footer.text)
        assert match and int(match.group(1)) == page.number
        if page.number % 2:  # odd: right, one character in
            assert abs(page.footer.x1 - (RIGHT - ONE_CHAR_4)) < TOLERANCE, (
                f"page {page.number} not on the right"
            )
        else:
            assert abs(page.footer.x0 - (LEFT + ONE_CHAR_4)) < TOLERANCE, (
                f"page {page.number} not on the left"
            )
        dash = (page.footer.face_top + page.footer.face_bottom) / 2
        assert abs(dash - (BOTTOM + 7)) < TOLERANCE, f"page {page.number}: 一字线 not 7 mm under the 版心"


def check_colophon(pages: list[Page], *, with_cc: bool) -> None:
    last = pages[-1]
    assert last.number % 2 == 0, "the 版记 must be on an even page (最后一面)"
    assert last.lines and last.lines[-1].text.endswith("印发"), "印发机关 and 印发日期 close the last page"
    assert not any(text.endswith("印发") for page in pages[:-1] for text in page.texts), (
        "版记 split or repeated"
    )
    rules = [r for r in last.rules if abs(r[1] - LEFT) < TOLERANCE and abs(r[2] - RIGHT) < TOLERANCE]
    assert len(rules) == (3 if with_cc else 2), f"版记 rules: {rules}"
    assert abs(rules[-1][0] - BOTTOM) < TOLERANCE, "the last rule must lie on the 版心 bottom"
    assert [r[3] for r in rules] == ([1.0, 0.75, 1.0] if with_cc else [1.0, 1.0])
    if with_cc:
        assert last.lines[-2].text.startswith("抄送：") and last.lines[-2].text.endswith("。")
        assert rules[0][0] < last.lines[-2].face_top < last.lines[-2].face_bottom < rules[1][0]


def check_full_pages(pages: list[Page], dated: str, *, last_moved: bool) -> int:
    """Pages between the first and the signature page are full: 22 lines on the grid (but for the
    page the last paragraph left to stay with the 署名, when it had to)."""
    sig = signature_page(pages, dated)
    end = sig.number - 1 if last_moved else sig.number
    full = [p for p in pages if 1 < p.number < end]
    for page in full:
        assert len(page.lines) == g.LINES_PER_PAGE, f"page {page.number} has {len(page.lines)} lines, not 22"
        first, last = page.lines[0], page.lines[-1]
        assert abs(last.baseline - first.baseline - 21 * PITCH) < TOLERANCE
        assert first.face_top >= TOP - TOLERANCE and last.face_bottom <= BOTTOM + TOLERANCE
    return len(full)


def full_width_lines(pages: list[Page]) -> list[str]:
    """Body lines that run from margin to margin (not a paragraph's first or last line)."""
    return [
        line.text
        for page in pages
        for line in page.lines
        if abs(line.x0 - LEFT) < TOLERANCE and line.x1 > RIGHT - 1 and line.size == g.SIZE_3
    ]


def check_28_per_line(pages: list[Page]) -> int:
    lines = [t for t in full_width_lines(pages) if t.isascii() is False and not any(c.isascii() for c in t)]
    for text in lines:
        core = text[:-1] if text[-1] in "，。、；：？！”’）》" and len(text) > g.CHARS_PER_LINE else text
        assert len(core) == g.CHARS_PER_LINE, f"{len(core)} characters: {text}"
    return len(lines)


def check_signature_has_text(pages: list[Page], dated: str, signers: str) -> None:
    sig = signature_page(pages, dated)
    at = sig.texts.index(dated)
    assert sig.texts[at - 1].replace(" ", "") == signers
    assert at >= 2, "署名 and 成文日期 stand alone on their page"


def check_title(pages: list[Page], lines: list[str]) -> None:
    titles = [line.text for line in pages[0].lines if line.size == g.SIZE_2]
    assert titles == lines
