"""整改任务 workflow: one function per transition.

draft -issue-> issued -start-> in_progress -submit-> submitted -accept-> accepted (销号)
                                   ^                     |              |
                                   +---- returned <------+ return       |
                                   +------------------------ reopen ----+ (回头看 反弹)

Each function locks the task row and refuses when its status is not the one the caller saw
(two people acting at once: one wins, the other is told the task changed), checks the
capability and preconditions, then moves through workflow.move (history + audit, same
transaction). Notifications go out after commit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from mingjian.audit.services import record
from mingjian.lib.uploads import CheckedFile
from mingjian.org.models import User
from mingjian.rectification import permissions as perms
from mingjian.rectification.alerts import notify_task
from mingjian.rectification.models import (
    Evidence,
    FollowUpReview,
    LeaderConfirmation,
    RectificationPolicy,
    Task,
)
from mingjian.workdays.services import add_working_days
from mingjian.workflow.services import TransitionError, check, lock, move, require_independent

S = Task.Status


def _deadline(task: Task, today: date) -> tuple[date | None, bool]:
    if task.due_working_days:
        deadline = add_working_days(today, task.due_working_days)
        return deadline.date, deadline.provisional
    return task.due_date, task.due_provisional


# What a draft's edit may change; status, round and the timestamps only ever move through move().
DRAFT_FIELDS = ("measure", "category", "due_date", "due_working_days")


@transaction.atomic
def update_draft_task(task: Task, *, by: User, changes: dict[str, Any]) -> Task:
    """Save edits of a draft under the row lock, writing only the edited columns, so an issue
    that happened meanwhile is refused here rather than silently undone."""
    task = lock(task)
    if not perms.can_issue(by, task):
        raise PermissionDenied
    if task.status != S.DRAFT:
        raise TransitionError("任务已下发，不能再修改。")
    unknown = set(changes) - set(DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"not draft fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(task, name, value)
    task.save(update_fields=[*changes, "updated_at"])
    record(by, "rectification.task.updated", task, fields=sorted(changes))
    return task


@transaction.atomic
def issue_task(task: Task, *, by: User) -> Task:
    task = lock(task)
    if not perms.can_issue(by, task):
        raise PermissionDenied
    return start_clock(task, by=by)


def start_clock(task: Task, *, by: User) -> Task:
    """Issue a locked task whose issuing the caller has authorised (issue_task, or the approval
    of the unit's 整改方案): the deadline is fixed and the clock starts."""
    check(task, S.ISSUED)
    if not task.responsibilities.exists():
        raise TransitionError("请先填写责任清单（责任单位、责任领导、责任人）再下发。")
    today = timezone.localdate()
    task.due_date, task.due_provisional = _deadline(task, today)
    if task.due_date is None and task.category != Task.Category.LONG_TERM:
        raise TransitionError("请填写完成时限（日期或下发后工作日数）。")
    if task.due_date is not None and task.due_date < today:
        raise TransitionError("完成时限不能早于今天。")
    task.issued_at = timezone.now()
    move(
        task,
        to=S.ISSUED,
        by=by,
        action="issue",
        audit_action="rectification.task.issued",
        fields=("due_date", "due_provisional", "issued_at"),
        due_date=task.due_date,
    )
    notify_task(task, "issued", f"新整改任务：{task}", leaders=True)
    return task


@transaction.atomic
def start_task(task: Task, *, by: User) -> Task:
    """The responsible unit accepts the task (or resumes it after a return)."""
    task = lock(task)
    if not perms.can_work_on(by, task):
        raise PermissionDenied
    move(task, to=S.IN_PROGRESS, by=by, action="start", audit_action="rectification.task.started")
    return task


@transaction.atomic
def add_evidence(
    task: Task,
    *,
    by: User,
    kind: str,
    name: str,
    checked: CheckedFile | None = None,
    record_ref: str = "",
    amount_yuan: Decimal | None = None,
    note: str = "",
    supersedes: Evidence | None = None,
) -> Evidence:
    task = lock(task)
    if not perms.can_work_on(by, task):
        raise PermissionDenied
    if task.status not in (S.IN_PROGRESS, S.RETURNED):
        raise TransitionError("只有整改中或已退回的任务可以上传佐证材料。")
    if checked is None and not record_ref.strip():
        raise TransitionError("佐证材料须上传附件，或填写关联记录（如制度文号、追缴凭证号）。")
    if supersedes is not None and (supersedes.task_id != task.pk or not supersedes.is_current):
        raise TransitionError("只能替换本任务中当前有效的佐证材料。")
    # A name is never empty: the file's name, or the kind and the record it points at.
    fallback = checked.name if checked else f"{Evidence.Kind(kind).label}：{record_ref.strip()}"
    evidence = Evidence(
        task=task,
        kind=kind,
        name=(name.strip() or fallback)[:200],
        record_ref=record_ref.strip(),
        amount_yuan=amount_yuan,
        note=note,
        uploaded_by=by,
        supersedes=supersedes,
        version=supersedes.version + 1 if supersedes else 1,
    )
    if checked is not None:
        evidence.size, evidence.sha256 = checked.size, checked.sha256
        evidence.file.save(checked.name, ContentFile(checked.data), save=False)
    evidence.save()
    record(
        by,
        "rectification.evidence.added",
        evidence,
        unit=task.unit,
        task=task.pk,
        kind=kind,
        sha256=evidence.sha256,
        version=evidence.version,
    )
    return evidence


@transaction.atomic
def save_progress(task: Task, *, by: User, progress: str) -> Task:
    """The unit writes what it did; a leader then signs exactly this text (a later edit voids it)."""
    task = lock(task)
    if not perms.can_work_on(by, task):
        raise PermissionDenied
    if task.status != S.IN_PROGRESS:
        raise TransitionError("只有整改中的任务可以填写整改进展。")
    if not progress.strip():
        raise TransitionError("请填写整改进展和成效。")
    task.progress = progress.strip()
    task.save(update_fields=["progress", "updated_at"])
    record(by, "rectification.task.progress", task, round=task.round, chars=len(task.progress))
    return task


def _attested(task: Task) -> Any:
    """This round's sign-offs that attest the 整改进展 as it now reads."""
    return task.confirmations.filter(round=task.round, progress=task.progress)


@transaction.atomic
def confirm_task(task: Task, *, by: User, comment: str = "") -> LeaderConfirmation:
    """责任领导签认: only a leader named in the 责任清单, with their own account, after the unit has
    written its progress — the signature attests that text."""
    task = lock(task)
    if not perms.is_leader_of(by, task):
        raise PermissionDenied
    if task.status != S.IN_PROGRESS:
        raise TransitionError("只有整改中的任务需要责任领导签认。")
    if not task.progress.strip():
        raise TransitionError("请先由责任单位填写整改进展，再签认。")
    if _attested(task).filter(leader=by).exists():
        raise TransitionError("您已签认本轮整改情况。")
    confirmation = LeaderConfirmation.objects.create(
        task=task, leader=by, round=task.round, progress=task.progress, comment=comment
    )
    record(by, "rectification.task.confirmed", task, round=task.round, comment=comment)
    return confirmation


@transaction.atomic
def confirm_tasks(tasks: list[Task], *, by: User, comment: str = "") -> list[LeaderConfirmation]:
    """Sign several tasks at once (all or none: the first refusal names its task)."""
    done = []
    for task in tasks:
        try:
            done.append(confirm_task(task, by=by, comment=comment))
        except TransitionError as e:
            raise TransitionError(f"“{task}”：{e}") from None
    return done


def _current_evidence(task: Task) -> Any:
    return task.evidence.filter(superseded_by__isnull=True)


@transaction.atomic
def submit_task(task: Task, *, by: User) -> Task:
    """提交销号: evidence in hand, the progress written and signed by the 责任领导 — and sent by
    someone other than the leader who signed it."""
    task = lock(task)
    if not perms.can_work_on(by, task):
        raise PermissionDenied
    check(task, S.SUBMITTED)
    if not task.progress.strip():
        raise TransitionError("请填写整改进展和成效。")
    if not _current_evidence(task).exists():
        raise TransitionError("提交前须上传至少一项佐证材料（附件或关联记录）。")
    leaders = set(
        task.responsibilities.filter(role="lead", leader__isnull=False).values_list("leader", flat=True)
    )
    if not leaders:
        raise TransitionError("责任清单中未指定牵头单位的责任领导，无法签认。")
    signed = set(_attested(task).values_list("leader", flat=True))
    if not leaders & signed:
        raise TransitionError("须由责任领导用本人账号对当前整改进展签认后才能提交（进展修改后须重新签认）。")
    if by.pk in signed:
        raise TransitionError("签认的责任领导不能本人提交，请由联络员或其他人员提交（四眼原则）。")
    task.submitted_at, task.submitted_by = timezone.now(), by
    move(
        task,
        to=S.SUBMITTED,
        by=by,
        action="submit",
        audit_action="rectification.task.submitted",
        fields=("submitted_at", "submitted_by"),
        round=task.round,
    )
    notify_task(task, "submitted", f"整改任务待审核：{task}", supervisors=True)
    return task


# Conditions other apps add to 销号 (建章立制: a problem from a 制度漏洞 needs a rule in force), so
# this engine does not import them. Each gate returns the Chinese reason it refuses, or "".
AcceptGate = Callable[[Task], str]
_accept_gates: list[AcceptGate] = []


def register_accept_gate(gate: AcceptGate) -> None:
    if gate not in _accept_gates:
        _accept_gates.append(gate)


def acceptance_refusals(task: Task) -> list[str]:
    return [reason for reason in (gate(task) for gate in _accept_gates) if reason]


@transaction.atomic
def accept_task(task: Task, *, by: User, verification: str, note: str = "") -> Task:
    """销号, and a 回头看 scheduled months later."""
    task = lock(task)
    if not perms.can_accept(by, task):
        raise PermissionDenied
    check(task, S.ACCEPTED)
    require_independent(by, task, "验收销号")
    refusals = acceptance_refusals(task)
    if refusals:
        raise TransitionError("；".join(refusals))
    if verification not in Task.Verification.values:
        raise TransitionError("请选择核查方式（书面核查、实地核查或回访群众）。")
    task.accepted_at, task.accepted_by = timezone.now(), by
    task.verification, task.verification_note = verification, note
    move(
        task,
        to=S.ACCEPTED,
        by=by,
        action="accept",
        audit_action="rectification.task.accepted",
        comment=note,
        fields=("accepted_at", "accepted_by", "verification", "verification_note"),
        verification=verification,
    )
    schedule_review(task)
    notify_task(task, "accepted", f"整改任务已销号：{task}", leaders=True)
    return task


@transaction.atomic
def return_task(task: Task, *, by: User, reason: str) -> Task:
    task = lock(task)
    if not perms.can_accept(by, task):
        raise PermissionDenied
    check(task, S.RETURNED)
    require_independent(by, task, "退回")
    if not reason.strip():
        raise TransitionError("退回时须写明理由。")
    task.round = F("round") + 1
    move(
        task,
        to=S.RETURNED,
        by=by,
        action="return",
        audit_action="rectification.task.returned",
        comment=reason.strip(),
        fields=("round",),
    )
    task.refresh_from_db(fields=["round"])
    notify_task(task, "returned", f"整改任务被退回：{task}（{reason.strip()[:40]}）", leaders=True)
    return task


@transaction.atomic
def reopen_task(task: Task, *, by: User, reason: str) -> Task:
    """A 回头看 found 反弹: the task is worked on again, in a new round."""
    task = lock(task)
    if not perms.can_issue(by, task):
        raise PermissionDenied
    task.round = F("round") + 1
    move(
        task,
        to=S.IN_PROGRESS,
        by=by,
        action="reopen",
        audit_action="rectification.task.reopened",
        comment=reason,
        fields=("round",),
    )
    task.refresh_from_db(fields=["round"])
    notify_task(task, "reopened", f"回头看发现反弹，任务重新整改：{task}", leaders=True)
    return task


def schedule_review(task: Task) -> FollowUpReview:
    """Put a closed task into the 回头看 planned N months on for its unit (one review per unit,
    issuer and month, so a review samples all tasks closed around the same time)."""
    problem = task.problem
    policy = RectificationPolicy.for_issuer(problem.issuer_id)
    when = (timezone.localdate() + relativedelta(months=policy.review_months)).replace(day=1)
    review, _ = FollowUpReview.objects.get_or_create(
        unit=task.unit,
        issuer=problem.issuer,
        campaign=problem.campaign,
        scheduled_for=when,
        status=FollowUpReview.Status.SCHEDULED,
    )
    review.tasks.add(task)
    return review
