"""回头看: record 巩固 / 反弹 per sampled task; 反弹 reopens the task or raises a new problem."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from mingjian.org.models import User
from mingjian.rectification import permissions as perms
from mingjian.rectification.models import FollowUpReview, Problem, ReviewFinding, Task
from mingjian.rectification.services.problems import TaskPlan, create_tasks
from mingjian.rectification.services.tasks import reopen_task
from mingjian.workflow.services import TransitionError, lock, move


@dataclass
class FindingInput:
    task: Task
    result: str
    finding: str = ""
    new_problem: bool = False  # on 反弹: a new problem instead of reopening the old task


@transaction.atomic
def record_review(
    review: FollowUpReview, *, by: User, findings: list[FindingInput], summary: str
) -> FollowUpReview:
    review = lock(review)
    if review.status != FollowUpReview.Status.SCHEDULED:
        raise TransitionError("该回头看已完成。")
    if not perms.is_issuer_side(by, review.unit, review.issuer):
        raise PermissionDenied
    sampled = set(review.tasks.values_list("pk", flat=True))
    if not findings or any(f.task.pk not in sampled for f in findings):
        raise TransitionError("请对抽查的任务逐项给出“巩固”或“反弹”结论。")
    for item in findings:
        _apply(review, item, by=by)
    review.conducted_on, review.reviewer, review.summary = timezone.localdate(), by, summary
    move(
        review,
        to=FollowUpReview.Status.DONE,
        by=by,
        action="record",
        audit_action="rectification.review.done",
        fields=("conducted_on", "reviewer", "summary"),
        checked=len(findings),
        rebound=sum(1 for f in findings if f.result == ReviewFinding.Result.REBOUND),
    )
    return review


def _apply(review: FollowUpReview, item: FindingInput, *, by: User) -> None:
    if item.result == ReviewFinding.Result.REBOUND and not item.finding.strip():
        raise TransitionError(f"任务“{item.task}”判定为反弹，须写明检查发现。")
    finding = ReviewFinding.objects.create(
        review=review, task=item.task, result=item.result, finding=item.finding
    )
    if item.result != ReviewFinding.Result.REBOUND:
        return
    if item.new_problem:
        old = item.task.problem
        create_tasks(
            [
                TaskPlan(
                    title=f"回头看发现：{item.finding[:200]}",
                    unit=old.unit,
                    problem_type=old.problem_type,
                    measure=item.finding,
                    links={"finding": finding, "case": old.case, "campaign": old.campaign},
                )
            ],
            issuer=review.issuer,
            source=Problem.Source.FOLLOW_UP,
            by=by,
        )
    else:
        reopen_task(item.task, by=by, reason=f"回头看发现反弹：{item.finding}")
