"""An `OfficialDocument` as a .docx laid out after GB/T 9704-2012 《党政机关公文格式》.

The fonts named (仿宋_GB2312, 方正小标宋简体 …) are those an office has installed; where a
renderer lacks them it substitutes (see `pdf` and fonts.conf), which changes looks, not metrics.
"""

from __future__ import annotations

import io
from dataclasses import replace

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.section import Section
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun

from mingjian.documents import colophon
from mingjian.documents import geometry as g
from mingjian.documents.flow import SONGTI, Flow, Para, Run, build_flow, spacer
from mingjian.documents.layout import Colophon, Plan, estimate_plan
from mingjian.documents.meta import set_metadata
from mingjian.documents.spec import OfficialDocument
from mingjian.documents.wordxml import (
    add_border,
    add_page_field,
    foot_box,
    set_char_indents,
    set_chinese,
    set_fonts,
    set_spacing,
)

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
TAB_ALIGN = {
    "left": WD_TAB_ALIGNMENT.LEFT,
    "center": WD_TAB_ALIGNMENT.CENTER,
    "right": WD_TAB_ALIGNMENT.RIGHT,
}
PAGE_NUMBER_LINE = g.SIZE_4  # exact line height of the page number


def plan_document(doc: OfficialDocument) -> Plan:
    """How the document ends (signature spacing, 版记 page), from the estimated page breaks."""
    return estimate_plan(build_flow(doc), colophon_lines=colophon.height(colophon.rows(doc)) / g.LINE)


def write_docx(doc: OfficialDocument, plan: Plan | None = None) -> bytes:
    """The document as .docx bytes. Without a plan, the end of the document follows the estimate."""
    flow = build_flow(doc)
    rows = colophon.rows(doc)
    box_height = colophon.height(rows)
    plan = plan or plan_document(doc)
    out = Document()
    _setup_page(out.sections[0])
    _setup_styles(out)
    for para in _ordered(flow, plan):
        _write(out, para)
    _add_colophon(out, plan, rows, box_height)
    _add_page_numbers(out)
    set_metadata(out, doc)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _ordered(flow: Flow, plan: Plan) -> list[Para]:
    """The flow with the signature block as the plan has it: its blank lines, and what stays
    together (署名 with 成文日期 always; the last paragraph with them when the plan says so)."""
    body = list(flow.body)
    if plan.keep_last and body:
        body[-1] = _keep(body[-1])
    sig = [spacer(keep_next=True) for _ in range(plan.spacers)]
    sig += [_keep(p) for p in flow.signature[:-1]] + flow.signature[-1:]
    return [*flow.head, *body, *sig]


def _keep(para: Para) -> Para:
    return replace(para, keep_next=True)


# --- page and styles -------------------------------------------------------------------------


def _setup_page(section: Section) -> None:
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(g.PAGE_WIDTH_MM), Mm(g.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(g.TOP_MM), Mm(g.BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(g.LEFT_MM), Mm(g.RIGHT_MM)
    section.header_distance = Mm(15)
    # The footer's bottom edge sits where the page number's 一字线 ends up 7 mm under the 版心:
    # the dash is drawn at the middle of the glyph face.
    dash = g.face_top(0, PAGE_NUMBER_LINE, g.SIZE_4) + (g.EM_ASCENT + g.EM_DESCENT) * g.SIZE_4 / 2
    footer_bottom = g.TOP_MM * g.MM + g.TEXT_HEIGHT + g.PAGE_NUMBER_GAP + (PAGE_NUMBER_LINE - dash)
    section.footer_distance = Pt(g.PAGE_HEIGHT_MM * g.MM - footer_bottom)


def _setup_styles(doc: DocxDocument) -> None:
    # Runs never touched (an empty line, a field result) still come out in 仿宋 三号, condensed.
    normal = doc.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    set_fonts(rpr, "仿宋_GB2312")
    normal.font.size = Pt(g.SIZE_3)
    set_spacing(rpr, g.CONDENSE_TWIPS)
    set_chinese(rpr)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(g.LINE)
    fmt.space_before = fmt.space_after = Pt(0)
    # Widow control would pull a line onto the next page and leave 21 lines on this one.
    fmt.widow_control = False


# --- paragraphs ------------------------------------------------------------------------------


def _write(doc: DocxDocument, spec: Para) -> Paragraph:
    para = doc.add_paragraph()
    fmt = para.paragraph_format
    para.alignment = ALIGN[spec.align]
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(spec.line)
    if spec.before:
        fmt.space_before = Pt(round(spec.before, 2))
    if spec.keep_next:
        fmt.keep_with_next = True
    _indent(para, spec)
    for tab in spec.tabs:
        fmt.tab_stops.add_tab_stop(Pt(round(tab.position, 2)), TAB_ALIGN[tab.align])
    if spec.top_rule:
        eighths, color = spec.top_rule
        add_border(para, "top", eighths=eighths, color=color)
    for n, line in enumerate(spec.lines):
        for run in line:
            _add_run(para, run)
        if n < len(spec.lines) - 1:  # the break in the line's typeface, so its height matches
            _add_run(para, replace(line[-1], text="")).add_break(WD_BREAK.LINE)
    return para


def _indent(para: Paragraph, spec: Para) -> None:
    fmt = para.paragraph_format
    if spec.indent_chars:
        fmt.first_line_indent = Pt(spec.indent_chars * g.SIZE_3)
        set_char_indents(para, first_line=spec.indent_chars)
    elif spec.hanging:
        fmt.first_line_indent = Pt(-spec.hanging)
    if spec.left:
        fmt.left_indent = Pt(round(spec.left, 2))
    if spec.right or spec.right_chars:
        fmt.right_indent = Pt(round(spec.right + spec.right_chars * g.SIZE_3, 2))
    if spec.right_chars:
        set_char_indents(para, right=spec.right_chars)


def _add_run(para: Paragraph, spec: Run) -> DocxRun:
    run = para.add_run(spec.text)
    rpr = run._r.get_or_add_rPr()
    set_fonts(rpr, spec.font)
    run.font.size = Pt(spec.size)
    if spec.bold:
        run.font.bold = True
    if spec.color:
        run.font.color.rgb = RGBColor.from_string(spec.color)
    if not spec.condensed:
        set_spacing(rpr, 0)
    return run


# --- 版记 and page numbers -------------------------------------------------------------------


def _add_colophon(doc: DocxDocument, plan: Plan, rows: list[colophon.Row], box_height: float) -> None:
    if plan.colophon is Colophon.AFTER_BLANK:
        # A new section with empty footers: neither the blank page nor the 版记 page is numbered.
        section = doc.add_section(WD_SECTION_START.NEW_PAGE)
        for footer in (section.footer, section.even_page_footer):
            footer.is_linked_to_previous = False
        _tiny(doc)  # the blank page
    anchor = _tiny(doc)
    if plan.colophon is not Colophon.SAME_PAGE:
        anchor.paragraph_format.page_break_before = True
    anchor.add_run()._r.append(
        foot_box(colophon.table(rows), height=box_height, below=colophon.BELOW, box_id=1)
    )


def _tiny(doc: DocxDocument) -> Paragraph:
    """An empty 1 pt paragraph: an anchor or a page's only content, taking no room."""
    para = doc.add_paragraph()
    para.paragraph_format.line_spacing = Pt(1)
    return para


def _add_page_numbers(doc: DocxDocument) -> None:
    """Page numbers "— 1 —" in 四号宋体: odd pages on the right, even pages on the left, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        para = footer.paragraphs[0]
        para.alignment = ALIGN[align]
        para.paragraph_format.line_spacing = Pt(PAGE_NUMBER_LINE)
        setattr(para.paragraph_format, f"{align}_indent", Pt(g.SIZE_4))
        runs = [para.add_run("— "), *add_page_field(para), para.add_run(" —")]
        for run in runs:
            rpr = run._r.get_or_add_rPr()
            set_fonts(rpr, SONGTI)
            set_spacing(rpr, 0)
            run.font.size = Pt(g.SIZE_4)
