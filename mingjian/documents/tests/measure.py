"""Measuring a rendered PDF with pdfplumber, independently of the product's own reading of it.

All positions are millimetres from the top-left corner of the page; a line's `baseline` is where
its glyphs stand, its face spans 0.88 em above to 0.12 em below (as in geometry).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pdfplumber

from mingjian.documents import geometry as g

MM = 25.4 / 72
PAGE_NUMBER = re.compile(r"^— (\d+) —$")
TOP, BOTTOM = g.TOP_MM, g.TOP_MM + g.TEXT_HEIGHT_MM  # 版心 edges: 37 and 262 mm
LEFT, RIGHT = g.LEFT_MM, g.LEFT_MM + g.TEXT_WIDTH_MM  # 28 and 184 mm
PITCH = g.LINE / g.MM


@dataclass(frozen=True)
class TextLine:
    baseline: float
    x0: float
    x1: float
    size: float  # points
    text: str

    @property
    def face_top(self) -> float:
        return self.baseline - g.EM_ASCENT * self.size * MM

    @property
    def face_bottom(self) -> float:
        return self.baseline + g.EM_DESCENT * self.size * MM


@dataclass(frozen=True)
class Page:
    number: int  # 1-based position in the file
    lines: list[TextLine]  # text inside the 版心, top to bottom
    footer: TextLine | None  # the page number line, if any
    rules: list[tuple[float, float, float, float]]  # (y, x0, x1, width in pt), top to bottom

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]


def measure(data: bytes) -> list[Page]:
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            lines = _lines(page)
            footer = next((line for line in lines if PAGE_NUMBER.match(line.text)), None)
            body = [line for line in lines if line is not footer]
            rules = sorted(
                {
                    (
                        round(r["top"] * MM, 2),
                        round(r["x0"] * MM, 1),
                        round(r["x1"] * MM, 1),
                        r.get("linewidth", 0),
                    )
                    for r in page.lines + page.rects
                }
            )
            pages.append(Page(n, body, footer, rules))
    return pages


def _lines(page: pdfplumber.page.Page) -> list[TextLine]:
    groups: dict[float, list[dict[str, object]]] = {}
    for char in page.chars:
        baseline = round(float(page.height) - char["matrix"][5], 0)
        groups.setdefault(baseline, []).append(char)
    lines = []
    for baseline, chars in sorted(groups.items()):
        chars.sort(key=lambda c: c["x0"])
        text = "".join(str(c["text"]) for c in chars).strip()
        if text:
            size = max(float(c["size"]) for c in chars)  # type: ignore[arg-type]
            x0 = min(float(c["x0"]) for c in chars if str(c["text"]).strip())  # type: ignore[arg-type]
            x1 = max(float(c["x1"]) for c in chars if str(c["text"]).strip())  # type: ignore[arg-type]
            lines.append(TextLine(baseline * MM, x0 * MM, x1 * MM, size, text))
    return lines
