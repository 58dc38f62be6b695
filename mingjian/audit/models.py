"""The audit trail: append-only, hash-chained business events.

Rows are only ever inserted, by `mingjian.audit.services.record`, inside the transaction of the
change they describe. Database triggers (see triggers.py) refuse UPDATE and DELETE, and each
row's SHA-256 covers its content and the previous row's hash, so `verify_audit` detects an
altered, removed or re-ordered event even when someone bypassed the triggers.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q

from mingjian.audit.labels import label_for
from mingjian.org.models import Role, role_assignments, unit_scope_q

AUDIT_ROLES = frozenset({Role.AUDIT_ADMIN})


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def visible_to(self, user: Any) -> Self:
        """The 审计管理员's scope: events of units in the subtree the role is held at."""
        q = unit_scope_q(user, roles=AUDIT_ROLES)
        # Events with no unit (logins, failed logins of unknown names) belong to the top level.
        if any(a.unit.parent_id is None for a in role_assignments(user) if a.role in AUDIT_ROLES):
            q |= Q(unit__isnull=True)
        return self.filter(q)


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField("序号", unique=True)
    created_at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField("操作人名称", max_length=100, blank=True)
    action = models.CharField("操作", max_length=64, db_index=True)
    target_type = models.CharField("对象类型", max_length=64, blank=True)
    target_id = models.CharField("对象编号", max_length=64, blank=True)
    target_repr = models.CharField("对象", max_length=200, blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    data = models.JSONField("数据", default=dict, blank=True)
    ip = models.GenericIPAddressField("IP 地址", null=True, blank=True)
    prev_hash = models.CharField("前一条哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计事件"
        verbose_name_plural = "审计事件"
        ordering: ClassVar = ["-seq"]
        indexes: ClassVar = [
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
            # The per-address sign-in throttle counts recent failures of one address.
            models.Index(fields=["action", "ip", "created_at"], name="audit_action_ip"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def canonical(self) -> bytes:
        content = {
            "seq": self.seq,
            "created_at": self.created_at.isoformat(timespec="microseconds"),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "target_repr": self.target_repr,
            "unit_id": self.unit_id,
            "data": self.data,
            "ip": self.ip,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()

    @property
    def label(self) -> str:
        return label_for(self.action)


def editors(target: models.Model, *actions: str) -> set[int]:
    """Ids of the accounts that recorded any of `actions` on `target` (e.g. saved an edit)."""
    events = AuditEvent.objects.filter(
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        action__in=actions,
        actor__isnull=False,
    )
    return set(events.values_list("actor_id", flat=True))
