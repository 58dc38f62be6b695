"""警示教育 events: planning, the cohort, and the status workflow.

planned -hold-> held -submit-> submitted -confirm-> summarised
   |                  ^            |
   +-cancel-> cancelled +- return -+

An event is planned with its cases and cohort rule; the rule is resolved into units and one
Attendance row per cadre, and resolved again when the event is recorded as held (the roster
of that day is the one that counts). Each transition locks the row, checks the capability,
then moves through workflow.move (history + audit in the same transaction). The summary is
confirmed by someone other than whoever recorded the event or wrote it (four eyes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.cases.models import Case
from mingjian.education import permissions as perms
from mingjian.education.cohort import cohort_people, resolve_units
from mingjian.education.models import Attendance, Event, Material, PostTag
from mingjian.lib.uploads import CheckedFile
from mingjian.org.models import Field, Person, Unit, User
from mingjian.org.permissions import can_act_in
from mingjian.workflow.services import TransitionError, check, lock, move

S = Event.Status
MAX_SUMMARY = 5_000


@dataclass
class EventInput:
    """What a clerk fills in for an event, from the page's form or the API's serializer."""

    kind: str
    title: str
    held_on: date
    unit: Unit
    target_units: list[Unit]
    place: str = ""
    description: str = ""
    cases: list[Case] = field(default_factory=list)
    include_subunits: bool = True
    target_field: str = ""
    target_levels: list[str] = field(default_factory=list)
    target_tags: list[PostTag] = field(default_factory=list)


def _check_input(data: EventInput, by: User) -> None:
    if not can_act_in(by, data.unit):
        raise PermissionDenied
    acting = set(perms.acting_units(by).values_list("pk", flat=True))
    if any(u.pk not in acting for u in data.target_units):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if data.kind not in Event.Kind.values:
        errors["kind"] = "请选择警示教育形式。"
    if not data.title.strip():
        errors["title"] = "请填写活动名称。"
    if not data.target_units:
        errors["target_units"] = "请至少选择一个对象单位。"
    if data.target_field and data.target_field not in Field.values:
        errors["target_field"] = "无此领域。"
    if set(data.target_levels) - set(Person.Level.values):
        errors["target_levels"] = "无此职级。"
    visible = set(
        Case.objects.visible_to(by).filter(pk__in=[c.pk for c in data.cases]).values_list("pk", flat=True)
    )
    if any(c.pk not in visible for c in data.cases):
        errors["cases"] = "无此案例。"
    if (
        not errors
        and not resolve_units(
            data.target_units, include_subunits=data.include_subunits, field=data.target_field
        ).exists()
    ):
        errors["target_field"] = "所选对象单位中没有该领域的单位。"
    if errors:
        raise ValidationError(errors)


def _save(event: Event, data: EventInput, cases: list[Case]) -> None:
    for name in ("kind", "unit", "place", "include_subunits", "target_field"):
        setattr(event, name, getattr(data, name))
    event.title, event.description, event.held_on = data.title.strip(), data.description.strip(), data.held_on
    event.target_levels = [v for v in Person.Level.values if v in data.target_levels]
    event.save()
    event.cases.set(cases)
    event.target_units.set(data.target_units)
    event.target_tags.set(data.target_tags)


def sync_cohort(event: Event) -> int:
    """Resolve the rule into units and expected rows; rows already recorded are never dropped.
    Returns the cohort size."""
    units = resolve_units(
        event.target_units.all(), include_subunits=event.include_subunits, field=event.target_field
    )
    event.cohort_units.set(units)
    wanted = set(
        cohort_people(units, levels=event.target_levels, tags=event.target_tags.all()).values_list(
            "pk", flat=True
        )
    )
    rows = {a.person_id: a for a in event.attendance.all()}
    stale = [
        a.pk for pid, a in rows.items() if pid not in wanted and a.presence == Attendance.Presence.PENDING
    ]
    Attendance.objects.filter(pk__in=stale).delete()
    joined = [a.pk for pid, a in rows.items() if pid in wanted and not a.in_cohort]
    Attendance.objects.filter(pk__in=joined).update(in_cohort=True)
    left = [a.pk for pid, a in rows.items() if pid not in wanted and a.in_cohort and a.pk not in stale]
    Attendance.objects.filter(pk__in=left).update(in_cohort=False)
    Attendance.objects.bulk_create([Attendance(event=event, person_id=pid) for pid in wanted - set(rows)])
    return len(wanted)


@transaction.atomic
def create_event(data: EventInput, *, by: User) -> Event:
    _check_input(data, by)
    event = Event(created_by=by)
    _save(event, data, data.cases)
    size = sync_cohort(event)
    record(
        by, "education.event.created", event, kind=event.kind, cases=[c.pk for c in data.cases], cohort=size
    )
    return event


@transaction.atomic
def update_event(event: Event, data: EventInput, *, by: User) -> Event:
    """Edit a planned event. Cases the editor may not see stay as they were."""
    event = lock(event)
    if not perms.can_manage(by, event):
        raise PermissionDenied
    if event.status != S.PLANNED:
        raise TransitionError("活动已开展或已取消，不能再修改。")
    _check_input(data, by)
    hidden = list(event.cases.exclude(pk__in=Case.objects.visible_to(by).values("pk")))
    _save(event, data, [*data.cases, *hidden])
    size = sync_cohort(event)
    record(by, "education.event.updated", event, cases=[c.pk for c in event.cases.all()], cohort=size)
    return event


def _locked(event: Event, by: User) -> Event:
    event = lock(event)
    if not perms.can_manage(by, event):
        raise PermissionDenied
    return event


def hosts_for(event: Event) -> QuerySet[Person]:
    """Who may be recorded as chairing the event: the organising unit's 班子."""
    return Person.objects.leadership_of(event.unit).order_by("leadership", "id")


def _check_host(event: Event, host: Person | None) -> None:
    if host is not None and not hosts_for(event).filter(pk=host.pk).exists():
        raise TransitionError(f"主持人须为{event.unit.name}的班子成员。")


@transaction.atomic
def hold_event(event: Event, *, by: User, host: Person | None = None) -> Event:
    """Record that the event took place, and who chaired it; the cohort is fixed from the
    roster of now."""
    event = _locked(event, by)
    check(event, S.HELD)
    if event.held_on > timezone.localdate():
        raise TransitionError(f"开展日期 {event.held_on:%Y-%m-%d} 晚于今天，活动尚未开展。")
    _check_host(event, host)
    size = sync_cohort(event)
    event.host = host
    move(
        event,
        to=S.HELD,
        by=by,
        action="hold",
        audit_action="education.event.held",
        fields=("host",),
        cohort=size,
        host=host.pk if host else None,
    )
    return event


@transaction.atomic
def correct_host(event: Event, *, by: User, host: Person | None) -> Event:
    """更正主持人 until the summary is confirmed: a wrong pick would credit another 班子成员 with
    chairing it. Not a status change; the correction is audited with the one it replaces."""
    event = _locked(event, by)
    if event.status not in (S.HELD, S.SUBMITTED):
        raise TransitionError("只有已开展、总结尚未确认的活动可以更正主持人。")
    _check_host(event, host)
    before = event.host_id
    event.host = host
    event.save(update_fields=["host", "updated_at"])
    record(by, "education.event.host_corrected", event, host=host.pk if host else None, previous=before)
    return event


@transaction.atomic
def cancel_event(event: Event, *, by: User, reason: str) -> Event:
    event = _locked(event, by)
    check(event, S.CANCELLED)
    if not reason.strip():
        raise TransitionError("取消活动须写明原因。")
    move(
        event,
        to=S.CANCELLED,
        by=by,
        action="cancel",
        audit_action="education.event.cancelled",
        comment=reason.strip(),
    )
    return event


def pending_count(event: Event) -> int:
    return event.attendance.filter(in_cohort=True, presence=Attendance.Presence.PENDING).count()


@transaction.atomic
def submit_summary(event: Event, *, by: User, summary: str) -> Event:
    event = _locked(event, by)
    check(event, S.SUBMITTED)
    text = summary.strip()
    if not text:
        raise TransitionError("请填写开展情况总结。")
    if len(text) > MAX_SUMMARY:
        raise TransitionError(f"总结过长（{len(text)} 字），上限 {MAX_SUMMARY} 字。")
    pending = pending_count(event)
    if pending:
        raise TransitionError(f"尚有 {pending} 名对象未登记出勤情况（出席或缺席），请先补全。")
    event.summary, event.summary_by, event.summary_at = text, by, timezone.now()
    move(
        event,
        to=S.SUBMITTED,
        by=by,
        action="submit",
        audit_action="education.event.submitted",
        fields=("summary", "summary_by", "summary_at"),
    )
    return event


def _decided(event: Event, by: User) -> Event:
    event = lock(event)
    if not perms.can_confirm(by, event):
        raise PermissionDenied
    return event


@transaction.atomic
def confirm_summary(event: Event, *, by: User, comment: str = "") -> Event:
    """Four eyes: a leader or the supervising side, never the recorder or the summary's writer."""
    event = _decided(event, by)
    check(event, S.SUMMARISED)
    event.confirmed_by, event.confirmed_at = by, timezone.now()
    move(
        event,
        to=S.SUMMARISED,
        by=by,
        action="confirm",
        audit_action="education.event.confirmed",
        comment=comment.strip(),
        fields=("confirmed_by", "confirmed_at"),
    )
    return event


@transaction.atomic
def return_summary(event: Event, *, by: User, reason: str) -> Event:
    event = _decided(event, by)
    check(event, S.HELD)
    if not reason.strip():
        raise TransitionError("退回总结须写明理由。")
    move(
        event,
        to=S.HELD,
        by=by,
        action="return",
        audit_action="education.event.returned",
        comment=reason.strip(),
    )
    return event


@transaction.atomic
def add_material(event: Event, *, by: User, checked: CheckedFile, name: str = "") -> Material:
    event = _locked(event, by)
    if event.status == S.CANCELLED:
        raise TransitionError("活动已取消，不能再上传材料。")
    shown = name.strip() or checked.name
    if not shown.lower().endswith(f".{checked.kind}"):
        shown = f"{shown[:190]}.{checked.kind}"  # the download keeps a usable extension
    material = Material(
        event=event, name=shown[:200], size=checked.size, sha256=checked.sha256, uploaded_by=by
    )
    material.file.save(checked.name, ContentFile(checked.data), save=False)
    material.save()
    record(
        by, "education.material.added", material, event=event.pk, sha256=material.sha256, size=material.size
    )
    return material
