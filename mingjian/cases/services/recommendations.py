"""纪检监察建议书 workflow.

draft -issue(送达)-> issued -reply-> replied -implement-> implementing -complete-> done

The number (X纪建〔2026〕3号) is taken when the document is issued, from a per-issuer, per-year
counter row held under a lock, so numbers have no gaps and no duplicates however many clerks
issue at once. The reply deadline starts from the served date.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.cases.models import (
    Case,
    CaseAnalysis,
    DocumentSequence,
    Recommendation,
    RecommendationItem,
    RecommendationReply,
    ReplyAttachment,
    mask_name,
)
from mingjian.cases.permissions import can_issue_as, can_review
from mingjian.lib.uploads import CheckedFile
from mingjian.org.models import Unit, User
from mingjian.org.permissions import is_unit_side
from mingjian.workflow.services import TransitionError, lock, move

S = Recommendation.Status


def _masked(text: str, case: Case) -> str:
    for person in case.persons.all():
        text = text.replace(person.name, mask_name(person.name))
    return text


def _drafted_items(analysis: CaseAnalysis | None) -> list[str]:
    items: list[str] = []
    if analysis is not None:
        for hole in analysis.loopholes.all():
            fix = f"修订完善《{hole.regulation.strip('《》')}》" if hole.regulation else "建立健全相关制度"
            items.append(f"针对“{hole.description}”的问题，{fix}，堵塞制度漏洞，并督促抓好执行。")
        for risk in analysis.risks.all():
            items.append(
                f"加强对{risk.post or '相关岗位和权力事项'}的监督制约，有效防范“{risk.description}”的廉政风险。"
            )
    items.append("以案为鉴开展警示教育，组织党员干部深入剖析反思，筑牢拒腐防变思想防线。")
    items.append("举一反三开展自查自纠，对同类问题全面排查，建立问题清单、任务清单、责任清单，逐项整改销号。")
    return items


def _drafted_texts(case: Case, analysis: CaseAnalysis | None) -> dict[str, str]:
    # The 通报 paragraph itself is the best statement of the facts; names are masked in documents.
    facts = _masked(case.notice_text.strip(), case)
    problems, causes = "", ""
    if analysis is not None:
        problems = "\n".join(
            [str(r) for r in analysis.risks.all()] + [str(h) for h in analysis.loopholes.all()]
        )
        causes = "\n".join(f"{c.get_dimension_display()}：{c.text}" for c in analysis.causes.all())
    return {"facts": facts, "problems": problems, "causes": causes}


@transaction.atomic
def draft_recommendation(case: Case, *, by: User, issuer: Unit) -> Recommendation:
    """A draft written from the case and its analysis; the clerk edits it before issuing."""
    if not (can_review(by, case.unit) and can_issue_as(by, issuer)):
        raise PermissionDenied
    analysis = CaseAnalysis.objects.filter(case=case).first()
    rec = Recommendation.objects.create(
        case=case,
        analysis=analysis,
        unit=case.unit,
        issuer=issuer,
        created_by=by,
        title=f"关于{case.unit.name}深化以案促改工作的纪检监察建议",
        **_drafted_texts(case, analysis),
    )
    RecommendationItem.objects.bulk_create(
        RecommendationItem(recommendation=rec, seq=i, text=t)
        for i, t in enumerate(_drafted_items(analysis), 1)
    )
    record(by, "cases.recommendation.drafted", rec, case=case.pk)
    return rec


@transaction.atomic
def save_recommendation(rec: Recommendation, *, by: User, items: list[str]) -> Recommendation:
    """Save an edited draft (the form already set its fields) and replace its numbered items."""
    if not can_review(by, rec.unit) or not can_issue_as(by, rec.issuer):
        raise PermissionDenied
    current = lock(rec)
    if current.status != S.DRAFT:
        raise TransitionError("建议书已送达，不能再修改。")
    rec.save()
    rec.items.all().delete()
    RecommendationItem.objects.bulk_create(
        RecommendationItem(recommendation=rec, seq=i, text=t) for i, t in enumerate(items, 1)
    )
    record(by, "cases.recommendation.updated", rec, items=len(items))
    return rec


def _take_number(issuer: Unit, year: int) -> int:
    counter, _ = DocumentSequence.objects.get_or_create(issuer=issuer, year=year)
    counter = DocumentSequence.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def document_number(issuer: Unit, year: int, seq: int) -> str:
    return f"{issuer.doc_code or issuer.short_name or issuer.name}〔{year}〕{seq}号"


@transaction.atomic
def issue_recommendation(rec: Recommendation, *, by: User, served_on: date, served_to: str) -> Recommendation:
    rec = lock(rec)
    if not (can_review(by, rec.unit) and can_issue_as(by, rec.issuer)):
        raise PermissionDenied
    today = timezone.localdate()
    if not rec.items.exists():
        raise TransitionError("建议书没有建议事项，不能送达。")
    if served_on > today:
        raise TransitionError("送达日期不能晚于今天。")
    if not served_to.strip():
        raise TransitionError("请填写签收人。")
    rec.year, rec.issued_on = today.year, today
    rec.seq = _take_number(rec.issuer, rec.year)
    rec.number = document_number(rec.issuer, rec.year, rec.seq)
    rec.served_on, rec.served_to = served_on, served_to.strip()
    rec.reply_due = served_on + timedelta(days=rec.reply_days)
    move(
        rec,
        to=S.ISSUED,
        by=by,
        action="issue",
        audit_action="cases.recommendation.issued",
        fields=("year", "seq", "number", "issued_on", "served_on", "served_to", "reply_due"),
        number=rec.number,
        reply_due=rec.reply_due,
    )
    return rec


@transaction.atomic
def reply_recommendation(
    rec: Recommendation,
    *,
    by: User,
    text: str,
    adopted: bool = True,
    objection: str = "",
    files: list[CheckedFile] | None = None,
) -> Recommendation:
    rec = lock(rec)
    if not is_unit_side(by, rec.unit):
        raise PermissionDenied
    if not text.strip():
        raise TransitionError("请填写回复内容。")
    if not adopted and not objection.strip():
        raise TransitionError("不采纳建议的，须写明异议及理由。")
    move(
        rec,
        to=S.REPLIED,
        by=by,
        action="reply",
        audit_action="cases.recommendation.replied",
        adopted=adopted,
        attachments=len(files or []),
    )
    reply = RecommendationReply.objects.create(
        recommendation=rec, text=text.strip(), adopted=adopted, objection=objection.strip(), replied_by=by
    )
    for checked in files or []:
        attachment = ReplyAttachment(reply=reply, name=checked.name, size=checked.size, sha256=checked.sha256)
        attachment.file.save(checked.name, ContentFile(checked.data), save=True)
    return rec


@transaction.atomic
def start_implementation(rec: Recommendation, *, by: User, comment: str = "") -> Recommendation:
    rec = lock(rec)
    if not can_review(by, rec.unit):
        raise PermissionDenied
    move(
        rec,
        to=S.IMPLEMENTING,
        by=by,
        action="implement",
        audit_action="cases.recommendation.implementing",
        comment=comment,
    )
    return rec


@transaction.atomic
def complete_recommendation(rec: Recommendation, *, by: User, comment: str = "") -> Recommendation:
    rec = lock(rec)
    if not can_review(by, rec.unit):
        raise PermissionDenied
    move(rec, to=S.DONE, by=by, action="complete", audit_action="cases.recommendation.done", comment=comment)
    return rec
