"""Home-page sections for cases, analyses and 建议书: what to reply to, what to sign in the
approval chain, what waits for the 纪委 (objections, overdue replies). Badges show real totals."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from mingjian.cases.display import case_title, recommendation_label
from mingjian.cases.models import ApprovalStep, CaseAnalysis, Recommendation
from mingjian.cases.permissions import can_sign_step
from mingjian.lib.todos import LIMIT, TodoItem, TodoSection, candidates, first_rows
from mingjian.org import permissions
from mingjian.org.models import UNIT_ROLES, unit_scope_q
from mingjian.workflow.services import independent


def _to_reply(user: Any) -> TodoSection | None:
    if not permissions.is_unit_member(user):
        return None
    today = timezone.localdate()
    recs = (
        Recommendation.objects.visible_to(user)
        .filter(unit_scope_q(user, roles=UNIT_ROLES))
        .awaiting_reply()
        .select_related("unit", "case")
        .prefetch_related("case__persons")
        .order_by("reply_due")
    )
    rows, total = first_rows(recs)
    items = [
        TodoItem(
            recommendation_label(r, user),
            r.get_absolute_url(),
            f"{r.reply_due:%m-%d} 前回复",
            "danger" if r.is_overdue(today) else "warning",
        )
        for r in rows
    ]
    return TodoSection("待回复的纪检监察建议书", items, "没有待回复的建议书", order=10, total=total)


def _to_sign(user: Any) -> TodoSection | None:
    """建议书 whose next approval step this account holds (and did not draft)."""
    approving = Recommendation.objects.visible_to(user).filter(status=Recommendation.Status.APPROVING)
    # Each one's next step, for all of them in one query (not one per 建议书).
    pending = Prefetch(
        "approvals",
        queryset=ApprovalStep.objects.filter(decision=ApprovalStep.Decision.PENDING).order_by("round", "seq"),
        to_attr="pending_steps",
    )
    mine = []
    loaded = approving.select_related("unit", "issuer", "case").prefetch_related("case__persons", pending)
    for rec in candidates(loaded, 200):
        steps: list[ApprovalStep] = rec.pending_steps
        step = steps[0] if steps else None
        if step is not None and can_sign_step(user, rec, step.kind) and independent(user, rec):
            mine.append(
                TodoItem(recommendation_label(rec, user), rec.get_absolute_url(), step.get_kind_display())
            )
    if not mine:
        return None
    return TodoSection("待我签批的建议书", mine[:LIMIT], "", order=9, total=len(mine))


def _to_review(user: Any) -> list[TodoSection]:
    if not permissions.is_supervisor(user):
        return []
    today = timezone.localdate()
    visible = (
        Recommendation.objects.visible_to(user)
        .select_related("unit", "case")
        .prefetch_related("case__persons")
    )
    submitted = CaseAnalysis.objects.visible_to(user).filter(status=CaseAnalysis.Status.SUBMITTED)
    # Four eyes: an analysis the user wrote or submitted waits for someone else, not for them.
    analyses = [
        a
        for a in submitted.select_related("case__unit").prefetch_related("case__persons")
        if independent(user, a)
    ]
    objections, objections_total = first_rows(visible.filter(status=Recommendation.Status.OBJECTION))
    overdue, overdue_total = first_rows(visible.overdue(today))
    return [
        TodoSection(
            "待审定的案件剖析",
            [TodoItem(case_title(a.case, user), a.get_absolute_url()) for a in analyses[:LIMIT]],
            "没有待审定的剖析",
            order=20,
            total=len(analyses),
        ),
        TodoSection(
            "异议待处理的建议书",
            [
                TodoItem(recommendation_label(r, user), r.get_absolute_url(), "异议", "warning")
                for r in objections
            ],
            "没有异议",
            order=21,
            total=objections_total,
        ),
        TodoSection(
            "逾期未回复的建议书",
            [
                TodoItem(
                    recommendation_label(r, user),
                    r.get_absolute_url(),
                    f"已逾期 {(today - r.reply_due).days} 天",
                    "danger",
                )
                for r in overdue
                if r.reply_due
            ],
            "没有逾期",
            reverse("cases:recommendation-list") + "?status=overdue",
            order=22,
            total=overdue_total,
        ),
    ]


def sections(user: Any) -> list[TodoSection]:
    found = [s for s in (_to_sign(user), _to_reply(user)) if s is not None]
    return found + _to_review(user)
