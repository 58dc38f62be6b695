"""Home-page section for 两个责任: talks to approve or record, 问责 to decide, reports to review,
and the viewer's own lists of the year that are still open."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from mingjian.duties import permissions as perms
from mingjian.duties.models import Accountability, DutyList, Talk
from mingjian.duties.progress import progress_of
from mingjian.lib.todos import LIMIT, TodoItem, TodoSection, candidates
from mingjian.org.permissions import has_business_scope


def _talks(user: Any) -> list[TodoItem]:
    items = []
    talks = Talk.objects.visible_to(user).filter(status__in=[Talk.Status.SUBMITTED, Talk.Status.APPROVED])
    for talk in candidates(talks.select_related("issuer", "subject").order_by("planned_on", "id"), LIMIT * 2):
        if talk.status == Talk.Status.SUBMITTED and perms.can_approve_talk(user, talk):
            note, level = "待您批准", "warning"
        elif talk.status == Talk.Status.APPROVED and perms.can_edit_talk(user, talk):
            note, level = "谈话后登记谈话情况", ""
        else:
            continue
        items.append(
            TodoItem(f"{talk.get_kind_display()}：{talk.subject.name}", talk.get_absolute_url(), note, level)
        )
    return items


def _accountability(user: Any) -> list[TodoItem]:
    records = Accountability.objects.visible_to(user).filter(status=Accountability.Status.SUBMITTED)
    return [
        TodoItem(f"问责：{r.target_name}", r.get_absolute_url(), "待登记问责决定", "warning")
        for r in candidates(records.select_related("unit", "person"), LIMIT * 2)
        if perms.can_decide_accountability(user, r) and user.pk not in r.participants()
    ]


def _lists(user: Any) -> tuple[list[TodoItem], list[TodoItem]]:
    """(lists awaiting this reviewer, the viewer's own open lists of the year)."""
    items, mine = [], []
    submitted = DutyList.objects.visible_to(user).filter(status=DutyList.Status.SUBMITTED)
    for dlist in candidates(submitted.select_related("unit"), LIMIT * 2):
        if perms.can_review(user, dlist) and user.pk not in dlist.participants():
            items.append(TodoItem(dlist.title, dlist.get_absolute_url(), "履责情况待审核", "warning"))
    person = getattr(user, "person", None)
    if person is not None:
        own = DutyList.objects.visible_to(user).filter(
            Q(person=person) | Q(person=None, unit=person.unit),
            status=DutyList.Status.OPEN,
            year=timezone.localdate().year,
        )
        for dlist in own:
            if dlist.person_id == person.pk or perms.can_submit(user, dlist):
                p = progress_of(dlist, user)
                mine.append(TodoItem(dlist.title, dlist.get_absolute_url(), f"已履行 {p.done}/{p.total} 项"))
    return items, mine


def sections(user: Any) -> list[TodoSection]:
    if not has_business_scope(user):
        return []
    reviews, own = _lists(user)
    items = (reviews + own + _talks(user) + _accountability(user))[:LIMIT]
    # "查看全部" goes where the items are: the reviewer's queue, or the holder's own lists.
    more = reverse("duties:list-index") + "?status=submitted" if reviews else reverse("duties:mine")
    return [TodoSection("两个责任", items, "没有待办的履责事项", more, 50)]
