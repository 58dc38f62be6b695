"""Organisation: the unit tree, cadres (Person), accounts (User) and per-unit roles.

The unit tree is a parent link plus a materialised path ("/1/4/12/"), so "this unit and
everything under it" is one indexed prefix filter, with no recursive query.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.contrib.auth.models import AbstractUser, AnonymousUser, UserManager
from django.db import models
from django.urls import reverse

from mingjian.lib.models import TimeStampedModel, UnitScopedQuerySet


class Field(models.TextChoices):
    """The sector a unit works in, so "units of the same field" can be found."""

    GENERAL = "general", "综合"
    DISCIPLINE = "discipline", "纪检监察"
    CIVIL_AFFAIRS = "civil_affairs", "民政"
    FINANCE = "finance", "财政"
    EDUCATION = "education", "教育"
    NATURAL_RESOURCES = "natural_resources", "自然资源"
    HEALTH = "health", "卫生健康"
    HUMAN_RESOURCES = "human_resources", "人力资源社会保障"
    HOUSING = "housing", "住房城乡建设"
    TRANSPORT = "transport", "交通运输"
    AGRICULTURE = "agriculture", "农业农村"
    WATER = "water", "水利"
    MARKET = "market", "市场监管"
    PUBLIC_SECURITY = "public_security", "公安"
    JUSTICE = "justice", "司法"
    ECOLOGY = "ecology", "生态环境"
    EMERGENCY = "emergency", "应急管理"
    STATE_ASSETS = "state_assets", "国资国企"
    GRASSROOTS = "grassroots", "基层治理"
    OTHER = "other", "其他"


class UnitQuerySet(models.QuerySet["Unit"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        from mingjian.org.permissions import unit_scope_q

        return self.filter(unit_scope_q(user, prefix="", org_data=True))

    def in_business_scope(self, user: User | AnonymousUser) -> Self:
        """Units whose business records the user sees (no administrator override)."""
        from mingjian.org.permissions import unit_scope_q

        return self.filter(unit_scope_q(user, prefix=""))

    def subtree(self, unit: Unit) -> Self:
        return self.filter(path__startswith=unit.path)

    def same_field(self, unit: Unit) -> Self:
        return self.filter(field=unit.field).exclude(pk=unit.pk)


class Unit(TimeStampedModel):
    class Kind(models.TextChoices):
        PARTY_GOVT = "party_govt", "党政机关"
        INSTITUTION = "institution", "事业单位"
        SOE = "soe", "国有企业"
        TOWNSHIP = "township", "乡镇街道"
        VILLAGE = "village", "村社区"
        COMMISSION = "commission", "纪检监察机关"
        STATIONED = "stationed", "派驻机构"
        DEPARTMENT = "department", "内设机构"

    name = models.CharField("单位名称", max_length=100)
    short_name = models.CharField("简称", max_length=30, blank=True)
    code = models.SlugField("单位代码", max_length=50, unique=True)
    # 发文机关代字, e.g. "X纪建" in X纪建〔2026〕3号; set for bodies that issue documents.
    doc_code = models.CharField("发文代字", max_length=20, blank=True)
    # The 发文机关标志 and 署名 of a body that issues documents: its full name with the locality.
    full_name = models.CharField(
        "全称",
        max_length=100,
        blank=True,
        help_text="发文机关标志和署名使用；合署办公的机关用空格分隔，如“中共X市纪律检查委员会 X市监察委员会”。"
        "留空时按单位名称和所在地区推定。",
    )
    office_name = models.CharField(
        "印发机关", max_length=100, blank=True, help_text="公文版记中的印发机关，一般为本机关办公室。"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField("树路径", max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField("层级", default=0, editable=False)
    kind = models.CharField("单位类型", max_length=20, choices=Kind.choices)
    field = models.CharField("所属领域", max_length=30, choices=Field.choices, default=Field.GENERAL)
    # For a 派驻纪检组: the units it supervises (their whole subtrees).
    supervised_units = models.ManyToManyField(
        "self", verbose_name="监督单位", symmetrical=False, blank=True, related_name="supervisors"
    )
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering: ClassVar = ["path"]
        indexes: ClassVar = [
            # LIKE 'prefix%' can use a btree only with the pattern operator class on
            # PostgreSQL in a non-C locale; SQLite ignores opclasses.
            models.Index(fields=["path"], name="org_unit_path_like", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["field"], name="org_unit_field"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("org:unit-detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The path needs the primary key, so a new unit is saved once, then given its path.
        if self.pk is None:
            self.path = f"/pending-{self.code}/"
            super().save(*args, **kwargs)
            self.path, self.depth = self.compute_path()
            super().save(update_fields=["path", "depth"])
            return
        super().save(*args, **kwargs)

    def compute_path(self) -> tuple[str, int]:
        if self.parent_id is None:
            return f"/{self.pk}/", 0
        parent = Unit.objects.only("path", "depth").get(pk=self.parent_id)
        return f"{parent.path}{self.pk}/", parent.depth + 1

    def is_within(self, other: Unit) -> bool:
        """True when this unit is `other` or lies under it."""
        return self.path.startswith(other.path)

    def issuing_names(self) -> tuple[str, ...]:
        """Full names for the 发文机关标志 and 署名 (several for a joint 纪委监委)."""
        from mingjian.org.names import issuing_names

        return issuing_names(self)

    def printing_office(self) -> str:
        """The 印发机关 of this body's documents (its 办公室 unless set otherwise)."""
        from mingjian.org.names import printing_office

        return printing_office(self)

    def ancestors(self) -> UnitQuerySet:
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1]]
        return Unit.objects.filter(pk__in=ids).order_by("depth")


class OrgDataQuerySet(UnitScopedQuerySet):
    """People and accounts: the unit scope, plus everything for the system/security admins."""

    def visible_to(self, user: User | AnonymousUser) -> Self:
        from mingjian.org.permissions import unit_scope_q

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
        from django.utils import timezone

        super().set_password(raw_password)
        self.has_demo_password = False
        self.password_changed_at = timezone.now()


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"
    COMMISSION = "commission", "纪委监委"
    STATIONED = "stationed", "派驻纪检组"
    UNIT_LEADER = "unit_leader", "单位领导"
    UNIT_LIAISON = "unit_liaison", "单位联络员"
    LEADER_READONLY = "leader_readonly", "领导(只读)"


ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})


class RoleAssignment(models.Model):
    """A role held by a user at a unit: the unit is the root of the role's scope.

    纪委监委: the unit is its jurisdiction (e.g. X市). 派驻纪检组: the group's own unit; its scope
    adds the units the group supervises. Unit roles: the user's unit.
    """

    user = models.ForeignKey(User, verbose_name="用户", on_delete=models.CASCADE, related_name="roles")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    unit = models.ForeignKey(Unit, verbose_name="范围单位", on_delete=models.PROTECT, related_name="+")
    granted_by = models.ForeignKey(
        User, verbose_name="授权人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
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
