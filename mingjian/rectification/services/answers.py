"""The unit's answer to a 建议书 and how the 建议书 is closed.

After 送达 the unit's 党委（党组）studies it at a meeting; its liaison drafts the formal reply — per
item adopted or not (with the objection's reasons) — together with the unit's 整改方案
(`save_answer`); its 书记/主要负责人, or a 班子成员 they authorised (`authorise_reply`), submits both
(`submit_answer`): issued → replied, or → objection when an item is not adopted. The issuing body
decides each objection 维持 / 修改 / 撤回 with reasons (`resolve_objection`); upheld and modified
items go back into the plan. 办结 (`complete_recommendation`) needs every task 销号, the unit's
submitted 整改情况报告 (drafted from the task data, see reports.py) and the issuer's 评估.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.cases.models import (
    Recommendation,
    RecommendationItem,
    RecommendationPolicy,
    RecommendationReply,
    ReplyAttachment,
)
from mingjian.cases.permissions import can_issue_as, can_review
from mingjian.lib.uploads import CheckedFile
from mingjian.org.models import User
from mingjian.rectification import permissions as perms
from mingjian.rectification.models import RectificationPlan, RectificationReport, Task
from mingjian.rectification.services.plans import (
    EntryInput,
    can_draft,
    can_submit,
    mark_submitted,
    plan_for,
    reopen_plan,
    save_plan,
)
from mingjian.workflow.services import TransitionError, lock, move, require_independent

S = Recommendation.Status
D = RecommendationItem.Decision


@dataclass
class ItemAnswer:
    """The unit's position on one 建议: adopted (with measures in the plan) or not (with reasons)."""

    entry: EntryInput
    adopted: bool = True
    objection: str = ""


@dataclass
class Answer:
    text: str
    meeting_date: date | None
    items: list[ItemAnswer]
    files: list[CheckedFile] = field(default_factory=list)


def plan_of(rec: Recommendation, by: User) -> RectificationPlan:
    return plan_for(unit=rec.unit, issuer=rec.issuer, by=by, recommendation=rec)


def _answerable(rec: Recommendation) -> bool:
    return rec.status == S.ISSUED


@transaction.atomic
def save_answer(rec: Recommendation, *, by: User, answer: Answer) -> RecommendationReply:
    """The liaison's draft of reply and plan; kept as typed, checked only when submitted."""
    rec = lock(rec)
    plan = plan_of(rec, by)
    if not can_draft(by, plan):
        raise PermissionDenied
    if not _answerable(rec):
        raise TransitionError("建议书已回复，请在整改方案页面修改方案。")
    reply, _ = RecommendationReply.objects.get_or_create(
        recommendation=rec, defaults={"text": answer.text, "drafted_by": by}
    )
    reply.text, reply.meeting_date = answer.text.strip(), answer.meeting_date
    reply.save(update_fields=["text", "meeting_date"])
    for item_answer in answer.items:
        item: RecommendationItem = item_answer.entry.item
        item.adopted, item.objection = item_answer.adopted, item_answer.objection.strip()
        item.save(update_fields=["adopted", "objection"])
    save_plan(plan, by=by, entries=[a.entry for a in answer.items if a.adopted])
    _attach(reply, answer.files)
    record(by, "cases.recommendation.reply_drafted", rec, attachments=len(answer.files))
    return reply


def _attach(reply: RecommendationReply, files: list[CheckedFile]) -> list[ReplyAttachment]:
    found = []
    for checked in files:
        attachment = ReplyAttachment(reply=reply, name=checked.name, size=checked.size, sha256=checked.sha256)
        attachment.file.save(checked.name, ContentFile(checked.data), save=True)
        found.append(attachment)
    return found


@transaction.atomic
def add_reply_attachments(
    rec: Recommendation, *, by: User, files: list[CheckedFile]
) -> list[ReplyAttachment]:
    """Attach files to the drafted reply on their own (the page sends them with the draft)."""
    rec = lock(rec)
    if not can_draft(by, plan_of(rec, by)):
        raise PermissionDenied
    reply = getattr(rec, "reply", None)
    if not _answerable(rec) or reply is None:
        raise TransitionError("请先保存回复草稿；已正式回复的建议书不能再添加附件。")
    found = _attach(reply, files)
    record(by, "cases.recommendation.reply_drafted", rec, attachments=len(found))
    return found


@transaction.atomic
def authorise_reply(rec: Recommendation, *, by: User, delegate: User) -> Recommendation:
    """The 主要负责人 names the 班子成员 who may submit the reply on the unit's behalf."""
    rec = lock(rec)
    if not perms.principals_of(rec.unit).filter(pk=by.pk).exists():
        raise PermissionDenied
    if not perms.leaders_of(rec.unit).filter(pk=delegate.pk).exists():
        raise TransitionError("只能授权本单位班子成员回复。")
    rec.reply_delegate = delegate
    rec.save(update_fields=["reply_delegate", "updated_at"])
    record(by, "cases.recommendation.reply_delegated", rec, delegate=delegate.pk)
    return rec


def _check_reply(rec: Recommendation, reply: RecommendationReply | None) -> RecommendationReply:
    if reply is None or not reply.text.strip():
        raise TransitionError("请先由联络员起草回复内容。")
    if reply.meeting_date is None:
        raise TransitionError("请填写党委（党组）会研究本建议的日期。")
    if reply.meeting_date > timezone.localdate() or (rec.served_on and reply.meeting_date < rec.served_on):
        raise TransitionError("党委（党组）会日期应在送达日期之后、今天及以前。")
    items = list(rec.items.all())
    unanswered = [str(i.seq) for i in items if i.adopted is None]
    if unanswered:
        raise TransitionError(f"第{'、'.join(unanswered)}项建议未表明是否采纳。")
    refused = [i for i in items if i.adopted is False]
    if any(not i.objection for i in refused):
        raise TransitionError("不采纳的建议须写明异议及理由。")
    if refused:
        days = RecommendationPolicy.for_issuer(rec.issuer).objection_days
        if rec.served_on and timezone.localdate() > rec.served_on + timedelta(days=days):
            raise TransitionError(f"异议须在收到建议书之日起{days}日内提出，已超过期限。")
    return reply


@transaction.atomic
def submit_answer(rec: Recommendation, *, by: User) -> Recommendation:
    """The formal reply, with the unit's 整改方案, from its 主要负责人 (or the authorised leader)."""
    rec = lock(rec)
    plan = lock(plan_of(rec, by))
    if not can_submit(by, plan):
        raise PermissionDenied
    if not _answerable(rec):
        raise TransitionError("建议书不在待回复状态。")
    reply = _check_reply(rec, getattr(rec, "reply", None))
    mark_submitted(plan, by=by)
    reply.replied_by, reply.replied_at = by, timezone.now()
    reply.save(update_fields=["replied_by", "replied_at"])
    objected = rec.items.filter(adopted=False).count()
    move(
        rec,
        to=S.OBJECTION if objected else S.REPLIED,
        by=by,
        action="reply",
        audit_action="cases.recommendation.replied",
        objected=objected,
        meeting_date=reply.meeting_date,
    )
    return rec


@dataclass(frozen=True)
class Decision:
    item: RecommendationItem
    decision: str
    reason: str
    new_text: str = ""


def _apply_decision(d: Decision) -> None:
    if not d.reason.strip():
        raise TransitionError(f"第{d.item.seq}项异议须写明处理理由。")
    if d.decision == D.MODIFY and not d.new_text.strip():
        raise TransitionError(f"第{d.item.seq}项修改建议须写明修改后的建议内容。")
    item = d.item
    item.decision, item.decision_reason = d.decision, d.reason.strip()
    if d.decision == D.MODIFY:
        item.text = d.new_text.strip()
    item.save(update_fields=["decision", "decision_reason", "text"])


@transaction.atomic
def resolve_objection(rec: Recommendation, *, by: User, decisions: list[Decision]) -> Recommendation:
    """The issuing body decides every objected item; what stays in force goes back to the plan."""
    rec = lock(rec)
    if not (can_review(by, rec.unit) and can_issue_as(by, rec.issuer)):
        raise PermissionDenied
    if rec.status != S.OBJECTION:
        raise TransitionError("建议书不在异议处理中。")
    objected = {i.pk for i in rec.items.filter(adopted=False)}
    if {d.item.pk for d in decisions} != objected or any(d.decision not in D.values for d in decisions):
        raise TransitionError("请对每一项异议作出维持、修改或撤回的决定。")
    for d in decisions:
        _apply_decision(d)
    kept = [d.item for d in decisions if d.decision != D.WITHDRAW]
    plan = lock(plan_of(rec, by))
    if kept:
        seqs = "、".join(str(i.seq) for i in kept)
        reopen_plan(plan, by=by, reason=f"异议处理：第{seqs}项建议维持或修改，请补充整改措施后重新报送。")
    has_tasks = Task.objects.of_recommendation(rec).exists()
    in_force = [i for i in rec.items.all() if i.in_force]
    to = S.IMPLEMENTING if has_tasks else (S.REPLIED if in_force else S.WITHDRAWN)
    move(
        rec,
        to=to,
        by=by,
        action="resolve",
        audit_action="cases.recommendation.objection_resolved",
        decisions={str(d.item.seq): d.decision for d in decisions},
    )
    return rec


def completion_refusals(rec: Recommendation) -> list[str]:
    """Why the 建议书 cannot be closed yet (empty when it can): the page lists these in place of
    the button, and complete_recommendation refuses with the first."""
    tasks = Task.objects.of_recommendation(rec)
    open_count = tasks.exclude(status=Task.Status.ACCEPTED).count()
    if not tasks.exists() or open_count:
        return [f"尚有 {open_count} 项整改任务未销号，不能办结。" if open_count else "尚无整改任务。"]
    found = []
    uncovered = [
        str(i.seq)
        for i in rec.items.all()
        if i.in_force and not tasks.filter(problem__recommendation_item=i).exists()
    ]
    if uncovered:
        found.append(f"第{'、'.join(uncovered)}项建议尚无整改任务，不能办结。")
    report = RectificationReport.objects.filter(
        recommendation=rec, kind=RectificationReport.Kind.COMPLETION
    ).first()
    if report is None or report.status != RectificationReport.Status.SUBMITTED:
        found.append("被建议单位尚未报送整改情况报告。")
    return found


@transaction.atomic
def complete_recommendation(
    rec: Recommendation, *, by: User, rating: str, remarks: str = ""
) -> Recommendation:
    """办结: every item 整改到位 (its tasks 销号), the unit's report submitted, the issuer's 评估."""
    rec = lock(rec)
    if not (can_review(by, rec.unit) and can_issue_as(by, rec.issuer)):
        raise PermissionDenied
    if rating not in Recommendation.Rating.values:
        raise TransitionError("请选择整改评估等次（好、较好、一般、差）。")
    require_independent(by, rec, "办结")  # the 建议书's drafter does not judge its own 建议 closed
    refusals = completion_refusals(rec)
    if refusals:
        raise TransitionError(refusals[0])
    rec.rating, rec.rating_remarks, rec.evaluated_by = rating, remarks.strip(), by
    move(
        rec,
        to=S.DONE,
        by=by,
        action="complete",
        audit_action="cases.recommendation.done",
        comment=remarks.strip(),
        fields=("rating", "rating_remarks", "evaluated_by"),
        rating=rating,
    )
    return rec
