"""Finding headings: every marker that opens a paragraph, and run-in markers inside one.

A marker opening a paragraph is a heading (首先/其次/再次/最后 only as a series: a lone 首先 or 最后
is prose). Inside a paragraph a marker counts at a sentence start (after 。！？；：) when it belongs
to a series — the previous member was accepted, or the next member follows before the next
section heading — and after a comma only when the series runs inside the same paragraph
(“…发言，一是…。二是…”). A heading's text runs to the first sentence end outside quotes and
brackets, the next heading in the paragraph, or the paragraph end.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .markers import LAST, SEQUENCE, Marker, Style, marker_at
from .text import SENTENCE_END, Para

_SENTENCE_START = "。！？；："
_OPENERS, _CLOSERS = "（“‘《「『【", "）”’》」』】"
_SKIP_BACK = " ”’」』）"  # between a sentence end and a marker: “…。” 一是
_TRAILING = "：:，,；;、 \u3000"
_QUOTE_REACH = 60  # a quote that closes this close after a 。 holds the 。 (“…。”)


@dataclass(frozen=True)
class Candidate:
    para: int
    start: int
    marker: Marker
    opens_paragraph: bool
    after_comma: bool

    @property
    def style(self) -> Style:
        return self.marker.style


def _depths(shadow: str) -> list[int]:
    """Bracket and quote depth before each character; reset at each 。 so that one unbalanced
    quote on a scraped page cannot hide every later heading."""
    depth, out = 0, []
    for ch in shadow:
        out.append(depth)
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(depth - 1, 0)
        elif ch == "。":
            depth = 0
    return out


def _boundary(shadow: str, pos: int) -> str | None:
    """'start' after a sentence end (or at the paragraph start), 'comma' after a comma."""
    i = pos - 1
    while i >= 0 and shadow[i] in _SKIP_BACK:
        i -= 1
    if i < 0:
        return "start"
    if shadow[i] in _SENTENCE_START:
        return "start"
    return "comma" if shadow[i] == "，" else None


def candidates(paras: list[Para]) -> Iterator[Candidate]:
    for index, para in enumerate(paras):
        depths = _depths(para.shadow)
        for pos in range(len(para.shadow)):
            kind = "start" if pos == 0 else _boundary(para.shadow, pos)
            if kind is None or depths[pos]:
                continue
            found = marker_at(para.shadow, pos)
            if found is not None:
                yield Candidate(index, pos, found, pos == 0, kind == "comma")


def _follows(prev: Candidate | None, cand: Candidate | None) -> bool:
    """`cand` is the next member of `prev`'s series (in one paragraph when either stands after
    a comma)."""
    if prev is None or cand is None or prev.style != cand.style:
        return False
    if (cand.after_comma or prev.after_comma) and prev.para != cand.para:
        return False
    n, p = cand.marker.ordinal, prev.marker.ordinal
    # 最后 ends a series only after 其次 (首先…最后… alone is as often thanks and good wishes).
    return n == p + 1 or (n == LAST and cand.style == SEQUENCE and 1 < p < LAST)


def _section_break(cand: Candidate, style: Style) -> bool:
    """A numbered heading opening a paragraph ends the reach of another style's series."""
    return cand.opens_paragraph and cand.style.rank is not None and cand.style != style


def _next_member(cands: list[Candidate], i: int) -> Candidate | None:
    me = cands[i]
    for later in cands[i + 1 :]:
        if later.style == me.style:
            return later
        if _section_break(later, me.style):
            return None
    return None


def _previous_member(accepted: list[Candidate], style: Style) -> Candidate | None:
    for earlier in reversed(accepted):
        if earlier.style == style:
            return earlier
        if _section_break(earlier, style):
            return None
    return None


def accept(cands: list[Candidate]) -> list[Candidate]:
    accepted: list[Candidate] = []
    for i, cand in enumerate(cands):
        if (
            (cand.opens_paragraph and cand.style != SEQUENCE)
            or _follows(_previous_member(accepted, cand.style), cand)
            or _follows(cand, _next_member(cands, i))
        ):
            accepted.append(cand)
    return accepted


def _sentence_end(shadow: str, start: int, stop: int) -> int:
    """The first 。！？ in [start, stop) that no quote or bracket holds, else `stop`."""
    depth, i = 0, start
    while i < stop:
        ch = shadow[i]
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(depth - 1, 0)
        elif ch in SENTENCE_END:
            closer = _closing_within(shadow, i, stop) if depth else None
            if closer is None:
                return i
            i, depth = closer, 0
        i += 1
    return stop


def _closing_within(shadow: str, i: int, stop: int) -> int | None:
    end = min(stop, i + _QUOTE_REACH)
    found = [shadow.find(c, i, end) for c in _CLOSERS]
    hits = [f for f in found if f >= 0]
    return min(hits) if hits else None


def heading_text(para: Para, cand: Candidate, stop: int) -> str:
    end = _sentence_end(para.shadow, cand.marker.body, stop)
    return para.text[cand.marker.body : end].strip(_TRAILING)


def marker_text(para: Para, cand: Candidate) -> str:
    return para.text[cand.start : cand.marker.end].replace(" ", "").replace("\u3000", "")
