"""Cadres (Person, the 干部名册) and accounts (User, optionally tied to a cadre)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Self, TypeVar

from django.contrib.auth.models import AbstractUser, AnonymousUser, UserManager
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

from mingjian.lib.models import TimeStampedModel

from .scope import UnitScopedQuerySet, unit_scope_q
from .units import Unit

_M = TypeVar("_M", bound=models.Model)


class OrgDataQuerySet(UnitScopedQuerySet[_M]):
    """People and accounts: the unit scope, plus everything for the system/security admins."""

    def visible_to(self, user: User | AnonymousUser) -> Self:
        return self.filter(unit_scope_q(user, prefix="unit__", org_data=True))


class PersonQuerySet(OrgDataQuerySet["Person"]):
    def leadership_of(self, unit: Unit) -> Self:
        """The 班子 (leadership group) answering for `unit`: its own, or for a 内设机构 the
        班子 of the unit it belongs to."""
        return self.filter(unit=unit.leadership_unit(), is_active=True).exclude(leadership="")

    def roster_of(self, *units: Unit) -> Self:
        """The 干部名册 a 责任人 is chosen from: active cadres of the units and their 内设机构."""
        return self.roster_under(u.path for u in units)

    def roster_under(self, paths: Iterable[str]) -> Self:
        """roster_of for units known by their tree paths (read as rows: a province's 2,000
        units as objects cost more than the roster's query)."""
        roots = _subtree_roots(paths)
        q = Q()
        for path in roots:
            q |= Q(unit__path__startswith=path)
        return self.filter(q, is_active=True) if roots else self.none()

    def active_counts(self, units: Iterable[Unit]) -> dict[int, int]:
        """Active cadres per unit id, for the given units only (a page of a list)."""
        rows = (
            self.filter(unit__in=list(units), is_active=True)
            .order_by()
            .values("unit")
            .annotate(n=Count("pk"))
        )
        return {row["unit"]: row["n"] for row in rows}


def _subtree_roots(paths: Iterable[str]) -> list[str]:
    """The paths not inside another one's subtree: a region's units collapse to the region, so a
    province-wide roster is one condition, not thousands (SQLite refuses an expression that deep)."""
    roots: list[str] = []
    for path in sorted(set(paths)):  # a subtree's paths sort together, right after its root's
        if not roots or not path.startswith(roots[-1]):
            roots.append(path)
    return roots


class Person(TimeStampedModel):
    """A cadre (干部). People are records; accounts (User) optionally point at one.

    `leadership` places a cadre in the unit's 班子: the 党委（党组）书记 is the 第一责任人 of 主体责任;
    书记 and the 主要负责人 answer for the unit (they reply to a 建议书); every 班子成员 carries
    一岗双责 for the departments it oversees (分管) and may be named 责任领导 of a task.
    """

    class Leadership(models.TextChoices):
        SECRETARY = "secretary", "党委（党组）书记"
        HEAD = "head", "主要负责人"
        MEMBER = "member", "班子成员"

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
    leadership = models.CharField("班子职务", max_length=20, choices=Leadership.choices, blank=True)
    oversees = models.ManyToManyField(
        Unit,
        verbose_name="分管部门",
        blank=True,
        related_name="overseers",
        help_text="班子成员分管的内设机构或下属单位（一岗双责）",
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "干部"
        verbose_name_plural = "干部"
        ordering: ClassVar = ["unit__path", "id"]
        # The person picker's search by name prefix (org.picker): pattern ops for LIKE 'q%' on
        # PostgreSQL, a plain index on SQLite (opclasses apply to PostgreSQL only).
        indexes: ClassVar = [
            models.Index(fields=["name"], name="person_name", opclasses=["varchar_pattern_ops"]),
            # The 班子 of many units (问责's 被问责领导干部 for a province): a few per unit among
            # 200,000 cadres, read from this index instead of scanning the roster (60 ms).
            models.Index(
                fields=["unit", "leadership", "id"],
                name="person_leaders",
                condition=~models.Q(leadership=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.position}）" if self.position else self.name

    @property
    def is_principal(self) -> bool:
        """书记 or 主要负责人: who answers for the unit as a whole."""
        return self.leadership in (self.Leadership.SECRETARY, self.Leadership.HEAD)


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
