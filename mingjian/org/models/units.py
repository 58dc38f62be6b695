"""The unit tree: a parent link plus a materialised path ("/1/4/12/"), so "this unit and
everything under it" is one indexed prefix filter, with no recursive query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.db import models
from django.urls import reverse

from mingjian.lib.models import TimeStampedModel
from mingjian.org.names import issuing_names, printing_office

from .roles import BUSINESS_ROLES
from .scope import ROOTS_ATTR, scope_paths, unit_scope_q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .people import User


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


def scope_is_whole_tree(user: User | AnonymousUser, roles: frozenset[str] = BUSINESS_ROLES) -> bool:
    """Whether the user's scope for `roles` holds every unit (a province 纪委 over the only tree):
    a walk then needs no unit test at all, rather than one against 2,000 listed ids."""
    paths = scope_paths(user, roles)
    # Only a scope holding a root ("/1/") can hold every unit: no query for anyone else.
    if not user.is_authenticated or not any("/" not in p.strip("/") for p in paths):
        return False
    roots: list[str] | None = getattr(user, ROOTS_ATTR, None)
    if roots is None:  # once per request, like the role rows
        roots = list(Unit.objects.filter(parent__isnull=True).values_list("path", flat=True))
        setattr(user, ROOTS_ATTR, roots)
    return all(any(root.startswith(p) for p in paths) for root in roots)


class UnitQuerySet(models.QuerySet["Unit"]):
    def visible_to(self, user: User | AnonymousUser) -> Self:
        return self.filter(unit_scope_q(user, prefix="", org_data=True))

    def in_scope(self, user: User | AnonymousUser, roles: frozenset[str] = BUSINESS_ROLES) -> Self:
        """Units in the user's scope for `roles` (by default: whose business records the user
        sees; no administrator override)."""
        return self.filter(unit_scope_q(user, roles=roles, prefix=""))

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
        INSPECTION = "inspection", "巡察机构"
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

    def issuing_names(self) -> tuple[str, ...]:
        """Full names for the 发文机关标志 and 署名 (several for a joint 纪委监委)."""
        return issuing_names(self)

    def printing_office(self) -> str:
        """The 印发机关 of this body's documents (its 办公室 unless set otherwise)."""
        return printing_office(self)

    def leadership_unit(self) -> Unit:
        """The unit whose 班子 answers for this one: itself, or for a 内设机构 (科室) the
        nearest enclosing unit that is not one."""
        if self.kind != self.Kind.DEPARTMENT or self.parent_id is None:
            return self
        return self.ancestors().exclude(kind=self.Kind.DEPARTMENT).order_by("-depth").first() or self

    def is_within(self, other: Unit) -> bool:
        """True when this unit is `other` or lies under it."""
        return self.path.startswith(other.path)

    def ancestors(self) -> UnitQuerySet:
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1]]
        return Unit.objects.filter(pk__in=ids).order_by("depth")
