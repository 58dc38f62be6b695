"""典型案例: the case as a 通报 describes it — people, conduct, sanctions, money — and how widely
it may be shown. The 通报 text itself is kept verbatim; every structured field was read from it
by the parser and confirmed by a clerk."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from mingjian.lib.models import TimeStampedModel
from mingjian.org.models import (
    BUSINESS_ROLES,
    SUPERVISING_ROLES,
    Unit,
    UnitScopedQuerySet,
    role_assignments,
    unit_scope_q,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from mingjian.org.models import User


class Discipline(models.TextChoices):
    POLITICAL = "political", "政治纪律"
    ORGANIZATIONAL = "organizational", "组织纪律"
    INTEGRITY = "integrity", "廉洁纪律"
    MASS = "mass", "群众纪律"
    WORK = "work", "工作纪律"
    LIFE = "life", "生活纪律"


# The longest search text considered; longer input is cut, never an error.
MAX_QUERY = 100

DISCIPLINE_BY_LABEL = {label: value for value, label in Discipline.choices}


class PartySanction(models.TextChoices):
    WARNING = "warning", "警告"
    SERIOUS_WARNING = "serious_warning", "严重警告"
    REMOVAL_FROM_POST = "removal_from_post", "撤销党内职务"
    PROBATION = "probation", "留党察看"
    EXPULSION = "expulsion", "开除党籍"


class GovtSanction(models.TextChoices):
    WARNING = "warning", "警告"
    DEMERIT = "demerit", "记过"
    MAJOR_DEMERIT = "major_demerit", "记大过"
    DEMOTION = "demotion", "降级"
    DISMISSAL_FROM_POST = "dismissal_from_post", "撤职"
    EXPULSION = "expulsion", "开除"


# Severity follows the order of the choices (the law lists them from light to heavy).
PARTY_ORDER = [value for value, _ in PartySanction.choices]
GOVT_ORDER = [value for value, _ in GovtSanction.choices]


class CaseLevel(models.TextChoices):
    CENTRAL = "central", "中管干部"
    BUREAU = "bureau", "厅局级"
    COUNTY = "county", "县处级"
    TOWNSHIP = "township", "乡科级"
    VILLAGE = "village", "村干部"
    OTHER = "other", "其他人员"
    UNKNOWN = "unknown", "未载明"


LEVEL_BY_LABEL = {
    "中管干部": "central",
    "厅局级": "bureau",
    "县处级": "county",
    "乡科级": "township",
    "村干部": "village",
    "other": "other",
    "unknown": "unknown",
}


class ViolationType(models.Model):
    """The controlled vocabulary of conduct, each under one of the six disciplines.

    Reference data, loaded by a data migration; `keywords` let the importer map the parser's
    free-text labels onto it."""

    discipline = models.CharField("所属纪律", max_length=20, choices=Discipline.choices)
    name = models.CharField("违纪行为", max_length=60, unique=True)
    keywords = models.CharField(
        "匹配关键词", max_length=200, blank=True, help_text="以“|”分隔；通报中出现任一关键词即归入此类"
    )
    eight_point = models.BooleanField("属违反中央八项规定精神", default=False)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "违纪行为类型"
        verbose_name_plural = "违纪行为类型"
        ordering: ClassVar = ["discipline", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.get_discipline_display()}·{self.name}"


class CaseQuerySet(UnitScopedQuerySet["Case"]):
    def in_unit_scope(self, user: User | AnonymousUser) -> Self:
        """Only the case unit's scope and its supervisors: for analyses and recommendations,
        which are never shared the way the 通报 itself may be."""
        return super().visible_to(user)

    def visible_to(self, user: User | AnonymousUser) -> Self:
        """The unit scope, plus cases published city-wide or to the viewer's own field."""
        business = [a for a in role_assignments(user) if a.role in BUSINESS_ROLES]
        if not business:
            return self.none()
        fields = {a.unit.field for a in business}
        shared = Q(publicity=Case.Publicity.CITY) | Q(publicity=Case.Publicity.FIELD, unit__field__in=fields)
        return self.filter(unit_scope_q(user) | shared)

    def filtered(self, data: Mapping[str, Any], user: User | AnonymousUser) -> Self:
        """The case list's filters, from its form's cleaned data; `q` searches what `user` reads."""
        cases = self
        if data.get("discipline"):
            cases = cases.filter(violation_types__discipline=data["discipline"])
        if data.get("sanction"):
            kind, value = data["sanction"].split(":", 1)
            cases = cases.filter(**{f"persons__{kind}_sanction": value})
        if data.get("level"):
            cases = cases.filter(persons__level=data["level"])
        if data.get("year"):
            cases = cases.filter(
                Q(notice_date__year=data["year"]) | Q(notice_date__isnull=True, created_at__year=data["year"])
            )
        if data.get("unit"):
            cases = cases.filter(unit__path__startswith=data["unit"].path)
        if data.get("field"):
            cases = cases.filter(unit__field=data["field"])
        if data.get("q"):
            cases = cases.search(str(data["q"])[:MAX_QUERY], user)
        return cases.distinct()

    def search(self, q: str, user: User | AnonymousUser) -> Self:
        """Cases whose text, as `user` may read it, contains `q` — never an oracle for names.

        The 纪委 over a case's unit reads the title and the 通报 itself, so SQL matches them. Any
        other reader sees the title and the 违纪事实摘要 with names masked and no 通报 at all, so
        those rows match only when the masked text contains `q`: "孙大明" finds nothing, "孙某某"
        finds the case. Masking keeps every character except the names it replaces, so each
        "某"-free piece of `q` must occur in the stored text — a cheap SQL pre-filter — and the
        masked text is then checked in Python for the few candidates left.
        """
        real = unit_scope_q(user, roles=SUPERVISING_ROLES)
        readable = self.filter(real).filter(Q(title__contains=q) | Q(notice_text__contains=q))
        pieces = [p for p in q.split("某") if p]
        candidates = self.exclude(real)
        in_title = Q(*[Q(title__contains=p) for p in pieces]) if pieces else Q()
        in_notes = Q(*[Q(violation_notes__contains=p) for p in pieces]) if pieces else Q()
        candidates = candidates.filter(in_title | in_notes).prefetch_related("persons")
        masked = [
            c.pk for c in candidates.iterator(chunk_size=500) if q in c.masked_title or q in c.masked_notes
        ]
        return self.filter(Q(pk__in=readable.values("pk")) | Q(pk__in=masked))


class Case(TimeStampedModel):
    class Publicity(models.TextChoices):
        CITY = "city", "全市通报"
        FIELD = "field", "同领域通报"
        UNIT = "unit", "仅本单位"

    title = models.CharField("案例标题", max_length=200)
    unit = models.ForeignKey(Unit, verbose_name="发案单位", on_delete=models.PROTECT, related_name="cases")
    notice_text = models.TextField("通报原文")
    notice_source = models.CharField(
        "通报来源", max_length=100, blank=True, help_text="如：X市纪委监委关于……典型问题的通报"
    )
    notice_date = models.DateField("通报日期", null=True, blank=True)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    decided_on = models.DateField("处分决定日期", null=True, blank=True)
    violation_types = models.ManyToManyField(
        ViolationType, verbose_name="违纪行为", blank=True, related_name="cases"
    )
    violation_notes = models.TextField("违纪事实摘要", blank=True, help_text="通报所述行为，一行一项")
    eight_point_rules = models.BooleanField("违反中央八项规定精神", default=False)
    duty_crimes = models.JSONField("涉嫌职务犯罪", default=list, blank=True)
    org_handling = models.JSONField("组织处理", default=list, blank=True)
    other_measures = models.JSONField("其他措施", default=list, blank=True)
    transferred_to_prosecution = models.BooleanField("移送检察机关", default=False)
    amount_yuan = models.DecimalField(
        "涉案金额（元）", max_digits=16, decimal_places=2, null=True, blank=True
    )
    publicity = models.CharField("公开范围", max_length=10, choices=Publicity.choices, default=Publicity.UNIT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = "典型案例"
        verbose_name_plural = "典型案例"
        ordering: ClassVar = ["-notice_date", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:case-detail", args=[self.pk])

    @property
    def masked_title(self) -> str:
        """The title as non-纪委 readers see it: every concerned person's name masked."""
        return mask_names(self.title, [p.name for p in self.persons.all()])

    @property
    def masked_notes(self) -> str:
        return mask_names(self.violation_notes, [p.name for p in self.persons.all()])

    @property
    def disciplines(self) -> list[str]:
        found = {v.discipline for v in self.violation_types.all()}
        return [label for value, label in Discipline.choices if value in found]

    def most_severe(self, field: str, order: list[str]) -> str:
        values = [getattr(p, field) for p in self.persons.all() if getattr(p, field)]
        return max(values, key=order.index) if values else ""

    @property
    def party_sanction(self) -> str:
        value = self.most_severe("party_sanction", PARTY_ORDER)
        return PartySanction(value).label if value else ""

    @property
    def govt_sanction(self) -> str:
        value = self.most_severe("govt_sanction", GOVT_ORDER)
        return GovtSanction(value).label if value else ""

    @property
    def amount_wan(self) -> Decimal | None:
        return self.amount_yuan / 10000 if self.amount_yuan is not None else None


def mask_name(name: str) -> str:
    """张三丰 → 张某某: how names appear outside the 纪委's own pages."""
    if not name or name.endswith("某") or "某" in name[1:]:
        return name
    return f"{name[0]}某某"


def mask_names(text: str, names: Iterable[str]) -> str:
    """Every full name in `text` masked, longest first (欧阳大明 whole even if 欧阳大 is a name)."""
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text


class CasePerson(models.Model):
    case = models.ForeignKey(Case, verbose_name="案例", on_delete=models.CASCADE, related_name="persons")
    name = models.CharField("姓名", max_length=50)
    position = models.CharField("职务", max_length=200, blank=True)
    level = models.CharField("职级", max_length=20, choices=CaseLevel.choices, default=CaseLevel.UNKNOWN)
    person = models.ForeignKey(
        "org.Person",
        verbose_name="对应干部",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    party_sanction = models.CharField("党纪处分", max_length=20, choices=PartySanction.choices, blank=True)
    party_sanction_detail = models.CharField(
        "党纪处分说明", max_length=50, blank=True, help_text="如：留党察看一年"
    )
    govt_sanction = models.CharField("政务处分", max_length=20, choices=GovtSanction.choices, blank=True)
    is_retired = models.BooleanField("已退休", default=False)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "涉案人员"
        verbose_name_plural = "涉案人员"
        ordering: ClassVar = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)
