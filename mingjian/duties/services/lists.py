"""Yearly 责任清单: made from the templates, filled by the holder, reported and reviewed.

open -submit-> submitted -accept-> reviewed
                   |
                   +-return-> open

`generate_lists` makes, for one unit and year, every list its register calls for and that does
not exist yet (a new 班子成员 gets theirs when it runs again), from the templates of the nearest
commission that has one of that kind. Items fill themselves from recorded acts (duties.acts);
the holder's side checks the others, with a note and optionally a file, and may add 记实 by
hand. The holder reports the list (its 履责情况报告 is generated from the records), and the
supervising side over the unit reviews it or returns it — never the account that reported it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.duties import permissions as perms
from mingjian.duties.models import DutyEntry, DutyItem, DutyList, DutyTemplate
from mingjian.duties.register import Holder, commissions_over, register_of
from mingjian.duties.vocabulary import LIST_NAMES, Kind
from mingjian.lib.uploads import CheckedFile
from mingjian.org.models import Unit, User
from mingjian.workflow.services import TransitionError, check, lock, move, require_independent

S = DutyList.Status
FIRST_YEAR = 2000
MAX_NOTE = 2000
MAX_ENTRY = 500


@dataclass
class Generated:
    created: list[DutyList] = field(default_factory=list)
    existing: int = 0
    missing: list[str] = field(default_factory=list)  # kinds without a template anywhere above


def check_year(year: int) -> None:
    latest = timezone.localdate().year + 1
    if not FIRST_YEAR <= year <= latest:
        raise ValidationError({"year": f"年度应在 {FIRST_YEAR} 至 {latest} 之间。"})


def template_for(unit: Unit, kind: str) -> DutyTemplate | None:
    for commission in commissions_over(unit):
        found = DutyTemplate.objects.filter(issuer=commission, kind=kind).first()
        if found is not None:
            return found
    return None


def _holders(unit: Unit) -> list[Holder]:
    """Whom the unit's lists are for. A 派驻纪检组 is part of the 纪委监委 and answers as a body
    for its 监督责任; its 组长 and 副组长 carry no 党组 list of their own."""
    register = register_of(unit)
    own = [h for h in register.supervisors if h.body == unit]
    if unit.kind == Unit.Kind.STATIONED:
        return own
    return [h for h in (register.main, register.first) if h is not None] + register.members + own


def _exists(unit: Unit, year: int, holder: Holder) -> bool:
    lists = DutyList.objects.filter(unit=unit, year=year, kind=holder.kind)
    return (
        lists.filter(person=holder.person).exists() if holder.person else lists.filter(person=None).exists()
    )


def _make(unit: Unit, year: int, holder: Holder, template: DutyTemplate, by: User) -> DutyList:
    name = LIST_NAMES[Kind(holder.kind)]
    subject = holder.person.name if holder.person else holder.name
    dlist = DutyList.objects.create(
        unit=unit,
        year=year,
        kind=holder.kind,
        person=holder.person,
        template=template,
        title=f"{year}年度{subject}{name}",
        holder=holder.name[:100],
        created_by=by,
    )
    DutyItem.objects.bulk_create(
        DutyItem(dlist=dlist, seq=i, section=t.section, text=t.text, source=t.source)
        for i, t in enumerate(template.items.order_by("seq", "id"), 1)
    )
    record(by, "duties.list.generated", dlist, year=year, kind=holder.kind, template=template.pk)
    return dlist


@transaction.atomic
def generate_lists(unit: Unit, *, year: int, by: User) -> Generated:
    unit = unit.leadership_unit()
    if not perms.can_generate(by, unit):
        raise PermissionDenied
    check_year(year)
    Unit.objects.select_for_update().get(pk=unit.pk)  # two clicks at once make one set
    result = Generated()
    for holder in _holders(unit):
        if _exists(unit, year, holder):
            result.existing += 1
            continue
        template = template_for(unit, holder.kind)
        if template is None:
            if holder.kind not in result.missing:
                result.missing.append(holder.kind)
            continue
        result.created.append(_make(unit, year, holder, template, by))
    if not result.created and not result.existing and result.missing:
        names = "、".join(LIST_NAMES[Kind(k)] for k in result.missing)
        raise ValidationError({"year": f"上级纪委监委尚未制定{names}模板，无法生成。"})
    return result


def _open(dlist: DutyList) -> None:
    if dlist.status != S.OPEN:
        raise TransitionError(f"清单已{dlist.get_status_display()}，不能再修改；如需修改请由审核方退回。")


def _fillable(dlist: DutyList, by: User) -> DutyList:
    dlist = lock(dlist)
    if not perms.can_fill(by, dlist):
        raise PermissionDenied
    _open(dlist)
    return dlist


def _store(entry: DutyEntry, evidence: CheckedFile | None) -> None:
    if evidence is None:
        return
    entry.name, entry.size, entry.sha256 = evidence.name[:200], evidence.size, evidence.sha256
    entry.file.save(evidence.name, ContentFile(evidence.data), save=False)


@transaction.atomic
def check_item(item: DutyItem, *, by: User, note: str = "", evidence: CheckedFile | None = None) -> DutyItem:
    """Mark an item done, with how it was done and optionally a file as evidence."""
    _fillable(item.dlist, by)
    text = note.strip()
    if len(text) > MAX_NOTE:
        raise TransitionError(f"履行情况过长（{len(text)} 字），上限 {MAX_NOTE} 字。")
    item.checked, item.note, item.checked_by, item.checked_at = True, text, by, timezone.now()
    item.save(update_fields=["checked", "note", "checked_by", "checked_at"])
    if evidence is not None:
        entry = DutyEntry(
            dlist=item.dlist,
            item=item,
            happened_on=timezone.localdate(),
            text=(text or f"{item.text}（佐证材料）")[:MAX_ENTRY],
            created_by=by,
        )
        _store(entry, evidence)
        entry.save()
    record(by, "duties.item.checked", item, list=item.dlist_id, sha256=evidence.sha256 if evidence else "")
    return item


@transaction.atomic
def uncheck_item(item: DutyItem, *, by: User) -> DutyItem:
    _fillable(item.dlist, by)
    item.checked, item.checked_by, item.checked_at = False, None, None
    item.save(update_fields=["checked", "checked_by", "checked_at"])
    record(by, "duties.item.unchecked", item, list=item.dlist_id)
    return item


@transaction.atomic
def add_entry(
    dlist: DutyList,
    *,
    by: User,
    happened_on: date,
    text: str,
    item: DutyItem | None = None,
    evidence: CheckedFile | None = None,
) -> DutyEntry:
    """A 记实 the system could not know; optional — never needed for what it recorded."""
    dlist = _fillable(dlist, by)
    body = text.strip()
    if not body:
        raise TransitionError("请填写履责事项。")
    if len(body) > MAX_ENTRY:
        raise TransitionError(f"履责事项过长（{len(body)} 字），上限 {MAX_ENTRY} 字。")
    if happened_on.year != dlist.year:
        raise TransitionError(f"日期 {happened_on:%Y-%m-%d} 不在 {dlist.year} 年度内。")
    if item is not None and item.dlist_id != dlist.pk:
        raise TransitionError("所选事项不属于本清单。")
    entry = DutyEntry(dlist=dlist, item=item, happened_on=happened_on, text=body, created_by=by)
    _store(entry, evidence)
    entry.save()
    record(by, "duties.entry.added", entry, list=dlist.pk, item=item.pk if item else None)
    return entry


@transaction.atomic
def submit_list(dlist: DutyList, *, by: User) -> DutyList:
    dlist = lock(dlist)
    if not perms.can_submit(by, dlist):
        raise PermissionDenied
    check(dlist, S.SUBMITTED)
    dlist.submitted_by, dlist.submitted_at = by, timezone.now()
    move(
        dlist,
        to=S.SUBMITTED,
        by=by,
        action="submit",
        audit_action="duties.list.submitted",
        fields=("submitted_by", "submitted_at"),
    )
    return dlist


def _reviewing(dlist: DutyList, by: User) -> DutyList:
    dlist = lock(dlist)
    if not perms.can_review(by, dlist):
        raise PermissionDenied
    return dlist


@transaction.atomic
def accept_list(dlist: DutyList, *, by: User, comment: str = "") -> DutyList:
    dlist = _reviewing(dlist, by)
    check(dlist, S.REVIEWED)
    require_independent(by, dlist, "审核")
    dlist.reviewed_by, dlist.reviewed_at, dlist.review_comment = by, timezone.now(), comment.strip()
    move(
        dlist,
        to=S.REVIEWED,
        by=by,
        action="accept",
        audit_action="duties.list.reviewed",
        comment=comment.strip(),
        fields=("reviewed_by", "reviewed_at", "review_comment"),
    )
    return dlist


@transaction.atomic
def return_list(dlist: DutyList, *, by: User, reason: str) -> DutyList:
    dlist = _reviewing(dlist, by)
    check(dlist, S.OPEN)
    if not reason.strip():
        raise TransitionError("退回须写明理由。")
    require_independent(by, dlist, "退回")
    move(
        dlist, to=S.OPEN, by=by, action="return", audit_action="duties.list.returned", comment=reason.strip()
    )
    return dlist
