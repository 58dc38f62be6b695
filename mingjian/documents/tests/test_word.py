"""The .docx as Word reads it: structure, properties and the end-of-document plan."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from mingjian.documents import Heading, Paragraph, write_docx
from mingjian.documents.layout import Colophon, Plan
from mingjian.documents.meta import PRODUCT
from mingjian.documents.tests.examples import document

WPS_ANCHOR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}anchor"


def open_docx(data: bytes) -> DocxDocument:
    return Document(io.BytesIO(data))


def test_headings_numbered_per_level_and_text_normalised() -> None:
    body = (
        Heading("总体情况"),
        Paragraph('针对“制度“空转””和"走过场"的问题'),
        Heading("具体问题", level=2),
        Heading("细项", level=3),
        Heading("再细", level=4),
        Heading("又一项", level=3),
        Heading("第二部分"),
        Heading("分项", level=2),
        Paragraph("第一条建议", numbered=2),
    )
    texts = [p.text for p in open_docx(write_docx(document(0, body=body))).paragraphs]
    for line in [
        "一、总体情况",
        "（一）具体问题",
        "1.细项",
        "（1）再细",
        "2.又一项",
        "二、第二部分",
        "（一）分项",
    ]:
        assert line in texts
    assert "（二）第一条建议。" in texts  # numbered paragraphs continue the level, and end with 。
    assert "针对“制度‘空转’”和“走过场”的问题。" in texts


def test_core_properties_and_mode_are_the_products() -> None:
    created = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
    data = write_docx(document(2, created=created))
    props = open_docx(data).core_properties
    assert (props.title, props.author, props.last_modified_by) == (
        document(0).title,
        "中共测试市纪律检查委员会",
        PRODUCT,
    )
    assert props.created == props.modified == created
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        settings = package.read("word/settings.xml").decode()
        app = package.read("docProps/app.xml").decode()
    assert not any("thumbnail" in name or name.startswith("customXml") for name in names)
    assert (
        'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
    )
    assert f"<Application>{PRODUCT}</Application>" in app and "Macintosh" not in app
    assert "python-docx" not in (props.comments or "")


def _box_anchor(doc: DocxDocument) -> tuple[object, object]:
    anchor = doc.element.body.find(".//" + WPS_ANCHOR)
    assert anchor is not None
    para = anchor
    while para.tag != qn("w:p"):  # up through w:drawing, mc:AlternateContent and w:r
        para = para.getparent()
    return anchor, para


def test_colophon_is_one_box_at_the_foot_with_standard_rules() -> None:
    doc = open_docx(write_docx(document(2), Plan(colophon=Colophon.SAME_PAGE)))
    anchor, para = _box_anchor(doc)
    assert anchor.find(qn("wp:positionV")).get("relativeFrom") == "margin"  # type: ignore[attr-defined]
    assert anchor.find(qn("wp:wrapTopAndBottom")) is not None  # type: ignore[attr-defined]
    borders = anchor.find(".//" + qn("w:tblBorders"))  # type: ignore[attr-defined]
    sizes = {side: borders.find(qn(f"w:{side}")).get(qn("w:sz")) for side in ("top", "bottom", "insideH")}
    assert sizes == {"top": "8", "bottom": "8", "insideH": "6"}  # 0.35 mm outside, 0.25 mm between
    rows = anchor.findall(".//" + qn("w:tr"))  # type: ignore[attr-defined]
    assert len(rows) == 2 and all(r.find(".//" + qn("w:cantSplit")) is not None for r in rows)
    assert para.find(".//" + qn("w:pageBreakBefore")) is None  # type: ignore[attr-defined]


def test_next_page_plan_breaks_before_the_box() -> None:
    doc = open_docx(write_docx(document(2), Plan(colophon=Colophon.NEXT_PAGE)))
    _, para = _box_anchor(doc)
    assert para.find(".//" + qn("w:pageBreakBefore")) is not None  # type: ignore[attr-defined]
    assert len(doc.sections) == 1


def test_after_blank_plan_has_an_unnumbered_section() -> None:
    doc = open_docx(write_docx(document(2), Plan(colophon=Colophon.AFTER_BLANK)))
    assert len(doc.sections) == 2
    numbered, last = doc.sections
    assert "PAGE" in numbered.footer._element.xml and "PAGE" in numbered.even_page_footer._element.xml
    for footer in (last.footer, last.even_page_footer):
        assert not footer.is_linked_to_previous
        assert "PAGE" not in footer._element.xml and not any(p.text for p in footer.paragraphs)


def test_signature_keeps_with_the_text_when_planned() -> None:
    doc = open_docx(write_docx(document(2), Plan(spacers=1, keep_last=True)))
    paras = doc.paragraphs
    date_at = next(i for i, p in enumerate(paras) if p.text == "2026年11月22日")
    signer, blank, last_text = paras[date_at - 1], paras[date_at - 2], paras[date_at - 3]
    assert signer.text == "\t中共测试市纪律检查委员会\t测试市监察委员会"  # both organs, side by side
    assert blank.text == "" and last_text.text.startswith("（一）")
    assert all(p.paragraph_format.keep_with_next for p in (signer, blank, last_text))


def test_attachments_note_and_signer() -> None:
    doc = open_docx(
        write_docx(
            document(1, attachments=("整改任务清单。", "责任分工表"), signer="张某", note="联系人：李某")
        )
    )
    texts = [p.text for p in doc.paragraphs]
    assert "附件：1.整改任务清单" in texts and "2.责任分工表" in texts  # no closing punctuation
    assert "测纪建〔2026〕3号\t签发人：张某" in texts
    assert "（联系人：李某）" in texts
