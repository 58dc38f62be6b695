"""Cadres (Person, the 干部名册) and accounts (User, optionally tied to a cadre)."""

from __future__ import annotations

from typing import ClassVar, Self, TypeVar

from django.contrib.auth.models import AbstractUser, AnonymousUser, UserManager
from django.db import models
from django.utils import timezone

from mingjian.lib.models import TimeStampedModel

from .scope import UnitScopedQuerySet, unit_scope_q
from .units import Unit

_M = TypeVar("_M", bound=models.Model)


class OrgDataQuerySet(UnitScopedQuerySet[_M]):
    """People and accounts: the unit scope, plus everything for the system/security admins."""

    def visible_to(self, user: User | AnonymousUser) -> Self:
        return self.filter(unit_scope_q(user, prefix="unit__", org_data=True))


class Person(TimeStampedModel):
    """A cadre (干部). People are records; accounts (User) optionally point at one."""

    class Level(models.TextChoices):
        CENTRAL = "central", "中管干部"
        BUREAU = "bureau", "厅局级"
        COUNTY = "county", "县处级"
        TOWNSHIP = "township", "乡科级"
        GENERAL = "general", "一般干部"
        VILLAGE = "village", "村干部"
        OTHER = "other", "其他"

    name = models.CharField("姓名", max_length=50)
    unit = models.ForeignKey(Unit, verbose_name="所在单位", on_delete=models.PROTECT, related_name="people")
    position = models.CharField("职务", max_length=100, blank=True)
    level = models.CharField("职级", max_length=20, choices=Level.choices, default=Level.GENERAL)
    is_party_member = models.BooleanField("中共党员", default=True)
    is_active = models.BooleanField("在职", default=True)

    objects = OrgDataQuerySet.as_manager()

    class Meta:
        verbose_name = "干部"
        verbose_name_plural = "干部"
        ordering: ClassVar = ["unit__path", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.position}）" if self.position else self.name


class AccountManager(UserManager.from_queryset(OrgDataQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    full_name = models.CharField("姓名", max_length=50, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    person = models.OneToOneField(
        Person,
        verbose_name="对应干部",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account",
    )
    phone = models.CharField("联系电话", max_length=30, blank=True)
    failed_login_count = models.PositiveSmallIntegerField("连续登录失败次数", default=0)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)
    # Set by seed_demo only; any later password change clears it (see set_password).
    has_demo_password = models.BooleanField("仍为演示密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)

    objects: ClassVar[AccountManager] = AccountManager()

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        ordering: ClassVar = ["username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.display_name

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self.has_demo_password = False
        self.password_changed_at = timezone.now()
