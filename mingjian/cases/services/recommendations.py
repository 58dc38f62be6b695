"""纪检监察建议书, from draft to 送达 (the rest of its life — reply, objection, plan, closure — is
the unit's rectification and lives in rectification.services.answers).

draft -submit-> approving -sign … sign (last step)-> approved -issue(送达)-> issued
  ^                 |
  +---- reject -----+

Every step of the issuing body's chain (承办部门负责人 → 分管领导 → 主要负责人 by default) is signed
by a distinct account holding that post, never by whoever drafted, edited or submitted the draft;
the 成文日期 is the day the last step signs. The number (X纪建〔2026〕3号) is taken on 送达, from a
per-issuer, per-year counter row held under a lock, so numbers have no gaps and no duplicates
however many clerks issue at once. The reply deadline starts from the served date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.cases.models import (
    ApprovalStep,
    Case,
    CaseAnalysis,
    DocumentSequence,
    IntegrityRisk,
    Recommendation,
    RecommendationItem,
    RecommendationPolicy,
    SupervisionFinding,
    SystemLoophole,
    mask_names,
)
from mingjian.cases.permissions import can_issue_as, can_review, can_sign_step
from mingjian.org.models import Unit, User
from mingjian.workflow.services import TransitionError, lock, move, require_independent

S = Recommendation.Status
K = RecommendationItem.Kind
STOCK_EDUCATION = "以案为鉴开展警示教育，组织党员干部深入剖析反思，筑牢拒腐防变思想防线。"
STOCK_SELF_INSPECTION = (
    "举一反三开展自查自纠，对同类问题全面排查，建立问题清单、任务清单、责任清单，逐项整改销号。"
)


@dataclass(frozen=True)
class ItemRow:
    """One 建议 as the editor gives it; `item_id` keeps an existing item (and its links)."""

    text: str
    kind: str = K.REMEDY
    problem_statement: str = ""
    item_id: int | None = None


def _masked(text: str, case: Case) -> str:
    return mask_names(text, case.person_names)


def _drafted_items(analysis: CaseAnalysis | None) -> list[RecommendationItem]:
    items: list[RecommendationItem] = []
    if analysis is not None:
        for hole in analysis.loopholes.all():
            fix = f"修订完善《{hole.regulation.strip('《》')}》" if hole.regulation else "建立健全相关制度"
            items.append(
                RecommendationItem(
                    text=f"{fix}，堵塞制度漏洞，并督促抓好执行。", loophole=hole, kind=K.REMEDY
                )
            )
        for risk in analysis.risks.all():
            target = risk.post or "相关岗位和权力事项"
            items.append(
                RecommendationItem(
                    text=f"加强对{target}的监督制约，健全防控措施，有效防范廉政风险。", risk=risk
                )
            )
    items.append(RecommendationItem(text=STOCK_EDUCATION, kind=K.EDUCATION))
    items.append(RecommendationItem(text=STOCK_SELF_INSPECTION, kind=K.SELF_INSPECTION))
    return items


def _drafted_texts(case: Case, analysis: CaseAnalysis | None) -> dict[str, str]:
    # The 通报 paragraph itself is the best statement of the facts; names are masked in documents.
    facts = _masked(case.notice_text.strip(), case)
    problems, causes = "", ""
    if analysis is not None:
        found: list[IntegrityRisk | SystemLoophole] = [*analysis.risks.all(), *analysis.loopholes.all()]
        problems = "\n".join(str(x) for x in found)
        causes = "\n".join(f"{c.get_dimension_display()}：{c.text}" for c in analysis.causes.all())
    return {"facts": facts, "problems": problems, "causes": causes}


def _title(unit: Unit, kind: str, matter: str = "深化以案促改工作") -> str:
    return f"关于{unit.name}{matter}的{Recommendation.Kind(kind).label}"


def _create(
    by: User, issuer: Unit, unit: Unit, items: list[RecommendationItem], **fields: object
) -> Recommendation:
    if not (can_review(by, unit) and can_issue_as(by, issuer)):
        raise PermissionDenied
    policy = RecommendationPolicy.for_issuer(issuer)
    rec = Recommendation.objects.create(
        unit=unit, issuer=issuer, created_by=by, reply_days=policy.reply_days, **fields
    )
    for seq, item in enumerate(items, 1):
        item.recommendation, item.seq = rec, seq
    RecommendationItem.objects.bulk_create(items)
    return rec


@transaction.atomic
def draft_recommendation(case: Case, *, by: User, issuer: Unit) -> Recommendation:
    """A draft written from the case and its analysis; the clerk edits it before approval."""
    analysis = CaseAnalysis.objects.filter(case=case).first()
    kind = Recommendation.Kind.COMBINED
    rec = _create(
        by,
        issuer,
        case.unit,
        _drafted_items(analysis),
        case=case,
        analysis=analysis,
        kind=kind,
        title=_title(case.unit, kind),
        **_drafted_texts(case, analysis),
    )
    record(by, "cases.recommendation.drafted", rec, case=case.pk)
    return rec


@transaction.atomic
def draft_from_finding(finding: SupervisionFinding, *, by: User, issuer: Unit) -> Recommendation:
    """A 建议书 grounded in a 监督发现 (a 问题线索 checked, daily supervision) rather than a case."""
    kind = Recommendation.Kind.SUPERVISION
    rec = _create(
        by,
        issuer,
        finding.unit,
        [
            RecommendationItem(
                text="针对上述问题认真整改，健全制度、堵塞漏洞。", problem_statement=finding.facts[:500]
            )
        ],
        finding=finding,
        kind=kind,
        title=_title(finding.unit, kind, f"{finding.title}问题整改"),
        facts=finding.facts,
    )
    record(by, "cases.recommendation.drafted", rec, finding=finding.pk)
    return rec


def _sync_items(rec: Recommendation, rows: list[ItemRow]) -> None:
    """Keep edited items (their links to risks and loopholes), add new ones, drop the rest."""
    existing = {i.pk: i for i in rec.items.all()}
    kept = {r.item_id for r in rows if r.item_id in existing}
    rec.items.exclude(pk__in=kept).delete()
    # Renumber in two passes so the (recommendation, seq) constraint never sees a clash.
    rec.items.update(seq=F("seq") + len(rows) + 1000)
    for seq, row in enumerate(rows, 1):
        item = existing.get(row.item_id or 0) or RecommendationItem(recommendation=rec)
        item.seq, item.text, item.kind, item.problem_statement = (
            seq,
            row.text,
            row.kind,
            row.problem_statement,
        )
        item.save()


@transaction.atomic
def save_recommendation(rec: Recommendation, *, by: User, items: list[ItemRow]) -> Recommendation:
    """Save an edited draft (the form already set its fields) and its items."""
    if not can_review(by, rec.unit) or not can_issue_as(by, rec.issuer):
        raise PermissionDenied
    current = lock(rec)
    if current.status != S.DRAFT:
        raise TransitionError("建议书已提交审批或已送达，不能再修改。")
    if not items:
        raise TransitionError("至少填写一条建议事项。")
    rec.save()
    _sync_items(rec, items)
    record(by, "cases.recommendation.updated", rec, items=len(items))
    return rec


def _check_substance(rec: Recommendation) -> None:
    items = list(rec.items.all())
    if not items:
        raise TransitionError("建议书没有建议事项。")
    # 滥发: a 建议书 of stock items alone (警示教育、自查自纠) recommends nothing specific.
    if all(i.is_stock for i in items):
        raise TransitionError("建议事项只有警示教育、自查自纠等通用要求，请针对剖析发现的问题提出具体建议。")


@transaction.atomic
def submit_for_approval(rec: Recommendation, *, by: User) -> Recommendation:
    rec = lock(rec)
    if not (can_review(by, rec.unit) and can_issue_as(by, rec.issuer)):
        raise PermissionDenied
    _check_substance(rec)
    round_ = (rec.approvals.aggregate(r=Max("round"))["r"] or 0) + 1
    steps = RecommendationPolicy.for_issuer(rec.issuer).steps
    ApprovalStep.objects.bulk_create(
        ApprovalStep(recommendation=rec, round=round_, seq=i, kind=kind) for i, kind in enumerate(steps, 1)
    )
    move(
        rec,
        to=S.APPROVING,
        by=by,
        action="submit",
        audit_action="cases.recommendation.submitted",
        steps=steps,
    )
    return rec


def _pending_step(rec: Recommendation) -> ApprovalStep:
    step = rec.approvals.filter(decision=ApprovalStep.Decision.PENDING).order_by("round", "seq").first()
    if step is None:
        raise TransitionError("没有待签批的环节。")
    return step


def _check_signer(rec: Recommendation, step: ApprovalStep, by: User) -> None:
    if not can_sign_step(by, rec, step.kind):
        raise PermissionDenied
    require_independent(by, rec, "审批")
    signed = rec.approvals.filter(round=step.round, signer=by).exists()
    if signed:
        raise TransitionError("同一轮审批中每个环节须由不同人员签批，您已签批过本建议书。")


@transaction.atomic
def approve_step(rec: Recommendation, *, by: User, comment: str = "") -> Recommendation:
    """Sign the next step; the last signature makes the document 成文 (dated today)."""
    rec = lock(rec)
    if rec.status != S.APPROVING:
        raise TransitionError("建议书不在审批中。")
    step = _pending_step(rec)
    _check_signer(rec, step, by)
    step.decision, step.signer, step.comment, step.signed_at = (
        ApprovalStep.Decision.APPROVED,
        by,
        comment.strip(),
        timezone.now(),
    )
    step.save(update_fields=["decision", "signer", "comment", "signed_at"])
    last = not rec.approvals.filter(round=step.round, decision=ApprovalStep.Decision.PENDING).exists()
    label = f"{step.get_kind_display()}同意" + (f"：{comment.strip()}" if comment.strip() else "")
    if last:
        rec.issued_on = timezone.localdate()
        move(
            rec,
            to=S.APPROVED,
            by=by,
            action="approve",
            audit_action="cases.recommendation.approved",
            comment=label,
            fields=("issued_on",),
        )
    else:
        move(
            rec,
            to=S.APPROVING,
            by=by,
            action="sign",
            audit_action="cases.recommendation.signed",
            comment=label,
        )
    return rec


@transaction.atomic
def reject_step(rec: Recommendation, *, by: User, comment: str) -> Recommendation:
    rec = lock(rec)
    if rec.status != S.APPROVING:
        raise TransitionError("建议书不在审批中。")
    if not comment.strip():
        raise TransitionError("退回修改须写明理由。")
    step = _pending_step(rec)
    _check_signer(rec, step, by)
    step.decision, step.signer, step.comment, step.signed_at = (
        ApprovalStep.Decision.REJECTED,
        by,
        comment.strip(),
        timezone.now(),
    )
    step.save(update_fields=["decision", "signer", "comment", "signed_at"])
    rec.approvals.filter(round=step.round, decision=ApprovalStep.Decision.PENDING).delete()
    move(
        rec,
        to=S.DRAFT,
        by=by,
        action="reject",
        audit_action="cases.recommendation.rejected",
        comment=f"{step.get_kind_display()}退回：{comment.strip()}",
    )
    return rec


def _take_number(issuer: Unit, year: int) -> int:
    counter, _ = DocumentSequence.objects.get_or_create(issuer=issuer, year=year)
    counter = DocumentSequence.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def document_number(issuer: Unit, year: int, seq: int) -> str:
    return f"{issuer.doc_code or issuer.short_name or issuer.name}〔{year}〕{seq}号"


def _served_to(rec: Recommendation, served_to: str, served_to_user: User | None) -> tuple[str, User | None]:
    """The 签收人: an account of the addressee unit when there is one (chosen, not retyped)."""
    if served_to_user is not None:
        if served_to_user.unit is None or not served_to_user.unit.is_within(rec.unit):
            raise TransitionError("签收人须为主送单位的人员。")
        return served_to_user.display_name, served_to_user
    if not served_to.strip():
        raise TransitionError("请选择或填写签收人。")
    return served_to.strip(), None


@transaction.atomic
def issue_recommendation(
    rec: Recommendation, *, by: User, served_on: date, served_to: str = "", served_to_user: User | None = None
) -> Recommendation:
    """送达: the approved document gets its number and is served; the reply clock starts."""
    rec = lock(rec)
    if not (can_review(by, rec.unit) and can_issue_as(by, rec.issuer)):
        raise PermissionDenied
    if rec.status != S.APPROVED:
        raise TransitionError("建议书须经审批签发后才能编号送达。")
    today = timezone.localdate()
    if served_on > today:
        raise TransitionError("送达日期不能晚于今天。")
    if rec.issued_on and served_on < rec.issued_on:
        raise TransitionError(f"送达日期不能早于成文日期（{rec.issued_on:%Y-%m-%d}）。")
    rec.served_to, rec.served_to_user = _served_to(rec, served_to, served_to_user)
    rec.year = (rec.issued_on or today).year
    rec.seq = _take_number(rec.issuer, rec.year)
    rec.number = document_number(rec.issuer, rec.year, rec.seq)
    rec.served_on = served_on
    rec.reply_due = served_on + timedelta(days=rec.reply_days)
    move(
        rec,
        to=S.ISSUED,
        by=by,
        action="issue",
        audit_action="cases.recommendation.issued",
        fields=("year", "seq", "number", "served_on", "served_to", "served_to_user", "reply_due"),
        number=rec.number,
        reply_due=rec.reply_due,
    )
    return rec


@transaction.atomic
def save_recommendation_policy(
    issuer: Unit,
    *,
    by: User,
    steps: list[str],
    reply_days: int,
    objection_days: int,
    objection_suspends: bool,
) -> RecommendationPolicy:
    """The issuing body's approval chain and reply/objection rules (its own staff keep them)."""
    if not can_issue_as(by, issuer):
        raise PermissionDenied
    if "principal" not in steps:
        raise TransitionError("审批流程须包括主要负责人签批。")
    policy = RecommendationPolicy.objects.select_for_update().filter(issuer=issuer).first()
    policy = policy or RecommendationPolicy(issuer=issuer)
    policy.chain, policy.reply_days = ",".join(steps), reply_days
    policy.objection_days, policy.objection_suspends = objection_days, objection_suspends
    policy.save()
    record(
        by,
        "cases.recommendation_policy.updated",
        policy,
        unit=issuer,
        chain=policy.chain,
        reply_days=reply_days,
        objection_days=objection_days,
        objection_suspends=objection_suspends,
    )
    return policy
