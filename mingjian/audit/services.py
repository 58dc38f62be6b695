"""Writing and checking the audit trail.

record() is called by every service that changes business data, inside the same transaction,
so the event and the change commit or roll back together.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from mingjian.audit.context import current_ip
from mingjian.audit.models import AuditEvent
from mingjian.lib.bulk import prepare_insert
from mingjian.org.models import Unit

GENESIS = "0" * 64
SECRET_KEYS = ("password", "token", "secret", "passwd", "口令", "密码")
# A fixed key for pg_advisory_xact_lock: one writer at a time extends the chain.
_PG_LOCK_KEY = 7_360_200_001


def mask(data: Any) -> Any:
    """Replace values of secret-looking keys, at any depth, before they reach the log."""
    if isinstance(data, dict):
        return {
            k: "***" if any(s in str(k).lower() for s in SECRET_KEYS) else mask(v) for k, v in data.items()
        }
    if isinstance(data, list | tuple):
        return [mask(v) for v in data]
    return data


def _unit_of(target: models.Model | None) -> Any:
    if target is None:
        return None
    if isinstance(target, Unit):
        return target
    return getattr(target, "unit", None)


def _lock_chain() -> None:
    # SQLite's IMMEDIATE transactions already serialise writers; PostgreSQL needs a lock.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])


def _event(
    actor: Any, action: str, target: models.Model | None, *, unit: Any, ip: str | None, data: dict[str, Any]
) -> AuditEvent:
    """An unsaved, unchained event (seq, prev_hash and hash are set by the caller)."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent(
        created_at=timezone.now(),
        actor=actor if is_user else None,
        actor_label=(actor.display_name if is_user else data.pop("actor_label", ""))[:100],
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        unit=unit if unit is not None else _unit_of(target),
        # Round-trip through JSON so the hash is computed over exactly what the database returns.
        data=json.loads(json.dumps(mask(data), cls=DjangoJSONEncoder, ensure_ascii=False)),
        ip=ip if ip is not None else current_ip.get(),
    )


def _chain(events: list[AuditEvent]) -> None:
    """Number and hash `events` after the last stored one (the caller holds the chain lock)."""
    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, prev_hash = (last[0], last[1]) if last else (0, GENESIS)
    for event in events:
        seq += 1
        event.seq, event.prev_hash = seq, prev_hash
        event.hash = prev_hash = event.compute_hash()


@transaction.atomic
def record(
    actor: Any,
    action: str,
    target: models.Model | None = None,
    *,
    unit: Any = None,
    ip: str | None = None,
    **data: Any,
) -> AuditEvent:
    """Append one event. `actor` may be None or an AnonymousUser (failed logins)."""
    _lock_chain()
    event = _event(actor, action, target, unit=unit, ip=ip, data=data)
    _chain([event])
    event.save(force_insert=True)
    return event


def prepare_events(
    actor: Any, action: str, items: Sequence[tuple[models.Model, dict[str, Any]]]
) -> list[AuditEvent]:
    """One event per (target, data), as record() would write them one by one, built before the
    transaction that appends them (append_events): a bulk import audits each object it creates
    without holding the chain for the seconds that building thousands of events takes."""
    return [_event(actor, action, target, unit=None, ip=None, data=dict(data)) for target, data in items]


def append_events(events: list[AuditEvent]) -> None:
    """Chain and insert prepared events. Call inside the transaction of the change they record."""
    assert transaction.get_connection().in_atomic_block, "append_events() must run inside a transaction"  # noqa: S101
    _lock_chain()
    now = timezone.now()  # the time they are written, so times never run backwards along the chain
    for event in events:
        event.created_at = now
    _chain(events)
    prepare_insert(events).execute()


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    reason: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _events() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("seq").iterator(chunk_size=2000)


def verify_chain() -> ChainReport:
    """Walk the chain from the first event; stop at the first event that does not fit."""
    expected_seq, prev_hash, checked = 1, GENESIS, 0
    for event in _events():
        if event.seq != expected_seq:
            return ChainReport(checked, ChainProblem(event.seq, f"序号不连续：应为 {expected_seq}"))
        if event.prev_hash != prev_hash:
            return ChainReport(checked, ChainProblem(event.seq, "前一条哈希不匹配（事件被删除或插入）"))
        if event.compute_hash() != event.hash:
            return ChainReport(checked, ChainProblem(event.seq, "内容哈希不匹配（事件被篡改）"))
        expected_seq, prev_hash, checked = expected_seq + 1, event.hash, checked + 1
    return ChainReport(checked, None)
