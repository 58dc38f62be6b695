"""The one way a status changes.

A workflow model declares `status` (TextChoices field) and `TRANSITIONS`, a dict from each
status to the statuses it may move to. Each business transition is its own service function
(issue_recommendation, accept_task …) which checks capabilities and preconditions, then calls
`move()`: that checks the table, saves the status with the other changed fields, writes the
StatusChange row and the audit event, all in the caller's transaction.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import QuerySet

from mingjian.audit.services import record
from mingjian.workflow.models import StatusChange


class TransitionError(Exception):
    """An illegal or stale move; the message is Chinese and shown to the person as is."""


class Workflow(Protocol):
    pk: Any
    status: str
    TRANSITIONS: ClassVar[dict[str, frozenset[str]]]

    def get_status_display(self) -> str: ...


W = TypeVar("W", bound=models.Model)


def lock(obj: W) -> W:
    """Re-read `obj`'s row under a lock; refuse when its status is no longer the one the caller
    read (someone else moved it meanwhile: one of two people acting at once wins)."""
    fresh = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    if getattr(fresh, "status", None) != getattr(obj, "status", None):
        shown = fresh.get_status_display()  # type: ignore[attr-defined]
        raise TransitionError(f"该记录已被他人处理（当前状态：{shown}），请刷新后重试。")
    return fresh


def check(obj: Workflow, to: str) -> None:
    if to not in obj.TRANSITIONS.get(obj.status, frozenset()):
        labels = dict(type(obj).status.field.choices)  # type: ignore[attr-defined]
        raise TransitionError(f"当前状态为“{obj.get_status_display()}”，不能变更为“{labels.get(to, to)}”。")


def move(
    obj: Any,
    *,
    to: str,
    by: Any,
    action: str,
    audit_action: str,
    comment: str = "",
    fields: tuple[str, ...] = (),
    **data: Any,
) -> StatusChange:
    """Check the table, save status (+ `fields`), write history and audit. Call inside atomic."""
    assert transaction.get_connection().in_atomic_block, "move() must run inside a transaction"  # noqa: S101
    check(obj, to)
    before = obj.status
    obj.status = to
    obj.save(update_fields=["status", *fields, *(["updated_at"] if hasattr(obj, "updated_at") else [])])
    change = StatusChange.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        action=action,
        from_status=before,
        to_status=to,
        actor=by,
        comment=comment,
    )
    record(by, audit_action, obj, from_status=before, to_status=to, comment=comment, **data)
    return change


def history(obj: models.Model) -> QuerySet[StatusChange]:
    return StatusChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("actor", "content_type")


def actors(obj: models.Model, *actions: str) -> set[int]:
    """Ids of the accounts that performed any of `actions` on `obj`, in any round."""
    return set(
        StatusChange.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, action__in=actions
        )
        .exclude(actor=None)
        .values_list("actor_id", flat=True)
    )


class Participated(Protocol):
    def participants(self) -> set[int]: ...


def independent(user: Any, obj: Participated) -> bool:
    """Four eyes: the user neither drafted, signed nor submitted `obj` (each workflow model says
    who took part), so may approve, verify or close it. The one rule every decision calls."""
    return bool(getattr(user, "is_authenticated", False)) and user.pk not in obj.participants()


def require_independent(user: Any, obj: Participated, what: str) -> None:
    if not independent(user, obj):
        raise TransitionError(f"不能{what}本人起草、签认或提交的事项（四眼原则），请由其他人员办理。")
