"""Text preparation: paragraphs that carry the text as printed and a shadow to match on.

Headings are reported as printed (full-width or ASCII punctuation, traditional characters), but
markers and sentence ends are matched on a *shadow*: the same text translated one character for
one (traditional → simplified, full-width digits → ASCII, ASCII punctuation → full-width, odd
spaces → space). Because the shadow has the same length, every match index slices the original.

Paragraphs come from line breaks, from wide gaps inside a line (web pages that lost their breaks
keep three spaces between paragraphs), and — for PDF extracts — from re-joining hard-wrapped lines.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from mingjian.cases.notice.normalize import T2S

_WIDTH = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}
    | {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
    | {"\u3000": " ", "\u00a0": " ", "\t": " ", "\u2002": " ", "\u2003": " ", "\u200b": " "}
)
SENTENCE_END = "。！？"
# A wrapped line that ends with one of these ends its paragraph.
_PARAGRAPH_END = "。！？：；"
_SCRAPE_MARK_RE = re.compile(r"##[a-z]+##")  # paywall markers left in scraped pages
# Three spaces, or two ideographic ones, inside a line: a paragraph break the page lost.
_GAP_RE = re.compile(r"[ \u00a0\u3000\t]{3,}|\u3000{2}")
_NOISE_RES = (
    re.compile(r"^[-—－–]\s*\d{1,4}\s*[-—－–]$"),  # — 3 — page numbers
    re.compile(r"^第\s*\d+\s*页(\s*[/，]?\s*共\s*\d+\s*页)?$"),
)
_CJK = '\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’《》,.:;!?()"'
# A single space between two CJK characters or punctuation marks (not digits: 2024 年 is a
# font change): a PDF line break that became a space.
_WRAP_SPACE_RE = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_MIN_WRAPPED_LINES = 6
_MIN_LINE = 10  # shorter lines (a title, 同志们：) say nothing about the wrap width
# Where a heading marker opening a line ends (None when the line opens with none).
MarkerAt = Callable[[str], int | None]
_MIN_WRAP_SPACES = 8


def shadow_of(text: str) -> str:
    shadow = text.translate(T2S).translate(_WIDTH)
    assert len(shadow) == len(text)  # noqa: S101 - the slicing contract; a table change must not break it
    return shadow


@dataclass(frozen=True)
class Para:
    """One paragraph: the text as printed and its same-length shadow."""

    text: str
    shadow: str
    last_line: int = 0  # length of its last physical line (for re-joining wrapped lines)
    spaced: bool = False  # cut from a PDF dump whose line breaks became spaces

    @classmethod
    def of(cls, text: str, spaced: bool = False) -> Para:
        return cls(text, shadow_of(text), len(text), spaced)

    def __add__(self, other: Para) -> Para:
        return Para(self.text + other.text, self.shadow + other.shadow, other.last_line, self.spaced)

    def strip(self) -> Para:
        return Para.of(self.text.strip(" \u3000\u00a0\t\u200b"), self.spaced)


def clean(text: str) -> str:
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    return _SCRAPE_MARK_RE.sub("", text)


def _pieces(line: str, pattern: re.Pattern[str], spaced: bool = False) -> list[Para]:
    found = (Para.of(part, spaced).strip() for part in pattern.split(line))
    return [p for p in found if p.text and not any(r.match(p.shadow) for r in _NOISE_RES)]


def _unspaced(line: Para) -> list[Para]:
    """A line of a PDF dump whose line breaks all became single spaces, cut back into its
    lines; any other line as it is."""
    if len(_WRAP_SPACE_RE.findall(line.text)) < _MIN_WRAP_SPACES:
        return [line]
    pieces = _pieces(line.text, _WRAP_SPACE_RE, spaced=True)
    return pieces if wrap_width(pieces) else [line]


def wrap_width(lines: list[Para]) -> int | None:
    """The line width of a hard-wrapped text, or None when lines are paragraphs.

    In a wrapped text most lines run to about the same width, none is much longer, and most
    of those full lines stop in mid-sentence; in a text of paragraphs the long lines vary freely
    and short paragraphs of one line end with their 。.
    """
    full = [p for p in lines if len(p.text) >= _MIN_LINE]
    if len(full) < _MIN_WRAPPED_LINES:
        return None
    width = statistics.quantiles([len(p.text) for p in full], n=4)[2]
    near = [p for p in full if 0.8 * width <= len(p.text) <= 1.15 * width]
    over = sum(len(p.text) > 1.3 * width for p in full)
    broken = sum(not p.shadow.endswith(tuple(_PARAGRAPH_END)) for p in near)
    if len(near) >= 0.5 * len(full) and over <= 0.05 * len(full) and broken >= 0.5 * len(near):
        return round(width)
    return None


def reflow(lines: list[Para], width: int, marker_at: MarkerAt) -> list[Para]:
    """Join each wrapped line to the next unless it ends a sentence, ends short of the width,
    or the next line starts with a heading marker. In a PDF dump cut at its spaces only the cut
    lines are joined (the page's own lines before it are not wrapped)."""
    out: list[Para] = []
    dump = any(line.spaced for line in lines)
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and ((prev.spaced and line.spaced) or not dump)
            and prev.last_line >= 0.8 * width
            and not prev.shadow.endswith(tuple(_PARAGRAPH_END))
            and marker_at(line.shadow) is None
        ):
            out[-1] = prev + line
        else:
            out.append(line)
    return out


def _join_bare_markers(lines: list[Para], marker_at: MarkerAt) -> list[Para]:
    """A marker alone on its line (一、 then the heading on the next line) joins that line."""
    out: list[Para] = []
    for line in lines:
        prev = out[-1] if out else None
        if prev is not None and marker_at(prev.shadow) == len(prev.shadow):
            out[-1] = prev + line
        else:
            out.append(line)
    return out


def paragraphs(text: str, marker_at: MarkerAt) -> list[Para]:
    """The text's paragraphs, in order. `marker_at(shadow)` is where a heading marker that opens
    the line ends (None when there is none): a wrapped line never swallows a heading after it."""
    lines = [piece for raw in clean(text).split("\n") for piece in _pieces(raw, _GAP_RE)]
    lines = [piece for line in lines for piece in _unspaced(line)]
    lines = _join_bare_markers(lines, marker_at)
    width = wrap_width([line for line in lines if line.spaced] or lines)
    return reflow(lines, width, marker_at) if width else lines
