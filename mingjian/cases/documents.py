"""Word output for 纪检监察建议书, laid out after GB/T 9704-2012 《党政机关公文格式》.

`build_recommendation_docx(rec)` is a plain function so that views, the API and background jobs
all produce the same file. The fonts named here (仿宋_GB2312, 方正小标宋简体 …) are the ones the
standard's offices have installed; a server without them only matters when converting to PDF.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from datetime import date

from django.utils import timezone
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.section import Section
from docx.shared import Length, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from mingjian.cases.models import Recommendation, RecommendationItem

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"

RED = RGBColor(0xC0, 0x00, 0x00)
SIZE_3 = Pt(16)  # 三号: body text
SIZE_4 = Pt(14)  # 四号: 版记 and page numbers
SIZE_2 = Pt(22)  # 二号: title
SIZE_XIAOCHU = 36  # 小初, in points: the largest 发文机关标志 we print

# 版心 is 156 mm x 225 mm; 225 mm / 22 lines ≈ 28.95 pt, so 29 pt gives the standard's 22 lines.
TEXT_WIDTH = Mm(210 - 28 - 26)
LINE_PITCH = Pt(29)

SECTION_HEADINGS = ("问题来源及事实", "存在的问题", "原因分析", "建议", "回复要求")
_DIGITS = "零一二三四五六七八九"
# Children of w:pPr that the schema places after w:pBdr.
_PPR_AFTER_PBDR = tuple(
    f"w:{tag}"
    for tag in [
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
)


def chinese_ordinal(n: int) -> str:
    """一 … 十, 十一 … 九十九, as used in 公文 headings ("一、", "（十二）")."""
    if not 1 <= n <= 99:  # noqa: PLR2004 - 公文 never numbers a hundred headings
        raise ValueError(f"chinese_ordinal supports 1–99, not {n}")
    tens, ones = divmod(n, 10)
    # 十 rather than 一十: the tens digit 1 is not written in ordinary usage.
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def build_recommendation_docx(
    rec: Recommendation, items: Iterable[RecommendationItem] | None = None
) -> bytes:
    """The 建议书 as .docx bytes. `items` defaults to the saved items; pass them for an unsaved draft."""
    if items is None:
        # An unsaved instance cannot follow a reverse relation (Django raises), so a preview of an
        # unsaved draft simply has no items unless the caller supplies them.
        items = rec.items.order_by("seq") if rec.pk else []
    day = rec.issued_on or timezone.localdate()
    doc = Document()
    _setup_page(doc.sections[0])
    _setup_default_style(doc)
    _add_masthead(doc, rec)
    _add_title_and_addressee(doc, rec)
    _add_body(doc, rec, sorted(items, key=lambda item: item.seq))
    _add_signature(doc, rec, day)
    _add_colophon(doc, rec, day)
    _add_page_number_footer(doc.sections[0])
    doc.core_properties.title = rec.title
    doc.core_properties.author = rec.issuer.name
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --- page and styles -------------------------------------------------------------------------


def _setup_page(section: Section) -> None:
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # The footer sits in the 35 mm bottom margin; the standard puts the page number's baseline
    # about 7 mm below the 版心, so the footer distance is the margin minus that.
    section.footer_distance = Mm(28 - 7)


def _setup_default_style(doc: DocxDocument) -> None:
    # Runs we never touch (empty spacer lines, a field result) still come out in 仿宋 三号.
    normal = doc.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    _set_font_element(rpr, FANGSONG)
    normal.font.size = SIZE_3
    # 28 characters of 三号 per 156 mm line needs a 15.79 pt pitch, not 16 pt. Word's document
    # grid could do this but LibreOffice snaps each glyph to two grid cells instead, so condense
    # by 0.25 pt (w:spacing counts twentieths of a point), which both render the same.
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), "-5")
    rpr.insert_element_before(spacing, "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:lang")
    lang = OxmlElement("w:lang")
    lang.set(qn("w:eastAsia"), "zh-CN")  # so line breaking and font fallback treat text as Chinese
    rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)


def _set_font_element(rpr: CT_RPr, name: str) -> None:
    fonts = rpr.get_or_add_rFonts()
    # python-docx's font.name writes only the Latin slots; Chinese text uses w:eastAsia.
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)


def set_run_font(
    run: Run, name: str, size: Length, *, bold: bool = False, color: RGBColor | None = None
) -> Run:
    """The one place a run gets its typeface, size, weight and colour."""
    _set_font_element(run._r.get_or_add_rPr(), name)
    run.font.size = size
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    return run


# --- paragraph helpers -----------------------------------------------------------------------


def _paragraph(
    doc: DocxDocument,
    text: str = "",
    *,
    font: str = FANGSONG,
    size: Length = SIZE_3,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY,
    first_line_chars: int = 0,
) -> Paragraph:
    para = doc.add_paragraph()
    para.alignment = align
    if first_line_chars:
        _indent_chars(para, first_line=first_line_chars)
    if text:
        set_run_font(para.add_run(text), font, size)
    return para


def _indent_chars(
    para: Paragraph, *, first_line: int = 0, left: int = 0, right: int = 0, size: Length = SIZE_3
) -> None:
    """Indents counted in characters of `size`: points for every reader, plus w:*Chars for 三号
    text (Word sizes a *Chars unit by the style's font, which is 三号 here, not by the run)."""
    fmt = para.paragraph_format
    ind = para._p.get_or_add_pPr().get_or_add_ind()
    for chars, attr, prop in (
        (first_line, "firstLine", "first_line_indent"),
        (left, "left", "left_indent"),
        (right, "right", "right_indent"),
    ):
        if chars:
            setattr(fmt, prop, Pt(chars * size.pt))
            if size == SIZE_3:
                ind.set(qn(f"w:{attr}Chars"), str(chars * 100))


def _border(para: Paragraph, side: str, *, eighths: int, color: str = "000000", space: int = 1) -> None:
    """A rule drawn as a paragraph border; it spans the 版心 like the standard's 分隔线."""
    ppr = para._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        # pPr children have a schema order; Word rejects a pBdr placed after tabs, spacing or ind.
        ppr.insert_element_before(borders, *_PPR_AFTER_PBDR)
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(eighths)), ("space", str(space)), ("color", color)):
        line.set(qn(f"w:{key}"), value)
    borders.append(line)


def _format_date(day: date) -> str:
    # GB/T 9704-2012 writes 成文日期 in Arabic numerals, without leading zeros.
    return f"{day.year}年{day.month}月{day.day}日"


def _text_lines(text: str) -> list[str]:
    """Paragraphs of a text field: one per line, blank lines and typed-in indents dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _width_chars(text: str) -> float:
    # ASCII digits and letters are half-width in 仿宋; everything else takes a full character.
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


# --- document parts --------------------------------------------------------------------------


def _masthead_size(name: str) -> Length:
    # As large as fits on one line, between 二号 and 小初: the standard sizes the 发文机关标志 to
    # look balanced, and long commission names would otherwise wrap.
    fits = int(TEXT_WIDTH.pt / max(len(name), 1))
    return Pt(max(int(SIZE_2.pt), min(SIZE_XIAOCHU, fits)))


def _add_masthead(doc: DocxDocument, rec: Recommendation) -> None:
    mark = _paragraph(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    size = _masthead_size(rec.issuer.name)
    set_run_font(mark.add_run(rec.issuer.name), XIAOBIAOSONG, size, color=RED)
    # A fixed 29 pt line would clip 小初 glyphs; give the mark a line as tall as it needs.
    mark.paragraph_format.line_spacing = Pt(size.pt * 1.3)
    mark.paragraph_format.space_after = LINE_PITCH
    number = _paragraph(doc, rec.number or "（草稿）", align=WD_ALIGN_PARAGRAPH.CENTER)
    # The red 分隔线: 2.25 pt (w:sz in eighths), 4 mm (≈11 pt) below the 发文字号.
    _border(number, "bottom", eighths=18, color="C00000", space=11)
    _paragraph(doc)  # the title goes two lines below the rule


def _add_title_and_addressee(doc: DocxDocument, rec: Recommendation) -> None:
    title = _paragraph(doc, align=WD_ALIGN_PARAGRAPH.CENTER)
    set_run_font(title.add_run(rec.title), XIAOBIAOSONG, SIZE_2)
    # 二号 in a 29 pt line is cramped once the title wraps; 35 pt is the usual 公文 title pitch.
    title.paragraph_format.line_spacing = Pt(35)
    _paragraph(doc)  # 主送 goes one line below the title
    _paragraph(doc, f"{rec.unit.name}：")


def _sections(rec: Recommendation, items: list[RecommendationItem]) -> list[tuple[str, list[str]]]:
    texts = (rec.facts, rec.problems, rec.causes, None, rec.requirements_text())
    found: list[tuple[str, list[str]]] = []
    for heading, text in zip(SECTION_HEADINGS, texts, strict=True):
        if text is None:  # the 建议 section, whose content is the item list
            if items:
                found.append((heading, []))
        elif lines := _text_lines(text):
            found.append((heading, lines))
    return found


def _add_body(doc: DocxDocument, rec: Recommendation, items: list[RecommendationItem]) -> None:
    # Optional sections left blank are skipped and the rest renumbered, so the 一、二、三 stay
    # consecutive as the standard's 结构层次序数 require.
    for number, (heading, lines) in enumerate(_sections(rec, items), start=1):
        head = _paragraph(doc, f"{chinese_ordinal(number)}、{heading}", font=HEITI, first_line_chars=2)
        head.paragraph_format.keep_with_next = True  # never strand a heading at a page foot
        if heading == "建议":
            _add_items(doc, items)
        for line in lines:
            _paragraph(doc, line, first_line_chars=2)


def _add_items(doc: DocxDocument, items: list[RecommendationItem]) -> None:
    # Numbered by position, not by `seq`, so deleted items never leave a gap in （一）（二）.
    for number, item in enumerate(items, start=1):
        lines = _text_lines(item.text) or [""]
        para = _paragraph(doc, first_line_chars=2)
        # GB/T 9704 sets the second heading level （一） in 楷体; the ordinal alone is 楷体 here
        # because the item text is running body text, which stays 仿宋.
        set_run_font(para.add_run(f"（{chinese_ordinal(number)}）"), KAITI, SIZE_3)
        set_run_font(para.add_run(lines[0]), FANGSONG, SIZE_3)
        for line in lines[1:]:
            _paragraph(doc, line, first_line_chars=2)


def _add_signature(doc: DocxDocument, rec: Recommendation, day: date) -> None:
    # Room for the seal; the standard presses it over the signature and date.
    _paragraph(doc)
    _paragraph(doc)
    dated = _format_date(day)
    # With a seal the date sits 4 characters from the right and the issuer is centred over it.
    offset = round(4 + (_width_chars(dated) - _width_chars(rec.issuer.name)) / 2)
    signer = _paragraph(doc, rec.issuer.name, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _indent_chars(signer, right=max(offset, 0))
    when = _paragraph(doc, dated, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _indent_chars(when, right=4)
    if rec.status == Recommendation.Status.DRAFT:
        draft = _paragraph(doc, align=WD_ALIGN_PARAGRAPH.RIGHT)
        set_run_font(draft.add_run("（草稿，未生效）"), FANGSONG, SIZE_3, bold=True, color=RED)
        _indent_chars(draft, right=4)


def _cc_text(cc_units: str) -> str:
    # Users type separators freely; the 版记 lists recipients with "，" and ends with "。".
    names = [n for n in re.split(r"[,，、;；\s]+", cc_units.strip().rstrip("。.")) if n]
    return "，".join(names) + "。"


def _rule(doc: DocxDocument, eighths: int) -> None:
    """A full-width 版记 rule: its own 1 pt paragraph, since a border on the indented 抄送 or
    印发 line would stop one character short of the 版心 edges."""
    para = _paragraph(doc)
    para.paragraph_format.line_spacing = Pt(1)
    _border(para, "bottom", eighths=eighths, space=0)


def _add_colophon(doc: DocxDocument, rec: Recommendation, day: date) -> None:
    # Simplification: the standard puts the 版记 at the foot of the last even page; here it
    # follows the signature after a blank line, which a clerk can move when printing.
    _paragraph(doc)
    _rule(doc, 8)  # first and last 版记 rules 0.35 mm (≈1 pt), those between 0.25 mm
    if rec.cc_units.strip():
        cc = _paragraph(doc, f"抄送：{_cc_text(rec.cc_units)}", size=SIZE_4)
        # 左右各空一字; wrapped lines hang under the text after "抄送：".
        _indent_chars(cc, left=4, right=1, size=SIZE_4)
        cc.paragraph_format.first_line_indent = Pt(-3 * SIZE_4.pt)
        _rule(doc, 6)
    printed = _paragraph(doc, size=SIZE_4, align=WD_ALIGN_PARAGRAPH.LEFT)
    _indent_chars(printed, left=1, size=SIZE_4)
    # 印发机关 one character from the left, 印发日期 one character from the right.
    printed.paragraph_format.tab_stops.add_tab_stop(Pt(TEXT_WIDTH.pt - SIZE_4.pt), WD_TAB_ALIGNMENT.RIGHT)
    set_run_font(printed.add_run(f"{rec.issuer.name}\t{_format_date(day)}印发"), FANGSONG, SIZE_4)
    _rule(doc, 8)


def _add_field(para: Paragraph, instruction: str, placeholder: str) -> Run:
    """A complex field (begin, code, separate, result, end); Word and LibreOffice both update it."""
    runs = [para.add_run() for _ in range(5)]
    for run, kind in zip((runs[0], runs[2], runs[4]), ("begin", "separate", "end"), strict=True):
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    runs[1]._r.append(code)
    runs[3].text = placeholder
    for run in runs:
        set_run_font(run, SONGTI, SIZE_4)
    return runs[3]


def _add_page_number_footer(section: Section) -> None:
    # Simplification: the standard puts odd page numbers right and even ones left, one
    # character in; a single centred number needs no odd/even footers and reads the same.
    para = section.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    set_run_font(para.add_run("— "), SONGTI, SIZE_4)
    _add_field(para, "PAGE", "1")
    set_run_font(para.add_run(" —"), SONGTI, SIZE_4)
