"""Roles: what an account may do, and at which unit of the tree (the root of its scope)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"
    COMMISSION = "commission", "纪委监委"
    STATIONED = "stationed", "派驻纪检组"
    UNIT_LEADER = "unit_leader", "单位领导"
    UNIT_LIAISON = "unit_liaison", "单位联络员"
    LEADER_READONLY = "leader_readonly", "领导(只读)"
    # 巡察: the 巡察办/巡察组 issues feedback and approves the unit's 整改方案; the 纪委 and the
    # 组织部 follow 巡察整改 as monitors. Both see only 巡察-sourced records, never a unit's other work.
    INSPECTION_OFFICE = "inspection_office", "巡察机构"
    INSPECTION_MONITOR = "inspection_monitor", "巡察整改监督（只读）"


ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
# Roles that see business content (cases, tasks…) within their scope.
BUSINESS_ROLES = frozenset(
    {Role.COMMISSION, Role.STATIONED, Role.UNIT_LEADER, Role.UNIT_LIAISON, Role.LEADER_READONLY}
)
# Roles that act (write) within their scope; the read-only leader only reads.
ACTING_ROLES = frozenset({Role.COMMISSION, Role.STATIONED, Role.UNIT_LEADER, Role.UNIT_LIAISON})
SUPERVISING_ROLES = frozenset({Role.COMMISSION, Role.STATIONED})
# The unit's own people: they answer 建议书, work on tasks and can be named 责任领导.
UNIT_ROLES = frozenset({Role.UNIT_LIAISON, Role.UNIT_LEADER})
INSPECTION_ROLES = frozenset({Role.INSPECTION_OFFICE, Role.INSPECTION_MONITOR})


class RoleAssignment(models.Model):
    """A role held by a user at a unit: the unit is the root of the role's scope.

    纪委监委: the unit is its jurisdiction (e.g. X市). 派驻纪检组: the group's own unit; its scope
    adds the units the group supervises. Unit roles: the user's unit.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    unit = models.ForeignKey("org.Unit", verbose_name="范围单位", on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="授权人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("授权时间", auto_now_add=True)

    class Meta:
        verbose_name = "角色授权"
        verbose_name_plural = "角色授权"
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="org_role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit.name}·{self.get_role_display()}"
