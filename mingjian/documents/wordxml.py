"""Low-level WordprocessingML that python-docx has no API for: fonts in all four slots, rules,
fields, and a text box pinned to the foot of the page.

Child order inside w:pPr and w:rPr is fixed by the schema and Word refuses files that break it,
so every insertion here names the elements it must precede.
"""

from __future__ import annotations

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from mingjian.documents import geometry as g

# Children of w:pPr that the schema places after w:pBdr, and of w:rPr after w:spacing.
_PPR_TAGS = (
    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
_RPR_TAGS = (
    "w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang "
    "eastAsianLayout specVanish oMath"
)
PPR_AFTER_PBDR = tuple(f"w:{tag}" for tag in _PPR_TAGS.split())
RPR_AFTER_SPACING = tuple(f"w:{tag}" for tag in _RPR_TAGS.split())
RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
EMU_PER_POINT = 12700


def set_fonts(rpr: CT_RPr, name: str) -> None:
    """python-docx's font.name writes only the Latin slots; Chinese text uses w:eastAsia."""
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def set_spacing(rpr: CT_RPr, twentieths: int) -> None:
    """Character spacing (w:spacing counts twentieths of a point; negative condenses)."""
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twentieths))
    rpr.insert_element_before(spacing, *RPR_AFTER_SPACING)


def set_chinese(rpr: CT_RPr) -> None:
    """Mark text as Chinese, so line breaking and font fallback treat it as such."""
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.insert_element_before(lang, *RPR_AFTER_LANG)


def add_border(para: Paragraph, side: str, *, eighths: int, color: str, space: int = 0) -> None:
    """A rule drawn as a paragraph border, spanning the paragraph's width."""
    ppr = para._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *PPR_AFTER_PBDR)
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(eighths)), ("space", str(space)), ("color", color)):
        line.set(qn(f"w:{key}"), value)
    borders.append(line)


def set_char_indents(para: Paragraph, *, first_line: int = 0, right: int = 0) -> None:
    """Indents counted in 三号 characters as Word's w:*Chars (hundredths of a character)."""
    ind = para._p.get_or_add_pPr().get_or_add_ind()
    if first_line:
        ind.set(qn("w:firstLineChars"), str(first_line * 100))
    if right:
        ind.set(qn("w:rightChars"), str(right * 100))


def add_page_field(para: Paragraph) -> list[Run]:
    """A PAGE field (begin, code, separate, result, end); Word and LibreOffice both update it."""
    runs = [para.add_run() for _ in range(5)]
    for run, kind in zip((runs[0], runs[2], runs[4]), ("begin", "separate", "end"), strict=True):
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = " PAGE "
    runs[1]._r.append(code)
    runs[3].text = "1"
    return runs


def foot_box(content: list[BaseOxmlElement], *, height: float, below: float, box_id: int) -> BaseOxmlElement:
    """A w:drawing (in mc:AlternateContent) holding a text box as wide as the 版心, pinned to the
    foot of the 版心 of the page its paragraph is on (reaching `below` points under it), text flowing above it, its content
    aligned to its bottom edge.

    A floating table or a framed paragraph would say the same in fewer words, but LibreOffice
    7.4 lays both out inline; a DrawingML text box is placed the same way by Word and LibreOffice.
    """
    cx, cy = round(g.TEXT_WIDTH * EMU_PER_POINT), round(height * EMU_PER_POINT)
    top = round((g.TEXT_HEIGHT + below - height) * EMU_PER_POINT)
    drawing = parse_xml(
        f'<w:drawing {nsdecls("w", "wp", "a")} xmlns:wps="{WPS}">'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="1" layoutInCell="1" allowOverlap="0">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align></wp:positionH>'
        f'<wp:positionV relativeFrom="margin"><wp:posOffset>{top}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapTopAndBottom/><wp:docPr id="{box_id}" name="版记"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{WPS}"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        "<wps:txbx><w:txbxContent/></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" '
        'anchor="b" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )
    box = drawing.find(".//" + qn("w:txbxContent"))
    for element in content:
        box.append(element)
    # Word 2010 and later write shapes inside mc:AlternateContent; readers that know wps take it.
    wrapper = parse_xml(
        f'<mc:AlternateContent xmlns:mc="{MC}" xmlns:wps="{WPS}"><mc:Choice Requires="wps"/></mc:AlternateContent>'
    )
    wrapper[0].append(drawing)
    return wrapper
