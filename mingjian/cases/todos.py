"""Home-page sections for cases, analyses and recommendations."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from mingjian.cases.display import case_title
from mingjian.cases.models import CaseAnalysis, Recommendation
from mingjian.lib.todos import TodoItem, TodoSection
from mingjian.org import permissions
from mingjian.org.models import UNIT_ROLES, unit_scope_q

LIMIT = 8


def _to_reply(user: Any) -> TodoSection | None:
    if not permissions.is_unit_member(user):
        return None
    today = timezone.localdate()
    recs = (
        Recommendation.objects.visible_to(user)
        .filter(unit_scope_q(user, roles=UNIT_ROLES))
        .awaiting_reply()
        .select_related("unit")
        .order_by("reply_due")
    )
    items = [
        TodoItem(
            f"{r.number} {r.title}",
            r.get_absolute_url(),
            f"{r.reply_due:%m-%d} 前回复",
            "danger" if r.is_overdue(today) else "warning",
        )
        for r in recs[:LIMIT]
    ]
    return TodoSection("待回复的纪检监察建议书", items, "没有待回复的建议书", order=10)


def _to_review(user: Any) -> list[TodoSection]:
    if not permissions.is_supervisor(user):
        return []
    today = timezone.localdate()
    analyses = (
        CaseAnalysis.objects.visible_to(user)
        .filter(status=CaseAnalysis.Status.SUBMITTED)
        .select_related("case__unit")
        .prefetch_related("case__persons")[:LIMIT]
    )
    overdue = Recommendation.objects.visible_to(user).overdue(today).select_related("unit")[:LIMIT]
    return [
        TodoSection(
            "待审定的案件剖析",
            [TodoItem(case_title(a.case, user), a.get_absolute_url()) for a in analyses],
            "没有待审定的剖析",
            order=20,
        ),
        TodoSection(
            "逾期未回复的建议书",
            [
                TodoItem(
                    f"{r.number} {r.unit.name}",
                    r.get_absolute_url(),
                    f"已逾期 {(today - r.reply_due).days} 天",
                    "danger",
                )
                for r in overdue
                if r.reply_due
            ],
            "没有逾期",
            reverse("cases:recommendation-list") + "?status=overdue",
            order=21,
        ),
    ]


def sections(user: Any) -> list[TodoSection]:
    found = [s for s in [_to_reply(user)] if s is not None]
    return found + _to_review(user)
