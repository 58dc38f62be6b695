"""Where the pages break, estimated, and the plan that follows from it for the end of a document.

GB/T 9704-2012 wants the 版记 at the foot of the last page, which is an even page (公文 are printed
on both sides, 7.4.1: the last rule lies on the 版心 bottom of 最后一面); when a blank page has to
precede it, neither the blank page nor the 版记 page carries a number (7.5). The 署名 and 成文日期
must share a page with the text (7.3.5.5); when the space left is too small the blank lines before
them shrink, and only when even that fails does the last paragraph move on with them.

The estimate models the fonts the standard names (Chinese characters one em, ASCII half an em, as
in 仿宋_GB2312), which is what a clerk's Word shows. The PDF renderer checks the plan against what
LibreOffice actually laid out and corrects it (see `pdf`).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from mingjian.documents import geometry as g
from mingjian.documents.flow import SIGNATURE_SPACERS, Flow, Para, Run
from mingjian.documents.text import width_units

_NO_LINE_START = "，。、；：？！”’）》」』】〕…—"
_NO_LINE_END = "“‘（《「『【〔"
CONDENSE = g.CONDENSE_TWIPS / 20
COLOPHON_AIR = 0.5  # lines between the 成文日期 and the first 版记 rule, at least


class Colophon(enum.Enum):
    SAME_PAGE = "same_page"  # at the foot of the page the signature is on (an even page)
    NEXT_PAGE = "next_page"  # alone on the following (even) page, which keeps its number
    AFTER_BLANK = "after_blank"  # a blank page, then the 版记 page, neither numbered


@dataclass(frozen=True)
class Plan:
    spacers: int = SIGNATURE_SPACERS  # blank lines between the text and the 署名
    keep_last: bool = False  # the last paragraph moves on with the 署名
    colophon: Colophon = Colophon.SAME_PAGE


@dataclass(frozen=True)
class EndOfBody:
    page: int  # 1-based page on which the last line of the text stands
    free_lines: int  # whole empty lines left under it on that page
    last_para_lines: int  # lines of the last paragraph, which moves when `keep_last`


def plan_for(end: EndOfBody, *, signature_lines: int, colophon_lines: float) -> Plan:
    """The plan for a body that ends as `end` says; pure, so both estimate and measurement use it."""
    page, free = end.page, end.free_lines
    keep_last = free < signature_lines
    if keep_last:
        page, free = page + 1, g.LINES_PER_PAGE - end.last_para_lines
    spacers = max(0, min(SIGNATURE_SPACERS, free - signature_lines))
    if page % 2:
        return Plan(spacers=spacers, keep_last=keep_last, colophon=Colophon.NEXT_PAGE)
    # On an even page the 版记 stays if it fits under the date with half a line of air, giving up
    # one of the blank lines kept for the seal if need be (the seal may touch the text, 7.3.5.1);
    # otherwise a blank page and a 版记 page follow.
    for fewer in range(spacers, min(spacers, 1) - 1, -1):
        if free - fewer - signature_lines >= colophon_lines + COLOPHON_AIR:
            return Plan(spacers=fewer, keep_last=keep_last, colophon=Colophon.SAME_PAGE)
    return Plan(spacers=spacers, keep_last=keep_last, colophon=Colophon.AFTER_BLANK)


def estimate_plan(flow: Flow, *, colophon_lines: float) -> Plan:
    end = estimate_end_of_body(flow)
    return plan_for(end, signature_lines=signature_lines(flow), colophon_lines=colophon_lines)


def signature_lines(flow: Flow) -> int:
    return sum(para_lines(p) for p in flow.signature)


def estimate_end_of_body(flow: Flow) -> EndOfBody:
    page, used = 1, 0.0
    for para in [*flow.head, *flow.body]:
        used += para.before + (_rule_height(para) if para.top_rule else 0)
        for _ in range(para_lines(para)):
            if used + para.line > g.TEXT_HEIGHT + 0.01:
                page, used = page + 1, 0.0
            used += para.line
    free = math.floor((g.TEXT_HEIGHT - used) / g.LINE + 0.01)
    last = para_lines(flow.body[-1]) if flow.body else 1
    return EndOfBody(page=page, free_lines=max(free, 0), last_para_lines=last)


def _rule_height(para: Para) -> float:
    eighths, _ = para.top_rule or (0, "")
    return eighths / 8


def para_lines(para: Para) -> int:
    width = g.TEXT_WIDTH - para.left - para.right - para.right_chars * g.SIZE_3
    first = width - para.indent_chars * g.SIZE_3 + para.hanging
    return sum(len(wrap(line, first, width)) for line in para.lines)


def _advance(ch: str, run: Run) -> float:
    base = run.size / 2 if ch.isascii() else run.size
    return base + (CONDENSE if run.condensed else 0.0)


def wrap(runs: tuple[Run, ...], first: float, rest: float) -> list[str]:
    """Greedy line breaking as Word and LibreOffice do it for Chinese: any two characters may be
    broken apart except inside a Latin word or number, no line starts with a closing mark (one such
    mark may hang past the margin) and no line ends with an opening one."""
    chars = [(ch, _advance(ch, run)) for run in runs for ch in run.text if ch != "\t"]
    lines: list[str] = []
    current: list[tuple[str, float]] = []
    width, limit = 0.0, first
    i = 0
    while i < len(chars):
        token = _token(chars, i)
        token_width = sum(w for _, w in token)
        fits = width + token_width <= limit + 0.01
        hangs = len(token) == 1 and token[0][0] in _NO_LINE_START and current
        if fits or hangs or not current:
            current += token
            width += token_width
            i += len(token)
            continue
        carried = _carry_openers(current)
        lines.append("".join(ch for ch, _ in current))
        current, width, limit = carried, sum(w for _, w in carried), rest
    if current or not lines:
        lines.append("".join(ch for ch, _ in current))
    return lines


def _token(chars: list[tuple[str, float]], i: int) -> list[tuple[str, float]]:
    """A Latin word or number is one token; anything else is one character."""
    j = i + 1
    if chars[i][0].isascii() and chars[i][0] != " ":
        while j < len(chars) and chars[j][0].isascii() and chars[j][0] != " ":
            j += 1
    return chars[i:j]


def _carry_openers(current: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """An opening mark at the end of a full line moves to the next line."""
    carried: list[tuple[str, float]] = []
    while current and current[-1][0] in _NO_LINE_END:
        carried.insert(0, current.pop())
    return carried


def colophon_height(rows: list[int]) -> float:
    """Height of the 版记 box: each text line one line pitch, plus its rules."""
    rules = g.COLOPHON_OUTER_EIGHTHS * 2 + g.COLOPHON_INNER_EIGHTHS * (len(rows) - 1)
    return sum(rows) * g.LINE + rules / 8


def colophon_text_lines(text: str, *, size: float, width: float, hang: float) -> int:
    return max(1, math.ceil((width_units(text) * size - hang) / (width - hang - 0.01)))
