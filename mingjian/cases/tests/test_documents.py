from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from mingjian.cases.documents import build_recommendation_docx, chinese_ordinal
from mingjian.cases.models import Recommendation, RecommendationItem
from mingjian.org.models import Unit
from mingjian.org.tests.factories import UnitFactory

ISSUER = "中共测试县纪律检查委员会"
TITLE = "关于测试县民政局农村低保审核审批中优亲厚友问题的纪检监察建议"


def make_rec(**overrides: object) -> Recommendation:
    """An unsaved 建议书: the document needs no database."""
    fields: dict[str, object] = {
        "issuer": Unit(name=ISSUER),
        "unit": Unit(name="测试县民政局"),
        "title": TITLE,
        "number": "测纪建〔2026〕3号",
        "facts": "本委在查办王某某违纪违法案件中发现：\n\n  王某某违规为3户亲属办理低保。",
        "problems": "一是审核把关不严。\n二是民主评议流于形式。",
        "causes": "主体责任落实不到位。",
        "cc_units": "测试县人民政府、测试县财政局",
        "issued_on": date(2026, 11, 22),
        "status": Recommendation.Status.ISSUED,
    }
    fields.update(overrides)
    return Recommendation(**fields)


ITEMS = [
    RecommendationItem(seq=5, text="健全低保审核审批制度。"),
    RecommendationItem(seq=2, text="落实民主评议和公示制度。\n逐户复核在保对象。"),
]


def open_docx(data: bytes) -> DocxDocument:
    return Document(io.BytesIO(data))


def east_asian(run: Run) -> str | None:
    rpr = run._r.rPr
    return None if rpr is None or rpr.rFonts is None else rpr.rFonts.get(qn("w:eastAsia"))


def find(doc: DocxDocument, text: str) -> Paragraph:
    return next(p for p in doc.paragraphs if text in p.text)


def texts(doc: DocxDocument) -> list[str]:
    return [p.text for p in doc.paragraphs]


def box_texts(doc: DocxDocument) -> list[str]:
    """Paragraph texts inside the 版记 box (a text box pinned to the foot of the last page)."""
    box = doc.element.body.find(".//" + qn("w:txbxContent"))
    assert box is not None
    return [
        "".join(
            c.text or "" if c.tag == qn("w:t") else "\t"
            for r in p.iter(qn("w:r"))
            for c in r.iter(qn("w:t"), qn("w:tab"))
        )
        for p in box.iter(qn("w:p"))
    ]


@pytest.fixture
def doc() -> DocxDocument:
    return open_docx(build_recommendation_docx(make_rec(), ITEMS))


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一"), (99, "九十九")],
)
def test_chinese_ordinal(n: int, expected: str) -> None:
    assert chinese_ordinal(n) == expected


@pytest.mark.parametrize("n", [0, 100])
def test_chinese_ordinal_out_of_range(n: int) -> None:
    with pytest.raises(ValueError, match="1–99"):
        chinese_ordinal(n)


def test_title_is_xiaobiaosong_erhao_centered(doc: DocxDocument) -> None:
    title = find(doc, "关于测试县民政局")
    # Broken between words into two centred lines (GB/T 9704 7.3.1), not left for Word to wrap.
    assert title.text.split("\n") == ["关于测试县民政局农村低保审核审批中", "优亲厚友问题的纪检监察建议"]
    assert title.text.replace("\n", "") == TITLE
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert {east_asian(r) for r in title.runs} == {"方正小标宋简体"}
    assert title.runs[0].font.size is not None and title.runs[0].font.size.pt == 22


def test_masthead_red_issuer_then_number_and_red_rule(doc: DocxDocument) -> None:
    mark, number, rule_para = doc.paragraphs[0], doc.paragraphs[1], doc.paragraphs[2]
    assert mark.text == ISSUER
    assert str(mark.runs[0].font.color.rgb) == "C00000"
    assert east_asian(mark.runs[0]) == "方正小标宋简体"
    assert number.text == "测纪建〔2026〕3号"
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    rule = rule_para._p.pPr.find(qn("w:pBdr")).find(qn("w:top"))
    assert rule.get(qn("w:color")) == "C00000" and rule.get(qn("w:sz")) == "18"


def test_body_runs_are_fangsong(doc: DocxDocument) -> None:
    facts = find(doc, "王某某违规为3户亲属办理低保")
    # Typed-in indents are dropped; the first-line indent is 2 characters of 三号.
    assert facts.text == "王某某违规为3户亲属办理低保。"
    assert {east_asian(r) for r in facts.runs} == {"仿宋_GB2312"}
    assert facts.paragraph_format.first_line_indent is not None
    assert facts.paragraph_format.first_line_indent.pt == 32
    assert facts._p.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert facts.runs[0].font.size is not None and facts.runs[0].font.size.pt == 16


def test_normal_style_fixed_line_pitch_and_fonts(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    fmt = normal.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    # 579 twips: 22 lines fill the 225 mm 版心 (580 twips, 29 pt, would leave room for only 21).
    assert fmt.line_spacing is not None and fmt.line_spacing.twips == 579
    fonts = normal.element.rPr.rFonts
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("eastAsia", "ascii", "hAnsi")} == {"仿宋_GB2312"}


def test_sections_in_order_with_heiti_headings(doc: DocxDocument) -> None:
    headings = ["一、问题来源及事实", "二、存在的问题", "三、原因分析", "四、建议", "五、回复要求"]
    lines = texts(doc)
    positions = [lines.index(h) for h in headings]
    assert positions == sorted(positions)
    assert east_asian(find(doc, "四、建议").runs[0]) == "黑体"
    assert "自收到之日起30日内" in "".join(lines)  # requirements_text() with the default 30 days


def test_empty_optional_sections_are_skipped_and_renumbered() -> None:
    doc = open_docx(build_recommendation_docx(make_rec(problems="", causes="  \n"), ITEMS))
    lines = texts(doc)
    assert "二、建议" in lines and "三、回复要求" in lines
    assert not any("存在的问题" in line or "原因分析" in line for line in lines)


def test_items_numbered_by_position_with_kaiti_ordinal(doc: DocxDocument) -> None:
    first, second = find(doc, "（一）"), find(doc, "（二）")
    # Sorted by seq (2 before 5), numbered by position (no gap for the missing seqs).
    assert first.text == "（一）落实民主评议和公示制度。"
    assert second.text == "（二）健全低保审核审批制度。"
    assert east_asian(first.runs[0]) == "楷体_GB2312"
    assert east_asian(first.runs[1]) == "仿宋_GB2312"
    assert "逐户复核在保对象。" in texts(doc)  # an item's second line is its own paragraph


def test_addressee_line(doc: DocxDocument) -> None:
    addressee = find(doc, "测试县民政局：")
    assert addressee.text.endswith("：")
    assert addressee.paragraph_format.first_line_indent is None


def test_margins_and_page_size(doc: DocxDocument) -> None:
    section = doc.sections[0]
    for length, mm in (
        (section.top_margin, 37),
        (section.bottom_margin, 35),
        (section.left_margin, 28),
        (section.right_margin, 26),
        (section.page_width, 210),
        (section.page_height, 297),
    ):
        assert length is not None and abs(length.mm - mm) < 0.5


def test_signature_date_and_colophon(doc: DocxDocument) -> None:
    lines = texts(doc)
    date_at = lines.index("2026年11月22日")
    assert lines[date_at - 1] == ISSUER
    assert doc.paragraphs[date_at].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # The 版记 sits in the box at the foot of the page; its 印发机关 is the issuer's 办公室.
    assert box_texts(doc)[:2] == [
        "抄送：测试县人民政府，测试县财政局。",
        f"{ISSUER}办公室\t2026年11月22日印发",
    ]
    assert "草稿" not in "".join(lines)


def test_page_number_fields_odd_right_even_left(doc: DocxDocument) -> None:
    section = doc.sections[0]
    assert doc.settings.odd_and_even_pages_header_footer
    for footer, side in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        para = footer.paragraphs[0]
        assert para.text.startswith("— ") and para.text.endswith(" —")
        assert "PAGE" in "".join(t.text for t in para._p.iter(qn("w:instrText")))
        assert para.alignment == side
        assert {east_asian(r) for r in para.runs} == {"宋体"}


def test_core_properties(doc: DocxDocument) -> None:
    assert doc.core_properties.title == TITLE
    assert doc.core_properties.author == ISSUER
    assert doc.core_properties.created is not None and doc.core_properties.created.year >= 2026


def test_draft_is_marked_and_dated_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: date(2026, 3, 5))
    rec = make_rec(number="", issued_on=None, status=Recommendation.Status.DRAFT, cc_units="")
    lines = texts(open_docx(build_recommendation_docx(rec, ITEMS)))
    assert lines[1] == "（草稿）"
    assert "（草稿，未生效）" in lines
    assert "2026年3月5日" in lines
    box = box_texts(open_docx(build_recommendation_docx(rec, ITEMS)))
    assert not any(line.startswith("抄送") for line in box)
    assert f"{ISSUER}办公室\t2026年3月5日印发" in box


def test_long_title_and_issuer_do_not_break_the_document() -> None:
    rec = make_rec(issuer=Unit(name="中共测试市纪律检查委员会驻测试市民政局纪检监察组"), title="关于" * 40)
    doc = open_docx(build_recommendation_docx(rec, []))
    size = doc.paragraphs[0].runs[0].font.size
    assert size is not None and 22 <= size.pt <= 36
    assert "四、建议" not in texts(doc)  # no items, no empty 建议 section


@pytest.mark.django_db
def test_saved_recommendation_reads_its_items() -> None:
    rec = make_rec(issuer=UnitFactory(name=ISSUER), unit=UnitFactory(name="测试县民政局"))
    rec.save()
    rec.items.create(seq=1, text="健全低保审核审批制度。")
    doc = open_docx(build_recommendation_docx(rec))
    assert find(doc, "（一）").text == "（一）健全低保审核审批制度。"


@pytest.mark.django_db
def test_issuer_full_names_with_the_locality_and_its_office() -> None:
    """A 市纪委监委 without a stored full name prints as both organs of its city."""
    city = UnitFactory(name="测试市", kind=Unit.Kind.PARTY_GOVT)
    commission = UnitFactory(name="市纪委监委", kind=Unit.Kind.COMMISSION, parent=city)
    rec = make_rec(issuer=commission, unit=UnitFactory(name="市民政局", parent=city), cc_units="")
    doc = open_docx(build_recommendation_docx(rec, ITEMS))
    assert doc.paragraphs[0].text == "中共测试市纪律检查委员会\n测试市监察委员会"
    assert "中共测试市纪律检查委员会\t测试市监察委员会" in "".join(texts(doc))  # side by side
    assert box_texts(doc)[0] == "中共测试市纪律检查委员会办公室\t2026年11月22日印发"
