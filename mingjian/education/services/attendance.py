"""Attendance of a held event: ticked on screen or read from a sign-in sheet (all rows or none),
absence with its reason, 补学 later, and 心得体会 from chosen people only (减负).

Rows are recorded while the event is 已开展 (before its summary goes up); 补学 and 心得体会
may follow later. Every write is one audit event for the whole batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.education import permissions as perms
from mingjian.education import roster, sheets
from mingjian.education.models import COUNTED_STATUSES, Attendance, Event
from mingjian.education.services.events import add_material
from mingjian.lib.uploads import check_upload
from mingjian.org.models import Person, User
from mingjian.workflow.services import TransitionError, lock

P = Attendance.Presence
MAX_REASON = 200
MAX_REFLECTION = 5_000


@dataclass(frozen=True)
class Mark:
    person_id: int
    presence: str
    reason: str = ""


def _open_for_attendance(event: Event, by: User) -> Event:
    event = lock(event)
    if not perms.can_manage(by, event):
        raise PermissionDenied
    if event.status != Event.Status.HELD:
        raise TransitionError("只有“已开展”且尚未提交总结的活动可以登记出勤。")
    return event


def _apply(row: Attendance, mark: Mark, name: str) -> str:
    """Change one row to `mark`; the error for its person, or ""."""
    if row.presence == P.MADE_UP:
        return "" if mark.presence == P.MADE_UP else f"“{name}”已补学，不能改为其他情况"
    if mark.presence not in (P.PENDING, P.PRESENT, P.ABSENT):
        return f"“{name}”的出勤情况无效"
    reason = mark.reason.strip() if mark.presence == P.ABSENT else ""
    if mark.presence == P.ABSENT and not reason:
        return f"“{name}”记为缺席，请填写缺席原因"
    if len(reason) > MAX_REASON:
        return f"“{name}”的缺席原因过长（上限 {MAX_REASON} 字）"
    row.presence, row.absence_reason = mark.presence, reason
    return ""


@transaction.atomic
def record_attendance(event: Event, *, by: User, marks: list[Mark]) -> int:
    """Apply every mark or none; returns how many rows changed."""
    event = _open_for_attendance(event, by)
    rows = {
        a.person_id: a
        for a in Attendance.objects.visible_to(by)
        .filter(event=event, person_id__in=[m.person_id for m in marks])
        .select_related("person")
    }
    errors, changed = [], []
    for mark in marks:
        row = rows.get(mark.person_id)
        if row is None:
            errors.append(f"编号 {mark.person_id} 不是本次活动的参加人员")
            continue
        before = (row.presence, row.absence_reason)
        error = _apply(row, mark, row.person.name)
        if error:
            errors.append(error)
        elif (row.presence, row.absence_reason) != before:
            changed.append(row)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    for row in changed:
        row.recorded_by, row.updated_at = by, now
    Attendance.objects.bulk_update(changed, ["presence", "absence_reason", "recorded_by", "updated_at"])
    record(by, "education.attendance.recorded", event, changed=len(changed), counts=_counts(event))
    return len(changed)


def _counts(event: Event) -> dict[str, int]:
    rows = event.attendance.all()
    return {p: rows.filter(presence=p).count() for p in (P.PRESENT, P.ABSENT, P.MADE_UP, P.PENDING)}


@dataclass(frozen=True)
class SigninResult:
    present: int  # rows marked present by the sheet
    outside: int  # of them, people from a cohort unit outside the 职级/岗位 rule (列席)


@transaction.atomic
def import_signin(event: Event, *, by: User, data: bytes, filename: str) -> SigninResult:
    """Mark everyone on the sheet present, or — when any row does not match the 干部名册 of the
    cohort's units — nothing at all (RosterError lists the rows). The sheet is kept as a material."""
    event = _open_for_attendance(event, by)
    if not filename.lower().endswith(".xlsx"):
        raise sheets.SheetError("请上传 Excel（.xlsx）格式的签到表。")
    sheet = sheets.read_names(data, what="签到表")
    people = (
        Person.objects.visible_to(by)
        .filter(unit__in=event.cohort_units.all(), is_active=True)
        .select_related("unit")
    )
    matches = roster.match_names(sheet, people, scope="本次活动对象单位")
    rows = {a.person_id: a for a in event.attendance.filter(person_id__in=[m.person.pk for m in matches])}
    now, updated, added = timezone.now(), [], []
    for m in matches:
        row = rows.get(m.person.pk)
        if row is None:
            added.append(
                Attendance(event=event, person=m.person, in_cohort=False, presence=P.PRESENT, recorded_by=by)
            )
        elif row.presence != P.MADE_UP:
            row.presence, row.absence_reason, row.recorded_by, row.updated_at = P.PRESENT, "", by, now
            updated.append(row)
    Attendance.objects.bulk_update(updated, ["presence", "absence_reason", "recorded_by", "updated_at"])
    Attendance.objects.bulk_create(added)
    checked = check_upload(filename, data, max_bytes=sheets.MAX_BYTES)
    shown = filename if "签到" in filename else f"签到表-{filename}"
    add_material(event, by=by, checked=checked, name=shown[:200])
    record(
        by, "education.signin.imported", event, filename=filename[:200], rows=len(matches), outside=len(added)
    )
    return SigninResult(len(matches), len(added))


def _row_for(event: Event, by: User, person_id: int) -> Attendance:
    row = (
        Attendance.objects.visible_to(by)
        .filter(event=event, person_id=person_id)
        .select_related("person__unit", "event__unit")
        .first()
    )
    if row is None:
        raise ValidationError({"person": "该干部不是本次活动的参加人员。"})
    if not perms.can_record_for(by, row):
        raise PermissionDenied
    return row


@transaction.atomic
def record_makeup(event: Event, *, by: User, person_id: int, made_up_on: date, note: str) -> Attendance:
    """补学: an absent cadre catches up later (watching the film, studying the material …)."""
    event = lock(event)
    row = _row_for(event, by, person_id)
    if event.status not in COUNTED_STATUSES:
        raise TransitionError("活动尚未开展，不能登记补学。")
    if row.presence != P.ABSENT:
        raise TransitionError(f"“{row.person.name}”不是缺席人员，无需补学。")
    if not event.held_on <= made_up_on <= timezone.localdate():
        raise ValidationError({"made_up_on": "补学日期应在活动开展之后、今天之前（含当天）。"})
    if not note.strip():
        raise ValidationError({"note": "请填写补学方式（如观看录像、自学材料、单独谈话）。"})
    row.presence, row.made_up_on, row.made_up_note = P.MADE_UP, made_up_on, note.strip()[:MAX_REASON]
    row.recorded_by = by
    row.save(update_fields=["presence", "made_up_on", "made_up_note", "recorded_by", "updated_at"])
    record(by, "education.makeup.recorded", event, person=row.person_id, made_up_on=made_up_on)
    return row


@transaction.atomic
def request_reflections(event: Event, *, by: User, person_ids: list[int]) -> int:
    """Ask exactly these people for 心得体会 (never everyone: 减负). Returns how many are asked."""
    event = _open_for_attendance(event, by)
    wanted = set(person_ids)
    reached = list(event.attendance.reached())
    found = {
        a.person_id
        for a in Attendance.objects.visible_to(by).filter(event=event, person_id__in=wanted).reached()
    }
    if wanted - found:
        raise ValidationError({"people": "只能请本次活动的出席或补学人员撰写心得体会。"})
    # Someone asked who has already written stays asked, whatever the new choice.
    asked = wanted | {a.person_id for a in reached if a.reflection}
    if len(reached) > 1 and len(asked) >= len(reached):
        raise ValidationError(
            {"people": "心得体会只向选定人员收集，不能要求全体参加人员提交（为基层减负）。"}
        )
    for row in reached:
        row.reflection_requested = row.person_id in asked
    Attendance.objects.bulk_update(reached, ["reflection_requested"])
    record(by, "education.reflections.requested", event, people=sorted(asked))
    return len(asked)


@transaction.atomic
def record_reflection(event: Event, *, by: User, person_id: int, text: str) -> Attendance:
    event = lock(event)
    row = _row_for(event, by, person_id)
    if event.status not in COUNTED_STATUSES:
        raise TransitionError("活动尚未开展。")
    if not row.reflection_requested:
        raise TransitionError(f"未请“{row.person.name}”撰写心得体会：心得体会只向选定人员收集。")
    body = text.strip()
    if not body:
        raise ValidationError({"text": "请填写心得体会内容。"})
    if len(body) > MAX_REFLECTION:
        raise ValidationError({"text": f"心得体会过长（{len(body)} 字），上限 {MAX_REFLECTION} 字。"})
    row.reflection, row.reflection_at, row.recorded_by = body, timezone.now(), by
    row.save(update_fields=["reflection", "reflection_at", "recorded_by", "updated_at"])
    record(by, "education.reflection.recorded", event, person=row.person_id, length=len(body))
    return row
