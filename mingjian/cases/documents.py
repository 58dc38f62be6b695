"""The 纪检监察建议书 as a 公文: what a Recommendation says, described for mingjian.documents.

The layout (GB/T 9704-2012) belongs to mingjian.documents; this module only says which text goes
where: the five sections (问题来源及事实, 存在的问题, 原因分析, 建议, 回复要求), the numbered items,
the issuing body's full names, 抄送 and 印发机关. Views, the API and background jobs all call
`build_recommendation_docx` / `build_recommendation_pdf`, so every copy is the same document.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from mingjian.cases.models import Recommendation, RecommendationItem
from mingjian.documents import Heading, OfficialDocument, Paragraph, write_docx
from mingjian.documents.pdf import render_pdf
from mingjian.documents.text import chinese_ordinal, text_lines

__all__ = [
    "build_recommendation_docx",
    "build_recommendation_pdf",
    "chinese_ordinal",
    "recommendation_document",
]

SECTION_HEADINGS = ("问题来源及事实", "存在的问题", "原因分析", "建议", "回复要求")
DRAFT_NUMBER = "（草稿）"
DRAFT_MARK = "（草稿，未生效）"


def recommendation_document(
    rec: Recommendation, items: Iterable[RecommendationItem] | None = None
) -> OfficialDocument:
    """The 建议书 described as a 公文. `items` defaults to the saved items; pass them for an
    unsaved draft (an unsaved instance cannot follow a reverse relation)."""
    if items is None:
        items = rec.items.order_by("seq") if rec.pk else []
    day = rec.issued_on or timezone.localdate()
    issuers = rec.issuer.issuing_names()
    return OfficialDocument(
        issuers=issuers,
        number=rec.number or DRAFT_NUMBER,
        title=rec.title,
        addressees=rec.unit.name,
        body=tuple(_body(rec, sorted(items, key=lambda item: item.seq))),
        dated=day,
        draft_mark=DRAFT_MARK if rec.status == Recommendation.Status.DRAFT else "",
        cc=(rec.cc_units,) if rec.cc_units.strip() else (),
        printed_by=rec.issuer.printing_office(),
        keep_words=(rec.unit.name, rec.issuer.name),
    )


def build_recommendation_docx(
    rec: Recommendation, items: Iterable[RecommendationItem] | None = None
) -> bytes:
    return write_docx(recommendation_document(rec, items))


def build_recommendation_pdf(rec: Recommendation) -> bytes:
    """The 建议书 as PDF (LibreOffice must be installed: see mingjian.documents.pdf)."""
    return render_pdf(recommendation_document(rec))


def _body(rec: Recommendation, items: list[RecommendationItem]) -> list[Heading | Paragraph]:
    # Optional sections left blank are skipped; the generator numbers the rest 一、二、三 in order.
    texts = (rec.facts, rec.problems, rec.causes, None, rec.requirements_text())
    blocks: list[Heading | Paragraph] = []
    for heading, text in zip(SECTION_HEADINGS, texts, strict=True):
        if text is None:  # the 建议 section, whose content is the item list
            if items:
                blocks.append(Heading(heading))
                blocks += _items(items)
        elif lines := text_lines(text):
            blocks.append(Heading(heading))
            blocks += [Paragraph(line) for line in lines]
    return blocks


def _items(items: list[RecommendationItem]) -> list[Paragraph]:
    # Numbered by position, not by `seq`, so deleted items never leave a gap in （一）（二）; an
    # item's further lines are paragraphs of their own.
    blocks = []
    for item in items:
        lines = text_lines(item.text) or [""]
        blocks.append(Paragraph(lines[0], numbered=2))
        blocks += [Paragraph(line) for line in lines[1:]]
    return blocks
