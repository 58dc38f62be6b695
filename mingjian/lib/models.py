"""Small model building blocks shared by every business app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from mingjian.org.models import User


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class UnitScopedQuerySet(models.QuerySet):  # type: ignore[type-arg]
    """Rows owned by a unit (a `unit` foreign key); visibility follows the org tree."""

    unit_field = "unit"

    def visible_to(self, user: User | AnonymousUser) -> Self:
        from mingjian.org.permissions import unit_scope_q

        return self.filter(unit_scope_q(user, prefix=f"{self.unit_field}__"))
