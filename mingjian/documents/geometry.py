"""The page of GB/T 9704-2012 《党政机关公文格式》 in numbers, shared by the Word writer, the layout
estimator and the layout tests, so that all three agree on where everything goes.

Lengths are in points (1/72 inch) unless a name says otherwise; Word stores most of them in
twentieths of a point (twips), so values that Word rounds are given in twips exactly.
"""

from __future__ import annotations

MM = 72 / 25.4  # points per millimetre

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
# 天头 37 mm and 订口 28 mm; the 版心 is 156 mm × 225 mm, so the other two margins follow.
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37, 35, 28, 26
TEXT_WIDTH_MM, TEXT_HEIGHT_MM = 156, 225
TEXT_WIDTH = TEXT_WIDTH_MM * MM  # 442.2 pt
TEXT_HEIGHT = TEXT_HEIGHT_MM * MM  # 637.8 pt

# 22 lines a page: 225 mm / 22 = 28.99 pt, and Word keeps line heights in whole twips, so the
# pitch is 579 twips (28.95 pt). 22 × 579 twips = 224.7 mm fits; 580 twips (29 pt) would make
# 225.07 mm, one line too many for the 版心, and renderers then fit only 21.
LINE_TWIPS = 579
LINE = LINE_TWIPS / 20
LINES_PER_PAGE = 22

# 28 characters a line: 156 mm / 28 = 15.79 pt per 三号 character, so every run of body text is
# condensed by a quarter point (w:spacing counts twentieths of a point). 28 × 15.75 pt fits the
# 442.2 pt line and a 29th character does not.
CHARS_PER_LINE = 28
CONDENSE_TWIPS = -5

# 号 sizes in points.
SIZE_XIAOCHU = 36.0  # 小初: the largest 发文机关标志 we print
SIZE_2 = 22.0  # 二号: the title
SIZE_3 = 16.0  # 三号: body text and almost everything else
SIZE_4 = 14.0  # 四号: 版记 and page numbers

TITLE_LINE = 35.0  # the usual exact pitch for a 二号 title (the standard leaves it open)
TITLE_MAX_UNITS = int(TEXT_WIDTH // SIZE_2)  # 20 characters of 二号 per line

# Renderers place the baseline of a line with an exact height 80 % of the way down its box
# (measured with LibreOffice; Word does the same), and a Chinese glyph's face spans 0.88 em
# above the baseline to 0.12 em below it. The 版头 distances below are between those faces.
BASELINE_RATIO = 0.8
EM_ASCENT, EM_DESCENT = 0.88, 0.12
MARK_LINE_RATIO = 1.2  # a 发文机关标志 line is 1.2 em tall so Word does not clip its glyphs

# The 版头, as distances between glyph faces (or a rule): "下空二行" is two lines of white.
MARK_TOP = 35 * MM  # 发文机关标志 face top, below the 版心 top
NUMBER_GAP_LINES = 2  # 发文字号 two lines below the 发文机关标志
RED_RULE_GAP = 4 * MM  # the red 分隔线 4 mm below the 发文字号
TITLE_GAP_LINES = 2  # the title two lines below the red line
ADDRESSEE_GAP_LINES = 1  # 主送机关 one line below the title
RED_RULE_WIDTH_EIGHTHS = 18  # 2.25 pt; w:sz counts eighths of a point

# Page numbers: 一字线 7 mm below the 版心, one 四号 character in from the edge.
PAGE_NUMBER_GAP = 7 * MM

# The 版记 rules: the first and last 0.35 mm (1 pt), those between 0.25 mm (0.75 pt).
COLOPHON_OUTER_EIGHTHS = 8
COLOPHON_INNER_EIGHTHS = 6


def twips(points: float) -> int:
    return round(points * 20)


def face_top(line_top: float, line_height: float, size: float) -> float:
    """Where the top of a glyph of `size` lands in a line box of exact `line_height`."""
    return line_top + BASELINE_RATIO * line_height - EM_ASCENT * size


def face_bottom(line_top: float, line_height: float, size: float) -> float:
    return line_top + BASELINE_RATIO * line_height + EM_DESCENT * size


def gap_before(gap: float, *, above: tuple[float, float], below: tuple[float, float]) -> float:
    """Space before a paragraph so that `gap` separates the face of the line above it (its line
    height and size) from the face of its own first line."""
    above_line, above_size = above
    below_line, below_size = below
    return gap - (above_line - face_bottom(0, above_line, above_size)) - face_top(0, below_line, below_size)
