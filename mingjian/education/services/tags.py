"""岗位标签 of cadres, kept by the unit liaison: on the unit's page, or from an Excel list
(姓名, 单位, 岗位标签 — "财务、审批"), all rows or none."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from mingjian.audit.services import record
from mingjian.education import permissions as perms
from mingjian.education import roster, sheets
from mingjian.education.models import PersonTag, PostTag
from mingjian.org.models import Person, Unit, User

TAG_COLUMN = "岗位标签"
_SPLIT = re.compile(r"[、,，;；/\s]+")


def _replace(person: Person, tags: set[int], by: User) -> tuple[list[int], list[int]]:
    current = set(PersonTag.objects.filter(person=person).values_list("tag_id", flat=True))
    added, removed = sorted(tags - current), sorted(current - tags)
    PersonTag.objects.filter(person=person, tag_id__in=removed).delete()
    PersonTag.objects.bulk_create([PersonTag(person=person, tag_id=t, created_by=by) for t in added])
    return added, removed


@transaction.atomic
def save_unit_tags(unit: Unit, *, by: User, tags: dict[int, set[int]]) -> int:
    """Set the tags of the unit's cadres listed in `tags` (person id → tag ids); returns how many
    people changed."""
    if not perms.can_tag(by, unit):
        raise PermissionDenied
    people = {p.pk: p for p in Person.objects.filter(unit=unit, pk__in=list(tags))}
    if set(tags) - set(people):
        raise ValidationError("名单中有不属于本单位的干部，请刷新页面后重试。")
    known = set(PostTag.objects.values_list("pk", flat=True))
    changes = {}
    for pk, chosen in tags.items():
        added, removed = _replace(people[pk], chosen & known, by)
        if added or removed:
            changes[str(pk)] = {"added": added, "removed": removed}
    if changes:
        record(by, "education.tags.updated", unit, people=changes)
    return len(changes)


def _tags_of(text: str, vocabulary: dict[str, PostTag]) -> tuple[set[int], list[str]]:
    names = [n for n in _SPLIT.split(text.strip()) if n]
    unknown = [n for n in names if n not in vocabulary]
    return {vocabulary[n].pk for n in names if n in vocabulary}, unknown


@transaction.atomic
def import_tags(*, by: User, data: bytes, filename: str, units: Iterable[Unit]) -> int:
    """Each listed cadre's tags become those in the sheet (others are left alone). All or none:
    a name not in the roster of `units`, or a tag not in the vocabulary, stops the whole file."""
    scope = [u for u in units if perms.can_tag(by, u)]
    if not filename.lower().endswith(".xlsx"):
        raise sheets.SheetError("请上传 Excel（.xlsx）格式的岗位标签表。")
    sheet = sheets.read_names(data, wanted=(TAG_COLUMN,), what="岗位标签表")
    people = Person.objects.filter(unit__in=scope, is_active=True).select_related("unit")
    matches = roster.match_names(sheet, people, scope="您维护的单位")
    vocabulary = {t.name: t for t in PostTag.objects.all()}
    plans, errors = [], []
    for m in matches:
        tag_ids, unknown = _tags_of(m.row.extra.get(TAG_COLUMN, ""), vocabulary)
        if unknown:
            errors.append(
                f"{m.row.where(sheet.blocks)}：岗位标签“{'”“'.join(unknown)}”不在标签目录中"
                f"（可用：{'、'.join(vocabulary)}）"
            )
        plans.append((m.person, tag_ids))
    if errors:
        raise roster.RosterError(errors)
    changed = sum(1 for person, tag_ids in plans if any(_replace(person, tag_ids, by)))
    record(
        by,
        "education.tags.imported",
        None,
        unit=by.unit,
        filename=filename[:200],
        rows=len(plans),
        changed=changed,
    )
    return changed
