"""Writing a checked import: all of it in one short transaction, or nothing.

Everything slow — reading the file, resolving names, comparing with the export — happened in
checking.py without holding any lock. What is left is a few bulk inserts for the new tasks
(services.create_tasks) and one service call per changed task, so the single write transaction
that makes the import all-or-nothing holds the database's write lock (SQLite) and the audit
chain's lock (PostgreSQL) for about a second at 5,000 rows: other users' writes, logins
included, wait that long at most instead of failing with "database is locked".

Issuing the new tasks at once (导入后立即下发) is a transition per task with its own checks and
notifications; in a background import it runs after the import has committed, a few tasks per
transaction, so the lock is never held for long. A task that cannot be issued then stays a
draft and is named in the result.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice

from django.core.exceptions import PermissionDenied
from django.db import transaction

from mingjian.audit.services import record
from mingjian.org.models import Unit, User
from mingjian.rectification import services
from mingjian.rectification.ledger.checking import ImportPlan
from mingjian.rectification.models import Task
from mingjian.workflow.services import TransitionError

ISSUE_CHUNK = 20  # tasks issued per transaction


def apply_plan(
    plan: ImportPlan,
    *,
    user: User,
    issuer: Unit | None,
    source: str,
    filename: str = "",
    issue_now: bool = False,
) -> list[Task]:
    """Create the new tasks and apply the changes through their services, in one transaction.
    With `issue_now` the new tasks are issued in the same transaction (small imports).

    The new rows are converted (and their ids reserved) before the transaction begins, so inside
    it the inserts take a fraction of a second however many there are."""
    creates = [p for _, p in plan.creates]
    if creates and issuer is None:
        raise PermissionDenied
    prepared = services.prepare_tasks(creates, issuer=issuer, source=source, by=user) if issuer else None
    with transaction.atomic():
        tasks = services.write_tasks(prepared, by=user, issue_now=issue_now) if prepared else []
        for update in plan.updates:
            try:
                if update.draft:
                    services.update_draft_task(update.task, by=user, changes=update.draft)
                if update.progress is not None:
                    services.save_progress(update.task, by=user, progress=update.progress)
            except TransitionError as e:
                raise TransitionError(f"第 {update.row} 行（任务编号 {update.task.pk}）：{e}") from None
        record(
            user,
            "rectification.ledger.imported",
            None,
            unit=issuer or user.unit,
            count=len(tasks),
            updated=len(plan.updates),
            source=source,
            issued=issue_now,
            filename=filename[:200],
        )
    return tasks


def issue_in_chunks(
    task_ids: list[int], *, user: User, progress: Callable[[int, int], None] | None = None
) -> tuple[int, list[str]]:
    """Issue drafts a few per transaction: (how many were issued, why the others were not)."""
    issued, refused = 0, []
    it = iter(task_ids)
    while chunk := list(islice(it, ISSUE_CHUNK)):
        with transaction.atomic():
            for task in Task.objects.filter(pk__in=chunk).order_by("pk"):
                try:
                    with transaction.atomic():  # one refusal must not undo the chunk
                        services.issue_task(task, by=user)
                    issued += 1
                except (TransitionError, PermissionDenied) as e:
                    refused.append(f"任务编号 {task.pk}：{e or '无权下发'}")
        if progress is not None:
            progress(issued + len(refused), len(task_ids))
    return issued, refused
