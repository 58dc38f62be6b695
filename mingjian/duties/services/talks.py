"""谈话提醒 / 约谈 / 函询 records.

draft -submit-> submitted -approve-> approved -complete-> done
  |                 |                    |
  |     return <----+                    +-cancel-> cancelled
  +-cancel-> cancelled

The record is made for the drafter's side (their 纪检 body, or their unit's 党组): whom (from the
干部名册 of a unit that side may address), who talks (from that side's own roster), when, why, and
what caused it. Another account of that side holding a leader's or supervising role approves it
(four eyes); after the talk, its side records the date and what was said (or the 函询 answer).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.cases.models import Case, Recommendation
from mingjian.duties import permissions as perms
from mingjian.duties.models import Talk
from mingjian.org.models import Person, Unit, User
from mingjian.rectification.models import Task
from mingjian.workflow.services import TransitionError, check, lock, move, require_independent

S = Talk.Status
MAX_TEXT = 5000


@dataclass
class TalkInput:
    kind: str
    subject: Person
    talker: Person
    planned_on: date
    reason: str
    task: Task | None = None
    recommendation: Recommendation | None = None
    case: Case | None = None


def subjects_for(user: User) -> QuerySet[Person]:
    """Cadres a record drafted by `user` may concern: the rosters of the units their side addresses
    (a query, not a list: a province's roster is chosen from, never loaded whole)."""
    issuer = perms.issuer_of(user)
    if issuer is None:
        return Person.objects.none()
    paths = perms.concerned_units(user, issuer).values_list("path", flat=True)  # rows, not 2,000 Units
    return Person.objects.roster_under(paths).select_related("unit").order_by("unit__path", "id")


def talkers_for(user: User) -> QuerySet[Person]:
    """Who may hold the talk: a 纪检 body's own staff, or for a 党组's 谈话提醒 its 班子成员 — the
    一岗双责 of a leader, never a 科员 of the unit."""
    issuer = perms.issuer_of(user)
    if issuer is None:
        return Person.objects.none()
    if issuer.kind in (Unit.Kind.COMMISSION, Unit.Kind.STATIONED):
        people = Person.objects.roster_of(issuer)
    else:
        people = Person.objects.leadership_of(issuer)
    return people.select_related("unit").order_by("unit__path", "leadership", "id")


def _links(data: TalkInput, by: User) -> dict[str, str]:
    errors = {}
    for name, model in (("task", Task), ("recommendation", Recommendation), ("case", Case)):
        obj = getattr(data, name)
        if obj is not None and not model.objects.visible_to(by).filter(pk=obj.pk).exists():
            errors[name] = "无此记录。"
    return errors


def _check(data: TalkInput, by: User) -> None:
    errors: dict[str, str] = {}
    if data.kind not in Talk.Kind.values:
        errors["kind"] = "请选择谈话方式。"
    if not subjects_for(by).filter(pk=data.subject.pk).exists():
        errors["subject"] = "谈话对象须为本机关可谈话单位干部名册中的在职干部。"
    if not talkers_for(by).filter(pk=data.talker.pk).exists():
        errors["talker"] = "谈话人须为本机关（本单位）干部名册中的在职干部。"
    if data.talker.pk == data.subject.pk:
        errors["talker"] = "谈话人与谈话对象不能是同一人。"
    if not data.reason.strip():
        errors["reason"] = "请写明事由。"
    elif len(data.reason) > MAX_TEXT:
        errors["reason"] = f"事由过长，上限 {MAX_TEXT} 字。"
    errors |= _links(data, by)
    if errors:
        raise ValidationError(errors)


def _apply(talk: Talk, data: TalkInput) -> None:
    talk.kind, talk.subject, talk.talker = data.kind, data.subject, data.talker
    talk.unit, talk.planned_on, talk.reason = data.subject.unit, data.planned_on, data.reason.strip()
    talk.task, talk.recommendation, talk.case = data.task, data.recommendation, data.case


def _audit_data(talk: Talk) -> dict[str, Any]:
    return {
        "kind": talk.kind,
        "subject": talk.subject_id,
        "talker": talk.talker_id,
        "task": talk.task_id,
        "recommendation": talk.recommendation_id,
        "case": talk.case_id,
    }


@transaction.atomic
def create_talk(data: TalkInput, *, by: User) -> Talk:
    issuer = perms.issuer_of(by)
    if issuer is None or not perms.can_draft_talk(by):
        raise PermissionDenied
    _check(data, by)
    talk = Talk(issuer=issuer, drafted_by=by)
    _apply(talk, data)
    talk.save()
    record(by, "duties.talk.created", talk, **_audit_data(talk))
    return talk


@transaction.atomic
def update_talk(talk: Talk, data: TalkInput, *, by: User) -> Talk:
    talk = lock(talk)
    if not perms.can_edit_talk(by, talk) or perms.issuer_of(by) != talk.issuer:
        raise PermissionDenied
    if talk.status != S.DRAFT:
        raise TransitionError("只有拟办中的记录可以修改。")
    _check(data, by)
    _apply(talk, data)
    talk.save()
    record(by, "duties.talk.updated", talk, **_audit_data(talk))
    return talk


def _locked(talk: Talk, by: User, *, deciding: bool = False) -> Talk:
    talk = lock(talk)
    allowed = perms.can_approve_talk(by, talk) if deciding else perms.can_edit_talk(by, talk)
    if not allowed:
        raise PermissionDenied
    return talk


@transaction.atomic
def submit_talk(talk: Talk, *, by: User) -> Talk:
    talk = _locked(talk, by)
    move(talk, to=S.SUBMITTED, by=by, action="submit", audit_action="duties.talk.submitted")
    return talk


@transaction.atomic
def approve_talk(talk: Talk, *, by: User, comment: str = "") -> Talk:
    talk = _locked(talk, by, deciding=True)
    check(talk, S.APPROVED)
    require_independent(by, talk, "批准")
    talk.approved_by, talk.approved_at = by, timezone.now()
    move(
        talk,
        to=S.APPROVED,
        by=by,
        action="approve",
        audit_action="duties.talk.approved",
        comment=comment.strip(),
        fields=("approved_by", "approved_at"),
    )
    return talk


@transaction.atomic
def return_talk(talk: Talk, *, by: User, reason: str) -> Talk:
    talk = _locked(talk, by, deciding=True)
    check(talk, S.DRAFT)
    if not reason.strip():
        raise TransitionError("退回须写明理由。")
    require_independent(by, talk, "退回")
    move(
        talk, to=S.DRAFT, by=by, action="return", audit_action="duties.talk.returned", comment=reason.strip()
    )
    return talk


@transaction.atomic
def complete_talk(talk: Talk, *, by: User, held_on: date, record_text: str) -> Talk:
    """The talk took place (or the 函询 was answered): its date and what was said."""
    talk = _locked(talk, by)
    check(talk, S.DONE)
    text = record_text.strip()
    if not text:
        raise TransitionError("请填写谈话情况（函询回复）。")
    if len(text) > MAX_TEXT:
        raise TransitionError(f"谈话情况过长（{len(text)} 字），上限 {MAX_TEXT} 字。")
    if held_on > timezone.localdate():
        raise TransitionError(f"谈话日期 {held_on:%Y-%m-%d} 晚于今天。")
    talk.held_on, talk.record = held_on, text
    move(
        talk,
        to=S.DONE,
        by=by,
        action="complete",
        audit_action="duties.talk.completed",
        fields=("held_on", "record"),
        held_on=held_on,
    )
    return talk


@transaction.atomic
def cancel_talk(talk: Talk, *, by: User, reason: str) -> Talk:
    talk = _locked(talk, by)
    check(talk, S.CANCELLED)
    if not reason.strip():
        raise TransitionError("取消须写明原因。")
    move(
        talk,
        to=S.CANCELLED,
        by=by,
        action="cancel",
        audit_action="duties.talk.cancelled",
        comment=reason.strip(),
    )
    return talk
