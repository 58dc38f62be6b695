"""Deterministic heading parser for speeches and 工作方案: title and heading tree.

Pure Python (``re``), no network and no model; importable without Django settings. The contract
(``ParsedOutline.to_contract``) is what ``manage.py outline FILE`` prints and the parse API answers:
``{"title": str | None, "outline": [{"level": int, "marker": str, "heading": str}, ...]}``.

Pipeline: text.paragraphs (lines, lost paragraph gaps, PDF re-wrapping) → headings.candidates
(markers opening a paragraph or run in after a sentence end) → headings.accept (series rules) →
levels.assign_levels (style stack) → title.find_title (the preamble before the first heading).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import headings as h
from .levels import assign_levels
from .markers import line_marker_end
from .text import paragraphs
from .title import find_title

MAX_OUTLINE_CHARS = 100_000  # a long 工作报告 is ~30,000 characters


class OutlineTooLongError(ValueError):
    """Text over MAX_OUTLINE_CHARS (message in Chinese, for the user)."""


@dataclass(frozen=True)
class Heading:
    level: int
    marker: str
    heading: str

    def to_contract(self) -> dict[str, Any]:
        return {"level": self.level, "marker": self.marker, "heading": self.heading}


@dataclass(frozen=True)
class ParsedOutline:
    title: str | None
    headings: tuple[Heading, ...]

    def to_contract(self) -> dict[str, Any]:
        return {"title": self.title, "outline": [x.to_contract() for x in self.headings]}


def check_length(text: str) -> None:
    if len(text) > MAX_OUTLINE_CHARS:
        raise OutlineTooLongError(
            f"文本过长（{len(text):,} 字，上限 {MAX_OUTLINE_CHARS:,} 字）。请只提交讲话或方案正文。"
        )


def parse_outline(text: str) -> ParsedOutline:
    check_length(text)
    paras = paragraphs(text, line_marker_end)
    accepted = h.accept(list(h.candidates(paras)))
    levels = assign_levels([c.style for c in accepted])
    found = []
    for i, (cand, level) in enumerate(zip(accepted, levels, strict=True)):
        para = paras[cand.para]
        nxt = accepted[i + 1] if i + 1 < len(accepted) else None
        stop = nxt.start if nxt is not None and nxt.para == cand.para else len(para.text)
        found.append(Heading(level, h.marker_text(para, cand), h.heading_text(para, cand, stop)))
    first = accepted[0].para if accepted else len(paras)
    return ParsedOutline(find_title(paras, first), tuple(found))


__all__ = [
    "MAX_OUTLINE_CHARS",
    "Heading",
    "OutlineTooLongError",
    "ParsedOutline",
    "check_length",
    "parse_outline",
]
