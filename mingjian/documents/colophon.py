"""The 版记 (GB/T 9704-2012 7.4): 抄送机关, then 印发机关 and 印发日期, between rules as wide as
the 版心 (the first and last 1 pt, those between 0.75 pt), in 四号仿宋, one character in from
either edge. It is one table in a box at the foot of the last page, so it never splits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.xmlchemy import BaseOxmlElement

from mingjian.documents import geometry as g
from mingjian.documents.flow import FANGSONG, Run
from mingjian.documents.layout import wrap
from mingjian.documents.spec import OfficialDocument
from mingjian.documents.text import format_date

CC_LEAD = "抄送："
ROW_TEXT_LINE = 20.0  # exact line height of 四号 text inside a row, centred in the row
SLACK = 2.0  # points of air above the table inside the box, so a rounding never clips it
CLOSING = 1.0  # the 1 pt paragraph Word requires after a table, under the last rule
# The box reaches this far under the 版心 so that the last rule, not the closing paragraph, lies on
# the 版心 bottom edge ("末条分隔线与公文最后一面的版心下边缘重合", 7.4.1).
BELOW = CLOSING + g.COLOPHON_OUTER_EIGHTHS / 16


@dataclass(frozen=True)
class Row:
    text: str
    lines: int
    hanging: float  # wrapped lines align after "抄送："
    right_tab: bool


def cc_text(cc: tuple[str, ...]) -> str:
    """Recipients separated by "，", the last followed by "。" (7.4.2), whatever was typed."""
    names = [n for item in cc for n in re.split(r"[,，、;；\s]+", item.strip().rstrip("。.")) if n]
    return "，".join(names) + "。" if names else ""


def rows(doc: OfficialDocument) -> list[Row]:
    width = g.TEXT_WIDTH - 2 * g.SIZE_4
    found = []
    if cc := cc_text(doc.cc):
        hang = len(CC_LEAD) * g.SIZE_4
        lines = len(wrap((Run(CC_LEAD + cc, FANGSONG, g.SIZE_4, condensed=False),), width, width - hang))
        found.append(Row(CC_LEAD + cc, lines, hang, right_tab=False))
    printed = f"{doc.printed_by.strip()}\t{format_date(doc.printed_date)}印发"
    found.append(Row(printed, 1, 0.0, right_tab=True))
    return found


def height(found: list[Row]) -> float:
    rules = 2 * g.COLOPHON_OUTER_EIGHTHS + (len(found) - 1) * g.COLOPHON_INNER_EIGHTHS
    return sum(row.lines for row in found) * g.LINE + rules / 8 + CLOSING + SLACK


def table(found: list[Row]) -> list[BaseOxmlElement]:
    """The table and the paragraph Word requires after it inside the text box."""
    width = g.twips(g.TEXT_WIDTH)
    inset = g.twips(g.SIZE_4)
    outer, inner = g.COLOPHON_OUTER_EIGHTHS, g.COLOPHON_INNER_EIGHTHS
    rows_xml = "".join(_row(row, width, inset) for row in found)
    tbl = parse_xml(
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        "<w:tblBorders>"
        f'<w:top w:val="single" w:sz="{outer}" w:space="0" w:color="000000"/>'
        f'<w:bottom w:val="single" w:sz="{outer}" w:space="0" w:color="000000"/>'
        f'<w:insideH w:val="single" w:sz="{inner}" w:space="0" w:color="000000"/>'
        "</w:tblBorders>"
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
        f'</w:tblPr><w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>{rows_xml}</w:tbl>'
    )
    closing = parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" '
        'w:lineRule="exact"/></w:pPr></w:p>'
    )
    return [tbl, closing]


def _row(row: Row, width: int, inset: int) -> str:
    # Tab stops count from the cell's edge, not from the indent: this one ends the date one
    # character from the right.
    tabs = f'<w:tabs><w:tab w:val="right" w:pos="{width - inset}"/></w:tabs>' if row.right_tab else ""
    hanging = f' w:hanging="{g.twips(row.hanging)}"' if row.hanging else ""
    left = inset + (g.twips(row.hanging) if row.hanging else 0)
    size = round(g.SIZE_4 * 2)
    return (
        f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{row.lines * g.LINE_TWIPS}" w:hRule="exact"/>'
        f'</w:trPr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f"<w:p><w:pPr>{tabs}"
        f'<w:spacing w:before="0" w:after="0" w:line="{g.twips(ROW_TEXT_LINE)}" w:lineRule="exact"/>'
        f'<w:ind w:left="{left}" w:right="{inset}"{hanging}/><w:jc w:val="left"/></w:pPr>'
        f'<w:r><w:rPr><w:rFonts w:ascii="{FANGSONG}" w:hAnsi="{FANGSONG}" w:eastAsia="{FANGSONG}" '
        f'w:cs="{FANGSONG}"/><w:spacing w:val="0"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
        f"{_text(row.text)}</w:r></w:p></w:tc></w:tr>"
    )


def _text(text: str) -> str:
    return "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(part)}</w:t>' for part in text.split("\t"))
